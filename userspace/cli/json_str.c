// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON strings from kernel strings.  A path or a comm is a byte string
 * that need not be UTF-8 (and comm is chosen by the process), but JSON
 * text must be: a byte that does not start a valid UTF-8 sequence is
 * written as the four characters \xNN.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static bool cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/**
 * cli_utf8_len() - length of the valid UTF-8 sequence at @p, or 0
 * @p: NUL-terminated bytes, not at the NUL
 *
 * Overlong forms, surrogates and code points past U+10FFFF are invalid,
 * as jansson's json_string() has them; the streaming writer of "show
 * --json" (json_out.c) escapes by the same rule.
 *
 * Return: 1 to 4, or 0 when the byte at @p does not start a valid sequence.
 */
size_t cli_utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (!cont(p[i]))
			return 0;
	return n;
}

static char *escape_invalid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(strlen(s) * 4 + 1), *o = out;
	size_t n;

	if (!out)
		return NULL;
	while (*p) {
		n = cli_utf8_len(p);
		if (n) {
			memcpy(o, p, n);
			o += n;
			p += n;
		} else {
			o += sprintf(o, "\\x%02x", *p++);
		}
	}
	*o = '\0';
	return out;
}

/**
 * cli_json_string() - a JSON string for @s, invalid bytes escaped
 * @s: NUL-terminated bytes
 *
 * Return: a new reference, or NULL when out of memory.
 */
json_t *cli_json_string(const char *s)
{
	json_t *j = json_string(s);
	char *esc;

	if (j)
		return j;
	esc = escape_invalid(s);
	if (!esc)
		return NULL;
	j = json_string(esc);
	free(esc);
	return j;
}
