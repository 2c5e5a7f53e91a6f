/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Making real connects and real executables for the checks to observe.
 */
#ifndef NC_HELPERS_H
#define NC_HELPERS_H

#include <stdint.h>
#include <sys/socket.h>
#include "conformance.h"

/* argv[1] of a --populate child: connect once and exit. */
#define NC_CONNECT_ONCE "--netanom-conformance-connect-once"

/* This executable, as the module should see it. */
struct nc_self {
	uint64_t dev;
	uint64_t ino;
	char path[4096];
	char comm[NETANOM_COMM_LEN];
};

int nc_self(struct nc_self *me);
uint64_t nc_now_ns(void);
int nc_connect(int domain, int type, const void *addr, socklen_t len);
int nc_sockaddr_in(void *buf, const char *ip, uint16_t port);
int nc_sockaddr_in6(void *buf, const char *ip, uint16_t port);
int nc_connect_once(void);
void nc_populate(struct nc *c, long n);
void nc_check_long_path(struct nc *c);

#endif /* NC_HELPERS_H */
