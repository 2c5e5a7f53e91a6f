// SPDX-License-Identifier: LGPL-2.1-or-later
/* Filling and formatting struct netanom_error. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nl.h"

#define NOT_LOADED_HINT "netanom kernel module is not loaded " \
	"(load it with: insmod netanom.ko, or modprobe netanom)"
#define NO_PERM_HINT "permission denied: netanom needs CAP_NET_ADMIN " \
	"in the initial user namespace (run as root on the host, not in a " \
	"container or user namespace)"
#define OTHER_NETNS_HINT "the netanom module is loaded, but it answers in " \
	"the initial network namespace only (run this as root in the " \
	"host's network namespace, e.g. with nsenter --net=/proc/1/ns/net)"

void nl_err_clear(struct netanom_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

/**
 * nl_err_set() - record an error
 * @err: where, or NULL
 * @kind: where it came from
 * @code: positive errno
 * @what: what was being done
 * @fmt: printf format of the message, or NULL for none
 *
 * Return: -@code, so that callers can "return nl_err_set(...)".
 */
int nl_err_set(struct netanom_error *err, enum netanom_error_kind kind,
	       int code, const char *what, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		nl_err_clear(err);
		err->kind = kind;
		err->code = code;
		snprintf(err->what, sizeof(err->what), "%s", what ? what : "");
		if (fmt) {
			va_start(ap, fmt);
			vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
			va_end(ap);
		}
	}
	return -code;
}

static int is_perm(int code)
{
	return code == EPERM || code == EACCES;
}

const char *netanom_error_format(const struct netanom_error *err, char *buf,
				 size_t len)
{
	size_t n;

	if (!len)
		return buf;
	if (err->kind == NETANOM_ERR_NOT_LOADED) {
		snprintf(buf, len, "%s", NOT_LOADED_HINT);
		return buf;
	}
	if (err->kind == NETANOM_ERR_OTHER_NETNS) {
		snprintf(buf, len, "%s", OTHER_NETNS_HINT);
		return buf;
	}
	if (err->what[0])
		snprintf(buf, len, "%s: ", err->what);
	else
		buf[0] = '\0';
	n = strlen(buf);
	if (is_perm(err->code))
		snprintf(buf + n, len - n, "%s", NO_PERM_HINT);
	else
		snprintf(buf + n, len - n, "%s", strerror(err->code));
	n = strlen(buf);
	if (err->msg[0] && n < len)
		snprintf(buf + n, len - n, ": %s", err->msg);
	n = strlen(buf);
	if (err->missing_attr && n < len)
		snprintf(buf + n, len - n, " (missing attribute %u)",
			 err->missing_attr);
	return buf;
}

/**
 * nl_err_what() - say what was being done, unless already said
 * @err: the error, or NULL
 * @what: what was being done
 */
void nl_err_what(struct netanom_error *err, const char *what)
{
	if (err && !err->what[0] && what)
		snprintf(err->what, sizeof(err->what), "%s", what);
}
