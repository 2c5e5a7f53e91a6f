// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The collection loop.  Buckets are aligned to wall-clock multiples of
 * bucket_span, so that every host's buckets line up in the SIEM and a
 * restarted daemon continues the same bucket grid.  Between buckets the
 * daemon sleeps in poll(2) on its signalfd and the module's events; it
 * wakes for a signal, for a new executable's event (scored at once, see
 * nd_engine_event()), for a retry to reach the module, for the tamper
 * check (every second, see tamper_poll.c), and at least once a minute so
 * that a clock step is noticed.
 */
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon_int.h"
#include "log.h"

#define ND_MAX_SLEEP_MS	60000

int64_t nd_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * ND_NSEC + ts.tv_nsec;
}

static int64_t span_ns(const struct nd_daemon *d)
{
	return (int64_t)d->cfg->bucket_span_s * ND_NSEC;
}

/* The end of the bucket @now_ns falls in. */
static int64_t next_boundary(const struct nd_daemon *d, int64_t now_ns)
{
	return (nd_bucket_index(now_ns, d->cfg->bucket_span_s) + 1) *
	       span_ns(d);
}

static int sleep_ms(const struct nd_daemon *d, int64_t until_ns,
		    int64_t now_ns)
{
	int64_t wake = until_ns;

	if (!d->nl && d->retry_at_ns < wake)
		wake = d->retry_at_ns;
	if (d->tamper.next_ns < wake)
		wake = d->tamper.next_ns;
	if (d->nheld && d->held_retry_ns < wake)
		wake = d->held_retry_ns;
	/* Alerts waiting for room on a full disk: try every second. */
	if (nd_outputs_retry(d->outs) > 0 && now_ns + ND_NSEC < wake)
		wake = now_ns + ND_NSEC;
	if (wake <= now_ns)
		return 0;
	/* Round up: waking a hair early would only loop once more. */
	if ((wake - now_ns) / 1000000 + 1 > ND_MAX_SLEEP_MS)
		return ND_MAX_SLEEP_MS;
	return (int)((wake - now_ns) / 1000000 + 1);
}

/*
 * Sleep until @deadline_ns, scoring new executables as their events come;
 * false when asked to stop.  A netlink socket whose queue overflowed
 * polls as an error: reading it says so, and the events go on.
 */
static bool wait_until(struct nd_daemon *d, int64_t deadline_ns)
{
	struct pollfd pfd[2] = { { .fd = d->sigfd, .events = POLLIN } };
	int64_t now;

	for (;;) {
		now = nd_now_ns();
		if (now >= deadline_ns)
			return true;
		pfd[1].fd = nd_events_fd(d);
		pfd[1].events = POLLIN;
		pfd[1].revents = 0;
		if (poll(pfd, 2, nd_notify_sleep_ms(&d->notify, nd_mono_ns(),
				sleep_ms(d, deadline_ns, now))) > 0) {
			if (pfd[0].revents & POLLIN)
				nd_signals_handle(d);
			if (pfd[1].revents & (POLLIN | POLLERR))
				nd_events_read(d);
		}
		nd_notify_watchdog(&d->notify, nd_mono_ns());
		if (d->stop)
			return false;
		now = nd_now_ns();
		if (!d->nl && now >= d->retry_at_ns)
			nd_module_connect(d, now);
		nd_tamper_poll(d, now);
		if (d->nheld && now >= d->held_retry_ns)
			nd_held_store(d, now);
	}
}

/* systemctl status shows how the last bucket went. */
static void bucket_status(const struct nd_daemon *d, size_t active,
			     int64_t end_ns, int ret)
{
	char when[32], status[160];
	time_t t = (time_t)(end_ns / ND_NSEC);
	struct tm tm;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	if (!d->nl)
		snprintf(status, sizeof(status), "bucket ending %s: the netanom "
			 "module is not reachable (modprobe netanom)", when);
	else if (ret)
		snprintf(status, sizeof(status), "bucket ending %s: not scored "
			 "(see the log)", when);
	else
		snprintf(status, sizeof(status), "bucket ending %s: %zu "
			 "executables active", when, active);
	nd_notify_status(status);
}

