/* affari-window-quotes.c — quotes from the main window
 *
 * The card's menu item is a window action: the window knows which deal its card shows, so the
 * card (at its size limit) needs no code of its own for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-quotes.h"
#include "ui/app/affari-window-private.h"
#include "ui/app/affari-window-quotes.h"
#include "ui/quote/affari-quotes-window.h"

static GtkWidget *
show_quotes (AffariWindow *self)
{
  GtkWidget *window = affari_quotes_window_new (GTK_WINDOW (self), self->workspace, self->ops);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
_affari_window_show_quotes_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  show_quotes (AFFARI_WINDOW (widget));
}

void
_affari_window_quote_from_card_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  AffariWindow *self = AFFARI_WINDOW (widget);
  gint64 deal_id = self->deal_card != NULL ? affari_deal_card_get_deal_id (self->deal_card) : 0;
  g_autoptr(AffariQuotes) quotes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  gint64 id;

  if (deal_id == 0)
    {
      affari_window_add_toast (self, _("Create the deal first, then its quote"));
      return;
    }
  quotes = affari_quotes_new (affari_workspace_get_store (self->workspace), self->ops);
  id = affari_quotes_create_from_deal (quotes, deal_id, &error);
  if (id == 0)
    {
      /* Translators: a toast; %s says why. */
      g_autofree char *message = g_strdup_printf (_("The quote could not be created: %s"), error->message);

      affari_window_add_toast (self, message);
      return;
    }
  window = show_quotes (self);
  gtk_widget_activate_action (window, "quotes.open", "x", id);
}

void
_affari_window_show_quote_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GtkWidget *window = show_quotes (AFFARI_WINDOW (widget));

  gtk_widget_activate_action_variant (window, "quotes.open", parameter);
}
