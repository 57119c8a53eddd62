/* affari-pipeline-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-pipeline-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "model/affari-money.h"

#include "affari-pipeline-summary.h"
#include "affari-stage-dot.h"

struct _AffariPipelineSummary
{
  AdwBin         parent_instance;

  AffariStore   *store;
  gint64         pipeline_id;
  guint          refresh_source;

  /* template */
  AdwStatusPage *status_page;
  GtkListBox    *stage_list;
};

G_DEFINE_FINAL_TYPE (AffariPipelineSummary, affari_pipeline_summary, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PIPELINE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One currency's share of a stage or of the pipeline. */
typedef struct {
  char   currency[4];
  guint  count;
  gint64 sum;
} MoneyTotal;

/* ------------------------------------------------------------ auxiliary */

static void
add_total (GArray     *totals,
           const char *currency,
           guint       count,
           gint64      sum)
{
  MoneyTotal total = { { 0 }, 0, 0 };

  for (guint i = 0; i < totals->len; i++)
    {
      MoneyTotal *t = &g_array_index (totals, MoneyTotal, i);

      if (g_strcmp0 (t->currency, currency) == 0)
        {
          t->count += count;
          t->sum += sum;
          return;
        }
    }

  g_strlcpy (total.currency, currency, sizeof total.currency);
  total.count = count;
  total.sum = sum;
  g_array_append_val (totals, total);
}

static guint
count_of (GArray *totals)
{
  guint count = 0;

  for (guint i = 0; i < totals->len; i++)
    count += g_array_index (totals, MoneyTotal, i).count;

  return count;
}

static int
compare_totals (gconstpointer a,
                gconstpointer b,
                gpointer      main_currency)
{
  const MoneyTotal *ta = a;
  const MoneyTotal *tb = b;
  gboolean a_first = g_strcmp0 (ta->currency, main_currency) == 0;
  gboolean b_first = g_strcmp0 (tb->currency, main_currency) == 0;

  if (a_first != b_first)
    return a_first ? -1 : 1;

  return g_strcmp0 (ta->currency, tb->currency);
}

/* "€ 48.200 + $ 1.000": a sum per currency, never converted; the pipeline's currency first,
 * then the others in a fixed order, so that rows compare at a glance. */
static char *
format_money (GArray     *totals,
              const char *main_currency)
{
  GString *text = g_string_new (NULL);

  g_array_sort_with_data (totals, compare_totals, (gpointer) main_currency);

  for (guint i = 0; i < totals->len; i++)
    {
      MoneyTotal *t = &g_array_index (totals, MoneyTotal, i);
      /* Whole units: cents in a summary are noise. Half away from zero. */
      gint64 rounded = (t->sum >= 0 ? t->sum + 50 : t->sum - 50) / 100 * 100;
      g_autofree char *money = affari_money_format_short (rounded, t->currency);

      if (text->len > 0)
        g_string_append (text, " + ");
      g_string_append (text, money);
    }

  if (text->len == 0)
    {
      g_autofree char *zero = affari_money_format_short (0, main_currency);
      g_string_append (text, zero);
    }

  return g_string_free (text, FALSE);
}

static GtkWidget *
create_stage_row (AffariStage *stage,
                  GArray      *totals,
                  const char  *currency)
{
  g_autofree char *count_text = NULL;
  g_autofree char *money_text = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row;
  GtkWidget *count_label;
  GtkWidget *money_label;
  guint count = count_of (totals);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_stage_get_name (stage));

  switch (affari_stage_get_semantics (stage))
    {
    case AFFARI_SEMANTICS_SUCCESS:
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Success stage"));
      break;

    case AFFARI_SEMANTICS_FAILURE:
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Failure stage"));
      break;

    case AFFARI_SEMANTICS_PROCESS:
    default:
      break;
    }

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), affari_stage_dot_new (affari_stage_get_color (stage)));

  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", count), count);
  count_label = gtk_label_new (count_text);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "amount");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label);

  money_text = format_money (totals, currency);
  money_label = gtk_label_new (money_text);
  gtk_label_set_xalign (GTK_LABEL (money_label), 1.f);
  gtk_label_set_width_chars (GTK_LABEL (money_label), 10);
  gtk_widget_add_css_class (money_label, "amount");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), money_label);

  /* Read as one sentence: "In corso: 31 affari, € 212.000". */
  accessible = g_strdup_printf ("%s: %s, %s", affari_stage_get_name (stage), count_text, money_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return row;
}

static void
clear_rows (AffariPipelineSummary *self)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all () is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stage_list))) != NULL)
    gtk_list_box_remove (self->stage_list, child);
}

