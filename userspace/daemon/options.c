// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomd's command line.  Parsed by hand rather than with getopt_long,
 * whose position lives in a global (optind) that tests would have to
 * reset between runs.
 */
#include <stddef.h>
#include <string.h>

#include "daemon.h"

void nd_usage(FILE *f)
{
	fprintf(f,
"Usage: " ND_PROG " [--foreground] [--config FILE] [--database FILE]\n"
"                [--alerts FILE] [--once]\n"
"       " ND_PROG " --replay FILE [--config FILE] [--database FILE]\n"
"                [--alerts FILE]\n"
"\n"
"Learns which executables use the network, scores every bucket 0-100 and\n"
"raises an alert when one that rarely or never does suddenly does.\n"
"\n"
"  -f, --foreground      log to standard error instead of syslog\n"
"  -c, --config FILE     configuration (default " ND_DEFAULT_CONFIG ")\n"
"  -d, --database FILE   state database (default " ND_DEFAULT_DATABASE ")\n"
"  -a, --alerts FILE     NDJSON alert file (default " ND_DEFAULT_ALERTS ";\n"
"                        \"\" turns it off)\n"
"  -1, --once            collect one bucket, score it and exit\n"
"  -r, --replay FILE     score recorded activity (NDJSON, see\n"
"                        docs/replay.md) without the module; alerts go to\n"
"                        standard output, and to --alerts FILE if given\n"
"  -h, --help            this help\n"
"  -V, --version         the version\n"
"\n"
"Signals: SIGHUP reloads the configuration, SIGTERM and SIGINT finish the\n"
"bucket being written and exit.\n"
"Exit status: 0 success, 1 error, 2 usage or configuration error.\n");
}

static int usage_error(FILE *err, const char *what, const char *arg)
{
	fprintf(err, ND_PROG ": %s '%s'\n"
		"Run '" ND_PROG " --help' for the options.\n", what, arg);
	return ND_EXIT_USAGE;
}

struct value_opt {
	char s;
	const char *l;
	size_t off;
};

static const struct value_opt value_opts[] = {
	{ 'c', "config", offsetof(struct nd_options, config) },
	{ 'd', "database", offsetof(struct nd_options, database) },
	{ 'a', "alerts", offsetof(struct nd_options, alerts) },
	{ 'r', "replay", offsetof(struct nd_options, replay) },
};

struct flag_opt {
	char s;
	const char *l;
	size_t off;
};

static const struct flag_opt flag_opts[] = {
	{ 'f', "foreground", offsetof(struct nd_options, foreground) },
	{ '1', "once", offsetof(struct nd_options, once) },
	{ 'h', "help", offsetof(struct nd_options, help) },
	{ 'V', "version", offsetof(struct nd_options, version) },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Does @arg name the option (-s, --long or --long=...)?  *@val is set to
 * what follows '=' when there is one. */
static bool names(const char *arg, char s, const char *l, const char **val)
{
	size_t n = strlen(l);

	*val = NULL;
	if (arg[0] == '-' && arg[1] == s && !arg[2])
		return true;
	if (strncmp(arg, "--", 2) || strncmp(arg + 2, l, n))
		return false;
	if (arg[2 + n] == '=') {
		*val = arg + 3 + n;
		return true;
	}
	return arg[2 + n] == '\0';
}

/* 1 when @argv[*i] was a value option (consumed), 0 when not, or an exit
 * code. */
static int value_option(int argc, char **argv, int *i, struct nd_options *o,
			FILE *err)
{
	const char *val;
	size_t k;

	for (k = 0; k < N(value_opts); k++) {
		if (!names(argv[*i], value_opts[k].s, value_opts[k].l, &val))
			continue;
		if (!val) {
			if (*i + 1 >= argc)
				return usage_error(err, "missing value for",
						   argv[*i]);
			val = argv[++*i];
		}
		*(const char **)((char *)o + value_opts[k].off) = val;
		return 1;
	}
	return 0;
}

static bool flag_option(const char *arg, struct nd_options *o)
{
	const char *val;
	size_t k;

	for (k = 0; k < N(flag_opts); k++) {
		if (names(arg, flag_opts[k].s, flag_opts[k].l, &val) && !val) {
			*(bool *)((char *)o + flag_opts[k].off) = true;
			return true;
		}
	}
	return false;
}

int nd_parse_options(int argc, char **argv, struct nd_options *o, FILE *err)
{
	int i, rc;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		rc = value_option(argc, argv, &i, o, err);
		if (rc == 1)
			continue;
		if (rc)
			return rc;
		if (flag_option(argv[i], o))
			continue;
		if (argv[i][0] == '-')
			return usage_error(err, "unknown option", argv[i]);
		return usage_error(err, "unexpected argument", argv[i]);
	}
	if (o->help || o->version)
		return 0;
	if (o->replay && o->once)
		return usage_error(err, "--once does not go with", "--replay");
	return 0;
}
