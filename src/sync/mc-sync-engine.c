/* mc-sync-engine.c — the background loop around one sync run.
 *
 * A run (mc-sync-run.c) happens in a GTask thread with its own database connection, one
 * at a time; the libcurl client lives from run to run so that the connection and the
 * portal session are reused. What the run learns (counts, last success, last error)
 * reaches the properties through the engine's main context, so the header bar's bindings
 * are only ever touched there. The loop itself — when to run next — lives in that main
 * context too: timers, nudges and the network monitor's signal never wait on I/O.
 */
#include "config.h"

#include "mc-i18n.h"
#include "mc-sync-engine.h"

/* A run every minute picks up changes made by other programs (the CLI, another window). */
#define POLL_SECONDS 60
/* A change just committed is sent after this pause, so a burst goes in one call. */
#define NUDGE_MILLISECONDS 300
/* Another program holds the lock: look again after this. */
#define BUSY_SECONDS 20
#define BACKOFF_BASE_SECONDS 2.0
#define DEFAULT_PULL_INTERVAL (5 * 60)

G_DEFINE_ENUM_TYPE (McSyncState, mc_sync_state,
  G_DEFINE_ENUM_VALUE (MC_SYNC_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (MC_SYNC_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (MC_SYNC_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (MC_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (MC_SYNC_STATE_NOT_CONFIGURED, "not-configured"))

const char *
mc_sync_state_describe (McSyncState state)
{
  switch (state)
    {
    case MC_SYNC_STATE_IDLE:           return _("Up to date");
    case MC_SYNC_STATE_SENDING:        return _("Sending to the portal");
    case MC_SYNC_STATE_WAITING:        return _("Waiting to try the portal again");
    case MC_SYNC_STATE_OFFLINE:        return _("No network");
    case MC_SYNC_STATE_NOT_CONFIGURED: return _("No portal configured");
    default:                           return "";
    }
}

double
mc_sync_backoff_seconds (guint   failures,
                         double  cap,
                         GRand  *rand)
{
  double delay = BACKOFF_BASE_SECONDS;

  cap = MAX (cap, 1.0);
  for (guint i = 1; i < failures && delay < cap; i++)
    delay *= 2;
  delay = MIN (delay, cap);
  return delay * (rand ? g_rand_double_range (rand, 0.5, 1.0) : 1.0);
}

struct _McSyncEngine
{
  GObject          parent_instance;

  char            *db_path;          /* owned */
  GMainContext    *context;          /* owned ref: where properties change and timers run */

  /* What the caller set for the runs; read by the worker under config_mutex. */
  GMutex           config_mutex;
  McPortalConfig  *override;         /* owned, or NULL */
  guint            batch_size;       /* 0: the setting */
  int              pull_interval;

  /* The worker's own: one run at a time, under run_mutex. */
  GMutex           run_mutex;
  McPortalClient  *client;           /* owned, kept between runs (keep-alive, session) */
  gint64           last_pull;        /* monotonic µs, 0: never */

  /* What is shown (main context only). */
  gint64           pending;
  gint64           failed;
  McTime           last_success;
  char            *last_error;       /* owned */
  McSyncState      state;
  McTime           next_attempt;

  /* The background loop (main context only). */
  gboolean         started;
  GSource         *timer;            /* owned */
  GCancellable    *cancellable;      /* owned: the background run under way */
  gboolean         running;
  gboolean         run_again;
  guint            failures;
  double           backoff_cap;
  GNetworkMonitor *monitor;          /* borrowed singleton */
  gulong           network_handler;
  GRand           *rand;             /* owned */
};

G_DEFINE_FINAL_TYPE (McSyncEngine, mc_sync_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PENDING,
  PROP_FAILED,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_STATE,
  PROP_NEXT_ATTEMPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RUN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_run (McSyncEngine *self, double seconds);

static void
mc_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_FAILED:
      g_value_set_int64 (value, self->failed);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success == MC_TIME_NONE ? 0 : self->last_success);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_NEXT_ATTEMPT:
      g_value_set_int64 (value, self->next_attempt == MC_TIME_NONE ? 0 : self->next_attempt);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_engine_dispose (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  mc_sync_engine_stop (self);
  G_OBJECT_CLASS (mc_sync_engine_parent_class)->dispose (object);
}

static void
mc_sync_engine_finalize (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->override, mc_portal_config_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->last_error);
  g_free (self->db_path);
  g_mutex_clear (&self->config_mutex);
  g_mutex_clear (&self->run_mutex);

  G_OBJECT_CLASS (mc_sync_engine_parent_class)->finalize (object);
}

static void
mc_sync_engine_class_init (McSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mc_sync_engine_get_property;
  object_class->dispose = mc_sync_engine_dispose;
  object_class->finalize = mc_sync_engine_finalize;

  properties[PROP_PENDING] =
    g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED] =
    g_param_spec_int64 ("failed", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MC_TYPE_SYNC_STATE, MC_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_ATTEMPT] =
    g_param_spec_int64 ("next-attempt", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After each background run, once the properties show its outcome: the run's report
   * (const McSyncReport *) and its error (const GError *, NULL when it succeeded), both
   * valid during the emission. */
  signals[RUN_FINISHED] = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);
}

static void
mc_sync_engine_init (McSyncEngine *self)
{
  g_mutex_init (&self->config_mutex);
  g_mutex_init (&self->run_mutex);
  self->pull_interval = DEFAULT_PULL_INTERVAL;
  self->last_success = MC_TIME_NONE;
  self->next_attempt = MC_TIME_NONE;
  self->state = MC_SYNC_STATE_IDLE;
  self->backoff_cap = 600;
  self->rand = g_rand_new ();
}

McSyncEngine *
mc_sync_engine_new (const char *db_path)
{
  McSyncEngine *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (MC_TYPE_SYNC_ENGINE, NULL);
  self->db_path = g_strdup (db_path);
  self->context = g_main_context_ref_thread_default ();
  return self;
}

void
mc_sync_engine_set_override (McSyncEngine         *self,
                             const McPortalConfig *config)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->config_mutex);
  g_clear_pointer (&self->override, mc_portal_config_free);
  self->override = config ? mc_portal_config_copy (config) : NULL;
  g_mutex_unlock (&self->config_mutex);
}

