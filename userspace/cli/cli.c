// SPDX-License-Identifier: GPL-2.0-or-later
/* The table of subcommands and the program's own options. */
#include <string.h>

#include "cli.h"

static const struct cli_cmd *const cmds[] = {
	&cli_cmd_show,
	&cli_cmd_stats,
	&cli_cmd_watch,
	&cli_cmd_config,
	&cli_cmd_reset,
	&cli_cmd_exclude,
	&cli_cmd_baseline,
	&cli_cmd_explain,
	&cli_cmd_alerts,
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static const struct cli_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (!strcmp(cmds[i]->name, name))
			return cmds[i];
	return NULL;
}

static void prog_help(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: " PROG " [-h | --help | --version] COMMAND [ARGS]\n"
		"\nLive per-executable network use counters of the netanom "
		"kernel module,\nand what netanomd learned from them.\n\n"
		"Commands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %-8s %-38s %s\n", cmds[i]->name, cmds[i]->args,
			cmds[i]->summary);
	fprintf(f, "\nRun '" PROG " COMMAND --help' for a command's help.\n"
		"Exit status: 0 success, 1 error, 2 usage error.\n"
		"show, stats, watch, config, reset and exclude need CAP_NET_ADMIN and the netanom "
		"module;\nbaseline, explain and alerts read netanomd's database.\n");
}

static int prog_usage(const struct cli_ctx *ctx, const char *what,
		      const char *arg)
{
	fprintf(ctx->err, PROG ": %s '%s'\n", what, arg);
	fprintf(ctx->err, "Run '" PROG " --help' for the commands.\n");
	return CLI_USAGE;
}

static int help_cmd(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd *cmd;

	if (argc < 3) {
		prog_help(ctx->out);
		return CLI_OK;
	}
	cmd = find_cmd(argv[2]);
	if (!cmd)
		return prog_usage(ctx, "unknown command", argv[2]);
	cli_cmd_help(ctx, cmd);
	return CLI_OK;
}

static bool is_opt(const char *arg, const char *s, const char *l)
{
	return !strcmp(arg, s) || !strcmp(arg, l);
}

/**
 * cli_run() - run netanomctl
 * @ctx: where to read and write
 * @argc: as main()'s
 * @argv: as main()'s
 *
 * Return: the exit code: CLI_OK, CLI_ERROR or CLI_USAGE.
 */
int cli_run(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd *cmd;
	const char *arg;

	if (argc < 2) {
		prog_help(ctx->err);
		return CLI_USAGE;
	}
	arg = argv[1];
	if (is_opt(arg, "-h", "--help") || !strcmp(arg, "help"))
		return help_cmd(ctx, argc, argv);
	if (is_opt(arg, "-V", "--version")) {
		fprintf(ctx->out, PROG " %s (generic netlink family %s, "
			"version %d)\n", NETANOM_VERSION, NETANOM_GENL_NAME,
			NETANOM_GENL_VERSION);
		return CLI_OK;
	}
	if (arg[0] == '-')
		return prog_usage(ctx, "unknown option", arg);
	cmd = find_cmd(arg);
	if (!cmd)
		return prog_usage(ctx, "unknown command", arg);
	return cmd->run(ctx, cmd, argc - 1, argv + 1);
}
