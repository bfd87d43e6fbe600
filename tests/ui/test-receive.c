/* test-receive.c — receiving a dossier at the counter through the real form: the clerk
 * types the procedure without diacritics, fills the applicant, ticks the documents and
 * saves; the dossier is in the database (read back through a connection of its own), the
 * appointment stored is the one the form showed, and the slip written through the print
 * operation reads back (pdftotext, pdftoppm + zbarimg) with the applicant's name, the
 * appointment and the QR code of the lookup address. Refusals keep what was typed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mc-deadline.h"
#include "mc-document-checklist.h"
#include "mc-dossier-code.h"
#include "mc-procedure-chooser.h"
#include "mc-receive-page.h"
#include "mc-ui-test.h"
#include "mc-window.h"

#define APPLICANT_NAME "Nguyễn Thị Ánh Tuyết"
/* Hà Nội (001), a woman born in the 1900s (1), in 1990 (90). */
#define APPLICANT_ID   "001190012345"

static GtkApplication *application;

typedef struct
{
  McUiFixture   *fixture;
  McWindow      *window;
  McReceivePage *page;
  char          *pdf;            /* where the slip is written */
  char          *received_code;  /* from ::dossier-received */
  char          *slip_code;      /* from ::slip-finished */
  gboolean       slip_printed;
} Counter;

static void
on_dossier_received (McReceivePage *page,
                     const char    *code,
                     Counter       *counter)
{
  g_free (counter->received_code);
  counter->received_code = g_strdup (code);
}

static void
on_slip_finished (McReceivePage *page,
                  const char    *code,
                  gboolean       printed,
                  Counter       *counter)
{
  g_free (counter->slip_code);
  counter->slip_code = g_strdup (code);
  counter->slip_printed = printed;
}

static GtkWidget *
find (Counter    *counter,
      GType       type,
      const char *name)
{
  GtkWidget *widget = mc_ui_test_find (GTK_WIDGET (counter->page), type, name);

  if (widget == NULL)
    g_error ("The receive form has no %s named “%s”", g_type_name (type), name);
  return widget;
}

static McProcedureChooser *
chooser_of (Counter *counter)
{
  return MC_PROCEDURE_CHOOSER (find (counter, MC_TYPE_PROCEDURE_CHOOSER, "procedure-chooser"));
}

static void
set_text (Counter    *counter,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (counter, GTK_TYPE_ENTRY, name)), text);
}

static const char *
get_text (Counter    *counter,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (find (counter, GTK_TYPE_ENTRY, name)));
}

static const char *
label_text (Counter    *counter,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find (counter, GTK_TYPE_LABEL, name)));
}

static gboolean
label_shown (Counter    *counter,
             const char *name)
{
  return gtk_widget_get_visible (find (counter, GTK_TYPE_LABEL, name));
}

/* Opens the window and goes to the form the way Ctrl+N does (the window's "win.receive"). */
static void
counter_open (Counter     *counter,
              McUiFixture *fixture)
{
  memset (counter, 0, sizeof *counter);
  counter->fixture = fixture;
  counter->window = mc_window_new (application, fixture->context);
  counter->page = MC_RECEIVE_PAGE (mc_window_get_page_widget (counter->window, "receive"));
  counter->pdf = g_build_filename (fixture->dir, "slip.pdf", NULL);
  g_assert_nonnull (counter->page);
  g_signal_connect (counter->page, "dossier-received", G_CALLBACK (on_dossier_received), counter);
  g_signal_connect (counter->page, "slip-finished", G_CALLBACK (on_slip_finished), counter);
  mc_receive_page_set_print_target_pdf (counter->page, counter->pdf);

  gtk_window_present (GTK_WINDOW (counter->window));
  mc_ui_test_run_for (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (counter->window), "win.receive", NULL));
  g_assert_cmpstr (mc_window_get_page (counter->window), ==, "receive");
}

static void
counter_close (Counter *counter)
{
  gtk_window_destroy (GTK_WINDOW (counter->window));
  mc_ui_test_run_for (50);
  g_free (counter->pdf);
  g_free (counter->received_code);
  g_free (counter->slip_code);
}

typedef struct
{
  Counter    *counter;
  const char *query;
} Typing;

