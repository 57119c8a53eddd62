/* affari-filter-bar.c — the search entry, the "Filtri" popover and the chips of the active filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-filter-bar"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-filter-preset.h"
#include "model/affari-money.h"

#include "ui/filter/affari-filter-bar.h"

typedef struct {
  GtkDropDown    *period;
  GtkSpinButton  *days;
} DateRow;

/* The controls of one custom field in the popover: a drop-down (list, yes/no), an entry (text,
 * link) or two entries "from" and "to" (number, money, date). */
typedef struct {
  AffariCustomField *field;
  GtkWidget         *first;
  GtkWidget         *second;
} FieldRow;

/* What a chip removes when its ✕ is clicked. */
typedef enum {
  CHIP_TEXT,
  CHIP_SEMANTICS,
  CHIP_STAGES,
  CHIP_RESPONSIBLE,
  CHIP_MINE,
  CHIP_AMOUNT,
  CHIP_CURRENCY,
  CHIP_CLIENT,
  CHIP_TYPE,
  CHIP_SOURCE,
  CHIP_CREATED,
  CHIP_BEGIN,
  CHIP_CLOSE,
  CHIP_CLOSED_ON,
  CHIP_REPEAT,
  CHIP_ACTIVITY,
  CHIP_FIELD,
} ChipKind;

struct _AffariFilterBar
{
  GtkWidget          parent_instance;

  AffariStore       *store;
  gint64             pipeline_id;
  AffariDealQuery   *filter;
  gboolean           setting_text;

  /* the popover's controls */
  GtkPopover        *popover;
  GtkListBox        *saved_list;
  GtkFlowBox        *stage_box;
  GPtrArray         *stage_checks;      /* GtkCheckButton, "stage-id" data */
  GtkDropDown       *responsible;
  GArray            *responsible_ids;   /* gint64 per item: 0 = anyone, -1 = me */
  GtkEntry          *amount_min;
  GtkEntry          *amount_max;
  GtkDropDown       *currency;
  GtkEntry          *client;
  GtkDropDown       *type;
  GPtrArray         *type_codes;        /* char*, NULL = any */
  GtkDropDown       *source;
  GPtrArray         *source_codes;
  DateRow            dates[4];          /* created, begin, close, closed on */
  GtkDropDown       *repeat;
  GtkDropDown       *activity;
  GtkWidget         *fields_heading;
  GtkGrid           *fields_grid;
  GtkSizeGroup      *label_group;       /* the labels of both grids, so that they line up */
  GArray            *field_rows;        /* FieldRow */
  GtkLabel          *error_label;
  GtkEntry          *save_name;
  GtkWidget         *apply_button;

  /* template */
  GtkWidget         *box;
  GtkSearchEntry    *search_entry;
  GtkMenuButton     *filter_button;
  GtkFlowBox        *chips_box;
};

G_DEFINE_FINAL_TYPE (AffariFilterBar, affari_filter_bar, GTK_TYPE_WIDGET)

enum {
  FILTER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const currencies[] = { "EUR", "USD", "GBP", "CHF" };

/* ------------------------------------------------------------ auxiliary */

static const char *
period_label (AffariPeriod period)
{
  switch (period)
    {
    case AFFARI_PERIOD_TODAY:
      return _("Today");
    case AFFARI_PERIOD_THIS_WEEK:
      return _("This week");
    case AFFARI_PERIOD_THIS_MONTH:
      return _("This month");
    case AFFARI_PERIOD_LAST_DAYS:
      return _("Last days");
    case AFFARI_PERIOD_THIS_QUARTER:
      return _("This quarter");
    case AFFARI_PERIOD_BETWEEN:
      return _("Between dates");
    case AFFARI_PERIOD_ANY:
    default:
      return _("Any time");
    }
}

static char *
describe_range (const char *what, const AffariDateRange *range)
{
  if (range->period == AFFARI_PERIOD_LAST_DAYS)
    /* Translators: a filter chip: "Created: last 30 days" */
    return g_strdup_printf (ngettext ("%s: last %d day", "%s: last %d days", range->days), what, range->days);
  if (range->period == AFFARI_PERIOD_BETWEEN)
    /* Translators: a filter chip: "Expected close: 2026-01-01 – 2026-03-31" */
    return g_strdup_printf (_("%s: %s – %s"), what, range->from ? range->from : "…", range->to ? range->to : "…");
  /* Translators: a filter chip: "Expected close: this month" */
  return g_strdup_printf (_("%s: %s"), what, period_label (range->period));
}

static char *
stage_name (AffariFilterBar *self, gint64 stage_id)
{
  g_autoptr(AffariStage) stage = affari_store_get_stage (self->store, stage_id, NULL);
  return g_strdup (stage ? affari_stage_get_name (stage) : "?");
}

static char *
member_name (AffariFilterBar *self, gint64 id)
{
  g_autoptr(AffariTeamMember) member = affari_store_get_team_member (self->store, id, NULL);
  return g_strdup (member ? affari_team_member_get_name (member) : "?");
}

static char *
pair_name (GPtrArray *pairs, const char *code)
{
  for (guint i = 0; pairs != NULL && i + 1 < pairs->len; i += 2)
    if (g_strcmp0 (g_ptr_array_index (pairs, i), code) == 0)
      return g_strdup (g_ptr_array_index (pairs, i + 1));
  return g_strdup (code);
}

static char *
semantics_label (guint mask)
{
  if (mask == (1u << AFFARI_SEMANTICS_PROCESS))
    return g_strdup (_("In progress"));
  if (mask == (1u << AFFARI_SEMANTICS_SUCCESS))
    return g_strdup (_("Won"));
  if (mask == (1u << AFFARI_SEMANTICS_FAILURE))
    return g_strdup (_("Lost"));
  return g_strdup (_("Closed"));
}

static void emit_changed (AffariFilterBar *self);
static void show_error (AffariFilterBar *self, GtkWidget *field, const char *message);
static void reload_field_rows (AffariFilterBar *self);

static void
on_chip_clicked_cb (GtkButton       *button,
                    AffariFilterBar *self)
{
  ChipKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "chip-kind"));
  AffariDealQuery *q = self->filter;

  switch (kind)
    {
    case CHIP_TEXT:
      affari_deal_query_set_text (q, NULL);
      break;
    case CHIP_SEMANTICS:
      q->semantics_mask = 0;
      q->closed = AFFARI_CLOSED_ANY;
      break;
    case CHIP_STAGES:
      g_clear_pointer (&q->stage_ids, g_array_unref);
      break;
    case CHIP_RESPONSIBLE:
      g_clear_pointer (&q->assigned_ids, g_array_unref);
      q->assigned_by_id = 0;
      break;
    case CHIP_MINE:
      q->assigned_to_me = FALSE;
      break;
    case CHIP_AMOUNT:
      q->has_amount_min = q->has_amount_max = FALSE;
      break;
    case CHIP_CURRENCY:
      g_clear_pointer (&q->currency, g_free);
      break;
    case CHIP_CLIENT:
      q->company_id = 0;
      break;
    case CHIP_TYPE:
      g_clear_pointer (&q->type_id, g_free);
      break;
    case CHIP_SOURCE:
      g_clear_pointer (&q->source_id, g_free);
      break;
    case CHIP_CREATED:
      q->created.period = AFFARI_PERIOD_ANY;
      break;
    case CHIP_BEGIN:
      q->begin.period = AFFARI_PERIOD_ANY;
      break;
    case CHIP_CLOSE:
      q->close.period = AFFARI_PERIOD_ANY;
      g_clear_pointer (&q->close_date_from, g_free);
      g_clear_pointer (&q->close_date_to, g_free);
      break;
    case CHIP_CLOSED_ON:
      q->closed_on.period = AFFARI_PERIOD_ANY;
      break;
    case CHIP_REPEAT:
      q->repeat = AFFARI_REPEAT_ANY;
      break;
    case CHIP_ACTIVITY:
      q->activity = AFFARI_ACTIVITY_FILTER_ANY;
      break;
    case CHIP_FIELD:
      affari_deal_query_remove_field_criterion (q, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "field-id")));
      break;
    default:
      g_assert_not_reached ();
    }
  emit_changed (self);
}

