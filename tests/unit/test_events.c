// SPDX-License-Identifier: GPL-2.0-or-later
/* The per-bucket network start events ([output] events): the document of
 * one executable's bucket, which destinations it carries, and the file
 * nd_outputs_bucket() writes (exclusions applied, off by default).  The
 * documents are also checked against ECS and against Elastic's job's
 * datafeed by tests/fleet/events.sh, end to end through a replay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "output.h"
#include "tmpdir.h"

static const struct nd_host host = { .name = "web-1", .kernel = "6.1.0-18-amd64" };

/* 2023-11-14T22:00:00Z */
#define START 1699999200000000000LL

static struct nd_activity act(const char *exe, const char *dest)
{
	struct nd_activity a = {
		.exe = (char *)exe, .dev = 2049, .ino = 77, .comm = "curl",
		.connects = 4, .pid = 42, .uid = 0, .dest_port = 443,
		.ip_version = 4, .transport = "tcp",
	};

	snprintf(a.dest_ip, sizeof(a.dest_ip), "%s", dest);
	return a;
}

static json_t *at(json_t *j, const char *path)
{
	char buf[128], *p, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, ".", &save); p && j;
	     p = strtok_r(NULL, ".", &save))
		j = json_object_get(j, p);
	return j;
}

static void str_is(json_t *j, const char *path, const char *want)
{
	json_t *v = at(j, path);

	if (!json_is_string(v))
		fail_msg("%s is not a string", path);
	if (strcmp(json_string_value(v), want))
		fail_msg("%s is '%s', want '%s'", path, json_string_value(v),
			 want);
}

static json_t *event_of(const struct nd_activity *a, const char *user)
{
	struct nd_config c;
	json_error_t jerr;
	json_t *j;
	char *text;

	assert_int_equal(nd_config_defaults(&c), 0);
	text = nd_activity_ecs(a, START, &c, &host, user);
	nd_config_free(&c);
	assert_non_null(text);
	assert_null(strchr(text, '\n'));
	j = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (!j)
		fail_msg("not JSON: %s", jerr.text);
	return j;
}

static void test_fields(void **state)
{
	struct nd_activity a = act("/usr/bin/curl", "198.51.100.2");
	json_t *j = event_of(&a, "root");

	(void)state;
	str_is(j, "@timestamp", "2023-11-14T22:00:00.000Z");
	str_is(j, "event.kind", "event");
	str_is(json_array_get(at(j, "event.category"), 0), "", "network");
	assert_int_equal(json_array_size(at(j, "event.category")), 1);
	str_is(json_array_get(at(j, "event.type"), 0), "", "start");
	assert_int_equal(json_array_size(at(j, "event.type")), 1);
	str_is(j, "event.start", "2023-11-14T22:00:00.000Z");
	str_is(j, "event.end", "2023-11-14T22:15:00.000Z");
	str_is(j, "host.name", "web-1");
	str_is(j, "host.os.type", "linux");
	str_is(j, "process.name", "curl");
	str_is(j, "process.executable", "/usr/bin/curl");
	str_is(j, "user.name", "root");
	str_is(j, "user.id", "0");
	str_is(j, "destination.ip", "198.51.100.2");
	assert_int_equal(json_integer_value(at(j, "destination.port")), 443);
	assert_int_equal(json_integer_value(at(j, "netanom.connects")), 4);
	assert_int_equal(json_integer_value(at(j, "netanom.bucket_span_s")),
			 900);
	/* Not an alert: nothing of a score or a rule. */
	assert_null(at(j, "rule"));
	assert_null(at(j, "netanom.score"));
	json_decref(j);
}

/* The local host and the unspecified address are left out (the job
 * drops documents carrying them), with their port; other fields stay. */
static void test_local_destination_left_out(void **state)
{
	static const char *const local[] = {
		"127.0.0.1", "127.0.0.53", "::1", "::", "0.0.0.0",
		"::ffff:127.0.0.1", "",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		struct nd_activity a = act("/usr/bin/curl", local[i]);
		json_t *j = event_of(&a, NULL);

		if (at(j, "destination"))
			fail_msg("destination kept for '%s'", local[i]);
		assert_null(at(j, "user.name"));
		str_is(j, "process.name", "curl");
		json_decref(j);
	}
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, ch;

	if (!f)
		return -1;
	while ((ch = fgetc(f)) != EOF)
		n += ch == '\n';
	fclose(f);
	return n;
}

/* One line per executable not excluded; nothing when events are off. */
static void test_outputs_bucket(void **state)
{
	struct nd_activity v[3] = {
		act("/usr/bin/curl", "198.51.100.2"),
		act("/usr/sbin/chronyd", "198.51.100.3"),
		act("/usr/bin/wget", "198.51.100.4"),
	};
	struct nd_bucket b = { .start_ns = START, .v = v, .n = 3, .cap = 3 };
	char dir[TMPDIR_LEN], path[TMPDIR_LEN + 32], err[256];
	struct nd_outputs *o;
	struct nd_config c;

	(void)state;
	assert_int_equal(tmpdir_make(dir, "events"), 0);
	snprintf(path, sizeof(path), "%s/ev/events.ndjson", dir);
	assert_int_equal(nd_config_defaults(&c), 0);
	free(c.alerts_path);
	c.alerts_path = NULL;
	c.syslog = false;

	/* Off by default: no file at all. */
	assert_null(c.events_path);
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), 0);
	assert_int_equal(nd_outputs_bucket(o, &b), 0);
	nd_outputs_close(o);
	assert_int_equal(access(path, F_OK), -1);

	c.events_path = strdup(path);
	c.exclude_exes = calloc(1, sizeof(char *));
	c.exclude_exes[0] = strdup("/usr/sbin/*");
	c.n_exclude_exes = 1;
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), 0);
	assert_int_equal(nd_outputs_bucket(o, &b), 0);
	assert_int_equal(count_lines(path), 2);
	assert_int_equal(nd_outputs_bucket(o, &b), 0);
	assert_int_equal(count_lines(path), 4);
	nd_outputs_close(o);
	nd_config_free(&c);
	assert_int_equal(tmpdir_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_local_destination_left_out),
		cmocka_unit_test(test_outputs_bucket),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
