// SPDX-License-Identifier: LGPL-2.1-or-later
/* Building and sending one request. */
#include <errno.h>

#include "nl.h"

/**
 * nl_msg_start() - start a generic netlink request in the handle's buffer
 * @h: handle; its buffer is overwritten
 * @type: family id (GENL_ID_CTRL for the controller)
 * @flags: NLM_F_* besides NLM_F_REQUEST
 * @cmd: genetlink command
 * @version: genetlink version
 *
 * The request gets the handle's next sequence number.  Attributes are added
 * with mnl_attr_put_*(); the buffer holds NL_BUF_SIZE bytes.
 *
 * Return: the message header.
 */
struct nlmsghdr *nl_msg_start(struct netanom *h, uint16_t type,
			      uint16_t flags, uint8_t cmd, uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(h->buf);
	struct genlmsghdr *g;

	if (++h->seq == 0)	/* 0 would match any reply */
		h->seq = 1;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = h->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

/**
 * nl_send() - send a request built with nl_msg_start()
 * @h: handle
 * @nlh: the request
 * @what: what is being done, for the error
 * @err: error details, or NULL
 *
 * Return: 0 or a negative errno.
 */
int nl_send(struct netanom *h, const struct nlmsghdr *nlh, const char *what,
	    struct netanom_error *err)
{
	int ret = h->tr.send(h->tr.ctx, nlh, nlh->nlmsg_len);

	if (ret < 0)
		return nl_err_set(err, NETANOM_ERR_SYSTEM, -ret, what,
				  "sending the request");
	return 0;
}
