// SPDX-License-Identifier: GPL-2.0-or-later
/* SHA-256 of executables: the digest, the identity check, the cache. */
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

#include "hash.h"
#include "tmpdir.h"

/* SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
#define ABC_SHA256 \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static char dir[TMPDIR_LEN];

static int setup(void **state)
{
	(void)state;
	return tmpdir_make(dir, "hash");
}

static int teardown(void **state)
{
	(void)state;
	return tmpdir_remove(dir);
}

/* Write @text to DIR/@name; its (dev, ino) in @st. */
static void file(const char *name, const char *text, char *path,
		 struct stat *st)
{
	FILE *f;

	snprintf(path, PATH_MAX, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(stat(path, st), 0);
}

static void test_digest_and_cache(void **state)
{
	static struct nd_hash_cache c;
	char path[PATH_MAX], hex[ND_SHA256_HEX];
	struct stat st;

	(void)state;
	file("abc", "abc", path, &st);
	assert_int_equal(nd_hash_exe(&c, path, NULL, 0, st.st_dev, st.st_ino,
				     hex), 0);
	assert_string_equal(hex, ABC_SHA256);
	assert_int_equal(c.reads, 1);
	/* Again: from the cache. */
	memset(hex, 0, sizeof(hex));
	assert_int_equal(nd_hash_exe(&c, path, NULL, 0, st.st_dev, st.st_ino,
				     hex), 0);
	assert_string_equal(hex, ABC_SHA256);
	assert_int_equal(c.reads, 1);
	/* Changed in place: a new ctime, read again. */
	usleep(20000);
	assert_int_equal(truncate(path, 2), 0);
	assert_int_equal(nd_hash_exe(&c, path, NULL, 0, st.st_dev, st.st_ino,
				     hex), 0);
	assert_int_equal(c.reads, 2);
	assert_string_not_equal(hex, ABC_SHA256);
}

/* A file larger than one read, against what sha256sum(1) says. */
static void test_digest_matches_sha256sum(void **state)
{
	static struct nd_hash_cache c;
	char path[PATH_MAX], cmd[PATH_MAX + 32];
	char hex[ND_SHA256_HEX], want[ND_SHA256_HEX];
	struct stat st;
	FILE *f;
	int i;

	(void)state;
	snprintf(path, sizeof(path), "%s/big", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (i = 0; i < 300000; i++)
		assert_true(fputc((int)((unsigned int)i * 7919u % 251u),
				  f) != EOF);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(stat(path, &st), 0);
	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%64s", want), 1);
	assert_int_equal(pclose(f), 0);
	assert_int_equal(nd_hash_exe(&c, path, NULL, 0, st.st_dev, st.st_ino,
				     hex), 0);
	assert_string_equal(hex, want);
}

static void test_other_file_under_the_path(void **state)
{
	static struct nd_hash_cache c;
	char path[PATH_MAX], hex[ND_SHA256_HEX] = "";
	struct stat st;

	(void)state;
	file("moved", "abc", path, &st);
	/* The alert's file was another inode: this one must not answer. */
	assert_int_equal(nd_hash_exe(&c, path, NULL, 0, st.st_dev,
				     st.st_ino + 1, hex), -1);
	assert_string_equal(hex, "");
	assert_int_equal(nd_hash_exe(&c, "/no/such/file", NULL, 0, st.st_dev,
				     st.st_ino, hex), -1);
}

static void test_through_proc_exe(void **state)
{
	static struct nd_hash_cache c;
	char path[PATH_MAX], proc[PATH_MAX], link[PATH_MAX + 16];
	char hex[ND_SHA256_HEX];
	struct stat st;

	(void)state;
	/* A fake /proc whose process 42 runs DIR/exe. */
	file("exe", "abc", path, &st);
	snprintf(proc, sizeof(proc), "%s/proc", dir);
	assert_int_equal(mkdir(proc, 0755), 0);
	snprintf(link, sizeof(link), "%s/42", proc);
	assert_int_equal(mkdir(link, 0755), 0);
	snprintf(link, sizeof(link), "%s/42/exe", proc);
	assert_int_equal(symlink(path, link), 0);
	/* The path names nothing now: the process's exe still opens it. */
	assert_int_equal(nd_hash_exe(&c, "/gone/exe", proc, 42, st.st_dev,
				     st.st_ino, hex), 0);
	assert_string_equal(hex, ABC_SHA256);
	/* No process given: nothing to fall back on. */
	assert_int_equal(nd_hash_exe(&c, "/gone/exe", proc, 0, st.st_dev,
				     st.st_ino, hex), -1);
}

static void test_cache_is_bounded(void **state)
{
	static struct nd_hash_cache c;
	char path[PATH_MAX], first[PATH_MAX], name[16];
	char hex[ND_SHA256_HEX];
	struct stat st, st0;
	int i;

	(void)state;
	file("f0", "0", first, &st0);
	assert_int_equal(nd_hash_exe(&c, first, NULL, 0, st0.st_dev,
				     st0.st_ino, hex), 0);
	for (i = 1; i <= ND_HASH_CACHE_SIZE; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		file(name, name, path, &st);
		assert_int_equal(nd_hash_exe(&c, path, NULL, 0, st.st_dev,
					     st.st_ino, hex), 0);
	}
	assert_int_equal(c.reads, ND_HASH_CACHE_SIZE + 1);
	/* The first one made room for the last: read again. */
	assert_int_equal(nd_hash_exe(&c, first, NULL, 0, st0.st_dev,
				     st0.st_ino, hex), 0);
	assert_int_equal(c.reads, ND_HASH_CACHE_SIZE + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest_and_cache),
		cmocka_unit_test(test_digest_matches_sha256sum),
		cmocka_unit_test(test_other_file_under_the_path),
		cmocka_unit_test(test_through_proc_exe),
		cmocka_unit_test(test_cache_is_bounded),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
