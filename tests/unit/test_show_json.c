// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "show --json" is written as it is formatted (show_json.c, json_out.c,
 * and libnetanom's netanom_put_u64(), netanom_put_time() and
 * netanom_put_dest()), not through jansson.  These tests hold it to what
 * the jansson path printed: numbers, times and destinations to glibc's
 * text (snprintf(), gmtime_r() and strftime(), inet_ntop()), which is
 * what libnetanom printed before it had formatters of its own; strings to
 * cli_json_string() dumped by json_dumps(); and whole entries to a
 * jansson value built here from the struct's fields and dumped with the
 * flags cli_print_json() uses.
 */
#define _GNU_SOURCE	/* fopencookie */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <time.h>

#include <cmocka.h>

#include "cli.h"
#include "fake_kernel.h"

/* A fixed pseudo-random sequence (xorshift64): the same cases every run. */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* The text cli_print_exes_json() writes for @v, NUL-terminated. */
static char *shown(const struct netanom_exe *v, size_t n)
{
	struct cli_ctx ctx = { .err = stderr };
	size_t len;
	char *text;

	ctx.out = open_memstream(&text, &len);
	assert_non_null(ctx.out);
	assert_int_equal(cli_print_exes_json(&ctx, v, n), CLI_OK);
	assert_int_equal(fclose(ctx.out), 0);
	assert_int_equal(strlen(text), len);
	return text;
}

static void test_u64_as_printf(void **state)
{
	uint64_t v[] = { 0, 1, 9, 10, 11, 99, 100, 101, 999, 1000,
			 4294967295ULL, 4294967296ULL, INT64_MAX,
			 (uint64_t)INT64_MAX + 1, 9999999999999999999ULL,
			 10000000000000000000ULL, UINT64_MAX };
	char want[32], got[32];
	uint64_t p;
	size_t i;

	(void)state;
	for (p = 1; p <= UINT64_MAX / 10; p *= 10)
		for (i = 0; i < 3; i++) {
			snprintf(want, sizeof(want), "%" PRIu64, p - 1 + i);
			*netanom_put_u64(got, p - 1 + i) = '\0';
			assert_string_equal(got, want);
		}
	for (i = 0; i < sizeof(v) / sizeof(v[0]) + 10000; i++) {
		uint64_t x = i < sizeof(v) / sizeof(v[0]) ? v[i] :
			     rnd() >> (rnd() % 64);

		snprintf(want, sizeof(want), "%" PRIu64, x);
		*netanom_put_u64(got, x) = '\0';
		assert_string_equal(got, want);
	}
}

/* glibc's text of @ns, as netanom_format_time() wrote it with gmtime_r(),
 * strftime() and snprintf(). */
static void glibc_time(uint64_t ns, char *buf, size_t len)
{
	time_t sec = (time_t)(ns / 1000000000ULL);
	char day[32];
	struct tm tm;

	assert_non_null(gmtime_r(&sec, &tm));
	assert_int_not_equal(strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S",
				      &tm), 0);
	snprintf(buf, len, "%s.%09lluZ", day,
		 (unsigned long long)(ns % 1000000000ULL));
}

/* netanom_put_time() and netanom_format_time() write glibc's text. */
static void check_time(uint64_t ns)
{
	char want[NETANOM_TIME_LEN], got[NETANOM_TIME_LEN];
	char lib[NETANOM_TIME_LEN];

	glibc_time(ns, want, sizeof(want));
	*netanom_put_time(got, ns) = '\0';
	netanom_format_time(ns, lib, sizeof(lib));
	if (strcmp(got, want) || strcmp(lib, want))
		fail_msg("time %" PRIu64 ": put %s, format %s, want %s", ns,
			 got, lib, want);
}

/*
 * Every day to 2106 (the leap years, the century rule of 2100), then every
 * 37th day to 2554, the last a uint64_t of ns reaches, and the days around
 * 1 March of 2100 to 2500 (2400 is a leap year, the others are not).
 */
