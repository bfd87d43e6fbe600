/* mc-store-audit.c — the audit trail's hash chain and the signed-in account in SQL.
 *
 * Each audit entry (dossier_events) carries the SHA-256 of the previous entry's hash and its
 * own content, so an entry edited or deleted behind the app's back (with the sqlite3 tool,
 * after dropping the append-only triggers) breaks the chain at that point, and
 * mc_store_check names the dossier and the entry. The hash is computed by an insert trigger
 * (migration 9) through the SQL function mc_audit_hash, so every program and every code path
 * that writes an entry chains it the same way; the same trigger names the signed-in account
 * (mc_current_account) in the entry. A chain without an outside anchor cannot show the
 * newest entries deleted together with a rewrite of everything after them: it catches edits
 * and gaps, and the portal's copy of every step is the anchor for the rest.
 */
#include "config.h"

#include <string.h>

#include "mc-i18n.h"
#include "mc-store-private.h"

/* The columns of an entry that the hash covers, in this order, and whether each is an
 * integer (else text). Changing this list changes every hash: it never changes. */
static const gboolean audit_field_is_integer[MC_AUDIT_N_FIELDS] = {
  TRUE,    /* id */
  TRUE,    /* dossier_id */
  TRUE,    /* at */
  FALSE,   /* actor */
  FALSE,   /* account */
  TRUE,    /* from_status */
  TRUE,    /* to_status */
  FALSE,   /* note */
  TRUE,    /* recorded_at */
};

typedef struct
{
  gboolean    is_null;
  gint64      integer;
  const char *text;         /* borrowed */
  int         length;       /* bytes of @text */
} AuditField;

/* Canonical form: the previous hash, then each field as "~" (NULL), "i<decimal>" or
 * "t<length>:<bytes>", each followed by ";" — unambiguous whatever a note contains. Values
 * are read as the column's meaning, not its storage class, so the same entry always gives
 * the same text. */
static void
audit_hash (GChecksum        *checksum,
            const char       *previous,
            const AuditField *fields,
            char              hash[MC_AUDIT_HASH_SIZE])
{
  char buffer[32];

  g_checksum_reset (checksum);
  if (previous != NULL)
    g_checksum_update (checksum, (const guchar *) previous, -1);
  g_checksum_update (checksum, (const guchar *) "|", 1);
  for (int i = 0; i < MC_AUDIT_N_FIELDS; i++)
    {
      const AuditField *field = &fields[i];

      if (field->is_null)
        g_checksum_update (checksum, (const guchar *) "~;", 2);
      else if (audit_field_is_integer[i])
        {
          g_snprintf (buffer, sizeof buffer, "i%" G_GINT64_FORMAT ";", field->integer);
          g_checksum_update (checksum, (const guchar *) buffer, -1);
        }
      else
        {
          g_snprintf (buffer, sizeof buffer, "t%d:", field->length);
          g_checksum_update (checksum, (const guchar *) buffer, -1);
          if (field->length > 0)
            g_checksum_update (checksum, (const guchar *) field->text, field->length);
          g_checksum_update (checksum, (const guchar *) ";", 1);
        }
    }
  g_strlcpy (hash, g_checksum_get_string (checksum), MC_AUDIT_HASH_SIZE);
}

static void
text_field (AuditField *field,
            const char *text)
{
  field->is_null = text == NULL;
  field->text = text;
  field->length = text != NULL ? (int) strlen (text) : 0;
}

static void
integer_field (AuditField *field,
               gboolean    is_null,
               gint64      value)
{
  field->is_null = is_null;
  field->integer = value;
}

void
mc_audit_hash_entry (const char         *previous,
                     const McAuditEntry *entry,
                     char                hash[MC_AUDIT_HASH_SIZE])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  AuditField fields[MC_AUDIT_N_FIELDS] = { 0 };

  integer_field (&fields[0], FALSE, entry->id);
  integer_field (&fields[1], FALSE, entry->dossier_id);
  integer_field (&fields[2], FALSE, entry->at);
  text_field (&fields[3], entry->actor);
  text_field (&fields[4], entry->account);
  integer_field (&fields[5], entry->from_status == 0, entry->from_status);
  integer_field (&fields[6], FALSE, entry->to_status);
  text_field (&fields[7], entry->note);
  integer_field (&fields[8], FALSE, entry->recorded_at);
  audit_hash (checksum, previous, fields, hash);
}

/* mc_audit_hash (previous, id, dossier_id, at, actor, account, from_status, to_status, note,
 * recorded_at) → 64 hex digits. */
static void
audit_hash_function (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  if (argc != MC_AUDIT_N_FIELDS + 1)
    {
      sqlite3_result_error (context, "mc_audit_hash: wrong number of arguments", -1);
      return;
    }
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  AuditField fields[MC_AUDIT_N_FIELDS] = { 0 };
  char hash[MC_AUDIT_HASH_SIZE];

  for (int i = 0; i < MC_AUDIT_N_FIELDS; i++)
    {
      sqlite3_value *value = argv[i + 1];

      fields[i].is_null = sqlite3_value_type (value) == SQLITE_NULL;
      if (audit_field_is_integer[i])
        fields[i].integer = sqlite3_value_int64 (value);
      else
        {
          fields[i].text = (const char *) sqlite3_value_text (value);
          fields[i].length = sqlite3_value_bytes (value);
        }
    }
  audit_hash (checksum, (const char *) sqlite3_value_text (argv[0]), fields, hash);
  sqlite3_result_text (context, hash, MC_AUDIT_HASH_SIZE - 1, SQLITE_TRANSIENT);
}

