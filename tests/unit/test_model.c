// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Rarity model: the behaviours the detection promises, on simulated
 * hosts. Buckets are 15 minutes (W = 2880) unless a test says otherwise.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"

#define CAP 512
#define N_EXES 64

/* A host, its history and a set of executables, driven bucket by bucket. */
struct sim {
	struct nm_params p;
	struct nm_host host;
	struct nm_history hist;
	struct nm_history_entry entries[CAP];
	struct nm_exe exe[N_EXES];
	int64_t next;		/* next bucket index */
};

static void sim_init(struct sim *s, size_t cap)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	assert_int_equal(nm_params_default(&s->p, 900), 0);
	nm_host_init(&s->host);
	nm_history_init(&s->hist, s->entries, cap);
	for (i = 0; i < N_EXES; i++)
		nm_exe_init(&s->exe[i]);
}

/*
 * Run one bucket: score every executable whose bit is set in @active
 * (scores[i] gets its result), then close the bucket.
 */
static void sim_bucket(struct sim *s, uint64_t active, struct nm_score *scores)
{
	struct nm_score tmp;
	int i;

	for (i = 0; i < N_EXES; i++) {
		if (!(active & (1ULL << i)))
			continue;
		assert_int_equal(nm_score_bucket(&s->p, &s->host, &s->exe[i],
						 &s->hist, s->next,
						 scores ? &scores[i] : &tmp),
				 0);
	}
	assert_int_equal(nm_host_observe(&s->p, &s->host, s->next), 0);
	s->next++;
}

/* Exe 0 is a daemon that connects in every bucket. */
static void sim_learn(struct sim *s, int buckets)
{
	int i;

	for (i = 0; i < buckets; i++)
		sim_bucket(s, 1, NULL);
}

static void test_first_use_scores_high(void **state)
{
	struct nm_score sc[N_EXES];
	struct sim s;

	(void)state;
	sim_init(&s, CAP);
	sim_learn(&s, NM_DEFAULT_MIN_BUCKETS);
	sim_bucket(&s, 1 | 2, sc);
	assert_false(sc[1].learning);
	assert_true(sc[1].first_occurrence);
	assert_true(sc[1].rare);
	assert_true(sc[1].score >= 50.0);
	assert_false(sc[0].first_occurrence);
	assert_true(sc[0].score == 0.0);
}

/*
 * 3000 buckets (a month): exes 2..41 each active once during learning,
 * then coming back at scattered times (rare, not new, scored); exes
 * 42..52 new at intervals, then regular. Then exe 1, never seen.
 */
static void test_first_use_after_many_anomalies(void **state)
{
	struct nm_score sc[N_EXES];
	int64_t b, anomalies = 0;
	struct sim s;
	int i;

	(void)state;
	sim_init(&s, CAP);
	for (b = 0; b < 3000; b++) {
		uint64_t act = 1;

		if (b < 40)
			act |= 1ULL << (2 + b);
		else if (b % 7 == 0)
			act |= 1ULL << (2 + (b * 13) % 40);
		for (i = 0; i < 11; i++)
			if (b >= 100 + 250 * i && (b - 100 - 250 * i) % 3 == 0)
				act |= 1ULL << (42 + i);
		sim_bucket(&s, act, sc);
		for (i = 0; i < N_EXES; i++)
			if ((act >> i) & 1 && sc[i].rare)
				anomalies++;
	}
	assert_true(anomalies > 300);
	assert_true(s.hist.count > 100);
	sim_bucket(&s, 1 | 2, sc);
	assert_true(sc[1].first_occurrence);
	assert_true(sc[1].score >= 50.0);
}

/*
 * Active in every k-th bucket, k in {1, 2, 3, 5, 9, 10}, in every phase
 * (so some start during learning, some just after): never above 0.
 */
static void test_common_never_scores(void **state)
{
	static const int ks[] = { 1, 2, 3, 5, 9, 10 };
	struct nm_score sc[N_EXES];
	int64_t b, scored = 0;
	struct sim s;
	size_t j;
	int ph, i;

	(void)state;
	sim_init(&s, CAP);
	for (b = 0; b < 3000; b++) {
		uint64_t act = 0;
		int exe = 0;

		for (j = 0; j < sizeof(ks) / sizeof(ks[0]); j++)
			for (ph = 0; ph < ks[j]; ph++, exe++)
				if (b % ks[j] == ph)
					act |= 1ULL << exe;
		assert_true(exe <= N_EXES);
		sim_bucket(&s, act, sc);
		for (i = 0; i < N_EXES; i++) {
			if (!((act >> i) & 1) || sc[i].learning)
				continue;
			scored++;
			assert_false(sc[i].rare);
			assert_true(sc[i].score == 0.0);
			assert_true(sc[i].probability > s.p.p_threshold);
		}
	}
	assert_true(scored > 3000);
	assert_int_equal(s.hist.count, 0);
}

