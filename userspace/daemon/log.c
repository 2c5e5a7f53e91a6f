// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The log destination is process-wide state, as syslog(3)'s is: one
 * daemon has one log, and threading a handle through every call that may
 * report a problem would add an argument to nearly every function.
 */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static bool use_syslog;

void nd_log_open(const char *ident, bool foreground)
{
	use_syslog = !foreground;
	if (use_syslog)
		openlog(ident, LOG_PID, LOG_DAEMON);
}

void nd_log(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (use_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

void nd_log_close(void)
{
	if (use_syslog)
		closelog();
	use_syslog = false;
}
