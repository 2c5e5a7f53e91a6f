// SPDX-License-Identifier: GPL-2.0-or-later
/* Parsing reply messages built as the kernel builds them. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "fake_kernel.h"

static char buf[3 * PATH_MAX];

static struct nlmsghdr *exe_msg(void)
{
	memset(buf, 0, sizeof(buf));
	return fk_genl(buf, FK_FAMILY_ID, NETANOM_CMD_GET_EXE);
}

static void test_exe_all_attributes(void **state)
{
	struct netanom_exe in, out;
	struct nlmsghdr *nlh = exe_msg();

	(void)state;
	fk_sample_exe(&in, "/usr/bin/curl", 1234, 1800000000000000001ULL);
	fk_put_exe(nlh, &in);
	assert_int_equal(nl_parse_exe(nlh, &out, NULL), 0);
	assert_int_equal(out.dev, 0x803);
	assert_int_equal(out.ino, 1234);
	assert_string_equal(out.path, "/usr/bin/curl");
	assert_string_equal(out.comm, "curl");
	assert_int_equal(out.tcp4, 5);
	assert_int_equal(out.tcp6, 4);
	assert_int_equal(out.udp4, 3);
	assert_int_equal(out.udp6, 2);
	assert_int_equal(out.other, 1);
	assert_int_equal(out.loopback, 6);
	assert_int_equal(netanom_exe_connects(&out), 15);
	assert_int_equal(out.sendto, 7);
	assert_int_equal(out.fastopen, 8);
	assert_int_equal(out.listens, 9);
	assert_int_equal(out.accepts, 10);
	assert_true(out.first_seen_ns == 1700000000123456789ULL);
	assert_true(out.last_seen_ns == 1800000000000000001ULL);
	assert_int_equal(out.last_pid, 4321);
	assert_int_equal(out.last_uid, 1000);
	assert_int_equal(out.last_family, AF_INET);
	assert_int_equal(out.last_addr_len, 4);
	assert_memory_equal(out.last_addr, in.last_addr, 4);
	assert_true(out.has_last_port);
	assert_int_equal(out.last_port, 443);
	netanom_exe_free(&out);
	assert_null(out.path);
}

static void test_exe_ipv6(void **state)
{
	struct netanom_exe in, out;
	struct nlmsghdr *nlh = exe_msg();

	(void)state;
	fk_sample_exe(&in, "/bin/x", 1, 2);
	in.last_family = AF_INET6;
	in.last_addr_len = 16;
	inet_pton(AF_INET6, "2001:db8::1", in.last_addr);
	fk_put_exe(nlh, &in);
	assert_int_equal(nl_parse_exe(nlh, &out, NULL), 0);
	assert_int_equal(out.last_addr_len, 16);
	assert_memory_equal(out.last_addr, in.last_addr, 16);
	netanom_exe_free(&out);
}

static void test_exe_only_required(void **state)
{
	struct nlmsghdr *nlh = exe_msg();
	struct netanom_exe out;

	(void)state;
	fk_put_u64(nlh, NETANOM_A_EXE_DEV, 1);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, 2);
	assert_int_equal(nl_parse_exe(nlh, &out, NULL), 0);
	assert_int_equal(out.dev, 1);
	assert_int_equal(out.ino, 2);
	assert_non_null(out.path);
	assert_string_equal(out.path, "");
	assert_string_equal(out.comm, "");
	assert_int_equal(netanom_exe_connects(&out), 0);
	assert_int_equal(out.last_family, 0);
	assert_int_equal(out.last_addr_len, 0);
	assert_false(out.has_last_port);
	netanom_exe_free(&out);
}

static void test_exe_unix_has_no_address(void **state)
{
	struct nlmsghdr *nlh = exe_msg();
	struct netanom_exe out;

	(void)state;
	fk_put_u64(nlh, NETANOM_A_EXE_DEV, 1);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, 2);
	mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_FAMILY, AF_UNIX);
	assert_int_equal(nl_parse_exe(nlh, &out, NULL), 0);
	assert_int_equal(out.last_family, AF_UNIX);
	netanom_exe_free(&out);
}

static void expect_bad(struct nlmsghdr *nlh, const char *why)
{
	struct netanom_error err;
	struct netanom_exe out;

	assert_int_equal(nl_parse_exe(nlh, &out, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
	assert_null(out.path);
	if (!strstr(err.msg, why))
		fail_msg("\"%s\" does not mention \"%s\"", err.msg, why);
}

static void test_exe_missing_identity(void **state)
{
	struct nlmsghdr *nlh;

	(void)state;
	nlh = exe_msg();
	fk_put_u64(nlh, NETANOM_A_EXE_INO, 2);
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_PATH, "/bin/true");
	expect_bad(nlh, "dev");
	nlh = exe_msg();
	fk_put_u64(nlh, NETANOM_A_EXE_DEV, 2);
	expect_bad(nlh, "ino");
}

static struct nlmsghdr *ident_msg(void)
{
	struct nlmsghdr *nlh = exe_msg();

	fk_put_u64(nlh, NETANOM_A_EXE_DEV, 1);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, 2);
	return nlh;
}

static void test_exe_wrong_lengths(void **state)
{
	struct nlmsghdr *nlh;

	(void)state;
	nlh = ident_msg();
	mnl_attr_put_u32(nlh, NETANOM_A_EXE_TCP4, 1);
	expect_bad(nlh, "tcp4");
	nlh = ident_msg();
	mnl_attr_put_u64(nlh, NETANOM_A_EXE_LAST_PID, 1);
	expect_bad(nlh, "last_pid");
	nlh = ident_msg();
	mnl_attr_put_u32(nlh, NETANOM_A_EXE_LAST_PORT, 1);
	expect_bad(nlh, "last_port");
	nlh = ident_msg();
	mnl_attr_put(nlh, NETANOM_A_EXE_LAST_ADDR, 5, "abcde");
	mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_FAMILY, AF_INET);
	expect_bad(nlh, "last_addr");
}

static void test_exe_address_must_match_family(void **state)
{
	uint8_t a[16] = { 0 };
	struct nlmsghdr *nlh;

	(void)state;
	nlh = ident_msg();
	mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_FAMILY, AF_INET);
	mnl_attr_put(nlh, NETANOM_A_EXE_LAST_ADDR, 16, a);
	expect_bad(nlh, "last_addr");
	nlh = ident_msg();
	mnl_attr_put_u16(nlh, NETANOM_A_EXE_LAST_FAMILY, AF_INET6);
	mnl_attr_put(nlh, NETANOM_A_EXE_LAST_ADDR, 4, a);
	expect_bad(nlh, "last_addr");
	nlh = ident_msg();	/* an address without a family */
	mnl_attr_put(nlh, NETANOM_A_EXE_LAST_ADDR, 4, a);
	expect_bad(nlh, "last_addr");
}

