/* Scanned documents kept with a dossier: a file is accepted only for what its content is and
 * within the size limit, stays on the disk and in the record across a restart (a new
 * connection finds it and its bytes hash to what the record says), is kept once however many
 * times it is attached, and changes the dossier's record: a new revision queued for the portal,
 * whose TaiLieuNop and DanhSachGiayToKetQua list it by its stored path. */
#include <string.h>

#include <glib/gstdio.h>

#include "mc-error.h"
#include "mc-portal-mapping.h"
#include "mc-store.h"

typedef struct
{
  char    *dir;
  char    *db_path;
  McStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("motcua-attach-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* A residence registration (1.004222) with its required documents: "ct01" among them. */
static McDossier *
receive (Fixture    *f,
         const char *name)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (f->store, "1.004222", NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  McDossier *dossier;

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup (name);
  draft->id_number = g_strdup ("008090001234");
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
  dossier = mc_store_receive (f->store, draft, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  return dossier;
}

/* A file of @size bytes beginning with @head, the rest a pattern that depends on @seed. */
static char *
write_file (Fixture     *f,
            const char  *name,
            const char  *head,
            gsize        head_len,
            gsize        size,
            guint8       seed)
{
  g_autofree guint8 *bytes = g_malloc (size);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8) (i * 31 + seed);
  memcpy (bytes, head, MIN (head_len, size));
  g_file_set_contents (path, (const char *) bytes, (gssize) size, &error);
  g_assert_no_error (error);
  return path;
}

static char *
write_pdf (Fixture    *f,
           const char *name,
           gsize       size,
           guint8      seed)
{
  return write_file (f, name, "%PDF-1.7\n", 9, size, seed);
}

static char *
write_png (Fixture    *f,
           const char *name)
{
  return write_file (f, name, "\x89PNG\r\n\x1a\n", 8, 2000, 7);
}

/* The files kept under <db dir>/attachments, temporary ones included. */
static guint
count_stored_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_stored_files (child) : 1;
    }
  return n;
}

static guint
stored_files (Fixture *f)
{
  g_autofree char *dir = mc_store_get_attachments_dir (f->store);

  return count_stored_files (dir);
}

static guint
count_attachments (Fixture    *f,
                   const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = mc_store_list_attachments (f->store, code, &error);

  g_assert_no_error (error);
  return attachments->len;
}

static void
test_content_not_matching_name_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "Nguyễn Văn Ấn");
  g_autofree char *png_named_pdf = write_png (f, "giay-khai-sinh.pdf");
  g_autofree char *text_named_jpeg = write_file (f, "anh-chan-dung.jpg", "MZ\x90\0", 4, 600, 3);
  g_autofree char *no_type = write_pdf (f, "to-khai.docx", 900, 1);
  g_autoptr(McAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  /* A PNG image that calls itself a PDF: the message says what the content is. */
  attachment = mc_store_add_attachment (f->store, dossier->code, "ct01", png_named_pdf, NULL, "Lê Thị Thu", &error);
  g_assert_null (attachment);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "giay-khai-sinh.pdf"));
  g_assert_nonnull (strstr (error->message, "PNG"));
  g_clear_error (&error);

  /* A program renamed as a photo. */
  attachment = mc_store_add_attachment (f->store, dossier->code, "ct01", text_named_jpeg, NULL, "Lê Thị Thu", &error);
  g_assert_null (attachment);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A real PDF under a name the desk does not keep. */
  attachment = mc_store_add_attachment (f->store, dossier->code, "ct01", no_type, NULL, "Lê Thị Thu", &error);
  g_assert_null (attachment);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing recorded, nothing left on the disk (no temporary file either). */
  g_assert_cmpuint (count_attachments (f, dossier->code), ==, 0);
  g_assert_cmpuint (stored_files (f), ==, 0);
}

static void
test_size_limit (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "Nguyễn Văn Ấn");
  g_autofree char *exactly = write_pdf (f, "vua-du.pdf", 1024 * 1024, 1);
  g_autofree char *over = write_pdf (f, "qua-lon.pdf", 1024 * 1024 + 1, 2);
  g_autoptr(McAttachment) kept = NULL;
  g_autoptr(McAttachment) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_set_setting (f->store, "attachments.max-megabytes", "1", &error));
  g_assert_no_error (error);
  g_assert_false (mc_store_set_setting (f->store, "attachments.max-megabytes", "0", NULL));
  g_assert_cmpint (mc_store_get_settings (f->store)->attachments_max_megabytes, ==, 1);

  refused = mc_store_add_attachment (f->store, dossier->code, "ct01", over, NULL, "Lê Thị Thu", &error);
  g_assert_null (refused);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "qua-lon.pdf"));
  g_assert_nonnull (strstr (error->message, "1 MB"));
  g_clear_error (&error);
  g_assert_cmpuint (stored_files (f), ==, 0);

  kept = mc_store_add_attachment (f->store, dossier->code, "ct01", exactly, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept->size, ==, 1024 * 1024);
  g_assert_cmpstr (kept->mime_type, ==, "application/pdf");
}

