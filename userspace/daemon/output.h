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
#include "bucket.h"
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

/* The ECS version every document netanomd writes declares (ecs.version). */
#define ND_ECS_VERSION "8.11.0"

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
 * nd_activity_ecs() - one executable's bucket as an ECS network start event
 * @act: its activity in the bucket
 * @start_ns: start of the bucket: the event's @timestamp and event.start
 *	(event.end is the bucket's end)
 * @c: bucket_span comes from here
 * @h: host fields
 * @user_name: user.name of @act's last uid, NULL or "" when unknown
 *
 * event.kind "event", event.category ["network"], event.type ["start"],
 * so that SIEM jobs built on process network starts (Elastic's
 * v3_linux_anomalous_network_activity) read it as they read an agent's
 * events; the count of the bucket's uses is netanom.connects.  The last
 * destination becomes destination.ip unless it is the local host or the
 * unspecified address (see docs/fleet.md).
 *
 * Return: a malloc'ed NUL-terminated line, or NULL when out of memory.
 */
char *nd_activity_ecs(const struct nd_activity *act, int64_t start_ns,
		      const struct nd_config *c, const struct nd_host *h,
		      const char *user_name);

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
 * The NDJSON file gets @doc and a newline, then fsync(2) (only if it
 * does not hold it already, when @a->resent); on a full disk the line
 * waits in memory for nd_outputs_retry().  A failing output is logged and
 * does not stop the others.
 *
 * Return: 0 when every output succeeded, -1 otherwise.
 */
int nd_outputs_emit(struct nd_outputs *o, const struct nd_alert *a,
		    const char *doc);

/**
 * nd_outputs_bucket() - the bucket's network start events, when [output]
 *	events is on
 * @o: the outputs
 * @b: the bucket as scored (merged: one entry per executable)
 *
 * One document (nd_activity_ecs()) per executable of @b that [exclude]
 * does not leave out, appended to the events file.
 *
 * Return: 0, or -1 when a document could not be built or written (logged).
 */
int nd_outputs_bucket(struct nd_outputs *o, const struct nd_bucket *b);

/**
 * nd_outputs_retry() - write what waits for room on a full disk
 * @o: the outputs, or NULL
 *
 * Return: 0 when nothing waits any more, 1 when the disk is still full,
 * -1 on another error.
 */
int nd_outputs_retry(struct nd_outputs *o);

/** nd_outputs_close() - close and free (NULL is allowed) */
void nd_outputs_close(struct nd_outputs *o);

#endif /* NETANOMD_OUTPUT_H */
