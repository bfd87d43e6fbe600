/* The bulk generator: three thousand dossiers over two years must look like a commune's
 * register to a supervisor (receipts in office hours on working days, returned dossiers
 * dominating, some refused, some late, Vietnamese names found by unaccented search) and
 * must be data the store stands behind (the consistency check finds nothing, appointments
 * and verdicts agree with a recomputation done here by walking the calendar day by day,
 * every applicant passes the same validation as a clerk's form); scans and ratings come in
 * the shares of an office on its way to digitising everything, and the store's triggers are
 * back on once the generator is done. */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mc-applicant.h"
#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-store.h"
#include "mc-text.h"

#define N_DOSSIERS 3000

static char *dir;
static char *db_path;
static McStore *store;
static sqlite3 *db;          /* read-only view of the same file, for row-level checks */
static McTime until;

static McTime
local (const char *text)
{
  McTime t;

  g_assert_true (mc_time_parse_local (text, &t, NULL));
  return t;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        remove_tree (file);
      else
        g_unlink (file);
    }
  g_rmdir (path);
}

static gint64
query_int (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_check_clean (McStore *s)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_check (s, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_check_is_clean (void)
{
  assert_check_clean (store);
}

static void
test_counts_add_up (void)
{
  McStoreCounts counts;
  McOutboxCounts outbox;
  g_autoptr(GError) error = NULL;
  gint64 sum = 0;

  g_assert_true (mc_store_count (store, 0, until + 1, until, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.received, ==, N_DOSSIERS);
  for (int s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    sum += counts.by_status[s];
  g_assert_cmpint (sum, ==, N_DOSSIERS);

  /* A register a supervisor recognises: mostly returned, some refused or withdrawn or
   * stopped, a few still running or waiting at the end of the period. */
  g_assert_cmpint (counts.by_status[MC_STATUS_RETURNED], >, N_DOSSIERS * 70 / 100);
  g_assert_cmpint (counts.by_status[MC_STATUS_REFUSED], >, 0);
  g_assert_cmpint (counts.by_status[MC_STATUS_REFUSED], <, N_DOSSIERS * 6 / 100);
  g_assert_cmpint (counts.by_status[MC_STATUS_WITHDRAWN] + counts.by_status[MC_STATUS_STOPPED], >, 0);
  g_assert_cmpint (counts.open + counts.paused, >, 0);
  g_assert_cmpint (counts.by_status[MC_STATUS_SUBMITTED_ONLINE], ==, 0);

  /* Every change counts as acknowledged by the portal — each dossier's latest revision,
   * and so every step — without a row in the outbox: a demo desk pushes nothing to the
   * portal. */
  g_assert_true (mc_store_count_outbox (store, &outbox, &error));
  g_assert_cmpint (outbox.pending, ==, 0);
  g_assert_cmpint (outbox.failed, ==, 0);
  g_assert_cmpint (outbox.unsynced, ==, 0);
  g_assert_cmpint (query_int ("SELECT count (*) FROM outbox"), ==, 0);
  g_assert_cmpint (query_int ("SELECT count (*) FROM dossiers WHERE synced_revision = revision"), ==, N_DOSSIERS);
}

/* Early when finished on a day before the due day, on time on the due day up to the due
 * moment, late after; no statutory time is never late. */
static int
expected_verdict (McTime due,
                  gboolean has_due,
                  McTime finished)
{
  if (!has_due)
    return 2;
  if (finished > due)
    return 3;
  if ((finished + MC_LOCAL_UTC_OFFSET) / MC_SECONDS_PER_DAY < (due + MC_LOCAL_UTC_OFFSET) / MC_SECONDS_PER_DAY)
    return 1;
  return 2;
}

static void
test_verdicts_recomputed (void)
{
  sqlite3_stmt *stmt = NULL;
  int n[4] = { 0 };

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT code, status, current_due_at, finished_at, verdict,"
      "  (SELECT at FROM dossier_events e WHERE e.dossier_id = d.id AND e.to_status = 9)"
      " FROM dossiers d", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int status = sqlite3_column_int (stmt, 1);
      gboolean finished = sqlite3_column_type (stmt, 3) != SQLITE_NULL;

      g_assert_cmpint (finished, ==, status == MC_STATUS_RESULT_READY || status == MC_STATUS_RETURNED);
      if (!finished)
        {
          g_assert_cmpint (sqlite3_column_type (stmt, 4), ==, SQLITE_NULL);
          continue;
        }
      /* The finishing time is the moment of the move to "result ready". */
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, sqlite3_column_int64 (stmt, 5));
      g_assert_cmpint (sqlite3_column_int (stmt, 4), ==,
                       expected_verdict (sqlite3_column_int64 (stmt, 2),
                                         sqlite3_column_type (stmt, 2) != SQLITE_NULL,
                                         sqlite3_column_int64 (stmt, 3)));
      n[sqlite3_column_int (stmt, 4)]++;
    }
  sqlite3_finalize (stmt);
  /* Every verdict occurs; lateness is the exception. */
  g_assert_cmpint (n[1], >, 0);
  g_assert_cmpint (n[2], >, 0);
  g_assert_cmpint (n[3], >, 0);
  g_assert_cmpint (n[3], <, (n[1] + n[2] + n[3]) * 25 / 100);
}

/* The on-time rate per month against a count made here row by row; the period starts in
 * the middle of a month, which then counts only its second half. */
static void
test_on_time_by_month (void)
{
  McTime from = local ("2024-03-15 00:00");
  g_autoptr(GHashTable) finished = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) on_time = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) months = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 total = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT finished_at, verdict FROM dossiers WHERE finished_at IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      McTime t = sqlite3_column_int64 (stmt, 0);
      int y, m, d;
      gpointer key;

      if (t < from || t > until)
        continue;
      mc_day_to_ymd ((McDay) ((t + MC_LOCAL_UTC_OFFSET) / MC_SECONDS_PER_DAY), &y, &m, &d);
      key = GINT_TO_POINTER (y * 100 + m);
      g_hash_table_insert (finished, key, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (finished, key)) + 1));
      if (sqlite3_column_int (stmt, 1) == 1 || sqlite3_column_int (stmt, 1) == 2)
        g_hash_table_insert (on_time, key, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (on_time, key)) + 1));
    }
  sqlite3_finalize (stmt);

  months = mc_store_on_time_by_month (store, from, until + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, g_hash_table_size (finished));
  g_assert_cmpuint (months->len, >=, 15);
  for (guint i = 0; i < months->len; i++)
    {
      McMonthRate *rate = &g_array_index (months, McMonthRate, i);
      gpointer key = GINT_TO_POINTER (rate->year * 100 + rate->month);

      if (i > 0)
        g_assert_cmpint (rate->year * 12 + rate->month, >, (rate - 1)->year * 12 + (rate - 1)->month);
      g_assert_cmpint (rate->finished, ==, GPOINTER_TO_INT (g_hash_table_lookup (finished, key)));
      g_assert_cmpint (rate->on_time, ==, GPOINTER_TO_INT (g_hash_table_lookup (on_time, key)));
      total += rate->finished;
    }
  g_assert_cmpint (total, >, N_DOSSIERS / 2);
}

