/* bench-sync.c — how fast a backlog reaches the portal.
 *
 * A desk that was offline for a while comes back with thousands of changes. This puts
 * N pending changes in the outbox of a temporary database (N/2 receipts, each a dossier
 * record and its first step), then drains them to a portal simulator on 127.0.0.1 twice,
 * from identical copies: the way the engine works (batches of up to 100 records over one
 * kept-alive connection and one session) and the naive way (one request per record, each
 * on a new connection). It prints records per second for both and the speed-up, as
 * "name: value unit" lines and one JSON line, like bench-core.
 *
 *   bench-sync --sim=PATH [--changes N] [--keep]
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "mc-sync-engine.h"

typedef struct
{
  GString *json;
  guint    missed;
} Report;

static void
report_value (Report     *report,
              const char *name,
              double      value,
              const char *unit,
              const char *target_op,
              double      target)
{
  gboolean missed = FALSE;

  if (target_op != NULL)
    missed = g_str_equal (target_op, ">=") ? !(value >= target) : !(value < target);
  if (target_op != NULL)
    g_print ("%s: %.3f %s (target %s %g)%s\n", name, value, unit, target_op, target, missed ? " MISSED" : "");
  else
    g_print ("%s: %.3f %s\n", name, value, unit);
  if (missed)
    report->missed++;
  g_string_append_printf (report->json, ", \"%s\": %.3f", name, value);
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static GSubprocess *
start_simulator (const char  *sim_path,
                 const char  *dir,
                 const char  *name,
                 int         *port,
                 GError     **error)
{
  g_autofree char *data = g_build_filename (dir, name, NULL);
  g_autofree char *port_file = g_strconcat (data, ".port", NULL);
  g_autofree char *log = g_strconcat (data, ".log", NULL);
  const char *argv[] = { sim_path, "--data-dir", data, "--port", "0", "--port-file", port_file, NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  GSubprocess *process;

  /* The simulator's log of calls goes to a file next to its data (--keep keeps it). */
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return NULL;
  for (int i = 0; i < 400; i++)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (port_file, &text, NULL, NULL) && (*port = atoi (text)) > 0)
        return process;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_subprocess_force_exit (process);
  g_object_unref (process);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the simulator did not start");
  return NULL;
}

static void
stop_simulator (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (process);
}

