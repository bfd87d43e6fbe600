/* mc-store-dossiers.c — receiving, moving, reading and searching dossiers.
 *
 * Every change is one transaction holding the dossier row, its audit entry and its outbox
 * entries, so the portal learns of exactly what was committed: no more, no less.
 */
#include "config.h"

#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-text.h"

#define DOSSIER_COLUMNS \
  "id, code, procedure_code, procedure_name, field_code, field_name, deciding_agency," \
  " receiving_office, time_limit, pause_rule, applicant_kind, applicant_name, id_number, phone," \
  " email, address, channel, sets, summary, note, status, received_at, due_at, current_due_at," \
  " finished_at, returned_at, clerk, revision, updated_at"

static McDossier *
dossier_from_row (sqlite3_stmt *stmt)
{
  McDossier *d = mc_dossier_new ();
  const char *limit = (const char *) sqlite3_column_text (stmt, 8);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->code = mc_column_text (stmt, 1);
  d->procedure_code = mc_column_text (stmt, 2);
  d->procedure_name = mc_column_text (stmt, 3);
  d->field_code = mc_column_text (stmt, 4);
  d->field_name = mc_column_text (stmt, 5);
  d->deciding_agency = mc_column_text (stmt, 6);
  d->receiving_office = mc_column_text (stmt, 7);
  if (limit == NULL || !mc_time_limit_parse (limit, &d->time_limit, NULL))
    d->time_limit.kind = MC_TIME_LIMIT_NONE;
  d->pause_rule = sqlite3_column_int (stmt, 9);
  d->applicant_kind = sqlite3_column_int (stmt, 10);
  d->applicant_name = mc_column_text (stmt, 11);
  d->id_number = mc_column_text (stmt, 12);
  d->phone = mc_column_text (stmt, 13);
  d->email = mc_column_text (stmt, 14);
  d->address = mc_column_text (stmt, 15);
  d->channel = sqlite3_column_int (stmt, 16);
  d->sets = sqlite3_column_int (stmt, 17);
  d->summary = mc_column_text (stmt, 18);
  d->note = mc_column_text (stmt, 19);
  d->status = sqlite3_column_int (stmt, 20);
  d->received_at = mc_column_time (stmt, 21);
  d->due_at = mc_column_time (stmt, 22);
  d->current_due_at = mc_column_time (stmt, 23);
  d->finished_at = mc_column_time (stmt, 24);
  d->returned_at = mc_column_time (stmt, 25);
  d->clerk = mc_column_text (stmt, 26);
  d->revision = sqlite3_column_int64 (stmt, 27);
  d->updated_at = mc_column_time (stmt, 28);
  return d;
}

static gboolean
load_documents (McStore    *self,
                McDossier  *dossier,
                GError    **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT code, name, form, copies FROM dossier_documents"
                                               " WHERE dossier_id = ?1 ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McDocumentForm form = MC_DOCUMENT_ORIGINAL;

      mc_document_form_from_string ((const char *) sqlite3_column_text (stmt, 2), &form);
      g_ptr_array_add (dossier->documents,
                       mc_received_document_new ((const char *) sqlite3_column_text (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                 form, sqlite3_column_int (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
  return TRUE;
}

static McDossier *
get_dossier_by_code (McStore     *self,
                     const char  *code,
                     gboolean     with_documents,
                     GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT " DOSSIER_COLUMNS " FROM dossiers WHERE code = ?1", error);
  g_autoptr(McDossier) dossier = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  mc_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    dossier = dossier_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
      return NULL;
    }
  if (dossier == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("There is no dossier with code %s"),
                   code ? code : "");
      return NULL;
    }
  if (with_documents && !load_documents (self, dossier, error))
    return NULL;
  return g_steal_pointer (&dossier);
}

McDossier *
mc_store_get_dossier (McStore     *self,
                      const char  *code,
                      GError     **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return get_dossier_by_code (self, code, TRUE, error);
}

/* Draws the next number of the desk's block for (agency, day). Inside the receiving
 * transaction: a crash before the commit takes the number back with the dossier, and no
 * slip was printed for it, so no issued code is ever lost or reused. */
static gboolean
allocate_sequence (McStore     *self,
                   const char  *agency_code,
                   McDay        day,
                   int         *sequence,
                   GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
      "INSERT INTO code_sequences (agency_code, day, last_sequence) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (agency_code, day) DO UPDATE SET last_sequence = max (last_sequence + 1, ?3)"
      " RETURNING last_sequence", error);
  int y, m, d, rc;

  if (stmt == NULL)
    return FALSE;
  mc_day_to_ymd (day, &y, &m, &d);
  mc_bind_text (stmt, 1, agency_code);
  sqlite3_bind_int (stmt, 2, (y % 100) * 10000 + m * 100 + d);
  sqlite3_bind_int (stmt, 3, self->settings->sequence_first);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return mc_store_set_sqlite_error (self, rc, _("Drawing a dossier number failed"), error);
    }
  *sequence = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (*sequence > self->settings->sequence_last)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT,
                   _("This desk has used all its dossier numbers for the day (%d–%d); ask the administrator for another block"),
                   self->settings->sequence_first, self->settings->sequence_last);
      return FALSE;
    }
  return TRUE;
}

