// SPDX-License-Identifier: GPL-2.0
/*
 * Batches on the wire: several requests in one datagram (netlink handles
 * them one after the other and answers each), then every answer read back
 * and matched to its request by sequence number.  A request with a broken
 * netlink header stops netlink's walk through the datagram, and a dump
 * answers only as it is read, so either one ends its batch.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "../conformance/nl.h"
#include "run.h"

/* A u64 with the top 17 bits set: a kernel (direct map, vmalloc, text) address. */
static int nf_is_kaddr(uint64_t v)
{
	return (v >> 47) == 0x1ffff;
}

static void nf_check_data(struct nf_run *run, struct nf_slot *s,
			  const struct nlmsghdr *nlh)
{
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN;
	struct nlattr a;
	uint64_t v;

	s->data++;
	while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
		memcpy(&a, (const char *)nlh + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || off + a.nla_len > nlh->nlmsg_len)
			break;
		if (a.nla_len == NLA_HDRLEN + 8) {
			memcpy(&v, (const char *)nlh + off + NLA_HDRLEN, 8);
			if (nf_is_kaddr(v))
				nf_fail(run, NF_CHK_KADDR, s->n,
					"attribute %u holds %#llx, a kernel address",
					a.nla_type, (unsigned long long)v);
		}
		off += NLA_ALIGN(a.nla_len);
	}
}

/* Whether an NLMSG_DONE carries an extack message after its error. */
static int nf_done_has_ext(const struct nlmsghdr *nlh)
{
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int));
	struct nlattr a;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
		memcpy(&a, (const char *)nlh + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || off + a.nla_len > nlh->nlmsg_len)
			return 0;
		if ((a.nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG &&
		    a.nla_len > NLA_HDRLEN + 1)
			return 1;
		off += NLA_ALIGN(a.nla_len);
	}
	return 0;
}

static void nf_answer(struct nf_run *run, struct nf_slot *s, int error,
		      const struct nlmsghdr *nlh)
{
	struct nc_reply r;

	if (s->answered) {
		nf_fail(run, NF_CHK_ANSWER, s->n, "a second answer");
		return;
	}
	s->answered = 1;
	s->error = error;
	if (nlh) {
		memset(&r, 0, sizeof(r));
		nc_parse_ext_ack(nlh, &r);
		s->has_ext = r.extack[0] != '\0';
		if (run->verbose && error && s->has_ext)
			fprintf(stderr, "# case %llu: %d \"%s\"\n",
				(unsigned long long)s->n, error, r.extack);
	}
}

/* One message read back; returns 1 when it ends its request's answer. */
static int nf_handle(struct nf_run *run, const struct nlmsghdr *nlh)
{
	uint32_t i = nlh->nlmsg_seq - run->seq_base;
	struct nf_slot *s;
	int err = 0;

	if (i >= run->nslots) {
		nf_fail(run, NF_CHK_ANSWER, (uint64_t)-1,
			"a message (type %u) with sequence number %u, which no request of this batch has",
			nlh->nlmsg_type, nlh->nlmsg_seq);
		return 0;
	}
	s = &run->slot[i];
	if (s->expect == NF_NO_REPLY)
		nf_fail(run, NF_CHK_ANSWER, s->n,
			"answered (type %u) though netlink should drop it",
			nlh->nlmsg_type);
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(struct nlmsgerr))
			memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
		nf_answer(run, s, err, nlh);
		return 1;
	case NLMSG_DONE:
		if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(err))
			memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
		nf_answer(run, s, err, NULL);
		s->has_ext = nf_done_has_ext(nlh);
		return 1;
	default:
		if (nlh->nlmsg_type == run->family)
			nf_check_data(run, s, nlh);
		else
			nf_fail(run, NF_CHK_ANSWER, s->n,
				"a message of type %u", nlh->nlmsg_type);
		return 0;
	}
}

/* Read until every request that must be answered was. */
static int nf_collect(struct nf_run *run, unsigned int pending)
{
	const struct nlmsghdr *nlh;
	ssize_t got;
	int len;

	while (pending) {
		got = recv(run->fd, run->rbuf, sizeof(run->rbuf), 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == ENOBUFS) {
			nf_fail(run, NF_CHK_ANSWER, run->slot[0].n,
				"answers lost: the receive buffer overflowed (use a smaller --batch)");
			continue;
		}
		if (got < 0)
			return errno == EAGAIN ? 0 : -errno;
		len = (int)got;
		for (nlh = (void *)run->rbuf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len))
			if (nf_handle(run, nlh) && pending)
				pending--;
	}
	return 0;
}

/**
 * nf_flush() - send the batch, read its answers, judge each request
 * @run: the run
 *
 * Return: 0, or a negative errno when the socket failed.
 */
int nf_flush(struct nf_run *run)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	unsigned int i, pending = 0;
	int ret;

	if (!run->nslots)
		return 0;
	for (i = 0; i < run->nslots; i++)
		if (run->slot[i].expect != NF_NO_REPLY)
			pending++;
	if (sendto(run->fd, run->dgram, run->dlen, 0,
		   (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;
	ret = nf_collect(run, pending);
	for (i = 0; i < run->nslots; i++)
		nf_judge(run, &run->slot[i]);
	run->seq_base += run->nslots;
	run->nslots = 0;
	run->dlen = 0;
	return ret;
}

/**
 * nf_add() - put a case into the batch, sending the batch when it is full
 * @run: the run
 * @c: the case
 * @n: its number
 *
 * Return: 0, or a negative errno when the socket failed.
 */
int nf_add(struct nf_run *run, const struct nf_case *c, uint64_t n)
{
	uint32_t seq = run->seq_base + run->nslots;
	struct nf_slot *s;
	size_t off;
	int ret;

	if (NLMSG_ALIGN(run->dlen) + c->len > NF_DGRAM) {
		ret = nf_flush(run);
		if (ret)
			return ret;
		seq = run->seq_base;
	}
	off = NLMSG_ALIGN(run->dlen);
	memset(run->dgram + run->dlen, 0, off - run->dlen);
	memcpy(run->dgram + off, c->buf, c->len);
	/* The sequence number, where the header is long enough to hold it. */
	if (c->len >= offsetof(struct nlmsghdr, nlmsg_seq) + sizeof(seq))
		memcpy(run->dgram + off + offsetof(struct nlmsghdr, nlmsg_seq),
		       &seq, sizeof(seq));
	run->dlen = off + c->len;
	s = &run->slot[run->nslots++];
	memset(s, 0, sizeof(*s));
	s->n = n;
	s->kind = c->kind;
	s->expect = c->expect;
	s->dump = c->dump;
	run->tally[c->kind].sent++;
	if (c->dump || c->expect == NF_NO_REPLY || run->nslots >= run->batch)
		return nf_flush(run);
	return 0;
}