/* Drains the desk at @db_path; returns the seconds taken. */
static gboolean
drain (const char    *sim_path,
       const char    *dir,
       const char    *name,
       const char    *db_path,
       const char    *password_file,
       gboolean       naive,
       McSyncReport  *result,
       double        *seconds,
       GError       **error)
{
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (db_path);
  g_autofree char *base_url = NULL;
  GSubprocess *sim;
  int port = 0;
  gint64 start;
  gboolean ok;

  sim = start_simulator (sim_path, dir, name, &port, error);
  if (sim == NULL)
    return FALSE;
  base_url = g_strdup_printf ("http://127.0.0.1:%d", port);
  {
    McPortalConfig config = {
      .base_url = base_url,
      .auth_path = (char *) "/login",
      .service_path = (char *) "/service",
      .username = (char *) "demo",
      .password_file = (char *) password_file,
      .timeout_seconds = 60,
      .new_connection_per_call = naive,
    };

    mc_sync_engine_set_override (engine, &config);
  }
  mc_sync_engine_set_batch_size (engine, naive ? 1 : 100);
  mc_sync_engine_set_pull_interval (engine, -1);

  g_print ("Draining to %s (%s) ...\n", base_url,
           naive ? "one record per request, a new connection each" : "batches over one connection");
  start = g_get_monotonic_time ();
  ok = mc_sync_engine_run_once (engine, result, NULL, error);
  *seconds = seconds_since (start);
  stop_simulator (sim);
  if (ok && result->pending != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%" G_GINT64_FORMAT " changes were left", result->pending);
      ok = FALSE;
    }
  return ok;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— drain a backlog of changes to the portal simulator");
  g_autoptr(GError) error = NULL;
  g_autofree char *sim_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *naive_path = NULL;
  g_autofree char *password_file = NULL;
  g_autoptr(McStore) store = NULL;
  Report report = { g_string_new (NULL), 0 };
  McSyncReport batched, naive;
  double batched_seconds = 0, naive_seconds = 0, prepare_seconds;
  int changes = 10000;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "sim", 0, 0, G_OPTION_ARG_FILENAME, &sim_path, "The portal simulator (motcua-portal-sim)", "PATH" },
    { "changes", 'n', 0, G_OPTION_ARG_INT, &changes, "Pending changes in the outbox (default 10000)", "N" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
    G_OPTION_ENTRY_NULL
  };
  McTime start_at;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || sim_path == NULL || changes < 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: bench-sync --sim=PATH [--changes N]");
      return 2;
    }

  dir = g_dir_make_tmp ("motcua-bench-sync-XXXXXX", &error);
  if (dir == NULL)
    goto fail;
  db_path = g_build_filename (dir, "desk.db", NULL);
  naive_path = g_build_filename (dir, "desk-copy.db", NULL);
  password_file = g_build_filename (dir, "password", NULL);
  if (!g_file_set_contents (password_file, "demo\n", -1, &error) || g_chmod (password_file, 0600) != 0)
    goto fail;
  store = mc_store_open (db_path, &error);
  if (store == NULL)
    goto fail;

  /* The backlog: receipts a clerk made while the link was down, each one transaction. */
  g_print ("Receiving %d dossiers into %s ...\n", changes / 2, db_path);
  start = g_get_monotonic_time ();
  start_at = mc_time_now () - 60 * MC_SECONDS_PER_DAY;
  for (int i = 0; i < changes / 2; i++)
    {
      g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
      g_autoptr(McDossier) dossier = NULL;

      draft->procedure_code = g_strdup ("1.004222");
      draft->applicant_name = g_strdup_printf ("Nguyễn Văn Tồn Đọng %d", i + 1);
      draft->id_number = g_strdup ("008090001234");
      draft->phone = g_strdup ("0912345678");
      /* Spread over weeks, within the desk's 9999 numbers a day. */
      draft->received_at = start_at + (McTime) i * 120;
      mc_dossier_draft_add_document (draft, "ct01", NULL, MC_DOCUMENT_ORIGINAL, 1);
      dossier = mc_store_receive (store, draft, "tiepnhan.lan", &error);
      if (dossier == NULL)
        goto fail;
    }
  prepare_seconds = seconds_since (start);
  if (!mc_store_backup (store, naive_path, &error))
    goto fail;
  g_clear_object (&store);

  if (!drain (sim_path, dir, "sim-batched", db_path, password_file, FALSE, &batched, &batched_seconds, &error) ||
      !drain (sim_path, dir, "sim-naive", naive_path, password_file, TRUE, &naive, &naive_seconds, &error))
    goto fail;

  {
    double batched_records = batched.dossiers_sent + batched.steps_sent;
    double naive_records = naive.dossiers_sent + naive.steps_sent;
    double batched_rate = batched_records / batched_seconds;
    double naive_rate = naive_records / naive_seconds;

    g_string_append_printf (report.json, "{\"nproc\": %u, \"changes\": %d", g_get_num_processors (), changes);
    report_value (&report, "prepare_receipts_per_second", changes / 2 / prepare_seconds, "receipts/s", NULL, 0);
    report_value (&report, "batched_records", batched_records, "records", NULL, 0);
    report_value (&report, "batched_calls", batched.calls, "calls", NULL, 0);
    report_value (&report, "batched_seconds", batched_seconds, "s", NULL, 0);
    report_value (&report, "batched_records_per_second", batched_rate, "records/s", ">=", 2000);
    report_value (&report, "naive_records", naive_records, "records", NULL, 0);
    report_value (&report, "naive_calls", naive.calls, "calls", NULL, 0);
    report_value (&report, "naive_seconds", naive_seconds, "s", NULL, 0);
    report_value (&report, "naive_records_per_second", naive_rate, "records/s", NULL, 0);
    report_value (&report, "speedup", batched_rate / naive_rate, "times", ">=", 5);
    report_value (&report, "targets_missed", report.missed, "targets", NULL, 0);
    g_print ("%s}\n", report.json->str);
  }
  if (!keep)
    remove_tree (dir);
  g_string_free (report.json, TRUE);
  return 0;

fail:
  g_printerr ("bench-sync: %s\n", error ? error->message : "failed");
  if (dir != NULL && !keep)
    remove_tree (dir);
  g_string_free (report.json, TRUE);
  return 1;
}
