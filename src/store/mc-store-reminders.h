/* mc-store-reminders.h — what the desk's reminders ask the store: the dossiers whose
 * deadline runs and whose current appointment falls in a span of time (due later today,
 * overdue since the last check). Kept apart from mc-store.h because only the reminders
 * (src/ui/mc-reminders.c) use it. */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

/* The dossiers received or in processing (the deadline runs: statuses 2 and 4) whose current
 * appointment is in [@from, @to), earliest first (then by id), at most @limit of them (0: all),
 * read from one snapshot. */
GPtrArray        *mc_store_list_due_between     (McStore               *self,
                                                 McTime                 from,
                                                 McTime                 to,
                                                 guint                  limit,
                                                 GError               **error);   /* McDossierSummary* */

G_END_DECLS
