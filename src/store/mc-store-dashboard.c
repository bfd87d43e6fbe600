/* mc-store-dashboard.c — the supervisor's dashboard: the figures of a period, the breakdowns
 * by field, procedure, deciding agency and receiving clerk, the charts' series, and the
 * dossiers behind each figure.
 *
 * Everything is counted inside SQLite over covering indexes (migrations 1, 4–7, 11), so that a
 * year of a busy office costs the walk of that year's index entries, never the table's rows
 * nor a sort:
 * - the period's counts are range counts: (status, received_at), (channel, received_at),
 *   (verdict, finished_at), (finished_at, verdict), the unsynced dossiers' partial index,
 *   the not yet scanned by the indexes led by the scanned marks, and the rated by rating
 *   and return (migration 11); counts subtracted from one another are read in one
 *   transaction, so that they describe the same moment;
 * - a breakdown first lists the distinct cells (procedure, field, deciding agency) or clerks
 *   with a loose index scan (one seek per distinct value), then walks each one's range of
 *   the period: a count by receipt, and by result an aggregate function of our own
 *   (mc_dashboard_finished) that counts the verdicts and sums the handling time in one
 *   pass. A procedure has one cell unless the catalogue moved it to another field or
 *   agency, so it is counted over the narrow per-procedure indexes; only a moved
 *   procedure's cells are counted separately. Field, procedure and agency rows are sums of
 *   cells, which a whole dashboard counts once for the three;
 * - the moment's figures (due soon, overdue, lateness) are range counts over
 *   (status, current_due_at); the overdue per group reads only the overdue dossiers.
 *
 * Handling time is working time on the office's calendar (mc_work_calendar_working_seconds_
 * between, O(1)) from receipt to result ready, computed per row by the aggregate. It
 * includes the time the clock stood still waiting for the applicant: subtracting it exactly
 * needs each dossier's pauses, which would mean a look-up per finished dossier; see
 * mc_figures_handling_definition.
 */
#include "config.h"

#include <string.h>

#include "mc-i18n.h"
#include "mc-store-private.h"

#define FUNCTIONS_KEY "mc-store-dashboard-functions"
#define MAX_LEVELS    3

/* The aggregate over finished dossiers, returned as a blob of this struct. */
typedef struct
{
  gint64 early;
  gint64 on_time;
  gint64 late;
  gint64 handled;
  gint64 handling_seconds;
} FinishedSums;

static void
finished_step (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  FinishedSums *sums = sqlite3_aggregate_context (context, sizeof (FinishedSums));
  McStore *self = sqlite3_user_data (context);
  gint64 seconds;

  if (sums == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  switch (sqlite3_value_int (argv[0]))
    {
    case MC_VERDICT_EARLY: sums->early++; break;
    case MC_VERDICT_ON_TIME: sums->on_time++; break;
    case MC_VERDICT_LATE: sums->late++; break;
    default: return;   /* no verdict: not a finished dossier */
    }
  if (sqlite3_value_type (argv[1]) != SQLITE_NULL && sqlite3_value_type (argv[2]) != SQLITE_NULL &&
      mc_work_calendar_working_seconds_between (self->calendar, sqlite3_value_int64 (argv[1]),
                                                sqlite3_value_int64 (argv[2]), &seconds, NULL))
    {
      sums->handled++;
      sums->handling_seconds += seconds;
    }
}

static void
finished_final (sqlite3_context *context)
{
  FinishedSums *sums = sqlite3_aggregate_context (context, 0);
  static const FinishedSums none = { 0 };

  sqlite3_result_blob (context, sums != NULL ? sums : &none, sizeof (FinishedSums), SQLITE_TRANSIENT);
}

/* The aggregate reads the store's calendar when it runs, so a calendar rebuilt after an
 * announcement or an office-hours change is the one used. Registered once per connection. */
static gboolean
ensure_functions (McStore  *self,
                  GError  **error)
{
  int rc;

  if (g_object_get_data (G_OBJECT (self), FUNCTIONS_KEY) != NULL)
    return TRUE;
  rc = sqlite3_create_function (self->db, "mc_dashboard_finished", 3, SQLITE_UTF8, self, NULL,
                                finished_step, finished_final);
  if (rc != SQLITE_OK)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  g_object_set_data (G_OBJECT (self), FUNCTIONS_KEY, GINT_TO_POINTER (1));
  return TRUE;
}

static gboolean
step_count (McStore       *self,
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

static gboolean
step_finished (McStore       *self,
               sqlite3_stmt  *stmt,
               FinishedSums  *out,
               GError       **error)
{
  int rc = sqlite3_step (stmt);

  memset (out, 0, sizeof *out);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == (int) sizeof *out)
    memcpy (out, sqlite3_column_blob (stmt, 0), sizeof *out);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  return TRUE;
}

static void
finished_add (FinishedSums       *to,
              const FinishedSums *sums)
{
  to->early += sums->early;
  to->on_time += sums->on_time;
  to->late += sums->late;
  to->handled += sums->handled;
  to->handling_seconds += sums->handling_seconds;
}

/* Loose index scans: the distinct values of an index's leading columns, one seek each.
 * Level L's statements have the values of levels 0 … L−1 as ?1 … ?L and the value to go
 * past as ?4. */
typedef struct
{
  guint       n_levels;
  const char *first[MAX_LEVELS];
  const char *after[MAX_LEVELS];
  const char *after_null[MAX_LEVELS];   /* NULL for a NOT NULL column */
} LooseScan;

static const LooseScan cell_scan = {
  3,
  {
    "SELECT procedure_code FROM dossiers INDEXED BY dossiers_cell_received"
    " ORDER BY procedure_code LIMIT 1",
    "SELECT field_code FROM dossiers INDEXED BY dossiers_cell_received"
    " WHERE procedure_code = ?1 ORDER BY field_code LIMIT 1",
    "SELECT deciding_agency FROM dossiers INDEXED BY dossiers_cell_received"
    " WHERE procedure_code = ?1 AND field_code IS ?2 ORDER BY deciding_agency LIMIT 1",
  },
  {
    "SELECT procedure_code FROM dossiers INDEXED BY dossiers_cell_received"
    " WHERE procedure_code > ?4 ORDER BY procedure_code LIMIT 1",
    "SELECT field_code FROM dossiers INDEXED BY dossiers_cell_received"
    " WHERE procedure_code = ?1 AND field_code > ?4 ORDER BY field_code LIMIT 1",
    "SELECT deciding_agency FROM dossiers INDEXED BY dossiers_cell_received"
    " WHERE procedure_code = ?1 AND field_code IS ?2 AND deciding_agency > ?4 ORDER BY deciding_agency LIMIT 1",
  },
  {
    NULL,
    "SELECT field_code FROM dossiers INDEXED BY dossiers_cell_received"
    " WHERE procedure_code = ?1 AND field_code IS NOT NULL ORDER BY field_code LIMIT 1",
    "SELECT deciding_agency FROM dossiers INDEXED BY dossiers_cell_received"
    " WHERE procedure_code = ?1 AND field_code IS ?2 AND deciding_agency IS NOT NULL"
    " ORDER BY deciding_agency LIMIT 1",
  },
};

/* The procedures with a finished dossier. */
static const LooseScan procedure_scan = {
  1,
  {
    "SELECT procedure_code FROM dossiers INDEXED BY dossiers_procedure_finished"
    " WHERE finished_at IS NOT NULL ORDER BY procedure_code LIMIT 1",
  },
  {
    "SELECT procedure_code FROM dossiers INDEXED BY dossiers_procedure_finished"
    " WHERE finished_at IS NOT NULL AND procedure_code > ?4 ORDER BY procedure_code LIMIT 1",
  },
  { NULL },
};

static const LooseScan clerk_scan = {
  1,
  { "SELECT clerk FROM dossiers INDEXED BY dossiers_clerk_received ORDER BY clerk LIMIT 1" },
  { "SELECT clerk FROM dossiers INDEXED BY dossiers_clerk_received WHERE clerk > ?4 ORDER BY clerk LIMIT 1" },
  { NULL },
};

/* One distinct combination of the scanned columns. */
typedef struct
{
  char *v[MAX_LEVELS];
} Cell;

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  for (guint i = 0; i < MAX_LEVELS; i++)
    g_clear_pointer (&cell->v[i], g_free);
}

