// SPDX-License-Identifier: GPL-2.0-or-later
/* The fake kernel of fake_kernel.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "fake_kernel.h"

void fk_init(struct fk *fk)
{
	memset(fk, 0, sizeof(*fk));
}

void fk_free(struct fk *fk)
{
	size_t i;

	for (i = 0; i < fk->nq; i++)
		free(fk->q[i]);
	fk->nq = fk->next = 0;
}

const struct nlmsghdr *fk_last_req(const struct fk *fk)
{
	return (const struct nlmsghdr *)fk->req;
}

/* --- transport ---------------------------------------------------------- */

static int fk_send(void *ctx, const void *buf, size_t len)
{
	struct fk *fk = ctx;
	const struct nlmsghdr *nlh = buf;

	if (fk->send_error)
		return fk->send_error;
	if (len > sizeof(fk->req))
		return -EMSGSIZE;
	memcpy(fk->req, buf, len);
	fk->seq = nlh->nlmsg_seq;
	fk->nsent++;
	if (fk->respond)
		fk->respond(fk, fk_last_req(fk));
	return 0;
}

static void stamp(struct fk *fk, struct fk_dgram *d)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)d->buf;
	int len = (int)d->len;

	if (d->keep_seq)
		return;
	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		nlh->nlmsg_seq = fk->seq;
		nlh->nlmsg_pid = FK_PORTID;
	}
}

static ssize_t fk_recv(void *ctx, void *buf, size_t len)
{
	struct fk *fk = ctx;
	struct fk_dgram *d;
	int once = fk->once_error;

	if (once && fk->joined) {
		fk->once_error = 0;
		return once;
	}
	if (fk->next == fk->nq)
		return fk->recv_error ? fk->recv_error : -ETIMEDOUT;
	d = fk->q[fk->next++];
	if (d->len > len)
		return -ENOSPC;
	stamp(fk, d);
	memcpy(buf, d->buf, d->len);
	return (ssize_t)d->len;
}

static void fk_close(void *ctx)
{
	((struct fk *)ctx)->closed++;
}

static int fk_join(void *ctx, uint32_t group)
{
	struct fk *fk = ctx;
	struct fk_dgram *d;
	size_t i;

	if (fk->join_error)
		return fk->join_error;
	fk->joined = group;
	for (i = 0; i < fk->model.nevents; i++) {
		d = fk_dgram(fk);
		d->keep_seq = true;
		fk_put_event(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_NEW_EXE),
			     &fk->model.events[i]);
		fk_end(d);
	}
	return 0;
}

struct netanom_transport fk_transport(struct fk *fk)
{
	struct netanom_transport tr = {
		.send = fk_send, .recv = fk_recv, .close = fk_close,
		.ctx = fk, .portid = FK_PORTID, .join = fk_join, .fd = -1,
	};
	return tr;
}

struct netanom *fk_handle(struct fk *fk)
{
	struct netanom_transport tr = fk_transport(fk);
	struct netanom *h = nl_handle_new(&tr);

	h->family_id = FK_FAMILY_ID;
	return h;
}

/* --- building datagrams ------------------------------------------------ */

struct fk_dgram *fk_dgram(struct fk *fk)
{
	struct fk_dgram *d = calloc(1, sizeof(*d));

	fk->q[fk->nq++] = d;
	return d;
}

void fk_end(struct fk_dgram *d)
{
	if (d->cur)
		d->len += MNL_ALIGN(d->cur->nlmsg_len);
	d->cur = NULL;
}

static struct nlmsghdr *fk_hdr(struct fk_dgram *d, uint16_t type,
			       uint16_t flags)
{
	fk_end(d);
	d->cur = mnl_nlmsg_put_header(d->buf + d->len);
	d->cur->nlmsg_type = type;
	d->cur->nlmsg_flags = flags;
	return d->cur;
}

struct nlmsghdr *fk_msg(struct fk_dgram *d, uint16_t type, uint16_t flags,
			uint8_t cmd)
{
	struct nlmsghdr *nlh = fk_hdr(d, type, flags);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

	g->cmd = cmd;
	g->version = NETANOM_GENL_VERSION;
	return nlh;
}

struct nlmsghdr *fk_genl(void *buf, uint16_t type, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));

	nlh->nlmsg_type = type;
	g->cmd = cmd;
	g->version = NETANOM_GENL_VERSION;
	return nlh;
}