void
mc_sync_engine_set_batch_size (McSyncEngine *self,
                               guint         batch_size)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->config_mutex);
  self->batch_size = batch_size;
  g_mutex_unlock (&self->config_mutex);
}

void
mc_sync_engine_set_pull_interval (McSyncEngine *self,
                                  int           seconds)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->config_mutex);
  self->pull_interval = seconds;
  g_mutex_unlock (&self->config_mutex);
}

/* From the worker to the properties. */

typedef struct
{
  McSyncEngine *engine;             /* owned ref */
  gboolean      has_state;
  McSyncState   state;
  gboolean      has_counts;
  gint64        pending;
  gint64        failed;
  gboolean      has_record;
  McTime        last_success;
  char         *last_error;         /* owned, NULL when the last run succeeded */
  double        backoff_cap;        /* 0: unknown */
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_object_unref (snapshot->engine);
  g_free (snapshot->last_error);
  g_free (snapshot);
}

static void
set_state (McSyncEngine *self,
           McSyncState   state,
           McTime        next_attempt)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->next_attempt != next_attempt)
    {
      self->next_attempt = next_attempt;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ATTEMPT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
apply_snapshot (gpointer data)
{
  Snapshot *snapshot = data;
  McSyncEngine *self = snapshot->engine;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (snapshot->has_counts && self->pending != snapshot->pending)
    {
      self->pending = snapshot->pending;
      g_object_notify_by_pspec (object, properties[PROP_PENDING]);
    }
  if (snapshot->has_counts && self->failed != snapshot->failed)
    {
      self->failed = snapshot->failed;
      g_object_notify_by_pspec (object, properties[PROP_FAILED]);
    }
  if (snapshot->has_record && self->last_success != snapshot->last_success)
    {
      self->last_success = snapshot->last_success;
      g_object_notify_by_pspec (object, properties[PROP_LAST_SUCCESS]);
    }
  if (snapshot->has_record && g_strcmp0 (self->last_error, snapshot->last_error) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (snapshot->last_error);
      g_object_notify_by_pspec (object, properties[PROP_LAST_ERROR]);
    }
  if (snapshot->backoff_cap > 0)
    self->backoff_cap = snapshot->backoff_cap;
  if (snapshot->has_state)
    set_state (self, snapshot->state, MC_TIME_NONE);
  g_object_thaw_notify (object);
  return G_SOURCE_REMOVE;
}

/* Runs at once when called from the engine's own thread, else queued to it. */
static void
publish (McSyncEngine *self,
         Snapshot     *snapshot)
{
  snapshot->engine = g_object_ref (self);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, apply_snapshot, snapshot, snapshot_free);
}

