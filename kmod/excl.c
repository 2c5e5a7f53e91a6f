// SPDX-License-Identifier: GPL-2.0
/*
 * Matching a use against the exclusion lists.  Pure functions, called from
 * the probes under rcu_read_lock() and tested by KUnit; the lists are short
 * (at most 64 entries each), so a linear scan costs less than any index.
 */
#include <linux/in.h>
#include <linux/socket.h>
#include <linux/string.h>
#include "excl.h"

static unsigned int netanom_cidr_bytes(u16 family)
{
	return family == AF_INET ? 4 : 16;
}

/**
 * netanom_cidr_mask() - clear the host bits of a CIDR's address
 * @c: CIDR with a valid family and prefix
 *
 * Also clears the bytes past the family's address length, so that two
 * equal CIDRs compare equal byte for byte.
 */
void netanom_cidr_mask(struct netanom_cidr *c)
{
	unsigned int full = c->prefix / 8, rest = c->prefix % 8;
	unsigned int n = netanom_cidr_bytes(c->family);

	if (full < n && rest) {
		c->addr[full] &= (u8)(0xff << (8 - rest));
		full++;
	}
	if (full < sizeof(c->addr))
		memset(c->addr + full, 0, sizeof(c->addr) - full);
}

/**
 * netanom_cidr_match() - whether a destination lies in a CIDR
 * @c: CIDR (host bits need not be clear)
 * @d: destination as classified (an IPv4-mapped address is AF_INET)
 *
 * Return: true when the families agree and the first @c->prefix bits of
 * the addresses are equal.
 */
bool netanom_cidr_match(const struct netanom_cidr *c,
			const struct netanom_dest *d)
{
	unsigned int full = c->prefix / 8, rest = c->prefix % 8;
	u8 mask;

	if (c->family != d->family ||
	    c->prefix > netanom_cidr_bytes(c->family) * 8)
		return false;
	if (memcmp(c->addr, d->addr, full))
		return false;
	if (!rest)
		return true;
	mask = (u8)(0xff << (8 - rest));
	return !((c->addr[full] ^ d->addr[full]) & mask);
}

/**
 * netanom_excl_match() - whether a use is excluded
 * @x: exclusion lists, or NULL for none
 * @s: the use; a destination family of 0 (listen, accept) matches no CIDR
 *
 * Return: true when @s->uid is in the uid list or @s->dest in a CIDR.
 */
bool netanom_excl_match(const struct netanom_excl *x,
			const struct netanom_sample *s)
{
	unsigned int i;

	if (!x)
		return false;
	for (i = 0; i < x->nr_uids; i++)
		if (x->uids[i] == s->uid)
			return true;
	if (s->dest.family != AF_INET && s->dest.family != AF_INET6)
		return false;
	for (i = 0; i < x->nr_dests; i++)
		if (netanom_cidr_match(&x->dests[i], &s->dest))
			return true;
	return false;
}
