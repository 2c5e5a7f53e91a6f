// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fan-out of each alert to the outputs the configuration turns on: the
 * NDJSON file, syslog, the command, in that order (the durable record
 * first, the slowest last).  One output failing is logged and does not
 * keep the alert from the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "enrich.h"
#include "log.h"
#include "out.h"
#include "output.h"

/**
 * struct nd_outputs - what nd_outputs_open() turned on
 * @c: the configuration (not owned)
 * @host: host fields
 * @file: the NDJSON file, NULL when off
 * @syslog: the syslog sender, NULL when off
 * @events: the network start events file, NULL when off
 */
struct nd_outputs {
	const struct nd_config *c;
	struct nd_host host;
	struct nd_out_file *file;
	nd_syslog_fn syslog;
	struct nd_out_file *events;
};

int nd_outputs_open(struct nd_outputs **op, const struct nd_config *c,
		    const struct nd_host *h, char *err, size_t errlen)
{
	struct nd_outputs *o = calloc(1, sizeof(*o));

	if (!o) {
		snprintf(err, errlen, "alert outputs: out of memory");
		return -1;
	}
	o->c = c;
	o->host = *h;
	o->syslog = c->syslog ? nd_syslog_send : NULL;
	/* A command that cannot run would fail on every alert: say so now. */
	if (c->command && access(c->command[0], X_OK)) {
		snprintf(err, errlen, "alert command %s: not executable",
			 c->command[0]);
		free(o);
		return -1;
	}
	if (c->alerts_path &&
	    nd_out_file_open(&o->file, c->alerts_path, err, errlen)) {
		free(o);
		return -1;
	}
	if (c->events_path &&
	    nd_out_file_open(&o->events, c->events_path, err, errlen)) {
		nd_out_file_close(o->file);
		free(o);
		return -1;
	}
	*op = o;
	return 0;
}

int nd_outputs_emit(struct nd_outputs *o, const struct nd_alert *a,
		    const char *doc)
{
	int ret = 0;

	/* 1: waits for room on the disk, said in the log already. */
	if (o->file && nd_out_file_write(o->file, doc, a->resent) < 0)
		ret = -1;
	if (o->syslog)
		nd_out_syslog(a, o->c->severity, o->syslog);
	if (o->c->command &&
	    nd_out_command(o->c->command, doc, o->c->command_timeout_s))
		ret = -1;
	if (ret)
		nd_log(LOG_WARNING, "alert for %s: not every output took it",
		       a->tamper ? a->tamper : a->exe ? a->exe : "?");
	return ret;
}

int nd_outputs_retry(struct nd_outputs *o)
{
	int a, b;

	if (!o)
		return 0;
	a = nd_out_file_retry(o->file);
	b = nd_out_file_retry(o->events);
	return a < 0 || b < 0 ? -1 : (a || b);
}

void nd_outputs_close(struct nd_outputs *o)
{
	if (!o)
		return;
	nd_out_file_close(o->file);
	nd_out_file_close(o->events);
	free(o);
}

int nd_outputs_bucket(struct nd_outputs *o, const struct nd_bucket *b)
{
	const struct nd_activity *a;
	char user[64], *doc;
	int ret = 0;
	size_t i;

	if (!o->events)
		return 0;
	for (i = 0; i < b->n; i++) {
		a = &b->v[i];
		if (nd_config_excludes_exe(o->c, a->exe) ||
		    nd_config_excludes_uid(o->c, a->uid))
			continue;
		nd_user_name(a->uid, user, sizeof(user));
		doc = nd_activity_ecs(a, b->start_ns, o->c, &o->host, user);
		if (!doc || nd_out_file_write(o->events, doc, false) < 0)
			ret = -1;
		free(doc);
	}
	if (ret)
		nd_log(LOG_WARNING, "network start events of bucket %lld: not every one was written",
		       (long long)(b->start_ns / 1000000000));
	return ret;
}
