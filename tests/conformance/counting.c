// SPDX-License-Identifier: GPL-2.0
/*
 * End to end: this process connects, then reads its own entry back and
 * checks that exactly the documented counter moved, with the documented
 * "last connect" attributes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "helpers.h"

/* One scenario: a connect and what it must do to our entry. */
struct nc_case {
	const char *name;
	int domain;
	int type;
	const char *ip;		/* NULL: see build() */
	uint16_t port;
	int cls;		/* counter that moves, -1 for none */
	int loopback;		/* loopback moves too */
	uint16_t family;	/* LAST_FAMILY afterwards */
	const char *last_ip;	/* LAST_ADDR afterwards, in that family */
};

static const struct nc_case nc_cases[] = {
	{ "count_udp4", AF_INET, SOCK_DGRAM, "127.0.0.1", 9, NC_UDP4, 1,
	  AF_INET, "127.0.0.1" },
	{ "count_tcp4", AF_INET, SOCK_STREAM, "127.0.0.1", 1, NC_TCP4, 1,
	  AF_INET, "127.0.0.1" },
	{ "count_udp6", AF_INET6, SOCK_DGRAM, "::1", 9, NC_UDP6, 1,
	  AF_INET6, "::1" },
	{ "count_tcp6", AF_INET6, SOCK_STREAM, "::1", 1, NC_TCP6, 1,
	  AF_INET6, "::1" },
	{ "count_v4_mapped", AF_INET6, SOCK_DGRAM, "::ffff:127.0.0.1", 9,
	  NC_UDP4, 1, AF_INET, "127.0.0.1" },
	{ "count_not_loopback4", AF_INET, SOCK_DGRAM, "192.0.2.1", 53, NC_UDP4,
	  0, AF_INET, "192.0.2.1" },
	{ "count_not_loopback6", AF_INET6, SOCK_STREAM, "2001:db8::1", 443,
	  NC_TCP6, 0, AF_INET6, "2001:db8::1" },
	{ "count_loopback_net", AF_INET, SOCK_DGRAM, "127.0.0.53", 53,
	  NC_UDP4, 1, AF_INET, "127.0.0.53" },
	{ "count_unspecified6", AF_INET6, SOCK_DGRAM, "::", 9, NC_UDP6, 1,
	  AF_INET6, "::" },
};

static int nc_read_self(struct nc *c, const struct nc_self *me,
			struct nc_exe *e, char *why, size_t whylen)
{
	struct nc_reply r;
	int ret;

	ret = nc_get_exe_key(c, me->dev, me->ino, e, &r, why, whylen);
	if (ret && !r.transport && r.error == -ENOENT) {
		/* Not seen yet: all zero. */
		nc_exe_free(e);
		memset(e, 0, sizeof(*e));
		return 0;
	}
	return ret;
}

/* What moved between @a and @b must be exactly @cls (+ loopback). */
static int nc_delta_ok(const struct nc_exe *a, const struct nc_exe *b,
		       int cls, int loopback, char *why, size_t whylen)
{
	uint64_t want;
	int i;

	for (i = 0; i < 5; i++) {
		want = a->count[i] + (i == cls);
		if (b->count[i] != want) {
			snprintf(why, whylen,
				 "counter %d went from %llu to %llu, expected %llu",
				 i, (unsigned long long)a->count[i],
				 (unsigned long long)b->count[i],
				 (unsigned long long)want);
			return 0;
		}
	}
	for (i = 0; i < NC_NR_USES; i++) {
		if (b->use[i] != a->use[i]) {
			snprintf(why, whylen, "use %d went from %llu to %llu on a connect",
				 i, (unsigned long long)a->use[i],
				 (unsigned long long)b->use[i]);
			return 0;
		}
	}
	want = a->loopback + (cls >= 0 && loopback);
	if (b->loopback != want) {
		snprintf(why, whylen, "loopback went from %llu to %llu, expected %llu",
			 (unsigned long long)a->loopback,
			 (unsigned long long)b->loopback,
			 (unsigned long long)want);
		return 0;
	}
	return 1;
}

