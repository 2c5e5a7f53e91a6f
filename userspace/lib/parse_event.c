// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Parsing one NETANOM_CMD_NEW_EXE event.  The executable and destination
 * attributes are those of an entry message, so nl_parse_exe() reads them;
 * this adds the attributes of the event itself.
 */
#include <errno.h>
#include <string.h>

#include "nl.h"

static const struct nl_attr_rule event_rules[NETANOM_A_MAX + 1] = {
	[NETANOM_A_EVENT_TIME] = { MNL_TYPE_U64, 0, 0, "event time" },
	[NETANOM_A_EVENT_PID]  = { MNL_TYPE_U32, 0, 0, "event pid" },
	[NETANOM_A_EVENT_TGID] = { MNL_TYPE_U32, 0, 0, "event tgid" },
	[NETANOM_A_EVENT_PPID] = { MNL_TYPE_U32, 0, 0, "event ppid" },
	[NETANOM_A_EVENT_UID]  = { MNL_TYPE_U32, 0, 0, "event uid" },
	[NETANOM_A_EVENT_KIND] = { MNL_TYPE_U8, 0, 0, "event kind" },
};

static uint32_t u32_or_0(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

/**
 * nl_parse_event() - parse one event message
 * @nlh: NETANOM_CMD_NEW_EXE message
 * @out: filled on success (free with netanom_event_free()); zeroed on
 *	failure
 * @err: error details, or NULL
 *
 * Return: 0, -EPROTO (malformed, no dev or ino, no time), -ENOMEM.
 */
int nl_parse_event(const struct nlmsghdr *nlh, struct netanom_event *out,
		   struct netanom_error *err)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1];
	int ret;

	memset(out, 0, sizeof(*out));
	ret = nl_attrs_parse_genl(nlh, event_rules, NETANOM_A_MAX, tb, err);
	if (ret < 0)
		return ret;
	if (!tb[NETANOM_A_EVENT_TIME])
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "event without a time");
	ret = nl_parse_exe(nlh, &out->exe, err);
	if (ret < 0)
		return ret;
	out->time_ns = mnl_attr_get_u64(tb[NETANOM_A_EVENT_TIME]);
	out->pid = u32_or_0(tb[NETANOM_A_EVENT_PID]);
	out->tgid = u32_or_0(tb[NETANOM_A_EVENT_TGID]);
	out->ppid = u32_or_0(tb[NETANOM_A_EVENT_PPID]);
	out->uid = u32_or_0(tb[NETANOM_A_EVENT_UID]);
	if (tb[NETANOM_A_EVENT_KIND])
		out->kind = mnl_attr_get_u8(tb[NETANOM_A_EVENT_KIND]);
	out->exe.last_pid = out->tgid;
	out->exe.last_uid = out->uid;
	out->exe.first_seen_ns = out->exe.last_seen_ns = out->time_ns;
	return 0;
}
