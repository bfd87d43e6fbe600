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

#include "mc-attachment.h"
#include "mc-catalogue.h"
#include "mc-dossier.h"
#include "mc-figures.h"
#include "mc-office-settings.h"
#include "mc-rating.h"
#include "mc-roles.h"

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
  MC_STORE_ERROR_FORBIDDEN,   /* the signed-in account's roles do not allow it, or nobody is signed in */
} McStoreError;

GQuark mc_store_error_quark (void);

#define MC_TYPE_STORE (mc_store_get_type ())
G_DECLARE_FINAL_TYPE (McStore, mc_store, MC, STORE, GObject)

/* The current schema version (PRAGMA user_version). */
#define MC_STORE_SCHEMA_VERSION 11

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
  gint64       pending;          /* outbox rows waiting to be sent (dossier states and steps) */
  gint64       failed;           /* refused by the portal for their content, kept with its message */
  gint64       unsynced;         /* dossiers whose latest state the portal has not acknowledged */
  gint64       to_receive;       /* online submissions pulled from the portal, waiting at the desk */
  McTime       next_attempt_at;  /* earliest postponed retry of a pending row, or MC_TIME_NONE */
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
/* The dossier list in pages (mc-store-pages.c): the ids of a whole filtered, ordered list in
 * one query, then the columns of the rows on screen fetched by id. */
typedef enum
{
  MC_DOSSIER_ORDER_NEWEST_RECEIVED,  /* received_at, newest first (then id, highest first) */
  MC_DOSSIER_ORDER_DUE,              /* current appointment, earliest first (then id); none last */
  MC_DOSSIER_ORDER_DUE_LATEST,       /* current appointment, latest first (then id, highest first); none last */
} McDossierOrder;

/* Zero-initialised: every dossier, newest first. Filters combine with AND. Due soon and
 * overdue mean what they mean for McDossierFilter (received or in processing only). */
typedef struct
{
  int             status;            /* 0 = any */
  gboolean        only_open;         /* deadline running or paused: statuses 2, 4, 5, 6 */
  gboolean        only_due_soon;
  gboolean        only_overdue;
  gboolean        only_to_return;    /* the result is still to be handed back: statuses 2, 4, 9 */
  McTime          received_from;     /* received in [from, to); 0 or MC_TIME_NONE: unbounded */
  McTime          received_to;
  McTime          due_before;        /* current appointment before this; 0 or MC_TIME_NONE: any */
  McTime          now;               /* for due soon / overdue; 0 = now */
  McDossierOrder  order;
} McDossierQuery;

/* What a row of the dossier list shows. */
typedef struct
{
  gint64       id;
  char        *code;
  char        *applicant_name;
  char        *procedure_name;
  McStatus     status;
  McTime       received_at;
  McTime       current_due_at;   /* MC_TIME_NONE without a statutory time */
} McDossierSummary;

void              mc_dossier_summary_free       (McDossierSummary      *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDossierSummary, mc_dossier_summary_free)

GArray           *mc_store_list_dossier_ids     (McStore               *self,
                                                 const McDossierQuery  *query,
                                                 GError               **error);   /* gint64 */
/* The rows of @ids, in the same order, read from one snapshot; a NULL entry for an id that
 * is no longer there. */
GPtrArray        *mc_store_get_dossier_summaries (McStore              *self,
                                                 const gint64          *ids,
                                                 guint                  n_ids,
                                                 GError               **error);   /* McDossierSummary* */

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

/* The supervisor's dashboard (mc-store-dashboard.c). Each call is a handful of range counts
 * and range aggregates over covering indexes (migrations 7 and 11): no dossier row is read
 * into memory, so a year of a busy office costs tens of milliseconds. What each figure counts
 * is in mc-figures.h. Period figures are over [@from, @to), the moment's figures at @now;
 * the figures of one call describe one state of the database. */
