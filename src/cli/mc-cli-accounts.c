/* mc-cli-accounts.c — the desk's local accounts from the command line, and signing the CLI in.
 *
 * On a desk with accounts the CLI acts as the account named by --account (or $MOTCUA_ACCOUNT),
 * with the password from a file only its owner may read (--account-password-file or
 * $MOTCUA_PASSWORD_FILE), or typed on the terminal without echo: never from an argument, which
 * every user of the machine could read in the process list. The store checks the account's
 * roles on every change, as it does for the app; a refusal exits with status 1.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mc-cli.h"
#include "mc-i18n.h"

/* Longest line read as a password; the store refuses anything over 256 bytes anyway. */
#define PASSWORD_BUFFER 1024

static void
wipe_string (char *text)
{
  volatile char *p = text;

  while (p != NULL && *p != '\0')
    *p++ = '\0';
  g_free (text);
}

/* A password in memory: zeroed before it is freed (g_autoptr (McPassword)). */
typedef char McPassword;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPassword, wipe_string)

/* The first line of @path, a regular file that only its owner may read or write. */
static char *
read_password_file (const char  *path,
                    GError     **error)
{
  GStatBuf st;
  char *contents = NULL;
  gsize length = 0;
  char *password;
  char *end;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The password file “%s” does not exist"), path);
      return NULL;
    }
  if ((st.st_mode & 077) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("The password file “%s” may be read by others: make it readable only by its owner (chmod 600)"),
                   path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  end = strpbrk (contents, "\r\n");
  password = end != NULL ? g_strndup (contents, (gsize) (end - contents)) : g_strdup (contents);
  wipe_string (contents);
  if (*password == '\0')
    {
      g_free (password);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("The password file “%s” is empty"), path);
      return NULL;
    }
  return password;
}

/* A line typed on the terminal with the echo off. */
static char *
prompt_password (const char  *prompt,
                 GError     **error)
{
  struct termios saved, quiet;
  char buffer[PASSWORD_BUFFER];
  gboolean echo_off;
  char *line;

  mc_cli_printerr ("%s", prompt);
  fflush (stderr);
  echo_off = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (echo_off)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (line == NULL)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("No password was typed"));
      return NULL;
    }
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

/* From @path, or typed on the terminal (twice when @confirm, for a new password). */
static char *
read_password (const char  *path,
               const char  *prompt,
               gboolean     confirm,
               GError     **error)
{
  g_autoptr(McPassword) first = NULL;
  g_autoptr(McPassword) again = NULL;

  if (path != NULL && *path != '\0')
    return read_password_file (path, error);
  if (!isatty (STDIN_FILENO))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           _("No password given: name a file that holds it (mode 0600), or run on a terminal to type it"));
      return NULL;
    }
  if ((first = prompt_password (prompt, error)) == NULL)
    return NULL;
  if (!confirm)
    return g_steal_pointer (&first);
  if ((again = prompt_password (_("Type it again: "), error)) == NULL)
    return NULL;
  if (!g_str_equal (first, again))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("The two passwords differ"));
      return NULL;
    }
  return g_steal_pointer (&first);
}

