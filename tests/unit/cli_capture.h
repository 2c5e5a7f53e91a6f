/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netanomctl run in a unit test with its output caught in memory. */
#ifndef NETANOM_TEST_CLI_CAPTURE_H
#define NETANOM_TEST_CLI_CAPTURE_H

#include "cli.h"

/**
 * cli_capture() - cli_run() with standard output and error caught
 * @ctx: the context to run in; its @out and @err are set here
 * @argc: the number of arguments in @argv
 * @argv: the command line, "netanomctl" first
 * @out: the text written to standard output; a text left there by an
 *	earlier run is freed first
 * @err: likewise, the text written to standard error
 *
 * Return: what cli_run() returned.  The caller frees *@out and *@err.
 */
int cli_capture(struct cli_ctx *ctx, int argc, char **argv, char **out,
		char **err);

/**
 * text_has() - fail the running test unless @want is part of @text
 * @text: the text looked in, e.g. what cli_capture() caught
 * @want: the text looked for
 */
void text_has(const char *text, const char *want);

#endif /* NETANOM_TEST_CLI_CAPTURE_H */
