/* mc-chart-view.h — one of the supervisor's charts (mc-charts.h) on screen: drawn with the
 * print layer's functions in the widget's own colours and font, so it reads in light and dark
 * styles, with a tooltip per bar and "item-activated" when a bar is clicked. */
#pragma once

#include <gtk/gtk.h>

#include "mc-charts.h"

G_BEGIN_DECLS

#define MC_TYPE_CHART_VIEW (mc_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (McChartView, mc_chart_view, MC, CHART_VIEW, GtkDrawingArea)

GtkWidget   *mc_chart_view_new           (McChartKind           kind);
McChartKind  mc_chart_view_get_kind      (McChartView          *self);

/* The data drawn; each setter copies it and redraws. A setter of another kind than the
 * view's is a programmer error. */
void         mc_chart_view_set_months    (McChartView          *self,
                                          const McMonthFigures *months,
                                          guint                 n_months);
void         mc_chart_view_set_weeks     (McChartView          *self,
                                          const McWeekFigures  *weeks,
                                          guint                 n_weeks);
void         mc_chart_view_set_lateness  (McChartView          *self,
                                          const McLateness     *lateness);
/* Months, weeks or lateness buckets drawn. */
guint        mc_chart_view_get_n_items   (McChartView          *self);

/* The style the view draws with now: the print layer's light or dark palette chosen by the
 * widget's text colour, with that colour, font family and size. */
void         mc_chart_view_get_style     (McChartView          *self,
                                          McChartStyle         *style);
/* The item under (@x, @y) in widget coordinates, or -1; *@series as mc_chart_item_at. */
int          mc_chart_view_item_at       (McChartView          *self,
                                          double                x,
                                          double                y,
                                          int                  *series);

G_END_DECLS
