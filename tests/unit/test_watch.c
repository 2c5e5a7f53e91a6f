// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomctl watch against the model kernel: one line per event in text
 * and JSON Lines, a lost burst said and survived, and the errors that
 * tell the user what to do (module not loaded, no CAP_NET_ADMIN).
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

#include "cli.h"
#include "cli_capture.h"
#include "fake_kernel.h"

struct watch_run {
	struct fk fk;
	struct netanom_event ev[2];
	char *out;
	char *err;
};

static int setup(void **state)
{
	struct watch_run *r = calloc(1, sizeof(*r));
	struct netanom_event *ev = r->ev;

	fk_init(&r->fk);
	ev[0].exe.dev = 0x803;
	ev[0].exe.ino = 77;
	ev[0].exe.path = "/tmp/my prog";
	strcpy(ev[0].exe.comm, "my prog\n");
	ev[0].exe.last_family = AF_INET;
	ev[0].exe.last_addr_len = 4;
	inet_pton(AF_INET, "198.51.100.2", ev[0].exe.last_addr);
	ev[0].exe.last_port = 8080;
	ev[0].time_ns = 1800000000000000001ULL;
	ev[0].pid = 501;
	ev[0].tgid = 500;
	ev[0].ppid = 42;
	ev[0].uid = 1000;
	ev[0].kind = NETANOM_KIND_TCP4;
	ev[1] = ev[0];
	ev[1].exe.path = "/usr/sbin/server";
	strcpy(ev[1].exe.comm, "server");
	ev[1].exe.last_family = 0;
	ev[1].kind = NETANOM_KIND_LISTEN;
	r->fk.model.events = r->ev;
	r->fk.model.nevents = 2;
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct watch_run *r = *state;

	fk_free(&r->fk);
	free(r->out);
	free(r->err);
	free(r);
	return 0;
}

static int run(struct watch_run *r, const char *arg)
{
	char *argv[] = { "netanomctl", "watch", (char *)arg, NULL };
	struct cli_ctx ctx = { .open = fk_model_open, .open_arg = &r->fk };

	return cli_capture(&ctx, arg ? 3 : 2, argv, &r->out, &r->err);
}

static int lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/*
 * The model has no descriptor to poll, so watch reads until the queue is
 * empty and then reports the model's "timed out": exit status 1.
 */
static void test_watch_text(void **state)
{
	struct watch_run *r = *state;

	assert_int_equal(run(r, NULL), CLI_ERROR);
	assert_int_equal(r->fk.joined, FK_EVENTS_GRP);
	assert_int_equal(lines(r->out), 2);
	text_has(r->out, "2027-01-15T08:00:00.000000001Z pid=500 tid=501 ppid=42 "
		    "uid=1000 kind=tcp4 dest=198.51.100.2:8080 comm=my?prog? "
		    "dev=2051 ino=77 exe=/tmp/my prog\n");
	text_has(r->out, " kind=listen dest=- comm=server ");
	text_has(r->out, " exe=/usr/sbin/server\n");
	text_has(r->err, "reading netanom events");
}

static void test_watch_json(void **state)
{
	struct watch_run *r = *state;
	json_error_t jerr;
	char *second;
	json_t *o;

	assert_int_equal(run(r, "--json"), CLI_ERROR);
	assert_int_equal(lines(r->out), 2);
	o = json_loadb(r->out, strchr(r->out, '\n') - r->out, 0, &jerr);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "exe")),
			    "/tmp/my prog");
	assert_string_equal(json_string_value(json_object_get(o, "comm")),
			    "my prog\n");
	assert_int_equal(json_integer_value(json_object_get(o, "pid")), 500);
	assert_int_equal(json_integer_value(json_object_get(o, "tid")), 501);
	assert_int_equal(json_integer_value(json_object_get(o, "ppid")), 42);
	assert_int_equal(json_integer_value(json_object_get(o, "uid")), 1000);
	assert_string_equal(json_string_value(json_object_get(o, "kind")),
			    "tcp4");
	assert_string_equal(json_string_value(json_object_get(o, "address")),
			    "198.51.100.2");
	assert_int_equal(json_integer_value(json_object_get(o, "port")), 8080);
	assert_int_equal(json_integer_value(json_object_get(o, "family")),
			 AF_INET);
	assert_string_equal(json_string_value(json_object_get(o, "time")),
			    "2027-01-15T08:00:00.000000001Z");
	json_decref(o);
	second = strchr(r->out, '\n') + 1;
	o = json_loads(second, JSON_DISABLE_EOF_CHECK, &jerr);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "kind")),
			    "listen");
	assert_null(json_object_get(o, "dest"));
	assert_null(json_object_get(o, "port"));
	json_decref(o);
}

/* A queue overflow is said on stderr; the events after it still come. */
static void test_watch_overflow_goes_on(void **state)
{
	struct watch_run *r = *state;

	r->fk.once_error = -ENOBUFS;
	assert_int_equal(run(r, NULL), CLI_ERROR);
	assert_int_equal(lines(r->out), 2);
	text_has(r->err, "events were lost");
	text_has(r->err, "reading netanom events: Connection timed out");
}

static void test_watch_errors(void **state)
{
	struct watch_run *r = *state;

	assert_int_equal(run(r, "--help"), CLI_OK);
	text_has(r->out, "Usage: netanomctl watch [--json]");
	assert_int_equal(run(r, "extra"), CLI_USAGE);
	r->fk.model.not_loaded = true;
	assert_int_equal(run(r, NULL), CLI_ERROR);
	text_has(r->err, "module is not loaded");
	r->fk.model.not_loaded = false;
	r->fk.join_error = -EPERM;
	assert_int_equal(run(r, NULL), CLI_ERROR);
	text_has(r->err, "CAP_NET_ADMIN");
	assert_string_equal(r->out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_watch_text, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_watch_json, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_watch_overflow_goes_on,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_watch_errors, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
