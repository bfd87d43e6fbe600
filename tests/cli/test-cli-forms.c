/* test-cli-forms.c — `motcua-cli form 02|03|04|05|06 CODE --pdf FILE` and `motcua-cli
 * register --from --to (--pdf | --csv)` run as a user runs them, on a temporary database
 * per test.
 *
 * A form that attests a move is printed only once the move is recorded, with what the
 * history says (its time, who made it, its note); a form that does not fit the dossier is
 * refused with exit status 1 and no file. The register holds exactly the dossiers of the
 * period. PDFs are read back with pdftotext; without it those checks are skipped.
 */
#include <string.h>

#include "mc-cli-test.h"
#include "mc-store.h"

typedef struct
{
  char *dir;
  char *db;
  char *pdf;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("motcua-cli-forms-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->pdf = g_build_filename (fixture->dir, "form.pdf", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  mc_cli_test_remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->pdf);
  g_free (fixture->dir);
}

#define RUN(fixture, ...) mc_cli_test_run ((fixture)->db, NULL, MC_CLI_TEST_ARGS (__VA_ARGS__))

/* A citizen born in 1990 in Hà Nội (province 001), male. */
#define CITIZEN_ID "001090012345"

/* 1.004222 Đăng ký thường trú, 7 working days, received at @received by "Lê Thị Thu". */
static char *
receive (Fixture    *fixture,
         const char *name,
         const char *received)
{
  g_autoptr(McCliRun) run = RUN (fixture, "--actor", "Lê Thị Thu", "receive", "--procedure", "1.004222",
                                 "--name", name, "--id-number", CITIZEN_ID, "--phone", "0912345678",
                                 "--address", "Thôn Nà Hang, xã Minh Tân", "--document", "ct01",
                                 "--received", received, "--json");
  g_autoptr(cJSON) json = NULL;

  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  return g_strdup (mc_cli_test_json_string (json, "code"));
}

static void
move (Fixture    *fixture,
      const char *code,
      const char *actor,
      const char *to,
      const char *when,
      const char *note)
{
  g_autoptr(McCliRun) run = NULL;

  if (note != NULL)
    run = RUN (fixture, "--actor", actor, "move", code, "--to", to, "--at", when, "--note", note);
  else
    run = RUN (fixture, "--actor", actor, "move", code, "--to", to, "--at", when);
  mc_cli_test_assert_status (run, 0);
}

/* Received Monday 2 March 2026 10:00 (due Wednesday 11 March 10:00), handed over, then the
 * department asks for a supplement: form 02 lists the note's items and its reason, dated
 * on the day of the request, with the officer who made it. */
static void
test_supplement_from_history (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *code = receive (fixture, "Nguyễn Văn Ấn", "2026-03-02 10:00");
  g_autoptr(McCliRun) early = NULL;
  g_autoptr(McCliRun) printed = NULL;
  g_autoptr(McCliRun) with_items = NULL;
  g_autofree char *text = NULL;
  g_autofree char *items_text = NULL;

  early = RUN (fixture, "form", "02", code, "--pdf", fixture->pdf);
  mc_cli_test_assert_status (early, 1);
  g_assert_nonnull (strstr (early->err, code));
  g_assert_false (g_file_test (fixture->pdf, G_FILE_TEST_EXISTS));

  move (fixture, code, "Lê Thị Thu", "in-processing", "2026-03-02 14:00", "Chuyển Công an xã");
  move (fixture, code, "Đỗ Quang Huy", "waiting-supplement", "2026-03-04 09:30",
        "Bản sao Giấy khai sinh; Tờ khai CT01 có chữ ký của chủ hộ. Lý do: Tờ khai chưa có chữ ký");

  printed = RUN (fixture, "form", "02", code, "--pdf", fixture->pdf, "--officer-phone", "0987654321");
  mc_cli_test_assert_status (printed, 0);
  g_assert_nonnull (strstr (printed->out, fixture->pdf));
  if ((text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT)) == NULL)
    return;
  mc_cli_test_assert_pdf_contains (text, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
  mc_cli_test_assert_pdf_contains (text, "Minh Tân, ngày 04 tháng 3 năm 2026");
  mc_cli_test_assert_pdf_contains (text, code);
  mc_cli_test_assert_pdf_contains (text, "Nguyễn Văn Ấn");
  mc_cli_test_assert_pdf_contains (text, "1 Bản sao Giấy khai sinh");
  mc_cli_test_assert_pdf_contains (text, "2 Tờ khai CT01 có chữ ký của chủ hộ");
  mc_cli_test_assert_pdf_contains (text, "Lý do: Tờ khai chưa có chữ ký");
  mc_cli_test_assert_pdf_contains (text, "09 giờ 30 phút, ngày 04/03/2026");
  mc_cli_test_assert_pdf_contains (text, "Đỗ Quang Huy");
  mc_cli_test_assert_pdf_contains (text, "0987654321");

  /* --item replaces the note's list, with the form and number of copies. */
  with_items = RUN (fixture, "form", "02", code, "--pdf", fixture->pdf,
                    "--item", "Sổ hộ khẩu|certified-copy|2", "--reason", "Giấy tờ hết hạn");
  mc_cli_test_assert_status (with_items, 0);
  items_text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT);
  mc_cli_test_assert_pdf_contains (items_text, "Sổ hộ khẩu");
  mc_cli_test_assert_pdf_contains (items_text, "Bản sao có chứng thực");
  mc_cli_test_assert_pdf_contains (items_text, "Lý do: Giấy tờ hết hạn");
  g_assert_null (strstr (items_text, "Bản sao Giấy khai sinh"));
}

