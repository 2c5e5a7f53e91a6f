// SPDX-License-Identifier: GPL-2.0
/*
 * The simple requests: statistics, configuration read back and changed
 * through the selector.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include "conformance.h"

static void nc_check_stats(struct nc *c)
{
	struct nc_stats st;
	struct nc_reply r;
	char why[256];

	nc_report(c, !nc_get_stats(c, &st, &r, why, sizeof(why)),
		  "get_stats", "GET_STATS: %s", why);
}

/*
 * Flip one flag through a selector that names only it: that flag changes,
 * the others stay.  Then put it back.
 */
static void nc_check_set_config(struct nc *c, uint32_t orig)
{
	const uint32_t bit = NETANOM_CONFIG_F_COUNT_UNIX;
	struct nc_reply r, r2;
	uint32_t now = 0;
	char why[256];
	int ok;

	nc_set_config(c, ~orig & bit, bit, &r);
	if (r.transport || r.error) {
		nc_report(c, 0, "set_config_selector", "SET_CONFIG: %s",
			  nc_strerror(&r));
		return;
	}
	if (nc_get_config(c, &now, &r, why, sizeof(why))) {
		nc_report(c, 0, "set_config_selector", "GET_CONFIG: %s", why);
		return;
	}
	ok = now == (orig ^ bit);
	nc_set_config(c, orig & bit, bit, &r);
	nc_report(c, ok, "set_config_selector",
		  "flags %#x after flipping %#x in %#x", now, bit, orig);

	nc_set_config(c, orig, NETANOM_CONFIG_F_ALL, &r);
	ok = !r.transport && !r.error &&
	     !nc_get_config(c, &now, &r, why, sizeof(why)) && now == orig;
	nc_report(c, ok, "set_config_restores", "flags %#x, expected %#x (%s)",
		  now, orig, nc_strerror(&r));

	/* An empty selector changes nothing. */
	nc_set_config(c, 0, 0, &r);
	ok = !r.transport && !r.error &&
	     !nc_get_config(c, &now, &r, why, sizeof(why)) && now == orig;
	nc_report(c, ok, "set_config_empty_selector",
		  "flags %#x, expected %#x (%s)", now, orig, nc_strerror(&r));

	/*
	 * Value bits outside the selector: the kernel's bitfield32 policy
	 * rejects them; accepting them is tolerable only if nothing changes.
	 */
	nc_set_config(c, ~orig & NETANOM_CONFIG_F_ALL, 0, &r);
	ok = !r.transport && (r.error ? r.extack[0] != '\0' : 1);
	ok = !nc_get_config(c, &now, &r2, why, sizeof(why)) && ok &&
	     now == orig;
	if (now != orig)
		nc_set_config(c, orig, NETANOM_CONFIG_F_ALL, &r2);
	nc_report(c, ok, "set_config_unselected_value",
		  "flags %#x, expected %#x (%s)", now, orig, nc_strerror(&r));
}

/**
 * nc_check_requests() - GET_STATS, GET_CONFIG and SET_CONFIG that succeed
 * @c: run
 */
void nc_check_requests(struct nc *c)
{
	struct nc_reply r;
	uint32_t flags;
	char why[256];

	nc_check_stats(c);
	if (nc_get_config(c, &flags, &r, why, sizeof(why))) {
		nc_report(c, 0, "get_config", "GET_CONFIG: %s", why);
		return;
	}
	nc_report(c, 1, "get_config", NULL);
	nc_check_set_config(c, flags);
}
