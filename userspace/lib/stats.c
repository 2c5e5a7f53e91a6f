// SPDX-License-Identifier: LGPL-2.1-or-later
/* NETANOM_CMD_GET_STATS. */
#include <errno.h>

#include "nl.h"

#define WHAT "getting the statistics"

struct stats_reply {
	struct netanom_stats *out;
	bool seen;
};

static int stats_cb(const struct nlmsghdr *nlh, void *data,
		    struct netanom_error *err)
{
	struct stats_reply *r = data;

	r->seen = true;
	return nl_parse_stats(nlh, r->out, err);
}

int netanom_get_stats(struct netanom *h, struct netanom_stats *out,
		      struct netanom_error *err)
{
	struct stats_reply r = { .out = out };
	struct nlmsghdr *nlh;
	int ret;

	nl_err_clear(err);
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_GET_STATS,
			   NETANOM_GENL_VERSION);
	ret = nl_do(h, nlh, stats_cb, &r, WHAT, err);
	if (!ret && !r.seen)
		ret = nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, WHAT,
				 "no statistics in the reply");
	return ret;
}
