// SPDX-License-Identifier: GPL-2.0
/*
 * The "netanom" generic netlink family: operations on the table, as
 * documented in include/uapi/linux/netanom.h.
 *
 * Every operation needs CAP_NET_ADMIN, validates strictly against its own
 * policy (an attribute another operation takes is rejected here) and says
 * why it failed in the extended ack.  The family is not netnsok, so it
 * exists in the initial network namespace only, and not parallel_ops, so
 * the genetlink mutex serialises configuration changes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/limits.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <uapi/linux/netanom.h>
#include "msg.h"
#include "netlink.h"

static struct genl_family netanom_family;

/*
 * The family's shared state.  genetlink has no per-family private pointer,
 * so the operations reach the single instance through this.
 */
static struct netanom_state *netanom_nl_state;

/* Operations that take no attribute: every attribute is rejected. */
static const struct nla_policy netanom_none_policy[NETANOM_A_MAX + 1] = {
};

static const struct nla_policy netanom_get_exe_policy[NETANOM_A_MAX + 1] = {
	[NETANOM_A_EXE_DEV] = { .type = NLA_U64 },
	[NETANOM_A_EXE_INO] = { .type = NLA_U64 },
	[NETANOM_A_EXE_PATH] = { .type = NLA_NUL_STRING, .len = PATH_MAX - 1 },
};

static const struct nla_policy netanom_set_config_policy[NETANOM_A_MAX + 1] = {
	[NETANOM_A_CONFIG_FLAGS] = NLA_POLICY_BITFIELD32(NETANOM_CONFIG_F_ALL),
};

