/* affari-filter-criteria.c — the criteria of a filter in words, and typed bounds in machine form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "affari-filter-criteria"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "model/affari-money.h"
#include "model/affari-reference.h"

#include "ui/filter/affari-filter-criteria.h"

const char * const affari_filter_currencies[AFFARI_FILTER_N_CURRENCIES] = { "EUR", "USD", "GBP", "CHF" };

/* ------------------------------------------------------------ auxiliary */

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
  return g_strdup_printf (_("%s: %s"), what, affari_filter_period_label (range->period));
}

static char *
stage_name (AffariWorkspace *workspace, gint64 stage_id)
{
  g_autoptr(AffariStage) stage = affari_workspace_get_stage (workspace, stage_id, NULL);
  return g_strdup (stage ? affari_stage_get_name (stage) : "?");
}

static char *
member_name (AffariWorkspace *workspace, gint64 id)
{
  g_autoptr(AffariTeamMember) member = affari_workspace_get_team_member (workspace, id, NULL);
  return g_strdup (member ? affari_team_member_get_name (member) : "?");
}

static char *
pair_name (AffariListKind kind, GPtrArray *pairs, const char *code)
{
  for (guint i = 0; pairs != NULL && i + 1 < pairs->len; i += 2)
    if (g_strcmp0 (g_ptr_array_index (pairs, i), code) == 0)
      return g_strdup (affari_list_item_display_name (kind, code, g_ptr_array_index (pairs, i + 1)));
  return g_strdup (affari_list_item_display_name (kind, code, NULL));
}

