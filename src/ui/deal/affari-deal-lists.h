/* affari-deal-lists.h — the reference lists a deal is edited with: team, deal types, sources,
 * currencies, as models for combo rows and as look-ups between codes and positions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

typedef enum {
  AFFARI_DEAL_LIST_TYPES,
  AFFARI_DEAL_LIST_SOURCES,
} AffariDealListKind;

#define AFFARI_TYPE_DEAL_LISTS (affari_deal_lists_get_type ())
G_DECLARE_FINAL_TYPE (AffariDealLists, affari_deal_lists, AFFARI, DEAL_LISTS, GObject)

/* Loads the lists from @workspace (NULL: empty lists, the fallback currencies). */
AffariDealLists *affari_deal_lists_new                (AffariWorkspace *workspace);
/* Reads the lists again: the models handed out before are replaced, not changed. */
void             affari_deal_lists_reload             (AffariDealLists *self);
/* AffariTeamMember. */
GListModel      *affari_deal_lists_get_team           (AffariDealLists *self);
/* The position of the member in the team model, or GTK_INVALID_LIST_POSITION. */
guint            affari_deal_lists_team_position      (AffariDealLists *self,
                                                       gint64           member_id);
/* The member's name, or NULL when not in the team. */
const char      *affari_deal_lists_team_name          (AffariDealLists *self,
                                                       gint64           member_id);
/* GtkStringList of names: item 0 is "None", then one per code. */
GListModel      *affari_deal_lists_get_choices        (AffariDealLists   *self,
                                                       AffariDealListKind kind);
/* The position of @code in the choices (0, "None", when unknown or NULL). */
guint            affari_deal_lists_choice_position    (AffariDealLists   *self,
                                                       AffariDealListKind kind,
                                                       const char        *code);
/* The code at @position of the choices, NULL for "None". */
const char      *affari_deal_lists_choice_code        (AffariDealLists   *self,
                                                       AffariDealListKind kind,
                                                       guint              position);
/* The first code of the list (what a new deal gets), or NULL. */
const char      *affari_deal_lists_first_code         (AffariDealLists   *self,
                                                       AffariDealListKind kind);
/* GtkStringList of the currency codes in use (Preferenze), the base one first. */
GListModel      *affari_deal_lists_get_currencies     (AffariDealLists *self);
const char      *affari_deal_lists_currency_at        (AffariDealLists *self,
                                                       guint            position);
/* The position of @code among the currencies; one no longer in use is added at the end. */
guint            affari_deal_lists_ensure_currency    (AffariDealLists *self,
                                                       const char      *code);

G_END_DECLS