static GtkWidget *
add_chip (AffariFilterBar *self, ChipKind kind, char *label)
{
  g_autofree char *owned = label;
  g_autofree char *remove = g_strdup_printf (_("Remove the filter “%s”"), label);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 32);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_object_set_data (G_OBJECT (button), "chip-kind", GINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self);
  gtk_flow_box_append (self->chips_box, button);
  return button;
}

static AffariCustomField *
find_custom_field (GPtrArray *fields, gint64 id)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    if (((AffariCustomField *) g_ptr_array_index (fields, i))->id == id)
      return g_ptr_array_index (fields, i);
  return NULL;
}

/* A bound of a range criterion as the card shows such a value. */
static char *
format_bound (const AffariCustomField *field, const AffariFieldCriterion *c, const char *bound)
{
  if (bound == NULL)
    return NULL;
  if (c->match == AFFARI_FIELD_MATCH_MONEY)
    {
      gint64 minor = 0;

      if (!affari_money_parse_decimal (bound, &minor, NULL))
        return g_strdup (bound);
      return affari_money_format (minor, c->value);
    }
  return affari_custom_field_format_value (field, bound);
}

/* "Settore: Industria", "Note contiene “urgente”", "Budget: € 100,00 – € 500,00". */
static char *
describe_field_criterion (const AffariCustomField *field, const AffariFieldCriterion *c)
{
  const char *name = field != NULL ? field->label : _("Custom field");

  switch (c->match)
    {
    case AFFARI_FIELD_MATCH_EQUALS:
    case AFFARI_FIELD_MATCH_FLAG:
      {
        g_autofree char *value = field != NULL ? affari_custom_field_format_value (field, c->value)
                                               : g_strdup (c->value ? c->value : "");
        /* Translators: a filter chip: "Settore: Industria" */
        return g_strdup_printf (_("%s: %s"), name, value);
      }
    case AFFARI_FIELD_MATCH_CONTAINS:
      /* Translators: a filter chip: a text field holds these words */
      return g_strdup_printf (_("%s contains “%s”"), name, c->value ? c->value : "");
    case AFFARI_FIELD_MATCH_NUMBER:
    case AFFARI_FIELD_MATCH_MONEY:
    case AFFARI_FIELD_MATCH_DATE:
    default:
      {
        g_autofree char *from = field != NULL ? format_bound (field, c, c->from) : g_strdup (c->from);
        g_autofree char *to = field != NULL ? format_bound (field, c, c->to) : g_strdup (c->to);

        if (from != NULL && to != NULL)
          /* Translators: a filter chip: "Budget: € 100,00 – € 500,00" */
          return g_strdup_printf (_("%s: %s – %s"), name, from, to);
        if (from != NULL)
          /* Translators: a filter chip: the field's value is at least this */
          return g_strdup_printf (_("%s: from %s"), name, from);
        if (to != NULL)
          /* Translators: a filter chip: the field's value is at most this */
          return g_strdup_printf (_("%s: up to %s"), name, to);
        /* Translators: a filter chip: the field has a value */
        return g_strdup_printf (_("%s: filled in"), name);
      }
    }
}

