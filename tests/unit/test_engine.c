// SPDX-License-Identifier: GPL-2.0-or-later
/* The engine: scoring buckets into the database and the alert rules
 * (threshold, one per bucket, realert, rises, excludes), renormalisation,
 * restarts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "engine.h"
#include "hash.h"
#include "tmpdir.h"

#define SPAN 60
#define NS 1000000000LL
/* Bucket index 0 of these tests: 2026-11-28T00:00:00Z. */
#define BASE_NS (1795824000LL * NS)

#define MAX_SEEN 64

/**
 * struct world - one engine over a temporary database
 * @dir: the temporary directory
 * @db_path: the database in it
 * @cfg: configuration
 * @host: host fields
 * @db: the database
 * @e: the engine
 * @exe: executables of the alerts emitted, in order
 * @doc: their documents
 * @score: their scores
 * @n: how many
 */
struct world {
	char dir[TMPDIR_LEN];
	char db_path[128];
	struct nd_config cfg;
	struct nd_host host;
	struct nd_state *db;
	struct nd_engine e;
	char *exe[MAX_SEEN];
	char *doc[MAX_SEEN];
	double score[MAX_SEEN];
	size_t n;
};

static int capture(void *arg, const struct nd_alert *a, const char *doc)
{
	struct world *w = arg;

	assert_true(w->n < MAX_SEEN);
	w->exe[w->n] = strdup(a->exe);
	w->doc[w->n] = strdup(doc);
	w->score[w->n] = a->score;
	w->n++;
	return 0;
}

static void forget(struct world *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		free(w->exe[i]);
		free(w->doc[i]);
	}
	w->n = 0;
}

static void open_engine(struct world *w)
{
	const struct nd_emitter em = { .emit = capture, .arg = w };
	char err[512];

	if (nd_state_open(&w->db, w->db_path, false, err, sizeof(err)) ||
	    nd_engine_open(&w->e, &w->cfg, &w->host, w->db, &em, err,
			   sizeof(err)))
		fail_msg("%s", err);
}

static void close_engine(struct world *w)
{
	nd_engine_close(&w->e);
	nd_state_close(w->db);
	w->db = NULL;
}

/* A world with an optional configuration file @ini on top of defaults:
 * span 60 s, min_buckets 5, realert 10 buckets. */
static struct world *world(const char *ini)
{
	struct world *w = calloc(1, sizeof(*w));
	char conf[128], err[512];
	FILE *f;

	assert_non_null(w);
	assert_int_equal(tmpdir_make(w->dir, "engine"), 0);
	snprintf(w->db_path, sizeof(w->db_path), "%s/n.db", w->dir);
	snprintf(conf, sizeof(conf), "%s/n.conf", w->dir);
	f = fopen(conf, "w");
	assert_non_null(f);
	fprintf(f, "[rule]\nbucket_span = 60s\nmin_buckets = 5\n"
		"realert = 10m\n%s", ini ? ini : "");
	fclose(f);
	if (nd_config_load(&w->cfg, conf, false, err, sizeof(err)))
		fail_msg("%s", err);
	strcpy(w->host.name, "testhost");
	strcpy(w->host.kernel, "6.12.0-test");
	open_engine(w);
	return w;
}

static void destroy(struct world *w)
{
	if (w->db)
		close_engine(w);
	forget(w);
	nd_config_free(&w->cfg);
	assert_int_equal(tmpdir_remove(w->dir), 0);
	free(w);
}

static void add(struct nd_bucket *b, const char *exe, uint64_t connects,
		uid_t uid, pid_t pid)
{
	struct nd_activity a = {
		.exe = (char *)exe, .connects = connects, .uid = uid,
		.pid = pid, .dest_port = 443, .ip_version = 4,
		.transport = "tcp",
	};

	strcpy(a.dest_ip, "198.51.100.2");
	snprintf(a.comm, sizeof(a.comm), "%s", strrchr(exe, '/') + 1);
	assert_non_null(nd_bucket_add(b, &a));
}

/* Bucket @t with curl (always) and the NULL-terminated executables. */
static int run_bucket(struct world *w, int64_t t, ...)
{
	struct nd_bucket b;
	const char *exe;
	va_list ap;
	int rc;

	nd_bucket_init(&b, BASE_NS + t * SPAN * NS);
	add(&b, "/usr/bin/curl", 3, 1000, 100);
	va_start(ap, t);
	while ((exe = va_arg(ap, const char *)))
		add(&b, exe, 1, 1000, 200);
	va_end(ap);
	rc = nd_engine_bucket(&w->e, &b, b.start_ns + SPAN * NS);
	nd_bucket_free(&b);
	return rc;
}