static const char *
non_empty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
mc_cli_sign_in (McCli   *cli,
                McStore *store)
{
  const char *name = non_empty (cli->account) ? cli->account : non_empty (g_getenv ("MOTCUA_ACCOUNT"));
  const char *path = non_empty (cli->account_password_file) ? cli->account_password_file
                                                            : non_empty (g_getenv ("MOTCUA_PASSWORD_FILE"));
  g_autoptr(McPassword) password = NULL;
  g_autoptr(McAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;

  /* A desk without accounts has nobody to sign in as: the first account is made without. */
  if (name == NULL || !mc_store_has_accounts (store))
    return TRUE;
  prompt = g_strdup_printf (_("Password of %s: "), name);
  if ((password = read_password (path, prompt, FALSE, &error)) == NULL ||
      (account = mc_store_sign_in (store, name, password, &error)) == NULL)
    {
      mc_cli_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static cJSON *
account_to_json (const McAccount *account)
{
  cJSON *object = cJSON_CreateObject ();
  g_autofree char *roles = mc_roles_to_string (account->roles);

  cJSON_AddStringToObject (object, "username", account->username);
  cJSON_AddStringToObject (object, "full_name", account->full_name);
  cJSON_AddStringToObject (object, "roles", roles);
  cJSON_AddBoolToObject (object, "active", account->active);
  mc_cli_json_add_time (object, "created_at", account->created_at);
  mc_cli_json_add_time (object, "updated_at", account->updated_at);
  return object;
}

static McCliStatus
print_account (McCli           *cli,
               const McAccount *account,
               const char      *what)
{
  g_autofree char *roles = mc_roles_describe (account->roles);

  if (cli->json)
    mc_cli_print_json (account_to_json (account));
  else
    mc_cli_print ("%s: %s (%s) — %s%s\n", what, account->username, account->full_name, roles,
                  account->active ? "" : _(", disabled"));
  return MC_CLI_OK;
}

McCliStatus
mc_cli_account_add (McCli *cli)
{
  g_autofree char *full_name = NULL;
  g_autofree char *roles_text = NULL;
  g_autofree char *password_file = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &full_name,
      N_("The person’s full name, as forms print it (required)"), N_("“FULL NAME”") },
    { "role", 0, 0, G_OPTION_ARG_FILENAME, &roles_text,
      N_("clerk, officer, supervisor or administrator; several separated by commas (required)"), N_("ROLES") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("File (mode 0600) holding the new account’s password (default: typed on the terminal)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McPassword) password = NULL;
  g_autoptr(McAccount) account = NULL;
  g_autofree char *prompt = NULL;
  McRoles roles = MC_ROLES_NONE;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 1, 1))
    return MC_CLI_USAGE;
  if (full_name == NULL)
    return mc_cli_usage_error (cli, _("--name is required"));
  if (roles_text == NULL)
    return mc_cli_usage_error (cli, _("--role is required"));
  if (!mc_roles_parse (roles_text, &roles, &error))
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  prompt = g_strdup_printf (_("New password of %s: "), cli->args[1]);
  if ((password = read_password (password_file, prompt, TRUE, &error)) == NULL)
    return mc_cli_fail (error);
  account = mc_store_add_account (store, cli->args[1], full_name, roles, password, &error);
  if (account == NULL)
    return mc_cli_fail (error);
  return print_account (cli, account, _("Account added"));
}

McCliStatus
mc_cli_account_list (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 0, 0))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if ((accounts = mc_store_list_accounts (store, &error)) == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list = cJSON_AddArrayToObject (root, "accounts");

      cJSON_AddBoolToObject (root, "single_user", accounts->len == 0);
      for (guint i = 0; i < accounts->len; i++)
        cJSON_AddItemToArray (list, account_to_json (g_ptr_array_index (accounts, i)));
      mc_cli_print_json (root);
    }
  else if (accounts->len == 0)
    mc_cli_print ("%s\n", _("This desk has no accounts: it runs in single-user mode, where every change is "
                            "allowed and the audit trail names --actor. Add an administrator with "
                            "“motcua-cli account add”."));
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < accounts->len; i++)
        {
          const McAccount *account = g_ptr_array_index (accounts, i);
          g_autofree char *roles = mc_roles_describe (account->roles);

          mc_cli_append_padded (out, account->username, 16);
          g_string_append_c (out, ' ');
          mc_cli_append_padded (out, account->full_name, 28);
          g_string_append_c (out, ' ');
          mc_cli_append_padded (out, account->active ? _("active") : _("disabled"), 10);
          g_string_append_printf (out, " %s\n", roles);
        }
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

McCliStatus
mc_cli_account_passwd (McCli *cli)
{
  g_autofree char *password_file = NULL;
  const GOptionEntry entries[] = {
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("File (mode 0600) holding the new password (default: typed on the terminal)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McPassword) password = NULL;
  g_autofree char *prompt = NULL;
  const McAccount *current;
  g_autofree char *username = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 0, 1))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  current = mc_store_get_current_account (store);
  username = g_strdup (cli->n_args == 1 ? cli->args[1] : current != NULL ? current->username : NULL);
  if (username == NULL)
    return mc_cli_usage_error (cli, _("Name the account, or act as it with --account"));
  prompt = g_strdup_printf (_("New password of %s: "), username);
  if ((password = read_password (password_file, prompt, TRUE, &error)) == NULL)
    return mc_cli_fail (error);
  if (!mc_store_set_password (store, username, password, &error))
    return mc_cli_fail (error);
  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddStringToObject (root, "username", username);
      cJSON_AddBoolToObject (root, "password_changed", TRUE);
      mc_cli_print_json (root);
    }
  else
    mc_cli_print (_("The password of %s was changed.\n"), username);
  return MC_CLI_OK;
}

