/* The store: receiving, codes, moves, pauses, search, figures, backup and check, all on a
 * temporary database, asserting what a clerk or supervisor would see. */
#include <glib/gstdio.h>

#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-store.h"

typedef struct
{
  char    *dir;
  McStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("motcua-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static McTime
local (const char *text)
{
  McTime t;

  g_assert_true (mc_time_parse_local (text, &t, NULL));
  return t;
}

static McDossierDraft *
residence_draft (const char *name,
                 const char *received)
{
  McDossierDraft *draft = mc_dossier_draft_new ();

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup (name);
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912 345 678");
  draft->received_at = received ? local (received) : MC_TIME_NONE;
  return draft;
}

/* Ticks every mandatory document and the first of each one-of group. */
static void
tick_required (McStore        *store,
               McDossierDraft *draft)
{
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (store, draft->procedure_code, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (procedure);
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
}

static McDossier *
receive (Fixture    *f,
         const char *name,
         const char *received)
{
  g_autoptr(McDossierDraft) draft = residence_draft (name, received);
  g_autoptr(GError) error = NULL;
  McDossier *dossier;

  tick_required (f->store, draft);
  dossier = mc_store_receive (f->store, draft, "clerk-an", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dossier);
  return dossier;
}

static void
test_new_database_has_catalogue (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = mc_store_list_procedures (f->store, NULL, &error);
  g_autoptr(GPtrArray) found = mc_store_list_procedures (f->store, "dang ky khai sinh", NULL);
  g_autoptr(McProcedure) birth = mc_store_get_procedure (f->store, "1.001193", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, 40);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_nonnull (birth);
  g_assert_cmpstr (birth->name, ==, "Đăng ký khai sinh");
  g_assert_cmpint (mc_store_get_schema_version (f->store), ==, MC_STORE_SCHEMA_VERSION);
}

static void
test_receive_issues_code_and_appointment (Fixture *f, gconstpointer data)
{
  /* Monday 24 Nov 2025, 10:00; 7 working days → Wednesday 3 Dec 2025, 10:00. */
  g_autoptr(McDossier) first = receive (f, "Nguyễn Văn Ấn", "2025-11-24 10:00");
  g_autoptr(McDossier) second = receive (f, "Trần Thị Bình", "2025-11-24 10:05");
  g_autoptr(McDossier) reread = mc_store_get_dossier (f->store, first->code, NULL);
  g_autoptr(GPtrArray) history = mc_store_get_history (f->store, first->code, NULL);
  McOutboxCounts outbox;

  g_assert_cmpstr (first->code, ==, "000.00.16.H04-251124-0001");
  g_assert_cmpstr (second->code, ==, "000.00.16.H04-251124-0002");
  g_assert_cmpint (first->status, ==, MC_STATUS_RECEIVED);
  g_assert_true (first->due_at == local ("2025-12-03 10:00"));
  g_assert_true (first->current_due_at == first->due_at);
  g_assert_cmpstr (reread->applicant_name, ==, "Nguyễn Văn Ấn");
  g_assert_cmpstr (reread->phone, ==, "0912345678");
  g_assert_cmpuint (reread->documents->len, >, 0);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_true (mc_store_count_outbox (f->store, &outbox, NULL));
  /* Each receipt: the dossier and its first processing step. */
  g_assert_cmpint (outbox.pending, ==, 4);
}

static void
test_bad_input_stores_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossierDraft) draft = residence_draft ("Lê Văn C", "2025-11-24 10:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  McDossier *dossier;

  g_free (draft->id_number);
  draft->id_number = g_strdup ("12345");
  tick_required (f->store, draft);
  dossier = mc_store_receive (f->store, draft, "clerk-an", &error);
  g_assert_null (dossier);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  listed = mc_store_list_dossiers (f->store, NULL, NULL);
  g_assert_cmpuint (listed->len, ==, 0);

  /* The number is not consumed: the next good dossier still gets 0001. */
  {
    g_autoptr(McDossier) good = receive (f, "Lê Văn C", "2025-11-24 10:00");
    g_assert_cmpstr (good->code, ==, "000.00.16.H04-251124-0001");
  }
}

static void
test_sequence_block (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossierDraft) draft = NULL;
  g_autoptr(McDossier) a = NULL;
  g_autoptr(McDossier) b = NULL;
  McDossier *c;

  g_assert_true (mc_store_set_setting (f->store, "desk.sequence-first", "5000", &error));
  g_assert_true (mc_store_set_setting (f->store, "desk.sequence-last", "5001", &error));
  a = receive (f, "A Một", "2025-11-24 08:00");
  b = receive (f, "B Hai", "2025-11-24 08:01");
  g_assert_cmpstr (a->code, ==, "000.00.16.H04-251124-5000");
  g_assert_cmpstr (b->code, ==, "000.00.16.H04-251124-5001");
  draft = residence_draft ("C Ba", "2025-11-24 08:02");
  tick_required (f->store, draft);
  c = mc_store_receive (f->store, draft, "clerk-an", &error);
  g_assert_null (c);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT);
}

