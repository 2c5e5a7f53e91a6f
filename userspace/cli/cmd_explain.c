// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl explain EXE [--database FILE]: why an executable scores what
 * it scores, in words and numbers. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"

/**
 * struct find - looking an executable up by name
 * @name: what the user typed, without '/'
 * @path: the one path whose basename is @name (owned)
 * @n: how many matched
 * @ctx: for listing them when several do
 */
struct find {
	const char *name;
	char *path;
	int n;
	const struct cli_ctx *ctx;
};

static int by_name(void *arg, const struct nd_exe_row *r)
{
	struct find *f = arg;
	const char *base = strrchr(r->path, '/');

	if (strcmp(base ? base + 1 : r->path, f->name))
		return 0;
	if (++f->n == 1)
		f->path = strdup(r->path);
	return 0;
}

/* The row for @exe: its path, or a unique basename. 0 found, 1 not, -1. */
static int lookup(const struct cli_ctx *ctx, struct cli_db *db,
		  const char *exe, struct nd_exe_row *r)
{
	struct find f = { .name = exe, .ctx = ctx };
	int rc = nd_state_get_exe(db->s, exe, r);

	if (rc != 1 || strchr(exe, '/'))
		return rc;
	if (nd_state_each_exe(db->s, by_name, &f) < 0)
		return -1;
	if (f.n != 1) {
		if (f.n > 1)
			fprintf(ctx->err, PROG ": %d executables are named "
				"%s: give the full path (netanomctl baseline "
				"lists them)\n", f.n, exe);
		free(f.path);
		return f.n > 1 ? -1 : 1;
	}
	nd_exe_row_free(r);
	rc = nd_state_get_exe(db->s, f.path, r);
	free(f.path);
	return rc;
}

/**
 * struct alerts_of - an executable's alerts
 * @id: its row
 * @n: how many
 * @last: the newest (owned)
 * @first_occ: the alert raised on its first occurrence (owned), if any
 */
struct alerts_of {
	int64_t id;
	int n;
	struct nd_alert_row last;
	struct nd_alert_row first_occ;
};

static int copy_row(struct nd_alert_row *dst, const struct nd_alert_row *src)
{
	nd_alert_row_free(dst);
	*dst = *src;
	dst->exe = strdup(src->exe);
	dst->doc = NULL;
	return dst->exe ? 0 : -1;
}

static int gather(void *arg, const struct nd_alert_row *r)
{
	struct alerts_of *a = arg;

	if (r->exe_id != a->id)
		return 0;
	a->n++;
	if (r->first_occurrence && !a->first_occ.id &&
	    copy_row(&a->first_occ, r))
		return -1;
	return copy_row(&a->last, r);
}

static void history(const struct cli_ctx *ctx, const struct cli_db *db,
		    const struct nd_exe_row *r)
{
	char first[NETANOM_TIME_LEN], last[NETANOM_TIME_LEN];

	fprintf(ctx->out, "%s\n", r->path);
	if (r->model.buckets_active == 0) {
		fprintf(ctx->out, "  never used the network in the %" PRId64
			" buckets netanomd observed.\n",
			db->host.buckets_total);
		return;
	}
	fprintf(ctx->out, "  used the network in %" PRId64 " of %" PRId64
		" observed buckets of %" PRId64 "s: first %s, last %s.\n",
		r->model.buckets_active, db->host.buckets_total, db->span_s,
		cli_db_time(db, r->model.first_active, first, sizeof(first)),
		cli_db_time(db, r->model.last_active, last, sizeof(last)));
	fprintf(ctx->out, "  its last active bucket: %" PRIu64 " connect%s "
		"outside loopback, probability %.4g, score %.0f.\n",
		r->last_connects, r->last_connects == 1 ? "" : "s",
		r->last_probability, r->last_score);
}

static void first_occurrence(const struct cli_ctx *ctx,
			     const struct cli_db *db,
			     const struct nd_exe_row *r,
			     const struct alerts_of *a)
{
	char when[NETANOM_TIME_LEN];

	if (a->first_occ.id) {
		fprintf(ctx->out, "  first occurrence: in the bucket of %s it "
			"used the network for the first time netanomd saw, "
			"which raised an alert (score %.0f, now %.0f).\n",
			cli_db_time(db, a->first_occ.bucket, when, sizeof(when)),
			a->first_occ.initial_score, a->first_occ.score);
	} else if (r->model.buckets_active >= 1) {
		fprintf(ctx->out, "  first occurrence: the bucket of %s, "
			"without an alert (the host was learning, or it was "
			"not rare enough then).\n",
			cli_db_time(db, r->model.first_active, when,
				    sizeof(when)));
	}
}

