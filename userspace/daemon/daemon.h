/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netanomd as a whole: its command line, its configuration with the
 * command-line overrides, the collection loop and offline replay.  main()
 * only calls nd_main(), so that everything else can be unit-tested.
 */
#ifndef NETANOMD_DAEMON_H
#define NETANOMD_DAEMON_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "netanom.h"

#define ND_PROG "netanomd"

/* Exit codes. */
#define ND_EXIT_OK	0
#define ND_EXIT_ERROR	1
#define ND_EXIT_USAGE	2

/**
 * struct nd_options - the command line
 * @foreground: --foreground: log to stderr instead of syslog
 * @once: --once: collect one bucket, then exit
 * @help: --help
 * @version: --version
 * @config: --config FILE, NULL for the default (which may be missing)
 * @database: --database FILE, overrides [state] database
 * @alerts: --alerts FILE, overrides [output] alerts ("" turns it off)
 * @replay: --replay FILE: score a recorded activity file, no module
 */
struct nd_options {
	bool foreground;
	bool once;
	bool help;
	bool version;
	const char *config;
	const char *database;
	const char *alerts;
	const char *replay;
};

/**
 * nd_parse_options() - parse netanomd's command line
 * @argc: as main()'s
 * @argv: as main()'s
 * @o: the result
 * @err: where a usage error is printed
 *
 * Options take their value as the next argument or after '='.
 *
 * Return: 0, or ND_EXIT_USAGE after printing what is wrong.
 */
int nd_parse_options(int argc, char **argv, struct nd_options *o, FILE *err);

/** nd_usage() - the --help text */
void nd_usage(FILE *f);

/**
 * nd_load_config() - the configuration file, then the command line
 * @o: options (--config, --database, --alerts)
 * @c: filled on success
 * @err: one line "FILE:LINE: what" on failure
 * @errlen: size of @err
 *
 * Return: 0 or -1.
 */
int nd_load_config(const struct nd_options *o, struct nd_config *c,
		   char *err, size_t errlen);

/**
 * struct nd_source - how the daemon reaches the module
 * @open: netanom_open(), or a fake in tests
 * @arg: passed to @open
 */
struct nd_source {
	int (*open)(void *arg, struct netanom **hp, struct netanom_error *err);
	void *arg;
};

/**
 * nd_daemon_run() - collect, score and alert until SIGTERM or SIGINT
 * @o: options (--once)
 * @cfg: configuration, loaded; owned by the daemon from here on (it is
 *	replaced on SIGHUP and freed on return)
 * @src: the module
 *
 * Blocks SIGTERM, SIGINT and SIGHUP and reads them from a signalfd.
 *
 * Return: an exit code.
 */
int nd_daemon_run(const struct nd_options *o, struct nd_config *cfg,
		  const struct nd_source *src);

/**
 * nd_replay_run() - score the buckets of a replay file
 * @o: options (--replay, --database, --alerts)
 * @cfg: configuration
 * @out: where the alerts' ECS lines go (standard output)
 *
 * Uses --database when given, else a temporary database removed at the
 * end; the file format is in docs/replay.md.
 *
 * Return: an exit code.
 */
int nd_replay_run(const struct nd_options *o, const struct nd_config *cfg,
		  FILE *out);

/**
 * nd_main() - the whole program
 * @argc: as main()'s
 * @argv: as main()'s
 *
 * Return: the exit code.
 */
int nd_main(int argc, char **argv);

#endif /* NETANOMD_DAEMON_H */
