/* mc-report.c — the period report as PDF, CSV and XLSX (see mc-report.h).
 *
 * Every table is built once as a small grid of typed cells (text, count, rate, days) and
 * then written three ways: as markup in the PDF's table rows (Vietnamese number forms:
 * "1.234", "93,4 %"), as CSV (plain numbers a spreadsheet reads), and as an XLSX sheet
 * (numbers as numbers, rates with a per-cent format). The PDF is laid out twice like the
 * forms: once measuring, to know the number of pages for "Trang x/y", once drawing.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "mc-charts.h"
#include "mc-csv.h"
#include "mc-i18n.h"
#include "mc-report.h"

/* The report's body size: tables of nine columns across a portrait page. */
#define REPORT_FONT_SIZE 11.0
#define CHART_HEIGHT     190.0
#define MAX_COLUMNS      9

/* Tables as typed cells. */

typedef enum
{
  CELL_TEXT,
  CELL_COUNT,
  CELL_RATE,        /* a fraction, 0–1 */
  CELL_DAYS,        /* working days */
  CELL_NONE,        /* a rate or an average over nothing */
} CellKind;

typedef struct
{
  CellKind  kind;
  char     *text;   /* CELL_TEXT */
  double    number;
  gint64    part;   /* CELL_RATE: the counts behind it, for its rounding (mc_figures_format_rate) */
  gint64    whole;
} Cell;

typedef struct
{
  McReportTable   table;
  guint           n_columns;
  const char     *headers[MAX_COLUMNS];
  double          weights[MAX_COLUMNS];
  GArray         *cells;       /* Cell, row by row */
  gboolean        last_is_total;
} Table;

static void
cell_clear (gpointer data)
{
  g_free (((Cell *) data)->text);
}

static Table *
table_new (McReportTable table,
           guint         n_columns)
{
  Table *t = g_new0 (Table, 1);

  t->table = table;
  t->n_columns = n_columns;
  t->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (t->cells, cell_clear);
  return t;
}

