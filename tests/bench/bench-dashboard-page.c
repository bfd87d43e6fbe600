/* bench-dashboard-page.c — the supervisor's overview on a million dossiers, under Xvfb (run
 * through tests/ui/run-under-xvfb.sh).
 *
 * Opens the app's window on a database and measures what the supervisor waits for: from the
 * click on "Overview" (and from each change of period) to the page painted with its figures,
 * cards, charts and tables — the store job on the context's worker, the page filling its
 * widgets, and the frame after. Each period is measured several times (a refresh, as a change
 * in the database causes one) and reported as its median and maximum, with the store job's
 * share beside it; then, with --write, how long the page takes to show a dossier written by
 * another connection (the CLI, the sync), which the page notices by watching the database.
 * Printed as "name: value unit" with the target, MISSED next to a missed target, and as one
 * JSON line. Optionally saves a screenshot of the page.
 *
 *   bench-dashboard-page [--db PATH | --dossiers N] [--runs N] [--write] [--screenshot PNG]
 *                        [--period today|week|month|quarter|year] [--height PIXELS]
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mc-dashboard-page.h"
#include "mc-ui.h"
#include "mc-window.h"

#define READY_TARGET_MS 300

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
              const char *target_op,
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

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gboolean
done_waiting (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until (gboolean (*condition) (gpointer),
            gpointer   data,
            guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, done_waiting, &timed_out);
  gboolean holds;

  while (!(holds = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return holds;
}

static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, done_waiting, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A load to wait for: the page's "loaded", then the frame that paints it. */
typedef struct
{
  McDashboardPage *page;
  guint            loads_before;
  gboolean         loaded;
  gboolean         painted;
  gulong           paint_handler;
  GdkFrameClock   *clock;
} Ready;

static void
on_after_paint (GdkFrameClock *clock,
                Ready         *ready)
{
  if (ready->loaded)
    ready->painted = TRUE;
}

static void
on_loaded (McDashboardPage *page,
           Ready           *ready)
{
  ready->loaded = TRUE;
  /* The next frame shows the new figures. */
  gtk_widget_queue_draw (GTK_WIDGET (page));
}

static gboolean
ready_painted (gpointer data)
{
  return ((Ready *) data)->painted;
}

static void
ready_begin (Ready           *ready,
             McDashboardPage *page)
{
  *ready = (Ready) { .page = page };
  ready->clock = gtk_widget_get_frame_clock (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))));
  ready->paint_handler = g_signal_connect (ready->clock, "after-paint", G_CALLBACK (on_after_paint), ready);
  g_signal_connect (page, "loaded", G_CALLBACK (on_loaded), ready);
}

static gboolean
ready_wait (Ready *ready)
{
  gboolean ok = wait_until (ready_painted, ready, 60000);

  g_signal_handler_disconnect (ready->clock, ready->paint_handler);
  g_signal_handlers_disconnect_by_data (ready->page, ready);
  return ok;
}

/* The first widget under @root whose GtkWidget:name is @name. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
save_screenshot (GtkWidget   *window,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing drawn for %s", path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

/* @runs refreshes of the page on @kind's period: median and maximum time to painted. */
static gboolean
measure_period (Report          *report,
                McDashboardPage *page,
                McPeriodKind     kind,
                const char      *name,
                int              runs)
{
  g_autoptr(GArray) ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) job_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_name = g_strdup_printf ("store_job_%s_cpu_median_ms", name);
  g_autofree char *median_name = g_strdup_printf ("ready_%s_median_ms", name);
  g_autofree char *max_name = g_strdup_printf ("ready_%s_max_ms", name);
  g_autofree char *job_name = g_strdup_printf ("store_job_%s_median_ms", name);

  for (int i = 0; i < runs; i++)
    {
      Ready ready;
      gint64 start;
      double ms;

      ready_begin (&ready, page);
      start = g_get_monotonic_time ();
      if (i == 0)
        mc_dashboard_page_set_period_kind (page, kind);
      else
        mc_dashboard_page_refresh (page);
      if (!ready_wait (&ready))
        return FALSE;
      ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ready_ms, ms);
      ms = mc_dashboard_page_get_load_ms (page);
      g_array_append_val (job_ms, ms);
      ms = mc_dashboard_page_get_load_cpu_ms (page);
      g_array_append_val (cpu_ms, ms);
      run_for (50);
    }
  g_array_sort (ready_ms, compare_double);
  g_array_sort (job_ms, compare_double);
  g_array_sort (cpu_ms, compare_double);
  report_value (report, median_name, g_array_index (ready_ms, double, ready_ms->len / 2), "ms", "<", READY_TARGET_MS);
  report_value (report, max_name, g_array_index (ready_ms, double, ready_ms->len - 1), "ms", NULL, 0);
  report_value (report, job_name, g_array_index (job_ms, double, job_ms->len / 2), "ms", NULL, 0);
  report_value (report, cpu_name, g_array_index (cpu_ms, double, cpu_ms->len / 2), "ms", NULL, 0);
  return TRUE;
}

