/* The period report and its charts, drawn from a dashboard made by hand (the print layer
 * knows nothing of the store): the PDF shows the figures with their counts and definitions,
 * the charts with a number on every bar, the breakdown tables and the office heading; the
 * CSV is what a spreadsheet reads (byte order mark, CRLF, quoting, no formulas run); the
 * XLSX holds every table with numbers as numbers; the charts stay readable on a dark
 * background and map a click back to its bar. PDF text is read with pdftotext and XLSX
 * cells with python3's standard library; those checks are skipped without them.
 */
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "mc-charts.h"
#include "mc-report.h"

#define DAILY (8 * 3600)

typedef struct
{
  char             *dir;
  McOfficeSettings *settings;
  McDashboard      *dashboard;
} Fixture;

static McBreakdownRow *
row (const char *key,
     const char *label,
     gint64      received,
     gint64      early,
     gint64      on_time,
     gint64      late,
     gint64      overdue,
     double      days)
{
  McBreakdownRow *r = mc_breakdown_row_new (key, label);

  r->received = received;
  r->finished_early = early;
  r->finished_on_time = on_time;
  r->finished_late = late;
  r->finished = early + on_time + late;
  r->overdue = overdue;
  r->handled = r->finished;
  r->handling_seconds = (gint64) llround (days * DAILY * (double) r->finished);
  return r;
}