/* The LAST_* attributes describe the connect just made. */
static int nc_last_ok(const struct nc_exe *e, const struct nc_case *k,
		      uint64_t t0, uint64_t t1, char *why, size_t whylen)
{
	uint8_t addr[16];
	int alen = k->family == AF_INET ? 4 : 16;

	if (e->last_pid != (uint32_t)getpid() ||
	    e->last_uid != (uint32_t)getuid()) {
		snprintf(why, whylen, "last pid/uid %u/%u, expected %d/%d",
			 e->last_pid, e->last_uid, getpid(), getuid());
		return 0;
	}
	if (e->last_seen < t0 || e->last_seen > t1) {
		snprintf(why, whylen,
			 "last_seen %llu outside the connect's [%llu, %llu]",
			 (unsigned long long)e->last_seen,
			 (unsigned long long)t0, (unsigned long long)t1);
		return 0;
	}
	if (e->last_family != k->family) {
		snprintf(why, whylen, "last family %u, expected %u",
			 e->last_family, k->family);
		return 0;
	}
	if (!k->last_ip)
		return 1;
	inet_pton(k->family, k->last_ip, addr);
	if (e->addr_len != alen || memcmp(e->last_addr, addr, alen)) {
		snprintf(why, whylen, "last address (%d bytes) is not %s",
			 e->addr_len, k->last_ip);
		return 0;
	}
	if (!e->has_port || e->last_port != k->port) {
		snprintf(why, whylen, "last port %u, expected %u (host order)",
			 e->last_port, k->port);
		return 0;
	}
	return 1;
}

/* Run @k's connect (already in @ss) and check its effect on our entry. */
static void nc_run_case(struct nc *c, const struct nc_self *me,
			const struct nc_case *k, const void *ss,
			socklen_t len)
{
	struct nc_exe a, b;
	char why[256] = "";
	uint64_t t0, t1;
	int ok, err;

	if (nc_read_self(c, me, &a, why, sizeof(why))) {
		nc_report(c, 0, k->name, "reading our entry: %s", why);
		return;
	}
	t0 = nc_now_ns();
	err = nc_connect(k->domain, k->type, ss, len);
	t1 = nc_now_ns();
	if (err) {
		nc_exe_free(&a);
		nc_report(c, 0, k->name, "socket(): %s", strerror(-err));
		return;
	}
	ok = !nc_read_self(c, me, &b, why, sizeof(why)) &&
	     nc_delta_ok(&a, &b, k->cls, k->loopback, why, sizeof(why)) &&
	     (k->cls < 0 || nc_last_ok(&b, k, t0, t1, why, sizeof(why)));
	nc_report(c, ok, k->name, "%s", why);
	nc_exe_free(&a);
	nc_exe_free(&b);
}

static void nc_inet_cases(struct nc *c, const struct nc_self *me)
{
	struct sockaddr_storage ss;
	const struct nc_case *k;
	unsigned int i;
	int len;

	for (i = 0; i < sizeof(nc_cases) / sizeof(nc_cases[0]); i++) {
		k = &nc_cases[i];
		len = k->domain == AF_INET ?
			nc_sockaddr_in(&ss, k->ip, k->port) :
			nc_sockaddr_in6(&ss, k->ip, k->port);
		nc_run_case(c, me, k, &ss, len);
	}
}

/* Connects that are never counted, and AF_UNIX only when asked for. */
static void nc_uncounted_cases(struct nc *c, const struct nc_self *me,
			       uint32_t flags)
{
	static const struct nc_case unspec = {
		"count_ignores_unspec", AF_INET, SOCK_DGRAM, NULL, 0, -1, 0,
		0, NULL };
	static const struct nc_case netlink = {
		"count_ignores_netlink", AF_NETLINK, SOCK_RAW, NULL, 0, -1, 0,
		0, NULL };
	static const struct nc_case unix_off = {
		"count_ignores_unix", AF_UNIX, SOCK_STREAM, NULL, 0, -1, 0,
		0, NULL };
	static const struct nc_case unix_on = {
		"count_unix_when_enabled", AF_UNIX, SOCK_STREAM, NULL, 0,
		NC_OTHER, 0, AF_UNIX, NULL };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct sockaddr_nl snl = { .nl_family = AF_NETLINK };
	struct sockaddr sa = { .sa_family = AF_UNSPEC };
	struct nc_reply r;

	nc_run_case(c, me, &unspec, &sa, sizeof(sa));
	nc_run_case(c, me, &netlink, &snl, sizeof(snl));

	snprintf(sun.sun_path, sizeof(sun.sun_path),
		 "/nonexistent/netanom-conformance.sock");
	nc_set_config(c, 0, NETANOM_CONFIG_F_COUNT_UNIX, &r);
	nc_run_case(c, me, &unix_off, &sun, sizeof(sun));
	nc_set_config(c, NETANOM_CONFIG_F_COUNT_UNIX,
		      NETANOM_CONFIG_F_COUNT_UNIX, &r);
	if (r.error || r.transport)
		nc_report(c, 0, unix_on.name, "SET_CONFIG: %s", nc_strerror(&r));
	else
		nc_run_case(c, me, &unix_on, &sun, sizeof(sun));
	nc_set_config(c, flags, NETANOM_CONFIG_F_COUNT_UNIX, &r);
}

