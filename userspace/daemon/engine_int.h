/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Private to engine*.c: the steps of one bucket. */
#ifndef NETANOMD_ENGINE_INT_H
#define NETANOMD_ENGINE_INT_H

#include "engine.h"

/**
 * struct nd_pending_alert - an alert stored in this bucket's transaction,
 *	to emit once it is committed
 * @id: its row
 * @a: the alert (a.exe points into the bucket)
 * @doc: its ECS document (owned)
 */
struct nd_pending_alert {
	int64_t id;
	struct nd_alert a;
	char *doc;
};

/**
 * struct nd_pending - the alerts of one bucket
 * @v: room for one per executable of the bucket
 * @n: how many there are
 */
struct nd_pending {
	struct nd_pending_alert *v;
	size_t n;
};

/** nd_pending_init() - room for @cap alerts; 0 or -1 */
int nd_pending_init(struct nd_pending *p, size_t cap);

/** nd_pending_free() - free the documents and the array */
void nd_pending_free(struct nd_pending *p);

/**
 * nd_engine_score_exe() - score, learn and store one executable
 * @e: the engine
 * @a: its activity
 * @start_ns: start of the bucket
 * @t: bucket index
 * @now_ns: @timestamp of an alert
 * @pend: an alert it raises is stored and appended here
 * @rare: set when its raw score joined the history
 *
 * Return: 0 or -1 (database or memory).
 */
int nd_engine_score_exe(struct nd_engine *e, const struct nd_activity *a,
			int64_t start_ns, int64_t t, int64_t now_ns,
			struct nd_pending *pend, bool *rare);

/**
 * nd_engine_renormalize() - current scores of recent alerts against the
 *	history as it is now
 * @e: the engine
 * @t: bucket index
 *
 * Return: 0 or -1.
 */
int nd_engine_renormalize(struct nd_engine *e, int64_t t);

/** nd_engine_update_row() - an executable's row after scoring @sc */
void nd_engine_update_row(struct nd_exe_row *r, const struct nd_activity *a,
			  const struct nm_score *sc, int64_t start_ns);

/** nd_engine_last_alert() - the newest alert of row @exe_id (0: none) */
int nd_engine_last_alert(struct nd_engine *e, int64_t exe_id,
			 struct nd_last_alert *last);

/**
 * nd_engine_raise_alert() - build, enrich and store one alert
 * @e: the engine
 * @a: the executable's activity
 * @sc: its score
 * @exe_id: its row
 * @start_ns: start of the bucket
 * @now_ns: @timestamp of the alert
 * @pend: the alert is appended here, to emit after the commit
 *
 * Return: 0 or -1 (database or memory).
 */
int nd_engine_raise_alert(struct nd_engine *e, const struct nd_activity *a,
			  const struct nm_score *sc, int64_t exe_id,
			  int64_t start_ns, int64_t now_ns,
			  struct nd_pending *pend);

/** nd_engine_excluded() - [exclude] leaves this executable or user out */
bool nd_engine_excluded(const struct nd_config *cfg,
			const struct nd_activity *a);

/** nd_engine_emit() - hand committed alerts to the emitter, mark them */
void nd_engine_emit(struct nd_engine *e, const struct nd_pending *p);

#endif /* NETANOMD_ENGINE_INT_H */
