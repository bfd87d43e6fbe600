/* mc-sync-indicator.h — the header bar's view of the portal sync: how many changes wait,
 * when the last sync succeeded, what went wrong; "send now" in its popover. */
#pragma once

#include <gtk/gtk.h>

#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_SYNC_INDICATOR (mc_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (McSyncIndicator, mc_sync_indicator, MC, SYNC_INDICATOR, GtkWidget)

/* Follows @engine (NULL: hidden). */
void          mc_sync_indicator_set_engine (McSyncIndicator *self,
                                            McSyncEngine    *engine);
/* The one-line summary shown in the header bar ("3 thay đổi chờ gửi"), for tests. */
const char   *mc_sync_indicator_get_summary (McSyncIndicator *self);

G_END_DECLS
