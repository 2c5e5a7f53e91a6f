/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One fuzzing run: the socket, the batch in flight, what came back and the
 * tallies the report is made of.
 */
#ifndef NF_RUN_H
#define NF_RUN_H

#include <stdint.h>
#include "fuzz.h"

/* Requests per datagram at most; their answers must fit the socket. */
#define NF_BATCH_MAX	64
/* Datagram size: a batch of small requests, or a few large ones. */
#define NF_DGRAM	(64 * 1024)
/* Highest errno the report breaks down. */
#define NF_ERRNO_MAX	140

/* The checks, each a TAP line at the end. */
enum nf_check {
	NF_CHK_ANSWER,		/* an answer iff netlink must give one */
	NF_CHK_REFUSED,		/* every request that must fail, failed */
	NF_CHK_EXTACK,		/* every refusal past genetlink says why */
	NF_CHK_KADDR,		/* no kernel address in a reply */
	NF_CHK_DENIED,		/* denied mode: nothing allowed, no data */
	NF_CHK_GROUP,		/* denied mode: the events group is closed */
	NF_NR_CHECKS,
};

/**
 * struct nf_slot - one request of the batch in flight
 * @n: case number
 * @kind: how it was made
 * @expect: what it must get
 * @dump: sent as a dump
 * @answered: an ack, error or NLMSG_DONE came
 * @error: its errno, negative, or 0
 * @has_ext: the error carried an extack message
 * @data: data messages received for it
 */
struct nf_slot {
	uint64_t n;
	enum nf_kind kind;
	enum nf_expect expect;
	int dump;
	int answered;
	int error;
	int has_ext;
	unsigned int data;
};

struct nf_tally {
	unsigned long sent;
	unsigned long accepted;
	unsigned long refused;
	unsigned long unanswered;
	unsigned long no_ext;
};

/**
 * struct nf_run - everything one run needs
 * @fd: the netlink socket
 * @family: family id
 * @seed: the seed
 * @denied: 0 (root), or the errno every request must get
 * @batch: requests per datagram
 * @verbose: print every extack message
 * @group_tried: denied mode tried to join the events group
 * @seq_base: sequence number of slot 0
 * @slot: the batch in flight
 * @nslots: its size
 * @dgram: its bytes
 * @dlen: their length
 * @tally: per kind
 * @no_ext: refusals without an extack message, per kind and errno
 * @fails: failures per check
 * @shown: failures printed so far
 * @rbuf: receive buffer
 */
struct nf_run {
	int fd;
	uint16_t family;
	uint64_t seed;
	int denied;
	unsigned int batch;
	int verbose;
	int group_tried;
	uint32_t seq_base;
	struct nf_slot slot[NF_BATCH_MAX];
	unsigned int nslots;
	uint8_t dgram[NF_DGRAM];
	size_t dlen;
	struct nf_tally tally[NF_NR_KINDS];
	unsigned long no_ext[NF_NR_KINDS][NF_ERRNO_MAX + 1];
	unsigned long fails[NF_NR_CHECKS];
	unsigned int shown;
	uint8_t rbuf[256 * 1024];
};

/* wire.c */
int nf_add(struct nf_run *run, const struct nf_case *c, uint64_t n);
int nf_flush(struct nf_run *run);

/* verdict.c */
void nf_fail(struct nf_run *run, enum nf_check chk, uint64_t n,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void nf_judge(struct nf_run *run, const struct nf_slot *s);
int nf_report(const struct nf_run *run);

#endif /* NF_RUN_H */
