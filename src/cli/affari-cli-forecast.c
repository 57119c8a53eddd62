/* affari-cli-forecast.c — `affari-cli forecast`: repeat sales predicted from the won deals
 *
 *   forecast --fit-cdnow PATH                the BG/NBD fit of the CDNOW sample, as JSON
 *   forecast [--json] [--days N] [--today D] the clients ranked by expected value
 *   forecast --check D [--json] [--today D]  the holdout check: fitted up to D, compared after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "model/affari-money.h"
#include "io/affari-cdnow.h"
#include "ops/affari-forecast.h"
#include "affari-cli-private.h"

#define DEFAULT_DAYS 90
#define MAX_DAYS 3650

static void
add_double (JsonBuilder *json,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (json, name);
  json_builder_add_double_value (json, value);
}

/* The members r, alpha, a, b and ll of the object being built. */
static void
add_fit (JsonBuilder          *json,
         const AffariBgnbdFit *fit)
{
  add_double (json, "r", fit->params.r);
  add_double (json, "alpha", fit->params.alpha);
  add_double (json, "a", fit->params.a);
  add_double (json, "b", fit->params.b);
  add_double (json, "ll", fit->ll);
}

static int
fit_cdnow (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) customers = NULL;
  g_autoptr(JsonBuilder) json = json_builder_new ();
  AffariBgnbdFit fit;
  GDate calibration_end, holdout_end;

  /* The paper's periods: calibration to 1997-09-30, holdout to 1998-06-30. */
  g_date_clear (&calibration_end, 1);
  g_date_clear (&holdout_end, 1);
  g_date_set_dmy (&calibration_end, 30, G_DATE_SEPTEMBER, 1997);
  g_date_set_dmy (&holdout_end, 30, G_DATE_JUNE, 1998);
  customers = affari_cdnow_read (path, &calibration_end, &holdout_end, NULL, &error);
  if (customers == NULL)
    return cli_failure ("%s", error->message);
  if (!affari_bgnbd_fit ((const AffariBgnbdCustomer *) customers->data, customers->len, 0, NULL, NULL, NULL, &fit, &error))
    return cli_failure ("%s", error->message);

  json_builder_begin_object (json);
  add_fit (json, &fit);
  json_builder_end_object (json);
  return cli_print_json_line (json);
}

static int
print_clients (AffariForecast *forecast,
               guint           days,
               gboolean        json_output)
{
  GListModel *clients = affari_forecast_get_clients (forecast);
  const char *currency = affari_forecast_get_base_currency (forecast);
  guint n = g_list_model_get_n_items (clients);

  affari_forecast_rank (forecast, days);
  if (json_output)
    {
      g_autoptr(JsonBuilder) json = json_builder_new ();
      const AffariBgnbdFit *fit = affari_forecast_get_fit (forecast);

      json_builder_begin_object (json);
      json_builder_set_member_name (json, "sufficient");
      json_builder_add_boolean_value (json, TRUE);
      json_builder_set_member_name (json, "days");
      json_builder_add_int_value (json, days);
      json_builder_set_member_name (json, "currency");
      json_builder_add_string_value (json, currency);
      json_builder_set_member_name (json, "params");
      json_builder_begin_object (json);
      add_fit (json, fit);
      json_builder_end_object (json);
      json_builder_set_member_name (json, "clients");
      json_builder_begin_array (json);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AffariForecastClient) client = g_list_model_get_item (clients, i);

          json_builder_begin_object (json);
          json_builder_set_member_name (json, "name");
          json_builder_add_string_value (json, affari_forecast_client_get_name (client));
          json_builder_set_member_name (json, "company_id");
          json_builder_add_int_value (json, affari_forecast_client_get_company_id (client));
          json_builder_set_member_name (json, "contact_id");
          json_builder_add_int_value (json, affari_forecast_client_get_contact_id (client));
          json_builder_set_member_name (json, "purchases");
          json_builder_add_int_value (json, affari_forecast_client_get_purchases (client));
          add_double (json, "p_alive", affari_forecast_client_get_p_alive (client));
          add_double (json, "expected", affari_forecast_client_get_expected (client, days));
          /* Money as minor units, as everywhere else. */
          json_builder_set_member_name (json, "expected_value");
          json_builder_add_int_value (json, (gint64) llround (affari_forecast_client_get_expected_value (client, days)));
          json_builder_set_member_name (json, "reason");
          json_builder_add_string_value (json, affari_forecast_client_get_reason (client));
          json_builder_end_object (json);
        }
      json_builder_end_array (json);
      json_builder_end_object (json);
      return cli_print_json_line (json);
    }

  {
    g_autofree char *expected_title = g_strdup_printf (ngettext ("Purchases (%u day)", "Purchases (%u days)", days), days);
    GString *line = g_string_new (NULL);

    cli_append_cell (line, _("Client"), 30, FALSE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Active"), 7, TRUE);
    g_string_append (line, "  ");
    cli_append_cell (line, expected_title, 22, TRUE);
    g_string_append (line, "  ");
    cli_append_cell (line, _("Expected value"), 16, TRUE);
    g_string_append (line, "  ");
    g_string_append (line, _("Reason"));
    g_print ("%s\n", line->str);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(AffariForecastClient) client = g_list_model_get_item (clients, i);
        g_autofree char *alive = affari_forecast_client_format_p_alive (client);
        g_autofree char *expected = g_strdup_printf ("%.2f", affari_forecast_client_get_expected (client, days));
        g_autofree char *value = affari_money_format ((gint64) llround (affari_forecast_client_get_expected_value (client, days)),
                                                      currency);

        g_string_truncate (line, 0);
        cli_append_cell (line, affari_forecast_client_get_name (client), 30, FALSE);
        g_string_append (line, "  ");
        cli_append_cell (line, alive, 7, TRUE);
        g_string_append (line, "  ");
        cli_append_cell (line, expected, 22, TRUE);
        g_string_append (line, "  ");
        cli_append_cell (line, value, 16, TRUE);
        g_string_append (line, "  ");
        g_string_append (line, affari_forecast_client_get_reason (client));
        g_print ("%s\n", line->str);
      }
    g_string_free (line, TRUE);
  }
  return cli_finish_output ();
}

