/* affari-deal-card-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-error.h"
#include "model/affari-money.h"

#include "ui/deal/affari-deal-card-util.h"

#define SETTING_KEY "affari-setting-text"
#define DIRTY_KEY "affari-dirty"
#define GROUP_KEY "affari-card-group"

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

void
affari_card_row_set_group (GtkWidget           *row,
                           AdwPreferencesGroup *group)
{
  /* Weak: the group may go first (a section of an older layout) while the row lives on. */
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, group);
  g_object_set_data_full (G_OBJECT (row), GROUP_KEY, ref, weak_ref_free);
}

void
affari_card_group_add (AdwPreferencesGroup *group,
                       GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  affari_card_row_set_group (row, group);
}

void
affari_card_group_remove (GtkWidget *row)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (row), GROUP_KEY);
  g_autoptr(GObject) group = ref != NULL ? g_weak_ref_get (ref) : NULL;

  /* Forgotten first: the group may hold the last reference to the row. */
  g_object_set_data (G_OBJECT (row), GROUP_KEY, NULL);
  if (group != NULL && gtk_widget_get_parent (row) != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
}

void
affari_card_set_field_error (GtkWidget    *field,
                             AdwActionRow *error_row,
                             const char   *message)
{
  if (message != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), message);
      gtk_widget_set_visible (GTK_WIDGET (error_row), TRUE);
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (error_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), "");
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

AdwActionRow *
affari_card_error_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();

  /* Messages quote what was typed, which is text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_visible (row, FALSE);
  gtk_widget_add_css_class (row, "error");
  gtk_widget_add_css_class (row, "field-error");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return ADW_ACTION_ROW (row);
}

char *
affari_card_dup_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
on_editable_changed_cb (GtkEditable *editable,
                        gpointer     user_data)
{
  if (g_object_get_data (G_OBJECT (editable), SETTING_KEY) == NULL)
    g_object_set_data (G_OBJECT (editable), DIRTY_KEY, GINT_TO_POINTER (1));
}

void
affari_card_track_edits (GtkEditable *editable)
{
  g_signal_connect (editable, "changed", G_CALLBACK (on_editable_changed_cb), NULL);
}

void
affari_card_set_text (GtkEditable *editable,
                      const char  *text)
{
  gboolean apply = ADW_IS_ENTRY_ROW (editable) && adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (editable));

  /* AdwEntryRow 1.2 shows its ✓ for any change of the text while it has the focus, also this
   * one (Esc taking an edit back, another deal opened); without show-apply-button it forgets
   * the change and hides the ✓, which the next keystroke of the user shows again. */
  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (editable), FALSE);
  g_object_set_data (G_OBJECT (editable), SETTING_KEY, GINT_TO_POINTER (1));
  gtk_editable_set_text (editable, text != NULL ? text : "");
  g_object_set_data (G_OBJECT (editable), SETTING_KEY, NULL);
  g_object_set_data (G_OBJECT (editable), DIRTY_KEY, NULL);
  if (apply)
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (editable), TRUE);
}

gboolean
affari_card_is_dirty (GtkEditable *editable)
{
  return g_object_get_data (G_OBJECT (editable), DIRTY_KEY) != NULL;
}

void
affari_card_set_clean (GtkEditable *editable)
{
  g_object_set_data (G_OBJECT (editable), DIRTY_KEY, NULL);
}

/* Digits, one optional decimal separator (comma or dot) and at most @max_decimals decimals,
 * scaled by 10^max_decimals. */
static gboolean
parse_scaled (const char *text,
              guint       max_decimals,
              gint64     *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64 whole = 0, frac = 0;
  guint n_frac = 0, n_whole = 0;
  gboolean in_frac = FALSE;

  if (*s == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == ',' || *p == '.')
        {
          if (in_frac)
            return FALSE;
          in_frac = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (in_frac)
        {
          if (++n_frac > max_decimals)
            return FALSE;
          frac = frac * 10 + g_ascii_digit_value (*p);
        }
      else
        {
          if (++n_whole > 12)
            return FALSE;
          whole = whole * 10 + g_ascii_digit_value (*p);
        }
    }
  if (n_whole == 0 && n_frac == 0)
    return FALSE;
  for (guint i = n_frac; i < max_decimals; i++)
    frac *= 10;
  for (guint i = 0; i < max_decimals; i++)
    whole *= 10;
  *out = whole + frac;
  return TRUE;
}

gboolean
affari_card_parse_quantity (const char  *text,
                            gint64      *out_milli,
                            GError     **error)
{
  gint64 milli;

  if (!parse_scaled (text, 3, &milli))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("“%s” is not a quantity: write it as 2 or 1,5"), text);
      return FALSE;
    }
  if (milli <= 0)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("The quantity must be greater than zero"));
      return FALSE;
    }
  *out_milli = milli;
  return TRUE;
}

