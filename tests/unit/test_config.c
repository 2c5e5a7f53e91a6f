// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomd's configuration: defaults, every key, every kind of bad value
 * with its FILE:LINE, durations, executable globs and users. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "config.h"
#include "tmpdir.h"

/* A temporary directory per test run, for the config files. */
static char dir[TMPDIR_LEN];

static int make_dir(void **state)
{
	(void)state;
	return tmpdir_make(dir, "config");
}

static int remove_dir(void **state)
{
	(void)state;
	return tmpdir_remove(dir);
}

/* Write @text to a file in the test directory; returns its path. */
static const char *write_conf(const char *text)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/netanomd.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* A line of ten addresses, for lists longer than the module takes. */
#define D10 "destinations = 10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.4 " \
	"10.0.0.5 10.0.0.6 10.0.0.7 10.0.0.8 10.0.0.9 10.0.0.10\n"

static void test_defaults(void **state)
{
	struct nd_config c;

	(void)state;
	assert_int_equal(nd_config_defaults(&c), 0);
	assert_string_equal(c.rule_name, "Unusual Linux Network Activity");
	assert_string_equal(c.rule_id, "netanom-unusual-network-activity");
	assert_true(c.anomaly_threshold == 50);
	assert_int_equal(c.bucket_span_s, 900);
	assert_int_equal(c.min_buckets, 20);
	assert_string_equal(c.severity, "low");
	assert_true(c.risk_score == 21);
	assert_int_equal(c.realert_s, 86400);
	assert_int_equal(c.n_exclude_exes, 0);
	assert_int_equal(c.n_exclude_uids, 0);
	/* The local host, handed to the module. */
	assert_int_equal(c.n_exclude_dests, 3);
	assert_int_equal(c.exclude_dests[0].family, AF_INET);
	assert_int_equal(c.exclude_dests[0].prefix, 8);
	assert_int_equal(c.exclude_dests[0].addr[0], 127);
	assert_int_equal(c.exclude_dests[1].family, AF_INET6);
	assert_int_equal(c.exclude_dests[1].prefix, 128);
	assert_int_equal(c.exclude_dests[1].addr[15], 1);
	assert_int_equal(c.exclude_dests[2].prefix, 128);
	assert_int_equal(c.exclude_dests[2].addr[15], 0);
	assert_string_equal(c.alerts_path, "/var/log/netanom/alerts.ndjson");
	assert_true(c.syslog);
	assert_null(c.command);
	assert_int_equal(c.command_timeout_s, 10);
	assert_string_equal(c.database, "/var/lib/netanom/netanom.db");
	nd_config_free(&c);
}

static void test_missing_file(void **state)
{
	struct nd_config c;
	char err[1024], path[128];

	(void)state;
	snprintf(path, sizeof(path), "%s/absent.conf", dir);
	assert_int_equal(nd_config_load(&c, path, true, err, sizeof(err)), 0);
	assert_int_equal(c.min_buckets, 20);
	nd_config_free(&c);

	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, ":0: cannot open: No such file"));
	assert_null(c.rule_name);	/* left empty */
	nd_config_free(&c);
}

