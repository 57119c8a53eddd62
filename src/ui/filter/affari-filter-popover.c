/* affari-filter-popover.c — the "Filtri" popover: presets, saved filters and custom criteria
 *
 * Its structure is the template; here are the controls that depend on the workspace (stages, team,
 * types, sources, saved filters, custom fields) and the reading of the controls into a filter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-filter-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "model/affari-filter-preset.h"
#include "model/affari-money.h"
#include "model/affari-reference.h"

#include "ui/filter/affari-filter-criteria.h"
#include "ui/filter/affari-filter-fields.h"
#include "ui/filter/affari-filter-popover.h"

typedef struct {
  GtkDropDown    *period;
  GtkSpinButton  *days;
} DateRow;

struct _AffariFilterPopover
{
  GtkPopover         parent_instance;

  AffariWorkspace   *workspace;
  gint64             pipeline_id;
  AffariDealQuery   *filter;            /* the active filter, shown when the popover opens */
  GPtrArray         *stage_checks;      /* GtkCheckButton, "stage-id" data */
  GArray            *responsible_ids;   /* gint64 per item: 0 = anyone, -1 = me */
  GPtrArray         *type_codes;        /* char*, NULL = any */
  GPtrArray         *source_codes;
  AffariFilterFields *fields;

  /* template */
  GtkViewport       *viewport;
  GtkWidget         *content;
  GtkFlowBox        *presets_box;
  GtkListBox        *saved_list;
  GtkFlowBox        *stage_box;
  GtkDropDown       *responsible;
  GtkEntry          *amount_min;
  GtkEntry          *amount_max;
  GtkDropDown       *currency;
  GtkEntry          *client;
  GtkDropDown       *type;
  GtkDropDown       *source;
  DateRow            dates[4];          /* created, begin, close, closed on */
  GtkDropDown       *repeat;
  GtkDropDown       *activity;
  GtkWidget         *fields_heading;
  GtkGrid           *fields_grid;
  GtkSizeGroup      *label_group;
  GtkLabel          *error_label;
  GtkEntry          *save_name;
  GtkWidget         *apply_button;
  GtkWidget         *save_button;
};

G_DEFINE_FINAL_TYPE (AffariFilterPopover, affari_filter_popover, GTK_TYPE_POPOVER)

enum {
  FILTER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static void
show_error (AffariFilterPopover *self, GtkWidget *field, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static guint
index_of_code (GPtrArray *codes, const char *code)
{
  for (guint i = 1; code != NULL && i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      return i;
  return 0;
}

/* Fills the pipeline-dependent and reference controls from the workspace. */
static void
reload_choices (AffariFilterPopover *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) type_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) source_names = gtk_string_list_new (NULL);
  GtkWidget *child;
  gint64 any = 0, me = -1;
  guint row_count;

  if (self->workspace == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stage_box))) != NULL)
    gtk_flow_box_remove (self->stage_box, child);
  g_ptr_array_set_size (self->stage_checks, 0);
  stages = affari_workspace_list_stages (self->workspace, self->pipeline_id, NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      GtkWidget *check = gtk_check_button_new_with_label (affari_stage_get_name (stage));

      g_object_set_data (G_OBJECT (check), "stage-id", GSIZE_TO_POINTER ((gsize) affari_stage_get_id (stage)));
      gtk_flow_box_append (self->stage_box, check);
      g_ptr_array_add (self->stage_checks, check);
    }

  g_array_set_size (self->responsible_ids, 0);
  gtk_string_list_append (people, _("Anyone"));
  g_array_append_val (self->responsible_ids, any);
  gtk_string_list_append (people, _("Me"));
  g_array_append_val (self->responsible_ids, me);
  team = affari_workspace_list_team (self->workspace, NULL);
  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      gint64 id = affari_team_member_get_id (g_ptr_array_index (team, i));
      gtk_string_list_append (people, affari_team_member_get_name (g_ptr_array_index (team, i)));
      g_array_append_val (self->responsible_ids, id);
    }
  gtk_drop_down_set_model (self->responsible, G_LIST_MODEL (people));

  g_ptr_array_set_size (self->type_codes, 0);
  g_ptr_array_add (self->type_codes, NULL);
  gtk_string_list_append (type_names, _("Any type"));
  types = affari_workspace_list_deal_types (self->workspace, NULL);
  for (guint i = 0; types != NULL && i + 1 < types->len; i += 2)
    {
      g_ptr_array_add (self->type_codes, g_strdup (g_ptr_array_index (types, i)));
      gtk_string_list_append (type_names, affari_list_item_display_name (AFFARI_LIST_DEAL_TYPES, g_ptr_array_index (types, i),
                                                                         g_ptr_array_index (types, i + 1)));
    }
  gtk_drop_down_set_model (self->type, G_LIST_MODEL (type_names));

  g_ptr_array_set_size (self->source_codes, 0);
  g_ptr_array_add (self->source_codes, NULL);
  gtk_string_list_append (source_names, _("Any source"));
  sources = affari_workspace_list_sources (self->workspace, NULL);
  for (guint i = 0; sources != NULL && i + 1 < sources->len; i += 2)
    {
      g_ptr_array_add (self->source_codes, g_strdup (g_ptr_array_index (sources, i)));
      gtk_string_list_append (source_names, affari_list_item_display_name (AFFARI_LIST_SOURCES, g_ptr_array_index (sources, i),
                                                                           g_ptr_array_index (sources, i + 1)));
    }
  gtk_drop_down_set_model (self->source, G_LIST_MODEL (source_names));

  row_count = affari_filter_fields_reload (self->fields, self->workspace);
  gtk_widget_set_visible (self->fields_heading, row_count > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_grid), row_count > 0);
}

