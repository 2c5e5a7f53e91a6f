// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netanomd's configuration file: defaults, then an INI file read with
 * libinih on top.
 *
 * Every problem is reported as one line "FILE:LINE: what is wrong (what is
 * allowed)", so that an operator can fix the file without reading the
 * source.  libinih reports the line of the first error it saw, but calls
 * the key handler without one; the file is therefore fed to it through a
 * reader that counts lines, and a message is kept only for the first
 * error.  If the line libinih returns is not that line, the first error
 * was one libinih found itself: a syntax error.
 */
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "exclude.h"

#define WHY_LEN 512
/* The longest command timeout: the daemon waits for the command. */
#define MAX_COMMAND_TIMEOUT_S 600

/**
 * struct load_ctx - the state of one nd_config_load()
 * @c: the configuration being filled
 * @f: the file
 * @line: the line being read, as getline(3) allocates it
 * @cap: size of @line
 * @lineno: number of the line last handed to libinih
 * @read_errno: errno of a failed read, 0 when none
 * @err_line: line of the first error found here, 0 when none
 * @why: what is wrong on @err_line
 */
struct load_ctx {
	struct nd_config *c;
	FILE *f;
	char *line;
	size_t cap;
	int lineno;
	int read_errno;
	int err_line;
	char why[2 * WHY_LEN];
};

/* Severity names and the number each becomes in event.severity. */
static const struct {
	const char *name;
	int number;
} severities[] = {
	{ "low", 21 },
	{ "medium", 47 },
	{ "high", 73 },
	{ "critical", 99 },
};

int nd_severity_number(const char *severity)
{
	for (size_t i = 0; i < sizeof(severities) / sizeof(severities[0]); i++)
		if (severity && strcmp(severity, severities[i].name) == 0)
			return severities[i].number;
	return -1;
}

/* --- value parsers: 0, or -1 with @why saying what is allowed ----------- */

static int set_string(char **dst, const char *v, bool empty_is_null,
		      char *why, size_t whylen)
{
	char *copy = NULL;

	if (!*v && !empty_is_null) {
		snprintf(why, whylen, "empty value (a non-empty string)");
		return -1;
	}
	if (*v) {
		copy = strdup(v);
		if (!copy) {
			snprintf(why, whylen, "out of memory");
			return -1;
		}
	}
	free(*dst);
	*dst = copy;
	return 0;
}

static int parse_number(const char *v, double lo, double hi, double *out,
			char *why, size_t whylen)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (!*v || *end || errno || !isfinite(d) || d < lo || d > hi) {
		snprintf(why, whylen, "'%s' is not valid (a number from %g to %g)",
			 v, lo, hi);
		return -1;
	}
	*out = d;
	return 0;
}

static int parse_count(const char *v, uint32_t *out, char *why, size_t whylen)
{
	unsigned long long n;
	char *end;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end || errno || n < 1 ||
	    n > UINT32_MAX) {
		snprintf(why, whylen,
			 "'%s' is not valid (a whole number from 1 to %u)", v,
			 UINT32_MAX);
		return -1;
	}
	*out = (uint32_t)n;
	return 0;
}

static int parse_span(const char *v, uint32_t *out, bool zero_ok, char *why,
		      size_t whylen)
{
	if (zero_ok && strcmp(v, "0") == 0) {
		*out = 0;
		return 0;
	}
	if (nd_parse_duration(v, out) == 0)
		return 0;
	snprintf(why, whylen,
		 "'%s' is not a duration (%sa whole number with an optional unit s, m, h or d: 10s, 15m, 1h, 2d)",
		 v, zero_ok ? "0, or " : "");
	return -1;
}