/* Form 03 only for a dossier the history shows refused; its reasons, ";"-separated in the
 * note, numbered on paper. */
static void
test_refusal_only_when_recorded (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *code = receive (fixture, "Phạm Thị Hồng Nhung", "2026-03-02 08:10");
  g_autoptr(McCliRun) not_refused = NULL;
  g_autoptr(McCliRun) printed = NULL;
  g_autofree char *text = NULL;

  not_refused = RUN (fixture, "form", "03", code, "--pdf", fixture->pdf, "--reason", "Không thuộc thẩm quyền");
  mc_cli_test_assert_status (not_refused, 1);
  g_assert_nonnull (strstr (not_refused->err, "motcua-cli: "));
  g_assert_false (g_file_test (fixture->pdf, G_FILE_TEST_EXISTS));

  move (fixture, code, "Lê Thị Thu", "refused", "2026-03-02 08:30",
        "Không thuộc trường hợp đăng ký tại xã; Thiếu giấy tờ chứng minh chỗ ở hợp pháp");
  printed = RUN (fixture, "form", "03", code, "--pdf", fixture->pdf);
  mc_cli_test_assert_status (printed, 0);
  if ((text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT)) == NULL)
    return;
  mc_cli_test_assert_pdf_contains (text, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
  mc_cli_test_assert_pdf_contains (text, "Phạm Thị Hồng Nhung");
  mc_cli_test_assert_pdf_contains (text, code);
  mc_cli_test_assert_pdf_contains (text, "1. Không thuộc trường hợp đăng ký tại xã");
  mc_cli_test_assert_pdf_contains (text, "2. Thiếu giấy tờ chứng minh chỗ ở hợp pháp");
  mc_cli_test_assert_pdf_contains (text, "Minh Tân, ngày 02 tháng 3 năm 2026");
  mc_cli_test_assert_pdf_contains (text, "Lê Thị Thu");
}

/* The apology needs a reason and a new appointment after the current one, and a dossier
 * that is still being processed. */
