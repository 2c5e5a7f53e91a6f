/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netanomd's state: one SQLite database (WAL) holding the model (host,
 * executables, history of raw scores), the per-bucket activity and the
 * alerts.  The daemon writes one bucket per transaction, so a kill -9 at
 * any moment loses at most the bucket in progress; netanomctl reads the
 * same file read-only while the daemon runs.
 *
 * The file is recognised by PRAGMA application_id (ND_STATE_APP_ID) and
 * its schema by PRAGMA user_version (ND_STATE_SCHEMA).  A file that is not
 * an SQLite database, is another program's database, comes from a newer
 * netanomd or fails SQLite's quick_check is an error naming the file; it
 * is never replaced.
 *
 * Every function that can fail returns 0 or -1; nd_state_error() then
 * says why, naming the file.
 */
#ifndef NETANOMD_STATE_H
#define NETANOMD_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bucket.h"
#include "model.h"

/* "NANM": PRAGMA application_id of a netanom database. */
#define ND_STATE_APP_ID		0x4e414e4d
/* PRAGMA user_version: the schema this netanomd writes. */
#define ND_STATE_SCHEMA		1

struct nd_state;

/**
 * nd_state_open() - open (and for the daemon, create) the database
 * @sp: the state, on success
 * @path: the file
 * @readonly: open for reading only (netanomctl); the file must exist
 * @err: on failure, one line naming @path and the reason
 * @errlen: size of @err
 *
 * Read-write: creates the parent directory (mode 0750) and the file when
 * missing, creates the schema in an empty file, turns on WAL, and checks
 * the file with PRAGMA quick_check.
 *
 * Return: 0; -1 with @err filled; -2 (read-only) when @path does not exist.
 */
int nd_state_open(struct nd_state **sp, const char *path, bool readonly,
		  char *err, size_t errlen);

/** nd_state_close() - close (NULL is allowed) */
void nd_state_close(struct nd_state *s);

/** nd_state_path() - the file's path */
const char *nd_state_path(const struct nd_state *s);

/** nd_state_error() - why the last call failed, naming the file */
const char *nd_state_error(const struct nd_state *s);

/** nd_state_begin() - start a write transaction (BEGIN IMMEDIATE) */
int nd_state_begin(struct nd_state *s);

/** nd_state_commit() - commit it */
int nd_state_commit(struct nd_state *s);

/** nd_state_rollback() - abandon it (keeps nd_state_error()) */
void nd_state_rollback(struct nd_state *s);

/**
 * nd_state_get_meta() - an integer from the meta table
 * @s: state
 * @key: "bucket_span_s", "min_buckets", "model_version"
 * @v: the value, when found
 *
 * Return: 0 found, 1 not found, -1 error.
 */
int nd_state_get_meta(struct nd_state *s, const char *key, int64_t *v);

/** nd_state_set_meta() - store an integer in the meta table */
int nd_state_set_meta(struct nd_state *s, const char *key, int64_t v);

/** nd_state_load_host() - the host's model state; a fresh one if none */
int nd_state_load_host(struct nd_state *s, struct nm_host *h);

/** nd_state_save_host() - store the host's model state */
int nd_state_save_host(struct nd_state *s, const struct nm_host *h);

/**
 * nd_state_load_history() - the raw-score history, oldest first
 * @s: state
 * @h: initialised over its array; filled up to its capacity (the newest
 *	entries win when the file holds more)
 *
 * Return: 0, or -1 (also when the stored history is inconsistent).
 */
int nd_state_load_history(struct nd_state *s, struct nm_history *h);

/** nd_state_save_history() - replace the stored history by @h */
int nd_state_save_history(struct nd_state *s, const struct nm_history *h);

/**
 * struct nd_exe_row - one executable as stored
 * @id: row id, 0 before it was first stored
 * @path: path (owned); the key of the model: a package upgrade replaces
 *	the file (new inode) but not what the program is
 * @dev: st_dev last seen
 * @ino: st_ino last seen
 * @comm: comm last seen
 * @model: the model's state
 * @first_seen_ns: first bucket it was active in (start), 0 if never
 * @last_seen_ns: last bucket it was active in (start), 0 if never
 * @last_score: score of its last active bucket
 * @last_raw: raw score of its last active bucket
 * @last_probability: probability of its last active bucket
 * @last_connects: connects in its last active bucket
 */
struct nd_exe_row {
	int64_t id;
	char *path;
	uint64_t dev;
	uint64_t ino;
	char comm[16];
	struct nm_exe model;
	int64_t first_seen_ns;
	int64_t last_seen_ns;
	double last_score;
	double last_raw;
	double last_probability;
	uint64_t last_connects;
};

/** nd_exe_row_free() - free what @r holds */
void nd_exe_row_free(struct nd_exe_row *r);

/**
 * nd_state_get_exe() - the executable at @path
 * @s: state
 * @path: its path
 * @r: filled in; when not found, a new row (id 0, model never active,
 *	@path copied)
 *
 * Return: 0 found, 1 not found, -1 error (@r is then empty).
 */