gboolean          mc_store_dashboard_figures    (McStore               *self,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 McTime                 now,
                                                 McDashboardFigures    *figures,
                                                 GError               **error);
/* One row per field / procedure / deciding agency / receiving clerk with dossiers received or
 * finished in the period or overdue now, in the default order (overdue first). */
GPtrArray        *mc_store_dashboard_breakdown  (McStore               *self,
                                                 McBreakdownKind        by,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 McTime                 now,
                                                 GError               **error);   /* McBreakdownRow* */
/* Every local month that [@from, @to) touches, in order, zeros included; each month's counts
 * are over its part inside the period. */
GArray           *mc_store_dashboard_months     (McStore               *self,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 GError               **error);   /* McMonthFigures */
/* Every week (Monday to Sunday) that [@from, @to) touches, clipped to it, in order. */
GArray           *mc_store_dashboard_weeks      (McStore               *self,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 GError               **error);   /* McWeekFigures */
/* The dossiers overdue at @now by how many working days late they are. */
gboolean          mc_store_dashboard_lateness   (McStore               *self,
                                                 McTime                 now,
                                                 McLateness            *lateness,
                                                 GError               **error);
/* All of the above for @period, read as of one moment: the figures, months, weeks and
 * lateness, and the breakdowns whose bit (1 << kind) is set in @breakdowns. */
McDashboard      *mc_store_load_dashboard       (McStore               *self,
                                                 const McPeriod        *period,
                                                 McTime                 now,
                                                 guint                  breakdowns,
                                                 GError               **error);
/* The dossiers behind a figure, a breakdown cell or a chart bar, as ids for
 * mc_store_get_dossier_summaries (): the period's figures newest first (by receipt, by
 * result for the finished ones, by return for the rated), the moment's figures by current
 * appointment, earliest first. The count is the figure's. */
GArray           *mc_store_list_figure_ids      (McStore               *self,
                                                 const McFigureFilter  *filter,
                                                 GError               **error);   /* gint64 */

/* The outbox and the portal sync's own records (mc-store-outbox.c).
 *
 * Every change writes, in its own transaction, a row for the dossier's state at the new
 * revision and a row for the step. The sync engine sends a dossier's CURRENT state (the
 * same as or newer than any pending row describes, so several rows collapse into one
 * record and an older state can never follow a newer one) and each step with its stored
 * values. A row leaves the outbox only when the portal acknowledges it; the dossier then
 * keeps the acknowledged revision (synced_revision). A step is sent only once its
 * dossier's state at that revision is acknowledged. A record the portal refuses for its
 * content stays as 'failed' with the portal's message until the administrator sends it
 * again. */
typedef enum
{
  MC_OUTBOX_DOSSIER = 1,        /* the dossier's state (DongBoHoSoMC) */
  MC_OUTBOX_STEP    = 2,        /* one processing step (CapNhatTienDoHoSoMC) */
} McOutboxKind;

typedef struct
{
  gint64        id;
  McOutboxKind  kind;
  gboolean      failed;             /* refused by the portal; else pending */
  char         *dossier_code;
  gint64        event_id;           /* steps; 0 for a dossier state */
  gint64        revision;           /* the dossier's revision when the change was made */
  McTime        created_at;
  int           attempts;
  char         *last_error;         /* the portal's message or why the last try failed, or NULL */
  McTime        last_attempt_at;    /* MC_TIME_NONE: never tried */
  McTime        next_attempt_at;    /* MC_TIME_NONE: as soon as possible */
  gboolean      waiting_for_dossier; /* a step whose dossier state is not acknowledged yet */
} McOutboxEntry;

/* A pause of the clock as stored, with who asked and who took the supplement in (from
 * the audit entries that opened and closed it), for the portal's supplement rounds. */
typedef struct
{
  gint64        id;
  McStatus      kind;               /* 5 supplement, 6 financial obligation */
  McPause       pause;
  char         *requested_by;       /* owned, or NULL */
  char         *request_note;       /* owned, or NULL: what to add or correct */
  char         *received_by;        /* owned, or NULL while still waiting */
} McPauseRecord;

