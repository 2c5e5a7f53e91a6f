/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Alert outputs: the ECS document of an alert, and where it goes (the NDJSON
 * file, syslog, the alert command).  The engine hands every alert to
 * nd_outputs_emit(); what is turned on comes from struct nd_config.
 */
#ifndef NETANOMD_OUTPUT_H
#define NETANOMD_OUTPUT_H

#include <stddef.h>

#include "alert.h"
#include "config.h"

/**
 * struct nd_host - the host fields of every alert
 * @name: host.name
 * @kernel: host.os.kernel (uname -r)
 */
struct nd_host {
	char name[256];
	char kernel[128];
};

/** nd_host_read() - fill @h from uname(2); 0 or -1 (errno set) */
int nd_host_read(struct nd_host *h);

/**
 * nd_alert_ecs() - the alert as one line of ECS JSON, without a newline
 * @a: the alert
 * @c: rule name, id, severity and risk score come from here
 * @h: host fields
 *
 * Return: a malloc'ed NUL-terminated string, or NULL when out of memory.
 */
char *nd_alert_ecs(const struct nd_alert *a, const struct nd_config *c,
		   const struct nd_host *h);

/**
 * nd_alert_line() - the one syslog line a human can act on
 * @a: the alert
 * @buf: output
 * @len: size of @buf
 *
 * Return: @buf.
 */
const char *nd_alert_line(const struct nd_alert *a, char *buf, size_t len);

struct nd_outputs;

/**
 * nd_outputs_open() - open the outputs @c turns on
 * @op: the outputs, on success
 * @c: configuration; must outlive the outputs
 * @h: host fields; copied
 * @err: on failure, one line naming the file and the reason
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err filled.
 */
int nd_outputs_open(struct nd_outputs **op, const struct nd_config *c,
		    const struct nd_host *h, char *err, size_t errlen);

/**
 * nd_outputs_emit() - write one alert to every output
 * @o: the outputs
 * @a: the alert
 * @doc: its ECS document from nd_alert_ecs()
 *
 * The NDJSON file gets @doc and a newline, then fsync(2).  A failing
 * output is logged and does not stop the others.
 *
 * Return: 0 when every output succeeded, -1 otherwise.
 */
int nd_outputs_emit(struct nd_outputs *o, const struct nd_alert *a,
		    const char *doc);

/** nd_outputs_close() - close and free (NULL is allowed) */
void nd_outputs_close(struct nd_outputs *o);

#endif /* NETANOMD_OUTPUT_H */
