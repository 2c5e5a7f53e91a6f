// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The request layer over a fake transport: opening (family resolution),
 * "do" requests, reply streams, and the dump loop's restart on
 * NLM_F_DUMP_INTR.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_kernel.h"

static struct fk *fk;
static struct netanom_exe exes[5];
static const char *const paths[5] = {
	"/usr/bin/curl", "/usr/bin/wget", "/usr/sbin/sshd", "/bin/nc",
	"/usr/lib/x",
};

static int setup(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		fk_sample_exe(&exes[i], paths[i], 100 + i, 1000 + i);
	fk = fk_new_model(exes, 5);
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

/* --- opening ----------------------------------------------------------- */

static void test_open_resolves_family_and_group(void **state)
{
	struct netanom *h = open_model();
	const struct nlmsghdr *req = fk_last_req(fk);
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);

	(void)state;
	assert_int_equal(req->nlmsg_type, GENL_ID_CTRL);
	assert_int_equal(g->cmd, CTRL_CMD_GETFAMILY);
	assert_true(req->nlmsg_flags & NLM_F_ACK);
	assert_int_equal(netanom_family_id(h), FK_FAMILY_ID);
	assert_int_equal(netanom_family_version(h), NETANOM_GENL_VERSION);
	assert_int_equal(netanom_events_group(h), FK_EVENTS_GRP);
	netanom_close(h);
	assert_int_equal(fk->closed, 1);
}

static void test_open_module_not_loaded(void **state)
{
	struct netanom_error err;
	struct netanom *h;

	(void)state;
	fk->model.not_loaded = true;
	assert_int_equal(fk_model_open(fk, &h, &err), -ENOENT);
	assert_null(h);
	assert_int_equal(err.kind, NETANOM_ERR_NOT_LOADED);
	assert_int_equal(fk->closed, 1);	/* the transport is released */
}

