// SPDX-License-Identifier: GPL-2.0-or-later
/* Alert outputs: the NDJSON file (append, mode, directories, rotation),
 * the syslog line, the alert command (stdin, exit status, timeout, no
 * zombies), and one failing output not stopping the others. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>

#include <cmocka.h>
#include <signal.h>
#include <sys/resource.h>

#include "out.h"
#include "output.h"
#include "tmpdir.h"

static char dir[TMPDIR_LEN];

static int make_dir(void **state)
{
	(void)state;
	return tmpdir_make(dir, "outputs");
}

static int remove_dir(void **state)
{
	(void)state;
	return tmpdir_remove(dir);
}

static const struct nd_host host = { .name = "h", .kernel = "6.1.0" };

static struct nd_alert alert(void)
{
	struct nd_alert a = {
		.time_ns = 1700000000000000000LL,
		.exe = "/tmp/x/nc",
		.comm = "nc",
		.pid = 77,
		.uid = 0,
		.dest_ip = "198.51.100.2",
		.dest_port = 8080,
		.ip_version = 4,
		.transport = "tcp",
		.connects = 1,
		.score = 93,
		.initial_score = 93,
		.probability = 0.002,
		.buckets_observed = 30,
		.first_occurrence = true,
	};
	return a;
}

/* The whole of a file, malloc'ed. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = calloc(1, 1 << 20);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void path_in(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

/* An executable shell script in the test directory. */
static void script(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0755), 0);
}

/* A configuration with only what a test sets turned on. */
static void config(struct nd_config *c)
{
	assert_int_equal(nd_config_defaults(c), 0);
	free(c->alerts_path);
	c->alerts_path = NULL;
	c->syslog = false;
}

static void set_command(struct nd_config *c, const char *path)
{
	c->command = calloc(2, sizeof(char *));
	assert_non_null(c->command);
	c->command[0] = strdup(path);
}

static void test_file_append(void **state)
{
	struct nd_outputs *o;
	struct nd_config c;
	struct nd_alert a = alert();
	char path[128], sub[128], err[256], *text;
	struct stat st;

	(void)state;
	config(&c);
	path_in(sub, sizeof(sub), "log/netanom");
	path_in(path, sizeof(path), "log/netanom/alerts.ndjson");
	c.alerts_path = strdup(path);
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), 0);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750 & ~(unsigned)umask(022));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640 & ~(unsigned)umask(022));

	assert_int_equal(nd_outputs_emit(o, &a, "{\"n\":1}"), 0);
	assert_int_equal(nd_outputs_emit(o, &a, "{\"n\":2}"), 0);
	nd_outputs_close(o);

	/* reopened later: appended, not truncated */
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), 0);
	assert_int_equal(nd_outputs_emit(o, &a, "{\"n\":3}"), 0);
	nd_outputs_close(o);
	text = slurp(path);
	assert_string_equal(text, "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
	free(text);
	nd_config_free(&c);
}

static void test_file_rotation(void **state)
{
	struct nd_out_file *f;
	char path[128], old[128], err[256], *text;

	(void)state;
	path_in(path, sizeof(path), "rot/alerts.ndjson");
	path_in(old, sizeof(old), "rot/alerts.ndjson.1");
	assert_int_equal(nd_out_file_open(&f, path, err, sizeof(err)), 0);
	assert_int_equal(nd_out_file_write(f, "a", false), 0);
	assert_int_equal(rename(path, old), 0);	/* logrotate */
	assert_int_equal(nd_out_file_write(f, "b", false), 0);
	nd_out_file_close(f);
	text = slurp(old);
	assert_string_equal(text, "a\n");
	free(text);
	text = slurp(path);
	assert_string_equal(text, "b\n");
	free(text);
}

/* Every line is fsync(2)ed: on a FIFO, where write works and fsync cannot,
 * the alert must be reported as not durably written. */
static void test_file_fsync(void **state)
{
	struct nd_out_file *f;
	char path[128], err[256], buf[16];
	int rd;

	(void)state;
	path_in(path, sizeof(path), "fifo");
	assert_int_equal(mkfifo(path, 0600), 0);
	rd = open(path, O_RDWR | O_NONBLOCK);	/* a reader, so open won't block */
	assert_true(rd >= 0);
	assert_int_equal(nd_out_file_open(&f, path, err, sizeof(err)), 0);
	assert_int_equal(nd_out_file_write(f, "x", false), -1);
	nd_out_file_close(f);
	assert_int_equal(read(rd, buf, sizeof(buf)), 2);	/* written, though */
	close(rd);
}

static void test_file_open_error(void **state)
{
	struct nd_outputs *o = NULL;
	struct nd_config c;
	char path[128], err[256];

	(void)state;
	config(&c);
	path_in(path, sizeof(path), "plain");
	fclose(fopen(path, "w"));
	path_in(path, sizeof(path), "plain/alerts.ndjson");	/* under a file */
	c.alerts_path = strdup(path);
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "Not a directory"));
	nd_config_free(&c);
}

/* Collects what nd_out_syslog sends. */
static int caught_prio;
static char caught[8192];

