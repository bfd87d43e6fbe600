/* test-dashboard.c — the supervisor's overview as a supervisor meets it, on a generated year of
 * dossiers: the cards say what the store counts, the overdue card opens exactly the overdue
 * dossiers, each digitisation and rating card opens exactly the dossiers it counts, the page follows a dossier received on this desk and one written by another
 * program, the charts draw at any size and in a dark style, the exports write their files; and
 * the reminders tell of a dossier due today, and of one overdue, once each. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mc-chart-view.h"
#include "mc-dashboard-page.h"
#include "mc-dossier-list-page.h"
#include "mc-reminders.h"
#include "mc-report.h"
#include "mc-ui-test.h"
#include "mc-window.h"

#define N_DOSSIERS 1500

static GtkApplication *application;

static void
generate (McUiFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_generate (f->store, N_DOSSIERS, 11, mc_time_now (), 1, &error));
  g_assert_no_error (error);
}

/* Dossiers received @days_ago days ago at 09:00, still "received": long overdue now. */
static void
receive_overdue (McUiFixture *f,
                 guint        n,
                 int          days_ago)
{
  McDay day = mc_time_local_day (mc_time_now ()) - days_ago;
  g_autofree char *date = mc_day_format (day);
  g_autofree char *received = g_strdup_printf ("%s 09:00", date);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Trần Văn Quá", "001090001111", received);

      g_assert_nonnull (dossier);
    }
}

typedef struct
{
  McWindow        *window;
  McDashboardPage *page;
} Desk;

