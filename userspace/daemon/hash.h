/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SHA-256 of executables (process.hash.sha256), with a small cache: the
 * same binary alerting again is not read again while its (device, inode,
 * ctime) stays the same.
 */
#ifndef NETANOMD_HASH_H
#define NETANOMD_HASH_H

#include <stdint.h>
#include <sys/types.h>

/* Executables whose digest is remembered; the oldest makes room. */
#define ND_HASH_CACHE_SIZE	64

/* A digest in hex, NUL-terminated. */
#define ND_SHA256_HEX	65

/**
 * struct nd_hash_entry - one remembered digest
 * @dev: st_dev of the file
 * @ino: st_ino of the file
 * @ctime_s: st_ctim seconds: a changed file has a new ctime
 * @ctime_ns: st_ctim nanoseconds
 * @hex: its SHA-256; "" for an unused slot
 */
struct nd_hash_entry {
	uint64_t dev;
	uint64_t ino;
	int64_t ctime_s;
	long ctime_ns;
	char hex[ND_SHA256_HEX];
};

/**
 * struct nd_hash_cache - the remembered digests
 * @v: the entries
 * @next: the slot the next new digest takes
 * @reads: files read so far (tests check the cache with it)
 */
struct nd_hash_cache {
	struct nd_hash_entry v[ND_HASH_CACHE_SIZE];
	unsigned int next;
	unsigned long reads;
};

/**
 * nd_hash_exe() - SHA-256 of the executable file (@dev, @ino)
 * @c: the cache
 * @path: its path as the kernel recorded it
 * @proc: where procfs is ("/proc"), for /proc/PID/exe when the path
 *	now names another file (replaced, deleted); NULL not to try
 * @pid: a process running it, 0 when unknown
 * @dev: st_dev the file must have
 * @ino: st_ino the file must have
 * @hex: the digest, on success
 *
 * Only a file with the alert's own (device, inode) is hashed: a path that
 * now holds another file (an upgrade, an attacker covering tracks) must
 * not lend its digest to the alert.
 *
 * Return: 0, or -1 when no such file could be read.
 */
int nd_hash_exe(struct nd_hash_cache *c, const char *path, const char *proc,
		pid_t pid, uint64_t dev, uint64_t ino,
		char hex[ND_SHA256_HEX]);

#endif /* NETANOMD_HASH_H */
