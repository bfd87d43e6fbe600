/* mc-dossier-page.c — One dossier with its documents, appointment and history.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-dossier-page.h"

struct _McDossierPage
{
  GtkWidget  parent_instance;

  McContext *context;   /* owned */
};

G_DEFINE_FINAL_TYPE (McDossierPage, mc_dossier_page, GTK_TYPE_WIDGET)

static void
mc_dossier_page_dispose (GObject *object)
{
  McDossierPage *self = MC_DOSSIER_PAGE (object);

  GtkWidget *child;

  /* The template's top-level children have no id: unparent them all. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_dossier_page_parent_class)->dispose (object);
}

static void
mc_dossier_page_class_init (McDossierPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_dossier_page_dispose;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-dossier-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mc_dossier_page_init (McDossierPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mc_dossier_page_set_context (McDossierPage *self,
                         McContext *context)
{
  g_return_if_fail (MC_IS_DOSSIER_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

void
mc_dossier_page_load (McDossierPage *self,
                      const char    *code)
{
  g_return_if_fail (MC_IS_DOSSIER_PAGE (self));
  g_return_if_fail (code != NULL);
}
