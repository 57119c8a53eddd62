/* affari-object-fields.h — the GObject properties of a value object, described by a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row per property, indexed by the property id (row 0 stays empty, like properties[0]).
 * A row whose name is NULL is not in the table: the class creates that GParamSpec itself,
 * before calling affari_object_fields_install(), and handles it in its own vfuncs.
 * Enum members are stored as G_TYPE_INT: the class asserts sizeof (Enum) == sizeof (int). */
typedef struct {
  const char *name;
  GType type;            /* G_TYPE_INT64, G_TYPE_INT, G_TYPE_BOOLEAN, G_TYPE_DOUBLE or G_TYPE_STRING */
  gsize offset;          /* of the member in the instance struct (G_STRUCT_OFFSET) */
  gboolean read_only;    /* G_PARAM_READABLE: the class writes the member itself */
  int minimum;           /* G_TYPE_INT only */
  int maximum;           /* G_TYPE_INT only */
  int default_value;     /* G_TYPE_INT and G_TYPE_BOOLEAN; the others default to 0, 0.0, NULL */
} AffariObjectField;

/* Rows of the usual kinds; int64 and double take their whole range, as every class does. */
#define AFFARI_OBJECT_FIELD_INT64(Type, member, prop_name) \
  { .name = (prop_name), .type = G_TYPE_INT64, .offset = G_STRUCT_OFFSET (Type, member) }
#define AFFARI_OBJECT_FIELD_DOUBLE(Type, member, prop_name) \
  { .name = (prop_name), .type = G_TYPE_DOUBLE, .offset = G_STRUCT_OFFSET (Type, member) }
#define AFFARI_OBJECT_FIELD_STRING(Type, member, prop_name) \
  { .name = (prop_name), .type = G_TYPE_STRING, .offset = G_STRUCT_OFFSET (Type, member) }
#define AFFARI_OBJECT_FIELD_BOOLEAN(Type, member, prop_name, default_) \
  { .name = (prop_name), .type = G_TYPE_BOOLEAN, .offset = G_STRUCT_OFFSET (Type, member), \
    .default_value = (default_) }
#define AFFARI_OBJECT_FIELD_INT(Type, member, prop_name, min, max, default_) \
  { .name = (prop_name), .type = G_TYPE_INT, .offset = G_STRUCT_OFFSET (Type, member), \
    .minimum = (min), .maximum = (max), .default_value = (default_) }

/* Creates the GParamSpec of every row into @properties (G_PARAM_EXPLICIT_NOTIFY |
 * G_PARAM_STATIC_STRINGS, read-write unless read_only), installs all @n_props of them,
 * and makes get_property, set_property and finalize the ones below. The class must be
 * final (the finalize chains to the parent of the object's own class); a class that
 * needs its own vfuncs sets them after this call and calls the ones below for the rows. */
void     affari_object_fields_install      (GObjectClass            *object_class,
                                            const AffariObjectField *fields,
                                            guint                    n_props,
                                            GParamSpec             **properties);

/* The vfuncs install sets: they read and write the member of @pspec's row; set notifies
 * only on a real change. */
void     affari_object_fields_get_property (GObject      *object,
                                            guint         prop_id,
                                            GValue       *value,
                                            GParamSpec   *pspec);
void     affari_object_fields_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec);
/* Frees the string members of the object's rows, then chains up. */
void     affari_object_fields_finalize     (GObject      *object);

/* For the public setters: assign the member of @pspec's row and notify @pspec, only when
 * the value changes. (No double setter: AffariDeal's "position", the one double, is
 * read-only; its table row serves install and get_property.) */
void     affari_object_fields_set_int64    (gpointer object, GParamSpec *pspec, gint64 value);
void     affari_object_fields_set_int      (gpointer object, GParamSpec *pspec, int value);
void     affari_object_fields_set_string   (gpointer object, GParamSpec *pspec, const char *value);
void     affari_object_fields_set_boolean  (gpointer object, GParamSpec *pspec, gboolean value);

G_END_DECLS
