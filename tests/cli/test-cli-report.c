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

#include <cjson/cJSON.h>
#include <glib.h>
#include <glib/gstdio.h>

static char *cli_path;

typedef struct
{
  char *dir;
  char *db;
  char *from;     /* the last 365 days */
  char *to;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* Runs the CLI with @args against @db. A crash, a signal or a hang fails the test. */
static Run *
run_argv (const char         *db,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *data_home = NULL;
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, cli_path);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Never touch the real default database. */
  data_home = g_build_filename (g_get_tmp_dir (), "motcua-cli-test-data-home", NULL);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (wait_status, &exit_error))
    run->status = 0;
  else if (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code))
    run->status = exit_error->code;
  else
    g_error ("motcua-cli did not exit normally (%s); stderr:\n%s", exit_error->message, run->err);
  return run;
}

#define RUN(fixture, ...) run_argv ((fixture)->db, (const char *[]) { __VA_ARGS__, NULL })

static void
assert_status (const Run *run,
               int        expected)
{
  if (run->status != expected)
    g_error ("expected exit status %d, got %d\nstdout:\n%s\nstderr:\n%s",
             expected, run->status, run->out, run->err);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) vietnam = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (vietnam);
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -364);
  g_autoptr(Run) generated = NULL;

  fixture->dir = g_dir_make_tmp ("motcua-cli-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->from = g_date_time_format (year_ago, "%Y-%m-%d");
  fixture->to = g_date_time_format (now, "%Y-%m-%d");
  generated = RUN (fixture, "generate", "--dossiers", "600", "--years", "2", "--seed", "11");
  assert_status (generated, 0);
}

/* The database's folder, with the scans kept under it. */
static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
  g_free (fixture->from);
  g_free (fixture->to);
}

static cJSON *
parse_json (const Run *run)
{
  cJSON *json = cJSON_Parse (run->out);

  if (json == NULL)
    g_error ("not JSON:\n%s", run->out);
  return json;
}

static double
number_at (const cJSON *object,
           const char  *path)
{
  g_auto(GStrv) keys = g_strsplit (path, ".", -1);
  const cJSON *item = object;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      item = cJSON_GetObjectItemCaseSensitive (item, keys[i]);
      if (item == NULL)
        g_error ("no “%s” in the JSON", path);
    }
  g_assert_true (cJSON_IsNumber (item));
  return item->valuedouble;
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
    sum += number_at (row, key);
  return sum;
}

static void
test_report_agrees_with_figures (Fixture *fixture, gconstpointer data)
{
  g_autoptr(Run) first = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(Run) figures = RUN (fixture, "figures", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(Run) second = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(cJSON) report = NULL;
  g_autoptr(cJSON) again = NULL;
  g_autoptr(cJSON) counts = NULL;
  static const char * const kinds[] = { "field", "procedure", "agency", "clerk" };
  const cJSON *months, *month;
  double finished = 0;

  assert_status (first, 0);
  assert_status (figures, 0);
  assert_status (second, 0);
  report = parse_json (first);
  again = parse_json (second);
  counts = parse_json (figures);

  g_assert_cmpfloat (number_at (report, "figures.received"), >, 0);
  g_assert_cmpfloat (number_at (report, "figures.received"), ==, number_at (counts, "received"));
  g_assert_cmpfloat (number_at (report, "figures.finished"), ==, number_at (counts, "finished.total"));
  g_assert_cmpfloat (number_at (report, "figures.finished_early"), ==, number_at (counts, "finished.early"));
  g_assert_cmpfloat (number_at (report, "figures.finished_on_time"), ==, number_at (counts, "finished.on_time"));
  g_assert_cmpfloat (number_at (report, "figures.finished_late"), ==, number_at (counts, "finished.late"));
  g_assert_cmpfloat (number_at (report, "figures.received_by_status.returned"), ==,
                     number_at (counts, "received_by_status.returned"));
  g_assert_cmpfloat (number_at (report, "rates.on_time.rate"), ==, number_at (counts, "on_time_rate"));
  /* The moment's figures, when no deadline passed between the runs. */
  if (number_at (report, "figures.overdue") == number_at (again, "figures.overdue") &&
      number_at (report, "figures.due_soon") == number_at (again, "figures.due_soon"))
    {
      g_assert_cmpfloat (number_at (report, "figures.overdue"), ==, number_at (counts, "now_counts.overdue"));
      g_assert_cmpfloat (number_at (report, "figures.due_soon"), ==, number_at (counts, "now_counts.due_soon"));
    }
  g_assert_cmpfloat (number_at (report, "figures.in_processing"), ==, number_at (counts, "now_counts.open"));
  g_assert_cmpfloat (number_at (report, "figures.waiting"), ==, number_at (counts, "now_counts.paused"));

  /* Every breakdown adds up to the office's figures. */
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_cmpfloat (sum_rows (report, kinds[i], "received"), ==, number_at (report, "figures.received"));
      g_assert_cmpfloat (sum_rows (report, kinds[i], "finished_late"), ==, number_at (report, "figures.finished_late"));
      g_assert_cmpfloat (sum_rows (report, kinds[i], "handled"), ==, number_at (report, "handling_time.handled"));
    }
  months = cJSON_GetObjectItemCaseSensitive (report, "on_time_by_month");
  cJSON_ArrayForEach (month, months)
    finished += number_at (month, "finished");
  g_assert_cmpfloat (finished, ==, number_at (report, "figures.finished"));
  g_assert_cmpint (cJSON_GetArraySize (months), >=, 12);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (report, "received_finished_by_week")), >=, 52);
  g_assert_cmpfloat (number_at (report, "handling_time.average_working_days"), >, 0);
}