static gint64
insert_event (McStore     *self,
              gint64       dossier_id,
              McTime       at,
              const char  *actor,
              int          from_status,
              McStatus     to_status,
              const char  *note,
              GError     **error)
{
  sqlite3_stmt *stmt;

  /* Every change of a dossier writes its audit entry here, so the roles are checked here
   * (mc-store-accounts.c); a refusal rolls the whole change back. */
  if (!mc_store_check_event_roles (self, from_status, to_status, error))
    return 0;
  stmt = mc_store_prepare (self,
      "INSERT INTO dossier_events (dossier_id, at, actor, from_status, to_status, note, recorded_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  sqlite3_bind_int64 (stmt, 2, at);
  mc_bind_text (stmt, 3, mc_store_effective_actor (self, actor));
  if (from_status == 0)
    sqlite3_bind_null (stmt, 4);
  else
    sqlite3_bind_int (stmt, 4, from_status);
  sqlite3_bind_int (stmt, 5, to_status);
  mc_bind_text (stmt, 6, note);
  sqlite3_bind_int64 (stmt, 7, mc_time_now ());
  if (!mc_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* The portal gets the dossier's state at @revision and the step @event_id. */
static gboolean
enqueue (McStore  *self,
         gint64    dossier_id,
         gint64    revision,
         gint64    event_id,
         GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
      "INSERT INTO outbox (kind, dossier_id, event_id, revision, created_at)"
      " VALUES ('dossier', ?1, NULL, ?2, ?4), ('step', ?1, ?3, ?2, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  sqlite3_bind_int64 (stmt, 3, event_id);
  sqlite3_bind_int64 (stmt, 4, mc_time_now ());
  return mc_store_step_done (self, stmt, error);
}

McDossier *
mc_store_receive (McStore         *self,
                  McDossierDraft  *draft,
                  const char      *actor,
                  GError         **error)
{
  g_autoptr(McProcedure) procedure = NULL;
  g_autofree char *code = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *search_text = NULL;
  sqlite3_stmt *stmt;
  McTime now = mc_time_now ();
  McTime received, due;
  gint64 dossier_id, event_id;
  int sequence = 0;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (actor != NULL && *actor != '\0', NULL);

  procedure = mc_store_get_procedure (self, draft->procedure_code, error);
  if (procedure == NULL || !mc_dossier_draft_validate (draft, procedure, error))
    return NULL;

  received = draft->received_at == MC_TIME_NONE ? now : draft->received_at;
  if (received > now + 300)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("The time of receipt is in the future"));
      return NULL;
    }
  if (!mc_deadline_compute (self->calendar, &self->settings->deadline, procedure->time_limit,
                            received, &due, error))
    return NULL;

  if (!mc_store_begin (self, error))
    return NULL;
  if (!allocate_sequence (self, self->settings->agency_code, mc_time_local_day (received), &sequence, error))
    goto fail;
  code = mc_dossier_code_format (self->settings->agency_code, mc_time_local_day (received), sequence);
  limit = mc_time_limit_to_string (procedure->time_limit);
  search_text = mc_store_search_text (code, draft->applicant_name, draft->id_number, draft->phone,
                                      procedure->code, procedure->name);

  stmt = mc_store_prepare (self,
      "INSERT INTO dossiers (code, procedure_code, procedure_name, field_code, field_name, deciding_agency,"
      "  receiving_office, time_limit, pause_rule, applicant_kind, applicant_name, id_number, phone, email,"
      "  address, channel, sets, summary, note, status, received_at, due_at, current_due_at, clerk,"
      "  revision, created_at, updated_at, search_text)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 2,"
      "  ?20, ?21, ?21, ?22, 1, ?23, ?23, ?24)", error);
  if (stmt == NULL)
    goto fail;
  mc_bind_text (stmt, 1, code);
  mc_bind_text (stmt, 2, procedure->code);
  mc_bind_text (stmt, 3, procedure->name);
  mc_bind_text (stmt, 4, procedure->field_code);
  mc_bind_text (stmt, 5, procedure->field_name);
  mc_bind_text (stmt, 6, procedure->agency);
  mc_bind_text (stmt, 7, self->settings->office_name);
  mc_bind_text (stmt, 8, limit);
  sqlite3_bind_int (stmt, 9, procedure->pause_rule);
  sqlite3_bind_int (stmt, 10, draft->applicant_kind);
  mc_bind_text (stmt, 11, draft->applicant_name);
  mc_bind_text (stmt, 12, draft->id_number);
  mc_bind_text (stmt, 13, draft->phone);
  mc_bind_text (stmt, 14, draft->email);
  mc_bind_text (stmt, 15, draft->address);
  sqlite3_bind_int (stmt, 16, draft->channel);
  sqlite3_bind_int (stmt, 17, draft->sets);
  mc_bind_text (stmt, 18, draft->summary);
  mc_bind_text (stmt, 19, draft->note);
  sqlite3_bind_int64 (stmt, 20, received);
  mc_bind_time (stmt, 21, due);
  mc_bind_text (stmt, 22, mc_store_effective_actor (self, actor));
  sqlite3_bind_int64 (stmt, 23, now);
  mc_bind_text (stmt, 24, search_text);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  dossier_id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < draft->documents->len; i++)
    {
      McReceivedDocument *document = g_ptr_array_index (draft->documents, i);

      stmt = mc_store_prepare (self, "INSERT INTO dossier_documents (dossier_id, position, code, name, form, copies)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      mc_bind_text (stmt, 3, document->code);
      mc_bind_text (stmt, 4, document->name);
      mc_bind_text (stmt, 5, mc_document_form_to_string (document->form));
      sqlite3_bind_int (stmt, 6, document->copies);
      if (!mc_store_step_done (self, stmt, error))
        goto fail;
    }

  event_id = insert_event (self, dossier_id, received, actor, 0, MC_STATUS_RECEIVED,
                           draft->note, error);
  if (event_id == 0 || !enqueue (self, dossier_id, 1, event_id, error) || !mc_store_commit (self, error))
    goto fail;

  return get_dossier_by_code (self, code, TRUE, error);

fail:
  mc_store_rollback (self);
  return NULL;
}

static GArray *
load_pauses (McStore  *self,
             gint64    dossier_id,
             GError  **error)
{
  g_autoptr(GArray) pauses = g_array_new (FALSE, FALSE, sizeof (McPause));
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT started_at, ended_at FROM dossier_pauses"
                                               " WHERE dossier_id = ?1 ORDER BY started_at, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McPause pause = { mc_column_time (stmt, 0), mc_column_time (stmt, 1) };
      g_array_append_val (pauses, pause);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
      return NULL;
    }
  return g_steal_pointer (&pauses);
}

