/* affari-deal-card-client-actions.c — the card's actions on its clients (company and contacts):
 * the buttons of the General page's rows and pickers use them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-deal-card"

#include "config.h"

#include "ui/deal/affari-deal-card-private.h"

static void
remove_company_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  affari_deal_card_general_remove_company (_affari_deal_card_get_general (AFFARI_DEAL_CARD (widget)));
}

static void
create_client_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  affari_deal_card_general_create_client (_affari_deal_card_get_general (AFFARI_DEAL_CARD (widget)),
                                          g_str_equal (g_variant_get_string (parameter, NULL), "company"));
}

static void
set_primary_contact_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  affari_deal_card_general_set_primary_contact (_affari_deal_card_get_general (AFFARI_DEAL_CARD (widget)),
                                                g_variant_get_int64 (parameter));
}

static void
remove_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  affari_deal_card_general_remove_contact (_affari_deal_card_get_general (AFFARI_DEAL_CARD (widget)),
                                           g_variant_get_int64 (parameter));
}

void
_affari_deal_card_class_client_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "card.remove-company", NULL, remove_company_action);
  gtk_widget_class_install_action (widget_class, "card.create-client", "s", create_client_action);
  gtk_widget_class_install_action (widget_class, "card.set-primary-contact", "x", set_primary_contact_action);
  gtk_widget_class_install_action (widget_class, "card.remove-contact", "x", remove_contact_action);
}