static void
test_apology_needs_reason_and_new_due (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *code = receive (fixture, "Trần Văn Bình", "2026-03-02 10:00");
  g_autoptr(McCliRun) no_reason = NULL;
  g_autoptr(McCliRun) too_early = NULL;
  g_autoptr(McCliRun) printed = NULL;
  g_autoptr(McCliRun) finished = NULL;
  g_autoptr(McCliRun) json_run = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autofree char *text = NULL;

  no_reason = RUN (fixture, "form", "04", code, "--pdf", fixture->pdf, "--new-due", "2026-03-20 16:00");
  mc_cli_test_assert_status (no_reason, 1);
  too_early = RUN (fixture, "form", "04", code, "--pdf", fixture->pdf, "--reason", "Cần xác minh",
                   "--new-due", "2026-03-10 16:00");
  mc_cli_test_assert_status (too_early, 1);
  g_assert_nonnull (strstr (too_early->err, "2026-03-11 10:00"));
  g_assert_false (g_file_test (fixture->pdf, G_FILE_TEST_EXISTS));

  printed = RUN (fixture, "form", "04", code, "--pdf", fixture->pdf, "--reason", "Cần xác minh nơi cư trú",
                 "--new-due", "2026-03-20 16:00", "--at", "2026-03-10 08:00", "--signer", "Hoàng Văn Đức");
  mc_cli_test_assert_status (printed, 0);
  json_run = RUN (fixture, "form", "04", code, "--pdf", fixture->pdf, "--reason", "Cần xác minh nơi cư trú",
                  "--new-due", "2026-03-20 16:00", "--at", "2026-03-10 08:00", "--json");
  mc_cli_test_assert_status (json_run, 0);
  json = mc_cli_test_parse_json (json_run);
  g_assert_cmpstr (mc_cli_test_json_string (json, "form"), ==, "04");
  g_assert_cmpstr (mc_cli_test_json_string (json, "code"), ==, code);
  if ((text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT)) == NULL)
    return;
  mc_cli_test_assert_pdf_contains (text, "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT");
  mc_cli_test_assert_pdf_contains (text, "Trần Văn Bình");
  mc_cli_test_assert_pdf_contains (text, "10 giờ 00 phút, ngày 11/03/2026");
  mc_cli_test_assert_pdf_contains (text, "16 giờ 00 phút, ngày 20/03/2026");
  mc_cli_test_assert_pdf_contains (text, "Cần xác minh nơi cư trú");
  mc_cli_test_assert_pdf_contains (text, "Minh Tân, ngày 10 tháng 3 năm 2026");

  move (fixture, code, "Lê Thị Thu", "in-processing", "2026-03-02 14:00", NULL);
  move (fixture, code, "Đỗ Quang Huy", "result-ready", "2026-03-05 15:00", NULL);
  finished = RUN (fixture, "form", "04", code, "--pdf", fixture->pdf, "--reason", "Cần xác minh",
                  "--new-due", "2026-03-20 16:00");
  mc_cli_test_assert_status (finished, 1);
}

static void
test_stop_notice (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *code = receive (fixture, "Vũ Thị Lan", "2026-03-02 10:00");
  g_autoptr(McCliRun) not_stopped = NULL;
  g_autoptr(McCliRun) printed = NULL;
  g_autofree char *text = NULL;

  move (fixture, code, "Lê Thị Thu", "in-processing", "2026-03-02 14:00", NULL);
  not_stopped = RUN (fixture, "form", "05", code, "--pdf", fixture->pdf);
  mc_cli_test_assert_status (not_stopped, 1);

  move (fixture, code, "Đỗ Quang Huy", "stopped", "2026-03-06 14:15", "Người nộp đề nghị dừng giải quyết");
  printed = RUN (fixture, "form", "05", code, "--pdf", fixture->pdf, "--signer", "Hoàng Văn Đức");
  mc_cli_test_assert_status (printed, 0);
  if ((text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT)) == NULL)
    return;
  mc_cli_test_assert_pdf_contains (text, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
  mc_cli_test_assert_pdf_contains (text, "Vũ Thị Lan");
  mc_cli_test_assert_pdf_contains (text, code);
  mc_cli_test_assert_pdf_contains (text, "Giai đoạn giải quyết khi dừng: Đang xử lý");
  mc_cli_test_assert_pdf_contains (text, "Lý do dừng giải quyết: Người nộp đề nghị dừng giải quyết");
  mc_cli_test_assert_pdf_contains (text, "14 giờ 15 phút, ngày 06/03/2026");
  mc_cli_test_assert_pdf_contains (text, "Hoàng Văn Đức");
}