GArray *
mc_store_get_pauses (McStore     *self,
                     const char  *code,
                     GError     **error)
{
  g_autoptr(McDossier) dossier = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  dossier = get_dossier_by_code (self, code, FALSE, error);
  if (dossier == NULL)
    return NULL;
  return load_pauses (self, dossier->id, error);
}

static gboolean
current_due (McStore          *self,
             const McDossier  *dossier,
             McTime           *due,
             GError          **error)
{
  g_autoptr(GArray) pauses = load_pauses (self, dossier->id, error);

  if (pauses == NULL)
    return FALSE;
  return mc_deadline_with_pauses (self->calendar, &self->settings->deadline, dossier->time_limit,
                                  dossier->pause_rule, dossier->received_at,
                                  (const McPause *) pauses->data, pauses->len, due, error);
}

static McTime
last_event_time (McStore *self,
                 gint64   dossier_id)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT max (at) FROM dossier_events WHERE dossier_id = ?1", NULL);
  McTime at = MC_TIME_NONE;

  if (stmt == NULL)
    return MC_TIME_NONE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    at = mc_column_time (stmt, 0);
  sqlite3_reset (stmt);
  return at;
}

McDossier *
mc_store_move (McStore     *self,
               const char  *code,
               McStatus     to,
               const char  *actor,
               McTime       at,
               const char  *note,
               GError     **error)
{
  McMoveOptions options = { at, note, MC_RATING_NONE };

  return mc_store_move_full (self, code, to, actor, &options, error);
}

