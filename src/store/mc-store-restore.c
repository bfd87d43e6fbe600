/* mc-store-restore.c — restoring a backup, and the syncs to disk that backup and restore need.
 *
 * The order keeps a whole database at the desk's path at every instant, whatever crashes:
 * the backup is copied next to the database (the backup itself is never written) and checked
 * there; the current database is taken out of WAL mode, which folds its WAL into the file
 * and proves that no other program has it open, and is then held against writers while its
 * counters and codes are read; it is kept aside under a second name (a hard link, else a
 * copy); one rename puts the restored copy in its place, and the folder is synced so that
 * the rename survives a power cut. A restored database keeps every day's sequence counter
 * at the higher of the two databases, so that no code printed on a slip since the backup is
 * ever issued again.
 */
/* O_CLOEXEC, O_DIRECTORY, link () and fsync () are POSIX.1-2008; the project builds as strict C17. */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-store-restore.h"

/* A dossier code the desk issued: <agency code>-<yyMMdd>-<NNNN>. */
#define ISSUED_CODE_GLOB "'*-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'"

static gboolean
sync_path (const char  *path,
           int          flags,
           GError     **error)
{
  int fd = g_open (path, flags | O_RDONLY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  /* Some file systems cannot sync a folder and say so with EINVAL: nothing more to do. */
  if ((flags & O_DIRECTORY) && saved_errno == EINVAL)
    return TRUE;
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, _("%s could not be written to the disk: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
mc_store_sync_folder (const char  *path,
                      GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return sync_path (folder, O_DIRECTORY, error);
}

void
mc_restore_report_clear (McRestoreReport *report)
{
  g_clear_pointer (&report->previous_path, g_free);
  g_clear_pointer (&report->missing_codes, g_ptr_array_unref);
  g_clear_pointer (&report->rolled_back_codes, g_ptr_array_unref);
}

/* A database's files: the file itself and what SQLite keeps next to it. */
static const char * const companions[] = { "-wal", "-shm", "-journal" };

static void
remove_database (const char *path)
{
  g_unlink (path);
  for (gsize i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);
      g_unlink (companion);
    }
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL,
                    &local_error))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, _("Copying %s to %s failed: %s"), from, to,
                   local_error->message);
      return FALSE;
    }
  return sync_path (to, 0, error);
}

static gboolean
is_corruption (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

static gboolean
set_sqlite_error (sqlite3     *db,
                  int          rc,
                  const char  *what,
                  const char  *path,
                  GError     **error)
{
  McStoreError code;
  const char *reason = mc_store_sqlite_reason (db, rc, &code);

  g_set_error (error, MC_STORE_ERROR, code, "%s %s: %s", what, path, reason);
  return FALSE;
}

/* One integer (or the first column as text into @text) from @sql on @db; the SQLite code. */
static int
query_one (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           char       **text)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (value != NULL)
            *value = sqlite3_column_int64 (stmt, 0);
          if (text != NULL)
            *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* The copy of the backup is a desk database of a schema this program knows, and sound at
 * the level of SQLite's pages; the project's invariants are checked once it is opened. */
static gboolean
check_desk_database (const char  *path,
                     const char  *backup_path,
                     GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *verdict = NULL;
  gint64 version = 0, n_tables = 0;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      rc = query_one (db, "PRAGMA user_version", &version, NULL);
    }
  if (rc == SQLITE_OK)
    rc = query_one (db, "SELECT count (*) FROM sqlite_schema WHERE type = 'table'"
                        " AND name IN ('dossiers', 'dossier_events', 'code_sequences', 'settings', 'outbox')",
                    &n_tables, NULL);
  if ((rc & 0xff) == SQLITE_CORRUPT)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The backup %s is damaged (%s); nothing was restored"), backup_path, sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if ((rc & 0xff) == SQLITE_NOTADB || (rc == SQLITE_OK && (version < 1 || n_tables < 5)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” is not a Một Cửa Desk database; nothing was restored"), backup_path);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, rc, _("Cannot read the backup"), backup_path, error);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (version > MC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_SCHEMA,
                   _("The backup %s was written by a newer version of Một Cửa Desk (schema %d, this program knows %d)"),
                   backup_path, (int) version, MC_STORE_SCHEMA_VERSION);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  rc = query_one (db, "PRAGMA quick_check", NULL, &verdict);
  sqlite3_close_v2 (db);
  if (rc != SQLITE_OK || g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The backup %s is damaged (%s); nothing was restored"), backup_path,
                   verdict != NULL ? verdict : sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* Opens the current database and holds it: out of WAL mode (so that its file alone is the
 * whole database and no other program has it open) and a write lock until the swap. Sets
 * @readable FALSE, without an error, for a database too damaged to read. */
static gboolean
hold_current (const char  *path,
              sqlite3    **held,
              gboolean    *readable,
              GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *mode = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  *held = NULL;
  *readable = FALSE;
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 1000);
      rc = query_one (db, "PRAGMA journal_mode = DELETE", NULL, &mode);
    }
  if (rc == SQLITE_OK && g_strcmp0 (mode, "delete") != 0)
    rc = SQLITE_BUSY;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = query_one (db, "SELECT count (*) FROM code_sequences", NULL, NULL);
  if (rc == SQLITE_OK)
    {
      *held = db;
      *readable = TRUE;
      return TRUE;
    }

  if (is_corruption (rc) || (rc & 0xff) == SQLITE_ERROR)
    {
      sqlite3_close_v2 (db);
      return TRUE;
    }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT,
                 _("The database %s is open in another program (Một Cửa Desk or a sync); close it, then restore"),
                 path);
  else
    set_sqlite_error (db, rc, _("Cannot lock the database"), path, error);
  sqlite3_close_v2 (db);
  return FALSE;
}