static void test_time_as_glibc(void **state)
{
	const uint64_t last_day = UINT64_MAX / 1000000000ULL / 86400;
	struct tm tm = { .tm_mon = 2, .tm_mday = 1 };
	uint64_t day, sec;
	int y, i;

	(void)state;
	check_time(0);
	check_time(999999999);
	check_time(UINT64_MAX);
	check_time(951782400ULL * 1000000000ULL);	/* 2000-02-29 */
	for (day = 0; day <= last_day; day += day < 50000 ? 1 : 37) {
		sec = day * 86400 + (day * 7919) % 86400;
		if (sec <= UINT64_MAX / 1000000000ULL - 1)
			check_time(sec * 1000000000ULL + rnd() % 1000000000ULL);
		check_time(day * 86400ULL * 1000000000ULL);
	}
	for (y = 2100; y <= 2500; y += 100) {
		tm.tm_year = y - 1900;
		sec = (uint64_t)timegm(&tm);
		for (i = -3; i <= 3; i++)
			check_time((sec + (uint64_t)(i * 86400) + 43210) *
				   1000000000ULL);
	}
}

/* glibc's text of @e's destination, as netanom_format_dest() wrote it
 * with inet_ntop() and snprintf(). */
static void glibc_dest(const struct netanom_exe *e, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];
	int v6 = e->last_family == AF_INET6;

	if (e->last_addr_len && (e->last_family == AF_INET || v6)) {
		assert_non_null(inet_ntop(e->last_family, e->last_addr, ip,
					  sizeof(ip)));
		if (e->has_last_port)
			snprintf(buf, len, v6 ? "[%s]:%u" : "%s:%u", ip,
				 e->last_port);
		else
			snprintf(buf, len, v6 ? "[%s]" : "%s", ip);
	} else if (e->last_family == AF_UNIX) {
		snprintf(buf, len, "unix");
	} else if (e->last_family) {
		snprintf(buf, len, "af%u", e->last_family);
	} else {
		snprintf(buf, len, "%s", "");
	}
}

/* netanom_put_dest() and netanom_format_dest() write glibc's text. */
static void check_dest(const struct netanom_exe *e)
{
	char want[NETANOM_DEST_LEN], got[NETANOM_DEST_LEN];
	char lib[NETANOM_DEST_LEN];

	glibc_dest(e, want, sizeof(want));
	*netanom_put_dest(got, e) = '\0';
	netanom_format_dest(e, lib, sizeof(lib));
	if (strcmp(got, want) || strcmp(lib, want))
		fail_msg("family %u len %u port %d/%u: put \"%s\", format "
			 "\"%s\", want \"%s\"", e->last_family,
			 e->last_addr_len, e->has_last_port, e->last_port,
			 got, lib, want);
}

static void set_v6(struct netanom_exe *e, const char *text)
{
	e->last_family = AF_INET6;
	e->last_addr_len = 16;
	assert_int_equal(inet_pton(AF_INET6, text, e->last_addr), 1);
}

static void test_dest_as_glibc(void **state)
{
	static const char *const v6[] = {
		"::", "::1", "::2", "1::", "1::1", "::ffff:1.2.3.4",
		"::ffff:0.0.0.0", "::1.2.3.4", "::0.1.0.0", "::ffff:0:1.2.3.4",
		"0:0:1::", "1:0:0:2:0:0:0:3", "1:0:0:2:0:0:3:4",
		"1:0:2:3:4:5:6:7", "1:2:3:4:5:6:7:0", "0:1:2:3:4:5:6:7",
		"2001:db8::5", "fe80::1:0:0:0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		"0:0:0:0:0:1:0:0", "::ffff", "::fffe:1.2.3.4", "1::ffff:1.2.3.4",
		"0:0:0:0:1:ffff:102:304", "abc:de:f:0:1:10:100:1000",
	};
	struct netanom_exe e;
	size_t i;
	int j;

	(void)state;
	memset(&e, 0, sizeof(e));
	check_dest(&e);				/* no destination */
	e.last_family = AF_UNIX;
	check_dest(&e);
	e.last_family = 42;
	check_dest(&e);
	e.last_family = 65535;
	check_dest(&e);
	e.last_family = AF_INET;		/* no address: "af2" */
	check_dest(&e);
	e.last_addr_len = 4;
	for (i = 0; i < 5000; i++) {
		uint64_t r = rnd();

		memcpy(e.last_addr, &r, 4);
		if (i < 256)	/* every octet value, with and without port */
			memset(e.last_addr, (int)i, 4);
		e.has_last_port = r >> 40 & 1;
		e.last_port = (uint16_t)(r >> 48);
		check_dest(&e);
	}
	e.has_last_port = true;
	e.last_port = 0;
	for (i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		set_v6(&e, v6[i]);
		check_dest(&e);
		e.has_last_port = !e.has_last_port;
		check_dest(&e);
	}
	/* Random groups, each zero half the time: runs of every length in
	 * every place, ties between runs, the IPv4 forms. */
	for (i = 0; i < 20000; i++) {
		uint64_t r = rnd(), z = rnd();

		for (j = 0; j < 8; j++) {
			unsigned int g = (unsigned int)(r >> (8 * j)) & 0xffff;

			if (z >> j & 1)
				g = 0;
			else if (z >> (8 + j) & 1)
				g >>= (z >> (16 + 2 * j) & 3) * 4;
			if (i % 4 == 0 && j == 5 && (z >> 32 & 1))
				g = 0xffff;
			e.last_addr[2 * j] = (uint8_t)(g >> 8);
			e.last_addr[2 * j + 1] = (uint8_t)g;
		}
		e.has_last_port = z >> 40 & 1;
		e.last_port = (uint16_t)(z >> 48);
		check_dest(&e);
	}
}

