/* mc-search-page.c — search results as the clerk types.
 *
 * Each text runs mc_store_search (diacritic-insensitive over code, name, ID number, phone and
 * procedure; the store does the folding) as a context job. A newer text cancels the older
 * search, so only the latest results are ever shown. The rows are GtkStringObjects holding the
 * dossier code, each carrying its McDossier as object data: fifty rows do not need a row type
 * of their own.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-search-page.h"
#include "mc-window.h"

/* The newest matches are what a counter looks for; a long list means the text is too short. */
#define MC_SEARCH_LIMIT 50
/* Searches start at most this often. The window's GtkSearchEntry already waits 150 ms after the
 * last keystroke before it calls us, so its calls start at once; a caller that calls us on
 * every keystroke gets the same pace. */
#define MC_SEARCH_DEBOUNCE_MS 150

typedef enum
{
  DUE_STATE_NONE,
  DUE_STATE_SOON,
  DUE_STATE_OVERDUE,
  DUE_STATE_PAUSED,
} DueState;

typedef enum
{
  COLUMN_CODE,
  COLUMN_APPLICANT,
  COLUMN_PROCEDURE,
  COLUMN_STATUS,
  COLUMN_APPOINTMENT,
} Column;

struct _McSearchPage
{
  GtkWidget           parent_instance;

  McContext          *context;              /* owned */
  GCancellable       *cancellable;          /* the search in flight, or NULL; owned */
  char               *text;                 /* the latest text asked for; owned */
  guint               debounce_id;
  gint64              last_search_us;       /* monotonic time the last search started */
  gboolean            open_first_when_ready;
  gboolean            results_current;      /* the results shown are those of @text */
  GListStore         *results;              /* GtkStringObject (code) with its McDossier; owned */

  /* template children */
  GtkStack           *stack;
  GtkLabel           *count_label;
  GtkLabel           *empty_detail_label;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (McSearchPage, mc_search_page, GTK_TYPE_WIDGET)

static GQuark
dossier_quark (void)
{
  return g_quark_from_static_string ("mc-search-dossier");
}

static GQuark
due_state_quark (void)
{
  return g_quark_from_static_string ("mc-search-due-state");
}

/* dd/MM/yyyy HH:mm, as the counter writes dates. */
static char *
format_moment (McTime moment)
{
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (moment == MC_TIME_NONE)
    return g_strdup (_("No set date"));
  day = mc_day_format_vi (mc_time_local_day (moment));
  clock = mc_clock_format (mc_time_local_seconds (moment));
  return g_strdup_printf ("%s %s", day, clock);
}

/* ---- the search job (worker thread) ------------------------------------------------- */

typedef struct
{
  GPtrArray *dossiers;   /* McDossier* */
  GArray    *states;     /* DueState, one per dossier */
} SearchResult;

static void
search_result_free (gpointer data)
{
  SearchResult *result = data;

  g_clear_pointer (&result->dossiers, g_ptr_array_unref);
  g_clear_pointer (&result->states, g_array_unref);
  g_free (result);
}

/* Due soon and overdue need the store's calendar, so they are worked out here, off the main
 * thread, the same way the CLI does: only a running deadline can be late. */
static DueState
due_state (McStore         *store,
           const McDossier *dossier,
           McTime           now)
{
  const McOfficeSettings *settings = mc_store_get_settings (store);

  if (mc_status_is_paused (dossier->status))
    return DUE_STATE_PAUSED;
  if (!mc_status_is_open (dossier->status) || dossier->current_due_at == MC_TIME_NONE)
    return DUE_STATE_NONE;
  if (mc_deadline_is_overdue (dossier->current_due_at, now))
    return DUE_STATE_OVERDUE;
  if (mc_deadline_is_due_soon (mc_store_get_work_calendar (store), &settings->deadline,
                               dossier->current_due_at, now))
    return DUE_STATE_SOON;
  return DUE_STATE_NONE;
}

static gpointer
search_job (McStore   *store,
            gpointer   job_data,
            GError   **error)
{
  const char *text = job_data;
  SearchResult *result;
  GPtrArray *dossiers;
  McTime now = mc_time_now ();

  if ((dossiers = mc_store_search (store, text, MC_SEARCH_LIMIT, error)) == NULL)
    return NULL;
  result = g_new0 (SearchResult, 1);
  result->dossiers = dossiers;
  result->states = g_array_sized_new (FALSE, FALSE, sizeof (DueState), dossiers->len);
  for (guint i = 0; i < dossiers->len; i++)
    {
      DueState state = due_state (store, g_ptr_array_index (dossiers, i), now);

      g_array_append_val (result->states, state);
    }
  return result;
}

/* ---- showing results ---------------------------------------------------------------- */

static const McDossier *
row_dossier (GtkListItem *list_item)
{
  GObject *row = gtk_list_item_get_item (list_item);

  return row != NULL ? g_object_get_qdata (row, dossier_quark ()) : NULL;
}

static void
open_position (McSearchPage *self,
               guint         position)
{
  g_autoptr(GtkStringObject) row = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-dossier", "s",
                                gtk_string_object_get_string (row));
}

