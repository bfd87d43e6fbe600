/* mc-store.h — the desk's record in SQLite: the only place with SQL.
 *
 * One McStore is one connection to one database file (WAL, foreign keys on, prepared
 * statements only). Every user action is one transaction that writes the change, its
 * audit entry and its outbox entry together, so a crash or a power cut leaves either all
 * of it or none. A McStore is not thread-safe: give each thread its own (WAL lets readers
 * and one writer work at once).
 */
#pragma once

#include <glib-object.h>

#include "mc-catalogue.h"
#include "mc-dossier.h"
#include "mc-office-settings.h"

G_BEGIN_DECLS

#define MC_STORE_ERROR (mc_store_error_quark ())

typedef enum
{
  MC_STORE_ERROR_OPEN,        /* cannot open or create the database */
  MC_STORE_ERROR_SCHEMA,      /* newer than this program, or a migration failed */
  MC_STORE_ERROR_NOT_FOUND,   /* no such dossier / procedure */
  MC_STORE_ERROR_CONFLICT,    /* sequence block used up, a code that exists */
  MC_STORE_ERROR_IO,          /* disk full, read-only, locked, corrupt */
  MC_STORE_ERROR_INVALID,     /* a request the store refuses (a move dated before the last one) */
} McStoreError;

GQuark mc_store_error_quark (void);

#define MC_TYPE_STORE (mc_store_get_type ())
G_DECLARE_FINAL_TYPE (McStore, mc_store, MC, STORE, GObject)

/* The current schema version (PRAGMA user_version). */
#define MC_STORE_SCHEMA_VERSION 5

typedef struct
{
  int          status;          /* 0 = any */
  gboolean     only_due_soon;
  gboolean     only_overdue;
  gboolean     only_open;       /* deadline still running or paused */
  McTime       now;             /* for due soon / overdue */
  guint        limit;           /* 0 = 100 */
  guint        offset;
  gboolean     order_by_due;    /* else newest received first */
} McDossierFilter;

typedef struct
{
  gint64       received;
  gint64       by_status[MC_STATUS_LAST + 1];
  gint64       open;            /* received + in processing (deadline running) */
  gint64       paused;
  gint64       due_soon;
  gint64       overdue;
  gint64       finished_early;
  gint64       finished_on_time;
  gint64       finished_late;
} McStoreCounts;

typedef struct
{
  int          year;
  int          month;
  gint64       finished;
  gint64       on_time;          /* early or on time */
} McMonthRate;

typedef struct
{
  gint64       pending;
  gint64       failed;           /* refused by the portal for their content */
  gint64       sent;
} McOutboxCounts;

/* @path: a file, or NULL for the default ($MOTCUA_DB, else $XDG_DATA_HOME/motcua/motcua.db). A new
 * database gets the schema, the default settings and the bundled catalogue. */
McStore          *mc_store_open                 (const char            *path,
                                                 GError               **error);
const char       *mc_store_get_path             (McStore               *self);
char             *mc_store_default_path         (void);
int               mc_store_get_schema_version   (McStore               *self);

/* Settings (validated by McOfficeSettings; a bad value is refused and nothing changes). */
const McOfficeSettings *
                  mc_store_get_settings         (McStore               *self);
gboolean          mc_store_set_setting          (McStore               *self,
                                                 const char            *key,
                                                 const char            *value,
                                                 GError               **error);

/* The calendar in force: bundled rules + every imported announcement. */
McWorkCalendar   *mc_store_get_work_calendar    (McStore               *self);  /* borrowed */
McHolidayRules   *mc_store_get_holiday_rules    (McStore               *self);  /* borrowed */
/* Imports yearly announcements (JSON); refused whole on error. Open dossiers' current
 * appointments are recomputed from their history; printed original ones stay. Returns
 * the number of dossiers whose appointment changed through @n_recomputed. */
gboolean          mc_store_import_announcements (McStore               *self,
                                                 const char            *json,
                                                 guint                 *n_recomputed,
                                                 GError               **error);