static gboolean
seek_value (McStore      *self,
            const char   *sql,
            char * const *prefix,
            guint         level,
            const char   *after,
            gboolean     *found,
            char        **value,
            GError      **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, sql, error);
  int rc;

  *found = FALSE;
  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < level; i++)
    mc_bind_text (stmt, (int) i + 1, prefix[i]);
  if (after != NULL)
    mc_bind_text (stmt, 4, after);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      *value = mc_column_text (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  return TRUE;
}

static gboolean
loose_scan_level (McStore          *self,
                  const LooseScan  *scan,
                  guint             level,
                  char            **prefix,
                  GArray           *cells,
                  GError          **error)
{
  char *value = NULL;
  gboolean found;

  if (!seek_value (self, scan->first[level], prefix, level, NULL, &found, &value, error))
    return FALSE;
  while (found)
    {
      const char *next_sql = value != NULL ? scan->after[level] : scan->after_null[level];
      char *next = NULL;

      prefix[level] = value;
      if (level + 1 == scan->n_levels)
        {
          Cell cell = { { NULL } };

          for (guint i = 0; i < scan->n_levels; i++)
            cell.v[i] = g_strdup (prefix[i]);
          g_array_append_val (cells, cell);
        }
      else if (!loose_scan_level (self, scan, level + 1, prefix, cells, error))
        goto fail;

      if (next_sql == NULL)
        found = FALSE;
      else if (!seek_value (self, next_sql, prefix, level, value, &found, &next, error))
        goto fail;
      prefix[level] = NULL;
      g_free (value);
      value = next;
    }
  return TRUE;

fail:
  prefix[level] = NULL;
  g_free (value);
  return FALSE;
}

static GArray *
loose_scan (McStore          *self,
            const LooseScan  *scan,
            GError          **error)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  char *prefix[MAX_LEVELS] = { NULL };

  g_array_set_clear_func (cells, cell_clear);
  if (!loose_scan_level (self, scan, 0, prefix, cells, error))
    return NULL;
  return g_steal_pointer (&cells);
}

/* Range counts and range aggregates of one group over the period. The group's values bind
 * as ?1 … ?n, the period as ?4 and ?5. */
static const char received_by_procedure_sql[] =
  "SELECT count (*) FROM dossiers INDEXED BY dossiers_procedure"
  " WHERE procedure_code = ?1 AND received_at >= ?4 AND received_at < ?5";
static const char received_by_cell_sql[] =
  "SELECT count (*) FROM dossiers INDEXED BY dossiers_cell_received"
  " WHERE procedure_code = ?1 AND field_code IS ?2 AND deciding_agency IS ?3"
  "   AND received_at >= ?4 AND received_at < ?5";
static const char received_by_clerk_sql[] =
  "SELECT count (*) FROM dossiers INDEXED BY dossiers_clerk_received"
  " WHERE clerk = ?1 AND received_at >= ?4 AND received_at < ?5";
static const char finished_by_procedure_sql[] =
  "SELECT mc_dashboard_finished (verdict, received_at, finished_at)"
  " FROM dossiers INDEXED BY dossiers_procedure_finished"
  " WHERE procedure_code = ?1 AND finished_at IS NOT NULL AND finished_at >= ?4 AND finished_at < ?5";
