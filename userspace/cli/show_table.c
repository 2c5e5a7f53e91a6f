// SPDX-License-Identifier: GPL-2.0-or-later
/* "show" for people: one aligned row per entry. */
#include <inttypes.h>

#include "cli.h"
#include "table.h"

static const struct table_col cols[] = {
	{ "EXE", false }, { "CONNECTS", true }, { "LOOPBACK", true },
	{ "TCP4", true }, { "TCP6", true }, { "UDP4", true },
	{ "UDP6", true }, { "OTHER", true }, { "SENDTO", true },
	{ "FASTOPEN", true }, { "LISTEN", true }, { "ACCEPT", true },
	{ "LAST SEEN", true },
	{ "LAST PID", true }, { "LAST UID", true }, { "LAST DEST", false },
	{ "COMM", false },
};

#define NCOLS (sizeof(cols) / sizeof(cols[0]))
#define NS_PER_SEC 1000000000ULL

/**
 * cli_format_age() - how long ago @then_ns was: "now", "42s ago", "5m ago",
 * "3h ago", "12d ago"; "-" for never (0)
 * @then_ns: the time, ns since the epoch
 * @now_ns: now
 * @buf: output
 * @len: its size
 *
 * Return: @buf.
 */
const char *cli_format_age(uint64_t then_ns, uint64_t now_ns, char *buf,
			   size_t len)
{
	uint64_t s;

	if (!then_ns) {
		snprintf(buf, len, "-");
		return buf;
	}
	s = then_ns < now_ns ? (now_ns - then_ns) / NS_PER_SEC : 0;
	if (s == 0)
		snprintf(buf, len, "now");
	else if (s < 60)
		snprintf(buf, len, "%" PRIu64 "s ago", s);
	else if (s < 3600)
		snprintf(buf, len, "%" PRIu64 "m ago", s / 60);
	else if (s < 86400)
		snprintf(buf, len, "%" PRIu64 "h ago", s / 3600);
	else
		snprintf(buf, len, "%" PRIu64 "d ago", s / 86400);
	return buf;
}

static int add_exe(struct table *t, const struct netanom_exe *e,
		   uint64_t now_ns)
{
	const uint64_t v[] = {
		netanom_exe_connects(e), e->loopback, e->tcp4, e->tcp6,
		e->udp4, e->udp6, e->other, e->sendto, e->fastopen,
		e->listens, e->accepts, e->last_pid,
	};
	char num[sizeof(v) / sizeof(v[0])][24], age[32];
	char dest[NETANOM_DEST_LEN], uid[16];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		snprintf(num[i], sizeof(num[i]), "%" PRIu64, v[i]);
	snprintf(uid, sizeof(uid), "%" PRIu32, e->last_uid);
	const char *row[NCOLS] = {
		e->path, num[0], num[1], num[2], num[3], num[4], num[5],
		num[6], num[7], num[8], num[9], num[10],
		cli_format_age(e->last_seen_ns, now_ns, age, sizeof(age)),
		num[11], uid, netanom_format_dest(e, dest, sizeof(dest)),
		e->comm,
	};
	return table_add(t, row);
}

/**
 * cli_print_exe_table() - print @v as a table, in the order given
 * @ctx: context (output and the current time)
 * @v: entries
 * @n: how many
 *
 * Return: CLI_OK, or CLI_ERROR when out of memory.
 */
int cli_print_exe_table(const struct cli_ctx *ctx,
			const struct netanom_exe *v, size_t n)
{
	struct table t;
	size_t i;

	table_init(&t, cols, NCOLS);
	for (i = 0; i < n; i++) {
		if (add_exe(&t, &v[i], ctx->now_ns) < 0) {
			table_free(&t);
			fprintf(ctx->err, PROG ": out of memory\n");
			return CLI_ERROR;
		}
	}
	table_print(&t, ctx->out);
	table_free(&t);
	return CLI_OK;
}
