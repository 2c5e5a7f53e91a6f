// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Validating attributes against a table of rules, like the kernel's
 * nla_parse(): fixed-size integers must have exactly their size, strings
 * must be NUL-terminated and bounded, and a truncated attribute fails the
 * whole message instead of being silently skipped.
 */
#include <errno.h>
#include <string.h>

#include "nl.h"

static int bad_attr(const struct nlattr *a, const struct nl_attr_rule *r,
		    struct netanom_error *err)
{
	return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
			  "malformed attribute %s (type %u, %u bytes)",
			  r->name ? r->name : "?", mnl_attr_get_type(a),
			  (unsigned int)mnl_attr_get_payload_len(a));
}

static int check_len(const struct nlattr *a, const struct nl_attr_rule *r)
{
	uint16_t len = mnl_attr_get_payload_len(a);

	switch (r->type) {
	case MNL_TYPE_NUL_STRING:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
			return -1;
		return len > r->max_len ? -1 : 0;
	case MNL_TYPE_BINARY:
		return len < r->min_len || len > r->max_len ? -1 : 0;
	default:
		return mnl_attr_validate(a, r->type) < 0 ? -1 : 0;
	}
}

/**
 * nl_attrs_parse() - validate a stream of attributes and index it
 * @buf: first attribute
 * @len: bytes of attributes
 * @rules: rules, indexed by attribute type, @max + 1 of them
 * @max: highest attribute type of interest; higher ones are skipped
 * @tb: @max + 1 slots, set to the last attribute of each type, or NULL
 * @err: error details, or NULL
 *
 * Attributes whose rule type is MNL_TYPE_UNSPEC (padding, attributes that
 * belong to other messages) are skipped, so newer kernels may add more.
 *
 * Return: 0, or -EPROTO when an attribute is truncated or malformed.
 */
int nl_attrs_parse(const void *buf, size_t len,
		   const struct nl_attr_rule *rules, unsigned int max,
		   const struct nlattr **tb, struct netanom_error *err)
{
	size_t off = 0;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (off < len) {
		const struct nlattr *a = (const void *)((const char *)buf + off);
		uint16_t type;

		if (!mnl_attr_ok(a, (int)(len - off)))
			return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO,
					  NULL, "truncated attribute at offset %zu",
					  off);
		type = mnl_attr_get_type(a);
		if (type <= max && rules[type].type != MNL_TYPE_UNSPEC) {
			if (check_len(a, &rules[type]) < 0)
				return bad_attr(a, &rules[type], err);
			tb[type] = a;
		}
		off += MNL_ALIGN(a->nla_len);
	}
	return 0;
}

/**
 * nl_attrs_parse_genl() - nl_attrs_parse() on a generic netlink message
 * @nlh: the message; its attributes follow the genlmsghdr
 * @rules: as for nl_attrs_parse()
 * @max: as for nl_attrs_parse()
 * @tb: as for nl_attrs_parse()
 * @err: error details, or NULL
 *
 * Return: 0 or -EPROTO.
 */
int nl_attrs_parse_genl(const struct nlmsghdr *nlh,
			const struct nl_attr_rule *rules, unsigned int max,
			const struct nlattr **tb, struct netanom_error *err)
{
	size_t len = mnl_nlmsg_get_payload_len(nlh);

	if (len < GENL_HDRLEN)
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "message too short for a genetlink header");
	return nl_attrs_parse((const char *)mnl_nlmsg_get_payload(nlh) +
			      GENL_HDRLEN, len - GENL_HDRLEN, rules, max, tb,
			      err);
}
