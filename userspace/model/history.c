// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bounded history of raw scores, oldest first, in a caller-owned array so
 * the daemon can store and restore it as plain rows. Entries older than
 * history_window buckets are "dead": ignored by every query, dropped by
 * nm_history_expire() or when room is needed.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "model.h"

void nm_history_init(struct nm_history *h, struct nm_history_entry *entries,
		     size_t capacity)
{
	h->entries = entries;
	h->capacity = capacity;
	h->count = 0;
}

int nm_history_check(const struct nm_history *h)
{
	size_t i;

	if (h->count > h->capacity || (h->count && !h->entries))
		return -EINVAL;
	for (i = 0; i < h->count; i++) {
		const struct nm_history_entry *e = &h->entries[i];

		if (!isfinite(e->raw) || e->raw <= 0 ||
		    e->bucket == NM_BUCKET_NONE)
			return -EINVAL;
		if (i && e->bucket < h->entries[i - 1].bucket)
			return -EINVAL;
	}
	return 0;
}

/* Entries with bucket <= cutoff are dead at @bucket. */
static int64_t cutoff(const struct nm_params *p, int64_t bucket)
{
	/* Saturate: a window reaching before the first index kills nothing. */
	if (bucket < INT64_MIN + 1 + p->history_window)
		return INT64_MIN;
	return bucket - p->history_window;
}

static bool live(int64_t cut, const struct nm_history_entry *e)
{
	return e->bucket > cut;
}

static void drop_oldest(struct nm_history *h, size_t n)
{
	memmove(h->entries, h->entries + n,
		(h->count - n) * sizeof(h->entries[0]));
	h->count -= n;
}

size_t nm_history_expire(const struct nm_params *p, struct nm_history *h,
			 int64_t bucket)
{
	int64_t cut = cutoff(p, bucket);
	size_t n = 0;

	/* Buckets never decrease along the array: the dead are a prefix. */
	while (n < h->count && !live(cut, &h->entries[n]))
		n++;
	if (n)
		drop_oldest(h, n);
	return n;
}

int nm_history_add(struct nm_history *h, int64_t bucket, double raw)
{
	if (!isfinite(raw) || raw <= 0 || h->capacity == 0 || !h->entries ||
	    bucket == NM_BUCKET_NONE)
		return -EINVAL;
	if (h->count && bucket < h->entries[h->count - 1].bucket)
		return -EINVAL;
	if (h->count == h->capacity)
		drop_oldest(h, 1);
	h->entries[h->count].bucket = bucket;
	h->entries[h->count].raw = raw;
	h->count++;
	return 0;
}

double nm_history_percentile(const struct nm_params *p,
			     const struct nm_history *h, int64_t bucket,
			     double raw)
{
	int64_t cut = cutoff(p, bucket);
	size_t i, n = 0, below = 0;

	for (i = 0; i < h->count; i++) {
		if (!live(cut, &h->entries[i]))
			continue;
		n++;
		/* Ties count as below: equally rare is equally scored. */
		if (h->entries[i].raw <= raw)
			below++;
	}
	if (n == 0)
		return 100.0;
	return 100.0 * (double)below / (double)n;
}

double nm_history_max(const struct nm_params *p, const struct nm_history *h,
		      int64_t bucket)
{
	int64_t cut = cutoff(p, bucket);
	double max = 0.0;
	size_t i;

	for (i = 0; i < h->count; i++)
		if (live(cut, &h->entries[i]) && h->entries[i].raw > max)
			max = h->entries[i].raw;
	return max;
}
