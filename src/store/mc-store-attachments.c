/* mc-store-attachments.c — scanned documents kept with a dossier (digitisation).
 *
 * A file is stored once per content, named by its SHA-256 under the data directory next to
 * the database (attachments/ab/cdef…), and referenced from the attachments table with the
 * dossier, the document it digitises (or the result), the name the clerk chose and the type
 * found in its content. The file is written before the row: copied to a temporary file in
 * the same folder while its hash is computed, synced, renamed to its name and the folder
 * synced, so a crash leaves either no file or the whole file, and a row never names a file
 * that is not on the disk. A file that no row names (a crash between the two) is only
 * space: the same content attached again finds it. Files are never deleted on the strength
 * of a send to the portal.
 *
 * Attaching is a change of the dossier's record: the dossier gets a new revision and its
 * state is queued for the portal (which lists the files in TaiLieuNop and
 * DanhSachGiayToKetQua) in the same transaction as the row.
 */
/* O_CLOEXEC, O_DIRECTORY and fsync () are POSIX.1-2008; the project builds as strict C17. */
#define _POSIX_C_SOURCE 200809L

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-text.h"

#define COPY_BUFFER_BYTES (64 * 1024)

void
mc_attachment_free (McAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->target);
  g_free (attachment->file_name);
  g_free (attachment->mime_type);
  g_free (attachment->sha256);
  g_free (attachment->added_by);
  g_free (attachment);
}

/* The folder of the database, absolute: paths shown and stored never depend on the folder
 * a program was started from. */
static char *
data_dir (McStore *self)
{
  g_autofree char *dir = g_path_get_dirname (mc_store_get_path (self));

  return g_canonicalize_filename (dir, NULL);
}

char *
mc_store_get_attachments_dir (McStore *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  dir = data_dir (self);
  return g_build_filename (dir, "attachments", NULL);
}

char *
mc_store_get_attachment_path (McStore            *self,
                              const McAttachment *attachment)
{
  g_autofree char *dir = NULL;
  g_autofree char *relative = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);

  relative = mc_attachment_relative_path (attachment->sha256);
  if (relative == NULL)
    return NULL;
  dir = data_dir (self);
  return g_build_filename (dir, relative, NULL);
}

/* "@what @path: why", e.g. "Cannot read the file /media/scan.pdf: Permission denied". */
static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *what,
          const char  *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, "%s %s: %s", what, shown, g_strerror (saved_errno));
  return FALSE;
}

/* fsync of a folder, so that a file created or renamed in it survives a power cut. */
static gboolean
sync_folder (const char  *dir,
             GError     **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0)
    return io_error (error, errno, _("Cannot open the folder"), dir);
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      return io_error (error, saved_errno, _("Cannot sync the folder"), dir);
    }
  close (fd);
  return TRUE;
}

/* Creates @dir (and its parents) if missing; a folder created is synced into its parent. */
static gboolean
ensure_folder (const char  *dir,
               GError     **error)
{
  g_autofree char *parent = NULL;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0750) != 0)
    return io_error (error, errno, _("Cannot create the folder"), dir);
  parent = g_path_get_dirname (dir);
  return sync_folder (parent, error);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* What a file to attach turned out to be. */
typedef struct
{
  char             *sha256;
  gint64            size;
  McAttachmentType  type;
} StoredFile;

static void
stored_file_clear (StoredFile *file)
{
  g_clear_pointer (&file->sha256, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredFile, stored_file_clear)

static gboolean
too_big (const char  *file_name,
         int          max_megabytes,
         GError     **error)
{
  g_autofree char *shown = g_utf8_make_valid (file_name, -1);

  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
               _("“%s” is larger than the %d MB a scanned document may have (setting attachments.max-megabytes)"),
               shown, max_megabytes);
  return FALSE;
}

/* Copies @source into the attachments folder under its hash, checking its type by content
 * against @file_name and its size against the limit, and reading it only once. */
