// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzzer's random numbers: splitmix64, seeded from the run's seed and
 * the case number, so that any one case can be made again on its own.
 */
#include <string.h>
#include "fuzz.h"

void nf_rng_seed(struct nf_rng *r, uint64_t seed, uint64_t n)
{
	r->s = seed ^ (n * 0xd1342543de82ef95ULL);
	nf_rng_next(r);
}

uint64_t nf_rng_next(struct nf_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform enough for a fuzzer; n > 0. */
uint32_t nf_rng_below(struct nf_rng *r, uint32_t n)
{
	return (uint32_t)(nf_rng_next(r) % n);
}

void nf_rng_fill(struct nf_rng *r, void *buf, size_t len)
{
	uint8_t *p = buf;
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!(i % 8))
			v = nf_rng_next(r);
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}