/* mc_current_account () → the username signed in on this connection's McStore, or NULL. */
static void
current_account_function (sqlite3_context  *context,
                          int               argc,
                          sqlite3_value   **argv)
{
  McStore *store = sqlite3_user_data (context);
  const McAccount *account = store != NULL ? mc_store_get_current_account (store) : NULL;

  if (account == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, account->username, -1, SQLITE_TRANSIENT);
}

void
mc_store_register_audit_functions (sqlite3 *db,
                                   McStore *store)
{
  sqlite3_create_function (db, "mc_audit_hash", MC_AUDIT_N_FIELDS + 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                           audit_hash_function, NULL, NULL);
  /* Registered again by mc_store_open with the store, whose account it then names. */
  sqlite3_create_function (db, "mc_current_account", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, store,
                           current_account_function, NULL, NULL);
}

static void
add_problem (GPtrArray  *problems,
             guint      *n,
             char       *text)
{
  /* Enough rows to act on, as the other invariants report them. */
  if (++*n <= 20)
    g_ptr_array_add (problems, text);
  else
    g_free (text);
}

/* "CODE" of the entry's dossier, or "dossier #ID" when it is gone: looked up only for the
 * entries reported. */
static char *
describe_dossier (McStore *self,
                  gint64   dossier_id)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT code FROM dossiers WHERE id = ?1", NULL);
  char *code = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        code = mc_column_text (stmt, 0);
      sqlite3_reset (stmt);
    }
  return code != NULL ? code : g_strdup_printf (_("dossier #%lld"), (long long) dossier_id);
}

gboolean
mc_store_check_audit_chain (McStore    *self,
                            GPtrArray  *problems,
                            GError    **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;
  char previous[MC_AUDIT_HASH_SIZE] = "";
  gint64 previous_id = 0;
  guint n = 0;
  int rc;

  /* Every entry in id order: one walk of the table (4 million entries in about 10 s). The
   * stored hash of each entry is the previous hash of the next one, so an edited entry is
   * reported once, not with every entry after it. */
  rc = sqlite3_prepare_v2 (self->db,
      "SELECT id, dossier_id, at, actor, account, from_status, to_status, note, recorded_at, hash"
      " FROM dossier_events ORDER BY id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return mc_store_set_sqlite_error (self, rc, _("The consistency check failed"), error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuditField fields[MC_AUDIT_N_FIELDS] = { 0 };
      char expected[MC_AUDIT_HASH_SIZE];
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *stored;
      gboolean gap, unhashed, broken;

      for (int i = 0; i < MC_AUDIT_N_FIELDS; i++)
        {
          fields[i].is_null = sqlite3_column_type (stmt, i) == SQLITE_NULL;
          if (audit_field_is_integer[i])
            fields[i].integer = sqlite3_column_int64 (stmt, i);
          else
            {
              fields[i].text = (const char *) sqlite3_column_text (stmt, i);
              fields[i].length = sqlite3_column_bytes (stmt, i);
            }
        }
      stored = (const char *) sqlite3_column_text (stmt, MC_AUDIT_N_FIELDS);
      audit_hash (checksum, previous_id != 0 ? previous : NULL, fields, expected);

      /* Ids are handed out one after the other and entries are never deleted, so a gap is a
       * deleted entry whatever the hashes say. */
      gap = previous_id != 0 && id != previous_id + 1;
      unhashed = stored == NULL;
      broken = stored != NULL && strcmp (stored, expected) != 0;
      if (gap || unhashed || broken)
        {
          g_autofree char *where = describe_dossier (self, sqlite3_column_int64 (stmt, 1));

          if (gap)
            add_problem (problems, &n,
                         id == previous_id + 2
                           ? g_strdup_printf (_("%s: audit entry %lld is missing (deleted) before entry %lld"),
                                              where, (long long) previous_id + 1, (long long) id)
                           : g_strdup_printf (_("%s: audit entries %lld–%lld are missing (deleted) before entry %lld"),
                                              where, (long long) previous_id + 1, (long long) id - 1, (long long) id));
          if (unhashed)
            add_problem (problems, &n,
                         g_strdup_printf (_("%s: audit entry %lld has no hash: it was not written by the desk"),
                                          where, (long long) id));
          if (broken)
            add_problem (problems, &n,
                         g_strdup_printf (_("%s: audit entry %lld breaks the hash chain: it, or the entry before it, was edited or deleted"),
                                          where, (long long) id));
        }

      /* Go on from what is stored, so that one tampered entry is one problem. */
      g_strlcpy (previous, stored != NULL ? stored : expected, sizeof previous);
      previous_id = id;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return mc_store_set_sqlite_error (self, rc, _("The consistency check failed"), error);
  if (n > 20)
    g_ptr_array_add (problems, g_strdup_printf (_("… and %u more: %s"), n - 20, _("breaks in the audit hash chain")));
  return TRUE;
}