/* Only for a procedure the catalogue moved to another field or agency: the field and the
 * agency are read from the table for that procedure's dossiers of the period. */
static const char finished_by_cell_sql[] =
  "SELECT mc_dashboard_finished (verdict, received_at, finished_at)"
  " FROM dossiers INDEXED BY dossiers_procedure_finished"
  " WHERE procedure_code = ?1 AND finished_at IS NOT NULL AND finished_at >= ?4 AND finished_at < ?5"
  "   AND field_code IS ?2 AND deciding_agency IS ?3";
static const char finished_by_clerk_sql[] =
  "SELECT mc_dashboard_finished (verdict, received_at, finished_at)"
  " FROM dossiers INDEXED BY dossiers_clerk_finished"
  " WHERE clerk = ?1 AND finished_at IS NOT NULL AND finished_at >= ?4 AND finished_at < ?5";

static sqlite3_stmt *
prepare_range (McStore     *self,
               const char  *sql,
               const Cell  *cell,
               guint        n_values,
               McTime       from,
               McTime       to,
               GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_values; i++)
    mc_bind_text (stmt, (int) i + 1, cell->v[i]);
  sqlite3_bind_int64 (stmt, 4, from);
  sqlite3_bind_int64 (stmt, 5, to);
  return stmt;
}

static gboolean
range_count (McStore     *self,
             const char  *sql,
             const Cell  *cell,
             guint        n_values,
             McTime       from,
             McTime       to,
             gint64      *count,
             GError     **error)
{
  sqlite3_stmt *stmt = prepare_range (self, sql, cell, n_values, from, to, error);

  return stmt != NULL && step_count (self, stmt, count, error);
}

static gboolean
range_finished (McStore       *self,
                const char    *sql,
                const Cell    *cell,
                guint          n_values,
                McTime         from,
                McTime         to,
                FinishedSums  *sums,
                GError       **error)
{
  sqlite3_stmt *stmt = prepare_range (self, sql, cell, n_values, from, to, error);

  return stmt != NULL && step_finished (self, stmt, sums, error);
}

/* The period's counts of one cell (procedure, field, agency) or one clerk, with the names
 * its latest dossier carries (the catalogue may have renamed since). */
typedef struct
{
  Cell          cell;
  gint64        received;
  FinishedSums  finished;
  char         *procedure_name;
  char         *field_name;
  McTime        latest;
} CellFigures;

static void
cell_figures_clear (gpointer data)
{
  CellFigures *figures = data;

  cell_clear (&figures->cell);
  g_clear_pointer (&figures->procedure_name, g_free);
  g_clear_pointer (&figures->field_name, g_free);
}

static gboolean
read_cell_names (McStore      *self,
                 CellFigures  *figures,
                 GError      **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT procedure_name, field_name, received_at"
                                               " FROM dossiers INDEXED BY dossiers_cell_received"
                                               " WHERE procedure_code = ?1 AND field_code IS ?2 AND deciding_agency IS ?3"
                                               " ORDER BY received_at DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    mc_bind_text (stmt, (int) i + 1, figures->cell.v[i]);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      figures->procedure_name = mc_column_text (stmt, 0);
      figures->field_name = mc_column_text (stmt, 1);
      figures->latest = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  return TRUE;
}

/* Every cell's (or clerk's) counts over [@from, @to). A procedure with one cell, the rule,
 * is counted over the narrow per-procedure indexes. */
static GArray *
collect_cells (McStore   *self,
               gboolean   by_clerk,
               McTime     from,
               McTime     to,
               GError   **error)
{
  g_autoptr(GArray) cells = loose_scan (self, by_clerk ? &clerk_scan : &cell_scan, error);
  g_autoptr(GArray) result = NULL;

  if (cells == NULL)
    return NULL;
  result = g_array_sized_new (FALSE, TRUE, sizeof (CellFigures), cells->len);
  g_array_set_clear_func (result, cell_figures_clear);
  for (guint i = 0; i < cells->len; i++)
    {
      CellFigures *figures;
      const Cell *cell;
      gboolean alone, ok;

      /* The figures take the cell's strings over. */
      g_array_set_size (result, i + 1);
      figures = &g_array_index (result, CellFigures, i);
      figures->cell = g_array_index (cells, Cell, i);
      memset (&g_array_index (cells, Cell, i), 0, sizeof (Cell));
      cell = &figures->cell;

      alone = (i == 0 || g_strcmp0 (g_array_index (result, CellFigures, i - 1).cell.v[0], cell->v[0]) != 0) &&
              (i + 1 == cells->len || g_strcmp0 (g_array_index (cells, Cell, i + 1).v[0], cell->v[0]) != 0);
      if (by_clerk)
        ok = range_count (self, received_by_clerk_sql, cell, 1, from, to, &figures->received, error) &&
             range_finished (self, finished_by_clerk_sql, cell, 1, from, to, &figures->finished, error);
      else if (alone)
        ok = range_count (self, received_by_procedure_sql, cell, 1, from, to, &figures->received, error) &&
             range_finished (self, finished_by_procedure_sql, cell, 1, from, to, &figures->finished, error) &&
             read_cell_names (self, figures, error);
      else
        ok = range_count (self, received_by_cell_sql, cell, 3, from, to, &figures->received, error) &&
             range_finished (self, finished_by_cell_sql, cell, 3, from, to, &figures->finished, error) &&
             read_cell_names (self, figures, error);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&result);
}

/* The period [@from, @to) is only meaningful forwards. */
static gboolean
check_period (McTime   from,
              McTime   to,
              GError **error)
{
  if (to < from)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("The period ends before it begins"));
      return FALSE;
    }
  return TRUE;
}

