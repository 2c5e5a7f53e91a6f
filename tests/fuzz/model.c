// SPDX-License-Identifier: GPL-2.0
/*
 * The protocol as the header documents it, reduced to what the fuzzer needs
 * to know which requests must fail: the attributes each command takes and
 * their sizes.  Written from the header, not from the module's policies.
 */
#include <linux/netanom.h>
#include "model.h"

int nf_model_known_cmd(uint8_t cmd)
{
	return cmd >= NETANOM_CMD_GET_EXE && cmd <= NETANOM_CMD_MAX;
}

/**
 * nf_model_attr() - what @cmd takes as top-level attribute @type
 * @cmd: command
 * @dump: the request is a dump (GET_EXE's dump takes nothing)
 * @type: attribute type, flags masked off
 *
 * Return: its kind, NF_A_NONE when the command does not take it.
 */
enum nf_attr_kind nf_model_attr(uint8_t cmd, int dump, uint16_t type)
{
	switch (cmd) {
	case NETANOM_CMD_GET_EXE:
		if (dump)
			return NF_A_NONE;
		if (type == NETANOM_A_EXE_DEV || type == NETANOM_A_EXE_INO)
			return NF_A_U64;
		if (type == NETANOM_A_EXE_PATH)
			return NF_A_NUL_STRING;
		return NF_A_NONE;
	case NETANOM_CMD_SET_CONFIG:
		return type == NETANOM_A_CONFIG_FLAGS ? NF_A_BITFIELD32 :
							NF_A_NONE;
	case NETANOM_CMD_SET_EXCLUDE:
		return type == NETANOM_A_CONFIG_EXCLUDE_DESTS ||
		       type == NETANOM_A_CONFIG_EXCLUDE_UIDS ? NF_A_NESTED :
							       NF_A_NONE;
	default:
		return NF_A_NONE;
	}
}

/* Whether a payload of @len bytes can be valid for @k at all. */
int nf_model_len_ok(enum nf_attr_kind k, size_t len)
{
	switch (k) {
	case NF_A_U64:
	case NF_A_BITFIELD32:
		return len == 8;
	case NF_A_NUL_STRING:
		return len >= 1 && len <= 4096;
	case NF_A_NESTED:
		return 1;
	default:
		return 0;
	}
}