static Desk
open_dashboard (McUiFixture *f)
{
  Desk desk;

  desk.window = mc_window_new (application, f->context);
  gtk_window_present (GTK_WINDOW (desk.window));
  mc_ui_test_run_for (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.show-page", "s", "dashboard"));
  desk.page = MC_DASHBOARD_PAGE (mc_window_get_page_widget (desk.window, "dashboard"));
  g_assert_nonnull (desk.page);
  return desk;
}

typedef struct
{
  McDashboardPage *page;
  guint            after;
} LoadWait;

static gboolean
loaded_after (gpointer data)
{
  LoadWait *wait = data;

  return mc_dashboard_page_get_n_loads (wait->page) > wait->after && !mc_dashboard_page_is_loading (wait->page);
}

static void
wait_for_load (McDashboardPage *page,
               guint            after)
{
  LoadWait wait = { page, after };

  g_assert_true (mc_ui_test_wait_until (loaded_after, &wait, 15000));
  g_assert_nonnull (mc_dashboard_page_get_dashboard (page));
}

static GtkWidget *
card (McDashboardPage *page,
      McFigure         figure)
{
  g_autofree char *name = g_strdup_printf ("card-%s", mc_figure_to_string (figure));
  GtkWidget *widget = mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX_CHILD, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
card_value (McDashboardPage *page,
            McFigure         figure)
{
  GtkWidget *label = mc_ui_test_find (card (page, figure), GTK_TYPE_LABEL, "card-value");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The figures of the page's period at its moment, counted on a connection of the test's own. */
static void
count_independently (McUiFixture              *f,
                     const McDashboard        *shown,
                     McDashboardFigures       *figures)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (f->db_path, &error);

  g_assert_no_error (error);
  g_assert_true (mc_store_dashboard_figures (store, mc_period_start (&shown->period), mc_period_end (&shown->period),
                                             shown->figures.now, figures, &error));
  g_assert_no_error (error);
}

static void
test_cards_show_store_figures (McUiFixture *f, gconstpointer data)
{
  static const McFigure counts[] = {
    MC_FIGURE_RECEIVED, MC_FIGURE_IN_PROCESSING, MC_FIGURE_WAITING, MC_FIGURE_DUE_SOON, MC_FIGURE_OVERDUE,
    MC_FIGURE_FINISHED_EARLY, MC_FIGURE_FINISHED_ON_TIME, MC_FIGURE_FINISHED_LATE,
  };
  McDashboardFigures expected;
  const McDashboard *shown;
  Desk desk;

  generate (f);
  receive_overdue (f, 2, 40);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  mc_dashboard_page_set_period_kind (desk.page, MC_PERIOD_YEAR);
  wait_for_load (desk.page, 1);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  g_assert_cmpint (shown->period.kind, ==, MC_PERIOD_YEAR);
  count_independently (f, shown, &expected);
  /* A year of a generated desk: the figures are not all zero. */
  g_assert_cmpint (expected.received, >, 0);
  g_assert_cmpint (expected.finished, >, 0);
  g_assert_cmpint (expected.overdue, >=, 2);

  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *want = mc_figures_format_count (mc_dashboard_figures_get (&expected, counts[i]));

      g_assert_cmpstr (card_value (desk.page, counts[i]), ==, want);
    }
  {
    g_autofree char *rate = mc_figures_format_rate (expected.finished_early + expected.finished_on_time,
                                                    expected.finished);
    g_autofree char *online = mc_figures_format_rate (expected.received_online, expected.received);
    g_autofree char *synced = mc_figures_format_rate (expected.received_synced, expected.received);
    g_autofree char *handling = mc_figures_format_handling (expected.handling_seconds, expected.handled,
                                                            expected.daily_working_seconds);

    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_FINISHED_IN_TIME), ==, rate);
    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_RECEIVED_ONLINE), ==, online);
    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_RECEIVED_SYNCED), ==, synced);
    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_FINISHED), ==, handling);
  }
  /* Digitisation and satisfaction: rates with the counts behind them in words. */
  {
    g_autofree char *digitised = mc_figures_format_rate (expected.received_digitised, expected.received);
    g_autofree char *results = mc_figures_format_rate (expected.result_digitised, expected.finished);
    g_autofree char *satisfaction = mc_figures_format_rate (expected.rated_very_satisfied + expected.rated_satisfied,
                                                            expected.rated);
    g_autofree char *not_satisfied = mc_figures_format_count (expected.rated_not_satisfied);
    g_autofree char *rated = mc_figures_format_count (expected.rated);
    g_autofree char *not_satisfied_rate = mc_figures_format_rate (expected.rated_not_satisfied, expected.rated);
    g_autofree char *detail = g_strdup_printf ("%s of %s rated", not_satisfied_rate, rated);
    GtkWidget *label = mc_ui_test_find (card (desk.page, MC_FIGURE_RATED_NOT_SATISFIED), GTK_TYPE_LABEL, "card-detail");

    g_assert_cmpint (expected.received_digitised, >, 0);
    g_assert_cmpint (expected.rated, >, 0);
    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_RECEIVED_DIGITISED), ==, digitised);
    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_RESULT_DIGITISED), ==, results);
    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_RATED), ==, satisfaction);
    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_RATED_NOT_SATISFIED), ==, not_satisfied);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, detail);
  }
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* "From … to …": the days typed are the period counted, both included. */
static void
test_custom_period_counts_the_days_typed (McUiFixture *f, gconstpointer data)
{
  McDay today = mc_time_local_day (mc_time_now ());
  g_autofree char *from = mc_day_format_vi (today - 40);
  g_autofree char *to = mc_day_format_vi (today - 10);
  McDashboardFigures expected;
  const McDashboard *shown;
  GtkWidget *choice;
  guint loads;
  Desk desk;

  generate (f);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  choice = mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_DROP_DOWN, "period-choice");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 5);
  g_assert_true (gtk_widget_is_visible (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_ENTRY, "period-from")));
  wait_for_load (desk.page, 1);

  loads = mc_dashboard_page_get_n_loads (desk.page);
  gtk_editable_set_text (GTK_EDITABLE (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_ENTRY, "period-from")), from);
  gtk_editable_set_text (GTK_EDITABLE (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_ENTRY, "period-to")), to);
  g_signal_emit_by_name (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_BUTTON, "period-apply"), "clicked");
  wait_for_load (desk.page, loads);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  g_assert_cmpint (shown->period.first, ==, today - 40);
  g_assert_cmpint (shown->period.last, ==, today - 10);
  count_independently (f, shown, &expected);
  g_assert_cmpint (expected.received, >, 0);
  {
    g_autofree char *want = mc_figures_format_count (expected.received);

    g_assert_cmpstr (card_value (desk.page, MC_FIGURE_RECEIVED), ==, want);
  }

  /* Days the wrong way round are refused, and the figures shown stay. */
  loads = mc_dashboard_page_get_n_loads (desk.page);
  gtk_editable_set_text (GTK_EDITABLE (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_ENTRY, "period-from")), to);
  gtk_editable_set_text (GTK_EDITABLE (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_ENTRY, "period-to")), from);
  g_signal_emit_by_name (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_BUTTON, "period-apply"), "clicked");
  mc_ui_test_run_for (300);
  g_assert_cmpuint (mc_dashboard_page_get_n_loads (desk.page), ==, loads);
  g_assert_cmpint (mc_dashboard_page_get_dashboard (desk.page)->period.first, ==, today - 40);
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

