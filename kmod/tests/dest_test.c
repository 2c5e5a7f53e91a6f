// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of destination classification: which counter a connect goes
 * to, what is loopback, what is not counted at all, and which address and
 * port are remembered, following include/uapi/linux/netanom.h.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/netlink.h>
#include <linux/string.h>
#include <linux/un.h>
#include <linux/vm_sockets.h>
#include <net/ipv6.h>
#include "../dest.h"

/* Whatever classify does not set must not be mistaken for a result. */
static void dirty(struct netanom_sample *s)
{
	memset(s, 0xa5, sizeof(*s));
}

static enum netanom_verdict classify4(const u8 a[4], u16 port, int proto,
				      struct netanom_sample *s)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};

	memcpy(&sin.sin_addr, a, 4);
	dirty(s);
	return netanom_classify((struct sockaddr *)&sin, sizeof(sin), proto,
				false, s);
}

static enum netanom_verdict classify6(const u8 a[16], u16 port, int proto,
				      int addrlen, struct netanom_sample *s)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(port),
	};

	memcpy(&sin6.sin6_addr, a, 16);
	dirty(s);
	return netanom_classify((struct sockaddr *)&sin6, addrlen, proto,
				false, s);
}

static const u8 v4_public[4] = { 93, 184, 216, 34 };
static const u8 v6_public[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34,
};

static const u8 v6_mapped[16] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 7,
};

static void dest_test_inet(struct kunit *test)
{
	struct netanom_sample s;

	KUNIT_ASSERT_EQ(test, classify4(v4_public, 443, IPPROTO_TCP, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_TCP4);
	KUNIT_EXPECT_FALSE(test, s.loopback);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET);
	KUNIT_EXPECT_EQ(test, s.dest.port, 443);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v4_public, 4), 0);

	KUNIT_ASSERT_EQ(test, classify4(v4_public, 53, IPPROTO_UDP, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_UDP4);
	KUNIT_EXPECT_FALSE(test, s.loopback);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET);
	KUNIT_EXPECT_EQ(test, s.dest.port, 53);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v4_public, 4), 0);
}

static void dest_test_inet6(struct kunit *test)
{
	struct netanom_sample s;

	KUNIT_ASSERT_EQ(test, classify6(v6_public, 8443, IPPROTO_TCP,
					sizeof(struct sockaddr_in6), &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_TCP6);
	KUNIT_EXPECT_FALSE(test, s.loopback);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET6);
	KUNIT_EXPECT_EQ(test, s.dest.port, 8443);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v6_public, 16), 0);

	KUNIT_ASSERT_EQ(test, classify6(v6_public, 123, IPPROTO_UDP,
					sizeof(struct sockaddr_in6), &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_UDP6);
	KUNIT_EXPECT_FALSE(test, s.loopback);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET6);
	KUNIT_EXPECT_EQ(test, s.dest.port, 123);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v6_public, 16), 0);
}

static void dest_test_v4_mapped(struct kunit *test)
{
	struct netanom_sample s;

	/* A dual-stack socket's IPv4 connect counts, and reads, as IPv4. */
	KUNIT_ASSERT_EQ(test, classify6(v6_mapped, 80, IPPROTO_TCP,
					sizeof(struct sockaddr_in6), &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_TCP4);
	KUNIT_EXPECT_FALSE(test, s.loopback);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET);
	KUNIT_EXPECT_EQ(test, s.dest.port, 80);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, &v6_mapped[12], 4), 0);

	KUNIT_ASSERT_EQ(test, classify6(v6_mapped, 5353, IPPROTO_UDP,
					sizeof(struct sockaddr_in6), &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_UDP4);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET);
	KUNIT_EXPECT_EQ(test, s.dest.port, 5353);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, &v6_mapped[12], 4), 0);
}

struct loopback_case {
	const char *name;
	bool v6;
	u8 addr[16];
	bool loopback;
	bool mapped;
};