static const struct nla_policy netanom_cidr_policy[NETANOM_A_CIDR_MAX + 1] = {
	[NETANOM_A_CIDR_ADDR] = { .type = NLA_BINARY, .len = 16 },
	[NETANOM_A_CIDR_PREFIX] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy netanom_dests_policy[NETANOM_A_EXCL_MAX + 1] = {
	[NETANOM_A_EXCL_CIDR] = NLA_POLICY_NESTED(netanom_cidr_policy),
};

static const struct nla_policy netanom_uids_policy[NETANOM_A_EXCL_MAX + 1] = {
	[NETANOM_A_EXCL_UID] = { .type = NLA_U32 },
};

static const struct nla_policy netanom_set_excl_policy[NETANOM_A_MAX + 1] = {
	[NETANOM_A_CONFIG_EXCLUDE_DESTS] =
		NLA_POLICY_NESTED(netanom_dests_policy),
	[NETANOM_A_CONFIG_EXCLUDE_UIDS] =
		NLA_POLICY_NESTED(netanom_uids_policy),
};

static void *netanom_put_header(struct sk_buff *skb, u32 portid, u32 seq,
				int flags, u8 cmd)
{
	return genlmsg_put(skb, portid, seq, &netanom_family, flags, cmd);
}

struct netanom_dump_ctx {
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

static int netanom_dump_one(struct netanom_entry *e, void *arg)
{
	struct netanom_dump_ctx *ctx = arg;
	struct netanom_exe_info info;
	void *hdr;

	hdr = netanom_put_header(ctx->skb, NETLINK_CB(ctx->cb->skb).portid,
				 ctx->cb->nlh->nlmsg_seq, NLM_F_MULTI,
				 NETANOM_CMD_GET_EXE);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(ctx->cb, hdr);
	netanom_entry_read(e, &info);
	if (netanom_msg_put_exe(ctx->skb, &info)) {
		genlmsg_cancel(ctx->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(ctx->skb, hdr);
	return 0;
}

#define NETANOM_DUMP_ATTRS_MSG \
	"a dump takes no attributes: it lists the whole table; look one executable up without NLM_F_DUMP"

/*
 * cb->args[2] is set when the request carried attributes but .start could
 * not say why it refuses them (see netanom_dump_exe_start()).
 */
#define NETANOM_DUMP_REFUSE 2

/*
 * cb->args[0] and [1] hold the cursor (bucket, entries of it already sent)
 * across the calls of one dump.  cb->seq is the table's generation, so a
 * message sent after an entry was added or removed carries NLM_F_DUMP_INTR.
 */
static int netanom_dump_exe(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct netanom_table *t = &netanom_nl_state->table;
	struct netanom_dump_ctx ctx = { .skb = skb, .cb = cb };
	struct netanom_cursor cur = {
		.bucket = cb->args[0],
		.skip = cb->args[1],
	};
	int ret;

	if (cb->args[NETANOM_DUMP_REFUSE]) {
		/* NLMSG_DONE carries the error and this message. */
		NL_SET_ERR_MSG(cb->extack, NETANOM_DUMP_ATTRS_MSG);
		return -EINVAL;
	}
	/* 0 would mean "no generation yet" to the consistency check. */
	cb->seq = (u32)atomic_read(&t->generation) | 0x80000000U;
	ret = netanom_table_walk(t, &cur, netanom_dump_one, &ctx);
	cb->args[0] = cur.bucket;
	cb->args[1] = cur.skip;
	if (ret == -EMSGSIZE && !skb->len) {
		/* Not even one entry fits in an empty message: cannot happen
		 * (netanom_dump_exe_start() sized it), but never loop forever.
		 */
		NL_SET_ERR_MSG(cb->extack, "entry too large for a dump message");
		return -EMSGSIZE;
	}
	return skb->len;
}

/*
 * netlink_dump() allocates NLMSG_GOODSIZE (a page less the skb overhead)
 * when a larger buffer cannot be had at once or the reader's buffer is
 * small, and an entry with a path near PATH_MAX does not fit in that: the
 * dump would fail.  Ask for room for the largest entry instead.
 *
 * A dump is the whole table: an attribute (a path, a key) would look like
 * a filter that is not applied, so it is refused rather than ignored.  The
 * policy lets through what a lookup takes; the length is what tells.
 * Older kernels (6.1 among them) call .start without an extended ack
 * (cb->extack is NULL), where the refusal would come without its reason:
 * there the first call of netanom_dump_exe() refuses instead, and
 * NLMSG_DONE carries both.
 */
static int netanom_dump_exe_start(struct netlink_callback *cb)
{
	cb->min_dump_alloc = nlmsg_total_size(GENL_HDRLEN +
					      netanom_msg_exe_size());
	if (nlmsg_len(cb->nlh) <= GENL_HDRLEN)
		return 0;
	if (!cb->extack) {
		cb->args[NETANOM_DUMP_REFUSE] = 1;
		return 0;
	}
	NL_SET_ERR_MSG(cb->extack, NETANOM_DUMP_ATTRS_MSG);
	return -EINVAL;
}

static struct netanom_entry *netanom_find(struct genl_info *info)
{
	struct netanom_table *t = &netanom_nl_state->table;
	struct nlattr **a = info->attrs;
	struct netanom_key key;

	if (a[NETANOM_A_EXE_PATH])
		return netanom_table_find_path(t, nla_data(a[NETANOM_A_EXE_PATH]));
	key.dev = nla_get_u64(a[NETANOM_A_EXE_DEV]);
	key.ino = nla_get_u64(a[NETANOM_A_EXE_INO]);
	return netanom_table_lookup(t, &key);
}

static int netanom_check_get_exe(struct genl_info *info)
{
	struct nlattr **a = info->attrs;

	if (a[NETANOM_A_EXE_PATH]) {
		if (a[NETANOM_A_EXE_DEV] || a[NETANOM_A_EXE_INO]) {
			NL_SET_ERR_MSG(info->extack,
				       "give either a path or a device and inode, not both");
			return -EINVAL;
		}
		return 0;
	}
	if (!a[NETANOM_A_EXE_DEV] && !a[NETANOM_A_EXE_INO]) {
		NL_SET_ERR_MSG(info->extack,
			       "give a path or a device and inode to look up");
		return -EINVAL;
	}
	/*
	 * GENL_REQ_ATTR_CHECK names the missing attribute in the extended
	 * ack; the message says what to do about it.
	 */
	if (GENL_REQ_ATTR_CHECK(info, NETANOM_A_EXE_DEV) ||
	    GENL_REQ_ATTR_CHECK(info, NETANOM_A_EXE_INO)) {
		NL_SET_ERR_MSG(info->extack,
			       "a device and an inode are needed together");
		return -EINVAL;
	}
	return 0;
}

static int netanom_get_exe(struct sk_buff *skb, struct genl_info *info)
{
	struct netanom_exe_info exe;
	struct netanom_entry *e;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	ret = netanom_check_get_exe(info);
	if (ret)
		return ret;
	msg = genlmsg_new(netanom_msg_exe_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = netanom_put_header(msg, info->snd_portid, info->snd_seq, 0,
				 NETANOM_CMD_GET_EXE);
	if (!hdr)
		goto err_size;

	rcu_read_lock();
	e = netanom_find(info);
	if (!e) {
		rcu_read_unlock();
		nlmsg_free(msg);
		NL_SET_ERR_MSG(info->extack, "no entry for this executable");
		return -ENOENT;
	}
	netanom_entry_read(e, &exe);
	ret = netanom_msg_put_exe(msg, &exe);
	rcu_read_unlock();
	if (ret)
		goto err_size;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_size:
	nlmsg_free(msg);
	NL_SET_ERR_MSG(info->extack, "reply does not fit in a message");
	return -EMSGSIZE;
}

static void netanom_read_stats(struct netanom_state *st,
			       struct netanom_stats *out)
{
	int cpu;

	out->hits = 0;
	for_each_possible_cpu(cpu)
		out->hits += *per_cpu_ptr(st->hits, cpu);
	out->entries = atomic_read(&st->table.nr_entries);
	out->max_entries = st->table.max_entries;
	out->dropped = atomic64_read(&st->table.dropped);
	out->alloc_failures = atomic64_read(&st->table.alloc_failures);
	out->bytes = atomic64_read(&st->table.bytes);
	out->events_sent = atomic64_read(&st->events.sent);
	out->events_dropped = atomic64_read(&st->events.dropped);
	out->resets = st->resets;
	out->instance = st->instance;
	out->locked = st->locked;
}

/* Reply with one message built by @put; shared by the small "get"s. */
static int netanom_reply(struct genl_info *info, u8 cmd,
			 int (*put)(struct sk_buff *skb, void *arg), void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = netanom_put_header(msg, info->snd_portid, info->snd_seq, 0, cmd);
	if (!hdr || put(msg, arg)) {
		nlmsg_free(msg);
		NL_SET_ERR_MSG(info->extack, "reply does not fit in a message");
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int netanom_put_stats(struct sk_buff *skb, void *arg)
{
	return netanom_msg_put_stats(skb, arg);
}

static int netanom_get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct netanom_stats st;

	netanom_read_stats(netanom_nl_state, &st);
	return netanom_reply(info, NETANOM_CMD_GET_STATS, netanom_put_stats,
			     &st);
}

/*
 * The exclusion lists change only in operations, which the genetlink mutex
 * serialises (the family is not parallel_ops): an operation reads them
 * without rcu_read_lock().
 */
static struct netanom_excl *netanom_excl_get(void)
{
	return rcu_dereference_protected(netanom_nl_state->excl, true);
}

static int netanom_put_config(struct sk_buff *skb, void *arg)
{
	return netanom_msg_put_config(skb, *(u32 *)arg) ?:
	       netanom_msg_put_excl(skb, netanom_excl_get());
}

static int netanom_get_config(struct sk_buff *skb, struct genl_info *info)
{
	u32 flags = READ_ONCE(netanom_nl_state->flags);

	return netanom_reply(info, NETANOM_CMD_GET_CONFIG, netanom_put_config,
			     &flags);
}

static int netanom_parse_cidr(const struct nlattr *nest,
			      struct netanom_cidr *c,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NETANOM_A_CIDR_MAX + 1];
	int ret, len;

	ret = nla_parse_nested(tb, NETANOM_A_CIDR_MAX, nest,
			       netanom_cidr_policy, extack);
	if (ret)
		return ret;
	if (!tb[NETANOM_A_CIDR_ADDR] || !tb[NETANOM_A_CIDR_PREFIX]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a CIDR needs an address and a prefix length");
		return -EINVAL;
	}
	len = nla_len(tb[NETANOM_A_CIDR_ADDR]);
	if (len != 4 && len != 16) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NETANOM_A_CIDR_ADDR],
				    "a CIDR address has 4 or 16 bytes");
		return -EINVAL;
	}
	memset(c, 0, sizeof(*c));
	c->family = len == 4 ? AF_INET : AF_INET6;
	c->prefix = nla_get_u8(tb[NETANOM_A_CIDR_PREFIX]);
	if (c->prefix > len * 8) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NETANOM_A_CIDR_PREFIX],
				    "prefix length longer than the address");
		return -EINVAL;
	}
	nla_memcpy(c->addr, tb[NETANOM_A_CIDR_ADDR], len);
	netanom_cidr_mask(c);
	return 0;
}

