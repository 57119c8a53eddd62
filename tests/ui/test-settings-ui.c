/* test-settings-ui.c — Preferenze on the real application: pipelines, stages, custom fields and
 * card layouts, seen live on the board and the card
 *
 * Runs under Xvfb in Italian (LC_ALL=it_IT.UTF-8), with GSETTINGS_BACKEND=memory. Every test
 * starts the real AffariApplication on a temporary database, waits until the window is on screen
 * and drawn, acts through named actions (as menus and shortcuts do), and asserts what a user would
 * see and what the store holds afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "model/affari-i18n.h"
#include "store/affari-store.h"
#include "affari-test-harness.h"
#include "ui/app/affari-application.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/board/affari-kanban-board.h"
#include "ui/board/affari-kanban-column.h"
#include "ui/settings/affari-preferences-window.h"
#include "ui/settings/affari-settings-card-layout.h"
#include "ui/settings/affari-settings-fields.h"
#include "ui/settings/affari-settings-lists.h"
#include "ui/settings/affari-settings-pipeline-editor.h"
#include "ui/settings/affari-settings-pipelines.h"
#include "ui/app/affari-window.h"

typedef struct _Fixture Fixture;

struct _Fixture
{
  AffariTestApp      base;        /* first: see affari-test-harness.h */
};

/* ------------------------------------------------------------ finding widgets */

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
match_mapped_row_title (GtkWidget     *widget,
                        gconstpointer  data)
{
  return match_row_title (widget, data) && gtk_widget_get_mapped (widget);
}

/* A stage row of the pipeline editor showing @data as its text. */
static gboolean
match_stage_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) && gtk_widget_has_css_class (widget, "stage-row") &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  affari_test_app_setup (&f->base, "settings-ui");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
}

static gint64 deal_id;

/* ------------------------------------------------------------ the test */

static char *
stage_names (AffariStore *store,
             gint64       pipeline_id)
{
  g_autoptr(GPtrArray) stages = affari_store_list_stages (store, pipeline_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < stages->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", affari_stage_get_name (g_ptr_array_index (stages, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
column_names (AffariKanbanBoard *board)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < affari_kanban_board_get_n_columns (board); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                            affari_stage_get_name (affari_kanban_column_get_stage (affari_kanban_board_get_column (board, i))));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  return GTK_DROP_TARGET (affari_test_find_controller (widget, GTK_TYPE_DROP_TARGET));
}

