// SPDX-License-Identifier: GPL-2.0-or-later
/* Tamper evidence: one report per event from successive looks at the
 * module, and the alert's document and syslog line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "tamper.h"

static const struct nd_tamper_obs up = {
	.reachable = true, .instance = 0x1234, .resets = 5, .enabled = true,
};

static unsigned int see(struct nd_tamper *t, struct nd_tamper_obs o,
			uint64_t *resets)
{
	uint64_t dummy = 0;

	return nd_tamper_observe(t, &o, resets ? resets : &dummy);
}

static void test_quiet_module(void **state)
{
	struct nd_tamper t = { 0 };
	int i;

	(void)state;
	/* Resets before the daemon started are not news. */
	assert_int_equal(see(&t, up, NULL), 0);
	for (i = 0; i < 10; i++)
		assert_int_equal(see(&t, up, NULL), 0);
}

static void test_unloaded_once(void **state)
{
	struct nd_tamper_obs gone = { .not_loaded = true };
	struct nd_tamper_obs back = up;
	struct nd_tamper t = { 0 };

	(void)state;
	/* Never seen: a module not loaded yet is not tampering. */
	assert_int_equal(see(&t, gone, NULL), 0);
	assert_int_equal(see(&t, up, NULL), 0);
	assert_int_equal(see(&t, gone, NULL), ND_TAMPER_UNLOADED);
	assert_int_equal(see(&t, gone, NULL), 0);
	assert_int_equal(see(&t, gone, NULL), 0);
	/* Back with a new instance: adopted without a second report. */
	back.instance = 0x9999;
	back.resets = 0;
	assert_int_equal(see(&t, back, NULL), 0);
	assert_int_equal(see(&t, back, NULL), 0);
	/* And a second unload is a second event. */
	assert_int_equal(see(&t, gone, NULL), ND_TAMPER_UNLOADED);
}

static void test_transient_failure_is_not_unload(void **state)
{
	struct nd_tamper_obs flaky = { .not_loaded = false };
	struct nd_tamper t = { 0 };

	(void)state;
	assert_int_equal(see(&t, up, NULL), 0);
	assert_int_equal(see(&t, flaky, NULL), 0);
	assert_int_equal(see(&t, up, NULL), 0);
}

static void test_reloaded_between_looks(void **state)
{
	struct nd_tamper_obs other = up;
	struct nd_tamper t = { 0 };

	(void)state;
	other.instance = 0x4321;
	other.resets = 0;
	assert_int_equal(see(&t, up, NULL), 0);
	assert_int_equal(see(&t, other, NULL), ND_TAMPER_RELOADED);
	assert_int_equal(see(&t, other, NULL), 0);
}

static void test_resets_counted(void **state)
{
	struct nd_tamper_obs o = up;
	struct nd_tamper t = { 0 };
	uint64_t n = 0;

	(void)state;
	assert_int_equal(see(&t, o, NULL), 0);
	o.resets = 8;
	assert_int_equal(see(&t, o, &n), ND_TAMPER_RESET);
	assert_int_equal(n, 3);
	assert_int_equal(see(&t, o, NULL), 0);
	o.resets = 9;
	assert_int_equal(see(&t, o, &n), ND_TAMPER_RESET);
	assert_int_equal(n, 1);
}

static void test_disabled_once(void **state)
{
	struct nd_tamper_obs o = up;
	struct nd_tamper t = { 0 };

	(void)state;
	assert_int_equal(see(&t, o, NULL), 0);
	o.enabled = false;
	assert_int_equal(see(&t, o, NULL), ND_TAMPER_DISABLED);
	assert_int_equal(see(&t, o, NULL), 0);
	assert_int_equal(see(&t, o, NULL), 0);
	o.enabled = true;
	assert_int_equal(see(&t, o, NULL), 0);
	o.enabled = false;
	o.resets++;
	assert_int_equal(see(&t, o, NULL),
			 ND_TAMPER_DISABLED | ND_TAMPER_RESET);
}

static void test_found_disabled(void **state)
{
	struct nd_tamper_obs o = up;
	struct nd_tamper t = { 0 };

	(void)state;
	o.enabled = false;
	assert_int_equal(see(&t, o, NULL), ND_TAMPER_DISABLED);
	assert_int_equal(see(&t, o, NULL), 0);
}

static json_t *at(json_t *j, const char *a, const char *b)
{
	return json_object_get(json_object_get(j, a), b);
}

static void test_document(void **state)
{
	const struct nd_host host = { .name = "web-1", .kernel = "6.12.0" };
	struct nd_config c = { .bucket_span_s = 60 };
	struct nd_alert a;
	char why[512], line[1024];
	json_error_t jerr;
	json_t *j;
	char *doc;

	(void)state;
	doc = nd_tamper_alert(ND_TAMPER_RESET, 2, 1700000000123000000LL, &c,
			      &host, &a, why, sizeof(why));
	assert_non_null(doc);
	assert_null(strchr(doc, '\n'));
	j = json_loads(doc, 0, &jerr);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "@timestamp")),
			    "2023-11-14T22:13:20.123Z");
	assert_string_equal(json_string_value(at(j, "rule", "name")),
			    "netanom tamper: table reset");
	assert_string_equal(json_string_value(at(j, "rule", "id")),
			    "netanom-tamper-table-reset");
	assert_string_equal(json_string_value(at(j, "event", "kind")),
			    "alert");
	assert_non_null(strstr(json_string_value(at(j, "event", "reason")),
			       "reset 2 times"));
	assert_string_equal(json_string_value(at(j, "host", "name")), "web-1");
	assert_null(json_object_get(j, "process"));
	json_decref(j);
	free(doc);
	assert_string_equal(a.tamper, "table reset");
	assert_non_null(strstr(nd_alert_line(&a, line, sizeof(line)),
			       "netanom tamper: table reset: "));

	doc = nd_tamper_alert(ND_TAMPER_UNLOADED, 0, 0, &c, &host, &a, why,
			      sizeof(why));
	assert_non_null(strstr(doc, "\"netanom tamper: module unloaded\""));
	free(doc);
	doc = nd_tamper_alert(ND_TAMPER_DISABLED, 0, 0, &c, &host, &a, why,
			      sizeof(why));
	assert_non_null(strstr(doc, "\"netanom tamper: counting disabled\""));
	free(doc);
	doc = nd_tamper_alert(ND_TAMPER_RELOADED, 0, 0, &c, &host, &a, why,
			      sizeof(why));
	assert_non_null(strstr(doc, "\"netanom tamper: module reloaded\""));
	free(doc);
	/* Not one event: nothing. */
	assert_null(nd_tamper_alert(ND_TAMPER_RESET | ND_TAMPER_UNLOADED, 0, 0,
				    &c, &host, &a, why, sizeof(why)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiet_module),
		cmocka_unit_test(test_unloaded_once),
		cmocka_unit_test(test_transient_failure_is_not_unload),
		cmocka_unit_test(test_reloaded_between_looks),
		cmocka_unit_test(test_resets_counted),
		cmocka_unit_test(test_disabled_once),
		cmocka_unit_test(test_found_disabled),
		cmocka_unit_test(test_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
