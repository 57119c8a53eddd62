/* affari-card-layout.c — the sections and fields of a pipeline's deal card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "affari-card-layout.h"

static const struct {
  const char *field;
  const char *label;
  const char *section;
} builtin_fields[] = {
  { "TITLE",                     N_("Title"),                 "main" },
  { "OPPORTUNITY_WITH_CURRENCY", N_("Amount"),                "main" },
  { "STAGE_ID",                  N_("Stage"),                 "main" },
  { "CLIENT",                    N_("Client"),                "main" },
  { "BEGINDATE",                 N_("Start Date"),            "main" },
  { "CLOSEDATE",                 N_("Expected Close Date"),   "main" },
  { "ASSIGNED_BY_ID",            N_("Responsible"),           "main" },
  { "TYPE_ID",                   N_("Type"),                  "additional" },
  { "SOURCE_ID",                 N_("Source"),                "additional" },
  { "SOURCE_DESCRIPTION",        N_("Source Description"),    "additional" },
  { "PROBABILITY",               N_("Probability (%)"),       "additional" },
  { "COMMENTS",                  N_("Comment"),               "additional" },
  { "OPENED",                    N_("Available to Everyone"), "additional" },
};

const char * const *
affari_card_builtin_fields (void)
{
  static const char *codes[G_N_ELEMENTS (builtin_fields) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
      codes[i] = builtin_fields[i].field;
  return codes;
}

static int
builtin_index (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
    if (g_strcmp0 (builtin_fields[i].field, field) == 0)
      return (int) i;
  return -1;
}

static AffariCustomField *
custom_field_by_code (GPtrArray *fields, const char *code)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    if (g_strcmp0 (((AffariCustomField *) g_ptr_array_index (fields, i))->code, code) == 0)
      return g_ptr_array_index (fields, i);
  return NULL;
}

char *
affari_card_field_label (const char *field, GPtrArray *custom_fields)
{
  int index = builtin_index (field);
  AffariCustomField *custom;

  if (index >= 0)
    return g_strdup (_(builtin_fields[index].label));
  custom = custom_field_by_code (custom_fields, field);
  return g_strdup (custom != NULL ? custom->label : field);
}

static void
element_clear (gpointer data)
{
  g_clear_pointer (&((AffariCardElement *) data)->field, g_free);
}

AffariCardSection *
affari_card_section_new (const char *name, const char *title)
{
  AffariCardSection *section = g_new0 (AffariCardSection, 1);

  section->name = g_strdup (name);
  section->title = g_strdup (title);
  section->elements = g_array_new (FALSE, TRUE, sizeof (AffariCardElement));
  g_array_set_clear_func (section->elements, element_clear);
  return section;
}

void
affari_card_section_free (AffariCardSection *section)
{
  if (section == NULL)
    return;
  g_free (section->name);
  g_free (section->title);
  g_clear_pointer (&section->elements, g_array_unref);
  g_free (section);
}

void
affari_card_section_add (AffariCardSection *section, const char *field, gboolean hidden)
{
  AffariCardElement element = { g_strdup (field), hidden };

  g_array_append_val (section->elements, element);
}

GPtrArray *
affari_card_layout_default (GPtrArray *custom_fields)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) affari_card_section_free);
  AffariCardSection *main_section = affari_card_section_new ("main", _("About the Deal"));
  AffariCardSection *additional = affari_card_section_new ("additional", _("Additional Information"));
  AffariCardSection *user = affari_card_section_new ("user", _("Custom Fields"));

  for (guint i = 0; i < G_N_ELEMENTS (builtin_fields); i++)
    affari_card_section_add (g_str_equal (builtin_fields[i].section, "main") ? main_section : additional,
                             builtin_fields[i].field, FALSE);
  for (guint i = 0; custom_fields != NULL && i < custom_fields->len; i++)
    affari_card_section_add (user, ((AffariCustomField *) g_ptr_array_index (custom_fields, i))->code, FALSE);
  g_ptr_array_add (sections, main_section);
  g_ptr_array_add (sections, additional);
  g_ptr_array_add (sections, user);
  return sections;
}

gboolean
affari_card_field_is_known (const char *field, GPtrArray *custom_fields)
{
  return builtin_index (field) >= 0 || custom_field_by_code (custom_fields, field) != NULL;
}