static void
table_free (Table *t)
{
  if (t == NULL)
    return;
  g_array_unref (t->cells);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static guint
table_n_rows (const Table *t)
{
  return t->cells->len / t->n_columns;
}

static const Cell *
table_cell (const Table *t,
            guint        row,
            guint        column)
{
  return &g_array_index (t->cells, Cell, row * t->n_columns + column);
}

static void
add_text (Table      *t,
          const char *text)
{
  Cell cell = { CELL_TEXT, g_strdup (text != NULL ? text : ""), 0, 0, 0 };

  g_array_append_val (t->cells, cell);
}

static void
add_count (Table  *t,
           gint64  n)
{
  Cell cell = { CELL_COUNT, NULL, (double) n, 0, 0 };

  g_array_append_val (t->cells, cell);
}

static void
add_rate (Table  *t,
          gint64  part,
          gint64  whole)
{
  Cell cell = { CELL_NONE, NULL, 0, part, whole };

  if (mc_figures_rate (part, whole, &cell.number))
    cell.kind = CELL_RATE;
  g_array_append_val (t->cells, cell);
}

static void
add_days (Table  *t,
          gint64  total_seconds,
          gint64  n,
          int     daily_seconds)
{
  Cell cell = { CELL_NONE, NULL, 0, 0, 0 };

  if (n > 0 && daily_seconds > 0)
    {
      cell.kind = CELL_DAYS;
      cell.number = (double) total_seconds / (double) n / (double) daily_seconds;
    }
  g_array_append_val (t->cells, cell);
}

static void
add_empty (Table *t)
{
  Cell cell = { CELL_NONE, NULL, 0, 0, 0 };

  g_array_append_val (t->cells, cell);
}

static void
set_columns (Table               *t,
             const char * const  *headers,
             const double        *weights)
{
  for (guint i = 0; i < t->n_columns; i++)
    {
      t->headers[i] = headers[i];
      t->weights[i] = weights[i];
    }
}

static const struct
{
  const char *name;
  const char *description;
} table_names[] = {
  { "figures", "Các chỉ số của kỳ báo cáo" },
  { "months", "Tỷ lệ giải quyết đúng hạn theo tháng" },
  { "weeks", "Tiếp nhận và giải quyết theo tuần" },
  { "lateness", "Hồ sơ đang quá hạn theo số ngày quá hạn" },
  { "by-field", "Số liệu theo lĩnh vực" },
  { "by-procedure", "Số liệu theo thủ tục hành chính" },
  { "by-agency", "Số liệu theo cơ quan chủ trì giải quyết" },
  { "by-clerk", "Số liệu theo cán bộ tiếp nhận" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (table_names) == MC_REPORT_TABLE_LAST + 1);

McReportTable
mc_report_table_for_breakdown (McBreakdownKind kind)
{
  g_return_val_if_fail (kind >= MC_BREAKDOWN_FIRST && kind <= MC_BREAKDOWN_LAST, MC_REPORT_TABLE_FIGURES);
  return MC_REPORT_TABLE_BY_FIELD + (kind - MC_BREAKDOWN_FIELD);
}

const char *
mc_report_table_to_string (McReportTable table)
{
  g_return_val_if_fail (table <= MC_REPORT_TABLE_LAST, NULL);
  return table_names[table].name;
}

const char *
mc_report_table_describe (McReportTable table)
{
  g_return_val_if_fail (table <= MC_REPORT_TABLE_LAST, NULL);
  return table_names[table].description;
}

static McBreakdownKind
table_breakdown (McReportTable table)
{
  return table >= MC_REPORT_TABLE_BY_FIELD ? MC_BREAKDOWN_FIELD + (table - MC_REPORT_TABLE_BY_FIELD) : MC_BREAKDOWN_NONE;
}

gboolean
mc_report_has_table (const McDashboard *dashboard,
                     McReportTable      table)
{
  McBreakdownKind kind = table_breakdown (table);

  g_return_val_if_fail (dashboard != NULL, FALSE);
  return kind == MC_BREAKDOWN_NONE || dashboard->breakdowns[kind] != NULL;
}

/* The report's order: what came in, what went out and how, what citizens said, and then
 * the moment's figures. */
static const McFigure report_figures[] = {
  MC_FIGURE_RECEIVED, MC_FIGURE_RECEIVED_ONLINE, MC_FIGURE_RECEIVED_SYNCED, MC_FIGURE_RECEIVED_DIGITISED,
  MC_FIGURE_FINISHED, MC_FIGURE_FINISHED_EARLY, MC_FIGURE_FINISHED_ON_TIME, MC_FIGURE_FINISHED_IN_TIME,
  MC_FIGURE_FINISHED_LATE, MC_FIGURE_RESULT_DIGITISED,
  MC_FIGURE_RATED, MC_FIGURE_RATED_VERY_SATISFIED, MC_FIGURE_RATED_SATISFIED, MC_FIGURE_RATED_NOT_SATISFIED,
  MC_FIGURE_IN_PROCESSING, MC_FIGURE_WAITING, MC_FIGURE_DUE_SOON, MC_FIGURE_OVERDUE,
};

G_STATIC_ASSERT (G_N_ELEMENTS (report_figures) == MC_FIGURE_LAST);

/* The figures: each with the count behind it, its rate or average, and its definition. */
static Table *
figures_table (const McDashboard *dashboard)
{
  static const char * const headers[] = { "Chỉ số", "Số hồ sơ", "Tỷ lệ / bình quân", "Cách tính" };
  static const double weights[] = { 30, 13, 15, 52 };
  const McDashboardFigures *f = &dashboard->figures;
  Table *t = table_new (MC_REPORT_TABLE_FIGURES, 4);

  set_columns (t, headers, weights);
  for (gsize i = 0; i < G_N_ELEMENTS (report_figures); i++)
    {
      McFigure figure = report_figures[i];
      gint64 n = mc_dashboard_figures_get (f, figure);
      g_autofree char *definition = NULL;

      add_text (t, mc_figure_describe (figure));
      add_count (t, n);
      switch (figure)
        {
        case MC_FIGURE_RECEIVED_ONLINE:
          add_rate (t, n, f->received);
          definition = g_strconcat (mc_figure_definition (figure), " Tỷ lệ: ", mc_figures_online_share_definition, NULL);
          break;
        case MC_FIGURE_RECEIVED_SYNCED:
          add_rate (t, n, f->received);
          definition = g_strconcat (mc_figure_definition (figure), " Tỷ lệ: ", mc_figures_synced_share_definition, NULL);
          break;
        case MC_FIGURE_RECEIVED_DIGITISED:
          add_rate (t, n, f->received);
          definition = g_strconcat (mc_figure_definition (figure), " Tỷ lệ: ",
                                    mc_figures_received_digitised_share_definition, NULL);
          break;
        case MC_FIGURE_RESULT_DIGITISED:
          add_rate (t, n, f->finished);
          definition = g_strconcat (mc_figure_definition (figure), " Tỷ lệ: ",
                                    mc_figures_result_digitised_share_definition, NULL);
          break;
        case MC_FIGURE_RATED_VERY_SATISFIED:
        case MC_FIGURE_RATED_SATISFIED:
        case MC_FIGURE_RATED_NOT_SATISFIED:
          add_rate (t, n, f->rated);
          break;
        case MC_FIGURE_FINISHED_EARLY:
        case MC_FIGURE_FINISHED_ON_TIME:
        case MC_FIGURE_FINISHED_LATE:
          add_rate (t, n, f->finished);
          break;
        case MC_FIGURE_FINISHED_IN_TIME:
          add_rate (t, n, f->finished);
          definition = g_strconcat (mc_figure_definition (figure), " Tỷ lệ đúng hạn: ",
                                    mc_figures_on_time_rate_definition, NULL);
          break;
        default:
          add_empty (t);
          break;
        }
      add_text (t, definition != NULL ? definition : mc_figure_definition (figure));

      if (figure == MC_FIGURE_FINISHED_LATE)
        {
          add_text (t, "Thời gian giải quyết trung bình");
          add_count (t, f->handled);
          add_days (t, f->handling_seconds, f->handled, f->daily_working_seconds);
          add_text (t, mc_figures_handling_definition);
        }
      if (figure == MC_FIGURE_RATED_NOT_SATISFIED)
        {
          add_text (t, "Tỷ lệ hài lòng");
          add_count (t, f->rated_very_satisfied + f->rated_satisfied);
          add_rate (t, f->rated_very_satisfied + f->rated_satisfied, f->rated);
          add_text (t, mc_figures_satisfaction_definition);
        }
    }
  return t;
}

static Table *
months_table (const McDashboard *dashboard)
{
  static const char * const headers[] = {
    "Tháng", "Có kết quả", "Trước hạn", "Đúng hạn", "Quá hạn", "Tỷ lệ trước và đúng hạn",
  };
  static const double weights[] = { 16, 15, 15, 15, 15, 24 };
  Table *t = table_new (MC_REPORT_TABLE_MONTHS, 6);

  set_columns (t, headers, weights);
  for (guint i = 0; i < dashboard->months->len; i++)
    {
      const McMonthFigures *m = &g_array_index (dashboard->months, McMonthFigures, i);
      g_autofree char *month = g_strdup_printf ("%02d/%04d", m->month, m->year);

      add_text (t, month);
      add_count (t, m->finished);
      add_count (t, m->finished_early);
      add_count (t, m->finished_on_time);
      add_count (t, m->finished_late);
      add_rate (t, m->finished_early + m->finished_on_time, m->finished);
    }
  return t;
}

static Table *
weeks_table (const McDashboard *dashboard)
{
  static const char * const headers[] = { "Từ ngày", "Đến ngày", "Tiếp nhận", "Đã giải quyết" };
  static const double weights[] = { 25, 25, 25, 25 };
  Table *t = table_new (MC_REPORT_TABLE_WEEKS, 4);

  set_columns (t, headers, weights);
  for (guint i = 0; i < dashboard->weeks->len; i++)
    {
      const McWeekFigures *w = &g_array_index (dashboard->weeks, McWeekFigures, i);
      g_autofree char *first = mc_day_format_vi (w->first);
      g_autofree char *last = mc_day_format_vi (w->last);

      add_text (t, first);
      add_text (t, last);
      add_count (t, w->received);
      add_count (t, w->finished);
    }
  return t;
}

static Table *
lateness_table (const McDashboard *dashboard)
{
  static const char * const headers[] = { "Số ngày làm việc đã quá hạn", "Số hồ sơ", "Tỷ lệ" };
  static const double weights[] = { 40, 30, 30 };
  Table *t = table_new (MC_REPORT_TABLE_LATENESS, 3);

  set_columns (t, headers, weights);
  for (guint i = 0; i < MC_LATENESS_N_BUCKETS; i++)
    {
      add_text (t, mc_lateness_bucket_describe (i));
      add_count (t, dashboard->lateness.counts[i]);
      add_rate (t, dashboard->lateness.counts[i], dashboard->lateness.total);
    }
  add_text (t, "Tổng cộng");
  add_count (t, dashboard->lateness.total);
  add_rate (t, dashboard->lateness.total, dashboard->lateness.total);
  t->last_is_total = TRUE;
  return t;
}

static Table *
breakdown_table (const McDashboard *dashboard,
                 McReportTable      table)
{
  static const char * const number_headers[] = {
    "Tiếp nhận", "Có kết quả", "Trước và đúng hạn", "Quá hạn", "Tỷ lệ đúng hạn", "Đang quá hạn",
    "Thời gian giải quyết TB (ngày)",
  };
  static const double number_weights[] = { 10, 10, 11, 9, 10, 10, 12 };
  McBreakdownKind kind = table_breakdown (table);
  GPtrArray *rows = dashboard->breakdowns[kind];
  gboolean with_code = kind == MC_BREAKDOWN_FIELD || kind == MC_BREAKDOWN_PROCEDURE;
  McBreakdownRow total = { 0 };
  Table *t;
  guint c = 0;

  if (rows == NULL)
    return NULL;
  t = table_new (table, (with_code ? 2 : 1) + G_N_ELEMENTS (number_headers));
  if (with_code)
    {
      t->headers[c] = "Mã";
      t->weights[c++] = 9;
    }
  t->headers[c] = mc_breakdown_kind_describe (kind);
  t->weights[c++] = with_code ? 28 : 36;
  for (guint i = 0; i < G_N_ELEMENTS (number_headers); i++, c++)
    {
      t->headers[c] = number_headers[i];
      t->weights[c] = number_weights[i];
    }

  for (guint i = 0; i <= rows->len; i++)
    {
      const McBreakdownRow *row = i < rows->len ? g_ptr_array_index (rows, i) : &total;

      if (i < rows->len)
        {
          total.received += row->received;
          total.finished += row->finished;
          total.finished_early += row->finished_early;
          total.finished_on_time += row->finished_on_time;
          total.finished_late += row->finished_late;
          total.overdue += row->overdue;
          total.handled += row->handled;
          total.handling_seconds += row->handling_seconds;
        }
      if (with_code)
        add_text (t, i < rows->len ? row->key : "");
      add_text (t, i < rows->len ? row->label : "Tổng cộng");
      add_count (t, row->received);
      add_count (t, row->finished);
      add_count (t, mc_breakdown_row_in_time (row));
      add_count (t, row->finished_late);
      add_rate (t, mc_breakdown_row_in_time (row), row->finished);
      add_count (t, row->overdue);
      add_days (t, row->handling_seconds, row->handled, dashboard->figures.daily_working_seconds);
    }
  t->last_is_total = TRUE;
  return t;
}

static Table *
build_table (const McDashboard *dashboard,
             McReportTable      table)
{
  switch (table)
    {
    case MC_REPORT_TABLE_FIGURES: return figures_table (dashboard);
    case MC_REPORT_TABLE_MONTHS: return months_table (dashboard);
    case MC_REPORT_TABLE_WEEKS: return weeks_table (dashboard);
    case MC_REPORT_TABLE_LATENESS: return lateness_table (dashboard);
    case MC_REPORT_TABLE_BY_FIELD:
    case MC_REPORT_TABLE_BY_PROCEDURE:
    case MC_REPORT_TABLE_BY_AGENCY:
    case MC_REPORT_TABLE_BY_CLERK:
      return breakdown_table (dashboard, table);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A number with a decimal comma and one decimal. */
static char *
decimal_vi (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *point;

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  point = strchr (buffer, '.');
  if (point != NULL)
    *point = ',';
  return g_strdup (buffer);
}

/* As the PDF prints it (markup). */
static char *
cell_markup (const Cell *cell,
             gboolean    bold)
{
  g_autofree char *text = NULL;

  switch (cell->kind)
    {
    case CELL_TEXT:
      text = g_markup_escape_text (cell->text, -1);
      break;
    case CELL_COUNT:
      text = mc_figures_format_count ((gint64) cell->number);
      break;
    case CELL_RATE:
      {
        g_autofree char *rate = mc_figures_format_rate (cell->part, cell->whole);   /* may be "< 0,1 %" */

        text = g_markup_escape_text (rate, -1);
      }
      break;
    case CELL_DAYS:
      text = decimal_vi (cell->number);
      break;
    case CELL_NONE:
    default:
      text = g_strdup ("—");
      break;
    }
  return bold ? g_strdup_printf ("<b>%s</b>", text) : g_steal_pointer (&text);
}

/* As CSV writes it: a rate with the decimals that keep it from reading 100 or 0 when it is
 * not (99.99 rather than 100.0). */
static char *
cell_csv (const Cell *cell)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (cell->kind)
    {
    case CELL_TEXT:
      return g_strdup (cell->text);
    case CELL_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) cell->number);
    case CELL_RATE:
      {
        /* Rounded once, in decimal digits, so that the digits are those the count of
         * decimals was chosen for. */
        guint decimals = mc_figures_rate_decimals (cell->part, cell->whole);
        double scaled = floor (cell->number * 100.0 * pow (10.0, decimals) + 0.5);
        g_autofree char *digits = g_strdup_printf ("%0*.0f", (int) decimals + 1, scaled);
        gsize n = strlen (digits);

        return g_strdup_printf ("%.*s.%s", (int) (n - decimals), digits, digits + n - decimals);
      }
    case CELL_DAYS:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", cell->number));
    case CELL_NONE:
    default:
      return g_strdup ("");
    }
}

/* CSV. */

char *
mc_report_table_to_csv (const McDashboard *dashboard,
                        McReportTable      table)
{
  g_autoptr(Table) t = NULL;
  GString *out;
  const char *fields[MAX_COLUMNS];
  char *headers[MAX_COLUMNS];
  gboolean is_text[MAX_COLUMNS];

  g_return_val_if_fail (dashboard != NULL, NULL);
  g_return_val_if_fail (table <= MC_REPORT_TABLE_LAST, NULL);

  if ((t = build_table (dashboard, table)) == NULL)
    return NULL;
  out = mc_csv_new ();
  for (guint c = 0; c < t->n_columns; c++)
    {
      /* Plain numbers need their unit in the heading. */
      gboolean rates = FALSE, days = FALSE;

      for (guint r = 0; r < table_n_rows (t); r++)
        {
          rates |= table_cell (t, r, c)->kind == CELL_RATE;
          days |= table_cell (t, r, c)->kind == CELL_DAYS;
        }
      headers[c] = rates && days ? g_strconcat (t->headers[c], " (% hoặc ngày làm việc)", NULL)
                   : rates ? g_strconcat (t->headers[c], " (%)", NULL)
                   : days && strstr (t->headers[c], "ngày") == NULL ? g_strconcat (t->headers[c], " (ngày làm việc)", NULL)
                   : g_strdup (t->headers[c]);
      fields[c] = headers[c];
    }
  mc_csv_line (out, fields, NULL, t->n_columns);
  for (guint c = 0; c < t->n_columns; c++)
    g_free (headers[c]);
  for (guint r = 0; r < table_n_rows (t); r++)
    {
      char *values[MAX_COLUMNS];

      for (guint c = 0; c < t->n_columns; c++)
        {
          const Cell *cell = table_cell (t, r, c);

          values[c] = cell_csv (cell);
          fields[c] = values[c];
          is_text[c] = cell->kind == CELL_TEXT;
        }
      mc_csv_line (out, fields, is_text, t->n_columns);
      for (guint c = 0; c < t->n_columns; c++)
        g_free (values[c]);
    }
  return g_string_free (out, FALSE);
}

gboolean
mc_report_write_csv (const McDashboard  *dashboard,
                     McReportTable       table,
                     const char         *path,
                     GError            **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (dashboard != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = mc_report_table_to_csv (dashboard, table);
  if (csv == NULL)
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE,
                   _("The table “%s” was not loaded for this report"), mc_report_table_to_string (table));
      return FALSE;
    }
  return mc_csv_write_file (path, csv, error);
}

