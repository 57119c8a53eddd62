/* affari-deal-lists.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/deal/affari-deal-lists.h"

struct _AffariDealLists
{
  GObject        parent_instance;

  AffariWorkspace   *workspace;
  GPtrArray     *team;        /* AffariTeamMember */
  GListStore    *team_model;
  GPtrArray     *pairs[2];    /* code, name, code, name… of types and sources */
  GtkStringList *choices[2];
  GPtrArray     *currencies;  /* char * */
  GtkStringList *currency_model;
};

G_DEFINE_FINAL_TYPE (AffariDealLists, affari_deal_lists, G_TYPE_OBJECT)

/* Offered when the workspace has no currency in use (or cannot say). */
static const char * const fallback_currencies[] = { "EUR", "USD", "GBP", "CHF" };

/* ------------------------------------------------------------ auxiliary */

static GtkStringList *
choices_new (GPtrArray *pairs)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("None"));
  for (guint i = 1; pairs != NULL && i < pairs->len; i += 2)
    gtk_string_list_append (list, g_ptr_array_index (pairs, i));
  return list;
}

static void
load_currencies (AffariDealLists *self)
{
  g_autoptr(GPtrArray) in_use = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->currencies, 0);
  if (self->workspace != NULL && (in_use = affari_workspace_list_currencies (self->workspace, &error)) == NULL)
    g_warning ("Cannot list the currencies: %s", error->message);
  for (guint i = 0; in_use != NULL && i < in_use->len; i++)
    g_ptr_array_add (self->currencies, g_strdup (((AffariCurrencyInfo *) g_ptr_array_index (in_use, i))->code));
  if (self->currencies->len == 0)
    {
      g_autofree char *base = self->workspace != NULL ? affari_workspace_dup_base_currency (self->workspace) : NULL;

      if (base != NULL && affari_currency_is_valid (base))
        g_ptr_array_add (self->currencies, g_steal_pointer (&base));
      for (guint i = 0; i < G_N_ELEMENTS (fallback_currencies); i++)
        if (self->currencies->len == 0 || g_strcmp0 (g_ptr_array_index (self->currencies, 0), fallback_currencies[i]) != 0)
          g_ptr_array_add (self->currencies, g_strdup (fallback_currencies[i]));
    }

  g_clear_object (&self->currency_model);
  self->currency_model = gtk_string_list_new (NULL);
  for (guint i = 0; i < self->currencies->len; i++)
    gtk_string_list_append (self->currency_model, g_ptr_array_index (self->currencies, i));
}

/* ------------------------------------------------------------ overrides */

static void
affari_deal_lists_dispose (GObject *object)
{
  AffariDealLists *self = AFFARI_DEAL_LISTS (object);

  g_clear_pointer (&self->team, g_ptr_array_unref);
  g_clear_object (&self->team_model);
  for (guint i = 0; i < G_N_ELEMENTS (self->pairs); i++)
    {
      g_clear_pointer (&self->pairs[i], g_ptr_array_unref);
      g_clear_object (&self->choices[i]);
    }
  g_clear_pointer (&self->currencies, g_ptr_array_unref);
  g_clear_object (&self->currency_model);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_deal_lists_parent_class)->dispose (object);
}

static void
affari_deal_lists_class_init (AffariDealListsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = affari_deal_lists_dispose;
}

static void
affari_deal_lists_init (AffariDealLists *self)
{
  self->currencies = g_ptr_array_new_with_free_func (g_free);
}

/* ------------------------------------------------------------ public API */

AffariDealLists *
affari_deal_lists_new (AffariWorkspace *workspace)
{
  AffariDealLists *self = g_object_new (AFFARI_TYPE_DEAL_LISTS, NULL);

  g_set_object (&self->workspace, workspace);
  affari_deal_lists_reload (self);
  return self;
}

