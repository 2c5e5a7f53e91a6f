// SPDX-License-Identifier: GPL-2.0-or-later
/* The output capture of cli_capture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli_capture.h"

int cli_capture(struct cli_ctx *ctx, int argc, char **argv, char **out,
		char **err)
{
	size_t out_len, err_len;
	int ret;

	free(*out);
	free(*err);
	*out = *err = NULL;
	ctx->out = open_memstream(out, &out_len);
	ctx->err = open_memstream(err, &err_len);
	assert_non_null(ctx->out);
	assert_non_null(ctx->err);
	ret = cli_run(ctx, argc, argv);
	fclose(ctx->out);
	fclose(ctx->err);
	return ret;
}

void text_has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" not in:\n%s", want, text);
}
