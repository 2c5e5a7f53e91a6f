/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels netanom is built for (Debian's 6.1 and
 * 6.12), kept in one place so that the rest of the module reads as code for
 * a single kernel.
 */
#ifndef _NETANOM_COMPAT_H
#define _NETANOM_COMPAT_H

#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>

/*
 * Take a reference on mm->exe_file under rcu_read_lock().  Since 6.7 files
 * are SLAB_TYPESAFE_BY_RCU and get_file_rcu() is a function that takes the
 * __rcu pointer and rechecks it; before, files were freed after a grace
 * period and get_file_rcu() was a macro that only refused a file whose
 * count had reached zero.  The macro is what tells the two apart.
 */
static inline struct file *netanom_get_exe_file_rcu(struct mm_struct *mm)
{
#ifdef get_file_rcu
	struct file *exe = rcu_dereference(mm->exe_file);

	return exe && get_file_rcu(exe) ? exe : NULL;
#else
	return get_file_rcu(&mm->exe_file);
#endif
}

#endif /* _NETANOM_COMPAT_H */
