// SPDX-License-Identifier: GPL-2.0
/*
 * Bounded RCU hash table of executables.
 *
 * The connect probe looks entries up under RCU and bumps atomic counters, so
 * the common case takes no lock at all.  The first connect of an executable
 * allocates its entry with the caller's gfp flags (GFP_ATOMIC from the
 * probe) and links it under the table lock; a lost race frees the spare
 * copy.  Removal (reset, unload) unlinks under the lock and frees after a
 * grace period.
 *
 * The table lock is taken with interrupts off: the
 * accept probe runs with sk_callback_lock held, a lock softirqs take too,
 * so a lock taken under it must never be held where a softirq can
 * interrupt (lockdep: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order).  The
 * irqsave form also covers a probe hit with interrupts disabled.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "table.h"

/* At most this many buckets, whatever max_entries asks for. */
#define NETANOM_MAX_HASH_BITS	20

/*
 * Two multiplications: this runs on every connect.  Inode numbers are
 * dense and device numbers few, so mixing the device in with one multiply
 * and taking hash_64()'s high bits spreads them evenly; nobody outside
 * chooses the keys (they are the files a root-installed system executes),
 * so a keyed hash would buy nothing.
 */
static u32 netanom_key_hash(const struct netanom_key *key, unsigned int bits)
{
	return hash_64(key->ino ^ (key->dev * GOLDEN_RATIO_64), bits);
}

/**
 * netanom_key_equal() - compare two executable identities
 * @a: first key
 * @b: second key
 *
 * Return: true when both name the same file.
 */
