/* affari-activities-view.c
 *
 * Six columns, one per period of AffariActivityPeriod. The store buckets the deals and totals
 * them in SQL (affari_store_activity_buckets); each column shows its ids through a lazy
 * AffariDealIdList in a GtkListView of the Kanban's card widget, so a column of thousands of
 * deals creates only the cards on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-activities"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "model/affari-deal-id-list.h"
#include "model/affari-money.h"

#include "ui/activities/affari-activities-view.h"
#include "ui/common/affari-ui.h"
#include "ui/board/affari-kanban-card.h"

/* Time moves deals from "Oggi" to "Scadute" (and everything at midnight) without any write: one
 * timeout waits for the next such moment. GLib's timeouts stand still while the computer
 * sleeps, so none waits longer than this. */
#define CLOCK_MAX_SECONDS 3600
#define PLAN_SUGGESTIONS 6
/* Near an edge while dragging, the board (horizontally) or a column (vertically) scrolls, faster
 * the closer the pointer is, as on the Kanban board. */
#define AUTOSCROLL_EDGE 56
#define AUTOSCROLL_MAX_STEP 24.0

typedef struct _AffariActivitiesView AffariActivitiesView;

typedef struct {
  AffariActivitiesView *view;
  AffariActivityPeriod  period;
  GtkWidget            *widget;
  GtkLabel             *summary_label;
  GtkListView          *list_view;
  GtkScrolledWindow    *scroller;
  GtkWidget            *overlay;
  GtkWidget            *drop_line;
  GtkWidget            *empty_label;
  GtkDropTarget        *drop_target;
  AffariDealIdList     *deals;
  GtkMultiSelection    *selection;
  GArray               *deadlines;   /* gint64, the next deadline of each row */
  char                 *summary;
  guint                 count;
} Column;

struct _AffariActivitiesView
{
  GtkWidget         parent_instance;

  AffariStore      *store;
  gint64            pipeline_id;
  AffariDealQuery  *filter;
  GMenu            *card_menu;
  Column            columns[AFFARI_N_ACTIVITY_PERIODS];

  guint             refresh_source;
  guint             clock_source;
  gboolean          dirty;

  /* the last reschedule, for "Annulla": AffariActivityMove */

  /* while cards of this view are dragged */
  GArray           *dragged_ids;     /* gint64 */
  gint64            drag_deadline;   /* the next deadline of the card under the pointer */
  double            hscroll_speed;
  double            vscroll_speed;
  Column           *vscroll_column;
  guint             autoscroll_tick;

  /* the card that gets the focus once its column shows it (keyboard moves) */
  gint64            focus_deal_id;
  guint             focus_tick;
  guint             focus_frames;

  /* template */
  GtkScrolledWindow *scroller;
  GtkBox            *columns_box;
  guint             n_changes;        /* change sets seen: whether a drop was taken */
};

static void     on_card_drag_begin_cb  (GtkDragSource        *source,
                                        GdkDrag              *drag,
                                        AffariActivitiesView *self);
static void     on_card_drag_end_cb    (GtkDragSource        *source,
                                        GdkDrag              *drag,
                                        gboolean              delete_data,
                                        AffariActivitiesView *self);
static gboolean on_card_drag_cancel_cb (GtkDragSource        *source,
                                        GdkDrag              *drag,
                                        GdkDragCancelReason   reason,
                                        AffariActivitiesView *self);

static void     arm_clock              (AffariActivitiesView *self);
static gboolean on_clock_cb            (gpointer              user_data);

