/* mc-queue-page.c — "Today": what the counter has done and has still to do today.
 *
 * Two compact lists over the same model class as the dossier list, each a query of its own:
 * the dossiers received today, newest first, and the results to hand back (received, in
 * processing or ready) whose appointment is today or already past, latest appointment first
 * so that today's come before the long-forgotten. Each heading carries its count. Both lists
 * refresh when a dossier is received or moved (McContext::dossier-changed) and whenever the
 * page is shown, with "today" worked out again, so the page is right after midnight too.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-dossier-list-page.h"
#include "mc-queue-page.h"

struct _McQueuePage
{
  GtkWidget           parent_instance;

  McContext          *context;          /* owned */
  McDossierListModel *received_model;   /* owned */
  McDossierListModel *due_model;        /* owned */
  McDay               today;            /* of the models' queries */

  /* template children */
  GtkLabel           *date_label;
  GtkLabel           *received_heading;
  GtkStack           *received_stack;
  GtkColumnView      *received_view;
  GtkLabel           *due_heading;
  GtkStack           *due_stack;
  GtkColumnView      *due_view;
};

G_DEFINE_FINAL_TYPE (McQueuePage, mc_queue_page, GTK_TYPE_WIDGET)

static void
queries_for_today (McDay           today,
                   McDossierQuery *received,
                   McDossierQuery *due)
{
  McTime start = mc_time_from_local (today, 0);
  McTime end = mc_time_from_local (today + 1, 0);

  *received = (McDossierQuery) {
    .received_from = start,
    .received_to = end,
    .order = MC_DOSSIER_ORDER_NEWEST_RECEIVED,
  };
  *due = (McDossierQuery) {
    .only_to_return = TRUE,
    .due_before = end,
    .order = MC_DOSSIER_ORDER_DUE_LATEST,
  };
}

static void
update_section (GtkLabel           *heading,
                GtkStack           *stack,
                McDossierListModel *model,
                const char         *title)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autofree char *count = mc_dossier_count_format (n);
  g_autofree char *text = NULL;

  if (n == 0 && mc_dossier_list_model_is_loading (model))
    return;
  /* Translators: a heading and its count, "Received today (12 dossiers)". */
  text = g_strdup_printf (C_("heading with count", "%s (%s)"), title, count);
  gtk_label_set_text (heading, text);
  gtk_stack_set_visible_child_name (stack, n > 0 ? "list" : "empty");
}

static void
update_headings (McQueuePage *self)
{
  if (self->received_model != NULL)
    update_section (self->received_heading, self->received_stack, self->received_model, _("Received today"));
  if (self->due_model != NULL)
    update_section (self->due_heading, self->due_stack, self->due_model,
                    _("To return: appointment today or overdue"));
}

/* @changed: a dossier changed, so even a load under way may be stale. */
static void
refresh (McQueuePage *self,
         gboolean     changed)
{
  McDay today = mc_time_local_day (mc_time_now ());
  g_autofree char *date = mc_day_format_vi (today);

  gtk_label_set_text (self->date_label, date);
  if (self->received_model == NULL)
    return;
  if (today != self->today)
    {
      McDossierQuery received, due;

      self->today = today;
      queries_for_today (today, &received, &due);
      mc_dossier_list_model_set_query (self->received_model, &received);
      mc_dossier_list_model_set_query (self->due_model, &due);
      return;
    }
  if (changed || !mc_dossier_list_model_is_loading (self->received_model))
    mc_dossier_list_model_reload (self->received_model);
  if (changed || !mc_dossier_list_model_is_loading (self->due_model))
    mc_dossier_list_model_reload (self->due_model);
}

static void
on_dossier_changed (McQueuePage *self,
                    const char  *code,
                    McContext   *context)
{
  refresh (self, TRUE);
}

static void
on_received_activate (McQueuePage   *self,
                      guint          position,
                      GtkColumnView *view)
{
  mc_dossier_list_open_position (GTK_WIDGET (self), G_LIST_MODEL (self->received_model), position);
}

