/* affari-deal-card-comments-row.h — the comment of a deal: several lines, applied as a whole
 * when the user leaves it or presses Ctrl+Enter (Enter alone starts a new line)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AFFARI_TYPE_DEAL_CARD_COMMENTS_ROW (affari_deal_card_comments_row_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealCardCommentsRow, affari_deal_card_comments_row, AFFARI, DEAL_CARD_COMMENTS_ROW, AdwPreferencesRow)

/* Signals: "apply" — the user left the comment or pressed Ctrl+Enter. */

/* Shows @text (NULL: empty) unless the user typed into it, or @force; it is clean afterwards. */
void     affari_deal_card_comments_row_set_text   (AffariDealCardCommentsRow *self,
                                                   const char                *text,
                                                   gboolean                   force);
/* The text without the surrounding blanks; NULL when empty. */
char    *affari_deal_card_comments_row_dup_text   (AffariDealCardCommentsRow *self);
/* Whether the user typed into it since it was set or saved. */
gboolean affari_deal_card_comments_row_get_dirty  (AffariDealCardCommentsRow *self);
void     affari_deal_card_comments_row_set_clean  (AffariDealCardCommentsRow *self);
/* Whether the user typed something that is not saved. */
gboolean affari_deal_card_comments_row_has_input  (AffariDealCardCommentsRow *self);

G_END_DECLS
