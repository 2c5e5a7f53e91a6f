/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * From snapshots of the module's table to buckets of activity.
 *
 * The kernel keeps cumulative counters per executable; the daemon pulls
 * the whole table once per bucket and needs what happened since the last
 * pull.  The collector keeps the previous snapshot's counters, keyed by
 * (dev, ino), and turns each new snapshot into deltas of activity:
 *
 *   activity = (connects - loopback) + sendto + fastopen
 *
 * every use that reaches out to a destination the program chose: connects
 * that leave the host, unconnected UDP (and ping) sends with an address,
 * and TCP Fast Open sends.  Listens and accepts are not activity (the peer
 * chose to connect), nor are the uses the module's exclusion lists counted
 * as "excluded".  The rules below apply to the sum.
 *
 * Counters can go backwards or restart: the module was reloaded, the table
 * was reset, an entry was evicted and came back.  The kernel stamps every
 * entry with the time of its first counted connect (first_seen), so:
 *
 *   - an entry not in the previous snapshot is new: all its activity is
 *     the delta;
 *   - an entry whose first_seen changed was created again since the last
 *     pull: all its activity is the delta (it all happened since);
 *   - an entry with the same first_seen whose counter went backwards has
 *     no credible history: the delta is 0 and the new value is the base.
 *
 * The first snapshot after start only sets the base: activity before
 * the daemon ran belongs to no bucket it observed.
 */
#ifndef NETANOMD_COLLECT_H
#define NETANOMD_COLLECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bucket.h"
#include "netanom.h"

/**
 * struct nd_seen - one executable's counters at the previous pull
 * @dev: st_dev of the executable
 * @ino: st_ino of the executable
 * @first_seen_ns: the kernel entry's first_seen, its incarnation
 * @tcp4: counter at the previous pull
 * @tcp6: counter at the previous pull
 * @udp4: counter at the previous pull
 * @udp6: counter at the previous pull
 * @activity: (connects - loopback) + sendto + fastopen at the previous
 *	pull
 */
struct nd_seen {
	uint64_t dev;
	uint64_t ino;
	uint64_t first_seen_ns;
	uint64_t tcp4;
	uint64_t tcp6;
	uint64_t udp4;
	uint64_t udp6;
	uint64_t activity;
};

/**
 * struct nd_collector - the previous snapshot
 * @v: its entries, sorted by (dev, ino)
 * @n: how many
 * @primed: a snapshot has been taken since start
 */
struct nd_collector {
	struct nd_seen *v;
	size_t n;
	bool primed;
};

/** nd_collector_init() - a collector that has seen nothing */
void nd_collector_init(struct nd_collector *c);

/** nd_collector_free() - free the previous snapshot; back to unprimed */
void nd_collector_free(struct nd_collector *c);

/**
 * nd_collect() - the activity since the previous snapshot
 * @c: the collector; its previous snapshot becomes @snap on success
 * @snap: the table as netanom_list() returned it
 * @out: an initialised bucket; every executable with activity
 *	since the previous snapshot is appended (nothing on the first call)
 *
 * Return: 0, or -1 when out of memory (@c is then unchanged; @out may hold
 * part of the entries).
 */
int nd_collect(struct nd_collector *c, const struct netanom_exe_list *snap,
	       struct nd_bucket *out);

/**
 * nd_counter_delta() - one counter's growth since the previous pull
 * @prev: its value then
 * @cur: its value now
 * @same_entry: the kernel entry is the same incarnation (same first_seen)
 *
 * Return: @cur - @prev for the same entry when it did not go backwards,
 * 0 when it did, @cur for a new incarnation.
 */
uint64_t nd_counter_delta(uint64_t prev, uint64_t cur, bool same_entry);

/**
 * nd_activity_set_dest() - @e's last destination into @a
 * @e: an entry (or an event's executable)
 * @a: its dest_ip (IPv4-mapped as IPv4), dest_port and ip_version are set;
 *	left alone when @e has no inet destination
 */
void nd_activity_set_dest(const struct netanom_exe *e, struct nd_activity *a);

/**
 * nd_event_activity() - the activity a new-executable event stands for
 * @ev: the event
 * @a: filled on success (@a->exe is malloc'ed; free it)
 *
 * Activity is what the bucket pull counts (see above): a connect outside
 * loopback, a send with an address, a Fast Open.  A listen, an accept or
 * a loopback destination is none, nor is an event without a path.
 *
 * Return: 0 when @ev is activity, 1 when it is not, -1 out of memory.
 */
int nd_event_activity(const struct netanom_event *ev, struct nd_activity *a);

#endif /* NETANOMD_COLLECT_H */
