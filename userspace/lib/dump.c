// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A dump that is consistent: when the kernel flags a message with
 * NLM_F_DUMP_INTR (the table changed while the dump was walking it), the
 * stream is read to its end and the dump is started again from scratch, a
 * bounded number of times.
 */
#include <errno.h>

#include "nl.h"

static int dump_once(struct netanom *h, uint8_t cmd, nl_msg_cb cb,
		     void *data, bool *intr, const char *what,
		     struct netanom_error *err)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = nl_msg_start(h, h->family_id, NLM_F_DUMP, cmd,
			   NETANOM_GENL_VERSION);
	ret = nl_send(h, nlh, what, err);
	if (ret < 0)
		return ret;
	return nl_recv_stream(h, h->family_id, cb, data, intr, what, err);
}

/**
 * nl_dump() - dump @cmd of the netanom family, restarting if interrupted
 * @h: handle
 * @cmd: NETANOM_CMD_*
 * @cb: called for each message
 * @restart: called before each attempt and after a failure, or NULL
 * @data: passed to @cb and @restart
 * @what: what is being done, for the error
 * @err: error details, or NULL
 *
 * Return: 0, -EAGAIN (NETANOM_ERR_INCONSISTENT) when NETANOM_DUMP_ATTEMPTS
 * attempts were all interrupted, or another negative errno.
 */
int nl_dump(struct netanom *h, uint8_t cmd, nl_msg_cb cb,
	    nl_restart_cb restart, void *data, const char *what,
	    struct netanom_error *err)
{
	bool intr = false;
	int i, ret = 0;

	for (i = 0; i < NETANOM_DUMP_ATTEMPTS; i++) {
		if (restart)
			restart(data);
		ret = dump_once(h, cmd, cb, data, &intr, what, err);
		if (ret < 0 || !intr)
			break;
	}
	if (!ret && intr)
		ret = nl_err_set(err, NETANOM_ERR_INCONSISTENT, EAGAIN, what,
				 "the table kept changing during %d dumps in a row",
				 NETANOM_DUMP_ATTEMPTS);
	if (ret < 0 && restart)
		restart(data);
	return ret;
}