/* The bucket that ended at @end_ns: pull, score, store, alert. */
static int one_bucket(struct nd_daemon *d, int64_t end_ns)
{
	struct nd_bucket b;
	size_t active = 0;
	int ret = -1;
	int64_t t0;

	nd_bucket_init(&b, end_ns - span_ns(d));
	if (nd_module_connect(d, nd_now_ns()) &&
	    nd_module_pull(d, &b, nd_now_ns()) == 0) {
		t0 = nd_mono_ns();
		active = b.n;
		/* Behind any bucket that waits for the database (full disk). */
		nd_held_add(d, &b);
		ret = nd_held_store(d, nd_now_ns());
		if (ret == 0) {
			d->scoring_s = (double)(nd_mono_ns() - t0) / ND_NSEC;
			d->last_end_s = end_ns / ND_NSEC;
		}
	}
	bucket_status(d, active, end_ns, ret);
	nd_bucket_free(&b);
	nd_daemon_metrics(d, true);
	return ret;
}

static int loop(struct nd_daemon *d)
{
	int64_t end;

	if (!nd_module_connect(d, nd_now_ns()) && d->o->once) {
		nd_log(LOG_ERR, "--once needs the netanom module");
		return ND_EXIT_ERROR;
	}
	nd_daemon_metrics(d, true);
	for (;;) {
		end = next_boundary(d, nd_now_ns());
		if (!wait_until(d, end))
			return ND_EXIT_OK;
		if (one_bucket(d, end) && d->o->once)
			return ND_EXIT_ERROR;
		if (d->o->once)
			return ND_EXIT_OK;
	}
}

static int setup(struct nd_daemon *d)
{
	const struct nd_emitter em = { .emit = nd_daemon_emit, .arg = d };
	char err[1024];

	if (nd_host_read(&d->host)) {
		nd_log(LOG_ERR, "uname: %m");
		return ND_EXIT_ERROR;
	}
	if (nd_state_open(&d->db, d->cfg->database, false, err, sizeof(err)))
		goto fail;
	/* One netanomd per database; baseline import waits for it to stop. */
	if (nd_state_lock(d->db)) {
		snprintf(err, sizeof(err), "%s", nd_state_error(d->db));
		goto fail;
	}
	if (nd_outputs_open(&d->outs, d->cfg, &d->host, err, sizeof(err)) ||
	    nd_engine_open(&d->engine, d->cfg, &d->host, d->db, &em, err,
			   sizeof(err)))
		goto fail;
	/* Alerts of the live system carry what /proc says of the process. */
	d->engine.proc = "/proc";
	d->engine.hashes = &d->hashes;
	if (nd_signals_open(d)) {
		nd_log(LOG_ERR, "signalfd: %m");
		return ND_EXIT_ERROR;
	}
	nd_engine_flush(&d->engine);
	return ND_EXIT_OK;
fail:
	nd_log(LOG_ERR, "%s", err);
	return ND_EXIT_ERROR;
}

static void teardown(struct nd_daemon *d)
{
	nd_signals_close(d);
	/* A last try: the disk may have room again. */
	if (d->nheld && d->engine.db)
		nd_held_store(d, nd_now_ns());
	nd_held_free(d);
	nd_module_close(d);
	nd_collector_free(&d->coll);
	if (d->engine.db)
		nd_engine_close(&d->engine);
	nd_outputs_close(d->outs);
	nd_state_close(d->db);
	nd_config_free(d->cfg);
	free(d->cfg);
}

int nd_daemon_run(const struct nd_options *o, struct nd_config *cfg,
		  const struct nd_source *src)
{
	struct nd_daemon d;
	int ret;

	memset(&d, 0, sizeof(d));
	d.o = o;
	d.src = src;
	d.cfg = cfg;
	d.sigfd = -1;
	d.scoring_s = -1;
	nd_collector_init(&d.coll);
	nd_notify_init(&d.notify, nd_mono_ns());
	ret = setup(&d);
	if (ret == ND_EXIT_OK) {
		nd_log(LOG_INFO, "started: bucket_span %" PRIu32 "s, "
		       "min_buckets %" PRIu32 ", database %s",
		       cfg->bucket_span_s, cfg->min_buckets,
		       nd_state_path(d.db));
		nd_notify_ready("started; first bucket being collected");
		ret = loop(&d);
		nd_notify_stopping();
		nd_daemon_metrics(&d, false);
		nd_log(LOG_INFO, "stopped");
	}
	teardown(&d);
	return ret;
}
