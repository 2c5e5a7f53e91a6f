// SPDX-License-Identifier: GPL-2.0-or-later
/* The executables table and the per-bucket activity. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state_int.h"

#define EXE_COLUMNS \
	"id, path, dev, ino, comm, active, buckets_active, last_update, " \
	"first_active, last_active, first_seen_ns, last_seen_ns, " \
	"last_score, last_raw, last_probability, last_connects"

void nd_exe_row_free(struct nd_exe_row *r)
{
	free(r->path);
	memset(r, 0, sizeof(*r));
}

static void text_to(char *dst, size_t len, const unsigned char *src)
{
	snprintf(dst, len, "%s", src ? (const char *)src : "");
}

/* One row of EXE_COLUMNS into @r. */
static int read_row(sqlite3_stmt *st, struct nd_exe_row *r)
{
	const unsigned char *path = sqlite3_column_text(st, 1);

	memset(r, 0, sizeof(*r));
	r->path = strdup(path ? (const char *)path : "");
	if (!r->path)
		return -1;
	r->id = sqlite3_column_int64(st, 0);
	r->dev = nd_i2u(sqlite3_column_int64(st, 2));
	r->ino = nd_i2u(sqlite3_column_int64(st, 3));
	text_to(r->comm, sizeof(r->comm), sqlite3_column_text(st, 4));
	r->model.active = sqlite3_column_double(st, 5);
	r->model.buckets_active = sqlite3_column_int64(st, 6);
	r->model.last_update = sqlite3_column_int64(st, 7);
	r->model.first_active = sqlite3_column_int64(st, 8);
	r->model.last_active = sqlite3_column_int64(st, 9);
	r->first_seen_ns = sqlite3_column_int64(st, 10);
	r->last_seen_ns = sqlite3_column_int64(st, 11);
	r->last_score = sqlite3_column_double(st, 12);
	r->last_raw = sqlite3_column_double(st, 13);
	r->last_probability = sqlite3_column_double(st, 14);
	r->last_connects = nd_i2u(sqlite3_column_int64(st, 15));
	return 0;
}

static int row_or_corrupt(struct nd_state *s, sqlite3_stmt *st,
			  struct nd_exe_row *r)
{
	if (read_row(st, r)) {
		snprintf(s->error, sizeof(s->error), "%s: out of memory",
			 s->path);
		return -1;
	}
	if (nm_exe_check(&r->model)) {
		snprintf(s->error, sizeof(s->error),
			 "%s: the stored state of %s is inconsistent; "
			 "refusing to use it", s->path, r->path);
		nd_exe_row_free(r);
		return -1;
	}
	return 0;
}

int nd_state_get_exe(struct nd_state *s, const char *path,
		     struct nd_exe_row *r)
{
	sqlite3_stmt *st;
	int rc, ret;

	memset(r, 0, sizeof(*r));
	st = nd_state_prepare(s, "SELECT " EXE_COLUMNS
			      " FROM executables WHERE path = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ret = row_or_corrupt(s, st, r);
	} else if (rc == SQLITE_DONE) {
		nm_exe_init(&r->model);
		r->path = strdup(path);
		ret = r->path ? 1 : -1;
	} else {
		ret = nd_state_fail(s, "reading an executable");
	}
	sqlite3_finalize(st);
	return ret;
}

static void bind_exe(sqlite3_stmt *st, const struct nd_exe_row *r)
{
	sqlite3_bind_text(st, 1, r->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, nd_u2i(r->dev));
	sqlite3_bind_int64(st, 3, nd_u2i(r->ino));
	sqlite3_bind_text(st, 4, r->comm, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 5, r->model.active);
	sqlite3_bind_int64(st, 6, r->model.buckets_active);
	sqlite3_bind_int64(st, 7, r->model.last_update);
	sqlite3_bind_int64(st, 8, r->model.first_active);
	sqlite3_bind_int64(st, 9, r->model.last_active);
	sqlite3_bind_int64(st, 10, r->first_seen_ns);
	sqlite3_bind_int64(st, 11, r->last_seen_ns);
	sqlite3_bind_double(st, 12, r->last_score);
	sqlite3_bind_double(st, 13, r->last_raw);
	sqlite3_bind_double(st, 14, r->last_probability);
	sqlite3_bind_int64(st, 15, nd_u2i(r->last_connects));
}

