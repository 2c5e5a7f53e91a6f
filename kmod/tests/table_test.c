// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the executable table: insertion and lookup, counting,
 * capacity, reset and walks that resume from a cursor, as a dump does.
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include "../table.h"

static void table_destroy_action(void *t)
{
	netanom_table_destroy(t);
}

/* A table that lives as long as the test and is destroyed after it. */
static struct netanom_table *new_table(struct kunit *test,
				       unsigned int max_entries)
{
	struct netanom_table *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, netanom_table_init(t, max_entries), 0);
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, table_destroy_action,
						  t), 0);
	return t;
}

/* Insert as the probe does: under RCU, without sleeping. */
static struct netanom_entry *add(struct netanom_table *t, u64 dev, u64 ino,
				 const char *path, const char *comm)
{
	struct netanom_key key = { .dev = dev, .ino = ino };
	struct netanom_entry *e;

	rcu_read_lock();
	e = netanom_table_insert(t, &key, path, comm, GFP_ATOMIC);
	rcu_read_unlock();
	return e;
}

static struct netanom_entry *find(struct netanom_table *t, u64 dev, u64 ino)
{
	struct netanom_key key = { .dev = dev, .ino = ino };
	struct netanom_entry *e;

	rcu_read_lock();
	e = netanom_table_lookup(t, &key);
	rcu_read_unlock();
	return e;
}

static void table_test_init_rejects_zero(struct kunit *test)
{
	struct netanom_table t = {};

	KUNIT_EXPECT_EQ(test, netanom_table_init(&t, 0), -EINVAL);
}

static void table_test_insert_lookup(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 16);
	struct netanom_entry *e, *again;

	KUNIT_EXPECT_NULL(test, find(t, 8, 100));

	e = add(t, 8, 100, "/usr/bin/curl", "curl");
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->key.dev, 8ULL);
	KUNIT_EXPECT_EQ(test, e->key.ino, 100ULL);
	KUNIT_EXPECT_STREQ(test, e->path, "/usr/bin/curl");
	KUNIT_EXPECT_EQ(test, e->path_len, strlen("/usr/bin/curl"));
	KUNIT_EXPECT_STREQ(test, e->comm, "curl");
	KUNIT_EXPECT_EQ(test, atomic_read(&t->nr_entries), 1);

	/* The same key gives the same entry; path and comm stay the first. */
	again = add(t, 8, 100, "/other/path", "other");
	KUNIT_EXPECT_PTR_EQ(test, again, e);
	KUNIT_EXPECT_STREQ(test, e->path, "/usr/bin/curl");
	KUNIT_EXPECT_STREQ(test, e->comm, "curl");
	KUNIT_EXPECT_EQ(test, atomic_read(&t->nr_entries), 1);

	KUNIT_EXPECT_PTR_EQ(test, find(t, 8, 100), e);
	/* Both halves of the key count. */
	KUNIT_EXPECT_NULL(test, find(t, 9, 100));
	KUNIT_EXPECT_NULL(test, find(t, 8, 101));
	KUNIT_EXPECT_NULL(test, find(t, 8, 100 | (1ULL << 32)));

	again = add(t, 9, 100, "/mnt/curl", "curl");
	KUNIT_ASSERT_NOT_NULL(test, again);
	KUNIT_EXPECT_PTR_NE(test, again, e);
	KUNIT_EXPECT_PTR_EQ(test, find(t, 9, 100), again);
	KUNIT_EXPECT_PTR_EQ(test, find(t, 8, 100), e);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->nr_entries), 2);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->dropped), 0LL);
}

static void table_test_insert_bumps_generation(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 16);
	int gen = atomic_read(&t->generation);

	KUNIT_ASSERT_NOT_NULL(test, add(t, 1, 1, "/a", "a"));
	KUNIT_EXPECT_NE(test, atomic_read(&t->generation), gen);
}