static void
publish_state (McSyncEngine *self,
               McSyncState   state)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->has_state = TRUE;
  snapshot->state = state;
  publish (self, snapshot);
}

/* One run (worker thread). */

/* The settings, with the caller's replacements. */
static McPortalConfig *
make_config (McSyncEngine           *self,
             const McOfficeSettings *settings,
             guint                  *batch_size,
             int                    *pull_interval)
{
  McPortalConfig *config = mc_portal_config_new_from_settings (settings);
  const McPortalConfig *o;

  g_mutex_lock (&self->config_mutex);
  o = self->override;
#define REPLACE(field) if (o && o->field && *o->field) { g_free (config->field); config->field = g_strdup (o->field); }
  REPLACE (base_url);
  REPLACE (auth_path);
  REPLACE (service_path);
  REPLACE (username);
  REPLACE (password_file);
  REPLACE (dstcode);
  REPLACE (ca_file);
  REPLACE (proxy);
#undef REPLACE
  if (o && o->connect_timeout_seconds > 0)
    config->connect_timeout_seconds = o->connect_timeout_seconds;
  if (o && o->timeout_seconds > 0)
    config->timeout_seconds = o->timeout_seconds;
  if (o && o->new_connection_per_call)
    config->new_connection_per_call = TRUE;
  *batch_size = self->batch_size ? self->batch_size : (guint) settings->sync_batch_size;
  *pull_interval = self->pull_interval;
  g_mutex_unlock (&self->config_mutex);
  return config;
}

/* The client of the last run while the configuration is the same (its connection and
 * session), else a new one. */
static gboolean
ensure_client (McSyncEngine          *self,
               const McPortalConfig  *config,
               GError               **error)
{
  McPortalClient *client;

  if (self->client != NULL && mc_portal_config_equal (mc_portal_client_get_config (self->client), config))
    return TRUE;
  g_clear_object (&self->client);
  client = mc_portal_client_new (config, error);
  if (client == NULL)
    return FALSE;
  self->client = client;
  return TRUE;
}

/* Failures that are the administrator's to see in the last error (not "nothing to do
 * yet" nor "someone else is at it"). */
static gboolean
is_recorded_failure (const GError *error)
{
  return error != NULL &&
         !g_error_matches (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_NOT_CONFIGURED) &&
         !g_error_matches (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CANCELLED) &&
         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
         !g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_BUSY);
}

typedef enum
{
  WORK_RUN,           /* push, and pull when due */
  WORK_PULL,          /* pull only */
  WORK_CATALOGUE,     /* the catalogue only */
} Work;

static gboolean
engine_work (McSyncEngine  *self,
             Work           work,
             McSyncReport  *report,
             guint         *n_procedures,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSyncLock) lock = NULL;
  g_autoptr(McPortalConfig) config = NULL;
  g_autoptr(GError) run_error = NULL;
  McSyncReport local_report;
  McOutboxCounts counts;
  gboolean used_network = FALSE;
  gboolean pull_due;
  guint batch_size = 0;
  int pull_interval = 0;
  Snapshot *snapshot;

  if (report == NULL)
    report = &local_report;
  memset (report, 0, sizeof *report);
  report->next_retry_at = MC_TIME_NONE;

  g_mutex_lock (&self->run_mutex);
  publish_state (self, MC_SYNC_STATE_SENDING);
  snapshot = g_new0 (Snapshot, 1);
  snapshot->has_state = TRUE;
  snapshot->state = MC_SYNC_STATE_IDLE;

  store = mc_store_open (self->db_path, &run_error);
  if (store == NULL || !mc_store_count_outbox (store, &counts, &run_error))
    goto out;
  {
    /* The counts first, so the header bar is right even when the portal is not. */
    Snapshot *early = g_new0 (Snapshot, 1);

    early->has_counts = TRUE;
    early->pending = counts.pending;
    early->failed = counts.failed;
    publish (self, early);
  }

  config = make_config (self, mc_store_get_settings (store), &batch_size, &pull_interval);
  snapshot->backoff_cap = mc_store_get_settings (store)->sync_backoff_cap_seconds;
  if (!ensure_client (self, config, &run_error))
    goto out;
  pull_due = work == WORK_PULL ||
             (work == WORK_RUN && (pull_interval == 0 ||
                                   (pull_interval > 0 && (self->last_pull == 0 ||
                                                          g_get_monotonic_time () - self->last_pull >=
                                                          (gint64) pull_interval * G_USEC_PER_SEC))));
  if (work == WORK_RUN && counts.pending == 0 && !pull_due)
    goto out;

  lock = mc_sync_lock_acquire (self->db_path, cancellable, &run_error);
  if (lock == NULL)
    goto out;
  used_network = TRUE;
  if (work == WORK_CATALOGUE &&
      !mc_sync_refresh_catalogue (store, self->client, n_procedures, cancellable, &run_error))
    goto out;
  if (work == WORK_RUN && counts.pending > 0 &&
      !mc_sync_push (store, self->client, lock, batch_size, snapshot->backoff_cap, report, cancellable, &run_error))
    goto out;
  if (pull_due)
    {
      if (!mc_sync_pull (store, self->client, report, cancellable, &run_error))
        goto out;
      self->last_pull = g_get_monotonic_time ();
    }

