/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Classifying a connect's destination: which counter it goes to, whether it
 * is loopback, and the address to remember.  Pure functions of the socket's
 * type and protocol and the sockaddr, so that KUnit can test them.
 */
#ifndef _NETANOM_DEST_H
#define _NETANOM_DEST_H

#include <linux/socket.h>
#include "table.h"

/**
 * enum netanom_verdict - whether a connect is counted
 * @NETANOM_COUNT: count it
 * @NETANOM_SKIP: not a connect netanom counts (AF_UNSPEC, AF_NETLINK,
 *	AF_UNIX unless enabled, short address)
 */
enum netanom_verdict {
	NETANOM_COUNT,
	NETANOM_SKIP,
};

enum netanom_verdict netanom_classify(const struct sockaddr *addr,
				      int addrlen, int sk_protocol,
				      bool count_unix,
				      struct netanom_sample *s);
enum netanom_verdict netanom_classify_send(const struct sockaddr *addr,
					   int addrlen, int sock_family,
					   int sk_protocol,
					   struct netanom_sample *s);

#endif /* _NETANOM_DEST_H */
