// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Whether a score raises an alert.  The realert window is measured in
 * bucket time, not wall-clock time, so that a replay gives the alerts the
 * daemon would have given, and a daemon restart does not reopen it.
 */
#include "engine.h"

bool nd_alert_due(const struct nd_config *cfg, const struct nd_last_alert *last,
		  int64_t bucket, double score)
{
	int64_t since_s;

	if (score < cfg->anomaly_threshold)
		return false;
	if (!last->any)
		return true;
	/* Saturating: a huge gap is simply "long ago". */
	if (bucket - last->bucket > (int64_t)UINT32_MAX)
		return true;
	since_s = (bucket - last->bucket) * (int64_t)cfg->bucket_span_s;
	if (since_s >= (int64_t)cfg->realert_s)
		return true;
	/* Inside the window only a rise is news. */
	return score > last->score;
}
