/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The engine: one bucket of activity in, scores and alerts out.
 *
 * For each bucket, in one database transaction:
 *   1. executables listed twice are merged (connects add up, the later
 *      entry's last pid/uid/destination win), then sorted by path so the
 *      same input always gives the same output;
 *   2. [exclude] executables and users (by the last uid) are dropped;
 *   3. every remaining executable is scored by the model, which then
 *      learns it; its row and the bucket's activity are stored;
 *   4. a score at or above anomaly_threshold raises an alert, at most one
 *      per executable per bucket, unless the executable alerted less than
 *      realert ago with a score at least as high (nd_alert_due());
 *   5. when the raw-score history changed, the current score of recent
 *      alerts (inside the history window) is renormalised; the initial
 *      score stays as it was emitted;
 *   6. the host observes the bucket; host, history and pruning are stored.
 * After the commit, the new alerts go to the emitter and are marked
 * emitted.  Alerts committed but not marked (a crash in between) are
 * emitted again at the next start: at least once, never lost.
 */
#ifndef NETANOMD_ENGINE_H
#define NETANOMD_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "alert.h"
#include "bucket.h"
#include "config.h"
#include "model.h"
#include "output.h"
#include "state.h"

struct nd_hash_cache;

/**
 * struct nd_emitter - where alerts go
 * @emit: write one alert and its ECS document; 0 or -1
 * @arg: passed to @emit
 */
struct nd_emitter {
	int (*emit)(void *arg, const struct nd_alert *a, const char *doc);
	void *arg;
};

/**
 * struct nd_engine - scoring state between buckets
 * @cfg: configuration (not owned; replaced by nd_engine_set_config())
 * @host: host fields of alerts (not owned)
 * @db: the database (not owned)
 * @out: where alerts go
 * @params: model parameters from @cfg
 * @mhost: the host's model state, as committed
 * @hist: the raw-score history, as committed
 * @proc: where procfs is, to read an alert's process from; NULL (the
 *	default after nd_engine_open()) reads nothing, as replay wants
 * @hashes: digests of executables already hashed; NULL hashes nothing
 */
struct nd_engine {
	const struct nd_config *cfg;
	const struct nd_host *host;
	struct nd_state *db;
	struct nd_emitter out;
	struct nm_params params;
	struct nm_host mhost;
	struct nm_history hist;
	const char *proc;
	struct nd_hash_cache *hashes;
};

/**
 * nd_engine_open() - load the model state from @db
 * @e: the engine
 * @cfg: configuration; must outlive the engine or the next set_config
 * @host: host fields; must outlive the engine
 * @db: the database; must outlive the engine
 * @out: the emitter (copied)
 * @err: on failure, one line saying why
 * @errlen: size of @err
 *
 * The database remembers the bucket span it was built with: another span
 * would give every stored bucket index another meaning, so it is an error.
 *
 * Return: 0, or -1 with @err filled.
 */
int nd_engine_open(struct nd_engine *e, const struct nd_config *cfg,
		   const struct nd_host *host, struct nd_state *db,
		   const struct nd_emitter *out, char *err, size_t errlen);

/**
 * nd_engine_set_config() - use @cfg from the next bucket on (SIGHUP)
 * @e: the engine
 * @cfg: the new configuration
 * @err: on failure, why
 * @errlen: size of @err
 *
 * Return: 0, or -1 (bucket_span changed, bad parameters): the old
 * configuration stays.
 */
int nd_engine_set_config(struct nd_engine *e, const struct nd_config *cfg,
			 char *err, size_t errlen);

/**
 * nd_engine_bucket() - score one bucket, store it, raise its alerts
 * @e: the engine
 * @b: the bucket, merged and sorted in place (nd_bucket_merge()); its
 *	start must be after the last observed bucket's
 * @now_ns: @timestamp of its alerts
 *
 * A bucket at or before the last observed one (clock set back, replay
 * out of order) is skipped with a log line and returns 1.
 *
 * Return: 0, 1 when skipped, -1 when the database failed (the bucket is
 * then rolled back and lost; the engine stays usable).
 */
int nd_engine_bucket(struct nd_engine *e, struct nd_bucket *b,
		     int64_t now_ns);

/**
 * nd_engine_event() - score an executable the kernel just reported, now
 * @e: the engine
 * @a: its activity, from the module's new-executable event
 * @when_ns: when the kernel saw the use: its bucket is the one scored
 * @now_ns: @timestamp of an alert
 *
 * A new executable is by definition a first occurrence, so there is no
 * need to wait for the end of its bucket: it is scored at once, as the
 * bucket's pull would score it (the model's state before the bucket, the
 * history as it is), without learning anything; the pull stays the
 * source of truth and learns it at the bucket's end.  While the baseline
 * learns, the score is 0 and nothing happens.  An alert raised here is
 * stored with its bucket, enriched from /proc while the process most
 * likely still runs, and emitted at once; the pull then raises no second
 * alert for that executable in that bucket.  Excluded executables and
 * users, a bucket already pulled (the pull had it), and an executable
 * that already alerted in this bucket are left alone.
 *
 * Return: 1 when an alert went out, 0 when none was due, -1 when the
 * database failed (nothing stored; the pull will still see it).
 */
int nd_engine_event(struct nd_engine *e, const struct nd_activity *a,
		    int64_t when_ns, int64_t now_ns);

/**
 * nd_engine_flush() - emit alerts stored but not yet emitted
 * @e: the engine
 *
 * Return: 0, or -1 when the database or an output failed.
 */
int nd_engine_flush(struct nd_engine *e);

/** nd_engine_close() - free the engine's memory (not @db) */
void nd_engine_close(struct nd_engine *e);

/**
 * struct nd_last_alert - the newest alert of an executable
 * @any: there is one
 * @bucket: its bucket index
 * @score: the score it was raised with (its initial score)
 */
struct nd_last_alert {
	bool any;
	int64_t bucket;
	double score;
};

/**
 * nd_alert_due() - does this score raise an alert?
 * @cfg: anomaly_threshold, realert, bucket_span
 * @last: the executable's newest alert
 * @bucket: bucket index being scored
 * @score: its score
 *
 * Return: true when @score reaches the threshold and either realert has
 * passed since @last (in bucket time, so replay is reproducible) or
 * @score is above @last's.
 */
bool nd_alert_due(const struct nd_config *cfg, const struct nd_last_alert *last,
		  int64_t bucket, double score);

/**
 * nd_bucket_merge() - the bucket's executables, one entry per path
 * @b: the bucket, merged in place and sorted by path
 */
void nd_bucket_merge(struct nd_bucket *b);

/**
 * nd_bucket_index() - a bucket's index from its start time
 * @start_ns: start, ns since the epoch
 * @span_s: bucket span in seconds
 *
 * Return: floor(@start_ns / span).
 */
int64_t nd_bucket_index(int64_t start_ns, uint32_t span_s);

#endif /* NETANOMD_ENGINE_H */
