// SPDX-License-Identifier: GPL-2.0
/*
 * The generator: case N of a run is a function of the seed and N alone.
 * The first nf_sweep_cases() cases go through every attribute type at a
 * set of lengths for every command; the rest are drawn from the mutations
 * in enum nf_kind.  Each case says what the kernel must answer.
 */
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/netanom.h>
#include "build.h"
#include "model.h"

#define NF_REQ	(NLM_F_REQUEST | NLM_F_ACK)
#define NF_PATH_MAX 4096

/* Lengths the sweep gives every attribute. */
static const uint16_t nf_sweep_lens[] = {
	0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 64, NF_PATH_MAX + 8,
};
#define NF_SWEEP_LENS (sizeof(nf_sweep_lens) / sizeof(nf_sweep_lens[0]))
#define NF_SWEEP_TYPES (NETANOM_A_MAX + 3)
/* GET_EXE as a dump, then each command as a do request. */
#define NF_SWEEP_CMDS (NETANOM_CMD_MAX + 1)

uint64_t nf_sweep_cases(void)
{
	return (uint64_t)NF_SWEEP_CMDS * NF_SWEEP_TYPES * NF_SWEEP_LENS * 2;
}

static const char *const nf_kind_names[NF_NR_KINDS] = {
	[NF_VALID] = "valid",
	[NF_SWEEP] = "sweep",
	[NF_UNKNOWN_CMD] = "unknown-cmd",
	[NF_DUMP_ON_DO] = "dump-on-do",
	[NF_DUMP_WITH_ATTRS] = "dump-with-attrs",
	[NF_FOREIGN_ATTR] = "foreign-attr",
	[NF_WRONG_LEN] = "wrong-len",
	[NF_NEST] = "nesting",
	[NF_TRUNC_ATTR] = "trunc-attr",
	[NF_TAIL] = "tail-bytes",
	[NF_TRUNC_GENL] = "trunc-genl",
	[NF_TRUNC_NLMSG] = "trunc-nlmsg",
	[NF_FLAGS] = "flags",
	[NF_BITFLIP] = "bitflip",
	[NF_RANDOM_ATTRS] = "random-attrs",
};

const char *nf_kind_name(enum nf_kind k)
{
	return k < NF_NR_KINDS ? nf_kind_names[k] : "?";
}

static uint8_t nf_any_cmd(struct nf_rng *r)
{
	return (uint8_t)(NETANOM_CMD_GET_EXE + nf_rng_below(r, NETANOM_CMD_MAX));
}

static void nf_put_cidr(struct nf_case *c, struct nf_rng *r)
{
	uint8_t addr[16];
	int v6 = nf_rng_below(r, 2);
	size_t n = nf_nest_start(c, NLA_F_NESTED | NETANOM_A_EXCL_CIDR);

	nf_rng_fill(r, addr, sizeof(addr));
	nf_put(c, NETANOM_A_CIDR_ADDR, addr, v6 ? 16 : 4);
	nf_put_u8(c, NETANOM_A_CIDR_PREFIX,
		  (uint8_t)nf_rng_below(r, v6 ? 129 : 33));
	nf_nest_end(c, n);
}

/* A valid exclusion request: uids above any real one, so nothing is hidden. */
static void nf_put_excl_lists(struct nf_case *c, struct nf_rng *r)
{
	unsigned int i, n;
	size_t nest;

	if (nf_rng_below(r, 2)) {
		nest = nf_nest_start(c, NLA_F_NESTED |
				     NETANOM_A_CONFIG_EXCLUDE_DESTS);
		n = nf_rng_below(r, 4);
		for (i = 0; i < n; i++)
			nf_put_cidr(c, r);
		nf_nest_end(c, nest);
		if (nf_rng_below(r, 2))
			return;
	}
	nest = nf_nest_start(c, NLA_F_NESTED | NETANOM_A_CONFIG_EXCLUDE_UIDS);
	n = nf_rng_below(r, 4);
	for (i = 0; i < n; i++)
		nf_put_u32(c, NETANOM_A_EXCL_UID, 0x7ff00000U + nf_rng_below(r, 1000));
	nf_nest_end(c, nest);
}

/*
 * A well-formed request for @cmd; returns what it must get.  A lookup asks
 * for an executable that cannot be in the table, so it must fail.
 */