void fk_done(struct fk_dgram *d, uint16_t flags, int error, const char *msg)
{
	struct nlmsghdr *nlh = fk_hdr(d, NLMSG_DONE, NLM_F_MULTI | flags);
	int *e = mnl_nlmsg_put_extra_header(nlh, sizeof(int));

	*e = error;
	if (msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	}
	fk_end(d);
}

void fk_err(struct fk_dgram *d, const struct nlmsghdr *req, int error,
	    const char *msg, bool capped)
{
	struct nlmsghdr *nlh = fk_hdr(d, NLMSG_ERROR, 0);
	struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	size_t plen;

	e->error = error;
	e->msg = *req;
	if (capped || !error) {
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	} else {
		plen = req->nlmsg_len - sizeof(*req);
		memcpy(mnl_nlmsg_put_extra_header(nlh, plen),
		       (const char *)req + sizeof(*req), plen);
	}
	if (msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	}
	fk_end(d);
}

/* --- attributes -------------------------------------------------------- */

/* Like nla_put_u64_64bit(): a pad attribute first when the payload would
 * not be 8-byte aligned. */
void fk_put_u64(struct nlmsghdr *nlh, uint16_t type, uint64_t v)
{
	if ((nlh->nlmsg_len + MNL_ATTR_HDRLEN) % 8)
		mnl_attr_put(nlh, NETANOM_A_PAD, 0, NULL);
	mnl_attr_put(nlh, type, sizeof(v), &v);
}

void fk_put_exe(struct nlmsghdr *nlh, const struct netanom_exe *e)
{
	fk_put_u64(nlh, NETANOM_A_EXE_DEV, e->dev);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, e->ino);
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_PATH, e->path);
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_COMM, e->comm);
	fk_put_u64(nlh, NETANOM_A_EXE_TCP4, e->tcp4);
	fk_put_u64(nlh, NETANOM_A_EXE_TCP6, e->tcp6);
	fk_put_u64(nlh, NETANOM_A_EXE_UDP4, e->udp4);
	fk_put_u64(nlh, NETANOM_A_EXE_UDP6, e->udp6);
	fk_put_u64(nlh, NETANOM_A_EXE_OTHER, e->other);
	fk_put_u64(nlh, NETANOM_A_EXE_LOOPBACK, e->loopback);
	fk_put_u64(nlh, NETANOM_A_EXE_FIRST_SEEN, e->first_seen_ns);
	fk_put_u64(nlh, NETANOM_A_EXE_LAST_SEEN, e->last_seen_ns);
	mnl_attr_put_u32(nlh, NETANOM_A_EXE_LAST_PID, e->last_pid);
	mnl_attr_put_u32(nlh, NETANOM_A_EXE_LAST_UID, e->last_uid);
	mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_FAMILY, e->last_family);
	if (e->last_addr_len)
		mnl_attr_put(nlh, NETANOM_A_EXE_LAST_ADDR, e->last_addr_len,
			     e->last_addr);
	if (e->has_last_port)
		mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_PORT, e->last_port);
	fk_put_u64(nlh, NETANOM_A_EXE_SENDTO, e->sendto);
	fk_put_u64(nlh, NETANOM_A_EXE_FASTOPEN, e->fastopen);
	fk_put_u64(nlh, NETANOM_A_EXE_LISTEN, e->listens);
	fk_put_u64(nlh, NETANOM_A_EXE_ACCEPT, e->accepts);
	fk_put_u64(nlh, NETANOM_A_EXE_EXCLUDED, e->excluded);
}

void fk_put_stats(struct nlmsghdr *nlh, const struct netanom_stats *st)
{
	fk_put_u64(nlh, NETANOM_A_STATS_HITS, st->hits);
	mnl_attr_put_u32(nlh, NETANOM_A_STATS_ENTRIES, st->entries);
	mnl_attr_put_u32(nlh, NETANOM_A_STATS_MAX_ENTRIES, st->max_entries);
	fk_put_u64(nlh, NETANOM_A_STATS_DROPPED, st->dropped);
	fk_put_u64(nlh, NETANOM_A_STATS_ALLOC_FAILURES, st->alloc_failures);
	fk_put_u64(nlh, NETANOM_A_STATS_BYTES, st->bytes);
	fk_put_u64(nlh, NETANOM_A_STATS_EVENTS_SENT, st->events_sent);
	fk_put_u64(nlh, NETANOM_A_STATS_EVENTS_DROPPED, st->events_dropped);
	fk_put_u64(nlh, NETANOM_A_STATS_RESETS, st->resets);
	fk_put_u64(nlh, NETANOM_A_STATS_INSTANCE, st->instance);
	mnl_attr_put_u8(nlh, NETANOM_A_STATS_LOCKED, st->locked);
}

