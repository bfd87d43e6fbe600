/* mc-cli-restore.c — "motcua-cli restore FILE": puts a backup back in place of the desk's
 * database.
 *
 * The store checks the backup and refuses anything doubtful; what the command adds is
 * telling the clerk what the restore means for the counter: which dossiers received or
 * moved since the backup are not in it (to be entered again from their slips), and that no
 * code issued since the backup will be issued again.
 */
#include "config.h"

#include "mc-cli.h"
#include "mc-i18n.h"
#include "mc-store-restore.h"

/* Enough codes to act on without drowning the screen; --json lists them all. */
#define MAX_CODES_SHOWN 50

static void
print_codes (GPtrArray *codes)
{
  for (guint i = 0; i < codes->len && i < MAX_CODES_SHOWN; i++)
    mc_cli_print ("  %s\n", (const char *) g_ptr_array_index (codes, i));
  if (codes->len > MAX_CODES_SHOWN)
    mc_cli_print (_("  … and %u more\n"), codes->len - MAX_CODES_SHOWN);
}

static cJSON *
codes_to_json (GPtrArray *codes)
{
  cJSON *list = cJSON_CreateArray ();

  for (guint i = 0; i < codes->len; i++)
    cJSON_AddItemToArray (list, cJSON_CreateString (g_ptr_array_index (codes, i)));
  return list;
}

McCliStatus
mc_cli_restore (McCli *cli)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace a database that cannot be read at all (its dossier numbers cannot be carried over)"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  McRestoreReport report;

  if (!mc_cli_parse_options (cli, entries, 1, 1))
    return MC_CLI_USAGE;
  db_path = cli->db_path != NULL ? g_strdup (cli->db_path) : mc_store_default_path ();

  /* A restore replaces every record: on a desk with accounts, only an administrator of the
   * database being replaced may do it. A database that cannot be opened has nobody to ask;
   * the restore says itself what is wrong with it. The store is closed again before the
   * restore, which must be the only program with the database. */
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(McStore) current = mc_store_open (db_path, NULL);

      if (current != NULL)
        {
          if (!mc_cli_sign_in (cli, current))
            return MC_CLI_REFUSED;
          if (!mc_store_check_office_task (current, MC_OFFICE_TASK_RESTORE, &error))
            return mc_cli_fail (error);
        }
    }

  if (!mc_store_restore (cli->args[1], db_path, force ? MC_RESTORE_FORCE : MC_RESTORE_DEFAULT, &report, &error))
    {
      mc_restore_report_clear (&report);
      return mc_cli_fail (error);
    }

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddStringToObject (root, "database", db_path);
      cJSON_AddStringToObject (root, "backup", cli->args[1]);
      mc_cli_json_add_string (root, "previous", report.previous_path);
      cJSON_AddNumberToObject (root, "dossiers", (double) report.n_dossiers);
      cJSON_AddItemToObject (root, "missing", codes_to_json (report.missing_codes));
      cJSON_AddItemToObject (root, "rolled_back", codes_to_json (report.rolled_back_codes));
      cJSON_AddNumberToObject (root, "counters_raised", report.n_counters_raised);
      cJSON_AddBoolToObject (root, "previous_unreadable", report.previous_unreadable);
      mc_cli_print_json (root);
      mc_restore_report_clear (&report);
      return MC_CLI_OK;
    }

  mc_cli_print (g_dngettext (GETTEXT_PACKAGE, "Restored “%s” from “%s”: %u dossier.\n",
                             "Restored “%s” from “%s”: %u dossiers.\n", (gulong) report.n_dossiers),
                db_path, cli->args[1], (guint) report.n_dossiers);
  if (report.previous_path != NULL)
    mc_cli_print (_("The database it replaced is kept as “%s”.\n"), report.previous_path);
  if (report.missing_codes->len > 0)
    {
      mc_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                 "%u dossier received after the backup is not in it; enter it again from its "
                                 "slip (it gets a new code, its old one is never issued again):\n",
                                 "%u dossiers received after the backup are not in it; enter them again from "
                                 "their slips (they get new codes, their old ones are never issued again):\n",
                                 report.missing_codes->len),
                    report.missing_codes->len);
      print_codes (report.missing_codes);
    }
  if (report.rolled_back_codes->len > 0)
    {
      mc_cli_print (g_dngettext (GETTEXT_PACKAGE,
                                 "%u dossier is back in the state of the backup; record its later steps again:\n",
                                 "%u dossiers are back in the state of the backup; record their later steps again:\n",
                                 report.rolled_back_codes->len),
                    report.rolled_back_codes->len);
      print_codes (report.rolled_back_codes);
    }
  if (report.previous_unreadable)
    mc_cli_print (_("The replaced database could not be read: codes issued since the backup may be issued "
                    "again. Check the slips printed since the backup.\n"));
  mc_restore_report_clear (&report);
  return MC_CLI_OK;
}