/* The jansson text of @s as it was printed: cli_json_string() dumped. */
static char *jansson_text(const char *s)
{
	json_t *j = cli_json_string(s);
	char *text;

	assert_non_null(j);
	text = json_dumps(j, JSON_ENCODE_ANY | JSON_INDENT(2) |
			  JSON_PRESERVE_ORDER);
	assert_non_null(text);
	json_decref(j);
	return text;
}

/* What the writer makes of @s. */
static char *written(const char *s)
{
	struct cli_jw *w = malloc(sizeof(*w));
	size_t len;
	char *got;
	FILE *f;

	assert_non_null(w);
	f = open_memstream(&got, &len);
	assert_non_null(f);
	cli_jw_init(w, f);
	cli_jw_string(w, s);
	assert_int_equal(cli_jw_finish(w), 0);
	fclose(f);
	free(w);
	return got;
}

static void check_string(const char *s)
{
	char *want = jansson_text(s), *got = written(s);

	if (strcmp(got, want))
		fail_msg("string of %zu bytes: got %s, want %s", strlen(s),
			 got, want);
	free(got);
	free(want);
}

/* Every byte alone, then random strings over the bytes that matter. */
static void test_string_as_jansson(void **state)
{
	static const unsigned char pick[] = {
		'a', '/', '"', '\\', 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d,
		0x1b, 0x1f, 0x20, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3,
		0xa9, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4,
		0x8f, 0xf5, 0xff,
	};
	char s[64];
	size_t i, j, n;

	(void)state;
	for (i = 1; i < 256; i++) {
		s[0] = (char)i;
		s[1] = '\0';
		check_string(s);
	}
	check_string("");
	check_string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	for (i = 0; i < 10000; i++) {
		n = rnd() % 12;
		for (j = 0; j < n; j++)
			s[j] = (char)pick[rnd() % sizeof(pick)];
		s[n] = '\0';
		check_string(s);
	}
}

/*
 * Strings longer than the writer's buffer, most of them escaped, behind 0
 * to 15 plain bytes (the text repeats every 16 bytes): with 4096 repeats
 * the buffer fills up at every place in an escape, with 4095 the last
 * escape and the closing quote meet the buffer's end.
 */
