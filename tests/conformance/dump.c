// SPDX-License-Identifier: GPL-2.0
/*
 * The table as a whole: a dump holds every entry exactly once, as many as
 * the statistics say, each one found again by its key; and, with
 * --destructive, NETANOM_CMD_RESET empties it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "helpers.h"

#define NC_TRIES 5

static int nc_key_cmp(const void *a, const void *b)
{
	const struct nc_exe *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

/* Sorts @d by key; returns the index of a repeated key or -1. */
static long nc_find_repeat(struct nc_dump *d)
{
	size_t i;

	qsort(d->v, d->n, sizeof(*d->v), nc_key_cmp);
	for (i = 1; i < d->n; i++)
		if (!nc_key_cmp(&d->v[i - 1], &d->v[i]))
			return (long)i;
	return -1;
}

/*
 * A dump framed by two identical entry counts, and not interrupted, is a
 * consistent picture of the table; anything else is retried.
 */
static int nc_stable_dump(struct nc *c, struct nl_sock *sk,
			  struct nc_dump *d, struct nc_stats *st, char *why,
			  size_t whylen)
{
	struct nc_stats before, after;
	struct nc_reply r;
	int i;

	for (i = 0; i < NC_TRIES; i++) {
		if (nc_get_stats(c, &before, &r, why, whylen))
			return -1;
		if (nc_dump(c, sk, d)) {
			snprintf(why, whylen, "dump: %s", nc_strerror(&d->r));
			return -1;
		}
		if (nc_get_stats(c, &after, &r, why, whylen)) {
			nc_dump_free(d);
			return -1;
		}
		if (!d->r.dump_intr && before.entries == after.entries) {
			*st = after;
			return 0;
		}
		nc_diag("table changed during the dump (%u -> %u entries%s), again",
			before.entries, after.entries,
			d->r.dump_intr ? ", NLM_F_DUMP_INTR" : "");
		nc_dump_free(d);
	}
	snprintf(why, whylen, "the table kept changing during %d dumps",
		 NC_TRIES);
	return -1;
}

/* Each entry is found again by its key, with the same identity. */
static void nc_check_lookups(struct nc *c, const struct nc_dump *d)
{
	size_t i, n = d->n < 32 ? d->n : 32, bad = 0;
	struct nc_reply r;
	struct nc_exe e;
	char why[256] = "";
	const struct nc_exe *x;

	if (!d->n) {
		nc_skip(c, "get_exe_by_key", "the table is empty");
		return;
	}
	for (i = 0; i < n; i++) {
		x = &d->v[i * d->n / n];
		if (nc_get_exe_key(c, x->dev, x->ino, &e, &r, why,
				   sizeof(why)) ||
		    e.dev != x->dev || e.ino != x->ino ||
		    strcmp(e.path, x->path) || strcmp(e.comm, x->comm) ||
		    e.first_seen != x->first_seen ||
		    e.count[NC_TCP4] < x->count[NC_TCP4] ||
		    e.count[NC_UDP4] < x->count[NC_UDP4] ||
		    e.last_seen < x->last_seen) {
			if (!bad++)
				nc_diag("GET_EXE (%llu, %llu) \"%s\": %s",
					(unsigned long long)x->dev,
					(unsigned long long)x->ino, x->path,
					why[0] ? why : "differs from the dump");
		}
		nc_exe_free(&e);
	}
	nc_report(c, !bad, "get_exe_by_key", "%zu of %zu lookups failed", bad,
		  n);
}

