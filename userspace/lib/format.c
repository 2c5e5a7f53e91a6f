// SPDX-License-Identifier: LGPL-2.1-or-later
/* Entry fields as text: RFC 3339 times and destination addresses. */
#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>

#include "netanom.h"

#define NS_PER_SEC 1000000000ULL

const char *netanom_format_time(uint64_t ns, char *buf, size_t len)
{
	time_t sec = (time_t)(ns / NS_PER_SEC);
	struct tm tm;
	char day[32];

	if (!gmtime_r(&sec, &tm) ||
	    !strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm)) {
		snprintf(buf, len, "%s", "");
		return buf;
	}
	snprintf(buf, len, "%s.%09lluZ", day,
		 (unsigned long long)(ns % NS_PER_SEC));
	return buf;
}

static void format_inet(const struct netanom_exe *e, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];
	int v6 = e->last_family == AF_INET6;

	if (!inet_ntop(e->last_family, e->last_addr, ip, sizeof(ip))) {
		snprintf(buf, len, "%s", "");
		return;
	}
	if (e->has_last_port)
		snprintf(buf, len, v6 ? "[%s]:%u" : "%s:%u", ip, e->last_port);
	else
		snprintf(buf, len, v6 ? "[%s]" : "%s", ip);
}

const char *netanom_format_dest(const struct netanom_exe *e, char *buf,
				size_t len)
{
	if (e->last_addr_len &&
	    (e->last_family == AF_INET || e->last_family == AF_INET6))
		format_inet(e, buf, len);
	else if (e->last_family == AF_UNIX)
		snprintf(buf, len, "unix");
	else if (e->last_family)
		snprintf(buf, len, "af%u", e->last_family);
	else
		snprintf(buf, len, "%s", "");
	return buf;
}
