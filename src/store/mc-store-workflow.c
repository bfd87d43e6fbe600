/* mc-store-workflow.c — what happens to a dossier besides the moves of the status machine:
 * hand-overs between departments inside status 4, the apology of a late dossier (form 04)
 * with its new appointment, and the citizen's rating read back.
 *
 * Each change is one transaction written as a move is: an audit entry (in the dossier's
 * status, from and to the same status, so the trail still reads as a chain), a new revision,
 * and the outbox rows for the dossier's state and the step. An apology never touches the
 * appointments: the original one is what on-time figures count against, and the new one
 * lives in the apology's own row.
 */
#include "config.h"

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-step-plan.h"
#include "mc-store-private.h"
#include "mc-text.h"

void
mc_apology_record_free (McApologyRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->issued_by);
  g_free (record->reason);
  g_free (record->signer);
  g_free (record);
}

/* A text the record keeps: NFC, trimmed, and not empty (else @missing). */
static char *
required_text (const char  *text,
               const char  *missing,
               GError     **error)
{
  g_autofree char *clean = NULL;

  if (text != NULL && (clean = mc_text_normalize (text, error)) == NULL)
    return NULL;
  if (clean == NULL || *g_strstrip (clean) == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING, missing);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* The moment of a change: now, or a moment given that is neither in the future nor before
 * the dossier's last recorded step. */
static gboolean
check_moment (McStore  *self,
              gint64    dossier_id,
              McTime    now,
              McTime   *at,
              GError  **error)
{
  McTime previous;

  if (*at == MC_TIME_NONE || *at == 0)
    *at = now;
  if (*at > now + 300)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("The time of the step is in the future"));
      return FALSE;
    }
  previous = mc_store_last_event_time (self, dossier_id);
  if (previous != MC_TIME_NONE && *at < previous)
    {
      g_autofree char *when = mc_time_format_local (previous);

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("A step cannot be dated before the dossier's last recorded step (%s)"), when);
      return FALSE;
    }
  return TRUE;
}

/* Bumps the revision and writes the audit entry and its outbox rows; returns the entry's id. */
static gint64
record_change (McStore          *self,
               const McDossier  *dossier,
               McTime            at,
               const char       *actor,
               const char       *note,
               GError          **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "UPDATE dossiers SET revision = revision + 1, updated_at = ?2"
                                               " WHERE id = ?1", error);
  gint64 event_id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  sqlite3_bind_int64 (stmt, 2, mc_time_now ());
  if (!mc_store_step_done (self, stmt, error))
    return 0;
  event_id = mc_store_insert_event (self, dossier->id, at, actor, dossier->status, dossier->status, note, error);
  if (event_id == 0 || !mc_store_enqueue (self, dossier->id, dossier->revision + 1, event_id, error))
    return 0;
  return event_id;
}

McDossier *
mc_store_record_step (McStore     *self,
                      const char  *code,
                      const char  *actor,
                      McTime       at,
                      const char  *department,
                      GError     **error)
{
  g_autoptr(McDossier) dossier = NULL;
  g_autofree char *clean_department = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL && *actor != '\0', NULL);

  clean_department = required_text (department, _("Name the department that takes the dossier"), error);
  if (clean_department == NULL)
    return NULL;

  if (!mc_store_begin (self, error))
    return NULL;
  dossier = mc_store_get_dossier (self, code, error);
  if (dossier == NULL)
    goto fail;
  if (dossier->status != MC_STATUS_IN_PROCESSING)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
                   _("A processing step is recorded only while the dossier is in processing (it is “%s”)"),
                   mc_status_describe (dossier->status));
      goto fail;
    }
  if (!check_moment (self, dossier->id, mc_time_now (), &at, error) ||
      record_change (self, dossier, at, actor, clean_department, error) == 0 ||
      !mc_store_commit (self, error))
    goto fail;
  return mc_store_get_dossier (self, code, error);

fail:
  mc_store_rollback (self);
  return NULL;
}

