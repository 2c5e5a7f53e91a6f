// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomd's database: round trips, crash safety, and files that are
 * not ours. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "state.h"
#include "tmpdir.h"

static char dir[TMPDIR_LEN];
static char path[128];

static int setup(void **state)
{
	(void)state;
	assert_int_equal(tmpdir_make(dir, "state"), 0);
	snprintf(path, sizeof(path), "%s/sub/dir/netanom.db", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(tmpdir_remove(dir), 0);
	return 0;
}

static struct nd_state *open_rw(void)
{
	struct nd_state *s;
	char err[512];

	if (nd_state_open(&s, path, false, err, sizeof(err)))
		fail_msg("open: %s", err);
	return s;
}

/* Write one "bucket": host state, one executable, history. */
static void write_bucket(struct nd_state *s, int64_t bucket, double raw)
{
	struct nm_history_entry e[4];
	struct nm_history h;
	struct nd_exe_row r;
	struct nm_host host;
	int rc;

	assert_int_equal(nd_state_load_host(s, &host), 0);
	host.buckets_total++;
	host.observed += 1.0;
	host.last_bucket = bucket;
	assert_int_equal(nd_state_save_host(s, &host), 0);
	rc = nd_state_get_exe(s, "/usr/bin/curl", &r);
	assert_true(rc == 0 || rc == 1);
	r.model.active += 1.0;
	r.model.buckets_active++;
	r.model.last_update = bucket;
	r.model.last_active = bucket;
	if (r.model.first_active == NM_BUCKET_NONE)
		r.model.first_active = bucket;
	assert_int_equal(nd_state_put_exe(s, &r), 0);
	nd_exe_row_free(&r);
	nm_history_init(&h, e, 4);
	assert_int_equal(nd_state_load_history(s, &h), 0);
	assert_int_equal(nm_history_add(&h, bucket, raw), 0);
	assert_int_equal(nd_state_save_history(s, &h), 0);
}

static void test_creates_dir_and_schema(void **state)
{
	struct nd_state *s;
	struct stat st;
	char sub[128];
	int64_t v;

	(void)state;
	s = open_rw();
	snprintf(sub, sizeof(sub), "%s/sub/dir", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	assert_string_equal(nd_state_path(s), path);
	assert_int_equal(nd_state_get_meta(s, "bucket_span_s", &v), 1);
	assert_int_equal(nd_state_set_meta(s, "bucket_span_s", 900), 0);
	assert_int_equal(nd_state_get_meta(s, "bucket_span_s", &v), 0);
	assert_int_equal(v, 900);
	nd_state_close(s);
	/* Opened again: recognised, not created again. */
	s = open_rw();
	assert_int_equal(nd_state_get_meta(s, "bucket_span_s", &v), 0);
	assert_int_equal(v, 900);
	nd_state_close(s);
}

static void test_round_trip(void **state)
{
	struct nm_history_entry e[8];
	struct nd_exe_row r, back;
	struct nm_history h;
	struct nm_host host;
	struct nd_state *s;

	(void)state;
	s = open_rw();
	host = (struct nm_host){ 7, 6.5, 1234 };
	assert_int_equal(nd_state_save_host(s, &host), 0);
	assert_int_equal(nd_state_get_exe(s, "/usr/bin/curl", &r), 1);
	assert_int_equal(r.id, 0);
	assert_string_equal(r.path, "/usr/bin/curl");
	assert_true(r.model.last_update == NM_BUCKET_NONE);
	r.dev = UINT64_MAX;	/* full 64 bits survive */
	r.ino = 0x8000000000000001ULL;
	strcpy(r.comm, "curl");
	r.model = (struct nm_exe){ 2.5, 3, 1230, 1200, 1230 };
	r.first_seen_ns = 11;
	r.last_seen_ns = 22;
	r.last_score = 87.5;
	r.last_raw = 2.25;
	r.last_probability = 0.005;
	r.last_connects = 9;
	assert_int_equal(nd_state_put_exe(s, &r), 0);
	assert_true(r.id > 0);
	nm_history_init(&h, e, 8);
	assert_int_equal(nm_history_add(&h, 10, 1.5), 0);
	assert_int_equal(nm_history_add(&h, 12, 2.5), 0);
	assert_int_equal(nd_state_save_history(s, &h), 0);
	nd_state_close(s);

	s = open_rw();
	host = (struct nm_host){ 0 };
	assert_int_equal(nd_state_load_host(s, &host), 0);
	assert_int_equal(host.buckets_total, 7);
	assert_true(host.observed == 6.5);
	assert_int_equal(host.last_bucket, 1234);
	assert_int_equal(nd_state_get_exe(s, "/usr/bin/curl", &back), 0);
	assert_int_equal(back.id, r.id);
	assert_true(back.dev == UINT64_MAX);
	assert_true(back.ino == 0x8000000000000001ULL);
	assert_string_equal(back.comm, "curl");
	assert_true(back.model.active == 2.5);
	assert_int_equal(back.model.buckets_active, 3);
	assert_int_equal(back.model.last_update, 1230);
	assert_int_equal(back.model.first_active, 1200);
	assert_true(back.last_score == 87.5);
	assert_int_equal(back.last_connects, 9);
	nm_history_init(&h, e, 8);
	assert_int_equal(nd_state_load_history(s, &h), 0);
	assert_int_equal(h.count, 2);
	assert_int_equal(h.entries[1].bucket, 12);
	assert_true(h.entries[1].raw == 2.5);
	/* A smaller array keeps the newest. */
	nm_history_init(&h, e, 1);
	assert_int_equal(nd_state_load_history(s, &h), 0);
	assert_int_equal(h.count, 1);
	assert_int_equal(h.entries[0].bucket, 12);
	nd_exe_row_free(&r);
	nd_exe_row_free(&back);
	nd_state_close(s);
}

static int count_alert(void *arg, const struct nd_alert_row *r)
{
	int *n = arg;

	(*n)++;
	assert_string_equal(r->exe, "/tmp/x");
	return 0;
}

static void test_alerts(void **state)
{
	struct nd_alert_row a = { 0 }, last;
	struct nd_exe_row r;
	struct nd_state *s;
	int n = 0;

	(void)state;
	s = open_rw();
	assert_int_equal(nd_state_get_exe(s, "/tmp/x", &r), 1);
	assert_int_equal(nd_state_put_exe(s, &r), 0);
	assert_int_equal(nd_state_last_alert(s, r.id, &last), 1);
	a.exe_id = r.id;
	a.time_ns = 5000;
	a.bucket = 40;
	a.score = a.initial_score = 91;
	a.raw = 2.5;
	a.first_occurrence = true;
	assert_int_equal(nd_state_add_alert(s, &a, "{\"a\":1}"), 0);
	assert_int_equal(nd_state_set_alert_score(s, a.id, 60), 0);
	assert_int_equal(nd_state_last_alert(s, r.id, &last), 0);
	assert_int_equal(last.bucket, 40);
	assert_true(last.score == 60);
	assert_true(last.initial_score == 91);
	assert_true(last.first_occurrence);
	assert_false(last.emitted);
	assert_string_equal(last.doc, "{\"a\":1}");
	assert_string_equal(last.exe, "/tmp/x");
	nd_alert_row_free(&last);
	assert_int_equal(nd_state_each_alert(s, ND_ALERTS_NOT_EMITTED, 0,
					     count_alert, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(nd_state_mark_emitted(s, a.id), 0);
	n = 0;
	assert_int_equal(nd_state_each_alert(s, ND_ALERTS_NOT_EMITTED, 0,
					     count_alert, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(nd_state_each_alert(s, ND_ALERTS_SINCE_TIME, 5001,
					     count_alert, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(nd_state_each_alert(s, ND_ALERTS_SINCE_TIME, 5000,
					     count_alert, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(nd_state_each_alert(s, ND_ALERTS_AFTER_BUCKET, 40,
					     count_alert, &n), 0);
	assert_int_equal(n, 1);
	nd_exe_row_free(&r);
	nd_state_close(s);
}

static void test_rollback_keeps_previous_bucket(void **state)
{
	struct nm_host host;
	struct nd_state *s;

	(void)state;
	s = open_rw();
	assert_int_equal(nd_state_begin(s), 0);
	write_bucket(s, 100, 1.0);
	assert_int_equal(nd_state_commit(s), 0);
	assert_int_equal(nd_state_begin(s), 0);
	write_bucket(s, 101, 2.0);
	nd_state_rollback(s);
	assert_int_equal(nd_state_load_host(s, &host), 0);
	assert_int_equal(host.last_bucket, 100);
	assert_int_equal(host.buckets_total, 1);
	nd_state_close(s);
}

/* A process killed (SIGKILL) in the middle of a bucket's transaction, as
 * by kill -9: the previous bucket is intact, the next one absent. */
static void test_kill9_mid_transaction(void **state)
{
	struct nm_history_entry e[4];
	struct nm_history h;
	struct nd_exe_row r;
	struct nm_host host;
	struct nd_state *s;
	pid_t pid;
	int status;

	(void)state;
	s = open_rw();
	assert_int_equal(nd_state_begin(s), 0);
	write_bucket(s, 100, 1.0);
	assert_int_equal(nd_state_commit(s), 0);
	nd_state_close(s);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		s = open_rw();
		if (nd_state_begin(s))
			_exit(3);
		write_bucket(s, 101, 2.0);
		raise(SIGKILL);
		_exit(4);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	s = open_rw();
	assert_int_equal(nd_state_load_host(s, &host), 0);
	assert_int_equal(host.last_bucket, 100);
	assert_int_equal(host.buckets_total, 1);
	assert_int_equal(nd_state_get_exe(s, "/usr/bin/curl", &r), 0);
	assert_int_equal(r.model.buckets_active, 1);
	nd_exe_row_free(&r);
	nm_history_init(&h, e, 4);
	assert_int_equal(nd_state_load_history(s, &h), 0);
	assert_int_equal(h.count, 1);
	/* And the baseline continues. */
	assert_int_equal(nd_state_begin(s), 0);
	write_bucket(s, 101, 2.0);
	assert_int_equal(nd_state_commit(s), 0);
	assert_int_equal(nd_state_load_host(s, &host), 0);
	assert_int_equal(host.buckets_total, 2);
	nd_state_close(s);
}

static void write_file(const char *p, const char *text)
{
	FILE *f;
	char d[128], *slash;

	snprintf(d, sizeof(d), "%s", p);
	slash = strrchr(d, '/');
	*slash = '\0';
	mkdir(d, 0700);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void expect_refused(const char *why_part)
{
	struct nd_state *s = NULL;
	char err[512];
	struct stat before, after;

	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(nd_state_open(&s, path, false, err, sizeof(err)), -1);
	assert_null(s);
	if (!strstr(err, path) || !strstr(err, why_part))
		fail_msg("error \"%s\" should name %s and say \"%s\"", err,
			 path, why_part);
	/* Never replaced. */
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_size, after.st_size);
}

static void test_text_file_refused(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	write_file(path, "these are not the droids you are looking for; "
		   "certainly not a database file at all, really\n");
	expect_refused("not a database");
}

static void test_foreign_sqlite_refused(void **state)
{
	sqlite3 *db;

	(void)state;
	snprintf(path, sizeof(path), "%s/other.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x);", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_refused("not a netanom database");
}

static void test_newer_schema_refused(void **state)
{
	struct nd_state *s;
	sqlite3 *db;

	(void)state;
	s = open_rw();
	nd_state_close(s);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99;", NULL,
				      NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_refused("newer netanomd");
}

static void test_corrupt_refused(void **state)
{
	struct nd_state *s;
	char junk[4096];
	FILE *f;
	int i;

	(void)state;
	s = open_rw();
	assert_int_equal(nd_state_begin(s), 0);
	for (i = 0; i < 200; i++)
		write_bucket(s, 100 + i, 1.0 + i);
	assert_int_equal(nd_state_commit(s), 0);
	nd_state_close(s);
	/* Checkpointed on close; overwrite pages after the header. */
	memset(junk, 0xa5, sizeof(junk));
	f = fopen(path, "r+");
	assert_non_null(f);
	assert_int_equal(fseek(f, 4096, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), f), sizeof(junk));
	fclose(f);
	expect_refused("corrupt");
}

static void test_readonly_missing(void **state)
{
	struct nd_state *s;
	char err[256];
	struct stat st;

	(void)state;
	snprintf(path, sizeof(path), "%s/none.db", dir);
	assert_int_equal(nd_state_open(&s, path, true, err, sizeof(err)), -2);
	assert_non_null(strstr(err, "no database at"));
	assert_non_null(strstr(err, path));
	/* Reading never creates. */
	assert_int_equal(stat(path, &st), -1);
}

static void test_readonly_reads(void **state)
{
	struct nd_state *rw, *ro;
	struct nm_host host;
	char err[256];

	(void)state;
	rw = open_rw();
	assert_int_equal(nd_state_begin(rw), 0);
	write_bucket(rw, 100, 1.0);
	assert_int_equal(nd_state_commit(rw), 0);
	/* While the daemon holds it open. */
	assert_int_equal(nd_state_open(&ro, path, true, err, sizeof(err)), 0);
	assert_int_equal(nd_state_load_host(ro, &host), 0);
	assert_int_equal(host.last_bucket, 100);
	assert_int_equal(nd_state_set_meta(ro, "x", 1), -1);
	nd_state_close(ro);
	nd_state_close(rw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_creates_dir_and_schema,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_alerts, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_rollback_keeps_previous_bucket, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kill9_mid_transaction,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_file_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_foreign_sqlite_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_readonly_missing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_readonly_reads, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
