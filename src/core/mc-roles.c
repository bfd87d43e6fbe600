/* mc-roles.c — which role may do what, as tables copied from domain.md's "People".
 *
 * The clerk receives, refuses, hands over, requests and takes in supplements, takes
 * withdrawals and returns results; the processing officer works inside processing (payment
 * notices, results, stopping) and may also ask for a supplement or record a withdrawal or a
 * payment the department took; the supervisor decides to stop processing (form 05 is the
 * agency's decision) and watches; the administrator changes settings and accounts and moves
 * no dossier. A person who does several of these holds several roles.
 */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-roles.h"
#include "mc-text.h"

typedef struct
{
  McRole      role;
  const char *name;         /* stable identifier */
  const char *alias;        /* accepted when parsing */
  const char *vietnamese;   /* the office's word, accepted when parsing (folded) */
  const char *description;  /* English msgid, shown translated */
} RoleInfo;

static const RoleInfo role_table[] = {
  { MC_ROLE_CLERK,         "clerk",         "receiving-clerk", "cán bộ tiếp nhận", N_("Reception clerk") },
  { MC_ROLE_OFFICER,       "officer",       "processing-officer", "cán bộ xử lý",  N_("Processing officer") },
  { MC_ROLE_SUPERVISOR,    "supervisor",    "leader",          "lãnh đạo",         N_("Supervisor") },
  { MC_ROLE_ADMINISTRATOR, "administrator", "admin",           "quản trị viên",    N_("Administrator") },
};

typedef struct
{
  McStatus from;
  McStatus to;
  McRoles  roles;
} MoveRoles;

/* Every move of mc-status.c's table, with who makes it. */
static const MoveRoles move_roles[] = {
  { MC_STATUS_SUBMITTED_ONLINE,   MC_STATUS_RECEIVED,           MC_ROLE_CLERK },
  { MC_STATUS_SUBMITTED_ONLINE,   MC_STATUS_REFUSED,            MC_ROLE_CLERK },
  { MC_STATUS_RECEIVED,           MC_STATUS_REFUSED,            MC_ROLE_CLERK },
  { MC_STATUS_RECEIVED,           MC_STATUS_IN_PROCESSING,      MC_ROLE_CLERK },
  { MC_STATUS_RECEIVED,           MC_STATUS_WAITING_SUPPLEMENT, MC_ROLE_CLERK },
  { MC_STATUS_RECEIVED,           MC_STATUS_WITHDRAWN,          MC_ROLE_CLERK },
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_WAITING_SUPPLEMENT, MC_ROLE_CLERK | MC_ROLE_OFFICER },
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_WAITING_PAYMENT,    MC_ROLE_OFFICER },
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_WITHDRAWN,          MC_ROLE_CLERK | MC_ROLE_OFFICER },
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_STOPPED,            MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR },
  { MC_STATUS_IN_PROCESSING,      MC_STATUS_RESULT_READY,       MC_ROLE_OFFICER },
  { MC_STATUS_WAITING_SUPPLEMENT, MC_STATUS_IN_PROCESSING,      MC_ROLE_CLERK | MC_ROLE_OFFICER },
  { MC_STATUS_WAITING_SUPPLEMENT, MC_STATUS_WITHDRAWN,          MC_ROLE_CLERK },
  { MC_STATUS_WAITING_SUPPLEMENT, MC_STATUS_STOPPED,            MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR },
  { MC_STATUS_WAITING_PAYMENT,    MC_STATUS_IN_PROCESSING,      MC_ROLE_CLERK | MC_ROLE_OFFICER },
  { MC_STATUS_WAITING_PAYMENT,    MC_STATUS_WITHDRAWN,          MC_ROLE_CLERK },
  { MC_STATUS_WAITING_PAYMENT,    MC_STATUS_STOPPED,            MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR },
  { MC_STATUS_RESULT_READY,       MC_STATUS_RETURNED,           MC_ROLE_CLERK },
};

static const RoleInfo *
role_info (McRole role)
{
  for (gsize i = 0; i < G_N_ELEMENTS (role_table); i++)
    if (role_table[i].role == role)
      return &role_table[i];
  return NULL;
}

const char *
mc_role_to_string (McRole role)
{
  const RoleInfo *info = role_info (role);

  g_return_val_if_fail (info != NULL, NULL);
  return info->name;
}

