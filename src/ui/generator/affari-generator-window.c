/* affari-generator-window.c — the sales generator's window
 *
 * Everything it reads and writes goes through ops/affari-generator.h with the store the
 * workspace hands out; deals are made by a run on the main window's AffariDealOps (one undo
 * step). The counts and the preview follow the workspace's "changed": they are recomputed on
 * idle, never guessed from a run's result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-generator"

#include "config.h"

#include <glib/gi18n.h>

#include "ops/affari-generator.h"
#include "ui/generator/affari-generator-window.h"

/* Rows of the preview shown; the rest is counted in its description. */
#define PREVIEW_ROWS 200

struct _AffariGeneratorWindow
{
  AdwWindow            parent_instance;

  AffariWorkspace     *workspace;
  AffariDealOps       *ops;
  GArray              *segments;       /* AffariSegmentSpec, in the list's order */
  GPtrArray           *count_labels;   /* GtkLabel per segment (owned by the rows) */
  GArray              *counts;         /* guint per segment, G_MAXUINT unknown */
  int                  current;        /* index into segments, -1 none */
  GArray              *pipeline_ids;   /* gint64 per item of pipeline_row (0 first) */
  GArray              *product_ids;
  GPtrArray           *member_checks;  /* GtkCheckButton, with "member-id" data */
  GPtrArray           *filters;        /* AffariSavedFilter */
  GPtrArray           *preview_rows;
  GPtrArray           *saved_rows;
  GtkToggleButton     *weekday_buttons[7];
  guint                n_create;
  guint                n_skip;
  guint                count_source;
  guint                preview_source;
  GCancellable        *count_cancellable;    /* the counts being made in a thread */
  GCancellable        *preview_cancellable;  /* the preview being made in a thread */

  /* template */
  AdwToastOverlay     *toasts;
  GtkListBox          *segment_list;
  AdwPreferencesGroup *segment_group;
  AdwPreferencesGroup *params_group;
  AdwActionRow        *days_row;
  GtkSpinButton       *days_spin;
  AdwComboRow         *product_row;
  AdwEntryRow         *since_row;
  AdwEntryRow         *title_row;
  AdwComboRow         *pipeline_row;
  AdwComboRow         *responsible_row;
  AdwEntryRow         *comment_row;
  GtkSwitch           *copy_switch;
  GtkSwitch           *always_switch;
  AdwPreferencesGroup *members_group;
  AdwPreferencesGroup *preview_group;
  GtkButton           *create_button;
  AdwEntryRow         *schedule_name_row;
  AdwComboRow         *schedule_kind_row;
  AdwActionRow        *every_row;
  GtkSpinButton       *every_spin;
  AdwActionRow        *weekdays_row;
  GtkBox              *weekdays_box;
  AdwActionRow        *month_day_row;
  GtkSpinButton       *month_day_spin;
  AdwPreferencesGroup *saved_group;
  AdwComboRow         *filter_row;
  AdwEntryRow         *segment_name_row;
};

G_DEFINE_FINAL_TYPE (AffariGeneratorWindow, affari_generator_window, ADW_TYPE_WINDOW)

static void schedule_preview (AffariGeneratorWindow *self);

static AffariStore *
store_of (AffariGeneratorWindow *self)
{
  return affari_workspace_get_store (self->workspace);
}