out:
  g_clear_pointer (&lock, mc_sync_lock_release);
  if (run_error != NULL && (g_error_matches (run_error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_LOGIN) ||
                            g_error_matches (run_error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG)))
    g_clear_object (&self->client);   /* the password file is read again next time */
  if (g_error_matches (run_error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_NOT_CONFIGURED))
    snapshot->state = MC_SYNC_STATE_NOT_CONFIGURED;

  if (store != NULL)
    {
      g_autoptr(GError) record_error = NULL;
      McSyncRecord record;

      if ((used_network && run_error == NULL) || is_recorded_failure (run_error))
        mc_store_record_sync_run (store, mc_time_now (), run_error ? run_error->message : NULL, &record_error);
      if (mc_store_count_outbox (store, &counts, record_error ? NULL : &record_error))
        {
          report->pending = counts.pending;
          report->failed = counts.failed;
          report->to_receive = counts.to_receive;
          report->next_retry_at = counts.next_attempt_at;
          snapshot->has_counts = TRUE;
          snapshot->pending = counts.pending;
          snapshot->failed = counts.failed;
        }
      if (mc_store_get_sync_record (store, &record, record_error ? NULL : &record_error))
        {
          snapshot->has_record = TRUE;
          snapshot->last_success = record.last_success_at;
          snapshot->last_error = g_strdup (record.last_error);
          mc_sync_record_clear (&record);
        }
      if (record_error != NULL && run_error == NULL)
        run_error = g_steal_pointer (&record_error);
    }
  publish (self, snapshot);
  g_mutex_unlock (&self->run_mutex);

  if (run_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_sync_engine_run_once (McSyncEngine  *self,
                         McSyncReport  *report,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), FALSE);
  return engine_work (self, WORK_RUN, report, NULL, cancellable, error);
}

gboolean
mc_sync_engine_pull (McSyncEngine  *self,
                     McSyncReport  *report,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), FALSE);
  return engine_work (self, WORK_PULL, report, NULL, cancellable, error);
}

gboolean
mc_sync_engine_refresh_catalogue (McSyncEngine  *self,
                                  guint         *n_procedures,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), FALSE);
  return engine_work (self, WORK_CATALOGUE, NULL, n_procedures, cancellable, error);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  McSyncReport *report = task_data;
  GError *error = NULL;

  if (mc_sync_engine_run_once (MC_SYNC_ENGINE (source_object), report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mc_sync_engine_run_once_async (McSyncEngine        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_task_data (task, g_new0 (McSyncReport, 1), g_free);
  /* The report is kept whether or not the run failed: see _finish. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

gboolean
mc_sync_engine_run_once_finish (McSyncEngine  *self,
                                GAsyncResult  *result,
                                McSyncReport  *report,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (report != NULL)
    *report = *(McSyncReport *) g_task_get_task_data (G_TASK (result));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The background loop (main context). */

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CANCELLED);
}

static void
background_run_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  McSyncEngine *self = MC_SYNC_ENGINE (source);
  g_autoptr(GError) error = NULL;
  McSyncReport report = { 0 };
  gboolean ok = mc_sync_engine_run_once_finish (self, result, &report, &error);
  McTime now = mc_time_now ();

  self->running = FALSE;
  g_clear_object (&self->cancellable);
  if (!self->started || is_cancelled (error))
    goto out;

  if (ok)
    {
      self->failures = 0;
      /* A record postponed by the portal is tried again at its time. */
      if (report.pending > 0 && report.next_retry_at != MC_TIME_NONE && report.next_retry_at - now < POLL_SECONDS)
        schedule_run (self, (double) MAX (report.next_retry_at - now, 1));
      else
        schedule_run (self, POLL_SECONDS);
    }
  else if (g_error_matches (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_NOT_CONFIGURED))
    schedule_run (self, POLL_SECONDS);
  else if (g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_BUSY))
    {
      schedule_run (self, BUSY_SECONDS);
      set_state (self, MC_SYNC_STATE_WAITING, now + BUSY_SECONDS);
    }
  else
    {
      double delay = mc_sync_backoff_seconds (++self->failures, self->backoff_cap, self->rand);
      gboolean offline = self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor);

      schedule_run (self, delay);
      set_state (self, offline ? MC_SYNC_STATE_OFFLINE : MC_SYNC_STATE_WAITING, now + (McTime) (delay + 0.999));
    }
  if (self->run_again)
    {
      self->run_again = FALSE;
      if (self->state != MC_SYNC_STATE_WAITING && self->state != MC_SYNC_STATE_OFFLINE)
        schedule_run (self, NUDGE_MILLISECONDS / 1000.0);
    }