static void
test_report_writes_csv_xlsx_and_pdf (Fixture *fixture, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "clerks.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "report.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *figures_csv = g_build_filename (fixture->dir, "figures.csv", NULL);
  g_autoptr(Run) run = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--by", "clerk",
                            "--csv", csv, "--xlsx", xlsx, "--pdf", pdf);
  g_autoptr(Run) figures = RUN (fixture, "report", "--period", "this-year", "--csv", figures_csv);
  g_autofree char *text = NULL;
  g_autofree char *book = NULL;
  g_autofree char *table = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  gsize length = 0;

  assert_status (run, 0);
  assert_status (figures, 0);
  g_assert_nonnull (strstr (run->out, csv));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Cán bộ tiếp nhận,Tiếp nhận,"));
  g_assert_nonnull (strstr (text, "\r\nTổng cộng,"));
  g_assert_true (g_file_get_contents (figures_csv, &table, NULL, NULL));
  g_assert_true (g_str_has_prefix (table, "\xEF\xBB\xBF" "Chỉ số,Số hồ sơ,"));
  g_assert_true (g_file_get_contents (xlsx, &book, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (book, "PK"));

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char *[]) { program, pdf, (char *) "-", NULL }, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                  NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (out, "BÁO CÁO TÌNH HÌNH TIẾP NHẬN"));
    g_assert_nonnull (strstr (out, "SỐ LIỆU THEO CÁN BỘ TIẾP NHẬN"));
    /* --by clerk: the other breakdowns are not in this report. */
    g_assert_null (strstr (out, "SỐ LIỆU THEO LĨNH VỰC"));
  }
}

