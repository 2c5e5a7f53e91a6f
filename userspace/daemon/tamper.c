// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tamper evidence, the logic: one report per event, not one per look.
 * Each kind of event has its own latch (gone, disabled) or counter
 * (resets), so a module left switched off is reported once, and reported
 * again only after it was switched back on and off again.
 */
#include "tamper.h"

static unsigned int first_look(struct nd_tamper *t,
			       const struct nd_tamper_obs *o)
{
	t->known = true;
	t->instance = o->instance;
	t->resets = o->resets;
	/* Resets before the daemon started are history, not an event; a
	 * module found switched off is: the daemon sees nothing. */
	t->disabled = !o->enabled;
	return o->enabled ? 0 : ND_TAMPER_DISABLED;
}

static unsigned int lost(struct nd_tamper *t, const struct nd_tamper_obs *o)
{
	/* A transient failure (a full socket buffer, memory) is not an
	 * unload: only a family that is gone is. */
	if (!t->known || !o->not_loaded || t->gone)
		return 0;
	t->gone = true;
	return ND_TAMPER_UNLOADED;
}

unsigned int nd_tamper_observe(struct nd_tamper *t,
			       const struct nd_tamper_obs *o,
			       uint64_t *new_resets)
{
	unsigned int ev = 0;

	if (!o->reachable)
		return lost(t, o);
	if (!t->known)
		return first_look(t, o);
	if (o->instance != t->instance) {
		/* Unloaded and loaded again between two looks: the gap was
		 * not seen, the new instance is the evidence. */
		if (!t->gone)
			ev |= ND_TAMPER_RELOADED;
		t->gone = false;
		t->instance = o->instance;
		t->resets = o->resets;
		t->disabled = false;
	} else if (o->resets != t->resets) {
		*new_resets = o->resets - t->resets;
		t->resets = o->resets;
		ev |= ND_TAMPER_RESET;
	}
	t->gone = false;
	if (!o->enabled && !t->disabled)
		ev |= ND_TAMPER_DISABLED;
	t->disabled = !o->enabled;
	return ev;
}
