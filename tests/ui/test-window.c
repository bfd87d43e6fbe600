/* test-window.c — the main window as the clerk meets it: the pages, the shortcuts' actions,
 * and a scanned slip fed into the search field opening its dossier from any page. */
#include "config.h"

#include "mc-dossier-code.h"
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

static void
test_starts_on_today (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);

  g_assert_cmpstr (mc_window_get_page (window), ==, "queue");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_receive_action_shows_form (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.receive", NULL));
  g_assert_cmpstr (mc_window_get_page (window), ==, "receive");
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  McWindow   *window;
  const char *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (mc_window_get_page (wait->window), wait->page) == 0;
}

/* A barcode scanner types the slip's URL and Enter into the search field. */
static void
test_scanned_url_opens_dossier (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  const McOfficeSettings *office = mc_context_get_office (f->context);
  g_autofree char *url = mc_lookup_url_build (office->lookup_url_template, dossier->code, dossier->id_number);
  McWindow *window = open_window (f);
  GtkWidget *search = mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, "search-entry");
  PageWait wait = { window, "dossier" };

  g_assert_nonnull (search);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "list");
  gtk_editable_set_text (GTK_EDITABLE (search), url);
  g_signal_emit_by_name (search, "activate");
  g_assert_true (mc_ui_test_wait_until (page_is, &wait, 5000));
  /* The field is cleared for the next scan. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestWindow", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

  g_test_add ("/window/starts-on-today", McUiFixture, NULL,
              mc_ui_fixture_setup, test_starts_on_today, mc_ui_fixture_teardown);
  g_test_add ("/window/receive-action-shows-form", McUiFixture, NULL,
              mc_ui_fixture_setup, test_receive_action_shows_form, mc_ui_fixture_teardown);
  g_test_add ("/window/scanned-url-opens-dossier", McUiFixture, NULL,
              mc_ui_fixture_setup, test_scanned_url_opens_dossier, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
