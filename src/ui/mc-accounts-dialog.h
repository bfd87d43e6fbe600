/* mc-accounts-dialog.h — the administrator's "Accounts" window: the desk's accounts with their
 * roles and state, and a form to add one, change a name or roles, disable or enable an account
 * and set a new password. Opened by the account menu's account.manage action. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_ACCOUNTS_DIALOG (mc_accounts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McAccountsDialog, mc_accounts_dialog, MC, ACCOUNTS_DIALOG, GtkWindow)

/* Loads the accounts at once (a context job); closes itself when the person signed in is no
 * longer an administrator (locked desk, switched user). */
McAccountsDialog *mc_accounts_dialog_new          (McContext        *context);
/* The message beside the form ("" when none): the store's refusal, or what was just done. */
const char       *mc_accounts_dialog_get_message  (McAccountsDialog *self);
/* TRUE while a job of the window runs (its list is being read or a change is being saved). */
gboolean          mc_accounts_dialog_is_busy      (McAccountsDialog *self);

G_END_DECLS