static const struct loopback_case loopback_cases[] = {
	{ "127.0.0.1", false, { 127, 0, 0, 1 }, true },
	{ "127.0.0.53", false, { 127, 0, 0, 53 }, true },
	{ "127.255.255.254", false, { 127, 255, 255, 254 }, true },
	{ "126.255.255.255", false, { 126, 255, 255, 255 }, false },
	{ "128.0.0.1", false, { 128, 0, 0, 1 }, false },
	{ "10.0.0.1", false, { 10, 0, 0, 1 }, false },
	{ "1.0.0.127", false, { 1, 0, 0, 127 }, false },
	{ "::1", true, { [15] = 1 }, true },
	{ "::", true, {}, true },
	{ "::2", true, { [15] = 2 }, false },
	{ "::1:0", true, { [13] = 1 }, false },
	{ "1::1", true, { [1] = 1, [15] = 1 }, false },
	{ "fe80::1", true, { 0xfe, 0x80, [15] = 1 }, false },
	{ "::ffff:127.0.0.1", true,
	  { [10] = 0xff, [11] = 0xff, 127, 0, 0, 1 }, true, true },
	{ "::ffff:127.1.2.3", true,
	  { [10] = 0xff, [11] = 0xff, 127, 1, 2, 3 }, true, true },
	{ "::ffff:10.0.0.1", true,
	  { [10] = 0xff, [11] = 0xff, 10, 0, 0, 1 }, false, true },
	/* IPv4-compatible (deprecated), not mapped: plain IPv6. */
	{ "::127.0.0.1", true, { [12] = 127, 0, 0, 1 }, false },
};

static void dest_test_loopback(struct kunit *test)
{
	const struct loopback_case *c;
	struct netanom_sample s;
	enum netanom_verdict v;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(loopback_cases); i++) {
		c = &loopback_cases[i];
		if (c->v6)
			v = classify6(c->addr, 1, IPPROTO_TCP,
				      sizeof(struct sockaddr_in6), &s);
		else
			v = classify4(c->addr, 1, IPPROTO_TCP, &s);
		KUNIT_EXPECT_EQ_MSG(test, v, NETANOM_COUNT, "%s", c->name);
		if (v != NETANOM_COUNT)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, s.loopback, c->loopback, "%s",
				    c->name);
		/* The mapped forms stay IPv4 connects. */
		if (c->mapped) {
			KUNIT_EXPECT_EQ_MSG(test, s.cls, NETANOM_CLASS_TCP4,
					    "%s", c->name);
			KUNIT_EXPECT_EQ_MSG(test, s.dest.family, AF_INET, "%s",
					    c->name);
			KUNIT_EXPECT_EQ_MSG(test,
					    memcmp(s.dest.addr, &c->addr[12], 4),
					    0, "%s", c->name);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, s.cls,
					    c->v6 ? NETANOM_CLASS_TCP6 :
						    NETANOM_CLASS_TCP4,
					    "%s", c->name);
		}
	}
}

static void dest_test_port_host_order(struct kunit *test)
{
	static const u16 ports[] = { 1, 0x1234, 0x8000, 65535 };
	struct netanom_sample s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ports); i++) {
		KUNIT_ASSERT_EQ(test, classify4(v4_public, ports[i],
						IPPROTO_TCP, &s),
				NETANOM_COUNT);
		KUNIT_EXPECT_EQ(test, s.dest.port, ports[i]);
		KUNIT_ASSERT_EQ(test, classify6(v6_public, ports[i],
						IPPROTO_UDP,
						sizeof(struct sockaddr_in6),
						&s),
				NETANOM_COUNT);
		KUNIT_EXPECT_EQ(test, s.dest.port, ports[i]);
	}
}

static void dest_test_other_transport(struct kunit *test)
{
	static const int protos[] = { IPPROTO_SCTP, IPPROTO_ICMP, IPPROTO_RAW };
	struct netanom_sample s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		KUNIT_ASSERT_EQ(test, classify4(v4_public, 9899, protos[i], &s),
				NETANOM_COUNT);
		KUNIT_EXPECT_EQ_MSG(test, s.cls, NETANOM_CLASS_OTHER,
				    "proto %d", protos[i]);
		KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET);
		KUNIT_EXPECT_EQ(test, s.dest.port, 9899);
		KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v4_public, 4), 0);
		KUNIT_EXPECT_FALSE(test, s.loopback);

		KUNIT_ASSERT_EQ(test, classify6(v6_public, 9899, protos[i],
						sizeof(struct sockaddr_in6),
						&s),
				NETANOM_COUNT);
		KUNIT_EXPECT_EQ_MSG(test, s.cls, NETANOM_CLASS_OTHER,
				    "proto %d", protos[i]);
		KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET6);
		KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v6_public, 16), 0);
	}

	/* Mapped SCTP is still "other", with the IPv4 address. */
	KUNIT_ASSERT_EQ(test, classify6(v6_mapped, 1, IPPROTO_SCTP,
					sizeof(struct sockaddr_in6), &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_OTHER);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET);
}

