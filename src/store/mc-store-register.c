/* mc-store-register.c — the rows of the dossier register (form 07): every dossier received
 * in a period, in order of receipt, with the moment it was first handed over to the
 * deciding agency and the verdict judged when its result was ready.
 *
 * One statement walks the receipt index; the hand-over is the first move into processing
 * in the dossier's own history (its index by dossier), so a month of a busy office is read
 * in milliseconds.
 */
#include "config.h"

#include "mc-i18n.h"
#include "mc-store-private.h"

void
mc_register_entry_free (McRegisterEntry *entry)
{
  if (entry == NULL)
    return;
  mc_dossier_free (entry->dossier);
  g_free (entry);
}

static McRegisterEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  McRegisterEntry *entry = g_new0 (McRegisterEntry, 1);
  McDossier *d = mc_dossier_new ();
  const char *limit = (const char *) sqlite3_column_text (stmt, 8);
  int verdict;

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

  entry->dossier = d;
  entry->handed_over_at = mc_column_time (stmt, 29);
  verdict = sqlite3_column_type (stmt, 30) == SQLITE_NULL ? MC_VERDICT_NONE : sqlite3_column_int (stmt, 30);
  entry->verdict = verdict >= MC_VERDICT_NONE && verdict <= MC_VERDICT_LATE ? (McVerdict) verdict : MC_VERDICT_NONE;
  return entry;
}

GPtrArray *
mc_store_list_register (McStore     *self,
                        McTime       from,
                        McTime       to,
                        GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_register_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self,
      "SELECT d.id, d.code, d.procedure_code, d.procedure_name, d.field_code, d.field_name,"
      "       d.deciding_agency, d.receiving_office, d.time_limit, d.pause_rule, d.applicant_kind,"
      "       d.applicant_name, d.id_number, d.phone, d.email, d.address, d.channel, d.sets, d.summary,"
      "       d.note, d.status, d.received_at, d.due_at, d.current_due_at, d.finished_at, d.returned_at,"
      "       d.clerk, d.revision, d.updated_at,"
      "       (SELECT min (e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.to_status = 4),"
      "       d.verdict"
      " FROM dossiers d"
      " WHERE d.received_at >= ?1 AND d.received_at < ?2"
      " ORDER BY d.received_at, d.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_sqlite_error (self, rc, _("Reading dossiers failed"), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
