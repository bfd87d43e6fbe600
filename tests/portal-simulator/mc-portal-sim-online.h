/* mc-portal-sim-online.h — made-up online submissions, as citizens file them on the portal.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

char  *mc_sim_online_code       (const char  *agency,
                                 GDateTime   *submitted_at,
                                 int          sequence);
cJSON *mc_sim_online_submission (GRand       *rand,
                                 const cJSON *catalogue,
                                 const char  *code,
                                 GDateTime   *submitted_at);

G_END_DECLS
