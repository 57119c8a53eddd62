/* affari-deal-card-recurrence.c — the "Ripetizione" page of the deal card
 *
 * Bitrix24's "Recurring deal" section: Non ripetere / Regolarmente / Solo una volta, the start
 * day, when it stops, the pipeline and dates of the new deals, and "Il prossimo affare sarà
 * creato il …" computed as the settings are typed. The rules are the core's
 * (ops/affari-recurring.h); this page only reads the form into an AffariRecurrence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-card"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-deal-card-recurrence.h"
#include "model/affari-money.h"
#include "model/affari-recurrence.h"
#include "ops/affari-recurring.h"

/* The rows of the "Repeat interval" combo: every day … every year, then a custom period. */
#define INTERVAL_CUSTOM 4
/* The rows of the "Stop repeating" combo follow AffariRecurrenceStop; those of "Repeat"
 * AffariRecurrenceMode; the unit drop-downs AffariTimeUnit. */

struct _AffariDealCardRecurrence
{
  GtkBox parent_instance;

  AffariWorkspace *workspace;
  AffariRecurring *recurring;
  GListStore *pipelines;           /* AffariPipeline */
  gint64 deal_id;                  /* the deal shown; 0 = none */
  gint64 deal_pipeline_id;
  AffariRecurringTemplate *tmpl;   /* when the deal shown is a template */
  gboolean filling;                /* the form is being set from the data: not the user's edit */
  gboolean dirty;                  /* the user changed the form since it was filled */

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *repeat_group;
  AdwPreferencesGroup *new_group;
  AdwComboRow *mode_row;
  AdwComboRow *interval_row;
  AdwActionRow *every_row;
  GtkSpinButton *every_spin;
  GtkDropDown *every_unit;
  AdwActionRow *before_row;
  GtkSpinButton *before_spin;
  GtkDropDown *before_unit;
  AdwEntryRow *start_row;
  AdwComboRow *stop_row;
  AdwEntryRow *until_row;
  AdwActionRow *times_row;
  GtkSpinButton *times_spin;
  AdwComboRow *pipeline_row;
  AdwComboRow *begin_row;
  AdwActionRow *begin_offset_row;
  GtkSpinButton *begin_offset_spin;
  GtkDropDown *begin_offset_unit;
  AdwComboRow *close_row;
  AdwActionRow *close_offset_row;
  GtkSpinButton *close_offset_spin;
  GtkDropDown *close_offset_unit;
  GtkLabel *error_label;
  GtkButton *save_button;
};

G_DEFINE_FINAL_TYPE (AffariDealCardRecurrence, affari_deal_card_recurrence, GTK_TYPE_BOX)

/* ------------------------------------------------------------ auxiliary */

static void
set_day_text (AdwEntryRow *row,
              const char  *iso)
{
  g_autofree char *shown = affari_day_display (iso);

  gtk_editable_set_text (GTK_EDITABLE (row), shown);
}

/* The day typed in @row ("27/11/2026" or "2026-11-27") into @out; FALSE with @error. */
static gboolean
read_day (AdwEntryRow  *row,
          char         *out,
          GError      **error)
{
  g_autofree char *iso = affari_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), error);

  if (iso == NULL)
    return FALSE;
  g_strlcpy (out, iso, AFFARI_DAY_TEXT_SIZE);
  return TRUE;
}

static guint
spin_value (GtkSpinButton *spin)
{
  return (guint) gtk_spin_button_get_value_as_int (spin);
}

static void
select_pipeline (AffariDealCardRecurrence *self,
                 gint64                    pipeline_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pipelines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AffariPipeline) pipeline = g_list_model_get_item (G_LIST_MODEL (self->pipelines), i);

      if (affari_pipeline_get_id (pipeline) == pipeline_id)
        {
          adw_combo_row_set_selected (self->pipeline_row, i);
          return;
        }
    }
}