static void dest_test_skipped_families(struct kunit *test)
{
	struct sockaddr_storage ss = {};
	struct sockaddr_nl *snl = (struct sockaddr_nl *)&ss;
	struct sockaddr *sa = (struct sockaddr *)&ss;
	struct netanom_sample s;
	int unix_too;

	for (unix_too = 0; unix_too <= 1; unix_too++) {
		/* A datagram socket's "disconnect". */
		memset(&ss, 0, sizeof(ss));
		ss.ss_family = AF_UNSPEC;
		dirty(&s);
		KUNIT_EXPECT_EQ(test, netanom_classify(sa, sizeof(ss),
						       IPPROTO_UDP, unix_too,
						       &s),
				NETANOM_SKIP);
		KUNIT_EXPECT_EQ(test, netanom_classify(sa,
						       sizeof(struct sockaddr_in),
						       IPPROTO_UDP, unix_too,
						       &s),
				NETANOM_SKIP);

		memset(&ss, 0, sizeof(ss));
		snl->nl_family = AF_NETLINK;
		snl->nl_pid = 0;
		dirty(&s);
		KUNIT_EXPECT_EQ(test, netanom_classify(sa, sizeof(*snl), 0,
						       unix_too, &s),
				NETANOM_SKIP);
	}
}

static void dest_test_unix(struct kunit *test)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct sockaddr *sa = (struct sockaddr *)&sun;
	struct netanom_sample s;

	strscpy(sun.sun_path, "/run/systemd/journal/socket",
		sizeof(sun.sun_path));

	dirty(&s);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa, sizeof(sun), 0, false, &s),
			NETANOM_SKIP);

	dirty(&s);
	KUNIT_ASSERT_EQ(test, netanom_classify(sa, sizeof(sun), 0, true, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_OTHER);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_UNIX);
	KUNIT_EXPECT_EQ(test, s.dest.port, 0);
	/* Loopback is about 127/8, ::1 and :: only. */
	KUNIT_EXPECT_FALSE(test, s.loopback);
}

static void dest_test_other_family(struct kunit *test)
{
	struct sockaddr_vm svm = {
		.svm_family = AF_VSOCK,
		.svm_port = 1024,
		.svm_cid = 2,
	};
	struct netanom_sample s;

	dirty(&s);
	KUNIT_ASSERT_EQ(test, netanom_classify((struct sockaddr *)&svm,
					       sizeof(svm), 0, false, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_OTHER);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_VSOCK);
	/* Only inet destinations have a port worth reporting. */
	KUNIT_EXPECT_EQ(test, s.dest.port, 0);
	KUNIT_EXPECT_FALSE(test, s.loopback);
}

static void dest_test_short_addrlen(struct kunit *test)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(80),
		.sin_addr.s_addr = htonl(0x5db8d822),
	};
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(80),
	};
	struct sockaddr *sa4 = (struct sockaddr *)&sin;
	struct sockaddr *sa6 = (struct sockaddr *)&sin6;
	struct sockaddr_storage ss;
	struct netanom_sample s;

	memcpy(&sin6.sin6_addr, v6_public, 16);

	dirty(&s);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa4, sizeof(sin) - 1,
					       IPPROTO_TCP, false, &s),
			NETANOM_SKIP);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa4, 2, IPPROTO_TCP, false, &s),
			NETANOM_SKIP);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa4, 1, IPPROTO_TCP, false, &s),
			NETANOM_SKIP);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa4, 0, IPPROTO_TCP, false, &s),
			NETANOM_SKIP);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa4, -1, IPPROTO_TCP, false,
					       &s),
			NETANOM_SKIP);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa6, SIN6_LEN_RFC2133 - 1,
					       IPPROTO_TCP, false, &s),
			NETANOM_SKIP);
	KUNIT_EXPECT_EQ(test, netanom_classify(sa6, sizeof(sin), IPPROTO_TCP,
					       false, &s),
			NETANOM_SKIP);

	/*
	 * The kernel's own inet6 connect accepts the RFC 2133 length (no
	 * scope id), so such a connect does happen and is counted.
	 */
	dirty(&s);
	KUNIT_ASSERT_EQ(test, netanom_classify(sa6, SIN6_LEN_RFC2133,
					       IPPROTO_TCP, false, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_TCP6);
	KUNIT_EXPECT_EQ(test, s.dest.port, 80);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v6_public, 16), 0);

	/* Longer than needed is fine (a whole sockaddr_storage, say). */
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, &sin, sizeof(sin));
	dirty(&s);
	KUNIT_ASSERT_EQ(test, netanom_classify((struct sockaddr *)&ss,
					       sizeof(ss), IPPROTO_TCP, false,
					       &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_TCP4);
	KUNIT_EXPECT_EQ(test, s.dest.port, 80);
}

