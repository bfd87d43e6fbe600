/* mc-account-menu.h — the person signed in, in the header bar: their name, their roles in the
 * tooltip, and a menu with "Switch User" and "Lock" (the window's account.* actions, see
 * mc-desk-lock.h) and, for administrators, "Manage Accounts…" (account.manage, which opens
 * McAccountsDialog). Hidden on a desk without accounts. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_ACCOUNT_MENU (mc_account_menu_get_type ())
G_DECLARE_FINAL_TYPE (McAccountMenu, mc_account_menu, MC, ACCOUNT_MENU, GtkWidget)

void        mc_account_menu_set_context (McAccountMenu *self,
                                         McContext     *context);
/* Whether "Manage Accounts…" (account.manage) is offered: an administrator is signed in. */
gboolean    mc_account_menu_can_manage  (McAccountMenu *self);
/* The name shown ("" when nobody is signed in). */
const char *mc_account_menu_get_name    (McAccountMenu *self);

G_END_DECLS
