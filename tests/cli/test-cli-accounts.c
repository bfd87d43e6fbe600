/* test-cli-accounts.c — accounts through motcua-cli as an office runs them: a desk without
 * accounts works as before, the first administrator, the CLI acting as a named account with a
 * private password file (or the environment), refusals with exit status 1 and nothing changed,
 * disabled accounts and password changes, and `check` reporting an audit entry edited or
 * deleted in the database file behind the desk's back. The path of the built program is passed
 * as --cli=PATH. */
#include <string.h>

#include <cjson/cJSON.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

static char *cli_path;

typedef struct
{
  char *dir;
  char *db;
  char *admin_pw;     /* password files, mode 0600 */
  char *clerk_pw;
  char *officer_pw;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

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
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
  g_free (f->admin_pw);
  g_free (f->clerk_pw);
  g_free (f->officer_pw);
}

/* Runs the CLI on the fixture's database with @args; @account and @password_file, when given,
 * come through the environment ($MOTCUA_ACCOUNT, $MOTCUA_PASSWORD_FILE), which is otherwise
 * cleared. Stdin is not a terminal, so nothing may wait for a typed password. */
static Run *
run_as (Fixture            *f,
        const char         *account,
        const char         *password_file,
        const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, cli_path);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_unsetenv (envp, "MOTCUA_ACCOUNT");
  envp = g_environ_unsetenv (envp, "MOTCUA_PASSWORD_FILE");
  if (account != NULL)
    envp = g_environ_setenv (envp, "MOTCUA_ACCOUNT", account, TRUE);
  if (password_file != NULL)
    envp = g_environ_setenv (envp, "MOTCUA_PASSWORD_FILE", password_file, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (wait_status, &exit_error))
    run->status = 0;
  else if (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code))
    run->status = exit_error->code;
  else
    g_error ("motcua-cli did not exit normally (%s); stderr:\n%s", exit_error->message, run->err);
  return run;
}

#define RUN(f, ...) run_as ((f), NULL, NULL, (const char *[]) { __VA_ARGS__, NULL })
#define RUN_AS(f, account, pw, ...) run_as ((f), (account), (pw), (const char *[]) { __VA_ARGS__, NULL })

static void
assert_status (const Run *run,
               int        expected)
{
  if (run->status != expected)
    g_error ("expected exit status %d, got %d\nstdout:\n%s\nstderr:\n%s",
             expected, run->status, run->out, run->err);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

/* The role's name in the language the CLI runs in (Vietnamese on a desk, maybe not here). */
static void
assert_names_administrator (const char *text)
{
  if (strstr (text, "Quản trị viên") == NULL && strstr (text, "Administrator") == NULL)
    g_error ("the administrator's role is not named in:\n%s", text);
}

static cJSON *
parse_json (const Run *run)
{
  cJSON *json = cJSON_Parse (run->out);

  if (json == NULL)
    g_error ("not JSON:\n%s", run->out);
  return json;
}

static const char *
json_string (const cJSON *object,
             const char  *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (!cJSON_IsString (item))
    g_error ("no string “%s”", key);
  return item->valuestring;
}

/* An administrator, a clerk and a processing officer, added as an office would. */
static void
add_staff (Fixture *f)
{
  g_autoptr(Run) admin = RUN (f, "account", "add", "admin", "--name", "Hoàng Văn Quản", "--role", "administrator",
                              "--password-file", f->admin_pw);
  g_autoptr(Run) clerk = NULL;
  g_autoptr(Run) officer = NULL;

  assert_status (admin, 0);
  clerk = RUN (f, "--account", "admin", "--account-password-file", f->admin_pw,
               "account", "add", "thu.lt", "--name", "Lê Thị Thu", "--role", "clerk", "--password-file", f->clerk_pw);
  assert_status (clerk, 0);
  officer = RUN_AS (f, "admin", f->admin_pw, "account", "add", "binh.tv", "--name", "Trần Văn Bình",
                    "--role", "officer", "--password-file", f->officer_pw);
  assert_status (officer, 0);
}

static char *
receive_as_clerk (Fixture *f)
{
  g_autoptr(Run) run = RUN_AS (f, "thu.lt", f->clerk_pw, "receive", "--procedure", "1.004222",
                               "--name", "Nguyễn Văn Ấn", "--id-number", "001090012345", "--document", "ct01",
                               "--actor", "khong-phai-toi", "--json");
  g_autoptr(cJSON) json = NULL;

  assert_status (run, 0);
  json = parse_json (run);
  return g_strdup (json_string (json, "code"));
}

/* A desk without accounts works as it always did: --actor names who did it. */
static void
test_single_user_mode (Fixture *f, gconstpointer data)
{
  g_autoptr(Run) list = RUN (f, "account", "list", "--json");
  g_autoptr(cJSON) json = NULL;
  g_autoptr(Run) received = NULL;
  g_autoptr(cJSON) dossier = NULL;
  const cJSON *history;

  assert_status (list, 0);
  json = parse_json (list);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (json, "single_user")));
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (json, "accounts")), ==, 0);

  received = RUN (f, "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn", "--id-number",
                  "001090012345", "--document", "ct01", "--actor", "Lê Thị Thu", "--json");
  assert_status (received, 0);
  dossier = parse_json (received);
  g_assert_cmpstr (json_string (dossier, "clerk"), ==, "Lê Thị Thu");
  history = cJSON_GetObjectItemCaseSensitive (dossier, "history");
  if (history != NULL)
    g_assert_cmpstr (json_string (cJSON_GetArrayItem (history, 0), "actor"), ==, "Lê Thị Thu");
}

