/* bench-dashboard.c — the supervisor's dashboard over a million dossiers.
 *
 * Measures every figure and breakdown of a one-year period (the last 365 days up to now):
 * the period's figures, the four breakdowns, the months and weeks of the charts, the
 * overdue dossiers by lateness, and everything together as a dashboard page or a report
 * loads it; plus the month's figures and the ids behind the overdue now and the year's late,
 * received, digitised, rated and not satisfied dossiers (what opening a figure loads). Each is
 * run 21 times after a warm-up and printed as "name: value unit" with its target (100 ms
 * each; 300 ms for the whole dashboard and for the ids of the year's received, digitised and
 * rated, a few hundred thousand), MISSED next to a missed target, with the
 * median CPU time of the thread beside the wall-clock figures (which a busy machine
 * inflates), and all of them again as one JSON object on the last line. Missing a target
 * is not an error.
 *
 *   bench-dashboard [--dossiers N] [--years Y] [--db PATH] [--seed S] [--keep]
 *
 * Without --db it generates N dossiers (default 1,000,000 over 3 years, as
 * `motcua-cli generate --dossiers 1000000` does; about a minute) into a temporary database;
 * with --db it measures that database (migrating it first if it is older).
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "mc-store.h"

typedef struct
{
  GString *json;
  guint    missed;
} Report;

static void
report_value (Report     *report,
              const char *name,
              double      value,
              const char *unit,
              const char *target_op,   /* ">=", "<" or NULL */
              double      target)
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
  g_string_append_printf (report->json, "%s\"%s\": %.3f", report->json->len > 1 ? ", " : "", name, value);
}

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

/* CPU time of this thread: what a run costs, whatever else the machine is doing. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
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

typedef enum
{
  RUN_FIGURES_YEAR,
  RUN_FIGURES_MONTH,
  RUN_BREAKDOWN_FIELD,
  RUN_BREAKDOWN_PROCEDURE,
  RUN_BREAKDOWN_AGENCY,
  RUN_BREAKDOWN_CLERK,
  RUN_MONTHS,
  RUN_WEEKS,
  RUN_LATENESS,
  RUN_IDS_OVERDUE,
  RUN_IDS_LATE,
  RUN_IDS_RECEIVED,
  RUN_IDS_RECEIVED_DIGITISED,
  RUN_IDS_RESULT_DIGITISED,
  RUN_IDS_RATED,
  RUN_IDS_NOT_SATISFIED,
  RUN_DASHBOARD,
} Run;

typedef struct
{
  McStore  *store;
  McPeriod  year;
  McPeriod  month;
  McTime    now;
  gint64    last_count;    /* what the run found, printed once as a sanity check */
} Bench;

