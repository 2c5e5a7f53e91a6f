// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Baseline export and import (docs/baseline.md).  Bucket indexes are
 * absolute (bucket start / bucket_span), so they mean the same on every
 * host with the same bucket_span; "never" (NM_BUCKET_NONE) is JSON null.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "baseline_io.h"

/* --- export ---------------------------------------------------------------- */

static json_t *bucket_json(int64_t b)
{
	return b == NM_BUCKET_NONE ? json_null() : json_integer(b);
}

static int add_exe(void *arg, const struct nd_exe_row *r)
{
	const struct nm_exe *m = &r->model;
	json_t *o;

	o = json_pack("{s:o, s:f, s:I, s:o, s:o, s:o}",
		      "path", cli_json_string(r->path), "active", m->active,
		      "buckets_active", (json_int_t)m->buckets_active,
		      "last_update", bucket_json(m->last_update),
		      "first_active", bucket_json(m->first_active),
		      "last_active", bucket_json(m->last_active));
	return !o || json_array_append_new(arg, o) ? 1 : 0;
}

json_t *cli_baseline_doc(const struct cli_db *db, const char *host,
			 char *err, size_t errlen)
{
	json_t *exes = json_array(), *doc;
	int rc;

	if (!exes)
		goto oom;
	rc = nd_state_each_exe(db->s, add_exe, exes);
	if (rc) {
		snprintf(err, errlen, "%s", rc < 0 ? nd_state_error(db->s) :
			 "out of memory");
		json_decref(exes);
		return NULL;
	}
	doc = json_pack("{s:s, s:i, s:i, s:I, s:o, s:{s:I, s:f, s:o}, s:o}",
			"format", CLI_BASELINE_FORMAT,
			"version", CLI_BASELINE_VERSION,
			"model_version", NM_MODEL_VERSION,
			"bucket_span_s", (json_int_t)db->span_s,
			"exported_from", cli_json_string(host),
			"host",
			"buckets_total", (json_int_t)db->host.buckets_total,
			"observed", db->host.observed,
			"last_bucket", bucket_json(db->host.last_bucket),
			"executables", exes);
	if (doc)
		return doc;
oom:
	snprintf(err, errlen, "out of memory");
	return NULL;
}

/* --- import: checking the document ----------------------------------------- */

/* A bucket index or null; false when it is neither. */
static bool get_bucket(json_t *v, int64_t *b)
{
	if (json_is_null(v)) {
		*b = NM_BUCKET_NONE;
		return true;
	}
	if (!json_is_integer(v))
		return false;
	*b = json_integer_value(v);
	return *b != NM_BUCKET_NONE;
}

static bool get_count(json_t *v, double *d)
{
	if (!json_is_number(v))
		return false;
	*d = json_number_value(v);
	return isfinite(*d) && *d >= 0;
}

static int check_header(json_t *doc, int64_t *span, char *err, size_t errlen)
{
	const char *fmt = json_string_value(json_object_get(doc, "format"));
	json_t *v = json_object_get(doc, "version");
	json_t *mv = json_object_get(doc, "model_version");

	if (!fmt || strcmp(fmt, CLI_BASELINE_FORMAT)) {
		snprintf(err, errlen, "not a netanom baseline (no \"format\": \"%s\")",
			 CLI_BASELINE_FORMAT);
		return -1;
	}
	if (json_integer_value(v) != CLI_BASELINE_VERSION) {
		snprintf(err, errlen, "baseline format version %" JSON_INTEGER_FORMAT
			 " is not known to this netanomctl (it reads version %d)",
			 json_integer_value(v), CLI_BASELINE_VERSION);
		return -1;
	}
	if (json_integer_value(mv) != NM_MODEL_VERSION) {
		snprintf(err, errlen, "model version %" JSON_INTEGER_FORMAT
			 " (this netanom's model is version %d): export it again with this version",
			 json_integer_value(mv), NM_MODEL_VERSION);
		return -1;
	}
	*span = json_integer_value(json_object_get(doc, "bucket_span_s"));
	if (*span <= 0) {
		snprintf(err, errlen, "bucket_span_s missing or not positive");
		return -1;
	}
	return 0;
}

static int parse_host(json_t *doc, struct nm_host *h, char *err,
		      size_t errlen)
{
	json_t *o = json_object_get(doc, "host");
	json_t *bt = json_object_get(o, "buckets_total");

	if (!json_is_integer(bt) || json_integer_value(bt) < 0 ||
	    !get_count(json_object_get(o, "observed"), &h->observed) ||
	    !get_bucket(json_object_get(o, "last_bucket"), &h->last_bucket)) {
		snprintf(err, errlen, "\"host\": buckets_total, observed and last_bucket are needed");
		return -1;
	}
	h->buckets_total = json_integer_value(bt);
	return 0;
}

static int parse_exe(json_t *o, size_t i, const char **path, struct nm_exe *m,
		     char *err, size_t errlen)
{
	json_t *ba = json_object_get(o, "buckets_active");

	*path = json_string_value(json_object_get(o, "path"));
	memset(m, 0, sizeof(*m));
	if (!*path || (*path)[0] != '/' || !json_is_integer(ba) ||
	    json_integer_value(ba) < 0 ||
	    !get_count(json_object_get(o, "active"), &m->active) ||
	    !get_bucket(json_object_get(o, "last_update"), &m->last_update) ||
	    !get_bucket(json_object_get(o, "first_active"), &m->first_active) ||
	    !get_bucket(json_object_get(o, "last_active"), &m->last_active)) {
		snprintf(err, errlen, "executables[%zu]: an absolute path, active, buckets_active, last_update, first_active and last_active are needed",
			 i);
		return -1;
	}
	m->buckets_active = json_integer_value(ba);
	return 0;
}

