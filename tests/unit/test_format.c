// SPDX-License-Identifier: GPL-2.0-or-later
/* Text of entry fields: times, destinations, ages, escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "cli.h"
#include "table.h"

static const char *t(uint64_t ns)
{
	static char buf[NETANOM_TIME_LEN];

	return netanom_format_time(ns, buf, sizeof(buf));
}

static void test_rfc3339(void **state)
{
	(void)state;
	assert_string_equal(t(0), "1970-01-01T00:00:00.000000000Z");
	assert_string_equal(t(1764304576123456789ULL),
			    "2025-11-28T04:36:16.123456789Z");
	assert_string_equal(t(1764304576000000001ULL),
			    "2025-11-28T04:36:16.000000001Z");
	/* leap day, end of a second */
	assert_string_equal(t(951868799999999999ULL),
			    "2000-02-29T23:59:59.999999999Z");
	assert_string_equal(t(UINT64_MAX), "2554-07-21T23:34:33.709551615Z");
}

/*
 * Each size of @buf from 0 to one past the text: what snprintf() leaves
 * of @want, and nothing written past @len (0 writes nothing at all).
 */
static void check_cut(const char *(*fmt)(const void *, char *, size_t),
		      const void *arg, const char *want)
{
	char buf[NETANOM_DEST_LEN + 8], cut[NETANOM_DEST_LEN + 8];
	size_t len;

	for (len = 0; len <= strlen(want) + 1; len++) {
		memset(buf, '#', sizeof(buf));
		memset(cut, '#', sizeof(cut));
		snprintf(cut, len, "%s", want);
		assert_ptr_equal(fmt(arg, buf, len), buf);
		if (memcmp(buf, cut, sizeof(buf)))
			fail_msg("%zu bytes: got \"%.*s\", want \"%.*s\"",
				 len, (int)len, buf, (int)len, cut);
	}
}

static const char *time_of(const void *ns, char *buf, size_t len)
{
	return netanom_format_time(*(const uint64_t *)ns, buf, len);
}

static const char *dest_of(const void *e, char *buf, size_t len)
{
	return netanom_format_dest(e, buf, len);
}

static void test_rfc3339_short_buffer(void **state)
{
	uint64_t ns = 1764304576123456789ULL;
	char buf[11];

	(void)state;
	netanom_format_time(0, buf, sizeof(buf));
	assert_string_equal(buf, "1970-01-01");
	check_cut(time_of, &ns, "2025-11-28T04:36:16.123456789Z");
}

static const char *dest(uint16_t family, const char *addr, int port)
{
	static char buf[NETANOM_DEST_LEN];
	struct netanom_exe e;

	memset(&e, 0, sizeof(e));
	e.last_family = family;
	if (addr) {
		e.last_addr_len = family == AF_INET ? 4 : 16;
		assert_int_equal(inet_pton(family, addr, e.last_addr), 1);
	}
	if (port >= 0) {
		e.has_last_port = true;
		e.last_port = (uint16_t)port;
	}
	return netanom_format_dest(&e, buf, sizeof(buf));
}

static void test_dest_short_buffer(void **state)
{
	struct netanom_exe e;

	(void)state;
	memset(&e, 0, sizeof(e));
	check_cut(dest_of, &e, "");
	e.last_family = AF_UNIX;
	check_cut(dest_of, &e, "unix");
	e.last_family = AF_INET6;
	e.last_addr_len = 16;
	assert_int_equal(inet_pton(AF_INET6, "::ffff:192.0.2.7", e.last_addr),
			 1);
	e.has_last_port = true;
	e.last_port = 65535;
	check_cut(dest_of, &e, "[::ffff:192.0.2.7]:65535");
}

static void test_dest(void **state)
{
	(void)state;
	assert_string_equal(dest(AF_INET, "192.0.2.7", 443), "192.0.2.7:443");
	assert_string_equal(dest(AF_INET, "127.0.0.1", 0), "127.0.0.1:0");
	assert_string_equal(dest(AF_INET6, "2001:db8::1", 53),
			    "[2001:db8::1]:53");
	assert_string_equal(dest(AF_INET6, "::1", 8080), "[::1]:8080");
	assert_string_equal(dest(AF_INET6, "::ffff:192.0.2.7", 80),
			    "[::ffff:192.0.2.7]:80");
	assert_string_equal(dest(AF_INET, "192.0.2.7", -1), "192.0.2.7");
	assert_string_equal(dest(AF_INET6, "fe80::1", -1), "[fe80::1]");
	assert_string_equal(dest(AF_UNIX, NULL, -1), "unix");
	assert_string_equal(dest(0, NULL, -1), "");
	assert_string_equal(dest(AF_VSOCK, NULL, -1), "af40");
	/* the longest: fits NETANOM_DEST_LEN */
	assert_string_equal(dest(AF_INET6,
				 "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
				 65535),
			    "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
}

static const char *age(uint64_t then, uint64_t now)
{
	static char buf[32];

	return cli_format_age(then, now, buf, sizeof(buf));
}

#define S 1000000000ULL

static void test_age(void **state)
{
	uint64_t now = 1764304576 * S;

	(void)state;
	assert_string_equal(age(0, now), "-");
	assert_string_equal(age(now, now), "now");
	assert_string_equal(age(now + 5 * S, now), "now");	/* skew */
	assert_string_equal(age(now - S / 2, now), "now");
	assert_string_equal(age(now - 59 * S, now), "59s ago");
	assert_string_equal(age(now - 60 * S, now), "1m ago");
	assert_string_equal(age(now - 3599 * S, now), "59m ago");
	assert_string_equal(age(now - 3600 * S, now), "1h ago");
	assert_string_equal(age(now - 86399 * S, now), "23h ago");
	assert_string_equal(age(now - 86400 * S * 3, now), "3d ago");
}

static void test_table_escape(void **state)
{
	char *s;

	(void)state;
	s = table_escape("plain/path é");
	assert_string_equal(s, "plain/path é");
	free(s);
	s = table_escape("a\x1b[31mb\n\\c\x7f");
	assert_string_equal(s, "a\\x1b[31mb\\x0a\\x5cc\\x7f");
	free(s);
}

static void check_json_string(const char *in, const char *want)
{
	json_t *j = cli_json_string(in);

	assert_non_null(j);
	assert_string_equal(json_string_value(j), want);
	json_decref(j);
}

static void test_json_string(void **state)
{
	(void)state;
	check_json_string("/usr/bin/curl", "/usr/bin/curl");
	check_json_string("caf\xc3\xa9", "caf\xc3\xa9");
	check_json_string("\xf0\x9f\x98\x80!", "\xf0\x9f\x98\x80!");
	check_json_string("bad\xff", "bad\\xff");
	check_json_string("\xc3", "\\xc3");			/* cut short */
	check_json_string("\xc0\xaf", "\\xc0\\xaf");		/* overlong */
	check_json_string("\xed\xa0\x80", "\\xed\\xa0\\x80");	/* surrogate */
	check_json_string("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	check_json_string("\xe2\x82", "\\xe2\\x82");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_rfc3339_short_buffer),
		cmocka_unit_test(test_dest),
		cmocka_unit_test(test_dest_short_buffer),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_table_escape),
		cmocka_unit_test(test_json_string),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