const char *
mc_role_describe (McRole role)
{
  const RoleInfo *info = role_info (role);

  g_return_val_if_fail (info != NULL, NULL);
  return _(info->description);
}

/* Folded, with hyphens, underscores and runs of spaces as one space: "Quản trị viên",
 * "quan_tri_vien" and "QUAN TRI VIEN" compare equal. */
static char *
fold_role_name (const char *text)
{
  g_autofree char *folded = mc_text_fold (text);
  GString *out = g_string_sized_new (strlen (folded));
  gboolean pending_space = FALSE;

  for (const char *p = folded; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '-' || *p == '_')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_one_role (const char *word,
                McRole     *role)
{
  g_autofree char *folded = fold_role_name (word);

  for (gsize i = 0; i < G_N_ELEMENTS (role_table); i++)
    {
      g_autofree char *name = fold_role_name (role_table[i].name);
      g_autofree char *alias = fold_role_name (role_table[i].alias);
      g_autofree char *vietnamese = fold_role_name (role_table[i].vietnamese);

      if (g_str_equal (folded, name) || g_str_equal (folded, alias) || g_str_equal (folded, vietnamese))
        {
          *role = role_table[i].role;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
mc_roles_parse (const char  *text,
                McRoles     *roles,
                GError     **error)
{
  g_auto(GStrv) words = NULL;
  McRoles result = MC_ROLES_NONE;

  g_return_val_if_fail (roles != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    goto bad;
  words = g_strsplit (text, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));
      McRole role;

      if (*word == '\0')
        continue;
      if (!parse_one_role (word, &role))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("“%s” is not a role; the roles are clerk, officer, supervisor and administrator"),
                       word);
          return FALSE;
        }
      result |= role;
    }
  if (result == MC_ROLES_NONE)
    goto bad;
  *roles = result;
  return TRUE;

bad:
  g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                       _("An account needs at least one role: clerk, officer, supervisor or administrator"));
  return FALSE;
}

char *
mc_roles_to_string (McRoles roles)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (role_table); i++)
    if (roles & role_table[i].role)
      g_string_append_printf (out, "%s%s", out->len ? "," : "", role_table[i].name);
  return g_string_free (out, FALSE);
}

char *
mc_roles_describe (McRoles roles)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (role_table); i++)
    if (roles & role_table[i].role)
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", _(role_table[i].description));
  if (out->len == 0)
    g_string_append (out, _("no role"));
  return g_string_free (out, FALSE);
}

McRoles
mc_roles_for_move (McStatus from,
                   McStatus to)
{
  if (!mc_status_can_move (from, to))
    return MC_ROLES_NONE;
  for (gsize i = 0; i < G_N_ELEMENTS (move_roles); i++)
    if (move_roles[i].from == from && move_roles[i].to == to)
      return move_roles[i].roles;
  /* A move the status machine allows but this table forgot: nobody, so that the omission
   * shows in the tests rather than as a move anyone may make. */
  return MC_ROLES_NONE;
}

gboolean
mc_roles_may_move (McRoles  roles,
                   McStatus from,
                   McStatus to)
{
  return (roles & mc_roles_for_move (from, to)) != 0;
}

/* "Your role (Reception clerk) may not …; this is for: Processing officer, Supervisor". */
static void
set_forbidden (GError     **error,
               McRoles      roles,
               McRoles      needed,
               const char  *format_what,
               ...) G_GNUC_PRINTF (4, 5);

static void
set_forbidden (GError     **error,
               McRoles      roles,
               McRoles      needed,
               const char  *format_what,
               ...)
{
  g_autofree char *have = mc_roles_describe (roles);
  g_autofree char *want = mc_roles_describe (needed);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format_what);
  what = g_strdup_vprintf (format_what, args);
  va_end (args);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
               _("Your role (%s) may not %s; this is for: %s"), have, what, want);
}

gboolean
mc_roles_check_move (McRoles    roles,
                     McStatus   from,
                     McStatus   to,
                     GError   **error)
{
  McRoles needed;

  if (!mc_status_check_move (from, to, error))
    return FALSE;
  needed = mc_roles_for_move (from, to);
  if (roles & needed)
    return TRUE;
  set_forbidden (error, roles, needed, _("move a dossier from “%s” to “%s”"),
                 mc_status_describe (from), mc_status_describe (to));
  return FALSE;
}

