// SPDX-License-Identifier: GPL-2.0-or-later
/* netanomctl show [--json] [EXE] */
#include <errno.h>
#include <sys/stat.h>

#include "cli.h"

static int print_exes(struct cli_ctx *ctx, struct netanom_exe *v, size_t n,
		      bool json)
{
	cli_sort_by_last_use(v, n);
	if (json)
		return cli_print_exes_json(ctx, v, n);
	return cli_print_exe_table(ctx, v, n);
}

static int show_all(struct cli_ctx *ctx, struct netanom *h, bool json)
{
	struct netanom_exe_list l;
	struct netanom_error err;
	int ret;

	if (netanom_list(h, &l, &err) < 0)
		return cli_report(ctx, &err);
	ret = print_exes(ctx, l.v, l.n, json);
	netanom_exe_list_free(&l);
	return ret;
}

/* The file's identity finds the entry even under another path (a hard
 * link, a bind mount).  A path that is gone, or a file whose st_dev differs
 * from what the kernel keys on (overlayfs, btrfs subvolumes), is looked up
 * as a string. */
static int get_exe(struct netanom *h, const char *exe, struct netanom_exe *e,
		   struct netanom_error *err)
{
	struct stat st;
	int ret;

	if (stat(exe, &st) == 0) {
		ret = netanom_get_by_id(h, st.st_dev, st.st_ino, e, err);
		if (ret != -ENOENT)
			return ret;
	}
	return netanom_get_by_path(h, exe, e, err);
}

static int show_one(struct cli_ctx *ctx, struct netanom *h, const char *exe,
		    bool json)
{
	struct netanom_error err;
	struct netanom_exe e;
	int ret;

	ret = get_exe(h, exe, &e, &err);
	if (ret == -ENOENT && err.kind == NETANOM_ERR_KERNEL) {
		fprintf(ctx->err, PROG ": no entry for %s\n", exe);
		return CLI_ERROR;
	}
	if (ret < 0)
		return cli_report(ctx, &err);
	ret = print_exes(ctx, &e, 1, json);
	netanom_exe_free(&e);
	return ret;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct cli_args a;
	struct netanom *h;
	int ret;

	ret = cli_begin(ctx, cmd, argc, argv, true, 1, &a);
	if (ret != CLI_GO)
		return ret;
	ret = cli_open(ctx, &h);
	if (ret)
		return ret;
	if (a.npos)
		ret = show_one(ctx, h, a.pos[0], a.json);
	else
		ret = show_all(ctx, h, a.json);
	netanom_close(h);
	return ret;
}

const struct cli_cmd cli_cmd_show = {
	.name = "show",
	.args = "[--json] [EXE]",
	.summary = "Show the network use counted per executable",
	.help =
	"Without EXE, every executable the module has seen connect, most\n"
	"recently used first.  EXE is a file: its device and inode find its\n"
	"entry; when it cannot be stat()ed, its path is looked up as given.\n"
	"\n"
	"  -j, --json   an array of objects: exe, dev, ino, comm, connects,\n"
	"               loopback, by_proto {tcp4, tcp6, udp4, udp6, other},\n"
	"               first_seen, last_seen (RFC 3339 UTC, ns), last_pid,\n"
	"               last_uid, last_dest (\"ip:port\", \"[ip6]:port\",\n"
	"               \"unix\", or \"\" when none)\n"
	"  -h, --help   this help\n"
	"\n"
	"Exit status 1 with \"no entry for EXE\" when EXE has no entry.\n",
	.run = run,
};
