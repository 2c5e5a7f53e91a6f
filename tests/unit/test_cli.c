// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl end to end against the model kernel: exit codes, usage
 * errors, output, error messages. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "cli.h"
#include "cli_capture.h"
#include "fake_kernel.h"

static struct fk *fk;
static struct netanom_exe exes[3];
static char tmpfile_path[64];
static char *out_text, *err_text;

static int setup(void **state)
{
	struct stat st;
	int fd;

	(void)state;
	fk = fk_new_model(exes, 3);
	strcpy(tmpfile_path, "/tmp/netanom-test-XXXXXX");
	fd = mkstemp(tmpfile_path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(tmpfile_path, &st), 0);
	fk_sample_exe(&exes[0], "/usr/bin/old", 10, 1000);
	fk_sample_exe(&exes[1], "/usr/bin/new", 11, 3000);
	/* An entry whose (dev, ino) is the temporary file's, under another
	 * path, as after a rename: stat() must find it. */
	fk_sample_exe(&exes[2], "/opt/renamed", st.st_ino, 2000);
	exes[2].dev = st.st_dev;
	fk->model.flags = NETANOM_CONFIG_F_ENABLED;
	out_text = err_text = NULL;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(tmpfile_path);
	fk_delete(fk);
	free(out_text);
	free(err_text);
	return 0;
}

/* Run netanomctl with the arguments after @argv0, NULL-terminated. */
static int run(const char *arg0, ...)
{
	char *argv[16] = { "netanomctl" };
	struct cli_ctx ctx = {
		.open = fk_model_open, .open_arg = fk,
		.now_ns = 4000ULL * 1000000000ULL,
	};
	va_list ap;
	int argc = 1;

	va_start(ap, arg0);
	for (const char *a = arg0; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	return cli_capture(&ctx, argc, argv, &out_text, &err_text);
}

static void test_usage_errors_exit_2(void **state)
{
	(void)state;
	assert_int_equal(run(NULL), CLI_USAGE);
	text_has(err_text, "Usage:");
	assert_int_equal(run("frobnicate", NULL), CLI_USAGE);
	text_has(err_text, "unknown command 'frobnicate'");
	assert_int_equal(run("--frob", NULL), CLI_USAGE);
	assert_int_equal(run("show", "--frob", NULL), CLI_USAGE);
	text_has(err_text, "unknown option '--frob'");
	text_has(err_text, "Usage: netanomctl show [--json] [EXE]");
	assert_int_equal(run("show", "/a", "/b", NULL), CLI_USAGE);
	text_has(err_text, "unexpected argument '/b'");
	assert_int_equal(run("stats", "extra", NULL), CLI_USAGE);
	assert_int_equal(run("reset", "--json", NULL), CLI_USAGE);
	assert_int_equal(run("config", "enabled", NULL), CLI_USAGE);
	text_has(err_text, "missing the value");
	assert_int_equal(run("config", "bogus", "1", NULL), CLI_USAGE);
	text_has(err_text, "unknown key 'bogus'");
	assert_int_equal(run("config", "enabled", "maybe", NULL), CLI_USAGE);
	text_has(err_text, "bad value 'maybe'");
	assert_int_equal(run("config", "enabled", "1", "2", NULL), CLI_USAGE);
	assert_int_equal(run("help", "nope", NULL), CLI_USAGE);
	assert_int_equal(fk->nsent, 0);		/* the kernel was never asked */
}

static void test_help_and_version_exit_0(void **state)
{
	static const char *const cmds[] = { "show", "stats", "config",
					    "reset" };
	size_t i;

	(void)state;
	assert_int_equal(run("--help", NULL), CLI_OK);
	text_has(out_text, "Usage: netanomctl");
	for (i = 0; i < 4; i++)
		text_has(out_text, cmds[i]);
	assert_int_equal(run("-h", NULL), CLI_OK);
	assert_int_equal(run("help", "config", NULL), CLI_OK);
	text_has(out_text, "count_unix");
	for (i = 0; i < 4; i++) {
		assert_int_equal(run(cmds[i], "--help", NULL), CLI_OK);
		text_has(out_text, "Usage: netanomctl ");
		text_has(out_text, cmds[i]);
		assert_int_equal(run(cmds[i], "-h", "--bogus", NULL), CLI_OK);
	}
	assert_int_equal(run("--version", NULL), CLI_OK);
	text_has(out_text, "netanomctl " NETANOM_VERSION);
	assert_string_equal(err_text, "");
	assert_int_equal(fk->nsent, 0);
}

static void test_show_json_all_sorted(void **state)
{
	json_t *arr;

	(void)state;
	assert_int_equal(run("show", "--json", NULL), CLI_OK);
	arr = json_loads(out_text, 0, NULL);
	assert_non_null(arr);
	assert_int_equal(json_array_size(arr), 3);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(arr, 0), "exe")), "/usr/bin/new");
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(arr, 1), "exe")), "/opt/renamed");
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(arr, 2), "exe")), "/usr/bin/old");
	json_decref(arr);
}

