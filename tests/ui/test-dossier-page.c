/* test-dossier-page.c — the dossier page as the clerk meets it: the record with its Vietnamese
 * names, the appointment and its explanation, the history, exactly the moves its status allows,
 * and a move made through the page's action stored with the clerk's name. */
#include "config.h"

#include <string.h>

#include "mc-dossier-page.h"
#include "mc-ui-test.h"
#include "mc-window.h"

static GtkApplication *application;

static McWindow *
open_window (McUiFixture *f)
{
  McWindow *window = mc_window_new (application, f->context);

  gtk_window_present (GTK_WINDOW (window));
  mc_ui_test_run_for (100);
  return window;
}

typedef struct
{
  McDossierPage *page;
  const char    *code;
  int            status;     /* 0: any */
} PageWait;

static gboolean
page_shows (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (mc_dossier_page_get_code (wait->page), wait->code) == 0 &&
         (wait->status == 0 || mc_dossier_page_get_status (wait->page) == wait->status);
}

static McDossierPage *
show_dossier (McWindow   *window,
              const char *code)
{
  McDossierPage *page = MC_DOSSIER_PAGE (mc_window_get_page_widget (window, "dossier"));
  PageWait wait = { page, code, 0 };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dossier", "s", code));
  g_assert_true (mc_ui_test_wait_until (page_shows, &wait, 5000));
  g_assert_cmpstr (mc_window_get_page (window), ==, "dossier");
  mc_ui_test_run_for (50);
  return page;
}

static void
wait_for_status (McDossierPage *page,
                 const char    *code,
                 int            status)
{
  PageWait wait = { page, code, status };

  g_assert_true (mc_ui_test_wait_until (page_shows, &wait, 5000));
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = mc_ui_test_find (root, GTK_TYPE_LABEL, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Every label's text under @root, one per line: what the clerk reads in a table. */
static void
collect_labels (GtkWidget *root,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
        g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      collect_labels (child, out);
    }
}

static char *
grid_text (GtkWidget  *root,
           const char *name)
{
  GtkWidget *grid = mc_ui_test_find (root, GTK_TYPE_GRID, name);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (grid);
  collect_labels (grid, out);
  return g_string_free (out, FALSE);
}

/* The targets whose buttons are shown, as "3 4 5 7". */
static char *
shown_moves (McDossierPage *page)
{
  GString *out = g_string_new (NULL);

  for (int to = 1; to <= 10; to++)
    {
      g_autofree char *name = g_strdup_printf ("move-%d", to);
      GtkWidget *button = mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, name);

      if (button != NULL && gtk_widget_get_visible (button))
        g_string_append_printf (out, "%s%d", out->len ? " " : "", to);
      /* A shown button is a move the status machine allows, and the other way round. */
      g_assert_cmpint (button != NULL && gtk_widget_get_visible (button), ==,
                       mc_status_can_move ((McStatus) mc_dossier_page_get_status (page), (McStatus) to));
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_by_class (GtkWidget  *root,
               GType       type,
               const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_by_class (child, type, css_class)) != NULL)
        return found;
    }
  return NULL;
}

/* The small window a move that needs a reason opens. */
static GtkWidget *
find_note_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) &&
          mc_ui_test_find (window, GTK_TYPE_ENTRY, "move-note-entry") != NULL)
        return window;
    }
  return NULL;
}

static gboolean
note_window_open (gpointer data)
{
  return find_note_window () != NULL;
}

static void
write_note_and_confirm (const char *note)
{
  GtkWidget *window;
  GtkWidget *entry;
  GtkWidget *confirm;

  g_assert_true (mc_ui_test_wait_until (note_window_open, NULL, 3000));
  window = find_note_window ();
  entry = mc_ui_test_find (window, GTK_TYPE_ENTRY, "move-note-entry");
  confirm = mc_ui_test_find (window, GTK_TYPE_BUTTON, "move-note-confirm");
  g_assert_nonnull (confirm);
  /* No reason, no move. */
  g_assert_false (gtk_widget_get_sensitive (confirm));
  gtk_editable_set_text (GTK_EDITABLE (entry), note);
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_signal_emit_by_name (confirm, "clicked");
}

/* ---- tests ------------------------------------------------------------------------------ */