/* What a saved filter holds, in the chips' words ("Oltre € 5.000, Valuta EUR"), as markup. */
static char *
describe (AffariFilterPopover *self, const AffariDealQuery *query)
{
  g_autoptr(GArray) chips = affari_filter_criteria_describe (self->workspace, query);
  g_autoptr(GString) text = g_string_new (query->text);

  for (guint i = 0; i < chips->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_array_index (chips, AffariFilterChip, i).label);
    }
  return g_markup_escape_text (text->str, -1);
}

static void
reload_saved (AffariFilterPopover *self)
{
  g_autoptr(GPtrArray) saved = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);

  saved = self->workspace ? affari_workspace_list_saved_filters (self->workspace, NULL) : NULL;
  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      AffariSavedFilter *filter = g_ptr_array_index (saved, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *escaped = g_markup_escape_text (filter->name, -1);
      g_autofree char *label = g_strdup_printf (_("Delete the filter “%s”"), filter->name);

      g_autofree char *description = describe (self, filter->query);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "filter.apply-saved");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", filter->id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "filter.delete-saved");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", filter->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->saved_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->saved_list), saved != NULL && saved->len > 0);
}

static void
load_date_row (DateRow *row, const AffariDateRange *range)
{
  guint period = range->period == AFFARI_PERIOD_BETWEEN ? AFFARI_PERIOD_ANY : range->period;

  gtk_drop_down_set_selected (row->period, period);
  if (range->period == AFFARI_PERIOD_LAST_DAYS)
    gtk_spin_button_set_value (row->days, range->days);
}

