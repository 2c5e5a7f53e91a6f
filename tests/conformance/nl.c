// SPDX-License-Identifier: GPL-2.0
/*
 * One request, all of its answer: data messages, the ack or error, and the
 * extended ack attributes that libnl 3.7 does not decode itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* A kernel that never answers fails a check instead of hanging it. */
#define NC_RECV_TIMEOUT_S 10

/* Room for the largest request: a path longer than PATH_MAX. */
#define NC_REQUEST_SIZE 16384

/*
 * Datagrams read by the request in progress.  libnl's recv override takes
 * no argument, so this cannot be passed around; the client is single
 * threaded and nc_transact() resets it.
 */
static unsigned int nc_datagrams;

static int nc_recv(struct nl_sock *sk, struct sockaddr_nl *nla,
		   unsigned char **buf, struct ucred **creds)
{
	int n = nl_recv(sk, nla, buf, creds);

	if (n > 0)
		nc_datagrams++;
	return n;
}

/**
 * nc_socket() - a connected generic netlink socket with extended acks on
 *
 * Return: the socket, or NULL with a message on stderr.
 */
struct nl_sock *nc_socket(void)
{
	struct timeval tv = { .tv_sec = NC_RECV_TIMEOUT_S };
	struct nl_sock *sk;
	int one = 1, err;

	sk = nl_socket_alloc();
	if (!sk) {
		fprintf(stderr, "netanom-conformance: nl_socket_alloc failed\n");
		return NULL;
	}
	err = genl_connect(sk);
	if (err < 0) {
		fprintf(stderr, "netanom-conformance: genl_connect: %s\n",
			nl_geterror(err));
		nl_socket_free(sk);
		return NULL;
	}
	/* libnl 3.7 has no nl_socket_set_ext_ack(); set the option directly. */
	if (setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK,
		       &one, sizeof(one)) ||
	    setsockopt(nl_socket_get_fd(sk), SOL_SOCKET, SO_RCVTIMEO, &tv,
		       sizeof(tv))) {
		fprintf(stderr, "netanom-conformance: setsockopt: %s\n",
			strerror(errno));
		nl_socket_free(sk);
		return NULL;
	}
	/* Replies with a PATH_MAX path are larger than a page. */
	nl_socket_enable_msg_peek(sk);
	return sk;
}

/**
 * nc_socket_small() - like nc_socket(), reading one page at a time
 *
 * The kernel sizes dump messages by the receive buffers it has seen, so a
 * dump on this socket comes in NLMSG_GOODSIZE parts and has to resume.
 *
 * Return: the socket, or NULL.
 */
struct nl_sock *nc_socket_small(void)
{
	struct nl_sock *sk = nc_socket();

	if (!sk)
		return NULL;
	nl_socket_disable_msg_peek(sk);
	if (nl_socket_set_msg_buf_size(sk, 8192) < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	return sk;
}

/**
 * nc_request() - a generic netlink request for @family
 * @family: family id
 * @cmd: command
 * @flags: extra netlink flags (NLM_F_DUMP)
 *
 * Return: the message, or NULL when out of memory.
 */
struct nl_msg *nc_request(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(NC_REQUEST_SIZE);

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 1)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nc_state {
	nc_msg_fn fn;
	void *arg;
	struct nc_reply *r;
	int done;
};

/**
 * nc_parse_ext_ack() - the extended ack of an NLMSG_ERROR
 * @nlh: the message
 * @r: its message, missing attribute type and offset are filled in
 *
 * The TLVs follow struct nlmsgerr and, unless capped, the echoed request.
 */
void nc_parse_ext_ack(const struct nlmsghdr *nlh, struct nc_reply *r)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN;
	size_t off = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || len < off)
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	off = NLMSG_ALIGN(off);
	if (off >= len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)nlmsg_data(nlh) + off),
		      (int)(len - off), NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(r->extack, sizeof(r->extack), "%.*s",
			 nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (const char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) == 4)
		r->miss_type = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
	if (tb[NLMSGERR_ATTR_OFFS] && nla_len(tb[NLMSGERR_ATTR_OFFS]) == 4)
		r->offs = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
}

