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

/* SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
#define ABC_SHA256 \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static char root[TMPDIR_LEN];

static void path_in(char path[PATH_MAX], const char *rel)
{
	snprintf(path, PATH_MAX, "%s/%s", root, rel);
}

static void put_file(const char *rel, const void *data, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	path_in(path, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void put_link(const char *rel, const char *target)
{
	char path[PATH_MAX];

	path_in(path, rel);
	assert_int_equal(symlink(target, path), 0);
}

static void mkdir_in(const char *rel)
{
	char path[PATH_MAX];

	path_in(path, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

/* The subject "ROOT/bin/tool" with its real device and inode. */
static struct nd_enrich_subject tool(char path[PATH_MAX], pid_t pid)
{
	struct stat st;

	path_in(path, "bin/tool");
	assert_int_equal(stat(path, &st), 0);
	return (struct nd_enrich_subject){ .pid = pid, .exe = path,
					   .dev = st.st_dev,
					   .ino = st.st_ino };
}

/*
 * A fake /proc: process 42 (child of 7) runs ROOT/bin/tool, process 7
 * runs bash, process 43 runs a program deleted since (the kernel's link
 * still opens it; here a file named so stands in for it).
 */
static int setup(void **state)
{
	static const char cmdline[] = "/tmp/x\0-c\0\0echo hi\0";
	static const char status[] = "Name:\tx\nUmask:\t0022\nPPid:\t7\n";
	char exe[PATH_MAX];

	(void)state;
	assert_int_equal(tmpdir_make(root, "enrich"), 0);
	mkdir_in("bin");
	put_file("bin/tool", "abc", 3);
	put_file("bin/prog", "new", 3);
	mkdir_in("gone");
	put_file("gone/prog (deleted)", "old", 3);
	mkdir_in("42");
	mkdir_in("43");
	mkdir_in("7");
	put_file("42/cmdline", cmdline, sizeof(cmdline) - 1);
	put_file("42/status", status, sizeof(status) - 1);
	put_link("42/cwd", "/srv/work dir");
	path_in(exe, "bin/tool");
	put_link("42/exe", exe);
	path_in(exe, "gone/prog (deleted)");
	put_link("43/exe", exe);
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
	char exe[PATH_MAX];
	struct nd_enrich_subject who = tool(exe, 42);
	struct nd_enrich en;

	(void)state;
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
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
	assert_true(en.have_file);
	assert_string_equal(en.sha256, "");	/* no cache given */
	nd_enrich_free(&en);
	assert_null(en.args);
}

/* Pid 42 now runs another program: none of its facts are the alert's. */
static void test_pid_taken(void **state)
{
	char exe[PATH_MAX];
	struct nd_enrich_subject who = tool(exe, 42);
	struct nd_enrich en;

	(void)state;
	who.ino++;
	who.exe = "/usr/lib/netanom-no-such-file";
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_null(en.args);
	assert_null(en.command_line);
	assert_null(en.cwd);
	assert_int_equal(en.ppid, 0);
	assert_null(en.parent_exe);
	assert_false(en.have_owner);
	assert_string_equal(en.user_name, "root");
	nd_enrich_free(&en);
}

static void test_gone_process(void **state)
{
	struct nd_enrich_subject who = { .pid = 99, .uid = 0 };
	static struct nd_hash_cache hashes;
	struct nd_enrich en;

	(void)state;
	assert_int_equal(nd_enrich_read(&en, root, &hashes, &who), 0);
	assert_null(en.args);
	assert_null(en.command_line);
	assert_null(en.cwd);
	assert_int_equal(en.ppid, 0);
	assert_null(en.parent_exe);
	assert_string_equal(en.sha256, "");
	assert_false(en.have_owner);
	nd_enrich_free(&en);
	/* Nor in the real /proc: the largest pid there can be, plus one. */
	who.pid = 4194305;
	assert_int_equal(nd_enrich_read(&en, "/proc", &hashes, &who), 0);
	assert_null(en.args);
	assert_null(en.cwd);
	assert_int_equal(en.ppid, 0);
	nd_enrich_free(&en);
}

/* The digest sha256sum(1) gives for @path. */
static void sha256sum(const char *path, char hex[ND_SHA256_HEX])
{
	char cmd[PATH_MAX + 32];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%64s", hex), 1);
	assert_int_equal(pclose(p), 0);
}

/*
 * The kernel's /proc/PID/exe of this process is its own file; under
 * valgrind it is valgrind's, and the live-process test cannot hold.
 */
static int kernel_sees_self(const struct stat *st)
{
	char link[64];
	struct stat k;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)getpid());
	return !stat(link, &k) && k.st_dev == st->st_dev &&
	       k.st_ino == st->st_ino;
}

