/* mc-store-reminders.c — the dossiers whose appointment falls in a span of time, for the
 * desk's reminders ("due today", "overdue since the last check").
 *
 * One range walk of the (status, current_due_at) index per running status, then the list
 * rows of what it found by id (mc_store_get_dossier_summaries). The spans are minutes to a
 * day wide, so the answer is a handful of rows even over a million dossiers.
 */
#include "config.h"

#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-store-reminders.h"

GPtrArray *
mc_store_list_due_between (McStore  *self,
                           McTime    from,
                           McTime    to,
                           guint     limit,
                           GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) summaries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (to <= from)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_summary_free);

  stmt = mc_store_prepare (self,
                           "SELECT id FROM dossiers INDEXED BY dossiers_status_due"
                           " WHERE status IN (2, 4) AND current_due_at >= ?1 AND current_due_at < ?2"
                           " ORDER BY current_due_at, id LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : (sqlite3_int64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading dossiers failed"), error);
      return NULL;
    }

  summaries = mc_store_get_dossier_summaries (self, (const gint64 *) ids->data, ids->len, error);
  if (summaries == NULL)
    return NULL;
  /* A dossier deleted between the two reads leaves a hole: nothing to remind of. */
  for (guint i = summaries->len; i > 0; i--)
    if (g_ptr_array_index (summaries, i - 1) == NULL)
      g_ptr_array_remove_index (summaries, i - 1);
  return g_steal_pointer (&summaries);
}
