/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnetanom - client library for the netanom generic netlink family.
 *
 * Three layers, one job each:
 *   1. the handle: a netlink socket (or a caller-supplied transport), the
 *      family id and the "events" multicast group id (netanom_open);
 *   2. requests: "do" requests answered by a reply and an ack, and dumps
 *      that restart from scratch when the kernel flags NLM_F_DUMP_INTR;
 *      NETLINK_EXT_ACK is on, so kernel error messages reach the caller;
 *   3. the domain calls below.
 *
 * Every call that can fail returns 0 or a negative errno value and, when
 * @err is not NULL, fills *@err with what failed and why.  The library has
 * no global state; a handle must not be used by two threads at once.
 *
 * The wire protocol is documented in <linux/netanom.h>.
 */
#ifndef NETANOM_LIB_H
#define NETANOM_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/netanom.h>

/* A dump interrupted by a table change (NLM_F_DUMP_INTR) is started again
 * from scratch, at most this many times in all. */
#define NETANOM_DUMP_ATTEMPTS	5

/**
 * enum netanom_error_kind - where an error came from
 * @NETANOM_ERR_NONE: no error
 * @NETANOM_ERR_SYSTEM: a system call or allocation failed; @code is errno
 * @NETANOM_ERR_KERNEL: the kernel answered the request with an error; @msg
 *	holds its extended ack message, if it sent one
 * @NETANOM_ERR_NOT_LOADED: the generic netlink family "netanom" does not
 *	exist: the kernel module is not loaded
 * @NETANOM_ERR_PROTOCOL: a reply did not follow the protocol; @msg says how
 * @NETANOM_ERR_INCONSISTENT: every attempt at a dump was interrupted by a
 *	concurrent change of the table
 * @NETANOM_ERR_INVALID: the caller passed an invalid argument
 * @NETANOM_ERR_OTHER_NETNS: the module is loaded, but the family does not
 *	exist in the caller's network namespace: it serves the initial one only
 */
enum netanom_error_kind {
	NETANOM_ERR_NONE,
	NETANOM_ERR_SYSTEM,
	NETANOM_ERR_KERNEL,
	NETANOM_ERR_NOT_LOADED,
	NETANOM_ERR_PROTOCOL,
	NETANOM_ERR_INCONSISTENT,
	NETANOM_ERR_INVALID,
	NETANOM_ERR_OTHER_NETNS,
};

/**
 * struct netanom_error - why a call failed
 * @kind: where the error came from
 * @code: positive errno value
 * @what: what was being done ("listing entries", ...)
 * @msg: the kernel's extended ack message (NLMSGERR_ATTR_MSG) for
 *	NETANOM_ERR_KERNEL, a description otherwise; "" when there is none
 * @bad_attr_offset: NLMSGERR_ATTR_OFFS, offset of the offending attribute
 *	in the request; 0 when the kernel did not send one
 * @missing_attr: NLMSGERR_ATTR_MISS_TYPE, type of a missing attribute;
 *	0 when the kernel did not send one
 */
struct netanom_error {
	enum netanom_error_kind kind;
	int code;
	char what[64];
	char msg[256];
	uint32_t bad_attr_offset;
	uint32_t missing_attr;
};

/**
 * netanom_error_format() - one line for the user, without a newline
 * @err: the error
 * @buf: output
 * @len: size of @buf
 *
 * "<what>: <strerror>[: <message>]"; a missing module and a missing
 * CAP_NET_ADMIN get a line that says what to do instead.
 *
 * Return: @buf.
 */
const char *netanom_error_format(const struct netanom_error *err, char *buf,
				 size_t len);

