// SPDX-License-Identifier: GPL-2.0
/*
 * NETANOM_CMD_SET_EXCLUDE and the lists in the GET_CONFIG reply: a list
 * set comes back with its host bits cleared; bad prefix lengths, bad
 * address lengths and lists that are too long are refused with an
 * extended ack and change nothing.  Both lists are left empty.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include "conformance.h"

/* What GET_CONFIG says of the lists. */
struct nc_lists {
	int seen;
	int bad;
	int n_dests;
	uint8_t addr[4][16];
	int addr_len[4];
	int prefix[4];
	int n_uids;
	uint32_t uids[4];
};

static void nc_lists_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[NETANOM_A_MAX + 1], *a, *b;
	struct nc_lists *l = arg;
	int rem, rem2, i;

	memset(l, 0, sizeof(*l));
	if (nla_parse(tb, NETANOM_A_MAX, genlmsg_attrdata(gh, 0),
		      genlmsg_attrlen(gh, 0), NULL) ||
	    !tb[NETANOM_A_CONFIG_EXCLUDE_DESTS] ||
	    !tb[NETANOM_A_CONFIG_EXCLUDE_UIDS]) {
		l->bad = 1;
		return;
	}
	l->seen = 1;
	nla_for_each_nested(a, tb[NETANOM_A_CONFIG_EXCLUDE_DESTS], rem) {
		i = l->n_dests++;
		if (nla_type(a) != NETANOM_A_EXCL_CIDR || i >= 4) {
			l->bad = 1;
			return;
		}
		l->prefix[i] = -1;
		nla_for_each_nested(b, a, rem2) {
			if (nla_type(b) == NETANOM_A_CIDR_PREFIX &&
			    nla_len(b) == 1) {
				l->prefix[i] = nla_get_u8(b);
			} else if (nla_type(b) == NETANOM_A_CIDR_ADDR &&
				   nla_len(b) <= 16) {
				l->addr_len[i] = nla_len(b);
				memcpy(l->addr[i], nla_data(b), nla_len(b));
			} else {
				l->bad = 1;
			}
		}
	}
	nla_for_each_nested(a, tb[NETANOM_A_CONFIG_EXCLUDE_UIDS], rem) {
		i = l->n_uids++;
		if (nla_type(a) != NETANOM_A_EXCL_UID || nla_len(a) != 4 ||
		    i >= 4) {
			l->bad = 1;
			return;
		}
		l->uids[i] = nla_get_u32(a);
	}
}

static void nc_get_lists(struct nc *c, struct nc_lists *l)
{
	struct nc_reply r;

	memset(l, 0, sizeof(*l));
	nc_transact(c->sk, nc_request(c->family, NETANOM_CMD_GET_CONFIG, 0),
		    nc_lists_cb, l, &r);
	if (r.error || r.transport)
		l->bad = 1;
}

static int nc_put_cidr(struct nl_msg *msg, const void *addr, int len,
		       int prefix)
{
	struct nlattr *one = nla_nest_start(msg, NETANOM_A_EXCL_CIDR);

	if (!one || nla_put(msg, NETANOM_A_CIDR_ADDR, len, addr) ||
	    (prefix >= 0 && nla_put_u8(msg, NETANOM_A_CIDR_PREFIX, prefix)))
		return -1;
	nla_nest_end(msg, one);
	return 0;
}

/*
 * An empty list.  libnl's nla_nest_end() drops a nest with nothing in it,
 * so the empty nest is put by hand, flagged nested as strict validation
 * wants.
 */
static int nc_put_empty(struct nl_msg *msg, int type)
{
	return nla_put(msg, NLA_F_NESTED | type, 0, NULL);
}

