// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reaching the module: connect, dump, and when it is missing, retry with
 * a backoff capped at bucket_span, saying so once in the log and once
 * when it is back.
 */
#include <errno.h>
#include <string.h>

#include "daemon_int.h"
#include "log.h"

void nd_module_close(struct nd_daemon *d)
{
	netanom_close(d->nl);
	d->nl = NULL;
	nd_events_close(d);
}

static void schedule_retry(struct nd_daemon *d, int64_t now_ns)
{
	int64_t cap = (int64_t)d->cfg->bucket_span_s * ND_NSEC;

	if (d->backoff_ns <= 0)
		d->backoff_ns = ND_RETRY_FIRST_NS;
	if (d->backoff_ns > cap)
		d->backoff_ns = cap;
	d->retry_at_ns = now_ns + d->backoff_ns;
	d->backoff_ns *= 2;
}

void nd_module_lost(struct nd_daemon *d, int64_t now_ns)
{
	nd_module_close(d);
	schedule_retry(d, now_ns);
}

/* @what: "" when @err says it all, else what was lost. */
static void say_missing(struct nd_daemon *d, const char *what,
			const struct netanom_error *err)
{
	char buf[512];

	if (d->missing_said)
		return;
	d->missing_said = true;
	nd_log(LOG_WARNING, "%s%s; retrying (at most every %us) without "
	       "further messages", what,
	       netanom_error_format(err, buf, sizeof(buf)),
	       (unsigned int)d->cfg->bucket_span_s);
}

/* The table as it is now, only to set the collector's base. */
static void prime(struct nd_daemon *d, int64_t now_ns)
{
	struct nd_bucket none;

	nd_bucket_init(&none, 0);
	nd_module_pull(d, &none, now_ns);
	nd_bucket_free(&none);
}

void nd_module_push_exclude(struct nd_daemon *d)
{
	const struct nd_config *c = d->cfg;
	struct netanom_exclude x = { 0 };
	struct netanom_error err;
	char buf[512];
	size_t i;

	if (!d->nl)
		return;
	memcpy(x.dests, c->exclude_dests,
	       c->n_exclude_dests * sizeof(x.dests[0]));
	x.n_dests = c->n_exclude_dests;
	/* More uids than the module takes: refused below, said once. */
	x.n_uids = c->n_exclude_uids;
	for (i = 0; i < c->n_exclude_uids && i < NETANOM_EXCLUDE_MAX_UIDS; i++)
		x.uids[i] = (uint32_t)c->exclude_uids[i];
	if (netanom_set_exclude(d->nl, &x, true, true, &err) < 0)
		nd_log(LOG_WARNING, "the module keeps its own exclusion lists "
		       "(%zu destinations and %zu users of [exclude] not "
		       "applied in the kernel): %s", c->n_exclude_dests,
		       c->n_exclude_uids,
		       netanom_error_format(&err, buf, sizeof(buf)));
}

bool nd_module_connect(struct nd_daemon *d, int64_t now_ns)
{
	struct netanom_error err;

	if (d->nl)
		return true;
	if (d->src->open(d->src->arg, &d->nl, &err) < 0) {
		d->nl = NULL;
		d->not_loaded = err.kind == NETANOM_ERR_NOT_LOADED;
		/* Not loaded: its table is empty, and everything it counts
		 * once loaded happened after this moment. */
		if (d->not_loaded)
			d->coll.primed = true;
		say_missing(d, "", &err);
		schedule_retry(d, now_ns);
		return false;
	}
	if (d->missing_said)
		nd_log(LOG_NOTICE, "the netanom module is reachable again");
	d->missing_said = false;
	d->not_loaded = false;
	d->backoff_ns = 0;
	nd_module_push_exclude(d);
	if (!d->coll.primed)
		prime(d, now_ns);
	if (d->nl)
		nd_events_open(d);
	return d->nl != NULL;
}

int nd_module_pull(struct nd_daemon *d, struct nd_bucket *b, int64_t now_ns)
{
	struct netanom_exe_list snap = { 0 };
	struct netanom_error err;
	bool was_primed = d->coll.primed;
	int ret = -1;

	if (!d->nl)
		return -1;
	if (netanom_list(d->nl, &snap, &err) < 0) {
		/* Unloaded, reloaded (new family id) or worse: start over
		 * with a new handle.  The collector keeps its base; entries
		 * of a reloaded module have a new first_seen. */
		say_missing(d, "lost the netanom module: ", &err);
		nd_module_lost(d, now_ns);
		return -1;
	}
	if (nd_collect(&d->coll, &snap, b))
		nd_log(LOG_ERR, "collecting the table: out of memory");
	else
		ret = was_primed ? 0 : -1;
	netanom_exe_list_free(&snap);
	return ret;
}