/* The controls show the active filter whenever the popover opens. */
static void
load_controls (AffariFilterPopover *self)
{
  const AffariDealQuery *q = self->filter;
  guint responsible = 0;

  reload_choices (self);
  reload_saved (self);

  for (guint i = 0; i < self->stage_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->stage_checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "stage-id"));
      gboolean active = FALSE;
      for (guint k = 0; q->stage_ids != NULL && k < q->stage_ids->len; k++)
        active |= g_array_index (q->stage_ids, gint64, k) == id;
      gtk_check_button_set_active (check, active);
    }
  for (guint i = 0; i < self->responsible_ids->len; i++)
    {
      gint64 id = g_array_index (self->responsible_ids, gint64, i);
      if ((id == -1 && q->assigned_to_me) ||
          (id > 0 && q->assigned_ids != NULL && q->assigned_ids->len > 0 && g_array_index (q->assigned_ids, gint64, 0) == id))
        responsible = i;
    }
  gtk_drop_down_set_selected (self->responsible, responsible);
  {
    /* as people type them here ("5.000,00"), which read_amount () reads back */
    g_autofree char *min = q->has_amount_min ? affari_money_format (q->amount_min, NULL) : NULL;
    g_autofree char *max = q->has_amount_max ? affari_money_format (q->amount_max, NULL) : NULL;
    gtk_editable_set_text (GTK_EDITABLE (self->amount_min), min ? min : "");
    gtk_editable_set_text (GTK_EDITABLE (self->amount_max), max ? max : "");
  }
  gtk_drop_down_set_selected (self->currency, 0);
  for (guint i = 0; i < AFFARI_FILTER_N_CURRENCIES; i++)
    if (g_strcmp0 (q->currency, affari_filter_currencies[i]) == 0)
      gtk_drop_down_set_selected (self->currency, i + 1);
  {
    g_autoptr(AffariCompany) company = q->company_id ? affari_workspace_get_company (self->workspace, q->company_id, NULL) : NULL;
    gtk_editable_set_text (GTK_EDITABLE (self->client), company ? affari_company_get_name (company) : "");
  }
  gtk_drop_down_set_selected (self->type, index_of_code (self->type_codes, q->type_id));
  gtk_drop_down_set_selected (self->source, index_of_code (self->source_codes, q->source_id));
  load_date_row (&self->dates[0], &q->created);
  load_date_row (&self->dates[1], &q->begin);
  load_date_row (&self->dates[2], &q->close);
  load_date_row (&self->dates[3], &q->closed_on);
  gtk_drop_down_set_selected (self->repeat, q->repeat);
  gtk_drop_down_set_selected (self->activity, q->activity);
  affari_filter_fields_load (self->fields, q);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static gboolean
read_amount (AffariFilterPopover *self, GtkEntry *entry, gboolean *has, gint64 *amount)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return TRUE;
  if (!affari_money_parse (text, amount, &error))
    {
      show_error (self, GTK_WIDGET (entry), error->message);
      return FALSE;
    }
  *has = TRUE;
  return TRUE;
}

/* The filter the controls describe, or NULL (with the error shown) when a field is invalid. */
static AffariDealQuery *
read_controls (AffariFilterPopover *self)
{
  g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
  const AffariDealQuery *old = self->filter;
  const AffariDateRange *old_ranges[] = { &old->created, &old->begin, &old->close, &old->closed_on };
  AffariDateRange *ranges[] = { &q->created, &q->begin, &q->close, &q->closed_on };
  g_autofree char *error_message = NULL;
  GtkWidget *error_widget = NULL;
  guint selected;
  const char *text;

  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_min), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_max), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->client), "error");

  affari_deal_query_set_text (q, old->text);
  /* what the popover does not show is kept (a preset's semantics) */
  q->semantics_mask = old->semantics_mask;
  q->closed = old->closed;

  for (guint i = 0; i < self->stage_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->stage_checks, i);
      if (gtk_check_button_get_active (check))
        {
          gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "stage-id"));
          if (q->stage_ids == NULL)
            q->stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (q->stage_ids, id);
        }
    }
  selected = gtk_drop_down_get_selected (self->responsible);
  if (selected < self->responsible_ids->len)
    {
      gint64 id = g_array_index (self->responsible_ids, gint64, selected);
      if (id == -1)
        q->assigned_to_me = TRUE;
      else if (id > 0)
        {
          q->assigned_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (q->assigned_ids, id);
        }
    }

  if (!read_amount (self, self->amount_min, &q->has_amount_min, &q->amount_min) ||
      !read_amount (self, self->amount_max, &q->has_amount_max, &q->amount_max))
    return NULL;
  if (q->has_amount_min && q->has_amount_max && q->amount_min > q->amount_max)
    {
      show_error (self, GTK_WIDGET (self->amount_max), _("The highest amount is below the lowest."));
      return NULL;
    }

  selected = gtk_drop_down_get_selected (self->currency);
  if (selected > 0 && selected <= AFFARI_FILTER_N_CURRENCIES)
    q->currency = g_strdup (affari_filter_currencies[selected - 1]);

  text = gtk_editable_get_text (GTK_EDITABLE (self->client));
  if (*text != '\0')
    {
      g_autoptr(GPtrArray) found = affari_workspace_search_companies (self->workspace, text, 1, NULL);
      if (found == NULL || found->len == 0)
        {
          show_error (self, GTK_WIDGET (self->client), _("No client has this name."));
          return NULL;
        }
      q->company_id = affari_company_get_id (g_ptr_array_index (found, 0));
    }

  selected = gtk_drop_down_get_selected (self->type);
  if (selected > 0 && selected < self->type_codes->len)
    q->type_id = g_strdup (g_ptr_array_index (self->type_codes, selected));
  selected = gtk_drop_down_get_selected (self->source);
  if (selected > 0 && selected < self->source_codes->len)
    q->source_id = g_strdup (g_ptr_array_index (self->source_codes, selected));

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    affari_filter_criteria_read_range (gtk_drop_down_get_selected (self->dates[i].period),
                                       gtk_spin_button_get_value_as_int (self->dates[i].days),
                                       old_ranges[i], ranges[i]);
  q->repeat = gtk_drop_down_get_selected (self->repeat);
  q->activity = gtk_drop_down_get_selected (self->activity);
  if (!affari_filter_fields_read (self->fields, old, q, &error_widget, &error_message))
    {
      show_error (self, error_widget, error_message);
      return NULL;
    }

  return g_steal_pointer (&q);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_period_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, GtkWidget *days)
{
  gtk_widget_set_visible (days, gtk_drop_down_get_selected (dropdown) == AFFARI_PERIOD_LAST_DAYS);
}