void fk_put_event(struct nlmsghdr *nlh, const struct netanom_event *ev)
{
	const struct netanom_exe *e = &ev->exe;

	fk_put_u64(nlh, NETANOM_A_EXE_DEV, e->dev);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, e->ino);
	if (e->path)
		mnl_attr_put_strz(nlh, NETANOM_A_EXE_PATH, e->path);
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_COMM, e->comm);
	fk_put_u64(nlh, NETANOM_A_EVENT_TIME, ev->time_ns);
	mnl_attr_put_u32(nlh, NETANOM_A_EVENT_PID, ev->pid);
	mnl_attr_put_u32(nlh, NETANOM_A_EVENT_TGID, ev->tgid);
	mnl_attr_put_u32(nlh, NETANOM_A_EVENT_PPID, ev->ppid);
	mnl_attr_put_u32(nlh, NETANOM_A_EVENT_UID, ev->uid);
	mnl_attr_put_u8(nlh, NETANOM_A_EVENT_KIND, ev->kind);
	if (!e->last_family)
		return;
	mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_FAMILY, e->last_family);
	mnl_attr_put(nlh, NETANOM_A_EXE_LAST_ADDR, e->last_addr_len,
		     e->last_addr);
	mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_PORT, e->last_port);
}

void fk_put_family(struct nlmsghdr *nlh, uint16_t id, const char *group,
		   uint32_t grp_id)
{
	struct nlattr *groups, *g;

	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, NETANOM_GENL_NAME);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, id);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, NETANOM_GENL_VERSION);
	mnl_attr_put_u32(nlh, CTRL_ATTR_HDRSIZE, 0);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MAXATTR, NETANOM_A_MAX);
	if (!group)
		return;
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	g = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "other");
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, grp_id + 1);
	mnl_attr_nest_end(nlh, g);
	g = mnl_attr_nest_start(nlh, 2);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, grp_id);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, group);
	mnl_attr_nest_end(nlh, g);
	mnl_attr_nest_end(nlh, groups);
}

void fk_sample_exe(struct netanom_exe *e, const char *path, uint64_t ino,
		   uint64_t last_seen_ns)
{
	static const uint8_t v4[4] = { 192, 0, 2, 7 };

	memset(e, 0, sizeof(*e));
	e->dev = 0x803;
	e->ino = ino;
	e->path = (char *)path;
	strcpy(e->comm, "curl");
	e->tcp4 = 5;
	e->tcp6 = 4;
	e->udp4 = 3;
	e->udp6 = 2;
	e->other = 1;
	e->loopback = 6;
	e->sendto = 7;
	e->fastopen = 8;
	e->listens = 9;
	e->accepts = 10;
	e->excluded = 11;
	e->first_seen_ns = 1700000000123456789ULL;
	e->last_seen_ns = last_seen_ns;
	e->last_pid = 4321;
	e->last_uid = 1000;
	e->last_family = AF_INET;
	e->last_addr_len = 4;
	memcpy(e->last_addr, v4, 4);
	e->has_last_port = true;
	e->last_port = 443;
}

/* --- the model kernel -------------------------------------------------- */

static int req_attr_cb(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) <= NETANOM_A_MAX)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

static void req_attrs(const struct nlmsghdr *req, const struct nlattr **tb)
{
	memset(tb, 0, (NETANOM_A_MAX + 1) * sizeof(*tb));
	mnl_attr_parse(req, GENL_HDRLEN, req_attr_cb, tb);
}

static uint8_t req_cmd(const struct nlmsghdr *req)
{
	return ((const struct genlmsghdr *)mnl_nlmsg_get_payload(req))->cmd;
}

static void reply_ack(struct fk *fk, const struct nlmsghdr *req,
		      struct fk_dgram *reply)
{
	fk_end(reply);
	fk_err(fk_dgram(fk), req, 0, NULL, true);
}

static void model_ctrl(struct fk *fk, const struct nlmsghdr *req)
{
	struct fk_dgram *d;

	if (fk->model.not_loaded) {
		fk_err(fk_dgram(fk), req, -ENOENT, NULL, true);
		return;
	}
	d = fk_dgram(fk);
	fk_put_family(fk_msg(d, GENL_ID_CTRL, 0, CTRL_CMD_NEWFAMILY),
		      FK_FAMILY_ID, NETANOM_MCGRP_EVENTS, FK_EVENTS_GRP);
	reply_ack(fk, req, d);
}