/* With NETANOM_CONFIG_F_ENABLED clear, hits still count, entries do not. */
static void nc_disabled_case(struct nc *c, const struct nc_self *me)
{
	static const struct nc_case off = {
		"count_disabled", AF_INET, SOCK_DGRAM, "127.0.0.1", 9, -1, 0,
		0, NULL };
	struct sockaddr_storage ss;
	struct nc_stats s0, s1;
	struct nc_reply r;
	char why[256];
	int len;

	nc_set_config(c, 0, NETANOM_CONFIG_F_ENABLED, &r);
	if (r.error || r.transport) {
		nc_report(c, 0, off.name, "SET_CONFIG: %s", nc_strerror(&r));
		return;
	}
	len = nc_sockaddr_in(&ss, off.ip, off.port);
	if (nc_get_stats(c, &s0, &r, why, sizeof(why))) {
		nc_report(c, 0, "hits_when_disabled", "GET_STATS: %s", why);
	} else {
		nc_run_case(c, me, &off, &ss, len);
		if (nc_get_stats(c, &s1, &r, why, sizeof(why)))
			nc_report(c, 0, "hits_when_disabled", "GET_STATS: %s",
				  why);
		else
			nc_report(c, s1.hits > s0.hits, "hits_when_disabled",
				  "hits %llu -> %llu",
				  (unsigned long long)s0.hits,
				  (unsigned long long)s1.hits);
	}
	nc_set_config(c, NETANOM_CONFIG_F_ENABLED, NETANOM_CONFIG_F_ENABLED,
		      &r);
}

/*
 * The ways around connect(2): an unconnected UDP sendto, a sendto on a
 * connected UDP socket (no address: not counted), and a TCP listen.  Each
 * moves exactly its own counter; none moves a connect counter.
 */
static int nc_do_sendto(int connected)
{
	struct sockaddr_storage ss;
	int fd, ret = 0, len;

	/* A connected UDP socket needs a route; an unconnected send does
	 * not: it is counted before the route lookup fails. */
	len = nc_sockaddr_in(&ss, connected ? "127.0.0.1" : "192.0.2.1",
			     connected ? 9 : 53);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	if (connected && connect(fd, (struct sockaddr *)&ss, len))
		ret = -errno;
	/* Unreachable is fine: the send was made, and counted. */
	if (!ret && connected)
		send(fd, "q", 1, MSG_DONTWAIT);
	else if (!ret)
		sendto(fd, "q", 1, MSG_DONTWAIT, (struct sockaddr *)&ss, len);
	close(fd);
	return ret;
}

static int nc_do_listen(void)
{
	struct sockaddr_storage ss;
	int fd, ret = 0, len;

	len = nc_sockaddr_in(&ss, "127.0.0.1", 0);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 1))
		ret = -errno;
	close(fd);
	return ret;
}

static void nc_use_case(struct nc *c, const struct nc_self *me,
			const char *name, int (*act)(void), int use,
			int connects)
{
	struct nc_exe a, b;
	char why[256] = "";
	uint64_t sum_a = 0, sum_b = 0;
	int i, ok, err;

	if (nc_read_self(c, me, &a, why, sizeof(why))) {
		nc_report(c, 0, name, "reading our entry: %s", why);
		return;
	}
	err = act();
	if (err) {
		nc_exe_free(&a);
		nc_report(c, 0, name, "%s", strerror(-err));
		return;
	}
	ok = !nc_read_self(c, me, &b, why, sizeof(why));
	for (i = 0; ok && i < NC_NR_USES; i++) {
		if (b.use[i] != a.use[i] + (i == use)) {
			snprintf(why, sizeof(why),
				 "use %d went from %llu to %llu, expected +%d",
				 i, (unsigned long long)a.use[i],
				 (unsigned long long)b.use[i], i == use);
			ok = 0;
		}
	}
	for (i = 0; ok && i < 5; i++) {
		sum_a += a.count[i];
		sum_b += b.count[i];
	}
	if (ok && sum_b != sum_a + connects) {
		snprintf(why, sizeof(why), "connects went from %llu to %llu",
			 (unsigned long long)sum_a, (unsigned long long)sum_b);
		ok = 0;
	}
	nc_report(c, ok, name, "%s", why);
	nc_exe_free(&a);
	nc_exe_free(&b);
}

