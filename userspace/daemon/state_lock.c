// SPDX-License-Identifier: GPL-2.0-or-later
/* The flock(2) that says "netanomd runs on this database". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "state_int.h"

int nd_state_lock(struct nd_state *s)
{
	int fd;

	if (s->lock_fd >= 0)
		return 0;
	fd = open(s->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(s->error, sizeof(s->error), "%s: %s", s->path,
			 strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		int busy = errno == EWOULDBLOCK;

		snprintf(s->error, sizeof(s->error), "%s: %s", s->path,
			 busy ? "in use by a running netanomd" :
			 strerror(errno));
		close(fd);
		return busy ? 1 : -1;
	}
	s->lock_fd = fd;
	return 0;
}
