/* mc-store-outbox.c — the outbox as the sync engine sees it, the sync's own record, and
 * the online submissions pulled from the portal.
 *
 * The receiving and moving transactions (mc-store-dossiers.c) put rows in; this file takes
 * them out, and only on the portal's word: an acknowledged dossier state deletes every
 * row of that dossier up to the revision sent and raises synced_revision, an acknowledged
 * step deletes its row, a refused record stays as 'failed' with the portal's message, and
 * anything else is retried later. What is sent is always read here from the database —
 * the dossier's current state and the step exactly as stored — so a retry after a crash
 * sends the same values, or newer ones, never older ones.
 */
#include "config.h"

#include <cjson/cJSON.h>

#include "mc-i18n.h"
#include "mc-store-private.h"

void
mc_outbox_entry_free (McOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->dossier_code);
  g_free (entry->last_error);
  g_free (entry);
}

void
mc_outbox_dossier_free (McOutboxDossier *item)
{
  if (item == NULL)
    return;
  g_clear_pointer (&item->dossier, mc_dossier_free);
  g_clear_pointer (&item->pauses, g_array_unref);
  g_clear_pointer (&item->attachments, g_ptr_array_unref);
  g_free (item->return_note);
  g_free (item);
}

void
mc_outbox_step_free (McOutboxStep *item)
{
  if (item == NULL)
    return;
  g_free (item->dossier_code);
  g_clear_pointer (&item->event, mc_dossier_event_free);
  g_free (item->receiving_office);
  g_free (item->deciding_agency);
  g_free (item);
}

McOnlineSubmission *
mc_online_submission_new (void)
{
  McOnlineSubmission *submission = g_new0 (McOnlineSubmission, 1);

  submission->submitted_at = MC_TIME_NONE;
  submission->pulled_at = MC_TIME_NONE;
  return submission;
}

void
mc_online_submission_free (McOnlineSubmission *submission)
{
  if (submission == NULL)
    return;
  g_free (submission->code);
  g_free (submission->procedure_code);
  g_free (submission->procedure_name);
  g_free (submission->applicant_name);
  g_free (submission->document);
  g_free (submission);
}

void
mc_sync_record_clear (McSyncRecord *record)
{
  g_clear_pointer (&record->last_error, g_free);
}

/* A read transaction, so that what is read together is one snapshot even while the
 * counter writes (WAL lets both go on). */
static gboolean
begin_read (McStore  *self,
            GError  **error)
{
  return mc_store_exec (self, "BEGIN", error);
}

