/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Prometheus metrics: what netanomd and the module are doing, in the text
 * exposition format, as a file for node_exporter's textfile collector
 * ([output] metrics).  The file is rewritten whole, atomically, at start
 * and after every bucket: a scrape never sees half a file.
 */
#ifndef NETANOMD_METRICS_H
#define NETANOMD_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "netanom.h"

/**
 * struct nd_metrics - one snapshot
 * @up: netanomd runs (false in the last file it writes, when it stops)
 * @module_up: the module answered the stats request
 * @stats: its counters, when @module_up
 * @learning: the host is in its learning period (nothing scores)
 * @buckets_scored: buckets the engine observed, over the database's life
 * @executables: executables in the baseline
 * @alerts: alerts raised, over the database's life
 * @scoring_seconds: how long the last bucket's scoring took; < 0 when no
 *	bucket was scored since start
 * @last_bucket_end_s: end of the last scored bucket (Unix seconds); 0
 *	when none since start
 */
struct nd_metrics {
	bool up;
	bool module_up;
	struct netanom_stats stats;
	bool learning;
	int64_t buckets_scored;
	int64_t executables;
	int64_t alerts;
	double scoring_seconds;
	int64_t last_bucket_end_s;
};

/**
 * nd_metrics_text() - @m in the Prometheus text exposition format
 * @f: where to write
 * @m: the snapshot
 * @c: rule name and id (labels of the alert counter), bucket span
 *
 * Every family has its # HELP and # TYPE lines; names start with
 * "netanom_", counters end in "_total", units are base units named as
 * suffixes (_seconds, _bytes).  The module's families are left out when
 * the module did not answer (netanom_module_up says so).
 *
 * Return: 0, or -1 when writing failed.
 */
int nd_metrics_text(FILE *f, const struct nd_metrics *m,
		    const struct nd_config *c);

/**
 * nd_metrics_write() - replace the file at @path by @m, atomically
 * @path: absolute path; the temporary file is created in its directory
 *	(so that rename(2) is atomic) and removed on failure
 * @m: the snapshot
 * @c: as for nd_metrics_text()
 * @err: on failure, "PATH: reason"
 * @errlen: size of @err
 *
 * The file is mode 0644: node_exporter runs as its own user.
 *
 * Return: 0, or -1 with @err filled.
 */
int nd_metrics_write(const char *path, const struct nd_metrics *m,
		     const struct nd_config *c, char *err, size_t errlen);

#endif /* NETANOMD_METRICS_H */
