// SPDX-License-Identifier: GPL-2.0
/*
 * Attributes of netanom's replies, as documented in the uapi header.  Each
 * function either puts all of its attributes or returns -EMSGSIZE, leaving
 * the caller to cancel the message.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <net/netlink.h>
#include <uapi/linux/netanom.h>
#include "excl.h"
#include "msg.h"

static const u16 netanom_class_attr[NETANOM_NR_CLASSES] = {
	[NETANOM_CLASS_TCP4] = NETANOM_A_EXE_TCP4,
	[NETANOM_CLASS_TCP6] = NETANOM_A_EXE_TCP6,
	[NETANOM_CLASS_UDP4] = NETANOM_A_EXE_UDP4,
	[NETANOM_CLASS_UDP6] = NETANOM_A_EXE_UDP6,
	[NETANOM_CLASS_OTHER] = NETANOM_A_EXE_OTHER,
};

/* Slot NETANOM_USE_CONNECT is not sent: connects go out per class. */
static const u16 netanom_use_attr[NETANOM_NR_USES] = {
	[NETANOM_USE_SENDTO] = NETANOM_A_EXE_SENDTO,
	[NETANOM_USE_FASTOPEN] = NETANOM_A_EXE_FASTOPEN,
	[NETANOM_USE_LISTEN] = NETANOM_A_EXE_LISTEN,
	[NETANOM_USE_ACCEPT] = NETANOM_A_EXE_ACCEPT,
};

static int netanom_put_u64(struct sk_buff *skb, int type, u64 value)
{
	return nla_put_u64_64bit(skb, type, value, NETANOM_A_PAD);
}

static int netanom_msg_put_dest(struct sk_buff *skb,
				const struct netanom_dest *d)
{
	int len;

	if (!d->family)
		return 0;
	if (nla_put_u16(skb, NETANOM_A_EXE_LAST_FAMILY, d->family))
		return -EMSGSIZE;
	/* Only inet destinations have an address and a port worth reporting. */
	if (d->family == AF_INET)
		len = sizeof(struct in_addr);
	else if (d->family == AF_INET6)
		len = sizeof(struct in6_addr);
	else
		return 0;
	if (nla_put(skb, NETANOM_A_EXE_LAST_ADDR, len, d->addr) ||
	    nla_put_u16(skb, NETANOM_A_EXE_LAST_PORT, d->port))
		return -EMSGSIZE;
	return 0;
}

/**
 * netanom_msg_put_exe() - put one entry's attributes
 * @skb: message being built
 * @info: copy of the entry
 *
 * Return: 0 or -EMSGSIZE.
 */
int netanom_msg_put_exe(struct sk_buff *skb,
			const struct netanom_exe_info *info)
{
	int i;

	if (netanom_put_u64(skb, NETANOM_A_EXE_DEV, info->key.dev) ||
	    netanom_put_u64(skb, NETANOM_A_EXE_INO, info->key.ino) ||
	    nla_put_string(skb, NETANOM_A_EXE_PATH, info->path) ||
	    nla_put_string(skb, NETANOM_A_EXE_COMM, info->comm))
		return -EMSGSIZE;
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		if (netanom_put_u64(skb, netanom_class_attr[i], info->count[i]))
			return -EMSGSIZE;
	if (netanom_put_u64(skb, NETANOM_A_EXE_LOOPBACK, info->loopback) ||
	    netanom_put_u64(skb, NETANOM_A_EXE_FIRST_SEEN,
			    info->first_seen_ns) ||
	    netanom_put_u64(skb, NETANOM_A_EXE_LAST_SEEN, info->last.seen_ns) ||
	    nla_put_u32(skb, NETANOM_A_EXE_LAST_PID, info->last.pid) ||
	    nla_put_u32(skb, NETANOM_A_EXE_LAST_UID, info->last.uid))
		return -EMSGSIZE;
	for (i = NETANOM_USE_CONNECT + 1; i < NETANOM_NR_USES; i++)
		if (netanom_put_u64(skb, netanom_use_attr[i], info->uses[i]))
			return -EMSGSIZE;
	if (netanom_put_u64(skb, NETANOM_A_EXE_EXCLUDED, info->excluded))
		return -EMSGSIZE;
	return netanom_msg_put_dest(skb, &info->last.dest);
}

/**
 * netanom_msg_exe_size() - room for the attributes of the largest entry
 *
 * A path may be PATH_MAX bytes long, more than a dump message of
 * NLMSG_GOODSIZE holds; the dump and GET_EXE size their messages by this.
 *
 * Return: bytes of the attributes netanom_msg_put_exe() puts at most.
 */
size_t netanom_msg_exe_size(void)
{
	/* dev, ino, the classes, loopback, first and last seen, the uses
	 * other than connect, excluded.
	 */
	size_t nr_u64 = 2 + NETANOM_NR_CLASSES + 3 + (NETANOM_NR_USES - 1) + 1;

	return nla_total_size(PATH_MAX) + nla_total_size(TASK_COMM_LEN) +
	       nr_u64 * nla_total_size_64bit(sizeof(u64)) +
	       2 * nla_total_size(sizeof(u32)) +	/* pid, uid */
	       2 * nla_total_size(sizeof(u16)) +	/* family, port */
	       nla_total_size(sizeof(struct in6_addr));
}

/**
 * netanom_msg_put_stats() - put the statistics attributes
 * @skb: message being built
 * @st: statistics
 *
 * Return: 0 or -EMSGSIZE.
 */
