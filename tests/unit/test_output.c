// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl's output: JSON shapes, table order and alignment, config
 * keys and values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "cli.h"
#include "fake_kernel.h"
#include "table.h"

/* Dump @j as netanomctl prints it, and parse it back. */
static json_t *round_trip(json_t *j)
{
	json_error_t jerr;
	json_t *back;
	char *text;

	assert_non_null(j);
	text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	assert_non_null(text);
	back = json_loads(text, 0, &jerr);
	if (!back)
		fail_msg("output is not JSON: %s", jerr.text);
	free(text);
	json_decref(j);
	return back;
}

/* What "show --json" prints for @v, parsed back. */
static json_t *shown(const struct netanom_exe *v, size_t n)
{
	struct cli_ctx ctx = { .err = stderr };
	json_error_t jerr;
	json_t *back;
	size_t len;
	char *text;

	ctx.out = open_memstream(&text, &len);
	assert_non_null(ctx.out);
	assert_int_equal(cli_print_exes_json(&ctx, v, n), CLI_OK);
	fclose(ctx.out);
	back = json_loads(text, 0, &jerr);
	if (!back)
		fail_msg("output is not JSON: %s", jerr.text);
	free(text);
	return back;
}

static json_int_t num(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_integer(v))
		fail_msg("key %s missing or not an integer", key);
	return json_integer_value(v);
}

static const char *str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		fail_msg("key %s missing or not a string", key);
	return json_string_value(v);
}

static void test_show_json_shape(void **state)
{
	static const char *const keys[] = {
		"exe", "dev", "ino", "comm", "connects", "loopback",
		"by_proto", "first_seen", "last_seen", "last_pid",
		"last_uid", "last_dest", "sendto", "fastopen", "listen",
		"accept", "excluded",
	};
	struct netanom_exe e[2];
	json_t *arr, *o, *bp;
	size_t i;

	(void)state;
	fk_sample_exe(&e[0], "/usr/bin/curl", 77, 1764304576123456789ULL);
	fk_sample_exe(&e[1], "/usr/bin/ssh", 78, 1764304575000000000ULL);
	e[1].last_family = AF_INET6;
	e[1].last_addr_len = 16;
	inet_pton(AF_INET6, "2001:db8::5", e[1].last_addr);
	e[1].last_port = 22;
	arr = shown(e, 2);
	assert_true(json_is_array(arr));
	assert_int_equal(json_array_size(arr), 2);
	o = json_array_get(arr, 0);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_object_get(o, keys[i]))
			fail_msg("no key %s", keys[i]);
	assert_int_equal(json_object_size(o), sizeof(keys) / sizeof(keys[0]));
	assert_string_equal(str(o, "exe"), "/usr/bin/curl");
	assert_int_equal(num(o, "dev"), 0x803);
	assert_int_equal(num(o, "ino"), 77);
	assert_string_equal(str(o, "comm"), "curl");
	assert_int_equal(num(o, "connects"), 15);
	assert_int_equal(num(o, "loopback"), 6);
	bp = json_object_get(o, "by_proto");
	assert_true(json_is_object(bp));
	assert_int_equal(json_object_size(bp), 5);
	assert_int_equal(num(bp, "tcp4"), 5);
	assert_int_equal(num(bp, "tcp6"), 4);
	assert_int_equal(num(bp, "udp4"), 3);
	assert_int_equal(num(bp, "udp6"), 2);
	assert_int_equal(num(bp, "other"), 1);
	assert_int_equal(num(o, "sendto"), 7);
	assert_int_equal(num(o, "fastopen"), 8);
	assert_int_equal(num(o, "listen"), 9);
	assert_int_equal(num(o, "accept"), 10);
	assert_int_equal(num(o, "excluded"), 11);
	assert_string_equal(str(o, "first_seen"),
			    "2023-11-14T22:13:20.123456789Z");
	assert_string_equal(str(o, "last_seen"),
			    "2025-11-28T04:36:16.123456789Z");
	assert_int_equal(num(o, "last_pid"), 4321);
	assert_int_equal(num(o, "last_uid"), 1000);
	assert_string_equal(str(o, "last_dest"), "192.0.2.7:443");
	o = json_array_get(arr, 1);
	assert_string_equal(str(o, "last_dest"), "[2001:db8::5]:22");
	json_decref(arr);
}

