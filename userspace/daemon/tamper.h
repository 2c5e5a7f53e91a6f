/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tamper evidence: what the module's stats and config say from one poll
 * to the next, turned into at most one alert per event -- the module
 * unloaded, reloaded behind the daemon's back, its table reset, its
 * counting switched off.  Pure logic; the daemon polls (tamper_poll.c).
 */
#ifndef NETANOMD_TAMPER_H
#define NETANOMD_TAMPER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alert.h"
#include "config.h"
#include "output.h"

/* How often netanomd looks: an event is reported within two polls. */
#define ND_TAMPER_POLL_NS	1000000000LL

/**
 * enum nd_tamper_event - what happened, as bits of nd_tamper_observe()'s
 *	result
 * @ND_TAMPER_UNLOADED: the module went away
 * @ND_TAMPER_RELOADED: a new instance of the module answers, and the
 *	daemon had not seen the old one go
 * @ND_TAMPER_RESET: its table was emptied (NETANOM_CMD_RESET)
 * @ND_TAMPER_DISABLED: its counting was switched off
 */
enum nd_tamper_event {
	ND_TAMPER_UNLOADED	= 1U << 0,
	ND_TAMPER_RELOADED	= 1U << 1,
	ND_TAMPER_RESET		= 1U << 2,
	ND_TAMPER_DISABLED	= 1U << 3,
};

/**
 * struct nd_tamper_obs - one look at the module
 * @reachable: stats and config were read; the fields below are valid
 * @not_loaded: not reachable because its family does not exist
 * @instance: NETANOM_A_STATS_INSTANCE
 * @resets: NETANOM_A_STATS_RESETS
 * @enabled: NETANOM_CONFIG_F_ENABLED is set
 */
struct nd_tamper_obs {
	bool reachable;
	bool not_loaded;
	uint64_t instance;
	uint64_t resets;
	bool enabled;
};

/**
 * struct nd_tamper - what the daemon knows of the module
 * @known: an instance was seen since the daemon started
 * @instance: the instance seen last
 * @resets: its reset count then
 * @gone: "unloaded" was reported, the module is not back yet
 * @disabled: "disabled" was reported, counting is not back on yet
 * @next_ns: when to look next
 */
struct nd_tamper {
	bool known;
	uint64_t instance;
	uint64_t resets;
	bool gone;
	bool disabled;
	int64_t next_ns;
};

/**
 * nd_tamper_observe() - compare one look with the last
 * @t: the state, updated
 * @o: what was seen now
 * @new_resets: set to the number of resets since the last look when
 *	ND_TAMPER_RESET is in the result
 *
 * A module that was never reachable, or a transient failure (reachable
 * false, not_loaded false), reports nothing.  A module that comes back
 * after "unloaded" was reported is adopted silently; one that was
 * disabled at the first look is reported once.
 *
 * Return: a set of enum nd_tamper_event bits, 0 for nothing new.
 */
unsigned int nd_tamper_observe(struct nd_tamper *t,
			       const struct nd_tamper_obs *o,
			       uint64_t *new_resets);

/**
 * nd_tamper_alert() - the alert and its ECS document for one event
 * @ev: one enum nd_tamper_event bit
 * @resets: for ND_TAMPER_RESET, how many resets
 * @now_ns: @timestamp
 * @c: configuration (bucket span, for the event's time range)
 * @h: host fields
 * @a: filled: time, a->tamper naming the event, a->tamper_reason
 *	pointing into @why
 * @why: room for the reason, in words
 * @whylen: size of @why
 *
 * rule.name is "netanom tamper: " and the event ("module unloaded",
 * "module reloaded", "table reset", "counting disabled"); rule.id
 * "netanom-tamper-" and the same words with dashes; event.category
 * "driver", event.type "change", severity 73 ("high").
 *
 * Return: the document (malloc'ed, one line), or NULL when out of memory.
 */
char *nd_tamper_alert(unsigned int ev, uint64_t resets, int64_t now_ns,
		      const struct nd_config *c, const struct nd_host *h,
		      struct nd_alert *a, char *why, size_t whylen);

#endif /* NETANOMD_TAMPER_H */
