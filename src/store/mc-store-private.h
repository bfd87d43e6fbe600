/* mc-store-private.h — what the store's own files share: the connection, cached
 * statements, transactions and SQLite error mapping. Nothing outside src/store includes it
 * (tests of migrations do). */
#pragma once

#include <sqlite3.h>

#include "mc-store.h"

G_BEGIN_DECLS

struct _McStore
{
  GObject           parent_instance;

  char             *path;
  sqlite3          *db;           /* owned */
  GHashTable       *statements;   /* SQL text (static) → sqlite3_stmt* (owned) */
  McOfficeSettings *settings;     /* owned; mirrors the settings table */
  McHolidayRules   *rules;        /* owned; bundled rules + imported announcements */
  McWorkCalendar   *calendar;     /* owned; rebuilt when rules or office hours change */
  McAccount        *account;      /* owned; the signed-in account, or NULL (mc-store-accounts.c) */
};

/* Calendar tables cover these years (the lunar calendar ends with 2100). */
#define MC_STORE_FIRST_YEAR 1995
#define MC_STORE_LAST_YEAR  2100

/* A cached, reset statement for @sql (which must be a string literal). */
sqlite3_stmt *mc_store_prepare        (McStore      *self,
                                       const char   *sql,
                                       GError      **error);
gboolean      mc_store_exec           (McStore      *self,
                                       const char   *sql,
                                       GError      **error);
gboolean      mc_store_begin          (McStore      *self,
                                       GError      **error);
gboolean      mc_store_commit         (McStore      *self,
                                       GError      **error);
void          mc_store_rollback       (McStore      *self);
/* Why SQLite's @rc failed on @db (may be NULL), in words for the clerk, and the error code
 * it maps to. Borrowed (static or @db's message). */
const char   *mc_store_sqlite_reason  (sqlite3      *db,
                                       int           rc,
                                       McStoreError *code);
/* fsync of the folder @path names, so that a rename into it survives a power cut. */
gboolean      mc_store_sync_folder    (const char   *path,
                                       GError      **error);
/* Sets @error from the connection's last error, with @what as context. Returns FALSE. */
gboolean      mc_store_set_sqlite_error (McStore    *self,
                                       int           rc,
                                       const char   *what,
                                       GError      **error);
/* Runs a statement to completion (no rows expected). */
gboolean      mc_store_step_done      (McStore      *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);

/* Binding helpers: NULL text and MC_TIME_NONE bind as SQL NULL. */
void          mc_bind_text            (sqlite3_stmt *stmt,
                                       int           i,
                                       const char   *text);
void          mc_bind_time            (sqlite3_stmt *stmt,
                                       int           i,
                                       McTime        t);
char         *mc_column_text          (sqlite3_stmt *stmt,
                                       int           i);
McTime        mc_column_time          (sqlite3_stmt *stmt,
                                       int           i);

/* The end of office hours of the N-th next working day: "due soon" means due before it. */
McTime        mc_store_due_soon_limit (McStore      *self,
                                       McTime        now);

/* Schema (mc-store-schema.c). */
extern const char * const mc_store_migrations[];
gboolean      mc_store_migrate        (sqlite3      *db,
                                       int           target_version,
                                       GError      **error);
void          mc_store_register_functions (sqlite3  *db);

/* The folded text the search index holds for a dossier. */
char         *mc_store_search_text    (const char   *code,
                                       const char   *name,
                                       const char   *id_number,
                                       const char   *phone,
                                       const char   *procedure_code,
                                       const char   *procedure_name);

/* Recomputes the current appointment of every dossier whose deadline is still running
 * or paused, from its receipt and pauses (mc-store-dossiers.c). Inside a transaction. */
gboolean      mc_store_recompute_due_dates (McStore *self,
                                       guint        *n_changed,
                                       GError      **error);

/* The audit entry and the outbox rows every change writes (mc-store-dossiers.c), for the
 * changes made elsewhere (mc-store-workflow.c). Inside a transaction. */
gint64        mc_store_insert_event   (McStore      *self,
                                       gint64        dossier_id,
                                       McTime        at,
                                       const char   *actor,
                                       McStatus      from_status,
                                       McStatus      to_status,
                                       const char   *note,
                                       GError      **error);
