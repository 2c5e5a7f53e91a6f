// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Prometheus text format of struct nd_metrics.  Names follow the
 * Prometheus naming conventions: an application prefix, base units as
 * suffixes, "_total" on counters only; a gauge for anything that can go
 * down.  Label values are escaped as the format requires (backslash,
 * double quote, newline).
 */
#include <inttypes.h>
#include <stdio.h>

#include "metrics.h"

static void family(FILE *f, const char *name, const char *type,
		   const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void sample(FILE *f, const char *name, const char *type,
		   const char *help, uint64_t v)
{
	family(f, name, type, help);
	fprintf(f, "%s %" PRIu64 "\n", name, v);
}

static void label_value(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

/* Every counter of the module's stats message. */
static void module_stats(FILE *f, const struct netanom_stats *s)
{
	sample(f, "netanom_module_connect_hits_total", "counter",
	       "Connects the module's probe saw, counted or not.", s->hits);
	sample(f, "netanom_module_entries", "gauge",
	       "Executables in the module's table.", s->entries);
	sample(f, "netanom_module_max_entries", "gauge",
	       "The module's max_entries parameter.", s->max_entries);
	sample(f, "netanom_module_dropped_total", "counter",
	       "Uses not recorded because the module's table was full.",
	       s->dropped);
	sample(f, "netanom_module_alloc_failures_total", "counter",
	       "Uses not recorded because an entry could not be allocated.",
	       s->alloc_failures);
	sample(f, "netanom_module_memory_bytes", "gauge",
	       "Memory held by the module's table and its entries.",
	       s->bytes);
}

static void alerts(FILE *f, const struct nd_metrics *m,
		   const struct nd_config *c)
{
	family(f, "netanom_alerts_total", "counter",
	       "Alerts raised, by rule, over the life of the database.");
	fputs("netanom_alerts_total{rule_id=\"", f);
	label_value(f, c->rule_id);
	fputs("\",rule_name=\"", f);
	label_value(f, c->rule_name);
	fprintf(f, "\"} %" PRId64 "\n", m->alerts);
}

int nd_metrics_text(FILE *f, const struct nd_metrics *m,
		    const struct nd_config *c)
{
	sample(f, "netanom_up", "gauge",
	       "1 while netanomd runs, 0 once it stopped.", m->up);
	sample(f, "netanom_module_up", "gauge",
	       "1 when netanomd reached the kernel module at its last try.",
	       m->module_up);
	if (m->module_up)
		module_stats(f, &m->stats);
	sample(f, "netanom_learning", "gauge",
	       "1 during the learning period, when nothing scores.",
	       m->learning);
	sample(f, "netanom_buckets_scored_total", "counter",
	       "Buckets scored over the life of the database.",
	       (uint64_t)m->buckets_scored);
	sample(f, "netanom_bucket_span_seconds", "gauge",
	       "Length of one bucket.", c->bucket_span_s);
	sample(f, "netanom_baseline_executables", "gauge",
	       "Executables in the learned baseline.",
	       (uint64_t)m->executables);
	alerts(f, m, c);
	if (m->scoring_seconds >= 0) {
		family(f, "netanom_last_scoring_duration_seconds", "gauge",
		       "Time the last bucket took to score and store.");
		fprintf(f, "netanom_last_scoring_duration_seconds %.6f\n",
			m->scoring_seconds);
		sample(f, "netanom_last_bucket_end_timestamp_seconds", "gauge",
		       "End of the last bucket scored, in Unix time.",
		       (uint64_t)m->last_bucket_end_s);
	}
	return ferror(f) ? -1 : 0;
}
