/* mc-setup-dialog.h — the office's set-up: asked on the first start, and the preferences
 * window later (office, agency code, desk sequence block, hours, paper, lookup URL). */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_SETUP_DIALOG (mc_setup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McSetupDialog, mc_setup_dialog, MC, SETUP_DIALOG, GtkWindow)

McSetupDialog *mc_setup_dialog_new (McContext *context);

G_END_DECLS