static void model_dump(struct fk *fk)
{
	struct fk_model *m = &fk->model;
	size_t per = m->per_dgram ? m->per_dgram : 2, i;
	bool intr = m->intr_dumps < 0 || m->dumps < m->intr_dumps;
	uint16_t flags = NLM_F_MULTI;
	struct fk_dgram *d = fk_dgram(fk);

	m->dumps++;
	for (i = 0; i < m->nexes; i++) {
		if (i && i % per == 0) {
			fk_end(d);
			d = fk_dgram(fk);
			if (intr)	/* the table changed after the first */
				flags |= NLM_F_DUMP_INTR;
		}
		fk_put_exe(fk_msg(d, FK_FAMILY_ID, flags, NETANOM_CMD_GET_EXE),
			   &m->exes[i]);
	}
	if (intr)
		flags |= NLM_F_DUMP_INTR;
	fk_done(d, flags & NLM_F_DUMP_INTR, 0, NULL);
}

static const struct netanom_exe *model_find(const struct fk_model *m,
					    const struct nlattr **tb)
{
	size_t i;

	for (i = 0; i < m->nexes; i++) {
		const struct netanom_exe *e = &m->exes[i];

		if (tb[NETANOM_A_EXE_PATH] &&
		    !strcmp(mnl_attr_get_str(tb[NETANOM_A_EXE_PATH]), e->path))
			return e;
		if (tb[NETANOM_A_EXE_DEV] && tb[NETANOM_A_EXE_INO] &&
		    mnl_attr_get_u64(tb[NETANOM_A_EXE_DEV]) == e->dev &&
		    mnl_attr_get_u64(tb[NETANOM_A_EXE_INO]) == e->ino)
			return e;
	}
	return NULL;
}

static void model_get(struct fk *fk, const struct nlmsghdr *req)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1];
	const struct netanom_exe *e;
	struct fk_dgram *d;

	req_attrs(req, tb);
	e = model_find(&fk->model, tb);
	if (!e) {
		fk_err(fk_dgram(fk), req, -ENOENT, "no such executable", true);
		return;
	}
	d = fk_dgram(fk);
	fk_put_exe(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_EXE), e);
	reply_ack(fk, req, d);
}

static void model_set(struct fk *fk, const struct nlmsghdr *req)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1];
	struct nla_bitfield32 bf;
	struct fk_model *m = &fk->model;

	req_attrs(req, tb);
	if (m->set_error || !tb[NETANOM_A_CONFIG_FLAGS]) {
		fk_err(fk_dgram(fk), req, m->set_error ? -m->set_error : -EINVAL,
		       m->set_error_msg, false);
		return;
	}
	memcpy(&bf, mnl_attr_get_payload(tb[NETANOM_A_CONFIG_FLAGS]),
	       sizeof(bf));
	m->last_value = bf.value;
	m->last_selector = bf.selector;
	m->flags = (m->flags & ~bf.selector) | (bf.value & bf.selector);
	fk_err(fk_dgram(fk), req, 0, NULL, true);
}

static void put_excl(struct nlmsghdr *nlh, const struct netanom_exclude *x)
{
	struct nlattr *list, *one;
	size_t i;

	list = mnl_attr_nest_start(nlh, NETANOM_A_CONFIG_EXCLUDE_DESTS);
	for (i = 0; i < x->n_dests; i++) {
		one = mnl_attr_nest_start(nlh, NETANOM_A_EXCL_CIDR);
		mnl_attr_put(nlh, NETANOM_A_CIDR_ADDR,
			     x->dests[i].family == AF_INET ? 4 : 16,
			     x->dests[i].addr);
		mnl_attr_put_u8(nlh, NETANOM_A_CIDR_PREFIX, x->dests[i].prefix);
		mnl_attr_nest_end(nlh, one);
	}
	mnl_attr_nest_end(nlh, list);
	list = mnl_attr_nest_start(nlh, NETANOM_A_CONFIG_EXCLUDE_UIDS);
	for (i = 0; i < x->n_uids; i++)
		mnl_attr_put_u32(nlh, NETANOM_A_EXCL_UID, x->uids[i]);
	mnl_attr_nest_end(nlh, list);
}

static void model_config(struct fk *fk, const struct nlmsghdr *req)
{
	struct nla_bitfield32 bf = { fk->model.flags, NETANOM_CONFIG_F_ALL };
	struct fk_dgram *d = fk_dgram(fk);
	struct nlmsghdr *nlh = fk_msg(d, FK_FAMILY_ID, 0,
				      NETANOM_CMD_GET_CONFIG);

	mnl_attr_put(nlh, NETANOM_A_CONFIG_FLAGS, sizeof(bf), &bf);
	put_excl(nlh, &fk->model.excl);
	reply_ack(fk, req, d);
}

