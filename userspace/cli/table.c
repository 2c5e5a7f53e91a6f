// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An aligned text table.  Cells are escaped when added: a path or a comm
 * may hold control characters (a process picks its own comm), and those
 * must not reach the terminal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

void table_init(struct table *t, const struct table_col *cols, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->ncols = ncols;
}

/**
 * table_escape() - a copy of @s with control bytes written as \xNN
 * @s: the text
 *
 * Return: the copy (free() it), or NULL when out of memory.
 */
char *table_escape(const char *s)
{
	char *out = malloc(strlen(s) * 4 + 1), *o = out;
	const unsigned char *p;

	if (!out)
		return NULL;
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			o += sprintf(o, "\\x%02x", *p);
		else
			*o++ = (char)*p;
	}
	*o = '\0';
	return out;
}

static int table_grow(struct table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 32;
	char **cells = reallocarray(t->cells, cap * t->ncols, sizeof(*cells));

	if (!cells)
		return -ENOMEM;
	t->cells = cells;
	t->cap = cap;
	return 0;
}

/**
 * table_add() - add a row
 * @t: the table
 * @cells: @t->ncols strings, copied
 *
 * Return: 0 or -ENOMEM.
 */
int table_add(struct table *t, const char *const *cells)
{
	char **row;
	size_t i;

	if (t->nrows == t->cap && table_grow(t) < 0)
		return -ENOMEM;
	row = t->cells + t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		row[i] = table_escape(cells[i]);
		if (!row[i]) {
			while (i--)
				free(row[i]);
			return -ENOMEM;
		}
	}
	t->nrows++;
	return 0;
}

/* Characters, not bytes: UTF-8 continuation bytes take no column. */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static size_t col_width(const struct table *t, size_t c)
{
	size_t w = text_width(t->cols[c].title), r, cw;

	for (r = 0; r < t->nrows; r++) {
		cw = text_width(t->cells[r * t->ncols + c]);
		if (cw > w)
			w = cw;
	}
	return w;
}

static void print_row(const struct table *t, const char *const *row,
		      const size_t *width, FILE *f)
{
	size_t c, pad;

	for (c = 0; c < t->ncols; c++) {
		bool last = c + 1 == t->ncols;

		pad = width[c] - text_width(row[c]);
		if (t->cols[c].right)
			fprintf(f, "%*s%s", (int)pad, "", row[c]);
		else
			fprintf(f, "%s%*s", row[c], last ? 0 : (int)pad, "");
		fputs(last ? "\n" : "  ", f);
	}
}

/**
 * table_print() - print the header and the rows, columns aligned
 * @t: the table
 * @f: where
 */
void table_print(const struct table *t, FILE *f)
{
	const char *titles[t->ncols ? t->ncols : 1];
	size_t width[t->ncols ? t->ncols : 1];
	size_t c, r;

	for (c = 0; c < t->ncols; c++) {
		titles[c] = t->cols[c].title;
		width[c] = col_width(t, c);
	}
	print_row(t, titles, width, f);
	for (r = 0; r < t->nrows; r++)
		print_row(t, (const char *const *)t->cells + r * t->ncols,
			  width, f);
}

void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
