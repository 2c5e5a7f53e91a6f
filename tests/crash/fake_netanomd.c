// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomd's real collection loop against the unit tests' model kernel,
 * for host-side tests of what the daemon does when its disk fills up:
 *
 *   fake_netanomd TABLE NETANOMD-OPTIONS...
 *
 * TABLE names one executable path a line.  At every dump each of them has
 * made one more TCP connect (so each is active in every bucket), and a
 * path added to TABLE appears as a new executable; a path followed by
 * " once" makes one connect only (active in one bucket, then quiet).  The model answers
 * stats and config like a quiet module with counting on.  Everything
 * else is netanomd's own code (options, configuration, loop, engine,
 * database, outputs).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon.h"
#include "fake_kernel.h"
#include "log.h"

/**
 * struct fake - the model kernel and what its table is made of
 * @fk: the model (first: the respond hook gets a struct fk *)
 * @table: the TABLE file
 * @exes: the entries
 * @paths: their paths (owned)
 * @once: the entry's one connect is made
 * @n: how many
 */
struct fake {
	struct fk fk;
	const char *table;
	struct netanom_exe exes[64];
	char *paths[64];
	bool once[64];
	size_t n;
};

static void add(struct fake *f, const char *path)
{
	struct netanom_exe *e = &f->exes[f->n];
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	f->paths[f->n] = strdup(path);
	fk_sample_exe(e, f->paths[f->n], 1000 + f->n,
		      (uint64_t)ts.tv_sec * 1000000000ULL);
	e->tcp6 = e->udp4 = e->udp6 = e->other = e->loopback = 0;
	e->sendto = e->fastopen = e->listens = e->accepts = e->excluded = 0;
	e->tcp4 = 0;
	f->n++;
}

/* TABLE again: new paths become new entries; then one connect each. */
static void reread(struct fake *f)
{
	FILE *in = fopen(f->table, "re");
	char line[512], *sp;
	size_t i;

	while (in && fgets(line, sizeof(line), in)) {
		line[strcspn(line, "\n")] = '\0';
		sp = strchr(line, ' ');
		if (sp)
			*sp = '\0';
		if (!line[0])
			continue;
		for (i = 0; i < f->n && strcmp(f->paths[i], line); i++)
			;
		if (i == f->n && f->n < sizeof(f->exes) / sizeof(f->exes[0])) {
			add(f, line);
			f->once[i] = sp && !strcmp(sp + 1, "once");
		}
	}
	if (in)
		fclose(in);
	for (i = 0; i < f->n; i++)
		if (!f->once[i] || !f->exes[i].tcp4)
			f->exes[i].tcp4++;
	f->fk.model.exes = f->exes;
	f->fk.model.nexes = f->n;
}

static void respond(struct fk *k, const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(req);

	if (req->nlmsg_type == FK_FAMILY_ID && g->cmd == NETANOM_CMD_GET_EXE &&
	    (req->nlmsg_flags & NLM_F_DUMP))
		reread((struct fake *)k);
	fk_model_respond(k, req);
}

static int open_fake(void *arg, struct netanom **hp, struct netanom_error *err)
{
	struct fake *f = arg;
	int rc = fk_model_open(&f->fk, hp, err);

	f->fk.respond = respond;
	return rc;
}

int main(int argc, char **argv)
{
	struct fake *f = calloc(1, sizeof(*f));
	struct nd_source src = { .open = open_fake, .arg = f };
	struct nd_config *cfg = calloc(1, sizeof(*cfg));
	struct nd_options o;
	char err[1024];
	int ret;
	size_t i;

	if (!f || !cfg || argc < 2) {
		fprintf(stderr, "usage: fake_netanomd TABLE NETANOMD-OPTIONS...\n");
		return 2;
	}
	fk_init(&f->fk);
	f->table = argv[1];
	f->fk.model.flags = NETANOM_CONFIG_F_ENABLED;
	f->fk.model.stats.max_entries = 64;
	ret = nd_parse_options(argc - 1, argv + 1, &o, stderr);
	if (!ret && nd_load_config(&o, cfg, err, sizeof(err))) {
		fprintf(stderr, "fake_netanomd: %s\n", err);
		ret = ND_EXIT_USAGE;
	}
	if (!ret) {
		nd_log_open("fake_netanomd", o.foreground);
		ret = nd_daemon_run(&o, cfg, &src);	/* frees cfg */
		nd_log_close();
	} else {
		free(cfg);
	}
	fk_free(&f->fk);
	for (i = 0; i < f->n; i++)
		free(f->paths[i]);
	free(f);
	return ret;
}