static void test_long_string(void **state)
{
	static const char pat[] = "a\xc3\xa9\"\xff\x01";
	size_t reps[] = { 4095, 4096 }, i, k, r;
	char *s = malloc(16 + 4096 * 6 + 1), *p, *pat_text, *want, *q, *got;

	(void)state;
	assert_non_null(s);
	assert_int_equal(sizeof(((struct cli_jw *)0)->buf), 4096 * 16);
	/* The text of one repeat, without its quotes, is the oracle's: the
	 * long strings' text is built from it rather than by jansson. */
	pat_text = jansson_text(pat);
	assert_int_equal(strlen(pat_text), 16 + 2);
	want = malloc(2 + 15 + 4096 * 16 + 1);
	assert_non_null(want);
	for (r = 0; r < 2; r++)
		for (k = 0; k < 16; k++) {
			p = s;
			q = want;
			*q++ = '"';
			memset(p, 'x', k);
			memset(q, 'x', k);
			p += k;
			q += k;
			for (i = 0; i < reps[r]; i++, p += 6, q += 16) {
				memcpy(p, pat, 6);
				memcpy(q, pat_text + 1, 16);
			}
			*p = '\0';
			strcpy(q, "\"");
			got = written(s);
			if (strcmp(got, want))
				fail_msg("%zu repeats after %zu bytes differ",
					 reps[r], k);
			free(got);
		}
	free(want);
	free(pat_text);
	free(s);
}

static json_t *jint(uint64_t v)
{
	return json_integer(v > INT64_MAX ? INT64_MAX : (json_int_t)v);
}

/* What show --json printed for @e, built from its fields here. */
static json_t *expected(const struct netanom_exe *e)
{
	char t1[NETANOM_TIME_LEN], t2[NETANOM_TIME_LEN], d[NETANOM_DEST_LEN];
	json_t *o = json_object(), *bp = json_object();

	assert_non_null(o);
	assert_non_null(bp);
	json_object_set_new(o, "exe", cli_json_string(e->path));
	json_object_set_new(o, "dev", jint(e->dev));
	json_object_set_new(o, "ino", jint(e->ino));
	json_object_set_new(o, "comm", cli_json_string(e->comm));
	json_object_set_new(o, "connects", jint(e->tcp4 + e->tcp6 + e->udp4 +
						 e->udp6 + e->other));
	json_object_set_new(o, "loopback", jint(e->loopback));
	json_object_set_new(bp, "tcp4", jint(e->tcp4));
	json_object_set_new(bp, "tcp6", jint(e->tcp6));
	json_object_set_new(bp, "udp4", jint(e->udp4));
	json_object_set_new(bp, "udp6", jint(e->udp6));
	json_object_set_new(bp, "other", jint(e->other));
	json_object_set_new(o, "by_proto", bp);
	glibc_time(e->first_seen_ns, t1, sizeof(t1));
	json_object_set_new(o, "first_seen", json_string(t1));
	glibc_time(e->last_seen_ns, t2, sizeof(t2));
	json_object_set_new(o, "last_seen", json_string(t2));
	json_object_set_new(o, "last_pid", jint(e->last_pid));
	json_object_set_new(o, "last_uid", jint(e->last_uid));
	glibc_dest(e, d, sizeof(d));
	json_object_set_new(o, "last_dest", json_string(d));
	json_object_set_new(o, "sendto", jint(e->sendto));
	json_object_set_new(o, "fastopen", jint(e->fastopen));
	json_object_set_new(o, "listen", jint(e->listens));
	json_object_set_new(o, "accept", jint(e->accepts));
	json_object_set_new(o, "excluded", jint(e->excluded));
	assert_int_equal(json_object_size(o), 17);
	return o;
}

#define NTRICKY 8

