/* mc-chart-view.c — a supervisor's chart in a GtkDrawingArea.
 *
 * The drawing is the print layer's (mc-charts.c), the same the period report puts on paper;
 * this widget only chooses the colours and the font from its CSS style, so the chart follows
 * the light or dark theme the window has, and maps the pointer back to the bar under it
 * (mc_chart_item_at) for a tooltip with the bar's numbers and for "item-activated", which the
 * dashboard answers with the list of the dossiers behind that bar.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "mc-chart-view.h"

/* Room around the chart inside the widget. */
#define PADDING 6.0

struct _McChartView
{
  GtkDrawingArea  parent_instance;

  McChartKind     kind;
  GArray         *months;       /* McMonthFigures */
  GArray         *weeks;        /* McWeekFigures */
  McLateness      lateness;
  char           *font_family;  /* owned; the style's font_family points here */
};

G_DEFINE_FINAL_TYPE (McChartView, mc_chart_view, GTK_TYPE_DRAWING_AREA)

enum
{
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_rgba (double         rgba[4],
          const GdkRGBA *colour,
          double         alpha)
{
  rgba[0] = colour->red;
  rgba[1] = colour->green;
  rgba[2] = colour->blue;
  rgba[3] = alpha;
}

void
mc_chart_view_get_style (McChartView  *self,
                         McChartStyle *style)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *pango = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  GdkRGBA colour;
  double luminance, size;

  g_return_if_fail (MC_IS_CHART_VIEW (self));
  g_return_if_fail (style != NULL);

  /* gtk_widget_get_color () is GTK 4.10; in 4.8 the style context has the CSS colour. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Light text means a dark background: the print layer's palette for dark pages. */
  luminance = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue;
  mc_chart_style_init (style, luminance > 0.5);
  set_rgba (style->foreground, &colour, colour.alpha);
  set_rgba (style->grid, &colour, colour.alpha * 0.2);

  if (font != NULL && pango_font_description_get_family (font) != NULL)
    {
      if (g_strcmp0 (self->font_family, pango_font_description_get_family (font)) != 0)
        {
          g_free (self->font_family);
          self->font_family = g_strdup (pango_font_description_get_family (font));
        }
      style->font_family = self->font_family;
    }
  size = font != NULL ? (double) pango_font_description_get_size (font) / PANGO_SCALE : 0.0;
  if (font != NULL && !pango_font_description_get_size_is_absolute (font))
    {
      double dpi = pango_cairo_context_get_resolution (pango);

      size = size * (dpi > 0 ? dpi : 96.0) / 72.0;
    }
  /* The charts' words are secondary to the page's: a little smaller than its text. */
  if (size > 0)
    style->font_size = size * 0.9;
}

static guint
n_items (McChartView *self)
{
  switch (self->kind)
    {
    case MC_CHART_ON_TIME_BY_MONTH:
      return self->months->len;
    case MC_CHART_RECEIVED_FINISHED_BY_WEEK:
      return self->weeks->len;
    case MC_CHART_OVERDUE_BY_LATENESS:
    default:
      return MC_LATENESS_N_BUCKETS;
    }
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  McChartView *self = MC_CHART_VIEW (area);
  McChartStyle style;
  double w = width - 2 * PADDING, h = height - 2 * PADDING;

  if (w <= 1 || h <= 1)
    return;
  mc_chart_view_get_style (self, &style);
  switch (self->kind)
    {
    case MC_CHART_ON_TIME_BY_MONTH:
      mc_chart_draw_on_time_by_month (cr, &style, PADDING, PADDING, w, h,
                                      (const McMonthFigures *) self->months->data, self->months->len);
      break;
    case MC_CHART_RECEIVED_FINISHED_BY_WEEK:
      mc_chart_draw_received_finished (cr, &style, PADDING, PADDING, w, h,
                                       (const McWeekFigures *) self->weeks->data, self->weeks->len);
      break;
    case MC_CHART_OVERDUE_BY_LATENESS:
    default:
      mc_chart_draw_lateness (cr, &style, PADDING, PADDING, w, h, &self->lateness);
      break;
    }
}

int
mc_chart_view_item_at (McChartView *self,
                       double       x,
                       double       y,
                       int         *series)
{
  McChartStyle style;
  double w, h;

  g_return_val_if_fail (MC_IS_CHART_VIEW (self), -1);

  w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PADDING;
  h = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * PADDING;
  if (series != NULL)
    *series = 0;
  if (w <= 1 || h <= 1 || n_items (self) == 0)
    return -1;
  mc_chart_view_get_style (self, &style);
  return mc_chart_item_at (self->kind, &style, n_items (self), PADDING, PADDING, w, h, x, y, series);
}