/* The catalogue arrives from the store worker: type until the list answers. */
static gboolean
matches_appear (gpointer data)
{
  Typing *typing = data;

  set_text (typing->counter, "procedure-entry", typing->query);
  return mc_procedure_chooser_get_n_matches (chooser_of (typing->counter)) > 0;
}

/* Types @query in the procedure field, as a clerk would (no diacritics), and presses Enter
 * on the first match. */
static void
pick_procedure (Counter    *counter,
                const char *query)
{
  Typing typing = { counter, query };

  g_assert_true (mc_ui_test_wait_until (matches_appear, &typing, 5000));
  g_signal_emit_by_name (find (counter, GTK_TYPE_ENTRY, "procedure-entry"), "activate");
}

static void
fill_applicant (Counter *counter)
{
  set_text (counter, "name-entry", APPLICANT_NAME);
  set_text (counter, "id-entry", APPLICANT_ID);
  set_text (counter, "birth-entry", "15/03/1990");
  set_text (counter, "address-entry", "Số 5 ngõ 12 phố Hàng Bạc, phường Hoàn Kiếm");
  set_text (counter, "phone-entry", "0912 345 678");
  set_text (counter, "email-entry", "tuyet.nguyen@example.vn");
}

static void
tick (Counter    *counter,
      const char *name,
      gboolean    active)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (counter, GTK_TYPE_CHECK_BUTTON, name)), active);
}

static gboolean
slip_done (gpointer data)
{
  Counter *counter = data;

  return counter->slip_code != NULL;
}

/* "dd/MM/yyyy HH:mm", the form's way of showing a moment. */
static char *
format_moment (McTime t)
{
  g_autofree char *day = mc_day_format_vi (mc_time_local_day (t));
  g_autofree char *clock = mc_clock_format (mc_time_local_seconds (t));

  return g_strdup_printf ("%s %s", day, clock);
}

/* The appointment shown follows the minute of the clock; stay clear of a minute's end so
 * that what is read before saving and what is saved are in the same minute (a visit in a
 * test takes a second or two). */
static void
wait_for_quiet_minute (void)
{
  while (mc_time_now () % 60 >= 50)
    g_usleep (G_USEC_PER_SEC / 2);
}

/* Runs @argv and returns its standard output, or NULL if the program is not installed. */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    return NULL;
  g_ptr_array_add (args, program);
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
count_dossiers (McUiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (fixture->db_path, &error);
  g_autoptr(GPtrArray) dossiers = NULL;
  McDossierFilter filter = { 0 };

  g_assert_no_error (error);
  dossiers = mc_store_list_dossiers (store, &filter, &error);
  g_assert_no_error (error);
  return dossiers->len;
}

/* Checks the slip PDF the print operation wrote: the text a person reads and the QR code
 * a phone scans. */
