/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netanom rarity model: per-executable "rare" detector, pure C, no I/O.
 *
 * Time is a bucket index (bucket start time / bucket_span), always passed
 * in: nothing here reads a clock, allocates, or keeps global state, so the
 * same calls on the same state give the same results bit for bit.
 * docs/scoring.md gives every formula with a worked example.
 *
 * One bucket, as the daemon runs it:
 *
 *	for each executable active in bucket t:
 *		nm_score_bucket(params, host, exe, history, t, &score);
 *	nm_host_observe(params, host, t);	   closes bucket t
 *
 * Executables are scored against the host's buckets *before* t (their
 * probability comes from the state before t's activity), then t is counted.
 * Idle executables need no call: decay is applied lazily from the index of
 * their last update.
 *
 * What the daemon persists, all plain numbers, restored exactly:
 *	struct nm_host    (one per host)
 *	struct nm_exe     (one per executable)
 *	struct nm_history (count entries, in array order: bucket, raw)
 *	for each score it keeps: bucket, raw, initial score (nm_score)
 * struct nm_params is derived from configuration (nm_params_default());
 * changing bucket_span changes the meaning of every stored index.
 * Functions returning int return 0 or a negative errno (-EINVAL).
 */
#ifndef NETANOM_MODEL_H
#define NETANOM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bump when a formula changes, so a database of old state can be told. */
#define NM_MODEL_VERSION		1

/* Bucket index meaning "never" (no bucket yet). */
#define NM_BUCKET_NONE			INT64_MIN

#define NM_WINDOW_SECONDS		(30LL * 24 * 3600)
#define NM_DEFAULT_MIN_BUCKETS		20
#define NM_DEFAULT_PRIOR_ACTIVE		0.05
#define NM_DEFAULT_PRIOR_INACTIVE	0.95
#define NM_DEFAULT_P_THRESHOLD		0.035
#define NM_DEFAULT_HISTORY_CAPACITY	4096

/**
 * struct nm_params - model parameters, derived from configuration
 * @window_buckets: W, buckets that matter (30 days / bucket_span, >= 1);
 *	each bucket multiplies older counts by d = 1 - 1/W
 * @min_buckets: observed buckets the host needs before anything scores
 * @history_window: raw scores older than this many buckets no longer count
 *	in normalisation (default W)
 * @prior_active: a, pseudo-count of active buckets added to every executable
 * @prior_inactive: b, pseudo-count of inactive buckets; a / (a + b) is the
 *	probability given to an executable on a host never observed
 * @p_threshold: probabilities above this score 0
 */
struct nm_params {
	int64_t window_buckets;
	int64_t min_buckets;
	int64_t history_window;
	double prior_active;
	double prior_inactive;
	double p_threshold;
};

/**
 * struct nm_host - what the model knows of the host
 * @buckets_total: observed buckets, not decayed (drives learning)
 * @observed: decayed count of observed buckets, as of @last_bucket
 *	(including it)
 * @last_bucket: index of the last observed bucket, NM_BUCKET_NONE if none
 */
struct nm_host {
	int64_t buckets_total;
	double observed;
	int64_t last_bucket;
};

/**
 * struct nm_exe - what the model knows of one executable
 * @active: decayed count of buckets it was active in, as of @last_update
 * @buckets_active: buckets it was active in, not decayed
 * @last_update: bucket index @active refers to, NM_BUCKET_NONE if never
 * @first_active: first bucket it was active in, NM_BUCKET_NONE if never
 * @last_active: last bucket it was active in, NM_BUCKET_NONE if never
 */
struct nm_exe {
	double active;
	int64_t buckets_active;
	int64_t last_update;
	int64_t first_active;
	int64_t last_active;
};

/**
 * struct nm_history_entry - one raw score kept for normalisation
 * @bucket: bucket it was scored in
 * @raw: raw score, > 0
 */
struct nm_history_entry {
	int64_t bucket;
	double raw;
};

/**
 * struct nm_history - bounded history of raw scores, oldest first
 * @entries: caller-owned array of @capacity entries; entries[0] is oldest,
 *	buckets never decrease along the array
 * @capacity: size of @entries; when full, the oldest entry is dropped
 * @count: entries in use
 *
 * To persist, store entries[0..count) in order; to restore, put them back
 * in the same order (ties in bucket decide which entry is dropped first).
 */
