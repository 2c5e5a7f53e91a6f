// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomd's command line, configuration overrides, replay lines, and the
 * collection loop against the fake kernel: one bucket (--once), the
 * module missing, signals. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon.h"
#include "engine.h"
#include "fake_kernel.h"
#include "replay.h"
#include "state.h"
#include "tmpdir.h"

static char dir[TMPDIR_LEN];
static char conf[128];
static char dbpath[128];

static int setup(void **state)
{
	(void)state;
	assert_int_equal(tmpdir_make(dir, "daemon"), 0);
	snprintf(conf, sizeof(conf), "%s/netanomd.conf", dir);
	snprintf(dbpath, sizeof(dbpath), "%s/state/netanom.db", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(tmpdir_remove(dir), 0);
	return 0;
}

static void write_conf(const char *text)
{
	FILE *f = fopen(conf, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int parse(struct nd_options *o, ...)
{
	char *argv[16] = { "netanomd" };
	int argc = 1, rc;
	FILE *err = fopen("/dev/null", "w");
	va_list ap;

	va_start(ap, o);
	for (char *a = va_arg(ap, char *); a; a = va_arg(ap, char *))
		argv[argc++] = a;
	va_end(ap);
	rc = nd_parse_options(argc, argv, o, err);
	fclose(err);
	return rc;
}

static void test_options(void **state)
{
	struct nd_options o;

	(void)state;
	assert_int_equal(parse(&o, NULL), 0);
	assert_false(o.foreground);
	assert_null(o.config);
	assert_int_equal(parse(&o, "--foreground", "--config", "/c",
			       "--database=/d", "-a", "/a", "--once", NULL), 0);
	assert_true(o.foreground);
	assert_true(o.once);
	assert_string_equal(o.config, "/c");
	assert_string_equal(o.database, "/d");
	assert_string_equal(o.alerts, "/a");
	assert_int_equal(parse(&o, "-f", "-r", "x.ndjson", NULL), 0);
	assert_string_equal(o.replay, "x.ndjson");
	assert_int_equal(parse(&o, "--alerts=", NULL), 0);
	assert_string_equal(o.alerts, "");
	assert_int_equal(parse(&o, "--help", NULL), 0);
	assert_true(o.help);
	assert_int_equal(parse(&o, "-V", NULL), 0);
	assert_true(o.version);
}

static void test_option_errors(void **state)
{
	struct nd_options o;

	(void)state;
	assert_int_equal(parse(&o, "--config", NULL), ND_EXIT_USAGE);
	assert_int_equal(parse(&o, "--bogus", NULL), ND_EXIT_USAGE);
	assert_int_equal(parse(&o, "stray", NULL), ND_EXIT_USAGE);
	assert_int_equal(parse(&o, "--foreground=yes", NULL), ND_EXIT_USAGE);
	assert_int_equal(parse(&o, "--configx", "y", NULL), ND_EXIT_USAGE);
	assert_int_equal(parse(&o, "--once", "--replay", "f", NULL),
			 ND_EXIT_USAGE);
}

static void test_config_overrides(void **state)
{
	struct nd_options o = { .config = conf };
	struct nd_config c;
	char err[512];

	(void)state;
	write_conf("[state]\ndatabase = /var/x.db\n[output]\n"
		   "alerts = /var/a.ndjson\n");
	assert_int_equal(nd_load_config(&o, &c, err, sizeof(err)), 0);
	assert_string_equal(c.database, "/var/x.db");
	assert_string_equal(c.alerts_path, "/var/a.ndjson");
	nd_config_free(&c);
	o.database = "/cli.db";
	o.alerts = "";
	assert_int_equal(nd_load_config(&o, &c, err, sizeof(err)), 0);
	assert_string_equal(c.database, "/cli.db");
	assert_null(c.alerts_path);	/* "" turns it off */
	nd_config_free(&c);
}

static void test_bad_config_names_line(void **state)
{
	struct nd_options o = { .config = conf };
	char *argv[] = { "netanomd", "--config", conf, "--foreground", NULL };
	struct nd_config c;
	char err[512], want[160];

	(void)state;
	write_conf("[rule]\nbucket_span = 15m\nmin_buckets = many\n");
	assert_int_equal(nd_load_config(&o, &c, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:3: ", conf);
	if (strncmp(err, want, strlen(want)))
		fail_msg("\"%s\" should start with \"%s\"", err, want);
	/* The program exits 2. */
	assert_int_equal(nd_main(4, argv), ND_EXIT_USAGE);
	/* A --config that does not exist is an error too (line 0). */
	unlink(conf);
	assert_int_equal(nd_main(4, argv), ND_EXIT_USAGE);
}

static void test_main_help_version(void **state)
{
	char *help[] = { "netanomd", "--help", NULL };
	char *ver[] = { "netanomd", "--version", NULL };
	char *bad[] = { "netanomd", "-x", NULL };

	(void)state;
	assert_int_equal(nd_main(2, help), ND_EXIT_OK);
	assert_int_equal(nd_main(2, ver), ND_EXIT_OK);
	assert_int_equal(nd_main(2, bad), ND_EXIT_USAGE);
}

static void test_parse_time(void **state)
{
	int64_t ns;

	(void)state;
	assert_int_equal(nd_parse_time("1970-01-01T00:01:00Z", &ns), 0);
	assert_int_equal(ns, 60LL * 1000000000);
	assert_int_equal(nd_parse_time("2026-11-28T10:00:00.5Z", &ns), 0);
	assert_int_equal(ns % 1000000000, 500000000);
	assert_int_equal(nd_parse_time("2026-11-28T10:00:00", &ns), -1);
	assert_int_equal(nd_parse_time("2026-11-28 10:00:00Z", &ns), -1);
	assert_int_equal(nd_parse_time("2026-13-28T10:00:00Z", &ns), -1);
	assert_int_equal(nd_parse_time("2026-11-28T10:00:00.Z", &ns), -1);
	assert_int_equal(nd_parse_time("2026-11-28T10:00:00Zx", &ns), -1);
}

static void test_parse_dest(void **state)
{
	struct nd_activity a;

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_int_equal(nd_parse_dest("198.51.100.2:443", &a), 0);
	assert_string_equal(a.dest_ip, "198.51.100.2");
	assert_int_equal(a.dest_port, 443);
	assert_int_equal(a.ip_version, 4);
	assert_int_equal(nd_parse_dest("[2001:db8:0::1]:53", &a), 0);
	assert_string_equal(a.dest_ip, "2001:db8::1");
	assert_int_equal(a.dest_port, 53);
	assert_int_equal(a.ip_version, 6);
	assert_int_equal(nd_parse_dest("2001:db8::2", &a), 0);
	assert_int_equal(a.dest_port, 0);
	assert_int_equal(nd_parse_dest("192.0.2.1", &a), 0);
	assert_int_equal(a.ip_version, 4);
	assert_int_equal(nd_parse_dest("192.0.2.1:99999", &a), -1);
	assert_int_equal(nd_parse_dest("host.example:80", &a), -1);
	assert_int_equal(nd_parse_dest("[2001:db8::1", &a), -1);
	assert_int_equal(nd_parse_dest("[2001:db8::1]x", &a), -1);
}

static void test_replay_lines(void **state)
{
	struct nd_bucket b;
	char why[256];

	(void)state;
	assert_int_equal(nd_replay_parse_line("  # comment", 60, &b, why,
					      sizeof(why)), 1);
	assert_int_equal(nd_replay_parse_line("", 60, &b, why, sizeof(why)),
			 1);
	assert_int_equal(nd_replay_parse_line(
		"{\"time\":\"1970-01-01T00:02:30Z\",\"active\":["
		"{\"exe\":\"/usr/bin/curl\",\"connects\":3,\"uid\":1000,"
		"\"pid\":42,\"dest\":\"198.51.100.2:443\",\"transport\":\"tcp\"},"
		"{\"exe\":\"/bin/idle\",\"connects\":0}]}",
		60, &b, why, sizeof(why)), 0);
	/* The bucket 02:30 falls in starts at 02:00. */
	assert_int_equal(b.start_ns, 120LL * 1000000000);
	assert_int_equal(b.n, 1);	/* 0 connects: not active */
	assert_string_equal(b.v[0].exe, "/usr/bin/curl");
	assert_string_equal(b.v[0].comm, "curl");
	assert_int_equal(b.v[0].connects, 3);
	assert_int_equal(b.v[0].uid, 1000);
	assert_int_equal(b.v[0].pid, 42);
	assert_string_equal(b.v[0].transport, "tcp");
	nd_bucket_free(&b);
#define BAD(line, part) do { \
		assert_int_equal(nd_replay_parse_line(line, 60, &b, why, \
						      sizeof(why)), -1); \
		if (!strstr(why, part)) \
			fail_msg("\"%s\" should say \"%s\"", why, part); \
		assert_int_equal(b.n, 0); \
	} while (0)
	BAD("{\"time\":\"x\"}", "RFC 3339");
	BAD("{\"active\":[]}", "RFC 3339");
	BAD("{\"time\":\"1970-01-01T00:00:00Z\",\"extra\":1}",
	    "unknown key \"extra\"");
	BAD("{\"time\":\"1970-01-01T00:00:00Z\",\"active\":[{\"exe\":\"/a\"},"
	    "{\"exe\":\"/b\",\"conects\":1}]}", "unknown key \"conects\"");
	BAD("{\"time\":\"1970-01-01T00:00:00Z\",\"active\":[{\"pid\":1}]}",
	    "\"exe\"");
	BAD("{\"time\":\"1970-01-01T00:00:00Z\",\"active\":[{\"exe\":\"/a\","
	    "\"uid\":-1}]}", "\"uid\"");
	BAD("{\"time\":\"1970-01-01T00:00:00Z\",\"active\":[{\"exe\":\"/a\","
	    "\"transport\":\"sctp\"}]}", "\"transport\"");
	BAD("{\"time\":\"1970-01-01T00:00:00Z\",\"active\":{}}", "array");
	BAD("[1]", "one JSON object");
	BAD("{\"time\":", "not JSON");
#undef BAD
}

/* --- the loop against the fake kernel ----------------------------------- */

static struct fk *fk;
static struct netanom_exe fexes[1];

/* The model kernel, where curl makes 2 more connects before every dump. */
static void busy_respond(struct fk *k, const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);

	if (req->nlmsg_type == FK_FAMILY_ID && g->cmd == NETANOM_CMD_GET_EXE)
		fexes[0].tcp4 += 2;
	fk_model_respond(k, req);
}

static int busy_open(void *arg, struct netanom **hp,
		     struct netanom_error *err)
{
	int rc = fk_model_open(arg, hp, err);

	fk->respond = busy_respond;
	return rc;
}

static int fk_setup(void **state)
{
	setup(state);
	fk_sample_exe(&fexes[0], "/usr/bin/curl", 10, 1);
	fk = fk_new_model(fexes, 1);
	return 0;
}

static int fk_teardown(void **state)
{
	fk_delete(fk);
	return teardown(state);
}

static int run_daemon(const struct nd_options *o, bool busy)
{
	const struct nd_source src = {
		.open = busy ? busy_open : fk_model_open, .arg = fk,
	};
	struct nd_config *c = calloc(1, sizeof(*c));
	char err[512];

	assert_non_null(c);
	if (nd_load_config(o, c, err, sizeof(err)))
		fail_msg("%s", err);
	return nd_daemon_run(o, c, &src);
}

static const char quick_conf[] =
	"[rule]\nbucket_span = 1s\nmin_buckets = 3\n"
	"[output]\nsyslog = off\nalerts =\n";

static void test_once_collects_one_bucket(void **state)
{
	struct nd_options o = { .config = conf, .database = dbpath,
				.once = true, .foreground = true };
	struct nd_state *s;
	struct nd_exe_row r;
	struct nm_host host;
	char err[256];

	(void)state;
	write_conf(quick_conf);
	assert_int_equal(run_daemon(&o, true), ND_EXIT_OK);
	assert_int_equal(nd_state_open(&s, dbpath, true, err, sizeof(err)),
			 0);
	assert_int_equal(nd_state_load_host(s, &host), 0);
	assert_int_equal(host.buckets_total, 1);
	/* The priming dump set the base; the bucket saw the 2 after it. */
	assert_int_equal(nd_state_get_exe(s, "/usr/bin/curl", &r), 0);
	assert_int_equal(r.last_connects, 2);
	assert_int_equal(r.model.buckets_active, 1);
	nd_exe_row_free(&r);
	nd_state_close(s);
	/* Run again: the baseline continues. */
	assert_int_equal(run_daemon(&o, true), ND_EXIT_OK);
	assert_int_equal(nd_state_open(&s, dbpath, true, err, sizeof(err)),
			 0);
	assert_int_equal(nd_state_load_host(s, &host), 0);
	assert_int_equal(host.buckets_total, 2);
	nd_state_close(s);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return NULL;
	n = getdelim(&buf, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* [output] events and metrics from the running daemon: one network start
 * event for the executable of the bucket, and a metrics file whose last
 * version (written as it stops) counts the bucket and the module. */
static void test_once_events_and_metrics(void **state)
{
	struct nd_options o = { .config = conf, .database = dbpath,
				.once = true, .foreground = true };
	char text[1024], ev[TMPDIR_LEN + 32], prom[TMPDIR_LEN + 32];
	char *t;

	(void)state;
	snprintf(ev, sizeof(ev), "%s/log/events.ndjson", dir);
	snprintf(prom, sizeof(prom), "%s/netanom.prom", dir);
	snprintf(text, sizeof(text), "%sevents = %s\nmetrics = %s\n",
		 quick_conf, ev, prom);
	write_conf(text);
	assert_int_equal(run_daemon(&o, true), ND_EXIT_OK);
	t = slurp(ev);
	assert_non_null(t);
	assert_non_null(strstr(t, "\"process\":{\"executable\":\"/usr/bin/curl\""));
	assert_non_null(strstr(t, "\"type\":[\"start\"]"));
	assert_non_null(strstr(t, "\"connects\":2"));
	/* One line: one executable in the bucket. */
	assert_non_null(strchr(t, '\n'));
	assert_string_equal(strchr(t, '\n'), "\n");
	free(t);
	t = slurp(prom);
	assert_non_null(t);
	assert_non_null(strstr(t, "\nnetanom_up 0\n"));
	assert_non_null(strstr(t, "\nnetanom_module_up 1\n"));
	assert_non_null(strstr(t, "\nnetanom_buckets_scored_total 1\n"));
	assert_non_null(strstr(t, "\nnetanom_baseline_executables 1\n"));
	assert_non_null(strstr(t, "\nnetanom_last_scoring_duration_seconds "));
	free(t);
}

/* [exclude] users and destinations reach the module when the daemon
 * reaches it; a module that refuses them does not stop the daemon. */
static void test_exclusions_pushed(void **state)
{
	struct nd_options o = { .config = conf, .database = dbpath,
				.once = true, .foreground = true };
	char buf[NETANOM_CIDR_LEN];

	(void)state;
	write_conf("[rule]\nbucket_span = 1s\n"
		   "[exclude]\nusers = 0 4242\ndestinations = 10.0.0.0/8\n"
		   "[output]\nsyslog = off\nalerts =\n");
	assert_int_equal(run_daemon(&o, false), ND_EXIT_OK);
	assert_int_equal(fk->model.excl_sets, 1);
	assert_int_equal(fk->model.excl.n_dests, 1);
	assert_string_equal(netanom_cidr_format(&fk->model.excl.dests[0], buf,
						sizeof(buf)), "10.0.0.0/8");
	assert_int_equal(fk->model.excl.n_uids, 2);
	assert_int_equal(fk->model.excl.uids[1], 4242);

	/* Defaults: the local host; a refusal is logged, and it goes on. */
	write_conf(quick_conf);
	assert_int_equal(run_daemon(&o, false), ND_EXIT_OK);
	assert_int_equal(fk->model.excl_sets, 2);
	assert_int_equal(fk->model.excl.n_dests, 3);
	assert_int_equal(fk->model.excl.n_uids, 0);
	fk->model.excl_error = EPERM;
	assert_int_equal(run_daemon(&o, false), ND_EXIT_OK);
	assert_int_equal(fk->model.excl_sets, 2);
}

static void test_once_without_module(void **state)
{
	struct nd_options o = { .config = conf, .database = dbpath,
				.once = true, .foreground = true };

	(void)state;
	write_conf(quick_conf);
	fk->model.not_loaded = true;
	assert_int_equal(run_daemon(&o, false), ND_EXIT_ERROR);
}

static void test_foreign_database_exit_1(void **state)
{
	struct nd_options o = { .config = conf, .database = conf,
				.once = true, .foreground = true };

	(void)state;
	write_conf(quick_conf);
	/* The configuration file itself as the database: not ours. */
	assert_int_equal(run_daemon(&o, false), ND_EXIT_ERROR);
}

/* SIGHUP with a broken file, then SIGTERM, both already pending when the
 * loop starts: the reload fails and is logged, the stop exits 0. */
static void test_signals_stop_cleanly(void **state)
{
	struct nd_options o = { .config = conf, .database = dbpath,
				.foreground = true };
	sigset_t set, old;

	(void)state;
	write_conf("[rule]\nbucket_span = 1h\n[output]\nsyslog = off\n"
		   "alerts =\n");
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	assert_int_equal(sigprocmask(SIG_BLOCK, &set, &old), 0);
	fk->model.not_loaded = true;
	write_conf("[rule]\nbucket_span = 1h\n[output]\nsyslog = off\n"
		   "alerts =\n");
	{
		struct nd_config *c = calloc(1, sizeof(*c));
		const struct nd_source src = { .open = fk_model_open,
					       .arg = fk };
		char err[512];

		assert_int_equal(nd_load_config(&o, c, err, sizeof(err)), 0);
		write_conf("[rule]\nbucket_span = soon\n");
		raise(SIGHUP);
		raise(SIGTERM);
		assert_int_equal(nd_daemon_run(&o, c, &src), ND_EXIT_OK);
	}
	assert_int_equal(sigprocmask(SIG_SETMASK, &old, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test_setup_teardown(test_config_overrides, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_config_names_line,
						setup, teardown),
		cmocka_unit_test(test_main_help_version),
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_parse_dest),
		cmocka_unit_test(test_replay_lines),
		cmocka_unit_test_setup_teardown(test_once_collects_one_bucket,
						fk_setup, fk_teardown),
		cmocka_unit_test_setup_teardown(test_once_events_and_metrics,
						fk_setup, fk_teardown),
		cmocka_unit_test_setup_teardown(test_exclusions_pushed,
						fk_setup, fk_teardown),
		cmocka_unit_test_setup_teardown(test_once_without_module,
						fk_setup, fk_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_database_exit_1,
						fk_setup, fk_teardown),
		cmocka_unit_test_setup_teardown(test_signals_stop_cleanly,
						fk_setup, fk_teardown),
	};

	/* The loop waits for signals and bucket boundaries: a bug there
	 * must fail the run, not hang it. */
	alarm(60);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
