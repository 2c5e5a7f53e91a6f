// SPDX-License-Identifier: LGPL-2.1-or-later
/* Parsing the NETANOM_CMD_GET_CONFIG reply: a struct nla_bitfield32. */
#include <errno.h>
#include <string.h>

#include "nl.h"

static const struct nl_attr_rule config_rules[NETANOM_A_MAX + 1] = {
	[NETANOM_A_CONFIG_FLAGS] = { MNL_TYPE_BINARY,
				     sizeof(struct nla_bitfield32),
				     sizeof(struct nla_bitfield32), "flags" },
};

/**
 * nl_parse_config() - the flags of a config reply
 * @nlh: the reply
 * @flags: the value of NETANOM_A_CONFIG_FLAGS, masked by its selector
 * @err: error details, or NULL
 *
 * Return: 0 or -EPROTO (malformed, or no flags).
 */
int nl_parse_config(const struct nlmsghdr *nlh, uint32_t *flags,
		    struct netanom_error *err)
{
	const struct nlattr *tb[NETANOM_A_MAX + 1];
	struct nla_bitfield32 bf;
	int ret;

	ret = nl_attrs_parse_genl(nlh, config_rules, NETANOM_A_MAX, tb, err);
	if (ret < 0)
		return ret;
	if (!tb[NETANOM_A_CONFIG_FLAGS])
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "config reply without flags");
	memcpy(&bf, mnl_attr_get_payload(tb[NETANOM_A_CONFIG_FLAGS]),
	       sizeof(bf));
	*flags = bf.value & bf.selector;
	return 0;
}