McDossier *
mc_store_move_full (McStore              *self,
                    const char           *code,
                    McStatus              to,
                    const char           *actor,
                    const McMoveOptions  *options,
                    GError              **error)
{
  McMoveOptions defaults = MC_MOVE_OPTIONS_INIT;
  g_autoptr(McDossier) dossier = NULL;
  g_autofree char *clean_note = NULL;
  sqlite3_stmt *stmt;
  McTime now = mc_time_now ();
  McTime due, finished_at, returned_at, previous, at;
  McStatus from;
  int verdict = -1;
  gint64 event_id;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (actor != NULL && *actor != '\0', NULL);

  if (options == NULL)
    options = &defaults;
  if (options->note != NULL && (clean_note = mc_text_normalize (options->note, error)) == NULL)
    return NULL;
  /* The citizen rates the service when the result is handed over, and only then. */
  if (options->rating != MC_RATING_NONE && !mc_rating_is_valid ((int) options->rating))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("Unknown rating code %d"),
                   (int) options->rating);
      return NULL;
    }
  if (options->rating != MC_RATING_NONE && to != MC_STATUS_RETURNED)
    {
      g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                           _("The citizen's rating is recorded only when the result is returned"));
      return NULL;
    }
  at = options->at == MC_TIME_NONE || options->at == 0 ? now : options->at;
  if (at > now + 300)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("The time of the step is in the future"));
      return NULL;
    }

  if (!mc_store_begin (self, error))
    return NULL;
  dossier = get_dossier_by_code (self, code, FALSE, error);
  if (dossier == NULL)
    goto fail;
  from = dossier->status;
  if (!mc_status_check_move (from, to, error))
    goto fail;
  previous = last_event_time (self, dossier->id);
  if (previous != MC_TIME_NONE && at < previous)
    {
      g_autofree char *when = mc_time_format_local (previous);
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("A step cannot be dated before the dossier's last recorded step (%s)"), when);
      goto fail;
    }

  /* The clock: entering 5/6 opens a pause, leaving them closes it. */
  if (mc_status_is_paused (from))
    {
      stmt = mc_store_prepare (self, "UPDATE dossier_pauses SET ended_at = ?2 WHERE dossier_id = ?1 AND ended_at IS NULL", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, dossier->id);
      sqlite3_bind_int64 (stmt, 2, at);
      if (!mc_store_step_done (self, stmt, error))
        goto fail;
    }
  if (mc_status_is_paused (to))
    {
      stmt = mc_store_prepare (self, "INSERT INTO dossier_pauses (dossier_id, kind, started_at) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, dossier->id);
      sqlite3_bind_int (stmt, 2, to);
      sqlite3_bind_int64 (stmt, 3, at);
      if (!mc_store_step_done (self, stmt, error))
        goto fail;
    }
  if (!current_due (self, dossier, &due, error))
    goto fail;

  finished_at = dossier->finished_at;
  returned_at = dossier->returned_at;
  if (to == MC_STATUS_RESULT_READY)
    {
      finished_at = at;
      /* Judged against the appointment the law gives: the original one extended by the
       * time the clock stood still for the applicant. A new appointment promised in an
       * apology (form 04) never counts. */
      verdict = mc_deadline_verdict (self->calendar, due, at);
    }
  if (to == MC_STATUS_RETURNED)
    returned_at = at;

  stmt = mc_store_prepare (self,
      "UPDATE dossiers SET status = ?2, current_due_at = ?3, finished_at = ?4, returned_at = ?5,"
      "  verdict = CASE WHEN ?6 >= 0 THEN ?6 ELSE verdict END, revision = revision + 1, updated_at = ?7,"
      "  rating = CASE WHEN ?8 > 0 THEN ?8 ELSE rating END"
      " WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, dossier->id);
  sqlite3_bind_int (stmt, 2, to);
  mc_bind_time (stmt, 3, due);
  mc_bind_time (stmt, 4, finished_at);
  mc_bind_time (stmt, 5, returned_at);
  sqlite3_bind_int (stmt, 6, verdict);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int (stmt, 8, (int) options->rating);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;

  event_id = insert_event (self, dossier->id, at, actor, from, to, clean_note, error);
  if (event_id == 0 || !enqueue (self, dossier->id, dossier->revision + 1, event_id, error) ||
      !mc_store_commit (self, error))
    goto fail;

  return get_dossier_by_code (self, code, TRUE, error);

fail:
  mc_store_rollback (self);
  return NULL;
}

/* For the other changes of a dossier's life (mc-store-workflow.c): the same audit entry and
 * the same outbox rows as a move writes. */
gint64
mc_store_insert_event (McStore     *self,
                       gint64       dossier_id,
                       McTime       at,
                       const char  *actor,
                       McStatus     from_status,
                       McStatus     to_status,
                       const char  *note,
                       GError     **error)
{
  return insert_event (self, dossier_id, at, actor, (int) from_status, to_status, note, error);
}

gboolean
mc_store_enqueue (McStore  *self,
                  gint64    dossier_id,
                  gint64    revision,
                  gint64    event_id,
                  GError  **error)
{
  return enqueue (self, dossier_id, revision, event_id, error);
}

McTime
mc_store_last_event_time (McStore *self,
                          gint64   dossier_id)
{
  return last_event_time (self, dossier_id);
}

gboolean
mc_store_recompute_due_dates (McStore  *self,
                              guint    *n_changed,
                              GError  **error)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_free);
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT " DOSSIER_COLUMNS " FROM dossiers"
                                               " WHERE status IN (2, 4, 5, 6) AND time_limit <> 'none'", error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (open, dossier_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);

  for (guint i = 0; i < open->len; i++)
    {
      McDossier *dossier = g_ptr_array_index (open, i);
      McTime due;

      if (!current_due (self, dossier, &due, error))
        return FALSE;
      if (due == dossier->current_due_at)
        continue;
      /* The printed original stays; the current appointment follows the new calendar. It
       * is part of the portal's record (NgayHenTra): a new revision, and its state queued. */
      stmt = mc_store_prepare (self, "UPDATE dossiers SET current_due_at = ?2, revision = revision + 1"
                                     " WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dossier->id);
      mc_bind_time (stmt, 2, due);
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
      stmt = mc_store_prepare (self, "INSERT INTO outbox (kind, dossier_id, revision, created_at)"
                                     " VALUES ('dossier', ?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dossier->id);
      sqlite3_bind_int64 (stmt, 2, dossier->revision + 1);
      sqlite3_bind_int64 (stmt, 3, mc_time_now ());
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
      n++;
    }
  if (n_changed)
    *n_changed = n;
  return TRUE;
}

GPtrArray *
mc_store_get_history (McStore     *self,
                      const char  *code,
                      GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self, "SELECT e.id, e.at, e.actor, e.from_status, e.to_status, e.note"
                                 " FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id"
                                 " WHERE d.code = ?1 ORDER BY e.id", error);
  if (stmt == NULL)
    return NULL;
  mc_bind_text (stmt, 1, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McDossierEvent *event = mc_dossier_event_new ();

      event->id = sqlite3_column_int64 (stmt, 0);
      event->at = sqlite3_column_int64 (stmt, 1);
      event->actor = mc_column_text (stmt, 2);
      event->from_status = sqlite3_column_int (stmt, 3);
      event->to_status = sqlite3_column_int (stmt, 4);
      event->note = mc_column_text (stmt, 5);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading a dossier failed"), error);
      return NULL;
    }
  if (events->len == 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("There is no dossier with code %s"),
                   code ? code : "");
      return NULL;
    }
  return g_steal_pointer (&events);
}

