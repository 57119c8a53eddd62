/* affari-calendar-view.c
 *
 * The class, its toolbar (month or week, the date field, the activities toggle, kept in
 * GSettings), its actions and public API. The grid is in affari-calendar-grid.c, a day cell in
 * affari-calendar-day.c, the chips of a day in affari-calendar-chip.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "ui/calendar/affari-calendar-view-private.h"

G_DEFINE_FINAL_TYPE (AffariCalendarView, affari_calendar_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The values of the "calendar-date-field" and "calendar-mode" keys, by enum value. */
static const char * const field_keys[] = { "close", "begin", "created" };
static const char * const mode_keys[] = { "month", "week" };

/* ------------------------------------------------------------ auxiliary */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Without the compiled schema (a build tree), or with one older than these keys, the choices
   * are simply not kept. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "calendar-date-field") ||
      !g_settings_schema_has_key (schema, "calendar-mode") ||
      !g_settings_schema_has_key (schema, "calendar-show-activities"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static guint
index_of (const char * const *keys,
          guint               n_keys,
          const char         *value)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], value) == 0)
      return i;
  return 0;
}

static void
restore_settings (AffariCalendarView *self)
{
  g_autofree char *field = NULL;
  g_autofree char *mode = NULL;

  if (self->settings == NULL)
    return;
  field = g_settings_get_string (self->settings, "calendar-date-field");
  mode = g_settings_get_string (self->settings, "calendar-mode");
  self->field = (AffariCalendarField) index_of (field_keys, G_N_ELEMENTS (field_keys), field);
  self->mode = (AffariCalendarMode) index_of (mode_keys, G_N_ELEMENTS (mode_keys), mode);
  self->show_activities = g_settings_get_boolean (self->settings, "calendar-show-activities");
}

static void
save_settings (AffariCalendarView *self)
{
  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "calendar-date-field", field_keys[self->field]);
  g_settings_set_string (self->settings, "calendar-mode", mode_keys[self->mode]);
  g_settings_set_boolean (self->settings, "calendar-show-activities", self->show_activities);
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}
static void
sync_controls (AffariCalendarView *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&self->anchor), g_date_get_month (&self->anchor),
                                                   g_date_get_day (&self->anchor), 12, 0, 0);

  self->syncing = TRUE;
  gtk_calendar_select_day (self->month_calendar, dt);
  gtk_drop_down_set_selected (self->field_dropdown, self->field);
  gtk_toggle_button_set_active (self->activities_toggle, self->show_activities);
  gtk_toggle_button_set_active (self->mode == AFFARI_CALENDAR_MONTH ? self->month_toggle : self->week_toggle, TRUE);
  self->syncing = FALSE;
}

static void
move_anchor (AffariCalendarView *self,
             int                 direction)
{
  if (self->mode == AFFARI_CALENDAR_MONTH)
    {
      g_date_set_day (&self->anchor, 1);
      if (direction > 0)
        g_date_add_months (&self->anchor, 1);
      else
        g_date_subtract_months (&self->anchor, 1);
    }
  else if (direction > 0)
    g_date_add_days (&self->anchor, self->narrow ? 1 : 7);
  else
    g_date_subtract_days (&self->anchor, self->narrow ? 1 : 7);
  sync_controls (self);
  affari_calendar_view_refresh_now (self);
}

/* ------------------------------------------------------------ callbacks */

static void
on_workspace_changed_cb (AffariCalendarView *self)
{
  affari_view_refresh_queue (&self->refresh);
}

static void
on_month_calendar_day_selected_cb (GtkCalendar        *calendar,
                                   AffariCalendarView *self)
{
  g_autoptr(GDateTime) dt = NULL;

  if (self->syncing)
    return;
  dt = gtk_calendar_get_date (calendar);
  g_date_set_dmy (&self->anchor, (GDateDay) g_date_time_get_day_of_month (dt), (GDateMonth) g_date_time_get_month (dt),
                  (GDateYear) g_date_time_get_year (dt));
  gtk_popover_popdown (self->month_popover);
  affari_calendar_view_refresh_now (self);
}

static void
on_field_selected_cb (GtkDropDown        *dropdown,
                      GParamSpec         *pspec,
                      AffariCalendarView *self)
{
  if (!self->syncing)
    affari_calendar_view_set_field (self, (AffariCalendarField) gtk_drop_down_get_selected (dropdown));
}

static void
on_activities_toggled_cb (GtkToggleButton    *button,
                          AffariCalendarView *self)
{
  if (!self->syncing)
    affari_calendar_view_set_show_activities (self, gtk_toggle_button_get_active (button));
}

