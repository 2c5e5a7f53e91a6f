/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An aligned text table: columns sized to their widest cell. */
#ifndef NETANOMCTL_TABLE_H
#define NETANOMCTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/**
 * struct table_col - a column
 * @title: its header
 * @right: right-aligned (numbers)
 */
struct table_col {
	const char *title;
	bool right;
};

/**
 * struct table - rows of cells
 * @cols: the columns
 * @ncols: how many
 * @cells: @nrows * @ncols strings, row after row, owned
 * @nrows: rows added
 * @cap: rows allocated
 */
struct table {
	const struct table_col *cols;
	size_t ncols;
	char **cells;
	size_t nrows;
	size_t cap;
};

void table_init(struct table *t, const struct table_col *cols, size_t ncols);
int table_add(struct table *t, const char *const *cells);
void table_print(const struct table *t, FILE *f);
void table_free(struct table *t);
char *table_escape(const char *s);

#endif /* NETANOMCTL_TABLE_H */
