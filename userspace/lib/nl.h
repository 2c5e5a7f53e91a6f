/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnetanom internals: the handle, the request layer and attribute
 * parsing.  Not installed; unit tests include it to drive each layer.
 */
#ifndef NETANOM_NL_H
#define NETANOM_NL_H

#include <stdbool.h>
#include <stdint.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "netanom.h"

/* Receive buffer: large enough for the biggest datagram the kernel sends
 * a dump reader (it sizes dump skbs up to 32 KiB). */
#define NL_BUF_SIZE	65536

/**
 * struct netanom - a handle
 * @tr: transport
 * @seq: sequence number of the last request
 * @family_id: generic netlink family id
 * @family_version: the version the family announced
 * @events_group: id of the "events" multicast group, 0 if none
 * @buf: request and receive buffer, NL_BUF_SIZE bytes
 */
struct netanom {
	struct netanom_transport tr;
	uint32_t seq;
	uint16_t family_id;
	uint32_t family_version;
	uint32_t events_group;
	char *buf;
};

/* error.c */
int nl_err_set(struct netanom_error *err, enum netanom_error_kind kind,
	       int code, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void nl_err_clear(struct netanom_error *err);
void nl_err_what(struct netanom_error *err, const char *what);

/* transport.c: a libmnl socket as a transport */
int nl_transport_mnl(struct netanom_transport *tr, struct netanom_error *err);

/* handle.c: allocation only; netanom_open_transport() also resolves */
struct netanom *nl_handle_new(const struct netanom_transport *tr);

/* family.c */
int nl_resolve_family(struct netanom *h, const char *name,
		      struct netanom_error *err);
int nl_parse_family(const struct nlmsghdr *nlh, const char *group,
		    uint16_t *id, uint32_t *version, uint32_t *group_id,
		    struct netanom_error *err);

/* extack.c */
int nl_parse_error(const struct nlmsghdr *nlh, struct netanom_error *err);

/* request.c: building requests */
struct nlmsghdr *nl_msg_start(struct netanom *h, uint16_t type,
			      uint16_t flags, uint8_t cmd, uint8_t version);
int nl_send(struct netanom *h, const struct nlmsghdr *nlh, const char *what,
	    struct netanom_error *err);

/**
 * typedef nl_msg_cb - called for each data message of a reply stream
 *
 * Return: 0 to go on, a negative errno (with @err filled) to fail the
 * request; the rest of the stream is still read and discarded.
 */
typedef int (*nl_msg_cb)(const struct nlmsghdr *nlh, void *data,
			 struct netanom_error *err);

/* stream.c: reading one reply stream up to its ack, error or DONE */
int nl_recv_stream(struct netanom *h, uint16_t type, nl_msg_cb cb,
		   void *data, bool *intr, const char *what,
		   struct netanom_error *err);

/* doit.c: one "do" request with NLM_F_ACK, its reply and its ack */
int nl_do(struct netanom *h, struct nlmsghdr *nlh, nl_msg_cb cb, void *data,
	  const char *what, struct netanom_error *err);

/**
 * typedef nl_restart_cb - a dump starts (again): forget what was collected
 */
typedef void (*nl_restart_cb)(void *data);

/* dump.c */
int nl_dump(struct netanom *h, uint8_t cmd, nl_msg_cb cb,
	    nl_restart_cb restart, void *data, const char *what,
	    struct netanom_error *err);

/**
 * struct nl_attr_rule - what an attribute must look like
 * @type: MNL_TYPE_U16/U32/U64/NUL_STRING/BINARY/NESTED; MNL_TYPE_UNSPEC
 *	for an attribute that is skipped
 * @min_len: BINARY: least payload length
 * @max_len: NUL_STRING and BINARY: greatest payload length, with the NUL
 * @name: for error messages
 */
struct nl_attr_rule {
	enum mnl_attr_data_type type;
	uint16_t min_len;
	uint16_t max_len;
	const char *name;
};

/* attr.c */
int nl_attrs_parse(const void *buf, size_t len,
		   const struct nl_attr_rule *rules, unsigned int max,
		   const struct nlattr **tb, struct netanom_error *err);
int nl_attrs_parse_genl(const struct nlmsghdr *nlh,
			const struct nl_attr_rule *rules, unsigned int max,
			const struct nlattr **tb, struct netanom_error *err);

/* parse_exe.c, parse_stats.c, parse_config.c: one reply message each */
int nl_parse_exe(const struct nlmsghdr *nlh, struct netanom_exe *out,
		 struct netanom_error *err);
int nl_parse_stats(const struct nlmsghdr *nlh, struct netanom_stats *out,
		   struct netanom_error *err);
int nl_parse_config(const struct nlmsghdr *nlh, uint32_t *flags,
		    struct netanom_error *err);
int nl_parse_event(const struct nlmsghdr *nlh, struct netanom_event *out,
		   struct netanom_error *err);

#endif /* NETANOM_NL_H */
