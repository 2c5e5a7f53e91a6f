// SPDX-License-Identifier: GPL-2.0-or-later
/* Reporting library errors, opening the handle, printing JSON. */
#include "cli.h"

/**
 * cli_report() - print "netanomctl: <what>: <why>[: <kernel message>]"
 * @ctx: context
 * @err: the error
 *
 * Return: CLI_ERROR.
 */
int cli_report(const struct cli_ctx *ctx, const struct netanom_error *err)
{
	char buf[512];

	fprintf(ctx->err, PROG ": %s\n",
		netanom_error_format(err, buf, sizeof(buf)));
	return CLI_ERROR;
}

/**
 * cli_open() - open a handle, or report why not
 * @ctx: context
 * @hp: the handle
 *
 * Return: CLI_OK or CLI_ERROR.
 */
int cli_open(const struct cli_ctx *ctx, struct netanom **hp)
{
	struct netanom_error err;

	if (ctx->open(ctx->open_arg, hp, &err) < 0)
		return cli_report(ctx, &err);
	return CLI_OK;
}

/**
 * cli_print_json() - print @root, indented, and drop the reference
 * @ctx: context
 * @root: the value; NULL means building it ran out of memory
 *
 * Return: CLI_OK or CLI_ERROR.
 */
int cli_print_json(const struct cli_ctx *ctx, json_t *root)
{
	int ret;

	if (!root) {
		fprintf(ctx->err, PROG ": building the JSON output failed\n");
		return CLI_ERROR;
	}
	ret = json_dumpf(root, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	fputc('\n', ctx->out);
	return ret ? CLI_ERROR : CLI_OK;
}