static void
update_chips (AffariFilterBar *self)
{
  const AffariDealQuery *q = self->filter;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  if (self->store == NULL)
    return;

  /* The search text has its entry: no chip for it. */
  if (q->semantics_mask != 0 && q->semantics_mask != 0x7)
    add_chip (self, CHIP_SEMANTICS, semantics_label (q->semantics_mask));
  else if (q->closed != AFFARI_CLOSED_ANY)
    add_chip (self, CHIP_SEMANTICS, g_strdup (q->closed == AFFARI_CLOSED_OPEN_ONLY ? C_("filter chip", "Open") : C_("filter chip", "Closed")));
  if (q->stage_ids != NULL && q->stage_ids->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      for (guint i = 0; i < q->stage_ids->len; i++)
        {
          g_autofree char *name = stage_name (self, g_array_index (q->stage_ids, gint64, i));
          g_string_append_printf (names, i ? ", %s" : "%s", name);
        }
      add_chip (self, CHIP_STAGES, g_string_free (g_steal_pointer (&names), FALSE));
    }
  if (q->assigned_to_me)
    add_chip (self, CHIP_MINE, g_strdup (_("My deals")));
  if ((q->assigned_ids != NULL && q->assigned_ids->len > 0) || q->assigned_by_id > 0)
    {
      gint64 id = q->assigned_by_id > 0 ? q->assigned_by_id : g_array_index (q->assigned_ids, gint64, 0);
      g_autofree char *name = member_name (self, id);
      guint more = q->assigned_ids != NULL && q->assigned_ids->len > 1 ? q->assigned_ids->len - 1 : 0;
      add_chip (self, CHIP_RESPONSIBLE, more ? g_strdup_printf ("%s +%u", name, more) : g_steal_pointer (&name));
    }
  if (q->has_amount_min || q->has_amount_max)
    {
      g_autofree char *min = q->has_amount_min ? affari_money_format_short (q->amount_min, q->currency ? q->currency : "EUR") : NULL;
      g_autofree char *max = q->has_amount_max ? affari_money_format_short (q->amount_max, q->currency ? q->currency : "EUR") : NULL;
      char *label;
      if (min && max)
        /* Translators: a filter chip: "€ 5.000 – € 10.000" */
        label = g_strdup_printf (_("%s – %s"), min, max);
      else if (min)
        /* Translators: a filter chip: amount at least */
        label = g_strdup_printf (_("Over %s"), min);
      else
        /* Translators: a filter chip: amount at most */
        label = g_strdup_printf (_("Up to %s"), max);
      add_chip (self, CHIP_AMOUNT, label);
    }
  if (q->currency != NULL)
    add_chip (self, CHIP_CURRENCY, g_strdup (q->currency));
  if (q->company_id > 0)
    {
      g_autoptr(AffariCompany) company = affari_store_get_company (self->store, q->company_id, NULL);
      add_chip (self, CHIP_CLIENT, g_strdup (company ? affari_company_get_name (company) : "?"));
    }
  if (q->type_id != NULL)
    {
      g_autoptr(GPtrArray) types = affari_store_list_deal_types (self->store, NULL);
      add_chip (self, CHIP_TYPE, pair_name (types, q->type_id));
    }
  if (q->source_id != NULL)
    {
      g_autoptr(GPtrArray) sources = affari_store_list_sources (self->store, NULL);
      add_chip (self, CHIP_SOURCE, pair_name (sources, q->source_id));
    }
  if (q->created.period != AFFARI_PERIOD_ANY)
    add_chip (self, CHIP_CREATED, describe_range (_("Created"), &q->created));
  if (q->begin.period != AFFARI_PERIOD_ANY)
    add_chip (self, CHIP_BEGIN, describe_range (_("Start"), &q->begin));
  if (q->close.period != AFFARI_PERIOD_ANY)
    add_chip (self, CHIP_CLOSE, describe_range (_("Expected close"), &q->close));
  else if (q->close_date_from != NULL || q->close_date_to != NULL)
    {
      AffariDateRange r = { AFFARI_PERIOD_BETWEEN, 0, q->close_date_from, q->close_date_to };
      add_chip (self, CHIP_CLOSE, describe_range (_("Expected close"), &r));
    }
  if (q->closed_on.period != AFFARI_PERIOD_ANY)
    add_chip (self, CHIP_CLOSED_ON, describe_range (_("Closed"), &q->closed_on));
  if (q->repeat == AFFARI_REPEAT_ONLY)
    add_chip (self, CHIP_REPEAT, g_strdup (_("Repeat deals")));
  else if (q->repeat == AFFARI_REPEAT_NONE)
    add_chip (self, CHIP_REPEAT, g_strdup (_("Not repeat deals")));
  if (q->activity == AFFARI_ACTIVITY_FILTER_NONE_PLANNED)
    add_chip (self, CHIP_ACTIVITY, g_strdup (_("No planned activities")));
  else if (q->activity == AFFARI_ACTIVITY_FILTER_OVERDUE)
    add_chip (self, CHIP_ACTIVITY, g_strdup (_("Overdue activities")));
  if (q->field_criteria != NULL && q->field_criteria->len > 0)
    {
      g_autoptr(GPtrArray) fields = affari_store_list_custom_fields (self->store, NULL);

      for (guint i = 0; i < q->field_criteria->len; i++)
        {
          const AffariFieldCriterion *c = &g_array_index (q->field_criteria, AffariFieldCriterion, i);
          GtkWidget *chip = add_chip (self, CHIP_FIELD, describe_field_criterion (find_custom_field (fields, c->field_id), c));

          g_object_set_data (G_OBJECT (chip), "field-id", GSIZE_TO_POINTER ((gsize) c->field_id));
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->chips_box)) != NULL);
}

static void
sync_entry (AffariFilterBar *self)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *text = self->filter->text ? self->filter->text : "";

  if (g_strcmp0 (shown, text) != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      self->setting_text = FALSE;
    }
}

static void
emit_changed (AffariFilterBar *self)
{
  sync_entry (self);
  update_chips (self);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

/* ------------------------------------------------------------ the popover */

static GtkDropDown *
drop_down_new (const char * const *labels, guint n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, labels[i]);
  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL));
}

static void
grid_row (GtkGrid *grid, int row, const char *label, GtkWidget *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
}

static void
on_period_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, GtkWidget *days)
{
  gtk_widget_set_visible (days, gtk_drop_down_get_selected (dropdown) == AFFARI_PERIOD_LAST_DAYS);
}

static GtkWidget *
date_row_new (DateRow *row)
{
  /* AFFARI_PERIOD_BETWEEN is for saved and imported filters: not offered here. */
  const char *labels[] = { period_label (AFFARI_PERIOD_ANY), period_label (AFFARI_PERIOD_TODAY),
                           period_label (AFFARI_PERIOD_THIS_WEEK), period_label (AFFARI_PERIOD_THIS_MONTH),
                           period_label (AFFARI_PERIOD_LAST_DAYS), period_label (AFFARI_PERIOD_THIS_QUARTER) };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  row->period = drop_down_new (labels, G_N_ELEMENTS (labels));
  row->days = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 3650, 1));
  gtk_spin_button_set_value (row->days, 30);
  gtk_widget_set_visible (GTK_WIDGET (row->days), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->days), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days"), -1);
  g_signal_connect (row->period, "notify::selected", G_CALLBACK (on_period_selected_cb), row->days);
  gtk_widget_set_hexpand (GTK_WIDGET (row->period), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->period));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->days));
  return box;
}

static void
load_date_row (DateRow *row, const AffariDateRange *range)
{
  guint period = range->period == AFFARI_PERIOD_BETWEEN ? AFFARI_PERIOD_ANY : range->period;

  gtk_drop_down_set_selected (row->period, period);
  if (range->period == AFFARI_PERIOD_LAST_DAYS)
    gtk_spin_button_set_value (row->days, range->days);
}

static void
read_date_row (DateRow *row, AffariDateRange *range, const AffariDateRange *old)
{
  AffariPeriod period = gtk_drop_down_get_selected (row->period);

  /* an explicit range from a saved filter stays while "Any time" is not chosen over it */
  if (period == AFFARI_PERIOD_ANY && old->period == AFFARI_PERIOD_BETWEEN)
    {
      range->period = AFFARI_PERIOD_BETWEEN;
      range->from = g_strdup (old->from);
      range->to = g_strdup (old->to);
      return;
    }
  range->period = period;
  range->days = period == AFFARI_PERIOD_LAST_DAYS ? gtk_spin_button_get_value_as_int (row->days) : 0;
}

