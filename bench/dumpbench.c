// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dumpbench - a full dump of the module's table through libnetanom alone.
 *
 *   dumpbench [REPEAT]
 *
 * Prints "entries=<n> ns_per_dump=<median of REPEAT dumps>": the time of
 * netanom_list() (netlink dump and parsing into struct netanom_exe), without
 * netanomctl's formatting.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "netanom.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct netanom_exe_list l = { 0 };
	struct netanom_error err = { 0 };
	uint64_t t[64];
	struct netanom *h;
	char buf[512];
	size_t n = 0;
	long rep = argc > 1 ? strtol(argv[1], NULL, 10) : 3, i;

	if (rep < 1 || rep > 64 || argc > 2) {
		fprintf(stderr, "usage: dumpbench [REPEAT (1..64)]\n");
		return 2;
	}
	if (netanom_open(&h, &err) < 0) {
		fprintf(stderr, "dumpbench: %s\n",
			netanom_error_format(&err, buf, sizeof(buf)));
		return 1;
	}
	for (i = 0; i < rep; i++) {
		uint64_t t0 = now_ns();

		if (netanom_list(h, &l, &err) < 0) {
			fprintf(stderr, "dumpbench: %s\n",
				netanom_error_format(&err, buf, sizeof(buf)));
			return 1;
		}
		t[i] = now_ns() - t0;
		n = l.n;
		netanom_exe_list_free(&l);
	}
	netanom_close(h);
	qsort(t, (size_t)rep, sizeof(t[0]), cmp_u64);
	printf("entries=%zu ns_per_dump=%llu\n", n,
	       (unsigned long long)t[rep / 2]);
	return 0;
}