static GPtrArray *
collect_dossiers (McStore       *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, dossier_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading dossiers failed"), error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* The end of office hours of the N-th next working day: "due soon" means due before it. */

McTime
mc_store_due_soon_limit (McStore *self,
                         McTime   now)
{
  const McOfficeHours *hours = mc_work_calendar_get_office_hours (self->calendar);
  McDay today = mc_time_local_day (now);
  McDay day = today;
  int n = self->settings->deadline.due_soon_working_days;

  if (n > 0 && !mc_work_calendar_nth_working_day_after (self->calendar, today, n, &day, NULL))
    return G_MAXINT64;
  if (n == 0 && !mc_work_calendar_next_working_day (self->calendar, today, &day, NULL))
    return G_MAXINT64;
  return mc_time_from_local (day, mc_office_hours_closing (hours));
}

GPtrArray *
mc_store_list_dossiers (McStore               *self,
                        const McDossierFilter *filter,
                        GError               **error)
{
  McDossierFilter defaults = { 0 };
  sqlite3_stmt *stmt;
  McTime now;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  if (filter == NULL)
    filter = &defaults;
  now = filter->now ? filter->now : mc_time_now ();

  /* One statement per ordering keeps the plans simple: each one walks an index. */
  if (filter->order_by_due || filter->only_due_soon || filter->only_overdue)
    stmt = mc_store_prepare (self, "SELECT " DOSSIER_COLUMNS " FROM dossiers"
        " WHERE status IN (2, 4, 5, 6) AND current_due_at IS NOT NULL"
        "   AND (?1 = 0 OR status = ?1)"
        "   AND (?2 = 0 OR (status IN (2, 4) AND current_due_at >= ?4 AND current_due_at <= ?5))"
        "   AND (?3 = 0 OR (status IN (2, 4) AND current_due_at < ?4))"
        " ORDER BY current_due_at, id LIMIT ?6 OFFSET ?7", error);
  else
    stmt = mc_store_prepare (self, "SELECT " DOSSIER_COLUMNS " FROM dossiers"
        " WHERE (?1 = 0 OR status = ?1) AND (?8 = 0 OR status IN (2, 4, 5, 6))"
        " ORDER BY received_at DESC, id DESC LIMIT ?6 OFFSET ?7", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->status);
  sqlite3_bind_int (stmt, 2, filter->only_due_soon);
  sqlite3_bind_int (stmt, 3, filter->only_overdue);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, mc_store_due_soon_limit (self, now));
  sqlite3_bind_int (stmt, 6, filter->limit ? (int) filter->limit : 100);
  sqlite3_bind_int (stmt, 7, (int) filter->offset);
  sqlite3_bind_int (stmt, 8, filter->only_open);
  return collect_dossiers (self, stmt, error);
}