static void     card_host_iface_init   (AffariCardHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AffariActivitiesView, affari_activities_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (AFFARI_TYPE_CARD_HOST, card_host_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ auxiliary */

static gint64
round_to_units (gint64 minor)
{
  return (minor >= 0 ? minor + 50 : minor - 50) / 100 * 100;
}

static void
add_toast (AffariActivitiesView *self,
           AdwToast             *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_message (AffariActivitiesView *self,
              const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static AffariDealQuery *
current_query (AffariActivitiesView *self)
{
  AffariDealQuery *query = affari_deal_query_new ();

  if (self->filter != NULL)
    affari_deal_query_merge_filter (query, self->filter);
  query->pipeline_id = self->pipeline_id;
  return query;
}

static void
update_summary (Column                     *column,
                const AffariActivityBucket *bucket,
                gboolean                    filtered)
{
  g_autofree char *money = NULL;
  const char *currency = "EUR";
  gint64 sum = 0;
  gboolean others = FALSE;

  /* The currency most deals use is the one added up; others are only mentioned. */
  if (bucket->totals->len > 0)
    currency = g_array_index (bucket->totals, AffariStageTotal, 0).currency;
  for (guint i = 0; i < bucket->totals->len; i++)
    {
      AffariStageTotal *t = &g_array_index (bucket->totals, AffariStageTotal, i);

      if (g_strcmp0 (t->currency, currency) == 0)
        sum += t->sum;
      else
        others = TRUE;
    }

  column->count = bucket->count;
  gtk_widget_set_visible (column->empty_label, bucket->count == 0);
  money = affari_money_format_short (round_to_units (sum), currency);
  g_free (column->summary);
  if (filtered)
    column->summary = g_strdup_printf (_("%u · %s (filtered)"), bucket->count, money);
  else
    column->summary = g_strdup_printf (_("%u · %s"), bucket->count, money);
  if (others)
    {
      char *with = g_strconcat (column->summary, " + …", NULL);

      g_free (column->summary);
      column->summary = with;
    }
  gtk_label_set_text (column->summary_label, column->summary);
}

static void
refresh_now (AffariActivitiesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) query = NULL;

  /* Hidden (another view is shown, or start-up): read when shown, not now. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  AffariActivityBucket buckets[AFFARI_N_ACTIVITY_PERIODS];
  gboolean filtered;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;

  query = current_query (self);
  filtered = affari_deal_query_has_filter (query);
  if (!affari_store_activity_buckets (self->store, query, buckets, &error))
    {
      g_warning ("Cannot read the activities: %s", error->message);
      for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
        affari_activity_bucket_clear (&buckets[i]);
      return;
    }

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      affari_deal_id_list_set_ids (self->columns[i].deals, buckets[i].ids);
      g_clear_pointer (&self->columns[i].deadlines, g_array_unref);
      self->columns[i].deadlines = g_array_ref (buckets[i].deadlines);
      update_summary (&self->columns[i], &buckets[i], filtered);
      affari_activity_bucket_clear (&buckets[i]);
    }
  arm_clock (self);
}

/* The next moment a card changes column by itself: the first deadline of "Oggi" passing, or
 * midnight. */
static void
arm_clock (AffariActivitiesView *self)
{
  Column *today = &self->columns[AFFARI_ACTIVITY_PERIOD_TODAY];
  AffariPeriodBounds bounds;
  gint64 now, next;

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  now = affari_store_now (self->store);
  affari_period_bounds_compute (&bounds, now, NULL);
  next = bounds.tomorrow_start;
  if (today->deadlines != NULL && today->deadlines->len > 0)
    next = MIN (next, g_array_index (today->deadlines, gint64, 0) + 1);
  self->clock_source = g_timeout_add_seconds ((guint) CLAMP (next - now, 1, CLOCK_MAX_SECONDS), on_clock_cb, self);
  g_source_set_name_by_id (self->clock_source, "[affari] activities clock");
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  AffariActivitiesView *self = user_data;

  self->refresh_source = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (a drop writes the activity and the deal): one read per burst, and
 * none while the view is hidden. */
static void
queue_refresh (AffariActivitiesView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refresh_idle_cb, self, NULL);
}

static Column *
find_column (AffariActivitiesView *self,
             AffariActivityPeriod  period)
{
  g_return_val_if_fail ((guint) period < AFFARI_N_ACTIVITY_PERIODS, NULL);

  return &self->columns[period];
}

/* ------------------------------------------------------------ cards and rows */

static AffariKanbanCard *
row_card (GtkWidget *row)
{
  GtkWidget *child = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return AFFARI_IS_KANBAN_CARD (child) ? AFFARI_KANBAN_CARD (child) : NULL;
}

static guint
row_position (GtkWidget *row)
{
  AffariKanbanCard *card = row_card (row);
  GtkListItem *item = card != NULL ? affari_kanban_card_get_list_item (card) : NULL;

  return item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
}

/* The visible row of @column showing @position, or NULL (rows are recycled). */
static GtkWidget *
find_row (Column *column,
          guint   position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_card (child) != NULL && gtk_widget_get_child_visible (child) && row_position (child) == position)
      return child;
  return NULL;
}

static guint
find_position (Column *column,
               gint64  deal_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->deals));

  for (guint i = 0; i < n; i++)
    if (affari_deal_id_list_get_id_at (column->deals, i) == deal_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The column whose list holds @widget, and the row under it. */
static Column *
column_of_widget (AffariActivitiesView  *self,
                  GtkWidget             *widget,
                  GtkWidget            **out_row)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      for (guint i = 0; parent != NULL && i < AFFARI_N_ACTIVITY_PERIODS; i++)
        if (parent == GTK_WIDGET (self->columns[i].list_view) && row_card (widget) != NULL)
          {
            if (out_row != NULL)
              *out_row = widget;
            return &self->columns[i];
          }
    }
  return NULL;
}

static gboolean
is_dragged (AffariActivitiesView *self,
            gint64                deal_id)
{
  for (guint i = 0; self->dragged_ids != NULL && i < self->dragged_ids->len; i++)
    if (g_array_index (self->dragged_ids, gint64, i) == deal_id)
      return TRUE;
  return FALSE;
}

static gboolean
is_selected (AffariActivitiesView *self,
             gint64                deal_id)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position;

      if (column->selection == NULL)
        continue;
      position = find_position (column, deal_id);
      if (position != GTK_INVALID_LIST_POSITION &&
          gtk_selection_model_is_selected (GTK_SELECTION_MODEL (column->selection), position))
        return TRUE;
    }
  return FALSE;
}

/* The ids of the selected cards of every column, in column order. */
static GArray *
selected_ids (AffariActivitiesView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      g_autoptr(GtkBitset) set = NULL;
      GtkBitsetIter iter;
      guint position;

      if (column->selection == NULL)
        continue;
      set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (column->selection));
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok; ok = gtk_bitset_iter_next (&iter, &position))
        {
          gint64 id = affari_deal_id_list_get_id_at (column->deals, position);

          if (id != 0)
            g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
unselect_all (AffariActivitiesView *self,
              Column               *except)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    if (&self->columns[c] != except && self->columns[c].selection != NULL)
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->columns[c].selection));
}

/* The deals a drag or a menu of @deal_id acts on: the selection when the card is part of it. */
static GArray *
ids_acted_on (AffariActivitiesView *self,
              gint64                deal_id)
{
  GArray *ids;

  if (is_selected (self, deal_id))
    return selected_ids (self);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, deal_id);
  return ids;
}

static void
update_dragging_cards (AffariActivitiesView *self)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      if (self->columns[c].list_view == NULL)
        continue;
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->columns[c].list_view));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          AffariKanbanCard *card = row_card (child);
          AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;

          if (card != NULL)
            affari_kanban_card_set_dragging (card, deal != NULL && is_dragged (self, affari_deal_get_id (deal)));
        }
    }
}

/* ------------------------------------------------------------ drop feedback and autoscroll */

/* Where a card due at @deadline lands among the rows (sorted by deadline): the first row due
 * later. */
static guint
landing_index (Column *column,
               gint64  deadline)
{
  guint n = column->deadlines != NULL ? column->deadlines->len : 0;
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (column->deadlines, gint64, mid) <= deadline)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
hide_drop_line (Column *column)
{
  if (column->drop_line != NULL)
    gtk_widget_set_visible (column->drop_line, FALSE);
}

