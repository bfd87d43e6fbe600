/* mc-receive-page.c — The receive form: a new dossier at the counter.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-receive-page.h"

struct _McReceivePage
{
  GtkWidget  parent_instance;

  McContext *context;   /* owned */
};

G_DEFINE_FINAL_TYPE (McReceivePage, mc_receive_page, GTK_TYPE_WIDGET)

static void
mc_receive_page_dispose (GObject *object)
{
  McReceivePage *self = MC_RECEIVE_PAGE (object);

  GtkWidget *child;

  /* The template's top-level children have no id: unparent them all. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_receive_page_parent_class)->dispose (object);
}

static void
mc_receive_page_class_init (McReceivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_receive_page_dispose;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-receive-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mc_receive_page_init (McReceivePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mc_receive_page_set_context (McReceivePage *self,
                         McContext *context)
{
  g_return_if_fail (MC_IS_RECEIVE_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

void
mc_receive_page_start (McReceivePage *self)
{
  g_return_if_fail (MC_IS_RECEIVE_PAGE (self));
}