static int netanom_parse_dests(const struct nlattr *list,
			       struct netanom_excl *x,
			       struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem, ret;

	x->nr_dests = 0;
	nla_for_each_nested(a, list, rem) {
		/* Strict validation refuses other types; kept in step. */
		if (nla_type(a) != NETANOM_A_EXCL_CIDR) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "the destination list holds CIDRs only");
			return -EINVAL;
		}
		if (x->nr_dests == NETANOM_EXCLUDE_MAX_DESTS) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "too many destinations to exclude");
			return -E2BIG;
		}
		ret = netanom_parse_cidr(a, &x->dests[x->nr_dests], extack);
		if (ret)
			return ret;
		x->nr_dests++;
	}
	return 0;
}

static int netanom_parse_uids(const struct nlattr *list,
			      struct netanom_excl *x,
			      struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem;

	x->nr_uids = 0;
	nla_for_each_nested(a, list, rem) {
		/*
		 * Strict validation refuses other types already; checked
		 * again because nla_get_u32() on anything else could read
		 * past its end.
		 */
		if (nla_type(a) != NETANOM_A_EXCL_UID) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "the uid list holds uids only");
			return -EINVAL;
		}
		if (x->nr_uids == NETANOM_EXCLUDE_MAX_UIDS) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "too many uids to exclude");
			return -E2BIG;
		}
		x->uids[x->nr_uids++] = nla_get_u32(a);
	}
	return 0;
}

