/* mc-dashboard-page.c — "Overview": how the office stands on its deadlines, for a period.
 *
 * Everything the page shows is one McDashboard (mc-figures.h) that the store loads in ONE job
 * on the context's worker (mc_store_load_dashboard: the period's figures, the moment's figures,
 * the months, the weeks, the lateness and the four breakdowns), never on the main thread; the
 * page only formats it. The cards, the charts' bars and the table's numbers each open the list
 * of the dossiers behind them: the dossier list page with the figure's filter
 * (mc_dossier_list_page_show_figure → mc_store_list_figure_ids), so the list's count is the
 * figure's; the satisfaction rate opens every rated dossier, each rating its own. The charts are the print layer's, the same the period report prints.
 *
 * The page keeps itself current without being asked: after a dossier is received or moved on
 * this desk (McContext::dossier-changed), when another program writes the database (the CLI,
 * the portal sync: a GFileMonitor on the database's write-ahead log, which every commit of any
 * connection appends to and which reads never touch), and once a minute, because the moment's
 * figures (due soon, overdue) change with the clock alone. Changes are coalesced (a burst of
 * commits is one reload), a reload asked for while one runs runs once after it, and a hidden
 * page only notes that it is stale and reloads when shown again.
 */
#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-breakdown-item.h"
#include "mc-chart-view.h"
#include "mc-dashboard-page.h"
#include "mc-dossier-list-page.h"
#include "mc-report.h"
#include "mc-window.h"

/* Coalescing: a change on this desk shows quickly, another program's burst of commits once. */
#define LOCAL_CHANGE_DELAY_MS  250
#define FILE_CHANGE_DELAY_MS   1000
#define TICK_SECONDS           60

/* The field, procedure and agency breakdowns are sums of the same cells: counted together for
 * the price of one. The clerks' is a count of its own (a fifth of a year's load on a million
 * dossiers), made only while the table shows it, and for the exports. */
#define CELL_BREAKDOWNS ((1u << MC_BREAKDOWN_FIELD) | (1u << MC_BREAKDOWN_PROCEDURE) | (1u << MC_BREAKDOWN_AGENCY))
#define ALL_BREAKDOWNS  (CELL_BREAKDOWNS | (1u << MC_BREAKDOWN_CLERK))

/* The period choice's entries, in the template's order. */
static const McPeriodKind period_kinds[] = {
  MC_PERIOD_DAY, MC_PERIOD_WEEK, MC_PERIOD_MONTH, MC_PERIOD_QUARTER, MC_PERIOD_YEAR, MC_PERIOD_CUSTOM,
};

/* The breakdown choice's entries, in the template's order. */
static const McBreakdownKind breakdown_kinds[] = {
  MC_BREAKDOWN_FIELD, MC_BREAKDOWN_PROCEDURE, MC_BREAKDOWN_AGENCY, MC_BREAKDOWN_CLERK,
};

typedef enum
{
  CARD_COUNT,
  CARD_ON_TIME_RATE,
  CARD_HANDLING,
  CARD_SHARE,           /* of the received */
  CARD_RESULT_SHARE,    /* of the finished */
  CARD_SATISFACTION,    /* (very satisfied + satisfied) of the rated; opens the rated */
  CARD_RATING,          /* a count of one rating, with its share of the rated */
} CardValue;

typedef struct
{
  McFigure     figure;     /* the count shown, or the share's part; the list it opens */
  const char  *title;
  CardValue    value;
} CardSpec;

static const CardSpec card_specs[] = {
  { MC_FIGURE_RECEIVED, NC_("dashboard figure", "Received"), CARD_COUNT },
  { MC_FIGURE_IN_PROCESSING, NC_("dashboard figure", "In processing"), CARD_COUNT },
  { MC_FIGURE_WAITING, NC_("dashboard figure", "Waiting for the applicant"), CARD_COUNT },
  { MC_FIGURE_DUE_SOON, NC_("dashboard figure", "Due soon"), CARD_COUNT },
  { MC_FIGURE_OVERDUE, NC_("dashboard figure", "Overdue"), CARD_COUNT },
  { MC_FIGURE_FINISHED_EARLY, NC_("dashboard figure", "Finished early"), CARD_COUNT },
  { MC_FIGURE_FINISHED_ON_TIME, NC_("dashboard figure", "Finished on time"), CARD_COUNT },
  { MC_FIGURE_FINISHED_LATE, NC_("dashboard figure", "Finished late"), CARD_COUNT },
  { MC_FIGURE_FINISHED_IN_TIME, NC_("dashboard figure", "On-time rate"), CARD_ON_TIME_RATE },
  { MC_FIGURE_FINISHED, NC_("dashboard figure", "Average handling time"), CARD_HANDLING },
  { MC_FIGURE_RECEIVED_ONLINE, NC_("dashboard figure", "Submitted online"), CARD_SHARE },
  { MC_FIGURE_RECEIVED_SYNCED, NC_("dashboard figure", "Synced to the portal"), CARD_SHARE },
  { MC_FIGURE_RECEIVED_DIGITISED, NC_("dashboard figure", "Dossiers digitised"), CARD_SHARE },
  { MC_FIGURE_RESULT_DIGITISED, NC_("dashboard figure", "Results digitised"), CARD_RESULT_SHARE },
  { MC_FIGURE_RATED, NC_("dashboard figure", "Satisfaction rate"), CARD_SATISFACTION },
  { MC_FIGURE_RATED_VERY_SATISFIED, NC_("dashboard figure", "Very satisfied"), CARD_RATING },
  { MC_FIGURE_RATED_SATISFIED, NC_("dashboard figure", "Satisfied"), CARD_RATING },
  { MC_FIGURE_RATED_NOT_SATISFIED, NC_("dashboard figure", "Not satisfied"), CARD_RATING },
};

