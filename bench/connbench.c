// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * connbench - cost of connect(2) as the hook sees it.
 *
 *   connbench udp|tcp ITERATIONS [PROCS]
 *
 * udp: one UDP socket, connect(2) to two destinations in turn (no packet is
 *      sent: this is the cheapest path through security_socket_connect).
 * tcp: each process has its own listener on 198.51.100.1 (the guest's veth0
 *      address); per operation: socket, connect, close with SO_LINGER 0 (a
 *      reset, so no TIME_WAIT uses up the ports).  The same thread accepts
 *      and closes the listener's ends, ACCEPT_BATCH at a time, with a
 *      non-blocking accept; they are part of the timed loop.
 *
 * PROCS processes (default 1), each pinned to CPU i % ncpus, run at once.
 * Each warms up, waits at a barrier for the others, then times its loop
 * with CLOCK_MONOTONIC and with its thread's CPU time, and each block of
 * BLOCK_TCP or BLOCK_UDP operations in thread CPU time.  Prints
 *
 *   ns_per_op=<mean of the processes' elapsed ns per operation>
 *   cpu_per_op=<the same in thread CPU time>
 *   blk_per_op=<the same, the median block's>
 *   all_per_op=<from the first start to the last end, over all operations>
 *   ops=<every connect made, timed and warm-up>
 *
 * Under QEMU -icount shift=0 a guest nanosecond is one guest instruction,
 * and QEMU runs the vCPUs in turn on one host thread: guest time advances
 * by the instructions of whichever vCPU is running.  So a process's CPU
 * time also counts what the other vCPU executed while this process was on
 * its own CPU.  For one process with everything on its CPU (no thread to
 * wake elsewhere) that is only the little the idle CPU does, and
 * blk_per_op is its own instructions, without the bursts of deferred
 * kernel work that cpu_per_op catches or not (timed_blocks()).  For
 * PROCS > 1 both depend on how the processes' runs overlap, which changes
 * from run to run; all_per_op does not: with every vCPU busy, the guest
 * time from the first start to the last end is the instructions that all
 * of them executed, so all_per_op is the instructions per operation,
 * summed over the CPUs (bursts included).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
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
#define WARMUP_UDP 50
/* Also fills the listener's and the sockets' slab caches on this CPU. */
#define WARMUP_TCP 200
/* Well under the listen backlog: a full accept queue drops the SYN. */
#define ACCEPT_BATCH 64
#define BACKLOG 4096
/* Operations per timed block: a TCP block ends with one accept batch. */
#define BLOCK_TCP ACCEPT_BATCH
#define BLOCK_UDP 250
#define MAX_PROCS 64

static void die(const char *what)
{
	fprintf(stderr, "connbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

struct stamp {
	uint64_t mono;
	uint64_t cpu;
};

/* One per process, in memory shared with the parent. */
struct result {
	uint64_t start;		/* CLOCK_MONOTONIC at the start of the loop */
	uint64_t end;
	uint64_t cpu;		/* thread CPU time of the loop */
	double blk;		/* median of the blocks' CPU time per op */
};

struct shared {
	atomic_int ready;	/* processes at the barrier */
	atomic_int done;	/* processes past their loop */
	struct result res[MAX_PROCS];
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

/* What one process measures: its sockets and how to run N operations. */
struct bench {
	int tcp;
	int fd;				/* udp: the socket; tcp: the listener */
	struct sockaddr_in dst[2];	/* udp: both; tcp: dst[0] */
};

static void udp_ops(const struct bench *b, long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (connect(b->fd, (const struct sockaddr *)&b->dst[i & 1],
			    sizeof(b->dst[0])))
			die("udp connect");
}

/* Accept and close whatever the listener has queued. */
static void drain(int lfd)
{
	int fd;

	for (;;) {
		fd = accept4(lfd, NULL, NULL, 0);
		if (fd >= 0) {
			close(fd);
			continue;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return;
		if (errno != EINTR && errno != ECONNABORTED)
			die("accept");
	}
}

static void tcp_ops(const struct bench *b, long n)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			die("tcp socket");
		if (connect(fd, (const struct sockaddr *)&b->dst[0],
			    sizeof(b->dst[0])))
			die("tcp connect");
		if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)))
			die("SO_LINGER");
		close(fd);
		if ((i + 1) % ACCEPT_BATCH == 0)
			drain(b->fd);
	}
	if (n % ACCEPT_BATCH)
		drain(b->fd);
}

static void ops(const struct bench *b, long n)
{
	if (b->tcp)
		tcp_ops(b, n);
	else
		udp_ops(b, n);
}

/*
 * A listener of this process's own, non-blocking: the process accepts on
 * its own CPU, between its connects, so that no other thread has to be
 * woken (under -icount, work on the other vCPU would count in this
 * process's time) and no other process shares its accept queue's locks.
 */
static void bench_setup(struct bench *b)
{
	socklen_t len = sizeof(b->dst[0]);
	int one = 1;

	if (!b->tcp) {
		b->dst[0] = sin_of(UDP_ADDR, 9998);
		b->dst[1] = sin_of(UDP_ADDR, 9999);
		b->fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (b->fd < 0)
			die("udp socket");
		return;
	}
	b->dst[0] = sin_of(LISTEN_ADDR, 0);
	b->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (b->fd < 0)
		die("listen socket");
	setsockopt(b->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(b->fd, (struct sockaddr *)&b->dst[0], sizeof(b->dst[0])) ||
	    listen(b->fd, BACKLOG) ||
	    getsockname(b->fd, (struct sockaddr *)&b->dst[0], &len))
		die("listener on " LISTEN_ADDR);
}