/* XLSX. */

static gboolean
xlsx_failed (lxw_error   status,
             const char *path,
             GError    **error)
{
  if (status == LXW_NO_ERROR)
    return FALSE;
  g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE, _("Cannot write the spreadsheet “%s”: %s"),
               path, lxw_strerror (status));
  return TRUE;
}

/* Sheet names: at most 31 characters, none of []:*?/\ (the table names have none). */
static const char * const sheet_names[] = {
  "Chỉ số", "Theo tháng", "Theo tuần", "Quá hạn", "Theo lĩnh vực", "Theo thủ tục", "Theo cơ quan", "Theo cán bộ",
};

G_STATIC_ASSERT (G_N_ELEMENTS (sheet_names) == MC_REPORT_TABLE_LAST + 1);

/* The per-cent formats by decimals, plain and bold, made when first needed: a rate keeps its
 * exact value, shown with the decimals that keep 9 999 of 10 000 from reading 100.0%. */
#define MAX_RATE_DECIMALS 9

typedef struct
{
  lxw_workbook *workbook;
  lxw_format   *formats[2][MAX_RATE_DECIMALS + 1];
} RateFormats;

static lxw_format *
rate_format (RateFormats *rates,
             const Cell  *cell,
             gboolean     bold)
{
  guint decimals = MIN (mc_figures_rate_decimals (cell->part, cell->whole), MAX_RATE_DECIMALS);
  lxw_format **format = &rates->formats[bold ? 1 : 0][decimals];

  if (*format == NULL)
    {
      g_autofree char *zeros = g_strnfill (decimals, '0');
      g_autofree char *pattern = g_strdup_printf ("0.%s%%", zeros);

      *format = workbook_add_format (rates->workbook);
      if (bold)
        format_set_bold (*format);
      format_set_num_format (*format, pattern);
    }
  return *format;
}