/* A line between the two cards where the dragged one will be, once moved into the column. */
static void
show_drop_line (AffariActivitiesView *self,
                Column               *column)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = NULL;
  graphene_rect_t bounds;
  gint64 deadline;
  guint index;
  double y = -1;

  if (self->drag_deadline == 0 ||
      !affari_activity_period_reschedule (affari_store_now (self->store), NULL, self->drag_deadline,
                                          column->period, &deadline, &error))
    {
      /* Refused here ("Senza attività", "Scadute"): no place to show. */
      hide_drop_line (column);
      return;
    }

  index = landing_index (column, deadline);
  if ((row = find_row (column, index)) != NULL &&
      gtk_widget_compute_bounds (row, column->overlay, &bounds))
    y = bounds.origin.y;
  else if (index > 0 && (row = find_row (column, index - 1)) != NULL &&
           gtk_widget_compute_bounds (row, column->overlay, &bounds))
    y = bounds.origin.y + bounds.size.height;
  else
    {
      /* The place is scrolled out of sight: the line sits at the edge it is beyond. */
      guint first_shown = G_MAXUINT;

      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column->list_view));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (row_card (child) != NULL && gtk_widget_get_child_visible (child))
          first_shown = MIN (first_shown, row_position (child));
      y = index <= first_shown ? 0 : gtk_widget_get_height (column->overlay);
    }
  y = CLAMP (y - 2, 0, MAX (0, gtk_widget_get_height (column->overlay) - 4));
  gtk_widget_set_margin_top (column->drop_line, (int) y);
  gtk_widget_set_visible (column->drop_line, TRUE);
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);
  gboolean moved = FALSE;

  if (self->hscroll_speed == 0 && (self->vscroll_speed == 0 || self->vscroll_column == NULL))
    {
      self->autoscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->hscroll_speed != 0)
    moved |= affari_ui_adjustment_step (gtk_scrolled_window_get_hadjustment (self->scroller), self->hscroll_speed);
  if (self->vscroll_speed != 0 && self->vscroll_column != NULL &&
      affari_ui_adjustment_step (gtk_scrolled_window_get_vadjustment (self->vscroll_column->scroller), self->vscroll_speed))
    {
      moved = TRUE;
      if (gtk_widget_get_visible (self->vscroll_column->drop_line))
        show_drop_line (self, self->vscroll_column);
    }
  if (!moved)
    {
      /* at the ends already: nothing to repaint until the pointer moves (motion starts again) */
      self->autoscroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static double
edge_speed (double position,
            double length)
{
  double speed = 0;

  if (position < AUTOSCROLL_EDGE)
    speed = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - MAX (position, 0)) / AUTOSCROLL_EDGE;
  else if (position > length - AUTOSCROLL_EDGE)
    speed = AUTOSCROLL_MAX_STEP * (MIN (position, length) - (length - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;
  return CLAMP (speed, -AUTOSCROLL_MAX_STEP, AUTOSCROLL_MAX_STEP);
}

static void
ensure_autoscroll (AffariActivitiesView *self)
{
  if ((self->hscroll_speed != 0 || self->vscroll_speed != 0) && self->autoscroll_tick == 0)
    self->autoscroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick_cb, NULL, NULL);
}

static void
stop_autoscroll (AffariActivitiesView *self)
{
  if (self->autoscroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_tick);
  self->autoscroll_tick = 0;
  self->hscroll_speed = 0;
  self->vscroll_speed = 0;
  self->vscroll_column = NULL;
}

static void
end_drag_feedback (AffariActivitiesView *self)
{
  stop_autoscroll (self);
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      hide_drop_line (&self->columns[c]);
      if (self->columns[c].widget != NULL)
        {
          gtk_widget_remove_css_class (self->columns[c].widget, "drop-target");
          gtk_widget_remove_css_class (self->columns[c].widget, "drop-refused");
        }
    }
}

/* ------------------------------------------------------------ keyboard focus */

static gboolean
focus_now (AffariActivitiesView *self)
{
  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position;
      GtkWidget *row;

      if (column->deals == NULL)
        continue;
      position = find_position (column, self->focus_deal_id);
      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      gtk_widget_activate_action (GTK_WIDGET (column->list_view), "list.scroll-to-item", "u", position);
      row = find_row (column, position);
      return row != NULL && gtk_widget_grab_focus (row);
    }
  return FALSE;
}

static gboolean
on_focus_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  /* The row exists once the list has laid out the scrolled position (a few frames at most). */
  if (self->focus_deal_id == 0 || focus_now (self) || ++self->focus_frames > 30)
    {
      self->focus_deal_id = 0;
      self->focus_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
focus_deal_later (AffariActivitiesView *self,
                  gint64                deal_id)
{
  self->focus_deal_id = deal_id;
  self->focus_frames = 0;
  if (focus_now (self))
    {
      self->focus_deal_id = 0;
      return;
    }
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_focus_tick_cb, NULL, NULL);
}

static char *
format_deadline (gint64 deadline)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (deadline);

  return g_date_time_format (dt, "%d/%m/%Y %H:%M");
}

/* ------------------------------------------------------------ plan dialog */

typedef struct {
  AffariActivitiesView *view;
  AffariActivityPeriod  period;
  gint64                deadline;
  GtkSearchEntry       *search;
  GtkListBox           *deals;
  GtkDropDown          *kind;
  GtkEntry             *subject;
} PlanDialog;

static void
plan_dialog_free (gpointer data)
{
  PlanDialog *plan = data;

  g_object_unref (plan->view);
  g_free (plan);
}

static void
plan_dialog_validate (AdwMessageDialog *dialog)
{
  PlanDialog *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autofree char *subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (plan->subject))));

  adw_message_dialog_set_response_enabled (dialog, "plan",
                                           gtk_list_box_get_selected_row (plan->deals) != NULL && subject[0] != '\0');
}

