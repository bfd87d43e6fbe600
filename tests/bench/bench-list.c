/* bench-list.c — the dossier list's model over a million dossiers, without a display.
 *
 * Measures what decides whether the list scrolls smoothly: how long the ids of the whole list
 * take to load (the model's worker thread, for each filter and order the list page offers),
 * how long the page of rows behind a random position takes to fetch by id (done on the main
 * thread, so it must fit well inside a frame), a walk over the whole list page by page, a
 * reload after a dossier was received, and the resident memory after the walk. Figures are
 * printed as "name: value unit" with their target, MISSED next to a missed target, and all
 * of them again as one JSON object on the last line. Missing a target is not an error.
 *
 *   bench-list [--dossiers N] [--db PATH] [--seed S] [--keep]
 *
 * Without --db it generates N dossiers (default 1,000,000, about a minute) into a temporary
 * database; with --db it measures that database as it is.
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mc-dossier-list-model.h"
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

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report_latency (Report     *report,
                const char *name,
                GArray     *samples_ms,
                double      target_ms)
{
  g_autofree char *median_name = g_strconcat (name, "_median_ms", NULL);
  g_autofree char *p99_name = g_strconcat (name, "_p99_ms", NULL);
  gsize n = samples_ms->len;

  g_array_sort (samples_ms, compare_double);
  report_value (report, median_name, g_array_index (samples_ms, double, n / 2), "ms", "<", target_ms);
  report_value (report, p99_name, g_array_index (samples_ms, double, MIN (n - 1, (n * 99 + 99) / 100 - 1)),
                "ms", "<", target_ms);
}

static double
resident_megabytes (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return 0;
  line = strstr (text, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0;
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

static gboolean
is_loading (gpointer data)
{
  return mc_dossier_list_model_is_loading (data);
}

/* Runs the main loop until @model's load is done: its result comes back there. */
static gboolean
wait_loaded (McDossierListModel  *model,
             GError             **error)
{
  while (is_loading (model))
    g_main_context_iteration (NULL, TRUE);
  if (mc_dossier_list_model_get_error (model) != NULL)
    {
      g_propagate_error (error, g_error_copy (mc_dossier_list_model_get_error (model)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
bench_load (Report      *report,
            const char  *path,
            GError     **error)
{
  static const struct
  {
    const char     *name;
    McDossierQuery  query;
  } lists[] = {
    { "all_newest", { .order = MC_DOSSIER_ORDER_NEWEST_RECEIVED } },
    { "all_by_appointment", { .order = MC_DOSSIER_ORDER_DUE } },
    { "returned_by_appointment", { .status = 10, .order = MC_DOSSIER_ORDER_DUE } },
    { "open_by_appointment", { .only_open = TRUE, .order = MC_DOSSIER_ORDER_DUE } },
    { "overdue_by_appointment", { .only_overdue = TRUE, .order = MC_DOSSIER_ORDER_DUE } },
    { "due_soon_by_appointment", { .only_due_soon = TRUE, .order = MC_DOSSIER_ORDER_DUE } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *ready_name = g_strdup_printf ("model_ready_%s_ms", lists[i].name);
      g_autofree char *query_name = g_strdup_printf ("id_query_%s_ms", lists[i].name);
      g_autofree char *n_name = g_strdup_printf ("n_items_%s", lists[i].name);
      double ready_ms = 0;
      guint n_items = 0;

      /* Five fresh models each: the first also opens the model's two connections. */
      for (int round = 0; round < 5; round++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(McDossierListModel) model = mc_dossier_list_model_new (path, &lists[i].query);
          double query_ms;

          if (!wait_loaded (model, error))
            return FALSE;
          if (round == 0)
            ready_ms = ms_since (start);
          query_ms = mc_dossier_list_model_get_load_ms (model);
          g_array_append_val (samples, query_ms);
          n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
        }
      report_value (report, ready_name, ready_ms, "ms", "<", 1000);
      g_array_sort (samples, compare_double);
      report_value (report, query_name, g_array_index (samples, double, samples->len / 2), "ms", "<", 500);
      report_value (report, n_name, n_items, "dossiers", NULL, 0);
    }
  return TRUE;
}

static gboolean
bench_pages (Report      *report,
             const char  *path,
             GError     **error)
{
  McDossierQuery query = { .order = MC_DOSSIER_ORDER_DUE };
  g_autoptr(McDossierListModel) model = mc_dossier_list_model_new (path, &query);
  g_autoptr(GArray) random_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) walk_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guint n_items, pages_before;
  gint64 start;
  double walk_ms;
  double resident_before;

  if (!wait_loaded (model, error))
    return FALSE;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  if (n_items == 0)
    return TRUE;

  /* A scrollbar dragged anywhere: the first row asked for on a page costs the fetch. */
  for (int i = 0; i < 500; i++)
    {
      guint position = (guint) g_rand_int_range (rand, 0, (gint32) n_items);
      g_autoptr(McDossierRow) row = NULL;
      double ms;

      pages_before = mc_dossier_list_model_get_n_pages_fetched (model);
      start = g_get_monotonic_time ();
      row = g_list_model_get_item (G_LIST_MODEL (model), position);
      ms = ms_since (start);
      if (mc_dossier_list_model_get_n_pages_fetched (model) > pages_before)
        g_array_append_val (random_samples, ms);
      g_assert (row != NULL && mc_dossier_row_get_code (row)[0] != '\0');
    }
  report_latency (report, "random_page_fetch", random_samples, 2.0);

  /* The whole list, every row asked for, as scrolling from top to bottom would. Memory is
   * measured as growth: generating the database in this process leaves its own footprint. */
  resident_before = resident_megabytes ();
  start = g_get_monotonic_time ();
  for (guint position = 0; position < n_items; position++)
    {
      gint64 row_start = 0;
      gboolean first_of_page = position % MC_DOSSIER_LIST_PAGE_SIZE == 0;
      McDossierRow *row;

      if (first_of_page)
        row_start = g_get_monotonic_time ();
      row = g_list_model_get_item (G_LIST_MODEL (model), position);
      if (first_of_page)
        {
          double ms = ms_since (row_start);

          g_array_append_val (walk_samples, ms);
        }
      g_object_unref (row);
    }
  walk_ms = ms_since (start);
  report_value (report, "walk_whole_list_s", walk_ms / 1000.0, "s", NULL, 0);
  report_value (report, "walk_rows_per_second", n_items / (walk_ms / 1000.0), "rows/s", NULL, 0);
  report_latency (report, "walk_page_fetch", walk_samples, 2.0);
  report_value (report, "rows_built", mc_dossier_list_model_get_n_rows_built (model), "rows", NULL, 0);
  report_value (report, "resident_after_walk_mb", resident_megabytes (), "MB", NULL, 0);
  report_value (report, "resident_growth_during_walk_mb", resident_megabytes () - resident_before, "MB", "<", 50);
  return TRUE;
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} ChangeLog;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ChangeLog  *log)
{
  log->calls++;
  log->position = position;
  log->removed = removed;
  log->added = added;
}

/* A dossier received at the desk, then the list reloaded: the id query again, the rows built
 * re-read, and one items-changed for the one new row. */
static gboolean
bench_reload (Report      *report,
              const char  *path,
              gboolean     may_write,
              GError     **error)
{
  g_autoptr(McDossierListModel) model = mc_dossier_list_model_new (path, NULL);
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McProcedure) procedure = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  ChangeLog log = { 0 };
  gint64 start;

  if (!wait_loaded (model, error))
    return FALSE;
  for (guint i = 0; i < 60 && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));

  if (!may_write)
    {
      /* A database named with --db is measured, not written: a reload with nothing new. */
      start = g_get_monotonic_time ();
      mc_dossier_list_model_reload (model);
      if (!wait_loaded (model, error))
        return FALSE;
      report_value (report, "reload_unchanged_ms", ms_since (start), "ms", "<", 1000);
      return TRUE;
    }

  store = mc_store_open (path, error);
  if (store == NULL)
    return FALSE;
  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup ("Nguyễn Văn Ấn");
  draft->id_number = g_strdup ("008090001234");
  procedure = mc_store_get_procedure (store, draft->procedure_code, error);
  if (procedure == NULL)
    return FALSE;
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
  dossier = mc_store_receive (store, draft, "bench-list", error);
  if (dossier == NULL)
    return FALSE;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &log);
  start = g_get_monotonic_time ();
  mc_dossier_list_model_reload (model);
  if (!wait_loaded (model, error))
    return FALSE;
  report_value (report, "reload_after_receive_ms", ms_since (start), "ms", "<", 1000);
  report_value (report, "reload_items_changed_added", log.added, "rows", "<", 2);
  report_value (report, "reload_items_changed_removed", log.removed, "rows", "<", 1);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  int n_dossiers = 1000000;
  int seed = 20251122;
  char *db = NULL;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "dossiers", 'n', 0, G_OPTION_ARG_INT, &n_dossiers, "Dossiers to generate (1000000)", "N" },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db, "Measure this database instead of generating one", "PATH" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Generator seed", "S" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the generated database and print its path", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— dossier list benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cpu = cpu_model ();
  Report report = { .json = g_string_new ("{") };
  int status = 1;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_dossiers < 1)
    {
      g_printerr ("--dossiers must be at least 1\n");
      return 2;
    }
  g_print ("machine: %u CPUs, %s; SQLite %s\n", g_get_num_processors (), cpu, sqlite3_libversion ());

  if (db != NULL)
    path = g_strdup (db);
  else
    {
      g_autoptr(McStore) store = NULL;
      gint64 start;

      dir = g_dir_make_tmp ("motcua-bench-list-XXXXXX", &error);
      if (dir == NULL)
        goto out;
      path = g_build_filename (dir, "bench.db", NULL);
      store = mc_store_open (path, &error);
      if (store == NULL)
        goto out;
      start = g_get_monotonic_time ();
      if (!mc_store_generate (store, (guint) n_dossiers, (guint32) seed, mc_time_now (), 3, &error))
        goto out;
      report_value (&report, "generate_s", ms_since (start) / 1000.0, "s", NULL, 0);
    }

  if (!bench_load (&report, path, &error) ||
      !bench_pages (&report, path, &error) ||
      !bench_reload (&report, path, db == NULL, &error))
    goto out;

  report_value (&report, "targets_missed", report.missed, "targets", NULL, 0);
  g_string_append (report.json, "}");
  g_print ("%s\n", report.json->str);
  status = 0;

out:
  if (error != NULL)
    g_printerr ("bench-list: %s\n", error->message);
  if (dir != NULL)
    {
      if (keep)
        g_print ("database kept in %s\n", path);
      else
        remove_tree (dir);
    }
  g_free (db);
  g_string_free (report.json, TRUE);
  return status;
}
