/* mc-cli-sync.c — the portal sync from the command line: run (drain the outbox, for cron
 * and tests), pull, catalogue, status, retry, resend, and the outbox listing.
 *
 * "sync run" exits 0 only when nothing is left to send and nothing was refused, so a
 * cron job notices what the administrator must look at. The portal options replace the
 * settings for one run; the password never appears on the command line, only the file
 * that holds it (readable by its owner alone).
 */
#include "config.h"

#include "mc-cli.h"
#include "mc-i18n.h"
#include "mc-sync-engine.h"

typedef struct
{
  char *portal;
  char *username;
  char *password_file;
  char *dstcode;
} PortalOptions;

static void
portal_options_clear (PortalOptions *options)
{
  g_free (options->portal);
  g_free (options->username);
  g_free (options->password_file);
  g_free (options->dstcode);
}

#define PORTAL_OPTION_ENTRIES(o) \
  { "portal", 0, 0, G_OPTION_ARG_STRING, &(o).portal, \
    N_("Portal base URL for this run, with the contract's paths /login and /service"), N_("URL") }, \
  { "username", 0, 0, G_OPTION_ARG_STRING, &(o).username, N_("Portal user name for this run"), N_("NAME") }, \
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &(o).password_file, \
    N_("File holding the portal password, readable only by its owner (chmod 600)"), N_("FILE") }, \
  { "dstcode", 0, 0, G_OPTION_ARG_STRING, &(o).dstcode, \
    N_("Agency code sent to the portal (default: office.agency-code)"), N_("CODE") }

/* An engine for the database of @cli, with the options replacing the settings. */
static McSyncEngine *
make_engine (McCli         *cli,
             PortalOptions *options)
{
  McStore *store = mc_cli_open_store (cli);
  McSyncEngine *engine;

  if (store == NULL)
    return NULL;
  engine = mc_sync_engine_new (mc_store_get_path (store));
  if (options != NULL && (options->portal || options->username || options->password_file || options->dstcode))
    {
      McPortalConfig config = {
        .base_url = options->portal,
        .username = options->username,
        .password_file = options->password_file,
        .dstcode = options->dstcode,
      };

      /* A base URL given here comes with the contract's default paths. */
      if (options->portal != NULL)
        {
          config.auth_path = (char *) "/login";
          config.service_path = (char *) "/service";
        }
      mc_sync_engine_set_override (engine, &config);
    }
  return engine;
}

static gboolean
check_portal_options (McCli         *cli,
                      PortalOptions *options)
{
  g_autoptr(GError) error = NULL;

  if (options->portal != NULL && !mc_portal_base_url_check (options->portal, &error))
    {
      mc_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }
  if (options->password_file != NULL && !g_path_is_absolute (options->password_file))
    {
      g_autofree char *absolute = g_canonicalize_filename (options->password_file, NULL);

      g_free (options->password_file);
      options->password_file = g_steal_pointer (&absolute);
    }
  return TRUE;
}

/* sync run */

typedef struct
{
  GMainLoop    *loop;
  McSyncReport  total;              /* summed over the runs */
  McSyncReport  last;
  char         *last_error;         /* owned */
  gboolean      drained;
  gboolean      timed_out;
  gboolean      stopping;
  gboolean      any_run;
} RunLoop;

static void
add_report (McSyncReport       *total,
            const McSyncReport *report)
{
  total->dossiers_sent += report->dossiers_sent;
  total->steps_sent += report->steps_sent;
  total->refused += report->refused;
  total->postponed += report->postponed;
  total->calls += report->calls;
  total->pulled |= report->pulled;
  total->pulled_new += report->pulled_new;
  total->pending = report->pending;
  total->failed = report->failed;
  total->to_receive = report->to_receive;
}

static void
run_finished (McSyncEngine       *engine,
              const McSyncReport *report,
              const GError       *error,
              RunLoop            *run)
{
  add_report (&run->total, report);
  run->last = *report;
  run->any_run = TRUE;
  g_clear_pointer (&run->last_error, g_free);
  if (error != NULL)
    run->last_error = g_strdup (error->message);
  /* Done when a run ended well with nothing left to send, when giving up, or when trying
   * again cannot help (no portal configured, a bad password file, a certificate that does
   * not verify): cron should hear of it now, not in ten minutes. */
  if ((error == NULL && report->pending == 0) || run->stopping ||
      (error != NULL && !mc_portal_error_is_transient (error) &&
       !g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_BUSY)))
    {
      run->drained = error == NULL && report->pending == 0;
      g_main_loop_quit (run->loop);
    }
}

