/* mc-search-page.c — Search results as the clerk types.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-search-page.h"

struct _McSearchPage
{
  GtkWidget  parent_instance;

  McContext *context;   /* owned */
};

G_DEFINE_FINAL_TYPE (McSearchPage, mc_search_page, GTK_TYPE_WIDGET)

static void
mc_search_page_dispose (GObject *object)
{
  McSearchPage *self = MC_SEARCH_PAGE (object);

  GtkWidget *child;

  /* The template's top-level children have no id: unparent them all. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_search_page_parent_class)->dispose (object);
}

static void
mc_search_page_class_init (McSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_search_page_dispose;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-search-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mc_search_page_init (McSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mc_search_page_set_context (McSearchPage *self,
                         McContext *context)
{
  g_return_if_fail (MC_IS_SEARCH_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

void
mc_search_page_search (McSearchPage *self,
                       const char   *text)
{
  g_return_if_fail (MC_IS_SEARCH_PAGE (self));
}

gboolean
mc_search_page_activate_first (McSearchPage *self)
{
  g_return_val_if_fail (MC_IS_SEARCH_PAGE (self), FALSE);
  return FALSE;
}