/* The control slip reads the hand-overs from the history: to the agency, the result back
 * to the counter (judged: ready Friday 6 March, due Wednesday 11 March 10:00, early), and
 * the result to the applicant. A dossier refused at reception has no control slip. */
static void
test_control_slip_from_history (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *code = receive (fixture, "Đặng Thu Hà", "2026-03-02 10:00");
  g_autofree char *refused = receive (fixture, "Lý Văn Tài", "2026-03-02 11:00");
  g_autoptr(McCliRun) printed = NULL;
  g_autoptr(McCliRun) no_slip = NULL;
  g_autofree char *refused_pdf = g_build_filename (fixture->dir, "refused.pdf", NULL);
  g_autofree char *text = NULL;

  move (fixture, code, "Lê Thị Thu", "in-processing", "2026-03-02 14:00", "Chuyển Công an xã");
  move (fixture, code, "Đỗ Quang Huy", "result-ready", "2026-03-06 15:00", NULL);
  move (fixture, code, "Lê Thị Thu", "returned", "2026-03-09 09:00", NULL);
  printed = RUN (fixture, "form", "06", code, "--pdf", fixture->pdf);
  mc_cli_test_assert_status (printed, 0);

  move (fixture, refused, "Lê Thị Thu", "refused", "2026-03-02 11:10", "Sai thẩm quyền");
  no_slip = RUN (fixture, "form", "06", refused, "--pdf", refused_pdf);
  mc_cli_test_assert_status (no_slip, 1);
  g_assert_false (g_file_test (refused_pdf, G_FILE_TEST_EXISTS));

  if ((text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT)) == NULL)
    return;
  mc_cli_test_assert_pdf_contains (text, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
  mc_cli_test_assert_pdf_contains (text, "Đặng Thu Hà");
  mc_cli_test_assert_pdf_contains (text, code);
  mc_cli_test_assert_pdf_contains (text, "1. Giao:");
  mc_cli_test_assert_pdf_contains (text, "3. Giao:");
  g_assert_null (strstr (text, "4. Giao:"));
  mc_cli_test_assert_pdf_contains (text, "14 giờ 00 phút, ngày 02/03/2026");
  mc_cli_test_assert_pdf_contains (text, "15 giờ 00 phút, ngày 06/03/2026");
  mc_cli_test_assert_pdf_contains (text, "09 giờ 00 phút, ngày 09/03/2026");
  mc_cli_test_assert_pdf_contains (text, "Trước hạn");
  mc_cli_test_assert_pdf_contains (text, "Chuyển Công an xã");
}

/* A hand-over between departments, recorded as the window records it (the CLI has no
 * command for it), on the database the CLI uses. */
static void
record_step (Fixture    *fixture,
             const char *code,
             const char *actor,
             const char *when,
             const char *department)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (fixture->db, &error);
  g_autoptr(McDossier) dossier = NULL;
  McTime at = MC_TIME_NONE;

  g_assert_no_error (error);
  g_assert_true (mc_time_parse_local (when, &at, &error));
  dossier = mc_store_record_step (store, code, actor, at, department, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dossier->status, ==, MC_STATUS_IN_PROCESSING);
}

/* Each hand-over between departments is judged against its step's share of the time:
 * 1.004222 has 7 working days (56 h; received Monday 2 March 2026 10:00, due Wednesday
 * 11 March 10:00) in steps of 10 / 70 / 20 %. Step 1 (5 h 36 min) is due Tuesday 3 March
 * 07:36: handed to the officer on Monday at 16:00, early. Step 2 ends at 44 h 48 min,
 * Monday 9 March 16:48: handed to the leader on Tuesday 10 March 09:00, late. The result
 * back on Wednesday 11 March 09:30: on time. */
