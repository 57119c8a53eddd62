/* affari-object-fields.c — the GObject properties of a value object, described by a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-model"

#include "config.h"

#include "affari-object-fields.h"

/* The table of a class, kept on its GType: a GParamSpec's owner_type and param_id lead
 * back to its row, so that the vfuncs and setters need no argument but the pspec. */
typedef struct {
  const AffariObjectField *fields;
  guint n_props;
} FieldTable;

G_DEFINE_QUARK (affari-object-fields, field_table)

#define MEMBER(object, field, type) ((type *) (gpointer) ((guint8 *) (object) + (field)->offset))

static const FieldTable *
lookup_table (GType type)
{
  return g_type_get_qdata (type, field_table_quark ());
}

static const AffariObjectField *
lookup_field (GParamSpec *pspec,
              GType       type)
{
  const FieldTable *table;
  const AffariObjectField *field;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);

  table = lookup_table (pspec->owner_type);
  if (table == NULL || pspec->param_id >= table->n_props)
    return NULL;

  field = &table->fields[pspec->param_id];
  if (field->name == NULL || (type != G_TYPE_INVALID && field->type != type))
    return NULL;

  return field;
}

static GParamSpec *
create_pspec (const AffariObjectField *field)
{
  GParamFlags flags = (field->read_only ? G_PARAM_READABLE : G_PARAM_READWRITE) |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  switch (field->type)
    {
    case G_TYPE_INT64:
      return g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case G_TYPE_INT:
      return g_param_spec_int (field->name, NULL, NULL,
                               field->minimum, field->maximum, field->default_value, flags);
    case G_TYPE_BOOLEAN:
      return g_param_spec_boolean (field->name, NULL, NULL, field->default_value, flags);
    case G_TYPE_DOUBLE:
      return g_param_spec_double (field->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
    case G_TYPE_STRING:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    default:
      g_assert_not_reached ();
    }
}

void
affari_object_fields_install (GObjectClass            *object_class,
                              const AffariObjectField *fields,
                              guint                    n_props,
                              GParamSpec             **properties)
{
  GType type = G_OBJECT_CLASS_TYPE (object_class);
  FieldTable *table;

  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));
  g_return_if_fail (fields != NULL && properties != NULL && n_props > 0);
  /* The finalize below chains to the parent of the object's class, which is only right
   * when no class derives from this one. */
  g_return_if_fail (G_TYPE_IS_FINAL (type));
  g_return_if_fail (lookup_table (type) == NULL);

  table = g_new0 (FieldTable, 1);
  table->fields = fields;
  table->n_props = n_props;
  g_type_set_qdata (type, field_table_quark (), table);

  object_class->get_property = affari_object_fields_get_property;
  object_class->set_property = affari_object_fields_set_property;
  object_class->finalize = affari_object_fields_finalize;

  for (guint i = 1; i < n_props; i++)
    {
      if (fields[i].name != NULL)
        properties[i] = create_pspec (&fields[i]);
      g_assert (properties[i] != NULL);
    }

  g_object_class_install_properties (object_class, n_props, properties);
}

/* Sets @value, initialized to @type, from the C variable at @pointer: a gint64, int,
 * gboolean, double or char * as @type says (a member, or a typed setter's argument). */
static void
value_set_from_pointer (GValue        *value,
                        GType          type,
                        gconstpointer  pointer)
{
  switch (type)
    {
    case G_TYPE_INT64:
      g_value_set_int64 (value, *(const gint64 *) pointer);
      break;
    case G_TYPE_INT:
      g_value_set_int (value, *(const int *) pointer);
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, *(const gboolean *) pointer);
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, *(const double *) pointer);
      break;
    case G_TYPE_STRING:
      g_value_set_string (value, *(const char * const *) pointer);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
read_member (GObject                 *object,
             const AffariObjectField *field,
             GValue                  *value)
{
  value_set_from_pointer (value, field->type, MEMBER (object, field, guint8));
}

/* The one place a member is written: only when @value differs (the pspec's own
 * comparison: NULL-safe for strings, any non-zero boolean is TRUE), then notifies. */
static void
write_member (GObject                 *object,
              GParamSpec              *pspec,
              const AffariObjectField *field,
              const GValue            *value)
{
  g_auto (GValue) old_value = G_VALUE_INIT;

  g_value_init (&old_value, field->type);
  read_member (object, field, &old_value);
  if (g_param_values_cmp (pspec, &old_value, value) == 0)
    return;

  switch (field->type)
    {
    case G_TYPE_INT64:
      *MEMBER (object, field, gint64) = g_value_get_int64 (value);
      break;
    case G_TYPE_INT:
      *MEMBER (object, field, int) = g_value_get_int (value);
      break;
    case G_TYPE_BOOLEAN:
      *MEMBER (object, field, gboolean) = g_value_get_boolean (value);
      break;
    case G_TYPE_DOUBLE:
      *MEMBER (object, field, double) = g_value_get_double (value);
      break;
    case G_TYPE_STRING:
      g_free (*MEMBER (object, field, char *));
      *MEMBER (object, field, char *) = g_value_dup_string (value);
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_notify_by_pspec (object, pspec);
}

/* For the typed setters: @pointer points to their argument, of the row's @type. */
static void
set_typed (gpointer       object,
           GParamSpec    *pspec,
           GType          type,
           gconstpointer  pointer)
{
  const AffariObjectField *field = lookup_field (pspec, type);
  g_auto (GValue) value = G_VALUE_INIT;

  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (field != NULL);

  value_set_from_pointer (g_value_init (&value, type), type, pointer);
  write_member (object, pspec, field, &value);
}

void
affari_object_fields_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  const AffariObjectField *field = lookup_field (pspec, G_TYPE_INVALID);

  if (field != NULL)
    read_member (object, field, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
affari_object_fields_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  const AffariObjectField *field = lookup_field (pspec, G_TYPE_INVALID);

  if (field != NULL)
    write_member (object, pspec, field, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
affari_object_fields_finalize (GObject *object)
{
  const FieldTable *table = lookup_table (G_OBJECT_TYPE (object));
  GObjectClass *parent_class;

  g_assert (table != NULL);

  for (guint i = 1; i < table->n_props; i++)
    {
      const AffariObjectField *field = &table->fields[i];

      if (field->name != NULL && field->type == G_TYPE_STRING)
        g_clear_pointer (MEMBER (object, field, char *), g_free);
    }

  parent_class = g_type_class_peek_parent (G_OBJECT_GET_CLASS (object));
  parent_class->finalize (object);
}

void
affari_object_fields_set_int64 (gpointer object, GParamSpec *pspec, gint64 value)
{
  set_typed (object, pspec, G_TYPE_INT64, &value);
}

void
affari_object_fields_set_int (gpointer object, GParamSpec *pspec, int value)
{
  set_typed (object, pspec, G_TYPE_INT, &value);
}

void
affari_object_fields_set_string (gpointer object, GParamSpec *pspec, const char *value)
{
  set_typed (object, pspec, G_TYPE_STRING, &value);
}

void
affari_object_fields_set_boolean (gpointer object, GParamSpec *pspec, gboolean value)
{
  set_typed (object, pspec, G_TYPE_BOOLEAN, &value);
}
