/* test-adaptive.c — one window from a 360×640 phone to a 1280×800 desktop (#20)
 *
 * The real window on sample data, at both sizes, on each of the four views and with a deal card
 * open: every widget on screen lies inside the window, the view switcher is at the bottom when
 * narrow and in the header when wide, and the window can be made 360 px wide.
 *
 * Runs under a 1280x800 Xvfb screen; the size is set with gtk_window_set_default_size ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "affari-test-harness.h"
#include "ui/app/affari-window.h"
#include "store/affari-store-leads.h"
#include "ui/deal/affari-deal-card.h"
#include "ui/deal/affari-deal-card-lead.h"
#include "ui/deal/affari-deal-card-product-row.h"
#include "ui/deal/affari-new-deal-dialog.h"
#include "ui/lead/affari-lead-convert-dialog.h"
#include "ui/quote/affari-quote-editor.h"
#include "ui/quote/affari-quotes-window.h"

/* The views that do not fit 360 px yet in this branch: each is made narrow by its own helper's
 * branch, and the lead removes its name here when that lands. A listed view that fits is only
 * reported; an unlisted one that does not fit fails the test. "min-width" is the window's
 * measured minimum width, which the widest view sets. */
static const char * const expected_failures[] = {
  NULL
};

/* The window's sideways scrollers around the views and the card (affari-window.ui): only a
 * fallback, so what they hold must fit without them. Every other scrolled window (a stage bar, a
 * list) may hold more than it shows: it is checked itself. */
static const char * const fallback_scrollers[] = {
  "card_scroller", "list_scroller", "activities_scroller", "calendar_scroller", NULL
};

/* The windows and dialogs of the main menu: each must open within a phone's screen. */
static const char * const dialog_actions[] = {
  "app.preferences", "win.show-trash", "win.import", "win.show-generator", "win.show-recurring",
  "win.show-forecast", "win.show-quotes",
};

#define PHONE_WIDTH   360
#define NARROW_WIDTH  600   /* affari-window-adaptive.c's */
#define NARROW_HEIGHT 640
#define WIDE_WIDTH    1280
#define WIDE_HEIGHT   800

/* A pixel either way: the header bar's CSS places it a pixel over the window's edge. */
#define SLACK 1.0

typedef struct
{
  AffariTestApp base;        /* first: see affari-test-harness.h */
} Fixture;

typedef struct
{
  GtkWidget *window;
  int        width;
  int        height;
  GString   *outside;        /* the widgets found outside, for the report */
  guint      n_outside;
} Walk;

static const char * const view_names[] = { "kanban", "list", "activities", "calendar" };

/* ------------------------------------------------------------ auxiliary */

static gboolean
is_expected_failure (const char *name)
{
  return g_strv_contains ((const char * const *) expected_failures, name);
}

/* Reports @name's result: an unexpected failure fails the test, an expected one is noted. */
static void
report (const char *name,
        gboolean    passed,
        const char *details)
{
  if (passed && is_expected_failure (name))
    g_test_message ("%s: fits now, remove it from expected_failures", name);
  else if (passed)
    g_test_message ("%s: fits", name);
  else if (is_expected_failure (name))
    g_test_message ("%s: does not fit yet (expected): %s", name, details);
  else
    {
      g_test_message ("%s: does not fit: %s", name, details);
      g_test_fail_printf ("%s does not fit: %s", name, details);
    }
}

static void
describe (GString   *out,
          GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  if (id != NULL)
    g_string_append_printf (out, "#%s", id);
  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL; parent = gtk_widget_get_parent (parent))
    if ((id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (parent))) != NULL)
      {
        g_string_append_printf (out, " in %s#%s", G_OBJECT_TYPE_NAME (parent), id);
        break;
      }
}

/* Every mapped widget of @widget's tree lies inside the window. A scrolled window's content
 * may be anywhere: the scrolled window itself is checked. Popovers are windows of their own. */
