/* faults-writer.c — a desk that receives and moves dossiers as fast as it can, for the fault
 * tests to kill, starve of disk space or copy while it writes.
 *
 *   faults-writer DB LOG SEED [MAX_OPERATIONS]
 *
 * Prints "ready" once the database is open. Every receipt and move is logged to LOG
 * ("R CODE", "M CODE STATUS REVISION") and synced only AFTER the store's commit returned,
 * as a printed slip follows the commit: whatever the log holds, the database must hold.
 * Now and then it plays the portal's part and acknowledges waiting changes, so that both
 * halves of "in the outbox or acknowledged" are exercised. Any refusal by the store is a
 * failure (exit status 3); a kill is the only other way out, unless MAX_OPERATIONS is given.
 */
/* fsync () and write () are POSIX; the project builds as strict C17. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mc-store.h"

typedef struct
{
  char     *code;
  McStatus  status;
} OpenDossier;

static void
open_dossier_clear (OpenDossier *d)
{
  g_free (d->code);
}

static const char * const procedures[] = { "1.004222", "1.001193" };
static const char * const names[] = { "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung",
                                      "Hoàng Đức Em", "Vũ Thị Giang" };

G_GNUC_NORETURN static void
die (const char *what,
     GError     *error)
{
  g_printerr ("faults-writer: %s: %s\n", what, error ? error->message : g_strerror (errno));
  exit (3);
}

static void
log_line (int         fd,
          const char *line)
{
  gsize length = strlen (line);

  /* One write per line (O_APPEND), synced before the next change: a line in the log is a
   * change the clerk was told about. */
  if (write (fd, line, length) != (gssize) length || fsync (fd) != 0)
    die ("writing the log", NULL);
}

static void
tick_required (McStore        *store,
               McDossierDraft *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McProcedure) procedure = mc_store_get_procedure (store, draft->procedure_code, &error);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  if (procedure == NULL)
    die ("reading the procedure", error);
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->mandatory || (doc->one_of && g_hash_table_add (groups, doc->one_of)))
        mc_dossier_draft_add_document (draft, doc->code, NULL, doc->form, doc->copies);
    }
}

static void
receive_one (McStore *store,
             GRand   *rand,
             int      log_fd,
             GArray  *open_dossiers)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  OpenDossier entry;

  draft->procedure_code = g_strdup (procedures[g_rand_int_range (rand, 0, G_N_ELEMENTS (procedures))]);
  draft->applicant_name = g_strdup (names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912 345 678");
  /* Spread over the last few days: several daily counters at once. */
  draft->received_at = mc_time_now () - g_rand_int_range (rand, 0, 4) * 86400 - g_rand_int_range (rand, 0, 3600);
  tick_required (store, draft);

  dossier = mc_store_receive (store, draft, "clerk-faults", &error);
  if (dossier == NULL)
    die ("receiving", error);
  line = g_strdup_printf ("R %s\n", dossier->code);
  log_line (log_fd, line);
  entry.code = g_strdup (dossier->code);
  entry.status = dossier->status;
  g_array_append_val (open_dossiers, entry);
}

static void
move_one (McStore *store,
          GRand   *rand,
          int      log_fd,
          GArray  *open_dossiers)
{
  /* Mostly forward, with pauses: the clock's bookkeeping is what a torn move would break. */
  static const McStatus targets[] = { MC_STATUS_IN_PROCESSING, MC_STATUS_WAITING_SUPPLEMENT,
                                      MC_STATUS_WAITING_PAYMENT, MC_STATUS_IN_PROCESSING,
                                      MC_STATUS_RESULT_READY, MC_STATUS_RETURNED, MC_STATUS_WITHDRAWN };
  guint index = g_rand_int_range (rand, 0, open_dossiers->len);
  OpenDossier *d = &g_array_index (open_dossiers, OpenDossier, index);
  guint start = g_rand_int_range (rand, 0, G_N_ELEMENTS (targets));
  g_autoptr(McDossier) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (targets); k++)
    {
      McStatus to = targets[(start + k) % G_N_ELEMENTS (targets)];

      /* Withdrawals are rare, or every dossier would end there. */
      if (to == MC_STATUS_WITHDRAWN && g_rand_int_range (rand, 0, 10) != 0)
        continue;
      if (!mc_status_can_move (d->status, to))
        continue;
      moved = mc_store_move (store, d->code, to, "clerk-faults", MC_TIME_NONE, "faults", &error);
      if (moved == NULL)
        die ("moving", error);
      line = g_strdup_printf ("M %s %d %" G_GINT64_FORMAT "\n", moved->code, (int) moved->status, moved->revision);
      log_line (log_fd, line);
      d->status = moved->status;
      break;
    }
  if (moved == NULL || mc_status_is_closed (d->status))
    g_array_remove_index_fast (open_dossiers, index);
}