/* Folded words as an FTS5 query: every word must match; the last one as a prefix, since
 * results come as the clerk types. */
static char *
build_match_query (const char *text)
{
  g_autofree char *folded = mc_text_fold (text);
  GString *query = g_string_new (NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);

  for (guint i = 0; i < words->len; i++)
    g_string_append_printf (query, "%s\"%s\"%s", i ? " " : "", (char *) words->pdata[i],
                            i + 1 == words->len ? "*" : "");
  return g_string_free (query, query->len == 0);
}

GPtrArray *
mc_store_search (McStore     *self,
                 const char  *text,
                 guint        limit,
                 GError     **error)
{
  g_autofree char *match = NULL;
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  /* A scanned slip (bare code or lookup URL) opens its dossier, nothing else. */
  code = mc_scanned_input_to_code (text, self->settings->lookup_url_template, NULL);
  if (code != NULL)
    {
      g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_free);
      g_autoptr(GError) local_error = NULL;
      McDossier *dossier = get_dossier_by_code (self, code, FALSE, &local_error);

      if (dossier != NULL)
        g_ptr_array_add (result, dossier);
      else if (!g_error_matches (local_error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&result);
    }

  match = build_match_query (text ? text : "");
  if (match == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_free);

  stmt = mc_store_prepare (self, "SELECT " DOSSIER_COLUMNS " FROM dossiers WHERE id IN"
                                 " (SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH ?1"
                                 "  ORDER BY rowid DESC LIMIT ?2) ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  mc_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, limit ? (int) limit : 50);
  return collect_dossiers (self, stmt, error);
}