/* --- import: merging ------------------------------------------------------- */

/**
 * struct merge - one import
 * @s: the database
 * @p: model parameters for the file's bucket span
 * @from: the file's host
 * @to: this database's host, as it will be after the import
 * @scale: this host's observed buckets per observed bucket of the file's
 * @replace: --replace
 * @n: counts
 */
struct merge {
	struct nd_state *s;
	struct nm_params p;
	struct nm_host from;
	struct nm_host to;
	double scale;
	bool replace;
	struct cli_merge_counts *n;
};

/*
 * The file's state of one executable, as this host's: when the file's
 * host is taken whole, as it is; otherwise its rate of active buckets is
 * kept (active / observed), carried to this host's last bucket and its
 * number of observed buckets, so that its probability here is what it
 * was on the fleet host.
 */
static struct nm_exe localise(const struct merge *x, const struct nm_exe *m)
{
	struct nm_exe e = *m;

	if (x->n->host_taken || x->to.last_bucket == NM_BUCKET_NONE)
		return e;
	e.active = nm_decay(&x->p, m->active, m->last_update,
			    x->from.last_bucket) * x->scale;
	e.buckets_active = (int64_t)llround((double)m->buckets_active *
					    x->scale);
	e.last_update = m->last_update == NM_BUCKET_NONE ? NM_BUCKET_NONE :
			x->to.last_bucket;
	return e;
}

static int merge_exe(struct merge *x, const char *path, const struct nm_exe *m)
{
	struct nd_exe_row r;
	int rc = nd_state_get_exe(x->s, path, &r);

	if (rc < 0)
		return -1;
	if (rc == 0 && !x->replace) {
		x->n->kept++;
		nd_exe_row_free(&r);
		return 0;
	}
	if (rc == 0)
		x->n->replaced++;
	else
		x->n->added++;
	r.model = localise(x, m);
	/* dev and ino are this host's: unknown until netanomd sees it. */
	if (rc == 1) {
		r.dev = 0;
		r.ino = 0;
	}
	rc = nd_state_put_exe(x->s, &r);
	nd_exe_row_free(&r);
	return rc;
}

static int check_span(struct nd_state *s, int64_t span, char *err,
		      size_t errlen)
{
	int64_t have;
	int rc = nd_state_get_meta(s, "bucket_span_s", &have);

	if (rc < 0) {
		snprintf(err, errlen, "%s", nd_state_error(s));
		return -1;
	}
	if (rc == 0 && have != span) {
		snprintf(err, errlen, "the baseline was learned with bucket_span %" PRId64
			 "s, this database uses %" PRId64 "s: set bucket_span to %" PRId64
			 "s and import into a new database", span, have, span);
		return -1;
	}
	if (rc == 1 && (nd_state_set_meta(s, "bucket_span_s", span) ||
			nd_state_set_meta(s, "model_version", NM_MODEL_VERSION))) {
		snprintf(err, errlen, "%s", nd_state_error(s));
		return -1;
	}
	return 0;
}

static int prepare(struct merge *x, json_t *doc, int64_t *span, char *err,
		   size_t errlen)
{
	size_t i;
	json_t *o, *exes = json_object_get(doc, "executables");
	const char *path;
	struct nm_exe m;

	if (check_header(doc, span, err, errlen) ||
	    parse_host(doc, &x->from, err, errlen))
		return -1;
	if (!json_is_array(exes)) {
		snprintf(err, errlen, "\"executables\" is not an array");
		return -1;
	}
	json_array_foreach(exes, i, o)
		if (parse_exe(o, i, &path, &m, err, errlen))
			return -1;
	if (nm_params_default(&x->p, *span)) {
		snprintf(err, errlen, "bad bucket_span_s");
		return -1;
	}
	return 0;
}

static int apply(struct merge *x, json_t *doc, char *err, size_t errlen)
{
	json_t *o, *exes = json_object_get(doc, "executables");
	const char *path;
	struct nm_exe m;
	size_t i;

	if (nd_state_load_host(x->s, &x->to))
		goto db;
	if (x->to.buckets_total == 0) {
		/* A host that has observed nothing starts where the fleet
		 * host is, past its learning period. */
		x->to = x->from;
		x->n->host_taken = true;
		if (nd_state_save_host(x->s, &x->to))
			goto db;
	}
	x->scale = x->from.observed > 0 ? x->to.observed / x->from.observed : 0;
	json_array_foreach(exes, i, o) {
		parse_exe(o, i, &path, &m, err, errlen);
		if (merge_exe(x, path, &m))
			goto db;
	}
	return 0;
db:
	snprintf(err, errlen, "%s", nd_state_error(x->s));
	return -1;
}

int cli_baseline_merge(struct nd_state *s, json_t *doc, bool replace,
		       struct cli_merge_counts *n, char *err, size_t errlen)
{
	struct merge x = { .s = s, .replace = replace, .n = n };
	int64_t span;

	memset(n, 0, sizeof(*n));
	if (prepare(&x, doc, &span, err, errlen))
		return -1;
	if (nd_state_begin(s)) {
		snprintf(err, errlen, "%s", nd_state_error(s));
		return -1;
	}
	if (check_span(s, span, err, errlen) || apply(&x, doc, err, errlen)) {
		nd_state_rollback(s);
		memset(n, 0, sizeof(*n));
		return -1;
	}
	if (nd_state_commit(s)) {
		snprintf(err, errlen, "%s", nd_state_error(s));
		nd_state_rollback(s);
		return -1;
	}
	return 0;
}
