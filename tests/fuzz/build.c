// SPDX-License-Identifier: GPL-2.0
/*
 * The message builder: a netlink and genetlink header and attributes,
 * written into struct nf_case.  Nothing is checked here but the size of the
 * buffer: the generator decides what is wrong.
 */
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "build.h"

/**
 * nf_start() - begin a message: netlink header and genetlink header
 * @c: the case
 * @family: nlmsg_type
 * @flags: nlmsg_flags
 * @cmd: genetlink command
 */
void nf_start(struct nf_case *c, uint16_t family, uint16_t flags, uint8_t cmd)
{
	struct nlmsghdr nlh = {
		.nlmsg_type = family,
		.nlmsg_flags = flags,
	};
	struct genlmsghdr g = { .cmd = cmd, .version = 1 };

	memset(c->buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	memcpy(c->buf, &nlh, sizeof(nlh));
	memcpy(c->buf + NLMSG_HDRLEN, &g, sizeof(g));
	c->len = NLMSG_HDRLEN + GENL_HDRLEN;
	c->cmd = cmd;
	c->dump = (flags & NLM_F_DUMP) == NLM_F_DUMP;
}

/* Bytes as they are, with no attribute header; cut at the buffer's end. */
void nf_raw(struct nf_case *c, const void *data, size_t len)
{
	if (len > NF_MSG_MAX - c->len)
		len = NF_MSG_MAX - c->len;
	memcpy(c->buf + c->len, data, len);
	c->len += len;
}

/**
 * nf_put() - append an attribute, padded to 4 bytes
 * @c: the case
 * @type: nla_type, flags included
 * @data: payload, or NULL for zeros
 * @len: payload length
 *
 * Return: the attribute's offset (for nf_nest_end()).
 */
size_t nf_put(struct nf_case *c, uint16_t type, const void *data, size_t len)
{
	size_t start = c->len, total = NLA_ALIGN(NLA_HDRLEN + len);
	struct nlattr a = { .nla_type = type };

	if (total > NF_MSG_MAX - c->len || NLA_HDRLEN + len > 0xffff)
		return start;
	a.nla_len = (uint16_t)(NLA_HDRLEN + len);
	memset(c->buf + c->len, 0, total);
	memcpy(c->buf + c->len, &a, sizeof(a));
	if (data)
		memcpy(c->buf + c->len + NLA_HDRLEN, data, len);
	c->len += total;
	return start;
}

size_t nf_put_u64(struct nf_case *c, uint16_t type, uint64_t v)
{
	return nf_put(c, type, &v, sizeof(v));
}

size_t nf_put_u32(struct nf_case *c, uint16_t type, uint32_t v)
{
	return nf_put(c, type, &v, sizeof(v));
}

size_t nf_put_u8(struct nf_case *c, uint16_t type, uint8_t v)
{
	return nf_put(c, type, &v, sizeof(v));
}

/* An empty attribute whose length nf_nest_end() sets. */
size_t nf_nest_start(struct nf_case *c, uint16_t type)
{
	return nf_put(c, type, NULL, 0);
}

void nf_nest_end(struct nf_case *c, size_t start)
{
	size_t len = c->len - start;
	uint16_t l16 = len > 0xffff ? 0xffff : (uint16_t)len;

	memcpy(c->buf + start + offsetof(struct nlattr, nla_len), &l16,
	       sizeof(l16));
}

/* nlmsg_len of the message as it stands. */
void nf_end(struct nf_case *c)
{
	nf_set_len(c, (uint32_t)c->len);
}

void nf_set_len(struct nf_case *c, uint32_t nlmsg_len)
{
	memcpy(c->buf + offsetof(struct nlmsghdr, nlmsg_len), &nlmsg_len,
	       sizeof(nlmsg_len));
}