typedef struct
{
  McDashboardPage *page;
  guint            loads;
} LoadCount;

static gboolean
loaded_again (gpointer data)
{
  LoadCount *count = data;

  return mc_dashboard_page_get_n_loads (count->page) > count->loads && !mc_dashboard_page_is_loading (count->page);
}

/* Another connection receives a dossier: time until the page has counted it. */
static gboolean
measure_outside_write (Report          *report,
                       McDashboardPage *page,
                       const char      *db,
                       GError         **error)
{
  g_autoptr(McStore) other = mc_store_open (db, error);
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McProcedure) procedure = NULL;
  g_autoptr(McDossier) dossier = NULL;
  LoadCount count = { page, mc_dashboard_page_get_n_loads (page) };
  gint64 received;
  gint64 start;

  if (other == NULL)
    return FALSE;
  procedure = mc_store_get_procedure (other, "1.004222", error);
  if (procedure == NULL)
    return FALSE;
  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup ("Phạm Thị Đo");
  draft->id_number = g_strdup ("001190002222");
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory)
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
  received = mc_dashboard_page_get_dashboard (page)->figures.received;
  start = g_get_monotonic_time ();
  dossier = mc_store_receive (other, draft, "bench", error);
  if (dossier == NULL)
    return FALSE;
  if (!wait_until (loaded_again, &count, 30000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the page did not notice the write");
      return FALSE;
    }
  report_value (report, "outside_write_shown_ms", (double) (g_get_monotonic_time () - start) / 1000.0, "ms",
                "<", 3000);
  report_value (report, "outside_write_counted", (double) (mc_dashboard_page_get_dashboard (page)->figures.received - received),
                "dossiers", ">=", 1);
  return TRUE;
}