static McTime
resolve_now (McTime now)
{
  return now == 0 || now == MC_TIME_NONE ? mc_time_now () : now;
}

/* The figures; the finished ones are the sums of @cells when the caller has them already. */
static gboolean
dashboard_figures (McStore             *self,
                   McTime               from,
                   McTime               to,
                   McTime               now,
                   GArray              *cells,
                   McDashboardFigures  *figures,
                   GError             **error)
{
  g_autoptr(GArray) procedures = NULL;
  FinishedSums finished = { 0 };
  sqlite3_stmt *stmt;
  gint64 unsynced = 0, unscanned_received = 0, unscanned_finished = 0;
  int rc;

  memset (figures, 0, sizeof *figures);
  now = resolve_now (now);
  figures->from = from;
  figures->to = to;
  figures->now = now;
  figures->daily_working_seconds = mc_office_hours_daily_seconds (mc_work_calendar_get_office_hours (self->calendar));
  if (!check_period (from, to, error) || !ensure_functions (self, error))
    return FALSE;

  /* Received, by their status now: one range count per status over (status, received_at). */
  stmt = mc_store_prepare (self, "WITH s (status) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10))"
                                 " SELECT status, (SELECT count (*) FROM dossiers d INDEXED BY dossiers_status_received"
                                 "   WHERE d.status = s.status AND d.received_at >= ?1 AND d.received_at < ?2) FROM s", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int status = sqlite3_column_int (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (status >= MC_STATUS_FIRST && status <= MC_STATUS_LAST)
        figures->received_by_status[status] = n;
      figures->received += n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);

  stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers INDEXED BY dossiers_channel_received"
                                 " WHERE channel = 2 AND received_at >= ?1 AND received_at < ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if (!step_count (self, stmt, &figures->received_online, error))
    return FALSE;

  /* The unsynced are few (the partial index of migration 6 holds only them): count those
   * of the period and subtract. */
  stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers INDEXED BY dossiers_unsynced"
                                 " WHERE synced_revision < revision AND received_at >= ?1 AND received_at < ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if (!step_count (self, stmt, &unsynced, error))
    return FALSE;
  figures->received_synced = figures->received - unsynced;

  /* Digitised: the dossiers not scanned yet are counted over the indexes led by the marks
   * that triggers keep on the attachments (migration 11), and subtracted, as the unsynced
   * are: the goal is that every dossier be scanned. */
  stmt = mc_store_prepare (self, "SELECT (SELECT count (*) FROM dossiers INDEXED BY dossiers_documents_scanned"
                                 "   WHERE documents_scanned = 0 AND received_at >= ?1 AND received_at < ?2),"
                                 " (SELECT count (*) FROM dossiers INDEXED BY dossiers_result_scanned"
                                 "   WHERE result_scanned = 0 AND finished_at IS NOT NULL AND finished_at >= ?1"
                                 "     AND finished_at < ?2 AND verdict IN (1, 2, 3))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      unscanned_received = sqlite3_column_int64 (stmt, 0);
      unscanned_finished = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  figures->received_digitised = figures->received - unscanned_received;

  /* The ratings by the moment of the return: one range count per rating over the rated. */
  {
    gint64 by_rating[3] = { 0 };

    if (!mc_store_count_by_code (self, "WITH r (rating) AS (VALUES (1), (2), (3))"
                                       " SELECT rating, (SELECT count (*) FROM dossiers d INDEXED BY dossiers_rated"
                                       "   WHERE d.rating = r.rating AND d.returned_at >= ?1 AND d.returned_at < ?2) FROM r",
                                 from, to, by_rating, error))
      return FALSE;
    figures->rated_very_satisfied = by_rating[MC_RATING_VERY_SATISFIED - 1];
    figures->rated_satisfied = by_rating[MC_RATING_SATISFIED - 1];
    figures->rated_not_satisfied = by_rating[MC_RATING_NOT_SATISFIED - 1];
  }
  figures->rated = figures->rated_very_satisfied + figures->rated_satisfied + figures->rated_not_satisfied;

  /* Finished, by verdict, with the handling time: the period's range of every procedure. */
  if (cells != NULL)
    {
      for (guint i = 0; i < cells->len; i++)
        finished_add (&finished, &g_array_index (cells, CellFigures, i).finished);
    }
  else
    {
      if ((procedures = loose_scan (self, &procedure_scan, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < procedures->len; i++)
        {
          FinishedSums sums;

          if (!range_finished (self, finished_by_procedure_sql, &g_array_index (procedures, Cell, i), 1,
                               from, to, &sums, error))
            return FALSE;
          finished_add (&finished, &sums);
        }
    }
  figures->finished_early = finished.early;
  figures->finished_on_time = finished.on_time;
  figures->finished_late = finished.late;
  figures->finished = finished.early + finished.on_time + finished.late;
  figures->handled = finished.handled;
  figures->handling_seconds = finished.handling_seconds;
  figures->result_digitised = figures->finished - unscanned_finished;

  /* The moment's figures: the dossiers whose clock runs or stands are few. */
  stmt = mc_store_prepare (self, "SELECT status, count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                 " WHERE status IN (2, 4, 5, 6) GROUP BY status", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);

      switch (sqlite3_column_int (stmt, 0))
        {
        case MC_STATUS_WAITING_SUPPLEMENT: figures->waiting_supplement = n; break;
        case MC_STATUS_WAITING_PAYMENT: figures->waiting_payment = n; break;
        default: figures->in_processing += n; break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  figures->waiting = figures->waiting_supplement + figures->waiting_payment;

  stmt = mc_store_prepare (self, "SELECT (SELECT count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                 "   WHERE status IN (2, 4) AND current_due_at IS NOT NULL AND current_due_at < ?1),"
                                 " (SELECT count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                 "   WHERE status IN (2, 4) AND current_due_at >= ?1 AND current_due_at <= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, mc_store_due_soon_limit (self, now));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      figures->overdue = sqlite3_column_int64 (stmt, 0);
      figures->due_soon = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  return TRUE;
}

/* Counts subtracted from one another (the received less the unsynced and the unscanned, the
 * finished less the unscanned) must come from one state of the database: a deferred
 * transaction reads it as of its first read and keeps no writer waiting (WAL). Inside a
 * caller's own transaction, nothing is begun. */
static gboolean
snapshot_begin (McStore   *self,
                gboolean  *began,
                GError   **error)
{
  *began = FALSE;
  if (!sqlite3_get_autocommit (self->db))
    return TRUE;
  if (!mc_store_exec (self, "BEGIN DEFERRED", error))
    return FALSE;
  *began = TRUE;
  return TRUE;
}

static void
snapshot_end (McStore  *self,
              gboolean  began)
{
  if (began && !sqlite3_get_autocommit (self->db) &&
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    mc_store_rollback (self);
}

gboolean
mc_store_dashboard_figures (McStore             *self,
                            McTime               from,
                            McTime               to,
                            McTime               now,
                            McDashboardFigures  *figures,
                            GError             **error)
{
  gboolean began, ok;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  if (!snapshot_begin (self, &began, error))
    return FALSE;
  ok = dashboard_figures (self, from, to, now, NULL, figures, error);
  snapshot_end (self, began);
  return ok;
}

/* Breakdowns. */

/* Hash keys that keep NULL apart from every string. */
static char *
group_hash_key (const char *key)
{
  return key != NULL ? g_strconcat ("v", key, NULL) : g_strdup ("n");
}

typedef struct
{
  GHashTable *rows;      /* hash key → McBreakdownRow* (borrowed from @order) */
  GPtrArray  *order;     /* McBreakdownRow*, owned */
  GHashTable *label_at;  /* hash key → McTime of the dossier the label came from (boxed) */
} Groups;

static void
groups_init (Groups *groups)
{
  groups->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  groups->order = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_breakdown_row_free);
  groups->label_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
groups_clear (Groups *groups)
{
  g_clear_pointer (&groups->rows, g_hash_table_unref);
  g_clear_pointer (&groups->order, g_ptr_array_unref);
  g_clear_pointer (&groups->label_at, g_hash_table_unref);
}

static McBreakdownRow *
groups_get (Groups     *groups,
            const char *key)
{
  g_autofree char *hash_key = group_hash_key (key);
  McBreakdownRow *row = g_hash_table_lookup (groups->rows, hash_key);

  if (row == NULL)
    {
      row = mc_breakdown_row_new (key, NULL);
      g_ptr_array_add (groups->order, row);
      g_hash_table_insert (groups->rows, g_steal_pointer (&hash_key), row);
    }
  return row;
}

/* Names the row of @key after the most recent dossier seen so far. */
static void
groups_offer_label (Groups     *groups,
                    const char *key,
                    const char *label,
                    McTime      at)
{
  McBreakdownRow *row;
  McTime *seen;
  char *hash_key;

  if (label == NULL || *label == '\0')
    return;
  row = groups_get (groups, key);
  hash_key = group_hash_key (key);
  seen = g_hash_table_lookup (groups->label_at, hash_key);
  if (seen != NULL && *seen >= at)
    {
      g_free (hash_key);
      return;
    }
  g_free (row->label);
  row->label = g_strdup (label);
  g_hash_table_replace (groups->label_at, hash_key, g_memdup2 (&at, sizeof at));
}

/* Overdue now per group: only the overdue dossiers are read. */
static gboolean
add_overdue (McStore          *self,
             Groups           *groups,
             McBreakdownKind   by,
             McTime            now,
             GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  switch (by)
    {
    case MC_BREAKDOWN_FIELD:
      stmt = mc_store_prepare (self, "SELECT field_code, count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                     " WHERE status IN (2, 4) AND current_due_at < ?1 GROUP BY 1", error);
      break;
    case MC_BREAKDOWN_PROCEDURE:
      stmt = mc_store_prepare (self, "SELECT procedure_code, count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                     " WHERE status IN (2, 4) AND current_due_at < ?1 GROUP BY 1", error);
      break;
    case MC_BREAKDOWN_AGENCY:
      stmt = mc_store_prepare (self, "SELECT deciding_agency, count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                     " WHERE status IN (2, 4) AND current_due_at < ?1 GROUP BY 1", error);
      break;
    case MC_BREAKDOWN_CLERK:
      stmt = mc_store_prepare (self, "SELECT clerk, count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                     " WHERE status IN (2, 4) AND current_due_at < ?1 GROUP BY 1", error);
      break;
    case MC_BREAKDOWN_NONE:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    groups_get (groups, (const char *) sqlite3_column_text (stmt, 0))->overdue += sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting dossiers failed"), error);
  return TRUE;
}

/* The rows of breakdown @by from the counts of its cells (or clerks). */
static GPtrArray *
rows_from_cells (McStore          *self,
                 GArray           *cells,
                 McBreakdownKind   by,
                 McTime            now,
                 GError          **error)
{
  g_autoptr(GPtrArray) result = NULL;
  guint level = by == MC_BREAKDOWN_FIELD ? 1 : by == MC_BREAKDOWN_AGENCY ? 2 : 0;
  Groups groups;

  groups_init (&groups);
  for (guint i = 0; i < cells->len; i++)
    {
      const CellFigures *cell = &g_array_index (cells, CellFigures, i);
      McBreakdownRow *row = groups_get (&groups, cell->cell.v[level]);

      row->received += cell->received;
      row->finished_early += cell->finished.early;
      row->finished_on_time += cell->finished.on_time;
      row->finished_late += cell->finished.late;
      row->finished += cell->finished.early + cell->finished.on_time + cell->finished.late;
      row->handled += cell->finished.handled;
      row->handling_seconds += cell->finished.handling_seconds;
      if (by == MC_BREAKDOWN_PROCEDURE)
        groups_offer_label (&groups, cell->cell.v[0], cell->procedure_name, cell->latest);
      else if (by == MC_BREAKDOWN_FIELD)
        groups_offer_label (&groups, cell->cell.v[1], cell->field_name, cell->latest);
    }
  if (!add_overdue (self, &groups, by, now, error))
    {
      groups_clear (&groups);
      return NULL;
    }

  /* A group with nothing in the period and nothing overdue is not a row. */
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_breakdown_row_free);
  for (guint i = 0; i < groups.order->len; i++)
    {
      McBreakdownRow *row = g_ptr_array_index (groups.order, i);

      if (row->received > 0 || row->finished > 0 || row->overdue > 0)
        g_ptr_array_add (result, g_steal_pointer (&groups.order->pdata[i]));
    }
  groups_clear (&groups);
  mc_breakdown_sort (result, MC_BREAKDOWN_BY_DEFAULT, FALSE);
  return g_steal_pointer (&result);
}

GPtrArray *
mc_store_dashboard_breakdown (McStore          *self,
                              McBreakdownKind   by,
                              McTime            from,
                              McTime            to,
                              McTime            now,
                              GError          **error)
{
  g_autoptr(GArray) cells = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (by >= MC_BREAKDOWN_FIRST && by <= MC_BREAKDOWN_LAST, NULL);

  now = resolve_now (now);
  if (!check_period (from, to, error) || !ensure_functions (self, error))
    return NULL;
  if ((cells = collect_cells (self, by == MC_BREAKDOWN_CLERK, from, to, error)) == NULL)
    return NULL;
  return rows_from_cells (self, cells, by, now, error);
}

/* Charts. */

static gboolean
count_verdicts (McStore        *self,
                McTime          from,
                McTime          to,
                McMonthFigures *month,
                GError        **error)
{
  gint64 by_verdict[3] = { 0 };

  if (!mc_store_count_by_code (self, "WITH v (verdict) AS (VALUES (1), (2), (3))"
                                     " SELECT verdict, (SELECT count (*) FROM dossiers d INDEXED BY dossiers_verdict_finished"
                                     "   WHERE d.verdict = v.verdict AND d.finished_at >= ?1 AND d.finished_at < ?2) FROM v",
                               from, to, by_verdict, error))
    return FALSE;
  month->finished_early = by_verdict[MC_VERDICT_EARLY - 1];
  month->finished_on_time = by_verdict[MC_VERDICT_ON_TIME - 1];
  month->finished_late = by_verdict[MC_VERDICT_LATE - 1];
  month->finished = month->finished_early + month->finished_on_time + month->finished_late;
  return TRUE;
}

GArray *
mc_store_dashboard_months (McStore  *self,
                           McTime    from,
                           McTime    to,
                           GError  **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (McMonthFigures));
  int year, month, mday;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (!check_period (from, to, error))
    return NULL;
  mc_day_to_ymd (mc_time_local_day (from), &year, &month, &mday);
  for (;;)
    {
      McTime start = mc_time_from_local (mc_day_from_ymd (year, month, 1), 0);
      McMonthFigures figures = { .year = year, .month = month };

      if (start >= to)
        break;
      if (++month > 12)
        {
          month = 1;
          year++;
        }
      if (!count_verdicts (self, MAX (start, from),
                           MIN (mc_time_from_local (mc_day_from_ymd (year, month, 1), 0), to), &figures, error))
        return NULL;
      g_array_append_val (months, figures);
    }
  return g_steal_pointer (&months);
}

GArray *
mc_store_dashboard_weeks (McStore  *self,
                          McTime    from,
                          McTime    to,
                          GError  **error)
{
  g_autoptr(GArray) weeks = g_array_new (FALSE, TRUE, sizeof (McWeekFigures));
  McDay first_day, last_day;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (!check_period (from, to, error))
    return NULL;
  if (to == from)
    return g_steal_pointer (&weeks);
  first_day = mc_time_local_day (from);
  last_day = mc_time_local_day (to - 1);
  for (McDay monday = first_day - (mc_day_weekday (first_day) - 1); monday <= last_day; monday += 7)
    {
      McWeekFigures week = { .first = MAX (monday, first_day), .last = MIN (monday + 6, last_day) };
      McTime start = MAX (mc_time_from_local (monday, 0), from);
      McTime end = MIN (mc_time_from_local (monday + 7, 0), to);
      sqlite3_stmt *stmt;

      stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers INDEXED BY dossiers_received_id"
                                     " WHERE received_at >= ?1 AND received_at < ?2", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
      if (!step_count (self, stmt, &week.received, error))
        return NULL;
      stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers INDEXED BY dossiers_finished"
                                     " WHERE finished_at >= ?1 AND finished_at < ?2 AND verdict IS NOT NULL", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, start);
      sqlite3_bind_int64 (stmt, 2, end);
      if (!step_count (self, stmt, &week.finished, error))
        return NULL;
      g_array_append_val (weeks, week);
    }
  return g_steal_pointer (&weeks);
}

/* The moments B_k such that a dossier due at or after B_k is at most k working days late at
 * @now: B_k is the earliest moment with k working days still to pass before @now. Entry i
 * is the bound of bucket i's upper limit; MC_TIME_NONE when it lies before the calendar. */
static void
lateness_bounds (McStore *self,
                 McTime   now,
                 McTime   bounds[MC_LATENESS_N_BUCKETS - 1])
{
  int daily = mc_office_hours_daily_seconds (mc_work_calendar_get_office_hours (self->calendar));
  gint64 w_now = 0;
  gboolean have_now = mc_work_calendar_to_working_seconds (self->calendar, now, &w_now, NULL);

  for (guint i = 0; i + 1 < MC_LATENESS_N_BUCKETS; i++)
    {
      int max_days;
      gint64 w;

      mc_lateness_bucket_bounds (i, NULL, &max_days);
      w = w_now - (gint64) max_days * daily;
      bounds[i] = MC_TIME_NONE;
      if (have_now && w >= 0)
        mc_work_calendar_from_working_seconds (self->calendar, w, &bounds[i], NULL);
    }
}

/* The range [*lower, *upper) of current appointments of lateness bucket @bucket at @now. */
static void
lateness_range (const McTime  bounds[MC_LATENESS_N_BUCKETS - 1],
                McTime        now,
                guint         bucket,
                McTime       *lower,
                McTime       *upper)
{
  *upper = bucket == 0 ? now : bounds[bucket - 1];
  *lower = bucket + 1 < MC_LATENESS_N_BUCKETS ? bounds[bucket] : MC_TIME_NONE;
  if (*upper == MC_TIME_NONE)
    *upper = G_MININT64 + 1;   /* the earlier bound is before the calendar: nothing is that late */
  if (*lower == MC_TIME_NONE)
    *lower = G_MININT64 + 1;
}

gboolean
mc_store_dashboard_lateness (McStore     *self,
                             McTime       now,
                             McLateness  *lateness,
                             GError     **error)
{
  McTime bounds[MC_LATENESS_N_BUCKETS - 1];

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (lateness != NULL, FALSE);

  memset (lateness, 0, sizeof *lateness);
  now = resolve_now (now);
  lateness->now = now;
  lateness_bounds (self, now, bounds);
  for (guint i = 0; i < MC_LATENESS_N_BUCKETS; i++)
    {
      sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT count (*) FROM dossiers INDEXED BY dossiers_status_due"
                                                   " WHERE status IN (2, 4) AND current_due_at >= ?1 AND current_due_at < ?2", error);
      McTime lower, upper;

      if (stmt == NULL)
        return FALSE;
      lateness_range (bounds, now, i, &lower, &upper);
      sqlite3_bind_int64 (stmt, 1, lower);
      sqlite3_bind_int64 (stmt, 2, MAX (lower, upper));
      if (!step_count (self, stmt, &lateness->counts[i], error))
        return FALSE;
      lateness->total += lateness->counts[i];
    }
  return TRUE;
}

static McDashboard *
load_dashboard (McStore         *self,
                const McPeriod  *period,
                McTime           now,
                guint            breakdowns,
                GError         **error)
{
  g_autoptr(McDashboard) dashboard = NULL;
  g_autoptr(GArray) cells = NULL;
  McTime from, to;

  dashboard = mc_dashboard_new (period);
  from = mc_period_start (period);
  to = mc_period_end (period);
  now = resolve_now (now);
  if (!ensure_functions (self, error))
    return NULL;

  /* The field, procedure and agency breakdowns and the finished figures are sums of the same
   * cells: counted once. */
  if ((breakdowns & ((1u << MC_BREAKDOWN_FIELD) | (1u << MC_BREAKDOWN_PROCEDURE) | (1u << MC_BREAKDOWN_AGENCY))) != 0 &&
      (cells = collect_cells (self, FALSE, from, to, error)) == NULL)
    return NULL;
  if (!dashboard_figures (self, from, to, now, cells, &dashboard->figures, error) ||
      !mc_store_dashboard_lateness (self, now, &dashboard->lateness, error))
    return NULL;
  g_clear_pointer (&dashboard->months, g_array_unref);
  g_clear_pointer (&dashboard->weeks, g_array_unref);
  if ((dashboard->months = mc_store_dashboard_months (self, from, to, error)) == NULL ||
      (dashboard->weeks = mc_store_dashboard_weeks (self, from, to, error)) == NULL)
    return NULL;
  for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
    {
      if ((breakdowns & (1u << kind)) == 0)
        continue;
      if (kind == MC_BREAKDOWN_CLERK)
        dashboard->breakdowns[kind] = mc_store_dashboard_breakdown (self, kind, from, to, now, error);
      else
        dashboard->breakdowns[kind] = rows_from_cells (self, cells, kind, now, error);
      if (dashboard->breakdowns[kind] == NULL)
        return NULL;
    }
  return g_steal_pointer (&dashboard);
}

McDashboard *
mc_store_load_dashboard (McStore         *self,
                         const McPeriod  *period,
                         McTime           now,
                         guint            breakdowns,
                         GError         **error)
{
  McDashboard *dashboard;
  gboolean began;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  /* Every figure, chart and table of a dashboard as of one moment. */
  if (!snapshot_begin (self, &began, error))
    return NULL;
  dashboard = load_dashboard (self, period, now, breakdowns, error);
  snapshot_end (self, began);
  return dashboard;
}

/* The dossiers behind a figure. */

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_int64 (stmt, i, value);
}

GArray *
mc_store_list_figure_ids (McStore               *self,
                          const McFigureFilter  *filter,
                          GError               **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM dossiers WHERE ");
  McTime bounds[MC_LATENESS_N_BUCKETS - 1];
  McTime now, lower = 0, upper = 0;
  sqlite3_stmt *stmt = NULL;
  const char *order;
  const char *index = NULL;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  now = resolve_now (filter->now);
  if (!mc_figure_is_snapshot (filter->figure) && !check_period (filter->from, filter->to, error))
    return NULL;

  /* The same conditions as the counts, written out once per figure. */
  switch (filter->figure)
    {
    case MC_FIGURE_RECEIVED:
    case MC_FIGURE_RECEIVED_ONLINE:
    case MC_FIGURE_RECEIVED_SYNCED:
      g_string_append (sql, "received_at >= :from AND received_at < :to");
      if (filter->figure == MC_FIGURE_RECEIVED_ONLINE)
        g_string_append (sql, " AND channel = 2");
      if (filter->figure == MC_FIGURE_RECEIVED_SYNCED)
        g_string_append (sql, " AND synced_revision >= revision");
      if (filter->figure == MC_FIGURE_RECEIVED && filter->status != 0)
        g_string_append (sql, " AND status = :status");
      order = " ORDER BY received_at DESC, id DESC";
      break;
    case MC_FIGURE_FINISHED:
    case MC_FIGURE_FINISHED_EARLY:
    case MC_FIGURE_FINISHED_ON_TIME:
    case MC_FIGURE_FINISHED_IN_TIME:
    case MC_FIGURE_FINISHED_LATE:
      g_string_append (sql, "finished_at >= :from AND finished_at < :to");
      g_string_append (sql, filter->figure == MC_FIGURE_FINISHED_EARLY ? " AND verdict = 1"
                            : filter->figure == MC_FIGURE_FINISHED_ON_TIME ? " AND verdict = 2"
                            : filter->figure == MC_FIGURE_FINISHED_IN_TIME ? " AND verdict IN (1, 2)"
                            : filter->figure == MC_FIGURE_FINISHED_LATE ? " AND verdict = 3"
                            : " AND verdict IN (1, 2, 3)");
      order = " ORDER BY finished_at DESC, id DESC";
      break;
    case MC_FIGURE_RECEIVED_DIGITISED:
      /* Led by the mark: the planner would rather walk every dossier of the period by its
       * other indexes and read each row. */
      index = " INDEXED BY dossiers_documents_scanned";
      g_string_append (sql, "documents_scanned = 1 AND received_at >= :from AND received_at < :to");
      order = " ORDER BY received_at DESC, id DESC";
      break;
    case MC_FIGURE_RESULT_DIGITISED:
      index = " INDEXED BY dossiers_result_scanned";
      g_string_append (sql, "result_scanned = 1 AND finished_at IS NOT NULL AND finished_at >= :from"
                            " AND finished_at < :to AND verdict IN (1, 2, 3)");
      order = " ORDER BY finished_at DESC, id DESC";
      break;
    case MC_FIGURE_RATED:
    case MC_FIGURE_RATED_VERY_SATISFIED:
    case MC_FIGURE_RATED_SATISFIED:
    case MC_FIGURE_RATED_NOT_SATISFIED:
      g_string_append (sql, filter->figure == MC_FIGURE_RATED_VERY_SATISFIED ? "rating = 1"
                            : filter->figure == MC_FIGURE_RATED_SATISFIED ? "rating = 2"
                            : filter->figure == MC_FIGURE_RATED_NOT_SATISFIED ? "rating = 3"
                            : "rating IN (1, 2, 3)");
      g_string_append (sql, " AND returned_at >= :from AND returned_at < :to");
      order = " ORDER BY returned_at DESC, id DESC";
      break;
    case MC_FIGURE_IN_PROCESSING:
      g_string_append (sql, "status IN (2, 4)");
      order = " ORDER BY current_due_at IS NULL, current_due_at, id";
      break;
    case MC_FIGURE_WAITING:
      g_string_append (sql, "status IN (5, 6)");
      order = " ORDER BY current_due_at IS NULL, current_due_at, id";
      break;
    case MC_FIGURE_DUE_SOON:
      g_string_append (sql, "status IN (2, 4) AND current_due_at >= :now AND current_due_at <= :due_soon_limit");
      order = " ORDER BY current_due_at, id";
      break;
    case MC_FIGURE_OVERDUE:
      g_string_append (sql, "status IN (2, 4) AND current_due_at < :now");
      if (filter->lateness > 0 && filter->lateness <= MC_LATENESS_N_BUCKETS)
        {
          lateness_bounds (self, now, bounds);
          lateness_range (bounds, now, (guint) filter->lateness - 1, &lower, &upper);
          g_string_append (sql, " AND current_due_at >= :lower AND current_due_at < :upper");
        }
      order = " ORDER BY current_due_at, id";
      break;
    case MC_FIGURE_NONE:
    default:
      g_return_val_if_reached (NULL);
    }

  switch (filter->group)
    {
    case MC_BREAKDOWN_FIELD:
      g_string_append (sql, " AND field_code IS :key");
      break;
    case MC_BREAKDOWN_PROCEDURE:
      g_string_append (sql, " AND procedure_code IS :key");
      break;
    case MC_BREAKDOWN_AGENCY:
      g_string_append (sql, " AND deciding_agency IS :key");
      break;
    case MC_BREAKDOWN_CLERK:
      g_string_append (sql, " AND clerk IS :key");
      break;
    case MC_BREAKDOWN_NONE:
    default:
      break;
    }
  g_string_append (sql, order);
  if (index != NULL)
    g_string_insert (sql, strlen ("SELECT id FROM dossiers"), index);

  /* Built per call, as the dossier list's queries are: too many combinations to cache. */
  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      mc_store_set_sqlite_error (self, rc, _("Preparing a query failed"), error);
      return NULL;
    }
  bind_named (stmt, ":from", filter->from);
  bind_named (stmt, ":to", filter->to);
  bind_named (stmt, ":status", filter->status);
  bind_named (stmt, ":now", now);
  if (sqlite3_bind_parameter_index (stmt, ":due_soon_limit") > 0)
    bind_named (stmt, ":due_soon_limit", mc_store_due_soon_limit (self, now));
  bind_named (stmt, ":lower", lower);
  bind_named (stmt, ":upper", MAX (lower, upper));
  if (sqlite3_bind_parameter_index (stmt, ":key") > 0)
    mc_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":key"), filter->group_key);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading dossiers failed"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