/* The model trusts its client's encoding: the real policies are checked
 * by the conformance client against the module. */
static void model_set_excl(struct fk *fk, const struct nlmsghdr *req)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1], *a, *b;
	struct netanom_exclude *x = &fk->model.excl;

	req_attrs(req, tb);
	if (fk->model.excl_error) {
		fk_err(fk_dgram(fk), req, -fk->model.excl_error,
		       fk->model.set_error_msg, false);
		return;
	}
	if (tb[NETANOM_A_CONFIG_EXCLUDE_DESTS]) {
		x->n_dests = 0;
		mnl_attr_for_each_nested(a, tb[NETANOM_A_CONFIG_EXCLUDE_DESTS]) {
			struct netanom_cidr *c = &x->dests[x->n_dests++];

			memset(c, 0, sizeof(*c));
			mnl_attr_for_each_nested(b, a) {
				if (mnl_attr_get_type(b) == NETANOM_A_CIDR_PREFIX)
					c->prefix = mnl_attr_get_u8(b);
				if (mnl_attr_get_type(b) != NETANOM_A_CIDR_ADDR)
					continue;
				c->family = mnl_attr_get_payload_len(b) == 4 ?
					    AF_INET : AF_INET6;
				memcpy(c->addr, mnl_attr_get_payload(b),
				       mnl_attr_get_payload_len(b));
			}
		}
	}
	if (tb[NETANOM_A_CONFIG_EXCLUDE_UIDS]) {
		x->n_uids = 0;
		mnl_attr_for_each_nested(a, tb[NETANOM_A_CONFIG_EXCLUDE_UIDS])
			x->uids[x->n_uids++] = mnl_attr_get_u32(a);
	}
	fk->model.excl_sets++;
	fk_err(fk_dgram(fk), req, 0, NULL, true);
}

static void model_family(struct fk *fk, const struct nlmsghdr *req)
{
	struct fk_dgram *d;

	if (fk->model.deny) {
		fk_err(fk_dgram(fk), req, -fk->model.deny, NULL, true);
		return;
	}
	switch (req_cmd(req)) {
	case NETANOM_CMD_GET_EXE:
		if (req->nlmsg_flags & NLM_F_DUMP)
			model_dump(fk);
		else
			model_get(fk, req);
		return;
	case NETANOM_CMD_GET_STATS:
		d = fk_dgram(fk);
		fk_put_stats(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_STATS),
			     &fk->model.stats);
		reply_ack(fk, req, d);
		return;
	case NETANOM_CMD_GET_CONFIG:
		model_config(fk, req);
		return;
	case NETANOM_CMD_SET_CONFIG:
		model_set(fk, req);
		return;
	case NETANOM_CMD_SET_EXCLUDE:
		model_set_excl(fk, req);
		return;
	case NETANOM_CMD_RESET:
		fk->model.resets++;
		fk->model.stats.resets++;
		fk_err(fk_dgram(fk), req, 0, NULL, true);
		return;
	}
	fk_err(fk_dgram(fk), req, -EOPNOTSUPP, "unknown command", true);
}

void fk_model_respond(struct fk *fk, const struct nlmsghdr *req)
{
	/* Every request starts a new exchange: what was not read is lost. */
	fk_free(fk);
	if (req->nlmsg_type == GENL_ID_CTRL)
		model_ctrl(fk, req);
	else if (req->nlmsg_type == FK_FAMILY_ID)
		model_family(fk, req);
	else
		fk_err(fk_dgram(fk), req, -EINVAL, "bad family", true);
}

int fk_model_open(void *arg, struct netanom **hp, struct netanom_error *err)
{
	struct fk *fk = arg;
	struct netanom_transport tr = fk_transport(fk);

	fk->respond = fk_model_respond;
	return netanom_open_transport(hp, &tr, err);
}

struct netanom *fk_model_handle(struct fk *fk)
{
	struct netanom_error err;
	struct netanom *h;

	return fk_model_open(fk, &h, &err) == 0 ? h : NULL;
}

struct fk *fk_new_model(struct netanom_exe *exes, size_t nexes)
{
	struct fk *fk = calloc(1, sizeof(*fk));

	if (!fk)
		abort();
	fk_init(fk);
	fk->model.exes = exes;
	fk->model.nexes = nexes;
	return fk;
}

void fk_delete(struct fk *fk)
{
	if (!fk)
		return;
	fk_free(fk);
	free(fk);
}
