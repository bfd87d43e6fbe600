/* mc-store-schema.c — the schema as numbered migrations (PRAGMA user_version).
 *
 * A migration is never edited once released: a change is a new entry at the end. Each
 * runs in its own transaction with the version bump, so a crash leaves the previous
 * version intact.
 */
#include "config.h"

#include "mc-i18n.h"
#include "mc-store-private.h"
#include "mc-text.h"

const char * const mc_store_migrations[] = {
  /* 1: settings, catalogue, dossiers with their documents, audit trail, pauses, outbox. */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE procedures ("
  "  code        TEXT PRIMARY KEY,"
  "  name        TEXT NOT NULL,"
  "  name_folded TEXT NOT NULL,"
  "  field_code  TEXT,"
  "  field_name  TEXT,"
  "  level       TEXT NOT NULL,"
  "  agency      TEXT,"
  "  time_limit  TEXT NOT NULL,"
  "  definition  TEXT NOT NULL,"   /* the procedure in the catalogue's JSON format */
  "  imported_at INTEGER NOT NULL);"
  "CREATE TABLE catalogue_imports ("
  "  id     INTEGER PRIMARY KEY,"
  "  at     INTEGER NOT NULL,"
  "  source TEXT NOT NULL,"
  "  version TEXT,"
  "  count  INTEGER NOT NULL);"
  "CREATE TABLE code_sequences ("
  "  agency_code   TEXT NOT NULL,"
  "  day           INTEGER NOT NULL,"
  "  last_sequence INTEGER NOT NULL,"
  "  PRIMARY KEY (agency_code, day)) WITHOUT ROWID;"
  "CREATE TABLE dossiers ("
  "  id               INTEGER PRIMARY KEY,"
  "  code             TEXT NOT NULL UNIQUE,"
  "  procedure_code   TEXT NOT NULL,"
  "  procedure_name   TEXT NOT NULL,"
  "  field_code       TEXT,"
  "  field_name       TEXT,"
  "  deciding_agency  TEXT,"
  "  receiving_office TEXT,"
  "  time_limit       TEXT NOT NULL,"
  "  pause_rule       INTEGER NOT NULL,"
  "  applicant_kind   INTEGER NOT NULL CHECK (applicant_kind IN (1, 2)),"
  "  applicant_name   TEXT NOT NULL CHECK (applicant_name <> ''),"
  "  id_number        TEXT,"
  "  phone            TEXT,"
  "  email            TEXT,"
  "  address          TEXT,"
  "  channel          INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 3),"
  "  sets             INTEGER NOT NULL CHECK (sets >= 1),"
  "  summary          TEXT,"
  "  note             TEXT,"
  "  status           INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),"
  "  received_at      INTEGER NOT NULL,"
  "  due_at           INTEGER,"         /* original appointment, as printed */
  "  current_due_at   INTEGER,"         /* after pauses */
  "  finished_at      INTEGER,"
  "  returned_at      INTEGER,"
  "  verdict          INTEGER,"         /* McVerdict, judged at result ready */
  "  clerk            TEXT NOT NULL,"
  "  revision         INTEGER NOT NULL DEFAULT 1,"
  "  created_at       INTEGER NOT NULL,"
  "  updated_at       INTEGER NOT NULL);"
  "CREATE INDEX dossiers_status_due ON dossiers (status, current_due_at);"
  "CREATE INDEX dossiers_received ON dossiers (received_at, status);"
  "CREATE INDEX dossiers_finished ON dossiers (finished_at, verdict);"
  "CREATE INDEX dossiers_procedure ON dossiers (procedure_code, received_at);"
  "CREATE TABLE dossier_documents ("
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers (id),"
  "  position   INTEGER NOT NULL,"
  "  code       TEXT,"
  "  name       TEXT NOT NULL,"
  "  form       TEXT NOT NULL,"
  "  copies     INTEGER NOT NULL CHECK (copies >= 0),"
  "  PRIMARY KEY (dossier_id, position)) WITHOUT ROWID;"
  "CREATE TABLE dossier_events ("
  "  id          INTEGER PRIMARY KEY,"
  "  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id),"
  "  at          INTEGER NOT NULL,"
  "  actor       TEXT NOT NULL,"
  "  from_status INTEGER,"
  "  to_status   INTEGER NOT NULL CHECK (to_status BETWEEN 1 AND 10),"
  "  note        TEXT,"
  "  recorded_at INTEGER NOT NULL);"
  "CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, id);"
  /* The audit trail is append-only, whatever program opens the file. */
  "CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events"
  "  BEGIN SELECT RAISE (ABORT, 'audit entries are never edited'); END;"
  "CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events"
  "  BEGIN SELECT RAISE (ABORT, 'audit entries are never deleted'); END;"
  "CREATE TABLE dossier_pauses ("
  "  id         INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers (id),"
  "  kind       INTEGER NOT NULL CHECK (kind IN (5, 6)),"
  "  started_at INTEGER NOT NULL,"
  "  ended_at   INTEGER);"
  "CREATE INDEX dossier_pauses_dossier ON dossier_pauses (dossier_id, started_at);"
  "CREATE TABLE outbox ("
  "  id          INTEGER PRIMARY KEY,"
  "  kind        TEXT NOT NULL CHECK (kind IN ('dossier', 'step')),"
  "  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id),"
  "  event_id    INTEGER REFERENCES dossier_events (id),"
  "  revision    INTEGER NOT NULL,"
  "  created_at  INTEGER NOT NULL,"
  "  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),"
  "  attempts    INTEGER NOT NULL DEFAULT 0,"
  "  last_error  TEXT,"
  "  next_attempt_at INTEGER,"
  "  sent_at     INTEGER);"
  "CREATE INDEX outbox_state ON outbox (state, id);",

  /* 2: yearly calendar announcements imported by the administrator. */
  "CREATE TABLE calendar_announcements ("
  "  id          INTEGER PRIMARY KEY,"
  "  imported_at INTEGER NOT NULL,"
  "  document    TEXT NOT NULL);",

  /* 3: diacritic-insensitive search: folded text kept with the dossier, indexed by FTS5. */
  "ALTER TABLE dossiers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
  "UPDATE dossiers SET search_text = mc_search_text (code, applicant_name, id_number, phone,"
  "                                                 procedure_code, procedure_name);"
  "CREATE VIRTUAL TABLE dossier_fts USING fts5 ("
  "  search_text, content = 'dossiers', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');"
  "INSERT INTO dossier_fts (dossier_fts) VALUES ('rebuild');"
  "CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN"
  "  INSERT INTO dossier_fts (rowid, search_text) VALUES (new.id, new.search_text);"
  "END;"
  "CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF search_text ON dossiers BEGIN"
  "  INSERT INTO dossier_fts (dossier_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
  "  INSERT INTO dossier_fts (rowid, search_text) VALUES (new.id, new.search_text);"
  "END;"
  "CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN"
  "  INSERT INTO dossier_fts (dossier_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
  "END;",

  /* 4: indexes for a desk with years of history. The outbox found by dossier and by audit
   * entry, so that the consistency check's "change missing from the outbox" and "latest
   * revision missing" are look-ups rather than a scan of the outbox per audit entry (hours
   * at a million dossiers). Dossiers by status and receipt, and by verdict and finishing
   * time, so that the dashboard's counts per status and per verdict are range counts
   * instead of a sort of a whole year's rows (50–80 ms at a million dossiers). */
  "CREATE INDEX outbox_event ON outbox (event_id) WHERE event_id IS NOT NULL;"
  "CREATE INDEX outbox_dossier ON outbox (dossier_id, revision);"
  "CREATE INDEX dossiers_status_received ON dossiers (status, received_at);"
  "CREATE INDEX dossiers_verdict_finished ON dossiers (verdict, finished_at) WHERE verdict IS NOT NULL;",

  /* 5: the counter's dossier list walks a million rows in either order without a sort: by the
   * current appointment (soonest first) and by receipt (newest first), each with the id as the
   * tie-break so that positions are stable between pages. */
  "CREATE INDEX dossiers_due_id ON dossiers (current_due_at, id);"
  "CREATE INDEX dossiers_received_id ON dossiers (received_at, id);",

  /* 6: portal sync. An acknowledged change leaves the outbox and the dossier keeps the
   * revision the portal acknowledged (synced_revision), so a desk with years of history
   * carries no outbox rows for it; what remains is pending or refused ('failed', with the
   * portal's message). A step leaves the outbox only once its dossier's state at that
   * revision is on the portal, so "event number ≤ synced_revision" covers every step that
   * has no row. Rows an older desk marked sent are folded into synced_revision here. The
   * sync state (last success, last error, the pull cursor) and the online submissions
   * waiting to be received live in their own tables. */
  "ALTER TABLE dossiers ADD COLUMN synced_revision INTEGER NOT NULL DEFAULT 0;"
  "UPDATE dossiers SET synced_revision = coalesce ((SELECT max (o.revision) FROM outbox o"
  "  WHERE o.dossier_id = dossiers.id AND o.kind = 'dossier' AND o.state = 'sent'), 0);"
  "CREATE TABLE outbox_new ("
  "  id              INTEGER PRIMARY KEY,"
  "  kind            TEXT NOT NULL CHECK (kind IN ('dossier', 'step')),"
  "  dossier_id      INTEGER NOT NULL REFERENCES dossiers (id),"
  "  event_id        INTEGER REFERENCES dossier_events (id),"
  "  revision        INTEGER NOT NULL,"
  "  created_at      INTEGER NOT NULL,"
  "  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),"
  "  attempts        INTEGER NOT NULL DEFAULT 0,"
  "  last_error      TEXT,"
  "  last_attempt_at INTEGER,"
  "  next_attempt_at INTEGER,"
  "  CHECK ((kind = 'step') = (event_id IS NOT NULL)));"
  "INSERT INTO outbox_new (id, kind, dossier_id, event_id, revision, created_at, state, attempts,"
  "                        last_error, next_attempt_at)"
  "  SELECT o.id, o.kind, o.dossier_id, o.event_id, o.revision, o.created_at,"
  "         CASE o.state WHEN 'failed' THEN 'failed' ELSE 'pending' END, o.attempts, o.last_error,"
  "         o.next_attempt_at"
  "  FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"
  "  WHERE NOT (o.kind = 'dossier' AND o.revision <= d.synced_revision)"
  "    AND NOT (o.kind = 'step' AND o.state = 'sent' AND o.revision <= d.synced_revision);"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_new RENAME TO outbox;"
  "CREATE INDEX outbox_state ON outbox (state, id);"
  "CREATE INDEX outbox_event ON outbox (event_id) WHERE event_id IS NOT NULL;"
  "CREATE INDEX outbox_dossier ON outbox (dossier_id, revision);"
  "CREATE INDEX dossiers_unsynced ON dossiers (id) WHERE synced_revision < revision;"
  "CREATE TABLE sync_state ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE online_submissions ("
  "  code           TEXT PRIMARY KEY,"        /* the portal's MaHoSo: no duplicates */
  "  submitted_at   INTEGER NOT NULL,"        /* NgayTiepNhan */
  "  procedure_code TEXT,"
  "  procedure_name TEXT,"
  "  applicant_name TEXT,"
  "  document       TEXT NOT NULL,"           /* the portal's item, as received */
  "  state          TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'received')),"
  "  pulled_at      INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX online_submissions_submitted ON online_submissions (state, submitted_at, code);",

  /* 7: the supervisor's dashboard (mc-store-dashboard.c). Every figure of a period is a range
   * count over an index rather than a sort of the period's rows: the dossiers received online
   * by receipt; per procedure and per receiving clerk by result, with the verdict and the
   * receipt that the handling time needs (procedures by receipt have dossiers_procedure);
   * the receipts per cell of procedure, field and deciding agency, whose distinct cells are
   * found by seeks (a procedure has one cell unless the catalogue moved it); and the clerks by
   * receipt. The wide cell index is walked only for a procedure with several cells: the
   * narrow ones cost a third less per entry. */
  "CREATE INDEX dossiers_channel_received ON dossiers (channel, received_at);"
  "CREATE INDEX dossiers_procedure_finished ON dossiers (procedure_code, finished_at, verdict, received_at)"
  "  WHERE finished_at IS NOT NULL;"
  "CREATE INDEX dossiers_cell_received ON dossiers (procedure_code, field_code, deciding_agency, received_at);"
  "CREATE INDEX dossiers_clerk_received ON dossiers (clerk, received_at);"
  "CREATE INDEX dossiers_clerk_finished ON dossiers (clerk, finished_at, verdict, received_at)"
  "  WHERE finished_at IS NOT NULL;",

  /* 8: the rest of a dossier's life. The citizen's rating recorded at the return of the
   * result (mc-rating.h; NULL when none was given). Scanned documents: one row per file
   * attached to a received document (its code) or to the result, naming the file's content
   * by its SHA-256 (the file itself lives under the data directory, once per content), the
   * type found in the content, and who added it when. The apologies of late dossiers
   * (form 04): the reason and the new appointment promised, which never replaces the
   * original one, each with the audit entry that records it; like the audit trail, never
   * edited. */
  "ALTER TABLE dossiers ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 3);"
  "CREATE TABLE attachments ("
  "  id         INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers (id),"
  "  target     TEXT NOT NULL CHECK (target <> ''),"
  "  file_name  TEXT NOT NULL CHECK (file_name <> ''),"
  "  mime_type  TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png')),"
  "  size       INTEGER NOT NULL CHECK (size > 0),"
  "  sha256     TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  added_at   INTEGER NOT NULL,"
  "  added_by   TEXT NOT NULL,"
  "  UNIQUE (dossier_id, target, sha256));"
  "CREATE INDEX attachments_sha256 ON attachments (sha256);"
  "CREATE TABLE dossier_apologies ("
  "  id         INTEGER PRIMARY KEY,"
  "  dossier_id INTEGER NOT NULL REFERENCES dossiers (id),"
  "  event_id   INTEGER NOT NULL REFERENCES dossier_events (id),"
  "  issued_at  INTEGER NOT NULL,"
  "  issued_by  TEXT NOT NULL,"
  "  reason     TEXT NOT NULL CHECK (reason <> ''),"
  "  due_before INTEGER NOT NULL,"
  "  new_due_at INTEGER NOT NULL CHECK (new_due_at > due_before),"
  "  signer     TEXT);"
  "CREATE INDEX dossier_apologies_dossier ON dossier_apologies (dossier_id, id);"
  "CREATE TRIGGER dossier_apologies_no_update BEFORE UPDATE ON dossier_apologies"
  "  BEGIN SELECT RAISE (ABORT, 'apologies are never edited'); END;"
  "CREATE TRIGGER dossier_apologies_no_delete BEFORE DELETE ON dossier_apologies"
  "  BEGIN SELECT RAISE (ABORT, 'apologies are never deleted'); END;",

  /* 9: accounts and the audit hash chain (mc-store-accounts.c, mc-store-audit.c). Local
   * accounts with their roles and a yescrypt password hash. Each audit entry names the account
   * signed in when it was written (NULL in single-user mode) and carries the SHA-256 of the
   * previous entry's hash and its own content: existing entries are chained here in id order,
   * new ones by an insert trigger, whatever program writes them. The append-only rule now lets
   * that trigger fill the hash and the account of a fresh entry, once, and nothing else. */
  "CREATE TABLE accounts ("
  "  id            INTEGER PRIMARY KEY,"
  "  username      TEXT NOT NULL UNIQUE CHECK (username <> ''),"
  "  full_name     TEXT NOT NULL CHECK (full_name <> ''),"
  "  roles         TEXT NOT NULL CHECK (roles <> ''),"
  "  password_hash TEXT NOT NULL CHECK (substr (password_hash, 1, 1) = '$'),"
  "  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  created_at    INTEGER NOT NULL,"
  "  updated_at    INTEGER NOT NULL);"
  "ALTER TABLE dossier_events ADD COLUMN account TEXT;"
  "ALTER TABLE dossier_events ADD COLUMN hash TEXT;"
  "DROP TRIGGER dossier_events_no_update;"
  "CREATE TEMP TABLE audit_chain (id INTEGER PRIMARY KEY, hash TEXT NOT NULL);"
  "WITH RECURSIVE chain (id, hash) AS ("
  "  SELECT e.id, mc_audit_hash (NULL, e.id, e.dossier_id, e.at, e.actor, e.account, e.from_status,"
  "                              e.to_status, e.note, e.recorded_at)"
  "    FROM dossier_events e WHERE e.id = (SELECT min (id) FROM dossier_events)"
  "  UNION ALL"
  "  SELECT e.id, mc_audit_hash (c.hash, e.id, e.dossier_id, e.at, e.actor, e.account, e.from_status,"
  "                              e.to_status, e.note, e.recorded_at)"
  "    FROM chain c JOIN dossier_events e ON e.id = (SELECT min (n.id) FROM dossier_events n WHERE n.id > c.id))"
  " INSERT INTO temp.audit_chain (id, hash) SELECT id, hash FROM chain;"
  "UPDATE dossier_events SET hash = (SELECT c.hash FROM temp.audit_chain c WHERE c.id = dossier_events.id);"
  "DROP TABLE temp.audit_chain;"
  "CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events"
  "  WHEN old.hash IS NOT NULL OR new.id IS NOT old.id OR new.dossier_id IS NOT old.dossier_id"
  "    OR new.at IS NOT old.at OR new.actor IS NOT old.actor"
  "    OR (old.account IS NOT NULL AND new.account IS NOT old.account)"
  "    OR new.from_status IS NOT old.from_status OR new.to_status IS NOT old.to_status"
  "    OR new.note IS NOT old.note OR new.recorded_at IS NOT old.recorded_at"
  "  BEGIN SELECT RAISE (ABORT, 'audit entries are never edited'); END;"
  "CREATE TRIGGER dossier_events_chain AFTER INSERT ON dossier_events BEGIN"
  "  UPDATE dossier_events SET"
  "    account = coalesce (new.account, mc_current_account ()),"
  "    hash = mc_audit_hash ((SELECT p.hash FROM dossier_events p WHERE p.id < new.id ORDER BY p.id DESC LIMIT 1),"
  "                          new.id, new.dossier_id, new.at, new.actor,"
  "                          coalesce (new.account, mc_current_account ()),"
  "                          new.from_status, new.to_status, new.note, new.recorded_at)"
  "  WHERE id = new.id;"
  "END;",

  /* 10: the desk's own log (mc-store-desk-log.c): accounts, sign-ins, settings, catalogue
   * and calendar updates, backups, records sent again. Append-only, like the audit trail. */
  "CREATE TABLE desk_events ("
  "  id      INTEGER PRIMARY KEY,"
  "  at      INTEGER NOT NULL,"
  "  account TEXT,"
  "  os_user TEXT,"
  "  action  TEXT NOT NULL CHECK (action <> ''),"
  "  subject TEXT,"
  "  detail  TEXT);"
  "CREATE TRIGGER desk_events_no_update BEFORE UPDATE ON desk_events"
  "  BEGIN SELECT RAISE (ABORT, 'the desk log is never edited'); END;"
  "CREATE TRIGGER desk_events_no_delete BEFORE DELETE ON desk_events"
  "  BEGIN SELECT RAISE (ABORT, 'the desk log is never deleted'); END;",

  /* 11: digitisation and satisfaction on the dashboard (mc-store-dashboard.c). Whether a
   * dossier has a scanned submitted document, and whether its result is scanned, is kept with
   * the dossier by triggers on the attachments, whatever program writes them, so that the
   * period's digitised dossiers are range counts over an index led by the mark instead of a
   * look-up in the attachments per dossier of the period (a year of a busy office: 300 000
   * of them). The same index gives the scanned ones in order for their list and counts the
   * others, the fewer as digitisation nears its goal of all. The ratings are counted by the
   * moment of the return, over the rated dossiers only. */
  "ALTER TABLE dossiers ADD COLUMN documents_scanned INTEGER NOT NULL DEFAULT 0"
  "  CHECK (documents_scanned IN (0, 1));"
  "ALTER TABLE dossiers ADD COLUMN result_scanned INTEGER NOT NULL DEFAULT 0"
  "  CHECK (result_scanned IN (0, 1));"
  "UPDATE dossiers SET documents_scanned = 1"
  "  WHERE id IN (SELECT dossier_id FROM attachments WHERE target <> 'result');"
  "UPDATE dossiers SET result_scanned = 1"
  "  WHERE id IN (SELECT dossier_id FROM attachments WHERE target = 'result');"
  "CREATE TRIGGER attachments_scanned AFTER INSERT ON attachments BEGIN"
  "  UPDATE dossiers SET documents_scanned = 1"
  "    WHERE id = new.dossier_id AND new.target <> 'result' AND documents_scanned = 0;"
  "  UPDATE dossiers SET result_scanned = 1"
  "    WHERE id = new.dossier_id AND new.target = 'result' AND result_scanned = 0;"
  "END;"
  "CREATE TRIGGER attachments_unscanned AFTER DELETE ON attachments BEGIN"
  "  UPDATE dossiers SET"
  "    documents_scanned = EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = old.dossier_id"
  "                                AND a.target <> 'result'),"
  "    result_scanned = EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = old.dossier_id"
  "                             AND a.target = 'result')"
  "    WHERE id = old.dossier_id;"
  "END;"
  "CREATE INDEX dossiers_documents_scanned ON dossiers (documents_scanned, received_at);"
  "CREATE INDEX dossiers_result_scanned ON dossiers (result_scanned, finished_at, verdict)"
  "  WHERE finished_at IS NOT NULL;"
  "CREATE INDEX dossiers_rated ON dossiers (rating, returned_at) WHERE rating IS NOT NULL;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (mc_store_migrations) == MC_STORE_SCHEMA_VERSION);

char *
mc_store_search_text (const char *code,
                      const char *name,
                      const char *id_number,
                      const char *phone,
                      const char *procedure_code,
                      const char *procedure_name)
{
  g_autofree char *joined = g_strjoin (" ", code ? code : "", name ? name : "",
                                       id_number ? id_number : "", phone ? phone : "",
                                       procedure_code ? procedure_code : "",
                                       procedure_name ? procedure_name : "", NULL);

  return mc_text_fold (joined);
}

static void
search_text_function (sqlite3_context  *context,
                      int               argc,
                      sqlite3_value   **argv)
{
  const char *v[6] = { 0 };
  char *text;

  for (int i = 0; i < argc && i < 6; i++)
    v[i] = (const char *) sqlite3_value_text (argv[i]);
  text = mc_store_search_text (v[0], v[1], v[2], v[3], v[4], v[5]);
  sqlite3_result_text (context, text, -1, g_free);
}

static void
fold_function (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  sqlite3_result_text (context, mc_text_fold ((const char *) sqlite3_value_text (argv[0])), -1, g_free);
}

void
mc_store_register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "mc_search_text", 6, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           search_text_function, NULL, NULL);
  sqlite3_create_function (db, "mc_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           fold_function, NULL, NULL);
  mc_store_register_audit_functions (db, NULL);
}

static int
get_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
mc_store_migrate (sqlite3  *db,
                  int       target_version,
                  GError  **error)
{
  int version = get_user_version (db);

  if (version < 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_SCHEMA,
                   _("Cannot read the database's schema version: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  if (version > MC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_SCHEMA,
                   _("The database was written by a newer version of Một Cửa Desk (schema %d, this program knows %d)"),
                   version, MC_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < target_version; version++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE;%s;PRAGMA user_version = %d;COMMIT;",
                                              mc_store_migrations[version], version + 1);
      char *message = NULL;

      if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_SCHEMA,
                       _("Upgrading the database to schema %d failed: %s"), version + 1,
                       message ? message : sqlite3_errmsg (db));
          sqlite3_free (message);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}
