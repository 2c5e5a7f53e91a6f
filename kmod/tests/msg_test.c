// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of reply building: put an entry, the statistics or the
 * configuration into an skb, parse the attributes back and compare every
 * value and every length with include/uapi/linux/netanom.h.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/limits.h>
#include <linux/skbuff.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <uapi/linux/netanom.h>
#include "../msg.h"

/* Room for any reply: a PATH_MAX path and every other attribute. */
#define BIG_SKB		(PATH_MAX + 1024)

static void skb_free_action(void *skb)
{
	kfree_skb(skb);
}

/* An skb with exactly @tailroom bytes of room, freed after the test. */
static struct sk_buff *new_skb(struct kunit *test, unsigned int tailroom)
{
	struct sk_buff *skb = alloc_skb(tailroom, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, skb_free_action, skb),
			0);
	KUNIT_ASSERT_GE(test, skb_tailroom(skb), (int)tailroom);
	skb_reserve(skb, skb_tailroom(skb) - tailroom);
	return skb;
}

/*
 * Parse what was put into @skb into @tb.  Every attribute must be a known
 * one, present at most once (padding aside), and fill the skb exactly.
 */
static void parse(struct kunit *test, struct sk_buff *skb,
		  struct nlattr **tb)
{
	const struct nlattr *nla;
	u8 seen[NETANOM_A_MAX + 1] = {};
	int rem, type;

	nla_for_each_attr(nla, (struct nlattr *)skb->data, skb->len, rem) {
		type = nla_type(nla);
		KUNIT_ASSERT_GT_MSG(test, type, NETANOM_A_UNSPEC,
				    "attribute type %d", type);
		KUNIT_ASSERT_LE_MSG(test, type, NETANOM_A_MAX,
				    "attribute type %d", type);
		if (type != NETANOM_A_PAD)
			KUNIT_EXPECT_EQ_MSG(test, seen[type], 0,
					    "attribute %d twice", type);
		seen[type] = 1;
	}
	KUNIT_EXPECT_EQ(test, rem, 0);
	KUNIT_ASSERT_EQ(test,
			nla_parse_deprecated(tb, NETANOM_A_MAX,
					     (struct nlattr *)skb->data,
					     skb->len, NULL, NULL),
			0);
}

/* @tb[@type] is present and @size bytes long. */
static bool expect_attr(struct kunit *test, struct nlattr **tb, int type,
			const char *name, int size)
{
	KUNIT_EXPECT_NOT_NULL_MSG(test, tb[type], "%s missing", name);
	if (!tb[type])
		return false;
	KUNIT_EXPECT_EQ_MSG(test, nla_len(tb[type]), size, "%s length", name);
	return nla_len(tb[type]) == size;
}

static void expect_u64(struct kunit *test, struct nlattr **tb, int type,
		       const char *name, u64 value)
{
	if (expect_attr(test, tb, type, name, sizeof(u64)))
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u64(tb[type]), value, "%s",
				    name);
}

static void expect_u32(struct kunit *test, struct nlattr **tb, int type,
		       const char *name, u32 value)
{
	if (expect_attr(test, tb, type, name, sizeof(u32)))
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(tb[type]), value, "%s",
				    name);
}

static void expect_u16(struct kunit *test, struct nlattr **tb, int type,
		       const char *name, u16 value)
{
	if (expect_attr(test, tb, type, name, sizeof(u16)))
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u16(tb[type]), value, "%s",
				    name);
}