static void
release_current (sqlite3 *db)
{
  if (db == NULL)
    return;
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
}

static int
collect_codes (sqlite3     *db,
               const char  *sql,
               GPtrArray   *codes)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Raises the restored database's counters to the current one's (its counters and every
 * code it holds, should a counter have been damaged) and lists what the backup lacks. */
static int
carry_over (McStore          *store,
            const char       *current_path,
            McRestoreReport  *report)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (store->db, "ATTACH DATABASE ?1 AS previous", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, current_path, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_exec (store->db,
      "INSERT INTO main.code_sequences (agency_code, day, last_sequence)"
      " SELECT agency_code, day, max (n) FROM ("
      "   SELECT agency_code, day, last_sequence AS n FROM previous.code_sequences"
      "   UNION ALL"
      "   SELECT substr (code, 1, length (code) - 12), CAST (substr (code, -11, 6) AS INTEGER),"
      "          CAST (substr (code, -4) AS INTEGER) FROM previous.dossiers"
      "   WHERE code GLOB " ISSUED_CODE_GLOB ")"
      " WHERE true GROUP BY agency_code, day"
      " ON CONFLICT (agency_code, day) DO UPDATE SET last_sequence = excluded.last_sequence"
      " WHERE excluded.last_sequence > last_sequence", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    report->n_counters_raised = (guint) sqlite3_changes (store->db);
  if (rc == SQLITE_OK)
    rc = collect_codes (store->db, "SELECT p.code FROM previous.dossiers p WHERE NOT EXISTS"
                                   " (SELECT 1 FROM main.dossiers m WHERE m.code = p.code) ORDER BY p.id",
                        report->missing_codes);
  if (rc == SQLITE_OK)
    rc = collect_codes (store->db, "SELECT p.code FROM previous.dossiers p JOIN main.dossiers m ON m.code = p.code"
                                   " WHERE p.revision > m.revision ORDER BY p.id",
                        report->rolled_back_codes);
  sqlite3_exec (store->db, "DETACH DATABASE previous", NULL, NULL, NULL);
  return rc;
}

static char *
aside_path (const char *db_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *path = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);

  /* Two restores within a second keep both earlier databases. */
  for (int n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s.before-restore-%s-%d", db_path, stamp, n);
    }
  return path;
}

/* Keeps the current database under @aside. A readable one is out of WAL mode: its file is
 * the whole database, and a second name for it (or a copy) keeps it while the path is
 * swapped atomically. An unreadable one moves with its WAL, which belongs to it alone. */
