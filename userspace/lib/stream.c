// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading one reply stream: datagrams until the NLMSG_ERROR (an ack or an
 * error) or NLMSG_DONE that ends it.  Data messages go to a callback.  A
 * failing callback does not stop the reading, so that the socket is left
 * at the start of the next reply; messages of earlier requests (another
 * sequence number) are skipped.
 */
#include <errno.h>

#include "nl.h"

struct stream {
	struct netanom *h;
	uint16_t type;
	nl_msg_cb cb;
	void *data;
	struct netanom_error *err;
	bool intr;
	bool done;
	int ret;
};

static void stream_fail(struct stream *s, int ret)
{
	if (!s->ret)
		s->ret = ret;
}

static bool is_ours(const struct stream *s, const struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_seq != s->h->seq)
		return false;
	return !s->h->tr.portid || nlh->nlmsg_pid == s->h->tr.portid;
}

static void stream_data(struct stream *s, const struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_type != s->type) {
		stream_fail(s, nl_err_set(s->ret ? NULL : s->err,
					  NETANOM_ERR_PROTOCOL, EPROTO, NULL,
					  "unexpected message type %u",
					  nlh->nlmsg_type));
		return;
	}
	/* After an error or an interruption the data is thrown away. */
	if (s->ret || s->intr || !s->cb)
		return;
	stream_fail(s, s->cb(nlh, s->data, s->err));
}

static void stream_msg(struct stream *s, const struct nlmsghdr *nlh)
{
	if (!is_ours(s, nlh))
		return;
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		s->intr = true;
	switch (nlh->nlmsg_type) {
	case NLMSG_NOOP:
		return;
	case NLMSG_OVERRUN:
		stream_fail(s, nl_err_set(s->ret ? NULL : s->err,
					  NETANOM_ERR_SYSTEM, ENOBUFS, NULL,
					  "netlink overrun"));
		s->done = true;
		return;
	case NLMSG_ERROR:
	case NLMSG_DONE:
		stream_fail(s, nl_parse_error(nlh, s->ret ? NULL : s->err));
		s->done = true;
		return;
	default:
		stream_data(s, nlh);
	}
}

/* Returns -EPROTO when the datagram does not split into whole messages:
 * then nothing after it can be trusted. */
static int stream_datagram(struct stream *s, size_t n)
{
	const struct nlmsghdr *nlh = (const void *)s->h->buf;
	int len = (int)n;

	while (!s->done && mnl_nlmsg_ok(nlh, len)) {
		stream_msg(s, nlh);
		nlh = mnl_nlmsg_next(nlh, &len);
	}
	if (!s->done && len > 0)
		return nl_err_set(s->ret ? NULL : s->err, NETANOM_ERR_PROTOCOL,
				  EPROTO, NULL, "truncated netlink message");
	return 0;
}

static int stream_recv(struct stream *s)
{
	ssize_t n = s->h->tr.recv(s->h->tr.ctx, s->h->buf, NL_BUF_SIZE);

	if (n == -ENOSPC)
		return nl_err_set(s->err, NETANOM_ERR_PROTOCOL, EMSGSIZE, NULL,
				  "reply larger than %d bytes", NL_BUF_SIZE);
	if (n < 0)
		return nl_err_set(s->err, NETANOM_ERR_SYSTEM, (int)-n, NULL,
				  "receiving the reply");
	if (n == 0)
		return nl_err_set(s->err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "empty datagram");
	return stream_datagram(s, (size_t)n);
}

/**
 * nl_recv_stream() - read the reply stream of the last request
 * @h: handle
 * @type: the type data messages must have (the family id)
 * @cb: called for each data message, or NULL
 * @data: passed to @cb
 * @intr: set when a message carried NLM_F_DUMP_INTR
 * @what: what is being done, for the error
 * @err: error details, or NULL
 *
 * Return: 0, or the first error: the callback's, the kernel's, or a
 * transport or framing error.
 */
int nl_recv_stream(struct netanom *h, uint16_t type, nl_msg_cb cb,
		   void *data, bool *intr, const char *what,
		   struct netanom_error *err)
{
	struct stream s = {
		.h = h, .type = type, .cb = cb, .data = data, .err = err,
	};
	int ret = 0;

	while (!s.done) {
		ret = stream_recv(&s);
		if (ret < 0)
			break;
	}
	if (!ret)
		ret = s.ret;
	if (ret < 0)
		nl_err_what(err, what);
	*intr = s.intr;
	return ret;
}
