/* mc-cli-calendar.c — `motcua-cli calendar …`: the days off of a year, an appointment
 * computed and explained, and the import of yearly announcements.
 *
 * Everything here goes through the store's calendar (bundled rules plus every imported
 * announcement) and the office's deadline settings, so that the answer is the one the
 * desk prints on its slips, not a second opinion.
 */
#include "config.h"

#include <stdlib.h>

#include "mc-cli.h"
#include "mc-error.h"
#include "mc-i18n.h"

static const char *
describe_day_off_kind (McDayOffKind kind)
{
  switch (kind)
    {
    case MC_DAY_OFF_STATUTORY:
      return _("statutory day off");
    case MC_DAY_OFF_COMPENSATORY:
      return _("compensatory day off");
    case MC_DAY_OFF_ANNOUNCED:
      return _("announced day off");
    default:
      return "";
    }
}

static gboolean
parse_year (const char  *text,
            int         *year,
            GError     **error)
{
  gint64 value = 0;

  if (!g_ascii_string_to_signed (text, 10, 1900, 2199, &value, NULL))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not a year between 1900 and 2199"), text);
      return FALSE;
    }
  *year = (int) value;
  return TRUE;
}

McCliStatus
mc_cli_calendar_holidays (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days_off = NULL;
  g_autoptr(GArray) weekends = NULL;
  McHolidayRules *rules;
  McStore *store;
  gboolean confirmed;
  int year;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if (!parse_year (cli->args[1], &year, &error))
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  rules = mc_store_get_holiday_rules (store);
  days_off = mc_holiday_rules_days_off (rules, year);
  weekends = mc_holiday_rules_working_weekends (rules, year);
  confirmed = mc_holiday_rules_year_is_confirmed (rules, year);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list = cJSON_AddArrayToObject (root, "days_off");
      cJSON *working = NULL;

      cJSON_AddNumberToObject (root, "year", year);
      cJSON_AddBoolToObject (root, "confirmed", confirmed);
      cJSON_AddBoolToObject (root, "provisional", !confirmed);
      for (guint i = 0; i < days_off->len; i++)
        {
          const McDayOff *day_off = &g_array_index (days_off, McDayOff, i);
          g_autofree char *date = mc_day_format (day_off->day);
          cJSON *item = cJSON_CreateObject ();

          cJSON_AddStringToObject (item, "date", date);
          cJSON_AddNumberToObject (item, "weekday", mc_day_weekday (day_off->day));
          mc_cli_json_add_string (item, "name", day_off->name);
          cJSON_AddStringToObject (item, "kind", mc_day_off_kind_to_string (day_off->kind));
          cJSON_AddBoolToObject (item, "provisional", day_off->provisional);
          cJSON_AddItemToArray (list, item);
        }
      working = cJSON_AddArrayToObject (root, "working_weekends");
      for (guint i = 0; i < weekends->len; i++)
        {
          const McWorkingWeekend *weekend = &g_array_index (weekends, McWorkingWeekend, i);
          g_autofree char *date = mc_day_format (weekend->day);
          cJSON *item = cJSON_CreateObject ();

          cJSON_AddStringToObject (item, "date", date);
          cJSON_AddNumberToObject (item, "weekday", mc_day_weekday (weekend->day));
          mc_cli_json_add_string (item, "name", weekend->name);
          cJSON_AddItemToArray (working, item);
        }
      mc_cli_print_json (root);
      return MC_CLI_OK;
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, _("Days off in %d"), year);
      if (!confirmed)
        g_string_append_printf (out, " — %s", _("provisional: the government’s announcement for this "
                                                "year has not been imported"));
      g_string_append_c (out, '\n');
      if (days_off->len == 0)
        g_string_append_printf (out, "  %s\n", _("(none)"));
      for (guint i = 0; i < days_off->len; i++)
        {
          const McDayOff *day_off = &g_array_index (days_off, McDayOff, i);
          g_autofree char *date = mc_day_format (day_off->day);

          g_string_append_printf (out, "  %s  ", date);
          mc_cli_append_padded (out, mc_cli_weekday_name (mc_day_weekday (day_off->day)), 11);
          g_string_append_printf (out, "%s — %s%s%s\n", day_off->name != NULL ? day_off->name : "",
                                  describe_day_off_kind (day_off->kind),
                                  day_off->provisional ? ", " : "",
                                  day_off->provisional ? _("provisional") : "");
        }
      g_string_append_printf (out, "\n%s\n", _("Working weekends (days declared working days):"));
      if (weekends->len == 0)
        g_string_append_printf (out, "  %s\n", _("(none)"));
      for (guint i = 0; i < weekends->len; i++)
        {
          const McWorkingWeekend *weekend = &g_array_index (weekends, McWorkingWeekend, i);
          g_autofree char *date = mc_day_format (weekend->day);

          g_string_append_printf (out, "  %s  ", date);
          mc_cli_append_padded (out, mc_cli_weekday_name (mc_day_weekday (weekend->day)), 11);
          g_string_append_printf (out, "%s\n", weekend->name != NULL ? weekend->name : "");
        }
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

