/* test-cli-accounts.c — accounts through motcua-cli as an office runs them: a desk without
 * accounts works as before, the first administrator, the CLI acting as a named account with a
 * private password file (or the environment), refusals with exit status 1 and nothing changed,
 * disabled accounts and password changes, and `check` reporting an audit entry edited or
 * deleted in the database file behind the desk's back. The path of the built program is passed
 * as --cli=PATH. */
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mc-cli-test.h"

typedef struct
{
  char *dir;
  char *db;
  char *admin_pw;     /* password files, mode 0600 */
  char *clerk_pw;
  char *officer_pw;
} Fixture;

static char *
write_private (Fixture    *f,
               const char *name,
               const char *contents,
               int         mode)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, mode, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("motcua-cli-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "desk.db", NULL);
  f->admin_pw = write_private (f, "admin.pw", "quan-tri-2025\n", 0600);
  f->clerk_pw = write_private (f, "clerk.pw", "tiep-nhan-2025\n", 0600);
  f->officer_pw = write_private (f, "officer.pw", "xu-ly-2025!\n", 0600);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  mc_cli_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
  g_free (f->admin_pw);
  g_free (f->clerk_pw);
  g_free (f->officer_pw);
}

/* Runs the CLI on the fixture's database with @args; @account and @password_file, when given,
 * come through the environment ($MOTCUA_ACCOUNT, $MOTCUA_PASSWORD_FILE), which is otherwise
 * cleared. Stdin is not a terminal, so nothing may wait for a typed password. Each test has a
 * data folder of its own. */
static McCliRun *
run_as (Fixture            *f,
        const char         *account,
        const char         *password_file,
        const char * const *args)
{
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  const McCliTestEnv env[] = {
    { "XDG_DATA_HOME", data_home },
    { "MOTCUA_ACCOUNT", account },
    { "MOTCUA_PASSWORD_FILE", password_file },
    { NULL, NULL },
  };

  return mc_cli_test_run (f->db, env, args);
}

#define RUN(f, ...) run_as ((f), NULL, NULL, MC_CLI_TEST_ARGS (__VA_ARGS__))
#define RUN_AS(f, account, pw, ...) run_as ((f), (account), (pw), MC_CLI_TEST_ARGS (__VA_ARGS__))

/* The role's name in the language the CLI runs in (Vietnamese on a desk, maybe not here). */
static void
assert_names_administrator (const char *text)
{
  if (strstr (text, "Quản trị viên") == NULL && strstr (text, "Administrator") == NULL)
    g_error ("the administrator's role is not named in:\n%s", text);
}

/* An administrator, a clerk and a processing officer, added as an office would. */
static void
add_staff (Fixture *f)
{
  g_autoptr(McCliRun) admin = RUN (f, "account", "add", "admin", "--name", "Hoàng Văn Quản", "--role", "administrator",
                                   "--password-file", f->admin_pw);
  g_autoptr(McCliRun) clerk = NULL;
  g_autoptr(McCliRun) officer = NULL;

  mc_cli_test_assert_status (admin, 0);
  clerk = RUN (f, "--account", "admin", "--account-password-file", f->admin_pw,
               "account", "add", "thu.lt", "--name", "Lê Thị Thu", "--role", "clerk", "--password-file", f->clerk_pw);
  mc_cli_test_assert_status (clerk, 0);
  officer = RUN_AS (f, "admin", f->admin_pw, "account", "add", "binh.tv", "--name", "Trần Văn Bình",
                    "--role", "officer", "--password-file", f->officer_pw);
  mc_cli_test_assert_status (officer, 0);
}

static char *
receive_as_clerk (Fixture *f)
{
  g_autoptr(McCliRun) run = RUN_AS (f, "thu.lt", f->clerk_pw, "receive", "--procedure", "1.004222",
                                    "--name", "Nguyễn Văn Ấn", "--id-number", "001090012345", "--document", "ct01",
                                    "--actor", "khong-phai-toi", "--json");
  g_autoptr(cJSON) json = NULL;

  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  return g_strdup (mc_cli_test_json_string (json, "code"));
}

