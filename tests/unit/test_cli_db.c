// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl baseline, explain and alerts, over a database the engine
 * wrote. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "cli_capture.h"
#include "engine.h"
#include "tmpdir.h"

#define NS 1000000000LL
#define BASE_NS (1795824000LL * NS)	/* 2026-11-28T00:00:00Z */

static char dir[TMPDIR_LEN], dbpath[128];
static char *out_text, *err_text;

static int no_emit(void *arg, const struct nd_alert *a, const char *doc)
{
	(void)arg;
	(void)a;
	(void)doc;
	return 0;
}

static void bucket(struct nd_engine *e, int64_t t, const char *extra)
{
	struct nd_activity a = { .connects = 2, .uid = 1000, .pid = 7,
				 .dest_port = 443, .ip_version = 4,
				 .transport = "tcp" };
	struct nd_bucket b;

	strcpy(a.dest_ip, "198.51.100.2");
	nd_bucket_init(&b, BASE_NS + t * 60 * NS);
	a.exe = "/usr/bin/curl";
	assert_non_null(nd_bucket_add(&b, &a));
	if (extra) {
		a.exe = (char *)extra;
		a.pid = 4242;
		a.dest_port = 4444;
		assert_non_null(nd_bucket_add(&b, &a));
	}
	assert_true(nd_engine_bucket(e, &b, b.start_ns + 60 * NS) >= 0);
	nd_bucket_free(&b);
}

/* 12 buckets of curl, a new program in bucket 10. */
static int setup(void **state)
{
	const struct nd_emitter em = { .emit = no_emit };
	struct nd_config cfg;
	struct nd_host host = { "h", "k" };
	struct nd_state *s;
	struct nd_engine e;
	char err[512];
	int64_t t;

	(void)state;
	assert_int_equal(tmpdir_make(dir, "clidb"), 0);
	snprintf(dbpath, sizeof(dbpath), "%s/n.db", dir);
	assert_int_equal(nd_config_defaults(&cfg), 0);
	cfg.bucket_span_s = 60;
	cfg.min_buckets = 5;
	if (nd_state_open(&s, dbpath, false, err, sizeof(err)) ||
	    nd_engine_open(&e, &cfg, &host, s, &em, err, sizeof(err)))
		fail_msg("%s", err);
	for (t = 0; t < 12; t++)
		bucket(&e, t, t == 10 ? "/tmp/.cache/helper" : NULL);
	nd_engine_close(&e);
	nd_state_close(s);
	nd_config_free(&cfg);
	out_text = err_text = NULL;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(tmpdir_remove(dir), 0);
	free(out_text);
	free(err_text);
	return 0;
}

static int no_module(void *arg, struct netanom **hp,
		     struct netanom_error *err)
{
	(void)arg;
	(void)hp;
	(void)err;
	fail_msg("these commands must not need the module");
	return -1;
}