static enum nf_expect nf_template(struct nf_case *c, struct nf_rng *r,
				  uint16_t family, uint8_t cmd, int dump)
{
	struct nla_bitfield32 bf;
	char path[64];

	nf_start(c, family, NF_REQ | (dump ? NLM_F_DUMP : 0), cmd);
	switch (cmd) {
	case NETANOM_CMD_GET_EXE:
		if (dump)
			return NF_ANY;
		if (nf_rng_below(r, 2)) {
			nf_put_u64(c, NETANOM_A_EXE_DEV, nf_rng_next(r));
			nf_put_u64(c, NETANOM_A_EXE_INO,
				   0xfffffffffff00000ULL | nf_rng_below(r, 1 << 20));
		} else {
			memset(path, 0, sizeof(path));
			memcpy(path, "/nonexistent/netanom-fuzz/", 26);
			nf_rng_fill(r, path + 26, 8);
			for (int i = 26; i < 34; i++)
				path[i] = (char)('a' + (uint8_t)path[i] % 26);
			nf_put(c, NETANOM_A_EXE_PATH, path, strlen(path) + 1);
		}
		return NF_FAIL;
	case NETANOM_CMD_SET_CONFIG:
		bf.selector = (uint32_t)nf_rng_below(r, NETANOM_CONFIG_F_ALL + 1);
		bf.value = (uint32_t)nf_rng_below(r, NETANOM_CONFIG_F_ALL + 1);
		nf_put(c, NETANOM_A_CONFIG_FLAGS, &bf, sizeof(bf));
		return NF_ANY;
	case NETANOM_CMD_SET_EXCLUDE:
		nf_put_excl_lists(c, r);
		return NF_ANY;
	default:
		return NF_ANY;
	}
}

static void nf_fill_payload(struct nf_rng *r, uint8_t *buf, size_t len)
{
	nf_rng_fill(r, buf, len);
}

/* Sweep case n: one command, one attribute type, one length. */
static void nf_sweep(struct nf_case *c, struct nf_rng *r, uint16_t family,
		     uint64_t n)
{
	uint8_t payload[NF_PATH_MAX + 16];
	uint64_t i = n;
	int nested = (int)(i % 2);
	size_t len = nf_sweep_lens[(i /= 2) % NF_SWEEP_LENS];
	uint16_t type = (uint16_t)((i /= NF_SWEEP_LENS) % NF_SWEEP_TYPES);
	unsigned int slot = (unsigned int)((i / NF_SWEEP_TYPES) % NF_SWEEP_CMDS);
	uint8_t cmd = slot ? (uint8_t)slot : NETANOM_CMD_GET_EXE;
	int dump = !slot;
	enum nf_attr_kind k = nf_model_attr(cmd, dump, type);

	nf_start(c, family, NF_REQ | (dump ? NLM_F_DUMP : 0), cmd);
	nf_fill_payload(r, payload, len);
	nf_put(c, (uint16_t)(type | (nested ? NLA_F_NESTED : 0)), payload, len);
	nf_end(c);
	c->kind = NF_SWEEP;
	if (k == NF_A_NONE || !nf_model_len_ok(k, len) ||
	    (k == NF_A_NESTED) != nested)
		c->expect = NF_FAIL;
	else
		c->expect = NF_ANY;
}

static uint8_t nf_unknown_cmd(struct nf_rng *r)
{
	uint32_t v = nf_rng_below(r, 256 - NETANOM_CMD_MAX);

	return v ? (uint8_t)(NETANOM_CMD_MAX + v) : 0;
}

static uint16_t nf_foreign_type(struct nf_rng *r, uint8_t cmd, int dump)
{
	uint16_t t;

	do {
		t = (uint16_t)nf_rng_below(r, NETANOM_A_MAX + 4);
	} while (nf_model_attr(cmd, dump, t) != NF_A_NONE);
	return t;
}

static void nf_put_random_attr(struct nf_case *c, struct nf_rng *r,
			       uint16_t type)
{
	uint8_t payload[64];
	size_t len = nf_rng_below(r, sizeof(payload));

	nf_fill_payload(r, payload, len);
	nf_put(c, type, payload, len);
}