static int parse_bool(const char *v, bool *out, char *why, size_t whylen)
{
	static const char *const yes[] = { "on", "yes", "true", "1" };
	static const char *const no[] = { "off", "no", "false", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	snprintf(why, whylen, "'%s' is not valid (on or off)", v);
	return -1;
}

/* The command is split on blanks and run without a shell: no quoting. */
static int parse_command(const char *v, char ***out, char *why, size_t whylen)
{
	char *copy, *save = NULL, *w;
	char **argv;
	size_t n = 0;

	if (!*v) {
		*out = NULL;
		return 0;
	}
	if (v[0] != '/') {
		snprintf(why, whylen,
			 "'%s' does not start with an absolute path (the command's absolute path, then its arguments, split on blanks; no shell)",
			 v);
		return -1;
	}
	copy = strdup(v);
	argv = calloc(strlen(v) / 2 + 2, sizeof(*argv));
	if (!copy || !argv)
		goto oom;
	for (w = strtok_r(copy, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		argv[n] = strdup(w);
		if (!argv[n++])
			goto oom;
	}
	free(copy);
	*out = argv;
	return 0;
oom:
	for (size_t i = 0; argv && i < n; i++)
		free(argv[i]);
	free(argv);
	free(copy);
	snprintf(why, whylen, "out of memory");
	return -1;
}

static void free_argv(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* --- the keys ------------------------------------------------------------ */

typedef int (*key_setter)(struct nd_config *c, const char *v, char *why,
			  size_t whylen);

static int k_name(struct nd_config *c, const char *v, char *why, size_t len)
{
	return set_string(&c->rule_name, v, false, why, len);
}

static int k_id(struct nd_config *c, const char *v, char *why, size_t len)
{
	return set_string(&c->rule_id, v, false, why, len);
}

static int k_threshold(struct nd_config *c, const char *v, char *why,
		       size_t len)
{
	return parse_number(v, 0, 100, &c->anomaly_threshold, why, len);
}

static int k_bucket_span(struct nd_config *c, const char *v, char *why,
			 size_t len)
{
	return parse_span(v, &c->bucket_span_s, false, why, len);
}

static int k_min_buckets(struct nd_config *c, const char *v, char *why,
			 size_t len)
{
	return parse_count(v, &c->min_buckets, why, len);
}

static int k_severity(struct nd_config *c, const char *v, char *why,
		      size_t len)
{
	if (nd_severity_number(v) < 0) {
		snprintf(why, len,
			 "'%s' is not a severity (low, medium, high or critical)",
			 v);
		return -1;
	}
	return set_string(&c->severity, v, false, why, len);
}

static int k_risk_score(struct nd_config *c, const char *v, char *why,
			size_t len)
{
	return parse_number(v, 0, 100, &c->risk_score, why, len);
}

static int k_realert(struct nd_config *c, const char *v, char *why,
		     size_t len)
{
	return parse_span(v, &c->realert_s, true, why, len);
}

static int k_executables(struct nd_config *c, const char *v, char *why,
			 size_t len)
{
	return nd_exclude_add_exes(c, v, why, len);
}

static int k_users(struct nd_config *c, const char *v, char *why, size_t len)
{
	return nd_exclude_add_users(c, v, why, len);
}

static int k_destinations(struct nd_config *c, const char *v, char *why,
			  size_t len)
{
	return nd_exclude_add_dests(c, v, why, len);
}

static int k_alerts(struct nd_config *c, const char *v, char *why, size_t len)
{
	if (*v && v[0] != '/') {
		snprintf(why, len,
			 "'%s' is not an absolute path (an absolute path, or nothing to turn the file off)",
			 v);
		return -1;
	}
	return set_string(&c->alerts_path, v, true, why, len);
}

/* An absolute path, or "" for off: the [output] files. */
static int set_path(char **dst, const char *v, char *why, size_t len)
{
	if (*v && v[0] != '/') {
		snprintf(why, len,
			 "'%s' is not an absolute path (an absolute path, or nothing to turn it off)",
			 v);
		return -1;
	}
	return set_string(dst, v, true, why, len);
}

static int k_events(struct nd_config *c, const char *v, char *why, size_t len)
{
	return set_path(&c->events_path, v, why, len);
}

static int k_metrics(struct nd_config *c, const char *v, char *why,
		     size_t len)
{
	return set_path(&c->metrics_path, v, why, len);
}

static int k_syslog(struct nd_config *c, const char *v, char *why, size_t len)
{
	return parse_bool(v, &c->syslog, why, len);
}

static int k_command(struct nd_config *c, const char *v, char *why,
		     size_t len)
{
	char **argv;

	if (parse_command(v, &argv, why, len))
		return -1;
	free_argv(c->command);
	c->command = argv;
	return 0;
}

static int k_command_timeout(struct nd_config *c, const char *v, char *why,
			     size_t len)
{
	uint32_t s;

	if (parse_span(v, &s, false, why, len))
		return -1;
	if (s > MAX_COMMAND_TIMEOUT_S) {
		snprintf(why, len, "'%s' is too long (at most %us)", v,
			 MAX_COMMAND_TIMEOUT_S);
		return -1;
	}
	c->command_timeout_s = s;
	return 0;
}

static int k_database(struct nd_config *c, const char *v, char *why,
		      size_t len)
{
	return set_string(&c->database, v, false, why, len);
}

static const struct {
	const char *section;
	const char *name;
	key_setter set;
} keys[] = {
	{ "rule", "name", k_name },
	{ "rule", "id", k_id },
	{ "rule", "anomaly_threshold", k_threshold },
	{ "rule", "bucket_span", k_bucket_span },
	{ "rule", "min_buckets", k_min_buckets },
	{ "rule", "severity", k_severity },
	{ "rule", "risk_score", k_risk_score },
	{ "rule", "realert", k_realert },
	{ "exclude", "executables", k_executables },
	{ "exclude", "users", k_users },
	{ "exclude", "destinations", k_destinations },
	{ "output", "alerts", k_alerts },
	{ "output", "syslog", k_syslog },
	{ "output", "command", k_command },
	{ "output", "command_timeout", k_command_timeout },
	{ "output", "events", k_events },
	{ "output", "metrics", k_metrics },
	{ "state", "database", k_database },
};

#define N_KEYS (sizeof(keys) / sizeof(keys[0]))
#define SECTIONS "rule, exclude, output, state"

static bool known_section(const char *s)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (strcmp(keys[i].section, s) == 0)
			return true;
	return false;
}

/* "name, id, ..." : the keys of @section, for an error message. */
static void keys_of(const char *section, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < N_KEYS && off < len; i++) {
		if (strcmp(keys[i].section, section))
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					off ? ", " : "", keys[i].name);
	}
}