static void
walk (Walk      *w,
      GtkWidget *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || (GTK_IS_NATIVE (widget) && widget != w->window))
    return;
  /* libadwaita's childless gizmos are shadows and dimming (of the flap), drawn off screen when
   * unused: nothing a person reads or touches. */
  if (strcmp (G_OBJECT_TYPE_NAME (widget), "AdwGizmo") == 0 && gtk_widget_get_first_child (widget) == NULL)
    return;

  if (widget != w->window && gtk_widget_compute_bounds (widget, w->window, &bounds) &&
      bounds.size.width > 0 && bounds.size.height > 0 &&
      (bounds.origin.x < -SLACK || bounds.origin.y < -SLACK ||
       bounds.origin.x + bounds.size.width > w->width + SLACK ||
       bounds.origin.y + bounds.size.height > w->height + SLACK))
    {
      if (w->n_outside < 8)
        {
          g_string_append (w->outside, w->n_outside > 0 ? "; " : "");
          describe (w->outside, widget);
          g_string_append_printf (w->outside, " at %.0f,%.0f %.0f×%.0f",
                                  bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
        }
      w->n_outside++;
      /* Its children are outside too: one report is enough. */
      return;
    }

  /* The window's own sideways scrollers around the views and the card (*_scroller in
   * affari-window.ui) are only a fallback: what they hold must fit without them. */
  if (GTK_IS_SCROLLED_WINDOW (widget) &&
      !g_strv_contains (fallback_scrollers, gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) ?: ""))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    walk (w, child);
}

/* The views' switcher bar: the card has one of its own, for its pages. */
static gboolean
is_window_switcher_bar (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_VIEW_SWITCHER_BAR (widget) && gtk_widget_get_ancestor (widget, AFFARI_TYPE_DEAL_CARD) == NULL;
}

/* @switcher_bar: whether the view switcher must be at the bottom (narrow) or not. */
static void
check_inside (GtkWidget  *window,
              const char *name,
              int         width,
              int         height,
              gboolean    switcher_bar)
{
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (affari_test_find_widget (window, is_window_switcher_bar, NULL));
  Walk w = { window, gtk_widget_get_width (window), gtk_widget_get_height (window), g_string_new (NULL), 0 };
  gint64 end = g_get_monotonic_time () + 400 * 1000;

  /* Revealers and flaps slide for 250 ms: what is measured is where they stop. */
  while (g_get_monotonic_time () < end)
    affari_test_iterate ();

  walk (&w, window);
  /* The window itself is its default size less its decorations' borders. */
  if (w.width > width || w.height > height)
    g_string_append_printf (w.outside, "%sthe window is %d×%d px", w.outside->len > 0 ? "; " : "", w.width, w.height);
  if (adw_view_switcher_bar_get_reveal (bar) != switcher_bar)
    g_string_append_printf (w.outside, "%sthe view switcher's bottom bar is %s", w.outside->len > 0 ? "; " : "",
                            switcher_bar ? "hidden" : "shown");
  report (name, w.outside->len == 0, w.outside->str);
  g_string_free (w.outside, TRUE);
}

/* The widgets that need more than 360 px while none of their children does: what keeps the
 * window from being narrow. */
static void
find_wide (GtkWidget *widget,
           GString   *out)
{
  gboolean child_wide = FALSE;
  int minimum = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || GTK_IS_NATIVE (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > PHONE_WIDTH)
        {
          child_wide = TRUE;
          find_wide (child, out);
        }
    }

  if (!child_wide)
    {
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_string_append (out, "; ");
      describe (out, widget);
      g_string_append_printf (out, " needs %d px", minimum);
    }
}

/* The card page's back button, in the card's header (the window's only one then). */
static gboolean
match_back_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_ancestor (widget, AFFARI_TYPE_DEAL_CARD) != NULL &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "card.close") == 0 &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0;
}

static gboolean
match_search (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "system-search-symbolic") == 0;
}

/* Whether @model, or a section of it, has an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

static gboolean
match_primary_menu (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

/* Sets @window's size and waits until it has it and is drawn at it. */
static void
set_size (GtkWidget *window,
          int        width,
          int        height)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  /* The window is its default size less its decorations' borders. */
  while ((gtk_widget_get_width (window) > width || gtk_widget_get_height (window) > height ||
          gtk_widget_get_width (window) < width - 20 || gtk_widget_get_height (window) < height - 20) &&
         g_get_monotonic_time () < end)
    affari_test_iterate ();
  affari_test_settle ();
  affari_test_wait_for_frame (window);
}

