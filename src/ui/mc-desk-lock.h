/* mc-desk-lock.h — who may use the window of a desk with accounts: the sign-in at the start,
 * the lock after idle time (desk.lock-after-minutes), the lock on demand and switching user
 * without restarting. A desk without accounts is never locked. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"
#include "mc-sign-in-dialog.h"

G_BEGIN_DECLS

#define MC_TYPE_DESK_LOCK (mc_desk_lock_get_type ())
G_DECLARE_FINAL_TYPE (McDeskLock, mc_desk_lock, MC, DESK_LOCK, GObject)

/* Watches @window's input for idleness and adds the actions "account.lock" and
 * "account.switch-user" to it. On a desk with accounts and nobody signed in, the window starts
 * locked: its content hidden behind the sign-in dialog. Closing that dialog without signing in
 * closes @window. The McDeskLock lives as long as @window (returned borrowed). */
McDeskLock     *mc_desk_lock_attach      (GtkWidget  *window,
                                          McContext  *context);
/* The McDeskLock attached to @window, or NULL. */
McDeskLock     *mc_desk_lock_get         (GtkWidget  *window);
gboolean        mc_desk_lock_is_locked   (McDeskLock *self);
/* Signs the account out, hides the window's content and asks for a sign-in; @keep_user offers
 * the same user name again (the lock), otherwise an empty one (switching user). */
void            mc_desk_lock_lock        (McDeskLock *self,
                                          gboolean    keep_user);
/* The sign-in dialog shown while locked, or NULL. */
McSignInDialog *mc_desk_lock_get_dialog  (McDeskLock *self);

G_END_DECLS
