// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The host fields of every alert, read once at start: they describe the
 * machine the alert is about, and the SIEM groups alerts by them.
 */
#include <stdio.h>
#include <sys/utsname.h>

#include "output.h"

int nd_host_read(struct nd_host *h)
{
	struct utsname u;

	if (uname(&u))
		return -1;
	snprintf(h->name, sizeof(h->name), "%s", u.nodename);
	snprintf(h->kernel, sizeof(h->kernel), "%s", u.release);
	return 0;
}
