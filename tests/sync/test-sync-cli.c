/* "motcua-cli sync" as cron and an administrator use it, against a faulty portal
 * simulator: every fault ends with the portal holding each dossier and step exactly once
 * in its latest state; a refused record is shown with the portal's message; no network
 * keeps everything waiting until the portal is back; TLS is never bypassed; the password
 * file must be private; and a sync killed at random points loses and duplicates nothing. */
#include <signal.h>

#include <glib/gstdio.h>

#include "sync-test.h"

static cJSON *
parse (const char *text)
{
  cJSON *json = cJSON_Parse (text);

  g_assert_nonnull (json);
  return json;
}

static gint64
json_int (const cJSON *object,
          const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  g_assert_true (cJSON_IsNumber (item));
  return (gint64) item->valuedouble;
}

/* A desk of @n dossiers against a simulator started with the fault arguments, drained by
 * "sync run" retrying with backoff: the portal ends up exactly as the desk. */
static void
drain_under_faults (guint        n,
                    int          timeout_seconds,
                    const char  *const *fault_args,
                    const char  *stat_that_fired)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(TestSim) sim = NULL;
  g_ptr_array_unref (test_desk_fill (desk, n, 17));
  g_autoptr(cJSON) state = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (args, (gpointer) "--seed");
  g_ptr_array_add (args, (gpointer) "42");
  for (guint i = 0; fault_args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) fault_args[i]);
  g_ptr_array_add (args, NULL);
  sim = test_sim_startv (desk->dir, 0, (const char * const *) args->pdata);
  test_desk_connect (desk, sim, timeout_seconds);
  /* Smaller calls: more of them, so more chances for the faults. */
  test_desk_set (desk, "sync.batch-size", "25");

  status = test_cli_run (desk, &out, &err, "sync", "run", "--max-seconds", "120", NULL);
  if (status != 0)
    g_printerr ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  test_assert_portal_matches (desk, sim);
  /* The fault did happen (the seed fixes the sequence). */
  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (json_int (cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (state, "stats"),
                                                               "faults"), stat_that_fired), >, 0);
}

static gint64
fault_count (TestSim    *sim,
             const char *name)
{
  g_autoptr(cJSON) state = test_sim_get (sim, "/_sim/state");

  return json_int (cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (state, "stats"), "faults"),
                   name);
}

static void
test_server_errors_are_retried (void)
{
  static const char *const faults[] = { "--fail-rate", "0.35", NULL };

  drain_under_faults (60, 5, faults, "fail");
}

static void
test_timeouts_are_retried (void)
{
  static const char *const faults[] = { "--timeout-rate", "0.2", "--timeout-seconds", "3", NULL };

  drain_under_faults (40, 1, faults, "timeout_after");
}

static void
test_connection_resets_are_retried (void)
{
  static const char *const faults[] = { "--reset-rate", "0.3", NULL };

  drain_under_faults (60, 5, faults, "reset_after");
}

static void
test_truncated_answers_are_retried (void)
{
  static const char *const faults[] = { "--truncate-rate", "0.3", NULL };

  drain_under_faults (60, 5, faults, "truncate_after");
}

static void
test_expired_sessions_log_in_again (void)
{
  static const char *const faults[] = { "--expire-rate", "0.3", "--session-ttl", "2", NULL };

  drain_under_faults (60, 5, faults, "expire");
}

static void
test_slow_portal_is_waited_for (void)
{
  static const char *const faults[] = { "--slow-ms", "150", NULL };

  drain_under_faults (40, 5, faults, "slow");
}

/* Everything at once, and the faults really happened. */
static void
test_all_faults_together (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_ptr_array_unref (test_desk_fill (desk, 80, 23));
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, "--seed", "7", "--fail-rate", "0.1", "--reset-rate", "0.1",
                                           "--truncate-rate", "0.1", "--expire-rate", "0.1",
                                           "--timeout-rate", "0.05", "--timeout-seconds", "3", NULL);
  g_autofree char *out = NULL;

  test_desk_connect (desk, sim, 1);
  test_desk_set (desk, "sync.batch-size", "10");
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "run", "--max-seconds", "120", NULL), ==, 0);
  test_assert_portal_matches (desk, sim);
  g_assert_cmpint (fault_count (sim, "fail") + fault_count (sim, "reset_after") + fault_count (sim, "reset_before") +
                   fault_count (sim, "truncate_after") + fault_count (sim, "truncate_before") +
                   fault_count (sim, "expire"), >, 0);
}

