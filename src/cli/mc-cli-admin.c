/* mc-cli-admin.c — the administrator's and supervisor's commands of motcua-cli: backup,
 * check, settings and figures.
 *
 * Figures are printed with their period and their definition next to each number, and
 * every rate with the counts behind it: a figure whose meaning must be guessed is how
 * dashboards end up silently wrong.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-cli.h"
#include "mc-error.h"
#include "mc-i18n.h"

McCliStatus
mc_cli_backup (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_backup (store, cli->args[1], &error))
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddStringToObject (root, "database", mc_store_get_path (store));
      cJSON_AddStringToObject (root, "backup", cli->args[1]);
      mc_cli_print_json (root);
    }
  else
    mc_cli_print (_("Backup of “%s” written to “%s”.\n"), mc_store_get_path (store), cli->args[1]);
  return MC_CLI_OK;
}

McCliStatus
mc_cli_check (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 0, 0))
    return MC_CLI_USAGE;
  /* Checking a file that is not there must not quietly create an empty, healthy one. */
  if (cli->db_path != NULL && !g_file_test (cli->db_path, G_FILE_TEST_EXISTS))
    {
      mc_cli_print_error (_("There is no database at “%s”"), cli->db_path);
      return MC_CLI_REFUSED;
    }
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_check (store, problems, &error))
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list;

      cJSON_AddStringToObject (root, "database", mc_store_get_path (store));
      cJSON_AddBoolToObject (root, "ok", problems->len == 0);
      list = cJSON_AddArrayToObject (root, "problems");
      for (guint i = 0; i < problems->len; i++)
        cJSON_AddItemToArray (list, cJSON_CreateString (g_ptr_array_index (problems, i)));
      mc_cli_print_json (root);
    }
  else if (problems->len == 0)
    mc_cli_print (_("No problems found in “%s”.\n"), mc_store_get_path (store));
  else
    {
      mc_cli_print (g_dngettext (GETTEXT_PACKAGE, "%u problem found in “%s”:\n",
                                 "%u problems found in “%s”:\n", problems->len),
                    problems->len, mc_store_get_path (store));
      for (guint i = 0; i < problems->len; i++)
        mc_cli_print ("  - %s\n", (const char *) g_ptr_array_index (problems, i));
    }
  return problems->len == 0 ? MC_CLI_OK : MC_CLI_REFUSED;
}

/* ---- settings --------------------------------------------------------------------- */

static const McOfficeSettingInfo *
find_setting (const char *key)
{
  gsize n_keys = 0;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);

  for (gsize i = 0; i < n_keys; i++)
    if (g_str_equal (keys[i].key, key))
      return &keys[i];
  return NULL;
}

static McCliStatus
unknown_setting (const char *key)
{
  mc_cli_print_error (_("Unknown setting “%s”; “motcua-cli settings list” shows them all"), key);
  return MC_CLI_REFUSED;
}

McCliStatus
mc_cli_settings_list (McCli *cli)
{
  gsize n_keys = 0;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);
  const McOfficeSettings *settings;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 0, 0))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  settings = mc_store_get_settings (store);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list = cJSON_AddArrayToObject (root, "settings");

      for (gsize i = 0; i < n_keys; i++)
        {
          g_autofree char *value = mc_office_settings_get (settings, keys[i].key);
          cJSON *entry = cJSON_CreateObject ();

          cJSON_AddStringToObject (entry, "key", keys[i].key);
          mc_cli_json_add_string (entry, "value", value);
          mc_cli_json_add_string (entry, "default", keys[i].default_value);
          mc_cli_json_add_string (entry, "description", _(keys[i].description));
          cJSON_AddItemToArray (list, entry);
        }
      mc_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (gsize i = 0; i < n_keys; i++)
        {
          g_autofree char *value = mc_office_settings_get (settings, keys[i].key);

          mc_cli_append_padded (out, keys[i].key, 28);
          g_string_append_printf (out, " = %s\n", value != NULL ? value : "");
          g_string_append_printf (out, "    %s\n", _(keys[i].description));
        }
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

