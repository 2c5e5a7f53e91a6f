// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The NDJSON alert file: append-only, one document per line, each line in
 * a single write(2) (with O_APPEND, concurrent readers never see half a
 * line from us) and fsync(2)ed before the alert counts as raised: an alert
 * that was logged as sent must survive a crash.
 *
 * Two things a crash or a full disk would otherwise break:
 * - An alert sent again after a crash (stored, written, but the crash
 *   came before the database recorded it as sent) is written only if the
 *   file's last ND_OUT_FILE_TAIL bytes do not hold it already: exactly
 *   once in the file.
 * - A full disk (ENOSPC, EDQUOT, EFBIG) leaves no half line behind (the
 *   file is cut back to where the line began), and the line waits in
 *   memory, in order with those after it, until nd_out_file_retry() finds
 *   room; beyond ND_OUT_FILE_QUEUE bytes, new alerts are dropped from the
 *   file and counted, and the log says so.
 */
#define _GNU_SOURCE	/* memmem */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "out.h"

/* How far back a resent alert is looked for. */
#define ND_OUT_FILE_TAIL	(4 << 20)
/* Most alerts held in memory while the disk is full. */
#define ND_OUT_FILE_QUEUE	(16 << 20)

/**
 * struct nd_out_file - the open alert file
 * @fd: open O_APPEND
 * @path: where it is, to notice rotation
 * @q: lines waiting for room on the disk, oldest first
 * @nq: how many
 * @cap: room in @q
 * @q_bytes: their size
 * @queued: lines that waited since the disk filled
 * @dropped: lines dropped since the disk filled (queue full)
 * @full: the disk is full, and the log said so
 */
struct nd_out_file {
	int fd;
	char *path;
	char **q;
	size_t nq;
	size_t cap;
	size_t q_bytes;
	uint64_t queued;
	uint64_t dropped;
	bool full;
};

/* mkdir -p of @path's directory; new directories are 0750, because who
 * ran what over the network is not for every local user to read. */
static int make_parent(const char *path)
{
	char *dir = strdup(path), *p;
	struct stat st;
	int ret = 0;

	if (!dir)
		return -1;
	p = strrchr(dir, '/');
	if (p && p != dir) {
		*p = '\0';
		for (p = dir + 1; !ret; p++) {
			char saved = *p;

			if (saved != '/' && saved != '\0')
				continue;
			*p = '\0';
			/* stat first: mkdir of an existing directory on a
			 * read-only file system fails with EROFS. */
			if (stat(dir, &st) && mkdir(dir, 0750) &&
			    errno != EEXIST)
				ret = -1;
			*p = saved;
			if (!saved)
				break;
		}
	}
	free(dir);
	return ret;
}

static int open_append(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY,
		    0640);
}

int nd_out_file_open(struct nd_out_file **fp, const char *path, char *err,
		     size_t errlen)
{
	struct nd_out_file *f = calloc(1, sizeof(*f));

	if (!f || !(f->path = strdup(path))) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(f);
		return -1;
	}
	if (make_parent(path) || (f->fd = open_append(path)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(f->path);
		free(f);
		return -1;
	}
	*fp = f;
	return 0;
}

/* Reopen when the path no longer names our file (rotated or removed). */
static void follow_path(struct nd_out_file *f)
{
	struct stat now, ours;
	int fd;

	if (stat(f->path, &now) == 0 && fstat(f->fd, &ours) == 0 &&
	    now.st_dev == ours.st_dev && now.st_ino == ours.st_ino)
		return;
	if (make_parent(f->path) || (fd = open_append(f->path)) < 0) {
		nd_log(LOG_ERR, "alerts file %s: cannot reopen: %s", f->path,
		       strerror(errno));
		return;		/* keep writing to the old one */
	}
	close(f->fd);
	f->fd = fd;
}

static bool no_room(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EFBIG;
}

/*
 * @line (with its newline) at the end of the file, durably.  Return: 0,
 * or a positive errno (logged unless it is a full disk, which the caller
 * reports once).
 */
static int append(struct nd_out_file *f, const char *line, size_t len)
{
	struct stat st;
	ssize_t n;
	int err;

	follow_path(f);
	if (fstat(f->fd, &st))
		st.st_size = -1;
	do
		n = write(f->fd, line, len);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)len) {
		/* A short write is a full disk too. */
		err = n < 0 ? errno : ENOSPC;
		/* No half line: a reader would take it for a document. */
		if (n > 0 && st.st_size >= 0 && ftruncate(f->fd, st.st_size))
			nd_log(LOG_ERR, "alerts file %s: a partial line is "
			       "left at its end: %s", f->path,
			       strerror(errno));
		if (!no_room(err))
			nd_log(LOG_ERR, "alerts file %s: write: %s", f->path,
			       strerror(err));
		return err;
	}
	if (fsync(f->fd)) {
		err = errno;
		if (!no_room(err))
			nd_log(LOG_ERR, "alerts file %s: fsync: %s", f->path,
			       strerror(err));
		return err;
	}
	return 0;
}