static void
assert_slip (Counter         *counter,
             const McDossier *dossier,
             double           width_pt,
             double           height_pt)
{
  g_autofree char *text = run ((const char *[]) { "pdftotext", "-layout", counter->pdf, "-", NULL });
  g_autofree char *info = run ((const char *[]) { "pdfinfo", counter->pdf, NULL });
  g_autofree char *appointment = mc_time_format_slip (dossier->due_at);
  g_autofree char *prefix = g_build_filename (counter->fixture->dir, "page", NULL);
  g_autofree char *png = g_build_filename (counter->fixture->dir, "page-1.png", NULL);
  g_autofree char *expected_url = mc_lookup_url_build (mc_context_get_office (counter->fixture->context)->lookup_url_template,
                                                       dossier->code, dossier->id_number);
  g_autofree char *ignored = NULL;
  g_autofree char *decoded = NULL;

  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");

  g_assert_true (g_file_test (counter->pdf, G_FILE_TEST_IS_REGULAR));
  if (text == NULL || info == NULL || zbarimg == NULL)
    {
      g_test_skip ("poppler-utils or zbar-tools is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, APPLICANT_NAME));
  g_assert_nonnull (strstr (text, dossier->code));
  g_assert_nonnull (strstr (text, appointment));
  g_assert_nonnull (strstr (info, "Pages:           2\n"));
  {
    const char *size = strstr (info, "Page size:");
    double width, height;

    g_assert_nonnull (size);
    g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", &width, &height), ==, 2);
    g_assert_cmpfloat_with_epsilon (width, width_pt, 1.0);
    g_assert_cmpfloat_with_epsilon (height, height_pt, 1.0);
  }

  ignored = run ((const char *[]) { "pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1",
                                    counter->pdf, prefix, NULL });
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  decoded = run ((const char *[]) { "zbarimg", "--raw", "-q", png, NULL });
  g_strchomp (decoded);
  g_assert_cmpstr (decoded, ==, expected_url);
}

/* The whole counter visit: the stored row, its appointment, the slip. */
static void
test_save_stores_dossier_and_prints_slip (McUiFixture   *f,
                                          gconstpointer  data)
{
  Counter counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autofree char *shown_before = NULL;
  g_autofree char *shown_at_save = NULL;
  g_autofree char *due_text = NULL;
  const McReceivedDocument *document;
  McTime expected_due;

  /* The whole visit, up to saving, within one minute of the clock. */
  wait_for_quiet_minute ();
  counter_open (&counter, f);
  pick_procedure (&counter, "dang ky thuong tru");
  g_assert_cmpstr (mc_procedure_chooser_get_procedure_code (chooser_of (&counter)), ==, "1.004222");
  /* The procedure's time limit, agency and fees are shown from the catalogue. */
  g_assert_cmpstr (label_text (&counter, "time-limit-label"), ==, "7 ngày làm việc");
  g_assert_cmpstr (label_text (&counter, "agency-label"), ==, "Công an cấp xã");
  g_assert_nonnull (strstr (label_text (&counter, "fees-label"), "20.000 đồng"));

  fill_applicant (&counter);
  tick (&counter, "document-ct01", TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (&counter, GTK_TYPE_SPIN_BUTTON, "document-ct01-copies")), 2);
  tick (&counter, "document-cho-o-hop-phap", TRUE);

  shown_before = g_strdup (label_text (&counter, "appointment-label"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (counter.page), "receive.save", NULL));
  /* The form fixes the moment of receipt when the clerk saves and shows its appointment. */
  shown_at_save = g_strdup (label_text (&counter, "appointment-label"));
  g_assert_true (mc_ui_test_wait_until (slip_done, &counter, 20000));
  g_assert_true (counter.slip_printed);
  g_assert_cmpstr (counter.slip_code, ==, counter.received_code);

  /* The stored row, read through a connection of its own. */
  store = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  dossier = mc_store_get_dossier (store, counter.received_code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dossier->procedure_code, ==, "1.004222");
  g_assert_cmpstr (dossier->applicant_name, ==, APPLICANT_NAME);
  g_assert_cmpstr (dossier->id_number, ==, APPLICANT_ID);
  g_assert_cmpstr (dossier->phone, ==, "0912345678");
  g_assert_cmpstr (dossier->email, ==, "tuyet.nguyen@example.vn");
  g_assert_cmpstr (dossier->address, ==, "Số 5 ngõ 12 phố Hàng Bạc, phường Hoàn Kiếm");
  g_assert_cmpint (dossier->channel, ==, MC_CHANNEL_COUNTER);
  g_assert_cmpint (dossier->sets, ==, 1);
  g_assert_cmpstr (dossier->clerk, ==, "Lê Thị Thu");
  g_assert_cmpuint (dossier->documents->len, ==, 2);
  document = g_ptr_array_index (dossier->documents, 0);
  g_assert_cmpstr (document->code, ==, "ct01");
  g_assert_cmpint (document->form, ==, MC_DOCUMENT_ORIGINAL);
  g_assert_cmpint (document->copies, ==, 2);
  document = g_ptr_array_index (dossier->documents, 1);
  g_assert_cmpstr (document->code, ==, "cho-o-hop-phap");
  g_assert_cmpint (document->form, ==, MC_DOCUMENT_COPY);

  /* The appointment is the engine's for the moment of receipt, and what the form showed. */
  g_assert_true (mc_deadline_compute (mc_store_get_work_calendar (store), &mc_store_get_settings (store)->deadline,
                                      dossier->time_limit, dossier->received_at, &expected_due, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dossier->due_at, ==, expected_due);
  due_text = format_moment (dossier->due_at);
  g_assert_cmpstr (shown_at_save, ==, due_text);
  g_assert_cmpstr (shown_before, ==, due_text);

  assert_slip (&counter, dossier, 595.3, 841.9);   /* A4 */

  /* Ready for the next citizen: an empty form, the keyboard on the procedure. */
  g_assert_cmpstr (get_text (&counter, "name-entry"), ==, "");
  g_assert_cmpstr (get_text (&counter, "procedure-entry"), ==, "");
  g_assert_null (mc_procedure_chooser_get_procedure (chooser_of (&counter)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (counter.window)),
                                         find (&counter, GTK_TYPE_ENTRY, "procedure-entry")));
  counter_close (&counter);
}

/* A mandatory document unticked: nothing stored, the message names it, nothing typed lost. */
static void
test_missing_mandatory_document_refused (McUiFixture   *f,
                                         gconstpointer  data)
{
  Counter counter;
  const char *ct01 = "Tờ khai thay đổi thông tin cư trú (mẫu CT01)";

  counter_open (&counter, f);
  pick_procedure (&counter, "dang ky thuong tru");
  fill_applicant (&counter);
  tick (&counter, "document-cho-o-hop-phap", TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (counter.page), "receive.save", NULL));
  mc_ui_test_run_for (500);

  g_assert_null (counter.received_code);
  g_assert_cmpuint (count_dossiers (f), ==, 0);
  g_assert_false (g_file_test (counter.pdf, G_FILE_TEST_EXISTS));
  g_assert_true (label_shown (&counter, "checklist-error"));
  g_assert_nonnull (strstr (label_text (&counter, "checklist-error"), ct01));
  g_assert_nonnull (strstr (label_text (&counter, "save-status"), ct01));
  /* The keyboard is on the document to tick. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (counter.window)),
                                         find (&counter, GTK_TYPE_CHECK_BUTTON, "document-ct01"))
                 || gtk_root_get_focus (GTK_ROOT (counter.window)) == find (&counter, GTK_TYPE_CHECK_BUTTON, "document-ct01"));
  g_assert_cmpstr (get_text (&counter, "name-entry"), ==, APPLICANT_NAME);
  g_assert_cmpstr (get_text (&counter, "id-entry"), ==, APPLICANT_ID);
  g_assert_cmpstr (mc_procedure_chooser_get_procedure_code (chooser_of (&counter)), ==, "1.004222");

  /* Ticking it clears the message as the clerk goes. */
  tick (&counter, "document-ct01", TRUE);
  g_assert_false (label_shown (&counter, "checklist-error"));
  counter_close (&counter);
}