static void test_show_json_odd_strings(void **state)
{
	struct netanom_exe e;
	json_t *arr;

	(void)state;
	fk_sample_exe(&e, "/tmp/\xff\"quoted\"", 1, 1);
	strcpy(e.comm, "a\nb");
	arr = shown(&e, 1);
	assert_string_equal(str(json_array_get(arr, 0), "exe"),
			    "/tmp/\\xff\"quoted\"");
	assert_string_equal(str(json_array_get(arr, 0), "comm"), "a\nb");
	json_decref(arr);
	arr = shown(NULL, 0);
	assert_int_equal(json_array_size(arr), 0);
	json_decref(arr);
}

static void test_stats_json_shape(void **state)
{
	struct netanom_stats st = { 10, 2, 4096, 3, 4, 5000, 6, 7, 9, 0xabc,
				     true };
	json_t *o;

	(void)state;
	o = round_trip(cli_stats_json(&st));
	assert_true(json_is_object(o));
	assert_int_equal(json_object_size(o), 11);
	assert_int_equal(num(o, "hits"), 10);
	assert_int_equal(num(o, "entries"), 2);
	assert_int_equal(num(o, "max_entries"), 4096);
	assert_int_equal(num(o, "dropped"), 3);
	assert_int_equal(num(o, "alloc_failures"), 4);
	assert_int_equal(num(o, "bytes"), 5000);
	assert_int_equal(num(o, "events_sent"), 6);
	assert_int_equal(num(o, "events_dropped"), 7);
	assert_int_equal(num(o, "resets"), 9);
	assert_string_equal(str(o, "instance"), "0000000000000abc");
	assert_true(json_is_true(json_object_get(o, "locked")));
	json_decref(o);
}

static void test_sort_most_recent_first(void **state)
{
	struct netanom_exe v[5];

	(void)state;
	fk_sample_exe(&v[0], "/b", 1, 100);
	fk_sample_exe(&v[1], "/a", 2, 300);
	fk_sample_exe(&v[2], "/c", 3, 200);
	fk_sample_exe(&v[3], "/a", 4, 100);	/* tie on time: by path */
	fk_sample_exe(&v[4], "/z", 5, 0);	/* never: last */
	cli_sort_by_last_use(v, 5);
	assert_int_equal(v[0].ino, 2);
	assert_int_equal(v[1].ino, 3);
	assert_int_equal(v[2].ino, 4);
	assert_int_equal(v[3].ino, 1);
	assert_int_equal(v[4].ino, 5);
}

/* The order show wants, written again here as the oracle. */
static int want_order(const void *pa, const void *pb)
{
	const struct netanom_exe *a = pa, *b = pb;
	int c;

	if (a->last_seen_ns != b->last_seen_ns)
		return a->last_seen_ns > b->last_seen_ns ? -1 : 1;
	c = strcmp(a->path, b->path);
	if (c)
		return c;
	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	return a->ino < b->ino ? -1 : a->ino > b->ino;
}

/*
 * Large tables take another way (a radix sort by last_seen, then the ties
 * by path and identity): the same order as qsort() with the comparison
 * above, for times spread over all 64 bits, clustered in a few seconds,
 * and mostly equal (ties of hundreds of entries), at sizes around where
 * the way changes.
 */
static void test_sort_large_tables(void **state)
{
	static const char *const paths[] = { "/a", "/b", "/usr/bin/c", "/" };
	static const size_t sizes[] = { 2, 255, 256, 257, 5000 };
	struct netanom_exe *v, *w;
	uint64_t x = 88172645463325252ULL;
	size_t s, i;
	int kind;

	(void)state;
	v = calloc(5000, sizeof(*v));
	w = calloc(5000, sizeof(*w));
	assert_non_null(v);
	assert_non_null(w);
	for (kind = 0; kind < 3; kind++)
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			for (i = 0; i < sizes[s]; i++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				fk_sample_exe(&v[i], paths[x % 4], x >> 20,
					      kind == 0 ? x :
					      kind == 1 ? 1764304576000000000ULL +
							  x % 5000000000ULL :
					      x % 3 * 1000000000ULL);
				v[i].dev = x >> 60;
			}
			memcpy(w, v, sizes[s] * sizeof(*v));
			cli_sort_by_last_use(v, sizes[s]);
			qsort(w, sizes[s], sizeof(*w), want_order);
			for (i = 0; i < sizes[s]; i++)
				if (v[i].ino != w[i].ino || v[i].dev != w[i].dev)
					fail_msg("kind %d, %zu entries: entry %zu "
						 "differs", kind, sizes[s], i);
		}
	free(v);
	free(w);
}

static char *table_text(const struct netanom_exe *v, size_t n)
{
	struct cli_ctx ctx = { .now_ns = 1764304576000000000ULL };
	size_t len;
	char *text;

	ctx.out = open_memstream(&text, &len);
	ctx.err = stderr;
	assert_int_equal(cli_print_exe_table(&ctx, v, n), CLI_OK);
	fclose(ctx.out);
	return text;
}