/* As a person dragging the window's edge: the wide layout's header needs more than a phone's
 * width (less than NARROW_WIDTH), the narrow one less, and GTK does not shrink a window again
 * once the minimum it was kept at goes: through a size just below NARROW_WIDTH first. */
static void
resize (GtkWidget *window,
        int        width,
        int        height)
{
  if (width < NARROW_WIDTH && gtk_widget_get_width (window) >= NARROW_WIDTH)
    set_size (window, NARROW_WIDTH - 20, height);
  set_size (window, width, height);
}

static void
show_view (GtkWidget  *window,
           const char *view)
{
  gtk_widget_activate_action (window, "win.show-view", "s", view);
  g_assert_cmpstr (affari_window_get_view (AFFARI_WINDOW (window)), ==, view);
  /* The views fill themselves from the store when first shown. */
  affari_test_settle ();
  affari_test_wait_for_frame (window);
  affari_test_settle ();
  affari_test_wait_for_frame (window);
}

static void
check_size (GtkWidget  *window,
            const char *size_name,
            int         width,
            int         height)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gboolean narrow = width < 600;
  int minimum = 0;
  GtkWidget *back_button = NULL;

  resize (window, width, height);
  /* The desktop header loses nothing: "Nuovo affare" with its label, the search button. A phone's
   * has them in the main menu. */
  g_assert_true (affari_test_label_on_screen (window, "Nuovo affare") == !narrow);
  g_assert_true (gtk_widget_get_mapped (affari_test_find_widget (window, match_search, NULL)) == !narrow);
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (affari_test_find_widget (window, match_primary_menu, NULL)));

    g_assert_true (menu_has_action (menu, "win.search") == narrow);
    g_assert_true (menu_has_action (menu, "win.new-deal") == narrow);
  }
  /* The pipeline's name is whole when wide; a phone may ellipsize it. */
  {
    GtkWidget *pipelines = affari_test_find_type (window, GTK_TYPE_DROP_DOWN);
    int natural = 0;

    g_assert_true (gtk_widget_get_mapped (pipelines));
    gtk_widget_measure (pipelines, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
    g_assert_true (narrow || gtk_widget_get_width (pipelines) >= natural);
  }

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/%s", size_name, view_names[i]);

      show_view (window, view_names[i]);
      /* The view switcher moves to the bottom when the header cannot hold it. */
      check_inside (window, name, width, height, narrow);
    }

  /* A deal card open: a page of its own when narrow, a panel at the side when wide. */
  show_view (window, "kanban");
  gtk_widget_activate_action (window, "deal.open", "x", (gint64) 1);
  affari_test_settle ();
  affari_test_wait_for_frame (window);
  {
    g_autofree char *name = g_strdup_printf ("%s/card", size_name);
    AdwFlap *flap = ADW_FLAP (affari_test_find_type (window, ADW_TYPE_FLAP));

    /* The flap's slide is animated: wait for it to end. */
    WAIT_UNTIL (adw_flap_get_reveal_progress (flap) >= 1.0);
    affari_test_wait_for_frame (window);
    /* The card covers the views when narrow: no switching then. */
    check_inside (window, name, width, height, FALSE);
    back_button = affari_test_find_widget (window, match_back_button, NULL);
    g_assert_nonnull (back_button);
    g_assert_true (gtk_widget_get_mapped (back_button) == narrow);
    if (narrow)
      {
        /* Its back button (Esc too, as wide) closes it. */
        gtk_widget_activate (back_button);
        WAIT_UNTIL (!adw_flap_get_reveal_flap (flap));
        /* The card slides out with it; the views' header is back. */
        WAIT_UNTIL (!gtk_widget_get_mapped (back_button));
        g_assert_true (gtk_widget_get_mapped (affari_test_find_type (window, ADW_TYPE_HEADER_BAR)));
      }
    else
      gtk_widget_activate_action (window, "win.close-deal", NULL);
    /* Slid out, it is hidden: it does not keep the window wide any more. */
    WAIT_UNTIL (adw_flap_get_reveal_progress (flap) <= 0.0);
    affari_test_settle ();
  }

  /* Narrow, the window can be as narrow as a phone; wide, narrower than where the narrow layout
   * begins (else it could never get there). */
  {
    g_autofree char *name = g_strdup_printf ("%s/min-width", size_name);
    g_autofree char *details = NULL;
    int limit = narrow ? PHONE_WIDTH : NARROW_WIDTH - 1;

    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    if (minimum > limit)
      {
        GString *wide = g_string_new (NULL);

        find_wide (content, wide);
        details = g_strdup_printf ("the window's content needs %d px%s", minimum, wide->str);
        g_string_free (wide, TRUE);
      }
    report (name, minimum <= limit, details);
  }
}

