/* affari-bench-app.h — the benchmark's app: Affari's real window with a driver attached from
 * outside (affari-bench-app.c), for affari-bench
 *
 * affari-bench-app.c     the app as main.c starts it; after its first frame, the driver asked for
 * affari-bench-drop.c    drops made by a timer (the column's drop target) and with the real pointer
 * affari-bench-scroll.c  a board column scrolled from the top to the end, frame by frame
 * affari-bench-list.c    the list opened, sorted, searched and scrolled
 *
 * The drivers use only the window's public API: its actions, its getters, the frame clock's
 * before-paint and after-paint. They print lines that affari-bench reads (numbers with a decimal
 * point whatever the locale).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/app/affari-window.h"
#include "ui/board/affari-kanban-board.h"

G_BEGIN_DECLS

/* Calls @ready once the first @n_columns columns of the board have all their rows (as a user
 * finds them, once the window has settled). */
void bench_app_when_board_settled (AffariWindow *window,
                                   guint         n_columns,
                                   GSourceFunc   ready,
                                   gpointer      data);
/* The column of the stage called @code, or NULL. */
AffariKanbanColumn *bench_app_find_column (AffariKanbanBoard *board,
                                           const char        *code);

/* affari-bench-drop.c: @drops moves between the first two columns, @interval_ms apart, each
 * timed to the frame that shows it ("drop-ms X persisted-ms Y", then "drop-done"). */
void bench_drop_start      (AffariWindow *window,
                            int           drops,
                            int           interval_ms);
/* Prints where the real pointer takes the top cards of the first two columns
 * ("real-drop-geometry x0 y0 x1 y1"), then times every drop made there ("drop-ms …"). */
void bench_real_drop_start (AffariWindow *window);

/* affari-bench-scroll.c: the column of @stage_code scrolled from the top to the end
 * ("scroll-… N" lines, then "scroll-done"). */
void bench_scroll_start    (AffariWindow *window,
                            const char   *stage_code);

/* affari-bench-list.c: "Elenco" clicked, three sorts, a search typed, a scroll to the end
 * ("list-first-frame …", "list-sort-us …", "list-search-us …", "list-scroll …"); then quits. */
void bench_list_start      (AffariWindow *window);

G_END_DECLS