static int netanom_set_exclude(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *dests = info->attrs[NETANOM_A_CONFIG_EXCLUDE_DESTS];
	struct nlattr *uids = info->attrs[NETANOM_A_CONFIG_EXCLUDE_UIDS];
	struct netanom_excl *old = netanom_excl_get();
	struct netanom_excl *x;
	int ret = 0;

	if (!dests && !uids) {
		NL_SET_ERR_MSG(info->extack,
			       "give a destination list, a uid list or both");
		return -EINVAL;
	}
	x = old ? kmemdup(old, sizeof(*x), GFP_KERNEL) :
		  kzalloc(sizeof(*x), GFP_KERNEL);
	if (!x) {
		NL_SET_ERR_MSG(info->extack, "out of memory for the lists");
		return -ENOMEM;
	}
	if (dests)
		ret = netanom_parse_dests(dests, x, info->extack);
	if (!ret && uids)
		ret = netanom_parse_uids(uids, x, info->extack);
	if (ret) {
		kfree(x);
		return ret;
	}
	rcu_assign_pointer(netanom_nl_state->excl, x);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static int netanom_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct nla_bitfield32 bf;
	u32 flags;

	if (GENL_REQ_ATTR_CHECK(info, NETANOM_A_CONFIG_FLAGS)) {
		NL_SET_ERR_MSG(info->extack, "config flags to set are missing");
		return -EINVAL;
	}
	/* The policy has already rejected bits outside NETANOM_CONFIG_F_ALL. */
	bf = nla_get_bitfield32(info->attrs[NETANOM_A_CONFIG_FLAGS]);
	flags = READ_ONCE(netanom_nl_state->flags);
	flags = (flags & ~bf.selector) | (bf.value & bf.selector);
	WRITE_ONCE(netanom_nl_state->flags, flags);
	return 0;
}