static void
on_entry_activate_cb (GtkEntry *entry, AffariFilterPopover *self)
{
  gtk_widget_activate (self->apply_button);
}

static void
on_save_name_activate_cb (GtkEntry *entry, AffariFilterPopover *self)
{
  gtk_widget_activate (self->save_button);
}

static void
on_apply_clicked_cb (GtkButton *button, AffariFilterPopover *self)
{
  g_autoptr(AffariDealQuery) q = read_controls (self);

  if (q == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[FILTER_CHOSEN], 0, q);
}

static void
on_save_clicked_cb (GtkButton *button, AffariFilterPopover *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) q = read_controls (self);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->save_name));

  if (q == NULL)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->save_name), "error");
  if (affari_workspace_save_filter (self->workspace, name, q, &error) == 0)
    {
      show_error (self, GTK_WIDGET (self->save_name), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->save_name), "");
  reload_saved (self);
  g_signal_emit (self, signals[FILTER_CHOSEN], 0, q);
}

/* The keyboard's focus is scrolled into view; a click's is already in view, so nothing moves
 * under the pointer; the focus in a drop-down's own list is that list's business. */
static void
on_focus_widget_changed_cb (GtkRoot *root, GParamSpec *pspec, AffariFilterPopover *self)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->viewport));
  graphene_rect_t bounds;
  double value, page;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->content) ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != GTK_WIDGET (self) ||
      !gtk_widget_compute_bounds (focus, GTK_WIDGET (self->viewport), &bounds))
    return;
  /* @bounds are where the focus is seen now: above the view, or below it */
  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_adjustment_get_page_size (vadjustment);
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (vadjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (vadjustment, value + bounds.origin.y + bounds.size.height - page);
}

/* ------------------------------------------------------------ overrides */

static void
affari_filter_popover_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (affari_filter_popover_parent_class)->map (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (on_focus_widget_changed_cb), widget, 0);
}

static void
affari_filter_popover_unmap (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), on_focus_widget_changed_cb, widget);
  GTK_WIDGET_CLASS (affari_filter_popover_parent_class)->unmap (widget);
}

static void
affari_filter_popover_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (affari_filter_popover_parent_class)->show (widget);
  load_controls (AFFARI_FILTER_POPOVER (widget));
}

static void
affari_filter_popover_dispose (GObject *object)
{
  AffariFilterPopover *self = AFFARI_FILTER_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_FILTER_POPOVER);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_filter_popover_parent_class)->dispose (object);
}

