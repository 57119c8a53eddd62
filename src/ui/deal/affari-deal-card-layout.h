/* affari-deal-card-layout.h — places the rows of the card's "General" page as the pipeline's
 * card layout says (sections, order, hidden fields), re-placing only when the layout changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

typedef struct _AffariCardLayout AffariCardLayout;

/* The widgets showing @field (a row and its error row…), up to 3, NULL-terminated in @out;
 * FALSE when the card has no such field now. */
typedef gboolean (*AffariCardFieldWidgets) (const char *field, GtkWidget **out, gpointer user_data);

/* @page holds the sections; @contacts_group follows the section holding CLIENT; @tail (the error
 * group) stays last; @unused are the template's own groups, emptied and hidden. */
AffariCardLayout *affari_card_layout_new     (AdwPreferencesPage     *page,
                                              AdwPreferencesGroup    *contacts_group,
                                              AdwPreferencesGroup    *tail,
                                              GtkWidget             **unused,
                                              guint                   n_unused,
                                              AffariCardFieldWidgets  lookup,
                                              gpointer                user_data);
void              affari_card_layout_free    (AffariCardLayout       *self);
/* Applies the layout of @pipeline_id (nothing happens when it is what is shown already). */
void              affari_card_layout_apply   (AffariCardLayout       *self,
                                              AffariWorkspace        *workspace,
                                              gint64                  pipeline_id);
/* Forgets what is shown, so that the next apply re-places everything. */
void              affari_card_layout_invalidate (AffariCardLayout    *self);
/* Whether CLIENT is shown (its contacts group follows it). */
gboolean          affari_card_layout_shows_client (AffariCardLayout  *self);

G_END_DECLS