/* Working seconds between two moments by walking the days one by one, with the default
 * office hours 07:00–11:30 and 13:30–17:00. */
static gint64
walk_working_seconds (McWorkCalendar *calendar,
                      McTime          from,
                      McTime          to)
{
  static const int segments[][2] = { { 7 * 3600, 11 * 3600 + 1800 }, { 13 * 3600 + 1800, 17 * 3600 } };
  gint64 total = 0;

  for (McDay day = mc_time_local_day (from); day <= mc_time_local_day (to); day++)
    {
      if (!mc_work_calendar_is_working_day (calendar, day))
        continue;
      for (gsize i = 0; i < G_N_ELEMENTS (segments); i++)
        {
          McTime start = MAX (from, mc_time_from_local (day, segments[i][0]));
          McTime end = MIN (to, mc_time_from_local (day, segments[i][1]));

          if (end > start)
            total += end - start;
        }
    }
  return total;
}

static gboolean
is_official_weekend_work (McDay day)
{
  g_autoptr(GArray) swaps = NULL;
  int y, m, d;

  mc_day_to_ymd (day, &y, &m, &d);
  swaps = mc_holiday_rules_working_weekends (mc_store_get_holiday_rules (store), y);
  for (guint i = 0; i < swaps->len; i++)
    if (g_array_index (swaps, McWorkingWeekend, i).day == day)
      return TRUE;
  return FALSE;
}

