/* SPDX-License-Identifier: GPL-2.0 */
/* Identity of the executable behind the current process. */
#ifndef _NETANOM_IDENT_H
#define _NETANOM_IDENT_H

#include <linux/fs.h>
#include <linux/sched.h>
#include "table.h"

/* Kernel threads may borrow an mm; they are not programs. */
static inline bool netanom_current_is_program(void)
{
	return current->mm && !(current->flags & PF_KTHREAD);
}

struct file *netanom_current_exe(void);
bool netanom_current_key(struct netanom_key *key);
void netanom_exe_key(const struct file *exe, struct netanom_key *key);
const char *netanom_exe_path(struct file *exe, char *buf, int len);

#endif /* _NETANOM_IDENT_H */
