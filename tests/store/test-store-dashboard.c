/* The supervisor's dashboard against an independent count.
 *
 * A generated office (two years of dossiers) plus dossiers made here by receiving and moving
 * them as a clerk would: paused for a supplement and still waiting, paused and then finished
 * late (judged against the appointment the pause extended), waiting for a payment, overdue
 * by days, received online, one acknowledged by the portal, and a procedure the catalogue
 * moved to another field and agency half-way (so that it has two cells). Every figure,
 * breakdown, chart series and list of dossiers the store gives is compared with the same
 * definition computed another way: every dossier read page by page through
 * mc_store_list_dossiers (), its verdict recomputed from its pauses with the core's deadline
 * functions, its handling time and lateness from the work calendar, and "not yet on the
 * portal" from the outbox's waiting rows.
 *
 * Digitisation and satisfaction likewise: the generated dossiers carry scans and ratings, and
 * dossiers made here get scanned files attached (a document, the same document twice, a
 * result) and ratings at their return, one of them returned before the period. A dossier
 * counts as digitised when mc_store_list_attachments () lists a scan of one of its documents
 * (or of its result), and as rated by what mc_store_get_rating () reads back with its return.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "mc-store.h"

/* What the attachments say of a dossier. */
#define SCANNED_DOCUMENT 1
#define SCANNED_RESULT   2

typedef struct
{
  char      *dir;
  McStore   *store;
  McTime     now;
  GPtrArray *dossiers;     /* McDossier*, every dossier */
  GArray    *verdicts;     /* McVerdict, recomputed, parallel to dossiers */
  GArray    *scans;        /* int, SCANNED_* flags from the attachments, parallel to dossiers */
  GArray    *ratings;      /* McRating, read back, parallel to dossiers */
  GHashTable *unsynced;    /* codes with a dossier state waiting in the outbox */
  char      *waiting_code; /* made here: paused for a supplement */
  char      *late_code;    /* made here: paused, then finished late */
  char      *synced_code;  /* made here: acknowledged by the portal */
  char      *scanned_code; /* made here: a document and the result scanned, rated not satisfied */
  char      *twice_code;   /* made here: one document scanned twice, nothing else */
  char      *early_rated_code; /* made here: rated at a return before the last 365 days */
} Fixture;

/* The database's folder, with the scans kept under it. */
static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static McTime
days_ago (Fixture *f,
          int      days,
          int      hour)
{
  return mc_time_from_local (mc_time_local_day (f->now) - days, hour * 3600);
}

static McDossier *
receive (Fixture     *f,
         const char  *procedure_code,
         McChannel    channel,
         McTime       received_at,
         const char  *clerk)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (f->store, procedure_code, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  McDossier *dossier;

  g_assert_nonnull (procedure);
  draft->procedure_code = g_strdup (procedure_code);
  draft->applicant_name = g_strdup ("Nguyễn Thị Hoà");
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912345678");
  draft->channel = channel;
  draft->received_at = received_at;
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
  dossier = mc_store_receive (f->store, draft, clerk, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dossier);
  return dossier;
}

static void
move (Fixture     *f,
      const char  *code,
      McStatus     to,
      McTime       at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) moved = mc_store_move (f->store, code, to, "officer-binh", at, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (moved);
}

static void
return_rated (Fixture     *f,
              const char  *code,
              McTime       at,
              McRating     rating)
{
  McMoveOptions options = { at, NULL, rating };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) moved = mc_store_move_full (f->store, code, MC_STATUS_RETURNED, "clerk-an", &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (moved);
}

/* Attaches a small scan (a PDF unless @png) to @target of dossier @code. */
static void
scan (Fixture    *f,
      const char *code,
      const char *target,
      gboolean    png,
      guint       variant)
{
  static const char pdf_head[] = "%PDF-1.7\n";
  static const char png_head[] = "\x89PNG\r\n\x1a\n";
  g_autofree char *name = g_strdup_printf ("scan-%u.%s", variant, png ? "png" : "pdf");
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GString) content = g_string_new_len (png ? png_head : pdf_head,
                                                 png ? sizeof png_head - 1 : sizeof pdf_head - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(McAttachment) attachment = NULL;

  g_string_append_printf (content, "bản quét %u của %s\n", variant, code);
  g_assert_true (g_file_set_contents (path, content->str, (gssize) content->len, &error));
  g_assert_no_error (error);
  attachment = mc_store_add_attachment (f->store, code, target, path, NULL, "clerk-an", &error);
  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  g_unlink (path);
}

static const char *
first_document (const McDossier *dossier)
{
  for (guint i = 0; i < dossier->documents->len; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);

      if (document->code != NULL)
        return document->code;
    }
  g_assert_not_reached ();
}

/* The catalogue moves @code to another field and deciding agency, as an import would. */
static void
move_procedure (Fixture    *f,
                const char *code)
{
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (f->store, code, NULL);
  g_autoptr(GPtrArray) procedures = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_procedure_free);
  g_autoptr(GError) error = NULL;
  McCatalogue catalogue = { .version = (char *) "test", .procedures = procedures };

  g_assert_nonnull (procedure);
  g_free (procedure->field_code);
  g_free (procedure->field_name);
  g_free (procedure->agency);
  procedure->field_code = g_strdup ("G99");
  procedure->field_name = g_strdup ("Lĩnh vực sau sắp xếp");
  procedure->agency = g_strdup ("Công an xã Minh Tân");
  g_ptr_array_add (procedures, g_steal_pointer (&procedure));
  g_assert_true (mc_store_import_catalogue (f->store, &catalogue, "test", &error));
  g_assert_no_error (error);
}

/* Reads every dossier back, recomputes its verdict from its pauses, and notes which are not
 * on the portal yet. */