/* A SET_EXCLUDE of one CIDR (prefix < 0: none) and @n_uids uids. */
static void nc_set(struct nc *c, const void *addr, int len, int prefix,
		   int n_uids, struct nc_reply *r)
{
	struct nl_msg *msg = nc_request(c->family, NETANOM_CMD_SET_EXCLUDE, 0);
	struct nlattr *list;
	int ok = !!msg, i;

	if (ok && addr) {
		list = nla_nest_start(msg, NETANOM_A_CONFIG_EXCLUDE_DESTS);
		ok = list && !nc_put_cidr(msg, addr, len, prefix);
		if (ok)
			nla_nest_end(msg, list);
	}
	if (ok && n_uids == 0) {
		ok = !nc_put_empty(msg, NETANOM_A_CONFIG_EXCLUDE_UIDS);
	} else if (ok && n_uids > 0) {
		list = nla_nest_start(msg, NETANOM_A_CONFIG_EXCLUDE_UIDS);
		ok = !!list;
		for (i = 0; ok && i < n_uids; i++)
			ok = !nla_put_u32(msg, NETANOM_A_EXCL_UID, 5000 + i);
		if (ok)
			nla_nest_end(msg, list);
	}
	if (!ok) {
		nlmsg_free(msg);
		msg = NULL;
	}
	nc_transact(c->sk, msg, NULL, NULL, r);
}

static void nc_refused(struct nc *c, const char *name,
		       const struct nc_reply *r, int want)
{
	int ok = !r->transport && r->error == -want && r->extack[0];

	nc_report(c, ok, name, "%s; expected %s with an extack message",
		  nc_strerror(r), strerror(want));
	if (ok)
		nc_diag("%s: \"%s\"", name, r->extack);
}

/* Too many CIDRs: NETANOM_EXCLUDE_MAX_DESTS + 1 of them. */
static void nc_too_many_dests(struct nc *c, struct nc_reply *r)
{
	struct nl_msg *msg = nc_request(c->family, NETANOM_CMD_SET_EXCLUDE, 0);
	static const uint8_t a[4] = { 10, 0, 0, 0 };
	struct nlattr *list = msg ? nla_nest_start(msg,
				NETANOM_A_CONFIG_EXCLUDE_DESTS) : NULL;
	int ok = !!list, i;

	for (i = 0; ok && i <= NETANOM_EXCLUDE_MAX_DESTS; i++)
		ok = !nc_put_cidr(msg, a, 4, 8);
	if (ok)
		nla_nest_end(msg, list);
	else {
		nlmsg_free(msg);
		msg = NULL;
	}
	nc_transact(c->sk, msg, NULL, NULL, r);
}

/*
 * A uid list holding a two-byte CIDR attribute: refused, never read as a
 * four-byte uid.
 */
static void nc_uid_list_wrong_type(struct nc *c, struct nc_reply *r)
{
	struct nl_msg *msg = nc_request(c->family, NETANOM_CMD_SET_EXCLUDE, 0);
	struct nlattr *list = msg ? nla_nest_start(msg,
				NETANOM_A_CONFIG_EXCLUDE_UIDS) : NULL;

	if (list && !nla_put_u16(msg, NETANOM_A_EXCL_CIDR, 7)) {
		nla_nest_end(msg, list);
	} else {
		nlmsg_free(msg);
		msg = NULL;
	}
	nc_transact(c->sk, msg, NULL, NULL, r);
}

/* Both lists empty. */
static void nc_clear(struct nc *c, struct nc_reply *r)
{
	struct nl_msg *msg = nc_request(c->family, NETANOM_CMD_SET_EXCLUDE, 0);

	if (msg && (nc_put_empty(msg, NETANOM_A_CONFIG_EXCLUDE_DESTS) ||
		    nc_put_empty(msg, NETANOM_A_CONFIG_EXCLUDE_UIDS))) {
		nlmsg_free(msg);
		msg = NULL;
	}
	nc_transact(c->sk, msg, NULL, NULL, r);
}

/**
 * nc_check_exclusions() - SET_EXCLUDE and the lists in GET_CONFIG
 * @c: run
 */