static void nf_wrong_len(struct nf_case *c, struct nf_rng *r, uint16_t family)
{
	uint8_t payload[NF_PATH_MAX + 16];
	size_t len;

	switch (nf_rng_below(r, 5)) {
	case 0:		/* a u64 that is not 8 bytes */
		nf_start(c, family, NF_REQ, NETANOM_CMD_GET_EXE);
		do {
			len = nf_rng_below(r, 17);
		} while (len == 8);
		nf_fill_payload(r, payload, len);
		nf_put(c, nf_rng_below(r, 2) ? NETANOM_A_EXE_DEV :
		       NETANOM_A_EXE_INO, payload, len);
		break;
	case 1:		/* a path with no NUL */
		nf_start(c, family, NF_REQ, NETANOM_CMD_GET_EXE);
		len = 1 + nf_rng_below(r, 64);
		memset(payload, '/', len);
		nf_put(c, NETANOM_A_EXE_PATH, payload, len);
		break;
	case 2:		/* a path longer than PATH_MAX, NUL at its end */
		nf_start(c, family, NF_REQ, NETANOM_CMD_GET_EXE);
		len = NF_PATH_MAX + 1 + nf_rng_below(r, 16);
		memset(payload, 'x', len);
		payload[0] = '/';
		payload[len - 1] = '\0';
		nf_put(c, NETANOM_A_EXE_PATH, payload, len);
		break;
	case 3:		/* a bitfield32 that is not 8 bytes */
		nf_start(c, family, NF_REQ, NETANOM_CMD_SET_CONFIG);
		do {
			len = nf_rng_below(r, 17);
		} while (len == 8);
		memset(payload, 0, len);
		nf_put(c, NETANOM_A_CONFIG_FLAGS, payload, len);
		break;
	default:	/* NLA_F_NESTED on an attribute that is not a nest */
		nf_start(c, family, NF_REQ, NETANOM_CMD_GET_EXE);
		nf_put_u64(c, NLA_F_NESTED | NETANOM_A_EXE_DEV, 1);
		nf_put_u64(c, NETANOM_A_EXE_INO, 1);
		break;
	}
	c->expect = NF_FAIL;
}

/* Nested attributes that are not what the lists hold; all must fail. */
static void nf_bad_cidr(struct nf_case *c, struct nf_rng *r, unsigned int how)
{
	uint8_t addr[17];
	size_t n = nf_nest_start(c, (how == 6 ? 0 : NLA_F_NESTED) |
				 NETANOM_A_EXCL_CIDR);

	nf_rng_fill(r, addr, sizeof(addr));
	switch (how) {
	case 0:		/* address neither 4 nor 16 bytes */
		nf_put(c, NETANOM_A_CIDR_ADDR, addr,
		       (size_t)(5 + nf_rng_below(r, 11)));
		nf_put_u8(c, NETANOM_A_CIDR_PREFIX, 8);
		break;
	case 1:		/* prefix above 128 */
		nf_put(c, NETANOM_A_CIDR_ADDR, addr, 16);
		nf_put_u8(c, NETANOM_A_CIDR_PREFIX,
			  (uint8_t)(129 + nf_rng_below(r, 127)));
		break;
	case 2:		/* IPv4 prefix above 32 */
		nf_put(c, NETANOM_A_CIDR_ADDR, addr, 4);
		nf_put_u8(c, NETANOM_A_CIDR_PREFIX,
			  (uint8_t)(33 + nf_rng_below(r, 96)));
		break;
	case 3:		/* no prefix */
		nf_put(c, NETANOM_A_CIDR_ADDR, addr, 4);
		break;
	case 4:		/* no address */
		nf_put_u8(c, NETANOM_A_CIDR_PREFIX, 8);
		break;
	case 5:		/* prefix not one byte */
		nf_put(c, NETANOM_A_CIDR_ADDR, addr, 4);
		nf_put(c, NETANOM_A_CIDR_PREFIX, addr,
		       nf_rng_below(r, 2) ? 0 : 2 + nf_rng_below(r, 6));
		break;
	case 6:		/* the CIDR without NLA_F_NESTED */
		nf_put(c, NETANOM_A_CIDR_ADDR, addr, 4);
		nf_put_u8(c, NETANOM_A_CIDR_PREFIX, 8);
		break;
	default:	/* an attribute type a CIDR does not have */
		nf_put(c, NETANOM_A_CIDR_ADDR, addr, 4);
		nf_put_u8(c, NETANOM_A_CIDR_PREFIX, 8);
		nf_put_random_attr(c, r, (uint16_t)(NETANOM_A_CIDR_MAX + 1 +
						    nf_rng_below(r, 4)));
		break;
	}
	nf_nest_end(c, n);
}

/* Nests inside nests, deeper than any policy goes. */
static void nf_deep(struct nf_case *c, struct nf_rng *r, unsigned int depth)
{
	size_t n;

	if (!depth) {
		nf_put_random_attr(c, r, (uint16_t)nf_rng_below(r, 4));
		return;
	}
	n = nf_nest_start(c, (uint16_t)(NLA_F_NESTED | nf_rng_below(r, 4)));
	nf_deep(c, r, depth - 1);
	nf_nest_end(c, n);
}

