// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The end of a reply stream: an NLMSG_ERROR (an ack when its error is 0)
 * or an NLMSG_DONE, and the extended ack attributes the kernel appends
 * (NLM_F_ACK_TLVS) when the socket has NETLINK_EXT_ACK.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nl.h"

static const struct nl_attr_rule extack_rules[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG]	  = { MNL_TYPE_NUL_STRING, 0, 4096, "msg" },
	[NLMSGERR_ATTR_OFFS]	  = { MNL_TYPE_U32, 0, 0, "offs" },
	[NLMSGERR_ATTR_MISS_TYPE] = { MNL_TYPE_U32, 0, 0, "miss_type" },
};

/* Malformed extended ack attributes lose the message, not the error. */
static void parse_extack(const char *buf, size_t len,
			 struct netanom_error *err)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (nl_attrs_parse(buf, len, extack_rules, NLMSGERR_ATTR_MAX, tb,
			   NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(err->msg, sizeof(err->msg), "%s",
			 mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_OFFS])
		err->bad_attr_offset = mnl_attr_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	if (tb[NLMSGERR_ATTR_MISS_TYPE])
		err->missing_attr =
			mnl_attr_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
}

/* Where the attributes start: after the error code and, unless the kernel
 * capped it (NETLINK_CAP_ACK), after the echoed request. */
static int tlv_offset(const struct nlmsghdr *nlh, size_t *off)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t len = mnl_nlmsg_get_payload_len(nlh);

	if (nlh->nlmsg_type == NLMSG_DONE) {
		*off = sizeof(int);
		return 0;
	}
	*off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < sizeof(struct nlmsghdr))
			return -1;
		*off += NLMSG_ALIGN(e->msg.nlmsg_len - sizeof(struct nlmsghdr));
	}
	return *off <= len ? 0 : -1;
}

static int error_code(const struct nlmsghdr *nlh, int *code)
{
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	size_t need = nlh->nlmsg_type == NLMSG_DONE ? sizeof(int) :
			sizeof(struct nlmsgerr);

	if (len < need)
		return -1;
	memcpy(code, mnl_nlmsg_get_payload(nlh), sizeof(*code));
	return 0;
}

/**
 * nl_parse_error() - the result an NLMSG_ERROR or NLMSG_DONE carries
 * @nlh: the message
 * @err: filled when the kernel reports an error, or NULL
 *
 * An NLMSG_DONE without a payload counts as success.
 *
 * Return: 0 for an ack or a clean end of dump; the kernel's negative errno
 * (NETANOM_ERR_KERNEL, with its message); -EPROTO if malformed.
 */
int nl_parse_error(const struct nlmsghdr *nlh, struct netanom_error *err)
{
	size_t off;
	int code;

	if (nlh->nlmsg_type == NLMSG_DONE && !mnl_nlmsg_get_payload_len(nlh))
		return 0;
	if (error_code(nlh, &code) < 0)
		return nl_err_set(err, NETANOM_ERR_PROTOCOL, EPROTO, NULL,
				  "truncated %s message",
				  nlh->nlmsg_type == NLMSG_DONE ? "done" :
				  "error");
	if (code >= 0)
		return 0;
	if (code < -4095)	/* not an errno: do not index strerror() */
		code = -EPROTO;
	nl_err_set(err, NETANOM_ERR_KERNEL, -code, NULL, NULL);
	if (err && (nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    tlv_offset(nlh, &off) == 0)
		parse_extack((const char *)mnl_nlmsg_get_payload(nlh) + off,
			     mnl_nlmsg_get_payload_len(nlh) - off, err);
	return code;
}
