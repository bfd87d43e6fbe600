/* mc-reminders.c — desktop notifications of deadlines.
 *
 * Once a minute a store job on the context's worker reads the dossiers whose deadline runs
 * and whose current appointment falls later today (due today) or passed since the previous
 * check (became overdue), and, once a day after the office's summary hour, the figures of the
 * day; the main thread then sends what was not sent yet. Only those two narrow spans of the
 * (status, appointment) index are read, so a check costs well under a millisecond however
 * large the database.
 *
 * "At most once per dossier and event" holds across restarts: the codes notified, with when,
 * are kept in a small key file under the user's data folder, one group per database path (the
 * store's schema stays the office's record, not the desktop's). A first check on a database
 * looks back to the start of the day, a later one to the previous check (at most a week), so a
 * dossier that became overdue while the app was closed is still told once. Entries older than
 * two months are dropped: their appointments are long past and cannot fall in a span again.
 *
 * Several dossiers of one event in one check make one notification (a list of codes) rather
 * than a burst; a single dossier's notification opens it (app.show-dossier).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mc-reminders.h"
#include "mc-store-reminders.h"

#define FIRST_CHECK_SECONDS  5
#define CHECK_SECONDS        60
#define MAX_LOOK_BACK        (7 * MC_SECONDS_PER_DAY)
#define FORGET_AFTER         (60 * MC_SECONDS_PER_DAY)
/* Up to this many dossiers of one event get a notification each; more make one together. */
#define MAX_SINGLE           3
#define MAX_LISTED           5

struct _McReminders
{
  GObject       parent_instance;

  GApplication *application;      /* weak: the application owns the reminders */
  McContext    *context;          /* owned */
  char         *state_path;
  char         *group;            /* the database's path, as a key file group */
  GHashTable   *notified[2];      /* by McReminderEvent: code → McTime notified (gint64*) */
  McTime        last_check;       /* MC_TIME_NONE: never on this database */
  McDay         summary_day;      /* the day of the last summary, or 0 */
  GCancellable *cancellable;      /* owned */
  guint         timer;
  gboolean      checking;         /* the timer's check runs */
  gboolean      saving;
  gboolean      save_pending;
  GPtrArray    *save_waiters;     /* GTask*: checks that finish when the state is written */
};

G_DEFINE_FINAL_TYPE (McReminders, mc_reminders, G_TYPE_OBJECT)

enum
{
  NOTIFICATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const event_keys[] = { "due-today", "overdue" };

/* ---- the state file ------------------------------------------------------------------ */

static char *
group_for_path (const char *db_path)
{
  /* A key file group cannot hold brackets or control characters. */
  char *group = g_strdup (db_path);

  for (char *p = group; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || (guchar) *p < 0x20)
      *p = '_';
  return group;
}

static void
load_state (McReminders *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  self->last_check = MC_TIME_NONE;
  if (!g_key_file_load_from_file (file, self->state_path, G_KEY_FILE_NONE, NULL))
    return;
  if (g_key_file_has_key (file, self->group, "last-check", NULL))
    self->last_check = g_key_file_get_int64 (file, self->group, "last-check", NULL);
  self->summary_day = g_key_file_get_integer (file, self->group, "summary-day", NULL);
  for (guint e = 0; e < G_N_ELEMENTS (event_keys); e++)
    {
      g_auto(GStrv) entries = g_key_file_get_string_list (file, self->group, event_keys[e], NULL, NULL);

      for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
        {
          /* "CODE@TIME" */
          const char *at = strrchr (entries[i], '@');
          gint64 *when;

          if (at == NULL || at == entries[i])
            continue;
          when = g_new (gint64, 1);
          *when = g_ascii_strtoll (at + 1, NULL, 10);
          g_hash_table_insert (self->notified[e], g_strndup (entries[i], (gsize) (at - entries[i])), when);
        }
    }
}

static void save_state (McReminders *self,
                        GTask       *waiter);

static void
on_state_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(McReminders) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = NULL;

