/* test-faults-backup.c — backups and `motcua-cli restore`, as an administrator uses them.
 *
 * - A round trip: what was received or moved after the backup is gone after the restore, and
 *   listed as such; what the backup held is back; and the code of a dossier received after
 *   the backup (its slip is in a citizen's hands) is never issued again: the restored desk
 *   numbers on from the higher counter of the two databases.
 * - Backups taken by motcua-cli while another process writes as fast as it can: each one
 *   passes the check and holds every dossier committed before it started; the last one,
 *   restored, continues the numbering after every code the writer was given.
 * - Refusals that leave the desk's database as it was: a file that is not a desk database,
 *   a damaged backup, one that fails the invariants, a database still open in the app, and
 *   a damaged database replaced only when forced.
 */
#include <locale.h>
#include <signal.h>
#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "faults-test.h"
#include "mc-dossier-code.h"
#include "mc-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static FaultsCli cli;
static char *writer_path;

typedef struct
{
  char *dir;
  char *db_path;
} Desk;

static Desk *
desk_new (void)
{
  Desk *desk = g_new0 (Desk, 1);
  g_autoptr(GError) error = NULL;

  desk->dir = g_dir_make_tmp ("motcua-faults-XXXXXX", &error);
  g_assert_no_error (error);
  desk->db_path = g_build_filename (desk->dir, "desk.db", NULL);
  return desk;
}

static void
desk_free (Desk *desk)
{
  faults_remove_tree (desk->dir);
  g_free (desk->db_path);
  g_free (desk->dir);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

static char *
desk_file (Desk       *desk,
           const char *name)
{
  return g_build_filename (desk->dir, name, NULL);
}

static McStore *
desk_open (Desk *desk)
{
  g_autoptr(GError) error = NULL;
  McStore *store = mc_store_open (desk->db_path, &error);

  g_assert_no_error (error);
  return store;
}

static char *
receive (McStore    *store,
         const char *name)
{
  g_autoptr(McDossier) dossier = faults_receive (store, name);

  return g_strdup (dossier->code);
}

static void
move (McStore    *store,
      const char *code,
      McStatus    to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) moved G_GNUC_UNUSED = mc_store_move (store, code, to, "clerk-faults", MC_TIME_NONE, NULL, &error);

  g_assert_no_error (error);
}

/* motcua-cli --db DB --json ARGS…, which must succeed; its answer. */
static cJSON *
cli_json (const char *db_path,
          const char *first_arg,
          ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  cJSON *json;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli.cli);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db_path);
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("motcua-cli %s failed: %s", first_arg, err);
  json = cJSON_Parse (out);
  g_assert_nonnull (json);
  return json;
}

