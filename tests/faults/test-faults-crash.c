/* test-faults-crash.c — the desk killed with SIGKILL at random points while it receives and
 * moves dossiers, a couple of hundred times; after the kills the database must be exactly
 * what the clerk was told. faults-writer logs each change after its commit returned (as a
 * slip is printed after the commit), so:
 *
 * - PRAGMA integrity_check and every invariant of mc_store_check hold (the audit chain, the
 *   pauses, every change not acknowledged still in the outbox);
 * - every logged code is in the database, no code was issued twice, and each day's codes
 *   are numbered without a gap from the desk's first number (a code is drawn inside the
 *   receiving transaction: a killed receipt takes its number back with it), and the next
 *   receipt after the kills gets the next number;
 * - no move is half-written or lost: a dossier's audit trail has one entry per revision,
 *   every logged move is in it at its revision, and revisions never repeat in the log.
 *
 * The number of kills is MOTCUA_FAULTS_KILLS (default 200) and the seed MOTCUA_FAULTS_SEED,
 * so a longer run or another sequence of kill points is one variable away.
 */
#include <locale.h>
#include <signal.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "faults-test.h"
#include "mc-dossier-code.h"
#include "mc-store-private.h"

static char *writer_path;

typedef struct
{
  GHashTable *received;      /* code → itself: logged receipts */
  GHashTable *last_move;     /* code → gint64* {status, revision} of its last logged move */
  guint       n_moves;
} WriterLog;

static void
writer_log_free (WriterLog *log)
{
  g_hash_table_unref (log->received);
  g_hash_table_unref (log->last_move);
  g_free (log);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriterLog, writer_log_free)

/* Reads the log; a code logged twice as received, or a move logged at a revision that is not
 * beyond the dossier's previous logged one (a committed move that was lost), fails here. */
static WriterLog *
read_log (const char *path)
{
  g_autoptr(WriterLog) log = g_new0 (WriterLog, 1);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  log->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  log->last_move = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&log);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  /* The last piece follows the last newline: empty, or a line cut by a kill. */
  n = g_strv_length (lines);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);

      if (g_str_equal (words[0], "R"))
        {
          if (!g_hash_table_add (log->received, g_strdup (words[1])))
            g_error ("code %s was issued twice", words[1]);
        }
      else if (g_str_equal (words[0], "M"))
        {
          gint64 *previous = g_hash_table_lookup (log->last_move, words[1]);
          gint64 *move = g_new (gint64, 2);

          move[0] = g_ascii_strtoll (words[2], NULL, 10);
          move[1] = g_ascii_strtoll (words[3], NULL, 10);
          if (previous != NULL && move[1] <= previous[1])
            g_error ("dossier %s: a move logged at revision %" G_GINT64_FORMAT " after one at %" G_GINT64_FORMAT
                     " (a committed move was lost)", words[1], move[1], previous[1]);
          g_hash_table_replace (log->last_move, g_strdup (words[1]), move);
          log->n_moves++;
        }
      else
        g_error ("unexpected log line “%s”", lines[i]);
    }
  return g_steal_pointer (&log);
}

typedef struct
{
  guint n_dossiers;
  guint n_unlogged;          /* committed, but killed before the log line: never told */
  guint n_moves_checked;
} Verdict;