static void
load_independent (Fixture *f)
{
  McWorkCalendar *calendar = mc_store_get_work_calendar (f->store);
  const McDeadlinePolicy *policy = &mc_store_get_settings (f->store)->deadline;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;

  f->dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_free);
  for (guint offset = 0;; offset += 700)
    {
      McDossierFilter filter = { .limit = 700, .offset = offset, .now = f->now };
      g_autoptr(GPtrArray) page = mc_store_list_dossiers (f->store, &filter, &error);

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (f->dossiers, g_steal_pointer (&page->pdata[i]));
    }

  f->verdicts = g_array_new (FALSE, TRUE, sizeof (McVerdict));
  for (guint i = 0; i < f->dossiers->len; i++)
    {
      McDossier *d = g_ptr_array_index (f->dossiers, i);
      McVerdict verdict = MC_VERDICT_NONE;

      if (d->finished_at != MC_TIME_NONE)
        {
          g_autoptr(GArray) pauses = mc_store_get_pauses (f->store, d->code, &error);
          McTime due;

          g_assert_no_error (error);
          g_assert_true (mc_deadline_with_pauses (calendar, policy, d->time_limit, d->pause_rule, d->received_at,
                                                  (const McPause *) pauses->data, pauses->len, &due, &error));
          g_assert_no_error (error);
          verdict = mc_deadline_verdict (calendar, due, d->finished_at);
        }
      g_array_append_val (f->verdicts, verdict);
    }

  /* Scans from the attachments themselves, ratings as read back. */
  f->scans = g_array_new (FALSE, TRUE, sizeof (int));
  f->ratings = g_array_new (FALSE, TRUE, sizeof (McRating));
  for (guint i = 0; i < f->dossiers->len; i++)
    {
      McDossier *d = g_ptr_array_index (f->dossiers, i);
      g_autoptr(GPtrArray) attachments = mc_store_list_attachments (f->store, d->code, &error);
      McRating rating = MC_RATING_NONE;
      int flags = 0;

      g_assert_no_error (error);
      for (guint k = 0; k < attachments->len; k++)
        flags |= g_str_equal (((McAttachment *) attachments->pdata[k])->target, MC_ATTACHMENT_RESULT)
                 ? SCANNED_RESULT : SCANNED_DOCUMENT;
      g_array_append_val (f->scans, flags);
      g_assert_true (mc_store_get_rating (f->store, d->code, &rating, &error));
      g_assert_no_error (error);
      g_array_append_val (f->ratings, rating);
    }

  f->unsynced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  outbox = mc_store_list_outbox (f->store, FALSE, 1000000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      McOutboxEntry *entry = g_ptr_array_index (outbox, i);

      if (entry->kind == MC_OUTBOX_DOSSIER)
        g_hash_table_add (f->unsynced, g_strdup (entry->dossier_code));
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(McDossier) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL, g = NULL, h = NULL, i = NULL, j = NULL;
  g_autoptr(McDossier) k = NULL, l = NULL, m = NULL;
  g_autoptr(McDossier) acknowledged = NULL;
  McOutboxOutcome outcome = { 0 };

  f->dir = g_dir_make_tmp ("motcua-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (path, &error);
  g_assert_no_error (error);
  f->now = mc_time_now ();
  g_assert_true (mc_store_generate (f->store, 2500, 20260101, f->now - 2 * 3600, 2, &error));
  g_assert_no_error (error);

  /* Paused for a supplement, back, then finished late against the extended appointment. */
  a = receive (f, "1.004222", MC_CHANNEL_COUNTER, days_ago (f, 40, 9), "clerk-an");
  move (f, a->code, MC_STATUS_IN_PROCESSING, days_ago (f, 39, 9));
  move (f, a->code, MC_STATUS_WAITING_SUPPLEMENT, days_ago (f, 38, 10));
  move (f, a->code, MC_STATUS_IN_PROCESSING, days_ago (f, 20, 14));
  move (f, a->code, MC_STATUS_RESULT_READY, days_ago (f, 2, 15));
  f->late_code = g_strdup (a->code);
  /* Paused for a supplement and still waiting. */
  b = receive (f, "1.004222", MC_CHANNEL_COUNTER, days_ago (f, 30, 8), "clerk-an");
  move (f, b->code, MC_STATUS_IN_PROCESSING, days_ago (f, 29, 8));
  move (f, b->code, MC_STATUS_WAITING_SUPPLEMENT, days_ago (f, 25, 16));
  f->waiting_code = g_strdup (b->code);
  /* One working day, in processing for a dozen days: overdue by days. */
  c = receive (f, "1.003677", MC_CHANNEL_COUNTER, days_ago (f, 12, 10), "clerk-chi");
  move (f, c->code, MC_STATUS_IN_PROCESSING, days_ago (f, 11, 10));
  d = receive (f, "1.003677", MC_CHANNEL_POST, days_ago (f, 3, 8), "clerk-chi");
  /* Submitted online, received yesterday. */
  e = receive (f, "1.004222", MC_CHANNEL_ONLINE, days_ago (f, 1, 9), "clerk-an");
  /* Waiting for a payment. */
  g = receive (f, "1.003677", MC_CHANNEL_COUNTER, days_ago (f, 60, 9), "clerk-an");
  move (f, g->code, MC_STATUS_IN_PROCESSING, days_ago (f, 60, 10));
  move (f, g->code, MC_STATUS_WAITING_PAYMENT, days_ago (f, 59, 10));

  /* The catalogue moves the residence procedure; new dossiers carry the new field. */
  move_procedure (f, "1.004222");
  h = receive (f, "1.004222", MC_CHANNEL_ONLINE, days_ago (f, 5, 9), "clerk-an");
  move (f, h->code, MC_STATUS_IN_PROCESSING, days_ago (f, 4, 9));
  move (f, h->code, MC_STATUS_RESULT_READY, days_ago (f, 1, 9));
  i = receive (f, "1.004222", MC_CHANNEL_COUNTER, days_ago (f, 2, 9), "clerk-dung");
  j = receive (f, "1.004222", MC_CHANNEL_COUNTER, days_ago (f, 9, 9), "clerk-dung");
  move (f, j->code, MC_STATUS_IN_PROCESSING, days_ago (f, 9, 10));

  /* The portal acknowledges one dossier's state. */
  acknowledged = mc_store_get_dossier (f->store, e->code, &error);
  g_assert_no_error (error);
  outcome.kind = MC_OUTBOX_DOSSIER;
  outcome.dossier_id = acknowledged->id;
  outcome.revision = acknowledged->revision;
  outcome.verdict = MC_OUTBOX_ACKNOWLEDGED;
  g_assert_true (mc_store_outbox_record (f->store, &outcome, 1, f->now, &error));
  g_assert_no_error (error);
  f->synced_code = g_strdup (e->code);

  /* A document scanned at the counter, the result scanned when ready, and a displeased
   * citizen at the return. */
  k = receive (f, "1.003677", MC_CHANNEL_COUNTER, days_ago (f, 20, 9), "clerk-chi");
  scan (f, k->code, first_document (k), FALSE, 1);
  move (f, k->code, MC_STATUS_IN_PROCESSING, days_ago (f, 20, 10));
  move (f, k->code, MC_STATUS_RESULT_READY, days_ago (f, 19, 15));
  scan (f, k->code, MC_ATTACHMENT_RESULT, TRUE, 2);
  return_rated (f, k->code, days_ago (f, 18, 9), MC_RATING_NOT_SATISFIED);
  f->scanned_code = g_strdup (k->code);
  /* One document scanned twice: one digitised dossier. */
  l = receive (f, "1.003677", MC_CHANNEL_COUNTER, days_ago (f, 6, 9), "clerk-chi");
  scan (f, l->code, first_document (l), FALSE, 3);
  scan (f, l->code, first_document (l), TRUE, 4);
  f->twice_code = g_strdup (l->code);
  /* Rated very satisfied at a return more than a year ago. */
  m = receive (f, "1.003677", MC_CHANNEL_COUNTER, days_ago (f, 400, 9), "clerk-chi");
  move (f, m->code, MC_STATUS_IN_PROCESSING, days_ago (f, 400, 10));
  move (f, m->code, MC_STATUS_RESULT_READY, days_ago (f, 399, 15));
  return_rated (f, m->code, days_ago (f, 380, 9), MC_RATING_VERY_SATISFIED);
  scan (f, m->code, MC_ATTACHMENT_RESULT, FALSE, 5);
  f->early_rated_code = g_strdup (m->code);

  load_independent (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->dossiers, g_ptr_array_unref);
  g_clear_pointer (&f->verdicts, g_array_unref);
  g_clear_pointer (&f->scans, g_array_unref);
  g_clear_pointer (&f->ratings, g_array_unref);
  g_clear_pointer (&f->unsynced, g_hash_table_unref);
  g_clear_pointer (&f->scanned_code, g_free);
  g_clear_pointer (&f->twice_code, g_free);
  g_clear_pointer (&f->early_rated_code, g_free);
  g_clear_pointer (&f->waiting_code, g_free);
  g_clear_pointer (&f->late_code, g_free);
  g_clear_pointer (&f->synced_code, g_free);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* The independent definitions. */

static McDossier *
dossier_at (Fixture *f,
            guint    i)
{
  return g_ptr_array_index (f->dossiers, i);
}

static McVerdict
verdict_at (Fixture *f,
            guint    i)
{
  return g_array_index (f->verdicts, McVerdict, i);
}

static gboolean
in_range (McTime t,
          McTime from,
          McTime to)
{
  return t != MC_TIME_NONE && t >= from && t < to;
}

static gboolean
is_running (const McDossier *d)
{
  return d->status == MC_STATUS_RECEIVED || d->status == MC_STATUS_IN_PROCESSING;
}

static gboolean
is_overdue (Fixture         *f,
            const McDossier *d)
{
  return is_running (d) && d->current_due_at != MC_TIME_NONE && mc_deadline_is_overdue (d->current_due_at, f->now);
}

static gboolean
is_due_soon (Fixture         *f,
             const McDossier *d)
{
  return is_running (d) && mc_deadline_is_due_soon (mc_store_get_work_calendar (f->store),
                                                    &mc_store_get_settings (f->store)->deadline,
                                                    d->current_due_at, f->now);
}

static gint64
handling_seconds (Fixture         *f,
                  const McDossier *d)
{
  gint64 seconds = 0;

  g_assert_true (mc_work_calendar_working_seconds_between (mc_store_get_work_calendar (f->store), d->received_at,
                                                           d->finished_at, &seconds, NULL));
  return seconds;
}

static guint
lateness_bucket (Fixture         *f,
                 const McDossier *d)
{
  McWorkCalendar *calendar = mc_store_get_work_calendar (f->store);
  gint64 late = 0;

  g_assert_true (mc_work_calendar_working_seconds_between (calendar, d->current_due_at, f->now, &late, NULL));
  return mc_lateness_bucket_for (late, mc_office_hours_daily_seconds (mc_work_calendar_get_office_hours (calendar)));
}

/* Whether dossier @i is counted by @filter: the figure's definition, written out again. */
static gboolean
matches (Fixture              *f,
         guint                 i,
         const McFigureFilter *filter)
{
  const McDossier *d = dossier_at (f, i);
  McVerdict verdict = verdict_at (f, i);
  int scans = g_array_index (f->scans, int, i);
  McRating rating = g_array_index (f->ratings, McRating, i);
  gboolean received = in_range (d->received_at, filter->from, filter->to);
  gboolean finished = in_range (d->finished_at, filter->from, filter->to) && verdict != MC_VERDICT_NONE;
  gboolean rated = in_range (d->returned_at, filter->from, filter->to) && rating != MC_RATING_NONE;
  gboolean yes;
  const char *key = NULL;

  switch (filter->figure)
    {
    case MC_FIGURE_RECEIVED: yes = received && (filter->status == 0 || d->status == filter->status); break;
    case MC_FIGURE_RECEIVED_ONLINE: yes = received && d->channel == MC_CHANNEL_ONLINE; break;
    case MC_FIGURE_RECEIVED_SYNCED: yes = received && !g_hash_table_contains (f->unsynced, d->code); break;
    case MC_FIGURE_FINISHED: yes = finished; break;
    case MC_FIGURE_FINISHED_EARLY: yes = finished && verdict == MC_VERDICT_EARLY; break;
    case MC_FIGURE_FINISHED_ON_TIME: yes = finished && verdict == MC_VERDICT_ON_TIME; break;
    case MC_FIGURE_FINISHED_IN_TIME: yes = finished && verdict != MC_VERDICT_LATE; break;
    case MC_FIGURE_FINISHED_LATE: yes = finished && verdict == MC_VERDICT_LATE; break;
    case MC_FIGURE_IN_PROCESSING: yes = is_running (d); break;
    case MC_FIGURE_WAITING: yes = mc_status_is_paused (d->status); break;
    case MC_FIGURE_DUE_SOON: yes = is_due_soon (f, d); break;
    case MC_FIGURE_OVERDUE:
      yes = is_overdue (f, d) && (filter->lateness == 0 || lateness_bucket (f, d) == (guint) filter->lateness - 1);
      break;
    case MC_FIGURE_RECEIVED_DIGITISED: yes = received && (scans & SCANNED_DOCUMENT); break;
    case MC_FIGURE_RESULT_DIGITISED: yes = finished && (scans & SCANNED_RESULT); break;
    case MC_FIGURE_RATED: yes = rated; break;
    case MC_FIGURE_RATED_VERY_SATISFIED: yes = rated && rating == MC_RATING_VERY_SATISFIED; break;
    case MC_FIGURE_RATED_SATISFIED: yes = rated && rating == MC_RATING_SATISFIED; break;
    case MC_FIGURE_RATED_NOT_SATISFIED: yes = rated && rating == MC_RATING_NOT_SATISFIED; break;
    case MC_FIGURE_NONE:
    default:
      g_assert_not_reached ();
    }
  switch (filter->group)
    {
    case MC_BREAKDOWN_FIELD: key = d->field_code; break;
    case MC_BREAKDOWN_PROCEDURE: key = d->procedure_code; break;
    case MC_BREAKDOWN_AGENCY: key = d->deciding_agency; break;
    case MC_BREAKDOWN_CLERK: key = d->clerk; break;
    case MC_BREAKDOWN_NONE:
    default: return yes;
    }
  return yes && g_strcmp0 (key, filter->group_key) == 0;
}

static gint64
count_matching (Fixture              *f,
                const McFigureFilter *filter)
{
  gint64 n = 0;

  for (guint i = 0; i < f->dossiers->len; i++)
    n += matches (f, i, filter);
  return n;
}

/* The store's list for @filter holds exactly the dossiers the definition counts. */
static void
assert_list_matches (Fixture              *f,
                     const McFigureFilter *filter,
                     gint64                figure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = mc_store_list_figure_ids (f->store, filter, &error);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_assert_no_error (error);
  g_assert_cmpint (ids->len, ==, figure);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (listed, &g_array_index (ids, gint64, i));
  g_assert_cmpuint (g_hash_table_size (listed), ==, ids->len);
  for (guint i = 0; i < f->dossiers->len; i++)
    {
      McDossier *d = dossier_at (f, i);

      if (matches (f, i, filter) != g_hash_table_contains (listed, &d->id))
        g_error ("figure %s: dossier %s is %s the list", mc_figure_to_string (filter->figure), d->code,
                 matches (f, i, filter) ? "missing from" : "wrongly in");
    }
}

static void
check_figures (Fixture *f,
               McTime   from,
               McTime   to)
{
  McDashboardFigures figures;
  g_autoptr(GError) error = NULL;
  gint64 handled = 0, handling = 0;

  g_assert_true (mc_store_dashboard_figures (f->store, from, to, f->now, &figures, &error));
  g_assert_no_error (error);
  g_assert_true (figures.from == from && figures.to == to && figures.now == f->now);
  g_assert_cmpint (figures.daily_working_seconds, ==, 8 * 3600);

  for (int figure = MC_FIGURE_RECEIVED; figure <= MC_FIGURE_LAST; figure++)
    {
      McFigureFilter filter = { .figure = figure, .from = from, .to = to, .now = f->now };
      gint64 expected = count_matching (f, &filter);

      if (mc_dashboard_figures_get (&figures, figure) != expected)
        g_error ("figure %s: store %" G_GINT64_FORMAT ", independent count %" G_GINT64_FORMAT,
                 mc_figure_to_string (figure), mc_dashboard_figures_get (&figures, figure), expected);
      assert_list_matches (f, &filter, expected);
    }
  g_assert_cmpint (figures.finished, ==, figures.finished_early + figures.finished_on_time + figures.finished_late);
  g_assert_cmpint (figures.waiting, ==, figures.waiting_supplement + figures.waiting_payment);
  g_assert_cmpint (figures.rated, ==,
                   figures.rated_very_satisfied + figures.rated_satisfied + figures.rated_not_satisfied);

  for (int status = MC_STATUS_FIRST; status <= MC_STATUS_LAST; status++)
    {
      McFigureFilter filter = { .figure = MC_FIGURE_RECEIVED, .from = from, .to = to, .status = status };

      g_assert_cmpint (figures.received_by_status[status], ==, count_matching (f, &filter));
    }
  for (guint i = 0; i < f->dossiers->len; i++)
    {
      McDossier *d = dossier_at (f, i);

      if (d->status == MC_STATUS_WAITING_SUPPLEMENT)
        g_assert_true (figures.waiting_supplement > 0);
      if (in_range (d->finished_at, from, to) && verdict_at (f, i) != MC_VERDICT_NONE)
        {
          handled++;
          handling += handling_seconds (f, d);
        }
    }
  g_assert_cmpint (figures.handled, ==, handled);
  g_assert_cmpint (figures.handling_seconds, ==, handling);
}

typedef struct
{
  gint64  received, early, on_time, late, overdue, handled, handling;
  char   *label;
  McTime  label_at;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->label);
  g_free (e);
}

static const char *
group_key (const McDossier *d,
           McBreakdownKind  by)
{
  switch (by)
    {
    case MC_BREAKDOWN_FIELD: return d->field_code;
    case MC_BREAKDOWN_PROCEDURE: return d->procedure_code;
    case MC_BREAKDOWN_AGENCY: return d->deciding_agency;
    case MC_BREAKDOWN_CLERK: return d->clerk;
    case MC_BREAKDOWN_NONE:
    default: g_assert_not_reached ();
    }
}

static void
check_breakdown (Fixture         *f,
                 McBreakdownKind  by,
                 McTime           from,
                 McTime           to)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expected_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = mc_store_dashboard_breakdown (f->store, by, from, to, f->now, &error);
  g_autoptr(GPtrArray) resorted = NULL;
  guint n_expected = 0;
  GHashTableIter iter;
  Expected *e;

  g_assert_no_error (error);
  g_assert_nonnull (rows);

  for (guint i = 0; i < f->dossiers->len; i++)
    {
      McDossier *d = dossier_at (f, i);
      McVerdict verdict = verdict_at (f, i);
      const char *key = group_key (d, by);
      const char *name = by == MC_BREAKDOWN_PROCEDURE ? d->procedure_name
                         : by == MC_BREAKDOWN_FIELD ? d->field_name : key;

      e = g_hash_table_lookup (expected, key);
      if (e == NULL)
        {
          e = g_new0 (Expected, 1);
          e->label_at = G_MININT64;
          g_hash_table_insert (expected, g_strdup (key), e);
        }
      if (d->received_at > e->label_at)
        {
          g_free (e->label);
          e->label = g_strdup (name);
          e->label_at = d->received_at;
        }
      e->received += in_range (d->received_at, from, to);
      if (in_range (d->finished_at, from, to) && verdict != MC_VERDICT_NONE)
        {
          e->early += verdict == MC_VERDICT_EARLY;
          e->on_time += verdict == MC_VERDICT_ON_TIME;
          e->late += verdict == MC_VERDICT_LATE;
          e->handled++;
          e->handling += handling_seconds (f, d);
        }
      e->overdue += is_overdue (f, d);
    }

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    n_expected += e->received + e->early + e->on_time + e->late + e->overdue > 0;
  g_assert_cmpuint (rows->len, ==, n_expected);

  for (guint i = 0; i < rows->len; i++)
    {
      McBreakdownRow *row = g_ptr_array_index (rows, i);

      g_assert_nonnull (row->key);
      e = g_hash_table_lookup (expected, row->key);
      g_assert_nonnull (e);
      g_assert_cmpstr (row->label, ==, e->label);
      g_assert_cmpint (row->received, ==, e->received);
      g_assert_cmpint (row->finished_early, ==, e->early);
      g_assert_cmpint (row->finished_on_time, ==, e->on_time);
      g_assert_cmpint (row->finished_late, ==, e->late);
      g_assert_cmpint (row->finished, ==, e->early + e->on_time + e->late);
      g_assert_cmpint (row->overdue, ==, e->overdue);
      g_assert_cmpint (row->handled, ==, e->handled);
      g_assert_cmpint (row->handling_seconds, ==, e->handling);
      /* The default order: overdue first, then late, then received. */
      if (i > 0)
        {
          McBreakdownRow *prev = g_ptr_array_index (rows, i - 1);

          g_assert_cmpint (prev->overdue, >=, row->overdue);
          if (prev->overdue == row->overdue)
            g_assert_cmpint (prev->finished_late, >=, row->finished_late);
        }

      /* The dossiers behind a cell: the row's overdue and late ones. */
      {
        McFigureFilter filter = { .figure = MC_FIGURE_OVERDUE, .now = f->now, .group = by, .group_key = row->key };

        assert_list_matches (f, &filter, row->overdue);
        filter.figure = MC_FIGURE_FINISHED_LATE;
        filter.from = from;
        filter.to = to;
        assert_list_matches (f, &filter, row->finished_late);
      }
    }

  /* Sorting by another column and back gives the same rows. */
  resorted = g_ptr_array_new ();   /* borrows the rows */
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (resorted, rows->pdata[i]);
  mc_breakdown_sort (resorted, MC_BREAKDOWN_BY_RECEIVED, TRUE);
  for (guint i = 1; i < resorted->len; i++)
    g_assert_cmpint (((McBreakdownRow *) resorted->pdata[i - 1])->received, >=,
                     ((McBreakdownRow *) resorted->pdata[i])->received);
  mc_breakdown_sort (resorted, MC_BREAKDOWN_BY_DEFAULT, FALSE);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (resorted->pdata[i] == rows->pdata[i]);
}

