/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netanom - per-executable network use counters, generic netlink interface.
 *
 * This header is the one contract between the netanom kernel module and its
 * userspace (libnetanom, netanomctl, netanomd and the conformance client).
 *
 * Family: generic netlink, name NETANOM_GENL_NAME ("netanom"), version
 * NETANOM_GENL_VERSION.  The family exists in the initial network namespace
 * only.  Every operation requires CAP_NET_ADMIN (GENL_ADMIN_PERM): which
 * program uses the network, as which user and towards which address, is
 * sensitive.  Every request is validated strictly against a per-operation
 * policy; an attribute that an operation does not take is rejected, and every
 * error the family makes carries an extended ack message (set NETLINK_EXT_ACK
 * on the socket to read it).  Generic netlink refuses some requests before
 * the family sees them, without a message: an unknown command or a dump of
 * a command that has none (EOPNOTSUPP), a message shorter than the generic
 * netlink header (EINVAL), a caller without CAP_NET_ADMIN (EPERM), a request
 * from another network namespace (ENOENT).
 *
 * Identity.  An entry is one executable file, keyed by the device and inode
 * of the calling process's mm->exe_file.  NETANOM_A_EXE_DEV is the device
 * number as stat(2) reports it in st_dev, so (st_dev, st_ino) of a file on
 * disk finds its entry.  Kernel threads are not counted.
 *
 * Counting.  Every connect(2) (and io_uring connect) that reaches the LSM
 * hook security_socket_connect() -- except a repeated connect on a stream
 * socket that is already connecting or connected, which asks how the first
 * one went and cannot go anywhere new -- is classified by the destination
 * address family and the socket's transport:
 *
 *	tcp4 / udp4	AF_INET, or AF_INET6 with an IPv4-mapped address
 *	tcp6 / udp6	AF_INET6
 *	other		any other inet transport (SCTP, ...), any other
 *			address family, and AF_UNIX when
 *			NETANOM_CONFIG_F_COUNT_UNIX is set
 *
 * AF_UNSPEC (a datagram socket's "disconnect") and AF_NETLINK are never
 * counted; AF_UNIX only with NETANOM_CONFIG_F_COUNT_UNIX.
 * NETANOM_A_EXE_LOOPBACK counts the part of the above whose destination is
 * the local host: 127.0.0.0/8, 0.0.0.0, ::1 or :: (or the IPv4-mapped
 * forms).
 *
 * Ways to the network that do not pass connect(2) have counters of their
 * own, which are not part of the five connect counters nor of loopback:
 *
 *	sendto		a message sent on an inet (AF_INET, AF_INET6)
 *			datagram socket with a destination address
 *			(sendto(2), sendmsg(2), sendmmsg(2) per message, io_uring
 *			send/sendmsg), i.e. unconnected UDP, UDP-Lite or ICMP
 *			ping sockets; sends without an address (connected
 *			sockets) are not counted.  An AF_UNSPEC address
 *			counts on an AF_INET socket, which takes it for
 *			AF_INET, and not on an AF_INET6 one, which takes it
 *			for "no address"
 *	fastopen	a TCP (or MPTCP) send with MSG_FASTOPEN and an
 *			address (TCP Fast Open by sendto(2)/sendmsg(2),
 *			which opens the connection without connect(2));
 *			TCP_FASTOPEN_CONNECT goes through connect(2) and is
 *			counted as tcp4/tcp6
 *	listen		a listen(2) on an inet socket
 *	accept		a TCP (or MPTCP) connection accepted on an inet socket
 *			(accept(2), accept4(2), io_uring accept): accepted
 *			connections, not calls, so a non-blocking accept that
 *			finds nothing is not counted
 *
 * Exclusions.  Two lists, both empty when the module is loaded and set
 * with NETANOM_CMD_SET_EXCLUDE: destination CIDRs (IPv4 and IPv6, at most
 * NETANOM_EXCLUDE_MAX_DESTS) and uids (in the initial user namespace, at
 * most NETANOM_EXCLUDE_MAX_UIDS).  A connect, sendto or fastopen whose
 * destination lies in one of the CIDRs, and any use (listen and accept
 * included) by a process whose uid is in the list, is not counted in the
 * counters above (the five connect classes, loopback, sendto, fastopen,
 * listen, accept) but in NETANOM_A_EXE_EXCLUDED instead, so that what is
 * left out stays visible.  Listen and accept have no destination: only the
 * uid list applies to them.  An IPv4-mapped IPv6 destination is an IPv4
 * destination here too, matched by the IPv4 CIDRs only.  A new list
 * replaces the old one atomically: every use is matched against either the
 * old or the new list, never a mix.
 *
 * Every counted use (excluded ones too) updates the entry's last seen
 * time, pid and uid; a
 * connect, sendto or fastopen also its last destination.  Counters are
 * 64-bit and never wrap in practice; they restart from zero when an entry
 * is created again after NETANOM_CMD_RESET or a module reload.
 *
 * Commands and their message trees ("do" = request with a reply or an ack,
 * "dump" = NLM_F_DUMP request answered by a multipart stream):
 *
 * NETANOM_CMD_GET_EXE
 *	dump request: no attributes; one that carries any is refused with
 *		EINVAL (a dump is the whole table, never filtered).  Kernels
 *		whose dump start has no extended ack (6.1) refuse it in
 *		NLMSG_DONE, before any entry, with the message there.
 *	dump reply: one NETANOM_CMD_GET_EXE message per entry, each holding
 *		NETANOM_A_EXE_DEV		u64
 *		NETANOM_A_EXE_INO		u64
 *		NETANOM_A_EXE_PATH		NUL-terminated string, at most
 *						PATH_MAX bytes
 *		NETANOM_A_EXE_COMM		NUL-terminated string, at most
 *						16 bytes: comm of the first
 *						process seen
 *		NETANOM_A_EXE_TCP4		u64
 *		NETANOM_A_EXE_TCP6		u64
 *		NETANOM_A_EXE_UDP4		u64
 *		NETANOM_A_EXE_UDP6		u64
 *		NETANOM_A_EXE_OTHER		u64
 *		NETANOM_A_EXE_LOOPBACK		u64, part of the five above
 *		NETANOM_A_EXE_FIRST_SEEN	u64, ns since the Unix epoch,
 *						of the first counted use
 *		NETANOM_A_EXE_LAST_SEEN		u64, ns since the Unix epoch,
 *						of the last counted use (of
 *						uses recorded at the same
 *						moment on two CPUs, the
 *						LAST_* attributes describe
 *						one; the counters have both)
 *		NETANOM_A_EXE_LAST_PID		u32, thread-group id in the
 *						initial pid namespace
 *		NETANOM_A_EXE_LAST_UID		u32, in the initial user ns
 *		NETANOM_A_EXE_LAST_FAMILY	u16, of the last connect,
 *						sendto or fastopen:
 *						AF_INET, AF_INET6, ...;
 *						absent while the entry has
 *						only listens and accepts;
 *						an IPv4-mapped IPv6
 *						destination is reported as
 *						AF_INET with a 4-byte address
 *		NETANOM_A_EXE_LAST_ADDR		binary, 4 bytes (AF_INET) or
 *						16 bytes (AF_INET6), network
 *						byte order; absent otherwise
 *		NETANOM_A_EXE_LAST_PORT		u16, host byte order; absent
 *						when the family has no port
 *		NETANOM_A_EXE_SENDTO		u64, see "sendto" above
 *		NETANOM_A_EXE_FASTOPEN		u64, see "fastopen" above
 *		NETANOM_A_EXE_LISTEN		u64, see "listen" above
 *		NETANOM_A_EXE_ACCEPT		u64, see "accept" above
 *		NETANOM_A_EXE_EXCLUDED		u64, uses of every kind left
 *						out of the counters above by
 *						the exclusion lists
 *	Every attribute but NETANOM_A_EXE_DEV and NETANOM_A_EXE_INO may be
 *	absent (an entry being created, a path that could not be resolved);
 *	a client takes an absent attribute as zero or empty.
 *	The dump resumes across messages.  If an entry is added or removed
 *	while a dump is in progress, the affected message carries
 *	NLM_F_DUMP_INTR: the client should start the dump again.
 *	One entry's message can be about 4.4 KiB (a PATH_MAX path): every
 *	datagram of the dump has room for it, so read with a buffer of at
 *	least 8 KiB, or peek at each datagram's size (MSG_PEEK | MSG_TRUNC).
 *
 *	do request: either NETANOM_A_EXE_PATH, or both NETANOM_A_EXE_DEV and
 *		NETANOM_A_EXE_INO.
 *	do reply: one message as in the dump, or -ENOENT when no entry
 *		matches.
 *
 * NETANOM_CMD_GET_STATS
 *	do request: no attributes.
 *	do reply:
 *		NETANOM_A_STATS_HITS		u64, connect probe hits (every
 *						connect seen, counted or not;
 *						sends, listens and accepts
 *						are not included)
 *		NETANOM_A_STATS_ENTRIES		u32, entries in the table
 *		NETANOM_A_STATS_MAX_ENTRIES	u32, module parameter
 *						max_entries
 *		NETANOM_A_STATS_DROPPED		u64, uses (connects, sends,
 *						listens, accepts) not
 *						recorded because the table
 *						was full
 *		NETANOM_A_STATS_ALLOC_FAILURES	u64, uses not recorded
 *						because an entry could not be
 *						allocated
 *		NETANOM_A_STATS_BYTES		u64, memory held by the table
 *						and its entries
 *		NETANOM_A_STATS_EVENTS_SENT	u64, NETANOM_CMD_NEW_EXE
 *						events multicast
 *		NETANOM_A_STATS_EVENTS_DROPPED	u64, events not sent: over
 *						the rate limit, queue full,
 *						or the message could not be
 *						built or delivered
 *		NETANOM_A_STATS_RESETS		u64, NETANOM_CMD_RESET
 *						requests served since the
 *						module was loaded
 *		NETANOM_A_STATS_INSTANCE	u64, a random number (below
 *						2^63) drawn when the module
 *						was loaded:
 *						a new value means the module
 *						was unloaded and loaded again
 *						(its table and configuration
 *						started afresh)
 *		NETANOM_A_STATS_LOCKED		u8, 1 when the module was
 *						loaded with lock=1 and cannot
 *						be unloaded until reboot
 *	A client that watches for tampering (netanomd) polls this reply:
 *	RESETS and INSTANCE tell it the table was emptied or the module
 *	reloaded behind its back, the config flags that counting was turned
 *	off.
 *
 * NETANOM_CMD_GET_CONFIG
 *	do request: no attributes.
 *	do reply:
 *		NETANOM_A_CONFIG_FLAGS		struct nla_bitfield32, value =
 *						current flags, selector =
 *						NETANOM_CONFIG_F_ALL
 *		NETANOM_A_CONFIG_EXCLUDE_DESTS	nested, always present (empty
 *						when the list is): one
 *						NETANOM_A_EXCL_CIDR per CIDR,
 *						as in NETANOM_CMD_SET_EXCLUDE,
 *						host bits cleared
 *		NETANOM_A_CONFIG_EXCLUDE_UIDS	nested, always present: one
 *						NETANOM_A_EXCL_UID (u32) per
 *						uid
 *
 * NETANOM_CMD_SET_CONFIG
 *	do request:
 *		NETANOM_A_CONFIG_FLAGS		struct nla_bitfield32,
 *						required; the flags in
 *						selector are set to their
 *						value in value, the others are
 *						left alone.  Bits outside
 *						NETANOM_CONFIG_F_ALL are
 *						rejected.
 *	reply: ack.
 *
 * NETANOM_CMD_RESET
 *	do request: no attributes.  Empties the table.
 *	reply: ack.
 *
 * NETANOM_CMD_SET_EXCLUDE
 *	do request: at least one of
 *		NETANOM_A_CONFIG_EXCLUDE_DESTS	nested, the new destination
 *						list (empty: no destination
 *						is excluded); holds at most
 *						NETANOM_EXCLUDE_MAX_DESTS
 *			NETANOM_A_EXCL_CIDR	nested, one per CIDR:
 *				NETANOM_A_CIDR_ADDR	binary, required: 4
 *							bytes (IPv4) or 16
 *							(IPv6), network byte
 *							order; host bits are
 *							cleared
 *				NETANOM_A_CIDR_PREFIX	u8, required: prefix
 *							length, at most 32 for
 *							IPv4 and 128 for IPv6
 *		NETANOM_A_CONFIG_EXCLUDE_UIDS	nested, the new uid list
 *						(empty: none); holds at most
 *						NETANOM_EXCLUDE_MAX_UIDS
 *			NETANOM_A_EXCL_UID	u32, one per uid
 *	A list that is given replaces the current one; a list that is not
 *	given is left alone.  Both change together, atomically, or (on any
 *	error) neither does.
 *	reply: ack.
 *
 * NETANOM_CMD_NEW_EXE
 *	Not a request: a notification multicast on the group
 *	NETANOM_MCGRP_EVENTS ("events"), which needs CAP_NET_ADMIN to join.
 *	Sent for the first counted use (not excluded, see "Exclusions") of
 *	every executable in the table: normally the use that created its
 *	entry, so once per executable until NETANOM_CMD_RESET or a module
 *	reload.  Sent only while somebody listens: a use seen while nobody
 *	listens is neither sent nor counted as dropped, and its executable
 *	gets no event later.  The probe records the facts at once and a work
 *	item sends them shortly after, so the process may be gone when the
 *	event is read.  Events are rate limited by a token bucket (module
 *	parameters event_rate, events per second, default 50, and event_burst,
 *	the bucket's size, default 64; event_burst=0 turns events off) and
 *	queued in a ring of NETANOM_EVENT_QUEUE_LEN; what does not fit is
 *	counted in NETANOM_A_STATS_EVENTS_DROPPED.  Events are a fast path,
 *	not a record: the table (GET_EXE) stays the source of truth.
 *		NETANOM_A_EXE_DEV		u64, as in GET_EXE
 *		NETANOM_A_EXE_INO		u64
 *		NETANOM_A_EXE_PATH		NUL-terminated string, as in
 *						GET_EXE; absent when the
 *						entry was removed (RESET)
 *						before the event was sent
 *		NETANOM_A_EXE_COMM		NUL-terminated string, comm
 *						of the process
 *		NETANOM_A_EVENT_TIME		u64, ns since the Unix epoch,
 *						of the use
 *		NETANOM_A_EVENT_PID		u32, thread id of the caller,
 *						initial pid namespace
 *		NETANOM_A_EVENT_TGID		u32, its thread-group id (the
 *						process id)
 *		NETANOM_A_EVENT_PPID		u32, thread-group id of its
 *						parent
 *		NETANOM_A_EVENT_UID		u32, in the initial user ns
 *		NETANOM_A_EVENT_KIND		u8, enum netanom_event_kind:
 *						which counter the use went to
 *		NETANOM_A_EXE_LAST_FAMILY	u16, destination family;
 *						absent for listen and accept
 *		NETANOM_A_EXE_LAST_ADDR		binary, destination address,
 *						as in GET_EXE
 *		NETANOM_A_EXE_LAST_PORT		u16, destination port, host
 *						byte order, as in GET_EXE
 *
 * Module parameters: max_entries (see NETANOM_A_STATS_MAX_ENTRIES),
 * event_rate and event_burst (see NETANOM_CMD_NEW_EXE), and lock (bool,
 * default 0): with lock=1 the module takes a reference on itself when it
 * loads, so that rmmod(8) fails with "Module netanom is in use" until the
 * next reboot; whoever gains root later cannot switch the counting off by
 * unloading it.  (A kernel built with CONFIG_MODULE_FORCE_UNLOAD lets
 * "rmmod -f" ignore that reference; Debian's kernels are not.  lock=1 does
 * not stop NETANOM_CMD_SET_CONFIG nor NETANOM_CMD_RESET: netanomd reports
 * those as tampering.)
 */
#ifndef _UAPI_LINUX_NETANOM_H
#define _UAPI_LINUX_NETANOM_H

#define NETANOM_GENL_NAME	"netanom"
#define NETANOM_GENL_VERSION	1
#define NETANOM_MCGRP_EVENTS	"events"

/* Longest NETANOM_A_EXE_COMM, with its NUL (the kernel's TASK_COMM_LEN). */
#define NETANOM_COMM_LEN	16

enum netanom_cmd {
	NETANOM_CMD_UNSPEC,
	NETANOM_CMD_GET_EXE,
	NETANOM_CMD_GET_STATS,
	NETANOM_CMD_GET_CONFIG,
	NETANOM_CMD_SET_CONFIG,
	NETANOM_CMD_RESET,
	NETANOM_CMD_SET_EXCLUDE,
	NETANOM_CMD_NEW_EXE,

	__NETANOM_CMD_LAST,
};
#define NETANOM_CMD_MAX (__NETANOM_CMD_LAST - 1)

enum netanom_attr {
	NETANOM_A_UNSPEC,
	NETANOM_A_PAD,

	NETANOM_A_EXE_DEV,
	NETANOM_A_EXE_INO,
	NETANOM_A_EXE_PATH,
	NETANOM_A_EXE_COMM,
	NETANOM_A_EXE_TCP4,
	NETANOM_A_EXE_TCP6,
	NETANOM_A_EXE_UDP4,
	NETANOM_A_EXE_UDP6,
	NETANOM_A_EXE_OTHER,
	NETANOM_A_EXE_LOOPBACK,
	NETANOM_A_EXE_FIRST_SEEN,
	NETANOM_A_EXE_LAST_SEEN,
	NETANOM_A_EXE_LAST_PID,
	NETANOM_A_EXE_LAST_UID,
	NETANOM_A_EXE_LAST_FAMILY,
	NETANOM_A_EXE_LAST_ADDR,
	NETANOM_A_EXE_LAST_PORT,

	NETANOM_A_STATS_HITS,
	NETANOM_A_STATS_ENTRIES,
	NETANOM_A_STATS_MAX_ENTRIES,
	NETANOM_A_STATS_DROPPED,
	NETANOM_A_STATS_ALLOC_FAILURES,
	NETANOM_A_STATS_BYTES,

	NETANOM_A_CONFIG_FLAGS,

	NETANOM_A_EXE_SENDTO,
	NETANOM_A_EXE_FASTOPEN,
	NETANOM_A_EXE_LISTEN,
	NETANOM_A_EXE_ACCEPT,

	NETANOM_A_EXE_EXCLUDED,
	NETANOM_A_CONFIG_EXCLUDE_DESTS,
	NETANOM_A_CONFIG_EXCLUDE_UIDS,

	NETANOM_A_STATS_EVENTS_SENT,
	NETANOM_A_STATS_EVENTS_DROPPED,
	NETANOM_A_EVENT_TIME,
	NETANOM_A_EVENT_PID,
	NETANOM_A_EVENT_TGID,
	NETANOM_A_EVENT_PPID,
	NETANOM_A_EVENT_UID,
	NETANOM_A_EVENT_KIND,

	NETANOM_A_STATS_RESETS,
	NETANOM_A_STATS_INSTANCE,
	NETANOM_A_STATS_LOCKED,

	__NETANOM_A_LAST,
};
#define NETANOM_A_MAX (__NETANOM_A_LAST - 1)

/**
 * enum netanom_config_flags - flags of NETANOM_A_CONFIG_FLAGS
 * @NETANOM_CONFIG_F_ENABLED: count connects (set at module load); when
 *	clear, the probe only counts hits.
 * @NETANOM_CONFIG_F_COUNT_UNIX: also count AF_UNIX connects, as "other".
 * @__NETANOM_CONFIG_F_LAST: one past the last flag.
 * @NETANOM_CONFIG_F_ALL: every flag this version knows; others are rejected.
 */
enum netanom_config_flags {
	NETANOM_CONFIG_F_ENABLED	= 1U << 0,
	NETANOM_CONFIG_F_COUNT_UNIX	= 1U << 1,

	__NETANOM_CONFIG_F_LAST,
	NETANOM_CONFIG_F_ALL = ((__NETANOM_CONFIG_F_LAST - 1) << 1) - 1,
};

/* Attributes inside NETANOM_A_CONFIG_EXCLUDE_DESTS and _UIDS. */
enum netanom_excl_attr {
	NETANOM_A_EXCL_UNSPEC,
	NETANOM_A_EXCL_CIDR,
	NETANOM_A_EXCL_UID,

	__NETANOM_A_EXCL_LAST,
};
#define NETANOM_A_EXCL_MAX (__NETANOM_A_EXCL_LAST - 1)

/* Attributes inside one NETANOM_A_EXCL_CIDR. */
enum netanom_cidr_attr {
	NETANOM_A_CIDR_UNSPEC,
	NETANOM_A_CIDR_ADDR,
	NETANOM_A_CIDR_PREFIX,

	__NETANOM_A_CIDR_LAST,
};
#define NETANOM_A_CIDR_MAX (__NETANOM_A_CIDR_LAST - 1)

/**
 * enum netanom_event_kind - NETANOM_A_EVENT_KIND: what the use was
 * @NETANOM_KIND_UNSPEC: not sent
 * @NETANOM_KIND_TCP4: connect counted as tcp4
 * @NETANOM_KIND_TCP6: connect counted as tcp6
 * @NETANOM_KIND_UDP4: connect counted as udp4
 * @NETANOM_KIND_UDP6: connect counted as udp6
 * @NETANOM_KIND_OTHER: connect counted as other
 * @NETANOM_KIND_SENDTO: send with a destination address (sendto counter)
 * @NETANOM_KIND_FASTOPEN: TCP Fast Open send (fastopen counter)
 * @NETANOM_KIND_LISTEN: listen(2) (listen counter)
 * @NETANOM_KIND_ACCEPT: accepted connection (accept counter)
 * @__NETANOM_KIND_LAST: one past the last kind
 */
enum netanom_event_kind {
	NETANOM_KIND_UNSPEC,
	NETANOM_KIND_TCP4,
	NETANOM_KIND_TCP6,
	NETANOM_KIND_UDP4,
	NETANOM_KIND_UDP6,
	NETANOM_KIND_OTHER,
	NETANOM_KIND_SENDTO,
	NETANOM_KIND_FASTOPEN,
	NETANOM_KIND_LISTEN,
	NETANOM_KIND_ACCEPT,

	__NETANOM_KIND_LAST,
};
#define NETANOM_KIND_MAX (__NETANOM_KIND_LAST - 1)

/* Events the module queues for sending at most (see NETANOM_CMD_NEW_EXE). */
#define NETANOM_EVENT_QUEUE_LEN	64

/* Longest exclusion lists NETANOM_CMD_SET_EXCLUDE accepts. */
#define NETANOM_EXCLUDE_MAX_DESTS	64
#define NETANOM_EXCLUDE_MAX_UIDS	64

#endif /* _UAPI_LINUX_NETANOM_H */
