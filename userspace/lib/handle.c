// SPDX-License-Identifier: LGPL-2.1-or-later
/* Opening and closing a handle; the family is resolved on open. */
#include <errno.h>
#include <stdlib.h>

#include "nl.h"

/**
 * nl_handle_new() - allocate a handle around @tr, without resolving
 * @tr: the transport, copied
 *
 * Return: the handle, or NULL when out of memory.
 */
struct netanom *nl_handle_new(const struct netanom_transport *tr)
{
	struct netanom *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->buf = malloc(NL_BUF_SIZE);
	if (!h->buf) {
		free(h);
		return NULL;
	}
	h->tr = *tr;
	return h;
}

int netanom_open_transport(struct netanom **hp,
			   const struct netanom_transport *tr,
			   struct netanom_error *err)
{
	struct netanom *h;
	int ret;

	nl_err_clear(err);
	*hp = NULL;
	h = nl_handle_new(tr);
	if (!h) {
		if (tr->close)
			tr->close(tr->ctx);
		return nl_err_set(err, NETANOM_ERR_SYSTEM, ENOMEM,
				  "opening netanom", NULL);
	}
	ret = nl_resolve_family(h, NETANOM_GENL_NAME, err);
	if (ret < 0) {
		netanom_close(h);
		return ret;
	}
	*hp = h;
	return 0;
}

int netanom_open(struct netanom **hp, struct netanom_error *err)
{
	struct netanom_transport tr;
	int ret;

	*hp = NULL;
	nl_err_clear(err);
	ret = nl_transport_mnl(&tr, err);
	if (ret < 0)
		return ret;
	return netanom_open_transport(hp, &tr, err);
}

void netanom_close(struct netanom *h)
{
	if (!h)
		return;
	if (h->tr.close)
		h->tr.close(h->tr.ctx);
	free(h->buf);
	free(h);
}

uint16_t netanom_family_id(const struct netanom *h)
{
	return h->family_id;
}

uint32_t netanom_family_version(const struct netanom *h)
{
	return h->family_version;
}

uint32_t netanom_events_group(const struct netanom *h)
{
	return h->events_group;
}
