// SPDX-License-Identifier: GPL-2.0-or-later
/* Reading the daemon's database; see db.h. */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"

int cli_take_value(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		   int *argc, char **argv, const char *s, const char *l,
		   const char **val)
{
	size_t n = strlen(l);
	int i = 1, used;

	while (i < *argc) {
		const char *a = argv[i];

		if (!strcmp(a, "--"))
			break;
		used = 0;
		if (!strcmp(a, s) || !strcmp(a, l)) {
			if (i + 1 >= *argc)
				return cli_cmd_usage(ctx, cmd,
						     "%s needs a value", a);
			*val = argv[i + 1];
			used = 2;
		} else if (!strncmp(a, l, n) && a[n] == '=') {
			*val = a + n + 1;
			used = 1;
		}
		if (!used) {
			i++;
			continue;
		}
		memmove(&argv[i], &argv[i + used],
			(size_t)(*argc - i - used + 1) * sizeof(*argv));
		*argc -= used;
	}
	return 0;
}

static int fail(const struct cli_ctx *ctx, struct cli_db *db,
		const char *msg)
{
	fprintf(ctx->err, PROG ": %s\n", msg);
	cli_db_close(db);
	return CLI_ERROR;
}

/* The parameters the daemon scored with, from the meta table. */
static int load_params(struct cli_db *db)
{
	int64_t span = 0, minb = NM_DEFAULT_MIN_BUCKETS;

	if (nd_state_get_meta(db->s, "bucket_span_s", &span) != 0 ||
	    nm_params_default(&db->p, span))
		return -1;
	if (nd_state_get_meta(db->s, "min_buckets", &minb) == 0 && minb > 0)
		db->p.min_buckets = minb;
	db->span_s = span;
	return 0;
}

int cli_db_open(const struct cli_ctx *ctx, const char *path,
		struct cli_db *db)
{
	struct nm_history_entry *e;
	char err[600];
	int rc;

	memset(db, 0, sizeof(*db));
	rc = nd_state_open(&db->s, path, true, err, sizeof(err));
	if (rc == -2) {
		fprintf(ctx->err, PROG ": no database at %s: is netanomd "
			"running? (--database FILE reads another)\n", path);
		return CLI_ERROR;
	}
	if (rc)
		return fail(ctx, db, err);
	if (load_params(db)) {
		snprintf(err, sizeof(err), "%s: netanomd has not scored a "
			 "bucket into it yet", path);
		return fail(ctx, db, err);
	}
	e = calloc(NM_DEFAULT_HISTORY_CAPACITY, sizeof(*e));
	if (!e)
		return fail(ctx, db, "out of memory");
	nm_history_init(&db->hist, e, NM_DEFAULT_HISTORY_CAPACITY);
	if (nd_state_load_host(db->s, &db->host) ||
	    nd_state_load_history(db->s, &db->hist))
		return fail(ctx, db, nd_state_error(db->s));
	db->next = db->host.last_bucket == NM_BUCKET_NONE ? 0 :
		   db->host.last_bucket + 1;
	return CLI_OK;
}

void cli_db_close(struct cli_db *db)
{
	nd_state_close(db->s);
	free(db->hist.entries);
	memset(db, 0, sizeof(*db));
}

const char *cli_db_time(const struct cli_db *db, int64_t b, char *buf,
			size_t len)
{
	if (b == NM_BUCKET_NONE) {
		snprintf(buf, len, "-");
		return buf;
	}
	return netanom_format_time((uint64_t)(b * db->span_s) * 1000000000ULL,
				   buf, len);
}

int cli_db_begin(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		 int argc, char **argv, bool json_ok, int npos,
		 struct cli_args *a, struct cli_db *db)
{
	const char *path = ND_DEFAULT_DATABASE;
	int ret;

	ret = cli_take_value(ctx, cmd, &argc, argv, "-d", "--database",
			     &path);
	if (ret)
		return ret;
	ret = cli_begin(ctx, cmd, argc, argv, json_ok, npos, a);
	if (ret != CLI_GO)
		return ret;
	if (a->npos != npos)
		return cli_cmd_usage(ctx, cmd, "which executable?");
	ret = cli_db_open(ctx, path, db);
	return ret ? ret : CLI_GO;
}