  /* Not fatal: at worst a reminder is shown again after a restart. */
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_warning ("Cannot keep the reminders sent in %s: %s", self->state_path, error->message);
  self->saving = FALSE;
  if (self->save_pending)
    {
      self->save_pending = FALSE;
      save_state (self, NULL);
      return;
    }
  waiters = g_steal_pointer (&self->save_waiters);
  self->save_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      g_task_return_int (task, GPOINTER_TO_UINT (g_task_get_task_data (task)));
    }
}

/* Writes the file again with this database's group replaced (other databases' groups stay);
 * @waiter (may be NULL) is completed once what is known now is on disk. */
static void
save_state (McReminders *self,
            GTask       *waiter)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GFile) target = g_file_new_for_path (self->state_path);
  g_autoptr(GBytes) bytes = NULL;
  McTime forget_before = mc_time_now () - FORGET_AFTER;
  g_autofree char *data = NULL;
  gsize length;

  if (waiter != NULL)
    g_ptr_array_add (self->save_waiters, g_object_ref (waiter));
  if (self->saving)
    {
      self->save_pending = TRUE;
      return;
    }
  g_key_file_load_from_file (file, self->state_path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_remove_group (file, self->group, NULL);
  if (self->last_check != MC_TIME_NONE)
    g_key_file_set_int64 (file, self->group, "last-check", self->last_check);
  if (self->summary_day != 0)
    g_key_file_set_integer (file, self->group, "summary-day", self->summary_day);
  for (guint e = 0; e < G_N_ELEMENTS (event_keys); e++)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
      GHashTableIter iter;
      gpointer code, when;

      g_hash_table_iter_init (&iter, self->notified[e]);
      while (g_hash_table_iter_next (&iter, &code, &when))
        {
          if (*(gint64 *) when < forget_before)
            g_hash_table_iter_remove (&iter);
          else
            g_ptr_array_add (entries, g_strdup_printf ("%s@%" G_GINT64_FORMAT, (char *) code, *(gint64 *) when));
        }
      if (entries->len > 0)
        g_key_file_set_string_list (file, self->group, event_keys[e],
                                    (const char * const *) entries->pdata, entries->len);
    }

  data = g_key_file_to_data (file, &length, NULL);
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  self->saving = TRUE;
  g_file_replace_contents_bytes_async (target, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                       on_state_saved, g_object_ref (self));
}

/* ---- the check ----------------------------------------------------------------------- */

typedef struct
{
  McTime     now;
  McTime     since;          /* overdue since: [since, now) */
  McTime     day_start;
  McTime     day_end;
  gboolean   want_summary;
} CheckJob;

typedef struct
{
  McTime              now;
  GPtrArray          *due_today;      /* McDossierSummary* due in [now, end of day) */
  GPtrArray          *overdue;        /* McDossierSummary* due in [since, now) */
  gboolean            have_summary;
  McDashboardFigures  figures;        /* of today */
  guint               due_today_all;  /* appointments today, passed or not, deadline running */
} CheckResult;

