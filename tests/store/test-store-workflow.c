/* The rest of a dossier's life in the store: the citizen's rating recorded with the return of
 * the result and only then, hand-overs between departments inside "in processing", and the
 * apology of a late dossier, whose new appointment never replaces the original one. Each is
 * in the audit trail and the outbox, and the consistency check finds nothing wrong. */
#include <string.h>

#include <glib/gstdio.h>

#include "mc-error.h"
#include "mc-store.h"

typedef struct
{
  char    *dir;
  McStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("motcua-workflow-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mc_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static McTime
local (const char *text)
{
  McTime t;

  g_assert_true (mc_time_parse_local (text, &t, NULL));
  return t;
}

/* A residence registration (7 working days) received at @received. */
static McDossier *
receive (Fixture    *f,
         const char *received)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(GError) error = NULL;
  McDossier *dossier;

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup ("Nguyễn Văn Ấn");
  draft->id_number = g_strdup ("008090001234");
  draft->received_at = local (received);
  mc_dossier_draft_add_document (draft, "ct01", NULL, MC_DOCUMENT_ORIGINAL, 1);
  mc_dossier_draft_add_document (draft, "cho-o-hop-phap", NULL, MC_DOCUMENT_COPY, 1);
  dossier = mc_store_receive (f->store, draft, "Lê Thị Thu", &error);
  g_assert_no_error (error);
  return dossier;
}

static McDossier *
move (Fixture    *f,
      const char *code,
      McStatus    to,
      const char *at)
{
  g_autoptr(GError) error = NULL;
  McDossier *moved = mc_store_move (f->store, code, to, "Lê Thị Thu", local (at), NULL, &error);

  g_assert_no_error (error);
  return moved;
}

static void
assert_consistent (Fixture *f)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_check (f->store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gboolean
step_queued (Fixture    *f,
             const char *code,
             gint64      revision)
{
  g_autoptr(GPtrArray) outbox = mc_store_list_outbox (f->store, FALSE, 1000, NULL);

  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      const McOutboxEntry *entry = g_ptr_array_index (outbox, i);

      if (entry->kind == MC_OUTBOX_STEP && g_str_equal (entry->dossier_code, code) && entry->revision == revision)
        return TRUE;
    }
  return FALSE;
}

static void
test_rating_with_return (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "2025-11-24 10:00");
  g_autoptr(McDossier) processing G_GNUC_UNUSED = move (f, dossier->code, MC_STATUS_IN_PROCESSING, "2025-11-24 10:30");
  g_autoptr(McDossier) ready G_GNUC_UNUSED = move (f, dossier->code, MC_STATUS_RESULT_READY, "2025-11-28 09:00");
  g_autoptr(McDossier) returned = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  McMoveOptions options = MC_MOVE_OPTIONS_INIT;
  McRating rating = MC_RATING_NONE;
  const McDossierEvent *last;

  g_assert_true (mc_store_get_rating (f->store, dossier->code, &rating, &error));
  g_assert_cmpint (rating, ==, MC_RATING_NONE);

  options.at = local ("2025-11-28 15:00");
  options.note = "Ông Nguyễn Văn Ấn nhận trực tiếp";
  options.rating = MC_RATING_VERY_SATISFIED;
  returned = mc_store_move_full (f->store, dossier->code, MC_STATUS_RETURNED, "Lê Thị Thu", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (returned->status, ==, MC_STATUS_RETURNED);
  g_assert_cmpint (returned->returned_at, ==, local ("2025-11-28 15:00"));
  g_assert_true (mc_store_get_rating (f->store, dossier->code, &rating, &error));
  g_assert_cmpint (rating, ==, MC_RATING_VERY_SATISFIED);
  history = mc_store_get_history (f->store, dossier->code, &error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpstr (last->note, ==, "Ông Nguyễn Văn Ấn nhận trực tiếp");
  assert_consistent (f);
}

static void
test_rating_only_at_return (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "2025-11-24 10:00");
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GError) error = NULL;
  McMoveOptions options = MC_MOVE_OPTIONS_INIT;
  McRating rating = MC_RATING_NONE;

  options.rating = MC_RATING_NOT_SATISFIED;
  moved = mc_store_move_full (f->store, dossier->code, MC_STATUS_IN_PROCESSING, "Lê Thị Thu", &options, &error);
  g_assert_null (moved);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Refused whole: the move did not happen either. */
  after = mc_store_get_dossier (f->store, dossier->code, &error);
  g_assert_cmpint (after->status, ==, MC_STATUS_RECEIVED);
  g_assert_true (mc_store_get_rating (f->store, dossier->code, &rating, NULL));
  g_assert_cmpint (rating, ==, MC_RATING_NONE);

  /* A return without a rating records none. */
  g_clear_pointer (&moved, mc_dossier_free);
  moved = move (f, dossier->code, MC_STATUS_IN_PROCESSING, "2025-11-24 11:00");
  g_clear_pointer (&moved, mc_dossier_free);
  moved = move (f, dossier->code, MC_STATUS_RESULT_READY, "2025-11-25 11:00");
  g_clear_pointer (&moved, mc_dossier_free);
  moved = move (f, dossier->code, MC_STATUS_RETURNED, "2025-11-25 14:00");
  g_assert_true (mc_store_get_rating (f->store, dossier->code, &rating, NULL));
  g_assert_cmpint (rating, ==, MC_RATING_NONE);
}

