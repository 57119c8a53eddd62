/* affari-quote-link-group.h — in the deal card, "Preventivo 2026/014": the quote the deal was
 * created from, opened in "Preventivi" by win.show-quote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_QUOTE_LINK_GROUP (affari_quote_link_group_get_type ())
G_DECLARE_FINAL_TYPE (AffariQuoteLinkGroup, affari_quote_link_group, AFFARI, QUOTE_LINK_GROUP, AdwPreferencesGroup)

/* Shows the quote of @deal (nullable); hidden when it has none (or it was deleted). */
void affari_quote_link_group_set_deal (AffariQuoteLinkGroup *self,
                                       AffariWorkspace      *workspace,
                                       AffariDeal           *deal);

G_END_DECLS
