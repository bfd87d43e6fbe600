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

#include <cjson/cJSON.h>
#include <glib.h>
#include <glib/gstdio.h>

static char *cli_path;

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

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
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

/* Runs the CLI with @args against @db. A crash, a signal or a hang fails the test. */
static Run *
run_argv (const char         *db,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *data_home = NULL;
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, cli_path);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Never touch the real default database. */
  data_home = g_build_filename (g_get_tmp_dir (), "motcua-cli-test-data-home", NULL);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (wait_status, &exit_error))
    run->status = 0;
  else if (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code))
    run->status = exit_error->code;
  else
    g_error ("motcua-cli did not exit normally (%s); stderr:\n%s", exit_error->message, run->err);
  return run;
}

#define RUN(fixture, ...) run_argv ((fixture)->db, (const char *[]) { __VA_ARGS__, NULL })

static void
assert_status (const Run *run,
               int        expected)
{
  if (run->status != expected)
    g_error ("expected exit status %d, got %d\nstdout:\n%s\nstderr:\n%s",
             expected, run->status, run->out, run->err);
}

static cJSON *
parse_json (const Run *run)
{
  cJSON *json = cJSON_Parse (run->out);

  if (json == NULL)
    g_error ("not JSON:\n%s", run->out);
  return json;
}

static const char *
json_string (const cJSON *object,
             const char  *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  g_assert_true (cJSON_IsString (item));
  return item->valuestring;
}

static double
json_number (const cJSON *object,
             const char  *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  g_assert_true (cJSON_IsNumber (item));
  return item->valuedouble;
}

/* 1.004222 Đăng ký thường trú, received now with its form CT01 ("ct01"). */
static char *
receive (Fixture *fixture)
{
  g_autoptr(Run) run = RUN (fixture, "--actor", "Lê Thị Thu", "receive", "--procedure", "1.004222",
                            "--name", "Nguyễn Văn Ấn", "--id-number", "001090012345", "--all-mandatory",
                            "--json");
  g_autoptr(cJSON) json = NULL;

  assert_status (run, 0);
  json = parse_json (run);
  return g_strdup (json_string (json, "code"));
}

static void
move (Fixture    *fixture,
      const char *code,
      const char *to)
{
  g_autoptr(Run) run = RUN (fixture, "--actor", "Lê Thị Thu", "move", code, "--to", to);

  assert_status (run, 0);
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
  g_autoptr(Run) run = RUN (fixture, "--json", "attachments", code);
  g_autoptr(cJSON) json = NULL;

  assert_status (run, 0);
  json = parse_json (run);
  return (guint) cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (json, "attachments"));
}

static void
test_attach_document (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autofree char *scan = write_file (fixture, "to-khai-ct01.pdf", "%PDF-1.5\n", 9, 5000);
  g_autoptr(Run) attached = RUN (fixture, "--actor", "Lê Thị Thu", "--json", "attach", code, scan, "--document", "ct01");
  g_autoptr(Run) listed = NULL;
  g_autoptr(Run) plain = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) list = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  gsize length = 0;
  const cJSON *first;

  assert_status (attached, 0);
  json = parse_json (attached);
  g_assert_cmpstr (json_string (json, "target"), ==, "ct01");
  g_assert_cmpstr (json_string (json, "mime_type"), ==, "application/pdf");
  g_assert_cmpstr (json_string (json, "added_by"), ==, "Lê Thị Thu");
  g_assert_cmpint ((int) json_number (json, "size"), ==, 5000);

  /* Kept next to the database, under its hash, with the same bytes. */
  g_assert_true (g_file_get_contents (scan, &contents, &length, NULL));
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (json_string (json, "sha256"), ==, hash);
  expected_path = g_strdup_printf ("%s/attachments/%.2s/%s", fixture->dir, hash, hash + 2);
  g_assert_cmpstr (json_string (json, "path"), ==, expected_path);
  g_assert_true (g_file_test (expected_path, G_FILE_TEST_IS_REGULAR));

  listed = RUN (fixture, "--json", "attachments", code);
  assert_status (listed, 0);
  list = parse_json (listed);
  g_assert_cmpint ((int) json_number (list, "documents_digitised"), ==, 1);
  g_assert_true (cJSON_IsFalse (cJSON_GetObjectItemCaseSensitive (list, "result_digitised")));
  first = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (list, "attachments"), 0);
  g_assert_cmpstr (json_string (first, "file_name"), ==, "to-khai-ct01.pdf");

  plain = RUN (fixture, "attachments", code);
  assert_status (plain, 0);
  g_assert_nonnull (strstr (plain->out, "to-khai-ct01.pdf"));
  g_assert_nonnull (strstr (plain->out, expected_path));
}

