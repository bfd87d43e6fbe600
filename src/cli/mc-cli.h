/* mc-cli.h — what the commands of motcua-cli share: the invocation (global options, the
 * store opened on first use), option parsing, error reporting with the exit codes the
 * tool promises, and the JSON and plain-text helpers that keep every command's output in
 * the same shape.
 *
 * The commands are thin: each parses its options, asks core or store, and prints. All
 * rules live below, so that the CLI refuses exactly what the desk's window refuses.
 */
#pragma once

#include <cjson/cJSON.h>

#include "mc-store.h"

G_BEGIN_DECLS

/* Exit status: 0 success, 1 refused input (or problems found), 2 usage errors. */
typedef enum
{
  MC_CLI_OK      = 0,
  MC_CLI_REFUSED = 1,
  MC_CLI_USAGE   = 2,
} McCliStatus;

typedef struct _McCliCommand McCliCommand;

typedef struct
{
  char        *db_path;   /* --db, or NULL for mc_store_default_path () */
  char        *actor;     /* --actor, or NULL for the login name */
  char        *account;   /* --account, or NULL for $MOTCUA_ACCOUNT (mc-cli-accounts.c) */
  char        *account_password_file; /* --account-password-file, or NULL for $MOTCUA_PASSWORD_FILE */
  gboolean     json;      /* --json */
  char        *command;   /* "calendar due", for messages and help; owned */
  const McCliCommand *info; /* the command being run; borrowed */
  char       **args;      /* owned; args[0] the program, then the options and arguments of the
                           * command; after mc_cli_parse_options () only the positional ones */
  int          n_args;    /* positional arguments left in args[1 …] after parsing */
  McStore     *store;     /* opened by mc_cli_open_store (), owned */
} McCli;

typedef McCliStatus (*McCliCommandFunc) (McCli *cli);

struct _McCliCommand
{
  const char       *group;       /* "calendar", or NULL for a top-level command */
  const char       *name;
  const char       *parameters;  /* "YEAR", shown in the usage line; English, translated */
  const char       *summary;     /* English, translated for display */
  McCliCommandFunc  run;
};

/* Parses cli->args with @entries (may be NULL) plus the global options, with the usage
 * line and summary of cli->info, leaving the positional arguments in cli->args[1 …] and
 * their number in cli->n_args. Refuses fewer than @min_args or more than @max_args of
 * them (@max_args < 0: any number). On a usage error prints it and returns FALSE; the
 * caller returns MC_CLI_USAGE. */
gboolean     mc_cli_parse_options   (McCli               *cli,
                                     const GOptionEntry  *entries,
                                     int                  min_args,
                                     int                  max_args);
/* The store at --db (created with defaults if it does not exist), or NULL after
 * printing why. Borrowed: closed when the command returns. */
McStore     *mc_cli_open_store      (McCli               *cli);
const char  *mc_cli_actor           (McCli               *cli);

/* Output as UTF-8 whatever the locale's character set (g_print would turn every Vietnamese
 * letter into "?" under LANG=C, and JSON for scripts with it). */
void         mc_cli_print           (const char          *format,
                                     ...) G_GNUC_PRINTF (1, 2);
void         mc_cli_printerr        (const char          *format,
                                     ...) G_GNUC_PRINTF (1, 2);
/* "motcua-cli: <message>" on stderr. */
void         mc_cli_print_error     (const char          *format,
                                     ...) G_GNUC_PRINTF (1, 2);
/* Prints @error and returns MC_CLI_REFUSED. */
McCliStatus  mc_cli_fail            (const GError        *error);
/* Prints a usage error (with a pointer to --help) and returns MC_CLI_USAGE. */
McCliStatus  mc_cli_usage_error     (McCli               *cli,
                                     const char          *format,
                                     ...) G_GNUC_PRINTF (2, 3);

/* Prints @json (pretty) on stdout and frees it. */
void         mc_cli_print_json      (cJSON               *json);
/* A moment as "YYYY-MM-DD HH:MM", or JSON null for MC_TIME_NONE. */
void         mc_cli_json_add_time   (cJSON               *object,
                                     const char          *key,
                                     McTime               t);
/* A string, or JSON null for NULL. */
void         mc_cli_json_add_string (cJSON               *object,
                                     const char          *key,
                                     const char          *value);