/* March 2026: 1 234 received (617 with scanned documents), 1 000 finished (200 early, 734 on
 * time, 66 late; 640 results scanned), 700 rated at their return (400 very satisfied, 280
 * satisfied, 20 not), 12 overdue. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  McPeriod march;
  McDashboardFigures *fig;
  McMonthFigures month = { 2026, 3, 1000, 200, 734, 66 };
  GPtrArray *procedures, *clerks;

  f->dir = g_dir_make_tmp ("motcua-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->settings = mc_office_settings_new_default ();
  g_free (f->settings->office_name);
  f->settings->office_name = g_strdup ("Bộ phận Một cửa UBND xã Minh Tân");

  g_assert_true (mc_period_month (2026, 3, &march, NULL));
  f->dashboard = mc_dashboard_new (&march);
  fig = &f->dashboard->figures;
  fig->now = mc_time_from_local (march.last, 17 * 3600);
  fig->received = 1234;
  fig->received_by_status[MC_STATUS_RETURNED] = 1000;
  fig->received_by_status[MC_STATUS_IN_PROCESSING] = 234;
  fig->received_online = 400;
  fig->received_synced = 1200;
  fig->received_digitised = 617;
  fig->finished = 1000;
  fig->result_digitised = 640;
  fig->rated = 700;
  fig->rated_very_satisfied = 400;
  fig->rated_satisfied = 280;
  fig->rated_not_satisfied = 20;
  fig->finished_early = 200;
  fig->finished_on_time = 734;
  fig->finished_late = 66;
  fig->handled = 1000;
  fig->handling_seconds = (gint64) 2600 * DAILY;
  fig->daily_working_seconds = DAILY;
  fig->in_processing = 50;
  fig->waiting_supplement = 5;
  fig->waiting_payment = 2;
  fig->waiting = 7;
  fig->due_soon = 9;
  fig->overdue = 12;
  g_array_append_val (f->dashboard->months, month);
  for (McDay monday = march.first - (mc_day_weekday (march.first) - 1), i = 0; monday <= march.last; monday += 7, i++)
    {
      McWeekFigures week = { MAX (monday, march.first), MIN (monday + 6, march.last), 250 + i, 200 + i };

      g_array_append_val (f->dashboard->weeks, week);
    }
  f->dashboard->lateness.now = fig->now;
  f->dashboard->lateness.counts[0] = 5;
  f->dashboard->lateness.counts[1] = 4;
  f->dashboard->lateness.counts[2] = 2;
  f->dashboard->lateness.counts[3] = 1;
  f->dashboard->lateness.total = 12;

  procedures = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_breakdown_row_free);
  g_ptr_array_add (procedures, row ("1.001193", "Đăng ký khai sinh", 700, 100, 460, 40, 7, 2.0));
  g_ptr_array_add (procedures, row ("2.000815", "Chứng thực bản sao, \"bản chính\"", 534, 100, 274, 26, 5, 3.5));
  f->dashboard->breakdowns[MC_BREAKDOWN_PROCEDURE] = procedures;
  clerks = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_breakdown_row_free);
  g_ptr_array_add (clerks, row ("an.nguyen", "an.nguyen", 700, 100, 460, 40, 7, 2.0));
  g_ptr_array_add (clerks, row ("=cmd", "=cmd", 534, 100, 274, 26, 5, 3.5));
  f->dashboard->breakdowns[MC_BREAKDOWN_CLERK] = clerks;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  mc_office_settings_free (f->settings);
  mc_dashboard_free (f->dashboard);
}

/* Whitespace runs made one space, so a phrase is found wherever pdftotext breaks it. */
static char *
flatten (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has (const char *text,
     const char *part)
{
  g_autofree char *flat_text = flatten (text);
  g_autofree char *flat_part = flatten (part);

  return strstr (flat_text, flat_part) != NULL;
}

static void
assert_has (const char *text,
            const char *part)
{
  if (!has (text, part))
    g_error ("“%s” not found in:\n%s", part, text);
}

/* The text of @pdf, or NULL (the test is skipped) without pdftotext. */
static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  g_spawn_sync (NULL, (char *[]) { program, (char *) pdf, (char *) "-", NULL }, NULL,
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_pdf_shows_figures_charts_and_tables (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(McReport) report = mc_report_new (f->settings, f->dashboard, f->dashboard->figures.now);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;

  g_assert_true (mc_report_render_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  surface = cairo_pdf_surface_create (NULL, MC_A4_SHORT_PT, MC_A4_LONG_PT);
  cr = cairo_create (surface);
  n_pages = mc_report_count_pages (report, cr, MC_A4_SHORT_PT, MC_A4_LONG_PT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n_pages, >=, 2);

  if ((text = pdf_text (path)) == NULL)
    return;
  /* The heading of an administrative document, the title and the period. */
  assert_has (text, "BỘ PHẬN MỘT CỬA UBND XÃ MINH TÂN");
  assert_has (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  assert_has (text, "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH");
  assert_has (text, "THÁNG 03/2026");
  assert_has (text, "Từ ngày 01/03/2026 đến ngày 31/03/2026");
  /* Each figure with its count, its rate and its definition. */
  assert_has (text, "Hồ sơ tiếp nhận");
  assert_has (text, "1.234");
  assert_has (text, "Giải quyết trước và đúng hạn");
  assert_has (text, "93,4 %");
  assert_has (text, "32,4 %");                   /* online: 400 / 1 234 */
  assert_has (text, "Thời gian giải quyết trung bình");
  assert_has (text, "2,6");
  assert_has (text, "Tại thời điểm thống kê");
  /* Digitisation and satisfaction, with their shares. */
  assert_has (text, "Hồ sơ được số hóa");
  assert_has (text, "50,0 %");                   /* 617 / 1 234 */
  assert_has (text, "Kết quả được số hóa");
  assert_has (text, "64,0 %");
  assert_has (text, "Đánh giá không hài lòng");
  assert_has (text, "2,9 %");                    /* 20 / 700 */
  assert_has (text, "Tỷ lệ hài lòng");
  assert_has (text, "97,1 %");                   /* 680 / 700 */
  g_assert_false (has (text, "được số hóa, mức độ hài lòng"));
  assert_has (text, "Chưa thống kê: tỷ lệ kết quả giải quyết được cấp dưới dạng điện tử");
  /* The charts, with numbers on their bars and legends in words. */
  assert_has (text, "Tiếp nhận");
  assert_has (text, "Đã giải quyết");
  assert_has (text, "(1.000)");
  assert_has (text, "Trên 20 ngày");
  /* The breakdowns loaded, with their totals; those not loaded are left out. */
  assert_has (text, "SỐ LIỆU THEO THỦ TỤC HÀNH CHÍNH");
  assert_has (text, "Đăng ký khai sinh");
  assert_has (text, "SỐ LIỆU THEO CÁN BỘ TIẾP NHẬN");
  assert_has (text, "Tổng cộng");
  g_assert_false (has (text, "SỐ LIỆU THEO LĨNH VỰC"));
  /* Page numbers, and signatures at the end. */
  last_page = g_strdup_printf ("Trang %u/%u", n_pages, n_pages);
  assert_has (text, "Trang 1/");
  assert_has (text, last_page);
  assert_has (text, "THỦ TRƯỞNG ĐƠN VỊ");
}

static void
test_csv_is_what_a_spreadsheet_reads (Fixture *f, gconstpointer data)
{
  g_autofree char *clerks = mc_report_table_to_csv (f->dashboard, MC_REPORT_TABLE_BY_CLERK);
  g_autofree char *procedures = mc_report_table_to_csv (f->dashboard, MC_REPORT_TABLE_BY_PROCEDURE);
  g_autofree char *figures = mc_report_table_to_csv (f->dashboard, MC_REPORT_TABLE_FIGURES);
  g_autofree char *path = g_build_filename (f->dir, "clerks.csv", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (clerks, ==,
                   "\xEF\xBB\xBF"
                   "Cán bộ tiếp nhận,Tiếp nhận,Có kết quả,Trước và đúng hạn,Quá hạn,Tỷ lệ đúng hạn (%),"
                   "Đang quá hạn,Thời gian giải quyết TB (ngày)\r\n"
                   "an.nguyen,700,600,560,40,93.3,7,2.0\r\n"
                   "\"'=cmd\",534,400,374,26,93.5,5,3.5\r\n"
                   "Tổng cộng,1234,1000,934,66,93.4,12,2.6\r\n");
  /* A name with a comma and quotes stays one field. */
  g_assert_nonnull (strstr (procedures, "2.000815,\"Chứng thực bản sao, \"\"bản chính\"\"\",534,400,"));
  g_assert_true (g_str_has_prefix (procedures, "\xEF\xBB\xBFMã,Thủ tục hành chính,"));
  /* The figures: counts, rates in per cent, the handling time in days, the definitions. */
  g_assert_nonnull (strstr (figures, "Giải quyết trước và đúng hạn,934,93.4,"));
  g_assert_nonnull (strstr (figures, "Thời gian giải quyết trung bình,1000,2.6,"));
  g_assert_nonnull (strstr (figures, "Đang quá hạn,12,,"));
  g_assert_nonnull (strstr (figures, "Hồ sơ được số hóa,617,50.0,"));
  g_assert_nonnull (strstr (figures, "Kết quả được số hóa,640,64.0,"));
  g_assert_nonnull (strstr (figures, "Hồ sơ được đánh giá,700,,"));
  g_assert_nonnull (strstr (figures, "Đánh giá rất hài lòng,400,57.1,"));
  g_assert_nonnull (strstr (figures, "Tỷ lệ hài lòng,680,97.1,"));

  g_assert_true (mc_report_write_csv (f->dashboard, MC_REPORT_TABLE_BY_CLERK, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, clerks);
}

static void
test_tables_not_loaded_are_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "fields.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (mc_report_has_table (f->dashboard, MC_REPORT_TABLE_BY_FIELD));
  g_assert_true (mc_report_has_table (f->dashboard, MC_REPORT_TABLE_BY_CLERK));
  g_assert_true (mc_report_has_table (f->dashboard, MC_REPORT_TABLE_WEEKS));
  g_assert_null (mc_report_table_to_csv (f->dashboard, MC_REPORT_TABLE_BY_FIELD));
  g_assert_false (mc_report_write_csv (f->dashboard, MC_REPORT_TABLE_BY_FIELD, path, &error));
  g_assert_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* 19 999 satisfied of 20 000 rated is not everyone, and 1 displeased is not no one: the PDF
 * says "99,9 %" and "< 0,1 %", the CSV gives the decimals that keep the numbers true. */
static void
test_rates_near_all_or_nothing_stay_true (Fixture *f, gconstpointer data)
{
  McDashboardFigures *fig = &f->dashboard->figures;
  g_autofree char *path = g_build_filename (f->dir, "edges.pdf", NULL);
  g_autoptr(McReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;

  fig->rated = 20000;
  fig->rated_very_satisfied = 19999;
  fig->rated_satisfied = 0;
  fig->rated_not_satisfied = 1;
  csv = mc_report_table_to_csv (f->dashboard, MC_REPORT_TABLE_FIGURES);
  g_assert_nonnull (strstr (csv, "Tỷ lệ hài lòng,19999,99.995,"));
  g_assert_nonnull (strstr (csv, "Đánh giá không hài lòng,1,0.01,"));
  g_assert_nonnull (strstr (csv, "Đánh giá hài lòng,0,0.0,"));

  report = mc_report_new (f->settings, f->dashboard, fig->now);
  g_assert_true (mc_report_render_pdf (report, path, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (path)) == NULL)
    return;
  assert_has (text, "99,9 %");      /* no other figure of the fixture is near it */
  assert_has (text, "< 0,1 %");
}

/* The cells of @path as "sheet\tcell\ttype\tvalue" lines, or NULL (skipped) without python3. */
static char *
xlsx_cells (const char *path)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  const char *source_dir = g_getenv ("MOTCUA_SOURCE_DIR");
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (python == NULL || source_dir == NULL)
    {
      g_test_skip ("python3 is not installed, or MOTCUA_SOURCE_DIR is not set");
      return NULL;
    }
  script = g_build_filename (source_dir, "tests", "print", "read-xlsx.py", NULL);
  g_spawn_sync (NULL, (char *[]) { python, script, (char *) path, NULL }, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_line (const char *cells,
             const char *line)
{
  g_autofree char *with_ends = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *all = g_strconcat ("\n", cells, NULL);

  if (strstr (all, with_ends) == NULL)
    g_error ("cell “%s” not found in:\n%s", line, cells);
}

static void
test_xlsx_holds_every_table_with_numbers (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *head = NULL;

  g_assert_true (mc_report_write_xlsx (f->dashboard, f->settings, f->dashboard->figures.now, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "PK"));   /* a zip, as every XLSX */
  if ((cells = xlsx_cells (path)) == NULL)
    return;

  /* The office and the table heading each sheet; the headers on row 4, data from row 5. */
  assert_line (cells, "Chỉ số\tA1\ts\tBộ phận Một cửa UBND xã Minh Tân");
  assert_line (cells, "Chỉ số\tA5\ts\tHồ sơ tiếp nhận");
  assert_line (cells, "Chỉ số\tB5\tn\t1234");
  /* Rates are numbers (formatted as per cent), not text. */
  assert_line (cells, "Chỉ số\tB12\tn\t934");
  assert_line (cells, "Chỉ số\tC12\tn\t0.934");
  assert_line (cells, "Chỉ số\tA8\ts\tHồ sơ được số hóa");
  assert_line (cells, "Chỉ số\tC8\tn\t0.5");
  assert_line (cells, "Chỉ số\tA20\ts\tTỷ lệ hài lòng");
  assert_line (cells, "Chỉ số\tC20\tn\t0.971428571429");
  assert_line (cells, "Theo tháng\tA5\ts\t03/2026");
  assert_line (cells, "Quá hạn\tA9\ts\tTrên 20 ngày");
  assert_line (cells, "Quá hạn\tB10\tn\t12");
  assert_line (cells, "Theo thủ tục\tB6\ts\tChứng thực bản sao, \"bản chính\"");
  assert_line (cells, "Theo cán bộ\tA6\ts\t=cmd");
  assert_line (cells, "Theo cán bộ\tB7\tn\t1234");
  assert_line (cells, "Theo tuần\tC5\tn\t250");
  /* A breakdown that was not loaded has no sheet. */
  g_assert_null (strstr (cells, "Theo lĩnh vực"));
}

/* The text a chart drawn alone shows. */
static char *
chart_text (Fixture     *f,
            McChartKind  kind,
            gboolean     dark)
{
  g_autofree char *path = g_build_filename (f->dir, "chart.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 600, 260);
  cairo_t *cr = cairo_create (surface);
  McChartStyle style;
  const McDashboard *d = f->dashboard;

  mc_chart_style_init (&style, dark);
  switch (kind)
    {
    case MC_CHART_ON_TIME_BY_MONTH:
      mc_chart_draw_on_time_by_month (cr, &style, 10, 10, 580, 240, (const McMonthFigures *) d->months->data,
                                      d->months->len);
      break;
    case MC_CHART_RECEIVED_FINISHED_BY_WEEK:
      mc_chart_draw_received_finished (cr, &style, 10, 10, 580, 240, (const McWeekFigures *) d->weeks->data,
                                       d->weeks->len);
      break;
    case MC_CHART_OVERDUE_BY_LATENESS:
    default:
      mc_chart_draw_lateness (cr, &style, 10, 10, 580, 240, &d->lateness);
      break;
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pdf_text (path);
}

static void
test_charts_carry_their_numbers (Fixture *f, gconstpointer data)
{
  g_autofree char *months = chart_text (f, MC_CHART_ON_TIME_BY_MONTH, FALSE);
  g_autofree char *weeks = NULL;
  g_autofree char *lateness = NULL;

  if (months == NULL)
    return;
  assert_has (months, "93,4 %");
  assert_has (months, "03/2026");
  assert_has (months, "(1.000)");
  assert_has (months, "100 %");

  weeks = chart_text (f, MC_CHART_RECEIVED_FINISHED_BY_WEEK, TRUE);
  assert_has (weeks, "Tiếp nhận");
  assert_has (weeks, "Đã giải quyết");
  for (guint i = 0; i < f->dashboard->weeks->len; i++)
    {
      const McWeekFigures *w = &g_array_index (f->dashboard->weeks, McWeekFigures, i);
      g_autofree char *received = g_strdup_printf ("%" G_GINT64_FORMAT, w->received);
      g_autofree char *finished = g_strdup_printf ("%" G_GINT64_FORMAT, w->finished);

      assert_has (weeks, received);
      assert_has (weeks, finished);
    }

  lateness = chart_text (f, MC_CHART_OVERDUE_BY_LATENESS, FALSE);
  for (guint i = 0; i < MC_LATENESS_N_BUCKETS; i++)
    assert_has (lateness, mc_lateness_bucket_describe (i));
  assert_has (lateness, "5");
  assert_has (lateness, "4");
}

/* WCAG 2 relative luminance and contrast ratio. */
static double
luminance (const double rgba[4],
           const double background[3])
{
  double c[3];

  for (int i = 0; i < 3; i++)
    {
      double v = rgba[i] * rgba[3] + background[i] * (1 - rgba[3]);

      c[i] = v <= 0.03928 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (const double rgba[4],
          const double background[3])
{
  const double bg[4] = { background[0], background[1], background[2], 1.0 };
  double a = luminance (rgba, background), b = luminance (bg, background);

  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

static void
test_charts_are_readable_in_light_and_dark (void)
{
  /* Adwaita's window backgrounds. */
  static const double light_bg[3] = { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0 };
  static const double dark_bg[3] = { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0 };
  McChartStyle light, dark;

  mc_chart_style_init (&light, FALSE);
  mc_chart_style_init (&dark, TRUE);
  /* Text reads at 4.5:1, bars stand out at 3:1 (WCAG 2.1, 1.4.3 and 1.4.11). */
  g_assert_cmpfloat (contrast (light.foreground, light_bg), >=, 4.5);
  g_assert_cmpfloat (contrast (dark.foreground, dark_bg), >=, 4.5);
  for (int s = 0; s < 3; s++)
    {
      g_assert_cmpfloat (contrast (light.series[s], light_bg), >=, 3.0);
      g_assert_cmpfloat (contrast (dark.series[s], dark_bg), >=, 3.0);
    }
}

static void
test_chart_click_finds_its_bar (void)
{
  McChartStyle style;
  int series = -1;
  int previous = -1;

  mc_chart_style_init (&style, FALSE);
  /* Sweeping across twelve months meets each month once, in order. */
  for (double px = 0; px < 600; px += 1.0)
    {
      int item = mc_chart_item_at (MC_CHART_ON_TIME_BY_MONTH, &style, 12, 0, 0, 600, 200, px, 100, NULL);

      if (item < 0)
        continue;
      g_assert_true (item == previous || item == previous + 1);
      previous = item;
    }
  g_assert_cmpint (previous, ==, 11);
  /* Outside the rectangle: nothing. */
  g_assert_cmpint (mc_chart_item_at (MC_CHART_ON_TIME_BY_MONTH, &style, 12, 0, 0, 600, 200, 300, 250, NULL), ==, -1);
  g_assert_cmpint (mc_chart_item_at (MC_CHART_ON_TIME_BY_MONTH, &style, 12, 0, 0, 600, 200, 2, 100, NULL), ==, -1);
  /* A week's pair: received on the left, finished on the right of the slot's middle. */
  {
    double slot_left = style.font_size * 4.2;
    double slot = (600 - slot_left - style.font_size * 0.5) / 4;

    g_assert_cmpint (mc_chart_item_at (MC_CHART_RECEIVED_FINISHED_BY_WEEK, &style, 4, 0, 0, 600, 200,
                                       slot_left + slot * 2 + slot * 0.4, 100, &series), ==, 2);
    g_assert_cmpint (series, ==, 0);
    g_assert_cmpint (mc_chart_item_at (MC_CHART_RECEIVED_FINISHED_BY_WEEK, &style, 4, 0, 0, 600, 200,
                                       slot_left + slot * 2 + slot * 0.6, 100, &series), ==, 2);
    g_assert_cmpint (series, ==, 1);
  }
  /* The lateness chart always has its five buckets. */
  g_assert_cmpint (mc_chart_item_at (MC_CHART_OVERDUE_BY_LATENESS, &style, 0, 0, 0, 600, 200, 590, 100, NULL), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/pdf-shows-figures-charts-and-tables", test_pdf_shows_figures_charts_and_tables);
  ADD ("/report/csv-is-what-a-spreadsheet-reads", test_csv_is_what_a_spreadsheet_reads);
  ADD ("/report/tables-not-loaded-are-refused", test_tables_not_loaded_are_refused);
  ADD ("/report/xlsx-holds-every-table-with-numbers", test_xlsx_holds_every_table_with_numbers);
  ADD ("/report/rates-near-all-or-nothing-stay-true", test_rates_near_all_or_nothing_stay_true);
  ADD ("/charts/carry-their-numbers", test_charts_carry_their_numbers);
#undef ADD
  g_test_add_func ("/charts/readable-in-light-and-dark", test_charts_are_readable_in_light_and_dark);
  g_test_add_func ("/charts/click-finds-its-bar", test_chart_click_finds_its_bar);

  return g_test_run ();
}
