// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libnetanom's events: joining the group, reading events as the kernel
 * multicasts them (with and without a path or a destination), skipping
 * datagrams that hold none, and saying so when the queue overflowed.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "fake_kernel.h"

/* A subscribed handle on @fk. */
static struct netanom *subscribed(struct fk *fk)
{
	struct netanom *h;

	fk_init(fk);
	h = fk_handle(fk);
	h->events_group = FK_EVENTS_GRP;
	assert_int_equal(netanom_events_subscribe(h, NULL), 0);
	assert_int_equal(fk->joined, FK_EVENTS_GRP);
	return h;
}

static void sample_event(struct netanom_event *ev, char *path)
{
	memset(ev, 0, sizeof(*ev));
	ev->exe.dev = 0x803;
	ev->exe.ino = 77;
	ev->exe.path = path;
	strcpy(ev->exe.comm, "fresh");
	ev->exe.last_family = AF_INET6;
	ev->exe.last_addr_len = 16;
	inet_pton(AF_INET6, "2001:db8::2", ev->exe.last_addr);
	ev->exe.last_port = 8080;
	ev->time_ns = 1800000000123456789ULL;
	ev->pid = 501;
	ev->tgid = 500;
	ev->ppid = 42;
	ev->uid = 1000;
	ev->kind = NETANOM_KIND_TCP6;
}

static void queue_event(struct fk *fk, const struct netanom_event *ev)
{
	struct fk_dgram *d = fk_dgram(fk);

	d->keep_seq = true;
	fk_put_event(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_NEW_EXE), ev);
	fk_end(d);
}

static void test_event_all_fields(void **state)
{
	struct netanom_event in, out;
	char buf[NETANOM_DEST_LEN];
	struct netanom *h;
	struct fk fk;

	(void)state;
	h = subscribed(&fk);
	sample_event(&in, "/tmp/fresh");
	queue_event(&fk, &in);
	assert_int_equal(netanom_event_recv(h, &out, NULL), 0);
	assert_int_equal(out.exe.dev, 0x803);
	assert_int_equal(out.exe.ino, 77);
	assert_string_equal(out.exe.path, "/tmp/fresh");
	assert_string_equal(out.exe.comm, "fresh");
	assert_true(out.time_ns == 1800000000123456789ULL);
	assert_int_equal(out.pid, 501);
	assert_int_equal(out.tgid, 500);
	assert_int_equal(out.ppid, 42);
	assert_int_equal(out.uid, 1000);
	assert_int_equal(out.kind, NETANOM_KIND_TCP6);
	assert_string_equal(netanom_event_kind_name(out.kind), "tcp6");
	assert_int_equal(out.exe.last_pid, 500);
	assert_int_equal(out.exe.last_uid, 1000);
	assert_string_equal(netanom_format_dest(&out.exe, buf, sizeof(buf)),
			    "[2001:db8::2]:8080");
	netanom_event_free(&out);
	assert_null(out.exe.path);
	netanom_close(h);
	fk_free(&fk);
}

/* Listen has no destination; a reset entry has no path. */
static void test_event_sparse(void **state)
{
	struct netanom_event in, out;
	char buf[NETANOM_DEST_LEN];
	struct netanom *h;
	struct fk fk;

	(void)state;
	h = subscribed(&fk);
	sample_event(&in, NULL);
	in.exe.last_family = 0;
	in.kind = NETANOM_KIND_LISTEN;
	queue_event(&fk, &in);
	assert_int_equal(netanom_event_recv(h, &out, NULL), 0);
	assert_string_equal(out.exe.path, "");
	assert_int_equal(out.exe.last_family, 0);
	assert_string_equal(netanom_format_dest(&out.exe, buf, sizeof(buf)),
			    "");
	assert_string_equal(netanom_event_kind_name(out.kind), "listen");
	netanom_event_free(&out);
	netanom_close(h);
	fk_free(&fk);
}