static void
plan_dialog_fill (PlanDialog *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(AffariDealQuery) query = current_query (plan->view);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (plan->search));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (plan->deals))) != NULL)
    gtk_list_box_remove (plan->deals, child);

  query->closed = AFFARI_CLOSED_OPEN_ONLY;
  if (text != NULL && *text != '\0')
    affari_deal_query_set_text (query, text);
  else
    /* Nothing typed: the deals that need an activity most, those without one. */
    query->activity = AFFARI_ACTIVITY_FILTER_NONE_PLANNED;
  query->sort = AFFARI_DEAL_SORT_DATE_MODIFY;
  query->descending = TRUE;
  deals = affari_store_query_deals (plan->view->store, query, 0, PLAN_SUGGESTIONS, &error);
  if (deals == NULL)
    {
      g_warning ("Cannot search deals: %s", error->message);
      return;
    }
  for (guint i = 0; i < deals->len; i++)
    {
      AffariDeal *deal = g_ptr_array_index (deals, i);
      GtkWidget *row = adw_action_row_new ();
      const char *client = affari_deal_get_client_name (deal);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), affari_deal_get_title (deal));
      if (client != NULL && *client != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), client);
      g_object_set_data_full (G_OBJECT (row), "deal", g_object_ref (deal), g_object_unref);
      gtk_list_box_append (plan->deals, row);
    }
  if (deals->len > 0)
    gtk_list_box_select_row (plan->deals, gtk_list_box_get_row_at_index (plan->deals, 0));
}

static void
on_plan_search_changed_cb (GtkSearchEntry   *entry,
                           AdwMessageDialog *dialog)
{
  plan_dialog_fill (g_object_get_data (G_OBJECT (dialog), "plan"));
  plan_dialog_validate (dialog);
}

static void
on_plan_changed_cb (GObject          *object,
                    AdwMessageDialog *dialog)
{
  plan_dialog_validate (dialog);
}

static void
on_plan_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  PlanDialog *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariActivity) activity = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  GtkListBoxRow *row;
  AffariDeal *deal;

  if (g_strcmp0 (response, "plan") != 0)
    return;
  row = gtk_list_box_get_selected_row (plan->deals);
  if (row == NULL)
    return;
  deal = g_object_get_data (G_OBJECT (row), "deal");
  subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (plan->subject))));
  activity = affari_activity_new ((AffariActivityType) gtk_drop_down_get_selected (plan->kind), subject, plan->deadline);
  if (!affari_store_add_activity (plan->view->store, affari_deal_get_id (deal), activity, &error))
    {
      show_message (plan->view, error->message);
      return;
    }
  when = format_deadline (plan->deadline);
  /* Translators: a toast; the first %s is a deal's title, the second a date and time. */
  message = g_strdup_printf (_("Activity planned on “%s” for %s"), affari_deal_get_title (deal), when);
  show_message (plan->view, message);
}

