/* mc-charts.c — bar charts of the supervisor's figures, for a PDF page and a widget alike.
 *
 * One small bar-chart drawer serves the three charts: a value axis with its rules, one or
 * two bars per item (the second hatched), the number on every bar, item labels under the
 * axis (thinned out when they would collide), and a legend in words. When the bars are too
 * narrow for a number written across, it is written upwards, one per item ("312 · 298" for
 * a week), and the value axis leaves room for it above the tallest bar. The horizontal
 * layout depends only on the number of items and the rectangle, so that a click can be
 * mapped back to its item without drawing (mc_chart_item_at).
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "mc-charts.h"

#define DEFAULT_FONT "Liberation Sans"

static void
set_rgba (double       rgba[4],
          double       r,
          double       g,
          double       b,
          double       a)
{
  rgba[0] = r;
  rgba[1] = g;
  rgba[2] = b;
  rgba[3] = a;
}

void
mc_chart_style_init (McChartStyle *style,
                     gboolean      dark)
{
  g_return_if_fail (style != NULL);

  /* GNOME's palette: blue, orange and red, lighter on a dark background. */
  if (dark)
    {
      set_rgba (style->foreground, 1.0, 1.0, 1.0, 0.92);
      set_rgba (style->grid, 1.0, 1.0, 1.0, 0.18);
      set_rgba (style->series[0], 0x62 / 255.0, 0xa0 / 255.0, 0xea / 255.0, 1.0);
      set_rgba (style->series[1], 0xff / 255.0, 0xa3 / 255.0, 0x48 / 255.0, 1.0);
      set_rgba (style->series[2], 0xf6 / 255.0, 0x61 / 255.0, 0x51 / 255.0, 1.0);
    }
  else
    {
      set_rgba (style->foreground, 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0, 1.0);
      set_rgba (style->grid, 0.0, 0.0, 0.0, 0.15);
      set_rgba (style->series[0], 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1.0);
      set_rgba (style->series[1], 0xc6 / 255.0, 0x46 / 255.0, 0x00 / 255.0, 1.0);
      set_rgba (style->series[2], 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1.0);
    }
  style->font_family = DEFAULT_FONT;
  style->font_size = 8.0;
}

/* Text. */

static PangoLayout *
make_layout (cairo_t            *cr,
             const McChartStyle *style,
             double              size,
             const char         *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, style->font_family != NULL ? style->font_family : DEFAULT_FONT);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (cairo_t            *cr,
           const McChartStyle *style,
           double              size,
           const char         *text,
           double             *width,
           double             *height)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, size, text);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Draws @text with its box's point (@ax, @ay) — fractions of its width and height — at
 * (@x, @y); @upwards writes it bottom to top, the point then taken in the turned box. */
static void
draw_text (cairo_t            *cr,
           const McChartStyle *style,
           double              size,
           const char         *text,
           double              x,
           double              y,
           double              ax,
           double              ay,
           gboolean            upwards)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, style, size, text);
  PangoRectangle logical;
  double w, h;

  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  cairo_save (cr);
  cairo_set_source_rgba (cr, style->foreground[0], style->foreground[1], style->foreground[2], style->foreground[3]);
  cairo_translate (cr, x, y);
  if (upwards)
    cairo_rotate (cr, -G_PI / 2);
  cairo_move_to (cr, -ax * w, -ay * h);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Bars. */

