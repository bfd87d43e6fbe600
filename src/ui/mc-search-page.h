/* mc-search-page.h — search results as the clerk types: diacritic-insensitive over code, name,
 * ID number, phone and procedure; Enter on a row opens the dossier (win.show-dossier). */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_SEARCH_PAGE (mc_search_page_get_type ())
G_DECLARE_FINAL_TYPE (McSearchPage, mc_search_page, MC, SEARCH_PAGE, GtkWidget)

void mc_search_page_set_context     (McSearchPage *self,
                                     McContext    *context);
/* Searches for @text (results as the clerk types; older searches are cancelled). */
void mc_search_page_search          (McSearchPage *self,
                                     const char   *text);
/* Opens the first result, as Enter in the search field does (when the results of the last text
 * are still coming, the first of them once they come). Returns FALSE when there is none. */
gboolean mc_search_page_activate_first (McSearchPage *self);
/* The results shown: GtkStringObjects holding the dossiers' codes, newest first. */
GListModel *mc_search_page_get_results (McSearchPage *self);

G_END_DECLS