/* Keep the first error only: it is the one libinih reports the line of. */
static void fail(struct load_ctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct load_ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->err_line)
		return;
	x->err_line = x->lineno;
	va_start(ap, fmt);
	vsnprintf(x->why, sizeof(x->why), fmt, ap);
	va_end(ap);
}

static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct load_ctx *x = user;
	char why[WHY_LEN], allowed[256];

	if (!*section) {
		fail(x, "key '%s' outside any section (sections: %s)", name,
		     SECTIONS);
		return 0;
	}
	if (!known_section(section)) {
		fail(x, "unknown section [%s] (allowed: %s)", section,
		     SECTIONS);
		return 0;
	}
	for (size_t i = 0; i < N_KEYS; i++) {
		if (strcmp(keys[i].section, section) ||
		    strcmp(keys[i].name, name))
			continue;
		if (keys[i].set(x->c, value, why, sizeof(why)) == 0)
			return 1;
		fail(x, "[%s] %s: %s", section, name, why);
		return 0;
	}
	keys_of(section, allowed, sizeof(allowed));
	fail(x, "unknown key '%s' in [%s] (allowed: %s)", name, section,
	     allowed);
	return 0;
}

/* Check a "[section]" line here: libinih does not report sections that
 * have no keys, and a misspelt empty section should not pass unnoticed. */
static void check_section_line(struct load_ctx *x, const char *line)
{
	char name[64];
	size_t n;

	line += strspn(line, " \t");
	if (line[0] != '[')
		return;
	n = strcspn(line + 1, "]");
	if (!line[1 + n] || n >= sizeof(name))
		return;		/* libinih reports the syntax error */
	memcpy(name, line + 1, n);
	name[n] = '\0';
	if (!known_section(name))
		fail(x, "unknown section [%s] (allowed: %s)", name, SECTIONS);
}

/* libinih's reader: one whole line per call, so that lines are counted
 * exactly as libinih counts them. */
