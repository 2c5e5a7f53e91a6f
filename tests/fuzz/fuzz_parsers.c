// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A mutation fuzzer for netanomd's two parsers of outside input: the INI
 * configuration (nd_config_load) and the replay lines
 * (nd_replay_parse_line).  Built with ASan and UBSan, so that a crash, an
 * out-of-bounds access, a leak or undefined behaviour stops it; besides,
 * every case must end cleanly: success, or a failure with an error that
 * says where ("FILE:LINE: " for the configuration).
 *
 *   fuzz_parsers CONFIG_CASES REPLAY_CASES SEED SEEDFILE...
 *
 * SEEDFILEs ending in .conf seed the configuration cases, the others the
 * replay cases (one line each).  The same SEED gives the same cases.
 * Prints one summary line; exit 0 when every case ended cleanly.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bucket.h"
#include "config.h"
#include "replay.h"

#define MAX_SEEDS	64
#define MAX_INPUT	16384

struct corpus {
	char *text[MAX_SEEDS];
	size_t n;
};

/* xorshift64*: small, seedable, no global state. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static size_t below(uint64_t *s, size_t n)
{
	return n ? (size_t)(next(s) % n) : 0;
}

/* Pieces that parsers trip on, spliced in at random. */
static const char *const tokens[] = {
	"[rule]\n", "[output]\n", "[state]\n", "[exclude]\n", "[x]\n", "=",
	"bucket_span = ", "min_buckets = ", "anomaly_threshold = ",
	"realert = ", "severity = ", "command = ", "users = ", "executables = ",
	"destinations = ", "0", "-1", "4294967296", "18446744073709551616",
	"1e308", "nan", "15m", "0s", "99999999999d", "/", "*", ",", ", ,",
	"\"", "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", ":", "null",
	"true", "\"time\":", "\"active\":", "\"exe\":", "\"connects\":",
	"\"dest\":", "\"[::1]:65536\"", "\"1.2.3.4:99999\"", "\"uid\":",
	"2026-02-30T25:61:61Z", "9999-12-31T23:59:59.999999999Z", "\xff\xfe",
	"\xc3\x28", "\n", "\r\n", "#", ";", " ", "\t", "::/129", "0.0.0.0/33",
};

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = calloc(1, MAX_INPUT + 1);
	n = buf ? fread(buf, 1, MAX_INPUT, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

/* One mutation of @buf (NUL-terminated, room for MAX_INPUT bytes). */
static void mutate_once(char *buf, uint64_t *s)
{
	size_t len = strlen(buf), at = below(s, len + 1), n;
	const char *tok;

	switch (below(s, 6)) {
	case 0:		/* flip a byte */
		if (len)
			buf[below(s, len)] ^= (char)(1 + below(s, 255));
		break;
	case 1:		/* delete a run */
		n = below(s, 16);
		if (at + n > len)
			n = len - at;
		memmove(buf + at, buf + at + n, len - at - n + 1);
		break;
	case 2:		/* insert a token */
		tok = tokens[below(s, sizeof(tokens) / sizeof(tokens[0]))];
		n = strlen(tok);
		if (len + n < MAX_INPUT) {
			memmove(buf + at + n, buf + at, len - at + 1);
			memcpy(buf + at, tok, n);
		}
		break;
	case 3:		/* repeat a run: long values, long lines */
		n = below(s, 64);
		if (at + n > len)
			n = len - at;
		for (size_t k = below(s, 64); k && len + n < MAX_INPUT; k--) {
			memmove(buf + at + n, buf + at, len - at + 1);
			len += n;
		}
		break;
	case 4:		/* cut */
		buf[at] = '\0';
		break;
	default:	/* a random byte */
		if (len + 1 < MAX_INPUT) {
			memmove(buf + at + 1, buf + at, len - at + 1);
			buf[at] = (char)(1 + below(s, 255));
		}
		break;
	}
}

static void mutate(char *buf, const struct corpus *c, uint64_t *s)
{
	size_t k = 1 + below(s, 8);

	snprintf(buf, MAX_INPUT, "%s", c->text[below(s, c->n)]);
	while (k--)
		mutate_once(buf, s);
}

/* 0 when the case ended cleanly. */
static int config_case(const char *path, const char *text)
{
	struct nd_config c;
	char err[1024] = "", prefix[300];
	FILE *f = fopen(path, "we");
	int rc;

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		return -1;
	}
	rc = nd_config_load(&c, path, false, err, sizeof(err));
	nd_config_free(&c);
	if (rc == 0)
		return 0;
	snprintf(prefix, sizeof(prefix), "%s:", path);
	if (rc == -1 && !strncmp(err, prefix, strlen(prefix)) &&
	    strlen(err) > strlen(prefix) + 3)
		return 0;
	fprintf(stderr, "config case: rc %d, error \"%s\" for:\n%s\n", rc, err,
		text);
	return -1;
}

