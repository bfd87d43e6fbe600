/* motcua-cli.c — the entry point of motcua-cli: the table of commands and the dispatch.
 *
 * A command is one or two words ("show", "calendar due"); the global options --db, --actor
 * and --json may come before or after them. Everything after the words goes to the
 * command's own option parser. Exit status: 0 done, 1 input refused (or problems found),
 * 2 usage error.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "mc-cli.h"
#include "mc-i18n.h"

static const McCliCommand commands[] = {
  { "calendar", "holidays", N_("YEAR"),
    N_("List the days off of a year (statutory, compensatory, announced) and its working weekends."),
    mc_cli_calendar_holidays },
  { "calendar", "due", NULL,
    N_("Compute an appointment (ngày hẹn trả) with the desk’s calendar and deadline settings, "
       "and explain it."),
    mc_cli_calendar_due },
  { "calendar", "import", N_("FILE"),
    N_("Import yearly holiday announcements (JSON); open dossiers’ appointments are recomputed."),
    mc_cli_calendar_import },
  { "catalogue", "list", N_("[QUERY]"),
    N_("List the procedures of the catalogue, optionally those whose code or name matches QUERY."),
    mc_cli_catalogue_list },
  { "catalogue", "show", N_("CODE"),
    N_("Show a procedure: documents, fees, time limit and internal steps."),
    mc_cli_catalogue_show },
  { "catalogue", "import", N_("FILE"),
    N_("Import a catalogue file (the desk’s format or a portal LayDanhSachTTHC answer); "
       "a malformed file is refused whole."),
    mc_cli_catalogue_import },
  { NULL, "receive", NULL,
    N_("Receive a dossier: validate it, issue its code and print the appointment."),
    mc_cli_receive },
  { NULL, "show", N_("CODE"),
    N_("Show a dossier (a dossier code or a scanned lookup URL): fields, documents, appointments, "
       "history, pauses."),
    mc_cli_show },
  { NULL, "slip", N_("CODE"),
    N_("Write the receipt-and-appointment slip (form 01) of a dossier as PDF: --pdf FILE."),
    mc_cli_slip },
  { NULL, "form", N_("NUMBER CODE"),
    N_("Write form 02–06 of a dossier as PDF (--pdf FILE): 02 supplement request, 03 refusal, "
       "04 apology and new appointment, 05 stopped processing, 06 processing control slip."),
    mc_cli_form },
  { NULL, "register", NULL,
    N_("Write the dossier register (form 07) of a period: --from DATE --to DATE, --pdf FILE "
       "and/or --csv FILE."),
    mc_cli_register },
  { NULL, "list", NULL,
    N_("List dossiers, newest first (or by appointment)."),
    mc_cli_list },
  { NULL, "search", N_("TEXT"),
    N_("Search dossiers by code, name, ID number, phone or procedure; diacritics are optional."),
    mc_cli_search },
  { NULL, "move", N_("CODE"),
    N_("Move a dossier to another status (portal code 1–10 or a name)."),
    mc_cli_move },
  { NULL, "attach", N_("CODE FILE"),
    N_("Keep a scanned document (PDF, JPEG or PNG) with a dossier: --document CODE for a received "
       "document, --result for its result."),
    mc_cli_attach },
  { NULL, "attachments", N_("CODE"),
    N_("List the scanned documents kept with a dossier and how many of its documents are digitised."),
    mc_cli_attachments },
  { NULL, "backup", N_("FILE"),
    N_("Write a consistent copy of the database to FILE."),
    mc_cli_backup },
  { NULL, "restore", N_("FILE"),
    N_("Put a backup back in place of the database, after checking it; the replaced database is kept "
       "aside, and no dossier code issued since the backup is issued again."),
    mc_cli_restore },
  { NULL, "check", NULL,
    N_("Check the database’s integrity and the project’s invariants; exit status 1 when problems "
       "are found."),
    mc_cli_check },
  { NULL, "generate", NULL,
    N_("Fill the database with realistic demonstration dossiers (for demos and benchmarks; "
       "their history counts as already sent to the portal)."),
    mc_cli_generate },
  { "settings", "list", NULL,
    N_("List the office settings with their values."),
    mc_cli_settings_list },
  { "settings", "get", N_("KEY"),
    N_("Print the value of one office setting."),
    mc_cli_settings_get },
  { "settings", "set", N_("KEY VALUE"),
    N_("Change an office setting; a bad value is refused and nothing changes."),
    mc_cli_settings_set },
  { NULL, "figures", NULL,
    N_("Print the supervisor’s figures for a period: received, finished early / on time / late, "
       "overdue, on-time rate by month."),
    mc_cli_figures },
  { NULL, "report", NULL,
    N_("The supervisor’s report of a period (--from DATE --to DATE, or --period): figures, breakdowns by "
       "field, procedure, agency and clerk (--by KIND), charts; --json, --csv FILE, --xlsx FILE, --pdf FILE."),
    mc_cli_report },
  { NULL, "outbox", NULL,
    N_("Count the changes waiting to be sent to the portal and list those it refused "
       "(--all: every waiting change)."),
    mc_cli_outbox },
  { "sync", "run", NULL,
    N_("Send the waiting changes to the portal and pull the online submissions; exit status 0 only when "
       "nothing is left to send."),
    mc_cli_sync_run },
  { "sync", "status", NULL,
    N_("Show the sync's state: changes waiting, records refused, last success, last error."),
    mc_cli_sync_status },
  { "sync", "pull", NULL,
    N_("Pull the online submissions into the queue of dossiers to receive."),
    mc_cli_sync_pull },
  { "sync", "catalogue", NULL,
    N_("Refresh the procedure catalogue from the portal (LayDanhSachTTHC)."),
    mc_cli_sync_catalogue },
  { "sync", "retry", N_("[ID]"),
    N_("Send again the records the portal refused (all, or outbox entry ID)."),
    mc_cli_sync_retry },
  { "sync", "resend", N_("CODE"),
    N_("Queue a dossier's state and all its steps again (--all: every dossier), for a portal "
       "that lost them."),
    mc_cli_sync_resend },
  { "account", "add", N_("USERNAME"),
    N_("Add a local account: --name \"FULL NAME\" --role clerk|officer|supervisor|administrator (several "
       "separated by commas); the password from --password-file or typed on the terminal. The first "
       "account of a desk must be an administrator’s; from then on every change needs an account."),
    mc_cli_account_add },
  { "account", "list", NULL,
    N_("List the accounts with their roles and whether they are active."),
    mc_cli_account_list },
  { "account", "passwd", N_("[USERNAME]"),
    N_("Set a new password: your own (default), or anyone’s as an administrator; --password-file or "
       "typed on the terminal."),
    mc_cli_account_passwd },
  { "account", "disable", N_("USERNAME"),
    N_("Disable an account: it can no longer sign in, and its next change anywhere is refused."),
    mc_cli_account_disable },
  { "account", "enable", N_("USERNAME"),
    N_("Enable a disabled account again."),
    mc_cli_account_enable },
  { "account", "edit", N_("USERNAME"),
    N_("Change an account’s full name (--name) or roles (--role)."),
    mc_cli_account_edit },
  { "account", "log", NULL,
    N_("Show the desk’s own log (administrators): accounts added, changed, disabled; sign-ins, also "
       "refused ones; settings changed; catalogue and calendar updates; backups; records sent again. "
       "--limit N shows the newest N (default 50, 0: all)."),
    mc_cli_account_log },
};

static gboolean
is_group (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].group != NULL && g_str_equal (commands[i].group, word))
      return TRUE;
  return FALSE;
}

static const McCliCommand *
find_command (const char *group,
              const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].group, group) == 0 && g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static void
print_overview (FILE       *stream,
                const char *only_group)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n  motcua-cli [--db %s] [--actor %s] [--account %s] [--json] %s …\n\n",
                          _("Usage:"), _("PATH"), _("NAME"), _("USER"), _("COMMAND"));
  g_string_append_printf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const McCliCommand *command = &commands[i];
      g_autofree char *words = NULL;

      if (only_group != NULL && g_strcmp0 (command->group, only_group) != 0)
        continue;
      words = g_strdup_printf ("%s%s%s%s%s",
                               command->group ? command->group : "", command->group ? " " : "",
                               command->name,
                               command->parameters ? " " : "",
                               command->parameters ? _(command->parameters) : "");
      g_string_append (out, "  ");
      mc_cli_append_padded (out, words, 28);
      g_string_append_printf (out, " %s\n", _(command->summary));
    }
  g_string_append_printf (out, "\n%s\n", _("Run “motcua-cli COMMAND --help” for the options of a command."));
  fputs (out->str, stream);
}

/* Finds the command words among @argv, skipping the global options (and the value of those
 * that take one). Fills @words with the indexes of at most two words. */
