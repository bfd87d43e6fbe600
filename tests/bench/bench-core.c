/* bench-core.c — how the core and the store hold up with a busy office's ten years.
 *
 * Builds a database of a million generated dossiers (mc_store_generate) in a temporary
 * folder and measures what a clerk or supervisor waits for: generating, computing
 * appointments, opening a dossier by its code, searching names typed without diacritics,
 * and the dashboard's counts. Each figure is printed as "name: value unit" with its target,
 * "MISSED" when the target is not met, and all of them again as one JSON object on the last
 * line for CI to keep. Missing a target is not an error: only a failure to run is.
 *
 *   bench-core [--dossiers N] [--years Y] [--seed S] [--keep] [--check]
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "mc-deadline.h"
#include "mc-store.h"

typedef struct
{
  GString *json;
  guint    missed;
} Report;

static void
report_value (Report      *report,
              const char  *name,
              double       value,
              const char  *unit,
              const char  *target_op,   /* ">=", "<" or NULL */
              double       target)
{
  gboolean missed = FALSE;

  if (target_op != NULL)
    missed = g_str_equal (target_op, ">=") ? !(value >= target) : !(value < target);
  if (target_op != NULL)
    g_print ("%s: %.3f %s (target %s %g)%s\n", name, value, unit, target_op, target, missed ? " MISSED" : "");
  else
    g_print ("%s: %.3f %s\n", name, value, unit);
  if (missed)
    report->missed++;
  g_string_append_printf (report->json, ", \"%s\": %.3f", name, value);
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median and 99th percentile (nearest rank) of @samples, in place. */
static void
percentiles (GArray *samples,
             double *median,
             double *p99)
{
  gsize n = samples->len;

  g_array_sort (samples, compare_double);
  *median = g_array_index (samples, double, n / 2);
  *p99 = g_array_index (samples, double, MIN (n - 1, (gsize) ((n * 99 + 99) / 100) - 1));
}

static void
report_latency (Report      *report,
                const char  *name,
                GArray      *samples_ms,
                double       target_ms)
{
  g_autofree char *median_name = g_strconcat (name, "_median_ms", NULL);
  g_autofree char *p99_name = g_strconcat (name, "_p99_ms", NULL);
  double median, p99;

  percentiles (samples_ms, &median, &p99);
  report_value (report, median_name, median, "ms", "<", target_ms);
  report_value (report, p99_name, p99, "ms", "<", target_ms);
}

static char *
cpu_model (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    return g_strdup ("unknown");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "model name"))
      {
        const char *colon = strchr (lines[i], ':');
        if (colon)
          return g_strstrip (g_strdup (colon + 1));
      }
  return g_strdup ("unknown");
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Appointments for a mix of limits a commune meets (same day, working days, hours,
 * calendar days) and receipts at any moment of the ten years. */
static gboolean
bench_deadlines (Report          *report,
                 McStore         *store,
                 McTime           from,
                 McTime           to,
                 GError         **error)
{
  static const McTimeLimit mix[] = {
    { MC_TIME_LIMIT_SAME_DAY, 0 },       { MC_TIME_LIMIT_WORKING_DAYS, 1 },
    { MC_TIME_LIMIT_WORKING_DAYS, 3 },   { MC_TIME_LIMIT_WORKING_DAYS, 5 },
    { MC_TIME_LIMIT_WORKING_DAYS, 7 },   { MC_TIME_LIMIT_WORKING_DAYS, 10 },
    { MC_TIME_LIMIT_WORKING_DAYS, 15 },  { MC_TIME_LIMIT_WORKING_DAYS, 20 },
    { MC_TIME_LIMIT_WORKING_HOURS, 8 },  { MC_TIME_LIMIT_WORKING_HOURS, 4 },
    { MC_TIME_LIMIT_CALENDAR_DAYS, 15 }, { MC_TIME_LIMIT_CALENDAR_DAYS, 30 },
    { MC_TIME_LIMIT_SAME_DAY, 0 },       { MC_TIME_LIMIT_WORKING_DAYS, 3 },
    { MC_TIME_LIMIT_WORKING_DAYS, 2 },   { MC_TIME_LIMIT_WORKING_DAYS, 25 },
  };
  const guint n = 1 << 20;
  const guint rounds = 8;
  McWorkCalendar *calendar = mc_store_get_work_calendar (store);
  const McDeadlinePolicy *policy = &mc_store_get_settings (store)->deadline;
  g_autofree McTime *received = g_new (McTime, n);
  g_autofree McTimeLimit *limits = g_new (McTimeLimit, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  McTime checksum = 0;
  gint64 start;
  double seconds;

  for (guint i = 0; i < n; i++)
    {
      received[i] = from + (McTime) (g_rand_double (rand) * (double) (to - from));
      limits[i] = mix[g_rand_int_range (rand, 0, G_N_ELEMENTS (mix))];
    }

  start = g_get_monotonic_time ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < n; i++)
      {
        McTime due;

        if (!mc_deadline_compute (calendar, policy, limits[i], received[i], &due, error))
          return FALSE;
        checksum ^= due;
      }
  seconds = seconds_since (start);
  /* The checksum keeps the loop from being optimised away. */
  g_debug ("deadline checksum %" G_GINT64_FORMAT, checksum);
  report_value (report, "deadline_computations_per_second", (double) n * rounds / seconds, "computations/s",
                ">=", 5e6);
  return TRUE;
}

