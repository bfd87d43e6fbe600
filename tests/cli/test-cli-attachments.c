/* test-cli-attachments.c — `motcua-cli attach CODE FILE (--document CODE | --result)`,
 * `motcua-cli attachments CODE` and `motcua-cli move … --rating`, run as a user runs them, on
 * a temporary database per test.
 *
 * A scan is kept next to the database under its hash and listed with the count of digitised
 * documents; a file that is not what its name says, one over the size limit, a result before
 * there is one, or no target at all is refused with its exit status and nothing kept. The
 * citizen's rating is taken with the return of the result and refused with any other move.
 */
#include <string.h>

#include "mc-cli-test.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("motcua-cli-attach-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "desk.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  mc_cli_test_remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

#define RUN(fixture, ...) mc_cli_test_run ((fixture)->db, NULL, MC_CLI_TEST_ARGS (__VA_ARGS__))

/* 1.004222 Đăng ký thường trú, received now with its form CT01 ("ct01"). */
static char *
receive (Fixture *fixture)
{
  g_autoptr(McCliRun) run = RUN (fixture, "--actor", "Lê Thị Thu", "receive", "--procedure", "1.004222",
                                 "--name", "Nguyễn Văn Ấn", "--id-number", "001090012345", "--all-mandatory",
                                 "--json");
  g_autoptr(cJSON) json = NULL;

  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  return g_strdup (mc_cli_test_json_string (json, "code"));
}

static void
move (Fixture    *fixture,
      const char *code,
      const char *to)
{
  g_autoptr(McCliRun) run = RUN (fixture, "--actor", "Lê Thị Thu", "move", code, "--to", to);

  mc_cli_test_assert_status (run, 0);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *head,
            gsize       head_len,
            gsize       size)
{
  g_autofree char *bytes = g_malloc0 (size);
  char *path = g_build_filename (fixture->dir, name, NULL);

  memcpy (bytes, head, MIN (head_len, size));
  for (gsize i = head_len; i < size; i++)
    bytes[i] = (char) ('a' + i % 26);
  g_assert_true (g_file_set_contents (path, bytes, (gssize) size, NULL));
  return path;
}

static guint
attachments_of (Fixture    *fixture,
                const char *code)
{
  g_autoptr(McCliRun) run = RUN (fixture, "--json", "attachments", code);
  g_autoptr(cJSON) json = NULL;

  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  return (guint) cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (json, "attachments"));
}

static void
test_attach_document (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autofree char *scan = write_file (fixture, "to-khai-ct01.pdf", "%PDF-1.5\n", 9, 5000);
  g_autoptr(McCliRun) attached = RUN (fixture, "--actor", "Lê Thị Thu", "--json", "attach", code, scan,
                                      "--document", "ct01");
  g_autoptr(McCliRun) listed = NULL;
  g_autoptr(McCliRun) plain = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) list = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  gsize length = 0;
  const cJSON *first;

  mc_cli_test_assert_status (attached, 0);
  json = mc_cli_test_parse_json (attached);
  g_assert_cmpstr (mc_cli_test_json_string (json, "target"), ==, "ct01");
  g_assert_cmpstr (mc_cli_test_json_string (json, "mime_type"), ==, "application/pdf");
  g_assert_cmpstr (mc_cli_test_json_string (json, "added_by"), ==, "Lê Thị Thu");
  g_assert_cmpint ((int) mc_cli_test_json_number (json, "size"), ==, 5000);

  /* Kept next to the database, under its hash, with the same bytes. */
  g_assert_true (g_file_get_contents (scan, &contents, &length, NULL));
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (mc_cli_test_json_string (json, "sha256"), ==, hash);
  expected_path = g_strdup_printf ("%s/attachments/%.2s/%s", fixture->dir, hash, hash + 2);
  g_assert_cmpstr (mc_cli_test_json_string (json, "path"), ==, expected_path);
  g_assert_true (g_file_test (expected_path, G_FILE_TEST_IS_REGULAR));

  listed = RUN (fixture, "--json", "attachments", code);
  mc_cli_test_assert_status (listed, 0);
  list = mc_cli_test_parse_json (listed);
  g_assert_cmpint ((int) mc_cli_test_json_number (list, "documents_digitised"), ==, 1);
  g_assert_true (cJSON_IsFalse (cJSON_GetObjectItemCaseSensitive (list, "result_digitised")));
  first = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (list, "attachments"), 0);
  g_assert_cmpstr (mc_cli_test_json_string (first, "file_name"), ==, "to-khai-ct01.pdf");

  plain = RUN (fixture, "attachments", code);
  mc_cli_test_assert_status (plain, 0);
  g_assert_nonnull (strstr (plain->out, "to-khai-ct01.pdf"));
  g_assert_nonnull (strstr (plain->out, expected_path));
}

static void
test_file_not_what_its_name_says (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autofree char *png = write_file (fixture, "giay-khai-sinh.pdf", "\x89PNG\r\n\x1a\n", 8, 3000);
  g_autoptr(McCliRun) refused = RUN (fixture, "attach", code, png, "--document", "ct01");

  mc_cli_test_assert_status (refused, 1);
  g_assert_nonnull (strstr (refused->err, "giay-khai-sinh.pdf"));
  g_assert_nonnull (strstr (refused->err, "PNG"));
  g_assert_cmpuint (attachments_of (fixture, code), ==, 0);
}