static gboolean
run_timed_out (gpointer user_data)
{
  RunLoop *run = user_data;

  run->timed_out = TRUE;
  run->stopping = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
print_run_result (McCli              *cli,
                  const McSyncReport *report,
                  const char         *error_message,
                  gboolean            timed_out,
                  int                 max_seconds)
{
  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddNumberToObject (root, "dossiers_sent", report->dossiers_sent);
      cJSON_AddNumberToObject (root, "steps_sent", report->steps_sent);
      cJSON_AddNumberToObject (root, "refused", report->refused);
      cJSON_AddNumberToObject (root, "postponed", report->postponed);
      cJSON_AddNumberToObject (root, "calls", report->calls);
      cJSON_AddBoolToObject (root, "pulled", report->pulled);
      cJSON_AddNumberToObject (root, "pulled_new", report->pulled_new);
      cJSON_AddNumberToObject (root, "pending", (double) report->pending);
      cJSON_AddNumberToObject (root, "failed", (double) report->failed);
      cJSON_AddNumberToObject (root, "to_receive", (double) report->to_receive);
      cJSON_AddBoolToObject (root, "timed_out", timed_out);
      mc_cli_json_add_string (root, "error", error_message);
      mc_cli_print_json (root);
    }
  else
    {
      mc_cli_print (_("Sent %u dossier records and %u steps in %u calls; %u refused; %lld changes left to send.\n"),
                    report->dossiers_sent, report->steps_sent, report->calls, report->refused,
                    (long long) report->pending);
      if (report->pulled)
        mc_cli_print (_("Online submissions: %u new, %lld waiting to be received.\n"),
                      report->pulled_new, (long long) report->to_receive);
    }

  if (report->pending > 0)
    {
      if (timed_out)
        mc_cli_print_error (_("%lld changes are still waiting after %d s: %s"), (long long) report->pending,
                            max_seconds, error_message ? error_message : _("the portal did not take them in time"));
      else
        mc_cli_print_error (_("%lld changes are still waiting: %s"), (long long) report->pending,
                            error_message ? error_message : _("the portal asked to send them later"));
    }
  else if (error_message != NULL)
    mc_cli_print_error ("%s", error_message);
  if (report->failed > 0)
    mc_cli_print_error (_("%lld records were refused by the portal for their content; "
                          "see “motcua-cli outbox” and send them again with “motcua-cli sync retry”"),
                        (long long) report->failed);
}

