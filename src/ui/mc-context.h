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

/* The desk's accounts (mc-store-accounts.c). Whether the desk has any (checked when the context
 * is made, so a desk in single-user mode never asks anyone to sign in), and who is signed in on
 * the context's store: NULL before the first sign-in and after a sign-out (the lock). */
gboolean        mc_context_has_accounts     (McContext            *self);
const McAccount *
                mc_context_get_account      (McContext            *self);   /* borrowed, or NULL */
/* What the person at the desk may do: the signed-in account's roles, every role on a desk
 * without accounts, none while a desk with accounts is locked. The store checks the same
 * roles on every change; the window asks first so that it offers only what will be taken. */
McRoles         mc_context_get_roles        (McContext            *self);
/* Signs @username in on the store (a job like any other, so it takes effect after the jobs
 * queued before it); ::account-changed follows, success or not, since a failed sign-in leaves
 * nobody signed in. The password is wiped from memory once checked. */
void            mc_context_sign_in_async    (McContext            *self,
                                             const char           *username,
                                             const char           *password,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
McAccount      *mc_context_sign_in_finish   (McContext            *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Reads the signed-in account again (its name and roles as the database has them now, after
 * an administrator changed them) and emits ::account-changed when they differ. */
void            mc_context_refresh_account  (McContext            *self);
/* Nobody is signed in any more: at once for the app, and for the store before any job queued
 * after this. Emits ::account-changed. */
void            mc_context_sign_out         (McContext            *self);

/* Copies a GSettings office key into the store (the CLI and the receiving transaction read
 * the store's copy). Returns FALSE, with a message, when the store refuses the value. */
gboolean        mc_context_push_setting     (McContext            *self,
                                             const char           *gsettings_key,
                                             GError              **error);

G_END_DECLS
