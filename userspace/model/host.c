// SPDX-License-Identifier: GPL-2.0-or-later
/* Host state: how many buckets the daemon observed, plain and decayed. */
#include <errno.h>
#include <math.h>

#include "model.h"

void nm_host_init(struct nm_host *h)
{
	h->buckets_total = 0;
	h->observed = 0.0;
	h->last_bucket = NM_BUCKET_NONE;
}

int nm_host_check(const struct nm_host *h)
{
	if (h->buckets_total < 0 || !isfinite(h->observed) || h->observed < 0)
		return -EINVAL;
	/* Never observed and observed must agree. */
	if ((h->buckets_total == 0) != (h->last_bucket == NM_BUCKET_NONE))
		return -EINVAL;
	/* A decayed count cannot exceed the plain one. */
	if (h->observed > (double)h->buckets_total)
		return -EINVAL;
	return 0;
}

int nm_host_observe(const struct nm_params *p, struct nm_host *h,
		    int64_t bucket)
{
	if (bucket == NM_BUCKET_NONE ||
	    (h->last_bucket != NM_BUCKET_NONE && bucket <= h->last_bucket))
		return -EINVAL;
	h->observed = nm_decay(p, h->observed, h->last_bucket, bucket) + 1.0;
	h->buckets_total++;
	h->last_bucket = bucket;
	return 0;
}

double nm_host_observed_at(const struct nm_params *p, const struct nm_host *h,
			   int64_t bucket)
{
	if (h->last_bucket == NM_BUCKET_NONE)
		return 0.0;
	return nm_decay(p, h->observed, h->last_bucket, bucket);
}

bool nm_host_learning(const struct nm_params *p, const struct nm_host *h)
{
	return h->buckets_total < p->min_buckets;
}
