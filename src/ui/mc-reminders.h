/* mc-reminders.h — the desk's desktop notifications: a dossier became due today, a dossier
 * became overdue (each at most once per dossier and event, remembered across restarts), and a
 * daily summary of the deadlines at the hour the office set (reminders.summary-time). Owned by
 * the application; checks run as store jobs on the context's worker once a minute. */
#pragma once

#include <gio/gio.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_REMINDERS (mc_reminders_get_type ())
G_DECLARE_FINAL_TYPE (McReminders, mc_reminders, MC, REMINDERS, GObject)

typedef enum
{
  MC_REMINDER_DUE_TODAY,
  MC_REMINDER_OVERDUE,
} McReminderEvent;

/* Notifications go through @application (may be NULL: only ::notification is emitted). What
 * was notified is kept in the key file @state_path (NULL: motcua/reminders.ini in the user's
 * data folder), under the database's path. */
McReminders *mc_reminders_new             (GApplication   *application,
                                           McContext      *context,
                                           const char     *state_path);

/* Checks a few seconds from now, then every minute, until stopped. */
void         mc_reminders_start           (McReminders    *self);
void         mc_reminders_stop            (McReminders    *self);

/* One check as at @now (MC_TIME_NONE: the clock's now): what became due today or overdue since
 * the last check, and the daily summary when its hour has come. *@n_sent (may be NULL) is the
 * number of notifications sent. */
void         mc_reminders_check_async     (McReminders    *self,
                                           McTime          now,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
gboolean     mc_reminders_check_finish    (McReminders    *self,
                                           GAsyncResult   *result,
                                           guint          *n_sent,
                                           GError        **error);

/* Whether dossier @code was notified of @event (by this desk, on this database). */
gboolean     mc_reminders_was_notified    (McReminders    *self,
                                           const char     *code,
                                           McReminderEvent event);

G_END_DECLS