gboolean
mc_report_write_xlsx (const McDashboard       *dashboard,
                      const McOfficeSettings  *settings,
                      McTime                   printed_at,
                      const char              *path,
                      GError                 **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *workbook;
  lxw_format *title, *header, *days, *count, *bold_count, *bold_text, *bold_days, *wrap;
  RateFormats rates = { NULL, { { NULL } } };
  g_autofree char *period = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *at = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (dashboard != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workbook = workbook_new_opt (path, &options);
  if (workbook == NULL)
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE, _("Cannot create the spreadsheet “%s”"), path);
      return FALSE;
    }
  title = workbook_add_format (workbook);
  format_set_bold (title);
  format_set_font_size (title, 13);
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_text_wrap (header);
  format_set_align (header, LXW_ALIGN_CENTER);
  format_set_align (header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border (header, LXW_BORDER_THIN);
  wrap = workbook_add_format (workbook);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  count = workbook_add_format (workbook);
  format_set_num_format (count, "#,##0");
  rates.workbook = workbook;
  days = workbook_add_format (workbook);
  format_set_num_format (days, "0.0");
  bold_text = workbook_add_format (workbook);
  format_set_bold (bold_text);
  bold_count = workbook_add_format (workbook);
  format_set_bold (bold_count);
  format_set_num_format (bold_count, "#,##0");
  bold_days = workbook_add_format (workbook);
  format_set_bold (bold_days);
  format_set_num_format (bold_days, "0.0");

  period = mc_period_describe (&dashboard->period);
  first = mc_day_format_vi (dashboard->period.first);
  last = mc_day_format_vi (dashboard->period.last);
  at = mc_time_format_local (printed_at != MC_TIME_NONE ? printed_at : mc_time_now ());
  subtitle = g_strdup_printf ("%s (từ %s đến %s); số liệu tại thời điểm %s", period, first, last, at);

  for (int table = 0; table <= MC_REPORT_TABLE_LAST; table++)
    {
      g_autoptr(Table) t = build_table (dashboard, table);
      lxw_worksheet *sheet;
      guint first_row = 4;

      if (t == NULL)
        continue;
      sheet = workbook_add_worksheet (workbook, sheet_names[table]);
      worksheet_write_string (sheet, 0, 0, settings->office_name != NULL ? settings->office_name : "", title);
      worksheet_write_string (sheet, 1, 0, mc_report_table_describe (table), title);
      worksheet_write_string (sheet, 2, 0, subtitle, NULL);
      for (guint c = 0; c < t->n_columns; c++)
        {
          worksheet_write_string (sheet, first_row - 1 + 0, (lxw_col_t) c, t->headers[c], header);
          worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c,
                                t->table == MC_REPORT_TABLE_FIGURES && c == 3 ? 90 : MAX (10.0, t->weights[c] * 1.4),
                                t->table == MC_REPORT_TABLE_FIGURES && c == 3 ? wrap : NULL);
        }
      worksheet_set_row (sheet, first_row - 1, 32, NULL);
      for (guint r = 0; r < table_n_rows (t); r++)
        {
          gboolean bold = t->last_is_total && r + 1 == table_n_rows (t);
          lxw_row_t row = (lxw_row_t) (first_row + r);

          for (guint c = 0; c < t->n_columns; c++)
            {
              const Cell *cell = table_cell (t, r, c);
              lxw_col_t col = (lxw_col_t) c;

              switch (cell->kind)
                {
                case CELL_TEXT:
                  worksheet_write_string (sheet, row, col, cell->text,
                                          bold ? bold_text : t->table == MC_REPORT_TABLE_FIGURES && c == 3 ? wrap : NULL);
                  break;
                case CELL_COUNT:
                  worksheet_write_number (sheet, row, col, cell->number, bold ? bold_count : count);
                  break;
                case CELL_RATE:
                  worksheet_write_number (sheet, row, col, cell->number, rate_format (&rates, cell, bold));
                  break;
                case CELL_DAYS:
                  worksheet_write_number (sheet, row, col, cell->number, bold ? bold_days : days);
                  break;
                case CELL_NONE:
                default:
                  break;
                }
            }
        }
      worksheet_freeze_panes (sheet, (lxw_row_t) first_row, 0);
    }

  return !xlsx_failed (workbook_close (workbook), path, error);
}