static gboolean
store_file (McStore     *self,
            const char  *source,
            const char  *file_name,
            StoredFile  *out,
            GError     **error)
{
  const int max_megabytes = mc_store_get_settings (self)->attachments_max_megabytes;
  const gint64 max_bytes = (gint64) max_megabytes * 1024 * 1024;
  g_autofree char *folder = mc_store_get_attachments_dir (self);
  g_autofree char *temp_path = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *final_folder = NULL;
  g_autofree guint8 *buffer = g_malloc (COPY_BUFFER_BYTES);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dbdir = NULL;
  gboolean checked = FALSE;
  gboolean ok = FALSE;
  GStatBuf info;
  int in = -1, temp = -1;
  gint64 size = 0;

  in = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    return io_error (error, errno, _("Cannot read the file"), source);
  if (fstat (in, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_autofree char *shown = g_filename_display_name (source);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("%s is not a file"), shown);
      goto out;
    }
  if (info.st_size == 0)
    {
      g_autofree char *shown = g_utf8_make_valid (file_name, -1);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("“%s” is empty"), shown);
      goto out;
    }
  if ((gint64) info.st_size > max_bytes)
    {
      too_big (file_name, max_megabytes, error);
      goto out;
    }

  if (!ensure_folder (folder, error))
    goto out;
  temp_path = g_build_filename (folder, ".incoming-XXXXXX", NULL);
  temp = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0640);
  if (temp < 0)
    {
      io_error (error, errno, _("Cannot write in the folder"), folder);
      g_clear_pointer (&temp_path, g_free);
      goto out;
    }

  for (;;)
    {
      gssize n = read (in, buffer, COPY_BUFFER_BYTES);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          io_error (error, errno, _("Cannot read the file"), source);
          goto out;
        }
      if (n == 0)
        break;
      /* The type from the first bytes: a file is what its content says. */
      if (!checked)
        {
          if (!mc_attachment_check (file_name, buffer, (gsize) n, &out->type, error))
            goto out;
          checked = TRUE;
        }
      size += n;
      /* The file may have grown since it was measured. */
      if (size > max_bytes)
        {
          too_big (file_name, max_megabytes, error);
          goto out;
        }
      g_checksum_update (checksum, buffer, (gsize) n);
      if (!write_all (temp, buffer, (gsize) n))
        {
          io_error (error, errno, _("Cannot write in the folder"), folder);
          goto out;
        }
    }
  if (!checked)
    {
      g_autofree char *shown = g_utf8_make_valid (file_name, -1);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("“%s” is empty"), shown);
      goto out;
    }
  if (fsync (temp) != 0)
    {
      io_error (error, errno, _("Cannot write in the folder"), folder);
      goto out;
    }
  close (temp);
  temp = -1;

  out->sha256 = g_strdup (g_checksum_get_string (checksum));
  out->size = size;
  relative = mc_attachment_relative_path (out->sha256);
  dbdir = data_dir (self);
  final_path = g_build_filename (dbdir, relative, NULL);
  final_folder = g_path_get_dirname (final_path);
  if (!ensure_folder (final_folder, error))
    goto out;
  /* The same content is already kept: one copy is enough. */
  if (g_file_test (final_path, G_FILE_TEST_IS_REGULAR))
    ok = TRUE;
  else if (g_rename (temp_path, final_path) != 0)
    io_error (error, errno, _("Cannot write in the folder"), final_folder);
  else
    {
      g_clear_pointer (&temp_path, g_free);
      ok = sync_folder (final_folder, error);
    }

out:
  if (temp >= 0)
    close (temp);
  if (temp_path != NULL)
    g_unlink (temp_path);
  if (in >= 0)
    close (in);
  if (!ok)
    stored_file_clear (out);
  return ok;
}

/* The received document @target names, or the result; a message that says which are known. */
static gboolean
check_target (const McDossier  *dossier,
              const char       *target,
              GError          **error)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  if (g_strcmp0 (target, MC_ATTACHMENT_RESULT) == 0)
    {
      if (mc_status_is_finished (dossier->status))
        return TRUE;
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
                   _("Dossier %s has no result yet (%s): scan the result once it is ready"),
                   dossier->code, mc_status_describe (dossier->status));
      return FALSE;
    }
  for (guint i = 0; dossier->documents != NULL && i < dossier->documents->len; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);

      if (document->code == NULL)
        continue;
      if (g_strcmp0 (document->code, target) == 0)
        return TRUE;
      g_string_append_printf (codes, "%s%s", codes->len > 0 ? ", " : "", document->code);
    }
  if (codes->len == 0)
    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                 _("Dossier %s has no received document with code “%s”"), dossier->code, target ? target : "");
  else
    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                 _("Dossier %s has no received document with code “%s” (its documents: %s)"),
                 dossier->code, target ? target : "", codes->str);
  return FALSE;
}

#define ATTACHMENT_COLUMNS "id, target, file_name, mime_type, size, sha256, added_at, added_by"

static McAttachment *
attachment_from_row (sqlite3_stmt *stmt)
{
  McAttachment *attachment = g_new0 (McAttachment, 1);

  attachment->id = sqlite3_column_int64 (stmt, 0);
  attachment->target = mc_column_text (stmt, 1);
  attachment->file_name = mc_column_text (stmt, 2);
  attachment->mime_type = mc_column_text (stmt, 3);
  attachment->size = sqlite3_column_int64 (stmt, 4);
  attachment->sha256 = mc_column_text (stmt, 5);
  attachment->added_at = mc_column_time (stmt, 6);
  attachment->added_by = mc_column_text (stmt, 7);
  return attachment;
}

/* Refuses the same content on the same target twice, naming when it was attached. */
static gboolean
check_not_attached (McStore          *self,
                    const McDossier  *dossier,
                    const char       *target,
                    const char       *sha256,
                    const char       *file_name,
                    GError          **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT file_name, added_at FROM attachments"
                                               " WHERE dossier_id = ?1 AND target = ?2 AND sha256 = ?3", error);
  g_autofree char *existing = NULL;
  McTime added_at = MC_TIME_NONE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  mc_bind_text (stmt, 2, target);
  mc_bind_text (stmt, 3, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      existing = mc_column_text (stmt, 0);
      added_at = mc_column_time (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *shown = g_utf8_make_valid (file_name, -1);
      g_autofree char *when = mc_time_format_local (added_at);

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT,
                   _("“%s” is already attached to dossier %s (as “%s”, %s)"), shown, dossier->code,
                   existing != NULL ? existing : "", when);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
  return TRUE;
}

