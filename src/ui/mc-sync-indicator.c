/* mc-sync-indicator.c — the header bar's view of the portal sync.
 *
 * A clerk must always see whether the record has reached the portal: the button reads
 * "Đã đồng bộ" or how many changes wait, with an icon that changes with the state (so the
 * word, not a colour, carries the meaning); the popover adds the last success, the last
 * error in the portal's or the network's words, the records the portal refused, and a
 * "send now" button. Everything comes from the engine's properties, which it only changes
 * in the main context.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-dossier-row.h"
#include "mc-sync-indicator.h"
#include "mc-ui.h"

struct _McSyncIndicator
{
  GtkWidget     parent_instance;

  McSyncEngine *engine;          /* owned, or NULL */
  GSignalGroup *engine_signals;  /* owned */
  char         *summary;

  /* template children */
  GtkMenuButton *button;
  GtkImage      *icon;
  GtkLabel      *label;
  GtkLabel      *state_label;
  GtkLabel      *pending_label;
  GtkLabel      *failed_label;
  GtkLabel      *last_success_label;
  GtkLabel      *last_error_label;
};

G_DEFINE_FINAL_TYPE (McSyncIndicator, mc_sync_indicator, GTK_TYPE_WIDGET)

static const char *
state_icon_name (McSyncState state,
                 gint64      pending,
                 gint64      failed)
{
  switch (state)
    {
    case MC_SYNC_STATE_SENDING:        return "emblem-synchronizing-symbolic";
    case MC_SYNC_STATE_WAITING:        return "dialog-warning-symbolic";
    case MC_SYNC_STATE_OFFLINE:        return "network-offline-symbolic";
    case MC_SYNC_STATE_NOT_CONFIGURED: return "network-offline-symbolic";
    case MC_SYNC_STATE_IDLE:
    default:
      if (failed > 0)
        return "dialog-warning-symbolic";
      return pending > 0 ? "emblem-synchronizing-symbolic" : "emblem-ok-symbolic";
    }
}

static void
update (McSyncIndicator *self)
{
  McSyncState state;
  gint64 pending, failed;
  McTime last_success;
  const char *last_error;
  g_autofree char *pending_text = NULL;
  g_autofree char *failed_text = NULL;
  g_autofree char *success_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), self->engine != NULL);
  if (self->engine == NULL)
    return;

  state = mc_sync_engine_get_state (self->engine);
  pending = mc_sync_engine_get_pending (self->engine);
  failed = mc_sync_engine_get_failed (self->engine);
  last_success = mc_sync_engine_get_last_success (self->engine);
  last_error = mc_sync_engine_get_last_error (self->engine);

  g_clear_pointer (&self->summary, g_free);
  if (failed > 0)
    self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d record refused", "%d records refused",
                                                  (gulong) failed), (int) MIN (failed, G_MAXINT));
  else if (pending > 0)
    self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d change to send", "%d changes to send",
                                                  (gulong) pending), (int) MIN (pending, G_MAXINT));
  else if (state == MC_SYNC_STATE_NOT_CONFIGURED || state == MC_SYNC_STATE_OFFLINE)
    self->summary = g_strdup (mc_sync_state_describe (state));
  else
    self->summary = g_strdup (_("Synced"));

  gtk_label_set_text (self->label, self->summary);
  gtk_image_set_from_icon_name (self->icon, state_icon_name (state, pending, failed));

  pending_text = g_strdup_printf ("%" G_GINT64_FORMAT, pending);
  failed_text = g_strdup_printf ("%" G_GINT64_FORMAT, failed);
  success_text = last_success > 0 ? mc_dossier_row_format_time (last_success) : g_strdup (_("Never"));
  gtk_label_set_text (self->state_label, mc_sync_state_describe (state));
  gtk_label_set_text (self->pending_label, pending_text);
  gtk_label_set_text (self->failed_label, failed_text);
  gtk_label_set_text (self->last_success_label, success_text);
  gtk_label_set_text (self->last_error_label, last_error != NULL && last_error[0] != '\0' ? last_error : _("None"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), mc_sync_state_describe (state));
}

static void
on_engine_notify (McSyncIndicator *self,
                  GParamSpec      *pspec,
                  McSyncEngine    *engine)
{
  update (self);
}

static void
mc_sync_indicator_send_now (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (widget);

  if (self->engine != NULL)
    mc_sync_engine_send_now (self->engine);
}

static void
mc_sync_indicator_dispose (GObject *object)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (object);

  g_signal_group_set_target (self->engine_signals, NULL);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (mc_sync_indicator_parent_class)->dispose (object);
}

static void
mc_sync_indicator_finalize (GObject *object)
{
  McSyncIndicator *self = MC_SYNC_INDICATOR (object);

  g_clear_object (&self->engine_signals);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (mc_sync_indicator_parent_class)->finalize (object);
}

static void
mc_sync_indicator_class_init (McSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_sync_indicator_dispose;
  object_class->finalize = mc_sync_indicator_finalize;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-sync-indicator.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, pending_label);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, failed_label);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, last_success_label);
  gtk_widget_class_bind_template_child (widget_class, McSyncIndicator, last_error_label);

  gtk_widget_class_install_action (widget_class, "sync.send-now", NULL, mc_sync_indicator_send_now);
}

static void
mc_sync_indicator_init (McSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->engine_signals = g_signal_group_new (MC_TYPE_SYNC_ENGINE);
  g_signal_group_connect_object (self->engine_signals, "notify", G_CALLBACK (on_engine_notify), self,
                                 G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
mc_sync_indicator_set_engine (McSyncIndicator *self,
                              McSyncEngine    *engine)
{
  g_return_if_fail (MC_IS_SYNC_INDICATOR (self));
  g_return_if_fail (engine == NULL || MC_IS_SYNC_ENGINE (engine));

  if (g_set_object (&self->engine, engine))
    {
      g_signal_group_set_target (self->engine_signals, engine);
      update (self);
    }
}

const char *
mc_sync_indicator_get_summary (McSyncIndicator *self)
{
  g_return_val_if_fail (MC_IS_SYNC_INDICATOR (self), NULL);
  return self->summary;
}
