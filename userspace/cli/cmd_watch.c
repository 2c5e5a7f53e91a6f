// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomctl watch [--json]: the module's new-executable events, live.
 *
 * SIGINT and SIGTERM are read from a signalfd next to the event socket, so
 * that an interrupt ends the loop between two events, with the output
 * flushed and exit status 0, and no handler or global flag is needed.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "cli.h"

struct watch {
	const struct cli_ctx *ctx;
	struct netanom *h;
	bool json;
	int sigfd;
};

static int print_one(const struct watch *w, const struct netanom_event *ev)
{
	json_t *o;
	int ret;

	if (!w->json) {
		cli_print_event(w->ctx->out, ev);
		return CLI_OK;
	}
	o = cli_event_json(ev);
	if (!o) {
		fprintf(w->ctx->err, PROG ": building the JSON output failed\n");
		return CLI_ERROR;
	}
	ret = json_dumpf(o, w->ctx->out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	fputc('\n', w->ctx->out);
	return ret ? CLI_ERROR : CLI_OK;
}

/* Read and print one event; a lost burst is said and watching goes on. */
static int one_event(const struct watch *w)
{
	struct netanom_event ev;
	struct netanom_error err;
	int ret;

	ret = netanom_event_recv(w->h, &ev, &err);
	if (ret == -ENOBUFS) {
		cli_report(w->ctx, &err);
		return CLI_GO;
	}
	if (ret < 0)
		return cli_report(w->ctx, &err);
	ret = print_one(w, &ev);
	netanom_event_free(&ev);
	fflush(w->ctx->out);
	if (ferror(w->ctx->out)) {
		fprintf(w->ctx->err, PROG ": error writing the output\n");
		return CLI_ERROR;
	}
	return ret == CLI_OK ? CLI_GO : ret;
}

/* Until a signal, an error, or (without a descriptor) the end. */
static int loop(const struct watch *w)
{
	struct pollfd pfd[2] = {
		{ .fd = netanom_event_fd(w->h), .events = POLLIN },
		{ .fd = w->sigfd, .events = POLLIN },
	};
	int ret = CLI_GO;

	while (ret == CLI_GO) {
		/* A transport without a descriptor blocks in its recv. */
		if (pfd[0].fd >= 0 && poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(w->ctx->err, PROG ": poll: %s\n",
				strerror(errno));
			return CLI_ERROR;
		}
		if (pfd[1].revents & POLLIN)
			return CLI_OK;
		if (pfd[0].fd < 0 || (pfd[0].revents & POLLIN))
			ret = one_event(w);
		else if (pfd[0].revents & (POLLERR | POLLHUP))
			ret = one_event(w);	/* reports the error */
	}
	return ret;
}

static int watch(struct watch *w)
{
	struct netanom_error err;
	sigset_t mask, old;
	int ret;

	if (netanom_events_subscribe(w->h, &err) < 0)
		return cli_report(w->ctx, &err);
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &mask, &old) < 0 ||
	    (w->sigfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0) {
		fprintf(w->ctx->err, PROG ": signalfd: %s\n", strerror(errno));
		sigprocmask(SIG_SETMASK, &old, NULL);
		return CLI_ERROR;
	}
	ret = loop(w);
	close(w->sigfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}

static int run(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
	       char **argv)
{
	struct watch w = { .ctx = ctx, .sigfd = -1 };
	struct cli_args a;
	int ret;

	ret = cli_begin(ctx, cmd, argc, argv, true, 0, &a);
	if (ret != CLI_GO)
		return ret;
	w.json = a.json;
	ret = cli_open(ctx, &w.h);
	if (ret)
		return ret;
	ret = watch(&w);
	netanom_close(w.h);
	return ret;
}

const struct cli_cmd cli_cmd_watch = {
	.name = "watch",
	.args = "[--json]",
	.summary = "Print new-executable events as they happen",
	.help =
	"The module multicasts an event on the first counted network use of\n"
	"every executable it did not hold (while somebody listens, within\n"
	"its rate limit: module parameters event_rate and event_burst; what\n"
	"is over the limit shows as events_dropped in 'netanomctl stats').\n"
	"One line per event:\n"
	"  TIME pid=P tid=T ppid=PP uid=U kind=K dest=D comm=C dev=N ino=N exe=PATH\n"
	"kind is tcp4, tcp6, udp4, udp6, other, sendto, fastopen, listen or\n"
	"accept; dest is '-' for listen and accept.  Ends on Ctrl-C (status 0).\n"
	"\n"
	"  -j, --json   one JSON object per line: time, time_ns, pid, tid, ppid,\n"
	"               uid, comm, exe, dev, ino, kind, and family, dest,\n"
	"               address, port when the use had a destination\n"
	"  -h, --help   this help\n",
	.run = run,
};