/* Is @line (with its newline) one of the file's last lines? */
static bool already_there(struct nd_out_file *f, const char *line, size_t len)
{
	int fd = open(f->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	char *buf = NULL, *pat = NULL;
	bool found = false;
	struct stat st;
	off_t from;
	ssize_t n = -1;
	size_t want;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && st.st_size >= (off_t)len) {
		/* From the byte before the window, so that a match is known
		 * to start a line; before the file's start, a newline. */
		from = st.st_size > ND_OUT_FILE_TAIL ?
		       st.st_size - ND_OUT_FILE_TAIL - 1 : 0;
		want = (size_t)(st.st_size - from);
		buf = malloc(want + 1);
		pat = malloc(len + 1);
		if (buf && pat) {
			buf[0] = '\n';
			n = from ? pread(fd, buf, want, from) :
				   pread(fd, buf + 1, want, 0) + (ssize_t)1;
		}
	}
	close(fd);
	if (n > (ssize_t)len) {
		pat[0] = '\n';
		memcpy(pat + 1, line, len);
		found = memmem(buf, (size_t)n, pat, len + 1) != NULL;
	}
	free(pat);
	free(buf);
	return found;
}

static void say_full(struct nd_out_file *f, int err)
{
	if (f->full)
		return;
	f->full = true;
	nd_log(LOG_ERR, "alerts file %s: %s: the disk is full; alerts wait in "
	       "memory (up to %d MiB) and are written as soon as there is "
	       "room", f->path, strerror(err), ND_OUT_FILE_QUEUE >> 20);
}

/* Keep @line (malloc'ed, taken over) for later; false when dropped. */
static bool enqueue(struct nd_out_file *f, char *line, size_t len)
{
	char **q = f->q;

	if (f->q_bytes + len > ND_OUT_FILE_QUEUE ||
	    (f->nq == f->cap &&
	     !(q = realloc(f->q, (f->cap ? 2 * f->cap : 16) * sizeof(*q))))) {
		if (!f->dropped)
			nd_log(LOG_ERR, "alerts file %s: the disk is still full "
			       "and %d MiB of alerts wait: further alerts are "
			       "not written to the file (they are in the "
			       "database: netanomctl alerts)", f->path,
			       ND_OUT_FILE_QUEUE >> 20);
		f->dropped++;
		free(line);
		return false;
	}
	if (f->nq == f->cap) {
		f->q = q;
		f->cap = f->cap ? 2 * f->cap : 16;
	}
	f->q[f->nq++] = line;
	f->q_bytes += len;
	f->queued++;
	return true;
}

int nd_out_file_retry(struct nd_out_file *f)
{
	size_t i = 0, len;
	int err = 0;

	if (!f || !f->nq)
		return 0;
	while (i < f->nq) {
		len = strlen(f->q[i]);
		err = append(f, f->q[i], len);
		if (err)
			break;
		f->q_bytes -= len;
		free(f->q[i++]);
	}
	memmove(f->q, f->q + i, (f->nq - i) * sizeof(*f->q));
	f->nq -= i;
	if (f->nq)
		return no_room(err) ? 1 : -1;
	nd_log(LOG_NOTICE, "alerts file %s: there is room again: %" PRIu64
	       " alert(s) that waited are written%s%" PRIu64 " were dropped",
	       f->path, f->queued, f->dropped ? "; " : ", ", f->dropped);
	f->full = false;
	f->queued = f->dropped = 0;
	return 0;
}

int nd_out_file_write(struct nd_out_file *f, const char *doc, bool once)
{
	size_t len = strlen(doc);
	char *line = malloc(len + 1 + 1);
	int err;

	if (!line) {
		nd_log(LOG_ERR, "alerts file %s: out of memory", f->path);
		return -1;
	}
	memcpy(line, doc, len);
	line[len++] = '\n';
	line[len] = '\0';
	if (once && already_there(f, line, len)) {
		nd_log(LOG_NOTICE, "alerts file %s: the alert sent again after "
		       "a crash is in the file already; not written twice",
		       f->path);
		free(line);
		return 0;
	}
	/* Those that wait go first: the file keeps the alerts' order. */
	if (nd_out_file_retry(f) == 0) {
		err = append(f, line, len);
		if (!err || !no_room(err)) {
			free(line);
			return err ? -1 : 0;
		}
		say_full(f, err);
	}
	return enqueue(f, line, len) ? 1 : -1;
}

size_t nd_out_file_waiting(const struct nd_out_file *f)
{
	return f ? f->nq : 0;
}

void nd_out_file_close(struct nd_out_file *f)
{
	size_t i;

	if (!f)
		return;
	if (f->nq || f->dropped)
		nd_log(LOG_ERR, "alerts file %s: %zu alert(s) waiting for room "
		       "on the disk and %" PRIu64 " dropped are not in the "
		       "file (they are in the database: netanomctl alerts)",
		       f->path, f->nq, f->dropped);
	for (i = 0; i < f->nq; i++)
		free(f->q[i]);
	free(f->q);
	close(f->fd);
	free(f->path);
	free(f);
}
