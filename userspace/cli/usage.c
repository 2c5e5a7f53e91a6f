// SPDX-License-Identifier: GPL-2.0-or-later
/* A subcommand's --help, and its usage errors. */
#include <stdarg.h>

#include "cli.h"

/**
 * cli_cmd_help() - print @cmd's help on standard output
 * @ctx: context
 * @cmd: the subcommand
 */
void cli_cmd_help(const struct cli_ctx *ctx, const struct cli_cmd *cmd)
{
	fprintf(ctx->out, "Usage: " PROG " %s %s\n\n%s.\n", cmd->name,
		cmd->args, cmd->summary);
	if (cmd->help)
		fprintf(ctx->out, "\n%s", cmd->help);
}

/**
 * cli_cmd_usage() - report a usage error of @cmd on standard error
 * @ctx: context
 * @cmd: the subcommand
 * @fmt: printf format of what is wrong
 *
 * Return: CLI_USAGE.
 */
int cli_cmd_usage(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		  const char *fmt, ...)
{
	va_list ap;

	fprintf(ctx->err, PROG " %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fprintf(ctx->err, "\nUsage: " PROG " %s %s\n", cmd->name, cmd->args);
	return CLI_USAGE;
}
