// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl stats [--json] */
#include "cli.h"

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct netanom_error err;
	struct netanom_stats st;
	struct cli_args a;
	struct netanom *h;
	int ret;

	ret = cli_begin(ctx, cmd, argc, argv, true, 0, &a);
	if (ret != CLI_GO)
		return ret;
	ret = cli_open(ctx, &h);
	if (ret)
		return ret;
	if (netanom_get_stats(h, &st, &err) < 0)
		ret = cli_report(ctx, &err);
	else if (a.json)
		ret = cli_print_json(ctx, cli_stats_json(&st));
	else
		cli_print_stats(ctx, &st);
	netanom_close(h);
	return ret;
}

const struct cli_cmd cli_cmd_stats = {
	.name = "stats",
	.args = "[--json]",
	.summary = "Show the module's own counters",
	.help =
	"hits: connects the probe saw; entries, max_entries: the table;\n"
	"dropped: connects not recorded because the table was full;\n"
	"alloc_failures: not recorded because memory ran out; bytes: memory\n"
	"held by the table; events_sent, events_dropped: new-executable\n"
	"events multicast, and lost to the rate limit or a full queue;\n"
	"resets: RESET requests since the module was loaded; instance:\n"
	"drawn at load, changes when the module is reloaded; locked: loaded\n"
	"with lock=1 (cannot be unloaded).\n"
	"\n"
	"  -j, --json   an object with those eleven keys\n"
	"  -h, --help   this help\n",
	.run = run,
};
