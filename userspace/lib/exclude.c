// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exclusion lists: NETANOM_CMD_SET_EXCLUDE, the lists in the
 * NETANOM_CMD_GET_CONFIG reply, and CIDRs as text.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "nl.h"

#define WHAT_GET "getting the exclusion lists"

static const struct nl_attr_rule list_rules[NETANOM_A_MAX + 1] = {
	[NETANOM_A_CONFIG_EXCLUDE_DESTS] = { MNL_TYPE_NESTED, 0, 0,
					     "exclude_dests" },
	[NETANOM_A_CONFIG_EXCLUDE_UIDS] = { MNL_TYPE_NESTED, 0, 0,
					    "exclude_uids" },
};

static const struct nl_attr_rule cidr_rules[NETANOM_A_CIDR_MAX + 1] = {
	[NETANOM_A_CIDR_ADDR] = { MNL_TYPE_BINARY, 4, 16, "cidr_addr" },
	[NETANOM_A_CIDR_PREFIX] = { MNL_TYPE_U8, 0, 0, "cidr_prefix" },
};

static int bad(struct netanom_error *err, const char *why)
{
	return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL, "%s", why);
}

static int parse_cidr(const struct nlattr *nest, struct netanom_cidr *c,
		      struct netanom_error *err)
{
	const struct nlattr *tb[NETANOM_A_CIDR_MAX + 1];
	uint16_t len;
	int ret;

	ret = nl_attrs_parse(mnl_attr_get_payload(nest),
			     mnl_attr_get_payload_len(nest), cidr_rules,
			     NETANOM_A_CIDR_MAX, tb, err);
	if (ret < 0)
		return ret;
	if (!tb[NETANOM_A_CIDR_ADDR] || !tb[NETANOM_A_CIDR_PREFIX])
		return bad(err, "CIDR without address or prefix");
	len = mnl_attr_get_payload_len(tb[NETANOM_A_CIDR_ADDR]);
	if (len != 4 && len != 16)
		return bad(err, "CIDR address neither 4 nor 16 bytes");
	memset(c, 0, sizeof(*c));
	c->family = len == 4 ? AF_INET : AF_INET6;
	c->prefix = mnl_attr_get_u8(tb[NETANOM_A_CIDR_PREFIX]);
	if (c->prefix > len * 8)
		return bad(err, "CIDR prefix longer than its address");
	memcpy(c->addr, mnl_attr_get_payload(tb[NETANOM_A_CIDR_ADDR]), len);
	return 0;
}

static int parse_dests(const struct nlattr *list, struct netanom_exclude *x,
		       struct netanom_error *err)
{
	const struct nlattr *a;
	int ret;

	mnl_attr_for_each_nested(a, list) {
		if (mnl_attr_get_type(a) != NETANOM_A_EXCL_CIDR)
			continue;
		if (x->n_dests == NETANOM_EXCLUDE_MAX_DESTS)
			return bad(err, "too many excluded destinations");
		ret = parse_cidr(a, &x->dests[x->n_dests], err);
		if (ret < 0)
			return ret;
		x->n_dests++;
	}
	return 0;
}

static int parse_uids(const struct nlattr *list, struct netanom_exclude *x,
		      struct netanom_error *err)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, list) {
		if (mnl_attr_get_type(a) != NETANOM_A_EXCL_UID)
			continue;
		if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
			return bad(err, "malformed excluded uid");
		if (x->n_uids == NETANOM_EXCLUDE_MAX_UIDS)
			return bad(err, "too many excluded uids");
		x->uids[x->n_uids++] = mnl_attr_get_u32(a);
	}
	return 0;
}

struct excl_reply {
	struct netanom_exclude *x;
	bool seen;
};