/* NETANOM_A_EXE_DEV/INO are (st_dev, st_ino) of the file on disk. */
static void nc_check_stat_identity(struct nc *c, const struct nc_dump *d)
{
	size_t i, checked = 0, bad = 0;
	struct stat st;

	for (i = 0; i < d->n; i++) {
		if (stat(d->v[i].path, &st))
			continue;	/* deleted, renamed, memfd, ... */
		checked++;
		if ((uint64_t)st.st_dev == d->v[i].dev &&
		    (uint64_t)st.st_ino == d->v[i].ino)
			continue;
		if (!bad++)
			nc_diag("%s: entry (%llu, %llu), stat (%llu, %llu)",
				d->v[i].path,
				(unsigned long long)d->v[i].dev,
				(unsigned long long)d->v[i].ino,
				(unsigned long long)st.st_dev,
				(unsigned long long)st.st_ino);
	}
	if (!checked)
		nc_skip(c, "exe_identity_is_stat", "no entry's path exists");
	else
		nc_report(c, !bad, "exe_identity_is_stat",
			  "%zu of %zu entries differ from stat(2)", bad,
			  checked);
}

/*
 * The same table again through @sk, whose buffers make the dump come in
 * several parts: it must resume exactly where each part stopped.  @big is
 * sorted.
 */
static void nc_check_dump_via(struct nc *c, const struct nc_dump *big,
			      struct nl_sock *sk, const char *name,
			      const char *how)
{
	struct nc_stats st;
	struct nc_dump d;
	char why[256];
	long rep;
	size_t i;
	int same;

	if (!sk) {
		nc_report(c, 0, name, "no socket");
		return;
	}
	if (nc_stable_dump(c, sk, &d, &st, why, sizeof(why))) {
		nl_socket_free(sk);
		nc_report(c, 0, name, "%s", why);
		return;
	}
	nl_socket_free(sk);
	rep = nc_find_repeat(&d);
	same = !d.bad && d.n == big->n && rep < 0;
	for (i = 0; same && i < d.n; i++)
		same = !nc_key_cmp(&d.v[i], &big->v[i]);
	/* The last datagram may be NLMSG_DONE alone. */
	nc_diag("dump %s: %zu entries in %u datagram(s)%s", how, d.n,
		d.r.nrecv,
		d.r.nrecv < 3 ? " (resumption maybe not exercised: --populate more)" :
		"");
	/* The table may have changed in between; only a stable one counts. */
	if (!same && d.n + d.bad == st.entries && st.entries != big->n)
		nc_skip(c, name, "the table changed between dumps");
	else
		nc_report(c, same, name,
			  "%zu entries (%u bad, %s) in parts, %zu in one piece",
			  d.n, d.bad, rep < 0 ? "none repeated" : "some repeated",
			  big->n);
	nc_dump_free(&d);
}

/*
 * A socket that peeks with a one-page buffer, as libnl does by default:
 * the kernel then sizes dump messages at about a page, too small for an
 * entry whose path is near PATH_MAX (nc_check_long_path() made one)
 * unless the module asks for more room.
 */
static struct nl_sock *nc_socket_page(void)
{
	struct nl_sock *sk = nc_socket();

