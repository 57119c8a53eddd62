/* affari-card-layout.h — the deal card of a pipeline: sections holding fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "affari-custom-field.h"

G_BEGIN_DECLS

/* The card layout of a pipeline (Bitrix24's details configuration): sections holding fields.
 * Field codes are the reference's: TITLE, OPPORTUNITY_WITH_CURRENCY, STAGE_ID, CLIENT,
 * BEGINDATE, CLOSEDATE, ASSIGNED_BY_ID, TYPE_ID, SOURCE_ID, SOURCE_DESCRIPTION, PROBABILITY,
 * COMMENTS, OPENED and the custom fields' UF_CRM_… codes. */
typedef struct {
  char     *field;
  gboolean  hidden;
} AffariCardElement;

typedef struct {
  char   *name;                 /* unique in the layout: "main", "additional", "user", "section_2"… */
  char   *title;
  GArray *elements;             /* AffariCardElement */
} AffariCardSection;

AffariCardSection *affari_card_section_new  (const char *name, const char *title);
void         affari_card_section_free       (AffariCardSection *section);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariCardSection, affari_card_section_free)
void         affari_card_section_add        (AffariCardSection *section, const char *field, gboolean hidden);
/* The built-in field codes of the card in their default order, NULL-terminated. */
const char * const *affari_card_builtin_fields (void);
/* What a field is called on the card ("Importo"); custom fields are looked up in @fields
 * (AffariCustomField, nullable). Returns a new string. */
char        *affari_card_field_label        (const char *field, GPtrArray *custom_fields);

/* The default layout (AffariCardSection): sections "main", "additional" and "user" with every
 * custom field of @custom_fields (AffariCustomField, nullable). */
GPtrArray   *affari_card_layout_default     (GPtrArray *custom_fields);
/* Whether @field is a built-in field code or the code of one of @custom_fields. */
gboolean     affari_card_field_is_known     (const char *field, GPtrArray *custom_fields);

G_END_DECLS