static void
test_refused_record_shown_with_message (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_ptr_array_unref (test_desk_fill (desk, 6, 29));
  McTime now = mc_time_now ();
  g_autofree char *odd = test_desk_receive (desk, "Trịnh Văn Bảo", now - 2 * MC_SECONDS_PER_DAY,
                                            "nhân viên tiếp nhận hồ sơ một cửa kiêm văn thư của ủy ban xã");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(cJSON) status = NULL;
  g_autoptr(cJSON) outbox = NULL;
  const cJSON *failure;

  test_desk_connect (desk, sim, 5);
  /* Refused records are the administrator's to look at: not a clean exit. */
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "refused"));

  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "status", "--json", NULL), ==, 0);
  status = parse (out);
  g_assert_cmpint (json_int (status, "pending"), ==, 0);
  g_assert_cmpint (json_int (status, "failed"), ==, 1);
  g_assert_true (cJSON_IsString (cJSON_GetObjectItemCaseSensitive (status, "last_success")));
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItemCaseSensitive (status, "last_error")));
  failure = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (status, "failures"), 0);
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (failure, "dossier")->valuestring, ==, odd);
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (failure, "kind")->valuestring, ==, "step");
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (failure, "state")->valuestring, ==, "failed");
  g_assert_nonnull (strstr (cJSON_GetObjectItemCaseSensitive (failure, "message")->valuestring, "NguoiXuLy"));

  g_assert_cmpint (test_cli_run (desk, &out, NULL, "outbox", "--json", NULL), ==, 0);
  outbox = parse (out);
  g_assert_cmpint (json_int (outbox, "failed"), ==, 1);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (outbox, "entries")), ==, 1);
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "outbox", NULL), ==, 0);
  g_assert_nonnull (strstr (out, odd));
  g_assert_nonnull (strstr (out, "NguoiXuLy"));

  /* Everything else arrived. */
  {
    g_autoptr(cJSON) state = test_sim_get (sim, "/_sim/state");

    g_assert_cmpint (test_sim_stat (state, "creates"), ==, 7);
    g_assert_cmpint (test_sim_stat (state, "refused"), ==, 1);
  }
  test_assert_check_clean (desk);

  /* "Send again": waiting once more, and refused again since nothing changed. */
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "retry", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 refused record will be sent again"));
  g_assert_cmpint (test_desk_counts (desk).pending, ==, 1);
  g_assert_cmpint (test_desk_counts (desk).failed, ==, 0);
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", "--no-pull", NULL), ==, 1);
  g_assert_cmpint (test_desk_counts (desk).failed, ==, 1);
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "retry", "12345", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a refused record"));
}

/* No portal at the address: everything stays waiting, the error says why; a run that
 * keeps trying delivers everything once the portal is up. */
static void
test_no_network_then_delivered (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_ptr_array_unref (test_desk_fill (desk, 30, 31));
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(cJSON) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *port = NULL;
  McOutboxCounts before = test_desk_counts (desk);
  int saved_port = sim->port;

  test_desk_connect (desk, sim, 2);
  test_sim_stop (sim);   /* its port is closed now */

  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Cannot reach the portal"));
  g_assert_cmpint (test_desk_counts (desk).pending, ==, before.pending);
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "status", "--json", NULL), ==, 0);
  status = parse (out);
  g_assert_cmpint (json_int (status, "pending"), ==, before.pending);
  g_assert_nonnull (strstr (cJSON_GetObjectItemCaseSensitive (status, "last_error")->valuestring, "127.0.0.1"));

  /* A run that retries; the portal comes back on the same port a moment later. */
  run = test_cli_spawn (desk, "sync", "run", "--max-seconds", "60", NULL);
  g_usleep (G_USEC_PER_SEC * 3 / 2);
  g_assert_nonnull (g_subprocess_get_identifier (run));   /* still trying */
  port = g_strdup_printf ("%d", saved_port);
  test_sim_free (g_steal_pointer (&sim));
  sim = test_sim_start (desk->dir, saved_port, NULL);
  g_assert_true (g_subprocess_wait (run, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (run), ==, 0);
  test_assert_portal_matches (desk, sim);
}

