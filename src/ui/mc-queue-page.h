/* mc-queue-page.h — "Today": the counter's work at a glance, the dossiers received today and
 * the results due for return today or already overdue. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"
#include "mc-dossier-list-model.h"

G_BEGIN_DECLS

#define MC_TYPE_QUEUE_PAGE (mc_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (McQueuePage, mc_queue_page, MC, QUEUE_PAGE, GtkWidget)

void                mc_queue_page_set_context        (McQueuePage *self,
                                                      McContext   *context);
/* The two lists' models (borrowed), NULL before a context is set. */
McDossierListModel *mc_queue_page_get_received_model (McQueuePage *self);
McDossierListModel *mc_queue_page_get_due_model      (McQueuePage *self);

G_END_DECLS