/* The settings the form holds; FALSE with @error when a day cannot be read. */
static gboolean
read_form (AffariDealCardRecurrence  *self,
           AffariRecurrence          *r,
           GError                   **error)
{
  guint interval = adw_combo_row_get_selected (self->interval_row);
  AffariPipeline *pipeline = adw_combo_row_get_selected_item (self->pipeline_row);

  affari_recurrence_init_defaults (r, NULL);
  r->mode = (AffariRecurrenceMode) adw_combo_row_get_selected (self->mode_row);
  if (interval == INTERVAL_CUSTOM)
    {
      r->unit = (AffariTimeUnit) gtk_drop_down_get_selected (self->every_unit);
      r->interval = spin_value (self->every_spin);
    }
  else
    {
      r->unit = (AffariTimeUnit) interval;
      r->interval = 1;
    }
  r->before_unit = (AffariTimeUnit) gtk_drop_down_get_selected (self->before_unit);
  r->before_value = spin_value (self->before_spin);
  r->stop = r->mode == AFFARI_RECURRENCE_SINGLE ? AFFARI_RECURRENCE_STOP_NEVER
                                                : (AffariRecurrenceStop) adw_combo_row_get_selected (self->stop_row);
  r->limit_times = spin_value (self->times_spin);
  r->pipeline_id = pipeline != NULL ? affari_pipeline_get_id (pipeline) : 0;
  r->begin_offset = adw_combo_row_get_selected (self->begin_row) == 1;
  r->begin_unit = (AffariTimeUnit) gtk_drop_down_get_selected (self->begin_offset_unit);
  r->begin_value = spin_value (self->begin_offset_spin);
  r->close_offset = adw_combo_row_get_selected (self->close_row) == 1;
  r->close_unit = (AffariTimeUnit) gtk_drop_down_get_selected (self->close_offset_unit);
  r->close_value = spin_value (self->close_offset_spin);

  if (r->mode == AFFARI_RECURRENCE_NONE)
    return TRUE;
  if (!read_day (self->start_row, r->start_date, error))
    return FALSE;
  if (r->stop == AFFARI_RECURRENCE_STOP_DATE && !read_day (self->until_row, r->limit_date, error))
    return FALSE;
  return TRUE;
}

static void
fill_form (AffariDealCardRecurrence *self,
           const AffariRecurrence   *r)
{
  self->filling = TRUE;
  adw_combo_row_set_selected (self->mode_row, r->mode);
  if (r->interval == 1)
    adw_combo_row_set_selected (self->interval_row, r->unit);
  else
    adw_combo_row_set_selected (self->interval_row, INTERVAL_CUSTOM);
  gtk_spin_button_set_value (self->every_spin, MAX (r->interval, 1));
  gtk_drop_down_set_selected (self->every_unit, r->unit);
  gtk_spin_button_set_value (self->before_spin, r->before_value);
  gtk_drop_down_set_selected (self->before_unit, MIN (r->before_unit, AFFARI_TIME_UNIT_MONTH));
  set_day_text (self->start_row, r->start_date);
  adw_combo_row_set_selected (self->stop_row, r->stop);
  set_day_text (self->until_row, r->limit_date);
  gtk_spin_button_set_value (self->times_spin, MAX (r->limit_times, 1));
  select_pipeline (self, r->pipeline_id > 0 ? r->pipeline_id : self->deal_pipeline_id);
  adw_combo_row_set_selected (self->begin_row, r->begin_offset ? 1 : 0);
  gtk_spin_button_set_value (self->begin_offset_spin, r->begin_value);
  gtk_drop_down_set_selected (self->begin_offset_unit, MIN (r->begin_unit, AFFARI_TIME_UNIT_MONTH));
  adw_combo_row_set_selected (self->close_row, r->close_offset ? 1 : 0);
  gtk_spin_button_set_value (self->close_offset_spin, r->close_value);
  gtk_drop_down_set_selected (self->close_offset_unit, MIN (r->close_unit, AFFARI_TIME_UNIT_MONTH));
  self->filling = FALSE;
  self->dirty = FALSE;
}