static void test_show_table(void **state)
{
	char *l2;

	(void)state;
	assert_int_equal(run("show", NULL), CLI_OK);
	assert_true(!strncmp(out_text, "EXE ", 4));
	l2 = strchr(out_text, '\n') + 1;
	assert_true(!strncmp(l2, "/usr/bin/new ", 13));
	text_has(out_text, "/opt/renamed");
}

static void test_show_exe_by_stat(void **state)
{
	json_t *arr;

	(void)state;
	assert_int_equal(run("show", tmpfile_path, "--json", NULL), CLI_OK);
	arr = json_loads(out_text, 0, NULL);
	assert_int_equal(json_array_size(arr), 1);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(arr, 0), "exe")), "/opt/renamed");
	json_decref(arr);
}

static void test_show_exe_by_path(void **state)
{
	json_t *arr;

	(void)state;
	/* /usr/bin/old does not exist here: looked up as a string */
	assert_int_equal(run("show", "--json", "/usr/bin/old", NULL), CLI_OK);
	arr = json_loads(out_text, 0, NULL);
	assert_int_equal(json_array_size(arr), 1);
	assert_int_equal(json_integer_value(json_object_get(
				json_array_get(arr, 0), "ino")), 10);
	json_decref(arr);
}

static void test_show_exe_stat_mismatch_uses_path(void **state)
{
	json_t *arr;

	(void)state;
	/*
	 * The file exists but the kernel keyed it under another (dev, ino),
	 * as on overlayfs: the lookup by identity finds nothing, the path
	 * finds the entry.
	 */
	exes[2].dev ^= 1;
	exes[0].path = tmpfile_path;
	assert_int_equal(run("show", "--json", tmpfile_path, NULL), CLI_OK);
	arr = json_loads(out_text, 0, NULL);
	assert_int_equal(json_array_size(arr), 1);
	assert_int_equal(json_integer_value(json_object_get(
				json_array_get(arr, 0), "ino")), 10);
	json_decref(arr);
}

static void test_show_exe_not_found(void **state)
{
	(void)state;
	assert_int_equal(run("show", "/no/such/exe", NULL), CLI_ERROR);
	assert_string_equal(err_text, "netanomctl: no entry for /no/such/exe\n");
	assert_string_equal(out_text, "");
}

static void test_stats(void **state)
{
	json_t *o;

	(void)state;
	fk->model.stats.hits = 99;
	fk->model.stats.entries = 3;
	assert_int_equal(run("stats", "-j", NULL), CLI_OK);
	o = json_loads(out_text, 0, NULL);
	assert_int_equal(json_integer_value(json_object_get(o, "hits")), 99);
	assert_int_equal(json_integer_value(json_object_get(o, "entries")), 3);
	json_decref(o);
	assert_int_equal(run("stats", NULL), CLI_OK);
	text_has(out_text, "hits            99\n");
	text_has(out_text, "max_entries");
}

static void test_config_show_and_set(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(run("config", NULL), CLI_OK);
	assert_string_equal(out_text, "enabled     on\ncount_unix  off\n"
			    "exclude_dests none\nexclude_uids  none\n");
	assert_int_equal(run("config", "--json", NULL), CLI_OK);
	o = json_loads(out_text, 0, NULL);
	assert_true(json_is_true(json_object_get(o, "enabled")));
	assert_true(json_is_false(json_object_get(o, "count_unix")));
	assert_int_equal(json_array_size(json_object_get(o, "exclude_dests")),
			 0);
	assert_int_equal(json_array_size(json_object_get(o, "exclude_uids")),
			 0);
	json_decref(o);

	assert_int_equal(run("config", "count_unix", "on", NULL), CLI_OK);
	assert_int_equal(fk->model.last_selector, NETANOM_CONFIG_F_COUNT_UNIX);
	assert_int_equal(fk->model.last_value, NETANOM_CONFIG_F_COUNT_UNIX);
	assert_int_equal(run("config", "enabled", "false", NULL), CLI_OK);
	assert_int_equal(fk->model.last_selector, NETANOM_CONFIG_F_ENABLED);
	assert_int_equal(fk->model.last_value, 0);
	assert_int_equal(fk->model.flags, NETANOM_CONFIG_F_COUNT_UNIX);
}

