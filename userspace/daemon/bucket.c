// SPDX-License-Identifier: GPL-2.0-or-later
/* A growable list of the executables active in one bucket. */
#include <stdlib.h>
#include <string.h>

#include "bucket.h"

void nd_bucket_init(struct nd_bucket *b, int64_t start_ns)
{
	memset(b, 0, sizeof(*b));
	b->start_ns = start_ns;
}

static int grow(struct nd_bucket *b)
{
	size_t cap = b->cap ? 2 * b->cap : 16;
	struct nd_activity *v;

	v = realloc(b->v, cap * sizeof(*v));
	if (!v)
		return -1;
	b->v = v;
	b->cap = cap;
	return 0;
}

struct nd_activity *nd_bucket_add(struct nd_bucket *b,
				  const struct nd_activity *a)
{
	struct nd_activity *e;
	char *exe;

	if (b->n == b->cap && grow(b))
		return NULL;
	exe = strdup(a->exe);
	if (!exe)
		return NULL;
	e = &b->v[b->n++];
	*e = *a;
	e->exe = exe;
	return e;
}

void nd_bucket_free(struct nd_bucket *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->v[i].exe);
	free(b->v);
	b->v = NULL;
	b->n = b->cap = 0;
}

const char *nd_transport_name(const char *s)
{
	if (!s)
		return NULL;
	if (!strcmp(s, "tcp"))
		return "tcp";
	if (!strcmp(s, "udp"))
		return "udp";
	return NULL;
}
