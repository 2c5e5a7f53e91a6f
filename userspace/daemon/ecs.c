// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An alert as an Elastic Common Schema document: one compact JSON line.
 *
 * Field names and value types are ECS's (tests/unit/ecs-check.sh checks
 * them against the @elastic/ecs field definitions); what ECS has no field
 * for lives under "netanom.".  Nested objects, as ECS documents are
 * usually written.  Destination fields that are not known are left out
 * rather than written empty, so that a SIEM query for "exists" is true.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enrich.h"
#include "output.h"

/* Significant digits of reals: enough for a probability, no binary noise
 * ("0.1", not "0.10000000000000001"). */
#define ND_REAL_DIGITS 10

/* RFC 3339 UTC, milliseconds: "2024-05-01T12:00:00.123Z". */
static void rfc3339(int64_t ns, char *buf, size_t len)
{
	int64_t s = ns / 1000000000, ms;
	struct tm tm;
	time_t t;

	if (ns % 1000000000 < 0)
		s--;		/* floor, for times before 1970 */
	ms = (ns - s * 1000000000) / 1000000;
	t = (time_t)s;
	gmtime_r(&t, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (int)ms);
}

/* Length of the valid UTF-8 sequence at @s, 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong forms, surrogates and code points above U+10FFFF. */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/*
 * A JSON string for text from the kernel.  Paths and comm are bytes, not
 * necessarily UTF-8, and JSON strings must be; an invalid byte becomes the
 * four characters \xNN, as netanomctl writes it, so that one executable
 * reads the same in both and the alert still names it exactly.
 */
static json_t *text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), o = 0, n;
	json_t *j;
	char *buf;

	j = json_string(s);
	if (j)
		return j;
	buf = malloc(len * 4 + 1);
	if (!buf)
		return NULL;
	while (*p) {
		n = utf8_len(p);
		if (n) {
			memcpy(buf + o, p, n);
			o += n;
			p += n;
		} else {
			snprintf(buf + o, 5, "\\x%02x", *p);
			o += 4;
			p++;
		}
	}
	j = json_stringn(buf, o);
	free(buf);
	return j;
}

/* Set @key of @obj to @val; a NULL @val (out of memory) fails. */
static int put(json_t *obj, const char *key, json_t *val)
{
	return json_object_set_new(obj, key, val);
}