static void
toast (AffariGeneratorWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static AffariSegmentSpec *
current_spec (AffariGeneratorWindow *self)
{
  if (self->current < 0 || (guint) self->current >= self->segments->len)
    return NULL;
  return &g_array_index (self->segments, AffariSegmentSpec, self->current);
}

/* The chosen segment with the parameters typed in. */
static gboolean
read_spec (AffariGeneratorWindow *self, AffariSegmentSpec *out)
{
  AffariSegmentSpec *spec = current_spec (self);
  const char *since;
  guint product;
  GDate day;

  if (spec == NULL)
    return FALSE;
  affari_segment_spec_copy (out, spec);
  switch (affari_segment_spec_param (spec))
    {
    case AFFARI_SEGMENT_PARAM_DAYS:
      out->days = gtk_spin_button_get_value_as_int (self->days_spin);
      break;
    case AFFARI_SEGMENT_PARAM_PRODUCT:
      product = adw_combo_row_get_selected (self->product_row);
      out->product_id = product < self->product_ids->len ? g_array_index (self->product_ids, gint64, product) : 0;
      break;
    case AFFARI_SEGMENT_PARAM_DATE:
      since = gtk_editable_get_text (GTK_EDITABLE (self->since_row));
      g_clear_pointer (&out->since, g_free);
      if (affari_segment_parse_day (since, &day))
        out->since = g_strdup (since);
      break;
    case AFFARI_SEGMENT_PARAM_NONE:
    default:
      break;
    }
  return TRUE;
}

static void
read_settings (AffariGeneratorWindow *self, AffariGeneratorSettings *out)
{
  guint pipeline = adw_combo_row_get_selected (self->pipeline_row);
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  affari_generator_settings_init (out);
  g_free (out->title_pattern);
  out->title_pattern = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  out->pipeline_id = pipeline < self->pipeline_ids->len ? g_array_index (self->pipeline_ids, gint64, pipeline) : 0;
  out->responsible = adw_combo_row_get_selected (self->responsible_row) == 1 ? AFFARI_GENERATOR_ROUND_ROBIN
                                                                             : AFFARI_GENERATOR_CLIENT_OWN;
  for (guint i = 0; i < self->member_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->member_checks, i);

      if (gtk_check_button_get_active (check))
        {
          gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "member-id"));

          g_array_append_val (out->member_ids, id);
        }
    }
  out->comment = comment[0] != '\0' ? g_strdup (comment) : NULL;
  out->copy_products = gtk_switch_get_active (self->copy_switch);
  out->always = gtk_switch_get_active (self->always_switch);
}

/* ---- the list of segments ---- */

static void
header_func (GtkListBoxRow *row, GtkListBoxRow *before, gpointer data)
{
  AffariGeneratorWindow *self = data;
  int index = gtk_list_box_row_get_index (row);
  AffariSegmentGroup group, previous;
  GtkWidget *label;

  group = affari_segment_spec_group (&g_array_index (self->segments, AffariSegmentSpec, index));
  if (before != NULL)
    {
      previous = affari_segment_spec_group (&g_array_index (self->segments, AffariSegmentSpec,
                                                           gtk_list_box_row_get_index (before)));
      if (previous == group)
        {
          gtk_list_box_row_set_header (row, NULL);
          return;
        }
    }
  label = gtk_label_new (affari_segment_group_name (group));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, before ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_add_css_class (label, "heading");
  gtk_list_box_row_set_header (row, label);
}

static void
set_count_label (AffariGeneratorWindow *self, guint i)
{
  GtkLabel *label = g_ptr_array_index (self->count_labels, i);
  guint count = g_array_index (self->counts, guint, i);
  g_autofree char *text = count == G_MAXUINT ? g_strdup ("–") : g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
on_counts_ready_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = affari_generator_count_all_finish (result, &error);
  AffariGeneratorWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = AFFARI_GENERATOR_WINDOW (source);
  g_clear_object (&self->count_cancellable);
  if (counts == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < counts->len && i < self->counts->len; i++)
    {
      g_array_index (self->counts, guint, i) = g_array_index (counts, guint, i);
      set_count_label (self, i);
    }
}

/* Counts every segment in a thread (the one shown with its parameters as typed). */
static void
count_all (AffariGeneratorWindow *self)
{
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (AffariSegmentSpec));

  g_array_set_clear_func (specs, (GDestroyNotify) affari_segment_spec_clear);
  for (guint i = 0; i < self->segments->len; i++)
    {
      AffariSegmentSpec spec;

      if ((int) i == self->current)
        read_spec (self, &spec);
      else
        affari_segment_spec_copy (&spec, &g_array_index (self->segments, AffariSegmentSpec, i));
      g_array_append_val (specs, spec);
    }
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();
  affari_generator_count_all_async (self, store_of (self), specs, self->count_cancellable, on_counts_ready_cb, NULL);
}

