/* mc-dossier-list-page.h — The dossier list over the whole database. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_DOSSIER_LIST_PAGE (mc_dossier_list_page_get_type ())
G_DECLARE_FINAL_TYPE (McDossierListPage, mc_dossier_list_page, MC, DOSSIER_LIST_PAGE, GtkWidget)

void mc_dossier_list_page_set_context (McDossierListPage *self,
                         McContext *context);

G_END_DECLS
