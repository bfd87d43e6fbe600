/* mc-search-page.h — Search results as the clerk types. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_SEARCH_PAGE (mc_search_page_get_type ())
G_DECLARE_FINAL_TYPE (McSearchPage, mc_search_page, MC, SEARCH_PAGE, GtkWidget)

void mc_search_page_set_context (McSearchPage *self,
                         McContext *context);
/* Searches for @text (results as the clerk types; older searches are cancelled). */
void mc_search_page_search          (McSearchPage *self,
                                     const char   *text);
/* Opens the first result, as Enter in the search field does. Returns FALSE when there is none. */
gboolean mc_search_page_activate_first (McSearchPage *self);

G_END_DECLS
