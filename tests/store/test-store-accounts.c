/* Accounts, roles and the audit hash chain in the store: single-user mode, the first
 * administrator, sign-in (right, wrong, disabled), the role check of receipts, moves and
 * settings with nothing changed on a refusal, the account named in the audit trail, and the
 * hash chain catching an entry edited or deleted behind the app's back, on a new database
 * and on one upgraded from the schema before accounts. Tampering is done as an attacker would:
 * with a plain SQLite connection, dropping the append-only triggers first. */
#include <string.h>

#include <glib/gstdio.h>

#include "mc-error.h"
#include "mc-store-private.h"

#define ADMIN_PASSWORD   "quan-tri-2025"
#define CLERK_PASSWORD   "tiep-nhan-2025"
#define OFFICER_PASSWORD "xu-ly-2025!"

typedef struct
{
  char    *dir;
  char    *path;
  McStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("motcua-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static McDossierDraft *
residence_draft (McStore    *store,
                 const char *name)
{
  McDossierDraft *draft = mc_dossier_draft_new ();
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (store, "1.004222", NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (procedure);
  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup (name);
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912 345 678");
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
  return draft;
}

static McDossier *
try_receive (McStore     *store,
             const char  *name,
             GError     **error)
{
  g_autoptr(McDossierDraft) draft = residence_draft (store, name);

  return mc_store_receive (store, draft, "ten-goi-vao", error);
}

static McDossier *
receive (McStore    *store,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  McDossier *dossier = try_receive (store, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dossier);
  return dossier;
}

/* A desk with an administrator, a clerk and a processing officer; nobody signed in. */
static void
add_staff (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) admin = NULL;
  g_autoptr(McAccount) clerk = NULL;
  g_autoptr(McAccount) officer = NULL;
  g_autoptr(McAccount) signed_in = NULL;

  admin = mc_store_add_account (f->store, "admin", "Hoàng Văn Quản", MC_ROLE_ADMINISTRATOR, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  signed_in = mc_store_sign_in (f->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  clerk = mc_store_add_account (f->store, "thu.lt", "Lê Thị Thu", MC_ROLE_CLERK, CLERK_PASSWORD, &error);
  g_assert_no_error (error);
  officer = mc_store_add_account (f->store, "binh.tv", "Trần Văn Bình", MC_ROLE_OFFICER, OFFICER_PASSWORD, &error);
  g_assert_no_error (error);
  mc_store_sign_out (f->store);
}

static void
sign_in (Fixture    *f,
         const char *username,
         const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) account = mc_store_sign_in (f->store, username, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
}

/* A plain SQLite connection on the desk's file, as any program (or an attacker) has. */
static sqlite3 *
open_raw (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autofree char *text = query_text (db, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static GPtrArray *
check (McStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (mc_store_check (store, problems, &error));
  g_assert_no_error (error);
  return problems;
}

static void
assert_no_problems (McStore *store)
{
  g_autoptr(GPtrArray) problems = check (store);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* One problem that contains each of @needles. */
static void
assert_problem (GPtrArray  *problems,
                const char *needle1,
                const char *needle2)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (problems->pdata[i], needle1) != NULL && strstr (problems->pdata[i], needle2) != NULL)
      return;
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_error ("no problem mentions “%s” and “%s”", needle1, needle2);
}

/* ---- accounts ------------------------------------------------------------------------- */

/* A new desk, the tests and the demo have no accounts: every change is allowed and the
 * audit trail names whoever the caller says. */
static void
test_single_user_mode (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  sqlite3 *db;

  g_assert_false (mc_store_has_accounts (f->store));
  g_assert_null (mc_store_get_current_account (f->store));
  dossier = receive (f->store, "Nguyễn Văn Ấn");
  g_assert_cmpstr (dossier->clerk, ==, "ten-goi-vao");
  moved = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "xu-ly", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_set_setting (f->store, "office.name", "UBND xã Tân Trào", &error));
  g_assert_no_error (error);

  history = mc_store_get_history (f->store, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((McDossierEvent *) history->pdata[1])->actor, ==, "xu-ly");
  db = open_raw (f);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM dossier_events WHERE account IS NULL"), ==, 2);
  sqlite3_close (db);
}

static void
test_first_account_is_an_administrator (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) clerk = NULL;
  g_autoptr(McAccount) admin = NULL;
  g_autoptr(McAccount) second = NULL;

  clerk = mc_store_add_account (f->store, "thu.lt", "Lê Thị Thu", MC_ROLE_CLERK, CLERK_PASSWORD, &error);
  g_assert_null (clerk);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_assert_false (mc_store_has_accounts (f->store));
  g_clear_error (&error);

  /* Names are kept in lower case; the full name as typed (NFC). */
  admin = mc_store_add_account (f->store, "Admin", "Hoàng  Văn Quản ", MC_ROLE_ADMINISTRATOR | MC_ROLE_CLERK,
                                ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (admin->username, ==, "admin");
  g_assert_cmpstr (admin->full_name, ==, "Hoàng Văn Quản");
  g_assert_cmpuint (admin->roles, ==, MC_ROLE_ADMINISTRATOR | MC_ROLE_CLERK);
  g_assert_true (admin->active);
  g_assert_true (mc_store_has_accounts (f->store));

  /* From now on a second account needs a signed-in administrator. */
  second = mc_store_add_account (f->store, "thu.lt", "Lê Thị Thu", MC_ROLE_CLERK, CLERK_PASSWORD, &error);
  g_assert_null (second);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
}

static void
test_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) account = NULL;
  g_autoptr(McAccount) wrong = NULL;
  g_autoptr(McAccount) unknown = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *wrong_message = NULL;
  sqlite3 *db;

  add_staff (f);

  /* The user name in any case; the store remembers who is signed in. */
  account = mc_store_sign_in (f->store, "Thu.LT", CLERK_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->username, ==, "thu.lt");
  g_assert_cmpstr (account->full_name, ==, "Lê Thị Thu");
  g_assert_cmpuint (account->roles, ==, MC_ROLE_CLERK);
  g_assert_nonnull (mc_store_get_current_account (f->store));
  g_assert_cmpstr (mc_store_get_current_account (f->store)->username, ==, "thu.lt");

  /* A wrong password signs the previous person out and says only "wrong name or password",
   * the same as for a name that does not exist. */
  wrong = mc_store_sign_in (f->store, "thu.lt", "tiep-nhan-2024", &error);
  g_assert_null (wrong);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_assert_null (mc_store_get_current_account (f->store));
  wrong_message = g_strdup (error->message);
  g_clear_error (&error);
  unknown = mc_store_sign_in (f->store, "khong.co", CLERK_PASSWORD, &error);
  g_assert_null (unknown);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, wrong_message);

  /* The password is stored as a salted yescrypt hash, never as itself. */
  db = open_raw (f);
  hash = query_text (db, "SELECT password_hash FROM accounts WHERE username = 'thu.lt'");
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_null (strstr (hash, CLERK_PASSWORD));
  g_assert_cmpint (query_int (db, "SELECT count (DISTINCT password_hash) FROM accounts"), ==, 3);
  sqlite3_close (db);
}

/* A disabled account cannot sign in, and one already signed in elsewhere (another program on
 * the same database) is refused at its next change. */
static void
test_disabled_account (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) other_desk = mc_store_open (f->path, &error);
  g_autoptr(McAccount) at_other_desk = NULL;
  g_autoptr(McAccount) refused = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McDossier) after = NULL;

  g_assert_no_error (error);
  add_staff (f);
  at_other_desk = mc_store_sign_in (other_desk, "thu.lt", CLERK_PASSWORD, &error);
  g_assert_no_error (error);
  dossier = receive (other_desk, "Nguyễn Văn Ấn");

  sign_in (f, "admin", ADMIN_PASSWORD);
  g_assert_true (mc_store_set_account_active (f->store, "thu.lt", FALSE, &error));
  g_assert_no_error (error);

  refused = mc_store_sign_in (f->store, "thu.lt", CLERK_PASSWORD, &error);
  g_assert_null (refused);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "thu.lt"));
  g_clear_error (&error);

  after = mc_store_move (other_desk, dossier->code, MC_STATUS_IN_PROCESSING, "x", MC_TIME_NONE, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* Enabled again, it works again. */
  sign_in (f, "admin", ADMIN_PASSWORD);
  g_assert_true (mc_store_set_account_active (f->store, "thu.lt", TRUE, &error));
  after = mc_store_move (other_desk, dossier->code, MC_STATUS_IN_PROCESSING, "x", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, MC_STATUS_IN_PROCESSING);
}

