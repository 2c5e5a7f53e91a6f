// SPDX-License-Identifier: GPL-2.0-or-later
/* The alerts table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state_int.h"

#define ALERT_COLUMNS \
	"a.id, a.exe_id, e.path, a.time_ns, a.bucket, a.score, " \
	"a.initial_score, a.raw, a.first_occurrence, a.emitted, a.doc"
#define ALERT_FROM " FROM alerts a JOIN executables e ON e.id = a.exe_id "

void nd_alert_row_free(struct nd_alert_row *r)
{
	free(r->exe);
	free(r->doc);
	memset(r, 0, sizeof(*r));
}

static char *dup_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return strdup(t ? (const char *)t : "");
}

static int read_row(struct nd_state *s, sqlite3_stmt *st,
		    struct nd_alert_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->exe_id = sqlite3_column_int64(st, 1);
	r->exe = dup_text(st, 2);
	r->time_ns = sqlite3_column_int64(st, 3);
	r->bucket = sqlite3_column_int64(st, 4);
	r->score = sqlite3_column_double(st, 5);
	r->initial_score = sqlite3_column_double(st, 6);
	r->raw = sqlite3_column_double(st, 7);
	r->first_occurrence = sqlite3_column_int(st, 8) != 0;
	r->emitted = sqlite3_column_int(st, 9) != 0;
	r->doc = dup_text(st, 10);
	if (r->exe && r->doc)
		return 0;
	nd_alert_row_free(r);
	snprintf(s->error, sizeof(s->error), "%s: out of memory", s->path);
	return -1;
}

int nd_state_add_alert(struct nd_state *s, struct nd_alert_row *r,
		       const char *doc)
{
	sqlite3_stmt *st;

	st = nd_state_prepare(s, "INSERT INTO alerts (exe_id, time_ns, "
			      "bucket, score, initial_score, raw, "
			      "first_occurrence, emitted, doc) VALUES (?, ?, "
			      "?, ?, ?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_int64(st, 1, r->exe_id);
		sqlite3_bind_int64(st, 2, r->time_ns);
		sqlite3_bind_int64(st, 3, r->bucket);
		sqlite3_bind_double(st, 4, r->score);
		sqlite3_bind_double(st, 5, r->initial_score);
		sqlite3_bind_double(st, 6, r->raw);
		sqlite3_bind_int(st, 7, r->first_occurrence);
		sqlite3_bind_int(st, 8, r->emitted);
		sqlite3_bind_text(st, 9, doc, -1, SQLITE_STATIC);
	}
	if (nd_state_done(s, st, "storing an alert"))
		return -1;
	r->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int nd_state_last_alert(struct nd_state *s, int64_t exe_id,
			struct nd_alert_row *r)
{
	sqlite3_stmt *st;
	int rc, ret;

	st = nd_state_prepare(s, "SELECT " ALERT_COLUMNS ALERT_FROM
			      "WHERE a.exe_id = ? ORDER BY a.bucket DESC, "
			      "a.id DESC LIMIT 1");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, exe_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ret = read_row(s, st, r);
	else if (rc == SQLITE_DONE)
		ret = 1;
	else
		ret = nd_state_fail(s, "reading the last alert");
	sqlite3_finalize(st);
	return ret;
}

static int set_column(struct nd_state *s, const char *sql, int64_t id,
		      double v, const char *what)
{
	sqlite3_stmt *st = nd_state_prepare(s, sql);

	if (st) {
		sqlite3_bind_double(st, 1, v);
		sqlite3_bind_int64(st, 2, id);
	}
	return nd_state_done(s, st, what);
}

int nd_state_set_alert_score(struct nd_state *s, int64_t id, double score)
{
	return set_column(s, "UPDATE alerts SET score = ? WHERE id = ?", id,
			  score, "updating an alert's score");
}

int nd_state_mark_emitted(struct nd_state *s, int64_t id)
{
	return set_column(s, "UPDATE alerts SET emitted = ? WHERE id = ?", id,
			  1, "marking an alert emitted");
}

static const char *filter_sql(enum nd_alert_filter filter)
{
	switch (filter) {
	case ND_ALERTS_SINCE_TIME:
		return "SELECT " ALERT_COLUMNS ALERT_FROM
		       "WHERE a.time_ns >= ?1 ORDER BY a.time_ns, a.id";
	case ND_ALERTS_AFTER_BUCKET:
		return "SELECT " ALERT_COLUMNS ALERT_FROM
		       "WHERE a.bucket > ?1 ORDER BY a.bucket, a.id";
	case ND_ALERTS_NOT_EMITTED:
	default:
		return "SELECT " ALERT_COLUMNS ALERT_FROM
		       "WHERE a.emitted = 0 AND ?1 = ?1 ORDER BY a.id";
	}
}

int nd_state_each_alert(struct nd_state *s, enum nd_alert_filter filter,
			int64_t since,
			int (*fn)(void *arg, const struct nd_alert_row *r),
			void *arg)
{
	struct nd_alert_row r;
	sqlite3_stmt *st;
	int rc = SQLITE_DONE, ret = 0;

	st = nd_state_prepare(s, filter_sql(filter));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_row(s, st, &r)) {
			ret = -1;
			break;
		}
		ret = fn(arg, &r);
		nd_alert_row_free(&r);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = nd_state_fail(s, "listing alerts");
	sqlite3_finalize(st);
	return ret;
}