/* The dossier's state at @revision and the step @event_id. */
gboolean      mc_store_enqueue        (McStore      *self,
                                       gint64        dossier_id,
                                       gint64        revision,
                                       gint64        event_id,
                                       GError      **error);
/* The moment of the dossier's latest audit entry, or MC_TIME_NONE. */
McTime        mc_store_last_event_time (McStore     *self,
                                       gint64        dossier_id);
/* The attachments of a dossier by its id, oldest first (mc-store-attachments.c). */
GPtrArray    *mc_store_load_attachments (McStore    *self,
                                       gint64        dossier_id,
                                       GError      **error);   /* McAttachment* */

/* Accounts and the role check of every change (mc-store-accounts.c). The roles of the
 * signed-in account as the database has them now; every role in single-user mode. FORBIDDEN
 * when the desk has accounts and nobody, or a disabled account, is signed in. */
gboolean      mc_store_current_roles  (McStore      *self,
                                       McRoles      *roles,
                                       GError      **error);
/* May the signed-in account write an audit entry from @from_status (0: a receipt) to
 * @to_status (equal: a step inside the status)? Called for every audit entry, so that every
 * change of a dossier, whatever code path writes it, is checked. */
gboolean      mc_store_check_event_roles (McStore   *self,
                                       int           from_status,
                                       McStatus      to_status,
                                       GError      **error);
/* Runs @sql, which binds the period as ?1 and ?2 and returns rows (code, count) for the
 * codes 1 to 3 (verdicts, ratings), into @counts[code - 1]; other codes are ignored. */
gboolean      mc_store_count_by_code  (McStore      *self,
                                       const char   *sql,
                                       McTime        from,
                                       McTime        to,
                                       gint64        counts[3],
                                       GError      **error);
/* Appends an entry to the desk's own log (mc-store-desk-log.c), inside the caller's
 * transaction: @action is a stable word ("account-added", "setting-changed", …). */
gboolean      mc_store_log_desk_event (McStore    *self,
                                       const char   *action,
                                       const char   *subject,
                                       const char   *detail,
                                       GError      **error);
/* The same outside any transaction, for what has already happened: a failure is only
 * reported to the debug log. */
void          mc_store_log_desk_event_quietly (McStore *self,
                                       const char   *action,
                                       const char   *subject,
                                       const char   *detail);
/* A late dossier's apology is signed off by a supervisor (mc_roles_for_apology). */
gboolean      mc_store_check_apology_roles (McStore *self,
                                       GError      **error);
gboolean      mc_store_check_setting_roles (McStore *self,
                                       const char   *key,
                                       GError      **error);
/* The name the audit trail and the forms record: the signed-in account's full name, or
 * @actor in single-user mode. Borrowed. */
const char   *mc_store_effective_actor (McStore     *self,
                                       const char   *actor);

/* The audit hash chain (mc-store-audit.c): the SQL functions mc_audit_hash (previous, then
 * the MC_AUDIT_N_FIELDS columns id, dossier_id, at, actor, account, from_status, to_status,
 * note, recorded_at) and mc_current_account () (the user name signed in on @store, which may
 * be NULL for a bare connection), and the check of the chain. */
#define MC_AUDIT_N_FIELDS 9
#define MC_AUDIT_HASH_SIZE 65   /* 64 hex digits and the final NUL */

/* An audit entry as the hash sees it: NULL texts and a from-status of 0 are SQL NULL (an
 * empty text is not NULL). */
typedef struct
{
  gint64       id;
  gint64       dossier_id;
  McTime       at;
  const char  *actor;
  const char  *account;
  int          from_status;
  int          to_status;
  const char  *note;
  McTime       recorded_at;
} McAuditEntry;

/* The hash the insert trigger gives @entry after @previous (NULL: the first entry), for the
 * writers that insert with triggers off (mc-store-generate.c). */
void          mc_audit_hash_entry     (const char   *previous,
                                       const McAuditEntry *entry,
                                       char          hash[MC_AUDIT_HASH_SIZE]);
void          mc_store_register_audit_functions (sqlite3 *db,
                                       McStore      *store);
gboolean      mc_store_check_audit_chain (McStore   *self,
                                       GPtrArray    *problems,
                                       GError      **error);

G_END_DECLS