/*
 * A send's address: AF_UNSPEC is IPv4 to an IPv4 socket (counted, with the
 * address in it) and "no address" to an IPv6 one (not counted); the rest
 * is classified as for a connect, AF_UNIX and AF_NETLINK never counted.
 */
static void dest_test_send(struct kunit *test)
{
	struct sockaddr_in sin = {
		.sin_family = AF_UNSPEC,
		.sin_port = htons(53),
	};
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(443),
	};
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct netanom_sample s;

	memcpy(&sin.sin_addr, v4_public, 4);
	dirty(&s);
	KUNIT_EXPECT_EQ(test, netanom_classify_send((struct sockaddr *)&sin,
						    sizeof(sin), AF_INET,
						    IPPROTO_UDP, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_UDP4);
	KUNIT_EXPECT_EQ(test, s.dest.family, AF_INET);
	KUNIT_EXPECT_EQ(test, s.dest.port, 53);
	KUNIT_EXPECT_FALSE(test, s.loopback);
	KUNIT_EXPECT_EQ(test, memcmp(s.dest.addr, v4_public, 4), 0);

	dirty(&s);
	KUNIT_EXPECT_EQ(test, netanom_classify_send((struct sockaddr *)&sin,
						    sizeof(sin), AF_INET6,
						    IPPROTO_UDP, &s),
			NETANOM_SKIP);
	/* Too short to hold an IPv4 address: skipped, even on IPv4. */
	KUNIT_EXPECT_EQ(test, netanom_classify_send((struct sockaddr *)&sin,
						    sizeof(sin) - 9, AF_INET,
						    IPPROTO_UDP, &s),
			NETANOM_SKIP);

	memcpy(&sin6.sin6_addr, v6_public, 16);
	dirty(&s);
	KUNIT_EXPECT_EQ(test, netanom_classify_send((struct sockaddr *)&sin6,
						    sizeof(sin6), AF_INET6,
						    IPPROTO_UDP, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_EQ(test, s.cls, NETANOM_CLASS_UDP6);
	KUNIT_EXPECT_EQ(test, s.dest.port, 443);

	dirty(&s);
	KUNIT_EXPECT_EQ(test, netanom_classify_send((struct sockaddr *)&sun,
						    sizeof(sun), AF_INET,
						    IPPROTO_UDP, &s),
			NETANOM_SKIP);
	KUNIT_EXPECT_EQ(test, netanom_classify_send(NULL, 0, AF_INET,
						    IPPROTO_UDP, &s),
			NETANOM_SKIP);
}

static struct kunit_case netanom_dest_test_cases[] = {
	KUNIT_CASE(dest_test_inet),
	KUNIT_CASE(dest_test_inet6),
	KUNIT_CASE(dest_test_v4_mapped),
	KUNIT_CASE(dest_test_loopback),
	KUNIT_CASE(dest_test_port_host_order),
	KUNIT_CASE(dest_test_other_transport),
	KUNIT_CASE(dest_test_skipped_families),
	KUNIT_CASE(dest_test_unix),
	KUNIT_CASE(dest_test_other_family),
	KUNIT_CASE(dest_test_short_addrlen),
	KUNIT_CASE(dest_test_send),
	{}
};

static struct kunit_suite netanom_dest_test_suite = {
	.name = "netanom_dest",
	.test_cases = netanom_dest_test_cases,
};

kunit_test_suites(&netanom_dest_test_suite);
