// SPDX-License-Identifier: GPL-2.0-or-later
/* The ECS document of an alert: every field, its JSON type, one compact
 * line.  With NETANOM_ECS_SAMPLE=FILE in the environment, the documents
 * are also written to FILE (one a line) for tests/unit/ecs-check.sh,
 * which checks them against the @elastic/ecs field definitions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "enrich.h"
#include "output.h"
#include "tamper.h"

static const struct nd_host host = { .name = "web-1", .kernel = "6.1.0-18-amd64" };

/* 2023-11-14T22:13:20.123Z */
#define T0 1700000000123456789LL

static struct nd_alert sample_v4(void)
{
	struct nd_alert a = {
		.time_ns = T0,
		.bucket_start_ns = 1699999200000000000LL,
		.exe = "/tmp/.cache/updater",
		.dev = 2049,
		.ino = 1234567,
		.comm = "updater",
		.pid = 4321,
		.uid = 1000,
		.dest_ip = "203.0.113.7",
		.dest_port = 443,
		.ip_version = 4,
		.transport = "tcp",
		.connects = 3,
		.score = 91.25,
		.initial_score = 88.5,
		.probability = 0.0042,
		.buckets_active = 0,
		.buckets_observed = 25,
		.first_occurrence = true,
	};
	return a;
}

static struct nd_alert sample_v6(void)
{
	struct nd_alert a = sample_v4();

	snprintf(a.dest_ip, sizeof(a.dest_ip), "2001:db8::1");
	a.dest_port = 53;
	a.ip_version = 6;
	a.transport = "udp";
	a.first_occurrence = false;
	a.buckets_active = 1.5;
	a.buckets_observed = 2880;
	return a;
}

static json_t *doc_of(const struct nd_alert *a, const char *severity,
		      char **textp)
{
	struct nd_config c;
	json_error_t jerr;
	json_t *j;
	char *text;

	assert_int_equal(nd_config_defaults(&c), 0);
	if (severity) {
		free(c.severity);
		c.severity = strdup(severity);
	}
	text = nd_alert_ecs(a, &c, &host);
	nd_config_free(&c);
	assert_non_null(text);
	j = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		fail_msg("not JSON (%s): %s", jerr.text, text);
	if (textp)
		*textp = text;
	else
		free(text);
	return j;
}

/* The value at a dotted path of nested objects, or NULL. */
static json_t *at(json_t *j, const char *path)
{
	char buf[128], *save = NULL, *k;

	snprintf(buf, sizeof(buf), "%s", path);
	if (!strcmp(path, "@timestamp"))
		return json_object_get(j, path);
	for (k = strtok_r(buf, ".", &save); k && j; k = strtok_r(NULL, ".", &save))
		j = json_object_get(j, k);
	return j;
}

static void str_is(json_t *j, const char *path, const char *want)
{
	json_t *v = at(j, path);

	if (!json_is_string(v))
		fail_msg("%s is not a string", path);
	if (strcmp(json_string_value(v), want))
		fail_msg("%s is '%s', want '%s'", path, json_string_value(v), want);
}

static void int_is(json_t *j, const char *path, json_int_t want)
{
	json_t *v = at(j, path);

	if (!json_is_integer(v))
		fail_msg("%s is not an integer", path);
	assert_int_equal(json_integer_value(v), want);
}

static void real_is(json_t *j, const char *path, double want)
{
	json_t *v = at(j, path);

	if (!json_is_real(v))
		fail_msg("%s is not a float", path);
	assert_float_equal(json_real_value(v), want, 1e-9);
}


static void test_fields(void **state)
{
	struct nd_alert a = sample_v4();
	json_t *j = doc_of(&a, NULL, NULL);

	(void)state;
	str_is(j, "@timestamp", "2023-11-14T22:13:20.123Z");
	str_is(j, "ecs.version", "8.11.0");
	str_is(j, "event.kind", "alert");
	assert_string_equal(json_string_value(json_array_get(at(j, "event.category"), 0)), "network");
	assert_int_equal(json_array_size(at(j, "event.category")), 1);
	assert_string_equal(json_string_value(json_array_get(at(j, "event.type"), 0)), "start");
	assert_int_equal(json_array_size(at(j, "event.type")), 1);
	str_is(j, "event.module", "netanom");
	str_is(j, "event.dataset", "netanom.alert");
	int_is(j, "event.severity", 21);
	real_is(j, "event.risk_score", 21.0);
	str_is(j, "event.start", "2023-11-14T22:00:00.000Z");
	str_is(j, "event.end", "2023-11-14T22:15:00.000Z");
	str_is(j, "rule.name", "Unusual Linux Network Activity");
	str_is(j, "rule.id", "netanom-unusual-network-activity");
	str_is(j, "host.name", "web-1");
	str_is(j, "host.hostname", "web-1");
	str_is(j, "host.os.type", "linux");
	str_is(j, "host.os.kernel", "6.1.0-18-amd64");
	str_is(j, "process.executable", "/tmp/.cache/updater");
	str_is(j, "process.name", "updater");
	int_is(j, "process.pid", 4321);
	str_is(j, "user.id", "1000");
	str_is(j, "destination.ip", "203.0.113.7");
	int_is(j, "destination.port", 443);
	str_is(j, "network.type", "ipv4");
	str_is(j, "network.transport", "tcp");
	real_is(j, "netanom.score", 91.25);
	real_is(j, "netanom.initial_score", 88.5);
	real_is(j, "netanom.probability", 0.0042);
	real_is(j, "netanom.buckets_active", 0);
	real_is(j, "netanom.buckets_observed", 25);
	assert_true(json_is_true(at(j, "netanom.first_occurrence")));
	int_is(j, "netanom.connects", 3);
	int_is(j, "netanom.exe.dev", 2049);
	int_is(j, "netanom.exe.ino", 1234567);
	str_is(j, "netanom.comm", "updater");
	assert_non_null(strstr(json_string_value(at(j, "event.reason")),
			       "/tmp/.cache/updater used the network for the first time in 25 observed buckets"));
	assert_non_null(strstr(json_string_value(at(j, "message")),
			       "/tmp/.cache/updater (pid 4321, uid 1000"));
	json_decref(j);
}