/* A desk without accounts works as it always did: --actor names who did it. */
static void
test_single_user_mode (Fixture *f, gconstpointer data)
{
  g_autoptr(McCliRun) list = RUN (f, "account", "list", "--json");
  g_autoptr(cJSON) json = NULL;
  g_autoptr(McCliRun) received = NULL;
  g_autoptr(cJSON) dossier = NULL;
  const cJSON *history;

  mc_cli_test_assert_status (list, 0);
  json = mc_cli_test_parse_json (list);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (json, "single_user")));
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (json, "accounts")), ==, 0);

  received = RUN (f, "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn", "--id-number",
                  "001090012345", "--document", "ct01", "--actor", "Lê Thị Thu", "--json");
  mc_cli_test_assert_status (received, 0);
  dossier = mc_cli_test_parse_json (received);
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "clerk"), ==, "Lê Thị Thu");
  history = cJSON_GetObjectItemCaseSensitive (dossier, "history");
  if (history != NULL)
    g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (history, 0), "actor"), ==, "Lê Thị Thu");
}

/* The first account is an administrator's, made without signing in; the next ones need that
 * administrator, named on the command line or in the environment. */
static void
test_first_administrator_then_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(McCliRun) clerk_first = RUN (f, "account", "add", "thu.lt", "--name", "Lê Thị Thu", "--role", "clerk",
                                         "--password-file", f->clerk_pw);
  g_autoptr(McCliRun) admin = NULL;
  g_autoptr(McCliRun) unsigned_add = NULL;
  g_autoptr(McCliRun) signed_add = NULL;
  g_autoptr(McCliRun) list = NULL;
  g_autoptr(cJSON) json = NULL;
  const cJSON *accounts;

  mc_cli_test_assert_status (clerk_first, 1);
  mc_cli_test_assert_contains (clerk_first->err, "administrator");

  admin = RUN (f, "account", "add", "Admin", "--name", "Hoàng Văn Quản", "--role", "admin,clerk",
               "--password-file", f->admin_pw, "--json");
  mc_cli_test_assert_status (admin, 0);
  json = mc_cli_test_parse_json (admin);
  g_assert_cmpstr (mc_cli_test_json_string (json, "username"), ==, "admin");
  g_assert_cmpstr (mc_cli_test_json_string (json, "roles"), ==, "clerk,administrator");
  g_clear_pointer (&json, cJSON_Delete);

  unsigned_add = RUN (f, "account", "add", "thu.lt", "--name", "Lê Thị Thu", "--role", "clerk",
                      "--password-file", f->clerk_pw);
  mc_cli_test_assert_status (unsigned_add, 1);
  mc_cli_test_assert_contains (unsigned_add->err, "--account");

  signed_add = RUN_AS (f, "admin", f->admin_pw, "account", "add", "thu.lt", "--name", "Lê Thị Thu",
                       "--role", "clerk", "--password-file", f->clerk_pw);
  mc_cli_test_assert_status (signed_add, 0);

  list = RUN (f, "account", "list", "--json");
  mc_cli_test_assert_status (list, 0);
  json = mc_cli_test_parse_json (list);
  accounts = cJSON_GetObjectItemCaseSensitive (json, "accounts");
  g_assert_cmpint (cJSON_GetArraySize (accounts), ==, 2);
  g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (accounts, 1), "full_name"), ==, "Lê Thị Thu");
  /* No password and no hash in anything the CLI prints. */
  g_assert_null (strstr (list->out, "$y$"));
  g_assert_null (strstr (list->out, "tiep-nhan"));
}

/* A password file others may read is refused before anything is done, and so is a wrong
 * password; no password at all (stdin is not a terminal) is refused without waiting. */