out:
  g_signal_emit (self, signals[RUN_FINISHED], 0, &report, error);
}

static void
launch_run (McSyncEngine *self)
{
  if (self->running)
    {
      self->run_again = TRUE;
      return;
    }
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  set_state (self, MC_SYNC_STATE_SENDING, MC_TIME_NONE);
  mc_sync_engine_run_once_async (self, self->cancellable, background_run_done, NULL);
}

static gboolean
timer_fired (gpointer user_data)
{
  McSyncEngine *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  launch_run (self);
  return G_SOURCE_REMOVE;
}

static void
cancel_timer (McSyncEngine *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static void
schedule_run (McSyncEngine *self,
              double        seconds)
{
  cancel_timer (self);
  self->timer = g_timeout_source_new ((guint) MIN (seconds * 1000.0, (double) G_MAXUINT));
  g_source_set_callback (self->timer, timer_fired, self, NULL);
  g_source_set_static_name (self->timer, "[motcua] sync engine timer");
  g_source_attach (self->timer, self->context);
}

static void
network_changed (GNetworkMonitor *monitor,
                 gboolean         available,
                 McSyncEngine    *self)
{
  if (!self->started)
    return;
  if (!available)
    {
      if (!self->running && self->state == MC_SYNC_STATE_WAITING)
        set_state (self, MC_SYNC_STATE_OFFLINE, self->next_attempt);
      return;
    }
  /* The link is back: whatever waits goes now, with the backoff starting over. */
  if (self->state == MC_SYNC_STATE_WAITING || self->state == MC_SYNC_STATE_OFFLINE)
    {
      self->failures = 0;
      schedule_run (self, 0);
    }
}

void
mc_sync_engine_start (McSyncEngine *self)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->failures = 0;
  self->monitor = g_network_monitor_get_default ();
  self->network_handler = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed), self);
  schedule_run (self, 0);
}

void
mc_sync_engine_stop (McSyncEngine *self)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  if (!self->started)
    return;
  self->started = FALSE;
  cancel_timer (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_handler, self->monitor);
  self->monitor = NULL;
  if (!self->running)
    set_state (self, MC_SYNC_STATE_IDLE, MC_TIME_NONE);
}

void
mc_sync_engine_nudge (McSyncEngine *self)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  if (!self->started)
    return;
  if (self->running)
    {
      self->run_again = TRUE;
      return;
    }
  /* While backing off, a new change waits with the others: trying now would fail too. */
  if (self->state == MC_SYNC_STATE_WAITING || self->state == MC_SYNC_STATE_OFFLINE)
    return;
  schedule_run (self, NUDGE_MILLISECONDS / 1000.0);
}

void
mc_sync_engine_send_now (McSyncEngine *self)
{
  g_return_if_fail (MC_IS_SYNC_ENGINE (self));

  if (!self->started)
    return;
  if (self->running)
    {
      self->run_again = TRUE;
      return;
    }
  self->failures = 0;
  schedule_run (self, 0);
}

gint64
mc_sync_engine_get_pending (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), 0);
  return self->pending;
}

gint64
mc_sync_engine_get_failed (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), 0);
  return self->failed;
}

McTime
mc_sync_engine_get_last_success (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), MC_TIME_NONE);
  return self->last_success;
}

const char *
mc_sync_engine_get_last_error (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), NULL);
  return self->last_error;
}

McSyncState
mc_sync_engine_get_state (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), MC_SYNC_STATE_IDLE);
  return self->state;
}

McTime
mc_sync_engine_get_next_attempt (McSyncEngine *self)
{
  g_return_val_if_fail (MC_IS_SYNC_ENGINE (self), MC_TIME_NONE);
  return self->next_attempt;
}