static void test_exe_long_strings(void **state)
{
	char comm[NETANOM_COMM_LEN + 1];
	char *path = malloc(PATH_MAX + 1);
	struct netanom_exe out;
	struct nlmsghdr *nlh;

	(void)state;
	memset(comm, 'c', sizeof(comm));
	comm[NETANOM_COMM_LEN] = '\0';		/* 17 bytes with its NUL */
	nlh = ident_msg();
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_COMM, comm);
	expect_bad(nlh, "comm");

	comm[NETANOM_COMM_LEN - 1] = '\0';	/* 16: the longest comm */
	nlh = ident_msg();
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_COMM, comm);
	assert_int_equal(nl_parse_exe(nlh, &out, NULL), 0);
	assert_int_equal(strlen(out.comm), NETANOM_COMM_LEN - 1);
	netanom_exe_free(&out);

	memset(path, 'p', PATH_MAX + 1);
	path[PATH_MAX] = '\0';			/* PATH_MAX + 1 bytes */
	nlh = ident_msg();
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_PATH, path);
	expect_bad(nlh, "path");

	path[PATH_MAX - 1] = '\0';		/* PATH_MAX: allowed */
	nlh = ident_msg();
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_PATH, path);
	assert_int_equal(nl_parse_exe(nlh, &out, NULL), 0);
	assert_int_equal(strlen(out.path), PATH_MAX - 1);
	netanom_exe_free(&out);
	free(path);
}

static void test_stats(void **state)
{
	struct netanom_stats in, out;
	struct nlmsghdr *nlh;

	(void)state;
	/* memset: padding included, for assert_memory_equal. */
	memset(&in, 0, sizeof(in));
	in = (struct netanom_stats){ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, true };
	memset(buf, 0, sizeof(buf));
	nlh = fk_genl(buf, FK_FAMILY_ID, NETANOM_CMD_GET_STATS);
	fk_put_stats(nlh, &in);
	assert_int_equal(nl_parse_stats(nlh, &out, NULL), 0);
	assert_memory_equal(&in, &out, sizeof(in));

	nlh = fk_genl(buf, FK_FAMILY_ID, NETANOM_CMD_GET_STATS);
	mnl_attr_put_u64(nlh, NETANOM_A_STATS_ENTRIES, 1);	/* u32 */
	assert_int_equal(nl_parse_stats(nlh, &out, NULL), -EPROTO);
}