McAttachment *
mc_store_add_attachment (McStore     *self,
                         const char  *code,
                         const char  *target,
                         const char  *source_path,
                         const char  *file_name,
                         const char  *actor,
                         GError     **error)
{
  g_auto(StoredFile) file = { 0 };
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McAttachment) attachment = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *clean_name = NULL;
  sqlite3_stmt *stmt;
  McTime now = mc_time_now ();
  McRoles roles;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (source_path != NULL, NULL);
  g_return_val_if_fail (actor != NULL && *actor != '\0', NULL);

  if (file_name == NULL)
    file_name = base_name = g_filename_display_basename (source_path);
  if ((clean_name = mc_text_normalize (file_name, error)) == NULL)
    return NULL;
  g_strstrip (clean_name);

  /* Checked before the copy, so that a wrong code costs no disk; checked again inside the
   * transaction, since another desk may have moved the dossier meanwhile. */
  dossier = mc_store_get_dossier (self, code, error);
  if (dossier == NULL || !check_target (dossier, target, error))
    return NULL;
  g_clear_pointer (&dossier, mc_dossier_free);

  if (!store_file (self, source_path, clean_name, &file, error))
    return NULL;

  if (!mc_store_begin (self, error))
    return NULL;
  /* On a desk with accounts, someone must be signed in, and the record names that account. */
  if (!mc_store_current_roles (self, &roles, error))
    goto fail;
  dossier = mc_store_get_dossier (self, code, error);
  if (dossier == NULL || !check_target (dossier, target, error) ||
      !check_not_attached (self, dossier, target, file.sha256, clean_name, error))
    goto fail;

  stmt = mc_store_prepare (self,
      "INSERT INTO attachments (dossier_id, target, file_name, mime_type, size, sha256, added_at, added_by)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING " ATTACHMENT_COLUMNS, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  mc_bind_text (stmt, 2, target);
  mc_bind_text (stmt, 3, clean_name);
  mc_bind_text (stmt, 4, mc_attachment_type_mime (file.type));
  sqlite3_bind_int64 (stmt, 5, file.size);
  mc_bind_text (stmt, 6, file.sha256);
  sqlite3_bind_int64 (stmt, 7, now);
  mc_bind_text (stmt, 8, mc_store_effective_actor (self, actor));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    attachment = attachment_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      mc_store_set_sqlite_error (self, rc, _("Attaching the scanned document failed"), error);
      goto fail;
    }

  /* The portal's record lists the files: the dossier's state changes. */
  stmt = mc_store_prepare (self, "UPDATE dossiers SET revision = revision + 1, updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  stmt = mc_store_prepare (self, "INSERT INTO outbox (kind, dossier_id, revision, created_at)"
                                 " VALUES ('dossier', ?1, ?2, ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  sqlite3_bind_int64 (stmt, 2, dossier->revision + 1);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!mc_store_step_done (self, stmt, error) || !mc_store_commit (self, error))
    goto fail;
  return g_steal_pointer (&attachment);

fail:
  mc_store_rollback (self);
  return NULL;
}

GPtrArray *
mc_store_list_attachments (McStore     *self,
                           const char  *code,
                           GError     **error)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_attachment_free);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self, "SELECT d.id, a.id, a.target, a.file_name, a.mime_type, a.size, a.sha256,"
                                 "  a.added_at, a.added_by"
                                 " FROM dossiers d LEFT JOIN attachments a ON a.dossier_id = d.id"
                                 " WHERE d.code = ?1 ORDER BY a.id", error);
  if (stmt == NULL)
    return NULL;
  mc_bind_text (stmt, 1, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McAttachment *attachment;

      found = TRUE;
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      attachment = g_new0 (McAttachment, 1);
      attachment->id = sqlite3_column_int64 (stmt, 1);
      attachment->target = mc_column_text (stmt, 2);
      attachment->file_name = mc_column_text (stmt, 3);
      attachment->mime_type = mc_column_text (stmt, 4);
      attachment->size = sqlite3_column_int64 (stmt, 5);
      attachment->sha256 = mc_column_text (stmt, 6);
      attachment->added_at = mc_column_time (stmt, 7);
      attachment->added_by = mc_column_text (stmt, 8);
      g_ptr_array_add (attachments, attachment);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
      return NULL;
    }
  if (!found)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("There is no dossier with code %s"),
                   code ? code : "");
      return NULL;
    }
  return g_steal_pointer (&attachments);
}

/* For the outbox (mc-store-outbox.c): the attachments of a dossier by id. */
GPtrArray *
mc_store_load_attachments (McStore  *self,
                           gint64    dossier_id,
                           GError  **error)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_attachment_free);
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT " ATTACHMENT_COLUMNS " FROM attachments"
                                               " WHERE dossier_id = ?1 ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (attachments, attachment_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
      return NULL;
    }
  return g_steal_pointer (&attachments);
}
