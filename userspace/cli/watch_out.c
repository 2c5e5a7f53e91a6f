// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "watch" output: one line per event.  Text: key=value pairs with the
 * executable's path last, as it may hold spaces; JSON: one object per
 * line (JSON Lines), so that a pipe can read the events one by one.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <sys/socket.h>

#include "cli.h"

/* comm is chosen by the process: no byte of it may break the line up. */
static void put_comm(FILE *f, const char *comm)
{
	const unsigned char *p;

	for (p = (const unsigned char *)comm; *p; p++)
		fputc(*p > ' ' && *p < 0x7f ? *p : '?', f);
}

/**
 * cli_print_event() - one event as one line of text
 * @f: where
 * @ev: the event
 */
void cli_print_event(FILE *f, const struct netanom_event *ev)
{
	char when[NETANOM_TIME_LEN], dest[NETANOM_DEST_LEN];

	fprintf(f, "%s pid=%" PRIu32 " tid=%" PRIu32 " ppid=%" PRIu32
		" uid=%" PRIu32 " kind=%s dest=%s comm=",
		netanom_format_time(ev->time_ns, when, sizeof(when)),
		ev->tgid, ev->pid, ev->ppid, ev->uid,
		netanom_event_kind_name(ev->kind),
		ev->exe.last_family ?
		netanom_format_dest(&ev->exe, dest, sizeof(dest)) : "-");
	put_comm(f, ev->exe.comm);
	fprintf(f, " dev=%" PRIu64 " ino=%" PRIu64 " exe=%s\n", ev->exe.dev,
		ev->exe.ino, ev->exe.path[0] ? ev->exe.path : "-");
}

static json_t *jint(uint64_t v)
{
	return json_integer(v > INT64_MAX ? INT64_MAX : (json_int_t)v);
}

/* "address" and "port" of the destination, when it has them. */
static int put_dest(json_t *o, const struct netanom_exe *e)
{
	char ip[INET6_ADDRSTRLEN], dest[NETANOM_DEST_LEN];

	if (!e->last_family)
		return 0;
	if (json_object_set_new(o, "family", json_integer(e->last_family)) ||
	    json_object_set_new(o, "dest",
				json_string(netanom_format_dest(e, dest,
								sizeof(dest)))))
		return -1;
	if (e->last_addr_len &&
	    inet_ntop(e->last_family, e->last_addr, ip, sizeof(ip)) &&
	    json_object_set_new(o, "address", json_string(ip)))
		return -1;
	if (e->has_last_port &&
	    json_object_set_new(o, "port", json_integer(e->last_port)))
		return -1;
	return 0;
}

/**
 * cli_event_json() - one event as a JSON object
 * @ev: the event
 *
 * Keys: time (RFC 3339), time_ns, pid (the process), tid (the thread),
 * ppid, uid, comm, exe, dev, ino, kind, and for a use with a destination
 * family, dest (as "show" prints it), address and port.
 *
 * Return: a new reference, or NULL when out of memory.
 */
json_t *cli_event_json(const struct netanom_event *ev)
{
	char when[NETANOM_TIME_LEN];
	json_t *o;

	o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
		      "time", netanom_format_time(ev->time_ns, when,
						  sizeof(when)),
		      "time_ns", jint(ev->time_ns),
		      "pid", jint(ev->tgid),
		      "tid", jint(ev->pid),
		      "ppid", jint(ev->ppid),
		      "uid", jint(ev->uid),
		      "comm", cli_json_string(ev->exe.comm),
		      "exe", cli_json_string(ev->exe.path),
		      "dev", jint(ev->exe.dev),
		      "ino", jint(ev->exe.ino),
		      "kind", netanom_event_kind_name(ev->kind));
	if (o && put_dest(o, &ev->exe)) {
		json_decref(o);
		return NULL;
	}
	return o;
}