typedef struct
{
  McWindow          *window;
  McDossierListPage *list;
} ListWait;

static gboolean
list_shows_figure (gpointer data)
{
  ListWait *wait = data;
  McDossierListModel *model = mc_dossier_list_page_get_model (wait->list);

  return g_strcmp0 (mc_window_get_page (wait->window), "list") == 0 && model != NULL &&
         mc_dossier_list_model_get_figure (model, NULL) && !mc_dossier_list_model_is_loading (model);
}

static void
test_overdue_card_opens_the_overdue (McUiFixture *f, gconstpointer data)
{
  const McDashboard *shown;
  McDossierListModel *model;
  McFigureFilter filter;
  ListWait wait;
  GtkWidget *title;
  Desk desk;

  generate (f);
  receive_overdue (f, 3, 90);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  g_assert_cmpint (shown->figures.overdue, >=, 3);

  g_signal_emit_by_name (card (desk.page, MC_FIGURE_OVERDUE), "activate");
  wait = (ListWait) { desk.window, MC_DOSSIER_LIST_PAGE (mc_window_get_page_widget (desk.window, "list")) };
  g_assert_true (mc_ui_test_wait_until (list_shows_figure, &wait, 10000));

  model = mc_dossier_list_page_get_model (wait.list);
  g_assert_true (mc_dossier_list_model_get_figure (model, &filter));
  g_assert_cmpint (filter.figure, ==, MC_FIGURE_OVERDUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) shown->figures.overdue);
  /* The list says what it shows. */
  title = mc_ui_test_find (GTK_WIDGET (wait.list), GTK_TYPE_LABEL, "figure-title");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_visible (title));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (title)), "Overdue"));

  /* "Show all dossiers" goes back to the whole list. */
  g_signal_emit_by_name (mc_ui_test_find (GTK_WIDGET (wait.list), GTK_TYPE_BUTTON, "figure-clear"), "clicked");
  g_assert_false (mc_dossier_list_model_get_figure (model, NULL));
  g_assert_false (gtk_widget_is_visible (title));

  /* A bar of the lateness chart opens its dossiers: the three received three months ago are
   * among those over 20 working days late. */
  gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.show-page", "s", "dashboard");
  g_assert_cmpint (shown->lateness.counts[MC_LATENESS_N_BUCKETS - 1], >=, 3);
  g_signal_emit_by_name (mc_ui_test_find (GTK_WIDGET (desk.page), MC_TYPE_CHART_VIEW, "chart-lateness"),
                         "item-activated", MC_LATENESS_N_BUCKETS - 1, 0);
  g_assert_true (mc_ui_test_wait_until (list_shows_figure, &wait, 10000));
  g_assert_true (mc_dossier_list_model_get_figure (model, &filter));
  g_assert_cmpint (filter.lateness, ==, MC_LATENESS_N_BUCKETS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    (guint) shown->lateness.counts[MC_LATENESS_N_BUCKETS - 1]);
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* Writes what @widget shows to a PNG (for a person to look at, never compared). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (g_getenv ("MOTCUA_SCREENSHOT_DIR") == NULL)
    return;
  path = g_build_filename (g_getenv ("MOTCUA_SCREENSHOT_DIR"), name, NULL);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, path);
}

/* Each digitisation and rating card opens the list of exactly the dossiers it counts: the
 * satisfaction rate every rated one, each rating its own. */
