// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Recognising our file and creating its tables.
 *
 * An empty file (no tables, application_id 0) is ours to set up; a file
 * with our application_id is ours if its schema is not newer than ours;
 * anything else is someone else's and is left alone.
 */
#include <stdio.h>
#include <string.h>

#include "state_int.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char schema_v1[] =
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL);"
	/* The host's model state: exactly one row. */
	"CREATE TABLE host ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  buckets_total INTEGER NOT NULL,"
	"  observed REAL NOT NULL,"
	"  last_bucket INTEGER NOT NULL);"
	"CREATE TABLE executables ("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL UNIQUE,"
	"  dev INTEGER NOT NULL,"
	"  ino INTEGER NOT NULL,"
	"  comm TEXT NOT NULL,"
	"  active REAL NOT NULL,"
	"  buckets_active INTEGER NOT NULL,"
	"  last_update INTEGER NOT NULL,"
	"  first_active INTEGER NOT NULL,"
	"  last_active INTEGER NOT NULL,"
	"  first_seen_ns INTEGER NOT NULL,"
	"  last_seen_ns INTEGER NOT NULL,"
	"  last_score REAL NOT NULL,"
	"  last_raw REAL NOT NULL,"
	"  last_probability REAL NOT NULL,"
	"  last_connects INTEGER NOT NULL);"
	/* Raw scores for normalisation, oldest first by seq. */
	"CREATE TABLE history ("
	"  seq INTEGER PRIMARY KEY,"
	"  bucket INTEGER NOT NULL,"
	"  raw REAL NOT NULL);"
	"CREATE TABLE activity ("
	"  bucket INTEGER NOT NULL,"
	"  exe_id INTEGER NOT NULL REFERENCES executables(id),"
	"  connects INTEGER NOT NULL,"
	"  pid INTEGER NOT NULL,"
	"  uid INTEGER NOT NULL,"
	"  dest_ip TEXT NOT NULL,"
	"  dest_port INTEGER NOT NULL,"
	"  score REAL NOT NULL,"
	"  raw REAL NOT NULL,"
	"  probability REAL NOT NULL,"
	"  PRIMARY KEY (bucket, exe_id));"
	"CREATE INDEX activity_exe ON activity(exe_id);"
	"CREATE TABLE alerts ("
	"  id INTEGER PRIMARY KEY,"
	"  exe_id INTEGER NOT NULL REFERENCES executables(id),"
	"  time_ns INTEGER NOT NULL,"
	"  bucket INTEGER NOT NULL,"
	"  score REAL NOT NULL,"
	"  initial_score REAL NOT NULL,"
	"  raw REAL NOT NULL,"
	"  first_occurrence INTEGER NOT NULL,"
	"  emitted INTEGER NOT NULL,"
	"  doc TEXT NOT NULL);"
	"CREATE INDEX alerts_exe ON alerts(exe_id, bucket);"
	"CREATE INDEX alerts_time ON alerts(time_ns);"
	"PRAGMA application_id = " STR(ND_STATE_APP_ID) ";"
	"PRAGMA user_version = " STR(ND_STATE_SCHEMA) ";";

static int pragma_int(struct nd_state *s, const char *sql, int64_t *v)
{
	sqlite3_stmt *st = nd_state_prepare(s, sql);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return nd_state_fail(s, "reading the file header");
	return 0;
}

static int not_ours(struct nd_state *s, const char *why)
{
	snprintf(s->error, sizeof(s->error),
		 "%s: not a netanom database (%s); refusing to touch it: "
		 "move it away or choose another file with --database",
		 s->path, why);
	return -1;
}

static int create(struct nd_state *s)
{
	if (nd_state_exec(s, "BEGIN IMMEDIATE"))
		return -1;
	if (nd_state_exec(s, schema_v1)) {
		nd_state_rollback(s);
		return -1;
	}
	return nd_state_commit(s);
}

/* PRAGMA quick_check: "ok", or the first problem found. */
static int quick_check(struct nd_state *s)
{
	sqlite3_stmt *st = nd_state_prepare(s, "PRAGMA quick_check(1)");
	const unsigned char *txt;
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	txt = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	if (rc != SQLITE_ROW || !txt || strcmp((const char *)txt, "ok")) {
		snprintf(s->error, sizeof(s->error),
			 "%s: the database is corrupt (%s); refusing to "
			 "replace it: move it away to start a new baseline",
			 s->path, txt ? (const char *)txt :
			 sqlite3_errmsg(s->db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int nd_state_schema_setup(struct nd_state *s, bool readonly)
{
	int64_t app, ver, tables;
	char why[96];

	if (pragma_int(s, "PRAGMA application_id", &app) ||
	    pragma_int(s, "PRAGMA user_version", &ver) ||
	    pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables))
		return -1;
	if (app == 0 && tables == 0 && ver == 0) {
		if (readonly)
			return not_ours(s, "it is empty");
		return create(s);
	}
	if (app != ND_STATE_APP_ID) {
		snprintf(why, sizeof(why), "application_id %#llx, not %#x",
			 (unsigned long long)app, ND_STATE_APP_ID);
		return not_ours(s, why);
	}
	if (ver > ND_STATE_SCHEMA) {
		snprintf(s->error, sizeof(s->error),
			 "%s: written by a newer netanomd (schema %lld, this "
			 "one knows %d)", s->path, (long long)ver,
			 ND_STATE_SCHEMA);
		return -1;
	}
	if (ver < 1) {
		snprintf(why, sizeof(why), "schema version %lld",
			 (long long)ver);
		return not_ours(s, why);
	}
	return readonly ? 0 : quick_check(s);
}
