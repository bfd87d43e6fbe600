/* mc-dossier-list-page.h — every dossier of the desk in one list: filtered by status or
 * deadline, ordered by receipt or appointment, due-soon and overdue rows marked, over a
 * database of a million dossiers. Also the dossier columns and helpers the queue page shares. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"
#include "mc-dossier-list-model.h"

G_BEGIN_DECLS

#define MC_TYPE_DOSSIER_LIST_PAGE (mc_dossier_list_page_get_type ())
G_DECLARE_FINAL_TYPE (McDossierListPage, mc_dossier_list_page, MC, DOSSIER_LIST_PAGE, GtkWidget)

void                 mc_dossier_list_page_set_context (McDossierListPage *self,
                                                       McContext         *context);
/* Lists the dossiers behind a dashboard figure (see mc_dossier_list_model_set_figure) under
 * @title, until the clerk picks a filter or an order, or "Show all dossiers". */
void                 mc_dossier_list_page_show_figure (McDossierListPage    *self,
                                                       const McFigureFilter *filter,
                                                       const char           *title);
/* The list's model, NULL until the page was first shown (it loads then). */
McDossierListModel  *mc_dossier_list_page_get_model   (McDossierListPage *self);

typedef enum
{
  MC_DOSSIER_COLUMN_CODE        = 1 << 0,
  MC_DOSSIER_COLUMN_APPLICANT   = 1 << 1,
  MC_DOSSIER_COLUMN_PROCEDURE   = 1 << 2,
  MC_DOSSIER_COLUMN_RECEIVED    = 1 << 3,
  MC_DOSSIER_COLUMN_APPOINTMENT = 1 << 4,
  MC_DOSSIER_COLUMN_MARK        = 1 << 5,
  MC_DOSSIER_COLUMN_STATUS      = 1 << 6,
  MC_DOSSIER_COLUMN_ALL         = (1 << 7) - 1,
} McDossierColumns;

/* Appends @columns to @view over McDossierRow items; cells follow their row's changes. Returns
 * the appointment column (borrowed), or NULL without one. */
GtkColumnViewColumn *mc_dossier_columns_add           (GtkColumnView     *view,
                                                       McDossierColumns   columns);
/* "1.000.000 dossiers" in Vietnamese, "1,000,000 dossiers" in English. */
char                *mc_dossier_count_format          (guint              n);
/* Opens the dossier at @position of @model (win.show-dossier), from @widget. */
void                 mc_dossier_list_open_position    (GtkWidget         *widget,
                                                       GListModel        *model,
                                                       guint              position);

G_END_DECLS
