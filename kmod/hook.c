// SPDX-License-Identifier: GPL-2.0
/*
 * The probes: connect, and the ways to the network that bypass it.
 *
 * A loadable module cannot add LSM hooks on current kernels: the hook lists
 * are read-only after init and security_add_hooks() is __init.  So the LSM
 * path is watched with a kprobe on security_socket_connect(), which every
 * connect(2) and io_uring connect passes through with the kernel's copy of
 * the destination.  On kernels with KPROBES_ON_FTRACE the probe sits on the
 * function's ftrace site and costs little.
 *
 * A use that matches the exclusion lists (destination CIDRs, uids; see
 * excl.c) is counted as excluded instead of in its own counter.
 *
 * Other ways to the network are watched the same way: sends that carry
 * their own destination (security_socket_sendmsg()), listen
 * (security_socket_listen()) and accepted connections
 * (security_sock_graft()).
 *
 * The handlers run on every connect and every send of every process, with
 * preemption disabled.  They never sleep, never allocate with GFP_KERNEL,
 * take no lock on the path for a known executable (its last-use record
 * is skipped, never waited for, when another CPU is writing it), and
 * always return 0:
 * they watch the call and never change, fail or delay it.
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
#include <linux/workqueue.h>
#include <linux/user_namespace.h>
#include <net/mptcp.h>
#include <net/sock.h>
#include <uapi/linux/netanom.h>
#include "dest.h"
#include "excl.h"
#include "hook.h"
#include "ident.h"
#include "netlink.h"

/* The probes, in the order of netanom_probes[] below. */
enum {
	NETANOM_KP_CONNECT,
	NETANOM_KP_SENDMSG,
	NETANOM_KP_LISTEN,
	NETANOM_KP_GRAFT,
	NETANOM_NR_KPS,
};

static struct kprobe netanom_kps[NETANOM_NR_KPS];

/*
 * What the probes count into.  Set before the probes are registered and
 * left alone until they are unregistered, so the handlers read it plainly.
 */
static struct netanom_state *netanom_hook_state;

/*
 * current->comm without task_lock(): get_task_comm() takes the task lock,
 * which the probes must not (the accept probe runs under sk_callback_lock,
 * which softirqs take, and the task lock is taken with softirqs on).  A
 * racing prctl(PR_SET_NAME) may leave a mix of old and new name, which is
 * harmless for a label; the last byte of comm is always NUL, and the copy
 * is terminated anyway.
 */
static void netanom_current_comm(char comm[TASK_COMM_LEN])
{
	memcpy(comm, current->comm, TASK_COMM_LEN);
	comm[TASK_COMM_LEN - 1] = '\0';
}

/* First sight of an executable: resolve its path and add its entry. */
static struct netanom_entry *netanom_add_current(struct netanom_table *t,
						 const struct netanom_key *key,
						 struct file *exe)
{
	char comm[TASK_COMM_LEN];
	struct netanom_entry *e;
	char *buf;

	buf = kmalloc(PATH_MAX, GFP_ATOMIC | __GFP_NOWARN);
	if (!buf) {
		atomic64_inc(&t->alloc_failures);
		return NULL;
	}
	netanom_current_comm(comm);
	e = netanom_table_insert(t, key, netanom_exe_path(exe, buf, PATH_MAX),
				 comm, GFP_ATOMIC | __GFP_NOWARN);
	kfree(buf);
	return e;
}

/*
 * The first counted use of an executable: report it on the events group.
 * The entry's bit makes this once per entry however many CPUs race here;
 * an excluded use is not counted, so it leaves the bit for the next use.
 * Nobody listening is checked after the bit, on purpose: an executable
 * first seen then gets no event later, and the bucket pull reports it.
 *
 * Context: the probe, rcu_read_lock() held.
 */
static void netanom_announce(struct netanom_state *st, struct netanom_entry *e,
			     const struct netanom_sample *s)
{
	struct netanom_event ev;

	if (s->excluded || test_bit(NETANOM_ENTRY_ANNOUNCED, &e->flags) ||
	    test_and_set_bit(NETANOM_ENTRY_ANNOUNCED, &e->flags))
		return;
	if (!netanom_netlink_listening())
		return;
	ev.time_ns = s->now_ns;
	ev.key = e->key;
	ev.pid = task_pid_nr(current);
	ev.tgid = s->pid;
	ev.ppid = task_tgid_nr(rcu_dereference(current->real_parent));
	ev.uid = s->uid;
	ev.kind = netanom_event_kind(s);
	ev.dest = s->dest;
	netanom_current_comm(ev.comm);
	netanom_events_push(&st->events, &ev);
}

