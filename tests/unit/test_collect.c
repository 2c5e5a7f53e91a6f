// SPDX-License-Identifier: GPL-2.0-or-later
/* The collector: per-executable deltas of activity ((connects - loopback)
 * + sendto + fastopen) between snapshots, and counters that go
 * backwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "collect.h"

#define T0 1700000000000000000ULL

static struct netanom_exe exes[4];

/* An entry with @tcp4 connects of which @loop went to loopback. */
static void entry(struct netanom_exe *e, const char *path, uint64_t ino,
		  uint64_t tcp4, uint64_t loop, uint64_t first_seen)
{
	static const uint8_t addr[4] = { 198, 51, 100, 2 };

	memset(e, 0, sizeof(*e));
	e->dev = 0x803;
	e->ino = ino;
	e->path = (char *)path;
	strcpy(e->comm, "prog");
	e->tcp4 = tcp4;
	e->loopback = loop;
	e->first_seen_ns = first_seen;
	e->last_pid = 42;
	e->last_uid = 1000;
	e->last_family = AF_INET;
	e->last_addr_len = 4;
	memcpy(e->last_addr, addr, 4);
	e->has_last_port = true;
	e->last_port = 443;
}

static struct netanom_exe_list snap(size_t n)
{
	struct netanom_exe_list l = { .v = exes, .n = n, .cap = n };

	return l;
}

/* Collect @n entries of exes[]; the bucket's entries are returned. */
static void pull(struct nd_collector *c, size_t n, struct nd_bucket *b)
{
	struct netanom_exe_list l = snap(n);

	nd_bucket_init(b, 0);
	assert_int_equal(nd_collect(c, &l, b), 0);
}

static const struct nd_activity *find(const struct nd_bucket *b,
				      const char *path)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->v[i].exe, path))
			return &b->v[i];
	return NULL;
}

static void test_counter_delta_rule(void **state)
{
	(void)state;
	assert_int_equal(nd_counter_delta(3, 10, true), 7);
	assert_int_equal(nd_counter_delta(10, 10, true), 0);
	/* Same incarnation gone backwards: no credible delta. */
	assert_int_equal(nd_counter_delta(10, 4, true), 0);
	/* New incarnation: everything it counted is new. */
	assert_int_equal(nd_counter_delta(10, 4, false), 4);
	assert_int_equal(nd_counter_delta(0, 0, false), 0);
}

