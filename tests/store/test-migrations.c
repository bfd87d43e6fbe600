/* Migrations: a database left at every earlier schema version opens, upgrades, keeps its
 * rows and passes the check; a newer one is refused untouched. */
#include <glib/gstdio.h>

#include "mc-store-private.h"

static char *
make_database_at (int version)
{
  g_autofree char *dir = g_dir_make_tmp ("motcua-migrate-XXXXXX", NULL);
  char *path = g_build_filename (dir, "old.db", NULL);
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  mc_store_register_functions (db);
  g_assert_true (mc_store_migrate (db, version, &error));
  g_assert_no_error (error);
  /* A dossier as an older desk wrote it, with its audit entry and outbox rows. */
  g_assert_cmpint (sqlite3_exec (db,
      "INSERT INTO dossiers (id, code, procedure_code, procedure_name, time_limit, pause_rule, applicant_kind,"
      "  applicant_name, id_number, channel, sets, status, received_at, due_at, current_due_at, clerk,"
      "  revision, created_at, updated_at)"
      " VALUES (1, '000.00.16.H04-251124-0001', '1.004222', 'Đăng ký thường trú', '7 working-days', 0, 1,"
      "  'Nguyễn Văn Ấn', '008090001234', 1, 1, 2, 1763953200, 1764730800, 1764730800, 'clerk', 1,"
      "  1763953200, 1763953200);"
      "INSERT INTO code_sequences VALUES ('000.00.16.H04', 251124, 1);"
      "INSERT INTO dossier_events (id, dossier_id, at, actor, from_status, to_status, recorded_at)"
      " VALUES (1, 1, 1763953200, 'clerk', NULL, 2, 1763953200);"
      "INSERT INTO outbox (kind, dossier_id, event_id, revision, created_at)"
      " VALUES ('dossier', 1, NULL, 1, 1763953200), ('step', 1, 1, 1, 1763953200);",
      NULL, NULL, NULL), ==, SQLITE_OK);
  /* From schema 3 on, a desk keeps the folded search text with the row. */
  if (version >= 3)
    g_assert_cmpint (sqlite3_exec (db, "UPDATE dossiers SET search_text = mc_search_text (code,"
                                       " applicant_name, id_number, phone, procedure_code, procedure_name)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_upgrade_from (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *path = make_database_at (version);
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (path, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mc_store_get_schema_version (store), ==, MC_STORE_SCHEMA_VERSION);
  found = mc_store_search (store, "nguyen van an", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (mc_store_check (store, problems, &error));
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *path = make_database_at (MC_STORE_SCHEMA_VERSION);
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  McStore *store;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = mc_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_SCHEMA);
}

/* Schema 6 retires acknowledged outbox rows: a desk whose first change an older version
 * marked sent keeps that as the dossier's synced revision, and only the second change
 * still waits. */
static void
test_sent_rows_become_synced_revision (void)
{
  g_autofree char *path = make_database_at (5);
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  McOutboxCounts counts;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
      "UPDATE outbox SET state = 'sent', sent_at = 1763953260;"
      "UPDATE dossiers SET status = 4, revision = 2;"
      "INSERT INTO dossier_events (id, dossier_id, at, actor, from_status, to_status, recorded_at)"
      " VALUES (2, 1, 1763960400, 'officer', 2, 4, 1763960400);"
      "INSERT INTO outbox (kind, dossier_id, event_id, revision, created_at)"
      " VALUES ('dossier', 1, NULL, 2, 1763960400), ('step', 1, 2, 2, 1763960400);",
      NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = mc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_count_outbox (store, &counts, &error));
  g_assert_cmpint (counts.pending, ==, 2);
  g_assert_cmpint (counts.failed, ==, 0);
  g_assert_cmpint (counts.unsynced, ==, 1);
  waiting = mc_store_list_outbox (store, FALSE, 0, &error);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_cmpint (((McOutboxEntry *) waiting->pdata[0])->revision, ==, 2);
  g_assert_cmpint (((McOutboxEntry *) waiting->pdata[1])->event_id, ==, 2);
  g_assert_true (mc_store_check (store, problems, &error));
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Schema 11 marks the dossiers scanned before it, as the attachments' triggers mark them
 * from then on, and the dashboard counts them. */
static void
test_scanned_dossiers_are_marked (void)
{
  g_autofree char *path = make_database_at (10);
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  McDashboardFigures figures;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
      "INSERT INTO attachments (dossier_id, target, file_name, mime_type, size, sha256, added_at, added_by)"
      " VALUES (1, 'CT01', 'to-khai.pdf', 'application/pdf', 1200,"
      "  '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 1763953300, 'clerk');",
      NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = mc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_dashboard_figures (store, 1763913600, 1764000000, 1764000000, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpint (figures.received, ==, 1);
  g_assert_cmpint (figures.received_digitised, ==, 1);
  g_assert_cmpint (figures.result_digitised, ==, 0);
  g_assert_true (mc_store_check (store, problems, &error));
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (int v = 1; v <= MC_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/from-version-%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_upgrade_from);
    }
  g_test_add_func ("/migrations/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/migrations/sent-rows-become-synced-revision", test_sent_rows_become_synced_revision);
  g_test_add_func ("/migrations/scanned-dossiers-are-marked", test_scanned_dossiers_are_marked);
  return g_test_run ();
}
