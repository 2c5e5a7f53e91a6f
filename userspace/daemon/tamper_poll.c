// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tamper evidence, the daemon's side: every ND_TAMPER_POLL_NS, read the
 * module's stats and config (two small requests), and raise a tamper
 * alert through the daemon's outputs for what nd_tamper_observe() says
 * is new.  The daemon's own requests (SET_EXCLUDE, dumps) change neither
 * the reset count nor the instance nor the flags, so they never count.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "daemon_int.h"
#include "log.h"

static void raise_one(struct nd_daemon *d, unsigned int ev, uint64_t resets,
		      int64_t now_ns)
{
	struct nd_alert a;
	char why[512];
	char *doc;

	doc = nd_tamper_alert(ev, resets, now_ns, d->cfg, &d->host, &a, why,
			      sizeof(why));
	if (!doc) {
		nd_log(LOG_ERR, "tamper alert: out of memory");
		return;
	}
	nd_log(LOG_CRIT, "netanom tamper: %s: %s", a.tamper, why);
	nd_outputs_emit(d->outs, &a, doc);
	free(doc);
}

/* Stats and config in @o; false when either request failed. */
static bool look(struct nd_daemon *d, struct nd_tamper_obs *o)
{
	struct netanom_stats st;
	struct netanom_error err;
	uint32_t flags;

	if (netanom_get_stats(d->nl, &st, &err) < 0 ||
	    netanom_get_config(d->nl, &flags, &err) < 0)
		return false;
	o->reachable = true;
	o->instance = st.instance;
	o->resets = st.resets;
	o->enabled = flags & NETANOM_CONFIG_F_ENABLED;
	return true;
}

void nd_tamper_poll(struct nd_daemon *d, int64_t now_ns)
{
	struct nd_tamper_obs o = { 0 };
	uint64_t resets = 0, instance = d->tamper.instance;
	bool known = d->tamper.known;
	unsigned int ev, bit;

	if (now_ns < d->tamper.next_ns)
		return;
	d->tamper.next_ns = now_ns + ND_TAMPER_POLL_NS;
	if (d->nl && !look(d, &o)) {
		/* Gone, or a new family behind the old id: ask afresh. */
		nd_module_lost(d, now_ns);
		if (nd_module_connect(d, now_ns))
			look(d, &o);
	}
	if (!o.reachable)
		o.not_loaded = d->not_loaded;
	ev = nd_tamper_observe(&d->tamper, &o, &resets);
	if (o.reachable && (!known || instance != o.instance))
		nd_log(LOG_INFO, "watching the netanom module (instance "
		       "%016" PRIx64 ") for tampering every second",
		       o.instance);
	for (bit = 1; ev; bit <<= 1) {
		if (!(ev & bit))
			continue;
		ev &= ~bit;
		raise_one(d, bit, resets, now_ns);
	}
}