/* "YYYY-MM-DD HH:MM", or a dash for MC_TIME_NONE (plain text). */
char        *mc_cli_format_time     (McTime               t);
/* Appends @text and pads it with spaces to @width characters (not bytes). */
void         mc_cli_append_padded   (GString             *out,
                                     const char          *text,
                                     guint                width);
/* Vietnamese-friendly weekday name ("Thứ Hai"), translated. */
const char  *mc_cli_weekday_name    (int                  iso_weekday);

/* The whole file, or NULL with an error naming it. */
char        *mc_cli_read_file       (const char          *path,
                                     gsize               *length,
                                     GError             **error);

/* The commands, one function each (mc-cli-calendar.c, mc-cli-catalogue.c,
 * mc-cli-dossier.c, mc-cli-admin.c). */
McCliStatus  mc_cli_calendar_holidays (McCli *cli);
McCliStatus  mc_cli_calendar_due      (McCli *cli);
McCliStatus  mc_cli_calendar_import   (McCli *cli);
McCliStatus  mc_cli_catalogue_list    (McCli *cli);
McCliStatus  mc_cli_catalogue_show    (McCli *cli);
McCliStatus  mc_cli_catalogue_import  (McCli *cli);
McCliStatus  mc_cli_receive           (McCli *cli);
McCliStatus  mc_cli_show              (McCli *cli);
McCliStatus  mc_cli_list              (McCli *cli);
McCliStatus  mc_cli_search            (McCli *cli);
McCliStatus  mc_cli_move              (McCli *cli);
McCliStatus  mc_cli_backup            (McCli *cli);
McCliStatus  mc_cli_restore           (McCli *cli);  /* mc-cli-restore.c */
McCliStatus  mc_cli_check             (McCli *cli);
McCliStatus  mc_cli_generate          (McCli *cli);
McCliStatus  mc_cli_settings_list     (McCli *cli);
McCliStatus  mc_cli_settings_get      (McCli *cli);
McCliStatus  mc_cli_settings_set      (McCli *cli);
McCliStatus  mc_cli_figures           (McCli *cli);
McCliStatus  mc_cli_outbox            (McCli *cli);  /* mc-cli-sync.c */
McCliStatus  mc_cli_sync_run          (McCli *cli);
McCliStatus  mc_cli_sync_status       (McCli *cli);
McCliStatus  mc_cli_sync_pull         (McCli *cli);
McCliStatus  mc_cli_sync_catalogue    (McCli *cli);
McCliStatus  mc_cli_sync_retry        (McCli *cli);
McCliStatus  mc_cli_sync_resend       (McCli *cli);
McCliStatus  mc_cli_slip              (McCli *cli);  /* mc-cli-print.c */
McCliStatus  mc_cli_form              (McCli *cli);  /* mc-cli-forms.c */
McCliStatus  mc_cli_register          (McCli *cli);  /* mc-cli-forms.c */
McCliStatus  mc_cli_report            (McCli *cli);  /* mc-cli-report.c */
McCliStatus  mc_cli_attach            (McCli *cli);  /* mc-cli-attachments.c */
McCliStatus  mc_cli_attachments       (McCli *cli);

/* Accounts (mc-cli-accounts.c). The CLI acts as the account named by --account (or
 * $MOTCUA_ACCOUNT), signed in by mc_cli_open_store with the password from
 * --account-password-file (or $MOTCUA_PASSWORD_FILE, or typed on the terminal). */
McCliStatus  mc_cli_account_add       (McCli *cli);
McCliStatus  mc_cli_account_list      (McCli *cli);
McCliStatus  mc_cli_account_passwd    (McCli *cli);
McCliStatus  mc_cli_account_disable   (McCli *cli);
McCliStatus  mc_cli_account_enable    (McCli *cli);
McCliStatus  mc_cli_account_edit      (McCli *cli);
McCliStatus  mc_cli_account_log       (McCli *cli);
/* Signs @store in as the account the invocation names, if any; FALSE after printing why. */
gboolean     mc_cli_sign_in           (McCli *cli,
                                       McStore *store);

/* Shared by show / list / search / receive / move (mc-cli-dossier.c). */
cJSON       *mc_cli_dossier_to_json   (McCli *cli, const McDossier *dossier);

G_END_DECLS