static void test_open_without_reply(void **state)
{
	struct netanom_transport tr = fk_transport(fk);
	struct netanom_error err;
	struct netanom *h;

	(void)state;
	/* Scripted: an ack but no family message. */
	fk_err(fk_dgram(fk), fk_last_req(fk), 0, NULL, true);
	assert_int_equal(netanom_open_transport(&h, &tr, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
}

static void test_send_error(void **state)
{
	struct netanom_transport tr = fk_transport(fk);
	struct netanom_error err;
	struct netanom *h;

	(void)state;
	fk->send_error = -ENOBUFS;
	assert_int_equal(netanom_open_transport(&h, &tr, &err), -ENOBUFS);
	assert_int_equal(err.kind, NETANOM_ERR_SYSTEM);
	assert_string_equal(err.what,
			    "resolving the netanom generic netlink family");
}

/* --- do requests ------------------------------------------------------- */

static void test_stats_request_and_reply(void **state)
{
	struct netanom *h = open_model();
	struct netanom_stats st;
	const struct genlmsghdr *g;

	(void)state;
	fk->model.stats.hits = 77;
	fk->model.stats.max_entries = 4096;
	assert_int_equal(netanom_get_stats(h, &st, NULL), 0);
	g = mnl_nlmsg_get_payload(fk_last_req(fk));
	assert_int_equal(fk_last_req(fk)->nlmsg_type, FK_FAMILY_ID);
	assert_int_equal(g->cmd, NETANOM_CMD_GET_STATS);
	assert_int_equal(g->version, NETANOM_GENL_VERSION);
	assert_true(fk_last_req(fk)->nlmsg_flags & NLM_F_ACK);
	assert_int_equal(st.hits, 77);
	assert_int_equal(st.max_entries, 4096);
	netanom_close(h);
}

static void test_kernel_error_message_reaches_caller(void **state)
{
	struct netanom *h = open_model();
	struct netanom_error err;

	(void)state;
	fk->model.set_error = EINVAL;
	fk->model.set_error_msg = "bits outside NETANOM_CONFIG_F_ALL";
	assert_int_equal(netanom_set_config(h, 8, 8, &err), -EINVAL);
	assert_int_equal(err.kind, NETANOM_ERR_KERNEL);
	assert_string_equal(err.what, "setting the configuration");
	assert_string_equal(err.msg, "bits outside NETANOM_CONFIG_F_ALL");
	netanom_close(h);
}

static void test_permission_denied(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exe_list l;
	struct netanom_error err;

	(void)state;
	fk->model.deny = EPERM;
	assert_int_equal(netanom_list(h, &l, &err), -EPERM);
	assert_int_equal(l.n, 0);
	assert_int_equal(err.code, EPERM);
	assert_int_equal(err.kind, NETANOM_ERR_KERNEL);
	netanom_close(h);
}

static void test_set_config_sends_bitfield(void **state)
{
	struct netanom *h = open_model();
	uint32_t flags;

	(void)state;
	fk->model.flags = NETANOM_CONFIG_F_ENABLED;
	assert_int_equal(netanom_set_config(h, NETANOM_CONFIG_F_COUNT_UNIX,
					    NETANOM_CONFIG_F_COUNT_UNIX, NULL),
			 0);
	assert_int_equal(fk->model.last_value, NETANOM_CONFIG_F_COUNT_UNIX);
	assert_int_equal(fk->model.last_selector, NETANOM_CONFIG_F_COUNT_UNIX);
	assert_int_equal(netanom_get_config(h, &flags, NULL), 0);
	assert_int_equal(flags, NETANOM_CONFIG_F_ALL);
	assert_int_equal(netanom_reset(h, NULL), 0);
	assert_int_equal(fk->model.resets, 1);
	netanom_close(h);
}

static void test_get_by_id_and_path(void **state)
{
	struct netanom *h = open_model();
	struct netanom_error err;
	struct netanom_exe e;

	(void)state;
	assert_int_equal(netanom_get_by_id(h, 0x803, 102, &e, NULL), 0);
	assert_string_equal(e.path, "/usr/sbin/sshd");
	netanom_exe_free(&e);
	assert_int_equal(netanom_get_by_path(h, "/bin/nc", &e, NULL), 0);
	assert_int_equal(e.ino, 103);
	netanom_exe_free(&e);
	assert_int_equal(netanom_get_by_path(h, "/nope", &e, &err), -ENOENT);
	assert_int_equal(err.kind, NETANOM_ERR_KERNEL);
	assert_string_equal(err.msg, "no such executable");
	assert_null(e.path);
	netanom_close(h);
}

static void test_get_path_too_long(void **state)
{
	struct netanom *h = open_model();
	struct netanom_error err;
	struct netanom_exe e;
	char *p = malloc(5000);
	int sent;

	(void)state;
	memset(p, 'a', 4999);
	p[4999] = '\0';
	sent = fk->nsent;
	assert_int_equal(netanom_get_by_path(h, p, &e, &err), -ENAMETOOLONG);
	assert_int_equal(err.kind, NETANOM_ERR_INVALID);
	assert_int_equal(fk->nsent, sent);	/* nothing was sent */
	free(p);
	netanom_close(h);
}

/* --- reply streams (scripted) ------------------------------------------ */

static void test_stale_messages_are_skipped(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_stats in = { .hits = 5 }, st;
	struct fk_dgram *d;
	struct nlmsghdr *nlh;

	(void)state;
	/* Left over from an earlier request: another sequence number. */
	d = fk_dgram(fk);
	d->keep_seq = true;
	nlh = fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_STATS);
	nlh->nlmsg_seq = 999;
	nlh->nlmsg_pid = FK_PORTID;
	fk_put_stats(nlh, &(struct netanom_stats){ .hits = 1 });
	fk_err(d, nlh, 0, NULL, true);
	nlh = (struct nlmsghdr *)(d->buf + MNL_ALIGN(nlh->nlmsg_len));
	nlh->nlmsg_seq = 999;	/* its ack: would end the stream early */
	nlh->nlmsg_pid = FK_PORTID;
	/* The real reply and ack, in one datagram. */
	d = fk_dgram(fk);
	fk_put_stats(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_STATS), &in);
	fk_err(d, nlh, 0, NULL, true);
	assert_int_equal(netanom_get_stats(h, &st, NULL), 0);
	assert_int_equal(st.hits, 5);
	netanom_close(h);
}

