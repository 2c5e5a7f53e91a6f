// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one line an alert becomes in syslog: what ran, as whom, where it
 * connected and why that is unusual, in that order, so that the start of
 * the line is enough to act on.
 *
 * The path and comm are chosen by whoever created the file or process: a
 * newline in them must not forge a second log line, so every byte outside
 * printable ASCII is written as \xNN (and a backslash as \\).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "output.h"

/* Append @s to @buf at *@off, escaped; stops cleanly when @buf is full. */
static void put_escaped(char *buf, size_t len, size_t *off, const char *s,
			size_t max)
{
	for (size_t i = 0; i < max && s[i] && *off + 5 < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\\')
			*off += (size_t)snprintf(buf + *off, len - *off, "\\\\");
		else if (ch < 0x20 || ch >= 0x7f)
			*off += (size_t)snprintf(buf + *off, len - *off,
						 "\\x%02x", ch);
		else
			buf[(*off)++] = (char)ch;
	}
	buf[*off] = '\0';
}

/* Append printf output to @buf at *@off, never past its end. */
static void put_fmt(char *buf, size_t len, size_t *off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put_fmt(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*off >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n > 0)
		*off += (size_t)n < len - *off ? (size_t)n : len - *off - 1;
}

static void put_destination(const struct nd_alert *a, char *buf, size_t len,
			    size_t *off)
{
	if (!a->dest_ip[0] && !a->dest_port)
		return;
	put_fmt(buf, len, off, " to ");
	if (a->dest_ip[0] && strchr(a->dest_ip, ':') && a->dest_port)
		put_fmt(buf, len, off, "[%s]", a->dest_ip);	/* IPv6 */
	else
		put_escaped(buf, len, off, a->dest_ip[0] ? a->dest_ip : "?",
			    sizeof(a->dest_ip));
	if (a->dest_port)
		put_fmt(buf, len, off, ":%u", a->dest_port);
	if (a->transport)
		put_fmt(buf, len, off, "/%s", a->transport);
}

const char *nd_alert_line(const struct nd_alert *a, char *buf, size_t len)
{
	size_t off = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	if (a->tamper) {
		put_fmt(buf, len, &off, "netanom tamper: %s: %s", a->tamper,
			a->tamper_reason ? a->tamper_reason : "");
		return buf;
	}
	put_fmt(buf, len, &off, "unusual network activity: ");
	put_escaped(buf, len, &off, a->exe ? a->exe : "?", (size_t)-1);
	put_fmt(buf, len, &off, " (pid %d, uid %u, comm ", (int)a->pid,
		(unsigned int)a->uid);
	put_escaped(buf, len, &off, a->comm, sizeof(a->comm));
	put_fmt(buf, len, &off, ") made %llu connect%s",
		(unsigned long long)a->connects, a->connects == 1 ? "" : "s");
	put_destination(a, buf, len, &off);
	put_fmt(buf, len, &off, "; score %.0f", a->score);
	if (a->first_occurrence)
		put_fmt(buf, len, &off,
			", first network use in %.0f observed buckets",
			a->buckets_observed);
	else
		put_fmt(buf, len, &off, ", active in %.1f of %.0f buckets",
			a->buckets_active, a->buckets_observed);
	put_fmt(buf, len, &off, " (probability %.4g)", a->probability);
	return buf;
}
