/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netanomctl internals: the context every subcommand runs in, the table of
 * subcommands, and the helpers they share.  Tests drive cli_run() with a
 * context whose opener talks to a fake kernel.
 */
#ifndef NETANOMCTL_CLI_H
#define NETANOMCTL_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "netanom.h"

#define PROG "netanomctl"

/* Exit codes. */
#define CLI_OK		0
#define CLI_ERROR	1
#define CLI_USAGE	2

/**
 * struct cli_ctx - where a subcommand reads and writes
 * @open: opens a handle (netanom_open, or a fake in tests)
 * @open_arg: passed to @open
 * @out: standard output
 * @err: standard error
 * @now_ns: the current time, ns since the epoch, for "LAST SEEN" ages
 */
struct cli_ctx {
	int (*open)(void *arg, struct netanom **hp, struct netanom_error *err);
	void *open_arg;
	FILE *out;
	FILE *err;
	uint64_t now_ns;
};

/**
 * struct cli_cmd - one subcommand
 * @name: its name on the command line
 * @args: its arguments, for the usage line
 * @summary: one line for the program's help
 * @help: the rest of its --help text, or NULL
 * @run: runs it; @argv[0] is the subcommand's name; returns an exit code
 */
struct cli_cmd {
	const char *name;
	const char *args;
	const char *summary;
	const char *help;
	int (*run)(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
		   char **argv);
};

extern const struct cli_cmd cli_cmd_show;
extern const struct cli_cmd cli_cmd_stats;
extern const struct cli_cmd cli_cmd_config;
extern const struct cli_cmd cli_cmd_reset;
extern const struct cli_cmd cli_cmd_exclude;
extern const struct cli_cmd cli_cmd_baseline;
extern const struct cli_cmd cli_cmd_explain;
extern const struct cli_cmd cli_cmd_alerts;
extern const struct cli_cmd cli_cmd_watch;

/* cli.c */
int cli_run(struct cli_ctx *ctx, int argc, char **argv);

/* usage.c */
void cli_cmd_help(const struct cli_ctx *ctx, const struct cli_cmd *cmd);
int cli_cmd_usage(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/**
 * struct cli_args - a subcommand's command line, parsed
 * @json: --json / -j was given
 * @help: --help / -h was given
 * @pos: positional arguments
 * @npos: how many
 */
#define CLI_MAX_POS 4
struct cli_args {
	bool json;
	bool help;
	char *pos[CLI_MAX_POS];
	int npos;
};

/* args.c */
int cli_parse_args(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
		   int argc, char **argv, bool json_ok, int max_pos,
		   struct cli_args *a);

/* What cli_begin() returns when the subcommand is to go on. */
#define CLI_GO		(-1)

int cli_begin(const struct cli_ctx *ctx, const struct cli_cmd *cmd,
	      int argc, char **argv, bool json_ok, int max_pos,
	      struct cli_args *a);

/* report.c */
int cli_report(const struct cli_ctx *ctx, const struct netanom_error *err);
int cli_open(const struct cli_ctx *ctx, struct netanom **hp);
int cli_print_json(const struct cli_ctx *ctx, json_t *root);

/**
 * struct cli_config_key - a key of "netanomctl config"
 * @name: as typed
 * @flag: the NETANOM_CONFIG_F_* flag it stands for
 */
struct cli_config_key {
	const char *name;
	uint32_t flag;
};

/* excl_list.c */
int cli_parse_dests(const char *s, struct netanom_exclude *x, char *bad,
		    size_t badlen);
int cli_parse_uids(const char *s, struct netanom_exclude *x, char *bad,
		   size_t badlen);
void cli_print_exclude(struct cli_ctx *ctx, const struct netanom_exclude *x,
		       json_t *obj);

/* config_value.c */
extern const struct cli_config_key cli_config_keys[];
extern const size_t cli_config_nkeys;
int cli_config_key(const char *key, uint32_t *flag);
int cli_bool_value(const char *s, bool *v);

/* json_str.c */
json_t *cli_json_string(const char *s);
size_t cli_utf8_len(const unsigned char *p);

/**
 * struct cli_jw - a streaming JSON writer (json_out.c)
 * @f: where it writes
 * @n: bytes in @buf
 * @failed: a write failed; later writes are dropped
 * @buf: text not yet written; aligned so that it ends the struct with no
 *	padding after it, where an overrun would go unseen by ASan
 */
struct cli_jw {
	FILE *f;
	size_t n;
	bool failed;
	_Alignas(16) char buf[65536];
};

/* json_out.c */
void cli_jw_init(struct cli_jw *w, FILE *f);
void cli_jw_flush(struct cli_jw *w);
void cli_jw_big(struct cli_jw *w, const char *s, size_t len);
void cli_jw_string(struct cli_jw *w, const char *s);
int cli_jw_finish(struct cli_jw *w);

/**
 * cli_jw_room() - where the next @len bytes go
 * @w: the writer
 * @len: at most sizeof(@w->buf)
 *
 * Write up to @len bytes there, then tell cli_jw_done() where they end.
 *
 * Return: a pointer into @w->buf with @len bytes of room.
 */
static inline char *cli_jw_room(struct cli_jw *w, size_t len)
{
	if (len > sizeof(w->buf) - w->n)
		cli_jw_flush(w);
	return w->buf + w->n;
}

/** cli_jw_done() - bytes up to @end, from cli_jw_room(), are written */
static inline void cli_jw_done(struct cli_jw *w, const char *end)
{
	w->n = (size_t)(end - w->buf);
}

/**
 * cli_jw_raw() - write bytes as they are
 * @w: the writer
 * @s: the bytes
 * @len: how many
 *
 * Inline: with a literal, the copy is a few moves.
 */
static inline void cli_jw_raw(struct cli_jw *w, const char *s, size_t len)
{
	if (len > sizeof(w->buf) - w->n) {
		cli_jw_big(w, s, len);
		return;
	}
	memcpy(w->buf + w->n, s, len);
	w->n += len;
}

/* sort.c */
void cli_sort_by_last_use(struct netanom_exe *v, size_t n);

/* show_json.c */
int cli_print_exes_json(const struct cli_ctx *ctx,
			const struct netanom_exe *v, size_t n);

/* show_table.c */
int cli_print_exe_table(const struct cli_ctx *ctx,
			const struct netanom_exe *v, size_t n);
const char *cli_format_age(uint64_t then_ns, uint64_t now_ns, char *buf,
			   size_t len);

/* watch_out.c */
void cli_print_event(FILE *f, const struct netanom_event *ev);
json_t *cli_event_json(const struct netanom_event *ev);

/* stats_out.c */
json_t *cli_stats_json(const struct netanom_stats *st);
void cli_print_stats(const struct cli_ctx *ctx, const struct netanom_stats *st);

#endif /* NETANOMCTL_CLI_H */