static void
settings_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  AffariKanbanBoard *board = AFFARI_KANBAN_BOARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_KANBAN_BOARD));
  GtkWindow *preferences;
  GtkWidget *pipelines_page, *fields_page;
  AffariSettingsPipelineEditor *editor;
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *names = NULL;
  AdwMessageDialog *dialog;
  AffariDealCard *card;
  GtkWidget *row, *name_row, *layout_page;
  gint64 renewals, new_stage;
  guint n_before;

  g_assert_nonnull (board);
  g_action_group_activate_action (G_ACTION_GROUP (f->base.app), "preferences", NULL);
  WAIT_UNTIL ((preferences = affari_test_find_toplevel (AFFARI_TYPE_PREFERENCES_WINDOW)) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  pipelines_page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_PIPELINES);
  fields_page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_FIELDS);
  g_assert_nonnull (pipelines_page);
  g_assert_nonnull (fields_page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (pipelines_page));
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (preferences), _("General")));

  /* A new pipeline opens its editor; its name is typed and applied. */
  g_assert_true (gtk_widget_activate_action (pipelines_page, "pipelines.add", NULL));
  WAIT_UNTIL ((editor = AFFARI_SETTINGS_PIPELINE_EDITOR (affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_PIPELINE_EDITOR))) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (editor)));
  renewals = affari_settings_pipeline_editor_get_pipeline_id (editor);
  name_row = affari_test_find_widget (GTK_WIDGET (editor), match_row_title, _("Pipeline Name"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Rinnovi");
  g_signal_emit_by_name (name_row, "apply");
  pipelines = affari_store_list_pipelines (store, NULL);
  g_assert_cmpuint (pipelines->len, ==, 2);
  g_assert_cmpstr (affari_pipeline_get_name (g_ptr_array_index (pipelines, 1)), ==, "Rinnovi");

  /* The board shows the new pipeline; then a stage is added and reordered in Preferenze. */
  affari_window_set_pipeline_id (window, renewals);
  affari_test_settle ();
  n_before = affari_kanban_board_get_n_columns (board);
  g_assert_cmpuint (n_before, ==, 8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "stages.add", NULL));
  affari_test_settle ();
  new_stage = affari_store_find_stage (store, renewals, AFFARI_SEMANTICS_PROCESS);
  names = stage_names (store, renewals);
  g_assert_nonnull (strstr (names, _("Final invoice")));
  {
    g_autofree char *expected = g_strdup_printf ("%s|%s|", _("Final invoice"), _("New Stage"));
    g_assert_nonnull (strstr (names, expected));
  }
  g_clear_pointer (&names, g_free);
  WAIT_UNTIL (affari_kanban_board_get_n_columns (board) == n_before + 1);

  /* Dragged onto the first row (its upper half): the new stage becomes the first, live on the board. */
  WAIT_UNTIL ((row = affari_test_find_widget (GTK_WIDGET (editor), match_stage_row, _("New Stage"))) != NULL);
  affari_test_wait_for_frame (row);
  {
    GtkWidget *first;
    AffariStage *dragged = g_object_get_data (G_OBJECT (row), "affari-stage");
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    WAIT_UNTIL ((first = affari_test_find_widget (GTK_WIDGET (editor), match_stage_row, _("New"))) != NULL);
    g_value_init (&value, AFFARI_TYPE_STAGE);
    g_value_set_object (&value, dragged);
    g_signal_emit_by_name (drop_target_of (first), "drop", &value, 10.0, 1.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    new_stage = affari_stage_get_id (dragged);
  }
  names = stage_names (store, renewals);
  g_test_message ("after the drop: %s", names);
  g_assert_true (g_str_has_prefix (names, _("New Stage")));
  g_clear_pointer (&names, g_free);
  WAIT_UNTIL (affari_kanban_column_get_stage_id (affari_kanban_board_get_column (board, 0)) == new_stage);

  /* Renamed and moved down one with the keyboard twin of the drag: the board follows. */
  WAIT_UNTIL ((row = affari_test_find_widget (GTK_WIDGET (editor), match_stage_row, _("New Stage"))) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "Primo contatto");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "stages.move", "(xi)", new_stage, 1));
  {
    g_autofree char *expected = g_strdup_printf ("%s|Primo contatto|", _("New"));

    WAIT_UNTIL ((g_free (names), names = column_names (board), g_str_has_prefix (names, expected)));
  }
  g_clear_pointer (&names, g_free);
  /* The won stage cannot be moved before an in-progress one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "stages.move", "(xi)",
                                             affari_store_find_stage (store, renewals, AFFARI_SEMANTICS_SUCCESS), -1));
  names = stage_names (store, renewals);
  {
    g_autofree char *expected = g_strdup_printf ("%s|%s|%s", _("Deal won"), _("Deal lost"), _("Failure reason analysis"));
    g_assert_true (g_str_has_suffix (names, expected));
  }
  g_clear_pointer (&names, g_free);

  /* A custom list field, through the dialog. */
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (preferences));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (fields_page));
  g_assert_true (gtk_widget_activate_action (fields_page, "fields.add", NULL));
  WAIT_UNTIL ((dialog = (AdwMessageDialog *) affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "affari-name")), "Settore");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "affari-kind")), 5);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (g_object_get_data (G_OBJECT (dialog), "affari-items")))));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (g_object_get_data (G_OBJECT (dialog), "affari-items"))),
                            "Industria\nServizi\n\nCommercio\n", -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (g_object_get_data (G_OBJECT (dialog), "affari-in-list")), TRUE);
  /* What clicking "Aggiungi" does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_UNTIL (affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  fields = affari_store_list_custom_fields (store, NULL);
  g_assert_cmpuint (fields->len, ==, 1);
  {
    AffariCustomField *field = g_ptr_array_index (fields, 0);

    g_assert_cmpstr (field->label, ==, "Settore");
    g_assert_cmpstr (field->code, ==, "UF_CRM_SETTORE");
    g_assert_cmpint (field->kind, ==, AFFARI_FIELD_ENUMERATION);
    g_assert_true (field->show_in_list);
    g_assert_cmpuint (field->items->len, ==, 3);
  }
  WAIT_UNTIL (affari_test_find_widget (fields_page, match_mapped_row_title, "Settore") != NULL);

  /* The card shows it at once; moving the deal into "Rinnovi" from the card. */
  gtk_window_close (preferences);
  affari_window_set_pipeline_id (window, affari_store_get_default_pipeline_id (store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "deal.open", "x", deal_id));
  affari_test_settle ();
  WAIT_UNTIL ((card = AFFARI_DEAL_CARD (affari_test_find_type (GTK_WIDGET (window), AFFARI_TYPE_DEAL_CARD))) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (card)));
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (card), match_mapped_row_title, "Settore") != NULL);
  g_assert_nonnull (affari_test_find_widget (GTK_WIDGET (card), match_mapped_row_title, _("Probability (%)")));
  /* "Sposta in pipeline" from the card menu: a dialog offering the other pipeline by name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.choose-pipeline", NULL));
  WAIT_UNTIL ((dialog = (AdwMessageDialog *) affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  affari_test_wait_for_frame (GTK_WIDGET (dialog));
  g_assert_true (affari_test_label_on_screen (GTK_WIDGET (dialog), "Rinnovi"));
  adw_message_dialog_response (dialog, "move");
  gtk_window_close (GTK_WINDOW (dialog));
  affari_test_settle ();
  {
    g_autoptr(AffariDeal) deal = affari_store_get_deal (store, deal_id, NULL);
    g_autoptr(GPtrArray) events = affari_store_list_events (store, deal_id, NULL);

    g_assert_cmpint (affari_deal_get_pipeline_id (deal), ==, renewals);
    /* By semantics: the first in-progress stage of Rinnovi, which is "Nuovo" after the reorder. */
    g_assert_cmpint (affari_deal_get_stage_id (deal), ==, affari_store_find_stage (store, renewals, AFFARI_SEMANTICS_PROCESS));
    g_assert_cmpint (affari_event_get_kind (g_ptr_array_index (events, 0)), ==, AFFARI_EVENT_PIPELINE);
  }
  /* The card's stage bar and stage row now offer the stages of Rinnovi. */
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (card), affari_test_match_mapped_label, "Primo contatto") != NULL);

  /* Probability hidden in Rinnovi's card layout: gone from the open card, at once. */
  g_action_group_activate_action (G_ACTION_GROUP (f->base.app), "preferences", NULL);
  WAIT_UNTIL ((preferences = affari_test_find_toplevel (AFFARI_TYPE_PREFERENCES_WINDOW)) != NULL);
  pipelines_page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_PIPELINES);
  g_assert_true (gtk_widget_activate_action (pipelines_page, "pipelines.edit", "x", renewals));
  WAIT_UNTIL ((editor = AFFARI_SETTINGS_PIPELINE_EDITOR (affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_PIPELINE_EDITOR))) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "stages.edit-card", NULL));
  WAIT_UNTIL ((layout_page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_CARD_LAYOUT)) != NULL);
  g_assert_true (gtk_widget_activate_action (layout_page, "layout.toggle-field", "s", "PROBABILITY"));
  g_assert_true (gtk_widget_activate_action (layout_page, "layout.move-to-section", "(ss)", "UF_CRM_SETTORE", "main"));
  g_assert_true (affari_store_has_card_layout (store, renewals));
  gtk_window_close (preferences);
  WAIT_UNTIL (affari_test_find_widget (GTK_WIDGET (card), match_mapped_row_title, _("Probability (%)")) == NULL);
  row = affari_test_find_widget (GTK_WIDGET (card), match_mapped_row_title, "Settore");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))),
                   ==, _("About the Deal"));
  /* The value typed there is stored. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  affari_test_settle ();
  {
    g_autoptr(GHashTable) values = affari_store_get_deal_field_values (store, deal_id, NULL);
    AffariCustomField *field = g_ptr_array_index (fields, 0);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (field->items, AffariFieldItem, 1).id);

    g_assert_cmpstr (g_hash_table_lookup (values, &field->id), ==, expected);
  }
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (f->base.db_path, &error);
  g_autoptr(AffariDeal) deal = affari_deal_new ();

  g_assert_no_error (error);
  affari_deal_set_title (deal, "Contratto di assistenza");
  g_assert_true (affari_store_create_deal (store, deal, &error));
  deal_id = affari_deal_get_id (deal);
  affari_store_close (store);
  g_clear_object (&store);

  AFFARI_TEST_RUN (f, settings_body);
}

/* ------------------------------------------------------------ drag and drop */

