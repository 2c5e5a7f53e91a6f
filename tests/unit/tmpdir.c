// SPDX-License-Identifier: GPL-2.0-or-later
/* Removing a test's directory without a shell: nftw, deepest first. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>

#include "tmpdir.h"

int tmpdir_make(char buf[TMPDIR_LEN], const char *tag)
{
	if (snprintf(buf, TMPDIR_LEN, "/tmp/netanom-%s-XXXXXX", tag) >=
	    TMPDIR_LEN) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkdtemp(buf) ? 0 : -1;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int tmpdir_remove(const char *dir)
{
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) ? -1 : 0;
}
