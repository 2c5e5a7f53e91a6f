// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "show --json": an array of objects, one per entry:
 *   exe, dev, ino, comm, connects, loopback,
 *   by_proto {tcp4, tcp6, udp4, udp6, other},
 *   first_seen, last_seen (RFC 3339 UTC, nine fraction digits),
 *   last_pid, last_uid, last_dest (see netanom_format_dest()),
 *   sendto, fastopen, listen, accept (uses other than connect(2); not part
 *   of connects), excluded (uses the module's exclusion lists left out of
 *   every other counter).
 * Counters above 2^63 - 1 (never reached in practice) are clamped to it,
 * as jansson's integers would have them.
 *
 * Each entry is written as it is formatted (json_out.c), not built as a
 * jansson tree for the whole table: the table may hold 100k entries.  The
 * text is the one json_dumpf() wrote with JSON_INDENT(2) and a newline
 * after it, byte for byte; the unit tests compare the two.
 */
#include "cli.h"

/* A literal, with the indentation of JSON_INDENT(2) before the keys: its
 * length known, the copy is a few moves.  "" refuses anything but a
 * string literal, whose sizeof is its length + 1. */
#define LIT(o, k)	(memcpy(o, "" k, sizeof(k) - 1), (o) + sizeof(k) - 1)
#define I4		",\n    \""
#define I6		",\n      \""

/*
 * Room asked for the text between two strings, written without checks:
 * the longest such run, after comm, is at most 708 bytes: 323 of keys and
 * indentation, 14 numbers of at most 19 digits (clamped to 2^63 - 1), two
 * quoted times of 32 and a quoted destination of at most 55
 * ("[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535").
 */
#define RUN_MAX		1024

static char *num(char *o, uint64_t v)
{
	return netanom_put_u64(o, v > INT64_MAX ? INT64_MAX : v);
}

/* Times and destinations are digits, letters and ".:[]-": nothing to
 * escape. */
static char *time_of(char *o, uint64_t ns)
{
	*o++ = '"';
	o = netanom_put_time(o, ns);
	*o++ = '"';
	return o;
}

static char *dest_of(char *o, const struct netanom_exe *e)
{
	*o++ = '"';
	o = netanom_put_dest(o, e);
	*o++ = '"';
	return o;
}

static void put_exe(struct cli_jw *w, const struct netanom_exe *e)
{
	char *o;

	o = cli_jw_room(w, RUN_MAX);
	o = LIT(o, "{\n    \"exe\": ");
	cli_jw_done(w, o);
	cli_jw_string(w, e->path);

	o = cli_jw_room(w, RUN_MAX);
	o = LIT(o, I4 "dev\": ");
	o = num(o, e->dev);
	o = LIT(o, I4 "ino\": ");
	o = num(o, e->ino);
	o = LIT(o, I4 "comm\": ");
	cli_jw_done(w, o);
	cli_jw_string(w, e->comm);

	o = cli_jw_room(w, RUN_MAX);
	o = LIT(o, I4 "connects\": ");
	o = num(o, netanom_exe_connects(e));
	o = LIT(o, I4 "loopback\": ");
	o = num(o, e->loopback);
	o = LIT(o, I4 "by_proto\": {\n      \"tcp4\": ");
	o = num(o, e->tcp4);
	o = LIT(o, I6 "tcp6\": ");
	o = num(o, e->tcp6);
	o = LIT(o, I6 "udp4\": ");
	o = num(o, e->udp4);
	o = LIT(o, I6 "udp6\": ");
	o = num(o, e->udp6);
	o = LIT(o, I6 "other\": ");
	o = num(o, e->other);
	o = LIT(o, "\n    }" I4 "first_seen\": ");
	o = time_of(o, e->first_seen_ns);
	o = LIT(o, I4 "last_seen\": ");
	o = time_of(o, e->last_seen_ns);
	o = LIT(o, I4 "last_pid\": ");
	o = num(o, e->last_pid);
	o = LIT(o, I4 "last_uid\": ");
	o = num(o, e->last_uid);
	o = LIT(o, I4 "last_dest\": ");
	o = dest_of(o, e);
	o = LIT(o, I4 "sendto\": ");
	o = num(o, e->sendto);
	o = LIT(o, I4 "fastopen\": ");
	o = num(o, e->fastopen);
	o = LIT(o, I4 "listen\": ");
	o = num(o, e->listens);
	o = LIT(o, I4 "accept\": ");
	o = num(o, e->accepts);
	o = LIT(o, I4 "excluded\": ");
	o = num(o, e->excluded);
	o = LIT(o, "\n  }");
	cli_jw_done(w, o);
}

/**
 * cli_print_exes_json() - print entries as a JSON array, in the order given
 * @ctx: context; the text goes to @ctx->out
 * @v: entries
 * @n: how many
 *
 * Stops at the first failed write ("show --json > /dev/full", a closed
 * pipe) rather than format the rest for nothing.
 *
 * Return: CLI_OK, or CLI_ERROR when writing failed (ferror(@ctx->out) is
 * set; main() reports it).
 */
int cli_print_exes_json(const struct cli_ctx *ctx,
			const struct netanom_exe *v, size_t n)
{
	struct cli_jw w;
	size_t i;

	cli_jw_init(&w, ctx->out);
	if (!n)
		cli_jw_raw(&w, "[]\n", 3);
	for (i = 0; i < n && !w.failed; i++) {
		cli_jw_raw(&w, i ? ",\n  " : "[\n  ", 4);
		put_exe(&w, &v[i]);
	}
	if (n)
		cli_jw_raw(&w, "\n]\n", 3);
	return cli_jw_finish(&w) ? CLI_ERROR : CLI_OK;
}
