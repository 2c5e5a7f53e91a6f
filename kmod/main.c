// SPDX-License-Identifier: GPL-2.0
/*
 * netanom: count network use per executable, for the detection of programs
 * that do not usually use the network and suddenly do.
 *
 * Module init and exit.  The probe is armed last and disarmed first, so it
 * never sees a table or family that is not there.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <uapi/linux/netanom.h>
#include "event.h"
#include "hook.h"
#include "netlink.h"
#include "state.h"

/* Beyond this the table's memory is better spent elsewhere. */
#define NETANOM_MAX_ENTRIES_LIMIT	(1U << 22)

static unsigned int max_entries = 16384;
module_param(max_entries, uint, 0444);
MODULE_PARM_DESC(max_entries,
		 "Most executables tracked; connects of others are counted as dropped (default 16384)");

static unsigned int event_rate = 50;
module_param(event_rate, uint, 0444);
MODULE_PARM_DESC(event_rate,
		 "New-executable events per second, sustained (default 50)");

static unsigned int event_burst = 64;
module_param(event_burst, uint, 0444);
MODULE_PARM_DESC(event_burst,
		 "New-executable events at once before event_rate applies; 0: no events (default 64)");

static bool lock;
module_param(lock, bool, 0444);
MODULE_PARM_DESC(lock,
		 "Refuse to unload until reboot, so that counting cannot be switched off by rmmod (default 0)");

static struct netanom_state netanom_state;

static int __init netanom_init(void)
{
	struct netanom_state *st = &netanom_state;
	int ret;

	if (!max_entries || max_entries > NETANOM_MAX_ENTRIES_LIMIT) {
		pr_err("max_entries must be between 1 and %u\n",
		       NETANOM_MAX_ENTRIES_LIMIT);
		return -EINVAL;
	}

	if (event_rate > NETANOM_EVENT_PARAM_MAX ||
	    event_burst > NETANOM_EVENT_PARAM_MAX) {
		pr_err("event_rate and event_burst must be at most %u\n",
		       NETANOM_EVENT_PARAM_MAX);
		return -EINVAL;
	}

	st->flags = NETANOM_CONFIG_F_ENABLED;
	netanom_events_init(&st->events, event_rate, event_burst);
	/*
	 * Top bit clear: a random number must never look like a kernel
	 * address to a client checking that none leaks (those have the top
	 * 17 bits set).
	 */
	st->instance = get_random_u64() >> 1;
	st->locked = lock;
	st->hits = alloc_percpu(u64);
	if (!st->hits)
		return -ENOMEM;

	ret = netanom_table_init(&st->table, max_entries);
	if (ret)
		goto err_hits;

	ret = netanom_netlink_register(st);
	if (ret)
		goto err_table;

	ret = netanom_hook_register(st);
	if (ret)
		goto err_netlink;

	/*
	 * A reference that is never put: delete_module() then fails with
	 * -EWOULDBLOCK ("in use") until reboot.  Taken last, when nothing can
	 * fail any more, so a failed init never leaks it.
	 */
	if (lock)
		__module_get(THIS_MODULE);

	pr_info("counting connects per executable (max_entries=%u%s)\n",
		max_entries, lock ? ", locked until reboot" : "");
	return 0;

err_netlink:
	netanom_events_stop(&st->events);
	netanom_netlink_unregister();
err_table:
	netanom_table_destroy(&st->table);
err_hits:
	free_percpu(st->hits);
	return ret;
}

static void __exit netanom_exit(void)
{
	struct netanom_state *st = &netanom_state;

	/* Waits for running probe handlers: nothing touches the table after. */
	netanom_hook_unregister();
	/* Nothing queues events any more; the last send needs the family. */
	netanom_events_stop(&st->events);
	/* Waits for running operations and dumps. */
	netanom_netlink_unregister();
	netanom_table_destroy(&st->table);
	free_percpu(st->hits);
	/* No probe nor operation is left to read it. */
	kfree(rcu_dereference_protected(st->excl, true));
}

module_init(netanom_init);
module_exit(netanom_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-executable network use counters for anomaly detection");
MODULE_AUTHOR("The netanom authors");
MODULE_ALIAS_GENL_FAMILY(NETANOM_GENL_NAME);
