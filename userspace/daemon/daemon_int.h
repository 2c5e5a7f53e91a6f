/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Private to the collection loop's files: the running daemon. */
#ifndef NETANOMD_DAEMON_INT_H
#define NETANOMD_DAEMON_INT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "bucket.h"
#include "collect.h"
#include "daemon.h"
#include "engine.h"
#include "output.h"
#include "state.h"
#include "hash.h"
#include "notify.h"
#include "tamper.h"

#define ND_NSEC		1000000000LL
/* Buckets kept in memory while the database does not take them: a day
 * of 15-minute buckets. */
#define ND_HELD_MAX	96
/* First retry after the module went missing; doubles up to bucket_span. */
#define ND_RETRY_FIRST_NS	ND_NSEC

/**
 * struct nd_daemon - the running daemon
 * @o: command line
 * @src: the module
 * @cfg: configuration in force (owned, replaced on SIGHUP)
 * @host: host fields of alerts
 * @db: the database
 * @outs: alert outputs
 * @engine: scoring
 * @hashes: digests of executables that alerted, for the engine
 * @coll: the previous snapshot of the module's table
 * @nl: handle to the module, NULL while it is not reachable
 * @ev: handle subscribed to the module's events, NULL when there is none
 * @events_said: the log says events are unavailable (said once, until
 *	they are back)
 * @missing_said: the log says the module is unreachable (said once,
 *	until it is back)
 * @not_loaded: the last attempt to reach the module found no family
 * @tamper: what the tamper check knows of the module
 * @retry_at_ns: next attempt to reach the module
 * @backoff_ns: wait before the attempt after that
 * @sigfd: signalfd of SIGTERM, SIGINT and SIGHUP
 * @old_mask: signal mask to restore
 * @stop: SIGTERM or SIGINT arrived
 * @notify: systemd's watchdog schedule
 * @scoring_s: how long the last bucket took to score, -1 before one
 * @last_end_s: end of the last bucket scored (Unix seconds), 0 before one
 * @held: buckets the database did not take yet, oldest first
 * @nheld: how many
 * @held_retry_ns: when to try storing them again
 * @held_wait_ns: the wait before that try, 0 when none waits
 */
struct nd_daemon {
	const struct nd_options *o;
	const struct nd_source *src;
	struct nd_config *cfg;
	struct nd_host host;
	struct nd_state *db;
	struct nd_outputs *outs;
	struct nd_engine engine;
	struct nd_hash_cache hashes;
	struct nd_collector coll;
	struct netanom *nl;
	struct netanom *ev;
	bool events_said;
	bool missing_said;
	bool not_loaded;
	struct nd_tamper tamper;
	int64_t retry_at_ns;
	int64_t backoff_ns;
	int sigfd;
	sigset_t old_mask;
	bool stop;
	struct nd_notify notify;
	double scoring_s;
	int64_t last_end_s;
	struct nd_bucket held[ND_HELD_MAX];
	size_t nheld;
	int64_t held_retry_ns;
	int64_t held_wait_ns;
};

/** nd_now_ns() - wall-clock time, ns since the epoch */
int64_t nd_now_ns(void);

/* module.c */

/**
 * nd_module_push_exclude() - hand [exclude] destinations and users to the
 *	module, replacing its lists; a refusal is logged, not fatal
 * @d: the daemon; nothing happens while the module is not reached
 */
void nd_module_push_exclude(struct nd_daemon *d);

/**
 * nd_module_connect() - reach the module if not yet, or log why not
 * @d: the daemon
 * @now_ns: the time, for the next retry
 *
 * The first time the module is reached, its table primes the collector;
 * when it is not loaded at all, the collector starts from an empty table,
 * so that everything it counts once loaded is new.
 *
 * Return: true when the module is reachable.
 */
bool nd_module_connect(struct nd_daemon *d, int64_t now_ns);

