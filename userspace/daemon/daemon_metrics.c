// SPDX-License-Identifier: GPL-2.0-or-later
/* The running daemon's metrics snapshot, written to [output] metrics. */
#include "daemon_int.h"
#include "log.h"
#include "metrics.h"

static void snapshot(struct nd_daemon *d, struct nd_metrics *m)
{
	struct netanom_error nerr;

	m->module_up = d->nl &&
		       netanom_get_stats(d->nl, &m->stats, &nerr) == 0;
	m->learning = nm_host_learning(&d->engine.params, &d->engine.mhost);
	m->buckets_scored = d->engine.mhost.buckets_total;
	/* A count that cannot be read is logged, and written as 0 rather
	 * than leaving the whole file stale. */
	if (nd_state_count_exes(d->db, &m->executables) ||
	    nd_state_count_alerts(d->db, &m->alerts))
		nd_log(LOG_WARNING, "metrics: %s", nd_state_error(d->db));
	m->scoring_seconds = d->scoring_s;
	m->last_bucket_end_s = d->last_end_s;
}

void nd_daemon_metrics(struct nd_daemon *d, bool up)
{
	struct nd_metrics m = { .up = up };
	char err[1024];

	if (!d->cfg->metrics_path)
		return;
	snapshot(d, &m);
	if (nd_metrics_write(d->cfg->metrics_path, &m, d->cfg, err,
			     sizeof(err)))
		nd_log(LOG_WARNING, "metrics: %s", err);
}
