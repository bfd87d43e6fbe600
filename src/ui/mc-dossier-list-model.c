/* mc-dossier-list-model.c — the dossier list over a whole database, as Sysprof does it.
 *
 * The model keeps a compact array of dossier ids (8 bytes a row: 8 MB for a million) for the
 * current filter and order, read in one query on a worker thread over a connection of the
 * model's own (mc_store_list_dossier_ids walks an index in the list's order: 80–130 ms for a
 * million ids on a 2-vCPU machine), so n_items is known as soon as that query returns and no
 * dossier is read before a view asks for it. A row object is built only when the view asks
 * for its position (g_list_model_get_item), from a page of MC_DOSSIER_LIST_PAGE_SIZE
 * summaries fetched by primary key; MAX_PAGES pages stay cached, least recently used first
 * out, so memory does not grow with scrolling (walking all million rows adds 2 MB).
 *
 * Pages are fetched synchronously, on the main thread, over a second connection of the
 * model's own (opened on the worker with the first, so the main thread never opens a
 * database). Decided by measuring on the 1,000,000-dossier database (tests/bench/bench-list):
 * a page of 200 rows by id takes 0.4–0.75 ms (median) and 0.6–1.2 ms (99th percentile) with
 * the file in the page cache, and about 2.5 ms / 14 ms when the system has evicted it; the
 * view asks for at most two pages in a frame, so even a cold jump costs a frame or two, and in
 * exchange the view gets real rows at once: no placeholder rows, no second items-changed when
 * they fill in, nothing to re-sort or re-measure. Under Xvfb the real GtkColumnView keeps
 * 17 ms frames dragging the scrollbar over the whole list (tests/bench/bench-list-scroll).
 *
 * A reload (a dossier received or moved, see mc_dossier_list_model_reload) runs the id query
 * again on the worker and re-reads the rows already built there; then the rows the view holds
 * are updated in place (property notifications), and items-changed covers only the span
 * between the first and the last position whose id differs, so the view keeps its scroll
 * position: a receipt in the newest-first list is items-changed (0, 0, 1).
 *
 * Instead of a query, the ids may be those behind a dashboard figure (set_figure: the overdue,
 * the finished late of a month, a breakdown row's received …, mc_store_list_figure_ids), so
 * that the list opened from a figure has exactly the figure's count.
 */
#include "config.h"

#include "mc-deadline.h"
#include "mc-dossier-list-model.h"
#include "mc-status.h"

/* Pages kept: the rows around the view, plus room for scrolling back and forth. */
#define MAX_PAGES 32

typedef struct
{
  guint           index;        /* positions [index * PAGE_SIZE, …) */
  guint           n;
  gint64          last_used;
  GPtrArray      *summaries;    /* McDossierSummary* (owned), NULL for a vanished dossier */
  McDossierRow  **rows;         /* owned refs, built on request */
} Page;

struct _McDossierListModel
{
  GObject         parent_instance;

  char           *db_path;
  McDossierQuery  query;
  McFigureFilter  figure;           /* figure.figure set: the dossiers behind it, not the query */
  char           *figure_key;       /* owned; figure.group_key points here */
  McStore        *worker_store;     /* owned; used only by the load thread */
  McStore        *page_store;       /* owned; used only by the main thread */
  GArray         *ids;              /* gint64, the current list */
  McTime          now;              /* of the last load: marks agree with its filter */
  GHashTable     *pages;            /* index → Page* (owned) */
  gint64          page_clock;
  GCancellable   *cancellable;      /* owned; cancelled at dispose */
  gboolean        running;          /* a load thread is at work */
  gboolean        reload_pending;   /* another load was asked for meanwhile */
  GPtrArray      *refreshing_rows;  /* McDossierRow* refs re-read by the running load */
  GError         *error;            /* of the last load */
  guint           n_rows_built;
  guint           n_pages_fetched;
  double          load_ms;
};

static void mc_dossier_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McDossierListModel, mc_dossier_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, mc_dossier_list_model_iface_init))

