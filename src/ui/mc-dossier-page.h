/* mc-dossier-page.h — one dossier: its record, documents, appointment, clock stops and history,
 * and the moves its status allows (actions "dossier.move" with the target status as an int,
 * and "dossier.print-slip"). */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_DOSSIER_PAGE (mc_dossier_page_get_type ())
G_DECLARE_FINAL_TYPE (McDossierPage, mc_dossier_page, MC, DOSSIER_PAGE, GtkWidget)

void        mc_dossier_page_set_context (McDossierPage *self,
                                         McContext     *context);
/* Shows the dossier @code (or a scanned lookup URL), loaded off the main thread; an unknown
 * code shows a message. The page follows the context's ::dossier-changed for this dossier. */
void        mc_dossier_page_load        (McDossierPage *self,
                                         const char    *code);
/* The code and status of the dossier shown once loaded; NULL and 0 before. */
const char *mc_dossier_page_get_code    (McDossierPage *self);
int         mc_dossier_page_get_status  (McDossierPage *self);

G_END_DECLS