/*
 * A first sight whose path cannot be resolved where it was seen: the
 * executable, its identity and the use, handed to a work item.
 */
struct netanom_deferred {
	struct work_struct work;
	struct netanom_state *st;
	struct file *exe;
	struct netanom_key key;
	struct netanom_sample s;
	char comm[TASK_COMM_LEN];
};

/* Runs the deferred first sights; destroyed (drained) on unregister. */
static struct workqueue_struct *netanom_wq;

/*
 * No event from here: the worker is not the task that made the use, so
 * the event's pid, parent and comm would be wrong.  The entry's next use
 * announces it.
 */
static void netanom_deferred_add(struct work_struct *work)
{
	struct netanom_deferred *d = container_of(work, struct netanom_deferred,
						  work);
	struct netanom_table *t = &d->st->table;
	struct netanom_entry *e;
	char *buf;

	buf = kmalloc(PATH_MAX, GFP_KERNEL | __GFP_NOWARN);
	if (!buf) {
		atomic64_inc(&t->alloc_failures);
		goto out;
	}
	rcu_read_lock();
	e = netanom_table_insert(t, &d->key,
				 netanom_exe_path(d->exe, buf, PATH_MAX),
				 d->comm, GFP_ATOMIC | __GFP_NOWARN);
	if (e)
		netanom_entry_record(e, &d->s);
	rcu_read_unlock();
	kfree(buf);
out:
	fput(d->exe);
	kfree(d);
}

/*
 * Hand a first sight to the work item, which takes over the reference on
 * @exe.  Return: false when it could not be queued (counted as an
 * allocation failure); the caller then still owns @exe.
 */
static bool netanom_defer_add(struct netanom_state *st,
			      const struct netanom_key *key, struct file *exe,
			      const struct netanom_sample *s)
{
	struct netanom_deferred *d;

	d = kmalloc(sizeof(*d), GFP_ATOMIC | __GFP_NOWARN);
	if (!d) {
		atomic64_inc(&st->table.alloc_failures);
		return false;
	}
	INIT_WORK(&d->work, netanom_deferred_add);
	d->st = st;
	d->exe = exe;
	d->key = *key;
	d->s = *s;
	netanom_current_comm(d->comm);
	queue_work(netanom_wq, &d->work);
	return true;
}

/*
 * A use by an executable the table does not hold (or whose key could not
 * be read without a reference): take a reference on the file, which the
 * path and the deferred work need, and add the entry.
 *
 * Context: rcu_read_lock() held.
 */
static void netanom_count_new(struct netanom_state *st,
			      struct netanom_sample *s, bool defer_path)
{
	struct netanom_entry *e;
	struct netanom_key key;
	struct file *exe;

	exe = netanom_current_exe();
	if (!exe)
		return;
	/* The file's own key: the lockless one may be of a replaced file. */
	netanom_exe_key(exe, &key);
	e = netanom_table_lookup(&st->table, &key);
	if (!e && netanom_table_full(&st->table)) {
		/* Do not allocate for what cannot be stored anyway. */
		atomic64_inc(&st->table.dropped);
	} else if (!e && defer_path) {
		if (netanom_defer_add(st, &key, exe, s))
			exe = NULL;
	} else {
		if (!e)
			e = netanom_add_current(&st->table, &key, exe);
		if (e) {
			netanom_entry_record(e, s);
			netanom_announce(st, e, s);
		}
	}
	if (exe)
		fput(exe);
}

/*
 * Count a use by current.  @defer_path: current holds a lock under which
 * d_path() must not run (its seqlocks are taken with softirqs on), so a
 * new executable is added by a work item instead.
 *
 * This runs on every connect: a known executable costs a clock read, a
 * lookup, the counter increments and the last-use record, with no
 * reference taken on the executable file and no lock.
 */
static void netanom_count_current(struct netanom_state *st,
				  struct netanom_sample *s, bool defer_path)
{
	const struct netanom_excl *excl;
	struct netanom_entry *e;
	struct netanom_key key;

