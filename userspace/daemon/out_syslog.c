// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The syslog output: one line per alert (nd_alert_line), LOG_DAEMON.
 *
 * The sender is a parameter so that tests can catch the line; syslog(3)
 * itself has one destination per process, and that one is the daemon's.
 */
#include <string.h>
#include <syslog.h>

#include "out.h"
#include "output.h"

void nd_syslog_send(int prio, const char *line)
{
	syslog(LOG_DAEMON | prio, "%s", line);
}

void nd_out_syslog(const struct nd_alert *a, const char *severity,
		   nd_syslog_fn send)
{
	char line[8192];
	int prio = LOG_WARNING;

	/* A "high" rule should stand out of a warning-level log; so should
	 * someone switching the watch off, whatever the rule's severity. */
	if (a->tamper || (severity && !strcmp(severity, "high")))
		prio = LOG_ERR;
	else if (severity && !strcmp(severity, "critical"))
		prio = LOG_CRIT;
	send(prio, nd_alert_line(a, line, sizeof(line)));
}