static void
test_control_slip_judges_each_step (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *code = receive (fixture, "Đặng Thu Hà", "2026-03-02 10:00");
  g_autoptr(McCliRun) printed = NULL;
  g_autofree char *text = NULL;
  const char *row2, *row3, *row4;

  move (fixture, code, "Lê Thị Thu", "in-processing", "2026-03-02 10:30", NULL);
  record_step (fixture, code, "Nguyễn Thị Mai", "2026-03-02 16:00", "Cán bộ đăng ký cư trú Công an xã");
  record_step (fixture, code, "Trần Văn Bình", "2026-03-10 09:00", "Lãnh đạo Công an xã");
  move (fixture, code, "Đỗ Quang Huy", "result-ready", "2026-03-11 09:30", NULL);
  printed = RUN (fixture, "form", "06", code, "--pdf", fixture->pdf);
  mc_cli_test_assert_status (printed, 0);

  if ((text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT)) == NULL)
    return;
  /* The verdict column's heading names all three words: look at the rows. */
  row2 = strstr (text, "2. Giao:");
  row3 = row2 != NULL ? strstr (row2, "3. Giao:") : NULL;
  row4 = row3 != NULL ? strstr (row3, "4. Giao:") : NULL;
  g_assert_nonnull (row4);
  {
    g_autofree char *second = g_strndup (row2, (gsize) (row3 - row2));
    g_autofree char *third = g_strndup (row3, (gsize) (row4 - row3));

    mc_cli_test_assert_pdf_contains (second, "Trước hạn");
    mc_cli_test_assert_pdf_contains (second, "16 giờ 00 phút, ngày 02/03/2026");
    mc_cli_test_assert_pdf_contains (third, "Quá hạn");
    mc_cli_test_assert_pdf_contains (third, "09 giờ 00 phút, ngày 10/03/2026");
    mc_cli_test_assert_pdf_contains (row4, "Đúng hạn");
  }
  /* Each row says what it was measured by. */
  mc_cli_test_assert_pdf_contains (text, "07 giờ 36");
  mc_cli_test_assert_pdf_contains (text, "16 giờ 48");
}

static void
test_form_usage_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *code = receive (fixture, "Nguyễn Văn Ấn", "2026-03-02 10:00");
  g_autoptr(McCliRun) seven = RUN (fixture, "form", "07", code, "--pdf", fixture->pdf);
  g_autoptr(McCliRun) one = RUN (fixture, "form", "01", code, "--pdf", fixture->pdf);
  g_autoptr(McCliRun) no_pdf = RUN (fixture, "form", "06", code);
  g_autoptr(McCliRun) unknown = RUN (fixture, "form", "06", "000.00.16.H04-260302-0099", "--pdf", fixture->pdf);
  g_autoptr(McCliRun) bad_item = NULL;

  mc_cli_test_assert_status (seven, 2);
  mc_cli_test_assert_status (one, 2);
  mc_cli_test_assert_status (no_pdf, 2);
  mc_cli_test_assert_status (unknown, 1);

  move (fixture, code, "Lê Thị Thu", "waiting-supplement", "2026-03-02 10:30", "Bản sao CCCD");
  bad_item = RUN (fixture, "form", "02", code, "--pdf", fixture->pdf, "--item", "Sổ hộ khẩu|photocopy");
  mc_cli_test_assert_status (bad_item, 1);
  g_assert_nonnull (strstr (bad_item->err, "photocopy"));
}

/* Five dossiers around March 2026; the register of 1–31 March has the three inside, in
 * the CSV (with its byte order mark, one line per dossier) and in the PDF. */
