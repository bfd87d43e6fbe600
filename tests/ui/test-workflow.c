/* test-workflow.c — one dossier's whole life through the real widgets: received on the receive
 * page, then on the dossier page scanned, handed over for processing and between departments,
 * a supplement requested (form 02 written through the same print operation, listing the items
 * typed), the supplement received (the new appointment shown), the result ready and scanned,
 * and the result returned with the citizen's rating. What the desk stored is read back through
 * a connection of its own. A second case: a dossier due soon gets the bar proposing the apology
 * (form 04), which is recorded without touching the original appointment and printed. */
#include "config.h"

#include <string.h>

#include "mc-deadline.h"
#include "mc-dossier-page.h"
#include "mc-form-history.h"
#include "mc-procedure-chooser.h"
#include "mc-receive-page.h"
#include "mc-step-plan.h"
#include "mc-ui-test.h"
#include "mc-window.h"

#define APPLICANT_NAME "Hoàng Thị Lan Phương"
/* Tuyên Quang (008), a woman born in the 1900s (1), in 1988 (88). */
#define APPLICANT_ID   "008188012345"

static GtkApplication *application;

typedef struct
{
  McUiFixture   *fixture;
  McWindow      *window;
  McDossierPage *page;
  char          *received_code;   /* from the receive page's ::slip-finished */
  char          *form_number;     /* from the dossier page's ::form-finished */
  gboolean       form_printed;
} Desk;

static void
on_slip_finished (McReceivePage *page,
                  const char    *code,
                  gboolean       printed,
                  Desk          *desk)
{
  g_assert_true (printed);
  g_free (desk->received_code);
  desk->received_code = g_strdup (code);
}

static void
on_form_finished (McDossierPage *page,
                  const char    *code,
                  const char    *number,
                  gboolean       printed,
                  Desk          *desk)
{
  g_free (desk->form_number);
  desk->form_number = g_strdup (number);
  desk->form_printed = printed;
}

static void
desk_open (Desk        *desk,
           McUiFixture *fixture)
{
  memset (desk, 0, sizeof *desk);
  desk->fixture = fixture;
  desk->window = mc_window_new (application, fixture->context);
  desk->page = MC_DOSSIER_PAGE (mc_window_get_page_widget (desk->window, "dossier"));
  g_signal_connect (desk->page, "form-finished", G_CALLBACK (on_form_finished), desk);
  gtk_window_set_default_size (GTK_WINDOW (desk->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (desk->window));
  mc_ui_test_run_for (100);
}

static void
desk_close (Desk *desk)
{
  gtk_window_destroy (GTK_WINDOW (desk->window));
  mc_ui_test_run_for (50);
  g_free (desk->received_code);
  g_free (desk->form_number);
}

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  GtkWidget *widget = mc_ui_test_find (root, type, name);

  if (widget == NULL)
    g_error ("No %s named “%s”", g_type_name (type), name);
  return widget;
}

static const char *
label_text (Desk       *desk,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find (GTK_WIDGET (desk->page), GTK_TYPE_LABEL, name)));
}

/* Every visible label under @root, one per line. */
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
grid_text (Desk       *desk,
           const char *name)
{
  GString *out = g_string_new (NULL);

  collect_labels (find (GTK_WIDGET (desk->page), GTK_TYPE_GRID, name), out);
  return g_string_free (out, FALSE);
}

/* ---- receiving on the receive page ---------------------------------------------------- */

typedef struct
{
  McReceivePage *page;
  const char    *query;
} Typing;

static gboolean
matches_appear (gpointer data)
{
  Typing *typing = data;
  GtkWidget *entry = find (GTK_WIDGET (typing->page), GTK_TYPE_ENTRY, "procedure-entry");
  McProcedureChooser *chooser = MC_PROCEDURE_CHOOSER (find (GTK_WIDGET (typing->page), MC_TYPE_PROCEDURE_CHOOSER,
                                                            "procedure-chooser"));

  gtk_editable_set_text (GTK_EDITABLE (entry), typing->query);
  return mc_procedure_chooser_get_n_matches (chooser) > 0;
}

static void
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (root, GTK_TYPE_ENTRY, name)), text);
}

static gboolean
slip_done (gpointer data)
{
  return ((Desk *) data)->received_code != NULL;
}

/* The clerk types the procedure without diacritics, fills the applicant, ticks the
 * documents and saves (the slip goes to a PDF through the print operation). */