static void catch_line(int prio, const char *line)
{
	caught_prio = prio;
	snprintf(caught, sizeof(caught), "%s", line);
}

static void test_syslog_line(void **state)
{
	struct nd_alert a = alert();

	(void)state;
	nd_out_syslog(&a, "low", catch_line);
	assert_int_equal(caught_prio, LOG_WARNING);
	assert_string_equal(caught,
		"unusual network activity: /tmp/x/nc (pid 77, uid 0, comm nc) made 1 connect to 198.51.100.2:8080/tcp; score 93, first network use in 30 observed buckets (probability 0.002)");
	nd_out_syslog(&a, "high", catch_line);
	assert_int_equal(caught_prio, LOG_ERR);
	nd_out_syslog(&a, "critical", catch_line);
	assert_int_equal(caught_prio, LOG_CRIT);
}

static void test_alert_line(void **state)
{
	struct nd_alert a = alert();
	char buf[512], small[24];

	(void)state;
	snprintf(a.dest_ip, sizeof(a.dest_ip), "2001:db8::5");
	a.first_occurrence = false;
	a.buckets_active = 2.5;
	a.connects = 4;
	a.exe = "/tmp/a\nb\\c\x7f";
	memcpy(a.comm, "fake\r\n", 7);
	nd_alert_line(&a, buf, sizeof(buf));
	assert_string_equal(buf,
		"unusual network activity: /tmp/a\\x0ab\\\\c\\x7f (pid 77, uid 0, comm fake\\x0d\\x0a) made 4 connects to [2001:db8::5]:8080/tcp; score 93, active in 2.5 of 30 buckets (probability 0.002)");

	a.dest_ip[0] = '\0';
	a.dest_port = 0;
	nd_alert_line(&a, buf, sizeof(buf));
	assert_non_null(strstr(buf, "made 4 connects; score"));

	/* a short buffer is cut, never overrun */
	memset(small, 'Z', sizeof(small));
	nd_alert_line(&a, small, sizeof(small));
	assert_true(strlen(small) < sizeof(small));
	assert_int_equal(strncmp(small, "unusual network", 15), 0);
}

static void test_command_stdin(void **state)
{
	struct nd_outputs *o;
	struct nd_config c;
	struct nd_alert a = alert();
	char cmd[128], out[128], body[300], err[256], *text;

	(void)state;
	config(&c);
	path_in(cmd, sizeof(cmd), "hook.sh");
	path_in(out, sizeof(out), "hook.out");
	snprintf(body, sizeof(body), "cat > '%s'; echo \"args:$#\" >> '%s'",
		 out, out);
	script(cmd, body);
	set_command(&c, cmd);
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), 0);
	assert_int_equal(nd_outputs_emit(o, &a, "{\"doc\":\"x y\"}"), 0);
	nd_outputs_close(o);
	text = slurp(out);
	assert_string_equal(text, "{\"doc\":\"x y\"}\nargs:0\n");
	free(text);
	nd_config_free(&c);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);	/* no zombie */
	assert_int_equal(errno, ECHILD);
}

static void test_command_status(void **state)
{
	char cmd[128];
	char *argv[] = { cmd, NULL };

	(void)state;
	path_in(cmd, sizeof(cmd), "fail.sh");
	script(cmd, "cat >/dev/null; exit 3");
	assert_int_equal(nd_out_command(argv, "{}", 5), -1);
	path_in(cmd, sizeof(cmd), "kill.sh");
	script(cmd, "kill -TERM $$");
	assert_int_equal(nd_out_command(argv, "{}", 5), -1);
	path_in(cmd, sizeof(cmd), "ok.sh");
	script(cmd, "exit 0");
	assert_int_equal(nd_out_command(argv, "{}", 5), 0);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
}