/* A card's or a column's name: "Received" is a date in the dossier list, a count here. */
static const char *
figure_title (const char *title)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "dashboard figure", title);
}

typedef struct
{
  const CardSpec *spec;
  GtkWidget      *child;    /* borrowed: the GtkFlowBoxChild */
  GtkLabel       *value;
  GtkLabel       *detail;
} Card;

/* The breakdown table's columns; a column with a figure shows its numbers as buttons that
 * open the group's dossiers behind them. */
typedef struct
{
  const char       *title;
  McBreakdownOrder  order;
  McFigure          figure;
  int               width;
} ColumnSpec;

static const ColumnSpec column_specs[] = {
  /* Wide enough for the Vietnamese headings. */
  { NC_("dashboard figure", "Name"), MC_BREAKDOWN_BY_LABEL, MC_FIGURE_NONE, 210 },
  { NC_("dashboard figure", "Received"), MC_BREAKDOWN_BY_RECEIVED, MC_FIGURE_RECEIVED, 95 },
  { NC_("dashboard figure", "Finished"), MC_BREAKDOWN_BY_FINISHED, MC_FIGURE_FINISHED, 115 },
  { NC_("dashboard figure", "Early or on time"), MC_BREAKDOWN_BY_IN_TIME, MC_FIGURE_FINISHED_IN_TIME, 145 },
  { NC_("dashboard figure", "Late"), MC_BREAKDOWN_BY_LATE, MC_FIGURE_FINISHED_LATE, 85 },
  { NC_("dashboard figure", "On-time rate"), MC_BREAKDOWN_BY_ON_TIME_RATE, MC_FIGURE_NONE, 125 },
  { NC_("dashboard figure", "Overdue now"), MC_BREAKDOWN_BY_OVERDUE, MC_FIGURE_OVERDUE, 125 },
  { NC_("dashboard figure", "Average handling"), MC_BREAKDOWN_BY_HANDLING, MC_FIGURE_NONE, 110 },
};

struct _McDashboardPage
{
  GtkWidget             parent_instance;

  McContext            *context;          /* owned */
  GCancellable         *cancellable;      /* owned; cancelled at dispose */
  GFileMonitor         *wal_monitor;      /* owned; the database's write-ahead log */
  McPeriod              custom;           /* the "from … to …" period last applied */
  McDashboard         **dashboard;        /* shared (atomic rc box) with exports; NULL until loaded */
  gboolean              loading;
  gboolean              reload_pending;   /* asked for while a load ran */
  gboolean              stale;            /* the database changed while the page was hidden */
  gboolean              choosing_period;  /* the page itself is setting the period choice */
  guint                 refresh_source;   /* a coalesced reload to come */
  guint                 tick_source;      /* once a minute while shown */
  guint                 n_loads;
  double                load_ms;
  double                load_cpu_ms;
  GArray               *cards;            /* Card */
  GListStore           *breakdown_items;  /* McBreakdownItem, owned */
  GtkColumnViewColumn  *overdue_column;   /* borrowed from the view */
  GtkFileChooserNative *chooser;          /* owned while open */

  /* template children */
  GtkDropDown          *period_choice;
  GtkBox               *custom_box;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkLabel             *period_label;
  GtkLabel             *status_label;
  GtkButton            *pdf_button;
  GtkButton            *xlsx_button;
  GtkButton            *csv_button;
  GtkFlowBox           *cards_box;
  McChartView          *months_chart;
  McChartView          *weeks_chart;
  McChartView          *lateness_chart;
  GtkDropDown          *breakdown_choice;
  GtkColumnView        *breakdown_view;
};

G_DEFINE_FINAL_TYPE (McDashboardPage, mc_dashboard_page, GTK_TYPE_WIDGET)

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_load (McDashboardPage *self);

/* ---- the shared dashboard ------------------------------------------------------------- */

/* An export runs in a thread while a refresh may replace what the page shows: both hold a
 * reference to the dashboard they use. */
static McDashboard **
shared_dashboard_new (McDashboard *dashboard)
{
  McDashboard **box = g_atomic_rc_box_new0 (McDashboard *);

  *box = dashboard;
  return box;
}

static void
shared_dashboard_clear (gpointer data)
{
  mc_dashboard_free (*(McDashboard **) data);
}

static void
shared_dashboard_unref (McDashboard **box)
{
  g_atomic_rc_box_release_full (box, shared_dashboard_clear);
}

static const McDashboard *
current (McDashboardPage *self)
{
  return self->dashboard != NULL ? *self->dashboard : NULL;
}

/* ---- opening the dossiers behind a number ---------------------------------------------- */

/* Shows the dossiers of @filter in the list page, headed @what and, unless @what says its time
 * already, the period (or "now"). */
static void
open_figure (McDashboardPage      *self,
             const McFigureFilter *filter,
             const char           *what,
             gboolean              with_period)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const McDashboard *dashboard = current (self);
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;
  GtkWidget *list;

  if (!MC_IS_WINDOW (root) || dashboard == NULL)
    return;
  list = mc_window_get_page_widget (MC_WINDOW (root), "list");
  if (!MC_IS_DOSSIER_LIST_PAGE (list))
    return;

  /* The moment's figures are counted now, whatever the period. */
  period = mc_figure_is_snapshot (filter->figure) ? g_strdup (_("now")) : mc_period_describe (&dashboard->period);
  /* Translators: what a list shows, "Overdue · now", "Finished late · Tháng 11/2026". */
  title = with_period ? g_strdup_printf (_("%s · %s"), what, period) : g_strdup (what);
  mc_dossier_list_page_show_figure (MC_DOSSIER_LIST_PAGE (list), filter, title);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "list");
}

