// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Parsing replay lines.  Strict: an unknown key or a wrong type is an
 * error, so a typo in a fixture cannot silently test something else.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "replay.h"

static int digits(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++, (*p)++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
	}
	*out = v;
	return 0;
}

static int expect(const char **p, char c)
{
	return *(*p)++ == c ? 0 : -1;
}

/* ".123" after the seconds: up to nine digits, as ns. */
static int fraction(const char **p, int64_t *ns)
{
	int n = 0, i;

	*ns = 0;
	if (**p != '.')
		return 0;
	for ((*p)++; isdigit((unsigned char)**p); (*p)++, n++) {
		if (n == 9)
			return -1;
		*ns = *ns * 10 + (**p - '0');
	}
	for (i = n; i < 9; i++)
		*ns *= 10;
	return n ? 0 : -1;	/* "10:00:00.Z" is not a time */
}

int nd_parse_time(const char *s, int64_t *ns)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, se;
	int64_t frac;
	time_t t;

	if (digits(&s, 4, &y) || expect(&s, '-') || digits(&s, 2, &mo) ||
	    expect(&s, '-') || digits(&s, 2, &d) || expect(&s, 'T') ||
	    digits(&s, 2, &h) || expect(&s, ':') || digits(&s, 2, &mi) ||
	    expect(&s, ':') || digits(&s, 2, &se) || fraction(&s, &frac) ||
	    expect(&s, 'Z') || *s)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	/* Nanoseconds in an int64_t, with room for bucket arithmetic: the
	 * years 1833 to 2106 (the fuzzer found year 9999 overflowing). */
	if (t < -(1LL << 32) || t > (1LL << 32))
		return -1;
	*ns = (int64_t)t * 1000000000LL + frac;
	return 0;
}

static int port(const char *s, uint16_t *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v > 65535)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

static int set_addr(struct nd_activity *a, const char *ip, int af)
{
	unsigned char buf[16];

	/* Written back in canonical form, as the collector writes it. */
	if (inet_pton(af, ip, buf) != 1 ||
	    !inet_ntop(af, buf, a->dest_ip, sizeof(a->dest_ip)))
		return -1;
	a->ip_version = af == AF_INET ? 4 : 6;
	return 0;
}

int nd_parse_dest(const char *s, struct nd_activity *a)
{
	char ip[64];
	const char *colon, *close;
	size_t n;

	a->dest_port = 0;
	if (s[0] == '[') {
		close = strchr(s, ']');
		n = close ? (size_t)(close - s - 1) : sizeof(ip);
		if (n >= sizeof(ip) || (close[1] && (close[1] != ':' ||
						    port(close + 2, &a->dest_port))))
			return -1;
		memcpy(ip, s + 1, n);
		ip[n] = '\0';
		return set_addr(a, ip, AF_INET6);
	}
	if (strchr(s, ':') != strrchr(s, ':'))
		return set_addr(a, s, AF_INET6);	/* bare IPv6 */
	colon = strchr(s, ':');
	n = colon ? (size_t)(colon - s) : strlen(s);
	if (n >= sizeof(ip) || (colon && port(colon + 1, &a->dest_port)))
		return -1;
	memcpy(ip, s, n);
	ip[n] = '\0';
	return set_addr(a, ip, AF_INET);
}

static const char *const activity_keys[] = {
	"exe", "connects", "uid", "pid", "dest", "transport", "comm", "dev",
	"ino",
};

static int check_keys(json_t *obj, const char *const *keys, size_t n,
		      char *why, size_t whylen)
{
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach(obj, key, v) {
		for (i = 0; i < n; i++)
			if (!strcmp(key, keys[i]))
				break;
		if (i == n) {
			snprintf(why, whylen, "unknown key \"%s\"", key);
			return -1;
		}
	}
	return 0;
}

/* An optional non-negative integer member. */
static int uint_member(json_t *o, const char *key, uint64_t max,
		       uint64_t *out, char *why, size_t whylen)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    (uint64_t)json_integer_value(v) > max) {
		snprintf(why, whylen, "\"%s\" must be an integer from 0 to "
			 "%llu", key, (unsigned long long)max);
		return -1;
	}
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

static const char *str_member(json_t *o, const char *key, bool *bad)
{
	json_t *v = json_object_get(o, key);

	if (v && !json_is_string(v))
		*bad = true;
	return json_string_value(v);
}

