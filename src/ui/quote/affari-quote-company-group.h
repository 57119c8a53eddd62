/* affari-quote-company-group.h — "La tua azienda" in Preferenze: name, address and VAT number
 * printed at the top of the quotes' PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ops/affari-workspace.h"

G_BEGIN_DECLS

#define AFFARI_TYPE_QUOTE_COMPANY_GROUP (affari_quote_company_group_get_type ())
G_DECLARE_FINAL_TYPE (AffariQuoteCompanyGroup, affari_quote_company_group, AFFARI, QUOTE_COMPANY_GROUP,
                      AdwPreferencesGroup)

/* Shows @workspace's company; a row applied saves all three (errors through prefs.toast). */
void affari_quote_company_group_set_workspace (AffariQuoteCompanyGroup *self,
                                               AffariWorkspace         *workspace);

G_END_DECLS
