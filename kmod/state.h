/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one netanom instance: the table, the configuration and the probe's
 * hit counter, created by main.c and handed to the probe and to netlink.
 */
#ifndef _NETANOM_STATE_H
#define _NETANOM_STATE_H

#include <linux/percpu.h>
#include "event.h"
#include "excl.h"
#include "table.h"

/**
 * struct netanom_state - everything the probe and the netlink family share
 * @table: per-executable entries
 * @flags: NETANOM_CONFIG_F_*; read with READ_ONCE() by the probe, written
 *	under the genetlink mutex (the family is not parallel_ops)
 * @hits: probe hits per CPU
 * @excl: exclusion lists, NULL for none; read under RCU by the probes,
 *	replaced under the genetlink mutex, freed after a grace period
 * @events: new-executable events on their way to the multicast group
 */
struct netanom_state {
	struct netanom_table table;
	u32 flags;
	u64 __percpu *hits;
	struct netanom_excl __rcu *excl;
	struct netanom_events events;
};

#endif /* _NETANOM_STATE_H */
