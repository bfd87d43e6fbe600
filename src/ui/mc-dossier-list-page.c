/* mc-dossier-list-page.c — every dossier of the desk in one GtkColumnView.
 *
 * The view shows a McDossierListModel (the ids of the whole list, rows built for what is on
 * screen), so a million dossiers scroll like a hundred. Filtering and ordering are the model's
 * query, run again in SQL, never a GtkFilterListModel or GtkSortListModel over every row: the
 * appointment column's header sorts by asking the model for that order. Due-soon and overdue
 * rows carry an icon, a word and a colour (.due-soon / .overdue), so they read without colour
 * too. The model loads when the page is first shown, and again whenever a dossier is received
 * or moved (McContext::dossier-changed) or the page is shown again, keeping the scroll position.
 *
 * Cells are GtkInscriptions, not GtkLabels, and carry no tooltip of their own (it is made when
 * asked for): GTK 4.8's list views rebind all of their ~200 rows when the scrollbar jumps, and
 * with labels and per-bind tooltips such a frame took 150 ms under Xvfb on the 1,000,000-dossier
 * database; with inscriptions it takes 17 ms (tests/bench/bench-list-scroll).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-dossier-list-page.h"
#include "mc-status.h"

/* The status filter's first entries; the statuses themselves follow, in code order. */
enum
{
  FILTER_ALL,
  FILTER_OPEN,
  FILTER_DUE_SOON,
  FILTER_OVERDUE,
  FILTER_FIRST_STATUS,
};

/* The order choice's entries. */
enum
{
  ORDER_NEWEST,
  ORDER_DUE,
  ORDER_DUE_LATEST,
};

struct _McDossierListPage
{
  GtkWidget            parent_instance;

  McContext           *context;         /* owned */
  McDossierListModel  *model;           /* owned; NULL until first shown */
  GtkColumnViewColumn *due_column;      /* borrowed from the view */
  McDossierRow        *probe_soon;      /* owned: two rows that tell the header's sort order */
  McDossierRow        *probe_late;      /* owned */
  gboolean             syncing_sort;    /* the page itself is setting the header's sort */
  gboolean             scroll_to_top;   /* the query changed: show its first rows when loaded */

  /* template children */
  GtkDropDown         *status_filter;
  GtkDropDown         *order_choice;
  GtkBox              *figure_bar;
  GtkLabel            *figure_label;
  GtkLabel            *count_label;
  GtkColumnView       *column_view;
  GtkLabel            *empty_label;
};

G_DEFINE_FINAL_TYPE (McDossierListPage, mc_dossier_list_page, GTK_TYPE_WIDGET)

/* ---- shared with the queue page ------------------------------------------------------- */

char *
mc_dossier_count_format (guint n)
{
  /* Translators: the separator of thousands in counts ("1,000,000"); "." in Vietnamese. */
  const char *separator = C_("digit group separator", ",");
  g_autofree char *digits = g_strdup_printf ("%u", n);
  g_autoptr(GString) grouped = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (grouped, separator);
      g_string_append_c (grouped, digits[i]);
    }
  /* Translators: %s is a count with its thousands separated, "1.000.000". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s dossier", "%s dossiers", n), grouped->str);
}

void
mc_dossier_list_open_position (GtkWidget  *widget,
                               GListModel *model,
                               guint       position)
{
  g_autoptr(McDossierRow) row = g_list_model_get_item (model, position);

  if (row != NULL && mc_dossier_row_get_code (row)[0] != '\0')
    gtk_widget_activate_action (widget, "win.show-dossier", "s", mc_dossier_row_get_code (row));
}

/* Cells are rebound by the hundred when the scrollbar jumps: a class is changed, and the style
 * recomputed, only when the mark differs. */
static void
set_mark_class (GtkWidget  *cell,
                const char *css_class)
{
  static const char * const classes[] = { "due-soon", "overdue" };

  for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      gboolean wanted = g_strcmp0 (css_class, classes[i]) == 0;

      if (wanted != gtk_widget_has_css_class (cell, classes[i]))
        {
          if (wanted)
            gtk_widget_add_css_class (cell, classes[i]);
          else
            gtk_widget_remove_css_class (cell, classes[i]);
        }
    }
}

/* Long procedure and status names are cut to the column: the whole text as a tooltip, made
 * only when asked for rather than on every bind. */
