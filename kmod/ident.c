// SPDX-License-Identifier: GPL-2.0
/*
 * Who is connecting: the executable file of the current process.  comm and
 * argv[0] are chosen by the process itself; the file it was executed from
 * is not, so the file's (device, inode) is the key and its path the label.
 */
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include "compat.h"
#include "ident.h"

/**
 * netanom_current_exe() - take a reference on current's executable file
 *
 * get_mm_exe_file() is not exported, so this is its body: the file is
 * taken under RCU and only if its reference count is not already zero,
 * because another thread may replace mm->exe_file (prctl(PR_SET_MM)) at any
 * moment.
 *
 * Context: process context, may be atomic; does not sleep.
 * Return: the file with a reference the caller drops with fput(), or NULL
 * for kernel threads and processes without an executable.
 */
struct file *netanom_current_exe(void)
{
	struct mm_struct *mm = current->mm;
	struct file *exe;

	if (!netanom_current_is_program())
		return NULL;

	rcu_read_lock();
	exe = netanom_get_exe_file_rcu(mm);
	rcu_read_unlock();
	return exe;
}

/**
 * netanom_current_key() - identity of current's executable, without a
 *			   reference on the file
 * @key: filled with the device and inode number, as netanom_exe_key()
 *
 * The probe's common case is an executable already in the table: it needs
 * the key, not the file, so it does not take and drop a reference on the
 * file (two atomic operations on a cache line that every process of the
 * executable shares).  mm->exe_file holds a reference while it points to
 * the file, and struct file memory stays a struct file under RCU (freed
 * after a grace period before 6.7, SLAB_TYPESAFE_BY_RCU since), so reading
 * f_inode is safe; the inode it names is freed only after a grace period.
 * Reading mm->exe_file again after the inode tells that the file was still
 * the executable when the key was read: only prctl(PR_SET_MM_EXE_FILE) by
 * another thread changes it under a running task.  The caller falls back
 * to netanom_current_exe() when this fails.
 *
 * Context: rcu_read_lock() held; current has an mm (not a kernel thread).
 * Return: true when @key was filled.
 */
bool netanom_current_key(struct netanom_key *key)
{
	struct mm_struct *mm = current->mm;
	struct file *exe = rcu_dereference(mm->exe_file);
	struct inode *inode;

	if (!exe)
		return false;
	inode = READ_ONCE(exe->f_inode);
	if (!inode)
		return false;
	key->dev = new_encode_dev(READ_ONCE(inode->i_sb)->s_dev);
	key->ino = READ_ONCE(inode->i_ino);
	/* The key was read before the pointer is checked again. */
	smp_rmb();
	return rcu_access_pointer(mm->exe_file) == exe;
}

/**
 * netanom_exe_key() - identity of an executable file
 * @exe: the file
 * @key: filled with the device (as stat(2) reports st_dev) and inode number
 */
void netanom_exe_key(const struct file *exe, struct netanom_key *key)
{
	const struct inode *inode = file_inode(exe);

	key->dev = new_encode_dev(inode->i_sb->s_dev);
	key->ino = inode->i_ino;
}

/**
 * netanom_exe_path() - path of an executable file
 * @exe: the file
 * @buf: scratch buffer
 * @len: size of @buf
 *
 * d_path() takes only spinlocks and seqlocks, so this is safe in the probe.
 * A file that was deleted after exec reads "... (deleted)", which is worth
 * showing as it is.
 *
 * Return: the path inside @buf, or a placeholder when it cannot be built.
 */
const char *netanom_exe_path(struct file *exe, char *buf, int len)
{
	const char *p = d_path(&exe->f_path, buf, len);

	return IS_ERR(p) ? "[unknown]" : p;
}
