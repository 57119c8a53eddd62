/* affari-kanban-column.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-kanban-column"

#include "config.h"

#include "ui/board/affari-kanban-column-private.h"

/* More cards than any screen shows in a column's first frame. */
#define FIRST_IDS 64

G_DEFINE_FINAL_TYPE (AffariKanbanColumn, affari_kanban_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STAGE,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CARD_REVEALED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ auxiliary */

/* The deals of the column. A stage belongs to one pipeline, so the ids need no pipeline: without
 * it SQLite reads them from the (stage, position) index alone, 2 ms instead of 12 ms for a stage
 * of 16,000 deals, while the totals keep it for their (pipeline, stage, currency, amount) index. */
AffariDealQuery
_affari_kanban_column_make_query (AffariKanbanColumn *self,
            gboolean            for_totals)
{
  AffariDealQuery query = { 0 };

  /* The window's filter narrows every column: a shallow copy, whose strings stay borrowed. */
  if (self->filter != NULL)
    query = *self->filter;
  query.pipeline_id = for_totals ? affari_stage_get_pipeline_id (self->stage) : 0;
  query.stage_id = affari_stage_get_id (self->stage);
  if (self->filter == NULL)
    query.text = self->filter_text;
  query.sort = AFFARI_DEAL_SORT_POSITION;
  query.descending = FALSE;
  query.include_deleted = FALSE;

  return query;
}

AffariKanbanCard *
_affari_kanban_column_row_card (GtkWidget *row)
{
  GtkWidget *child = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return AFFARI_IS_KANBAN_CARD (child) ? AFFARI_KANBAN_CARD (child) : NULL;
}

GtkWidget *
_affari_kanban_column_row_of (AffariKanbanColumn *self,
        GtkWidget          *widget)
{
  while (widget != NULL && gtk_widget_get_parent (widget) != GTK_WIDGET (self->list_view))
    widget = gtk_widget_get_parent (widget);

  return _affari_kanban_column_row_card (widget) != NULL ? widget : NULL;
}

guint
_affari_kanban_column_row_position (GtkWidget *row)
{
  AffariKanbanCard *card = _affari_kanban_column_row_card (row);
  GtkListItem *item = card != NULL ? affari_kanban_card_get_list_item (card) : NULL;

  return item != NULL ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
}

/* How long a card that arrived stays marked: long enough for the eye to find it. */
#define ARRIVED_MS 1500

static void
stop_follow (AffariKanbanColumn *self)
{
  if (self->follow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_tick);
  self->follow_tick = 0;
  self->follow_deal = 0;
}

/* Scrolls the column as little as needed to show @row whole; TRUE when it was shown already. */
static gboolean
scroll_row_into_view (AffariKanbanColumn *self,
                      GtkWidget          *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  double value = gtk_adjustment_get_value (adjustment);
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->scroller), &bounds))
    return FALSE;
  if (bounds.origin.y >= -0.5 && bounds.origin.y + bounds.size.height <= height + 0.5)
    return TRUE;

  if (bounds.origin.y < 0 || bounds.size.height > height)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y + bounds.size.height - height);
  return FALSE;
}

/* Every frame until the card is in view: the list reads its ids again before the next frame,
 * GtkListView makes the row when it lays out after scrolling to it, and a row inserted above the
 * others is placed only in the layout after the insertion. */
static gboolean
follow_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);
  guint position = affari_deal_list_find (self->deals, self->follow_deal);
  GtkWidget *card;

  if (++self->follow_frames > 60)
    {
      self->follow_tick = 0;
      self->follow_deal = 0;
      return G_SOURCE_REMOVE;
    }

  if (position == G_MAXUINT)
    return G_SOURCE_CONTINUE;

  card = affari_kanban_column_find_card (self, self->follow_deal);
  if (card == NULL || !gtk_widget_get_mapped (card))
    {
      if (!self->follow_scrolled)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      self->follow_scrolled = TRUE;
      return G_SOURCE_CONTINUE;
    }

  if (!scroll_row_into_view (self, gtk_widget_get_parent (card)))
    return G_SOURCE_CONTINUE;

  g_signal_emit (self, signals[CARD_REVEALED], 0);
  if (self->follow_focus)
    gtk_widget_grab_focus (gtk_widget_get_parent (card));
  self->follow_tick = 0;
  self->follow_deal = 0;
  return G_SOURCE_REMOVE;
}

