// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * New-executable events: joining the "events" group and reading one event
 * at a time from it.
 */
#include <errno.h>
#include <stdlib.h>

#include "nl.h"

#define WHAT_JOIN "subscribing to netanom events"
#define WHAT_RECV "reading netanom events"

int netanom_events_subscribe(struct netanom *h, struct netanom_error *err)
{
	int ret;

	nl_err_clear(err);
	if (!h->events_group)
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, ENOTSUP, WHAT_JOIN,
				  "the module has no \"%s\" group",
				  NETANOM_MCGRP_EVENTS);
	if (!h->tr.join)
		return nl_err_set(err, NETANOM_ERR_SYSTEM, ENOTSUP, WHAT_JOIN,
				  "the transport cannot join a group");
	ret = h->tr.join(h->tr.ctx, h->events_group);
	if (ret < 0)
		return nl_err_set(err, NETANOM_ERR_SYSTEM, -ret, WHAT_JOIN,
				  NULL);
	return 0;
}

int netanom_event_fd(const struct netanom *h)
{
	return h->tr.fd;
}

/* The first event of a datagram; 1 when there is none. */
static int first_event(const struct netanom *h, ssize_t len,
		       struct netanom_event *out, struct netanom_error *err)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)h->buf;
	int rest = (int)len;
	const struct genlmsghdr *g;

	for (; mnl_nlmsg_ok(nlh, rest); nlh = mnl_nlmsg_next(nlh, &rest)) {
		if (nlh->nlmsg_type != h->family_id ||
		    nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(*g))
			continue;
		g = mnl_nlmsg_get_payload(nlh);
		if (g->cmd == NETANOM_CMD_NEW_EXE)
			return nl_parse_event(nlh, out, err);
	}
	return 1;
}

int netanom_event_recv(struct netanom *h, struct netanom_event *out,
		       struct netanom_error *err)
{
	ssize_t n;
	int ret;

	nl_err_clear(err);
	for (;;) {
		n = h->tr.recv(h->tr.ctx, h->buf, NL_BUF_SIZE);
		if (n == -ENOBUFS)
			return nl_err_set(err, NETANOM_ERR_SYSTEM, ENOBUFS,
					  WHAT_RECV, "events were lost: the "
					  "socket's receive queue overflowed");
		if (n < 0)
			return nl_err_set(err, NETANOM_ERR_SYSTEM, (int)-n,
					  WHAT_RECV, NULL);
		if (n == 0)
			return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO,
					  WHAT_RECV, "empty datagram");
		ret = first_event(h, n, out, err);
		if (ret <= 0) {
			nl_err_what(err, WHAT_RECV);
			return ret;
		}
	}
}

void netanom_event_free(struct netanom_event *ev)
{
	netanom_exe_free(&ev->exe);
}

const char *netanom_event_kind_name(unsigned int kind)
{
	static const char *const names[] = {
		[NETANOM_KIND_UNSPEC] = "unknown",
		[NETANOM_KIND_TCP4] = "tcp4",
		[NETANOM_KIND_TCP6] = "tcp6",
		[NETANOM_KIND_UDP4] = "udp4",
		[NETANOM_KIND_UDP6] = "udp6",
		[NETANOM_KIND_OTHER] = "other",
		[NETANOM_KIND_SENDTO] = "sendto",
		[NETANOM_KIND_FASTOPEN] = "fastopen",
		[NETANOM_KIND_LISTEN] = "listen",
		[NETANOM_KIND_ACCEPT] = "accept",
	};

	if (kind >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[kind];
}