static void
on_mode_toggled_cb (GtkToggleButton    *button,
                    AffariCalendarView *self)
{
  if (!self->syncing && gtk_toggle_button_get_active (button))
    affari_calendar_view_set_mode (self, button == self->week_toggle ? AFFARI_CALENDAR_WEEK : AFFARI_CALENDAR_MONTH);
}

/* ------------------------------------------------------------ actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_anchor (AFFARI_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_anchor (AFFARI_CALENDAR_VIEW (widget), +1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (widget);

  affari_calendar_view_today (self, &self->anchor);
  sync_controls (self);
  affari_calendar_view_refresh_now (self);
}

/* ------------------------------------------------------------ overrides */

static void
affari_calendar_view_map (GtkWidget *widget)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (affari_calendar_view_parent_class)->map (widget);
  affari_view_refresh_mapped (&self->refresh);
}

static void
affari_calendar_view_dispose (GObject *object)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (object);
  GtkWidget *child;

  affari_view_refresh_clear (&self->refresh);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_CALENDAR_VIEW);
  /* the template's outer box has no id */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->colors, g_hash_table_unref);
  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (affari_calendar_view_parent_class)->dispose (object);
}

static void
affari_calendar_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_calendar_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AffariCalendarView *self = AFFARI_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      affari_calendar_view_set_workspace (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_calendar_view_class_init (AffariCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_calendar_view_dispose;
  object_class->get_property = affari_calendar_view_get_property;
  object_class->set_property = affari_calendar_view_set_property;
  widget_class->map = affari_calendar_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("workspace", NULL, NULL, AFFARI_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_button);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_popover);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_calendar);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, activities_toggle);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, month_toggle);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, week_toggle);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, weekday_grid);
  gtk_widget_class_bind_template_child (widget_class, AffariCalendarView, days_grid);
  affari_calendar_view_class_init_narrow (widget_class);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "calendar.today", NULL);

  gtk_widget_class_set_css_name (widget_class, "calendar-view");
}

static void
affari_calendar_view_init (AffariCalendarView *self)
{
  const char *fields[] = { _("Expected close date"), _("Start date"), _("Creation date"), NULL };
  g_autoptr(GtkStringList) field_names = NULL;
  GDate monday;

  gtk_widget_init_template (GTK_WIDGET (self));
  affari_view_refresh_init (&self->refresh, GTK_WIDGET (self), (void (*) (GtkWidget *)) affari_calendar_view_refresh_now);
  affari_calendar_view_init_narrow (self);

  self->colors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_string);
  self->field = AFFARI_CALENDAR_CLOSE_DATE;
  self->settings = create_settings ();
  restore_settings (self);
  affari_calendar_view_today (self, &self->anchor);

  field_names = gtk_string_list_new (fields);
  gtk_drop_down_set_model (self->field_dropdown, G_LIST_MODEL (field_names));

  /* Weekday names, Monday first (Italian weeks start on Monday), from the locale. */
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 5, G_DATE_JANUARY, 2026);  /* a Monday */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = affari_calendar_capitalize (affari_calendar_format_date (&monday, "%a"));
      GtkWidget *label = affari_calendar_label_new (name, "caption-heading");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->weekday_grid, label, (int) i, 0, 1, 1);
      g_date_add_days (&monday, 1);
    }

  sync_controls (self);
  g_signal_connect (self->month_calendar, "day-selected", G_CALLBACK (on_month_calendar_day_selected_cb), self);
  g_signal_connect (self->field_dropdown, "notify::selected", G_CALLBACK (on_field_selected_cb), self);
  g_signal_connect (self->activities_toggle, "toggled", G_CALLBACK (on_activities_toggled_cb), self);
  g_signal_connect (self->month_toggle, "toggled", G_CALLBACK (on_mode_toggled_cb), self);
  g_signal_connect (self->week_toggle, "toggled", G_CALLBACK (on_mode_toggled_cb), self);
  affari_calendar_view_refresh_now (self);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_calendar_view_new (void)
{
  return g_object_new (AFFARI_TYPE_CALENDAR_VIEW, NULL);
}