static void
test_report_period_by_name (Fixture *fixture, gconstpointer data)
{
  g_autoptr(Run) run = RUN (fixture, "report", "--period", "this-month", "--by", "procedure", "--json");
  g_autoptr(Run) text = RUN (fixture, "report", "--period", "this-month");
  g_autoptr(cJSON) json = NULL;
  g_autoptr(GTimeZone) vietnam = g_time_zone_new_offset (7 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (vietnam);
  g_autofree char *first = g_date_time_format (now, "%Y-%m-01");
  const cJSON *period, *breakdowns;

  assert_status (run, 0);
  assert_status (text, 0);
  json = parse_json (run);
  period = cJSON_GetObjectItemCaseSensitive (json, "period");
  g_assert_cmpstr (cJSON_GetObjectItemCaseSensitive (period, "from")->valuestring, ==, first);
  breakdowns = cJSON_GetObjectItemCaseSensitive (json, "breakdowns");
  g_assert_nonnull (cJSON_GetObjectItemCaseSensitive (breakdowns, "procedure"));
  g_assert_null (cJSON_GetObjectItemCaseSensitive (breakdowns, "clerk"));
  g_assert_nonnull (strstr (text->out, "Thủ tục hành chính"));
}

static const char *
string_at (const cJSON *object,
           const char  *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  g_assert_true (cJSON_IsString (item));
  return item->valuestring;
}

static void
run_ok (Fixture            *fixture,
        const char * const *args)
{
  g_autoptr(Run) run = run_argv (fixture->db, args);

  assert_status (run, 0);
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
  g_autoptr(Run) first = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json");
  g_autoptr(Run) received = RUN (fixture, "--json", "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn",
                                 "--id-number", "001090012345", "--all-mandatory");
  g_autoptr(Run) second = NULL;
  g_autoptr(Run) text = NULL;
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

  assert_status (first, 0);
  assert_status (received, 0);
  before = parse_json (first);
  dossier = parse_json (received);
  code = g_strdup (string_at (dossier, "code"));
  run_ok (fixture, (const char *[]) { "attach", code, document_scan, "--document", "ct01", NULL });
  run_ok (fixture, (const char *[]) { "move", code, "--to", "in-processing", NULL });
  run_ok (fixture, (const char *[]) { "move", code, "--to", "result-ready", NULL });
  run_ok (fixture, (const char *[]) { "attach", code, result_scan, "--result", NULL });
  run_ok (fixture, (const char *[]) { "move", code, "--to", "returned", "--rating", "not-satisfied", NULL });
  second = RUN (fixture, "report", "--from", fixture->from, "--to", fixture->to, "--json", "--csv", csv);
  assert_status (second, 0);
  after = parse_json (second);

  /* The generated year has scans and every kind of rating. */
  g_assert_cmpfloat (number_at (before, "figures.received_digitised"), >, 0);
  g_assert_cmpfloat (number_at (before, "figures.result_digitised"), >, 0);
  g_assert_cmpfloat (number_at (before, "figures.rated_very_satisfied"), >, 0);
  g_assert_cmpfloat (number_at (before, "figures.rated_satisfied"), >, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *path = g_strconcat ("figures.", figures[i], NULL);

      g_assert_cmpfloat (number_at (after, path), ==, number_at (before, path) + 1);
    }
  g_assert_cmpfloat (number_at (after, "figures.rated_very_satisfied"), ==,
                     number_at (before, "figures.rated_very_satisfied"));
  g_assert_cmpfloat (number_at (after, "figures.rated"), ==,
                     number_at (after, "figures.rated_very_satisfied") + number_at (after, "figures.rated_satisfied") +
                     number_at (after, "figures.rated_not_satisfied"));

  /* Each share with the counts behind it. */
  g_assert_cmpfloat (number_at (after, "rates.received_digitised_share.part"), ==,
                     number_at (after, "figures.received_digitised"));
  g_assert_cmpfloat (number_at (after, "rates.received_digitised_share.whole"), ==, number_at (after, "figures.received"));
  g_assert_cmpfloat (number_at (after, "rates.result_digitised_share.part"), ==,
                     number_at (after, "figures.result_digitised"));
  g_assert_cmpfloat (number_at (after, "rates.result_digitised_share.whole"), ==, number_at (after, "figures.finished"));
  g_assert_cmpfloat (number_at (after, "rates.satisfaction.part"), ==,
                     number_at (after, "figures.rated_very_satisfied") + number_at (after, "figures.rated_satisfied"));
  g_assert_cmpfloat (number_at (after, "rates.satisfaction.whole"), ==, number_at (after, "figures.rated"));
  g_assert_cmpfloat (ABS (number_at (after, "rates.satisfaction.rate") -
                           number_at (after, "rates.satisfaction.part") / number_at (after, "rates.satisfaction.whole")),
                     <, 1e-9);
  g_assert_nonnull (strstr (string_at (cJSON_GetObjectItemCaseSensitive (after, "definitions"), "rated"),
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
  assert_status (text, 0);
  g_assert_nonnull (strstr (text->out, "Results digitised"));
  g_assert_nonnull (strstr (text->out, "Satisfaction rate"));
  g_assert_nonnull (strstr (text->out, "not satisfied"));
}

static void
test_report_usage_errors (Fixture *fixture, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "never.pdf", NULL);
  g_autoptr(Run) no_to = RUN (fixture, "report", "--from", "2026-01-01", "--pdf", pdf);
  g_autoptr(Run) bad_kind = RUN (fixture, "report", "--from", "2026-01-01", "--to", "2026-01-31", "--by", "district",
                                 "--pdf", pdf);
  g_autoptr(Run) both = RUN (fixture, "report", "--period", "2026", "--from", "2026-01-01", "--to", "2026-01-31");
  g_autoptr(Run) reversed = RUN (fixture, "report", "--from", "2026-03-01", "--to", "2026-02-01", "--pdf", pdf);
  g_autoptr(Run) bad_period = RUN (fixture, "report", "--period", "next-week", "--pdf", pdf);

  assert_status (no_to, 2);
  assert_status (bad_kind, 2);
  assert_status (both, 2);
  assert_status (reversed, 1);
  assert_status (bad_period, 1);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  /* --cli=PATH comes from meson; take it out before GTest sees the arguments. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--cli="))
      {
        cli_path = g_strdup (argv[i] + strlen ("--cli="));
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        break;
      }
  if (cli_path == NULL)
    cli_path = g_strdup (g_getenv ("MOTCUA_CLI"));

  g_test_init (&argc, &argv, NULL);

  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("motcua-cli not found: pass --cli=PATH or set MOTCUA_CLI");
      return g_test_run ();
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/report/agrees-with-figures", test_report_agrees_with_figures);
  ADD ("/cli/report/writes-csv-xlsx-and-pdf", test_report_writes_csv_xlsx_and_pdf);
  ADD ("/cli/report/period-by-name", test_report_period_by_name);
  ADD ("/cli/report/usage-errors", test_report_usage_errors);
  ADD ("/cli/report/counts-scans-and-ratings", test_report_counts_scans_and_ratings);
#undef ADD

  return g_test_run ();
}