static void
follow_deal (AffariKanbanColumn *self,
             gint64              deal_id,
             gboolean            grab_focus)
{
  /* The same card asked for again (moved from the keyboard, then seen in the change set) keeps
   * the focus it was promised. */
  grab_focus = grab_focus || (self->follow_deal == deal_id && self->follow_focus);
  stop_follow (self);
  self->follow_deal = deal_id;
  self->follow_focus = grab_focus;
  self->follow_frames = 0;
  self->follow_scrolled = FALSE;
  self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_tick_cb, NULL, NULL);
}

static void
update_arrived_card (AffariKanbanColumn *self,
                     AffariKanbanCard   *card)
{
  AffariDeal *deal = affari_kanban_card_get_deal (card);

  if (deal != NULL && g_hash_table_contains (self->arrived, &(gint64) { affari_deal_get_id (deal) }))
    gtk_widget_add_css_class (GTK_WIDGET (card), "arrived");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (card), "arrived");
}

static void
update_arrived_cards (AffariKanbanColumn *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (_affari_kanban_column_row_card (child) != NULL)
      update_arrived_card (self, _affari_kanban_column_row_card (child));
}

static gboolean
arrived_timeout_cb (gpointer user_data)
{
  AffariKanbanColumn *self = user_data;

  self->arrived_source = 0;
  g_hash_table_remove_all (self->arrived);
  update_arrived_cards (self);
  return G_SOURCE_REMOVE;
}

/* Other deals: the column shows them from the top. Kept, the old offset would open the new list
 * somewhere in its middle (or past its end), with no sign that cards are above. */