static gint64 renewals_id, support_id;

static char *
pipeline_names (AffariStore *store)
{
  g_autoptr(GPtrArray) pipelines = affari_store_list_pipelines (store, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < pipelines->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", affari_pipeline_get_name (g_ptr_array_index (pipelines, i)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "main:A,B|additional:C…": the stored layout of @pipeline_id, hidden fields included. */
static char *
layout_text (AffariStore *store, gint64 pipeline_id)
{
  g_autoptr(GPtrArray) layout = affari_store_get_card_layout (store, pipeline_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (layout, i);

      g_string_append_printf (text, "%s%s:", i > 0 ? "|" : "", section->name);
      for (guint j = 0; j < section->elements->len; j++)
        g_string_append_printf (text, "%s%s", j > 0 ? "," : "", g_array_index (section->elements, AffariCardElement, j).field);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
layout_field_at (AffariStore *store, gint64 pipeline_id, guint section, guint element)
{
  static char field[64];
  g_autoptr(GPtrArray) layout = affari_store_get_card_layout (store, pipeline_id, NULL);
  AffariCardSection *s = g_ptr_array_index (layout, section);

  g_strlcpy (field, g_array_index (s->elements, AffariCardElement, element).field, sizeof field);
  return field;
}

/* The name of the section holding @field in the stored layout. */
static const char *
field_section (AffariStore *store, gint64 pipeline_id, const char *field)
{
  static char name[64];
  g_autoptr(GPtrArray) layout = affari_store_get_card_layout (store, pipeline_id, NULL);

  name[0] = '\0';
  for (guint i = 0; i < layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (layout, i);

      for (guint j = 0; j < section->elements->len; j++)
        if (g_str_equal (g_array_index (section->elements, AffariCardElement, j).field, field))
          g_strlcpy (name, section->name, sizeof name);
    }
  return name;
}

static gboolean
match_data_row (GtkWidget *widget, const char *key, gconstpointer data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), key), data) == 0;
}

static gboolean
match_field_row (GtkWidget *widget, gconstpointer data)
{
  return match_data_row (widget, "affari-field", data);
}

static gboolean
match_section_row (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_ENTRY_ROW (widget) && match_data_row (widget, "affari-section", data);
}

/* What GTK does when something is dropped on @row: its drop target's "drop" with the dragged
 * value, in the upper half (!@after) or the lower half of the row. */
static gboolean
drop_on (GtkWidget *row, const GValue *value, gboolean after)
{
  GtkDropTarget *target = drop_target_of (row);
  gboolean accepted = FALSE;
  double y = after ? gtk_widget_get_height (row) - 2.0 : 2.0;

  g_assert_nonnull (target);
  g_assert_cmpint (gtk_widget_get_height (row), >, 4);
  g_signal_emit_by_name (target, "drop", value, 10.0, y, &accepted);
  return accepted;
}

static gboolean
drop_object_on (GtkWidget *row, GType type, gpointer object, gboolean after)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, type);
  g_value_set_object (&value, object);
  return drop_on (row, &value, after);
}