enum
{
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
page_free (gpointer data)
{
  Page *page = data;

  for (guint i = 0; i < page->n; i++)
    g_clear_object (&page->rows[i]);
  g_free (page->rows);
  g_ptr_array_unref (page->summaries);
  g_free (page);
}

/* One load: everything the worker thread reads and writes, nothing the main thread uses
 * while it runs. */
typedef struct
{
  char           *db_path;
  McStore        *worker_store;   /* owned; NULL on the first load: opened by the thread */
  McStore        *page_store;     /* owned; opened by the thread on the first load */
  McDossierQuery  query;          /* with now fixed */
  McFigureFilter  figure;         /* MC_FIGURE_NONE: the query; else with now fixed */
  char           *figure_key;     /* owned; figure.group_key points here */
  GArray         *refresh_ids;    /* gint64: rows already built, to re-read */
  GArray         *ids;            /* result */
  GPtrArray      *refreshed;      /* result: McDossierSummary* in the order of refresh_ids */
  GError         *error;          /* of the query, once the connections are open */
  double          load_ms;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->db_path);
  g_free (job->figure_key);
  g_clear_object (&job->worker_store);
  g_clear_object (&job->page_store);
  g_clear_pointer (&job->refresh_ids, g_array_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->refreshed, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  gint64 start;

  if (job->worker_store == NULL)
    {
      job->worker_store = mc_store_open (job->db_path, &job->error);
      if (job->worker_store != NULL)
        job->page_store = mc_store_open (job->db_path, &job->error);
      if (job->error != NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  start = g_get_monotonic_time ();
  if (job->figure.figure != MC_FIGURE_NONE)
    job->ids = mc_store_list_figure_ids (job->worker_store, &job->figure, &job->error);
  else
    job->ids = mc_store_list_dossier_ids (job->worker_store, &job->query, &job->error);
  job->load_ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  if (job->ids != NULL && job->refresh_ids->len > 0)
    job->refreshed = mc_store_get_dossier_summaries (job->worker_store, (const gint64 *) job->refresh_ids->data,
                                                     job->refresh_ids->len, &job->error);
  g_task_return_boolean (task, TRUE);
}

static McDossierMark
mark_for (McDossierListModel     *self,
          const McDossierSummary *summary)
{
  McWorkCalendar *calendar;

  /* As the store's filters: the mark concerns dossiers whose deadline is running. */
  if (summary == NULL || !mc_status_is_open (summary->status))
    return MC_DOSSIER_MARK_NONE;
  if (mc_deadline_is_overdue (summary->current_due_at, self->now))
    return MC_DOSSIER_MARK_OVERDUE;
  calendar = mc_store_get_work_calendar (self->page_store);
  if (mc_deadline_is_due_soon (calendar, &mc_store_get_settings (self->page_store)->deadline,
                               summary->current_due_at, self->now))
    return MC_DOSSIER_MARK_DUE_SOON;
  return MC_DOSSIER_MARK_NONE;
}

static void start_load (McDossierListModel *self);

static void
finish_load (McDossierListModel *self)
{
  g_clear_pointer (&self->refreshing_rows, g_ptr_array_unref);
  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      start_load (self);
      return;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_emit (self, signals[LOADED], 0);
}

/* Swaps in the new ids and tells views what moved: one items-changed over the span between
 * the common prefix and the common suffix of the old and new lists. */
static void
apply_ids (McDossierListModel *self,
           GArray             *ids)
{
  g_autoptr(GArray) old = self->ids;
  const gint64 *a = (const gint64 *) old->data;
  const gint64 *b = (const gint64 *) ids->data;
  guint old_n = old->len, new_n = ids->len;
  guint prefix = 0, suffix = 0;

  while (prefix < old_n && prefix < new_n && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix
         && a[old_n - 1 - suffix] == b[new_n - 1 - suffix])
    suffix++;

  self->ids = g_array_ref (ids);
  /* Positions moved: cached pages no longer match them. Rows the view holds stay alive. */
  g_hash_table_remove_all (self->pages);

  if (prefix == old_n && prefix == new_n)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  McDossierListModel *self = MC_DOSSIER_LIST_MODEL (object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;   /* cancelled: the model is being disposed */

  if (self->worker_store == NULL && job->worker_store != NULL && job->page_store != NULL)
    {
      self->worker_store = g_steal_pointer (&job->worker_store);
      self->page_store = g_steal_pointer (&job->page_store);
    }
  g_clear_error (&self->error);
  if (job->error != NULL)
    {
      self->error = g_steal_pointer (&job->error);
      finish_load (self);
      return;
    }

  self->now = job->query.now;
  self->load_ms = job->load_ms;

  /* Rows the view already shows take their dossier's current values. */
  for (guint i = 0; job->refreshed != NULL && i < job->refreshed->len; i++)
    {
      McDossierRow *row = g_ptr_array_index (self->refreshing_rows, i);
      const McDossierSummary *summary = g_ptr_array_index (job->refreshed, i);

      if (summary != NULL)
        mc_dossier_row_update (row, summary, mark_for (self, summary));
    }

  apply_ids (self, job->ids);
  finish_load (self);
}

static void
start_load (McDossierListModel *self)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;
  GHashTableIter iter;
  gpointer value;
  gboolean was_loading = self->running;

  if (self->running)
    {
      self->reload_pending = TRUE;
      return;
    }

  job = g_new0 (LoadJob, 1);
  job->db_path = g_strdup (self->db_path);
  job->worker_store = self->worker_store ? g_object_ref (self->worker_store) : NULL;
  job->query = self->query;
  if (job->query.now == 0 || job->query.now == MC_TIME_NONE)
    job->query.now = mc_time_now ();
  job->figure = self->figure;
  job->figure_key = g_strdup (self->figure_key);
  job->figure.group_key = job->figure_key;
  if (job->figure.now == 0 || job->figure.now == MC_TIME_NONE)
    job->figure.now = job->query.now;
  job->refresh_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_clear_pointer (&self->refreshing_rows, g_ptr_array_unref);
  self->refreshing_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->n; i++)
        if (page->rows[i] != NULL)
          {
            gint64 id = mc_dossier_row_get_id (page->rows[i]);

            g_array_append_val (job->refresh_ids, id);
            g_ptr_array_add (self->refreshing_rows, g_object_ref (page->rows[i]));
          }
    }

  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_task_data (task, job, load_job_free);
  self->running = TRUE;
  g_task_run_in_thread (task, load_thread);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static Page *
fetch_page (McDossierListModel *self,
            guint               index)
{
  g_autoptr(GError) error = NULL;
  guint first = index * MC_DOSSIER_LIST_PAGE_SIZE;
  guint n = MIN (MC_DOSSIER_LIST_PAGE_SIZE, self->ids->len - first);
  GPtrArray *summaries;
  Page *page;

  summaries = mc_store_get_dossier_summaries (self->page_store, &g_array_index (self->ids, gint64, first), n,
                                              &error);
  if (summaries == NULL)
    {
      /* A view cannot be told "no row here": it gets rows with the id only, and the next
       * reload tries again. */
      g_debug ("Reading a page of the dossier list failed: %s", error->message);
      summaries = g_ptr_array_new ();
      g_ptr_array_set_size (summaries, n);
    }
  self->n_pages_fetched++;

  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest = NULL;
      gint64 oldest_used = G_MAXINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Page *) value)->last_used < oldest_used)
          {
            oldest_used = ((Page *) value)->last_used;
            oldest = key;
          }
      g_hash_table_remove (self->pages, oldest);
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->n = n;
  page->summaries = summaries;
  page->rows = g_new0 (McDossierRow *, n);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  return page;
}