static void
check_charts (Fixture *f,
              McTime   from,
              McTime   to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = mc_store_dashboard_months (f->store, from, to, &error);
  g_autoptr(GArray) weeks = NULL;
  McDay first_day = mc_time_local_day (from), last_day = mc_time_local_day (to - 1);
  int y, m, d;
  McLateness lateness;
  gint64 sum = 0;

  g_assert_no_error (error);
  mc_day_to_ymd (first_day, &y, &m, &d);
  for (guint i = 0; i < months->len; i++)
    {
      McMonthFigures *month = &g_array_index (months, McMonthFigures, i);
      McTime start, end;
      gint64 early = 0, on_time = 0, late = 0;

      /* Every month the period touches, in order. */
      g_assert_cmpint (month->year, ==, y);
      g_assert_cmpint (month->month, ==, m);
      start = MAX (from, mc_time_from_local (mc_day_from_ymd (y, m, 1), 0));
      if (++m > 12)
        {
          m = 1;
          y++;
        }
      end = MIN (to, mc_time_from_local (mc_day_from_ymd (y, m, 1), 0));
      for (guint k = 0; k < f->dossiers->len; k++)
        if (in_range (dossier_at (f, k)->finished_at, start, end))
          {
            early += verdict_at (f, k) == MC_VERDICT_EARLY;
            on_time += verdict_at (f, k) == MC_VERDICT_ON_TIME;
            late += verdict_at (f, k) == MC_VERDICT_LATE;
          }
      g_assert_cmpint (month->finished_early, ==, early);
      g_assert_cmpint (month->finished_on_time, ==, on_time);
      g_assert_cmpint (month->finished_late, ==, late);
      g_assert_cmpint (month->finished, ==, early + on_time + late);
    }
  g_assert_true (mc_time_from_local (mc_day_from_ymd (y, m, 1), 0) >= to);

  weeks = mc_store_dashboard_weeks (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weeks->len, >, 0);
  g_assert_cmpint (g_array_index (weeks, McWeekFigures, 0).first, ==, first_day);
  g_assert_cmpint (g_array_index (weeks, McWeekFigures, weeks->len - 1).last, ==, last_day);
  for (guint i = 0; i < weeks->len; i++)
    {
      McWeekFigures *week = &g_array_index (weeks, McWeekFigures, i);
      gint64 received = 0, finished = 0;

      g_assert_true (week->first <= week->last);
      g_assert_true (i == 0 || mc_day_weekday (week->first) == 1);
      g_assert_true (i + 1 == weeks->len || mc_day_weekday (week->last) == 7);
      if (i > 0)
        g_assert_cmpint (week->first, ==, g_array_index (weeks, McWeekFigures, i - 1).last + 1);
      for (guint k = 0; k < f->dossiers->len; k++)
        {
          McDossier *dossier = dossier_at (f, k);

          received += in_range (dossier->received_at, mc_time_from_local (week->first, 0),
                                mc_time_from_local (week->last + 1, 0));
          finished += in_range (dossier->finished_at, mc_time_from_local (week->first, 0),
                                mc_time_from_local (week->last + 1, 0)) && verdict_at (f, k) != MC_VERDICT_NONE;
        }
      g_assert_cmpint (week->received, ==, received);
      g_assert_cmpint (week->finished, ==, finished);
    }

  g_assert_true (mc_store_dashboard_lateness (f->store, f->now, &lateness, &error));
  g_assert_no_error (error);
  for (guint bucket = 0; bucket < MC_LATENESS_N_BUCKETS; bucket++)
    {
      McFigureFilter filter = { .figure = MC_FIGURE_OVERDUE, .now = f->now, .lateness = (int) bucket + 1 };
      gint64 expected = count_matching (f, &filter);

      g_assert_cmpint (lateness.counts[bucket], ==, expected);
      assert_list_matches (f, &filter, expected);
      sum += lateness.counts[bucket];
    }
  g_assert_cmpint (lateness.total, ==, sum);
}