static void table_test_long_path_and_comm(struct kunit *test)
{
	const size_t len = PATH_MAX + 64;
	struct netanom_entry *e;
	char *path;

	path = kunit_kmalloc(test, len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, path);
	memset(path, 'p', len);
	path[0] = '/';
	path[len] = '\0';

	e = add(new_table(test, 4), 1, 2, path,
		"a-comm-longer-than-sixteen-bytes");
	KUNIT_ASSERT_NOT_NULL(test, e);
	/* A path attribute holds at most PATH_MAX bytes with its NUL. */
	KUNIT_EXPECT_LE(test, (size_t)e->path_len, (size_t)PATH_MAX - 1);
	KUNIT_EXPECT_EQ(test, strlen(e->path), (size_t)e->path_len);
	KUNIT_EXPECT_EQ(test, memcmp(e->path, path, e->path_len), 0);
	KUNIT_EXPECT_EQ(test, strlen(e->comm), (size_t)TASK_COMM_LEN - 1);
	KUNIT_EXPECT_EQ(test, memcmp(e->comm, "a-comm-longer-than",
				     TASK_COMM_LEN - 1), 0);
}

static void sample_v4(struct netanom_sample *s, enum netanom_class cls,
		      bool loopback, u64 now, u32 pid, u32 uid)
{
	static const u8 addr[4] = { 192, 0, 2, 10 };

	memset(s, 0, sizeof(*s));
	s->cls = cls;
	s->loopback = loopback;
	s->dest.family = AF_INET;
	s->dest.port = 443;
	memcpy(s->dest.addr, addr, sizeof(addr));
	s->pid = pid;
	s->uid = uid;
	s->now_ns = now;
}

static void table_test_record(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 16);
	u64 want[NETANOM_NR_CLASSES] = {};
	struct netanom_exe_info info;
	struct netanom_sample s;
	struct netanom_entry *e;
	u64 first;
	int cls, i;

	e = add(t, 3, 33, "/usr/bin/ssh", "ssh");
	KUNIT_ASSERT_NOT_NULL(test, e);

	sample_v4(&s, NETANOM_CLASS_TCP4, false, 1000, 42, 1000);
	netanom_entry_record(e, &s);
	want[NETANOM_CLASS_TCP4]++;
	netanom_entry_read(e, &info);
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		KUNIT_EXPECT_EQ_MSG(test, info.count[i], want[i], "class %d", i);
	KUNIT_EXPECT_EQ(test, info.loopback, 0ULL);
	KUNIT_EXPECT_EQ(test, info.last.seen_ns, 1000ULL);
	KUNIT_EXPECT_EQ(test, info.last.pid, 42U);
	KUNIT_EXPECT_EQ(test, info.last.uid, 1000U);
	KUNIT_EXPECT_EQ(test, info.last.dest.family, AF_INET);
	KUNIT_EXPECT_EQ(test, info.last.dest.port, 443);
	KUNIT_EXPECT_EQ(test, memcmp(info.last.dest.addr, s.dest.addr, 4), 0);
	KUNIT_EXPECT_NE(test, info.first_seen_ns, 0ULL);
	first = info.first_seen_ns;

	/* A loopback udp6 connect later on. */
	memset(&s, 0, sizeof(s));
	s.cls = NETANOM_CLASS_UDP6;
	s.loopback = true;
	s.dest.family = AF_INET6;
	s.dest.port = 53;
	s.dest.addr[15] = 1;
	s.pid = 43;
	s.uid = 0;
	s.now_ns = 2000;
	netanom_entry_record(e, &s);
	want[NETANOM_CLASS_UDP6]++;
	netanom_entry_read(e, &info);
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		KUNIT_EXPECT_EQ_MSG(test, info.count[i], want[i], "class %d", i);
	KUNIT_EXPECT_EQ(test, info.loopback, 1ULL);
	KUNIT_EXPECT_EQ(test, info.first_seen_ns, first);
	KUNIT_EXPECT_EQ(test, info.last.seen_ns, 2000ULL);
	KUNIT_EXPECT_EQ(test, info.last.pid, 43U);
	KUNIT_EXPECT_EQ(test, info.last.uid, 0U);
	KUNIT_EXPECT_EQ(test, info.last.dest.family, AF_INET6);
	KUNIT_EXPECT_EQ(test, info.last.dest.port, 53);
	KUNIT_EXPECT_EQ(test, memcmp(info.last.dest.addr, s.dest.addr, 16), 0);

	/* Every class goes to its own counter, and only there. */
	for (cls = 0; cls < NETANOM_NR_CLASSES; cls++) {
		for (i = 0; i <= cls; i++) {
			sample_v4(&s, cls, cls == NETANOM_CLASS_OTHER,
				  3000 + cls, 50 + cls, 7);
			netanom_entry_record(e, &s);
			want[cls]++;
		}
	}
	netanom_entry_read(e, &info);
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		KUNIT_EXPECT_EQ_MSG(test, info.count[i], want[i], "class %d", i);
	KUNIT_EXPECT_EQ(test, info.loopback, 1ULL + NETANOM_CLASS_OTHER + 1);
	KUNIT_EXPECT_EQ(test, info.first_seen_ns, first);
	KUNIT_EXPECT_EQ(test, info.last.seen_ns,
			3000ULL + NETANOM_CLASS_OTHER);
	KUNIT_EXPECT_EQ(test, info.last.pid, 50U + NETANOM_CLASS_OTHER);
	KUNIT_EXPECT_EQ(test, info.last.uid, 7U);
	KUNIT_EXPECT_EQ(test, info.key.dev, 3ULL);
	KUNIT_EXPECT_EQ(test, info.key.ino, 33ULL);
	KUNIT_EXPECT_STREQ(test, info.comm, "ssh");
	KUNIT_EXPECT_STREQ(test, info.path, "/usr/bin/ssh");
}