static void
show_plan_dialog (AffariActivitiesView *self,
                  AffariActivityPeriod  period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PlanDialog *plan;
  GtkWidget *dialog, *box, *scroller;
  gint64 deadline;

  if (self->store == NULL)
    return;
  /* A new activity is due at 09:00 of the period's first day (or the next full hour today). */
  if (!affari_activity_period_reschedule (affari_store_now (self->store), NULL, 0, period, &deadline, &error))
    {
      show_message (self, error->message);
      return;
    }

  plan = g_new0 (PlanDialog, 1);
  plan->view = g_object_ref (self);
  plan->period = period;
  plan->deadline = deadline;

  when = format_deadline (deadline);
  /* Translators: the text of the dialog that plans an activity; %s is a date and time. */
  body = g_strdup_printf (_("Due %s. Choose the deal and say what to do."), when);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Plan an Activity"), body);
  g_object_set_data_full (G_OBJECT (dialog), "plan", plan, plan_dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  plan->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (plan->search, "placeholder-text", _("Search a deal"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->search), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search a deal"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (plan->search));

  plan->deals = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (plan->deals), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->deals), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deal"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (plan->deals));
  gtk_box_append (GTK_BOX (box), scroller);

  for (int kind = AFFARI_ACTIVITY_CALL; kind <= AFFARI_ACTIVITY_EMAIL; kind++)
    gtk_string_list_append (kinds, affari_activity_type_label ((AffariActivityType) kind));
  plan->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Type"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (plan->kind));

  plan->subject = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (plan->subject, _("Subject"));
  gtk_entry_set_activates_default (plan->subject, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (plan->subject), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Subject"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (plan->subject));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "plan", _("_Plan"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "plan", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "plan");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  plan_dialog_fill (plan);
  plan_dialog_validate (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (plan->search, "search-changed", G_CALLBACK (on_plan_search_changed_cb), dialog);
  g_signal_connect (plan->subject, "changed", G_CALLBACK (on_plan_changed_cb), dialog);
  g_signal_connect (plan->deals, "selected-rows-changed", G_CALLBACK (on_plan_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_plan_response_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (plan->subject));
}

/* ------------------------------------------------------------ callbacks */

static void
on_store_changed_cb (AffariStore          *store,
                     AffariChangeSet      *set,
                     AffariActivitiesView *self)
{
  self->n_changes++;
  /* The card must show the new next activity even when the deal stays in its column. */
  for (guint d = 0; d < affari_change_set_get_n_deals (set); d++)
    for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
      affari_deal_id_list_invalidate (self->columns[i].deals, affari_change_set_get_deal (set, d)->deal_id);
  queue_refresh (self);
}

static void
on_store_reset_cb (AffariStore          *store,
                   AffariActivitiesView *self)
{
  queue_refresh (self);
}

static gboolean
on_clock_cb (gpointer user_data)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (user_data);

  self->clock_source = 0;
  queue_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     Column                   *column)
{
  GtkWidget *card = affari_kanban_card_new ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (card);

  affari_kanban_card_set_list_item (AFFARI_KANBAN_CARD (card), item);
  affari_kanban_card_set_host (AFFARI_KANBAN_CARD (card), AFFARI_CARD_HOST (column->view));
  gtk_list_item_set_child (item, card);

  /* The card's own drag source carries its deal; this view follows the drag through it (its
   * AffariCardHost leaves the drag to these). */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        {
          g_signal_connect_object (controller, "drag-begin", G_CALLBACK (on_card_drag_begin_cb), column->view, 0);
          g_signal_connect_object (controller, "drag-end", G_CALLBACK (on_card_drag_end_cb), column->view, 0);
          g_signal_connect_object (controller, "drag-cancel", G_CALLBACK (on_card_drag_cancel_cb), column->view, 0);
        }
    }
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    Column                   *column)
{
  AffariKanbanCard *card = AFFARI_KANBAN_CARD (gtk_list_item_get_child (item));

  AffariDeal *deal = gtk_list_item_get_item (item);

  affari_kanban_card_set_deal (card, deal);
  affari_kanban_card_set_menu_model (card, G_MENU_MODEL (column->view->card_menu));
  affari_kanban_card_set_dragging (card, deal != NULL && is_dragged (column->view, affari_deal_get_id (deal)));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      Column                   *column)
{
  affari_kanban_card_set_deal (AFFARI_KANBAN_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_view_activate_cb (GtkListView *list_view,
                          guint        position,
                          Column      *column)
{
  gint64 deal_id = affari_deal_id_list_get_id_at (column->deals, position);

  if (deal_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (column->view), "deal.open", "x", deal_id);
}

static void
on_add_clicked_cb (GtkButton *button,
                   Column    *column)
{
  gtk_widget_activate_action (GTK_WIDGET (column->view), "activities.plan", "i", (int) column->period);
}

static void
drag_begin (AffariActivitiesView *self,
            AffariKanbanCard     *card)
{
  AffariDeal *deal = affari_kanban_card_get_deal (card);
  GtkWidget *row = NULL;
  Column *column;
  gint64 deal_id;
  guint position;

  if (deal == NULL)
    return;
  deal_id = affari_deal_get_id (deal);
  g_clear_pointer (&self->dragged_ids, g_array_unref);
  self->dragged_ids = ids_acted_on (self, deal_id);
  self->drag_deadline = 0;
  column = column_of_widget (self, GTK_WIDGET (card), &row);
  if (column != NULL && column->deadlines != NULL &&
      (position = find_position (column, deal_id)) != GTK_INVALID_LIST_POSITION && position < column->deadlines->len)
    self->drag_deadline = g_array_index (column->deadlines, gint64, position);
  update_dragging_cards (self);
}

static void
drag_end (AffariActivitiesView *self)
{
  g_clear_pointer (&self->dragged_ids, g_array_unref);
  self->drag_deadline = 0;
  end_drag_feedback (self);
  update_dragging_cards (self);
}

static void
on_card_drag_begin_cb (GtkDragSource        *source,
                       GdkDrag              *drag,
                       AffariActivitiesView *self)
{
  drag_begin (self, AFFARI_KANBAN_CARD (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source))));
}

static void
on_card_drag_end_cb (GtkDragSource        *source,
                     GdkDrag              *drag,
                     gboolean              delete_data,
                     AffariActivitiesView *self)
{
  drag_end (self);
}

static gboolean
on_card_drag_cancel_cb (GtkDragSource        *source,
                        GdkDrag              *drag,
                        GdkDragCancelReason   reason,
                        AffariActivitiesView *self)
{
  /* Nothing was written: putting the cards back is all a cancel needs. */
  drag_end (self);
  return FALSE;
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget *target,
                   double         x,
                   double         y,
                   Column        *column)
{
  AffariActivitiesView *self = column->view;
  graphene_point_t point;

  /* "Scadute" and "Senza attività" take no card (the drop explains why): they say so at once. */
  if (column->period == AFFARI_ACTIVITY_PERIOD_OVERDUE || column->period == AFFARI_ACTIVITY_PERIOD_NONE)
    gtk_widget_add_css_class (column->widget, "drop-refused");
  else
    gtk_widget_add_css_class (column->widget, "drop-target");
  show_drop_line (self, column);

  /* The column's list scrolls near its own top and bottom (the header does not scroll). */
  if (gtk_widget_compute_point (column->widget, GTK_WIDGET (column->scroller), &GRAPHENE_POINT_INIT (x, y), &point))
    {
      self->vscroll_column = column;
      self->vscroll_speed = edge_speed (point.y, gtk_widget_get_height (GTK_WIDGET (column->scroller)));
      ensure_autoscroll (self);
    }
  return GDK_ACTION_MOVE;
}

static GdkDragAction
on_drop_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  Column        *column)
{
  return on_drop_motion_cb (target, x, y, column);
}

static void
on_drop_leave_cb (GtkDropTarget *target,
                  Column        *column)
{
  gtk_widget_remove_css_class (column->widget, "drop-target");
  gtk_widget_remove_css_class (column->widget, "drop-refused");
  hide_drop_line (column);
  if (column->view->vscroll_column == column)
    {
      column->view->vscroll_column = NULL;
      column->view->vscroll_speed = 0;
    }
}

static GdkDragAction
on_board_drop_motion_cb (GtkDropControllerMotion *controller,
                         double                   x,
                         double                   y,
                         AffariActivitiesView    *self)
{
  self->hscroll_speed = edge_speed (x, gtk_widget_get_width (GTK_WIDGET (self)));
  ensure_autoscroll (self);
  return 0;
}

static void
on_board_drop_enter_cb (GtkDropControllerMotion *controller,
                        double                   x,
                        double                   y,
                        AffariActivitiesView    *self)
{
  on_board_drop_motion_cb (controller, x, y, self);
}

static void
on_board_drop_leave_cb (GtkDropControllerMotion *controller,
                        AffariActivitiesView    *self)
{
  end_drag_feedback (self);
}

static void
on_board_pressed_cb (GtkGestureClick      *gesture,
                     int                   n_press,
                     double                x,
                     double                y,
                     AffariActivitiesView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;

  /* Ctrl+click adds to the selection (the list does it); a plain click starts a new one,
   * across columns too. */
  if (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    return;
  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  unselect_all (self, picked != NULL ? column_of_widget (self, picked, NULL) : NULL);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            Column        *column)
{
  AffariDeal *deal = G_VALUE_HOLDS (value, AFFARI_TYPE_DEAL) ? g_value_get_object (value) : NULL;

  end_drag_feedback (column->view);
  if (deal == NULL)
    return FALSE;
  /* Put back where it was (a change of mind): nothing to do, nothing to explain. */
  if (find_position (column, affari_deal_get_id (deal)) != GTK_INVALID_LIST_POSITION)
    return FALSE;
  return affari_activities_view_drop_deal (column->view, column->period, affari_deal_get_id (deal));
}

/* ------------------------------------------------------------ actions */

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gint64 deal_id;
  int period;

  g_variant_get (parameter, "(xi)", &deal_id, &period);
  if (period >= 0 && period < AFFARI_N_ACTIVITY_PERIODS)
    affari_activities_view_drop_deal (AFFARI_ACTIVITIES_VIEW (widget), (AffariActivityPeriod) period, deal_id);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int period = g_variant_get_int32 (parameter);

  if (period >= 0 && period < AFFARI_N_ACTIVITY_PERIODS)
    show_plan_dialog (AFFARI_ACTIVITIES_VIEW (widget), (AffariActivityPeriod) period);
}

static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);
  int direction = g_variant_get_int32 (parameter);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = NULL;
  Column *column = focus != NULL ? column_of_widget (self, focus, &row) : NULL;
  AffariKanbanCard *card = row_card (row);
  AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;
  int period;
  gint64 deal_id;

  if (deal == NULL || direction == 0)
    return;
  deal_id = affari_deal_get_id (deal);
  period = (int) column->period + (direction < 0 ? -1 : 1);
  if (period < 0 || period >= AFFARI_N_ACTIVITY_PERIODS)
    return;
  /* The card keeps the focus in its new column, so the key can be pressed again. */
  if (affari_activities_view_drop_deal (self, (AffariActivityPeriod) period, deal_id))
    focus_deal_later (self, deal_id);
}