static void test_v6_and_severity(void **state)
{
	struct nd_alert a = sample_v6();
	json_t *j = doc_of(&a, "high", NULL);

	(void)state;
	str_is(j, "destination.ip", "2001:db8::1");
	int_is(j, "destination.port", 53);
	str_is(j, "network.type", "ipv6");
	str_is(j, "network.transport", "udp");
	int_is(j, "event.severity", 73);
	assert_true(json_is_false(at(j, "netanom.first_occurrence")));
	assert_non_null(strstr(json_string_value(at(j, "event.reason")),
			       "which it did in only 1.5 of 2880 observed buckets"));
	json_decref(j);
}

static void test_unknown_destination_left_out(void **state)
{
	struct nd_alert a = sample_v4();
	json_t *j;

	(void)state;
	a.dest_ip[0] = '\0';
	a.dest_port = 0;
	a.ip_version = 0;
	a.transport = NULL;
	j = doc_of(&a, NULL, NULL);
	assert_null(at(j, "destination"));
	assert_null(at(j, "network"));
	json_decref(j);

	/* a port without an address still says what it knows */
	a = sample_v4();
	a.dest_ip[0] = '\0';
	a.transport = NULL;
	j = doc_of(&a, NULL, NULL);
	assert_null(at(j, "destination.ip"));
	int_is(j, "destination.port", 443);
	assert_null(at(j, "network.transport"));
	str_is(j, "network.type", "ipv4");
	json_decref(j);
}

static void test_one_compact_line(void **state)
{
	struct nd_alert a = sample_v4();
	char *text;
	json_t *j;

	(void)state;
	a.exe = "/tmp/evil\nname";	/* a newline in a path */
	j = doc_of(&a, NULL, &text);
	assert_null(strchr(text, '\n'));
	assert_null(strstr(text, "\": "));
	assert_null(strstr(text, ", \""));
	assert_int_equal(strncmp(text, "{\"@timestamp\":", 14), 0);
	str_is(j, "process.executable", "/tmp/evil\nname");
	str_is(j, "process.name", "evil\nname");
	/* no binary noise in reals ("0.0041999999999999997") */
	assert_non_null(strstr(text, "\"probability\":0.0042,"));
	assert_non_null(strstr(text, "\"risk_score\":21.0,"));
	json_decref(j);
	free(text);
}

static void test_invalid_utf8(void **state)
{
	struct nd_alert a = sample_v4();
	json_t *j;

	(void)state;
	a.exe = "/tmp/caf\xc3\xa9/x\xff\xfe";
	memcpy(a.comm, "abcdefghijklmno\xff", 16);	/* full, no NUL */
	j = doc_of(&a, NULL, NULL);
	str_is(j, "process.executable", "/tmp/caf\xc3\xa9/x\\xff\\xfe");
	str_is(j, "process.name", "x\\xff\\xfe");
	str_is(j, "netanom.comm", "abcdefghijklmno\\xff");
	json_decref(j);
}

static void test_timestamps(void **state)
{
	struct nd_alert a = sample_v4();
	json_t *j;

	(void)state;
	a.time_ns = 0;
	a.bucket_start_ns = -1;	/* 1 ns before the epoch */
	j = doc_of(&a, NULL, NULL);
	str_is(j, "@timestamp", "1970-01-01T00:00:00.000Z");
	str_is(j, "event.start", "1969-12-31T23:59:59.999Z");
	json_decref(j);
}

static void test_host_read(void **state)
{
	struct nd_host h;

	(void)state;
	assert_int_equal(nd_host_read(&h), 0);
	assert_true(h.name[0] != '\0');
	assert_true(h.kernel[0] >= '0' && h.kernel[0] <= '9');
}

