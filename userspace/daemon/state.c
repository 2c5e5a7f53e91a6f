// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Opening the database, transactions, and the small tables: meta, host,
 * history.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state_int.h"

int nd_state_fail(struct nd_state *s, const char *what)
{
	snprintf(s->error, sizeof(s->error), "%s: %s: %s", s->path, what,
		 sqlite3_errmsg(s->db));
	return -1;
}

sqlite3_stmt *nd_state_prepare(struct nd_state *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		nd_state_fail(s, "preparing a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int nd_state_done(struct nd_state *s, sqlite3_stmt *st, const char *what)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		nd_state_fail(s, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int nd_state_exec(struct nd_state *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(s->error, sizeof(s->error), "%s: %s", s->path,
			 msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* mkdir -p of @path's directory, 0750 for what is created: the database
 * says which programs talk to the network, not for everyone's eyes. */
static int make_parent(const char *path)
{
	char *dir = strdup(path), *p;
	int ret = 0;

	if (!dir)
		return -1;
	p = strrchr(dir, '/');
	if (p && p != dir) {
		*p = '\0';
		for (p = dir + 1; ret == 0; p++) {
			bool end = *p == '\0';

			if (*p != '/' && !end)
				continue;
			*p = '\0';
			if (mkdir(dir, 0750) && errno != EEXIST)
				ret = -1;
			if (end)
				break;
			*p = '/';
		}
	}
	free(dir);
	return ret;
}

static int fail_open(struct nd_state *s, const char *what, char *err,
		     size_t errlen)
{
	if (s->db && sqlite3_errcode(s->db) == SQLITE_NOTADB &&
	    !strstr(s->error, "is corrupt"))
		snprintf(s->error, sizeof(s->error),
			 "%s: not a database (SQLite says: %s); refusing to "
			 "touch it: move it away or choose another file with "
			 "--database", s->path, sqlite3_errmsg(s->db));
	snprintf(err, errlen, "%s", s->error[0] ? s->error : what);
	nd_state_close(s);
	return -1;
}

/*
 * A damaged database (a disk error, a copy cut short, a stray write) is
 * refused before anything is written to it, and left as it is for
 * inspection.  quick_check reads every page once: a fraction of a second
 * for a database of a hundred thousand executables.
 */
static int check_intact(struct nd_state *s)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *what = NULL;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st,
			       NULL) == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			what = sqlite3_column_text(st, 0);
		if (what && !strcmp((const char *)what, "ok")) {
			sqlite3_finalize(st);
			return 0;
		}
	}
	if (sqlite3_errcode(s->db) == SQLITE_NOTADB) {
		sqlite3_finalize(st);
		return -1;	/* fail_open says "not a database" */
	}
	snprintf(s->error, sizeof(s->error),
		 "%s: the database is corrupt (SQLite: %s); netanomd leaves it "
		 "as it is for inspection: move it away (keep a copy) to "
		 "start a new baseline, or restore a backup",
		 s->path, what ? (const char *)what : sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	/* One log line: SQLite's report spans several. */
	for (char *p = s->error; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return -1;
}

static int configure(struct nd_state *s, bool readonly)
{
	sqlite3_busy_timeout(s->db, 5000);
	if (readonly)
		return 0;
	/* WAL: readers (netanomctl) never block the daemon's bucket write.
	 * FULL: a committed bucket survives a power cut, not just kill -9. */
	return nd_state_exec(s, "PRAGMA journal_mode = WAL;"
			     "PRAGMA synchronous = FULL;"
			     "PRAGMA foreign_keys = ON;");
}

int nd_state_open(struct nd_state **sp, const char *path, bool readonly,
		  char *err, size_t errlen)
{
	int flags = readonly ? SQLITE_OPEN_READONLY :
		    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	struct nd_state *s;
	struct stat sb;

	*sp = NULL;
	if (readonly && stat(path, &sb) && errno == ENOENT) {
		snprintf(err, errlen, "no database at %s", path);
		return -2;
	}
	if (!readonly && make_parent(path)) {
		snprintf(err, errlen, "%s: cannot create its directory: %s",
			 path, strerror(errno));
		return -1;
	}
	s = calloc(1, sizeof(*s));
	if (s)
		s->lock_fd = -1;
	if (!s || !(s->path = strdup(path))) {
		free(s);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		nd_state_fail(s, "cannot open");
		return fail_open(s, "", err, errlen);
	}
	if ((!readonly && check_intact(s)) || configure(s, readonly) ||
	    nd_state_schema_setup(s, readonly))
		return fail_open(s, "", err, errlen);
	*sp = s;
	return 0;
}

void nd_state_close(struct nd_state *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	/* After SQLite's close: closing any descriptor of the file drops
	 * the process's POSIX locks on it, SQLite's included. */
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	free(s->path);
	free(s);
}

const char *nd_state_path(const struct nd_state *s)
{
	return s->path;
}

const char *nd_state_error(const struct nd_state *s)
{
	return s->error;
}

int nd_state_begin(struct nd_state *s)
{
	return nd_state_exec(s, "BEGIN IMMEDIATE");
}

int nd_state_commit(struct nd_state *s)
{
	return nd_state_exec(s, "COMMIT");
}

void nd_state_rollback(struct nd_state *s)
{
	char keep[sizeof(s->error)];

	memcpy(keep, s->error, sizeof(keep));
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	memcpy(s->error, keep, sizeof(keep));
}

int nd_state_get_meta(struct nd_state *s, const char *key, int64_t *v)
{
	sqlite3_stmt *st;
	int rc;

	st = nd_state_prepare(s, "SELECT value FROM meta WHERE key = ?");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : nd_state_fail(s, "reading meta");
}

int nd_state_set_meta(struct nd_state *s, const char *key, int64_t v)
{
	sqlite3_stmt *st;

	st = nd_state_prepare(s, "INSERT OR REPLACE INTO meta (key, value) "
			      "VALUES (?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, v);
	}
	return nd_state_done(s, st, "writing meta");
}

static int corrupt(struct nd_state *s, const char *what)
{
	snprintf(s->error, sizeof(s->error),
		 "%s: the stored %s is inconsistent; refusing to use it: "
		 "move the file away to start a new baseline", s->path, what);
	return -1;
}

int nd_state_load_host(struct nd_state *s, struct nm_host *h)
{
	sqlite3_stmt *st;
	int rc;

	nm_host_init(h);
	st = nd_state_prepare(s, "SELECT buckets_total, observed, last_bucket"
			      " FROM host WHERE id = 1");
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->buckets_total = sqlite3_column_int64(st, 0);
		h->observed = sqlite3_column_double(st, 1);
		h->last_bucket = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return nd_state_fail(s, "reading the host state");
	return nm_host_check(h) ? corrupt(s, "host state") : 0;
}

int nd_state_save_host(struct nd_state *s, const struct nm_host *h)
{
	sqlite3_stmt *st;

	st = nd_state_prepare(s, "INSERT OR REPLACE INTO host (id, "
			      "buckets_total, observed, last_bucket) "
			      "VALUES (1, ?, ?, ?)");
	if (st) {
		sqlite3_bind_int64(st, 1, h->buckets_total);
		sqlite3_bind_double(st, 2, h->observed);
		sqlite3_bind_int64(st, 3, h->last_bucket);
	}
	return nd_state_done(s, st, "writing the host state");
}

int nd_state_load_history(struct nd_state *s, struct nm_history *h)
{
	sqlite3_stmt *st;
	int rc;

	h->count = 0;
	/* The newest capacity entries, then put back oldest first. */
	st = nd_state_prepare(s, "SELECT bucket, raw FROM (SELECT seq, bucket,"
			      " raw FROM history ORDER BY seq DESC LIMIT ?) "
			      "ORDER BY seq");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)h->capacity);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && h->count < h->capacity) {
		h->entries[h->count].bucket = sqlite3_column_int64(st, 0);
		h->entries[h->count].raw = sqlite3_column_double(st, 1);
		h->count++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return nd_state_fail(s, "reading the score history");
	return nm_history_check(h) ? corrupt(s, "score history") : 0;
}

int nd_state_save_history(struct nd_state *s, const struct nm_history *h)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE;

	if (nd_state_exec(s, "DELETE FROM history"))
		return -1;
	st = nd_state_prepare(s, "INSERT INTO history (seq, bucket, raw) "
			      "VALUES (?, ?, ?)");
	if (!st)
		return -1;
	for (i = 0; i < h->count && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
		sqlite3_bind_int64(st, 2, h->entries[i].bucket);
		sqlite3_bind_double(st, 3, h->entries[i].raw);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : nd_state_fail(s, "writing the history");
}