static void nf_nest(struct nf_case *c, struct nf_rng *r, uint16_t family)
{
	unsigned int how = nf_rng_below(r, 13), i;
	size_t list;

	nf_start(c, family, NF_REQ, NETANOM_CMD_SET_EXCLUDE);
	c->expect = NF_FAIL;
	if (how < 8) {
		list = nf_nest_start(c, NLA_F_NESTED |
				     NETANOM_A_CONFIG_EXCLUDE_DESTS);
		if (nf_rng_below(r, 2))
			nf_put_cidr(c, r);
		nf_bad_cidr(c, r, how);
		nf_nest_end(c, list);
		return;
	}
	switch (how) {
	case 8:		/* a uid in the destination list */
		list = nf_nest_start(c, NLA_F_NESTED |
				     NETANOM_A_CONFIG_EXCLUDE_DESTS);
		nf_put_u32(c, NETANOM_A_EXCL_UID, 0x7ff00000U);
		nf_nest_end(c, list);
		break;
	case 9:		/* a CIDR in the uid list */
		list = nf_nest_start(c, NLA_F_NESTED |
				     NETANOM_A_CONFIG_EXCLUDE_UIDS);
		nf_put_cidr(c, r);
		nf_nest_end(c, list);
		break;
	case 10:	/* one uid too many */
		list = nf_nest_start(c, NLA_F_NESTED |
				     NETANOM_A_CONFIG_EXCLUDE_UIDS);
		for (i = 0; i <= NETANOM_EXCLUDE_MAX_UIDS; i++)
			nf_put_u32(c, NETANOM_A_EXCL_UID, 0x7ff00000U + i);
		nf_nest_end(c, list);
		break;
	case 11:	/* a list without NLA_F_NESTED */
		list = nf_nest_start(c, NETANOM_A_CONFIG_EXCLUDE_UIDS);
		nf_put_u32(c, NETANOM_A_EXCL_UID, 0x7ff00000U);
		nf_nest_end(c, list);
		break;
	default:	/* deep nesting under a CIDR */
		list = nf_nest_start(c, NLA_F_NESTED |
				     NETANOM_A_CONFIG_EXCLUDE_DESTS);
		i = (unsigned int)nf_nest_start(c, NLA_F_NESTED |
						NETANOM_A_EXCL_CIDR);
		nf_deep(c, r, 1 + nf_rng_below(r, 64));
		nf_nest_end(c, i);
		nf_nest_end(c, list);
		break;
	}
}

/* Offsets where top-level attributes start, and the message's end. */
static size_t nf_attr_bounds(const struct nf_case *c, size_t *b, size_t max)
{
	size_t off = NLMSG_HDRLEN + GENL_HDRLEN, n = 0;
	struct nlattr a;

	while (off + NLA_HDRLEN <= c->len && n < max) {
		b[n++] = off;
		memcpy(&a, c->buf + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN)
			break;
		off += NLA_ALIGN(a.nla_len);
	}
	if (n < max)
		b[n++] = c->len;
	return n;
}

/* Cut a request inside one of its attributes. */
static void nf_trunc_attr(struct nf_case *c, struct nf_rng *r,
			  uint16_t family)
{
	static const uint8_t cmds[] = { NETANOM_CMD_GET_EXE,
					NETANOM_CMD_SET_CONFIG,
					NETANOM_CMD_SET_EXCLUDE };
	size_t b[64], n, i, cut;
	struct nlattr a;

	nf_template(c, r, family, cmds[nf_rng_below(r, 3)], 0);
	n = nf_attr_bounds(c, b, 64);
	if (n < 2) {
		nf_end(c);
		c->expect = NF_ANY;
		return;
	}
	i = nf_rng_below(r, (uint32_t)(n - 1));
	memcpy(&a, c->buf + b[i], sizeof(a));
	/*
	 * Strictly inside attribute i's own length: a cut in its padding
	 * would leave a whole attribute, which netlink takes as valid.
	 */
	cut = b[i] + 1 + nf_rng_below(r, (uint32_t)(a.nla_len - 1));
	c->len = cut;
	nf_end(c);
	c->expect = NF_FAIL;
}