static void
test_receipts_and_appointments (void)
{
  McWorkCalendar *calendar = mc_store_get_work_calendar (store);
  sqlite3_stmt *stmt = NULL;
  guint checked_days = 0, checked_same_day = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT code, time_limit, received_at, due_at, current_due_at,"
      "  (SELECT count (*) FROM dossier_pauses p WHERE p.dossier_id = d.id)"
      " FROM dossiers d", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *limit = (const char *) sqlite3_column_text (stmt, 1);
      McTime received = sqlite3_column_int64 (stmt, 2);
      McTime due = sqlite3_column_int64 (stmt, 3);
      McDay day = mc_time_local_day (received);
      int clock = mc_time_local_seconds (received);
      int y, m, d, days;
      McDossierCode parsed = { 0 };

      /* In office hours, on a weekday or an announced working Saturday, never on the
       * fixed days off. */
      g_assert_true ((clock >= 7 * 3600 && clock <= 11 * 3600 + 1800) ||
                     (clock >= 13 * 3600 + 1800 && clock <= 17 * 3600));
      g_assert_true (mc_day_weekday (day) <= 5 || is_official_weekend_work (day));
      mc_day_to_ymd (day, &y, &m, &d);
      g_assert_false ((m == 1 && d == 1) || (m == 4 && d == 30) || (m == 5 && d == 1) || (m == 9 && d == 2));

      /* The code carries the day of receipt. */
      g_assert_true (mc_dossier_code_parse (code, &parsed, NULL));
      g_assert_cmpint (parsed.day, ==, day);
      mc_dossier_code_clear (&parsed);

      if (sqlite3_column_int (stmt, 5) == 0)
        g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, due);

      if (g_str_has_suffix (limit, " working-days") && sscanf (limit, "%d", &days) == 1)
        {
          g_assert_cmpint (walk_working_seconds (calendar, received, due), ==, (gint64) days * 8 * 3600);
          checked_days++;
        }
      else if (g_str_equal (limit, "same-day"))
        {
          McDay due_day = day;

          /* After 15:00: the end of the next working day. */
          if (clock > 15 * 3600)
            do
              due_day++;
            while (!mc_work_calendar_is_working_day (calendar, due_day));
          g_assert_cmpint (due, ==, mc_time_from_local (due_day, 17 * 3600));
          checked_same_day++;
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked_days, >, 100);
  g_assert_cmpuint (checked_same_day, >, 100);

  /* Codes run 0001, 0002, … within each day, in order of receipt. */
  g_assert_cmpint (query_int ("SELECT count (*) FROM (SELECT substr (code, -11, 6) AS day, count (*) AS n,"
                              "  max (CAST (substr (code, -4) AS INTEGER)) AS top FROM dossiers GROUP BY day)"
                              " WHERE n <> top"), ==, 0);
  g_assert_cmpint (query_int ("SELECT count (*) FROM dossiers a JOIN dossiers b"
                              " ON substr (a.code, -11, 6) = substr (b.code, -11, 6) AND a.code < b.code"
                              " AND a.received_at > b.received_at"), ==, 0);
}

