// SPDX-License-Identifier: GPL-2.0
/*
 * New-executable events, from the probe to the multicast group.
 *
 * The probe runs in atomic context and cannot build or send a netlink
 * message (that allocates, and delivery may take sleeping paths), so it
 * copies the facts of the use into a fixed ring under a spinlock and
 * schedules a work item, which sends them with GFP_KERNEL.  Before the copy
 * a token bucket decides whether the event may go at all: a fork storm of
 * fresh executables then costs a bounded number of messages, and what is
 * refused is counted, so the loss is visible in the stats.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include "event.h"
#include "netlink.h"

/**
 * netanom_tbucket_init() - a full bucket
 * @b: bucket
 * @rate: events per second refilled
 * @burst: most events at once; 0 lets nothing through
 * @now_ns: monotonic time
 */
void netanom_tbucket_init(struct netanom_tbucket *b, u32 rate, u32 burst,
			  u64 now_ns)
{
	b->rate = rate;
	b->burst = burst;
	b->tokens = (u64)burst * NSEC_PER_SEC;
	b->last_ns = now_ns;
}

/**
 * netanom_tbucket_take() - take one event's worth of tokens, if there is
 * @b: bucket
 * @now_ns: monotonic time, not before the previous call's
 *
 * Over any interval of length T from a full bucket, at most
 * burst + rate * T events are let through.
 *
 * Context: caller serialises calls on @b.
 * Return: true when the event may be sent.
 */
bool netanom_tbucket_take(struct netanom_tbucket *b, u64 now_ns)
{
	u64 cap = (u64)b->burst * NSEC_PER_SEC;
	u64 elapsed = now_ns > b->last_ns ? now_ns - b->last_ns : 0;

	/*
	 * Refill for the time since the last call.  Past the time that fills
	 * the bucket the product could overflow, and is not needed anyway.
	 */
	if (b->rate) {
		if (elapsed >= div_u64(cap, b->rate) + 1)
			b->tokens = cap;
		else
			b->tokens = min(cap, b->tokens + elapsed * b->rate);
	}
	b->last_ns = max(b->last_ns, now_ns);
	if (b->tokens < NSEC_PER_SEC)
		return false;
	b->tokens -= NSEC_PER_SEC;
	return true;
}

/**
 * netanom_ring_push() - queue a copy of @ev at the tail
 * @r: ring
 * @ev: event
 *
 * Context: caller holds the ring's lock.
 * Return: false when the ring is full and nothing was queued.
 */
bool netanom_ring_push(struct netanom_ring *r, const struct netanom_event *ev)
{
	if (r->len == NETANOM_EVENT_QUEUE_LEN)
		return false;
	r->slot[(r->head + r->len) % NETANOM_EVENT_QUEUE_LEN] = *ev;
	r->len++;
	return true;
}

/**
 * netanom_ring_pop() - take the oldest event off the ring
 * @r: ring
 * @ev: where to copy it
 *
 * Context: caller holds the ring's lock.
 * Return: false when the ring is empty.
 */
bool netanom_ring_pop(struct netanom_ring *r, struct netanom_event *ev)
{
	if (!r->len)
		return false;
	*ev = r->slot[r->head];
	r->head = (r->head + 1) % NETANOM_EVENT_QUEUE_LEN;
	r->len--;
	return true;
}

/*
 * Send what is queued.  Each event is copied out under the lock and sent
 * without it, so the probe never waits for a message being built.  The
 * ring holds at most NETANOM_EVENT_QUEUE_LEN events and the probe queues
 * again only through the rate limit, so the loop ends.
 */
static void netanom_events_work(struct work_struct *work)
{
	struct netanom_events *evs = container_of(work, struct netanom_events,
						  work);
	struct netanom_event ev;
	unsigned long flags;
	bool more;
	int ret;

	for (;;) {
		spin_lock_irqsave(&evs->lock, flags);
		more = netanom_ring_pop(&evs->ring, &ev);
		spin_unlock_irqrestore(&evs->lock, flags);
		if (!more)
			break;
		ret = netanom_netlink_notify(&ev);
		if (!ret)
			atomic64_inc(&evs->sent);
		else if (ret != -ESRCH)	/* -ESRCH: the listener left */
			atomic64_inc(&evs->dropped);
		cond_resched();
	}
}

/**
 * netanom_events_init() - set up an idle event queue
 * @evs: the events
 * @rate: module parameter event_rate
 * @burst: module parameter event_burst
 */
void netanom_events_init(struct netanom_events *evs, u32 rate, u32 burst)
{
	spin_lock_init(&evs->lock);
	netanom_tbucket_init(&evs->tb, rate, burst, ktime_get_ns());
	memset(&evs->ring, 0, sizeof(evs->ring));
	INIT_WORK(&evs->work, netanom_events_work);
	atomic64_set(&evs->sent, 0);
	atomic64_set(&evs->dropped, 0);
}

/**
 * netanom_events_push() - queue an event for sending, within the limit
 * @evs: the events
 * @ev: the event
 *
 * A full ring is checked first, so that an event that cannot be queued
 * does not spend a token.  Either loss is counted in @evs->dropped.
 *
 * Context: any, the probe included; does not sleep.
 */
void netanom_events_push(struct netanom_events *evs,
			 const struct netanom_event *ev)
{
	unsigned long flags;
	bool queued = false;

	spin_lock_irqsave(&evs->lock, flags);
	if (evs->ring.len < NETANOM_EVENT_QUEUE_LEN &&
	    netanom_tbucket_take(&evs->tb, ktime_get_ns()))
		queued = netanom_ring_push(&evs->ring, ev);
	spin_unlock_irqrestore(&evs->lock, flags);
	if (queued)
		schedule_work(&evs->work);
	else
		atomic64_inc(&evs->dropped);
}

/**
 * netanom_events_stop() - wait for the work item and drop what is queued
 * @evs: the events
 *
 * Context: process context, may sleep; nothing pushes any more (the probes
 * are unregistered) and the family is still registered.
 */
void netanom_events_stop(struct netanom_events *evs)
{
	cancel_work_sync(&evs->work);
}

/**
 * netanom_event_kind() - NETANOM_KIND_* of a counted use
 * @s: the use
 *
 * Return: the kind, NETANOM_KIND_UNSPEC for none known.
 */
u8 netanom_event_kind(const struct netanom_sample *s)
{
	static const u8 cls_kind[NETANOM_NR_CLASSES] = {
		[NETANOM_CLASS_TCP4] = NETANOM_KIND_TCP4,
		[NETANOM_CLASS_TCP6] = NETANOM_KIND_TCP6,
		[NETANOM_CLASS_UDP4] = NETANOM_KIND_UDP4,
		[NETANOM_CLASS_UDP6] = NETANOM_KIND_UDP6,
		[NETANOM_CLASS_OTHER] = NETANOM_KIND_OTHER,
	};
	static const u8 use_kind[NETANOM_NR_USES] = {
		[NETANOM_USE_SENDTO] = NETANOM_KIND_SENDTO,
		[NETANOM_USE_FASTOPEN] = NETANOM_KIND_FASTOPEN,
		[NETANOM_USE_LISTEN] = NETANOM_KIND_LISTEN,
		[NETANOM_USE_ACCEPT] = NETANOM_KIND_ACCEPT,
	};

	if (s->use == NETANOM_USE_CONNECT)
		return s->cls < NETANOM_NR_CLASSES ? cls_kind[s->cls] :
						     NETANOM_KIND_UNSPEC;
	return s->use < NETANOM_NR_USES ? use_kind[s->use] :
					  NETANOM_KIND_UNSPEC;
}
