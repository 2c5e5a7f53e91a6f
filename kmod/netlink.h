/* SPDX-License-Identifier: GPL-2.0 */
/* The "netanom" generic netlink family. */
#ifndef _NETANOM_NETLINK_H
#define _NETANOM_NETLINK_H

#include "state.h"

int netanom_netlink_register(struct netanom_state *st);
void netanom_netlink_unregister(void);
bool netanom_netlink_listening(void);
int netanom_netlink_notify(const struct netanom_event *ev);

#endif /* _NETANOM_NETLINK_H */
