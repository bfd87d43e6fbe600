/* mc-window.h — the counter's main window: today's queue, the receive form, the dossier
 * list, the dossier page and search, behind one header bar. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_WINDOW (mc_window_get_type ())
G_DECLARE_FINAL_TYPE (McWindow, mc_window, MC, WINDOW, GtkApplicationWindow)

McWindow  *mc_window_new            (GtkApplication *application,
                                     McContext      *context);
McContext *mc_window_get_context    (McWindow       *self);

/* Shows a short message at the bottom of the window (saved, refused, sync error …). */
void       mc_window_show_message   (McWindow       *self,
                                     const char     *message);

/* The page shown: "queue", "receive", "list", "dossier" or "search". */
const char *mc_window_get_page      (McWindow       *self);
GtkWidget  *mc_window_get_page_widget (McWindow     *self,
                                     const char     *page);

G_END_DECLS