static void test_no_score_while_learning(void **state)
{
	struct nm_score sc[N_EXES];
	struct sim s;
	int b;

	(void)state;
	sim_init(&s, CAP);
	/* A new executable in every bucket: each would be a first occurrence. */
	for (b = 0; b < NM_DEFAULT_MIN_BUCKETS; b++) {
		sim_bucket(&s, 1ULL << (b + 1), sc);
		assert_true(sc[b + 1].learning);
		assert_true(sc[b + 1].first_occurrence);
		assert_true(sc[b + 1].score == 0.0);
		assert_true(sc[b + 1].raw == 0.0);
		assert_false(sc[b + 1].rare);
	}
	assert_int_equal(s.hist.count, 0);
	/* The next bucket is the first that scores. */
	sim_bucket(&s, 1ULL << 30, sc);
	assert_false(sc[30].learning);
	assert_true(sc[30].score > 0.0);
}

/* A new program that then connects in every bucket, or every other one. */
static void score_falls(int every)
{
	struct nm_score sc[N_EXES];
	double first, prev = 101.0;
	struct sim s;
	int b, n = 0;

	sim_init(&s, CAP);
	sim_learn(&s, 100);
	for (b = 0; b < 400; b++) {
		sim_bucket(&s, b % every ? 1 : 3, sc);
		if (b % every)
			continue;
		if (n++ == 0)
			first = prev = sc[1].score;
		assert_true(sc[1].score <= prev);
		prev = sc[1].score;
	}
	assert_true(first >= 50.0);
	assert_true(prev < first);
	assert_true(prev == 0.0);
}

static void test_score_falls_as_common(void **state)
{
	(void)state;
	score_falls(1);
	score_falls(2);
}

/* A reproducible mix: a fixed LCG decides who is active. */
static void run_mix(struct sim *s, double *scores, size_t n_scores)
{
	struct nm_score sc[N_EXES];
	uint64_t x = 12345;
	size_t k = 0;
	int b, i;

	sim_init(s, 64);
	for (b = 0; b < 1500; b++) {
		uint64_t act = 1;

		for (i = 1; i < N_EXES; i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			if ((x >> 33) % (uint64_t)(i * i + 5) == 0)
				act |= 1ULL << i;
		}
		sim_bucket(s, act, sc);
		for (i = 0; i < N_EXES && k + 2 <= n_scores; i++)
			if ((act >> i) & 1) {
				scores[k++] = sc[i].score;
				scores[k++] = sc[i].probability;
			}
	}
}

static void test_same_input_same_output(void **state)
{
	static struct sim a, b;
	static double sa[100000], sb[100000];
	int i;

	(void)state;
	memset(sa, 0, sizeof(sa));
	memset(sb, 0, sizeof(sb));
	run_mix(&a, sa, 100000);
	run_mix(&b, sb, 100000);
	assert_memory_equal(sa, sb, sizeof(sa));
	assert_memory_equal(&a.host, &b.host, sizeof(a.host));
	assert_memory_equal(&a.p, &b.p, sizeof(a.p));
	for (i = 0; i < N_EXES; i++)
		assert_memory_equal(&a.exe[i], &b.exe[i], sizeof(a.exe[i]));
	assert_int_equal(a.hist.count, b.hist.count);
	assert_true(a.hist.count > 0);
	assert_memory_equal(a.entries, b.entries,
			    a.hist.count * sizeof(a.entries[0]));
}