static void learn(struct world *w, int64_t from, int64_t to)
{
	int64_t t;

	for (t = from; t < to; t++)
		assert_int_equal(run_bucket(w, t, NULL), 0);
}

static json_t *field(json_t *doc, const char *a, const char *b)
{
	return json_object_get(json_object_get(doc, a), b);
}

static void test_learn_then_new_alerts_once(void **state)
{
	struct world *w = world(NULL);
	struct nd_alert_row r;
	struct nd_exe_row x;
	json_t *doc;

	(void)state;
	learn(w, 0, 10);
	assert_int_equal(w->n, 0);
	assert_int_equal(run_bucket(w, 10, "/tmp/.x/helper", NULL), 0);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->exe[0], "/tmp/.x/helper");
	assert_true(w->score[0] >= 50);
	doc = json_loads(w->doc[0], 0, NULL);
	assert_non_null(doc);
	assert_string_equal(json_string_value(field(doc, "process",
						    "executable")),
			    "/tmp/.x/helper");
	assert_true(json_is_true(field(doc, "netanom", "first_occurrence")));
	assert_string_equal(json_string_value(field(doc, "event", "end")),
			    "2026-11-28T00:11:00.000Z");
	/* No /proc given (as in replay): nothing read from it. */
	assert_null(field(doc, "process", "args"));
	assert_null(field(doc, "user", "name"));
	json_decref(doc);
	/* Stored, marked emitted, with the document. */
	assert_int_equal(nd_state_get_exe(w->db, "/tmp/.x/helper", &x), 0);
	assert_int_equal(nd_state_last_alert(w->db, x.id, &r), 0);
	assert_true(r.emitted);
	assert_true(r.first_occurrence);
	assert_int_equal(r.bucket, nd_bucket_index(BASE_NS + 10 * SPAN * NS, SPAN));
	assert_true(r.initial_score == w->score[0]);
	assert_string_equal(r.doc, w->doc[0]);
	nd_alert_row_free(&r);
	nd_exe_row_free(&x);
	/* The common program never alerted. */
	assert_int_equal(nd_state_get_exe(w->db, "/usr/bin/curl", &x), 0);
	assert_int_equal(nd_state_last_alert(w->db, x.id, &r), 1);
	assert_int_equal(x.model.buckets_active, 11);
	nd_exe_row_free(&x);
	destroy(w);
}

/* The digest sha256sum(1) gives for @path. */
static void sha256sum(const char *path, char hex[ND_SHA256_HEX])
{
	char cmd[PATH_MAX + 32];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%64s", hex), 1);
	assert_int_equal(pclose(p), 0);
}

/*
 * The kernel's /proc/PID/exe of this process is its own file; under
 * valgrind it is valgrind's, and the live-process test cannot hold.
 */
static int kernel_sees_self(const struct stat *st)
{
	char link[64];
	struct stat k;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)getpid());
	return !stat(link, &k) && k.st_dev == st->st_dev &&
	       k.st_ino == st->st_ino;
}

/*
 * With /proc, the alert carries what it says of the live process: this
 * test program, as the kernel would report it.
 */