/* ------------------------------------------------------------ overrides */

static void
affari_activities_view_map (GtkWidget *widget)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  GTK_WIDGET_CLASS (affari_activities_view_parent_class)->map (widget);

  if (self->dirty)
    refresh_now (self);
  else
    arm_clock (self);
}

static void
affari_activities_view_unmap (GtkWidget *widget)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      self->dirty = TRUE;
    }

  GTK_WIDGET_CLASS (affari_activities_view_parent_class)->unmap (widget);
}

static void
affari_activities_view_dispose (GObject *object)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  stop_autoscroll (self);
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_ACTIVITIES_VIEW);

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      g_clear_object (&self->columns[i].deals);
      g_clear_object (&self->columns[i].selection);
      g_clear_pointer (&self->columns[i].deadlines, g_array_unref);
      g_clear_pointer (&self->columns[i].summary, g_free);
    }
  g_clear_pointer (&self->dragged_ids, g_array_unref);
  g_clear_object (&self->card_menu);
  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_activities_view_parent_class)->dispose (object);
}

static void
affari_activities_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_activities_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      affari_activities_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_activities_view_class_init (AffariActivitiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_activities_view_dispose;
  object_class->get_property = affari_activities_view_get_property;
  object_class->set_property = affari_activities_view_set_property;

  widget_class->map = affari_activities_view_map;
  widget_class->unmap = affari_activities_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AFFARI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-activities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariActivitiesView, columns_box);

  gtk_widget_class_install_action (widget_class, "activities.reschedule", "(xi)", reschedule_action);
  gtk_widget_class_install_action (widget_class, "activities.plan", "i", plan_action);
  gtk_widget_class_install_action (widget_class, "activities.move-focused", "i", move_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "activities.move-focused", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "activities.move-focused", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "activities.move-focused", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, "activities.move-focused", "i", 1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "activities-view");
}

static GtkWidget *
build_column (AffariActivitiesView *self,
              Column               *column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *box, *header, *top, *title, *scroller;
  GType types[] = { AFFARI_TYPE_DEAL };

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "activity-column");
  gtk_widget_add_css_class (box, affari_activity_period_to_string (column->period));
  gtk_widget_set_name (box, affari_activity_period_to_string (column->period));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  affari_activity_period_label (column->period), -1);
  column->widget = box;

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (header, "activity-column-header");
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (affari_activity_period_label (column->period));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  /* Nothing is planned in the past, nor "without an activity". */
  if (column->period != AFFARI_ACTIVITY_PERIOD_OVERDUE && column->period != AFFARI_ACTIVITY_PERIOD_NONE)
    {
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

      gtk_widget_add_css_class (add, "flat");
      gtk_widget_add_css_class (add, "circular");
      gtk_widget_set_tooltip_text (add, _("Plan an Activity in This Period"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Plan an Activity in This Period"), -1);
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked_cb), column);
      gtk_box_append (GTK_BOX (top), add);
    }
  else
    {
      /* keeps the headers of every column the same height */
      GtkWidget *spacer = gtk_button_new ();

      gtk_widget_set_opacity (spacer, 0);
      gtk_widget_set_can_target (spacer, FALSE);
      gtk_widget_set_can_focus (spacer, FALSE);
      gtk_widget_add_css_class (spacer, "flat");
      gtk_widget_add_css_class (spacer, "circular");
      gtk_button_set_icon_name (GTK_BUTTON (spacer), "list-add-symbolic");
      gtk_accessible_update_state (GTK_ACCESSIBLE (spacer), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_box_append (GTK_BOX (top), spacer);
    }
  gtk_box_append (GTK_BOX (header), top);
  column->summary_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (column->summary_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (column->summary_label), "amount");
  gtk_widget_add_css_class (GTK_WIDGET (column->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->summary_label));
  gtk_box_append (GTK_BOX (box), header);

  column->deals = affari_deal_id_list_new (self->store);
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), column);
  /* Ctrl+click selects several cards: they are dragged and moved together. */
  column->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (column->deals)));
  column->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (column->selection)),
                                                        g_object_ref (factory)));
  gtk_widget_add_css_class (GTK_WIDGET (column->list_view), "kanban-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  affari_activity_period_label (column->period), -1);
  g_signal_connect (column->list_view, "activate", G_CALLBACK (on_list_view_activate_cb), column);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (column->list_view));
  column->scroller = GTK_SCROLLED_WINDOW (scroller);
  /* The line where a dragged card will land floats over the list. */
  column->overlay = gtk_overlay_new ();
  gtk_widget_set_vexpand (column->overlay, TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (column->overlay), scroller);
  column->drop_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (column->drop_line, "activity-drop-line");
  gtk_widget_set_valign (column->drop_line, GTK_ALIGN_START);
  gtk_widget_set_margin_start (column->drop_line, 10);
  gtk_widget_set_margin_end (column->drop_line, 10);
  gtk_widget_set_can_target (column->drop_line, FALSE);
  gtk_widget_set_visible (column->drop_line, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (column->overlay), column->drop_line);
  /* An empty column says so, rather than looking unfinished. */
  column->empty_label = gtk_label_new (column->period == AFFARI_ACTIVITY_PERIOD_TODAY
                                       ? _("Nothing due today")
                                       : column->period == AFFARI_ACTIVITY_PERIOD_OVERDUE
                                       ? _("Nothing overdue")
                                       : _("No deals"));
  gtk_widget_add_css_class (column->empty_label, "dim-label");
  gtk_widget_add_css_class (column->empty_label, "activity-column-empty");
  gtk_widget_set_valign (column->empty_label, GTK_ALIGN_START);
  gtk_widget_set_can_target (column->empty_label, FALSE);
  gtk_widget_set_visible (column->empty_label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (column->overlay), column->empty_label);
  gtk_box_append (GTK_BOX (box), column->overlay);

  /* The drop target covers the whole column, header included. */
  column->drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (column->drop_target, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (column->drop_target, TRUE);
  g_signal_connect (column->drop_target, "enter", G_CALLBACK (on_drop_enter_cb), column);
  g_signal_connect (column->drop_target, "motion", G_CALLBACK (on_drop_motion_cb), column);
  g_signal_connect (column->drop_target, "leave", G_CALLBACK (on_drop_leave_cb), column);
  g_signal_connect (column->drop_target, "drop", G_CALLBACK (on_drop_cb), column);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (column->drop_target));

  return box;
}

