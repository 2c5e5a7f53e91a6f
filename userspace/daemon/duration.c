// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Durations in the configuration: "10s", "15m", "1h", "2d" or plain
 * seconds.  One number and at most one unit: "1h30m" is refused rather
 * than guessed at, and so is a fraction ("1.5h"), so that what the file
 * says is exactly what the daemon does.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "config.h"

/* Seconds in one unit, or 0 when @u is not a unit. */
static uint64_t unit_seconds(char u)
{
	switch (u) {
	case 's':
		return 1;
	case 'm':
		return 60;
	case 'h':
		return 3600;
	case 'd':
		return 86400;
	default:
		return 0;
	}
}

int nd_parse_duration(const char *s, uint32_t *out)
{
	unsigned long long n;
	uint64_t mult = 1;
	char *end;

	/* strtoull would accept leading blanks and a sign: refuse both. */
	if (!s || !isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	if (*end) {
		mult = unit_seconds(*end);
		if (!mult || end[1])
			return -1;
	}
	if (n == 0 || n > UINT32_MAX / mult)
		return -1;
	*out = (uint32_t)(n * mult);
	return 0;
}
