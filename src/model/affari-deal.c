/* affari-deal.c — one deal (a sale to one client): the property table, copying and the GObject
 * boilerplate; the getters and setters are in affari-deal-accessors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-deal-private.h"
#include "affari-deal-props.h"

G_DEFINE_FINAL_TYPE (AffariDeal, affari_deal, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* Where each property lives in the struct, so that get_property, update_from, copy and
 * finalize cannot forget a field when one is added. */
typedef enum {
  FIELD_NONE = 0,   /* derived, not stored (client-name) */
  FIELD_STRING,
  FIELD_INT64,
  FIELD_INT,
  FIELD_BOOLEAN,
  FIELD_DOUBLE,
  FIELD_SEMANTICS,
} FieldKind;

typedef struct {
  gsize offset;
  FieldKind kind;
} Field;

#define FIELD(member, kind) { G_STRUCT_OFFSET (AffariDeal, member), FIELD_##kind }

static const Field fields[N_PROPS] = {
  [PROP_ID] = FIELD (id, INT64),
  [PROP_TITLE] = FIELD (title, STRING),
  [PROP_TYPE_ID] = FIELD (type_id, STRING),
  [PROP_PIPELINE_ID] = FIELD (pipeline_id, INT64),
  [PROP_STAGE_ID] = FIELD (stage_id, INT64),
  [PROP_SEMANTICS] = FIELD (semantics, SEMANTICS),
  [PROP_CLOSED] = FIELD (closed, BOOLEAN),
  [PROP_OPENED] = FIELD (opened, BOOLEAN),
  [PROP_PROBABILITY] = FIELD (probability, INT),
  [PROP_CURRENCY] = FIELD (currency, STRING),
  [PROP_AMOUNT] = FIELD (amount, INT64),
  [PROP_IS_MANUAL_AMOUNT] = FIELD (is_manual_amount, BOOLEAN),
  [PROP_TAX_VALUE] = FIELD (tax_value, INT64),
  [PROP_COMPANY_ID] = FIELD (company_id, INT64),
  [PROP_COMPANY_NAME] = FIELD (company_name, STRING),
  [PROP_CONTACT_NAME] = FIELD (contact_name, STRING),
  [PROP_LEAD_ID] = FIELD (lead_id, INT64),
  [PROP_QUOTE_ID] = FIELD (quote_id, INT64),
  [PROP_BEGIN_DATE] = FIELD (begin_date, STRING),
  [PROP_CLOSE_DATE] = FIELD (close_date, STRING),
  [PROP_CLOSED_AT] = FIELD (closed_at, STRING),
  [PROP_COMMENTS] = FIELD (comments, STRING),
  [PROP_ASSIGNED_BY_ID] = FIELD (assigned_by_id, INT64),
  [PROP_ASSIGNED_NAME] = FIELD (assigned_name, STRING),
  [PROP_CREATED_BY_ID] = FIELD (created_by_id, INT64),
  [PROP_MODIFY_BY_ID] = FIELD (modify_by_id, INT64),
  [PROP_MOVED_BY_ID] = FIELD (moved_by_id, INT64),
  [PROP_DATE_CREATE] = FIELD (date_create, INT64),
  [PROP_DATE_MODIFY] = FIELD (date_modify, INT64),
  [PROP_MOVED_TIME] = FIELD (moved_time, INT64),
  [PROP_IS_RECURRING] = FIELD (is_recurring, BOOLEAN),
  [PROP_IS_RETURN_CUSTOMER] = FIELD (is_return_customer, BOOLEAN),
  [PROP_IS_REPEATED_APPROACH] = FIELD (is_repeated_approach, BOOLEAN),
  [PROP_SOURCE_ID] = FIELD (source_id, STRING),
  [PROP_SOURCE_DESCRIPTION] = FIELD (source_description, STRING),
  [PROP_ADDITIONAL_INFO] = FIELD (additional_info, STRING),
  [PROP_ORIGINATOR_ID] = FIELD (originator_id, STRING),
  [PROP_ORIGIN_ID] = FIELD (origin_id, STRING),
  [PROP_POSITION] = FIELD (position, DOUBLE),
  [PROP_NEXT_ACTIVITY] = FIELD (next_activity, INT64),
  [PROP_DELETED_AT] = FIELD (deleted_at, INT64),
  [PROP_VERSION] = FIELD (version, INT64),
};