/* A command that never reads a large document: no SIGPIPE, no hang. */
static void test_command_ignores_stdin(void **state)
{
	char *argv[] = { "/bin/true", NULL };
	size_t len = 4 << 20;
	char *big = malloc(len + 1);

	(void)state;
	assert_non_null(big);
	memset(big, 'x', len);
	big[len] = '\0';
	assert_int_equal(nd_out_command(argv, big, 5), 0);
	free(big);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Dead or a zombie of someone else's: either way not running. */
static int running(pid_t pid)
{
	char path[64], *stat;
	char *p;
	int run;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	stat = slurp(path);
	if (!stat)
		return 0;
	p = strrchr(stat, ')');
	run = p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
	free(stat);
	return run;
}

static void test_command_timeout(void **state)
{
	char cmd[128], pidf[128], body[256], *text;
	char *argv[] = { cmd, NULL };
	double t0, took;
	pid_t child;
	int i;

	(void)state;
	path_in(cmd, sizeof(cmd), "hang.sh");
	path_in(pidf, sizeof(pidf), "hang.pid");
	/* the script's own child must die with it */
	snprintf(body, sizeof(body), "sleep 60 & echo $! > '%s'; wait", pidf);
	script(cmd, body);
	t0 = now_s();
	assert_int_equal(nd_out_command(argv, "{}", 1), -1);
	took = now_s() - t0;
	/* Killed at the timeout: not before it, and nowhere near 60 s (the
	 * upper bound is loose on purpose; this is not a benchmark). */
	assert_true(took >= 0.9);
	assert_true(took < 20);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	text = slurp(pidf);
	assert_non_null(text);
	child = (pid_t)atoi(text);
	free(text);
	assert_true(child > 0);
	for (i = 0; i < 200 && running(child); i++)
		usleep(10000);
	assert_false(running(child));
}

static void test_not_executable(void **state)
{
	struct nd_outputs *o = NULL;
	struct nd_config c;
	char err[256], path[128];

	(void)state;
	config(&c);
	path_in(path, sizeof(path), "no-such-hook");
	set_command(&c, path);
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no-such-hook: not executable"));
	nd_config_free(&c);
}

/* The file fails (a full disk: the line waits); the command still gets it. */
static void test_failure_does_not_stop_others(void **state)
{
	struct nd_outputs *o;
	struct nd_config c;
	struct nd_alert a = alert();
	char cmd[128], out[128], body[256], err[256], *text;

	(void)state;
	config(&c);
	c.alerts_path = strdup("/dev/full");
	path_in(cmd, sizeof(cmd), "after.sh");
	path_in(out, sizeof(out), "after.out");
	snprintf(body, sizeof(body), "cat > '%s'", out);
	script(cmd, body);
	set_command(&c, cmd);
	assert_int_equal(nd_outputs_open(&o, &c, &host, err, sizeof(err)), 0);
	assert_int_equal(nd_outputs_emit(o, &a, "{\"k\":1}"), 0);
	assert_int_equal(nd_outputs_retry(o), 1);	/* still full */
	nd_outputs_close(o);
	text = slurp(out);
	assert_string_equal(text, "{\"k\":1}\n");
	free(text);
	nd_config_free(&c);
}

/* An alert sent again after a crash is written only if the file's end
 * does not hold it: exactly once in the file. */
static void test_file_resent_once(void **state)
{
	struct nd_out_file *f;
	char path[128], err[256], *text;

	(void)state;
	path_in(path, sizeof(path), "once.ndjson");
	assert_int_equal(nd_out_file_open(&f, path, err, sizeof(err)), 0);
	assert_int_equal(nd_out_file_write(f, "{\"a\":1}", false), 0);
	assert_int_equal(nd_out_file_write(f, "{\"b\":2}", false), 0);
	assert_int_equal(nd_out_file_write(f, "{\"a\":1}", true), 0);
	assert_int_equal(nd_out_file_write(f, "{\"b\":2}", true), 0);
	/* A line that only ends like one in the file is another line. */
	assert_int_equal(nd_out_file_write(f, "\"b\":2}", true), 0);
	assert_int_equal(nd_out_file_write(f, "{\"c\":3}", true), 0);
	nd_out_file_close(f);
	text = slurp(path);
	assert_string_equal(text, "{\"a\":1}\n{\"b\":2}\n\"b\":2}\n"
			    "{\"c\":3}\n");
	free(text);
}

/* A full disk, made with RLIMIT_FSIZE (EFBIG): no half line is left, the
 * lines wait in order, and go out when there is room again. */
static void test_file_full_then_room(void **state)
{
	struct rlimit old, small;
	struct nd_out_file *f;
	char path[128], err[256], *text;
	void (*was)(int);

	(void)state;
	path_in(path, sizeof(path), "full.ndjson");
	assert_int_equal(nd_out_file_open(&f, path, err, sizeof(err)), 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	was = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(nd_out_file_write(f, "0123456789", false), 0);
	small = old;
	small.rlim_cur = 16;	/* the next line would end at 22 */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_int_equal(nd_out_file_write(f, "abcdefghij", false), 1);
	assert_int_equal(nd_out_file_write(f, "k", false), 1);
	assert_int_equal(nd_out_file_waiting(f), 2);
	text = slurp(path);
	assert_string_equal(text, "0123456789\n");	/* no half line */
	free(text);
	assert_int_equal(nd_out_file_retry(f), 1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	assert_int_equal(nd_out_file_write(f, "l", false), 0);
	assert_int_equal(nd_out_file_waiting(f), 0);
	nd_out_file_close(f);
	text = slurp(path);
	assert_string_equal(text, "0123456789\nabcdefghij\nk\nl\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_append),
		cmocka_unit_test(test_file_rotation),
		cmocka_unit_test(test_file_resent_once),
		cmocka_unit_test(test_file_full_then_room),
		cmocka_unit_test(test_file_fsync),
		cmocka_unit_test(test_file_open_error),
		cmocka_unit_test(test_syslog_line),
		cmocka_unit_test(test_alert_line),
		cmocka_unit_test(test_command_stdin),
		cmocka_unit_test(test_command_status),
		cmocka_unit_test(test_command_ignores_stdin),
		cmocka_unit_test(test_command_timeout),
		cmocka_unit_test(test_not_executable),
		cmocka_unit_test(test_failure_does_not_stop_others),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