/* The filter of @figure over the period shown. */
static void
figure_filter (McDashboardPage *self,
               McFigure         figure,
               McFigureFilter  *filter)
{
  const McDashboard *dashboard = current (self);

  *filter = (McFigureFilter) { .figure = figure };
  if (dashboard != NULL && !mc_figure_is_snapshot (figure))
    {
      filter->from = mc_period_start (&dashboard->period);
      filter->to = mc_period_end (&dashboard->period);
    }
}

static void
on_card_activated (McDashboardPage *self,
                   GtkFlowBoxChild *child,
                   GtkFlowBox      *box)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      const Card *card = &g_array_index (self->cards, Card, i);
      McFigureFilter filter;

      if (card->child != GTK_WIDGET (child))
        continue;
      figure_filter (self, card->spec->figure, &filter);
      open_figure (self, &filter, figure_title (card->spec->title), TRUE);
      return;
    }
}

static void
on_months_bar (McDashboardPage *self,
               int              item,
               int              series,
               McChartView     *chart)
{
  const McDashboard *dashboard = current (self);
  const McMonthFigures *month;
  McFigureFilter filter;
  McPeriod period;
  g_autofree char *what = NULL;

  if (dashboard == NULL || item < 0 || (guint) item >= dashboard->months->len)
    return;
  month = &g_array_index (dashboard->months, McMonthFigures, item);
  if (!mc_period_month (month->year, month->month, &period, NULL))
    return;
  /* The month's part inside the period, as the bar counts it. */
  figure_filter (self, MC_FIGURE_FINISHED, &filter);
  filter.from = MAX (filter.from, mc_period_start (&period));
  filter.to = MIN (filter.to, mc_period_end (&period));
  /* Translators: "Finished in 11/2026". */
  what = g_strdup_printf (_("Finished in %02d/%d"), month->month, month->year);
  open_figure (self, &filter, what, FALSE);
}

static void
on_weeks_bar (McDashboardPage *self,
              int              item,
              int              series,
              McChartView     *chart)
{
  const McDashboard *dashboard = current (self);
  const McWeekFigures *week;
  McFigureFilter filter;
  g_autofree char *first = NULL;
  g_autofree char *what = NULL;

  if (dashboard == NULL || item < 0 || (guint) item >= dashboard->weeks->len)
    return;
  week = &g_array_index (dashboard->weeks, McWeekFigures, item);
  figure_filter (self, series == 1 ? MC_FIGURE_FINISHED : MC_FIGURE_RECEIVED, &filter);
  filter.from = mc_time_from_local (week->first, 0);
  filter.to = mc_time_from_local (week->last + 1, 0);
  first = mc_day_format_vi (week->first);
  what = g_strdup_printf (series == 1 ? _("Finished in the week of %s") : _("Received in the week of %s"), first);
  open_figure (self, &filter, what, FALSE);
}

static void
on_lateness_bar (McDashboardPage *self,
                 int              item,
                 int              series,
                 McChartView     *chart)
{
  McFigureFilter filter;
  g_autofree char *what = NULL;

  if (item < 0 || item >= MC_LATENESS_N_BUCKETS)
    return;
  figure_filter (self, MC_FIGURE_OVERDUE, &filter);
  filter.lateness = item + 1;
  /* Translators: "Overdue by 2–5 ngày"; %s is a span of working days. */
  what = g_strdup_printf (_("Overdue by %s"), mc_lateness_bucket_describe ((guint) item));
  open_figure (self, &filter, what, TRUE);
}

/* ---- the cards ------------------------------------------------------------------------- */

static void
build_cards (McDashboardPage *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (card_specs); i++)
    {
      const CardSpec *spec = &card_specs[i];
      GtkWidget *child = gtk_flow_box_child_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (figure_title (spec->title));
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *detail = gtk_label_new (NULL);
      g_autofree char *name = g_strdup_printf ("card-%s", mc_figure_to_string (spec->figure));
      Card card = { spec, child, GTK_LABEL (value), GTK_LABEL (detail) };

      gtk_widget_set_name (child, name);
      gtk_widget_add_css_class (child, "figure-card");
      /* Short lines keep four cards abreast in a window of ordinary width. */
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (title), 20);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_widget_set_name (value, "card-value");
      gtk_widget_add_css_class (value, "figure-value");
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (detail), 26);
      gtk_widget_set_name (detail, "card-detail");
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_widget_add_css_class (detail, "caption");
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (GTK_BOX (box), detail);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
      gtk_widget_set_tooltip_text (child, mc_figure_definition (spec->figure));
      gtk_flow_box_append (self->cards_box, child);
      g_array_append_val (self->cards, card);
    }
}