static gboolean
drop_string_on (GtkWidget *row, const char *prefix, const char *name, gboolean after)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, g_strconcat (prefix, name, NULL));
  return drop_on (row, &value, after);
}

static void
drag_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  GtkWindow *preferences;
  GtkWidget *page, *row, *target, *layout_page;
  AffariSettingsPipelineEditor *editor;
  g_autofree char *names = NULL;
  g_autofree char *before = NULL;
  g_autofree char *main_first = NULL, *main_second = NULL, *additional_first = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->base.app), "preferences", NULL);
  WAIT_UNTIL ((preferences = affari_test_find_toplevel (AFFARI_TYPE_PREFERENCES_WINDOW)) != NULL);
  page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_PIPELINES);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  affari_test_wait_for_frame (GTK_WIDGET (preferences));

  /* Pipelines: "Assistenza" dropped on the upper half of "Rinnovi" goes before it. */
  WAIT_UNTIL ((row = affari_test_find_widget (page, match_mapped_row_title, "Assistenza")) != NULL);
  WAIT_UNTIL ((target = affari_test_find_widget (page, match_mapped_row_title, "Rinnovi")) != NULL);
  {
    /* hovering shows a line where it will land, leaving takes it away */
    GtkDropTarget *drop = drop_target_of (target);
    GdkDragAction action = 0;

    g_signal_emit_by_name (drop, "motion", 10.0, (double) gtk_widget_get_height (target) - 2.0, &action);
    g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
    g_assert_true (gtk_widget_has_css_class (target, "settings-drop-after"));
    g_signal_emit_by_name (drop, "motion", 10.0, 2.0, &action);
    g_assert_true (gtk_widget_has_css_class (target, "settings-drop-before"));
    g_assert_false (gtk_widget_has_css_class (target, "settings-drop-after"));
    g_signal_emit_by_name (drop, "leave");
    g_assert_false (gtk_widget_has_css_class (target, "settings-drop-before"));
  }
  g_assert_true (drop_object_on (target, AFFARI_TYPE_PIPELINE, g_object_get_data (G_OBJECT (row), "affari-pipeline"), FALSE));
  names = pipeline_names (store);
  g_assert_cmpstr (strchr (names, '|'), ==, "|Assistenza|Rinnovi");
  g_clear_pointer (&names, g_free);
  /* Nothing goes before the default pipeline: refused, and the page says why. */
  WAIT_UNTIL ((row = affari_test_find_widget (page, match_mapped_row_title, "Rinnovi")) != NULL &&
              g_strcmp0 (g_object_get_data (G_OBJECT (row), "affari-pipeline"), NULL) != 0);
  affari_test_wait_for_frame (row);
  WAIT_UNTIL ((target = affari_test_find_widget (page, match_mapped_row_title, _("General"))) != NULL);
  g_assert_nonnull (target);
  g_assert_false (drop_object_on (target, AFFARI_TYPE_PIPELINE, g_object_get_data (G_OBJECT (row), "affari-pipeline"), FALSE));
  names = pipeline_names (store);
  g_assert_cmpstr (strchr (names, '|'), ==, "|Assistenza|Rinnovi");
  g_clear_pointer (&names, g_free);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (preferences), _("The default pipeline always comes first.")));
  /* Dropped on the lower half of the default one: first of the others. */
  g_assert_true (drop_object_on (target, AFFARI_TYPE_PIPELINE, g_object_get_data (G_OBJECT (row), "affari-pipeline"), TRUE));
  names = pipeline_names (store);
  g_assert_cmpstr (strchr (names, '|'), ==, "|Rinnovi|Assistenza");
  g_clear_pointer (&names, g_free);
  /* and the keyboard twin ("Sposta su") does the same */
  affari_test_settle ();
  g_assert_true (gtk_widget_activate_action (page, "pipelines.move", "(xi)", support_id, -1));
  names = pipeline_names (store);
  g_assert_cmpstr (strchr (names, '|'), ==, "|Assistenza|Rinnovi");
  g_clear_pointer (&names, g_free);

  /* Stages of Rinnovi: the won stage cannot go before an in-progress one — refused with the
   * reason — while an in-progress stage moves among its kind. */
  g_assert_true (gtk_widget_activate_action (page, "pipelines.edit", "x", renewals_id));
  WAIT_UNTIL ((editor = AFFARI_SETTINGS_PIPELINE_EDITOR (affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_PIPELINE_EDITOR))) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (editor)));
  affari_test_wait_for_frame (GTK_WIDGET (editor));
  before = stage_names (store, renewals_id);
  WAIT_UNTIL ((row = affari_test_find_widget (GTK_WIDGET (editor), match_stage_row, _("Deal won"))) != NULL);
  WAIT_UNTIL ((target = affari_test_find_widget (GTK_WIDGET (editor), match_stage_row, _("New"))) != NULL);
  g_assert_false (drop_object_on (target, AFFARI_TYPE_STAGE, g_object_get_data (G_OBJECT (row), "affari-stage"), FALSE));
  names = stage_names (store, renewals_id);
  g_assert_cmpstr (names, ==, before);
  g_clear_pointer (&names, g_free);
  WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (preferences), _("The won stage stays between the stages in progress and the lost ones")));
  {
    /* "New" dropped on the lower half of the last in-progress stage: last of them */
    g_autoptr(GPtrArray) stages = affari_store_list_stages (store, renewals_id, NULL);
    AffariStage *last_process = NULL;

    for (guint i = 0; i < stages->len; i++)
      if (affari_stage_get_semantics (g_ptr_array_index (stages, i)) == AFFARI_SEMANTICS_PROCESS)
        last_process = g_ptr_array_index (stages, i);
    WAIT_UNTIL ((target = affari_test_find_widget (GTK_WIDGET (editor), match_stage_row, affari_stage_get_name (last_process))) != NULL);
    WAIT_UNTIL ((row = affari_test_find_widget (GTK_WIDGET (editor), match_stage_row, _("New"))) != NULL);
    g_assert_true (drop_object_on (target, AFFARI_TYPE_STAGE, g_object_get_data (G_OBJECT (row), "affari-stage"), TRUE));
    names = stage_names (store, renewals_id);
    {
      g_autofree char *expected = g_strdup_printf ("%s|%s|%s", affari_stage_get_name (last_process), _("New"), _("Deal won"));
      g_assert_nonnull (strstr (names, expected));
    }
    g_clear_pointer (&names, g_free);
  }

  /* The card layout of Rinnovi: a field dropped into another section, a section moved up, a
   * field dropped on a section's name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "stages.edit-card", NULL));
  WAIT_UNTIL ((layout_page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_CARD_LAYOUT)) != NULL &&
              gtk_widget_get_mapped (layout_page));
  affari_test_wait_for_frame (layout_page);
  main_first = g_strdup (layout_field_at (store, renewals_id, 0, 0));
  main_second = g_strdup (layout_field_at (store, renewals_id, 0, 1));
  additional_first = g_strdup (layout_field_at (store, renewals_id, 1, 0));
  WAIT_UNTIL ((target = affari_test_find_widget (layout_page, match_field_row, additional_first)) != NULL);
  affari_test_wait_for_frame (target);
  g_assert_true (drop_string_on (target, "field:", main_second, FALSE));
  {
    g_autofree char *layout = layout_text (store, renewals_id);
    g_autofree char *expected = g_strdup_printf ("|additional:%s,%s,", main_second, additional_first);

    g_test_message ("after the field drop: %s", layout);
    g_assert_nonnull (strstr (layout, expected));
    g_assert_cmpstr (field_section (store, renewals_id, main_second), ==, "additional");
  }
  WAIT_UNTIL ((target = affari_test_find_widget (layout_page, match_section_row, "main")) != NULL &&
              affari_test_find_widget (layout_page, match_field_row, main_second) != NULL &&
              gtk_widget_get_ancestor (affari_test_find_widget (layout_page, match_field_row, main_second), ADW_TYPE_PREFERENCES_GROUP) !=
              gtk_widget_get_ancestor (target, ADW_TYPE_PREFERENCES_GROUP));
  affari_test_wait_for_frame (target);
  g_assert_true (drop_string_on (target, "section:", "additional", FALSE));
  {
    g_autofree char *layout = layout_text (store, renewals_id);
    g_assert_true (g_str_has_prefix (layout, "additional:"));
    g_assert_nonnull (strstr (layout, "|main:"));
  }
  WAIT_UNTIL ((target = affari_test_find_widget (layout_page, match_section_row, "user")) != NULL);
  affari_test_wait_for_frame (target);
  g_assert_true (drop_string_on (target, "field:", main_first, FALSE));
  {
    g_autofree char *layout = layout_text (store, renewals_id);
    g_autofree char *expected = g_strdup_printf ("|user:%s", main_first);
    g_assert_nonnull (strstr (layout, expected));
  }
  /* the keyboard twins still work */
  affari_test_settle ();
  g_assert_true (gtk_widget_activate_action (layout_page, "layout.move-section", "(si)", "main", -1));
  {
    g_autofree char *layout = layout_text (store, renewals_id);
    g_assert_true (g_str_has_prefix (layout, "main:"));
  }
  gtk_window_close (preferences);
}

