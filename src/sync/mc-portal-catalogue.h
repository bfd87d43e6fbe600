/* mc-portal-catalogue.h — the portal's procedure list (LayDanhSachTTHC) as a McCatalogue.
 *
 * The portal sends fewer facts than the desk's own catalogue format: what it leaves out
 * gets a stated default (and the procedure's `uncertain` note says which), while an item
 * that is present but wrong refuses the whole answer, naming the place ("result[3].MaTTHC").
 */
#pragma once

#include "mc-catalogue.h"

G_BEGIN_DECLS

McCatalogue *mc_portal_catalogue_parse (const char  *json,
                                        gsize        length,
                                        GError     **error);

G_END_DECLS
