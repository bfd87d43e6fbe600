/* mc-cli-report.c — "motcua-cli report": the supervisor's period report.
 *
 *   motcua-cli report --from DATE --to DATE [--by field|procedure|agency|clerk]
 *                     [--json | --csv FILE | --xlsx FILE | --pdf FILE]
 *
 * The period is whole local days, both ends included (or --period this-month, 2026-Q3, …).
 * Without --by every breakdown is in the report; with it, only that one. --csv writes one
 * table: the breakdown chosen with --by, else the figures. --xlsx writes every table as a
 * sheet, --pdf the printable report with its charts; they may be combined. --json prints
 * everything as JSON; plain output prints the figures and one breakdown (--by, else by
 * procedure) as text. Both carry digitisation (the dossiers and results with a scan) and the
 * citizens' ratings with the satisfaction rate.
 */
#include "config.h"

#include "mc-cli.h"
#include "mc-i18n.h"
#include "mc-report.h"

static void
add_rate (cJSON  *object,
          gint64  part,
          gint64  whole)
{
  double rate;

  if (mc_figures_rate (part, whole, &rate))
    cJSON_AddNumberToObject (object, "rate", rate);
  else
    cJSON_AddNullToObject (object, "rate");
}

static cJSON *
rate_object (gint64      part,
             gint64      whole,
             const char *definition)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddNumberToObject (object, "part", (double) part);
  cJSON_AddNumberToObject (object, "whole", (double) whole);
  add_rate (object, part, whole);
  cJSON_AddStringToObject (object, "definition", definition);
  return object;
}

static void
add_handling (cJSON  *object,
              gint64  total_seconds,
              gint64  n,
              int     daily_seconds)
{
  cJSON_AddNumberToObject (object, "handled", (double) n);
  if (n > 0 && daily_seconds > 0)
    cJSON_AddNumberToObject (object, "average_working_days",
                             (double) total_seconds / (double) n / (double) daily_seconds);
  else
    cJSON_AddNullToObject (object, "average_working_days");
}

