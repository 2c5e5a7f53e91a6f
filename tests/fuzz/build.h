/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing netlink messages byte by byte, so that they can be wrong in
 * ways no netlink library would produce.
 */
#ifndef NF_BUILD_H
#define NF_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include "fuzz.h"

void nf_start(struct nf_case *c, uint16_t family, uint16_t flags,
	      uint8_t cmd);
size_t nf_put(struct nf_case *c, uint16_t type, const void *data,
	      size_t len);
size_t nf_put_u64(struct nf_case *c, uint16_t type, uint64_t v);
size_t nf_put_u32(struct nf_case *c, uint16_t type, uint32_t v);
size_t nf_put_u8(struct nf_case *c, uint16_t type, uint8_t v);
size_t nf_nest_start(struct nf_case *c, uint16_t type);
void nf_nest_end(struct nf_case *c, size_t start);
void nf_raw(struct nf_case *c, const void *data, size_t len);
void nf_end(struct nf_case *c);
void nf_set_len(struct nf_case *c, uint32_t nlmsg_len);

#endif /* NF_BUILD_H */
