// SPDX-License-Identifier: LGPL-2.1-or-later
/* A "do" request: always with NLM_F_ACK, so that every request, with or
 * without a reply, ends with an NLMSG_ERROR that says how it went. */
#include "nl.h"

/**
 * nl_do() - send @nlh with NLM_F_ACK and read its reply and ack
 * @h: handle
 * @nlh: request built with nl_msg_start() in @h's buffer
 * @cb: called for each reply message, or NULL
 * @data: passed to @cb
 * @what: what is being done, for the error
 * @err: error details, or NULL
 *
 * Return: 0 or a negative errno.
 */
int nl_do(struct netanom *h, struct nlmsghdr *nlh, nl_msg_cb cb, void *data,
	  const char *what, struct netanom_error *err)
{
	uint16_t type = nlh->nlmsg_type;	/* the buffer is reused */
	bool intr;
	int ret;

	nlh->nlmsg_flags |= NLM_F_ACK;
	ret = nl_send(h, nlh, what, err);
	if (ret < 0)
		return ret;
	return nl_recv_stream(h, type, cb, data, &intr, what, err);
}