static void
receive_at_counter (Desk *desk)
{
  McReceivePage *receive = MC_RECEIVE_PAGE (mc_window_get_page_widget (desk->window, "receive"));
  g_autofree char *slip = g_build_filename (desk->fixture->dir, "slip.pdf", NULL);
  Typing typing = { receive, "dang ky thuong tru" };
  GtkWidget *root = GTK_WIDGET (receive);

  g_signal_connect (receive, "slip-finished", G_CALLBACK (on_slip_finished), desk);
  mc_receive_page_set_print_target_pdf (receive, slip);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->window), "win.receive", NULL));
  g_assert_true (mc_ui_test_wait_until (matches_appear, &typing, 5000));
  g_signal_emit_by_name (find (root, GTK_TYPE_ENTRY, "procedure-entry"), "activate");
  set_text (root, "name-entry", APPLICANT_NAME);
  set_text (root, "id-entry", APPLICANT_ID);
  set_text (root, "birth-entry", "02/09/1988");
  set_text (root, "address-entry", "Thôn Nà Hang, xã Minh Tân");
  set_text (root, "phone-entry", "0912 345 678");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (root, GTK_TYPE_CHECK_BUTTON, "document-ct01")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (root, GTK_TYPE_CHECK_BUTTON, "document-cho-o-hop-phap")), TRUE);
  g_assert_true (gtk_widget_activate_action (root, "receive.save", NULL));
  g_assert_true (mc_ui_test_wait_until (slip_done, desk, 20000));
  g_assert_true (g_file_test (slip, G_FILE_TEST_IS_REGULAR));
}

/* ---- the dossier page ------------------------------------------------------------------- */

typedef struct
{
  Desk       *desk;
  const char *label;
  const char *contains;
  int         status;
} Wait;

static gboolean
page_shows_status (gpointer data)
{
  Wait *wait = data;

  return g_strcmp0 (mc_dossier_page_get_code (wait->desk->page), wait->desk->received_code) == 0 &&
         mc_dossier_page_get_status (wait->desk->page) == wait->status;
}

static void
wait_for_status (Desk *desk,
                 int   status)
{
  Wait wait = { desk, NULL, NULL, status };

  g_assert_true (mc_ui_test_wait_until (page_shows_status, &wait, 5000));
  mc_ui_test_run_for (50);
}

static gboolean
label_contains (gpointer data)
{
  Wait *wait = data;
  GtkWidget *label = mc_ui_test_find (GTK_WIDGET (wait->desk->page), GTK_TYPE_LABEL, wait->label);

  return label != NULL && gtk_widget_get_visible (label) &&
         strstr (gtk_label_get_text (GTK_LABEL (label)), wait->contains) != NULL;
}

static void
wait_for_label (Desk       *desk,
                const char *label,
                const char *contains)
{
  Wait wait = { desk, label, contains, 0 };

  if (!mc_ui_test_wait_until (label_contains, &wait, 5000))
    g_error ("Label “%s” never read “%s”", label, contains);
}

static gboolean
history_contains (gpointer data)
{
  Wait *wait = data;
  g_autofree char *text = grid_text (wait->desk, "history-grid");

  return strstr (text, wait->contains) != NULL;
}

static gboolean
form_done (gpointer data)
{
  return ((Desk *) data)->form_number != NULL;
}

/* The form the page printed, as a person reads it (NULL without pdftotext). */
static char *
wait_for_form (Desk       *desk,
               const char *number,
               const char *pdf)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = 0;

  g_assert_true (mc_ui_test_wait_until (form_done, desk, 20000));
  g_assert_cmpstr (desk->form_number, ==, number);
  g_assert_true (desk->form_printed);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&desk->form_number, g_free);
  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char *[]) { program, (char *) pdf, (char *) "-", NULL }, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* Runs of white space as one space: a sentence is found wherever pdftotext breaks it. */
static char *
flatten (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
assert_pdf_says (const char *text,
                 const char *part)
{
  g_autofree char *flat = flatten (text);

  if (strstr (flat, part) == NULL)
    g_error ("“%s” is not in the form:\n%s", part, text);
}

/* The small window a move or a step opens, found by a widget it holds. */
static GtkWidget *
find_dialog (const char *widget_name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) && mc_ui_test_find (window, GTK_TYPE_WIDGET, widget_name) != NULL)
        return window;
    }
  return NULL;
}

static gboolean
dialog_open (gpointer data)
{
  return find_dialog (data) != NULL;
}