/* A dossier to send: its state now, with what the portal's record also carries. */
typedef struct
{
  McDossier    *dossier;            /* owned, with documents; ->revision is what is sent */
  GArray       *pauses;             /* McPauseRecord, owned (clears its strings), in order */
  char         *return_note;        /* to whom / how the result was returned, or NULL */
  gint64        synced_revision;    /* 0: never acknowledged, so it is sent as a creation */
  GPtrArray    *attachments;        /* McAttachment* (owned), oldest first; may be NULL */
} McOutboxDossier;

/* A step to send, with the dossier's unchanging facts the step record carries. */
typedef struct
{
  gint64          outbox_id;
  gint64          dossier_id;
  char           *dossier_code;
  gint64          revision;
  McDossierEvent *event;            /* owned; exactly as stored, never edited */
  McTime          dossier_due_at;   /* the original appointment */
  char           *receiving_office;
  char           *deciding_agency;
} McOutboxStep;

/* What became of one record sent. */
typedef enum
{
  MC_OUTBOX_ACKNOWLEDGED,           /* the portal has it: the row(s) leave the outbox */
  MC_OUTBOX_REFUSED,                /* refused for its content: kept as failed with @message */
  MC_OUTBOX_RETRY,                  /* try again at @retry_at, noting @message */
  MC_OUTBOX_DOSSIER_MISSING,        /* a step whose dossier the portal does not know: the
                                     * dossier's state is queued again, the step waits for it */
} McOutboxVerdict;

typedef struct
{
  McOutboxKind     kind;
  gint64           dossier_id;
  gint64           revision;        /* dossier states: the revision sent */
  gint64           outbox_id;       /* steps */
  McOutboxVerdict  verdict;
  const char      *message;         /* borrowed; REFUSED and RETRY */
  McTime           retry_at;        /* RETRY */
} McOutboxOutcome;

/* An online submission pulled from the portal (LayDanhSachHoSoTrucTuyen), waiting to be
 * received at the desk. */
typedef struct
{
  char         *code;               /* the portal's MaHoSo */
  McTime        submitted_at;       /* NgayTiepNhan */
  char         *procedure_code;
  char         *procedure_name;
  char         *applicant_name;
  char         *document;           /* the portal's item as JSON */
  McTime        pulled_at;
} McOnlineSubmission;

/* What the sync has done, kept in the database for every program to show. */
typedef struct
{
  McTime        last_attempt_at;
  McTime        last_success_at;    /* every call of the run was answered */
  McTime        last_error_at;
  char         *last_error;         /* why the last run failed; NULL once a run succeeded */
  McTime        last_pull_at;
  McTime        catalogue_refreshed_at;
} McSyncRecord;

gboolean          mc_store_count_outbox         (McStore               *self,
                                                 McOutboxCounts        *counts,
                                                 GError               **error);
/* Up to @limit dossiers with a pending state row due by @now, oldest change first, each
 * read with its documents and pauses in one snapshot. */
GPtrArray        *mc_store_outbox_next_dossiers (McStore               *self,
                                                 McTime                 now,
                                                 guint                  limit,
                                                 GError               **error);   /* McOutboxDossier* */
/* The oldest pending step due by @now of up to @limit dossiers whose state at that
 * revision is acknowledged (one step per dossier), oldest first. */
GPtrArray        *mc_store_outbox_next_steps    (McStore               *self,
                                                 McTime                 now,
                                                 guint                  limit,
                                                 GError               **error);   /* McOutboxStep* */
/* Records the portal's answers to one call in one transaction. */
gboolean          mc_store_outbox_record        (McStore               *self,
                                                 const McOutboxOutcome *outcomes,
                                                 guint                  n_outcomes,
                                                 McTime                 now,
                                                 GError               **error);