/* A wrong CCCD is said next to the field as it is typed and left, and blocks saving. */
static void
test_invalid_citizen_id_shown_inline (McUiFixture   *f,
                                      gconstpointer  data)
{
  Counter counter;
  GtkWidget *id_entry;

  counter_open (&counter, f);
  pick_procedure (&counter, "dang ky thuong tru");
  tick (&counter, "document-ct01", TRUE);
  id_entry = find (&counter, GTK_TYPE_ENTRY, "id-entry");

  /* A number still being typed is not an error until the clerk leaves the field. */
  gtk_widget_grab_focus (id_entry);
  set_text (&counter, "id-entry", "00119");
  g_assert_false (label_shown (&counter, "id-error"));
  gtk_widget_grab_focus (find (&counter, GTK_TYPE_ENTRY, "address-entry"));
  g_assert_true (label_shown (&counter, "id-error"));
  g_assert_nonnull (strstr (label_text (&counter, "id-error"), "12"));
  g_assert_nonnull (strstr (label_text (&counter, "id-error"), "5"));

  /* A complete number with a province code that does not exist: said as it is typed. */
  set_text (&counter, "id-entry", "099190012345");
  g_assert_true (label_shown (&counter, "id-error"));
  g_assert_nonnull (strstr (label_text (&counter, "id-error"), "099"));

  /* The century digit against the date of birth: a woman born in the 1900s cannot be born
   * in 2001. */
  fill_applicant (&counter);
  g_assert_cmpstr (label_text (&counter, "id-error"), ==, "");
  g_assert_false (label_shown (&counter, "id-error"));
  set_text (&counter, "birth-entry", "15/03/2001");
  g_assert_true (label_shown (&counter, "id-error"));

  /* Saving is refused, the keyboard goes to the ID, nothing is stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (counter.page), "receive.save", NULL));
  mc_ui_test_run_for (300);
  g_assert_null (counter.received_code);
  g_assert_cmpuint (count_dossiers (f), ==, 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (counter.window)), id_entry));
  g_assert_true (label_shown (&counter, "save-status"));
  g_assert_cmpstr (get_text (&counter, "birth-entry"), ==, "15/03/2001");

  /* Other fields' own checks: the phone and the e-mail. */
  set_text (&counter, "birth-entry", "15/03/1990");
  g_assert_cmpstr (label_text (&counter, "id-error"), ==, "");
  set_text (&counter, "phone-entry", "12345");
  gtk_widget_grab_focus (find (&counter, GTK_TYPE_ENTRY, "phone-entry"));
  gtk_widget_grab_focus (find (&counter, GTK_TYPE_ENTRY, "email-entry"));
  g_assert_true (label_shown (&counter, "phone-error"));
  counter_close (&counter);
}