static void test_first_snapshot_only_primes(void **state)
{
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/curl", 10, 5, 0, T0);
	pull(&c, 1, &b);
	assert_int_equal(b.n, 0);
	assert_true(c.primed);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

static void test_delta_excludes_loopback(void **state)
{
	const struct nd_activity *a;
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/curl", 10, 5, 1, T0);
	entry(&exes[1], "/usr/bin/resolver", 11, 2, 2, T0);
	pull(&c, 2, &b);
	nd_bucket_free(&b);
	/* curl: +4 connects, 1 of them loopback; resolver: +3, all
	 * loopback. */
	exes[0].tcp4 = 9;
	exes[0].loopback = 2;
	exes[1].tcp4 = 5;
	exes[1].loopback = 5;
	pull(&c, 2, &b);
	assert_int_equal(b.n, 1);
	a = find(&b, "/usr/bin/curl");
	assert_non_null(a);
	assert_int_equal(a->connects, 3);
	assert_int_equal(a->dev, 0x803);
	assert_int_equal(a->ino, 10);
	assert_int_equal(a->pid, 42);
	assert_int_equal(a->uid, 1000);
	assert_string_equal(a->dest_ip, "198.51.100.2");
	assert_int_equal(a->dest_port, 443);
	assert_int_equal(a->ip_version, 4);
	assert_string_equal(a->transport, "tcp");
	assert_string_equal(a->comm, "prog");
	nd_bucket_free(&b);
	/* Nothing new: nothing reported. */
	pull(&c, 2, &b);
	assert_int_equal(b.n, 0);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

/* Sends with an address and Fast Open sends are activity; listens,
 * accepts and what the module excluded are not. */
static void test_sends_count_inbound_and_excluded_do_not(void **state)
{
	const struct nd_activity *a;
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/dig", 10, 0, 0, T0);
	entry(&exes[1], "/usr/sbin/httpd", 11, 0, 0, T0);
	exes[0].sendto = 2;
	exes[1].listens = 1;
	pull(&c, 2, &b);
	nd_bucket_free(&b);

	exes[0].sendto = 5;		/* +3 */
	exes[0].fastopen = 1;		/* +1 */
	exes[0].tcp4 = 2;		/* +2, one to loopback */
	exes[0].loopback = 1;
	exes[0].excluded = 40;		/* never activity */
	exes[1].listens = 3;
	exes[1].accepts = 50;
	exes[1].excluded = 7;
	pull(&c, 2, &b);
	assert_int_equal(b.n, 1);
	a = find(&b, "/usr/bin/dig");
	assert_non_null(a);
	assert_int_equal(a->connects, 3 + 1 + 1);
	nd_bucket_free(&b);

	/* The sum going backwards with the same first_seen: no delta, and
	 * the lower value is the new base. */
	exes[0].sendto = 0;
	pull(&c, 2, &b);
	assert_int_equal(b.n, 0);
	nd_bucket_free(&b);
	exes[0].sendto = 2;
	pull(&c, 2, &b);
	a = find(&b, "/usr/bin/dig");
	assert_non_null(a);
	assert_int_equal(a->connects, 2);
	nd_bucket_free(&b);

	/* Created again (new first_seen): all its activity is the delta. */
	entry(&exes[0], "/usr/bin/dig", 10, 0, 0, T0 + 5);
	exes[0].sendto = 4;
	exes[0].fastopen = 1;
	pull(&c, 2, &b);
	a = find(&b, "/usr/bin/dig");
	assert_non_null(a);
	assert_int_equal(a->connects, 5);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

static void test_new_entry_counts_whole(void **state)
{
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/curl", 10, 5, 0, T0);
	pull(&c, 1, &b);
	nd_bucket_free(&b);
	entry(&exes[1], "/tmp/new", 12, 2, 0, T0 + 5);
	pull(&c, 2, &b);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.v[0].exe, "/tmp/new");
	assert_int_equal(b.v[0].connects, 2);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

static void test_reloaded_module_new_first_seen(void **state)
{
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/curl", 10, 50, 0, T0);
	pull(&c, 1, &b);
	nd_bucket_free(&b);
	/* Module reloaded: the entry came back with fewer connects and a
	 * later first_seen; all 3 are new. */
	entry(&exes[0], "/usr/bin/curl", 10, 3, 0, T0 + 1000);
	pull(&c, 1, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.v[0].connects, 3);
	nd_bucket_free(&b);
	/* And it is the base from then on. */
	exes[0].tcp4 = 4;
	pull(&c, 1, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.v[0].connects, 1);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

static void test_backwards_same_first_seen_is_zero(void **state)
{
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/curl", 10, 50, 0, T0);
	pull(&c, 1, &b);
	nd_bucket_free(&b);
	exes[0].tcp4 = 20;	/* backwards, same incarnation */
	pull(&c, 1, &b);
	assert_int_equal(b.n, 0);
	nd_bucket_free(&b);
	/* The new value is the base: +2 from 20. */
	exes[0].tcp4 = 22;
	pull(&c, 1, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.v[0].connects, 2);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

static void test_evicted_and_back(void **state)
{
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/curl", 10, 5, 0, T0);
	entry(&exes[1], "/usr/bin/wget", 11, 7, 0, T0);
	pull(&c, 2, &b);
	nd_bucket_free(&b);
	/* wget evicted (absent from the snapshot) ... */
	pull(&c, 1, &b);
	assert_int_equal(b.n, 0);
	nd_bucket_free(&b);
	/* ... and back with a new incarnation: its 2 connects count. */
	entry(&exes[1], "/usr/bin/wget", 11, 2, 0, T0 + 9);
	pull(&c, 2, &b);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.v[0].exe, "/usr/bin/wget");
	assert_int_equal(b.v[0].connects, 2);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

static void test_same_path_other_inode(void **state)
{
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/usr/bin/curl", 10, 5, 0, T0);
	pull(&c, 1, &b);
	nd_bucket_free(&b);
	/* Keyed by (dev, ino): another inode is another entry. */
	entry(&exes[1], "/usr/bin/curl", 99, 1, 0, T0 + 1);
	pull(&c, 2, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.v[0].ino, 99);
	assert_int_equal(b.v[0].connects, 1);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

static void test_transport_and_dest(void **state)
{
	static const uint8_t mapped[16] = {
		[10] = 0xff, [11] = 0xff, 203, 0, 113, 9 };
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	entry(&exes[0], "/a", 1, 0, 0, T0);
	entry(&exes[1], "/b", 2, 0, 0, T0);
	entry(&exes[2], "/c", 3, 0, 0, T0);
	pull(&c, 3, &b);
	nd_bucket_free(&b);
	/* /a: UDP only, to an IPv4-mapped address: IPv4, udp. */
	exes[0].udp4 = 1;
	exes[0].last_family = AF_INET6;
	exes[0].last_addr_len = 16;
	memcpy(exes[0].last_addr, mapped, 16);
	/* /b: TCP and UDP over IPv6 in one bucket: transport unknown. */
	exes[1].tcp6 = 1;
	exes[1].udp6 = 1;
	exes[1].last_family = AF_INET6;
	exes[1].last_addr_len = 16;
	memcpy(exes[1].last_addr, v6, 16);
	exes[1].has_last_port = false;
	/* /c: no destination recorded. */
	exes[2].other = 1;
	exes[2].last_family = 0;
	exes[2].last_addr_len = 0;
	pull(&c, 3, &b);
	assert_int_equal(b.n, 3);
	assert_string_equal(find(&b, "/a")->dest_ip, "203.0.113.9");
	assert_int_equal(find(&b, "/a")->ip_version, 4);
	assert_string_equal(find(&b, "/a")->transport, "udp");
	assert_string_equal(find(&b, "/b")->dest_ip, "2001:db8::1");
	assert_int_equal(find(&b, "/b")->ip_version, 6);
	assert_int_equal(find(&b, "/b")->dest_port, 0);
	assert_null(find(&b, "/b")->transport);
	assert_string_equal(find(&b, "/c")->dest_ip, "");
	assert_int_equal(find(&b, "/c")->ip_version, 0);
	assert_null(find(&b, "/c")->transport);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

/* An event of @kind to @addr (4 or 16 bytes). */
static void event(struct netanom_event *ev, uint8_t kind, uint16_t family,
		  const uint8_t *addr)
{
	memset(ev, 0, sizeof(*ev));
	ev->exe.path = "/tmp/new";
	ev->exe.dev = 8;
	ev->exe.ino = 9;
	strcpy(ev->exe.comm, "new");
	ev->tgid = 500;
	ev->pid = 501;
	ev->uid = 1000;
	ev->kind = kind;
	ev->exe.last_family = family;
	ev->exe.last_addr_len = family == AF_INET ? 4 : family ? 16 : 0;
	if (addr)
		memcpy(ev->exe.last_addr, addr, ev->exe.last_addr_len);
	ev->exe.has_last_port = family != 0;
	ev->exe.last_port = 53;
}

static void test_event_activity(void **state)
{
	static const uint8_t peer[4] = { 198, 51, 100, 2 };
	static const uint8_t lo[4] = { 127, 0, 0, 53 };
	static const uint8_t any[4] = { 0 };
	static const uint8_t lo6[16] = { [15] = 1 };
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	struct netanom_event ev;
	struct nd_activity a;

	(void)state;
	event(&ev, NETANOM_KIND_UDP4, AF_INET, peer);
	assert_int_equal(nd_event_activity(&ev, &a), 0);
	assert_string_equal(a.exe, "/tmp/new");
	assert_int_equal(a.dev, 8);
	assert_int_equal(a.ino, 9);
	assert_string_equal(a.comm, "new");
	assert_int_equal(a.connects, 1);
	assert_int_equal(a.pid, 500);
	assert_int_equal(a.uid, 1000);
	assert_string_equal(a.dest_ip, "198.51.100.2");
	assert_int_equal(a.dest_port, 53);
	assert_int_equal(a.ip_version, 4);
	assert_string_equal(a.transport, "udp");
	free(a.exe);

	event(&ev, NETANOM_KIND_FASTOPEN, AF_INET6, v6);
	assert_int_equal(nd_event_activity(&ev, &a), 0);
	assert_string_equal(a.dest_ip, "2001:db8::2");
	assert_string_equal(a.transport, "tcp");
	free(a.exe);
	/* A send says nothing of its protocol (UDP, UDP-Lite, ping). */
	event(&ev, NETANOM_KIND_SENDTO, AF_INET, peer);
	assert_int_equal(nd_event_activity(&ev, &a), 0);
	assert_null(a.transport);
	free(a.exe);

	/* What the pull does not count is no activity either. */
	event(&ev, NETANOM_KIND_TCP4, AF_INET, lo);
	assert_int_equal(nd_event_activity(&ev, &a), 1);
	event(&ev, NETANOM_KIND_UDP4, AF_INET, any);
	assert_int_equal(nd_event_activity(&ev, &a), 1);
	event(&ev, NETANOM_KIND_TCP6, AF_INET6, lo6);
	assert_int_equal(nd_event_activity(&ev, &a), 1);
	event(&ev, NETANOM_KIND_LISTEN, 0, NULL);
	assert_int_equal(nd_event_activity(&ev, &a), 1);
	event(&ev, NETANOM_KIND_ACCEPT, 0, NULL);
	assert_int_equal(nd_event_activity(&ev, &a), 1);
	event(&ev, NETANOM_KIND_TCP4, AF_INET, peer);
	ev.exe.path = "";	/* the entry was reset before the event went */
	assert_int_equal(nd_event_activity(&ev, &a), 1);
}

static void test_empty_snapshot(void **state)
{
	struct nd_collector c;
	struct nd_bucket b;

	(void)state;
	nd_collector_init(&c);
	pull(&c, 0, &b);
	assert_true(c.primed);
	assert_int_equal(c.n, 0);
	nd_bucket_free(&b);
	/* Primed empty (module absent at start): everything counts. */
	entry(&exes[0], "/usr/bin/curl", 10, 5, 1, T0);
	pull(&c, 1, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.v[0].connects, 4);
	nd_bucket_free(&b);
	nd_collector_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counter_delta_rule),
		cmocka_unit_test(test_first_snapshot_only_primes),
		cmocka_unit_test(test_delta_excludes_loopback),
		cmocka_unit_test(test_sends_count_inbound_and_excluded_do_not),
		cmocka_unit_test(test_new_entry_counts_whole),
		cmocka_unit_test(test_reloaded_module_new_first_seen),
		cmocka_unit_test(test_backwards_same_first_seen_is_zero),
		cmocka_unit_test(test_evicted_and_back),
		cmocka_unit_test(test_same_path_other_inode),
		cmocka_unit_test(test_transport_and_dest),
		cmocka_unit_test(test_empty_snapshot),
		cmocka_unit_test(test_event_activity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
