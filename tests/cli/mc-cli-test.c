/* mc-cli-test.c — the plumbing the motcua-cli test programs share (see mc-cli-test.h): finding
 * the built program, running it in a known environment, and checks that show what the program
 * printed when they fail, so that a failure in CI can be read without running it again. */
#include "mc-cli-test.h"

#include <string.h>

#include <glib/gstdio.h>

static char *cli_path;

void
mc_cli_run_free (McCliRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

gboolean
mc_cli_test_init (int    *argc,
                  char ***argv)
{
  /* --cli=PATH comes from meson; take it out before GTest sees the arguments. */
  for (int i = 1; i < *argc; i++)
    if (g_str_has_prefix ((*argv)[i], "--cli="))
      {
        cli_path = g_strdup ((*argv)[i] + strlen ("--cli="));
        for (int j = i; j < *argc; j++)
          (*argv)[j] = (*argv)[j + 1];
        (*argc)--;
        break;
      }
  if (cli_path == NULL)
    cli_path = g_strdup (g_getenv ("MOTCUA_CLI"));

  g_test_init (argc, argv, NULL);

  if (cli_path == NULL || !g_file_test (cli_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("motcua-cli not found: pass --cli=PATH or set MOTCUA_CLI");
      return FALSE;
    }
  return TRUE;
}

McCliRun *
mc_cli_test_run (const char         *db,
                 const McCliTestEnv *env,
                 const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exit_error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *data_home = NULL;
  McCliRun *run = g_new0 (McCliRun, 1);
  int wait_status = 0;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, cli_path);
  if (db != NULL)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  data_home = g_build_filename (g_get_tmp_dir (), "motcua-cli-test-data-home", NULL);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_unsetenv (envp, "MOTCUA_ACCOUNT");
  envp = g_environ_unsetenv (envp, "MOTCUA_PASSWORD_FILE");
  for (gsize i = 0; env != NULL && env[i].name != NULL; i++)
    if (env[i].value != NULL)
      envp = g_environ_setenv (envp, env[i].name, env[i].value, TRUE);
    else
      envp = g_environ_unsetenv (envp, env[i].name);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
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

void
mc_cli_test_assert_status (const McCliRun *run,
                           int             expected)
{
  if (run->status != expected)
    g_error ("expected exit status %d, got %d\nstdout:\n%s\nstderr:\n%s",
             expected, run->status, run->out, run->err);
}

void
mc_cli_test_assert_contains (const char *text,
                             const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

/* Whitespace runs made one space, none at either end. */
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

void
mc_cli_test_assert_pdf_contains (const char *text,
                                 const char *part)
{
  g_autofree char *flat_text = flatten (text);
  g_autofree char *flat_part = flatten (part);

  if (strstr (flat_text, flat_part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

cJSON *
mc_cli_test_parse_json (const McCliRun *run)
{
  cJSON *json = cJSON_Parse (run->out);

  if (json == NULL)
    g_error ("not JSON:\n%s", run->out);
  return json;
}

const char *
mc_cli_test_json_string (const cJSON *object,
                         const char  *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  if (!cJSON_IsString (item))
    {
      g_autofree char *text = cJSON_Print (object);

      g_error ("no string “%s” in:\n%s", key, text);
    }
  return item->valuestring;
}

/* The number at @path, or a failure naming what is missing. */
static const cJSON *
json_number_at (const cJSON *object,
                const char  *path)
{
  g_auto(GStrv) keys = g_strsplit (path, ".", -1);
  const cJSON *item = object;

  for (guint i = 0; keys[i] != NULL && item != NULL; i++)
    item = cJSON_GetObjectItemCaseSensitive (item, keys[i]);
  if (!cJSON_IsNumber (item))
    {
      g_autofree char *text = cJSON_Print (object);

      g_error ("no number “%s” in:\n%s", path, text);
    }
  return item;
}

double
mc_cli_test_json_number (const cJSON *object,
                         const char  *path)
{
  return json_number_at (object, path)->valuedouble;
}

int
mc_cli_test_json_int (const cJSON *object,
                      const char  *path)
{
  return json_number_at (object, path)->valueint;
}

char *
mc_cli_test_pdf_text (const char         *pdf,
                      McCliTestPdfLayout  layout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  char *program = g_find_program_in_path ("pdftotext");
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  g_ptr_array_add (argv, program);
  if (layout == MC_CLI_TEST_PDF_LAYOUT)
    g_ptr_array_add (argv, g_strdup ("-layout"));
  g_ptr_array_add (argv, g_strdup (pdf));
  g_ptr_array_add (argv, g_strdup ("-"));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

void
mc_cli_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        mc_cli_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