static int netanom_reset(struct sk_buff *skb, struct genl_info *info)
{
	netanom_table_reset(&netanom_nl_state->table);
	/* Under the genetlink mutex, as GET_STATS reads it. */
	netanom_nl_state->resets++;
	return 0;
}

static const struct genl_ops netanom_ops[] = {
	{
		.cmd = NETANOM_CMD_GET_EXE,
		.doit = netanom_get_exe,
		.start = netanom_dump_exe_start,
		.dumpit = netanom_dump_exe,
		.policy = netanom_get_exe_policy,
		.maxattr = NETANOM_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = NETANOM_CMD_GET_STATS,
		.doit = netanom_get_stats,
		.policy = netanom_none_policy,
		.maxattr = NETANOM_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = NETANOM_CMD_GET_CONFIG,
		.doit = netanom_get_config,
		.policy = netanom_none_policy,
		.maxattr = NETANOM_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = NETANOM_CMD_SET_CONFIG,
		.doit = netanom_set_config,
		.policy = netanom_set_config_policy,
		.maxattr = NETANOM_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = NETANOM_CMD_RESET,
		.doit = netanom_reset,
		.policy = netanom_none_policy,
		.maxattr = NETANOM_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = NETANOM_CMD_SET_EXCLUDE,
		.doit = netanom_set_exclude,
		.policy = netanom_set_excl_policy,
		.maxattr = NETANOM_A_MAX,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group netanom_mcgrps[] = {
	{ .name = NETANOM_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

static struct genl_family netanom_family __ro_after_init = {
	.name = NETANOM_GENL_NAME,
	.version = NETANOM_GENL_VERSION,
	.module = THIS_MODULE,
	.ops = netanom_ops,
	.n_ops = ARRAY_SIZE(netanom_ops),
	.mcgrps = netanom_mcgrps,
	.n_mcgrps = ARRAY_SIZE(netanom_mcgrps),
	/* Strict header and policy checks for every operation. */
	.resv_start_op = NETANOM_CMD_GET_EXE,
	.netnsok = false,
};

/**
 * netanom_netlink_listening() - whether anybody joined the events group
 *
 * Context: any; does not sleep.
 * Return: true when a socket listens on NETANOM_MCGRP_EVENTS.
 */
bool netanom_netlink_listening(void)
{
	return genl_has_listeners(&netanom_family, &init_net, 0) > 0;
}

/**
 * netanom_netlink_notify() - multicast one NETANOM_CMD_NEW_EXE
 * @ev: the event
 *
 * The path comes from the executable's entry, which may have been removed
 * by a reset since the event was queued: the event then goes without it.
 *
 * Context: process context, may sleep.
 * Return: 0 when sent, -ESRCH when nobody listens, another negative errno
 * when the message could not be built or delivered.
 */
int netanom_netlink_notify(const struct netanom_event *ev)
{
	struct netanom_entry *e;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (!netanom_netlink_listening())
		return -ESRCH;
	msg = genlmsg_new(netanom_msg_event_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, 0, 0, &netanom_family, 0, NETANOM_CMD_NEW_EXE);
	if (!hdr) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	rcu_read_lock();
	e = netanom_table_lookup(&netanom_nl_state->table, &ev->key);
	ret = netanom_msg_put_event(msg, ev, e ? e->path : NULL);
	rcu_read_unlock();
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_multicast(&netanom_family, msg, 0, 0, GFP_KERNEL);
}

/**
 * netanom_netlink_register() - make the family available
 * @st: state the operations act on; must outlive the family
 *
 * Context: process context, may sleep.
 * Return: 0 or the error of genl_register_family().
 */
int netanom_netlink_register(struct netanom_state *st)
{
	netanom_nl_state = st;
	return genl_register_family(&netanom_family);
}

/**
 * netanom_netlink_unregister() - remove the family
 *
 * Waits for operations in progress, so @st may be freed afterwards.
 *
 * Context: process context, may sleep.
 */
void netanom_netlink_unregister(void)
{
	genl_unregister_family(&netanom_family);
}
