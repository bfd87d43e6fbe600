/* mc-setup-dialog.c — the office's set-up and preferences.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-setup-dialog.h"

struct _McSetupDialog
{
  GtkWindow  parent_instance;

  McContext *context;   /* owned */
};

G_DEFINE_FINAL_TYPE (McSetupDialog, mc_setup_dialog, GTK_TYPE_WINDOW)

static void
mc_setup_dialog_dispose (GObject *object)
{
  McSetupDialog *self = MC_SETUP_DIALOG (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_setup_dialog_parent_class)->dispose (object);
}

static void
mc_setup_dialog_class_init (McSetupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_setup_dialog_dispose;
}

static void
mc_setup_dialog_init (McSetupDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Set up the office"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

McSetupDialog *
mc_setup_dialog_new (McContext *context)
{
  McSetupDialog *self = g_object_new (MC_TYPE_SETUP_DIALOG, NULL);

  self->context = g_object_ref (context);
  return self;
}