/* Opens the window of @action, measures its minimum size, closes it. */
static void
check_dialog (GtkWidget  *window,
              const char *action)
{
  g_autofree char *name = g_strdup_printf ("dialog/%s", action);
  g_autofree char *details = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */
  guint n_before = g_list_model_get_n_items (toplevels);
  GtkWidget *dialog = NULL;
  int min_width = 0, min_height = 0;

  if (g_str_has_prefix (action, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (window))), action + 4, NULL);
  else
    gtk_widget_activate_action (window, action, NULL);
  WAIT_UNTIL (g_list_model_get_n_items (toplevels) > n_before);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != window && gtk_widget_get_visible (toplevel) && GTK_IS_WINDOW (toplevel))
        dialog = toplevel;
    }
  g_assert_nonnull (dialog);
  affari_test_wait_for_frame (dialog);

  gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (dialog)), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (dialog)), GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  details = g_strdup_printf ("%s needs %d×%d px", G_OBJECT_TYPE_NAME (dialog), min_width, min_height);
  report (name, min_width <= PHONE_WIDTH && min_height <= NARROW_HEIGHT, details);

  gtk_window_destroy (GTK_WINDOW (dialog));
  affari_test_settle ();
}

/* @dialog at a phone's size: every widget on screen lies inside it (what does not fit would be cut
 * off), and its minimum is no more than the phone's screen. */
static void
check_window_inside (GtkWidget  *dialog,
                     const char *name)
{
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  Walk w = { dialog, 0, 0, g_string_new (NULL), 0 };
  int min_width = 0, min_height = 0;

  gtk_window_set_default_size (GTK_WINDOW (dialog), PHONE_WIDTH, NARROW_HEIGHT);
  while ((gtk_widget_get_width (dialog) > PHONE_WIDTH || gtk_widget_get_height (dialog) > NARROW_HEIGHT) &&
         g_get_monotonic_time () < end)
    affari_test_iterate ();
  affari_test_settle ();
  affari_test_wait_for_frame (dialog);
  /* Revealers and leaflets slide for 250 ms: what is measured is where they stop. */
  end = g_get_monotonic_time () + 400 * 1000;
  while (g_get_monotonic_time () < end)
    affari_test_iterate ();

  w.width = gtk_widget_get_width (dialog);
  w.height = gtk_widget_get_height (dialog);
  walk (&w, dialog);
  gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (dialog)), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (gtk_window_get_child (GTK_WINDOW (dialog)), GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  if (w.width > PHONE_WIDTH || w.height > NARROW_HEIGHT || min_width > PHONE_WIDTH || min_height > NARROW_HEIGHT)
    g_string_append_printf (w.outside, "%s%s is %d×%d px, needs %d×%d", w.outside->len > 0 ? "; " : "",
                            G_OBJECT_TYPE_NAME (dialog), w.width, w.height, min_width, min_height);
  report (name, w.outside->len == 0, w.outside->str);
  g_string_free (w.outside, TRUE);
}

/* The toplevel that is not @window, shown, newest. */
static GtkWidget *
find_dialog (GtkWidget *window,
             GType      type)
{
  GtkWidget *dialog = NULL;

  WAIT_UNTIL ((dialog = GTK_WIDGET (affari_test_find_toplevel (type))) != NULL && gtk_widget_get_visible (dialog));
  affari_test_wait_for_frame (dialog);
  return dialog;
}