static gboolean
bench_open_by_code (Report       *report,
                    McStore      *store,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 max_id = 0;

  /* The codes are drawn on a connection of our own: the store has no "random code". */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT max (id) FROM dossiers", -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, "SELECT code FROM dossiers WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  while (codes->len < 10000 && max_id > 0)
    {
      sqlite3_bind_int64 (stmt, 1, 1 + (gint64) (g_rand_double (rand) * (double) max_id));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  for (guint i = 0; i < codes->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(McDossier) dossier = mc_store_get_dossier (store, codes->pdata[i], error);
      double ms = (double) (g_get_monotonic_time () - start) / 1000.0;

      if (dossier == NULL)
        return FALSE;
      g_array_append_val (samples, ms);
    }
  report_latency (report, "open_by_code", samples, 1.0);
  return TRUE;

sql_error:
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_IO, "sampling codes: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return FALSE;
}

/* What clerks type: family name, middle name, given name, without diacritics. */
static gboolean
bench_search (Report   *report,
              McStore  *store,
              GError  **error)
{
  static const char * const families[] = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho",
    "ngo", "duong", "ly",
  };
  static const char * const middles[] = { "van", "thi", "duc", "minh", "ngoc", "thanh", "huu", "thu" };
  static const char * const givens[] = {
    "an", "anh", "binh", "dung", "hai", "hoa", "hung", "huong", "lan", "linh", "minh", "nam", "thao",
    "trang", "tuan", "son", "hang", "long",
  };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  gint64 found = 0;

  for (guint i = 0; i < 200; i++)
    {
      const char *family = families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))];
      const char *middle = middles[g_rand_int_range (rand, 0, G_N_ELEMENTS (middles))];
      const char *given = givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))];
      g_autofree char *query = NULL;
      g_autoptr(GPtrArray) result = NULL;
      gint64 start;
      double ms;

      if (i == 0)
        query = g_strdup ("nguyen van an");
      else if (i == 1)
        query = g_strdup ("tran thi");
      else if (i % 3 == 0)
        query = g_strdup_printf ("%s %s %s", family, middle, given);
      else if (i % 3 == 1)
        query = g_strdup_printf ("%s %s", family, middle);
      else
        query = g_strdup_printf ("%s %s", family, given);

      start = g_get_monotonic_time ();
      result = mc_store_search (store, query, 50, error);
      ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      if (result == NULL)
        return FALSE;
      found += result->len;
      g_array_append_val (samples, ms);
    }
  report_latency (report, "search_name", samples, 20.0);
  report_value (report, "search_name_mean_results", (double) found / 200.0, "dossiers", NULL, 0);
  return TRUE;
}

typedef enum
{
  FIGURE_COUNT_MONTH,
  FIGURE_COUNT_YEAR,
  FIGURE_ON_TIME_BY_MONTH_YEAR,
  FIGURE_LIST_OVERDUE,
  FIGURE_LIST_DUE_SOON,
} Figure;

