// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sd_notify(3) for Type=notify.  libsystemd does the work: it finds
 * NOTIFY_SOCKET, sends one datagram with our credentials and does nothing
 * when the variable is not set, so netanomd started by hand, by another
 * init or in a test is unaffected.  The variable is left in the
 * environment: a reload notifies as well as the start.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>

#include "log.h"
#include "notify.h"

#define NSEC_PER_USEC	1000LL
#define NSEC_PER_MSEC	1000000LL

int64_t nd_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A failure to notify is logged, never fatal: the daemon's job is the
 * alerts, and systemd acts on silence by itself (start timeout,
 * watchdog). */
static void send_state(const char *state)
{
	int r = sd_notify(0, state);

	if (r < 0)
		nd_log(LOG_WARNING, "sd_notify: %s", strerror(-r));
}

void nd_notify_init(struct nd_notify *n, int64_t now_ns)
{
	uint64_t usec = 0;

	n->interval_ns = 0;
	if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
		/* Twice per period, as sd_watchdog_enabled(3) advises: a
		 * keep-alive that is late by a scheduling hiccup still
		 * arrives in time. */
		n->interval_ns = (int64_t)usec * NSEC_PER_USEC / 2;
	n->next_ns = now_ns;
}

void nd_notify_ready(const char *status)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "READY=1\nSTATUS=%s", status);
	send_state(buf);
}

void nd_notify_status(const char *status)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "STATUS=%s", status);
	send_state(buf);
}

void nd_notify_reloading(int64_t now_ns)
{
	char buf[128];

	snprintf(buf, sizeof(buf),
		 "RELOADING=1\nSTATUS=reloading the configuration\n"
		 "MONOTONIC_USEC=%" PRId64, (int64_t)(now_ns / NSEC_PER_USEC));
	send_state(buf);
}

void nd_notify_stopping(void)
{
	send_state("STOPPING=1\nSTATUS=stopping");
}

void nd_notify_watchdog(struct nd_notify *n, int64_t now_ns)
{
	if (!n->interval_ns || now_ns < n->next_ns)
		return;
	send_state("WATCHDOG=1");
	n->next_ns = now_ns + n->interval_ns;
}

int nd_notify_sleep_ms(const struct nd_notify *n, int64_t now_ns, int ms)
{
	int64_t left;

	if (!n->interval_ns)
		return ms;
	left = n->next_ns - now_ns;
	if (left <= 0)
		return 0;
	/* Round up, so as not to wake a hair before the keep-alive is due
	 * and spin once more. */
	left = (left + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC;
	return left < ms ? (int)left : ms;
}
