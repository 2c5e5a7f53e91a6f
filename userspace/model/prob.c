// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Probability of being active in a bucket, and the raw score.
 *
 * p = (active + a) / (observed + a + b): the mean of a Beta(a, b) prior
 * updated with the decayed counts. a > 0 keeps a never-seen executable's
 * p above 0 (so -log10 p is finite); a small a makes that p small fast.
 */
#include <math.h>

#include "model.h"

double nm_probability(const struct nm_params *p, double active,
		      double observed)
{
	double a = p->prior_active;
	double prob = (active + a) / (observed + a + p->prior_inactive);

	/* active can exceed observed if a bucket was scored but never closed. */
	return prob > 1.0 ? 1.0 : prob;
}

double nm_raw_score(const struct nm_params *p, double prob)
{
	if (!(prob <= p->p_threshold))
		return 0.0;
	return -log10(prob);
}

double nm_first_raw(const struct nm_params *p, double observed)
{
	return -log10(nm_probability(p, 0.0, observed));
}