/* Prints one setting as stored (normalised, not as typed); "key = value" when @with_key. */
static McCliStatus
print_setting (McCli       *cli,
               McStore     *store,
               const char  *key,
               gboolean     with_key)
{
  g_autofree char *value = mc_office_settings_get (mc_store_get_settings (store), key);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddStringToObject (root, "key", key);
      mc_cli_json_add_string (root, "value", value);
      mc_cli_print_json (root);
    }
  else if (with_key)
    mc_cli_print ("%s = %s\n", key, value != NULL ? value : "");
  else
    mc_cli_print ("%s\n", value != NULL ? value : "");
  return MC_CLI_OK;
}

McCliStatus
mc_cli_settings_get (McCli *cli)
{
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if (find_setting (cli->args[1]) == NULL)
    return unknown_setting (cli->args[1]);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  return print_setting (cli, store, cli->args[1], FALSE);
}

McCliStatus
mc_cli_settings_set (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 2, 2))
    return MC_CLI_USAGE;
  if (find_setting (cli->args[1]) == NULL)
    return unknown_setting (cli->args[1]);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_set_setting (store, cli->args[1], cli->args[2], &error))
    return mc_cli_fail (error);

  return print_setting (cli, store, cli->args[1], TRUE);
}

/* ---- figures ---------------------------------------------------------------------- */

static void
append_rate (GString *out,
             gint64   part,
             gint64   whole)
{
  if (whole == 0)
    g_string_append (out, _("— (nothing finished)"));
  else
    g_string_append_printf (out, _("%.1f%% (%lld of %lld)"),
                            100.0 * (double) part / (double) whole, (long long) part, (long long) whole);
}

static void
append_count (GString    *out,
              const char *label,
              gint64      count,
              const char *definition)
{
  g_string_append_printf (out, "  %s %" G_GINT64_FORMAT "  (%s)\n", label, count, definition);
}

static gboolean
parse_period (const char  *from_text,
              const char  *to_text,
              McDay       *from,
              McDay       *to,
              GError     **error)
{
  McDay today = mc_time_local_day (mc_time_now ());
  int year, month, mday;

  if (to_text != NULL)
    {
      if (!mc_day_parse (to_text, to, error))
        return FALSE;
    }
  else
    *to = today;

  if (from_text != NULL)
    {
      if (!mc_day_parse (from_text, from, error))
        return FALSE;
    }
  else
    {
      /* Default: the calendar year of the period's end, up to that day. */
      mc_day_to_ymd (*to, &year, &month, &mday);
      *from = mc_day_from_ymd (year, 1, 1);
    }

  if (*from > *to)
    {
      g_autofree char *a = mc_day_format (*from);
      g_autofree char *b = mc_day_format (*to);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The period starts (%s) after it ends (%s)"), a, b);
      return FALSE;
    }
  return TRUE;
}

