/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The conformance client's shared state, TAP output and the decoded form of
 * the module's replies.
 */
#ifndef NC_CONFORMANCE_H
#define NC_CONFORMANCE_H

#include <stdint.h>
#include <linux/netanom.h>
#include "nl.h"

/**
 * struct nc - one run
 * @sk: generic netlink socket, extended acks on
 * @family: resolved id of the "netanom" family
 * @passed: checks passed so far
 * @failed: checks failed so far
 * @destructive: run the checks that empty the table
 * @expect_entries: entries the dump must hold, or -1
 */
struct nc {
	struct nl_sock *sk;
	int family;
	unsigned int passed;
	unsigned int failed;
	int destructive;
	long expect_entries;
};

/* One NETANOM_CMD_GET_EXE message, decoded and checked. */
struct nc_exe {
	uint64_t dev;
	uint64_t ino;
	char *path;
	char comm[NETANOM_COMM_LEN];
	uint64_t count[5];	/* TCP4, TCP6, UDP4, UDP6, OTHER */
	uint64_t loopback;
	uint64_t first_seen;
	uint64_t last_seen;
	uint32_t last_pid;
	uint32_t last_uid;
	int has_family;
	uint16_t last_family;
	uint8_t last_addr[16];
	int addr_len;		/* 0 when absent */
	int has_port;
	uint16_t last_port;
	uint64_t use[4];	/* SENDTO, FASTOPEN, LISTEN, ACCEPT */
};

enum { NC_TCP4, NC_TCP6, NC_UDP4, NC_UDP6, NC_OTHER };
enum { NC_SENDTO, NC_FASTOPEN, NC_LISTEN, NC_ACCEPT, NC_NR_USES };

struct nc_stats {
	uint64_t hits;
	uint32_t entries;
	uint32_t max_entries;
	uint64_t dropped;
	uint64_t alloc_failures;
	uint64_t bytes;
	uint64_t events_sent;
	uint64_t events_dropped;
	uint64_t resets;
	uint64_t instance;
	uint8_t locked;
};

/* TAP */
void nc_report(struct nc *c, int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void nc_skip(struct nc *c, const char *name, const char *why);
void nc_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Decoding (msgs.c); each returns 0 or -1 with a reason in @why. */
int nc_decode_exe(struct nl_msg *msg, struct nc_exe *e, char *why,
		  size_t whylen);
int nc_decode_stats(struct nl_msg *msg, struct nc_stats *st, char *why,
		    size_t whylen);
int nc_decode_config(struct nl_msg *msg, uint32_t *value, uint32_t *selector,
		     char *why, size_t whylen);
void nc_exe_free(struct nc_exe *e);

/* Requests (requests.c) */
int nc_get_stats(struct nc *c, struct nc_stats *st, struct nc_reply *r,
		 char *why, size_t whylen);
int nc_get_config(struct nc *c, uint32_t *flags, struct nc_reply *r,
		  char *why, size_t whylen);
int nc_set_config(struct nc *c, uint32_t value, uint32_t selector,
		  struct nc_reply *r);
int nc_get_exe_key(struct nc *c, uint64_t dev, uint64_t ino,
		   struct nc_exe *e, struct nc_reply *r, char *why,
		   size_t whylen);
int nc_get_exe_path(struct nc *c, const char *path, struct nc_exe *e,
		    struct nc_reply *r, char *why, size_t whylen);

/* A whole dump of the table. */
struct nc_dump {
	struct nc_exe *v;
	size_t n;
	size_t cap;
	unsigned int bad;	/* messages that failed to decode */
	char why[256];		/* the first reason */
	struct nc_reply r;
};

int nc_dump(struct nc *c, struct nl_sock *sk, struct nc_dump *d);
void nc_dump_free(struct nc_dump *d);

/* Groups of checks */
int nc_check_family(struct nc *c);
void nc_check_requests(struct nc *c);
void nc_check_rejections(struct nc *c);
void nc_check_counting(struct nc *c);
void nc_check_exclusions(struct nc *c);
void nc_check_table(struct nc *c);
void nc_check_permissions(struct nc *c);
void nc_check_reset(struct nc *c);

#endif /* NC_CONFORMANCE_H */
