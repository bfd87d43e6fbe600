/* faults-test.c — helpers of the fault tests (see faults-test.h). */
/* setrlimit (), setuid () and signal dispositions are POSIX; the project builds as strict C17. */
#define _POSIX_C_SOURCE 200809L

#include "faults-test.h"

#include <signal.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "mc-dossier-code.h"

char *
faults_take_option (int         *argc,
                    char       **argv,
                    const char  *prefix)
{
  char *value = NULL;
  int kept = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (value == NULL && g_str_has_prefix (argv[i], prefix))
        value = g_strdup (argv[i] + strlen (prefix));
      else
        argv[kept++] = argv[i];
    }
  argv[kept] = NULL;
  *argc = kept;
  return value;
}

void
faults_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        faults_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

McDossierDraft *
faults_draft (McStore    *store,
              const char *name)
{
  McDossierDraft *draft = mc_dossier_draft_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(McProcedure) procedure = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup (name);
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912 345 678");
  procedure = mc_store_get_procedure (store, draft->procedure_code, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
  return draft;
}

McDossier *
faults_receive (McStore    *store,
                const char *name)
{
  g_autoptr(McDossierDraft) draft = faults_draft (store, name);
  g_autoptr(GError) error = NULL;
  McDossier *dossier = mc_store_receive (store, draft, "clerk-faults", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dossier);
  return dossier;
}

int
faults_code_sequence (const char *code)
{
  McDossierCode parsed = { 0 };
  g_autoptr(GError) error = NULL;
  int sequence;

  g_assert_true (mc_dossier_code_parse (code, &parsed, &error));
  g_assert_no_error (error);
  sequence = parsed.sequence;
  mc_dossier_code_clear (&parsed);
  return sequence;
}

/* Between fork and exec: only async-signal-safe calls. An ignored SIGXFSZ stays ignored
 * across exec, so a write beyond the limit fails with EFBIG instead of killing the program. */
static void
child_setup (gpointer data)
{
  const FaultsCli *how = data;

  if (how->file_size_limit > 0)
    {
      struct rlimit limit;

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = how->file_size_limit;
      setrlimit (RLIMIT_FSIZE, &limit);
    }
  if (how->as_nobody && geteuid () == 0)
    {
      /* 65534: nobody and nogroup on Debian. */
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (127);
    }
}

int
faults_cli_run (const FaultsCli  *how,
                char            **out,
                char            **err,
                const char       *first_arg,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) how->cli);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  if (how->vietnamese)
    {
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", "vi", TRUE);
      if (how->localedir != NULL)
        g_subprocess_launcher_setenv (launcher, "MOTCUA_LOCALEDIR", how->localedir, TRUE);
    }
  else
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, (gpointer) how, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  if (g_subprocess_get_if_signaled (process))
    return -g_subprocess_get_term_sig (process);
  return g_subprocess_get_exit_status (process);
}