static int replay_case(char *line)
{
	struct nd_bucket b;
	char why[512] = "";
	int rc;

	/* A line has no newline in it: the reader splits at them. */
	line[strcspn(line, "\n")] = '\0';
	rc = nd_replay_parse_line(line, 60, &b, why, sizeof(why));
	if (rc == 0) {
		nd_bucket_free(&b);
		return 0;
	}
	if (rc == 1 || (rc == -1 && why[0]))
		return 0;
	fprintf(stderr, "replay case: rc %d, why \"%s\" for: %s\n", rc, why,
		line);
	return -1;
}

static void load(struct corpus *conf, struct corpus *lines, int argc,
		 char **argv)
{
	for (int i = 4; i < argc; i++) {
		size_t n = strlen(argv[i]);
		bool is_conf = n > 5 && !strcmp(argv[i] + n - 5, ".conf");
		struct corpus *c = is_conf ? conf : lines;
		char *text = read_file(argv[i]), *p, *nl;

		if (!text)
			continue;
		if (is_conf) {
			if (c->n < MAX_SEEDS)
				c->text[c->n++] = text;
			else
				free(text);
			continue;
		}
		for (p = text; *p && c->n < MAX_SEEDS; p = nl + 1) {
			nl = strchr(p, '\n');
			if (!nl)
				break;
			*nl = '\0';
			if (*p && *p != '#')
				c->text[c->n++] = strdup(p);
		}
		free(text);
	}
}

int main(int argc, char **argv)
{
	struct corpus conf = { 0 }, lines = { 0 };
	long nconf, nrep, i, bad = 0;
	char dir[] = "/tmp/netanom-fuzz-XXXXXX", path[64];
	uint64_t s;
	char *buf;

	if (argc < 5) {
		fprintf(stderr, "usage: fuzz_parsers CONFIG_CASES REPLAY_CASES "
			"SEED SEEDFILE...\n");
		return 2;
	}
	nconf = atol(argv[1]);
	nrep = atol(argv[2]);
	s = strtoull(argv[3], NULL, 0) | 1;
	load(&conf, &lines, argc, argv);
	buf = malloc(MAX_INPUT + 1);
	if (!buf || !conf.n || !lines.n || !mkdtemp(dir)) {
		fprintf(stderr, "fuzz_parsers: no seeds (%zu .conf, %zu lines) "
			"or no memory\n", conf.n, lines.n);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/netanomd.conf", dir);
	for (i = 0; i < nconf; i++) {
		mutate(buf, &conf, &s);
		bad += config_case(path, buf) != 0;
	}
	for (i = 0; i < nrep; i++) {
		mutate(buf, &lines, &s);
		bad += replay_case(buf) != 0;
	}
	unlink(path);
	rmdir(dir);
	printf("fuzz_parsers: %ld configuration and %ld replay cases "
	       "(seed %s), %ld unclean\n", nconf, nrep, argv[3], bad);
	for (size_t k = 0; k < conf.n; k++)
		free(conf.text[k]);
	for (size_t k = 0; k < lines.n; k++)
		free(lines.text[k]);
	free(buf);
	return bad ? 1 : 0;
}