static void
build_card_menu (AffariActivitiesView *self)
{
  g_autoptr(GMenu) open_section = g_menu_new ();
  g_autoptr(GMenu) move_section = g_menu_new ();
  g_autoptr(GMenu) move_menu = g_menu_new ();
  g_autoptr(GMenu) trash_section = g_menu_new ();

  self->card_menu = g_menu_new ();
  g_menu_append (open_section, _("Open"), "card.open");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (open_section));
  /* The keyboard and menu twin of the drag. */
  for (int period = AFFARI_ACTIVITY_PERIOD_TODAY; period <= AFFARI_ACTIVITY_PERIOD_LATER; period++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (affari_activity_period_label ((AffariActivityPeriod) period), NULL);

      g_menu_item_set_action_and_target_value (item, "card.move-to", g_variant_new_int64 (period));
      g_menu_append_item (move_menu, item);
    }
  g_menu_append_submenu (move_section, _("Move To"), G_MENU_MODEL (move_menu));
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (move_section));
  g_menu_append (trash_section, _("Move to Trash"), "card.trash");
  g_menu_append_section (self->card_menu, NULL, G_MENU_MODEL (trash_section));
}

static void
affari_activities_view_init (AffariActivitiesView *self)
{
  GtkEventController *motion;
  GtkGesture *press;

  gtk_widget_init_template (GTK_WIDGET (self));
  build_card_menu (self);

  /* The board scrolls sideways when a card is dragged near its left or right edge. */
  motion = gtk_drop_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_board_drop_enter_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_board_drop_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_board_drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  press = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_board_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_activities_view_new (void)
{
  return g_object_new (AFFARI_TYPE_ACTIVITIES_VIEW, NULL);
}

void
affari_activities_view_set_store (AffariActivitiesView *self,
                                  AffariStore          *store)
{
  GtkWidget *child;

  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));
  g_return_if_fail (store == NULL || AFFARI_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    {
      g_clear_object (&self->columns[i].deals);
      g_clear_object (&self->columns[i].selection);
      g_clear_pointer (&self->columns[i].deadlines, g_array_unref);
    }
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
        {
          self->columns[i].view = self;
          self->columns[i].period = (AffariActivityPeriod) i;
          gtk_box_append (self->columns_box, build_column (self, &self->columns[i]));
        }
      g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
      g_signal_connect (store, "reset", G_CALLBACK (on_store_reset_cb), self);
      refresh_now (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
affari_activities_view_set_pipeline_id (AffariActivitiesView *self,
                                        gint64                pipeline_id)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  queue_refresh (self);
}

void
affari_activities_view_set_filter (AffariActivitiesView  *self,
                                   const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  g_clear_pointer (&self->filter, affari_deal_query_free);
  if (filter != NULL)
    self->filter = affari_deal_query_copy (filter);
  queue_refresh (self);
}

void
affari_activities_view_refresh (AffariActivitiesView *self)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  refresh_now (self);
}

GListModel *
affari_activities_view_get_deals (AffariActivitiesView *self,
                                  AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);
  column = find_column (self, period);
  return column != NULL ? G_LIST_MODEL (column->deals) : NULL;
}

guint
affari_activities_view_get_count (AffariActivitiesView *self,
                                  AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), 0);
  column = find_column (self, period);
  return column != NULL ? column->count : 0;
}

const char *
affari_activities_view_get_summary (AffariActivitiesView *self,
                                    AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);
  column = find_column (self, period);
  return column != NULL ? column->summary : NULL;
}

GtkDropTarget *
affari_activities_view_get_drop_target (AffariActivitiesView *self,
                                        AffariActivityPeriod  period)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);
  column = find_column (self, period);
  return column != NULL ? column->drop_target : NULL;
}