/*
 * A use recorded while another CPU writes the entry's last-use fields (its
 * sequence count odd) is counted at once and does not wait: it leaves
 * those fields to the writer.  The next use records them again.  A
 * waiting record would hang here (the "writer" is this very test).
 */
static void table_test_record_busy(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 16);
	struct netanom_exe_info info;
	struct netanom_sample s;
	struct netanom_entry *e;

	e = add(t, 3, 34, "/usr/bin/curl", "curl");
	KUNIT_ASSERT_NOT_NULL(test, e);
	sample_v4(&s, NETANOM_CLASS_TCP4, false, 1000, 42, 1000);
	netanom_entry_record(e, &s);

	atomic_inc(&e->seq);
	sample_v4(&s, NETANOM_CLASS_UDP4, true, 2000, 43, 0);
	netanom_entry_record(e, &s);
	atomic_inc(&e->seq);
	netanom_entry_read(e, &info);
	KUNIT_EXPECT_EQ(test, info.count[NETANOM_CLASS_TCP4], 1ULL);
	KUNIT_EXPECT_EQ(test, info.count[NETANOM_CLASS_UDP4], 1ULL);
	KUNIT_EXPECT_EQ(test, info.loopback, 1ULL);
	KUNIT_EXPECT_EQ(test, info.first_seen_ns, 1000ULL);
	KUNIT_EXPECT_EQ(test, info.last.seen_ns, 1000ULL);
	KUNIT_EXPECT_EQ(test, info.last.pid, 42U);

	sample_v4(&s, NETANOM_CLASS_UDP4, false, 3000, 44, 7);
	netanom_entry_record(e, &s);
	netanom_entry_read(e, &info);
	KUNIT_EXPECT_EQ(test, info.count[NETANOM_CLASS_UDP4], 2ULL);
	KUNIT_EXPECT_EQ(test, info.first_seen_ns, 1000ULL);
	KUNIT_EXPECT_EQ(test, info.last.seen_ns, 3000ULL);
	KUNIT_EXPECT_EQ(test, info.last.pid, 44U);
	KUNIT_EXPECT_EQ(test, info.last.uid, 7U);
}

/*
 * sendto and fastopen have their own counters and set the last destination;
 * listen and accept have their own counters and leave it alone.  None of
 * them touches the connect counters or loopback.
 */
