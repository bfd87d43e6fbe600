/* test-search.c — finding a dossier: the search field's results as the clerk types (without
 * diacritics, by phone, by code), Enter opening the first result, and a barcode scanner acting
 * as a keyboard — its timing rule alone, and a scan typed into a field of the receive form. */
#include "config.h"

#include <string.h>

#include "mc-dossier-code.h"
#include "mc-dossier-page.h"
#include "mc-scanner-input.h"
#include "mc-search-page.h"
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

static GtkWidget *
search_entry (McWindow *window)
{
  GtkWidget *entry = mc_ui_test_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, "search-entry");

  g_assert_nonnull (entry);
  return entry;
}

static McSearchPage *
search_page (McWindow *window)
{
  return MC_SEARCH_PAGE (mc_window_get_page_widget (window, "search"));
}

static const char *
shown_state (McSearchPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (page))));
}

typedef struct
{
  McSearchPage *page;
  const char   *state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (shown_state (wait->page), wait->state) == 0;
}

/* Types @text into the header's search field and waits for what the page shows. */
static GListModel *
search_for (McWindow   *window,
            const char *text,
            const char *expected_state)
{
  StateWait wait = { search_page (window), expected_state };

  gtk_editable_set_text (GTK_EDITABLE (search_entry (window)), text);
  g_assert_true (mc_ui_test_wait_until (state_is, &wait, 5000));
  g_assert_cmpstr (mc_window_get_page (window), ==, "search");
  return mc_search_page_get_results (search_page (window));
}