static gboolean
run_once (Bench   *bench,
          Run      run,
          GError **error)
{
  McTime from = mc_period_start (&bench->year), to = mc_period_end (&bench->year);
  McDashboardFigures figures;

  switch (run)
    {
    case RUN_FIGURES_YEAR:
      if (!mc_store_dashboard_figures (bench->store, from, to, bench->now, &figures, error))
        return FALSE;
      bench->last_count = figures.received;
      return TRUE;
    case RUN_FIGURES_MONTH:
      if (!mc_store_dashboard_figures (bench->store, mc_period_start (&bench->month), mc_period_end (&bench->month),
                                       bench->now, &figures, error))
        return FALSE;
      bench->last_count = figures.received;
      return TRUE;
    case RUN_BREAKDOWN_FIELD:
    case RUN_BREAKDOWN_PROCEDURE:
    case RUN_BREAKDOWN_AGENCY:
    case RUN_BREAKDOWN_CLERK:
      {
        McBreakdownKind kind = run == RUN_BREAKDOWN_FIELD ? MC_BREAKDOWN_FIELD
                               : run == RUN_BREAKDOWN_PROCEDURE ? MC_BREAKDOWN_PROCEDURE
                               : run == RUN_BREAKDOWN_AGENCY ? MC_BREAKDOWN_AGENCY : MC_BREAKDOWN_CLERK;
        g_autoptr(GPtrArray) rows = mc_store_dashboard_breakdown (bench->store, kind, from, to, bench->now, error);

        if (rows == NULL)
          return FALSE;
        bench->last_count = rows->len;
        return TRUE;
      }
    case RUN_MONTHS:
      {
        g_autoptr(GArray) months = mc_store_dashboard_months (bench->store, from, to, error);

        if (months == NULL)
          return FALSE;
        bench->last_count = months->len;
        return TRUE;
      }
    case RUN_WEEKS:
      {
        g_autoptr(GArray) weeks = mc_store_dashboard_weeks (bench->store, from, to, error);

        if (weeks == NULL)
          return FALSE;
        bench->last_count = weeks->len;
        return TRUE;
      }
    case RUN_LATENESS:
      {
        McLateness lateness;

        if (!mc_store_dashboard_lateness (bench->store, bench->now, &lateness, error))
          return FALSE;
        bench->last_count = lateness.total;
        return TRUE;
      }
    case RUN_IDS_OVERDUE:
    case RUN_IDS_LATE:
    case RUN_IDS_RECEIVED:
    case RUN_IDS_RECEIVED_DIGITISED:
    case RUN_IDS_RESULT_DIGITISED:
    case RUN_IDS_RATED:
    case RUN_IDS_NOT_SATISFIED:
      {
        McFigureFilter filter = {
          .figure = run == RUN_IDS_OVERDUE ? MC_FIGURE_OVERDUE
                    : run == RUN_IDS_LATE ? MC_FIGURE_FINISHED_LATE
                    : run == RUN_IDS_RECEIVED_DIGITISED ? MC_FIGURE_RECEIVED_DIGITISED
                    : run == RUN_IDS_RESULT_DIGITISED ? MC_FIGURE_RESULT_DIGITISED
                    : run == RUN_IDS_RATED ? MC_FIGURE_RATED
                    : run == RUN_IDS_NOT_SATISFIED ? MC_FIGURE_RATED_NOT_SATISFIED : MC_FIGURE_RECEIVED,
          .from = from, .to = to, .now = bench->now,
        };
        g_autoptr(GArray) ids = mc_store_list_figure_ids (bench->store, &filter, error);

        if (ids == NULL)
          return FALSE;
        bench->last_count = ids->len;
        return TRUE;
      }
    case RUN_DASHBOARD:
      {
        guint all = 0;
        g_autoptr(McDashboard) dashboard = NULL;

        for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
          all |= 1u << kind;
        dashboard = mc_store_load_dashboard (bench->store, &bench->year, bench->now, all, error);
        if (dashboard == NULL)
          return FALSE;
        bench->last_count = dashboard->figures.received;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
bench_runs (Report  *report,
            Bench   *bench,
            GError **error)
{
  static const struct
  {
    Run         run;
    const char *name;
    double      target_ms;
  } runs[] = {
    { RUN_FIGURES_YEAR, "figures_year", 100 },
    { RUN_FIGURES_MONTH, "figures_month", 100 },
    { RUN_BREAKDOWN_FIELD, "breakdown_field_year", 100 },
    { RUN_BREAKDOWN_PROCEDURE, "breakdown_procedure_year", 100 },
    { RUN_BREAKDOWN_AGENCY, "breakdown_agency_year", 100 },
    { RUN_BREAKDOWN_CLERK, "breakdown_clerk_year", 100 },
    { RUN_MONTHS, "on_time_by_month_year", 100 },
    { RUN_WEEKS, "received_finished_by_week_year", 100 },
    { RUN_LATENESS, "overdue_by_lateness", 100 },
    { RUN_IDS_OVERDUE, "ids_overdue_now", 100 },
    { RUN_IDS_LATE, "ids_finished_late_year", 100 },
    { RUN_IDS_RECEIVED, "ids_received_year", 300 },
    { RUN_IDS_RECEIVED_DIGITISED, "ids_received_digitised_year", 300 },
    { RUN_IDS_RESULT_DIGITISED, "ids_result_digitised_year", 300 },
    { RUN_IDS_RATED, "ids_rated_year", 300 },
    { RUN_IDS_NOT_SATISFIED, "ids_rated_not_satisfied_year", 100 },
    { RUN_DASHBOARD, "whole_dashboard_year", 300 },
  };

  for (gsize r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *median_name = g_strconcat (runs[r].name, "_median_ms", NULL);
      g_autofree char *p99_name = g_strconcat (runs[r].name, "_max_ms", NULL);
      g_autofree char *cpu_name = g_strconcat (runs[r].name, "_cpu_median_ms", NULL);
      gint64 start;

      /* A warm-up run: the first call after opening pays for reading pages from the disk. */
      if (!run_once (bench, runs[r].run, error))
        return FALSE;
      for (int i = 0; i < 21; i++)
        {
          double ms, cpu = cpu_ms ();

          start = g_get_monotonic_time ();
          if (!run_once (bench, runs[r].run, error))
            return FALSE;
          ms = ms_since (start);
          cpu = cpu_ms () - cpu;
          g_array_append_val (samples, ms);
          g_array_append_val (cpu_samples, cpu);
        }
      g_array_sort (samples, compare_double);
      g_array_sort (cpu_samples, compare_double);
      g_print ("%s: %" G_GINT64_FORMAT " found\n", runs[r].name, bench->last_count);
      report_value (report, median_name, g_array_index (samples, double, samples->len / 2), "ms", "<",
                    runs[r].target_ms);
      report_value (report, p99_name, g_array_index (samples, double, samples->len - 1), "ms", "<",
                    runs[r].target_ms);
      report_value (report, cpu_name, g_array_index (cpu_samples, double, cpu_samples->len / 2), "ms", NULL, 0);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  int n_dossiers = 1000000;
  int years = 3;
  int seed = 20251122;
  g_autofree char *db = NULL;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "dossiers", 'n', 0, G_OPTION_ARG_INT, &n_dossiers, "Dossiers to generate (1000000)", "N" },
    { "years", 'y', 0, G_OPTION_ARG_INT, &years, "Years of history to generate (3)", "Y" },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db, "Measure this database instead of generating one", "PATH" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Generator seed", "S" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the generated database and print its path", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— dashboard benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cpu = cpu_model ();
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  Report report = { .json = g_string_new ("{") };
  Bench bench = { 0 };
  McDay today;
  gint64 start;
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
  g_print ("machine: %u CPUs, %s; SQLite %s\n", g_get_num_processors (), cpu, sqlite3_libversion ());
  {
    g_autofree char *load = NULL;

    /* Wall-clock figures are only as good as the machine is idle: say how busy it was. */
    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      g_print ("load average: %s", load);
  }

  if (db != NULL)
    path = g_strdup (db);
  else
    {
      dir = g_dir_make_tmp ("motcua-bench-dashboard-XXXXXX", &error);
      if (dir == NULL)
        goto out;
      path = g_build_filename (dir, "bench.db", NULL);
    }

  start = g_get_monotonic_time ();
  store = mc_store_open (path, &error);
  if (store == NULL)
    goto out;
  report_value (&report, "open_and_migrate_ms", ms_since (start), "ms", NULL, 0);
  if (db == NULL)
    {
      start = g_get_monotonic_time ();
      if (!mc_store_generate (store, (guint) n_dossiers, (guint32) seed, mc_time_now (), years, &error))
        goto out;
      report_value (&report, "generate_s", ms_since (start) / 1000.0, "s", NULL, 0);
    }

  bench.store = store;
  bench.now = mc_time_now ();
  today = mc_time_local_day (bench.now);
  if (!mc_period_custom (today - 364, today, &bench.year, &error))
    goto out;
  mc_period_containing (MC_PERIOD_MONTH, bench.now, &bench.month);
  first_day = mc_day_format (bench.year.first);
  last_day = mc_day_format (bench.year.last);
  g_print ("period: %s to %s\n", first_day, last_day);

  if (!bench_runs (&report, &bench, &error))
    goto out;

  report_value (&report, "targets_missed", report.missed, "targets", NULL, 0);
  g_string_append (report.json, "}");
  g_print ("%s\n", report.json->str);
  status = 0;

out:
  if (error != NULL)
    g_printerr ("bench-dashboard: %s\n", error->message);
  g_clear_object (&store);
  if (dir != NULL)
    {
      if (keep && status == 0)
        g_print ("database kept: %s\n", path);
      else
        remove_tree (dir);
    }
  g_string_free (report.json, TRUE);
  return status;
}