static void test_alert_enriched_from_proc(void **state)
{
	static struct nd_hash_cache hashes;
	char path[PATH_MAX], want[ND_SHA256_HEX];
	struct world *w;
	struct nd_bucket b;
	struct stat st;
	json_t *doc, *exe;
	ssize_t n;

	(void)state;
	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	assert_true(n > 0);
	path[n] = '\0';
	assert_int_equal(stat(path, &st), 0);
	if (!kernel_sees_self(&st))
		skip();
	w = world(NULL);
	w->e.proc = "/proc";
	w->e.hashes = &hashes;
	learn(w, 0, 10);
	nd_bucket_init(&b, BASE_NS + 10 * SPAN * NS);
	add(&b, "/usr/bin/curl", 3, 1000, 100);
	add(&b, path, 1, getuid(), getpid());
	b.v[b.n - 1].dev = st.st_dev;
	b.v[b.n - 1].ino = st.st_ino;
	assert_int_equal(nd_engine_bucket(&w->e, &b, b.start_ns + SPAN * NS),
			 0);
	nd_bucket_free(&b);
	assert_int_equal(w->n, 1);
	doc = json_loads(w->doc[0], 0, NULL);
	assert_non_null(doc);
	assert_true(json_array_size(field(doc, "process", "args")) >= 1);
	assert_non_null(strstr(json_string_value(field(doc, "process",
						       "command_line")),
			       "test_engine"));
	assert_int_equal(json_integer_value(json_object_get(
		field(doc, "process", "parent"), "pid")), getppid());
	assert_true(json_is_string(field(doc, "process",
					 "working_directory")));
	exe = field(doc, "netanom", "exe");
	assert_true(json_is_false(json_object_get(exe, "deleted")));
	assert_int_equal(json_is_true(json_object_get(exe, "temp_dir")),
			 !strncmp(path, "/tmp/", 5));
	assert_int_equal(json_integer_value(json_object_get(exe, "owner_uid")),
			 st.st_uid);
	sha256sum(path, want);
	assert_string_equal(json_string_value(json_object_get(
		field(doc, "process", "hash"), "sha256")), want);
	json_decref(doc);
	destroy(w);
}

static void test_nothing_while_learning(void **state)
{
	struct world *w = world(NULL);

	(void)state;
	learn(w, 0, 2);
	assert_int_equal(run_bucket(w, 2, "/tmp/new", NULL), 0);
	learn(w, 3, 8);
	assert_int_equal(w->n, 0);
	destroy(w);
}

static void test_one_alert_per_exe_per_bucket(void **state)
{
	struct world *w = world(NULL);
	struct nd_bucket b;
	json_t *doc;

	(void)state;
	learn(w, 0, 10);
	nd_bucket_init(&b, BASE_NS + 10 * SPAN * NS);
	add(&b, "/tmp/new", 2, 1000, 300);
	add(&b, "/usr/bin/curl", 3, 1000, 100);
	add(&b, "/tmp/new", 5, 1000, 301);
	assert_int_equal(nd_engine_bucket(&w->e, &b, 1), 0);
	nd_bucket_free(&b);
	assert_int_equal(w->n, 1);
	doc = json_loads(w->doc[0], 0, NULL);
	assert_int_equal(json_integer_value(field(doc, "netanom", "connects")),
			 7);
	assert_int_equal(json_integer_value(field(doc, "process", "pid")), 301);
	json_decref(doc);
	destroy(w);
}

static void test_alert_due_rules(void **state)
{
	struct nd_config c = {
		.anomaly_threshold = 50, .bucket_span_s = 60,
		.realert_s = 600,
	};
	struct nd_last_alert none = { 0 };
	struct nd_last_alert last = { .any = true, .bucket = 100,
				      .score = 70 };

	(void)state;
	assert_false(nd_alert_due(&c, &none, 5, 49.9));
	assert_true(nd_alert_due(&c, &none, 5, 50));
	/* Inside realert (10 buckets): only a rise. */
	assert_false(nd_alert_due(&c, &last, 101, 70));
	assert_false(nd_alert_due(&c, &last, 109, 60));
	assert_true(nd_alert_due(&c, &last, 105, 70.5));
	/* Realert over. */
	assert_true(nd_alert_due(&c, &last, 110, 55));
	/* Still the threshold after realert. */
	assert_false(nd_alert_due(&c, &last, 200, 10));
	c.realert_s = 0;
	assert_true(nd_alert_due(&c, &last, 101, 50));
}

static size_t alerts_of(const struct world *w, const char *exe)
{
	size_t i, n = 0;

	for (i = 0; i < w->n; i++)
		n += !strcmp(w->exe[i], exe);
	return n;
}

/* Threshold 0: every scored executable is due; realert (3 buckets)
 * alone decides. */
static void test_realert_suppresses(void **state)
{
	struct world *w = world("anomaly_threshold = 0\nrealert = 3m\n");

	(void)state;
	learn(w, 0, 10);
	/* curl scores 0 every bucket, never rising: buckets 0, 3, 6, 9. */
	assert_int_equal(alerts_of(w, "/usr/bin/curl"), 4);
	destroy(w);
}