static void
show_error (AffariPipelineSummary *self,
            const GError          *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_status_page_set_title (self->status_page, _("Cannot Read the Pipeline"));
  adw_status_page_set_description (self->status_page, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->stage_list), FALSE);
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  AffariPipelineSummary *self = AFFARI_PIPELINE_SUMMARY (user_data);

  self->refresh_source = 0;
  affari_pipeline_summary_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (AffariPipelineSummary *self)
{
  /* Many changes in one main-loop turn (a batch, a drag) cost one read. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, self, NULL);
}

/* ------------------------------------------------------------ callbacks */

static void
on_store_deal_changed_cb (AffariStore           *store,
                          gint64                 deal_id,
                          gint64                 old_stage_id,
                          gint64                 new_stage_id,
                          AffariPipelineSummary *self)
{
  queue_refresh (self);
}

static void
on_store_stages_changed_cb (AffariStore           *store,
                            gint64                 pipeline_id,
                            AffariPipelineSummary *self)
{
  if (pipeline_id == self->pipeline_id || pipeline_id == 0)
    queue_refresh (self);
}

static void
on_store_reset_cb (AffariStore           *store,
                   AffariPipelineSummary *self)
{
  queue_refresh (self);
}

/* ------------------------------------------------------------ overrides */

static void
affari_pipeline_summary_dispose (GObject *object)
{
  AffariPipelineSummary *self = AFFARI_PIPELINE_SUMMARY (object);

  affari_pipeline_summary_set_store (self, NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  /* The status page is AdwBin's child: let AdwBin let go of it before the template does, or
   * AdwBin's own dispose unparents a widget that is already gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_PIPELINE_SUMMARY);

  G_OBJECT_CLASS (affari_pipeline_summary_parent_class)->dispose (object);
}

static void
affari_pipeline_summary_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AffariPipelineSummary *self = AFFARI_PIPELINE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->pipeline_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_pipeline_summary_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  AffariPipelineSummary *self = AFFARI_PIPELINE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      affari_pipeline_summary_set_store (self, g_value_get_object (value));
      break;

    case PROP_PIPELINE_ID:
      affari_pipeline_summary_set_pipeline_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_pipeline_summary_class_init (AffariPipelineSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_pipeline_summary_dispose;
  object_class->get_property = affari_pipeline_summary_get_property;
  object_class->set_property = affari_pipeline_summary_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         AFFARI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/affari/Affari/ui/affari-pipeline-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariPipelineSummary, status_page);
  gtk_widget_class_bind_template_child (widget_class, AffariPipelineSummary, stage_list);
}

static void
affari_pipeline_summary_init (AffariPipelineSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------ public API */

AffariStore *
affari_pipeline_summary_get_store (AffariPipelineSummary *self)
{
  g_return_val_if_fail (AFFARI_IS_PIPELINE_SUMMARY (self), NULL);

  return self->store;
}

void
affari_pipeline_summary_set_store (AffariPipelineSummary *self,
                                   AffariStore           *store)
{
  g_return_if_fail (AFFARI_IS_PIPELINE_SUMMARY (self));
  g_return_if_fail (store == NULL || AFFARI_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect (store, "deal-changed", G_CALLBACK (on_store_deal_changed_cb), self);
      g_signal_connect (store, "stages-changed", G_CALLBACK (on_store_stages_changed_cb), self);
      /* A renamed pipeline changes the title. */
      g_signal_connect_swapped (store, "pipelines-changed", G_CALLBACK (queue_refresh), self);
      g_signal_connect (store, "reset", G_CALLBACK (on_store_reset_cb), self);
      queue_refresh (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
affari_pipeline_summary_get_pipeline_id (AffariPipelineSummary *self)
{
  g_return_val_if_fail (AFFARI_IS_PIPELINE_SUMMARY (self), 0);

  return self->pipeline_id;
}

void
affari_pipeline_summary_set_pipeline_id (AffariPipelineSummary *self,
                                         gint64                 pipeline_id)
{
  g_return_if_fail (AFFARI_IS_PIPELINE_SUMMARY (self));

  if (self->pipeline_id == pipeline_id)
    return;

  self->pipeline_id = pipeline_id;
  /* Immediately: a pipeline switch must not show the previous pipeline for a frame. */
  affari_pipeline_summary_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
}

void
affari_pipeline_summary_refresh (AffariPipelineSummary *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariPipeline) pipeline = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GArray) stage_totals = NULL;
  g_autoptr(GArray) open_totals = NULL;
  g_autofree char *open_money = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *base_currency = NULL;
  AffariDealQuery query = { 0 };
  const char *currency;
  guint n_deals = 0;

  g_return_if_fail (AFFARI_IS_PIPELINE_SUMMARY (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  clear_rows (self);

  if (self->store == NULL || self->pipeline_id == 0)
    {
      adw_status_page_set_title (self->status_page, NULL);
      adw_status_page_set_description (self->status_page, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->stage_list), FALSE);
      return;
    }

  pipeline = affari_store_get_pipeline (self->store, self->pipeline_id, &error);
  if (pipeline == NULL)
    {
      show_error (self, error);
      return;
    }

  stages = affari_store_list_stages (self->store, self->pipeline_id, &error);
  if (stages == NULL)
    {
      show_error (self, error);
      return;
    }

  query.pipeline_id = self->pipeline_id;
  stage_totals = affari_store_stage_totals (self->store, &query, &error);
  if (stage_totals == NULL)
    {
      show_error (self, error);
      return;
    }

  currency = affari_pipeline_get_currency (pipeline);
  if (currency == NULL || *currency == '\0')
    currency = base_currency = affari_store_dup_base_currency (self->store);

  open_totals = g_array_new (FALSE, TRUE, sizeof (MoneyTotal));

  for (guint i = 0; i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      g_autoptr(GArray) totals = g_array_new (FALSE, TRUE, sizeof (MoneyTotal));

      for (guint j = 0; j < stage_totals->len; j++)
        {
          AffariStageTotal *t = &g_array_index (stage_totals, AffariStageTotal, j);

          if (t->stage_id != affari_stage_get_id (stage))
            continue;

          add_total (totals, t->currency, t->count, t->sum);
          if (affari_stage_get_semantics (stage) == AFFARI_SEMANTICS_PROCESS)
            add_total (open_totals, t->currency, t->count, t->sum);
          n_deals += t->count;
        }

      gtk_list_box_append (self->stage_list, create_stage_row (stage, totals, currency));
    }

  open_money = format_money (open_totals, currency);
  count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", n_deals), n_deals);
  /* Translators: "120 deals, € 48.200 in progress" */
  description = g_markup_printf_escaped (_("%s, %s in progress"), count_text, open_money);

  adw_status_page_set_title (self->status_page, affari_pipeline_get_name (pipeline));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->stage_list), stages->len > 0);
}