static void
test_drag (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (f->base.db_path, &error);

  g_assert_no_error (error);
  renewals_id = affari_store_create_pipeline (store, "Rinnovi", &error);
  support_id = affari_store_create_pipeline (store, "Assistenza", &error);
  g_assert_no_error (error);
  affari_store_close (store);
  g_clear_object (&store);

  AFFARI_TEST_RUN (f, drag_body);
}

/* ------------------------------------------------------------ currencies and team */

static gint64 giulia_id;

static gboolean
match_currency_row (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_ENTRY_ROW (widget) && gtk_widget_has_css_class (widget, "currency-rate-row") &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "affari-currency"), data) == 0;
}

static gboolean
match_member_row (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_EXPANDER_ROW (widget) && g_object_get_data (G_OBJECT (widget), "affari-member") == data;
}

static const char *
stored_rate (AffariStore *store, const char *code)
{
  static char rate[32];
  g_autoptr(GPtrArray) currencies = affari_store_list_currencies (store, NULL);

  for (guint i = 0; i < currencies->len; i++)
    if (g_str_equal (((AffariCurrencyInfo *) g_ptr_array_index (currencies, i))->code, code))
      g_strlcpy (rate, ((AffariCurrencyInfo *) g_ptr_array_index (currencies, i))->rate, sizeof rate);
  return rate;
}

