// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The alert command: fork and execv(2) the configured argv (no shell, so
 * nothing in an alert is ever interpreted), the ECS document on its stdin.
 *
 * The daemon waits for it, but never longer than the timeout: then the
 * command's whole process group gets SIGKILL (a script's children too) and
 * is reaped, so no zombie is left behind.
 *
 * stdin is a socketpair, not a pipe: send(2) takes MSG_NOSIGNAL, so a
 * command that exits without reading cannot kill the daemon with SIGPIPE,
 * and there is no process-wide signal state to change for that.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "out.h"

/* How often the wait checks whether the command has exited. */
#define POLL_MS 10

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void exec_child(char *const argv[], int in)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;

	/* A group of its own, so the timeout kills what it started too. */
	setpgid(0, 0);
	/* The daemon's signal mask and handlers are not the command's. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	if (in == STDIN_FILENO)
		fcntl(in, F_SETFD, 0);	/* keep it across exec */
	else if (dup2(in, STDIN_FILENO) < 0)
		_exit(126);
#ifdef SYS_close_range
	/* The daemon's netlink socket and database are none of its business. */
	syscall(SYS_close_range, 3U, ~0U, 0U);
#endif
	execv(argv[0], argv);
	_exit(127);
}

/* Feed @doc, then EOF, without ever blocking past @deadline. */
static void feed(int fd, const char *doc, size_t len, int64_t deadline)
{
	size_t off = 0;
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	ssize_t n;

	while (off < len) {
		int64_t left = deadline - now_ms();

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		n = send(fd, doc + off, len - off, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			break;	/* the command closed its stdin: its choice */
		if (n > 0)
			off += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
}

/* Wait for @pid until @deadline; then kill its group and reap it. */
static int reap(pid_t pid, int64_t deadline, bool *killed)
{
	int status;
	pid_t r;

	*killed = false;
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return -1;
		if (now_ms() >= deadline)
			break;
		poll(NULL, 0, POLL_MS);
	}
	*killed = true;
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);	/* in case setpgid had not run yet */
	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	return r == pid ? status : -1;
}

static int report(const char *cmd, int status, bool killed,
		  uint32_t timeout_s)
{
	if (killed) {
		nd_log(LOG_ERR, "alert command %s: killed after %us", cmd,
		       timeout_s);
		return -1;
	}
	if (status < 0) {
		nd_log(LOG_ERR, "alert command %s: lost: %s", cmd,
		       strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		nd_log(LOG_INFO, "alert command %s: exited 0", cmd);
		return 0;
	}
	if (WIFEXITED(status))
		nd_log(LOG_ERR, "alert command %s: exited %d%s", cmd,
		       WEXITSTATUS(status),
		       WEXITSTATUS(status) == 127 ? " (could not run it?)" : "");
	else
		nd_log(LOG_ERR, "alert command %s: killed by signal %d", cmd,
		       WTERMSIG(status));
	return -1;
}

int nd_out_command(char *const argv[], const char *doc, uint32_t timeout_s)
{
	int64_t deadline = now_ms() + (int64_t)timeout_s * 1000;
	size_t len = strlen(doc);
	char *line = malloc(len + 1);
	bool killed;
	int sv[2], status;
	pid_t pid;

	if (!line) {
		nd_log(LOG_ERR, "alert command %s: out of memory", argv[0]);
		return -1;
	}
	/* The newline ends the document for line-reading commands. */
	memcpy(line, doc, len);
	line[len] = '\n';
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		free(line);
		nd_log(LOG_ERR, "alert command %s: socketpair: %s", argv[0],
		       strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		nd_log(LOG_ERR, "alert command %s: fork: %s", argv[0],
		       strerror(errno));
		close(sv[0]);
		close(sv[1]);
		free(line);
		return -1;
	}
	if (pid == 0)
		exec_child(argv, sv[1]);
	close(sv[1]);
	setpgid(pid, pid);	/* also here: whichever runs first wins */
	if (line) {
		feed(sv[0], line, len + 1, deadline);
		free(line);
	}
	close(sv[0]);
	status = reap(pid, deadline, &killed);
	return report(argv[0], status, killed, timeout_s);
}