McCliStatus
mc_cli_figures (McCli *cli)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_text,
      N_("First day of the period (default: 1 January of the last day’s year)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_text,
      N_("Last day of the period, included (default: today)"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  const char *def_received = N_("dossiers received in the period, by their status now");
  const char *def_finished = N_("dossiers whose result was ready in the period, judged against the "
                                "original appointment");
  const char *def_rate = N_("(early + on time) ÷ finished in the period");
  const char *def_open = N_("dossiers whose deadline runs now (received or in processing), "
                            "whenever received");
  const char *def_paused = N_("dossiers waiting now for a supplement or a payment: their clock "
                              "is stopped");
  const char *def_overdue = N_("dossiers whose deadline runs and whose current appointment has "
                               "passed, now");
  const char *def_due_soon = N_("dossiers whose deadline runs and are due before the end of the next "
                                "working day(s) set in deadline.due-soon-days, now");
  const char *def_month = N_("per month in which the result was ready: early or on time ÷ finished");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  g_autofree char *from_shown = NULL;
  g_autofree char *to_shown = NULL;
  g_autofree char *now_shown = NULL;
  McStoreCounts counts;
  McStore *store;
  McTime now = mc_time_now ();
  McDay from_day, to_day;
  McTime from, to;
  gint64 finished, on_time;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (!parse_period (from_text, to_text, &from_day, &to_day, &error))
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  /* The store counts over [from, to): the day after the last day, at midnight. */
  from = mc_time_from_local (from_day, 0);
  to = mc_time_from_local (to_day + 1, 0);
  if (!mc_store_count (store, from, to, now, &counts, &error))
    return mc_cli_fail (error);
  if ((months = mc_store_on_time_by_month (store, from, to, &error)) == NULL)
    return mc_cli_fail (error);

  finished = counts.finished_early + counts.finished_on_time + counts.finished_late;
  on_time = counts.finished_early + counts.finished_on_time;
  from_shown = mc_day_format (from_day);
  to_shown = mc_day_format (to_day);
  now_shown = mc_time_format_local (now);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *period = cJSON_AddObjectToObject (root, "period");
      cJSON *by_status;
      cJSON *done;
      cJSON *snapshot;
      cJSON *by_month;
      cJSON *definitions;

      cJSON_AddStringToObject (period, "from", from_shown);
      cJSON_AddStringToObject (period, "to", to_shown);
      cJSON_AddBoolToObject (period, "to_included", TRUE);
      cJSON_AddStringToObject (root, "now", now_shown);

      cJSON_AddNumberToObject (root, "received", (double) counts.received);
      by_status = cJSON_AddObjectToObject (root, "received_by_status");
      for (int status = MC_STATUS_FIRST; status <= MC_STATUS_LAST; status++)
        cJSON_AddNumberToObject (by_status, mc_status_to_string ((McStatus) status),
                                 (double) counts.by_status[status]);

      done = cJSON_AddObjectToObject (root, "finished");
      cJSON_AddNumberToObject (done, "total", (double) finished);
      cJSON_AddNumberToObject (done, "early", (double) counts.finished_early);
      cJSON_AddNumberToObject (done, "on_time", (double) counts.finished_on_time);
      cJSON_AddNumberToObject (done, "late", (double) counts.finished_late);
      if (finished > 0)
        cJSON_AddNumberToObject (root, "on_time_rate", (double) on_time / (double) finished);
      else
        cJSON_AddNullToObject (root, "on_time_rate");

      snapshot = cJSON_AddObjectToObject (root, "now_counts");
      cJSON_AddNumberToObject (snapshot, "open", (double) counts.open);
      cJSON_AddNumberToObject (snapshot, "paused", (double) counts.paused);
      cJSON_AddNumberToObject (snapshot, "overdue", (double) counts.overdue);
      cJSON_AddNumberToObject (snapshot, "due_soon", (double) counts.due_soon);

      by_month = cJSON_AddArrayToObject (root, "on_time_by_month");
      for (guint i = 0; i < months->len; i++)
        {
          const McMonthRate *rate = &g_array_index (months, McMonthRate, i);
          g_autofree char *month = g_strdup_printf ("%04d-%02d", rate->year, rate->month);
          cJSON *entry = cJSON_CreateObject ();

          cJSON_AddStringToObject (entry, "month", month);
          cJSON_AddNumberToObject (entry, "finished", (double) rate->finished);
          cJSON_AddNumberToObject (entry, "on_time", (double) rate->on_time);
          if (rate->finished > 0)
            cJSON_AddNumberToObject (entry, "rate", (double) rate->on_time / (double) rate->finished);
          else
            cJSON_AddNullToObject (entry, "rate");
          cJSON_AddItemToArray (by_month, entry);
        }

      definitions = cJSON_AddObjectToObject (root, "definitions");
      cJSON_AddStringToObject (definitions, "received", _(def_received));
      cJSON_AddStringToObject (definitions, "finished", _(def_finished));
      cJSON_AddStringToObject (definitions, "on_time_rate", _(def_rate));
      cJSON_AddStringToObject (definitions, "open", _(def_open));
      cJSON_AddStringToObject (definitions, "paused", _(def_paused));
      cJSON_AddStringToObject (definitions, "overdue", _(def_overdue));
      cJSON_AddStringToObject (definitions, "due_soon", _(def_due_soon));
      cJSON_AddStringToObject (definitions, "on_time_by_month", _(def_month));
      mc_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      gboolean first = TRUE;

      g_string_append_printf (out, _("Figures for %s to %s (both included), counted at %s"),
                              from_shown, to_shown, now_shown);
      g_string_append (out, "\n\n");

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", _("Received:"), counts.received);
      g_string_append_printf (out, "  (%s)\n", _(def_received));
      g_string_append (out, "  ");
      for (int status = MC_STATUS_FIRST; status <= MC_STATUS_LAST; status++)
        {
          if (counts.by_status[status] == 0)
            continue;
          g_string_append_printf (out, "%s%s: %" G_GINT64_FORMAT, first ? "" : ", ",
                                  mc_status_describe ((McStatus) status), counts.by_status[status]);
          first = FALSE;
        }
      g_string_append (out, first ? _("(none)") : "");
      g_string_append_c (out, '\n');

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT " — %s %" G_GINT64_FORMAT ", %s %" G_GINT64_FORMAT
                              ", %s %" G_GINT64_FORMAT "\n",
                              _("Finished:"), finished,
                              _("early"), counts.finished_early,
                              _("on time"), counts.finished_on_time,
                              _("late"), counts.finished_late);
      g_string_append_printf (out, "  (%s)\n", _(def_finished));
      g_string_append_printf (out, "%s ", _("Early or on time:"));
      append_rate (out, on_time, finished);
      g_string_append_printf (out, "\n  (%s)\n", _(def_rate));

      g_string_append_printf (out, "\n%s\n", _("Now, whatever the period:"));
      append_count (out, _("Deadline running:"), counts.open, _(def_open));
      append_count (out, _("Clock stopped:"), counts.paused, _(def_paused));
      append_count (out, _("Overdue:"), counts.overdue, _(def_overdue));
      append_count (out, _("Due soon:"), counts.due_soon, _(def_due_soon));

      g_string_append_printf (out, "\n%s\n  (%s)\n", _("Early or on time, by month:"), _(def_month));
      if (months->len == 0)
        g_string_append_printf (out, "  %s\n", _("(none)"));
      for (guint i = 0; i < months->len; i++)
        {
          const McMonthRate *rate = &g_array_index (months, McMonthRate, i);

          g_string_append_printf (out, "  %04d-%02d  ", rate->year, rate->month);
          append_rate (out, rate->on_time, rate->finished);
          g_string_append_c (out, '\n');
        }
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

McCliStatus
mc_cli_generate (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  int n_dossiers = 1000, years = 3, seed = 1;
  GOptionEntry entries[] = {
    { "dossiers", 0, 0, G_OPTION_ARG_INT, &n_dossiers, N_("How many dossiers (default 1000)"), N_("N") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Over how many years up to now (default 3)"), N_("Y") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the generator: the same seed gives the same dossiers"), N_("S") },
    { NULL }
  };
  McStore *store;
  gint64 started;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (n_dossiers < 1 || n_dossiers > 10000000)
    return mc_cli_usage_error (cli, _("--dossiers must be between 1 and 10000000"));
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  started = g_get_monotonic_time ();
  if (!mc_store_generate (store, (guint) n_dossiers, (guint32) seed, mc_time_now (), years, &error))
    return mc_cli_fail (error);
  mc_cli_print (_("%d demonstration dossiers generated over %d years in %.1f s.\n"), n_dossiers, years,
                (g_get_monotonic_time () - started) / 1e6);
  return MC_CLI_OK;
}
