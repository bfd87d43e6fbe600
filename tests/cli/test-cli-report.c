/* test-cli-report.c — `motcua-cli report` run as a supervisor runs it, on a generated
 * database per test.
 *
 * The report's figures agree with `motcua-cli figures` (counted by mc_store_count, another
 * path through the store) and its breakdowns add up to them; the CSV, XLSX and PDF files are
 * written together; a period can be named; a mistyped period or breakdown is refused with
 * the tool's exit statuses and no file; a dossier received here with scans and a rating at
 * its return moves the digitisation and satisfaction figures by one. PDF text is read with
 * pdftotext when it is there.
 */
#include <string.h>

#include "mc-cli-test.h"

typedef struct
{
  char *dir;
  char *db;
  char *from;     /* the last 365 days */
  char *to;
} Fixture;

#define RUN(fixture, ...) mc_cli_test_run ((fixture)->db, NULL, MC_CLI_TEST_ARGS (__VA_ARGS__))

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) vietnam = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (vietnam);
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -364);
  g_autoptr(McCliRun) generated = NULL;

  fixture->dir = g_dir_make_tmp ("motcua-cli-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->from = g_date_time_format (year_ago, "%Y-%m-%d");
  fixture->to = g_date_time_format (now, "%Y-%m-%d");
  generated = RUN (fixture, "generate", "--dossiers", "600", "--years", "2", "--seed", "11");
  mc_cli_test_assert_status (generated, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  mc_cli_test_remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
  g_free (fixture->from);
  g_free (fixture->to);
}

static double
sum_rows (const cJSON *report,
          const char  *kind,
          const char  *key)
{
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (report, "breakdowns"), kind);
  const cJSON *row;
  double sum = 0;

  g_assert_true (cJSON_IsArray (rows));
  cJSON_ArrayForEach (row, rows)
    sum += mc_cli_test_json_number (row, key);
  return sum;
}

static void
test_report_agrees_with_figures (Fixture *fixture, gconstpointer data)
{
  g_autoptr(McCliRun) first = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(McCliRun) figures = RUN (fixture, "figures", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(McCliRun) second = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(cJSON) report = NULL;
  g_autoptr(cJSON) again = NULL;
  g_autoptr(cJSON) counts = NULL;
  static const char * const kinds[] = { "field", "procedure", "agency", "clerk" };
  const cJSON *months, *month;
  double finished = 0;

  mc_cli_test_assert_status (first, 0);
  mc_cli_test_assert_status (figures, 0);
  mc_cli_test_assert_status (second, 0);
  report = mc_cli_test_parse_json (first);
  again = mc_cli_test_parse_json (second);
  counts = mc_cli_test_parse_json (figures);

  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.received"), >, 0);
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.received"), ==,
                     mc_cli_test_json_number (counts, "received"));
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.finished"), ==,
                     mc_cli_test_json_number (counts, "finished.total"));
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.finished_early"), ==,
                     mc_cli_test_json_number (counts, "finished.early"));
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.finished_on_time"), ==,
                     mc_cli_test_json_number (counts, "finished.on_time"));
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.finished_late"), ==,
                     mc_cli_test_json_number (counts, "finished.late"));
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.received_by_status.returned"), ==,
                     mc_cli_test_json_number (counts, "received_by_status.returned"));
  g_assert_cmpfloat (mc_cli_test_json_number (report, "rates.on_time.rate"), ==,
                     mc_cli_test_json_number (counts, "on_time_rate"));
  /* The moment's figures, when no deadline passed between the runs. */
  if (mc_cli_test_json_number (report, "figures.overdue") == mc_cli_test_json_number (again, "figures.overdue") &&
      mc_cli_test_json_number (report, "figures.due_soon") == mc_cli_test_json_number (again, "figures.due_soon"))
    {
      g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.overdue"), ==,
                         mc_cli_test_json_number (counts, "now_counts.overdue"));
      g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.due_soon"), ==,
                         mc_cli_test_json_number (counts, "now_counts.due_soon"));
    }
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.in_processing"), ==,
                     mc_cli_test_json_number (counts, "now_counts.open"));
  g_assert_cmpfloat (mc_cli_test_json_number (report, "figures.waiting"), ==,
                     mc_cli_test_json_number (counts, "now_counts.paused"));

  /* Every breakdown adds up to the office's figures. */
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_cmpfloat (sum_rows (report, kinds[i], "received"), ==,
                         mc_cli_test_json_number (report, "figures.received"));
      g_assert_cmpfloat (sum_rows (report, kinds[i], "finished_late"), ==,
                         mc_cli_test_json_number (report, "figures.finished_late"));
      g_assert_cmpfloat (sum_rows (report, kinds[i], "handled"), ==,
                         mc_cli_test_json_number (report, "handling_time.handled"));
    }
  months = cJSON_GetObjectItemCaseSensitive (report, "on_time_by_month");
  cJSON_ArrayForEach (month, months)
    finished += mc_cli_test_json_number (month, "finished");
  g_assert_cmpfloat (finished, ==, mc_cli_test_json_number (report, "figures.finished"));
  g_assert_cmpint (cJSON_GetArraySize (months), >=, 12);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (report, "received_finished_by_week")), >=, 52);
  g_assert_cmpfloat (mc_cli_test_json_number (report, "handling_time.average_working_days"), >, 0);
}

