/* mc-status.h — the life of a dossier: statuses with the portal's codes, and the moves
 * domain.md allows between them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MC_STATUS_SUBMITTED_ONLINE  = 1,
  MC_STATUS_RECEIVED          = 2,
  MC_STATUS_REFUSED           = 3,
  MC_STATUS_IN_PROCESSING     = 4,
  MC_STATUS_WAITING_SUPPLEMENT = 5,
  MC_STATUS_WAITING_PAYMENT   = 6,
  MC_STATUS_WITHDRAWN         = 7,
  MC_STATUS_STOPPED           = 8,
  MC_STATUS_RESULT_READY      = 9,
  MC_STATUS_RETURNED          = 10,
} McStatus;

#define MC_STATUS_FIRST MC_STATUS_SUBMITTED_ONLINE
#define MC_STATUS_LAST  MC_STATUS_RETURNED

gboolean    mc_status_is_valid        (int          code);
/* Accepts the portal code ("4") or the name ("in-processing", also the Vietnamese name
 * with or without diacritics). */
gboolean    mc_status_parse           (const char  *text,
                                       McStatus    *out,
                                       GError     **error);
const char *mc_status_to_string       (McStatus     status);  /* "in-processing" */
const char *mc_status_describe        (McStatus     status);  /* Vietnamese: "Đang xử lý" */
gboolean    mc_status_can_move        (McStatus     from,
                                       McStatus     to);
/* FALSE with MC_CORE_ERROR_NOT_ALLOWED and a message that names both statuses. */
gboolean    mc_status_check_move      (McStatus     from,
                                       McStatus     to,
                                       GError     **error);
/* The clock stops in these statuses. */
gboolean    mc_status_is_paused       (McStatus     status);
/* No further work: refused, withdrawn, stopped, returned. */
gboolean    mc_status_is_closed       (McStatus     status);
/* Counts as finished for deadlines (result ready or returned). */
gboolean    mc_status_is_finished     (McStatus     status);
/* Deadline still running: received, in processing (not paused, not finished, not closed). */
gboolean    mc_status_is_open         (McStatus     status);

G_END_DECLS
