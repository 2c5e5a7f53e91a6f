// SPDX-License-Identifier: GPL-2.0-or-later
/* The daemon's tamper check against the fake kernel: it looks once per
 * ND_TAMPER_POLL_NS (one second), not more often, and raises each event
 * at the first look after it, once, through the alert file. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon_int.h"
#include "fake_kernel.h"
#include "tmpdir.h"

static char dir[TMPDIR_LEN];
static char alerts[128];

static int setup(void **state)
{
	(void)state;
	assert_int_equal(tmpdir_make(dir, "tamper"), 0);
	snprintf(alerts, sizeof(alerts), "%s/alerts.ndjson", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(tmpdir_remove(dir), 0);
	return 0;
}

/* Lines of the alert file naming @rule ("" for all). */
static int count(const char *rule)
{
	char line[4096], want[128];
	FILE *f = fopen(alerts, "r");
	int n = 0;

	snprintf(want, sizeof(want), "\"name\":\"netanom tamper: %s", rule);
	while (f && fgets(line, sizeof(line), f))
		n += strstr(line, want) != NULL;
	if (f)
		fclose(f);
	return n;
}

#define SEC 1000000000LL

static void test_looks_each_second_and_reports_once(void **state)
{
	struct fk *fk = calloc(1, sizeof(*fk));
	const struct nd_source src = { .open = fk_model_open, .arg = fk };
	struct nd_config *cfg = calloc(1, sizeof(*cfg));
	struct nd_daemon d;
	char err[256];
	int sent;

	(void)state;
	fk_init(fk);
	fk->model.flags = NETANOM_CONFIG_F_ENABLED;
	fk->model.stats.instance = 0x77;
	assert_int_equal(nd_config_defaults(cfg), 0);
	free(cfg->alerts_path);
	cfg->alerts_path = strdup(alerts);
	cfg->syslog = false;
	memset(&d, 0, sizeof(d));
	d.src = &src;
	d.cfg = cfg;
	snprintf(d.host.name, sizeof(d.host.name), "test-host");
	nd_collector_init(&d.coll);
	assert_int_equal(nd_outputs_open(&d.outs, cfg, &d.host, err,
					 sizeof(err)), 0);
	assert_true(nd_module_connect(&d, 0));

	nd_tamper_poll(&d, 100 * SEC);		/* the first look */
	assert_int_equal(count(""), 0);
	sent = fk->nsent;
	nd_tamper_poll(&d, 100 * SEC + SEC - 1);	/* too early: no request */
	assert_int_equal(fk->nsent, sent);

	fk->model.stats.resets++;		/* netanomctl reset */
	nd_tamper_poll(&d, 101 * SEC);		/* one second on: seen */
	assert_int_not_equal(fk->nsent, sent);
	assert_int_equal(count("table reset"), 1);
	nd_tamper_poll(&d, 102 * SEC);
	nd_tamper_poll(&d, 103 * SEC);
	assert_int_equal(count(""), 1);

	fk->model.flags = 0;			/* config enabled off */
	nd_tamper_poll(&d, 104 * SEC);
	assert_int_equal(count("counting disabled"), 1);
	nd_tamper_poll(&d, 105 * SEC);
	assert_int_equal(count(""), 2);

	fk->model.deny = ENOENT;		/* rmmod: requests fail... */
	fk->model.not_loaded = true;		/* ...and the family is gone */
	nd_tamper_poll(&d, 106 * SEC);
	assert_int_equal(count("module unloaded"), 1);
	assert_null(d.nl);
	nd_tamper_poll(&d, 107 * SEC);
	assert_int_equal(count(""), 3);

	nd_module_close(&d);
	nd_collector_free(&d.coll);
	nd_outputs_close(d.outs);
	nd_config_free(cfg);
	free(cfg);
	fk_free(fk);
	free(fk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_looks_each_second_and_reports_once, setup,
			teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
