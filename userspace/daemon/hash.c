// SPDX-License-Identifier: GPL-2.0-or-later
/* SHA-256 of an executable with nettle, behind a small round-robin cache. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "hash.h"

static int sha256_fd(int fd, char hex[ND_SHA256_HEX])
{
	uint8_t buf[64 * 1024], digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;
	ssize_t n;
	size_t i;

	sha256_init(&ctx);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(&ctx, (size_t)n, buf);
	if (n < 0)
		return -1;
	sha256_digest(&ctx, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

/* @path opened, if it is the file (@dev, @ino); -1 otherwise. */
static int open_if(const char *path, uint64_t dev, uint64_t ino,
		   struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -1;
	if (fstat(fd, st) || !S_ISREG(st->st_mode) ||
	    (uint64_t)st->st_dev != dev || (uint64_t)st->st_ino != ino) {
		close(fd);
		return -1;
	}
	return fd;
}

static struct nd_hash_entry *lookup(struct nd_hash_cache *c,
				    const struct stat *st)
{
	unsigned int i;

	for (i = 0; i < ND_HASH_CACHE_SIZE; i++) {
		struct nd_hash_entry *e = &c->v[i];

		if (e->hex[0] && e->dev == (uint64_t)st->st_dev &&
		    e->ino == (uint64_t)st->st_ino &&
		    e->ctime_s == st->st_ctim.tv_sec &&
		    e->ctime_ns == st->st_ctim.tv_nsec)
			return e;
	}
	return NULL;
}

static void remember(struct nd_hash_cache *c, const struct stat *st,
		     const char hex[ND_SHA256_HEX])
{
	struct nd_hash_entry *e = &c->v[c->next];

	c->next = (c->next + 1) % ND_HASH_CACHE_SIZE;
	e->dev = (uint64_t)st->st_dev;
	e->ino = (uint64_t)st->st_ino;
	e->ctime_s = st->st_ctim.tv_sec;
	e->ctime_ns = st->st_ctim.tv_nsec;
	memcpy(e->hex, hex, ND_SHA256_HEX);
}

int nd_hash_exe(struct nd_hash_cache *c, const char *path, const char *proc,
		pid_t pid, uint64_t dev, uint64_t ino,
		char hex[ND_SHA256_HEX])
{
	const struct nd_hash_entry *hit;
	char link[PATH_MAX];
	struct stat st;
	int fd = -1, ret;

	if (path && path[0] == '/')
		fd = open_if(path, dev, ino, &st);
	if (fd < 0 && proc && pid > 0) {
		snprintf(link, sizeof(link), "%s/%d/exe", proc, (int)pid);
		fd = open_if(link, dev, ino, &st);
	}
	if (fd < 0)
		return -1;
	hit = lookup(c, &st);
	if (hit) {
		memcpy(hex, hit->hex, ND_SHA256_HEX);
		close(fd);
		return 0;
	}
	c->reads++;
	ret = sha256_fd(fd, hex);
	close(fd);
	if (!ret)
		remember(c, &st, hex);
	return ret;
}