/* The appointment shown changes with the procedure, as computed by the deadline engine. */
static void
test_appointment_follows_procedure (McUiFixture   *f,
                                    gconstpointer  data)
{
  Counter counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (f->db_path, &error);
  g_autofree char *residence = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *expected = NULL;
  McTimeLimit three_days = { MC_TIME_LIMIT_WORKING_DAYS, 3 };
  McTime now, due;

  g_assert_no_error (error);
  counter_open (&counter, f);
  g_assert_cmpstr (label_text (&counter, "appointment-label"), ==, "—");

  wait_for_quiet_minute ();
  pick_procedure (&counter, "dang ky thuong tru");
  residence = g_strdup (label_text (&counter, "appointment-label"));
  pick_procedure (&counter, "dang ky tam tru");
  g_assert_cmpstr (mc_procedure_chooser_get_procedure_code (chooser_of (&counter)), ==, "1.004194");
  now = mc_time_now ();
  temporary = g_strdup (label_text (&counter, "appointment-label"));

  g_assert_cmpstr (residence, !=, temporary);
  g_assert_true (mc_deadline_compute (mc_store_get_work_calendar (store), &mc_store_get_settings (store)->deadline,
                                      three_days, now, &due, &error));
  g_assert_no_error (error);
  expected = format_moment (due);
  g_assert_cmpstr (temporary, ==, expected);
  /* Why: the explanation is there for the clerk to read out. */
  gtk_expander_set_expanded (GTK_EXPANDER (find (&counter, GTK_TYPE_EXPANDER, "explanation-expander")), TRUE);
  g_assert_cmpstr (label_text (&counter, "explanation-label"), !=, "");
  counter_close (&counter);
}

static const char *
named_field (GtkWidget         *widget,
             const char * const *names)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (g_strv_contains (names, gtk_widget_get_name (widget)))
      return gtk_widget_get_name (widget);
  return NULL;
}

/* Ctrl+N puts the keyboard on the procedure, and Tab then walks the fields in the order of
 * the paper form. */
static void
test_tab_order_follows_paper_form (McUiFixture   *f,
                                   gconstpointer  data)
{
  const char * const expected[] = {
    "procedure-entry", "kind-dropdown", "name-entry", "id-entry", "birth-entry", "address-entry",
    "phone-entry", "email-entry", "channel-dropdown", "document-ct01", "document-cho-o-hop-phap",
    "document-y-kien-chu-ho", "document-quan-he-nhan-than", "document-hop-dong-thue", "sets-spin",
    "note-entry", "save-button", NULL
  };
  Counter counter;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GtkWidget *focus;

  counter_open (&counter, f);
  pick_procedure (&counter, "dang ky thuong tru");
  gtk_widget_activate_action (GTK_WIDGET (counter.window), "win.receive", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (counter.window));
  g_assert_cmpstr (named_field (focus, expected), ==, "procedure-entry");
  g_ptr_array_add (seen, (gpointer) "procedure-entry");

  for (guint step = 0; step < 60; step++)
    {
      const char *name;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (counter.window), GTK_DIR_TAB_FORWARD));
      name = named_field (gtk_root_get_focus (GTK_ROOT (counter.window)), expected);
      if (name != NULL && !g_str_equal (name, g_ptr_array_index (seen, seen->len - 1)))
        g_ptr_array_add (seen, (gpointer) name);
      if (g_strcmp0 (name, "save-button") == 0)
        break;
    }
  g_ptr_array_add (seen, NULL);
  g_assert_cmpstrv ((const char * const *) seen->pdata, expected);
  counter_close (&counter);
}

