// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Handing committed alerts to the outputs, and after a crash, the ones
 * committed but never handed over.
 */
#include <stdlib.h>
#include <string.h>

#include "alert_doc.h"
#include "engine_int.h"
#include "log.h"

void nd_engine_emit(struct nd_engine *e, const struct nd_pending *p)
{
	size_t i;

	/* "Emitted" means handed to the outputs: a failing output logs its
	 * own error, and sending again at the next start would duplicate
	 * the alert on the outputs that worked. */
	for (i = 0; i < p->n; i++) {
		e->out.emit(e->out.arg, &p->v[i].a, p->v[i].doc);
		if (nd_state_mark_emitted(e->db, p->v[i].id))
			nd_log(LOG_ERR, "%s", nd_state_error(e->db));
	}
}

struct unsent {
	int64_t id;
	int64_t bucket;
	int64_t time_ns;
	char *doc;
};

struct unsent_list {
	struct unsent *v;
	size_t n;
	size_t cap;
};

static int gather(void *arg, const struct nd_alert_row *r)
{
	struct unsent_list *l = arg;
	char *doc;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct unsent *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	doc = strdup(r->doc);
	if (!doc)
		return -1;
	l->v[l->n++] = (struct unsent){ r->id, r->bucket, r->time_ns, doc };
	return 0;
}

static void emit_one(struct nd_engine *e, const struct unsent *u)
{
	struct nd_alert a;
	char *exe;

	if (nd_alert_from_doc(u->doc, &a, &exe)) {
		nd_log(LOG_ERR, "%s: alert %lld has an unreadable document; "
		       "not sent", nd_state_path(e->db), (long long)u->id);
	} else {
		a.time_ns = u->time_ns;
		a.resent = true;
		a.bucket_start_ns = u->bucket * (int64_t)e->cfg->bucket_span_s *
				    1000000000LL;
		e->out.emit(e->out.arg, &a, u->doc);
	}
	free(exe);
	if (nd_state_mark_emitted(e->db, u->id))
		nd_log(LOG_ERR, "%s", nd_state_error(e->db));
}

int nd_engine_flush(struct nd_engine *e)
{
	struct unsent_list l = { 0 };
	size_t i;
	int ret;

	ret = nd_state_each_alert(e->db, ND_ALERTS_NOT_EMITTED, 0, gather, &l);
	if (ret)
		nd_log(LOG_ERR, "%s", nd_state_error(e->db));
	if (l.n)
		nd_log(LOG_NOTICE, "sending %zu alert(s) stored before a "
		       "crash", l.n);
	for (i = 0; i < l.n; i++) {
		emit_one(e, &l.v[i]);
		free(l.v[i].doc);
	}
	free(l.v);
	return ret ? -1 : 0;
}