static void pin(int i)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(i % (ncpu > 0 ? ncpu : 1), &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * ITERS operations in blocks of BLOCK_TCP or BLOCK_UDP, each timed in
 * thread CPU time; returns the median block's CPU time per operation (0
 * when there is no whole block).  Some of the kernel's work for these
 * operations comes in bursts that land in this thread's time or not,
 * depending on timing: RCU callbacks (each closed socket's inode is freed
 * after a grace period) run in a softirq on this thread or in ksoftirqd,
 * and the RCU kthread or a kworker running on the other vCPU counts in this
 * thread's time under -icount.  The median block leaves those bursts out;
 * the mean (cpu_per_op) keeps them.
 */
static double timed_blocks(const struct bench *b, long iters)
{
	long blk = b->tcp ? BLOCK_TCP : BLOCK_UDP, n = iters / blk, k;
	uint64_t *t = calloc(n ? (size_t)n : 1, sizeof(*t)), c0;
	double med = 0;

	if (!t)
		die("calloc");
	for (k = 0; k < n; k++) {
		c0 = ns_of(CLOCK_THREAD_CPUTIME_ID);
		ops(b, blk);
		t[k] = ns_of(CLOCK_THREAD_CPUTIME_ID) - c0;
	}
	ops(b, iters - n * blk);
	if (n) {
		qsort(t, (size_t)n, sizeof(*t), cmp_u64);
		med = (n % 2 ? (double)t[n / 2] :
		       ((double)t[n / 2 - 1] + (double)t[n / 2]) / 2) /
		      (double)blk;
	}
	free(t);
	return med;
}

/*
 * One process: warm up, wait for the others, time ITERS operations.  The
 * last one to finish returns (and exits, which wakes the parent); the
 * others block on RELEASE until the parent closes it, so that nothing they
 * do after their loop (exit, the parent's wake-up) runs inside another's
 * measurement.  A blocked process costs nothing: its vCPU halts.
 */
static void child(struct shared *sh, int i, int procs, int tcp, long iters,
		  int release)
{
	struct bench b = { .tcp = tcp };
	struct stamp t0, t1;
	char c;

	pin(i);
	bench_setup(&b);
	ops(&b, tcp ? WARMUP_TCP : WARMUP_UDP);
	atomic_fetch_add(&sh->ready, 1);
	while (atomic_load(&sh->ready) < procs)
		sched_yield();
	t0 = now();
	sh->res[i].blk = timed_blocks(&b, iters);
	t1 = now();
	sh->res[i].start = t0.mono;
	sh->res[i].end = t1.mono;
	sh->res[i].cpu = t1.cpu - t0.cpu;
	if (atomic_fetch_add(&sh->done, 1) + 1 < procs)
		while (read(release, &c, 1) < 0 && errno == EINTR)
			;
}

int main(int argc, char **argv)
{
	long iters, procs = 1, i;
	double sum = 0, sum_cpu = 0, sum_blk = 0;
	uint64_t first, last;
	struct shared *sh;
	int tcp, st, rel[2], failed = 0;
	pid_t pids[MAX_PROCS], gone;

	if (argc < 3 || argc > 4 || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: connbench udp|tcp ITERATIONS [PROCS]\n"
			"  prints ns_per_op=, cpu_per_op= (means over PROCS "
			"processes run at once), all_per_op= (all of them, "
			"first start to last end) and ops=\n");
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
	if (iters < 1 || procs < 1 || procs > MAX_PROCS) {
		fprintf(stderr, "connbench: ITERATIONS >= 1, 1 <= PROCS <= %d\n",
			MAX_PROCS);
		return 2;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		die("mmap");
	atomic_init(&sh->ready, 0);
	atomic_init(&sh->done, 0);
	if (pipe(rel))
		die("pipe");
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0) {
			close(rel[1]);
			child(sh, (int)i, (int)procs, tcp, iters, rel[0]);
			_exit(0);
		}
	}
	close(rel[0]);
	/*
	 * The first to exit is the last to finish, or one that failed: then
	 * the others may be waiting at the barrier for it.
	 */
	gone = wait(&st);
	if (gone < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		failed = 1;
		for (i = 0; i < procs; i++)
			if (pids[i] != gone)
				kill(pids[i], SIGKILL);
	}
	close(rel[1]);
	for (i = 1; i < procs; i++) {
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			failed = 1;
	}
	if (failed)
		return 1;
	first = sh->res[0].start;
	last = sh->res[0].end;
	for (i = 0; i < procs; i++) {
		sum += (double)(sh->res[i].end - sh->res[i].start) /
		       (double)iters;
		sum_cpu += (double)sh->res[i].cpu / (double)iters;
		sum_blk += sh->res[i].blk;
		if (sh->res[i].start < first)
			first = sh->res[i].start;
		if (sh->res[i].end > last)
			last = sh->res[i].end;
	}
	printf("ns_per_op=%.1f cpu_per_op=%.1f blk_per_op=%.1f "
	       "all_per_op=%.1f ops=%ld\n",
	       sum / (double)procs, sum_cpu / (double)procs,
	       sum_blk / (double)procs,
	       (double)(last - first) / (double)(iters * procs),
	       (iters + (tcp ? WARMUP_TCP : WARMUP_UDP)) * procs);
	return 0;
}