static void
test_digitisation_and_rating_cards_open_their_dossiers (McUiFixture *f, gconstpointer data)
{
  static const McFigure figures[] = {
    MC_FIGURE_RECEIVED_DIGITISED, MC_FIGURE_RESULT_DIGITISED, MC_FIGURE_RATED,
    MC_FIGURE_RATED_VERY_SATISFIED, MC_FIGURE_RATED_SATISFIED, MC_FIGURE_RATED_NOT_SATISFIED,
  };
  const McDashboard *shown;
  McDossierListModel *model;
  ListWait wait;
  Desk desk;

  generate (f);
  desk = open_dashboard (f);
  gtk_window_set_default_size (GTK_WINDOW (desk.window), 1200, 1400);
  wait_for_load (desk.page, 0);
  mc_dashboard_page_set_period_kind (desk.page, MC_PERIOD_YEAR);
  wait_for_load (desk.page, 1);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  if (g_getenv ("MOTCUA_SCREENSHOT_DIR") != NULL)
    {
      mc_ui_test_run_for (1000);   /* past the page's cross-fade */
      save_screenshot (GTK_WIDGET (desk.window), "dashboard-digitisation.png");
    }
  wait = (ListWait) { desk.window, MC_DOSSIER_LIST_PAGE (mc_window_get_page_widget (desk.window, "list")) };

  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      gint64 count = mc_dashboard_figures_get (&shown->figures, figures[i]);
      McFigureFilter filter;
      GtkWidget *title;

      /* A generated year has something behind every one of them. */
      g_assert_cmpint (count, >, 0);
      gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.show-page", "s", "dashboard");
      g_signal_emit_by_name (card (desk.page, figures[i]), "activate");
      g_assert_true (mc_ui_test_wait_until (list_shows_figure, &wait, 10000));
      model = mc_dossier_list_page_get_model (wait.list);
      g_assert_true (mc_dossier_list_model_get_figure (model, &filter));
      g_assert_cmpint (filter.figure, ==, figures[i]);
      g_assert_true (filter.from == mc_period_start (&shown->period) && filter.to == mc_period_end (&shown->period));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) count);
      title = mc_ui_test_find (GTK_WIDGET (wait.list), GTK_TYPE_LABEL, "figure-title");
      g_assert_true (gtk_widget_is_visible (title));
      if (figures[i] == MC_FIGURE_RATED_NOT_SATISFIED)
        g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (title)), "Not satisfied"));
    }
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* A breakdown row's overdue number opens that group's overdue dossiers. */
static void
test_breakdown_number_opens_its_group (McUiFixture *f, gconstpointer data)
{
  const McDashboard *shown;
  const McBreakdownRow *top;
  McDossierListModel *model;
  GtkWidget *view;
  GtkWidget *button = NULL;
  ListWait wait;
  Desk desk;

  generate (f);
  receive_overdue (f, 2, 30);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  mc_ui_test_run_for (200);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  g_assert_cmpint (mc_dashboard_page_get_breakdown (desk.page), ==, MC_BREAKDOWN_FIELD);
  /* Overdue first: the first row of the store's order is the first row of the table. */
  top = g_ptr_array_index (shown->breakdowns[MC_BREAKDOWN_FIELD], 0);
  g_assert_cmpint (top->overdue, >, 0);

  view = mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_COLUMN_VIEW, "breakdown-view");
  g_assert_nonnull (view);
  /* The first sensitive number button whose text is the top row's overdue count, in the
   * overdue column: found by walking the rows' cells in order. */
  {
    g_autofree char *want = mc_figures_format_count (top->overdue);
    GtkWidget *rows = gtk_widget_get_last_child (view);   /* the list view of rows */
    GtkWidget *row = gtk_widget_get_first_child (rows);
    guint column = 0;

    for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
      {
        GtkWidget *child = gtk_widget_get_first_child (cell);

        if (column == 6 && GTK_IS_BUTTON (child))
          button = child;
        column++;
      }
    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))), ==, want);
  }
  g_signal_emit_by_name (button, "clicked");
  wait = (ListWait) { desk.window, MC_DOSSIER_LIST_PAGE (mc_window_get_page_widget (desk.window, "list")) };
  g_assert_true (mc_ui_test_wait_until (list_shows_figure, &wait, 10000));
  model = mc_dossier_list_page_get_model (wait.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) top->overdue);

  /* The clerks' table is counted when chosen, and shows one row per clerk. */
  gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.show-page", "s", "dashboard");
  {
    guint loads = mc_dashboard_page_get_n_loads (desk.page);

    g_assert_null (mc_dashboard_page_get_dashboard (desk.page)->breakdowns[MC_BREAKDOWN_CLERK]);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (mc_ui_test_find (GTK_WIDGET (desk.page), GTK_TYPE_DROP_DOWN,
                                                                "breakdown-choice")), 3);
    wait_for_load (desk.page, loads);
    shown = mc_dashboard_page_get_dashboard (desk.page);
    g_assert_nonnull (shown->breakdowns[MC_BREAKDOWN_CLERK]);
    g_assert_cmpuint (shown->breakdowns[MC_BREAKDOWN_CLERK]->len, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)))),
                      ==, shown->breakdowns[MC_BREAKDOWN_CLERK]->len);
  }
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* ---- following changes ------------------------------------------------------------------- */

