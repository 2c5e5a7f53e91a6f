/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-executable entries in a bounded RCU hash table.
 *
 * Readers (the connect probe, dumps) walk the buckets under rcu_read_lock();
 * insertions and removals are serialised by the table lock; entries are
 * freed after a grace period.  Counters are atomic so that the probe never
 * takes a lock to count an executable it already knows.
 */
#ifndef _NETANOM_TABLE_H
#define _NETANOM_TABLE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/rculist.h>
#include <linux/sched.h>

/**
 * struct netanom_key - identity of an executable file
 * @dev: device number as stat(2) reports it (new_encode_dev())
 * @ino: inode number
 */
struct netanom_key {
	u64 dev;
	u64 ino;
};

/* Connect classes, in the order of the NETANOM_A_EXE_TCP4.. attributes. */
enum netanom_class {
	NETANOM_CLASS_TCP4,
	NETANOM_CLASS_TCP6,
	NETANOM_CLASS_UDP4,
	NETANOM_CLASS_UDP6,
	NETANOM_CLASS_OTHER,
	NETANOM_NR_CLASSES,
};

/*
 * What a counted use of the network was.  Connects are counted per class in
 * netanom_entry.count; the other uses each in their slot of
 * netanom_entry.uses, in the order of the NETANOM_A_EXE_SENDTO..
 * attributes (the NETANOM_USE_CONNECT slot stays zero).
 */
enum netanom_use {
	NETANOM_USE_CONNECT,
	NETANOM_USE_SENDTO,
	NETANOM_USE_FASTOPEN,
	NETANOM_USE_LISTEN,
	NETANOM_USE_ACCEPT,
	NETANOM_NR_USES,
};

/**
 * struct netanom_dest - where a connect went
 * @family: AF_INET, AF_INET6, AF_UNIX, ...
 * @port: port in host byte order, 0 when the family has none
 * @addr: address in network byte order; 4 bytes used for AF_INET
 */
struct netanom_dest {
	u16 family;
	u16 port;
	u8 addr[16];
};

/**
 * struct netanom_sample - one counted use, as the probe saw it
 * @use: connect, sendto, fastopen, listen or accept
 * @cls: connect class (connects only)
 * @loopback: destination is a loopback or unspecified address (connects
 *	only)
 * @excluded: matched an exclusion list: counted as excluded only
 * @dest: destination; family 0 for listen and accept, which leave the
 *	entry's last destination alone
 * @pid: thread-group id in the initial pid namespace
 * @uid: uid in the initial user namespace
 * @now_ns: wall-clock time, ns since the epoch
 */
struct netanom_sample {
	enum netanom_use use;
	enum netanom_class cls;
	bool loopback;
	bool excluded;
	struct netanom_dest dest;
	u32 pid;
	u32 uid;
	u64 now_ns;
};

/* The most recent use of an entry; written and read by entry->seq. */
struct netanom_last {
	u64 seen_ns;
	u32 pid;
	u32 uid;
	struct netanom_dest dest;
};

/**
 * struct netanom_entry - one executable
 * @node: bucket list linkage (RCU)
 * @rcu: deferred free
 * @key: identity
 * @count: connects per class
 * @loopback: part of @count whose destination was loopback
 * @uses: other uses than connects, per enum netanom_use
 * @excluded: uses left out of @count, @loopback and @uses by the
 *	exclusion lists
 * @first_seen_ns: wall-clock time of the first counted use
 * @seq: sequence count of @last and @first_seen_ns: odd while a writer
 *	stores them, so readers retry and never see a torn destination; a
 *	writer that finds it odd skips its record instead of waiting
 * @last: most recent use
 * @comm: comm of the first process seen
 * @flags: NETANOM_ENTRY_*, atomic bit operations
 * @path_len: strlen(@path)
 * @path: path of the executable when first seen, NUL-terminated
 */