static void
on_due_activate (McQueuePage   *self,
                 guint          position,
                 GtkColumnView *view)
{
  mc_dossier_list_open_position (GTK_WIDGET (self), G_LIST_MODEL (self->due_model), position);
}

static McDossierListModel *
attach_model (McQueuePage          *self,
              const McDossierQuery *query,
              GtkColumnView        *view)
{
  McDossierListModel *model = mc_dossier_list_model_new (mc_store_get_path (mc_context_get_store (self->context)),
                                                         query);
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (model)));

  g_signal_connect_object (model, "loaded", G_CALLBACK (update_headings), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  return model;
}

static void
mc_queue_page_map (GtkWidget *widget)
{
  McQueuePage *self = MC_QUEUE_PAGE (widget);

  GTK_WIDGET_CLASS (mc_queue_page_parent_class)->map (widget);
  refresh (self, FALSE);
}

static void
mc_queue_page_dispose (GObject *object)
{
  McQueuePage *self = MC_QUEUE_PAGE (object);
  GtkWidget *child;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  /* The template's top-level child has no id: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->received_model);
  g_clear_object (&self->due_model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_queue_page_parent_class)->dispose (object);
}

static void
mc_queue_page_class_init (McQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_queue_page_dispose;
  widget_class->map = mc_queue_page_map;

  g_type_ensure (MC_TYPE_DOSSIER_ROW);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McQueuePage, date_label);
  gtk_widget_class_bind_template_child (widget_class, McQueuePage, received_heading);
  gtk_widget_class_bind_template_child (widget_class, McQueuePage, received_stack);
  gtk_widget_class_bind_template_child (widget_class, McQueuePage, received_view);
  gtk_widget_class_bind_template_child (widget_class, McQueuePage, due_heading);
  gtk_widget_class_bind_template_child (widget_class, McQueuePage, due_stack);
  gtk_widget_class_bind_template_child (widget_class, McQueuePage, due_view);
  gtk_widget_class_bind_template_callback (widget_class, on_received_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_due_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mc_queue_page_init (McQueuePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_text (self->received_heading, _("Received today"));
  gtk_label_set_text (self->due_heading, _("To return: appointment today or overdue"));
  mc_dossier_columns_add (self->received_view, MC_DOSSIER_COLUMN_CODE | MC_DOSSIER_COLUMN_APPLICANT
                                               | MC_DOSSIER_COLUMN_PROCEDURE | MC_DOSSIER_COLUMN_RECEIVED
                                               | MC_DOSSIER_COLUMN_APPOINTMENT | MC_DOSSIER_COLUMN_STATUS);
  mc_dossier_columns_add (self->due_view, MC_DOSSIER_COLUMN_CODE | MC_DOSSIER_COLUMN_APPLICANT
                                          | MC_DOSSIER_COLUMN_PROCEDURE | MC_DOSSIER_COLUMN_APPOINTMENT
                                          | MC_DOSSIER_COLUMN_MARK | MC_DOSSIER_COLUMN_STATUS);
}

void
mc_queue_page_set_context (McQueuePage *self,
                           McContext   *context)
{
  McDossierQuery received, due;

  g_return_if_fail (MC_IS_QUEUE_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_signal_connect_swapped (context, "dossier-changed", G_CALLBACK (on_dossier_changed), self);

  g_clear_object (&self->received_model);
  g_clear_object (&self->due_model);
  self->today = mc_time_local_day (mc_time_now ());
  queries_for_today (self->today, &received, &due);
  self->received_model = attach_model (self, &received, self->received_view);
  self->due_model = attach_model (self, &due, self->due_view);
}

McDossierListModel *
mc_queue_page_get_received_model (McQueuePage *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_PAGE (self), NULL);
  return self->received_model;
}

McDossierListModel *
mc_queue_page_get_due_model (McQueuePage *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_PAGE (self), NULL);
  return self->due_model;
}
