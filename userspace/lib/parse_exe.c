// SPDX-License-Identifier: LGPL-2.1-or-later
/* Parsing one NETANOM_CMD_GET_EXE reply message into struct netanom_exe. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "nl.h"

#define U64(n)	{ MNL_TYPE_U64, 0, 0, n }
#define U32(n)	{ MNL_TYPE_U32, 0, 0, n }
#define U16(n)	{ MNL_TYPE_U16, 0, 0, n }

static const struct nl_attr_rule exe_rules[NETANOM_A_MAX + 1] = {
	[NETANOM_A_EXE_DEV]	   = U64("dev"),
	[NETANOM_A_EXE_INO]	   = U64("ino"),
	[NETANOM_A_EXE_PATH]	   = { MNL_TYPE_NUL_STRING, 0, PATH_MAX, "path" },
	[NETANOM_A_EXE_COMM]	   = { MNL_TYPE_NUL_STRING, 0,
				       NETANOM_COMM_LEN, "comm" },
	[NETANOM_A_EXE_TCP4]	   = U64("tcp4"),
	[NETANOM_A_EXE_TCP6]	   = U64("tcp6"),
	[NETANOM_A_EXE_UDP4]	   = U64("udp4"),
	[NETANOM_A_EXE_UDP6]	   = U64("udp6"),
	[NETANOM_A_EXE_OTHER]	   = U64("other"),
	[NETANOM_A_EXE_LOOPBACK]   = U64("loopback"),
	[NETANOM_A_EXE_FIRST_SEEN] = U64("first_seen"),
	[NETANOM_A_EXE_LAST_SEEN]  = U64("last_seen"),
	[NETANOM_A_EXE_LAST_PID]   = U32("last_pid"),
	[NETANOM_A_EXE_LAST_UID]   = U32("last_uid"),
	[NETANOM_A_EXE_LAST_FAMILY] = U16("last_family"),
	[NETANOM_A_EXE_LAST_ADDR]  = { MNL_TYPE_BINARY, 4, 16, "last_addr" },
	[NETANOM_A_EXE_LAST_PORT]  = U16("last_port"),
	[NETANOM_A_EXE_SENDTO]	   = U64("sendto"),
	[NETANOM_A_EXE_FASTOPEN]   = U64("fastopen"),
	[NETANOM_A_EXE_LISTEN]	   = U64("listen"),
	[NETANOM_A_EXE_ACCEPT]	   = U64("accept"),
	[NETANOM_A_EXE_EXCLUDED]   = U64("excluded"),
};

static uint64_t u64_or_0(const struct nlattr *a)
{
	return a ? mnl_attr_get_u64(a) : 0;
}

static uint32_t u32_or_0(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

static void fill_counters(struct netanom_exe *e, const struct nlattr **tb)
{
	e->dev = u64_or_0(tb[NETANOM_A_EXE_DEV]);
	e->ino = u64_or_0(tb[NETANOM_A_EXE_INO]);
	e->tcp4 = u64_or_0(tb[NETANOM_A_EXE_TCP4]);
	e->tcp6 = u64_or_0(tb[NETANOM_A_EXE_TCP6]);
	e->udp4 = u64_or_0(tb[NETANOM_A_EXE_UDP4]);
	e->udp6 = u64_or_0(tb[NETANOM_A_EXE_UDP6]);
	e->other = u64_or_0(tb[NETANOM_A_EXE_OTHER]);
	e->loopback = u64_or_0(tb[NETANOM_A_EXE_LOOPBACK]);
	e->first_seen_ns = u64_or_0(tb[NETANOM_A_EXE_FIRST_SEEN]);
	e->last_seen_ns = u64_or_0(tb[NETANOM_A_EXE_LAST_SEEN]);
	e->last_pid = u32_or_0(tb[NETANOM_A_EXE_LAST_PID]);
	e->last_uid = u32_or_0(tb[NETANOM_A_EXE_LAST_UID]);
	e->sendto = u64_or_0(tb[NETANOM_A_EXE_SENDTO]);
	e->fastopen = u64_or_0(tb[NETANOM_A_EXE_FASTOPEN]);
	e->listens = u64_or_0(tb[NETANOM_A_EXE_LISTEN]);
	e->accepts = u64_or_0(tb[NETANOM_A_EXE_ACCEPT]);
	e->excluded = u64_or_0(tb[NETANOM_A_EXE_EXCLUDED]);
}

/* The address must be what the family says: 4 bytes for AF_INET, 16 for
 * AF_INET6, and none for any other family. */
static int fill_dest(struct netanom_exe *e, const struct nlattr **tb,
		     struct netanom_error *err)
{
	const struct nlattr *addr = tb[NETANOM_A_EXE_LAST_ADDR];
	size_t want = 0;

	if (tb[NETANOM_A_EXE_LAST_FAMILY])
		e->last_family = mnl_attr_get_u16(tb[NETANOM_A_EXE_LAST_FAMILY]);
	if (e->last_family == AF_INET)
		want = 4;
	else if (e->last_family == AF_INET6)
		want = 16;
	if (addr && mnl_attr_get_payload_len(addr) != want)
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "last_addr of %u bytes for family %u",
				  (unsigned int)mnl_attr_get_payload_len(addr),
				  e->last_family);
	if (addr) {
		e->last_addr_len = (uint8_t)want;
		memcpy(e->last_addr, mnl_attr_get_payload(addr), want);
	}
	if (tb[NETANOM_A_EXE_LAST_PORT]) {
		e->has_last_port = true;
		e->last_port = mnl_attr_get_u16(tb[NETANOM_A_EXE_LAST_PORT]);
	}
	return 0;
}

static int fill_strings(struct netanom_exe *e, const struct nlattr **tb,
			struct netanom_error *err)
{
	const struct nlattr *path = tb[NETANOM_A_EXE_PATH];

	/* Length checked against the rule: it fits, NUL included. */
	if (tb[NETANOM_A_EXE_COMM])
		strcpy(e->comm, mnl_attr_get_str(tb[NETANOM_A_EXE_COMM]));
	e->path = strdup(path ? mnl_attr_get_str(path) : "");
	if (!e->path)
		return nl_err_set(err, NETANOM_ERR_SYSTEM, ENOMEM, NULL, NULL);
	return 0;
}

/**
 * nl_parse_exe() - parse one entry message
 * @nlh: NETANOM_CMD_GET_EXE message
 * @out: filled on success (free with netanom_exe_free()); zeroed on failure
 * @err: error details, or NULL
 *
 * Return: 0, -EPROTO (malformed, or no dev or ino), -ENOMEM.
 */
int nl_parse_exe(const struct nlmsghdr *nlh, struct netanom_exe *out,
		 struct netanom_error *err)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1];
	int ret;

	memset(out, 0, sizeof(*out));
	ret = nl_attrs_parse_genl(nlh, exe_rules, NETANOM_A_MAX, tb, err);
	if (ret < 0)
		return ret;
	if (!tb[NETANOM_A_EXE_DEV] || !tb[NETANOM_A_EXE_INO])
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "entry without %s",
				  tb[NETANOM_A_EXE_DEV] ? "ino" : "dev");
	fill_counters(out, tb);
	ret = fill_dest(out, tb, err);
	if (!ret)
		ret = fill_strings(out, tb, err);
	if (ret < 0)
		memset(out, 0, sizeof(*out));
	return ret;
}
