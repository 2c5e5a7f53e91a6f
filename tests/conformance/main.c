// SPDX-License-Identifier: GPL-2.0
/*
 * netanom-conformance: an independent check of the "netanom" generic
 * netlink family against include/uapi/linux/netanom.h.
 *
 * Runs as root where the module is loaded and prints one TAP line per
 * check, "ok conformance <name>" or "not ok conformance <name>", with "#"
 * lines saying why.  Exit status 0 iff every check passed.
 *
 *   netanom-conformance [--expect-entries N] [--populate N] [--destructive]
 *
 * --expect-entries N   the dump must hold exactly N entries
 * --populate N         first run N throw-away executables (memfd copies of
 *                      this one) that connect once, so that the dump spans
 *                      several messages, and one whose path is nearly
 *                      PATH_MAX long (in $TMPDIR or /tmp, removed after)
 * --destructive        also check NETANOM_CMD_RESET, which empties the table
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "conformance.h"
#include "helpers.h"

void nc_report(struct nc *c, int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("%sok conformance %s\n", ok ? "" : "not ", name);
	if (!ok && fmt) {
		fputs("# ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		fputc('\n', stdout);
	}
	fflush(stdout);
	if (ok)
		c->passed++;
	else
		c->failed++;
}

void nc_skip(struct nc *c, const char *name, const char *why)
{
	printf("ok conformance %s # SKIP %s\n", name, why);
	fflush(stdout);
	c->passed++;
}

void nc_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: netanom-conformance [--expect-entries N] "
		"[--populate N] [--destructive]\n");
}

static int parse_count(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end || *out < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct nc c = { .family = -1, .expect_entries = -1 };
	long populate = 0;
	int i;

	/* The throw-away executables of --populate are this program. */
	if (argc == 2 && !strcmp(argv[1], NC_CONNECT_ONCE))
		return nc_connect_once();

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--destructive")) {
			c.destructive = 1;
		} else if (!strcmp(argv[i], "--expect-entries") && i + 1 < argc) {
			if (parse_count(argv[++i], &c.expect_entries))
				goto bad;
		} else if (!strcmp(argv[i], "--populate") && i + 1 < argc) {
			if (parse_count(argv[++i], &populate))
				goto bad;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else {
			goto bad;
		}
	}

	c.sk = nc_socket();
	if (!c.sk) {
		nc_report(&c, 0, "socket", "cannot open a generic netlink socket");
		return 1;
	}
	if (nc_check_family(&c)) {
		nl_socket_free(c.sk);
		return 1;
	}
	if (populate) {
		nc_populate(&c, populate);
		nc_check_long_path(&c);
	}
	nc_check_requests(&c);
	nc_check_rejections(&c);
	nc_check_counting(&c);
	nc_check_exclusions(&c);
	nc_check_table(&c);
	nc_check_permissions(&c);
	if (c.destructive)
		nc_check_reset(&c);

	printf("1..%u\n", c.passed + c.failed);
	printf("# %u passed, %u failed\n", c.passed, c.failed);
	nl_socket_free(c.sk);
	return c.failed ? 1 : 0;

bad:
	usage(stderr);
	return 2;
}
