/* affari-import-b24.h — imports a folder of Bitrix24 REST JSON dumps
 *
 * Accepted file names in the folder (any may be missing; several pages of one list are several
 * files with the same start, read in name order, e.g. crm.deal.list.1.json, crm.deal.list.2.json):
 *   crm.category.list*.json         pipelines ({"result":{"categories":[…]}}; id 0 = the default one)
 *   crm.status.list*.json           stages (ENTITY_ID DEAL_STAGE, DEAL_STAGE_n; other lists ignored)
 *   crm.deal.list*.json             deals ({"result":[…],"next":50,"total":N} per page)
 *   crm.deal.productrows.get*.json  product rows: one file per deal (crm.deal.productrows.get.<ID>.json)
 *                                   or one array of every deal's rows, each with OWNER_ID
 *   crm.company.list*.json          companies (PHONE/EMAIL multi-fields: the first value is kept)
 *   crm.contact.list*.json          contacts
 *   crm.timeline.comment.list*.json comments of deals (ENTITY_TYPE "deal"; BBCode becomes text)
 *   crm.activity.list*.json         activities of deals (OWNER_TYPE_ID "2")
 *   user.get*.json                  the portal's users: the team (matched by e-mail, then name), so
 *                                   that ASSIGNED_BY_ID and RESPONSIBLE_ID name the right person
 * A file may hold the whole envelope ({"result": …}) or only the array.
 *
 * The import is one transaction (affari_deal_ops_create_many): a malformed file is refused before
 * anything is written, a failure or a cancel rolls everything back. Bitrix24 ids are kept as origin
 * (deal.originator_id "bitrix24" + origin_id; "bitrix24:KIND:ID" on pipelines, companies, contacts
 * and activities): importing the same dump again adds nothing and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "affari-import-report.h"

G_BEGIN_DECLS

/* Imports @folder. @dry_run: everything is checked and counted, then rolled back. Returns NULL
 * with @error when a file is malformed, the folder holds no Bitrix24 file, @cancellable was
 * cancelled (G_IO_ERROR_CANCELLED) or a write failed: then the database is as it was. */
AffariImportReport *affari_import_b24 (AffariStore *store, AffariDealOps *ops, const char *folder,
                                    gboolean dry_run, GCancellable *cancellable,
                                    AffariImportProgress progress, gpointer progress_data, GError **error);

/* Bitrix24's BBCode ([b], [url=…]…[/url], [quote]…) stripped to its text. */
char       *affari_b24_strip_bbcode (const char *text);

G_END_DECLS