static void
set_mark (GtkWidget  *widget,
          const char *css_class,
          gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
update_card (Card                     *card,
             const McDashboardFigures *f)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  gint64 count = mc_dashboard_figures_get (f, card->spec->figure);

  switch (card->spec->value)
    {
    case CARD_COUNT:
      value = mc_figures_format_count (count);
      switch (card->spec->figure)
        {
        case MC_FIGURE_RECEIVED:
          detail = g_strdup (_("in the period"));
          break;
        case MC_FIGURE_IN_PROCESSING:
          detail = g_strdup (_("now, deadline running"));
          break;
        case MC_FIGURE_WAITING:
          {
            g_autofree char *supplement = mc_figures_format_count (f->waiting_supplement);
            g_autofree char *payment = mc_figures_format_count (f->waiting_payment);

            detail = g_strdup_printf (_("now: %s documents, %s fees"), supplement, payment);
          }
          break;
        case MC_FIGURE_DUE_SOON:
          detail = g_strdup (_("now, not yet overdue"));
          break;
        case MC_FIGURE_OVERDUE:
          detail = g_strdup (_("now, appointment passed"));
          break;
        default:
          {
            g_autofree char *rate = mc_figures_format_rate (count, f->finished);
            g_autofree char *finished = mc_figures_format_count (f->finished);

            /* Translators: "12,3 % of 1.234 finished". */
            detail = g_strdup_printf (_("%s of %s finished"), rate, finished);
          }
          break;
        }
      break;
    case CARD_ON_TIME_RATE:
      {
        g_autofree char *in_time = mc_figures_format_count (count);
        g_autofree char *finished = mc_figures_format_count (f->finished);

        value = mc_figures_format_rate (count, f->finished);
        detail = g_strdup_printf (_("%s of %s finished"), in_time, finished);
      }
      break;
    case CARD_HANDLING:
      {
        g_autofree char *handled = mc_figures_format_count (f->handled);

        value = mc_figures_format_handling (f->handling_seconds, f->handled, f->daily_working_seconds);
        detail = g_strdup_printf (_("working days, %s finished"), handled);
      }
      break;
    case CARD_RESULT_SHARE:
      {
        g_autofree char *part = mc_figures_format_count (count);
        g_autofree char *finished = mc_figures_format_count (f->finished);

        value = mc_figures_format_rate (count, f->finished);
        detail = g_strdup_printf (_("%s of %s finished"), part, finished);
      }
      break;
    case CARD_SATISFACTION:
      {
        g_autofree char *pleased = mc_figures_format_count (f->rated_very_satisfied + f->rated_satisfied);
        g_autofree char *rated = mc_figures_format_count (f->rated);

        value = mc_figures_format_rate (f->rated_very_satisfied + f->rated_satisfied, f->rated);
        /* Translators: "1.100 of 1.192 rated satisfied or very satisfied" — at the return, in the period. */
        detail = g_strdup_printf (_("%s of %s rated satisfied or very satisfied"), pleased, rated);
      }
      break;
    case CARD_RATING:
      {
        g_autofree char *rate = mc_figures_format_rate (count, f->rated);
        g_autofree char *rated = mc_figures_format_count (f->rated);

        value = mc_figures_format_count (count);
        /* Translators: "4,9 % of 16.040 rated". */
        detail = g_strdup_printf (_("%s of %s rated"), rate, rated);
      }
      break;
    case CARD_SHARE:
    default:
      {
        g_autofree char *part = mc_figures_format_count (count);
        g_autofree char *received = mc_figures_format_count (f->received);

        value = mc_figures_format_rate (count, f->received);
        detail = g_strdup_printf (_("%s of %s received"), part, received);
      }
      break;
    }

  gtk_label_set_text (card->value, value);
  gtk_label_set_text (card->detail, detail);
  /* The word on the card says it; the colour only repeats it. */
  set_mark (GTK_WIDGET (card->value), "overdue",
            count > 0 && (card->spec->figure == MC_FIGURE_OVERDUE || card->spec->figure == MC_FIGURE_FINISHED_LATE ||
                          card->spec->figure == MC_FIGURE_RATED_NOT_SATISFIED));
  set_mark (GTK_WIDGET (card->value), "due-soon", count > 0 && card->spec->figure == MC_FIGURE_DUE_SOON);
  label = g_strdup_printf ("%s: %s, %s", figure_title (card->spec->title), value, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* ---- the breakdown table --------------------------------------------------------------- */

static McBreakdownKind
chosen_breakdown (McDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->breakdown_choice);

  return selected < G_N_ELEMENTS (breakdown_kinds) ? breakdown_kinds[selected] : MC_BREAKDOWN_FIELD;
}

static void
fill_breakdown (McDashboardPage *self)
{
  const McDashboard *dashboard = current (self);
  GPtrArray *rows = dashboard != NULL ? dashboard->breakdowns[chosen_breakdown (self)] : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_ptr_array_add (items, mc_breakdown_item_new (g_ptr_array_index (rows, i), i));
  g_list_store_splice (self->breakdown_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->breakdown_items)),
                       items->pdata, items->len);
}

static void
on_breakdown_changed (McDashboardPage *self)
{
  const McDashboard *dashboard = current (self);

  /* The clerks' rows are counted when first asked for. */
  if (dashboard != NULL && dashboard->breakdowns[chosen_breakdown (self)] == NULL)
    start_load (self);
  else
    fill_breakdown (self);
}

static char *
cell_text (const McBreakdownRow *row,
           McBreakdownOrder      order,
           int                   daily_seconds)
{
  switch (order)
    {
    case MC_BREAKDOWN_BY_LABEL:
      return g_strdup (row->label);
    case MC_BREAKDOWN_BY_RECEIVED:
      return mc_figures_format_count (row->received);
    case MC_BREAKDOWN_BY_FINISHED:
      return mc_figures_format_count (row->finished);
    case MC_BREAKDOWN_BY_IN_TIME:
      return mc_figures_format_count (mc_breakdown_row_in_time (row));
    case MC_BREAKDOWN_BY_LATE:
      return mc_figures_format_count (row->finished_late);
    case MC_BREAKDOWN_BY_OVERDUE:
      return mc_figures_format_count (row->overdue);
    case MC_BREAKDOWN_BY_ON_TIME_RATE:
      return mc_figures_format_rate (mc_breakdown_row_in_time (row), row->finished);
    case MC_BREAKDOWN_BY_HANDLING:
      return mc_figures_format_handling (row->handling_seconds, row->handled, daily_seconds);
    case MC_BREAKDOWN_BY_DEFAULT:
    default:
      return g_strdup ("");
    }
}

static gint64
cell_count (const McBreakdownRow *row,
            McFigure              figure)
{
  switch (figure)
    {
    case MC_FIGURE_RECEIVED:
      return row->received;
    case MC_FIGURE_FINISHED:
      return row->finished;
    case MC_FIGURE_FINISHED_IN_TIME:
      return mc_breakdown_row_in_time (row);
    case MC_FIGURE_FINISHED_LATE:
      return row->finished_late;
    case MC_FIGURE_OVERDUE:
      return row->overdue;
    default:
      return 0;
    }
}