static gboolean
on_cell_query_tooltip (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_cell (GtkWidget        *cell,
             McDossierRow     *row,
             McDossierColumns  column)
{
  switch (column)
    {
    case MC_DOSSIER_COLUMN_CODE:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), mc_dossier_row_get_code (row));
      break;
    case MC_DOSSIER_COLUMN_APPLICANT:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), mc_dossier_row_get_applicant_name (row));
      break;
    case MC_DOSSIER_COLUMN_PROCEDURE:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), mc_dossier_row_get_procedure_name (row));
      break;
    case MC_DOSSIER_COLUMN_RECEIVED:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), mc_dossier_row_get_received_text (row));
      break;
    case MC_DOSSIER_COLUMN_APPOINTMENT:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), mc_dossier_row_get_due_text (row));
      break;
    case MC_DOSSIER_COLUMN_MARK:
      {
        GtkWidget *icon = gtk_widget_get_first_child (cell);
        GtkWidget *label = gtk_widget_get_last_child (cell);
        const char *icon_name = mc_dossier_row_get_mark_icon_name (row);

        /* The word and the icon carry the mark; the colour only repeats it. */
        if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (icon)), icon_name) != 0)
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
        gtk_widget_set_visible (icon, icon_name != NULL);
        gtk_inscription_set_text (GTK_INSCRIPTION (label), mc_dossier_row_get_mark_text (row));
        set_mark_class (cell, mc_dossier_row_get_mark_css_class (row));
      }
      break;
    case MC_DOSSIER_COLUMN_STATUS:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), mc_dossier_row_get_status_text (row));
      break;
    case MC_DOSSIER_COLUMN_ALL:
    default:
      g_assert_not_reached ();
    }
}

static void
on_row_notify (McDossierRow *row,
               GParamSpec   *pspec,
               GtkListItem  *list_item)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  McDossierColumns column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "mc-column"));

  update_cell (cell, row, column);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  McDossierColumns column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_inscription_new (NULL);
  GtkWidget *cell = label;

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  switch (column)
    {
    case MC_DOSSIER_COLUMN_APPLICANT:
    case MC_DOSSIER_COLUMN_PROCEDURE:
    case MC_DOSSIER_COLUMN_STATUS:
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
      break;
    case MC_DOSSIER_COLUMN_CODE:
    case MC_DOSSIER_COLUMN_RECEIVED:
    case MC_DOSSIER_COLUMN_APPOINTMENT:
      gtk_widget_add_css_class (label, "numeric");
      break;
    case MC_DOSSIER_COLUMN_MARK:
      cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (cell), gtk_image_new ());
      gtk_box_append (GTK_BOX (cell), label);
      break;
    case MC_DOSSIER_COLUMN_ALL:
    default:
      g_assert_not_reached ();
    }
  g_object_set_data (G_OBJECT (cell), "mc-column", user_data);
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  McDossierRow *row = gtk_list_item_get_item (list_item);
  gulong handler;

  update_cell (gtk_list_item_get_child (list_item), row, GPOINTER_TO_UINT (user_data));
  /* Rows are live: a reload updates the row the view holds, and the cell follows. */
  handler = g_signal_connect (row, "notify", G_CALLBACK (on_row_notify), list_item);
  g_object_set_data (G_OBJECT (list_item), "mc-row-handler", GSIZE_TO_POINTER (handler));
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  McDossierRow *row = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (list_item), "mc-row-handler"));

  if (row != NULL && handler != 0)
    g_signal_handler_disconnect (row, handler);
}

GtkColumnViewColumn *
mc_dossier_columns_add (GtkColumnView    *view,
                        McDossierColumns  columns)
{
  static const struct
  {
    McDossierColumns  column;
    const char       *title;
    gboolean          expand;
    int               width;
  } all[] = {
    /* The code whole: its end (day and sequence) is what tells dossiers apart. */
    { MC_DOSSIER_COLUMN_CODE, N_("Code"), FALSE, 205 },
    { MC_DOSSIER_COLUMN_APPLICANT, N_("Applicant"), FALSE, 160 },
    { MC_DOSSIER_COLUMN_PROCEDURE, N_("Procedure"), TRUE, 170 },
    { MC_DOSSIER_COLUMN_RECEIVED, N_("Received"), FALSE, 125 },
    { MC_DOSSIER_COLUMN_APPOINTMENT, N_("Appointment"), FALSE, 125 },
    /* Room for the icon and "Sắp đến hạn" in bold. */
    { MC_DOSSIER_COLUMN_MARK, N_("Deadline"), FALSE, 135 },
    { MC_DOSSIER_COLUMN_STATUS, N_("Status"), FALSE, 140 },
  };
  GtkColumnViewColumn *due_column = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(GtkListItemFactory) factory = NULL;
      g_autoptr(GtkColumnViewColumn) column = NULL;
      gpointer data = GUINT_TO_POINTER (all[i].column);

      if (!(columns & all[i].column))
        continue;
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), data);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), data);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), data);
      column = gtk_column_view_column_new (_(all[i].title), g_steal_pointer (&factory));
      gtk_column_view_column_set_expand (column, all[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, all[i].width);
      if (all[i].column == MC_DOSSIER_COLUMN_APPOINTMENT)
        due_column = column;
      gtk_column_view_append_column (view, column);
    }
  return due_column;
}

