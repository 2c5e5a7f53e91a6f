// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * conn ADDR PORT: one connect(2) of a UDP socket to ADDR:PORT, and exit.
 * A UDP connect sends nothing and cannot be refused, so it is the cheapest
 * counted use of the network: the event scenarios run hundreds of copies
 * of this program, each a new executable to the module.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd;

	if (argc != 3 || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "usage: conn IPV4 PORT\n");
		return 2;
	}
	sin.sin_port = htons((unsigned short)atoi(argv[2]));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("conn");
		return 1;
	}
	close(fd);
	return 0;
}
