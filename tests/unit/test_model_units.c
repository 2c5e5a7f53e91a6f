// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Rarity model, piece by piece: parameters, decay, probability, raw
 * score, the knots, the bounded history, and checks on restored state.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"

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

static struct nm_params params(void)
{
	struct nm_params p;

	assert_int_equal(nm_params_default(&p, 900), 0);
	return p;
}

static void test_params_default(void **state)
{
	struct nm_params p;

	(void)state;
	p = params();
	assert_int_equal(p.window_buckets, 2880);
	assert_int_equal(p.history_window, 2880);
	assert_int_equal(p.min_buckets, 20);
	assert_true(p.p_threshold == 0.035);
	assert_int_equal(nm_params_check(&p), 0);
	assert_int_equal(nm_params_default(&p, 2), 0);
	assert_int_equal(p.window_buckets, 1296000);
	assert_int_equal(nm_params_default(&p, 3600), 0);
	assert_int_equal(p.window_buckets, 720);
	/* longer than the window: one bucket matters */
	assert_int_equal(nm_params_default(&p, 90LL * 86400), 0);
	assert_int_equal(p.window_buckets, 1);
	assert_int_equal(nm_params_default(&p, 0), -EINVAL);
	assert_int_equal(nm_params_default(&p, -5), -EINVAL);
	p = params();
	p.prior_active = 0;
	assert_int_equal(nm_params_check(&p), -EINVAL);
	p = params();
	p.p_threshold = 1;
	assert_int_equal(nm_params_check(&p), -EINVAL);
	p = params();
	p.window_buckets = 0;
	assert_int_equal(nm_params_check(&p), -EINVAL);
}

/* Lazy decay over k buckets equals k single steps, and W steps ~ 1/e. */
static void test_decay(void **state)
{
	struct nm_params p = params();
	double d = 1.0 - 1.0 / 2880.0, v = 10.0;
	int i;

	(void)state;
	assert_true(nm_decay_factor(&p, 0) == 1.0);
	assert_true(nm_decay_factor(&p, -3) == 1.0);
	assert_true(nm_decay_factor(&p, 1) == d);
	for (i = 0; i < 500; i++)
		v *= d;
	near(nm_decay(&p, 10.0, 100, 600), v, 1e-12);
	near(nm_decay_factor(&p, 2880), exp(-1.0), 1e-3);
	assert_true(nm_decay(&p, 7.0, NM_BUCKET_NONE, 50) == 7.0);
	assert_true(nm_decay(&p, 7.0, 50, 40) == 7.0);
	assert_true(nm_decay_factor(&p, INT64_MAX) == 0.0);
}

/* A host observed every bucket tends to W; idle buckets only decay. */
static void test_host_observed(void **state)
{
	struct nm_params p = params();
	struct nm_host h;
	int64_t b;

	(void)state;
	nm_host_init(&h);
	assert_true(nm_host_observed_at(&p, &h, 5) == 0.0);
	assert_true(nm_host_learning(&p, &h));
	for (b = 0; b < 30000; b++)
		assert_int_equal(nm_host_observe(&p, &h, b), 0);
	assert_false(nm_host_learning(&p, &h));
	assert_int_equal(h.buckets_total, 30000);
	near(h.observed, 2880.0 * (1 - nm_decay_factor(&p, 30000)), 1e-6);
	/* daemon down for a window: counts shrink by about e */
	near(nm_host_observed_at(&p, &h, 30000 + 2880),
			   h.observed * nm_decay_factor(&p, 2881), 1e-9);
	assert_int_equal(nm_host_observe(&p, &h, 29999), -EINVAL);
	assert_int_equal(nm_host_check(&h), 0);
}

static void test_exe_state(void **state)
{
	struct nm_params p = params();
	struct nm_exe e;

	(void)state;
	nm_exe_init(&e);
	assert_int_equal(nm_exe_check(&e), 0);
	assert_true(nm_exe_active_at(&p, &e, 10) == 0.0);
	assert_int_equal(nm_exe_mark_active(&p, &e, 10), 0);
	assert_int_equal(nm_exe_mark_active(&p, &e, 14), 0);
	assert_int_equal(nm_exe_mark_active(&p, &e, 14), -EINVAL);
	assert_int_equal(e.buckets_active, 2);
	assert_int_equal(e.first_active, 10);
	assert_int_equal(e.last_active, 14);
	assert_int_equal(e.last_update, 14);
	near(e.active, 1.0 + nm_decay_factor(&p, 4), 1e-15);
	near(nm_exe_active_at(&p, &e, 20),
			   e.active * nm_decay_factor(&p, 6), 1e-15);
	assert_int_equal(nm_exe_check(&e), 0);
}