static int excl_cb(const struct nlmsghdr *nlh, void *data,
		   struct netanom_error *err)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1];
	struct excl_reply *r = data;
	int ret;

	ret = nl_attrs_parse_genl(nlh, list_rules, NETANOM_A_MAX, tb, err);
	if (ret < 0)
		return ret;
	if (!tb[NETANOM_A_CONFIG_EXCLUDE_DESTS] ||
	    !tb[NETANOM_A_CONFIG_EXCLUDE_UIDS])
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "no exclusion lists in the reply (a module "
				  "older than this netanomctl?)");
	r->seen = true;
	memset(r->x, 0, sizeof(*r->x));
	ret = parse_dests(tb[NETANOM_A_CONFIG_EXCLUDE_DESTS], r->x, err);
	return ret < 0 ? ret :
	       parse_uids(tb[NETANOM_A_CONFIG_EXCLUDE_UIDS], r->x, err);
}

int netanom_get_exclude(struct netanom *h, struct netanom_exclude *out,
			struct netanom_error *err)
{
	struct excl_reply r = { .x = out };
	struct nlmsghdr *nlh;
	int ret;

	nl_err_clear(err);
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_GET_CONFIG,
			   NETANOM_GENL_VERSION);
	ret = nl_do(h, nlh, excl_cb, &r, WHAT_GET, err);
	if (!ret && !r.seen)
		ret = nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, WHAT_GET,
				 "no configuration in the reply");
	return ret;
}

int netanom_set_exclude(struct netanom *h, const struct netanom_exclude *x,
			bool dests, bool uids, struct netanom_error *err)
{
	struct nlattr *list, *one;
	struct nlmsghdr *nlh;
	size_t i;

	nl_err_clear(err);
	if (x->n_dests > NETANOM_EXCLUDE_MAX_DESTS ||
	    x->n_uids > NETANOM_EXCLUDE_MAX_UIDS)
		return nl_err_set(err, NETANOM_ERR_INVALID, EINVAL,
				  "setting the exclusion lists",
				  "too many entries");
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_SET_EXCLUDE,
			   NETANOM_GENL_VERSION);
	if (dests) {
		list = mnl_attr_nest_start(nlh, NETANOM_A_CONFIG_EXCLUDE_DESTS);
		for (i = 0; i < x->n_dests; i++) {
			const struct netanom_cidr *c = &x->dests[i];

			one = mnl_attr_nest_start(nlh, NETANOM_A_EXCL_CIDR);
			mnl_attr_put(nlh, NETANOM_A_CIDR_ADDR,
				     c->family == AF_INET ? 4 : 16, c->addr);
			mnl_attr_put_u8(nlh, NETANOM_A_CIDR_PREFIX, c->prefix);
			mnl_attr_nest_end(nlh, one);
		}
		mnl_attr_nest_end(nlh, list);
	}
	if (uids) {
		list = mnl_attr_nest_start(nlh, NETANOM_A_CONFIG_EXCLUDE_UIDS);
		for (i = 0; i < x->n_uids; i++)
			mnl_attr_put_u32(nlh, NETANOM_A_EXCL_UID, x->uids[i]);
		mnl_attr_nest_end(nlh, list);
	}
	return nl_do(h, nlh, NULL, NULL, "setting the exclusion lists", err);
}

int netanom_cidr_parse(const char *s, struct netanom_cidr *out)
{
	char addr[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned long prefix;
	char *end;

	if (!n || n >= sizeof(addr))
		return -EINVAL;
	memcpy(addr, s, n);
	addr[n] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, addr, out->addr) == 1)
		out->family = AF_INET;
	else if (inet_pton(AF_INET6, addr, out->addr) == 1)
		out->family = AF_INET6;
	else
		return -EINVAL;
	prefix = out->family == AF_INET ? 32 : 128;
	if (slash) {
		unsigned long max = prefix;

		if (slash[1] < '0' || slash[1] > '9')
			return -EINVAL;
		errno = 0;
		prefix = strtoul(slash + 1, &end, 10);
		if (errno || *end || prefix > max)
			return -EINVAL;
	}
	out->prefix = (uint8_t)prefix;
	return 0;
}

const char *netanom_cidr_format(const struct netanom_cidr *c, char *buf,
				size_t len)
{
	char addr[INET6_ADDRSTRLEN] = "?";

	inet_ntop(c->family == AF_INET ? AF_INET : AF_INET6, c->addr, addr,
		  sizeof(addr));
	snprintf(buf, len, "%s/%u", addr, c->prefix);
	return buf;
}