static cJSON *
dashboard_to_json (const McDashboard *d)
{
  const McDashboardFigures *f = &d->figures;
  cJSON *root = cJSON_CreateObject ();
  cJSON *period = cJSON_AddObjectToObject (root, "period");
  cJSON *figures = cJSON_AddObjectToObject (root, "figures");
  cJSON *by_status = cJSON_AddObjectToObject (figures, "received_by_status");
  cJSON *rates = cJSON_AddObjectToObject (root, "rates");
  cJSON *handling = cJSON_AddObjectToObject (root, "handling_time");
  cJSON *breakdowns = cJSON_AddObjectToObject (root, "breakdowns");
  cJSON *months = cJSON_AddArrayToObject (root, "on_time_by_month");
  cJSON *weeks = cJSON_AddArrayToObject (root, "received_finished_by_week");
  cJSON *lateness = cJSON_AddObjectToObject (root, "overdue_by_lateness");
  cJSON *buckets = cJSON_AddArrayToObject (lateness, "buckets");
  cJSON *definitions = cJSON_AddObjectToObject (root, "definitions");
  cJSON *missing = cJSON_AddArrayToObject (root, "not_available");
  g_autofree char *first = mc_day_format (d->period.first);
  g_autofree char *last = mc_day_format (d->period.last);
  g_autofree char *description = mc_period_describe (&d->period);

  cJSON_AddStringToObject (period, "from", first);
  cJSON_AddStringToObject (period, "to", last);
  cJSON_AddBoolToObject (period, "to_included", TRUE);
  cJSON_AddStringToObject (period, "description", description);
  mc_cli_json_add_time (root, "now", f->now);

  for (int figure = MC_FIGURE_RECEIVED; figure <= MC_FIGURE_LAST; figure++)
    {
      g_autofree char *key = g_strdelimit (g_strdup (mc_figure_to_string (figure)), "-", '_');

      cJSON_AddNumberToObject (figures, key, (double) mc_dashboard_figures_get (f, figure));
      cJSON_AddStringToObject (definitions, key, mc_figure_definition (figure));
    }
  cJSON_AddNumberToObject (figures, "waiting_supplement", (double) f->waiting_supplement);
  cJSON_AddNumberToObject (figures, "waiting_payment", (double) f->waiting_payment);
  for (int status = MC_STATUS_FIRST; status <= MC_STATUS_LAST; status++)
    cJSON_AddNumberToObject (by_status, mc_status_to_string ((McStatus) status), (double) f->received_by_status[status]);

  cJSON_AddItemToObject (rates, "on_time", rate_object (f->finished_early + f->finished_on_time, f->finished,
                                                        mc_figures_on_time_rate_definition));
  cJSON_AddItemToObject (rates, "online_share", rate_object (f->received_online, f->received,
                                                             mc_figures_online_share_definition));
  cJSON_AddItemToObject (rates, "synced_share", rate_object (f->received_synced, f->received,
                                                             mc_figures_synced_share_definition));
  cJSON_AddItemToObject (rates, "received_digitised_share",
                         rate_object (f->received_digitised, f->received,
                                      mc_figures_received_digitised_share_definition));
  cJSON_AddItemToObject (rates, "result_digitised_share",
                         rate_object (f->result_digitised, f->finished, mc_figures_result_digitised_share_definition));
  cJSON_AddItemToObject (rates, "satisfaction", rate_object (f->rated_very_satisfied + f->rated_satisfied, f->rated,
                                                             mc_figures_satisfaction_definition));
  add_handling (handling, f->handling_seconds, f->handled, f->daily_working_seconds);
  cJSON_AddStringToObject (handling, "definition", mc_figures_handling_definition);

  for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
    {
      GPtrArray *rows = d->breakdowns[kind];
      cJSON *array;

      if (rows == NULL)
        continue;
      array = cJSON_AddArrayToObject (breakdowns, mc_breakdown_kind_to_string (kind));
      for (guint i = 0; i < rows->len; i++)
        {
          const McBreakdownRow *row = g_ptr_array_index (rows, i);
          cJSON *entry = cJSON_CreateObject ();

          mc_cli_json_add_string (entry, "key", row->key);
          cJSON_AddStringToObject (entry, "label", row->label);
          cJSON_AddNumberToObject (entry, "received", (double) row->received);
          cJSON_AddNumberToObject (entry, "finished", (double) row->finished);
          cJSON_AddNumberToObject (entry, "finished_early", (double) row->finished_early);
          cJSON_AddNumberToObject (entry, "finished_on_time", (double) row->finished_on_time);
          cJSON_AddNumberToObject (entry, "finished_late", (double) row->finished_late);
          cJSON_AddNumberToObject (entry, "overdue", (double) row->overdue);
          add_rate (entry, mc_breakdown_row_in_time (row), row->finished);
          add_handling (entry, row->handling_seconds, row->handled, f->daily_working_seconds);
          cJSON_AddItemToArray (array, entry);
        }
    }

  for (guint i = 0; i < d->months->len; i++)
    {
      const McMonthFigures *m = &g_array_index (d->months, McMonthFigures, i);
      g_autofree char *month = g_strdup_printf ("%04d-%02d", m->year, m->month);
      cJSON *entry = cJSON_CreateObject ();

      cJSON_AddStringToObject (entry, "month", month);
      cJSON_AddNumberToObject (entry, "finished", (double) m->finished);
      cJSON_AddNumberToObject (entry, "finished_early", (double) m->finished_early);
      cJSON_AddNumberToObject (entry, "finished_on_time", (double) m->finished_on_time);
      cJSON_AddNumberToObject (entry, "finished_late", (double) m->finished_late);
      add_rate (entry, m->finished_early + m->finished_on_time, m->finished);
      cJSON_AddItemToArray (months, entry);
    }
  for (guint i = 0; i < d->weeks->len; i++)
    {
      const McWeekFigures *w = &g_array_index (d->weeks, McWeekFigures, i);
      g_autofree char *week_first = mc_day_format (w->first);
      g_autofree char *week_last = mc_day_format (w->last);
      cJSON *entry = cJSON_CreateObject ();

      cJSON_AddStringToObject (entry, "from", week_first);
      cJSON_AddStringToObject (entry, "to", week_last);
      cJSON_AddNumberToObject (entry, "received", (double) w->received);
      cJSON_AddNumberToObject (entry, "finished", (double) w->finished);
      cJSON_AddItemToArray (weeks, entry);
    }
  for (guint i = 0; i < MC_LATENESS_N_BUCKETS; i++)
    {
      cJSON *entry = cJSON_CreateObject ();
      int min_days, max_days;

      mc_lateness_bucket_bounds (i, &min_days, &max_days);
      cJSON_AddStringToObject (entry, "label", mc_lateness_bucket_describe (i));
      cJSON_AddNumberToObject (entry, "more_than_working_days", min_days);
      if (max_days >= 0)
        cJSON_AddNumberToObject (entry, "at_most_working_days", max_days);
      else
        cJSON_AddNullToObject (entry, "at_most_working_days");
      cJSON_AddNumberToObject (entry, "overdue", (double) d->lateness.counts[i]);
      cJSON_AddItemToArray (buckets, entry);
    }
  cJSON_AddNumberToObject (lateness, "total", (double) d->lateness.total);

  /* Decision 766 figures the desk does not record. */
  cJSON_AddItemToArray (missing, cJSON_CreateString ("results_issued_electronically"));
  cJSON_AddItemToArray (missing, cJSON_CreateString ("online_payment"));
  return root;
}

