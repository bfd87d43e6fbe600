/* mc-portal-sim-catalogue.h — the simulator's procedure catalogue, as the portal answers
 * LayDanhSachTTHC, built from the desk's own data/catalogue/procedures.json.
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

char  *mc_sim_catalogue_default_path (void);
cJSON *mc_sim_catalogue_load         (const char  *path,
                                      GError     **error);

G_END_DECLS
