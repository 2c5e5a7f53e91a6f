// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * [exclude]: executables (paths and fnmatch(3) globs) and users (names or
 * uids) that are never scored.
 *
 * Globs are matched without FNM_PATHNAME, so '*' also matches '/': a
 * pattern ending in "/\*" excludes everything below that directory, which
 * is what an operator writing it means.
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exclude.h"

#define SEPARATORS " \t,"

/* Split @list into a NULL-terminated array of malloc'ed words. */
static char **split_list(const char *list, size_t *n)
{
	char *copy = strdup(list), *save = NULL, *w;
	char **words;
	size_t cap = strlen(list) / 2 + 2;

	*n = 0;
	words = calloc(cap, sizeof(*words));
	if (!copy || !words)
		goto fail;
	for (w = strtok_r(copy, SEPARATORS, &save); w;
	     w = strtok_r(NULL, SEPARATORS, &save)) {
		words[*n] = strdup(w);
		if (!words[*n])
			goto fail;
		(*n)++;
	}
	free(copy);
	return words;
fail:
	for (size_t i = 0; words && i < *n; i++)
		free(words[i]);
	free(words);
	free(copy);
	return NULL;
}

static void free_words(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

int nd_exclude_add_exes(struct nd_config *c, const char *list, char *why,
			size_t whylen)
{
	size_t n, i;
	char **words = split_list(list, &n), **grown;

	if (!words) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		/* A relative name would never match the absolute paths the
		 * kernel reports; say so instead of silently ignoring it. */
		if (words[i][0] != '/' && words[i][0] != '*') {
			snprintf(why, whylen,
				 "'%s' is not an absolute path (executables are absolute paths or globs starting with '/' or '*')",
				 words[i]);
			free_words(words, n);
			return -1;
		}
	}
	grown = realloc(c->exclude_exes,
			(c->n_exclude_exes + n + 1) * sizeof(*grown));
	if (!grown) {
		free_words(words, n);
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++)
		grown[c->n_exclude_exes++] = words[i];
	grown[c->n_exclude_exes] = NULL;
	c->exclude_exes = grown;
	free(words);
	return 0;
}

/* A decimal uid, or a user name looked up in the passwd database. */
static int resolve_user(const char *w, uid_t *uid)
{
	struct passwd pw, *res = NULL;
	char buf[4096], *end;
	unsigned long v;

	if (w[0] >= '0' && w[0] <= '9') {
		errno = 0;
		v = strtoul(w, &end, 10);
		/* (uid_t)-1 means "no uid" to the kernel: never a user. */
		if (errno || *end || v >= (unsigned long)(uid_t)-1)
			return -1;
		*uid = (uid_t)v;
		return 0;
	}
	if (getpwnam_r(w, &pw, buf, sizeof(buf), &res) || !res)
		return -1;
	*uid = res->pw_uid;
	return 0;
}

int nd_exclude_add_users(struct nd_config *c, const char *list, char *why,
			 size_t whylen)
{
	size_t n, i;
	char **words = split_list(list, &n);
	uid_t *grown;
	int ret = -1;

	if (!words) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	grown = realloc(c->exclude_uids,
			(c->n_exclude_uids + n + 1) * sizeof(*grown));
	if (!grown) {
		snprintf(why, whylen, "out of memory");
		goto out;
	}
	c->exclude_uids = grown;
	for (i = 0; i < n; i++) {
		if (resolve_user(words[i], &grown[c->n_exclude_uids + i])) {
			snprintf(why, whylen,
				 "unknown user '%s' (a user name from the passwd database or a numeric uid)",
				 words[i]);
			goto out;
		}
	}
	c->n_exclude_uids += n;
	ret = 0;
out:
	free_words(words, n);
	return ret;
}

int nd_exclude_add_dests(struct nd_config *c, const char *list, char *why,
			 size_t whylen)
{
	size_t n, i, have = c->exclude_dests_given ? c->n_exclude_dests : 0;
	char **words = split_list(list, &n);
	struct netanom_cidr got[NETANOM_EXCLUDE_MAX_DESTS];
	int ret = -1;

	if (!words) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (have + n > NETANOM_EXCLUDE_MAX_DESTS) {
		snprintf(why, whylen,
			 "too many destinations (the module takes at most %d)",
			 NETANOM_EXCLUDE_MAX_DESTS);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (netanom_cidr_parse(words[i], &got[i])) {
			snprintf(why, whylen,
				 "'%s' is not a CIDR (ADDR/LEN or an address, IPv4 or IPv6)",
				 words[i]);
			goto out;
		}
	}
	memcpy(&c->exclude_dests[have], got, n * sizeof(got[0]));
	c->n_exclude_dests = have + n;
	c->exclude_dests_given = true;
	ret = 0;
out:
	free_words(words, n);
	return ret;
}

bool nd_config_excludes_exe(const struct nd_config *c, const char *path)
{
	for (size_t i = 0; i < c->n_exclude_exes; i++)
		if (fnmatch(c->exclude_exes[i], path, 0) == 0)
			return true;
	return false;
}

bool nd_config_excludes_uid(const struct nd_config *c, uid_t uid)
{
	for (size_t i = 0; i < c->n_exclude_uids; i++)
		if (c->exclude_uids[i] == uid)
			return true;
	return false;
}
