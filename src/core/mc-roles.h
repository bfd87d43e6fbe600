/* mc-roles.h — the people of domain.md as roles, and what each role may change.
 *
 * An account holds one or more roles (a small office gives one person several). The rules
 * here answer one question for the store, the CLI and the app alike: may these roles make
 * this move, receive a dossier, change this setting, manage accounts? The store asks before
 * every change, so a refusal reads the same whichever program tried.
 */
#pragma once

#include <glib.h>

#include "mc-status.h"

G_BEGIN_DECLS

typedef enum
{
  MC_ROLE_CLERK         = 1 << 0,   /* cán bộ tiếp nhận: the counter */
  MC_ROLE_OFFICER       = 1 << 1,   /* cán bộ xử lý: a department's processing officer */
  MC_ROLE_SUPERVISOR    = 1 << 2,   /* lãnh đạo: deadlines, apologies, registers */
  MC_ROLE_ADMINISTRATOR = 1 << 3,   /* settings, accounts, catalogue, calendar, backups */
} McRole;

/* A set of McRole bits. */
typedef guint McRoles;

#define MC_ROLES_NONE 0u
#define MC_ROLES_ALL  (MC_ROLE_CLERK | MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR | MC_ROLE_ADMINISTRATOR)

/* "clerk", "officer", "supervisor", "administrator": stable names for files and the CLI. */
const char *mc_role_to_string        (McRole        role);
/* Vietnamese: "Cán bộ tiếp nhận" … (translated). */
const char *mc_role_describe         (McRole        role);

/* "clerk,administrator" (any order, spaces allowed; also "admin", "leader", and the
 * Vietnamese names with or without diacritics) → bits. Refuses an empty or unknown name. */
gboolean    mc_roles_parse           (const char   *text,
                                      McRoles      *roles,
                                      GError      **error);
/* The canonical text form ("clerk,administrator"), in the order of McRole. */
char       *mc_roles_to_string       (McRoles       roles);
/* "Cán bộ tiếp nhận, Quản trị viên", for messages and the header bar. */
char       *mc_roles_describe        (McRoles       roles);

/* The roles that may make the move @from → @to: MC_ROLES_NONE for a move the status
 * machine forbids. */
McRoles     mc_roles_for_move        (McStatus      from,
                                      McStatus      to);
gboolean    mc_roles_may_move        (McRoles       roles,
                                      McStatus      from,
                                      McStatus      to);
/* FALSE with MC_CORE_ERROR_NOT_ALLOWED and a Vietnamese message: the status machine's refusal
 * first, then the roles'. */
gboolean    mc_roles_check_move      (McRoles       roles,
                                      McStatus      from,
                                      McStatus      to,
                                      GError      **error);

/* A step recorded inside a status, not a move (a hand-over between departments within
 * processing, a late dossier's apology): whoever works on dossiers, not the administrator. */
McRoles     mc_roles_for_step        (McStatus      status);
gboolean    mc_roles_check_step      (McRoles       roles,
                                      McStatus      status,
                                      GError      **error);

/* Receiving a dossier at the counter (and recording a new one from an online submission). */
McRoles     mc_roles_for_receive     (void);
gboolean    mc_roles_check_receive   (McRoles       roles,
                                      GError      **error);

/* Changing office setting @key (administrators; supervisors also the due-soon threshold
 * they watch). */
McRoles     mc_roles_for_setting     (const char   *key);
gboolean    mc_roles_check_setting   (McRoles       roles,
                                      const char   *key,
                                      GError      **error);

/* A late dossier's apology and new appointment (form 04): the supervisor signs it off for
 * the head of the agency (domain.md, "People"); the clerk sees it proposed. */
McRoles     mc_roles_for_apology     (void);
gboolean    mc_roles_check_apology   (McRoles       roles,
                                      GError      **error);

/* The administrator's work on the desk itself (domain.md, "People"). */
typedef enum
{
  MC_OFFICE_TASK_IMPORT_CATALOGUE,   /* procedures from a file or the portal */
  MC_OFFICE_TASK_IMPORT_CALENDAR,    /* yearly day-off and swap announcements */
  MC_OFFICE_TASK_BACKUP,
  MC_OFFICE_TASK_RESTORE,
  MC_OFFICE_TASK_RESEND,             /* put records the portal refused back in the outbox */
} McOfficeTask;

McRoles     mc_roles_for_office_task (McOfficeTask  task);
gboolean    mc_roles_check_office_task (McRoles     roles,
                                      McOfficeTask  task,
                                      GError      **error);

/* Adding, disabling and changing other people's accounts. */
McRoles     mc_roles_for_accounts    (void);
gboolean    mc_roles_check_accounts  (McRoles       roles,
                                      GError      **error);

G_END_DECLS