struct nm_history {
	struct nm_history_entry *entries;
	size_t capacity;
	size_t count;
};

/**
 * struct nm_score - one executable's score in one bucket, and why
 * @bucket: bucket scored
 * @score: 0-100, the initial score (normalised when it was computed)
 * @raw: -log10(@probability) when rare and not learning, else 0
 * @probability: smoothed probability of being active in a bucket, from
 *	the state before this bucket
 * @percentile: 0-100, rank of @raw in the history (0 when @raw is 0)
 * @ceiling: 100 * @raw / reference raw, the cap on @score (0 when @raw is 0)
 * @ref_raw: reference for the ceiling: the largest raw in the history or
 *	the raw of a never-seen executable now, whichever is larger
 * @active: decayed active buckets before this bucket (at this bucket)
 * @observed: decayed observed buckets before this bucket (at this bucket)
 * @buckets_active: active buckets before this one, not decayed
 * @buckets_observed: observed buckets before this one, not decayed
 * @learning: the host had fewer than min_buckets observed buckets; no score
 * @rare: @probability <= p_threshold (and not learning)
 * @first_occurrence: the executable was never active before this bucket
 */
struct nm_score {
	int64_t bucket;
	double score;
	double raw;
	double probability;
	double percentile;
	double ceiling;
	double ref_raw;
	double active;
	double observed;
	int64_t buckets_active;
	int64_t buckets_observed;
	bool learning;
	bool rare;
	bool first_occurrence;
};

/* params.c */

/**
 * nm_params_default() - defaults for a bucket span
 * @p: filled in
 * @bucket_span_s: bucket length in seconds, > 0
 *
 * W = round(30 days / span), at least 1; min_buckets 20; a = 0.05,
 * b = 0.95; threshold 0.035; history_window W.
 *
 * Return: 0, or -EINVAL when @bucket_span_s <= 0 (@p is then untouched).
 */
int nm_params_default(struct nm_params *p, int64_t bucket_span_s);

/**
 * nm_params_check() - validate parameters (e.g. after overrides)
 * @p: parameters
 *
 * Return: 0 when usable, -EINVAL otherwise.
 */
int nm_params_check(const struct nm_params *p);

/* decay.c */

/**
 * nm_decay_factor() - d^steps, weight of a count @steps buckets old
 * @p: parameters (d = 1 - 1/W)
 * @steps: buckets elapsed, >= 0 (negative is treated as 0)
 *
 * Return: a value in [0, 1]; 1 for 0 steps.
 */
double nm_decay_factor(const struct nm_params *p, int64_t steps);

/**
 * nm_decay() - a decayed count carried from one bucket to a later one
 * @p: parameters
 * @value: count as of bucket @from
 * @from: bucket the count refers to (NM_BUCKET_NONE: @value is returned)
 * @to: bucket to carry it to (earlier than @from: no decay)
 *
 * Return: @value * d^(@to - @from).
 */
double nm_decay(const struct nm_params *p, double value, int64_t from,
		int64_t to);

/* host.c */

/**
 * nm_host_init() - a host never observed
 * @h: filled in
 */
void nm_host_init(struct nm_host *h);

/**
 * nm_host_check() - validate restored host state
 * @h: state
 *
 * Return: 0 when consistent, -EINVAL otherwise.
 */
int nm_host_check(const struct nm_host *h);

/**
 * nm_host_observe() - count bucket @bucket as observed (closes it)
 * @p: parameters
 * @h: host state, updated
 * @bucket: bucket index, later than the last observed one
 *
 * Call once per bucket the daemon collected, after scoring that bucket's
 * executables. Missing buckets (daemon down) are not counted, only decayed.
 *
 * Return: 0, or -EINVAL when @bucket is not after the last observed bucket
 * (@h is then untouched).
 */
int nm_host_observe(const struct nm_params *p, struct nm_host *h,
		    int64_t bucket);