/* A label of the text output; @sub indents it under the figure above. */
static void
append_label (GString    *out,
              const char *label,
              gboolean    sub)
{
  g_string_append (out, sub ? "    " : "  ");
  mc_cli_append_padded (out, label, sub ? 32 : 34);
}

static void
print_count (GString     *out,
             const char  *label,
             gint64       n,
             gboolean     sub)
{
  g_autofree char *count = mc_figures_format_count (n);

  append_label (out, label, sub);
  g_string_append_printf (out, " %10s\n", count);
}

static void
print_rate (GString     *out,
            const char  *label,
            gint64       part,
            gint64       whole,
            gboolean     sub)
{
  g_autofree char *rate = mc_figures_format_rate (part, whole);
  g_autofree char *a = mc_figures_format_count (part);
  g_autofree char *b = mc_figures_format_count (whole);
  g_autofree char *extra = g_strdup_printf ("(%s / %s)", a, b);

  append_label (out, label, sub);
  g_string_append_printf (out, " %10s  %s\n", rate, extra);
}

static void
print_breakdown (GString          *out,
                 const McDashboard *d,
                 McBreakdownKind   kind)
{
  GPtrArray *rows = d->breakdowns[kind];
  const char *titles[] = { N_("Received"), N_("Finished"), N_("In time"), N_("Late"), N_("Rate"), N_("Overdue"),
                           N_("Days") };

  g_string_append_printf (out, "\n%s\n  ", mc_breakdown_kind_describe (kind));
  mc_cli_append_padded (out, "", 40);
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    {
      g_string_append_c (out, ' ');
      mc_cli_append_padded (out, _(titles[c]), 9);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < rows->len; i++)
    {
      const McBreakdownRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = NULL;
      char *cells[7];
      glong length;

      name = row->key != NULL && g_strcmp0 (row->key, row->label) != 0
             ? g_strdup_printf ("%s %s", row->key, row->label) : g_strdup (row->label);
      length = g_utf8_strlen (name, -1);
      if (length > 40)
        {
          char *cut = g_utf8_substring (name, 0, 39);

          g_free (name);
          name = g_strconcat (cut, "…", NULL);
          g_free (cut);
        }
      cells[0] = mc_figures_format_count (row->received);
      cells[1] = mc_figures_format_count (row->finished);
      cells[2] = mc_figures_format_count (mc_breakdown_row_in_time (row));
      cells[3] = mc_figures_format_count (row->finished_late);
      cells[4] = mc_figures_format_rate (mc_breakdown_row_in_time (row), row->finished);
      cells[5] = mc_figures_format_count (row->overdue);
      cells[6] = mc_figures_format_handling (row->handling_seconds, row->handled, d->figures.daily_working_seconds);
      g_string_append (out, "  ");
      mc_cli_append_padded (out, name, 40);
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          g_string_append_c (out, ' ');
          mc_cli_append_padded (out, cells[c], 9);
          g_free (cells[c]);
        }
      g_string_append_c (out, '\n');
    }
  if (rows->len == 0)
    g_string_append_printf (out, "  %s\n", _("(none)"));
}

