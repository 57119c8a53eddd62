/* affari-types.c — names and codes of the shared enums
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include <glib/gi18n.h>

#include "affari-types.h"

/* Indexed by the enum value; these strings are stored in databases and files, never translate. */
static const char * const activity_types[] = {
  [AFFARI_ACTIVITY_CALL] = "call",
  [AFFARI_ACTIVITY_MEETING] = "meeting",
  [AFFARI_ACTIVITY_TASK] = "task",
  [AFFARI_ACTIVITY_EMAIL] = "email",
};

static const char * const event_types[] = {
  [AFFARI_EVENT_CREATED] = "created",
  [AFFARI_EVENT_FIELD] = "field",
  [AFFARI_EVENT_STAGE] = "stage",
  [AFFARI_EVENT_PIPELINE] = "pipeline",
  [AFFARI_EVENT_PRODUCT] = "product",
  [AFFARI_EVENT_ACTIVITY] = "activity",
  [AFFARI_EVENT_COMMENT] = "comment",
  [AFFARI_EVENT_CLOSED] = "closed",
  [AFFARI_EVENT_REOPENED] = "reopened",
  [AFFARI_EVENT_TRASHED] = "trashed",
  [AFFARI_EVENT_RESTORED] = "restored",
  [AFFARI_EVENT_UNDONE] = "undone",
};

G_STATIC_ASSERT (G_N_ELEMENTS (activity_types) == AFFARI_ACTIVITY_EMAIL + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (event_types) == AFFARI_EVENT_UNDONE + 1);

const char *
affari_semantics_to_code (AffariSemantics semantics)
{
  switch (semantics)
    {
    case AFFARI_SEMANTICS_SUCCESS:
      return "S";
    case AFFARI_SEMANTICS_FAILURE:
      return "F";
    case AFFARI_SEMANTICS_PROCESS:
    default:
      return "P";
    }
}

/* Bitrix24 leaves the semantics of in-progress stages empty or null, so anything that is not
 * "S" or "F" is in progress. */
AffariSemantics
affari_semantics_from_code (const char *code)
{
  if (g_strcmp0 (code, "S") == 0)
    return AFFARI_SEMANTICS_SUCCESS;
  if (g_strcmp0 (code, "F") == 0)
    return AFFARI_SEMANTICS_FAILURE;
  return AFFARI_SEMANTICS_PROCESS;
}

const char *
affari_activity_type_to_string (AffariActivityType type)
{
  if ((guint) type < G_N_ELEMENTS (activity_types))
    return activity_types[type];
  g_return_val_if_reached (activity_types[AFFARI_ACTIVITY_TASK]);
}

gboolean
affari_activity_type_from_string (const char *str,
                                  AffariActivityType *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (activity_types); i++)
    {
      if (g_strcmp0 (str, activity_types[i]) == 0)
        {
          if (out != NULL)
            *out = (AffariActivityType) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
affari_activity_type_label (AffariActivityType type)
{
  switch (type)
    {
    case AFFARI_ACTIVITY_CALL:
      return _("Call");
    case AFFARI_ACTIVITY_MEETING:
      return _("Meeting");
    case AFFARI_ACTIVITY_EMAIL:
      return _("E-mail");
    case AFFARI_ACTIVITY_TASK:
    default:
      return _("Task");
    }
}

const char *
affari_event_type_to_string (AffariEventType type)
{
  if ((guint) type < G_N_ELEMENTS (event_types))
    return event_types[type];
  g_return_val_if_reached (event_types[AFFARI_EVENT_COMMENT]);
}

/* An unknown type (written by a newer Affari) reads as a comment, so its text is still shown. */
AffariEventType
affari_event_type_from_string (const char *str)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_types); i++)
    {
      if (g_strcmp0 (str, event_types[i]) == 0)
        return (AffariEventType) i;
    }
  g_debug ("Unknown event type “%s”, shown as a comment", str ? str : "(null)");
  return AFFARI_EVENT_COMMENT;
}