static void test_reply_without_ack_times_out(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_error err;
	struct netanom_stats st;
	struct fk_dgram *d = fk_dgram(fk);

	(void)state;
	fk_put_stats(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_STATS), &st);
	fk_end(d);
	assert_int_equal(netanom_get_stats(h, &st, &err), -ETIMEDOUT);
	assert_int_equal(err.kind, NETANOM_ERR_SYSTEM);
	assert_string_equal(err.what, "getting the statistics");
	netanom_close(h);
}

static void test_truncated_datagram(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_error err;
	struct netanom_stats st = { 0 };
	struct fk_dgram *d = fk_dgram(fk);

	(void)state;
	fk_put_stats(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_STATS), &st);
	fk_end(d);
	d->len -= 6;	/* the last attribute is cut */
	assert_int_equal(netanom_get_stats(h, &st, &err), -EPROTO);
	assert_non_null(strstr(err.msg, "truncated"));
	netanom_close(h);
}

static void test_unexpected_message_type(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_error err;
	struct netanom_stats st = { 0 };
	struct fk_dgram *d = fk_dgram(fk);

	(void)state;
	fk_put_stats(fk_msg(d, FK_FAMILY_ID + 1, 0, NETANOM_CMD_GET_STATS),
		     &st);
	fk_err(d, fk_last_req(fk), 0, NULL, true);
	assert_int_equal(netanom_get_stats(h, &st, &err), -EPROTO);
	assert_non_null(strstr(err.msg, "unexpected message type"));
	netanom_close(h);
}