void
affari_calendar_view_set_workspace (AffariCalendarView *self,
                                AffariWorkspace    *workspace)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));
  g_return_if_fail (workspace == NULL || AFFARI_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    {
      g_signal_connect_swapped (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
      g_signal_connect_swapped (workspace, "reset", G_CALLBACK (on_workspace_changed_cb), self);
      g_signal_connect_swapped (workspace, "stages-changed", G_CALLBACK (on_workspace_changed_cb), self);
      affari_calendar_view_today (self, &self->anchor);
      sync_controls (self);
    }
  affari_calendar_view_load_colors (self);
  affari_calendar_view_refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
affari_calendar_view_set_pipeline_id (AffariCalendarView *self,
                                      gint64              pipeline_id)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  affari_calendar_view_load_colors (self);
  affari_view_refresh_queue (&self->refresh);
}

void
affari_calendar_view_set_filter (AffariCalendarView    *self,
                                 const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  affari_view_set_filter (&self->filter, filter);
  affari_view_refresh_queue (&self->refresh);
}

void
affari_calendar_view_set_field (AffariCalendarView  *self,
                                AffariCalendarField  field)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));
  g_return_if_fail (field <= AFFARI_CALENDAR_DATE_CREATE);

  if (self->field == field)
    return;
  self->field = field;
  save_settings (self);
  sync_controls (self);
  affari_calendar_view_refresh_now (self);
}

AffariCalendarField
affari_calendar_view_get_field (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), AFFARI_CALENDAR_CLOSE_DATE);

  return self->field;
}

void
affari_calendar_view_set_mode (AffariCalendarView *self,
                               AffariCalendarMode  mode)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));
  g_return_if_fail (mode <= AFFARI_CALENDAR_WEEK);

  if (self->mode == mode)
    return;
  self->mode = mode;
  save_settings (self);
  sync_controls (self);
  affari_calendar_view_refresh_now (self);
}

AffariCalendarMode
affari_calendar_view_get_mode (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), AFFARI_CALENDAR_MONTH);

  return self->mode;
}

gboolean
affari_calendar_view_get_show_activities (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), FALSE);

  return self->show_activities;
}

void
affari_calendar_view_set_show_activities (AffariCalendarView *self,
                                          gboolean            show)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  if (self->show_activities == !!show)
    return;
  self->show_activities = !!show;
  save_settings (self);
  sync_controls (self);
  affari_calendar_view_refresh_now (self);
}

void
affari_calendar_view_set_date (AffariCalendarView *self,
                               const char         *date)
{
  GDate parsed;

  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  if (!affari_calendar_parse_iso (date, &parsed))
    return;
  self->anchor = parsed;
  sync_controls (self);
  affari_calendar_view_refresh_now (self);
}

const char *
affari_calendar_view_get_title (AffariCalendarView *self)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), NULL);

  return self->title;
}

void
affari_calendar_view_refresh (AffariCalendarView *self)
{
  g_return_if_fail (AFFARI_IS_CALENDAR_VIEW (self));

  affari_calendar_view_refresh_now (self);
}

GtkWidget *
affari_calendar_view_get_day (AffariCalendarView *self,
                              const char         *date)
{
  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), NULL);

  return g_hash_table_lookup (self->cells, date);
}

GtkDropTarget *
affari_calendar_view_get_drop_target (AffariCalendarView *self,
                                      const char         *date)
{
  GtkWidget *cell = affari_calendar_view_get_day (self, date);

  return cell != NULL ? g_object_get_data (G_OBJECT (cell), "drop-target") : NULL;
}

char *
affari_calendar_view_dup_day_text (AffariCalendarView *self,
                                   const char         *date)
{
  GString *text;

  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), NULL);

  text = g_hash_table_lookup (self->texts, date);
  return g_strdup (text != NULL ? text->str : "");
}

gboolean
affari_calendar_view_drop_deal (AffariCalendarView *self,
                                const char         *date,
                                gint64              deal_id)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (AFFARI_IS_CALENDAR_VIEW (self), FALSE);

  if (self->workspace == NULL)
    return FALSE;

  /* The window's deal.set-date: one transaction, one toast, one undo with the other views. */
  deal = affari_workspace_get_deal (self->workspace, deal_id, NULL);
  old = deal != NULL ? affari_calendar_field_date (deal, self->field) : NULL;
  if (g_strcmp0 (old, date) == 0 && self->field != AFFARI_CALENDAR_DATE_CREATE)
    return TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "deal.set-date", "(xis)", deal_id, (int) self->field, date);
  /* The creation date never moves (the operation says why). */
  if (self->field == AFFARI_CALENDAR_DATE_CREATE)
    return FALSE;

  /* Refused (said in a toast) when the date did not change. */
  g_clear_object (&deal);
  deal = affari_workspace_get_deal (self->workspace, deal_id, NULL);
  now = deal != NULL ? affari_calendar_field_date (deal, self->field) : NULL;
  if (g_strcmp0 (now, date) != 0)
    return FALSE;
  affari_calendar_view_refresh_now (self);
  return TRUE;
}
