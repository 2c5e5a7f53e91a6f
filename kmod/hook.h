/* SPDX-License-Identifier: GPL-2.0 */
/* The connect probe. */
#ifndef _NETANOM_HOOK_H
#define _NETANOM_HOOK_H

#include "state.h"

#if IS_ENABLED(CONFIG_KPROBES)
int netanom_hook_register(struct netanom_state *st);
void netanom_hook_unregister(void);
#else
/* UML (KUnit) has no kprobes: the module then only serves its tables. */
static inline int netanom_hook_register(struct netanom_state *st)
{
	return 0;
}

static inline void netanom_hook_unregister(void)
{
}
#endif

#endif /* _NETANOM_HOOK_H */