static void
test_register_period (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *before = receive (fixture, "Trần Văn Trước", "2026-02-27 16:30");
  g_autofree char *first = receive (fixture, "Nguyễn Văn Ấn", "2026-03-02 07:05");
  g_autofree char *second = receive (fixture, "Phạm Thị Hồng Nhung", "2026-03-16 10:00");
  g_autofree char *last = receive (fixture, "Đỗ Thu Trang", "2026-03-31 16:55");
  g_autofree char *after = receive (fixture, "Vũ Văn Sau", "2026-04-01 07:00");
  g_autofree char *csv_path = g_build_filename (fixture->dir, "register.csv", NULL);
  g_autoptr(McCliRun) run = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  run = RUN (fixture, "register", "--from", "2026-03-01", "--to", "2026-03-31", "--pdf", fixture->pdf,
             "--csv", csv_path, "--json");
  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  g_assert_cmpint (mc_cli_test_json_int (json, "dossiers"), ==, 3);
  g_assert_cmpint (mc_cli_test_json_int (json, "pages"), ==, 1);

  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "STT,"));
  lines = g_strsplit (csv, "\r\n", -1);
  /* The header, three dossiers, and the empty text after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_nonnull (strstr (lines[1], first));
  g_assert_nonnull (strstr (lines[2], second));
  g_assert_nonnull (strstr (lines[3], last));
  g_assert_null (strstr (csv, before));
  g_assert_null (strstr (csv, after));

  if ((text = mc_cli_test_pdf_text (fixture->pdf, MC_CLI_TEST_PDF_LAYOUT)) == NULL)
    return;
  mc_cli_test_assert_pdf_contains (text, "SỔ THEO DÕI HỒ SƠ");
  mc_cli_test_assert_pdf_contains (text, "Từ ngày 01/03/2026 đến ngày 31/03/2026");
  mc_cli_test_assert_pdf_contains (text, "Nguyễn Văn Ấn");
  mc_cli_test_assert_pdf_contains (text, "Đỗ Thu Trang");
  mc_cli_test_assert_pdf_contains (text, "Tổng số hồ sơ: 3");
  g_assert_null (strstr (text, "Trần Văn Trước"));
  g_assert_null (strstr (text, "Vũ Văn Sau"));
}

static void
test_register_usage_errors (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(McCliRun) no_to = RUN (fixture, "register", "--from", "2026-03-01", "--pdf", fixture->pdf);
  g_autoptr(McCliRun) no_file = RUN (fixture, "register", "--from", "2026-03-01", "--to", "2026-03-31");
  g_autoptr(McCliRun) reversed = RUN (fixture, "register", "--from", "2026-03-31", "--to", "2026-03-01",
                                      "--pdf", fixture->pdf);
  g_autoptr(McCliRun) bad_day = RUN (fixture, "register", "--from", "2026-02-30", "--to", "2026-03-31",
                                     "--pdf", fixture->pdf);

  mc_cli_test_assert_status (no_to, 2);
  mc_cli_test_assert_status (no_file, 2);
  mc_cli_test_assert_status (reversed, 1);
  mc_cli_test_assert_status (bad_day, 1);
  g_assert_false (g_file_test (fixture->pdf, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  if (!mc_cli_test_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/forms/supplement-from-history", test_supplement_from_history);
  ADD ("/cli/forms/refusal-only-when-recorded", test_refusal_only_when_recorded);
  ADD ("/cli/forms/apology-needs-reason-and-new-due", test_apology_needs_reason_and_new_due);
  ADD ("/cli/forms/stop-notice", test_stop_notice);
  ADD ("/cli/forms/control-slip-from-history", test_control_slip_from_history);
  ADD ("/cli/forms/control-slip-judges-each-step", test_control_slip_judges_each_step);
  ADD ("/cli/forms/usage-errors", test_form_usage_errors);
  ADD ("/cli/register/period", test_register_period);
  ADD ("/cli/register/usage-errors", test_register_usage_errors);
#undef ADD

  return g_test_run ();
}