static void nf_trunc_nlmsg(struct nf_case *c, struct nf_rng *r,
			   uint16_t family)
{
	switch (nf_rng_below(r, 3)) {
	case 0:		/* less than a netlink header */
		nf_template(c, r, family, nf_any_cmd(r), 0);
		nf_end(c);
		c->len = 1 + nf_rng_below(r, NLMSG_HDRLEN - 1);
		break;
	case 1:		/* nlmsg_len below the header's own size */
		nf_template(c, r, family, nf_any_cmd(r), 0);
		nf_set_len(c, nf_rng_below(r, NLMSG_HDRLEN));
		break;
	default:	/* nlmsg_len beyond the bytes sent */
		nf_template(c, r, family, nf_any_cmd(r), 0);
		nf_set_len(c, (uint32_t)c->len + 1 + nf_rng_below(r, 4096));
		break;
	}
	c->expect = NF_NO_REPLY;
}

static void nf_flags(struct nf_case *c, struct nf_rng *r, uint16_t family)
{
	uint8_t cmd = nf_any_cmd(r);
	uint16_t flags = (uint16_t)(nf_rng_next(r) | NF_REQ);
	int dump = (flags & NLM_F_DUMP) == NLM_F_DUMP;
	struct nlmsghdr nlh;

	c->expect = nf_template(c, r, family, cmd, dump);
	memcpy(&nlh, c->buf, sizeof(nlh));
	nlh.nlmsg_flags = flags;
	memcpy(c->buf, &nlh, sizeof(nlh));
	/* genetlink's version and reserved bytes. */
	nf_rng_fill(r, c->buf + NLMSG_HDRLEN + 1, 3);
	nf_end(c);
	if (dump && cmd != NETANOM_CMD_GET_EXE)
		c->expect = NF_FAIL;
}

static void nf_bitflip(struct nf_case *c, struct nf_rng *r, uint16_t family)
{
	unsigned int i, n = 1 + nf_rng_below(r, 8);
	size_t pos;

	nf_template(c, r, family, nf_any_cmd(r), !nf_rng_below(r, 8));
	nf_end(c);
	for (i = 0; i < n; i++) {
		pos = NLMSG_HDRLEN + nf_rng_below(r, (uint32_t)(c->len - NLMSG_HDRLEN));
		c->buf[pos] ^= (uint8_t)(1U << nf_rng_below(r, 8));
	}
	memcpy(&c->cmd, c->buf + NLMSG_HDRLEN, 1);
	c->expect = NF_ANY;
}

static void nf_random_stream(struct nf_case *c, struct nf_rng *r,
			     unsigned int depth)
{
	unsigned int i, n = nf_rng_below(r, 6);
	uint16_t type;
	size_t nest;

	for (i = 0; i < n; i++) {
		type = (uint16_t)nf_rng_below(r, 40) |
		       (uint16_t)(nf_rng_below(r, 4) << 14);
		if (depth && (type & NLA_F_NESTED)) {
			nest = nf_nest_start(c, type);
			nf_random_stream(c, r, depth - 1);
			nf_nest_end(c, nest);
		} else {
			nf_put_random_attr(c, r, type);
		}
	}
}

static void nf_random_attrs(struct nf_case *c, struct nf_rng *r,
			    uint16_t family)
{
	uint8_t cmd = nf_any_cmd(r);
	int dump = cmd == NETANOM_CMD_GET_EXE && nf_rng_below(r, 2);

	nf_start(c, family, NF_REQ | (dump ? NLM_F_DUMP : 0), cmd);
	nf_random_stream(c, r, 3);
	nf_end(c);
	/* A dump that carries anything must be refused. */
	c->expect = dump && c->len > NLMSG_HDRLEN + GENL_HDRLEN ? NF_FAIL :
								  NF_ANY;
}

/* Cumulative weights of the mutations after the sweep. */
static const struct {
	enum nf_kind kind;
	unsigned int weight;
} nf_weights[] = {
	{ NF_VALID, 5 }, { NF_UNKNOWN_CMD, 5 }, { NF_DUMP_ON_DO, 4 },
	{ NF_DUMP_WITH_ATTRS, 4 }, { NF_FOREIGN_ATTR, 10 },
	{ NF_WRONG_LEN, 10 }, { NF_NEST, 12 }, { NF_TRUNC_ATTR, 8 },
	{ NF_TAIL, 5 }, { NF_TRUNC_GENL, 4 }, { NF_TRUNC_NLMSG, 4 },
	{ NF_FLAGS, 8 }, { NF_BITFLIP, 12 }, { NF_RANDOM_ATTRS, 9 },
};

