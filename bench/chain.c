// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * chain - fill the module's table with many distinct executables, fast.
 *
 *   DIR/0 DIR N    (DIR/0 .. DIR/N-1 are hard links of this static binary)
 *
 * Each link makes one UDP connect(2) (no packet is sent) and then execs the
 * next link in the same process: one exec per entry and no fork, which is
 * what makes 100k entries affordable in an emulated guest.  The process's
 * executable changes with every exec, so every link is its own entry.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(9999) };
	char next[4096], *end;
	const char *base;
	long self, n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: DIR/0 DIR N  (run by bench/guest.sh)\n");
		return 2;
	}
	base = strrchr(argv[0], '/');
	self = strtol(base ? base + 1 : argv[0], &end, 10);
	n = strtol(argv[2], NULL, 10);
	inet_pton(AF_INET, "198.51.100.2", &sa.sin_addr);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("chain: connect");
		return 1;
	}
	close(fd);
	if (self + 1 >= n)
		return 0;
	snprintf(next, sizeof(next), "%s/%ld", argv[1], self + 1);
	argv[0] = next;
	execv(next, argv);
	perror("chain: exec");
	return 1;
}