static void table_test_record_uses(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 16);
	struct netanom_exe_info info;
	struct netanom_sample s;
	struct netanom_entry *e;
	int use, i;

	e = add(t, 4, 44, "/usr/sbin/nginx", "nginx");
	KUNIT_ASSERT_NOT_NULL(test, e);

	for (use = NETANOM_USE_SENDTO; use < NETANOM_NR_USES; use++) {
		for (i = 0; i < use; i++) {
			sample_v4(&s, NETANOM_CLASS_UDP4, true, 100 * use + i,
				  use, 0);
			s.use = use;
			if (use >= NETANOM_USE_LISTEN)
				memset(&s.dest, 0, sizeof(s.dest));
			s.dest.port = use;
			netanom_entry_record(e, &s);
		}
	}
	netanom_entry_read(e, &info);
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		KUNIT_EXPECT_EQ_MSG(test, info.count[i], 0ULL, "class %d", i);
	KUNIT_EXPECT_EQ(test, info.loopback, 0ULL);
	KUNIT_EXPECT_EQ(test, info.uses[NETANOM_USE_CONNECT], 0ULL);
	for (use = NETANOM_USE_SENDTO; use < NETANOM_NR_USES; use++)
		KUNIT_EXPECT_EQ_MSG(test, info.uses[use], (u64)use, "use %d",
				    use);
	/* The last use was an accept; the destination is fastopen's. */
	KUNIT_EXPECT_EQ(test, info.first_seen_ns, 100ULL * NETANOM_USE_SENDTO);
	KUNIT_EXPECT_EQ(test, info.last.seen_ns,
			100ULL * NETANOM_USE_ACCEPT + NETANOM_USE_ACCEPT - 1);
	KUNIT_EXPECT_EQ(test, info.last.pid, (u32)NETANOM_USE_ACCEPT);
	KUNIT_EXPECT_EQ(test, info.last.dest.family, AF_INET);
	KUNIT_EXPECT_EQ(test, info.last.dest.port, NETANOM_USE_FASTOPEN);
}

static void table_test_capacity(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 4);
	struct netanom_entry *e[4];
	int i;

	for (i = 0; i < 4; i++) {
		e[i] = add(t, 1, 10 + i, "/bin/x", "x");
		KUNIT_ASSERT_NOT_NULL(test, e[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&t->nr_entries), 4);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->dropped), 0LL);

	/* The fifth executable does not fit, however often it connects. */
	KUNIT_EXPECT_NULL(test, add(t, 1, 14, "/bin/y", "y"));
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->dropped), 1LL);
	KUNIT_EXPECT_NULL(test, add(t, 2, 10, "/bin/z", "z"));
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->dropped), 2LL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->nr_entries), 4);
	KUNIT_EXPECT_NULL(test, find(t, 1, 14));

	/* Known executables are still found and counted, not dropped. */
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_PTR_EQ(test, find(t, 1, 10 + i), e[i]);
		KUNIT_EXPECT_PTR_EQ(test, add(t, 1, 10 + i, "/bin/x", "x"),
				    e[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->dropped), 2LL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->alloc_failures), 0LL);
}

static int count_cb(struct netanom_entry *e, void *arg)
{
	(*(unsigned int *)arg)++;
	return 0;
}

static unsigned int walk_count(struct netanom_table *t)
{
	struct netanom_cursor cur = {};
	unsigned int n = 0;

	netanom_table_walk(t, &cur, count_cb, &n);
	return n;
}

static void table_test_reset(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 4);
	s64 empty_bytes = atomic64_read(&t->bytes);
	struct netanom_exe_info info;
	struct netanom_sample s;
	struct netanom_entry *e;
	int gen, i;

	for (i = 0; i < 4; i++) {
		e = add(t, 5, i, "/usr/sbin/ntpd", "ntpd");
		KUNIT_ASSERT_NOT_NULL(test, e);
		sample_v4(&s, NETANOM_CLASS_UDP4, true, 100, 1, 1);
		netanom_entry_record(e, &s);
	}
	KUNIT_EXPECT_NULL(test, add(t, 6, 0, "/bin/full", "full"));
	KUNIT_EXPECT_GT(test, atomic64_read(&t->bytes), empty_bytes);
	KUNIT_EXPECT_EQ(test, walk_count(t), 4U);

	gen = atomic_read(&t->generation);
	netanom_table_reset(t);
	KUNIT_EXPECT_NE(test, atomic_read(&t->generation), gen);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->nr_entries), 0);
	KUNIT_EXPECT_EQ(test, walk_count(t), 0U);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_NULL(test, find(t, 5, i));
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->bytes), empty_bytes);
	/* The statistics survive a reset (kernel-doc of the reset). */
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->dropped), 1LL);

	/* There is room again, and a new entry starts from zero. */
	e = add(t, 5, 0, "/usr/sbin/ntpd", "ntpd");
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_NOT_NULL(test, add(t, 6, 0, "/bin/full", "full"));
	netanom_entry_read(e, &info);
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		KUNIT_EXPECT_EQ_MSG(test, info.count[i], 0ULL, "class %d", i);
	KUNIT_EXPECT_EQ(test, info.loopback, 0ULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->nr_entries), 2);
}