	if (!netanom_current_is_program())
		return;
	s->pid = task_tgid_nr(current);
	/*
	 * A kuid_t is the uid in the initial user namespace, which maps
	 * every uid to itself: from_kuid_munged(&init_user_ns, ...) would
	 * walk its one extent to return the same number.
	 */
	s->uid = __kuid_val(current_uid());
	s->now_ns = ktime_get_real_ns();

	rcu_read_lock();
	/*
	 * The exclusion lists are one object swapped whole under RCU: this
	 * use is matched against the old lists or the new ones, never a mix,
	 * and they stay valid until rcu_read_unlock().
	 */
	excl = rcu_dereference(st->excl);
	s->excluded = excl && netanom_excl_match(excl, s);
	e = netanom_current_key(&key) ?
		netanom_table_lookup(&st->table, &key) : NULL;
	if (e) {
		netanom_entry_record(e, s);
		/* Tested here too: only an entry's first use gets further. */
		if (!test_bit(NETANOM_ENTRY_ANNOUNCED, &e->flags))
			netanom_announce(st, e, s);
	} else {
		netanom_count_new(st, s, defer_path);
	}
	rcu_read_unlock();
}

static bool netanom_is_inet(const struct sock *sk)
{
	u16 family = READ_ONCE(sk->sk_family);

	return family == AF_INET || family == AF_INET6;
}

/* int security_socket_connect(struct socket *sock, struct sockaddr *address,
 *			       int addrlen)
 */
static int netanom_connect_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct netanom_state *st = netanom_hook_state;
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
	/*
	 * A stream socket that is connecting or connected cannot go anywhere
	 * new: this is a retry that asks how the first connect went (io_uring
	 * connects again once the socket is writable, and so do programs
	 * that poll a non-blocking connect that way).  Count it once.
	 */
	if (sock->type == SOCK_STREAM && READ_ONCE(sock->state) != SS_UNCONNECTED)
		return 0;
	if (netanom_classify(addr, addrlen, READ_ONCE(sk->sk_protocol),
			     flags & NETANOM_CONFIG_F_COUNT_UNIX, &s) !=
	    NETANOM_COUNT)
		return 0;
	s.use = NETANOM_USE_CONNECT;
	netanom_count_current(st, &s, false);
	return 0;
}

/*
 * int security_socket_sendmsg(struct socket *sock, struct msghdr *msg,
 *			       int size)
 *
 * Every send of every socket passes here, so the common case -- a
 * connected socket, no address -- leaves at the first test.  What is left
 * are sends that choose their destination themselves: unconnected inet
 * datagram sockets (a DNS query by hand, exfiltration over UDP) and TCP
 * Fast Open, whose sendto(MSG_FASTOPEN) opens a connection without ever
 * calling security_socket_connect().  msg_name is the kernel's copy of the
 * address by now (move_addr_to_kernel() or copy_msghdr_from_user()).
 */
static int netanom_sendmsg_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct netanom_state *st = netanom_hook_state;
	struct socket *sock = (struct socket *)regs_get_kernel_argument(regs, 0);
	struct msghdr *msg = (struct msghdr *)regs_get_kernel_argument(regs, 1);
	struct netanom_sample s;
	enum netanom_use use;
	struct sock *sk;
	int proto;
	u16 family;

	if (!msg || !msg->msg_name)
		return 0;
	sk = sock ? READ_ONCE(sock->sk) : NULL;
	if (!sk)
		return 0;
	family = READ_ONCE(sk->sk_family);
	if (family != AF_INET && family != AF_INET6)
		return 0;
	proto = READ_ONCE(sk->sk_protocol);
	if (sock->type == SOCK_DGRAM)
		use = NETANOM_USE_SENDTO;
	else if (sock->type == SOCK_STREAM &&
		 (proto == IPPROTO_TCP || proto == IPPROTO_MPTCP) &&
		 (msg->msg_flags & MSG_FASTOPEN))
		use = NETANOM_USE_FASTOPEN;
	else
		return 0;	/* TCP ignores the address without MSG_FASTOPEN */
	if (!(READ_ONCE(st->flags) & NETANOM_CONFIG_F_ENABLED))
		return 0;
	if (netanom_classify_send(msg->msg_name, msg->msg_namelen, family,
				  proto, &s) != NETANOM_COUNT)
		return 0;
	s.use = use;
	netanom_count_current(st, &s, false);
	return 0;
}