static char *
semantics_label (guint mask)
{
  if (mask == (1u << AFFARI_SEMANTICS_PROCESS))
    /* not "In progress": a stage has that name */
    return g_strdup (C_("filter chip", "Open deals"));
  if (mask == (1u << AFFARI_SEMANTICS_SUCCESS))
    return g_strdup (_("Won"));
  if (mask == (1u << AFFARI_SEMANTICS_FAILURE))
    return g_strdup (_("Lost"));
  return g_strdup (_("Closed"));
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

static void
chip_clear (gpointer data)
{
  AffariFilterChip *chip = data;

  g_clear_pointer (&chip->label, g_free);
}

static AffariFilterChip *
add_chip (GArray *chips, AffariFilterChipKind kind, char *label)
{
  AffariFilterChip chip = { kind, label, 0 };

  g_array_append_val (chips, chip);
  return &g_array_index (chips, AffariFilterChip, chips->len - 1);
}

/* ------------------------------------------------------------ public API */

const char *
affari_filter_period_label (AffariPeriod period)
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

GArray *
affari_filter_criteria_describe (AffariWorkspace *workspace, const AffariDealQuery *q)
{
  GArray *chips = g_array_new (FALSE, TRUE, sizeof (AffariFilterChip));

  g_array_set_clear_func (chips, chip_clear);
  g_return_val_if_fail (AFFARI_IS_WORKSPACE (workspace), chips);
  g_return_val_if_fail (q != NULL, chips);

  /* The search text has its entry: no chip for it. */
  if (q->semantics_mask != 0 && q->semantics_mask != 0x7)
    add_chip (chips, AFFARI_FILTER_CHIP_SEMANTICS, semantics_label (q->semantics_mask));
  else if (q->closed != AFFARI_CLOSED_ANY)
    add_chip (chips, AFFARI_FILTER_CHIP_SEMANTICS,
              g_strdup (q->closed == AFFARI_CLOSED_OPEN_ONLY ? C_("filter chip", "Open") : C_("filter chip", "Closed")));
  if (q->stage_ids != NULL && q->stage_ids->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      for (guint i = 0; i < q->stage_ids->len; i++)
        {
          g_autofree char *name = stage_name (workspace, g_array_index (q->stage_ids, gint64, i));
          g_string_append_printf (names, i ? ", %s" : "%s", name);
        }
      add_chip (chips, AFFARI_FILTER_CHIP_STAGES, g_string_free (g_steal_pointer (&names), FALSE));
    }
  if (q->assigned_to_me)
    add_chip (chips, AFFARI_FILTER_CHIP_MINE, g_strdup (_("My deals")));
  if ((q->assigned_ids != NULL && q->assigned_ids->len > 0) || q->assigned_by_id > 0)
    {
      gint64 id = q->assigned_by_id > 0 ? q->assigned_by_id : g_array_index (q->assigned_ids, gint64, 0);
      g_autofree char *name = member_name (workspace, id);
      guint more = q->assigned_ids != NULL && q->assigned_ids->len > 1 ? q->assigned_ids->len - 1 : 0;
      add_chip (chips, AFFARI_FILTER_CHIP_RESPONSIBLE,
                more ? g_strdup_printf ("%s +%u", name, more) : g_steal_pointer (&name));
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
      add_chip (chips, AFFARI_FILTER_CHIP_AMOUNT, label);
    }
  if (q->currency != NULL)
    add_chip (chips, AFFARI_FILTER_CHIP_CURRENCY, g_strdup (q->currency));
  if (q->company_id > 0)
    {
      g_autoptr(AffariCompany) company = affari_workspace_get_company (workspace, q->company_id, NULL);
      add_chip (chips, AFFARI_FILTER_CHIP_CLIENT, g_strdup (company ? affari_company_get_name (company) : "?"));
    }
  if (q->type_id != NULL)
    {
      g_autoptr(GPtrArray) types = affari_workspace_list_deal_types (workspace, NULL);
      add_chip (chips, AFFARI_FILTER_CHIP_TYPE, pair_name (AFFARI_LIST_DEAL_TYPES, types, q->type_id));
    }
  if (q->source_id != NULL)
    {
      g_autoptr(GPtrArray) sources = affari_workspace_list_sources (workspace, NULL);
      add_chip (chips, AFFARI_FILTER_CHIP_SOURCE, pair_name (AFFARI_LIST_SOURCES, sources, q->source_id));
    }
  if (q->created.period != AFFARI_PERIOD_ANY)
    add_chip (chips, AFFARI_FILTER_CHIP_CREATED, describe_range (_("Created"), &q->created));
  if (q->begin.period != AFFARI_PERIOD_ANY)
    add_chip (chips, AFFARI_FILTER_CHIP_BEGIN, describe_range (_("Start"), &q->begin));
  if (q->close.period != AFFARI_PERIOD_ANY)
    add_chip (chips, AFFARI_FILTER_CHIP_CLOSE, describe_range (_("Expected close"), &q->close));
  else if (q->close_date_from != NULL || q->close_date_to != NULL)
    {
      AffariDateRange r = { AFFARI_PERIOD_BETWEEN, 0, q->close_date_from, q->close_date_to };
      add_chip (chips, AFFARI_FILTER_CHIP_CLOSE, describe_range (_("Expected close"), &r));
    }
  if (q->closed_on.period != AFFARI_PERIOD_ANY)
    add_chip (chips, AFFARI_FILTER_CHIP_CLOSED_ON, describe_range (_("Closed"), &q->closed_on));
  if (q->repeat == AFFARI_REPEAT_ONLY)
    add_chip (chips, AFFARI_FILTER_CHIP_REPEAT, g_strdup (_("Repeat deals")));
  else if (q->repeat == AFFARI_REPEAT_NONE)
    add_chip (chips, AFFARI_FILTER_CHIP_REPEAT, g_strdup (_("Not repeat deals")));
  if (q->activity == AFFARI_ACTIVITY_FILTER_NONE_PLANNED)
    add_chip (chips, AFFARI_FILTER_CHIP_ACTIVITY, g_strdup (_("No planned activities")));
  else if (q->activity == AFFARI_ACTIVITY_FILTER_OVERDUE)
    add_chip (chips, AFFARI_FILTER_CHIP_ACTIVITY, g_strdup (_("Overdue activities")));
  if (q->field_criteria != NULL && q->field_criteria->len > 0)
    {
      g_autoptr(GPtrArray) fields = affari_workspace_list_custom_fields (workspace, NULL);

      for (guint i = 0; i < q->field_criteria->len; i++)
        {
          const AffariFieldCriterion *c = &g_array_index (q->field_criteria, AffariFieldCriterion, i);
          AffariFilterChip *chip = add_chip (chips, AFFARI_FILTER_CHIP_FIELD,
                                             describe_field_criterion (find_custom_field (fields, c->field_id), c));

          chip->field_id = c->field_id;
        }
    }
  return chips;
}

void
affari_filter_criteria_remove (AffariDealQuery *q, AffariFilterChipKind kind, gint64 field_id)
{
  g_return_if_fail (q != NULL);

  switch (kind)
    {
    case AFFARI_FILTER_CHIP_TEXT:
      affari_deal_query_set_text (q, NULL);
      break;
    case AFFARI_FILTER_CHIP_SEMANTICS:
      q->semantics_mask = 0;
      q->closed = AFFARI_CLOSED_ANY;
      break;
    case AFFARI_FILTER_CHIP_STAGES:
      g_clear_pointer (&q->stage_ids, g_array_unref);
      break;
    case AFFARI_FILTER_CHIP_RESPONSIBLE:
      g_clear_pointer (&q->assigned_ids, g_array_unref);
      q->assigned_by_id = 0;
      break;
    case AFFARI_FILTER_CHIP_MINE:
      q->assigned_to_me = FALSE;
      break;
    case AFFARI_FILTER_CHIP_AMOUNT:
      q->has_amount_min = q->has_amount_max = FALSE;
      break;
    case AFFARI_FILTER_CHIP_CURRENCY:
      g_clear_pointer (&q->currency, g_free);
      break;
    case AFFARI_FILTER_CHIP_CLIENT:
      q->company_id = 0;
      break;
    case AFFARI_FILTER_CHIP_TYPE:
      g_clear_pointer (&q->type_id, g_free);
      break;
    case AFFARI_FILTER_CHIP_SOURCE:
      g_clear_pointer (&q->source_id, g_free);
      break;
    case AFFARI_FILTER_CHIP_CREATED:
      q->created.period = AFFARI_PERIOD_ANY;
      break;
    case AFFARI_FILTER_CHIP_BEGIN:
      q->begin.period = AFFARI_PERIOD_ANY;
      break;
    case AFFARI_FILTER_CHIP_CLOSE:
      q->close.period = AFFARI_PERIOD_ANY;
      g_clear_pointer (&q->close_date_from, g_free);
      g_clear_pointer (&q->close_date_to, g_free);
      break;
    case AFFARI_FILTER_CHIP_CLOSED_ON:
      q->closed_on.period = AFFARI_PERIOD_ANY;
      break;
    case AFFARI_FILTER_CHIP_REPEAT:
      q->repeat = AFFARI_REPEAT_ANY;
      break;
    case AFFARI_FILTER_CHIP_ACTIVITY:
      q->activity = AFFARI_ACTIVITY_FILTER_ANY;
      break;
    case AFFARI_FILTER_CHIP_FIELD:
      affari_deal_query_remove_field_criterion (q, field_id);
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
affari_filter_criteria_bound_text (const AffariCustomField    *field,
                                   const AffariFieldCriterion *c,
                                   const char                 *bound)
{
  gint64 minor;

  if (c == NULL || bound == NULL)
    return NULL;
  /* money bounds are edited as plain figures, without the currency sign */
  if (c->match == AFFARI_FIELD_MATCH_MONEY)
    return affari_money_parse_decimal (bound, &minor, NULL) ? affari_money_format (minor, NULL) : NULL;
  return format_bound (field, c, bound);
}

char *
affari_filter_criteria_parse_bound (const AffariCustomField *field, const char *text, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *machine = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  switch (field->kind)
    {
    case AFFARI_FIELD_DATE:
      machine = affari_date_parse (text, &local);
      break;
    case AFFARI_FIELD_MONEY:
      {
        gint64 minor;

        if (affari_money_parse (text, &minor, &local))
          machine = affari_money_to_decimal (minor);
      }
      break;
    case AFFARI_FIELD_DOUBLE:
    default:
      machine = parse_number (text);
      if (machine == NULL)
        {
          g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, _("“%s” is not a number."), text);
          return NULL;
        }
      break;
    }
  if (machine == NULL)
    g_set_error (error, AFFARI_ERROR, AFFARI_ERROR_INVALID, "%s: %s", field->label, local ? local->message : "");
  return machine;
}

void
affari_filter_criteria_read_range (AffariPeriod           period,
                                   int                    days,
                                   const AffariDateRange *old,
                                   AffariDateRange       *range)
{
  if (period == AFFARI_PERIOD_ANY && old->period == AFFARI_PERIOD_BETWEEN)
    {
      range->period = AFFARI_PERIOD_BETWEEN;
      range->from = g_strdup (old->from);
      range->to = g_strdup (old->to);
      return;
    }
  range->period = period;
  range->days = period == AFFARI_PERIOD_LAST_DAYS ? days : 0;
}