/* The rows of the outbox, oldest first: every row, or only the refused ones. */
GPtrArray        *mc_store_list_outbox          (McStore               *self,
                                                 gboolean               only_failed,
                                                 guint                  limit,
                                                 GError               **error);   /* McOutboxEntry* */
/* "Send again": refused row @id (0: every refused row) becomes pending. */
gboolean          mc_store_outbox_retry         (McStore               *self,
                                                 gint64                 id,
                                                 guint                 *n_retried,
                                                 GError               **error);
/* Queues the state and every step of dossier @code (NULL: of every dossier) again, for a
 * portal that lost what it had acknowledged. Returns the number of dossiers queued. */
gboolean          mc_store_outbox_resend        (McStore               *self,
                                                 const char            *code,
                                                 guint                 *n_dossiers,
                                                 GError               **error);

gboolean          mc_store_get_sync_record      (McStore               *self,
                                                 McSyncRecord          *record,
                                                 GError               **error);
/* A run ended at @at: @error_message NULL for a success (which clears the last error),
 * else why it failed. */
gboolean          mc_store_record_sync_run      (McStore               *self,
                                                 McTime                 at,
                                                 const char            *error_message,
                                                 GError               **error);
gboolean          mc_store_record_catalogue_refresh (McStore           *self,
                                                 McTime                 at,
                                                 GError               **error);

/* The pull cursor: the last NgayTiepNhan stored and the codes received at that moment. */
gboolean          mc_store_get_pull_cursor      (McStore               *self,
                                                 McTime                *at,
                                                 GStrv                 *codes,
                                                 GError               **error);
/* Adds the submissions not yet known (by code) and moves the cursor, in one transaction. */
gboolean          mc_store_add_online_submissions (McStore             *self,
                                                 GPtrArray             *submissions,  /* McOnlineSubmission* */
                                                 McTime                 now,
                                                 guint                 *n_added,
                                                 GError               **error);
/* The "to receive" queue, oldest submission first. */
GPtrArray        *mc_store_list_online_submissions (McStore            *self,
                                                 guint                  limit,
                                                 guint                  offset,
                                                 GError               **error);   /* McOnlineSubmission* */

void              mc_outbox_entry_free          (McOutboxEntry         *entry);
void              mc_outbox_dossier_free        (McOutboxDossier       *item);
void              mc_outbox_step_free           (McOutboxStep          *item);
McOnlineSubmission *mc_online_submission_new    (void);
void              mc_online_submission_free     (McOnlineSubmission    *submission);
void              mc_sync_record_clear          (McSyncRecord          *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOutboxEntry, mc_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOutboxDossier, mc_outbox_dossier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOutboxStep, mc_outbox_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOnlineSubmission, mc_online_submission_free)

/* Fills the store with @n_dossiers realistic dossiers received on working days in office
 * hours over the @years years ending at @until (not in the future), for demo desks and
 * benchmarks: procedures from the stored catalogue weighted as a commune's work, Vietnamese
 * names, valid IDs and phones, and each dossier's life up to @until (audit trail, pauses,
 * appointments from the deadline engine, verdicts, returns) written as receiving and moving
 * would have written it, with every change counted as acknowledged by the portal
 * (synced_revision = revision, no outbox rows). The same @seed on the same
 * catalogue, calendar and settings gives the same dossiers. Written in transactions of
 * 50 000 dossiers: on error the transactions already committed stay, each consistent. */
gboolean          mc_store_generate             (McStore               *self,
                                                 guint                  n_dossiers,
                                                 guint32                seed,
                                                 McTime                 until,
                                                 int                    years,
                                                 GError               **error);

/* The dossier register (form 07, mc-store-register.c): the dossiers received in
 * [@from, @to), in order of receipt, each with its first hand-over to the deciding agency
 * and its verdict. */
