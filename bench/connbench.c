// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * connbench - cost of connect(2) as the hook sees it.
 *
 *   connbench udp|tcp ITERATIONS [PROCS]
 *
 * udp: one UDP socket, connect(2) to two destinations in turn (no packet is
 *      sent: this is the cheapest path through security_socket_connect).
 * tcp: a listener on 198.51.100.1 (the guest's veth0 address), then per
 *      operation: socket, connect, close with SO_LINGER 0 (a reset, so no
 *      TIME_WAIT uses up the ports); a thread accepts and closes.
 *
 * PROCS processes (default 1), each pinned to CPU i % ncpus, run at once;
 * each times its own loop after a warm-up, with CLOCK_MONOTONIC and with
 * its thread's CPU time.  Prints
 *
 *   ns_per_op=<mean of the processes' ns per operation>
 *   cpu_per_op=<the same in thread CPU time> ops=<total timed and warm-up
 *   connects>
 *
 * Under QEMU -icount shift=0 a guest nanosecond is one guest instruction,
 * so both are then instructions per operation; cpu_per_op leaves out the
 * time the process did not run (idle waits, other tasks), which makes it
 * the steadier of the two on the TCP path.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LISTEN_ADDR "198.51.100.1"
#define UDP_ADDR "198.51.100.2"
#define WARMUP 50

static void die(const char *what)
{
	fprintf(stderr, "connbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

struct stamp {
	uint64_t mono;
	uint64_t cpu;
};

static uint64_t ns_of(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static struct stamp now(void)
{
	struct stamp s = { ns_of(CLOCK_MONOTONIC),
			   ns_of(CLOCK_THREAD_CPUTIME_ID) };

	return s;
}

static struct stamp since(struct stamp t0)
{
	struct stamp t1 = now();

	t1.mono -= t0.mono;
	t1.cpu -= t0.cpu;
	return t1;
}

static struct sockaddr_in sin_of(const char *addr, unsigned int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };

	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
		fprintf(stderr, "connbench: bad address %s\n", addr);
		exit(1);
	}
	return sa;
}

static void udp_ops(int fd, const struct sockaddr_in dst[2], long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (connect(fd, (const struct sockaddr *)&dst[i & 1],
			    sizeof(dst[0])))
			die("udp connect");
}

static struct stamp run_udp(long iters)
{
	struct sockaddr_in dst[2] = { sin_of(UDP_ADDR, 9998),
				      sin_of(UDP_ADDR, 9999) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct stamp t;

	if (fd < 0)
		die("udp socket");
	udp_ops(fd, dst, WARMUP);
	t = now();
	udp_ops(fd, dst, iters);
	t = since(t);
	close(fd);
	return t;
}

static void tcp_ops(const struct sockaddr_in *dst, long n)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			die("tcp socket");
		if (connect(fd, (const struct sockaddr *)dst, sizeof(*dst)))
			die("tcp connect");
		if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)))
			die("SO_LINGER");
		close(fd);
	}
}

static struct stamp run_tcp(const struct sockaddr_in *dst, long iters)
{
	struct stamp t;

	tcp_ops(dst, WARMUP);
	t = now();
	tcp_ops(dst, iters);
	return since(t);
}

static void *acceptor(void *arg)
{
	int lfd = *(int *)arg, fd;

	for (;;) {
		fd = accept(lfd, NULL, NULL);
		if (fd >= 0)
			close(fd);
		else if (errno != EINTR && errno != ECONNABORTED)
			return NULL;
	}
}

/* A listener with an accepting thread; returns its address. */
static struct sockaddr_in start_listener(void)
{
	struct sockaddr_in sa = sin_of(LISTEN_ADDR, 0);
	socklen_t len = sizeof(sa);
	static int lfd;
	pthread_t th;
	int one = 1;

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		die("listen socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(lfd, 4096) ||
	    getsockname(lfd, (struct sockaddr *)&sa, &len))
		die("listener on " LISTEN_ADDR);
	if (pthread_create(&th, NULL, acceptor, &lfd))
		die("accept thread");
	return sa;
}

static void pin(int i)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(i % (ncpu > 0 ? ncpu : 1), &set);
	sched_setaffinity(0, sizeof(set), &set);
}

int main(int argc, char **argv)
{
	struct sockaddr_in dst = { 0 };
	long iters, procs = 1, i;
	volatile struct stamp *res;
	double sum = 0, sum_cpu = 0;
	int tcp, st;
	pid_t pid;

	if (argc < 3 || argc > 4 || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: connbench udp|tcp ITERATIONS [PROCS]\n"
			"  prints ns_per_op= (mean over PROCS processes run at "
			"once) and ops=\n");
		return argc == 2 ? 0 : 2;
	}
	tcp = !strcmp(argv[1], "tcp");
	if (!tcp && strcmp(argv[1], "udp")) {
		fprintf(stderr, "connbench: mode is udp or tcp, not %s\n",
			argv[1]);
		return 2;
	}
	iters = strtol(argv[2], NULL, 10);
	if (argc == 4)
		procs = strtol(argv[3], NULL, 10);
	if (iters < 1 || procs < 1 || procs > 64) {
		fprintf(stderr, "connbench: ITERATIONS >= 1, 1 <= PROCS <= 64\n");
		return 2;
	}
	res = mmap(NULL, sizeof(*res) * procs, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED)
		die("mmap");
	if (tcp)
		dst = start_listener();
	for (i = 0; i < procs; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			pin((int)i);
			res[i] = tcp ? run_tcp(&dst, iters) : run_udp(iters);
			_exit(0);
		}
	}
	for (i = 0; i < procs; i++) {
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			return 1;
	}
	for (i = 0; i < procs; i++) {
		sum += (double)res[i].mono / (double)iters;
		sum_cpu += (double)res[i].cpu / (double)iters;
	}
	printf("ns_per_op=%.1f cpu_per_op=%.1f ops=%ld\n", sum / (double)procs,
	       sum_cpu / (double)procs, (iters + WARMUP) * procs);
	return 0;
}
