// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's exclusion lists as text: parsed from the command line of
 * "exclude" (comma-separated), printed by "config" and "exclude".
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* "" and "none" are the empty list. */
static bool is_empty_list(const char *s)
{
	return !*s || !strcmp(s, "none");
}

/* Parse one item into slot @i of @x; 0 or -EINVAL. */
typedef int (*item_fn)(const char *item, struct netanom_exclude *x,
		       size_t i);

static int one_dest(const char *item, struct netanom_exclude *x, size_t i)
{
	return netanom_cidr_parse(item, &x->dests[i]) < 0 ? -EINVAL : 0;
}

static int one_uid(const char *item, struct netanom_exclude *x, size_t i)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(item, &end, 10);
	if (item[0] < '0' || item[0] > '9' || *end || errno ||
	    v > UINT32_MAX)
		return -EINVAL;
	x->uids[i] = (uint32_t)v;
	return 0;
}

/*
 * Split @s on commas and parse each item with @fn into @x, at most @max;
 * *@n is the number parsed.  On error, @bad (of @badlen bytes) holds the
 * item at fault.
 */
static int parse_list(const char *s, item_fn fn, size_t max,
		      struct netanom_exclude *x, size_t *n, char *bad,
		      size_t badlen)
{
	char *copy, *item, *save = NULL;
	int ret = 0;

	*n = 0;
	snprintf(bad, badlen, "%s", s);
	if (is_empty_list(s))
		return 0;
	copy = strdup(s);
	if (!copy)
		return -ENOMEM;
	for (item = strtok_r(copy, ",", &save); item && !ret;
	     item = strtok_r(NULL, ",", &save)) {
		snprintf(bad, badlen, "%s", item);
		if (*n == max)
			ret = -E2BIG;
		else if (!(ret = fn(item, x, *n)))
			(*n)++;
	}
	free(copy);
	return ret;
}

/**
 * cli_parse_dests() - "CIDR[,CIDR...]" into @x->dests
 * @s: the list
 * @x: where to put it
 * @bad: on error, the item at fault
 * @badlen: size of @bad
 *
 * Return: 0, -EINVAL for a bad CIDR, -E2BIG for too many, -ENOMEM.
 */
int cli_parse_dests(const char *s, struct netanom_exclude *x, char *bad,
		    size_t badlen)
{
	return parse_list(s, one_dest, NETANOM_EXCLUDE_MAX_DESTS, x,
			  &x->n_dests, bad, badlen);
}

/**
 * cli_parse_uids() - "UID[,UID...]" (numbers) into @x->uids
 * @s: the list
 * @x: where to put it
 * @bad: on error, the item at fault
 * @badlen: size of @bad
 *
 * Return: 0, -EINVAL for a bad uid, -E2BIG for too many, -ENOMEM.
 */
int cli_parse_uids(const char *s, struct netanom_exclude *x, char *bad,
		   size_t badlen)
{
	return parse_list(s, one_uid, NETANOM_EXCLUDE_MAX_UIDS, x, &x->n_uids,
			  bad, badlen);
}

/**
 * cli_print_exclude() - the lists as text lines, or into a JSON object
 * @ctx: where to print (text)
 * @x: the lists
 * @obj: JSON object to add "exclude_dests" and "exclude_uids" to, or NULL
 *	for text
 */
void cli_print_exclude(struct cli_ctx *ctx, const struct netanom_exclude *x,
		       json_t *obj)
{
	char buf[NETANOM_CIDR_LEN];
	json_t *d, *u;
	size_t i;

	if (obj) {
		d = json_array();
		u = json_array();
		for (i = 0; d && i < x->n_dests; i++)
			json_array_append_new(d, json_string(
				netanom_cidr_format(&x->dests[i], buf,
						    sizeof(buf))));
		for (i = 0; u && i < x->n_uids; i++)
			json_array_append_new(u, json_integer(x->uids[i]));
		json_object_set_new(obj, "exclude_dests", d);
		json_object_set_new(obj, "exclude_uids", u);
		return;
	}
	fprintf(ctx->out, "%-13s", "exclude_dests");
	for (i = 0; i < x->n_dests; i++)
		fprintf(ctx->out, " %s", netanom_cidr_format(&x->dests[i], buf,
							     sizeof(buf)));
	fprintf(ctx->out, "%s\n%-13s", x->n_dests ? "" : " none",
		"exclude_uids");
	for (i = 0; i < x->n_uids; i++)
		fprintf(ctx->out, " %u", x->uids[i]);
	fprintf(ctx->out, "%s\n", x->n_uids ? "" : " none");
}