static void
on_row_activate (McSearchPage  *self,
                 guint          position,
                 GtkColumnView *view)
{
  open_position (self, position);
}

static void
show_results (McSearchPage *self,
              SearchResult *result)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = result->dossiers->len;

  /* Each row takes its dossier. */
  g_ptr_array_set_free_func (result->dossiers, NULL);
  for (guint i = 0; i < n; i++)
    {
      McDossier *dossier = g_ptr_array_index (result->dossiers, i);
      GtkStringObject *row = gtk_string_object_new (dossier->code);

      g_object_set_qdata (G_OBJECT (row), due_state_quark (),
                          GINT_TO_POINTER (g_array_index (result->states, DueState, i)));
      g_object_set_qdata_full (G_OBJECT (row), dossier_quark (), dossier, (GDestroyNotify) mc_dossier_free);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       rows->pdata, rows->len);

  if (n == 0)
    {
      g_autofree char *detail = g_strdup_printf (_("Nothing matches “%s”. Check the spelling, or search "
                                                   "by the dossier code, the ID number or the phone number."),
                                                 self->text);

      gtk_label_set_text (self->empty_detail_label, detail);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (n >= MC_SEARCH_LIMIT)
    {
      g_autofree char *count = g_strdup_printf (_("The %u newest dossiers matching “%s”: type more to narrow "
                                                  "the search"), n, self->text);

      gtk_label_set_text (self->count_label, count);
    }
  else
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u dossier matches “%s”",
                                                             "%u dossiers match “%s”", n),
                                                n, self->text);

      gtk_label_set_text (self->count_label, count);
    }
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
search_done (GObject      *object,
             GAsyncResult *async_result,
             gpointer      user_data)
{
  g_autoptr(McSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  SearchResult *result = mc_context_run_finish (MC_CONTEXT (object), async_result, &error);

  /* A newer text cancelled this search: its results are stale. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (async_result)) != self->cancellable)
    {
      g_clear_pointer (&result, search_result_free);
      return;
    }
  g_clear_object (&self->cancellable);

  if (result == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_label_set_text (self->empty_detail_label, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      self->open_first_when_ready = FALSE;
      if (MC_IS_WINDOW (root))
        mc_window_show_message (MC_WINDOW (root), error->message);
      return;
    }

  show_results (self, result);
  search_result_free (result);
  self->results_current = TRUE;

  if (self->open_first_when_ready)
    {
      self->open_first_when_ready = FALSE;
      if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
        open_position (self, 0);
    }
}

static void
start_search (McSearchPage *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->context == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->last_search_us = g_get_monotonic_time ();
  mc_context_run_async (self->context, search_job, g_strdup (self->text), g_free, search_result_free,
                        self->cancellable, search_done, g_object_ref (self));
}

static gboolean
debounce_done (gpointer user_data)
{
  McSearchPage *self = user_data;

  self->debounce_id = 0;
  start_search (self);
  return G_SOURCE_REMOVE;
}

static void
cancel_search (McSearchPage *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

static void
on_dossier_changed (McSearchPage *self,
                    const char   *code,
                    McContext    *context)
{
  /* A dossier shown may have changed status: the same search again. */
  if (self->text != NULL && self->text[0] != '\0' && self->debounce_id == 0)
    {
      cancel_search (self);
      start_search (self);
    }
}

/* ---- the columns -------------------------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_APPLICANT || column == COLUMN_PROCEDURE || column == COLUMN_STATUS)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_APPOINTMENT)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new ();

      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (list_item, box);
      return;
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  const McDossier *dossier = row_dossier (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (dossier == NULL)
    return;

  switch (column)
    {
    case COLUMN_CODE:
      gtk_label_set_text (GTK_LABEL (child), dossier->code);
      break;
    case COLUMN_APPLICANT:
      gtk_label_set_text (GTK_LABEL (child), dossier->applicant_name);
      break;
    case COLUMN_PROCEDURE:
      gtk_label_set_text (GTK_LABEL (child), dossier->procedure_name != NULL ? dossier->procedure_name
                                                                             : dossier->procedure_code);
      gtk_widget_set_tooltip_text (child, dossier->procedure_name);
      break;
    case COLUMN_STATUS:
      gtk_label_set_text (GTK_LABEL (child), mc_status_describe (dossier->status));
      break;
    case COLUMN_APPOINTMENT:
      {
        GObject *row = gtk_list_item_get_item (list_item);
        DueState state = GPOINTER_TO_INT (g_object_get_qdata (row, due_state_quark ()));
        GtkWidget *icon = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_last_child (child);
        g_autofree char *due = format_moment (dossier->current_due_at);
        g_autofree char *shown = NULL;
        const char *icon_name = NULL;

        gtk_widget_remove_css_class (child, "overdue");
        gtk_widget_remove_css_class (child, "due-soon");
        /* The icon and the word carry the state; the colour only repeats it. */
        if (state == DUE_STATE_OVERDUE)
          {
            icon_name = "dialog-warning-symbolic";
            shown = g_strdup_printf ("%s — %s", due, _("Overdue"));
            gtk_widget_add_css_class (child, "overdue");
          }
        else if (state == DUE_STATE_SOON)
          {
            icon_name = "alarm-symbolic";
            shown = g_strdup_printf ("%s — %s", due, _("Due soon"));
            gtk_widget_add_css_class (child, "due-soon");
          }
        else if (state == DUE_STATE_PAUSED)
          {
            icon_name = "media-playback-pause-symbolic";
            shown = g_strdup_printf ("%s — %s", due, _("Clock stopped"));
          }
        gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
        gtk_widget_set_visible (icon, icon_name != NULL);
        gtk_label_set_text (GTK_LABEL (label), shown != NULL ? shown : due);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_column (McSearchPage *self,
            Column        column,
            const char   *title,
            gboolean      expand,
            int           fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (self->column_view, view_column);
}

/* ---- the widget --------------------------------------------------------------------- */

static void
mc_search_page_dispose (GObject *object)
{
  McSearchPage *self = MC_SEARCH_PAGE (object);
  GtkWidget *child;

  cancel_search (self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  /* The template's top-level children have no id: unparent them all. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (mc_search_page_parent_class)->dispose (object);
}

static void
mc_search_page_finalize (GObject *object)
{
  McSearchPage *self = MC_SEARCH_PAGE (object);

  g_free (self->text);

  G_OBJECT_CLASS (mc_search_page_parent_class)->finalize (object);
}

static void
mc_search_page_class_init (McSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_search_page_dispose;
  object_class->finalize = mc_search_page_finalize;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-search-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, McSearchPage, stack);
  gtk_widget_class_bind_template_child (widget_class, McSearchPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, McSearchPage, empty_detail_label);
  gtk_widget_class_bind_template_child (widget_class, McSearchPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate);
}

static void
mc_search_page_init (McSearchPage *self)
{
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text = g_strdup ("");
  self->results = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  add_column (self, COLUMN_CODE, _("Dossier code"), FALSE, 230);
  add_column (self, COLUMN_APPLICANT, _("Applicant"), FALSE, 200);
  add_column (self, COLUMN_PROCEDURE, _("Procedure"), TRUE, 0);
  add_column (self, COLUMN_STATUS, _("Status"), FALSE, 190);
  add_column (self, COLUMN_APPOINTMENT, _("Appointment"), FALSE, 250);
}

void
mc_search_page_set_context (McSearchPage *self,
                            McContext    *context)
{
  g_return_if_fail (MC_IS_SEARCH_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_signal_connect_object (context, "dossier-changed", G_CALLBACK (on_dossier_changed), self,
                           G_CONNECT_SWAPPED);
}

void
mc_search_page_search (McSearchPage *self,
                       const char   *text)
{
  g_autofree char *stripped = NULL;
  gint64 since_last_ms;

  g_return_if_fail (MC_IS_SEARCH_PAGE (self));

  /* The same text again (Enter right after the search field's delayed "search-changed"):
   * what is shown or coming is already its answer. */
  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (g_str_equal (stripped, self->text) &&
      (self->results_current || self->debounce_id != 0 || self->cancellable != NULL))
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&stripped);
  self->results_current = FALSE;
  cancel_search (self);

  if (self->text[0] == '\0')
    {
      g_list_store_remove_all (self->results);
      self->open_first_when_ready = FALSE;
      self->results_current = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  since_last_ms = (g_get_monotonic_time () - self->last_search_us) / 1000;
  if (since_last_ms >= MC_SEARCH_DEBOUNCE_MS)
    start_search (self);
  else
    self->debounce_id = g_timeout_add ((guint) (MC_SEARCH_DEBOUNCE_MS - since_last_ms), debounce_done, self);
}

gboolean
mc_search_page_activate_first (McSearchPage *self)
{
  g_return_val_if_fail (MC_IS_SEARCH_PAGE (self), FALSE);

  if (self->text[0] == '\0')
    return FALSE;
  /* Enter came before the results of the last text: open the first of them when they come. */
  if (self->debounce_id != 0 || self->cancellable != NULL)
    {
      if (self->debounce_id != 0)
        start_search (self);
      self->open_first_when_ready = TRUE;
      return TRUE;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return FALSE;
  open_position (self, 0);
  return TRUE;
}

GListModel *
mc_search_page_get_results (McSearchPage *self)
{
  g_return_val_if_fail (MC_IS_SEARCH_PAGE (self), NULL);
  return G_LIST_MODEL (self->results);
}
