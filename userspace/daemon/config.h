/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netanomd configuration: the INI file (libinih) and its defaults.
 *
 * The file has four sections; every key is optional:
 *   [rule]    name, id, anomaly_threshold, bucket_span, min_buckets,
 *             severity, risk_score, realert
 *   [exclude] executables (paths and fnmatch(3) globs), users (uid or name),
 *             destinations (CIDRs), each a whitespace- or comma-separated
 *             list; users and destinations are also handed to the module
 *             (uses by them are counted as "excluded" there)
 *   [output]  alerts (NDJSON file; "" turns it off), syslog (on/off),
 *             command (argv, split on whitespace, run without a shell),
 *             command_timeout (duration, at most 10m), events (NDJSON
 *             file of per-bucket network start events; off by default),
 *             metrics (Prometheus text file; off by default)
 *   [state]   database
 *
 * A key given twice keeps the last value, except the [exclude] lists,
 * which add up (the first "destinations" line replaces the default list).  etc/netanomd.conf documents every key and its default.
 */
#ifndef NETANOMD_CONFIG_H
#define NETANOMD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "netanom.h"

#define ND_DEFAULT_CONFIG	"/etc/netanom/netanomd.conf"
#define ND_DEFAULT_DATABASE	"/var/lib/netanom/netanom.db"
#define ND_DEFAULT_ALERTS	"/var/log/netanom/alerts.ndjson"
/* [exclude] destinations when the file does not say: the local host. */
#define ND_DEFAULT_EXCLUDE_DESTS "127.0.0.0/8 ::1/128 ::/128"

/**
 * struct nd_config - everything netanomd reads from its configuration
 * @rule_name: rule.name of every alert
 * @rule_id: rule.id of every alert
 * @anomaly_threshold: alert when a score reaches this (0-100)
 * @bucket_span_s: length of one bucket, in seconds
 * @min_buckets: observed buckets before anything scores
 * @severity: "low", "medium", "high" or "critical"
 * @risk_score: event.risk_score of every alert (0-100)
 * @realert_s: after an alert, no new alert for the same executable for this
 *	long, unless its score rises
 * @exclude_exes: paths and globs never scored; @n_exclude_exes of them
 * @n_exclude_exes: number of @exclude_exes
 * @exclude_uids: users never scored, resolved to uids when the file is read
 * @n_exclude_uids: number of @exclude_uids
 * @exclude_dests: destination CIDRs the module leaves out of its counters
 * @n_exclude_dests: number of @exclude_dests
 * @exclude_dests_given: the file gave "destinations" (the defaults are gone)
 * @alerts_path: NDJSON alert file, NULL when turned off
 * @syslog: one syslog line per alert
 * @command: argv of the alert command (NULL-terminated), NULL when none
 * @command_timeout_s: the command is killed after this long
 * @events_path: NDJSON file of one ECS network start event per executable
 *	active in a bucket, NULL when off (the default)
 * @metrics_path: Prometheus text-format file rewritten every bucket, NULL
 *	when off (the default)
 * @database: SQLite state file
 */
struct nd_config {
	char *rule_name;
	char *rule_id;
	double anomaly_threshold;
	uint32_t bucket_span_s;
	uint32_t min_buckets;
	char *severity;
	double risk_score;
	uint32_t realert_s;
	char **exclude_exes;
	size_t n_exclude_exes;
	uid_t *exclude_uids;
	size_t n_exclude_uids;
	struct netanom_cidr exclude_dests[NETANOM_EXCLUDE_MAX_DESTS];
	size_t n_exclude_dests;
	bool exclude_dests_given;
	char *alerts_path;
	bool syslog;
	char **command;
	uint32_t command_timeout_s;
	char *events_path;
	char *metrics_path;
	char *database;
};

/** nd_config_defaults() - fill @c with the defaults (allocates; free below) */
int nd_config_defaults(struct nd_config *c);

/**
 * nd_config_load() - defaults, then the file at @path on top
 * @c: filled on success; left empty (nd_config_free-able) on failure
 * @path: the INI file
 * @missing_ok: a missing file is not an error (the default path)
 * @err: on failure, one line "FILE:LINE: what is wrong (what is allowed)";
 *	LINE is 0 when the file as a whole cannot be opened
 * @errlen: size of @err
 *
 * Unknown sections and keys, values out of range and unknown users are
 * errors: a typo must not silently leave a default in force.
 *
 * Return: 0, or -1 with @err filled.
 */
int nd_config_load(struct nd_config *c, const char *path, bool missing_ok,
		   char *err, size_t errlen);

/** nd_config_free() - free what @c holds */
void nd_config_free(struct nd_config *c);

/**
 * nd_parse_duration() - "10s", "15m", "1h", "2d" or plain seconds
 * @s: the text
 * @out: seconds, on success
 *
 * Return: 0, or -1 when @s is not a positive duration.
 */
int nd_parse_duration(const char *s, uint32_t *out);

/**
 * nd_severity_number() - event.severity for a severity name
 * @severity: "low", "medium", "high" or "critical"
 *
 * ECS leaves the scale of event.severity to the source.  netanom uses the
 * default risk score Elastic's detection rules give each severity, so that
 * sorting by either field agrees: low 21, medium 47, high 73, critical 99.
 *
 * Return: the number, or -1 for anything else.
 */
int nd_severity_number(const char *severity);

/** nd_config_excludes_exe() - is @path excluded by [exclude] executables? */
bool nd_config_excludes_exe(const struct nd_config *c, const char *path);

/** nd_config_excludes_uid() - is @uid excluded by [exclude] users? */
bool nd_config_excludes_uid(const struct nd_config *c, uid_t uid);

#endif /* NETANOMD_CONFIG_H */