static void
check_period (Fixture        *f,
              const McPeriod *period)
{
  McTime from = mc_period_start (period), to = mc_period_end (period);

  check_figures (f, from, to);
  for (int by = MC_BREAKDOWN_FIRST; by <= MC_BREAKDOWN_LAST; by++)
    check_breakdown (f, by, from, to);
  check_charts (f, from, to);
}

static void
test_year_matches_independent_count (Fixture *f, gconstpointer data)
{
  McDay today = mc_time_local_day (f->now);
  McPeriod year;

  McDashboardFigures figures;
  McLateness lateness;

  g_assert_true (mc_period_custom (today - 364, today, &year, NULL));
  check_period (f, &year);

  /* The office has something of every kind, so that no comparison above is of zeros only. */
  g_assert_true (mc_store_dashboard_figures (f->store, mc_period_start (&year), mc_period_end (&year), f->now,
                                             &figures, NULL));
  g_assert_true (mc_store_dashboard_lateness (f->store, f->now, &lateness, NULL));
  g_assert_cmpint (figures.received_online, >, 0);
  g_assert_cmpint (figures.finished_early, >, 0);
  g_assert_cmpint (figures.finished_on_time, >, 0);
  g_assert_cmpint (figures.finished_late, >, 0);
  g_assert_cmpint (figures.in_processing, >, 0);
  g_assert_cmpint (figures.overdue, >, 0);
  g_assert_cmpint (lateness.total, >, 0);
  g_assert_cmpint (figures.received_digitised, >, 0);
  g_assert_cmpint (figures.received_digitised, <, figures.received);
  g_assert_cmpint (figures.result_digitised, >, 0);
  g_assert_cmpint (figures.result_digitised, <, figures.finished);
  g_assert_cmpint (figures.rated_very_satisfied, >, 0);
  g_assert_cmpint (figures.rated_satisfied, >, 0);
  g_assert_cmpint (figures.rated_not_satisfied, >, 0);
}