typedef struct
{
  McDashboardPage *page;
  const char      *want;
} ValueWait;

static gboolean
received_card_reads (gpointer data)
{
  ValueWait *wait = data;

  return g_strcmp0 (card_value (wait->page, MC_FIGURE_RECEIVED), wait->want) == 0;
}

static gpointer
receive_job (McStore   *store,
             gpointer   data,
             GError   **error)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (store, "1.004222", error);

  if (procedure == NULL)
    return NULL;
  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup ("Phạm Thị Mới");
  draft->id_number = g_strdup ("001190002222");
  draft->phone = g_strdup ("0912 000 111");
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory)
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
  return mc_store_receive (store, draft, "Lê Thị Thu", error);
}

static void
receive_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = mc_context_run_finish (MC_CONTEXT (source), result, &error);

  g_assert_no_error (error);
  mc_context_dossier_changed (MC_CONTEXT (source), dossier->code);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_refreshes_after_receiving_on_this_desk (McUiFixture *f, gconstpointer data)
{
  const McDashboard *shown;
  g_autofree char *want = NULL;
  gboolean received = FALSE;
  ValueWait wait;
  Desk desk;

  generate (f);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  want = mc_figures_format_count (shown->figures.received + 1);

  mc_context_run_async (f->context, receive_job, NULL, NULL, (GDestroyNotify) mc_dossier_free, NULL,
                        receive_done, &received);
  g_assert_true (mc_ui_test_wait_until (flag_set, &received, 10000));
  wait = (ValueWait) { desk.page, want };
  g_assert_true (mc_ui_test_wait_until (received_card_reads, &wait, 5000));
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* The CLI or the portal sync writes through a connection of its own: no signal reaches the
 * app, yet the page follows. */
static void
test_refreshes_after_another_program_writes (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McStore) other = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  const McDashboard *shown;
  g_autofree char *want = NULL;
  guint loads;
  ValueWait wait;
  Desk desk;

  generate (f);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  mc_ui_test_run_for (300);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  want = mc_figures_format_count (shown->figures.received + 1);
  loads = mc_dashboard_page_get_n_loads (desk.page);

  other = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  dossier = receive_job (other, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dossier);

  wait = (ValueWait) { desk.page, want };
  g_assert_true (mc_ui_test_wait_until (received_card_reads, &wait, 8000));
  g_assert_cmpuint (mc_dashboard_page_get_n_loads (desk.page), >, loads);
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* ---- charts ------------------------------------------------------------------------------ */

static void
render (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
}

static gboolean
window_is_size (gpointer data)
{
  GtkWidget *window = data;
  int *size = g_object_get_data (G_OBJECT (window), "test-size");

  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) == size[0] &&
         gtk_widget_get_height (window) == size[1];
}

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

static gboolean
painted (gpointer data)
{
  return *(guint *) data >= 1;
}

/* Lets @window lay out and paint at its new size: a slow machine (ASan) needs more than one
 * main loop turn for it. */
static void
wait_for_frames (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  guint frames = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &frames);
  gtk_widget_queue_draw (window);
  g_assert_true (mc_ui_test_wait_until (painted, &frames, 5000));
  g_signal_handler_disconnect (clock, handler);
}

