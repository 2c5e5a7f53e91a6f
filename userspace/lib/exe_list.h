/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NETANOM_EXE_LIST_H
#define NETANOM_EXE_LIST_H

#include "netanom.h"

int exe_list_push(struct netanom_exe_list *l, struct netanom_exe *e);

#endif /* NETANOM_EXE_LIST_H */