static enum nf_kind nf_pick(struct nf_rng *r)
{
	unsigned int total = 0, i, v;

	for (i = 0; i < sizeof(nf_weights) / sizeof(nf_weights[0]); i++)
		total += nf_weights[i].weight;
	v = nf_rng_below(r, total);
	for (i = 0; v >= nf_weights[i].weight; i++)
		v -= nf_weights[i].weight;
	return nf_weights[i].kind;
}

static void nf_mutate(struct nf_case *c, struct nf_rng *r, uint16_t family,
		      enum nf_kind k)
{
	uint8_t cmd, tail[3];
	int dump;

	switch (k) {
	case NF_VALID:
		cmd = nf_any_cmd(r);
		dump = cmd == NETANOM_CMD_GET_EXE && nf_rng_below(r, 2);
		c->expect = nf_template(c, r, family, cmd, dump);
		break;
	case NF_UNKNOWN_CMD:
		nf_start(c, family, NF_REQ | (nf_rng_below(r, 2) ? NLM_F_DUMP : 0),
			 nf_unknown_cmd(r));
		if (nf_rng_below(r, 2))
			nf_random_stream(c, r, 1);
		c->expect = NF_FAIL;
		break;
	case NF_DUMP_ON_DO:
		nf_template(c, r, family,
			    (uint8_t)(NETANOM_CMD_GET_STATS +
				      nf_rng_below(r, NETANOM_CMD_MAX - 1)), 1);
		c->expect = NF_FAIL;
		break;
	case NF_DUMP_WITH_ATTRS:
		nf_start(c, family, NF_REQ | NLM_F_DUMP, NETANOM_CMD_GET_EXE);
		switch (nf_rng_below(r, 4)) {
		case 0:
			nf_put(c, NETANOM_A_EXE_PATH, "/bin/sh", 8);
			break;
		case 1:
			nf_put_u64(c, NETANOM_A_EXE_DEV, 1);
			nf_put_u64(c, NETANOM_A_EXE_INO, 1);
			break;
		case 2:
			nf_put_random_attr(c, r, nf_foreign_type(r, c->cmd, 1));
			break;
		default:
			nf_put(c, NETANOM_A_PAD, NULL, 0);
			break;
		}
		c->expect = NF_FAIL;
		break;
	case NF_FOREIGN_ATTR:
		cmd = nf_any_cmd(r);
		dump = cmd == NETANOM_CMD_GET_EXE && nf_rng_below(r, 2);
		nf_template(c, r, family, cmd, dump);
		nf_put_random_attr(c, r, (uint16_t)(nf_foreign_type(r, cmd, dump) |
			(nf_rng_below(r, 4) << 14)));
		c->expect = NF_FAIL;
		break;
	case NF_WRONG_LEN:
		nf_wrong_len(c, r, family);
		break;
	case NF_NEST:
		nf_nest(c, r, family);
		break;
	case NF_TRUNC_ATTR:
		nf_trunc_attr(c, r, family);
		break;
	case NF_TAIL:
		nf_template(c, r, family, nf_any_cmd(r), 0);
		nf_rng_fill(r, tail, sizeof(tail));
		nf_raw(c, tail, 1 + nf_rng_below(r, 3));
		c->expect = NF_FAIL;
		break;
	case NF_TRUNC_GENL:
		nf_template(c, r, family, nf_any_cmd(r), nf_rng_below(r, 2));
		c->len = NLMSG_HDRLEN + nf_rng_below(r, GENL_HDRLEN);
		c->expect = NF_FAIL;
		break;
	case NF_TRUNC_NLMSG:
		nf_trunc_nlmsg(c, r, family);
		return;
	case NF_FLAGS:
		nf_flags(c, r, family);
		return;
	case NF_BITFLIP:
		nf_bitflip(c, r, family);
		return;
	default:
		nf_random_attrs(c, r, family);
		return;
	}
	nf_end(c);
}

/**
 * nf_generate() - make case @n of the run with @seed
 * @c: filled in
 * @family: the family id to address
 * @seed: the run's seed
 * @n: case number
 */
void nf_generate(struct nf_case *c, uint16_t family, uint64_t seed,
		 uint64_t n)
{
	struct nf_rng r;

	nf_rng_seed(&r, seed, n);
	if (n < nf_sweep_cases()) {
		nf_sweep(c, &r, family, n);
		return;
	}
	c->kind = nf_pick(&r);
	nf_mutate(c, &r, family, c->kind);
}