static void
end_read (McStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
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
  counts->next_attempt_at = MC_TIME_NONE;
  stmt = mc_store_prepare (self, "SELECT state, count (*), min (next_attempt_at) FROM outbox GROUP BY state", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (state, "pending") == 0)
        {
          counts->pending = n;
          counts->next_attempt_at = mc_column_time (stmt, 2);
        }
      else if (g_strcmp0 (state, "failed") == 0)
        counts->failed = n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Counting the outbox failed"), error);

  /* Both are index look-ups: the partial index of unsynced dossiers, the queue's state. */
  stmt = mc_store_prepare (self, "SELECT (SELECT count (*) FROM dossiers WHERE synced_revision < revision),"
                                 " (SELECT count (*) FROM online_submissions WHERE state = 'waiting')", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      counts->unsynced = sqlite3_column_int64 (stmt, 0);
      counts->to_receive = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Counting the outbox failed"), error);
  return TRUE;
}

static void
pause_record_clear (gpointer data)
{
  McPauseRecord *record = data;

  g_free (record->requested_by);
  g_free (record->request_note);
  g_free (record->received_by);
}

static GArray *
load_pause_records (McStore  *self,
                    gint64    dossier_id,
                    GError  **error)
{
  g_autoptr(GArray) pauses = g_array_new (FALSE, FALSE, sizeof (McPauseRecord));
  /* A move opens or closes a pause at the moment of its audit entry. */
  sqlite3_stmt *stmt = mc_store_prepare (self,
      "SELECT p.id, p.kind, p.started_at, p.ended_at, s.actor, s.note,"
      "  (SELECT e.actor FROM dossier_events e WHERE e.dossier_id = p.dossier_id AND e.from_status = p.kind"
      "   AND e.at = p.ended_at ORDER BY e.id LIMIT 1)"
      " FROM dossier_pauses p LEFT JOIN dossier_events s ON s.id = (SELECT e.id FROM dossier_events e"
      "   WHERE e.dossier_id = p.dossier_id AND e.to_status = p.kind AND e.at = p.started_at ORDER BY e.id LIMIT 1)"
      " WHERE p.dossier_id = ?1 ORDER BY p.started_at, p.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (pauses, pause_record_clear);
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McPauseRecord record = {
        .id = sqlite3_column_int64 (stmt, 0),
        .kind = sqlite3_column_int (stmt, 1),
        .pause = { mc_column_time (stmt, 2), mc_column_time (stmt, 3) },
        .requested_by = mc_column_text (stmt, 4),
        .request_note = mc_column_text (stmt, 5),
        .received_by = mc_column_text (stmt, 6),
      };
      g_array_append_val (pauses, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
      return NULL;
    }
  return g_steal_pointer (&pauses);
}

/* The note of the return (status 10): to whom and how the result went. */
static gboolean
load_return_note (McStore  *self,
                  gint64    dossier_id,
                  char    **note,
                  GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT note FROM dossier_events WHERE dossier_id = ?1"
                                               " AND to_status = 10 ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *note = mc_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
  return TRUE;
}

/* Walks the pending rows of @kind in the order they were written (the outbox_state index)
 * and keeps the first row of each dossier that @stmt returns, until @limit dossiers; rows
 * of a dossier already kept are skipped. Stops early, so that a pass costs what it sends,
 * not the length of the backlog. @stmt's first two columns are the row's id and dossier. */
static GArray *
first_rows_by_dossier (McStore       *self,
                       sqlite3_stmt  *stmt,
                       guint          limit,
                       GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) dossiers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc = SQLITE_DONE;

  while (ids->len < MAX (limit, 1) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 dossier_id = sqlite3_column_int64 (stmt, 1);

      if (g_hash_table_contains (dossiers, &dossier_id))
        continue;
      g_hash_table_add (dossiers, g_memdup2 (&dossier_id, sizeof dossier_id));
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading the outbox failed"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GPtrArray *
mc_store_outbox_next_dossiers (McStore  *self,
                               McTime    now,
                               guint     limit,
                               GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_outbox_dossier_free);
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;
  /* Oldest change first; a dossier with several pending rows is one record. */
  stmt = mc_store_prepare (self,
      "SELECT id, dossier_id FROM outbox WHERE state = 'pending' AND kind = 'dossier'"
      " AND coalesce (next_attempt_at, 0) <= ?1 ORDER BY id", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  rows = first_rows_by_dossier (self, stmt, limit, error);
  if (rows == NULL)
    goto fail;

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(McOutboxDossier) item = g_new0 (McOutboxDossier, 1);
      g_autofree char *code = NULL;
      int rc;

      stmt = mc_store_prepare (self, "SELECT d.code, d.synced_revision FROM outbox o"
                                     " JOIN dossiers d ON d.id = o.dossier_id WHERE o.id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, g_array_index (rows, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          code = mc_column_text (stmt, 0);
          item->synced_revision = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          mc_store_set_sqlite_error (self, rc, _("Reading the outbox failed"), error);
          goto fail;
        }
      item->dossier = mc_store_get_dossier (self, code, error);
      if (item->dossier == NULL)
        goto fail;
      item->pauses = load_pause_records (self, item->dossier->id, error);
      if (item->pauses == NULL || !load_return_note (self, item->dossier->id, &item->return_note, error))
        goto fail;
      item->attachments = mc_store_load_attachments (self, item->dossier->id, error);
      if (item->attachments == NULL)
        goto fail;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  end_read (self);
  return g_steal_pointer (&items);

fail:
  end_read (self);
  return NULL;
}

GPtrArray *
mc_store_outbox_next_steps (McStore  *self,
                            McTime    now,
                            guint     limit,
                            GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_outbox_step_free);
  g_autoptr(GArray) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;
  /* A step goes once its dossier's state at that revision is on the portal, and not while
   * the dossier is queued again for a portal that lost it. One step per dossier (its
   * oldest), so that an answer naming the dossier names the step; the next ones follow in
   * the next calls. */
  stmt = mc_store_prepare (self,
      "SELECT o.id, o.dossier_id FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"
      " WHERE o.state = 'pending' AND o.kind = 'step' AND coalesce (o.next_attempt_at, 0) <= ?1"
      "   AND o.revision <= d.synced_revision"
      "   AND NOT EXISTS (SELECT 1 FROM outbox r WHERE r.dossier_id = o.dossier_id AND r.kind = 'dossier'"
      "                   AND r.revision <= d.synced_revision)"
      " ORDER BY o.id", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  rows = first_rows_by_dossier (self, stmt, limit, error);
  if (rows == NULL)
    goto fail;

  for (guint i = 0; i < rows->len; i++)
    {
      int rc;

      stmt = mc_store_prepare (self,
          "SELECT o.id, o.dossier_id, d.code, o.revision, e.id, e.at, e.actor, e.from_status, e.to_status,"
          "  e.note, d.due_at, d.receiving_office, d.deciding_agency"
          " FROM outbox o JOIN dossiers d ON d.id = o.dossier_id JOIN dossier_events e ON e.id = o.event_id"
          " WHERE o.id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, g_array_index (rows, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          McOutboxStep *item = g_new0 (McOutboxStep, 1);
          McDossierEvent *event = mc_dossier_event_new ();

          item->outbox_id = sqlite3_column_int64 (stmt, 0);
          item->dossier_id = sqlite3_column_int64 (stmt, 1);
          item->dossier_code = mc_column_text (stmt, 2);
          item->revision = sqlite3_column_int64 (stmt, 3);
          event->id = sqlite3_column_int64 (stmt, 4);
          event->at = sqlite3_column_int64 (stmt, 5);
          event->actor = mc_column_text (stmt, 6);
          event->from_status = sqlite3_column_int (stmt, 7);
          event->to_status = sqlite3_column_int (stmt, 8);
          event->note = mc_column_text (stmt, 9);
          item->event = event;
          item->dossier_due_at = mc_column_time (stmt, 10);
          item->receiving_office = mc_column_text (stmt, 11);
          item->deciding_agency = mc_column_text (stmt, 12);
          g_ptr_array_add (items, item);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          mc_store_set_sqlite_error (self, rc, _("Reading the outbox failed"), error);
          goto fail;
        }
    }
  end_read (self);
  return g_steal_pointer (&items);

fail:
  end_read (self);
  return NULL;
}

static gboolean
record_dossier (McStore                *self,
                const McOutboxOutcome  *outcome,
                McTime                  now,
                GError                **error)
{
  sqlite3_stmt *stmt;

  switch (outcome->verdict)
    {
    case MC_OUTBOX_ACKNOWLEDGED:
      /* The portal holds this revision: it and every older row leave the outbox. */
      stmt = mc_store_prepare (self, "DELETE FROM outbox WHERE dossier_id = ?1 AND kind = 'dossier'"
                                     " AND revision <= ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, outcome->dossier_id);
      sqlite3_bind_int64 (stmt, 2, outcome->revision);
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
      stmt = mc_store_prepare (self, "UPDATE dossiers SET synced_revision = max (synced_revision, ?2)"
                                     " WHERE id = ?1 AND revision >= ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, outcome->dossier_id);
      sqlite3_bind_int64 (stmt, 2, outcome->revision);
      return mc_store_step_done (self, stmt, error);

    case MC_OUTBOX_REFUSED:
      /* One failed row per dossier, at the revision refused: the older rows describe
       * states it replaces. They go only when that row is there to keep the message. */
      stmt = mc_store_prepare (self,
          "DELETE FROM outbox WHERE dossier_id = ?1 AND kind = 'dossier' AND revision < ?2"
          " AND EXISTS (SELECT 1 FROM outbox r WHERE r.dossier_id = ?1 AND r.kind = 'dossier' AND r.revision = ?2)",
          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, outcome->dossier_id);
      sqlite3_bind_int64 (stmt, 2, outcome->revision);
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
      stmt = mc_store_prepare (self,
          "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?3, last_attempt_at = ?4,"
          "  next_attempt_at = NULL"
          " WHERE dossier_id = ?1 AND kind = 'dossier' AND revision <= ?2", error);
      break;

    case MC_OUTBOX_RETRY:
    case MC_OUTBOX_DOSSIER_MISSING:
    default:
      stmt = mc_store_prepare (self,
          "UPDATE outbox SET attempts = attempts + 1, last_error = ?3, last_attempt_at = ?4, next_attempt_at = ?5"
          " WHERE dossier_id = ?1 AND kind = 'dossier' AND revision <= ?2 AND state = 'pending'", error);
      break;
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, outcome->dossier_id);
  sqlite3_bind_int64 (stmt, 2, outcome->revision);
  mc_bind_text (stmt, 3, outcome->message);
  sqlite3_bind_int64 (stmt, 4, now);
  if (outcome->verdict != MC_OUTBOX_REFUSED)
    mc_bind_time (stmt, 5, outcome->retry_at);
  return mc_store_step_done (self, stmt, error);
}

/* Queues the dossier's current state again (unless a state row is already waiting). */
static gboolean
requeue_dossier_state (McStore  *self,
                       gint64    dossier_id,
                       McTime    now,
                       GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
      "INSERT INTO outbox (kind, dossier_id, revision, created_at)"
      " SELECT 'dossier', id, revision, ?2 FROM dossiers WHERE id = ?1"
      "  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = ?1 AND o.kind = 'dossier'"
      "                  AND o.state = 'pending')", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return mc_store_step_done (self, stmt, error);
}

static gboolean
record_step (McStore                *self,
             const McOutboxOutcome  *outcome,
             McTime                  now,
             GError                **error)
{
  sqlite3_stmt *stmt;

  switch (outcome->verdict)
    {
    case MC_OUTBOX_ACKNOWLEDGED:
      stmt = mc_store_prepare (self, "DELETE FROM outbox WHERE id = ?1 AND kind = 'step'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, outcome->outbox_id);
      return mc_store_step_done (self, stmt, error);

    case MC_OUTBOX_REFUSED:
      stmt = mc_store_prepare (self,
          "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2, last_attempt_at = ?3,"
          "  next_attempt_at = NULL WHERE id = ?1", error);
      break;

    case MC_OUTBOX_DOSSIER_MISSING:
      if (!requeue_dossier_state (self, outcome->dossier_id, now, error))
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case MC_OUTBOX_RETRY:
    default:
      stmt = mc_store_prepare (self,
          "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, last_attempt_at = ?3, next_attempt_at = ?4"
          " WHERE id = ?1", error);
      break;
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, outcome->outbox_id);
  mc_bind_text (stmt, 2, outcome->message);
  sqlite3_bind_int64 (stmt, 3, now);
  if (outcome->verdict != MC_OUTBOX_REFUSED)
    mc_bind_time (stmt, 4, outcome->verdict == MC_OUTBOX_RETRY ? outcome->retry_at : MC_TIME_NONE);
  return mc_store_step_done (self, stmt, error);
}

gboolean
mc_store_outbox_record (McStore                *self,
                        const McOutboxOutcome  *outcomes,
                        guint                   n_outcomes,
                        McTime                  now,
                        GError                **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (n_outcomes == 0)
    return TRUE;
  if (!mc_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_outcomes; i++)
    {
      gboolean ok = outcomes[i].kind == MC_OUTBOX_DOSSIER ? record_dossier (self, &outcomes[i], now, error)
                                                          : record_step (self, &outcomes[i], now, error);
      if (!ok)
        {
          mc_store_rollback (self);
          return FALSE;
        }
    }
  return mc_store_commit (self, error);
}

GPtrArray *
mc_store_list_outbox (McStore   *self,
                      gboolean   only_failed,
                      guint      limit,
                      GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_outbox_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self,
      "SELECT o.id, o.kind, o.state, d.code, o.event_id, o.revision, o.created_at, o.attempts, o.last_error,"
      "  o.last_attempt_at, o.next_attempt_at, o.kind = 'step' AND o.revision > d.synced_revision"
      " FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"
      " WHERE ?1 = 0 OR o.state = 'failed' ORDER BY o.id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, only_failed);
  sqlite3_bind_int (stmt, 2, limit ? (int) MIN (limit, G_MAXINT) : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McOutboxEntry *entry = g_new0 (McOutboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "step") == 0
                    ? MC_OUTBOX_STEP : MC_OUTBOX_DOSSIER;
      entry->failed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "failed") == 0;
      entry->dossier_code = mc_column_text (stmt, 3);
      entry->event_id = sqlite3_column_int64 (stmt, 4);
      entry->revision = sqlite3_column_int64 (stmt, 5);
      entry->created_at = sqlite3_column_int64 (stmt, 6);
      entry->attempts = sqlite3_column_int (stmt, 7);
      entry->last_error = mc_column_text (stmt, 8);
      entry->last_attempt_at = mc_column_time (stmt, 9);
      entry->next_attempt_at = mc_column_time (stmt, 10);
      entry->waiting_for_dossier = sqlite3_column_int (stmt, 11);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading the outbox failed"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
mc_store_outbox_retry (McStore  *self,
                       gint64    id,
                       guint    *n_retried,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  guint n;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_check_office_task (self, MC_OFFICE_TASK_RESEND, error))
    return FALSE;

  stmt = mc_store_prepare (self, "UPDATE outbox SET state = 'pending', next_attempt_at = NULL"
                                 " WHERE state = 'failed' AND (?1 = 0 OR id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  n = (guint) sqlite3_changes (self->db);
  if (n_retried)
    *n_retried = n;
  if (n > 0)
    {
      g_autofree char *subject = id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
      g_autofree char *detail = g_strdup_printf ("%u", n);

      mc_store_log_desk_event_quietly (self, "outbox-retried", subject, detail);
    }
  return TRUE;
}

gboolean
mc_store_outbox_resend (McStore     *self,
                        const char  *code,
                        guint       *n_dossiers,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  McTime now = mc_time_now ();
  guint n;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_check_office_task (self, MC_OFFICE_TASK_RESEND, error))
    return FALSE;

  if (!mc_store_begin (self, error))
    return FALSE;
  /* The state at the current revision, then every step not already waiting, each at its
   * own revision (the n-th audit entry is revision n), so the steps follow the state. */
  stmt = mc_store_prepare (self,
      "INSERT INTO outbox (kind, dossier_id, revision, created_at)"
      " SELECT 'dossier', d.id, d.revision, ?2 FROM dossiers d WHERE (?1 IS NULL OR d.code = ?1)"
      "  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND o.kind = 'dossier'"
      "                  AND o.revision = d.revision)", error);
  if (stmt == NULL)
    goto fail;
  mc_bind_text (stmt, 1, code);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  n = (guint) sqlite3_changes (self->db);

  stmt = mc_store_prepare (self,
      "INSERT INTO outbox (kind, dossier_id, event_id, revision, created_at)"
      " SELECT 'step', x.dossier_id, x.id, x.ordinal, ?2 FROM"
      "  (SELECT e.id, e.dossier_id, row_number () OVER (PARTITION BY e.dossier_id ORDER BY e.id) AS ordinal"
      "   FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE (?1 IS NULL OR d.code = ?1)) x"
      " WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = x.id)"
      " ORDER BY x.dossier_id, x.id", error);
  if (stmt == NULL)
    goto fail;
  mc_bind_text (stmt, 1, code);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  if (code != NULL && n == 0)
    {
      /* Either the code is unknown or its state was already queued. */
      g_autoptr(McDossier) dossier = mc_store_get_dossier (self, code, error);

      if (dossier == NULL)
        goto fail;
      n = 1;
    }
  {
    g_autofree char *detail = g_strdup_printf ("%u", n);

    if (!mc_store_log_desk_event (self, "outbox-resent", code, detail, error))
      goto fail;
  }
  if (!mc_store_commit (self, error))
    return FALSE;
  if (n_dossiers)
    *n_dossiers = n;
  return TRUE;

fail:
  mc_store_rollback (self);
  return FALSE;
}

/* The sync's own record: a few named values. */

static gboolean
set_state_value (McStore     *self,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    {
      stmt = mc_store_prepare (self, "DELETE FROM sync_state WHERE key = ?1", error);
      if (stmt == NULL)
        return FALSE;
      mc_bind_text (stmt, 1, key);
      return mc_store_step_done (self, stmt, error);
    }
  stmt = mc_store_prepare (self, "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  mc_bind_text (stmt, 1, key);
  mc_bind_text (stmt, 2, value);
  return mc_store_step_done (self, stmt, error);
}

static gboolean
set_state_time (McStore     *self,
                const char  *key,
                McTime       at,
                GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, at);

  return set_state_value (self, key, text, error);
}

static McTime
parse_state_time (const char *text)
{
  char *end = NULL;
  gint64 t;

  if (text == NULL || *text == '\0')
    return MC_TIME_NONE;
  t = g_ascii_strtoll (text, &end, 10);
  return *end == '\0' ? t : MC_TIME_NONE;
}

gboolean
mc_store_get_sync_record (McStore       *self,
                          McSyncRecord  *record,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  memset (record, 0, sizeof *record);
  record->last_attempt_at = record->last_success_at = record->last_error_at = MC_TIME_NONE;
  record->last_pull_at = record->catalogue_refreshed_at = MC_TIME_NONE;
  stmt = mc_store_prepare (self, "SELECT key, value FROM sync_state", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (g_str_equal (key, "last-attempt-at"))
        record->last_attempt_at = parse_state_time (value);
      else if (g_str_equal (key, "last-success-at"))
        record->last_success_at = parse_state_time (value);
      else if (g_str_equal (key, "last-error-at"))
        record->last_error_at = parse_state_time (value);
      else if (g_str_equal (key, "last-error"))
        record->last_error = g_strdup (value);
      else if (g_str_equal (key, "last-pull-at"))
        record->last_pull_at = parse_state_time (value);
      else if (g_str_equal (key, "catalogue-refreshed-at"))
        record->catalogue_refreshed_at = parse_state_time (value);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_sync_record_clear (record);
      return mc_store_set_sqlite_error (self, rc, _("Reading the sync state failed"), error);
    }
  return TRUE;
}

gboolean
mc_store_record_sync_run (McStore     *self,
                          McTime       at,
                          const char  *error_message,
                          GError     **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_begin (self, error))
    return FALSE;
  /* A success clears the error: what the header bar shows is the error still in force. */
  if (!set_state_time (self, "last-attempt-at", at, error) ||
      (error_message == NULL && (!set_state_time (self, "last-success-at", at, error) ||
                                 !set_state_value (self, "last-error-at", NULL, error) ||
                                 !set_state_value (self, "last-error", NULL, error))) ||
      (error_message != NULL && (!set_state_time (self, "last-error-at", at, error) ||
                                 !set_state_value (self, "last-error", error_message, error))))
    {
      mc_store_rollback (self);
      return FALSE;
    }
  return mc_store_commit (self, error);
}

gboolean
mc_store_record_catalogue_refresh (McStore  *self,
                                   McTime    at,
                                   GError  **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  return set_state_time (self, "catalogue-refreshed-at", at, error);
}

/* The pull of online submissions. */

static gboolean
get_state_value (McStore     *self,
                 const char  *key,
                 char       **value,
                 GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT value FROM sync_state WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  mc_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? mc_column_text (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading the sync state failed"), error);
  return TRUE;
}

static GStrv
codes_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  cJSON *array = json ? cJSON_Parse (json) : NULL;
  const cJSON *item;

  cJSON_ArrayForEach (item, array)
    if (cJSON_IsString (item))
      g_strv_builder_add (builder, item->valuestring);
  cJSON_Delete (array);
  return g_strv_builder_end (builder);
}

gboolean
mc_store_get_pull_cursor (McStore  *self,
                          McTime   *at,
                          GStrv    *codes,
                          GError  **error)
{
  g_autofree char *time_text = NULL;
  g_autofree char *codes_text = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!get_state_value (self, "pull-cursor-at", &time_text, error) ||
      !get_state_value (self, "pull-cursor-codes", &codes_text, error))
    return FALSE;
  *at = parse_state_time (time_text);
  if (codes)
    *codes = codes_from_json (codes_text);
  return TRUE;
}

gboolean
mc_store_add_online_submissions (McStore     *self,
                                 GPtrArray   *submissions,
                                 McTime       now,
                                 guint       *n_added,
                                 GError     **error)
{
  g_auto(GStrv) old_codes = NULL;
  cJSON *codes_json = NULL;
  g_autofree char *codes_text = NULL;
  McTime cursor = MC_TIME_NONE, latest;
  sqlite3_stmt *stmt;
  guint added = 0;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_begin (self, error))
    return FALSE;
  if (!mc_store_get_pull_cursor (self, &cursor, &old_codes, error))
    goto fail;

  latest = cursor;
  for (guint i = 0; i < submissions->len; i++)
    {
      const McOnlineSubmission *submission = g_ptr_array_index (submissions, i);

      if (submission->submitted_at != MC_TIME_NONE && (latest == MC_TIME_NONE || submission->submitted_at > latest))
        latest = submission->submitted_at;
      stmt = mc_store_prepare (self,
          "INSERT INTO online_submissions (code, submitted_at, procedure_code, procedure_name, applicant_name,"
          "  document, pulled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (code) DO NOTHING", error);
      if (stmt == NULL)
        goto fail;
      mc_bind_text (stmt, 1, submission->code);
      sqlite3_bind_int64 (stmt, 2, submission->submitted_at == MC_TIME_NONE ? now : submission->submitted_at);
      mc_bind_text (stmt, 3, submission->procedure_code);
      mc_bind_text (stmt, 4, submission->procedure_name);
      mc_bind_text (stmt, 5, submission->applicant_name);
      mc_bind_text (stmt, 6, submission->document ? submission->document : "{}");
      sqlite3_bind_int64 (stmt, 7, now);
      if (!mc_store_step_done (self, stmt, error))
        goto fail;
      added += (guint) sqlite3_changes (self->db);
    }

  /* The cursor: the latest moment seen and every code seen at that moment, so that the
   * next pull from that moment on skips exactly those. */
  if (latest != MC_TIME_NONE)
    {
      codes_json = cJSON_CreateArray ();
      if (latest == cursor)
        for (guint i = 0; old_codes[i] != NULL; i++)
          cJSON_AddItemToArray (codes_json, cJSON_CreateString (old_codes[i]));
      for (guint i = 0; i < submissions->len; i++)
        {
          const McOnlineSubmission *submission = g_ptr_array_index (submissions, i);
          gboolean known = FALSE;
          const cJSON *item;

          if (submission->submitted_at != latest || submission->code == NULL)
            continue;
          cJSON_ArrayForEach (item, codes_json)
            if (g_strcmp0 (item->valuestring, submission->code) == 0)
              known = TRUE;
          if (!known)
            cJSON_AddItemToArray (codes_json, cJSON_CreateString (submission->code));
        }
      codes_text = cJSON_PrintUnformatted (codes_json);
      cJSON_Delete (codes_json);
      if (!set_state_time (self, "pull-cursor-at", latest, error) ||
          !set_state_value (self, "pull-cursor-codes", codes_text, error))
        goto fail;
    }
  if (!set_state_time (self, "last-pull-at", now, error) || !mc_store_commit (self, error))
    goto fail;
  if (n_added)
    *n_added = added;
  return TRUE;

fail:
  mc_store_rollback (self);
  return FALSE;
}

GPtrArray *
mc_store_list_online_submissions (McStore  *self,
                                  guint     limit,
                                  guint     offset,
                                  GError  **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_online_submission_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self,
      "SELECT code, submitted_at, procedure_code, procedure_name, applicant_name, document, pulled_at"
      " FROM online_submissions WHERE state = 'waiting' ORDER BY submitted_at, code LIMIT ?1 OFFSET ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, limit ? (int) MIN (limit, G_MAXINT) : -1);
  sqlite3_bind_int (stmt, 2, (int) MIN (offset, G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McOnlineSubmission *submission = mc_online_submission_new ();

      submission->code = mc_column_text (stmt, 0);
      submission->submitted_at = sqlite3_column_int64 (stmt, 1);
      submission->procedure_code = mc_column_text (stmt, 2);
      submission->procedure_name = mc_column_text (stmt, 3);
      submission->applicant_name = mc_column_text (stmt, 4);
      submission->document = mc_column_text (stmt, 5);
      submission->pulled_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (result, submission);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading the online submissions failed"), error);
      return NULL;
    }
  return g_steal_pointer (&result);
}
