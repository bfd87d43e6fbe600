/* The receipt-and-appointment slip as a clerk hands it over: a two-page PDF whose text
 * carries the applicant, the code and the appointment, and whose QR code a phone decodes to
 * exactly the lookup address. The PDF is read back with the same tools a person would use
 * (pdftotext, pdftoppm, zbarimg); without them the checks are skipped, not faked. */
#include <string.h>

#include <glib/gstdio.h>

#include "mc-slip.h"
#include "mc-store.h"

#define LOOKUP_TEMPLATE "https://dichvucong.example-province.gov.vn/tra-cuu?ma={code}"

typedef struct
{
  char      *dir;
  McStore   *store;
  McDossier *dossier;
  char      *pdf;
} Fixture;

static void
tick_required (McStore        *store,
               McDossierDraft *draft)
{
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (store, draft->procedure_code, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (procedure);
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("motcua-print-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_set_setting (f->store, "portal.lookup-url-template", LOOKUP_TEMPLATE, &error));
  g_assert_no_error (error);

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup ("Nguyễn Văn Ấn");
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912 345 678");
  draft->address = g_strdup ("Số 12, đường Lê Lợi, phường Bến Nghé");
  g_assert_true (mc_time_parse_local ("2025-11-24 10:00", &draft->received_at, NULL));
  tick_required (f->store, draft);
  f->dossier = mc_store_receive (f->store, draft, "clerk-an", &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->dossier);
  g_assert_cmpint (f->dossier->due_at, !=, MC_TIME_NONE);

  f->pdf = g_build_filename (f->dir, "slip.pdf", NULL);
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

static void
test_slip_text_and_pages (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *appointment = mc_time_format_slip (f->dossier->due_at);
  g_auto(GStrv) pages = NULL;

  g_assert_true (mc_slip_render_pdf (f->dossier, mc_store_get_settings (f->store), f->pdf, &error));
  g_assert_no_error (error);

  text = run ((const char *[]) { "pdftotext", "-layout", f->pdf, "-", NULL });
  info = run ((const char *[]) { "pdfinfo", f->pdf, NULL });
  if (text == NULL || info == NULL)
    {
      g_test_skip ("pdftotext or pdfinfo (poppler-utils) is not installed");
      return;
    }

  /* Received Monday 24 Nov 2025 10:00; 1.004222 has 7 working days → Wed 3 Dec 2025 10:00. */
  g_assert_cmpstr (appointment, ==, "10 giờ 00 phút, ngày 03/12/2025");
  g_assert_nonnull (strstr (text, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"));
  g_assert_nonnull (strstr (text, "Nguyễn Văn Ấn"));
  g_assert_nonnull (strstr (text, "008090001234"));
  g_assert_nonnull (strstr (text, f->dossier->code));
  g_assert_nonnull (strstr (text, appointment));
  g_assert_nonnull (strstr (text, "10 giờ 00 phút, ngày 24/11/2025"));
  g_assert_nonnull (strstr (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  g_assert_nonnull (strstr (text, "Liên 1: Giao người nộp hồ sơ"));
  g_assert_nonnull (strstr (text, "Liên 2: Lưu hồ sơ"));

  /* Two copies: pdftotext separates pages with a form feed, pdfinfo counts them. */
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, 3);   /* the text after the last \f is empty */
  g_assert_nonnull (strstr (info, "Pages:           2\n"));
  g_assert_nonnull (strstr (info, "595 x 842 pts (A4)"));
}

/* After a supplement the slip carries the appointment pushed by the stopped clock, and the first
 * one for reference: received Mon 24 Nov 2025 10:00, due Wed 3 Dec 10:00; supplement asked
 * Tue 25 Nov 10:00, delivered Thu 27 Nov 10:00 = 16 working hours (2 days) standing → due
 * Fri 5 Dec 10:00. While the dossier waits, the slip keeps the first appointment. */
static void
test_slip_after_supplement (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) handed = NULL;
  g_autoptr(McDossier) waiting = NULL;
  g_autoptr(McDossier) resumed = NULL;
  g_autofree char *waiting_text = NULL;
  g_autofree char *text = NULL;
  McTime at;

  g_assert_true (mc_time_parse_local ("2025-11-24 14:00", &at, NULL));
  handed = mc_store_move (f->store, f->dossier->code, MC_STATUS_IN_PROCESSING, "x", at, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_time_parse_local ("2025-11-25 10:00", &at, NULL));
  waiting = mc_store_move (f->store, f->dossier->code, MC_STATUS_WAITING_SUPPLEMENT, "x", at,
                           "Bản sao Giấy khai sinh", &error);
  g_assert_no_error (error);

  g_assert_true (mc_slip_render_pdf (waiting, mc_store_get_settings (f->store), f->pdf, &error));
  g_assert_no_error (error);
  waiting_text = run ((const char *[]) { "pdftotext", f->pdf, "-", NULL });
  if (waiting_text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (waiting_text, "10 giờ 00 phút, ngày 03/12/2025"));
  g_assert_null (strstr (waiting_text, "hẹn ban đầu"));

  g_assert_true (mc_time_parse_local ("2025-11-27 10:00", &at, NULL));
  resumed = mc_store_move (f->store, f->dossier->code, MC_STATUS_IN_PROCESSING, "x", at, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mc_slip_render_pdf (resumed, mc_store_get_settings (f->store), f->pdf, &error));
  g_assert_no_error (error);
  text = run ((const char *[]) { "pdftotext", f->pdf, "-", NULL });
  g_assert_nonnull (strstr (text, "10 giờ 00 phút, ngày 05/12/2025"));
  g_assert_nonnull (strstr (text, "hẹn ban đầu: 10 giờ 00 phút, ngày 03/12/2025"));
}

static void
test_slip_qr_decodes_to_lookup_url (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *png = g_build_filename (f->dir, "page-1.png", NULL);
  g_autofree char *expected = g_strconcat ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=",
                                           f->dossier->code, NULL);
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *ignored = NULL;
  g_autofree char *decoded = NULL;

  if (pdftoppm == NULL || zbarimg == NULL)
    {
      g_test_skip ("pdftoppm (poppler-utils) or zbarimg (zbar-tools) is not installed");
      return;
    }
  g_assert_true (mc_slip_render_pdf (f->dossier, mc_store_get_settings (f->store), f->pdf, &error));
  g_assert_no_error (error);

  ignored = run ((const char *[]) { "pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1",
                                    f->pdf, prefix, NULL });
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  decoded = run ((const char *[]) { "zbarimg", "--raw", "-q", png, NULL });
  g_strchomp (decoded);
  g_assert_cmpstr (decoded, ==, expected);
}

static void
test_slip_unwritable_path (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mc_slip_render_pdf (f->dossier, mc_store_get_settings (f->store),
                                      "/nonexistent-dir/x.pdf", &error));
  g_assert_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/x.pdf"));
}

static void
test_slip_long_list_stays_on_page (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  /* Sixty extra documents: far more than a page holds at 13 pt. */
  for (int i = 1; i <= 60; i++)
    g_ptr_array_add (f->dossier->documents,
                     mc_received_document_new (NULL, "Giấy xác nhận bổ sung theo yêu cầu",
                                              MC_DOCUMENT_COPY, 1));
  g_assert_true (mc_slip_render_pdf (f->dossier, mc_store_get_settings (f->store), f->pdf, &error));
  g_assert_no_error (error);

  text = run ((const char *[]) { "pdftotext", "-layout", f->pdf, "-", NULL });
  info = run ((const char *[]) { "pdfinfo", f->pdf, NULL });
  if (text == NULL || info == NULL)
    {
      g_test_skip ("pdftotext or pdfinfo (poppler-utils) is not installed");
      return;
    }
  /* Still two pages, and the end of the slip (signatures, QR caption) is on each. */
  g_assert_nonnull (strstr (info, "Pages:           2\n"));
  {
    g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

    for (guint i = 0; i < 2; i++)
      {
        g_assert_nonnull (strstr (pages[i], "NGƯỜI TIẾP NHẬN HỒ SƠ"));
        g_assert_nonnull (strstr (pages[i], "Quét mã để tra cứu tình trạng hồ sơ"));
        /* The rows that did not fit are counted, not silently lost. */
        g_assert_nonnull (strstr (pages[i], "giấy tờ khác"));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/print/slip/text-and-pages", Fixture, NULL,
              fixture_set_up, test_slip_text_and_pages, fixture_tear_down);
  g_test_add ("/print/slip/qr-decodes-to-lookup-url", Fixture, NULL,
              fixture_set_up, test_slip_qr_decodes_to_lookup_url, fixture_tear_down);
  g_test_add ("/print/slip/after-supplement", Fixture, NULL,
              fixture_set_up, test_slip_after_supplement, fixture_tear_down);
  g_test_add ("/print/slip/unwritable-path", Fixture, NULL,
              fixture_set_up, test_slip_unwritable_path, fixture_tear_down);
  g_test_add ("/print/slip/long-list-stays-on-page", Fixture, NULL,
              fixture_set_up, test_slip_long_list_stays_on_page, fixture_tear_down);

  return g_test_run ();
}
