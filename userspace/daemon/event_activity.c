// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What a new-executable event means to the engine: the same activity the
 * bucket pull would find for that use (collect.h), or none.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "collect.h"

/* 127.0.0.0/8, 0.0.0.0, ::1 and ::, as the module counts loopback. */
static bool is_loopback(const struct netanom_exe *e)
{
	static const uint8_t any6[16], one6[16] = { [15] = 1 };
	const uint8_t *a = e->last_addr;

	if (e->last_family == AF_INET && e->last_addr_len == 4)
		return a[0] == 127 || !memcmp(a, any6, 4);
	if (e->last_family == AF_INET6 && e->last_addr_len == 16)
		return !memcmp(a, any6, 16) || !memcmp(a, one6, 16);
	return false;
}

/* The transport a kind implies; NULL when it does not say. */
static const char *kind_transport(uint8_t kind)
{
	switch (kind) {
	case NETANOM_KIND_TCP4:
	case NETANOM_KIND_TCP6:
	case NETANOM_KIND_FASTOPEN:
		return "tcp";
	case NETANOM_KIND_UDP4:
	case NETANOM_KIND_UDP6:
		return "udp";
	default:
		return NULL;	/* other, and sendto: UDP, UDP-Lite or ping */
	}
}

static bool is_activity(const struct netanom_event *ev)
{
	switch (ev->kind) {
	case NETANOM_KIND_TCP4:
	case NETANOM_KIND_TCP6:
	case NETANOM_KIND_UDP4:
	case NETANOM_KIND_UDP6:
	case NETANOM_KIND_OTHER:
	case NETANOM_KIND_SENDTO:
	case NETANOM_KIND_FASTOPEN:
		return !is_loopback(&ev->exe);
	default:
		return false;
	}
}

int nd_event_activity(const struct netanom_event *ev, struct nd_activity *a)
{
	memset(a, 0, sizeof(*a));
	if (!is_activity(ev) || !ev->exe.path || !ev->exe.path[0])
		return 1;
	a->exe = strdup(ev->exe.path);
	if (!a->exe)
		return -1;
	a->dev = ev->exe.dev;
	a->ino = ev->exe.ino;
	memcpy(a->comm, ev->exe.comm, sizeof(a->comm));
	a->comm[sizeof(a->comm) - 1] = '\0';
	a->connects = 1;
	a->pid = (pid_t)ev->tgid;
	a->uid = (uid_t)ev->uid;
	nd_activity_set_dest(&ev->exe, a);
	a->transport = a->ip_version ? kind_transport(ev->kind) : NULL;
	return 0;
}