/**
 * nm_host_observed_at() - decayed observed count carried to @bucket
 * @p: parameters
 * @h: host state
 * @bucket: bucket index
 *
 * Return: observed * d^(@bucket - last_bucket); 0 for a host never observed.
 */
double nm_host_observed_at(const struct nm_params *p, const struct nm_host *h,
			   int64_t bucket);

/**
 * nm_host_learning() - whether the host is still learning
 * @p: parameters
 * @h: host state
 *
 * Return: true while fewer than min_buckets buckets have been observed.
 */
bool nm_host_learning(const struct nm_params *p, const struct nm_host *h);

/* exe.c */

/**
 * nm_exe_init() - an executable never active
 * @e: filled in
 */
void nm_exe_init(struct nm_exe *e);

/**
 * nm_exe_check() - validate restored executable state
 * @e: state
 *
 * Return: 0 when consistent, -EINVAL otherwise.
 */
int nm_exe_check(const struct nm_exe *e);

/**
 * nm_exe_active_at() - decayed active count carried to @bucket
 * @p: parameters
 * @e: executable state
 * @bucket: bucket index
 *
 * Return: active * d^(@bucket - last_update); 0 if never active.
 */
double nm_exe_active_at(const struct nm_params *p, const struct nm_exe *e,
			int64_t bucket);

/**
 * nm_exe_mark_active() - count @bucket as a bucket the executable was
 *	active in
 * @p: parameters
 * @e: executable state, updated
 * @bucket: bucket index, later than @e's last update
 *
 * nm_score_bucket() calls this; call it directly only to learn without
 * scoring.
 *
 * Return: 0, or -EINVAL when @bucket is not after the last update (@e is
 * then untouched).
 */
int nm_exe_mark_active(const struct nm_params *p, struct nm_exe *e,
		       int64_t bucket);

/* prob.c */

/**
 * nm_probability() - smoothed probability of being active in a bucket
 * @p: parameters (priors a, b)
 * @active: decayed active count
 * @observed: decayed observed count
 *
 * Return: (active + a) / (observed + a + b), at most 1.
 */
double nm_probability(const struct nm_params *p, double active,
		      double observed);

/**
 * nm_raw_score() - raw score of a probability
 * @p: parameters (threshold)
 * @prob: probability
 *
 * Return: 0 when @prob > p_threshold, else -log10(@prob) (> 0).
 */
double nm_raw_score(const struct nm_params *p, double prob);

/**
 * nm_first_raw() - raw score of an executable never active
 * @p: parameters
 * @observed: decayed observed count
 *
 * The largest raw the model can give at @observed; the ceiling's reference.
 *
 * Return: -log10(a / (observed + a + b)), ignoring the threshold.
 */
double nm_first_raw(const struct nm_params *p, double observed);

/* history.c */

/**
 * nm_history_init() - an empty history over a caller-owned array
 * @h: filled in
 * @entries: array of @capacity entries (not read; may be NULL if 0)
 * @capacity: its size
 */
void nm_history_init(struct nm_history *h, struct nm_history_entry *entries,
		     size_t capacity);

/**
 * nm_history_check() - validate a restored history
 * @h: history
 *
 * Return: 0 when count <= capacity, buckets never decrease and every raw
 * is finite and > 0; -EINVAL otherwise.
 */
int nm_history_check(const struct nm_history *h);

/**
 * nm_history_expire() - drop entries that no longer count at @bucket
 * @p: parameters (history_window)
 * @h: history, updated
 * @bucket: current bucket
 *
 * Drops entries with bucket <= @bucket - history_window. Normalisation
 * ignores them anyway; this only frees room.
 *
 * Return: the number of entries dropped.
 */
size_t nm_history_expire(const struct nm_params *p, struct nm_history *h,
			 int64_t bucket);

/**
 * nm_history_add() - append a raw score, dropping the oldest when full
 * @h: history, updated
 * @bucket: bucket of the score, not before the newest entry
 * @raw: raw score, finite and > 0
 *
 * Return: 0, or -EINVAL (bad @raw, @bucket before the newest entry, or no
 * capacity); @h is then untouched.
 */
int nm_history_add(struct nm_history *h, int64_t bucket, double raw);