static void default_comm(struct nd_activity *a, const char *exe)
{
	const char *slash = strrchr(exe, '/');

	snprintf(a->comm, sizeof(a->comm), "%s", slash ? slash + 1 : exe);
}

static int strings(json_t *o, struct nd_activity *a, char *why,
		   size_t whylen)
{
	bool bad = false;
	const char *exe = str_member(o, "exe", &bad);
	const char *dest = str_member(o, "dest", &bad);
	const char *tr = str_member(o, "transport", &bad);
	const char *comm = str_member(o, "comm", &bad);

	if (bad || !exe || !exe[0]) {
		snprintf(why, whylen, "\"exe\" (a non-empty string) is "
			 "required; \"dest\", \"transport\", \"comm\" are "
			 "strings");
		return -1;
	}
	a->exe = (char *)exe;
	if (comm)
		snprintf(a->comm, sizeof(a->comm), "%s", comm);
	else
		default_comm(a, exe);
	if (dest && nd_parse_dest(dest, a)) {
		snprintf(why, whylen, "\"dest\": \"%s\" is not ADDR, ADDR:PORT"
			 " or [ADDR6]:PORT", dest);
		return -1;
	}
	a->transport = nd_transport_name(tr);
	if (tr && !a->transport) {
		snprintf(why, whylen, "\"transport\" must be \"tcp\" or "
			 "\"udp\"");
		return -1;
	}
	return 0;
}

static int one_activity(json_t *o, struct nd_bucket *b, char *why,
			size_t whylen)
{
	struct nd_activity a = { .connects = 1 };
	uint64_t uid = 0, pid = 0;

	if (!json_is_object(o)) {
		snprintf(why, whylen, "\"active\" holds objects");
		return -1;
	}
	if (check_keys(o, activity_keys, sizeof(activity_keys) /
		       sizeof(activity_keys[0]), why, whylen) ||
	    strings(o, &a, why, whylen) ||
	    uint_member(o, "connects", INT64_MAX, &a.connects, why, whylen) ||
	    uint_member(o, "uid", UINT32_MAX, &uid, why, whylen) ||
	    uint_member(o, "pid", INT32_MAX, &pid, why, whylen) ||
	    uint_member(o, "dev", INT64_MAX, &a.dev, why, whylen) ||
	    uint_member(o, "ino", INT64_MAX, &a.ino, why, whylen))
		return -1;
	a.uid = (uid_t)uid;
	a.pid = (pid_t)pid;
	/* Zero connects: listed but idle, as the collector never reports. */
	if (!a.connects)
		return 0;
	if (!nd_bucket_add(b, &a)) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	return 0;
}

static int parse_object(json_t *root, uint32_t span_s, struct nd_bucket *b,
			char *why, size_t whylen)
{
	static const char *const keys[] = { "time", "active" };
	json_t *time = json_object_get(root, "time");
	json_t *active = json_object_get(root, "active");
	int64_t ns;
	size_t i;

	if (!json_is_object(root)) {
		snprintf(why, whylen, "a line is one JSON object");
		return -1;
	}
	if (check_keys(root, keys, 2, why, whylen))
		return -1;
	if (!json_is_string(time) || nd_parse_time(json_string_value(time),
						   &ns)) {
		snprintf(why, whylen, "\"time\" must be an RFC 3339 UTC time "
			 "such as \"2026-11-28T10:00:00Z\"");
		return -1;
	}
	if (active && !json_is_array(active)) {
		snprintf(why, whylen, "\"active\" must be an array");
		return -1;
	}
	nd_bucket_init(b, nd_bucket_index(ns, span_s) * (int64_t)span_s *
		       1000000000LL);
	for (i = 0; i < json_array_size(active); i++)
		if (one_activity(json_array_get(active, i), b, why, whylen))
			return -1;
	return 0;
}

int nd_replay_parse_line(const char *line, uint32_t span_s,
			 struct nd_bucket *b, char *why, size_t whylen)
{
	json_error_t jerr;
	json_t *root;
	const char *p = line;

	nd_bucket_init(b, 0);
	while (isspace((unsigned char)*p))
		p++;
	if (!*p || *p == '#')
		return 1;
	root = json_loads(p, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		snprintf(why, whylen, "not JSON: %s (column %d)", jerr.text,
			 jerr.column);
		return -1;
	}
	if (parse_object(root, span_s, b, why, whylen)) {
		nd_bucket_free(b);
		json_decref(root);
		return -1;
	}
	json_decref(root);
	return 0;
}