static void
on_cell_clicked (GtkButton   *button,
                 GtkListItem *list_item)
{
  McDashboardPage *self = MC_DASHBOARD_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), MC_TYPE_DASHBOARD_PAGE));
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (button), "mc-column");
  McBreakdownItem *item = gtk_list_item_get_item (list_item);
  const McBreakdownRow *row;
  McFigureFilter filter;
  g_autofree char *what = NULL;

  if (self == NULL || item == NULL)
    return;
  row = mc_breakdown_item_get_row (item);
  figure_filter (self, spec->figure, &filter);
  filter.group = chosen_breakdown (self);
  filter.group_key = row->key;
  /* Translators: "Overdue now · Hộ tịch" — a column and a row of the breakdown table. */
  what = g_strdup_printf (_("%s · %s"), figure_title (spec->title), row->label);
  open_figure (self, &filter, what, TRUE);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  const ColumnSpec *spec = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  if (spec->figure == MC_FIGURE_NONE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), spec->order == MC_BREAKDOWN_BY_LABEL ? 0 : 1);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (spec->order != MC_BREAKDOWN_BY_LABEL)
        gtk_widget_add_css_class (label, "numeric");
      gtk_list_item_set_child (list_item, label);
    }
  else
    {
      GtkWidget *button = gtk_button_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "breakdown-number");
      g_object_set_data (G_OBJECT (button), "mc-column", (gpointer) spec);
      g_signal_connect (button, "clicked", G_CALLBACK (on_cell_clicked), list_item);
      gtk_list_item_set_child (list_item, button);
    }
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  const ColumnSpec *spec = user_data;
  McBreakdownItem *item = gtk_list_item_get_item (list_item);
  const McBreakdownRow *row = mc_breakdown_item_get_row (item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  McDashboardPage *self = g_object_get_data (G_OBJECT (factory), "mc-page");
  const McDashboard *dashboard = current (self);
  int daily = dashboard != NULL ? dashboard->figures.daily_working_seconds : 0;
  g_autofree char *text = cell_text (row, spec->order, daily);
  GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : child;

  gtk_label_set_text (GTK_LABEL (label), text);
  if (spec->order == MC_BREAKDOWN_BY_LABEL)
    gtk_widget_set_tooltip_text (label, row->key != NULL && g_strcmp0 (row->key, row->label) != 0
                                        ? row->key : NULL);
  if (GTK_IS_BUTTON (child))
    {
      gint64 count = cell_count (row, spec->figure);

      /* Nothing behind a zero: nothing to open. */
      gtk_widget_set_sensitive (child, count > 0);
      set_mark (label, "overdue", count > 0 && spec->figure == MC_FIGURE_OVERDUE);
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  McBreakdownOrder order = GPOINTER_TO_INT (user_data);

  return gtk_ordering_from_cmpfunc (mc_breakdown_item_compare ((McBreakdownItem *) a, (McBreakdownItem *) b, order));
}

static void
build_breakdown_view (McDashboardPage *self)
{
  g_autoptr(GtkMultiSorter) sorter = gtk_multi_sorter_new ();
  GtkSortListModel *sorted;
  g_autoptr(GtkNoSelection) selection = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (column_specs); i++)
    {
      const ColumnSpec *spec = &column_specs[i];
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) column_sorter = NULL;

      g_object_set_data (G_OBJECT (factory), "mc-page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) spec);
      column = gtk_column_view_column_new (figure_title (spec->title), g_steal_pointer (&factory));
      column_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, GINT_TO_POINTER (spec->order), NULL));
      gtk_column_view_column_set_sorter (column, column_sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, spec->width);
      gtk_column_view_column_set_expand (column, spec->order == MC_BREAKDOWN_BY_LABEL);
      if (spec->order == MC_BREAKDOWN_BY_OVERDUE)
        self->overdue_column = column;
      gtk_column_view_append_column (self->breakdown_view, column);
    }

  /* The headers' sorter first; rows it finds equal keep the store's order (overdue first,
   * then the late, the busy, the name), whichever way a header sorts. */
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->breakdown_view)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare_items,
                                                                      GINT_TO_POINTER (MC_BREAKDOWN_BY_DEFAULT),
                                                                      NULL)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->breakdown_items)),
                                    GTK_SORTER (g_steal_pointer (&sorter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (self->breakdown_view, GTK_SELECTION_MODEL (selection));
  gtk_column_view_sort_by_column (self->breakdown_view, self->overdue_column, GTK_SORT_DESCENDING);
}

/* ---- loading --------------------------------------------------------------------------- */

typedef struct
{
  McPeriod  period;
  McTime    now;
  guint     breakdowns;
} LoadJob;

typedef struct
{
  McDashboard *dashboard;
  double       ms;
  double       cpu_ms;    /* the worker thread's CPU time: the cost whatever else the machine does */
} LoadResult;

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_pointer (&result->dashboard, mc_dashboard_free);
  g_free (result);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1.0e6;
}

static gpointer
load_job (McStore   *store,
          gpointer   data,
          GError   **error)
{
  LoadJob *job = data;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();
  McDashboard *dashboard = mc_store_load_dashboard (store, &job->period, job->now, job->breakdowns, error);
  LoadResult *result;

  if (dashboard == NULL)
    return NULL;
  result = g_new0 (LoadResult, 1);
  result->dashboard = dashboard;
  result->ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  result->cpu_ms = thread_cpu_ms () - cpu_start;
  return result;
}

static McPeriodKind
chosen_period_kind (McDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_choice);

  return selected < G_N_ELEMENTS (period_kinds) ? period_kinds[selected] : MC_PERIOD_MONTH;
}

static void
period_to_load (McDashboardPage *self,
                McTime           now,
                McPeriod        *period)
{
  McPeriodKind kind = chosen_period_kind (self);

  if (kind == MC_PERIOD_CUSTOM)
    *period = self->custom;
  else
    mc_period_containing (kind, now, period);
}

