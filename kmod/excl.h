/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exclusion lists: destination CIDRs and uids whose uses are counted
 * as "excluded" instead of in the main counters.  One immutable object
 * holds both lists; a change builds a new one and swaps the pointer under
 * RCU, so a probe sees either the old lists or the new ones.
 */
#ifndef _NETANOM_EXCL_H
#define _NETANOM_EXCL_H

#include <linux/rcupdate.h>
#include <linux/types.h>
#include <uapi/linux/netanom.h>
#include "table.h"

/**
 * struct netanom_cidr - one destination network
 * @family: AF_INET or AF_INET6
 * @prefix: prefix length, at most 32 or 128
 * @addr: network address, host bits clear; 4 bytes used for AF_INET
 */
struct netanom_cidr {
	u16 family;
	u8 prefix;
	u8 addr[16];
};

/**
 * struct netanom_excl - both exclusion lists, never changed once published
 * @rcu: deferred free
 * @nr_dests: CIDRs in @dests
 * @nr_uids: uids in @uids
 * @dests: destination CIDRs
 * @uids: uids in the initial user namespace
 */
struct netanom_excl {
	struct rcu_head rcu;
	unsigned int nr_dests;
	unsigned int nr_uids;
	struct netanom_cidr dests[NETANOM_EXCLUDE_MAX_DESTS];
	u32 uids[NETANOM_EXCLUDE_MAX_UIDS];
};

void netanom_cidr_mask(struct netanom_cidr *c);
bool netanom_cidr_match(const struct netanom_cidr *c,
			const struct netanom_dest *d);
bool netanom_excl_match(const struct netanom_excl *x,
			const struct netanom_sample *s);

#endif /* _NETANOM_EXCL_H */
