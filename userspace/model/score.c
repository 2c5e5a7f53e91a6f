// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Scoring one executable's bucket: probability from the state before the
 * bucket, raw score, normalisation; then the executable learns the bucket.
 */
#include <errno.h>
#include <string.h>

#include "model.h"

/* Probability, raw and the counts behind them, before @bucket's activity. */
static void assess(const struct nm_params *p, const struct nm_host *host,
		   const struct nm_exe *e, int64_t bucket, struct nm_score *out)
{
	memset(out, 0, sizeof(*out));
	out->bucket = bucket;
	out->active = nm_exe_active_at(p, e, bucket);
	out->observed = nm_host_observed_at(p, host, bucket);
	out->buckets_active = e->buckets_active;
	out->buckets_observed = host->buckets_total;
	out->first_occurrence = e->buckets_active == 0;
	out->learning = nm_host_learning(p, host);
	out->probability = nm_probability(p, out->active, out->observed);
	if (!out->learning)
		out->raw = nm_raw_score(p, out->probability);
	out->rare = out->raw > 0;
}

void nm_explain(const struct nm_params *p, const struct nm_host *host,
		const struct nm_exe *e, const struct nm_history *hist,
		int64_t bucket, struct nm_score *out)
{
	assess(p, host, e, bucket, out);
	out->score = nm_normalize(p, hist, bucket, out->observed, out->raw,
				  out);
}

static bool in_order(const struct nm_host *host, const struct nm_exe *e,
		     int64_t bucket)
{
	if (bucket == NM_BUCKET_NONE)
		return false;
	/* The host's bucket must still be open: scored before it is closed. */
	if (host->last_bucket != NM_BUCKET_NONE && bucket <= host->last_bucket)
		return false;
	return e->last_update == NM_BUCKET_NONE || bucket > e->last_update;
}

int nm_score_bucket(const struct nm_params *p, const struct nm_host *host,
		    struct nm_exe *e, struct nm_history *hist, int64_t bucket,
		    struct nm_score *out)
{
	int err;

	if (!in_order(host, e, bucket))
		return -EINVAL;
	if (hist->count && bucket < hist->entries[hist->count - 1].bucket)
		return -EINVAL;
	assess(p, host, e, bucket, out);
	nm_history_expire(p, hist, bucket);
	/* The raw joins the history first: the rarest yet ranks at 100. */
	/* A history of capacity 0 normalises against nothing: still valid. */
	if (out->rare && hist->capacity) {
		err = nm_history_add(hist, bucket, out->raw);
		if (err)
			return err;
	}
	out->score = nm_normalize(p, hist, bucket, out->observed, out->raw,
				  out);
	return nm_exe_mark_active(p, e, bucket);
}

double nm_renormalize(const struct nm_params *p, const struct nm_host *host,
		      const struct nm_history *hist, int64_t bucket,
		      double raw, double *percentile)
{
	struct nm_score s;
	double score;

	score = nm_normalize(p, hist, bucket,
			     nm_host_observed_at(p, host, bucket), raw, &s);
	if (percentile)
		*percentile = s.percentile;
	return score;
}