/**
 * struct netanom_transport - how a handle talks to the kernel
 * @send: send one request of @len bytes; 0 or a negative errno
 * @recv: receive one datagram into @buf (@len bytes); its length or a
 *	negative errno (-ENOSPC when it did not fit)
 * @close: release @ctx; may be NULL
 * @ctx: passed to the three functions
 * @portid: netlink port id of the socket; replies carry it
 * @join: join multicast group @group; 0 or a negative errno; NULL when the
 *	transport cannot (netanom_events_subscribe() then fails)
 * @fd: a descriptor that polls readable when @recv has a datagram, or -1
 *
 * netanom_open() uses a libmnl socket.  Tests and other transports pass
 * their own to netanom_open_transport().
 */
struct netanom_transport {
	int (*send)(void *ctx, const void *buf, size_t len);
	ssize_t (*recv)(void *ctx, void *buf, size_t len);
	void (*close)(void *ctx);
	void *ctx;
	uint32_t portid;
	int (*join)(void *ctx, uint32_t group);
	int fd;
};

struct netanom;

/**
 * netanom_open() - open a generic netlink socket and resolve the family
 * @hp: the new handle, on success
 * @err: error details, or NULL
 *
 * Return: 0, or a negative errno (-ENOENT with NETANOM_ERR_NOT_LOADED when
 * the module is not loaded).
 */
int netanom_open(struct netanom **hp, struct netanom_error *err);

/**
 * netanom_open_transport() - like netanom_open(), over @tr
 * @hp: the new handle, on success
 * @tr: the transport; the handle owns tr->ctx from here on, and calls
 *	tr->close even when this call fails
 * @err: error details, or NULL
 *
 * Return: 0 or a negative errno.
 */
int netanom_open_transport(struct netanom **hp,
			   const struct netanom_transport *tr,
			   struct netanom_error *err);

/** netanom_close() - close the handle (NULL is allowed) */
void netanom_close(struct netanom *h);

/** netanom_family_id() - the generic netlink family id of "netanom" */
uint16_t netanom_family_id(const struct netanom *h);

/** netanom_family_version() - the family version the kernel announced */
uint32_t netanom_family_version(const struct netanom *h);

/** netanom_events_group() - id of the "events" multicast group, 0 if none */
uint32_t netanom_events_group(const struct netanom *h);

/**
 * struct netanom_exe - one executable's entry (NETANOM_CMD_GET_EXE reply)
 * @dev: device of the executable file, as stat(2)'s st_dev
 * @ino: inode number of the executable file
 * @path: its path; never NULL, "" when the kernel sent none
 * @comm: comm of the first process seen, "" when the kernel sent none
 * @tcp4: connects counted as TCP over IPv4
 * @tcp6: connects counted as TCP over IPv6
 * @udp4: connects counted as UDP over IPv4
 * @udp6: connects counted as UDP over IPv6
 * @other: other connects
 * @loopback: the part of the five above towards a loopback address
 * @first_seen_ns: first counted connect, ns since the Unix epoch
 * @last_seen_ns: last counted connect, ns since the Unix epoch
 * @last_pid: thread-group id of the last connect
 * @last_uid: uid of the last connect
 * @last_family: address family of the last connect; 0 when not sent
 * @last_addr_len: 4 (AF_INET), 16 (AF_INET6) or 0 (no address)
 * @last_addr: destination address of the last connect, network byte order
 * @has_last_port: @last_port is valid
 * @last_port: destination port of the last connect, host byte order
 * @sendto: sends with a destination address on unconnected inet datagram
 *	sockets (not part of the connects)
 * @fastopen: TCP Fast Open sends (sendto with MSG_FASTOPEN), which open a
 *	connection without connect(2) (not part of the connects)
 * @listens: listen(2) calls on inet sockets
 * @accepts: TCP connections accepted
 *
 * Only @dev and @ino are required in a reply; a missing attribute leaves
 * its field zero.
 */
