// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every string the kernel sends is bounded: a dump or a lookup whose reply
 * holds a path or comm without its NUL, or longer than the protocol allows,
 * fails cleanly with a protocol error that names the attribute, and the
 * handle still works afterwards.  (ASan and valgrind run this too: nothing
 * may be read past an attribute's end, nothing may leak.)
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_kernel.h"

/* How the fake kernel spoils the entry it sends. */
enum bad_string {
	GOOD,
	PATH_UNTERMINATED,
	PATH_TOO_LONG,
	COMM_UNTERMINATED,
	COMM_TOO_LONG,
	PATH_EMPTY_ATTR,
};

static struct fk *fk;
static enum bad_string spoil;
static struct netanom_exe good;

static void put_bad_exe(struct nlmsghdr *nlh)
{
	static char path[PATH_MAX + 2];
	char comm[NETANOM_COMM_LEN + 2];

	fk_put_u64(nlh, NETANOM_A_EXE_DEV, 1);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, 2);
	memset(path, 'p', sizeof(path));
	path[0] = '/';
	memset(comm, 'c', sizeof(comm));
	switch (spoil) {
	case PATH_UNTERMINATED:	/* "/ppp" with no NUL */
		mnl_attr_put(nlh, NETANOM_A_EXE_PATH, 4, path);
		break;
	case PATH_TOO_LONG:	/* PATH_MAX + 1 bytes with the NUL */
		path[PATH_MAX] = '\0';
		mnl_attr_put(nlh, NETANOM_A_EXE_PATH, PATH_MAX + 1, path);
		break;
	case COMM_UNTERMINATED:	/* 16 bytes, none of them a NUL */
		mnl_attr_put(nlh, NETANOM_A_EXE_COMM, NETANOM_COMM_LEN, comm);
		break;
	case COMM_TOO_LONG:	/* 17 bytes with the NUL */
		comm[NETANOM_COMM_LEN] = '\0';
		mnl_attr_put(nlh, NETANOM_A_EXE_COMM, NETANOM_COMM_LEN + 1,
			     comm);
		break;
	default:		/* not even the NUL */
		mnl_attr_put(nlh, NETANOM_A_EXE_PATH, 0, NULL);
		break;
	}
}

/* The model kernel, but the dump or lookup answer is spoiled. */
static void spoiling_respond(struct fk *k, const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);
	bool dump = req->nlmsg_flags & NLM_F_DUMP;
	struct fk_dgram *d;

	if (spoil == GOOD || req->nlmsg_type != FK_FAMILY_ID ||
	    g->cmd != NETANOM_CMD_GET_EXE) {
		fk_model_respond(k, req);
		return;
	}
	fk_free(k);
	d = fk_dgram(k);
	if (dump) {
		/* One good entry first: the bad one must fail the whole dump. */
		fk_put_exe(fk_msg(d, FK_FAMILY_ID, NLM_F_MULTI,
				  NETANOM_CMD_GET_EXE), &good);
		put_bad_exe(fk_msg(d, FK_FAMILY_ID, NLM_F_MULTI,
				   NETANOM_CMD_GET_EXE));
		fk_done(d, 0, 0, NULL);
	} else {
		put_bad_exe(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_EXE));
		fk_err(d, req, 0, NULL, true);
	}
	fk_end(d);
}

static int setup(void **state)
{
	(void)state;
	fk_sample_exe(&good, "/usr/bin/curl", 10, 1);
	fk = fk_new_model(&good, 1);
	spoil = GOOD;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fk_delete(fk);
	return 0;
}

static struct netanom *open_spoiling(void)
{
	struct netanom *h = fk_model_handle(fk);

	assert_non_null(h);
	fk->respond = spoiling_respond;
	return h;
}

static void expect_rejected(struct netanom *h, enum bad_string how,
			    const char *attr)
{
	struct netanom_exe_list l;
	struct netanom_error err;
	struct netanom_exe e;

	spoil = how;
	assert_int_equal(netanom_list(h, &l, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
	assert_non_null(strstr(err.msg, attr));
	netanom_exe_list_free(&l);

	memset(&e, 0, sizeof(e));
	assert_int_equal(netanom_get_by_id(h, 1, 2, &e, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
	assert_non_null(strstr(err.msg, attr));
	netanom_exe_free(&e);

	/* The handle is not left in a bad state: the next dump works. */
	spoil = GOOD;
	assert_int_equal(netanom_list(h, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].path, "/usr/bin/curl");
	netanom_exe_list_free(&l);
}

static void test_unterminated_path(void **state)
{
	struct netanom *h = open_spoiling();

	(void)state;
	expect_rejected(h, PATH_UNTERMINATED, "path");
	netanom_close(h);
}

static void test_oversized_path(void **state)
{
	struct netanom *h = open_spoiling();

	(void)state;
	expect_rejected(h, PATH_TOO_LONG, "path");
	netanom_close(h);
}

static void test_empty_path_attr(void **state)
{
	struct netanom *h = open_spoiling();

	(void)state;
	expect_rejected(h, PATH_EMPTY_ATTR, "path");
	netanom_close(h);
}

static void test_unterminated_comm(void **state)
{
	struct netanom *h = open_spoiling();

	(void)state;
	expect_rejected(h, COMM_UNTERMINATED, "comm");
	netanom_close(h);
}

static void test_oversized_comm(void **state)
{
	struct netanom *h = open_spoiling();

	(void)state;
	expect_rejected(h, COMM_TOO_LONG, "comm");
	netanom_close(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unterminated_path, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_oversized_path, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_empty_path_attr, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unterminated_comm, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_oversized_comm, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
