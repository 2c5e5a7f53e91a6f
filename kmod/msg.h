/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building the attributes of netanom's netlink replies.  Kept apart from the
 * genetlink operations so that KUnit can build a message and parse it back.
 */
#ifndef _NETANOM_MSG_H
#define _NETANOM_MSG_H

#include <linux/skbuff.h>
#include "event.h"
#include "table.h"

/**
 * struct netanom_stats - counters reported by NETANOM_CMD_GET_STATS
 * @hits: probe hits
 * @entries: entries in the table
 * @max_entries: capacity
 * @dropped: connects not recorded, table full
 * @alloc_failures: connects not recorded, allocation failed
 * @bytes: memory held by the table
 * @events_sent: new-executable events multicast
 * @events_dropped: events lost (rate limit, queue full, failed send)
 * @resets: NETANOM_CMD_RESET requests served since load
 * @instance: random number drawn at load
 * @locked: loaded with lock=1
 */
struct netanom_stats {
	u64 hits;
	u32 entries;
	u32 max_entries;
	u64 dropped;
	u64 alloc_failures;
	u64 bytes;
	u64 events_sent;
	u64 events_dropped;
	u64 resets;
	u64 instance;
	bool locked;
};

int netanom_msg_put_exe(struct sk_buff *skb,
			const struct netanom_exe_info *info);
size_t netanom_msg_exe_size(void);
int netanom_msg_put_stats(struct sk_buff *skb,
			  const struct netanom_stats *st);
int netanom_msg_put_config(struct sk_buff *skb, u32 flags);
int netanom_msg_put_event(struct sk_buff *skb, const struct netanom_event *ev,
			  const char *path);
size_t netanom_msg_event_size(void);
struct netanom_excl;
int netanom_msg_put_excl(struct sk_buff *skb, const struct netanom_excl *x);

#endif /* _NETANOM_MSG_H */