static void
lists_body (Fixture *f)
{
  AffariWindow *window = affari_test_app_get_window (&f->base);
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (window));
  GtkWindow *preferences;
  GtkWidget *page, *row, *member, *email_row;

  g_action_group_activate_action (G_ACTION_GROUP (f->base.app), "preferences", NULL);
  WAIT_UNTIL ((preferences = affari_test_find_toplevel (AFFARI_TYPE_PREFERENCES_WINDOW)) != NULL);
  page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_LISTS);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  affari_test_wait_for_frame (GTK_WIDGET (preferences));

  /* The rate of the dollar typed in its row, as an Italian writes it. */
  WAIT_UNTIL ((row = affari_test_find_widget (page, match_currency_row, "USD")) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "0,92");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (stored_rate (store, "USD"), ==, "0.9200");
  /* shown back as it was typed, after the rebuild */
  affari_test_settle ();
  WAIT_UNTIL ((row = affari_test_find_widget (page, match_currency_row, "USD")) != NULL &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "0,92") == 0);
  /* a wrong rate: refused with a sentence, the stored one comes back */
  gtk_editable_set_text (GTK_EDITABLE (row), "tanto");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (stored_rate (store, "USD"), ==, "0.9200");
  WAIT_UNTIL ((row = affari_test_find_widget (page, match_currency_row, "USD")) != NULL &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), "0,92") == 0);

  /* A person's e-mail and name, edited in the team. */
  member = affari_test_find_widget (page, match_member_row, GSIZE_TO_POINTER (giulia_id));
  g_assert_nonnull (member);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (member), TRUE);
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  WAIT_UNTIL ((email_row = affari_test_find_widget (member, match_mapped_row_title, _("E-mail"))) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (email_row), "giulia@esempio.it");
  g_signal_emit_by_name (email_row, "apply");
  {
    g_autoptr(AffariTeamMember) stored = affari_store_get_team_member (store, giulia_id, NULL);
    g_assert_cmpstr (affari_team_member_get_email (stored), ==, "giulia@esempio.it");
    g_assert_cmpstr (affari_team_member_get_name (stored), ==, "Giulia Bianchi");
  }
  /* the row shows it */
  WAIT_UNTIL ((member = affari_test_find_widget (page, match_member_row, GSIZE_TO_POINTER (giulia_id))) != NULL &&
              g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (member)), "giulia@esempio.it") == 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (member), TRUE);
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  WAIT_UNTIL ((row = affari_test_find_widget (member, match_mapped_row_title, _("Name"))) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "Giulia Verdi");
  g_signal_emit_by_name (row, "apply");
  {
    g_autoptr(AffariTeamMember) stored = affari_store_get_team_member (store, giulia_id, NULL);
    g_assert_cmpstr (affari_team_member_get_name (stored), ==, "Giulia Verdi");
    g_assert_cmpstr (affari_team_member_get_email (stored), ==, "giulia@esempio.it");
  }
  /* not an address: refused, said in Italian, nothing lost */
  WAIT_UNTIL ((member = affari_test_find_widget (page, match_member_row, GSIZE_TO_POINTER (giulia_id))) != NULL &&
              g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (member)), "Giulia Verdi") == 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (member), TRUE);
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  WAIT_UNTIL ((email_row = affari_test_find_widget (member, match_mapped_row_title, _("E-mail"))) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (email_row), "giulia-esempio.it");
  g_signal_emit_by_name (email_row, "apply");
  {
    g_autoptr(AffariTeamMember) stored = affari_store_get_team_member (store, giulia_id, NULL);
    g_autofree char *message = g_strdup_printf (_("“%s” is not an e-mail address"), "giulia-esempio.it");

    g_assert_cmpstr (affari_team_member_get_email (stored), ==, "giulia@esempio.it");
    WAIT_UNTIL (affari_test_label_on_screen (GTK_WIDGET (preferences), message));
  }
  gtk_window_close (preferences);
}