static void
test_spread_is_realistic (void)
{
  gint64 counter = query_int ("SELECT count (*) FROM dossiers WHERE channel = 1");
  gint64 online = query_int ("SELECT count (*) FROM dossiers WHERE channel = 2");
  gint64 post = query_int ("SELECT count (*) FROM dossiers WHERE channel = 3");
  gint64 civil = query_int ("SELECT count (*) FROM dossiers WHERE field_code IN ('ho-tich', 'chung-thuc')");
  gint64 procedures = query_int ("SELECT count (DISTINCT procedure_code) FROM dossiers");
  gint64 first_year = query_int ("SELECT count (*) FROM dossiers WHERE received_at <"
                                 " (SELECT min (received_at) + 365 * 86400 FROM dossiers)");
  gint64 last_year = query_int ("SELECT count (*) FROM dossiers WHERE received_at >="
                                " (SELECT max (received_at) - 365 * 86400 FROM dossiers)");

  /* Counter, online, post ≈ 60 / 35 / 5. */
  g_assert_cmpint (counter, >, N_DOSSIERS * 55 / 100);
  g_assert_cmpint (counter, <, N_DOSSIERS * 65 / 100);
  g_assert_cmpint (online, >, N_DOSSIERS * 30 / 100);
  g_assert_cmpint (online, <, N_DOSSIERS * 40 / 100);
  g_assert_cmpint (post, >, N_DOSSIERS * 2 / 100);
  g_assert_cmpint (post, <, N_DOSSIERS * 8 / 100);
  /* Civil status and certification are most of a commune's work, not all of it. */
  g_assert_cmpint (civil, >, N_DOSSIERS / 2);
  g_assert_cmpint (procedures, >, 20);
  /* Recent years are busier. */
  g_assert_cmpint (last_year, >, first_year);
  /* Nguyễn is the commonest family name by far. */
  g_assert_cmpint (query_int ("SELECT count (*) FROM dossiers WHERE applicant_name LIKE 'Nguyễn %'"), >,
                   N_DOSSIERS * 25 / 100);
}