/* Count a use without a destination (listen, accept) by current. */
static void netanom_count_local(struct netanom_state *st,
				enum netanom_use use, bool defer_path)
{
	struct netanom_sample s;

	if (!(READ_ONCE(st->flags) & NETANOM_CONFIG_F_ENABLED))
		return;
	memset(&s, 0, sizeof(s));
	s.use = use;
	netanom_count_current(st, &s, defer_path);
}

/* int security_socket_listen(struct socket *sock, int backlog) */
static int netanom_listen_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct socket *sock = (struct socket *)regs_get_kernel_argument(regs, 0);
	struct sock *sk = sock ? READ_ONCE(sock->sk) : NULL;

	if (sk && netanom_is_inet(sk))
		netanom_count_local(netanom_hook_state, NETANOM_USE_LISTEN,
				    false);
	return 0;
}

/*
 * void security_sock_graft(struct sock *sk, struct socket *parent)
 *
 * Accepted connections, rather than accept calls: security_socket_accept()
 * runs before accept blocks or finds nothing, while inet_accept() grafts
 * the new connection onto its socket only once there is one.  MPTCP also
 * grafts its subflows (from softirq, too): only the accepted socket itself
 * counts, and only in the accepting task.
 *
 * sock_graft() holds sk_callback_lock here, with softirqs off: the path of
 * an executable seen for the first time is resolved by a work item.
 */
static int netanom_graft_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct sock *sk = (struct sock *)regs_get_kernel_argument(regs, 0);
	int proto;

	if (!sk || !in_task() || !netanom_is_inet(sk) ||
	    READ_ONCE(sk->sk_type) != SOCK_STREAM)
		return 0;
	proto = READ_ONCE(sk->sk_protocol);
	if (proto == IPPROTO_MPTCP || (proto == IPPROTO_TCP && !sk_is_mptcp(sk)))
		netanom_count_local(netanom_hook_state, NETANOM_USE_ACCEPT,
				    true);
	return 0;
}

static const struct {
	const char *symbol;
	kprobe_pre_handler_t handler;
} netanom_probes[NETANOM_NR_KPS] = {
	[NETANOM_KP_CONNECT] = { "security_socket_connect", netanom_connect_pre },
	[NETANOM_KP_SENDMSG] = { "security_socket_sendmsg", netanom_sendmsg_pre },
	[NETANOM_KP_LISTEN] = { "security_socket_listen", netanom_listen_pre },
	[NETANOM_KP_GRAFT] = { "security_sock_graft", netanom_graft_pre },
};

/**
 * netanom_hook_register() - start counting connects, sends, listens, accepts
 * @st: where to count
 *
 * All probes or none: register_kprobes() removes those it registered when
 * one fails.
 *
 * Context: process context, may sleep.
 * Return: 0, -ENOMEM or the error of register_kprobes().
 */
int netanom_hook_register(struct netanom_state *st)
{
	struct kprobe *kps[NETANOM_NR_KPS];
	int i, ret;

	netanom_hook_state = st;
	netanom_wq = alloc_workqueue("netanom", 0, 0);
	if (!netanom_wq)
		return -ENOMEM;
	for (i = 0; i < NETANOM_NR_KPS; i++) {
		memset(&netanom_kps[i], 0, sizeof(netanom_kps[i]));
		netanom_kps[i].symbol_name = netanom_probes[i].symbol;
		netanom_kps[i].pre_handler = netanom_probes[i].handler;
		kps[i] = &netanom_kps[i];
	}
	ret = register_kprobes(kps, NETANOM_NR_KPS);
	if (ret) {
		pr_err("cannot probe the socket LSM hooks: %d\n", ret);
		destroy_workqueue(netanom_wq);
	}
	return ret;
}

/**
 * netanom_hook_unregister() - stop counting
 *
 * unregister_kprobes() waits for an RCU grace period after disarming, so no
 * handler is running or will run once it returns; destroying the workqueue
 * then runs the first sights the handlers deferred.  Nothing touches the
 * table once this returns.
 *
 * Context: process context, may sleep.
 */
void netanom_hook_unregister(void)
{
	struct kprobe *kps[NETANOM_NR_KPS];
	int i;

	for (i = 0; i < NETANOM_NR_KPS; i++)
		kps[i] = &netanom_kps[i];
	unregister_kprobes(kps, NETANOM_NR_KPS);
	destroy_workqueue(netanom_wq);
}