static void
assert_check_clean (McStore *store)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_check (store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("# problem: %s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static GPtrArray *
all_summaries (McStore *store)
{
  McDossierQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = mc_store_list_dossier_ids (store, &query, &error);
  GPtrArray *summaries;

  g_assert_no_error (error);
  summaries = mc_store_get_dossier_summaries (store, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  return summaries;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* One dossier in depth: one audit entry per revision, the logged move at its revision, one
 * pause per entry into a waiting status, and only the last one open if it still waits. */
static void
assert_dossier_whole (McStore    *store,
                      const char *code,
                      WriterLog  *log,
                      Verdict    *verdict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = mc_store_get_dossier (store, code, &error);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GArray) pauses = NULL;
  gint64 *move = g_hash_table_lookup (log->last_move, code);
  guint n_waits = 0;

  g_assert_no_error (error);
  history = mc_store_get_history (store, code, &error);
  g_assert_no_error (error);
  pauses = mc_store_get_pauses (store, code, &error);
  g_assert_no_error (error);

  g_assert_cmpint (history->len, ==, dossier->revision);
  g_assert_cmpint (((McDossierEvent *) g_ptr_array_index (history, history->len - 1))->to_status, ==,
                   dossier->status);
  if (move != NULL)
    {
      McDossierEvent *event;

      g_assert_cmpint (dossier->revision, >=, move[1]);
      event = g_ptr_array_index (history, move[1] - 1);
      g_assert_cmpint (event->to_status, ==, move[0]);
      verdict->n_moves_checked++;
    }
  for (guint i = 0; i < history->len; i++)
    if (mc_status_is_paused (((McDossierEvent *) g_ptr_array_index (history, i))->to_status))
      n_waits++;
  g_assert_cmpuint (pauses->len, ==, n_waits);
  for (guint i = 0; i < pauses->len; i++)
    {
      McPause *pause = &g_array_index (pauses, McPause, i);
      gboolean last_and_waiting = i + 1 == pauses->len && mc_status_is_paused (dossier->status);

      g_assert_cmpint (pause->ended == MC_TIME_NONE, ==, last_and_waiting);
    }
}

/* The database against the log. @deep: every dossier's audit trail and pauses too. */
static Verdict
verify (const char *db_path,
        const char *log_path,
        gboolean    deep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (db_path, &error);
  g_autoptr(WriterLog) log = read_log (log_path);
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) in_db = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  Verdict verdict = { 0 };
  int first;

  g_assert_no_error (error);
  assert_check_clean (store);
  first = mc_store_get_settings (store)->sequence_first;

  summaries = all_summaries (store);
  for (guint i = 0; i < summaries->len; i++)
    {
      McDossierSummary *summary = g_ptr_array_index (summaries, i);
      McDossierCode code = { 0 };
      g_autofree char *day_key = NULL;
      GArray *sequences;

      g_assert_nonnull (summary);
      g_assert_true (mc_dossier_code_parse (summary->code, &code, &error));
      g_assert_no_error (error);
      {
        int y, m, d;

        mc_day_to_ymd (code.day, &y, &m, &d);
        day_key = g_strdup_printf ("%s %04d-%02d-%02d", code.agency_code, y, m, d);
      }
      sequences = g_hash_table_lookup (days, day_key);
      if (sequences == NULL)
        {
          sequences = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (days, g_steal_pointer (&day_key), sequences);
        }
      g_array_append_val (sequences, code.sequence);
      mc_dossier_code_clear (&code);
      g_hash_table_add (in_db, summary->code);
      if (!g_hash_table_contains (log->received, summary->code))
        verdict.n_unlogged++;
      if (deep)
        assert_dossier_whole (store, summary->code, log, &verdict);
    }
  verdict.n_dossiers = summaries->len;

  /* Every code the clerk was given is there. */
  g_hash_table_iter_init (&iter, log->received);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (in_db, key))
      g_error ("dossier %s was committed and logged, but is not in the database", (const char *) key);

  /* Each day's numbers run from the desk's first one without a gap or a repeat. */
  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *sequences = value;

      g_array_sort (sequences, compare_ints);
      for (guint i = 0; i < sequences->len; i++)
        if (g_array_index (sequences, int, i) != first + (int) i)
          g_error ("day %s: number %d where %d was due (a gap or a code issued twice)", (const char *) key,
                   g_array_index (sequences, int, i), first + (int) i);
    }
  return verdict;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);

  return text != NULL && *text != '\0' ? (guint) g_ascii_strtoull (text, NULL, 10) : fallback;
}

