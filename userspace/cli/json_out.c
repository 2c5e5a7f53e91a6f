// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A streaming JSON writer, for output too large to build as a jansson tree
 * first: "show --json" of 100k entries cost about 110,000 instructions an
 * entry through json_pack() and json_dumpf(), most of it in allocations
 * and in one fwrite() per token.  Here text goes into the writer's buffer
 * and reaches the FILE in large fwrite() calls.
 *
 * Strings come out as cli_json_string() and json_dumpf() (without
 * JSON_ENSURE_ASCII) write them: valid UTF-8 as it is, a byte that does
 * not start a valid sequence as the four characters \xNN (so "\\xNN" in
 * the JSON text), '"' and '\\' escaped, \b \f \n \r \t by name, other
 * bytes below 0x20 as \u00XX with upper-case digits; DEL and '/' as they
 * are.
 */
#include <string.h>

#include "cli.h"

/* Longest text one byte of a string can turn into: \u001F. */
#define MAX_ESC 6

#define ALL16(x)	x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x

/* Bytes that stand for themselves: ASCII from the space on, but '"' and
 * '\\'.  NUL is not one: the string's end is found on the slow path. */
static const bool plain[256] = {
	ALL16(false), ALL16(false),			/* 0x00-0x1f */
	true, true, false, true, true, true, true, true,	/* 0x20: '"' */
	true, true, true, true, true, true, true, true,
	ALL16(true), ALL16(true),			/* 0x30-0x4f */
	true, true, true, true, true, true, true, true,	/* 0x50 */
	true, true, true, true, false, true, true, true,	/* 0x5c: '\\' */
	ALL16(true), ALL16(true),			/* 0x60-0x7f */
	ALL16(false), ALL16(false), ALL16(false), ALL16(false),
	ALL16(false), ALL16(false), ALL16(false), ALL16(false),
};

/**
 * cli_jw_init() - start a writer
 * @w: the writer
 * @f: where it writes
 */
void cli_jw_init(struct cli_jw *w, FILE *f)
{
	w->f = f;
	w->n = 0;
	w->failed = false;
}

/**
 * cli_jw_flush() - write out what is buffered
 * @w: the writer
 *
 * After a failed write, text is dropped: the caller sees @w->failed and
 * stops.
 */
void cli_jw_flush(struct cli_jw *w)
{
	if (w->n && !w->failed && fwrite(w->buf, w->n, 1, w->f) != 1)
		w->failed = true;
	w->n = 0;
}

/**
 * cli_jw_big() - cli_jw_raw() when @len bytes do not fit in what is left
 * @w: the writer
 * @s: the bytes
 * @len: how many
 */
void cli_jw_big(struct cli_jw *w, const char *s, size_t len)
{
	cli_jw_flush(w);
	if (len > sizeof(w->buf)) {
		if (!w->failed && fwrite(s, len, 1, w->f) != 1)
			w->failed = true;
		return;
	}
	memcpy(w->buf, s, len);
	w->n = len;
}

static char *escape_ascii(char *o, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";

	*o++ = '\\';
	switch (c) {
	case '"':
	case '\\':
		*o++ = (char)c;
		break;
	case '\b':
		*o++ = 'b';
		break;
	case '\f':
		*o++ = 'f';
		break;
	case '\n':
		*o++ = 'n';
		break;
	case '\r':
		*o++ = 'r';
		break;
	case '\t':
		*o++ = 't';
		break;
	default:
		memcpy(o, "u00", 3);
		o[3] = hex[c >> 4];
		o[4] = hex[c & 15];
		o += 5;
	}
	return o;
}

/* The byte that cli_json_string() turns into the characters \xNN comes
 * out as JSON text \\xNN, lower-case as its "%02x". */
static char *escape_invalid(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	memcpy(o, "\\\\x", 3);
	o[3] = hex[c >> 4];
	o[4] = hex[c & 15];
	return o + 5;
}

/**
 * cli_jw_string() - write @s as a quoted JSON string
 * @w: the writer
 * @s: NUL-terminated bytes, in any encoding
 */
void cli_jw_string(struct cli_jw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *o = cli_jw_room(w, MAX_ESC + 2);
	/* Room for one more byte's text and the closing quote while o is
	 * at or below lim: one check a byte. */
	char *lim = w->buf + sizeof(w->buf) - (MAX_ESC + 1);
	unsigned char c;
	size_t n;

	*o++ = '"';
	for (;;) {
		if (o > lim) {
			cli_jw_done(w, o);
			cli_jw_flush(w);
			o = w->buf;
		}
		c = *p;
		if (plain[c]) {
			*o++ = (char)c;
			p++;
		} else if (!c) {
			break;
		} else if (c < 0x80) {
			o = escape_ascii(o, c);
			p++;
		} else {
			n = cli_utf8_len(p);
			if (n) {
				memcpy(o, p, n);
				o += n;
				p += n;
			} else {
				o = escape_invalid(o, c);
				p++;
			}
		}
	}
	*o++ = '"';
	cli_jw_done(w, o);
}

/**
 * cli_jw_finish() - write out what is buffered and flush the FILE
 * @w: the writer
 *
 * Return: 0, or -1 when a write failed (the FILE's error flag tells why).
 */
int cli_jw_finish(struct cli_jw *w)
{
	cli_jw_flush(w);
	if (!w->failed && (fflush(w->f) != 0 || ferror(w->f)))
		w->failed = true;
	return w->failed ? -1 : 0;
}