/* Shows the rows the chosen mode needs, the next day, and whether saving does anything. */
static void
update (AffariDealCardRecurrence *self)
{
  AffariRecurrenceMode mode = (AffariRecurrenceMode) adw_combo_row_get_selected (self->mode_row);
  gboolean multiple = mode == AFFARI_RECURRENCE_MULTIPLE;
  AffariRecurrenceStop stop = (AffariRecurrenceStop) adw_combo_row_get_selected (self->stop_row);
  g_autofree char *next_text = NULL;
  AffariRecurrence r;
  GDate next;

  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), multiple);
  gtk_widget_set_visible (GTK_WIDGET (self->every_row),
                          multiple && adw_combo_row_get_selected (self->interval_row) == INTERVAL_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->before_row), mode == AFFARI_RECURRENCE_SINGLE);
  gtk_widget_set_visible (GTK_WIDGET (self->start_row), mode != AFFARI_RECURRENCE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_row), multiple);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), multiple && stop == AFFARI_RECURRENCE_STOP_DATE);
  gtk_widget_set_visible (GTK_WIDGET (self->times_row), multiple && stop == AFFARI_RECURRENCE_STOP_TIMES);
  gtk_widget_set_visible (GTK_WIDGET (self->new_group), mode != AFFARI_RECURRENCE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->begin_offset_row), adw_combo_row_get_selected (self->begin_row) == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->close_offset_row), adw_combo_row_get_selected (self->close_row) == 1);

  if (self->recurring != NULL && mode != AFFARI_RECURRENCE_NONE && read_form (self, &r, NULL)
      && affari_recurring_preview_next (self->recurring, &r, self->tmpl, &next))
    next_text = affari_recurrence_describe_next (&next);
  else if (mode != AFFARI_RECURRENCE_NONE)
    next_text = g_strdup (_("With these settings no deal would be created."));
  else if (self->tmpl != NULL)
    next_text = g_strdup (_("Saving stops this recurring template."));
  else
    next_text = g_strdup (_("Choose “Regularly” or “Only once” to make this deal a recurring template: a copy of it will create new deals."));
  if (self->tmpl != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->tmpl->id);
      /* Translators: the top of a recurring template's "Ripetizione" page; the first %s is the
       * template's number, the second says when its next deal is made. */
      g_autofree char *text = g_strdup_printf (_("This deal is recurring template #%s. %s"), number, next_text);

      g_free (next_text);
      next_text = g_steal_pointer (&text);
    }
  adw_preferences_group_set_description (self->repeat_group, next_text);

  /* An ordinary deal that does not repeat has nothing to save. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recurrence.save",
                                 self->recurring != NULL && self->deal_id != 0
                                 && (self->tmpl != NULL || mode != AFFARI_RECURRENCE_NONE));
}

static void
show_error (AffariDealCardRecurrence *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
reload_pipelines (AffariDealCardRecurrence *self)
{
  g_autoptr(GPtrArray) pipelines = affari_workspace_list_pipelines (self->workspace, NULL);
  AffariPipeline *chosen = adw_combo_row_get_selected_item (self->pipeline_row);
  gint64 chosen_id = chosen != NULL ? affari_pipeline_get_id (chosen) : self->deal_pipeline_id;
  gboolean was_filling = self->filling;

  self->filling = TRUE;
  g_list_store_remove_all (self->pipelines);
  for (guint i = 0; pipelines != NULL && i < pipelines->len; i++)
    g_list_store_append (self->pipelines, g_ptr_array_index (pipelines, i));
  select_pipeline (self, chosen_id);
  self->filling = was_filling;
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_form_changed_cb (AffariDealCardRecurrence *self)
{
  if (self->filling)
    return;
  self->dirty = TRUE;
  show_error (self, NULL);
  update (self);
}

/* ------------------------------------------------------------ actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AffariDealCardRecurrence *self = AFFARI_DEAL_CARD_RECURRENCE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *message = NULL;
  AffariRecurrence r;
  gint64 id;

  if (self->recurring == NULL || self->deal_id == 0)
    return;
  if (!read_form (self, &r, &error))
    {
      show_error (self, error->message);
      return;
    }

  if (self->tmpl != NULL)
    {
      id = self->tmpl->id;
      if (r.mode == AFFARI_RECURRENCE_NONE ? !affari_recurring_set_active (self->recurring, id, FALSE, &error)
                                           : !affari_recurring_update (self->recurring, id, &r, &error))
        {
          show_error (self, error->message);
          return;
        }
      number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      /* Translators: a toast; %s is the number of a recurring template. */
      message = g_strdup_printf (r.mode == AFFARI_RECURRENCE_NONE ? _("Recurring template #%s stopped")
                                                                  : _("Recurring template #%s saved"), number);
    }
  else
    {
      id = affari_recurring_create (self->recurring, self->deal_id, &r, &error);
      if (id == 0)
        {
          show_error (self, error->message);
          return;
        }
      number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      /* Translators: a toast (Bitrix24's "Template has been created for recurring deal #N"). */
      message = g_strdup_printf (_("Recurring template #%s created"), number);
    }

  show_error (self, NULL);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  /* The form shows what is stored now (an ordinary deal goes back to "Non ripetere": the
   * template is a copy of it, listed in "Affari regolari"). */
  self->dirty = FALSE;
  g_clear_pointer (&self->tmpl, affari_recurring_template_free);
  {
    g_autoptr(AffariDeal) deal = affari_workspace_get_deal (self->workspace, self->deal_id, NULL);

    self->deal_id = 0;
    if (deal != NULL)
      affari_deal_card_recurrence_set_deal (self, deal);
  }
  /* A deal due today is made now, by the window (its toast says when some were late). */
  gtk_widget_activate_action (widget, "win.run-recurring", NULL);
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_recurrence_dispose (GObject *object)
{
  AffariDealCardRecurrence *self = AFFARI_DEAL_CARD_RECURRENCE (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_DEAL_CARD_RECURRENCE);
  g_clear_object (&self->workspace);
  g_clear_object (&self->recurring);
  g_clear_object (&self->pipelines);
  g_clear_pointer (&self->tmpl, affari_recurring_template_free);

  G_OBJECT_CLASS (affari_deal_card_recurrence_parent_class)->dispose (object);
}