static void
apply_filter (AffariKanbanColumn *self)
{
  AffariDealQuery query = _affari_kanban_column_make_query (self, FALSE);

  stop_follow (self);
  affari_deal_list_set_query (self->deals, &query);
  /* The first row made the list's anchor too: the value alone is taken back by the next
   * layout, which keeps the old anchor row where it was. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  _affari_kanban_column_queue_totals (self);
}

/* ------------------------------------------------------------ callbacks */

static void
on_stripe_draw_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  AffariKanbanColumn *self = user_data;
  double radius = height / 2.0;

  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_new_sub_path (cr);
  cairo_arc (cr, radius, radius, radius, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AffariKanbanColumn       *self)
{
  GtkWidget *card = affari_kanban_card_new ();

  affari_kanban_card_set_list_item (AFFARI_KANBAN_CARD (card), item);
  affari_kanban_card_set_host (AFFARI_KANBAN_CARD (card), self->host);
  affari_kanban_card_set_open_on_click (AFFARI_KANBAN_CARD (card), TRUE);
  gtk_list_item_set_child (item, card);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AffariKanbanColumn       *self)
{
  AffariKanbanCard *card = AFFARI_KANBAN_CARD (gtk_list_item_get_child (item));
  AffariDeal *deal = gtk_list_item_get_item (item);

  affari_kanban_card_set_deal (card, deal);
  affari_kanban_card_set_menu_model (card, self->card_menu);
  affari_kanban_card_set_large_targets (card, self->large_targets);
  affari_kanban_card_set_dragging (card, self->host != NULL &&
                                   affari_card_host_is_deal_dragged (self->host, affari_deal_get_id (deal)));
  update_arrived_card (self, card);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AffariKanbanColumn       *self)
{
  affari_kanban_card_set_deal (AFFARI_KANBAN_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_view_activate_cb (GtkListView        *list_view,
                          guint               position,
                          AffariKanbanColumn *self)
{
  gint64 deal_id = affari_deal_list_get_id_at (self->deals, position);

  if (deal_id != 0 && self->host != NULL)
    affari_card_host_open (self->host, deal_id);
}

static gboolean
move_focused_card (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  AffariKanbanColumn *self = user_data;
  const char *action = g_variant_get_string (args, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? _affari_kanban_column_row_of (self, focus) : NULL;
  AffariKanbanCard *card = _affari_kanban_column_row_card (row);

  if (card == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (card), action, NULL);
}

static void
hide_quick_create (AffariKanbanColumn *self)
{
  gtk_revealer_set_reveal_child (self->quick_revealer, FALSE);
  if (self->quick_create != NULL)
    affari_kanban_quick_create_clear_errors (self->quick_create);
}

static void
on_quick_create_finished_cb (AffariKanbanQuickCreate *form,
                             AffariKanbanColumn      *self)
{
  hide_quick_create (self);
}

static void
on_add_button_clicked_cb (GtkButton          *button,
                          AffariKanbanColumn *self)
{
  if (gtk_revealer_get_reveal_child (self->quick_revealer))
    hide_quick_create (self);
  else
    affari_kanban_column_show_quick_create (self);
}

static gboolean
on_quick_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         AffariKanbanColumn    *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      hide_quick_create (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
      return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------ overrides */

static void
affari_kanban_column_constructed (GObject *object)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);
  AffariDealQuery query;

  G_OBJECT_CLASS (affari_kanban_column_parent_class)->constructed (object);

  g_assert (AFFARI_IS_WORKSPACE (self->workspace));
  g_assert (AFFARI_IS_STAGE (self->stage));

  if (!gdk_rgba_parse (&self->color, affari_stage_get_color (self->stage)))
    gdk_rgba_parse (&self->color, "#9a9996");

  gtk_label_set_text (self->name_label, affari_stage_get_name (self->stage));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, affari_stage_get_name (self->stage),
                                  -1);

  switch (affari_stage_get_semantics (self->stage))
    {
    case AFFARI_SEMANTICS_SUCCESS:
      gtk_widget_add_css_class (GTK_WIDGET (self), "won");
      break;
    case AFFARI_SEMANTICS_FAILURE:
      gtk_widget_add_css_class (GTK_WIDGET (self), "lost");
      break;
    case AFFARI_SEMANTICS_PROCESS:
    default:
      break;
    }

  query = _affari_kanban_column_make_query (self, FALSE);
  /* The first frame shows a few cards of each column: only their ids are read now, the rest of
   * the stage (tens of thousands on a big board) when the board fills the column after it. */
  self->deals = affari_workspace_new_deal_list_first (self->workspace, &query, FIRST_IDS);
  /* Built behind another view (the app started on the list): it waits to be shown, as after an
   * unmap, instead of following every keystroke of a search it cannot show. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    affari_deal_list_set_frozen (self->deals, TRUE);
  /* No row before the board says the column is in sight: not even a page of deals is read. */
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->deals)), 0, 0);
  /* Positions in the selection are positions in the deal list: the slice starts at 0. */
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  _affari_kanban_column_totals_init (self);
}

static void
affari_kanban_column_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  _affari_kanban_column_snapshot_highlight (AFFARI_KANBAN_COLUMN (widget), snapshot);

  GTK_WIDGET_CLASS (affari_kanban_column_parent_class)->snapshot (widget, snapshot);
}

static void
affari_kanban_column_dispose (GObject *object)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  g_clear_handle_id (&self->totals_source, g_source_remove);
  g_clear_object (&self->vscroller);
  g_clear_handle_id (&self->arrived_source, g_source_remove);
  stop_follow (self);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_KANBAN_COLUMN);
  /* the form went with the revealer */
  self->quick_create = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->deals);
  g_clear_object (&self->card_menu);
  g_clear_weak_pointer (&self->host);
  g_clear_object (&self->stage);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (affari_kanban_column_parent_class)->dispose (object);
}

static void
affari_kanban_column_finalize (GObject *object)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->totals, g_array_unref);
  g_clear_pointer (&self->arrived, g_hash_table_unref);

  G_OBJECT_CLASS (affari_kanban_column_parent_class)->finalize (object);
}