static void
show_dashboard (McDashboardPage   *self,
                const McDashboard *dashboard)
{
  g_autofree char *period = mc_period_describe (&dashboard->period);
  g_autofree char *clock = mc_clock_format (mc_time_local_seconds (dashboard->figures.now));
  g_autofree char *status = NULL;

  gtk_label_set_text (self->period_label, period);
  /* Translators: when the figures were counted, "Counted at 14:05". */
  status = g_strdup_printf (_("Counted at %s"), clock);
  gtk_label_set_text (self->status_label, status);

  for (guint i = 0; i < self->cards->len; i++)
    update_card (&g_array_index (self->cards, Card, i), &dashboard->figures);
  mc_chart_view_set_months (self->months_chart, (const McMonthFigures *) dashboard->months->data,
                            dashboard->months->len);
  mc_chart_view_set_weeks (self->weeks_chart, (const McWeekFigures *) dashboard->weeks->data, dashboard->weeks->len);
  mc_chart_view_set_lateness (self->lateness_chart, &dashboard->lateness);
  fill_breakdown (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->xlsx_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), TRUE);
}

static void
load_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(McDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *result = mc_context_run_finish (MC_CONTEXT (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the page is going */

  self->loading = FALSE;
  if (self->reload_pending)
    {
      /* What was asked for meanwhile (another period, a newer change) supersedes this. */
      self->reload_pending = FALSE;
      g_clear_pointer (&result, load_result_free);
      start_load (self);
      return;
    }
  if (result == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The figures could not be counted: %s"), error->message);

      gtk_label_set_text (self->status_label, text);
      return;
    }

  g_clear_pointer (&self->dashboard, shared_dashboard_unref);
  self->dashboard = shared_dashboard_new (g_steal_pointer (&result->dashboard));
  self->load_ms = result->ms;
  self->load_cpu_ms = result->cpu_ms;
  self->n_loads++;
  load_result_free (result);
  show_dashboard (self, *self->dashboard);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
start_load (McDashboardPage *self)
{
  LoadJob *job;

  if (self->context == NULL)
    return;
  if (self->loading)
    {
      self->reload_pending = TRUE;
      return;
    }

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  job = g_new0 (LoadJob, 1);
  job->now = mc_time_now ();
  period_to_load (self, job->now, &job->period);
  job->breakdowns = CELL_BREAKDOWNS;
  if (chosen_breakdown (self) == MC_BREAKDOWN_CLERK)
    job->breakdowns |= 1u << MC_BREAKDOWN_CLERK;
  self->loading = TRUE;
  self->stale = FALSE;
  if (self->dashboard == NULL)
    gtk_label_set_text (self->status_label, _("Counting…"));
  mc_context_run_async (self->context, load_job, job, g_free, load_result_free, self->cancellable,
                        load_done, g_object_ref (self));
}

static gboolean
refresh_now (gpointer user_data)
{
  McDashboardPage *self = user_data;

  self->refresh_source = 0;
  start_load (self);
  return G_SOURCE_REMOVE;
}

/* A change to show: soon, once, and only on a page someone looks at. */
static void
request_refresh (McDashboardPage *self,
                 guint            delay_ms)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  /* Not pushed back by later changes: a steady stream of writes still shows every second. */
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (delay_ms, refresh_now, self);
}

static void
on_dossier_changed (McDashboardPage *self,
                    const char      *code,
                    McContext       *context)
{
  request_refresh (self, LOCAL_CHANGE_DELAY_MS);
}

static void
on_wal_changed (McDashboardPage   *self,
                GFile             *file,
                GFile             *other,
                GFileMonitorEvent  event,
                GFileMonitor      *monitor)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT ||
      event == G_FILE_MONITOR_EVENT_CREATED)
    request_refresh (self, FILE_CHANGE_DELAY_MS);
}

static gboolean
on_tick (gpointer user_data)
{
  McDashboardPage *self = user_data;

  /* The clock alone makes dossiers due soon and overdue. */
  start_load (self);
  return G_SOURCE_CONTINUE;
}

static void
watch_database (McDashboardPage *self)
{
  g_autofree char *wal = g_strconcat (mc_store_get_path (mc_context_get_store (self->context)), "-wal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (wal);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->wal_monitor);
  self->wal_monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->wal_monitor == NULL)
    {
      /* Still current after this desk's own changes and every minute. */
      g_debug ("Cannot watch %s: %s", wal, error->message);
      return;
    }
  g_file_monitor_set_rate_limit (self->wal_monitor, FILE_CHANGE_DELAY_MS);
  g_signal_connect_object (self->wal_monitor, "changed", G_CALLBACK (on_wal_changed), self, G_CONNECT_SWAPPED);
}

/* ---- the period ------------------------------------------------------------------------ */

static void
show_custom_period (McDashboardPage *self)
{
  g_autofree char *from = mc_day_format_vi (self->custom.first);
  g_autofree char *to = mc_day_format_vi (self->custom.last);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
}

static void
on_period_changed (McDashboardPage *self)
{
  gboolean custom = chosen_period_kind (self) == MC_PERIOD_CUSTOM;

  if (self->choosing_period)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->custom_box), custom);
  if (custom)
    {
      /* Starts from the period shown, to be edited. */
      if (current (self) != NULL)
        self->custom = current (self)->period;
      show_custom_period (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
    }
  start_load (self);
}