static void
test_month_and_quarter_match_independent_count (Fixture *f, gconstpointer data)
{
  McPeriod month, quarter;
  int y, m, d;

  mc_period_containing (MC_PERIOD_MONTH, f->now, &month);
  check_period (f, &month);
  /* A quarter of last year: history only, nothing made by hand. */
  mc_day_to_ymd (mc_time_local_day (f->now), &y, &m, &d);
  g_assert_true (mc_period_quarter (y - 1, 3, &quarter, NULL));
  check_period (f, &quarter);
}

/* The dossiers made by hand land where a supervisor expects them. */
static void
test_paused_and_late_dossiers_are_counted (Fixture *f, gconstpointer data)
{
  McDay today = mc_time_local_day (f->now);
  McPeriod year;
  McDashboardFigures figures;
  g_autoptr(GArray) waiting = NULL;
  g_autoptr(GArray) late = NULL;
  g_autoptr(GArray) synced = NULL;
  g_autoptr(McDossier) waiting_dossier = mc_store_get_dossier (f->store, f->waiting_code, NULL);
  g_autoptr(McDossier) late_dossier = mc_store_get_dossier (f->store, f->late_code, NULL);
  g_autoptr(McDossier) synced_dossier = mc_store_get_dossier (f->store, f->synced_code, NULL);
  g_autoptr(GError) error = NULL;
  McFigureFilter filter = { 0 };

  g_assert_true (mc_period_custom (today - 364, today, &year, NULL));
  filter.from = mc_period_start (&year);
  filter.to = mc_period_end (&year);
  filter.now = f->now;
  g_assert_true (mc_store_dashboard_figures (f->store, filter.from, filter.to, f->now, &figures, &error));
  g_assert_cmpint (figures.waiting_supplement, >=, 1);
  g_assert_cmpint (figures.waiting_payment, >=, 1);
  g_assert_cmpint (figures.overdue, >=, 1);
  /* Only what was received here is off the portal: the generated history counts as sent. */
  g_assert_cmpint (figures.received - figures.received_synced, ==, 10);

  filter.figure = MC_FIGURE_WAITING;
  waiting = mc_store_list_figure_ids (f->store, &filter, &error);
  g_assert_no_error (error);
  filter.figure = MC_FIGURE_FINISHED_LATE;
  late = mc_store_list_figure_ids (f->store, &filter, &error);
  g_assert_no_error (error);
  filter.figure = MC_FIGURE_RECEIVED_SYNCED;
  synced = mc_store_list_figure_ids (f->store, &filter, &error);
  g_assert_no_error (error);

  /* The paused dossier is behind "waiting", the late one behind "finished late". */
  {
    gboolean found_waiting = FALSE, found_late = FALSE, found_synced = FALSE;

    for (guint i = 0; i < waiting->len; i++)
      found_waiting |= g_array_index (waiting, gint64, i) == waiting_dossier->id;
    for (guint i = 0; i < late->len; i++)
      found_late |= g_array_index (late, gint64, i) == late_dossier->id;
    for (guint i = 0; i < synced->len; i++)
      found_synced |= g_array_index (synced, gint64, i) == synced_dossier->id;
    g_assert_true (found_waiting);
    g_assert_true (found_late);
    g_assert_true (found_synced);
  }
  /* Late although finished within the first appointment plus nothing: the pause extended it,
   * and the result still came after the extended appointment. */
  g_assert_true (late_dossier->finished_at > late_dossier->current_due_at);
  g_assert_true (late_dossier->current_due_at > late_dossier->due_at);
}