static void
affari_filter_popover_finalize (GObject *object)
{
  AffariFilterPopover *self = AFFARI_FILTER_POPOVER (object);

  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->stage_checks, g_ptr_array_unref);
  g_clear_pointer (&self->responsible_ids, g_array_unref);
  g_clear_pointer (&self->type_codes, g_ptr_array_unref);
  g_clear_pointer (&self->source_codes, g_ptr_array_unref);
  g_clear_pointer (&self->fields, affari_filter_fields_free);

  G_OBJECT_CLASS (affari_filter_popover_parent_class)->finalize (object);
}

static void
affari_filter_popover_class_init (AffariFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_filter_popover_dispose;
  object_class->finalize = affari_filter_popover_finalize;
  widget_class->show = affari_filter_popover_show;
  widget_class->map = affari_filter_popover_map;
  widget_class->unmap = affari_filter_popover_unmap;

  signals[FILTER_CHOSEN] = g_signal_new ("filter-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE,
                                         1, AFFARI_TYPE_DEAL_QUERY | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, viewport);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, content);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, presets_box);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, saved_list);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, stage_box);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, responsible);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, amount_min);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, amount_max);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, currency);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, client);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, type);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, source);
  gtk_widget_class_bind_template_child_full (widget_class, "created_period", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[0].period));
  gtk_widget_class_bind_template_child_full (widget_class, "created_days", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[0].days));
  gtk_widget_class_bind_template_child_full (widget_class, "begin_period", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[1].period));
  gtk_widget_class_bind_template_child_full (widget_class, "begin_days", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[1].days));
  gtk_widget_class_bind_template_child_full (widget_class, "close_period", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[2].period));
  gtk_widget_class_bind_template_child_full (widget_class, "close_days", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[2].days));
  gtk_widget_class_bind_template_child_full (widget_class, "closed_on_period", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[3].period));
  gtk_widget_class_bind_template_child_full (widget_class, "closed_on_days", FALSE, G_STRUCT_OFFSET (AffariFilterPopover, dates[3].days));
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, repeat);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, activity);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, fields_heading);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, label_group);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, error_label);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, save_name);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, apply_button);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterPopover, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_name_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
}

static void
affari_filter_popover_init (AffariFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = affari_deal_query_new ();
  self->stage_checks = g_ptr_array_new ();
  self->responsible_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->type_codes = g_ptr_array_new_with_free_func (g_free);
  self->source_codes = g_ptr_array_new_with_free_func (g_free);
  self->fields = affari_filter_fields_new (self->fields_grid, self->label_group, self->apply_button);

  /* the presets are a list of the model: one button each */
  for (guint p = 0; p < AFFARI_N_FILTER_PRESETS; p++)
    {
      GtkWidget *button = gtk_button_new_with_label (affari_filter_preset_label (p));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "filter.apply-preset");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", affari_filter_preset_to_code (p));
      gtk_flow_box_append (self->presets_box, button);
    }
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_filter_popover_new (void)
{
  return g_object_new (AFFARI_TYPE_FILTER_POPOVER, NULL);
}

void
affari_filter_popover_set_workspace (AffariFilterPopover *self, AffariWorkspace *workspace)
{
  g_return_if_fail (AFFARI_IS_FILTER_POPOVER (self));

  g_set_object (&self->workspace, workspace);
}

void
affari_filter_popover_set_pipeline_id (AffariFilterPopover *self, gint64 pipeline_id)
{
  g_return_if_fail (AFFARI_IS_FILTER_POPOVER (self));

  self->pipeline_id = pipeline_id;
}

void
affari_filter_popover_set_filter (AffariFilterPopover *self, const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_FILTER_POPOVER (self));
  g_return_if_fail (filter != NULL);

  affari_deal_query_free (self->filter);
  self->filter = affari_deal_query_copy (filter);
}

void
affari_filter_popover_delete_saved (AffariFilterPopover *self, gint64 filter_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AFFARI_IS_FILTER_POPOVER (self));

  if (!affari_workspace_delete_saved_filter (self->workspace, filter_id, &error))
    show_error (self, NULL, error->message);
  reload_saved (self);
}
