/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The learned baseline as a portable file (docs/baseline.md): built from
 * one host's database, merged into another's.  Executables are keyed by
 * path, the one key that means the same program on every host.
 */
#ifndef NETANOMCTL_BASELINE_IO_H
#define NETANOMCTL_BASELINE_IO_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "db.h"

#define CLI_BASELINE_FORMAT	"netanom-baseline"
#define CLI_BASELINE_VERSION	1

/**
 * cli_baseline_doc() - the baseline of @db as a JSON document
 * @db: an open database
 * @host: the exporting host's name (informative)
 * @err: on failure, why
 * @errlen: size of @err
 *
 * Return: a new reference, or NULL with @err filled.
 */
json_t *cli_baseline_doc(const struct cli_db *db, const char *host,
			 char *err, size_t errlen);

/**
 * struct cli_merge_counts - what an import did
 * @added: executables new to this database
 * @replaced: executables it knew, replaced (--replace)
 * @kept: executables it knew, kept as they were
 * @host_taken: the database had observed nothing: the file's host state
 *	was taken, learning period included
 */
struct cli_merge_counts {
	size_t added;
	size_t replaced;
	size_t kept;
	bool host_taken;
};

/**
 * cli_baseline_merge() - merge a baseline document into @s
 * @s: the database, open read-write and locked (nd_state_lock())
 * @doc: the document
 * @replace: the file's state replaces the state of executables @s knows
 * @n: what was done
 * @err: on failure, why (the database is then unchanged)
 * @errlen: size of @err
 *
 * One transaction.  The document is checked whole before anything is
 * written.
 *
 * Return: 0, or -1 with @err filled.
 */
int cli_baseline_merge(struct nd_state *s, json_t *doc, bool replace,
		       struct cli_merge_counts *n, char *err, size_t errlen);

#endif /* NETANOMCTL_BASELINE_IO_H */