/* The first account is an administrator's, made without signing in; the next ones need that
 * administrator, named on the command line or in the environment. */
static void
test_first_administrator_then_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(Run) clerk_first = RUN (f, "account", "add", "thu.lt", "--name", "Lê Thị Thu", "--role", "clerk",
                                    "--password-file", f->clerk_pw);
  g_autoptr(Run) admin = NULL;
  g_autoptr(Run) unsigned_add = NULL;
  g_autoptr(Run) signed_add = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(cJSON) json = NULL;
  const cJSON *accounts;

  assert_status (clerk_first, 1);
  assert_contains (clerk_first->err, "administrator");

  admin = RUN (f, "account", "add", "Admin", "--name", "Hoàng Văn Quản", "--role", "admin,clerk",
               "--password-file", f->admin_pw, "--json");
  assert_status (admin, 0);
  json = parse_json (admin);
  g_assert_cmpstr (json_string (json, "username"), ==, "admin");
  g_assert_cmpstr (json_string (json, "roles"), ==, "clerk,administrator");
  g_clear_pointer (&json, cJSON_Delete);

  unsigned_add = RUN (f, "account", "add", "thu.lt", "--name", "Lê Thị Thu", "--role", "clerk",
                      "--password-file", f->clerk_pw);
  assert_status (unsigned_add, 1);
  assert_contains (unsigned_add->err, "--account");

  signed_add = RUN_AS (f, "admin", f->admin_pw, "account", "add", "thu.lt", "--name", "Lê Thị Thu",
                       "--role", "clerk", "--password-file", f->clerk_pw);
  assert_status (signed_add, 0);

  list = RUN (f, "account", "list", "--json");
  assert_status (list, 0);
  json = parse_json (list);
  accounts = cJSON_GetObjectItemCaseSensitive (json, "accounts");
  g_assert_cmpint (cJSON_GetArraySize (accounts), ==, 2);
  g_assert_cmpstr (json_string (cJSON_GetArrayItem (accounts, 1), "full_name"), ==, "Lê Thị Thu");
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
  g_autoptr(Run) open_run = NULL;
  g_autoptr(Run) wrong_run = NULL;
  g_autoptr(Run) no_password = NULL;
  g_autoptr(Run) new_account_open = NULL;

  add_staff (f);
  open_run = RUN_AS (f, "admin", open_file, "account", "disable", "thu.lt");
  assert_status (open_run, 1);
  assert_contains (open_run->err, "600");
  wrong_run = RUN (f, "--account", "admin", "--account-password-file", wrong_file, "account", "disable", "thu.lt");
  assert_status (wrong_run, 1);
  assert_contains (wrong_run->err, "Wrong user name or password");
  no_password = RUN (f, "--account", "admin", "account", "disable", "thu.lt");
  assert_status (no_password, 1);
  assert_contains (no_password->err, "0600");
  new_account_open = RUN_AS (f, "admin", f->admin_pw, "account", "add", "an.nv", "--name", "Nguyễn Văn An",
                             "--role", "clerk", "--password-file", open_file);
  assert_status (new_account_open, 1);

  {
    g_autoptr(Run) list = RUN (f, "account", "list", "--json");
    g_autoptr(cJSON) json = parse_json (list);
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
  g_autoptr(Run) handed = NULL;
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) shown = NULL;
  g_autoptr(Run) ready = NULL;
  g_autoptr(cJSON) dossier = NULL;
  const cJSON *history;
  const cJSON *entry;

  add_staff (f);
  code = receive_as_clerk (f);
  handed = RUN_AS (f, "thu.lt", f->clerk_pw, "move", code, "--to", "in-processing");
  assert_status (handed, 0);
  refused = RUN_AS (f, "thu.lt", f->clerk_pw, "move", code, "--to", "result-ready");
  assert_status (refused, 1);
  assert_contains (refused->err, "Đang xử lý");
  assert_contains (refused->err, "Đã xử lý xong");

  shown = RUN (f, "show", code, "--json");
  assert_status (shown, 0);
  dossier = parse_json (shown);
  g_assert_cmpstr (json_string (dossier, "status"), ==, "in-processing");
  g_assert_cmpstr (json_string (dossier, "clerk"), ==, "Lê Thị Thu");
  history = cJSON_GetObjectItemCaseSensitive (dossier, "history");
  g_assert_cmpint (cJSON_GetArraySize (history), ==, 2);
  cJSON_ArrayForEach (entry, history)
    g_assert_cmpstr (json_string (entry, "actor"), ==, "Lê Thị Thu");

  ready = RUN_AS (f, "binh.tv", f->officer_pw, "move", code, "--to", "result-ready");
  assert_status (ready, 0);

  /* Without an account, nothing changes at all on this desk. */
  {
    g_autoptr(Run) anonymous = RUN (f, "move", code, "--to", "returned", "--actor", "ai-do");

    assert_status (anonymous, 1);
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
  g_autoptr(Run) refused_backup = NULL;
  g_autoptr(Run) backup_run = NULL;
  g_autoptr(Run) refused_restore = NULL;
  g_autoptr(Run) anonymous_restore = NULL;
  g_autoptr(Run) refused_import = NULL;
  g_autoptr(Run) restored = NULL;
  g_autoptr(Run) shown = NULL;

  add_staff (f);
  code = receive_as_clerk (f);

  refused_backup = RUN_AS (f, "thu.lt", f->clerk_pw, "backup", backup);
  assert_status (refused_backup, 1);
  assert_names_administrator (refused_backup->err);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  backup_run = RUN_AS (f, "admin", f->admin_pw, "backup", backup);
  assert_status (backup_run, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  refused_restore = RUN_AS (f, "thu.lt", f->clerk_pw, "restore", backup);
  assert_status (refused_restore, 1);
  assert_names_administrator (refused_restore->err);
  anonymous_restore = RUN (f, "restore", backup);
  assert_status (anonymous_restore, 1);

  if (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      refused_import = RUN_AS (f, "thu.lt", f->clerk_pw, "catalogue", "import", catalogue);
      assert_status (refused_import, 1);
      assert_names_administrator (refused_import->err);
    }

  restored = RUN_AS (f, "admin", f->admin_pw, "restore", backup);
  assert_status (restored, 0);
  shown = RUN (f, "show", code);
  assert_status (shown, 0);
}

/* The desk's own log through the CLI: the administrator reads who added whom and who signed
 * in; the clerk may not read it. */
static void
test_account_log (Fixture *f, gconstpointer data)
{
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) log = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(cJSON) json = NULL;
  const cJSON *events;
  const cJSON *event;
  gboolean clerk_added = FALSE;

  add_staff (f);
  refused = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "log");
  assert_status (refused, 1);
  assert_names_administrator (refused->err);

  log = RUN_AS (f, "admin", f->admin_pw, "account", "log", "--json", "--limit", "0");
  assert_status (log, 0);
  json = parse_json (log);
  events = cJSON_GetObjectItemCaseSensitive (json, "events");
  g_assert_true (cJSON_IsArray (events));
  cJSON_ArrayForEach (event, events)
    {
      const cJSON *account = cJSON_GetObjectItemCaseSensitive (event, "account");

      if (g_str_equal (json_string (event, "action"), "account-added") &&
          g_str_equal (json_string (event, "subject"), "thu.lt"))
        {
          g_assert_true (cJSON_IsString (account));
          g_assert_cmpstr (account->valuestring, ==, "admin");
          clerk_added = TRUE;
        }
    }
  g_assert_true (clerk_added);

  text = RUN_AS (f, "admin", f->admin_pw, "account", "log", "--limit", "3");
  assert_status (text, 0);
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (text->out), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }
  assert_contains (text->out, "admin");
}