static guint
index_of_code (GPtrArray *codes, const char *code)
{
  for (guint i = 1; code != NULL && i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      return i;
  return 0;
}

/* Fills the pipeline-dependent and reference controls from the store. */
static void
reload_choices (AffariFilterBar *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) type_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) source_names = gtk_string_list_new (NULL);
  GtkWidget *child;
  gint64 any = 0, me = -1;

  if (self->store == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stage_box))) != NULL)
    gtk_flow_box_remove (self->stage_box, child);
  g_ptr_array_set_size (self->stage_checks, 0);
  stages = affari_store_list_stages (self->store, self->pipeline_id, NULL);
  for (guint i = 0; stages != NULL && i < stages->len; i++)
    {
      AffariStage *stage = g_ptr_array_index (stages, i);
      GtkWidget *check = gtk_check_button_new_with_label (affari_stage_get_name (stage));

      g_object_set_data (G_OBJECT (check), "stage-id", GSIZE_TO_POINTER ((gsize) affari_stage_get_id (stage)));
      gtk_flow_box_append (self->stage_box, check);
      g_ptr_array_add (self->stage_checks, check);
    }

  g_array_set_size (self->responsible_ids, 0);
  gtk_string_list_append (people, _("Anyone"));
  g_array_append_val (self->responsible_ids, any);
  gtk_string_list_append (people, _("Me"));
  g_array_append_val (self->responsible_ids, me);
  team = affari_store_list_team (self->store, NULL);
  for (guint i = 0; team != NULL && i < team->len; i++)
    {
      gint64 id = affari_team_member_get_id (g_ptr_array_index (team, i));
      gtk_string_list_append (people, affari_team_member_get_name (g_ptr_array_index (team, i)));
      g_array_append_val (self->responsible_ids, id);
    }
  gtk_drop_down_set_model (self->responsible, G_LIST_MODEL (people));

  g_ptr_array_set_size (self->type_codes, 0);
  g_ptr_array_add (self->type_codes, NULL);
  gtk_string_list_append (type_names, _("Any type"));
  types = affari_store_list_deal_types (self->store, NULL);
  for (guint i = 0; types != NULL && i + 1 < types->len; i += 2)
    {
      g_ptr_array_add (self->type_codes, g_strdup (g_ptr_array_index (types, i)));
      gtk_string_list_append (type_names, g_ptr_array_index (types, i + 1));
    }
  gtk_drop_down_set_model (self->type, G_LIST_MODEL (type_names));

  g_ptr_array_set_size (self->source_codes, 0);
  g_ptr_array_add (self->source_codes, NULL);
  gtk_string_list_append (source_names, _("Any source"));
  sources = affari_store_list_sources (self->store, NULL);
  for (guint i = 0; sources != NULL && i + 1 < sources->len; i += 2)
    {
      g_ptr_array_add (self->source_codes, g_strdup (g_ptr_array_index (sources, i)));
      gtk_string_list_append (source_names, g_ptr_array_index (sources, i + 1));
    }
  gtk_drop_down_set_model (self->source, G_LIST_MODEL (source_names));

  reload_field_rows (self);
}

static void
field_row_clear (gpointer data)
{
  FieldRow *row = data;

  g_clear_pointer (&row->field, affari_custom_field_free);
}

static GtkWidget *
field_entry_new (AffariFilterBar *self, const char *placeholder, const char *accessible)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_hexpand (entry, TRUE);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (gtk_widget_activate), self->apply_button);
  return entry;
}

/* One row per custom field, with the control its kind needs. */
static void
reload_field_rows (AffariFilterBar *self)
{
  g_autoptr(GPtrArray) fields = affari_store_list_custom_fields (self->store, NULL);
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))) != NULL)
    gtk_grid_remove (self->fields_grid, child);
  g_array_set_size (self->field_rows, 0);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      AffariCustomField *field = g_ptr_array_index (fields, i);
      FieldRow r = { NULL, NULL, NULL };
      g_autofree char *from_label = g_strdup_printf (_("%s from"), field->label);
      g_autofree char *to_label = g_strdup_printf (_("%s up to"), field->label);
      GtkWidget *control;

      switch (field->kind)
        {
        case AFFARI_FIELD_ENUMERATION:
          {
            g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

            gtk_string_list_append (items, _("Any"));
            for (guint k = 0; k < field->items->len; k++)
              gtk_string_list_append (items, g_array_index (field->items, AffariFieldItem, k).value);
            r.first = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&items)), NULL);
            control = r.first;
          }
          break;
        case AFFARI_FIELD_BOOLEAN:
          {
            const char *labels[] = { _("Any"), _("Yes"), _("No") };

            r.first = GTK_WIDGET (drop_down_new (labels, G_N_ELEMENTS (labels)));
            control = r.first;
          }
          break;
        case AFFARI_FIELD_STRING:
        case AFFARI_FIELD_URL:
          {
            g_autofree char *label = g_strdup_printf (_("%s contains"), field->label);

            r.first = field_entry_new (self, _("contains…"), label);
            control = r.first;
          }
          break;
        case AFFARI_FIELD_DOUBLE:
        case AFFARI_FIELD_MONEY:
        case AFFARI_FIELD_DATE:
        default:
          {
            gboolean date = field->kind == AFFARI_FIELD_DATE;

            /* Translators: placeholder of the lower bound of a date, e.g. 01/01/2026 */
            r.first = field_entry_new (self, date ? _("from (dd/mm/yyyy)") : _("from"), from_label);
            r.second = field_entry_new (self, date ? _("to (dd/mm/yyyy)") : _("to"), to_label);
            if (!date)
              {
                gtk_entry_set_input_purpose (GTK_ENTRY (r.first), GTK_INPUT_PURPOSE_NUMBER);
                gtk_entry_set_input_purpose (GTK_ENTRY (r.second), GTK_INPUT_PURPOSE_NUMBER);
              }
            control = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
            gtk_box_append (GTK_BOX (control), r.first);
            gtk_box_append (GTK_BOX (control), r.second);
          }
          break;
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (r.first), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      r.second != NULL ? from_label : field->label, -1);
      {
        g_autofree char *escaped = g_strdup (field->label);
        GtkWidget *title = gtk_label_new (escaped);

        gtk_label_set_xalign (GTK_LABEL (title), 1);
        gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
        gtk_label_set_max_width_chars (GTK_LABEL (title), 18);
        gtk_widget_set_tooltip_text (title, field->label);
        gtk_widget_add_css_class (title, "dim-label");
        gtk_size_group_add_widget (self->label_group, title);
        gtk_widget_set_hexpand (control, TRUE);
        gtk_grid_attach (self->fields_grid, title, 0, row, 1, 1);
        gtk_grid_attach (self->fields_grid, control, 1, row, 1, 1);
        row++;
      }
      r.field = g_ptr_array_steal_index (fields, i);
      g_ptr_array_insert (fields, i, NULL);
      g_array_append_val (self->field_rows, r);
    }
  gtk_widget_set_visible (self->fields_heading, row > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_grid), row > 0);
}

