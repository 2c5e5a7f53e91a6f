/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The three alert outputs behind nd_outputs_*(): private to outputs.c and
 * the unit tests.  Each reports its own failures through nd_log().
 */
#ifndef NETANOMD_OUT_H
#define NETANOMD_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alert.h"
#include "config.h"

struct nd_out_file;

/**
 * nd_out_file_open() - open (creating it and its directory) the NDJSON file
 * @fp: the open file, on success
 * @path: absolute path; missing directories are created mode 0750
 * @err: on failure, "PATH: reason"
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err filled.
 */
int nd_out_file_open(struct nd_out_file **fp, const char *path, char *err,
		     size_t errlen);

/**
 * nd_out_file_write() - append @doc and a newline in one write(2), then
 *	fsync(2)
 * @f: the file
 * @doc: one JSON document without a newline
 * @once: @doc is sent again after a crash: write it only if the end of
 *	the file does not hold it already
 *
 * If the path now names another file (log rotation moved ours away), the
 * new file is opened first, so alerts follow the path, not the inode.
 * When the disk is full the line waits in memory, after those already
 * waiting (see nd_out_file_retry()).
 *
 * Return: 0 when written (or found), 1 when it waits for room, -1 on
 * another error or when the waiting room is full (logged).
 */
int nd_out_file_write(struct nd_out_file *f, const char *doc, bool once);

/**
 * nd_out_file_retry() - write the lines that wait for room on the disk
 * @f: the file, or NULL
 *
 * Return: 0 when none waits any more, 1 when the disk is still full, -1
 * on another error.
 */
int nd_out_file_retry(struct nd_out_file *f);

/** nd_out_file_waiting() - lines waiting for room on the disk */
size_t nd_out_file_waiting(const struct nd_out_file *f);

/** nd_out_file_close() - close and free (NULL is allowed) */
void nd_out_file_close(struct nd_out_file *f);

/** typedef nd_syslog_fn - sends one line at priority @prio (syslog(3)) */
typedef void (*nd_syslog_fn)(int prio, const char *line);

/** nd_syslog_send() - the real nd_syslog_fn: syslog(3) as LOG_DAEMON */
void nd_syslog_send(int prio, const char *line);

/**
 * nd_out_syslog() - send the alert's line through @send
 * @a: the alert
 * @severity: the rule's severity; "high" and "critical" log at a more
 *	urgent priority than "low" and "medium"
 * @send: nd_syslog_send, or a test's catcher
 */
void nd_out_syslog(const struct nd_alert *a, const char *severity,
		   nd_syslog_fn send);

/**
 * nd_out_command() - run @argv with @doc and a newline on its stdin
 * @argv: absolute path and arguments, NULL-terminated; run without a shell
 * @doc: the ECS document
 * @timeout_s: the command's process group is killed after this long
 *
 * Returns after the command exited or was killed, and reaped: never later
 * than @timeout_s plus the time a SIGKILL takes.  Needs SIGCHLD not to be
 * ignored (an ignored SIGCHLD reaps children before waitpid(2) can).
 *
 * Return: 0 when the command exited 0, -1 otherwise (logged).
 */
int nd_out_command(char *const argv[], const char *doc, uint32_t timeout_s);

#endif /* NETANOMD_OUT_H */
