/* mc-sync-run.h — one run of the sync, blocking, over a store and a portal client: drain
 * the outbox, pull online submissions, refresh the catalogue. The sync engine calls these
 * from its worker thread; nothing here knows about main loops or retries over time.
 *
 * Only one program may send a desk's changes at a time, or a state read earlier by one
 * could reach the portal after a newer one sent by the other: McSyncLock is an exclusive
 * lock on a file next to the database, released by the kernel even when the holder is
 * killed. It also remembers until when a call may still be in flight, so that a program
 * started after a crash waits for that moment before sending.
 */
#pragma once

#include "mc-portal-client.h"
#include "mc-store.h"

G_BEGIN_DECLS

#define MC_SYNC_ERROR (mc_sync_error_quark ())

typedef enum
{
  MC_SYNC_ERROR_BUSY,     /* another program is sending this desk's changes */
  MC_SYNC_ERROR_FAILED,   /* the sync's own files or database could not be used */
} McSyncError;

GQuark mc_sync_error_quark (void);

/* What one run did. */
typedef struct
{
  guint    dossiers_sent;     /* dossier records the portal acknowledged */
  guint    steps_sent;        /* steps the portal acknowledged */
  guint    refused;           /* records refused for their content, kept as failed */
  guint    postponed;         /* records the portal could not take now, retried later */
  guint    calls;             /* service calls made (logins not counted) */
  gboolean pulled;            /* the online submissions were pulled */
  guint    pulled_new;        /* submissions new to the "to receive" queue */
  gint64   pending;           /* outbox rows left, counted at the end */
  gint64   failed;            /* refused rows kept, counted at the end */
  gint64   to_receive;
  McTime   next_retry_at;     /* earliest retry of a postponed row, or MC_TIME_NONE */
} McSyncReport;

typedef struct _McSyncLock McSyncLock;

/* Takes the lock of the database at @db_path (BUSY when another program holds it), then
 * waits, if a killed predecessor left a call in flight, until that call can no longer be
 * answered. */
McSyncLock *mc_sync_lock_acquire   (const char     *db_path,
                                    GCancellable   *cancellable,
                                    GError        **error);
void        mc_sync_lock_release   (McSyncLock     *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSyncLock, mc_sync_lock_release)

/* Sends the outbox, oldest first, in calls of at most @batch_size records, until nothing
 * is left that may be sent now. Stops at the first call that fails as a whole (no
 * network, timeout, server failure, broken answer); what was answered before is recorded.
 * @lock may be NULL (no other program can reach the database). */
gboolean    mc_sync_push           (McStore        *store,
                                    McPortalClient *client,
                                    McSyncLock     *lock,
                                    guint           batch_size,
                                    McTime          backoff_cap,
                                    McSyncReport   *report,
                                    GCancellable   *cancellable,
                                    GError        **error);
/* Pulls the online submissions since the cursor into the "to receive" queue. */
gboolean    mc_sync_pull           (McStore        *store,
                                    McPortalClient *client,
                                    McSyncReport   *report,
                                    GCancellable   *cancellable,
                                    GError        **error);
/* Replaces the catalogue's procedures with the portal's (LayDanhSachTTHC); a malformed
 * answer changes nothing. */
gboolean    mc_sync_refresh_catalogue (McStore     *store,
                                    McPortalClient *client,
                                    guint          *n_procedures,
                                    GCancellable   *cancellable,
                                    GError        **error);

G_END_DECLS