/* What a bar says, in words: its numbers and what they count. */
static char *
describe_item (McChartView *self,
               int          item)
{
  switch (self->kind)
    {
    case MC_CHART_ON_TIME_BY_MONTH:
      {
        const McMonthFigures *m = &g_array_index (self->months, McMonthFigures, item);
        g_autofree char *finished = mc_figures_format_count (m->finished);
        g_autofree char *in_time = mc_figures_format_count (m->finished_early + m->finished_on_time);
        g_autofree char *rate = mc_figures_format_rate (m->finished_early + m->finished_on_time, m->finished);

        /* Translators: "11/2026: 1.234 finished, 1.200 of them early or on time (97,2 %)". */
        return g_strdup_printf (_("%02d/%d: %s finished, %s of them early or on time (%s)"),
                                m->month, m->year, finished, in_time, rate);
      }
    case MC_CHART_RECEIVED_FINISHED_BY_WEEK:
      {
        const McWeekFigures *wk = &g_array_index (self->weeks, McWeekFigures, item);
        g_autofree char *first = mc_day_format_vi (wk->first);
        g_autofree char *last = mc_day_format_vi (wk->last);
        g_autofree char *received = mc_figures_format_count (wk->received);
        g_autofree char *finished = mc_figures_format_count (wk->finished);

        return g_strdup_printf (_("%s – %s: %s received, %s finished"), first, last, received, finished);
      }
    case MC_CHART_OVERDUE_BY_LATENESS:
    default:
      {
        g_autofree char *count = mc_figures_format_count (self->lateness.counts[item]);

        /* Translators: "2–5 ngày: 12 overdue dossiers"; the first %s is a span of working days. */
        return g_strdup_printf (_("%s late: %s overdue dossiers"), mc_lateness_bucket_describe ((guint) item), count);
      }
    }
}

static gboolean
on_query_tooltip (McChartView *self,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip)
{
  g_autofree char *text = NULL;
  int item = keyboard ? -1 : mc_chart_view_item_at (self, x, y, NULL);

  if (item < 0)
    return FALSE;
  text = describe_item (self, item);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_released (McChartView     *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  int series = 0;
  int item = mc_chart_view_item_at (self, x, y, &series);

  if (item >= 0)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item, series);
}

static void
on_motion (McChartView              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  gboolean over = mc_chart_view_item_at (self, x, y, NULL) >= 0;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "pointer" : NULL);
}

static void
mc_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (mc_chart_view_parent_class)->css_changed (widget, change);
  /* A theme switched to dark (or back) redraws in the other palette. */
  gtk_widget_queue_draw (widget);
}

static void
mc_chart_view_finalize (GObject *object)
{
  McChartView *self = MC_CHART_VIEW (object);

  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->weeks, g_array_unref);
  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (mc_chart_view_parent_class)->finalize (object);
}

static void
mc_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McChartView *self = MC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McChartView *self = MC_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_chart_view_class_init (McChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mc_chart_view_finalize;
  object_class->get_property = mc_chart_view_get_property;
  object_class->set_property = mc_chart_view_set_property;
  widget_class->css_changed = mc_chart_view_css_changed;

  /* An McChartKind: 0 on time by month, 1 received and finished by week, 2 overdue by lateness. */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, MC_CHART_ON_TIME_BY_MONTH, MC_CHART_OVERDUE_BY_LATENESS,
                      MC_CHART_ON_TIME_BY_MONTH,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McChartView::item-activated:
   * @item: the month, week or lateness bucket clicked, from 0
   * @series: for the week chart, 0 for the received bar and 1 for the finished one; else 0
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mc_chart_view_init (McChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->months = g_array_new (FALSE, TRUE, sizeof (McMonthFigures));
  self->weeks = g_array_new (FALSE, TRUE, sizeof (McWeekFigures));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw, NULL, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
mc_chart_view_new (McChartKind kind)
{
  return g_object_new (MC_TYPE_CHART_VIEW, "kind", (int) kind, NULL);
}

McChartKind
mc_chart_view_get_kind (McChartView *self)
{
  g_return_val_if_fail (MC_IS_CHART_VIEW (self), MC_CHART_ON_TIME_BY_MONTH);
  return self->kind;
}

void
mc_chart_view_set_months (McChartView          *self,
                          const McMonthFigures *months,
                          guint                 n_months)
{
  g_return_if_fail (MC_IS_CHART_VIEW (self));
  g_return_if_fail (self->kind == MC_CHART_ON_TIME_BY_MONTH);
  g_return_if_fail (months != NULL || n_months == 0);

  g_array_set_size (self->months, 0);
  if (n_months > 0)
    g_array_append_vals (self->months, months, n_months);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
mc_chart_view_set_weeks (McChartView         *self,
                         const McWeekFigures *weeks,
                         guint                n_weeks)
{
  g_return_if_fail (MC_IS_CHART_VIEW (self));
  g_return_if_fail (self->kind == MC_CHART_RECEIVED_FINISHED_BY_WEEK);
  g_return_if_fail (weeks != NULL || n_weeks == 0);

  g_array_set_size (self->weeks, 0);
  if (n_weeks > 0)
    g_array_append_vals (self->weeks, weeks, n_weeks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
mc_chart_view_set_lateness (McChartView      *self,
                            const McLateness *lateness)
{
  g_return_if_fail (MC_IS_CHART_VIEW (self));
  g_return_if_fail (self->kind == MC_CHART_OVERDUE_BY_LATENESS);
  g_return_if_fail (lateness != NULL);

  self->lateness = *lateness;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
mc_chart_view_get_n_items (McChartView *self)
{
  g_return_val_if_fail (MC_IS_CHART_VIEW (self), 0);
  return n_items (self);
}