/* Another command of the family and another family are not events. */
static void test_event_skips_others(void **state)
{
	struct netanom_event in, out;
	struct netanom_exe e;
	struct fk_dgram *d;
	struct netanom *h;
	struct fk fk;

	(void)state;
	h = subscribed(&fk);
	d = fk_dgram(&fk);
	fk_sample_exe(&e, "/usr/bin/curl", 5, 1);
	fk_put_exe(fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_GET_EXE), &e);
	fk_end(d);
	d = fk_dgram(&fk);
	fk_msg(d, FK_FAMILY_ID + 1, 0, NETANOM_CMD_NEW_EXE);
	fk_end(d);
	sample_event(&in, "/tmp/second");
	queue_event(&fk, &in);
	assert_int_equal(netanom_event_recv(h, &out, NULL), 0);
	assert_string_equal(out.exe.path, "/tmp/second");
	assert_int_equal(fk.next, 3);
	netanom_event_free(&out);
	netanom_close(h);
	fk_free(&fk);
}

static void test_event_malformed(void **state)
{
	struct netanom_event out;
	struct netanom_error err;
	struct fk_dgram *d;
	struct nlmsghdr *nlh;
	struct netanom *h;
	struct fk fk;

	(void)state;
	h = subscribed(&fk);
	/* No time. */
	d = fk_dgram(&fk);
	d->keep_seq = true;
	nlh = fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_NEW_EXE);
	fk_put_u64(nlh, NETANOM_A_EXE_DEV, 1);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, 2);
	fk_end(d);
	/* A kind of the wrong size. */
	d = fk_dgram(&fk);
	nlh = fk_msg(d, FK_FAMILY_ID, 0, NETANOM_CMD_NEW_EXE);
	fk_put_u64(nlh, NETANOM_A_EXE_DEV, 1);
	fk_put_u64(nlh, NETANOM_A_EXE_INO, 2);
	fk_put_u64(nlh, NETANOM_A_EVENT_TIME, 3);
	mnl_attr_put_u32(nlh, NETANOM_A_EVENT_KIND, 1);
	fk_end(d);
	assert_int_equal(netanom_event_recv(h, &out, &err), -EPROTO);
	assert_int_equal(err.kind, NETANOM_ERR_PROTOCOL);
	assert_string_equal(err.msg, "event without a time");
	assert_null(out.exe.path);
	assert_int_equal(netanom_event_recv(h, &out, &err), -EPROTO);
	assert_string_equal(err.what, "reading netanom events");
	netanom_close(h);
	fk_free(&fk);
}

static void test_event_overflow(void **state)
{
	struct netanom_event out;
	struct netanom_error err;
	struct netanom *h;
	struct fk fk;
	char line[512];

	(void)state;
	h = subscribed(&fk);
	fk.recv_error = -ENOBUFS;
	assert_int_equal(netanom_event_recv(h, &out, &err), -ENOBUFS);
	netanom_error_format(&err, line, sizeof(line));
	assert_non_null(strstr(line, "events were lost"));
	netanom_close(h);
	fk_free(&fk);
}

static void test_subscribe_errors(void **state)
{
	struct netanom_error err;
	struct netanom *h;
	struct fk fk;
	char line[512];

	(void)state;
	fk_init(&fk);
	h = fk_handle(&fk);
	/* A module without the group. */
	assert_int_equal(netanom_events_subscribe(h, &err), -ENOTSUP);
	assert_int_equal(fk.joined, 0);
	/* No CAP_NET_ADMIN: the join is refused; the line says what to do. */
	h->events_group = FK_EVENTS_GRP;
	fk.join_error = -EPERM;
	assert_int_equal(netanom_events_subscribe(h, &err), -EPERM);
	netanom_error_format(&err, line, sizeof(line));
	assert_non_null(strstr(line, "CAP_NET_ADMIN"));
	assert_int_equal(netanom_event_fd(h), -1);
	netanom_close(h);
	fk_free(&fk);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(netanom_event_kind_name(NETANOM_KIND_TCP4), "tcp4");
	assert_string_equal(netanom_event_kind_name(NETANOM_KIND_UDP4), "udp4");
	assert_string_equal(netanom_event_kind_name(NETANOM_KIND_SENDTO),
			    "sendto");
	assert_string_equal(netanom_event_kind_name(NETANOM_KIND_ACCEPT),
			    "accept");
	assert_string_equal(netanom_event_kind_name(NETANOM_KIND_MAX + 1),
			    "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_event_all_fields),
		cmocka_unit_test(test_event_sparse),
		cmocka_unit_test(test_event_skips_others),
		cmocka_unit_test(test_event_malformed),
		cmocka_unit_test(test_event_overflow),
		cmocka_unit_test(test_subscribe_errors),
		cmocka_unit_test(test_kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