bool netanom_key_equal(const struct netanom_key *a,
		       const struct netanom_key *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

/**
 * netanom_table_init() - allocate the buckets of an empty table
 * @t: table to set up
 * @max_entries: capacity, at least 1
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL for a zero capacity or -ENOMEM.
 */
int netanom_table_init(struct netanom_table *t, unsigned int max_entries)
{
	unsigned int bits;

	if (!max_entries)
		return -EINVAL;

	/* About one entry per bucket when full, so chains stay short. */
	bits = min_t(unsigned int, order_base_2(max_entries),
		     NETANOM_MAX_HASH_BITS);
	bits = max_t(unsigned int, bits, 1);

	t->buckets = kvcalloc(1U << bits, sizeof(*t->buckets), GFP_KERNEL);
	if (!t->buckets)
		return -ENOMEM;
	t->hash_bits = bits;
	t->max_entries = max_entries;
	spin_lock_init(&t->lock);
	atomic_set(&t->nr_entries, 0);
	atomic_set(&t->generation, 0);
	atomic64_set(&t->dropped, 0);
	atomic64_set(&t->alloc_failures, 0);
	atomic64_set(&t->bytes, (s64)sizeof(*t->buckets) << bits);
	return 0;
}

static size_t netanom_entry_size(size_t path_len)
{
	return sizeof(struct netanom_entry) + path_len + 1;
}

/*
 * Unlink every entry; the caller holds t->lock.  Readers may still hold an
 * entry unless @no_readers, so it is freed after a grace period.
 * Returns how many entries were removed.
 */
static unsigned int netanom_table_unlink_all(struct netanom_table *t,
					     bool no_readers)
{
	struct netanom_entry *e;
	struct hlist_node *tmp;
	unsigned int i, n = 0;

	for (i = 0; i < (1U << t->hash_bits); i++) {
		hlist_for_each_entry_safe(e, tmp, &t->buckets[i], node) {
			hlist_del_rcu(&e->node);
			atomic64_sub(netanom_entry_size(e->path_len),
				     &t->bytes);
			if (no_readers)
				kfree(e);
			else
				kfree_rcu(e, rcu);
			n++;
		}
	}
	return n;
}

/**
 * netanom_table_destroy() - free a table and all its entries
 * @t: table
 *
 * Context: process context; no reader may still reach the table (the probe
 * is unregistered and a grace period has passed).
 */
void netanom_table_destroy(struct netanom_table *t)
{
	unsigned long flags;

	spin_lock_irqsave(&t->lock, flags);
	netanom_table_unlink_all(t, true);
	atomic_set(&t->nr_entries, 0);
	spin_unlock_irqrestore(&t->lock, flags);

	kvfree(t->buckets);
	t->buckets = NULL;
}

/**
 * netanom_table_lookup() - find an executable's entry
 * @t: table
 * @key: identity
 *
 * Context: rcu_read_lock() held; the entry stays valid until it is dropped.
 * Return: the entry or NULL.
 */
struct netanom_entry *netanom_table_lookup(struct netanom_table *t,
					   const struct netanom_key *key)
{
	struct hlist_head *head = &t->buckets[netanom_key_hash(key,
							       t->hash_bits)];
	struct netanom_entry *e;

	hlist_for_each_entry_rcu(e, head, node) {
		if (netanom_key_equal(&e->key, key))
			return e;
	}
	return NULL;
}

/**
 * netanom_table_find_path() - find an entry by the path it was seen under
 * @t: table
 * @path: NUL-terminated path
 *
 * A linear walk: this answers a user's query, never a connect.
 *
 * Context: rcu_read_lock() held.
 * Return: the first matching entry or NULL.
 */
struct netanom_entry *netanom_table_find_path(struct netanom_table *t,
					      const char *path)
{
	struct netanom_entry *e;
	unsigned int i;

	for (i = 0; i < (1U << t->hash_bits); i++) {
		hlist_for_each_entry_rcu(e, &t->buckets[i], node) {
			if (!strcmp(e->path, path))
				return e;
		}
	}
	return NULL;
}

static struct netanom_entry *netanom_entry_alloc(const struct netanom_key *key,
						 const char *path,
						 const char *comm, gfp_t gfp)
{
	size_t len = strnlen(path, PATH_MAX - 1);
	struct netanom_entry *e;
	int i;

	e = kzalloc(netanom_entry_size(len), gfp);
	if (!e)
		return NULL;
	e->key = *key;
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		atomic64_set(&e->count[i], 0);
	atomic64_set(&e->loopback, 0);
	for (i = 0; i < NETANOM_NR_USES; i++)
		atomic64_set(&e->uses[i], 0);
	atomic64_set(&e->excluded, 0);
	atomic_set(&e->seq, 0);
	strscpy(e->comm, comm, sizeof(e->comm));
	memcpy(e->path, path, len);
	e->path[len] = '\0';
	e->path_len = len;
	return e;
}

/**
 * netanom_table_insert() - find or add an executable's entry
 * @t: table
 * @key: identity
 * @path: path of the executable, stored if the entry is new
 * @comm: comm of the current process, stored if the entry is new
 * @gfp: allocation flags (GFP_ATOMIC from the probe)
 *
 * When the table is full the connect is counted in @t->dropped; when the
 * allocation fails, in @t->alloc_failures.  Neither is an error for the
 * caller, which simply does not count the connect.
 *
 * Context: rcu_read_lock() held; takes t->lock, does not sleep unless @gfp
 * allows it.
 * Return: the entry, existing or new, or NULL.
 */
struct netanom_entry *netanom_table_insert(struct netanom_table *t,
					   const struct netanom_key *key,
					   const char *path, const char *comm,
					   gfp_t gfp)
{
	struct netanom_entry *e, *old;
	unsigned long flags;

	/* Cheap early check, so a full table under a storm never allocates. */
	if (netanom_table_full(t)) {
		old = netanom_table_lookup(t, key);
		if (!old)
			atomic64_inc(&t->dropped);
		return old;
	}

	e = netanom_entry_alloc(key, path, comm, gfp);
	if (!e) {
		atomic64_inc(&t->alloc_failures);
		return NULL;
	}

	spin_lock_irqsave(&t->lock, flags);
	old = netanom_table_lookup(t, key);
	if (old)
		goto out_unlock_free;
	if (netanom_table_full(t)) {
		atomic64_inc(&t->dropped);
		goto out_unlock_free;
	}
	hlist_add_head_rcu(&e->node,
			   &t->buckets[netanom_key_hash(key, t->hash_bits)]);
	atomic_inc(&t->nr_entries);
	atomic_inc(&t->generation);
	atomic64_add(netanom_entry_size(e->path_len), &t->bytes);
	spin_unlock_irqrestore(&t->lock, flags);
	return e;

out_unlock_free:
	spin_unlock_irqrestore(&t->lock, flags);
	kfree(e);
	return old;
}

/**
 * netanom_table_reset() - remove every entry
 * @t: table
 *
 * Entries are freed after a grace period, so concurrent readers finish
 * safely.  The statistics (dropped, allocation failures) are kept.
 *
 * Context: any context that may take a spinlock.
 */
void netanom_table_reset(struct netanom_table *t)
{
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&t->lock, flags);
	n = netanom_table_unlink_all(t, false);
	atomic_sub(n, &t->nr_entries);
	atomic_inc(&t->generation);
	spin_unlock_irqrestore(&t->lock, flags);
}