McCliStatus
mc_cli_calendar_due (McCli *cli)
{
  g_autofree char *received_text = NULL;
  int working_days = G_MININT;
  int working_hours = G_MININT;
  int calendar_days = G_MININT;
  gboolean same_day = FALSE;
  gboolean none = FALSE;
  const GOptionEntry entries[] = {
    { "received", 0, 0, G_OPTION_ARG_FILENAME, &received_text,
      N_("Moment of receipt (required)"), N_("“YYYY-MM-DD HH:MM”") },
    { "working-days", 0, 0, G_OPTION_ARG_INT, &working_days,
      N_("Time limit of N working days"), "N" },
    { "working-hours", 0, 0, G_OPTION_ARG_INT, &working_hours,
      N_("Time limit of N working hours"), "N" },
    { "calendar-days", 0, 0, G_OPTION_ARG_INT, &calendar_days,
      N_("Time limit of N calendar days"), "N" },
    { "same-day", 0, 0, G_OPTION_ARG_NONE, &same_day,
      N_("Due the same day (the next working day after the cut-off time)"), NULL },
    { "none", 0, 0, G_OPTION_ARG_NONE, &none,
      N_("No statutory time limit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *limit_described = NULL;
  const McOfficeSettings *settings;
  McWorkCalendar *calendar;
  McTimeLimit limit = { MC_TIME_LIMIT_NONE, 0 };
  McStore *store;
  McTime received;
  McTime due = MC_TIME_NONE;
  int n_limits;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;

  n_limits = (working_days != G_MININT) + (working_hours != G_MININT) + (calendar_days != G_MININT)
             + (same_day != FALSE) + (none != FALSE);
  if (received_text == NULL)
    return mc_cli_usage_error (cli, _("--received is required"));
  if (n_limits != 1)
    return mc_cli_usage_error (cli, _("Give exactly one of --working-days, --working-hours, "
                                      "--calendar-days, --same-day and --none"));

  if (working_days != G_MININT)
    limit = (McTimeLimit) { MC_TIME_LIMIT_WORKING_DAYS, working_days };
  else if (working_hours != G_MININT)
    limit = (McTimeLimit) { MC_TIME_LIMIT_WORKING_HOURS, working_hours };
  else if (calendar_days != G_MININT)
    limit = (McTimeLimit) { MC_TIME_LIMIT_CALENDAR_DAYS, calendar_days };
  else if (same_day)
    limit = (McTimeLimit) { MC_TIME_LIMIT_SAME_DAY, 0 };

  if (!mc_time_parse_local (received_text, &received, &error))
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  settings = mc_store_get_settings (store);
  calendar = mc_store_get_work_calendar (store);
  if (!mc_deadline_compute (calendar, &settings->deadline, limit, received, &due, &error))
    return mc_cli_fail (error);

  explanation = mc_deadline_explain (calendar, mc_store_get_holiday_rules (store), &settings->deadline,
                                     limit, MC_PAUSE_RESUMES, received, NULL, 0);
  limit_text = mc_time_limit_to_string (limit);
  limit_described = mc_time_limit_describe (limit);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      g_autofree char *slip = due != MC_TIME_NONE ? mc_time_format_slip (due) : NULL;

      mc_cli_json_add_time (root, "received_at", received);
      cJSON_AddStringToObject (root, "time_limit", limit_text);
      cJSON_AddStringToObject (root, "time_limit_description", limit_described);
      cJSON_AddStringToObject (root, "deadline_mode",
                               settings->deadline.mode == MC_DEADLINE_END_OF_DAY
                               ? "end-of-day" : "office-hours");
      mc_cli_json_add_time (root, "due_at", due);
      mc_cli_json_add_string (root, "due_at_slip", slip);
      mc_cli_json_add_string (root, "explanation", explanation);
      mc_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *received_shown = mc_time_format_local (received);

      g_string_append_printf (out, "%s %s (%s)\n", _("Received:"), received_shown,
                              mc_cli_weekday_name (mc_day_weekday (mc_time_local_day (received))));
      g_string_append_printf (out, "%s %s\n", _("Time limit:"), limit_described);
      if (due == MC_TIME_NONE)
        g_string_append_printf (out, "%s %s\n", _("Appointment:"),
                                _("none (no statutory time limit: never overdue)"));
      else
        {
          g_autofree char *due_shown = mc_time_format_local (due);
          g_autofree char *slip = mc_time_format_slip (due);

          g_string_append_printf (out, "%s %s (%s) — %s\n", _("Appointment:"), due_shown,
                                  mc_cli_weekday_name (mc_day_weekday (mc_time_local_day (due))), slip);
        }
      if (explanation != NULL)
        g_string_append_printf (out, "\n%s\n%s\n", _("Why:"), explanation);
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

McCliStatus
mc_cli_calendar_import (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  McStore *store;
  guint n_recomputed = 0;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if ((contents = mc_cli_read_file (cli->args[1], NULL, &error)) == NULL)
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  if (!mc_store_import_announcements (store, contents, &n_recomputed, &error))
    {
      mc_cli_print_error (_("The announcements in “%s” were refused; the calendar is unchanged: %s"),
                          cli->args[1], error->message);
      return MC_CLI_REFUSED;
    }

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddStringToObject (root, "file", cli->args[1]);
      cJSON_AddNumberToObject (root, "recomputed", n_recomputed);
      mc_cli_print_json (root);
    }
  else
    {
      mc_cli_print (_("Announcements imported from “%s”.\n"), cli->args[1]);
      mc_cli_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u open dossier had its appointment recomputed.\n",
                            "%u open dossiers had their appointments recomputed.\n",
                            n_recomputed),
               n_recomputed);
    }
  return MC_CLI_OK;
}
