/* affari-lead.h — what only a lead has, beside its row of deal (the person and company typed in,
 * and where its conversion led), as the store reads and writes it
 *
 * A lead is a deal of the lead pipeline (see store/affari-store-leads.h): title, amount,
 * currency, source, comments, responsible, product rows, status and history are the deal's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 deal_id;
  char *first_name;
  char *last_name;
  char *company_title;
  char *phone;
  char *email;
  char *address;
  gint64 contact_id;          /* the client the conversion chose or made (0: none) */
  gint64 company_id;
  gint64 converted_deal_id;   /* the deal the conversion made (0: not converted) */
} AffariLead;

/* An empty lead (every text "", never NULL). */
AffariLead *affari_lead_new            (void);
AffariLead *affari_lead_copy           (const AffariLead *self);
void        affari_lead_free           (AffariLead *self);
/* Replaces one text field (NULL stores ""). */
void        affari_lead_set_text       (char **field, const char *value);
/* "Name Surname", trimmed ("" when neither is given). */
char       *affari_lead_dup_person     (const AffariLead *self);
/* Whether the typed-in fields of @a and @b are the same (not the links). */
gboolean    affari_lead_fields_equal   (const AffariLead *a, const AffariLead *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AffariLead, affari_lead_free)

G_END_DECLS