/* The PDF. */

struct _McReport
{
  const McOfficeSettings *settings;    /* borrowed */
  const McDashboard      *dashboard;   /* borrowed */
  McTime                  printed_at;
  McChartStyle            chart_style;
};

McReport *
mc_report_new (const McOfficeSettings *settings,
               const McDashboard      *dashboard,
               McTime                  printed_at)
{
  McReport *report;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (dashboard != NULL, NULL);

  report = g_new0 (McReport, 1);
  report->settings = settings;
  report->dashboard = dashboard;
  report->printed_at = printed_at != MC_TIME_NONE ? printed_at : mc_time_now ();
  mc_chart_style_init (&report->chart_style, FALSE);
  report->chart_style.font_size = 7.5;
  return report;
}

void
mc_report_free (McReport *report)
{
  g_free (report);
}

typedef struct
{
  const Table *table;
  double       widths[MAX_COLUMNS];
  const char  *headers[MAX_COLUMNS];
} PdfTable;

static const PangoAlignment centred[MAX_COLUMNS] = {
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
};

static void
repeat_header (McFormPage *page,
               gpointer    user_data)
{
  PdfTable *pdf = user_data;

  mc_form_page_table_row (page, pdf->headers, pdf->widths, centred, pdf->table->n_columns);
}