static void
check_result_free (gpointer data)
{
  CheckResult *result = data;

  g_clear_pointer (&result->due_today, g_ptr_array_unref);
  g_clear_pointer (&result->overdue, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckResult, check_result_free)

static gpointer
check_job (McStore   *store,
           gpointer   data,
           GError   **error)
{
  CheckJob *job = data;
  g_autoptr(CheckResult) result = g_new0 (CheckResult, 1);

  result->now = job->now;
  result->due_today = mc_store_list_due_between (store, job->now, job->day_end, 0, error);
  if (result->due_today == NULL)
    return NULL;
  result->overdue = mc_store_list_due_between (store, job->since, job->now, 0, error);
  if (result->overdue == NULL)
    return NULL;
  if (job->want_summary)
    {
      g_autoptr(GPtrArray) today = NULL;

      if (!mc_store_dashboard_figures (store, job->day_start, job->day_end, job->now, &result->figures, error))
        return NULL;
      today = mc_store_list_due_between (store, job->day_start, job->day_end, 0, error);
      if (today == NULL)
        return NULL;
      result->due_today_all = today->len;
      result->have_summary = TRUE;
    }
  return g_steal_pointer (&result);
}

static char *
format_moment (McTime t)
{
  McDay day = mc_time_local_day (t);
  g_autofree char *clock = mc_clock_format (mc_time_local_seconds (t));
  g_autofree char *date = mc_day_format_vi (day);

  if (day == mc_time_local_day (mc_time_now ()))
    return g_steal_pointer (&clock);
  return g_strdup_printf ("%s %s", clock, date);
}

static void
emit_notification (McReminders   *self,
                   const char    *id,
                   GNotification *notification)
{
  g_signal_emit (self, signals[NOTIFICATION], 0, id, notification);
}

/* One notification of @event for the dossiers @fresh (McDossierSummary*, not yet notified). */
static guint
notify_event (McReminders     *self,
              McReminderEvent  event,
              GPtrArray       *fresh)
{
  guint n = fresh->len;

  if (n == 0)
    return 0;
  if (n <= MAX_SINGLE)
    {
      for (guint i = 0; i < n; i++)
        {
          const McDossierSummary *dossier = g_ptr_array_index (fresh, i);
          g_autofree char *when = format_moment (dossier->current_due_at);
          g_autofree char *id = g_strdup_printf ("%s:%s", event_keys[event], dossier->code);
          g_autofree char *title = NULL;
          g_autofree char *body = NULL;
          g_autoptr(GNotification) notification = NULL;

          if (event == MC_REMINDER_DUE_TODAY)
            {
              /* Translators: a notification's title; %s is a dossier code. */
              title = g_strdup_printf (_("Due today: %s"), dossier->code);
              /* Translators: applicant — procedure, and the appointment's time. */
              body = g_strdup_printf (_("%s — %s. Appointment at %s."), dossier->applicant_name,
                                      dossier->procedure_name, when);
            }
          else
            {
              title = g_strdup_printf (_("Overdue: %s"), dossier->code);
              body = g_strdup_printf (_("%s — %s. The appointment was at %s."), dossier->applicant_name,
                                      dossier->procedure_name, when);
            }
          notification = g_notification_new (title);
          g_notification_set_body (notification, body);
          g_notification_set_priority (notification, event == MC_REMINDER_OVERDUE ? G_NOTIFICATION_PRIORITY_HIGH
                                                                                  : G_NOTIFICATION_PRIORITY_NORMAL);
          g_notification_set_default_action_and_target (notification, "app.show-dossier", "s", dossier->code);
          emit_notification (self, id, notification);
        }
      return n;
    }
  else
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;

      title = event == MC_REMINDER_DUE_TODAY
              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dossier is due today", "%u dossiers are due today", n), n)
              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dossier became overdue", "%u dossiers became overdue", n), n);
      for (guint i = 0; i < n && i < MAX_LISTED; i++)
        {
          const McDossierSummary *dossier = g_ptr_array_index (fresh, i);
          g_autofree char *when = format_moment (dossier->current_due_at);

          g_string_append_printf (body, "%s%s (%s)", i > 0 ? "\n" : "", dossier->code, when);
        }
      if (n > MAX_LISTED)
        {
          g_string_append_c (body, '\n');
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", n - MAX_LISTED),
                                  n - MAX_LISTED);
        }
      notification = g_notification_new (title);
      g_notification_set_body (notification, body->str);
      g_notification_set_priority (notification, event == MC_REMINDER_OVERDUE ? G_NOTIFICATION_PRIORITY_HIGH
                                                                              : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (notification, "app.show-page", "s", "dashboard");
      emit_notification (self, event_keys[event], notification);
      return 1;
    }
}

