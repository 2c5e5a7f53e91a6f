// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl alerts [--since T] [--json] [--database FILE] */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "alert_doc.h"
#include "config.h"
#include "db.h"
#include "replay.h"
#include "table.h"

static const struct table_col cols[] = {
	{ "TIME", false }, { "SCORE", true }, { "INITIAL", true },
	{ "EXE", false }, { "PID", true }, { "UID", true },
	{ "DEST", false }, { "FIRST", false },
};

#define NCOLS (sizeof(cols) / sizeof(cols[0]))

/**
 * struct listing - alerts being printed
 * @t: the table, or NULL for JSON
 * @arr: the JSON array, or NULL for the table
 * @failed: building the output failed
 */
struct listing {
	struct table *t;
	json_t *arr;
	bool failed;
};

/* The stored document, with netanom.score as it is now. */
static json_t *doc_now(const struct nd_alert_row *r)
{
	json_t *doc = json_loads(r->doc, 0, NULL);
	json_t *na = json_object_get(doc, "netanom");

	if (json_is_object(na))
		json_object_set_new(na, "score", json_real(r->score));
	return doc;
}

static int add_row(struct table *t, const struct nd_alert_row *r)
{
	char when[NETANOM_TIME_LEN], score[16], initial[16], pid[16];
	char uid[16], dest[80], *exe;
	struct nd_alert a;
	const char *cells[NCOLS] = { when, score, initial, r->exe, pid, uid,
				     dest, r->first_occurrence ? "yes" : "no" };
	int ret;

	if (nd_alert_from_doc(r->doc, &a, &exe))
		memset(&a, 0, sizeof(a));
	netanom_format_time((uint64_t)r->time_ns, when, sizeof(when));
	snprintf(score, sizeof(score), "%.0f", r->score);
	snprintf(initial, sizeof(initial), "%.0f", r->initial_score);
	snprintf(pid, sizeof(pid), "%d", (int)a.pid);
	snprintf(uid, sizeof(uid), "%u", (unsigned int)a.uid);
	if (!a.dest_ip[0])
		snprintf(dest, sizeof(dest), "-");
	else if (a.ip_version == 6)
		snprintf(dest, sizeof(dest), "[%s]:%u", a.dest_ip, a.dest_port);
	else
		snprintf(dest, sizeof(dest), "%s:%u", a.dest_ip, a.dest_port);
	ret = table_add(t, cells);
	free(exe);
	return ret;
}

static int one(void *arg, const struct nd_alert_row *r)
{
	struct listing *l = arg;

	if (l->arr) {
		if (json_array_append_new(l->arr, doc_now(r)))
			l->failed = true;
	} else if (add_row(l->t, r)) {
		l->failed = true;
	}
	return 0;
}

/* --since: an RFC 3339 time, or a duration meaning that long ago. */
static int parse_since(const char *s, uint64_t now_ns, int64_t *since)
{
	uint32_t secs;

	if (!nd_parse_time(s, since))
		return 0;
	if (nd_parse_duration(s, &secs))
		return -1;
	*since = (int64_t)now_ns - (int64_t)secs * 1000000000LL;
	return 0;
}

static int list(const struct cli_ctx *ctx, struct cli_db *db, int64_t since,
		bool json)
{
	struct listing l = { 0 };
	struct table t;
	int ret = CLI_OK;

	if (json) {
		l.arr = json_array();
	} else {
		table_init(&t, cols, NCOLS);
		l.t = &t;
	}
	if (nd_state_each_alert(db->s, ND_ALERTS_SINCE_TIME, since, one, &l) ||
	    l.failed) {
		fprintf(ctx->err, PROG ": %s\n", l.failed ? "out of memory" :
			nd_state_error(db->s));
		ret = CLI_ERROR;
	}
	if (json) {
		if (ret == CLI_OK)
			return cli_print_json(ctx, l.arr);
		json_decref(l.arr);
		return ret;
	}
	if (ret == CLI_OK && t.nrows)
		table_print(&t, ctx->out);
	else if (ret == CLI_OK)
		fprintf(ctx->out, "no alerts\n");
	table_free(&t);
	return ret;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	const char *since_s = NULL;
	int64_t since = INT64_MIN;
	struct cli_args a;
	struct cli_db db;
	int ret;

	ret = cli_take_value(ctx, cmd, &argc, argv, "-s", "--since",
			     &since_s);
	if (ret)
		return ret;
	if (since_s && parse_since(since_s, ctx->now_ns, &since))
		return cli_cmd_usage(ctx, cmd, "--since '%s': not a time "
				     "(2026-11-28T10:00:00Z) or a duration "
				     "(30m, 2h, 7d)", since_s);
	ret = cli_db_begin(ctx, cmd, argc, argv, true, 0, &a, &db);
	if (ret != CLI_GO)
		return ret;
	ret = list(ctx, &db, since, a.json);
	cli_db_close(&db);
	return ret;
}

const struct cli_cmd cli_cmd_alerts = {
	.name = "alerts",
	.args = "[--since T] [--json] [--database FILE]",
	.summary = "List the alerts netanomd raised",
	.help =
	"Oldest first.  SCORE is the score now: it is renormalised as larger\n"
	"anomalies join the history; INITIAL is the score the alert was\n"
	"raised with.  FIRST: the executable's first network use.\n"
	"\n"
	"  -s, --since T         only alerts raised at or after T: an RFC 3339\n"
	"                        time (2026-11-28T10:00:00Z) or a duration ago\n"
	"                        (30m, 2h, 7d)\n"
	"  -j, --json            an array of the alerts' ECS documents, with\n"
	"                        netanom.score as it is now\n"
	"  -d, --database FILE   default " ND_DEFAULT_DATABASE "\n"
	"  -h, --help            this help\n",
	.run = run,
};