typedef struct
{
  McDossier *dossier;                /* owned; without its documents */
  McTime     handed_over_at;         /* first move to in processing, or MC_TIME_NONE */
  McVerdict  verdict;                /* judged when the result was ready, or MC_VERDICT_NONE */
} McRegisterEntry;

void              mc_register_entry_free        (McRegisterEntry       *entry);
GPtrArray        *mc_store_list_register        (McStore               *self,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 GError               **error);   /* McRegisterEntry* */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McRegisterEntry, mc_register_entry_free)

/* Maintenance. */
gboolean          mc_store_backup               (McStore               *self,
                                                 const char            *path,
                                                 GError               **error);
/* PRAGMA integrity_check and the project's invariants; each problem found is added to
 * @problems (strings). FALSE only when the check itself could not run. */
gboolean          mc_store_check                (McStore               *self,
                                                 GPtrArray             *problems,
                                                 GError               **error);

/* The life of a dossier beyond plain moves (mc-store-workflow.c, mc-store-attachments.c):
 * a move with the citizen's rating, processing steps inside status 4, the late dossier's
 * apology (form 04) and the scanned documents. Each is one transaction with its audit entry
 * (the attachments: their own row names who added them) and its outbox rows. */

/* What a move may carry besides its target. Zero-initialised means "now, no note, no
 * rating"; use MC_MOVE_OPTIONS_INIT for an explicit "now". */
typedef struct
{
  McTime       at;               /* MC_TIME_NONE or 0: now */
  const char  *note;             /* may be NULL */
  McRating     rating;           /* only with a move to MC_STATUS_RETURNED; NONE: not recorded */
} McMoveOptions;

#define MC_MOVE_OPTIONS_INIT { MC_TIME_NONE, NULL, MC_RATING_NONE }

/* mc_store_move with options: the rating is stored in the same transaction as the return. */
McDossier        *mc_store_move_full            (McStore               *self,
                                                 const char            *code,
                                                 McStatus               to,
                                                 const char            *actor,
                                                 const McMoveOptions   *options,
                                                 GError               **error);
/* The rating recorded at the return, or MC_RATING_NONE. */
gboolean          mc_store_get_rating           (McStore               *self,
                                                 const char            *code,
                                                 McRating              *rating,
                                                 GError               **error);

/* A hand-over between departments inside status 4 (domain.md: a step, not a move): an audit
 * entry from "in processing" to "in processing" whose note names the department that takes
 * the dossier, as form 06 prints it. Refused in any other status. */
McDossier        *mc_store_record_step          (McStore               *self,
                                                 const char            *code,
                                                 const char            *actor,
                                                 McTime                 at,
                                                 const char            *department,
                                                 GError               **error);

/* A late dossier's apology with a new appointment (form 04). */
typedef struct
{
  gint64       id;
  gint64       event_id;         /* its audit entry */
  McTime       issued_at;
  char        *issued_by;
  char        *reason;
  McTime       due_before;       /* the appointment in force when it was issued */
  McTime       new_due_at;       /* promised; never replaces due_at or current_due_at */
  char        *signer;           /* the head of the agency, or NULL */
} McApologyRecord;

void              mc_apology_record_free        (McApologyRecord       *record);
/* Records the apology of a dossier whose deadline is running (received or in processing,
 * with an appointment): an audit entry in its status, the apology's row, a new revision and
 * its outbox rows. The original and current appointments stay what they are, so on-time
 * figures still count against them. @new_due_at must come after the current appointment
 * and after @at. */
McApologyRecord  *mc_store_record_apology       (McStore               *self,
                                                 const char            *code,
                                                 const char            *actor,
                                                 McTime                 at,
                                                 const char            *reason,
                                                 McTime                 new_due_at,
                                                 const char            *signer,
                                                 GError               **error);
/* The apologies of a dossier, oldest first (empty when there is none). */
GPtrArray        *mc_store_list_apologies       (McStore               *self,
                                                 const char            *code,
                                                 GError               **error);   /* McApologyRecord* */