int nd_state_put_exe(struct nd_state *s, struct nd_exe_row *r)
{
	sqlite3_stmt *st;

	if (r->id) {
		st = nd_state_prepare(s, "UPDATE executables SET path = ?1, "
			"dev = ?2, ino = ?3, comm = ?4, active = ?5, "
			"buckets_active = ?6, last_update = ?7, "
			"first_active = ?8, last_active = ?9, "
			"first_seen_ns = ?10, last_seen_ns = ?11, "
			"last_score = ?12, last_raw = ?13, "
			"last_probability = ?14, last_connects = ?15 "
			"WHERE id = ?16");
		if (st) {
			bind_exe(st, r);
			sqlite3_bind_int64(st, 16, r->id);
		}
		return nd_state_done(s, st, "updating an executable");
	}
	st = nd_state_prepare(s, "INSERT INTO executables (" EXE_COLUMNS
			      ") VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, "
			      "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
	if (st)
		bind_exe(st, r);
	if (nd_state_done(s, st, "adding an executable"))
		return -1;
	r->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int nd_state_each_exe(struct nd_state *s,
		      int (*fn)(void *arg, const struct nd_exe_row *r),
		      void *arg)
{
	struct nd_exe_row r;
	sqlite3_stmt *st;
	int rc, ret = 0;

	st = nd_state_prepare(s, "SELECT " EXE_COLUMNS
			      " FROM executables ORDER BY path");
	if (!st)
		return -1;
	while (ret == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (row_or_corrupt(s, st, &r)) {
			ret = -1;
			break;
		}
		ret = fn(arg, &r);
		nd_exe_row_free(&r);
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = nd_state_fail(s, "listing executables");
	sqlite3_finalize(st);
	return ret;
}

int nd_state_add_activity(struct nd_state *s, int64_t exe_id,
			  const struct nd_activity *a,
			  const struct nm_score *sc)
{
	sqlite3_stmt *st;

	st = nd_state_prepare(s, "INSERT OR REPLACE INTO activity (bucket, "
			      "exe_id, connects, pid, uid, dest_ip, dest_port,"
			      " score, raw, probability) VALUES (?, ?, ?, ?, "
			      "?, ?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_int64(st, 1, sc->bucket);
		sqlite3_bind_int64(st, 2, exe_id);
		sqlite3_bind_int64(st, 3, nd_u2i(a->connects));
		sqlite3_bind_int64(st, 4, a->pid);
		sqlite3_bind_int64(st, 5, a->uid);
		sqlite3_bind_text(st, 6, a->dest_ip, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, a->dest_port);
		sqlite3_bind_double(st, 8, sc->score);
		sqlite3_bind_double(st, 9, sc->raw);
		sqlite3_bind_double(st, 10, sc->probability);
	}
	return nd_state_done(s, st, "recording activity");
}

int nd_state_prune_activity(struct nd_state *s, int64_t bucket)
{
	sqlite3_stmt *st;

	st = nd_state_prepare(s, "DELETE FROM activity WHERE bucket < ?");
	if (st)
		sqlite3_bind_int64(st, 1, bucket);
	return nd_state_done(s, st, "pruning activity");
}

int nd_state_count_activity(struct nd_state *s, int64_t exe_id, int64_t *n)
{
	sqlite3_stmt *st;
	int rc;

	st = nd_state_prepare(s, "SELECT count(*) FROM activity "
			      "WHERE exe_id = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, exe_id);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : nd_state_fail(s, "counting activity");
}
