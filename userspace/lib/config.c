// SPDX-License-Identifier: LGPL-2.1-or-later
/* NETANOM_CMD_GET_CONFIG, NETANOM_CMD_SET_CONFIG and NETANOM_CMD_RESET. */
#include <errno.h>

#include "nl.h"

#define WHAT_GET "getting the configuration"

struct config_reply {
	uint32_t *flags;
	bool seen;
};

static int config_cb(const struct nlmsghdr *nlh, void *data,
		     struct netanom_error *err)
{
	struct config_reply *r = data;

	r->seen = true;
	return nl_parse_config(nlh, r->flags, err);
}

int netanom_get_config(struct netanom *h, uint32_t *flags,
		       struct netanom_error *err)
{
	struct config_reply r = { .flags = flags };
	struct nlmsghdr *nlh;
	int ret;

	nl_err_clear(err);
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_GET_CONFIG,
			   NETANOM_GENL_VERSION);
	ret = nl_do(h, nlh, config_cb, &r, WHAT_GET, err);
	if (!ret && !r.seen)
		ret = nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, WHAT_GET,
				 "no configuration in the reply");
	return ret;
}

int netanom_set_config(struct netanom *h, uint32_t value, uint32_t selector,
		       struct netanom_error *err)
{
	struct nla_bitfield32 bf = { .value = value, .selector = selector };
	struct nlmsghdr *nlh;

	nl_err_clear(err);
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_SET_CONFIG,
			   NETANOM_GENL_VERSION);
	mnl_attr_put(nlh, NETANOM_A_CONFIG_FLAGS, sizeof(bf), &bf);
	return nl_do(h, nlh, NULL, NULL, "setting the configuration", err);
}

int netanom_reset(struct netanom *h, struct netanom_error *err)
{
	struct nlmsghdr *nlh;

	nl_err_clear(err);
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_RESET,
			   NETANOM_GENL_VERSION);
	return nl_do(h, nlh, NULL, NULL, "resetting the table", err);
}
