/* mc-dossier-page.h — One dossier with its documents, appointment and history. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_DOSSIER_PAGE (mc_dossier_page_get_type ())
G_DECLARE_FINAL_TYPE (McDossierPage, mc_dossier_page, MC, DOSSIER_PAGE, GtkWidget)

void mc_dossier_page_set_context (McDossierPage *self,
                         McContext *context);
/* Shows the dossier @code (loaded off the main thread); an unknown code shows a message. */
void mc_dossier_page_load (McDossierPage *self,
                           const char    *code);

G_END_DECLS