struct netanom_exe {
	uint64_t dev;
	uint64_t ino;
	char *path;
	char comm[NETANOM_COMM_LEN];
	uint64_t tcp4;
	uint64_t tcp6;
	uint64_t udp4;
	uint64_t udp6;
	uint64_t other;
	uint64_t loopback;
	uint64_t first_seen_ns;
	uint64_t last_seen_ns;
	uint32_t last_pid;
	uint32_t last_uid;
	uint16_t last_family;
	uint8_t last_addr_len;
	uint8_t last_addr[16];
	bool has_last_port;
	uint16_t last_port;
	uint64_t sendto;
	uint64_t fastopen;
	uint64_t listens;
	uint64_t accepts;
	uint64_t excluded;
};

/** struct netanom_exe_list - entries of a dump; free with the call below */
struct netanom_exe_list {
	struct netanom_exe *v;
	size_t n;
	size_t cap;
};

/** netanom_exe_free() - free what @e holds (not @e itself) */
void netanom_exe_free(struct netanom_exe *e);

/** netanom_exe_list_free() - free every entry and the array; empties @l */
void netanom_exe_list_free(struct netanom_exe_list *l);

/** netanom_exe_connects() - tcp4 + tcp6 + udp4 + udp6 + other (connect(2)
 * only: sendto, fastopen, listens and accepts are not included) */
uint64_t netanom_exe_connects(const struct netanom_exe *e);

/**
 * netanom_list() - dump every entry
 * @h: handle
 * @out: filled on success (caller frees with netanom_exe_list_free());
 *	left empty on failure
 * @err: error details, or NULL
 *
 * Return: 0 or a negative errno.
 */
int netanom_list(struct netanom *h, struct netanom_exe_list *out,
		 struct netanom_error *err);

/**
 * netanom_get_by_path() - the entry of the executable with this path
 * @h: handle
 * @path: as the kernel recorded it
 * @out: filled on success (caller frees with netanom_exe_free())
 * @err: error details, or NULL
 *
 * Return: 0, -ENOENT (NETANOM_ERR_KERNEL) when there is no such entry, or
 * another negative errno.
 */
int netanom_get_by_path(struct netanom *h, const char *path,
			struct netanom_exe *out, struct netanom_error *err);

/** netanom_get_by_id() - like netanom_get_by_path(), by (st_dev, st_ino) */
int netanom_get_by_id(struct netanom *h, uint64_t dev, uint64_t ino,
		      struct netanom_exe *out, struct netanom_error *err);

/** struct netanom_stats - NETANOM_CMD_GET_STATS reply; see the uapi header */
struct netanom_stats {
	uint64_t hits;
	uint32_t entries;
	uint32_t max_entries;
	uint64_t dropped;
	uint64_t alloc_failures;
	uint64_t bytes;
	uint64_t events_sent;
	uint64_t events_dropped;
	uint64_t resets;
	uint64_t instance;
	bool locked;
};

/** netanom_get_stats() - the module's counters */
int netanom_get_stats(struct netanom *h, struct netanom_stats *out,
		      struct netanom_error *err);

/** netanom_get_config() - current NETANOM_CONFIG_F_* flags into *@flags */
int netanom_get_config(struct netanom *h, uint32_t *flags,
		       struct netanom_error *err);

/**
 * netanom_set_config() - set the flags in @selector to their bit in @value
 * @h: handle
 * @value: new values
 * @selector: which flags to change; the others are left alone
 * @err: error details, or NULL
 *
 * Return: 0 or a negative errno (the kernel rejects unknown flags).
 */
int netanom_set_config(struct netanom *h, uint32_t value, uint32_t selector,
		       struct netanom_error *err);

/**
 * struct netanom_cidr - a destination network of the exclusion list
 * @family: AF_INET or AF_INET6
 * @prefix: prefix length, at most 32 or 128
 * @addr: address, network byte order; 4 bytes used for AF_INET
 */
struct netanom_cidr {
	uint16_t family;
	uint8_t prefix;
	uint8_t addr[16];
};

/**
 * struct netanom_exclude - the kernel's exclusion lists (see the uapi
 * header, NETANOM_CMD_SET_EXCLUDE)
 * @dests: destination CIDRs
 * @n_dests: how many
 * @uids: uids
 * @n_uids: how many
 */