static void
test_disabled_account_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(Run) disabled = NULL;
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) enabled = NULL;
  g_autofree char *code = NULL;

  add_staff (f);
  disabled = RUN_AS (f, "admin", f->admin_pw, "account", "disable", "thu.lt");
  assert_status (disabled, 0);
  refused = RUN_AS (f, "thu.lt", f->clerk_pw, "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn",
                    "--id-number", "001090012345", "--document", "ct01");
  assert_status (refused, 1);
  assert_contains (refused->err, "thu.lt");
  list = RUN (f, "account", "list");
  assert_status (list, 0);
  assert_contains (list->out, "disabled");

  enabled = RUN_AS (f, "admin", f->admin_pw, "account", "enable", "thu.lt");
  assert_status (enabled, 0);
  code = receive_as_clerk (f);
  g_assert_nonnull (code);
}

static void
test_passwd_changes_the_password (Fixture *f, gconstpointer data)
{
  g_autofree char *new_pw = write_private (f, "new.pw", "mat-khau-moi-2026\n", 0600);
  g_autoptr(Run) changed = NULL;
  g_autoptr(Run) with_old = NULL;
  g_autoptr(Run) with_new = NULL;
  g_autoptr(Run) other = NULL;

  add_staff (f);
  changed = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "passwd", "--password-file", new_pw);
  assert_status (changed, 0);
  assert_contains (changed->out, "thu.lt");
  with_old = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "passwd", "--password-file", new_pw);
  assert_status (with_old, 1);
  with_new = RUN_AS (f, "thu.lt", new_pw, "account", "passwd", "--password-file", f->clerk_pw);
  assert_status (with_new, 0);
  /* Not someone else's, unless an administrator. */
  other = RUN_AS (f, "thu.lt", f->clerk_pw, "account", "passwd", "binh.tv", "--password-file", new_pw);
  assert_status (other, 1);
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
  g_autoptr(Run) handed = NULL;
  g_autoptr(Run) clean = NULL;
  g_autoptr(Run) tampered = NULL;
  g_autoptr(Run) tampered_json = NULL;
  g_autoptr(cJSON) json = NULL;

  add_staff (f);
  code = receive_as_clerk (f);
  handed = RUN_AS (f, "thu.lt", f->clerk_pw, "move", code, "--to", "in-processing", "--note", "Chuyển Công an xã");
  assert_status (handed, 0);
  clean = RUN (f, "check");
  assert_status (clean, 0);

  raw_exec (f, "DROP TRIGGER dossier_events_no_update;"
               "UPDATE dossier_events SET actor = 'Người khác' WHERE id = 2;");
  tampered = RUN (f, "check");
  assert_status (tampered, 1);
  assert_contains (tampered->out, code);
  assert_contains (tampered->out, "entry 2");
  tampered_json = RUN (f, "check", "--json");
  assert_status (tampered_json, 1);
  json = parse_json (tampered_json);
  g_assert_true (cJSON_IsFalse (cJSON_GetObjectItemCaseSensitive (json, "ok")));
}

