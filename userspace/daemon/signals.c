// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Signals through a signalfd: nothing runs in a signal handler, and a
 * SIGTERM that arrives while a bucket is being written is only read once
 * the bucket is committed.
 */
#include <errno.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "daemon_int.h"
#include "log.h"

static void our_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
}

int nd_signals_open(struct nd_daemon *d)
{
	sigset_t set;

	our_signals(&set);
	if (sigprocmask(SIG_BLOCK, &set, &d->old_mask))
		return -1;
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->sigfd < 0) {
		sigprocmask(SIG_SETMASK, &d->old_mask, NULL);
		return -1;
	}
	return 0;
}

void nd_signals_handle(struct nd_daemon *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			nd_log(LOG_NOTICE, "SIGHUP: reloading the configuration");
			nd_notify_reloading(nd_mono_ns());
			nd_notify_ready(nd_daemon_reload(d) ?
					"reload failed, see the log; the "
					"previous configuration is in force" :
					"configuration reloaded");
		} else {
			nd_log(LOG_NOTICE, "%s: stopping",
			       si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM");
			d->stop = true;
		}
	}
}

void nd_signals_close(struct nd_daemon *d)
{
	sigset_t set;

	if (d->sigfd < 0)
		return;
	close(d->sigfd);
	d->sigfd = -1;
	/* Signals that arrived meanwhile stay pending until the mask is
	 * restored; drop them, they were for this run. */
	our_signals(&set);
	{
		struct timespec zero = { 0, 0 };

		while (sigtimedwait(&set, NULL, &zero) > 0)
			;
	}
	sigprocmask(SIG_SETMASK, &d->old_mask, NULL);
}