static int run(const char *arg0, ...)
{
	char *argv[16] = { "netanomctl" };
	struct cli_ctx ctx = { .open = no_module,
			       .now_ns = (uint64_t)BASE_NS + 3600ULL * NS };
	va_list ap;
	int argc = 1;

	va_start(ap, arg0);
	for (const char *a = arg0; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	return cli_capture(&ctx, argc, argv, &out_text, &err_text);
}

static void test_baseline_table(void **state)
{
	(void)state;
	assert_int_equal(run("baseline", "--database", dbpath, NULL), CLI_OK);
	text_has(out_text, "12 buckets of 60s observed");
	text_has(out_text, "EXE");
	text_has(out_text, "PROBABILITY");
	text_has(out_text, "/usr/bin/curl");
	text_has(out_text, "/tmp/.cache/helper");
	/* Sorted by path. */
	assert_true(strstr(out_text, "/tmp/") < strstr(out_text, "/usr/"));
}

static void test_baseline_json(void **state)
{
	json_t *root, *exes, *e;

	(void)state;
	assert_int_equal(run("baseline", "--json", "--database=", NULL),
			 CLI_ERROR);
	assert_int_equal(run("baseline", "-j", "-d", dbpath, NULL), CLI_OK);
	root = json_loads(out_text, 0, NULL);
	assert_non_null(root);
	assert_int_equal(json_integer_value(json_object_get(root,
				"buckets_observed")), 12);
	assert_true(json_is_false(json_object_get(root, "learning")));
	exes = json_object_get(root, "executables");
	assert_int_equal(json_array_size(exes), 2);
	e = json_array_get(exes, 1);
	assert_string_equal(json_string_value(json_object_get(e, "exe")),
			    "/usr/bin/curl");
	assert_int_equal(json_integer_value(json_object_get(e,
				"buckets_active")), 12);
	assert_true(json_real_value(json_object_get(e, "probability")) > 0.5);
	e = json_array_get(exes, 0);
	assert_true(json_real_value(json_object_get(e, "last_score")) >= 50);
	json_decref(root);
}

static void test_explain_first_occurrence(void **state)
{
	(void)state;
	assert_int_equal(run("explain", "/tmp/.cache/helper", "-d", dbpath,
			     NULL), CLI_OK);
	text_has(out_text, "used the network in 1 of 12 observed buckets");
	text_has(out_text, "first occurrence");
	text_has(out_text, "raised an alert");
	text_has(out_text, "probability of being active in a bucket");
	text_has(out_text, "alerts: 1");
	/* By name when unique. */
	assert_int_equal(run("explain", "helper", "-d", dbpath, NULL), CLI_OK);
	text_has(out_text, "/tmp/.cache/helper");
}

static void test_explain_common_and_unknown(void **state)
{
	(void)state;
	assert_int_equal(run("explain", "/usr/bin/curl", "-d", dbpath, NULL),
			 CLI_OK);
	text_has(out_text, "12 of 12");
	text_has(out_text, "above the rarity threshold");
	text_has(out_text, "alerts: none");
	assert_int_equal(run("explain", "/usr/bin/new", "-d", dbpath, NULL),
			 CLI_OK);
	text_has(out_text, "never used the network");
	text_has(out_text, "would be a first occurrence");
	text_has(out_text, "would score 100");
	assert_int_equal(run("explain", "-d", dbpath, NULL), CLI_USAGE);
}

static void test_alerts(void **state)
{
	json_t *arr;

	(void)state;
	assert_int_equal(run("alerts", "-d", dbpath, NULL), CLI_OK);
	text_has(out_text, "/tmp/.cache/helper");
	text_has(out_text, "198.51.100.2:4444");
	text_has(out_text, "4242");
	text_has(out_text, "yes");
	assert_null(strstr(out_text, "/usr/bin/curl"));
	assert_int_equal(run("alerts", "--json", "-d", dbpath, NULL), CLI_OK);
	arr = json_loads(out_text, 0, NULL);
	assert_int_equal(json_array_size(arr), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
		json_array_get(arr, 0), "process"), "executable")),
		"/tmp/.cache/helper");
	json_decref(arr);
	/* Raised at 00:11. */
	assert_int_equal(run("alerts", "--since", "2026-11-28T00:11:00Z",
			     "-d", dbpath, NULL), CLI_OK);
	text_has(out_text, "/tmp/.cache/helper");
	assert_int_equal(run("alerts", "--since=2026-11-28T00:11:01Z",
			     "-d", dbpath, NULL), CLI_OK);
	text_has(out_text, "no alerts");
	/* now is 01:00: "30m" ago is 00:30, after the alert. */
	assert_int_equal(run("alerts", "--since", "30m", "-d", dbpath, NULL),
			 CLI_OK);
	text_has(out_text, "no alerts");
	assert_int_equal(run("alerts", "--since", "2h", "-d", dbpath, NULL),
			 CLI_OK);
	text_has(out_text, "/tmp/.cache/helper");
	assert_int_equal(run("alerts", "--since", "yesterday", "-d", dbpath,
			     NULL), CLI_USAGE);
	assert_int_equal(run("alerts", "--since", NULL), CLI_USAGE);
}

static void test_no_database(void **state)
{
	char missing[160];

	(void)state;
	snprintf(missing, sizeof(missing), "%s/none.db", dir);
	assert_int_equal(run("baseline", "-d", missing, NULL), CLI_ERROR);
	text_has(err_text, "no database at ");
	text_has(err_text, missing);
	text_has(err_text, "is netanomd running?");
	assert_int_equal(access(missing, F_OK), -1);
	assert_int_equal(run("alerts", "-d", missing, NULL), CLI_ERROR);
	text_has(err_text, "is netanomd running?");
	assert_int_equal(run("explain", "x", "-d", missing, NULL), CLI_ERROR);
	text_has(err_text, "is netanomd running?");
}

static void test_help_and_usage(void **state)
{
	(void)state;
	assert_int_equal(run("--help", NULL), CLI_OK);
	text_has(out_text, "baseline");
	text_has(out_text, "explain");
	text_has(out_text, "alerts");
	assert_int_equal(run("alerts", "--help", NULL), CLI_OK);
	text_has(out_text, "--since T");
	assert_int_equal(run("baseline", "--bogus", NULL), CLI_USAGE);
	assert_int_equal(run("baseline", "extra", "-d", dbpath, NULL),
			 CLI_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_baseline_table, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_baseline_json, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_explain_first_occurrence,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_explain_common_and_unknown,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_alerts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_database, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_help_and_usage, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