/**
 * nm_history_percentile() - rank of @raw among the live entries
 * @p: parameters (history_window)
 * @h: history
 * @bucket: current bucket; entries older than history_window are ignored
 * @raw: raw score
 *
 * Return: 100 * (live entries <= @raw) / (live entries); 100 when there
 * is no live entry.
 */
double nm_history_percentile(const struct nm_params *p,
			     const struct nm_history *h, int64_t bucket,
			     double raw);

/**
 * nm_history_max() - largest live raw score
 * @p: parameters (history_window)
 * @h: history
 * @bucket: current bucket
 *
 * Return: the largest raw of the live entries, 0 when none.
 */
double nm_history_max(const struct nm_params *p, const struct nm_history *h,
		      int64_t bucket);

/* normalize.c */

/**
 * nm_knots_map() - percentile to score through the knots
 * @percentile: 0-100 (clamped)
 *
 * Piecewise linear through (0,0) (70,1) (85,1.2) (90,1.5) (95,3) (97,20)
 * (99,50) (99.9,90) (100,100); exact at every knot.
 *
 * Return: 0-100.
 */
double nm_knots_map(double percentile);

/**
 * nm_normalize() - 0-100 score of a raw against a history, no update
 * @p: parameters
 * @h: history
 * @bucket: current bucket (which entries are live)
 * @observed: host's decayed observed count at @bucket (for the ceiling)
 * @raw: raw score
 * @out: if not NULL, its percentile, ceiling and ref_raw are filled in
 *
 * score = min(knots(percentile), 100 * raw / ref_raw), with
 * ref_raw = max(largest live raw, nm_first_raw(@observed), @raw).
 *
 * Return: the score, 0 when @raw <= 0.
 */
double nm_normalize(const struct nm_params *p, const struct nm_history *h,
		    int64_t bucket, double observed, double raw,
		    struct nm_score *out);

/* score.c */

/**
 * nm_explain() - what an executable would score in @bucket, no update
 * @p: parameters
 * @host: host state
 * @e: executable state
 * @hist: history
 * @bucket: bucket, not before the host's last observed bucket
 * @out: filled in; @out->score normalises the raw against @hist as it
 *	is (without adding the raw first, unlike nm_score_bucket())
 *
 * For `netanomctl explain`.
 */
void nm_explain(const struct nm_params *p, const struct nm_host *host,
		const struct nm_exe *e, const struct nm_history *hist,
		int64_t bucket, struct nm_score *out);

/**
 * nm_score_bucket() - score an executable active in @bucket, then learn it
 * @p: parameters
 * @host: host state (buckets before @bucket; not updated)
 * @e: executable state, updated (marked active in @bucket)
 * @hist: history, updated: expired at @bucket, and the raw appended when
 *	rare and not learning
 * @bucket: bucket index, after the host's last observed bucket and after
 *	@e's last update
 * @out: the initial score and its explanation
 *
 * Probability from the state before @bucket; learning gives 0; p above the
 * threshold gives 0; otherwise the raw joins the history and is normalised
 * against it (so the highest raw seen gets percentile 100).
 *
 * Return: 0, or -EINVAL when @bucket is out of order (nothing updated).
 */
int nm_score_bucket(const struct nm_params *p, const struct nm_host *host,
		    struct nm_exe *e, struct nm_history *hist, int64_t bucket,
		    struct nm_score *out);

/**
 * nm_renormalize() - a stored raw score against the current history
 * @p: parameters
 * @host: host state now
 * @hist: history now
 * @bucket: current bucket
 * @raw: raw score kept from nm_score_bucket()
 * @percentile: if not NULL, set to the raw's percentile now
 *
 * Right after nm_score_bucket() (same @bucket, before nm_host_observe()
 * closes it) this returns its initial score exactly; later, rarer
 * anomalies and a longer-observed host lower it. Entries that left the
 * window are ignored without being removed (@hist is const).
 *
 * Return: the score now, 0-100.
 */
double nm_renormalize(const struct nm_params *p, const struct nm_host *host,
		      const struct nm_history *hist, int64_t bucket,
		      double raw, double *percentile);

#endif /* NETANOM_MODEL_H */