/* The entries of the history that hand the dossier on — moves and hand-overs between
 * departments — leaving out those that only record something (apologies): what form 06
 * lists. Oldest first; the entries are copies (McDossierEvent*). */
GPtrArray        *mc_store_get_handover_history (McStore               *self,
                                                 const char            *code,
                                                 GError               **error);
/* Each internal step of the dossier's procedure with its due moment (mc-step-plan.h), from
 * the catalogue's steps, the dossier's appointments and its pauses. Empty for a procedure
 * without steps or gone from the catalogue. */
GPtrArray        *mc_store_get_step_plan        (McStore               *self,
                                                 const McDossier       *dossier,
                                                 GError               **error);   /* McPlannedStep* */

/* A scanned document kept with a dossier: the file lives once per content under the data
 * directory (next to the database: attachments/ab/cdef…, named by its SHA-256). */
typedef struct
{
  gint64       id;
  char        *target;           /* a received document's code, or MC_ATTACHMENT_RESULT */
  char        *file_name;        /* as the clerk chose it */
  char        *mime_type;        /* by content: application/pdf, image/jpeg, image/png */
  gint64       size;             /* bytes */
  char        *sha256;           /* 64 lowercase hex digits */
  McTime       added_at;
  char        *added_by;
} McAttachment;

void              mc_attachment_free            (McAttachment          *attachment);
/* Copies the file at @source_path (named @file_name for the record and the type check; NULL:
 * its own name) into the data directory (temporary file, fsync, rename) and attaches it to
 * @target of dossier @code: the code of one of its received documents, or
 * MC_ATTACHMENT_RESULT once the result is ready. Refuses a file that is not a PDF, JPEG or
 * PNG by its content, that is not what its name says, or that is larger than the setting
 * attachments.max-megabytes, and the same content attached twice to the same target. The
 * dossier gets a new revision and is queued for the portal in the same transaction. */
McAttachment     *mc_store_add_attachment       (McStore               *self,
                                                 const char            *code,
                                                 const char            *target,
                                                 const char            *source_path,
                                                 const char            *file_name,
                                                 const char            *actor,
                                                 GError               **error);
/* The attachments of dossier @code, oldest first. */
GPtrArray        *mc_store_list_attachments     (McStore               *self,
                                                 const char            *code,
                                                 GError               **error);   /* McAttachment* */
/* The folder that holds the attachments of this database (<db dir>/attachments). */
char             *mc_store_get_attachments_dir  (McStore               *self);
/* The absolute path of an attachment's stored file. */
char             *mc_store_get_attachment_path  (McStore               *self,
                                                 const McAttachment    *attachment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McApologyRecord, mc_apology_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McAttachment, mc_attachment_free)

/* Local accounts and roles (mc-store-accounts.c).
 *
 * A desk without accounts runs in single-user mode: every change is allowed and the audit
 * trail names the actor string the caller passes. The first account must be an
 * administrator's; from then on every change (receive, move, step, setting, account) needs a
 * signed-in, active account whose roles allow it (mc-roles.h), or is refused with
 * MC_STORE_ERROR_FORBIDDEN and nothing changes. Signed in, the account's full name replaces
 * the actor string (as the clerk printed on forms) and its user name is recorded with every
 * audit entry. The current account belongs to this McStore (this connection) only. */
typedef struct
{
  gint64       id;
  char        *username;         /* lower case: a–z, 0–9, ".", "_", "-" */
  char        *full_name;        /* NFC; printed as the clerk */
  McRoles      roles;
  gboolean     active;
  McTime       created_at;
  McTime       updated_at;
} McAccount;

McAccount        *mc_account_copy               (const McAccount       *account);
void              mc_account_free               (McAccount             *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McAccount, mc_account_free)

/* TRUE once the desk has any account (multi-user mode). */
gboolean          mc_store_has_accounts         (McStore               *self);
/* Checks @password (8 characters or more, not the user name), hashes it with yescrypt and
 * adds the account, active. The first account of a desk needs the administrator role and no
 * sign-in; later ones need a signed-in administrator. */