static void
affari_deal_card_recurrence_class_init (AffariDealCardRecurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_recurrence_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-recurrence.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, repeat_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, new_group);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, mode_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, interval_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, every_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, every_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, every_unit);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, before_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, before_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, before_unit);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, start_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, stop_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, until_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, times_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, times_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, begin_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, begin_offset_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, begin_offset_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, begin_offset_unit);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, close_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, close_offset_row);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, close_offset_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, close_offset_unit);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, error_label);
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardRecurrence, save_button);

  gtk_widget_class_install_action (widget_class, "recurrence.save", NULL, save_action);
}

static void
affari_deal_card_recurrence_init (AffariDealCardRecurrence *self)
{
  g_autoptr(GtkExpression) name = gtk_property_expression_new (AFFARI_TYPE_PIPELINE, NULL, "name");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pipelines = g_list_store_new (AFFARI_TYPE_PIPELINE);
  adw_combo_row_set_expression (self->pipeline_row, name);
  adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (self->pipelines));

  {
    GObject *combos[] = { G_OBJECT (self->mode_row), G_OBJECT (self->interval_row), G_OBJECT (self->stop_row),
                          G_OBJECT (self->pipeline_row), G_OBJECT (self->begin_row), G_OBJECT (self->close_row),
                          G_OBJECT (self->every_unit), G_OBJECT (self->before_unit),
                          G_OBJECT (self->begin_offset_unit), G_OBJECT (self->close_offset_unit) };
    GtkSpinButton *spins[] = { self->every_spin, self->before_spin, self->times_spin, self->begin_offset_spin,
                               self->close_offset_spin };

    for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
      g_signal_connect_swapped (combos[i], "notify::selected", G_CALLBACK (on_form_changed_cb), self);
    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (on_form_changed_cb), self);
  }
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (on_form_changed_cb), self);
  g_signal_connect_swapped (self->until_row, "changed", G_CALLBACK (on_form_changed_cb), self);
  update (self);
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_recurrence_setup (AffariDealCardRecurrence *self,
                                   AffariWorkspace          *workspace,
                                   AffariDealOps            *ops)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_RECURRENCE (self));
  g_return_if_fail (AFFARI_IS_WORKSPACE (workspace));
  g_return_if_fail (AFFARI_IS_DEAL_OPS (ops));

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  g_clear_object (&self->recurring);
  self->recurring = affari_recurring_new (affari_workspace_get_store (workspace), ops);
  g_signal_connect_swapped (workspace, "pipelines-changed", G_CALLBACK (reload_pipelines), self);
  reload_pipelines (self);
  update (self);
}

void
affari_deal_card_recurrence_set_deal (AffariDealCardRecurrence *self,
                                      AffariDeal               *deal)
{
  gint64 id;
  AffariRecurrence r;
  char today[AFFARI_DAY_TEXT_SIZE];
  GDate date;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_RECURRENCE (self));

  id = deal != NULL ? affari_deal_get_id (deal) : 0;
  /* The same deal again (the card refreshes after every change): keep what is being typed. */
  if (id == self->deal_id && (self->dirty || id == 0))
    return;

  self->deal_id = id;
  self->deal_pipeline_id = deal != NULL ? affari_deal_get_pipeline_id (deal) : 0;
  g_clear_pointer (&self->tmpl, affari_recurring_template_free);
  if (self->recurring == NULL || id == 0)
    {
      update (self);
      return;
    }

  if (affari_deal_get_is_recurring (deal))
    self->tmpl = affari_recurring_find_by_deal (self->recurring, id);
  if (self->tmpl != NULL)
    {
      r = self->tmpl->settings;
      /* A stopped template shows "Non ripetere" until it is given a repetition again. */
      if (!self->tmpl->active)
        r.mode = AFFARI_RECURRENCE_NONE;
    }
  else
    {
      affari_recurring_today (self->recurring, &date);
      affari_day_format (&date, today);
      affari_recurrence_init_defaults (&r, today);
      r.mode = AFFARI_RECURRENCE_NONE;
    }
  show_error (self, NULL);
  fill_form (self, &r);
  update (self);
}