static void
test_report_writes_csv_xlsx_and_pdf (Fixture *fixture, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "clerks.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "report.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *figures_csv = g_build_filename (fixture->dir, "figures.csv", NULL);
  g_autoptr(McCliRun) run = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--by", "clerk",
                                 "--csv", csv, "--xlsx", xlsx, "--pdf", pdf);
  g_autoptr(McCliRun) figures = RUN (fixture, "report", "--period", "this-year", "--csv", figures_csv);
  g_autofree char *text = NULL;
  g_autofree char *book = NULL;
  g_autofree char *table = NULL;
  g_autofree char *printed = NULL;
  gsize length = 0;

  mc_cli_test_assert_status (run, 0);
  mc_cli_test_assert_status (figures, 0);
  g_assert_nonnull (strstr (run->out, csv));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Cán bộ tiếp nhận,Tiếp nhận,"));
  g_assert_nonnull (strstr (text, "\r\nTổng cộng,"));
  g_assert_true (g_file_get_contents (figures_csv, &table, NULL, NULL));
  g_assert_true (g_str_has_prefix (table, "\xEF\xBB\xBF" "Chỉ số,Số hồ sơ,"));
  g_assert_true (g_file_get_contents (xlsx, &book, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (book, "PK"));

  if ((printed = mc_cli_test_pdf_text (pdf, MC_CLI_TEST_PDF_RAW)) == NULL)
    return;
  g_assert_nonnull (strstr (printed, "BÁO CÁO TÌNH HÌNH TIẾP NHẬN"));
  g_assert_nonnull (strstr (printed, "SỐ LIỆU THEO CÁN BỘ TIẾP NHẬN"));
  /* --by clerk: the other breakdowns are not in this report. */
  g_assert_null (strstr (printed, "SỐ LIỆU THEO LĨNH VỰC"));
}

static void
test_report_period_by_name (Fixture *fixture, gconstpointer data)
{
  g_autoptr(McCliRun) run = RUN (fixture, "report", "--period", "this-month", "--by", "procedure", "--json");
  g_autoptr(McCliRun) text = RUN (fixture, "report", "--period", "this-month");
  g_autoptr(cJSON) json = NULL;
  g_autoptr(GTimeZone) vietnam = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (vietnam);
  g_autofree char *first = g_date_time_format (now, "%Y-%m-01");
  const cJSON *period, *breakdowns;

  mc_cli_test_assert_status (run, 0);
  mc_cli_test_assert_status (text, 0);
  json = mc_cli_test_parse_json (run);
  period = cJSON_GetObjectItemCaseSensitive (json, "period");
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (period, "from")->valuestring, ==, first);
  breakdowns = cJSON_GetObjectItemCaseSensitive (json, "breakdowns");
  g_assert_nonnull (cJSON_GetObjectItemCaseSensitive (breakdowns, "procedure"));
  g_assert_null (cJSON_GetObjectItemCaseSensitive (breakdowns, "clerk"));
  g_assert_nonnull (strstr (text->out, "Thủ tục hành chính"));
}

static void
run_ok (Fixture            *fixture,
        const char * const *args)
{
  g_autoptr(McCliRun) run = mc_cli_test_run (fixture->db, NULL, args);

  mc_cli_test_assert_status (run, 0);
}

