// SPDX-License-Identifier: GPL-2.0-or-later
/* The Prometheus metrics file: the families and values of a snapshot,
 * the module's families left out when it is down, and the atomic
 * replacement (no temporary file left, mode 0644, a clear error).  With
 * NETANOM_PROM_SAMPLE=DIR in the environment, sample files are written
 * to DIR for tests/fleet/prom-check.py, which checks the format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "metrics.h"
#include "tmpdir.h"

static struct nd_metrics sample(bool module_up)
{
	struct nd_metrics m = {
		.up = true,
		.module_up = module_up,
		.stats = { .hits = 1234, .entries = 17, .max_entries = 4096,
			   .dropped = 2, .alloc_failures = 1, .bytes = 65536 },
		.learning = false,
		.buckets_scored = 96,
		.executables = 17,
		.alerts = 3,
		.scoring_seconds = 0.0125,
		.last_bucket_end_s = 1700000100,
	};
	return m;
}

static char *render(const struct nd_metrics *m, const char *rule_name)
{
	struct nd_config c;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(nd_config_defaults(&c), 0);
	if (rule_name) {
		free(c.rule_name);
		c.rule_name = strdup(rule_name);
	}
	assert_int_equal(nd_metrics_text(f, m, &c), 0);
	fclose(f);
	nd_config_free(&c);
	return buf;
}

static void has(const char *text, const char *line)
{
	char want[512];

	snprintf(want, sizeof(want), "\n%s\n", line);
	if (strncmp(text, want + 1, strlen(want + 1)) && !strstr(text, want))
		fail_msg("no line '%s' in:\n%s", line, text);
}

static void test_values(void **state)
{
	struct nd_metrics m = sample(true);
	char *t = render(&m, NULL);

	(void)state;
	has(t, "netanom_up 1");
	has(t, "netanom_module_up 1");
	has(t, "# TYPE netanom_module_connect_hits_total counter");
	has(t, "netanom_module_connect_hits_total 1234");
	has(t, "netanom_module_entries 17");
	has(t, "netanom_module_max_entries 4096");
	has(t, "netanom_module_dropped_total 2");
	has(t, "netanom_module_alloc_failures_total 1");
	has(t, "netanom_module_memory_bytes 65536");
	has(t, "netanom_learning 0");
	has(t, "netanom_buckets_scored_total 96");
	has(t, "netanom_baseline_executables 17");
	has(t, "netanom_bucket_span_seconds 900");
	has(t, "netanom_alerts_total{rule_id=\"netanom-unusual-network-activity\",rule_name=\"Unusual Linux Network Activity\"} 3");
	has(t, "netanom_last_scoring_duration_seconds 0.012500");
	has(t, "netanom_last_bucket_end_timestamp_seconds 1700000100");
	free(t);
}

/* No module: its families are absent, not zero (a zero counter would
 * read as a reset); no bucket yet: no scoring time. */
static void test_module_down(void **state)
{
	struct nd_metrics m = sample(false);
	char *t;

	(void)state;
	m.scoring_seconds = -1;
	m.learning = true;
	m.up = false;
	t = render(&m, "a \"quoted\" \\ rule\nname");
	has(t, "netanom_up 0");
	has(t, "netanom_module_up 0");
	has(t, "netanom_learning 1");
	assert_null(strstr(t, "netanom_module_entries"));
	assert_null(strstr(t, "netanom_module_connect_hits_total"));
	assert_null(strstr(t, "netanom_last_scoring_duration_seconds"));
	assert_non_null(strstr(t, "rule_name=\"a \\\"quoted\\\" \\\\ rule\\nname\"} 3"));
	free(t);
}

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void test_write_atomic(void **state)
{
	struct nd_metrics m = sample(true);
	char dir[TMPDIR_LEN], path[TMPDIR_LEN + 32], bad[TMPDIR_LEN + 32];
	char err[512], *want = render(&m, NULL), got[8192];
	struct nd_config c;
	struct stat st;
	FILE *f;
	size_t n;

	(void)state;
	assert_int_equal(tmpdir_make(dir, "metrics"), 0);
	snprintf(path, sizeof(path), "%s/netanom.prom", dir);
	assert_int_equal(nd_config_defaults(&c), 0);
	assert_int_equal(nd_metrics_write(path, &m, &c, err, sizeof(err)), 0);
	/* Twice: the second replaces the first. */
	assert_int_equal(nd_metrics_write(path, &m, &c, err, sizeof(err)), 0);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	assert_string_equal(got, want);

	/* A directory that does not exist: an error naming the file. */
	snprintf(bad, sizeof(bad), "%s/missing/netanom.prom", dir);
	assert_int_equal(nd_metrics_write(bad, &m, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "missing"));
	assert_int_equal(entries(dir), 1);
	nd_config_free(&c);
	free(want);
	assert_int_equal(tmpdir_remove(dir), 0);
}

/* For prom-check.py: a full file and one without the module. */
static int write_samples(const char *dir)
{
	struct nd_metrics up = sample(true), down = sample(false);
	char path[4096], err[512];
	struct nd_config c;
	int ret;

	down.scoring_seconds = -1;
	if (nd_config_defaults(&c))
		return -1;
	snprintf(path, sizeof(path), "%s/up.prom", dir);
	ret = nd_metrics_write(path, &up, &c, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/down.prom", dir);
	ret |= nd_metrics_write(path, &down, &c, err, sizeof(err));
	nd_config_free(&c);
	return ret;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_module_down),
		cmocka_unit_test(test_write_atomic),
	};
	const char *dir = getenv("NETANOM_PROM_SAMPLE");

	if (dir && write_samples(dir)) {
		fprintf(stderr, "cannot write samples to %s\n", dir);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
