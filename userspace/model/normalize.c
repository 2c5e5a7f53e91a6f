// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Normalisation of a raw score to 0-100: its percentile in the history,
 * mapped through the reference job's knots, capped by a ceiling
 * proportional to raw / reference raw.
 */
#include <stddef.h>

#include "model.h"

struct knot {
	double pct;
	double score;
};

static const struct knot knots[] = {
	{ 0.0, 0.0 }, { 70.0, 1.0 }, { 85.0, 1.2 }, { 90.0, 1.5 },
	{ 95.0, 3.0 }, { 97.0, 20.0 }, { 99.0, 50.0 }, { 99.9, 90.0 },
	{ 100.0, 100.0 },
};

#define N_KNOTS (sizeof(knots) / sizeof(knots[0]))

double nm_knots_map(double percentile)
{
	size_t i;

	if (!(percentile > knots[0].pct))
		return knots[0].score;
	if (percentile >= knots[N_KNOTS - 1].pct)
		return knots[N_KNOTS - 1].score;
	/*
	 * Segment [k0, k1) with k0 <= x < k1: at x == k0 the slope term is
	 * exactly 0, so every knot maps to its score exactly.
	 */
	for (i = 1; percentile >= knots[i].pct; i++)
		;
	return knots[i - 1].score +
	       (knots[i].score - knots[i - 1].score) *
	       (percentile - knots[i - 1].pct) /
	       (knots[i].pct - knots[i - 1].pct);
}

double nm_normalize(const struct nm_params *p, const struct nm_history *h,
		    int64_t bucket, double observed, double raw,
		    struct nm_score *out)
{
	double pct, ref, hmax, ceiling, score;

	if (!(raw > 0)) {
		if (out) {
			out->percentile = 0.0;
			out->ceiling = 0.0;
			out->ref_raw = 0.0;
		}
		return 0.0;
	}
	pct = nm_history_percentile(p, h, bucket, raw);
	/*
	 * The reference is the largest raw the model could give now (a
	 * never-seen executable) unless the history holds a larger one: a
	 * periodic job that is rare but not new, alone in the history,
	 * would otherwise rank first and score 100.
	 */
	ref = nm_first_raw(p, observed);
	hmax = nm_history_max(p, h, bucket);
	if (hmax > ref)
		ref = hmax;
	if (raw > ref)
		ref = raw;
	ceiling = 100.0 * raw / ref;
	score = nm_knots_map(pct);
	if (score > ceiling)
		score = ceiling;
	if (out) {
		out->percentile = pct;
		out->ceiling = ceiling;
		out->ref_raw = ref;
	}
	return score;
}