static int nc_valid_cb(struct nl_msg *msg, void *arg)
{
	struct nc_state *st = arg;

	st->r->nmsgs++;
	if (st->fn)
		st->fn(msg, st->arg);
	return NL_OK;
}

static int nc_ack_cb(struct nl_msg *msg, void *arg)
{
	struct nc_state *st = arg;

	nc_parse_ext_ack(nlmsg_hdr(msg), st->r);
	st->done = 1;
	return NL_STOP;
}

/* NLMSG_DONE of a dump: its payload is the dump's final error, if any. */
static int nc_finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nc_state *st = arg;
	int err;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = NLMSG_ALIGN(sizeof(int));

	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		memcpy(&err, nlmsg_data(nlh), sizeof(err));
		if (err < 0)
			st->r->error = err;
	}
	/* A dump that failed says why after its error, as an ack does. */
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    nlh->nlmsg_len > NLMSG_HDRLEN + off &&
	    nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)nlmsg_data(nlh) + off),
		      (int)(nlh->nlmsg_len - NLMSG_HDRLEN - off), NULL) >= 0 &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(st->r->extack, sizeof(st->r->extack), "%.*s",
			 nla_len(tb[NLMSGERR_ATTR_MSG]),
			 (const char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	st->done = 1;
	return NL_STOP;
}

static int nc_err_cb(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)
		((char *)e - NLMSG_HDRLEN);
	struct nc_state *st = arg;

	(void)nla;
	st->r->error = e->error;
	nc_parse_ext_ack(nlh, st->r);
	st->done = 1;
	return NL_STOP;
}

static int nc_intr_cb(struct nl_msg *msg, void *arg)
{
	struct nc_state *st = arg;

	(void)msg;
	st->r->dump_intr = 1;
	return NL_OK;	/* still a valid message: count it */
}

/**
 * nc_transact() - send a request and read its whole answer
 * @sk: socket from nc_socket()
 * @msg: request; always freed
 * @fn: called for every data message, may be NULL
 * @arg: passed to @fn
 * @r: filled with the outcome
 *
 * Return: 0 when the kernel answered (see @r->error for its verdict), or a
 * negative libnl error when the exchange itself failed.
 */
int nc_transact(struct nl_sock *sk, struct nl_msg *msg, nc_msg_fn fn,
		void *arg, struct nc_reply *r)
{
	struct nc_state st = { .fn = fn, .arg = arg, .r = r };
	struct nl_cb *cb;
	int err;

	memset(r, 0, sizeof(*r));
	r->miss_type = -1;
	r->offs = -1;
	if (!msg) {
		r->transport = -NLE_NOMEM;
		return r->transport;
	}
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		r->transport = -NLE_NOMEM;
		return r->transport;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, nc_valid_cb, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, nc_ack_cb, &st);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, nc_finish_cb, &st);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, nc_intr_cb, &st);
	nl_cb_err(cb, NL_CB_CUSTOM, nc_err_cb, &st);
	nl_cb_overwrite_recv(cb, nc_recv);
	nc_datagrams = 0;

	/* nl_send_auto() asks for an ack: every request ends in one. */
	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	while (err >= 0 && !st.done) {
		/* 0: nothing read, which with SO_RCVTIMEO means a timeout. */
		err = nl_recvmsgs_report(sk, cb);
		if (err == 0 && !st.done)
			err = -NLE_AGAIN;
	}
	r->nrecv = nc_datagrams;
	nl_cb_put(cb);
	if (!st.done) {
		r->transport = err < 0 ? err : -NLE_FAILURE;
		return r->transport;
	}
	return 0;
}

/**
 * nc_strerror() - the outcome of a request, for a diagnostic line
 * @r: outcome
 *
 * Return: a static string.
 */
const char *nc_strerror(const struct nc_reply *r)
{
	static char buf[400];

	if (r->transport)
		snprintf(buf, sizeof(buf), "transport error: %s",
			 nl_geterror(r->transport));
	else if (r->error)
		snprintf(buf, sizeof(buf), "error %d (%s), extack \"%s\"",
			 r->error, strerror(-r->error), r->extack);
	else
		snprintf(buf, sizeof(buf), "success, %u message(s)%s%s",
			 r->nmsgs, r->extack[0] ? ", extack " : "",
			 r->extack);
	return buf;
}