static char *
write_scan (Fixture    *fixture,
            const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "%PDF-1.5\nbản quét\n", -1, &error));
  g_assert_no_error (error);
  return path;
}

/* Generated history has scans and ratings; a dossier received here with a document scanned,
 * its result scanned and a displeased citizen at the return adds one to each of those
 * figures, and the shares are the counts behind them. */
static void
test_report_counts_scans_and_ratings (Fixture *fixture, gconstpointer data)
{
  g_autoptr(McCliRun) first = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(McCliRun) received = RUN (fixture, "--json", "receive", "--procedure", "1.004222",
                                      "--name", "Nguyễn Văn Ấn", "--id-number", "001090012345",
                                      "--all-mandatory");
  g_autoptr(McCliRun) second = NULL;
  g_autoptr(McCliRun) text = NULL;
  g_autoptr(cJSON) before = NULL;
  g_autoptr(cJSON) after = NULL;
  g_autoptr(cJSON) dossier = NULL;
  g_autofree char *document_scan = write_scan (fixture, "to-khai.pdf");
  g_autofree char *result_scan = write_scan (fixture, "ket-qua.pdf");
  g_autofree char *csv = g_build_filename (fixture->dir, "figures.csv", NULL);
  g_autofree char *table = NULL;
  g_autofree char *code = NULL;
  static const char * const figures[] = {
    "received", "received_digitised", "result_digitised", "rated", "rated_not_satisfied",
  };
  const cJSON *missing, *item;
  gboolean electronic = FALSE;

  mc_cli_test_assert_status (first, 0);
  mc_cli_test_assert_status (received, 0);
  before = mc_cli_test_parse_json (first);
  dossier = mc_cli_test_parse_json (received);
  code = g_strdup (mc_cli_test_json_string (dossier, "code"));
  run_ok (fixture, MC_CLI_TEST_ARGS ("attach", code, document_scan, "--document", "ct01"));
  run_ok (fixture, MC_CLI_TEST_ARGS ("move", code, "--to", "in-processing"));
  run_ok (fixture, MC_CLI_TEST_ARGS ("move", code, "--to", "result-ready"));
  run_ok (fixture, MC_CLI_TEST_ARGS ("attach", code, result_scan, "--result"));
  run_ok (fixture, MC_CLI_TEST_ARGS ("move", code, "--to", "returned", "--rating", "not-satisfied"));
  second = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json", "--csv", csv);
  mc_cli_test_assert_status (second, 0);
  after = mc_cli_test_parse_json (second);

  /* The generated year has scans and every kind of rating. */
  g_assert_cmpfloat (mc_cli_test_json_number (before, "figures.received_digitised"), >, 0);
  g_assert_cmpfloat (mc_cli_test_json_number (before, "figures.result_digitised"), >, 0);
  g_assert_cmpfloat (mc_cli_test_json_number (before, "figures.rated_very_satisfied"), >, 0);
  g_assert_cmpfloat (mc_cli_test_json_number (before, "figures.rated_satisfied"), >, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *path = g_strconcat ("figures.", figures[i], NULL);

      g_assert_cmpfloat (mc_cli_test_json_number (after, path), ==, mc_cli_test_json_number (before, path) + 1);
    }
  g_assert_cmpfloat (mc_cli_test_json_number (after, "figures.rated_very_satisfied"), ==,
                     mc_cli_test_json_number (before, "figures.rated_very_satisfied"));
  g_assert_cmpfloat (mc_cli_test_json_number (after, "figures.rated"), ==,
                     mc_cli_test_json_number (after, "figures.rated_very_satisfied") +
                     mc_cli_test_json_number (after, "figures.rated_satisfied") +
                     mc_cli_test_json_number (after, "figures.rated_not_satisfied"));

  /* Each share with the counts behind it. */
  g_assert_cmpfloat (mc_cli_test_json_number (after, "rates.received_digitised_share.part"), ==,
                     mc_cli_test_json_number (after, "figures.received_digitised"));
  g_assert_cmpfloat (mc_cli_test_json_number (after, "rates.received_digitised_share.whole"), ==,
                     mc_cli_test_json_number (after, "figures.received"));
  g_assert_cmpfloat (mc_cli_test_json_number (after, "rates.result_digitised_share.part"), ==,
                     mc_cli_test_json_number (after, "figures.result_digitised"));
  g_assert_cmpfloat (mc_cli_test_json_number (after, "rates.result_digitised_share.whole"), ==,
                     mc_cli_test_json_number (after, "figures.finished"));
  g_assert_cmpfloat (mc_cli_test_json_number (after, "rates.satisfaction.part"), ==,
                     mc_cli_test_json_number (after, "figures.rated_very_satisfied") +
                     mc_cli_test_json_number (after, "figures.rated_satisfied"));
  g_assert_cmpfloat (mc_cli_test_json_number (after, "rates.satisfaction.whole"), ==,
                     mc_cli_test_json_number (after, "figures.rated"));
  g_assert_cmpfloat (ABS (mc_cli_test_json_number (after, "rates.satisfaction.rate") -
                          mc_cli_test_json_number (after, "rates.satisfaction.part") /
                          mc_cli_test_json_number (after, "rates.satisfaction.whole")),
                     <, 1e-9);
  g_assert_nonnull (strstr (mc_cli_test_json_string (cJSON_GetObjectItemCaseSensitive (after, "definitions"), "rated"),
                            "trả kết quả trong kỳ"));
  /* What the desk still cannot count is said so; what it now counts is not listed. */
  missing = cJSON_GetObjectItemCaseSensitive (after, "not_available");
  cJSON_ArrayForEach (item, missing)
    {
      g_assert_cmpstr (item->valuestring, !=, "digitised_share");
      g_assert_cmpstr (item->valuestring, !=, "citizen_ratings");
      electronic |= g_strcmp0 (item->valuestring, "results_issued_electronically") == 0;
    }
  g_assert_true (electronic);

  /* The text and the CSV carry them too. */
  g_assert_true (g_file_get_contents (csv, &table, NULL, NULL));
  g_assert_nonnull (strstr (table, "\r\nHồ sơ được số hóa,"));
  g_assert_nonnull (strstr (table, "\r\nKết quả được số hóa,"));
  g_assert_nonnull (strstr (table, "\r\nĐánh giá không hài lòng,"));
  g_assert_nonnull (strstr (table, "\r\nTỷ lệ hài lòng,"));
  text = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to);
  mc_cli_test_assert_status (text, 0);
  g_assert_nonnull (strstr (text->out, "Results digitised"));
  g_assert_nonnull (strstr (text->out, "Satisfaction rate"));
  g_assert_nonnull (strstr (text->out, "not satisfied"));
}