static void test_rise_realerts(void **state)
{
	struct world *w = world("anomaly_threshold = 0\nrealert = 1h\n"
				"min_buckets = 1\n");

	(void)state;
	/* Z during learning: alert at score 0. */
	assert_int_equal(run_bucket(w, 0, "/opt/z", NULL), 0);
	assert_int_equal(alerts_of(w, "/opt/z"), 1);
	learn(w, 1, 30);
	/* Rare 30 buckets later, inside the hour: a rise, alerted. */
	assert_int_equal(run_bucket(w, 30, "/opt/z", NULL), 0);
	assert_int_equal(alerts_of(w, "/opt/z"), 2);
	assert_true(w->score[w->n - 1] > 0);
	/* curl: once, then suppressed for the hour. */
	assert_int_equal(alerts_of(w, "/usr/bin/curl"), 1);
	destroy(w);
}

static void test_excludes(void **state)
{
	struct world *w = world("[exclude]\nexecutables = /tmp/*\n"
				"users = 1001\n");
	struct nd_exe_row x;
	struct nd_bucket b;

	(void)state;
	learn(w, 0, 10);
	nd_bucket_init(&b, BASE_NS + 10 * SPAN * NS);
	add(&b, "/tmp/dropped", 1, 1000, 1);
	add(&b, "/usr/bin/nc", 1, 1001, 2);
	add(&b, "/usr/bin/socat", 1, 1000, 3);
	assert_int_equal(nd_engine_bucket(&w->e, &b, 1), 0);
	nd_bucket_free(&b);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->exe[0], "/usr/bin/socat");
	/* Excluded means not scored, not learned, not stored. */
	assert_int_equal(nd_state_get_exe(w->db, "/tmp/dropped", &x), 1);
	nd_exe_row_free(&x);
	assert_int_equal(nd_state_get_exe(w->db, "/usr/bin/nc", &x), 1);
	nd_exe_row_free(&x);
	destroy(w);
}

static void test_renormalise_keeps_initial(void **state)
{
	struct world *w = world(NULL);
	struct nd_alert_row r;
	struct nd_exe_row x;

	(void)state;
	learn(w, 0, 10);
	assert_int_equal(run_bucket(w, 10, "/tmp/first", NULL), 0);
	learn(w, 11, 40);
	/* A rarer event (first use after 40 buckets) ranks above it. */
	assert_int_equal(run_bucket(w, 40, "/tmp/second", NULL), 0);
	assert_int_equal(w->n, 2);
	assert_int_equal(nd_state_get_exe(w->db, "/tmp/first", &x), 0);
	assert_int_equal(nd_state_last_alert(w->db, x.id, &r), 0);
	assert_true(r.initial_score == w->score[0]);
	assert_true(r.score < r.initial_score);
	nd_alert_row_free(&r);
	nd_exe_row_free(&x);
	destroy(w);
}

static void test_out_of_order_skipped(void **state)
{
	struct world *w = world(NULL);
	struct nm_host before;

	(void)state;
	learn(w, 0, 10);
	before = w->e.mhost;
	assert_int_equal(run_bucket(w, 9, "/tmp/late", NULL), 1);
	assert_int_equal(run_bucket(w, 3, "/tmp/late", NULL), 1);
	assert_int_equal(w->e.mhost.buckets_total, before.buckets_total);
	assert_int_equal(w->n, 0);
	destroy(w);
}

static void test_restart_continues_baseline(void **state)
{
	struct world *w = world(NULL);

	(void)state;
	learn(w, 0, 10);
	close_engine(w);
	open_engine(w);
	assert_int_equal(w->e.mhost.buckets_total, 10);
	/* Learning is over: the first bucket after the restart scores. */
	assert_int_equal(run_bucket(w, 12, "/tmp/new", NULL), 0);
	assert_int_equal(w->n, 1);
	destroy(w);
}

static void test_span_change_refused(void **state)
{
	const struct nd_emitter em = { .emit = capture };
	struct world *w = world(NULL);
	struct nd_config other;
	struct nd_engine e2;
	char err[512];

	(void)state;
	other = w->cfg;		/* shallow: only read */
	other.bucket_span_s = 120;
	assert_int_equal(nd_engine_open(&e2, &other, &w->host, w->db, &em,
					err, sizeof(err)), -1);
	assert_non_null(strstr(err, "bucket_span"));
	assert_non_null(strstr(err, w->db_path));
	/* And on SIGHUP, the old configuration stays. */
	assert_int_equal(nd_engine_set_config(&w->e, &other, err,
					      sizeof(err)), -1);
	assert_ptr_equal(w->e.cfg, &w->cfg);
	destroy(w);
}

