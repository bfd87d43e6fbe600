/* test-dossier-list.c — the dossier list and today's queue as the clerk meets them, on a
 * generated register of a few hundred dossiers: the count, the order by appointment, the
 * status filter, a new dossier appearing in the list and in the queue, rows built only for
 * what is on screen, the overdue mark in words and colour, and a row opening its dossier. */
#include "config.h"

#include <string.h>

#include "mc-dossier-list-model.h"
#include "mc-dossier-list-page.h"
#include "mc-queue-page.h"
#include "mc-ui-test.h"
#include "mc-window.h"

#define N_DOSSIERS 600

static GtkApplication *application;

static void
generate (McUiFixture *f,
          guint        n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_generate (f->store, n, 7, mc_time_now (), 1, &error));
  g_assert_no_error (error);
}

static gboolean
model_loaded (gpointer data)
{
  return data != NULL && !mc_dossier_list_model_is_loading (data);
}

static void
wait_loaded (McDossierListModel *model)
{
  g_assert_true (mc_ui_test_wait_until (model_loaded, model, 10000));
  g_assert_null (mc_dossier_list_model_get_error (model));
}

static McDossierListModel *
new_model (McUiFixture          *f,
           const McDossierQuery *query)
{
  McDossierListModel *model = mc_dossier_list_model_new (f->db_path, query);

  wait_loaded (model);
  return model;
}

static McStoreCounts
count_all (McUiFixture *f)
{
  McStoreCounts counts;
  g_autoptr(GError) error = NULL;
  McTime now = mc_time_now ();

  g_assert_true (mc_store_count (f->store, 0, now + 1, now, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

static McWindow *
open_window_on (McUiFixture *f,
                const char  *page)
{
  McWindow *window = mc_window_new (application, f->context);

  gtk_window_present (GTK_WINDOW (window));
  mc_ui_test_run_for (100);
  if (page != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page));
  return window;
}

static gboolean
page_has_model (gpointer data)
{
  return mc_dossier_list_page_get_model (data) != NULL;
}

static McDossierListModel *
list_page_model (McWindow *window)
{
  McDossierListPage *page = MC_DOSSIER_LIST_PAGE (mc_window_get_page_widget (window, "list"));

  g_assert_true (mc_ui_test_wait_until (page_has_model, page, 5000));
  wait_loaded (mc_dossier_list_page_get_model (page));
  return mc_dossier_list_page_get_model (page);
}

/* ---- the model ------------------------------------------------------------------------- */

static void
test_model_counts_every_dossier (McUiFixture *f, gconstpointer data)
{
  McStoreCounts counts;
  g_autoptr(McDossierListModel) model = NULL;

  generate (f, N_DOSSIERS);
  counts = count_all (f);
  model = new_model (f, NULL);

  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, counts.received);
  g_assert_cmpint (counts.received, ==, N_DOSSIERS);
  /* Knowing the count built no row. */
  g_assert_cmpuint (mc_dossier_list_model_get_n_rows_built (model), ==, 0);
}

static void
test_model_by_appointment_is_ordered (McUiFixture *f, gconstpointer data)
{
  McDossierQuery query = { .order = MC_DOSSIER_ORDER_DUE };
  g_autoptr(McDossierListModel) model = NULL;
  McTime previous = G_MININT64;
  guint n;

  generate (f, N_DOSSIERS);
  model = new_model (f, &query);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, N_DOSSIERS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McDossierRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      McTime due = mc_dossier_row_get_due_at (row);

      g_assert_cmpint (due, !=, MC_TIME_NONE);
      g_assert_cmpint (due, >=, previous);
      previous = due;
    }
}