static gboolean
count_idle_cb (gpointer data)
{
  AffariGeneratorWindow *self = data;

  self->count_source = 0;
  count_all (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_counts (AffariGeneratorWindow *self)
{
  if (self->count_source == 0)
    self->count_source = g_timeout_add (100, count_idle_cb, self);
}

static void
reload_segments (AffariGeneratorWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *selected = NULL;
  GtkWidget *child;

  if (current_spec (self) != NULL)
    selected = affari_segment_spec_dup_code (current_spec (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segment_list))) != NULL)
    gtk_list_box_remove (self->segment_list, child);
  g_ptr_array_set_size (self->count_labels, 0);
  g_clear_pointer (&self->segments, g_array_unref);
  self->current = -1;

  self->segments = affari_generator_list_segments (store_of (self), &error);
  if (self->segments == NULL)
    {
      self->segments = g_array_new (FALSE, TRUE, sizeof (AffariSegmentSpec));
      toast (self, error->message);
    }
  g_array_set_size (self->counts, self->segments->len);
  for (guint i = 0; i < self->segments->len; i++)
    {
      AffariSegmentSpec *spec = &g_array_index (self->segments, AffariSegmentSpec, i);
      g_autofree char *name = affari_segment_spec_dup_name (spec);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *count = gtk_label_new ("–");
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), count);
      gtk_widget_set_tooltip_text (row, affari_segment_spec_describe (spec));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->segment_list, row);
      g_ptr_array_add (self->count_labels, count);
      g_array_index (self->counts, guint, i) = G_MAXUINT;
    }
  for (guint i = 0; i < self->segments->len; i++)
    {
      g_autofree char *code = affari_segment_spec_dup_code (&g_array_index (self->segments, AffariSegmentSpec, i));

      if (g_strcmp0 (code, selected ? selected : "crm_client_all") == 0)
        gtk_list_box_select_row (self->segment_list, gtk_list_box_get_row_at_index (self->segment_list, i));
    }
  schedule_counts (self);
}

/* ---- the chosen segment ---- */

static void
show_segment (AffariGeneratorWindow *self)
{
  AffariSegmentSpec *spec = current_spec (self);
  g_autofree char *name = NULL;
  AffariSegmentParam param;

  if (spec == NULL)
    return;
  name = affari_segment_spec_dup_name (spec);
  param = affari_segment_spec_param (spec);
  adw_preferences_group_set_title (self->segment_group, name);
  adw_preferences_group_set_description (self->segment_group, affari_segment_spec_describe (spec));
  gtk_widget_set_visible (GTK_WIDGET (self->params_group), param != AFFARI_SEGMENT_PARAM_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->days_row), param == AFFARI_SEGMENT_PARAM_DAYS);
  gtk_widget_set_visible (GTK_WIDGET (self->product_row), param == AFFARI_SEGMENT_PARAM_PRODUCT);
  gtk_widget_set_visible (GTK_WIDGET (self->since_row), param == AFFARI_SEGMENT_PARAM_DATE);
  if (param == AFFARI_SEGMENT_PARAM_DAYS)
    gtk_spin_button_set_value (self->days_spin, spec->days);
  /* "No purchase since": a year ago until another day is typed. */
  if (param == AFFARI_SEGMENT_PARAM_DATE && gtk_editable_get_text (GTK_EDITABLE (self->since_row))[0] == '\0')
    {
      g_autofree char *text = NULL;
      GDate day;

      affari_segment_day_of (affari_workspace_now (self->workspace), &day);
      g_date_subtract_years (&day, 1);
      text = affari_segment_format_day (&day);
      gtk_editable_set_text (GTK_EDITABLE (self->since_row), text);
    }
  schedule_preview (self);
}

static void
on_segment_selected_cb (GtkListBox *list, GtkListBoxRow *row, AffariGeneratorWindow *self)
{
  self->current = row ? gtk_list_box_row_get_index (row) : -1;
  show_segment (self);
}

/* ---- the preview ---- */

