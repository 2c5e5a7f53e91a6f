/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netanomd's log: stderr in the foreground, syslog(3) otherwise.
 *
 * Like syslog(3) itself, the destination is process-wide: it is chosen once
 * in main() with nd_log_open().  Before that, messages go to stderr.
 */
#ifndef NETANOMD_LOG_H
#define NETANOMD_LOG_H

#include <stdbool.h>
#include <syslog.h>

/** nd_log_open() - log to stderr (@foreground) or to syslog as @ident */
void nd_log_open(const char *ident, bool foreground);

/** nd_log() - one line at syslog priority @prio (LOG_ERR, LOG_INFO, ...) */
void nd_log(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** nd_log_close() - closelog() when logging to syslog */
void nd_log_close(void);

#endif /* NETANOMD_LOG_H */
