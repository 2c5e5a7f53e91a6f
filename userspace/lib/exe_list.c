// SPDX-License-Identifier: LGPL-2.1-or-later
/* struct netanom_exe and its list: freeing, growing, summing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nl.h"
#include "exe_list.h"

void netanom_exe_free(struct netanom_exe *e)
{
	if (!e)
		return;
	free(e->path);
	e->path = NULL;
}

void netanom_exe_list_free(struct netanom_exe_list *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n; i++)
		netanom_exe_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/**
 * exe_list_push() - append @e, taking over what it holds
 * @l: the list
 * @e: the entry; moved into the list on success
 *
 * Return: 0 or -ENOMEM.
 */
int exe_list_push(struct netanom_exe_list *l, struct netanom_exe *e)
{
	struct netanom_exe *v;
	size_t cap;

	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 64;
		v = reallocarray(l->v, cap, sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

uint64_t netanom_exe_connects(const struct netanom_exe *e)
{
	return e->tcp4 + e->tcp6 + e->udp4 + e->udp6 + e->other;
}