static void table_test_find_path(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 64);
	struct netanom_entry *curl, *wget;
	char path[32];
	int i;

	/* Company, so that the walk crosses several buckets. */
	for (i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "/opt/bin/tool%d", i);
		KUNIT_ASSERT_NOT_NULL(test, add(t, 2, 1000 + i, path, "tool"));
	}
	curl = add(t, 1, 1, "/usr/bin/curl", "curl");
	wget = add(t, 1, 2, "/usr/bin/wget", "wget");
	KUNIT_ASSERT_NOT_NULL(test, curl);
	KUNIT_ASSERT_NOT_NULL(test, wget);

	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, netanom_table_find_path(t, "/usr/bin/wget"),
			    wget);
	KUNIT_EXPECT_PTR_EQ(test, netanom_table_find_path(t, "/usr/bin/curl"),
			    curl);
	KUNIT_EXPECT_NULL(test, netanom_table_find_path(t, "/usr/bin/cur"));
	KUNIT_EXPECT_NULL(test, netanom_table_find_path(t, "/usr/bin/curl2"));
	KUNIT_EXPECT_NULL(test, netanom_table_find_path(t, ""));
	KUNIT_EXPECT_EQ(test,
			netanom_table_find_path(t, "/opt/bin/tool17")->key.ino,
			1017ULL);
	rcu_read_unlock();
}

static void table_test_key_equal(struct kunit *test)
{
	struct netanom_key a = { .dev = 0x801, .ino = 1234 };
	struct netanom_key b = a;

	KUNIT_EXPECT_TRUE(test, netanom_key_equal(&a, &a));
	KUNIT_EXPECT_TRUE(test, netanom_key_equal(&a, &b));
	b.dev++;
	KUNIT_EXPECT_FALSE(test, netanom_key_equal(&a, &b));
	b = a;
	b.ino++;
	KUNIT_EXPECT_FALSE(test, netanom_key_equal(&a, &b));
	/* The high halves count too. */
	b = a;
	b.ino |= 1ULL << 40;
	KUNIT_EXPECT_FALSE(test, netanom_key_equal(&a, &b));
	b = a;
	b.dev |= 1ULL << 40;
	KUNIT_EXPECT_FALSE(test, netanom_key_equal(&a, &b));
	/* Swapped halves are another file. */
	b.dev = a.ino;
	b.ino = a.dev;
	KUNIT_EXPECT_FALSE(test, netanom_key_equal(&a, &b));
}

#define WALK_ENTRIES	256

/* A dump callback that fits @budget entries per message. */
struct walk_ctx {
	unsigned int budget;
	unsigned int left;
	u8 seen[WALK_ENTRIES];
	unsigned int bogus;
};

static int walk_cb(struct netanom_entry *e, void *arg)
{
	struct walk_ctx *ctx = arg;

	if (!ctx->left)
		return 7;	/* "message full": this entry is not sent */
	ctx->left--;
	if (e->key.ino < 1 || e->key.ino > WALK_ENTRIES)
		ctx->bogus++;
	else
		ctx->seen[e->key.ino - 1]++;
	return 0;
}