	if (sk && nl_socket_set_msg_buf_size(sk, 4096) < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	return sk;
}

/**
 * nc_check_table() - the dump against the statistics and lookups
 * @c: run
 */
void nc_check_table(struct nc *c)
{
	struct nc_stats st;
	struct nc_dump d;
	char why[256];
	long rep;

	if (nc_stable_dump(c, c->sk, &d, &st, why, sizeof(why))) {
		nc_report(c, 0, "dump", "%s", why);
		return;
	}
	nc_diag("dump: %zu entries in %u datagram(s)", d.n, d.r.nrecv);
	nc_report(c, !d.bad, "dump_messages", "%u bad message(s), first: %s",
		  d.bad, d.why);
	rep = nc_find_repeat(&d);
	nc_report(c, rep < 0, "dump_each_entry_once",
		  "(%llu, %llu) appears more than once",
		  rep < 0 ? 0ULL : (unsigned long long)d.v[rep].dev,
		  rep < 0 ? 0ULL : (unsigned long long)d.v[rep].ino);
	nc_report(c, d.n + d.bad == st.entries, "dump_matches_stats",
		  "dump has %zu entries, GET_STATS says %u", d.n + d.bad,
		  st.entries);
	if (c->expect_entries >= 0)
		nc_report(c, (long)(d.n + d.bad) == c->expect_entries,
			  "dump_expected_entries", "dump has %zu entries, expected %ld",
			  d.n + d.bad, c->expect_entries);
	nc_check_lookups(c, &d);
	nc_check_stat_identity(c, &d);
	nc_check_dump_via(c, &d, nc_socket_small(), "dump_in_parts",
			  "through 8 KiB buffers");
	nc_check_dump_via(c, &d, nc_socket_page(), "dump_page_buffer",
			  "peeking with a 4 KiB buffer");
	nc_dump_free(&d);
}

/**
 * nc_check_reset() - NETANOM_CMD_RESET empties the table, and counting
 * starts again from zero
 * @c: run
 */
void nc_check_reset(struct nc *c)
{
	static const struct nc_exe zero;
	struct sockaddr_storage ss;
	struct nc_stats st = { 0 }, before = { 0 };
	struct nc_reply r;
	struct nc_dump d;
	struct nc_self me;
	struct nc_exe e;
	char why[256] = "";
	int i, len, ok = 0;

	nc_get_stats(c, &before, &r, why, sizeof(why));
	for (i = 0; i < NC_TRIES && !ok; i++) {
		nc_transact(c->sk, nc_request(c->family, NETANOM_CMD_RESET, 0),
			    NULL, NULL, &r);
		if (r.transport || r.error) {
			nc_report(c, 0, "reset", "RESET: %s", nc_strerror(&r));
			return;
		}
		/* Something else in the system may connect right away. */
		if (nc_stable_dump(c, c->sk, &d, &st, why, sizeof(why)))
			break;
		ok = d.n == 0 && st.entries == 0;
		if (!ok)
			nc_diag("after RESET: %zu entries dumped, %u in stats",
				d.n, st.entries);
		nc_dump_free(&d);
	}
	nc_report(c, ok, "reset_empties", "%s", why[0] ? why :
		  "entries keep appearing after RESET");
	/* Each RESET counts once, the instance stays: what netanomd's
	 * tamper check relies on. */
	nc_report(c, ok && st.resets == before.resets + (uint64_t)i &&
		  st.instance == before.instance, "reset_counted",
		  "resets %llu -> %llu after %d RESET(s), instance %s",
		  (unsigned long long)before.resets,
		  (unsigned long long)st.resets, i,
		  st.instance == before.instance ? "kept" : "changed");

	if (nc_self(&me)) {
		nc_report(c, 0, "reset_forgets", "stat /proc/self/exe: %s",
			  strerror(errno));
		return;
	}
	nc_get_exe_key(c, me.dev, me.ino, &e, &r, why, sizeof(why));
	nc_exe_free(&e);
	nc_report(c, !r.transport && r.error == -ENOENT, "reset_forgets",
		  "GET_EXE of ourselves after RESET: %s", nc_strerror(&r));

	/* A new entry: counters restart from zero. */
	len = nc_sockaddr_in(&ss, "127.0.0.1", 9);
	nc_connect(AF_INET, SOCK_DGRAM, &ss, len);
	ok = !nc_get_exe_key(c, me.dev, me.ino, &e, &r, why, sizeof(why));
	if (ok) {
		ok = e.count[NC_UDP4] == 1 && e.loopback == 1;
		for (i = 0; i < 5; i++)
			ok = ok && (i == NC_UDP4 || e.count[i] == zero.count[i]);
	}
	nc_report(c, ok, "reset_counts_from_zero",
		  "after RESET and one udp4 connect: udp4 %llu loopback %llu %s",
		  (unsigned long long)e.count[NC_UDP4],
		  (unsigned long long)e.loopback, why);
	nc_exe_free(&e);
}