/* Shows @items (NULL: no preview possible, e.g. no product chosen). */
static void
show_preview (AffariGeneratorWindow *self, GPtrArray *items)
{
  g_autofree char *description = NULL;
  g_autofree char *button = NULL;
  guint shown = 0;

  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
  self->n_create = self->n_skip = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      AffariGeneratorItem *item = g_ptr_array_index (items, i);
      gboolean skipped = item->skip != AFFARI_GENERATOR_SKIP_NONE;

      if (skipped)
        self->n_skip++;
      else
        self->n_create++;
      if (shown < PREVIEW_ROWS)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *icon = gtk_image_new_from_icon_name (skipped ? "action-unavailable-symbolic"
                                                                  : "list-add-symbolic");

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->client_name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       skipped ? affari_generator_skip_reason (item->skip) : item->title);
          if (skipped)
            gtk_widget_add_css_class (row, "dim-label");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_preferences_group_add (self->preview_group, row);
          g_ptr_array_add (self->preview_rows, row);
          shown++;
        }
    }
  if (items == NULL && current_spec (self) != NULL
      && affari_segment_spec_param (current_spec (self)) == AFFARI_SEGMENT_PARAM_PRODUCT)
    description = g_strdup (_("Choose the product."));
  else if (self->n_create + self->n_skip == 0)
    description = g_strdup (_("No client is in this segment today."));
  else
    {
      g_autofree char *create = g_strdup_printf (ngettext ("%u deal to create", "%u deals to create", self->n_create),
                                                 self->n_create);
      g_autofree char *skip = g_strdup_printf (ngettext ("%u client skipped", "%u clients skipped", self->n_skip),
                                               self->n_skip);

      if (self->n_create + self->n_skip > shown)
        /* Translators: the preview's description: "12 deals to create, 3 clients skipped (the first 200 shown)". */
        description = g_strdup_printf (_("%s, %s (the first %u shown)"), create, skip, shown);
      else
        /* Translators: "12 deals to create, 3 clients skipped". */
        description = g_strdup_printf (_("%s, %s"), create, skip);
    }
  adw_preferences_group_set_description (self->preview_group, description);
  button = g_strdup_printf (ngettext ("Create %u Deal", "Create %u Deals", self->n_create), self->n_create);
  gtk_button_set_label (self->create_button, button);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "generator.create", self->n_create > 0);
}

static void
on_preview_ready_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = affari_generator_preview_finish (result, &error);
  AffariGeneratorWindow *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = AFFARI_GENERATOR_WINDOW (source);
  g_clear_object (&self->preview_cancellable);
  if (error != NULL)
    toast (self, error->message);
  show_preview (self, items);
}

/* Computes the preview in a thread; "Crea" waits for it. */
static void
update_preview (AffariGeneratorWindow *self)
{
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;

  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "generator.create", FALSE);
  if (!read_spec (self, &spec))
    return;
  if (affari_segment_spec_param (&spec) == AFFARI_SEGMENT_PARAM_PRODUCT && spec.product_id <= 0)
    {
      affari_segment_spec_clear (&spec);
      show_preview (self, NULL);
      return;
    }
  read_settings (self, &settings);
  self->preview_cancellable = g_cancellable_new ();
  affari_generator_preview_async (self, store_of (self), &spec, &settings, self->preview_cancellable,
                                  on_preview_ready_cb, NULL);
  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
}

static gboolean
preview_idle_cb (gpointer data)
{
  AffariGeneratorWindow *self = data;

  self->preview_source = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (AffariGeneratorWindow *self)
{
  if (self->preview_source == 0)
    self->preview_source = g_timeout_add (150, preview_idle_cb, self);
}

static void
on_setting_changed_cb (GObject *object, GParamSpec *pspec, AffariGeneratorWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->members_group), adw_combo_row_get_selected (self->responsible_row) == 1);
  schedule_preview (self);
}

static void
on_param_changed_cb (GObject *object, GParamSpec *pspec, AffariGeneratorWindow *self)
{
  AffariSegmentSpec *spec = current_spec (self);

  /* The count of the segment shown follows its parameter. */
  if (spec != NULL && affari_segment_spec_param (spec) == AFFARI_SEGMENT_PARAM_DAYS)
    spec->days = gtk_spin_button_get_value_as_int (self->days_spin);
  schedule_counts (self);
  schedule_preview (self);
}

static void
on_schedule_kind_changed_cb (GObject *object, GParamSpec *pspec, AffariGeneratorWindow *self)
{
  guint kind = adw_combo_row_get_selected (self->schedule_kind_row);

  gtk_widget_set_visible (GTK_WIDGET (self->every_row), kind == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->weekdays_row), kind == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->month_day_row), kind == 2);
}

static void
on_workspace_changed_cb (AffariWorkspace *workspace, gpointer arg, AffariGeneratorWindow *self)
{
  schedule_counts (self);
  schedule_preview (self);
}

