// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "stats" output.  JSON: an object with hits, entries, max_entries,
 * dropped, alloc_failures, bytes, events_sent, events_dropped, resets,
 * instance and locked.
 */
#include <inttypes.h>

#include "cli.h"

static json_t *jint(uint64_t v)
{
	return json_integer(v > INT64_MAX ? INT64_MAX : (json_int_t)v);
}

/**
 * cli_stats_json() - the statistics as a JSON object
 * @st: the statistics
 *
 * Return: a new reference, or NULL when out of memory.
 */
json_t *cli_stats_json(const struct netanom_stats *st)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
			 " s:b}",
			 "hits", jint(st->hits),
			 "entries", jint(st->entries),
			 "max_entries", jint(st->max_entries),
			 "dropped", jint(st->dropped),
			 "alloc_failures", jint(st->alloc_failures),
			 "bytes", jint(st->bytes),
			 "events_sent", jint(st->events_sent),
			 "events_dropped", jint(st->events_dropped),
			 "resets", jint(st->resets),
			 /* A string: JSON readers lose bits of a u64. */
			 "instance", json_sprintf("%016" PRIx64, st->instance),
			 "locked", st->locked);
}

/**
 * cli_print_stats() - the statistics, one "name  value" line each
 * @ctx: context
 * @st: the statistics
 */
void cli_print_stats(const struct cli_ctx *ctx, const struct netanom_stats *st)
{
	FILE *f = ctx->out;

	fprintf(f, "hits            %" PRIu64 "\n", st->hits);
	fprintf(f, "entries         %" PRIu32 "\n", st->entries);
	fprintf(f, "max_entries     %" PRIu32 "\n", st->max_entries);
	fprintf(f, "dropped         %" PRIu64 "\n", st->dropped);
	fprintf(f, "alloc_failures  %" PRIu64 "\n", st->alloc_failures);
	fprintf(f, "bytes           %" PRIu64 "\n", st->bytes);
	fprintf(f, "events_sent     %" PRIu64 "\n", st->events_sent);
	fprintf(f, "events_dropped  %" PRIu64 "\n", st->events_dropped);
	fprintf(f, "resets          %" PRIu64 "\n", st->resets);
	fprintf(f, "instance        %016" PRIx64 "\n", st->instance);
	fprintf(f, "locked          %s\n", st->locked ? "yes" : "no");
}
