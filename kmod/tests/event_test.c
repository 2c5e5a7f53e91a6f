// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the event machinery that is pure logic: the token bucket
 * (exact counts over time, no refill at rate 0, no overflow after a long
 * pause), the ring (capacity, order, wrap-around) and the kind of a use.
 */
#include <kunit/test.h>
#include <linux/time64.h>
#include "../event.h"

/* How many events the bucket lets through at @now_ns, trying @n. */
static unsigned int take_n(struct netanom_tbucket *b, u64 now_ns,
			   unsigned int n)
{
	unsigned int got = 0;

	while (n--)
		got += netanom_tbucket_take(b, now_ns);
	return got;
}

static void event_test_burst_then_rate(struct kunit *test)
{
	struct netanom_tbucket b;

	netanom_tbucket_init(&b, 2, 3, 1000);
	/* A full bucket: the burst, and not one more at the same instant. */
	KUNIT_EXPECT_EQ(test, take_n(&b, 1000, 10), 3U);
	/* Half a second at 2/s refills exactly one. */
	KUNIT_EXPECT_EQ(test, take_n(&b, 1000 + NSEC_PER_SEC / 2, 10), 1U);
	/* A hair short of the next one: none. */
	KUNIT_EXPECT_EQ(test, take_n(&b, 1000 + NSEC_PER_SEC - 1, 10), 0U);
	KUNIT_EXPECT_EQ(test, take_n(&b, 1000 + NSEC_PER_SEC, 10), 1U);
	/* A long pause fills the bucket to the burst, no further. */
	KUNIT_EXPECT_EQ(test, take_n(&b, 100 * NSEC_PER_SEC, 10), 3U);
}

static void event_test_rate_bound(struct kunit *test)
{
	struct netanom_tbucket b;
	unsigned int got = 0;
	u64 t;

	/* 10 s of attempts every ms at 5/s, burst 4: 4 + 5 * 10 exactly. */
	netanom_tbucket_init(&b, 5, 4, 0);
	for (t = 0; t <= 10 * NSEC_PER_SEC; t += NSEC_PER_MSEC)
		got += netanom_tbucket_take(&b, t);
	KUNIT_EXPECT_EQ(test, got, 54U);
}

static void event_test_rate_zero(struct kunit *test)
{
	struct netanom_tbucket b;

	netanom_tbucket_init(&b, 0, 2, 0);
	KUNIT_EXPECT_EQ(test, take_n(&b, 0, 5), 2U);
	KUNIT_EXPECT_EQ(test, take_n(&b, 1000 * NSEC_PER_SEC, 5), 0U);

	netanom_tbucket_init(&b, 100, 0, 0);
	KUNIT_EXPECT_EQ(test, take_n(&b, 1000 * NSEC_PER_SEC, 5), 0U);
}

static void event_test_no_overflow(struct kunit *test)
{
	struct netanom_tbucket b;

	netanom_tbucket_init(&b, NETANOM_EVENT_PARAM_MAX,
			     NETANOM_EVENT_PARAM_MAX, 0);
	b.tokens = 0;
	/* Decades later the product rate * elapsed would wrap around. */
	KUNIT_EXPECT_TRUE(test, netanom_tbucket_take(&b, U64_MAX / 2));
	KUNIT_EXPECT_EQ(test, b.tokens,
			(u64)NETANOM_EVENT_PARAM_MAX * NSEC_PER_SEC -
			NSEC_PER_SEC);
	/* A clock that seems to go back refills nothing. */
	b.tokens = 0;
	KUNIT_EXPECT_FALSE(test, netanom_tbucket_take(&b, 5));
}

static void event_test_ring(struct kunit *test)
{
	struct netanom_ring *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct netanom_event ev = {}, out;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_FALSE(test, netanom_ring_pop(r, &out));
	for (i = 0; i < NETANOM_EVENT_QUEUE_LEN; i++) {
		ev.pid = i;
		KUNIT_EXPECT_TRUE(test, netanom_ring_push(r, &ev));
	}
	ev.pid = 999;
	KUNIT_EXPECT_FALSE(test, netanom_ring_push(r, &ev));
	/* Oldest first; then room again, and the tail wraps around. */
	for (i = 0; i < 10; i++) {
		KUNIT_ASSERT_TRUE(test, netanom_ring_pop(r, &out));
		KUNIT_EXPECT_EQ(test, out.pid, i);
	}
	for (i = 0; i < 10; i++) {
		ev.pid = 1000 + i;
		KUNIT_EXPECT_TRUE(test, netanom_ring_push(r, &ev));
	}
	KUNIT_EXPECT_FALSE(test, netanom_ring_push(r, &ev));
	for (i = 10; i < NETANOM_EVENT_QUEUE_LEN; i++) {
		KUNIT_ASSERT_TRUE(test, netanom_ring_pop(r, &out));
		KUNIT_EXPECT_EQ(test, out.pid, i);
	}
	for (i = 0; i < 10; i++) {
		KUNIT_ASSERT_TRUE(test, netanom_ring_pop(r, &out));
		KUNIT_EXPECT_EQ(test, out.pid, 1000 + i);
	}
	KUNIT_EXPECT_FALSE(test, netanom_ring_pop(r, &out));
}

static void event_test_kind(struct kunit *test)
{
	struct netanom_sample s = { .use = NETANOM_USE_CONNECT };

	s.cls = NETANOM_CLASS_TCP4;
	KUNIT_EXPECT_EQ(test, netanom_event_kind(&s), NETANOM_KIND_TCP4);
	s.cls = NETANOM_CLASS_UDP6;
	KUNIT_EXPECT_EQ(test, netanom_event_kind(&s), NETANOM_KIND_UDP6);
	s.cls = NETANOM_CLASS_OTHER;
	KUNIT_EXPECT_EQ(test, netanom_event_kind(&s), NETANOM_KIND_OTHER);
	s.use = NETANOM_USE_SENDTO;
	KUNIT_EXPECT_EQ(test, netanom_event_kind(&s), NETANOM_KIND_SENDTO);
	s.use = NETANOM_USE_FASTOPEN;
	KUNIT_EXPECT_EQ(test, netanom_event_kind(&s), NETANOM_KIND_FASTOPEN);
	s.use = NETANOM_USE_LISTEN;
	KUNIT_EXPECT_EQ(test, netanom_event_kind(&s), NETANOM_KIND_LISTEN);
	s.use = NETANOM_USE_ACCEPT;
	KUNIT_EXPECT_EQ(test, netanom_event_kind(&s), NETANOM_KIND_ACCEPT);
}

static struct kunit_case netanom_event_test_cases[] = {
	KUNIT_CASE(event_test_burst_then_rate),
	KUNIT_CASE(event_test_rate_bound),
	KUNIT_CASE(event_test_rate_zero),
	KUNIT_CASE(event_test_no_overflow),
	KUNIT_CASE(event_test_ring),
	KUNIT_CASE(event_test_kind),
	{}
};

static struct kunit_suite netanom_event_test_suite = {
	.name = "netanom_event",
	.test_cases = netanom_event_test_cases,
};

kunit_test_suites(&netanom_event_test_suite);
