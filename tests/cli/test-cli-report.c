/* test-cli-report.c — `motcua-cli report` run as a supervisor runs it, on a generated
 * database per test.
 *
 * The report's figures agree with `motcua-cli figures` (counted by mc_store_count, another
 * path through the store) and its breakdowns add up to them; the CSV, XLSX and PDF files are
 * written together; a period can be named; a mistyped period or breakdown is refused with
 * the tool's exit statuses and no file. PDF text is read with pdftotext when it is there.
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

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
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
#undef ADD

  return g_test_run ();
}
