// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading an alert's process: a fake /proc tree, this process itself, a
 * process that is gone, and the facts about the executable file. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "enrich.h"
#include "tmpdir.h"

static char root[TMPDIR_LEN];

static void put_file(const char *rel, const void *data, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void put_link(const char *rel, const char *target)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(symlink(target, path), 0);
}

static void mkdir_in(const char *rel)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

/* A fake /proc: process 42 (child of 7) and process 7. */
static int setup(void **state)
{
	static const char cmdline[] = "/tmp/x\0-c\0\0echo hi\0";
	static const char status[] = "Name:\tx\nUmask:\t0022\nPPid:\t7\n";

	(void)state;
	assert_int_equal(tmpdir_make(root, "enrich"), 0);
	mkdir_in("42");
	mkdir_in("7");
	put_file("42/cmdline", cmdline, sizeof(cmdline) - 1);
	put_file("42/status", status, sizeof(status) - 1);
	put_link("42/cwd", "/srv/work dir");
	put_link("7/exe", "/usr/bin/bash");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return tmpdir_remove(root);
}

static void test_fake_proc(void **state)
{
	struct nd_enrich en;

	(void)state;
	assert_int_equal(nd_enrich_read(&en, root, 42, 0, NULL), 0);
	assert_int_equal(en.nargs, 4);
	assert_string_equal(en.args[0], "/tmp/x");
	assert_string_equal(en.args[1], "-c");
	assert_string_equal(en.args[2], "");
	assert_string_equal(en.args[3], "echo hi");
	assert_string_equal(en.command_line, "/tmp/x -c  echo hi");
	assert_string_equal(en.cwd, "/srv/work dir");
	assert_int_equal(en.ppid, 7);
	assert_string_equal(en.parent_exe, "/usr/bin/bash");
	assert_string_equal(en.user_name, "root");
	assert_false(en.have_file);
	nd_enrich_free(&en);
	assert_null(en.args);
}

static void test_gone_process(void **state)
{
	struct nd_enrich en;

	(void)state;
	assert_int_equal(nd_enrich_read(&en, root, 99, 0, NULL), 0);
	assert_null(en.args);
	assert_null(en.command_line);
	assert_null(en.cwd);
	assert_int_equal(en.ppid, 0);
	assert_null(en.parent_exe);
	nd_enrich_free(&en);
}

static void test_this_process(void **state)
{
	char cwd[PATH_MAX], exe[PATH_MAX];
	struct nd_enrich en;
	ssize_t n;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(n > 0);
	exe[n] = '\0';
	assert_int_equal(nd_enrich_read(&en, "/proc", getpid(), getuid(),
					exe), 0);
	assert_true(en.nargs >= 1);
	assert_non_null(strstr(en.args[0], "test_enrich"));
	assert_string_equal(en.cwd, cwd);
	assert_int_equal(en.ppid, getppid());
	assert_true(en.have_file);
	assert_false(en.deleted);
	nd_enrich_free(&en);
}

static void test_file_facts(void **state)
{
	char dir[256], exe[PATH_MAX], words[256];
	struct nd_enrich en;

	(void)state;
	/* A file in a world-writable directory outside the temp dirs. */
	snprintf(dir, sizeof(dir), "%s/open", root);
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(chmod(dir, 01777), 0);
	snprintf(exe, sizeof(exe), "%s/tool", dir);
	put_file("open/tool", "x", 1);
	assert_int_equal(nd_enrich_read(&en, root, 0, 0, exe), 0);
	assert_true(en.have_file);
	assert_true(en.temp_dir);	/* root itself is under /tmp */
	assert_true(en.world_writable_dir);
	assert_false(en.deleted);
	assert_int_equal(en.owner_uid, getuid());
	nd_enrich_free(&en);

	/* A path that is gone, outside every temp dir. */
	assert_int_equal(nd_enrich_read(&en, root, 0, 0,
					"/usr/lib/netanom-no-such-file"), 0);
	assert_true(en.deleted);
	assert_false(en.temp_dir);
	assert_false(en.world_writable_dir);
	assert_string_equal(nd_enrich_facts(&en, words, sizeof(words)),
			    "the file is deleted");
	nd_enrich_free(&en);
}

static void test_facts_in_words(void **state)
{
	struct nd_enrich en = { .have_file = true };
	char w[256];

	(void)state;
	assert_string_equal(nd_enrich_facts(&en, w, sizeof(w)), "");
	assert_string_equal(nd_enrich_facts(NULL, w, sizeof(w)), "");
	en.temp_dir = true;
	assert_string_equal(nd_enrich_facts(&en, w, sizeof(w)),
			    "the file is in a temporary directory");
	en.owner_uid = 1000;
	assert_string_equal(nd_enrich_facts(&en, w, sizeof(w)),
			    "the file is in a temporary directory and owned "
			    "by uid 1000");
	en.temp_dir = false;
	en.world_writable_dir = true;
	en.deleted = true;
	assert_string_equal(nd_enrich_facts(&en, w, sizeof(w)),
			    "the file is deleted and in a world-writable "
			    "directory");
	/* Truncated, not overrun. */
	assert_int_equal(strlen(nd_enrich_facts(&en, w, 12)), 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fake_proc),
		cmocka_unit_test(test_gone_process),
		cmocka_unit_test(test_this_process),
		cmocka_unit_test(test_file_facts),
		cmocka_unit_test(test_facts_in_words),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
