// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The engine's life cycle and one bucket's transaction; the steps are
 * listed in engine.h, scoring one executable is in engine_exe.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "engine_int.h"
#include "log.h"

static int params_from(const struct nd_config *cfg, struct nm_params *p)
{
	if (nm_params_default(p, cfg->bucket_span_s))
		return -1;
	p->min_buckets = cfg->min_buckets;
	return nm_params_check(p);
}

/* The span (and the model version) the database was built with. */
static int check_meta(struct nd_state *db, const struct nd_config *cfg,
		      char *err, size_t errlen)
{
	int64_t span, ver;
	int rc;

	rc = nd_state_get_meta(db, "bucket_span_s", &span);
	if (rc == 0 && span != (int64_t)cfg->bucket_span_s) {
		snprintf(err, errlen, "%s: built with bucket_span %" PRId64
			 "s, the configuration says %" PRIu32 "s; bucket "
			 "indexes would change meaning: use another database "
			 "or the old bucket_span", nd_state_path(db), span,
			 cfg->bucket_span_s);
		return -1;
	}
	if (rc < 0 || nd_state_get_meta(db, "model_version", &ver) < 0)
		goto db_error;
	/* netanomctl computes probabilities with the daemon's parameters. */
	if (nd_state_set_meta(db, "bucket_span_s", cfg->bucket_span_s) ||
	    nd_state_set_meta(db, "min_buckets", cfg->min_buckets) ||
	    nd_state_set_meta(db, "model_version", NM_MODEL_VERSION))
		goto db_error;
	return 0;
db_error:
	snprintf(err, errlen, "%s", nd_state_error(db));
	return -1;
}

/* Back to what was committed, after a failed bucket. */
static int reload(struct nd_engine *e)
{
	return nd_state_load_host(e->db, &e->mhost) ||
	       nd_state_load_history(e->db, &e->hist) ? -1 : 0;
}

int nd_engine_open(struct nd_engine *e, const struct nd_config *cfg,
		   const struct nd_host *host, struct nd_state *db,
		   const struct nd_emitter *out, char *err, size_t errlen)
{
	struct nm_history_entry *buf;

	memset(e, 0, sizeof(*e));
	if (params_from(cfg, &e->params)) {
		snprintf(err, errlen, "invalid model parameters "
			 "(bucket_span %" PRIu32 "s, min_buckets %" PRIu32 ")",
			 cfg->bucket_span_s, cfg->min_buckets);
		return -1;
	}
	buf = calloc(NM_DEFAULT_HISTORY_CAPACITY, sizeof(*buf));
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	nm_history_init(&e->hist, buf, NM_DEFAULT_HISTORY_CAPACITY);
	e->cfg = cfg;
	e->host = host;
	e->db = db;
	e->out = *out;
	if (check_meta(db, cfg, err, errlen))
		goto fail;
	if (reload(e)) {
		snprintf(err, errlen, "%s", nd_state_error(db));
		goto fail;
	}
	return 0;
fail:
	nd_engine_close(e);
	return -1;
}

int nd_engine_set_config(struct nd_engine *e, const struct nd_config *cfg,
			 char *err, size_t errlen)
{
	struct nm_params p;

	if (cfg->bucket_span_s != e->cfg->bucket_span_s) {
		snprintf(err, errlen, "bucket_span cannot change while "
			 "netanomd runs (%" PRIu32 "s -> %" PRIu32 "s): restart "
			 "it with a new database", e->cfg->bucket_span_s,
			 cfg->bucket_span_s);
		return -1;
	}
	if (params_from(cfg, &p)) {
		snprintf(err, errlen, "invalid model parameters");
		return -1;
	}
	if (nd_state_set_meta(e->db, "min_buckets", cfg->min_buckets)) {
		snprintf(err, errlen, "%s", nd_state_error(e->db));
		return -1;
	}
	e->params = p;
	e->cfg = cfg;
	return 0;
}

void nd_engine_close(struct nd_engine *e)
{
	free(e->hist.entries);
	memset(e, 0, sizeof(*e));
}

bool nd_engine_excluded(const struct nd_config *cfg,
			const struct nd_activity *a)
{
	return nd_config_excludes_exe(cfg, a->exe) ||
	       nd_config_excludes_uid(cfg, a->uid);
}

/* Everything of one bucket that goes into the database. */
static int write_bucket(struct nd_engine *e, struct nd_bucket *b,
			int64_t t, int64_t now_ns, struct nd_pending *pend)
{
	size_t i, count_before = e->hist.count;
	bool hist_changed = false;
	int64_t keep_from;

	for (i = 0; i < b->n; i++) {
		bool rare = false;

		if (nd_engine_excluded(e->cfg, &b->v[i]))
			continue;
		if (nd_engine_score_exe(e, &b->v[i], b->start_ns, t, now_ns,
					pend, &rare))
			return -1;
		hist_changed |= rare;
	}
	hist_changed |= e->hist.count != count_before;
	if (hist_changed && nd_engine_renormalize(e, t))
		return -1;
	if (nm_host_observe(&e->params, &e->mhost, t))
		return -1;
	keep_from = t - e->params.window_buckets + 1;
	return nd_state_save_host(e->db, &e->mhost) ||
	       (hist_changed && nd_state_save_history(e->db, &e->hist)) ||
	       nd_state_prune_activity(e->db, keep_from) ? -1 : 0;
}

int nd_engine_bucket(struct nd_engine *e, struct nd_bucket *b,
		     int64_t now_ns)
{
	int64_t t = nd_bucket_index(b->start_ns, e->cfg->bucket_span_s);
	struct nd_pending pend = { 0 };
	int ret = 0;

	if (e->mhost.last_bucket != NM_BUCKET_NONE &&
	    t <= e->mhost.last_bucket) {
		nd_log(LOG_WARNING, "bucket %" PRId64 " is not after the last "
		       "observed bucket %" PRId64 " (clock set back?): "
		       "skipped", t, e->mhost.last_bucket);
		return 1;
	}
	nd_bucket_merge(b);
	if (nd_pending_init(&pend, b->n) || nd_state_begin(e->db) ||
	    write_bucket(e, b, t, now_ns, &pend) || nd_state_commit(e->db)) {
		nd_log(LOG_ERR, "bucket %" PRId64 " not stored: %s", t,
		       nd_state_error(e->db));
		nd_state_rollback(e->db);
		if (reload(e))
			nd_log(LOG_ERR, "%s", nd_state_error(e->db));
		ret = -1;
	} else {
		nd_engine_emit(e, &pend);
	}
	nd_pending_free(&pend);
	return ret;
}
