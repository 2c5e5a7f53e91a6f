// SPDX-License-Identifier: GPL-2.0-or-later
/* One executable of one bucket: score, learn, store, maybe alert. */
#include <stdlib.h>
#include <string.h>

#include "engine_int.h"
#include "enrich.h"

int nd_pending_init(struct nd_pending *p, size_t cap)
{
	p->n = 0;
	p->v = cap ? calloc(cap, sizeof(*p->v)) : NULL;
	return cap && !p->v ? -1 : 0;
}

void nd_pending_free(struct nd_pending *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i].doc);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

void nd_engine_update_row(struct nd_exe_row *r, const struct nd_activity *a,
			  const struct nm_score *sc, int64_t start_ns)
{
	r->dev = a->dev;
	r->ino = a->ino;
	memcpy(r->comm, a->comm, sizeof(r->comm));
	r->comm[sizeof(r->comm) - 1] = '\0';
	if (!r->first_seen_ns)
		r->first_seen_ns = start_ns;
	r->last_seen_ns = start_ns;
	r->last_score = sc->score;
	r->last_raw = sc->raw;
	r->last_probability = sc->probability;
	r->last_connects = a->connects;
}

static void fill_alert(struct nd_alert *al, const struct nd_activity *a,
		       const struct nm_score *sc, int64_t start_ns,
		       int64_t now_ns)
{
	memset(al, 0, sizeof(*al));
	al->time_ns = now_ns;
	al->bucket_start_ns = start_ns;
	al->exe = a->exe;
	al->dev = a->dev;
	al->ino = a->ino;
	memcpy(al->comm, a->comm, sizeof(al->comm));
	al->comm[sizeof(al->comm) - 1] = '\0';
	al->pid = a->pid;
	al->uid = a->uid;
	memcpy(al->dest_ip, a->dest_ip, sizeof(al->dest_ip));
	al->dest_ip[sizeof(al->dest_ip) - 1] = '\0';
	al->dest_port = a->dest_port;
	al->ip_version = a->ip_version;
	al->transport = a->transport;
	al->connects = a->connects;
	al->score = sc->score;
	al->initial_score = sc->score;
	al->probability = sc->probability;
	al->buckets_active = sc->active;
	al->buckets_observed = sc->observed;
	al->first_occurrence = sc->first_occurrence;
}

int nd_engine_last_alert(struct nd_engine *e, int64_t exe_id,
			 struct nd_last_alert *last)
{
	struct nd_alert_row r;
	int rc;

	memset(last, 0, sizeof(*last));
	if (!exe_id)
		return 0;
	rc = nd_state_last_alert(e->db, exe_id, &r);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		last->any = true;
		last->bucket = r.bucket;
		last->score = r.initial_score;
		nd_alert_row_free(&r);
	}
	return 0;
}

int nd_engine_raise_alert(struct nd_engine *e, const struct nd_activity *a,
			  const struct nm_score *sc, int64_t exe_id,
			  int64_t start_ns, int64_t now_ns,
			  struct nd_pending *pend)
{
	struct nd_pending_alert *pa = &pend->v[pend->n];
	struct nd_alert_row row = {
		.exe_id = exe_id, .time_ns = now_ns, .bucket = sc->bucket,
		.score = sc->score, .initial_score = sc->score,
		.raw = sc->raw, .first_occurrence = sc->first_occurrence,
	};
	struct nd_enrich en = { 0 };

	fill_alert(&pa->a, a, sc, start_ns, now_ns);
	/* Read now, while the process most likely still runs.  Missing
	 * facts are no error; only the document keeps them. */
	if (e->proc) {
		const struct nd_enrich_subject who = {
			.pid = pa->a.pid, .uid = pa->a.uid, .exe = pa->a.exe,
			.dev = pa->a.dev, .ino = pa->a.ino,
		};

		nd_enrich_read(&en, e->proc, e->hashes, &who);
		pa->a.enrich = &en;
	}
	pa->doc = nd_alert_ecs(&pa->a, e->cfg, e->host);
	pa->a.enrich = NULL;
	nd_enrich_free(&en);
	if (!pa->doc)
		return -1;
	pend->n++;	/* owns the document from here on */
	if (nd_state_add_alert(e->db, &row, pa->doc))
		return -1;
	pa->id = row.id;
	return 0;
}

int nd_engine_score_exe(struct nd_engine *e, const struct nd_activity *a,
			int64_t start_ns, int64_t t, int64_t now_ns,
			struct nd_pending *pend, bool *rare)
{
	struct nd_last_alert last;
	struct nd_exe_row row;
	struct nm_score sc;
	int ret = -1;

	if (nd_state_get_exe(e->db, a->exe, &row) < 0)
		return -1;
	if (nm_score_bucket(&e->params, &e->mhost, &row.model, &e->hist, t,
			    &sc))
		goto out;
	*rare = sc.rare;
	nd_engine_update_row(&row, a, &sc, start_ns);
	if (nd_engine_last_alert(e, row.id, &last) ||
	    nd_state_put_exe(e->db, &row) ||
	    nd_state_add_activity(e->db, row.id, a, &sc))
		goto out;
	/* An alert raised from the kernel's event in this very bucket was
	 * this one, early: the pull does not raise it again. */
	if (!(last.any && last.bucket == t) &&
	    nd_alert_due(e->cfg, &last, t, sc.score) &&
	    nd_engine_raise_alert(e, a, &sc, row.id, start_ns, now_ns, pend))
		goto out;
	ret = 0;
out:
	nd_exe_row_free(&row);
	return ret;
}
