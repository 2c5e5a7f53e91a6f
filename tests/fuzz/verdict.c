// SPDX-License-Identifier: GPL-2.0
/*
 * Judging each answer against what its case expects, and the report: a
 * table per kind of case, which refusals came without an extack message,
 * and one TAP line per check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "run.h"

/* Failures printed in full; the rest are only counted. */
#define NF_SHOW_MAX 20

static const char *const nf_check_names[NF_NR_CHECKS] = {
	[NF_CHK_ANSWER] = "every request answered, except those netlink drops",
	[NF_CHK_REFUSED] = "every malformed request refused",
	[NF_CHK_EXTACK] = "every refusal past the genetlink core has an extack message",
	[NF_CHK_KADDR] = "no kernel address in any reply",
	[NF_CHK_DENIED] = "denied: every request refused, nothing read",
	[NF_CHK_GROUP] = "denied: the events group cannot be joined",
};

static void nf_hexdump(const struct nf_run *run, uint64_t n)
{
	struct nf_case c;
	size_t i;

	nf_generate(&c, run->family, run->seed, n);
	printf("#   %s case, %zu bytes:", nf_kind_name(c.kind), c.len);
	for (i = 0; i < c.len && i < 64; i++)
		printf("%s%02x", i % 16 ? " " : "\n#     ", c.buf[i]);
	printf("%s\n", c.len > 64 ? " ..." : "");
}

/**
 * nf_fail() - count a failed check, and describe the first few
 * @run: the run
 * @chk: which check
 * @n: the case, or (uint64_t)-1 when none
 * @fmt: what happened
 */
void nf_fail(struct nf_run *run, enum nf_check chk, uint64_t n,
	     const char *fmt, ...)
{
	va_list ap;

	run->fails[chk]++;
	if (run->shown++ >= NF_SHOW_MAX)
		return;
	printf("# FAIL %s: ", nf_check_names[chk]);
	if (n != (uint64_t)-1)
		printf("case %llu: ", (unsigned long long)n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (n != (uint64_t)-1) {
		nf_hexdump(run, n);
		printf("#   again: netanom-fuzz --seed %llu --first %llu --count 1%s\n",
		       (unsigned long long)run->seed, (unsigned long long)n,
		       run->denied ? " --denied ..." : "");
	}
	fflush(stdout);
}

/*
 * Errors genetlink itself returns before the family sees the request, with
 * no way for the module to add a message: no such command (or no dump or
 * do handler for it), a message too short for the genetlink header.
 */
static int nf_core_error(const struct nf_slot *s)
{
	return s->error == -EOPNOTSUPP ||
	       (s->kind == NF_TRUNC_GENL && s->error == -EINVAL);
}

/*
 * Cases that may change the genetlink header's reserved bytes, which
 * genetlink refuses (EINVAL, with a message) before it checks permissions.
 */
static int nf_header_error(const struct nf_slot *s)
{
	return s->error == -EINVAL &&
	       (s->kind == NF_FLAGS || s->kind == NF_BITFLIP ||
		s->kind == NF_TRUNC_GENL);
}

static void nf_judge_denied(struct nf_run *run, const struct nf_slot *s)
{
	if (s->data)
		nf_fail(run, NF_CHK_DENIED, s->n, "%u data message(s) came back",
			s->data);
	if (s->answered && !s->error)
		nf_fail(run, NF_CHK_DENIED, s->n, "accepted");
	else if (s->answered && s->error != -run->denied &&
		 !nf_core_error(s) && !nf_header_error(s))
		nf_fail(run, NF_CHK_DENIED, s->n, "error %d (%s), not %s",
			s->error, strerror(-s->error), strerror(run->denied));
}

/**
 * nf_judge() - check one request's answer against its case
 * @run: the run
 * @s: the request
 */
void nf_judge(struct nf_run *run, const struct nf_slot *s)
{
	struct nf_tally *t = &run->tally[s->kind];
	int e = -s->error;

	if (s->expect == NF_NO_REPLY)
		return;		/* an answer was already counted as a failure */
	if (!s->answered) {
		t->unanswered++;
		nf_fail(run, NF_CHK_ANSWER, s->n, "no answer");
		return;
	}
	if (!s->error) {
		t->accepted++;
	} else {
		t->refused++;
		if (!s->has_ext) {
			t->no_ext++;
			run->no_ext[s->kind][e > 0 && e <= NF_ERRNO_MAX ? e : 0]++;
		}
	}
	if (run->denied) {
		nf_judge_denied(run, s);
		return;
	}
	if (s->expect == NF_FAIL && !s->error)
		nf_fail(run, NF_CHK_REFUSED, s->n, "accepted (%u data message(s))",
			s->data);
	if (s->error && !s->has_ext && !nf_core_error(s))
		nf_fail(run, NF_CHK_EXTACK, s->n, "error %d (%s) without a message",
			s->error, strerror(e));
}

static void nf_report_no_ext(const struct nf_run *run)
{
	unsigned int k, e;

	printf("# refusals without an extack message (kind, errno: count):\n");
	for (k = 0; k < NF_NR_KINDS; k++)
		for (e = 0; e <= NF_ERRNO_MAX; e++)
			if (run->no_ext[k][e])
				printf("#   %-16s %-12s %lu\n", nf_kind_name(k),
				       e ? strerrorname_np((int)e) : "?",
				       run->no_ext[k][e]);
}

/**
 * nf_report() - the table and the TAP lines
 * @run: the run
 *
 * Return: the number of failed checks.
 */
int nf_report(const struct nf_run *run)
{
	unsigned long sent = 0;
	unsigned int k, bad = 0;

	printf("# %-16s %8s %8s %8s %8s %8s\n", "kind", "sent", "accepted",
	       "refused", "no-reply", "no-ext");
	for (k = 0; k < NF_NR_KINDS; k++) {
		const struct nf_tally *t = &run->tally[k];

		sent += t->sent;
		printf("# %-16s %8lu %8lu %8lu %8lu %8lu\n", nf_kind_name(k),
		       t->sent, t->accepted, t->refused,
		       t->sent - t->accepted - t->refused, t->no_ext);
	}
	printf("# %lu messages sent\n", sent);
	nf_report_no_ext(run);
	for (k = 0; k < NF_NR_CHECKS; k++) {
		if (run->denied ? k == NF_CHK_REFUSED || k == NF_CHK_EXTACK ||
				  k == NF_CHK_KADDR :
				  k == NF_CHK_DENIED || k == NF_CHK_GROUP)
			continue;
		if (k == NF_CHK_GROUP && !run->group_tried)
			continue;
		printf("%sok fuzz %s", run->fails[k] ? "not " : "",
		       nf_check_names[k]);
		if (run->fails[k])
			printf(" # %lu failure(s)", run->fails[k]);
		putchar('\n');
		bad += run->fails[k] != 0;
	}
	return (int)bad;
}
