/* mc-ui-test.c — the UI tests' shared fixture and main-loop helpers. */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "mc-ui-test.h"

void
mc_ui_test_init (int    *argc,
                 char ***argv)
{
  setlocale (LC_ALL, "");
  gtk_test_init (argc, argv, NULL);
}

void
mc_ui_fixture_setup (McUiFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  fixture->dir = g_dir_make_tmp ("motcua-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mc_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->settings = g_settings_new_with_backend ("org.motcua.Desk", backend);
  g_settings_set_string (fixture->settings, "clerk-name", "Lê Thị Thu");
  g_settings_set_boolean (fixture->settings, "setup-done", TRUE);
  fixture->context = mc_context_new (fixture->store, fixture->settings);
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

void
mc_ui_fixture_setup_with_accounts (McUiFixture   *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) admin = NULL;
  g_autoptr(McAccount) signed_in = NULL;
  g_autoptr(McAccount) clerk = NULL;
  g_autoptr(McAccount) officer = NULL;

  mc_ui_fixture_setup (fixture, data);
  g_clear_object (&fixture->context);   /* waits for its worker: the store is the test's again */
  admin = mc_store_add_account (fixture->store, "admin", "Hoàng Văn Quản", MC_ROLE_ADMINISTRATOR,
                                MC_UI_TEST_ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  signed_in = mc_store_sign_in (fixture->store, "admin", MC_UI_TEST_ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  clerk = mc_store_add_account (fixture->store, "thu.lt", "Lê Thị Thu", MC_ROLE_CLERK,
                                MC_UI_TEST_CLERK_PASSWORD, &error);
  g_assert_no_error (error);
  officer = mc_store_add_account (fixture->store, "binh.tv", "Trần Văn Bình", MC_ROLE_OFFICER,
                                  MC_UI_TEST_OFFICER_PASSWORD, &error);
  g_assert_no_error (error);
  mc_store_sign_out (fixture->store);
  fixture->context = mc_context_new (fixture->store, fixture->settings);
}

void
mc_ui_fixture_teardown (McUiFixture   *fixture,
                        gconstpointer  data)
{
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

McDossier *
mc_ui_test_receive (McUiFixture *fixture,
                    const char  *applicant_name,
                    const char  *id_number,
                    const char  *received)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McProcedure) procedure = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  McDossier *dossier;

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup (applicant_name);
  draft->id_number = g_strdup (id_number);
  draft->phone = g_strdup ("0912 345 678");
  if (received != NULL)
    g_assert_true (mc_time_parse_local (received, &draft->received_at, NULL));

  procedure = mc_store_get_procedure (fixture->store, draft->procedure_code, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }

  dossier = mc_store_receive (fixture->store, draft, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  return dossier;
}

typedef struct
{
  gboolean timed_out;
} WaitData;

static gboolean
on_timeout (gpointer user_data)
{
  WaitData *wait = user_data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
mc_ui_test_wait_until (gboolean (*condition) (gpointer data),
                       gpointer   data,
                       guint      timeout_ms)
{
  WaitData wait = { FALSE };
  guint source = g_timeout_add (timeout_ms, on_timeout, &wait);
  gboolean holds;

  while (!(holds = condition (data)) && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!wait.timed_out)
    g_source_remove (source);
  return holds;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
mc_ui_test_run_for (guint ms)
{
  mc_ui_test_wait_until (never, NULL, ms);
}

GtkWidget *
mc_ui_test_find (GtkWidget  *root,
                 GType       type,
                 const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (name == NULL || g_strcmp0 (gtk_widget_get_name (child), name) == 0))
        return child;
      found = mc_ui_test_find (child, type, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}