static void
number_page (McFormPage *page,
             gpointer    user_data)
{
  mc_form_page_number (page);
}

/* A table whose header row starts every page it runs onto. */
static void
draw_table (McFormPage  *page,
            const Table *t)
{
  PdfTable pdf = { .table = t };
  char *header_markup[MAX_COLUMNS] = { NULL };
  PangoAlignment aligns[MAX_COLUMNS];
  double total = 0;

  for (guint c = 0; c < t->n_columns; c++)
    total += t->weights[c];
  for (guint c = 0; c < t->n_columns; c++)
    {
      pdf.widths[c] = page->width * t->weights[c] / total;
      header_markup[c] = g_markup_printf_escaped ("<b>%s</b>", t->headers[c]);
      pdf.headers[c] = header_markup[c];
    }

  mc_form_page_need (page, mc_form_page_row_height (page, pdf.headers, pdf.widths, t->n_columns) * 2);
  repeat_header (page, &pdf);
  page->page_top = repeat_header;
  page->user_data = &pdf;
  for (guint r = 0; r < table_n_rows (t); r++)
    {
      gboolean bold = t->last_is_total && r + 1 == table_n_rows (t);
      char *cells[MAX_COLUMNS];

      for (guint c = 0; c < t->n_columns; c++)
        {
          const Cell *cell = table_cell (t, r, c);

          cells[c] = cell_markup (cell, bold);
          aligns[c] = cell->kind == CELL_TEXT ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
        }
      mc_form_page_need (page, mc_form_page_row_height (page, (const char * const *) cells, pdf.widths, t->n_columns));
      mc_form_page_table_row (page, (const char * const *) cells, pdf.widths, aligns, t->n_columns);
      for (guint c = 0; c < t->n_columns; c++)
        g_free (cells[c]);
    }
  page->page_top = NULL;
  page->user_data = NULL;
  for (guint c = 0; c < t->n_columns; c++)
    g_clear_pointer (&header_markup[c], g_free);
  page->y += page->size * 0.6;
}

