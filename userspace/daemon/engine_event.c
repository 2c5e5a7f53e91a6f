// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Scoring an executable from the module's new-executable event, seconds
 * after its first use instead of at the end of its bucket (engine.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "log.h"

/*
 * The score the bucket's pull would give, on copies: the model learns
 * nothing here, so the pull later scores from the same state.
 */
static int preview(struct nd_engine *e, const struct nm_exe *model,
		   int64_t t, struct nm_score *sc)
{
	struct nm_history h = e->hist;
	struct nm_exe m = *model;
	int ret;

	h.entries = calloc(h.capacity ? h.capacity : 1, sizeof(*h.entries));
	if (!h.entries)
		return -1;
	memcpy(h.entries, e->hist.entries, h.count * sizeof(*h.entries));
	ret = nm_score_bucket(&e->params, &e->mhost, &m, &h, t, sc);
	free(h.entries);
	return ret ? -1 : 0;
}

/* Store the executable's row and its alert, then hand the alert over. */
static int alert_now(struct nd_engine *e, const struct nd_activity *a,
		     struct nd_exe_row *row, const struct nm_score *sc,
		     int64_t start_ns, int64_t now_ns)
{
	struct nd_pending pend = { 0 };

	if (nd_pending_init(&pend, 1))
		return -1;
	nd_engine_update_row(row, a, sc, start_ns);
	if (nd_state_begin(e->db) || nd_state_put_exe(e->db, row) ||
	    nd_engine_raise_alert(e, a, sc, row->id, start_ns, now_ns,
				  &pend) ||
	    nd_state_commit(e->db)) {
		nd_log(LOG_ERR, "alert of %s from its event not stored: %s",
		       a->exe, nd_state_error(e->db));
		nd_state_rollback(e->db);
		nd_pending_free(&pend);
		return -1;
	}
	nd_engine_emit(e, &pend);
	nd_pending_free(&pend);
	return 1;
}

int nd_engine_event(struct nd_engine *e, const struct nd_activity *a,
		    int64_t when_ns, int64_t now_ns)
{
	uint32_t span = e->cfg->bucket_span_s;
	int64_t t = nd_bucket_index(when_ns, span);
	int64_t start_ns = t * (int64_t)span * 1000000000LL;
	struct nd_last_alert last;
	struct nd_exe_row row;
	struct nm_score sc;
	int ret = -1;

	if (nd_engine_excluded(e->cfg, a))
		return 0;
	if (e->mhost.last_bucket != NM_BUCKET_NONE && t <= e->mhost.last_bucket)
		return 0;
	if (nd_state_get_exe(e->db, a->exe, &row) < 0)
		return -1;
	if (nd_engine_last_alert(e, row.id, &last))
		goto out;
	ret = 0;
	/* Fails only when the executable was already scored in bucket t:
	 * then the pull had it first. */
	if (preview(e, &row.model, t, &sc))
		goto out;
	nd_log(LOG_INFO, "%s: first use seen by the module, scored %.1f%s",
	       a->exe, sc.score, sc.learning ? " (still learning)" : "");
	if ((last.any && last.bucket == t) ||
	    !nd_alert_due(e->cfg, &last, t, sc.score))
		goto out;
	ret = alert_now(e, a, &row, &sc, start_ns, now_ns);
out:
	nd_exe_row_free(&row);
	return ret;
}
