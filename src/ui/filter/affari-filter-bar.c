/* affari-filter-bar.c — the search entry, the "Filtri" popover and the chips of the active filter
 *
 * The bar owns the active filter and its actions; the popover (affari-filter-popover.c) edits
 * it, the criteria (affari-filter-criteria.c) put it into words for the chips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-filter-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-filter-preset.h"

#include "ui/filter/affari-filter-bar.h"
#include "ui/filter/affari-filter-criteria.h"
#include "ui/filter/affari-filter-popover.h"

struct _AffariFilterBar
{
  GtkWidget            parent_instance;

  AffariWorkspace     *workspace;
  gint64               pipeline_id;
  AffariDealQuery     *filter;
  gboolean             setting_text;
  AffariFilterPopover *popover;         /* built on first use; the menu button owns it */

  /* template */
  GtkWidget           *box;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *filter_button;
  GtkFlowBox          *chips_box;
};

G_DEFINE_FINAL_TYPE (AffariFilterBar, affari_filter_bar, GTK_TYPE_WIDGET)

enum {
  FILTER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static void emit_changed (AffariFilterBar *self);

static void
on_chip_clicked_cb (GtkButton       *button,
                    AffariFilterBar *self)
{
  AffariFilterChipKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "chip-kind"));
  gint64 field_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "field-id"));

  affari_filter_criteria_remove (self->filter, kind, field_id);
  emit_changed (self);
}

static void
add_chip (AffariFilterBar *self, const AffariFilterChip *chip)
{
  g_autofree char *remove = g_strdup_printf (_("Remove the filter “%s”"), chip->label);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *text = gtk_label_new (chip->label);

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 32);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  /* as wide as its words: the flow box's columns are as wide as their widest chip */
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_object_set_data (G_OBJECT (button), "chip-kind", GINT_TO_POINTER (chip->kind));
  g_object_set_data (G_OBJECT (button), "field-id", GSIZE_TO_POINTER ((gsize) chip->field_id));
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
  gtk_flow_box_append (self->chips_box, button);
}

static void
update_chips (AffariFilterBar *self)
{
  g_autoptr(GArray) chips = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  if (self->workspace == NULL)
    return;

  chips = affari_filter_criteria_describe (self->workspace, self->filter);
  for (guint i = 0; i < chips->len; i++)
    add_chip (self, &g_array_index (chips, AffariFilterChip, i));

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), chips->len > 0);
}

static void
sync_entry (AffariFilterBar *self)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *text = self->filter->text ? self->filter->text : "";

  if (g_strcmp0 (shown, text) != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      self->setting_text = FALSE;
    }
}

/* The popover shows the active filter when it opens: it is handed every new one. */
static void
sync_popover (AffariFilterBar *self)
{
  if (self->popover != NULL)
    affari_filter_popover_set_filter (self->popover, self->filter);
}

static void
emit_changed (AffariFilterBar *self)
{
  sync_entry (self);
  sync_popover (self);
  update_chips (self);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
set_filter_and_emit (AffariFilterBar *self, AffariDealQuery *filter)
{
  affari_deal_query_free (self->filter);
  self->filter = filter;
  emit_changed (self);
}

static void
popdown (AffariFilterBar *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_popover_filter_chosen_cb (AffariFilterPopover   *popover,
                             const AffariDealQuery *filter,
                             AffariFilterBar       *self)
{
  set_filter_and_emit (self, affari_deal_query_copy (filter));
}

/* The popover holds some forty controls: built when "Filtri" is first opened, not at start-up. */
static void
ensure_popover (AffariFilterBar *self)
{
  if (self->popover != NULL)
    return;
  self->popover = AFFARI_FILTER_POPOVER (affari_filter_popover_new ());
  affari_filter_popover_set_workspace (self->popover, self->workspace);
  affari_filter_popover_set_pipeline_id (self->popover, self->pipeline_id);
  affari_filter_popover_set_filter (self->popover, self->filter);
  g_signal_connect_object (self->popover, "filter-chosen", G_CALLBACK (on_popover_filter_chosen_cb), self, 0);
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->popover));
}

static void
on_filter_button_create_popup_cb (GtkMenuButton *button, gpointer user_data)
{
  ensure_popover (AFFARI_FILTER_BAR (user_data));
}

static void
on_search_changed_cb (GtkSearchEntry *entry, AffariFilterBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->setting_text || g_strcmp0 (text, self->filter->text ? self->filter->text : "") == 0)
    return;
  affari_deal_query_set_text (self->filter, text);
  sync_popover (self);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

