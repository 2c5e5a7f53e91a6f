/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What each command of include/uapi/linux/netanom.h takes, as the fuzzer's
 * oracle: an attribute outside it, or of the wrong size, must be refused.
 */
#ifndef NF_MODEL_H
#define NF_MODEL_H

#include <stddef.h>
#include <stdint.h>

enum nf_attr_kind {
	NF_A_NONE,		/* not taken by this command */
	NF_A_U64,
	NF_A_NUL_STRING,
	NF_A_BITFIELD32,
	NF_A_NESTED,
};

enum nf_attr_kind nf_model_attr(uint8_t cmd, int dump, uint16_t type);
int nf_model_len_ok(enum nf_attr_kind k, size_t len);
int nf_model_known_cmd(uint8_t cmd);

#endif /* NF_MODEL_H */