static void
load_field_rows (AffariFilterBar *self)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    {
      FieldRow *r = &g_array_index (self->field_rows, FieldRow, i);
      const AffariFieldCriterion *c = affari_deal_query_get_field_criterion (self->filter, r->field->id);

      switch (r->field->kind)
        {
        case AFFARI_FIELD_ENUMERATION:
          {
            guint selected = 0;

            for (guint k = 0; c != NULL && c->value != NULL && k < r->field->items->len; k++)
              if (g_array_index (r->field->items, AffariFieldItem, k).id == g_ascii_strtoll (c->value, NULL, 10))
                selected = k + 1;
            gtk_drop_down_set_selected (GTK_DROP_DOWN (r->first), selected);
          }
          break;
        case AFFARI_FIELD_BOOLEAN:
          gtk_drop_down_set_selected (GTK_DROP_DOWN (r->first), c == NULL ? 0 : g_strcmp0 (c->value, "1") == 0 ? 1 : 2);
          break;
        case AFFARI_FIELD_STRING:
        case AFFARI_FIELD_URL:
          gtk_editable_set_text (GTK_EDITABLE (r->first), c != NULL && c->value != NULL ? c->value : "");
          break;
        case AFFARI_FIELD_DOUBLE:
        case AFFARI_FIELD_MONEY:
        case AFFARI_FIELD_DATE:
        default:
          {
            g_autofree char *from = c != NULL ? format_bound (r->field, c, c->from) : NULL;
            g_autofree char *to = c != NULL ? format_bound (r->field, c, c->to) : NULL;

            /* money bounds are edited as plain figures, without the currency sign */
            if (c != NULL && c->match == AFFARI_FIELD_MATCH_MONEY)
              {
                gint64 minor;

                g_clear_pointer (&from, g_free);
                g_clear_pointer (&to, g_free);
                if (c->from != NULL && affari_money_parse_decimal (c->from, &minor, NULL))
                  from = affari_money_format (minor, NULL);
                if (c->to != NULL && affari_money_parse_decimal (c->to, &minor, NULL))
                  to = affari_money_format (minor, NULL);
              }
            gtk_editable_set_text (GTK_EDITABLE (r->first), from ? from : "");
            gtk_editable_set_text (GTK_EDITABLE (r->second), to ? to : "");
          }
          break;
        }
    }
}

/* "1.234,5" and "1234.5" are both numbers; spaces group digits. */
static char *
parse_number (const char *text)
{
  g_autoptr(GString) machine = g_string_new (NULL);
  gboolean comma = strchr (text, ',') != NULL;
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || (comma && *p == '.'))
        continue;
      g_string_append_c (machine, *p == ',' ? '.' : *p);
    }
  g_ascii_strtod (machine->str, &end);
  if (machine->len == 0 || end == NULL || *end != '\0')
    return NULL;
  return g_string_free (g_steal_pointer (&machine), FALSE);
}

/* A bound typed in @entry in machine form: NULL when empty, FALSE (error shown) when wrong. */
static gboolean
read_bound (AffariFilterBar *self, FieldRow *r, GtkWidget *entry, char **out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  *out = NULL;
  gtk_widget_remove_css_class (entry, "error");
  if (*text == '\0')
    return TRUE;
  switch (r->field->kind)
    {
    case AFFARI_FIELD_DATE:
      *out = affari_date_parse (text, &error);
      break;
    case AFFARI_FIELD_MONEY:
      {
        gint64 minor;

        if (affari_money_parse (text, &minor, &error))
          *out = affari_money_to_decimal (minor);
      }
      break;
    case AFFARI_FIELD_DOUBLE:
    default:
      *out = parse_number (text);
      if (*out == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a number."), text);
          show_error (self, entry, message);
          return FALSE;
        }
      break;
    }
  if (*out == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", r->field->label, error ? error->message : "");
      show_error (self, entry, message);
      return FALSE;
    }
  return TRUE;
}

/* Adds the criteria the field rows describe to @q; FALSE (error shown) on a wrong value. */
static gboolean
read_field_rows (AffariFilterBar *self, AffariDealQuery *q)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    {
      FieldRow *r = &g_array_index (self->field_rows, FieldRow, i);

      switch (r->field->kind)
        {
        case AFFARI_FIELD_ENUMERATION:
          {
            guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (r->first));

            if (selected > 0 && selected <= r->field->items->len)
              {
                g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                       g_array_index (r->field->items, AffariFieldItem, selected - 1).id);
                affari_deal_query_set_field_criterion (q, r->field->id, AFFARI_FIELD_MATCH_EQUALS, id, NULL, NULL);
              }
          }
          break;
        case AFFARI_FIELD_BOOLEAN:
          {
            guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (r->first));

            if (selected == 1 || selected == 2)
              affari_deal_query_set_field_criterion (q, r->field->id, AFFARI_FIELD_MATCH_FLAG,
                                                     selected == 1 ? "1" : "0", NULL, NULL);
          }
          break;
        case AFFARI_FIELD_STRING:
        case AFFARI_FIELD_URL:
          {
            g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (r->first))));

            if (*text != '\0')
              affari_deal_query_set_field_criterion (q, r->field->id, AFFARI_FIELD_MATCH_CONTAINS, text, NULL, NULL);
          }
          break;
        case AFFARI_FIELD_DOUBLE:
        case AFFARI_FIELD_MONEY:
        case AFFARI_FIELD_DATE:
        default:
          {
            g_autofree char *from = NULL, *to = NULL;
            AffariFieldMatch match = r->field->kind == AFFARI_FIELD_DATE ? AFFARI_FIELD_MATCH_DATE
                                   : r->field->kind == AFFARI_FIELD_MONEY ? AFFARI_FIELD_MATCH_MONEY
                                   : AFFARI_FIELD_MATCH_NUMBER;
            const AffariFieldCriterion *old = affari_deal_query_get_field_criterion (self->filter, r->field->id);

            if (!read_bound (self, r, r->first, &from) || !read_bound (self, r, r->second, &to))
              return FALSE;
            if (from != NULL && to != NULL &&
                (match == AFFARI_FIELD_MATCH_DATE ? strcmp (from, to) > 0 : g_ascii_strtod (from, NULL) > g_ascii_strtod (to, NULL)))
              {
                g_autofree char *message = g_strdup_printf (_("%s: the end of the range is before its start."), r->field->label);
                show_error (self, r->second, message);
                return FALSE;
              }
            if (from != NULL || to != NULL)
              affari_deal_query_set_field_criterion (q, r->field->id, match,
                                                     old != NULL && old->match == match ? old->value : NULL, from, to);
          }
          break;
        }
    }
  return TRUE;
}