static int nc_do_sendto_unconnected(void)
{
	return nc_do_sendto(0);
}

static int nc_do_send_connected(void)
{
	return nc_do_sendto(1);
}

static void nc_use_cases(struct nc *c, const struct nc_self *me)
{
	nc_use_case(c, me, "count_sendto_unconnected",
		    nc_do_sendto_unconnected, NC_SENDTO, 0);
	nc_use_case(c, me, "count_send_connected_as_connect_only",
		    nc_do_send_connected, -1, 1);
	nc_use_case(c, me, "count_listen", nc_do_listen, NC_LISTEN, 0);
}

/* Our own entry: its identity is (st_dev, st_ino) of our executable. */
static void nc_self_entry(struct nc *c, const struct nc_self *me)
{
	struct nc_exe e, p;
	struct nc_reply r;
	char why[256];
	int ok;

	if (nc_get_exe_key(c, me->dev, me->ino, &e, &r, why, sizeof(why))) {
		nc_report(c, 0, "self_entry", "GET_EXE (%llu, %llu): %s",
			  (unsigned long long)me->dev,
			  (unsigned long long)me->ino, why);
		return;
	}
	ok = e.dev == me->dev && e.ino == me->ino &&
	     !strcmp(e.path, me->path) && !strcmp(e.comm, me->comm);
	nc_report(c, ok, "self_entry",
		  "entry (%llu, %llu) \"%s\" comm \"%s\"; we are (%llu, %llu) \"%s\" comm \"%s\"",
		  (unsigned long long)e.dev, (unsigned long long)e.ino,
		  e.path, e.comm, (unsigned long long)me->dev,
		  (unsigned long long)me->ino, me->path, me->comm);

	ok = !nc_get_exe_path(c, me->path, &p, &r, why, sizeof(why)) &&
	     p.dev == me->dev && p.ino == me->ino;
	nc_report(c, ok, "get_exe_by_path", "GET_EXE \"%s\": %s", me->path,
		  ok ? "" : why[0] ? why : "another entry");
	nc_exe_free(&p);
	nc_exe_free(&e);
}

/**
 * nc_check_counting() - our own connects show up exactly as documented
 * @c: run
 *
 * Needs NETANOM_CONFIG_F_ENABLED; the configuration is restored after.
 */
void nc_check_counting(struct nc *c)
{
	struct nc_stats s0, s1;
	struct nc_self me;
	struct nc_reply r;
	uint32_t flags;
	char why[256];

	if (nc_self(&me)) {
		nc_report(c, 0, "self_identity", "stat /proc/self/exe: %s",
			  strerror(errno));
		return;
	}
	if (nc_get_config(c, &flags, &r, why, sizeof(why)) ||
	    nc_get_stats(c, &s0, &r, why, sizeof(why))) {
		nc_report(c, 0, "counting", "cannot read config/stats: %s", why);
		return;
	}
	if (!(flags & NETANOM_CONFIG_F_ENABLED)) {
		nc_diag("counting was disabled; enabling it for these checks");
		nc_set_config(c, NETANOM_CONFIG_F_ENABLED,
			      NETANOM_CONFIG_F_ENABLED, &r);
	}

	nc_inet_cases(c, &me);
	nc_use_cases(c, &me);
	nc_self_entry(c, &me);
	nc_uncounted_cases(c, &me, flags);
	nc_disabled_case(c, &me);

	if (!nc_get_stats(c, &s1, &r, why, sizeof(why)))
		nc_report(c, s1.hits >= s0.hits + 14, "stats_hits",
			  "hits went from %llu to %llu over 14 connects",
			  (unsigned long long)s0.hits,
			  (unsigned long long)s1.hits);
	else
		nc_report(c, 0, "stats_hits", "GET_STATS: %s", why);
	nc_set_config(c, flags, NETANOM_CONFIG_F_ALL, &r);
}
