// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The NDJSON alert file: append-only, one document per line, each line in
 * a single write(2) (with O_APPEND, concurrent readers never see half a
 * line from us) and fsync(2)ed before the alert counts as raised: an alert
 * that was logged as sent must survive a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "out.h"

/**
 * struct nd_out_file - the open alert file
 * @fd: open O_APPEND
 * @path: where it is, to notice rotation
 */
struct nd_out_file {
	int fd;
	char *path;
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

int nd_out_file_write(struct nd_out_file *f, const char *doc)
{
	size_t len = strlen(doc);
	char *line = malloc(len + 1);
	ssize_t n;

	if (!line) {
		nd_log(LOG_ERR, "alerts file %s: out of memory", f->path);
		return -1;
	}
	memcpy(line, doc, len);
	line[len] = '\n';
	follow_path(f);
	do
		n = write(f->fd, line, len + 1);
	while (n < 0 && errno == EINTR);
	free(line);
	if (n != (ssize_t)(len + 1)) {
		/* A short write is a full disk: nothing sensible to retry. */
		nd_log(LOG_ERR, "alerts file %s: write: %s", f->path,
		       n < 0 ? strerror(errno) : "short write");
		return -1;
	}
	if (fsync(f->fd)) {
		nd_log(LOG_ERR, "alerts file %s: fsync: %s", f->path,
		       strerror(errno));
		return -1;
	}
	return 0;
}

void nd_out_file_close(struct nd_out_file *f)
{
	if (!f)
		return;
	close(f->fd);
	free(f->path);
	free(f);
}
