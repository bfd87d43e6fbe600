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

  /* One range count per status over (status, received_at): no sort of the period's rows. */
  stmt = mc_store_prepare (self, "WITH s (status) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10))"
                                 " SELECT status, (SELECT count (*) FROM dossiers d WHERE d.status = s.status"
                                 "   AND d.received_at >= ?1 AND d.received_at < ?2) FROM s", error);
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

  {
    gint64 by_verdict[3] = { 0 };

    if (!mc_store_count_by_code (self, "WITH v (verdict) AS (VALUES (1), (2), (3))"
                                       " SELECT verdict, (SELECT count (*) FROM dossiers d WHERE d.verdict = v.verdict"
                                       "   AND d.finished_at >= ?1 AND d.finished_at < ?2) FROM v",
                                 from, to, by_verdict, error))
      return FALSE;
    counts->finished_early = by_verdict[MC_VERDICT_EARLY - 1];
    counts->finished_on_time = by_verdict[MC_VERDICT_ON_TIME - 1];
    counts->finished_late = by_verdict[MC_VERDICT_LATE - 1];
  }

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
  int year, month, mday;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (to <= from)
    return g_steal_pointer (&months);

  /* Months in local time (UTC+7), each two range counts over the finishing-time indexes;
   * months without a finished dossier are left out. */
  stmt = mc_store_prepare (self,
      "SELECT (SELECT count (*) FROM dossiers WHERE finished_at >= ?1 AND finished_at < ?2),"
      "       (SELECT count (*) FROM dossiers WHERE verdict IN (1, 2)"
      "          AND finished_at >= ?1 AND finished_at < ?2)", error);
  if (stmt == NULL)
    return NULL;
  mc_day_to_ymd (mc_time_local_day (from), &year, &month, &mday);
  for (;;)
    {
      McTime start = mc_time_from_local (mc_day_from_ymd (year, month, 1), 0);
      McTime end = mc_time_from_local (mc_day_from_ymd (month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1), 0);
      McMonthRate rate = { .year = year, .month = month };
      int rc;

      if (start >= to)
        break;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, MAX (start, from));
      sqlite3_bind_int64 (stmt, 2, MIN (end, to));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          rate.finished = sqlite3_column_int64 (stmt, 0);
          rate.on_time = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
          return NULL;
        }
      if (rate.finished > 0)
        g_array_append_val (months, rate);
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
  return g_steal_pointer (&months);
}

gboolean
mc_store_count_by_code (McStore      *self,
                        const char   *sql,
                        McTime        from,
                        McTime        to,
                        gint64        counts[3],
                        GError      **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int code = sqlite3_column_int (stmt, 0);

      if (code >= 1 && code <= 3)
        counts[code - 1] = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  return TRUE;
}
