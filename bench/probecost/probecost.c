// SPDX-License-Identifier: GPL-2.0
/*
 * probecost: the bare cost of a probe on security_socket_connect().
 *
 * A measuring tool, not part of netanom: it is never built by make or
 * make test, and never loaded on a host.  bench/probecost/run.sh loads it
 * inside the test guest, one mode at a time, and times UDP connects with
 * and without it (bench/README.md, "What the probe alone costs").
 *
 * Each mode attaches one way to the entry of security_socket_connect()
 * with a handler that does nothing but count the call, so the difference
 * over nothing loaded is what the attaching mechanism itself costs per
 * call:
 *
 *   kprobe      a kprobe (on the ftrace site, KPROBES_ON_FTRACE) whose
 *               pre_handler returns 0 at once: what netanom uses now.
 *   ftrace      an ftrace_ops filtered to the function, with no flags: no
 *               saved pt_regs, and no recursion protection from ftrace
 *               (the callback calls nothing, so it cannot recurse), so
 *               the trampoline calls it directly.
 *   ftrace_pre  the same, with preemption turned off around the count:
 *               the least a real handler would add, as netanom's counts
 *               into per-CPU state and relies on staying on one CPU.
 *   ftrace_rec  ftrace with FTRACE_OPS_FL_RECURSION: ftrace wraps the
 *               callback in its recursion guard, which also turns
 *               preemption off, as a handler that calls traceable
 *               functions would need.
 *   fprobe      an fprobe with an entry handler that returns 0 at once
 *               (kernels with CONFIG_FPROBE only; not Debian's 6.1).
 *
 * The count is per CPU (one instruction on the path, the same in every
 * mode) and is read as the parameter "hits": the sum over all CPUs, so the
 * benchmark can check that the probe really fired on every connect.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/fprobe.h>
#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/version.h>

static char *mode = "kprobe";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "how to attach: kprobe, ftrace, ftrace_pre, ftrace_rec or fprobe");

/* Another function only to see the benchmark's check of hits fail. */
static char *symbol = "security_socket_connect";
module_param(symbol, charp, 0444);
MODULE_PARM_DESC(symbol, "the function to attach to (default security_socket_connect)");

static DEFINE_PER_CPU(unsigned long, probecost_hits);

/* The sum of the per-CPU counts; read-only, so there is no set. */
static int probecost_hits_get(char *buf, const struct kernel_param *kp)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(probecost_hits, cpu);
	return sysfs_emit(buf, "%lu\n", sum);
}

static const struct kernel_param_ops probecost_hits_ops = {
	.get = probecost_hits_get,
};

module_param_cb(hits, &probecost_hits_ops, NULL, 0444);
MODULE_PARM_DESC(hits, "calls of security_socket_connect seen (read-only)");

/* kprobe: the pre_handler runs with preemption off; 0 lets the call go on. */
static int probecost_kp_pre(struct kprobe *p, struct pt_regs *regs)
{
	this_cpu_inc(probecost_hits);
	return 0;
}

static struct kprobe probecost_kp = {
	.pre_handler = probecost_kp_pre,
};

/*
 * ftrace: without FTRACE_OPS_FL_RECURSION the trampoline calls this
 * directly, possibly with preemption on: this_cpu_inc() is one
 * instruction, safe either way.  It calls nothing and is notrace, so it
 * cannot recurse, which is what leaving out ftrace's guard requires.
 */
static void notrace probecost_ftrace_cb(unsigned long ip,
					unsigned long parent_ip,
					struct ftrace_ops *op,
					struct ftrace_regs *fregs)
{
	this_cpu_inc(probecost_hits);
}

/* ftrace_pre: the preempt count's cost; notrace, as the callback. */
static void notrace probecost_ftrace_pre_cb(unsigned long ip,
					    unsigned long parent_ip,
					    struct ftrace_ops *op,
					    struct ftrace_regs *fregs)
{
	preempt_disable_notrace();
	__this_cpu_inc(probecost_hits);
	preempt_enable_notrace();
}

static struct ftrace_ops probecost_fops;

#if IS_ENABLED(CONFIG_FPROBE) && LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define PROBECOST_HAVE_FPROBE 1
/* fprobe: a non-zero return would only skip the exit handler (none here). */
static int probecost_fprobe_entry(struct fprobe *fp, unsigned long entry_ip,
				  unsigned long ret_ip, struct pt_regs *regs,
				  void *entry_data)
{
	this_cpu_inc(probecost_hits);
	return 0;
}

static struct fprobe probecost_fp = {
	.entry_handler = probecost_fprobe_entry,
};
#else
#define PROBECOST_HAVE_FPROBE 0
#endif

enum probecost_mode { PC_KPROBE, PC_FTRACE, PC_FPROBE };
static enum probecost_mode probecost_attached;

static int probecost_ftrace_on(ftrace_func_t func, unsigned long flags)
{
	/* ftrace_set_filter() parses its buffer and wants it writable. */
	char sym[KSYM_NAME_LEN];
	int ret;

	if (strscpy(sym, symbol, sizeof(sym)) < 0)
		return -EINVAL;
	probecost_fops.func = func;
	probecost_fops.flags = flags;
	ret = ftrace_set_filter(&probecost_fops, sym, strlen(sym), 1);
	if (ret)
		return ret;
	ret = register_ftrace_function(&probecost_fops);
	if (ret)
		ftrace_free_filter(&probecost_fops);
	return ret;
}

static int __init probecost_init(void)
{
	int ret;

	if (!strcmp(mode, "kprobe")) {
		probecost_attached = PC_KPROBE;
		probecost_kp.symbol_name = symbol;
		ret = register_kprobe(&probecost_kp);
	} else if (!strcmp(mode, "ftrace")) {
		probecost_attached = PC_FTRACE;
		ret = probecost_ftrace_on(probecost_ftrace_cb, 0);
	} else if (!strcmp(mode, "ftrace_pre")) {
		probecost_attached = PC_FTRACE;
		ret = probecost_ftrace_on(probecost_ftrace_pre_cb, 0);
	} else if (!strcmp(mode, "ftrace_rec")) {
		probecost_attached = PC_FTRACE;
		ret = probecost_ftrace_on(probecost_ftrace_cb,
					  FTRACE_OPS_FL_RECURSION);
	} else if (!strcmp(mode, "fprobe")) {
		probecost_attached = PC_FPROBE;
#if PROBECOST_HAVE_FPROBE
		ret = register_fprobe(&probecost_fp, symbol, NULL);
#else
		ret = -EOPNOTSUPP;
#endif
	} else {
		pr_err("unknown mode \"%s\"\n", mode);
		return -EINVAL;
	}
	if (ret) {
		pr_err("mode %s: could not attach to %s: %d\n", mode, symbol,
		       ret);
		return ret;
	}
	pr_info("mode %s attached to %s\n", mode, symbol);
	return 0;
}

static void __exit probecost_exit(void)
{
	switch (probecost_attached) {
	case PC_KPROBE:
		unregister_kprobe(&probecost_kp);
		break;
	case PC_FTRACE:
		/* Waits until no CPU can be in the callback any more. */
		unregister_ftrace_function(&probecost_fops);
		ftrace_free_filter(&probecost_fops);
		break;
	case PC_FPROBE:
#if PROBECOST_HAVE_FPROBE
		unregister_fprobe(&probecost_fp);
#endif
		break;
	}
}

module_init(probecost_init);
module_exit(probecost_exit);
MODULE_DESCRIPTION("Measuring tool: bare cost of a probe on security_socket_connect");
MODULE_LICENSE("GPL");