static char *
result_code (GListModel *results,
             guint       position)
{
  g_autoptr(GtkStringObject) row = g_list_model_get_item (results, position);

  return g_strdup (gtk_string_object_get_string (row));
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_visible (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (label_shown (child, text))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  McWindow   *window;
  const char *code;
} DossierWait;

static gboolean
dossier_open (gpointer data)
{
  DossierWait *wait = data;
  McDossierPage *page = MC_DOSSIER_PAGE (mc_window_get_page_widget (wait->window, "dossier"));

  return g_strcmp0 (mc_window_get_page (wait->window), "dossier") == 0 &&
         g_strcmp0 (mc_dossier_page_get_code (page), wait->code) == 0;
}

/* ---- search ----------------------------------------------------------------------------- */

static void
test_finds_name_without_diacritics (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) an = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  mc_dossier_free (mc_ui_test_receive (f, "Trần Thị Bình", "001190004321", NULL));  /* another dossier in the database */
  McWindow *window = open_window (f);
  GListModel *results = search_for (window, "nguyen van an", "results");
  g_autofree char *code = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  code = result_code (results, 0);
  g_assert_cmpstr (code, ==, an->code);
  /* The row shows the name as written, with its diacritics, and the status. */
  mc_ui_test_run_for (100);
  g_assert_true (label_shown (GTK_WIDGET (search_page (window)), "Nguyễn Văn Ấn"));
  g_assert_true (label_shown (GTK_WIDGET (search_page (window)), an->code));
  g_assert_true (label_shown (GTK_WIDGET (search_page (window)), "Được tiếp nhận"));
  g_assert_false (label_shown (GTK_WIDGET (search_page (window)), "Trần Thị Bình"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_finds_phone (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) an = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  GListModel *results = search_for (window, "0912345678", "results");
  g_autofree char *code = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  code = result_code (results, 0);
  g_assert_cmpstr (code, ==, an->code);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_finds_code (McUiFixture *f, gconstpointer data)
{
  mc_dossier_free (mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL));
  g_autoptr(McDossier) binh = mc_ui_test_receive (f, "Trần Thị Bình", "001190004321", NULL);
  McWindow *window = open_window (f);
  GListModel *results = search_for (window, binh->code, "results");
  g_autofree char *code = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  code = result_code (results, 0);
  g_assert_cmpstr (code, ==, binh->code);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_activate_first_opens_dossier (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) an = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  DossierWait wait = { window, an->code };

  search_for (window, "nguyen van", "results");
  g_assert_true (mc_search_page_activate_first (search_page (window)));
  g_assert_true (mc_ui_test_wait_until (dossier_open, &wait, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The clerk types and presses Enter at once: the first result opens when it comes. */
static void
test_enter_before_results (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) an = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  GtkWidget *entry = search_entry (window);
  DossierWait wait = { window, an->code };

  gtk_editable_set_text (GTK_EDITABLE (entry), "nguyen van an");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (mc_ui_test_wait_until (dossier_open, &wait, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_nothing_found (McUiFixture *f, gconstpointer data)
{
  mc_dossier_free (mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL));
  McWindow *window = open_window (f);
  GListModel *results = search_for (window, "hoang thi mai", "empty");
  GtkWidget *label = mc_ui_test_find (GTK_WIDGET (search_page (window)), GTK_TYPE_LABEL, "search-empty-label");

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_true (gtk_widget_is_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "No dossiers found");
  g_assert_false (mc_search_page_activate_first (search_page (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GListModel *results;
  const char *code;
} ResultWait;

static gboolean
first_result_is (gpointer data)
{
  ResultWait *wait = data;
  g_autofree char *code = NULL;

  if (g_list_model_get_n_items (wait->results) == 0)
    return FALSE;
  code = result_code (wait->results, 0);
  return g_strcmp0 (code, wait->code) == 0;
}

/* Typing on replaces the older search: its results never show. */
static void
test_newer_text_wins (McUiFixture *f, gconstpointer data)
{
  mc_dossier_free (mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL));
  g_autoptr(McDossier) binh = mc_ui_test_receive (f, "Trần Thị Bình", "001190004321", NULL);
  McWindow *window = open_window (f);
  McSearchPage *page = search_page (window);
  GListModel *results = mc_search_page_get_results (page);
  ResultWait wait = { results, binh->code };

  mc_search_page_search (page, "nguyen");
  mc_search_page_search (page, "tran thi");
  g_assert_true (mc_ui_test_wait_until (first_result_is, &wait, 5000));
  /* Long enough for a stale search to have come back, had it not been dropped. */
  mc_ui_test_run_for (400);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_assert_true (first_result_is (&wait));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the scanner's timing rule ----------------------------------------------------------- */

/* Feeds @text as a scanner types it: Shift before each capital, @gap_ms between characters,
 * then Return; returns what the Return made of the burst. */
static McScanKey
feed (McScanBurst *burst,
      const char  *text,
      guint32      start_ms,
      guint        gap_ms)
{
  guint32 t = start_ms;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      McScanKey key;

      if (g_unichar_isupper (c))
        g_assert_cmpint (mc_scan_burst_feed (burst, GDK_KEY_Shift_L, t), ==, MC_SCAN_KEY_IGNORED);
      key = mc_scan_burst_feed (burst, gdk_unicode_to_keyval (c), t);
      g_assert_true (key == MC_SCAN_KEY_STARTED || key == MC_SCAN_KEY_CONTINUED);
      t += gap_ms;
    }
  return mc_scan_burst_feed (burst, GDK_KEY_Return, t);
}

static void
test_burst_fast_is_scan (void)
{
  const char *url = "https://dichvucong.gov.vn/tra-cuu?ma=000.00.16.H04-251124-0007";
  McScanBurst burst;
  g_autofree char *code = NULL;

  mc_scan_burst_init (&burst);
  g_assert_cmpint (feed (&burst, url, 1000, 4), ==, MC_SCAN_KEY_COMPLETED);
  g_assert_cmpstr (mc_scan_burst_get_text (&burst), ==, url);
  code = mc_scanned_input_to_code (mc_scan_burst_get_text (&burst), "https://dichvucong.gov.vn/tra-cuu?ma={code}", NULL);
  g_assert_cmpstr (code, ==, "000.00.16.H04-251124-0007");

  /* Just under the limit between every key still counts. */
  g_assert_cmpint (feed (&burst, "000.00.16.H04-251124-0007", 50000, MC_SCANNER_MAX_GAP_MS - 1), ==,
                   MC_SCAN_KEY_COMPLETED);
  g_assert_cmpstr (mc_scan_burst_get_text (&burst), ==, "000.00.16.H04-251124-0007");
  mc_scan_burst_clear (&burst);
}

static void
test_burst_slow_typing_is_not (void)
{
  McScanBurst burst;

  mc_scan_burst_init (&burst);
  /* A fast typist: 60 ms between keys. */
  g_assert_cmpint (feed (&burst, "000.00.16.H04-251124-0007", 1000, 60), ==, MC_SCAN_KEY_BROKEN);
  /* Exactly the limit is too slow. */
  g_assert_cmpint (feed (&burst, "000.00.16.H04-251124-0007", 90000, MC_SCANNER_MAX_GAP_MS), ==,
                   MC_SCAN_KEY_BROKEN);
  mc_scan_burst_clear (&burst);
}

static void
test_burst_short_is_not (void)
{
  McScanBurst burst;

  mc_scan_burst_init (&burst);
  /* Nine quick characters (a key held down, a chord) are not a scan. */
  g_assert_cmpint (feed (&burst, "123456789", 1000, 3), ==, MC_SCAN_KEY_BROKEN);
  g_assert_cmpint (feed (&burst, "1234567890", 5000, 3), ==, MC_SCAN_KEY_COMPLETED);
  mc_scan_burst_clear (&burst);
}

/* A pause in the middle: only what came after it is the burst. */
static void
test_burst_pause_restarts (void)
{
  McScanBurst burst;
  guint32 t = 1000;

  mc_scan_burst_init (&burst);
  for (const char *p = "Nguyen"; *p; p++, t += 150)
    mc_scan_burst_feed (&burst, gdk_unicode_to_keyval ((gunichar) *p), t);
  g_assert_cmpint (feed (&burst, "000.00.16.H04-251124-0007", t + 500, 5), ==, MC_SCAN_KEY_COMPLETED);
  g_assert_cmpstr (mc_scan_burst_get_text (&burst), ==, "000.00.16.H04-251124-0007");

  /* Any other key (an arrow, Backspace) breaks a burst. */
  t = 90000;
  for (const char *p = "000.00.16.H04"; *p; p++, t += 5)
    mc_scan_burst_feed (&burst, gdk_unicode_to_keyval ((gunichar) *p), t);
  g_assert_cmpint (mc_scan_burst_feed (&burst, GDK_KEY_BackSpace, t), ==, MC_SCAN_KEY_BROKEN);
  g_assert_cmpint (mc_scan_burst_feed (&burst, GDK_KEY_Return, t + 5), ==, MC_SCAN_KEY_BROKEN);
  mc_scan_burst_clear (&burst);
}

/* Event times are 32-bit milliseconds and wrap after 49 days. */
static void
test_burst_time_wraps (void)
{
  McScanBurst burst;

  mc_scan_burst_init (&burst);
  g_assert_cmpint (feed (&burst, "000.00.16.H04-251124-0007", G_MAXUINT32 - 40, 5), ==, MC_SCAN_KEY_COMPLETED);
  mc_scan_burst_clear (&burst);
}

/* ---- the scanner in the window ------------------------------------------------------------ */

/* Delivers @text to the McScannerInput with its times, and each key to @field (NULL: the
 * focused one) as GTK would (the scanner input never takes printable keys); then Return.
 * Returns whether the Return was taken. */
static gboolean
scan_into (McWindow   *window,
           GtkWidget  *field,
           const char *text,
           guint32    *t,
           guint       gap_ms)
{
  McScannerInput *input = mc_scanner_input_get (GTK_WIDGET (window));
  GtkWidget *focus;

  g_assert_nonnull (input);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char utf8[8] = { 0 };
      int position;

      g_assert_false (mc_scanner_input_key_pressed (input, gdk_unicode_to_keyval (c), 0, *t));
      focus = field != NULL ? field : gtk_root_get_focus (GTK_ROOT (window));
      g_assert_true (GTK_IS_EDITABLE (focus));
      g_unichar_to_utf8 (c, utf8);
      position = gtk_editable_get_position (GTK_EDITABLE (focus));
      gtk_editable_insert_text (GTK_EDITABLE (focus), utf8, -1, &position);
      gtk_editable_set_position (GTK_EDITABLE (focus), position);
      *t += gap_ms;
    }
  return mc_scanner_input_key_pressed (input, GDK_KEY_Return, 0, *t);
}

static gboolean
scan_into_focus (McWindow   *window,
                 const char *text,
                 guint32    *t,
                 guint       gap_ms)
{
  return scan_into (window, NULL, text, t, gap_ms);
}

static GtkWidget *
focus_receive_name (McWindow   *window,
                    const char *typed)
{
  GtkWidget *receive = mc_window_get_page_widget (window, "receive");
  GtkWidget *name = mc_ui_test_find (receive, GTK_TYPE_ENTRY, "name-entry");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.receive", NULL));
  mc_ui_test_run_for (50);
  g_assert_nonnull (name);
  gtk_editable_set_text (GTK_EDITABLE (name), typed);
  g_assert_true (gtk_widget_grab_focus (name));
  gtk_editable_set_position (GTK_EDITABLE (name), -1);
  return name;
}

/* The clerk is typing a name in the receive form when a citizen's slip is scanned. */
static void
test_scan_into_receive_field (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  const McOfficeSettings *office = mc_context_get_office (f->context);
  g_autofree char *url = mc_lookup_url_build (office->lookup_url_template, dossier->code, dossier->id_number);
  McWindow *window = open_window (f);
  GtkWidget *name = focus_receive_name (window, "Trần Thị");
  DossierWait wait = { window, dossier->code };
  guint32 t = 100000;

  g_assert_true (scan_into_focus (window, url, &t, 4));
  g_assert_true (mc_ui_test_wait_until (dossier_open, &wait, 5000));
  /* The field keeps what the clerk had typed, and nothing of the scan. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Trần Thị");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The same characters typed by hand, or a fast burst that is no dossier code, stay in the field
 * and Enter goes on to the form. */
static void
test_typing_in_field_left_alone (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  McWindow *window = open_window (f);
  GtkWidget *name = focus_receive_name (window, "");
  guint32 t = 100000;

  g_assert_false (scan_into_focus (window, dossier->code, &t, 80));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, dossier->code);

  gtk_editable_set_text (GTK_EDITABLE (name), "");
  t += 1000;
  g_assert_false (scan_into_focus (window, "8934567890123", &t, 4));   /* a product's barcode */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "8934567890123");

  mc_ui_test_run_for (100);
  g_assert_cmpstr (mc_window_get_page (window), ==, "receive");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* No text field has the focus, so the keys go to the search field, where the clerk had typed
 * part of a name: the scan opens its dossier all the same, and the search field is emptied. */
static void
test_scan_outside_fields (McUiFixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = mc_ui_test_receive (f, "Nguyễn Văn Ấn", "008090001234", NULL);
  const McOfficeSettings *office = mc_context_get_office (f->context);
  g_autofree char *url = mc_lookup_url_build (office->lookup_url_template, dossier->code, dossier->id_number);
  McWindow *window = open_window (f);
  GtkWidget *search = search_entry (window);
  DossierWait wait = { window, dossier->code };
  guint32 t = 100000;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "list");
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "tran");
  gtk_editable_set_position (GTK_EDITABLE (search), -1);

  g_assert_true (scan_into (window, search, url, &t, 4));
  g_assert_true (mc_ui_test_wait_until (dossier_open, &wait, 5000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  /* The search field's delayed "search-changed" does not take the clerk away from the dossier. */
  mc_ui_test_run_for (400);
  g_assert_cmpstr (mc_window_get_page (window), ==, "dossier");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestSearch", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

  g_test_add ("/search/finds-name-without-diacritics", McUiFixture, NULL,
              mc_ui_fixture_setup, test_finds_name_without_diacritics, mc_ui_fixture_teardown);
  g_test_add ("/search/finds-phone", McUiFixture, NULL,
              mc_ui_fixture_setup, test_finds_phone, mc_ui_fixture_teardown);
  g_test_add ("/search/finds-code", McUiFixture, NULL,
              mc_ui_fixture_setup, test_finds_code, mc_ui_fixture_teardown);
  g_test_add ("/search/activate-first-opens-dossier", McUiFixture, NULL,
              mc_ui_fixture_setup, test_activate_first_opens_dossier, mc_ui_fixture_teardown);
  g_test_add ("/search/enter-before-results", McUiFixture, NULL,
              mc_ui_fixture_setup, test_enter_before_results, mc_ui_fixture_teardown);
  g_test_add ("/search/nothing-found", McUiFixture, NULL,
              mc_ui_fixture_setup, test_nothing_found, mc_ui_fixture_teardown);
  g_test_add ("/search/newer-text-wins", McUiFixture, NULL,
              mc_ui_fixture_setup, test_newer_text_wins, mc_ui_fixture_teardown);
  g_test_add_func ("/scanner/fast-burst-is-a-scan", test_burst_fast_is_scan);
  g_test_add_func ("/scanner/slow-typing-is-not", test_burst_slow_typing_is_not);
  g_test_add_func ("/scanner/short-burst-is-not", test_burst_short_is_not);
  g_test_add_func ("/scanner/pause-restarts-burst", test_burst_pause_restarts);
  g_test_add_func ("/scanner/event-time-wraps", test_burst_time_wraps);
  g_test_add ("/scanner/scan-into-receive-field-opens-dossier", McUiFixture, NULL,
              mc_ui_fixture_setup, test_scan_into_receive_field, mc_ui_fixture_teardown);
  g_test_add ("/scanner/scan-outside-fields-opens-dossier", McUiFixture, NULL,
              mc_ui_fixture_setup, test_scan_outside_fields, mc_ui_fixture_teardown);
  g_test_add ("/scanner/typing-in-field-left-alone", McUiFixture, NULL,
              mc_ui_fixture_setup, test_typing_in_field_left_alone, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