static void
test_file_not_what_its_name_says (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autofree char *png = write_file (fixture, "giay-khai-sinh.pdf", "\x89PNG\r\n\x1a\n", 8, 3000);
  g_autoptr(Run) refused = RUN (fixture, "attach", code, png, "--document", "ct01");

  assert_status (refused, 1);
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
  g_autoptr(Run) set = RUN (fixture, "settings", "set", "attachments.max-megabytes", "1");
  g_autoptr(Run) refused = NULL;

  assert_status (set, 0);
  refused = RUN (fixture, "attach", code, big, "--document", "ct01");
  assert_status (refused, 1);
  g_assert_nonnull (strstr (refused->err, "ban-scan-lon.jpg"));
  g_assert_cmpuint (attachments_of (fixture, code), ==, 0);
}

static void
test_result_and_targets (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autofree char *scan = write_file (fixture, "quyet-dinh.png", "\x89PNG\r\n\x1a\n", 8, 1200);
  g_autoptr(Run) no_target = RUN (fixture, "attach", code, scan);
  g_autoptr(Run) both = RUN (fixture, "attach", code, scan, "--document", "ct01", "--result");
  g_autoptr(Run) too_early = RUN (fixture, "attach", code, scan, "--result");
  g_autoptr(Run) unknown = RUN (fixture, "attach", code, scan, "--document", "khong-co");
  g_autoptr(Run) result = NULL;
  g_autoptr(Run) listed = NULL;
  g_autoptr(cJSON) list = NULL;

  assert_status (no_target, 2);
  assert_status (both, 2);
  assert_status (too_early, 1);
  assert_status (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "ct01"));

  move (fixture, code, "in-processing");
  move (fixture, code, "result-ready");
  result = RUN (fixture, "attach", code, scan, "--result");
  assert_status (result, 0);
  listed = RUN (fixture, "--json", "attachments", code);
  list = parse_json (listed);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (list, "result_digitised")));
  g_assert_cmpint ((int) json_number (list, "documents_digitised"), ==, 0);
}

static void
test_move_with_rating (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *code = receive (fixture);
  g_autoptr(Run) too_early = NULL;
  g_autoptr(Run) unknown = NULL;
  g_autoptr(Run) returned = NULL;
  g_autoptr(Run) shown = NULL;
  g_autoptr(cJSON) json = NULL;

  too_early = RUN (fixture, "move", code, "--to", "in-processing", "--rating", "satisfied");
  assert_status (too_early, 1);
  shown = RUN (fixture, "--json", "show", code);
  json = parse_json (shown);
  g_assert_cmpstr (json_string (json, "status"), ==, "received");
  g_clear_pointer (&json, cJSON_Delete);

  move (fixture, code, "in-processing");
  move (fixture, code, "result-ready");
  unknown = RUN (fixture, "move", code, "--to", "returned", "--rating", "so-so");
  assert_status (unknown, 1);
  returned = RUN (fixture, "--json", "move", code, "--to", "returned", "--note", "Ông Ấn nhận trực tiếp",
                  "--rating", "rat hai long");
  assert_status (returned, 0);
  json = parse_json (returned);
  g_assert_cmpstr (json_string (json, "status"), ==, "returned");
  g_assert_cmpstr (json_string (json, "rating"), ==, "very-satisfied");
  g_clear_pointer (&json, cJSON_Delete);

  /* Read back: the record shows it, to scripts and to people. */
  g_clear_pointer (&shown, run_free);
  shown = RUN (fixture, "--json", "show", code);
  json = parse_json (shown);
  g_assert_cmpstr (json_string (json, "rating"), ==, "very-satisfied");
  g_clear_pointer (&shown, run_free);
  shown = RUN (fixture, "show", code);
  g_assert_nonnull (strstr (shown->out, "Rất hài lòng"));
}

int
main (int    argc,
      char **argv)
{
  /* --cli=PATH comes from meson; take it out before GTest sees the arguments. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--cli="))
      {
        cli_path = g_strdup (argv[i] + strlen ("--cli="));
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        break;
      }
  if (cli_path == NULL)
    cli_path = g_strdup (g_getenv ("MOTCUA_CLI"));

  g_test_init (&argc, &argv, NULL);

  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("motcua-cli not found: pass --cli=PATH or set MOTCUA_CLI");
      return g_test_run ();
    }

  g_test_add ("/cli/attach/document", Fixture, NULL, fixture_setup, test_attach_document, fixture_teardown);
  g_test_add ("/cli/attach/file-not-what-its-name-says", Fixture, NULL, fixture_setup,
              test_file_not_what_its_name_says, fixture_teardown);
  g_test_add ("/cli/attach/size-limit", Fixture, NULL, fixture_setup, test_size_limit, fixture_teardown);
  g_test_add ("/cli/attach/result-and-targets", Fixture, NULL, fixture_setup, test_result_and_targets,
              fixture_teardown);
  g_test_add ("/cli/move/rating", Fixture, NULL, fixture_setup, test_move_with_rating, fixture_teardown);
  return g_test_run ();
}
