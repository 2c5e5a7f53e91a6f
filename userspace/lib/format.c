// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Entry fields as text: RFC 3339 times, destination addresses, numbers.
 *
 * Written by hand rather than through gmtime_r(), strftime(), inet_ntop()
 * and snprintf(), which cost about 2,700 instructions a time and 2,800
 * (IPv4) to 4,700 (IPv6) a destination: "netanomctl show --json" writes
 * three of them for each of up to 100k entries.  The text is the one those
 * functions write; the unit tests hold it to glibc's.
 */
#include <string.h>
#include <sys/socket.h>

#include "netanom.h"

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

char *netanom_put_u64(char *o, uint64_t v)
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
 * Days since 1970-01-01 to a proleptic Gregorian date, by Neri and
 * Schneider's "Euclidean affine functions" (Software: Practice and
 * Experience 53(4), 2023): count from 0000-03-01 so that the leap day
 * ends a year; centuries of 36,524.25 days, then years of 365.25 days
 * within one, then months of 30.6 days, each a multiplication and a shift
 * or a division by a constant.  2^64 ns is 213,503 days: 32 bits suffice.
 * Cheap enough to do for every time rather than remember the last day's
 * date, which would be state outside the caller's hands.
 */
static void civil_from_days(uint32_t days, unsigned int *y, unsigned int *m,
			    unsigned int *d)
{
	uint32_t n1 = 4 * (days + 719468) + 3;	/* days from 0000-03-01 */
	uint32_t century = n1 / 146097;
	uint32_t n2 = (n1 % 146097) | 3;	/* 4 * day of century + 3 */
	/* 2939745 is 2^32 / 1461, rounded up: the high half is the year of
	 * the century, n2 / 1461; the low half, the part of a year. */
	uint64_t p2 = 2939745ULL * n2;
	uint32_t doy = (uint32_t)p2 / 2939745 / 4;	/* 0 = 1 March */
	uint32_t n3 = 2141 * doy + 197913;
	uint32_t after_dec = doy >= 306;	/* January or February */

	*y = 100 * century + (uint32_t)(p2 >> 32) + after_dec;
	*m = (n3 >> 16) - 12 * after_dec;
	*d = (n3 & 0xffff) / 2141 + 1;
}

char *netanom_put_time(char *o, uint64_t ns)
{
	uint64_t sec = ns / NS_PER_SEC;
	unsigned int tod = (unsigned int)(sec % SEC_PER_DAY), y, m, d;
	unsigned int frac = (unsigned int)(ns % NS_PER_SEC);

	civil_from_days((uint32_t)(sec / SEC_PER_DAY), &y, &m, &d);
	o = put2(o, y / 100);
	o = put2(o, y % 100);
	*o++ = '-';
	o = put2(o, m);
	*o++ = '-';
	o = put2(o, d);
	*o++ = 'T';
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
		o = netanom_put_u64(o, a[i]);
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

char *netanom_put_dest(char *o, const struct netanom_exe *e)
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
			o = netanom_put_u64(o, e->last_port);
		}
	} else if (e->last_family == AF_UNIX) {
		memcpy(o, "unix", 4);
		o += 4;
	} else if (e->last_family) {
		memcpy(o, "af", 2);
		o = netanom_put_u64(o + 2, e->last_family);
	}
	return o;
}

/* @text to @end into @buf of @len, cut short as snprintf() would. */
static const char *copy_out(const char *text, const char *end, char *buf,
			    size_t len)
{
	size_t n = (size_t)(end - text);

	if (!len)
		return buf;
	if (n > len - 1)
		n = len - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	return buf;
}

const char *netanom_format_time(uint64_t ns, char *buf, size_t len)
{
	char text[NETANOM_TIME_LEN];

	return copy_out(text, netanom_put_time(text, ns), buf, len);
}

const char *netanom_format_dest(const struct netanom_exe *e, char *buf,
				size_t len)
{
	char text[NETANOM_DEST_LEN];

	return copy_out(text, netanom_put_dest(text, e), buf, len);
}
