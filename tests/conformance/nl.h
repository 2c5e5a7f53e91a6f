/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transport of the conformance client: one request, every reply message,
 * the final error and the kernel's extended ack.  Written with libnl-genl-3
 * on purpose, so that it shares nothing with libnetanom (libmnl).
 */
#ifndef NC_NL_H
#define NC_NL_H

#include <stdint.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

/**
 * struct nc_reply - how the kernel answered one request
 * @error: 0, or the negative errno of NLMSG_ERROR (or of NLMSG_DONE)
 * @extack: NLMSGERR_ATTR_MSG, "" when absent
 * @miss_type: NLMSGERR_ATTR_MISS_TYPE, -1 when absent
 * @offs: NLMSGERR_ATTR_OFFS, -1 when absent
 * @nmsgs: data messages received (replies, dump parts)
 * @nrecv: datagrams read
 * @dump_intr: some message carried NLM_F_DUMP_INTR
 * @transport: a libnl error (send, receive, timeout), 0 when none
 */
struct nc_reply {
	int error;
	char extack[256];
	long miss_type;
	long offs;
	unsigned int nmsgs;
	unsigned int nrecv;
	int dump_intr;
	int transport;
};

/* Called for every data message of the answer. */
typedef void (*nc_msg_fn)(struct nl_msg *msg, void *arg);

struct nl_sock *nc_socket(void);
struct nl_sock *nc_socket_small(void);
struct nl_msg *nc_request(int family, uint8_t cmd, int flags);
int nc_transact(struct nl_sock *sk, struct nl_msg *msg, nc_msg_fn fn,
		void *arg, struct nc_reply *r);
const char *nc_strerror(const struct nc_reply *r);
void nc_parse_ext_ack(const struct nlmsghdr *nlh, struct nc_reply *r);

#endif /* NC_NL_H */