static void test_config(void **state)
{
	struct nla_bitfield32 bf = { 3, NETANOM_CONFIG_F_ALL };
	struct nla_bitfield32 masked = { 3, NETANOM_CONFIG_F_ENABLED };
	struct nlmsghdr *nlh;
	uint32_t flags = 0;

	(void)state;
	memset(buf, 0, sizeof(buf));
	nlh = fk_genl(buf, FK_FAMILY_ID, NETANOM_CMD_GET_CONFIG);
	mnl_attr_put(nlh, NETANOM_A_CONFIG_FLAGS, sizeof(bf), &bf);
	assert_int_equal(nl_parse_config(nlh, &flags, NULL), 0);
	assert_int_equal(flags, 3);

	nlh = fk_genl(buf, FK_FAMILY_ID, NETANOM_CMD_GET_CONFIG);
	mnl_attr_put(nlh, NETANOM_A_CONFIG_FLAGS, sizeof(masked), &masked);
	assert_int_equal(nl_parse_config(nlh, &flags, NULL), 0);
	assert_int_equal(flags, NETANOM_CONFIG_F_ENABLED);

	nlh = fk_genl(buf, FK_FAMILY_ID, NETANOM_CMD_GET_CONFIG);
	mnl_attr_put_u32(nlh, NETANOM_A_CONFIG_FLAGS, 3);	/* not a bitfield */
	assert_int_equal(nl_parse_config(nlh, &flags, NULL), -EPROTO);

	nlh = fk_genl(buf, FK_FAMILY_ID, NETANOM_CMD_GET_CONFIG);
	assert_int_equal(nl_parse_config(nlh, &flags, NULL), -EPROTO);
}

static void test_family(void **state)
{
	uint32_t version, grp;
	struct nlmsghdr *nlh;
	uint16_t id;

	(void)state;
	memset(buf, 0, sizeof(buf));
	nlh = fk_genl(buf, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	fk_put_family(nlh, 0x33, NETANOM_MCGRP_EVENTS, 9);
	assert_int_equal(nl_parse_family(nlh, NETANOM_MCGRP_EVENTS, &id,
					 &version, &grp, NULL), 0);
	assert_int_equal(id, 0x33);
	assert_int_equal(version, NETANOM_GENL_VERSION);
	assert_int_equal(grp, 9);

	nlh = fk_genl(buf, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	fk_put_family(nlh, 0x34, NULL, 0);	/* no groups */
	assert_int_equal(nl_parse_family(nlh, NETANOM_MCGRP_EVENTS, &id,
					 &version, &grp, NULL), 0);
	assert_int_equal(id, 0x34);
	assert_int_equal(grp, 0);

	nlh = fk_genl(buf, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, 1);	/* no id */
	assert_int_equal(nl_parse_family(nlh, NETANOM_MCGRP_EVENTS, &id,
					 &version, &grp, NULL), -EPROTO);
}

static void test_family_bad_group(void **state)
{
	struct nlattr *groups, *g;
	uint32_t version, grp;
	struct nlmsghdr *nlh;
	uint16_t id;

	(void)state;
	memset(buf, 0, sizeof(buf));
	nlh = fk_genl(buf, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 5);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	g = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put(nlh, CTRL_ATTR_MCAST_GRP_NAME, 6, "events");	/* no NUL */
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 3);
	mnl_attr_nest_end(nlh, g);
	mnl_attr_nest_end(nlh, groups);
	assert_int_equal(nl_parse_family(nlh, NETANOM_MCGRP_EVENTS, &id,
					 &version, &grp, NULL), -EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exe_all_attributes),
		cmocka_unit_test(test_exe_ipv6),
		cmocka_unit_test(test_exe_only_required),
		cmocka_unit_test(test_exe_unix_has_no_address),
		cmocka_unit_test(test_exe_missing_identity),
		cmocka_unit_test(test_exe_wrong_lengths),
		cmocka_unit_test(test_exe_address_must_match_family),
		cmocka_unit_test(test_exe_long_strings),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_family),
		cmocka_unit_test(test_family_bad_group),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
