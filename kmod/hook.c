// SPDX-License-Identifier: GPL-2.0
/*
 * The connect probe.
 *
 * A loadable module cannot add LSM hooks on current kernels: the hook lists
 * are read-only after init and security_add_hooks() is __init.  So the LSM
 * path is watched with a kprobe on security_socket_connect(), which every
 * connect(2) and io_uring connect passes through with the kernel's copy of
 * the destination.  On kernels with KPROBES_ON_FTRACE the probe sits on the
 * function's ftrace site and costs little.
 *
 * The handler runs on every connect of every process, with preemption
 * disabled.  It never sleeps, never allocates with GFP_KERNEL, takes no lock
 * on the path for a known executable, and always returns 0: it watches the
 * connect and never changes, fails or delays it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/file.h>
#include <linux/kprobes.h>
#include <linux/net.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>
#include <net/sock.h>
#include <uapi/linux/netanom.h>
#include "dest.h"
#include "hook.h"
#include "ident.h"

/**
 * struct netanom_hook - the registered probe and what it counts into
 * @kp: kprobe on security_socket_connect()
 * @st: state shared with netlink
 */
struct netanom_hook {
	struct kprobe kp;
	struct netanom_state *st;
};

static struct netanom_hook netanom_hook;

/* First sight of an executable: resolve its path and add its entry. */
static struct netanom_entry *netanom_add_current(struct netanom_table *t,
						 const struct netanom_key *key,
						 struct file *exe)
{
	char comm[TASK_COMM_LEN];
	struct netanom_entry *e;
	char *buf;

	/* Do not allocate for an executable that cannot be stored anyway. */
	if (netanom_table_full(t)) {
		atomic64_inc(&t->dropped);
		return NULL;
	}
	buf = kmalloc(PATH_MAX, GFP_ATOMIC | __GFP_NOWARN);
	if (!buf) {
		atomic64_inc(&t->alloc_failures);
		return NULL;
	}
	get_task_comm(comm, current);
	e = netanom_table_insert(t, key, netanom_exe_path(exe, buf, PATH_MAX),
				 comm, GFP_ATOMIC | __GFP_NOWARN);
	kfree(buf);
	return e;
}

static void netanom_count_current(struct netanom_state *st,
				  struct netanom_sample *s)
{
	struct netanom_entry *e;
	struct netanom_key key;
	struct file *exe;

	exe = netanom_current_exe();
	if (!exe)
		return;
	netanom_exe_key(exe, &key);
	s->pid = task_tgid_nr(current);
	s->uid = from_kuid_munged(&init_user_ns, current_uid());
	s->now_ns = ktime_get_real_ns();

	rcu_read_lock();
	e = netanom_table_lookup(&st->table, &key);
	if (!e)
		e = netanom_add_current(&st->table, &key, exe);
	if (e)
		netanom_entry_record(e, s);
	rcu_read_unlock();
	fput(exe);
}

/* int security_socket_connect(struct socket *sock, struct sockaddr *address,
 *			       int addrlen)
 */
static int netanom_connect_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct netanom_state *st = container_of(kp, struct netanom_hook,
						kp)->st;
	struct socket *sock = (struct socket *)regs_get_kernel_argument(regs, 0);
	struct sockaddr *addr = (struct sockaddr *)regs_get_kernel_argument(regs,
									    1);
	int addrlen = (int)regs_get_kernel_argument(regs, 2);
	struct netanom_sample s;
	struct sock *sk;
	u32 flags;

	this_cpu_inc(*st->hits);
	flags = READ_ONCE(st->flags);
	if (!(flags & NETANOM_CONFIG_F_ENABLED))
		return 0;
	sk = sock ? READ_ONCE(sock->sk) : NULL;
	if (!sk)
		return 0;
	if (netanom_classify(addr, addrlen, READ_ONCE(sk->sk_protocol),
			     flags & NETANOM_CONFIG_F_COUNT_UNIX, &s) !=
	    NETANOM_COUNT)
		return 0;
	netanom_count_current(st, &s);
	return 0;
}

/**
 * netanom_hook_register() - start counting connects
 * @st: where to count
 *
 * Context: process context, may sleep.
 * Return: 0 or the error of register_kprobe().
 */
int netanom_hook_register(struct netanom_state *st)
{
	int ret;

	netanom_hook.st = st;
	netanom_hook.kp.symbol_name = "security_socket_connect";
	netanom_hook.kp.pre_handler = netanom_connect_pre;
	ret = register_kprobe(&netanom_hook.kp);
	if (ret)
		pr_err("cannot probe security_socket_connect: %d\n", ret);
	return ret;
}

/**
 * netanom_hook_unregister() - stop counting connects
 *
 * unregister_kprobe() waits for an RCU grace period after disarming, so no
 * handler is running or will run once this returns.
 *
 * Context: process context, may sleep.
 */
void netanom_hook_unregister(void)
{
	unregister_kprobe(&netanom_hook.kp);
}