static int
print_holdout (AffariForecast *forecast,
               gboolean        json_output)
{
  const AffariForecastHoldout *h = affari_forecast_get_holdout (forecast);

  if (json_output)
    {
      g_autoptr(JsonBuilder) json = json_builder_new ();

      json_builder_begin_object (json);
      json_builder_set_member_name (json, "sufficient");
      json_builder_add_boolean_value (json, TRUE);
      json_builder_set_member_name (json, "cutoff");
      json_builder_add_string_value (json, h->cutoff);
      json_builder_set_member_name (json, "end");
      json_builder_add_string_value (json, h->end);
      json_builder_set_member_name (json, "days");
      json_builder_add_int_value (json, h->days);
      add_double (json, "predicted", h->predicted_total);
      add_double (json, "actual", h->actual_total);
      json_builder_set_member_name (json, "by_purchases");
      json_builder_begin_array (json);
      for (guint i = 0; i < AFFARI_FORECAST_BUCKETS; i++)
        {
          json_builder_begin_object (json);
          json_builder_set_member_name (json, "repeat_purchases");
          json_builder_add_int_value (json, i);
          json_builder_set_member_name (json, "clients");
          json_builder_add_int_value (json, h->clients[i]);
          add_double (json, "predicted", h->predicted[i]);
          add_double (json, "actual", h->actual[i]);
          json_builder_end_object (json);
        }
      json_builder_end_array (json);
      json_builder_end_object (json);
      return cli_print_json_line (json);
    }

  g_print (_("Fitted on the deals won up to %s, compared with the %u days after it (to %s)"), h->cutoff, h->days, h->end);
  g_print ("\n");
  g_print (_("Repeat purchases predicted: %.1f, made: %.0f"), h->predicted_total, h->actual_total);
  g_print ("\n%s\n", _("Repeat purchases before  Clients  Predicted (mean)  Made (mean)"));
  for (guint i = 0; i < AFFARI_FORECAST_BUCKETS; i++)
    {
      g_autofree char *bucket = i + 1 < AFFARI_FORECAST_BUCKETS ? g_strdup_printf ("%u", i) : g_strdup_printf ("%u+", i);
      double n = MAX (1, h->clients[i]);

      g_print ("%-23s  %7u  %16.2f  %11.2f\n", bucket, h->clients[i], h->predicted[i] / n, h->actual[i] / n);
    }
  return cli_finish_output ();
}

int
cli_cmd_forecast (Cli *cli)
{
  g_autoptr(AffariStoreCloser) store = NULL;
  g_autoptr(AffariForecast) forecast = NULL;
  g_autoptr(GError) error = NULL;
  const char *cdnow = NULL;
  const char *check = NULL;
  gboolean json_output = FALSE;
  gboolean has_today = FALSE;
  gint64 days = DEFAULT_DAYS;
  GDate today;

  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *arg = g_ptr_array_index (cli->args, i);
      const char *value = NULL;

      if (cli_is_option (arg, "--fit-cdnow", &value))
        {
          if ((cdnow = cli_option_value (cli, &i, "--fit-cdnow", value)) == NULL)
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--days", &value))
        {
          if ((value = cli_option_value (cli, &i, "--days", value)) == NULL
              || !cli_parse_int (value, "--days", 1, MAX_DAYS, &days))
            return EXIT_USAGE;
        }
      else if (cli_is_option (arg, "--today", &value))
        {
          if ((value = cli_option_value (cli, &i, "--today", value)) == NULL || !cli_parse_date (value, "--today", &today))
            return EXIT_USAGE;
          has_today = TRUE;
        }
      else if (cli_is_option (arg, "--check", &value))
        {
          GDate cutoff;

          if ((check = cli_option_value (cli, &i, "--check", value)) == NULL || !cli_parse_date (check, "--check", &cutoff))
            return EXIT_USAGE;
        }
      else if (g_str_equal (arg, "--json"))
        json_output = TRUE;
      else if (arg[0] == '-')
        return cli_usage_error (_("Unknown option “%s” for “%s”"), arg, cli->command);
      else
        return cli_usage_error (_("Unexpected argument “%s”"), arg);
    }

  if (cdnow != NULL)
    return fit_cdnow (cdnow);

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return EXIT_FAILURE;
  if (has_today)
    cli_set_today (store, &today);

  forecast = check != NULL ? affari_forecast_check (store, check, NULL, NULL, NULL, &error)
                           : affari_forecast_compute (store, NULL, NULL, NULL, &error);
  if (forecast == NULL)
    return cli_failure ("%s", error->message);

  if (!affari_forecast_is_sufficient (forecast))
    {
      if (json_output)
        {
          g_autoptr(JsonBuilder) json = json_builder_new ();

          json_builder_begin_object (json);
          json_builder_set_member_name (json, "sufficient");
          json_builder_add_boolean_value (json, FALSE);
          json_builder_set_member_name (json, "message");
          json_builder_add_string_value (json, affari_forecast_get_message (forecast));
          json_builder_end_object (json);
          return cli_print_json_line (json);
        }
      g_print ("%s\n", affari_forecast_get_message (forecast));
      return cli_finish_output ();
    }
  if (check != NULL)
    return print_holdout (forecast, json_output);
  return print_clients (forecast, (guint) days, json_output);
}
