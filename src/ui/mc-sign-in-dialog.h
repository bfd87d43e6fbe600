/* mc-sign-in-dialog.h — the sign-in window of a desk with accounts: at the start, after the
 * desk locked itself, and to switch user. A user name, a password, one button; Enter signs in. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_SIGN_IN_DIALOG (mc_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McSignInDialog, mc_sign_in_dialog, MC, SIGN_IN_DIALOG, GtkWindow)

/* @username: the name to offer (the person who was signed in when the desk locked), or NULL.
 * Emits ::signed-in and closes once the context's store has the account signed in; closed
 * without signing in, emits ::cancelled. */
McSignInDialog *mc_sign_in_dialog_new          (McContext      *context,
                                                const char     *username);
/* The message under the fields ("" when none): why the last attempt failed. */
const char     *mc_sign_in_dialog_get_message  (McSignInDialog *self);
/* Signs in with what the fields hold, as Enter and the button do. */
void            mc_sign_in_dialog_submit       (McSignInDialog *self);

G_END_DECLS
