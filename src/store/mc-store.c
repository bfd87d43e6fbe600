/* mc-store.c — opening the desk's database, settings, calendar, catalogue and maintenance.
 *
 * Durability is chosen on purpose: WAL with synchronous=FULL, so a dossier whose slip was
 * printed (printing follows the commit) survives a power cut, not only a crash.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-text.h"

G_DEFINE_QUARK (mc-store-error-quark, mc_store_error)
G_DEFINE_FINAL_TYPE (McStore, mc_store, G_TYPE_OBJECT)

static void
mc_store_finalize (GObject *object)
{
  McStore *self = MC_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->settings, mc_office_settings_free);
  g_clear_pointer (&self->calendar, mc_work_calendar_unref);
  g_clear_pointer (&self->rules, mc_holiday_rules_unref);
  g_free (self->path);
  g_clear_pointer (&self->account, mc_account_free);

  G_OBJECT_CLASS (mc_store_parent_class)->finalize (object);
}

static void
mc_store_class_init (McStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
mc_store_init (McStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
}

/* The operating system's error of the last failed file operation: the WAL's first (a commit
 * writes there), then the database file's. sqlite3_system_errno () is not enough: it reads
 * errno when the statement fails, after other calls may have changed it. */
static int
last_file_errno (sqlite3 *db)
{
  sqlite3_file *journal = NULL;
  int value = 0;

  if (db == NULL)
    return 0;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK &&
      journal != NULL && journal->pMethods != NULL &&
      journal->pMethods->xFileControl (journal, SQLITE_FCNTL_LAST_ERRNO, &value) == SQLITE_OK && value != 0)
    return value;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &value) == SQLITE_OK && value != 0)
    return value;
  return sqlite3_system_errno (db);
}

