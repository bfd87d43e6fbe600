/* mc-desk-lock.c — the sign-in at the start, the lock after idle time, and switching user.
 *
 * Locking signs the account out of the context's store first (a job, so nothing queued after
 * it runs under that account), then hides the window's content, so no dossier stays on the
 * screen of an empty counter, and shows the modal sign-in dialog over it. Idleness is the time
 * since the last key, button, scroll or pointer motion anywhere in the window, watched in the
 * capture phase; one timeout is scheduled for the moment the desk would lock and re-armed when
 * it fires early, so an active desk costs nothing but a timestamp per event.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-desk-lock.h"

struct _McDeskLock
{
  GObject             parent_instance;

  McContext          *context;        /* owned */
  GtkWidget          *window;         /* weak */
  GtkWidget          *hidden;         /* weak: the window's content while locked */
  McSignInDialog     *dialog;         /* weak: shown while locked */
  GSimpleActionGroup *actions;        /* owned; "account.*" on the window */
  char               *offered_user;   /* owned: the user name the dialog offers, or NULL */
  gint64              last_activity;  /* monotonic µs */
  guint               idle_source;
  gulong              map_handler;
  gboolean            locked;
};

G_DEFINE_FINAL_TYPE (McDeskLock, mc_desk_lock, G_TYPE_OBJECT)

static GQuark
desk_lock_quark (void)
{
  return g_quark_from_static_string ("mc-desk-lock");
}

static void schedule_idle_check (McDeskLock *self);

static gboolean
on_idle_check (gpointer user_data)
{
  McDeskLock *self = user_data;
  gint64 limit = (gint64) mc_context_get_office (self->context)->lock_after_seconds * G_USEC_PER_SEC;

  self->idle_source = 0;
  if (limit > 0 && g_get_monotonic_time () - self->last_activity >= limit)
    mc_desk_lock_lock (self, TRUE);
  else
    schedule_idle_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_idle_check (McDeskLock *self)
{
  gint64 limit = (gint64) mc_context_get_office (self->context)->lock_after_seconds * G_USEC_PER_SEC;
  gint64 remaining;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->locked || limit <= 0 || mc_context_get_account (self->context) == NULL)
    return;
  remaining = self->last_activity + limit - g_get_monotonic_time ();
  self->idle_source = g_timeout_add ((guint) CLAMP (remaining / 1000 + 1, 10, G_MAXUINT32 / 2), on_idle_check, self);
}

static gboolean
on_event (McDeskLock         *self,
          GdkEvent           *event,
          GtkEventController *controller)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_activity = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_signed_in (McDeskLock     *self,
              McSignInDialog *dialog)
{
  self->locked = FALSE;
  if (self->hidden != NULL)
    gtk_widget_set_visible (self->hidden, TRUE);
  g_clear_weak_pointer (&self->hidden);
  self->last_activity = g_get_monotonic_time ();
  schedule_idle_check (self);
}

static gboolean
destroy_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

/* Closing the sign-in window without signing in leaves nothing to show: the desk closes, once
 * the dialog has finished closing. */
static void
on_cancelled (McDeskLock     *self,
              McSignInDialog *dialog)
{
  if (self->window != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window, g_object_ref (self->window), g_object_unref);
}

static void
show_dialog (McDeskLock *self)
{
  McSignInDialog *dialog;

  if (self->window == NULL || self->dialog != NULL)
    return;
  dialog = mc_sign_in_dialog_new (self->context, self->offered_user);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self->window));
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "cancelled", G_CALLBACK (on_cancelled), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
show_dialog_idle (gpointer user_data)
{
  McDeskLock *self = user_data;

  if (self->locked)
    show_dialog (self);
  return G_SOURCE_REMOVE;
}

/* Once the window is up, so that the dialog comes above it even without a window manager. */
static void
on_window_map (McDeskLock *self,
               GtkWidget  *window)
{
  g_clear_signal_handler (&self->map_handler, window);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_dialog_idle, g_object_ref (self), g_object_unref);
}

