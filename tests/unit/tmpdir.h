/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Temporary directories for the unit tests, and their removal. */
#ifndef NETANOM_TEST_TMPDIR_H
#define NETANOM_TEST_TMPDIR_H

#include <stddef.h>

/* Big enough for every tmpdir_make() name. */
#define TMPDIR_LEN	64

/**
 * tmpdir_make() - create a fresh directory /tmp/netanom-TAG-XXXXXX
 * @buf: its name, TMPDIR_LEN bytes
 * @tag: a word naming the test program
 *
 * Return: 0, or -1 with errno set.
 */
int tmpdir_make(char buf[TMPDIR_LEN], const char *tag);

/**
 * tmpdir_remove() - remove @dir and everything below it
 * @dir: the directory; symbolic links inside are removed, not followed
 *
 * Return: 0, or -1 when something could not be removed.
 */
int tmpdir_remove(const char *dir);

#endif /* NETANOM_TEST_TMPDIR_H */