static void
test_lists (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (f->base.db_path, &error);

  g_assert_no_error (error);
  affari_store_add_currency (store, "USD", "Dollaro USA", NULL);
  giulia_id = affari_store_add_team_member (store, "Giulia Bianchi", NULL, &error);
  g_assert_no_error (error);
  affari_store_close (store);
  g_clear_object (&store);

  AFFARI_TEST_RUN (f, lists_body);
}

/* ------------------------------------------------------------ Elenchi: names, not codes */

static gboolean
match_shows_text (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_get_mapped (widget) &&
         ((ADW_IS_PREFERENCES_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0) ||
          (ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0) ||
          (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0));
}

/* Whether the window's focus is in a text field: a row being edited (its buttons are not). */
static gboolean
focus_in_entry (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && GTK_IS_EDITABLE (focus);
}

/* The "Move Down" button of the type or source @data (its code). */
static gboolean
match_move_button (GtkWidget *widget, gconstpointer data)
{
  GVariant *target;
  const char *code = NULL;
  int which, delta;

  if (!GTK_IS_BUTTON (widget) || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "lists.move") != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  g_variant_get (target, "(i&si)", &which, &code, &delta);
  return delta > 0 && g_strcmp0 (code, data) == 0;
}

/* Preferenze → Elenchi on a database made in English (by the command line, say): the built-in
 * deal types and sources show their Italian names, never Bitrix24's codes, and a name the user
 * gave stays as typed; opening the page puts no row into editing. */