static void now(const struct cli_ctx *ctx, const struct cli_db *db,
		const struct nd_exe_row *r)
{
	struct nm_score sc;

	nm_explain(&db->p, &db->host, &r->model, &db->hist, db->next, &sc);
	fprintf(ctx->out, "  now: active in %.2f of %.2f observed buckets "
		"(older buckets weigh less: a window of %" PRId64 " buckets).\n"
		"  probability of being active in a bucket = (%.2f + %.2f) / "
		"(%.2f + %.2f + %.2f) = %.4g\n",
		sc.active, sc.observed, db->p.window_buckets, sc.active,
		db->p.prior_active, sc.observed, db->p.prior_active,
		db->p.prior_inactive, sc.probability);
	if (sc.learning) {
		fprintf(ctx->out, "  the host is still learning (%" PRId64
			" of %" PRId64 " buckets): nothing scores yet.\n",
			sc.buckets_observed, db->p.min_buckets);
	} else if (!sc.rare) {
		fprintf(ctx->out, "  that is above the rarity threshold %.3g: "
			"a bucket of activity now would score 0.\n",
			db->p.p_threshold);
	} else {
		fprintf(ctx->out, "  that is below the rarity threshold %.3g: "
			"raw score -log10(p) = %.3f, percentile %.1f of recent "
			"raw scores, capped at %.0f by the largest raw score "
			"(%.3f):\n  a bucket of activity now would score %.0f "
			"of 100%s.\n", db->p.p_threshold, sc.raw, sc.percentile,
			sc.ceiling, sc.ref_raw, sc.score,
			sc.first_occurrence ? " (a first occurrence)" : "");
	}
}

static void alerts_line(const struct cli_ctx *ctx, const struct cli_db *db,
			const struct alerts_of *a)
{
	char when[NETANOM_TIME_LEN];

	if (!a->n) {
		fprintf(ctx->out, "  alerts: none.\n");
		return;
	}
	fprintf(ctx->out, "  alerts: %d, the last for the bucket of %s: "
		"score %.0f (%.0f when raised).\n", a->n,
		cli_db_time(db, a->last.bucket, when, sizeof(when)),
		a->last.score, a->last.initial_score);
}

static int explain(const struct cli_ctx *ctx, struct cli_db *db,
		   const char *exe)
{
	struct alerts_of a = { 0 };
	struct nd_exe_row r;
	int rc = lookup(ctx, db, exe, &r);

	if (rc < 0) {
		if (nd_state_error(db->s)[0])
			fprintf(ctx->err, PROG ": %s\n", nd_state_error(db->s));
		return CLI_ERROR;
	}
	if (rc == 1) {
		/* Never active: what its first use would score. */
		history(ctx, db, &r);
		fprintf(ctx->out, "  its first network use would be a first "
			"occurrence.\n");
		now(ctx, db, &r);
		nd_exe_row_free(&r);
		return CLI_OK;
	}
	a.id = r.id;
	if (nd_state_each_alert(db->s, ND_ALERTS_SINCE_TIME, INT64_MIN,
				gather, &a)) {
		fprintf(ctx->err, PROG ": %s\n", nd_state_error(db->s));
		rc = -1;
	} else {
		history(ctx, db, &r);
		first_occurrence(ctx, db, &r, &a);
		now(ctx, db, &r);
		alerts_line(ctx, db, &a);
	}
	nd_alert_row_free(&a.last);
	nd_alert_row_free(&a.first_occ);
	nd_exe_row_free(&r);
	return rc < 0 ? CLI_ERROR : CLI_OK;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct cli_args a;
	struct cli_db db;
	int ret;

	ret = cli_db_begin(ctx, cmd, argc, argv, false, 1, &a, &db);
	if (ret != CLI_GO)
		return ret;
	ret = explain(ctx, &db, a.pos[0]);
	cli_db_close(&db);
	return ret;
}

const struct cli_cmd cli_cmd_explain = {
	.name = "explain",
	.args = "EXE [--database FILE]",
	.summary = "Explain an executable's score",
	.help =
	"EXE is a path, or a name when only one executable has it.  Says how\n"
	"often it used the network, whether its first use was a first\n"
	"occurrence, its probability and what a bucket of activity would score\n"
	"now, step by step (docs/scoring.md has the formulas), and its alerts.\n"
	"\n"
	"  -d, --database FILE   default " ND_DEFAULT_DATABASE "\n"
	"  -h, --help            this help\n",
	.run = run,
};