void
affari_deal_lists_reload (AffariDealLists *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AFFARI_IS_DEAL_LISTS (self));

  g_clear_pointer (&self->team, g_ptr_array_unref);
  if (self->workspace != NULL && (self->team = affari_workspace_list_team (self->workspace, &error)) == NULL)
    {
      g_warning ("Cannot list the team: %s", error->message);
      g_clear_error (&error);
    }
  if (self->team == NULL)
    self->team = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_object (&self->team_model);
  self->team_model = g_list_store_new (AFFARI_TYPE_TEAM_MEMBER);
  g_list_store_splice (self->team_model, 0, 0, self->team->pdata, self->team->len);

  for (guint i = 0; i < G_N_ELEMENTS (self->pairs); i++)
    {
      g_clear_pointer (&self->pairs[i], g_ptr_array_unref);
      if (self->workspace != NULL)
        self->pairs[i] = i == AFFARI_DEAL_LIST_TYPES ? affari_workspace_list_deal_types (self->workspace, NULL)
                                                     : affari_workspace_list_sources (self->workspace, NULL);
      g_clear_object (&self->choices[i]);
      self->choices[i] = choices_new (self->pairs[i]);
    }

  load_currencies (self);
}

GListModel *
affari_deal_lists_get_team (AffariDealLists *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), NULL);

  return G_LIST_MODEL (self->team_model);
}

guint
affari_deal_lists_team_position (AffariDealLists *self,
                                 gint64           member_id)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), GTK_INVALID_LIST_POSITION);

  for (guint i = 0; i < self->team->len; i++)
    if (affari_team_member_get_id (g_ptr_array_index (self->team, i)) == member_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

const char *
affari_deal_lists_team_name (AffariDealLists *self,
                             gint64           member_id)
{
  guint position = affari_deal_lists_team_position (self, member_id);

  return position != GTK_INVALID_LIST_POSITION
         ? affari_team_member_get_name (g_ptr_array_index (self->team, position)) : NULL;
}

GListModel *
affari_deal_lists_get_choices (AffariDealLists   *self,
                               AffariDealListKind kind)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), NULL);

  return G_LIST_MODEL (self->choices[kind]);
}

guint
affari_deal_lists_choice_position (AffariDealLists   *self,
                                   AffariDealListKind kind,
                                   const char        *code)
{
  GPtrArray *pairs;

  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), 0);

  pairs = self->pairs[kind];
  for (guint i = 0; code != NULL && pairs != NULL && i + 1 < pairs->len; i += 2)
    if (g_str_equal (g_ptr_array_index (pairs, i), code))
      return i / 2 + 1;
  return 0;
}

const char *
affari_deal_lists_choice_code (AffariDealLists   *self,
                               AffariDealListKind kind,
                               guint              position)
{
  GPtrArray *pairs;

  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), NULL);

  pairs = self->pairs[kind];
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || pairs == NULL || (position - 1) * 2 >= pairs->len)
    return NULL;
  return g_ptr_array_index (pairs, (position - 1) * 2);
}

const char *
affari_deal_lists_first_code (AffariDealLists   *self,
                              AffariDealListKind kind)
{
  return affari_deal_lists_choice_code (self, kind, 1);
}

GListModel *
affari_deal_lists_get_currencies (AffariDealLists *self)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), NULL);

  return G_LIST_MODEL (self->currency_model);
}

const char *
affari_deal_lists_currency_at (AffariDealLists *self,
                               guint            position)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), NULL);

  return position < self->currencies->len ? g_ptr_array_index (self->currencies, position) : NULL;
}

guint
affari_deal_lists_ensure_currency (AffariDealLists *self,
                                   const char      *code)
{
  g_return_val_if_fail (AFFARI_IS_DEAL_LISTS (self), 0);
  g_return_val_if_fail (code != NULL, 0);

  for (guint i = 0; i < self->currencies->len; i++)
    if (g_str_equal (g_ptr_array_index (self->currencies, i), code))
      return i;
  /* A currency no longer in use (or imported): still shown for the deal that has it. */
  g_ptr_array_add (self->currencies, g_strdup (code));
  gtk_string_list_append (self->currency_model, code);
  return self->currencies->len - 1;
}
