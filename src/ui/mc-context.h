/* mc-context.h — what every window and page of the app shares: the store, the desk's
 * GSettings, the clerk at the counter, and a serial queue that runs store work off the main
 * thread. Handed down to widgets as one object (as GNOME Calendar does), never a global.
 */
#pragma once

#include <gio/gio.h>

#include "mc-store.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_CONTEXT (mc_context_get_type ())
G_DECLARE_FINAL_TYPE (McContext, mc_context, MC, CONTEXT, GObject)

/* A piece of store work run on the context's worker thread. Returns a result owned by the
 * caller of _finish (freed with @result_free if nobody takes it), or NULL with @error set. */
typedef gpointer (*McStoreJob) (McStore   *store,
                                gpointer   job_data,
                                GError   **error);

/* Mirrors the office preferences of @settings into @store: those the user has set at once,
 * later changes as they come (see mc_context_push_setting; ::setting-refused tells of a value
 * the store refuses). */
McContext      *mc_context_new              (McStore              *store,
                                             GSettings            *settings);
McStore        *mc_context_get_store        (McContext            *self);   /* borrowed; main thread must not use it while jobs run */
GSettings      *mc_context_get_settings     (McContext            *self);   /* borrowed */
const McOfficeSettings *
                mc_context_get_office       (McContext            *self);   /* borrowed; refreshed by settings changes */
char           *mc_context_dup_clerk        (McContext            *self);

/* Runs @job with the store on a worker thread; jobs run one at a time, in order. */
void            mc_context_run_async        (McContext            *self,
                                             McStoreJob            job,
                                             gpointer              job_data,
                                             GDestroyNotify        job_data_free,
                                             GDestroyNotify        result_free,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gpointer        mc_context_run_finish       (McContext            *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* The portal sync of this desk (NULL when the app runs without one, as in most tests).
 * Every dossier-changed nudges it, so a change leaves for the portal within a second. */
void            mc_context_set_sync_engine  (McContext            *self,
                                             McSyncEngine         *engine);
McSyncEngine   *mc_context_get_sync_engine  (McContext            *self);   /* borrowed, or NULL */

/* Tells every view that a dossier was received or moved (emits ::dossier-changed). */
void            mc_context_dossier_changed  (McContext            *self,
                                             const char           *code);

/* Copies a GSettings office key into the store (the CLI and the receiving transaction read
 * the store's copy). Returns FALSE, with a message, when the store refuses the value. */
gboolean        mc_context_push_setting     (McContext            *self,
                                             const char           *gsettings_key,
                                             GError              **error);

G_END_DECLS