static void
test_password_must_be_private_and_right (Fixture *f, gconstpointer data)
{
  g_autofree char *open_file = write_private (f, "open.pw", "quan-tri-2025\n", 0644);
  g_autofree char *wrong_file = write_private (f, "wrong.pw", "quan-tri-2024\n", 0600);
  g_autoptr(McCliRun) open_run = NULL;
  g_autoptr(McCliRun) wrong_run = NULL;
  g_autoptr(McCliRun) no_password = NULL;
  g_autoptr(McCliRun) new_account_open = NULL;

  add_staff (f);
  open_run = RUN_AS (f, "admin", open_file, "account", "disable", "thu.lt");
  mc_cli_test_assert_status (open_run, 1);
  mc_cli_test_assert_contains (open_run->err, "600");
  wrong_run = RUN (f, "--account", "admin", "--account-password-file", wrong_file, "account", "disable", "thu.lt");
  mc_cli_test_assert_status (wrong_run, 1);
  mc_cli_test_assert_contains (wrong_run->err, "Wrong user name or password");
  no_password = RUN (f, "--account", "admin", "account", "disable", "thu.lt");
  mc_cli_test_assert_status (no_password, 1);
  mc_cli_test_assert_contains (no_password->err, "0600");
  new_account_open = RUN_AS (f, "admin", f->admin_pw, "account", "add", "an.nv", "--name", "Nguyễn Văn An",
                             "--role", "clerk", "--password-file", open_file);
  mc_cli_test_assert_status (new_account_open, 1);

  {
    g_autoptr(McCliRun) list = RUN (f, "account", "list", "--json");
    g_autoptr(cJSON) json = mc_cli_test_parse_json (list);
    const cJSON *accounts = cJSON_GetObjectItemCaseSensitive (json, "accounts");
    const cJSON *item;

    g_assert_cmpint (cJSON_GetArraySize (accounts), ==, 3);
    cJSON_ArrayForEach (item, accounts)
      g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (item, "active")));
  }
}

/* The clerk receives and hands over; the result is the officer's: refused with status 1, a
 * message naming the statuses, and the dossier as it was. The audit trail names the clerk's
 * account, not what --actor said. */
static void
test_refused_move_exits_1 (Fixture *f, gconstpointer data)
{
  g_autofree char *code = NULL;
  g_autoptr(McCliRun) handed = NULL;
  g_autoptr(McCliRun) refused = NULL;
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(McCliRun) ready = NULL;
  g_autoptr(cJSON) dossier = NULL;
  const cJSON *history;
  const cJSON *entry;

  add_staff (f);
  code = receive_as_clerk (f);
  handed = RUN_AS (f, "thu.lt", f->clerk_pw, "move", code, "--to", "in-processing");
  mc_cli_test_assert_status (handed, 0);
  refused = RUN_AS (f, "thu.lt", f->clerk_pw, "move", code, "--to", "result-ready");
  mc_cli_test_assert_status (refused, 1);
  mc_cli_test_assert_contains (refused->err, "Đang xử lý");
  mc_cli_test_assert_contains (refused->err, "Đã xử lý xong");

  shown = RUN (f, "show", code, "--json");
  mc_cli_test_assert_status (shown, 0);
  dossier = mc_cli_test_parse_json (shown);
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "status"), ==, "in-processing");
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "clerk"), ==, "Lê Thị Thu");
  history = cJSON_GetObjectItemCaseSensitive (dossier, "history");
  g_assert_cmpint (cJSON_GetArraySize (history), ==, 2);
  cJSON_ArrayForEach (entry, history)
    g_assert_cmpstr (mc_cli_test_json_string (entry, "actor"), ==, "Lê Thị Thu");

  ready = RUN_AS (f, "binh.tv", f->officer_pw, "move", code, "--to", "result-ready");
  mc_cli_test_assert_status (ready, 0);

  /* Without an account, nothing changes at all on this desk. */
  {
    g_autoptr(McCliRun) anonymous = RUN (f, "move", code, "--to", "returned", "--actor", "ai-do");

    mc_cli_test_assert_status (anonymous, 1);
  }
}

/* Backups, restores and catalogue updates are the administrator's: the clerk is told so (exit
 * 1) and the database is left as it was; the administrator's backup restores. */