static void
fill_bar (cairo_t            *cr,
          const McChartStyle *style,
          double              x,
          double              y,
          double              w,
          double              h,
          const double        colour[4],
          gboolean            hatched)
{
  if (w <= 0 || h <= 0)
    return;
  cairo_save (cr);
  cairo_set_source_rgba (cr, colour[0], colour[1], colour[2], colour[3]);
  if (!hatched)
    {
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
    }
  else
    {
      double step = MAX (2.5, style->font_size * 0.4);

      /* A light fill under diagonal lines: told apart from the solid bar without colour. */
      cairo_rectangle (cr, x, y, w, h);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, colour[0], colour[1], colour[2], colour[3] * 0.25);
      cairo_paint (cr);
      cairo_set_source_rgba (cr, colour[0], colour[1], colour[2], colour[3]);
      cairo_set_line_width (cr, MAX (0.6, style->font_size * 0.09));
      for (double d = -h; d < w; d += step)
        {
          cairo_move_to (cr, x + d, y + h);
          cairo_line_to (cr, x + d + h, y);
        }
      cairo_stroke (cr);
      cairo_reset_clip (cr);
      cairo_rectangle (cr, x + 0.4, y + 0.4, MAX (w - 0.8, 0), MAX (h - 0.8, 0));
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

typedef struct
{
  guint        n_items;
  guint        n_series;         /* 1 or 2 */
  const double *values;          /* n_items × n_series; negative: no bar */
  char       **value_labels;     /* same shape: the number written on each bar (NULL: none) */
  char       **joined_labels;    /* n_items: both numbers, for upward writing (NULL: value_labels[i]) */
  char       **item_labels;      /* n_items, under the axis, may hold a line break */
  gboolean     percent;          /* a 0–1 axis */
  const char  *legend[2];
  const double *colours[2];
} BarChart;

/* The horizontal layout, which a click is mapped back with. */
typedef struct
{
  double left;                   /* the bars' area */
  double width;
  double slot;                   /* per item */
  double bar;                    /* per bar */
  double gap;                    /* before the first bar of an item */
} Columns;

static void
layout_columns (const McChartStyle *style,
                guint               n_items,
                guint               n_series,
                double              x,
                double              width,
                Columns            *c)
{
  double axis = style->font_size * 4.2;

  c->left = x + axis;
  c->width = MAX (width - axis - style->font_size * 0.5, 1.0);
  c->slot = c->width / MAX (n_items, 1u);
  c->bar = c->slot * (n_series > 1 ? 0.42 : 0.64);
  c->gap = (c->slot - c->bar * n_series) / 2;
}

/* A round maximum for a count axis and its step. */
static double
nice_axis (double  max,
           double *step)
{
  double raw = MAX (max, 1.0) / 4.0;
  double magnitude = pow (10.0, floor (log10 (raw)));
  double unit = raw / magnitude;

  *step = (unit <= 1.0 ? 1.0 : unit <= 2.0 ? 2.0 : unit <= 5.0 ? 5.0 : 10.0) * magnitude;
  if (*step < 1.0)
    *step = 1.0;
  return ceil (MAX (max, 1.0) / *step) * *step;
}

static void
draw_bar_chart (cairo_t            *cr,
                const McChartStyle *style,
                double              x,
                double              y,
                double              width,
                double              height,
                const BarChart     *chart)
{
  double f = style->font_size;
  double small = f * 0.9;
  double legend_h = chart->legend[0] != NULL ? f * 2.0 : 0.0;
  double item_label_h = 0.0, value_w = 0.0, value_h = 0.0, joined_w = 0.0;
  double data_max = 0.0, axis_max, step, plot_top, plot_h, baseline, headroom;
  gboolean upwards = FALSE;
  guint label_every = 1;
  Columns c;

  cairo_save (cr);
  layout_columns (style, chart->n_items, chart->n_series, x, width, &c);

  /* How much the labels need. */
  for (guint i = 0; i < chart->n_items; i++)
    {
      double w, h;

      if (chart->item_labels != NULL && chart->item_labels[i] != NULL)
        {
          text_size (cr, style, small, chart->item_labels[i], &w, &h);
          item_label_h = MAX (item_label_h, h);
          label_every = MAX (label_every, (guint) ceil ((w + f * 0.6) / c.slot));
        }
      for (guint s = 0; s < chart->n_series; s++)
        {
          const char *label = chart->value_labels[i * chart->n_series + s];

          data_max = MAX (data_max, chart->values[i * chart->n_series + s]);
          if (label != NULL)
            {
              text_size (cr, style, small, label, &w, &h);
              value_w = MAX (value_w, w);
              value_h = MAX (value_h, h);
            }
        }
      if (chart->joined_labels != NULL && chart->joined_labels[i] != NULL)
        {
          text_size (cr, style, small, chart->joined_labels[i], &w, NULL);
          joined_w = MAX (joined_w, w);
        }
    }
  if (chart->joined_labels == NULL)
    joined_w = value_w;
  upwards = value_w > c.bar + (chart->n_series > 1 ? c.gap : c.gap * 2) * 0.9;

  plot_top = y + legend_h;
  baseline = y + height - item_label_h - f * 0.6;
  plot_h = MAX (baseline - plot_top, f);
  /* Room above the tallest bar for its number. */
  headroom = (upwards ? joined_w : value_h) + f * 0.4;
  headroom = MIN (headroom, plot_h * 0.6);
  if (chart->percent)
    {
      axis_max = 1.0;
      step = 0.25;
    }
  else
    axis_max = nice_axis (data_max, &step);

  /* Value rules and their labels. */
  cairo_set_line_width (cr, 0.5);
  for (double v = 0.0; v <= axis_max + step / 2; v += step)
    {
      double ry = baseline - (plot_h - headroom) * v / axis_max;
      g_autofree char *label = chart->percent ? g_strdup_printf ("%d %%", (int) lround (v * 100))
                                              : mc_figures_format_count ((gint64) llround (v));

      cairo_set_source_rgba (cr, style->grid[0], style->grid[1], style->grid[2], style->grid[3]);
      cairo_move_to (cr, c.left, ry);
      cairo_line_to (cr, c.left + c.width, ry);
      cairo_stroke (cr);
      draw_text (cr, style, small, label, c.left - f * 0.4, ry, 1.0, 0.5, FALSE);
    }

  for (guint i = 0; i < chart->n_items; i++)
    {
      double item_x = c.left + i * c.slot;
      double top_of_item = baseline;

      for (guint s = 0; s < chart->n_series; s++)
        {
          double v = chart->values[i * chart->n_series + s];
          double bx = item_x + c.gap + s * c.bar;
          double bh = v > 0 ? (plot_h - headroom) * MIN (v, axis_max) / axis_max : 0.0;
          const char *label = chart->value_labels[i * chart->n_series + s];

          fill_bar (cr, style, bx, baseline - bh, c.bar, bh, chart->colours[s], s == 1);
          top_of_item = MIN (top_of_item, baseline - bh);
          if (!upwards && label != NULL)
            draw_text (cr, style, small, label, bx + c.bar / 2, baseline - bh - f * 0.15, 0.5, 1.0, FALSE);
        }
      if (upwards)
        {
          const char *label = chart->joined_labels != NULL ? chart->joined_labels[i] : chart->value_labels[i];

          if (label != NULL)
            draw_text (cr, style, small, label, item_x + c.slot / 2, top_of_item - f * 0.2, 0.0, 0.5, TRUE);
        }
      if (chart->item_labels != NULL && chart->item_labels[i] != NULL && i % label_every == 0)
        draw_text (cr, style, small, chart->item_labels[i], item_x + c.slot / 2, baseline + f * 0.3, 0.5, 0.0,
                   FALSE);
    }

  /* The axis itself. */
  cairo_set_source_rgba (cr, style->foreground[0], style->foreground[1], style->foreground[2], style->foreground[3]);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, c.left, baseline);
  cairo_line_to (cr, c.left + c.width, baseline);
  cairo_stroke (cr);

  /* The legend: a swatch drawn as the bars are, and its words. */
  {
    double lx = c.left;

    for (guint s = 0; s < 2 && chart->legend[s] != NULL; s++)
      {
        double w;

        fill_bar (cr, style, lx, y + f * 0.35, f, f, chart->colours[s], s == 1);
        draw_text (cr, style, f, chart->legend[s], lx + f * 1.4, y + f * 0.85, 0.0, 0.5, FALSE);
        text_size (cr, style, f, chart->legend[s], &w, NULL);
        lx += f * 2.8 + w;
      }
  }
  cairo_restore (cr);
}

