/* affari-window-quotes.h — the window's side of quotes: win.show-quotes and win.quote-from-card
 * (affari-window-quotes.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui/app/affari-window.h"

G_BEGIN_DECLS

/* win.show-quotes: opens "Preventivi". */
void _affari_window_show_quotes_action      (GtkWidget *widget, const char *action_name, GVariant *parameter);
/* win.quote-from-card ("Crea preventivo" in the deal card's menu): a quote of the deal the card
 * shows, opened in "Preventivi". */
void _affari_window_quote_from_card_action  (GtkWidget *widget, const char *action_name, GVariant *parameter);
/* win.show-quote (int64: a quote's id; the deal card's link): "Preventivi" with that quote open. */
void _affari_window_show_quote_action       (GtkWidget *widget, const char *action_name, GVariant *parameter);

G_END_DECLS