static void
test_model_status_filter (McUiFixture *f, gconstpointer data)
{
  McStoreCounts counts;
  static const McStatus statuses[] = { MC_STATUS_RETURNED, MC_STATUS_IN_PROCESSING, MC_STATUS_REFUSED };

  generate (f, N_DOSSIERS);
  counts = count_all (f);
  for (gsize s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      McDossierQuery query = { .status = statuses[s], .order = MC_DOSSIER_ORDER_DUE };
      g_autoptr(McDossierListModel) model = new_model (f, &query);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

      g_assert_cmpint (n, ==, counts.by_status[statuses[s]]);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(McDossierRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

          g_assert_cmpint (mc_dossier_row_get_status (row), ==, statuses[s]);
        }
    }
  g_assert_cmpint (counts.by_status[MC_STATUS_RETURNED], >, 0);
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

/* A dossier moved: the row the view holds shows its new status, and nothing else in the
 * list is said to have changed (the view keeps its place). */
static void
test_model_reload_updates_rows_in_place (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(McDossierListModel) model = NULL;
  g_autoptr(McDossierRow) row = NULL;
  g_autoptr(GError) error = NULL;
  ChangeLog log = { 0 };
  g_autofree char *clerk = mc_context_dup_clerk (f->context);
  guint n;

  generate (f, 200);
  dossier = mc_ui_test_receive (f, "Phạm Thị Hoa", "008090001234", NULL);
  model = new_model (f, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (mc_dossier_row_get_code (row), ==, dossier->code);
  g_assert_cmpint (mc_dossier_row_get_status (row), ==, MC_STATUS_RECEIVED);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &log);
  moved = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, clerk, MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  mc_dossier_list_model_reload (model);
  wait_loaded (model);

  g_assert_cmpint (mc_dossier_row_get_status (row), ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpuint (log.calls, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
}

/* ---- the pages ------------------------------------------------------------------------- */

static gboolean
list_has (McDossierListModel *model,
          gint64              id)
{
  return mc_dossier_list_model_find (model, id) >= 0;
}

typedef struct
{
  McDossierListModel *list;
  McDossierListModel *queue;
  gint64              id;
} AppearWait;

static gboolean
appeared (gpointer data)
{
  AppearWait *wait = data;

  return !mc_dossier_list_model_is_loading (wait->list) && !mc_dossier_list_model_is_loading (wait->queue)
         && list_has (wait->list, wait->id) && list_has (wait->queue, wait->id);
}

static void
test_received_dossier_appears (McUiFixture *f, gconstpointer data)
{
  McWindow *window;
  McDossierListModel *list;
  McDossierListModel *queue;
  McQueuePage *queue_page;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McDossierRow) first = NULL;
  GtkWidget *heading;
  g_autofree char *count = NULL;
  AppearWait wait;
  guint n_before;

  generate (f, N_DOSSIERS);
  window = open_window_on (f, "list");
  list = list_page_model (window);
  queue_page = MC_QUEUE_PAGE (mc_window_get_page_widget (window, "queue"));
  queue = mc_queue_page_get_received_model (queue_page);
  wait_loaded (queue);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (list));

  dossier = mc_ui_test_receive (f, "Đặng Văn Hùng", "008090001234", NULL);
  mc_context_dossier_changed (f->context, dossier->code);
  wait = (AppearWait) { list, queue, dossier->id };
  g_assert_true (mc_ui_test_wait_until (appeared, &wait, 10000));

  /* Newest first: at the top of the list, and one more dossier counted. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_before + 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (mc_dossier_row_get_code (first), ==, dossier->code);
  g_assert_cmpstr (mc_dossier_row_get_applicant_name (first), ==, "Đặng Văn Hùng");
  g_assert_cmpint (mc_dossier_list_model_find (queue, dossier->id), ==, 0);

  /* The queue's heading counts it. */
  heading = mc_ui_test_find (GTK_WIDGET (queue_page), GTK_TYPE_LABEL, "queue-received-heading");
  count = mc_dossier_count_format (g_list_model_get_n_items (G_LIST_MODEL (queue)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (heading)), count));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first shown text widget under @root (the list's cells are GtkInscriptions, made for
 * list cells) that reads @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_get_mapped (child) &&
          ((GTK_IS_INSCRIPTION (child) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (child)), text) == 0) ||
           (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)))
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  const char **args = data;

  return find_label ((GtkWidget *) args[0], args[1]) != NULL;
}