static void test_every_key(void **state)
{
	struct nd_config c;
	char err[1024];
	const char *path = write_conf(
		"; comment\n"
		"# another\n"
		"[rule]\n"
		"name = Odd network use\n"
		"id = my-rule-1\n"
		"anomaly_threshold = 75.5\n"
		"bucket_span = 2s\n"
		"min_buckets = 5\n"
		"severity = critical\n"
		"risk_score = 99\n"
		"realert = 1h\n"
		"[exclude]\n"
		"executables = /usr/bin/curl, /opt/*/bin/*\n"
		"executables = /usr/sbin/ntpd\n"
		"users = root 4242\n"
		"destinations = 198.51.100.0/24\n"
		"destinations = 2001:db8::/32, 10.1.2.3\n"
		"[output]\n"
		"alerts = /srv/alerts.ndjson\n"
		"syslog = off\n"
		"command = /usr/local/bin/page  --to  ops\n"
		"command_timeout = 3s\n"
		"[state]\n"
		"database = /srv/netanom.db\n");

	(void)state;
	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), 0);
	assert_string_equal(c.rule_name, "Odd network use");
	assert_string_equal(c.rule_id, "my-rule-1");
	assert_true(c.anomaly_threshold == 75.5);
	assert_int_equal(c.bucket_span_s, 2);
	assert_int_equal(c.min_buckets, 5);
	assert_string_equal(c.severity, "critical");
	assert_true(c.risk_score == 99);
	assert_int_equal(c.realert_s, 3600);
	assert_int_equal(c.n_exclude_exes, 3);
	assert_string_equal(c.exclude_exes[0], "/usr/bin/curl");
	assert_string_equal(c.exclude_exes[1], "/opt/*/bin/*");
	assert_string_equal(c.exclude_exes[2], "/usr/sbin/ntpd");
	assert_int_equal(c.n_exclude_uids, 2);
	assert_int_equal(c.exclude_uids[0], 0);
	assert_int_equal(c.exclude_uids[1], 4242);
	/* The first line replaced the defaults, the second added up. */
	assert_int_equal(c.n_exclude_dests, 3);
	assert_int_equal(c.exclude_dests[0].addr[0], 198);
	assert_int_equal(c.exclude_dests[0].prefix, 24);
	assert_int_equal(c.exclude_dests[1].family, AF_INET6);
	assert_int_equal(c.exclude_dests[1].prefix, 32);
	assert_int_equal(c.exclude_dests[2].prefix, 32);
	assert_int_equal(c.exclude_dests[2].addr[3], 3);
	assert_string_equal(c.alerts_path, "/srv/alerts.ndjson");
	assert_false(c.syslog);
	assert_non_null(c.command);
	assert_string_equal(c.command[0], "/usr/local/bin/page");
	assert_string_equal(c.command[1], "--to");
	assert_string_equal(c.command[2], "ops");
	assert_null(c.command[3]);
	assert_int_equal(c.command_timeout_s, 3);
	assert_string_equal(c.database, "/srv/netanom.db");
	nd_config_free(&c);
}

static void test_off_values(void **state)
{
	struct nd_config c;
	char err[1024];
	const char *path = write_conf("[output]\n"
				      "alerts =\n"
				      "command =\n"
				      "syslog = yes\n"
				      "[rule]\n"
				      "realert = 0\n"
				      "min_buckets = 7\n"
				      "min_buckets = 9\n");

	(void)state;
	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), 0);
	assert_null(c.alerts_path);
	assert_null(c.command);
	assert_true(c.syslog);
	assert_int_equal(c.realert_s, 0);
	assert_int_equal(c.min_buckets, 9);	/* the last one wins */
	nd_config_free(&c);
}

/* One bad file: its error must be "PATH:LINE: " then contain @what. */
struct bad {
	const char *text;
	int line;
	const char *what;
};

static const struct bad bads[] = {
	{ "[rules]\n", 1, "unknown section [rules] (allowed: rule, exclude, output, state)" },
	{ "\n[rule]\nnmae = x\n", 3, "unknown key 'nmae' in [rule] (allowed: name, id, anomaly_threshold" },
	{ "name = x\n", 1, "key 'name' outside any section" },
	{ "[rule]\nanomaly_threshold = 150\n", 2, "[rule] anomaly_threshold: '150' is not valid (a number from 0 to 100)" },
	{ "[rule]\nanomaly_threshold = -1\n", 2, "a number from 0 to 100" },
	{ "[rule]\nanomaly_threshold = 5x\n", 2, "'5x' is not valid" },
	{ "[rule]\nanomaly_threshold = nan\n", 2, "'nan' is not valid" },
	{ "[rule]\nrisk_score = 101\n", 2, "[rule] risk_score: '101' is not valid (a number from 0 to 100)" },
	{ "[rule]\nseverity = urgent\n", 2, "'urgent' is not a severity (low, medium, high or critical)" },
	{ "[rule]\nbucket_span = 0\n", 2, "[rule] bucket_span: '0' is not a duration (a whole number" },
	{ "[rule]\nbucket_span = 1.5h\n", 2, "'1.5h' is not a duration" },
	{ "[rule]\nbucket_span =\n", 2, "'' is not a duration" },
	{ "[rule]\nmin_buckets = 0\n", 2, "'0' is not valid (a whole number from 1 to" },
	{ "[rule]\nmin_buckets = -3\n", 2, "'-3' is not valid" },
	{ "[rule]\nrealert = soon\n", 2, "'soon' is not a duration (0, or a whole number" },
	{ "[rule]\nname =\n", 2, "[rule] name: empty value (a non-empty string)" },
	{ "[output]\nsyslog = maybe\n", 2, "'maybe' is not valid (on or off)" },
	{ "[output]\ncommand = page ops\n", 2, "does not start with an absolute path" },
	{ "[output]\ncommand_timeout = 11m\n", 2, "'11m' is too long (at most 600s)" },
	{ "[output]\nalerts = alerts.ndjson\n", 2, "is not an absolute path" },
	{ "[output]\nevents = events.ndjson\n", 2, "[output] events: 'events.ndjson' is not an absolute path" },
	{ "[output]\n\nmetrics = x.prom\n", 3, "'x.prom' is not an absolute path" },
	{ "[exclude]\nusers = root no-such-user-xyz\n", 2, "unknown user 'no-such-user-xyz' (a user name" },
	{ "[exclude]\nexecutables = /bin/a curl\n", 2, "'curl' is not an absolute path" },
	{ "[exclude]\ndestinations = 10.0.0.0/8 10.0.0.0/33\n", 2, "'10.0.0.0/33' is not a CIDR" },
	{ "[exclude]\ndestinations = localhost\n", 2, "'localhost' is not a CIDR" },
	/* The lines add up to 65 (libinih takes 200 characters a line). */
	{ "[exclude]\n" D10 D10 D10 D10 D10 D10
	  "destinations = 10.0.0.61 10.0.0.62 10.0.0.63 10.0.0.64 10.0.0.65\n",
	  8, "too many destinations (the module takes at most 64)" },
	{ "[state]\ndatabase =\n", 2, "empty value" },
	/* libinih's own syntax error comes first, before a bad value */
	{ "[rule]\n\nthis is not ini\nmin_buckets = 0\n", 3, "syntax error" },
	/* and a bad value first, before a syntax error */
	{ "[rule]\nmin_buckets = 0\nthis is not ini\n", 2, "min_buckets" },
	{ "[rule\n", 1, "syntax error" },
};

