/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One bucket of activity: the executables that used the network (outside
 * loopback) during one bucket_span, with what the alert needs to name the
 * last process and destination.  The collector builds it from the module's
 * counters, replay from a file; the engine scores it.
 */
#ifndef NETANOMD_BUCKET_H
#define NETANOMD_BUCKET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/**
 * struct nd_activity - one executable active in a bucket
 * @exe: path of the executable (owned, malloc'ed)
 * @dev: st_dev of the executable file
 * @ino: st_ino of the executable file
 * @comm: comm of the first process the kernel saw
 * @connects: activity in the bucket, > 0: (connects - loopback) + sendto
 *	+ fastopen (see collect.h)
 * @pid: last pid
 * @uid: last uid
 * @dest_ip: last destination address as text, "" when unknown
 * @dest_port: last destination port, 0 when unknown
 * @ip_version: 4 or 6, 0 when unknown
 * @transport: "tcp", "udp" or NULL when unknown (a static string)
 */
struct nd_activity {
	char *exe;
	uint64_t dev;
	uint64_t ino;
	char comm[16];
	uint64_t connects;
	pid_t pid;
	uid_t uid;
	char dest_ip[48];
	uint16_t dest_port;
	int ip_version;
	const char *transport;
};

/**
 * struct nd_bucket - the executables active in one bucket
 * @start_ns: start of the bucket, ns since the epoch, a multiple of the
 *	bucket span
 * @v: the executables
 * @n: how many
 * @cap: allocated room in @v
 */
struct nd_bucket {
	int64_t start_ns;
	struct nd_activity *v;
	size_t n;
	size_t cap;
};

/** nd_bucket_init() - an empty bucket starting at @start_ns */
void nd_bucket_init(struct nd_bucket *b, int64_t start_ns);

/**
 * nd_bucket_add() - append a copy of @a (its @exe is duplicated)
 * @b: the bucket
 * @a: the activity; a->exe must not be NULL
 *
 * Return: the new entry, or NULL when out of memory (@b is unchanged).
 */
struct nd_activity *nd_bucket_add(struct nd_bucket *b,
				  const struct nd_activity *a);

/** nd_bucket_free() - free the entries; @b is left empty */
void nd_bucket_free(struct nd_bucket *b);

/**
 * nd_transport_name() - "tcp", "udp" or NULL, as a static string
 * @s: a transport name from outside (replay file, database)
 *
 * Return: the static string for @s, NULL for anything else.
 */
const char *nd_transport_name(const char *s);

#endif /* NETANOMD_BUCKET_H */
