/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fake kernel for libnetanom's unit tests: a struct netanom_transport
 * whose recv() returns datagrams queued by the test (scripted replies) or
 * built by a small model of the netanom family (fk_model_*), and helpers
 * that build messages the way the kernel does.
 */
#ifndef FAKE_KERNEL_H
#define FAKE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "netanom.h"
#include "nl.h"

#define FK_FAMILY_ID	0x1c
#define FK_EVENTS_GRP	7
#define FK_PORTID	4242
#define FK_MAX_DGRAMS	64
#define FK_DGRAM_SIZE	65536

/**
 * struct fk_dgram - one datagram being built or queued
 * @buf: its bytes
 * @len: bytes of finished messages
 * @cur: the message being built, or NULL
 * @keep_seq: do not stamp the request's sequence number on it
 */
struct fk_dgram {
	char buf[FK_DGRAM_SIZE];
	size_t len;
	struct nlmsghdr *cur;
	bool keep_seq;
};

struct fk;
typedef void (*fk_respond_fn)(struct fk *fk, const struct nlmsghdr *req);

/**
 * struct fk_model - what the model kernel holds and how it misbehaves
 * @exes: the table
 * @nexes: entries in it
 * @per_dgram: entries per dump datagram (0: 2)
 * @stats: the stats reply
 * @flags: config flags
 * @not_loaded: the controller answers ENOENT for "netanom"
 * @deny: every netanom request fails with this errno (EPERM), 0: none
 * @intr_dumps: this many dumps carry NLM_F_DUMP_INTR; -1: every one
 * @set_error: SET_CONFIG fails with this errno and @set_error_msg
 * @set_error_msg: extack message of @set_error
 * @last_value: value of the last SET_CONFIG
 * @last_selector: selector of the last SET_CONFIG
 * @resets: RESET requests seen
 * @dumps: GET_EXE dumps seen
 * @excl: exclusion lists, returned by GET_CONFIG, set by SET_EXCLUDE
 * @excl_sets: SET_EXCLUDE requests accepted
 * @excl_error: SET_EXCLUDE fails with this errno and @set_error_msg
 * @events: events queued, one datagram each, when the events group is
 *	joined
 * @nevents: how many
 */
struct fk_model {
	struct netanom_exe *exes;
	size_t nexes;
	size_t per_dgram;
	struct netanom_stats stats;
	uint32_t flags;
	bool not_loaded;
	int deny;
	int intr_dumps;
	int set_error;
	const char *set_error_msg;
	uint32_t last_value;
	uint32_t last_selector;
	int resets;
	int dumps;
	struct netanom_exclude excl;
	int excl_sets;
	int excl_error;
	const struct netanom_event *events;
	size_t nevents;
};

/**
 * struct fk - the fake kernel
 * @q: queued datagrams
 * @nq: how many
 * @next: the next one recv() returns
 * @seq: sequence number of the last request
 * @req: copy of the last request
 * @nsent: requests sent
 * @send_error: send() fails with this (negative errno), 0: no
 * @recv_error: recv() fails with this when the queue is empty; 0: -ETIMEDOUT
 * @respond: builds the replies to a request, or NULL (scripted)
 * @model: state of fk_model_respond
 * @closed: close() was called
 * @once_error: the first recv() after join() fails with this (negative
 *	errno)
 * @joined: group the last join() joined, 0: none
 * @join_error: join() fails with this (negative errno), 0: no
 */
struct fk {
	struct fk_dgram *q[FK_MAX_DGRAMS];
	size_t nq;
	size_t next;
	uint32_t seq;
	char req[8192];
	int nsent;
	int send_error;
	int recv_error;
	fk_respond_fn respond;
	struct fk_model model;
	int closed;
	int once_error;
	uint32_t joined;
	int join_error;
};

void fk_init(struct fk *fk);
void fk_free(struct fk *fk);
/* A model kernel holding @nexes entries of @exes (not copied); aborts when
 * out of memory.  fk_delete() frees it and what it queued. */
struct fk *fk_new_model(struct netanom_exe *exes, size_t nexes);
void fk_delete(struct fk *fk);
struct netanom_transport fk_transport(struct fk *fk);
const struct nlmsghdr *fk_last_req(const struct fk *fk);

/* Building datagrams. */
struct fk_dgram *fk_dgram(struct fk *fk);
struct nlmsghdr *fk_msg(struct fk_dgram *d, uint16_t type, uint16_t flags,
			uint8_t cmd);
void fk_done(struct fk_dgram *d, uint16_t flags, int error, const char *msg);
void fk_err(struct fk_dgram *d, const struct nlmsghdr *req, int error,
	    const char *msg, bool capped);
void fk_end(struct fk_dgram *d);

/* One message in a caller's buffer (8 KiB is plenty). */
struct nlmsghdr *fk_genl(void *buf, uint16_t type, uint8_t cmd);

/* Attributes as the kernel puts them (u64 after a NETANOM_A_PAD). */
void fk_put_u64(struct nlmsghdr *nlh, uint16_t type, uint64_t v);
void fk_put_exe(struct nlmsghdr *nlh, const struct netanom_exe *e);
void fk_put_stats(struct nlmsghdr *nlh, const struct netanom_stats *st);
/* An event as the kernel sends it; no path attribute when ev->exe.path is
 * NULL, no destination when ev->exe.last_family is 0. */
void fk_put_event(struct nlmsghdr *nlh, const struct netanom_event *ev);
void fk_put_family(struct nlmsghdr *nlh, uint16_t id, const char *group,
		   uint32_t grp_id);

/* A sample entry: IPv4, every attribute. */
void fk_sample_exe(struct netanom_exe *e, const char *path, uint64_t ino,
		   uint64_t last_seen_ns);

/* A handle whose family was "resolved" without a request. */
struct netanom *fk_handle(struct fk *fk);

/* The model kernel. */
void fk_model_respond(struct fk *fk, const struct nlmsghdr *req);
int fk_model_open(void *arg, struct netanom **hp, struct netanom_error *err);
/* A handle on the model kernel, or NULL when opening it failed. */
struct netanom *fk_model_handle(struct fk *fk);

#endif /* FAKE_KERNEL_H */