static GType
mc_dossier_list_model_get_item_type (GListModel *model)
{
  return MC_TYPE_DOSSIER_ROW;
}

static guint
mc_dossier_list_model_get_n_items (GListModel *model)
{
  return MC_DOSSIER_LIST_MODEL (model)->ids->len;
}

static gpointer
mc_dossier_list_model_get_item (GListModel *model,
                                guint       position)
{
  McDossierListModel *self = MC_DOSSIER_LIST_MODEL (model);
  guint index = position / MC_DOSSIER_LIST_PAGE_SIZE;
  guint slot = position % MC_DOSSIER_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->ids->len)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = fetch_page (self, index);
  page->last_used = ++self->page_clock;

  if (page->rows[slot] == NULL)
    {
      const McDossierSummary *summary = g_ptr_array_index (page->summaries, slot);

      page->rows[slot] = mc_dossier_row_new (g_array_index (self->ids, gint64, position), summary,
                                             mark_for (self, summary));
      self->n_rows_built++;
    }
  return g_object_ref (page->rows[slot]);
}

static void
mc_dossier_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mc_dossier_list_model_get_item_type;
  iface->get_n_items = mc_dossier_list_model_get_n_items;
  iface->get_item = mc_dossier_list_model_get_item;
}

static void
mc_dossier_list_model_dispose (GObject *object)
{
  McDossierListModel *self = MC_DOSSIER_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->pages);
  g_clear_pointer (&self->refreshing_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mc_dossier_list_model_parent_class)->dispose (object);
}

