// SPDX-License-Identifier: GPL-2.0
/*
 * Requests the module must refuse, each with an extended ack message:
 * unknown flag bits, missing or misplaced attributes, wrong lengths, and
 * lookups of executables it does not know.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include "conformance.h"

/* Expect an error (@want, or any when 0) that says why in the extack. */
static void nc_expect_error(struct nc *c, const char *name,
			    const struct nc_reply *r, int want)
{
	int ok = !r->transport && r->error < 0 &&
		 (!want || r->error == -want) && r->extack[0];

	nc_report(c, ok, name, "%s; expected %s%s with an extack message",
		  nc_strerror(r), want ? "error " : "an error",
		  want ? strerror(want) : "");
	if (ok)
		nc_diag("%s: \"%s\"", name, r->extack);
}

static struct nl_msg *nc_req(struct nc *c, uint8_t cmd)
{
	return nc_request(c->family, cmd, 0);
}

static void nc_send(struct nc *c, struct nl_msg *msg, int ok,
		    struct nc_reply *r)
{
	if (!ok) {
		nlmsg_free(msg);
		msg = NULL;
	}
	nc_transact(c->sk, msg, NULL, NULL, r);
}

static void nc_check_config_rejections(struct nc *c)
{
	const uint32_t unknown = 1U << 7;
	struct nla_bitfield32 bf = { .value = unknown, .selector = unknown };
	uint32_t before = 0, after = 0;
	struct nc_reply r, r2;
	struct nl_msg *msg;
	char why[256];

	nc_get_config(c, &before, &r2, why, sizeof(why));
	nc_set_config(c, unknown, unknown, &r);
	nc_expect_error(c, "set_config_unknown_bit", &r, EINVAL);
	nc_get_config(c, &after, &r2, why, sizeof(why));
	nc_report(c, before == after, "set_config_unknown_bit_no_change",
		  "flags %#x became %#x", before, after);

	/* The known bits in value, an unknown one only in the selector. */
	nc_set_config(c, before, NETANOM_CONFIG_F_ALL | unknown, &r);
	nc_expect_error(c, "set_config_unknown_selector_bit", &r, 0);

	msg = nc_req(c, NETANOM_CMD_SET_CONFIG);
	nc_send(c, msg, 1, &r);
	nc_expect_error(c, "set_config_missing_attr", &r, EINVAL);
	nc_report(c, r.miss_type == NETANOM_A_CONFIG_FLAGS,
		  "set_config_missing_attr_type",
		  "NLMSGERR_ATTR_MISS_TYPE %ld, expected %d", r.miss_type,
		  NETANOM_A_CONFIG_FLAGS);

	msg = nc_req(c, NETANOM_CMD_SET_CONFIG);
	nc_send(c, msg, msg && !nla_put_u32(msg, NETANOM_A_CONFIG_FLAGS,
					    NETANOM_CONFIG_F_ENABLED), &r);
	nc_expect_error(c, "set_config_short_bitfield", &r, 0);

	/* Selector 0: harmless even if wrongly accepted. */
	bf.value = 0;
	bf.selector = 0;
	msg = nc_req(c, NETANOM_CMD_SET_CONFIG);
	nc_send(c, msg, msg && !nla_put(msg, NETANOM_A_CONFIG_FLAGS,
					sizeof(bf), &bf) &&
		!nla_put_u64(msg, NETANOM_A_STATS_HITS, 1), &r);
	nc_expect_error(c, "set_config_rejects_other_attr", &r, 0);
}