int netanom_msg_put_stats(struct sk_buff *skb, const struct netanom_stats *st)
{
	if (netanom_put_u64(skb, NETANOM_A_STATS_HITS, st->hits) ||
	    nla_put_u32(skb, NETANOM_A_STATS_ENTRIES, st->entries) ||
	    nla_put_u32(skb, NETANOM_A_STATS_MAX_ENTRIES, st->max_entries) ||
	    netanom_put_u64(skb, NETANOM_A_STATS_DROPPED, st->dropped) ||
	    netanom_put_u64(skb, NETANOM_A_STATS_ALLOC_FAILURES,
			    st->alloc_failures) ||
	    netanom_put_u64(skb, NETANOM_A_STATS_BYTES, st->bytes) ||
	    netanom_put_u64(skb, NETANOM_A_STATS_EVENTS_SENT,
			    st->events_sent) ||
	    netanom_put_u64(skb, NETANOM_A_STATS_EVENTS_DROPPED,
			    st->events_dropped) ||
	    netanom_put_u64(skb, NETANOM_A_STATS_RESETS, st->resets) ||
	    netanom_put_u64(skb, NETANOM_A_STATS_INSTANCE, st->instance) ||
	    nla_put_u8(skb, NETANOM_A_STATS_LOCKED, st->locked))
		return -EMSGSIZE;
	return 0;
}

/**
 * netanom_msg_put_event() - put the attributes of a NETANOM_CMD_NEW_EXE
 * @skb: message being built
 * @ev: the event
 * @path: the executable's path, or NULL when its entry is gone
 *
 * Return: 0 or -EMSGSIZE.
 */
int netanom_msg_put_event(struct sk_buff *skb, const struct netanom_event *ev,
			  const char *path)
{
	if (netanom_put_u64(skb, NETANOM_A_EXE_DEV, ev->key.dev) ||
	    netanom_put_u64(skb, NETANOM_A_EXE_INO, ev->key.ino) ||
	    (path && nla_put_string(skb, NETANOM_A_EXE_PATH, path)) ||
	    nla_put_string(skb, NETANOM_A_EXE_COMM, ev->comm) ||
	    netanom_put_u64(skb, NETANOM_A_EVENT_TIME, ev->time_ns) ||
	    nla_put_u32(skb, NETANOM_A_EVENT_PID, ev->pid) ||
	    nla_put_u32(skb, NETANOM_A_EVENT_TGID, ev->tgid) ||
	    nla_put_u32(skb, NETANOM_A_EVENT_PPID, ev->ppid) ||
	    nla_put_u32(skb, NETANOM_A_EVENT_UID, ev->uid) ||
	    nla_put_u8(skb, NETANOM_A_EVENT_KIND, ev->kind))
		return -EMSGSIZE;
	return netanom_msg_put_dest(skb, &ev->dest);
}

/**
 * netanom_msg_event_size() - room for the attributes of the largest event
 *
 * Return: bytes of the attributes netanom_msg_put_event() puts at most.
 */
size_t netanom_msg_event_size(void)
{
	return nla_total_size(PATH_MAX) + nla_total_size(TASK_COMM_LEN) +
	       3 * nla_total_size_64bit(sizeof(u64)) +	/* dev, ino, time */
	       4 * nla_total_size(sizeof(u32)) +	/* pid, tgid, ppid, uid */
	       nla_total_size(sizeof(u8)) +		/* kind */
	       2 * nla_total_size(sizeof(u16)) +	/* family, port */
	       nla_total_size(sizeof(struct in6_addr));
}

/**
 * netanom_msg_put_config() - put the configuration attribute
 * @skb: message being built
 * @flags: current NETANOM_CONFIG_F_* flags
 *
 * Return: 0 or -EMSGSIZE.
 */
int netanom_msg_put_config(struct sk_buff *skb, u32 flags)
{
	return nla_put_bitfield32(skb, NETANOM_A_CONFIG_FLAGS, flags,
				  NETANOM_CONFIG_F_ALL) ? -EMSGSIZE : 0;
}

static int netanom_msg_put_dests(struct sk_buff *skb,
				 const struct netanom_excl *x)
{
	struct nlattr *list, *cidr;
	unsigned int i;

	list = nla_nest_start(skb, NETANOM_A_CONFIG_EXCLUDE_DESTS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; x && i < x->nr_dests; i++) {
		const struct netanom_cidr *c = &x->dests[i];

		cidr = nla_nest_start(skb, NETANOM_A_EXCL_CIDR);
		if (!cidr ||
		    nla_put(skb, NETANOM_A_CIDR_ADDR,
			    c->family == AF_INET ? 4 : 16, c->addr) ||
		    nla_put_u8(skb, NETANOM_A_CIDR_PREFIX, c->prefix))
			return -EMSGSIZE;
		nla_nest_end(skb, cidr);
	}
	nla_nest_end(skb, list);
	return 0;
}

/**
 * netanom_msg_put_excl() - put both exclusion lists, as nests
 * @skb: message being built
 * @x: the lists, or NULL for two empty lists
 *
 * Return: 0 or -EMSGSIZE.
 */
int netanom_msg_put_excl(struct sk_buff *skb, const struct netanom_excl *x)
{
	struct nlattr *list;
	unsigned int i;

	if (netanom_msg_put_dests(skb, x))
		return -EMSGSIZE;
	list = nla_nest_start(skb, NETANOM_A_CONFIG_EXCLUDE_UIDS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; x && i < x->nr_uids; i++)
		if (nla_put_u32(skb, NETANOM_A_EXCL_UID, x->uids[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, list);
	return 0;
}
