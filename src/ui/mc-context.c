/* mc-context.c — the app's shared state and its store worker.
 *
 * SQLite connections and the store's cached statements belong to one thread at a time, so all
 * store work of the app goes through one GThreadPool with a single thread: jobs run in the
 * order they were asked for, the main loop never waits on the disk, and no lock is needed
 * around the store. Views that read a lot (the dossier list) open their own connection.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-context.h"

struct _McContext
{
  GObject           parent_instance;

  McSyncEngine     *sync_engine;  /* owned, or NULL */
  McStore          *store;        /* owned */
  GSettings        *settings;     /* owned */
  McOfficeSettings *office;       /* owned copy: jobs may not be touching the store's own */
  GThreadPool      *worker;       /* one thread: jobs run in order */
  gboolean          has_accounts; /* the desk is in multi-user mode */
  McAccount        *account;      /* owned copy of the store's signed-in account, or NULL */
};

G_DEFINE_FINAL_TYPE (McContext, mc_context, G_TYPE_OBJECT)

enum
{
  DOSSIER_CHANGED,
  SETTING_REFUSED,
  ACCOUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  McStoreJob      job;
  gpointer        job_data;
  GDestroyNotify  job_data_free;
  GDestroyNotify  result_free;
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  if (job->job_data_free != NULL)
    g_clear_pointer (&job->job_data, job->job_data_free);
  g_free (job);
}