static void nc_check_attr_rejections(struct nc *c)
{
	struct nla_bitfield32 bf = { 0, 0 };
	struct nc_reply r;
	struct nl_msg *msg;
	uint16_t dev16 = 8;

	msg = nc_req(c, NETANOM_CMD_GET_STATS);
	nc_send(c, msg, msg && !nla_put(msg, NETANOM_A_CONFIG_FLAGS,
					sizeof(bf), &bf), &r);
	nc_expect_error(c, "get_stats_rejects_attr", &r, 0);

	msg = nc_req(c, NETANOM_CMD_GET_CONFIG);
	nc_send(c, msg, msg && !nla_put_u64(msg, NETANOM_A_EXE_DEV, 1), &r);
	nc_expect_error(c, "get_config_rejects_attr", &r, 0);

	msg = nc_req(c, NETANOM_CMD_GET_STATS);
	nc_send(c, msg, msg && !nla_put_u32(msg, NETANOM_A_MAX + 1, 1), &r);
	nc_expect_error(c, "get_stats_rejects_unknown_type", &r, 0);

	msg = nc_req(c, NETANOM_CMD_GET_EXE);
	nc_send(c, msg, msg && !nla_put(msg, NETANOM_A_EXE_DEV, sizeof(dev16),
					&dev16) &&
		!nla_put_u64(msg, NETANOM_A_EXE_INO, 1), &r);
	nc_expect_error(c, "get_exe_bad_length", &r, 0);

	msg = nc_req(c, NETANOM_CMD_GET_EXE);
	nc_send(c, msg, msg && !nla_put_string(msg, NETANOM_A_EXE_PATH,
					       "/bin/sh") &&
		!nla_put_u64(msg, NETANOM_A_STATS_HITS, 1), &r);
	nc_expect_error(c, "get_exe_rejects_stats_attr", &r, 0);

	msg = nc_request(c->family, NETANOM_CMD_GET_EXE, NLM_F_DUMP);
	nc_send(c, msg, msg && !nla_put_u64(msg, NETANOM_A_STATS_HITS, 1), &r);
	nc_expect_error(c, "get_exe_dump_rejects_attr", &r, 0);

	/* What a lookup takes is no filter for the dump either. */
	msg = nc_request(c->family, NETANOM_CMD_GET_EXE, NLM_F_DUMP);
	nc_send(c, msg, msg && !nla_put_string(msg, NETANOM_A_EXE_PATH,
					       "/bin/sh"), &r);
	nc_expect_error(c, "get_exe_dump_rejects_path", &r, EINVAL);
	nc_report(c, !r.nmsgs, "get_exe_dump_rejects_path_sends_nothing",
		  "%u entries sent before the refusal", r.nmsgs);

	msg = nc_req(c, 0x42);
	nc_send(c, msg, 1, &r);
	nc_report(c, !r.transport && r.error == -EOPNOTSUPP, "unknown_command",
		  "%s; expected EOPNOTSUPP", nc_strerror(&r));
}

static void nc_check_lookup_rejections(struct nc *c)
{
	struct nc_reply r;
	struct nl_msg *msg;
	struct nc_exe e;
	char why[256];
	char *path;

	nc_get_exe_path(c, "/nonexistent/netanom-conformance", &e, &r, why,
			sizeof(why));
	nc_exe_free(&e);
	nc_expect_error(c, "get_exe_absent_path", &r, ENOENT);

	nc_get_exe_key(c, 0xfffffffeULL, 0xfffffffffffffff0ULL, &e, &r, why,
		       sizeof(why));
	nc_exe_free(&e);
	nc_expect_error(c, "get_exe_absent_key", &r, ENOENT);

	msg = nc_req(c, NETANOM_CMD_GET_EXE);
	nc_send(c, msg, 1, &r);
	nc_expect_error(c, "get_exe_no_key", &r, 0);

	msg = nc_req(c, NETANOM_CMD_GET_EXE);
	nc_send(c, msg, msg && !nla_put_u64(msg, NETANOM_A_EXE_DEV, 1), &r);
	nc_expect_error(c, "get_exe_dev_without_ino", &r, 0);

	msg = nc_req(c, NETANOM_CMD_GET_EXE);
	nc_send(c, msg, msg && !nla_put_u64(msg, NETANOM_A_EXE_INO, 1), &r);
	nc_expect_error(c, "get_exe_ino_without_dev", &r, 0);

	/* Longer than PATH_MAX bytes with the NUL. */
	path = malloc(PATH_MAX + 16);
	if (path) {
		memset(path, 'x', PATH_MAX + 15);
		path[0] = '/';
		path[PATH_MAX + 15] = '\0';
	}
	msg = nc_req(c, NETANOM_CMD_GET_EXE);
	nc_send(c, msg, path && msg &&
		!nla_put_string(msg, NETANOM_A_EXE_PATH, path), &r);
	free(path);
	nc_expect_error(c, "get_exe_path_too_long", &r, 0);

	/* A path attribute that is not a C string. */
	msg = nc_req(c, NETANOM_CMD_GET_EXE);
	nc_send(c, msg, msg && !nla_put(msg, NETANOM_A_EXE_PATH, 4, "/bin"),
		&r);
	nc_expect_error(c, "get_exe_path_not_terminated", &r, 0);
}

/**
 * nc_check_rejections() - every malformed request fails, with a reason
 * @c: run
 */
void nc_check_rejections(struct nc *c)
{
	nc_check_config_rejections(c);
	nc_check_attr_rejections(c);
	nc_check_lookup_rejections(c);
}
