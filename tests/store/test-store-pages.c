/* The dossier list's paging SQL: the ids of a filtered, ordered list and the rows fetched by
 * id, on a generated register of a few hundred dossiers. What each query returns is checked
 * against the store's own counts and lists, or against a filter applied here to every
 * dossier's summary, so a clause that drops or lets through a dossier shows up as a
 * difference a clerk would see in the list's count or order. */
#include <glib/gstdio.h>

#include "mc-dossier-code.h"
#include "mc-store.h"

#define N_DOSSIERS 600

static char *dir;
static McStore *store;          /* the generated register, read only by the tests */
static McTime until;
static GPtrArray *everything;   /* McDossierSummary* of every dossier, by id */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

static GArray *
ids_of (McStore              *s,
        const McDossierQuery *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = mc_store_list_dossier_ids (s, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static GPtrArray *
summaries_of (McStore *s,
              GArray  *ids)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries = mc_store_get_dossier_summaries (s, (const gint64 *) ids->data, ids->len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summaries);
  g_assert_cmpuint (summaries->len, ==, ids->len);
  for (guint i = 0; i < summaries->len; i++)
    g_assert_nonnull (summaries->pdata[i]);
  return summaries;
}

static gint64
count_everything (gboolean (*keep) (const McDossierSummary *summary, gconstpointer data),
                  gconstpointer data)
{
  gint64 n = 0;

  for (guint i = 0; i < everything->len; i++)
    n += keep (everything->pdata[i], data);
  return n;
}

static int
compare_id (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* @ids as a sorted copy, to compare as sets. */
static GArray *
sorted (GArray *ids)
{
  GArray *copy = g_array_copy (ids);

  g_array_sort (copy, compare_id);
  return copy;
}

static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

static void
test_every_dossier_newest_first (void)
{
  McDossierFilter filter = { .limit = N_DOSSIERS + 100 };
  McStoreCounts counts;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_of (store, NULL);
  g_autoptr(GPtrArray) listed = mc_store_list_dossiers (store, &filter, &error);
  g_autoptr(GArray) listed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  g_assert_true (mc_store_count (store, 0, until + 1, until, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ids->len, ==, counts.received);
  g_assert_cmpint (ids->len, ==, N_DOSSIERS);

  /* The same list, in the same order, as the store's page-by-offset listing gives. */
  for (guint i = 0; i < listed->len; i++)
    g_array_append_val (listed_ids, ((McDossier *) listed->pdata[i])->id);
  assert_same_ids (ids, listed_ids);
}

static void
test_by_appointment_is_ordered (void)
{
  McDossierQuery soonest = { .order = MC_DOSSIER_ORDER_DUE };
  McDossierQuery latest = { .order = MC_DOSSIER_ORDER_DUE_LATEST };
  g_autoptr(GArray) ids = ids_of (store, &soonest);
  g_autoptr(GArray) latest_ids = ids_of (store, &latest);
  g_autoptr(GPtrArray) rows = summaries_of (store, ids);
  g_autoptr(GPtrArray) latest_rows = summaries_of (store, latest_ids);

  g_assert_cmpuint (ids->len, ==, N_DOSSIERS);
  g_assert_cmpuint (latest_ids->len, ==, N_DOSSIERS);
  for (guint i = 1; i < rows->len; i++)
    {
      const McDossierSummary *a = rows->pdata[i - 1], *b = rows->pdata[i];
      const McDossierSummary *c = latest_rows->pdata[i - 1], *d = latest_rows->pdata[i];

      g_assert_true (a->current_due_at < b->current_due_at
                     || (a->current_due_at == b->current_due_at && a->id < b->id));
      g_assert_true (c->current_due_at > d->current_due_at
                     || (c->current_due_at == d->current_due_at && c->id > d->id));
    }
}

static gboolean
has_status (const McDossierSummary *summary,
            gconstpointer           data)
{
  return (int) summary->status == GPOINTER_TO_INT (data);
}

static void
test_status_filter_gives_that_status_only (void)
{
  McStoreCounts counts;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  g_assert_true (mc_store_count (store, 0, until + 1, until, &counts, &error));
  g_assert_no_error (error);
  for (int status = MC_STATUS_FIRST; status <= MC_STATUS_LAST; status++)
    {
      McDossierQuery query = { .status = status, .order = status % 2 ? MC_DOSSIER_ORDER_DUE
                                                                     : MC_DOSSIER_ORDER_NEWEST_RECEIVED };
      g_autoptr(GArray) ids = ids_of (store, &query);
      g_autoptr(GPtrArray) rows = summaries_of (store, ids);

      for (guint i = 0; i < rows->len; i++)
        g_assert_cmpint (((McDossierSummary *) rows->pdata[i])->status, ==, status);
      g_assert_cmpint (ids->len, ==, counts.by_status[status]);
      g_assert_cmpint (ids->len, ==, count_everything (has_status, GINT_TO_POINTER (status)));
      total += ids->len;
    }
  g_assert_cmpint (total, ==, N_DOSSIERS);
  /* A generated register has returned dossiers and some still in processing. */
  g_assert_cmpint (counts.by_status[MC_STATUS_RETURNED], >, 0);
}

static GArray *
listed_ids (McDossierFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  filter->limit = N_DOSSIERS + 100;
  listed = mc_store_list_dossiers (store, filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < listed->len; i++)
    g_array_append_val (ids, ((McDossier *) listed->pdata[i])->id);
  return ids;
}

/* Open, due soon and overdue mean what the store's figures and lists mean by them. */
static void
test_deadline_filters_match_the_store (void)
{
  McStoreCounts counts;
  g_autoptr(GError) error = NULL;
  McDossierQuery open = { .only_open = TRUE, .order = MC_DOSSIER_ORDER_DUE, .now = until };
  McDossierQuery overdue = { .only_overdue = TRUE, .order = MC_DOSSIER_ORDER_DUE, .now = until };
  McDossierQuery due_soon = { .only_due_soon = TRUE, .order = MC_DOSSIER_ORDER_DUE, .now = until };
  McDossierFilter overdue_filter = { .only_overdue = TRUE, .now = until, .order_by_due = TRUE };
  McDossierFilter due_soon_filter = { .only_due_soon = TRUE, .now = until, .order_by_due = TRUE };
  McDossierFilter open_filter = { .only_open = TRUE, .now = until };
  g_autoptr(GArray) open_ids = ids_of (store, &open);
  g_autoptr(GArray) overdue_ids = ids_of (store, &overdue);
  g_autoptr(GArray) due_soon_ids = ids_of (store, &due_soon);
  g_autoptr(GArray) expected_overdue = listed_ids (&overdue_filter);
  g_autoptr(GArray) expected_due_soon = listed_ids (&due_soon_filter);
  g_autoptr(GArray) expected_open = listed_ids (&open_filter);
  g_autoptr(GArray) open_sorted = sorted (open_ids);
  g_autoptr(GArray) expected_open_sorted = sorted (expected_open);

  g_assert_true (mc_store_count (store, 0, until + 1, until, &counts, &error));
  g_assert_no_error (error);

  g_assert_cmpint (open_ids->len, ==, counts.open + counts.paused);
  assert_same_ids (open_sorted, expected_open_sorted);
  /* Both lists are by appointment then id: the same order too. */
  g_assert_cmpint (overdue_ids->len, ==, counts.overdue);
  assert_same_ids (overdue_ids, expected_overdue);
  g_assert_cmpint (due_soon_ids->len, ==, counts.due_soon);
  assert_same_ids (due_soon_ids, expected_due_soon);
  g_assert_cmpint (open_ids->len, >, 0);
}

typedef struct
{
  McTime from;
  McTime to;
} Range;

static gboolean
received_in (const McDossierSummary *summary,
             gconstpointer           data)
{
  const Range *range = data;

  return summary->received_at >= range->from && summary->received_at < range->to;
}

/* The queue's "received today" is a range of receipt times, newest first. */
static void
test_received_range_newest_first (void)
{
  McStoreCounts counts;
  g_autoptr(GError) error = NULL;
  McDay today = mc_time_local_day (until);
  Range range = { mc_time_from_local (today - 30, 0), mc_time_from_local (today + 1, 0) };
  McDossierQuery query = { .received_from = range.from, .received_to = range.to };
  g_autoptr(GArray) ids = ids_of (store, &query);
  g_autoptr(GPtrArray) rows = summaries_of (store, ids);

  g_assert_true (mc_store_count (store, range.from, range.to, until, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ids->len, ==, counts.received);
  g_assert_cmpint (ids->len, ==, count_everything (received_in, &range));
  g_assert_cmpint (ids->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const McDossierSummary *row = rows->pdata[i];

      g_assert_true (received_in (row, &range));
      if (i > 0)
        g_assert_cmpint (((McDossierSummary *) rows->pdata[i - 1])->received_at, >=, row->received_at);
    }
}

static gboolean
to_return_before (const McDossierSummary *summary,
                  gconstpointer           data)
{
  McTime bound = *(const McTime *) data;

  return (summary->status == MC_STATUS_RECEIVED || summary->status == MC_STATUS_IN_PROCESSING
          || summary->status == MC_STATUS_RESULT_READY)
         && summary->current_due_at != MC_TIME_NONE && summary->current_due_at < bound;
}

/* The queue's second list: results to hand back whose appointment is today or past,
 * latest appointment first. */
static void
test_to_return_by_latest_appointment (void)
{
  McTime tomorrow = mc_time_from_local (mc_time_local_day (until) + 1, 0);
  McDossierQuery query = { .only_to_return = TRUE, .due_before = tomorrow,
                           .order = MC_DOSSIER_ORDER_DUE_LATEST };
  g_autoptr(GArray) ids = ids_of (store, &query);
  g_autoptr(GPtrArray) rows = summaries_of (store, ids);

  g_assert_cmpint (ids->len, ==, count_everything (to_return_before, &tomorrow));
  g_assert_cmpint (ids->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const McDossierSummary *row = rows->pdata[i];

      g_assert_true (to_return_before (row, &tomorrow));
      if (i > 0)
        g_assert_cmpint (((McDossierSummary *) rows->pdata[i - 1])->current_due_at, >=, row->current_due_at);
    }
}

/* Rows come back in the order asked, whatever the table's order, with a hole for a dossier
 * that is not there, and with the values the dossier page shows. */
static void
test_summaries_follow_the_ids (void)
{
  gint64 ids[] = { 0, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const McDossierSummary *last = everything->pdata[everything->len - 1];
  const McDossierSummary *first = everything->pdata[0];

  ids[0] = last->id;
  ids[1] = G_MAXINT64 - 7;   /* no such dossier */
  ids[2] = first->id;
  ids[3] = last->id;
  rows = mc_store_get_dossier_summaries (store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_null (rows->pdata[1]);
  for (guint i = 0; i < 4; i++)
    {
      const McDossierSummary *row = rows->pdata[i];
      g_autoptr(McDossier) dossier = NULL;

      if (i == 1)
        continue;
      g_assert_cmpint (row->id, ==, ids[i]);
      dossier = mc_store_get_dossier (store, row->code, &error);
      g_assert_no_error (error);
      g_assert_cmpint (dossier->id, ==, row->id);
      g_assert_cmpstr (dossier->applicant_name, ==, row->applicant_name);
      g_assert_cmpstr (dossier->procedure_name, ==, row->procedure_name);
      g_assert_cmpint (dossier->status, ==, row->status);
      g_assert_cmpint (dossier->received_at, ==, row->received_at);
      g_assert_cmpint (dossier->current_due_at, ==, row->current_due_at);
    }
}

static const char no_time_limit_catalogue[] =
  "{ \"format\": 1, \"version\": \"pages-1\", \"procedures\": [ {"
  "  \"code\": \"1.000000\", \"name\": \"Thủ tục không có thời hạn\", \"field_code\": \"khac\","
  "  \"field_name\": \"Khác\", \"level\": \"commune\", \"agency\": \"UBND xã\","
  "  \"time_limit\": { \"kind\": \"none\" }, \"documents\": [], \"fees\": [],"
  "  \"legal_basis\": \"Không\", \"source\": \"fixture\" } ] }";

/* A dossier without a statutory time has no appointment: by appointment it comes last in
 * both directions, after every dated one. */
static void
test_no_appointment_comes_last (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "no-limit.db", NULL);
  g_autoptr(McStore) s = mc_store_open (path, &error);
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(McDossier) undated = NULL;
  McDossierQuery soonest = { .order = MC_DOSSIER_ORDER_DUE };
  McDossierQuery latest = { .order = MC_DOSSIER_ORDER_DUE_LATEST };
  g_autoptr(GArray) soonest_ids = NULL;
  g_autoptr(GArray) latest_ids = NULL;

  g_assert_no_error (error);
  g_assert_true (mc_store_generate (s, 40, 3, until, 1, &error));
  g_assert_no_error (error);
  catalogue = mc_catalogue_parse (no_time_limit_catalogue, sizeof no_time_limit_catalogue - 1, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_import_catalogue (s, catalogue, "test", &error));
  g_assert_no_error (error);

  {
    g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();

    draft->procedure_code = g_strdup ("1.000000");
    draft->applicant_name = g_strdup ("Trần Thị Bình");
    draft->id_number = g_strdup ("008090001234");
    draft->received_at = until - 3600 * 24 * 40;   /* older than most: not last by receipt */
    undated = mc_store_receive (s, draft, "clerk-an", &error);
    g_assert_no_error (error);
    g_assert_cmpint (undated->current_due_at, ==, MC_TIME_NONE);
  }

  soonest_ids = ids_of (s, &soonest);
  latest_ids = ids_of (s, &latest);
  g_assert_cmpuint (soonest_ids->len, ==, 41);
  g_assert_cmpuint (latest_ids->len, ==, 41);
  g_assert_cmpint (g_array_index (soonest_ids, gint64, 40), ==, undated->id);
  g_assert_cmpint (g_array_index (latest_ids, gint64, 40), ==, undated->id);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) ids = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("motcua-pages-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "desk.db", NULL);
  store = mc_store_open (path, &error);
  g_assert_no_error (error);
  until = mc_time_now ();
  g_assert_true (mc_store_generate (store, N_DOSSIERS, 42, until, 1, &error));
  g_assert_no_error (error);

  /* Every dossier's summary, by id: the reference the filters are checked against. */
  ids = ids_of (store, NULL);
  g_array_sort (ids, compare_id);
  everything = summaries_of (store, ids);

  g_test_add_func ("/store-pages/every-dossier-newest-first", test_every_dossier_newest_first);
  g_test_add_func ("/store-pages/by-appointment-is-ordered", test_by_appointment_is_ordered);
  g_test_add_func ("/store-pages/status-filter-gives-that-status-only", test_status_filter_gives_that_status_only);
  g_test_add_func ("/store-pages/deadline-filters-match-the-store", test_deadline_filters_match_the_store);
  g_test_add_func ("/store-pages/received-range-newest-first", test_received_range_newest_first);
  g_test_add_func ("/store-pages/to-return-by-latest-appointment", test_to_return_by_latest_appointment);
  g_test_add_func ("/store-pages/summaries-follow-the-ids", test_summaries_follow_the_ids);
  g_test_add_func ("/store-pages/no-appointment-comes-last", test_no_appointment_comes_last);

  status = g_test_run ();

  g_clear_pointer (&everything, g_ptr_array_unref);
  g_clear_object (&store);
  remove_tree (dir);
  g_free (dir);
  return status;
}