static void test_this_process(void **state)
{
	char cwd[PATH_MAX], exe[PATH_MAX], want[ND_SHA256_HEX];
	static struct nd_hash_cache hashes;
	struct nd_enrich_subject who;
	struct nd_enrich en;
	struct stat st;
	ssize_t n;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(n > 0);
	exe[n] = '\0';
	assert_int_equal(stat(exe, &st), 0);
	if (!kernel_sees_self(&st))
		skip();
	who = (struct nd_enrich_subject){
		.pid = getpid(), .uid = getuid(), .exe = exe,
		.dev = st.st_dev, .ino = st.st_ino,
	};
	assert_int_equal(nd_enrich_read(&en, "/proc", &hashes, &who), 0);
	assert_true(en.nargs >= 1);
	assert_non_null(strstr(en.args[0], "test_enrich"));
	assert_non_null(strstr(en.command_line, en.args[0]));
	assert_string_equal(en.cwd, cwd);
	assert_int_equal(en.ppid, getppid());
	assert_non_null(en.parent_exe);
	assert_true(en.have_file);
	assert_false(en.deleted);
	assert_true(en.have_owner);
	assert_int_equal(en.owner_uid, st.st_uid);
	sha256sum(exe, want);
	assert_string_equal(en.sha256, want);
	nd_enrich_free(&en);
}

static void test_file_facts(void **state)
{
	char exe[PATH_MAX], words[256];
	struct nd_enrich_subject who;
	struct nd_enrich en;
	struct stat st;

	(void)state;
	/* A file in a world-writable directory, owned by uid 1000. */
	mkdir_in("open");
	path_in(exe, "open");
	assert_int_equal(chmod(exe, 01757), 0);	/* o+w, not g+w */
	put_file("open/tool", "x", 1);
	path_in(exe, "open/tool");
	if (!geteuid())
		assert_int_equal(chown(exe, 1000, 1000), 0);
	assert_int_equal(stat(exe, &st), 0);
	who = (struct nd_enrich_subject){ .exe = exe, .dev = st.st_dev,
					  .ino = st.st_ino };
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_true(en.have_file);
	assert_true(en.temp_dir);	/* root itself is under /tmp */
	assert_true(en.world_writable_dir);
	assert_false(en.deleted);
	assert_true(en.have_owner);
	assert_int_equal(en.owner_uid, st.st_uid);
	if (!geteuid())
		assert_string_equal(nd_enrich_facts(&en, words, sizeof(words)),
				    "the file is in a temporary directory and "
				    "owned by uid 1000");
	nd_enrich_free(&en);

	/* Not world-writable: ROOT/bin is 0755, ROOT itself 0700. */
	who = tool(exe, 0);
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_false(en.world_writable_dir);
	assert_true(en.temp_dir);
	nd_enrich_free(&en);

	/* A path that is gone, outside every temp dir. */
	who = (struct nd_enrich_subject){
		.exe = "/usr/lib/netanom-no-such-file" };
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_true(en.deleted);
	assert_false(en.temp_dir);
	assert_false(en.world_writable_dir);
	assert_false(en.have_owner);
	assert_string_equal(nd_enrich_facts(&en, words, sizeof(words)),
			    "the file is deleted");
	nd_enrich_free(&en);
}

static void test_temp_dirs(void **state)
{
	static const char *const temp[] = {
		"/tmp/a", "/tmp/.x/y", "/var/tmp/a", "/dev/shm/a",
	};
	static const char *const not_temp[] = {
		"/usr/bin/a", "/tmpx/a", "/var/tmpa", "/dev/shmem/a", "tmp/a",
	};
	struct nd_enrich_subject who = { 0 };
	struct nd_enrich en;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(temp) / sizeof(temp[0]); i++) {
		who.exe = temp[i];
		nd_enrich_read(&en, root, NULL, &who);
		if (!en.temp_dir)
			fail_msg("%s is in a temporary directory", temp[i]);
		nd_enrich_free(&en);
	}
	for (i = 0; i < sizeof(not_temp) / sizeof(not_temp[0]); i++) {
		who.exe = not_temp[i];
		nd_enrich_read(&en, root, NULL, &who);
		if (en.temp_dir)
			fail_msg("%s is no temporary directory", not_temp[i]);
		nd_enrich_free(&en);
	}
}

/* The path now names another file: none of its facts are the alert's. */
static void test_other_file_under_the_path(void **state)
{
	static struct nd_hash_cache hashes;
	char exe[PATH_MAX];
	struct nd_enrich_subject who = tool(exe, 0);
	struct nd_enrich en;

	(void)state;
	who.ino++;
	assert_int_equal(nd_enrich_read(&en, root, &hashes, &who), 0);
	assert_true(en.have_file);
	assert_false(en.deleted);
	assert_false(en.have_owner);
	assert_string_equal(en.sha256, "");
	nd_enrich_free(&en);
	/* The right file: hashed. */
	who.ino--;
	assert_int_equal(nd_enrich_read(&en, root, &hashes, &who), 0);
	assert_true(en.have_owner);
	assert_string_equal(en.sha256, ABC_SHA256);
	nd_enrich_free(&en);
}