static void tricky(struct netanom_exe *v)
{
	static const uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff,
					    [12] = 10, [15] = 1 };

	fk_sample_exe(&v[0], "/tmp/a \"quoted\" \\back\\slash", 1, 5);
	strcpy(v[0].comm, "\x01\x1f\x7f\t\n\r\b\f");
	fk_sample_exe(&v[1], "/tmp/\xff\xfe invalid \xc3( \xed\xa0\x80 \xc0\xaf", 2,
		      4);
	v[1].comm[0] = '\0';			/* empty comm */
	fk_sample_exe(&v[2], "/opt/caf\xc3\xa9/\xf0\x9f\x98\x80", 3, 3);
	strcpy(v[2].comm, "\xe2\x82\xac/\x7f");
	set_v6(&v[2], "2001:db8::5");
	fk_sample_exe(&v[3], "/bin/zero", 0, 0);	/* counters and times 0 */
	v[3].dev = 0;
	v[3].tcp4 = v[3].tcp6 = v[3].udp4 = v[3].udp6 = v[3].other = 0;
	v[3].loopback = v[3].sendto = v[3].fastopen = v[3].listens = 0;
	v[3].accepts = v[3].excluded = 0;
	v[3].first_seen_ns = 0;
	v[3].last_pid = v[3].last_uid = 0;
	v[3].last_family = 0;			/* no destination */
	fk_sample_exe(&v[4], "/bin/max", INT64_MAX, UINT64_MAX);
	v[4].dev = UINT64_MAX;
	v[4].tcp4 = INT64_MAX;
	v[4].udp4 = UINT64_MAX;			/* connects wraps: as before */
	v[4].loopback = (uint64_t)INT64_MAX + 1;
	v[4].sendto = v[4].fastopen = v[4].listens = UINT64_MAX;
	v[4].accepts = v[4].excluded = INT64_MAX;
	v[4].first_seen_ns = UINT64_MAX;
	v[4].last_pid = v[4].last_uid = UINT32_MAX;
	set_v6(&v[4], "::1");
	v[4].has_last_port = false;
	fk_sample_exe(&v[5], "/usr/bin/v4mapped", 5, 2);
	v[5].last_family = AF_INET6;
	memcpy(v[5].last_addr, mapped, 16);
	fk_sample_exe(&v[6], "/usr/sbin/unix", 6, 1);
	v[6].last_family = AF_UNIX;
	fk_sample_exe(&v[7], "", 7, 1);		/* empty path */
	v[7].last_family = 17;
}

/* Parsed back, the text is the value jansson was given; and it is the
 * very text jansson printed, newline included. */
static void test_entries_as_jansson(void **state)
{
	struct netanom_exe v[NTRICKY];
	json_t *want = json_array(), *got;
	json_error_t jerr;
	char *text, *want_text;
	size_t i, n;

	(void)state;
	tricky(v);
	for (i = 0; i < NTRICKY; i++)
		json_array_append_new(want, expected(&v[i]));
	for (n = 0; n <= NTRICKY; n++) {
		json_t *part = json_array();

		for (i = 0; i < n; i++)
			json_array_append(part, json_array_get(want, i));
		text = shown(v, n);
		got = json_loads(text, 0, &jerr);
		if (!got)
			fail_msg("%zu entries: not JSON: %s at %d:%d", n,
				 jerr.text, jerr.line, jerr.column);
		assert_true(json_equal(got, part));
		want_text = json_dumps(part, JSON_INDENT(2) |
				       JSON_PRESERVE_ORDER);
		assert_non_null(want_text);
		if (strlen(text) != strlen(want_text) + 1 ||
		    strncmp(text, want_text, strlen(want_text)) ||
		    text[strlen(want_text)] != '\n')
			fail_msg("%zu entries: got\n%s\nwant\n%s\n", n, text,
				 want_text);
		free(want_text);
		free(text);
		json_decref(got);
		json_decref(part);
	}
	json_decref(want);
}

