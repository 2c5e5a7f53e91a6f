// SPDX-License-Identifier: GPL-2.0-or-later
/* The end of a reply: acks, errors with extended ack messages, DONE. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_kernel.h"

static struct fk_dgram *d;
static char reqbuf[512];

static int setup(void **state)
{
	(void)state;
	d = calloc(1, sizeof(*d));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(d);
	return 0;
}

/* A request with an attribute, so that an uncapped error echoes it. */
static const struct nlmsghdr *request(void)
{
	struct nlmsghdr *nlh = fk_genl(reqbuf, FK_FAMILY_ID,
				       NETANOM_CMD_SET_CONFIG);

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	mnl_attr_put_u32(nlh, NETANOM_A_CONFIG_FLAGS, 0xff);
	mnl_attr_put_strz(nlh, NETANOM_A_EXE_PATH, "/odd/length");
	return nlh;
}

static const struct nlmsghdr *first(void)
{
	return (const struct nlmsghdr *)d->buf;
}

static void test_ack_is_success(void **state)
{
	struct netanom_error err = { .kind = NETANOM_ERR_NONE };

	(void)state;
	memset(d, 0, sizeof(*d));
	fk_err(d, request(), 0, NULL, true);
	assert_int_equal(nl_parse_error(first(), &err), 0);
	assert_int_equal(err.kind, NETANOM_ERR_NONE);
}

static void test_capped_error_with_message(void **state)
{
	struct netanom_error err;

	(void)state;
	memset(d, 0, sizeof(*d));
	fk_err(d, request(), -EINVAL, "unknown config flag", true);
	assert_int_equal(nl_parse_error(first(), &err), -EINVAL);
	assert_int_equal(err.kind, NETANOM_ERR_KERNEL);
	assert_int_equal(err.code, EINVAL);
	assert_string_equal(err.msg, "unknown config flag");
}

static void test_uncapped_error_with_message(void **state)
{
	struct netanom_error err;

	(void)state;
	memset(d, 0, sizeof(*d));
	fk_err(d, request(), -ERANGE, "value out of range", false);
	assert_false(first()->nlmsg_flags & NLM_F_CAPPED);
	assert_int_equal(nl_parse_error(first(), &err), -ERANGE);
	assert_string_equal(err.msg, "value out of range");
}

static void test_error_without_message(void **state)
{
	struct netanom_error err;

	(void)state;
	memset(d, 0, sizeof(*d));
	fk_err(d, request(), -EPERM, NULL, true);
	assert_int_equal(nl_parse_error(first(), &err), -EPERM);
	assert_string_equal(err.msg, "");
}

static void test_offset_and_missing_attribute(void **state)
{
	struct netanom_error err;
	struct nlmsghdr *nlh;

	(void)state;
	memset(d, 0, sizeof(*d));
	fk_err(d, request(), -EINVAL, "missing attribute", true);
	nlh = (struct nlmsghdr *)d->buf;
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	mnl_attr_put_u32(nlh, NLMSGERR_ATTR_MISS_TYPE, NETANOM_A_CONFIG_FLAGS);
	assert_int_equal(nl_parse_error(nlh, &err), -EINVAL);
	assert_int_equal(err.bad_attr_offset, 20);
	assert_int_equal(err.missing_attr, NETANOM_A_CONFIG_FLAGS);
}

static void test_bad_message_attribute_keeps_the_error(void **state)
{
	struct netanom_error err;
	struct nlmsghdr *nlh;

	(void)state;
	memset(d, 0, sizeof(*d));
	fk_err(d, request(), -EBUSY, NULL, true);
	nlh = (struct nlmsghdr *)d->buf;
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	mnl_attr_put(nlh, NLMSGERR_ATTR_MSG, 4, "oops");	/* no NUL */
	assert_int_equal(nl_parse_error(nlh, &err), -EBUSY);
	assert_string_equal(err.msg, "");
}