static void
test_report_usage_errors (Fixture *fixture, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "never.pdf", NULL);
  g_autoptr(McCliRun) no_to = RUN (fixture, "report", "--from", "2026-01-01", "--pdf", pdf);
  g_autoptr(McCliRun) bad_kind = RUN (fixture, "report", "--from", "2026-01-01", "--to", "2026-01-31",
                                      "--by", "district", "--pdf", pdf);
  g_autoptr(McCliRun) both = RUN (fixture, "report", "--period", "2026", "--from", "2026-01-01", "--to", "2026-01-31");
  g_autoptr(McCliRun) reversed = RUN (fixture, "report", "--from", "2026-03-01", "--to", "2026-02-01", "--pdf", pdf);
  g_autoptr(McCliRun) bad_period = RUN (fixture, "report", "--period", "next-week", "--pdf", pdf);

  mc_cli_test_assert_status (no_to, 2);
  mc_cli_test_assert_status (bad_kind, 2);
  mc_cli_test_assert_status (both, 2);
  mc_cli_test_assert_status (reversed, 1);
  mc_cli_test_assert_status (bad_period, 1);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  if (!mc_cli_test_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/report/agrees-with-figures", test_report_agrees_with_figures);
  ADD ("/cli/report/writes-csv-xlsx-and-pdf", test_report_writes_csv_xlsx_and_pdf);
  ADD ("/cli/report/period-by-name", test_report_period_by_name);
  ADD ("/cli/report/usage-errors", test_report_usage_errors);
  ADD ("/cli/report/counts-scans-and-ratings", test_report_counts_scans_and_ratings);
#undef ADD

  return g_test_run ();
}