static void
notify_summary (McReminders       *self,
                const CheckResult *result)
{
  const McDashboardFigures *f = &result->figures;
  g_autofree char *overdue = mc_figures_format_count (f->overdue);
  g_autofree char *due_today = mc_figures_format_count (result->due_today_all);
  g_autofree char *due_soon = mc_figures_format_count (f->due_soon);
  g_autofree char *waiting = mc_figures_format_count (f->waiting);
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = g_notification_new (_("Deadlines today"));

  /* Translators: the daily summary; each %s is a count of dossiers. */
  body = g_strdup_printf (_("Overdue: %s\nDue today: %s\nDue soon: %s\nWaiting for the applicant: %s"),
                          overdue, due_today, due_soon, waiting);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "dashboard");
  emit_notification (self, "daily-summary", notification);
}

/* The dossiers of @candidates not yet notified of @event, now marked as notified at @now. */
static GPtrArray *
take_fresh (McReminders     *self,
            McReminderEvent  event,
            GPtrArray       *candidates,
            McTime           now)
{
  GPtrArray *fresh = g_ptr_array_new ();

  for (guint i = 0; i < candidates->len; i++)
    {
      McDossierSummary *dossier = g_ptr_array_index (candidates, i);
      gint64 *when;

      if (dossier->code == NULL || g_hash_table_contains (self->notified[event], dossier->code))
        continue;
      when = g_new (gint64, 1);
      *when = now;
      g_hash_table_insert (self->notified[event], g_strdup (dossier->code), when);
      g_ptr_array_add (fresh, dossier);
    }
  return fresh;
}

static void
check_done (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McReminders *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CheckResult) result = mc_context_run_finish (MC_CONTEXT (source), res, &error);
  g_autoptr(GPtrArray) fresh_due = NULL;
  g_autoptr(GPtrArray) fresh_overdue = NULL;
  guint n_sent = 0;

  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Against what is notified NOW: another check may have finished meanwhile. */
  fresh_due = take_fresh (self, MC_REMINDER_DUE_TODAY, result->due_today, result->now);
  fresh_overdue = take_fresh (self, MC_REMINDER_OVERDUE, result->overdue, result->now);
  n_sent += notify_event (self, MC_REMINDER_OVERDUE, fresh_overdue);
  n_sent += notify_event (self, MC_REMINDER_DUE_TODAY, fresh_due);
  if (result->have_summary && self->summary_day != mc_time_local_day (result->now))
    {
      self->summary_day = mc_time_local_day (result->now);
      notify_summary (self, result);
      n_sent++;
    }
  if (self->last_check == MC_TIME_NONE || result->now > self->last_check)
    self->last_check = result->now;
  g_task_set_task_data (task, GUINT_TO_POINTER (n_sent), NULL);
  save_state (self, task);
}

void
mc_reminders_check_async (McReminders         *self,
                          McTime               now,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  const McOfficeSettings *office;
  CheckJob *job;
  GTask *task;
  McDay today;

  g_return_if_fail (MC_IS_REMINDERS (self));

  task = g_task_new (self, cancellable, callback, user_data);

  job = g_new0 (CheckJob, 1);
  job->now = now == MC_TIME_NONE ? mc_time_now () : now;
  today = mc_time_local_day (job->now);
  job->day_start = mc_time_from_local (today, 0);
  job->day_end = mc_time_from_local (today + 1, 0);
  /* Since the last check; on a database never checked, since the start of the day. */
  job->since = self->last_check != MC_TIME_NONE && self->last_check < job->now ? self->last_check : job->day_start;
  job->since = MAX (job->since, job->now - MAX_LOOK_BACK);
  office = mc_context_get_office (self->context);
  job->want_summary = office->reminders_summary_time >= 0 && self->summary_day != today &&
                      mc_time_local_seconds (job->now) >= office->reminders_summary_time;

  mc_context_run_async (self->context, check_job, job, g_free, check_result_free,
                        cancellable != NULL ? cancellable : self->cancellable, check_done, task);
}

gboolean
mc_reminders_check_finish (McReminders   *self,
                           GAsyncResult  *result,
                           guint         *n_sent,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_sent != NULL)
    *n_sent = (guint) n;
  return TRUE;
}

/* ---- the timer ------------------------------------------------------------------------ */

