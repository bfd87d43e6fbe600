/* mc-store-figures.c — the counts supervisors watch, as aggregates in SQL over indexes.
 *
 * Definitions (shown next to every figure in the UI and the CLI):
 * - received: dossiers whose receipt falls in the period, by their current status;
 * - due soon / overdue: dossiers whose deadline runs (received, in processing) at "now";
 *   a dossier waiting for the applicant is neither (its clock is stopped);
 * - early / on time / late: dossiers whose result was ready in the period, judged against
 *   the original appointment when they reached "result ready".
 */
#include "config.h"

#include "mc-i18n.h"
#include "mc-store-private.h"

static gboolean
count_scalar (McStore       *self,
              sqlite3_stmt  *stmt,
              gint64        *out,
              GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  return TRUE;
}

gboolean
mc_store_count (McStore        *self,
                McTime          from,
                McTime          to,
                McTime          now,
                McStoreCounts  *counts,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  stmt = mc_store_prepare (self, "SELECT status, count (*) FROM dossiers"
                                 " WHERE received_at >= ?1 AND received_at < ?2 GROUP BY status", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int status = sqlite3_column_int (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (status >= MC_STATUS_FIRST && status <= MC_STATUS_LAST)
        counts->by_status[status] = n;
      counts->received += n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);

  stmt = mc_store_prepare (self, "SELECT verdict, count (*) FROM dossiers"
                                 " WHERE finished_at >= ?1 AND finished_at < ?2 GROUP BY verdict", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);

      switch (sqlite3_column_int (stmt, 0))
        {
        case MC_VERDICT_EARLY: counts->finished_early = n; break;
        case MC_VERDICT_ON_TIME: counts->finished_on_time = n; break;
        case MC_VERDICT_LATE: counts->finished_late = n; break;
        default: break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);

  /* Snapshot figures at @now, whatever the period. */
  stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers WHERE status IN (2, 4)", error);
  if (stmt == NULL || !count_scalar (self, stmt, &counts->open, error))
    return FALSE;
  stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers WHERE status IN (5, 6)", error);
  if (stmt == NULL || !count_scalar (self, stmt, &counts->paused, error))
    return FALSE;
  stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers WHERE status IN (2, 4)"
                                 " AND current_due_at IS NOT NULL AND current_due_at < ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  if (!count_scalar (self, stmt, &counts->overdue, error))
    return FALSE;
  stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers WHERE status IN (2, 4)"
                                 " AND current_due_at >= ?1 AND current_due_at <= ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, mc_store_due_soon_limit (self, now));
  return count_scalar (self, stmt, &counts->due_soon, error);
}

GArray *
mc_store_on_time_by_month (McStore  *self,
                           McTime    from,
                           McTime    to,
                           GError  **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (McMonthRate));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  /* Months in local time (UTC+7): the offset is applied before taking the month. */
  stmt = mc_store_prepare (self,
      "SELECT CAST (strftime ('%Y', finished_at + 25200, 'unixepoch') AS INTEGER),"
      "       CAST (strftime ('%m', finished_at + 25200, 'unixepoch') AS INTEGER),"
      "       count (*), sum (verdict IN (1, 2))"
      " FROM dossiers WHERE finished_at >= ?1 AND finished_at < ?2"
      " GROUP BY 1, 2 ORDER BY 1, 2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McMonthRate rate = {
        .year = sqlite3_column_int (stmt, 0),
        .month = sqlite3_column_int (stmt, 1),
        .finished = sqlite3_column_int64 (stmt, 2),
        .on_time = sqlite3_column_int64 (stmt, 3),
      };
      g_array_append_val (months, rate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
      return NULL;
    }
  return g_steal_pointer (&months);
}

gboolean
mc_store_count_outbox (McStore         *self,
                       McOutboxCounts  *counts,
                       GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  memset (counts, 0, sizeof *counts);
  stmt = mc_store_prepare (self, "SELECT state, count (*) FROM outbox GROUP BY state", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (state, "pending") == 0)
        counts->pending = n;
      else if (g_strcmp0 (state, "failed") == 0)
        counts->failed = n;
      else if (g_strcmp0 (state, "sent") == 0)
        counts->sent = n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting the outbox failed"), error);
  return TRUE;
}