struct netanom_exclude {
	struct netanom_cidr dests[NETANOM_EXCLUDE_MAX_DESTS];
	size_t n_dests;
	uint32_t uids[NETANOM_EXCLUDE_MAX_UIDS];
	size_t n_uids;
};

/** netanom_get_exclude() - the exclusion lists the module applies now */
int netanom_get_exclude(struct netanom *h, struct netanom_exclude *out,
			struct netanom_error *err);

/**
 * netanom_set_exclude() - replace the module's exclusion lists
 * @h: handle
 * @x: the new lists
 * @dests: replace the destination list with @x->dests
 * @uids: replace the uid list with @x->uids
 * @err: error details, or NULL
 *
 * Return: 0 or a negative errno; on error neither list changed.
 */
int netanom_set_exclude(struct netanom *h, const struct netanom_exclude *x,
			bool dests, bool uids, struct netanom_error *err);

/**
 * netanom_cidr_parse() - "ADDR/LEN" or a bare address (a /32 or /128)
 * @s: text
 * @out: the CIDR, host bits kept as written
 *
 * Return: 0 or -EINVAL.
 */
int netanom_cidr_parse(const char *s, struct netanom_cidr *out);

/* Longest text netanom_cidr_format() writes, with the NUL. */
#define NETANOM_CIDR_LEN	64

/** netanom_cidr_format() - "ADDR/LEN" into @buf; returns @buf */
const char *netanom_cidr_format(const struct netanom_cidr *c, char *buf,
				size_t len);

/**
 * struct netanom_event - a NETANOM_CMD_NEW_EXE event: an executable's first
 *	counted use of the network
 * @exe: the executable and the destination: @exe.dev, @exe.ino, @exe.path
 *	("" when the kernel sent none), @exe.comm (of the process), and
 *	@exe.last_family, @exe.last_addr_len, @exe.last_addr,
 *	@exe.has_last_port, @exe.last_port (family 0 for listen and accept);
 *	@exe.last_pid and @exe.last_uid are @tgid and @uid, @exe.last_seen_ns
 *	and @exe.first_seen_ns are @time_ns; the counters are zero.  So
 *	netanom_format_dest(&ev->exe, ...) formats the destination.
 * @time_ns: when, ns since the Unix epoch
 * @pid: thread id, initial pid namespace
 * @tgid: process id
 * @ppid: process id of the parent
 * @uid: uid, initial user namespace
 * @kind: enum netanom_event_kind, NETANOM_KIND_UNSPEC when not sent
 */
struct netanom_event {
	struct netanom_exe exe;
	uint64_t time_ns;
	uint32_t pid;
	uint32_t tgid;
	uint32_t ppid;
	uint32_t uid;
	uint8_t kind;
};

/**
 * netanom_events_subscribe() - join the "events" multicast group
 * @h: handle; give events a handle of their own: a subscribed handle
 *	receives events between the replies to its requests, and the
 *	request calls skip (lose) them
 * @err: error details, or NULL
 *
 * Needs CAP_NET_ADMIN (-EPERM otherwise).
 *
 * Return: 0, -ENOTSUP when the module has no events group or the transport
 * cannot join, or another negative errno.
 */
int netanom_events_subscribe(struct netanom *h, struct netanom_error *err);

/**
 * netanom_event_fd() - descriptor to poll(2) for events, -1 if none
 * @h: a subscribed handle
 */
int netanom_event_fd(const struct netanom *h);

/**
 * netanom_event_recv() - wait for the next event and parse it
 * @h: a subscribed handle
 * @out: filled on success (free with netanom_event_free()); zeroed
 *	otherwise
 * @err: error details, or NULL
 *
 * Blocks until a datagram arrives (poll netanom_event_fd() first to wait
 * with a timeout).  Datagrams that hold no event are skipped.
 *
 * Return: 0; -ENOBUFS when the socket's queue overflowed and events were
 * lost (the next call goes on with what follows); -EPROTO for a malformed
 * event; -EAGAIN on a non-blocking transport with nothing to read; or
 * another negative errno.
 */