static McPeriodKind
parse_period (const char *name)
{
  static const struct { const char *name; McPeriodKind kind; } names[] = {
    { "today", MC_PERIOD_DAY }, { "week", MC_PERIOD_WEEK }, { "month", MC_PERIOD_MONTH },
    { "quarter", MC_PERIOD_QUARTER }, { "year", MC_PERIOD_YEAR },
  };

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i].name))
      return names[i].kind;
  return MC_PERIOD_MONTH;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the overview page's time to ready");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(McContext) desk = NULL;
  g_autoptr(GtkApplication) application = NULL;
  g_autofree char *db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *screenshot = NULL;
  g_autofree char *table_screenshot = NULL;
  g_autofree char *list_screenshot = NULL;
  g_autofree char *shot_period = NULL;
  int n_dossiers = 0;
  int runs = 7;
  int height = 900;
  gboolean write = FALSE;
  Report report = { g_string_new ("{"), 0 };
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database to open (default: generate one)", "PATH" },
    { "dossiers", 0, 0, G_OPTION_ARG_INT, &n_dossiers, "Dossiers to generate (default 100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Loads measured per period (default 7)", "N" },
    { "write", 0, 0, G_OPTION_ARG_NONE, &write, "Also receive a dossier from another connection", NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot, "Save a picture of the page", "PNG" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &shot_period, "Period of the screenshot (default month)", "NAME" },
    { "table-screenshot", 0, 0, G_OPTION_ARG_FILENAME, &table_screenshot, "Save a picture of the page scrolled to its table", "PNG" },
    { "list-screenshot", 0, 0, G_OPTION_ARG_FILENAME, &list_screenshot, "Save a picture of the overdue card's list", "PNG" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height of the window (default 900)", "PIXELS" },
    G_OPTION_ENTRY_NULL
  };
  static const struct { McPeriodKind kind; const char *name; } periods[] = {
    { MC_PERIOD_DAY, "today" }, { MC_PERIOD_WEEK, "week" }, { MC_PERIOD_MONTH, "month" },
    { MC_PERIOD_QUARTER, "quarter" }, { MC_PERIOD_YEAR, "year" },
  };
  const char *localedir = g_getenv ("MOTCUA_LOCALEDIR");
  McDashboardPage *page;
  McWindow *window;
  Ready ready;
  gint64 start;
  int status = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 1);
  gtk_init ();
  {
    /* The app's style, as McApplication loads it. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    mc_ui_ensure_resources ();
    gtk_css_provider_load_from_resource (css, "/org/motcua/Desk/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  if (db == NULL)
    {
      dir = g_dir_make_tmp ("motcua-bench-dashboard-XXXXXX", &error);
      if (dir == NULL)
        goto out;
      db = g_build_filename (dir, "bench.db", NULL);
      store = mc_store_open (db, &error);
      if (store == NULL ||
          !mc_store_generate (store, n_dossiers > 0 ? (guint) n_dossiers : 100000, 5, mc_time_now (), 3, &error))
        goto out;
    }
  else if ((store = mc_store_open (db, &error)) == NULL)
    goto out;

  settings = g_settings_new ("org.motcua.Desk");
  g_settings_set_boolean (settings, "setup-done", TRUE);
  g_settings_set_string (settings, "clerk-name", "Lê Thị Thu");
  desk = mc_context_new (store, settings);
  application = gtk_application_new ("org.motcua.Desk.BenchDashboard", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    goto out;

  window = mc_window_new (application, desk);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, MAX (height, 400));
  gtk_window_present (GTK_WINDOW (window));
  run_for (500);

  /* From the click on "Overview" to the month's figures painted. */
  page = MC_DASHBOARD_PAGE (mc_window_get_page_widget (window, "dashboard"));
  ready_begin (&ready, page);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dashboard");
  if (!ready_wait (&ready))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the page did not load");
      goto out;
    }
  report_value (&report, "first_show_ready_ms", (double) (g_get_monotonic_time () - start) / 1000.0, "ms",
                "<", READY_TARGET_MS);
  report_value (&report, "first_show_store_job_ms", mc_dashboard_page_get_load_ms (page), "ms", NULL, 0);
  report_value (&report, "dossiers_received_this_month", mc_dashboard_page_get_dashboard (page)->figures.received,
                "dossiers", NULL, 0);
  run_for (200);

  for (gsize i = 0; i < G_N_ELEMENTS (periods); i++)
    if (!measure_period (&report, page, periods[i].kind, periods[i].name, runs))
      {
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the %s did not load", periods[i].name);
        goto out;
      }

  if (write && !measure_outside_write (&report, page, db, &error))
    goto out;

  if (screenshot != NULL)
    {
      ready_begin (&ready, page);
      mc_dashboard_page_set_period_kind (page, parse_period (shot_period));
      if (!ready_wait (&ready))
        goto out;
      run_for (500);
      if (!save_screenshot (GTK_WIDGET (window), screenshot, &error))
        goto out;
      if (table_screenshot != NULL)
        {
          GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (page));

          /* The page's box: its last child is the scrolled content. */
          scrolled = gtk_widget_get_last_child (scrolled);
          if (GTK_IS_SCROLLED_WINDOW (scrolled))
            {
              GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

              gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
            }
          run_for (500);
          if (!save_screenshot (GTK_WIDGET (window), table_screenshot, &error))
            goto out;
        }
    }

  if (list_screenshot != NULL)
    {
      /* The overdue card, as a supervisor clicks it: its dossiers in the list page. */
      GtkWidget *overdue = find_named (GTK_WIDGET (page), "card-overdue");

      if (overdue != NULL)
        g_signal_emit_by_name (overdue, "activate");
      run_for (1500);
      if (!save_screenshot (GTK_WIDGET (window), list_screenshot, &error))
        goto out;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (200);
  report_value (&report, "targets_missed", report.missed, "targets", NULL, 0);
  g_string_append (report.json, "}");
  g_print ("%s\n", report.json->str);
  status = 0;

out:
  if (error != NULL)
    g_printerr ("bench-dashboard-page: %s\n", error->message);
  g_clear_object (&desk);
  g_clear_object (&store);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  g_string_free (report.json, TRUE);
  return status;
}
