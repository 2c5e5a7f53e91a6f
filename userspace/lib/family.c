// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resolving the family: CTRL_CMD_GETFAMILY by name gives the family id, its
 * version and its multicast groups, of which we keep the "events" group.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "nl.h"

#define WHAT "resolving the netanom generic netlink family"
/* Present whenever the module is loaded, whatever the network namespace. */
#define NETANOM_SYSFS_MODULE "/sys/module/netanom"

static const struct nl_attr_rule ctrl_rules[CTRL_ATTR_MAX + 1] = {
	[CTRL_ATTR_FAMILY_ID]	  = { MNL_TYPE_U16, 0, 0, "family id" },
	[CTRL_ATTR_VERSION]	  = { MNL_TYPE_U32, 0, 0, "version" },
	[CTRL_ATTR_MCAST_GROUPS]  = { MNL_TYPE_NESTED, 0, 0, "mcast groups" },
};

static const struct nl_attr_rule grp_rules[CTRL_ATTR_MCAST_GRP_MAX + 1] = {
	[CTRL_ATTR_MCAST_GRP_NAME] = { MNL_TYPE_NUL_STRING, 0, GENL_NAMSIZ,
				       "group name" },
	[CTRL_ATTR_MCAST_GRP_ID]   = { MNL_TYPE_U32, 0, 0, "group id" },
};

/* Each group is a nest (its type is its index) of a name and an id. */
static int find_group(const struct nlattr *groups, const char *group,
		      uint32_t *group_id, struct netanom_error *err)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	static const struct nl_attr_rule framing_only[1];
	const struct nlattr *g;
	int ret;

	/* mnl_attr_for_each_nested() stops quietly at a truncated nest. */
	ret = nl_attrs_parse(mnl_attr_get_payload(groups),
			     mnl_attr_get_payload_len(groups), framing_only, 0,
			     tb, err);
	if (ret < 0)
		return ret;
	mnl_attr_for_each_nested(g, groups) {
		ret = nl_attrs_parse(mnl_attr_get_payload(g),
				     mnl_attr_get_payload_len(g), grp_rules,
				     CTRL_ATTR_MCAST_GRP_MAX, tb, err);
		if (ret < 0)
			return ret;
		if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
		    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
			    group))
			*group_id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return 0;
}

/**
 * nl_parse_family() - parse a CTRL_CMD_NEWFAMILY reply
 * @nlh: the reply
 * @group: name of the multicast group to find
 * @id: family id
 * @version: family version, 0 if not sent
 * @group_id: id of @group, 0 if the family has no such group
 * @err: error details, or NULL
 *
 * Return: 0 or -EPROTO.
 */
int nl_parse_family(const struct nlmsghdr *nlh, const char *group,
		    uint16_t *id, uint32_t *version, uint32_t *group_id,
		    struct netanom_error *err)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	int ret;

	ret = nl_attrs_parse_genl(nlh, ctrl_rules, CTRL_ATTR_MAX, tb, err);
	if (ret < 0)
		return ret;
	if (!tb[CTRL_ATTR_FAMILY_ID])
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "family reply without a family id");
	*id = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	*version = tb[CTRL_ATTR_VERSION] ?
		   mnl_attr_get_u32(tb[CTRL_ATTR_VERSION]) : 0;
	*group_id = 0;
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		return find_group(tb[CTRL_ATTR_MCAST_GROUPS], group, group_id,
				  err);
	return 0;
}

struct family_reply {
	struct netanom *h;
	bool seen;
};

static int family_cb(const struct nlmsghdr *nlh, void *data,
		     struct netanom_error *err)
{
	struct family_reply *r = data;

	r->seen = true;
	return nl_parse_family(nlh, NETANOM_MCGRP_EVENTS, &r->h->family_id,
			       &r->h->family_version, &r->h->events_group,
			       err);
}

/**
 * nl_resolve_family() - look up family @name and remember what it says
 * @h: handle
 * @name: family name
 * @err: error details, or NULL
 *
 * The family is not netnsok: in another network namespace it does not
 * exist even with the module loaded, which /sys/module (the same in every
 * network namespace) tells apart.
 *
 * Return: 0; -ENOENT with NETANOM_ERR_NOT_LOADED when the family does not
 * exist, or NETANOM_ERR_OTHER_NETNS when it does not exist here but the
 * module is loaded; another negative errno.
 */
int nl_resolve_family(struct netanom *h, const char *name,
		      struct netanom_error *err)
{
	struct family_reply r = { .h = h };
	struct nlmsghdr *nlh;
	int ret;

	nlh = nl_msg_start(h, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	ret = nl_do(h, nlh, family_cb, &r, WHAT, err);
	if (ret == -ENOENT && err && err->kind == NETANOM_ERR_KERNEL)
		err->kind = access(NETANOM_SYSFS_MODULE, F_OK) ?
			    NETANOM_ERR_NOT_LOADED : NETANOM_ERR_OTHER_NETNS;
	if (!ret && !r.seen)
		ret = nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, WHAT,
				 "no reply to the family request");
	return ret;
}
