/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Replay files: recorded activity, one JSON object per bucket and line.
 * docs/replay.md is the reference; in short:
 *
 *   {"time":"2026-11-28T10:00:00Z","active":[{"exe":"/usr/bin/curl",
 *     "connects":3,"uid":1000,"pid":42,"dest":"198.51.100.2:443",
 *     "transport":"tcp"}]}
 *
 * Blank lines and lines starting with '#' are skipped.
 */
#ifndef NETANOMD_REPLAY_H
#define NETANOMD_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "bucket.h"

/**
 * nd_replay_parse_line() - one line of a replay file into a bucket
 * @line: the line, NUL-terminated, without its newline
 * @span_s: bucket span; the bucket is the one "time" falls in
 * @b: filled on success (caller frees with nd_bucket_free()); empty on
 *	failure
 * @why: on failure, what is wrong
 * @whylen: size of @why
 *
 * Return: 0, 1 for a line to skip (blank or comment), -1 with @why filled.
 */
int nd_replay_parse_line(const char *line, uint32_t span_s,
			 struct nd_bucket *b, char *why, size_t whylen);

/**
 * nd_parse_time() - an RFC 3339 UTC time ("2026-11-28T10:00:00Z", with an
 *	optional fraction of up to nine digits)
 * @s: the text
 * @ns: ns since the epoch
 *
 * Return: 0, or -1 when @s is not such a time.
 */
int nd_parse_time(const char *s, int64_t *ns);

/**
 * nd_parse_dest() - "192.0.2.1:443", "[2001:db8::1]:443" or an address
 *	without a port, into @a's dest_ip, dest_port and ip_version
 * @s: the text
 * @a: the activity
 *
 * Return: 0, or -1 when @s is not a destination.
 */
int nd_parse_dest(const char *s, struct nd_activity *a);

#endif /* NETANOMD_REPLAY_H */