/* For ecs-check.sh: documents covering every field netanom writes. */
/* Everything /proc could tell, as the live daemon attaches it. */
static char *sample_args[] = { "/tmp/.cache/updater", "-q", "--to", "203.0.113.7" };
static const struct nd_enrich sample_enrich = {
	.args = sample_args, .nargs = 4,
	.command_line = "/tmp/.cache/updater -q --to 203.0.113.7",
	.cwd = "/home/alice", .ppid = 4000, .parent_exe = "/usr/bin/bash",
	.user_name = "alice", .have_file = true, .temp_dir = true,
	.world_writable_dir = true, .have_owner = true, .owner_uid = 1000,
	.sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
};

static struct nd_alert sample_enriched(void)
{
	struct nd_alert a = sample_v4();

	a.enrich = &sample_enrich;
	return a;
}

static void test_enriched(void **state)
{
	struct nd_alert a = sample_enriched();
	json_t *j = doc_of(&a, "low", NULL);

	(void)state;
	assert_int_equal(json_array_size(at(j, "process.args")), 4);
	assert_string_equal(json_string_value(json_array_get(
		at(j, "process.args"), 3)), "203.0.113.7");
	str_is(j, "process.command_line",
	       "/tmp/.cache/updater -q --to 203.0.113.7");
	str_is(j, "process.working_directory", "/home/alice");
	int_is(j, "process.parent.pid", 4000);
	str_is(j, "process.parent.executable", "/usr/bin/bash");
	str_is(j, "user.name", "alice");
	str_is(j, "process.hash.sha256", sample_enrich.sha256);
	assert_true(json_is_true(at(j, "netanom.exe.temp_dir")));
	assert_true(json_is_false(at(j, "netanom.exe.deleted")));
	int_is(j, "netanom.exe.owner_uid", 1000);
	assert_non_null(strstr(json_string_value(at(j, "event.reason")),
			       "; the file is in a temporary directory and "
			       "owned by uid 1000"));
	assert_true(json_is_true(at(j, "netanom.exe.world_writable_dir")));
	json_decref(j);
}

/* What /proc could not tell is left out, not written empty. */
static void test_enriched_partly(void **state)
{
	struct nd_enrich en = { .have_file = true, .deleted = true };
	struct nd_alert a = sample_v4();
	json_t *j;

	(void)state;
	a.enrich = &en;
	j = doc_of(&a, "low", NULL);
	assert_null(at(j, "process.args"));
	assert_null(at(j, "process.command_line"));
	assert_null(at(j, "process.working_directory"));
	assert_null(at(j, "process.parent"));
	assert_null(at(j, "process.hash"));
	assert_null(at(j, "user.name"));
	assert_null(at(j, "netanom.exe.owner_uid"));
	assert_true(json_is_true(at(j, "netanom.exe.deleted")));
	assert_true(json_is_false(at(j, "netanom.exe.temp_dir")));
	assert_non_null(strstr(json_string_value(at(j, "event.reason")),
			       "; the file is deleted"));
	json_decref(j);

	/* No path to look at: no file facts. */
	en.have_file = false;
	a.enrich = &en;
	j = doc_of(&a, "low", NULL);
	assert_null(at(j, "netanom.exe.deleted"));
	assert_null(at(j, "netanom.exe.temp_dir"));
	json_decref(j);

	/* No enrichment at all (replay): no file facts either. */
	a.enrich = NULL;
	j = doc_of(&a, "low", NULL);
	assert_null(at(j, "netanom.exe.deleted"));
	assert_null(strstr(json_string_value(at(j, "event.reason")),
			   "the file"));
	json_decref(j);
}

static int write_samples(const char *path)
{
	struct nd_alert a[3] = { sample_v4(), sample_v6(), sample_enriched() };
	struct nd_config c;
	FILE *f = fopen(path, "w");
	int ret = 0;

	if (!f || nd_config_defaults(&c))
		return -1;
	for (size_t i = 0; i < 3; i++) {
		char *doc = nd_alert_ecs(&a[i], &c, &host);

		if (!doc || fprintf(f, "%s\n", doc) < 0)
			ret = -1;
		free(doc);
	}
	/* A tamper alert goes through the same outputs: the same schema. */
	for (unsigned int ev = 1; ev <= ND_TAMPER_DISABLED; ev <<= 1) {
		struct nd_alert ta;
		char why[512];
		char *doc = nd_tamper_alert(ev, 1, 1700000000000000000LL, &c,
					    &host, &ta, why, sizeof(why));

		if (!doc || fprintf(f, "%s\n", doc) < 0)
			ret = -1;
		free(doc);
	}
	nd_config_free(&c);
	if (fclose(f))
		ret = -1;
	return ret;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_enriched),
		cmocka_unit_test(test_enriched_partly),
		cmocka_unit_test(test_v6_and_severity),
		cmocka_unit_test(test_unknown_destination_left_out),
		cmocka_unit_test(test_one_compact_line),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_host_read),
	};
	const char *sample = getenv("NETANOM_ECS_SAMPLE");

	if (sample && write_samples(sample)) {
		fprintf(stderr, "cannot write %s\n", sample);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
