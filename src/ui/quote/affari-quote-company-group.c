/* affari-quote-company-group.c — "La tua azienda" in Preferenze
 *
 * An address typed on several lines in another program shows on one line here, its lines
 * joined by commas; it is saved as typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-quotes"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-quotes.h"
#include "ui/quote/affari-quote-company-group.h"

struct _AffariQuoteCompanyGroup
{
  AdwPreferencesGroup  parent_instance;

  AffariQuotes        *quotes;

  /* template */
  AdwEntryRow         *name_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *vat_row;
};

G_DEFINE_FINAL_TYPE (AffariQuoteCompanyGroup, affari_quote_company_group, ADW_TYPE_PREFERENCES_GROUP)

/* ------------------------------------------------------------ auxiliary */

static void
set_row (AdwEntryRow *row,
         const char  *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autofree char *joined = g_strjoinv (", ", lines);

  gtk_editable_set_text (GTK_EDITABLE (row), joined);
}

static char *
dup_row (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_row_applied_cb (AffariQuoteCompanyGroup *self)
{
  AffariQuoteParty party = { dup_row (self->name_row), dup_row (self->address_row), dup_row (self->vat_row) };
  g_autoptr(GError) error = NULL;

  if (self->quotes != NULL && !affari_quotes_set_my_company (self->quotes, &party, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "prefs.toast", "s", error->message);
  affari_quote_party_clear (&party);
}

/* ------------------------------------------------------------ overrides */

static void
affari_quote_company_group_dispose (GObject *object)
{
  AffariQuoteCompanyGroup *self = AFFARI_QUOTE_COMPANY_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_QUOTE_COMPANY_GROUP);
  g_clear_object (&self->quotes);

  G_OBJECT_CLASS (affari_quote_company_group_parent_class)->dispose (object);
}

static void
affari_quote_company_group_class_init (AffariQuoteCompanyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_quote_company_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-quote-company-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteCompanyGroup, name_row);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteCompanyGroup, address_row);
  gtk_widget_class_bind_template_child (widget_class, AffariQuoteCompanyGroup, vat_row);
  gtk_widget_class_bind_template_callback (widget_class, on_row_applied_cb);
}

static void
affari_quote_company_group_init (AffariQuoteCompanyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------ public API */

void
affari_quote_company_group_set_workspace (AffariQuoteCompanyGroup *self,
                                          AffariWorkspace         *workspace)
{
  AffariQuoteParty party = { 0 };

  g_return_if_fail (AFFARI_IS_QUOTE_COMPANY_GROUP (self));
  g_return_if_fail (AFFARI_IS_WORKSPACE (workspace));

  g_clear_object (&self->quotes);
  /* Only settings: no deal is made here, so no operations (and no undo history) are needed. */
  self->quotes = affari_quotes_new (affari_workspace_get_store (workspace), NULL);
  affari_quotes_get_my_company (self->quotes, &party);
  set_row (self->name_row, party.name);
  set_row (self->address_row, party.address);
  set_row (self->vat_row, party.vat_id);
  affari_quote_party_clear (&party);
}