/* Catalogue. Import replaces or adds the given procedures in one transaction. */
gboolean          mc_store_import_catalogue     (McStore               *self,
                                                 const McCatalogue     *catalogue,
                                                 const char            *source,
                                                 GError               **error);
McProcedure      *mc_store_get_procedure        (McStore               *self,
                                                 const char            *code,
                                                 GError               **error);
/* Procedures whose code or folded name matches @query (NULL: all), by code. */
GPtrArray        *mc_store_list_procedures      (McStore               *self,
                                                 const char            *query,
                                                 GError               **error);

/* Receiving: validates the draft, draws the code from the desk's block, computes the
 * appointment, writes dossier + documents + audit + outbox in one transaction. */
McDossier        *mc_store_receive              (McStore               *self,
                                                 McDossierDraft        *draft,
                                                 const char            *actor,
                                                 GError               **error);
McDossier        *mc_store_get_dossier          (McStore               *self,
                                                 const char            *code,
                                                 GError               **error);
/* Moves a dossier (core status machine), dated @at (MC_TIME_NONE: now). Pauses open and
 * close with statuses 5/6 and the current appointment follows the procedure's rule. */
McDossier        *mc_store_move                 (McStore               *self,
                                                 const char            *code,
                                                 McStatus               to,
                                                 const char            *actor,
                                                 McTime                 at,
                                                 const char            *note,
                                                 GError               **error);
GPtrArray        *mc_store_get_history          (McStore               *self,
                                                 const char            *code,
                                                 GError               **error);   /* McDossierEvent* */
GArray           *mc_store_get_pauses           (McStore               *self,
                                                 const char            *code,
                                                 GError               **error);   /* McPause */
GPtrArray        *mc_store_list_dossiers        (McStore               *self,
                                                 const McDossierFilter *filter,
                                                 GError               **error);   /* McDossier* */
/* Diacritic-insensitive search over code, name, ID number, phone and procedure,
 * newest first. A full dossier code or a scanned lookup URL opens that dossier alone. */
GPtrArray        *mc_store_search               (McStore               *self,
                                                 const char            *text,
                                                 guint                  limit,
                                                 GError               **error);   /* McDossier* */

/* Figures. Counts of received / finished are over [from, to); due soon and overdue at @now. */
gboolean          mc_store_count                (McStore               *self,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 McTime                 now,
                                                 McStoreCounts         *counts,
                                                 GError               **error);
GArray           *mc_store_on_time_by_month     (McStore               *self,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 GError               **error);   /* McMonthRate */
gboolean          mc_store_count_outbox         (McStore               *self,
                                                 McOutboxCounts        *counts,
                                                 GError               **error);

/* Fills the store with @n_dossiers realistic dossiers received on working days in office
 * hours over the @years years ending at @until (not in the future), for demo desks and
 * benchmarks: procedures from the stored catalogue weighted as a commune's work, Vietnamese
 * names, valid IDs and phones, and each dossier's life up to @until (audit trail, pauses,
 * appointments from the deadline engine, verdicts, returns) written as receiving and moving
 * would have written it, with the outbox marked as already sent. The same @seed on the same
 * catalogue, calendar and settings gives the same dossiers. Written in transactions of
 * 50 000 dossiers: on error the transactions already committed stay, each consistent. */
gboolean          mc_store_generate             (McStore               *self,
                                                 guint                  n_dossiers,
                                                 guint32                seed,
                                                 McTime                 until,
                                                 int                    years,
                                                 GError               **error);

/* Maintenance. */
gboolean          mc_store_backup               (McStore               *self,
                                                 const char            *path,
                                                 GError               **error);
/* PRAGMA integrity_check and the project's invariants; each problem found is added to
 * @problems (strings). FALSE only when the check itself could not run. */
gboolean          mc_store_check                (McStore               *self,
                                                 GPtrArray             *problems,
                                                 GError               **error);

G_END_DECLS
