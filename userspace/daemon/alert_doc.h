/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An alert rebuilt from its stored ECS document. */
#ifndef NETANOMD_ALERT_DOC_H
#define NETANOMD_ALERT_DOC_H

#include "alert.h"
#include "bucket.h"

/**
 * nd_alert_from_doc() - the fields of @doc back into @a
 * @doc: an ECS document written by nd_alert_ecs()
 * @a: filled in; a->exe points to *@exe; times are left 0
 * @exe: the executable's path, malloc'ed (free it after @a)
 *
 * Return: 0, or -1 when @doc is not a JSON object or memory ran out.
 */
int nd_alert_from_doc(const char *doc, struct nd_alert *a, char **exe);

#endif /* NETANOMD_ALERT_DOC_H */