static void
test_size_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autofree char *big = write_file (fixture, "ban-scan-lon.jpg", "\xff\xd8\xff\xe0", 4, 2 * 1024 * 1024);
  g_autoptr(McCliRun) set = RUN (fixture, "settings", "set", "attachments.max-megabytes", "1");
  g_autoptr(McCliRun) refused = NULL;

  mc_cli_test_assert_status (set, 0);
  refused = RUN (fixture, "attach", code, big, "--document", "ct01");
  mc_cli_test_assert_status (refused, 1);
  g_assert_nonnull (strstr (refused->err, "ban-scan-lon.jpg"));
  g_assert_cmpuint (attachments_of (fixture, code), ==, 0);
}

static void
test_result_and_targets (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autofree char *scan = write_file (fixture, "quyet-dinh.png", "\x89PNG\r\n\x1a\n", 8, 1200);
  g_autoptr(McCliRun) no_target = RUN (fixture, "attach", code, scan);
  g_autoptr(McCliRun) both = RUN (fixture, "attach", code, scan, "--document", "ct01", "--result");
  g_autoptr(McCliRun) too_early = RUN (fixture, "attach", code, scan, "--result");
  g_autoptr(McCliRun) unknown = RUN (fixture, "attach", code, scan, "--document", "khong-co");
  g_autoptr(McCliRun) result = NULL;
  g_autoptr(McCliRun) listed = NULL;
  g_autoptr(cJSON) list = NULL;

  mc_cli_test_assert_status (no_target, 2);
  mc_cli_test_assert_status (both, 2);
  mc_cli_test_assert_status (too_early, 1);
  mc_cli_test_assert_status (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "ct01"));

  move (fixture, code, "in-processing");
  move (fixture, code, "result-ready");
  result = RUN (fixture, "attach", code, scan, "--result");
  mc_cli_test_assert_status (result, 0);
  listed = RUN (fixture, "--json", "attachments", code);
  list = mc_cli_test_parse_json (listed);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (list, "result_digitised")));
  g_assert_cmpint ((int) mc_cli_test_json_number (list, "documents_digitised"), ==, 0);
}

static void
test_move_with_rating (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autoptr(McCliRun) too_early = NULL;
  g_autoptr(McCliRun) unknown = NULL;
  g_autoptr(McCliRun) returned = NULL;
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(cJSON) json = NULL;

  too_early = RUN (fixture, "move", code, "--to", "in-processing", "--rating", "satisfied");
  mc_cli_test_assert_status (too_early, 1);
  shown = RUN (fixture, "--json", "show", code);
  json = mc_cli_test_parse_json (shown);
  g_assert_cmpstr (mc_cli_test_json_string (json, "status"), ==, "received");
  g_clear_pointer (&json, cJSON_Delete);

  move (fixture, code, "in-processing");
  move (fixture, code, "result-ready");
  unknown = RUN (fixture, "move", code, "--to", "returned", "--rating", "so-so");
  mc_cli_test_assert_status (unknown, 1);
  returned = RUN (fixture, "--json", "move", code, "--to", "returned", "--note", "Ông Ấn nhận trực tiếp",
                  "--rating", "rat hai long");
  mc_cli_test_assert_status (returned, 0);
  json = mc_cli_test_parse_json (returned);
  g_assert_cmpstr (mc_cli_test_json_string (json, "status"), ==, "returned");
  g_assert_cmpstr (mc_cli_test_json_string (json, "rating"), ==, "very-satisfied");
  g_clear_pointer (&json, cJSON_Delete);

  /* Read back: the record shows it, to scripts and to people. */
  g_clear_pointer (&shown, mc_cli_run_free);
  shown = RUN (fixture, "--json", "show", code);
  json = mc_cli_test_parse_json (shown);
  g_assert_cmpstr (mc_cli_test_json_string (json, "rating"), ==, "very-satisfied");
  g_clear_pointer (&shown, mc_cli_run_free);
  shown = RUN (fixture, "show", code);
  g_assert_nonnull (strstr (shown->out, "Rất hài lòng"));
}

int
main (int    argc,
      char **argv)
{
  if (!mc_cli_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/cli/attach/document", Fixture, NULL, fixture_setup, test_attach_document, fixture_teardown);
  g_test_add ("/cli/attach/file-not-what-its-name-says", Fixture, NULL, fixture_setup,
              test_file_not_what_its_name_says, fixture_teardown);
  g_test_add ("/cli/attach/size-limit", Fixture, NULL, fixture_setup, test_size_limit, fixture_teardown);
  g_test_add ("/cli/attach/result-and-targets", Fixture, NULL, fixture_setup, test_result_and_targets,
              fixture_teardown);
  g_test_add ("/cli/move/rating", Fixture, NULL, fixture_setup, test_move_with_rating, fixture_teardown);
  return g_test_run ();
}
