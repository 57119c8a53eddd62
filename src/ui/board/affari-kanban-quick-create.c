/* affari-kanban-quick-create.c
 *
 * Eight columns would make some fifteen widgets each for a form seldom opened: a column makes
 * its form with the first click on "+".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-quick-create"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "ui/board/affari-kanban-quick-create.h"
#include "ui/common/affari-ui.h"

struct _AffariKanbanQuickCreate
{
  GtkWidget    parent_instance;

  AffariWorkspace *workspace;
  AffariStage *stage;
  AffariCardHost *host;        /* weak: the board, which creates the deal */

  /* template */
  GtkEntry    *quick_title;
  GtkEntry    *quick_amount;
  GtkEntry    *quick_client;
  GtkLabel    *quick_error;
  GtkButton   *quick_cancel;
  GtkButton   *quick_create;
};

G_DEFINE_FINAL_TYPE (AffariKanbanQuickCreate, affari_kanban_quick_create, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

static void
show_quick_error (AffariKanbanQuickCreate *self,
                  GtkEntry                *entry,
                  const char              *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_label_set_text (self->quick_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

/* The company named @name: the existing one (same name, case aside) or a new one. */
static gint64
find_or_create_company (AffariKanbanQuickCreate  *self,
                        const char               *name,
                        GError                  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AffariCompany) company = NULL;
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  found = affari_workspace_search_companies (self->workspace, name, 20, error);
  if (found == NULL)
    return 0;

  for (guint i = 0; i < found->len; i++)
    {
      AffariCompany *candidate = g_ptr_array_index (found, i);
      g_autofree char *folded = g_utf8_casefold (affari_company_get_name (candidate), -1);

      if (g_strcmp0 (folded, wanted) == 0)
        return affari_company_get_id (candidate);
    }

  company = affari_company_new (name);
  return affari_workspace_create_company (self->workspace, company, error);
}

static void
quick_create (AffariKanbanQuickCreate *self)
{
  g_autoptr(AffariDeal) deal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *amount_text = gtk_editable_get_text (GTK_EDITABLE (self->quick_amount));
  const char *client = gtk_editable_get_text (GTK_EDITABLE (self->quick_client));
  gint64 amount = 0;
  gint64 company_id = 0;

  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_title), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_amount), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), FALSE);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quick_title))));
  if (*title == '\0')
    {
      show_quick_error (self, self->quick_title, _("Write a title for the deal."));
      return;
    }

  if (*amount_text != '\0' && !affari_money_parse (amount_text, &amount, NULL))
    {
      show_quick_error (self, self->quick_amount, _("Write the amount as a number, for example 1.234,56."));
      return;
    }

  if (*client != '\0')
    {
      g_autofree char *name = g_strstrip (g_strdup (client));

      if (*name != '\0')
        company_id = find_or_create_company (self, name, &error);
      if (error != NULL)
        {
          show_quick_error (self, self->quick_client, error->message);
          return;
        }
    }

  deal = affari_deal_new ();
  affari_deal_set_title (deal, title);
  affari_deal_set_amount (deal, amount);
  affari_deal_set_pipeline_id (deal, affari_stage_get_pipeline_id (self->stage));
  affari_deal_set_stage_id (deal, affari_stage_get_id (self->stage));
  affari_deal_set_company_id (deal, company_id);

  /* The board creates it: one change, its toast, Ctrl+Z puts it in the trash. */
  if (self->host == NULL || !affari_card_host_create_deal (self->host, deal, &error))
    {
      show_quick_error (self, self->quick_title, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->quick_title), "");
  gtk_editable_set_text (GTK_EDITABLE (self->quick_amount), "");
  gtk_editable_set_text (GTK_EDITABLE (self->quick_client), "");
  g_signal_emit (self, signals[FINISHED], 0);
}

/* ------------------------------------------------------------ callbacks */

static void
on_quick_create_cb (GtkWidget               *widget,
                    AffariKanbanQuickCreate *self)
{
  quick_create (self);
}

static void
on_quick_cancel_clicked_cb (GtkButton               *button,
                            AffariKanbanQuickCreate *self)
{
  g_signal_emit (self, signals[FINISHED], 0);
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_quick_create_dispose (GObject *object)
{
  AffariKanbanQuickCreate *self = AFFARI_KANBAN_QUICK_CREATE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_QUICK_CREATE);
  /* the form's rows that have no name in the template */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->stage);
  g_clear_object (&self->workspace);
  g_clear_weak_pointer (&self->host);

  G_OBJECT_CLASS (affari_kanban_quick_create_parent_class)->dispose (object);
}

static void
affari_kanban_quick_create_class_init (AffariKanbanQuickCreateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_kanban_quick_create_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-kanban-quick-create.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanQuickCreate, quick_title);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanQuickCreate, quick_amount);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanQuickCreate, quick_client);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanQuickCreate, quick_error);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanQuickCreate, quick_cancel);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanQuickCreate, quick_create);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_create_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_cancel_clicked_cb);
}

static void
affari_kanban_quick_create_init (AffariKanbanQuickCreate *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  affari_ui_limit_text (GTK_EDITABLE (self->quick_title), AFFARI_MAX_TITLE_CHARS, _("The title"));
  affari_ui_limit_text (GTK_EDITABLE (self->quick_client), AFFARI_MAX_TITLE_CHARS, _("The client"));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_kanban_quick_create_new (AffariWorkspace    *workspace,
                                AffariStage    *stage,
                                AffariCardHost *host)
{
  AffariKanbanQuickCreate *self;

  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_STAGE (stage), NULL);

  self = g_object_new (AFFARI_TYPE_KANBAN_QUICK_CREATE, NULL);
  self->workspace = g_object_ref (workspace);
  self->stage = g_object_ref (stage);
  g_set_weak_pointer (&self->host, host);

  return GTK_WIDGET (self);
}

void
affari_kanban_quick_create_clear_errors (AffariKanbanQuickCreate *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_QUICK_CREATE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->quick_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_title), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_amount), "error");
}

void
affari_kanban_quick_create_focus_title (AffariKanbanQuickCreate *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_QUICK_CREATE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->quick_title));
}
