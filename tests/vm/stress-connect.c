// SPDX-License-Identifier: GPL-2.0
/*
 * Connect programs for the stress scenario (tests/vm/60-stress.sh).  Every
 * connect's result is checked: with the module loaded, unloaded, reset or
 * failing its allocations, a connect must go exactly as it would without
 * it.
 *
 *   stress-connect listen PORTFILE
 *       listen on 127.0.0.1 (port written to PORTFILE once listening),
 *       accept connections and close each once its client has
 *       closed it, until killed
 *   stress-connect storm PORT PEER4 PEER6 PROGRESS
 *       until SIGTERM: a TCP connect to 127.0.0.1:PORT (must succeed), UDP
 *       connects to PEER4 and PEER6 port 9999 (must succeed); every 0.2 s
 *       "<connects> <errors>" goes to PROGRESS; exit 1 if any connect failed
 *   stress-connect once PORT PEER4
 *       one TCP connect to 127.0.0.1:PORT and one UDP connect to PEER4;
 *       exit 1 if either failed (what each copy of this program runs)
 *
 * A client closes its TCP connection first, with a reset (SO_LINGER 0):
 * neither side keeps the connection in TIME_WAIT, so a storm of tens of
 * thousands of connects neither runs out of ports nor meets an old
 * connection's segments, and no connect can fail for reasons of TCP's own.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int addr_of(const char *host, int port, struct sockaddr_storage *ss,
		   socklen_t *len)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
		*len = sizeof(*a4);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
		*len = sizeof(*a6);
		return 0;
	}
	fprintf(stderr, "stress-connect: bad address %s\n", host);
	exit(2);
}

/*
 * One connect of a new socket: 0 when it succeeded, 1 when it was cut
 * short by the SIGTERM that ends the storm (no failure), -1 when it failed.
 */
static int connect_once(int type, const char *host, int port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, ret;

	addr_of(host, port, &ss, &len);
	fd = socket(ss.ss_family, type, 0);
	if (fd < 0) {
		perror("stress-connect: socket");
		return -1;
	}
	ret = connect(fd, (struct sockaddr *)&ss, len);
	if (ret && errno == EINTR && stop) {
		ret = 1;
	} else if (ret) {
		fprintf(stderr, "stress-connect: connect %s:%d: %s\n", host,
			port, strerror(errno));
	} else if (type == SOCK_STREAM) {
		struct linger lg = { .l_onoff = 1, .l_linger = 0 };

		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	close(fd);
	return ret;
}

/* Accept what is pending on @lfd and watch the new connections on @ep. */
static void accept_all(int lfd, int ep)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP };
	int c;

	while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
		ev.data.fd = c;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev))
			close(c);
	}
}

static int do_listen(const char *portfile)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct epoll_event ev = { .events = EPOLLIN }, evs[64];
	socklen_t len = sizeof(a);
	int fd, ep, i, n, one = 1;
	char buf[256];
	FILE *f;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	ep = epoll_create1(0);
	ev.data.fd = fd;
	if (fd < 0 || ep < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 4096) ||
	    getsockname(fd, (struct sockaddr *)&a, &len) ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev)) {
		perror("stress-connect: listen");
		return 1;
	}
	f = fopen(portfile, "w");
	if (!f || fprintf(f, "%d\n", ntohs(a.sin_port)) < 0 || fclose(f)) {
		perror("stress-connect: port file");
		return 1;
	}
	for (;;) {
		n = epoll_wait(ep, evs, 64, -1);
		for (i = 0; i < n; i++) {
			if (evs[i].data.fd == fd) {
				accept_all(fd, ep);
				continue;
			}
			/* Clients send nothing: readable means closed. */
			if (read(evs[i].data.fd, buf, sizeof(buf)) <= 0)
				close(evs[i].data.fd);
		}
	}
}

static void progress(const char *path, long n, long errors)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "%ld %ld\n", n, errors);
	if (fclose(f) == 0)
		rename(tmp, path);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int do_storm(int port, const char *p4, const char *p6,
		    const char *path)
{
	struct sigaction sa = { .sa_handler = on_term };
	long n = 0, errors = 0;
	double last = now();

	sigaction(SIGTERM, &sa, NULL);
	while (!stop) {
		errors += connect_once(SOCK_STREAM, "127.0.0.1", port) < 0;
		errors += connect_once(SOCK_DGRAM, p4, 9999) < 0;
		errors += connect_once(SOCK_DGRAM, p6, 9999) < 0;
		n += 3;
		if (now() - last > 0.2) {
			progress(path, n, errors);
			last = now();
		}
	}
	progress(path, n, errors);
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "listen"))
		return do_listen(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "storm"))
		return do_storm(atoi(argv[2]), argv[3], argv[4], argv[5]);
	if (argc == 4 && !strcmp(argv[1], "once"))
		return connect_once(SOCK_STREAM, "127.0.0.1", atoi(argv[2])) ||
		       connect_once(SOCK_DGRAM, argv[3], 9999) ? 1 : 0;
	fprintf(stderr,
		"usage: stress-connect listen PORTFILE\n"
		"       stress-connect storm PORT PEER4 PEER6 PROGRESS\n"
		"       stress-connect once PORT PEER4\n");
	return 2;
}
