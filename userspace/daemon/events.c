// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The daemon's subscription to the module's new-executable events: a
 * handle of its own (a subscribed handle would lose events between the
 * replies of the bucket pull), opened with the module's handle and closed
 * with it.  Each event that is activity goes to the engine at once.
 * Without events the daemon still alerts, at the end of the bucket.
 */
#include <errno.h>
#include <stdlib.h>

#include "daemon_int.h"
#include "log.h"

void nd_events_close(struct nd_daemon *d)
{
	netanom_close(d->ev);
	d->ev = NULL;
}

void nd_events_open(struct nd_daemon *d)
{
	struct netanom_error err;
	char buf[512];

	if (d->ev)
		return;
	if (d->src->open(d->src->arg, &d->ev, &err) < 0) {
		d->ev = NULL;
	} else if (netanom_events_subscribe(d->ev, &err) < 0) {
		nd_events_close(d);
	} else {
		nd_log(LOG_INFO, "subscribed to new-executable events: a new "
		       "program is scored as soon as it uses the network");
		d->events_said = false;
		return;
	}
	if (d->events_said)
		return;
	d->events_said = true;
	nd_log(LOG_WARNING, "no new-executable events, so alerts wait for "
	       "the end of their bucket: %s",
	       netanom_error_format(&err, buf, sizeof(buf)));
}

int nd_events_fd(const struct nd_daemon *d)
{
	return d->ev ? netanom_event_fd(d->ev) : -1;
}

static void handle(struct nd_daemon *d, const struct netanom_event *ev)
{
	struct nd_activity a;
	int ret;

	ret = nd_event_activity(ev, &a);
	if (ret < 0)
		nd_log(LOG_ERR, "event of %s: out of memory", ev->exe.path);
	if (ret)
		return;
	nd_engine_event(&d->engine, &a, (int64_t)ev->time_ns, nd_now_ns());
	free(a.exe);
}

void nd_events_read(struct nd_daemon *d)
{
	struct netanom_event ev;
	struct netanom_error err;
	char buf[512];
	int ret;

	if (!d->ev)
		return;
	ret = netanom_event_recv(d->ev, &ev, &err);
	if (ret == -ENOBUFS) {
		/* The pull still has them: they alert at the bucket's end. */
		nd_log(LOG_WARNING, "%s; those executables are scored at the "
		       "end of the bucket",
		       netanom_error_format(&err, buf, sizeof(buf)));
		return;
	}
	if (ret < 0) {
		nd_log(LOG_WARNING, "%s; events stop until the module is "
		       "reached again",
		       netanom_error_format(&err, buf, sizeof(buf)));
		nd_events_close(d);
		d->events_said = true;
		return;
	}
	handle(d, &ev);
	netanom_event_free(&ev);
}