static void
list_names_body (Fixture *f)
{
  const char *codes[] = { "SALE", "COMPLEX", "CALL", "EMAIL", "WEB" };
  GtkWindow *preferences;
  GtkWidget *page, *focus;

  /* the window is on screen: the preferences are opened from it */
  affari_test_app_get_window (&f->base);

  g_action_group_activate_action (G_ACTION_GROUP (f->base.app), "preferences", NULL);
  WAIT_UNTIL ((preferences = affari_test_find_toplevel (AFFARI_TYPE_PREFERENCES_WINDOW)) != NULL);
  page = affari_test_find_type (GTK_WIDGET (preferences), AFFARI_TYPE_SETTINGS_LISTS);
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  affari_test_wait_for_frame (GTK_WIDGET (preferences));
  affari_test_settle ();
  affari_test_wait_for_frame (GTK_WIDGET (preferences));

  /* the Italian names */
  g_assert_nonnull (affari_test_find_widget (page, match_shows_text, "Vendita"));
  g_assert_nonnull (affari_test_find_widget (page, match_shows_text, "Chiamata"));
  g_assert_nonnull (affari_test_find_widget (page, match_shows_text, "Vendita complessa su misura"));
  /* and no code anywhere */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (affari_test_find_widget (page, match_shows_text, codes[i]) != NULL)
      g_error ("Elenchi shows the code %s", codes[i]);
  g_assert_null (affari_test_find_widget (page, match_shows_text, "Sale"));
  g_assert_null (affari_test_find_widget (page, match_shows_text, "Call"));

  /* nothing is being edited: the focus is in no entry of the page */
  g_assert_false (focus_in_entry (preferences));

  /* "Sposta giù" on the first type, as a click does (the button takes the focus): the list is
   * rebuilt, and no row starts editing on its own; the focus stays on that type's button */
  {
    GtkWidget *down = affari_test_find_widget (page, match_move_button, "SALE");

    g_assert_nonnull (down);
    gtk_widget_grab_focus (down);
    g_assert_true (gtk_widget_activate (down));
    /* the list shows the new order */
    WAIT_UNTIL (affari_test_find_widget (page, match_move_button, "SALE") != down);
    affari_test_settle ();
    affari_test_wait_for_frame (GTK_WIDGET (preferences));
    g_assert_false (focus_in_entry (preferences));
    focus = gtk_root_get_focus (GTK_ROOT (preferences));
    g_assert_nonnull (focus);
    g_assert_true (match_move_button (focus, "SALE") || match_move_button (gtk_widget_get_parent (focus), "SALE"));
  }
  gtk_window_close (preferences);
}

static void
test_list_names (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariStore) store = affari_store_open (f->base.db_path, &error);

  g_assert_no_error (error);
  /* what a database made in English holds, and a name of the user's own */
  g_assert_true (affari_store_rename_list_item (store, AFFARI_LIST_DEAL_TYPES, "SALE", "Sale", &error));
  g_assert_true (affari_store_rename_list_item (store, AFFARI_LIST_DEAL_TYPES, "COMPLEX", "Vendita complessa su misura", &error));
  g_assert_true (affari_store_rename_list_item (store, AFFARI_LIST_SOURCES, "CALL", "Call", &error));
  g_assert_no_error (error);
  affari_store_close (store);
  g_clear_object (&store);

  AFFARI_TEST_RUN (f, list_names_body);
}

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);
  /* Subpages slide in and out: without the animation the test closes the preferences on a
   * settled window. (libadwaita 1.2 loses the render nodes of a slide cut short by closing the
   * window: LeakSanitizer finds them when the machine is slow, and they are not Affari's.) */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ui/settings/stages-fields-layout", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/ui/settings/drag-and-drop", Fixture, NULL, fixture_set_up, test_drag, fixture_tear_down);
  g_test_add ("/ui/settings/currency-rate-and-team-email", Fixture, NULL, fixture_set_up, test_lists, fixture_tear_down);
  g_test_add ("/ui/settings/lists-names-not-codes", Fixture, NULL, fixture_set_up, test_list_names, fixture_tear_down);

  return g_test_run ();
}