static void
test_backup_and_restore_need_the_administrator (Fixture *f, gconstpointer data)
{
  g_autofree char *code = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "backup.db", NULL);
  g_autofree char *catalogue = g_build_filename (g_getenv ("MOTCUA_SOURCE_DIR"), "data", "catalogue",
                                                 "procedures.json", NULL);
  g_autoptr(McCliRun) refused_backup = NULL;
  g_autoptr(McCliRun) backup_run = NULL;
  g_autoptr(McCliRun) refused_restore = NULL;
  g_autoptr(McCliRun) anonymous_restore = NULL;
  g_autoptr(McCliRun) refused_import = NULL;
  g_autoptr(McCliRun) restored = NULL;
  g_autoptr(McCliRun) shown = NULL;

  add_staff (f);
  code = receive_as_clerk (f);

  refused_backup = RUN_AS (f, "thu.lt", f->clerk_pw, "backup", backup);
  mc_cli_test_assert_status (refused_backup, 1);
  assert_names_administrator (refused_backup->err);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  backup_run = RUN_AS (f, "admin", f->admin_pw, "backup", backup);
  mc_cli_test_assert_status (backup_run, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  refused_restore = RUN_AS (f, "thu.lt", f->clerk_pw, "restore", backup);
  mc_cli_test_assert_status (refused_restore, 1);
  assert_names_administrator (refused_restore->err);
  anonymous_restore = RUN (f, "restore", backup);
  mc_cli_test_assert_status (anonymous_restore, 1);

  if (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      refused_import = RUN_AS (f, "thu.lt", f->clerk_pw, "catalogue", "import", catalogue);
      mc_cli_test_assert_status (refused_import, 1);
      assert_names_administrator (refused_import->err);
    }

  restored = RUN_AS (f, "admin", f->admin_pw, "restore", backup);
  mc_cli_test_assert_status (restored, 0);
  shown = RUN (f, "show", code);
  mc_cli_test_assert_status (shown, 0);
}

/* The desk's own log through the CLI: the administrator reads who added whom and who signed
 * in; the clerk may not read it. */
static void
test_account_log (Fixture *f, gconstpointer data)
{
  g_autoptr(McCliRun) refused = NULL;
  g_autoptr(McCliRun) log = NULL;
  g_autoptr(McCliRun) text = NULL;
  g_autoptr(cJSON) json = NULL;
  const cJSON *events;
  const cJSON *event;
  gboolean clerk_added = FALSE;

  add_staff (f);
  refused = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "log");
  mc_cli_test_assert_status (refused, 1);
  assert_names_administrator (refused->err);

  log = RUN_AS (f, "admin", f->admin_pw, "account", "log", "--json", "--limit", "0");
  mc_cli_test_assert_status (log, 0);
  json = mc_cli_test_parse_json (log);
  events = cJSON_GetObjectItemCaseSensitive (json, "events");
  g_assert_true (cJSON_IsArray (events));
  cJSON_ArrayForEach (event, events)
    {
      const cJSON *account = cJSON_GetObjectItemCaseSensitive (event, "account");

      if (g_str_equal (mc_cli_test_json_string (event, "action"), "account-added") &&
          g_str_equal (mc_cli_test_json_string (event, "subject"), "thu.lt"))
        {
          g_assert_true (cJSON_IsString (account));
          g_assert_cmpstr (account->valuestring, ==, "admin");
          clerk_added = TRUE;
        }
    }
  g_assert_true (clerk_added);

  text = RUN_AS (f, "admin", f->admin_pw, "account", "log", "--limit", "3");
  mc_cli_test_assert_status (text, 0);
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (text->out), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }
  mc_cli_test_assert_contains (text->out, "admin");
}

static void
test_disabled_account_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(McCliRun) disabled = NULL;
  g_autoptr(McCliRun) refused = NULL;
  g_autoptr(McCliRun) list = NULL;
  g_autoptr(McCliRun) enabled = NULL;
  g_autofree char *code = NULL;

  add_staff (f);
  disabled = RUN_AS (f, "admin", f->admin_pw, "account", "disable", "thu.lt");
  mc_cli_test_assert_status (disabled, 0);
  refused = RUN_AS (f, "thu.lt", f->clerk_pw, "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn",
                    "--id-number", "001090012345", "--document", "ct01");
  mc_cli_test_assert_status (refused, 1);
  mc_cli_test_assert_contains (refused->err, "thu.lt");
  list = RUN (f, "account", "list");
  mc_cli_test_assert_status (list, 0);
  mc_cli_test_assert_contains (list->out, "disabled");

  enabled = RUN_AS (f, "admin", f->admin_pw, "account", "enable", "thu.lt");
  mc_cli_test_assert_status (enabled, 0);
  code = receive_as_clerk (f);
  g_assert_nonnull (code);
}

