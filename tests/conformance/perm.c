// SPDX-License-Identifier: GPL-2.0
/*
 * Who may talk to the family: every operation and the "events" group need
 * CAP_NET_ADMIN, and the family exists in the initial network namespace
 * only.  Each check runs in a child that gives up what it tests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>
#include <netlink/genl/ctrl.h>
#include <netlink/msg.h>
#include "conformance.h"

/* Drop every capability, keeping uid 0: only the capability is tested. */
static int nc_drop_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	return (int)syscall(SYS_capset, &hdr, data);
}

/* In the child: one request that must fail with EPERM. */
static void nc_expect_eperm(struct nc *c, const char *name, struct nl_msg *msg)
{
	struct nc_reply r;

	nc_transact(c->sk, msg, NULL, NULL, &r);
	nc_report(c, !r.transport && r.error == -EPERM, name,
		  "without CAP_NET_ADMIN: %s; expected EPERM", nc_strerror(&r));
}

static void nc_unprivileged_child(struct nc *c)
{
	struct nla_bitfield32 bf = { 0, 0 };
	struct nl_msg *msg;
	int grp, err;

	if (nc_drop_caps()) {
		nc_report(c, 0, "unprivileged", "capset: %s", strerror(errno));
		return;
	}
	nc_expect_eperm(c, "unprivileged_get_exe_dump",
			nc_request(c->family, NETANOM_CMD_GET_EXE, NLM_F_DUMP));
	msg = nc_request(c->family, NETANOM_CMD_GET_EXE, 0);
	if (msg)
		nla_put_string(msg, NETANOM_A_EXE_PATH, "/bin/sh");
	nc_expect_eperm(c, "unprivileged_get_exe", msg);
	nc_expect_eperm(c, "unprivileged_get_stats",
			nc_request(c->family, NETANOM_CMD_GET_STATS, 0));
	nc_expect_eperm(c, "unprivileged_get_config",
			nc_request(c->family, NETANOM_CMD_GET_CONFIG, 0));
	msg = nc_request(c->family, NETANOM_CMD_SET_CONFIG, 0);
	if (msg)
		nla_put(msg, NETANOM_A_CONFIG_FLAGS, sizeof(bf), &bf);
	nc_expect_eperm(c, "unprivileged_set_config", msg);
	/* If this were wrongly allowed it would empty the table. */
	if (c->destructive)
		nc_expect_eperm(c, "unprivileged_reset",
				nc_request(c->family, NETANOM_CMD_RESET, 0));

	grp = genl_ctrl_resolve_grp(c->sk, NETANOM_GENL_NAME,
				    NETANOM_MCGRP_EVENTS);
	err = grp < 0 ? grp : nl_socket_add_membership(c->sk, grp);
	nc_report(c, err == -NLE_PERM, "unprivileged_events_group",
		  "joining \"events\" without CAP_NET_ADMIN: %s; expected a permission error",
		  err ? nl_geterror(err) : "allowed");
}

static void nc_netns_child(struct nc *c)
{
	struct nl_sock *sk;
	int id;

	if (unshare(CLONE_NEWNET)) {
		nc_skip(c, "family_init_netns_only", strerror(errno));
		return;
	}
	sk = nc_socket();
	if (!sk) {
		nc_report(c, 0, "family_init_netns_only", "no socket");
		return;
	}
	id = genl_ctrl_resolve(sk, NETANOM_GENL_NAME);
	nc_report(c, id < 0, "family_init_netns_only",
		  "the family resolves (id %d) in a new network namespace", id);
	nl_socket_free(sk);
}

/*
 * Run @fn in a child with its own socket.  The child prints its own TAP
 * lines and sends back how many passed and failed.
 */
static void nc_in_child(struct nc *c, void (*fn)(struct nc *c),
			const char *name)
{
	unsigned int counts[2] = { 0, 0 };
	struct nc child;
	int fds[2], status;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds)) {
		nc_report(c, 0, name, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		nc_report(c, 0, name, "fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		child = *c;
		child.passed = 0;
		child.failed = 0;
		child.sk = nc_socket();
		if (child.sk)
			fn(&child);
		else
			nc_report(&child, 0, name, "no socket");
		fflush(stdout);
		counts[0] = child.passed;
		counts[1] = child.failed;
		_exit(write(fds[1], counts, sizeof(counts)) == sizeof(counts) ?
		      0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], counts, sizeof(counts)) != sizeof(counts) ||
	    waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		close(fds[0]);
		nc_report(c, 0, name, "the child died");
		return;
	}
	close(fds[0]);
	c->passed += counts[0];
	c->failed += counts[1];
}

/**
 * nc_check_permissions() - CAP_NET_ADMIN and the initial netns only
 * @c: run
 */
void nc_check_permissions(struct nc *c)
{
	nc_in_child(c, nc_unprivileged_child, "unprivileged");
	nc_in_child(c, nc_netns_child, "family_init_netns_only");
}