gboolean
affari_activities_view_drop_deal (AffariActivitiesView *self,
                                  AffariActivityPeriod  period,
                                  gint64                deal_id)
{
  g_autoptr(GArray) ids = NULL;
  guint changes;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  if (period == AFFARI_ACTIVITY_PERIOD_NONE)
    {
      /* Refused: an activity leaves the plan by being done or deleted, not by a drag. */
      show_message (self, _("A deal moves to “No Activity” when its activities are done: open the deal to mark them"));
      return FALSE;
    }

  /* The dropped card, and the other selected cards with it: the window's activity.reschedule
   * makes it one transaction, one toast and one undo with every other view's changes. */
  ids = ids_acted_on (self, deal_id);
  changes = self->n_changes;
  gtk_widget_activate_action (GTK_WIDGET (self), "activity.reschedule", "(@axi)",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len, sizeof (gint64)),
                              (int) period);
  /* Refused (said in a toast) when the store did not change. */
  if (self->n_changes == changes)
    return FALSE;
  unselect_all (self, NULL);
  refresh_now (self);
  return TRUE;
}

void
affari_activities_view_set_selected (AffariActivitiesView *self,
                                     gint64                deal_id,
                                     gboolean              selected)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position = column->deals != NULL ? find_position (column, deal_id) : GTK_INVALID_LIST_POSITION;

      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      if (selected)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (column->selection), position, FALSE);
      else
        gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (column->selection), position);
    }
}

GArray *
affari_activities_view_get_selected_ids (AffariActivitiesView *self)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), NULL);

  return selected_ids (self);
}

gboolean
affari_activities_view_focus_deal (AffariActivitiesView *self,
                                   gint64                deal_id)
{
  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  self->focus_deal_id = deal_id;
  if (focus_now (self))
    {
      self->focus_deal_id = 0;
      return TRUE;
    }
  self->focus_deal_id = 0;
  return FALSE;
}

gint64
affari_activities_view_get_focused_deal (AffariActivitiesView  *self,
                                         AffariActivityPeriod  *out_period)
{
  GtkRoot *root;
  GtkWidget *focus, *row = NULL;
  Column *column;
  AffariKanbanCard *card;
  AffariDeal *deal;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), 0);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  column = focus != NULL ? column_of_widget (self, focus, &row) : NULL;
  card = row_card (row);
  deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;
  if (deal == NULL)
    return 0;
  if (out_period != NULL)
    *out_period = column->period;
  return affari_deal_get_id (deal);
}

void
affari_activities_view_begin_drag (AffariActivitiesView *self,
                                   gint64                deal_id)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  for (guint c = 0; c < AFFARI_N_ACTIVITY_PERIODS; c++)
    {
      Column *column = &self->columns[c];
      guint position = column->deals != NULL ? find_position (column, deal_id) : GTK_INVALID_LIST_POSITION;
      GtkWidget *row;

      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      gtk_widget_activate_action (GTK_WIDGET (column->list_view), "list.scroll-to-item", "u", position);
      row = find_row (column, position);
      if (row != NULL)
        drag_begin (self, row_card (row));
      return;
    }
}

void
affari_activities_view_end_drag (AffariActivitiesView *self)
{
  g_return_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self));

  drag_end (self);
}

gboolean
affari_activities_view_get_drop_line (AffariActivitiesView *self,
                                      AffariActivityPeriod  period,
                                      int                  *out_y)
{
  Column *column;

  g_return_val_if_fail (AFFARI_IS_ACTIVITIES_VIEW (self), FALSE);

  column = find_column (self, period);
  if (column == NULL || column->drop_line == NULL || !gtk_widget_get_visible (column->drop_line))
    return FALSE;
  if (out_y != NULL)
    *out_y = gtk_widget_get_margin_top (column->drop_line);
  return TRUE;
}

/* ------------------------------------------------------------ AffariCardHost */

/* The cards' moves: here a card's target is a period, not a stage. The drag is followed through
 * the cards' drag sources (on_factory_setup_cb ()), so the drag methods are left out. */
static gboolean
card_host_is_deal_dragged (AffariCardHost *host,
                           gint64          deal_id)
{
  return is_dragged (AFFARI_ACTIVITIES_VIEW (host), deal_id);
}

static gboolean
card_host_move_to (AffariCardHost *host,
                   AffariDeal     *deal,
                   gint64          period,
                   int             index,
                   gboolean        keep_focus)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (host);
  gint64 deal_id = affari_deal_get_id (deal);

  if (period < 0 || period >= AFFARI_N_ACTIVITY_PERIODS ||
      !affari_activities_view_drop_deal (self, (AffariActivityPeriod) period, deal_id))
    return FALSE;
  if (keep_focus)
    focus_deal_later (self, deal_id);
  return TRUE;
}

static gboolean
card_host_move_by (AffariCardHost *host,
                   AffariDeal     *deal,
                   int             direction,
                   gboolean        keep_focus)
{
  AffariActivitiesView *self = AFFARI_ACTIVITIES_VIEW (host);

  for (guint i = 0; i < AFFARI_N_ACTIVITY_PERIODS; i++)
    if (self->columns[i].deals != NULL &&
        find_position (&self->columns[i], affari_deal_get_id (deal)) != GTK_INVALID_LIST_POSITION)
      return card_host_move_to (host, deal, (gint64) self->columns[i].period + (direction < 0 ? -1 : 1), 0, keep_focus);
  return FALSE;
}

static void
card_host_open (AffariCardHost *host,
                gint64          deal_id)
{
  gtk_widget_activate_action (GTK_WIDGET (host), "deal.open", "x", deal_id);
}

static void
card_host_trash (AffariCardHost *host,
                 gint64          deal_id)
{
  gtk_widget_activate_action (GTK_WIDGET (host), "deal.trash", "@ax",
                              g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &deal_id, 1, sizeof (gint64)));
}

static void
card_host_iface_init (AffariCardHostInterface *iface)
{
  iface->is_deal_dragged = card_host_is_deal_dragged;
  iface->move_to = card_host_move_to;
  iface->move_by = card_host_move_by;
  iface->open = card_host_open;
  iface->trash = card_host_trash;
}