/* ---- the page ------------------------------------------------------------------------ */

static void
update_count (McDossierListPage *self)
{
  guint n;

  if (self->model == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (mc_dossier_list_model_get_error (self->model) != NULL)
    gtk_label_set_text (self->count_label, mc_dossier_list_model_get_error (self->model)->message);
  else if (n == 0 && mc_dossier_list_model_is_loading (self->model))
    gtk_label_set_text (self->count_label, _("Loading…"));
  else
    {
      g_autofree char *count = mc_dossier_count_format (n);

      gtk_label_set_text (self->count_label, count);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          n == 0 && !mc_dossier_list_model_is_loading (self->model));
}

static void
on_model_loaded (McDossierListPage  *self,
                 McDossierListModel *model)
{
  update_count (self);
  if (self->scroll_to_top)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

      self->scroll_to_top = FALSE;
      if (adjustment != NULL)
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
}

static void
query_from_choices (McDossierListPage *self,
                    McDossierQuery    *query)
{
  guint filter = gtk_drop_down_get_selected (self->status_filter);

  *query = (McDossierQuery) { 0 };
  switch (filter)
    {
    case FILTER_OPEN:
      query->only_open = TRUE;
      break;
    case FILTER_DUE_SOON:
      query->only_due_soon = TRUE;
      break;
    case FILTER_OVERDUE:
      query->only_overdue = TRUE;
      break;
    case FILTER_ALL:
    case GTK_INVALID_LIST_POSITION:
      break;
    default:
      query->status = MC_STATUS_FIRST + (int) (filter - FILTER_FIRST_STATUS);
      break;
    }
  switch (gtk_drop_down_get_selected (self->order_choice))
    {
    case ORDER_DUE:
      query->order = MC_DOSSIER_ORDER_DUE;
      break;
    case ORDER_DUE_LATEST:
      query->order = MC_DOSSIER_ORDER_DUE_LATEST;
      break;
    default:
      query->order = MC_DOSSIER_ORDER_NEWEST_RECEIVED;
      break;
    }
}

static void
apply_choices (McDossierListPage *self)
{
  McDossierQuery query;

  if (self->model == NULL)
    return;
  query_from_choices (self, &query);
  self->scroll_to_top = TRUE;
  /* A figure opened from the dashboard gives way to the filter and order chosen here. */
  gtk_widget_set_visible (GTK_WIDGET (self->figure_bar), FALSE);
  mc_dossier_list_model_set_query (self->model, &query);
  update_count (self);
}

static void
on_figure_clear (McDossierListPage *self)
{
  apply_choices (self);
}

static void
on_filter_changed (McDossierListPage *self)
{
  apply_choices (self);
}

/* The appointment header shows the order the model is in. */
static void
sync_header (McDossierListPage *self)
{
  guint order = gtk_drop_down_get_selected (self->order_choice);

  self->syncing_sort = TRUE;
  if (order == ORDER_DUE || order == ORDER_DUE_LATEST)
    gtk_column_view_sort_by_column (self->column_view, self->due_column,
                                    order == ORDER_DUE ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
  else
    gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  self->syncing_sort = FALSE;
}

static void
on_order_changed (McDossierListPage *self)
{
  sync_header (self);
  apply_choices (self);
}

/* A click on the appointment header: GTK 4.8 does not say which way the view is sorted, so
 * two rows due one after the other are put to the view's sorter, and the answer becomes the
 * model's order (the view itself never sorts a row). */
static void
on_view_sorter_changed (McDossierListPage *self,
                        GtkSorterChange    change,
                        GtkSorter         *sorter)
{
  GtkOrdering ordering;
  guint order;

  /* Also called while the view is taken apart, after dispose. */
  if (self->syncing_sort || self->probe_soon == NULL)
    return;
  ordering = gtk_sorter_compare (sorter, self->probe_soon, self->probe_late);
  order = ordering == GTK_ORDERING_SMALLER ? ORDER_DUE
        : ordering == GTK_ORDERING_LARGER ? ORDER_DUE_LATEST
        : ORDER_NEWEST;
  if (order != gtk_drop_down_get_selected (self->order_choice))
    gtk_drop_down_set_selected (self->order_choice, order);
}

static void
on_row_activate (McDossierListPage *self,
                 guint              position,
                 GtkColumnView     *view)
{
  mc_dossier_list_open_position (GTK_WIDGET (self), G_LIST_MODEL (self->model), position);
}

static void
on_dossier_changed (McDossierListPage *self,
                    const char        *code,
                    McContext         *context)
{
  if (self->model != NULL)
    mc_dossier_list_model_reload (self->model);
}

static void
ensure_model (McDossierListPage *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;
  McDossierQuery query;

  if (self->model != NULL || self->context == NULL)
    return;

  query_from_choices (self, &query);
  self->model = mc_dossier_list_model_new (mc_store_get_path (mc_context_get_store (self->context)), &query);
  g_signal_connect_object (self->model, "loaded", G_CALLBACK (on_model_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_count (self);
}

static void
mc_dossier_list_page_map (GtkWidget *widget)
{
  McDossierListPage *self = MC_DOSSIER_LIST_PAGE (widget);

  GTK_WIDGET_CLASS (mc_dossier_list_page_parent_class)->map (widget);

  /* Shown again: appointments may have become due since. */
  if (self->model != NULL && !mc_dossier_list_model_is_loading (self->model))
    mc_dossier_list_model_reload (self->model);
  ensure_model (self);
}

static void
mc_dossier_list_page_dispose (GObject *object)
{
  McDossierListPage *self = MC_DOSSIER_LIST_PAGE (object);
  GtkWidget *child;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  /* The template's top-level child has no id: unparent it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->probe_soon);
  g_clear_object (&self->probe_late);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_dossier_list_page_parent_class)->dispose (object);
}

static void
mc_dossier_list_page_class_init (McDossierListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_dossier_list_page_dispose;
  widget_class->map = mc_dossier_list_page_map;

  g_type_ensure (MC_TYPE_DOSSIER_ROW);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-dossier-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, McDossierListPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, McDossierListPage, order_choice);
  gtk_widget_class_bind_template_child (widget_class, McDossierListPage, figure_bar);
  gtk_widget_class_bind_template_child (widget_class, McDossierListPage, figure_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierListPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierListPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, McDossierListPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_order_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_figure_clear);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GtkStringList *
status_filter_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("All dossiers"));
  gtk_string_list_append (list, _("Open (deadline running or stopped)"));
  gtk_string_list_append (list, _("Due soon"));
  gtk_string_list_append (list, _("Overdue"));
  /* The portal's names of the statuses, as on every paper. */
  for (int status = MC_STATUS_FIRST; status <= MC_STATUS_LAST; status++)
    gtk_string_list_append (list, mc_status_describe (status));
  return list;
}

static void
mc_dossier_list_page_init (McDossierListPage *self)
{
  McDossierSummary soon = { .id = 1, .received_at = 0, .current_due_at = 1 };
  McDossierSummary late = { .id = 2, .received_at = 0, .current_due_at = 2 };
  g_autoptr(GtkStringList) filters = status_filter_model ();
  g_autoptr(GtkSorter) due_sorter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (filters));

  self->due_column = mc_dossier_columns_add (self->column_view, MC_DOSSIER_COLUMN_ALL);
  due_sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (MC_TYPE_DOSSIER_ROW, NULL,
                                                                                "due-at")));
  gtk_column_view_column_set_sorter (self->due_column, due_sorter);
  self->probe_soon = mc_dossier_row_new (soon.id, &soon, MC_DOSSIER_MARK_NONE);
  self->probe_late = mc_dossier_row_new (late.id, &late, MC_DOSSIER_MARK_NONE);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_view_sorter_changed), self, G_CONNECT_SWAPPED);
}

void
mc_dossier_list_page_set_context (McDossierListPage *self,
                                  McContext         *context)
{
  g_return_if_fail (MC_IS_DOSSIER_LIST_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_signal_connect_swapped (context, "dossier-changed", G_CALLBACK (on_dossier_changed), self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_model (self);
}

McDossierListModel *
mc_dossier_list_page_get_model (McDossierListPage *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_PAGE (self), NULL);
  return self->model;
}

void
mc_dossier_list_page_show_figure (McDossierListPage    *self,
                                  const McFigureFilter *filter,
                                  const char           *title)
{
  g_return_if_fail (MC_IS_DOSSIER_LIST_PAGE (self));
  g_return_if_fail (filter != NULL);

  ensure_model (self);
  if (self->model == NULL)
    return;   /* no context yet */
  self->scroll_to_top = TRUE;
  mc_dossier_list_model_set_figure (self->model, filter);
  gtk_label_set_text (self->figure_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->figure_bar), TRUE);
  update_count (self);
}