/* Once there are accounts, nothing changes without someone signed in. */
static void
test_changes_need_a_signed_in_account (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) refused = NULL;
  g_autoptr(GPtrArray) all = NULL;

  add_staff (f);
  refused = try_receive (f->store, "Nguyễn Văn Ấn", &error);
  g_assert_null (refused);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (mc_store_set_setting (f->store, "office.name", "UBND xã Tân Trào", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);

  all = mc_store_list_dossiers (f->store, NULL, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_cmpstr (mc_store_get_settings (f->store)->office_name, !=, "UBND xã Tân Trào");
}

/* A move the role may not make is refused with a message and leaves the dossier, its history,
 * its pauses and the outbox exactly as they were; the officer then makes it. */
static void
test_forbidden_move_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McDossier) handed = NULL;
  g_autoptr(McDossier) refused = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(McDossier) ready = NULL;
  g_autoptr(GPtrArray) history = NULL;
  McOutboxCounts before_counts = { 0 }, after_counts = { 0 };

  add_staff (f);
  sign_in (f, "thu.lt", CLERK_PASSWORD);
  dossier = receive (f->store, "Nguyễn Văn Ấn");
  handed = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "x", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_count_outbox (f->store, &before_counts, NULL));

  refused = mc_store_move (f->store, dossier->code, MC_STATUS_RESULT_READY, "x", MC_TIME_NONE, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  /* Says which statuses, and whose move it is. */
  g_assert_nonnull (strstr (error->message, mc_status_describe (MC_STATUS_RESULT_READY)));
  g_assert_nonnull (strstr (error->message, mc_role_describe (MC_ROLE_OFFICER)));
  g_clear_error (&error);

  after = mc_store_get_dossier (f->store, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpint (after->revision, ==, handed->revision);
  g_assert_cmpint (after->finished_at, ==, MC_TIME_NONE);
  history = mc_store_get_history (f->store, dossier->code, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_true (mc_store_count_outbox (f->store, &after_counts, NULL));
  g_assert_cmpint (after_counts.pending, ==, before_counts.pending);

  sign_in (f, "binh.tv", OFFICER_PASSWORD);
  ready = mc_store_move (f->store, dossier->code, MC_STATUS_RESULT_READY, "x", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ready->status, ==, MC_STATUS_RESULT_READY);
  /* And the officer may not hand the result over at the counter. */
  g_clear_pointer (&refused, mc_dossier_free);
  refused = mc_store_move (f->store, dossier->code, MC_STATUS_RETURNED, "x", MC_TIME_NONE, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  assert_no_problems (f->store);
}

/* The administrator's work on the desk itself — catalogue and calendar updates, backups,
 * sending refused records again — is refused to everyone else with the reason, and the
 * refusal changes nothing. */
static void
test_office_tasks_need_the_administrator (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCatalogue) catalogue = mc_catalogue_new_default (&error);
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  const char *announcements =
    "{\"format\": 1, \"announcements\": [{\"year\": 2025, \"confirmed\": true, \"source\": \"test\","
    " \"days_off\": [{\"date\": \"2025-12-01\", \"name\": \"Ngày nghỉ thử nghiệm\"}]}]}";
  guint n = 0;

  g_assert_no_error (error);
  add_staff (f);
  sign_in (f, "thu.lt", CLERK_PASSWORD);

  g_assert_false (mc_store_import_catalogue (f->store, catalogue, "test", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, mc_role_describe (MC_ROLE_ADMINISTRATOR)));
  g_clear_error (&error);
  g_assert_false (mc_store_import_announcements (f->store, announcements, &n, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_true (mc_work_calendar_is_working_day (mc_store_get_work_calendar (f->store),
                                                  mc_day_from_ymd (2025, 12, 1)));
  g_assert_false (mc_store_backup (f->store, backup, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_false (mc_store_outbox_retry (f->store, 0, &n, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (mc_store_outbox_resend (f->store, NULL, &n, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (mc_store_check_office_task (f->store, MC_OFFICE_TASK_RESTORE, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* Nobody signed in: the same refusal, asking for a sign-in. */
  mc_store_sign_out (f->store);
  g_assert_false (mc_store_backup (f->store, backup, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);

  sign_in (f, "admin", ADMIN_PASSWORD);
  g_assert_true (mc_store_import_announcements (f->store, announcements, &n, &error));
  g_assert_no_error (error);
  g_assert_false (mc_work_calendar_is_working_day (mc_store_get_work_calendar (f->store),
                                                   mc_day_from_ymd (2025, 12, 1)));
  g_assert_true (mc_store_backup (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_outbox_retry (f->store, 0, &n, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_check_office_task (f->store, MC_OFFICE_TASK_RESTORE, &error));
  g_assert_no_error (error);
}

/* A late dossier's apology (form 04) is signed off by a supervisor: the clerk who sees it
 * proposed is refused with the reason and nothing is recorded; the supervisor's is. */
static void
test_apology_needs_a_supervisor (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McDossier) handed = NULL;
  g_autoptr(McAccount) supervisor = NULL;
  g_autoptr(McApologyRecord) refused = NULL;
  g_autoptr(McApologyRecord) apology = NULL;
  g_autoptr(GPtrArray) apologies = NULL;
  g_autoptr(GPtrArray) history = NULL;
  McTime new_due;

  add_staff (f);
  sign_in (f, "admin", ADMIN_PASSWORD);
  supervisor = mc_store_add_account (f->store, "lanhdao", "Phạm Thị Lan", MC_ROLE_SUPERVISOR, "lanh-dao-2025", &error);
  g_assert_no_error (error);
  sign_in (f, "thu.lt", CLERK_PASSWORD);
  dossier = receive (f->store, "Đỗ Thị Muộn");
  handed = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "x", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  new_due = handed->due_at + 5 * 24 * 3600;

  refused = mc_store_record_apology (f->store, dossier->code, "x", MC_TIME_NONE, "Cần xác minh", new_due, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, mc_role_describe (MC_ROLE_SUPERVISOR)));
  g_clear_error (&error);
  apologies = mc_store_list_apologies (f->store, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (apologies->len, ==, 0);

  sign_in (f, "lanhdao", "lanh-dao-2025");
  apology = mc_store_record_apology (f->store, dossier->code, "x", MC_TIME_NONE, "Cần xác minh", new_due,
                                     "Chủ tịch UBND xã", &error);
  g_assert_no_error (error);
  g_assert_nonnull (apology);
  history = mc_store_get_history (f->store, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((McDossierEvent *) g_ptr_array_index (history, history->len - 1))->actor, ==, "Phạm Thị Lan");
  assert_no_problems (f->store);
}

/* The desk's own log records account changes, sign-ins (also refused ones), settings and
 * backups, each with the account that made it and never a password; only administrators read
 * it, and nobody edits it. */
static void
test_desk_log_records_account_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) refused_read = NULL;
  g_autoptr(McAccount) wrong = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "log-backup.db", NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *lock_before = NULL;
  g_autofree char *lock_change = NULL;
  sqlite3 *db;
  static const char *const expected[] = {
    "catalogue-imported bundled",   /* the new desk's catalogue */
    "account-added admin", "signed-in admin", "account-added thu.lt", "account-added binh.tv",
    "sign-in-refused thu.lt", "signed-in admin", "account-changed binh.tv", "account-disabled binh.tv",
    "account-enabled binh.tv", "password-changed thu.lt", "setting-changed desk.lock-after-minutes",
    "backup", "signed-in thu.lt",
  };

  add_staff (f);
  wrong = mc_store_sign_in (f->store, "thu.lt", "mat-khau-sai", &error);
  g_assert_null (wrong);
  g_clear_error (&error);
  sign_in (f, "admin", ADMIN_PASSWORD);
  g_assert_true (mc_store_update_account (f->store, "binh.tv", NULL, MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR, &error));
  g_assert_true (mc_store_set_account_active (f->store, "binh.tv", FALSE, &error));
  g_assert_true (mc_store_set_account_active (f->store, "binh.tv", TRUE, &error));
  g_assert_true (mc_store_set_password (f->store, "thu.lt", "mat-khau-moi-2026", &error));
  lock_before = mc_office_settings_get (mc_store_get_settings (f->store), "desk.lock-after-minutes");
  lock_change = g_strdup_printf ("%s → 7", lock_before);
  g_assert_true (mc_store_set_setting (f->store, "desk.lock-after-minutes", "7", &error));
  g_assert_true (mc_store_backup (f->store, backup, &error));
  g_assert_no_error (error);

  /* The clerk may not read who signed in when. */
  sign_in (f, "thu.lt", "mat-khau-moi-2026");
  refused_read = mc_store_list_desk_events (f->store, 0, &error);
  g_assert_null (refused_read);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);

  sign_in (f, "admin", ADMIN_PASSWORD);
  events = mc_store_list_desk_events (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >=, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const McDeskEvent *event = g_ptr_array_index (events, i);
      g_autofree char *seen = event->subject != NULL && g_strcmp0 (event->action, "backup") != 0
                              ? g_strdup_printf ("%s %s", event->action, event->subject)
                              : g_strdup (event->action);

      g_assert_cmpstr (seen, ==, expected[i]);
    }
  for (guint i = 0; i < events->len; i++)
    {
      const McDeskEvent *event = g_ptr_array_index (events, i);

      g_string_append_printf (all, "%s|%s|%s|%s\n", event->account ? event->account : "", event->action,
                              event->subject ? event->subject : "", event->detail ? event->detail : "");
    }
  /* Who did it: the administrator made the changes; the refused sign-in names nobody. */
  g_assert_cmpstr (((McDeskEvent *) events->pdata[7])->account, ==, "admin");
  g_assert_null (((McDeskEvent *) events->pdata[5])->account);
  g_assert_cmpstr (((McDeskEvent *) events->pdata[11])->detail, ==, lock_change);
  g_assert_nonnull (strstr (((McDeskEvent *) events->pdata[7])->detail, "officer,supervisor"));
  /* No password, right or wrong, anywhere in the log. */
  g_assert_null (strstr (all->str, "mat-khau"));
  g_assert_null (strstr (all->str, CLERK_PASSWORD));
  g_assert_null (strstr (all->str, ADMIN_PASSWORD));

  /* Nobody edits it, even with SQL. */
  db = open_raw (f);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE desk_events SET account = 'ai-do'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM desk_events", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM desk_events WHERE account = 'ai-do'"), ==, 0);
  sqlite3_close (db);
}

/* Signed in, the audit entry and the dossier's clerk are the account's, whatever name the
 * caller passes; each entry records the user name. */
static void
test_audit_entry_names_the_account (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  sqlite3 *db;

  add_staff (f);
  sign_in (f, "thu.lt", CLERK_PASSWORD);
  dossier = receive (f->store, "Nguyễn Văn Ấn");
  g_assert_cmpstr (dossier->clerk, ==, "Lê Thị Thu");
  moved = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "ai-do", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);

  history = mc_store_get_history (f->store, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((McDossierEvent *) history->pdata[0])->actor, ==, "Lê Thị Thu");
  g_assert_cmpstr (((McDossierEvent *) history->pdata[1])->actor, ==, "Lê Thị Thu");

  db = open_raw (f);
  sql = g_strdup_printf ("SELECT account FROM dossier_events WHERE id = %" G_GINT64_FORMAT,
                         ((McDossierEvent *) history->pdata[0])->id);
  first = query_text (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT account FROM dossier_events WHERE id = %" G_GINT64_FORMAT,
                         ((McDossierEvent *) history->pdata[1])->id);
  second = query_text (db, sql);
  g_assert_cmpstr (first, ==, "thu.lt");
  g_assert_cmpstr (second, ==, "thu.lt");
  sqlite3_close (db);
}

static void
test_settings_need_the_right_role (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) reopened = NULL;
  g_autoptr(McAccount) supervisor = NULL;
  g_autofree char *name = NULL;

  add_staff (f);
  name = g_strdup (mc_store_get_settings (f->store)->office_name);

  sign_in (f, "thu.lt", CLERK_PASSWORD);
  g_assert_false (mc_store_set_setting (f->store, "office.name", "UBND xã Tân Trào", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "office.name"));
  g_clear_error (&error);
  g_assert_cmpstr (mc_store_get_settings (f->store)->office_name, ==, name);
  /* Writing the value already in force is no change. */
  g_assert_true (mc_store_set_setting (f->store, "office.name", name, &error));
  g_assert_no_error (error);

  sign_in (f, "admin", ADMIN_PASSWORD);
  supervisor = mc_store_add_account (f->store, "lanhdao", "Phạm Thị Lan", MC_ROLE_SUPERVISOR, "lanh-dao-2025", &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_set_setting (f->store, "desk.lock-after-minutes", "5", &error));
  g_assert_no_error (error);

  sign_in (f, "lanhdao", "lanh-dao-2025");
  g_assert_true (mc_store_set_setting (f->store, "deadline.due-soon-days", "2", &error));
  g_assert_no_error (error);
  g_assert_false (mc_store_set_setting (f->store, "desk.lock-after-minutes", "60", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* What reached the disk: the administrator's and the supervisor's changes only. */
  g_clear_object (&f->store);
  reopened = mc_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mc_store_get_settings (reopened)->office_name, ==, name);
  g_assert_cmpint (mc_store_get_settings (reopened)->lock_after_seconds, ==, 5 * 60);
  g_assert_cmpint (mc_store_get_settings (reopened)->deadline.due_soon_working_days, ==, 2);
}

static void
test_administrator_manages_accounts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) by_clerk = NULL;
  g_autoptr(McAccount) renamed = NULL;
  g_autoptr(McAccount) with_new_password = NULL;
  g_autoptr(McAccount) with_old_password = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  add_staff (f);

  sign_in (f, "thu.lt", CLERK_PASSWORD);
  by_clerk = mc_store_add_account (f->store, "an.nv", "Nguyễn Văn An", MC_ROLE_CLERK, "mat-khau-an-1", &error);
  g_assert_null (by_clerk);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (mc_store_set_account_active (f->store, "binh.tv", FALSE, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (mc_store_set_password (f->store, "binh.tv", "mat-khau-moi-1", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  /* One's own password, though, is one's own. */
  g_assert_true (mc_store_set_password (f->store, "thu.lt", "mat-khau-moi-1", &error));
  g_assert_no_error (error);
  with_old_password = mc_store_sign_in (f->store, "thu.lt", CLERK_PASSWORD, &error);
  g_assert_null (with_old_password);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);
  g_clear_error (&error);
  with_new_password = mc_store_sign_in (f->store, "thu.lt", "mat-khau-moi-1", &error);
  g_assert_no_error (error);

  sign_in (f, "admin", ADMIN_PASSWORD);
  /* The last active administrator stays one, and nobody disables themselves. */
  g_assert_false (mc_store_update_account (f->store, "admin", NULL, MC_ROLE_CLERK, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_store_set_account_active (f->store, "admin", FALSE, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (mc_store_update_account (f->store, "binh.tv", "Trần Văn Bình (Tư pháp)",
                                          MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR, &error));
  g_assert_no_error (error);
  renamed = mc_store_get_account (f->store, "binh.tv", &error);
  g_assert_cmpstr (renamed->full_name, ==, "Trần Văn Bình (Tư pháp)");
  g_assert_cmpuint (renamed->roles, ==, MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR);
  g_assert_true (mc_store_set_password (f->store, "binh.tv", "mat-khau-moi-2", &error));
  g_assert_no_error (error);

  accounts = mc_store_list_accounts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 3);
  g_assert_cmpstr (((McAccount *) accounts->pdata[0])->username, ==, "admin");
  g_assert_cmpstr (((McAccount *) accounts->pdata[1])->username, ==, "binh.tv");
  g_assert_cmpstr (((McAccount *) accounts->pdata[2])->username, ==, "thu.lt");
  assert_no_problems (f->store);
}

static void
test_bad_names_and_passwords_refused (Fixture *f, gconstpointer data)
{
  static const char *const bad_names[] = { "a", "1abc", "lê.thu", "thu lt", "x;drop", "" };
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(McAccount) account = mc_store_add_account (f->store, bad_names[i], "Lê Thị Thu",
                                                           MC_ROLE_ADMINISTRATOR, ADMIN_PASSWORD, &error);

      g_assert_null (account);
      g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  {
    g_autoptr(McAccount) short_password = mc_store_add_account (f->store, "admin", "Hoàng Văn Quản",
                                                                MC_ROLE_ADMINISTRATOR, "ngan", &error);
    g_autoptr(McAccount) name_as_password = NULL;
    g_autoptr(McAccount) no_name = NULL;

    g_assert_null (short_password);
    g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
    g_clear_error (&error);
    name_as_password = mc_store_add_account (f->store, "quantri01", "Hoàng Văn Quản", MC_ROLE_ADMINISTRATOR,
                                             "QuanTri01", &error);
    g_assert_null (name_as_password);
    g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
    g_clear_error (&error);
    no_name = mc_store_add_account (f->store, "admin", "  ", MC_ROLE_ADMINISTRATOR, ADMIN_PASSWORD, &error);
    g_assert_null (no_name);
    g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  }
  g_assert_false (mc_store_has_accounts (f->store));
}

/* ---- the audit hash chain ---------------------------------------------------------------- */

/* Three dossiers with a few moves each, by two people. Returns the dossiers' codes. */
static GPtrArray *
make_history (Fixture *f)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  const char *names[] = { "Nguyễn Văn Ấn", "Trần Thị Bé", "Lò Văn Cường" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(McDossier) dossier = receive (f->store, names[i]);
      g_autoptr(McDossier) moved = NULL;
      g_autoptr(GError) error = NULL;

      moved = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "xu-ly", MC_TIME_NONE,
                             "Chuyển Công an xã", &error);
      g_assert_no_error (error);
      g_ptr_array_add (codes, g_strdup (dossier->code));
    }
  return codes;
}

static void
test_chain_is_whole_after_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) codes = make_history (f);
  sqlite3 *db = open_raw (f);

  g_assert_cmpuint (codes->len, ==, 3);
  /* Every entry has its hash, all different. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM dossier_events"), ==, 6);
  g_assert_cmpint (query_int (db, "SELECT count (DISTINCT hash) FROM dossier_events WHERE length (hash) = 64"), ==, 6);
  sqlite3_close (db);
  assert_no_problems (f->store);
}

/* Through SQL with the triggers in place (any program, the app included), an entry can be
 * neither edited nor deleted. */
static void
test_entries_cannot_be_edited_through_sql (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) codes = make_history (f);
  sqlite3 *db = open_raw (f);
  g_autoptr(GPtrArray) history = NULL;

  g_assert_cmpint (sqlite3_exec (db, "UPDATE dossier_events SET note = 'khác' WHERE id = 2", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE dossier_events SET hash = NULL WHERE id = 2", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM dossier_events WHERE id = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
  assert_no_problems (f->store);
  /* The first dossier's history reads as it was written. */
  history = mc_store_get_history (f->store, codes->pdata[0], NULL);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((McDossierEvent *) history->pdata[1])->note, ==, "Chuyển Công an xã");
}

/* An attacker drops the append-only trigger and edits an entry's note: the check names the
 * dossier and the entry, and only that entry. */
static void
test_chain_detects_an_edited_entry (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) codes = make_history (f);
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db = open_raw (f);
  gint64 id;
  g_autofree char *sql = NULL;
  g_autofree char *entry = NULL;

  /* The second dossier's move (entries: 1, 2 first dossier; 3, 4 second). */
  sql = g_strdup_printf ("SELECT e.id FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id"
                         " WHERE d.code = '%s' AND e.to_status = 4", (char *) codes->pdata[1]);
  id = query_int (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("DROP TRIGGER dossier_events_no_update;"
                         "UPDATE dossier_events SET note = 'Chuyển Tư pháp' WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  problems = check (f->store);
  g_assert_cmpuint (problems->len, ==, 1);
  entry = g_strdup_printf (" %" G_GINT64_FORMAT " ", id);
  assert_problem (problems, codes->pdata[1], entry);
}

/* An attacker who also recomputes the edited entry's own hash moves the break to the next
 * entry: still found. */
static void
test_chain_detects_an_edit_with_its_hash_recomputed (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) codes = make_history (f);
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db = open_raw (f);

  mc_store_register_functions (db);
  g_assert_cmpint (sqlite3_exec (db,
      "DROP TRIGGER dossier_events_no_update;"
      "UPDATE dossier_events SET actor = 'người khác' WHERE id = 3;"
      "UPDATE dossier_events SET hash = mc_audit_hash ((SELECT hash FROM dossier_events WHERE id = 2),"
      "  id, dossier_id, at, actor, account, from_status, to_status, note, recorded_at) WHERE id = 3;",
      NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  problems = check (f->store);
  g_assert_cmpuint (problems->len, >=, 1);
  assert_problem (problems, codes->pdata[1], " 4 ");
}

/* An attacker drops the delete trigger and removes an entry: the gap and the broken link are
 * reported with the dossier of the entry that follows. */
static void
test_chain_detects_a_deleted_entry (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) codes = make_history (f);
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db = open_raw (f);

  g_assert_cmpint (sqlite3_exec (db,
      "DROP TRIGGER dossier_events_no_delete;"
      "DELETE FROM outbox WHERE event_id = 4;"
      "DELETE FROM dossier_events WHERE id = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  problems = check (f->store);
  /* Entry 5 (the third dossier's receipt) follows the deleted one. */
  assert_problem (problems, codes->pdata[2], " 4 ");
  assert_problem (problems, codes->pdata[2], " 5 ");
}

/* A database written before accounts (schema 8) gets its entries chained in id order when it
 * is upgraded; the chain then goes on with new entries, and the append-only rule holds. */
static void
test_migration_chains_existing_entries (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(McStore) upgraded = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(McDossier) received = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  mc_store_register_functions (db);
  /* 8: the schema just before accounts and the hash chain (migration 9). */
  g_assert_true (mc_store_migrate (db, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
      "INSERT INTO dossiers (id, code, procedure_code, procedure_name, time_limit, pause_rule, applicant_kind,"
      "  applicant_name, id_number, channel, sets, status, received_at, due_at, current_due_at, clerk,"
      "  revision, created_at, updated_at)"
      " VALUES (1, '000.00.16.H04-251124-0001', '1.004222', 'Đăng ký thường trú', '7 working-days', 0, 1,"
      "  'Nguyễn Văn Ấn', '008090001234', 1, 1, 4, 1763953200, 1764730800, 1764730800, 'clerk', 2,"
      "  1763953200, 1763953200),"
      "  (2, '000.00.16.H04-251124-0002', '1.004222', 'Đăng ký thường trú', '7 working-days', 0, 1,"
      "  'Trần Thị Bé', '008090001235', 1, 1, 2, 1763956800, 1764734400, 1764734400, 'clerk', 1,"
      "  1763956800, 1763956800);"
      "UPDATE dossiers SET search_text = mc_search_text (code, applicant_name, id_number, phone,"
      "  procedure_code, procedure_name);"
      "INSERT INTO code_sequences VALUES ('000.00.16.H04', 251124, 2);"
      "INSERT INTO dossier_events (id, dossier_id, at, actor, from_status, to_status, note, recorded_at) VALUES"
      "  (1, 1, 1763953200, 'clerk', NULL, 2, NULL, 1763953200),"
      "  (2, 2, 1763956800, 'clerk', NULL, 2, 'Nộp thay', 1763956800),"
      "  (3, 1, 1763960400, 'clerk', 2, 4, 'Chuyển Công an xã', 1763960400);"
      "INSERT INTO outbox (kind, dossier_id, event_id, revision, created_at) VALUES"
      "  ('dossier', 1, NULL, 2, 1763960400), ('step', 1, 1, 1, 1763953200), ('step', 1, 3, 2, 1763960400),"
      "  ('dossier', 2, NULL, 1, 1763956800), ('step', 2, 2, 1, 1763956800);",
      NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  upgraded = mc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_store_get_schema_version (upgraded), ==, MC_STORE_SCHEMA_VERSION);
  problems = check (upgraded);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The old desk's entries keep what they said, and new ones join the chain. */
  moved = mc_store_move (upgraded, "000.00.16.H04-251124-0002", MC_STATUS_IN_PROCESSING, "xu-ly", MC_TIME_NONE,
                         NULL, &error);
  g_assert_no_error (error);
  received = receive (upgraded, "Lò Văn Cường");
  problems = check (upgraded);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE dossier_events SET note = 'khác' WHERE id = 1", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM dossier_events WHERE hash IS NULL"), ==, 0);
  /* The first entry of the old desk, edited: found. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER dossier_events_no_update;"
                                     "UPDATE dossier_events SET at = at + 3600 WHERE id = 1", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  problems = check (upgraded);
  assert_problem (problems, "000.00.16.H04-251124-0001", " 1 ");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/accounts/single-user-mode", test_single_user_mode);
  ADD ("/accounts/office-tasks-need-the-administrator", test_office_tasks_need_the_administrator);
  ADD ("/accounts/apology-needs-a-supervisor", test_apology_needs_a_supervisor);
  ADD ("/accounts/desk-log-records-account-changes", test_desk_log_records_account_changes);
  ADD ("/accounts/first-account-is-an-administrator", test_first_account_is_an_administrator);
  ADD ("/accounts/sign-in", test_sign_in);
  ADD ("/accounts/disabled-account", test_disabled_account);
  ADD ("/accounts/changes-need-a-signed-in-account", test_changes_need_a_signed_in_account);
  ADD ("/accounts/forbidden-move-changes-nothing", test_forbidden_move_changes_nothing);
  ADD ("/accounts/audit-entry-names-the-account", test_audit_entry_names_the_account);
  ADD ("/accounts/settings-need-the-right-role", test_settings_need_the_right_role);
  ADD ("/accounts/administrator-manages-accounts", test_administrator_manages_accounts);
  ADD ("/accounts/bad-names-and-passwords-refused", test_bad_names_and_passwords_refused);
  ADD ("/audit-chain/whole-after-changes", test_chain_is_whole_after_changes);
  ADD ("/audit-chain/entries-cannot-be-edited-through-sql", test_entries_cannot_be_edited_through_sql);
  ADD ("/audit-chain/detects-an-edited-entry", test_chain_detects_an_edited_entry);
  ADD ("/audit-chain/detects-an-edit-with-its-hash-recomputed", test_chain_detects_an_edit_with_its_hash_recomputed);
  ADD ("/audit-chain/detects-a-deleted-entry", test_chain_detects_a_deleted_entry);
  ADD ("/audit-chain/migration-chains-existing-entries", test_migration_chains_existing_entries);
#undef ADD
  return g_test_run ();
}