/* The text itself, written out by hand: two entries, one with odd bytes. */
static void test_golden(void **state)
{
	static const char want[] =
		"[\n"
		"  {\n"
		"    \"exe\": \"/usr/bin/curl\",\n"
		"    \"dev\": 2051,\n"
		"    \"ino\": 77,\n"
		"    \"comm\": \"curl\",\n"
		"    \"connects\": 15,\n"
		"    \"loopback\": 6,\n"
		"    \"by_proto\": {\n"
		"      \"tcp4\": 5,\n"
		"      \"tcp6\": 4,\n"
		"      \"udp4\": 3,\n"
		"      \"udp6\": 2,\n"
		"      \"other\": 1\n"
		"    },\n"
		"    \"first_seen\": \"2023-11-14T22:13:20.123456789Z\",\n"
		"    \"last_seen\": \"2025-11-28T04:36:16.000000001Z\",\n"
		"    \"last_pid\": 4321,\n"
		"    \"last_uid\": 1000,\n"
		"    \"last_dest\": \"192.0.2.7:443\",\n"
		"    \"sendto\": 7,\n"
		"    \"fastopen\": 8,\n"
		"    \"listen\": 9,\n"
		"    \"accept\": 10,\n"
		"    \"excluded\": 11\n"
		"  },\n"
		"  {\n"
		"    \"exe\": \"/tmp/\\\\xff\\\"q\\\\\\u001Bcaf\xc3\xa9\\t\x7f\",\n"
		"    \"dev\": 2051,\n"
		"    \"ino\": 9223372036854775807,\n"
		"    \"comm\": \"\",\n"
		"    \"connects\": 15,\n"
		"    \"loopback\": 9223372036854775807,\n"
		"    \"by_proto\": {\n"
		"      \"tcp4\": 5,\n"
		"      \"tcp6\": 4,\n"
		"      \"udp4\": 3,\n"
		"      \"udp6\": 2,\n"
		"      \"other\": 1\n"
		"    },\n"
		"    \"first_seen\": \"1970-01-01T00:00:00.000000000Z\",\n"
		"    \"last_seen\": \"2554-07-21T23:34:33.709551615Z\",\n"
		"    \"last_pid\": 4294967295,\n"
		"    \"last_uid\": 0,\n"
		"    \"last_dest\": \"[::ffff:10.0.0.1]\",\n"
		"    \"sendto\": 7,\n"
		"    \"fastopen\": 8,\n"
		"    \"listen\": 9,\n"
		"    \"accept\": 10,\n"
		"    \"excluded\": 11\n"
		"  }\n"
		"]\n";
	struct netanom_exe v[2];
	char *text;

	(void)state;
	fk_sample_exe(&v[0], "/usr/bin/curl", 77, 1764304576000000001ULL);
	fk_sample_exe(&v[1], "/tmp/\xff\"q\\\x1b" "caf\xc3\xa9\t\x7f",
		      UINT64_MAX, UINT64_MAX);
	v[1].comm[0] = '\0';
	v[1].loopback = (uint64_t)INT64_MAX + 1;
	v[1].first_seen_ns = 0;
	v[1].last_pid = UINT32_MAX;
	v[1].last_uid = 0;
	set_v6(&v[1], "::ffff:10.0.0.1");
	v[1].has_last_port = false;
	text = shown(v, 2);
	assert_string_equal(text, want);
	free(text);
	text = shown(NULL, 0);
	assert_string_equal(text, "[]\n");
	free(text);
}

/* A FILE whose writes fail after @ok_writes, with ENOSPC (as /dev/full). */
struct failing {
	int ok_writes;
	int writes;
};

static ssize_t failing_write(void *cookie, const char *buf, size_t size)
{
	struct failing *f = cookie;

	(void)buf;
	f->writes++;
	if (f->writes > f->ok_writes) {
		errno = ENOSPC;
		return -1;
	}
	return (ssize_t)size;
}

/*
 * Of @n entries only the first @filled are set; the rest have no path, so
 * going on to format them after the failed write would crash: the writer
 * must stop at the failure (one 64 KiB buffer is about 100 entries).
 */
static void check_write_error(int ok_writes, size_t filled, size_t n)
{
	cookie_io_functions_t io = { .write = failing_write };
	struct failing fw = { .ok_writes = ok_writes };
	struct cli_ctx ctx = { .err = stderr };
	struct netanom_exe *v = calloc(n, sizeof(*v));
	size_t i;

	assert_non_null(v);
	for (i = 0; i < filled; i++)
		fk_sample_exe(&v[i], "/usr/lib/some/long/path/to/a/program", i,
			      i);
	ctx.out = fopencookie(&fw, "w", io);
	assert_non_null(ctx.out);
	assert_int_equal(cli_print_exes_json(&ctx, v, n), CLI_ERROR);
	assert_true(ferror(ctx.out));
	/* stdio may try a failing block twice */
	assert_in_range(fw.writes, ok_writes + 1, ok_writes + 2);
	fclose(ctx.out);
	free(v);
}

static void test_write_error(void **state)
{
	(void)state;
	check_write_error(0, 1, 1);		/* the final flush fails */
	check_write_error(0, 1000, 100000);	/* the first buffer fails */
	check_write_error(3, 1000, 100000);	/* a later one */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_as_printf),
		cmocka_unit_test(test_time_as_glibc),
		cmocka_unit_test(test_dest_as_glibc),
		cmocka_unit_test(test_string_as_jansson),
		cmocka_unit_test(test_long_string),
		cmocka_unit_test(test_entries_as_jansson),
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