static void test_table_columns_aligned(void **state)
{
	struct netanom_exe v[2];
	char *text, *line2, *line3;

	(void)state;
	fk_sample_exe(&v[0], "/usr/bin/curl", 1, 1764304571000000000ULL);
	fk_sample_exe(&v[1], "/bin/x", 2, 1764304000000000000ULL);
	v[1].tcp4 = 123456;
	v[1].sendto = 71;
	v[1].fastopen = 72;
	v[1].listens = 73;
	v[1].accepts = 74;
	text = table_text(v, 2);
	assert_true(!strncmp(text, "EXE            CONNECTS  LOOPBACK    TCP4",
			     41));
	assert_non_null(strstr(text, "SENDTO  FASTOPEN  LISTEN  ACCEPT"));
	assert_non_null(strstr(text, "LAST SEEN"));
	assert_non_null(strstr(text, "LAST DEST"));
	assert_non_null(strstr(text, "COMM\n"));
	line2 = strchr(text, '\n') + 1;
	line3 = strchr(line2, '\n') + 1;
	assert_true(!strncmp(line2, "/usr/bin/curl        15         6       5",
			     41));
	assert_true(!strncmp(line3, "/bin/x           123466         6  123456",
			     41));
	assert_non_null(strstr(line2, "5s ago"));
	assert_non_null(strstr(line2, "192.0.2.7:443"));
	assert_non_null(strstr(line3, "9m ago"));
	assert_non_null(strstr(line3, "    71        72      73      74"));
	/* every line as wide as the header up to the last column */
	assert_int_equal(strstr(line2, "curl\n") - line2,
			 strstr(text, "COMM") - text);
	assert_int_equal(strstr(line3, "curl\n") - line3,
			 strstr(text, "COMM") - text);
	free(text);
}

static void test_table_escapes_control_characters(void **state)
{
	struct netanom_exe e;
	char *text;

	(void)state;
	fk_sample_exe(&e, "/tmp/x", 1, 1);
	strcpy(e.comm, "\x1b]0;pwned\x07");
	text = table_text(&e, 1);
	assert_null(strchr(text, '\x1b'));
	assert_non_null(strstr(text, "\\x1b]0;pwned\\x07"));
	free(text);
}

static void test_table_empty_has_header(void **state)
{
	char *text;

	(void)state;
	text = table_text(NULL, 0);
	assert_true(!strncmp(text, "EXE  CONNECTS", 13));
	assert_int_equal(strchr(text, '\n')[1], '\0');
	free(text);
}

static void test_config_keys_and_values(void **state)
{
	uint32_t flag = 0;
	bool v = false;

	(void)state;
	assert_int_equal(cli_config_key("enabled", &flag), 0);
	assert_int_equal(flag, NETANOM_CONFIG_F_ENABLED);
	assert_int_equal(cli_config_key("count_unix", &flag), 0);
	assert_int_equal(flag, NETANOM_CONFIG_F_COUNT_UNIX);
	assert_int_equal(cli_config_key("Enabled", &flag), -1);
	assert_int_equal(cli_config_key("", &flag), -1);
	assert_int_equal(cli_config_key("count", &flag), -1);

	assert_int_equal(cli_bool_value("1", &v), 0);
	assert_true(v);
	assert_int_equal(cli_bool_value("off", &v), 0);
	assert_false(v);
	assert_int_equal(cli_bool_value("ON", &v), 0);
	assert_true(v);
	assert_int_equal(cli_bool_value("false", &v), 0);
	assert_false(v);
	assert_int_equal(cli_bool_value("True", &v), 0);
	assert_true(v);
	assert_int_equal(cli_bool_value("0", &v), 0);
	assert_false(v);
	assert_int_equal(cli_bool_value("2", &v), -1);
	assert_int_equal(cli_bool_value("yes", &v), -1);
	assert_int_equal(cli_bool_value("", &v), -1);
	assert_int_equal(cli_bool_value("onn", &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_json_shape),
		cmocka_unit_test(test_show_json_odd_strings),
		cmocka_unit_test(test_stats_json_shape),
		cmocka_unit_test(test_sort_most_recent_first),
		cmocka_unit_test(test_sort_large_tables),
		cmocka_unit_test(test_table_columns_aligned),
		cmocka_unit_test(test_table_escapes_control_characters),
		cmocka_unit_test(test_table_empty_has_header),
		cmocka_unit_test(test_config_keys_and_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