static gboolean
json_list_has (const cJSON *list,
               const char  *text)
{
  const cJSON *item;

  cJSON_ArrayForEach (item, list)
    if (g_strcmp0 (cJSON_GetStringValue (item), text) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_cli_check_clean (const char *db_path)
{
  g_autofree char *out = NULL;

  if (faults_cli_run (&cli, &out, NULL, "--db", db_path, "check", NULL) != 0)
    g_error ("motcua-cli check found problems in %s:\n%s", db_path, out);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_restore_round_trip_never_reissues_a_code (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_autofree char *backup = desk_file (desk, "backup.db");
  g_autofree char *backup_digest = NULL;
  g_autofree char *a1 = NULL, *a2 = NULL, *a3 = NULL, *a4 = NULL, *a5 = NULL;
  g_autoptr(cJSON) restored = NULL;
  g_autoptr(cJSON) shown = NULL;
  const char *previous;

  {
    g_autoptr(McStore) store = desk_open (desk);

    a1 = receive (store, "Nguyễn Văn An");
    a2 = receive (store, "Trần Thị Bình");
    move (store, a1, MC_STATUS_IN_PROCESSING);
  }
  cJSON_Delete (cli_json (desk->db_path, "backup", backup, NULL));
  backup_digest = file_digest (backup);
  {
    /* After the backup: two receipts whose slips the citizens take home, and a move. */
    g_autoptr(McStore) store = desk_open (desk);

    a3 = receive (store, "Lê Văn Cường");
    a4 = receive (store, "Phạm Thị Dung");
    move (store, a2, MC_STATUS_IN_PROCESSING);
  }

  restored = cli_json (desk->db_path, "restore", backup, NULL);
  g_assert_cmpint (cJSON_GetNumberValue (cJSON_GetObjectItem (restored, "dossiers")), ==, 2);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (restored, "missing")), ==, 2);
  g_assert_true (json_list_has (cJSON_GetObjectItem (restored, "missing"), a3));
  g_assert_true (json_list_has (cJSON_GetObjectItem (restored, "missing"), a4));
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItem (restored, "rolled_back")), ==, 1);
  g_assert_true (json_list_has (cJSON_GetObjectItem (restored, "rolled_back"), a2));
  g_assert_cmpint (cJSON_GetNumberValue (cJSON_GetObjectItem (restored, "counters_raised")), ==, 1);
  previous = cJSON_GetStringValue (cJSON_GetObjectItem (restored, "previous"));
  g_assert_nonnull (previous);
  g_assert_true (g_str_has_prefix (previous, desk->db_path));
  g_assert_nonnull (strstr (previous, ".before-restore-"));

  /* The backup's state is back, the later one is gone, and nothing was lost for good: the
   * replaced database is kept, whole. */
  {
    g_autoptr(McStore) store = desk_open (desk);
    g_autoptr(GError) error = NULL;
    g_autoptr(McDossier) d1 = mc_store_get_dossier (store, a1, NULL);
    g_autoptr(McDossier) d2 = mc_store_get_dossier (store, a2, NULL);
    g_autoptr(McDossier) d3 = mc_store_get_dossier (store, a3, &error);

    g_assert_cmpint (d1->status, ==, MC_STATUS_IN_PROCESSING);
    g_assert_cmpint (d2->status, ==, MC_STATUS_RECEIVED);
    g_assert_null (d3);
    g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND);

    /* The rule: a3 and a4 were printed on slips; the next receipt takes the number after them. */
    a5 = receive (store, "Đỗ Văn Em");
    g_assert_cmpint (faults_code_sequence (a5), ==, faults_code_sequence (a4) + 1);
  }
  assert_cli_check_clean (desk->db_path);
  shown = cli_json (previous, "show", a4, NULL);
  g_assert_cmpstr (cJSON_GetStringValue (cJSON_GetObjectItem (shown, "code")), ==, a4);
  assert_cli_check_clean (previous);
  /* The backup itself was only read. */
  {
    g_autofree char *after = file_digest (backup);

    g_assert_cmpstr (after, ==, backup_digest);
  }
}

/* Each refusal names the reason and leaves the desk's database exactly as it was. */
static void
assert_restore_refused (Desk       *desk,
                        const char *backup,
                        const char *reason,
                        const char *db_digest)
{
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (faults_cli_run (&cli, NULL, &err, "--db", desk->db_path, "restore", backup, NULL), ==, 1);
  g_test_message ("restore %s refused: %s", backup, err);
  if (strstr (err, reason) == NULL)
    g_error ("restoring %s: expected “%s” in: %s", backup, reason, err);
  after = file_digest (desk->db_path);
  g_assert_cmpstr (after, ==, db_digest);
  dir = g_dir_open (desk->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, "before-restore"));
}

