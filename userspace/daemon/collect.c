// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Snapshot deltas; the rules for counters that go backwards are in
 * collect.h.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "collect.h"

void nd_collector_init(struct nd_collector *c)
{
	memset(c, 0, sizeof(*c));
}

void nd_collector_free(struct nd_collector *c)
{
	free(c->v);
	nd_collector_init(c);
}

uint64_t nd_counter_delta(uint64_t prev, uint64_t cur, bool same_entry)
{
	if (!same_entry)
		return cur;
	return cur >= prev ? cur - prev : 0;
}

/* What a bucket scores: the uses that reach out to a chosen destination.
 * Listens and accepts are not counted (someone else chose to connect),
 * nor what the module's exclusion lists left out. */
static uint64_t activity(const struct netanom_exe *e)
{
	uint64_t all = netanom_exe_connects(e);

	return (all > e->loopback ? all - e->loopback : 0) + e->sendto +
	       e->fastopen;
}

static int cmp_seen(const void *a, const void *b)
{
	const struct nd_seen *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

static const struct nd_seen *find_prev(const struct nd_collector *c,
				       uint64_t dev, uint64_t ino)
{
	struct nd_seen key = { .dev = dev, .ino = ino };

	if (!c->n)
		return NULL;
	return bsearch(&key, c->v, c->n, sizeof(*c->v), cmp_seen);
}

static void to_seen(const struct netanom_exe *e, struct nd_seen *s)
{
	s->dev = e->dev;
	s->ino = e->ino;
	s->first_seen_ns = e->first_seen_ns;
	s->tcp4 = e->tcp4;
	s->tcp6 = e->tcp6;
	s->udp4 = e->udp4;
	s->udp6 = e->udp6;
	s->activity = activity(e);
}

static bool is_v4_mapped(const uint8_t *a)
{
	static const uint8_t prefix[12] = { [10] = 0xff, [11] = 0xff };

	return !memcmp(a, prefix, sizeof(prefix));
}

/* The last destination as an address (IPv4-mapped as IPv4, which is how
 * the kernel counts it too), port and IP version. */
void nd_activity_set_dest(const struct netanom_exe *e, struct nd_activity *a)
{
	const uint8_t *addr = e->last_addr;
	int af = 0;

	if (e->last_family == AF_INET && e->last_addr_len == 4) {
		af = AF_INET;
	} else if (e->last_family == AF_INET6 && e->last_addr_len == 16) {
		af = AF_INET6;
		if (is_v4_mapped(addr)) {
			af = AF_INET;
			addr += 12;
		}
	}
	if (!af || !inet_ntop(af, addr, a->dest_ip, sizeof(a->dest_ip)))
		return;
	a->ip_version = af == AF_INET ? 4 : 6;
	if (e->has_last_port)
		a->dest_port = e->last_port;
}

/*
 * The kernel records the last destination but not the last protocol:
 * when only TCP (or only UDP) of the last destination's family grew in
 * this bucket, that was it; otherwise the transport is left unknown
 * rather than guessed.
 */
static const char *guess_transport(const struct netanom_exe *e,
				   const struct nd_seen *p, bool same,
				   int ip_version)
{
	uint64_t dt, du;

	if (ip_version == 4) {
		dt = nd_counter_delta(p ? p->tcp4 : 0, e->tcp4, same);
		du = nd_counter_delta(p ? p->udp4 : 0, e->udp4, same);
	} else if (ip_version == 6) {
		dt = nd_counter_delta(p ? p->tcp6 : 0, e->tcp6, same);
		du = nd_counter_delta(p ? p->udp6 : 0, e->udp6, same);
	} else {
		return NULL;
	}
	if (dt && !du)
		return "tcp";
	if (du && !dt)
		return "udp";
	return NULL;
}

static int add_activity(struct nd_bucket *out, const struct netanom_exe *e,
			const struct nd_seen *p, bool same, uint64_t delta)
{
	struct nd_activity a = {
		.exe = e->path,
		.dev = e->dev,
		.ino = e->ino,
		.connects = delta,
		.pid = (pid_t)e->last_pid,
		.uid = (uid_t)e->last_uid,
	};

	memcpy(a.comm, e->comm, sizeof(a.comm) - 1);
	nd_activity_set_dest(e, &a);
	a.transport = guess_transport(e, p, same, a.ip_version);
	return nd_bucket_add(out, &a) ? 0 : -1;
}

int nd_collect(struct nd_collector *c, const struct netanom_exe_list *snap,
	       struct nd_bucket *out)
{
	struct nd_seen *next = NULL;
	size_t i;

	if (snap->n) {
		next = calloc(snap->n, sizeof(*next));
		if (!next)
			return -1;
	}
	for (i = 0; i < snap->n; i++) {
		const struct netanom_exe *e = &snap->v[i];
		const struct nd_seen *p = find_prev(c, e->dev, e->ino);
		bool same = p && p->first_seen_ns == e->first_seen_ns;
		uint64_t delta = nd_counter_delta(p ? p->activity : 0,
						  activity(e), same);

		to_seen(e, &next[i]);
		if (c->primed && delta && add_activity(out, e, p, same, delta)) {
			free(next);
			return -1;
		}
	}
	if (snap->n)
		qsort(next, snap->n, sizeof(*next), cmp_seen);
	free(c->v);
	c->v = next;
	c->n = snap->n;
	c->primed = true;
	return 0;
}