/* The attribute's name in the failure messages. */
#define EXPECT_ATTR(test, tb, type, size) \
	expect_attr(test, tb, type, #type, size)
#define EXPECT_U64(test, tb, type, value) \
	expect_u64(test, tb, type, #type, value)
#define EXPECT_U32(test, tb, type, value) \
	expect_u32(test, tb, type, #type, value)
#define EXPECT_U16(test, tb, type, value) \
	expect_u16(test, tb, type, #type, value)

/* A NUL-terminated string attribute of at most @max bytes. */
static void expect_string(struct kunit *test, struct nlattr **tb, int type,
			  const char *value, int max)
{
	const char *data;
	int len;

	KUNIT_ASSERT_NOT_NULL_MSG(test, tb[type], "attribute %d missing",
				  type);
	data = nla_data(tb[type]);
	len = nla_len(tb[type]);
	KUNIT_ASSERT_GT(test, len, 0);
	KUNIT_EXPECT_LE(test, len, max);
	KUNIT_EXPECT_EQ(test, len, (int)strlen(value) + 1);
	KUNIT_EXPECT_EQ(test, data[len - 1], '\0');
	KUNIT_EXPECT_STREQ(test, data, value);
}

static const u8 addr6[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34,
};

static const u8 addr4[4] = { 198, 51, 100, 23 };

/* Distinct values with their high halves set, to catch truncation. */
static void fill_info(struct netanom_exe_info *info, u16 family,
		      const char *path)
{
	int i;

	memset(info, 0, sizeof(*info));
	info->key.dev = 0x0000000100000803ULL;
	info->key.ino = 0x123456789abcdef0ULL;
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		info->count[i] = 0x100000000ULL * (i + 1) + 10 + i;
	info->loopback = 0x200000005ULL;
	for (i = 0; i < NETANOM_NR_USES; i++)
		info->uses[i] = 0x300000000ULL * (i + 1) + 20 + i;
	info->first_seen_ns = 1700000000123456789ULL;
	info->last.seen_ns = 1700000900987654321ULL;
	info->last.pid = 4242;
	info->last.uid = 0xfffffffeU;
	info->last.dest.family = family;
	info->last.dest.port = 0xc001;
	if (family == AF_INET)
		memcpy(info->last.dest.addr, addr4, sizeof(addr4));
	else if (family == AF_INET6)
		memcpy(info->last.dest.addr, addr6, sizeof(addr6));
	strscpy(info->comm, "firefox-bin", sizeof(info->comm));
	info->path = path;
}

static void expect_exe(struct kunit *test, struct nlattr **tb,
		       const struct netanom_exe_info *info)
{
	EXPECT_U64(test, tb, NETANOM_A_EXE_DEV, info->key.dev);
	EXPECT_U64(test, tb, NETANOM_A_EXE_INO, info->key.ino);
	expect_string(test, tb, NETANOM_A_EXE_PATH, info->path, PATH_MAX);
	expect_string(test, tb, NETANOM_A_EXE_COMM, info->comm,
		      NETANOM_COMM_LEN);
	EXPECT_U64(test, tb, NETANOM_A_EXE_TCP4,
		   info->count[NETANOM_CLASS_TCP4]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_TCP6,
		   info->count[NETANOM_CLASS_TCP6]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_UDP4,
		   info->count[NETANOM_CLASS_UDP4]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_UDP6,
		   info->count[NETANOM_CLASS_UDP6]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_OTHER,
		   info->count[NETANOM_CLASS_OTHER]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_LOOPBACK, info->loopback);
	EXPECT_U64(test, tb, NETANOM_A_EXE_FIRST_SEEN, info->first_seen_ns);
	EXPECT_U64(test, tb, NETANOM_A_EXE_LAST_SEEN, info->last.seen_ns);
	EXPECT_U32(test, tb, NETANOM_A_EXE_LAST_PID, info->last.pid);
	EXPECT_U32(test, tb, NETANOM_A_EXE_LAST_UID, info->last.uid);
	EXPECT_U16(test, tb, NETANOM_A_EXE_LAST_FAMILY,
		   info->last.dest.family);
	EXPECT_U64(test, tb, NETANOM_A_EXE_SENDTO,
		   info->uses[NETANOM_USE_SENDTO]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_FASTOPEN,
		   info->uses[NETANOM_USE_FASTOPEN]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_LISTEN,
		   info->uses[NETANOM_USE_LISTEN]);
	EXPECT_U64(test, tb, NETANOM_A_EXE_ACCEPT,
		   info->uses[NETANOM_USE_ACCEPT]);
	/* No stats or config attributes in an entry's message. */
	KUNIT_EXPECT_NULL(test, tb[NETANOM_A_STATS_ENTRIES]);
	KUNIT_EXPECT_NULL(test, tb[NETANOM_A_CONFIG_FLAGS]);
}

static void msg_test_exe_inet6(struct kunit *test)
{
	struct nlattr *tb[NETANOM_A_MAX + 1];
	struct sk_buff *skb = new_skb(test, BIG_SKB);
	struct netanom_exe_info info;

	fill_info(&info, AF_INET6, "/usr/lib/firefox/firefox-bin");
	KUNIT_ASSERT_EQ(test, netanom_msg_put_exe(skb, &info), 0);
	parse(test, skb, tb);
	expect_exe(test, tb, &info);
	if (EXPECT_ATTR(test, tb, NETANOM_A_EXE_LAST_ADDR, 16))
		KUNIT_EXPECT_EQ(test,
				memcmp(nla_data(tb[NETANOM_A_EXE_LAST_ADDR]),
				       addr6, 16), 0);
	EXPECT_U16(test, tb, NETANOM_A_EXE_LAST_PORT, 0xc001);
}

static void msg_test_exe_inet(struct kunit *test)
{
	struct nlattr *tb[NETANOM_A_MAX + 1];
	struct sk_buff *skb = new_skb(test, BIG_SKB);
	struct netanom_exe_info info;

	fill_info(&info, AF_INET, "/usr/bin/curl");
	KUNIT_ASSERT_EQ(test, netanom_msg_put_exe(skb, &info), 0);
	parse(test, skb, tb);
	expect_exe(test, tb, &info);
	if (EXPECT_ATTR(test, tb, NETANOM_A_EXE_LAST_ADDR, 4))
		KUNIT_EXPECT_EQ(test,
				memcmp(nla_data(tb[NETANOM_A_EXE_LAST_ADDR]),
				       addr4, 4), 0);
	EXPECT_U16(test, tb, NETANOM_A_EXE_LAST_PORT, 0xc001);
}

static void msg_test_exe_unix(struct kunit *test)
{
	struct nlattr *tb[NETANOM_A_MAX + 1];
	struct sk_buff *skb = new_skb(test, BIG_SKB);
	struct netanom_exe_info info;

	/* Neither address nor port for a family that has no port. */
	fill_info(&info, AF_UNIX, "/usr/bin/logger");
	info.last.dest.port = 0;
	KUNIT_ASSERT_EQ(test, netanom_msg_put_exe(skb, &info), 0);
	parse(test, skb, tb);
	expect_exe(test, tb, &info);
	KUNIT_EXPECT_NULL(test, tb[NETANOM_A_EXE_LAST_ADDR]);
	KUNIT_EXPECT_NULL(test, tb[NETANOM_A_EXE_LAST_PORT]);
}

static void msg_test_exe_long_path(struct kunit *test)
{
	struct nlattr *tb[NETANOM_A_MAX + 1];
	/* The room the dump and GET_EXE give one entry. */
	struct sk_buff *skb = new_skb(test, netanom_msg_exe_size());
	struct netanom_exe_info info;
	char *path;

	/* The longest path an entry holds: PATH_MAX bytes with the NUL. */
	path = kunit_kmalloc(test, PATH_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, path);
	memset(path, 'd', PATH_MAX - 1);
	path[0] = '/';
	path[PATH_MAX - 1] = '\0';

	/* The largest entry: IPv6 destination, a comm as long as it gets. */
	fill_info(&info, AF_INET6, path);
	memset(info.comm, 'c', sizeof(info.comm) - 1);
	info.comm[sizeof(info.comm) - 1] = '\0';
	KUNIT_ASSERT_EQ(test, netanom_msg_put_exe(skb, &info), 0);
	parse(test, skb, tb);
	expect_exe(test, tb, &info);
}

/* Room that @put needs when skb->data has alignment @align (mod 8). */
static unsigned int room_needed(struct kunit *test,
				int (*put)(struct sk_buff *skb,
					   const void *arg),
				const void *arg, unsigned int align)
{
	struct sk_buff *skb = new_skb(test, BIG_SKB);

	skb_reserve(skb, (align - (unsigned long)skb->data) & 7);
	KUNIT_ASSERT_EQ(test, put(skb, arg), 0);
	KUNIT_ASSERT_GT(test, skb->len, 0U);
	return skb->len;
}

/*
 * Every room short of what @put needs fails with -EMSGSIZE, and the exact
 * room succeeds.  What is needed depends on the alignment of the data when
 * the architecture pads 64-bit attributes (UML does), so it is measured
 * for each alignment first.
 */
static void expect_emsgsize(struct kunit *test,
			    int (*put)(struct sk_buff *skb, const void *arg),
			    const void *arg)
{
	unsigned int need[8], most = 0, room, align;
	struct sk_buff *skb;

	for (align = 0; align < 8; align++) {
		need[align] = room_needed(test, put, arg, align);
		most = max(most, need[align]);
	}

	for (room = 0; room <= most + 8; room++) {
		skb = new_skb(test, room);
		align = (unsigned long)skb->data & 7;
		if (room < need[align]) {
			KUNIT_EXPECT_EQ_MSG(test, put(skb, arg), -EMSGSIZE,
					    "%u of %u bytes", room,
					    need[align]);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, put(skb, arg), 0,
					    "%u of %u bytes", room,
					    need[align]);
			KUNIT_EXPECT_EQ(test, skb->len, need[align]);
		}
		KUNIT_EXPECT_LE(test, skb->len, room);
	}
}

static int put_exe(struct sk_buff *skb, const void *arg)
{
	return netanom_msg_put_exe(skb, arg);
}

static int put_stats(struct sk_buff *skb, const void *arg)
{
	return netanom_msg_put_stats(skb, arg);
}

static int put_config(struct sk_buff *skb, const void *arg)
{
	return netanom_msg_put_config(skb, *(const u32 *)arg);
}

static void msg_test_exe_emsgsize(struct kunit *test)
{
	struct netanom_exe_info info;

	fill_info(&info, AF_INET6, "/usr/sbin/sshd");
	expect_emsgsize(test, put_exe, &info);
	fill_info(&info, AF_UNIX, "/usr/sbin/sshd");
	expect_emsgsize(test, put_exe, &info);
}

static const struct netanom_stats test_stats = {
	.hits = 0x1122334455667788ULL,
	.entries = 0x89abcdefU,
	.max_entries = 0xfedcba98U,
	.dropped = 0x100000001ULL,
	.alloc_failures = 0x300000003ULL,
	.bytes = 0x7000000000000007ULL,
	.resets = 0x900000009ULL,
	.instance = 0xa5a5a5a55a5a5a5aULL,
	.locked = true,
};

static void msg_test_stats(struct kunit *test)
{
	struct nlattr *tb[NETANOM_A_MAX + 1];
	struct sk_buff *skb = new_skb(test, BIG_SKB);
	const struct netanom_stats *st = &test_stats;

	KUNIT_ASSERT_EQ(test, netanom_msg_put_stats(skb, st), 0);
	parse(test, skb, tb);
	EXPECT_U64(test, tb, NETANOM_A_STATS_HITS, st->hits);
	EXPECT_U32(test, tb, NETANOM_A_STATS_ENTRIES, st->entries);
	EXPECT_U32(test, tb, NETANOM_A_STATS_MAX_ENTRIES, st->max_entries);
	EXPECT_U64(test, tb, NETANOM_A_STATS_DROPPED, st->dropped);
	EXPECT_U64(test, tb, NETANOM_A_STATS_ALLOC_FAILURES,
		   st->alloc_failures);
	EXPECT_U64(test, tb, NETANOM_A_STATS_BYTES, st->bytes);
	EXPECT_U64(test, tb, NETANOM_A_STATS_RESETS, st->resets);
	EXPECT_U64(test, tb, NETANOM_A_STATS_INSTANCE, st->instance);
	KUNIT_ASSERT_NOT_NULL(test, tb[NETANOM_A_STATS_LOCKED]);
	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[NETANOM_A_STATS_LOCKED]), 1);
	KUNIT_EXPECT_NULL(test, tb[NETANOM_A_EXE_DEV]);
	KUNIT_EXPECT_NULL(test, tb[NETANOM_A_CONFIG_FLAGS]);

	expect_emsgsize(test, put_stats, st);
}

static void msg_test_config(struct kunit *test)
{
	static const u32 values[] = {
		0,
		NETANOM_CONFIG_F_ENABLED,
		NETANOM_CONFIG_F_COUNT_UNIX,
		NETANOM_CONFIG_F_ALL,
	};
	struct nlattr *tb[NETANOM_A_MAX + 1];
	struct nla_bitfield32 bf;
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(values); i++) {
		skb = new_skb(test, BIG_SKB);
		KUNIT_ASSERT_EQ(test, netanom_msg_put_config(skb, values[i]),
				0);
		parse(test, skb, tb);
		KUNIT_ASSERT_TRUE(test, EXPECT_ATTR(test, tb,
						    NETANOM_A_CONFIG_FLAGS,
						    sizeof(bf)));
		bf = nla_get_bitfield32(tb[NETANOM_A_CONFIG_FLAGS]);
		KUNIT_EXPECT_EQ(test, bf.value, values[i]);
		KUNIT_EXPECT_EQ(test, bf.selector, (u32)NETANOM_CONFIG_F_ALL);
		KUNIT_EXPECT_NULL(test, tb[NETANOM_A_STATS_HITS]);
	}
	expect_emsgsize(test, put_config, &values[1]);
}

static struct kunit_case netanom_msg_test_cases[] = {
	KUNIT_CASE(msg_test_exe_inet6),
	KUNIT_CASE(msg_test_exe_inet),
	KUNIT_CASE(msg_test_exe_unix),
	KUNIT_CASE(msg_test_exe_long_path),
	KUNIT_CASE(msg_test_exe_emsgsize),
	KUNIT_CASE(msg_test_stats),
	KUNIT_CASE(msg_test_config),
	{}
};

static struct kunit_suite netanom_msg_test_suite = {
	.name = "netanom_msg",
	.test_cases = netanom_msg_test_cases,
};

kunit_test_suites(&netanom_msg_test_suite);
