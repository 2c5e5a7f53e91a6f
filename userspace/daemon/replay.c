// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomd --replay: the engine, the database and the ECS documents of
 * the daemon, fed from a file instead of the module.  Alerts are stamped
 * with the end of their bucket, when the daemon would have raised them,
 * so the same file always gives the same output.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "engine.h"
#include "log.h"
#include "replay.h"

/**
 * struct replay - one replay run
 * @out: standard output: every alert's ECS line
 * @outs: the --alerts file, NULL without it
 * @tmpdir: the temporary database's directory, "" when --database
 */
struct replay {
	FILE *out;
	struct nd_outputs *outs;
	char tmpdir[64];
};

static int emit(void *arg, const struct nd_alert *a, const char *doc)
{
	struct replay *r = arg;
	int ret = 0;

	if (fprintf(r->out, "%s\n", doc) < 0)
		ret = -1;
	if (r->outs && nd_outputs_emit(r->outs, a, doc))
		ret = -1;
	return ret;
}

/* The database: --database, or a fresh one in a temporary directory. */
static int db_path(const struct nd_options *o, struct replay *r, char *path,
		   size_t len)
{
	if (o->database) {
		snprintf(path, len, "%s", o->database);
		return 0;
	}
	snprintf(r->tmpdir, sizeof(r->tmpdir), "%s/netanomd-replay-XXXXXX",
		 getenv("TMPDIR") && strlen(getenv("TMPDIR")) < 32 ?
		 getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(r->tmpdir)) {
		nd_log(LOG_ERR, "%s: %m", r->tmpdir);
		r->tmpdir[0] = '\0';
		return -1;
	}
	snprintf(path, len, "%s/replay.db", r->tmpdir);
	return 0;
}

static void remove_tmp(const struct replay *r)
{
	static const char *const files[] = {
		"replay.db", "replay.db-wal", "replay.db-shm",
		"replay.db-journal",
	};
	char path[128];
	size_t i;

	if (!r->tmpdir[0])
		return;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", r->tmpdir, files[i]);
		unlink(path);
	}
	rmdir(r->tmpdir);
}

/* Every line of @in through the engine. */
static int feed(struct nd_engine *e, struct nd_outputs *outs,
		const char *name, FILE *in)
{
	int64_t span_ns = (int64_t)e->cfg->bucket_span_s * 1000000000LL;
	char *line = NULL, why[512];
	size_t cap = 0;
	long lineno = 0;
	int ret = ND_EXIT_OK, rc;
	struct nd_bucket b;

	while (ret == ND_EXIT_OK && getline(&line, &cap, in) >= 0) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		rc = nd_replay_parse_line(line, e->cfg->bucket_span_s, &b, why,
					  sizeof(why));
		if (rc < 0) {
			nd_log(LOG_ERR, "%s:%ld: %s", name, lineno, why);
			ret = ND_EXIT_ERROR;
		} else if (rc == 0) {
			rc = nd_engine_bucket(e, &b, b.start_ns + span_ns);
			if (rc < 0)
				ret = ND_EXIT_ERROR;
			else if (rc == 0 && outs && nd_outputs_bucket(outs, &b))
				ret = ND_EXIT_ERROR;
			nd_bucket_free(&b);
		}
	}
	if (ret == ND_EXIT_OK && ferror(in)) {
		nd_log(LOG_ERR, "%s: read error", name);
		ret = ND_EXIT_ERROR;
	}
	free(line);
	return ret;
}

/* Only the files (--alerts, and [output] events when set): a replay must
 * not page anyone or fill syslog. */
static int open_outputs(const struct nd_options *o,
			const struct nd_config *cfg, struct nd_config *fcfg,
			const struct nd_host *host, struct replay *r)
{
	char err[1024];

	bool alerts = o->alerts && o->alerts[0];

	if (!alerts && !cfg->events_path)
		return 0;
	*fcfg = *cfg;
	fcfg->alerts_path = alerts ? (char *)o->alerts : NULL;
	fcfg->syslog = false;
	fcfg->command = NULL;
	if (nd_outputs_open(&r->outs, fcfg, host, err, sizeof(err))) {
		nd_log(LOG_ERR, "%s", err);
		return -1;
	}
	return 0;
}

static int replay(const struct nd_options *o, const struct nd_config *cfg,
		  struct replay *r, const struct nd_host *host, FILE *in)
{
	struct nd_emitter em = { .emit = emit, .arg = r };
	struct nd_state *db = NULL;
	struct nd_config fcfg;
	struct nd_engine e;
	char path[256], err[1024];
	int ret = ND_EXIT_ERROR;

	if (db_path(o, r, path, sizeof(path)) ||
	    open_outputs(o, cfg, &fcfg, host, r))
		return ND_EXIT_ERROR;
	if (nd_state_open(&db, path, false, err, sizeof(err)) ||
	    nd_engine_open(&e, cfg, host, db, &em, err, sizeof(err))) {
		nd_log(LOG_ERR, "%s", err);
	} else {
		/* A replay killed after committing a bucket and before
		 * writing its alerts finishes the job first, as the daemon
		 * does at its start. */
		nd_engine_flush(&e);
				ret = feed(&e, r->outs, o->replay, in);
		nd_engine_close(&e);
	}
	nd_state_close(db);
	nd_outputs_close(r->outs);
	return ret;
}

int nd_replay_run(const struct nd_options *o, const struct nd_config *cfg,
		  FILE *out)
{
	struct replay r = { .out = out };
	struct nd_host host;
	FILE *in;
	int ret;

	if (nd_host_read(&host)) {
		nd_log(LOG_ERR, "uname: %m");
		return ND_EXIT_ERROR;
	}
	in = strcmp(o->replay, "-") ? fopen(o->replay, "re") : stdin;
	if (!in) {
		nd_log(LOG_ERR, "%s: %m", o->replay);
		return ND_EXIT_ERROR;
	}
	ret = replay(o, cfg, &r, &host, in);
	if (in != stdin)
		fclose(in);
	remove_tmp(&r);
	if (fflush(out) || ferror(out)) {
		nd_log(LOG_ERR, "writing the alerts failed");
		ret = ND_EXIT_ERROR;
	}
	return ret;
}