/* An https portal whose certificate cannot be verified gets nothing; the desk says so. */
static void
test_tls_failure_sends_nothing (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_ptr_array_unref (test_desk_fill (desk, 5, 37));
  g_autofree char *ca = g_build_filename (desk->dir, "bogus-ca.pem", NULL);
  g_autofree char *https = g_strdup_printf ("https://127.0.0.1:%d", sim->port);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(cJSON) state = NULL;
  McOutboxCounts before = test_desk_counts (desk);

  g_assert_true (g_file_set_contents (ca, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n"
                                          "-----END CERTIFICATE-----\n", -1, NULL));
  test_desk_connect (desk, sim, 5);
  test_desk_set (desk, "portal.base-url", https);
  test_desk_set (desk, "portal.ca-file", ca);
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "certificate"));
  g_assert_cmpint (test_desk_counts (desk).pending, ==, before.pending);
  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (test_sim_stat (state, "logins"), ==, 0);
  g_assert_cmpint (test_sim_stat (state, "records"), ==, 0);
}

static void
test_plain_http_only_to_this_machine (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (test_cli_run (desk, &out, &err, "settings", "set", "portal.base-url",
                                 "http://lgsp.example-province.gov.vn/dvc", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "only https"));
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", "--portal", "http://10.1.2.3:8080",
                                 "--username", "demo", "--password-file", desk->password_file, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "only https"));
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "settings", "get", "portal.base-url", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (out), ==, "");
}

/* The password file is refused when others can read it; --password-file works for one run
 * with the portal given on the command line. */
static void
test_password_file_must_be_private (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_ptr_array_unref (test_desk_fill (desk, 4, 41));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(cJSON) state = NULL;

  g_assert_cmpint (g_chmod (desk->password_file, 0644), ==, 0);
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", "--portal", sim->base_url,
                                 "--username", "demo", "--password-file", desk->password_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "chmod 600"));
  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (test_sim_stat (state, "logins"), ==, 0);
  g_clear_pointer (&state, cJSON_Delete);

  g_assert_cmpint (g_chmod (desk->password_file, 0600), ==, 0);
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", "--portal", sim->base_url,
                                 "--username", "demo", "--password-file", desk->password_file,
                                 "--dstcode", "000.00.16.H04", NULL), ==, 0);
  test_assert_portal_matches (desk, sim);
  /* The password is in no setting and in no output. */
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "settings", "list", NULL), ==, 0);
  g_assert_null (strstr (out, "demo\n"));

  /* Everything sent again (a portal that lost data): the same values, absorbed. */
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "resend", "--all", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "4 dossiers with all their steps will be sent again"));
  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--once", "--portal", sim->base_url,
                                 "--username", "demo", "--password-file", desk->password_file, NULL), ==, 0);
  test_assert_portal_matches (desk, sim);
  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (test_sim_stat (state, "replaces"), ==, 4);
}

/* The pull and the catalogue from the command line. */
static void
test_pull_and_catalogue_commands (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, "--online", "12", NULL);
  g_autofree char *out = NULL;
  g_autoptr(cJSON) pulled = NULL;
  g_autoptr(cJSON) again = NULL;
  g_autoptr(cJSON) catalogue = NULL;

  test_desk_connect (desk, sim, 5);
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "pull", "--json", NULL), ==, 0);
  pulled = parse (out);
  g_assert_cmpint (json_int (pulled, "new"), ==, 12);
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "pull", "--json", NULL), ==, 0);
  again = parse (out);
  g_assert_cmpint (json_int (again, "new"), ==, 0);
  g_assert_cmpint (json_int (again, "to_receive"), ==, 12);
  g_assert_cmpint (test_cli_run (desk, &out, NULL, "sync", "catalogue", "--json", NULL), ==, 0);
  catalogue = parse (out);
  g_assert_cmpint (json_int (catalogue, "procedures"), >, 0);
}