/* Restored state that cannot be right is refused. */
static void test_restore_checks(void **state)
{
	struct nm_history_entry ent[3] = { { 5, 2.0 }, { 7, 3.0 }, { 6, 2.5 } };
	struct nm_history hist;
	struct nm_host h;
	struct nm_exe e;

	(void)state;
	nm_host_init(&h);
	h.buckets_total = 3;
	assert_int_equal(nm_host_check(&h), -EINVAL);	/* no last bucket */
	h.last_bucket = 9;
	h.observed = 2.9;
	assert_int_equal(nm_host_check(&h), 0);
	h.observed = 3.5;
	assert_int_equal(nm_host_check(&h), -EINVAL);
	h.observed = NAN;
	assert_int_equal(nm_host_check(&h), -EINVAL);

	nm_exe_init(&e);
	e.buckets_active = 1;
	assert_int_equal(nm_exe_check(&e), -EINVAL);
	e.first_active = e.last_active = e.last_update = 4;
	e.active = 1.0;
	assert_int_equal(nm_exe_check(&e), 0);
	e.active = -1.0;
	assert_int_equal(nm_exe_check(&e), -EINVAL);

	nm_history_init(&hist, ent, 3);
	hist.count = 2;
	assert_int_equal(nm_history_check(&hist), 0);
	hist.count = 3;		/* bucket goes backwards */
	assert_int_equal(nm_history_check(&hist), -EINVAL);
	hist.count = 4;
	assert_int_equal(nm_history_check(&hist), -EINVAL);
	ent[2].bucket = 8;
	ent[1].raw = 0;
	hist.count = 3;
	assert_int_equal(nm_history_check(&hist), -EINVAL);
}

static void test_probability_and_raw(void **state)
{
	struct nm_params p = params();

	(void)state;
	/* never seen, never observed: the prior mean a / (a + b) */
	near(nm_probability(&p, 0, 0), 0.05, 1e-15);
	/* never seen: small but not zero */
	assert_true(nm_probability(&p, 0, 2880) > 0);
	near(nm_probability(&p, 0, 2880), 0.05 / 2881, 1e-18);
	near(nm_probability(&p, 9.95, 99), 0.1, 1e-15);
	assert_true(nm_probability(&p, 50, 10) == 1.0);
	assert_true(nm_raw_score(&p, 0.0351) == 0.0);
	assert_true(nm_raw_score(&p, 0.5) == 0.0);
	near(nm_raw_score(&p, 0.035), -log10(0.035), 1e-15);
	near(nm_raw_score(&p, 0.001), 3.0, 1e-12);
	near(nm_first_raw(&p, 999), -log10(0.05 / 1000), 1e-12);
}