/* Every generated applicant and document list passes the clerk's form validation. */
static void
test_applicants_validate (void)
{
  sqlite3_stmt *stmt = NULL;
  guint citizens = 0, organisations = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT code, procedure_code, applicant_kind, applicant_name, id_number, phone, email, address,"
      "  channel, sets FROM dossiers", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 3);
      const char *phone = (const char *) sqlite3_column_text (stmt, 5);
      g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
      g_autoptr(McDossier) stored = NULL;
      g_autoptr(McProcedure) procedure = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);

      g_assert_cmpstr (name, ==, nfc);
      if (phone != NULL)
        {
          g_autofree char *canonical = mc_phone_normalize (phone, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (canonical, ==, phone);
        }
      if (sqlite3_column_int (stmt, 2) == MC_APPLICANT_CITIZEN)
        citizens++;
      else
        organisations++;

      /* The whole check, documents included, on one dossier in ten. */
      if (g_str_hash (code) % 10 != 0)
        continue;
      stored = mc_store_get_dossier (store, code, &error);
      g_assert_no_error (error);
      procedure = mc_store_get_procedure (store, stored->procedure_code, &error);
      g_assert_no_error (error);
      draft->procedure_code = g_strdup (stored->procedure_code);
      draft->applicant_kind = stored->applicant_kind;
      draft->applicant_name = g_strdup (stored->applicant_name);
      draft->id_number = g_strdup (stored->id_number);
      draft->phone = g_strdup (stored->phone);
      draft->email = g_strdup (stored->email);
      draft->address = g_strdup (stored->address);
      draft->channel = stored->channel;
      draft->sets = stored->sets;
      for (guint i = 0; i < stored->documents->len; i++)
        {
          McReceivedDocument *doc = g_ptr_array_index (stored->documents, i);
          mc_dossier_draft_add_document (draft, doc->code, doc->name, doc->form, doc->copies);
        }
      g_assert_true (mc_dossier_draft_validate (draft, procedure, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (draft->summary, ==, stored->summary);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (citizens, >, organisations);
  g_assert_cmpuint (organisations, >, 0);
}

static void
test_history_chains (void)
{
  g_autoptr(GPtrArray) sample = NULL;
  McDossierFilter filter = { .limit = 400 };
  g_autoptr(GError) error = NULL;

  sample = mc_store_list_dossiers (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sample->len, ==, 400);
  for (guint i = 0; i < sample->len; i++)
    {
      McDossier *dossier = g_ptr_array_index (sample, i);
      g_autoptr(GPtrArray) history = mc_store_get_history (store, dossier->code, &error);
      g_autoptr(GArray) pauses = mc_store_get_pauses (store, dossier->code, &error);
      guint pause = 0;

      g_assert_no_error (error);
      g_assert_cmpint (((McDossierEvent *) history->pdata[0])->from_status, ==, 0);
      g_assert_cmpint (((McDossierEvent *) history->pdata[0])->to_status, ==, MC_STATUS_RECEIVED);
      g_assert_true (((McDossierEvent *) history->pdata[0])->at == dossier->received_at);
      for (guint k = 1; k < history->len; k++)
        {
          McDossierEvent *previous = history->pdata[k - 1];
          McDossierEvent *event = history->pdata[k];

          g_assert_cmpint (event->from_status, ==, previous->to_status);
          g_assert_true (mc_status_can_move (event->from_status, event->to_status));
          g_assert_true (event->at >= previous->at);
          g_assert_true (event->at <= until);
          /* Each stop of the clock is a move into 5 or 6, and ends with the move out. */
          if (mc_status_is_paused (event->to_status))
            {
              McPause *p = &g_array_index (pauses, McPause, pause);

              g_assert_cmpuint (pause, <, pauses->len);
              g_assert_true (p->started == event->at);
              if (k + 1 < history->len)
                g_assert_true (p->ended == ((McDossierEvent *) history->pdata[k + 1])->at);
              else
                g_assert_true (p->ended == MC_TIME_NONE);
              pause++;
            }
        }
      g_assert_cmpuint (pause, ==, pauses->len);
      g_assert_cmpint (((McDossierEvent *) history->pdata[history->len - 1])->to_status, ==, dossier->status);
      /* A revision per change of the record: each step, and each scan attached. */
      {
        g_autoptr(GPtrArray) scans = mc_store_list_attachments (store, dossier->code, &error);

        g_assert_no_error (error);
        g_assert_cmpint (dossier->revision, ==, history->len + scans->len);
      }
    }
}

static void
test_search_finds_names_without_diacritics (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nguyen = mc_store_search (store, "nguyen", 50, &error);
  g_autoptr(GPtrArray) tran_thi = mc_store_search (store, "tran thi", 50, &error);
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) found = NULL;
  McDossierFilter filter = { .limit = 1 };
  McDossier *dossier;
  g_autofree char *typed = NULL;
  gboolean hit = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (nguyen->len, ==, 50);
  for (guint i = 0; i < nguyen->len; i++)
    g_assert_true (g_str_has_prefix (((McDossier *) nguyen->pdata[i])->applicant_name, "Nguyễn "));
  g_assert_cmpuint (tran_thi->len, >, 0);
  for (guint i = 0; i < tran_thi->len; i++)
    g_assert_true (g_str_has_prefix (((McDossier *) tran_thi->pdata[i])->applicant_name, "Trần "));

  /* The newest dossier's applicant, typed without diacritics as a clerk would. */
  newest = mc_store_list_dossiers (store, &filter, &error);
  g_assert_no_error (error);
  dossier = newest->pdata[0];
  typed = mc_text_fold (dossier->applicant_name);
  for (const char *p = typed; *p; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);
  found = mc_store_search (store, typed, 50, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    hit = hit || g_str_equal (((McDossier *) found->pdata[i])->code, dossier->code);
  g_assert_true (hit);
}

/* Scans of the documents received (or of the result once ready), about half the counter's
 * dossiers and nearly all the online ones; ratings at most returns, kinder to results on
 * time. */
static void
test_scans_and_ratings_are_realistic (void)
{
  gint64 received = query_int ("SELECT count (*) FROM dossiers");
  gint64 scanned = query_int ("SELECT count (*) FROM dossiers WHERE documents_scanned = 1");
  gint64 online = query_int ("SELECT count (*) FROM dossiers WHERE channel = 2");
  gint64 online_scanned = query_int ("SELECT count (*) FROM dossiers WHERE channel = 2 AND documents_scanned = 1");
  gint64 finished = query_int ("SELECT count (*) FROM dossiers WHERE finished_at IS NOT NULL");
  gint64 results = query_int ("SELECT count (*) FROM dossiers WHERE result_scanned = 1");
  gint64 returned = query_int ("SELECT count (*) FROM dossiers WHERE returned_at IS NOT NULL");
  gint64 rated = query_int ("SELECT count (*) FROM dossiers WHERE rating IS NOT NULL");
  gint64 displeased = query_int ("SELECT count (*) FROM dossiers WHERE rating = 3");
  double displeased_late = (double) query_int ("SELECT count (*) FROM dossiers WHERE rating = 3 AND verdict = 3") /
                           (double) MAX (1, query_int ("SELECT count (*) FROM dossiers WHERE rating IS NOT NULL AND verdict = 3"));
  double displeased_in_time = (double) query_int ("SELECT count (*) FROM dossiers WHERE rating = 3 AND verdict IN (1, 2)") /
                              (double) query_int ("SELECT count (*) FROM dossiers WHERE rating IS NOT NULL AND verdict IN (1, 2)");

  g_assert_cmpint (scanned, >, received * 35 / 100);
  g_assert_cmpint (scanned, <, received * 85 / 100);
  g_assert_cmpint (online, >, 0);
  g_assert_cmpint (online_scanned, >, online * 90 / 100);
  g_assert_cmpint (results, >, finished * 45 / 100);
  g_assert_cmpint (results, <, finished * 75 / 100);
  g_assert_cmpint (rated, >, returned * 55 / 100);
  g_assert_cmpint (rated, <, returned * 85 / 100);
  g_assert_cmpint (displeased, >, 0);
  g_assert_cmpint (displeased, <, rated * 15 / 100);
  g_assert_true (displeased_late > displeased_in_time);

  /* Only returned dossiers are rated; every scan is of a received document or of a result
   * that is ready; the marks the dashboard counts are those of the scans. */
  g_assert_cmpint (query_int ("SELECT count (*) FROM dossiers WHERE rating IS NOT NULL AND status <> 10"), ==, 0);
  g_assert_cmpint (query_int ("SELECT count (*) FROM attachments a WHERE a.target <> 'result' AND NOT EXISTS"
                              " (SELECT 1 FROM dossier_documents d WHERE d.dossier_id = a.dossier_id AND d.code = a.target)"),
                   ==, 0);
  g_assert_cmpint (query_int ("SELECT count (*) FROM attachments a JOIN dossiers d ON d.id = a.dossier_id"
                              " WHERE a.target = 'result' AND (d.status NOT IN (9, 10) OR a.added_at < d.finished_at)"),
                   ==, 0);
  g_assert_cmpint (query_int ("SELECT count (*) FROM attachments a JOIN dossiers d ON d.id = a.dossier_id"
                              " WHERE a.added_at < d.received_at"), ==, 0);
}

/* The generator turns the triggers off for its bulk work: the same connection has them
 * again afterwards (a scan then marks its dossier, which the check verifies). */
static void
test_triggers_back_on_after (void)
{
  g_autofree char *path = g_build_filename (dir, "after.db", NULL);
  g_autofree char *scan_path = g_build_filename (dir, "to-khai.pdf", NULL);
  g_autoptr(McStore) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McAttachment) attachment = NULL;
  g_autofree char *code = NULL;
  g_autofree char *document = NULL;
  sqlite3 *view = NULL;
  sqlite3_stmt *stmt = NULL;

  s = mc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_generate (s, 200, 3, until, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (path, &view, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (view, "SELECT d.code, dd.code FROM dossiers d JOIN dossier_documents dd"
                                             " ON dd.dossier_id = d.id WHERE d.documents_scanned = 0 AND dd.code IS NOT NULL"
                                             " ORDER BY d.id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  document = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  g_assert_true (g_file_set_contents (scan_path, "%PDF-1.7\nbản quét\n", -1, &error));
  attachment = mc_store_add_attachment (s, code, document, scan_path, NULL, "clerk", &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  g_assert_cmpint (sqlite3_prepare_v2 (view, "SELECT documents_scanned FROM dossiers WHERE code = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (view);
  assert_check_clean (s);
}

static GPtrArray *
list_codes_and_names (McStore *s)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  McDossierFilter filter = { .limit = 1000 };

  all = mc_store_list_dossiers (s, &filter, NULL);
  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    {
      McDossier *d = all->pdata[i];
      g_ptr_array_add (out, g_strdup_printf ("%s %s %s %d", d->code, d->applicant_name, d->id_number, d->status));
    }
  return out;
}

static McStore *
open_fresh (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  McStore *s = mc_store_open (path, &error);

  g_assert_no_error (error);
  return s;
}

static void
test_same_seed_same_dossiers (void)
{
  g_autoptr(McStore) a = open_fresh ("a.db");
  g_autoptr(McStore) b = open_fresh ("b.db");
  g_autoptr(McStore) c = open_fresh ("c.db");
  g_autoptr(GPtrArray) la = NULL, lb = NULL, lc = NULL;
  g_autoptr(GError) error = NULL;
  guint same = 0;

  g_assert_true (mc_store_generate (a, 300, 7, until, 1, &error));
  g_assert_true (mc_store_generate (b, 300, 7, until, 1, &error));
  g_assert_true (mc_store_generate (c, 300, 8, until, 1, &error));
  g_assert_no_error (error);
  la = list_codes_and_names (a);
  lb = list_codes_and_names (b);
  lc = list_codes_and_names (c);
  g_assert_cmpuint (la->len, ==, 300);
  g_assert_cmpuint (lb->len, ==, 300);
  for (guint i = 0; i < la->len; i++)
    g_assert_cmpstr (la->pdata[i], ==, lb->pdata[i]);
  for (guint i = 0; i < MIN (la->len, lc->len); i++)
    same += g_str_equal (la->pdata[i], lc->pdata[i]);
  g_assert_cmpuint (same, <, 30);
}

/* A second run over the same period continues each day's numbers. */
static void
test_second_run_continues_numbers (void)
{
  g_autoptr(McStore) s = open_fresh ("twice.db");
  g_autoptr(GError) error = NULL;
  McStoreCounts counts;

  g_assert_true (mc_store_generate (s, 400, 1, until, 1, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_generate (s, 300, 2, until, 1, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_count (s, 0, until + 1, until, &counts, &error));
  g_assert_cmpint (counts.received, ==, 700);
  assert_check_clean (s);
}

static void
test_refuses_bad_requests (void)
{
  g_autoptr(McStore) s = open_fresh ("refused.db");
  g_autoptr(GError) error = NULL;
  McStoreCounts counts;

  g_assert_false (mc_store_generate (s, 10, 1, until, 0, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_store_generate (s, 10, 1, mc_time_now () + 30 * MC_SECONDS_PER_DAY, 1, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* More than a desk's block of numbers allows in a day (9999): refused before writing. */
  g_assert_false (mc_store_generate (s, 3000000, 1, until, 1, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (mc_store_count (s, 0, until + 1, until, &counts, &error));
  g_assert_cmpint (counts.received, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A Monday afternoon at the end of June 2025: two years of history behind it. */
  until = local ("2025-06-30 16:30");
  dir = g_dir_make_tmp ("motcua-generate-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "desk.db", NULL);
  store = mc_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_generate (store, N_DOSSIERS, 20250630, until, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_test_add_func ("/generate/check-is-clean", test_check_is_clean);
  g_test_add_func ("/generate/counts-add-up", test_counts_add_up);
  g_test_add_func ("/generate/verdicts-recomputed", test_verdicts_recomputed);
  g_test_add_func ("/generate/on-time-by-month", test_on_time_by_month);
  g_test_add_func ("/generate/receipts-and-appointments", test_receipts_and_appointments);
  g_test_add_func ("/generate/spread-is-realistic", test_spread_is_realistic);
  g_test_add_func ("/generate/applicants-validate", test_applicants_validate);
  g_test_add_func ("/generate/history-chains", test_history_chains);
  g_test_add_func ("/generate/search-without-diacritics", test_search_finds_names_without_diacritics);
  g_test_add_func ("/generate/same-seed-same-dossiers", test_same_seed_same_dossiers);
  g_test_add_func ("/generate/second-run-continues-numbers", test_second_run_continues_numbers);
  g_test_add_func ("/generate/refuses-bad-requests", test_refuses_bad_requests);
  g_test_add_func ("/generate/scans-and-ratings-are-realistic", test_scans_and_ratings_are_realistic);
  g_test_add_func ("/generate/triggers-back-on-after", test_triggers_back_on_after);
  status = g_test_run ();

  sqlite3_close (db);
  g_clear_object (&store);
  remove_tree (dir);
  g_free (db_path);
  g_free (dir);
  return status;
}