void nc_check_exclusions(struct nc *c)
{
	static const uint8_t v4[4] = { 198, 51, 100, 77 };
	static const uint8_t v4_net[4] = { 198, 51, 100, 0 };
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	struct nc_lists l;
	struct nc_reply r;

	nc_get_lists(c, &l);
	nc_report(c, l.seen && !l.bad, "config_has_exclude_lists",
		  "GET_CONFIG without both exclusion nests (or malformed)");

	nc_set(c, v4, 4, 24, 2, &r);
	nc_report(c, !r.transport && !r.error, "set_exclude", "SET_EXCLUDE: %s",
		  nc_strerror(&r));
	nc_get_lists(c, &l);
	nc_report(c, !l.bad && l.n_dests == 1 && l.addr_len[0] == 4 &&
		  !memcmp(l.addr[0], v4_net, 4) && l.prefix[0] == 24 &&
		  l.n_uids == 2 && l.uids[0] == 5000 && l.uids[1] == 5001,
		  "set_exclude_read_back",
		  "%d CIDRs (prefix %d, %d bytes), %d uids; expected "
		  "198.51.100.0/24 and uids 5000, 5001", l.n_dests,
		  l.prefix[0], l.addr_len[0], l.n_uids);

	/* Only the uid list: the destinations stay. */
	nc_set(c, NULL, 0, 0, 0, &r);
	nc_get_lists(c, &l);
	nc_report(c, !r.error && !l.bad && l.n_dests == 1 && l.n_uids == 0,
		  "set_exclude_one_list", "%s; %d CIDRs and %d uids, expected "
		  "1 and 0", nc_strerror(&r), l.n_dests, l.n_uids);

	nc_set(c, v4, 4, 33, -1, &r);
	nc_refused(c, "set_exclude_v4_prefix_33", &r, EINVAL);
	nc_set(c, v6, 16, 129, -1, &r);
	nc_refused(c, "set_exclude_prefix_129", &r, ERANGE);
	nc_set(c, v4, 5, 8, -1, &r);
	nc_refused(c, "set_exclude_addr_5_bytes", &r, EINVAL);
	nc_set(c, v4, 4, -1, -1, &r);
	nc_refused(c, "set_exclude_no_prefix", &r, EINVAL);
	nc_set(c, v4, 4, 8, NETANOM_EXCLUDE_MAX_UIDS + 1, &r);
	nc_refused(c, "set_exclude_too_many_uids", &r, E2BIG);
	nc_too_many_dests(c, &r);
	nc_refused(c, "set_exclude_too_many_dests", &r, E2BIG);
	nc_set(c, NULL, 0, 0, -1, &r);
	nc_refused(c, "set_exclude_nothing", &r, EINVAL);
	nc_uid_list_wrong_type(c, &r);
	nc_refused(c, "set_exclude_uid_list_wrong_type", &r, EINVAL);

	/* Nothing refused changed anything. */
	nc_get_lists(c, &l);
	nc_report(c, !l.bad && l.n_dests == 1 && l.prefix[0] == 24 &&
		  l.n_uids == 0, "set_exclude_refusals_change_nothing",
		  "%d CIDRs, %d uids after the refusals; expected 1 and 0",
		  l.n_dests, l.n_uids);

	/* The largest lists are accepted; then leave both empty. */
	nc_set(c, v6, 16, 128, NETANOM_EXCLUDE_MAX_UIDS, &r);
	nc_report(c, !r.transport && !r.error, "set_exclude_max_uids",
		  "SET_EXCLUDE of %d uids: %s", NETANOM_EXCLUDE_MAX_UIDS,
		  nc_strerror(&r));
	nc_clear(c, &r);
	nc_get_lists(c, &l);
	nc_report(c, !r.error && !l.bad && !l.n_dests && !l.n_uids,
		  "set_exclude_clear", "%s; %d CIDRs and %d uids left",
		  nc_strerror(&r), l.n_dests, l.n_uids);
}
