// SPDX-License-Identifier: GPL-2.0-or-later
/* nl_attrs_parse(): the attribute validation every reply goes through. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "fake_kernel.h"

enum { A_PAD = 1, A_U16, A_U32, A_U64, A_STR, A_BIN, A_MAX = A_BIN };

static const struct nl_attr_rule rules[A_MAX + 1] = {
	[A_U16] = { MNL_TYPE_U16, 0, 0, "u16" },
	[A_U32] = { MNL_TYPE_U32, 0, 0, "u32" },
	[A_U64] = { MNL_TYPE_U64, 0, 0, "u64" },
	[A_STR] = { MNL_TYPE_NUL_STRING, 0, 8, "str" },
	[A_BIN] = { MNL_TYPE_BINARY, 4, 16, "bin" },
};

static char buf[8192];

static struct nlmsghdr *msg(void)
{
	memset(buf, 0, sizeof(buf));
	return fk_genl(buf, 0x20, 1);
}

static int parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
		 struct netanom_error *err)
{
	return nl_attrs_parse_genl(nlh, rules, A_MAX, tb, err);
}

static void test_valid_attributes_are_indexed(void **state)
{
	struct nlmsghdr *nlh = msg();
	const struct nlattr *tb[A_MAX + 1];
	uint8_t bin[16] = { 1 };

	(void)state;
	mnl_attr_put_u16(nlh, A_U16, 7);
	mnl_attr_put_u32(nlh, A_U32, 8);
	fk_put_u64(nlh, A_U64, 9);
	mnl_attr_put_strz(nlh, A_STR, "1234567");
	mnl_attr_put(nlh, A_BIN, sizeof(bin), bin);
	assert_int_equal(parse(nlh, tb, NULL), 0);
	assert_int_equal(mnl_attr_get_u16(tb[A_U16]), 7);
	assert_int_equal(mnl_attr_get_u32(tb[A_U32]), 8);
	assert_int_equal(mnl_attr_get_u64(tb[A_U64]), 9);
	assert_string_equal(mnl_attr_get_str(tb[A_STR]), "1234567");
	assert_non_null(tb[A_BIN]);
	assert_null(tb[A_PAD]);
}

static void test_unknown_and_pad_are_skipped(void **state)
{
	struct nlmsghdr *nlh = msg();
	const struct nlattr *tb[A_MAX + 1];

	(void)state;
	mnl_attr_put(nlh, A_PAD, 0, NULL);
	mnl_attr_put_u32(nlh, A_MAX + 5, 1);	/* from a newer kernel */
	mnl_attr_put_u16(nlh, A_U16, 3);
	assert_int_equal(parse(nlh, tb, NULL), 0);
	assert_null(tb[A_PAD]);
	assert_int_equal(mnl_attr_get_u16(tb[A_U16]), 3);
}

static void expect_rejected(struct nlmsghdr *nlh, const char *name)
{
	const struct nlattr *tb[A_MAX + 1];
	struct netanom_error err;

	assert_int_equal(parse(nlh, tb, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
	assert_int_equal(err.code, EPROTO);
	assert_non_null(strstr(err.msg, name));
}

static void test_wrong_integer_lengths_are_rejected(void **state)
{
	struct nlmsghdr *nlh;

	(void)state;
	nlh = msg();
	mnl_attr_put_u32(nlh, A_U64, 1);	/* 4 bytes for a u64 */
	expect_rejected(nlh, "u64");
	nlh = msg();
	mnl_attr_put_u64(nlh, A_U32, 1);	/* 8 bytes for a u32 */
	expect_rejected(nlh, "u32");
	nlh = msg();
	mnl_attr_put_u32(nlh, A_U16, 1);
	expect_rejected(nlh, "u16");
	nlh = msg();
	mnl_attr_put(nlh, A_U64, 12, buf + 4096);
	expect_rejected(nlh, "u64");
}

static void test_bad_strings_are_rejected(void **state)
{
	struct nlmsghdr *nlh;

	(void)state;
	nlh = msg();
	mnl_attr_put(nlh, A_STR, 3, "abc");	/* no NUL */
	expect_rejected(nlh, "str");
	nlh = msg();
	mnl_attr_put_strz(nlh, A_STR, "12345678");	/* 9 bytes > 8 */
	expect_rejected(nlh, "str");
	nlh = msg();
	mnl_attr_put(nlh, A_STR, 0, NULL);	/* not even a NUL */
	expect_rejected(nlh, "str");
}

static void test_binary_bounds(void **state)
{
	const struct nlattr *tb[A_MAX + 1];
	struct nlmsghdr *nlh;

	(void)state;
	nlh = msg();
	mnl_attr_put(nlh, A_BIN, 3, "abc");
	expect_rejected(nlh, "bin");
	nlh = msg();
	mnl_attr_put(nlh, A_BIN, 17, buf + 4096);
	expect_rejected(nlh, "bin");
	nlh = msg();
	mnl_attr_put(nlh, A_BIN, 4, "abcd");
	assert_int_equal(parse(nlh, tb, NULL), 0);
}

static void test_truncated_attribute_is_rejected(void **state)
{
	const struct nlattr *tb[A_MAX + 1];
	struct netanom_error err;
	struct nlmsghdr *nlh = msg();
	struct nlattr *a;

	(void)state;
	mnl_attr_put_u16(nlh, A_U16, 1);
	a = (struct nlattr *)((char *)nlh + nlh->nlmsg_len);
	mnl_attr_put_u32(nlh, A_U32, 1);
	a->nla_len = 40;	/* runs past the message */
	assert_int_equal(parse(nlh, tb, &err), -EPROTO);
	assert_non_null(strstr(err.msg, "truncated"));

	nlh = msg();
	mnl_attr_put_u16(nlh, A_U16, 1);
	nlh->nlmsg_len += 2;	/* two stray bytes: not an attribute */
	assert_int_equal(parse(nlh, tb, &err), -EPROTO);
}

static void test_short_genl_header_is_rejected(void **state)
{
	const struct nlattr *tb[A_MAX + 1];
	struct netanom_error err;
	struct nlmsghdr *nlh;

	(void)state;
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_len += 2;	/* half a genlmsghdr */
	assert_int_equal(parse(nlh, tb, &err), -EPROTO);
	assert_non_null(strstr(err.msg, "genetlink header"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_attributes_are_indexed),
		cmocka_unit_test(test_unknown_and_pad_are_skipped),
		cmocka_unit_test(test_wrong_integer_lengths_are_rejected),
		cmocka_unit_test(test_bad_strings_are_rejected),
		cmocka_unit_test(test_binary_bounds),
		cmocka_unit_test(test_truncated_attribute_is_rejected),
		cmocka_unit_test(test_short_genl_header_is_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
