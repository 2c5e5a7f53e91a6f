// SPDX-License-Identifier: LGPL-2.1-or-later
/* The real transport: a libmnl NETLINK_GENERIC socket with extended acks. */
#include <errno.h>
#include <sys/socket.h>

#include "nl.h"

static int mnl_send(void *ctx, const void *buf, size_t len)
{
	ssize_t n = mnl_socket_sendto(ctx, buf, len);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

static ssize_t mnl_recv(void *ctx, void *buf, size_t len)
{
	ssize_t n;

	do {
		n = mnl_socket_recvfrom(ctx, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

static int mnl_join(void *ctx, uint32_t group)
{
	int g = (int)group;

	if (mnl_socket_setsockopt(ctx, NETLINK_ADD_MEMBERSHIP, &g,
				  sizeof(g)) < 0)
		return -errno;
	return 0;
}

static void mnl_close(void *ctx)
{
	mnl_socket_close(ctx);
}

/*
 * NETLINK_EXT_ACK makes the kernel append its error message to an
 * NLMSG_ERROR; NETLINK_CAP_ACK keeps it from echoing our whole request
 * back.  Kernels without them (older than 4.12) still answer, so a failure
 * here is not fatal.
 */
static void enable_ext_ack(struct mnl_socket *nl)
{
	int one = 1;

	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
}

/**
 * nl_transport_mnl() - open and bind a generic netlink socket
 * @tr: filled on success
 * @err: error details, or NULL
 *
 * Return: 0 or a negative errno.
 */
int nl_transport_mnl(struct netanom_transport *tr, struct netanom_error *err)
{
	struct mnl_socket *nl;
	int e;

	nl = mnl_socket_open2(NETLINK_GENERIC, SOCK_CLOEXEC);
	if (!nl)
		return nl_err_set(err, NETANOM_ERR_SYSTEM, errno,
				  "opening a generic netlink socket", NULL);
	enable_ext_ack(nl);
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		e = errno;
		mnl_socket_close(nl);
		return nl_err_set(err, NETANOM_ERR_SYSTEM, e,
				  "binding the netlink socket", NULL);
	}
	tr->send = mnl_send;
	tr->recv = mnl_recv;
	tr->close = mnl_close;
	tr->ctx = nl;
	tr->portid = mnl_socket_get_portid(nl);
	tr->join = mnl_join;
	tr->fd = mnl_socket_get_fd(nl);
	return 0;
}