McCliStatus
mc_cli_sync_run (McCli *cli)
{
  PortalOptions options = { 0 };
  gboolean once = FALSE, no_pull = FALSE;
  int max_seconds = 600;
  GOptionEntry entries[] = {
    { "once", 0, 0, G_OPTION_ARG_NONE, &once,
      N_("One attempt: stop at the first failure instead of retrying"), NULL },
    { "max-seconds", 0, 0, G_OPTION_ARG_INT, &max_seconds,
      N_("Without --once, give up retrying after this many seconds (default 600)"), N_("N") },
    { "no-pull", 0, 0, G_OPTION_ARG_NONE, &no_pull,
      N_("Do not pull the online submissions"), NULL },
    PORTAL_OPTION_ENTRIES (options),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(McSyncEngine) engine = NULL;
  McCliStatus status = MC_CLI_USAGE;

  if (!mc_cli_parse_options (cli, entries, 0, 0) || !check_portal_options (cli, &options))
    goto out;
  if (max_seconds < 1 || max_seconds > 7 * 24 * 3600)
    {
      status = mc_cli_usage_error (cli, _("--max-seconds must be between 1 and 604800"));
      goto out;
    }
  status = MC_CLI_REFUSED;
  engine = make_engine (cli, &options);
  if (engine == NULL)
    goto out;
  mc_sync_engine_set_pull_interval (engine, no_pull ? -1 : 0);

  if (once)
    {
      g_autoptr(GError) error = NULL;
      McSyncReport report;

      mc_sync_engine_run_once (engine, &report, NULL, &error);
      print_run_result (cli, &report, error ? error->message : NULL, FALSE, 0);
      status = error == NULL && report.pending == 0 && report.failed == 0 ? MC_CLI_OK : MC_CLI_REFUSED;
    }
  else
    {
      RunLoop run = { 0 };
      GSource *timeout;
      gulong handler;

      /* Retries with the engine's own backoff until drained or out of time. Only the
       * first run pulls: the retries are about the outbox. */
      run.loop = g_main_loop_new (NULL, FALSE);
      handler = g_signal_connect (engine, "run-finished", G_CALLBACK (run_finished), &run);
      timeout = g_timeout_source_new_seconds ((guint) max_seconds);
      g_source_set_callback (timeout, run_timed_out, &run, NULL);
      g_source_attach (timeout, NULL);
      mc_sync_engine_start (engine);
      g_main_loop_run (run.loop);
      if (!run.drained)
        {
          /* Out of time: stop, and let a run under way note what it was answered. */
          run.stopping = TRUE;
          mc_sync_engine_stop (engine);
          if (mc_sync_engine_get_state (engine) == MC_SYNC_STATE_SENDING)
            g_main_loop_run (run.loop);
        }
      mc_sync_engine_stop (engine);
      g_source_destroy (timeout);
      g_source_unref (timeout);
      g_signal_handler_disconnect (engine, handler);
      if (!run.any_run)
        {
          McOutboxCounts counts;

          if (mc_store_count_outbox (cli->store, &counts, NULL))
            {
              run.total.pending = counts.pending;
              run.total.failed = counts.failed;
            }
        }
      print_run_result (cli, &run.total, run.drained ? NULL : run.last_error, run.timed_out, max_seconds);
      status = run.drained && run.total.failed == 0 ? MC_CLI_OK : MC_CLI_REFUSED;
      g_free (run.last_error);
      g_main_loop_unref (run.loop);
    }

out:
  portal_options_clear (&options);
  return status;
}

McCliStatus
mc_cli_sync_pull (McCli *cli)
{
  PortalOptions options = { 0 };
  GOptionEntry entries[] = {
    PORTAL_OPTION_ENTRIES (options),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  McCliStatus status = MC_CLI_USAGE;
  McSyncReport report;

  if (!mc_cli_parse_options (cli, entries, 0, 0) || !check_portal_options (cli, &options))
    goto out;
  status = MC_CLI_REFUSED;
  engine = make_engine (cli, &options);
  if (engine == NULL)
    goto out;
  if (!mc_sync_engine_pull (engine, &report, NULL, &error))
    {
      status = mc_cli_fail (error);
      goto out;
    }
  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddNumberToObject (root, "new", report.pulled_new);
      cJSON_AddNumberToObject (root, "to_receive", (double) report.to_receive);
      mc_cli_print_json (root);
    }
  else
    mc_cli_print (_("Online submissions: %u new, %lld waiting to be received.\n"),
                  report.pulled_new, (long long) report.to_receive);
  status = MC_CLI_OK;

out:
  portal_options_clear (&options);
  return status;
}

McCliStatus
mc_cli_sync_catalogue (McCli *cli)
{
  PortalOptions options = { 0 };
  GOptionEntry entries[] = {
    PORTAL_OPTION_ENTRIES (options),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  McCliStatus status = MC_CLI_USAGE;
  guint n = 0;

  if (!mc_cli_parse_options (cli, entries, 0, 0) || !check_portal_options (cli, &options))
    goto out;
  status = MC_CLI_REFUSED;
  engine = make_engine (cli, &options);
  if (engine == NULL)
    goto out;
  if (!mc_sync_engine_refresh_catalogue (engine, &n, NULL, &error))
    {
      status = mc_cli_fail (error);
      goto out;
    }
  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddNumberToObject (root, "procedures", n);
      mc_cli_print_json (root);
    }
  else
    mc_cli_print (g_dngettext (GETTEXT_PACKAGE, "%u procedure imported from the portal.\n",
                               "%u procedures imported from the portal.\n", n), n);
  status = MC_CLI_OK;

out:
  portal_options_clear (&options);
  return status;
}

/* Listing the outbox. */

static const char *
kind_name (McOutboxKind kind)
{
  return kind == MC_OUTBOX_STEP ? "step" : "dossier";
}

static cJSON *
entry_to_json (const McOutboxEntry *entry)
{
  cJSON *item = cJSON_CreateObject ();

  cJSON_AddNumberToObject (item, "id", (double) entry->id);
  cJSON_AddStringToObject (item, "kind", kind_name (entry->kind));
  cJSON_AddStringToObject (item, "state", entry->failed ? "failed" : "pending");
  mc_cli_json_add_string (item, "dossier", entry->dossier_code);
  cJSON_AddNumberToObject (item, "revision", (double) entry->revision);
  if (entry->kind == MC_OUTBOX_STEP)
    cJSON_AddNumberToObject (item, "event_id", (double) entry->event_id);
  cJSON_AddNumberToObject (item, "attempts", entry->attempts);
  mc_cli_json_add_string (item, "message", entry->last_error);
  mc_cli_json_add_time (item, "created_at", entry->created_at);
  mc_cli_json_add_time (item, "last_attempt_at", entry->last_attempt_at);
  mc_cli_json_add_time (item, "next_attempt_at", entry->next_attempt_at);
  cJSON_AddBoolToObject (item, "waiting_for_dossier", entry->waiting_for_dossier);
  return item;
}

static void
append_entry (GString             *out,
              const McOutboxEntry *entry)
{
  g_autofree char *id = g_strdup_printf ("#%" G_GINT64_FORMAT, entry->id);
  const char *what = entry->kind == MC_OUTBOX_STEP ? _("step") : _("dossier");
  g_autofree char *revision = g_strdup_printf ("r%" G_GINT64_FORMAT, entry->revision);

  g_string_append (out, "  ");
  mc_cli_append_padded (out, id, 8);
  mc_cli_append_padded (out, entry->dossier_code ? entry->dossier_code : "", 27);
  mc_cli_append_padded (out, what, 9);
  mc_cli_append_padded (out, revision, 6);
  if (entry->failed)
    g_string_append (out, _("refused: "));
  else if (entry->waiting_for_dossier)
    g_string_append (out, _("waits for its dossier; "));
  g_string_append (out, entry->last_error ? entry->last_error : (entry->failed ? "" : _("waiting")));
  g_string_append_c (out, '\n');
}

McCliStatus
mc_cli_outbox (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  gboolean all = FALSE;
  int limit = 200;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List every waiting change, not only the refused ones"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many rows (default 200)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  McOutboxCounts counts;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (limit < 1)
    return mc_cli_usage_error (cli, _("--limit must be at least 1"));
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_count_outbox (store, &counts, &error) ||
      (entries_found = mc_store_list_outbox (store, !all, (guint) limit, &error)) == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list;

      cJSON_AddNumberToObject (root, "pending", (double) counts.pending);
      cJSON_AddNumberToObject (root, "failed", (double) counts.failed);
      cJSON_AddNumberToObject (root, "unsynced_dossiers", (double) counts.unsynced);
      list = cJSON_AddArrayToObject (root, "entries");
      for (guint i = 0; i < entries_found->len; i++)
        cJSON_AddItemToArray (list, entry_to_json (g_ptr_array_index (entries_found, i)));
      mc_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", _("Waiting to be sent to the portal:"), counts.pending);
      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", _("Refused by the portal for their content:"),
                              counts.failed);
      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", _("Dossiers whose latest state the portal lacks:"),
                              counts.unsynced);
      if (entries_found->len > 0)
        g_string_append_printf (out, "\n%s\n", all ? _("Waiting changes:") : _("Refused records:"));
      for (guint i = 0; i < entries_found->len; i++)
        append_entry (out, g_ptr_array_index (entries_found, i));
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

