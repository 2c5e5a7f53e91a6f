// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SIGHUP: a new configuration, all or nothing.  The outputs and the
 * engine point into the configuration, so the new one is built beside
 * the old, switched to, and only then is the old one freed.
 */
#include <stdlib.h>
#include <string.h>

#include "daemon_int.h"
#include "log.h"

int nd_daemon_emit(void *arg, const struct nd_alert *a, const char *doc)
{
	struct nd_daemon *d = arg;

	return nd_outputs_emit(d->outs, a, doc);
}

static void drop(struct nd_config *c)
{
	nd_config_free(c);
	free(c);
}

int nd_daemon_reload(struct nd_daemon *d)
{
	struct nd_config *c = calloc(1, sizeof(*c));
	struct nd_outputs *outs;
	char err[1024];

	if (!c || nd_load_config(d->o, c, err, sizeof(err))) {
		nd_log(LOG_ERR, "%s; keeping the configuration in force",
		       c ? err : "out of memory");
		free(c);
		return -1;
	}
	if (strcmp(c->database, d->cfg->database))
		nd_log(LOG_WARNING, "database: %s takes effect at the next "
		       "start; still using %s", c->database,
		       nd_state_path(d->db));
	if (nd_outputs_open(&outs, c, &d->host, err, sizeof(err))) {
		nd_log(LOG_ERR, "%s; keeping the configuration in force", err);
		drop(c);
		return -1;
	}
	if (nd_engine_set_config(&d->engine, c, err, sizeof(err))) {
		nd_log(LOG_ERR, "%s; keeping the configuration in force", err);
		nd_outputs_close(outs);
		drop(c);
		return -1;
	}
	nd_outputs_close(d->outs);
	d->outs = outs;
	drop(d->cfg);
	d->cfg = c;
	nd_module_push_exclude(d);
	nd_log(LOG_NOTICE, "configuration reloaded");
	return 0;
}