static gboolean
listed (Fixture              *f,
        const McFigureFilter *filter,
        const char           *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = mc_store_list_figure_ids (f->store, filter, &error);
  g_autoptr(McDossier) dossier = mc_store_get_dossier (f->store, code, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    n += g_array_index (ids, gint64, i) == dossier->id;
  g_assert_cmpuint (n, <=, 1);
  return n == 1;
}

/* The scanned and rated dossiers made by hand land where a supervisor expects them; a rating
 * counts in the period of its return, not of the receipt. */
static void
test_digitised_and_rated_dossiers_are_counted (Fixture *f, gconstpointer data)
{
  McDay today = mc_time_local_day (f->now);
  McPeriod year, earlier;
  McDashboardFigures before, after;
  McFigureFilter filter = { .now = f->now };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) early = mc_store_get_dossier (f->store, f->early_rated_code, &error);
  McDay returned_day;

  g_assert_no_error (error);
  g_assert_true (mc_period_custom (today - 364, today, &year, NULL));
  filter.from = mc_period_start (&year);
  filter.to = mc_period_end (&year);

  filter.figure = MC_FIGURE_RECEIVED_DIGITISED;
  g_assert_true (listed (f, &filter, f->scanned_code));
  g_assert_true (listed (f, &filter, f->twice_code));          /* once, scanned twice */
  g_assert_false (listed (f, &filter, f->early_rated_code));   /* received before the period */
  filter.figure = MC_FIGURE_RESULT_DIGITISED;
  g_assert_true (listed (f, &filter, f->scanned_code));
  g_assert_false (listed (f, &filter, f->twice_code));
  g_assert_false (listed (f, &filter, f->early_rated_code));   /* finished before the period */
  filter.figure = MC_FIGURE_RATED_NOT_SATISFIED;
  g_assert_true (listed (f, &filter, f->scanned_code));
  filter.figure = MC_FIGURE_RATED;
  g_assert_true (listed (f, &filter, f->scanned_code));
  g_assert_false (listed (f, &filter, f->early_rated_code));

  /* The period of its return counts it, very satisfied. */
  returned_day = mc_time_local_day (early->returned_at);
  g_assert_true (mc_period_custom (returned_day - 10, returned_day, &earlier, NULL));
  filter.from = mc_period_start (&earlier);
  filter.to = mc_period_end (&earlier);
  filter.figure = MC_FIGURE_RATED_VERY_SATISFIED;
  g_assert_true (listed (f, &filter, f->early_rated_code));
  check_figures (f, filter.from, filter.to);

  /* A scan counts whenever it is made: a new one shows at once, in the period of the receipt. */
  g_assert_true (mc_store_dashboard_figures (f->store, mc_period_start (&year), mc_period_end (&year), f->now,
                                             &before, &error));
  {
    g_autoptr(McDossier) fresh = receive (f, "1.003677", MC_CHANNEL_COUNTER, days_ago (f, 3, 9), "clerk-chi");

    g_assert_true (mc_store_dashboard_figures (f->store, mc_period_start (&year), mc_period_end (&year), f->now,
                                               &after, &error));
    g_assert_cmpint (after.received, ==, before.received + 1);
    g_assert_cmpint (after.received_digitised, ==, before.received_digitised);
    scan (f, fresh->code, first_document (fresh), FALSE, 6);
  }
  g_assert_true (mc_store_dashboard_figures (f->store, mc_period_start (&year), mc_period_end (&year), f->now,
                                             &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (after.received_digitised, ==, before.received_digitised + 1);

  /* The marks the counts use agree with the attachments: the consistency check says so. */
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (mc_store_check (f->store, problems, &error));
    for (guint i = 0; i < problems->len; i++)
      g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_moved_procedure_splits_by_field_not_by_procedure (Fixture *f, gconstpointer data)
{
  McDay today = mc_time_local_day (f->now);
  McPeriod month;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) procedures = NULL;
  gboolean new_field = FALSE;
  guint residence_rows = 0;

  g_assert_true (mc_period_custom (today - 30, today, &month, NULL));
  fields = mc_store_dashboard_breakdown (f->store, MC_BREAKDOWN_FIELD, mc_period_start (&month),
                                         mc_period_end (&month), f->now, &error);
  g_assert_no_error (error);
  procedures = mc_store_dashboard_breakdown (f->store, MC_BREAKDOWN_PROCEDURE, mc_period_start (&month),
                                             mc_period_end (&month), f->now, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fields->len; i++)
    {
      McBreakdownRow *row = g_ptr_array_index (fields, i);

      if (g_strcmp0 (row->key, "G99") == 0)
        {
          new_field = TRUE;
          g_assert_cmpstr (row->label, ==, "Lĩnh vực sau sắp xếp");
          g_assert_cmpint (row->received, ==, 3);
          g_assert_cmpint (row->finished, ==, 1);
        }
    }
  for (guint i = 0; i < procedures->len; i++)
    residence_rows += g_strcmp0 (((McBreakdownRow *) procedures->pdata[i])->key, "1.004222") == 0;
  g_assert_true (new_field);
  g_assert_cmpuint (residence_rows, ==, 1);
}

static void
test_period_backwards_is_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  McDashboardFigures figures;
  McFigureFilter filter = { .figure = MC_FIGURE_RECEIVED, .from = f->now, .to = f->now - 1 };

  g_assert_false (mc_store_dashboard_figures (f->store, f->now, f->now - 1, f->now, &figures, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mc_store_dashboard_breakdown (f->store, MC_BREAKDOWN_CLERK, f->now, f->now - 1, f->now, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mc_store_list_figure_ids (f->store, &filter, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
}

static void
test_load_dashboard_agrees_with_single_calls (Fixture *f, gconstpointer data)
{
  McPeriod month;
  g_autoptr(McDashboard) dashboard = NULL;
  g_autoptr(GError) error = NULL;
  McDashboardFigures figures;

  mc_period_containing (MC_PERIOD_MONTH, f->now, &month);
  dashboard = mc_store_load_dashboard (f->store, &month, f->now,
                                       (1u << MC_BREAKDOWN_PROCEDURE) | (1u << MC_BREAKDOWN_CLERK), &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_dashboard_figures (f->store, mc_period_start (&month), mc_period_end (&month), f->now,
                                             &figures, &error));
  g_assert_true (memcmp (&figures, &dashboard->figures, sizeof figures) == 0);
  g_assert_null (dashboard->breakdowns[MC_BREAKDOWN_FIELD]);
  g_assert_nonnull (dashboard->breakdowns[MC_BREAKDOWN_PROCEDURE]);
  g_assert_nonnull (dashboard->breakdowns[MC_BREAKDOWN_CLERK]);
  g_assert_cmpuint (dashboard->months->len, ==, 1);
  g_assert_cmpuint (dashboard->weeks->len, >=, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dashboard/year-matches-independent-count", test_year_matches_independent_count);
  ADD ("/dashboard/month-and-quarter-match-independent-count", test_month_and_quarter_match_independent_count);
  ADD ("/dashboard/paused-and-late-dossiers-are-counted", test_paused_and_late_dossiers_are_counted);
  ADD ("/dashboard/digitised-and-rated-dossiers-are-counted", test_digitised_and_rated_dossiers_are_counted);
  ADD ("/dashboard/moved-procedure-splits-by-field-not-by-procedure",
       test_moved_procedure_splits_by_field_not_by_procedure);
  ADD ("/dashboard/period-backwards-is-refused", test_period_backwards_is_refused);
  ADD ("/dashboard/load-dashboard-agrees-with-single-calls", test_load_dashboard_agrees_with_single_calls);
#undef ADD

  return g_test_run ();
}
