// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Buckets the database did not take (a full disk, most often): kept in
 * memory, in order, and stored again later, so that a disk that fills up
 * for a while costs no bucket and no alert.  Retried after 1 s, then
 * with a doubling wait up to a minute, so that a disk full for hours
 * does not fill the log.  A bucket newer than one that waits waits too:
 * the engine takes buckets in time order only.
 */
#include <inttypes.h>
#include <string.h>

#include "daemon_int.h"
#include "log.h"

#define ND_HELD_FIRST_NS	ND_NSEC
#define ND_HELD_MAX_WAIT_NS	(60 * ND_NSEC)

static int64_t index_of(const struct nd_daemon *d, const struct nd_bucket *b)
{
	return nd_bucket_index(b->start_ns, d->cfg->bucket_span_s);
}

static void drop_oldest(struct nd_daemon *d)
{
	nd_log(LOG_ERR, "bucket %" PRId64 " dropped: %d buckets wait for "
	       "the database already (%s)", index_of(d, &d->held[0]),
	       ND_HELD_MAX, nd_state_path(d->db));
	nd_bucket_free(&d->held[0]);
	memmove(d->held, d->held + 1, (ND_HELD_MAX - 1) * sizeof(d->held[0]));
	d->nheld--;
}

void nd_held_add(struct nd_daemon *d, struct nd_bucket *b)
{
	if (d->nheld == ND_HELD_MAX)
		drop_oldest(d);
	d->held[d->nheld++] = *b;
	nd_bucket_init(b, 0);
}

int nd_held_store(struct nd_daemon *d, int64_t now_ns)
{
	size_t done = 0;
	int ret = 0;

	while (done < d->nheld) {
		int rc = nd_engine_bucket(&d->engine, &d->held[done], now_ns);

		if (rc < 0) {
			ret = -1;
			break;
		}
		/* Events only for a bucket the engine took (not skipped). */
		if (rc == 0)
			nd_outputs_bucket(d->outs, &d->held[done]);
		nd_bucket_free(&d->held[done++]);
	}
	if (done && (d->held_wait_ns || ret))
		nd_log(LOG_NOTICE, "the database takes buckets again: %zu "
		       "bucket(s) that waited are stored", done);
	memmove(d->held, d->held + done, (d->nheld - done) * sizeof(d->held[0]));
	d->nheld -= done;
	if (!d->nheld) {
		d->held_wait_ns = 0;
		return 0;
	}
	if (!d->held_wait_ns)
		nd_log(LOG_ERR, "%zu bucket(s) wait in memory for the database "
		       "(%s); retrying, after 1 s and then less often (a full "
		       "disk? free some space)", d->nheld, nd_state_path(d->db));
	d->held_wait_ns = d->held_wait_ns ? 2 * d->held_wait_ns :
			  ND_HELD_FIRST_NS;
	if (d->held_wait_ns > ND_HELD_MAX_WAIT_NS)
		d->held_wait_ns = ND_HELD_MAX_WAIT_NS;
	d->held_retry_ns = now_ns + d->held_wait_ns;
	return ret;
}

void nd_held_free(struct nd_daemon *d)
{
	size_t i;

	if (d->nheld)
		nd_log(LOG_ERR, "%zu bucket(s) never reached the database "
		       "(%s) and are lost", d->nheld, nd_state_path(d->db));
	for (i = 0; i < d->nheld; i++)
		nd_bucket_free(&d->held[i]);
	d->nheld = 0;
}