static char *
format_scaled (gint64 value,
               guint  decimals)
{
  const char *sep = strcmp (localeconv ()->decimal_point, ",") == 0 ? "," : ".";
  gint64 scale = 1;
  g_autoptr(GString) str = g_string_new (NULL);
  gint64 frac;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  g_string_append_printf (str, "%" G_GINT64_FORMAT, value / scale);
  frac = value % scale;
  if (frac != 0)
    {
      char digits[8];

      g_snprintf (digits, sizeof digits, "%0*" G_GINT64_FORMAT, (int) decimals, frac);
      /* No trailing zeros: "1,5", not "1,500". */
      for (int i = (int) strlen (digits) - 1; i > 0 && digits[i] == '0'; i--)
        digits[i] = '\0';
      g_string_append (str, sep);
      g_string_append (str, digits);
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

char *
affari_card_format_quantity (gint64 milli)
{
  return format_scaled (milli, 3);
}

gboolean
affari_card_parse_percent (const char  *text,
                           int         *out_bp,
                           GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64 bp;
  gsize len = strlen (s);

  /* "22 %" and "22%" are percentages too. */
  if (len > 0 && s[len - 1] == '%')
    {
      s[len - 1] = '\0';
      g_strstrip (s);
    }
  if (*s == '\0')
    bp = 0;
  else if (!parse_scaled (s, 2, &bp))
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                   _("“%s” is not a percentage: write it as 10 or 12,5"), text);
      return FALSE;
    }
  if (bp > 10000)
    {
      g_set_error_literal (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                           _("A percentage must be between 0 and 100"));
      return FALSE;
    }
  *out_bp = (int) bp;
  return TRUE;
}

char *
affari_card_format_percent (int bp)
{
  return format_scaled (bp, 2);
}

gboolean
affari_card_parse_datetime (const char  *text,
                            gint64      *out_unix,
                            GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) dt = NULL;
  char *space = strchr (s, ' ');
  int hour = 9, minute = 0;
  int year, month, day;

  if (space != NULL)
    {
      const char *time = space + 1;
      guint h = 0, m = 0, n = 0;

      *space = '\0';
      while (*time == ' ')
        time++;
      /* "10:30", "10.30" or "10" */
      while (g_ascii_isdigit (*time) && n < 2)
        h = h * 10 + g_ascii_digit_value (*time++), n++;
      if (n > 0 && (*time == ':' || *time == '.'))
        {
          guint k = 0;

          time++;
          while (g_ascii_isdigit (*time) && k < 2)
            m = m * 10 + g_ascii_digit_value (*time++), k++;
          if (k != 2)
            n = 0;
        }
      if (n == 0 || *time != '\0' || h > 23 || m > 59)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID,
                       _("“%s” is not a time: write it as 10:30"), space + 1);
          return FALSE;
        }
      hour = (int) h;
      minute = (int) m;
    }

  iso = affari_date_parse (s, error);
  if (iso == NULL)
    return FALSE;
  if (sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), s);
      return FALSE;
    }
  dt = g_date_time_new_local (year, month, day, hour, minute, 0);
  if (dt == NULL)
    {
      g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a valid date"), s);
      return FALSE;
    }
  *out_unix = g_date_time_to_unix (dt);
  return TRUE;
}

char *
affari_card_format_datetime (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return dt != NULL ? g_date_time_format (dt, "%d/%m/%Y %H:%M") : g_strdup ("");
}

/* ------------------------------------------------------------ scrolling to the keyboard's focus */

/* The keyboard's focus is scrolled into view, whole row and all; a click's focus is in view
 * already, so nothing moves under the pointer. Focus in a popup (a drop-down's list) is another
 * native's business: GTK's own scroll-to-focus followed it there and, when the list closed,
 * scrolled the page by the chosen entry's place in the list. */
static void
on_focus_widget_changed_cb (GtkRoot     *root,
                            GParamSpec  *pspec,
                            GtkViewport *viewport)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  GtkWidget *content = gtk_viewport_get_child (viewport);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  GtkWidget *shown;
  graphene_rect_t bounds;
  double value, page;

  if (focus == NULL || content == NULL || !gtk_widget_is_ancestor (focus, content) ||
      gtk_widget_get_native (focus) != gtk_widget_get_native (GTK_WIDGET (viewport)))
    return;
  shown = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (shown == NULL || !gtk_widget_is_ancestor (shown, content))
    shown = focus;
  if (!gtk_widget_compute_bounds (shown, GTK_WIDGET (viewport), &bounds))
    return;
  /* @bounds are where it is seen now: above the view, below it, or (nothing to do) inside */
  value = gtk_adjustment_get_value (vadjustment);
  page = gtk_adjustment_get_page_size (vadjustment);
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (vadjustment, value + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > page)
    gtk_adjustment_set_value (vadjustment, value + MIN (bounds.origin.y, bounds.origin.y + bounds.size.height - page));
}

static void
on_scroll_page_mapped_cb (GtkWidget   *page,
                          GtkViewport *viewport)
{
  g_signal_connect_object (gtk_widget_get_root (page), "notify::focus-widget",
                           G_CALLBACK (on_focus_widget_changed_cb), viewport, 0);
}

static void
on_scroll_page_unmapped_cb (GtkWidget   *page,
                            GtkViewport *viewport)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (page), on_focus_widget_changed_cb, viewport);
}

static GtkViewport *
find_viewport (GtkWidget *widget)
{
  if (GTK_IS_VIEWPORT (widget))
    return GTK_VIEWPORT (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkViewport *found = find_viewport (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
affari_card_scroll_to_keyboard_focus (AdwPreferencesPage *page)
{
  GtkViewport *viewport = find_viewport (GTK_WIDGET (page));

  g_return_if_fail (viewport != NULL);
  gtk_viewport_set_scroll_to_focus (viewport, FALSE);
  g_signal_connect_object (page, "map", G_CALLBACK (on_scroll_page_mapped_cb), viewport, 0);
  g_signal_connect_object (page, "unmap", G_CALLBACK (on_scroll_page_unmapped_cb), viewport, 0);
}

gboolean
affari_card_focus_round (GtkWidget        *widget,
                         GtkDirectionType  direction,
                         GtkWidgetClass   *parent_class)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (parent_class->focus (widget, direction))
    return TRUE;
  if ((direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD) || root == NULL)
    return FALSE;
  gtk_root_set_focus (root, NULL);
  return parent_class->focus (widget, direction);
}