static McApologyRecord *
apology_from_row (sqlite3_stmt *stmt)
{
  McApologyRecord *record = g_new0 (McApologyRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->event_id = sqlite3_column_int64 (stmt, 1);
  record->issued_at = mc_column_time (stmt, 2);
  record->issued_by = mc_column_text (stmt, 3);
  record->reason = mc_column_text (stmt, 4);
  record->due_before = mc_column_time (stmt, 5);
  record->new_due_at = mc_column_time (stmt, 6);
  record->signer = mc_column_text (stmt, 7);
  return record;
}

/* dd/MM/yyyy HH:mm: the audit entry reads as the clerk wrote the appointment. */
static char *
format_vi (McTime t)
{
  g_autofree char *day = mc_day_format_vi (mc_time_local_day (t));
  g_autofree char *clock = mc_clock_format (mc_time_local_seconds (t));

  return g_strdup_printf ("%s %s", day, clock);
}

McApologyRecord *
mc_store_record_apology (McStore     *self,
                         const char  *code,
                         const char  *actor,
                         McTime       at,
                         const char  *reason,
                         McTime       new_due_at,
                         const char  *signer,
                         GError     **error)
{
  g_autoptr(McDossier) dossier = NULL;
  g_autofree char *clean_reason = NULL;
  g_autofree char *clean_signer = NULL;
  g_autofree char *new_due_text = NULL;
  g_autofree char *note = NULL;
  g_autoptr(McApologyRecord) record = NULL;
  sqlite3_stmt *stmt;
  gint64 event_id;
  McTime due;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL && *actor != '\0', NULL);

  clean_reason = required_text (reason, _("The apology needs the reason for the delay"), error);
  if (clean_reason == NULL)
    return NULL;
  if (signer != NULL && (clean_signer = mc_text_normalize (signer, error)) == NULL)
    return NULL;
  if (clean_signer != NULL && *g_strstrip (clean_signer) == '\0')
    g_clear_pointer (&clean_signer, g_free);
  if (new_due_at == MC_TIME_NONE)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING, _("The new appointment is required"));
      return NULL;
    }

  if (!mc_store_begin (self, error))
    return NULL;
  /* The clerk sees it proposed; the supervisor signs it off for the head of the agency. */
  if (!mc_store_check_apology_roles (self, error))
    goto fail;
  dossier = mc_store_get_dossier (self, code, error);
  if (dossier == NULL)
    goto fail;
  /* Only a dossier whose clock runs can become late: a paused one is waiting for the
   * applicant, a finished or closed one is no longer counted. */
  if (!mc_status_is_open (dossier->status))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
                   _("Dossier %s is not being processed (%s): there is nothing to apologise for"),
                   dossier->code, mc_status_describe (dossier->status));
      goto fail;
    }
  due = dossier->current_due_at != MC_TIME_NONE ? dossier->current_due_at : dossier->due_at;
  if (due == MC_TIME_NONE)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
                   _("Dossier %s has no statutory processing time: it cannot be late"), dossier->code);
      goto fail;
    }
  if (!check_moment (self, dossier->id, mc_time_now (), &at, error))
    goto fail;
  if (new_due_at <= due || new_due_at <= at)
    {
      g_autofree char *shown = format_vi (MAX (due, at));

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The new appointment must come after the current one (%s)"), shown);
      goto fail;
    }

  /* Fixed Vietnamese, not a translation: the audit entry is sent to the portal as the
   * step's content and must read the same whatever the locale of the program. */
  new_due_text = format_vi (new_due_at);
  note = g_strdup_printf ("Xin lỗi và hẹn lại ngày trả kết quả: %s. Lý do: %s", new_due_text, clean_reason);
  event_id = record_change (self, dossier, at, actor, note, error);
  if (event_id == 0)
    goto fail;

  stmt = mc_store_prepare (self,
      "INSERT INTO dossier_apologies (dossier_id, event_id, issued_at, issued_by, reason, due_before,"
      "  new_due_at, signer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
      " RETURNING id, event_id, issued_at, issued_by, reason, due_before, new_due_at, signer", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  sqlite3_bind_int64 (stmt, 2, event_id);
  sqlite3_bind_int64 (stmt, 3, at);
  mc_bind_text (stmt, 4, mc_store_effective_actor (self, actor));
  mc_bind_text (stmt, 5, clean_reason);
  sqlite3_bind_int64 (stmt, 6, due);
  sqlite3_bind_int64 (stmt, 7, new_due_at);
  mc_bind_text (stmt, 8, clean_signer);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = apology_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      mc_store_set_sqlite_error (self, rc, _("Recording the apology failed"), error);
      goto fail;
    }
  if (!mc_store_commit (self, error))
    goto fail;
  return g_steal_pointer (&record);

fail:
  mc_store_rollback (self);
  return NULL;
}

GPtrArray *
mc_store_list_apologies (McStore     *self,
                         const char  *code,
                         GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_apology_record_free);
  g_autoptr(McDossier) dossier = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  dossier = mc_store_get_dossier (self, code, error);
  if (dossier == NULL)
    return NULL;
  stmt = mc_store_prepare (self, "SELECT id, event_id, issued_at, issued_by, reason, due_before, new_due_at, signer"
                                 " FROM dossier_apologies WHERE dossier_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, apology_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

gboolean
mc_store_get_rating (McStore     *self,
                     const char  *code,
                     McRating    *rating,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (rating != NULL, FALSE);

  stmt = mc_store_prepare (self, "SELECT coalesce (rating, 0) FROM dossiers WHERE code = ?1", error);
  if (stmt == NULL)
    return FALSE;
  mc_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      int value = sqlite3_column_int (stmt, 0);

      *rating = mc_rating_is_valid (value) ? (McRating) value : MC_RATING_NONE;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("There is no dossier with code %s"),
                   code ? code : "");
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
  return TRUE;
}

GPtrArray *
mc_store_get_handover_history (McStore     *self,
                               const char  *code,
                               GError     **error)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) apologies = NULL;
  g_autoptr(GHashTable) recorded = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  if ((history = mc_store_get_history (self, code, error)) == NULL ||
      (apologies = mc_store_list_apologies (self, code, error)) == NULL)
    return NULL;
  for (guint i = 0; i < apologies->len; i++)
    g_hash_table_add (recorded, &((McApologyRecord *) g_ptr_array_index (apologies, i))->event_id);
  /* Backwards, so that removing keeps the indexes still to visit. */
  for (guint i = history->len; i > 0; i--)
    {
      const McDossierEvent *event = g_ptr_array_index (history, i - 1);

      if (g_hash_table_contains (recorded, &event->id))
        g_ptr_array_remove_index (history, i - 1);
    }
  return g_steal_pointer (&history);
}

GPtrArray *
mc_store_get_step_plan (McStore          *self,
                        const McDossier  *dossier,
                        GError          **error)
{
  g_autoptr(McProcedure) procedure = NULL;
  g_autoptr(GArray) pauses = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (dossier != NULL, NULL);

  /* A procedure gone from the catalogue has no steps to plan. */
  procedure = mc_store_get_procedure (self, dossier->procedure_code, NULL);
  if ((pauses = mc_store_get_pauses (self, dossier->code, error)) == NULL)
    return NULL;
  return mc_step_plan_for_dossier (self->calendar, dossier, procedure != NULL ? procedure->steps : NULL,
                                   (const McPause *) pauses->data, pauses->len, error);
}
