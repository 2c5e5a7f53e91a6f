// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nd_main(): options, log, configuration, then the loop or a replay.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "log.h"
#include "model.h"
#include "state.h"

/* Replace *@field by a copy of @val; "" means NULL (turned off) when
 * @empty_off. */
static int override(char **field, const char *val, bool empty_off)
{
	char *copy = NULL;

	if (!val)
		return 0;
	if (!(empty_off && !val[0])) {
		copy = strdup(val);
		if (!copy)
			return -1;
	}
	free(*field);
	*field = copy;
	return 0;
}

int nd_load_config(const struct nd_options *o, struct nd_config *c,
		   char *err, size_t errlen)
{
	const char *path = o->config ? o->config : ND_DEFAULT_CONFIG;

	if (nd_config_load(c, path, !o->config, err, errlen))
		return -1;
	if (override(&c->database, o->database, false) ||
	    override(&c->alerts_path, o->alerts, true)) {
		snprintf(err, errlen, "%s:0: out of memory", path);
		nd_config_free(c);
		return -1;
	}
	return 0;
}

static int open_module(void *arg, struct netanom **hp,
		       struct netanom_error *err)
{
	(void)arg;
	return netanom_open(hp, err);
}

static int run(const struct nd_options *o)
{
	const struct nd_source src = { .open = open_module };
	struct nd_config *cfg = calloc(1, sizeof(*cfg));
	char err[1024];
	int ret;

	if (!cfg) {
		fprintf(stderr, ND_PROG ": out of memory\n");
		return ND_EXIT_ERROR;
	}
	if (nd_load_config(o, cfg, err, sizeof(err))) {
		/* Before the log is open: a bad configuration is the
		 * operator's to see on the terminal, whatever the mode. */
		fprintf(stderr, ND_PROG ": %s\n", err);
		free(cfg);
		return ND_EXIT_USAGE;
	}
	if (o->replay) {
		ret = nd_replay_run(o, cfg, stdout);
		nd_config_free(cfg);
		free(cfg);
		return ret;
	}
	nd_log_open(ND_PROG, o->foreground);
	ret = nd_daemon_run(o, cfg, &src);
	nd_log_close();
	return ret;
}

int nd_main(int argc, char **argv)
{
	struct nd_options o;
	int ret;

	ret = nd_parse_options(argc, argv, &o, stderr);
	if (ret)
		return ret;
	if (o.help) {
		nd_usage(stdout);
		return ND_EXIT_OK;
	}
	if (o.version) {
		printf(ND_PROG " %s (generic netlink family %s, version %d; "
		       "model %d, database schema %d)\n", NETANOM_VERSION,
		       NETANOM_GENL_NAME, NETANOM_GENL_VERSION, NM_MODEL_VERSION,
		       ND_STATE_SCHEMA);
		return ND_EXIT_OK;
	}
	return run(&o);
}