static void
free_labels (char   **labels,
             guint    n)
{
  if (labels == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_free (labels[i]);
  g_free (labels);
}

void
mc_chart_draw_on_time_by_month (cairo_t              *cr,
                                 const McChartStyle   *style,
                                 double                x,
                                 double                y,
                                 double                width,
                                 double                height,
                                 const McMonthFigures *months,
                                 guint                 n_months)
{
  g_autofree double *values = g_new0 (double, MAX (n_months, 1u));
  char **value_labels = g_new0 (char *, MAX (n_months, 1u));
  char **item_labels = g_new0 (char *, MAX (n_months, 1u));
  BarChart chart = {
    .n_items = n_months, .n_series = 1, .values = values, .value_labels = value_labels,
    .item_labels = item_labels, .percent = TRUE,
    .legend = { "Tỷ lệ giải quyết trước và đúng hạn (dưới tháng: số hồ sơ có kết quả)", NULL },
  };

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (months != NULL || n_months == 0);

  chart.colours[0] = style->series[0];
  chart.colours[1] = style->series[1];
  for (guint i = 0; i < n_months; i++)
    {
      const McMonthFigures *m = &months[i];
      g_autofree char *count = mc_figures_format_count (m->finished);
      double rate;

      if (mc_figures_rate (m->finished_early + m->finished_on_time, m->finished, &rate))
        {
          values[i] = rate;
          value_labels[i] = mc_figures_format_rate (m->finished_early + m->finished_on_time, m->finished);
        }
      else
        {
          values[i] = -1;
          value_labels[i] = g_strdup ("—");
        }
      item_labels[i] = g_strdup_printf ("%02d/%04d\n(%s)", m->month, m->year, count);
    }
  draw_bar_chart (cr, style, x, y, width, height, &chart);
  free_labels (value_labels, n_months);
  free_labels (item_labels, n_months);
}

void
mc_chart_draw_received_finished (cairo_t             *cr,
                                 const McChartStyle  *style,
                                 double               x,
                                 double               y,
                                 double               width,
                                 double               height,
                                 const McWeekFigures *weeks,
                                 guint                n_weeks)
{
  g_autofree double *values = g_new0 (double, MAX (n_weeks, 1u) * 2);
  char **value_labels = g_new0 (char *, MAX (n_weeks, 1u) * 2);
  char **joined_labels = g_new0 (char *, MAX (n_weeks, 1u));
  char **item_labels = g_new0 (char *, MAX (n_weeks, 1u));
  BarChart chart = {
    .n_items = n_weeks, .n_series = 2, .values = values, .value_labels = value_labels,
    .joined_labels = joined_labels, .item_labels = item_labels,
    .legend = { "Tiếp nhận", "Đã giải quyết" },
  };

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (weeks != NULL || n_weeks == 0);

  chart.colours[0] = style->series[0];
  chart.colours[1] = style->series[1];
  for (guint i = 0; i < n_weeks; i++)
    {
      int y0, m0, d0;

      values[2 * i] = (double) weeks[i].received;
      values[2 * i + 1] = (double) weeks[i].finished;
      value_labels[2 * i] = mc_figures_format_count (weeks[i].received);
      value_labels[2 * i + 1] = mc_figures_format_count (weeks[i].finished);
      joined_labels[i] = g_strdup_printf ("%s · %s", value_labels[2 * i], value_labels[2 * i + 1]);
      mc_day_to_ymd (weeks[i].first, &y0, &m0, &d0);
      item_labels[i] = g_strdup_printf ("%02d/%02d", d0, m0);
    }
  draw_bar_chart (cr, style, x, y, width, height, &chart);
  free_labels (value_labels, n_weeks * 2);
  free_labels (joined_labels, n_weeks);
  free_labels (item_labels, n_weeks);
}

void
mc_chart_draw_lateness (cairo_t            *cr,
                        const McChartStyle *style,
                        double              x,
                        double              y,
                        double              width,
                        double              height,
                        const McLateness   *lateness)
{
  double values[MC_LATENESS_N_BUCKETS];
  char *value_labels[MC_LATENESS_N_BUCKETS];
  char *item_labels[MC_LATENESS_N_BUCKETS];
  BarChart chart = {
    .n_items = MC_LATENESS_N_BUCKETS, .n_series = 1, .values = values, .value_labels = value_labels,
    .item_labels = item_labels,
    .legend = { "Hồ sơ đang quá hạn, theo số ngày làm việc đã quá hạn", NULL },
  };

  g_return_if_fail (cr != NULL && style != NULL && lateness != NULL);

  chart.colours[0] = style->series[2];
  chart.colours[1] = style->series[1];
  for (guint i = 0; i < MC_LATENESS_N_BUCKETS; i++)
    {
      values[i] = (double) lateness->counts[i];
      value_labels[i] = mc_figures_format_count (lateness->counts[i]);
      item_labels[i] = g_strdup (mc_lateness_bucket_describe (i));
    }
  draw_bar_chart (cr, style, x, y, width, height, &chart);
  for (guint i = 0; i < MC_LATENESS_N_BUCKETS; i++)
    {
      g_free (value_labels[i]);
      g_free (item_labels[i]);
    }
}

int
mc_chart_item_at (McChartKind         kind,
                  const McChartStyle *style,
                  guint               n_items,
                  double              x,
                  double              y,
                  double              width,
                  double              height,
                  double              px,
                  double              py,
                  int                *series)
{
  guint n_series = kind == MC_CHART_RECEIVED_FINISHED_BY_WEEK ? 2 : 1;
  Columns c;
  double offset;
  guint item;

  g_return_val_if_fail (style != NULL, -1);

  if (series != NULL)
    *series = 0;
  if (kind == MC_CHART_OVERDUE_BY_LATENESS)
    n_items = MC_LATENESS_N_BUCKETS;
  if (n_items == 0 || py < y || py > y + height)
    return -1;
  layout_columns (style, n_items, n_series, x, width, &c);
  if (px < c.left || px >= c.left + c.width)
    return -1;
  item = MIN ((guint) ((px - c.left) / c.slot), n_items - 1);
  offset = px - c.left - item * c.slot - c.gap;
  if (series != NULL && n_series == 2)
    *series = offset >= c.bar ? 1 : 0;
  return (int) item;
}