static void
affari_kanban_column_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->workspace);
      break;

    case PROP_STAGE:
      g_value_set_object (value, self->stage);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
affari_kanban_column_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->workspace = g_value_dup_object (value);
      break;

    case PROP_STAGE:
      self->stage = g_value_dup_object (value);
      break;

    case PROP_CURRENCY:
      g_free (self->currency);
      self->currency = g_value_dup_string (value);
      if (self->currency == NULL)
        self->currency = g_strdup ("EUR");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Hidden behind another view, the column follows neither the workspace nor the filter: it reads
 * both again when it shows (typing in the list's search does not reload every column). */
static void
affari_kanban_column_map (GtkWidget *widget)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);

  GTK_WIDGET_CLASS (affari_kanban_column_parent_class)->map (widget);

  if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, FALSE);
  if (self->totals_stale)
    {
      self->totals_stale = FALSE;
      _affari_kanban_column_update_totals (self);
    }
}

static void
affari_kanban_column_unmap (GtkWidget *widget)
{
  AffariKanbanColumn *self = AFFARI_KANBAN_COLUMN (widget);

  if (self->deals != NULL)
    affari_deal_list_set_frozen (self->deals, TRUE);

  GTK_WIDGET_CLASS (affari_kanban_column_parent_class)->unmap (widget);
}

static void
affari_kanban_column_class_init (AffariKanbanColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = affari_kanban_column_constructed;
  widget_class->snapshot = affari_kanban_column_snapshot;
  widget_class->map = affari_kanban_column_map;
  widget_class->unmap = affari_kanban_column_unmap;
  object_class->dispose = affari_kanban_column_dispose;
  object_class->finalize = affari_kanban_column_finalize;
  object_class->get_property = affari_kanban_column_get_property;
  object_class->set_property = affari_kanban_column_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("workspace", NULL, NULL,
                         AFFARI_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STAGE] =
    g_param_spec_object ("stage", NULL, NULL,
                         AFFARI_TYPE_STAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         "EUR",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The column has scrolled a card into view, or is about to give it the keyboard focus: the
   * board scrolls the column into view (its viewport follows the focus only when it comes from
   * outside). */
  signals[CARD_REVEALED] = g_signal_new ("card-revealed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-kanban-column.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, header);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, title_box);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, stripe);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, add_button);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, other_label);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, quick_revealer);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, overlay);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, AffariKanbanColumn, drop_line);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kanban-column");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
affari_kanban_column_init (AffariKanbanColumn *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkLayoutManager *layout;
  GtkShortcutController *shortcuts;
  GtkEventController *key;
  struct { guint key; const char *action; GdkModifierType mods; } keys[] = {
    { GDK_KEY_Left, "tile.move-previous", GDK_ALT_MASK },
    { GDK_KEY_KP_Left, "tile.move-previous", GDK_ALT_MASK },
    { GDK_KEY_Right, "tile.move-next", GDK_ALT_MASK },
    { GDK_KEY_KP_Right, "tile.move-next", GDK_ALT_MASK },
    { GDK_KEY_Delete, "tile.trash", 0 },
    { GDK_KEY_KP_Delete, "tile.trash", 0 },
    { GDK_KEY_F10, "tile.menu", GDK_SHIFT_MASK },
    { GDK_KEY_Menu, "tile.menu", 0 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->totals = g_array_new (FALSE, FALSE, sizeof (AffariStageTotal));
  self->arrived = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  gtk_drawing_area_set_draw_func (self->stripe, on_stripe_draw_cb, self, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_view_activate_cb), self);

  _affari_kanban_column_drop_init (self);

  /* Keyboard twins of the drag, for the focused card. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (shortcuts,
                                          gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                                           gtk_callback_action_new (move_focused_card, self, NULL),
                                                                           "s", keys[i].action));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (shortcuts));

  g_signal_connect (self->add_button, "clicked", G_CALLBACK (on_add_button_clicked_cb), self);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_quick_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->quick_revealer), key);
}

/* ------------------------------------------------------------ public API */

GtkWidget *
affari_kanban_column_new (AffariWorkspace *workspace,
                          AffariStage *stage,
                          const char  *currency)
{
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (AFFARI_IS_STAGE (stage), NULL);

  return g_object_new (AFFARI_TYPE_KANBAN_COLUMN,
                       "workspace", workspace,
                       "stage", stage,
                       "currency", currency,
                       NULL);
}

AffariStage *
affari_kanban_column_get_stage (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->stage;
}

gint64
affari_kanban_column_get_stage_id (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), 0);

  return affari_stage_get_id (self->stage);
}

AffariDealList *
affari_kanban_column_get_deals (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->deals;
}

GtkListView *
affari_kanban_column_get_list_view (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->list_view;
}

void
affari_kanban_column_set_filter_text (AffariKanbanColumn *self,
                                      const char         *text)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->filter_text, text) == 0)
    return;

  g_free (self->filter_text);
  self->filter_text = g_strdup (text);

  apply_filter (self);
}

