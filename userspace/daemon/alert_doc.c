// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An alert back from its stored ECS document.  Only needed to emit again
 * an alert that was committed but not handed to the outputs before a
 * crash: the document is what the SIEM gets, so it is the one record that
 * must be complete; the struct for the syslog line is rebuilt from it.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert_doc.h"

static json_t *at(json_t *doc, const char *a, const char *b)
{
	json_t *o = json_object_get(doc, a);

	return b ? json_object_get(o, b) : o;
}

static const char *str_at(json_t *doc, const char *a, const char *b)
{
	const char *s = json_string_value(at(doc, a, b));

	return s ? s : "";
}

static double num_at(json_t *doc, const char *a, const char *b)
{
	return json_number_value(at(doc, a, b));
}

static json_int_t int_at(json_t *doc, const char *a, const char *b)
{
	return json_integer_value(at(doc, a, b));
}

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src);
}

static void fill(struct nd_alert *a, json_t *doc)
{
	json_t *na = json_object_get(doc, "netanom");
	const char *type = str_at(doc, "network", "type");

	a->pid = (pid_t)int_at(doc, "process", "pid");
	a->uid = (uid_t)strtoul(str_at(doc, "user", "id"), NULL, 10);
	copy(a->dest_ip, sizeof(a->dest_ip), str_at(doc, "destination", "ip"));
	a->dest_port = (uint16_t)int_at(doc, "destination", "port");
	a->ip_version = !strcmp(type, "ipv4") ? 4 :
			!strcmp(type, "ipv6") ? 6 : 0;
	a->transport = nd_transport_name(str_at(doc, "network", "transport"));
	a->connects = (uint64_t)int_at(na, "connects", NULL);
	a->score = num_at(na, "score", NULL);
	a->initial_score = num_at(na, "initial_score", NULL);
	a->probability = num_at(na, "probability", NULL);
	a->buckets_active = num_at(na, "buckets_active", NULL);
	a->buckets_observed = num_at(na, "buckets_observed", NULL);
	a->first_occurrence = json_is_true(at(na, "first_occurrence", NULL));
	a->dev = (uint64_t)int_at(na, "exe", "dev");
	a->ino = (uint64_t)int_at(na, "exe", "ino");
	copy(a->comm, sizeof(a->comm), str_at(na, "comm", NULL));
}

int nd_alert_from_doc(const char *doc, struct nd_alert *a, char **exe)
{
	json_t *root = json_loads(doc, 0, NULL);

	memset(a, 0, sizeof(*a));
	*exe = NULL;
	if (!json_is_object(root)) {
		json_decref(root);
		return -1;
	}
	fill(a, root);
	*exe = strdup(str_at(root, "process", "executable"));
	json_decref(root);
	if (!*exe)
		return -1;
	a->exe = *exe;
	return 0;
}