static void
test_survives_restart (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "Nguyễn Văn Ấn");
  g_autofree char *scan = write_pdf (f, "CT01 đã ký.pdf", 300 * 1024, 9);
  g_autoptr(McAttachment) added = NULL;
  g_autoptr(McStore) reopened = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *stored_path = NULL;
  g_autofree char *hash = NULL;
  gsize original_len, stored_len;
  const McAttachment *attachment;

  added = mc_store_add_attachment (f->store, dossier->code, "ct01", scan, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* Another program, another connection. */
  reopened = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  found = mc_store_list_attachments (reopened, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  attachment = g_ptr_array_index (found, 0);
  g_assert_cmpint (attachment->id, ==, added->id);
  g_assert_cmpstr (attachment->target, ==, "ct01");
  g_assert_cmpstr (attachment->file_name, ==, "CT01 đã ký.pdf");
  g_assert_cmpstr (attachment->mime_type, ==, "application/pdf");
  g_assert_cmpint (attachment->size, ==, 300 * 1024);
  g_assert_cmpstr (attachment->added_by, ==, "Lê Thị Thu");

  /* The file is where the record says, named by its hash, and the same bytes. */
  stored_path = mc_store_get_attachment_path (reopened, attachment);
  g_assert_true (g_str_has_prefix (stored_path, f->dir));
  g_assert_true (g_str_has_suffix (stored_path, attachment->sha256 + 2));
  g_assert_true (g_file_get_contents (stored_path, &stored, &stored_len, &error));
  g_assert_no_error (error);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) stored, stored_len);
  g_assert_cmpstr (hash, ==, attachment->sha256);
  g_assert_true (g_file_get_contents (scan, &original, &original_len, NULL));
  g_assert_cmpmem (stored, stored_len, original, original_len);
}

static void
test_revision_and_outbox (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "Nguyễn Văn Ấn");
  g_autofree char *scan = write_pdf (f, "ct01.pdf", 4000, 5);
  g_autoptr(McAttachment) attachment = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;

  attachment = mc_store_add_attachment (f->store, dossier->code, "ct01", scan, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  after = mc_store_get_dossier (f->store, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->revision, ==, dossier->revision + 1);
  /* Nothing else about the dossier changed. */
  g_assert_cmpint (after->status, ==, dossier->status);
  g_assert_cmpint (after->due_at, ==, dossier->due_at);

  outbox = mc_store_list_outbox (f->store, FALSE, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      const McOutboxEntry *entry = g_ptr_array_index (outbox, i);

      if (entry->kind == MC_OUTBOX_DOSSIER && g_str_equal (entry->dossier_code, dossier->code) &&
          entry->revision == after->revision)
        queued = TRUE;
    }
  g_assert_true (queued);
  g_assert_true (mc_store_check (f->store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_same_file_stored_once (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) first = receive (f, "Nguyễn Văn Ấn");
  g_autoptr(McDossier) second = receive (f, "Trần Thị Bình");
  g_autofree char *scan = write_pdf (f, "cccd.pdf", 50000, 11);
  g_autofree char *copy = write_pdf (f, "cccd-ban-sao.pdf", 50000, 11);
  g_autoptr(McAttachment) a = NULL;
  g_autoptr(McAttachment) b = NULL;
  g_autoptr(McAttachment) again = NULL;
  g_autoptr(McDossier) before_again = NULL;
  g_autoptr(McDossier) after_again = NULL;
  g_autoptr(GError) error = NULL;

  a = mc_store_add_attachment (f->store, first->code, "ct01", scan, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  b = mc_store_add_attachment (f->store, second->code, "ct01", copy, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  /* Two records, one file: the content is the same. */
  g_assert_cmpstr (a->sha256, ==, b->sha256);
  g_assert_cmpuint (count_attachments (f, first->code), ==, 1);
  g_assert_cmpuint (count_attachments (f, second->code), ==, 1);
  g_assert_cmpuint (stored_files (f), ==, 1);

  /* The same content on the same document again is refused and changes nothing. */
  before_again = mc_store_get_dossier (f->store, first->code, NULL);
  again = mc_store_add_attachment (f->store, first->code, "ct01", copy, NULL, "Lê Thị Thu", &error);
  g_assert_null (again);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "cccd.pdf"));
  after_again = mc_store_get_dossier (f->store, first->code, NULL);
  g_assert_cmpint (after_again->revision, ==, before_again->revision);
  g_assert_cmpuint (count_attachments (f, first->code), ==, 1);
  g_assert_cmpuint (stored_files (f), ==, 1);
}

static void
test_targets (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "Nguyễn Văn Ấn");
  g_autofree char *scan = write_pdf (f, "ket-qua.pdf", 3000, 13);
  g_autoptr(McAttachment) refused = NULL;
  g_autoptr(McAttachment) result = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GError) error = NULL;

  /* A document the dossier does not have: the message lists those it has. */
  refused = mc_store_add_attachment (f->store, dossier->code, "giay-phep-lai-xe", scan, NULL, "Lê Thị Thu", &error);
  g_assert_null (refused);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ct01"));
  g_clear_error (&error);

  /* No result before the result is ready. */
  refused = mc_store_add_attachment (f->store, dossier->code, MC_ATTACHMENT_RESULT, scan, NULL, "Lê Thị Thu", &error);
  g_assert_null (refused);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_cmpuint (stored_files (f), ==, 0);

  moved = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "Lê Thị Thu", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&moved, mc_dossier_free);
  moved = mc_store_move (f->store, dossier->code, MC_STATUS_RESULT_READY, "Phạm Văn Đức", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  result = mc_store_add_attachment (f->store, dossier->code, MC_ATTACHMENT_RESULT, scan, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->target, ==, MC_ATTACHMENT_RESULT);
}