void
affari_kanban_column_set_filter (AffariKanbanColumn    *self,
                                 const AffariDealQuery *filter)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (affari_deal_query_equal (self->filter, filter))
    return;
  g_clear_pointer (&self->filter, affari_deal_query_free);
  if (filter != NULL)
    {
      self->filter = affari_deal_query_new ();
      affari_deal_query_merge_filter (self->filter, filter);
    }

  apply_filter (self);
}

GtkAdjustment *
affari_kanban_column_get_vadjustment (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

void
affari_kanban_column_set_host (AffariKanbanColumn *self,
                               AffariCardHost     *host)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));
  g_return_if_fail (host == NULL || AFFARI_IS_CARD_HOST (host));

  g_set_weak_pointer (&self->host, host);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (_affari_kanban_column_row_card (child) != NULL)
      affari_kanban_card_set_host (_affari_kanban_column_row_card (child), host);
}

void
affari_kanban_column_set_card_menu (AffariKanbanColumn *self,
                                    GMenuModel         *menu)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  g_set_object (&self->card_menu, menu);
}

void
affari_kanban_column_get_selected_ids (AffariKanbanColumn *self,
                                       GArray             *ids)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  /* Ids only: a selection of thousands must not load thousands of objects. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = affari_deal_list_get_id_at (self->deals, position);

      if (id != 0)
        g_array_append_val (ids, id);
    }
}

void
affari_kanban_column_unselect_all (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

void
affari_kanban_column_set_large_targets (AffariKanbanColumn *self,
                                        gboolean            large)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  self->large_targets = large;
  /* The cards on screen now; the others when they are bound. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (_affari_kanban_column_row_card (row) != NULL)
      affari_kanban_card_set_large_targets (_affari_kanban_column_row_card (row), large);
}

void
affari_kanban_column_show_quick_create (AffariKanbanColumn *self)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  /* Eight columns would make some fifteen widgets each for a form seldom opened: it comes with
   * the first click on "+". */
  if (self->quick_create == NULL)
    {
      self->quick_create = AFFARI_KANBAN_QUICK_CREATE (affari_kanban_quick_create_new (self->workspace, self->stage, self->host));
      g_signal_connect (self->quick_create, "finished", G_CALLBACK (on_quick_create_finished_cb), self);
      gtk_revealer_set_child (self->quick_revealer, GTK_WIDGET (self->quick_create));
    }
  /* At once, not sliding down: a sliding revealer maps its child only at the animation's first
   * frame, and the keys typed right after the click, before it, went nowhere. Closing slides. */
  gtk_revealer_set_transition_type (self->quick_revealer, GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_reveal_child (self->quick_revealer, TRUE);
  gtk_revealer_set_transition_type (self->quick_revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  affari_kanban_quick_create_focus_title (self->quick_create);
}

GtkWidget *
affari_kanban_column_find_card (AffariKanbanColumn *self,
                                gint64              deal_id)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AffariKanbanCard *card = _affari_kanban_column_row_card (child);
      AffariDeal *deal = card != NULL ? affari_kanban_card_get_deal (card) : NULL;

      if (deal != NULL && affari_deal_get_id (deal) == deal_id && gtk_widget_get_child_visible (child))
        return GTK_WIDGET (card);
    }

  return NULL;
}