/* The object at @key of @parent, created on first use. */
static json_t *obj_at(json_t *parent, const char *key)
{
	json_t *o = json_object_get(parent, key);

	if (!o) {
		o = json_object();
		if (put(parent, key, o))
			return NULL;
	}
	return o;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* event.reason, first part: the score and why. */
static void reason_score(const struct nd_alert *a, char *buf, size_t len)
{
	if (a->first_occurrence)
		snprintf(buf, len,
			 "%s used the network for the first time in %.0f observed buckets (%llu connect%s, probability %.4g, score %.0f)",
			 a->exe ? a->exe : "an executable", a->buckets_observed,
			 (unsigned long long)a->connects,
			 a->connects == 1 ? "" : "s", a->probability, a->score);
	else
		snprintf(buf, len,
			 "%s used the network, which it did in only %.1f of %.0f observed buckets (%llu connect%s, probability %.4g, score %.0f)",
			 a->exe ? a->exe : "an executable", a->buckets_active,
			 a->buckets_observed, (unsigned long long)a->connects,
			 a->connects == 1 ? "" : "s", a->probability, a->score);
}

/* event.reason: one sentence saying why this is an alert, and what is
 * unusual about the file. */
static void reason(const struct nd_alert *a, char *buf, size_t len)
{
	char facts[256];
	size_t used;

	reason_score(a, buf, len);
	nd_enrich_facts(a->enrich, facts, sizeof(facts));
	used = strlen(buf);
	if (facts[0] && used < len)
		snprintf(buf + used, len - used, "; %s", facts);
}

static int add_event(json_t *doc, const struct nd_alert *a,
		     const struct nd_config *c)
{
	json_t *ev = obj_at(doc, "event");
	char why[1024 + 4096];
	char start[96], end[96];
	int sev = nd_severity_number(c->severity);

	reason(a, why, sizeof(why));
	rfc3339(a->bucket_start_ns, start, sizeof(start));
	rfc3339(a->bucket_start_ns + (int64_t)c->bucket_span_s * 1000000000,
		end, sizeof(end));
	return !ev || put(ev, "kind", json_string("alert")) ||
	       put(ev, "category", json_pack("[s]", "network")) ||
	       put(ev, "type", json_pack("[s]", "start")) ||
	       put(ev, "module", json_string("netanom")) ||
	       put(ev, "dataset", json_string("netanom.alert")) ||
	       put(ev, "severity", json_integer(sev < 0 ? 0 : sev)) ||
	       put(ev, "risk_score", json_real(c->risk_score)) ||
	       put(ev, "reason", text(why)) ||
	       put(ev, "start", json_string(start)) ||
	       put(ev, "end", json_string(end));
}

static int add_host(json_t *doc, const struct nd_host *h)
{
	json_t *host = obj_at(doc, "host");
	json_t *os = host ? obj_at(host, "os") : NULL;

	return !os || put(host, "name", text(h->name)) ||
	       put(host, "hostname", text(h->name)) ||
	       put(os, "type", json_string("linux")) ||
	       put(os, "kernel", text(h->kernel));
}

static int add_rule_host(json_t *doc, const struct nd_config *c,
			 const struct nd_host *h)
{
	json_t *rule = obj_at(doc, "rule");

	return !rule || put(rule, "name", text(c->rule_name)) ||
	       put(rule, "id", text(c->rule_id)) || add_host(doc, h);
}

static int add_process_user(json_t *doc, const struct nd_alert *a)
{
	json_t *proc = obj_at(doc, "process"), *user = obj_at(doc, "user");
	char uid[24];

	if (!proc || !user)
		return -1;
	if (a->exe && (put(proc, "executable", text(a->exe)) ||
		       put(proc, "name", text(base_name(a->exe)))))
		return -1;
	/* ECS's user.id is a keyword: the uid as a string. */
	snprintf(uid, sizeof(uid), "%u", (unsigned int)a->uid);
	return put(proc, "pid", json_integer(a->pid)) ||
	       put(user, "id", json_string(uid));
}

static int add_args(json_t *proc, const struct nd_enrich *en)
{
	json_t *args;
	size_t i;

	if (!en->args)
		return 0;
	args = json_array();
	if (!args || put(proc, "args", args))
		return -1;
	for (i = 0; i < en->nargs; i++)
		if (json_array_append_new(args, text(en->args[i])))
			return -1;
	return put(proc, "command_line", text(en->command_line));
}

/* What was read from /proc: each field only when it is known. */
static int add_enrich(json_t *doc, const struct nd_enrich *en)
{
	json_t *proc = obj_at(doc, "process"), *parent;

	if (!en)
		return 0;
	if (!proc || add_args(proc, en) ||
	    (en->cwd && put(proc, "working_directory", text(en->cwd))) ||
	    (en->sha256[0] &&
	     put(obj_at(proc, "hash"), "sha256", text(en->sha256))))
		return -1;
	if (en->ppid) {
		parent = obj_at(proc, "parent");
		if (!parent || put(parent, "pid", json_integer(en->ppid)) ||
		    (en->parent_exe &&
		     put(parent, "executable", text(en->parent_exe))))
			return -1;
	}
	if (en->user_name[0] &&
	    put(obj_at(doc, "user"), "name", text(en->user_name)))
		return -1;
	return 0;
}

/* netanom.exe.*: facts about the executable file. */
static int add_file_facts(json_t *exe, const struct nd_enrich *en)
{
	if (!en || !en->have_file)
		return 0;
	return put(exe, "deleted", json_boolean(en->deleted)) ||
	       put(exe, "temp_dir", json_boolean(en->temp_dir)) ||
	       put(exe, "world_writable_dir",
		   json_boolean(en->world_writable_dir)) ||
	       (en->have_owner &&
		put(exe, "owner_uid", json_integer(en->owner_uid)));
}

static int add_network(json_t *doc, const struct nd_alert *a)
{
	json_t *dst, *net;

	if (a->dest_ip[0] || a->dest_port) {
		dst = obj_at(doc, "destination");
		if (!dst || (a->dest_ip[0] && put(dst, "ip", text(a->dest_ip))) ||
		    (a->dest_port && put(dst, "port", json_integer(a->dest_port))))
			return -1;
	}
	if (a->ip_version != 4 && a->ip_version != 6 && !a->transport)
		return 0;
	net = obj_at(doc, "network");
	if (!net)
		return -1;
	if ((a->ip_version == 4 || a->ip_version == 6) &&
	    put(net, "type", json_string(a->ip_version == 4 ? "ipv4" : "ipv6")))
		return -1;
	return a->transport && put(net, "transport", text(a->transport));
}

static int add_netanom(json_t *doc, const struct nd_alert *a)
{
	json_t *na = obj_at(doc, "netanom");
	json_t *exe = na ? obj_at(na, "exe") : NULL;
	char comm[sizeof(a->comm) + 1];

	/* comm fills all 16 bytes only if the kernel's copy did. */
	memcpy(comm, a->comm, sizeof(a->comm));
	comm[sizeof(a->comm)] = '\0';

	return !exe || put(na, "score", json_real(a->score)) ||
	       put(na, "initial_score", json_real(a->initial_score)) ||
	       put(na, "probability", json_real(a->probability)) ||
	       put(na, "buckets_active", json_real(a->buckets_active)) ||
	       put(na, "buckets_observed", json_real(a->buckets_observed)) ||
	       put(na, "first_occurrence", json_boolean(a->first_occurrence)) ||
	       put(na, "connects", json_integer((json_int_t)a->connects)) ||
	       put(exe, "dev", json_integer((json_int_t)a->dev)) ||
	       put(exe, "ino", json_integer((json_int_t)a->ino)) ||
	       add_file_facts(exe, a->enrich) ||
	       put(na, "comm", text(comm));
}

/* A new document with @timestamp and ecs.version. */
static json_t *new_doc(int64_t time_ns)
{
	json_t *doc = json_object(), *ecs;
	char ts[96];

	if (!doc)
		return NULL;
	rfc3339(time_ns, ts, sizeof(ts));
	ecs = put(doc, "@timestamp", json_string(ts)) ? NULL :
	      obj_at(doc, "ecs");
	if (!ecs || put(ecs, "version", json_string(ND_ECS_VERSION))) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* @doc as one compact line, and @doc freed; NULL on failure. */
static char *finish(json_t *doc, bool failed)
{
	char *out = NULL;

	if (!failed)
		out = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER |
				      JSON_REAL_PRECISION(ND_REAL_DIGITS));
	json_decref(doc);
	return out;
}

char *nd_alert_ecs(const struct nd_alert *a, const struct nd_config *c,
		   const struct nd_host *h)
{
	json_t *doc = new_doc(a->time_ns);
	char line[1024 + 4096];

	if (!doc)
		return NULL;
	return finish(doc,
		      put(doc, "message",
			  text(nd_alert_line(a, line, sizeof(line)))) ||
		      add_event(doc, a, c) || add_rule_host(doc, c, h) ||
		      add_process_user(doc, a) || add_enrich(doc, a->enrich) ||
		      add_network(doc, a) || add_netanom(doc, a));
}

/*
 * The destination Elastic's Linux network jobs leave out of their data
 * (the local host, the unspecified address): the activity counted in a
 * bucket never includes loopback, so such a last destination does not
 * represent it, and a document carrying it would be dropped whole.
 */
static bool local_dest(const char *ip)
{
	return !ip[0] || !strncmp(ip, "127.", 4) || !strcmp(ip, "::1") ||
	       !strcmp(ip, "::") || !strcmp(ip, "0.0.0.0") ||
	       !strncmp(ip, "::ffff:127.", 11);
}

static int add_start_event(json_t *doc, int64_t start_ns, uint32_t span_s)
{
	json_t *ev = obj_at(doc, "event");
	char start[96], end[96];

	rfc3339(start_ns, start, sizeof(start));
	rfc3339(start_ns + (int64_t)span_s * 1000000000, end, sizeof(end));
	return !ev || put(ev, "kind", json_string("event")) ||
	       put(ev, "category", json_pack("[s]", "network")) ||
	       put(ev, "type", json_pack("[s]", "start")) ||
	       put(ev, "module", json_string("netanom")) ||
	       put(ev, "dataset", json_string("netanom.network")) ||
	       put(ev, "start", json_string(start)) ||
	       put(ev, "end", json_string(end));
}

static int add_activity_netanom(json_t *doc, const struct nd_alert *a,
				uint32_t span_s)
{
	json_t *na = obj_at(doc, "netanom");
	json_t *exe = na ? obj_at(na, "exe") : NULL;

	return !exe || put(na, "connects", json_integer((json_int_t)a->connects)) ||
	       put(na, "bucket_span_s", json_integer(span_s)) ||
	       put(exe, "dev", json_integer((json_int_t)a->dev)) ||
	       put(exe, "ino", json_integer((json_int_t)a->ino)) ||
	       put(na, "comm", text(a->comm));
}

char *nd_activity_ecs(const struct nd_activity *act, int64_t start_ns,
		      const struct nd_config *c, const struct nd_host *h,
		      const char *user_name)
{
	struct nd_alert a = {
		.exe = act->exe, .dev = act->dev, .ino = act->ino,
		.pid = act->pid, .uid = act->uid,
		.dest_port = act->dest_port, .ip_version = act->ip_version,
		.transport = act->transport, .connects = act->connects,
	};
	json_t *doc = new_doc(start_ns);

	if (!doc)
		return NULL;
	memcpy(a.comm, act->comm, sizeof(a.comm));
	a.comm[sizeof(a.comm) - 1] = '\0';
	if (!local_dest(act->dest_ip))
		snprintf(a.dest_ip, sizeof(a.dest_ip), "%s", act->dest_ip);
	else
		a.dest_port = 0;
	return finish(doc,
		      add_start_event(doc, start_ns, c->bucket_span_s) ||
		      add_host(doc, h) || add_process_user(doc, &a) ||
		      (user_name && user_name[0] &&
		       put(obj_at(doc, "user"), "name", text(user_name))) ||
		      add_network(doc, &a) ||
		      add_activity_netanom(doc, &a, c->bucket_span_s));
}
