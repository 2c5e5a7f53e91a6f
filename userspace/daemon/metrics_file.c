// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The metrics file, replaced atomically: written to a temporary file in
 * the same directory, flushed to disk, then renamed over the old one, so
 * node_exporter reads either the old file or the new one, never a part.
 * Its temporary name starts with '.' and does not end in ".prom", which
 * the textfile collector ignores.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "metrics.h"

static int fail(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return -1;
}

/* "DIR/.NAME.XXXXXX" for "DIR/NAME". */
static char *tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t len = strlen(path) + 9;
	char *t = malloc(len);

	if (t)
		snprintf(t, len, "%.*s.%s.XXXXXX", (int)dlen, path,
			 path + dlen);
	return t;
}

static int write_all(int fd, const struct nd_metrics *m,
		     const struct nd_config *c)
{
	FILE *f = fdopen(fd, "w");
	int ret;

	if (!f) {
		close(fd);
		return -1;
	}
	ret = nd_metrics_text(f, m, c);
	if (fflush(f) || fsync(fileno(f)))
		ret = -1;
	if (fclose(f))
		ret = -1;
	return ret;
}

int nd_metrics_write(const char *path, const struct nd_metrics *m,
		     const struct nd_config *c, char *err, size_t errlen)
{
	char *tmp = tmp_name(path);
	int fd, saved;

	if (!tmp) {
		errno = ENOMEM;
		return fail(path, err, errlen);
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		fail(tmp, err, errlen);
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0644)) {
		close(fd);
		fd = -1;
	}
	if (fd < 0 || write_all(fd, m, c) || rename(tmp, path)) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		errno = saved ? saved : EIO;
		return fail(path, err, errlen);
	}
	free(tmp);
	return 0;
}