static void
test_restore_refuses_what_is_not_a_sound_desk_database (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_autofree char *text_file = desk_file (desk, "notes.txt");
  g_autofree char *other_db = desk_file (desk, "other.db");
  g_autofree char *damaged = desk_file (desk, "damaged.db");
  g_autofree char *tampered = desk_file (desk, "tampered.db");
  g_autofree char *missing = desk_file (desk, "missing.db");
  g_autofree char *digest = NULL;
  g_autofree char *code = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr(McStore) store = desk_open (desk);
    g_autoptr(GError) error = NULL;

    code = receive (store, "Nguyễn Văn An");
    g_assert_true (mc_store_backup (store, damaged, &error));
    g_assert_true (mc_store_backup (store, tampered, &error));
    g_assert_no_error (error);
  }
  digest = file_digest (desk->db_path);

  g_assert_true (g_file_set_contents (text_file, "Danh sách hồ sơ\n", -1, NULL));
  assert_restore_refused (desk, text_file, "is not a Một Cửa Desk database", digest);

  g_assert_cmpint (sqlite3_open (other_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (text TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_restore_refused (desk, other_db, "is not a Một Cửa Desk database", digest);

  assert_restore_refused (desk, missing, "There is no backup file", digest);
  assert_restore_refused (desk, desk->db_path, "not a backup", digest);

  /* Pages overwritten in the middle of the file (a bad sector, a copy cut short). */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
    memset (contents + length / 3, 0xa5, length / 3);
    g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  }
  assert_restore_refused (desk, damaged, "is damaged", digest);

  /* Sound pages, broken invariants: a status the audit trail never recorded. */
  g_assert_cmpint (sqlite3_open (tampered, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE dossiers SET status = 9", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_restore_refused (desk, tampered, "fails the check", digest);

  /* The desk app still has the database open: restoring under it would lose its writes.
   * (Nothing here reads the database file while the app runs: that would drop the app's
   * POSIX locks, which belong to the process.) */
  {
    g_autofree char *good = desk_file (desk, "good.db");
    g_autofree char *err = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *name;

    {
      g_autoptr(McStore) store = desk_open (desk);
      g_autoptr(GError) error = NULL;

      g_assert_true (mc_store_backup (store, good, &error));
      g_assert_no_error (error);
    }
    {
      g_autoptr(McStore) app = desk_open (desk);

      before = receive (app, "Trần Thị Bình");
      g_assert_cmpint (faults_cli_run (&cli, NULL, &err, "--db", desk->db_path, "restore", good, NULL), ==, 1);
      g_test_message ("restore under the running app refused: %s", err);
      g_assert_nonnull (strstr (err, "is open in another program"));
      after = receive (app, "Lê Văn Cường");
    }
    /* Both receipts of the app, before and after the refusal, are in the desk's database. */
    {
      g_autoptr(McStore) store = desk_open (desk);
      g_autoptr(McDossier) first = mc_store_get_dossier (store, before, NULL);
      g_autoptr(McDossier) second = mc_store_get_dossier (store, after, NULL);

      g_assert_nonnull (first);
      g_assert_nonnull (second);
    }
    dir = g_dir_open (desk->dir, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, "before-restore"));
    assert_cli_check_clean (desk->db_path);
  }
}

static void
test_restore_over_damaged_database_needs_force (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_autofree char *backup = desk_file (desk, "backup.db");
  g_autofree char *err = NULL;
  g_autofree char *code = NULL;
  g_autoptr(cJSON) restored = NULL;
  const char *previous;

  {
    g_autoptr(McStore) store = desk_open (desk);
    g_autoptr(GError) error = NULL;

    code = receive (store, "Nguyễn Văn An");
    g_assert_true (mc_store_backup (store, backup, &error));
    g_assert_no_error (error);
  }
  /* The database's file is lost to a disk fault: nothing in it can be read. */
  g_assert_true (g_file_set_contents (desk->db_path, "\xa5\xa5\xa5 not a database any more", -1, NULL));

  g_assert_cmpint (faults_cli_run (&cli, NULL, &err, "--db", desk->db_path, "restore", backup, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cannot be read"));
  restored = cli_json (desk->db_path, "restore", backup, "--force", NULL);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItem (restored, "previous_unreadable")));
  previous = cJSON_GetStringValue (cJSON_GetObjectItem (restored, "previous"));
  g_assert_true (g_file_test (previous, G_FILE_TEST_EXISTS));
  assert_cli_check_clean (desk->db_path);
  cJSON_Delete (cli_json (desk->db_path, "show", code, NULL));
}

/* The desk's computer is replaced: the backup goes where the new one keeps its database,
 * whose folder does not exist yet. */
static void
test_restore_onto_a_new_computer (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_autofree char *backup = desk_file (desk, "backup.db");
  g_autofree char *new_db = g_build_filename (desk->dir, "new-computer", "motcua", "motcua.db", NULL);
  g_autofree char *last = NULL;
  g_autoptr(cJSON) restored = NULL;

  {
    g_autoptr(McStore) store = desk_open (desk);
    g_autoptr(GError) error = NULL;
    g_autofree char *first G_GNUC_UNUSED = receive (store, "Nguyễn Văn An");

    last = receive (store, "Trần Thị Bình");
    g_assert_true (mc_store_backup (store, backup, &error));
    g_assert_no_error (error);
  }
  restored = cli_json (new_db, "restore", backup, NULL);
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItem (restored, "previous")));
  g_assert_cmpint (cJSON_GetNumberValue (cJSON_GetObjectItem (restored, "dossiers")), ==, 2);
  assert_cli_check_clean (new_db);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McStore) store = mc_store_open (new_db, &error);
    g_autofree char *next = NULL;

    g_assert_no_error (error);
    next = receive (store, "Lê Văn Cường");
    g_assert_cmpint (faults_code_sequence (next), ==, faults_code_sequence (last) + 1);
  }
}

/* The codes the writer logged (each after its commit), read now. */
static GPtrArray *
logged_codes (const char *log_path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (log_path, &text, NULL, NULL))
    return codes;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (g_str_has_prefix (lines[i], "R "))
      g_ptr_array_add (codes, g_strdup (lines[i] + 2));
  return codes;
}