static const cJSON *
member (const cJSON *object,
        const char  *name)
{
  const cJSON *found = cJSON_GetObjectItemCaseSensitive (object, name);

  g_assert_nonnull (found);
  return found;
}

/* The portal's record of the dossier lists the scans by their stored path. */
static void
test_portal_record_lists_scans (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "Nguyễn Văn Ấn");
  g_autofree char *scan = write_pdf (f, "ct01.pdf", 4000, 17);
  g_autofree char *result_scan = write_png (f, "ket-qua.png");
  g_autoptr(McAttachment) document = NULL;
  g_autoptr(McAttachment) result = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document_path = NULL;
  g_autofree char *result_path = NULL;
  const McOutboxDossier *item = NULL;
  const cJSON *documents, *results, *first;
  cJSON *record;

  document = mc_store_add_attachment (f->store, dossier->code, "ct01", scan, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  moved = mc_store_move (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "Lê Thị Thu", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&moved, mc_dossier_free);
  moved = mc_store_move (f->store, dossier->code, MC_STATUS_RESULT_READY, "Phạm Văn Đức", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  result = mc_store_add_attachment (f->store, dossier->code, MC_ATTACHMENT_RESULT, result_scan, NULL, "Lê Thị Thu", &error);
  g_assert_no_error (error);

  items = mc_store_outbox_next_dossiers (f->store, mc_time_now (), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpuint (item->attachments->len, ==, 2);

  record = mc_portal_dossier_to_json (item, mc_store_get_work_calendar (f->store),
                                      &mc_store_get_settings (f->store)->deadline);
  document_path = mc_attachment_relative_path (document->sha256);
  result_path = mc_attachment_relative_path (result->sha256);
  documents = member (record, "TaiLieuNop");
  first = cJSON_GetArrayItem (documents, 0);
  g_assert_cmpstr (member (first, "MaThanhPhanHoSo")->valuestring, ==, "ct01");
  g_assert_cmpstr (member (first, "DuongDanTaiTepTin")->valuestring, ==, document_path);
  g_assert_true (g_str_has_prefix (document_path, "attachments/"));
  /* A document without a scan keeps its item, without a path. */
  for (int i = 1; i < cJSON_GetArraySize (documents); i++)
    g_assert_cmpstr (member (cJSON_GetArrayItem (documents, i), "DuongDanTaiTepTin")->valuestring, ==, "");

  results = member (record, "DanhSachGiayToKetQua");
  g_assert_cmpint (cJSON_GetArraySize (results), ==, 1);
  g_assert_cmpstr (member (cJSON_GetArrayItem (results, 0), "TenGiayTo")->valuestring, ==, "ket-qua.png");
  g_assert_cmpstr (member (cJSON_GetArrayItem (results, 0), "DuongDanTepTinKetQua")->valuestring, ==, result_path);
  cJSON_Delete (record);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attachments/content-not-matching-name-refused", Fixture, NULL, fixture_set_up,
              test_content_not_matching_name_refused, fixture_tear_down);
  g_test_add ("/attachments/size-limit", Fixture, NULL, fixture_set_up, test_size_limit, fixture_tear_down);
  g_test_add ("/attachments/survives-restart", Fixture, NULL, fixture_set_up, test_survives_restart,
              fixture_tear_down);
  g_test_add ("/attachments/revision-and-outbox", Fixture, NULL, fixture_set_up, test_revision_and_outbox,
              fixture_tear_down);
  g_test_add ("/attachments/same-file-stored-once", Fixture, NULL, fixture_set_up, test_same_file_stored_once,
              fixture_tear_down);
  g_test_add ("/attachments/targets", Fixture, NULL, fixture_set_up, test_targets, fixture_tear_down);
  g_test_add ("/attachments/portal-record-lists-scans", Fixture, NULL, fixture_set_up,
              test_portal_record_lists_scans, fixture_tear_down);
  return g_test_run ();
}
