// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Exponential decay of bucket counts: each bucket multiplies older counts
 * by d = 1 - 1/W, so a count W buckets old weighs about 1/e and the sum
 * of a count added every bucket tends to W. Applied lazily: a count
 * carries the index it refers to and is multiplied by d^k when read.
 */
#include <math.h>

#include "model.h"

double nm_decay_factor(const struct nm_params *p, int64_t steps)
{
	double d;

	if (steps <= 0)
		return 1.0;
	d = 1.0 - 1.0 / (double)p->window_buckets;
	/* pow() of the same arguments is the same on every call: deterministic. */
	return pow(d, (double)steps);
}

double nm_decay(const struct nm_params *p, double value, int64_t from,
		int64_t to)
{
	if (from == NM_BUCKET_NONE || to <= from)
		return value;
	return value * nm_decay_factor(p, to - from);
}