static void
test_passwd_changes_the_password (Fixture *f, gconstpointer data)
{
  g_autofree char *new_pw = write_private (f, "new.pw", "mat-khau-moi-2026\n", 0600);
  g_autoptr(McCliRun) changed = NULL;
  g_autoptr(McCliRun) with_old = NULL;
  g_autoptr(McCliRun) with_new = NULL;
  g_autoptr(McCliRun) other = NULL;

  add_staff (f);
  changed = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "passwd", "--password-file", new_pw);
  mc_cli_test_assert_status (changed, 0);
  mc_cli_test_assert_contains (changed->out, "thu.lt");
  with_old = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "passwd", "--password-file", new_pw);
  mc_cli_test_assert_status (with_old, 1);
  with_new = RUN_AS (f, "thu.lt", new_pw, "account", "passwd", "--password-file", f->clerk_pw);
  mc_cli_test_assert_status (with_new, 0);
  /* Not someone else's, unless an administrator. */
  other = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "passwd", "binh.tv", "--password-file", new_pw);
  mc_cli_test_assert_status (other, 1);
}

static void
raw_exec (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Someone edits the database file with the sqlite3 tool, dropping the append-only trigger as
 * an attacker would: `check` exits 1 and names the dossier and the entry. */
static void
test_check_reports_an_edited_entry (Fixture *f, gconstpointer data)
{
  g_autofree char *code = NULL;
  g_autoptr(McCliRun) handed = NULL;
  g_autoptr(McCliRun) clean = NULL;
  g_autoptr(McCliRun) tampered = NULL;
  g_autoptr(McCliRun) tampered_json = NULL;
  g_autoptr(cJSON) json = NULL;

  add_staff (f);
  code = receive_as_clerk (f);
  handed = RUN_AS (f, "thu.lt", f->clerk_pw, "move", code, "--to", "in-processing", "--note", "Chuyển Công an xã");
  mc_cli_test_assert_status (handed, 0);
  clean = RUN (f, "check");
  mc_cli_test_assert_status (clean, 0);

  raw_exec (f, "DROP TRIGGER dossier_events_no_update;"
               "UPDATE dossier_events SET actor = 'Người khác' WHERE id = 2;");
  tampered = RUN (f, "check");
  mc_cli_test_assert_status (tampered, 1);
  mc_cli_test_assert_contains (tampered->out, code);
  mc_cli_test_assert_contains (tampered->out, "entry 2");
  tampered_json = RUN (f, "check", "--json");
  mc_cli_test_assert_status (tampered_json, 1);
  json = mc_cli_test_parse_json (tampered_json);
  g_assert_true (cJSON_IsFalse (cJSON_GetObjectItemCaseSensitive (json, "ok")));
}

static void
test_check_reports_a_deleted_entry (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(McCliRun) handed = NULL;
  g_autoptr(McCliRun) tampered = NULL;

  add_staff (f);
  first = receive_as_clerk (f);
  handed = RUN_AS (f, "thu.lt", f->clerk_pw, "move", first, "--to", "in-processing");
  mc_cli_test_assert_status (handed, 0);
  second = receive_as_clerk (f);

  /* Entry 2 is the first dossier's hand-over; entry 3 the second dossier's receipt. */
  raw_exec (f, "DROP TRIGGER dossier_events_no_delete;"
               "DELETE FROM outbox WHERE event_id = 2;"
               "DELETE FROM dossier_events WHERE id = 2;");
  tampered = RUN (f, "check");
  mc_cli_test_assert_status (tampered, 1);
  mc_cli_test_assert_contains (tampered->out, "entry 2");
  mc_cli_test_assert_contains (tampered->out, "entry 3");
  mc_cli_test_assert_contains (tampered->out, second);
}

int
main (int    argc,
      char **argv)
{
  if (!mc_cli_test_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-accounts/single-user-mode", test_single_user_mode);
  ADD ("/cli-accounts/first-administrator-then-sign-in", test_first_administrator_then_sign_in);
  ADD ("/cli-accounts/password-must-be-private-and-right", test_password_must_be_private_and_right);
  ADD ("/cli-accounts/refused-move-exits-1", test_refused_move_exits_1);
  ADD ("/cli-accounts/disabled-account-refused", test_disabled_account_refused);
  ADD ("/cli-accounts/account-log", test_account_log);
  ADD ("/cli-accounts/backup-and-restore-need-the-administrator", test_backup_and_restore_need_the_administrator);
  ADD ("/cli-accounts/passwd-changes-the-password", test_passwd_changes_the_password);
  ADD ("/cli-accounts/check-reports-an-edited-entry", test_check_reports_an_edited_entry);
  ADD ("/cli-accounts/check-reports-a-deleted-entry", test_check_reports_a_deleted_entry);
#undef ADD
  return g_test_run ();
}
