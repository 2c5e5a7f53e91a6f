// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding the module's replies, checking every attribute against
 * include/uapi/linux/netanom.h: which ones must be there, their exact
 * lengths, that strings are NUL-terminated, that none is repeated and that
 * none belongs to another reply.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>
#include "conformance.h"

static int nc_fail(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int nc_fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * The entry and config attributes added after the first version of the
 * protocol, which sit after the stats and config ones.
 */
static int nc_late_exe_attr(uint8_t cmd, int type)
{
	if (cmd == NETANOM_CMD_GET_CONFIG)
		return type == NETANOM_A_CONFIG_EXCLUDE_DESTS ||
		       type == NETANOM_A_CONFIG_EXCLUDE_UIDS;
	if (cmd == NETANOM_CMD_GET_STATS)
		return type == NETANOM_A_STATS_EVENTS_SENT ||
		       type == NETANOM_A_STATS_EVENTS_DROPPED ||
		       (type >= NETANOM_A_STATS_RESETS &&
			type <= NETANOM_A_STATS_LOCKED);
	return cmd == NETANOM_CMD_GET_EXE &&
	       ((type >= NETANOM_A_EXE_SENDTO &&
		 type <= NETANOM_A_EXE_ACCEPT) ||
		type == NETANOM_A_EXE_EXCLUDED);
}

/*
 * Collect the attributes of a reply to @cmd into @tb.  Types outside
 * [@first, @last] (padding and later entry attributes aside) and repeated
 * attributes are errors.
 */
static int nc_collect(struct nl_msg *msg, uint8_t cmd, int first, int last,
		      struct nlattr **tb, char *why, size_t whylen)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh;
	struct nlattr *nla;
	int rem, type;

	if (!genlmsg_valid_hdr(nlh, 0))
		return nc_fail(why, whylen, "short generic netlink header");
	gh = nlmsg_data(nlh);
	if (gh->cmd != cmd)
		return nc_fail(why, whylen, "reply command %u, expected %u",
			       gh->cmd, cmd);
	if (gh->version != NETANOM_GENL_VERSION)
		return nc_fail(why, whylen, "reply version %u, expected %u",
			       gh->version, NETANOM_GENL_VERSION);

	memset(tb, 0, sizeof(*tb) * (NETANOM_A_MAX + 1));
	nla_for_each_attr(nla, genlmsg_attrdata(gh, 0),
			  genlmsg_attrlen(gh, 0), rem) {
		type = nla_type(nla);
		if (type == NETANOM_A_PAD)
			continue;
		if ((type < first || type > last) &&
		    !nc_late_exe_attr(cmd, type))
			return nc_fail(why, whylen,
				       "unexpected attribute type %d", type);
		if (tb[type])
			return nc_fail(why, whylen, "attribute %d repeated",
				       type);
		tb[type] = nla;
	}
	if (rem)
		return nc_fail(why, whylen, "%d trailing bytes after attributes",
			       rem);
	return 0;
}

static int nc_need(struct nlattr **tb, int type, int len, const char *name,
		   char *why, size_t whylen)
{
	if (!tb[type])
		return nc_fail(why, whylen, "%s missing", name);
	if (len >= 0 && nla_len(tb[type]) != len)
		return nc_fail(why, whylen, "%s has %d bytes, expected %d",
			       name, nla_len(tb[type]), len);
	return 0;
}

#define NEED(tb, type, len)	nc_need(tb, type, len, #type, why, whylen)