static void test_exclude(void **state)
{
	json_t *o;

	(void)state;
	assert_int_equal(run("exclude", "dests", "198.51.100.0/24,::1",
			     "uids", "0,1000", NULL), CLI_OK);
	assert_int_equal(fk->model.excl_sets, 1);
	assert_int_equal(run("config", NULL), CLI_OK);
	assert_string_equal(out_text, "enabled     on\ncount_unix  off\n"
			    "exclude_dests 198.51.100.0/24 ::1/128\n"
			    "exclude_uids  0 1000\n");
	assert_int_equal(run("exclude", "--json", NULL), CLI_OK);
	o = json_loads(out_text, 0, NULL);
	assert_string_equal(json_string_value(json_array_get(
		json_object_get(o, "exclude_dests"), 1)), "::1/128");
	assert_int_equal(json_integer_value(json_array_get(
		json_object_get(o, "exclude_uids"), 1)), 1000);
	json_decref(o);

	/* One list alone leaves the other; "none" empties. */
	assert_int_equal(run("exclude", "uids", "none", NULL), CLI_OK);
	assert_int_equal(fk->model.excl.n_uids, 0);
	assert_int_equal(fk->model.excl.n_dests, 2);
	assert_int_equal(run("exclude", "clear", NULL), CLI_OK);
	assert_int_equal(fk->model.excl.n_dests, 0);
	assert_int_equal(run("exclude", NULL), CLI_OK);
	assert_string_equal(out_text, "exclude_dests none\n"
			    "exclude_uids  none\n");

	/* Usage errors never reach the kernel. */
	fk->model.excl_sets = 0;
	assert_int_equal(run("exclude", "dests", "10.0.0.0/33", NULL),
			 CLI_USAGE);
	assert_non_null(strstr(err_text, "bad CIDR '10.0.0.0/33'"));
	assert_int_equal(run("exclude", "uids", "root", NULL), CLI_USAGE);
	assert_int_equal(run("exclude", "dests", NULL), CLI_USAGE);
	assert_int_equal(run("exclude", "ports", "1", NULL), CLI_USAGE);
	assert_int_equal(fk->model.excl_sets, 0);
}

static void test_reset(void **state)
{
	(void)state;
	assert_int_equal(run("reset", NULL), CLI_OK);
	assert_int_equal(fk->model.resets, 1);
	assert_string_equal(out_text, "");
}

static void test_errors_are_explained(void **state)
{
	(void)state;
	fk->model.not_loaded = true;
	assert_int_equal(run("show", NULL), CLI_ERROR);
	assert_string_equal(err_text,
			    "netanomctl: netanom kernel module is not loaded "
			    "(load it with: insmod netanom.ko, or modprobe "
			    "netanom)\n");

	fk->model.not_loaded = false;
	fk->model.deny = EPERM;
	assert_int_equal(run("stats", NULL), CLI_ERROR);
	assert_string_equal(err_text,
			    "netanomctl: getting the statistics: permission "
			    "denied: netanom needs CAP_NET_ADMIN in the initial user "
			    "namespace (run as root on the host, not in a "
			    "container or user namespace)\n");

	fk->model.deny = 0;
	fk->model.set_error = EINVAL;
	fk->model.set_error_msg = "flag outside NETANOM_CONFIG_F_ALL";
	assert_int_equal(run("config", "enabled", "1", NULL), CLI_ERROR);
	assert_string_equal(err_text,
			    "netanomctl: setting the configuration: Invalid "
			    "argument: flag outside NETANOM_CONFIG_F_ALL\n");

	fk->model.intr_dumps = -1;
	assert_int_equal(run("show", NULL), CLI_ERROR);
	text_has(err_text, "netanomctl: listing entries: ");
	text_has(err_text, "kept changing");
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_usage_errors_exit_2),
		T(test_help_and_version_exit_0),
		T(test_show_json_all_sorted),
		T(test_show_table),
		T(test_show_exe_by_stat),
		T(test_show_exe_by_path),
		T(test_show_exe_stat_mismatch_uses_path),
		T(test_show_exe_not_found),
		T(test_stats),
		T(test_config_show_and_set),
		T(test_exclude),
		T(test_reset),
		T(test_errors_are_explained),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
