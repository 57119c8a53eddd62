/* test-settings.c — the rules behind Preferenze: stage order and protected stages, deleting a
 * stage or a pipeline with its deals reassigned (one transaction, with history), moving deals
 * between pipelines by semantics, card layouts and custom fields surviving a reload, lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/affari-i18n.h"
#include "store/affari-store.h"

typedef struct {
  char *dir;
  char *path;
  AffariStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("affari-test-settings-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "affari.db", NULL);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  affari_store_close (f->store);
  g_assert_finalize_object (f->store);
  f->store = affari_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  affari_store_close (f->store);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
stage_by_code (AffariStore *store, gint64 pipeline_id, const char *code)
{
  gint64 id = affari_store_find_stage_by_code (store, pipeline_id, code);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* The codes of the stages in order, as "NEW PREPARATION … LOSE APOLOGY". */
static char *
stage_codes (AffariStore *store, gint64 pipeline_id)
{
  g_autoptr(GPtrArray) stages = affari_store_list_stages (store, pipeline_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < stages->len; i++)
    {
      const char *code = affari_stage_get_code (g_ptr_array_index (stages, i));
      const char *colon = strchr (code, ':');

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", colon != NULL ? colon + 1 : code);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64 *
stage_ids (AffariStore *store, gint64 pipeline_id, guint *n)
{
  g_autoptr(GPtrArray) stages = affari_store_list_stages (store, pipeline_id, NULL);
  gint64 *ids = g_new0 (gint64, stages->len);

  for (guint i = 0; i < stages->len; i++)
    ids[i] = affari_stage_get_id (g_ptr_array_index (stages, i));
  *n = stages->len;
  return ids;
}

static gint64
new_deal (AffariStore *store, gint64 pipeline_id, const char *title)
{
  g_autoptr(AffariDeal) deal = affari_deal_new ();
  g_autoptr(GError) error = NULL;

  affari_deal_set_title (deal, title);
  affari_deal_set_pipeline_id (deal, pipeline_id);
  g_assert_true (affari_store_create_deal (store, deal, &error));
  g_assert_no_error (error);
  return affari_deal_get_id (deal);
}

static guint
count_events (AffariStore *store, gint64 deal_id, AffariEventType kind)
{
  g_autoptr(GPtrArray) events = affari_store_list_events (store, deal_id, NULL);
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    if (affari_event_get_kind (g_ptr_array_index (events, i)) == kind)
      n++;
  return n;
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

/* ------------------------------------------------------------ stages */

static void
test_stage_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  g_autofree gint64 *ids = NULL;
  g_autoptr(AffariStage) stage = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  gint64 talk, fail;
  guint n, stages_changed = 0;

  g_signal_connect_swapped (f->store, "stages-changed", G_CALLBACK (count_signal), &stages_changed);

  /* A new stage in progress goes after the last one in progress, before the won stage. */
  talk = affari_store_add_stage (f->store, pipeline, AFFARI_SEMANTICS_PROCESS, "Trattativa", "#47e4c2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (talk, >, 0);
  g_assert_cmpuint (stages_changed, ==, 1);
  stage = affari_store_get_stage (f->store, talk, NULL);
  g_assert_cmpstr (affari_stage_get_color (stage), ==, "#47E4C2");
  g_assert_true (g_str_has_prefix (affari_stage_get_code (stage), "UC_"));
  codes = stage_codes (f->store, pipeline);
  g_assert_true (g_str_has_suffix (codes, "FINAL_INVOICE UC_" ) || strstr (codes, "FINAL_INVOICE UC_") != NULL);
  g_assert_nonnull (strstr (codes, " WON LOSE APOLOGY"));
  g_clear_pointer (&codes, g_free);

  /* "Crea fase di fallimento": at the end. */
  fail = affari_store_add_stage (f->store, pipeline, AFFARI_SEMANTICS_FAILURE, "Budget esaurito", NULL, &error);
  g_assert_no_error (error);
  codes = stage_codes (f->store, pipeline);
  g_assert_true (g_str_has_suffix (codes, "WON LOSE APOLOGY UC_") || strstr (codes, "APOLOGY UC_") != NULL);
  g_clear_pointer (&codes, g_free);
  g_assert_cmpint (fail, >, talk);

  /* A second won stage does not exist. */
  g_assert_cmpint (affari_store_add_stage (f->store, pipeline, AFFARI_SEMANTICS_SUCCESS, "Vinto 2", NULL, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (affari_store_add_stage (f->store, pipeline, AFFARI_SEMANTICS_PROCESS, "  ", NULL, &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (affari_store_add_stage (f->store, pipeline, AFFARI_SEMANTICS_PROCESS, "Rosso", "red", &error), ==, 0);
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);

  /* Reordering inside the in-progress stages works (the new stage first). */
  ids = stage_ids (f->store, pipeline, &n);
  g_assert_cmpuint (n, ==, 10);
  {
    gint64 moved[10];
    guint k = 0;

    moved[k++] = talk;
    for (guint i = 0; i < n; i++)
      if (ids[i] != talk)
        moved[k++] = ids[i];
    g_assert_true (affari_store_reorder_stages (f->store, pipeline, moved, n, &error));
    g_assert_no_error (error);
    codes = stage_codes (f->store, pipeline);
    g_assert_true (g_str_has_prefix (codes, "UC_"));
    g_clear_pointer (&codes, g_free);

    /* An in-progress stage after the won stage breaks the rule: refused, nothing changes. */
    {
      gint64 bad[10];
      memcpy (bad, moved, sizeof bad);
      /* moved: UC NEW PREP PREPAY EXEC FINAL WON LOSE APOLOGY UC_F → swap FINAL and WON */
      bad[5] = moved[6];
      bad[6] = moved[5];
      g_assert_false (affari_store_reorder_stages (f->store, pipeline, bad, n, &error));
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
      g_clear_error (&error);
      /* A lost stage before the won stage: refused. */
      memcpy (bad, moved, sizeof bad);
      bad[6] = moved[7];
      bad[7] = moved[6];
      g_assert_false (affari_store_reorder_stages (f->store, pipeline, bad, n, &error));
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
      g_clear_error (&error);
      /* A stage missing: refused. */
      g_assert_false (affari_store_reorder_stages (f->store, pipeline, moved, n - 1, &error));
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      g_clear_error (&error);
    }
    codes = stage_codes (f->store, pipeline);
    g_assert_true (g_str_has_prefix (codes, "UC_"));
    g_assert_nonnull (strstr (codes, "FINAL_INVOICE WON LOSE APOLOGY UC_"));
  }

  /* Rename and recolour; the order survives a reload. */
  g_assert_true (affari_store_update_stage (f->store, talk, "Negoziazione", "#ffa900", &error));
  g_assert_no_error (error);
  reopen (f);
  g_clear_object (&stage);
  stage = affari_store_get_stage (f->store, talk, NULL);
  g_assert_cmpstr (affari_stage_get_name (stage), ==, "Negoziazione");
  g_assert_cmpstr (affari_stage_get_color (stage), ==, "#FFA900");
  g_clear_pointer (&codes, g_free);
  codes = stage_codes (f->store, pipeline);
  g_assert_true (g_str_has_prefix (codes, "UC_"));
}

static void
test_protected_stages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  gint64 won = stage_by_code (f->store, pipeline, "WON");
  gint64 lose = stage_by_code (f->store, pipeline, "LOSE");
  gint64 apology = stage_by_code (f->store, pipeline, "APOLOGY");
  const char *process[] = { "NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING" };

  g_assert_false (affari_store_can_delete_stage (f->store, won, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (affari_store_delete_stage (f->store, won, 0, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Two lost stages: one may go, the last one stays. */
  g_assert_true (affari_store_delete_stage (f->store, lose, 0, &error));
  g_assert_no_error (error);
  g_assert_false (affari_store_delete_stage (f->store, apology, 0, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (affari_store_find_stage (f->store, pipeline, AFFARI_SEMANTICS_FAILURE), ==, apology);

  /* In-progress stages may go down to one: new deals need a first stage. */
  for (guint i = 0; i < G_N_ELEMENTS (process); i++)
    {
      g_assert_true (affari_store_delete_stage (f->store, stage_by_code (f->store, pipeline, process[i]), 0, &error));
      g_assert_no_error (error);
    }
  g_assert_false (affari_store_delete_stage (f->store, stage_by_code (f->store, pipeline, "FINAL_INVOICE"), 0, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  {
    g_autofree char *codes = stage_codes (f->store, pipeline);
    g_assert_cmpstr (codes, ==, "FINAL_INVOICE WON APOLOGY");
  }
}

static void
test_delete_stage_with_deals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDeal) a = NULL;
  g_autoptr(AffariDeal) b = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  gint64 preparation = stage_by_code (f->store, pipeline, "PREPARATION");
  gint64 executing = stage_by_code (f->store, pipeline, "EXECUTING");
  gint64 lose = stage_by_code (f->store, pipeline, "LOSE");
  gint64 apology = stage_by_code (f->store, pipeline, "APOLOGY");
  gint64 id_a = new_deal (f->store, pipeline, "Fornitura uffici");
  gint64 id_b = new_deal (f->store, pipeline, "Consulenza");
  gint64 id_c = new_deal (f->store, pipeline, "Perso per prezzo");
  guint deal_changed = 0, stage_events_before;

  g_assert_true (affari_store_move_deal (f->store, id_a, preparation, 0, NULL, &error));
  g_assert_true (affari_store_move_deal (f->store, id_b, preparation, 0, NULL, &error));
  g_assert_true (affari_store_move_deal (f->store, id_c, apology, 0, "Troppo caro", &error));
  g_assert_no_error (error);
  /* A trashed deal still points at its stage: it moves too. */
  g_assert_true (affari_store_trash_deal (f->store, id_b, &error));
  g_assert_cmpuint (affari_store_count_stage_deals (f->store, preparation), ==, 2);

  /* Without a target: refused, nothing moved. */
  g_assert_false (affari_store_delete_stage (f->store, preparation, 0, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* A target of another pipeline: refused. */
  {
    gint64 other = affari_store_create_pipeline (f->store, "Rinnovi", &error);
    g_assert_no_error (error);
    g_assert_false (affari_store_delete_stage (f->store, preparation,
                                               affari_store_find_stage (f->store, other, AFFARI_SEMANTICS_PROCESS), &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
  g_assert_cmpuint (affari_store_count_stage_deals (f->store, preparation), ==, 2);

  stage_events_before = count_events (f->store, id_a, AFFARI_EVENT_STAGE);
  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_signal), &deal_changed);
  g_assert_true (affari_store_delete_stage (f->store, preparation, executing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deal_changed, ==, 1);    /* one transaction, one change set */

  a = affari_store_get_deal (f->store, id_a, &error);
  b = affari_store_get_deal (f->store, id_b, &error);
  g_assert_cmpint (affari_deal_get_stage_id (a), ==, executing);
  g_assert_cmpint (affari_deal_get_stage_id (b), ==, executing);
  g_assert_cmpuint (count_events (f->store, id_a, AFFARI_EVENT_STAGE), ==, stage_events_before + 1);
  g_assert_null (affari_store_get_stage (f->store, preparation, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A lost deal whose stage goes to the other lost stage stays lost. */
  g_assert_true (affari_store_delete_stage (f->store, apology, lose, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AffariDeal) c = affari_store_get_deal (f->store, id_c, &error);
    g_assert_cmpint (affari_deal_get_stage_id (c), ==, lose);
    g_assert_true (affari_deal_get_closed (c));
  }

  {
    g_autoptr(GPtrArray) problems = NULL;
    g_assert_true (affari_store_check (f->store, &problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* ------------------------------------------------------------ pipelines */

static void
test_move_by_semantics (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 general = affari_store_get_default_pipeline_id (f->store);
  gint64 renewals = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  gint64 won_deal = new_deal (f->store, general, "Vinto");
  gint64 open_deal = new_deal (f->store, general, "Aperto");
  gint64 lost_deal = new_deal (f->store, general, "Perso");
  g_autoptr(AffariDeal) won = NULL;
  g_autoptr(AffariDeal) open = NULL;
  g_autoptr(AffariDeal) lost = NULL;
  g_autofree char *won_code = NULL;
  g_autofree char *lost_code = NULL;
  gint64 first_p;

  g_assert_no_error (error);
  /* Renewals: its own stages, the lost one first of two. */
  first_p = affari_store_add_stage (f->store, renewals, AFFARI_SEMANTICS_PROCESS, "Contatto", NULL, &error);
  g_assert_no_error (error);
  {
    guint n;
    g_autofree gint64 *ids = stage_ids (f->store, renewals, &n);
    gint64 reordered[16];
    guint k = 0;

    reordered[k++] = first_p;
    for (guint i = 0; i < n; i++)
      if (ids[i] != first_p)
        reordered[k++] = ids[i];
    g_assert_true (affari_store_reorder_stages (f->store, renewals, reordered, n, &error));
    g_assert_no_error (error);
  }

  g_assert_true (affari_store_move_deal (f->store, won_deal, stage_by_code (f->store, general, "WON"), 0, NULL, &error));
  g_assert_true (affari_store_move_deal (f->store, open_deal, stage_by_code (f->store, general, "EXECUTING"), 0, NULL, &error));
  g_assert_true (affari_store_move_deal (f->store, lost_deal, stage_by_code (f->store, general, "APOLOGY"), 0, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (affari_store_move_deal_to_pipeline (f->store, won_deal, renewals, &error));
  g_assert_true (affari_store_move_deal_to_pipeline (f->store, open_deal, renewals, &error));
  g_assert_true (affari_store_move_deal_to_pipeline (f->store, lost_deal, renewals, &error));
  g_assert_no_error (error);

  won = affari_store_get_deal (f->store, won_deal, NULL);
  open = affari_store_get_deal (f->store, open_deal, NULL);
  lost = affari_store_get_deal (f->store, lost_deal, NULL);
  g_assert_cmpint (affari_deal_get_pipeline_id (won), ==, renewals);
  /* Stage codes carry the pipeline's id ("C3:" after the lead pipeline). */
  won_code = g_strdup_printf ("C%" G_GINT64_FORMAT ":WON", renewals);
  lost_code = g_strdup_printf ("C%" G_GINT64_FORMAT ":LOSE", renewals);
  g_assert_cmpint (affari_deal_get_stage_id (won), ==, affari_store_find_stage_by_code (f->store, renewals, won_code));
  g_assert_cmpint (affari_deal_get_stage_id (open), ==, first_p);   /* the first in progress, now "Contatto" */
  g_assert_cmpint (affari_deal_get_stage_id (lost), ==, affari_store_find_stage_by_code (f->store, renewals, lost_code));
  g_assert_true (affari_deal_get_closed (lost));
  g_assert_cmpuint (count_events (f->store, open_deal, AFFARI_EVENT_PIPELINE), ==, 1);
}

static void
test_pipelines (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  gint64 general = affari_store_get_default_pipeline_id (f->store);
  gint64 renewals, tenders, won_deal, open_deal, trashed_deal;
  guint pipelines_changed = 0;

  g_signal_connect_swapped (f->store, "pipelines-changed", G_CALLBACK (count_signal), &pipelines_changed);
  renewals = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  tenders = affari_store_create_pipeline (f->store, "Gare", &error);
  g_assert_no_error (error);
  g_assert_true (affari_store_rename_pipeline (f->store, tenders, "Gare d'appalto", &error));
  g_assert_no_error (error);
  g_assert_false (affari_store_rename_pipeline (f->store, tenders, " ", &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (pipelines_changed, ==, 3);

  /* Reorder: the default stays first, the others follow. */
  {
    gint64 order[] = { tenders, renewals, general };
    g_assert_true (affari_store_reorder_pipelines (f->store, order, 3, &error));
    g_assert_no_error (error);
    g_assert_false (affari_store_reorder_pipelines (f->store, order, 2, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    g_clear_error (&error);
  }
  pipelines = affari_store_list_pipelines (f->store, NULL);
  g_assert_cmpint (affari_pipeline_get_id (g_ptr_array_index (pipelines, 0)), ==, general);
  g_assert_cmpint (affari_pipeline_get_id (g_ptr_array_index (pipelines, 1)), ==, tenders);
  g_assert_cmpstr (affari_pipeline_get_name (g_ptr_array_index (pipelines, 1)), ==, "Gare d'appalto");
  g_assert_cmpint (affari_pipeline_get_id (g_ptr_array_index (pipelines, 2)), ==, renewals);

  /* The default pipeline cannot go. */
  g_assert_false (affari_store_delete_pipeline (f->store, general, renewals, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* An empty pipeline goes without a target. */
  g_assert_true (affari_store_delete_pipeline (f->store, tenders, 0, &error));
  g_assert_no_error (error);

  /* One with deals only with a target; the deals land by semantics, with history. */
  won_deal = new_deal (f->store, renewals, "Rinnovo vinto");
  open_deal = new_deal (f->store, renewals, "Rinnovo aperto");
  trashed_deal = new_deal (f->store, renewals, "Rinnovo cestinato");
  g_assert_true (affari_store_move_deal (f->store, won_deal, affari_store_find_stage (f->store, renewals, AFFARI_SEMANTICS_SUCCESS), 0, NULL, &error));
  g_assert_true (affari_store_trash_deal (f->store, trashed_deal, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (affari_store_count_pipeline_deals (f->store, renewals), ==, 3);
  g_assert_false (affari_store_delete_pipeline (f->store, renewals, 0, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  {
    g_autoptr(AffariPipeline) still = affari_store_get_pipeline (f->store, renewals, NULL);
    g_assert_nonnull (still);
  }

  g_assert_true (affari_store_delete_pipeline (f->store, renewals, general, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AffariDeal) won = affari_store_get_deal (f->store, won_deal, NULL);
    g_autoptr(AffariDeal) open = affari_store_get_deal (f->store, open_deal, NULL);
    g_autoptr(AffariDeal) trashed = affari_store_get_deal (f->store, trashed_deal, NULL);

    g_assert_cmpint (affari_deal_get_pipeline_id (won), ==, general);
    g_assert_cmpint (affari_deal_get_stage_id (won), ==, stage_by_code (f->store, general, "WON"));
    g_assert_cmpint (affari_deal_get_stage_id (open), ==, stage_by_code (f->store, general, "NEW"));
    g_assert_cmpint (affari_deal_get_pipeline_id (trashed), ==, general);
    g_assert_cmpuint (count_events (f->store, open_deal, AFFARI_EVENT_PIPELINE), ==, 1);
  }
  g_assert_null (affari_store_get_pipeline (f->store, renewals, &error));
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_assert_true (affari_store_check (f->store, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* ------------------------------------------------------------ card layout, custom fields */

static GPtrArray *
layout_of (AffariStore *store, gint64 pipeline)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *layout = affari_store_get_card_layout (store, pipeline, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

static AffariCardElement *
find_element (GPtrArray *layout, const char *field, guint *section_index, guint *element_index)
{
  for (guint i = 0; i < layout->len; i++)
    {
      AffariCardSection *section = g_ptr_array_index (layout, i);

      for (guint j = 0; j < section->elements->len; j++)
        if (g_str_equal (g_array_index (section->elements, AffariCardElement, j).field, field))
          {
            if (section_index)
              *section_index = i;
            if (element_index)
              *element_index = j;
            return &g_array_index (section->elements, AffariCardElement, j);
          }
    }
  return NULL;
}

static void
test_card_layout (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) layout = NULL;
  g_autoptr(GPtrArray) custom = NULL;
  gint64 general = affari_store_get_default_pipeline_id (f->store);
  gint64 renewals = affari_store_create_pipeline (f->store, "Rinnovi", &error);
  const char * const sectors[] = { "Industria", "Servizi", NULL };
  gint64 sector = affari_store_create_custom_field (f->store, AFFARI_FIELD_ENUMERATION, "SETTORE", "Settore",
                                                    FALSE, TRUE, sectors, &error);
  guint layout_changed = 0, si = 0, ei = 0;

  g_assert_no_error (error);
  g_signal_connect_swapped (f->store, "settings-changed::card-layout", G_CALLBACK (count_signal), &layout_changed);

  /* The default: three sections, every field visible, the custom field in the last. */
  layout = layout_of (f->store, renewals);
  g_assert_false (affari_store_has_card_layout (f->store, renewals));
  g_assert_cmpuint (layout->len, ==, 3);
  g_assert_cmpstr (((AffariCardSection *) g_ptr_array_index (layout, 0))->name, ==, "main");
  g_assert_nonnull (find_element (layout, "UF_CRM_SETTORE", &si, NULL));
  g_assert_cmpuint (si, ==, 2);
  g_assert_false (find_element (layout, "PROBABILITY", NULL, NULL)->hidden);

  /* Probability hidden, Settore first of the main section, a new section "Rinnovo" with the comment. */
  find_element (layout, "PROBABILITY", NULL, NULL)->hidden = TRUE;
  {
    AffariCardSection *main_section = g_ptr_array_index (layout, 0);
    AffariCardSection *user = g_ptr_array_index (layout, 2);
    AffariCardSection *extra = affari_card_section_new ("section_4", "Rinnovo");
    AffariCardElement moved = { g_strdup ("UF_CRM_SETTORE"), FALSE };
    guint comment_index = 0;

    g_array_remove_index (user->elements, 0);
    g_array_insert_val (main_section->elements, 0, moved);
    find_element (layout, "COMMENTS", &si, &comment_index);
    g_array_remove_index (((AffariCardSection *) g_ptr_array_index (layout, si))->elements, comment_index);
    affari_card_section_add (extra, "COMMENTS", FALSE);
    g_ptr_array_insert (layout, 0, extra);
  }
  g_assert_true (affari_store_set_card_layout (f->store, renewals, layout, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (layout_changed, ==, 1);

  /* A field twice, or an unknown one, is refused. */
  affari_card_section_add (g_ptr_array_index (layout, 0), "TITLE", FALSE);
  g_assert_false (affari_store_set_card_layout (f->store, renewals, layout, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&layout, g_ptr_array_unref);

  /* It survives a reload; the other pipeline keeps the default. */
  reopen (f);
  layout = layout_of (f->store, renewals);
  g_assert_true (affari_store_has_card_layout (f->store, renewals));
  g_assert_cmpuint (layout->len, ==, 4);
  g_assert_cmpstr (((AffariCardSection *) g_ptr_array_index (layout, 0))->title, ==, "Rinnovo");
  g_assert_true (find_element (layout, "PROBABILITY", NULL, NULL)->hidden);
  find_element (layout, "UF_CRM_SETTORE", &si, &ei);
  g_assert_cmpuint (si, ==, 1);
  g_assert_cmpuint (ei, ==, 0);
  find_element (layout, "COMMENTS", &si, NULL);
  g_assert_cmpuint (si, ==, 0);
  g_clear_pointer (&layout, g_ptr_array_unref);
  layout = layout_of (f->store, general);
  g_assert_false (find_element (layout, "PROBABILITY", NULL, NULL)->hidden);
  g_clear_pointer (&layout, g_ptr_array_unref);

  /* A field created later shows up in the stored layout; a deleted one leaves it. */
  {
    gint64 link = affari_store_create_custom_field (f->store, AFFARI_FIELD_URL, "SITO", "Sito", FALSE, FALSE, NULL, &error);
    g_assert_no_error (error);
    layout = layout_of (f->store, renewals);
    g_assert_nonnull (find_element (layout, "UF_CRM_SITO", NULL, NULL));
    g_clear_pointer (&layout, g_ptr_array_unref);
    g_assert_true (affari_store_delete_custom_field (f->store, sector, &error));
    g_assert_no_error (error);
    layout = layout_of (f->store, renewals);
    g_assert_null (find_element (layout, "UF_CRM_SETTORE", NULL, NULL));
    g_clear_pointer (&layout, g_ptr_array_unref);
    (void) link;
  }

  /* Reset: the default again. */
  g_assert_true (affari_store_reset_card_layout (f->store, renewals, &error));
  g_assert_no_error (error);
  layout = layout_of (f->store, renewals);
  g_assert_false (affari_store_has_card_layout (f->store, renewals));
  g_assert_cmpuint (layout->len, ==, 3);
  g_assert_false (find_element (layout, "PROBABILITY", NULL, NULL)->hidden);
  custom = affari_store_list_custom_fields (f->store, NULL);
  g_assert_cmpuint (custom->len, ==, 1);
}

static void
test_custom_fields_reload (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GHashTable) many = NULL;
  const char * const sectors[] = { "Industria", "Servizi", "Commercio", NULL };
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  gint64 deal = new_deal (f->store, pipeline, "Fornitura");
  gint64 other = new_deal (f->store, pipeline, "Manutenzione");
  gint64 sector, budget, when, vip;
  guint fields_changed = 0;
  AffariCustomField *field;

  g_signal_connect_swapped (f->store, "settings-changed::custom-fields", G_CALLBACK (count_signal), &fields_changed);
  sector = affari_store_create_custom_field (f->store, AFFARI_FIELD_ENUMERATION, "SETTORE", "Settore", FALSE, TRUE, sectors, &error);
  budget = affari_store_create_custom_field (f->store, AFFARI_FIELD_MONEY, "BUDGET", "Budget", FALSE, TRUE, NULL, &error);
  when = affari_store_create_custom_field (f->store, AFFARI_FIELD_DATE, "RINNOVO", "Rinnovo", FALSE, FALSE, NULL, &error);
  vip = affari_store_create_custom_field (f->store, AFFARI_FIELD_BOOLEAN, "VIP", "Cliente VIP", FALSE, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields_changed, ==, 4);

  fields = affari_store_list_custom_fields (f->store, NULL);
  field = g_ptr_array_index (fields, 0);
  {
    g_autofree char *item = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (field->items, AffariFieldItem, 1).id);
    g_assert_true (affari_store_set_deal_field_value (f->store, deal, sector, item, &error));
  }
  g_assert_true (affari_store_set_deal_field_value (f->store, deal, budget, "1500.50|EUR", &error));
  g_assert_true (affari_store_set_deal_field_value (f->store, deal, when, "2026-12-31", &error));
  g_assert_true (affari_store_set_deal_field_value (f->store, other, vip, "1", &error));
  g_assert_no_error (error);

  /* Label, flags and order edited; then everything survives closing and opening again. */
  g_assert_true (affari_store_update_custom_field (f->store, budget, "Budget annuo", TRUE, FALSE, &error));
  {
    gint64 order[] = { vip, sector, budget, when };
    g_assert_true (affari_store_reorder_custom_fields (f->store, order, 4, &error));
  }
  g_assert_no_error (error);
  g_clear_pointer (&fields, g_ptr_array_unref);
  reopen (f);

  fields = affari_store_list_custom_fields (f->store, NULL);
  g_assert_cmpuint (fields->len, ==, 4);
  g_assert_cmpint (((AffariCustomField *) g_ptr_array_index (fields, 0))->id, ==, vip);
  field = g_ptr_array_index (fields, 2);
  g_assert_cmpstr (field->label, ==, "Budget annuo");
  g_assert_true (field->mandatory);
  g_assert_false (field->show_in_list);
  values = affari_store_get_deal_field_values (f->store, deal, NULL);
  g_assert_cmpstr (g_hash_table_lookup (values, &budget), ==, "1500.50|EUR");
  g_assert_cmpstr (g_hash_table_lookup (values, &when), ==, "2026-12-31");

  /* Many deals at once, for list columns and exports. */
  {
    gint64 ids[] = { deal, other, 999 };
    GHashTable *of_other;
    many = affari_store_get_field_values_for_deals (f->store, ids, 3, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (many), ==, 2);
    of_other = g_hash_table_lookup (many, &other);
    g_assert_cmpstr (g_hash_table_lookup (of_other, &vip), ==, "1");
  }

  /* List items: renamed in place (the value follows), a removed one empties the deals holding it. */
  field = g_ptr_array_index (fields, 1);
  g_assert_cmpint (field->id, ==, sector);
  {
    AffariFieldItem items[] = {
      { g_array_index (field->items, AffariFieldItem, 2).id, (char *) "Commercio al dettaglio" },
      { g_array_index (field->items, AffariFieldItem, 0).id, (char *) "Industria" },
      { 0, (char *) "Pubblica amministrazione" },
    };
    g_autofree char *held = g_strdup (g_hash_table_lookup (values, &sector));
    guint events_before = 0;
    g_autoptr(GPtrArray) again = NULL;
    AffariCustomField *edited;

    g_assert_cmpint (g_ascii_strtoll (held, NULL, 10), ==, g_array_index (field->items, AffariFieldItem, 1).id);
    {
      g_autoptr(GPtrArray) events = affari_store_list_events (f->store, deal, NULL);
      events_before = events->len;
    }
    g_assert_true (affari_store_set_custom_field_items (f->store, sector, items, G_N_ELEMENTS (items), &error));
    g_assert_no_error (error);
    again = affari_store_list_custom_fields (f->store, NULL);
    edited = g_ptr_array_index (again, 1);
    g_assert_cmpuint (edited->items->len, ==, 3);
    g_assert_cmpstr (g_array_index (edited->items, AffariFieldItem, 0).value, ==, "Commercio al dettaglio");
    g_assert_cmpstr (g_array_index (edited->items, AffariFieldItem, 2).value, ==, "Pubblica amministrazione");
    g_clear_pointer (&values, g_hash_table_unref);
    values = affari_store_get_deal_field_values (f->store, deal, NULL);
    g_assert_null (g_hash_table_lookup (values, &sector));   /* "Servizi" is gone */
    {
      g_autoptr(GPtrArray) events = affari_store_list_events (f->store, deal, NULL);
      g_assert_cmpuint (events->len, ==, events_before + 1);
    }
    /* An empty list is refused. */
    g_assert_false (affari_store_set_custom_field_items (f->store, sector, items, 0, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* ------------------------------------------------------------ lists, currencies, products, team */

static void
test_lists (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) currencies = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(AffariProduct) product = NULL;
  g_autofree char *code = NULL;
  g_autofree char *base = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  gint64 deal;
  guint types_changed = 0;

  g_signal_connect_swapped (f->store, "settings-changed::deal-types", G_CALLBACK (count_signal), &types_changed);

  /* The reference's types, translated; a new one gets a code from its name. */
  types = affari_store_list_deal_types (f->store, NULL);
  g_assert_cmpstr (g_ptr_array_index (types, 0), ==, "SALE");
  g_assert_cmpstr (g_ptr_array_index (types, 1), ==, _("Sale"));
  g_clear_pointer (&types, g_ptr_array_unref);
  code = affari_store_add_list_item (f->store, AFFARI_LIST_DEAL_TYPES, "Manutenzione è ordinaria", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "MANUTENZIONE_E_ORDINARIA");
  g_assert_cmpuint (types_changed, ==, 1);
  g_assert_true (affari_store_rename_list_item (f->store, AFFARI_LIST_DEAL_TYPES, code, "Manutenzione", &error));
  {
    const char *order[] = { code, "SALE", "COMPLEX", "GOODS", "SERVICE" };
    g_assert_true (affari_store_reorder_list (f->store, AFFARI_LIST_DEAL_TYPES, order, 5, &error));
  }
  types = affari_store_list_deal_types (f->store, NULL);
  g_assert_cmpstr (g_ptr_array_index (types, 0), ==, code);
  g_assert_cmpstr (g_ptr_array_index (types, 1), ==, "Manutenzione");

  /* In use: it stays. */
  {
    g_autoptr(AffariDeal) d = affari_deal_new ();
    affari_deal_set_title (d, "Manutenzione caldaie");
    affari_deal_set_type_id (d, code);
    g_assert_true (affari_store_create_deal (f->store, d, &error));
    deal = affari_deal_get_id (d);
  }
  g_assert_false (affari_store_delete_list_item (f->store, AFFARI_LIST_DEAL_TYPES, code, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (affari_store_delete_list_item (f->store, AFFARI_LIST_SOURCES, "OTHER", &error));
  g_assert_no_error (error);

  /* Currencies: add, make main, the main one cannot be removed, a used one neither. */
  g_assert_true (affari_store_add_currency (f->store, "jpy", "Yen", &error));
  g_assert_no_error (error);
  g_assert_false (affari_store_add_currency (f->store, "JPY", "Yen", &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (affari_store_remove_currency (f->store, "EUR", &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (affari_store_set_base_currency (f->store, "CHF", &error));
  g_assert_no_error (error);
  base = affari_store_dup_base_currency (f->store);
  g_assert_cmpstr (base, ==, "CHF");
  currencies = affari_store_list_currencies (f->store, NULL);
  g_assert_cmpstr (((AffariCurrencyInfo *) g_ptr_array_index (currencies, 0))->code, ==, "CHF");
  g_assert_true (((AffariCurrencyInfo *) g_ptr_array_index (currencies, 0))->is_base);
  g_assert_false (affari_store_remove_currency (f->store, "EUR", &error));   /* deals and pipelines use it */
  g_clear_error (&error);
  g_assert_true (affari_store_remove_currency (f->store, "JPY", &error));
  g_assert_no_error (error);

  /* Products: edit in place, delete leaves the catalogue. */
  product = affari_product_new ("Caldaia", 120000, "EUR");
  g_assert_cmpint (affari_store_create_product (f->store, product, &error), >, 0);
  g_object_set (product, "name", "Caldaia a condensazione", "unit", "pz", "price", (gint64) 135000, "vat-rate", 1000, NULL);
  g_assert_true (affari_store_update_product (f->store, product, &error));
  g_assert_no_error (error);
  products = affari_store_list_products (f->store, NULL);
  g_assert_cmpuint (products->len, ==, 1);
  g_assert_cmpstr (affari_product_get_name (g_ptr_array_index (products, 0)), ==, "Caldaia a condensazione");
  g_assert_cmpint (affari_product_get_price (g_ptr_array_index (products, 0)), ==, 135000);
  g_assert_cmpint (affari_product_get_vat_rate (g_ptr_array_index (products, 0)), ==, 1000);
  g_clear_pointer (&products, g_ptr_array_unref);
  g_object_set (product, "vat-rate", 20000, NULL);
  g_assert_false (affari_store_update_product (f->store, product, &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (affari_store_delete_product (f->store, affari_product_get_id (product), &error));
  products = affari_store_list_products (f->store, NULL);
  g_assert_cmpuint (products->len, ==, 0);

  /* Team: rename, and "I" cannot leave the team. */
  {
    gint64 me = affari_store_get_current_user (f->store);
    gint64 mario = affari_store_add_team_member (f->store, "Mario Rossi", NULL, &error);

    g_assert_true (affari_store_update_team_member (f->store, mario, "Mario Rossi", "mario@example.com", FALSE, &error));
    g_assert_no_error (error);
    g_assert_false (affari_store_update_team_member (f->store, me, "Io", NULL, FALSE, &error));
    g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_CONSTRAINT);
    g_clear_error (&error);
    team = affari_store_list_team (f->store, NULL);
    for (guint i = 0; i < team->len; i++)
      if (affari_team_member_get_id (g_ptr_array_index (team, i)) == mario)
        {
          g_assert_false (affari_team_member_get_active (g_ptr_array_index (team, i)));
          g_assert_cmpstr (affari_team_member_get_email (g_ptr_array_index (team, i)), ==, "mario@example.com");
        }
  }
  (void) deal;
  (void) pipeline;
}


/* ------------------------------------------------------------ currency rates, team e-mail */

static const char *
rate_of (AffariStore *store, const char *code)
{
  static char rate[32];
  g_autoptr(GPtrArray) currencies = affari_store_list_currencies (store, NULL);

  rate[0] = '\0';
  for (guint i = 0; i < currencies->len; i++)
    {
      AffariCurrencyInfo *info = g_ptr_array_index (currencies, i);
      if (g_str_equal (info->code, code))
        g_strlcpy (rate, info->rate, sizeof rate);
    }
  return rate;
}

/* A rate is typed as people write it, kept with four decimals, refused when it is not one, and
 * restated when the main currency changes; totals still never add two currencies. */
static void
test_currency_rates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  gint64 stage = stage_by_code (f->store, pipeline, "NEW");
  const char *currencies[] = { "EUR", "USD", "USD" };
  const gint64 amounts[] = { 100000, 200000, 50000 };
  gint64 eur_sum = 0, usd_sum = 0;

  g_assert_cmpstr (rate_of (f->store, "EUR"), ==, "1.0000");
  if (g_str_equal (rate_of (f->store, "USD"), ""))
    g_assert_true (affari_store_add_currency (f->store, "USD", "Dollaro USA", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rate_of (f->store, "USD"), ==, "1.0000");   /* a new currency starts at 1 */

  g_assert_true (affari_store_set_currency_rate (f->store, "USD", "0,92", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rate_of (f->store, "USD"), ==, "0.9200");
  g_assert_true (affari_store_set_currency_rate (f->store, "USD", "1.0850", &error));
  g_assert_cmpstr (rate_of (f->store, "USD"), ==, "1.0850");
  g_assert_true (affari_store_set_currency_rate (f->store, "USD", " 0,9 ", &error));
  g_assert_cmpstr (rate_of (f->store, "USD"), ==, "0.9000");

  /* refused, and the stored rate stays */
  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "", "zero", "0", "-1,5", "0,123456" };
      g_assert_false (affari_store_set_currency_rate (f->store, "USD", bad[i], &error));
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (affari_store_set_currency_rate (f->store, "EUR", "2", &error));   /* the main one is 1 */
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (affari_store_set_currency_rate (f->store, "XYZ", "2", &error));
  g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (rate_of (f->store, "USD"), ==, "0.9000");

  /* kept across a reopening */
  reopen (f);
  g_assert_cmpstr (rate_of (f->store, "USD"), ==, "0.9000");

  /* deals in two currencies: the totals stay one per currency, whatever the rate */
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autoptr(AffariDeal) deal = affari_deal_new ();

      affari_deal_set_title (deal, "Fornitura");
      affari_deal_set_stage_id (deal, stage);
      affari_deal_set_currency (deal, currencies[i]);
      affari_deal_set_amount (deal, amounts[i]);
      g_assert_true (affari_store_create_deal (f->store, deal, &error));
      g_assert_no_error (error);
      if (g_str_equal (currencies[i], "EUR"))
        eur_sum += amounts[i];
      else
        usd_sum += amounts[i];
    }
  {
    g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
    guint seen = 0;

    q->pipeline_id = pipeline;
    totals = affari_store_stage_totals (f->store, q, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < totals->len; i++)
      {
        AffariStageTotal *t = &g_array_index (totals, AffariStageTotal, i);
        if (t->stage_id != stage)
          continue;
        seen++;
        g_assert_cmpint (t->sum, ==, g_str_equal (t->currency, "EUR") ? eur_sum : usd_sum);
      }
    g_assert_cmpuint (seen, ==, 2);
  }

  /* USD becomes the main currency: the others are restated against it */
  g_assert_true (affari_store_set_base_currency (f->store, "USD", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rate_of (f->store, "USD"), ==, "1.0000");
  g_assert_cmpstr (rate_of (f->store, "EUR"), ==, "1.1111");    /* 1 / 0,9 */
}

static void
test_team_email (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 giulia = affari_store_add_team_member (f->store, "Giulia Bianchi", NULL, &error);
  g_autoptr(AffariTeamMember) member = NULL;

  g_assert_no_error (error);
  g_assert_true (affari_store_update_team_member (f->store, giulia, "Giulia Verdi", "giulia.verdi@esempio.it", TRUE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "giulia", "giulia@", "@esempio.it", "giulia verdi@esempio.it" };
      g_assert_false (affari_store_update_team_member (f->store, giulia, "Giulia Verdi", bad[i], TRUE, &error));
      g_assert_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID);
      g_clear_error (&error);
    }
  reopen (f);
  member = affari_store_get_team_member (f->store, giulia, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (affari_team_member_get_name (member), ==, "Giulia Verdi");
  g_assert_cmpstr (affari_team_member_get_email (member), ==, "giulia.verdi@esempio.it");
  /* emptied: no e-mail */
  g_assert_true (affari_store_update_team_member (f->store, giulia, "Giulia Verdi", "  ", TRUE, &error));
  g_clear_object (&member);
  member = affari_store_get_team_member (f->store, giulia, &error);
  g_assert_null (affari_team_member_get_email (member));
}

/* Signals come after the commit, never for a refused change. */
static void
test_signals_after_commit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 pipeline = affari_store_get_default_pipeline_id (f->store);
  guint stages_changed = 0;

  g_signal_connect_swapped (f->store, "stages-changed", G_CALLBACK (count_signal), &stages_changed);
  g_assert_false (affari_store_delete_stage (f->store, stage_by_code (f->store, pipeline, "WON"), 0, &error));
  g_clear_error (&error);
  g_assert_cmpuint (stages_changed, ==, 0);
  g_assert_true (affari_store_begin_batch (f->store, &error));
  g_assert_cmpint (affari_store_add_stage (f->store, pipeline, AFFARI_SEMANTICS_PROCESS, "Demo", NULL, &error), >, 0);
  g_assert_cmpuint (stages_changed, ==, 0);
  g_assert_false (affari_store_end_batch (f->store, FALSE, NULL));
  g_assert_cmpuint (stages_changed, ==, 0);
  {
    g_autofree char *codes = stage_codes (f->store, pipeline);
    g_assert_null (strstr (codes, "UC_"));
  }
}

int
main (int argc, char *argv[])
{
  affari_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/settings/stage-order", Fixture, NULL, fixture_set_up, test_stage_order, fixture_tear_down);
  g_test_add ("/settings/protected-stages", Fixture, NULL, fixture_set_up, test_protected_stages, fixture_tear_down);
  g_test_add ("/settings/delete-stage-with-deals", Fixture, NULL, fixture_set_up, test_delete_stage_with_deals, fixture_tear_down);
  g_test_add ("/settings/move-by-semantics", Fixture, NULL, fixture_set_up, test_move_by_semantics, fixture_tear_down);
  g_test_add ("/settings/pipelines", Fixture, NULL, fixture_set_up, test_pipelines, fixture_tear_down);
  g_test_add ("/settings/card-layout", Fixture, NULL, fixture_set_up, test_card_layout, fixture_tear_down);
  g_test_add ("/settings/custom-fields-reload", Fixture, NULL, fixture_set_up, test_custom_fields_reload, fixture_tear_down);
  g_test_add ("/settings/lists", Fixture, NULL, fixture_set_up, test_lists, fixture_tear_down);
  g_test_add ("/settings/currency-rates", Fixture, NULL, fixture_set_up, test_currency_rates, fixture_tear_down);
  g_test_add ("/settings/team-email", Fixture, NULL, fixture_set_up, test_team_email, fixture_tear_down);
  g_test_add ("/settings/signals-after-commit", Fixture, NULL, fixture_set_up, test_signals_after_commit, fixture_tear_down);

  return g_test_run ();
}
