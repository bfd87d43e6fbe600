/* The sync engine in the desk's own process, against the portal simulator: batching over
 * one connection, a dossier's changes collapsing into its current state, the create /
 * replace answers, refused records, the pull of online submissions, the catalogue, and the
 * properties the header bar shows. Each test has its own simulator and database. */
#include <glib/gstdio.h>

#include "mc-portal-mapping.h"
#include "mc-sync-engine.h"
#include "sync-test.h"

static McSyncReport
run_once (TestDesk *desk)
{
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (desk->db_path);
  g_autoptr(GError) error = NULL;
  McSyncReport report;

  g_assert_true (mc_sync_engine_run_once (engine, &report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

static void
test_delivers_in_batches_over_one_login (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_ptr_array_unref (test_desk_fill (desk, 230, 7));
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (desk->db_path);
  g_autoptr(cJSON) state = NULL;
  g_autoptr(GError) error = NULL;
  McOutboxCounts before = test_desk_counts (desk);
  McSyncReport report;
  gint64 events = before.pending / 2;   /* one state row and one step row per change */

  test_desk_connect (desk, sim, 10);
  g_assert_cmpint (before.pending, >, 230 * 2);
  g_assert_cmpint (before.unsynced, ==, 230);

  g_assert_true (mc_sync_engine_run_once (engine, &report, NULL, &error));
  g_assert_no_error (error);
  /* A dossier with several changes is one record: its current state. */
  g_assert_cmpuint (report.dossiers_sent, ==, 230);
  g_assert_cmpuint (report.refused, ==, 0);
  g_assert_cmpint (report.pending, ==, 0);

  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (test_sim_stat (state, "logins"), ==, 1);
  g_assert_cmpint (test_sim_stat (state, "creates"), ==, 230);
  g_assert_cmpint (test_sim_stat (state, "replaces"), ==, 0);
  g_assert_cmpint (test_sim_stat (state, "duplicates"), ==, 0);
  g_assert_cmpint (test_sim_stat (state, "steps_absorbed"), ==, 0);
  g_assert_cmpint (test_sim_stat (state, "records"), ==, 230 + events);
  g_assert_cmpuint (report.steps_sent, ==, events);
  /* Nearly a thousand records in a few calls: three of dossiers, the steps by up to a
   * hundred (one per dossier and call), the pull. */
  g_assert_cmpint (test_sim_stat (state, "calls"), <=, 3 + 20 + 1);
  test_assert_portal_matches (desk, sim);
}

static void
test_later_changes_replace_the_portal_copy (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  McTime now = mc_time_now ();
  g_autofree char *code = test_desk_receive (desk, "Lê Văn Tám", now - 10 * MC_SECONDS_PER_DAY, "tiepnhan.lan");
  g_autoptr(cJSON) state = NULL;
  McSyncReport report;

  test_desk_connect (desk, sim, 10);
  report = run_once (desk);
  g_assert_cmpuint (report.dossiers_sent, ==, 1);
  g_assert_cmpuint (report.steps_sent, ==, 1);

  /* Handed over, then waiting for a supplement: the portal gets the newest state as a
   * replacement, the two steps with their own values. */
  test_desk_move (desk, code, MC_STATUS_IN_PROCESSING, now - 9 * MC_SECONDS_PER_DAY, "xuly.cu-tru");
  test_desk_move (desk, code, MC_STATUS_WAITING_SUPPLEMENT, now - 8 * MC_SECONDS_PER_DAY, "xuly.cu-tru");
  report = run_once (desk);
  g_assert_cmpuint (report.dossiers_sent, ==, 1);
  g_assert_cmpuint (report.steps_sent, ==, 2);

  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (test_sim_stat (state, "creates"), ==, 1);
  g_assert_cmpint (test_sim_stat (state, "replaces"), ==, 1);
  test_assert_portal_matches (desk, sim);
  {
    const cJSON *record = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (state, "dossiers"), code);
    const cJSON *rounds = cJSON_GetObjectItemCaseSensitive (record, "DanhSachHoSoBoSung");

    /* The supplement round the portal shows: open, asked for by the officer. */
    g_assert_cmpint (cJSON_GetArraySize (rounds), ==, 1);
    g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (rounds, 0), "TrangThaiBoSung")->valuestring,
                     ==, "0");
    g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (cJSON_GetArrayItem (rounds, 0), "NguoiYeuCauBoSung")->valuestring,
                     ==, "xuly.cu-tru");
  }
}

