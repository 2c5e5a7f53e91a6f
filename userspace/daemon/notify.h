/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Telling systemd how the daemon is doing (sd_notify(3)): ready, reloading,
 * stopping, a status line, and the watchdog's keep-alive.  Outside systemd
 * (no NOTIFY_SOCKET) every call does nothing.
 */
#ifndef NETANOMD_NOTIFY_H
#define NETANOMD_NOTIFY_H

#include <stdint.h>

/**
 * struct nd_notify - the watchdog's schedule
 * @interval_ns: time between keep-alives (half of WatchdogSec), 0 when
 *	systemd asked for none
 * @next_ns: when the next keep-alive is due (CLOCK_MONOTONIC)
 */
struct nd_notify {
	int64_t interval_ns;
	int64_t next_ns;
};

/** nd_mono_ns() - CLOCK_MONOTONIC in ns, the watchdog's clock */
int64_t nd_mono_ns(void);

/**
 * nd_notify_init() - read WatchdogSec from the environment systemd set
 * @n: the schedule
 * @now_ns: nd_mono_ns()
 */
void nd_notify_init(struct nd_notify *n, int64_t now_ns);

/** nd_notify_ready() - READY=1 with a status line */
void nd_notify_ready(const char *status);

/** nd_notify_status() - STATUS=, a line for systemctl status */
void nd_notify_status(const char *status);

/**
 * nd_notify_reloading() - RELOADING=1 (SIGHUP); nd_notify_ready() ends it
 * @now_ns: nd_mono_ns(), sent as MONOTONIC_USEC as systemd asks
 */
void nd_notify_reloading(int64_t now_ns);

/** nd_notify_stopping() - STOPPING=1 */
void nd_notify_stopping(void);

/**
 * nd_notify_watchdog() - WATCHDOG=1 if one is due
 * @n: the schedule
 * @now_ns: nd_mono_ns()
 */
void nd_notify_watchdog(struct nd_notify *n, int64_t now_ns);

/**
 * nd_notify_sleep_ms() - how long the daemon may sleep
 * @n: the schedule
 * @now_ns: nd_mono_ns()
 * @ms: what it wants to sleep, in ms
 *
 * Return: @ms, or less so that it wakes for the next keep-alive.
 */
int nd_notify_sleep_ms(const struct nd_notify *n, int64_t now_ns, int ms);

#endif /* NETANOMD_NOTIFY_H */