static gboolean
run_figure (McStore  *store,
            Figure    figure,
            McTime    until,
            GError  **error)
{
  McDay today = mc_time_local_day (until);
  McTime year_from = until - 365 * (McTime) MC_SECONDS_PER_DAY;
  McDossierFilter filter = { .now = until, .limit = 100, .order_by_due = TRUE };
  McStoreCounts counts;
  int y, m, d;

  mc_day_to_ymd (today, &y, &m, &d);
  switch (figure)
    {
    case FIGURE_COUNT_MONTH:
      /* The last full month: what a monthly report shows. */
      {
        int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
        return mc_store_count (store, mc_time_from_local (mc_day_from_ymd (py, pm, 1), 0),
                               mc_time_from_local (mc_day_from_ymd (y, m, 1), 0), until, &counts, error);
      }
    case FIGURE_COUNT_YEAR:
      return mc_store_count (store, year_from, until, until, &counts, error);
    case FIGURE_ON_TIME_BY_MONTH_YEAR:
      {
        g_autoptr(GArray) months = mc_store_on_time_by_month (store, year_from, until, error);
        return months != NULL;
      }
    case FIGURE_LIST_OVERDUE:
    case FIGURE_LIST_DUE_SOON:
      {
        g_autoptr(GPtrArray) list = NULL;

        filter.only_overdue = figure == FIGURE_LIST_OVERDUE;
        filter.only_due_soon = figure == FIGURE_LIST_DUE_SOON;
        list = mc_store_list_dossiers (store, &filter, error);
        return list != NULL;
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
bench_dashboard (Report   *report,
                 McStore  *store,
                 McTime    until,
                 GError  **error)
{
  static const struct
  {
    Figure      figure;
    const char *name;
  } figures[] = {
    { FIGURE_COUNT_MONTH, "dashboard_count_month" },
    { FIGURE_COUNT_YEAR, "dashboard_count_year" },
    { FIGURE_ON_TIME_BY_MONTH_YEAR, "dashboard_on_time_by_month_year" },
    { FIGURE_LIST_OVERDUE, "dashboard_list_overdue" },
    { FIGURE_LIST_DUE_SOON, "dashboard_list_due_soon" },
  };

  for (gsize f = 0; f < G_N_ELEMENTS (figures); f++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

      for (int i = 0; i < 21; i++)
        {
          gint64 start = g_get_monotonic_time ();
          double ms;

          if (!run_figure (store, figures[f].figure, until, error))
            return FALSE;
          ms = (double) (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (samples, ms);
        }
      report_latency (report, figures[f].name, samples, 50.0);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  int n_dossiers = 1000000;
  int years = 10;
  int seed = 20251122;
  gboolean keep = FALSE;
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "dossiers", 'n', 0, G_OPTION_ARG_INT, &n_dossiers, "Dossiers to generate (1000000)", "N" },
    { "years", 'y', 0, G_OPTION_ARG_INT, &years, "Years of history (10)", "Y" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Generator seed", "S" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the database and print its path", NULL },
    { "check", 'c', 0, G_OPTION_ARG_NONE, &check, "Also run the store's consistency check", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— core and store benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cpu = cpu_model ();
  Report report = { .json = g_string_new (NULL) };
  McTime until = mc_time_now ();
  GStatBuf st;
  gint64 start;
  double seconds;
  int status = 1;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_dossiers < 1 || years < 1)
    {
      g_printerr ("--dossiers and --years must be at least 1\n");
      return 2;
    }

  {
    g_autofree char *cpu_json = g_strescape (cpu, NULL);

    g_string_append_printf (report.json, "{\"nproc\": %u, \"cpu\": \"%s\", \"sqlite\": \"%s\", \"dossiers\": %d,"
                            " \"years\": %d", g_get_num_processors (), cpu_json, sqlite3_libversion (),
                            n_dossiers, years);
  }
  g_print ("machine: %u CPUs, %s; SQLite %s\n", g_get_num_processors (), cpu, sqlite3_libversion ());

  dir = g_dir_make_tmp ("motcua-bench-XXXXXX", &error);
  if (dir == NULL)
    goto out;
  path = g_build_filename (dir, "bench.db", NULL);
  store = mc_store_open (path, &error);
  if (store == NULL)
    goto out;

  start = g_get_monotonic_time ();
  if (!mc_store_generate (store, (guint) n_dossiers, (guint32) seed, until, years, &error))
    goto out;
  seconds = seconds_since (start);
  report_value (&report, "generate_seconds", seconds, "s", NULL, 0);
  report_value (&report, "generate_dossiers_per_second", n_dossiers / seconds, "dossiers/s", ">=", 50000);
  if (g_stat (path, &st) == 0)
    report_value (&report, "database_megabytes", (double) st.st_size / 1e6, "MB", NULL, 0);

  if (!bench_deadlines (&report, store, until - years * 365 * (McTime) MC_SECONDS_PER_DAY, until, &error) ||
      !bench_open_by_code (&report, store, path, &error) ||
      !bench_search (&report, store, &error) ||
      !bench_dashboard (&report, store, until, &error))
    goto out;

  if (check)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      start = g_get_monotonic_time ();
      if (!mc_store_check (store, problems, &error))
        goto out;
      report_value (&report, "check_seconds", seconds_since (start), "s", NULL, 0);
      report_value (&report, "check_problems", problems->len, "problems", "<", 1);
      for (guint i = 0; i < problems->len; i++)
        g_print ("  problem: %s\n", (char *) problems->pdata[i]);
    }

  report_value (&report, "targets_missed", report.missed, "targets", NULL, 0);
  g_string_append (report.json, "}");
  g_print ("%s\n", report.json->str);
  status = 0;

out:
  if (error != NULL)
    g_printerr ("bench-core: %s\n", error->message);
  g_clear_object (&store);
  if (dir != NULL)
    {
      if (keep)
        g_print ("database kept in %s\n", path);
      else
        remove_tree (dir);
    }
  g_string_free (report.json, TRUE);
  return status;
}