static void
mc_dossier_list_model_finalize (GObject *object)
{
  McDossierListModel *self = MC_DOSSIER_LIST_MODEL (object);

  g_free (self->db_path);
  g_free (self->figure_key);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->page_store);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mc_dossier_list_model_parent_class)->finalize (object);
}

static void
mc_dossier_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  McDossierListModel *self = MC_DOSSIER_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_dossier_list_model_class_init (McDossierListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_dossier_list_model_dispose;
  object_class->finalize = mc_dossier_list_model_finalize;
  object_class->get_property = mc_dossier_list_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McDossierListModel::loaded:
   *
   * A load or reload finished (its ids are in place, or the error is set).
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mc_dossier_list_model_init (McDossierListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, page_free);
  self->cancellable = g_cancellable_new ();
}

McDossierListModel *
mc_dossier_list_model_new (const char           *db_path,
                           const McDossierQuery *query)
{
  McDossierListModel *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (MC_TYPE_DOSSIER_LIST_MODEL, NULL);
  self->db_path = g_strdup (db_path);
  if (query != NULL)
    self->query = *query;
  start_load (self);
  return self;
}

void
mc_dossier_list_model_set_query (McDossierListModel   *self,
                                 const McDossierQuery *query)
{
  McDossierQuery defaults = { 0 };

  g_return_if_fail (MC_IS_DOSSIER_LIST_MODEL (self));

  self->query = query != NULL ? *query : defaults;
  self->figure = (McFigureFilter) { 0 };
  g_clear_pointer (&self->figure_key, g_free);
  start_load (self);
}

void
mc_dossier_list_model_get_query (McDossierListModel *self,
                                 McDossierQuery     *query)
{
  g_return_if_fail (MC_IS_DOSSIER_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  *query = self->query;
}

void
mc_dossier_list_model_set_figure (McDossierListModel   *self,
                                  const McFigureFilter *filter)
{
  g_return_if_fail (MC_IS_DOSSIER_LIST_MODEL (self));

  g_clear_pointer (&self->figure_key, g_free);
  self->figure = filter != NULL ? *filter : (McFigureFilter) { 0 };
  self->figure_key = g_strdup (self->figure.group_key);
  self->figure.group_key = self->figure_key;
  start_load (self);
}

gboolean
mc_dossier_list_model_get_figure (McDossierListModel *self,
                                  McFigureFilter     *filter)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), FALSE);

  if (filter != NULL)
    *filter = self->figure;
  return self->figure.figure != MC_FIGURE_NONE;
}

void
mc_dossier_list_model_reload (McDossierListModel *self)
{
  g_return_if_fail (MC_IS_DOSSIER_LIST_MODEL (self));

  start_load (self);
}

gboolean
mc_dossier_list_model_is_loading (McDossierListModel *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), FALSE);
  return self->running;
}

const GError *
mc_dossier_list_model_get_error (McDossierListModel *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), NULL);
  return self->error;
}

gint64
mc_dossier_list_model_get_id (McDossierListModel *self,
                              guint               position)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

gint
mc_dossier_list_model_find (McDossierListModel *self,
                            gint64              id)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->ids->len && i <= G_MAXINT; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return (gint) i;
  return -1;
}

guint
mc_dossier_list_model_get_n_rows_built (McDossierListModel *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), 0);
  return self->n_rows_built;
}

guint
mc_dossier_list_model_get_n_pages_fetched (McDossierListModel *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), 0);
  return self->n_pages_fetched;
}

double
mc_dossier_list_model_get_load_ms (McDossierListModel *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_LIST_MODEL (self), 0);
  return self->load_ms;
}