static void
collect_preferences_pages (GtkWidget *widget,
                           GPtrArray *pages)
{
  /* The window's own pages (the subpages may hold pages of their own). */
  if (ADW_IS_PREFERENCES_PAGE (widget) && ADW_IS_VIEW_STACK (gtk_widget_get_parent (widget)))
    {
      g_ptr_array_add (pages, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_preferences_pages (child, pages);
}

/* Preferenze at a phone's size: every page, the pipeline's editor and the card's layout. */
static void
check_preferences (GtkWidget *window)
{
  AffariWorkspace *workspace = affari_window_get_workspace (AFFARI_WINDOW (window));
  gint64 pipeline_id = affari_workspace_get_default_pipeline_id (workspace);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GtkWidget *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (window))), "preferences", NULL);
  prefs = find_dialog (window, ADW_TYPE_PREFERENCES_WINDOW);
  collect_preferences_pages (prefs, pages);
  g_assert_cmpuint (pages->len, >=, 4);
  for (guint i = 0; i < pages->len; i++)
    {
      AdwPreferencesPage *page = g_ptr_array_index (pages, i);
      g_autofree char *name = g_strdup_printf ("phone/preferences/%s", adw_preferences_page_get_title (page));

      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), page);
      affari_test_settle ();
      check_window_inside (prefs, name);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *action = i == 0 ? "prefs.open-pipeline" : "prefs.open-card-layout";
      g_autofree char *name = g_strdup_printf ("phone/preferences/%s", action);

      g_assert_true (gtk_widget_activate_action (prefs, action, "x", pipeline_id));
      affari_test_settle ();
      check_window_inside (prefs, name);
      g_assert_true (gtk_widget_activate_action (prefs, "prefs.close-subpage", NULL));
      /* The leaflet slides back before the next subpage comes. */
      {
        gint64 end = g_get_monotonic_time () + 500 * 1000;

        while (g_get_monotonic_time () < end)
          affari_test_iterate ();
      }
    }
  gtk_window_destroy (GTK_WINDOW (prefs));
  affari_test_settle ();
}

/* The deal card's lead page in the window at a phone's size, and its "Converti" dialog. */
static void
check_lead (GtkWidget *window)
{
  AffariStore *store = affari_workspace_get_store (affari_window_get_workspace (AFFARI_WINDOW (window)));
  g_autoptr(GPtrArray) leads = affari_store_list_leads (store, NULL);
  AffariLeadRow *lead = NULL;
  GtkWidget *card, *lead_page, *dialog;

  for (guint i = 0; i < leads->len && lead == NULL; i++)
    if (((AffariLeadRow *) g_ptr_array_index (leads, i))->lead->converted_deal_id == 0)
      lead = g_ptr_array_index (leads, i);
  g_assert_nonnull (lead);
  g_assert_true (gtk_widget_activate_action (window, "deal.open", "x", lead->lead->deal_id));
  WAIT_UNTIL ((card = affari_test_find_type (window, AFFARI_TYPE_DEAL_CARD)) != NULL && gtk_widget_get_mapped (card));
  g_assert_true (gtk_widget_activate_action (card, "card.show-page", "s", "lead"));
  affari_test_settle ();
  lead_page = affari_test_find_type (card, AFFARI_TYPE_DEAL_CARD_LEAD);
  WAIT_UNTIL (gtk_widget_get_mapped (lead_page));
  check_inside (window, "phone/lead-page", PHONE_WIDTH, NARROW_HEIGHT, FALSE);

  g_assert_true (gtk_widget_activate_action (lead_page, "lead.convert", NULL));
  dialog = find_dialog (window, AFFARI_TYPE_LEAD_CONVERT_DIALOG);
  check_window_inside (dialog, "phone/lead-convert");
  gtk_window_destroy (GTK_WINDOW (dialog));
  affari_test_settle ();
  /* The card stays open: the next deal replaces the lead in it. */
}

