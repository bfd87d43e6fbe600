/* mc-receive-page.h — The receive form: a new dossier at the counter. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_RECEIVE_PAGE (mc_receive_page_get_type ())
G_DECLARE_FINAL_TYPE (McReceivePage, mc_receive_page, MC, RECEIVE_PAGE, GtkWidget)

void mc_receive_page_set_context (McReceivePage *self,
                         McContext *context);
/* Puts the keyboard on the first field of the form (the procedure), as Ctrl+N does. */
void mc_receive_page_start (McReceivePage *self);

G_END_DECLS
