/* mc-store-desk-log.c — the desk's own log: what was done to the desk rather than to a
 * dossier. Accounts added, changed, disabled, enabled; passwords changed (never the
 * password); sign-ins and refused sign-ins; settings changed (old and new value); catalogue
 * and calendar updates; backups; refused records sent again. Each entry is written in the
 * same transaction as the change it records, so a change never happens unlogged, and the
 * table refuses updates and deletes (migration 10) like the dossiers' audit trail. Reading it
 * is the administrator's (mc_roles_check_accounts). */
#include "config.h"

#include "mc-i18n.h"
#include "mc-store-private.h"

void
mc_desk_event_free (McDeskEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->account);
  g_free (event->os_user);
  g_free (event->action);
  g_free (event->subject);
  g_free (event->detail);
  g_free (event);
}

gboolean
mc_store_log_desk_event (McStore     *self,
                         const char  *action,
                         const char  *subject,
                         const char  *detail,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (action != NULL && *action != '\0', FALSE);

  stmt = mc_store_prepare (self,
      "INSERT INTO desk_events (at, account, os_user, action, subject, detail)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mc_time_now ());
  mc_bind_text (stmt, 2, self->account != NULL ? self->account->username : NULL);
  /* On a desk without accounts, the operating system's user is all that names the person. */
  mc_bind_text (stmt, 3, g_get_user_name ());
  mc_bind_text (stmt, 4, action);
  mc_bind_text (stmt, 5, subject);
  mc_bind_text (stmt, 6, detail);
  return mc_store_step_done (self, stmt, error);
}

void
mc_store_log_desk_event_quietly (McStore    *self,
                                 const char *action,
                                 const char *subject,
                                 const char *detail)
{
  g_autoptr(GError) error = NULL;

  /* For what has already happened and must not be undone by a log that cannot be written
   * (a backup taken from a full or read-only disk, a sign-in). */
  if (!mc_store_log_desk_event (self, action, subject, detail, &error))
    g_debug ("The desk log could not record “%s”: %s", action, error->message);
}

GPtrArray *
mc_store_list_desk_events (McStore  *self,
                           guint     limit,
                           GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_desk_event_free);
  g_autoptr(GError) reason = NULL;
  sqlite3_stmt *stmt;
  McRoles roles;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (!mc_store_current_roles (self, &roles, error))
    return NULL;
  if (!mc_roles_check_accounts (roles, &reason))
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN, reason->message);
      return NULL;
    }

  /* The newest @limit entries, shown oldest first like any log. */
  stmt = mc_store_prepare (self,
      "SELECT id, at, account, os_user, action, subject, detail FROM"
      " (SELECT * FROM desk_events ORDER BY id DESC LIMIT ?1) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McDeskEvent *event = g_new0 (McDeskEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->at = sqlite3_column_int64 (stmt, 1);
      event->account = mc_column_text (stmt, 2);
      event->os_user = mc_column_text (stmt, 3);
      event->action = mc_column_text (stmt, 4);
      event->subject = mc_column_text (stmt, 5);
      event->detail = mc_column_text (stmt, 6);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading the desk’s log failed"), error);
      return NULL;
    }
  return g_steal_pointer (&events);
}