static void
on_saved_delete_clicked_cb (GtkButton *button, AffariFilterBar *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "filter-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "filter.delete-saved", "x", id);
}

static void
reload_saved (AffariFilterBar *self)
{
  g_autoptr(GPtrArray) saved = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);

  saved = self->store ? affari_store_list_saved_filters (self->store, NULL) : NULL;
  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      AffariSavedFilter *filter = g_ptr_array_index (saved, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *escaped = g_markup_escape_text (filter->name, -1);
      g_autofree char *label = g_strdup_printf (_("Delete the filter “%s”"), filter->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "filter.apply-saved");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", filter->id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (remove), "filter-id", GSIZE_TO_POINTER ((gsize) filter->id));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_saved_delete_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->saved_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->saved_list), saved != NULL && saved->len > 0);
}

/* The controls show the active filter whenever the popover opens. */
static void
load_controls (AffariFilterBar *self)
{
  const AffariDealQuery *q = self->filter;
  guint responsible = 0;

  reload_choices (self);
  reload_saved (self);

  for (guint i = 0; i < self->stage_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->stage_checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "stage-id"));
      gboolean active = FALSE;
      for (guint k = 0; q->stage_ids != NULL && k < q->stage_ids->len; k++)
        active |= g_array_index (q->stage_ids, gint64, k) == id;
      gtk_check_button_set_active (check, active);
    }
  for (guint i = 0; i < self->responsible_ids->len; i++)
    {
      gint64 id = g_array_index (self->responsible_ids, gint64, i);
      if ((id == -1 && q->assigned_to_me) ||
          (id > 0 && q->assigned_ids != NULL && q->assigned_ids->len > 0 && g_array_index (q->assigned_ids, gint64, 0) == id))
        responsible = i;
    }
  gtk_drop_down_set_selected (self->responsible, responsible);
  {
    g_autofree char *min = q->has_amount_min ? affari_money_to_decimal (q->amount_min) : NULL;
    g_autofree char *max = q->has_amount_max ? affari_money_to_decimal (q->amount_max) : NULL;
    gtk_editable_set_text (GTK_EDITABLE (self->amount_min), min ? min : "");
    gtk_editable_set_text (GTK_EDITABLE (self->amount_max), max ? max : "");
  }
  gtk_drop_down_set_selected (self->currency, 0);
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_strcmp0 (q->currency, currencies[i]) == 0)
      gtk_drop_down_set_selected (self->currency, i + 1);
  {
    g_autoptr(AffariCompany) company = q->company_id ? affari_store_get_company (self->store, q->company_id, NULL) : NULL;
    gtk_editable_set_text (GTK_EDITABLE (self->client), company ? affari_company_get_name (company) : "");
  }
  gtk_drop_down_set_selected (self->type, index_of_code (self->type_codes, q->type_id));
  gtk_drop_down_set_selected (self->source, index_of_code (self->source_codes, q->source_id));
  load_date_row (&self->dates[0], &q->created);
  load_date_row (&self->dates[1], &q->begin);
  load_date_row (&self->dates[2], &q->close);
  load_date_row (&self->dates[3], &q->closed_on);
  gtk_drop_down_set_selected (self->repeat, q->repeat);
  gtk_drop_down_set_selected (self->activity, q->activity);
  load_field_rows (self);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (AffariFilterBar *self, GtkWidget *field, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

/* The filter the controls describe, or NULL (with the error shown) when a field is invalid. */
static AffariDealQuery *
read_controls (AffariFilterBar *self)
{
  g_autoptr(AffariDealQuery) q = affari_deal_query_new ();
  const AffariDealQuery *old = self->filter;
  guint selected;
  const char *text;

  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_min), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_max), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->client), "error");

  affari_deal_query_set_text (q, old->text);
  /* what the popover does not show is kept (a preset's semantics) */
  q->semantics_mask = old->semantics_mask;
  q->closed = old->closed;

  for (guint i = 0; i < self->stage_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->stage_checks, i);
      if (gtk_check_button_get_active (check))
        {
          gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "stage-id"));
          if (q->stage_ids == NULL)
            q->stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (q->stage_ids, id);
        }
    }
  selected = gtk_drop_down_get_selected (self->responsible);
  if (selected < self->responsible_ids->len)
    {
      gint64 id = g_array_index (self->responsible_ids, gint64, selected);
      if (id == -1)
        q->assigned_to_me = TRUE;
      else if (id > 0)
        {
          q->assigned_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (q->assigned_ids, id);
        }
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->amount_min));
  if (*text != '\0')
    {
      g_autoptr(GError) error = NULL;
      if (!affari_money_parse (text, &q->amount_min, &error))
        {
          show_error (self, GTK_WIDGET (self->amount_min), error->message);
          return NULL;
        }
      q->has_amount_min = TRUE;
    }
  text = gtk_editable_get_text (GTK_EDITABLE (self->amount_max));
  if (*text != '\0')
    {
      g_autoptr(GError) error = NULL;
      if (!affari_money_parse (text, &q->amount_max, &error))
        {
          show_error (self, GTK_WIDGET (self->amount_max), error->message);
          return NULL;
        }
      q->has_amount_max = TRUE;
    }
  if (q->has_amount_min && q->has_amount_max && q->amount_min > q->amount_max)
    {
      show_error (self, GTK_WIDGET (self->amount_max), _("The highest amount is below the lowest."));
      return NULL;
    }

  selected = gtk_drop_down_get_selected (self->currency);
  if (selected > 0 && selected <= G_N_ELEMENTS (currencies))
    q->currency = g_strdup (currencies[selected - 1]);

  text = gtk_editable_get_text (GTK_EDITABLE (self->client));
  if (*text != '\0')
    {
      g_autoptr(GPtrArray) found = affari_store_search_companies (self->store, text, 1, NULL);
      if (found == NULL || found->len == 0)
        {
          show_error (self, GTK_WIDGET (self->client), _("No client has this name."));
          return NULL;
        }
      q->company_id = affari_company_get_id (g_ptr_array_index (found, 0));
    }

  selected = gtk_drop_down_get_selected (self->type);
  if (selected > 0 && selected < self->type_codes->len)
    q->type_id = g_strdup (g_ptr_array_index (self->type_codes, selected));
  selected = gtk_drop_down_get_selected (self->source);
  if (selected > 0 && selected < self->source_codes->len)
    q->source_id = g_strdup (g_ptr_array_index (self->source_codes, selected));

  read_date_row (&self->dates[0], &q->created, &old->created);
  read_date_row (&self->dates[1], &q->begin, &old->begin);
  read_date_row (&self->dates[2], &q->close, &old->close);
  read_date_row (&self->dates[3], &q->closed_on, &old->closed_on);
  q->repeat = gtk_drop_down_get_selected (self->repeat);
  q->activity = gtk_drop_down_get_selected (self->activity);
  if (!read_field_rows (self, q))
    return NULL;

  return g_steal_pointer (&q);
}