static void
test_backups_taken_while_writing_are_sound (void)
{
  g_autoptr(Desk) desk = desk_new ();
  g_autofree char *log_path = desk_file (desk, "issued.log");
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_backup = NULL;
  g_autoptr(GPtrArray) all_codes = NULL;
  guint n_backups = 6, largest = 0;

  {
    /* Created first, so that the writer starts on a database with its catalogue. */
    g_autoptr(McStore) store = desk_open (desk);
    g_autofree char *first G_GNUC_UNUSED = receive (store, "Nguyễn Văn An");
  }
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, writer_path, desk->db_path, log_path,
                             "7", NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < n_backups; i++)
    {
      g_autofree char *name = g_strdup_printf ("backup-%u.db", i);
      g_autofree char *backup = desk_file (desk, name);
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(McStore) copy = NULL;

      g_usleep (150000);
      /* Committed before the backup started: the backup must hold all of them. */
      before = logged_codes (log_path);
      cJSON_Delete (cli_json (desk->db_path, "backup", backup, NULL));
      g_assert_nonnull (g_subprocess_get_identifier (writer));
      assert_cli_check_clean (backup);

      copy = mc_store_open (backup, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < before->len; k++)
        {
          g_autoptr(McDossier) dossier G_GNUC_UNUSED = mc_store_get_dossier (copy, g_ptr_array_index (before, k), &error);

          g_assert_no_error (error);
        }
      largest = MAX (largest, before->len);
      g_clear_pointer (&last_backup, g_free);
      last_backup = g_steal_pointer (&backup);
    }
  g_subprocess_send_signal (writer, SIGKILL);
  g_subprocess_wait (writer, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (writer));

  /* The last backup, restored over what the writer left (killed mid-write): every code the
   * writer was given stays issued. */
  all_codes = logged_codes (log_path);
  g_assert_cmpuint (all_codes->len, >, largest);
  cJSON_Delete (cli_json (desk->db_path, "restore", last_backup, NULL));
  assert_cli_check_clean (desk->db_path);
  {
    /* Per day the writer used, the highest number it was given; a receipt dated that day
     * after the restore must number beyond it. */
    g_autoptr(McStore) store = desk_open (desk);
    g_autoptr(GHashTable) highest = g_hash_table_new (g_direct_hash, g_direct_equal);
    GHashTableIter iter;
    gpointer day, sequence;
    McTime now = mc_time_now ();
    guint n_days = 0;

    for (guint k = 0; k < all_codes->len; k++)
      {
        McDossierCode parsed = { 0 };

        g_assert_true (mc_dossier_code_parse (g_ptr_array_index (all_codes, k), &parsed, NULL));
        if (parsed.sequence > GPOINTER_TO_INT (g_hash_table_lookup (highest, GINT_TO_POINTER (parsed.day))))
          g_hash_table_insert (highest, GINT_TO_POINTER (parsed.day), GINT_TO_POINTER (parsed.sequence));
        mc_dossier_code_clear (&parsed);
      }
    g_hash_table_iter_init (&iter, highest);
    while (g_hash_table_iter_next (&iter, &day, &sequence))
      {
        g_autoptr(McDossierDraft) draft = faults_draft (store, "Hoàng Văn Phúc");
        g_autoptr(McDossier) next = NULL;

        draft->received_at = MIN (now, mc_time_from_local (GPOINTER_TO_INT (day), 23 * 3600));
        next = mc_store_receive (store, draft, "clerk-faults", &error);
        g_assert_no_error (error);
        g_assert_cmpint (faults_code_sequence (next->code), >, GPOINTER_TO_INT (sequence));
        n_days++;
      }
    g_test_message ("%u backups while writing; the last held %u of the %u dossiers the writer was given; "
                    "after its restore, new receipts on its %u days number beyond its codes",
                    n_backups, largest, all_codes->len, n_days);
  }
}

int
main (int argc, char *argv[])
{
  cli.cli = faults_take_option (&argc, argv, "--cli=");
  writer_path = faults_take_option (&argc, argv, "--writer=");
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (cli.cli == NULL || writer_path == NULL)
    g_error ("usage: test-faults-backup --cli=PATH --writer=PATH");

  g_test_add_func ("/faults/backup/restore-round-trip-never-reissues-a-code",
                   test_restore_round_trip_never_reissues_a_code);
  g_test_add_func ("/faults/backup/restore-refuses-what-is-not-a-sound-desk-database",
                   test_restore_refuses_what_is_not_a_sound_desk_database);
  g_test_add_func ("/faults/backup/restore-over-damaged-database-needs-force",
                   test_restore_over_damaged_database_needs_force);
  g_test_add_func ("/faults/backup/restore-onto-a-new-computer", test_restore_onto_a_new_computer);
  g_test_add_func ("/faults/backup/backups-taken-while-writing-are-sound", test_backups_taken_while_writing_are_sound);
  return g_test_run ();
}