McAccount        *mc_store_add_account          (McStore               *self,
                                                 const char            *username,
                                                 const char            *full_name,
                                                 McRoles                roles,
                                                 const char            *password,
                                                 GError               **error);
McAccount        *mc_store_get_account          (McStore               *self,
                                                 const char            *username,
                                                 GError               **error);
/* Every account, by user name (no password hashes: they never leave the store). */
GPtrArray        *mc_store_list_accounts        (McStore               *self,
                                                 GError               **error);   /* McAccount* */
/* A new full name (NULL: unchanged) and roles (MC_ROLES_NONE: unchanged); administrators
 * only; the last active administrator keeps that role. */
gboolean          mc_store_update_account       (McStore               *self,
                                                 const char            *username,
                                                 const char            *full_name,
                                                 McRoles                roles,
                                                 GError               **error);
/* Disables or enables an account (administrators only; never the last active administrator,
 * never the account signed in here). A disabled account cannot sign in, and one signed in
 * elsewhere is refused at its next change. */
gboolean          mc_store_set_account_active   (McStore               *self,
                                                 const char            *username,
                                                 gboolean               active,
                                                 GError               **error);
/* A new password: one's own when signed in, anyone's for an administrator. */
gboolean          mc_store_set_password         (McStore               *self,
                                                 const char            *username,
                                                 const char            *password,
                                                 GError               **error);
/* Checks the password in constant time and makes the account the current one of this store.
 * A wrong name or password gives one message for both; a disabled account is refused.
 * Whatever the outcome, whoever was signed in before is signed out. */
McAccount        *mc_store_sign_in              (McStore               *self,
                                                 const char            *username,
                                                 const char            *password,
                                                 GError               **error);
void              mc_store_sign_out             (McStore               *self);
/* The account signed in on this store, or NULL (borrowed: valid until the next sign-in or
 * sign-out; its name and roles follow the database at each change). */
const McAccount  *mc_store_get_current_account  (McStore               *self);
/* The signed-in account as the database has it now (its name and roles may have been
 * changed, by this program or another); NULL when nobody is signed in, or with
 * MC_STORE_ERROR_FORBIDDEN when the account has been disabled meanwhile. Borrowed. */
const McAccount  *mc_store_refresh_current_account (McStore            *self,
                                                 GError               **error);
/* An entry of the desk's own log: what was done to the desk rather than to a dossier. */
typedef struct
{
  gint64  id;
  McTime  at;
  char   *account;    /* the user name signed in, or NULL on a desk without accounts */
  char   *os_user;    /* the operating system's user who ran the program */
  char   *action;     /* "account-added", "account-changed", "account-disabled", "account-enabled",
                       * "password-changed", "signed-in", "sign-in-refused", "setting-changed",
                       * "catalogue-imported", "calendar-imported", "backup", "outbox-resent" */
  char   *subject;    /* the account, the setting's key, the file…; may be NULL */
  char   *detail;     /* roles, old → new value, counts; never a password; may be NULL */
} McDeskEvent;

void              mc_desk_event_free            (McDeskEvent           *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDeskEvent, mc_desk_event_free)
/* The newest @limit entries (0: all), oldest first. Administrators only: the log names who
 * signed in when. */
GPtrArray        *mc_store_list_desk_events     (McStore               *self,
                                                 guint                  limit,
                                                 GError               **error);   /* McDeskEvent* */
/* May the account signed in here (anyone in single-user mode) do @task? FORBIDDEN with the
 * roles' message if not. The store's own catalogue and calendar imports, backup and outbox
 * retries ask this themselves; a restore, which replaces the database file, asks it of the
 * database it is about to replace. */
gboolean          mc_store_check_office_task    (McStore               *self,
                                                 McOfficeTask           task,
                                                 GError               **error);

G_END_DECLS