struct netanom_entry {
	struct hlist_node node;
	struct rcu_head rcu;
	struct netanom_key key;
	atomic64_t count[NETANOM_NR_CLASSES];
	atomic64_t loopback;
	atomic64_t uses[NETANOM_NR_USES];
	atomic64_t excluded;
	u64 first_seen_ns;
	atomic_t seq;
	struct netanom_last last;
	char comm[TASK_COMM_LEN];
	unsigned long flags;
	u16 path_len;
	char path[];
};

/* Bits of netanom_entry.flags. */
enum {
	/* The first counted use was seen: its event is decided. */
	NETANOM_ENTRY_ANNOUNCED,
};

/**
 * struct netanom_table - bounded hash table of executables
 * @buckets: 1 << @hash_bits RCU hlists
 * @hash_bits: log2 of the bucket count
 * @max_entries: capacity; further executables are counted in @dropped
 * @lock: serialises insertion, removal and @generation changes
 * @nr_entries: entries in the table
 * @generation: bumped whenever an entry is added or removed, so that a dump
 *	spanning several messages can tell that the table changed under it
 * @dropped: connects not recorded because the table was full
 * @alloc_failures: connects not recorded because an allocation failed
 * @bytes: memory held by the buckets and the entries
 */
struct netanom_table {
	struct hlist_head *buckets;
	unsigned int hash_bits;
	unsigned int max_entries;
	spinlock_t lock; /* serialises insertion and removal */
	atomic_t nr_entries;
	atomic_t generation;
	atomic64_t dropped;
	atomic64_t alloc_failures;
	atomic64_t bytes;
};

/**
 * struct netanom_cursor - where a table walk stopped
 * @bucket: bucket to resume in
 * @skip: entries of that bucket already visited
 */
struct netanom_cursor {
	unsigned int bucket;
	unsigned int skip;
};

/**
 * struct netanom_exe_info - a consistent copy of one entry, for replies
 * @key: identity
 * @count: connects per class
 * @loopback: part of @count to loopback
 * @uses: other uses than connects, per enum netanom_use
 * @excluded: uses left out by the exclusion lists
 * @first_seen_ns: first counted use
 * @last: most recent use
 * @comm: comm of the first process seen
 * @path: path (points into the entry; valid under RCU only)
 */
struct netanom_exe_info {
	struct netanom_key key;
	u64 count[NETANOM_NR_CLASSES];
	u64 loopback;
	u64 uses[NETANOM_NR_USES];
	u64 excluded;
	u64 first_seen_ns;
	struct netanom_last last;
	char comm[TASK_COMM_LEN];
	const char *path;
};

/**
 * netanom_table_full() - whether a new executable would be dropped
 * @t: table
 *
 * Return: true when the table holds max_entries entries.
 */
static inline bool netanom_table_full(const struct netanom_table *t)
{
	return (unsigned int)atomic_read(&t->nr_entries) >= t->max_entries;
}

int netanom_table_init(struct netanom_table *t, unsigned int max_entries);
void netanom_table_destroy(struct netanom_table *t);
struct netanom_entry *netanom_table_lookup(struct netanom_table *t,
					   const struct netanom_key *key);
struct netanom_entry *netanom_table_find_path(struct netanom_table *t,
					      const char *path);
struct netanom_entry *netanom_table_insert(struct netanom_table *t,
					   const struct netanom_key *key,
					   const char *path, const char *comm,
					   gfp_t gfp);
void netanom_table_reset(struct netanom_table *t);
int netanom_table_walk(struct netanom_table *t, struct netanom_cursor *cur,
		       int (*fn)(struct netanom_entry *e, void *arg),
		       void *arg);
void netanom_entry_record(struct netanom_entry *e,
			  const struct netanom_sample *s);
void netanom_entry_read(struct netanom_entry *e,
			struct netanom_exe_info *info);
bool netanom_key_equal(const struct netanom_key *a,
		       const struct netanom_key *b);

#endif /* _NETANOM_TABLE_H */