static void test_renormalization(void **state)
{
	struct nm_score sc[N_EXES];
	double pct, early, later;
	struct sim s;
	int b;

	(void)state;
	sim_init(&s, CAP);
	sim_learn(&s, NM_DEFAULT_MIN_BUCKETS);
	/* Exe 1 new at bucket 20; before closing, renormalising is a no-op. */
	assert_int_equal(nm_score_bucket(&s.p, &s.host, &s.exe[1], &s.hist,
					 s.next, &sc[1]), 0);
	early = nm_renormalize(&s.p, &s.host, &s.hist, s.next, sc[1].raw,
			       &pct);
	assert_memory_equal(&early, &sc[1].score, sizeof(early));
	assert_memory_equal(&pct, &sc[1].percentile, sizeof(pct));
	assert_true(early >= 50.0);
	sim_bucket(&s, 1, NULL);
	/* Much later, new executables are rarer: the early one ranks lower. */
	for (b = 0; b < 1000; b++)
		sim_bucket(&s, b % 100 == 99 ? 1 | (1ULL << (2 + b / 100)) : 1,
			   NULL);
	later = nm_renormalize(&s.p, &s.host, &s.hist, s.next, sc[1].raw,
			       &pct);
	assert_true(later < early);
	assert_true(later < 50.0);
	assert_true(pct < sc[1].percentile);
	/* The initial score is untouched: it lives in the caller's record. */
	assert_true(sc[1].score >= 50.0);
	/* Once the history forgets everything, a raw ranks first again. */
	later = nm_renormalize(&s.p, &s.host, &s.hist,
			       s.next + s.p.history_window + 1000, sc[1].raw,
			       &pct);
	assert_true(pct == 100.0);
	assert_true(nm_renormalize(&s.p, &s.host, &s.hist, s.next, 0.0, NULL)
		    == 0.0);
}

/*
 * W = 200 buckets. Exe 1 active in every 10th bucket for 1000 buckets,
 * then silent: half a window later it is still ordinary; two windows
 * later it is rare again (but not new).
 */
static void decay_case(int64_t silence, bool rare)
{
	struct nm_score sc[N_EXES];
	struct sim s;
	int64_t b;

	sim_init(&s, CAP);
	s.p.window_buckets = 200;
	s.p.history_window = 200;
	for (b = 0; b < 1000; b++)
		sim_bucket(&s, b % 10 == 0 ? 3 : 1, NULL);
	/* last active at 990; silent until 990 + silence */
	while (s.next < 990 + silence)
		sim_bucket(&s, 1, NULL);
	sim_bucket(&s, 3, sc);
	assert_false(sc[1].first_occurrence);
	assert_int_equal(sc[1].buckets_active, 100);
	assert_true(sc[1].rare == rare);
	assert_true((sc[1].score > 0.0) == rare);
}

static void test_decay_rare_again(void **state)
{
	(void)state;
	decay_case(100, false);
	decay_case(400, true);
}

/* The history keeps its capacity and forgets what left the window. */
static void test_history_bounded_in_model(void **state)
{
	struct nm_score sc[N_EXES];
	struct sim s;
	int b;

	(void)state;
	sim_init(&s, 8);
	sim_learn(&s, NM_DEFAULT_MIN_BUCKETS);
	for (b = 0; b < 30; b++)
		sim_bucket(&s, 1 | (1ULL << (1 + b)), sc);
	assert_int_equal(s.hist.count, 8);
	assert_int_equal(s.entries[0].bucket, s.next - 8);
	assert_int_equal(s.entries[7].bucket, s.next - 1);
	/* A window of silence, then one anomaly: the old entries are gone. */
	while (s.next < s.entries[7].bucket + s.p.history_window + 1)
		sim_bucket(&s, 1, NULL);
	sim_bucket(&s, 1 | (1ULL << 40), sc);
	assert_int_equal(s.hist.count, 1);
	assert_true(sc[40].percentile == 100.0);
}

static void test_out_of_order(void **state)
{
	struct nm_score sc;
	struct sim s;

	(void)state;
	sim_init(&s, CAP);
	sim_learn(&s, 3);
	/* bucket 2 is closed */
	assert_int_equal(nm_score_bucket(&s.p, &s.host, &s.exe[1], &s.hist, 2,
					 &sc), -EINVAL);
	assert_int_equal(nm_host_observe(&s.p, &s.host, 2), -EINVAL);
	assert_int_equal(nm_score_bucket(&s.p, &s.host, &s.exe[1], &s.hist, 3,
					 &sc), 0);
	/* the same executable twice in one bucket */
	assert_int_equal(nm_score_bucket(&s.p, &s.host, &s.exe[1], &s.hist, 3,
					 &sc), -EINVAL);
	assert_int_equal(s.exe[1].buckets_active, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_use_scores_high),
		cmocka_unit_test(test_first_use_after_many_anomalies),
		cmocka_unit_test(test_common_never_scores),
		cmocka_unit_test(test_no_score_while_learning),
		cmocka_unit_test(test_score_falls_as_common),
		cmocka_unit_test(test_same_input_same_output),
		cmocka_unit_test(test_renormalization),
		cmocka_unit_test(test_decay_rare_again),
		cmocka_unit_test(test_history_bounded_in_model),
		cmocka_unit_test(test_out_of_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
