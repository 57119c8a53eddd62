/* affari-quote-link-group.c — the deal card's link to the quote it was created from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-quotes"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-quotes.h"
#include "ui/quote/affari-quote-link-group.h"

struct _AffariQuoteLinkGroup
{
  AdwPreferencesGroup  parent_instance;

  /* template */
  AdwActionRow        *quote_row;
};

G_DEFINE_FINAL_TYPE (AffariQuoteLinkGroup, affari_quote_link_group, ADW_TYPE_PREFERENCES_GROUP)

static void
affari_quote_link_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AFFARI_TYPE_QUOTE_LINK_GROUP);

  G_OBJECT_CLASS (affari_quote_link_group_parent_class)->dispose (object);
}

static void
affari_quote_link_group_class_init (AffariQuoteLinkGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = affari_quote_link_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-quote-link-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteLinkGroup, quote_row);
}

static void
affari_quote_link_group_init (AffariQuoteLinkGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
affari_quote_link_group_set_deal (AffariQuoteLinkGroup *self,
                                  AffariWorkspace      *workspace,
                                  AffariDeal           *deal)
{
  gint64 id = deal != NULL ? affari_deal_get_quote_id (deal) : 0;
  g_autoptr(AffariQuotes) quotes = NULL;
  g_autoptr(AffariQuote) quote = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (AFFARI_IS_QUOTE_LINK_GROUP (self));

  if (id > 0 && workspace != NULL)
    {
      /* Reads only: no operations needed. */
      quotes = affari_quotes_new (affari_workspace_get_store (workspace), NULL);
      quote = affari_quotes_get (quotes, id, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), quote != NULL);
  if (quote == NULL)
    return;
  title = g_strdup_printf (_("Quote %s"), quote->number);
  /* Translators: under "Preventivo 2026/014" in a deal card; %s is the quote's status */
  subtitle = g_strdup_printf (_("The deal was created from this quote (%s)"),
                              affari_quote_status_display (quote->status));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quote_row), title);
  adw_action_row_set_subtitle (self->quote_row, subtitle);
  /* The target first: the action takes an int64 and is never looked up without one. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->quote_row), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->quote_row), "win.show-quote");
}