/* Its path is gone, but the process still runs it: /proc/PID/exe. */
static void test_through_proc_exe(void **state)
{
	static struct nd_hash_cache hashes;
	char exe[PATH_MAX];
	struct nd_enrich_subject who = tool(exe, 42);
	struct nd_enrich en;

	(void)state;
	who.exe = "/usr/lib/netanom-no-such-file";
	assert_int_equal(nd_enrich_read(&en, root, &hashes, &who), 0);
	assert_true(en.deleted);
	assert_true(en.have_owner);
	assert_int_equal(en.owner_uid, getuid());
	assert_string_equal(en.sha256, ABC_SHA256);
	nd_enrich_free(&en);
}

/*
 * The path holds a new file (an upgrade), but process 43 still runs the
 * old one, which the kernel says was deleted.
 */
static void test_deleted_by_proc_exe(void **state)
{
	char old[PATH_MAX], path[PATH_MAX];
	struct nd_enrich_subject who;
	struct nd_enrich en;
	struct stat st;

	(void)state;
	path_in(old, "gone/prog (deleted)");
	assert_int_equal(stat(old, &st), 0);
	path_in(path, "bin/prog");
	who = (struct nd_enrich_subject){ .pid = 43, .exe = path,
					  .dev = st.st_dev, .ino = st.st_ino };
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_true(en.deleted);
	assert_true(en.have_owner);	/* through /proc/43/exe */
	nd_enrich_free(&en);
	/* Process 43 runs something else: its deletion is not ours. */
	who.ino++;
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_false(en.deleted);
	assert_false(en.have_owner);
	nd_enrich_free(&en);
	/* Process 42's exe is not deleted. */
	who = tool(path, 42);
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_false(en.deleted);
	nd_enrich_free(&en);
}

/*
 * netanomd in a mount namespace of its own (systemd's PrivateTmp): the
 * kernel's path is the process's, read through /proc/PID/root; for a
 * process that is gone, through /proc/1/root.  Here the two roots are
 * directories of the fake /proc's tree, holding files that the test's
 * own view does not have at those paths.
 */
static void test_through_proc_root(void **state)
{
	static struct nd_hash_cache hashes;
	struct nd_enrich_subject who;
	char path[PATH_MAX];
	struct nd_enrich en;
	struct stat st;

	(void)state;
	mkdir_in("ctr");
	mkdir_in("ctr/netanom-no-such-dir");
	path_in(path, "ctr/netanom-no-such-dir");
	assert_int_equal(chmod(path, 0777), 0);
	put_file("ctr/netanom-no-such-dir/tool", "abc", 3);
	mkdir_in("44");
	path_in(path, "ctr");
	put_link("44/root", path);
	path_in(path, "ctr/netanom-no-such-dir/tool");
	put_link("44/exe", path);
	assert_int_equal(stat(path, &st), 0);
	who = (struct nd_enrich_subject){ .pid = 44,
		.exe = "/netanom-no-such-dir/tool",
		.dev = st.st_dev, .ino = st.st_ino };
	assert_int_equal(nd_enrich_read(&en, root, &hashes, &who), 0);
	assert_false(en.deleted);
	assert_true(en.world_writable_dir);
	assert_true(en.have_owner);
	assert_string_equal(en.sha256, ABC_SHA256);
	nd_enrich_free(&en);

	/* Gone: pid 45 has no directory; PID 1's root has the file. */
	mkdir_in("1");
	path_in(path, "ctr");
	put_link("1/root", path);
	who.pid = 45;
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_false(en.deleted);
	assert_true(en.have_owner);
	assert_true(en.world_writable_dir);
	nd_enrich_free(&en);
	path_in(path, "1/root");
	assert_int_equal(unlink(path), 0);

	/* Without those links the path is taken as it is: not there. */
	assert_int_equal(nd_enrich_read(&en, root, NULL, &who), 0);
	assert_true(en.deleted);
	assert_false(en.have_owner);
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
			    "the file is in a temporary directory");
	en.have_owner = true;
	assert_string_equal(nd_enrich_facts(&en, w, sizeof(w)),
			    "the file is in a temporary directory and owned "
			    "by uid 1000");
	en.temp_dir = false;
	en.world_writable_dir = true;
	en.deleted = true;
	assert_string_equal(nd_enrich_facts(&en, w, sizeof(w)),
			    "the file is deleted, in a world-writable "
			    "directory and owned by uid 1000");
	en.owner_uid = 0;
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
		cmocka_unit_test(test_pid_taken),
		cmocka_unit_test(test_gone_process),
		cmocka_unit_test(test_this_process),
		cmocka_unit_test(test_file_facts),
		cmocka_unit_test(test_temp_dirs),
		cmocka_unit_test(test_other_file_under_the_path),
		cmocka_unit_test(test_through_proc_exe),
		cmocka_unit_test(test_deleted_by_proc_exe),
		cmocka_unit_test(test_through_proc_root),
		cmocka_unit_test(test_facts_in_words),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
