/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One alert, as the engine raises it and every output writes it.
 */
#ifndef NETANOMD_ALERT_H
#define NETANOMD_ALERT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "config.h"

struct nd_enrich;

/**
 * struct nd_alert - an executable whose bucket scored at or above the
 *	threshold
 * @time_ns: when it was raised (@timestamp), ns since the Unix epoch
 * @bucket_start_ns: start of the bucket that scored
 * @exe: path of the executable (process.executable)
 * @dev: st_dev of the executable file
 * @ino: st_ino of the executable file
 * @comm: first comm the kernel saw
 * @pid: last pid (process.pid)
 * @uid: last uid, initial user namespace (user.id)
 * @dest_ip: last destination address as text, "" when unknown
 * @dest_port: last destination port, 0 when unknown
 * @ip_version: 4 or 6 (network.type), 0 when unknown
 * @transport: "tcp", "udp" or NULL when unknown (network.transport)
 * @connects: non-loopback connects in the bucket
 * @score: current score, 0-100
 * @initial_score: the score when the alert was first raised
 * @probability: estimated probability of being active in a bucket
 * @buckets_active: decayed count of buckets the executable was active in
 * @buckets_observed: decayed count of buckets the host was observed
 * @first_occurrence: the executable had never been active before
 * @enrich: what was read from /proc about the process and its file when
 *	the alert was raised; NULL when nothing was (replay, a stored alert)
 * @tamper: NULL for an alert about an executable; for a tamper alert,
 *	what happened to the module ("module unloaded", ...), and then only
 *	@time_ns, @bucket_start_ns and @tamper_reason are set
 * @tamper_reason: a tamper alert's reason, in words
 * @resent: handed to the outputs again after a crash (stored, maybe
 *	written, not marked as sent): the file writes it only if it does
 *	not hold it already
 */
struct nd_alert {
	int64_t time_ns;
	int64_t bucket_start_ns;
	const char *exe;
	uint64_t dev;
	uint64_t ino;
	char comm[16];
	pid_t pid;
	uid_t uid;
	char dest_ip[48];
	uint16_t dest_port;
	int ip_version;
	const char *transport;
	uint64_t connects;
	double score;
	double initial_score;
	double probability;
	double buckets_active;
	double buckets_observed;
	bool first_occurrence;
	const struct nd_enrich *enrich;
	const char *tamper;
	const char *tamper_reason;
	bool resent;
};

#endif /* NETANOMD_ALERT_H */
