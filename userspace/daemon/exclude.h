/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * [exclude] lists, as config.c fills them from the file.  Private to the
 * configuration code; the daemon asks through nd_config_excludes_*().
 */
#ifndef NETANOMD_EXCLUDE_H
#define NETANOMD_EXCLUDE_H

#include <stddef.h>

#include "config.h"

/**
 * nd_exclude_add_exes() - append the paths and globs of one "executables"
 *	line to @c
 * @c: the configuration
 * @list: entries separated by whitespace or commas; each starts with '/'
 *	or '*'
 * @why: on failure, what is wrong and what is allowed
 * @whylen: size of @why
 *
 * Return: 0, or -1 with @why filled (nothing is appended then).
 */
int nd_exclude_add_exes(struct nd_config *c, const char *list, char *why,
			size_t whylen);

/**
 * nd_exclude_add_users() - append the users of one "users" line to @c,
 *	resolved to uids now, so that a later change to the passwd database
 *	does not change what is excluded behind the operator's back
 * @c: the configuration
 * @list: user names or numeric uids separated by whitespace or commas
 * @why: on failure, what is wrong and what is allowed
 * @whylen: size of @why
 *
 * Return: 0, or -1 with @why filled (nothing is appended then).
 */
int nd_exclude_add_users(struct nd_config *c, const char *list, char *why,
			 size_t whylen);

/**
 * nd_exclude_add_dests() - append the CIDRs of one "destinations" line to
 *	@c; the first line given replaces the defaults
 * @c: the configuration
 * @list: CIDRs (ADDR/LEN, or an address alone) separated by whitespace or
 *	commas
 * @why: on failure, what is wrong and what is allowed
 * @whylen: size of @why
 *
 * Return: 0, or -1 with @why filled (nothing is appended then).
 */
int nd_exclude_add_dests(struct nd_config *c, const char *list, char *why,
			 size_t whylen);

#endif /* NETANOMD_EXCLUDE_H */