static void
set_filter_and_emit (AffariFilterBar *self, AffariDealQuery *filter)
{
  affari_deal_query_free (self->filter);
  self->filter = filter;
  emit_changed (self);
}

static void
on_apply_clicked_cb (GtkButton *button, AffariFilterBar *self)
{
  AffariDealQuery *q = read_controls (self);

  if (q == NULL)
    return;
  gtk_popover_popdown (self->popover);
  set_filter_and_emit (self, q);
}

static void
on_save_clicked_cb (GtkButton *button, AffariFilterBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AffariDealQuery) q = read_controls (self);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->save_name));

  if (q == NULL)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->save_name), "error");
  if (affari_store_save_filter (self->store, name, q, &error) == 0)
    {
      show_error (self, GTK_WIDGET (self->save_name), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->save_name), "");
  reload_saved (self);
  set_filter_and_emit (self, g_steal_pointer (&q));
}

static void
on_popover_show_cb (GtkPopover *popover, AffariFilterBar *self)
{
  load_controls (self);
}

static void build_popover (AffariFilterBar *self);

/* The popover holds some forty controls: built when "Filtri" is first opened, not at start-up. */
static void
ensure_popover (AffariFilterBar *self)
{
  if (self->popover == NULL)
    build_popover (self);
}

static void
on_filter_button_create_popup_cb (GtkMenuButton *button, gpointer user_data)
{
  ensure_popover (AFFARI_FILTER_BAR (user_data));
}

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_popover (AffariFilterBar *self)
{
  const char *repeat_labels[] = { _("Any"), _("Repeat deals only"), _("No repeat deals") };
  const char *activity_labels[] = { _("Any"), _("No planned activities"), _("Overdue activities") };
  const char *currency_labels[G_N_ELEMENTS (currencies) + 1] = { _("Any currency") };
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *presets = gtk_flow_box_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply"));
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("C_lear"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  int row = 0;

  self->apply_button = apply;
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    currency_labels[i + 1] = currencies[i];

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->popover), "filter-popover");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 600);
  gtk_widget_set_size_request (box, 460, -1);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_box_append (GTK_BOX (box), heading_new (_("Ready-made Filters")));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (presets), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (presets), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (presets), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (presets), 6);
  for (guint p = 0; p < AFFARI_N_FILTER_PRESETS; p++)
    {
      GtkWidget *button = gtk_button_new_with_label (affari_filter_preset_label (p));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "filter.apply-preset");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", affari_filter_preset_to_code (p));
      gtk_flow_box_append (GTK_FLOW_BOX (presets), button);
    }
  gtk_box_append (GTK_BOX (box), presets);

  self->saved_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->saved_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->saved_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->saved_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saved Filters"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->saved_list));

  gtk_box_append (GTK_BOX (box), heading_new (_("Custom Filter")));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  self->stage_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->stage_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->stage_box, 2);
  grid_row (GTK_GRID (grid), row++, _("Stages"), GTK_WIDGET (self->stage_box));
  self->responsible = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  grid_row (GTK_GRID (grid), row++, _("_Responsible"), GTK_WIDGET (self->responsible));
  {
    GtkWidget *amounts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    self->amount_min = GTK_ENTRY (gtk_entry_new ());
    self->amount_max = GTK_ENTRY (gtk_entry_new ());
    gtk_entry_set_placeholder_text (self->amount_min, _("from"));
    gtk_entry_set_placeholder_text (self->amount_max, _("to"));
    gtk_entry_set_input_purpose (self->amount_min, GTK_INPUT_PURPOSE_NUMBER);
    gtk_entry_set_input_purpose (self->amount_max, GTK_INPUT_PURPOSE_NUMBER);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->amount_min), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lowest amount"), -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->amount_max), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Highest amount"), -1);
    gtk_widget_set_hexpand (GTK_WIDGET (self->amount_min), TRUE);
    gtk_widget_set_hexpand (GTK_WIDGET (self->amount_max), TRUE);
    g_signal_connect_swapped (self->amount_min, "activate", G_CALLBACK (gtk_widget_activate), apply);
    g_signal_connect_swapped (self->amount_max, "activate", G_CALLBACK (gtk_widget_activate), apply);
    gtk_box_append (GTK_BOX (amounts), GTK_WIDGET (self->amount_min));
    gtk_box_append (GTK_BOX (amounts), GTK_WIDGET (self->amount_max));
    grid_row (GTK_GRID (grid), row++, _("A_mount"), amounts);
  }
  self->currency = drop_down_new (currency_labels, G_N_ELEMENTS (currency_labels));
  grid_row (GTK_GRID (grid), row++, _("C_urrency"), GTK_WIDGET (self->currency));
  self->client = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->client, _("Company name"));
  g_signal_connect_swapped (self->client, "activate", G_CALLBACK (gtk_widget_activate), apply);
  grid_row (GTK_GRID (grid), row++, _("_Client"), GTK_WIDGET (self->client));
  self->type = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  grid_row (GTK_GRID (grid), row++, _("_Type"), GTK_WIDGET (self->type));
  self->source = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  grid_row (GTK_GRID (grid), row++, _("S_ource"), GTK_WIDGET (self->source));
  grid_row (GTK_GRID (grid), row++, _("Cr_eated"), date_row_new (&self->dates[0]));
  grid_row (GTK_GRID (grid), row++, _("Start _date"), date_row_new (&self->dates[1]));
  grid_row (GTK_GRID (grid), row++, _("E_xpected close"), date_row_new (&self->dates[2]));
  grid_row (GTK_GRID (grid), row++, _("Clos_ed on"), date_row_new (&self->dates[3]));
  self->repeat = drop_down_new (repeat_labels, G_N_ELEMENTS (repeat_labels));
  grid_row (GTK_GRID (grid), row++, _("Re_peat deal"), GTK_WIDGET (self->repeat));
  self->activity = drop_down_new (activity_labels, G_N_ELEMENTS (activity_labels));
  grid_row (GTK_GRID (grid), row++, _("Acti_vities"), GTK_WIDGET (self->activity));
  gtk_box_append (GTK_BOX (box), grid);
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int column;

      gtk_grid_query_child (GTK_GRID (grid), child, &column, NULL, NULL, NULL);
      if (column == 0)
        gtk_size_group_add_widget (self->label_group, child);
    }

  self->fields_heading = heading_new (_("Custom Fields"));
  gtk_box_append (GTK_BOX (box), self->fields_heading);
  self->fields_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->fields_grid, 6);
  gtk_grid_set_column_spacing (self->fields_grid, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fields_grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Custom Fields"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->fields_grid));
  gtk_widget_set_visible (self->fields_heading, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_grid), FALSE);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "filter.clear");
  gtk_widget_add_css_class (apply, "suggested-action");
  g_signal_connect (apply, "clicked", G_CALLBACK (on_apply_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), clear);
  gtk_box_append (GTK_BOX (buttons), apply);
  gtk_box_append (GTK_BOX (box), buttons);

  self->save_name = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->save_name, _("Name of the filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the filter"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->save_name), TRUE);
  g_signal_connect_swapped (self->save_name, "activate", G_CALLBACK (gtk_widget_activate), save);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  gtk_widget_set_tooltip_text (save, _("Save these criteria as a filter of your own"));
  gtk_box_append (GTK_BOX (save_box), GTK_WIDGET (self->save_name));
  gtk_box_append (GTK_BOX (save_box), save);
  gtk_box_append (GTK_BOX (box), save_box);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_popover_set_child (self->popover, scroller);
  g_signal_connect (self->popover, "show", G_CALLBACK (on_popover_show_cb), self);
  gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->popover));
}

