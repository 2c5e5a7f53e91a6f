// SPDX-License-Identifier: GPL-2.0-or-later
/* Model parameters: defaults for a bucket span, and their validation. */
#include <errno.h>
#include <math.h>

#include "model.h"

int nm_params_default(struct nm_params *p, int64_t bucket_span_s)
{
	int64_t w;

	if (bucket_span_s <= 0)
		return -EINVAL;
	/* Round to the nearest bucket: 15 min gives exactly 2880. */
	w = (NM_WINDOW_SECONDS + bucket_span_s / 2) / bucket_span_s;
	if (w < 1)
		w = 1;
	p->window_buckets = w;
	p->min_buckets = NM_DEFAULT_MIN_BUCKETS;
	p->history_window = w;
	p->prior_active = NM_DEFAULT_PRIOR_ACTIVE;
	p->prior_inactive = NM_DEFAULT_PRIOR_INACTIVE;
	p->p_threshold = NM_DEFAULT_P_THRESHOLD;
	return 0;
}

int nm_params_check(const struct nm_params *p)
{
	if (p->window_buckets < 1 || p->min_buckets < 0 ||
	    p->history_window < 1)
		return -EINVAL;
	/* a > 0 keeps a never-seen executable's probability above 0. */
	if (!isfinite(p->prior_active) || p->prior_active <= 0)
		return -EINVAL;
	if (!isfinite(p->prior_inactive) || p->prior_inactive < 0)
		return -EINVAL;
	if (!isfinite(p->p_threshold) || p->p_threshold <= 0 ||
	    p->p_threshold >= 1)
		return -EINVAL;
	return 0;
}