static gboolean
accounts_appeared (gpointer user_data)
{
  McContext *self = user_data;

  if (!g_atomic_int_get (&self->has_accounts))
    {
      g_atomic_int_set (&self->has_accounts, TRUE);
      g_signal_emit (self, signals[ACCOUNT_CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

static void
mc_context_run_job (gpointer data,
                    gpointer user_data)
{
  g_autoptr(GTask) task = data;
  McContext *self = g_task_get_source_object (task);
  JobData *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = job->job (self->store, job->job_data, &error);
  /* Accounts made by another program (motcua-cli account add) while the app runs: the store
   * now wants someone signed in, and the app learns so from the refusal. */
  if (result == NULL && g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN) &&
      !g_atomic_int_get (&self->has_accounts))
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, accounts_appeared,
                                g_object_ref (self), g_object_unref);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

static void
mc_context_finalize (GObject *object)
{
  McContext *self = MC_CONTEXT (object);

  /* Waits for queued jobs: a dossier being saved is written before the store closes. */
  g_thread_pool_free (self->worker, FALSE, TRUE);
  g_clear_pointer (&self->office, mc_office_settings_free);
  g_clear_pointer (&self->account, mc_account_free);
  if (self->sync_engine != NULL)
    mc_sync_engine_stop (self->sync_engine);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mc_context_parent_class)->finalize (object);
}

static void
mc_context_class_init (McContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_context_finalize;

  /**
   * McContext::dossier-changed:
   * @code: the dossier's code
   *
   * A dossier was received or moved on this desk.
   */
  signals[DOSSIER_CHANGED] =
    g_signal_new ("dossier-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * McContext::setting-refused:
   * @key: the GSettings key
   * @message: why the store refused its new value
   *
   * An office preference was changed from outside the app (dconf, gsettings set) to a value
   * the office settings refuse; the value in force stays.
   */
  signals[SETTING_REFUSED] =
    g_signal_new ("setting-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * McContext::account-changed:
   *
   * Someone signed in, or nobody is signed in any more (mc_context_get_account).
   */
  signals[ACCOUNT_CHANGED] =
    g_signal_new ("account-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mc_context_init (McContext *self)
{
  self->worker = g_thread_pool_new (mc_context_run_job, self, 1, FALSE, NULL);
}

/* The office setting a GSettings key mirrors ("office-name" is "office.name"), or NULL. */
static const char *
office_key_for (const char *gsettings_key)
{
  gsize n_keys;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n_keys);

  for (gsize i = 0; i < n_keys; i++)
    {
      g_autofree char *dashed = g_strdelimit (g_strdup (keys[i].key), ".", '-');

      if (g_str_equal (dashed, gsettings_key))
        return keys[i].key;
    }
  return NULL;
}

static void
on_settings_changed (McContext  *self,
                     const char *key,
                     GSettings  *settings)
{
  g_autoptr(GError) error = NULL;

  if (mc_context_push_setting (self, key, &error))
    return;

  /* On a desk with accounts the store's value is the office's: a change the signed-in account
   * may not make (or one made before anyone signed in) goes back to it. */
  if (g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN))
    {
      const char *office_key = office_key_for (key);
      g_autofree char *in_force = office_key != NULL ? mc_office_settings_get (self->office, office_key) : NULL;

      if (in_force != NULL)
        g_settings_set_string (settings, key, in_force);
      g_signal_emit (self, signals[SETTING_REFUSED], 0, key, error->message);
      return;
    }

  /* The preferences window validates before writing; a value refused here came from outside
   * (dconf, gsettings set): keep the store's value and say so. */
  g_warning ("Setting %s refused: %s", key, error->message);
  g_signal_emit (self, signals[SETTING_REFUSED], 0, key, error->message);
}

/* Copies every office preference the user has set into the store. */
static void
push_user_settings (McContext *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) user_value = g_settings_get_user_value (self->settings, keys[i]);

      if (user_value != NULL)
        on_settings_changed (self, keys[i], self->settings);
    }
}

McContext *
mc_context_new (McStore   *store,
                GSettings *settings)
{
  McContext *self;

  g_return_val_if_fail (MC_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MC_TYPE_CONTEXT, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->office = mc_office_settings_copy (mc_store_get_settings (store));
  /* Before any job runs: the store is still the caller's alone. */
  g_atomic_int_set (&self->has_accounts, mc_store_has_accounts (store));

  /* GSettings is where the preferences window (and dconf) write; the store is where the CLI
   * and the receiving transaction read. Mirroring here, not in the application, means every
   * holder of a context (the app, the UI tests) sees a saved preference the same way. */
  push_user_settings (self);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

McStore *
mc_context_get_store (McContext *self)
{
  g_return_val_if_fail (MC_IS_CONTEXT (self), NULL);
  return self->store;
}

GSettings *
mc_context_get_settings (McContext *self)
{
  g_return_val_if_fail (MC_IS_CONTEXT (self), NULL);
  return self->settings;
}

const McOfficeSettings *
mc_context_get_office (McContext *self)
{
  g_return_val_if_fail (MC_IS_CONTEXT (self), NULL);
  return self->office;
}

char *
mc_context_dup_clerk (McContext *self)
{
  g_autofree char *clerk = NULL;

  g_return_val_if_fail (MC_IS_CONTEXT (self), NULL);

  /* Signed in, the clerk is the account's holder (the store records that name anyway). */
  if (self->account != NULL)
    return g_strdup (self->account->full_name);
  clerk = g_settings_get_string (self->settings, "clerk-name");
  g_strstrip (clerk);
  if (clerk[0] == '\0')
    {
      g_free (clerk);
      clerk = g_strdup (g_get_real_name ());
      if (clerk[0] == '\0' || g_str_equal (clerk, "Unknown"))
        {
          g_free (clerk);
          clerk = g_strdup (g_get_user_name ());
        }
    }
  return g_steal_pointer (&clerk);
}

void
mc_context_run_async (McContext           *self,
                      McStoreJob           job,
                      gpointer             job_data,
                      GDestroyNotify       job_data_free_func,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JobData *data;

  g_return_if_fail (MC_IS_CONTEXT (self));
  g_return_if_fail (job != NULL);

  data = g_new0 (JobData, 1);
  data->job = job;
  data->job_data = job_data;
  data->job_data_free = job_data_free_func;
  data->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_task_data (task, data, job_data_free);
  g_thread_pool_push (self->worker, g_steal_pointer (&task), NULL);
}

gpointer
mc_context_run_finish (McContext     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mc_context_dossier_changed (McContext  *self,
                            const char *code)
{
  g_return_if_fail (MC_IS_CONTEXT (self));
  g_signal_emit (self, signals[DOSSIER_CHANGED], 0, code);
  if (self->sync_engine != NULL)
    mc_sync_engine_nudge (self->sync_engine);
}

void
mc_context_set_sync_engine (McContext    *self,
                            McSyncEngine *engine)
{
  g_return_if_fail (MC_IS_CONTEXT (self));
  g_return_if_fail (engine == NULL || MC_IS_SYNC_ENGINE (engine));

  g_set_object (&self->sync_engine, engine);
}

McSyncEngine *
mc_context_get_sync_engine (McContext *self)
{
  g_return_val_if_fail (MC_IS_CONTEXT (self), NULL);
  return self->sync_engine;
}

typedef struct
{
  char *key;
  char *value;
} SettingJob;

static void
setting_job_free (gpointer data)
{
  SettingJob *job = data;

  g_free (job->key);
  g_free (job->value);
  g_free (job);
}

static gpointer
push_setting_job (McStore   *store,
                  gpointer   data,
                  GError   **error)
{
  SettingJob *job = data;

  if (!mc_store_set_setting (store, job->key, job->value, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
push_setting_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The value was checked before it was queued; only the disk can refuse it now. */
  if (mc_context_run_finish (MC_CONTEXT (object), result, &error) == NULL)
    g_warning ("Cannot save a setting in the database: %s", error->message);
}

gboolean
mc_context_push_setting (McContext   *self,
                         const char  *gsettings_key,
                         GError     **error)
{
  g_autofree char *store_key = NULL;
  g_autofree char *value = NULL;
  g_autoptr(McOfficeSettings) checked = NULL;
  SettingJob *job;
  const McOfficeSettingInfo *keys;
  gsize n_keys;

  g_return_val_if_fail (MC_IS_CONTEXT (self), FALSE);

  /* GSettings keys are the office keys with dots as dashes: "office-name" is "office.name". */
  keys = mc_office_settings_keys (&n_keys);
  for (gsize i = 0; i < n_keys && store_key == NULL; i++)
    {
      g_autofree char *dashed = g_strdelimit (g_strdup (keys[i].key), ".", '-');

      if (g_str_equal (dashed, gsettings_key))
        store_key = g_strdup (keys[i].key);
    }
  if (store_key == NULL)
    return TRUE;   /* a desktop-only preference (paper size, window size) */

  value = g_settings_get_string (self->settings, gsettings_key);

  /* The store checks the roles too; checked here first so that a refused change never reaches
   * the app's copy. Writing the value in force is no change. */
  if (g_atomic_int_get (&self->has_accounts))
    {
      g_autofree char *in_force = mc_office_settings_get (self->office, store_key);
      g_autoptr(McOfficeSettings) parsed = mc_office_settings_copy (self->office);
      g_autofree char *canonical = NULL;
      g_autoptr(GError) reason = NULL;

      if (mc_office_settings_set (parsed, store_key, value, NULL))
        canonical = mc_office_settings_get (parsed, store_key);
      if (g_strcmp0 (canonical != NULL ? canonical : value, in_force) != 0 &&
          !mc_roles_check_setting (self->account != NULL ? self->account->roles : MC_ROLES_NONE, store_key, &reason))
        {
          if (self->account == NULL)
            g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN,
                                 _("This desk has accounts: sign in before making changes"));
          else
            g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN, reason->message);
          return FALSE;
        }
    }

  /* Checked here with the same rules the store applies, so the app's copy changes at once and
   * the store's write, queued behind any dossier being saved, keeps the order of the clerk's
   * actions. */
  checked = mc_office_settings_copy (self->office);
  if (!mc_office_settings_set (checked, store_key, value, error))
    return FALSE;
  g_clear_pointer (&self->office, mc_office_settings_free);
  self->office = g_steal_pointer (&checked);

  job = g_new0 (SettingJob, 1);
  job->key = g_steal_pointer (&store_key);
  job->value = g_steal_pointer (&value);
  mc_context_run_async (self, push_setting_job, job, setting_job_free, NULL, NULL,
                        push_setting_done, NULL);
  return TRUE;
}

/* ---- accounts -------------------------------------------------------------------------- */

gboolean
mc_context_has_accounts (McContext *self)
{
  g_return_val_if_fail (MC_IS_CONTEXT (self), FALSE);
  return g_atomic_int_get (&self->has_accounts);
}

const McAccount *
mc_context_get_account (McContext *self)
{
  g_return_val_if_fail (MC_IS_CONTEXT (self), NULL);
  return self->account;
}

McRoles
mc_context_get_roles (McContext *self)
{
  g_return_val_if_fail (MC_IS_CONTEXT (self), MC_ROLES_NONE);
  if (!g_atomic_int_get (&self->has_accounts))
    return MC_ROLES_ALL;
  return self->account != NULL ? self->account->roles : MC_ROLES_NONE;
}

static void
set_account (McContext       *self,
             const McAccount *account)
{
  if (self->account == NULL && account == NULL)
    return;
  g_clear_pointer (&self->account, mc_account_free);
  self->account = mc_account_copy (account);
  if (account != NULL)
    g_atomic_int_set (&self->has_accounts, TRUE);
  g_signal_emit (self, signals[ACCOUNT_CHANGED], 0);
}

static gpointer
refresh_account_job (McStore   *store,
                     gpointer   job_data,
                     GError   **error)
{
  const McAccount *account = mc_store_refresh_current_account (store, error);

  return account != NULL ? mc_account_copy (account) : NULL;
}

static void
refresh_account_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McContext *self = MC_CONTEXT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) fresh = mc_context_run_finish (self, result, &error);

  /* Disabled meanwhile, or signed out: the next change says so; nothing to show here. */
  if (fresh == NULL || self->account == NULL || fresh->id != self->account->id)
    return;
  if (fresh->roles != self->account->roles || g_strcmp0 (fresh->full_name, self->account->full_name) != 0)
    set_account (self, fresh);
}

void
mc_context_refresh_account (McContext *self)
{
  g_return_if_fail (MC_IS_CONTEXT (self));

  if (self->account == NULL)
    return;
  mc_context_run_async (self, refresh_account_job, NULL, NULL, (GDestroyNotify) mc_account_free, NULL,
                        refresh_account_done, NULL);
}

typedef struct
{
  char *username;
  char *password;
} SignInJob;

/* Zeroes and frees a password held for a sign-in. */
static void
wipe_password (char **password)
{
  volatile char *p = *password;

  while (p != NULL && *p != '\0')
    *p++ = '\0';
  g_clear_pointer (password, g_free);
}

static void
sign_in_job_free (gpointer data)
{
  SignInJob *job = data;

  g_free (job->username);
  wipe_password (&job->password);
  g_free (job);
}

static gpointer
sign_in_job (McStore   *store,
             gpointer   data,
             GError   **error)
{
  SignInJob *job = data;
  McAccount *account = mc_store_sign_in (store, job->username, job->password, error);

  /* Wiped as soon as it has been checked, not when the task goes. */
  wipe_password (&job->password);
  return account;
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  McContext *self = MC_CONTEXT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) account = mc_context_run_finish (self, result, &error);

  /* The store's state, whatever the caller still wants: a failed sign-in signed out. */
  set_account (self, account);
  if (account == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&account), (GDestroyNotify) mc_account_free);
}

void
mc_context_sign_in_async (McContext           *self,
                          const char          *username,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  SignInJob *job;

  g_return_if_fail (MC_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  job = g_new0 (SignInJob, 1);
  job->username = g_strdup (username != NULL ? username : "");
  job->password = g_strdup (password != NULL ? password : "");
  /* Not cancellable itself: once queued it runs, so the context follows the store. */
  mc_context_run_async (self, sign_in_job, job, sign_in_job_free, (GDestroyNotify) mc_account_free, NULL,
                        sign_in_done, task);
}

McAccount *
mc_context_sign_in_finish (McContext     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
sign_out_job (McStore   *store,
              gpointer   data,
              GError   **error)
{
  mc_store_sign_out (store);
  return GINT_TO_POINTER (TRUE);
}

void
mc_context_sign_out (McContext *self)
{
  g_return_if_fail (MC_IS_CONTEXT (self));

  mc_context_run_async (self, sign_out_job, NULL, NULL, NULL, NULL, NULL, NULL);
  set_account (self, NULL);
}
