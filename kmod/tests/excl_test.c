// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the exclusion lists: CIDR matching for IPv4, IPv6 and
 * IPv4-mapped destinations at the prefix edges, host-bit masking, and the
 * uid list, which alone applies to uses without a destination.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include "../dest.h"
#include "../excl.h"

static struct netanom_cidr cidr(u16 family, const u8 *addr, u8 prefix)
{
	struct netanom_cidr c = { .family = family, .prefix = prefix };

	memcpy(c.addr, addr, family == AF_INET ? 4 : 16);
	return c;
}

static struct netanom_dest dest(u16 family, const u8 *addr)
{
	struct netanom_dest d = { .family = family, .port = 1 };

	memcpy(d.addr, addr, family == AF_INET ? 4 : 16);
	return d;
}

static void excl_test_v4(struct kunit *test)
{
	static const u8 net[4] = { 198, 51, 100, 0 };
	static const u8 in[4] = { 198, 51, 100, 200 };
	static const u8 out[4] = { 198, 51, 101, 1 };
	static const u8 any[4] = { 8, 8, 8, 8 };
	struct netanom_cidr c = cidr(AF_INET, net, 24);
	struct netanom_dest d;

	d = dest(AF_INET, in);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d = dest(AF_INET, out);
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));

	/* /0 takes everything of its family, and nothing of the other. */
	c = cidr(AF_INET, net, 0);
	d = dest(AF_INET, any);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d.family = AF_INET6;
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));

	/* /32 is one address. */
	c = cidr(AF_INET, in, 32);
	d = dest(AF_INET, in);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d.addr[3] ^= 1;
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));

	/* A prefix that ends inside a byte: 198.51.100.128/25. */
	c = cidr(AF_INET, in, 25);
	d = dest(AF_INET, in);
	d.addr[3] = 128;
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d.addr[3] = 127;
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));

	/* An impossible prefix never matches. */
	c = cidr(AF_INET, in, 33);
	d = dest(AF_INET, in);
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));
}

static void excl_test_v6(struct kunit *test)
{
	static const u8 net[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	static const u8 in[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 7 };
	static const u8 out[16] = { 0x20, 0x01, 0x0d, 0xb9, [15] = 7 };
	static const u8 one[16] = { [15] = 1 };
	struct netanom_cidr c = cidr(AF_INET6, net, 32);
	struct netanom_dest d;

	d = dest(AF_INET6, in);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d = dest(AF_INET6, out);
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));

	c = cidr(AF_INET6, one, 128);
	d = dest(AF_INET6, one);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d.addr[15] = 0;
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));
	d.addr[15] = 1;
	d.addr[0] = 0x80;
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));

	/* ::/0 is every IPv6 address; ::/1 only the lower half. */
	c = cidr(AF_INET6, one, 0);
	d = dest(AF_INET6, out);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	c = cidr(AF_INET6, one, 1);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d.addr[0] = 0x80;
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));

	/* /127 ends inside the last byte. */
	c = cidr(AF_INET6, one, 127);
	d = dest(AF_INET6, one);
	d.addr[15] = 0;
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c, &d));
	d.addr[15] = 2;
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c, &d));
}

/* An IPv4-mapped destination is classified as IPv4 and matched as such. */
static void excl_test_v4_mapped(struct kunit *test)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(80),
	};
	static const u8 mapped[16] = {
		[10] = 0xff, [11] = 0xff, 198, 51, 100, 9,
	};
	static const u8 net4[4] = { 198, 51, 100, 0 };
	static const u8 net6[16] = { [10] = 0xff, [11] = 0xff };
	struct netanom_cidr c4 = cidr(AF_INET, net4, 24);
	struct netanom_cidr c6 = cidr(AF_INET6, net6, 96);
	struct netanom_sample s;

	memcpy(&sin6.sin6_addr, mapped, 16);
	KUNIT_ASSERT_EQ(test, netanom_classify((struct sockaddr *)&sin6,
					       sizeof(sin6), IPPROTO_TCP,
					       false, &s),
			NETANOM_COUNT);
	KUNIT_EXPECT_TRUE(test, netanom_cidr_match(&c4, &s.dest));
	KUNIT_EXPECT_FALSE(test, netanom_cidr_match(&c6, &s.dest));
}