static void
heading (McFormPage *page,
         const char *text,
         double      keep)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);

  /* A heading stays with the first @keep points of what follows it. */
  mc_form_page_need (page, page->size * 2 + keep);
  mc_form_page_para (page, PANGO_ALIGN_LEFT, 1.0, markup);
  page->y += page->size * 0.3;
}

typedef enum
{
  CHART_MONTHS,
  CHART_WEEKS,
  CHART_LATENESS,
} ChartKind;

static void
chart (McReport   *report,
       McFormPage *page,
       const char *title,
       ChartKind   kind)
{
  const McDashboard *d = report->dashboard;
  g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", title);

  mc_form_page_need (page, CHART_HEIGHT + page->size * 2.5);
  mc_form_page_para (page, PANGO_ALIGN_LEFT, 0.95, markup);
  if (page->draw)
    {
      cairo_save (page->cr);
      switch (kind)
        {
        case CHART_MONTHS:
          mc_chart_draw_on_time_by_month (page->cr, &report->chart_style, page->left, page->y, page->width, CHART_HEIGHT,
                                          (const McMonthFigures *) d->months->data, d->months->len);
          break;
        case CHART_WEEKS:
          mc_chart_draw_received_finished (page->cr, &report->chart_style, page->left, page->y, page->width,
                                           CHART_HEIGHT, (const McWeekFigures *) d->weeks->data, d->weeks->len);
          break;
        case CHART_LATENESS:
        default:
          mc_chart_draw_lateness (page->cr, &report->chart_style, page->left, page->y, page->width, CHART_HEIGHT,
                                  &d->lateness);
          break;
        }
      cairo_restore (page->cr);
    }
  page->y += CHART_HEIGHT + page->size * 0.8;
}

