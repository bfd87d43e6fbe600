/* test-window.c — the main window as the clerk meets it: the pages, the shortcuts' actions,
 * and a scanned slip fed into the search field opening its dossier from any page. */
#include "config.h"

#include <glib/gstdio.h>

#include "mc-dossier-code.h"
#include "mc-sync-indicator.h"
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

/* The portal simulator on a free port of 127.0.0.1, its data in @dir; returns the process. */
static GSubprocess *
start_portal (const char *dir,
              int        *port)
{
  const char *simulator = g_getenv ("MOTCUA_PORTAL_SIM");
  g_autofree char *port_file = g_build_filename (dir, "port", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  g_autofree char *text = NULL;

  g_assert_nonnull (simulator);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              simulator, "--data-dir", dir, "--port", "0", "--port-file", port_file, NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 200 && !g_file_get_contents (port_file, &text, NULL, NULL); i++)
    g_usleep (25000);
  g_assert_nonnull (text);
  *port = atoi (text);
  g_assert_cmpint (*port, >, 0);
  return process;
}

typedef struct
{
  McSyncIndicator *indicator;
  const char      *summary;
} SummaryWait;

static gboolean
summary_is (gpointer data)
{
  SummaryWait *wait = data;

  return g_strcmp0 (mc_sync_indicator_get_summary (wait->indicator), wait->summary) == 0;
}

/* The header bar says how many changes wait for the portal, and that all is synced once the
 * portal took them: a dossier received while the link is down, then the link comes up. */
static void
test_sync_indicator_follows_the_outbox (McUiFixture *f, gconstpointer data)
{
  g_autofree char *portal_dir = g_build_filename (f->dir, "portal", NULL);
  g_autofree char *password_file = g_build_filename (f->dir, "password", NULL);
  g_autofree char *base_url = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GSubprocess) portal = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  McSyncIndicator *indicator;
  McWindow *window;
  SummaryWait wait;
  int port;

  g_assert_cmpint (g_mkdir (portal_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (password_file, "demo", -1, NULL));
  g_assert_cmpint (g_chmod (password_file, 0600), ==, 0);
  portal = start_portal (portal_dir, &port);
  /* Nothing listens on port 1: the link is down. */
  g_assert_true (mc_store_set_setting (f->store, "portal.base-url", "http://127.0.0.1:1", &error));
  g_assert_true (mc_store_set_setting (f->store, "portal.username", "demo", &error));
  g_assert_true (mc_store_set_setting (f->store, "portal.password-file", password_file, &error));
  g_assert_no_error (error);
  dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);

  engine = mc_sync_engine_new (f->db_path);
  mc_context_set_sync_engine (f->context, engine);
  window = open_window (f);
  indicator = MC_SYNC_INDICATOR (mc_ui_test_find (GTK_WIDGET (window), MC_TYPE_SYNC_INDICATOR, NULL));
  g_assert_nonnull (indicator);
  mc_sync_engine_start (engine);

  /* One dossier state and its first step wait. */
  wait = (SummaryWait) { indicator, "2 changes to send" };
  g_assert_true (mc_ui_test_wait_until (summary_is, &wait, 10000));

  /* The link comes back (the portal's address is corrected): everything goes. */
  base_url = g_strdup_printf ("http://127.0.0.1:%d", port);
  g_assert_true (mc_store_set_setting (f->store, "portal.base-url", base_url, &error));
  g_assert_no_error (error);
  mc_sync_engine_nudge (engine);
  wait = (SummaryWait) { indicator, "Synced" };
  g_assert_true (mc_ui_test_wait_until (summary_is, &wait, 20000));
  g_assert_cmpint (mc_sync_engine_get_pending (engine), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  mc_sync_engine_stop (engine);
  g_subprocess_force_exit (portal);
  g_subprocess_wait (portal, NULL, NULL);
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

  g_test_add ("/window/sync-indicator-follows-the-outbox", McUiFixture, NULL,
              mc_ui_fixture_setup, test_sync_indicator_follows_the_outbox, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
