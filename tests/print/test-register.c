/* The dossier register (form 07) as a supervisor exports it: exactly the dossiers received
 * in the period, in the PDF (landscape, header row on every page, "Trang x/y", totals) and
 * in the CSV, which a spreadsheet reads back field for field — commas, quotes and line
 * breaks in names included — with the UTF-8 byte order mark Excel needs. PDF checks use
 * poppler-utils and are skipped without them. */
#include <string.h>

#include <glib/gstdio.h>

#include "mc-register.h"
#include "mc-store.h"

typedef struct
{
  char    *dir;
  McStore *store;
  char    *pdf;
  char    *csv;
} Fixture;

static McTime
at (const char *text)
{
  McTime t = MC_TIME_NONE;

  g_assert_true (mc_time_parse_local (text, &t, NULL));
  return t;
}

static McDay
day (const char *text)
{
  McDay d = 0;

  g_assert_true (mc_day_parse (text, &d, NULL));
  return d;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("motcua-register-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (path, &error);
  g_assert_no_error (error);
  f->pdf = g_build_filename (f->dir, "register.pdf", NULL);
  f->csv = g_build_filename (f->dir, "register.csv", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->pdf);
  g_free (f->csv);
}

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
count_occurrences (const char *text,
                   const char *part)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, part)) != NULL; p += strlen (part))
    n++;
  return n;
}

/* An RFC 4180 reader, as a spreadsheet reads the file: rows of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"')
        {
          for (p++; *p; p++)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p += 2;
        }
      else
        {
          /* A bare line feed or quote outside a quoted field is not RFC 4180. */
          g_assert_true (*p != '\n' && *p != '\r' && *p != '"');
          g_string_append_c (field, *p);
          p++;
        }
    }
  /* Every record ends with CRLF, the last one too. */
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);

  g_assert_cmpuint (c, <, row->len);
  return g_ptr_array_index (row, c);
}

static char *
receive (McStore    *store,
         const char *name,
         const char *received)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McDossier) dossier = NULL;

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup (name);
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912345678");
  draft->address = g_strdup ("Thôn Nà Hang, xã Minh Tân");
  draft->received_at = at (received);
  mc_dossier_draft_add_document (draft, "ct01", NULL, MC_DOCUMENT_ORIGINAL, 1);
  dossier = mc_store_receive (store, draft, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  return g_strdup (dossier->code);
}

static McRegister *
register_from_store (McStore    *store,
                     McDay       from,
                     McDay       to,
                     GPtrArray **entries)
{
  g_autoptr(GError) error = NULL;
  McRegister *reg = mc_register_new (mc_store_get_settings (store), from, to);

  *entries = mc_store_list_register (store, mc_time_from_local (from, 0), mc_time_from_local (to + 1, 0), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < (*entries)->len; i++)
    {
      const McRegisterEntry *entry = g_ptr_array_index (*entries, i);
      McRegisterRow row = { entry->dossier, entry->handed_over_at, entry->verdict };

      mc_register_add_row (reg, &row);
    }
  return reg;
}

/* November 2025: received from 1 November 00:00 up to 30 November 23:59. The dossiers of
 * 31 October and of 1 December are not in it. */
