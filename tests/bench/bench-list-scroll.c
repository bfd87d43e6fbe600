/* bench-list-scroll.c — the real dossier list page scrolled over a million dossiers, under
 * Xvfb (run through tests/ui/run-under-xvfb.sh).
 *
 * Opens the app's window on a database, shows the dossier list and measures what the clerk
 * feels: the time from showing the page to its first rows drawn, then the frame-to-frame
 * intervals of the frame clock while the list scrolls — a fast wheel scroll (a few rows per
 * frame), and a scrollbar dragged from the top to the bottom of the whole list (every frame a
 * new place, so every frame fetches a page) — and the resident memory afterwards. Optionally
 * saves screenshots of the list page and of the queue page. Figures are printed as
 * "name: value unit" with their target, MISSED next to a missed target, and as one JSON line.
 *
 *   bench-list-scroll [--db PATH | --dossiers N] [--frames N] [--screenshot PNG] [--queue-screenshot PNG]
 *                     [--filter N] [--order N]
 */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mc-dossier-list-page.h"
#include "mc-ui.h"
#include "mc-queue-page.h"
#include "mc-window.h"

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

static gboolean
done_waiting (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @condition holds (or @timeout_ms). */
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

static gboolean
page_loaded (gpointer data)
{
  McDossierListModel *model = mc_dossier_list_page_get_model (data);

  return model != NULL && !mc_dossier_list_model_is_loading (model)
         && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static gboolean
rows_drawn (gpointer data)
{
  McDossierListModel *model = mc_dossier_list_page_get_model (data);

  return model != NULL && mc_dossier_list_model_get_n_rows_built (model) > 0;
}

/* The first widget under @root whose GtkWidget:name is @name (the templates name the widgets
 * tests and tools drive). */
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

/* One scroll run: each frame the tick callback moves the view, and records the time since
 * the previous frame. */
typedef struct
{
  GtkAdjustment *adjustment;
  guint          frames;
  guint          frame;
  gboolean       jump;        /* scrollbar drag over the whole list; else a wheel scroll */
  double         step;        /* pixels a frame, for the wheel */
  gint64         last_us;
  GArray        *intervals;   /* double ms */
  gboolean       finished;
} ScrollRun;

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  ScrollRun *run = data;
  gint64 now = g_get_monotonic_time ();
  double lower = gtk_adjustment_get_lower (run->adjustment);
  double range = gtk_adjustment_get_upper (run->adjustment) - gtk_adjustment_get_page_size (run->adjustment) - lower;

  if (run->last_us != 0)
    {
      double ms = (double) (now - run->last_us) / 1000.0;

      g_array_append_val (run->intervals, ms);
    }
  run->last_us = now;

  if (run->frame >= run->frames)
    {
      run->finished = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (run->jump)
    gtk_adjustment_set_value (run->adjustment, lower + range * (double) run->frame / (double) (run->frames - 1));
  else
    gtk_adjustment_set_value (run->adjustment, gtk_adjustment_get_value (run->adjustment) + run->step);
  run->frame++;
  return G_SOURCE_CONTINUE;
}

static gboolean
run_finished (gpointer data)
{
  return ((ScrollRun *) data)->finished;
}

static void
report_run (Report     *report,
            const char *name,
            ScrollRun  *run)
{
  g_autofree char *median = g_strdup_printf ("%s_frame_median_ms", name);
  g_autofree char *p95 = g_strdup_printf ("%s_frame_p95_ms", name);
  g_autofree char *max = g_strdup_printf ("%s_frame_max_ms", name);
  g_autofree char *slow = g_strdup_printf ("%s_frames_over_33ms", name);
  GArray *samples = run->intervals;
  gsize n = samples->len;
  guint over = 0;

  if (n == 0)
    return;
  for (gsize i = 0; i < n; i++)
    over += g_array_index (samples, double, i) > 33.4;
  g_array_sort (samples, compare_double);
  report_value (report, median, g_array_index (samples, double, n / 2), "ms", "<", 17.5);
  report_value (report, p95, g_array_index (samples, double, MIN (n - 1, n * 95 / 100)), "ms", "<", 33.4);
  report_value (report, max, g_array_index (samples, double, n - 1), "ms", NULL, 0);
  report_value (report, slow, over, "frames", NULL, 0);
}

static gboolean
scroll (Report        *report,
        const char    *name,
        GtkAdjustment *adjustment,
        gboolean       jump,
        guint          frames,
        GtkWidget     *view)
{
  ScrollRun run = { adjustment, frames, 0, jump, 0, 0, g_array_new (FALSE, FALSE, sizeof (double)), FALSE };
  gboolean ok;

  /* Wheel: three rows of about 34 px a frame, 180 rows a second at 60 frames a second. */
  run.step = 3 * 34;
  gtk_widget_add_tick_callback (view, scroll_tick, &run, NULL);
  ok = wait_until (run_finished, &run, frames * 200 + 10000);
  report_run (report, name, &run);
  g_array_unref (run.intervals);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *screenshot = NULL;
  g_autofree char *queue_screenshot = NULL;
  int n_dossiers = 0;
  int frames = 600;
  int filter = 0;
  int order = 0;
  GOptionEntry entries[] = {
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db, "The database to show", "PATH" },
    { "dossiers", 'n', 0, G_OPTION_ARG_INT, &n_dossiers, "Generate N dossiers into a temporary database", "N" },
    { "frames", 'f', 0, G_OPTION_ARG_INT, &frames, "Frames of each scroll (600)", "N" },
    { "filter", 0, 0, G_OPTION_ARG_INT, &filter, "Status filter entry for the screenshot (0: all)", "N" },
    { "order", 0, 0, G_OPTION_ARG_INT, &order, "Order entry for the screenshot (0: newest)", "N" },
    { "screenshot", 's', 0, G_OPTION_ARG_FILENAME, &screenshot, "Save the list page as PNG", "PATH" },
    { "queue-screenshot", 'q', 0, G_OPTION_ARG_FILENAME, &queue_screenshot, "Save the queue page as PNG", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— dossier list scrolling benchmark (needs a display)");
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(McContext) desk = NULL;
  g_autofree char *dir = NULL;
  Report report = { .json = g_string_new ("{") };
  McWindow *window;
  GtkWidget *page;
  GtkWidget *view;
  GtkAdjustment *adjustment;
  const char *localedir = g_getenv ("MOTCUA_LOCALEDIR");
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
  gtk_init ();
  {
    /* The app's style, as McApplication loads it: the marks' colours are part of the picture. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    mc_ui_ensure_resources ();
    gtk_css_provider_load_from_resource (css, "/org/motcua/Desk/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  if (db == NULL)
    {
      dir = g_dir_make_tmp ("motcua-bench-scroll-XXXXXX", &error);
      if (dir == NULL)
        goto out;
      db = g_build_filename (dir, "bench.db", NULL);
      store = mc_store_open (db, &error);
      if (store == NULL ||
          !mc_store_generate (store, n_dossiers > 0 ? (guint) n_dossiers : 100000, 5, mc_time_now (), 3, &error))
        goto out;
      /* The generator's large page cache is freed with its connection, but the C library
       * keeps the heap it grew: hand it back, so that the figure below is the app's own and
       * not the generator's (a desk never generates). */
      g_clear_object (&store);
      malloc_trim (0);
      store = mc_store_open (db, &error);
      if (store == NULL)
        goto out;
    }
  else
    {
      store = mc_store_open (db, &error);
      if (store == NULL)
        goto out;
    }

  settings = g_settings_new ("org.motcua.Desk");
  g_settings_set_boolean (settings, "setup-done", TRUE);
  g_settings_set_string (settings, "clerk-name", "Lê Thị Thu");
  desk = mc_context_new (store, settings);
  application = gtk_application_new ("org.motcua.Desk.BenchScroll", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    goto out;

  window = mc_window_new (application, desk);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  run_for (300);

  if (queue_screenshot != NULL)
    {
      McQueuePage *queue = MC_QUEUE_PAGE (mc_window_get_page_widget (window, "queue"));

      while (mc_dossier_list_model_is_loading (mc_queue_page_get_received_model (queue)) ||
             mc_dossier_list_model_is_loading (mc_queue_page_get_due_model (queue)))
        g_main_context_iteration (NULL, TRUE);
      run_for (300);
      if (!save_screenshot (GTK_WIDGET (window), queue_screenshot, &error))
        goto out;
    }

  /* From the click on "All dossiers" to its first rows on screen. */
  page = mc_window_get_page_widget (window, "list");
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "list");
  if (!wait_until (page_loaded, page, 30000) || !wait_until (rows_drawn, page, 30000))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the list did not load");
      goto out;
    }
  report_value (&report, "list_page_first_rows_ms", (double) (g_get_monotonic_time () - start) / 1000.0, "ms",
                "<", 1000);
  report_value (&report, "n_items", g_list_model_get_n_items (G_LIST_MODEL (mc_dossier_list_page_get_model (MC_DOSSIER_LIST_PAGE (page)))),
                "dossiers", NULL, 0);
  report_value (&report, "resident_at_start_mb", resident_megabytes (), "MB", NULL, 0);

  view = find_named (page, "dossier-list-view");
  if (view == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no column view");
      goto out;
    }
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  if (screenshot != NULL)
    {
      GtkWidget *filter_choice = find_named (page, "status-filter");
      GtkWidget *order_choice = find_named (page, "order-choice");

      if (filter_choice != NULL && order_choice != NULL && (filter != 0 || order != 0))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (filter_choice), (guint) filter);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (order_choice), (guint) order);
          run_for (50);
          wait_until (page_loaded, page, 30000);
        }
      run_for (500);
      if (!save_screenshot (GTK_WIDGET (window), screenshot, &error))
        goto out;
      if (filter != 0 || order != 0)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (filter_choice), 0);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (order_choice), 0);
          run_for (50);
          wait_until (page_loaded, page, 30000);
          run_for (300);
        }
    }

  if (!scroll (&report, "wheel", adjustment, FALSE, (guint) frames, view) ||
      !scroll (&report, "drag_whole_list", adjustment, TRUE, (guint) frames * 2, view))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "scrolling did not finish");
      goto out;
    }
  report_value (&report, "rows_built", mc_dossier_list_model_get_n_rows_built (mc_dossier_list_page_get_model (MC_DOSSIER_LIST_PAGE (page))),
                "rows", NULL, 0);
  report_value (&report, "pages_fetched", mc_dossier_list_model_get_n_pages_fetched (mc_dossier_list_page_get_model (MC_DOSSIER_LIST_PAGE (page))),
                "pages", NULL, 0);
  report_value (&report, "resident_after_scroll_mb", resident_megabytes (), "MB", "<", 200);

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (100);
  report_value (&report, "targets_missed", report.missed, "targets", NULL, 0);
  g_string_append (report.json, "}");
  g_print ("%s\n", report.json->str);
  status = 0;

out:
  if (error != NULL)
    g_printerr ("bench-list-scroll: %s\n", error->message);
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