static void
test_rating_names (void)
{
  McRating rating = MC_RATING_NONE;

  g_assert_true (mc_rating_parse ("very-satisfied", &rating, NULL));
  g_assert_cmpint (rating, ==, MC_RATING_VERY_SATISFIED);
  g_assert_true (mc_rating_parse ("khong hai long", &rating, NULL));
  g_assert_cmpint (rating, ==, MC_RATING_NOT_SATISFIED);
  g_assert_true (mc_rating_parse ("Hài lòng", &rating, NULL));
  g_assert_cmpint (rating, ==, MC_RATING_SATISFIED);
  g_assert_true (mc_rating_parse ("1", &rating, NULL));
  g_assert_cmpint (rating, ==, MC_RATING_VERY_SATISFIED);
  g_assert_false (mc_rating_parse ("4", &rating, NULL));
  g_assert_false (mc_rating_parse ("none", &rating, NULL));
  g_assert_false (mc_rating_parse ("", &rating, NULL));
  g_assert_cmpstr (mc_rating_describe (MC_RATING_NOT_SATISFIED), ==, "Không hài lòng");
}

static void
test_step_inside_processing (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "2025-11-24 10:00");
  g_autoptr(McDossier) refused = NULL;
  g_autoptr(McDossier) processing = NULL;
  g_autoptr(McDossier) stepped = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  const McDossierEvent *last;

  /* Not yet handed over: no step between departments. */
  refused = mc_store_record_step (f->store, dossier->code, "Lê Thị Thu", local ("2025-11-24 10:10"),
                                  "Lãnh đạo Công an xã", &error);
  g_assert_null (refused);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  processing = move (f, dossier->code, MC_STATUS_IN_PROCESSING, "2025-11-24 10:30");
  stepped = mc_store_record_step (f->store, dossier->code, "Phạm Văn Đức", local ("2025-11-26 09:00"),
                                  "Lãnh đạo Công an xã", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stepped->status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpint (stepped->revision, ==, processing->revision + 1);
  g_assert_cmpint (stepped->current_due_at, ==, processing->current_due_at);
  history = mc_store_get_history (f->store, dossier->code, &error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpint (last->from_status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpint (last->to_status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpstr (last->note, ==, "Lãnh đạo Công an xã");
  g_assert_cmpstr (last->actor, ==, "Phạm Văn Đức");
  g_assert_true (step_queued (f, dossier->code, stepped->revision));

  /* A department must be named. */
  g_clear_pointer (&refused, mc_dossier_free);
  refused = mc_store_record_step (f->store, dossier->code, "Phạm Văn Đức", MC_TIME_NONE, "  ", &error);
  g_assert_null (refused);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
  assert_consistent (f);
}

static void
test_apology_keeps_original_appointment (Fixture *f, gconstpointer data)
{
  /* Received Monday 24/11/2025 10:00, 7 working days: due Wednesday 03/12/2025 10:00. */
  g_autoptr(McDossier) dossier = receive (f, "2025-11-24 10:00");
  g_autoptr(McDossier) processing = move (f, dossier->code, MC_STATUS_IN_PROCESSING, "2025-11-24 10:30");
  g_autoptr(McApologyRecord) apology = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(McDossier) ready = NULL;
  g_autoptr(GPtrArray) apologies = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  const McDossierEvent *last;

  g_assert_cmpint (dossier->due_at, ==, local ("2025-12-03 10:00"));
  apology = mc_store_record_apology (f->store, dossier->code, "Lê Thị Thu", local ("2025-12-02 15:00"),
                                     "Cần xác minh nơi cư trú", local ("2025-12-08 17:00"), "Trưởng Công an xã",
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (apology->new_due_at, ==, local ("2025-12-08 17:00"));
  g_assert_cmpint (apology->due_before, ==, local ("2025-12-03 10:00"));
  g_assert_cmpstr (apology->reason, ==, "Cần xác minh nơi cư trú");
  g_assert_cmpstr (apology->signer, ==, "Trưởng Công an xã");

  /* The appointments the figures use stay; the status stays. */
  after = mc_store_get_dossier (f->store, dossier->code, &error);
  g_assert_cmpint (after->due_at, ==, dossier->due_at);
  g_assert_cmpint (after->current_due_at, ==, processing->current_due_at);
  g_assert_cmpint (after->status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpint (after->revision, ==, processing->revision + 1);

  history = mc_store_get_history (f->store, dossier->code, &error);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpint (last->id, ==, apology->event_id);
  g_assert_cmpint (last->from_status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_cmpint (last->to_status, ==, MC_STATUS_IN_PROCESSING);
  g_assert_nonnull (strstr (last->note, "08/12/2025 17:00"));
  g_assert_nonnull (strstr (last->note, "Cần xác minh nơi cư trú"));
  g_assert_true (step_queued (f, dossier->code, after->revision));

  apologies = mc_store_list_apologies (f->store, dossier->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (apologies->len, ==, 1);

  /* Finished on the promised day, it is still late: judged against the original. */
  ready = move (f, dossier->code, MC_STATUS_RESULT_READY, "2025-12-08 10:00");
  g_assert_cmpint (ready->finished_at, ==, local ("2025-12-08 10:00"));
  {
    McStoreCounts counts = { 0 };

    g_assert_true (mc_store_count (f->store, local ("2025-11-01 00:00"), local ("2026-01-01 00:00"),
                                   local ("2025-12-09 00:00"), &counts, &error));
    g_assert_cmpint (counts.finished_late, ==, 1);
    g_assert_cmpint (counts.finished_on_time + counts.finished_early, ==, 0);
  }
  assert_consistent (f);
}

static void
test_apology_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(McDossier) dossier = receive (f, "2025-11-24 10:00");
  g_autoptr(McApologyRecord) apology = NULL;
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GError) error = NULL;

  /* A new appointment that is not after the current one. */
  apology = mc_store_record_apology (f->store, dossier->code, "Lê Thị Thu", local ("2025-12-02 15:00"),
                                     "Cần xác minh", local ("2025-12-03 09:00"), NULL, &error);
  g_assert_null (apology);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "03/12/2025 10:00"));
  g_clear_error (&error);

  /* No reason. */
  apology = mc_store_record_apology (f->store, dossier->code, "Lê Thị Thu", local ("2025-12-02 15:00"),
                                     " ", local ("2025-12-08 17:00"), NULL, &error);
  g_assert_null (apology);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
  g_clear_error (&error);

  /* Waiting for the applicant: the clock is stopped, nothing to apologise for. */
  moved = move (f, dossier->code, MC_STATUS_WAITING_SUPPLEMENT, "2025-11-25 09:00");
  apology = mc_store_record_apology (f->store, dossier->code, "Lê Thị Thu", local ("2025-12-02 15:00"),
                                     "Cần xác minh", local ("2025-12-20 17:00"), NULL, &error);
  g_assert_null (apology);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  {
    g_autoptr(GPtrArray) apologies = mc_store_list_apologies (f->store, dossier->code, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (apologies->len, ==, 0);
  }
  assert_consistent (f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/workflow/rating-with-return", Fixture, NULL, fixture_set_up, test_rating_with_return,
              fixture_tear_down);
  g_test_add ("/workflow/rating-only-at-return", Fixture, NULL, fixture_set_up, test_rating_only_at_return,
              fixture_tear_down);
  g_test_add_func ("/workflow/rating-names", test_rating_names);
  g_test_add ("/workflow/step-inside-processing", Fixture, NULL, fixture_set_up, test_step_inside_processing,
              fixture_tear_down);
  g_test_add ("/workflow/apology-keeps-original-appointment", Fixture, NULL, fixture_set_up,
              test_apology_keeps_original_appointment, fixture_tear_down);
  g_test_add ("/workflow/apology-refused", Fixture, NULL, fixture_set_up, test_apology_refused,
              fixture_tear_down);
  return g_test_run ();
}
