/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netanom-fuzz: generated and mutated requests to the "netanom" generic
 * netlink family, each with what the kernel must answer.
 */
#ifndef NF_FUZZ_H
#define NF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Largest message the generator builds (a path longer than PATH_MAX). */
#define NF_MSG_MAX	8192

/* How a case was made; the report is broken down by it. */
enum nf_kind {
	NF_VALID,		/* a well-formed request */
	NF_SWEEP,		/* every attribute type and length, per command */
	NF_UNKNOWN_CMD,		/* a command the family does not have */
	NF_DUMP_ON_DO,		/* NLM_F_DUMP on a do-only command */
	NF_DUMP_WITH_ATTRS,	/* a GET_EXE dump that carries attributes */
	NF_FOREIGN_ATTR,	/* an attribute the command does not take */
	NF_WRONG_LEN,		/* a known attribute with a wrong length */
	NF_NEST,		/* broken nesting in the exclusion lists */
	NF_TRUNC_ATTR,		/* message ends inside an attribute */
	NF_TAIL,		/* 1-3 stray bytes after the attributes */
	NF_TRUNC_GENL,		/* shorter than the genetlink header */
	NF_TRUNC_NLMSG,		/* broken netlink header: dropped unanswered */
	NF_FLAGS,		/* odd netlink flags and genetlink header bytes */
	NF_BITFLIP,		/* random bits flipped after the netlink header */
	NF_RANDOM_ATTRS,	/* a random stream of attributes */
	NF_NR_KINDS,
};

/* What the kernel must answer. */
enum nf_expect {
	NF_ANY,			/* success or an error */
	NF_FAIL,		/* an error */
	NF_NO_REPLY,		/* nothing: netlink drops the message */
};

/**
 * struct nf_case - one generated request
 * @buf: the bytes, possibly not a valid netlink message
 * @len: bytes to send
 * @kind: how it was made
 * @expect: what the kernel must answer
 * @cmd: the command in its genetlink header (for the report)
 * @dump: sent with NLM_F_DUMP (ends a batch: one dump at a time)
 */
struct nf_case {
	uint8_t buf[NF_MSG_MAX];
	size_t len;
	enum nf_kind kind;
	enum nf_expect expect;
	uint8_t cmd;
	int dump;
};

/**
 * struct nf_rng - splitmix64, so that case N depends only on seed and N
 * @s: state
 */
struct nf_rng {
	uint64_t s;
};

void nf_rng_seed(struct nf_rng *r, uint64_t seed, uint64_t n);
uint64_t nf_rng_next(struct nf_rng *r);
uint32_t nf_rng_below(struct nf_rng *r, uint32_t n);
void nf_rng_fill(struct nf_rng *r, void *buf, size_t len);

/* gen.c */
void nf_generate(struct nf_case *c, uint16_t family, uint64_t seed,
		 uint64_t n);
const char *nf_kind_name(enum nf_kind k);
uint64_t nf_sweep_cases(void);

#endif /* NF_FUZZ_H */