static void
on_workspace_reset_cb (AffariWorkspace *workspace, AffariGeneratorWindow *self)
{
  schedule_counts (self);
  schedule_preview (self);
}

/* ---- saved generators, lists ---- */

static void
reload_saved (AffariGeneratorWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved = affari_generator_list_saved (store_of (self), &error);

  for (guint i = 0; i < self->saved_rows->len; i++)
    adw_preferences_group_remove (self->saved_group, g_ptr_array_index (self->saved_rows, i));
  g_ptr_array_set_size (self->saved_rows, 0);
  if (saved == NULL)
    {
      toast (self, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->saved_group), saved->len > 0);
  for (guint i = 0; i < saved->len; i++)
    {
      const AffariSavedGenerator *g = &g_array_index (saved, AffariSavedGenerator, i);
      AffariSegmentSpec spec;
      AffariGeneratorSettings settings;
      AffariSchedule schedule;
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      if (affari_generator_config_from_text (g->config, &spec, &settings, &schedule, NULL))
        {
          when = affari_schedule_describe (&schedule);
          affari_segment_spec_clear (&spec);
          affari_generator_settings_clear (&settings);
        }
      if (g->next_run != NULL)
        /* Translators: a saved generator: how often, its next run day, the deals it made. */
        subtitle = g_strdup_printf (_("%s · next run %s · deals created: %u"), when ? when : "", g->next_run,
                                    g->created_deals);
      else
        subtitle = g_strdup_printf (_("%s · finished · deals created: %u"), when ? when : "", g->created_deals);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Delete"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "generator.delete-schedule");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", g->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->saved_group, row);
      g_ptr_array_add (self->saved_rows, row);
    }
}

static void
load_lists (AffariGeneratorWindow *self)
{
  g_autoptr(GPtrArray) pipelines = affari_workspace_list_pipelines (self->workspace, NULL);
  g_autoptr(GPtrArray) products = affari_workspace_list_products (self->workspace, NULL);
  g_autoptr(GPtrArray) team = affari_workspace_list_team (self->workspace, NULL);
  g_autoptr(GtkStringList) pipeline_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) product_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) filter_names = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_append_val (self->pipeline_ids, none);
  gtk_string_list_append (pipeline_names, _("As in the client's last deal"));
  for (guint i = 0; pipelines != NULL && i < pipelines->len; i++)
    {
      AffariPipeline *pipeline = g_ptr_array_index (pipelines, i);
      gint64 id = affari_pipeline_get_id (pipeline);

      g_array_append_val (self->pipeline_ids, id);
      gtk_string_list_append (pipeline_names, affari_pipeline_get_name (pipeline));
    }
  adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (pipeline_names));

  for (guint i = 0; products != NULL && i < products->len; i++)
    {
      AffariProduct *product = g_ptr_array_index (products, i);
      gint64 id = affari_product_get_id (product);

      g_array_append_val (self->product_ids, id);
      gtk_string_list_append (product_names, affari_product_get_name (product));
    }
  adw_combo_row_set_model (self->product_row, G_LIST_MODEL (product_names));

  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      AffariTeamMember *member = g_ptr_array_index (team, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      if (!affari_team_member_get_active (member))
        continue;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_team_member_get_name (member));
      g_object_set_data (G_OBJECT (check), "member-id", GSIZE_TO_POINTER ((gsize) affari_team_member_get_id (member)));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (on_setting_changed_cb), self, 0);
      adw_preferences_group_add (self->members_group, row);
      g_ptr_array_add (self->member_checks, check);
    }

  g_clear_pointer (&self->filters, g_ptr_array_unref);
  self->filters = affari_workspace_list_saved_filters (self->workspace, NULL);
  for (guint i = 0; self->filters != NULL && i < self->filters->len; i++)
    gtk_string_list_append (filter_names, ((AffariSavedFilter *) g_ptr_array_index (self->filters, i))->name);
  adw_combo_row_set_model (self->filter_row, G_LIST_MODEL (filter_names));
}

/* ---- actions ---- */

static void
select_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariGeneratorWindow *self = AFFARI_GENERATOR_WINDOW (widget);
  const char *code = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      g_autofree char *other = affari_segment_spec_dup_code (&g_array_index (self->segments, AffariSegmentSpec, i));

      if (g_str_equal (code, other))
        gtk_list_box_select_row (self->segment_list, gtk_list_box_get_row_at_index (self->segment_list, i));
    }
}

