// SPDX-License-Identifier: GPL-2.0-or-later
/* What netanomd tells systemd: each message on a fake NOTIFY_SOCKET (a
 * datagram socket in a temporary directory, as systemd's is), nothing
 * without one, the watchdog's schedule, and the daemon's sequence from
 * start through a reload to stop. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon.h"
#include "fake_kernel.h"
#include "notify.h"
#include "tmpdir.h"

#define NS	1000000000LL

/**
 * struct fixture - a temporary directory with the fake systemd socket
 * @dir: the directory
 * @sock: bound datagram socket, non-blocking
 * @msg: the last message received, NUL-terminated
 */
struct fixture {
	char dir[TMPDIR_LEN];
	int sock;
	char msg[1024];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	assert_non_null(f);
	assert_int_equal(tmpdir_make(f->dir, "notify"), 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/notify", f->dir);
	f->sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			 0);
	assert_true(f->sock >= 0);
	assert_int_equal(bind(f->sock, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", sa.sun_path, 1), 0);
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	close(f->sock);
	assert_int_equal(tmpdir_remove(f->dir), 0);
	free(f);
	return 0;
}

/* The next message, or NULL when none is waiting. */
static const char *next_msg(struct fixture *f)
{
	ssize_t n = recv(f->sock, f->msg, sizeof(f->msg) - 1, 0);

	if (n < 0) {
		assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
		return NULL;
	}
	f->msg[n] = '\0';
	return f->msg;
}

static void expect_msg(struct fixture *f, const char *want)
{
	const char *got = next_msg(f);

	if (!got)
		fail_msg("no message; expected \"%s\"", want);
	assert_string_equal(got, want);
}

static void expect_none(struct fixture *f)
{
	const char *got = next_msg(f);

	if (got)
		fail_msg("unexpected message \"%s\"", got);
}

static void test_messages(void **state)
{
	struct fixture *f = *state;

	nd_notify_ready("started");
	expect_msg(f, "READY=1\nSTATUS=started");
	nd_notify_status("bucket ending 10:15");
	expect_msg(f, "STATUS=bucket ending 10:15");
	nd_notify_reloading(12 * NS + 345678);
	expect_msg(f, "RELOADING=1\nSTATUS=reloading the configuration\n"
		   "MONOTONIC_USEC=12000345");
	nd_notify_stopping();
	expect_msg(f, "STOPPING=1\nSTATUS=stopping");
	expect_none(f);
}

/* Started by hand or by another init: nothing is sent, nothing fails. */
static void test_no_socket_no_op(void **state)
{
	struct fixture *f = *state;
	struct nd_notify n;

	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(setenv("WATCHDOG_USEC", "1000000", 1), 0);
	nd_notify_init(&n, 0);
	nd_notify_ready("started");
	nd_notify_stopping();
	nd_notify_watchdog(&n, 10 * NS);
	expect_none(f);
}

/* WatchdogSec=2: a keep-alive every second, not more often, and the
 * daemon's sleep cut short to send it. */
static void test_watchdog(void **state)
{
	struct fixture *f = *state;
	struct nd_notify n;
	char pid[16];

	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	assert_int_equal(setenv("WATCHDOG_USEC", "2000000", 1), 0);
	assert_int_equal(setenv("WATCHDOG_PID", pid, 1), 0);
	nd_notify_init(&n, 100 * NS);
	assert_int_equal(n.interval_ns, NS);
	assert_int_equal(nd_notify_sleep_ms(&n, 100 * NS, 60000), 0);
	nd_notify_watchdog(&n, 100 * NS);
	expect_msg(f, "WATCHDOG=1");
	nd_notify_watchdog(&n, 100 * NS + NS / 2);
	expect_none(f);
	assert_int_equal(nd_notify_sleep_ms(&n, 100 * NS + NS / 2, 60000),
			 500);
	assert_int_equal(nd_notify_sleep_ms(&n, 100 * NS + NS / 2, 20), 20);
	nd_notify_watchdog(&n, 101 * NS);
	expect_msg(f, "WATCHDOG=1");
	expect_none(f);
}

/* The watchdog meant for another process (WATCHDOG_PID) is not ours. */
static void test_watchdog_other_pid(void **state)
{
	struct fixture *f = *state;
	struct nd_notify n;

	assert_int_equal(setenv("WATCHDOG_USEC", "2000000", 1), 0);
	assert_int_equal(setenv("WATCHDOG_PID", "1", 1), 0);
	nd_notify_init(&n, 0);
	assert_int_equal(n.interval_ns, 0);
	assert_int_equal(nd_notify_sleep_ms(&n, 0, 60000), 60000);
	nd_notify_watchdog(&n, 5 * NS);
	expect_none(f);
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The daemon, with a SIGHUP and a SIGTERM pending when it starts: ready,
 * reloading, ready again with the outcome, stopping.  Then again with a
 * broken file, whose reload is reported as failed. */
static void run_daemon_with_hup(struct fixture *f, const char *reloaded)
{
	char conf[128], db[128];
	struct nd_options o = { .config = conf, .database = db,
				.foreground = true };
	struct nd_config *c = calloc(1, sizeof(*c));
	struct fk *k = calloc(1, sizeof(*k));
	const struct nd_source src = { .open = fk_model_open, .arg = k };
	sigset_t set, old;
	char err[512];

	assert_non_null(c);
	assert_non_null(k);
	fk_init(k);
	k->model.not_loaded = true;
	snprintf(conf, sizeof(conf), "%s/netanomd.conf", f->dir);
	snprintf(db, sizeof(db), "%s/netanom.db", f->dir);
	write_file(conf, "[rule]\nbucket_span = 1h\n[output]\nsyslog = off\n"
		   "alerts =\n");
	assert_int_equal(nd_load_config(&o, c, err, sizeof(err)), 0);
	write_file(conf, reloaded);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	assert_int_equal(sigprocmask(SIG_BLOCK, &set, &old), 0);
	raise(SIGHUP);
	raise(SIGTERM);
	assert_int_equal(nd_daemon_run(&o, c, &src), ND_EXIT_OK);
	assert_int_equal(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	fk_free(k);
	free(k);
}

static void test_daemon_sequence(void **state)
{
	struct fixture *f = *state;
	const char *m;

	run_daemon_with_hup(f, "[rule]\nbucket_span = 1h\n"
			    "[output]\nsyslog = off\nalerts =\n");
	expect_msg(f, "READY=1\nSTATUS=started; first bucket being collected");
	m = next_msg(f);
	assert_non_null(m);
	assert_true(!strncmp(m, "RELOADING=1\n", 12));
	expect_msg(f, "READY=1\nSTATUS=configuration reloaded");
	expect_msg(f, "STOPPING=1\nSTATUS=stopping");
	/* Once: the loop's end does not say it again. */
	expect_none(f);

	run_daemon_with_hup(f, "[rule]\nbucket_span = soon\n");
	expect_msg(f, "READY=1\nSTATUS=started; first bucket being collected");
	assert_non_null(next_msg(f));
	expect_msg(f, "READY=1\nSTATUS=reload failed, see the log; the "
		   "previous configuration is in force");
	expect_msg(f, "STOPPING=1\nSTATUS=stopping");
	expect_none(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_messages, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_no_socket_no_op, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_watchdog, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_watchdog_other_pid, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_daemon_sequence, setup,
						teardown),
	};

	/* A loop that misses its signals must fail the run, not hang it. */
	alarm(60);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