/* The view shows real rows, and asks only for those around what is on screen (GTK 4.8's
 * list views keep up to 200 rows' widgets around the visible ones). */
static void
test_view_builds_only_visible_rows (McUiFixture *f, gconstpointer data)
{
  const guint n_dossiers = 3000;
  McWindow *window;
  McDossierListModel *model;
  GtkWidget *view;
  g_autoptr(McDossierRow) first = NULL;
  const char *args[2];
  guint n;

  generate (f, n_dossiers);
  window = open_window_on (f, "list");
  model = list_page_model (window);
  view = mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, "dossier-list-view");
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_focusable (view) || gtk_widget_get_can_focus (view));

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  args[0] = (const char *) view;
  args[1] = mc_dossier_row_get_code (first);
  g_assert_true (mc_ui_test_wait_until (label_shown, args, 5000));
  mc_ui_test_run_for (200);

  g_assert_cmpuint (n, ==, n_dossiers);
  g_assert_cmpuint (mc_dossier_list_model_get_n_rows_built (model), >, 0);
  g_assert_cmpuint (mc_dossier_list_model_get_n_rows_built (model), <=, 300);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_overdue_row (gpointer data)
{
  McDossierListModel *model = data;

  return !mc_dossier_list_model_is_loading (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

/* An overdue dossier reads as overdue three ways: an icon, the word, and the colour class. */
static void
test_overdue_row_is_marked (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) late = NULL;
  McTime now = mc_time_now ();
  g_autofree char *received = NULL;
  McWindow *window;
  McDossierListModel *model;
  GtkWidget *filter;
  GtkWidget *view;
  GtkWidget *word;
  GtkWidget *cell;
  GtkWidget *icon;
  const char *args[2];
  McDay day = mc_time_local_day (now) - 40;
  int y, m, d;

  /* Received forty days ago for a seven-working-day procedure, still only received. */
  mc_day_to_ymd (day, &y, &m, &d);
  received = g_strdup_printf ("%04d-%02d-%02d 09:00", y, m, d);
  late = mc_ui_test_receive (f, "Võ Thị Lan", "008090001234", received);
  g_assert_cmpint (late->current_due_at, <, now);

  window = open_window_on (f, "list");
  model = list_page_model (window);
  filter = mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, "status-filter");
  g_assert_nonnull (filter);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (filter), 3);   /* Overdue */
  g_assert_true (mc_ui_test_wait_until (has_overdue_row, model, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (mc_dossier_list_model_get_id (model, 0), ==, late->id);

  view = mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, "dossier-list-view");
  args[0] = (const char *) view;
  args[1] = "Overdue";
  g_assert_true (mc_ui_test_wait_until (label_shown, args, 5000));
  word = find_label (view, "Overdue");
  cell = gtk_widget_get_parent (word);
  icon = gtk_widget_get_first_child (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "overdue"));
  g_assert_true (GTK_IS_IMAGE (icon));
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-warning-symbolic");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_is_dossier (gpointer data)
{
  return g_strcmp0 (mc_window_get_page (data), "dossier") == 0;
}

