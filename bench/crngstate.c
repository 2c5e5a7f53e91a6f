// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * crngstate - is the kernel's random generator (CRNG) seeded yet?
 *
 *   crngstate     prints "ready" or "not_ready"
 *
 * Asks with getrandom(GRND_NONBLOCK), which fails with EAGAIN until the
 * CRNG is seeded and has no side effect.  Not with a script: Python reads
 * /dev/urandom at start-up, and on these kernels a read of /dev/urandom
 * before the CRNG is seeded runs the jitter-entropy loop that seeds it, so
 * the question would answer itself (bench/README.md).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

int main(int argc, char **argv)
{
	unsigned char b;

	if (argc > 1) {
		fprintf(stderr, "usage: crngstate\n"
			"  prints ready or not_ready: whether the kernel's "
			"CRNG is seeded\n");
		return strcmp(argv[1], "--help") ? 2 : 0;
	}
	if (getrandom(&b, 1, GRND_NONBLOCK) == 1) {
		puts("ready");
		return 0;
	}
	if (errno == EAGAIN) {
		puts("not_ready");
		return 0;
	}
	perror("crngstate: getrandom");
	return 1;
}
