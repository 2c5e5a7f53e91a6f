// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A subcommand's options: --json/-j where it takes it, --help/-h
 * everywhere, "--" to end the options.  Options may follow positional
 * arguments.  --help wins over any other mistake on the line.
 */
#include <string.h>

#include "cli.h"

static bool is(const char *arg, const char *s, const char *l)
{
	return !strcmp(arg, s) || !strcmp(arg, l);
}

static bool is_option(const char *arg)
{
	return arg[0] == '-' && arg[1];
}

/* Only the first mistake is reported. */
static void mistake(const char **bad, const char **why, const char *arg,
		    const char *reason)
{
	if (!*bad) {
		*bad = arg;
		*why = reason;
	}
}

/**
 * cli_parse_args() - parse @argv[1..] of a subcommand
 * @ctx: context, for the usage error
 * @cmd: the subcommand
 * @argc: number of arguments, the subcommand's name included
 * @argv: the subcommand's name, then its arguments
 * @json_ok: the subcommand takes --json
 * @max_pos: most positional arguments it takes (at most CLI_MAX_POS)
 * @a: the result
 *
 * Return: 0, or CLI_USAGE after printing what is wrong.
 */
int cli_parse_args(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		   int argc, char **argv, bool json_ok, int max_pos,
		   struct cli_args *a)
{
	const char *bad = NULL, *why = NULL;
	bool opts = true;
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		char *arg = argv[i];

		if (opts && !strcmp(arg, "--"))
			opts = false;
		else if (opts && is(arg, "-h", "--help"))
			a->help = true;
		else if (opts && json_ok && is(arg, "-j", "--json"))
			a->json = true;
		else if (opts && is_option(arg))
			mistake(&bad, &why, arg, "unknown option");
		else if (a->npos < max_pos && a->npos < CLI_MAX_POS)
			a->pos[a->npos++] = arg;
		else
			mistake(&bad, &why, arg, "unexpected argument");
	}
	if (a->help || !bad)
		return 0;
	return cli_cmd_usage(ctx, cmd, "%s '%s'", why, bad);
}

/**
 * cli_begin() - cli_parse_args(), with --help answered
 * @ctx: context
 * @cmd: the subcommand
 * @argc: as for cli_parse_args()
 * @argv: as for cli_parse_args()
 * @json_ok: the subcommand takes --json
 * @max_pos: most positional arguments it takes
 * @a: the result
 *
 * Every subcommand starts the same way: parse, and print its help when
 * asked.  What is left is the subcommand's own work.
 *
 * Return: CLI_GO when the subcommand goes on with @a; otherwise the exit
 * status it returns at once (CLI_OK after the help, CLI_USAGE).
 */
int cli_begin(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
	      int argc, char **argv, bool json_ok, int max_pos,
	      struct cli_args *a)
{
	int ret = cli_parse_args(ctx, cmd, argc, argv, json_ok, max_pos, a);

	if (ret)
		return ret;
	if (a->help) {
		cli_cmd_help(ctx, cmd);
		return CLI_OK;
	}
	return CLI_GO;
}