static void
test_activating_a_row_opens_it (McUiFixture *f, gconstpointer data)
{
  McWindow *window;
  GtkWidget *view;

  generate (f, 100);
  window = open_window_on (f, "list");
  list_page_model (window);
  view = mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, "dossier-list-view");
  g_signal_emit_by_name (view, "activate", 3);
  g_assert_true (mc_ui_test_wait_until (page_is_dossier, window, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  McDossierListModel *model;
  McDossierOrder      order;
} OrderWait;

static gboolean
model_in_order (gpointer data)
{
  OrderWait *wait = data;
  McDossierQuery query;

  mc_dossier_list_model_get_query (wait->model, &query);
  return query.order == wait->order && !mc_dossier_list_model_is_loading (wait->model);
}

/* A click on the appointment header (the view's sort set on that column) puts the model,
 * not the view, in that order; the order choice follows. */
static void
test_appointment_header_orders_the_model (McUiFixture *f, gconstpointer data)
{
  McWindow *window;
  McDossierListModel *model;
  GtkColumnView *view;
  GtkDropDown *order;
  g_autoptr(GtkColumnViewColumn) due_column = NULL;
  OrderWait wait;
  McTime previous = G_MAXINT64;

  generate (f, 200);
  window = open_window_on (f, "list");
  model = list_page_model (window);
  view = GTK_COLUMN_VIEW (mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, "dossier-list-view"));
  order = GTK_DROP_DOWN (mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, "order-choice"));
  due_column = g_list_model_get_item (gtk_column_view_get_columns (view), 4);
  g_assert_nonnull (gtk_column_view_column_get_sorter (due_column));

  gtk_column_view_sort_by_column (view, due_column, GTK_SORT_DESCENDING);
  wait = (OrderWait) { model, MC_DOSSIER_ORDER_DUE_LATEST };
  g_assert_true (mc_ui_test_wait_until (model_in_order, &wait, 5000));
  g_assert_cmpuint (gtk_drop_down_get_selected (order), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(McDossierRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (mc_dossier_row_get_due_at (row), <=, previous);
      previous = mc_dossier_row_get_due_at (row);
    }

  gtk_column_view_sort_by_column (view, due_column, GTK_SORT_ASCENDING);
  wait = (OrderWait) { model, MC_DOSSIER_ORDER_DUE };
  g_assert_true (mc_ui_test_wait_until (model_in_order, &wait, 5000));
  g_assert_cmpuint (gtk_drop_down_get_selected (order), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
stack_shows (gpointer data)
{
  GtkStack *stack = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}

/* A desk with nothing yet today says so and offers to receive the first dossier. */
static void
test_queue_empty_state_offers_receive (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window_on (f, NULL);
  McQueuePage *queue = MC_QUEUE_PAGE (mc_window_get_page_widget (window, "queue"));
  GtkWidget *button = mc_ui_test_find (GTK_WIDGET (queue), GTK_TYPE_BUTTON, "queue-receive-button");
  GtkWidget *stack = gtk_widget_get_ancestor (button, GTK_TYPE_STACK);

  wait_loaded (mc_queue_page_get_received_model (queue));
  g_assert_true (mc_ui_test_wait_until (stack_shows, stack, 5000));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.receive");
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (mc_window_get_page (window), ==, "receive");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestDossierList", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

#define ADD(path, func) g_test_add (path, McUiFixture, NULL, mc_ui_fixture_setup, func, mc_ui_fixture_teardown)
  ADD ("/dossier-list/model-counts-every-dossier", test_model_counts_every_dossier);
  ADD ("/dossier-list/model-by-appointment-is-ordered", test_model_by_appointment_is_ordered);
  ADD ("/dossier-list/model-status-filter", test_model_status_filter);
  ADD ("/dossier-list/model-reload-updates-rows-in-place", test_model_reload_updates_rows_in_place);
  ADD ("/dossier-list/received-dossier-appears", test_received_dossier_appears);
  ADD ("/dossier-list/view-builds-only-visible-rows", test_view_builds_only_visible_rows);
  ADD ("/dossier-list/overdue-row-is-marked", test_overdue_row_is_marked);
  ADD ("/dossier-list/activating-a-row-opens-it", test_activating_a_row_opens_it);
  ADD ("/dossier-list/appointment-header-orders-the-model", test_appointment_header_orders_the_model);
  ADD ("/queue/empty-state-offers-receive", test_queue_empty_state_offers_receive);
#undef ADD

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
