/* affari-deal-card-util.h — small helpers the pages of the deal card share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @message (or hides it when NULL) in @error_row, the row right under @field, and marks
 * @field red and invalid for assistive technologies. */
void      affari_card_set_field_error (GtkWidget   *field,
                                       AdwActionRow *error_row,
                                       const char  *message);
/* A hidden row for the error message of the field above it. */
AdwActionRow *affari_card_error_row_new (void);
/* The text of an editable, trimmed (newly allocated). */
char     *affari_card_dup_text         (GtkEditable *editable);
/* Sets the text of @editable without marking it as changed by the user (an entry row shows no ✓
 * for it). */
void      affari_card_set_text         (GtkEditable *editable,
                                        const char  *text);
/* Whether the user changed @editable since it was last set with affari_card_set_text(). */
gboolean  affari_card_is_dirty         (GtkEditable *editable);
void      affari_card_set_clean        (GtkEditable *editable);
/* Tracks edits of @editable for affari_card_is_dirty(). */
void      affari_card_track_edits      (GtkEditable *editable);

/* The page scrolls to the keyboard's focus when it is not in view, and never follows the focus
 * into a popup (a drop-down's list): a choice made with the pointer moves nothing under it. */
void      affari_card_scroll_to_keyboard_focus (AdwPreferencesPage *page);

/* The focus vfunc of a panel Tab never leaves: past the last field (or before the first) it
 * goes round again from the other end. @parent_class is the panel's parent class. */
gboolean  affari_card_focus_round      (GtkWidget        *widget,
                                        GtkDirectionType  direction,
                                        GtkWidgetClass   *parent_class);

/* Rows move between sections (the card layout places them): each remembers the group it was put
 * in, so that it can leave it again without looking up the widget tree. */
void      affari_card_group_add        (AdwPreferencesGroup *group,
                                        GtkWidget           *row);
/* Records that @row is in @group already (a row of a template). */
void      affari_card_row_set_group    (GtkWidget           *row,
                                        AdwPreferencesGroup *group);
/* Takes @row out of the group it was put in with affari_card_group_add(), if any. */
void      affari_card_group_remove     (GtkWidget           *row);

/* "2", "1,5", "0.250" → thousandths; FALSE with a message when it is not a quantity. */
gboolean  affari_card_parse_quantity   (const char  *text,
                                        gint64      *out_milli,
                                        GError     **error);
char     *affari_card_format_quantity  (gint64       milli);
/* "10", "12,5" → basis points (0..10000). */
gboolean  affari_card_parse_percent    (const char  *text,
                                        int         *out_bp,
                                        GError     **error);
char     *affari_card_format_percent   (int          bp);
/* "27/11/2026 10:00", "27/11/2026" (09:00) → Unix seconds in local time. */
gboolean  affari_card_parse_datetime   (const char  *text,
                                        gint64      *out_unix,
                                        GError     **error);
char     *affari_card_format_datetime  (gint64       unix_time);

G_END_DECLS
