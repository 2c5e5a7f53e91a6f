// SPDX-License-Identifier: GPL-2.0
/*
 * netanom-fuzz: sends generated and mutated requests to the "netanom"
 * generic netlink family and checks every answer.  See usage().
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/netanom.h>
#include <netlink/genl/ctrl.h>
#include "../conformance/nl.h"
#include "run.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct nf_opts {
	uint64_t seed;
	uint64_t first;
	uint64_t count;
	int denied;
	long family;
	long group;
	unsigned int batch;
	int rate;
	int verbose;
	int ids;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: netanom-fuzz [--seed N] [--count N] [--first N] [--batch N]\n"
"                    [--denied EPERM|ENOENT] [--family-id N] [--group-id N]\n"
"                    [--rate] [--verbose]\n"
"       netanom-fuzz --ids\n"
"\n"
"Sends --count generated and mutated requests (default 100000) to the\n"
"\"netanom\" generic netlink family, --batch (default 16) per datagram, and\n"
"checks each answer: a malformed request is refused, with an extended ack\n"
"message unless genetlink itself refused it; a message with a broken\n"
"netlink header is dropped unanswered; no reply holds a kernel address.\n"
"Case N depends only on --seed and N: --first N --count 1 makes it again.\n"
"The first %" PRIu64 " cases sweep every attribute type at several lengths\n"
"for every command.\n"
"\n"
"  --denied ERRNO   the caller may not use the family: every request must\n"
"                   fail with ERRNO (EPERM: no CAP_NET_ADMIN in the initial\n"
"                   user namespace; ENOENT: another network namespace) and\n"
"                   nothing may be read\n"
"  --family-id N    the family's id, where it cannot be resolved (another\n"
"                   network namespace)\n"
"  --group-id N     with --denied: joining this multicast group must fail\n"
"                   (default: the family's \"events\" group, when it resolves)\n"
"  --ids            print the family id and the events group id, and exit\n"
"  --rate           print messages per second (not a check)\n"
"  --verbose        print every extack message on stderr\n"
"\n"
"Prints TAP lines \"ok fuzz <check>\" / \"not ok fuzz <check>\"; exit 0 iff\n"
"all passed, 2 on a usage error.\n", nf_sweep_cases());
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || end == s || *end || *s == '-' ? -1 : 0;
}

static int parse_errno(const char *s, int *out)
{
	if (!strcmp(s, "EPERM"))
		*out = EPERM;
	else if (!strcmp(s, "ENOENT"))
		*out = ENOENT;
	else
		return -1;
	return 0;
}

static int parse_args(int argc, char **argv, struct nf_opts *o)
{
	uint64_t v;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--rate")) {
			o->rate = 1;
			continue;
		} else if (!strcmp(a, "--verbose")) {
			o->verbose = 1;
			continue;
		} else if (!strcmp(a, "--ids")) {
			o->ids = 1;
			continue;
		}
		if (!val)
			return -1;
		i++;
		if (!strcmp(a, "--denied")) {
			if (parse_errno(val, &o->denied))
				return -1;
			continue;
		}
		if (parse_u64(val, &v))
			return -1;
		if (!strcmp(a, "--seed"))
			o->seed = v;
		else if (!strcmp(a, "--first"))
			o->first = v;
		else if (!strcmp(a, "--count"))
			o->count = v;
		else if (!strcmp(a, "--family-id") && v <= 0xffff)
			o->family = (long)v;
		else if (!strcmp(a, "--group-id") && v <= 0xffffffffULL)
			o->group = (long)v;
		else if (!strcmp(a, "--batch") && v >= 1 && v <= NF_BATCH_MAX)
			o->batch = (unsigned int)v;
		else
			return -1;
	}
	return 0;
}

static int nf_setup(struct nf_run *run, struct nl_sock *sk,
		    const struct nf_opts *o)
{
	int one = 1, size = 4 << 20, id;

	run->fd = nl_socket_get_fd(sk);
	/* Errors without the echoed request: small answers, more per batch. */
	if (setsockopt(run->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one,
		       sizeof(one)) ||
	    (setsockopt(run->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
			sizeof(size)) &&
	     setsockopt(run->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size)))) {
		perror("netanom-fuzz: setsockopt");
		return -1;
	}
	if (o->family >= 0) {
		run->family = (uint16_t)o->family;
		return 0;
	}
	id = genl_ctrl_resolve(sk, NETANOM_GENL_NAME);
	if (id < 0) {
		fprintf(stderr,
			"netanom-fuzz: no \"%s\" family here (%s): load the module, or give --family-id\n",
			NETANOM_GENL_NAME, nl_geterror(id));
		return -1;
	}
	run->family = (uint16_t)id;
	return 0;
}

