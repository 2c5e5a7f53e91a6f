// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Numbers, an entry's time and its destination as text, without stdio:
 * the same text as "%" PRIu64 and libnetanom's netanom_format_time() and
 * netanom_format_dest(), for a small part of the cost.  Those go through
 * gmtime_r(), strftime(), inet_ntop() and snprintf(): about 2,700
 * instructions a time and 2,800 (IPv4) to 4,700 (IPv6) a destination,
 * which "show --json" of 100k entries pays three times an entry.  The unit
 * tests hold these to the library's text.
 */
#include <string.h>
#include <sys/socket.h>

#include "cli.h"

#define NS_PER_SEC	1000000000ULL
#define SEC_PER_DAY	86400U

/* "00" to "99": two digits per division, half the divisions. */
static const char pairs[] =
	"00010203040506070809101112131415161718192021222324"
	"25262728293031323334353637383940414243444546474849"
	"50515253545556575859606162636465666768697071727374"
	"75767778798081828384858687888990919293949596979899";

static char *put2(char *o, unsigned int v)
{
	o[0] = pairs[2 * v];
	o[1] = pairs[2 * v + 1];
	return o + 2;
}

/**
 * cli_put_u64() - @v in decimal, as "%" PRIu64 writes it
 * @o: output, 20 bytes
 * @v: the number
 *
 * Return: the end of what was written (no NUL).
 */
char *cli_put_u64(char *o, uint64_t v)
{
	uint64_t ten = 10;
	int len = 1;
	char *e;

	if (v < 10) {		/* most counters of most entries */
		*o = (char)('0' + v);
		return o + 1;
	}
	/* Count the digits first, then write them from the last one: no
	 * copy from a scratch buffer. */
	while (len < 20 && v >= ten) {
		len++;
		ten *= 10;
	}
	e = o + len;
	while (v >= 100) {
		e -= 2;
		put2(e, (unsigned int)(v % 100));
		v /= 100;
	}
	if (v >= 10)
		put2(e - 2, (unsigned int)v);
	else
		e[-1] = (char)('0' + v);
	return o + len;
}

/*
 * Days since 1970-01-01 to a proleptic Gregorian date: count from
 * 0000-03-01 so that the leap day ends a year, in 400-year eras of
 * 146,097 days.  Unsigned throughout: ns since the epoch is never
 * negative.
 */
static void civil_from_days(uint64_t days, uint64_t *y, unsigned int *m,
			    unsigned int *d)
{
	uint64_t z = days + 719468;	/* days from 0000-03-01 */
	uint64_t era = z / 146097;
	unsigned int doe = (unsigned int)(z - era * 146097);
	unsigned int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) /
			   365;
	unsigned int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned int mp = (5 * doy + 2) / 153;	/* 0 = March */

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/**
 * cli_put_time() - "2026-11-28T04:36:16.123456789Z", as netanom_format_time()
 * @o: output, NETANOM_TIME_LEN bytes
 * @ns: ns since the Unix epoch
 *
 * POSIX time, as the kernel's CLOCK_REALTIME counts it: every day has
 * 86,400 seconds.  (glibc's gmtime_r() would insert leap seconds under a
 * "right/" time zone; nothing else differs.)  2^64 ns is in the year 2554:
 * the year always has four digits.
 *
 * Return: the end of what was written (no NUL).
 */
char *cli_put_time(char *o, uint64_t ns)
{
	/* The date of the last call: a table sorted by last_seen asks for
	 * the same day again and again.  netanomctl has one thread. */
	static uint64_t last_day = UINT64_MAX;
	static char date[11];
	uint64_t sec = ns / NS_PER_SEC, y;
	unsigned int tod = (unsigned int)(sec % SEC_PER_DAY), m, d;
	unsigned int frac = (unsigned int)(ns % NS_PER_SEC);
	char *q = date;

	if (sec / SEC_PER_DAY != last_day) {
		last_day = sec / SEC_PER_DAY;
		civil_from_days(last_day, &y, &m, &d);
		q = put2(q, (unsigned int)y / 100);
		q = put2(q, (unsigned int)y % 100);
		*q++ = '-';
		q = put2(q, m);
		*q++ = '-';
		q = put2(q, d);
		*q = 'T';
	}
	memcpy(o, date, sizeof(date));
	o += sizeof(date);
	o = put2(o, tod / 3600);
	*o++ = ':';
	o = put2(o, tod / 60 % 60);
	*o++ = ':';
	o = put2(o, tod % 60);
	*o++ = '.';
	*o++ = (char)('0' + frac / 100000000);
	o = put2(o, frac / 1000000 % 100);
	o = put2(o, frac / 10000 % 100);
	o = put2(o, frac / 100 % 100);
	o = put2(o, frac % 100);
	*o++ = 'Z';
	return o;
}

static char *put_ipv4(char *o, const uint8_t *a)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (i)
			*o++ = '.';
		o = cli_put_u64(o, a[i]);
	}
	return o;
}

static char *put_hex16(char *o, unsigned int v)
{
	static const char hex[] = "0123456789abcdef";
	int shift = 12;

	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		*o++ = hex[(v >> shift) & 15];
	return o;
}

/*
 * As glibc's inet_ntop(): the first longest run of two or more zero
 * groups becomes "::"; an address whose first five groups are zero and
 * the sixth 0 or ffff (IPv4-compatible or IPv4-mapped) ends in dotted
 * IPv4, unless the zero run reaches past the sixth group ("::1").
 */
static char *put_ipv6(char *o, const uint8_t *a)
{
	unsigned int w[8];
	int i, best = -1, best_len = 0, cur = -1, cur_len = 0;

	for (i = 0; i < 8; i++) {
		w[i] = (unsigned int)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cur < 0) {
				cur = i;
				cur_len = 0;
			}
			cur_len++;
			if (cur_len > best_len) {
				best = cur;
				best_len = cur_len;
			}
		} else {
			cur = -1;
		}
	}
	if (best_len < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				*o++ = ':';
			continue;
		}
		if (i)
			*o++ = ':';
		if (i == 6 && best == 0 &&
		    (best_len == 6 || (best_len == 5 && w[5] == 0xffff)))
			return put_ipv4(o, a + 12);
		o = put_hex16(o, w[i]);
	}
	if (best >= 0 && best + best_len == 8)
		*o++ = ':';
	return o;
}

/**
 * cli_put_dest() - @e's last destination, as netanom_format_dest()
 * @o: output, NETANOM_DEST_LEN bytes
 * @e: the entry
 *
 * Return: the end of what was written (no NUL).
 */
char *cli_put_dest(char *o, const struct netanom_exe *e)
{
	bool v6 = e->last_family == AF_INET6;

	if (e->last_addr_len && (e->last_family == AF_INET || v6)) {
		if (v6) {
			*o++ = '[';
			o = put_ipv6(o, e->last_addr);
			*o++ = ']';
		} else {
			o = put_ipv4(o, e->last_addr);
		}
		if (e->has_last_port) {
			*o++ = ':';
			o = cli_put_u64(o, e->last_port);
		}
	} else if (e->last_family == AF_UNIX) {
		memcpy(o, "unix", 4);
		o += 4;
	} else if (e->last_family) {
		memcpy(o, "af", 2);
		o = cli_put_u64(o + 2, e->last_family);
	}
	return o;
}
