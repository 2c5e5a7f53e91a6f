// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomctl baseline export FILE [--database DB]
 * netanomctl baseline import FILE [--replace] [--database DB]
 *
 * The format and the merge rule are in docs/baseline.md.  Import refuses
 * while netanomd runs on the database: the daemon keeps the host's model
 * in memory and would write its own back over the import at its next
 * bucket.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "baseline_io.h"
#include "config.h"
#include "db.h"

/* Remove the flag @l from @argv; true when it was there. */
static bool take_flag(int *argc, char **argv, const char *l)
{
	bool found = false;
	int i, j;

	for (i = j = 0; i < *argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], l))
			found = true;
		else
			argv[j++] = argv[i];
	}
	while (i < *argc)
		argv[j++] = argv[i++];
	*argc = j;
	argv[j] = NULL;
	return found;
}

static int begin(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		 int *argc, char **argv, const char **db, struct cli_args *a)
{
	int ret = cli_take_value(ctx, cmd, argc, argv, "-d", "--database", db);

	if (ret)
		return ret;
	ret = cli_begin(ctx, cmd, *argc, argv, false, 1, a);
	if (ret != CLI_GO)
		return ret;
	if (a->npos != 1)
		return cli_cmd_usage(ctx, cmd, "which file?");
	return CLI_GO;
}

static int write_doc(const struct cli_ctx *ctx, json_t *doc, const char *file)
{
	int rc;

	if (!strcmp(file, "-")) {
		rc = json_dumpf(doc, ctx->out, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
				JSON_REAL_PRECISION(17));
		fputc('\n', ctx->out);
	} else {
		rc = json_dump_file(doc, file, JSON_INDENT(1) |
				    JSON_PRESERVE_ORDER |
				    JSON_REAL_PRECISION(17));
	}
	if (rc)
		fprintf(ctx->err, PROG ": %s: cannot write the baseline\n",
			file);
	return rc ? CLI_ERROR : CLI_OK;
}

int cli_baseline_export(struct cli_ctx *ctx, const struct cli_cmd *cmd,
			int argc, char **argv)
{
	const char *path = ND_DEFAULT_DATABASE;
	char host[256] = "", err[600];
	struct cli_args a;
	struct cli_db db;
	json_t *doc;
	int ret;

	ret = begin(ctx, cmd, &argc, argv, &path, &a);
	if (ret != CLI_GO)
		return ret;
	ret = cli_db_open(ctx, path, &db);
	if (ret)
		return ret;
	gethostname(host, sizeof(host) - 1);
	doc = cli_baseline_doc(&db, host, err, sizeof(err));
	cli_db_close(&db);
	if (!doc) {
		fprintf(ctx->err, PROG ": %s\n", err);
		return CLI_ERROR;
	}
	ret = write_doc(ctx, doc, a.pos[0]);
	json_decref(doc);
	return ret;
}

static int merge(const struct cli_ctx *ctx, const char *path, json_t *doc,
		 bool replace)
{
	struct cli_merge_counts n;
	struct nd_state *s = NULL;
	char err[600];
	int rc;

	if (nd_state_open(&s, path, false, err, sizeof(err))) {
		fprintf(ctx->err, PROG ": %s\n", err);
		return CLI_ERROR;
	}
	rc = nd_state_lock(s);
	if (rc) {
		fprintf(ctx->err, PROG ": %s%s\n", nd_state_error(s), rc == 1 ?
			": stop it first (systemctl stop netanomd), import, "
			"then start it" : "");
		nd_state_close(s);
		return CLI_ERROR;
	}
	rc = cli_baseline_merge(s, doc, replace, &n, err, sizeof(err));
	nd_state_close(s);
	if (rc) {
		fprintf(ctx->err, PROG ": %s: nothing imported\n", err);
		return CLI_ERROR;
	}
	fprintf(ctx->out, "%zu executables added, %zu replaced, %zu kept as "
		"they were%s\n", n.added, n.replaced, n.kept, n.host_taken ?
		"; the host starts from the baseline's observed buckets" : "");
	return CLI_OK;
}

int cli_baseline_import(struct cli_ctx *ctx, const struct cli_cmd *cmd,
			int argc, char **argv)
{
	const char *path = ND_DEFAULT_DATABASE;
	bool replace = take_flag(&argc, argv, "--replace");
	json_error_t jerr;
	struct cli_args a;
	json_t *doc;
	int ret;

	ret = begin(ctx, cmd, &argc, argv, &path, &a);
	if (ret != CLI_GO)
		return ret;
	doc = json_load_file(a.pos[0], JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(doc)) {
		fprintf(ctx->err, PROG ": %s:%d: not a netanom baseline: %s\n",
			a.pos[0], jerr.line, doc ? "not a JSON object" :
			jerr.text);
		json_decref(doc);
		return CLI_ERROR;
	}
	ret = merge(ctx, path, doc, replace);
	json_decref(doc);
	return ret;
}