/**
 * nd_module_pull() - dump the table into @b (deltas since the last pull)
 * @d: the daemon
 * @b: the bucket
 * @now_ns: the time, for the next retry on failure
 *
 * Return: 0 when @b holds a full bucket's deltas, -1 otherwise (module
 * gone: the handle is closed and retried; or the collector was priming).
 */
int nd_module_pull(struct nd_daemon *d, struct nd_bucket *b, int64_t now_ns);

/** nd_module_close() - drop the handle */
void nd_module_close(struct nd_daemon *d);

/**
 * nd_module_lost() - the handle failed: drop it, retry from @now_ns on
 * @d: the daemon
 * @now_ns: the time
 */
void nd_module_lost(struct nd_daemon *d, int64_t now_ns);

/* daemon_metrics.c */

/**
 * nd_daemon_metrics() - rewrite the [output] metrics file, when it is on
 * @d: the daemon; the module's stats are asked for when it is reachable
 * @up: false for the last write, when the daemon stops
 *
 * A failure is logged; the daemon goes on.
 */
void nd_daemon_metrics(struct nd_daemon *d, bool up);

/* events.c */

/**
 * nd_events_open() - subscribe to the module's events, if not yet; a
 *	failure is logged once and not fatal
 * @d: the daemon
 */
void nd_events_open(struct nd_daemon *d);

/** nd_events_close() - drop the events handle */
void nd_events_close(struct nd_daemon *d);

/** nd_events_fd() - descriptor to poll for events, -1 when none */
int nd_events_fd(const struct nd_daemon *d);

/**
 * nd_events_read() - read one event and score its executable at once
 *	(nd_engine_event()); a lost burst is logged, the pull still has it
 * @d: the daemon; call when nd_events_fd() polls readable or in error
 */
void nd_events_read(struct nd_daemon *d);

/* signals.c */

/** nd_signals_open() - block the daemon's signals, open @d->sigfd */
int nd_signals_open(struct nd_daemon *d);

/** nd_signals_handle() - act on pending signals (stop, reload) */
void nd_signals_handle(struct nd_daemon *d);

/** nd_signals_close() - close @d->sigfd, restore the mask */
void nd_signals_close(struct nd_daemon *d);

/* reload.c */

/**
 * nd_daemon_reload() - read the configuration again (SIGHUP)
 * @d: the daemon
 *
 * A configuration that does not load, changes bucket_span or whose
 * outputs do not open is logged and the old one stays in force.
 *
 * Return: 0 when the new one is in force, -1 otherwise.
 */
int nd_daemon_reload(struct nd_daemon *d);

/** nd_daemon_emit() - the engine's emitter: the daemon's outputs */
int nd_daemon_emit(void *arg, const struct nd_alert *a, const char *doc);

/* held.c */

/**
 * nd_held_add() - queue @b (taken over; @b is left empty) for the database
 * @d: the daemon
 * @b: a full bucket's deltas; beyond ND_HELD_MAX the oldest is dropped
 *	(logged)
 */
void nd_held_add(struct nd_daemon *d, struct nd_bucket *b);

/**
 * nd_held_store() - score and store the queued buckets, oldest first
 * @d: the daemon
 * @now_ns: the time
 *
 * Stops at the first bucket the database refuses; it and the later ones
 * wait for the next try (at @d->held_retry_ns).
 *
 * Return: 0 when none waits any more, -1 otherwise.
 */
int nd_held_store(struct nd_daemon *d, int64_t now_ns);

/** nd_held_free() - drop what still waits, saying so */
void nd_held_free(struct nd_daemon *d);

/* tamper_poll.c */

/**
 * nd_tamper_poll() - look at the module if it is time, and raise a tamper
 *	alert for what changed behind the daemon's back
 * @d: the daemon
 * @now_ns: the time
 */
void nd_tamper_poll(struct nd_daemon *d, int64_t now_ns);

#endif /* NETANOMD_DAEMON_INT_H */
