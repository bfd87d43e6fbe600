/* mc-cli-common.c — the plumbing every motcua-cli command shares: option parsing with the
 * global --db / --actor / --json, opening the store, errors on stderr with the promised exit
 * codes, and the small JSON and text helpers that keep outputs alike across commands.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mc-cli.h"
#include "mc-i18n.h"

gboolean
mc_cli_parse_options (McCli              *cli,
                      const GOptionEntry *entries,
                      int                 min_args,
                      int                 max_args)
{
  const GOptionEntry global_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->db_path,
      N_("Database file (default: the desk’s own database)"), N_("PATH") },
    { "actor", 0, 0, G_OPTION_ARG_FILENAME, &cli->actor,
      N_("Who makes the change, for the audit trail (default: the login name)"), N_("NAME") },
    { "account", 0, 0, G_OPTION_ARG_FILENAME, &cli->account,
      N_("Act as this account on a desk with accounts (default: $MOTCUA_ACCOUNT)"), N_("USER") },
    { "account-password-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->account_password_file,
      N_("File (mode 0600) holding the account’s password (default: $MOTCUA_PASSWORD_FILE, else asked on the terminal)"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print machine-readable JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = NULL;
  const char *parameter_string = cli->info->parameters;
  const char *summary = cli->info->summary;
  int n;

  usage = g_strdup_printf ("%s%s%s", cli->command,
                           parameter_string != NULL ? " " : "",
                           parameter_string != NULL ? _(parameter_string) : "");
  context = g_option_context_new (usage);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, _(summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  /* parse_strv takes the strings as UTF-8 whatever the locale, so a name with diacritics
   * survives a "C" locale; the core refuses anything that is not valid UTF-8. */
  if (!g_option_context_parse_strv (context, &cli->args, &error))
    {
      mc_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }

  /* A "--" that ended the options is not an argument. */
  n = (int) g_strv_length (cli->args) - 1;
  for (int i = 1; i <= n; i++)
    if (g_str_equal (cli->args[i], "--"))
      {
        g_free (cli->args[i]);
        memmove (&cli->args[i], &cli->args[i + 1], (gsize) (n - i + 1) * sizeof (char *));
        n--;
        break;
      }
  cli->n_args = n;

  if (n < min_args)
    {
      mc_cli_usage_error (cli, _("Missing argument: %s"),
                          parameter_string != NULL ? _(parameter_string) : "");
      return FALSE;
    }
  if (max_args >= 0 && n > max_args)
    {
      mc_cli_usage_error (cli, _("Unexpected argument “%s”"), cli->args[max_args + 1]);
      return FALSE;
    }
  return TRUE;
}

McStore *
mc_cli_open_store (McCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;

  if (cli->db_path == NULL)
    {
      /* The first run on a desk: the default database's folder may not exist yet. */
      g_autofree char *path = mc_store_default_path ();
      g_autofree char *folder = g_path_get_dirname (path);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;

          mc_cli_print_error (_("Cannot create the folder “%s”: %s"), folder, g_strerror (saved_errno));
          return NULL;
        }
    }

  cli->store = mc_store_open (cli->db_path, &error);
  if (cli->store == NULL)
    {
      mc_cli_fail (error);
      return NULL;
    }
  if (!mc_cli_sign_in (cli, cli->store))
    {
      g_clear_object (&cli->store);
      return NULL;
    }
  return cli->store;
}

const char *
mc_cli_actor (McCli *cli)
{
  if (cli->actor != NULL && *cli->actor != '\0')
    return cli->actor;
  return g_get_user_name ();
}

void
mc_cli_print (const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stdout);
}

void
mc_cli_printerr (const char *format,
                 ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stderr);
}

void
mc_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  mc_cli_printerr ("motcua-cli: %s\n", message);
}

McCliStatus
mc_cli_fail (const GError *error)
{
  mc_cli_print_error ("%s", error != NULL ? error->message : _("Unknown error"));
  if (g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN))
    mc_cli_printerr (_("To act as an account of this desk: --account USER --account-password-file FILE "
                       "(or $MOTCUA_ACCOUNT and $MOTCUA_PASSWORD_FILE).\n"));
  return MC_CLI_REFUSED;
}

McCliStatus
mc_cli_usage_error (McCli      *cli,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  mc_cli_print_error ("%s", message);
  if (cli != NULL && cli->command != NULL)
    mc_cli_printerr (_("Try “motcua-cli %s --help”.\n"), cli->command);
  else
    mc_cli_printerr (_("Try “motcua-cli --help”.\n"));
  return MC_CLI_USAGE;
}

void
mc_cli_print_json (cJSON *json)
{
  char *text = cJSON_Print (json);

  if (text != NULL)
    mc_cli_print ("%s\n", text);
  cJSON_free (text);
  cJSON_Delete (json);
}

void
mc_cli_json_add_time (cJSON      *object,
                      const char *key,
                      McTime      t)
{
  g_autofree char *text = NULL;

  if (t == MC_TIME_NONE)
    {
      cJSON_AddNullToObject (object, key);
      return;
    }
  text = mc_time_format_local (t);
  cJSON_AddStringToObject (object, key, text);
}

void
mc_cli_json_add_string (cJSON      *object,
                        const char *key,
                        const char *value)
{
  if (value == NULL)
    cJSON_AddNullToObject (object, key);
  else
    cJSON_AddStringToObject (object, key, value);
}

char *
mc_cli_format_time (McTime t)
{
  if (t == MC_TIME_NONE)
    return g_strdup ("—");
  return mc_time_format_local (t);
}

void
mc_cli_append_padded (GString    *out,
                      const char *text,
                      guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

const char *
mc_cli_weekday_name (int iso_weekday)
{
  switch (iso_weekday)
    {
    case 1: return _("Monday");
    case 2: return _("Tuesday");
    case 3: return _("Wednesday");
    case 4: return _("Thursday");
    case 5: return _("Friday");
    case 6: return _("Saturday");
    case 7: return _("Sunday");
    default: return "";
    }
}

char *
mc_cli_read_file (const char  *path,
                  gsize       *length,
                  GError     **error)
{
  char *contents = NULL;

  /* GLib's message already names the file and the reason. */
  if (!g_file_get_contents (path, &contents, length, error))
    return NULL;
  return contents;
}
