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

G_END_DECLS
