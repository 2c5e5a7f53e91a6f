// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libnetanom's exclusion lists over the fake kernel: CIDR text both ways,
 * setting one list or both, reading them back from GET_CONFIG, the
 * kernel's refusal, and the "excluded" counter of an entry.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "fake_kernel.h"

static struct fk *fk;
static struct netanom_exe exe;

static int setup(void **state)
{
	(void)state;
	fk_sample_exe(&exe, "/usr/bin/curl", 100, 1000);
	fk = fk_new_model(&exe, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fk_delete(fk);
	return 0;
}

static struct netanom *open_model(void)
{
	struct netanom *h = fk_model_handle(fk);

	assert_non_null(h);
	return h;
}

static const char *fmt(const struct netanom_cidr *c)
{
	static char buf[NETANOM_CIDR_LEN];

	return netanom_cidr_format(c, buf, sizeof(buf));
}

static void test_cidr_parse(void **state)
{
	struct netanom_cidr c;

	(void)state;
	assert_int_equal(netanom_cidr_parse("198.51.100.0/24", &c), 0);
	assert_int_equal(c.family, AF_INET);
	assert_int_equal(c.prefix, 24);
	assert_string_equal(fmt(&c), "198.51.100.0/24");
	assert_int_equal(netanom_cidr_parse("10.1.2.3", &c), 0);
	assert_int_equal(c.prefix, 32);
	assert_int_equal(netanom_cidr_parse("0.0.0.0/0", &c), 0);
	assert_int_equal(c.prefix, 0);
	assert_int_equal(netanom_cidr_parse("::1/128", &c), 0);
	assert_int_equal(c.family, AF_INET6);
	assert_string_equal(fmt(&c), "::1/128");
	assert_int_equal(netanom_cidr_parse("2001:db8::", &c), 0);
	assert_int_equal(c.prefix, 128);
	assert_int_equal(netanom_cidr_parse("::/0", &c), 0);

	assert_int_equal(netanom_cidr_parse("10.0.0.0/33", &c), -EINVAL);
	assert_int_equal(netanom_cidr_parse("::/129", &c), -EINVAL);
	assert_int_equal(netanom_cidr_parse("10.0.0.0/", &c), -EINVAL);
	assert_int_equal(netanom_cidr_parse("10.0.0.0/-1", &c), -EINVAL);
	assert_int_equal(netanom_cidr_parse("10.0.0.0/8x", &c), -EINVAL);
	assert_int_equal(netanom_cidr_parse("/8", &c), -EINVAL);
	assert_int_equal(netanom_cidr_parse("", &c), -EINVAL);
	assert_int_equal(netanom_cidr_parse("example.com/8", &c), -EINVAL);
}

static void test_set_and_get_both(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exclude x = { 0 }, got;

	(void)state;
	assert_int_equal(netanom_cidr_parse("198.51.100.0/24", &x.dests[0]), 0);
	assert_int_equal(netanom_cidr_parse("::1/128", &x.dests[1]), 0);
	x.n_dests = 2;
	x.uids[0] = 0;
	x.uids[1] = 4294967294U;
	x.n_uids = 2;
	assert_int_equal(netanom_set_exclude(h, &x, true, true, NULL), 0);
	assert_int_equal(fk->model.excl_sets, 1);
	assert_int_equal(fk->model.excl.n_dests, 2);
	assert_int_equal(fk->model.excl.n_uids, 2);

	memset(&got, 0xa5, sizeof(got));
	assert_int_equal(netanom_get_exclude(h, &got, NULL), 0);
	assert_int_equal(got.n_dests, 2);
	assert_string_equal(fmt(&got.dests[0]), "198.51.100.0/24");
	assert_string_equal(fmt(&got.dests[1]), "::1/128");
	assert_int_equal(got.n_uids, 2);
	assert_int_equal(got.uids[0], 0);
	assert_int_equal(got.uids[1], 4294967294U);
	netanom_close(h);
}

/* A list not asked for is not sent, so the kernel keeps it; an empty list
 * asked for is sent, and clears. */
static void test_one_list_only(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exclude x = { 0 }, got;

	(void)state;
	assert_int_equal(netanom_cidr_parse("10.0.0.0/8", &x.dests[0]), 0);
	x.n_dests = 1;
	x.uids[0] = 1000;
	x.n_uids = 1;
	assert_int_equal(netanom_set_exclude(h, &x, true, true, NULL), 0);
	x.n_uids = 0;
	x.n_dests = 0;
	assert_int_equal(netanom_set_exclude(h, &x, false, true, NULL), 0);
	assert_int_equal(netanom_get_exclude(h, &got, NULL), 0);
	assert_int_equal(got.n_dests, 1);
	assert_int_equal(got.n_uids, 0);
	assert_int_equal(netanom_set_exclude(h, &x, true, false, NULL), 0);
	assert_int_equal(netanom_get_exclude(h, &got, NULL), 0);
	assert_int_equal(got.n_dests, 0);
	netanom_close(h);
}

static void test_refused(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exclude x = { .n_uids = 1 };
	struct netanom_error err;

	(void)state;
	fk->model.excl_error = E2BIG;
	fk->model.set_error_msg = "too many uids to exclude";
	assert_int_equal(netanom_set_exclude(h, &x, false, true, &err), -E2BIG);
	assert_int_equal(err.kind, NETANOM_ERR_KERNEL);
	assert_string_equal(err.what, "setting the exclusion lists");
	assert_string_equal(err.msg, "too many uids to exclude");

	/* Too long to send: refused before anything is sent. */
	x.n_uids = NETANOM_EXCLUDE_MAX_UIDS + 1;
	fk->nsent = 0;
	assert_int_equal(netanom_set_exclude(h, &x, false, true, &err),
			 -EINVAL);
	assert_int_equal(fk->nsent, 0);
	netanom_close(h);
}

/* A reply the kernel cannot send: a prefix longer than its address. */
static void test_bad_reply_refused(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exclude got;
	struct netanom_error err;

	(void)state;
	assert_int_equal(netanom_cidr_parse("10.0.0.0/8", &fk->model.excl.dests[0]),
			 0);
	fk->model.excl.dests[0].prefix = 33;
	fk->model.excl.n_dests = 1;
	assert_int_equal(netanom_get_exclude(h, &got, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
	netanom_close(h);
}

static void test_excluded_counter_parsed(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exe e;

	(void)state;
	assert_int_equal(netanom_get_by_path(h, "/usr/bin/curl", &e, NULL), 0);
	assert_int_equal(e.excluded, 11);
	assert_int_equal(e.accepts, 10);
	netanom_exe_free(&e);
	netanom_close(h);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_cidr_parse),
		T(test_set_and_get_both),
		T(test_one_list_only),
		T(test_refused),
		T(test_bad_reply_refused),
		T(test_excluded_counter_parsed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