int nd_state_get_exe(struct nd_state *s, const char *path,
		     struct nd_exe_row *r);

/** nd_state_put_exe() - insert or update @r; sets r->id on insert */
int nd_state_put_exe(struct nd_state *s, struct nd_exe_row *r);

/**
 * nd_state_each_exe() - call @fn for every executable, by path
 * @s: state
 * @fn: callback; a non-zero return stops and is returned
 * @arg: passed to @fn
 *
 * Return: 0, -1 on error, or @fn's non-zero return.
 */
int nd_state_each_exe(struct nd_state *s,
		      int (*fn)(void *arg, const struct nd_exe_row *r),
		      void *arg);

/**
 * nd_state_add_activity() - record one executable's bucket
 * @s: state
 * @exe_id: its row
 * @a: the activity
 * @sc: its score
 *
 * Return: 0 or -1.
 */
int nd_state_add_activity(struct nd_state *s, int64_t exe_id,
			  const struct nd_activity *a,
			  const struct nm_score *sc);

/** nd_state_prune_activity() - drop activity of buckets before @bucket */
int nd_state_prune_activity(struct nd_state *s, int64_t bucket);

/**
 * nd_state_count_activity() - buckets @exe_id was recorded active in
 * @s: state
 * @exe_id: the executable's row
 * @n: the count
 *
 * Return: 0 or -1.
 */
int nd_state_count_activity(struct nd_state *s, int64_t exe_id, int64_t *n);

/**
 * struct nd_alert_row - one alert as stored
 * @id: row id, set when stored
 * @exe_id: the executable's row
 * @exe: its path (owned; filled when read)
 * @time_ns: when it was raised
 * @bucket: bucket index it was raised for
 * @score: its score now (renormalised as the history changes)
 * @initial_score: its score when raised
 * @raw: raw score, kept for renormalisation
 * @first_occurrence: the executable's first active bucket
 * @emitted: written to the outputs
 * @doc: the ECS document as emitted (owned)
 */
struct nd_alert_row {
	int64_t id;
	int64_t exe_id;
	char *exe;
	int64_t time_ns;
	int64_t bucket;
	double score;
	double initial_score;
	double raw;
	bool first_occurrence;
	bool emitted;
	char *doc;
};

/** nd_alert_row_free() - free what @r holds */
void nd_alert_row_free(struct nd_alert_row *r);

/** nd_state_add_alert() - store @r (exe, doc are not read); sets r->id */
int nd_state_add_alert(struct nd_state *s, struct nd_alert_row *r,
		       const char *doc);

/**
 * nd_state_last_alert() - the newest alert of @exe_id
 * @s: state
 * @exe_id: the executable's row
 * @r: filled in when found
 *
 * Return: 0 found, 1 none, -1 error.
 */
int nd_state_last_alert(struct nd_state *s, int64_t exe_id,
			struct nd_alert_row *r);

/** nd_state_set_alert_score() - the renormalised score of alert @id */
int nd_state_set_alert_score(struct nd_state *s, int64_t id, double score);

/** nd_state_mark_emitted() - alert @id reached the outputs */
int nd_state_mark_emitted(struct nd_state *s, int64_t id);

/* Which alerts nd_state_each_alert() visits. */
enum nd_alert_filter {
	ND_ALERTS_SINCE_TIME,		/* time_ns >= since */
	ND_ALERTS_AFTER_BUCKET,		/* bucket > since */
	ND_ALERTS_NOT_EMITTED,		/* emitted = 0 (since unused) */
};

/**
 * nd_state_each_alert() - call @fn for matching alerts, oldest first
 * @s: state
 * @filter: which ones
 * @since: the bound of @filter
 * @fn: callback; a non-zero return stops and is returned
 * @arg: passed to @fn
 *
 * Return: 0, -1 on error, or @fn's non-zero return.
 */
int nd_state_each_alert(struct nd_state *s, enum nd_alert_filter filter,
			int64_t since,
			int (*fn)(void *arg, const struct nd_alert_row *r),
			void *arg);

/**
 * nd_state_lock() - claim the database for this process's model state
 * @s: state, open read-write
 *
 * netanomd keeps the host's model and score history in memory between
 * buckets and writes them back each bucket, so nothing else may change
 * them while it runs.  It holds an exclusive flock(2) on the database
 * file (not SQLite's own fcntl locks, which it leaves alone) for as long
 * as the database is open; "netanomctl baseline import" takes the same
 * lock and refuses while netanomd runs.
 *
 * Return: 0; 1 when another process holds the lock; -1 on error (both
 * with nd_state_error() set).
 */
int nd_state_lock(struct nd_state *s);

/** nd_state_count_exes() - executables in the baseline, into *@n; 0 or -1 */
int nd_state_count_exes(struct nd_state *s, int64_t *n);

/** nd_state_count_alerts() - alerts ever stored, into *@n; 0 or -1 */
int nd_state_count_alerts(struct nd_state *s, int64_t *n);

#endif /* NETANOMD_STATE_H */