/* ------------------------------------------------------------ signal callbacks */

static void
on_search_changed_cb (GtkSearchEntry *entry, AffariFilterBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->setting_text || g_strcmp0 (text, self->filter->text ? self->filter->text : "") == 0)
    return;
  affari_deal_query_set_text (self->filter, text);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

/* ------------------------------------------------------------ actions */

static void
apply_preset_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);
  AffariFilterPreset preset;
  AffariDealQuery *q;

  if (!affari_filter_preset_from_code (g_variant_get_string (parameter, NULL), &preset))
    {
      g_warning ("No filter preset “%s”", g_variant_get_string (parameter, NULL));
      return;
    }
  /* A preset replaces the criteria; what is typed in the search stays. */
  q = affari_filter_preset_new_query (preset);
  affari_deal_query_set_text (q, self->filter->text);
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
  set_filter_and_emit (self, q);
}

static void
apply_saved_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);
  g_autoptr(GPtrArray) saved = affari_store_list_saved_filters (self->store, NULL);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      AffariSavedFilter *filter = g_ptr_array_index (saved, i);
      if (filter->id == id)
        {
          if (self->popover != NULL)
            gtk_popover_popdown (self->popover);
          set_filter_and_emit (self, affari_deal_query_copy (filter->query));
          return;
        }
    }
}

static void
delete_saved_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);
  g_autoptr(GError) error = NULL;

  ensure_popover (self);
  if (!affari_store_delete_saved_filter (self->store, g_variant_get_int64 (parameter), &error))
    show_error (self, NULL, error->message);
  reload_saved (self);
}

static void
clear_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (widget);

  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
  set_filter_and_emit (self, affari_deal_query_new ());
}

/* ------------------------------------------------------------ overrides */

static void
affari_filter_bar_dispose (GObject *object)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFFARI_TYPE_FILTER_BAR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (affari_filter_bar_parent_class)->dispose (object);
}

static void
affari_filter_bar_finalize (GObject *object)
{
  AffariFilterBar *self = AFFARI_FILTER_BAR (object);

  g_clear_pointer (&self->filter, affari_deal_query_free);
  g_clear_pointer (&self->stage_checks, g_ptr_array_unref);
  g_clear_pointer (&self->responsible_ids, g_array_unref);
  g_clear_pointer (&self->type_codes, g_ptr_array_unref);
  g_clear_pointer (&self->source_codes, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_array_unref);
  g_clear_object (&self->label_group);

  G_OBJECT_CLASS (affari_filter_bar_parent_class)->finalize (object);
}

static void
affari_filter_bar_class_init (AffariFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = affari_filter_bar_dispose;
  object_class->finalize = affari_filter_bar_finalize;

  signals[FILTER_CHANGED] = g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/affari/Affari/ui/affari-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, box);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AffariFilterBar, chips_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filterbar");

  gtk_widget_class_install_action (widget_class, "filter.apply-preset", "s", apply_preset_action);
  gtk_widget_class_install_action (widget_class, "filter.apply-saved", "x", apply_saved_action);
  gtk_widget_class_install_action (widget_class, "filter.delete-saved", "x", delete_saved_action);
  gtk_widget_class_install_action (widget_class, "filter.clear", NULL, clear_action);
}

static void
affari_filter_bar_init (AffariFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = affari_deal_query_new ();
  self->stage_checks = g_ptr_array_new ();
  self->responsible_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->type_codes = g_ptr_array_new_with_free_func (g_free);
  self->source_codes = g_ptr_array_new_with_free_func (g_free);
  self->field_rows = g_array_new (FALSE, TRUE, sizeof (FieldRow));
  self->label_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_array_set_clear_func (self->field_rows, field_row_clear);
  gtk_menu_button_set_create_popup_func (self->filter_button, on_filter_button_create_popup_cb, self, NULL);
  /* GtkSearchEntry waits 150 ms after a keystroke by default: the store answers a keystroke in
   * a few milliseconds (affari_store_query_deal_ids), so the views follow the typing at once. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
}

/* ------------------------------------------------------------ public API */

AffariStore *
affari_filter_bar_get_store (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  return self->store;
}

void
affari_filter_bar_set_store (AffariFilterBar *self, AffariStore *store)
{
  g_return_if_fail (AFFARI_IS_FILTER_BAR (self));

  g_set_object (&self->store, store);
  update_chips (self);
}

void
affari_filter_bar_set_pipeline_id (AffariFilterBar *self, gint64 pipeline_id)
{
  g_return_if_fail (AFFARI_IS_FILTER_BAR (self));

  self->pipeline_id = pipeline_id;
}

const AffariDealQuery *
affari_filter_bar_get_filter (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  return self->filter;
}

void
affari_filter_bar_set_filter (AffariFilterBar *self, const AffariDealQuery *filter)
{
  AffariDealQuery *copy;

  g_return_if_fail (AFFARI_IS_FILTER_BAR (self));

  copy = affari_deal_query_new ();
  affari_deal_query_merge_filter (copy, filter);
  affari_deal_query_free (self->filter);
  self->filter = copy;
  sync_entry (self);
  update_chips (self);
}

GtkSearchEntry *
affari_filter_bar_get_search_entry (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  return self->search_entry;
}

GtkWidget *
affari_filter_bar_get_popover (AffariFilterBar *self)
{
  g_return_val_if_fail (AFFARI_IS_FILTER_BAR (self), NULL);

  ensure_popover (self);
  return GTK_WIDGET (self->popover);
}
