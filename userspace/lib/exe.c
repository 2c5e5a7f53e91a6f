// SPDX-License-Identifier: LGPL-2.1-or-later
/* NETANOM_CMD_GET_EXE: the dump of every entry, and one entry. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "nl.h"
#include "exe_list.h"

static int list_cb(const struct nlmsghdr *nlh, void *data,
		   struct netanom_error *err)
{
	struct netanom_exe e;
	int ret;

	ret = nl_parse_exe(nlh, &e, err);
	if (ret < 0)
		return ret;
	ret = exe_list_push(data, &e);
	if (ret < 0) {
		netanom_exe_free(&e);
		return nl_err_set(err, NETANOM_ERR_SYSTEM, -ret, NULL, NULL);
	}
	return 0;
}

static void list_restart(void *data)
{
	netanom_exe_list_free(data);
}

int netanom_list(struct netanom *h, struct netanom_exe_list *out,
		 struct netanom_error *err)
{
	memset(out, 0, sizeof(*out));
	nl_err_clear(err);
	return nl_dump(h, NETANOM_CMD_GET_EXE, list_cb, list_restart, out,
		       "listing entries", err);
}

struct get_reply {
	struct netanom_exe *out;
	int seen;
};

static int get_cb(const struct nlmsghdr *nlh, void *data,
		  struct netanom_error *err)
{
	struct get_reply *r = data;

	if (r->seen++)
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "more than one entry in the reply");
	return nl_parse_exe(nlh, r->out, err);
}

static int get(struct netanom *h, struct nlmsghdr *nlh,
	       struct netanom_exe *out, struct netanom_error *err)
{
	struct get_reply r = { .out = out };
	int ret;

	ret = nl_do(h, nlh, get_cb, &r, "getting the entry", err);
	if (!ret && !r.seen)
		ret = nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO,
				 "getting the entry", "no entry in the reply");
	if (ret < 0)
		netanom_exe_free(out);
	return ret;
}

int netanom_get_by_path(struct netanom *h, const char *path,
			struct netanom_exe *out, struct netanom_error *err)
{
	struct nlmsghdr *nlh;

	memset(out, 0, sizeof(*out));
	nl_err_clear(err);
	if (strlen(path) >= PATH_MAX)
		return nl_err_set(err, NETANOM_ERR_INVALID, ENAMETOOLONG,
				  "getting the entry", NULL);
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_GET_EXE,
			   NETANOM_GENL_VERSION);
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_PATH, path);
	return get(h, nlh, out, err);
}

int netanom_get_by_id(struct netanom *h, uint64_t dev, uint64_t ino,
		      struct netanom_exe *out, struct netanom_error *err)
{
	struct nlmsghdr *nlh;

	memset(out, 0, sizeof(*out));
	nl_err_clear(err);
	nlh = nl_msg_start(h, h->family_id, 0, NETANOM_CMD_GET_EXE,
			   NETANOM_GENL_VERSION);
	mnl_attr_put_u64(nlh, NETANOM_A_EXE_DEV, dev);
	mnl_attr_put_u64(nlh, NETANOM_A_EXE_INO, ino);
	return get(h, nlh, out, err);
}