static void
test_charts_draw_at_any_size_and_style (McUiFixture *f, gconstpointer data)
{
  static int sizes[][2] = { { 200, 150 }, { 360, 240 }, { 1200, 700 } };
  g_autoptr(GtkCssProvider) dark = gtk_css_provider_new ();
  McChartStyle light_palette, dark_palette, style;
  const McDashboard *shown;
  GtkWidget *window;
  GtkWidget *grid;
  McChartView *charts[3];
  Desk desk;

  generate (f);
  receive_overdue (f, 4, 20);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  mc_dashboard_page_set_period_kind (desk.page, MC_PERIOD_YEAR);
  wait_for_load (desk.page, 1);
  shown = mc_dashboard_page_get_dashboard (desk.page);
  g_assert_cmpuint (shown->weeks->len, >=, 52);

  /* The page's own charts have their data. */
  g_assert_cmpuint (mc_chart_view_get_n_items (MC_CHART_VIEW (mc_ui_test_find (GTK_WIDGET (desk.page),
                                                                             MC_TYPE_CHART_VIEW, "chart-weeks"))),
                    ==, shown->weeks->len);

  window = gtk_window_new ();
  grid = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < 3; i++)
    {
      charts[i] = MC_CHART_VIEW (mc_chart_view_new ((McChartKind) i));
      gtk_widget_set_vexpand (GTK_WIDGET (charts[i]), TRUE);
      gtk_box_append (GTK_BOX (grid), GTK_WIDGET (charts[i]));
    }
  mc_chart_view_set_months (charts[MC_CHART_ON_TIME_BY_MONTH], (const McMonthFigures *) shown->months->data,
                            shown->months->len);
  mc_chart_view_set_weeks (charts[MC_CHART_RECEIVED_FINISHED_BY_WEEK], (const McWeekFigures *) shown->weeks->data,
                           shown->weeks->len);
  mc_chart_view_set_lateness (charts[MC_CHART_OVERDUE_BY_LATENESS], &shown->lateness);
  gtk_window_set_child (GTK_WINDOW (window), grid);

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_object_set_data (G_OBJECT (window), "test-size", sizes[i]);
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i][0], sizes[i][1]);
      gtk_window_present (GTK_WINDOW (window));
      mc_ui_test_wait_until (window_is_size, window, 5000);
      wait_for_frames (window);
      render (window);
    }

  /* A bar maps back to its item: the middle of the lateness chart's area is a bucket. */
  g_assert_cmpint (mc_chart_view_item_at (charts[2], gtk_widget_get_width (GTK_WIDGET (charts[2])) / 2.0,
                                          gtk_widget_get_height (GTK_WIDGET (charts[2])) / 2.0, NULL), ==, 2);

  /* Light text (a dark theme) draws with the print layer's palette for dark pages. */
  mc_chart_style_init (&light_palette, FALSE);
  mc_chart_style_init (&dark_palette, TRUE);
  mc_chart_view_get_style (charts[0], &style);
  g_assert_cmpfloat (style.series[0][2], ==, light_palette.series[0][2]);
  gtk_css_provider_load_from_data (dark, "chart { color: #f6f5f4; background: #242424; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (dark),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  wait_for_frames (window);
  mc_chart_view_get_style (charts[0], &style);
  g_assert_cmpfloat (style.series[0][2], ==, dark_palette.series[0][2]);
  g_assert_cmpfloat (style.foreground[0], >, 0.9);
  render (window);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (dark));

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* ---- exports ----------------------------------------------------------------------------- */

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_dashboard_page_export_finish (MC_DASHBOARD_PAGE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_exports_write_report_and_tables (McUiFixture *f, gconstpointer data)
{
  static const struct
  {
    McDashboardExport  format;
    const char        *name;
    const char        *magic;
  } exports[] = {
    { MC_DASHBOARD_EXPORT_PDF, "report.pdf", "%PDF" },
    { MC_DASHBOARD_EXPORT_CSV, "by-field.csv", "\xEF\xBB\xBF" },
    { MC_DASHBOARD_EXPORT_XLSX, "report.xlsx", "PK" },
  };
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  Desk desk;

  generate (f);
  desk = open_dashboard (f);
  wait_for_load (desk.page, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, exports[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      gboolean done = FALSE;

      mc_dashboard_page_export_async (desk.page, exports[i].format, path, NULL, export_done, &done);
      g_assert_true (mc_ui_test_wait_until (flag_set, &done, 20000));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 100);
      g_assert_true (g_str_has_prefix (contents, exports[i].magic));
      if (exports[i].format == MC_DASHBOARD_EXPORT_CSV)
        {
          /* The table shown: one line per field, after the heading. */
          const McDashboard *shown = mc_dashboard_page_get_dashboard (desk.page);
          const McBreakdownRow *top = g_ptr_array_index (shown->breakdowns[MC_BREAKDOWN_FIELD], 0);

          g_assert_nonnull (strstr (contents, top->label));
        }
      if (exports[i].format == MC_DASHBOARD_EXPORT_PDF && pdftotext != NULL)
        {
          /* The report has every table, the clerks' too, which the page had not counted. */
          g_autofree char *text = NULL;
          g_autofree char *folded = NULL;
          g_autofree char *clerks = g_utf8_casefold (mc_report_table_describe (MC_REPORT_TABLE_BY_CLERK), -1);
          g_autofree char *fields = g_utf8_casefold (mc_report_table_describe (MC_REPORT_TABLE_BY_FIELD), -1);
          const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                       NULL, NULL, &text, NULL, NULL, NULL));
          /* Headings are printed in capitals. */
          folded = g_utf8_casefold (text, -1);
          g_assert_nonnull (strstr (folded, clerks));
          g_assert_nonnull (strstr (folded, fields));
        }
    }
  gtk_window_destroy (GTK_WINDOW (desk.window));
}

