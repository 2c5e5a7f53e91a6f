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

/* Key literals with the indentation of JSON_INDENT(2) before them; ""
 * refuses anything but a string literal, whose sizeof is its length + 1. */
#define KEY(w, k)	cli_jw_raw(w, "" k, sizeof(k) - 1)
#define I4		",\n    \""
#define I6		",\n      \""

static void num(struct cli_jw *w, uint64_t v)
{
	cli_jw_done(w, cli_put_u64(cli_jw_room(w, 20),
				   v > INT64_MAX ? INT64_MAX : v));
}

/* Times and destinations are digits, letters and ".:[]-": nothing to
 * escape. */
static void time_of(struct cli_jw *w, uint64_t ns)
{
	char *o = cli_jw_room(w, NETANOM_TIME_LEN + 2);

	*o++ = '"';
	o = cli_put_time(o, ns);
	*o++ = '"';
	cli_jw_done(w, o);
}

static void dest_of(struct cli_jw *w, const struct netanom_exe *e)
{
	char *o = cli_jw_room(w, NETANOM_DEST_LEN + 2);

	*o++ = '"';
	o = cli_put_dest(o, e);
	*o++ = '"';
	cli_jw_done(w, o);
}

static void put_exe(struct cli_jw *w, const struct netanom_exe *e)
{
	KEY(w, "{\n    \"exe\": ");
	cli_jw_string(w, e->path);
	KEY(w, I4 "dev\": ");
	num(w, e->dev);
	KEY(w, I4 "ino\": ");
	num(w, e->ino);
	KEY(w, I4 "comm\": ");
	cli_jw_string(w, e->comm);
	KEY(w, I4 "connects\": ");
	num(w, netanom_exe_connects(e));
	KEY(w, I4 "loopback\": ");
	num(w, e->loopback);
	KEY(w, I4 "by_proto\": {\n      \"tcp4\": ");
	num(w, e->tcp4);
	KEY(w, I6 "tcp6\": ");
	num(w, e->tcp6);
	KEY(w, I6 "udp4\": ");
	num(w, e->udp4);
	KEY(w, I6 "udp6\": ");
	num(w, e->udp6);
	KEY(w, I6 "other\": ");
	num(w, e->other);
	KEY(w, "\n    }" I4 "first_seen\": ");
	time_of(w, e->first_seen_ns);
	KEY(w, I4 "last_seen\": ");
	time_of(w, e->last_seen_ns);
	KEY(w, I4 "last_pid\": ");
	num(w, e->last_pid);
	KEY(w, I4 "last_uid\": ");
	num(w, e->last_uid);
	KEY(w, I4 "last_dest\": ");
	dest_of(w, e);
	KEY(w, I4 "sendto\": ");
	num(w, e->sendto);
	KEY(w, I4 "fastopen\": ");
	num(w, e->fastopen);
	KEY(w, I4 "listen\": ");
	num(w, e->listens);
	KEY(w, I4 "accept\": ");
	num(w, e->accepts);
	KEY(w, I4 "excluded\": ");
	num(w, e->excluded);
	KEY(w, "\n  }");
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
		KEY(&w, "[]\n");
	for (i = 0; i < n && !w.failed; i++) {
		if (i)
			KEY(&w, ",\n  ");
		else
			KEY(&w, "[\n  ");
		put_exe(&w, &v[i]);
	}
	if (n)
		KEY(&w, "\n]\n");
	return cli_jw_finish(&w) ? CLI_ERROR : CLI_OK;
}