/* A desk restored from a backup taken before its last sync creates again what the portal
 * has: "exists" (3) turns each into a replacement, and the portal ends with the desk's
 * state. */
static void
test_existing_record_is_replaced (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_autoptr(GPtrArray) codes = test_desk_fill (desk, 12, 3);
  g_autofree char *backup = g_build_filename (desk->dir, "backup.db", NULL);
  g_autoptr(cJSON) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  McSyncReport report;

  test_desk_connect (desk, sim, 10);
  g_assert_true (mc_store_backup (desk->store, backup, &error));
  run_once (desk);

  /* Back to the backup: nothing counts as sent; then the clerk carries on. */
  g_clear_object (&desk->store);
  g_assert_cmpint (g_rename (backup, desk->db_path), ==, 0);
  {
    g_autofree char *wal = g_strconcat (desk->db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (desk->db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  desk->store = mc_store_open (desk->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_desk_advance (desk, codes, mc_time_now () - 3600, rand), >, 0);
  g_assert_cmpint (test_desk_counts (desk).unsynced, ==, 12);

  report = run_once (desk);
  g_assert_cmpuint (report.dossiers_sent, ==, 12);
  g_assert_cmpuint (report.refused, ==, 0);
  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (test_sim_stat (state, "duplicates"), ==, 12);
  g_assert_cmpint (test_sim_stat (state, "replaces"), ==, 12);
  test_assert_portal_matches (desk, sim);
}

/* A portal that lost a dossier answers a replacement with 4: the desk creates it again;
 * "sync resend" puts its whole history back. */
static void
test_missing_record_is_created_again (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  McTime now = mc_time_now ();
  g_autofree char *first = test_desk_receive (desk, "Phạm Thị Hoa", now - 5 * MC_SECONDS_PER_DAY, "tiepnhan.lan");
  g_free (test_desk_receive (desk, "Đỗ Văn Hùng", now - 5 * MC_SECONDS_PER_DAY + 60, "tiepnhan.lan"));
  g_autoptr(cJSON) reset = NULL;
  g_autoptr(cJSON) state = NULL;
  g_autoptr(GError) error = NULL;
  McSyncReport report;
  guint n = 0;

  test_desk_connect (desk, sim, 10);
  run_once (desk);
  reset = test_sim_post (sim, "/_sim/reset", NULL);

  test_desk_move (desk, first, MC_STATUS_IN_PROCESSING, now - 4 * MC_SECONDS_PER_DAY, "xuly.cu-tru");
  report = run_once (desk);
  g_assert_cmpuint (report.dossiers_sent, ==, 1);
  g_assert_cmpuint (report.steps_sent, ==, 1);
  state = test_sim_get (sim, "/_sim/state");
  g_assert_cmpint (test_sim_stat (state, "missing"), ==, 1);
  g_assert_cmpint (test_sim_stat (state, "creates"), ==, 1);
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (
                     cJSON_GetObjectItemCaseSensitive (state, "dossiers"), first), "TrangThaiHoSo")->valuestring, ==, "4");

  /* The administrator sends the whole desk again: the lost history comes back, and what
   * the portal kept is absorbed by its keys. */
  g_assert_true (mc_store_outbox_resend (desk->store, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  test_assert_check_clean (desk);
  report = run_once (desk);
  g_assert_cmpint (report.pending, ==, 0);
  test_assert_portal_matches (desk, sim);
}

/* A record refused for its content stays, with the portal's message, while the rest of
 * the batch goes on; sent again unchanged it is refused again. */
static void
test_refused_record_is_kept_with_message (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_ptr_array_unref (test_desk_fill (desk, 8, 11));
  McTime now = mc_time_now ();
  /* The portal keeps at most 50 characters of an officer's name. */
  const char *long_actor = "cán bộ xử lý hồ sơ đất đai và xây dựng của ủy ban nhân dân xã";
  g_autofree char *odd = test_desk_receive (desk, "Vũ Thị Lan", now - 3 * MC_SECONDS_PER_DAY, long_actor);
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  const McOutboxEntry *entry;
  McSyncReport report;
  guint n = 0;

  test_desk_connect (desk, sim, 10);
  report = run_once (desk);
  g_assert_cmpuint (report.refused, ==, 1);
  g_assert_cmpint (report.pending, ==, 0);
  g_assert_cmpint (report.failed, ==, 1);
  g_assert_cmpuint (report.dossiers_sent, ==, 9);

  failed = mc_store_list_outbox (desk->store, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 1);
  entry = g_ptr_array_index (failed, 0);
  g_assert_cmpstr (entry->dossier_code, ==, odd);
  g_assert_cmpint (entry->kind, ==, MC_OUTBOX_STEP);
  g_assert_true (entry->failed);
  g_assert_nonnull (strstr (entry->last_error, "422"));
  g_assert_nonnull (strstr (entry->last_error, "NguoiXuLy"));
  test_assert_check_clean (desk);

  g_assert_true (mc_store_outbox_retry (desk->store, 0, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  report = run_once (desk);
  g_assert_cmpuint (report.refused, ==, 1);
  g_assert_cmpint (report.failed, ==, 1);
}

static void
test_pull_fills_queue_without_duplicates (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, "--online", "30", NULL);
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (desk->db_path);
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(cJSON) added = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) cursor_codes = NULL;
  McTime cursor = MC_TIME_NONE;
  McSyncReport report;

  test_desk_connect (desk, sim, 10);
  g_assert_true (mc_sync_engine_pull (engine, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pulled_new, ==, 30);
  g_assert_cmpint (report.to_receive, ==, 30);

  /* Again: nothing new. Then five more are submitted online. */
  g_assert_true (mc_sync_engine_pull (engine, &report, NULL, &error));
  g_assert_cmpuint (report.pulled_new, ==, 0);
  added = test_sim_post (sim, "/_sim/online", "{\"count\": 5}");
  g_assert_true (mc_sync_engine_pull (engine, &report, NULL, &error));
  g_assert_cmpuint (report.pulled_new, ==, 5);

  queue = mc_store_list_online_submissions (desk->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 35);
  for (guint i = 0; i < queue->len; i++)
    {
      const McOnlineSubmission *submission = g_ptr_array_index (queue, i);

      g_assert_true (g_hash_table_add (seen, submission->code));
      g_assert_nonnull (submission->procedure_code);
      g_assert_nonnull (submission->applicant_name);
      g_assert_true (submission->submitted_at != MC_TIME_NONE);
      /* Oldest first. */
      if (i > 0)
        g_assert_cmpint (submission->submitted_at, >=,
                         ((McOnlineSubmission *) g_ptr_array_index (queue, i - 1))->submitted_at);
    }

  /* The cursor is in the database: the latest submission and the codes at its moment. */
  g_assert_true (mc_store_get_pull_cursor (desk->store, &cursor, &cursor_codes, &error));
  g_assert_cmpint (cursor, ==, ((McOnlineSubmission *) g_ptr_array_index (queue, queue->len - 1))->submitted_at);
  g_assert_true (g_strv_contains ((const char * const *) cursor_codes,
                                  ((McOnlineSubmission *) g_ptr_array_index (queue, queue->len - 1))->code));
  test_assert_check_clean (desk);
}

static void
test_catalogue_refreshed_from_portal (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (desk->db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(McProcedure) birth = NULL;
  McSyncRecord record;
  guint n = 0;

  test_desk_connect (desk, sim, 10);
  g_assert_true (mc_sync_engine_refresh_catalogue (engine, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
  birth = mc_store_get_procedure (desk->store, "1.001193", &error);
  g_assert_no_error (error);
  g_assert_nonnull (birth);
  g_assert_true (mc_store_get_sync_record (desk->store, &record, &error));
  g_assert_true (record.catalogue_refreshed_at != MC_TIME_NONE);
  mc_sync_record_clear (&record);
}

/* What the header bar binds to: pending falls to 0 and the last success is set; with the
 * portal gone, the state says waiting and the last error says why. */
typedef struct
{
  GMainLoop *loop;
  guint      runs;
  guint      pending_notifications;
} Watch;

static void
on_run_finished (McSyncEngine       *engine,
                 const McSyncReport *report,
                 const GError       *error,
                 Watch              *watch)
{
  watch->runs++;
  g_main_loop_quit (watch->loop);
}

static void
on_pending (GObject    *object,
            GParamSpec *pspec,
            Watch      *watch)
{
  watch->pending_notifications++;
}

static void
test_engine_properties_follow_runs (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_autoptr(TestSim) sim = test_sim_start (desk->dir, 0, NULL);
  g_ptr_array_unref (test_desk_fill (desk, 20, 13));
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (desk->db_path);
  g_autofree char *code = NULL;
  Watch watch = { g_main_loop_new (NULL, FALSE), 0, 0 };
  McSyncState state;
  gint64 pending;
  McTime last_success;

  test_desk_connect (desk, sim, 2);
  g_signal_connect (engine, "run-finished", G_CALLBACK (on_run_finished), &watch);
  g_signal_connect (engine, "notify::pending", G_CALLBACK (on_pending), &watch);

  mc_sync_engine_start (engine);
  g_main_loop_run (watch.loop);
  g_object_get (engine, "state", &state, "pending", &pending, "last-success", &last_success, NULL);
  g_assert_cmpint (state, ==, MC_SYNC_STATE_IDLE);
  g_assert_cmpint (pending, ==, 0);
  g_assert_cmpint (last_success, >, 0);
  g_assert_null (mc_sync_engine_get_last_error (engine));
  g_assert_cmpuint (watch.pending_notifications, >=, 2);   /* the count before, then 0 */

  /* The portal goes away; a new change is committed and the engine nudged. */
  test_sim_stop (sim);
  code = test_desk_receive (desk, "Hoàng Văn Nam", mc_time_now () - 3600, "tiepnhan.lan");
  mc_sync_engine_nudge (engine);
  g_main_loop_run (watch.loop);
  g_assert_cmpint (mc_sync_engine_get_state (engine), ==, MC_SYNC_STATE_WAITING);
  g_assert_cmpint (mc_sync_engine_get_pending (engine), ==, 2);
  g_assert_nonnull (mc_sync_engine_get_last_error (engine));
  g_assert_nonnull (strstr (mc_sync_engine_get_last_error (engine), sim->base_url));
  g_assert_cmpint (mc_sync_engine_get_next_attempt (engine), >, 0);

  /* The portal is back; the administrator presses "send now" without waiting out the
   * backoff. */
  {
    int port = sim->port;

    test_sim_free (g_steal_pointer (&sim));
    sim = test_sim_start (desk->dir, port, NULL);
  }
  mc_sync_engine_send_now (engine);
  g_main_loop_run (watch.loop);
  g_assert_cmpint (mc_sync_engine_get_state (engine), ==, MC_SYNC_STATE_IDLE);
  g_assert_cmpint (mc_sync_engine_get_pending (engine), ==, 0);
  g_assert_null (mc_sync_engine_get_last_error (engine));
  test_assert_portal_matches (desk, sim);

  mc_sync_engine_stop (engine);
  g_assert_cmpint (mc_sync_engine_get_state (engine), ==, MC_SYNC_STATE_IDLE);
  g_main_loop_unref (watch.loop);
}

static void
test_backoff_grows_with_jitter_under_cap (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  g_assert_cmpfloat (mc_sync_backoff_seconds (1, 600, NULL), ==, 2);
  g_assert_cmpfloat (mc_sync_backoff_seconds (4, 600, NULL), ==, 16);
  g_assert_cmpfloat (mc_sync_backoff_seconds (40, 600, NULL), ==, 600);
  for (guint failures = 1; failures < 30; failures++)
    {
      double full = mc_sync_backoff_seconds (failures, 300, NULL);
      double jittered = mc_sync_backoff_seconds (failures, 300, rand);

      g_assert_cmpfloat (full, <=, 300);
      g_assert_cmpfloat (jittered, >=, full / 2);
      g_assert_cmpfloat (jittered, <=, full);
    }
}

/* A retry sends exactly the record sent before: built from the database alone. */
static void
test_records_depend_on_database_only (void)
{
  g_autoptr(TestDesk) desk = test_desk_new ();
  g_ptr_array_unref (test_desk_fill (desk, 10, 21));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = mc_store_outbox_next_dossiers (desk->store, mc_time_now (), 100, &error);
  g_autoptr(GPtrArray) again = NULL;
  McWorkCalendar *calendar = mc_store_get_work_calendar (desk->store);
  const McDeadlinePolicy *policy = &mc_store_get_settings (desk->store)->deadline;

  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 10);
  g_usleep (G_USEC_PER_SEC + 1000);   /* a different "now" */
  again = mc_store_outbox_next_dossiers (desk->store, mc_time_now (), 100, &error);
  for (guint i = 0; i < first->len; i++)
    {
      cJSON *a = mc_portal_dossier_to_json (g_ptr_array_index (first, i), calendar, policy);
      cJSON *b = mc_portal_dossier_to_json (g_ptr_array_index (again, i), calendar, policy);
      const cJSON *field;

      g_assert_true (cJSON_Compare (a, b, TRUE));
      /* Every value a string; every date 14 digits or empty. */
      cJSON_ArrayForEach (field, a)
        if (g_str_has_prefix (field->string, "Ngay"))
          g_assert_true (strlen (field->valuestring) == 14 || field->valuestring[0] == '\0');
        else
          g_assert_true (cJSON_IsString (field) || cJSON_IsArray (field));
      cJSON_Delete (a);
      cJSON_Delete (b);
    }
}

int
main (int argc, char *argv[])
{
  sync_test_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/engine/delivers-in-batches-over-one-login", test_delivers_in_batches_over_one_login);
  g_test_add_func ("/sync/engine/later-changes-replace-the-portal-copy", test_later_changes_replace_the_portal_copy);
  g_test_add_func ("/sync/engine/existing-record-is-replaced", test_existing_record_is_replaced);
  g_test_add_func ("/sync/engine/missing-record-is-created-again", test_missing_record_is_created_again);
  g_test_add_func ("/sync/engine/refused-record-is-kept-with-message", test_refused_record_is_kept_with_message);
  g_test_add_func ("/sync/engine/pull-fills-queue-without-duplicates", test_pull_fills_queue_without_duplicates);
  g_test_add_func ("/sync/engine/catalogue-refreshed-from-portal", test_catalogue_refreshed_from_portal);
  g_test_add_func ("/sync/engine/properties-follow-runs", test_engine_properties_follow_runs);
  g_test_add_func ("/sync/engine/backoff-grows-with-jitter-under-cap", test_backoff_grows_with_jitter_under_cap);
  g_test_add_func ("/sync/engine/records-depend-on-database-only", test_records_depend_on_database_only);
  return g_test_run ();
}