/* Received Monday 24/11/2025 10:00 for a 7-working-day procedure: due Wednesday 03/12/2025 10:00. */
static void
test_shows_record (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", "2025-11-24 10:00");
  McWindow *window = open_window (f);
  McDossierPage *page = show_dossier (window, dossier->code);
  g_autofree char *history = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *fields = NULL;

  g_assert_cmpstr (label_text (GTK_WIDGET (page), "code-label"), ==, dossier->code);
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "applicant-label"), ==, "Nguyễn Văn Ấn");
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "status-label"), ==, "Được tiếp nhận");
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "appointment-label"), ==, "03/12/2025 10:00");
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "appointment-note-label"), "slip"));
  /* The explanation names the time counted and the result. */
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "explanation-label"), "7 ngày làm việc"));
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (page), "explanation-label"), "03/12/2025"));
  /* Long past its appointment and still open. */
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "due-state-label"), ==, "Overdue");

  fields = grid_text (GTK_WIDGET (page), "fields-grid");
  g_assert_nonnull (strstr (fields, "008090001234"));
  g_assert_nonnull (strstr (fields, "0912345678"));
  g_assert_nonnull (strstr (fields, "Đăng ký thường trú"));
  g_assert_nonnull (strstr (fields, "Lê Thị Thu"));
  g_assert_nonnull (strstr (fields, "24/11/2025 10:00"));

  documents = grid_text (GTK_WIDGET (page), "documents-grid");
  for (guint i = 0; i < dossier->documents->len; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);

      g_assert_nonnull (strstr (documents, document->name));
    }

  history = grid_text (GTK_WIDGET (page), "history-grid");
  g_assert_nonnull (strstr (history, "24/11/2025 10:00\nĐược tiếp nhận\nLê Thị Thu\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_moves_of_received (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  McDossierPage *page = show_dossier (window, dossier->code);
  g_autofree char *moves = shown_moves (page);

  /* domain.md: 2→3 (refused on checking), 2→4, 2→5, 2→7. */
  g_assert_cmpstr (moves, ==, "3 4 5 7");
  g_assert_true (gtk_widget_is_sensitive (mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "move-4")));
  g_assert_true (gtk_widget_is_sensitive (mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "print-slip-button")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_moves_of_result_ready (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  g_autoptr(McDossier) in_processing = NULL;
  g_autoptr(McDossier) ready = NULL;
  g_autoptr(GError) error = NULL;
  McWindow *window;
  McDossierPage *page;
  g_autofree char *moves = NULL;

  in_processing = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "Lê Thị Thu", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  ready = mc_store_move (f->store, dossier->code, MC_STATUS_RESULT_READY, "Phạm Văn Đức", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);

  window = open_window (f);
  page = show_dossier (window, dossier->code);
  moves = shown_moves (page);
  /* domain.md: 9→10 only. */
  g_assert_cmpstr (moves, ==, "10");
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "status-label"), ==, "Đã xử lý xong");
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "due-state-label"), ==, "Finished before the appointment");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_move_is_stored (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  McDossierPage *page = show_dossier (window, dossier->code);
  g_autoptr(McStore) fresh = NULL;
  g_autoptr(McDossier) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moves = NULL;
  g_autofree char *shown_history = NULL;
  const McDossierEvent *last;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dossier.move", "i", MC_STATUS_IN_PROCESSING));
  wait_for_status (page, dossier->code, MC_STATUS_IN_PROCESSING);

  /* Stored, as another program reading the database sees it. */
  fresh = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  stored = mc_store_get_dossier (fresh, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, MC_STATUS_IN_PROCESSING);
  history = mc_store_get_history (fresh, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  last = g_ptr_array_index (history, 1);
  g_assert_cmpint (last->from_status, ==, MC_STATUS_RECEIVED);
  g_assert_cmpint (last->to_status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpstr (last->actor, ==, "Lê Thị Thu");

  /* The page shows the new status, its history and its moves. */
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "status-label"), ==, "Đang xử lý");
  moves = shown_moves (page);
  g_assert_cmpstr (moves, ==, "5 6 7 8 9");
  shown_history = grid_text (GTK_WIDGET (page), "history-grid");
  g_assert_nonnull (strstr (shown_history, "Được tiếp nhận → Đang xử lý\nLê Thị Thu\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A supplement request asks for what to add; the note is stored with the move and the clock stops. */
static void
test_move_with_note (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  McDossierPage *page = show_dossier (window, dossier->code);
  g_autoptr(McStore) fresh = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *pauses;
  const McDossierEvent *last;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dossier.move", "i", MC_STATUS_WAITING_SUPPLEMENT));
  write_note_and_confirm ("Bổ sung bản sao giấy khai sinh");
  wait_for_status (page, dossier->code, MC_STATUS_WAITING_SUPPLEMENT);

  fresh = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  history = mc_store_get_history (fresh, dossier->code, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpint (last->to_status, ==, MC_STATUS_WAITING_SUPPLEMENT);
  g_assert_cmpstr (last->note, ==, "Bổ sung bản sao giấy khai sinh");
  g_assert_cmpstr (last->actor, ==, "Lê Thị Thu");

  g_assert_null (find_note_window ());
  pauses = mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_GRID, "pauses-grid");
  g_assert_true (gtk_widget_is_visible (pauses));
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "due-state-label"), ==, "Clock stopped: waiting for the applicant");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Another desk moved the dossier meanwhile: the store refuses the clerk's move and says why,
 * and the page shows the dossier as it now is. */
static void
test_refused_move_says_why (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  McDossierPage *page = show_dossier (window, dossier->code);
  g_autoptr(McStore) other_desk = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *message;

  other_desk = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  moved = mc_store_move (other_desk, dossier->code, MC_STATUS_IN_PROCESSING, "Trần Văn Bình", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);

  /* The page still shows "received", where refusing is allowed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dossier.move", "i", MC_STATUS_REFUSED));
  write_note_and_confirm ("Hồ sơ không thuộc thẩm quyền");
  wait_for_status (page, dossier->code, MC_STATUS_IN_PROCESSING);

  message = find_by_class (GTK_WIDGET (window), GTK_TYPE_LABEL, "app-notification");
  g_assert_nonnull (message);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (message))));
  /* The store's message names both statuses. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "Đang xử lý"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "Không được tiếp nhận"));
  g_assert_cmpstr (label_text (GTK_WIDGET (page), "status-label"), ==, "Đang xử lý");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
missing_shown (gpointer data)
{
  GtkWidget *page = data;
  GtkWidget *stack = gtk_widget_get_first_child (page);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "missing") == 0;
}

static void
test_unknown_code (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  GtkWidget *page = mc_window_get_page_widget (window, "dossier");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dossier", "s", "000.00.16.H04-251124-9999");
  g_assert_true (mc_ui_test_wait_until (missing_shown, page, 5000));
  g_assert_nonnull (strstr (label_text (page, "missing-label"), "000.00.16.H04-251124-9999"));
  g_assert_null (mc_dossier_page_get_code (MC_DOSSIER_PAGE (page)));
  /* No dossier, no move. */
  g_assert_false (gtk_widget_is_visible (mc_ui_test_find (page, GTK_TYPE_BUTTON, "move-4")));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestDossierPage", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

  g_test_add ("/dossier-page/shows-record", McUiFixture, NULL,
              mc_ui_fixture_setup, test_shows_record, mc_ui_fixture_teardown);
  g_test_add ("/dossier-page/moves-of-received", McUiFixture, NULL,
              mc_ui_fixture_setup, test_moves_of_received, mc_ui_fixture_teardown);
  g_test_add ("/dossier-page/moves-of-result-ready", McUiFixture, NULL,
              mc_ui_fixture_setup, test_moves_of_result_ready, mc_ui_fixture_teardown);
  g_test_add ("/dossier-page/move-is-stored", McUiFixture, NULL,
              mc_ui_fixture_setup, test_move_is_stored, mc_ui_fixture_teardown);
  g_test_add ("/dossier-page/move-with-note", McUiFixture, NULL,
              mc_ui_fixture_setup, test_move_with_note, mc_ui_fixture_teardown);
  g_test_add ("/dossier-page/refused-move-says-why", McUiFixture, NULL,
              mc_ui_fixture_setup, test_refused_move_says_why, mc_ui_fixture_teardown);
  g_test_add ("/dossier-page/unknown-code", McUiFixture, NULL,
              mc_ui_fixture_setup, test_unknown_code, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
