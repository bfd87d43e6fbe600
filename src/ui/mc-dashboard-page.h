/* mc-dashboard-page.h — "Overview": the supervisor's figures of a chosen period as cards, the
 * three charts and the breakdown tables, each number opening the list of the dossiers behind
 * it; the period report as PDF, the tables as CSV and XLSX. Loads in one store job, off the
 * main thread, and follows every change of the database, this desk's or another program's. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_DASHBOARD_PAGE (mc_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (McDashboardPage, mc_dashboard_page, MC, DASHBOARD_PAGE, GtkWidget)

typedef enum
{
  MC_DASHBOARD_EXPORT_PDF,      /* the period report (mc-report.h) */
  MC_DASHBOARD_EXPORT_CSV,      /* the breakdown table shown */
  MC_DASHBOARD_EXPORT_XLSX,     /* every table, one sheet each */
} McDashboardExport;

void                mc_dashboard_page_set_context  (McDashboardPage      *self,
                                                    McContext            *context);

/* A period of that kind around today (not CUSTOM), or exactly @period (any kind), and loads
 * it. */
void                mc_dashboard_page_set_period_kind (McDashboardPage   *self,
                                                    McPeriodKind          kind);
void                mc_dashboard_page_set_period   (McDashboardPage      *self,
                                                    const McPeriod       *period);
/* Counts again now (the page also does so by itself when dossiers change). */
void                mc_dashboard_page_refresh      (McDashboardPage      *self);

/* What the page shows: NULL until the first load; borrowed until the next one. */
const McDashboard  *mc_dashboard_page_get_dashboard (McDashboardPage     *self);
gboolean            mc_dashboard_page_is_loading   (McDashboardPage      *self);
/* Loads finished since the page was made (a refresh shows as one more). */
guint               mc_dashboard_page_get_n_loads  (McDashboardPage      *self);
/* Milliseconds the last load's store job took on the worker thread. */
double              mc_dashboard_page_get_load_ms  (McDashboardPage      *self);
/* … and the CPU time of the worker thread it took (what a busy machine does not inflate). */
double              mc_dashboard_page_get_load_cpu_ms (McDashboardPage   *self);
/* The breakdown the table shows. */
McBreakdownKind     mc_dashboard_page_get_breakdown (McDashboardPage     *self);

/* Writes what the page shows to @path, in a thread; the buttons do the same after a file
 * chooser. Fails when nothing is loaded yet. */
void                mc_dashboard_page_export_async (McDashboardPage      *self,
                                                    McDashboardExport     format,
                                                    const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean            mc_dashboard_page_export_finish (McDashboardPage     *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
