// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Renormalisation: an alert's score is its raw score ranked against the
 * history, and the history grows.  A larger anomaly later makes an
 * earlier one look smaller, as the reference's records do; the score as
 * emitted is kept as initial_score.
 */
#include <math.h>
#include <stdlib.h>

#include "engine_int.h"

struct recent {
	int64_t id;
	double raw;
	double score;
};

struct recent_list {
	struct recent *v;
	size_t n;
	size_t cap;
};

/* Gathered first and updated after: no writes to a table while a SELECT
 * on it is being stepped. */
static int gather(void *arg, const struct nd_alert_row *r)
{
	struct recent_list *l = arg;

	if (r->raw <= 0)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct recent *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct recent){ r->id, r->raw, r->score };
	return 0;
}

int nd_engine_renormalize(struct nd_engine *e, int64_t t)
{
	struct recent_list l = { 0 };
	size_t i;
	int ret;

	ret = nd_state_each_alert(e->db, ND_ALERTS_AFTER_BUCKET,
				  t - e->params.history_window, gather, &l);
	for (i = 0; ret == 0 && i < l.n; i++) {
		double now = nm_renormalize(&e->params, &e->mhost, &e->hist,
					    t, l.v[i].raw, NULL);

		if (fabs(now - l.v[i].score) > 1e-9)
			ret = nd_state_set_alert_score(e->db, l.v[i].id, now);
	}
	free(l.v);
	return ret ? -1 : 0;
}