/* Every knot maps exactly; between knots the map is linear. */
static void test_knots(void **state)
{
	static const double k[][2] = {
		{ 0, 0 }, { 70, 1 }, { 85, 1.2 }, { 90, 1.5 }, { 95, 3 },
		{ 97, 20 }, { 99, 50 }, { 99.9, 90 }, { 100, 100 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		assert_true(nm_knots_map(k[i][0]) == k[i][1]);
	near(nm_knots_map(35), 0.5, 1e-12);
	near(nm_knots_map(98), 35, 1e-12);
	near(nm_knots_map(96), 11.5, 1e-12);
	near(nm_knots_map(99.95), 95, 1e-9);
	assert_true(nm_knots_map(-5) == 0.0);
	assert_true(nm_knots_map(150) == 100.0);
	assert_true(nm_knots_map(NAN) == 0.0);
}

static void test_history_capacity(void **state)
{
	struct nm_history_entry ent[4];
	struct nm_history h;
	int i;

	(void)state;
	nm_history_init(&h, ent, 4);
	for (i = 0; i < 6; i++)
		assert_int_equal(nm_history_add(&h, 10 + i, 1.0 + i), 0);
	assert_int_equal(h.count, 4);
	assert_int_equal(ent[0].bucket, 12);	/* 10 and 11 dropped */
	assert_true(ent[0].raw == 3.0);
	assert_int_equal(ent[3].bucket, 15);
	assert_int_equal(nm_history_add(&h, 14, 1.0), -EINVAL);
	assert_int_equal(nm_history_add(&h, 16, 0.0), -EINVAL);
	assert_int_equal(nm_history_add(&h, 16, INFINITY), -EINVAL);
	assert_int_equal(h.count, 4);
	assert_int_equal(nm_history_check(&h), 0);
	nm_history_init(&h, NULL, 0);
	assert_int_equal(nm_history_add(&h, 1, 1.0), -EINVAL);
}

/* Entries older than the window stop counting, then are dropped. */
static void test_history_expiry(void **state)
{
	struct nm_params p = params();
	struct nm_history_entry ent[8];
	struct nm_history h;

	(void)state;
	p.history_window = 100;
	nm_history_init(&h, ent, 8);
	assert_int_equal(nm_history_add(&h, 0, 5.0), 0);
	assert_int_equal(nm_history_add(&h, 50, 2.0), 0);
	assert_int_equal(nm_history_add(&h, 120, 3.0), 0);
	/* at 99 all three count (120 is in the future but live) */
	assert_true(nm_history_max(&p, &h, 99) == 5.0);
	near(nm_history_percentile(&p, &h, 99, 3.0),
			   200.0 / 3, 1e-12);
	/* at 100, bucket 0 is 100 buckets old: out */
	assert_true(nm_history_max(&p, &h, 100) == 3.0);
	near(nm_history_percentile(&p, &h, 100, 2.5), 50.0,
			   1e-12);
	assert_int_equal(h.count, 3);
	assert_int_equal(nm_history_expire(&p, &h, 100), 1);
	assert_int_equal(h.count, 2);
	assert_int_equal(ent[0].bucket, 50);
	assert_int_equal(nm_history_expire(&p, &h, 400), 2);
	assert_int_equal(h.count, 0);
	/* nothing live: any raw ranks first */
	assert_true(nm_history_percentile(&p, &h, 400, 1.0) == 100.0);
	assert_true(nm_history_max(&p, &h, 400) == 0.0);
}

/* Ties rank as high as the raw; the ceiling caps a raw far below the top. */
static void test_normalize(void **state)
{
	struct nm_params p = params();
	struct nm_history_entry ent[200];
	struct nm_history h;
	struct nm_score s;
	double sc;
	int i;

	(void)state;
	nm_history_init(&h, ent, 200);
	for (i = 0; i < 100; i++)
		assert_int_equal(nm_history_add(&h, i, 1.5 + i * 0.01), 0);
	/* the largest raw: percentile 100, but far below a new executable */
	sc = nm_normalize(&p, &h, 100, 999.0, 2.49, &s);
	assert_true(s.percentile == 100.0);
	near(s.ref_raw, nm_first_raw(&p, 999.0), 1e-12);
	near(s.ceiling, 100.0 * 2.49 / s.ref_raw, 1e-12);
	assert_true(sc == s.ceiling);
	/* tie with the 50th smallest: percentile 50 */
	sc = nm_normalize(&p, &h, 100, 999.0, 1.99, &s);
	near(s.percentile, 50.0, 1e-12);
	near(sc, nm_knots_map(50.0), 1e-12);
	/* a history holding a larger raw sets the reference */
	assert_int_equal(nm_history_add(&h, 100, 9.0), 0);
	nm_normalize(&p, &h, 100, 999.0, 2.0, &s);
	assert_true(s.ref_raw == 9.0);
	assert_true(nm_normalize(&p, &h, 100, 999.0, 0.0, &s) == 0.0);
	assert_true(s.percentile == 0.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params_default),
		cmocka_unit_test(test_decay),
		cmocka_unit_test(test_host_observed),
		cmocka_unit_test(test_exe_state),
		cmocka_unit_test(test_restore_checks),
		cmocka_unit_test(test_probability_and_raw),
		cmocka_unit_test(test_knots),
		cmocka_unit_test(test_history_capacity),
		cmocka_unit_test(test_history_expiry),
		cmocka_unit_test(test_normalize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
