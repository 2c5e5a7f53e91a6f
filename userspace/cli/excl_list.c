// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's exclusion lists as text: parsed from the command line of
 * "exclude" (comma-separated), printed by "config" and "exclude".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* "" and "none" are the empty list. */
static bool is_empty_list(const char *s)
{
	return !*s || !strcmp(s, "none");
}

/**
 * cli_parse_dests() - "CIDR[,CIDR...]" into @x->dests
 * @s: the list
 * @x: where to put it
 * @bad: on error, the item at fault (points into a copy that lives until
 *	the next call), or the whole list when it is too long
 *
 * Return: 0, -EINVAL for a bad CIDR or -E2BIG for too many.
 */
int cli_parse_dests(const char *s, struct netanom_exclude *x,
		    const char **bad)
{
	static char copy[4096];
	char *item, *save = NULL;

	x->n_dests = 0;
	*bad = s;
	if (is_empty_list(s))
		return 0;
	if (strlen(s) >= sizeof(copy))
		return -E2BIG;
	strcpy(copy, s);
	for (item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		*bad = item;
		if (x->n_dests == NETANOM_EXCLUDE_MAX_DESTS)
			return -E2BIG;
		if (netanom_cidr_parse(item, &x->dests[x->n_dests]) < 0)
			return -EINVAL;
		x->n_dests++;
	}
	return 0;
}

/**
 * cli_parse_uids() - "UID[,UID...]" (numbers) into @x->uids
 * @s: the list
 * @x: where to put it
 * @bad: as for cli_parse_dests()
 *
 * Return: 0, -EINVAL for a bad uid or -E2BIG for too many.
 */
int cli_parse_uids(const char *s, struct netanom_exclude *x,
		   const char **bad)
{
	static char copy[4096];
	char *item, *save = NULL, *end;
	unsigned long v;

	x->n_uids = 0;
	*bad = s;
	if (is_empty_list(s))
		return 0;
	if (strlen(s) >= sizeof(copy))
		return -E2BIG;
	strcpy(copy, s);
	for (item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		*bad = item;
		if (x->n_uids == NETANOM_EXCLUDE_MAX_UIDS)
			return -E2BIG;
		errno = 0;
		v = strtoul(item, &end, 10);
		if (item[0] < '0' || item[0] > '9' || *end || errno ||
		    v > UINT32_MAX)
			return -EINVAL;
		x->uids[x->n_uids++] = (uint32_t)v;
	}
	return 0;
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