static void
create_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariGeneratorWindow *self = AFFARI_GENERATOR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariChangeSet) set = NULL;
  g_autofree char *message = NULL;
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;
  guint created = 0, skipped = 0;

  if (!read_spec (self, &spec))
    return;
  read_settings (self, &settings);
  set = affari_generator_run (self->ops, store_of (self), &spec, &settings, TRUE, &created, &skipped, &error);
  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
  if (set == NULL)
    /* Translators: a toast; %s says why. */
    message = g_strdup_printf (_("The deals were not created: %s"), error->message);
  else
    message = g_strdup_printf (ngettext ("%u deal created", "%u deals created", created), created);
  toast (self, message);
}

static void
save_schedule_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariGeneratorWindow *self = AFFARI_GENERATOR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->schedule_name_row));
  AffariSchedule schedule = { 0 };
  AffariSegmentSpec spec;
  AffariGeneratorSettings settings;
  GDate start;
  gint64 id;

  if (!read_spec (self, &spec))
    return;
  switch (adw_combo_row_get_selected (self->schedule_kind_row))
    {
    case 1:
      schedule.kind = AFFARI_SCHEDULE_WEEKDAYS;
      for (guint i = 0; i < 7; i++)
        if (gtk_toggle_button_get_active (self->weekday_buttons[i]))
          schedule.weekdays |= 1u << i;
      break;
    case 2:
      schedule.kind = AFFARI_SCHEDULE_MONTHLY;
      schedule.month_day = gtk_spin_button_get_value_as_int (self->month_day_spin);
      break;
    default:
      schedule.kind = AFFARI_SCHEDULE_EVERY_DAYS;
      schedule.every_days = gtk_spin_button_get_value_as_int (self->every_spin);
      break;
    }
  read_settings (self, &settings);
  affari_segment_day_of (affari_workspace_now (self->workspace), &start);
  id = affari_generator_save (store_of (self), name, &spec, &settings, &schedule, &start, &error);
  affari_segment_spec_clear (&spec);
  affari_generator_settings_clear (&settings);
  if (id == 0)
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->schedule_name_row), "");
  toast (self, _("Schedule saved"));
  reload_saved (self);
}

static void
delete_schedule_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariGeneratorWindow *self = AFFARI_GENERATOR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!affari_generator_delete (store_of (self), g_variant_get_int64 (parameter), &error))
    toast (self, error->message);
  reload_saved (self);
}

static void
save_segment_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariGeneratorWindow *self = AFFARI_GENERATOR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint index = adw_combo_row_get_selected (self->filter_row);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->segment_name_row));
  AffariSavedFilter *filter;

  if (self->filters == NULL || index >= self->filters->len)
    {
      toast (self, _("Save a filter in the list first, then make it a segment here"));
      return;
    }
  filter = g_ptr_array_index (self->filters, index);
  if (affari_generator_save_segment (store_of (self), name[0] != '\0' ? name : filter->name, filter->query, &error) == 0)
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->segment_name_row), "");
  toast (self, _("Segment saved"));
  reload_segments (self);
}

/* ---- overrides ---- */

static void
affari_generator_window_dispose (GObject *object)
{
  AffariGeneratorWindow *self = AFFARI_GENERATOR_WINDOW (object);

  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_GENERATOR_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->ops);
  G_OBJECT_CLASS (affari_generator_window_parent_class)->dispose (object);
}

static void
affari_generator_window_finalize (GObject *object)
{
  AffariGeneratorWindow *self = AFFARI_GENERATOR_WINDOW (object);

  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->count_labels, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->pipeline_ids, g_array_unref);
  g_clear_pointer (&self->product_ids, g_array_unref);
  g_clear_pointer (&self->member_checks, g_ptr_array_unref);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->saved_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (affari_generator_window_parent_class)->finalize (object);
}

