// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The worked example of docs/scoring.md, number for number, so the
 * document cannot drift from the code. Change one, change the other.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model.h"

/* The document prints 4-6 significant digits: tolerances are its rounding. */
/* cmocka's assert_float_equal compares floats; these checks need doubles. */
static void near_at(double x, double want, double tol, const char *file,
		    int line)
{
	if (fabs(x - want) <= tol)
		return;
	print_error("%.17g != %.17g (tolerance %g)\n", x, want, tol);
	_fail(file, line);
}

#define near(x, want, tol) near_at((x), (want), (tol), __FILE__, __LINE__)

static void test_worked_example(void **state)
{
	struct nm_exe fresh, five, one;
	struct nm_history_entry ent[16];
	struct nm_history hist;
	struct nm_params p;
	struct nm_score s;
	struct nm_host h;
	int64_t b;

	(void)state;
	assert_int_equal(nm_params_default(&p, 900), 0);
	nm_host_init(&h);
	nm_exe_init(&fresh);
	nm_exe_init(&five);
	nm_exe_init(&one);
	nm_history_init(&hist, ent, 16);

	/* 10 days of 15-minute buckets, 0..959; 5% and 1% executables. */
	for (b = 0; b < 960; b++) {
		if (b % 20 == 0)
			assert_int_equal(nm_exe_mark_active(&p, &five, b), 0);
		if (b % 100 == 0)
			assert_int_equal(nm_exe_mark_active(&p, &one, b), 0);
		assert_int_equal(nm_host_observe(&p, &h, b), 0);
	}
	assert_int_equal(p.window_buckets, 2880);
	near(1.0 - 1.0 / (double)p.window_buckets, 0.999653, 5e-7);
	near(h.observed, 816.509, 5e-4);
	near(nm_host_observed_at(&p, &h, 960), 816.226, 5e-4);

	/* never seen */
	assert_int_equal(nm_score_bucket(&p, &h, &fresh, &hist, 960, &s), 0);
	assert_true(s.first_occurrence);
	near(s.probability, 6.1183e-5, 5e-9);
	near(s.raw, 4.2134, 5e-5);
	assert_true(s.percentile == 100.0);
	assert_true(s.ceiling == 100.0);
	assert_true(s.score == 100.0);

	/* active in 5% of buckets: 48 of 960 */
	assert_int_equal(nm_score_bucket(&p, &h, &five, &hist, 960, &s), 0);
	assert_int_equal(s.buckets_active, 48);
	near(s.active, 40.677, 5e-4);
	near(s.probability, 0.049835, 5e-7);
	assert_false(s.rare);
	assert_true(s.score == 0.0);

	/* active in 1% of buckets: 10 of 960 */
	assert_int_equal(nm_score_bucket(&p, &h, &one, &hist, 960, &s), 0);
	assert_int_equal(s.buckets_active, 10);
	near(s.active, 8.4186, 5e-5);
	near(s.probability, 0.010363, 5e-7);
	near(s.raw, 1.9845, 5e-5);
	assert_true(s.percentile == 50.0);
	near(nm_knots_map(50.0), 0.71429, 5e-6);
	near(s.ceiling, 47.101, 5e-4);
	near(s.score, 0.71429, 5e-6);
	assert_int_equal(hist.count, 2);
}

/* The table of periodic jobs: 60 days of 15-minute buckets, then explain. */
static void periodic(int64_t every, double p_doc, double raw_doc,
		     double ceiling_doc)
{
	struct nm_history_entry ent[1];
	struct nm_history hist;
	struct nm_params p;
	struct nm_score s;
	struct nm_host h;
	struct nm_exe e;
	int64_t b;

	assert_int_equal(nm_params_default(&p, 900), 0);
	nm_host_init(&h);
	nm_exe_init(&e);
	nm_history_init(&hist, ent, 1);
	for (b = 0; b < 5760; b++) {
		if (b % every == 0)
			assert_int_equal(nm_exe_mark_active(&p, &e, b), 0);
		assert_int_equal(nm_host_observe(&p, &h, b), 0);
	}
	nm_explain(&p, &h, &e, &hist, 5760, &s);
	near(s.probability, p_doc, 5e-5);
	near(s.raw, raw_doc, 5e-4);
	near(s.ceiling, ceiling_doc, 0.05);
	/* alone in the history: the ceiling is the score */
	assert_true(s.score == s.ceiling);
}

static void test_periodic_table(void **state)
{
	(void)state;
	periodic(24, 0.0415, 0.0, 0.0);
	periodic(30, 0.0332, 1.479, 31.5);
	periodic(96, 0.0103, 1.989, 42.3);
	periodic(672, 0.0015, 2.823, 60.1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_periodic_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