int netanom_event_recv(struct netanom *h, struct netanom_event *out,
		       struct netanom_error *err);

/** netanom_event_free() - free what @ev holds (not @ev itself) */
void netanom_event_free(struct netanom_event *ev);

/**
 * netanom_event_kind_name() - "tcp4", "udp6", "sendto", "listen", ...
 * @kind: enum netanom_event_kind
 *
 * Return: a static string; "unknown" for a kind this library does not
 * know.
 */
const char *netanom_event_kind_name(unsigned int kind);

/** netanom_reset() - empty the kernel's table */
int netanom_reset(struct netanom *h, struct netanom_error *err);

/*
 * Room for what netanom_format_time() and netanom_format_dest() write,
 * NUL included, and for what netanom_put_time() and netanom_put_dest()
 * write.
 */
#define NETANOM_TIME_LEN	40
#define NETANOM_DEST_LEN	64

/* Room for what netanom_put_u64() writes: UINT64_MAX has 20 digits. */
#define NETANOM_U64_LEN		20

/**
 * netanom_put_u64() - @v in decimal, the text of "%" PRIu64
 * @o: output, NETANOM_U64_LEN bytes of room
 * @v: the number
 *
 * For writers that format in place, many numbers a line; no NUL.
 *
 * Return: the end of what was written.
 */
char *netanom_put_u64(char *o, uint64_t v);

/**
 * netanom_put_time() - the text of netanom_format_time(), in place
 * @o: output, NETANOM_TIME_LEN bytes of room (30 are written)
 * @ns: ns since the Unix epoch
 *
 * POSIX time, as the kernel's CLOCK_REALTIME counts it: every day has
 * 86,400 seconds (glibc's gmtime_r() would insert leap seconds under a
 * "right/" time zone; nothing else differs).  2^64 ns is in the year
 * 2554: the year always has four digits.  No NUL.
 *
 * Return: the end of what was written.
 */
char *netanom_put_time(char *o, uint64_t ns);

/**
 * netanom_put_dest() - the text of netanom_format_dest(), in place
 * @o: output, NETANOM_DEST_LEN bytes of room
 * @e: the entry
 *
 * No NUL; nothing at all when @e has no last destination.
 *
 * Return: the end of what was written.
 */
char *netanom_put_dest(char *o, const struct netanom_exe *e);

/**
 * netanom_format_time() - RFC 3339 UTC time with nanoseconds
 * @ns: ns since the Unix epoch
 * @buf: output, NETANOM_TIME_LEN bytes are always enough
 * @len: size of @buf
 *
 * Always nine fraction digits: "2026-11-28T04:36:16.123456789Z".  A
 * shorter @buf gets the beginning of the text, NUL-terminated, as
 * snprintf() would cut it; none when @len is 0.
 *
 * Return: @buf.
 */
const char *netanom_format_time(uint64_t ns, char *buf, size_t len);

/**
 * netanom_format_dest() - the last destination of @e as one string
 * @e: the entry
 * @buf: output, NETANOM_DEST_LEN bytes are always enough
 * @len: size of @buf
 *
 * "192.0.2.1:80" for AF_INET; "[2001:db8::1]:443" for AF_INET6, an
 * IPv4-mapped address as "[::ffff:192.0.2.1]:80"; without ":port" when the
 * kernel sent no port; "unix" for AF_UNIX; "af<N>" (the family's number)
 * for any other family, which comes without an address; "" when there is
 * no last destination (family 0 or absent).  A shorter @buf gets the
 * beginning of the text, NUL-terminated, as snprintf() would cut it; none
 * when @len is 0.
 *
 * Return: @buf.
 */
const char *netanom_format_dest(const struct netanom_exe *e, char *buf,
				size_t len);

#endif /* NETANOM_LIB_H */