static void test_bad_values(void **state)
{
	char err[1024], want[256];
	struct nd_config c;

	(void)state;
	for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
		const char *path = write_conf(bads[i].text);

		memset(err, 0, sizeof(err));
		if (nd_config_load(&c, path, false, err, sizeof(err)) != -1)
			fail_msg("accepted: %s", bads[i].text);
		snprintf(want, sizeof(want), "%s:%d: ", path, bads[i].line);
		if (strncmp(err, want, strlen(want)) || !strstr(err, bads[i].what))
			fail_msg("for %s\nwant %s...%s\n got %s", bads[i].text,
				 want, bads[i].what, err);
		assert_null(strchr(err, '\n'));	/* one line */
		assert_null(c.rule_name);
		nd_config_free(&c);
	}
}

static void test_long_line(void **state)
{
	char text[600], err[1024];
	struct nd_config c;
	const char *path;

	(void)state;
	memset(text, 'a', sizeof(text));
	memcpy(text, "[rule]\nname = ", 14);
	strcpy(text + 500, "\n");
	path = write_conf(text);
	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":2: line too long"));
	nd_config_free(&c);
}

static void test_unreadable(void **state)
{
	char err[1024];
	struct nd_config c;

	(void)state;
	/* A directory opens but cannot be read. */
	assert_int_equal(nd_config_load(&c, dir, false, err, sizeof(err)), -1);
	assert_int_equal(strncmp(err, dir, strlen(dir)), 0);
	assert_non_null(strstr(err, "cannot read: Is a directory"));
	nd_config_free(&c);
}

static void test_durations(void **state)
{
	static const struct {
		const char *s;
		uint32_t v;
	} good[] = {
		{ "10s", 10 }, { "15m", 900 }, { "1h", 3600 }, { "2d", 172800 },
		{ "45", 45 }, { "1", 1 }, { "49710d", 49710u * 86400 },
	};
	static const char *const bad[] = {
		"", "0", "0s", "s", "-1", "+5", " 5", "5 ", "1.5h", "1h30m",
		"10x", "10S", "49711d", "4294967296", "99999999999999999999",
	};
	uint32_t v;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = 0;
		if (nd_parse_duration(good[i].s, &v) || v != good[i].v)
			fail_msg("'%s' gave %u, want %u", good[i].s, v, good[i].v);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (nd_parse_duration(bad[i], &v) == 0)
			fail_msg("'%s' accepted as %u", bad[i], v);
}