/* The portal's part: acknowledges a few waiting dossier states and steps. */
static void
acknowledge_some (McStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = mc_store_outbox_next_dossiers (store, mc_time_now (), 4, &error);
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GArray) outcomes = g_array_new (FALSE, TRUE, sizeof (McOutboxOutcome));

  if (dossiers == NULL)
    die ("reading the outbox", error);
  for (guint i = 0; i < dossiers->len; i++)
    {
      McOutboxDossier *item = g_ptr_array_index (dossiers, i);
      McOutboxOutcome outcome = { .kind = MC_OUTBOX_DOSSIER, .dossier_id = item->dossier->id,
                                  .revision = item->dossier->revision, .verdict = MC_OUTBOX_ACKNOWLEDGED };
      g_array_append_val (outcomes, outcome);
    }
  if (!mc_store_outbox_record (store, (McOutboxOutcome *) outcomes->data, outcomes->len, mc_time_now (), &error))
    die ("acknowledging states", error);

  g_array_set_size (outcomes, 0);
  steps = mc_store_outbox_next_steps (store, mc_time_now (), 4, &error);
  if (steps == NULL)
    die ("reading the steps", error);
  for (guint i = 0; i < steps->len; i++)
    {
      McOutboxStep *item = g_ptr_array_index (steps, i);
      McOutboxOutcome outcome = { .kind = MC_OUTBOX_STEP, .dossier_id = item->dossier_id,
                                  .revision = item->revision, .outbox_id = item->outbox_id,
                                  .verdict = MC_OUTBOX_ACKNOWLEDGED };
      g_array_append_val (outcomes, outcome);
    }
  if (!mc_store_outbox_record (store, (McOutboxOutcome *) outcomes->data, outcomes->len, mc_time_now (), &error))
    die ("acknowledging steps", error);
}

static void
load_open (McStore *store,
           GArray  *open_dossiers)
{
  McDossierFilter filter = { .only_open = TRUE, .limit = 400 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = mc_store_list_dossiers (store, &filter, &error);

  if (dossiers == NULL)
    die ("listing dossiers", error);
  for (guint i = 0; i < dossiers->len; i++)
    {
      McDossier *dossier = g_ptr_array_index (dossiers, i);
      OpenDossier entry = { g_strdup (dossier->code), dossier->status };

      g_array_append_val (open_dossiers, entry);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GArray) open_dossiers = g_array_new (FALSE, FALSE, sizeof (OpenDossier));
  guint64 max_operations = 0;
  int log_fd;

  if (argc < 4)
    {
      g_printerr ("usage: faults-writer DB LOG SEED [MAX_OPERATIONS]\n");
      return 2;
    }
  if (argc > 4)
    max_operations = g_ascii_strtoull (argv[4], NULL, 10);
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));
  g_array_set_clear_func (open_dossiers, (GDestroyNotify) open_dossier_clear);

  store = mc_store_open (argv[1], &error);
  if (store == NULL)
    die ("opening the database", error);
  log_fd = g_open (argv[2], O_WRONLY | O_APPEND | O_CREAT, 0600);
  if (log_fd < 0)
    die ("opening the log", NULL);
  load_open (store, open_dossiers);
  fputs ("ready\n", stdout);
  fflush (stdout);

  for (guint64 n = 0; max_operations == 0 || n < max_operations; n++)
    {
      int dice = g_rand_int_range (rand, 0, 100);

      if (dice < 45 || open_dossiers->len == 0)
        receive_one (store, rand, log_fd, open_dossiers);
      else if (dice < 92)
        move_one (store, rand, log_fd, open_dossiers);
      else
        acknowledge_some (store);
    }
  close (log_fd);
  return 0;
}
