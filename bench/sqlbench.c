// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sqlbench - SQLite work of the daemon per bucket, without the scoring.
 *
 *   sqlbench DBFILE EXECUTABLES BUCKETS
 *
 * Through the daemon's own state layer (libnetanomd): per bucket, one
 * transaction with, for every executable, the read, update and activity
 * insert that netanomd's engine makes for an active executable, then the
 * commit.  The first bucket inserts every row, the next ones update them.
 * Prints "first_bucket_ns=<n> bucket_ns=<median of the next ones>" in
 * elapsed time, and the same as first_bucket_cpu_ns= and bucket_cpu_ns= in
 * the process's CPU time (the steadier figure on a busy machine).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bucket.h"
#include "model.h"
#include "state.h"

static uint64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int one_exe(struct nd_state *s, long i, int64_t bucket)
{
	struct nd_activity a = { .connects = 3, .pid = 42, .uid = 1000,
				 .dest_port = 443, .ip_version = 4,
				 .transport = "tcp" };
	struct nm_score sc = { .bucket = bucket, .score = 0.5 };
	struct nd_exe_row r = { 0 };
	char path[64];
	int ret;

	snprintf(path, sizeof(path), "/opt/bench/bin/prog-%ld", i);
	snprintf(a.dest_ip, sizeof(a.dest_ip), "198.51.100.2");
	snprintf(a.comm, sizeof(a.comm), "%.15s", strrchr(path, '/') + 1);
	a.exe = path;
	if (nd_state_get_exe(s, path, &r) < 0)
		return -1;
	r.ino = (uint64_t)i;
	r.last_seen_ns = bucket * 900000000000LL;
	r.last_connects = 3;
	ret = nd_state_put_exe(s, &r) ||
	      nd_state_add_activity(s, r.id, &a, &sc) ? -1 : 0;
	nd_exe_row_free(&r);
	return ret;
}

int main(int argc, char **argv)
{
	struct nd_state *s;
	uint64_t t[64], c[64], t0, c0;
	long n, buckets, b, i;
	char err[512];

	if (argc != 4) {
		fprintf(stderr, "usage: sqlbench DBFILE EXECUTABLES BUCKETS\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 10);
	buckets = strtol(argv[3], NULL, 10);
	if (n < 1 || buckets < 2 || buckets > 64) {
		fprintf(stderr, "sqlbench: EXECUTABLES >= 1, 2 <= BUCKETS <= 64\n");
		return 2;
	}
	remove(argv[1]);
	if (nd_state_open(&s, argv[1], false, err, sizeof(err))) {
		fprintf(stderr, "sqlbench: %s\n", err);
		return 1;
	}
	for (b = 0; b < buckets; b++) {
		t0 = now_ns(CLOCK_MONOTONIC);
		c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
		if (nd_state_begin(s))
			goto fail;
		for (i = 0; i < n; i++)
			if (one_exe(s, i, b))
				goto fail;
		if (nd_state_prune_activity(s, b - 1) || nd_state_commit(s))
			goto fail;
		t[b] = now_ns(CLOCK_MONOTONIC) - t0;
		c[b] = now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
	}
	nd_state_close(s);
	qsort(t + 1, (size_t)buckets - 1, sizeof(t[0]), cmp_u64);
	qsort(c + 1, (size_t)buckets - 1, sizeof(c[0]), cmp_u64);
	printf("first_bucket_ns=%llu bucket_ns=%llu first_bucket_cpu_ns=%llu "
	       "bucket_cpu_ns=%llu\n", (unsigned long long)t[0],
	       (unsigned long long)t[1 + (buckets - 1) / 2],
	       (unsigned long long)c[0],
	       (unsigned long long)c[1 + (buckets - 1) / 2]);
	return 0;
fail:
	fprintf(stderr, "sqlbench: %s\n", nd_state_error(s));
	nd_state_close(s);
	return 1;
}