static GtkWidget *
wait_for_dialog (const char *widget_name)
{
  g_assert_true (mc_ui_test_wait_until (dialog_open, (gpointer) widget_name, 3000));
  return find_dialog (widget_name);
}

static void
move (Desk *desk,
      int   to)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk->page), "dossier.move", "i", to));
}

/* "dd/MM/yyyy HH:mm", as the page shows a moment. */
static char *
format_moment (McTime t)
{
  g_autofree char *day = mc_day_format_vi (mc_time_local_day (t));
  g_autofree char *clock = mc_clock_format (mc_time_local_seconds (t));

  return g_strdup_printf ("%s %s", day, clock);
}

static GFile *
write_scan (Desk       *desk,
            const char *name,
            const char *head,
            gsize       head_len)
{
  g_autofree char *path = g_build_filename (desk->fixture->dir, name, NULL);
  char bytes[4096];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) ('A' + i % 23);
  memcpy (bytes, head, head_len);
  g_assert_true (g_file_set_contents (path, bytes, sizeof bytes, NULL));
  return g_file_new_for_path (path);
}

/* Writes what @widget shows to a PNG (for a person to look at, never compared). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, path);
}

static void
test_life_of_a_dossier (McUiFixture   *f,
                        gconstpointer  data)
{
  Desk desk;
  g_autofree char *form02 = g_build_filename (f->dir, "form-02.pdf", NULL);
  g_autoptr(GFile) ct01_scan = NULL;
  g_autoptr(GFile) result_scan = NULL;
  g_autoptr(McStore) fresh = NULL;
  g_autoptr(McDossier) stored = NULL;
  g_autoptr(McDossier) after_supplement = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GArray) pauses = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *new_appointment = NULL;
  GtkWidget *dialog;
  McRating rating = MC_RATING_NONE;
  const McStatus expected[] = {
    MC_STATUS_RECEIVED, MC_STATUS_IN_PROCESSING, MC_STATUS_IN_PROCESSING, MC_STATUS_WAITING_SUPPLEMENT,
    MC_STATUS_IN_PROCESSING, MC_STATUS_RESULT_READY, MC_STATUS_RETURNED,
  };

  desk_open (&desk, f);
  receive_at_counter (&desk);

  /* The dossier page, as the clerk opens it from the slip's code. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.show-dossier", "s", desk.received_code));
  wait_for_status (&desk, MC_STATUS_RECEIVED);
  g_assert_cmpstr (label_text (&desk, "applicant-label"), ==, APPLICANT_NAME);
  g_assert_cmpstr (label_text (&desk, "digitised-label"), ==, "Digitised: 0 of 2");
  mc_dossier_page_set_print_target_pdf (desk.page, form02);

  /* The form CT01 scanned at the counter. */
  ct01_scan = write_scan (&desk, "CT01 đã ký.pdf", "%PDF-1.4\n", 9);
  mc_dossier_page_attach_file (desk.page, ct01_scan, "ct01");
  wait_for_label (&desk, "digitised-label", "Digitised: 1 of 2");

  /* Handed over for processing, then from the officer to the head of the police station. */
  move (&desk, MC_STATUS_IN_PROCESSING);
  wait_for_status (&desk, MC_STATUS_IN_PROCESSING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.page), "dossier.record-step", NULL));
  dialog = wait_for_dialog ("step-dropdown");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find (dialog, GTK_TYPE_DROP_DOWN, "step-dropdown"))),
                    ==, 2);
  g_signal_emit_by_name (find (dialog, GTK_TYPE_BUTTON, "step-confirm"), "clicked");
  {
    Wait wait = { &desk, NULL, "Lãnh đạo Công an xã", 0 };

    g_assert_true (mc_ui_test_wait_until (history_contains, &wait, 5000));
  }
  /* Each internal step with its share and due moment; the hand-over to the head ended the
   * officer's step well before its due, and the head's step runs now. */
  {
    GtkGrid *steps = GTK_GRID (find (GTK_WIDGET (desk.page), GTK_TYPE_GRID, "steps-grid"));
    g_autoptr(McStore) store = mc_store_open (f->db_path, &error);
    g_autoptr(McDossier) dossier = NULL;
    g_autoptr(GPtrArray) plan = NULL;

    g_assert_no_error (error);
    dossier = mc_store_get_dossier (store, desk.received_code, &error);
    plan = mc_store_get_step_plan (store, dossier, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (plan->len, ==, 3);
    g_assert_true (gtk_widget_is_visible (GTK_WIDGET (steps)));
    for (guint i = 0; i < plan->len; i++)
      {
        const McPlannedStep *step = g_ptr_array_index (plan, i);
        g_autofree char *due = format_moment (step->due);

        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (steps, 0, (int) i + 1))), ==,
                         step->department);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (steps, 2, (int) i + 1))), ==, due);
      }
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (steps, 1, 2))), ==, "70 %");
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (steps, 3, 2))), "early"));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (steps, 3, 3))), ==, "running");
  }

  /* The department asks for a supplement: the items and the reason typed in the move's
   * window, and form 02 printed from what was stored. */
  move (&desk, MC_STATUS_WAITING_SUPPLEMENT);
  dialog = wait_for_dialog ("move-note-entry");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, GTK_TYPE_ENTRY, "move-note-entry")),
                         "Bản sao Giấy khai sinh; Hợp đồng thuê nhà có công chứng");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, GTK_TYPE_ENTRY, "move-reason-entry")),
                         "Chưa chứng minh được chỗ ở hợp pháp");
  g_signal_emit_by_name (find (dialog, GTK_TYPE_BUTTON, "move-note-confirm"), "clicked");
  wait_for_status (&desk, MC_STATUS_WAITING_SUPPLEMENT);
  text = wait_for_form (&desk, "02", form02);
  if (text != NULL)
    {
      assert_pdf_says (text, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
      assert_pdf_says (text, desk.received_code);
      assert_pdf_says (text, APPLICANT_NAME);
      assert_pdf_says (text, "Bản sao Giấy khai sinh");
      assert_pdf_says (text, "Hợp đồng thuê nhà có công chứng");
      assert_pdf_says (text, "Chưa chứng minh được chỗ ở hợp pháp");
    }
  else
    g_test_message ("pdftotext is not installed: form 02's text not checked");
  g_assert_true (gtk_widget_is_visible (find (GTK_WIDGET (desk.page), GTK_TYPE_GRID, "pauses-grid")));

  /* The applicant brings the documents: the clock runs again, and the appointment shown is
   * the one the store now holds. */
  move (&desk, MC_STATUS_IN_PROCESSING);
  wait_for_status (&desk, MC_STATUS_IN_PROCESSING);
  fresh = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  after_supplement = mc_store_get_dossier (fresh, desk.received_code, &error);
  g_assert_no_error (error);
  new_appointment = format_moment (after_supplement->current_due_at);
  g_assert_cmpstr (label_text (&desk, "appointment-label"), ==, new_appointment);
  g_assert_cmpint (after_supplement->current_due_at, >=, after_supplement->due_at);
  g_clear_object (&fresh);
  /* The clock stood for a while: the applicant gets a slip with the new appointment. */
  if (after_supplement->current_due_at != after_supplement->due_at)
    {
      g_autofree char *slip_text = wait_for_form (&desk, "01", form02);

      if (slip_text != NULL)
        {
          g_autofree char *promised = mc_time_format_slip (after_supplement->current_due_at);
          g_autofree char *first = mc_time_format_slip (after_supplement->due_at);

          assert_pdf_says (slip_text, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
          assert_pdf_says (slip_text, promised);
          assert_pdf_says (slip_text, "hẹn ban đầu: ");
          assert_pdf_says (slip_text, first);
        }
    }

  /* The result comes back to the counter and is scanned. */
  move (&desk, MC_STATUS_RESULT_READY);
  wait_for_status (&desk, MC_STATUS_RESULT_READY);
  g_assert_true (gtk_widget_is_visible (find (GTK_WIDGET (desk.page), GTK_TYPE_LABEL, "result-scans-label")));
  result_scan = write_scan (&desk, "xac-nhan-thuong-tru.png", "\x89PNG\r\n\x1a\n", 8);
  mc_dossier_page_attach_file (desk.page, result_scan, "result");
  wait_for_label (&desk, "result-scans-label", "xac-nhan-thuong-tru.png");

  /* Returned to the applicant, who rates the service. */
  move (&desk, MC_STATUS_RETURNED);
  dialog = wait_for_dialog ("move-rating-dropdown");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, GTK_TYPE_ENTRY, "move-note-entry")),
                         "Bà Hoàng Thị Lan Phương nhận trực tiếp, CCCD 008188012345");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (dialog, GTK_TYPE_DROP_DOWN, "move-rating-dropdown")),
                              MC_RATING_VERY_SATISFIED);
  g_signal_emit_by_name (find (dialog, GTK_TYPE_BUTTON, "move-note-confirm"), "clicked");
  wait_for_status (&desk, MC_STATUS_RETURNED);
  wait_for_label (&desk, "rating-label", "Rất hài lòng");

  /* What the desk stored, as another program sees it. */
  fresh = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  stored = mc_store_get_dossier (fresh, desk.received_code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, MC_STATUS_RETURNED);
  g_assert_cmpstr (stored->applicant_name, ==, APPLICANT_NAME);
  g_assert_cmpint (stored->due_at, ==, after_supplement->due_at);
  g_assert_cmpint (stored->returned_at, !=, MC_TIME_NONE);

  history = mc_store_get_history (fresh, desk.received_code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < history->len; i++)
    {
      const McDossierEvent *event = g_ptr_array_index (history, i);

      g_assert_cmpint (event->to_status, ==, expected[i]);
      g_assert_cmpstr (event->actor, ==, "Lê Thị Thu");
    }
  g_assert_cmpstr (((McDossierEvent *) history->pdata[2])->note, ==, "Lãnh đạo Công an xã");
  g_assert_cmpstr (((McDossierEvent *) history->pdata[3])->note, ==,
                   "Bản sao Giấy khai sinh; Hợp đồng thuê nhà có công chứng. Lý do: Chưa chứng minh được chỗ ở hợp pháp");
  g_assert_cmpstr (((McDossierEvent *) history->pdata[6])->note, ==,
                   "Bà Hoàng Thị Lan Phương nhận trực tiếp, CCCD 008188012345");

  pauses = mc_store_get_pauses (fresh, desk.received_code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pauses->len, ==, 1);
  g_assert_cmpint (g_array_index (pauses, McPause, 0).started, ==, ((McDossierEvent *) history->pdata[3])->at);
  g_assert_cmpint (g_array_index (pauses, McPause, 0).ended, ==, ((McDossierEvent *) history->pdata[4])->at);

  g_assert_true (mc_store_get_rating (fresh, desk.received_code, &rating, &error));
  g_assert_cmpint (rating, ==, MC_RATING_VERY_SATISFIED);

  attachments = mc_store_list_attachments (fresh, desk.received_code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attachments->len, ==, 2);
  g_assert_cmpstr (((McAttachment *) attachments->pdata[0])->target, ==, "ct01");
  g_assert_cmpstr (((McAttachment *) attachments->pdata[0])->file_name, ==, "CT01 đã ký.pdf");
  g_assert_cmpstr (((McAttachment *) attachments->pdata[1])->target, ==, MC_ATTACHMENT_RESULT);
  g_assert_cmpstr (((McAttachment *) attachments->pdata[1])->mime_type, ==, "image/png");

  g_assert_true (mc_store_check (fresh, problems, &error));
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  if (g_getenv ("MOTCUA_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOTCUA_SCREENSHOT_DIR"), "returned.png", NULL);

      save_screenshot (GTK_WIDGET (desk.window), path);
    }
  desk_close (&desk);
}