static void test_done(void **state)
{
	struct netanom_error err;

	(void)state;
	memset(d, 0, sizeof(*d));
	fk_done(d, 0, 0, NULL);
	assert_int_equal(nl_parse_error(first(), &err), 0);

	memset(d, 0, sizeof(*d));
	fk_done(d, 0, -ENOMEM, "dump failed");
	assert_int_equal(nl_parse_error(first(), &err), -ENOMEM);
	assert_int_equal(err.kind, NETANOM_ERR_KERNEL);
	assert_string_equal(err.msg, "dump failed");
}

static void test_done_without_payload(void **state)
{
	struct nlmsghdr *nlh;

	(void)state;
	memset(d, 0, sizeof(*d));
	nlh = mnl_nlmsg_put_header(d->buf);
	nlh->nlmsg_type = NLMSG_DONE;
	assert_int_equal(nl_parse_error(nlh, NULL), 0);
}

static void test_truncated_error(void **state)
{
	struct netanom_error err;
	struct nlmsghdr *nlh;

	(void)state;
	memset(d, 0, sizeof(*d));
	nlh = mnl_nlmsg_put_header(d->buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	mnl_nlmsg_put_extra_header(nlh, 8);	/* < struct nlmsgerr */
	assert_int_equal(nl_parse_error(nlh, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
}

static const char *fmt(struct netanom_error *err)
{
	static char buf[512];

	return netanom_error_format(err, buf, sizeof(buf));
}

static void test_format(void **state)
{
	struct netanom_error err;

	(void)state;
	memset(&err, 0, sizeof(err));
	err.kind = NETANOM_ERR_NOT_LOADED;
	err.code = ENOENT;
	assert_string_equal(fmt(&err),
			    "netanom kernel module is not loaded (load it with: "
			    "insmod netanom.ko, or modprobe netanom)");

	err.kind = NETANOM_ERR_OTHER_NETNS;
	assert_string_equal(fmt(&err),
			    "the netanom module is loaded, but it answers in "
			    "the initial network namespace only (run this as "
			    "root in the host's network namespace, e.g. with "
			    "nsenter --net=/proc/1/ns/net)");

	memset(&err, 0, sizeof(err));
	err.kind = NETANOM_ERR_KERNEL;
	err.code = EPERM;
	strcpy(err.what, "listing entries");
	assert_string_equal(fmt(&err), "listing entries: permission denied: "
			    "netanom needs CAP_NET_ADMIN in the initial user "
			    "namespace (run as root on the host, not in a "
			    "container or user namespace)");
	err.code = EACCES;
	assert_non_null(strstr(fmt(&err), "CAP_NET_ADMIN"));

	err.code = EINVAL;
	strcpy(err.what, "setting the configuration");
	strcpy(err.msg, "unknown flag");
	assert_string_equal(fmt(&err), "setting the configuration: "
			    "Invalid argument: unknown flag");
	err.missing_attr = 26;
	assert_string_equal(fmt(&err), "setting the configuration: "
			    "Invalid argument: unknown flag "
			    "(missing attribute 26)");
}

static void test_format_truncates(void **state)
{
	struct netanom_error err = { .kind = NETANOM_ERR_KERNEL, .code = EIO };
	char small[8];

	(void)state;
	strcpy(err.what, "a long description");
	strcpy(err.msg, "and a long message");
	netanom_error_format(&err, small, sizeof(small));
	assert_string_equal(small, "a long ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ack_is_success),
		cmocka_unit_test(test_capped_error_with_message),
		cmocka_unit_test(test_uncapped_error_with_message),
		cmocka_unit_test(test_error_without_message),
		cmocka_unit_test(test_offset_and_missing_attribute),
		cmocka_unit_test(test_bad_message_attribute_keeps_the_error),
		cmocka_unit_test(test_done),
		cmocka_unit_test(test_done_without_payload),
		cmocka_unit_test(test_truncated_error),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_truncates),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
