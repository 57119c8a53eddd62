/* affari-lead.c — what only a lead has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <string.h>

#include "affari-lead.h"

AffariLead *
affari_lead_new (void)
{
  AffariLead *self = g_new0 (AffariLead, 1);

  self->first_name = g_strdup ("");
  self->last_name = g_strdup ("");
  self->company_title = g_strdup ("");
  self->phone = g_strdup ("");
  self->email = g_strdup ("");
  self->address = g_strdup ("");
  return self;
}

AffariLead *
affari_lead_copy (const AffariLead *self)
{
  AffariLead *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (AffariLead, 1);
  *copy = *self;
  copy->first_name = g_strdup (self->first_name);
  copy->last_name = g_strdup (self->last_name);
  copy->company_title = g_strdup (self->company_title);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->address = g_strdup (self->address);
  return copy;
}

void
affari_lead_free (AffariLead *self)
{
  if (self == NULL)
    return;
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->company_title);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->address);
  g_free (self);
}

void
affari_lead_set_text (char       **field,
                      const char  *value)
{
  g_return_if_fail (field != NULL);

  g_free (*field);
  *field = g_strstrip (g_strdup (value != NULL ? value : ""));
}

char *
affari_lead_dup_person (const AffariLead *self)
{
  g_autofree char *joined = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  joined = g_strconcat (self->first_name, " ", self->last_name, NULL);
  return g_strdup (g_strstrip (joined));
}

gboolean
affari_lead_fields_equal (const AffariLead *a,
                          const AffariLead *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_str_equal (a->first_name, b->first_name)
         && g_str_equal (a->last_name, b->last_name)
         && g_str_equal (a->company_title, b->company_title)
         && g_str_equal (a->phone, b->phone)
         && g_str_equal (a->email, b->email)
         && g_str_equal (a->address, b->address);
}