static void excl_test_mask(struct kunit *test)
{
	static const u8 host[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, [15] = 0xff,
	};
	static const u8 v4[4] = { 198, 51, 100, 77 };
	struct netanom_cidr c = cidr(AF_INET, v4, 20);

	netanom_cidr_mask(&c);
	KUNIT_EXPECT_EQ(test, c.addr[0], 198);
	KUNIT_EXPECT_EQ(test, c.addr[1], 51);
	KUNIT_EXPECT_EQ(test, c.addr[2], 96);
	KUNIT_EXPECT_EQ(test, c.addr[3], 0);

	c = cidr(AF_INET, v4, 32);
	netanom_cidr_mask(&c);
	KUNIT_EXPECT_EQ(test, memcmp(c.addr, v4, 4), 0);

	c = cidr(AF_INET, v4, 0);
	netanom_cidr_mask(&c);
	KUNIT_EXPECT_EQ(test, c.addr[0] | c.addr[1] | c.addr[2] | c.addr[3],
			0);

	c = cidr(AF_INET6, host, 36);
	netanom_cidr_mask(&c);
	KUNIT_EXPECT_EQ(test, c.addr[4], 0xf0);
	KUNIT_EXPECT_EQ(test, c.addr[5], 0);
	KUNIT_EXPECT_EQ(test, c.addr[15], 0);

	c = cidr(AF_INET6, host, 128);
	netanom_cidr_mask(&c);
	KUNIT_EXPECT_EQ(test, memcmp(c.addr, host, 16), 0);
}

static void excl_test_lists(struct kunit *test)
{
	static const u8 net[4] = { 198, 51, 100, 0 };
	static const u8 in[4] = { 198, 51, 100, 1 };
	static const u8 out[4] = { 192, 0, 2, 1 };
	struct netanom_excl *x;
	struct netanom_sample s = { .uid = 1000 };

	x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_EXPECT_FALSE(test, netanom_excl_match(NULL, &s));
	s.dest = dest(AF_INET, in);
	KUNIT_EXPECT_FALSE(test, netanom_excl_match(x, &s));

	x->dests[x->nr_dests++] = cidr(AF_INET, net, 24);
	KUNIT_EXPECT_TRUE(test, netanom_excl_match(x, &s));
	s.dest = dest(AF_INET, out);
	KUNIT_EXPECT_FALSE(test, netanom_excl_match(x, &s));

	/* Listen and accept: no destination, so only the uids count. */
	memset(&s.dest, 0, sizeof(s.dest));
	x->dests[0] = cidr(AF_INET, net, 0);
	KUNIT_EXPECT_FALSE(test, netanom_excl_match(x, &s));
	x->uids[x->nr_uids++] = 0;
	x->uids[x->nr_uids++] = 1000;
	KUNIT_EXPECT_TRUE(test, netanom_excl_match(x, &s));
	s.uid = 1001;
	KUNIT_EXPECT_FALSE(test, netanom_excl_match(x, &s));
}

static struct kunit_case netanom_excl_test_cases[] = {
	KUNIT_CASE(excl_test_v4),
	KUNIT_CASE(excl_test_v6),
	KUNIT_CASE(excl_test_v4_mapped),
	KUNIT_CASE(excl_test_mask),
	KUNIT_CASE(excl_test_lists),
	{}
};

static struct kunit_suite netanom_excl_test_suite = {
	.name = "netanom_excl",
	.test_cases = netanom_excl_test_cases,
};

kunit_test_suites(&netanom_excl_test_suite);
