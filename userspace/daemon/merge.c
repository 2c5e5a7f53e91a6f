// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One entry per executable in a bucket.  The collector never lists one
 * twice, but a replay file may; merging here keeps "one alert per
 * executable per bucket" true whatever the source.
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

int64_t nd_bucket_index(int64_t start_ns, uint32_t span_s)
{
	int64_t span_ns = (int64_t)span_s * 1000000000LL;
	int64_t q = start_ns / span_ns;

	if (start_ns % span_ns < 0)
		q--;		/* floor for times before 1970 */
	return q;
}

/* An entry and its place in the input: qsort is not stable, and the later
 * of two entries for one path must win. */
struct keyed {
	struct nd_activity a;
	size_t pos;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->a.exe, b->a.exe);

	if (c)
		return c;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* @into absorbs @from, which came later in the bucket. */
static void absorb(struct nd_activity *into, const struct nd_activity *from)
{
	uint64_t connects = into->connects + from->connects;

	if (connects < into->connects)
		connects = UINT64_MAX;
	free(into->exe);
	*into = *from;
	into->connects = connects;
}

/* Without memory to sort, merging in place by quadratic search still
 * keeps the rule; buckets are small. */
static void merge_slow(struct nd_bucket *b)
{
	size_t i, j, n = 0;

	for (i = 0; i < b->n; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(b->v[j].exe, b->v[i].exe))
				break;
		if (j < n)
			absorb(&b->v[j], &b->v[i]);
		else
			b->v[n++] = b->v[i];
	}
	b->n = n;
}

void nd_bucket_merge(struct nd_bucket *b)
{
	struct keyed *k;
	size_t i, n = 0;

	if (b->n < 2)
		return;
	k = malloc(b->n * sizeof(*k));
	if (!k) {
		merge_slow(b);
		return;
	}
	for (i = 0; i < b->n; i++) {
		k[i].a = b->v[i];
		k[i].pos = i;
	}
	qsort(k, b->n, sizeof(*k), cmp_keyed);
	for (i = 0; i < b->n; i++) {
		if (n && !strcmp(b->v[n - 1].exe, k[i].a.exe))
			absorb(&b->v[n - 1], &k[i].a);
		else
			b->v[n++] = k[i].a;
	}
	b->n = n;
	free(k);
}