static void
on_custom_apply (McDashboardPage *self)
{
  g_autoptr(GError) error = NULL;
  McPeriod period;

  if (!mc_period_parse (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                        gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &period, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (MC_IS_WINDOW (root))
        mc_window_show_message (MC_WINDOW (root), error->message);
      else
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  self->custom = period;
  start_load (self);
}

/* ---- exports --------------------------------------------------------------------------- */

typedef struct
{
  McDashboardExport  format;
  char              *path;
  McDashboard      **dashboard;   /* a reference */
  McOfficeSettings  *office;      /* owned copy: the context's may change meanwhile */
  McReportTable      table;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->dashboard, shared_dashboard_unref);
  g_clear_pointer (&job->office, mc_office_settings_free);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  const McDashboard *dashboard = *job->dashboard;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (job->format)
    {
    case MC_DASHBOARD_EXPORT_PDF:
      {
        g_autoptr(McReport) report = mc_report_new (job->office, dashboard, MC_TIME_NONE);

        ok = mc_report_render_pdf (report, job->path, &error);
      }
      break;
    case MC_DASHBOARD_EXPORT_CSV:
      ok = mc_report_write_csv (dashboard, job->table, job->path, &error);
      break;
    case MC_DASHBOARD_EXPORT_XLSX:
    default:
      ok = mc_report_write_xlsx (dashboard, job->office, mc_time_now (), job->path, &error);
      break;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
has_every_breakdown (const McDashboard *dashboard)
{
  for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
    if (dashboard->breakdowns[kind] == NULL)
      return FALSE;
  return TRUE;
}

static void
export_loaded (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  LoadResult *result = mc_context_run_finish (MC_CONTEXT (source), res, &error);

  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->dashboard = shared_dashboard_new (g_steal_pointer (&result->dashboard));
  load_result_free (result);
  g_task_run_in_thread (task, export_thread);
}

void
mc_dashboard_page_export_async (McDashboardPage     *self,
                                McDashboardExport    format,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const McDashboard *shown;
  ExportJob *job;

  g_return_if_fail (MC_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  if (self->dashboard == NULL || self->context == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("The figures are still being counted; try again in a moment."));
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->format = format;
  job->path = g_strdup (path);
  job->office = mc_office_settings_copy (mc_context_get_office (self->context));
  job->table = mc_report_table_for_breakdown (chosen_breakdown (self));
  g_task_set_task_data (task, job, export_job_free);

  shown = *self->dashboard;
  if (format == MC_DASHBOARD_EXPORT_CSV || has_every_breakdown (shown))
    {
      job->dashboard = g_atomic_rc_box_acquire (self->dashboard);
      g_task_run_in_thread (task, export_thread);
    }
  else
    {
      /* The report and the workbook have every table: the breakdowns the page did not count
       * are counted now, for the same period at the same moment as the figures shown. */
      LoadJob *load = g_new0 (LoadJob, 1);

      load->period = shown->period;
      load->now = shown->figures.now;
      load->breakdowns = ALL_BREAKDOWNS;
      mc_context_run_async (self->context, load_job, load, g_free, load_result_free, cancellable,
                            export_loaded, g_steal_pointer (&task));
    }
}

gboolean
mc_dashboard_page_export_finish (McDashboardPage  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  McDashboardPage *self = MC_DASHBOARD_PAGE (source);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (mc_dashboard_page_export_finish (self, result, &error))
    message = g_strdup_printf (_("Saved %s"), path);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the page is going */
  else
    message = g_strdup_printf (_("Could not save %s: %s"), path, error->message);
  if (MC_IS_WINDOW (root))
    mc_window_show_message (MC_WINDOW (root), message);
  else
    gtk_label_set_text (self->status_label, message);
}

static void
on_chooser_response (McDashboardPage      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  McDashboardExport format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "mc-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        mc_dashboard_page_export_async (self, format, path, self->cancellable, on_export_done, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (McDashboardPage   *self,
             McDashboardExport  format)
{
  static const struct
  {
    const char *title;
    const char *filter_name;
    const char *pattern;
    const char *extension;
  } kinds[] = {
    [MC_DASHBOARD_EXPORT_PDF] = { N_("Save the period report"), N_("PDF documents"), "*.pdf", "pdf" },
    [MC_DASHBOARD_EXPORT_CSV] = { N_("Save the table as CSV"), N_("CSV files"), "*.csv", "csv" },
    [MC_DASHBOARD_EXPORT_XLSX] = { N_("Save the tables as an Excel workbook"), N_("Excel workbooks"), "*.xlsx", "xlsx" },
  };
  const McDashboard *dashboard = current (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *name = NULL;

  if (dashboard == NULL || self->chooser != NULL)
    return;
  first = mc_day_format (dashboard->period.first);
  last = mc_day_format (dashboard->period.last);
  /* "bao-cao-2026-11-01_2026-11-30.pdf", "by-field-2026-11-01_2026-11-30.csv" */
  name = g_strdup_printf ("%s-%s_%s.%s",
                          format == MC_DASHBOARD_EXPORT_CSV
                          ? mc_report_table_to_string (mc_report_table_for_breakdown (chosen_breakdown (self)))
                          : "bao-cao",
                          first, last, kinds[format].extension);

  self->chooser = gtk_file_chooser_native_new (_(kinds[format].title), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _(kinds[format].filter_name));
  gtk_file_filter_add_pattern (filter, kinds[format].pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "mc-format", GINT_TO_POINTER (format));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_pdf (McDashboardPage *self)
{
  choose_file (self, MC_DASHBOARD_EXPORT_PDF);
}

static void
on_export_csv (McDashboardPage *self)
{
  choose_file (self, MC_DASHBOARD_EXPORT_CSV);
}

static void
on_export_xlsx (McDashboardPage *self)
{
  choose_file (self, MC_DASHBOARD_EXPORT_XLSX);
}

/* ---- the widget ------------------------------------------------------------------------ */

/* The marks' colours of style.css are for light backgrounds; on a dark theme the page wears
 * "dark" and the cards' numbers take lighter ones (a theme's colours are not queryable in CSS
 * in GTK 4.8). */
static void
mc_dashboard_page_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GdkRGBA colour;
  gboolean dark;

  GTK_WIDGET_CLASS (mc_dashboard_page_parent_class)->css_changed (widget, change);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dark = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue > 0.5;
  if (dark != gtk_widget_has_css_class (widget, "dark"))
    set_mark (widget, "dark", dark);
}

static void
mc_dashboard_page_map (GtkWidget *widget)
{
  McDashboardPage *self = MC_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (mc_dashboard_page_parent_class)->map (widget);

  if (self->dashboard == NULL || self->stale)
    start_load (self);
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add_seconds (TICK_SECONDS, on_tick, self);
}

static void
mc_dashboard_page_unmap (GtkWidget *widget)
{
  McDashboardPage *self = MC_DASHBOARD_PAGE (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      self->stale = TRUE;
    }

  GTK_WIDGET_CLASS (mc_dashboard_page_parent_class)->unmap (widget);
}

static void
mc_dashboard_page_dispose (GObject *object)
{
  McDashboardPage *self = MC_DASHBOARD_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (self->wal_monitor != NULL)
    g_file_monitor_cancel (self->wal_monitor);
  g_clear_object (&self->wal_monitor);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* The template's top-level child has no id: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_dashboard_page_parent_class)->dispose (object);
}

static void
mc_dashboard_page_finalize (GObject *object)
{
  McDashboardPage *self = MC_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->dashboard, shared_dashboard_unref);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_object (&self->breakdown_items);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mc_dashboard_page_parent_class)->finalize (object);
}

static void
mc_dashboard_page_class_init (McDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_dashboard_page_dispose;
  object_class->finalize = mc_dashboard_page_finalize;
  widget_class->map = mc_dashboard_page_map;
  widget_class->unmap = mc_dashboard_page_unmap;
  widget_class->css_changed = mc_dashboard_page_css_changed;

  /**
   * McDashboardPage::loaded:
   *
   * New figures are on the page (a first load or a refresh).
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MC_TYPE_CHART_VIEW);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, period_choice);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, xlsx_button);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, months_chart);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, weeks_chart);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, lateness_chart);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, breakdown_choice);
  gtk_widget_class_bind_template_child (widget_class, McDashboardPage, breakdown_view);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_export_pdf);
  gtk_widget_class_bind_template_callback (widget_class, on_export_csv);
  gtk_widget_class_bind_template_callback (widget_class, on_export_xlsx);
  gtk_widget_class_bind_template_callback (widget_class, on_card_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_months_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_weeks_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_lateness_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_breakdown_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mc_dashboard_page_init (McDashboardPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  self->breakdown_items = g_list_store_new (MC_TYPE_BREAKDOWN_ITEM);
  mc_period_containing (MC_PERIOD_MONTH, mc_time_now (), &self->custom);

  gtk_widget_init_template (GTK_WIDGET (self));
  build_cards (self);
  build_breakdown_view (self);
}

void
mc_dashboard_page_set_context (McDashboardPage *self,
                               McContext       *context)
{
  g_return_if_fail (MC_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_signal_connect_swapped (context, "dossier-changed", G_CALLBACK (on_dossier_changed), self);
  watch_database (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_load (self);
}

void
mc_dashboard_page_set_period_kind (McDashboardPage *self,
                                   McPeriodKind     kind)
{
  g_return_if_fail (MC_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (kind != MC_PERIOD_CUSTOM);

  for (guint i = 0; i < G_N_ELEMENTS (period_kinds); i++)
    if (period_kinds[i] == kind)
      {
        if (gtk_drop_down_get_selected (self->period_choice) == i)
          start_load (self);
        else
          gtk_drop_down_set_selected (self->period_choice, i);   /* loads */
      }
}

void
mc_dashboard_page_set_period (McDashboardPage *self,
                              const McPeriod  *period)
{
  g_return_if_fail (MC_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (period != NULL);

  self->custom = *period;
  if (chosen_period_kind (self) != MC_PERIOD_CUSTOM)
    {
      /* Selecting "from … to …" shows the custom fields and loads; they get this period. */
      self->choosing_period = TRUE;
      gtk_drop_down_set_selected (self->period_choice, G_N_ELEMENTS (period_kinds) - 1);
      self->choosing_period = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->custom_box), TRUE);
    }
  show_custom_period (self);
  start_load (self);
}

void
mc_dashboard_page_refresh (McDashboardPage *self)
{
  g_return_if_fail (MC_IS_DASHBOARD_PAGE (self));
  start_load (self);
}

const McDashboard *
mc_dashboard_page_get_dashboard (McDashboardPage *self)
{
  g_return_val_if_fail (MC_IS_DASHBOARD_PAGE (self), NULL);
  return current (self);
}

gboolean
mc_dashboard_page_is_loading (McDashboardPage *self)
{
  g_return_val_if_fail (MC_IS_DASHBOARD_PAGE (self), FALSE);
  return self->loading;
}

guint
mc_dashboard_page_get_n_loads (McDashboardPage *self)
{
  g_return_val_if_fail (MC_IS_DASHBOARD_PAGE (self), 0);
  return self->n_loads;
}

double
mc_dashboard_page_get_load_ms (McDashboardPage *self)
{
  g_return_val_if_fail (MC_IS_DASHBOARD_PAGE (self), 0);
  return self->load_ms;
}

McBreakdownKind
mc_dashboard_page_get_breakdown (McDashboardPage *self)
{
  g_return_val_if_fail (MC_IS_DASHBOARD_PAGE (self), MC_BREAKDOWN_FIELD);
  return chosen_breakdown (self);
}

double
mc_dashboard_page_get_load_cpu_ms (McDashboardPage *self)
{
  g_return_val_if_fail (MC_IS_DASHBOARD_PAGE (self), 0);
  return self->load_cpu_ms;
}