/* The "events" group's id, or -1 when it does not resolve here. */
static long nf_events_group(struct nl_sock *sk)
{
	int grp = genl_ctrl_resolve_grp(sk, NETANOM_GENL_NAME,
					NETANOM_MCGRP_EVENTS);

	return grp < 0 ? -1 : grp;
}

/* Denied: joining the events group must fail too. */
static void nf_try_group(struct nf_run *run, long group)
{
	unsigned int g = (unsigned int)group;

	run->group_tried = 1;
	if (!setsockopt(run->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g,
			sizeof(g)))
		nf_fail(run, NF_CHK_GROUP, (uint64_t)-1,
			"joined multicast group %u", g);
	else if (errno != EPERM)
		nf_fail(run, NF_CHK_GROUP, (uint64_t)-1,
			"joining group %u: %s, expected EPERM", g,
			strerror(errno));
}

static double nf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int nf_fuzz(struct nf_run *run, const struct nf_opts *o)
{
	static struct nf_case c;
	uint64_t n;
	int ret = 0;

	for (n = o->first; n < o->first + o->count && !ret; n++) {
		nf_generate(&c, run->family, o->seed, n);
		ret = nf_add(run, &c, n);
	}
	if (!ret)
		ret = nf_flush(run);
	if (ret)
		fprintf(stderr, "netanom-fuzz: socket: %s\n", strerror(-ret));
	return ret;
}

int main(int argc, char **argv)
{
	struct nf_opts o = { .seed = 1, .count = 100000, .family = -1,
			     .group = -1, .batch = 16 };
	static struct nf_run run;
	struct nl_sock *sk;
	double t0, dt;
	int bad;

	if (parse_args(argc, argv, &o)) {
		usage(stderr);
		return 2;
	}
	sk = nc_socket();
	if (!sk || nf_setup(&run, sk, &o))
		return 1;
	if (o.ids) {
		printf("family %u group %ld\n", run.family, nf_events_group(sk));
		nl_socket_free(sk);
		return 0;
	}
	if (o.denied && o.group < 0)
		o.group = nf_events_group(sk);
	run.seed = o.seed;
	run.denied = o.denied;
	run.batch = o.batch;
	run.verbose = o.verbose;
	run.seq_base = (uint32_t)(o.seed * 2654435761U);
	printf("# netanom-fuzz: seed %" PRIu64 ", cases %" PRIu64 "..%" PRIu64
	       ", family %u, %s\n", o.seed, o.first, o.first + o.count - 1,
	       run.family, o.denied ? strerrorname_np(o.denied) : "allowed");
	fflush(stdout);
	if (o.denied && o.group >= 0)
		nf_try_group(&run, o.group);
	t0 = nf_now();
	if (nf_fuzz(&run, &o)) {
		nl_socket_free(sk);
		return 1;
	}
	dt = nf_now() - t0;
	bad = nf_report(&run);
	if (o.rate)
		printf("# %.0f messages per second (%" PRIu64 " in %.1f s)\n",
		       dt > 0 ? (double)o.count / dt : 0.0, o.count, dt);
	nl_socket_free(sk);
	return bad ? 1 : 0;
}