static void
print_text (const McDashboard *d,
            McBreakdownKind    by)
{
  const McDashboardFigures *f = &d->figures;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *description = mc_period_describe (&d->period);
  g_autofree char *first = mc_day_format (d->period.first);
  g_autofree char *last = mc_day_format (d->period.last);
  g_autofree char *now = mc_time_format_local (f->now);
  g_autofree char *handling = mc_figures_format_handling (f->handling_seconds, f->handled, f->daily_working_seconds);

  g_string_append_printf (out, _("Report for %s (%s to %s, both included), counted at %s"), description, first,
                          last, now);
  g_string_append (out, "\n\n");
  g_string_append_printf (out, "%s\n", _("The period:"));
  print_count (out, _("Received"), f->received, FALSE);
  print_rate (out, _("submitted online"), f->received_online, f->received, TRUE);
  print_rate (out, _("synced to the portal"), f->received_synced, f->received, TRUE);
  print_rate (out, _("digitised (a document scanned)"), f->received_digitised, f->received, TRUE);
  print_count (out, _("Finished"), f->finished, FALSE);
  print_count (out, _("early"), f->finished_early, TRUE);
  print_count (out, _("on time"), f->finished_on_time, TRUE);
  print_count (out, _("late"), f->finished_late, TRUE);
  print_rate (out, _("On-time rate (early or on time)"), f->finished_early + f->finished_on_time, f->finished,
              FALSE);
  append_label (out, _("Average handling time"), FALSE);
  g_string_append_printf (out, " %10s  %s\n", handling, _("(working days from receipt to result, clock stops included)"));
  print_rate (out, _("Results digitised (scanned)"), f->result_digitised, f->finished, FALSE);
  print_count (out, _("Rated at the return"), f->rated, FALSE);
  print_rate (out, _("very satisfied"), f->rated_very_satisfied, f->rated, TRUE);
  print_rate (out, _("satisfied"), f->rated_satisfied, f->rated, TRUE);
  print_rate (out, _("not satisfied"), f->rated_not_satisfied, f->rated, TRUE);
  print_rate (out, _("Satisfaction rate"), f->rated_very_satisfied + f->rated_satisfied, f->rated, FALSE);
  g_string_append_printf (out, "\n%s\n", _("Now, whatever the period:"));
  print_count (out, _("In processing"), f->in_processing, FALSE);
  print_count (out, _("Waiting for the applicant"), f->waiting, FALSE);
  print_count (out, _("Due soon"), f->due_soon, FALSE);
  print_count (out, _("Overdue"), f->overdue, FALSE);

  for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
    if (d->breakdowns[kind] != NULL && (by == MC_BREAKDOWN_NONE || (int) by == kind))
      print_breakdown (out, d, kind);
  g_string_append_printf (out, "\n%s\n", _("Not recorded by the desk: results issued electronically, online payment."));
  mc_cli_print ("%s", out->str);
}

