/* Forms 02 to 06 as a clerk hands them over: each PDF, read back with pdftotext, carries
 * its title, the national motto, the applicant with diacritics, the dossier code, the
 * reason and the dates as administrative documents write them. A long supplement list runs
 * onto a second page with its header row repeated and the pages numbered. Without
 * poppler-utils the PDF checks are skipped, not faked. */
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "mc-form-history.h"
#include "mc-forms.h"
#include "mc-store.h"

typedef struct
{
  char      *dir;
  McStore   *store;
  McDossier *dossier;
  char      *pdf;
} Fixture;

static McTime
at (const char *text)
{
  McTime t = MC_TIME_NONE;

  g_assert_true (mc_time_parse_local (text, &t, NULL));
  return t;
}

static McDossier *
receive (McStore    *store,
         const char *received)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  McDossier *dossier;

  /* 1.004222 Đăng ký thường trú: 7 working days, CT01 its only mandatory document. */
  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup ("Nguyễn Văn Ấn");
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912 345 678");
  draft->address = g_strdup ("Số 12, đường Lê Lợi, phường Bến Nghé");
  draft->received_at = at (received);
  mc_dossier_draft_add_document (draft, "ct01", NULL, MC_DOCUMENT_ORIGINAL, 1);
  dossier = mc_store_receive (store, draft, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dossier);
  return dossier;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("motcua-forms-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (path, &error);
  g_assert_no_error (error);
  /* Received Monday 24 Nov 2025 10:00; 7 working days → Wednesday 3 Dec 2025 10:00. */
  f->dossier = receive (f->store, "2025-11-24 10:00");
  f->pdf = g_build_filename (f->dir, "form.pdf", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  mc_dossier_free (f->dossier);
  g_clear_object (&f->store);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
}

/* Runs @argv and returns its standard output, or NULL if the program is missing. */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autofree char *out = NULL;
  int status = 0;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

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
  return g_steal_pointer (&out);
}

