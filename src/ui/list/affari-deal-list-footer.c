/* affari-deal-list-footer.c — the line under the list
 *
 * It shows what it is given; when the count and the totals are worked out (after the typing
 * pauses) is the list's business (affari-deal-list-summary.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-list-footer"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"
#include "ops/affari-workspace.h"

#include "ui/list/affari-deal-list-footer.h"

struct _AffariDealListFooter
{
  GtkWidget      parent_instance;

  char          *summary;
  guint          count;

  /* template */
  GtkWidget     *box;
  GtkLabel      *summary_label;
  GtkMenuButton *columns_button;
};

G_DEFINE_FINAL_TYPE (AffariDealListFooter, affari_deal_list_footer, GTK_TYPE_WIDGET)

static void
affari_deal_list_footer_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AFFARI_TYPE_DEAL_LIST_FOOTER);

  G_OBJECT_CLASS (affari_deal_list_footer_parent_class)->dispose (object);
}

static void
affari_deal_list_footer_finalize (GObject *object)
{
  AffariDealListFooter *self = AFFARI_DEAL_LIST_FOOTER (object);

  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (affari_deal_list_footer_parent_class)->finalize (object);
}

static void
affari_deal_list_footer_class_init (AffariDealListFooterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_list_footer_dispose;
  object_class->finalize = affari_deal_list_footer_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-list-footer.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealListFooter, box);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListFooter, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealListFooter, columns_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
affari_deal_list_footer_init (AffariDealListFooter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
affari_deal_list_footer_set_summary (AffariDealListFooter *self,
                                     guint                 count,
                                     GArray               *totals,
                                     gboolean              filtered)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) currencies = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_LIST_FOOTER (self));

  for (guint i = 0; totals != NULL && i < totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (totals, AffariStageTotal, i);
      gint64 *sum = g_hash_table_lookup (sums, t->currency);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (sums, g_strdup (t->currency), sum);
        }
      *sum += t->sum;
    }
  /* Translators: the list's footer: "1.234 deals", with the thousands separator of the locale */
  g_string_printf (text, ngettext ("%'u deal", "%'u deals", count), count);
  currencies = g_list_sort (g_hash_table_get_keys (sums), (GCompareFunc) g_strcmp0);
  for (GList *l = currencies; l != NULL; l = l->next)
    {
      g_autofree char *money = affari_money_format (*(gint64 *) g_hash_table_lookup (sums, l->data), l->data);
      g_string_append_printf (text, l == currencies ? " · %s" : " + %s", money);
    }
  if (filtered)
    /* Translators: after the count and total of the list when a filter is active */
    g_string_append (text, _(" (filtered)"));
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  self->count = count;
  gtk_label_set_text (self->summary_label, self->summary);
}

const char *
affari_deal_list_footer_get_summary (AffariDealListFooter *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_FOOTER (self), NULL);

  return self->summary;
}

guint
affari_deal_list_footer_get_count (AffariDealListFooter *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LIST_FOOTER (self), 0);

  return self->count;
}

void
affari_deal_list_footer_set_columns_popover (AffariDealListFooter *self,
                                             GtkWidget            *popover)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_FOOTER (self));

  gtk_menu_button_set_popover (self->columns_button, popover);
}

void
affari_deal_list_footer_set_narrow (AffariDealListFooter *self,
                                    gboolean              narrow)
{
  g_return_if_fail (AFFARI_IS_DEAL_LIST_FOOTER (self));

  /* the rows have no columns to choose */
  gtk_widget_set_visible (GTK_WIDGET (self->columns_button), !narrow);
}
