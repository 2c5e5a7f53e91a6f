// SPDX-License-Identifier: GPL-2.0
/*
 * The family as the generic netlink controller describes it: id, version,
 * operations with their flags, multicast groups.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include "conformance.h"

#define NC_MAX_OPS	64
#define NC_MAX_GRPS	16

struct nc_family_info {
	int decoded;
	uint16_t id;
	uint32_t version;
	unsigned int n_ops;
	uint32_t op_id[NC_MAX_OPS];
	uint32_t op_flags[NC_MAX_OPS];
	unsigned int n_grps;
	char grp[NC_MAX_GRPS][GENL_NAMSIZ];
};

static void nc_family_cb(struct nl_msg *msg, void *arg)
{
	struct nc_family_info *fi = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *op[CTRL_ATTR_OP_MAX + 1];
	struct nlattr *g[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct nlattr *nla;
	int rem;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_ID] || !tb[CTRL_ATTR_VERSION])
		return;
	fi->decoded = 1;
	fi->id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	fi->version = nla_get_u32(tb[CTRL_ATTR_VERSION]);
	if (tb[CTRL_ATTR_OPS]) {
		nla_for_each_nested(nla, tb[CTRL_ATTR_OPS], rem) {
			if (fi->n_ops == NC_MAX_OPS ||
			    nla_parse_nested(op, CTRL_ATTR_OP_MAX, nla, NULL) ||
			    !op[CTRL_ATTR_OP_ID])
				continue;
			fi->op_id[fi->n_ops] = nla_get_u32(op[CTRL_ATTR_OP_ID]);
			fi->op_flags[fi->n_ops] = op[CTRL_ATTR_OP_FLAGS] ?
				nla_get_u32(op[CTRL_ATTR_OP_FLAGS]) : 0;
			fi->n_ops++;
		}
	}
	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		nla_for_each_nested(nla, tb[CTRL_ATTR_MCAST_GROUPS], rem) {
			if (fi->n_grps == NC_MAX_GRPS ||
			    nla_parse_nested(g, CTRL_ATTR_MCAST_GRP_MAX, nla,
					     NULL) ||
			    !g[CTRL_ATTR_MCAST_GRP_NAME])
				continue;
			snprintf(fi->grp[fi->n_grps], GENL_NAMSIZ, "%s",
				 nla_get_string(g[CTRL_ATTR_MCAST_GRP_NAME]));
			fi->n_grps++;
		}
	}
}

static const struct {
	uint8_t cmd;
	const char *name;
	int dump;
} nc_cmds[] = {
	{ NETANOM_CMD_GET_EXE, "op_get_exe", 1 },
	{ NETANOM_CMD_GET_STATS, "op_get_stats", 0 },
	{ NETANOM_CMD_GET_CONFIG, "op_get_config", 0 },
	{ NETANOM_CMD_SET_CONFIG, "op_set_config", 0 },
	{ NETANOM_CMD_RESET, "op_reset", 0 },
	{ NETANOM_CMD_SET_EXCLUDE, "op_set_exclude", 0 },
};

/* Each command: present, admin only, "do" (and "dump" for GET_EXE), policy. */
static void nc_check_ops(struct nc *c, const struct nc_family_info *fi)
{
	uint32_t want, flags;
	unsigned int i, j;
	int found, known;

	for (i = 0; i < sizeof(nc_cmds) / sizeof(nc_cmds[0]); i++) {
		found = 0;
		flags = 0;
		for (j = 0; j < fi->n_ops; j++) {
			if (fi->op_id[j] == nc_cmds[i].cmd) {
				found = 1;
				flags = fi->op_flags[j];
			}
		}
		want = GENL_ADMIN_PERM | GENL_CMD_CAP_DO | GENL_CMD_CAP_HASPOL |
		       (nc_cmds[i].dump ? GENL_CMD_CAP_DUMP : 0);
		if (!found)
			nc_report(c, 0, nc_cmds[i].name, "command %u missing",
				  nc_cmds[i].cmd);
		else
			nc_report(c, flags == want, nc_cmds[i].name,
				  "flags %#x, expected %#x (admin %#x do %#x dump %#x policy %#x)",
				  flags, want, GENL_ADMIN_PERM, GENL_CMD_CAP_DO,
				  GENL_CMD_CAP_DUMP, GENL_CMD_CAP_HASPOL);
	}

	/* NETANOM_CMD_NEW_EXE is a notification on the events group, not
	 * an operation. */
	for (j = 0; j < fi->n_ops; j++) {
		known = fi->op_id[j] >= NETANOM_CMD_GET_EXE &&
			fi->op_id[j] <= NETANOM_CMD_MAX &&
			fi->op_id[j] != NETANOM_CMD_NEW_EXE;
		if (!known)
			break;
	}
	nc_report(c, j == fi->n_ops && fi->n_ops == NETANOM_CMD_MAX - 1,
		  "ops_exactly_documented",
		  "%u operations; an undocumented one is %u", fi->n_ops,
		  j < fi->n_ops ? fi->op_id[j] : 0);
}

/**
 * nc_check_family() - resolve the family and check its description
 * @c: run; @c->family is set
 *
 * Return: 0, or -1 when the family does not exist (nothing else can run).
 */
int nc_check_family(struct nc *c)
{
	struct nc_family_info fi;
	struct nc_reply r;
	struct nl_msg *msg;
	int grp;

	c->family = genl_ctrl_resolve(c->sk, NETANOM_GENL_NAME);
	nc_report(c, c->family >= 0, "family_resolves",
		  "genl_ctrl_resolve(\"%s\"): %s -- is the netanom module loaded (and are we in the initial network namespace)?",
		  NETANOM_GENL_NAME, nl_geterror(c->family));
	if (c->family < 0)
		return -1;

	grp = genl_ctrl_resolve_grp(c->sk, NETANOM_GENL_NAME,
				    NETANOM_MCGRP_EVENTS);
	nc_report(c, grp >= 0, "mcast_group_events",
		  "genl_ctrl_resolve_grp(\"%s\", \"%s\"): %s",
		  NETANOM_GENL_NAME, NETANOM_MCGRP_EVENTS, nl_geterror(grp));

	memset(&fi, 0, sizeof(fi));
	msg = nc_request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	if (msg && nla_put_string(msg, CTRL_ATTR_FAMILY_NAME,
				  NETANOM_GENL_NAME)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	nc_transact(c->sk, msg, nc_family_cb, &fi, &r);
	if (r.transport || r.error || !fi.decoded) {
		nc_report(c, 0, "family_description",
			  "CTRL_CMD_GETFAMILY: %s", nc_strerror(&r));
		return 0;
	}
	nc_report(c, fi.id == c->family && fi.version == NETANOM_GENL_VERSION,
		  "family_version", "id %u (resolved %d), version %u, expected %u",
		  fi.id, c->family, fi.version, NETANOM_GENL_VERSION);
	nc_report(c, fi.n_grps == 1 && !strcmp(fi.grp[0], NETANOM_MCGRP_EVENTS),
		  "mcast_groups_exactly_events", "%u groups, the first \"%s\"",
		  fi.n_grps, fi.n_grps ? fi.grp[0] : "");
	nc_check_ops(c, &fi);
	return 0;
}