static void
test_period_has_exactly_its_rows (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = receive (f->store, "Trần Văn Trước", "2025-10-31 16:30");
  g_autofree char *first = receive (f->store, "Nguyễn Văn Ấn", "2025-11-03 07:05");
  g_autofree char *second = receive (f->store, "Phạm Thị Hồng Nhung", "2025-11-17 10:00");
  g_autofree char *last = receive (f->store, "Đỗ Thu Trang", "2025-11-28 16:55");
  g_autofree char *after = receive (f->store, "Vũ Văn Sau", "2025-12-01 07:00");
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(McDossier) ready = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(McRegister) reg = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  gsize length;

  /* The first is handed over on the day and its result is ready early (due 12 Nov). */
  moved = mc_store_move (f->store, first, MC_STATUS_IN_PROCESSING, "Lê Thị Thu", at ("2025-11-03 09:00"),
                         "Chuyển Công an xã", &error);
  g_assert_no_error (error);
  ready = mc_store_move (f->store, first, MC_STATUS_RESULT_READY, "Đỗ Quang Huy", at ("2025-11-07 15:00"),
                         NULL, &error);
  g_assert_no_error (error);

  reg = register_from_store (f->store, day ("2025-11-01"), day ("2025-11-30"), &entries);
  g_assert_cmpuint (mc_register_get_n_rows (reg), ==, 3);

  g_assert_true (mc_register_write_csv (reg, f->csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->csv, &csv, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 1 + 3);
  g_assert_cmpstr (cell (rows, 0, 1), ==, "Mã hồ sơ");
  g_assert_cmpstr (cell (rows, 1, 1), ==, first);
  g_assert_cmpstr (cell (rows, 2, 1), ==, second);
  g_assert_cmpstr (cell (rows, 3, 1), ==, last);
  g_assert_cmpstr (cell (rows, 1, 5), ==, "Nguyễn Văn Ấn");
  g_assert_cmpstr (cell (rows, 1, 9), ==, "2025-11-03 07:05");
  g_assert_cmpstr (cell (rows, 1, 12), ==, "2025-11-03 09:00");   /* handed over */
  g_assert_cmpstr (cell (rows, 1, 13), ==, "2025-11-07 15:00");   /* result back */
  g_assert_cmpstr (cell (rows, 1, 16), ==, "Trước hạn");
  g_assert_cmpstr (cell (rows, 2, 12), ==, "");
  g_assert_cmpstr (cell (rows, 2, 15), ==, "Được tiếp nhận");

  g_assert_true (mc_register_render_pdf (reg, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;
  assert_contains (text, "SỔ THEO DÕI HỒ SƠ");
  assert_contains (text, "Từ ngày 01/11/2025 đến ngày 30/11/2025");
  assert_contains (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  assert_contains (text, "Nguyễn Văn Ấn");
  assert_contains (text, "Đỗ Thu Trang");
  assert_contains (text, "Tổng số hồ sơ: 3");
  g_assert_null (strstr (text, "Trần Văn Trước"));
  g_assert_null (strstr (text, "Vũ Văn Sau"));
  /* The rows, counted by the day part of their codes. */
  g_assert_cmpuint (count_occurrences (text, "251031-"), ==, 0);
  g_assert_cmpuint (count_occurrences (text, "251103-"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "251117-"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "251128-"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "251201-"), ==, 0);
  (void) before;
  (void) after;
}

static McDossier *
made_dossier (guint       number,
              const char *name,
              const char *address)
{
  McDossier *d = mc_dossier_new ();

  d->code = g_strdup_printf ("000.00.16.H04-251103-%04u", number);
  d->procedure_code = g_strdup ("1.001193");
  d->procedure_name = g_strdup ("Đăng ký khai sinh");
  d->deciding_agency = g_strdup ("UBND xã Minh Tân");
  d->applicant_name = g_strdup (name);
  d->address = g_strdup (address);
  d->phone = g_strdup ("0912345678");
  d->sets = 1;
  d->status = MC_STATUS_RECEIVED;
  d->received_at = at ("2025-11-03 08:00") + number * 60;
  d->due_at = at ("2025-11-04 08:00") + number * 60;
  d->current_due_at = d->due_at;
  return d;
}

/* 120 dossiers fill several pages: each page starts with the header row and carries its
 * number; every dossier is printed once. */
static void
test_long_register_repeats_header_row (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_free);
  g_autoptr(McRegister) reg = mc_register_new (mc_store_get_settings (f->store), day ("2025-11-01"),
                                               day ("2025-11-30"));
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages;

  for (guint i = 1; i <= 120; i++)
    {
      McDossier *d = made_dossier (i, "Hoàng Thị Ánh Tuyết", "Thôn Khuổi Phầy, xã Minh Tân");
      McRegisterRow row = { d, MC_TIME_NONE, MC_VERDICT_NONE };

      g_ptr_array_add (dossiers, d);
      mc_register_add_row (reg, &row);
    }
  g_assert_true (mc_register_render_pdf (reg, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;

  pages = g_strsplit (text, "\f", -1);
  n_pages = g_strv_length (pages) - 1;
  g_assert_cmpuint (n_pages, ==, mc_register_get_n_pages (reg));
  g_assert_cmpuint (n_pages, >=, 3);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = g_strdup_printf ("Trang %u/%u", i + 1, n_pages);

      assert_contains (pages[i], "STT");
      assert_contains (pages[i], "Ký nhận");
      assert_contains (pages[i], "Ghi chú");
      assert_contains (pages[i], number);
    }
  g_assert_cmpuint (count_occurrences (text, "251103-0"), ==, 120);
  g_assert_cmpuint (count_occurrences (text, "SỔ THEO DÕI HỒ SƠ"), ==, 1);
  assert_contains (pages[n_pages - 1], "Tổng số hồ sơ: 120");

  {
    /* pdfinfo: landscape A4. */
    g_autofree char *info = run ((const char *[]) { "pdfinfo", f->pdf, NULL });

    if (info != NULL)
      assert_contains (info, "842 x 595 pts (A4)");
  }
}

/* A spreadsheet reads back every field as written: commas, quotes and a line break in a
 * name, a comma in an address, nothing turned into a formula. */
static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  static const char *names[] = {
    "Nguyễn Văn \"Tí\", An",
    "Công ty TNHH Hoa Sen\nChi nhánh Tuyên Quang",
    "Lê Thị Ngọc Ánh",
  };
  static const char *addresses[] = {
    "Số 5, ngõ 12, phường Hồng Hà",
    "=HYPERLINK(\"http://example.com\")",
    NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_free);
  g_autoptr(McRegister) reg = mc_register_new (mc_store_get_settings (f->store), day ("2025-11-01"),
                                               day ("2025-11-30"));
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      McDossier *d = made_dossier (i + 1, names[i], addresses[i]);
      McRegisterRow row = { d, MC_TIME_NONE, MC_VERDICT_NONE };

      if (i == 0)
        d->note = g_strdup ("Hồ sơ ưu tiên; người cao tuổi");
      g_ptr_array_add (dossiers, d);
      mc_register_add_row (reg, &row);
    }
  g_assert_true (mc_register_write_csv (reg, f->csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->csv, &csv, &length, &error));
  g_assert_true (g_utf8_validate (csv, (gssize) length, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));

  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint r = 0; r < rows->len; r++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, r))->len, ==, 18);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "STT");
  g_assert_cmpstr (cell (rows, 0, 5), ==, "Tên cá nhân, tổ chức");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (cell (rows, i + 1, 0), ==, number);
      g_assert_cmpstr (cell (rows, i + 1, 5), ==, names[i]);
      g_assert_cmpstr (cell (rows, i + 1, 7), ==, "0912345678");
    }
  g_assert_cmpstr (cell (rows, 1, 6), ==, addresses[0]);
  /* Shown as text by a spreadsheet, not run. */
  g_assert_cmpstr (cell (rows, 2, 6), ==, "'=HYPERLINK(\"http://example.com\")");
  g_assert_cmpstr (cell (rows, 3, 6), ==, "");
  g_assert_cmpstr (cell (rows, 1, 17), ==, "Hồ sơ ưu tiên; người cao tuổi");
  g_assert_cmpstr (cell (rows, 1, 9), ==, "2025-11-03 08:01");
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = receive (f->store, "Nguyễn Văn Ấn", "2025-11-03 08:00");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(McRegister) reg = register_from_store (f->store, day ("2025-12-01"), day ("2025-12-31"), &entries);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (mc_register_get_n_rows (reg), ==, 0);
  csv = mc_register_to_csv (reg);
  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 1);

  g_assert_true (mc_register_render_pdf (reg, f->pdf, &error));
  g_assert_no_error (error);
  if ((text = pdf_text (f->pdf)) == NULL)
    return;
  assert_contains (text, "Không có hồ sơ nào được tiếp nhận trong kỳ");
  assert_contains (text, "Tổng số hồ sơ: 0");
  g_assert_null (strstr (text, code));
}

static void
test_unwritable_csv (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McRegister) reg = mc_register_new (mc_store_get_settings (f->store), day ("2025-11-01"),
                                               day ("2025-11-30"));

  g_assert_false (mc_register_write_csv (reg, "/nonexistent-dir/register.csv", &error));
  g_assert_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/register.csv"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/print/register/period-has-exactly-its-rows", test_period_has_exactly_its_rows);
  ADD ("/print/register/long-register-repeats-header-row", test_long_register_repeats_header_row);
  ADD ("/print/register/csv-round-trip", test_csv_round_trip);
  ADD ("/print/register/empty-period", test_empty_period);
  ADD ("/print/register/unwritable-csv", test_unwritable_csv);
#undef ADD

  return g_test_run ();
}
