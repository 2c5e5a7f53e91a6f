// SPDX-License-Identifier: GPL-2.0
/*
 * Real connects from this process, and throw-away executables that connect
 * once, for the checks to observe through the module.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "helpers.h"

/**
 * nc_self() - this executable's identity, path and comm
 * @me: filled in
 *
 * Return: 0 or -1.
 */
int nc_self(struct nc_self *me)
{
	struct stat st;
	ssize_t n;
	FILE *f;

	memset(me, 0, sizeof(*me));
	if (stat("/proc/self/exe", &st))
		return -1;
	me->dev = st.st_dev;
	me->ino = st.st_ino;
	n = readlink("/proc/self/exe", me->path, sizeof(me->path) - 1);
	if (n < 0)
		return -1;
	me->path[n] = '\0';
	f = fopen("/proc/self/comm", "r");
	if (!f)
		return -1;
	if (!fgets(me->comm, sizeof(me->comm), f))
		me->comm[0] = '\0';
	fclose(f);
	me->comm[strcspn(me->comm, "\n")] = '\0';
	return 0;
}

uint64_t nc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/**
 * nc_connect() - one connect(2) on a fresh socket, whatever its outcome
 * @domain: socket domain
 * @type: socket type
 * @addr: destination
 * @len: its length
 *
 * The module counts at the LSM hook, before the protocol acts, so a refused
 * or unreachable destination is counted all the same.
 *
 * Return: 0 when the socket existed (the connect was attempted), or -errno.
 */
int nc_connect(int domain, int type, const void *addr, socklen_t len)
{
	int fd = socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -errno;
	(void)connect(fd, addr, len);
	close(fd);
	return 0;
}

int nc_sockaddr_in(void *buf, const char *ip, uint16_t port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};

	if (inet_pton(AF_INET, ip, &sin.sin_addr) != 1)
		return -1;
	memcpy(buf, &sin, sizeof(sin));
	return sizeof(sin);
}

int nc_sockaddr_in6(void *buf, const char *ip, uint16_t port)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(port),
	};

	if (inet_pton(AF_INET6, ip, &sin6.sin6_addr) != 1)
		return -1;
	memcpy(buf, &sin6, sizeof(sin6));
	return sizeof(sin6);
}

/* The body of a --populate child. */
int nc_connect_once(void)
{
	struct sockaddr_storage ss;
	int len = nc_sockaddr_in(&ss, "127.0.0.1", 9);

	return len > 0 && !nc_connect(AF_INET, SOCK_DGRAM, &ss, len) ? 0 : 1;
}

/* A copy of this executable in a memfd: a new file, so a new entry. */
static int nc_exe_copy(long i)
{
	char name[48];
	struct stat st;
	int src, fd;
	off_t off = 0;

	snprintf(name, sizeof(name), "netanom-conf-%ld", i);
	fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	src = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (src < 0 || fstat(src, &st) ||
	    sendfile(fd, src, &off, st.st_size) != st.st_size) {
		if (src >= 0)
			close(src);
		close(fd);
		return -1;
	}
	close(src);
	return fd;
}

static int nc_run_copy(long i)
{
	char *const argv[] = { "netanom-conformance", NC_CONNECT_ONCE, NULL };
	char *const envp[] = { NULL };
	int fd, status;
	pid_t pid;

	fd = nc_exe_copy(i);
	if (fd < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		fexecve(fd, argv, envp);
		_exit(127);
	}
	close(fd);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/**
 * nc_populate() - run @n throw-away executables that connect once
 * @c: run
 * @n: how many
 *
 * Each is a memfd copy of this program, a distinct file, so the table
 * gains @n entries and a dump has to span several messages.
 */
void nc_populate(struct nc *c, long n)
{
	long i, ok = 0;

	for (i = 0; i < n; i++)
		if (!nc_run_copy(i))
			ok++;
	nc_report(c, ok == n, "populate",
		  "only %ld of %ld throw-away executables ran", ok, n);
}