static gboolean
widget_shown (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

/* The disk refuses the dossier (here: the desk's block of sequence numbers is used up):
 * everything typed stays and the form says why. */
static void
test_store_failure_keeps_form (McUiFixture   *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) first = NULL;
  Counter counter;

  /* Before any job runs, the store may be used directly. */
  g_assert_true (mc_store_set_setting (f->store, "desk.sequence-last", "1", &error));
  g_assert_no_error (error);
  first = mc_ui_test_receive (f, "Trần Văn Bình", "008090001234", NULL);

  counter_open (&counter, f);
  pick_procedure (&counter, "dang ky thuong tru");
  fill_applicant (&counter);
  tick (&counter, "document-ct01", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (counter.page), "receive.save", NULL));
  g_assert_true (mc_ui_test_wait_until (widget_shown, find (&counter, GTK_TYPE_LABEL, "save-status"), 5000));
  mc_ui_test_run_for (100);

  g_assert_null (counter.received_code);
  g_assert_cmpuint (count_dossiers (f), ==, 1);
  g_assert_false (g_file_test (counter.pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (get_text (&counter, "name-entry"), ==, APPLICANT_NAME);
  g_assert_cmpstr (get_text (&counter, "phone-entry"), ==, "0912 345 678");
  g_assert_cmpstr (mc_procedure_chooser_get_procedure_code (chooser_of (&counter)), ==, "1.004222");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (&counter, GTK_TYPE_CHECK_BUTTON, "document-ct01"))));
  /* And the form is ready to try again. */
  g_assert_true (gtk_widget_is_sensitive (find (&counter, GTK_TYPE_BUTTON, "save-button")));
  counter_close (&counter);
}

/* Counters with half-sheet printers: the same slip on A5, its QR code still readable. */
static void
test_slip_on_a5 (McUiFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) dossier = NULL;
  Counter counter;

  g_settings_set_string (f->settings, "paper-size", "a5");
  counter_open (&counter, f);
  pick_procedure (&counter, "dang ky khai sinh");
  g_assert_cmpstr (mc_procedure_chooser_get_procedure_code (chooser_of (&counter)), ==, "1.001193");
  fill_applicant (&counter);
  tick (&counter, "document-to-khai", TRUE);
  tick (&counter, "document-giay-to-tuy-than", TRUE);
  /* One of the proofs of birth is enough. */
  tick (&counter, "document-van-ban-lam-chung", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (counter.page), "receive.save", NULL));
  g_assert_true (mc_ui_test_wait_until (slip_done, &counter, 20000));
  g_assert_true (counter.slip_printed);

  store = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  dossier = mc_store_get_dossier (store, counter.received_code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dossier->documents->len, ==, 3);
  assert_slip (&counter, dossier, 419.5, 595.3);   /* A5 */
  counter_close (&counter);
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestReceive", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

  g_test_add ("/receive/save-stores-dossier-and-prints-slip", McUiFixture, NULL,
              mc_ui_fixture_setup, test_save_stores_dossier_and_prints_slip, mc_ui_fixture_teardown);
  g_test_add ("/receive/missing-mandatory-document-refused", McUiFixture, NULL,
              mc_ui_fixture_setup, test_missing_mandatory_document_refused, mc_ui_fixture_teardown);
  g_test_add ("/receive/invalid-citizen-id-shown-inline", McUiFixture, NULL,
              mc_ui_fixture_setup, test_invalid_citizen_id_shown_inline, mc_ui_fixture_teardown);
  g_test_add ("/receive/appointment-follows-procedure", McUiFixture, NULL,
              mc_ui_fixture_setup, test_appointment_follows_procedure, mc_ui_fixture_teardown);
  g_test_add ("/receive/tab-order-follows-paper-form", McUiFixture, NULL,
              mc_ui_fixture_setup, test_tab_order_follows_paper_form, mc_ui_fixture_teardown);
  g_test_add ("/receive/store-failure-keeps-form", McUiFixture, NULL,
              mc_ui_fixture_setup, test_store_failure_keeps_form, mc_ui_fixture_teardown);
  g_test_add ("/receive/slip-on-a5", McUiFixture, NULL,
              mc_ui_fixture_setup, test_slip_on_a5, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