static void test_globs(void **state)
{
	struct nd_config c;
	char err[1024];
	const char *path = write_conf(
		"[exclude]\n"
		"executables = /usr/bin/curl /usr/lib/jvm/* *.sh\n"
		"executables = /opt/agent-?/bin/agent,/srv/[ab]in/x\n");

	(void)state;
	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), 0);
	assert_true(nd_config_excludes_exe(&c, "/usr/bin/curl"));
	assert_false(nd_config_excludes_exe(&c, "/usr/bin/curl2"));
	assert_false(nd_config_excludes_exe(&c, "/bin/curl"));
	/* '*' crosses directories: everything below the JVM tree */
	assert_true(nd_config_excludes_exe(&c, "/usr/lib/jvm/java-17/bin/java"));
	assert_false(nd_config_excludes_exe(&c, "/usr/lib/jvmx"));
	assert_true(nd_config_excludes_exe(&c, "/home/u/run.sh"));
	assert_true(nd_config_excludes_exe(&c, "/opt/agent-7/bin/agent"));
	assert_false(nd_config_excludes_exe(&c, "/opt/agent-17/bin/agent"));
	assert_true(nd_config_excludes_exe(&c, "/srv/bin/x"));
	assert_false(nd_config_excludes_exe(&c, "/srv/cin/x"));
	nd_config_free(&c);

	/* nothing excluded by default */
	assert_int_equal(nd_config_defaults(&c), 0);
	assert_false(nd_config_excludes_exe(&c, "/usr/bin/curl"));
	assert_false(nd_config_excludes_uid(&c, 0));
	nd_config_free(&c);
}

static void test_users(void **state)
{
	struct nd_config c;
	char err[1024];
	const char *path = write_conf("[exclude]\n"
				      "users = root, 1000\n"
				      "users = 0 65534\n");

	(void)state;
	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), 0);
	assert_int_equal(c.n_exclude_uids, 4);
	assert_true(nd_config_excludes_uid(&c, 0));
	assert_true(nd_config_excludes_uid(&c, 1000));
	assert_true(nd_config_excludes_uid(&c, 65534));
	assert_false(nd_config_excludes_uid(&c, 1001));
	nd_config_free(&c);

	path = write_conf("[exclude]\nusers = 4294967295\n");
	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":2: [exclude] users: unknown user '4294967295'"));
	nd_config_free(&c);
}

static void test_severity_numbers(void **state)
{
	(void)state;
	assert_int_equal(nd_severity_number("low"), 21);
	assert_int_equal(nd_severity_number("medium"), 47);
	assert_int_equal(nd_severity_number("high"), 73);
	assert_int_equal(nd_severity_number("critical"), 99);
	assert_int_equal(nd_severity_number("Low"), -1);
	assert_int_equal(nd_severity_number(NULL), -1);
}

/* etc/netanomd.conf, as shipped and with every default uncommented, gives
 * the defaults: the example documents what the code does. */
static void test_example_file(void **state)
{
	char example[512], err[1024], line[512], *slash;
	struct nd_config c, d;
	FILE *in, *out;
	const char *path;

	(void)state;
	snprintf(example, sizeof(example), "%s", __FILE__);
	slash = strrchr(example, '/');
	assert_non_null(slash);
	snprintf(slash, sizeof(example) - (size_t)(slash - example),
		 "/../../etc/netanomd.conf");
	assert_int_equal(nd_config_load(&c, example, false, err, sizeof(err)), 0);
	assert_int_equal(nd_config_defaults(&d), 0);
	assert_int_equal(c.min_buckets, d.min_buckets);
	nd_config_free(&c);

	path = write_conf("");
	in = fopen(example, "r");
	out = fopen(path, "w");
	assert_non_null(in);
	assert_non_null(out);
	while (fgets(line, sizeof(line), in)) {
		/* the examples of lists, commands and the files that are
		 * off by default are not defaults */
		bool key = line[0] == ';' && line[1] >= 'a' && line[1] <= 'z' &&
			   strstr(line, " = ") && !strstr(line, "executables") &&
			   !strstr(line, "users") && !strstr(line, "command =") &&
			   !strstr(line, "events =") &&
			   !strstr(line, "metrics =");

		fputs(key ? line + 1 : line, out);
	}
	fclose(in);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(nd_config_load(&c, path, false, err, sizeof(err)), 0);
	assert_string_equal(c.rule_name, d.rule_name);
	assert_string_equal(c.rule_id, d.rule_id);
	assert_true(c.anomaly_threshold == d.anomaly_threshold);
	assert_int_equal(c.bucket_span_s, d.bucket_span_s);
	assert_int_equal(c.min_buckets, d.min_buckets);
	assert_string_equal(c.severity, d.severity);
	assert_true(c.risk_score == d.risk_score);
	assert_int_equal(c.realert_s, d.realert_s);
	assert_string_equal(c.alerts_path, d.alerts_path);
	assert_int_equal(c.syslog, d.syslog);
	assert_int_equal(c.command_timeout_s, d.command_timeout_s);
	assert_string_equal(c.database, d.database);
	assert_null(c.events_path);
	assert_null(c.metrics_path);
	nd_config_free(&c);
	nd_config_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_off_values),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_globs),
		cmocka_unit_test(test_users),
		cmocka_unit_test(test_severity_numbers),
		cmocka_unit_test(test_example_file),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