static void
timer_check_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  McReminders *self = MC_REMINDERS (source);
  g_autoptr(GError) error = NULL;

  self->checking = FALSE;
  if (!mc_reminders_check_finish (self, result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Checking the deadlines for reminders failed: %s", error->message);
}

static gboolean
on_timer (gpointer user_data)
{
  McReminders *self = user_data;

  /* A check that has not come back yet (a long job ahead of it) is not doubled. */
  if (!self->checking)
    {
      self->checking = TRUE;
      mc_reminders_check_async (self, MC_TIME_NONE, self->cancellable, timer_check_done, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_timer (gpointer user_data)
{
  McReminders *self = user_data;

  on_timer (self);
  self->timer = g_timeout_add_seconds (CHECK_SECONDS, on_timer, self);
  return G_SOURCE_REMOVE;
}

void
mc_reminders_start (McReminders *self)
{
  g_return_if_fail (MC_IS_REMINDERS (self));

  if (self->timer == 0)
    self->timer = g_timeout_add_seconds (FIRST_CHECK_SECONDS, on_first_timer, self);
}

void
mc_reminders_stop (McReminders *self)
{
  g_return_if_fail (MC_IS_REMINDERS (self));

  g_clear_handle_id (&self->timer, g_source_remove);
}

gboolean
mc_reminders_was_notified (McReminders     *self,
                           const char      *code,
                           McReminderEvent  event)
{
  g_return_val_if_fail (MC_IS_REMINDERS (self), FALSE);
  g_return_val_if_fail (event == MC_REMINDER_DUE_TODAY || event == MC_REMINDER_OVERDUE, FALSE);

  return code != NULL && g_hash_table_contains (self->notified[event], code);
}

/* ---- the object ----------------------------------------------------------------------- */

static void
mc_reminders_real_notification (McReminders   *self,
                                const char    *id,
                                GNotification *notification)
{
  if (self->application != NULL && g_application_get_is_registered (self->application))
    g_application_send_notification (self->application, id, notification);
}

static void
mc_reminders_dispose (GObject *object)
{
  McReminders *self = MC_REMINDERS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (mc_reminders_parent_class)->dispose (object);
}

static void
mc_reminders_finalize (GObject *object)
{
  McReminders *self = MC_REMINDERS (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->notified[0], g_hash_table_unref);
  g_clear_pointer (&self->notified[1], g_hash_table_unref);
  g_clear_pointer (&self->save_waiters, g_ptr_array_unref);
  g_free (self->state_path);
  g_free (self->group);

  G_OBJECT_CLASS (mc_reminders_parent_class)->finalize (object);
}

static void
mc_reminders_class_init (McRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_reminders_dispose;
  object_class->finalize = mc_reminders_finalize;

  /**
   * McReminders::notification:
   * @id: the notification's id: "due-today:CODE", "overdue:CODE", "due-today", "overdue"
   *   (several dossiers) or "daily-summary"
   * @notification: the GNotification
   *
   * A notification is to be shown. The default handler sends it through the application;
   * a handler that stops the emission keeps it from being sent.
   */
  signals[NOTIFICATION] =
    g_signal_new_class_handler ("notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (mc_reminders_real_notification), NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_NOTIFICATION);
}

static void
mc_reminders_init (McReminders *self)
{
  self->cancellable = g_cancellable_new ();
  self->last_check = MC_TIME_NONE;
  self->save_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint e = 0; e < G_N_ELEMENTS (self->notified); e++)
    self->notified[e] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

McReminders *
mc_reminders_new (GApplication *application,
                  McContext    *context,
                  const char   *state_path)
{
  McReminders *self;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  self = g_object_new (MC_TYPE_REMINDERS, NULL);
  g_set_weak_pointer (&self->application, application);
  self->context = g_object_ref (context);
  self->state_path = state_path != NULL ? g_strdup (state_path)
                                        : g_build_filename (g_get_user_data_dir (), "motcua", "reminders.ini", NULL);
  self->group = group_for_path (mc_store_get_path (mc_context_get_store (context)));
  folder = g_path_get_dirname (self->state_path);
  g_mkdir_with_parents (folder, 0700);
  load_state (self);
  return self;
}
