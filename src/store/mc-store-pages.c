/* mc-store-pages.c — the dossier list in pages: the ids of a filtered, ordered list in one
 * query, and the few columns a list row shows, fetched by id for the rows on screen.
 *
 * A list over a million dossiers never holds a million dossiers: the view keeps the ids
 * (8 bytes each) and asks for rows a page at a time. Every id query walks an index in the
 * list's order (dossiers_due_id, dossiers_received_id, or the status indexes when a status
 * narrows the list), so no query sorts a million rows; the filters mean exactly what they
 * mean for mc_store_list_dossiers (due soon and overdue concern received and in-processing
 * dossiers only).
 */
#include "config.h"

#include "mc-i18n.h"
#include "mc-store-private.h"

void
mc_dossier_summary_free (McDossierSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->code);
  g_free (summary->applicant_name);
  g_free (summary->procedure_name);
  g_free (summary);
}

static gboolean
time_is_set (McTime t)
{
  return t != 0 && t != MC_TIME_NONE;
}

/* The WHERE clause for @query; parameters are named so that each is bound only when the
 * clause uses it. Values are never written into the SQL text. */
static void
append_conditions (GString              *sql,
                   const McDossierQuery *query,
                   const char           *extra)
{
  const char *and = " WHERE ";

#define ADD(cond) G_STMT_START { g_string_append (sql, and); g_string_append (sql, cond); and = " AND "; } G_STMT_END
  if (query->status != 0)
    ADD ("status = :status");
  if (query->only_open)
    ADD ("status IN (2, 4, 5, 6)");
  if (query->only_to_return)
    ADD ("status IN (2, 4, 9)");
  if (query->only_due_soon)
    ADD ("status IN (2, 4) AND current_due_at >= :now AND current_due_at <= :due_soon_limit");
  if (query->only_overdue)
    ADD ("status IN (2, 4) AND current_due_at < :now");
  if (time_is_set (query->due_before))
    ADD ("current_due_at < :due_before");
  if (time_is_set (query->received_from))
    ADD ("received_at >= :received_from");
  if (time_is_set (query->received_to))
    ADD ("received_at < :received_to");
  if (extra != NULL)
    ADD (extra);
#undef ADD
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_int64 (stmt, i, value);
}

/* Appends the ids the statement built from @sql yields to @ids. */
static gboolean
collect_ids (McStore              *self,
             const char           *sql,
             const McDossierQuery *query,
             GArray               *ids,
             GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  McTime now = time_is_set (query->now) ? query->now : mc_time_now ();
  int rc;

  /* Built per query: the combinations of filters are too many for the statement cache, and
   * preparing costs microseconds against the milliseconds of the walk. */
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return mc_store_set_sqlite_error (self, rc, _("Preparing a query failed"), error);

  bind_named (stmt, ":status", query->status);
  bind_named (stmt, ":now", now);
  if (sqlite3_bind_parameter_index (stmt, ":due_soon_limit") > 0)
    bind_named (stmt, ":due_soon_limit", mc_store_due_soon_limit (self, now));
  bind_named (stmt, ":due_before", query->due_before);
  bind_named (stmt, ":received_from", query->received_from);
  bind_named (stmt, ":received_to", query->received_to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading dossiers failed"), error);
  return TRUE;
}

GArray *
mc_store_list_dossier_ids (McStore              *self,
                           const McDossierQuery *query,
                           GError              **error)
{
  McDossierQuery defaults = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM dossiers");

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  if (query == NULL)
    query = &defaults;

  switch (query->order)
    {
    case MC_DOSSIER_ORDER_NEWEST_RECEIVED:
      append_conditions (sql, query, NULL);
      g_string_append (sql, " ORDER BY received_at DESC, id DESC");
      if (!collect_ids (self, sql->str, query, ids, error))
        return NULL;
      break;

    case MC_DOSSIER_ORDER_DUE:
      /* SQLite puts NULL first in ascending order; dossiers without an appointment belong at
       * the end, so they are a second walk rather than a sort. */
      append_conditions (sql, query, "current_due_at IS NOT NULL");
      g_string_append (sql, " ORDER BY current_due_at, id");
      if (!collect_ids (self, sql->str, query, ids, error))
        return NULL;
      if (!query->only_due_soon && !query->only_overdue && !time_is_set (query->due_before))
        {
          g_string_assign (sql, "SELECT id FROM dossiers");
          append_conditions (sql, query, "current_due_at IS NULL");
          g_string_append (sql, " ORDER BY id");
          if (!collect_ids (self, sql->str, query, ids, error))
            return NULL;
        }
      break;

    case MC_DOSSIER_ORDER_DUE_LATEST:
      /* Descending order already puts NULL last. */
      append_conditions (sql, query, NULL);
      g_string_append (sql, " ORDER BY current_due_at DESC, id DESC");
      if (!collect_ids (self, sql->str, query, ids, error))
        return NULL;
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  return g_steal_pointer (&ids);
}

GPtrArray *
mc_store_get_dossier_summaries (McStore       *self,
                                const gint64  *ids,
                                guint          n_ids,
                                GError       **error)
{
  g_autoptr(GPtrArray) summaries = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  summaries = g_ptr_array_new_full (n_ids, (GDestroyNotify) mc_dossier_summary_free);
  stmt = mc_store_prepare (self, "SELECT code, applicant_name, procedure_name, status, received_at,"
                                 " current_due_at FROM dossiers WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  /* One primary-key look-up per row: the ids of a page are in the list's order, which is
   * not the table's, and a cached one-row statement costs less than building an IN list.
   * A deferred transaction reads the whole page from one snapshot and, unlike the store's
   * writing transactions, takes no write lock. */
  if (!mc_store_exec (self, "BEGIN DEFERRED", error))
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    {
      McDossierSummary *summary = NULL;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          summary = g_new0 (McDossierSummary, 1);
          summary->id = ids[i];
          summary->code = mc_column_text (stmt, 0);
          summary->applicant_name = mc_column_text (stmt, 1);
          summary->procedure_name = mc_column_text (stmt, 2);
          summary->status = sqlite3_column_int (stmt, 3);
          summary->received_at = mc_column_time (stmt, 4);
          summary->current_due_at = mc_column_time (stmt, 5);
        }
      else if (rc != SQLITE_DONE)
        {
          mc_store_set_sqlite_error (self, rc, _("Reading dossiers failed"), error);
          sqlite3_reset (stmt);
          mc_store_rollback (self);
          return NULL;
        }
      g_ptr_array_add (summaries, summary);
    }
  sqlite3_reset (stmt);
  if (!mc_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&summaries);
}