/* The sync killed at random points, while the clerk keeps working during the runs; the
 * last run completes. In the end every dossier is on the portal once, in its latest state,
 * every step once with its stored values, nothing waits, and the check is clean. */
static void
test_killed_sync_loses_and_duplicates_nothing (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(GPtrArray) codes = test_desk_fill (desk, 240, 2025);
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, "--seed", "11", "--fail-rate", "0.08",
                                           "--reset-rate", "0.08", "--truncate-rate", "0.08",
                                           "--expire-rate", "0.05", "--slow-ms", "5", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251124);
  g_autoptr(cJSON) state = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  McTime later = mc_time_now () - 12 * 3600;
  guint rounds = 8, killed = 0;

  test_desk_connect (desk, sim, 2);
  test_desk_set (desk, "sync.batch-size", "20");

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) run = test_cli_spawn (desk, "sync", "run", "--max-seconds", "30", "--no-pull", NULL);
      gulong delay = (gulong) g_rand_int_range (rand, 30, 700) * 1000;

      /* The clerk carries on while the sync runs: newer states the portal must end with,
       * committed between a state being read and its answer being noted. */
      g_usleep (delay / 2);
      test_desk_advance (desk, codes, later + round * 600, rand);
      g_usleep (delay / 2);
      if (g_subprocess_get_identifier (run) != NULL)
        {
          g_subprocess_send_signal (run, SIGKILL);
          killed++;
        }
      g_subprocess_wait (run, NULL, NULL);
    }
  g_assert_cmpuint (killed, >, rounds / 2);

  g_assert_cmpint (test_cli_run (desk, &out, &err, "sync", "run", "--max-seconds", "120", NULL), ==, 0);
  test_assert_portal_matches (desk, sim);
  state = test_sim_get (sim, "/_sim/state");
  if (g_test_verbose ())
    g_printerr ("killed %u of %u runs; portal stats: creates %" G_GINT64_FORMAT " replaces %" G_GINT64_FORMAT
                " duplicates %" G_GINT64_FORMAT " absorbed %" G_GINT64_FORMAT "\n", killed, rounds,
                test_sim_stat (state, "creates"), test_sim_stat (state, "replaces"),
                test_sim_stat (state, "duplicates"), test_sim_stat (state, "steps_absorbed"));
}

int
main (int argc, char *argv[])
{
  sync_test_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/cli/server-errors-are-retried", test_server_errors_are_retried);
  g_test_add_func ("/sync/cli/timeouts-are-retried", test_timeouts_are_retried);
  g_test_add_func ("/sync/cli/connection-resets-are-retried", test_connection_resets_are_retried);
  g_test_add_func ("/sync/cli/truncated-answers-are-retried", test_truncated_answers_are_retried);
  g_test_add_func ("/sync/cli/expired-sessions-log-in-again", test_expired_sessions_log_in_again);
  g_test_add_func ("/sync/cli/slow-portal-is-waited-for", test_slow_portal_is_waited_for);
  g_test_add_func ("/sync/cli/all-faults-together", test_all_faults_together);
  g_test_add_func ("/sync/cli/refused-record-shown-with-message", test_refused_record_shown_with_message);
  g_test_add_func ("/sync/cli/no-network-then-delivered", test_no_network_then_delivered);
  g_test_add_func ("/sync/cli/tls-failure-sends-nothing", test_tls_failure_sends_nothing);
  g_test_add_func ("/sync/cli/plain-http-only-to-this-machine", test_plain_http_only_to_this_machine);
  g_test_add_func ("/sync/cli/password-file-must-be-private", test_password_file_must_be_private);
  g_test_add_func ("/sync/cli/pull-and-catalogue-commands", test_pull_and_catalogue_commands);
  g_test_add_func ("/sync/cli/killed-sync-loses-and-duplicates-nothing", test_killed_sync_loses_and_duplicates_nothing);
  return g_test_run ();
}