/* Closes the card; the question it may ask first (an open deal with no activity) is dismissed. */
static void
close_card (GtkWidget *window)
{
  GtkWindow *question;

  gtk_widget_activate_action (window, "win.close-deal", NULL);
  affari_test_settle ();
  if ((question = affari_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    {
      gtk_window_destroy (question);
      affari_test_settle ();
    }
}

/* The deal card's dialogs and windows at a phone's size. */
static void
check_phone_dialogs (GtkWidget *window)
{
  GtkWidget *dialog;

  resize (window, PHONE_WIDTH, NARROW_HEIGHT);

  /* Preventivi: the list, then a new quote's editor in its place. */
  gtk_widget_activate_action (window, "win.show-quotes", NULL);
  dialog = find_dialog (window, AFFARI_TYPE_QUOTES_WINDOW);
  check_window_inside (dialog, "phone/quotes");
  {
    /* Its list fits too, without scrolling sideways (the columns a phone has room for). */
    GtkWidget *list = affari_test_find_type (dialog, GTK_TYPE_COLUMN_VIEW);
    g_autofree char *details = g_strdup_printf ("the list is %d px wide", gtk_widget_get_width (list));

    report ("phone/quotes-list", gtk_widget_get_width (list) <= gtk_widget_get_width (dialog), details);
  }
  g_assert_true (gtk_widget_activate_action (dialog, "quotes.new", NULL));
  affari_test_settle ();
  WAIT_UNTIL (affari_test_find_type (dialog, AFFARI_TYPE_QUOTE_EDITOR) != NULL &&
              gtk_widget_get_mapped (affari_test_find_type (dialog, AFFARI_TYPE_QUOTE_EDITOR)));
  {
    /* A product row in it: the phone's two-line layout, as in the deal card. */
    GtkWidget *editor = affari_test_find_type (dialog, AFFARI_TYPE_QUOTE_EDITOR);
    GtkWidget *row;

    g_assert_true (gtk_widget_activate_action (editor, "quote.add-row", NULL));
    affari_test_settle ();
    row = affari_test_find_type (editor, AFFARI_TYPE_DEAL_CARD_PRODUCT_ROW);
    g_assert_nonnull (row);
    affari_test_wait_for_frame (dialog);
    g_assert_true (gtk_widget_has_css_class (row, "narrow"));
  }
  check_window_inside (dialog, "phone/quote-editor");
  gtk_window_destroy (GTK_WINDOW (dialog));
  affari_test_settle ();

  /* The quick new deal. */
  gtk_widget_activate_action (window, "win.new-deal-quick", NULL);
  dialog = find_dialog (window, AFFARI_TYPE_NEW_DEAL_DIALOG);
  check_window_inside (dialog, "phone/new-deal");
  gtk_window_destroy (GTK_WINDOW (dialog));
  affari_test_settle ();

  /* Under LeakSanitizer GTK 4.8 leaks the render nodes of Preferenze's pages as they close (as
   * test-window's finalize-preferences says); the normal build checks them. */
  if (g_getenv ("AFFARI_SANITIZED") == NULL)
    check_preferences (window);
  else
    g_test_message ("Preferenze at a phone's size: checked by the normal build only");
  check_lead (window);

  /* The card's "Chiudi affare" (won, or which lost stage, and why). */
  {
    GtkWidget *card;

    g_assert_true (gtk_widget_activate_action (window, "deal.open", "x", (gint64) 1));
    WAIT_UNTIL ((card = affari_test_find_type (window, AFFARI_TYPE_DEAL_CARD)) != NULL && gtk_widget_get_mapped (card));
    g_assert_true (gtk_widget_activate_action (card, "card.finish", NULL));
    dialog = find_dialog (window, ADW_TYPE_MESSAGE_DIALOG);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Chiudi l'affare");
    check_window_inside (dialog, "phone/finish");
    gtk_window_destroy (GTK_WINDOW (dialog));
    affari_test_settle ();
    close_card (window);
  }
}

/* ------------------------------------------------------------ tests */

static void
sizes_body (Fixture *f)
{
  GtkWidget *window = GTK_WIDGET (affari_test_app_get_window (&f->base));

  check_size (window, "wide", WIDE_WIDTH, WIDE_HEIGHT);
  check_size (window, "narrow", PHONE_WIDTH, NARROW_HEIGHT);
  /* And back: the desktop layout comes back whole. */
  check_size (window, "wide", WIDE_WIDTH, WIDE_HEIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (dialog_actions); i++)
    check_dialog (window, dialog_actions[i]);

  check_phone_dialogs (window);
}

static void
test_sizes (Fixture       *f,
            gconstpointer  data)
{
  affari_test_app_fill_demo (&f->base, 200, 20);
  AFFARI_TEST_RUN (f, sizes_body);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  affari_test_app_setup (&f->base, "adaptive");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  affari_test_app_teardown (&f->base);
}

int
main (int   argc,
      char *argv[])
{
  affari_test_init (&argc, &argv);

  g_test_add ("/ui/adaptive/sizes", Fixture, NULL, fixture_set_up, test_sizes, fixture_tear_down);

  return g_test_run ();
}
