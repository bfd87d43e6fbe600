/* mc-receive-page.h — The receive form: a new dossier at the counter, saved and its receipt
 * slip printed with Ctrl+Enter. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_RECEIVE_PAGE (mc_receive_page_get_type ())
G_DECLARE_FINAL_TYPE (McReceivePage, mc_receive_page, MC, RECEIVE_PAGE, GtkWidget)

void mc_receive_page_set_context (McReceivePage *self,
                                  McContext     *context);
/* Puts the keyboard on the first field of the form (the procedure), as Ctrl+N does, and
 * reloads the catalogue and the calendar (what the clerk typed stays). */
void mc_receive_page_start (McReceivePage *self);
/* When @path is set, saving writes the slip to that PDF file through the same
 * GtkPrintOperation (its export action) instead of showing the print dialog, and
 * "receive.save-pdf" writes there without asking. NULL: the print dialog again. */
void mc_receive_page_set_print_target_pdf (McReceivePage *self,
                                           const char    *path);

G_END_DECLS