static void
test_moves_and_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) d = receive (f, "Phạm Văn D", "2025-11-24 10:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(McDossier) unchanged = NULL;
  McDossier *refused;

  /* 2 → 9 skips processing: refused, nothing changes. */
  refused = mc_store_move (f->store, d->code, MC_STATUS_RESULT_READY, "clerk-an", local ("2025-11-25 09:00"), NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  unchanged = mc_store_get_dossier (f->store, d->code, NULL);
  g_assert_cmpint (unchanged->status, ==, MC_STATUS_RECEIVED);
  g_assert_cmpint (unchanged->revision, ==, 1);

  after = mc_store_move (f->store, d->code, MC_STATUS_IN_PROCESSING, "clerk-an", local ("2025-11-24 11:00"), "Chuyển Công an xã", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpint (after->revision, ==, 2);

  /* A step dated before the last one is refused. */
  refused = mc_store_move (f->store, d->code, MC_STATUS_RESULT_READY, "clerk-an", local ("2025-11-24 10:30"), NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
}

static void
test_pause_resumes_with_office_time (Fixture *f, gconstpointer data)
{
  /* Due Wednesday 3 Dec 2025 10:00. A supplement requested Friday 28 Nov 16:00 and
   * delivered Monday 1 Dec 08:00: 1 h Friday + 1 h Monday of office time passed. */
  g_autoptr(McDossier) d = receive (f, "Hoàng Thị E", "2025-11-24 10:00");
  g_autoptr(GError) error = NULL;
  mc_dossier_free (mc_store_move (f->store, d->code, MC_STATUS_IN_PROCESSING, "xu-ly", local ("2025-11-24 14:00"), NULL, &error));
  mc_dossier_free (mc_store_move (f->store, d->code, MC_STATUS_WAITING_SUPPLEMENT, "xu-ly", local ("2025-11-28 16:00"), "Thiếu giấy tờ", &error));
  g_autoptr(McDossier) m3 = mc_store_move (f->store, d->code, MC_STATUS_IN_PROCESSING, "clerk-an", local ("2025-12-01 08:00"), NULL, &error);
  g_autoptr(McDossier) m4 = mc_store_move (f->store, d->code, MC_STATUS_RESULT_READY, "xu-ly", local ("2025-12-03 13:45"), NULL, &error);
  g_autoptr(GArray) pauses = mc_store_get_pauses (f->store, d->code, NULL);
  McStoreCounts counts;

  g_assert_no_error (error);
  /* 10:00 + 2 h of office time: 1 h 30 until the lunch break, 30 min after it → 14:00. */
  g_assert_true (m3->current_due_at == local ("2025-12-03 14:00"));
  g_assert_true (m3->due_at == local ("2025-12-03 10:00"));
  g_assert_cmpuint (pauses->len, ==, 1);
  /* Finished at 13:45: after the first appointment (10:00) but before the one the clock
   * stop gives by law (14:00): on time. */
  g_assert_true (mc_store_count (f->store, local ("2025-12-01 00:00"), local ("2026-01-01 00:00"),
                                 local ("2025-12-03 12:00"), &counts, NULL));
  g_assert_cmpint (counts.finished_on_time, ==, 1);
  g_assert_cmpint (counts.finished_late + counts.finished_early, ==, 0);
  g_assert_true (m4->due_at == local ("2025-12-03 10:00"));
}

static void
test_due_soon_and_overdue (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) a = receive (f, "Vũ Văn F", "2025-11-24 10:00");   /* due 3 Dec 10:00 */
  g_autoptr(McDossier) b = receive (f, "Đỗ Thị G", "2025-11-27 10:00");   /* due 8 Dec 10:00 */
  McDossierFilter overdue = { .only_overdue = TRUE, .now = local ("2025-12-04 09:00") };
  McDossierFilter soon = { .only_due_soon = TRUE, .now = local ("2025-12-05 09:00") };
  g_autoptr(GPtrArray) late = mc_store_list_dossiers (f->store, &overdue, NULL);
  g_autoptr(GPtrArray) due_soon = mc_store_list_dossiers (f->store, &soon, NULL);
  McStoreCounts counts;

  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpstr (((McDossier *) late->pdata[0])->code, ==, a->code);
  /* Friday 5 Dec: the end of the next working day is Monday 8 Dec 17:00. */
  g_assert_cmpuint (due_soon->len, ==, 1);
  g_assert_cmpstr (((McDossier *) due_soon->pdata[0])->code, ==, b->code);
  g_assert_true (mc_store_count (f->store, local ("2025-11-01 00:00"), local ("2025-12-01 00:00"),
                                 local ("2025-12-05 09:00"), &counts, NULL));
  g_assert_cmpint (counts.received, ==, 2);
  g_assert_cmpint (counts.overdue, ==, 1);
  g_assert_cmpint (counts.due_soon, ==, 1);
}

static void
test_search_without_diacritics (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) a = receive (f, "Nguyễn Văn Ấn", "2025-11-24 10:00");
  g_autoptr(McDossier) b = receive (f, "Đặng Thị Đào", "2025-11-24 10:10");
  g_autoptr(GPtrArray) r1 = mc_store_search (f->store, "nguyen van an", 10, NULL);
  g_autoptr(GPtrArray) r2 = mc_store_search (f->store, "dang thi dao", 10, NULL);
  g_autoptr(GPtrArray) r3 = mc_store_search (f->store, "0912345678", 10, NULL);
  g_autoptr(GPtrArray) r4 = mc_store_search (f->store, "dang ky thuong tru", 10, NULL);
  g_autoptr(GPtrArray) r5 = mc_store_search (f->store, b->code, 10, NULL);
  g_autoptr(GPtrArray) r6 = mc_store_search (f->store, "\"; DROP TABLE dossiers; --", 10, NULL);
  g_autofree char *url = g_strdup_printf ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=%s\r\n", a->code);
  g_autoptr(GPtrArray) r7 = mc_store_search (f->store, url, 10, NULL);

  g_assert_cmpuint (r1->len, ==, 1);
  g_assert_cmpstr (((McDossier *) r1->pdata[0])->applicant_name, ==, "Nguyễn Văn Ấn");
  g_assert_cmpuint (r2->len, ==, 1);
  g_assert_cmpuint (r3->len, ==, 2);
  g_assert_cmpuint (r4->len, ==, 2);
  g_assert_cmpuint (r5->len, ==, 1);
  g_assert_nonnull (r6);
  g_assert_cmpuint (r6->len, ==, 0);
  g_assert_cmpuint (r7->len, ==, 1);
  g_assert_cmpstr (((McDossier *) r7->pdata[0])->code, ==, a->code);
}

static void
test_backup_and_check (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) a = receive (f, "Bùi Văn H", "2025-11-24 10:00");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backup_problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *backup_path = g_build_filename (f->dir, "backup.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) restored = NULL;
  g_autoptr(McDossier) copy = NULL;

  g_assert_true (mc_store_check (f->store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_true (mc_store_backup (f->store, backup_path, &error));
  g_assert_no_error (error);
  restored = mc_store_open (backup_path, &error);
  g_assert_no_error (error);
  copy = mc_store_get_dossier (restored, a->code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->applicant_name, ==, "Bùi Văn H");
  g_assert_true (mc_store_check (restored, backup_problems, NULL));
  g_assert_cmpuint (backup_problems->len, ==, 0);
}

static void
test_announcement_recomputes_open_dossiers (Fixture *f, gconstpointer data)
{
  /* Received Monday 24 Nov 2025 10:00, 7 working days → Wednesday 3 Dec 10:00. An extra
   * day off announced afterwards for Monday 1 Dec moves the current appointment to
   * Thursday 4 Dec; the printed original stays. A malformed document changes nothing. */
  g_autoptr(McDossier) d = receive (f, "Ngô Văn I", "2025-11-24 10:00");
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  const char *bad = "{\"format\": 1, \"announcements\": [{\"year\": \"x\"}]}";
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  McOutboxCounts outbox;
  const char *good =
    "{\"format\": 1, \"announcements\": [{\"year\": 2025, \"confirmed\": true, \"source\": \"test\","
    " \"days_off\": [{\"date\": \"2025-12-01\", \"name\": \"Ngày nghỉ thử nghiệm\"}]}]}";

  g_assert_false (mc_store_import_announcements (f->store, bad, &n, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (mc_work_calendar_is_working_day (mc_store_get_work_calendar (f->store), mc_day_from_ymd (2025, 12, 1)));

  g_assert_true (mc_store_import_announcements (f->store, good, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  after = mc_store_get_dossier (f->store, d->code, NULL);
  g_assert_true (after->due_at == local ("2025-12-03 10:00"));
  g_assert_true (after->current_due_at == local ("2025-12-04 10:00"));
  /* The portal's copy shows the appointment too: a new revision of the dossier waits to be
   * sent, after the receipt's state and step. */
  g_assert_cmpint (after->revision, ==, d->revision + 1);
  g_assert_true (mc_store_count_outbox (f->store, &outbox, NULL));
  g_assert_cmpint (outbox.pending, ==, 3);
  g_assert_true (mc_store_check (f->store, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/store/new-database-has-catalogue", test_new_database_has_catalogue);
  ADD ("/store/receive-issues-code-and-appointment", test_receive_issues_code_and_appointment);
  ADD ("/store/bad-input-stores-nothing", test_bad_input_stores_nothing);
  ADD ("/store/sequence-block", test_sequence_block);
  ADD ("/store/moves-and-refusals", test_moves_and_refusals);
  ADD ("/store/pause-resumes-with-office-time", test_pause_resumes_with_office_time);
  ADD ("/store/due-soon-and-overdue", test_due_soon_and_overdue);
  ADD ("/store/search-without-diacritics", test_search_without_diacritics);
  ADD ("/store/backup-and-check", test_backup_and_check);
  ADD ("/store/announcement-recomputes-open-dossiers", test_announcement_recomputes_open_dossiers);
  return g_test_run ();
}