McCliStatus
mc_cli_sync_status (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  McOutboxCounts counts;
  McSyncRecord record;
  const McOfficeSettings *settings;
  McStore *store;
  gboolean configured;

  if (!mc_cli_parse_options (cli, NULL, 0, 0))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_count_outbox (store, &counts, &error) ||
      (failures = mc_store_list_outbox (store, TRUE, 200, &error)) == NULL ||
      !mc_store_get_sync_record (store, &record, &error))
    return mc_cli_fail (error);
  settings = mc_store_get_settings (store);
  configured = settings->portal_base_url != NULL && *settings->portal_base_url != '\0';

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list;

      mc_cli_json_add_string (root, "portal", configured ? settings->portal_base_url : NULL);
      cJSON_AddNumberToObject (root, "pending", (double) counts.pending);
      cJSON_AddNumberToObject (root, "failed", (double) counts.failed);
      cJSON_AddNumberToObject (root, "unsynced_dossiers", (double) counts.unsynced);
      cJSON_AddNumberToObject (root, "to_receive", (double) counts.to_receive);
      mc_cli_json_add_time (root, "last_attempt", record.last_attempt_at);
      mc_cli_json_add_time (root, "last_success", record.last_success_at);
      mc_cli_json_add_string (root, "last_error", record.last_error);   /* a success clears it */
      mc_cli_json_add_time (root, "last_error_at", record.last_error_at);
      mc_cli_json_add_time (root, "next_retry", counts.pending > 0 ? counts.next_attempt_at : MC_TIME_NONE);
      mc_cli_json_add_time (root, "last_pull", record.last_pull_at);
      mc_cli_json_add_time (root, "catalogue_refreshed", record.catalogue_refreshed_at);
      list = cJSON_AddArrayToObject (root, "failures");
      for (guint i = 0; i < failures->len; i++)
        cJSON_AddItemToArray (list, entry_to_json (g_ptr_array_index (failures, i)));
      mc_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *success = mc_cli_format_time (record.last_success_at);
      g_autofree char *error_at = mc_cli_format_time (record.last_error_at);
      g_autofree char *pull = mc_cli_format_time (record.last_pull_at);

      g_string_append_printf (out, "%s %s\n", _("Portal:"),
                              configured ? settings->portal_base_url : _("not configured (setting portal.base-url)"));
      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", _("Waiting to be sent to the portal:"), counts.pending);
      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", _("Refused by the portal for their content:"),
                              counts.failed);
      g_string_append_printf (out, "%s %s\n", _("Last successful sync:"), success);
      if (record.last_error != NULL)
        g_string_append_printf (out, "%s %s — %s\n", _("Last error:"), error_at, record.last_error);
      g_string_append_printf (out, "%s %" G_GINT64_FORMAT " (%s %s)\n", _("Online submissions to receive:"),
                              counts.to_receive, _("last pulled"), pull);
      if (failures->len > 0)
        g_string_append_printf (out, "\n%s\n", _("Refused records:"));
      for (guint i = 0; i < failures->len; i++)
        append_entry (out, g_ptr_array_index (failures, i));
      mc_cli_print ("%s", out->str);
    }
  mc_sync_record_clear (&record);
  return MC_CLI_OK;
}

