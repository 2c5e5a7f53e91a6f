// SPDX-License-Identifier: GPL-2.0
/*
 * The module's requests, each sent as the uapi header describes it and its
 * reply decoded with msgs.c.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include "conformance.h"

/* Decodes the one reply a "do" request gets. */
struct nc_one {
	int (*decode)(struct nl_msg *msg, void *out, char *why, size_t whylen);
	void *out;
	unsigned int seen;
	int bad;
	char *why;
	size_t whylen;
};

static void nc_one_cb(struct nl_msg *msg, void *arg)
{
	struct nc_one *one = arg;

	if (one->seen++) {
		one->bad = 1;
		snprintf(one->why, one->whylen, "more than one reply message");
		return;
	}
	if (one->decode(msg, one->out, one->why, one->whylen))
		one->bad = 1;
}

/*
 * Send @msg, expect exactly one decodable reply and an ack.  Returns 0, or
 * -1 with @why set (the kernel's error included).
 */
static int nc_do(struct nc *c, struct nl_msg *msg, struct nc_one *one,
		 struct nc_reply *r)
{
	one->seen = 0;
	one->bad = 0;
	one->why[0] = '\0';
	nc_transact(c->sk, msg, nc_one_cb, one, r);
	if (r->transport || r->error) {
		snprintf(one->why, one->whylen, "%s", nc_strerror(r));
		return -1;
	}
	if (one->bad)
		return -1;
	if (one->seen != 1) {
		snprintf(one->why, one->whylen, "no reply message");
		return -1;
	}
	return 0;
}

static int nc_dec_stats(struct nl_msg *msg, void *out, char *why,
			size_t whylen)
{
	return nc_decode_stats(msg, out, why, whylen);
}

int nc_get_stats(struct nc *c, struct nc_stats *st, struct nc_reply *r,
		 char *why, size_t whylen)
{
	struct nc_one one = { nc_dec_stats, st, 0, 0, why, whylen };

	return nc_do(c, nc_request(c->family, NETANOM_CMD_GET_STATS, 0), &one,
		     r);
}

struct nc_bf {
	uint32_t value;
	uint32_t selector;
};

static int nc_dec_config(struct nl_msg *msg, void *out, char *why,
			 size_t whylen)
{
	struct nc_bf *bf = out;

	return nc_decode_config(msg, &bf->value, &bf->selector, why, whylen);
}

int nc_get_config(struct nc *c, uint32_t *flags, struct nc_reply *r,
		  char *why, size_t whylen)
{
	struct nc_bf bf = { 0, 0 };
	struct nc_one one = { nc_dec_config, &bf, 0, 0, why, whylen };
	int ret;

	ret = nc_do(c, nc_request(c->family, NETANOM_CMD_GET_CONFIG, 0), &one,
		    r);
	*flags = bf.value;
	return ret;
}

/* Returns what nc_transact() does; the verdict is in @r. */
int nc_set_config(struct nc *c, uint32_t value, uint32_t selector,
		  struct nc_reply *r)
{
	struct nla_bitfield32 bf = { .value = value, .selector = selector };
	struct nl_msg *msg = nc_request(c->family, NETANOM_CMD_SET_CONFIG, 0);

	if (msg && nla_put(msg, NETANOM_A_CONFIG_FLAGS, sizeof(bf), &bf)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return nc_transact(c->sk, msg, NULL, NULL, r);
}

static int nc_dec_exe(struct nl_msg *msg, void *out, char *why, size_t whylen)
{
	return nc_decode_exe(msg, out, why, whylen);
}

int nc_get_exe_key(struct nc *c, uint64_t dev, uint64_t ino,
		   struct nc_exe *e, struct nc_reply *r, char *why,
		   size_t whylen)
{
	struct nc_one one = { nc_dec_exe, e, 0, 0, why, whylen };
	struct nl_msg *msg = nc_request(c->family, NETANOM_CMD_GET_EXE, 0);

	memset(e, 0, sizeof(*e));
	if (msg && (nla_put_u64(msg, NETANOM_A_EXE_DEV, dev) ||
		    nla_put_u64(msg, NETANOM_A_EXE_INO, ino))) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return nc_do(c, msg, &one, r);
}

int nc_get_exe_path(struct nc *c, const char *path, struct nc_exe *e,
		    struct nc_reply *r, char *why, size_t whylen)
{
	struct nc_one one = { nc_dec_exe, e, 0, 0, why, whylen };
	struct nl_msg *msg = nc_request(c->family, NETANOM_CMD_GET_EXE, 0);

	memset(e, 0, sizeof(*e));
	if (msg && nla_put_string(msg, NETANOM_A_EXE_PATH, path)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return nc_do(c, msg, &one, r);
}

static void nc_dump_cb(struct nl_msg *msg, void *arg)
{
	struct nc_dump *d = arg;
	struct nc_exe e;
	char why[200];
	void *v;

	if (nc_decode_exe(msg, &e, why, sizeof(why))) {
		if (!d->bad++)
			snprintf(d->why, sizeof(d->why), "entry %zu: %.200s",
				 d->n, why);
		nc_exe_free(&e);
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		v = realloc(d->v, d->cap * sizeof(*d->v));
		if (!v) {
			nc_exe_free(&e);
			d->bad++;
			snprintf(d->why, sizeof(d->why), "out of memory");
			return;
		}
		d->v = v;
	}
	d->v[d->n++] = e;
}

/**
 * nc_dump() - dump the whole table
 * @c: run
 * @sk: socket to use (c->sk, or one with other receive buffers)
 * @d: filled with every entry, the messages that did not decode and the
 *	outcome; free with nc_dump_free()
 *
 * Return: 0 when the dump completed (decoding problems are in @d->bad).
 */
int nc_dump(struct nc *c, struct nl_sock *sk, struct nc_dump *d)
{
	memset(d, 0, sizeof(*d));
	nc_transact(sk, nc_request(c->family, NETANOM_CMD_GET_EXE,
				      NLM_F_DUMP),
		    nc_dump_cb, d, &d->r);
	return d->r.transport || d->r.error ? -1 : 0;
}

void nc_dump_free(struct nc_dump *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		nc_exe_free(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof(*d));
}
