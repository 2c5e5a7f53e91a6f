// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A tamper alert as an ECS document, beside the executable alerts of
 * ecs.c: same outputs, same host fields, its own rule, so that a SIEM
 * rule can tell "someone switched netanom off" from "a program behaved
 * unusually".
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tamper.h"

/* ECS's "high": someone with root turned the watch off. */
#define ND_TAMPER_SEVERITY	73

struct tamper_kind {
	unsigned int ev;
	const char *name;
	const char *id;
};

static const struct tamper_kind kinds[] = {
	{ ND_TAMPER_UNLOADED, "module unloaded", "module-unloaded" },
	{ ND_TAMPER_RELOADED, "module reloaded", "module-reloaded" },
	{ ND_TAMPER_RESET, "table reset", "table-reset" },
	{ ND_TAMPER_DISABLED, "counting disabled", "counting-disabled" },
};

static const struct tamper_kind *kind_of(unsigned int ev)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].ev == ev)
			return &kinds[i];
	return NULL;
}

static void reason(unsigned int ev, uint64_t resets, char *buf, size_t len)
{
	switch (ev) {
	case ND_TAMPER_UNLOADED:
		snprintf(buf, len, "the netanom kernel module was unloaded "
			 "while netanomd was running: no network use is "
			 "counted until it is loaded again");
		break;
	case ND_TAMPER_RELOADED:
		snprintf(buf, len, "the netanom kernel module was unloaded "
			 "and loaded again while netanomd was running: what "
			 "happened in between was not counted");
		break;
	case ND_TAMPER_RESET:
		snprintf(buf, len, "the netanom kernel module's table was "
			 "reset %" PRIu64 " time%s while netanomd was "
			 "running (not by netanomd): network use since its "
			 "last pull is lost", resets, resets == 1 ? "" : "s");
		break;
	default:
		snprintf(buf, len, "counting was switched off in the netanom "
			 "kernel module (netanomctl config enabled off) while "
			 "netanomd was running: no network use is counted "
			 "until it is switched on again");
		break;
	}
}

static void rfc3339(int64_t ns, char *buf, size_t len)
{
	time_t s = (time_t)(ns / 1000000000);
	struct tm tm;

	gmtime_r(&s, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (int)(ns % 1000000000 / 1000000));
}

char *nd_tamper_alert(unsigned int ev, uint64_t resets, int64_t now_ns,
		      const struct nd_config *c, const struct nd_host *h,
		      struct nd_alert *a, char *why, size_t whylen)
{
	const struct tamper_kind *k = kind_of(ev);
	char ts[64], name[64], id[64], *out;
	json_t *doc;

	(void)c;
	if (!k)
		return NULL;
	reason(ev, resets, why, whylen);
	memset(a, 0, sizeof(*a));
	a->time_ns = now_ns;
	a->bucket_start_ns = now_ns;
	a->tamper = k->name;
	a->tamper_reason = why;
	rfc3339(now_ns, ts, sizeof(ts));
	snprintf(name, sizeof(name), "netanom tamper: %s", k->name);
	snprintf(id, sizeof(id), "netanom-tamper-%s", k->id);
	doc = json_pack("{s:s, s:{s:s}, s:s++, s:{s:s, s:[s], s:[s], s:s, "
			"s:s, s:i, s:f, s:s, s:s}, s:{s:s, s:s}, "
			"s:{s:s, s:s, s:{s:s, s:s}}, s:{s:{s:s, s:I}}}",
			"@timestamp", ts,
			"ecs", "version", ND_ECS_VERSION,
			"message", name, ": ", why,
			"event", "kind", "alert", "category", "driver",
			"type", "change", "module", "netanom",
			"dataset", "netanom.tamper",
			"severity", ND_TAMPER_SEVERITY,
			"risk_score", (double)ND_TAMPER_SEVERITY,
			"reason", why, "created", ts,
			"rule", "name", name, "id", id,
			"host", "name", h->name, "hostname", h->name,
			"os", "type", "linux", "kernel", h->kernel,
			"netanom", "tamper", "event", k->id,
			"resets", (json_int_t)resets);
	if (!doc)
		return NULL;
	out = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return out;
}