/* Committed but not handed to the outputs (a crash in between): sent at
 * the next start, once. */
static void test_flush_unsent(void **state)
{
	struct world *w = world(NULL);
	sqlite3 *db;

	(void)state;
	learn(w, 0, 10);
	assert_int_equal(run_bucket(w, 10, "/tmp/new", NULL), 0);
	assert_int_equal(w->n, 1);
	close_engine(w);
	assert_int_equal(sqlite3_open(w->db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE alerts SET emitted = 0",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	open_engine(w);
	assert_int_equal(nd_engine_flush(&w->e), 0);
	assert_int_equal(w->n, 2);
	assert_string_equal(w->exe[1], "/tmp/new");
	assert_string_equal(w->doc[1], w->doc[0]);
	assert_true(w->score[1] == w->score[0]);
	assert_int_equal(nd_engine_flush(&w->e), 0);
	assert_int_equal(w->n, 2);
	destroy(w);
}

static void test_same_input_same_output(void **state)
{
	struct world *a = world(NULL), *b = world(NULL);
	size_t i;

	(void)state;
	learn(a, 0, 10);
	learn(b, 0, 10);
	assert_int_equal(run_bucket(a, 10, "/tmp/p", "/tmp/q", NULL), 0);
	assert_int_equal(run_bucket(b, 10, "/tmp/q", "/tmp/p", NULL), 0);
	assert_int_equal(a->n, 2);
	assert_int_equal(b->n, a->n);
	for (i = 0; i < a->n; i++)
		assert_string_equal(a->doc[i], b->doc[i]);
	destroy(a);
	destroy(b);
}

/* An event of @exe at @t seconds into bucket @bucket. */
static int event_at(struct world *w, const char *exe, int64_t bucket,
		    int64_t t)
{
	struct nd_activity a = {
		.exe = (char *)exe, .connects = 1, .uid = 1000, .pid = 300,
		.dest_port = 8080, .ip_version = 4, .transport = "tcp",
	};
	int64_t when = BASE_NS + bucket * SPAN * NS + t * NS;

	strcpy(a.dest_ip, "198.51.100.2");
	snprintf(a.comm, sizeof(a.comm), "%s", strrchr(exe, '/') + 1);
	return nd_engine_event(&w->e, &a, when, when + NS);
}

/* While the baseline learns, an event raises nothing. */
static void test_event_while_learning(void **state)
{
	struct world *w = world(NULL);

	(void)state;
	learn(w, 0, 3);
	assert_int_equal(event_at(w, "/tmp/.x/early", 3, 5), 0);
	assert_int_equal(w->n, 0);
	destroy(w);
}

/*
 * After learning, a new executable alerts from its event at once, with
 * the score the pull would have given; the pull of that bucket then
 * learns it and raises no second alert.
 */
static void test_event_alerts_once_before_the_pull(void **state)
{
	struct world *w = world(NULL), *ref = world(NULL);
	struct nd_alert_row r;
	struct nd_exe_row x;
	json_t *doc;

	(void)state;
	learn(ref, 0, 10);
	assert_int_equal(run_bucket(ref, 10, "/tmp/.x/helper", NULL), 0);
	assert_int_equal(ref->n, 1);

	learn(w, 0, 10);
	assert_int_equal(event_at(w, "/tmp/.x/helper", 10, 7), 1);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->exe[0], "/tmp/.x/helper");
	assert_true(w->score[0] == ref->score[0]);
	assert_true(w->score[0] >= 50);
	doc = json_loads(w->doc[0], 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(field(doc, "process", "pid")), 300);
	assert_true(json_is_true(field(doc, "netanom", "first_occurrence")));
	/* @timestamp is when the event was scored, not the bucket's end. */
	assert_string_equal(json_string_value(json_object_get(doc,
							     "@timestamp")),
			    "2026-11-28T00:10:08.000Z");
	json_decref(doc);
	assert_int_equal(nd_state_get_exe(w->db, "/tmp/.x/helper", &x), 0);
	assert_int_equal(nd_state_last_alert(w->db, x.id, &r), 0);
	assert_true(r.emitted);
	assert_int_equal(r.bucket,
			 nd_bucket_index(BASE_NS + 10 * SPAN * NS, SPAN));
	/* Nothing learned yet: the pull does that. */
	assert_int_equal(x.model.buckets_active, 0);
	nd_alert_row_free(&r);
	nd_exe_row_free(&x);

	/* A second event in the same bucket (module reloaded): nothing. */
	assert_int_equal(event_at(w, "/tmp/.x/helper", 10, 20), 0);
	assert_int_equal(run_bucket(w, 10, "/tmp/.x/helper", NULL), 0);
	assert_int_equal(w->n, 1);
	assert_int_equal(nd_state_get_exe(w->db, "/tmp/.x/helper", &x), 0);
	assert_int_equal(x.model.buckets_active, 1);
	nd_exe_row_free(&x);
	destroy(ref);
	destroy(w);
}

/* A lost event delays the alert to the pull; it is not lost. */
/*
 * Even where a score alone would alert again (realert 0, so every bucket
 * may), the pull raises no second alert in the bucket of the event's.
 */
static void test_event_no_duplicate_even_without_realert(void **state)
{
	struct world *w = world("realert = 0\n");

	(void)state;
	learn(w, 0, 10);
	assert_int_equal(event_at(w, "/tmp/.x/again", 10, 1), 1);
	assert_int_equal(run_bucket(w, 10, "/tmp/.x/again", NULL), 0);
	assert_int_equal(w->n, 1);
	destroy(w);
}

/* After buckets nobody observed (the daemon was down), still at once. */
static void test_event_after_a_gap(void **state)
{
	struct world *w = world(NULL);

	(void)state;
	learn(w, 0, 10);
	assert_int_equal(event_at(w, "/tmp/.x/later", 13, 5), 1);
	assert_int_equal(w->n, 1);
	destroy(w);
}

static void test_event_lost_pull_alerts(void **state)
{
	struct world *w = world(NULL);

	(void)state;
	learn(w, 0, 10);
	assert_int_equal(event_at(w, "/tmp/.x/one", 10, 1), 1);
	/* /tmp/.x/two's event never came. */
	assert_int_equal(run_bucket(w, 10, "/tmp/.x/one", "/tmp/.x/two",
				    NULL), 0);
	assert_int_equal(w->n, 2);
	assert_string_equal(w->exe[0], "/tmp/.x/one");
	assert_string_equal(w->exe[1], "/tmp/.x/two");
	destroy(w);
}

/* An event of a bucket already pulled, of a known program, or of an
 * excluded one raises nothing. */
static void test_event_left_alone(void **state)
{
	struct world *w = world("[exclude]\nexecutables = /opt/quiet/*\n");

	(void)state;
	learn(w, 0, 11);
	assert_int_equal(event_at(w, "/tmp/.x/late", 10, 59), 0);
	assert_int_equal(event_at(w, "/usr/bin/curl", 11, 1), 0);
	assert_int_equal(event_at(w, "/opt/quiet/tool", 11, 1), 0);
	assert_int_equal(w->n, 0);
	assert_int_equal(event_at(w, "/tmp/.x/late", 11, 2), 1);
	destroy(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_learn_then_new_alerts_once),
		cmocka_unit_test(test_alert_enriched_from_proc),
		cmocka_unit_test(test_nothing_while_learning),
		cmocka_unit_test(test_one_alert_per_exe_per_bucket),
		cmocka_unit_test(test_alert_due_rules),
		cmocka_unit_test(test_realert_suppresses),
		cmocka_unit_test(test_rise_realerts),
		cmocka_unit_test(test_excludes),
		cmocka_unit_test(test_renormalise_keeps_initial),
		cmocka_unit_test(test_out_of_order_skipped),
		cmocka_unit_test(test_restart_continues_baseline),
		cmocka_unit_test(test_span_change_refused),
		cmocka_unit_test(test_flush_unsent),
		cmocka_unit_test(test_same_input_same_output),
		cmocka_unit_test(test_event_while_learning),
		cmocka_unit_test(test_event_alerts_once_before_the_pull),
		cmocka_unit_test(test_event_no_duplicate_even_without_realert),
		cmocka_unit_test(test_event_after_a_gap),
		cmocka_unit_test(test_event_lost_pull_alerts),
		cmocka_unit_test(test_event_left_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