McCliStatus
mc_cli_report (McCli *cli)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *by_text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *pdf = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_text, N_("First day of the period"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_text, N_("Last day of the period, included"), N_("YYYY-MM-DD") },
    { "period", 0, 0, G_OPTION_ARG_FILENAME, &period_text,
      N_("Instead of --from and --to: today, this-week, this-month, this-quarter, this-year, YYYY, YYYY-Qn or "
         "YYYY-MM"), N_("PERIOD") },
    { "by", 0, 0, G_OPTION_ARG_FILENAME, &by_text,
      N_("Only this breakdown: field, procedure, agency or clerk (default: all of them)"), N_("KIND") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
      N_("Write the breakdown chosen with --by (else the figures) as CSV for Excel"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write every table as a sheet of an XLSX workbook"),
      N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the printable report with its charts as PDF"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDashboard) dashboard = NULL;
  McBreakdownKind by = MC_BREAKDOWN_NONE;
  McPeriod period;
  McStore *store;
  McTime now = mc_time_now ();
  guint breakdowns = 0;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (period_text != NULL && (from_text != NULL || to_text != NULL))
    return mc_cli_usage_error (cli, _("Give either --period or --from and --to, not both"));
  if (period_text == NULL && (from_text == NULL || to_text == NULL))
    return mc_cli_usage_error (cli, _("--from and --to are required (or --period)"));
  if (by_text != NULL && !mc_breakdown_kind_parse (by_text, &by, &error))
    return mc_cli_usage_error (cli, "%s", error->message);
  if (period_text != NULL ? !mc_period_parse_name (period_text, now, &period, &error)
                          : !mc_period_parse (from_text, to_text, &period, &error))
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
    if (by == MC_BREAKDOWN_NONE || (int) by == kind)
      breakdowns |= 1u << kind;
  if ((dashboard = mc_store_load_dashboard (store, &period, now, breakdowns, &error)) == NULL)
    return mc_cli_fail (error);

  if (csv != NULL && *csv != '\0' &&
      !mc_report_write_csv (dashboard, by != MC_BREAKDOWN_NONE ? mc_report_table_for_breakdown (by)
                                                                : MC_REPORT_TABLE_FIGURES, csv, &error))
    return mc_cli_fail (error);
  if (xlsx != NULL && *xlsx != '\0' &&
      !mc_report_write_xlsx (dashboard, mc_store_get_settings (store), now, xlsx, &error))
    return mc_cli_fail (error);
  if (pdf != NULL && *pdf != '\0')
    {
      g_autoptr(McReport) report = mc_report_new (mc_store_get_settings (store), dashboard, now);

      if (!mc_report_render_pdf (report, pdf, &error))
        return mc_cli_fail (error);
    }

  if (cli->json)
    {
      cJSON *root = dashboard_to_json (dashboard);

      mc_cli_json_add_string (root, "csv", csv != NULL && *csv != '\0' ? csv : NULL);
      mc_cli_json_add_string (root, "xlsx", xlsx != NULL && *xlsx != '\0' ? xlsx : NULL);
      mc_cli_json_add_string (root, "pdf", pdf != NULL && *pdf != '\0' ? pdf : NULL);
      mc_cli_print_json (root);
      return MC_CLI_OK;
    }
  if ((csv == NULL || *csv == '\0') && (xlsx == NULL || *xlsx == '\0') && (pdf == NULL || *pdf == '\0'))
    print_text (dashboard, by != MC_BREAKDOWN_NONE ? by : MC_BREAKDOWN_PROCEDURE);
  if (csv != NULL && *csv != '\0')
    mc_cli_print (_("CSV written to “%s”.\n"), csv);
  if (xlsx != NULL && *xlsx != '\0')
    mc_cli_print (_("Spreadsheet written to “%s”.\n"), xlsx);
  if (pdf != NULL && *pdf != '\0')
    mc_cli_print (_("Report written to “%s”.\n"), pdf);
  return MC_CLI_OK;
}
