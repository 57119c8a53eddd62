/* affari-custom-field.h — user-defined (UF_CRM_*) deal fields: kinds, list items, how values read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* User-defined (custom, UF_CRM_*) deal fields. */
typedef enum {
  AFFARI_FIELD_STRING,
  AFFARI_FIELD_DOUBLE,
  AFFARI_FIELD_MONEY,
  AFFARI_FIELD_DATE,
  AFFARI_FIELD_BOOLEAN,
  AFFARI_FIELD_ENUMERATION,
  AFFARI_FIELD_URL,
} AffariFieldKind;

typedef struct {
  gint64  id;
  char   *value;
} AffariFieldItem;

typedef struct {
  gint64           id;
  char            *code;          /* UF_CRM_… */
  char            *label;
  AffariFieldKind  kind;
  gboolean         mandatory;
  gboolean         show_in_list;
  int              sort;
  GArray          *items;         /* AffariFieldItem, for enumerations (empty otherwise) */
} AffariCustomField;

void         affari_custom_field_free       (AffariCustomField *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariCustomField, affari_custom_field_free)
/* "string", "double", "money", "date", "boolean", "enumeration", "url" (Bitrix24's USER_TYPE_ID). */
const char  *affari_field_kind_to_string    (AffariFieldKind kind);
gboolean     affari_field_kind_from_string  (const char *text, AffariFieldKind *out_kind);
/* @value of @field (machine form) as people read it: "1.234,50", "€ 12,00", "27/11/2026", "Sì"… */
char        *affari_custom_field_format_value   (const AffariCustomField *field, const char *value);

/* An empty field with an empty items array. */
AffariCustomField *affari_custom_field_new  (void);
/* The text of the list item @item_id of an enumeration field, or NULL. */
const char  *affari_custom_field_item_value (const AffariCustomField *field, gint64 item_id);

G_END_DECLS
