// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl exclude [--json] [dests LIST] [uids LIST] | clear */
#include <errno.h>
#include <string.h>

#include "cli.h"

static int show(struct cli_ctx *ctx, struct netanom *h, bool json)
{
	struct netanom_exclude x;
	struct netanom_error err;
	json_t *obj;

	if (netanom_get_exclude(h, &x, &err) < 0)
		return cli_report(ctx, &err);
	if (!json) {
		cli_print_exclude(ctx, &x, NULL);
		return CLI_OK;
	}
	obj = json_object();
	if (obj)
		cli_print_exclude(ctx, &x, obj);
	return cli_print_json(ctx, obj);
}

struct excl_req {
	struct netanom_exclude x;
	bool dests;
	bool uids;
};

static int parse_one(struct cli_ctx *ctx, const struct cli_cmd *cmd,
		     const char *key, const char *list, struct excl_req *r)
{
	char bad[128];
	int ret;

	if (!strcmp(key, "dests")) {
		r->dests = true;
		ret = cli_parse_dests(list, &r->x, bad, sizeof(bad));
	} else if (!strcmp(key, "uids")) {
		r->uids = true;
		ret = cli_parse_uids(list, &r->x, bad, sizeof(bad));
	} else {
		return cli_cmd_usage(ctx, cmd, "unknown list '%s' (lists: "
				     "dests, uids)", key);
	}
	if (ret == -E2BIG)
		return cli_cmd_usage(ctx, cmd, "too many %s (at most %d)", key,
				     !strcmp(key, "dests") ?
				     NETANOM_EXCLUDE_MAX_DESTS :
				     NETANOM_EXCLUDE_MAX_UIDS);
	if (ret == -ENOMEM) {
		fprintf(ctx->err, PROG ": out of memory\n");
		return CLI_ERROR;
	}
	if (ret)
		return cli_cmd_usage(ctx, cmd, "bad %s '%s'",
				     !strcmp(key, "dests") ? "CIDR" : "uid",
				     bad);
	return 0;
}

/* A usage error is found before the kernel is asked anything. */
static int parse(struct cli_ctx *ctx, const struct cli_cmd *cmd,
		 const struct cli_args *a, struct excl_req *r)
{
	int i, ret;

	if (a->npos == 1 && !strcmp(a->pos[0], "clear")) {
		r->dests = r->uids = true;
		return 0;
	}
	if (a->npos % 2)
		return cli_cmd_usage(ctx, cmd, "missing the list after '%s'",
				     a->pos[a->npos - 1]);
	for (i = 0; i < a->npos; i += 2) {
		ret = parse_one(ctx, cmd, a->pos[i], a->pos[i + 1], r);
		if (ret)
			return ret;
	}
	return 0;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct excl_req r = { 0 };
	struct netanom_error err;
	struct cli_args a;
	struct netanom *h;
	int ret;

	ret = cli_begin(ctx, cmd, argc, argv, true, 4, &a);
	if (ret != CLI_GO)
		return ret;
	if (a.npos && (ret = parse(ctx, cmd, &a, &r)))
		return ret;
	ret = cli_open(ctx, &h);
	if (ret)
		return ret;
	if (!a.npos)
		ret = show(ctx, h, a.json);
	else if (netanom_set_exclude(h, &r.x, r.dests, r.uids, &err) < 0)
		ret = cli_report(ctx, &err);
	netanom_close(h);
	return ret;
}

const struct cli_cmd cli_cmd_exclude = {
	.name = "exclude",
	.args = "[--json] [dests LIST] [uids LIST] | clear",
	.summary = "Show or replace the module's exclusion lists",
	.help =
	"Uses of the network towards an excluded destination, or by an\n"
	"excluded uid, are counted as \"excluded\" instead of in the other\n"
	"counters.  Without arguments, print both lists.\n"
	"\n"
	"  dests LIST   replace the destination list: CIDRs (ADDR/LEN, or an\n"
	"               address alone), comma-separated, at most 64\n"
	"  uids LIST    replace the uid list: numeric uids, comma-separated,\n"
	"               at most 64\n"
	"  clear        empty both lists\n"
	"A list given as \"\" or \"none\" is emptied; a list not given is left\n"
	"alone.  Both change at once, or neither does.\n"
	"\n"
	"  -j, --json   print the lists as an object of arrays\n"
	"  -h, --help   this help\n",
	.run = run,
};