#undef FIELD

#define FIELD_PTR(self, prop_id, type) ((type *) (gpointer) ((guint8 *) (self) + fields[prop_id].offset))

void
_affari_deal_notify (AffariDeal *self,
        guint prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_affari_deal_set_string (AffariDeal *self,
            guint prop_id,
            const char *value)
{
  char **field = FIELD_PTR (self, prop_id, char *);

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  _affari_deal_notify (self, prop_id);
}

void
_affari_deal_set_int64 (AffariDeal *self,
           guint prop_id,
           gint64 value)
{
  gint64 *field = FIELD_PTR (self, prop_id, gint64);

  if (*field == value)
    return;

  *field = value;
  _affari_deal_notify (self, prop_id);
}

void
_affari_deal_set_boolean (AffariDeal *self,
             guint prop_id,
             gboolean value)
{
  gboolean *field = FIELD_PTR (self, prop_id, gboolean);

  value = !!value;
  if (!*field == !value)
    return;

  *field = value;
  _affari_deal_notify (self, prop_id);
}

/* Copies one field of @from into @self; TRUE when the value changed. */
static gboolean
copy_field (AffariDeal *self,
            AffariDeal *from,
            guint prop_id)
{
  switch (fields[prop_id].kind)
    {
    case FIELD_STRING:
      {
        char **dst = FIELD_PTR (self, prop_id, char *);
        char *src = *FIELD_PTR (from, prop_id, char *);

        if (g_strcmp0 (*dst, src) == 0)
          return FALSE;
        g_free (*dst);
        *dst = g_strdup (src);
        return TRUE;
      }

    case FIELD_INT64:
      {
        gint64 *dst = FIELD_PTR (self, prop_id, gint64);
        gint64 src = *FIELD_PTR (from, prop_id, gint64);

        if (*dst == src)
          return FALSE;
        *dst = src;
        return TRUE;
      }

    case FIELD_INT:
      {
        int *dst = FIELD_PTR (self, prop_id, int);
        int src = *FIELD_PTR (from, prop_id, int);

        if (*dst == src)
          return FALSE;
        *dst = src;
        return TRUE;
      }

    case FIELD_BOOLEAN:
      {
        gboolean *dst = FIELD_PTR (self, prop_id, gboolean);
        gboolean src = !!*FIELD_PTR (from, prop_id, gboolean);

        if (!*dst == !src)
          return FALSE;
        *dst = src;
        return TRUE;
      }

    case FIELD_DOUBLE:
      {
        double *dst = FIELD_PTR (self, prop_id, double);
        double src = *FIELD_PTR (from, prop_id, double);

        if (*dst == src)
          return FALSE;
        *dst = src;
        return TRUE;
      }

    case FIELD_SEMANTICS:
      {
        AffariSemantics *dst = FIELD_PTR (self, prop_id, AffariSemantics);
        AffariSemantics src = *FIELD_PTR (from, prop_id, AffariSemantics);

        if (*dst == src)
          return FALSE;
        *dst = src;
        return TRUE;
      }

    case FIELD_NONE:
    default:
      return FALSE;
    }
}

static void
affari_deal_finalize (GObject *object)
{
  AffariDeal *self = (AffariDeal *) object;

  for (guint i = 0; i < N_PROPS; i++)
    {
      if (fields[i].kind == FIELD_STRING)
        g_clear_pointer (FIELD_PTR (self, i, char *), g_free);
    }

  G_OBJECT_CLASS (affari_deal_parent_class)->finalize (object);
}

static void
affari_deal_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  AffariDeal *self = AFFARI_DEAL (object);

  if (prop_id == PROP_CLIENT_NAME)
    {
      g_value_set_string (value, affari_deal_get_client_name (self));
      return;
    }

  switch (prop_id < N_PROPS ? fields[prop_id].kind : FIELD_NONE)
    {
    case FIELD_STRING:
      g_value_set_string (value, *FIELD_PTR (self, prop_id, char *));
      break;

    case FIELD_INT64:
      g_value_set_int64 (value, *FIELD_PTR (self, prop_id, gint64));
      break;

    case FIELD_INT:
      g_value_set_int (value, *FIELD_PTR (self, prop_id, int));
      break;

    case FIELD_BOOLEAN:
      g_value_set_boolean (value, *FIELD_PTR (self, prop_id, gboolean));
      break;

    case FIELD_DOUBLE:
      g_value_set_double (value, *FIELD_PTR (self, prop_id, double));
      break;

    case FIELD_SEMANTICS:
      g_value_set_int (value, (int) *FIELD_PTR (self, prop_id, AffariSemantics));
      break;

    case FIELD_NONE:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_deal_set_property (GObject *object,
                          guint prop_id,
                          const GValue *value,
                          GParamSpec *pspec)
{
  AffariDeal *self = AFFARI_DEAL (object);

  switch (prop_id)
    {
    case PROP_PROBABILITY:
      affari_deal_set_probability (self, g_value_get_int (value));
      break;

    case PROP_TITLE:
    case PROP_TYPE_ID:
    case PROP_CURRENCY:
    case PROP_BEGIN_DATE:
    case PROP_CLOSE_DATE:
    case PROP_COMMENTS:
    case PROP_SOURCE_ID:
    case PROP_SOURCE_DESCRIPTION:
    case PROP_ADDITIONAL_INFO:
    case PROP_ORIGINATOR_ID:
    case PROP_ORIGIN_ID:
      _affari_deal_set_string (self, prop_id, g_value_get_string (value));
      break;

    case PROP_PIPELINE_ID:
    case PROP_STAGE_ID:
    case PROP_AMOUNT:
    case PROP_TAX_VALUE:
    case PROP_COMPANY_ID:
    case PROP_LEAD_ID:
    case PROP_QUOTE_ID:
    case PROP_ASSIGNED_BY_ID:
      _affari_deal_set_int64 (self, prop_id, g_value_get_int64 (value));
      break;

    case PROP_OPENED:
    case PROP_IS_MANUAL_AMOUNT:
    case PROP_IS_RECURRING:
    case PROP_IS_RETURN_CUSTOMER:
    case PROP_IS_REPEATED_APPROACH:
      _affari_deal_set_boolean (self, prop_id, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name,
                 gboolean writable)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (writable ? G_PARAM_READWRITE : G_PARAM_READABLE) |
                              G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_property (const char *name,
                gboolean writable)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             (writable ? G_PARAM_READWRITE : G_PARAM_READABLE) |
                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_property (const char *name,
                  gboolean default_value,
                  gboolean writable)
{
  return g_param_spec_boolean (name, NULL, NULL, default_value,
                               (writable ? G_PARAM_READWRITE : G_PARAM_READABLE) |
                               G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
affari_deal_class_init (AffariDealClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = affari_deal_finalize;
  object_class->get_property = affari_deal_get_property;
  object_class->set_property = affari_deal_set_property;

  /* Read-only properties are filled by the store, through the private struct. */
  properties[PROP_ID] = int64_property ("id", FALSE);
  properties[PROP_TITLE] = string_property ("title", TRUE);
  properties[PROP_TYPE_ID] = string_property ("type-id", TRUE);
  properties[PROP_PIPELINE_ID] = int64_property ("pipeline-id", TRUE);
  properties[PROP_STAGE_ID] = int64_property ("stage-id", TRUE);
  properties[PROP_SEMANTICS] =
    g_param_spec_int ("semantics", NULL, NULL,
                      AFFARI_SEMANTICS_PROCESS, AFFARI_SEMANTICS_FAILURE, AFFARI_SEMANTICS_PROCESS,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSED] = boolean_property ("closed", FALSE, FALSE);
  properties[PROP_OPENED] = boolean_property ("opened", TRUE, TRUE);
  properties[PROP_PROBABILITY] =
    g_param_spec_int ("probability", NULL, NULL, -1, 100, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] = string_property ("currency", TRUE);
  properties[PROP_AMOUNT] = int64_property ("amount", TRUE);
  properties[PROP_IS_MANUAL_AMOUNT] = boolean_property ("is-manual-amount", FALSE, TRUE);
  properties[PROP_TAX_VALUE] = int64_property ("tax-value", TRUE);
  properties[PROP_COMPANY_ID] = int64_property ("company-id", TRUE);
  properties[PROP_COMPANY_NAME] = string_property ("company-name", FALSE);
  properties[PROP_CONTACT_NAME] = string_property ("contact-name", FALSE);
  properties[PROP_CLIENT_NAME] = string_property ("client-name", FALSE);
  properties[PROP_LEAD_ID] = int64_property ("lead-id", TRUE);
  properties[PROP_QUOTE_ID] = int64_property ("quote-id", TRUE);
  properties[PROP_BEGIN_DATE] = string_property ("begin-date", TRUE);
  properties[PROP_CLOSE_DATE] = string_property ("close-date", TRUE);
  properties[PROP_CLOSED_AT] = string_property ("closed-at", FALSE);
  properties[PROP_COMMENTS] = string_property ("comments", TRUE);
  properties[PROP_ASSIGNED_BY_ID] = int64_property ("assigned-by-id", TRUE);
  properties[PROP_ASSIGNED_NAME] = string_property ("assigned-name", FALSE);
  properties[PROP_CREATED_BY_ID] = int64_property ("created-by-id", FALSE);
  properties[PROP_MODIFY_BY_ID] = int64_property ("modify-by-id", FALSE);
  properties[PROP_MOVED_BY_ID] = int64_property ("moved-by-id", FALSE);
  properties[PROP_DATE_CREATE] = int64_property ("date-create", FALSE);
  properties[PROP_DATE_MODIFY] = int64_property ("date-modify", FALSE);
  properties[PROP_MOVED_TIME] = int64_property ("moved-time", FALSE);
  properties[PROP_IS_RECURRING] = boolean_property ("is-recurring", FALSE, TRUE);
  properties[PROP_IS_RETURN_CUSTOMER] = boolean_property ("is-return-customer", FALSE, TRUE);
  properties[PROP_IS_REPEATED_APPROACH] = boolean_property ("is-repeated-approach", FALSE, TRUE);
  properties[PROP_SOURCE_ID] = string_property ("source-id", TRUE);
  properties[PROP_SOURCE_DESCRIPTION] = string_property ("source-description", TRUE);
  properties[PROP_ADDITIONAL_INFO] = string_property ("additional-info", TRUE);
  properties[PROP_ORIGINATOR_ID] = string_property ("originator-id", TRUE);
  properties[PROP_ORIGIN_ID] = string_property ("origin-id", TRUE);
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_ACTIVITY] = int64_property ("next-activity", FALSE);
  properties[PROP_DELETED_AT] = int64_property ("deleted-at", FALSE);
  properties[PROP_VERSION] = int64_property ("version", FALSE);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_assert (fields[i].kind != FIELD_NONE || i == PROP_CLIENT_NAME);
}

static void
affari_deal_init (AffariDeal *self)
{
  self->probability = -1;
  self->opened = TRUE;
}

AffariDeal *
affari_deal_new (void)
{
  return g_object_new (AFFARI_TYPE_DEAL, NULL);
}

void
affari_deal_update_from (AffariDeal *self,
                         AffariDeal *from)
{
  g_autofree char *old_client_name = NULL;

  g_return_if_fail (AFFARI_IS_DEAL (self));
  g_return_if_fail (AFFARI_IS_DEAL (from));

  if (self == from)
    return;

  old_client_name = g_strdup (affari_deal_get_client_name (self));

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    {
      if (copy_field (self, from, i))
        _affari_deal_notify (self, i);
    }

  if (g_strcmp0 (old_client_name, affari_deal_get_client_name (self)) != 0)
    _affari_deal_notify (self, PROP_CLIENT_NAME);

  g_object_thaw_notify (G_OBJECT (self));
}

AffariDeal *
affari_deal_copy (AffariDeal *self)
{
  AffariDeal *copy;

  g_return_val_if_fail (AFFARI_IS_DEAL (self), NULL);

  /* Nobody listens to the new object yet, so fields are copied without notifying. */
  copy = affari_deal_new ();
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    copy_field (copy, self, i);

  return copy;
}

void
affari_deal_set_id_internal (AffariDeal *self,
                             gint64 id)
{
  g_return_if_fail (AFFARI_IS_DEAL (self));

  self->id = id;
}
