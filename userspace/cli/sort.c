// SPDX-License-Identifier: GPL-2.0-or-later
/* Entries in the order people look for them: most recently used first. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* Ties (same nanosecond, or never used) fall back to path, then identity,
 * so the order is the same on every run. */
static int by_last_use(const void *pa, const void *pb)
{
	const struct netanom_exe *a = pa, *b = pb;
	int c;

	c = cmp_u64(b->last_seen_ns, a->last_seen_ns);
	if (c)
		return c;
	c = strcmp(a->path, b->path);
	if (c)
		return c;
	c = cmp_u64(a->dev, b->dev);
	return c ? c : cmp_u64(a->ino, b->ino);
}

/**
 * cli_sort_by_last_use() - sort @v, most recent last_seen first
 * @v: entries
 * @n: how many
 */
void cli_sort_by_last_use(struct netanom_exe *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), by_last_use);
}
