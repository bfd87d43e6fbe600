/* mc-charts.h — the supervisor's three charts drawn with cairo: the on-time rate month by
 * month, received against finished week by week, and the overdue dossiers by how late they
 * are. The period report draws them on its PDF pages and the dashboard page on its widget's
 * cairo_t, with the same functions.
 *
 * Every bar carries its number (a rate with the count behind it, or a count), and two series
 * differ by pattern (solid against hatched) as well as by colour, with a legend in words, so
 * that nothing is told by colour alone. No background is painted: the page's or the widget's
 * shows through, and a style for dark backgrounds keeps text and bars readable on them.
 */
#pragma once

#include <cairo.h>

#include "mc-figures.h"

G_BEGIN_DECLS

typedef enum
{
  MC_CHART_ON_TIME_BY_MONTH,
  MC_CHART_RECEIVED_FINISHED_BY_WEEK,
  MC_CHART_OVERDUE_BY_LATENESS,
} McChartKind;

typedef struct
{
  double      foreground[4];   /* text, axes and outlines (RGBA) */
  double      grid[4];         /* the value rules behind the bars */
  double      series[3][4];    /* 0: on time, received; 1: finished; 2: overdue */
  const char *font_family;     /* borrowed */
  double      font_size;       /* in the user units of the cairo_t: points on a PDF, pixels on a widget */
} McChartStyle;

/* Colours readable on a light (FALSE) or a dark (TRUE) background; Liberation Sans. */
void     mc_chart_style_init       (McChartStyle       *style,
                                    gboolean            dark);

/* Draw into the rectangle (@x, @y, @width, @height) of @cr; @cr's state is kept. */
void     mc_chart_draw_on_time_by_month (cairo_t              *cr,
                                    const McChartStyle *style,
                                    double              x,
                                    double              y,
                                    double              width,
                                    double              height,
                                    const McMonthFigures *months,
                                    guint               n_months);
void     mc_chart_draw_received_finished (cairo_t             *cr,
                                    const McChartStyle *style,
                                    double              x,
                                    double              y,
                                    double              width,
                                    double              height,
                                    const McWeekFigures *weeks,
                                    guint               n_weeks);
void     mc_chart_draw_lateness    (cairo_t            *cr,
                                    const McChartStyle *style,
                                    double              x,
                                    double              y,
                                    double              width,
                                    double              height,
                                    const McLateness   *lateness);

/* The item (month, week or lateness bucket, from 0) whose bar or label column is at
 * (@px, @py) of a chart of @kind with @n_items drawn in (@x, @y, @width, @height), or -1; for
 * the week chart, *@series (may be NULL) is 0 for the received bar, 1 for the finished one.
 * What the dashboard needs to open "the dossiers behind a bar". */
int      mc_chart_item_at          (McChartKind         kind,
                                    const McChartStyle *style,
                                    guint               n_items,
                                    double              x,
                                    double              y,
                                    double              width,
                                    double              height,
                                    double              px,
                                    double              py,
                                    int                *series);

G_END_DECLS