static void test_no_reply_is_an_error(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_error err;
	struct netanom_stats st;

	(void)state;
	fk_err(fk_dgram(fk), fk_last_req(fk), 0, NULL, true);
	assert_int_equal(netanom_get_stats(h, &st, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
	netanom_close(h);
}

static void test_reply_too_large(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_error err;
	struct netanom_stats st;

	(void)state;
	fk->recv_error = -ENOSPC;
	assert_int_equal(netanom_get_stats(h, &st, &err), -EMSGSIZE);
	netanom_close(h);
}

/* --- dumps ------------------------------------------------------------- */

static void check_all(const struct netanom_exe_list *l)
{
	size_t i;

	assert_int_equal(l->n, 5);
	for (i = 0; i < 5; i++) {
		assert_string_equal(l->v[i].path, paths[i]);
		assert_int_equal(l->v[i].ino, 100 + i);
	}
}

static void test_dump_across_datagrams(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exe_list l;

	(void)state;
	fk->model.per_dgram = 2;
	assert_int_equal(netanom_list(h, &l, NULL), 0);
	assert_true(fk_last_req(fk)->nlmsg_flags & NLM_F_DUMP);
	assert_int_equal(fk->model.dumps, 1);
	check_all(&l);
	netanom_exe_list_free(&l);
	assert_null(l.v);
	netanom_close(h);
}

static void test_dump_empty(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exe_list l;

	(void)state;
	fk->model.nexes = 0;
	assert_int_equal(netanom_list(h, &l, NULL), 0);
	assert_int_equal(l.n, 0);
	netanom_exe_list_free(&l);
	netanom_close(h);
}

static void test_dump_interrupted_restarts(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exe_list l;

	(void)state;
	fk->model.intr_dumps = 2;
	assert_int_equal(netanom_list(h, &l, NULL), 0);
	assert_int_equal(fk->model.dumps, 3);
	check_all(&l);		/* nothing twice */
	netanom_exe_list_free(&l);
	netanom_close(h);
}

static void test_dump_interrupted_only_on_done(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exe_list l;

	(void)state;
	fk->model.per_dgram = 10;	/* one datagram: the flag on DONE */
	fk->model.intr_dumps = 1;
	assert_int_equal(netanom_list(h, &l, NULL), 0);
	assert_int_equal(fk->model.dumps, 2);
	check_all(&l);
	netanom_exe_list_free(&l);
	netanom_close(h);
}

static void test_dump_always_interrupted_gives_up(void **state)
{
	struct netanom *h = open_model();
	struct netanom_exe_list l;
	struct netanom_error err;

	(void)state;
	fk->model.intr_dumps = -1;
	assert_int_equal(netanom_list(h, &l, &err), -EAGAIN);
	assert_int_equal(err.kind, NETANOM_ERR_INCONSISTENT);
	assert_int_equal(fk->model.dumps, NETANOM_DUMP_ATTEMPTS);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
	netanom_close(h);
}

static void test_dump_bad_entry_then_handle_still_works(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_exe_list l;
	struct netanom_error err;
	struct netanom_stats st, in = { .hits = 3 };
	struct fk_dgram *d = fk_dgram(fk);
	struct nlmsghdr *nlh;

	(void)state;
	fk_put_exe(fk_msg(d, FK_FAMILY_ID, NLM_F_MULTI, NETANOM_CMD_GET_EXE),
		   &exes[0]);
	nlh = fk_msg(d, FK_FAMILY_ID, NLM_F_MULTI, NETANOM_CMD_GET_EXE);
	mnl_attr_put_u32(nlh, NETANOM_A_EXE_DEV, 1);	/* u32, not u64 */
	fk_end(d);
	d = fk_dgram(fk);
	fk_put_exe(fk_msg(d, FK_FAMILY_ID, NLM_F_MULTI, NETANOM_CMD_GET_EXE),
		   &exes[1]);
	fk_done(d, 0, 0, NULL);
	assert_int_equal(netanom_list(h, &l, &err), -EPROTO);
	assert_string_equal(err.what, "listing entries");
	assert_non_null(strstr(err.msg, "dev"));
	assert_int_equal(l.n, 0);
	assert_int_equal(fk->next, fk->nq);	/* the stream was drained */

	fk_free(fk);
	d = fk_dgram(fk);
	fk_put_stats(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_STATS), &in);
	fk_err(d, fk_last_req(fk), 0, NULL, true);
	assert_int_equal(netanom_get_stats(h, &st, NULL), 0);
	assert_int_equal(st.hits, 3);
	netanom_close(h);
}

static void test_dump_error_in_done(void **state)
{
	struct netanom *h = fk_handle(fk);
	struct netanom_exe_list l;
	struct netanom_error err;
	struct fk_dgram *d = fk_dgram(fk);

	(void)state;
	fk_put_exe(fk_msg(d, FK_FAMILY_ID, NLM_F_MULTI, NETANOM_CMD_GET_EXE),
		   &exes[0]);
	fk_done(d, 0, -ENOBUFS, "dump buffer too small");
	assert_int_equal(netanom_list(h, &l, &err), -ENOBUFS);
	assert_string_equal(err.msg, "dump buffer too small");
	assert_int_equal(l.n, 0);
	netanom_close(h);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_resolves_family_and_group),
		T(test_open_module_not_loaded),
		T(test_open_without_reply),
		T(test_send_error),
		T(test_stats_request_and_reply),
		T(test_kernel_error_message_reaches_caller),
		T(test_permission_denied),
		T(test_set_config_sends_bitfield),
		T(test_get_by_id_and_path),
		T(test_get_path_too_long),
		T(test_stale_messages_are_skipped),
		T(test_reply_without_ack_times_out),
		T(test_truncated_datagram),
		T(test_unexpected_message_type),
		T(test_no_reply_is_an_error),
		T(test_reply_too_large),
		T(test_dump_across_datagrams),
		T(test_dump_empty),
		T(test_dump_interrupted_restarts),
		T(test_dump_interrupted_only_on_done),
		T(test_dump_always_interrupted_gives_up),
		T(test_dump_bad_entry_then_handle_still_works),
		T(test_dump_error_in_done),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