static guint
layout (McReport *report,
        cairo_t  *cr,
        double    width_pt,
        double    height_pt,
        gboolean  drawing,
        int       only_page,
        guint     n_pages)
{
  const McDashboard *d = report->dashboard;
  McFormPage page = { 0 };
  g_autofree char *date_line = mc_form_date_line (report->settings, report->printed_at);
  g_autofree char *period = mc_period_describe (&d->period);
  g_autofree char *period_upper = NULL;
  g_autofree char *first = mc_day_format_vi (d->period.first);
  g_autofree char *last = mc_day_format_vi (d->period.last);
  g_autofree char *at = mc_time_format_slip (report->printed_at);
  g_autofree char *date_markup = g_markup_printf_escaped ("<i>%s</i>", date_line);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  static const McFormSignature signatures[] = {
    { "<b>NGƯỜI LẬP BÁO CÁO</b>\n<i>(Ký, ghi rõ họ tên)</i>", NULL },
    { "<b>THỦ TRƯỞNG ĐƠN VỊ</b>\n<i>(Ký, ghi rõ họ tên, đóng dấu)</i>", NULL },
  };
  guint section = 0, n;
  static const char * const numerals[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X" };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  mc_form_page_begin (&page, cr, width_pt, height_pt, REPORT_FONT_SIZE, drawing, only_page);
  page.n_pages = n_pages;
  page.page_bottom = number_page;

  mc_form_page_header (&page, report->settings, NULL, date_markup);
  period_upper = g_utf8_strup (period, -1);
  title = g_markup_printf_escaped ("<b>BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH\n%s</b>",
                                   period_upper);
  subtitle = g_markup_printf_escaped ("<i>(Từ ngày %s đến ngày %s; số liệu tại thời điểm %s)</i>", first, last, at);
  mc_form_page_para (&page, PANGO_ALIGN_CENTER, 1.15, title);
  mc_form_page_para (&page, PANGO_ALIGN_CENTER, 0.95, subtitle);
  page.y += page.size * 0.8;

  {
    g_autoptr(Table) t = build_table (d, MC_REPORT_TABLE_FIGURES);
    g_autofree char *h = g_strdup_printf ("%s. CÁC CHỈ SỐ (Quyết định 766/QĐ-TTg)", numerals[section++]);

    heading (&page, h, page.size * 6);
    draw_table (&page, t);
    mc_form_page_para (&page, PANGO_ALIGN_LEFT, 0.85,
                       "<i>Chưa thống kê: tỷ lệ kết quả giải quyết được cấp dưới dạng điện tử và tỷ lệ thanh toán "
                       "trực tuyến (phần mềm một cửa chưa ghi nhận các thông tin này).</i>");
    page.y += page.size * 0.6;
  }

  {
    g_autofree char *h = g_strdup_printf ("%s. BIỂU ĐỒ", numerals[section++]);

    heading (&page, h, CHART_HEIGHT + page.size * 2.5);
    chart (report, &page, "1. Tỷ lệ giải quyết trước và đúng hạn theo tháng", CHART_MONTHS);
    chart (report, &page, "2. Hồ sơ tiếp nhận và hồ sơ có kết quả theo tuần", CHART_WEEKS);
    chart (report, &page, "3. Hồ sơ đang quá hạn theo số ngày làm việc đã quá hạn", CHART_LATENESS);
  }

  for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
    {
      McReportTable table = mc_report_table_for_breakdown (kind);
      g_autoptr(Table) t = build_table (d, table);
      g_autofree char *upper = NULL;
      g_autofree char *h = NULL;

      if (t == NULL)
        continue;
      upper = g_utf8_strup (mc_report_table_describe (table), -1);
      h = g_strdup_printf ("%s. %s", numerals[section++], upper);
      heading (&page, h, page.size * 6);
      draw_table (&page, t);
    }

  {
    g_autofree char *h = g_strdup_printf ("%s. SỐ LIỆU CỦA BIỂU ĐỒ", numerals[section++]);
    g_autoptr(Table) months = build_table (d, MC_REPORT_TABLE_MONTHS);
    g_autoptr(Table) lateness = build_table (d, MC_REPORT_TABLE_LATENESS);
    g_autoptr(Table) weeks = build_table (d, MC_REPORT_TABLE_WEEKS);

    heading (&page, h, page.size * 6);
    mc_form_page_para (&page, PANGO_ALIGN_LEFT, 0.95, "<i>1. Theo tháng</i>");
    draw_table (&page, months);
    mc_form_page_para (&page, PANGO_ALIGN_LEFT, 0.95, "<i>2. Hồ sơ đang quá hạn</i>");
    draw_table (&page, lateness);
    mc_form_page_para (&page, PANGO_ALIGN_LEFT, 0.95, "<i>3. Theo tuần</i>");
    draw_table (&page, weeks);
  }

  mc_form_page_need (&page, mc_form_page_signatures_height (&page, signatures, G_N_ELEMENTS (signatures)));
  mc_form_page_signatures (&page, signatures, G_N_ELEMENTS (signatures));
  n = mc_form_page_end (&page);
  cairo_restore (cr);
  return n;
}

guint
mc_report_count_pages (McReport *report,
                       cairo_t  *cr,
                       double    width_pt,
                       double    height_pt)
{
  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  return layout (report, cr, width_pt, height_pt, FALSE, -1, 0);
}

void
mc_report_draw_page (McReport *report,
                     cairo_t  *cr,
                     double    width_pt,
                     double    height_pt,
                     guint     page_nr)
{
  guint n_pages;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = layout (report, cr, width_pt, height_pt, FALSE, -1, 0);
  layout (report, cr, width_pt, height_pt, TRUE, (int) page_nr, n_pages);
}

static void
draw_all (cairo_t  *cr,
          double    width_pt,
          double    height_pt,
          gpointer  user_data)
{
  McReport *report = user_data;
  guint n_pages = layout (report, cr, width_pt, height_pt, FALSE, -1, 0);

  layout (report, cr, width_pt, height_pt, TRUE, -1, n_pages);
  cairo_show_page (cr);
}

gboolean
mc_report_render_pdf (McReport    *report,
                      const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return mc_form_write_pdf (path, MC_A4_SHORT_PT, MC_A4_LONG_PT, "Báo cáo tình hình giải quyết thủ tục hành chính",
                            draw_all, report, error);
}