static void table_test_walk_resume(struct kunit *test)
{
	static const unsigned int budgets[] = {
		1, 2, 3, 7, 64, WALK_ENTRIES - 1, WALK_ENTRIES, 1000,
	};
	struct netanom_table *t = new_table(test, WALK_ENTRIES);
	unsigned int i, b, calls, most = 0, n;
	struct netanom_cursor cur;
	struct netanom_entry *e;
	struct walk_ctx *ctx;
	int ret;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	/*
	 * Dense inode numbers on one device spread evenly over the buckets
	 * (at most 2 a bucket here); the device numbers mix them up, and
	 * with this hash four of these keys share a bucket.
	 */
	for (i = 0; i < WALK_ENTRIES; i++)
		KUNIT_ASSERT_NOT_NULL(test, add(t, i, i + 1, "/bin/w", "w"));

	/* The interesting case: several entries share a bucket. */
	for (i = 0; i < (1U << t->hash_bits); i++) {
		n = 0;
		hlist_for_each_entry(e, &t->buckets[i], node)
			n++;
		most = max(most, n);
	}
	KUNIT_ASSERT_GE_MSG(test, most, 3U, "no bucket holds 3 entries");

	for (b = 0; b < ARRAY_SIZE(budgets); b++) {
		memset(ctx, 0, sizeof(*ctx));
		ctx->budget = budgets[b];
		memset(&cur, 0, sizeof(cur));
		calls = 0;
		do {
			ctx->left = ctx->budget;
			ret = netanom_table_walk(t, &cur, walk_cb, ctx);
			calls++;
			/* The walk stops with what the callback said. */
			KUNIT_EXPECT_TRUE(test, ret == 0 || ret == 7);
			if (ret)
				KUNIT_EXPECT_EQ(test, ctx->left, 0U);
		} while (ret && calls <= 2 * WALK_ENTRIES);

		KUNIT_EXPECT_EQ_MSG(test, calls,
				    DIV_ROUND_UP(WALK_ENTRIES, ctx->budget),
				    "budget %u", ctx->budget);
		KUNIT_EXPECT_EQ(test, ctx->bogus, 0U);
		for (i = 0; i < WALK_ENTRIES; i++)
			KUNIT_EXPECT_EQ_MSG(test, ctx->seen[i], 1,
					    "entry %u, budget %u", i + 1,
					    ctx->budget);

		/* A finished walk stays finished. */
		ctx->left = WALK_ENTRIES;
		KUNIT_EXPECT_EQ(test, netanom_table_walk(t, &cur, walk_cb, ctx),
				0);
		KUNIT_EXPECT_EQ(test, ctx->left, (unsigned int)WALK_ENTRIES);
	}
}

static void table_test_walk_tiny(struct kunit *test)
{
	struct netanom_table *t = new_table(test, 1);
	struct netanom_cursor cur = {};
	struct walk_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);

	/* An empty table: nothing to visit. */
	ctx->left = 5;
	KUNIT_EXPECT_EQ(test, netanom_table_walk(t, &cur, walk_cb, ctx), 0);
	KUNIT_EXPECT_EQ(test, ctx->left, 5U);

	KUNIT_ASSERT_NOT_NULL(test, add(t, 1, 1, "/bin/one", "one"));
	KUNIT_EXPECT_NULL(test, add(t, 1, 2, "/bin/two", "two"));

	/* No room for the only entry: the next walk must start with it. */
	memset(&cur, 0, sizeof(cur));
	ctx->left = 0;
	KUNIT_EXPECT_EQ(test, netanom_table_walk(t, &cur, walk_cb, ctx), 7);
	KUNIT_EXPECT_EQ(test, ctx->seen[0], 0);
	ctx->left = 1;
	KUNIT_EXPECT_EQ(test, netanom_table_walk(t, &cur, walk_cb, ctx), 0);
	KUNIT_EXPECT_EQ(test, ctx->seen[0], 1);
	KUNIT_EXPECT_EQ(test, ctx->seen[1], 0);
}

static struct kunit_case netanom_table_test_cases[] = {
	KUNIT_CASE(table_test_init_rejects_zero),
	KUNIT_CASE(table_test_insert_lookup),
	KUNIT_CASE(table_test_insert_bumps_generation),
	KUNIT_CASE(table_test_long_path_and_comm),
	KUNIT_CASE(table_test_record),
	KUNIT_CASE(table_test_record_busy),
	KUNIT_CASE(table_test_record_uses),
	KUNIT_CASE(table_test_capacity),
	KUNIT_CASE(table_test_reset),
	KUNIT_CASE(table_test_find_path),
	KUNIT_CASE(table_test_key_equal),
	KUNIT_CASE(table_test_walk_resume),
	KUNIT_CASE(table_test_walk_tiny),
	{}
};

static struct kunit_suite netanom_table_test_suite = {
	.name = "netanom_table",
	.test_cases = netanom_table_test_cases,
};

kunit_test_suites(&netanom_table_test_suite);
