// SPDX-License-Identifier: GPL-2.0-or-later
/* Row counts for the metrics: executables in the baseline, alerts. */
#include "state_int.h"

static int count(struct nd_state *s, const char *sql, int64_t *n)
{
	sqlite3_stmt *st = nd_state_prepare(s, sql);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : nd_state_fail(s, "counting rows");
}

int nd_state_count_exes(struct nd_state *s, int64_t *n)
{
	return count(s, "SELECT count(*) FROM executables", n);
}

int nd_state_count_alerts(struct nd_state *s, int64_t *n)
{
	return count(s, "SELECT count(*) FROM alerts", n);
}
