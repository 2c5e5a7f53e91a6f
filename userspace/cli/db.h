/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's database, read-only, for "baseline", "explain" and
 * "alerts": opening it (or saying clearly that there is none), the model
 * parameters the daemon used, and the value options these commands take.
 */
#ifndef NETANOMCTL_DB_H
#define NETANOMCTL_DB_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "model.h"
#include "state.h"

/**
 * struct cli_db - an open database and the model as the daemon left it
 * @s: the database
 * @p: model parameters (bucket_span and min_buckets from the database)
 * @span_s: bucket span in seconds
 * @host: the host's model state
 * @hist: the raw-score history (@hist.entries owned)
 * @next: the bucket after the last observed one: where "now" is scored
 */
struct cli_db {
	struct nd_state *s;
	struct nm_params p;
	int64_t span_s;
	struct nm_host host;
	struct nm_history hist;
	int64_t next;
};

/**
 * cli_take_value() - remove "-s VALUE", "--long VALUE" or "--long=VALUE"
 *	from @argv, before cli_parse_args() sees the rest
 * @ctx: context, for the usage error
 * @cmd: the subcommand
 * @argc: in/out
 * @argv: in/out (the option and its value are removed)
 * @s: short form, e.g. "-d"
 * @l: long form, e.g. "--database"
 * @val: the value (last one wins), left alone when absent
 *
 * Return: 0, or CLI_USAGE when the value is missing.
 */
int cli_take_value(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		   int *argc, char **argv, const char *s, const char *l,
		   const char **val);

/**
 * cli_db_open() - open @path read-only and load the model state
 * @ctx: context, for errors
 * @path: the database
 * @db: filled in
 *
 * A missing file gets "no database at PATH: is netanomd running?".
 *
 * Return: CLI_OK or CLI_ERROR (reported).
 */
int cli_db_open(const struct cli_ctx *ctx, const char *path,
		struct cli_db *db);

/**
 * cli_db_begin() - the start of baseline, explain and alerts
 * @ctx: context
 * @cmd: the subcommand
 * @argc: number of arguments, the subcommand's name included
 * @argv: the arguments; --database FILE is taken out of them
 * @json_ok: the subcommand takes --json
 * @npos: exactly how many positional arguments it takes
 * @a: the parsed arguments
 * @db: the database, open when CLI_GO is returned
 *
 * --database FILE, the other arguments, --help, and opening the database.
 *
 * Return: CLI_GO when the subcommand goes on (then cli_db_close() @db);
 * otherwise the exit status it returns at once.
 */
int cli_db_begin(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		 int argc, char **argv, bool json_ok, int npos,
		 struct cli_args *a, struct cli_db *db);

/* cmd_baseline_io.c: "baseline export" and "baseline import", @argv[0]
 * being "export" or "import" */
int cli_baseline_export(struct cli_ctx *ctx, const struct cli_cmd *cmd,
			int argc, char **argv);
int cli_baseline_import(struct cli_ctx *ctx, const struct cli_cmd *cmd,
			int argc, char **argv);

/** cli_db_close() - close and free */
void cli_db_close(struct cli_db *db);

/**
 * cli_db_time() - RFC 3339 time of the start of bucket @b
 * @db: the database (its span)
 * @b: bucket index
 * @buf: output, NETANOM_TIME_LEN bytes
 * @len: size of @buf
 *
 * Return: @buf.
 */
const char *cli_db_time(const struct cli_db *db, int64_t b, char *buf,
			size_t len);

#endif /* NETANOMCTL_DB_H */