McRoles
mc_roles_for_step (McStatus status)
{
  if (!mc_status_is_valid ((int) status))
    return MC_ROLES_NONE;
  return MC_ROLE_CLERK | MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR;
}

gboolean
mc_roles_check_step (McRoles    roles,
                     McStatus   status,
                     GError   **error)
{
  McRoles needed = mc_roles_for_step (status);

  if (roles & needed)
    return TRUE;
  set_forbidden (error, roles, needed, _("record a step of a dossier in “%s”"),
                 mc_status_is_valid ((int) status) ? mc_status_describe (status) : "?");
  return FALSE;
}

McRoles
mc_roles_for_receive (void)
{
  return MC_ROLE_CLERK;
}

gboolean
mc_roles_check_receive (McRoles   roles,
                        GError  **error)
{
  if (roles & mc_roles_for_receive ())
    return TRUE;
  set_forbidden (error, roles, mc_roles_for_receive (), "%s", _("receive dossiers"));
  return FALSE;
}

McRoles
mc_roles_for_setting (const char *key)
{
  /* The due-soon threshold decides what the supervisor's lists show, and nothing that is
   * printed or sent; every other setting shapes appointments, codes or the portal link. */
  if (g_strcmp0 (key, "deadline.due-soon-days") == 0)
    return MC_ROLE_ADMINISTRATOR | MC_ROLE_SUPERVISOR;
  return MC_ROLE_ADMINISTRATOR;
}

gboolean
mc_roles_check_setting (McRoles      roles,
                        const char  *key,
                        GError     **error)
{
  McRoles needed = mc_roles_for_setting (key);

  if (roles & needed)
    return TRUE;
  set_forbidden (error, roles, needed, _("change the setting %s"), key ? key : "");
  return FALSE;
}

McRoles
mc_roles_for_apology (void)
{
  return MC_ROLE_SUPERVISOR;
}

gboolean
mc_roles_check_apology (McRoles   roles,
                        GError  **error)
{
  if (roles & mc_roles_for_apology ())
    return TRUE;
  set_forbidden (error, roles, mc_roles_for_apology (), "%s",
                 _("sign off a late dossier’s apology and new appointment"));
  return FALSE;
}

McRoles
mc_roles_for_office_task (McOfficeTask task)
{
  switch (task)
    {
    case MC_OFFICE_TASK_IMPORT_CATALOGUE:
    case MC_OFFICE_TASK_IMPORT_CALENDAR:
    case MC_OFFICE_TASK_BACKUP:
    case MC_OFFICE_TASK_RESTORE:
    case MC_OFFICE_TASK_RESEND:
      return MC_ROLE_ADMINISTRATOR;
    default:
      return MC_ROLES_NONE;
    }
}

static const char *
office_task_describe (McOfficeTask task)
{
  switch (task)
    {
    case MC_OFFICE_TASK_IMPORT_CATALOGUE:
      return _("update the procedure catalogue");
    case MC_OFFICE_TASK_IMPORT_CALENDAR:
      return _("update the calendar of days off");
    case MC_OFFICE_TASK_BACKUP:
      return _("back up the database");
    case MC_OFFICE_TASK_RESTORE:
      return _("restore the database from a backup");
    case MC_OFFICE_TASK_RESEND:
      return _("send refused records to the portal again");
    default:
      return "?";
    }
}

gboolean
mc_roles_check_office_task (McRoles        roles,
                            McOfficeTask   task,
                            GError       **error)
{
  McRoles needed = mc_roles_for_office_task (task);

  if (roles & needed)
    return TRUE;
  set_forbidden (error, roles, needed, "%s", office_task_describe (task));
  return FALSE;
}

McRoles
mc_roles_for_accounts (void)
{
  return MC_ROLE_ADMINISTRATOR;
}

gboolean
mc_roles_check_accounts (McRoles   roles,
                         GError  **error)
{
  if (roles & mc_roles_for_accounts ())
    return TRUE;
  set_forbidden (error, roles, mc_roles_for_accounts (), "%s", _("manage other people’s accounts"));
  return FALSE;
}
