// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "show --json": an array of objects, one per entry:
 *   exe, dev, ino, comm, connects, loopback,
 *   by_proto {tcp4, tcp6, udp4, udp6, other},
 *   first_seen, last_seen (RFC 3339 UTC, nine fraction digits),
 *   last_pid, last_uid, last_dest (see netanom_format_dest()),
 *   sendto, fastopen, listen, accept (uses other than connect(2); not part
 *   of connects), excluded (uses the module's exclusion lists left out of
 *   every other counter).
 * Counters above 2^63 - 1 (never reached in practice) would be clamped.
 */
#include <stdint.h>

#include "cli.h"

static json_t *jint(uint64_t v)
{
	return json_integer(v > INT64_MAX ? INT64_MAX : (json_int_t)v);
}

static json_t *by_proto(const struct netanom_exe *e)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o}",
			 "tcp4", jint(e->tcp4), "tcp6", jint(e->tcp6),
			 "udp4", jint(e->udp4), "udp6", jint(e->udp6),
			 "other", jint(e->other));
}

/**
 * cli_exe_json() - one entry as a JSON object
 * @e: the entry
 *
 * Return: a new reference, or NULL when out of memory.
 */
json_t *cli_exe_json(const struct netanom_exe *e)
{
	char first[NETANOM_TIME_LEN], last[NETANOM_TIME_LEN];
	char dest[NETANOM_DEST_LEN];

	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, "
			 "s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}",
			 "exe", cli_json_string(e->path),
			 "dev", jint(e->dev),
			 "ino", jint(e->ino),
			 "comm", cli_json_string(e->comm),
			 "connects", jint(netanom_exe_connects(e)),
			 "loopback", jint(e->loopback),
			 "by_proto", by_proto(e),
			 "first_seen", netanom_format_time(e->first_seen_ns,
							   first,
							   sizeof(first)),
			 "last_seen", netanom_format_time(e->last_seen_ns,
							  last, sizeof(last)),
			 "last_pid", jint(e->last_pid),
			 "last_uid", jint(e->last_uid),
			 "last_dest", netanom_format_dest(e, dest,
							  sizeof(dest)),
			 "sendto", jint(e->sendto),
			 "fastopen", jint(e->fastopen),
			 "listen", jint(e->listens),
			 "accept", jint(e->accepts),
			 "excluded", jint(e->excluded));
}

/**
 * cli_exes_json() - entries as a JSON array, in the order given
 * @v: entries
 * @n: how many
 *
 * Return: a new reference, or NULL when out of memory.
 */
json_t *cli_exes_json(const struct netanom_exe *v, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, cli_exe_json(&v[i])) < 0) {
			json_decref(arr);
			arr = NULL;
		}
	}
	return arr;
}