static void
affari_generator_window_class_init (AffariGeneratorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_generator_window_dispose;
  object_class->finalize = affari_generator_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-generator-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, segment_list);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, segment_group);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, params_group);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, days_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, days_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, product_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, since_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, comment_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, copy_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, always_switch);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, members_group);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, preview_group);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, schedule_name_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, schedule_kind_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, every_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, every_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, weekdays_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, month_day_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, month_day_spin);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, saved_group);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, filter_row);
  gtk_widget_class_bind_template_child (widget_class, AffariGeneratorWindow, segment_name_row);

  gtk_widget_class_install_action (widget_class, "generator.select", "s", select_action);
  gtk_widget_class_install_action (widget_class, "generator.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "generator.save-schedule", NULL, save_schedule_action);
  gtk_widget_class_install_action (widget_class, "generator.delete-schedule", "x", delete_schedule_action);
  gtk_widget_class_install_action (widget_class, "generator.save-segment", NULL, save_segment_action);
}

static void
affari_generator_window_init (AffariGeneratorWindow *self)
{
  /* Translators: short weekday names, Monday first, separated by "|". */
  g_auto(GStrv) days = g_strsplit (_("Mon|Tue|Wed|Thu|Fri|Sat|Sun"), "|", 7);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->current = -1;
  self->count_labels = g_ptr_array_new ();
  self->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->pipeline_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->product_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->member_checks = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
  self->saved_rows = g_ptr_array_new ();

  for (guint i = 0; i < 7; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (days[i] ? days[i] : "");

      /* Monday to Friday, as a working week. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i < 5);
      gtk_box_append (self->weekdays_box, button);
      self->weekday_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  gtk_list_box_set_header_func (self->segment_list, header_func, self, NULL);
  g_signal_connect (self->segment_list, "row-selected", G_CALLBACK (on_segment_selected_cb), self);
  g_signal_connect (self->days_spin, "notify::value", G_CALLBACK (on_param_changed_cb), self);
  g_signal_connect (self->product_row, "notify::selected", G_CALLBACK (on_param_changed_cb), self);
  g_signal_connect (self->since_row, "notify::text", G_CALLBACK (on_param_changed_cb), self);
  g_signal_connect (self->title_row, "notify::text", G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect (self->pipeline_row, "notify::selected", G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect (self->responsible_row, "notify::selected", G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect (self->copy_switch, "notify::active", G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect (self->always_switch, "notify::active", G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect (self->schedule_kind_row, "notify::selected", G_CALLBACK (on_schedule_kind_changed_cb), self);
  on_schedule_kind_changed_cb (NULL, NULL, self);
  gtk_widget_set_visible (GTK_WIDGET (self->members_group), FALSE);
}

/* ---- public API ---- */

GtkWidget *
affari_generator_window_new (GtkWindow       *parent,
                             AffariWorkspace *workspace,
                             AffariDealOps   *ops)
{
  AffariGeneratorWindow *self;
  AffariGeneratorSettings defaults;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_DEAL_OPS (ops), NULL);

  self = g_object_new (AFFARI_TYPE_GENERATOR_WINDOW, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->ops = g_object_ref (ops);

  affari_generator_settings_init (&defaults);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), defaults.title_pattern);
  affari_generator_settings_clear (&defaults);
  load_lists (self);
  reload_saved (self);
  reload_segments (self);
  g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
  g_signal_connect (workspace, "reset", G_CALLBACK (on_workspace_reset_cb), self);
  return GTK_WIDGET (self);
}

guint
affari_generator_window_get_count (AffariGeneratorWindow *self,
                                   const char            *code)
{
  g_return_val_if_fail (AFFARI_IS_GENERATOR_WINDOW (self), G_MAXUINT);

  for (guint i = 0; i < self->segments->len; i++)
    {
      g_autofree char *other = affari_segment_spec_dup_code (&g_array_index (self->segments, AffariSegmentSpec, i));

      if (g_str_equal (code, other))
        return g_array_index (self->counts, guint, i);
    }
  return G_MAXUINT;
}

gboolean
affari_generator_window_get_preview (AffariGeneratorWindow *self,
                                     guint                 *n_create,
                                     guint                 *n_skip)
{
  g_return_val_if_fail (AFFARI_IS_GENERATOR_WINDOW (self), FALSE);

  *n_create = self->n_create;
  *n_skip = self->n_skip;
  /* Not final while a change waits to be previewed or the preview is being made. */
  return self->preview_source == 0 && self->preview_cancellable == NULL;
}
