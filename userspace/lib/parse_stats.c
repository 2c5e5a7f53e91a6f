// SPDX-License-Identifier: LGPL-2.1-or-later
/* Parsing the NETANOM_CMD_GET_STATS reply. */
#include <string.h>

#include "nl.h"

static const struct nl_attr_rule stats_rules[NETANOM_A_MAX + 1] = {
	[NETANOM_A_STATS_HITS]		 = { MNL_TYPE_U64, 0, 0, "hits" },
	[NETANOM_A_STATS_ENTRIES]	 = { MNL_TYPE_U32, 0, 0, "entries" },
	[NETANOM_A_STATS_MAX_ENTRIES]	 = { MNL_TYPE_U32, 0, 0,
					     "max_entries" },
	[NETANOM_A_STATS_DROPPED]	 = { MNL_TYPE_U64, 0, 0, "dropped" },
	[NETANOM_A_STATS_ALLOC_FAILURES] = { MNL_TYPE_U64, 0, 0,
					     "alloc_failures" },
	[NETANOM_A_STATS_BYTES]		 = { MNL_TYPE_U64, 0, 0, "bytes" },
	[NETANOM_A_STATS_EVENTS_SENT]	 = { MNL_TYPE_U64, 0, 0,
					     "events_sent" },
	[NETANOM_A_STATS_EVENTS_DROPPED] = { MNL_TYPE_U64, 0, 0,
					     "events_dropped" },
	[NETANOM_A_STATS_RESETS]	 = { MNL_TYPE_U64, 0, 0, "resets" },
	[NETANOM_A_STATS_INSTANCE]	 = { MNL_TYPE_U64, 0, 0, "instance" },
	[NETANOM_A_STATS_LOCKED]	 = { MNL_TYPE_U8, 0, 0, "locked" },
};

/**
 * nl_parse_stats() - parse a stats reply; a missing counter reads 0
 * @nlh: the reply
 * @out: filled on success
 * @err: error details, or NULL
 *
 * Return: 0 or -EPROTO.
 */
int nl_parse_stats(const struct nlmsghdr *nlh, struct netanom_stats *out,
		   struct netanom_error *err)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1];
	const struct nlattr *a;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = nl_attrs_parse_genl(nlh, stats_rules, NETANOM_A_MAX, tb, err);
	if (ret < 0)
		return ret;
	if ((a = tb[NETANOM_A_STATS_HITS]))
		out->hits = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_ENTRIES]))
		out->entries = mnl_attr_get_u32(a);
	if ((a = tb[NETANOM_A_STATS_MAX_ENTRIES]))
		out->max_entries = mnl_attr_get_u32(a);
	if ((a = tb[NETANOM_A_STATS_DROPPED]))
		out->dropped = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_ALLOC_FAILURES]))
		out->alloc_failures = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_BYTES]))
		out->bytes = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_EVENTS_SENT]))
		out->events_sent = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_EVENTS_DROPPED]))
		out->events_dropped = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_RESETS]))
		out->resets = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_INSTANCE]))
		out->instance = mnl_attr_get_u64(a);
	if ((a = tb[NETANOM_A_STATS_LOCKED]))
		out->locked = mnl_attr_get_u8(a) != 0;
	return 0;
}