static gboolean
keep_aside (const char  *db_path,
            const char  *aside,
            gboolean     readable,
            GError     **error)
{
  if (readable)
    {
      if (link (db_path, aside) == 0)
        return TRUE;
      return copy_file (db_path, aside, error);
    }
  if (g_rename (db_path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, _("Cannot keep the database %s aside: %s"),
                   db_path, g_strerror (saved_errno));
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (db_path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
mc_store_restore (const char       *backup_path,
                  const char       *db_path,
                  McRestoreFlags    flags,
                  McRestoreReport  *report,
                  GError          **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *restoring = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *current = NULL;
  gboolean have_current, readable = FALSE;
  int rc;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  report->missing_codes = g_ptr_array_new_with_free_func (g_free);
  report->rolled_back_codes = g_ptr_array_new_with_free_func (g_free);
  if (db_path == NULL)
    db_path = default_path = mc_store_default_path ();

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("There is no backup file at %s"), backup_path);
      return FALSE;
    }
  if (same_file (backup_path, db_path))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("%s is the desk's database itself, not a backup of it"), backup_path);
      return FALSE;
    }

  /* A new computer's desk may not have its folder yet: that is where a backup is most needed. */
  {
    g_autofree char *folder = g_path_get_dirname (db_path);

    if (g_mkdir_with_parents (folder, 0700) != 0)
      {
        int saved_errno = errno;

        g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, _("Cannot create the folder %s: %s"), folder,
                     g_strerror (saved_errno));
        return FALSE;
      }
  }
  restoring = g_strconcat (db_path, ".restoring", NULL);
  remove_database (restoring);
  if (!copy_file (backup_path, restoring, error) || !check_desk_database (restoring, backup_path, error))
    goto fail;
  store = mc_store_open (restoring, error);
  if (store == NULL)
    {
      g_prefix_error (error, _("The backup %s cannot be used: "), backup_path);
      goto fail;
    }
  if (!mc_store_check (store, problems, error))
    goto fail;
  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      g_autofree char *list = g_strjoinv ("; ", (char **) problems->pdata);
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The backup %s fails the check, so nothing was restored: %s"), backup_path, list);
      goto fail;
    }

  have_current = g_file_test (db_path, G_FILE_TEST_EXISTS);
  if (have_current)
    {
      if (!hold_current (db_path, &current, &readable, error))
        goto fail;
      if (readable && (rc = carry_over (store, db_path, report)) != SQLITE_OK)
        {
          if (!is_corruption (rc))
            {
              set_sqlite_error (store->db, rc, _("Cannot read the database"), db_path, error);
              goto fail;
            }
          readable = FALSE;
          g_clear_pointer (&current, release_current);
        }
      if (!readable && !(flags & MC_RESTORE_FORCE))
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                       _("The database %s cannot be read, so the dossier numbers issued since the backup "
                         "cannot be carried over and might be issued again; nothing was restored. Check the "
                         "slips printed since the backup, then force the restore"), db_path);
          goto fail;
        }
      report->previous_unreadable = !readable;
    }

  if (query_one (store->db, "SELECT count (*) FROM dossiers", &report->n_dossiers, NULL) != SQLITE_OK)
    report->n_dossiers = -1;
  /* Out of WAL mode, the copy's file is the whole database: it moves alone. */
  {
    g_autofree char *mode = NULL;

    rc = query_one (store->db, "PRAGMA journal_mode = DELETE", NULL, &mode);
    if (rc != SQLITE_OK || g_strcmp0 (mode, "delete") != 0)
      {
        set_sqlite_error (store->db, rc != SQLITE_OK ? rc : SQLITE_BUSY, _("Cannot prepare the restored database"),
                          restoring, error);
        goto fail;
      }
  }
  g_clear_object (&store);
  if (!sync_path (restoring, 0, error))
    goto fail;

  if (have_current)
    {
      aside = aside_path (db_path);
      if (!keep_aside (db_path, aside, readable, error))
        goto fail;
    }
  if (g_rename (restoring, db_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, _("Cannot put the restored database at %s: %s"),
                   db_path, g_strerror (saved_errno));
      /* A database moved aside goes back where it was; a second name for it goes. */
      if (have_current && !readable)
        keep_aside (aside, db_path, FALSE, NULL);
      else if (have_current)
        g_unlink (aside);
      goto fail;
    }
  report->previous_path = g_steal_pointer (&aside);
  release_current (current);
  return mc_store_sync_folder (db_path, error);

fail:
  g_clear_object (&store);
  release_current (current);
  remove_database (restoring);
  return FALSE;
}
