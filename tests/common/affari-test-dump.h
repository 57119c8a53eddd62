/* affari-test-dump.h — a database as text, for tests that compare it before and after
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every row a change of deals can touch (deals, activities, product rows, contacts, custom
 * field values) and the kept stage totals, read from the file at @path: two dumps are equal only
 * when the database says exactly the same thing. */
char *affari_test_dump_deals (const char *path);
/* Every row of every table of the file at @path (the search index excepted: it is made from the
 * others), table by table in name order, rows sorted by all their columns. */
char *affari_test_dump_tables (const char *path);

G_END_DECLS
