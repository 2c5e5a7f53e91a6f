// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomctl baseline [--json] [--database FILE]
 * netanomctl baseline export|import FILE ... (cmd_baseline_io.c)
 */
#include <string.h>
#include <inttypes.h>

#include "config.h"
#include "db.h"
#include "table.h"

static const struct table_col cols[] = {
	{ "EXE", false }, { "ACTIVE", true }, { "PROBABILITY", true },
	{ "LAST SCORE", true }, { "SCORE NOW", true },
	{ "LAST ACTIVE", true },
};

#define NCOLS (sizeof(cols) / sizeof(cols[0]))

/**
 * struct walk - one listing
 * @ctx: context
 * @db: the database
 * @t: the table, or NULL for JSON
 * @arr: the JSON array, or NULL for the table
 * @failed: building the output failed
 */
struct walk {
	const struct cli_ctx *ctx;
	const struct cli_db *db;
	struct table *t;
	json_t *arr;
	bool failed;
};

static json_t *exe_json(const struct cli_db *db, const struct nd_exe_row *r,
			const struct nm_score *sc)
{
	char first[NETANOM_TIME_LEN], last[NETANOM_TIME_LEN];

	cli_db_time(db, r->model.first_active, first, sizeof(first));
	cli_db_time(db, r->model.last_active, last, sizeof(last));
	return json_pack("{s:o, s:I, s:I, s:I, s:f, s:f, s:f, s:f, s:f, "
			 "s:s, s:s}",
			 "exe", cli_json_string(r->path),
			 "dev", (json_int_t)r->dev, "ino", (json_int_t)r->ino,
			 "buckets_active", (json_int_t)r->model.buckets_active,
			 "active", sc->active, "observed", sc->observed,
			 "probability", sc->probability,
			 "last_score", r->last_score, "score_now", sc->score,
			 "first_active", first, "last_active", last);
}

static int add_row(struct walk *w, const struct nd_exe_row *r,
		   const struct nm_score *sc)
{
	char active[24], prob[24], last[24], now[24], age[32];
	const char *cells[NCOLS] = { r->path, active, prob, last, now, age };
	uint64_t last_ns = r->model.last_active == NM_BUCKET_NONE ? 0 :
		(uint64_t)(r->model.last_active * w->db->span_s) * 1000000000ULL;

	snprintf(active, sizeof(active), "%" PRId64, r->model.buckets_active);
	snprintf(prob, sizeof(prob), "%.4f", sc->probability);
	snprintf(last, sizeof(last), "%.0f", r->last_score);
	snprintf(now, sizeof(now), "%.0f", sc->score);
	cli_format_age(last_ns, w->ctx->now_ns, age, sizeof(age));
	return table_add(w->t, cells);
}

static int one(void *arg, const struct nd_exe_row *r)
{
	struct walk *w = arg;
	const struct cli_db *db = w->db;
	struct nm_score sc;

	nm_explain(&db->p, &db->host, &r->model, &db->hist, db->next, &sc);
	if (w->arr) {
		if (json_array_append_new(w->arr, exe_json(db, r, &sc)))
			w->failed = true;
	} else if (add_row(w, r, &sc)) {
		w->failed = true;
	}
	return 0;
}

static void header(const struct cli_ctx *ctx, const struct cli_db *db)
{
	fprintf(ctx->out, "%" PRId64 " buckets of %" PRId64 "s observed",
		db->host.buckets_total, db->span_s);
	if (nm_host_learning(&db->p, &db->host))
		fprintf(ctx->out, "; learning: nothing scores before %" PRId64,
			db->p.min_buckets);
	fprintf(ctx->out, ". PROBABILITY: of being active in a bucket; "
		"SCORE NOW: what a bucket of activity would score now.\n\n");
}

static json_t *wrap(const struct cli_db *db, json_t *arr)
{
	return json_pack("{s:I, s:I, s:I, s:b, s:o}",
			 "bucket_span_s", (json_int_t)db->span_s,
			 "buckets_observed", (json_int_t)db->host.buckets_total,
			 "min_buckets", (json_int_t)db->p.min_buckets,
			 "learning", nm_host_learning(&db->p, &db->host),
			 "executables", arr);
}

static int list(const struct cli_ctx *ctx, const struct cli_db *db,
		bool json)
{
	struct walk w = { .ctx = ctx, .db = db };
	struct table t;
	int ret = CLI_OK;

	if (json) {
		w.arr = json_array();
	} else {
		table_init(&t, cols, NCOLS);
		w.t = &t;
	}
	if (nd_state_each_exe(db->s, one, &w) || w.failed) {
		fprintf(ctx->err, PROG ": %s\n", w.failed ? "out of memory" :
			nd_state_error(db->s));
		ret = CLI_ERROR;
	}
	if (json) {
		if (ret == CLI_OK)
			return cli_print_json(ctx, wrap(db, w.arr));
		json_decref(w.arr);
		return ret;
	}
	if (ret == CLI_OK) {
		header(ctx, db);
		table_print(&t, ctx->out);
	}
	table_free(&t);
	return ret;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct cli_args a;
	struct cli_db db;
	int ret;

	if (argc >= 2 && !strcmp(argv[1], "export"))
		return cli_baseline_export(ctx, cmd, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return cli_baseline_import(ctx, cmd, argc - 1, argv + 1);
	ret = cli_db_begin(ctx, cmd, argc, argv, true, 0, &a, &db);
	if (ret != CLI_GO)
		return ret;
	ret = list(ctx, &db, a.json);
	cli_db_close(&db);
	return ret;
}

const struct cli_cmd cli_cmd_baseline = {
	.name = "baseline",
	.args = "[--json] [--database FILE] | export FILE | import FILE [--replace]",
	.summary = "Show what netanomd has learned of each executable",
	.help =
	"Reads netanomd's database (read-only). ACTIVE: buckets the\n"
	"executable used the network in; PROBABILITY: the model's estimate\n"
	"that it does in a bucket (recent buckets weigh more); LAST SCORE:\n"
	"the score of its last active bucket; SCORE NOW: what a bucket of\n"
	"activity would score now (0-100).\n"
	"\n"
	"  -j, --json            an object with bucket_span_s,\n"
	"                        buckets_observed, min_buckets, learning and\n"
	"                        executables[]\n"
	"  -d, --database FILE   default " ND_DEFAULT_DATABASE "\n"
	"  -h, --help            this help\n"
	"\n"
	"baseline export FILE    write the learned baseline (per-executable\n"
	"                        model state, keyed by path) to FILE (- for\n"
	"                        standard output); netanomd may keep running\n"
	"baseline import FILE    merge FILE into the database so this host\n"
	"                        starts from a fleet's baseline: executables\n"
	"                        it does not know are added, those it knows are\n"
	"                        kept (--replace: the file's replace them).\n"
	"                        Refused while netanomd runs on the database:\n"
	"                        stop it, import, start it.  docs/baseline.md\n",
	.run = run,
};
