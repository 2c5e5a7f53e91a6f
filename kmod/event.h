/* SPDX-License-Identifier: GPL-2.0 */
/*
 * New-executable events: the probe records the facts of an executable's
 * first counted use into a small ring, and a work item multicasts them
 * (NETANOM_CMD_NEW_EXE) from process context.  A token bucket bounds how
 * many events a storm of fresh executables can cause.
 */
#ifndef _NETANOM_EVENT_H
#define _NETANOM_EVENT_H

#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/netanom.h>
#include "table.h"

/* Largest event_rate and event_burst: beyond this there is no limit left. */
#define NETANOM_EVENT_PARAM_MAX	1000000U

/**
 * struct netanom_event - what an event reports, as the probe saw it
 * @time_ns: wall-clock time of the use, ns since the epoch
 * @key: the executable; the path is looked up when the event is sent
 * @pid: thread id, initial pid namespace
 * @tgid: process id
 * @ppid: process id of the parent
 * @uid: uid in the initial user namespace
 * @kind: enum netanom_event_kind
 * @dest: destination; family 0 for listen and accept
 * @comm: comm of the process
 */
struct netanom_event {
	u64 time_ns;
	struct netanom_key key;
	u32 pid;
	u32 tgid;
	u32 ppid;
	u32 uid;
	u8 kind;
	struct netanom_dest dest;
	char comm[TASK_COMM_LEN];
};

/**
 * struct netanom_tbucket - token bucket, in units of 1/NSEC_PER_SEC event
 * @tokens: tokens held, at most @burst * NSEC_PER_SEC
 * @last_ns: monotonic time of the last refill
 * @rate: events per second added
 * @burst: most events held
 *
 * One event costs NSEC_PER_SEC units and a nanosecond adds @rate units, so
 * the arithmetic is exact in integers.
 */
struct netanom_tbucket {
	u64 tokens;
	u64 last_ns;
	u32 rate;
	u32 burst;
};

/**
 * struct netanom_ring - fixed queue of events waiting to be sent
 * @head: index of the oldest event
 * @len: events queued
 * @slot: the events
 */
struct netanom_ring {
	unsigned int head;
	unsigned int len;
	struct netanom_event slot[NETANOM_EVENT_QUEUE_LEN];
};

/**
 * struct netanom_events - the event machinery of one module instance
 * @lock: protects @tb and @ring; taken by the probe, so never sleeps
 * @tb: rate limit
 * @ring: events waiting for @work
 * @work: sends the queued events
 * @sent: events multicast
 * @dropped: events lost to the rate limit, a full ring or a failed send
 */
struct netanom_events {
	spinlock_t lock; /* protects @tb and @ring */
	struct netanom_tbucket tb;
	struct netanom_ring ring;
	struct work_struct work;
	atomic64_t sent;
	atomic64_t dropped;
};

void netanom_tbucket_init(struct netanom_tbucket *b, u32 rate, u32 burst,
			  u64 now_ns);
bool netanom_tbucket_take(struct netanom_tbucket *b, u64 now_ns);
bool netanom_ring_push(struct netanom_ring *r, const struct netanom_event *ev);
bool netanom_ring_pop(struct netanom_ring *r, struct netanom_event *ev);

void netanom_events_init(struct netanom_events *evs, u32 rate, u32 burst);
void netanom_events_push(struct netanom_events *evs,
			 const struct netanom_event *ev);
void netanom_events_stop(struct netanom_events *evs);
u8 netanom_event_kind(const struct netanom_sample *s);

#endif /* _NETANOM_EVENT_H */
