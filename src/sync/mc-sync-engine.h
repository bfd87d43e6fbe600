/* mc-sync-engine.h — the desk's link to the portal, working in the background.
 *
 * The engine drains the outbox of one database in a worker thread (never the UI's or the
 * CLI's waiting), pulls the online submissions, and keeps what the header bar shows as
 * properties, notified in the main context that created it:
 *
 *   pending       changes waiting to be sent (outbox rows)
 *   failed        records the portal refused for their content (kept, with its message)
 *   last-success  when every call of a run was last answered (McTime, 0 = never)
 *   last-error    why the last run failed, or NULL when it succeeded
 *   state         idle, sending, waiting (for the next try), offline, not configured
 *   next-attempt  when the next try is due while waiting (McTime, 0 = none)
 *
 * and emits "run-finished" (report, error) after each background run.
 *
 * Started, it runs at once, then whenever nudged (a change was committed), every minute
 * (changes made by other programs), after failures with exponential backoff and jitter up
 * to sync.backoff-cap-seconds, and at once when GNetworkMonitor reports the network back.
 */
#pragma once

#include <gio/gio.h>

#include "mc-portal-client.h"
#include "mc-sync-run.h"

G_BEGIN_DECLS

typedef enum
{
  MC_SYNC_STATE_IDLE,            /* nothing under way; the outbox may still hold postponed rows */
  MC_SYNC_STATE_SENDING,         /* a run is under way */
  MC_SYNC_STATE_WAITING,         /* the last run failed; the next try is at next-attempt */
  MC_SYNC_STATE_OFFLINE,         /* the system reports no network; tried again when it returns */
  MC_SYNC_STATE_NOT_CONFIGURED,  /* no portal address: changes wait in the outbox */
} McSyncState;

GType mc_sync_state_get_type (void);
#define MC_TYPE_SYNC_STATE (mc_sync_state_get_type ())

/* "Đang gửi", … for the header bar. */
const char *mc_sync_state_describe (McSyncState state);

#define MC_TYPE_SYNC_ENGINE (mc_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (McSyncEngine, mc_sync_engine, MC, SYNC_ENGINE, GObject)

/* The engine of the database at @db_path (each run opens its own connection). */
McSyncEngine   *mc_sync_engine_new             (const char           *db_path);

/* Replaces parts of the settings for this engine's runs (the command line's --portal,
 * --username, --password-file, --dstcode): the non-NULL strings and non-zero numbers of
 * @config. NULL: the settings alone. */
void            mc_sync_engine_set_override    (McSyncEngine         *self,
                                                const McPortalConfig *config);
/* 0: sync.batch-size. */
void            mc_sync_engine_set_batch_size  (McSyncEngine         *self,
                                                guint                 batch_size);
/* How often a run also pulls the online submissions: 0 every run, < 0 never (default
 * every 5 minutes). */
void            mc_sync_engine_set_pull_interval (McSyncEngine       *self,
                                                int                   seconds);

/* One run now: send what can be sent, pull when due. Fails when a call failed as a whole
 * (the report then says what was done before); refused records are not failures. */
gboolean        mc_sync_engine_run_once        (McSyncEngine         *self,
                                                McSyncReport         *report,
                                                GCancellable         *cancellable,
                                                GError              **error);
/* The online submissions only (LayDanhSachHoSoTrucTuyen → the "to receive" queue). */
gboolean        mc_sync_engine_pull            (McSyncEngine         *self,
                                                McSyncReport         *report,
                                                GCancellable         *cancellable,
                                                GError              **error);
/* The catalogue only (LayDanhSachTTHC); a malformed answer changes nothing. */
gboolean        mc_sync_engine_refresh_catalogue (McSyncEngine       *self,
                                                guint                *n_procedures,
                                                GCancellable         *cancellable,
                                                GError              **error);
void            mc_sync_engine_run_once_async  (McSyncEngine         *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        mc_sync_engine_run_once_finish (McSyncEngine         *self,
                                                GAsyncResult         *result,
                                                McSyncReport         *report,
                                                GError              **error);

/* Background runs in the thread-default main context of the caller. */
void            mc_sync_engine_start           (McSyncEngine         *self);
/* Cancels the run under way (its answers so far are kept) and schedules no more. */
void            mc_sync_engine_stop            (McSyncEngine         *self);
/* A change was committed: run soon, unless waiting out a backoff after failures (the
 * change then goes with the next try). */
void            mc_sync_engine_nudge           (McSyncEngine         *self);
/* The administrator asked to send now: run at once, also while waiting out a backoff,
 * which starts over. */
void            mc_sync_engine_send_now        (McSyncEngine         *self);

gint64          mc_sync_engine_get_pending     (McSyncEngine         *self);
gint64          mc_sync_engine_get_failed      (McSyncEngine         *self);
McTime          mc_sync_engine_get_last_success (McSyncEngine        *self);
const char     *mc_sync_engine_get_last_error  (McSyncEngine         *self);
McSyncState     mc_sync_engine_get_state       (McSyncEngine         *self);
McTime          mc_sync_engine_get_next_attempt (McSyncEngine        *self);

/* The wait before try number @failures + 1 after @failures failed runs in a row:
 * 2 s × 2^(failures − 1), at most @cap seconds, then between half and all of it at random
 * (jitter, so that desks that lost the link together do not return together). */
double          mc_sync_backoff_seconds        (guint                 failures,
                                                double                cap,
                                                GRand                *rand);

G_END_DECLS