static McCliStatus
set_active (McCli    *cli,
            gboolean  active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) account = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_set_account_active (store, cli->args[1], active, &error) ||
      (account = mc_store_get_account (store, cli->args[1], &error)) == NULL)
    return mc_cli_fail (error);
  return print_account (cli, account, active ? _("Account enabled") : _("Account disabled"));
}

McCliStatus
mc_cli_account_disable (McCli *cli)
{
  return set_active (cli, FALSE);
}

McCliStatus
mc_cli_account_enable (McCli *cli)
{
  return set_active (cli, TRUE);
}

McCliStatus
mc_cli_account_edit (McCli *cli)
{
  g_autofree char *full_name = NULL;
  g_autofree char *roles_text = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &full_name, N_("The new full name"), N_("“FULL NAME”") },
    { "role", 0, 0, G_OPTION_ARG_FILENAME, &roles_text,
      N_("The new roles: clerk, officer, supervisor or administrator, separated by commas"), N_("ROLES") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) account = NULL;
  McRoles roles = MC_ROLES_NONE;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 1, 1))
    return MC_CLI_USAGE;
  if (full_name == NULL && roles_text == NULL)
    return mc_cli_usage_error (cli, _("Give --name, --role or both"));
  if (roles_text != NULL && !mc_roles_parse (roles_text, &roles, &error))
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if (!mc_store_update_account (store, cli->args[1], full_name, roles, &error) ||
      (account = mc_store_get_account (store, cli->args[1], &error)) == NULL)
    return mc_cli_fail (error);
  return print_account (cli, account, _("Account changed"));
}

/* What the log's action words mean, for people (the words stay as they are in --json). */
static const char *
describe_desk_action (const char *action)
{
  static const struct
  {
    const char *action;
    const char *text;
  } actions[] = {
    { "account-added",      N_("account added") },
    { "account-changed",    N_("account changed") },
    { "account-disabled",   N_("account disabled") },
    { "account-enabled",    N_("account enabled") },
    { "password-changed",   N_("password changed") },
    { "signed-in",          N_("signed in") },
    { "sign-in-refused",    N_("sign-in refused") },
    { "setting-changed",    N_("setting changed") },
    { "catalogue-imported", N_("catalogue updated") },
    { "calendar-imported",  N_("calendar updated") },
    { "backup",             N_("backup") },
    { "outbox-resent",      N_("sent to the portal again") },
    { "outbox-retried",     N_("refused records retried") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].action, action) == 0)
      return _(actions[i].text);
  return action;
}

McCliStatus
mc_cli_account_log (McCli *cli)
{
  int limit = 50;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show the newest N entries (0: all)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (limit < 0)
    {
      mc_cli_print_error (_("--limit must be 0 or more"));
      return MC_CLI_USAGE;
    }
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if ((events = mc_store_list_desk_events (store, (guint) limit, &error)) == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list = cJSON_AddArrayToObject (root, "events");

      for (guint i = 0; i < events->len; i++)
        {
          const McDeskEvent *event = g_ptr_array_index (events, i);
          cJSON *item = cJSON_CreateObject ();
          g_autofree char *at = mc_time_format_iso (event->at);

          cJSON_AddNumberToObject (item, "id", (double) event->id);
          cJSON_AddStringToObject (item, "at", at);
          mc_cli_json_add_string (item, "account", event->account);
          mc_cli_json_add_string (item, "os_user", event->os_user);
          cJSON_AddStringToObject (item, "action", event->action);
          mc_cli_json_add_string (item, "subject", event->subject);
          mc_cli_json_add_string (item, "detail", event->detail);
          cJSON_AddItemToArray (list, item);
        }
      mc_cli_print_json (root);
      return MC_CLI_OK;
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; i < events->len; i++)
      {
        const McDeskEvent *event = g_ptr_array_index (events, i);
        g_autofree char *at = mc_cli_format_time (event->at);

        g_string_append_printf (out, "%s  ", at);
        mc_cli_append_padded (out, event->account != NULL ? event->account
                                   : event->os_user != NULL ? event->os_user : "", 14);
        g_string_append_c (out, ' ');
        mc_cli_append_padded (out, describe_desk_action (event->action), 26);
        if (event->subject != NULL)
          g_string_append_printf (out, " %s", event->subject);
        if (event->detail != NULL)
          g_string_append_printf (out, " — %s", event->detail);
        g_string_append_c (out, '\n');
      }
    mc_cli_print ("%s", out->str);
  }
  return MC_CLI_OK;
}
