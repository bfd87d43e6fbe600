/* mc-setup-dialog.h — the office's set-up: asked on the first start, and the preferences
 * window later (office, agency code, desk sequence block, hours, deadlines, paper, lookup URL).
 * One form for both; only the title and the buttons differ. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_SETUP_DIALOG (mc_setup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McSetupDialog, mc_setup_dialog, MC, SETUP_DIALOG, GtkWindow)

/* The first-start set-up while the "setup-done" preference is false, the preferences window
 * after that. */
McSetupDialog *mc_setup_dialog_new             (McContext     *context);
/* @first_start: "Set Up the One-Stop Desk" with "Start Working", whose saving also sets
 * "setup-done"; otherwise "Preferences" with "Save". */
McSetupDialog *mc_setup_dialog_new_full        (McContext     *context,
                                                gboolean       first_start);
gboolean       mc_setup_dialog_get_first_start (McSetupDialog *self);
/* Whether every field holds a value the office settings accept (the save button's state). */
gboolean       mc_setup_dialog_is_valid        (McSetupDialog *self);

G_END_DECLS