static void
test_check_reports_a_deleted_entry (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(Run) handed = NULL;
  g_autoptr(Run) tampered = NULL;

  add_staff (f);
  first = receive_as_clerk (f);
  handed = RUN_AS (f, "thu.lt", f->clerk_pw, "move", first, "--to", "in-processing");
  assert_status (handed, 0);
  second = receive_as_clerk (f);

  /* Entry 2 is the first dossier's hand-over; entry 3 the second dossier's receipt. */
  raw_exec (f, "DROP TRIGGER dossier_events_no_delete;"
               "DELETE FROM outbox WHERE event_id = 2;"
               "DELETE FROM dossier_events WHERE id = 2;");
  tampered = RUN (f, "check");
  assert_status (tampered, 1);
  assert_contains (tampered->out, "entry 2");
  assert_contains (tampered->out, "entry 3");
  assert_contains (tampered->out, second);
}

int
main (int    argc,
      char **argv)
{
  /* --cli=PATH comes from meson; take it out before GTest sees the arguments. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--cli="))
      {
        cli_path = g_strdup (argv[i] + strlen ("--cli="));
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        break;
      }
  if (cli_path == NULL)
    cli_path = g_strdup (g_getenv ("MOTCUA_CLI"));

  g_test_init (&argc, &argv, NULL);

  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("motcua-cli not found: pass --cli=PATH or set MOTCUA_CLI");
      return g_test_run ();
    }

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
