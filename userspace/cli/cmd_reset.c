// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl reset */
#include "cli.h"

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct netanom_error err;
	struct cli_args a;
	struct netanom *h;
	int ret;

	ret = cli_begin(ctx, cmd, argc, argv, false, 0, &a);
	if (ret != CLI_GO)
		return ret;
	ret = cli_open(ctx, &h);
	if (ret)
		return ret;
	if (netanom_reset(h, &err) < 0)
		ret = cli_report(ctx, &err);
	netanom_close(h);
	return ret;
}

const struct cli_cmd cli_cmd_reset = {
	.name = "reset",
	.args = "",
	.summary = "Empty the module's table: every counter starts again",
	.help = "  -h, --help   this help\n",
	.run = run,
};
