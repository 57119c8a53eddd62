/* affari-deal-card-comments-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include "ui/deal/affari-deal-card-comments-row.h"
#include "ui/common/affari-ui.h"

struct _AffariDealCardCommentsRow
{
  AdwPreferencesRow  parent_instance;

  gboolean           dirty;    /* typed into, not saved */
  gboolean           loading;

  /* template */
  GtkTextView       *comments_view;
};

G_DEFINE_FINAL_TYPE (AffariDealCardCommentsRow, affari_deal_card_comments_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static char *
dup_buffer_text (AffariDealCardCommentsRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comments_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_changed_cb (GtkTextBuffer             *buffer,
               AffariDealCardCommentsRow *self)
{
  if (!self->loading)
    self->dirty = TRUE;
}

static void
on_focus_left_cb (GtkEventControllerFocus   *controller,
                  AffariDealCardCommentsRow *self)
{
  g_signal_emit (self, signals[APPLY], 0);
}

static gboolean
on_save_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  g_signal_emit (user_data, signals[APPLY], 0);
  return TRUE;
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_card_comments_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AFFARI_TYPE_DEAL_CARD_COMMENTS_ROW);

  G_OBJECT_CLASS (affari_deal_card_comments_row_parent_class)->dispose (object);
}

static void
affari_deal_card_comments_row_class_init (AffariDealCardCommentsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_deal_card_comments_row_dispose;

  signals[APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  affari_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-deal-card-comments-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariDealCardCommentsRow, comments_view);
}

static void
affari_deal_card_comments_row_init (AffariDealCardCommentsRow *self)
{
  GtkEventController *focus;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (gtk_text_view_get_buffer (self->comments_view), "changed", G_CALLBACK (on_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->comments_view), focus);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (on_save_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->comments_view), shortcuts);
}

/* ------------------------------------------------------------ public API */

void
affari_deal_card_comments_row_set_text (AffariDealCardCommentsRow *self,
                                        const char                *text,
                                        gboolean                   force)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_CARD_COMMENTS_ROW (self));

  if (!force && self->dirty)
    return;
  /* Only when it differs: setting the text moves the cursor of someone typing. */
  shown = dup_buffer_text (self);
  if (g_strcmp0 (shown, text != NULL ? text : "") != 0)
    {
      self->loading = TRUE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comments_view), text != NULL ? text : "", -1);
      self->loading = FALSE;
    }
  self->dirty = FALSE;
}

char *
affari_deal_card_comments_row_dup_text (AffariDealCardCommentsRow *self)
{
  g_autofree char *raw = NULL;
  char *text;

  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_COMMENTS_ROW (self), NULL);

  raw = dup_buffer_text (self);
  text = g_strstrip (g_strdup (raw));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

gboolean
affari_deal_card_comments_row_get_dirty (AffariDealCardCommentsRow *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_COMMENTS_ROW (self), FALSE);

  return self->dirty;
}

void
affari_deal_card_comments_row_set_clean (AffariDealCardCommentsRow *self)
{
  g_return_if_fail (AFFARI_IS_DEAL_CARD_COMMENTS_ROW (self));

  self->dirty = FALSE;
}

gboolean
affari_deal_card_comments_row_has_input (AffariDealCardCommentsRow *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_CARD_COMMENTS_ROW (self), FALSE);

  return self->dirty && gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->comments_view)) > 0;
}