const char *
mc_store_sqlite_reason (sqlite3       *db,
                        int            rc,
                        McStoreError  *code)
{
  /* The operating system's reason tells a full disk from a failing one: SQLite reports a
   * write refused for want of room as SQLITE_FULL only for ENOSPC, and a quota or a file
   * size limit (EDQUOT, EFBIG) as a plain I/O error. */
  int primary = rc & 0xff;
  int system_errno = primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN ? last_file_errno (db) : 0;

  *code = MC_STORE_ERROR_IO;
  if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
    {
      if (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG)
        primary = SQLITE_FULL;
      else if (system_errno == EROFS || system_errno == EACCES || system_errno == EPERM)
        primary = SQLITE_READONLY;
    }

  switch (primary)
    {
    case SQLITE_FULL:
      return _("the disk is full; free some space and try again");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return _("the database cannot be written (read-only or no permission)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return _("the database is busy in another program; try again");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return _("the database file is damaged; restore a backup");
    case SQLITE_IOERR:
      return _("the disk could not be read or written (it may be failing or disconnected)");
    case SQLITE_CONSTRAINT:
      *code = MC_STORE_ERROR_CONFLICT;
      break;
    default:
      break;
    }
  return db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
}

gboolean
mc_store_set_sqlite_error (McStore     *self,
                           int          rc,
                           const char  *what,
                           GError     **error)
{
  McStoreError code;
  const char *reason = mc_store_sqlite_reason (self->db, rc, &code);

  g_set_error (error, MC_STORE_ERROR, code, "%s: %s", what, reason);
  return FALSE;
}

sqlite3_stmt *
mc_store_prepare (McStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      mc_store_set_sqlite_error (self, rc, _("Preparing a query failed"), error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
mc_store_exec (McStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return mc_store_set_sqlite_error (self, rc, _("Writing to the database failed"), error);
  return TRUE;
}

gboolean
mc_store_begin (McStore  *self,
                GError  **error)
{
  return mc_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
mc_store_commit (McStore  *self,
                 GError  **error)
{
  if (!mc_store_exec (self, "COMMIT", error))
    {
      mc_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
mc_store_rollback (McStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
mc_store_step_done (McStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Writing to the database failed"), error);
  return TRUE;
}

void
mc_bind_text (sqlite3_stmt *stmt,
              int           i,
              const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

void
mc_bind_time (sqlite3_stmt *stmt,
              int           i,
              McTime        t)
{
  if (t == MC_TIME_NONE)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_int64 (stmt, i, t);
}

char *
mc_column_text (sqlite3_stmt *stmt,
                int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

McTime
mc_column_time (sqlite3_stmt *stmt,
                int           i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return MC_TIME_NONE;
  return sqlite3_column_int64 (stmt, i);
}

char *
mc_store_default_path (void)
{
  /* An office that keeps the database elsewhere (a second disk, a shared folder for the
   * backup job) sets it once for every program instead of passing --db each time. */
  const char *configured = g_getenv ("MOTCUA_DB");

  if (configured != NULL && *configured != '\0')
    return g_strdup (configured);
  return g_build_filename (g_get_user_data_dir (), "motcua", "motcua.db", NULL);
}

static gboolean
rebuild_calendar (McStore  *self,
                  GError  **error)
{
  McWorkCalendar *calendar = mc_work_calendar_new (self->rules, self->settings->working_weekdays,
                                                   self->settings->office_hours,
                                                   MC_STORE_FIRST_YEAR, MC_STORE_LAST_YEAR, error);

  if (calendar == NULL)
    return FALSE;
  g_clear_pointer (&self->calendar, mc_work_calendar_unref);
  self->calendar = calendar;
  return TRUE;
}

static gboolean
load_settings (McStore  *self,
               GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT key, value FROM settings", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GError) local_error = NULL;

      /* A value another program wrote that this version refuses keeps the default. */
      if (!mc_office_settings_set (self->settings, key, value, &local_error))
        g_debug ("Ignoring stored setting %s: %s", key, local_error->message);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading the settings failed"), error);
  return TRUE;
}

static gboolean
load_calendar (McStore  *self,
               GError  **error)
{
  g_autoptr(McHolidayRules) rules = mc_holiday_rules_new_default (error);
  sqlite3_stmt *stmt;
  int rc;

  if (rules == NULL)
    return FALSE;
  stmt = mc_store_prepare (self, "SELECT document FROM calendar_announcements ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McHolidayRules *merged = mc_holiday_rules_with_announcements (
          rules, (const char *) sqlite3_column_text (stmt, 0), error);

      if (merged == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      mc_holiday_rules_unref (rules);
      rules = merged;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading the calendar failed"), error);
  g_clear_pointer (&self->rules, mc_holiday_rules_unref);
  self->rules = g_steal_pointer (&rules);
  return rebuild_calendar (self, error);
}

static gboolean
seed_catalogue (McStore  *self,
                GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT count(*) FROM procedures", error);
  g_autoptr(McCatalogue) catalogue = NULL;
  gint64 n;

  if (stmt == NULL)
    return FALSE;
  sqlite3_step (stmt);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (n > 0)
    return TRUE;
  catalogue = mc_catalogue_new_default (error);
  if (catalogue == NULL)
    return FALSE;
  return mc_store_import_catalogue (self, catalogue, "bundled", error);
}

/* Durability chosen on purpose (see the top of this file): in WAL mode, FULL syncs the WAL at
 * every commit; NORMAL would sync it only at checkpoints, so a power cut could take back
 * dossiers whose slips were already printed. */
static const char * const open_pragmas[] = {
  "PRAGMA foreign_keys = ON",
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
};

/* A program that opened the database while its file was read-only leaves the WAL and its
 * index behind with the file's read-only permissions; once the file is writable again they
 * would keep the database read-only for good. Their content is rebuilt by SQLite on demand,
 * their permissions are not: they get the file's back. */
static void
restore_companion_permissions (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  GStatBuf file;

  if (g_stat (path, &file) != 0 || g_access (path, W_OK) != 0)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      if (g_access (companion, F_OK) == 0 && g_access (companion, W_OK) != 0)
        g_chmod (companion, file.st_mode & 0666);
    }
}

McStore *
mc_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(McStore) self = g_object_new (MC_TYPE_STORE, NULL);
  g_autofree char *default_path = NULL;
  int rc;

  if (path == NULL)
    path = default_path = mc_store_default_path ();
  self->path = g_strdup (path);

  if (!g_str_equal (path, ":memory:"))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_OPEN,
                       _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  restore_companion_permissions (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      McStoreError unused;

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_OPEN, _("Cannot open the database %s: %s"),
                   path, mc_store_sqlite_reason (self->db, rc, &unused));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  mc_store_register_functions (self->db);
  /* The audit trigger names the account signed in on this store. */
  mc_store_register_audit_functions (self->db, self);

  for (gsize i = 0; i < G_N_ELEMENTS (open_pragmas); i++)
    if ((rc = sqlite3_exec (self->db, open_pragmas[i], NULL, NULL, NULL)) != SQLITE_OK)
      {
        McStoreError unused;

        g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_OPEN, _("Cannot open the database %s: %s"),
                     path, mc_store_sqlite_reason (self->db, rc, &unused));
        return NULL;
      }
  if (!mc_store_migrate (self->db, MC_STORE_SCHEMA_VERSION, error))
    return NULL;

  self->settings = mc_office_settings_new_default ();
  if (!load_settings (self, error) || !load_calendar (self, error) || !seed_catalogue (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
mc_store_get_path (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return self->path;
}

int
mc_store_get_schema_version (McStore *self)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "PRAGMA user_version", NULL);
  int version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

const McOfficeSettings *
mc_store_get_settings (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return self->settings;
}

McWorkCalendar *
mc_store_get_work_calendar (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return self->calendar;
}

McHolidayRules *
mc_store_get_holiday_rules (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return self->rules;
}

gboolean
mc_store_set_setting (McStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *previous = NULL;
  sqlite3_stmt *stmt;
  gboolean changed;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  previous = mc_office_settings_get (self->settings, key);
  if (!mc_office_settings_set (self->settings, key, value, error))
    return FALSE;
  canonical = mc_office_settings_get (self->settings, key);
  /* Writing the value in force changes nothing (the app mirrors its preferences at every
   * start, before anyone signs in); any other value needs the roles. */
  if (g_strcmp0 (canonical, previous) != 0 && !mc_store_check_setting_roles (self, key, error))
    {
      mc_office_settings_set (self->settings, key, previous, NULL);
      return FALSE;
    }

  changed = g_strcmp0 (canonical, previous) != 0;
  if (!mc_store_begin (self, error))
    {
      mc_office_settings_set (self->settings, key, previous, NULL);
      return FALSE;
    }
  stmt = mc_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt != NULL)
    {
      mc_bind_text (stmt, 1, key);
      mc_bind_text (stmt, 2, canonical);
    }
  if (stmt == NULL || !mc_store_step_done (self, stmt, error))
    goto fail;
  if (changed)
    {
      /* The portal's password lives in a file and never reaches the settings; the file's
       * path may be logged. */
      g_autofree char *detail = g_strdup_printf ("%s → %s", previous != NULL ? previous : "", canonical);

      if (!mc_store_log_desk_event (self, "setting-changed", key, detail, error))
        goto fail;
    }
  if (!mc_store_commit (self, error) ||
      ((g_str_equal (key, "office.hours") || g_str_equal (key, "office.working-weekdays")) &&
       !rebuild_calendar (self, error)))
    goto fail;
  return TRUE;

fail:
  mc_store_rollback (self);
  /* Keep memory and disk in agreement: the old value stays in force. */
  mc_office_settings_set (self->settings, key, previous, NULL);
  return FALSE;
}

gboolean
mc_store_import_announcements (McStore     *self,
                               const char  *json,
                               guint       *n_recomputed,
                               GError     **error)
{
  g_autoptr(McHolidayRules) merged = NULL;
  McHolidayRules *old_rules;
  McWorkCalendar *old_calendar;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_check_office_task (self, MC_OFFICE_TASK_IMPORT_CALENDAR, error))
    return FALSE;

  merged = mc_holiday_rules_with_announcements (self->rules, json, error);
  if (merged == NULL)
    return FALSE;

  old_rules = g_steal_pointer (&self->rules);
  old_calendar = g_steal_pointer (&self->calendar);
  self->rules = g_steal_pointer (&merged);
  if (!rebuild_calendar (self, error) || !mc_store_begin (self, error))
    goto fail;
  stmt = mc_store_prepare (self, "INSERT INTO calendar_announcements (imported_at, document) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    goto fail_rollback;
  sqlite3_bind_int64 (stmt, 1, mc_time_now ());
  mc_bind_text (stmt, 2, json);
  if (!mc_store_step_done (self, stmt, error) ||
      !mc_store_recompute_due_dates (self, &n, error))
    goto fail_rollback;
  {
    g_autofree char *detail = g_strdup_printf ("%u", n);

    if (!mc_store_log_desk_event (self, "calendar-imported", NULL, detail, error) ||
        !mc_store_commit (self, error))
      goto fail_rollback;
  }

  mc_holiday_rules_unref (old_rules);
  if (old_calendar != NULL)
    mc_work_calendar_unref (old_calendar);
  if (n_recomputed)
    *n_recomputed = n;
  return TRUE;

fail_rollback:
  mc_store_rollback (self);
fail:
  g_clear_pointer (&self->rules, mc_holiday_rules_unref);
  g_clear_pointer (&self->calendar, mc_work_calendar_unref);
  self->rules = old_rules;
  self->calendar = old_calendar;
  return FALSE;
}

/* One procedure as a one-entry catalogue document, the format the store keeps. */
static char *
procedure_to_json (const McProcedure *procedure)
{
  McCatalogue single = { .version = (char *) "stored", .procedures = g_ptr_array_new () };
  char *json;

  g_ptr_array_add (single.procedures, (gpointer) procedure);
  json = mc_catalogue_to_json (&single);
  g_ptr_array_unref (single.procedures);
  return json;
}

gboolean
mc_store_import_catalogue (McStore           *self,
                           const McCatalogue *catalogue,
                           const char        *source,
                           GError           **error)
{
  sqlite3_stmt *stmt;
  McTime now = mc_time_now ();

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (catalogue != NULL, FALSE);

  if (!mc_store_check_office_task (self, MC_OFFICE_TASK_IMPORT_CATALOGUE, error))
    return FALSE;

  if (!mc_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < catalogue->procedures->len; i++)
    {
      const McProcedure *procedure = g_ptr_array_index (catalogue->procedures, i);
      g_autofree char *definition = procedure_to_json (procedure);
      g_autofree char *folded = mc_text_fold (procedure->name);
      g_autofree char *limit = mc_time_limit_to_string (procedure->time_limit);

      stmt = mc_store_prepare (self,
          "INSERT INTO procedures (code, name, name_folded, field_code, field_name, level, agency,"
          "                        time_limit, definition, imported_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
          " ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded,"
          "   field_code = excluded.field_code, field_name = excluded.field_name, level = excluded.level,"
          "   agency = excluded.agency, time_limit = excluded.time_limit,"
          "   definition = excluded.definition, imported_at = excluded.imported_at", error);
      if (stmt == NULL)
        goto fail;
      mc_bind_text (stmt, 1, procedure->code);
      mc_bind_text (stmt, 2, procedure->name);
      mc_bind_text (stmt, 3, folded);
      mc_bind_text (stmt, 4, procedure->field_code);
      mc_bind_text (stmt, 5, procedure->field_name);
      mc_bind_text (stmt, 6, mc_procedure_level_to_string (procedure->level));
      mc_bind_text (stmt, 7, procedure->agency);
      mc_bind_text (stmt, 8, limit);
      mc_bind_text (stmt, 9, definition);
      sqlite3_bind_int64 (stmt, 10, now);
      if (!mc_store_step_done (self, stmt, error))
        goto fail;
    }
  stmt = mc_store_prepare (self, "INSERT INTO catalogue_imports (at, source, version, count) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  mc_bind_text (stmt, 2, source ? source : "");
  mc_bind_text (stmt, 3, catalogue->version);
  sqlite3_bind_int (stmt, 4, (int) catalogue->procedures->len);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  {
    g_autofree char *detail = g_strdup_printf ("%u", catalogue->procedures->len);

    if (!mc_store_log_desk_event (self, "catalogue-imported", source, detail, error))
      goto fail;
  }
  return mc_store_commit (self, error);

fail:
  mc_store_rollback (self);
  return FALSE;
}

static McProcedure *
procedure_from_definition (const char  *definition,
                           const char  *code,
                           GError     **error)
{
  g_autoptr(McCatalogue) single = mc_catalogue_parse (definition, strlen (definition), error);
  McProcedure *procedure;

  if (single == NULL)
    return NULL;
  procedure = mc_catalogue_lookup (single, code);
  if (procedure == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND,
                   _("The stored definition of procedure %s is damaged"), code);
      return NULL;
    }
  return mc_procedure_copy (procedure);
}

McProcedure *
mc_store_get_procedure (McStore     *self,
                        const char  *code,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *definition = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self, "SELECT definition FROM procedures WHERE code = ?1", error);
  if (stmt == NULL)
    return NULL;
  mc_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    definition = mc_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (definition == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND,
                   _("There is no procedure with code %s in the catalogue"), code ? code : "");
      return NULL;
    }
  return procedure_from_definition (definition, code, error);
}

GPtrArray *
mc_store_list_procedures (McStore     *self,
                          const char  *query,
                          GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_procedure_free);
  g_autofree char *folded = mc_text_fold (query ? query : "");
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", folded);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self, "SELECT code, definition FROM procedures"
                                 " WHERE ?1 = '' OR code LIKE ?2 OR name_folded LIKE ?2 ORDER BY code", error);
  if (stmt == NULL)
    return NULL;
  mc_bind_text (stmt, 1, folded);
  mc_bind_text (stmt, 2, pattern);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McProcedure *procedure = procedure_from_definition ((const char *) sqlite3_column_text (stmt, 1),
                                                          (const char *) sqlite3_column_text (stmt, 0), error);
      if (procedure == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (result, procedure);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading the catalogue failed"), error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
mc_store_backup (McStore     *self,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_check_office_task (self, MC_OFFICE_TASK_BACKUP, error))
    return FALSE;

  g_unlink (partial);
  rc = sqlite3_open_v2 (partial, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  /* The copy is synced by its own commit, whatever SQLite's compiled-in default. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (target);
      else
        {
          /* Whole database in one step: a consistent snapshot even while others write. */
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      McStoreError unused;

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, _("Backing up to %s failed: %s"), path,
                   mc_store_sqlite_reason (target, rc, &unused));
      sqlite3_close_v2 (target);
      g_unlink (partial);
      return FALSE;
    }
  sqlite3_close_v2 (target);
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, _("Backing up to %s failed: %s"), path,
                   g_strerror (saved_errno));
      g_unlink (partial);
      return FALSE;
    }
  /* The rename is only durable once the folder's entry is on the disk too. */
  if (!mc_store_sync_folder (path, error))
    {
      g_prefix_error (error, _("Backing up to %s failed: "), path);
      return FALSE;
    }
  /* After the copy: the backup does not hold its own entry, and a backup from a full disk
   * is still a backup. */
  mc_store_log_desk_event_quietly (self, "backup", path, NULL);
  return TRUE;
}

/* Each invariant is a query that returns one row per violation, described in English
 * text that names the dossier. */
static const struct
{
  const char *description;
  const char *sql;
} invariants[] = {
  { N_("dossier without reception entry in the audit trail"),
    "SELECT code FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id)" },
  { N_("status differs from the last audit entry"),
    "SELECT code FROM dossiers d WHERE status <> (SELECT to_status FROM dossier_events e"
    " WHERE e.dossier_id = d.id ORDER BY id DESC LIMIT 1)" },
  { N_("audit entry whose from-status is not the previous entry's to-status"),
    "SELECT d.code FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id"
    " WHERE e.from_status IS NOT (SELECT to_status FROM dossier_events p WHERE p.dossier_id = e.dossier_id"
    " AND p.id < e.id ORDER BY p.id DESC LIMIT 1)" },
  { N_("appointment before the receipt"),
    "SELECT code FROM dossiers WHERE due_at < received_at OR current_due_at < received_at" },
  { N_("appointment missing for a procedure with a statutory time"),
    "SELECT code FROM dossiers WHERE (due_at IS NULL) <> (time_limit = 'none')" },
  { N_("sequence counter behind an issued code"),
    "SELECT code FROM dossiers d WHERE CAST (substr (code, -4) AS INTEGER) > coalesce ("
    " (SELECT last_sequence FROM code_sequences s WHERE s.agency_code = substr (d.code, 1, length (d.code) - 12)"
    " AND s.day = CAST (substr (d.code, -11, 6) AS INTEGER)), 0)" },
  /* The outbox: a change leaves it only on the portal's acknowledgement, and a step only
   * once its dossier's state at that revision is acknowledged (synced_revision); the n-th
   * audit entry of a dossier is at revision n or later. So a dossier whose latest revision
   * is acknowledged needs no row, and only the others are looked at (a partial index). */
  { N_("acknowledged revision beyond the dossier's revision"),
    "SELECT code FROM dossiers WHERE synced_revision < 0 OR synced_revision > revision" },
  { N_("change missing from the outbox"),
    "SELECT d.code FROM dossiers d JOIN dossier_events e ON e.dossier_id = d.id"
    " WHERE d.synced_revision < d.revision"
    " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id AND o.kind = 'step')"
    " AND (SELECT count (*) FROM dossier_events p WHERE p.dossier_id = e.dossier_id AND p.id <= e.id)"
    "     > d.synced_revision" },
  { N_("latest revision missing from the outbox"),
    "SELECT code FROM dossiers d WHERE synced_revision < revision AND NOT EXISTS (SELECT 1 FROM outbox o"
    " WHERE o.dossier_id = d.id AND o.kind = 'dossier' AND o.revision = d.revision)" },
  { N_("acknowledged change still in the outbox"),
    "SELECT d.code FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"
    " WHERE o.kind = 'dossier' AND o.revision < d.synced_revision" },
  { N_("outbox entry that does not match its dossier"),
    "SELECT coalesce (d.code, o.dossier_id) FROM outbox o LEFT JOIN dossiers d ON d.id = o.dossier_id"
    " WHERE d.id IS NULL OR o.revision < 1 OR o.revision > d.revision OR (o.kind = 'step' AND NOT EXISTS"
    " (SELECT 1 FROM dossier_events e WHERE e.id = o.event_id AND e.dossier_id = o.dossier_id))" },
  { N_("change refused by the portal without its message"),
    "SELECT d.code FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"
    " WHERE o.state = 'failed' AND coalesce (o.last_error, '') = ''" },
  { N_("open pause that does not match the status"),
    "SELECT code FROM dossiers d WHERE (status IN (5, 6)) <> EXISTS (SELECT 1 FROM dossier_pauses p"
    " WHERE p.dossier_id = d.id AND p.ended_at IS NULL)" },
  { N_("result ready without the finishing time"),
    "SELECT code FROM dossiers WHERE status IN (9, 10) AND finished_at IS NULL" },
  /* Accounts (mc-store-accounts.c): once there is one, someone must be able to manage them. */
  { N_("accounts without an active administrator"),
    "SELECT 'accounts' WHERE EXISTS (SELECT 1 FROM accounts) AND NOT EXISTS (SELECT 1 FROM accounts"
    " WHERE active = 1 AND instr (',' || roles || ',', ',administrator,') > 0)" },
  /* Digitisation (migration 11): the flags the dashboard counts follow the attachments. */
  { N_("scanned-document marks that differ from the attachments"),
    "SELECT code FROM dossiers d WHERE documents_scanned <> EXISTS (SELECT 1 FROM attachments a"
    " WHERE a.dossier_id = d.id AND a.target <> 'result') OR result_scanned <> EXISTS (SELECT 1 FROM attachments a"
    " WHERE a.dossier_id = d.id AND a.target = 'result')" },
  { N_("search index out of date"),
    "SELECT code FROM dossiers WHERE search_text <> mc_search_text (code, applicant_name, id_number, phone,"
    " procedure_code, procedure_name)" },
};

static gboolean
collect_rows (McStore     *self,
              const char  *sql,
              const char  *prefix,
              GPtrArray   *problems,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  guint n = 0;

  if (rc != SQLITE_OK)
    return mc_store_set_sqlite_error (self, rc, _("The consistency check failed"), error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (prefix == NULL && g_strcmp0 (text, "ok") == 0)
        continue;
      /* Enough rows to act on, without drowning the report. */
      if (++n <= 20)
        g_ptr_array_add (problems, prefix ? g_strdup_printf ("%s: %s", text ? text : "", prefix)
                                          : g_strdup (text ? text : "?"));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("The consistency check failed"), error);
  if (n > 20)
    g_ptr_array_add (problems, g_strdup_printf (_("… and %u more: %s"), n - 20, prefix ? prefix : ""));
  return TRUE;
}

gboolean
mc_store_check (McStore    *self,
                GPtrArray  *problems,
                GError    **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!collect_rows (self, "PRAGMA integrity_check", NULL, problems, error) ||
      !collect_rows (self, "SELECT \"table\" || ' row ' || rowid || ' → ' || parent FROM pragma_foreign_key_check",
                     _("broken reference"), problems, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (invariants); i++)
    if (!collect_rows (self, invariants[i].sql, _(invariants[i].description), problems, error))
      return FALSE;
  if (!mc_store_check_audit_chain (self, problems, error))
    return FALSE;
  /* The search index's own check is a write command: a database opened read-only is checked
   * without it rather than reported damaged. */
  if (sqlite3_db_readonly (self->db, "main") != 1 &&
      sqlite3_exec (self->db, "INSERT INTO dossier_fts (dossier_fts, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_ptr_array_add (problems, g_strdup_printf (_("search index: %s"), sqlite3_errmsg (self->db)));
  return TRUE;
}