static int
find_command_words (int    argc,
                    char **argv,
                    int    words[2],
                    int   *help_index)
{
  int n = 0;

  *help_index = 0;
  for (int i = 1; i < argc && n < 2; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        break;
      if (arg[0] == '-' && arg[1] != '\0')
        {
          if (g_str_equal (arg, "--db") || g_str_equal (arg, "--actor") ||
              g_str_equal (arg, "--account") || g_str_equal (arg, "--account-password-file"))
            i++;
          else if (n == 0 && (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") ||
                              g_str_equal (arg, "-?") || g_str_equal (arg, "--version")))
            *help_index = i;
          continue;
        }
      /* The second word only belongs to the command when the first names a group. */
      if (n == 1 && !is_group (argv[words[0]]))
        break;
      words[n++] = i;
    }
  return n;
}

int
main (int    argc,
      char **argv)
{
  McCli cli = { 0 };
  const McCliCommand *command = NULL;
  g_autoptr(GPtrArray) args = NULL;
  int words[2] = { 0, 0 };
  int help_index;
  int n_words;
  McCliStatus status;

  setlocale (LC_ALL, "");
  /* MOTCUA_LOCALEDIR lets an uninstalled build (run.sh, tests) use build/po's catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MOTCUA_LOCALEDIR") ? g_getenv ("MOTCUA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("motcua-cli");

  /* Options are taken as bytes (so that a "C" locale does not refuse Vietnamese); check
   * here once that they are text. A file name given to --db may be anything. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db"))
        i++;
      else if (!g_str_has_prefix (argv[i], "--db=") && !g_utf8_validate (argv[i], -1, NULL))
        {
          mc_cli_print_error (_("Argument %d is not valid UTF-8 text"), i);
          return MC_CLI_REFUSED;
        }
    }

  n_words = find_command_words (argc, argv, words, &help_index);

  if (n_words == 0 || g_str_equal (argv[words[0]], "help"))
    {
      if (help_index > 0 && g_str_equal (argv[help_index], "--version"))
        {
          mc_cli_print ("motcua-cli %s\n", PACKAGE_VERSION);
          return MC_CLI_OK;
        }
      if (help_index > 0 || n_words >= 1)
        {
          print_overview (stdout, NULL);
          return MC_CLI_OK;
        }
      print_overview (stderr, NULL);
      return MC_CLI_USAGE;
    }

  if (is_group (argv[words[0]]))
    {
      if (n_words < 2)
        {
          for (int i = 1; i < argc; i++)
            if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
              {
                print_overview (stdout, argv[words[0]]);
                return MC_CLI_OK;
              }
          mc_cli_print_error (_("“%s” needs a subcommand"), argv[words[0]]);
          print_overview (stderr, argv[words[0]]);
          return MC_CLI_USAGE;
        }
      command = find_command (argv[words[0]], argv[words[1]]);
      if (command == NULL)
        {
          mc_cli_print_error (_("Unknown command “%s %s”"), argv[words[0]], argv[words[1]]);
          print_overview (stderr, argv[words[0]]);
          return MC_CLI_USAGE;
        }
    }
  else
    {
      command = find_command (NULL, argv[words[0]]);
      if (command == NULL)
        {
          mc_cli_print_error (_("Unknown command “%s”"), argv[words[0]]);
          mc_cli_printerr (_("Try “motcua-cli --help”.\n"));
          return MC_CLI_USAGE;
        }
    }

  /* The command's own arguments: everything but the command words. */
  args = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (args, g_strdup (argv[0]));
  for (int i = 1; i < argc; i++)
    if (i != words[0] && (n_words < 2 || i != words[1]))
      g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  cli.info = command;
  cli.command = command->group != NULL
                ? g_strdup_printf ("%s %s", command->group, command->name)
                : g_strdup (command->name);
  cli.args = (char **) g_ptr_array_steal (args, NULL);

  status = command->run (&cli);

  g_clear_object (&cli.store);
  g_strfreev (cli.args);
  g_free (cli.command);
  g_free (cli.db_path);
  g_free (cli.actor);
  g_free (cli.account);
  g_free (cli.account_password_file);
  return status;
}