/* The PDF's text with its layout, or NULL (test skipped) without pdftotext. */
static char *
pdf_text (const char *pdf)
{
  char *text = run ((const char *[]) { "pdftotext", "-layout", pdf, "-", NULL });

  if (text == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed");
  return text;
}

/* @text with every run of white space (line ends of wrapped paragraphs, the columns of
 * -layout) made one space, so that a sentence is found wherever its lines break. */
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
assert_contains (const char *text,
                 const char *part)
{
  g_autofree char *flat_text = flatten (text);
  g_autofree char *flat_part = flatten (part);

  if (strstr (flat_text, flat_part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

static guint
count_pages (const char *text)
{
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

  /* pdftotext ends every page with a form feed: the text after the last one is empty. */
  return g_strv_length (pages) - 1;
}

static void
assert_heading (const char *text)
{
  assert_contains (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  assert_contains (text, "Độc lập - Tự do - Hạnh phúc");
  /* The default office, "Bộ phận Một cửa UBND xã Minh Tân" under "UBND tỉnh Tuyên Quang". */
  assert_contains (text, "UBND TỈNH TUYÊN QUANG");
}

static McSupplementRequest *
supplement_request (guint n_items)
{
  McSupplementRequest *request = mc_supplement_request_new ();

  g_ptr_array_add (request->items, mc_supplement_item_new ("Bản sao Giấy khai sinh", MC_DOCUMENT_CERTIFIED_COPY,
                                                           TRUE, 1));
  g_ptr_array_add (request->items, mc_supplement_item_new ("Tờ khai CT01: bổ sung chữ ký của chủ hộ",
                                                           MC_DOCUMENT_ORIGINAL, FALSE, 0));
  for (guint i = 2; i < n_items; i++)
    {
      g_autofree char *name = g_strdup_printf ("Giấy xác nhận số %u của Công an xã", i + 1);

      g_ptr_array_add (request->items, mc_supplement_item_new (name, MC_DOCUMENT_COPY, TRUE, 2));
    }
  request->reason = g_strdup ("Tờ khai chưa có chữ ký của chủ hộ");
  request->requested_at = at ("2025-11-25 09:30");
  request->officer = g_strdup ("Trần Thị Bình");
  request->officer_phone = g_strdup ("0987 654 321");
  return request;
}

static void
test_supplement_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McSupplementRequest) request = supplement_request (2);
  g_autoptr(McForm) form = mc_form_new_supplement (f->dossier, mc_store_get_settings (f->store), request);
  g_autofree char *text = NULL;

  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;

  assert_heading (text);
  assert_contains (text, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
  assert_contains (text, "Minh Tân, ngày 25 tháng 11 năm 2025");
  assert_contains (text, f->dossier->code);
  assert_contains (text, "Nguyễn Văn Ấn");
  assert_contains (text, "008090001234");
  assert_contains (text, "Đăng ký thường trú");
  assert_contains (text, "10 giờ 00 phút, ngày 24/11/2025");
  assert_contains (text, "Bản sao Giấy khai sinh");
  assert_contains (text, "Bản sao có chứng thực");
  assert_contains (text, "bổ sung chữ ký của chủ hộ");
  assert_contains (text, "Lý do: Tờ khai chưa có chữ ký của chủ hộ");
  /* The clock stops at the request and resumes (the procedure's rule) on delivery. */
  assert_contains (text, "09 giờ 30 phút, ngày 25/11/2025");
  assert_contains (text, "được tính tiếp");
  assert_contains (text, "Trần Thị Bình");
  assert_contains (text, "0987 654 321");
  assert_contains (text, "NGƯỜI HƯỚNG DẪN");
  g_assert_cmpuint (count_pages (text), ==, 1);
  /* One page: no page numbers. */
  g_assert_null (strstr (text, "Trang 1/"));
}

/* Forty items do not fit on a page: the table goes on with its header row, every page is
 * numbered, the signature ends the last page, and the print dialog's page-by-page drawing
 * gives the same second page. */
static void
test_supplement_long_list_runs_onto_second_page (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McSupplementRequest) request = supplement_request (40);
  g_autoptr(McForm) form = mc_form_new_supplement (f->dossier, mc_store_get_settings (f->store), request);
  g_autofree char *text = NULL;
  g_autofree char *page_pdf = g_build_filename (f->dir, "page-2.pdf", NULL);
  g_autofree char *page_text = NULL;
  g_auto(GStrv) pages = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;

  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;

  n_pages = count_pages (text);
  g_assert_cmpuint (n_pages, ==, 2);
  pages = g_strsplit (text, "\f", -1);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Trang %u/%u", i + 1, n_pages);

      assert_contains (pages[i], "Giấy tờ cần bổ sung, hoàn thiện");
      assert_contains (pages[i], number);
    }
  assert_contains (pages[0], "PHIẾU YÊU CẦU BỔ SUNG");
  assert_contains (pages[1], "Giấy xác nhận số 40 của Công an xã");
  assert_contains (pages[1], "NGƯỜI HƯỚNG DẪN");
  g_assert_null (strstr (pages[0], "NGƯỜI HƯỚNG DẪN"));

  /* The second page alone, as a print operation draws it. */
  surface = cairo_pdf_surface_create (page_pdf, MC_A4_SHORT_PT, MC_A4_LONG_PT);
  cr = cairo_create (surface);
  g_assert_cmpuint (mc_form_count_pages (form, cr, MC_A4_SHORT_PT, MC_A4_LONG_PT), ==, 2);
  mc_form_draw_page (form, cr, MC_A4_SHORT_PT, MC_A4_LONG_PT, 1);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  page_text = pdf_text (page_pdf);
  g_assert_cmpuint (count_pages (page_text), ==, 1);
  assert_contains (page_text, "Trang 2/2");
  assert_contains (page_text, "Giấy xác nhận số 40 của Công an xã");
  g_assert_null (strstr (page_text, "PHIẾU YÊU CẦU BỔ SUNG"));
}

static void
test_refusal_fields (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McRefusal) refusal = mc_refusal_new ();
  g_autoptr(McForm) form = NULL;
  g_autofree char *text = NULL;

  refusal->reasons = g_strdup ("Người nộp không thuộc trường hợp được đăng ký thường trú tại xã\n"
                               "Thiếu giấy tờ chứng minh chỗ ở hợp pháp");
  refusal->refused_at = at ("2025-11-24 10:20");
  refusal->clerk = g_strdup ("Lê Thị Thu");
  form = mc_form_new_refusal (f->dossier, mc_store_get_settings (f->store), refusal);
  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;

  assert_heading (text);
  assert_contains (text, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
  assert_contains (text, "Minh Tân, ngày 24 tháng 11 năm 2025");
  assert_contains (text, f->dossier->code);
  assert_contains (text, "Nguyễn Văn Ấn");
  assert_contains (text, "Đăng ký thường trú");
  assert_contains (text, "1. Người nộp không thuộc trường hợp");
  assert_contains (text, "2. Thiếu giấy tờ chứng minh chỗ ở hợp pháp");
  assert_contains (text, "NGƯỜI TIẾP NHẬN HỒ SƠ");
  assert_contains (text, "Lê Thị Thu");
}

static void
test_apology_fields (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McApology) apology = mc_apology_new ();
  g_autoptr(McForm) form = NULL;
  g_autofree char *text = NULL;

  apology->reason = g_strdup ("Cần xác minh thêm nơi cư trú tại Công an tỉnh");
  apology->new_due_at = at ("2025-12-10 16:00");
  apology->issued_at = at ("2025-12-02 08:00");
  apology->signer = g_strdup ("Hoàng Văn Đức");
  form = mc_form_new_apology (f->dossier, mc_store_get_settings (f->store), apology);
  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;

  assert_heading (text);
  /* Received after 1 July 2025: the title of Circular 03/2025. */
  assert_contains (text, "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
  assert_contains (text, "Minh Tân, ngày 02 tháng 12 năm 2025");
  assert_contains (text, "Kính gửi: Ông/Bà (tổ chức) Nguyễn Văn Ấn");
  assert_contains (text, f->dossier->code);
  /* The original appointment on the slip, and the new one. */
  assert_contains (text, "10 giờ 00 phút, ngày 03/12/2025");
  assert_contains (text, "16 giờ 00 phút, ngày 10/12/2025");
  assert_contains (text, "Cần xác minh thêm nơi cư trú tại Công an tỉnh");
  assert_contains (text, "xin lỗi");
  assert_contains (text, "THỦ TRƯỞNG CƠ QUAN");
  assert_contains (text, "Hoàng Văn Đức");
}

/* A dossier keeps the forms in force on its day of receipt: before 1 July 2025, the
 * apology is Circular 01/2018's "Phiếu xin lỗi và hẹn lại ngày trả kết quả". */
static void
test_apology_title_by_day_of_receipt (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) older = receive (f->store, "2025-03-03 09:00");
  g_autoptr(McApology) apology = mc_apology_new ();
  g_autoptr(McForm) form = NULL;
  g_autofree char *text = NULL;

  apology->reason = g_strdup ("Hệ thống cơ sở dữ liệu dân cư gián đoạn");
  apology->new_due_at = at ("2025-03-20 16:00");
  apology->issued_at = at ("2025-03-11 08:00");
  form = mc_form_new_apology (older, mc_store_get_settings (f->store), apology);
  g_assert_cmpstr (mc_form_kind_title (MC_FORM_APOLOGY, older->received_at), ==,
                   "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;
  assert_contains (text, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
  assert_contains (text, "Minh Tân, ngày 11 tháng 3 năm 2025");
  assert_contains (text, "16 giờ 00 phút, ngày 20/03/2025");
}

static void
test_stop_fields (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStopNotice) notice = mc_stop_notice_new ();
  g_autoptr(McForm) form = NULL;
  g_autofree char *text = NULL;

  notice->stage = g_strdup ("Đang xử lý");
  notice->reason = g_strdup ("Người nộp đề nghị dừng để bổ sung giấy tờ sở hữu nhà");
  notice->stopped_at = at ("2025-11-28 14:15");
  form = mc_form_new_stop (f->dossier, mc_store_get_settings (f->store), notice);
  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;

  assert_heading (text);
  assert_contains (text, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
  assert_contains (text, "Minh Tân, ngày 28 tháng 11 năm 2025");
  assert_contains (text, "Nguyễn Văn Ấn");
  assert_contains (text, f->dossier->code);
  assert_contains (text, "Giai đoạn giải quyết khi dừng: Đang xử lý");
  assert_contains (text, "Người nộp đề nghị dừng để bổ sung giấy tờ sở hữu nhà");
  /* The standard decision names the moment processing stopped. */
  assert_contains (text, "Dừng giải quyết hồ sơ nêu trên kể từ 14 giờ 15 phút, ngày 28/11/2025");
}

static McHandover *
handover (const char *giver_unit,
          const char *receiver_unit,
          const char *when,
          const char *giver,
          McVerdict   verdict,
          const char *note)
{
  McHandover *h = mc_handover_new ();

  h->giver_unit = g_strdup (giver_unit);
  h->receiver_unit = g_strdup (receiver_unit);
  h->at = at (when);
  h->giver = g_strdup (giver);
  h->verdict = verdict;
  h->note = g_strdup (note);
  return h;
}

static void
test_control_slip_hand_overs (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) handovers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_handover_free);
  g_autoptr(McForm) form = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (handovers, handover ("Bộ phận Một cửa", "Công an xã Minh Tân", "2025-11-24 14:00",
                                        "Lê Thị Thu", MC_VERDICT_NONE, "Chuyển giải quyết"));
  g_ptr_array_add (handovers, handover ("Công an xã Minh Tân", "Bộ phận Một cửa", "2025-12-01 15:30",
                                        "Đỗ Quang Huy", MC_VERDICT_EARLY, "Có kết quả"));
  form = mc_form_new_control (f->dossier, mc_store_get_settings (f->store), handovers);
  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;

  assert_heading (text);
  assert_contains (text, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
  assert_contains (text, f->dossier->code);
  assert_contains (text, "Nguyễn Văn Ấn");
  assert_contains (text, "Thời gian hẹn trả kết quả: 10 giờ 00 phút, ngày 03/12/2025");
  /* Cells wrap beside one another: their first words only, then the names. */
  assert_contains (text, "1. Giao: Bộ phận");
  assert_contains (text, "2. Giao: Công an");
  assert_contains (text, "Công an xã Minh Tân");
  assert_contains (text, "14 giờ 00 phút, ngày 24/11/2025");
  assert_contains (text, "15 giờ 30 phút, ngày 01/12/2025");
  assert_contains (text, "Người giao");
  assert_contains (text, "Người nhận");
  assert_contains (text, "Đỗ Quang Huy");
  assert_contains (text, "Trước hạn");
  /* Still received, not finished: rows 3 and 4 wait for the hand-overs to come. */
  assert_contains (text, "4. Giao:");
  g_assert_null (strstr (text, "5. Giao:"));
}

static McDossier *
move_to (Fixture    *f,
         McStatus    to,
         const char *actor,
         const char *when)
{
  g_autoptr(GError) error = NULL;
  McDossier *dossier = mc_store_move (f->store, f->dossier->code, to, actor, at (when), NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

static void
record_step (Fixture    *f,
             const char *actor,
             const char *when,
             const char *department)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = mc_store_record_step (f->store, f->dossier->code, actor, at (when),
                                                       department, &error);

  g_assert_no_error (error);
  g_assert_cmpint (dossier->status, ==, MC_STATUS_IN_PROCESSING);
}

/* Each hand-over between departments is judged against its own step's share of the time.
 * 1.004222 has 7 working days (56 working hours, received Monday 24/11/2025 10:00, due
 * Wednesday 03/12 10:00) and three steps: reception 10 %, the residence officer 70 %, the
 * leader 20 %. Step 1 gets 5 h 36 min: 5 h on Monday, 36 min on Tuesday, due Tuesday 25/11
 * 07:36. Step 2 ends at 80 % = 44 h 48 min: 37 h by Friday 28/11 evening, then 7 h 48 min
 * on Monday 01/12 (4 h 30 before noon, 3 h 18 from 13:30), due Monday 01/12 16:48.
 * Handed to the officer on Monday 16:00: step 1 early. Handed to the leader on Tuesday
 * 02/12 09:00: step 2 late. The result back on Wednesday 03/12 09:30: on time. */
static void
test_control_slip_judges_each_step (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (f->store, f->dossier->procedure_code, &error);
  McWorkCalendar *calendar = mc_store_get_work_calendar (f->store);
  g_autoptr(McDossier) processing = move_to (f, MC_STATUS_IN_PROCESSING, "Lê Thị Thu", "2025-11-24 10:30");
  g_autoptr(McDossier) ready = NULL;
  g_autoptr(GArray) pauses = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) handovers = NULL;
  g_autoptr(GPtrArray) unjudged = NULL;
  g_autoptr(McForm) form = NULL;
  g_autofree char *text = NULL;
  const McHandover *to_officer, *to_leader, *result;

  g_assert_no_error (error);
  record_step (f, "Nguyễn Thị Mai", "2025-11-24 16:00", "Cán bộ đăng ký cư trú Công an xã");
  record_step (f, "Trần Văn Bình", "2025-12-02 09:00", "Lãnh đạo Công an xã");
  ready = move_to (f, MC_STATUS_RESULT_READY, "Phạm Văn Đức", "2025-12-03 09:30");

  pauses = mc_store_get_pauses (f->store, ready->code, &error);
  g_assert_no_error (error);
  plan = mc_step_plan_for_dossier (calendar, ready, procedure->steps, (const McPause *) pauses->data, pauses->len,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 3);
  g_assert_cmpint (((McPlannedStep *) plan->pdata[0])->due, ==, at ("2025-11-25 07:36"));
  g_assert_cmpint (((McPlannedStep *) plan->pdata[1])->due, ==, at ("2025-12-01 16:48"));
  g_assert_cmpint (((McPlannedStep *) plan->pdata[2])->due, ==, at ("2025-12-03 10:00"));

  history = mc_store_get_history (f->store, ready->code, &error);
  g_assert_no_error (error);
  handovers = mc_form_handovers_from_history_with_plan (ready, mc_store_get_settings (f->store), calendar,
                                                        history, plan);
  /* To the agency, to the officer, to the leader, the result back. */
  g_assert_cmpuint (handovers->len, ==, 4);
  g_assert_cmpint (((McHandover *) handovers->pdata[0])->verdict, ==, MC_VERDICT_NONE);
  to_officer = handovers->pdata[1];
  to_leader = handovers->pdata[2];
  result = handovers->pdata[3];
  g_assert_cmpstr (to_officer->receiver_unit, ==, "Cán bộ đăng ký cư trú Công an xã");
  g_assert_cmpint (to_officer->verdict, ==, MC_VERDICT_EARLY);
  g_assert_cmpstr (to_officer->note, ==, "Chuyển bước xử lý; hạn bước: 07 giờ 36 phút, ngày 25/11/2025");
  g_assert_cmpstr (to_leader->giver_unit, ==, "Cán bộ đăng ký cư trú Công an xã");
  g_assert_cmpint (to_leader->verdict, ==, MC_VERDICT_LATE);
  g_assert_cmpstr (to_leader->note, ==, "Chuyển bước xử lý; hạn bước: 16 giờ 48 phút, ngày 01/12/2025");
  g_assert_cmpint (result->verdict, ==, MC_VERDICT_ON_TIME);

  /* Without the plan the steps are listed but not judged. */
  unjudged = mc_form_handovers_from_history (ready, mc_store_get_settings (f->store), calendar, history);
  g_assert_cmpuint (unjudged->len, ==, 4);
  g_assert_cmpint (((McHandover *) unjudged->pdata[1])->verdict, ==, MC_VERDICT_NONE);
  g_assert_cmpint (((McHandover *) unjudged->pdata[2])->verdict, ==, MC_VERDICT_NONE);

  form = mc_form_new_control (ready, mc_store_get_settings (f->store), handovers);
  g_assert_true (mc_form_render_pdf (form, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;
  assert_contains (text, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
  /* The three words (the column's heading names them all) on the rows of the hand-overs,
   * each on its own: row 2 early, row 3 late, row 4 on time. */
  {
    const char *row2 = strstr (text, "2. Giao:");
    const char *row3 = row2 != NULL ? strstr (row2, "3. Giao:") : NULL;
    const char *row4 = row3 != NULL ? strstr (row3, "4. Giao:") : NULL;
    const char *row5 = row4 != NULL ? strstr (row4, "5. Giao:") : NULL;
    g_autofree char *second = NULL;
    g_autofree char *third = NULL;
    g_autofree char *fourth = NULL;

    g_assert_nonnull (row5);
    second = g_strndup (row2, (gsize) (row3 - row2));
    third = g_strndup (row3, (gsize) (row4 - row3));
    fourth = g_strndup (row4, (gsize) (row5 - row4));
    assert_contains (second, "Trước hạn");
    assert_contains (second, "16 giờ 00 phút, ngày 24/11/2025");
    g_assert_null (strstr (second, "Quá hạn"));
    assert_contains (third, "Quá hạn");
    assert_contains (third, "09 giờ 00 phút, ngày 02/12/2025");
    g_assert_null (strstr (third, "Trước hạn"));
    assert_contains (fourth, "Đúng hạn");
    assert_contains (fourth, "09 giờ 30 phút, ngày 03/12/2025");
  }
  g_assert_cmpint (processing->status, ==, MC_STATUS_IN_PROCESSING);
}

static void
test_unwritable_path (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McRefusal) refusal = mc_refusal_new ();
  g_autoptr(McForm) form = NULL;

  refusal->reasons = g_strdup ("Không thuộc thẩm quyền");
  form = mc_form_new_refusal (f->dossier, mc_store_get_settings (f->store), refusal);
  g_assert_false (mc_form_render_pdf (form, "/nonexistent-dir/form.pdf", &error));
  g_assert_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/form.pdf"));
}

/* Decree 30/2020: a zero before days below 10 and before January and February only. */
static void
test_date_line (void)
{
  g_autoptr(McOfficeSettings) settings = mc_office_settings_new_default ();
  g_autofree char *feb = mc_form_format_date (at ("2026-02-05 10:00"));
  g_autofree char *nov = mc_form_format_date (at ("2026-11-23 10:00"));
  g_autofree char *mar = mc_form_format_date (at ("2026-03-01 23:59"));
  g_autofree char *line = NULL;
  g_autofree char *province = NULL;
  g_autofree char *ward = NULL;

  g_assert_cmpstr (feb, ==, "ngày 05 tháng 02 năm 2026");
  g_assert_cmpstr (nov, ==, "ngày 23 tháng 11 năm 2026");
  g_assert_cmpstr (mar, ==, "ngày 01 tháng 3 năm 2026");

  line = mc_form_date_line (settings, at ("2026-11-23 10:00"));
  g_assert_cmpstr (line, ==, "Minh Tân, ngày 23 tháng 11 năm 2026");

  g_assert_true (mc_office_settings_set (settings, "office.name",
                                         "Trung tâm Phục vụ hành chính công tỉnh Lào Cai", NULL));
  province = mc_form_place_name (settings);
  g_assert_cmpstr (province, ==, "Lào Cai");
  g_assert_true (mc_office_settings_set (settings, "office.name", "Bộ phận Một cửa UBND phường Hồng Hà", NULL));
  ward = mc_form_place_name (settings);
  g_assert_cmpstr (ward, ==, "Hồng Hà");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/print/forms/supplement-fields", test_supplement_fields);
  ADD ("/print/forms/supplement-long-list-runs-onto-second-page", test_supplement_long_list_runs_onto_second_page);
  ADD ("/print/forms/refusal-fields", test_refusal_fields);
  ADD ("/print/forms/apology-fields", test_apology_fields);
  ADD ("/print/forms/apology-title-by-day-of-receipt", test_apology_title_by_day_of_receipt);
  ADD ("/print/forms/stop-fields", test_stop_fields);
  ADD ("/print/forms/control-slip-hand-overs", test_control_slip_hand_overs);
  ADD ("/print/forms/control-slip-judges-each-step", test_control_slip_judges_each_step);
  ADD ("/print/forms/unwritable-path", test_unwritable_path);
#undef ADD
  g_test_add_func ("/print/forms/date-line", test_date_line);

  return g_test_run ();
}