static char *read_line(char *str, int num, void *stream)
{
	struct load_ctx *x = stream;
	ssize_t n;

	errno = 0;
	n = getline(&x->line, &x->cap, x->f);
	if (n < 0) {
		x->read_errno = errno;
		return NULL;
	}
	x->lineno++;
	if (n >= num) {
		/* Longer than libinih can take: an error, not a silent cut. */
		fail(x, "line too long (at most %d characters)", num - 2);
		strcpy(str, ";\n");
		return str;
	}
	check_section_line(x, x->line);
	memcpy(str, x->line, (size_t)n + 1);
	return str;
}

int nd_config_defaults(struct nd_config *c)
{
	memset(c, 0, sizeof(*c));
	c->rule_name = strdup("Unusual Linux Network Activity");
	c->rule_id = strdup("netanom-unusual-network-activity");
	c->anomaly_threshold = 50;
	c->bucket_span_s = 15 * 60;
	c->min_buckets = 20;
	c->severity = strdup("low");
	c->risk_score = 21;
	c->realert_s = 24 * 3600;
	c->alerts_path = strdup(ND_DEFAULT_ALERTS);
	c->syslog = true;
	c->command = NULL;
	c->command_timeout_s = 10;
	c->database = strdup(ND_DEFAULT_DATABASE);
	/* Constant and valid: cannot fail.  A file's first "destinations"
	 * line replaces these. */
	(void)nd_exclude_add_dests(c, ND_DEFAULT_EXCLUDE_DESTS, NULL, 0);
	c->exclude_dests_given = false;
	if (!c->rule_name || !c->rule_id || !c->severity || !c->alerts_path ||
	    !c->database) {
		nd_config_free(c);
		return -1;
	}
	return 0;
}

static int parse_file(struct load_ctx *x, const char *path, char *err,
		      size_t errlen)
{
	int ret = ini_parse_stream(read_line, x, on_key, x);

	/* Errors found by the reader (sections, long lines) are not known
	 * to libinih: the first of either is the one to report. */
	if (x->err_line && ret >= 0 && (ret == 0 || x->err_line < ret))
		ret = x->err_line;
	if (ret == 0 && x->read_errno) {
		snprintf(err, errlen, "%s:%d: cannot read: %s (a readable INI file)",
			 path, x->lineno + 1, strerror(x->read_errno));
		return -1;
	}
	if (ret == 0)
		return 0;
	if (ret < 0) {
		snprintf(err, errlen, "%s:%d: out of memory", path, x->lineno);
		return -1;
	}
	if (ret == x->err_line)
		snprintf(err, errlen, "%s:%d: %s", path, ret, x->why);
	else
		snprintf(err, errlen,
			 "%s:%d: syntax error (expected '[section]', 'key = value' or a comment starting with ';' or '#')",
			 path, ret);
	return -1;
}

int nd_config_load(struct nd_config *c, const char *path, bool missing_ok,
		   char *err, size_t errlen)
{
	struct load_ctx x = { .c = c };
	int ret;

	if (nd_config_defaults(c)) {
		snprintf(err, errlen, "%s:0: out of memory", path);
		return -1;
	}
	x.f = fopen(path, "re");
	if (!x.f) {
		if (errno == ENOENT && missing_ok)
			return 0;
		snprintf(err, errlen, "%s:0: cannot open: %s (a readable INI file)",
			 path, strerror(errno));
		nd_config_free(c);
		return -1;
	}
	ret = parse_file(&x, path, err, errlen);
	free(x.line);
	fclose(x.f);
	if (ret)
		nd_config_free(c);
	return ret;
}

void nd_config_free(struct nd_config *c)
{
	free(c->rule_name);
	free(c->rule_id);
	free(c->severity);
	for (size_t i = 0; i < c->n_exclude_exes; i++)
		free(c->exclude_exes[i]);
	free(c->exclude_exes);
	free(c->exclude_uids);
	free(c->alerts_path);
	free(c->events_path);
	free(c->metrics_path);
	free_argv(c->command);
	free(c->database);
	memset(c, 0, sizeof(*c));
}