gboolean
affari_kanban_column_focus_deal (AffariKanbanColumn *self,
                                 gint64              deal_id)
{
  guint position;
  GtkWidget *card;

  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);

  position = affari_deal_list_find (self->deals, deal_id);
  if (position == G_MAXUINT)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  card = affari_kanban_column_find_card (self, deal_id);
  if (card == NULL)
    return FALSE;

  return gtk_widget_grab_focus (gtk_widget_get_parent (card));
}

void
affari_kanban_column_focus_deal_soon (AffariKanbanColumn *self,
                                      gint64              deal_id)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  follow_deal (self, deal_id, TRUE);
}

void
affari_kanban_column_mark_arrived (AffariKanbanColumn *self,
                                   gint64              deal_id)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  g_hash_table_add (self->arrived, g_memdup2 (&deal_id, sizeof deal_id));
  update_arrived_cards (self);
  /* One moment for the cards of one change: a later change starts it again. */
  g_clear_handle_id (&self->arrived_source, g_source_remove);
  self->arrived_source = g_timeout_add (ARRIVED_MS, arrived_timeout_cb, self);
}

void
affari_kanban_column_reveal_deal (AffariKanbanColumn *self,
                                  gint64              deal_id,
                                  gboolean            grab_focus)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  affari_kanban_column_mark_arrived (self, deal_id);
  follow_deal (self, deal_id, grab_focus);
}

void
affari_kanban_column_show_first_rows (AffariKanbanColumn *self,
                                      guint               n_rows)
{
  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (n_rows > FIRST_IDS)
    affari_deal_list_read_all (self->deals);
  if (self->slice != NULL && gtk_slice_list_model_get_size (self->slice) < n_rows)
    gtk_slice_list_model_set_size (self->slice, n_rows);
}

void
affari_kanban_column_show_all_rows (AffariKanbanColumn *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkAdjustment *vadjustment;
  GtkRoot *root;
  GtkWidget *focus;
  AffariKanbanCard *focused = NULL;
  gint64 focused_deal = 0;
  double value;

  g_return_if_fail (AFFARI_IS_KANBAN_COLUMN (self));

  if (self->slice == NULL)
    return;

  /* Every id of the stage: added after the slice's rows, they change nothing on screen. */
  affari_deal_list_read_all (self->deals);

  /* The deal list itself, not a slice of all of it: GtkSliceListModel turns a card removed from a
   * column into "everything below it changed", and the rows below would all be bound again.
   * A new selection model for the list view, not the deal list put under the old one: told that
   * its nine rows were replaced by 16,000 items, GTK 4.8's list view asks for every new item to
   * find a row to keep, which read every deal of the stage (150 ms a column, and SQLite's whole
   * page cache) to show the same nine cards. What the user may have done with those stays: the
   * selection, the scrolling and the focused card. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  value = vadjustment != NULL ? gtk_adjustment_get_value (vadjustment) : 0;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    focused = _affari_kanban_column_row_card (_affari_kanban_column_row_of (self, focus));
  if (focused != NULL && affari_kanban_card_get_deal (focused) != NULL)
    focused_deal = affari_deal_get_id (affari_kanban_card_get_deal (focused));

  g_object_unref (self->selection);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->deals)));
  if (!gtk_bitset_is_empty (selected))
    gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, selected);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_clear_object (&self->slice);

  if (vadjustment != NULL && value > 0)
    gtk_adjustment_set_value (vadjustment, value);
  if (focused_deal != 0)
    affari_kanban_column_focus_deal_soon (self, focused_deal);
}

gboolean
affari_kanban_column_get_shows_all_rows (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), FALSE);

  return self->slice == NULL;
}

GtkWidget *
affari_kanban_column_get_header (AffariKanbanColumn *self)
{
  g_return_val_if_fail (AFFARI_IS_KANBAN_COLUMN (self), NULL);

  return self->title_box;
}
