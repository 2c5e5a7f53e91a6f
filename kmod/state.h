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
 * @resets: NETANOM_CMD_RESET requests served; read and written under the
 *	genetlink mutex
 * @instance: random number drawn at load, so that a client tells a
 *	reloaded module from the one it knew
 * @locked: loaded with lock=1 (holds a reference on itself)
 */
struct netanom_state {
	struct netanom_table table;
	u32 flags;
	u64 __percpu *hits;
	struct netanom_excl __rcu *excl;
	struct netanom_events events;
	u64 resets;
	u64 instance;
	bool locked;
};

#endif /* _NETANOM_STATE_H */