/* ---- reminders --------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *ids;     /* the notifications' ids, in order */
} Sent;

static void
on_notification (McReminders   *reminders,
                 const char    *id,
                 GNotification *notification,
                 Sent          *sent)
{
  g_assert_true (G_IS_NOTIFICATION (notification));
  g_ptr_array_add (sent->ids, g_strdup (id));
  /* Kept from the session bus: the test records what would be shown. */
  g_signal_stop_emission_by_name (reminders, "notification");
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint *n_sent = user_data;

  g_assert_true (mc_reminders_check_finish (MC_REMINDERS (source), result, &n_sent[0], &error));
  g_assert_no_error (error);
  n_sent[1] = TRUE;
}

static guint
check_at (McReminders *reminders,
          McTime       now)
{
  guint result[2] = { 0, FALSE };

  mc_reminders_check_async (reminders, now, NULL, check_done, result);
  g_assert_true (mc_ui_test_wait_until (flag_set, &result[1], 10000));
  return result[0];
}

static guint
count_ids (Sent       *sent,
           const char *id)
{
  guint n = 0;

  for (guint i = 0; i < sent->ids->len; i++)
    n += g_str_equal (g_ptr_array_index (sent->ids, i), id);
  return n;
}

static McReminders *
new_reminders (McUiFixture *f,
               Sent        *sent)
{
  g_autofree char *state = g_build_filename (f->dir, "reminders.ini", NULL);
  McReminders *reminders = mc_reminders_new (G_APPLICATION (application), f->context, state);

  g_signal_connect (reminders, "notification", G_CALLBACK (on_notification), sent);
  return reminders;
}

static gboolean
summary_time_is (gpointer data)
{
  McUiFixture *f = data;

  return mc_context_get_office (f->context)->reminders_summary_time == 8 * 3600;
}

static void
test_reminders_due_today_and_overdue_once (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Thị Hẹn", "001180003333", NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *due_id = g_strdup_printf ("due-today:%s", dossier->code);
  g_autofree char *overdue_id = g_strdup_printf ("overdue:%s", dossier->code);
  Sent sent = { ids };
  McReminders *reminders;
  McTime due = dossier->current_due_at;

  g_assert_cmpint (due, !=, MC_TIME_NONE);
  reminders = new_reminders (f, &sent);

  /* An hour before its appointment, the dossier is due today: told once. */
  check_at (reminders, due - 3600);
  g_assert_cmpuint (count_ids (&sent, due_id), ==, 1);
  g_assert_true (mc_reminders_was_notified (reminders, dossier->code, MC_REMINDER_DUE_TODAY));
  check_at (reminders, due - 3000);
  g_assert_cmpuint (count_ids (&sent, due_id), ==, 1);
  g_assert_cmpuint (count_ids (&sent, overdue_id), ==, 0);
  g_object_unref (reminders);

  /* The app restarts: still not told again. */
  reminders = new_reminders (f, &sent);
  g_assert_true (mc_reminders_was_notified (reminders, dossier->code, MC_REMINDER_DUE_TODAY));
  check_at (reminders, due - 2400);
  g_assert_cmpuint (count_ids (&sent, due_id), ==, 1);

  /* The appointment passes: overdue, told once. */
  check_at (reminders, due + 60);
  g_assert_cmpuint (count_ids (&sent, overdue_id), ==, 1);
  check_at (reminders, due + 120);
  check_at (reminders, due + 3600);
  g_assert_cmpuint (count_ids (&sent, overdue_id), ==, 1);
  g_assert_cmpuint (count_ids (&sent, due_id), ==, 1);
  g_object_unref (reminders);
}

