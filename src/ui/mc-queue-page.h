/* mc-queue-page.h — Today's queue at the counter. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_QUEUE_PAGE (mc_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (McQueuePage, mc_queue_page, MC, QUEUE_PAGE, GtkWidget)

void mc_queue_page_set_context (McQueuePage *self,
                         McContext *context);

G_END_DECLS
