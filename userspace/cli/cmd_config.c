// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl config [--json] [KEY VALUE] */
#include "cli.h"

static int print_config(struct cli_ctx *ctx, uint32_t flags,
			const struct netanom_exclude *x, bool json)
{
	json_t *obj = json ? json_object() : NULL;
	size_t i;

	for (i = 0; i < cli_config_nkeys; i++) {
		bool on = flags & cli_config_keys[i].flag;

		if (!json)
			fprintf(ctx->out, "%-11s %s\n", cli_config_keys[i].name,
				on ? "on" : "off");
		else if (obj)
			json_object_set_new(obj, cli_config_keys[i].name,
					    json_boolean(on));
	}
	if (!json || obj)
		cli_print_exclude(ctx, x, obj);
	return json ? cli_print_json(ctx, obj) : CLI_OK;
}

static int get(struct cli_ctx *ctx, struct netanom *h, bool json)
{
	struct netanom_exclude x;
	struct netanom_error err;
	uint32_t flags;

	if (netanom_get_config(h, &flags, &err) < 0 ||
	    netanom_get_exclude(h, &x, &err) < 0)
		return cli_report(ctx, &err);
	return print_config(ctx, flags, &x, json);
}

static int set(struct cli_ctx *ctx, struct netanom *h, uint32_t flag, bool on)
{
	struct netanom_error err;

	if (netanom_set_config(h, on ? flag : 0, flag, &err) < 0)
		return cli_report(ctx, &err);
	return CLI_OK;
}

/* A usage error is found before the kernel is asked anything. */
static int parse_set(struct cli_ctx *ctx, const struct cli_cmd *cmd,
		     const struct cli_args *a, uint32_t *flag, bool *on)
{
	if (a->npos == 1)
		return cli_cmd_usage(ctx, cmd, "missing the value of '%s'",
				     a->pos[0]);
	if (cli_config_key(a->pos[0], flag) < 0)
		return cli_cmd_usage(ctx, cmd, "unknown key '%s' (keys: "
				     "enabled, count_unix)", a->pos[0]);
	if (cli_bool_value(a->pos[1], on) < 0)
		return cli_cmd_usage(ctx, cmd, "bad value '%s' (use 0, 1, on, "
				     "off, true or false)", a->pos[1]);
	return 0;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct cli_args a;
	struct netanom *h;
	uint32_t flag = 0;
	bool on = false;
	int ret;

	ret = cli_begin(ctx, cmd, argc, argv, true, 2, &a);
	if (ret != CLI_GO)
		return ret;
	if (a.npos && (ret = parse_set(ctx, cmd, &a, &flag, &on)))
		return ret;
	ret = cli_open(ctx, &h);
	if (ret)
		return ret;
	ret = a.npos ? set(ctx, h, flag, on) : get(ctx, h, a.json);
	netanom_close(h);
	return ret;
}

const struct cli_cmd cli_cmd_config = {
	.name = "config",
	.args = "[--json] [KEY VALUE]",
	.summary = "Show the module's settings, or change one",
	.help =
	"Keys:\n"
	"  enabled      count connects (when off, the probe only counts hits)\n"
	"  count_unix   also count AF_UNIX connects, as \"other\"\n"
	"Values: 0, 1, on, off, true, false.  Only the key given changes.\n"
	"The exclusion lists are shown too; 'exclude' changes them.\n"
	"\n"
	"  -j, --json   print the settings as an object of booleans\n"
	"  -h, --help   this help\n",
	.run = run,
};