/**
 * netanom_table_walk() - visit entries from a cursor on
 * @t: table
 * @cur: where to start; on return, where to resume
 * @fn: called for each entry; a non-zero return stops the walk before that
 *	entry is counted as visited, so the next walk starts with it again
 * @arg: passed to @fn
 *
 * Context: takes rcu_read_lock() itself; @fn must not sleep.
 * Return: 0 when every entry was visited, else what @fn returned.
 */
int netanom_table_walk(struct netanom_table *t, struct netanom_cursor *cur,
		       int (*fn)(struct netanom_entry *e, void *arg), void *arg)
{
	struct netanom_entry *e;
	unsigned int idx;
	int ret = 0;

	rcu_read_lock();
	for (; cur->bucket < (1U << t->hash_bits); cur->bucket++, cur->skip = 0) {
		idx = 0;
		hlist_for_each_entry_rcu(e, &t->buckets[cur->bucket], node) {
			if (idx++ < cur->skip)
				continue;
			ret = fn(e, arg);
			if (ret)
				goto out;
			cur->skip++;
		}
	}
out:
	rcu_read_unlock();
	return ret;
}

/**
 * netanom_entry_record() - count one use of the network
 * @e: the executable's entry
 * @s: what the probe saw
 *
 * The counters are exact; the "last use" fields are skipped when another
 * CPU is writing them at the same moment (see below).
 *
 * Context: any; never waits.
 */
void netanom_entry_record(struct netanom_entry *e,
			  const struct netanom_sample *s)
{
	int seq;

	if (s->excluded) {
		atomic64_inc(&e->excluded);
	} else if (s->use == NETANOM_USE_CONNECT) {
		atomic64_inc(&e->count[s->cls]);
		if (s->loopback)
			atomic64_inc(&e->loopback);
	} else if (s->use < NETANOM_NR_USES) {
		atomic64_inc(&e->uses[s->use]);
	}

	/*
	 * A sequence count whose odd value is also the writers' lock, taken
	 * with a try: odd means another CPU is recording a use of this
	 * executable at this very moment, and either use is as much "the
	 * last" as the other.  Waiting would only make the connect slower
	 * (and processes of one executable on several CPUs queue on the
	 * entry); the counters above are exact either way.  A first use that
	 * skips here finds the other writer setting first_seen.  Preemption
	 * is off while odd (the probes run so; the deferred work item does
	 * not), so readers retry only for the few stores below.
	 */
	preempt_disable();
	seq = atomic_read(&e->seq);
	if ((seq & 1) || !atomic_try_cmpxchg(&e->seq, &seq, seq + 1))
		goto out;
	/* first_seen is written once; readers go by the sequence count. */
	if (!e->first_seen_ns)
		e->first_seen_ns = s->now_ns;
	e->last.seen_ns = s->now_ns;
	e->last.pid = s->pid;
	e->last.uid = s->uid;
	/* listen and accept have no destination: keep the last one known. */
	if (s->dest.family)
		e->last.dest = s->dest;
	/* The stores above are seen before the count is even again. */
	atomic_set_release(&e->seq, seq + 2);
out:
	preempt_enable();
}

/**
 * netanom_entry_read() - copy an entry for a reply
 * @e: entry
 * @info: where to copy; @info->path points into @e
 *
 * Context: rcu_read_lock() held for as long as @info->path is used.
 */
void netanom_entry_read(struct netanom_entry *e, struct netanom_exe_info *info)
{
	int seq, i;

	info->key = e->key;
	for (i = 0; i < NETANOM_NR_CLASSES; i++)
		info->count[i] = atomic64_read(&e->count[i]);
	info->loopback = atomic64_read(&e->loopback);
	for (i = 0; i < NETANOM_NR_USES; i++)
		info->uses[i] = atomic64_read(&e->uses[i]);
	info->excluded = atomic64_read(&e->excluded);
	/*
	 * A reader never makes the count odd: a connect that found it odd
	 * would skip its record (netanom_entry_record()), and a dump would
	 * then hide the latest use.  It retries instead while a writer is
	 * busy.
	 */
	for (;;) {
		seq = atomic_read_acquire(&e->seq);
		if (seq & 1) {
			cpu_relax();
			continue;
		}
		info->first_seen_ns = e->first_seen_ns;
		info->last = e->last;
		/* The copy is read before the count is checked again. */
		smp_rmb();
		if (atomic_read(&e->seq) == seq)
			break;
	}
	memcpy(info->comm, e->comm, sizeof(info->comm));
	info->path = e->path;
}
