// SPDX-License-Identifier: GPL-2.0-or-later
/* Executable state: buckets it was active in, plain and decayed. */
#include <errno.h>
#include <math.h>

#include "model.h"

void nm_exe_init(struct nm_exe *e)
{
	e->active = 0.0;
	e->buckets_active = 0;
	e->last_update = NM_BUCKET_NONE;
	e->first_active = NM_BUCKET_NONE;
	e->last_active = NM_BUCKET_NONE;
}

int nm_exe_check(const struct nm_exe *e)
{
	bool never = e->buckets_active == 0;

	if (e->buckets_active < 0 || !isfinite(e->active) || e->active < 0 ||
	    e->active > (double)e->buckets_active)
		return -EINVAL;
	if (never != (e->first_active == NM_BUCKET_NONE) ||
	    never != (e->last_active == NM_BUCKET_NONE))
		return -EINVAL;
	if (!never && (e->first_active > e->last_active ||
		       e->last_update == NM_BUCKET_NONE ||
		       e->last_update < e->last_active))
		return -EINVAL;
	return 0;
}

double nm_exe_active_at(const struct nm_params *p, const struct nm_exe *e,
			int64_t bucket)
{
	if (e->last_update == NM_BUCKET_NONE)
		return 0.0;
	return nm_decay(p, e->active, e->last_update, bucket);
}

int nm_exe_mark_active(const struct nm_params *p, struct nm_exe *e,
		       int64_t bucket)
{
	if (bucket == NM_BUCKET_NONE ||
	    (e->last_update != NM_BUCKET_NONE && bucket <= e->last_update))
		return -EINVAL;
	e->active = nm_exe_active_at(p, e, bucket) + 1.0;
	e->buckets_active++;
	e->last_update = bucket;
	if (e->first_active == NM_BUCKET_NONE)
		e->first_active = bucket;
	e->last_active = bucket;
	return 0;
}