static void
test_killed_desk_loses_and_reuses_no_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("motcua-faults-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *log_path = g_build_filename (dir, "issued.log", NULL);
  guint n_kills = env_uint ("MOTCUA_FAULTS_KILLS", 200);
  guint32 seed = env_uint ("MOTCUA_FAULTS_SEED", 20251201);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_during_open = 0, n_checks = 0;
  gint64 started = g_get_monotonic_time ();
  Verdict verdict = { 0 };

  g_assert_no_error (error);
  for (guint kill = 0; kill < n_kills; kill++)
    {
      g_autofree char *child_seed = g_strdup_printf ("%u", seed + kill);
      g_autoptr(GSubprocess) writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer_path,
                                                        db_path, log_path, child_seed, NULL);
      gboolean during_open = g_rand_int_range (rand, 0, 10) == 0;

      g_assert_no_error (error);
      if (during_open)
        {
          /* Anywhere from the start: creating the schema, migrating, seeding the catalogue. */
          g_usleep (g_rand_int_range (rand, 0, 30000));
          n_during_open++;
        }
      else
        {
          g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
          g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

          g_assert_no_error (error);
          if (line == NULL)
            {
              g_subprocess_wait (writer, NULL, NULL);
              g_error ("the writer ended before it was ready (exit status %d)",
                       g_subprocess_get_if_exited (writer) ? g_subprocess_get_exit_status (writer) : -1);
            }
          g_assert_cmpstr (line, ==, "ready");
          g_usleep (g_rand_int_range (rand, 0, 120000));
        }
      g_subprocess_send_signal (writer, SIGKILL);
      g_subprocess_wait (writer, NULL, &error);
      g_assert_no_error (error);
      /* Killed, not failed: the writer stops only on a refusal by the store. */
      if (!g_subprocess_get_if_signaled (writer))
        g_error ("the writer ended by itself with status %d before kill %u", g_subprocess_get_exit_status (writer),
                 kill + 1);
      g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);

      /* Every few kills the parent opens the database first (recovering the WAL itself);
       * otherwise the next writer does. */
      if (kill % 4 == 3 || kill + 1 == n_kills)
        {
          verdict = verify (db_path, log_path, kill % 40 == 39 || kill + 1 == n_kills);
          g_assert_cmpuint (verdict.n_unlogged, <=, kill + 1);
          n_checks++;
        }
    }

  /* After all the kills, the next receipt gets the next number of its day; what the portal
   * acknowledged left the outbox, the rest waits in it (the check above verified both). */
  {
    g_autoptr(McStore) store = mc_store_open (db_path, &error);
    g_autoptr(McDossier) dossier = NULL;
    g_autoptr(GPtrArray) summaries = NULL;
    McDay today = mc_time_local_day (mc_time_now ());
    McOutboxCounts outbox = { 0 };
    int highest = 0;

    g_assert_no_error (error);
    summaries = all_summaries (store);
    for (guint i = 0; i < summaries->len; i++)
      {
        McDossierCode other = { 0 };

        g_assert_true (mc_dossier_code_parse (((McDossierSummary *) g_ptr_array_index (summaries, i))->code,
                                              &other, NULL));
        if (other.day == today)
          highest = MAX (highest, other.sequence);
        mc_dossier_code_clear (&other);
      }
    dossier = faults_receive (store, "Đặng Thị Hoa");
    g_assert_cmpint (faults_code_sequence (dossier->code), ==,
                     highest > 0 ? highest + 1 : mc_store_get_settings (store)->sequence_first);

    g_assert_true (mc_store_count_outbox (store, &outbox, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outbox.unsynced, <, summaries->len);
    g_assert_cmpint (outbox.pending, >, 0);
    g_test_message ("%" G_GINT64_FORMAT " of %u dossiers acknowledged in their latest state, %" G_GINT64_FORMAT
                    " changes waiting in the outbox", (gint64) summaries->len - outbox.unsynced, summaries->len,
                    outbox.pending);
  }

  g_test_message ("%u kills (%u while opening), %u checks; %u dossiers, %u moves checked at their revision, "
                  "%u commits made just before a kill and never logged; %.1f s",
                  n_kills, n_during_open, n_checks, verdict.n_dossiers, verdict.n_moves_checked,
                  verdict.n_unlogged, (g_get_monotonic_time () - started) / 1e6);
  /* The writer really wrote between the kills (on a loaded machine it starts slower). */
  g_assert_cmpuint (verdict.n_dossiers, >, n_kills / 2);
  g_assert_cmpuint (verdict.n_moves_checked, >, 0);
  faults_remove_tree (dir);
}

/* The settings the README promises for a power cut: WAL, and every commit synced. */
static void
test_durability_settings_are_wal_and_full_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("motcua-faults-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(McStore) store = mc_store_open (db_path, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  /* 2 = FULL: the WAL is synced at every commit, not only at checkpoints (NORMAL). */
  g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA synchronous", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);
  g_clear_object (&store);
  faults_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  writer_path = faults_take_option (&argc, argv, "--writer=");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (writer_path == NULL)
    g_error ("usage: test-faults-crash --writer=PATH");

  g_test_add_func ("/faults/crash/durability-settings-are-wal-and-full-sync",
                   test_durability_settings_are_wal_and_full_sync);
  g_test_add_func ("/faults/crash/killed-desk-loses-and-reuses-no-code", test_killed_desk_loses_and_reuses_no_code);
  return g_test_run ();
}
