/* mc-portal-sim-lookup.h — the public lookup page that a receipt's QR code opens.
 */
#pragma once

#include <glib.h>

#include "mc-portal-sim-store.h"

G_BEGIN_DECLS

char *mc_sim_lookup_page (McSimStore *store,
                          const char *code,
                          guint      *status);

G_END_DECLS