static void
test_reminders_group_many_dossiers (McUiFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(McDossier) first = mc_ui_test_receive (f, "Lý Văn Một", "001080004444", NULL);
  Sent sent = { ids };
  McReminders *reminders;
  McTime last_due = first->current_due_at;

  /* Received within seconds: due within seconds of each other, the same day. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(McDossier) other = mc_ui_test_receive (f, "Lý Văn Hai", "001080004445", NULL);

      g_assert_cmpint (mc_time_local_day (other->current_due_at), ==, mc_time_local_day (first->current_due_at));
      last_due = MAX (last_due, other->current_due_at);
    }
  reminders = new_reminders (f, &sent);
  check_at (reminders, first->current_due_at - 600);
  /* Five dossiers due at once: one notification, each remembered. */
  g_assert_cmpuint (count_ids (&sent, "due-today"), ==, 1);
  g_assert_true (mc_reminders_was_notified (reminders, first->code, MC_REMINDER_DUE_TODAY));
  check_at (reminders, last_due + 60);
  g_assert_cmpuint (count_ids (&sent, "overdue"), ==, 1);
  g_assert_cmpuint (count_ids (&sent, "due-today"), ==, 1);
  g_object_unref (reminders);
}

static void
test_reminders_daily_summary_once_a_day (McUiFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Sent sent = { ids };
  McDay today = mc_time_local_day (mc_time_now ());
  McReminders *reminders;

  g_settings_set_string (f->settings, "reminders-summary-time", "08:00");
  g_assert_true (mc_ui_test_wait_until (summary_time_is, f, 5000));
  reminders = new_reminders (f, &sent);

  check_at (reminders, mc_time_from_local (today, 7 * 3600 + 59 * 60));
  g_assert_cmpuint (count_ids (&sent, "daily-summary"), ==, 0);
  check_at (reminders, mc_time_from_local (today, 8 * 3600 + 60));
  g_assert_cmpuint (count_ids (&sent, "daily-summary"), ==, 1);
  check_at (reminders, mc_time_from_local (today, 15 * 3600));
  g_assert_cmpuint (count_ids (&sent, "daily-summary"), ==, 1);
  check_at (reminders, mc_time_from_local (today + 1, 8 * 3600 + 60));
  g_assert_cmpuint (count_ids (&sent, "daily-summary"), ==, 2);
  g_object_unref (reminders);
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestDashboard", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

  g_test_add ("/dashboard/cards-show-store-figures", McUiFixture, NULL,
              mc_ui_fixture_setup, test_cards_show_store_figures, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/custom-period-counts-the-days-typed", McUiFixture, NULL,
              mc_ui_fixture_setup, test_custom_period_counts_the_days_typed, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/overdue-card-opens-the-overdue", McUiFixture, NULL,
              mc_ui_fixture_setup, test_overdue_card_opens_the_overdue, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/digitisation-and-rating-cards-open-their-dossiers", McUiFixture, NULL,
              mc_ui_fixture_setup, test_digitisation_and_rating_cards_open_their_dossiers, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/breakdown-number-opens-its-group", McUiFixture, NULL,
              mc_ui_fixture_setup, test_breakdown_number_opens_its_group, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/refreshes-after-receiving-on-this-desk", McUiFixture, NULL,
              mc_ui_fixture_setup, test_refreshes_after_receiving_on_this_desk, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/refreshes-after-another-program-writes", McUiFixture, NULL,
              mc_ui_fixture_setup, test_refreshes_after_another_program_writes, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/charts-draw-at-any-size-and-style", McUiFixture, NULL,
              mc_ui_fixture_setup, test_charts_draw_at_any_size_and_style, mc_ui_fixture_teardown);
  g_test_add ("/dashboard/exports-write-report-and-tables", McUiFixture, NULL,
              mc_ui_fixture_setup, test_exports_write_report_and_tables, mc_ui_fixture_teardown);
  g_test_add ("/reminders/due-today-and-overdue-once", McUiFixture, NULL,
              mc_ui_fixture_setup, test_reminders_due_today_and_overdue_once, mc_ui_fixture_teardown);
  g_test_add ("/reminders/group-many-dossiers", McUiFixture, NULL,
              mc_ui_fixture_setup, test_reminders_group_many_dossiers, mc_ui_fixture_teardown);
  g_test_add ("/reminders/daily-summary-once-a-day", McUiFixture, NULL,
              mc_ui_fixture_setup, test_reminders_daily_summary_once_a_day, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