McCliStatus
mc_cli_sync_retry (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  McStore *store;
  gint64 id = 0;
  guint n = 0;

  if (!mc_cli_parse_options (cli, NULL, 0, 1))
    return MC_CLI_USAGE;
  if (cli->n_args == 1)
    {
      const char *text = cli->args[1] + (cli->args[1][0] == '#');
      char *end = NULL;

      id = g_ascii_strtoll (text, &end, 10);
      if (*text == '\0' || *end != '\0' || id <= 0)
        return mc_cli_usage_error (cli, _("“%s” is not an outbox entry number"), cli->args[1]);
    }
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_outbox_retry (store, id, &n, &error))
    return mc_cli_fail (error);
  if (id != 0 && n == 0)
    {
      mc_cli_print_error (_("Outbox entry #%lld is not a refused record"), (long long) id);
      return MC_CLI_REFUSED;
    }
  mc_cli_print (g_dngettext (GETTEXT_PACKAGE, "%u refused record will be sent again.\n",
                             "%u refused records will be sent again.\n", n), n);
  return MC_CLI_OK;
}

McCliStatus
mc_cli_sync_resend (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every dossier of the desk"), NULL },
    G_OPTION_ENTRY_NULL
  };
  McStore *store;
  guint n = 0;

  if (!mc_cli_parse_options (cli, entries, 0, 1))
    return MC_CLI_USAGE;
  if ((cli->n_args == 1) == all)
    return mc_cli_usage_error (cli, _("Name one dossier code, or --all"));
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_outbox_resend (store, all ? NULL : cli->args[1], &n, &error))
    return mc_cli_fail (error);
  mc_cli_print (g_dngettext (GETTEXT_PACKAGE, "%u dossier with all its steps will be sent again.\n",
                             "%u dossiers with all their steps will be sent again.\n", n), n);
  return MC_CLI_OK;
}