static uint64_t nc_u64(const struct nlattr *nla)
{
	uint64_t v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static uint32_t nc_u32(const struct nlattr *nla)
{
	uint32_t v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static uint16_t nc_u16(const struct nlattr *nla)
{
	uint16_t v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

/* A NUL-terminated string of 1..@max bytes with no NUL inside. */
static int nc_string(struct nlattr **tb, int type, int max, const char *name,
		     char *why, size_t whylen)
{
	const char *s;
	int len;

	if (!tb[type])
		return nc_fail(why, whylen, "%s missing", name);
	s = nla_data(tb[type]);
	len = nla_len(tb[type]);
	if (len < 1 || len > max)
		return nc_fail(why, whylen, "%s has %d bytes, at most %d",
			       name, len, max);
	if (s[len - 1] != '\0' || (int)strlen(s) != len - 1)
		return nc_fail(why, whylen, "%s is not one NUL-terminated string",
			       name);
	return 0;
}

/**
 * nc_decode_exe() - decode and check one NETANOM_CMD_GET_EXE message
 * @msg: the message
 * @e: filled in; free with nc_exe_free()
 * @why: reason on failure
 * @whylen: size of @why
 *
 * Return: 0 or -1.
 */
int nc_decode_exe(struct nl_msg *msg, struct nc_exe *e, char *why,
		  size_t whylen)
{
	static const int counters[5] = {
		NETANOM_A_EXE_TCP4, NETANOM_A_EXE_TCP6, NETANOM_A_EXE_UDP4,
		NETANOM_A_EXE_UDP6, NETANOM_A_EXE_OTHER,
	};
	static const int uses[NC_NR_USES] = {
		NETANOM_A_EXE_SENDTO, NETANOM_A_EXE_FASTOPEN,
		NETANOM_A_EXE_LISTEN, NETANOM_A_EXE_ACCEPT,
	};
	uint64_t used = 0;
	struct nlattr *tb[NETANOM_A_MAX + 1];
	uint64_t sum = 0;
	int i;

	memset(e, 0, sizeof(*e));
	if (nc_collect(msg, NETANOM_CMD_GET_EXE, NETANOM_A_EXE_DEV,
		       NETANOM_A_EXE_LAST_PORT, tb, why, whylen) ||
	    NEED(tb, NETANOM_A_EXE_DEV, 8) || NEED(tb, NETANOM_A_EXE_INO, 8) ||
	    nc_string(tb, NETANOM_A_EXE_PATH, PATH_MAX, "NETANOM_A_EXE_PATH",
		      why, whylen) ||
	    nc_string(tb, NETANOM_A_EXE_COMM, NETANOM_COMM_LEN,
		      "NETANOM_A_EXE_COMM", why, whylen) ||
	    NEED(tb, NETANOM_A_EXE_TCP4, 8) || NEED(tb, NETANOM_A_EXE_TCP6, 8) ||
	    NEED(tb, NETANOM_A_EXE_UDP4, 8) || NEED(tb, NETANOM_A_EXE_UDP6, 8) ||
	    NEED(tb, NETANOM_A_EXE_OTHER, 8) ||
	    NEED(tb, NETANOM_A_EXE_LOOPBACK, 8) ||
	    NEED(tb, NETANOM_A_EXE_FIRST_SEEN, 8) ||
	    NEED(tb, NETANOM_A_EXE_LAST_SEEN, 8) ||
	    NEED(tb, NETANOM_A_EXE_LAST_PID, 4) ||
	    NEED(tb, NETANOM_A_EXE_LAST_UID, 4) ||
	    (tb[NETANOM_A_EXE_LAST_FAMILY] &&
	     NEED(tb, NETANOM_A_EXE_LAST_FAMILY, 2)) ||
	    NEED(tb, NETANOM_A_EXE_SENDTO, 8) ||
	    NEED(tb, NETANOM_A_EXE_FASTOPEN, 8) ||
	    NEED(tb, NETANOM_A_EXE_LISTEN, 8) ||
	    NEED(tb, NETANOM_A_EXE_ACCEPT, 8) ||
	    NEED(tb, NETANOM_A_EXE_EXCLUDED, 8))
		return -1;

	e->dev = nc_u64(tb[NETANOM_A_EXE_DEV]);
	e->ino = nc_u64(tb[NETANOM_A_EXE_INO]);
	e->path = strdup(nla_data(tb[NETANOM_A_EXE_PATH]));
	if (!e->path)
		return nc_fail(why, whylen, "out of memory");
	snprintf(e->comm, sizeof(e->comm), "%s",
		 (const char *)nla_data(tb[NETANOM_A_EXE_COMM]));
	for (i = 0; i < 5; i++) {
		e->count[i] = nc_u64(tb[counters[i]]);
		sum += e->count[i];
	}
	for (i = 0; i < NC_NR_USES; i++) {
		e->use[i] = nc_u64(tb[uses[i]]);
		used += e->use[i];
	}
	e->loopback = nc_u64(tb[NETANOM_A_EXE_LOOPBACK]);
	e->first_seen = nc_u64(tb[NETANOM_A_EXE_FIRST_SEEN]);
	e->last_seen = nc_u64(tb[NETANOM_A_EXE_LAST_SEEN]);
	e->last_pid = nc_u32(tb[NETANOM_A_EXE_LAST_PID]);
	e->last_uid = nc_u32(tb[NETANOM_A_EXE_LAST_UID]);
	e->has_family = !!tb[NETANOM_A_EXE_LAST_FAMILY];
	if (e->has_family)
		e->last_family = nc_u16(tb[NETANOM_A_EXE_LAST_FAMILY]);

	/* Address and port exist for inet destinations only. */
	if (e->last_family == AF_INET || e->last_family == AF_INET6) {
		if (NEED(tb, NETANOM_A_EXE_LAST_ADDR,
			 e->last_family == AF_INET ? 4 : 16) ||
		    NEED(tb, NETANOM_A_EXE_LAST_PORT, 2))
			return -1;
		e->addr_len = nla_len(tb[NETANOM_A_EXE_LAST_ADDR]);
		memcpy(e->last_addr, nla_data(tb[NETANOM_A_EXE_LAST_ADDR]),
		       e->addr_len);
		e->has_port = 1;
		e->last_port = nc_u16(tb[NETANOM_A_EXE_LAST_PORT]);
	} else if (tb[NETANOM_A_EXE_LAST_ADDR] || tb[NETANOM_A_EXE_LAST_PORT]) {
		return nc_fail(why, whylen,
			       "address or port for family %u, which has none",
			       e->last_family);
	}

	/* No destination only for an entry that never went anywhere. */
	if (!e->has_family &&
	    (sum || e->use[NC_SENDTO] || e->use[NC_FASTOPEN]))
		return nc_fail(why, whylen,
			       "NETANOM_A_EXE_LAST_FAMILY missing after %llu connects and sends",
			       (unsigned long long)(sum + e->use[NC_SENDTO] +
						    e->use[NC_FASTOPEN]));
	if (e->loopback > sum)
		return nc_fail(why, whylen,
			       "loopback %llu exceeds the %llu connects",
			       (unsigned long long)e->loopback,
			       (unsigned long long)sum);
	if (e->first_seen > e->last_seen)
		return nc_fail(why, whylen, "first_seen after last_seen");
	/* Wall-clock ns, not ns since boot: later than 2001-09-09. */
	if ((sum || used) && e->first_seen < 1000000000ULL * 1000000000ULL)
		return nc_fail(why, whylen,
			       "first_seen %llu is not ns since the epoch",
			       (unsigned long long)e->first_seen);
	return 0;
}

void nc_exe_free(struct nc_exe *e)
{
	free(e->path);
	e->path = NULL;
}

/**
 * nc_decode_stats() - decode and check a NETANOM_CMD_GET_STATS reply
 * @msg: the message
 * @st: filled in
 * @why: reason on failure
 * @whylen: size of @why
 *
 * Return: 0 or -1.
 */
int nc_decode_stats(struct nl_msg *msg, struct nc_stats *st, char *why,
		    size_t whylen)
{
	struct nlattr *tb[NETANOM_A_MAX + 1];

	if (nc_collect(msg, NETANOM_CMD_GET_STATS, NETANOM_A_STATS_HITS,
		       NETANOM_A_STATS_BYTES, tb, why, whylen) ||
	    NEED(tb, NETANOM_A_STATS_HITS, 8) ||
	    NEED(tb, NETANOM_A_STATS_ENTRIES, 4) ||
	    NEED(tb, NETANOM_A_STATS_MAX_ENTRIES, 4) ||
	    NEED(tb, NETANOM_A_STATS_DROPPED, 8) ||
	    NEED(tb, NETANOM_A_STATS_ALLOC_FAILURES, 8) ||
	    NEED(tb, NETANOM_A_STATS_BYTES, 8) ||
	    NEED(tb, NETANOM_A_STATS_EVENTS_SENT, 8) ||
	    NEED(tb, NETANOM_A_STATS_EVENTS_DROPPED, 8) ||
	    NEED(tb, NETANOM_A_STATS_RESETS, 8) ||
	    NEED(tb, NETANOM_A_STATS_INSTANCE, 8) ||
	    NEED(tb, NETANOM_A_STATS_LOCKED, 1))
		return -1;
	st->hits = nc_u64(tb[NETANOM_A_STATS_HITS]);
	st->entries = nc_u32(tb[NETANOM_A_STATS_ENTRIES]);
	st->max_entries = nc_u32(tb[NETANOM_A_STATS_MAX_ENTRIES]);
	st->dropped = nc_u64(tb[NETANOM_A_STATS_DROPPED]);
	st->alloc_failures = nc_u64(tb[NETANOM_A_STATS_ALLOC_FAILURES]);
	st->bytes = nc_u64(tb[NETANOM_A_STATS_BYTES]);
	st->events_sent = nc_u64(tb[NETANOM_A_STATS_EVENTS_SENT]);
	st->events_dropped = nc_u64(tb[NETANOM_A_STATS_EVENTS_DROPPED]);
	st->resets = nc_u64(tb[NETANOM_A_STATS_RESETS]);
	st->instance = nc_u64(tb[NETANOM_A_STATS_INSTANCE]);
	st->locked = nla_get_u8(tb[NETANOM_A_STATS_LOCKED]);
	if (st->locked > 1)
		return nc_fail(why, whylen, "locked is %u, not 0 or 1",
			       st->locked);
	if (!st->max_entries)
		return nc_fail(why, whylen, "max_entries is 0");
	if (st->entries > st->max_entries)
		return nc_fail(why, whylen, "%u entries, more than max %u",
			       st->entries, st->max_entries);
	if (!st->bytes)
		return nc_fail(why, whylen, "the table holds 0 bytes");
	return 0;
}

/**
 * nc_decode_config() - decode and check a NETANOM_CMD_GET_CONFIG reply
 * @msg: the message
 * @value: current flags
 * @selector: the selector sent, NETANOM_CONFIG_F_ALL
 * @why: reason on failure
 * @whylen: size of @why
 *
 * Return: 0 or -1.
 */
int nc_decode_config(struct nl_msg *msg, uint32_t *value, uint32_t *selector,
		     char *why, size_t whylen)
{
	struct nlattr *tb[NETANOM_A_MAX + 1];
	struct nla_bitfield32 bf;

	if (nc_collect(msg, NETANOM_CMD_GET_CONFIG, NETANOM_A_CONFIG_FLAGS,
		       NETANOM_A_CONFIG_FLAGS, tb, why, whylen) ||
	    NEED(tb, NETANOM_A_CONFIG_FLAGS, (int)sizeof(bf)))
		return -1;
	memcpy(&bf, nla_data(tb[NETANOM_A_CONFIG_FLAGS]), sizeof(bf));
	*value = bf.value;
	*selector = bf.selector;
	if (bf.selector != NETANOM_CONFIG_F_ALL)
		return nc_fail(why, whylen, "selector %#x, expected %#x",
			       bf.selector, NETANOM_CONFIG_F_ALL);
	if (bf.value & ~(uint32_t)NETANOM_CONFIG_F_ALL)
		return nc_fail(why, whylen, "unknown flags in %#x", bf.value);
	return 0;
}
