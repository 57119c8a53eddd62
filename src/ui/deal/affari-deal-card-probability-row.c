/* affari-deal-card-probability-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include "ui/deal/affari-deal-card-probability-row.h"
#include "ui/common/affari-ui.h"

#define PROBABILITY_DELAY_MS 700

struct _AffariDealCardProbabilityRow
{
  AdwActionRow   parent_instance;

  guint          commit_source;
  gboolean       loading;

  /* template */
  GtkSpinButton *probability_spin;
  GtkButton     *probability_clear_button;
};

G_DEFINE_FINAL_TYPE (AffariDealCardProbabilityRow, affari_deal_card_probability_row, ADW_TYPE_ACTION_ROW)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ signal callbacks */

static gboolean
on_commit_timeout_cb (gpointer user_data)
{
  AffariDealCardProbabilityRow *self = AFFARI_DEAL_CARD_PROBABILITY_ROW (user_data);

  self->commit_source = 0;
  g_signal_emit (self, signals[COMMITTED], 0, affari_deal_card_probability_row_get_value (self));
  return G_SOURCE_REMOVE;
}

static void
on_value_changed_cb (GtkSpinButton                *spin,
                     AffariDealCardProbabilityRow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->probability_clear_button), gtk_spin_button_get_value_as_int (spin) >= 0);
  if (self->loading)
    return;
  /* One history event for a value, not one per click of the arrows. */
  g_clear_handle_id (&self->commit_source, g_source_remove);
  self->commit_source = g_timeout_add (PROBABILITY_DELAY_MS, on_commit_timeout_cb, self);
}

/* -1 is "not set": shown as an empty field, and an emptied field means it. */
static int
on_input_cb (GtkSpinButton                *spin,
             double                       *new_value,
             AffariDealCardProbabilityRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0')
    return FALSE;
  *new_value = -1;
  return TRUE;
}

static gboolean
on_output_cb (GtkSpinButton                *spin,
              AffariDealCardProbabilityRow *self)
{
  if (gtk_spin_button_get_value_as_int (spin) >= 0)
    return FALSE;
  if (*gtk_editable_get_text (GTK_EDITABLE (spin)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_probability_row_dispose (GObject *object)
{
  AffariDealCardProbabilityRow *self = AFFARI_DEAL_CARD_PROBABILITY_ROW (object);

  g_clear_handle_id (&self->commit_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_PROBABILITY_ROW);

  G_OBJECT_CLASS (affari_deal_card_probability_row_parent_class)->dispose (object);
}

static void
affari_deal_card_probability_row_class_init (AffariDealCardProbabilityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_probability_row_dispose;

  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  affari_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-probability-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProbabilityRow, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardProbabilityRow, probability_clear_button);
}

static void
affari_deal_card_probability_row_init (AffariDealCardProbabilityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->probability_spin, "input", G_CALLBACK (on_input_cb), self);
  g_signal_connect (self->probability_spin, "output", G_CALLBACK (on_output_cb), self);
  g_signal_connect (self->probability_spin, "value-changed", G_CALLBACK (on_value_changed_cb), self);
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_probability_row_set_value (AffariDealCardProbabilityRow *self,
                                            int                           value)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PROBABILITY_ROW (self));

  if (self->commit_source == 0)
    {
      self->loading = TRUE;
      gtk_spin_button_set_value (self->probability_spin, MAX (value, -1));
      self->loading = FALSE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->probability_clear_button),
                            gtk_spin_button_get_value_as_int (self->probability_spin) >= 0);
}

int
affari_deal_card_probability_row_get_value (AffariDealCardProbabilityRow *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PROBABILITY_ROW (self), -1);

  return MAX (gtk_spin_button_get_value_as_int (self->probability_spin), -1);
}

gboolean
affari_deal_card_probability_row_has_pending (AffariDealCardProbabilityRow *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_PROBABILITY_ROW (self), FALSE);

  return self->commit_source != 0;
}

void
affari_deal_card_probability_row_commit (AffariDealCardProbabilityRow *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PROBABILITY_ROW (self));

  if (self->commit_source == 0)
    return;
  g_clear_handle_id (&self->commit_source, g_source_remove);
  on_commit_timeout_cb (self);
}

void
affari_deal_card_probability_row_cancel (AffariDealCardProbabilityRow *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PROBABILITY_ROW (self));

  g_clear_handle_id (&self->commit_source, g_source_remove);
}

void
affari_deal_card_probability_row_clear (AffariDealCardProbabilityRow *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_PROBABILITY_ROW (self));

  g_clear_handle_id (&self->commit_source, g_source_remove);
  affari_deal_card_probability_row_set_value (self, -1);
}