void
mc_desk_lock_lock (McDeskLock *self,
                   gboolean    keep_user)
{
  const McAccount *account;
  GtkWidget *content;

  g_return_if_fail (MC_IS_DESK_LOCK (self));

  if (self->locked || self->window == NULL || !mc_context_has_accounts (self->context))
    return;
  account = mc_context_get_account (self->context);
  g_free (self->offered_user);
  self->offered_user = keep_user && account != NULL ? g_strdup (account->username) : NULL;
  self->locked = TRUE;
  g_clear_handle_id (&self->idle_source, g_source_remove);
  mc_context_sign_out (self->context);

  content = gtk_window_get_child (GTK_WINDOW (self->window));
  if (content != NULL && gtk_widget_get_visible (content))
    {
      gtk_widget_set_visible (content, FALSE);
      g_set_weak_pointer (&self->hidden, content);
    }
  if (gtk_widget_get_mapped (self->window))
    show_dialog (self);
  else if (self->map_handler == 0)
    self->map_handler = g_signal_connect_object (self->window, "map", G_CALLBACK (on_window_map), self,
                                                 G_CONNECT_SWAPPED);
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  mc_desk_lock_lock (user_data, TRUE);
}

static void
switch_user_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  mc_desk_lock_lock (user_data, FALSE);
}

static void
on_lock_setting_changed (McDeskLock *self,
                         const char *key,
                         GSettings  *settings)
{
  /* The context has already taken (or refused) the new value: it is its office copy's. */
  schedule_idle_check (self);
}

static void
set_actions_enabled (McDeskLock *self,
                     gboolean    enabled)
{
  const char *const names[] = { "lock", "switch-user" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              names[i])),
                                 enabled);
}

static void
on_account_changed (McDeskLock *self,
                    McContext  *context)
{
  set_actions_enabled (self, mc_context_has_accounts (context));
  /* The desk got accounts while open (made by the CLI): someone must sign in now. */
  if (!self->locked && mc_context_has_accounts (context) && mc_context_get_account (context) == NULL)
    mc_desk_lock_lock (self, FALSE);
  else
    schedule_idle_check (self);
}

static void
mc_desk_lock_dispose (GObject *object)
{
  McDeskLock *self = MC_DESK_LOCK (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->hidden);
  g_clear_weak_pointer (&self->dialog);

  G_OBJECT_CLASS (mc_desk_lock_parent_class)->dispose (object);
}

static void
mc_desk_lock_finalize (GObject *object)
{
  McDeskLock *self = MC_DESK_LOCK (object);

  g_clear_object (&self->actions);
  g_clear_object (&self->context);
  g_free (self->offered_user);

  G_OBJECT_CLASS (mc_desk_lock_parent_class)->finalize (object);
}

static void
mc_desk_lock_class_init (McDeskLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_desk_lock_dispose;
  object_class->finalize = mc_desk_lock_finalize;
}

static void
mc_desk_lock_init (McDeskLock *self)
{
  self->last_activity = g_get_monotonic_time ();
}

McDeskLock *
mc_desk_lock_attach (GtkWidget *window,
                     McContext *context)
{
  const GActionEntry entries[] = {
    { .name = "lock", .activate = lock_action },
    { .name = "switch-user", .activate = switch_user_action },
  };
  McDeskLock *self;
  GtkEventController *controller;
  gboolean has_accounts;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  self = g_object_new (MC_TYPE_DESK_LOCK, NULL);
  self->context = g_object_ref (context);
  g_set_weak_pointer (&self->window, window);
  has_accounts = mc_context_has_accounts (context);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  set_actions_enabled (self, has_accounts);
  gtk_widget_insert_action_group (window, "account", G_ACTION_GROUP (self->actions));

  /* Capture phase: every input event of the window passes here before any widget sees it. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_name (controller, "mc-desk-lock");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_event), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (window, controller);

  g_signal_connect_object (mc_context_get_settings (context), "changed::desk-lock-after-minutes",
                           G_CALLBACK (on_lock_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "account-changed", G_CALLBACK (on_account_changed), self,
                           G_CONNECT_SWAPPED);
  g_object_set_qdata_full (G_OBJECT (window), desk_lock_quark (), self, g_object_unref);

  if (has_accounts && mc_context_get_account (context) == NULL)
    mc_desk_lock_lock (self, FALSE);
  else
    schedule_idle_check (self);
  return self;
}

McDeskLock *
mc_desk_lock_get (GtkWidget *window)
{
  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);
  return g_object_get_qdata (G_OBJECT (window), desk_lock_quark ());
}

gboolean
mc_desk_lock_is_locked (McDeskLock *self)
{
  g_return_val_if_fail (MC_IS_DESK_LOCK (self), FALSE);
  return self->locked;
}

McSignInDialog *
mc_desk_lock_get_dialog (McDeskLock *self)
{
  g_return_val_if_fail (MC_IS_DESK_LOCK (self), NULL);
  return self->dialog;
}
