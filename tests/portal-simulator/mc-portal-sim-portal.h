/* mc-portal-sim-portal.h — the contract of ../shared/docs/portal-api.md, as a portal keeps it:
 * login and sessions, the five services, validation of what arrives.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "mc-portal-sim-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *data_dir;       /* where sessions.json is kept */
  const char *username;
  const char *password;
  const char *dstcode;        /* NULL: any agency code is accepted */
  int         session_ttl;    /* seconds from login */
  int         online;         /* submissions to seed in an empty data directory */
  guint32     seed;
} McSimPortalConfig;

typedef struct _McSimPortal McSimPortal;

McSimPortal *mc_sim_portal_new           (const McSimPortalConfig  *config,
                                          McSimStore               *store,
                                          cJSON                    *catalogue,
                                          GError                  **error);
void         mc_sim_portal_free          (McSimPortal              *portal);

cJSON       *mc_sim_portal_login         (McSimPortal              *portal,
                                          const char               *dstcode,
                                          const cJSON              *request,
                                          GString                  *log);
cJSON       *mc_sim_portal_service       (McSimPortal              *portal,
                                          const char               *dstcode,
                                          const cJSON              *request,
                                          GString                  *log);
cJSON       *mc_sim_portal_expire        (McSimPortal              *portal,
                                          const cJSON              *request);
cJSON       *mc_sim_portal_answer        (int                       error_code,
                                          const char               *message);

gboolean     mc_sim_portal_reset         (McSimPortal              *portal,
                                          GError                  **error);
cJSON       *mc_sim_portal_add_online    (McSimPortal              *portal,
                                          int                       count);

const char  *mc_sim_status_name          (const char               *code);
GTimeZone   *mc_sim_portal_time_zone     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSimPortal, mc_sim_portal_free)

G_END_DECLS