/* ---- the apology -------------------------------------------------------------------------- */

/* A moment of receipt, within the last weeks, whose appointment is due soon but not yet
 * past: the case the bar is for. */
static McTime
receipt_due_soon (McUiFixture *f)
{
  McWorkCalendar *calendar = mc_store_get_work_calendar (f->store);
  const McOfficeSettings *settings = mc_store_get_settings (f->store);
  McTimeLimit limit = { MC_TIME_LIMIT_WORKING_DAYS, 7 };
  McTime now = mc_time_now ();

  for (McTime back = 3600; back < 40 * MC_SECONDS_PER_DAY; back += 1800)
    {
      McTime received = now - back;
      McTime due;

      if (mc_deadline_compute (calendar, &settings->deadline, limit, received, &due, NULL) &&
          !mc_deadline_is_overdue (due, now + 120) && mc_deadline_is_due_soon (calendar, &settings->deadline, due, now))
        return received;
    }
  g_error ("No moment of receipt makes a dossier due soon now");
}

static void
test_apology_when_due_soon (McUiFixture   *f,
                            gconstpointer  data)
{
  Desk desk;
  g_autofree char *received_text = NULL;
  g_autofree char *form04 = g_build_filename (f->dir, "form-04.pdf", NULL);
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(McStore) fresh = NULL;
  g_autoptr(McDossier) stored = NULL;
  g_autoptr(GPtrArray) apologies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *promised = NULL;
  g_autofree char *history = NULL;
  const char *screenshots = g_getenv ("MOTCUA_SCREENSHOT_DIR");
  const McApologyRecord *apology;
  GtkWidget *bar;
  McTime new_due;

  {
    McTime received = receipt_due_soon (f);
    g_autofree char *day = mc_day_format (mc_time_local_day (received));
    g_autofree char *clock = mc_clock_format (mc_time_local_seconds (received));

    received_text = g_strdup_printf ("%s %s", day, clock);
  }
  dossier = mc_ui_test_receive (f, APPLICANT_NAME, APPLICANT_ID, received_text);

  desk_open (&desk, f);
  desk.received_code = g_strdup (dossier->code);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.window), "win.show-dossier", "s", dossier->code));
  wait_for_status (&desk, MC_STATUS_RECEIVED);
  mc_dossier_page_set_print_target_pdf (desk.page, form04);

  /* The bar proposes the apology, with a new appointment to start from. */
  bar = find (GTK_WIDGET (desk.page), GTK_TYPE_WIDGET, "apology-bar");
  g_assert_true (gtk_widget_is_visible (bar));
  g_assert_nonnull (strstr (label_text (&desk, "apology-title-label"), "due soon"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (bar, GTK_TYPE_ENTRY, "apology-due-entry"))), !=, "");

  /* No reason, no apology. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.page), "dossier.apologise", NULL));
  g_assert_true (gtk_widget_is_visible (find (bar, GTK_TYPE_LABEL, "apology-error-label")));

  gtk_editable_set_text (GTK_EDITABLE (find (bar, GTK_TYPE_ENTRY, "apology-reason-entry")),
                         "Cần xác minh thực tế nơi cư trú");
  new_due = dossier->due_at + 3 * MC_SECONDS_PER_DAY;
  new_due -= new_due % 60;
  {
    g_autofree char *typed = format_moment (new_due);

    gtk_editable_set_text (GTK_EDITABLE (find (bar, GTK_TYPE_ENTRY, "apology-due-entry")), typed);
  }
  if (screenshots != NULL)
    {
      g_autofree char *path = g_build_filename (screenshots, "apology.png", NULL);

      mc_ui_test_run_for (300);
      save_screenshot (GTK_WIDGET (desk.window), path);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (desk.page), "dossier.apologise", NULL));
  text = wait_for_form (&desk, "04", form04);
  promised = mc_time_format_slip (new_due);
  if (text != NULL)
    {
      assert_pdf_says (text, dossier->code);
      assert_pdf_says (text, "Cần xác minh thực tế nơi cư trú");
      assert_pdf_says (text, promised);
    }

  /* Recorded: the original appointment is untouched, the promise is kept apart and shown. */
  fresh = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  stored = mc_store_get_dossier (fresh, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->due_at, ==, dossier->due_at);
  g_assert_cmpint (stored->current_due_at, ==, dossier->current_due_at);
  g_assert_cmpint (stored->status, ==, MC_STATUS_RECEIVED);
  apologies = mc_store_list_apologies (fresh, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (apologies->len, ==, 1);
  apology = g_ptr_array_index (apologies, 0);
  g_assert_cmpint (apology->new_due_at, ==, new_due);
  g_assert_cmpstr (apology->reason, ==, "Cần xác minh thực tế nơi cư trú");
  g_assert_cmpstr (apology->issued_by, ==, "Lê Thị Thu");

  {
    g_autofree char *shown = format_moment (new_due);

    wait_for_label (&desk, "promised-label", shown);
  }
  g_assert_false (gtk_widget_is_visible (bar));
  history = grid_text (&desk, "history-grid");
  g_assert_nonnull (strstr (history, "Apology and new appointment (form 04)"));
  if (screenshots != NULL)
    {
      g_autofree char *path = g_build_filename (screenshots, "apologised.png", NULL);

      save_screenshot (GTK_WIDGET (desk.window), path);
    }
  desk_close (&desk);
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestWorkflow", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

  g_test_add ("/workflow/life-of-a-dossier", McUiFixture, NULL,
              mc_ui_fixture_setup, test_life_of_a_dossier, mc_ui_fixture_teardown);
  g_test_add ("/workflow/apology-when-due-soon", McUiFixture, NULL,
              mc_ui_fixture_setup, test_apology_when_due_soon, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
