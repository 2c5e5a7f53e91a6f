// SPDX-License-Identifier: GPL-2.0
/*
 * Which counter a connect goes to.  The address is the kernel's own copy of
 * the caller's sockaddr (move_addr_to_kernel() ran before the LSM hook), so
 * it may be read freely up to @addrlen.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/string.h>
#include <linux/un.h>
#include <net/ipv6.h>
#include "dest.h"

static bool netanom_is_tcp(int proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_MPTCP;
}

static bool netanom_is_udp(int proto)
{
	return proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE;
}

static enum netanom_class netanom_inet_class(int proto, bool v6)
{
	if (netanom_is_tcp(proto))
		return v6 ? NETANOM_CLASS_TCP6 : NETANOM_CLASS_TCP4;
	if (netanom_is_udp(proto))
		return v6 ? NETANOM_CLASS_UDP6 : NETANOM_CLASS_UDP4;
	return NETANOM_CLASS_OTHER;
}

/* 127.0.0.0/8 and 0.0.0.0 (which connects to the local host, like ::). */
static bool netanom_v4_local(__be32 a)
{
	return ipv4_is_loopback(a) || a == htonl(INADDR_ANY);
}

static void netanom_set_v4(struct netanom_sample *s, __be32 a, __be16 port,
			   int proto)
{
	s->cls = netanom_inet_class(proto, false);
	s->loopback = netanom_v4_local(a);
	s->dest.family = AF_INET;
	s->dest.port = ntohs(port);
	memcpy(s->dest.addr, &a, sizeof(a));
}

static enum netanom_verdict netanom_classify_v4(const struct sockaddr *addr,
						int addrlen, int proto,
						struct netanom_sample *s)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;

	if (addrlen < (int)sizeof(*sin))
		return NETANOM_SKIP;
	netanom_set_v4(s, sin->sin_addr.s_addr, sin->sin_port, proto);
	return NETANOM_COUNT;
}

static enum netanom_verdict netanom_classify_v6(const struct sockaddr *addr,
						int addrlen, int proto,
						struct netanom_sample *s)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)addr;
	const struct in6_addr *a = &sin6->sin6_addr;

	/* The kernel accepts the shorter RFC 2133 form without scope id. */
	if (addrlen < SIN6_LEN_RFC2133)
		return NETANOM_SKIP;
	/* An IPv4-mapped address is an IPv4 connect from a dual-stack socket. */
	if (ipv6_addr_v4mapped(a)) {
		netanom_set_v4(s, a->s6_addr32[3], sin6->sin6_port, proto);
		return NETANOM_COUNT;
	}
	s->cls = netanom_inet_class(proto, true);
	s->loopback = ipv6_addr_loopback(a) || ipv6_addr_any(a);
	s->dest.family = AF_INET6;
	s->dest.port = ntohs(sin6->sin6_port);
	memcpy(s->dest.addr, a, sizeof(*a));
	return NETANOM_COUNT;
}

/**
 * netanom_classify() - decide whether and how to count a connect
 * @addr: destination, the kernel's copy of the caller's sockaddr
 * @addrlen: length of @addr
 * @sk_protocol: the socket's protocol (IPPROTO_TCP, IPPROTO_UDP, ...)
 * @count_unix: count AF_UNIX connects (as NETANOM_CLASS_OTHER)
 * @s: filled with the class, loopback flag and destination when counted
 *
 * Context: any; touches nothing but its arguments.
 * Return: NETANOM_COUNT or NETANOM_SKIP.
 */
enum netanom_verdict netanom_classify(const struct sockaddr *addr,
				      int addrlen, int sk_protocol,
				      bool count_unix,
				      struct netanom_sample *s)
{
	if (!addr || addrlen < (int)sizeof(addr->sa_family))
		return NETANOM_SKIP;

	memset(&s->dest, 0, sizeof(s->dest));
	s->loopback = false;

	switch (addr->sa_family) {
	case AF_INET:
		return netanom_classify_v4(addr, addrlen, sk_protocol, s);
	case AF_INET6:
		return netanom_classify_v6(addr, addrlen, sk_protocol, s);
	case AF_UNSPEC:		/* "disconnect" of a datagram socket */
	case AF_NETLINK:	/* talks to the kernel, not the network */
		return NETANOM_SKIP;
	case AF_UNIX:
		if (!count_unix)
			return NETANOM_SKIP;
		fallthrough;
	default:
		s->cls = NETANOM_CLASS_OTHER;
		s->dest.family = addr->sa_family;
		return NETANOM_COUNT;
	}
}

/**
 * netanom_classify_send() - decide whether and how to count a send's address
 * @addr: msg_name of the send, the kernel's copy
 * @addrlen: msg_namelen
 * @sock_family: the socket's family, AF_INET or AF_INET6
 * @sk_protocol: the socket's protocol
 * @s: filled as by netanom_classify() when counted
 *
 * Like a connect's, except for AF_UNSPEC: an IPv4 socket reads it as
 * AF_INET and sends to the address in it (udp_sendmsg()), so it is counted
 * as that; an IPv6 socket reads it as "no address" and sends to its
 * connected peer, so it is not.
 *
 * Context: any; touches nothing but its arguments.
 * Return: NETANOM_COUNT or NETANOM_SKIP.
 */
enum netanom_verdict netanom_classify_send(const struct sockaddr *addr,
					   int addrlen, int sock_family,
					   int sk_protocol,
					   struct netanom_sample *s)
{
	if (!addr || addrlen < (int)sizeof(addr->sa_family))
		return NETANOM_SKIP;
	if (addr->sa_family == AF_UNSPEC && sock_family == AF_INET) {
		memset(&s->dest, 0, sizeof(s->dest));
		s->loopback = false;
		return netanom_classify_v4(addr, addrlen, sk_protocol, s);
	}
	return netanom_classify(addr, addrlen, sk_protocol, false, s);
}
