/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to state*.c and schema.c: the handle and the statement helpers.
 */
#ifndef NETANOMD_STATE_INT_H
#define NETANOMD_STATE_INT_H

#include <sqlite3.h>

#include "state.h"

/**
 * struct nd_state - an open database
 * @db: the SQLite connection
 * @path: the file (owned)
 * @error: why the last call failed
 * @lock_fd: descriptor holding nd_state_lock()'s flock, -1 when none
 */
struct nd_state {
	sqlite3 *db;
	char *path;
	char error[512];
	int lock_fd;
};

/** nd_state_fail() - set the error from @what and SQLite's message; -1 */
int nd_state_fail(struct nd_state *s, const char *what);

/** nd_state_prepare() - prepare @sql; NULL (error set) on failure */
sqlite3_stmt *nd_state_prepare(struct nd_state *s, const char *sql);

/**
 * nd_state_done() - step @st to completion and finalize it
 * @s: state
 * @st: a statement that returns no rows (NULL: preparing it failed)
 * @what: for the error message
 *
 * Return: 0 or -1.
 */
int nd_state_done(struct nd_state *s, sqlite3_stmt *st, const char *what);

/** nd_state_exec() - run statements that return no rows */
int nd_state_exec(struct nd_state *s, const char *sql);

/** nd_state_schema_setup() - create or verify the schema; 0 or -1 */
int nd_state_schema_setup(struct nd_state *s, bool readonly);

/* SQLite integers are signed 64-bit; (dev, ino) and counters round-trip
 * through the same bits. */
static inline sqlite3_int64 nd_u2i(uint64_t v)
{
	return (sqlite3_int64)v;
}

static inline uint64_t nd_i2u(sqlite3_int64 v)
{
	return (uint64_t)v;
}

#endif /* NETANOMD_STATE_INT_H */