/* ------------------------------------------------------------ actions */

static void
apply_preset_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);
  AffariFilterPreset preset;
  AffariDealQuery *q;

  if (!affari_filter_preset_from_code (g_variant_get_string (parameter, NULL), &preset))
    {
      g_warning ("No filter preset “%s”", g_variant_get_string (parameter, NULL));
      return;
    }
  /* A preset replaces the criteria; what is typed in the search stays. */
  q = affari_filter_preset_new_query (preset);
  affari_deal_query_set_text (q, self->filter->text);
  popdown (self);
  set_filter_and_emit (self, q);
}

static void
apply_saved_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);
  g_autoptr(GPtrArray) saved = affari_workspace_list_saved_filters (self->workspace, NULL);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      AffariSavedFilter *filter = g_ptr_array_index (saved, i);
      if (filter->id == id)
        {
          popdown (self);
          set_filter_and_emit (self, affari_deal_query_copy (filter->query));
          return;
        }
    }
}

static void
delete_saved_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);

  ensure_popover (self);
  affari_filter_popover_delete_saved (self->popover, g_variant_get_int64 (parameter));
}

static void
clear_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);

  popdown (self);
  set_filter_and_emit (self, affari_deal_query_new ());
}

/* ------------------------------------------------------------ overrides */

static void
affari_filter_bar_dispose (GObject *object)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_FILTER_BAR);
  self->popover = NULL;
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_filter_bar_parent_class)->dispose (object);
}

static void
affari_filter_bar_finalize (GObject *object)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (object);

  g_clear_pointer (&self->filter, affari_deal_query_free);

  G_OBJECT_CLASS (affari_filter_bar_parent_class)->finalize (object);
}

static void
affari_filter_bar_class_init (AffariFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_filter_bar_dispose;
  object_class->finalize = affari_filter_bar_finalize;

  signals[FILTER_CHANGED] = g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, box);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, chips_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterbar");

  gtk_widget_class_install_action (widget_class, "filter.apply-preset", "s", apply_preset_action);
  gtk_widget_class_install_action (widget_class, "filter.apply-saved", "x", apply_saved_action);
  gtk_widget_class_install_action (widget_class, "filter.delete-saved", "x", delete_saved_action);
  gtk_widget_class_install_action (widget_class, "filter.clear", NULL, clear_action);
}

static void
affari_filter_bar_init (AffariFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = affari_deal_query_new ();
  gtk_menu_button_set_create_popup_func (self->filter_button, on_filter_button_create_popup_cb, self, NULL);
  /* GtkSearchEntry waits 150 ms after a keystroke by default: the workspace answers a keystroke in
   * a few milliseconds (affari_workspace_query_deal_ids), so the views follow the typing at once. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
}

/* ------------------------------------------------------------ public API */

AffariWorkspace *
affari_filter_bar_get_workspace (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  return self->workspace;
}

void
affari_filter_bar_set_workspace (AffariFilterBar *self, AffariWorkspace *workspace)
{
  g_return_if_fail (AFFARI_IS_FILTER_BAR (self));

  g_set_object (&self->workspace, workspace);
  if (self->popover != NULL)
    affari_filter_popover_set_workspace (self->popover, workspace);
  update_chips (self);
}

void
affari_filter_bar_set_pipeline_id (AffariFilterBar *self, gint64 pipeline_id)
{
  g_return_if_fail (AFFARI_IS_FILTER_BAR (self));

  self->pipeline_id = pipeline_id;
  if (self->popover != NULL)
    affari_filter_popover_set_pipeline_id (self->popover, pipeline_id);
}

const AffariDealQuery *
affari_filter_bar_get_filter (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  return self->filter;
}

void
affari_filter_bar_set_filter (AffariFilterBar *self, const AffariDealQuery *filter)
{
  AffariDealQuery *copy;

  g_return_if_fail (AFFARI_IS_FILTER_BAR (self));

  copy = affari_deal_query_new ();
  affari_deal_query_merge_filter (copy, filter);
  affari_deal_query_free (self->filter);
  self->filter = copy;
  sync_entry (self);
  sync_popover (self);
  update_chips (self);
}

GtkSearchEntry *
affari_filter_bar_get_search_entry (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  return self->search_entry;
}

GtkWidget *
affari_filter_bar_get_popover (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  ensure_popover (self);
  return GTK_WIDGET (self->popover);
}
