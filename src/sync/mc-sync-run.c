/* mc-sync-run.c — draining the outbox to the portal, pulling online submissions and the
 * catalogue, in the calling thread.
 *
 * The drain goes in passes: first the dossiers with a pending state (their current state,
 * read from the database, at most one batch), then the steps whose dossier state the
 * portal has acknowledged, until a pass has nothing left to send or makes no progress. A
 * dossier never acknowledged is sent as a creation ("isUpdating": "False"); an answer
 * that it exists (3 or -3) sends it again as a replacement, and a replacement of a record
 * the portal lacks (4) as a creation — once each per run. The answers of each call are
 * written to the database as soon as they arrive, so a crash loses at most the answers of
 * one call, and resending those changes nothing on the portal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mc-i18n.h"
#include "mc-portal-catalogue.h"
#include "mc-portal-mapping.h"
#include "mc-sync-run.h"

G_DEFINE_QUARK (mc-sync-error-quark, mc_sync_error)

/* A record the portal's answer did not mention. */
#define UNANSWERED G_MININT
/* How long a record the portal could not take now waits, at most. */
#define RECORD_RETRY_SECONDS 30
/* The longest wait for a call a killed predecessor may still have in flight. */
#define MAX_IN_FLIGHT_WAIT 3600

struct _McSyncLock
{
  int   fd;       /* -1 for a database in memory */
  char *path;     /* owned */
};

void
mc_sync_lock_release (McSyncLock *lock)
{
  if (lock == NULL)
    return;
  /* Closing the file releases the lock; the file stays for the next holder. */
  if (lock->fd >= 0)
    close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}

/* Until when a call may still be answered (0: none in flight). Not synced to disk on
 * purpose: it only needs to outlive the process, not the machine. */
static void
lock_mark_in_flight (McSyncLock *lock,
                     McTime      until)
{
  char text[32];
  int length;

  if (lock == NULL || lock->fd < 0)
    return;
  length = g_snprintf (text, sizeof text, "%20" G_GINT64_FORMAT "\n", until);
  if (lseek (lock->fd, 0, SEEK_SET) == 0 && write (lock->fd, text, (size_t) length) != length)
    g_debug ("Cannot note the call in flight in %s", lock->path);
}

static McTime
lock_read_in_flight (McSyncLock *lock)
{
  char text[32] = { 0 };
  char *end = NULL;
  gint64 until;

  if (lock->fd < 0 || lseek (lock->fd, 0, SEEK_SET) != 0 || read (lock->fd, text, sizeof text - 1) <= 0)
    return 0;
  until = g_ascii_strtoll (g_strstrip (text), &end, 10);
  return end != NULL && *end == '\0' ? until : 0;
}

McSyncLock *
mc_sync_lock_acquire (const char    *db_path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(McSyncLock) lock = g_new0 (McSyncLock, 1);
  McTime until;

  g_return_val_if_fail (db_path != NULL, NULL);

  lock->fd = -1;
  if (g_str_equal (db_path, ":memory:"))
    return g_steal_pointer (&lock);
  lock->path = g_strconcat (db_path, ".sync-lock", NULL);
  lock->fd = g_open (lock->path, O_RDWR | O_CREAT, 0600);
  if (lock->fd >= 0)
    fcntl (lock->fd, F_SETFD, FD_CLOEXEC);   /* not inherited by programs we start */
  if (lock->fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_FAILED, _("Cannot open the sync lock %s: %s"),
                   lock->path, g_strerror (saved_errno));
      return NULL;
    }
  if (flock (lock->fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EWOULDBLOCK)
        g_set_error_literal (error, MC_SYNC_ERROR, MC_SYNC_ERROR_BUSY,
                             _("Another program is already sending this desk's changes to the portal"));
      else
        g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_FAILED, _("Cannot take the sync lock %s: %s"),
                     lock->path, g_strerror (saved_errno));
      return NULL;
    }

  /* A predecessor killed during a call: the portal may still take that request. Sending
   * a newer state before it can no longer arrive could let the older one land last. */
  until = lock_read_in_flight (lock);
  until = MIN (until, mc_time_now () + MAX_IN_FLIGHT_WAIT);
  while (mc_time_now () < until)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  lock_mark_in_flight (lock, 0);
  return g_steal_pointer (&lock);
}

/* The drain. */

typedef struct
{
  McStore         *store;           /* borrowed */
  McPortalClient  *client;          /* borrowed */
  McSyncLock      *lock;            /* borrowed, may be NULL */
  guint            batch_size;
  McTime           backoff_cap;
  McSyncReport    *report;          /* borrowed */
  GCancellable    *cancellable;     /* borrowed */
  GHashTable      *missing_once;    /* outbox ids of steps whose dossier was queued again */
  GArray          *outcomes;        /* McOutboxOutcome of the call being recorded */
  GPtrArray       *messages;        /* owned texts the outcomes point to */
  gboolean         progress;        /* something left the pending state in this pass */
} Push;

static cJSON *
call_portal (Push         *p,
             McPortalName  service,
             cJSON        *params,
             GError      **error)
{
  const McPortalConfig *config = mc_portal_client_get_config (p->client);
  cJSON *answer;

  /* libcurl's total timeout covers the connection too: after it, this call is over. */
  lock_mark_in_flight (p->lock, mc_time_now () + MAX (config->timeout_seconds, 1) + 1);
  answer = mc_portal_client_call (p->client, mc_portal_name (service), params, p->cancellable, error);
  lock_mark_in_flight (p->lock, 0);
  p->report->calls++;
  return answer;
}

static const char *
keep_message (Push       *p,
              char       *message)
{
  g_ptr_array_add (p->messages, message);
  return message;
}

static void
add_outcome (Push             *p,
             McOutboxKind      kind,
             gint64            dossier_id,
             gint64            revision,
             gint64            outbox_id,
             McOutboxVerdict   verdict,
             const char       *message,
             McTime            retry_at)
{
  McOutboxOutcome outcome = { kind, dossier_id, revision, outbox_id, verdict, message, retry_at };

  g_array_append_val (p->outcomes, outcome);
  switch (verdict)
    {
    case MC_OUTBOX_ACKNOWLEDGED:
      if (kind == MC_OUTBOX_DOSSIER)
        p->report->dossiers_sent++;
      else
        p->report->steps_sent++;
      p->progress = TRUE;
      break;
    case MC_OUTBOX_REFUSED:
      p->report->refused++;
      p->progress = TRUE;
      break;
    case MC_OUTBOX_DOSSIER_MISSING:
      p->progress = TRUE;
      break;
    case MC_OUTBOX_RETRY:
    default:
      p->report->postponed++;
      break;
    }
}

static gboolean
flush_outcomes (Push    *p,
                GError **error)
{
  gboolean ok = mc_store_outbox_record (p->store, (const McOutboxOutcome *) p->outcomes->data,
                                        p->outcomes->len, mc_time_now (), error);

  g_array_set_size (p->outcomes, 0);
  g_ptr_array_set_size (p->messages, 0);
  return ok;
}

static McTime
record_retry_at (Push *p)
{
  return mc_time_now () + MIN (RECORD_RETRY_SECONDS, MAX (p->backoff_cap, 1));
}

/* Is @code the portal's word on one record (as opposed to a failure of the call)? */
static gboolean
is_record_verdict (int code)
{
  return code == MC_PORTAL_CODE_OK || MC_PORTAL_CODE_IS_EXISTS (code) || code == MC_PORTAL_CODE_MISSING ||
         MC_PORTAL_CODE_IS_REFUSAL (code);
}

static const char *
record_code_of (const cJSON *record)
{
  const cJSON *code = cJSON_GetObjectItemCaseSensitive (record, mc_portal_name (MC_PORTAL_NAME_RECORD_CODE));

  return cJSON_IsString (code) ? code->valuestring : NULL;
}

/* The portal's verdict on each of the @n records of @data, in @codes (UNANSWERED when the
 * answer does not mention one) and @messages (borrowed from @answer). FALSE with
 * *@split set when a call of several records was refused as a whole without per-record
 * answers (so each must be sent alone to find the culprit); FALSE with @error when the
 * call itself failed. */
static gboolean
read_verdicts (const cJSON  *answer,
               const cJSON  *data,
               guint         n,
               int          *codes,
               const char  **messages,
               gboolean     *split,
               GError      **error)
{
  const cJSON *result = cJSON_GetObjectItemCaseSensitive (answer, mc_portal_name (MC_PORTAL_NAME_RESULT));
  gboolean per_record = FALSE;
  gboolean positional;
  const cJSON *item;
  int top = -1;

  *split = FALSE;
  mc_portal_answer_code (answer, &top);
  if (!cJSON_IsArray (result))
    result = NULL;
  cJSON_ArrayForEach (item, result)
    {
      int code;

      if (cJSON_IsObject (item) && mc_portal_answer_code (item, &code))
        per_record = TRUE;
    }

  if (per_record)
    {
      g_autofree gboolean *used = g_new0 (gboolean, cJSON_GetArraySize (result) + 1);

      for (guint i = 0; i < n; i++)
        {
          codes[i] = UNANSWERED;
          messages[i] = "";
        }
      /* In order when the answer lists every record in order (the usual way), else by
       * MaHoSo (a call never holds two records of one dossier). */
      positional = (guint) cJSON_GetArraySize (result) == n;
      for (guint i = 0; positional && i < n; i++)
        {
          const char *said = record_code_of (cJSON_GetArrayItem (result, (int) i));

          if (said != NULL && g_strcmp0 (said, record_code_of (cJSON_GetArrayItem (data, (int) i))) != 0)
            positional = FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          const char *wanted = record_code_of (cJSON_GetArrayItem (data, (int) i));
          int j = 0;

          cJSON_ArrayForEach (item, result)
            {
              const char *said = record_code_of (item);
              int code;

              if (!used[j] && cJSON_IsObject (item) && mc_portal_answer_code (item, &code) &&
                  (positional ? j == (int) i : (said != NULL && g_strcmp0 (said, wanted) == 0)))
                {
                  used[j] = TRUE;
                  codes[i] = code;
                  messages[i] = mc_portal_answer_message (item);
                  break;
                }
              j++;
            }
        }
      return TRUE;
    }

  /* Another office's code: the call, not a record, is at fault. */
  if (top == MC_PORTAL_CODE_FORBIDDEN)
    {
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_REFUSED, _("The portal refused the call (code %d): %s"),
                   top, *mc_portal_answer_message (answer) ? mc_portal_answer_message (answer) : _("no reason given"));
      return FALSE;
    }
  if (top == MC_PORTAL_CODE_OK || (n == 1 && is_record_verdict (top)))
    {
      for (guint i = 0; i < n; i++)
        {
          codes[i] = top;
          messages[i] = mc_portal_answer_message (answer);
        }
      return TRUE;
    }
  if (n > 1 && is_record_verdict (top))
    {
      *split = TRUE;
      return FALSE;
    }
  g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_SERVER, _("The portal could not handle the call (code %d): %s"),
               top, *mc_portal_answer_message (answer) ? mc_portal_answer_message (answer) : _("no reason given"));
  return FALSE;
}

static char *
refusal_message (int         code,
                 const char *message)
{
  return g_strdup_printf (_("Refused by the portal (code %d): %s"), code,
                          message && *message ? message : _("no reason given"));
}

static char *
retry_message (int         code,
               const char *message)
{
  if (code == UNANSWERED)
    return g_strdup (_("The portal's answer did not mention this record; it will be sent again"));
  return g_strdup_printf (_("The portal could not take this record now (code %d): %s"), code,
                          message && *message ? message : _("no reason given"));
}

/* Dossier records. */

typedef struct
{
  GArray   *indexes;      /* guint, into the items */
  gboolean  updating;
} DossierCall;

static void
dossier_call_free (gpointer data)
{
  DossierCall *call = data;

  g_array_unref (call->indexes);
  g_free (call);
}

static DossierCall *
dossier_call_new (gboolean updating)
{
  DossierCall *call = g_new0 (DossierCall, 1);

  call->indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  call->updating = updating;
  return call;
}

static gboolean
push_dossiers (Push       *p,
               GPtrArray  *items,
               GError    **error)
{
  McWorkCalendar *calendar = mc_store_get_work_calendar (p->store);
  const McDeadlinePolicy *policy = &mc_store_get_settings (p->store)->deadline;
  g_autoptr(GQueue) calls = g_queue_new ();
  g_autofree gboolean *flipped = g_new0 (gboolean, items->len);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  DossierCall *create = dossier_call_new (FALSE);
  DossierCall *replace = dossier_call_new (TRUE);
  gboolean ok = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      const McOutboxDossier *item = g_ptr_array_index (items, i);

      g_ptr_array_add (records, mc_portal_dossier_to_json (item, calendar, policy));
      g_array_append_val (item->synced_revision > 0 ? replace->indexes : create->indexes, i);
    }
  g_queue_push_tail (calls, create);
  g_queue_push_tail (calls, replace);

  while (ok && !g_queue_is_empty (calls))
    {
      DossierCall *call = g_queue_pop_head (calls);
      DossierCall *flip_create = NULL, *flip_replace = NULL;
      guint n = call->indexes->len;
      g_autofree int *codes = NULL;
      g_autofree const char **messages = NULL;
      cJSON *params, *data, *answer;
      gboolean split = FALSE;

      if (n == 0)
        {
          dossier_call_free (call);
          continue;
        }
      params = cJSON_CreateObject ();
      cJSON_AddStringToObject (params, mc_portal_name (MC_PORTAL_NAME_IS_UPDATING), call->updating ? "True" : "False");
      data = cJSON_AddArrayToObject (params, mc_portal_name (MC_PORTAL_NAME_DATA));
      for (guint k = 0; k < n; k++)
        cJSON_AddItemToArray (data, cJSON_Duplicate (g_ptr_array_index (records, g_array_index (call->indexes, guint, k)),
                                                     TRUE));
      /* The data stay readable for matching the answers: keep a reference to them. */
      data = cJSON_Duplicate (data, TRUE);
      answer = call_portal (p, MC_PORTAL_SERVICE_SYNC_DOSSIERS, params, error);
      if (answer == NULL)
        {
          cJSON_Delete (data);
          dossier_call_free (call);
          ok = FALSE;
          break;
        }

      codes = g_new (int, n);
      messages = g_new (const char *, n);
      if (!read_verdicts (answer, data, n, codes, messages, &split, error))
        {
          /* Refused as a whole without a word on each record: each record alone, to find
           * which one. (A call of one record always has its verdict.) */
          if (split)
            for (guint k = 0; k < n; k++)
              {
                DossierCall *single = dossier_call_new (call->updating);

                g_array_append_val (single->indexes, g_array_index (call->indexes, guint, k));
                g_queue_push_tail (calls, single);
              }
          ok = split;
          cJSON_Delete (answer);
          cJSON_Delete (data);
          dossier_call_free (call);
          continue;
        }

      for (guint k = 0; k < n; k++)
        {
          guint i = g_array_index (call->indexes, guint, k);
          const McOutboxDossier *item = g_ptr_array_index (items, i);
          const McDossier *dossier = item->dossier;
          int code = codes[k];

          if (code == MC_PORTAL_CODE_OK)
            add_outcome (p, MC_OUTBOX_DOSSIER, dossier->id, dossier->revision, 0, MC_OUTBOX_ACKNOWLEDGED, NULL, 0);
          else if (MC_PORTAL_CODE_IS_EXISTS (code) && !call->updating && !flipped[i])
            {
              /* Created before (perhaps by a run killed before it could note the
               * answer): this state replaces it. */
              flipped[i] = TRUE;
              if (flip_replace == NULL)
                flip_replace = dossier_call_new (TRUE);
              g_array_append_val (flip_replace->indexes, i);
            }
          else if (code == MC_PORTAL_CODE_MISSING && call->updating && !flipped[i])
            {
              /* The portal lost it (or never had it): create it again. */
              flipped[i] = TRUE;
              if (flip_create == NULL)
                flip_create = dossier_call_new (FALSE);
              g_array_append_val (flip_create->indexes, i);
            }
          else if (MC_PORTAL_CODE_IS_REFUSAL (code))
            add_outcome (p, MC_OUTBOX_DOSSIER, dossier->id, dossier->revision, 0, MC_OUTBOX_REFUSED,
                         keep_message (p, refusal_message (code, messages[k])), 0);
          else
            add_outcome (p, MC_OUTBOX_DOSSIER, dossier->id, dossier->revision, 0, MC_OUTBOX_RETRY,
                         keep_message (p, retry_message (code, messages[k])), record_retry_at (p));
        }
      if (flip_replace != NULL)
        g_queue_push_head (calls, flip_replace);
      if (flip_create != NULL)
        g_queue_push_head (calls, flip_create);
      cJSON_Delete (answer);
      cJSON_Delete (data);
      dossier_call_free (call);
      ok = flush_outcomes (p, error);
    }
  g_queue_free_full (g_steal_pointer (&calls), dossier_call_free);
  return ok;
}

/* Steps. A call holds at most one step of a dossier, so that an answer naming the
 * dossier names the step; the next ones go in the next passes, in order. */
static gboolean
push_steps (Push       *p,
            GPtrArray  *items,
            GError    **error)
{
  g_autoptr(GHashTable) dossiers = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GQueue) calls = g_queue_new ();
  GPtrArray *all;
  gboolean ok = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      McOutboxStep *item = g_ptr_array_index (items, i);

      if (g_hash_table_contains (dossiers, &item->dossier_id))
        continue;
      g_hash_table_add (dossiers, &item->dossier_id);
      g_ptr_array_add (chosen, item);
    }
  all = g_ptr_array_ref (chosen);
  g_queue_push_tail (calls, all);

  while (ok && !g_queue_is_empty (calls))
    {
      g_autoptr(GPtrArray) call = g_queue_pop_head (calls);
      guint n = call->len;
      g_autofree int *codes = g_new (int, n);
      g_autofree const char **messages = g_new (const char *, n);
      cJSON *params = cJSON_CreateObject ();
      cJSON *data = cJSON_AddArrayToObject (params, mc_portal_name (MC_PORTAL_NAME_DATA));
      cJSON *answer;
      gboolean split = FALSE;

      for (guint k = 0; k < n; k++)
        cJSON_AddItemToArray (data, mc_portal_step_to_json (g_ptr_array_index (call, k)));
      data = cJSON_Duplicate (data, TRUE);
      answer = call_portal (p, MC_PORTAL_SERVICE_SYNC_STEPS, params, error);
      if (answer == NULL)
        {
          cJSON_Delete (data);
          ok = FALSE;
          break;
        }
      if (!read_verdicts (answer, data, n, codes, messages, &split, error))
        {
          if (split)
            for (guint k = 0; k < n; k++)
              {
                GPtrArray *single = g_ptr_array_new ();

                g_ptr_array_add (single, g_ptr_array_index (call, k));
                g_queue_push_tail (calls, single);
              }
          ok = split;
          cJSON_Delete (answer);
          cJSON_Delete (data);
          continue;
        }

      for (guint k = 0; k < n; k++)
        {
          const McOutboxStep *item = g_ptr_array_index (call, k);
          int code = codes[k];

          /* A step the portal has already (its key absorbed the repeat) is delivered. */
          if (code == MC_PORTAL_CODE_OK || MC_PORTAL_CODE_IS_EXISTS (code))
            add_outcome (p, MC_OUTBOX_STEP, item->dossier_id, item->revision, item->outbox_id,
                         MC_OUTBOX_ACKNOWLEDGED, NULL, 0);
          else if (MC_PORTAL_CODE_IS_NO_DOSSIER (code) &&
                   !g_hash_table_contains (p->missing_once, &item->outbox_id))
            {
              /* The portal lost the dossier: its state goes again, then the step. */
              g_hash_table_add (p->missing_once, g_memdup2 (&item->outbox_id, sizeof (gint64)));
              add_outcome (p, MC_OUTBOX_STEP, item->dossier_id, item->revision, item->outbox_id,
                           MC_OUTBOX_DOSSIER_MISSING,
                           keep_message (p, g_strdup (_("The portal does not know this step's dossier; its record is sent again first"))),
                           0);
            }
          else if (MC_PORTAL_CODE_IS_NO_DOSSIER (code))
            add_outcome (p, MC_OUTBOX_STEP, item->dossier_id, item->revision, item->outbox_id, MC_OUTBOX_RETRY,
                         keep_message (p, retry_message (code, messages[k])), record_retry_at (p));
          else if (MC_PORTAL_CODE_IS_REFUSAL (code))
            add_outcome (p, MC_OUTBOX_STEP, item->dossier_id, item->revision, item->outbox_id, MC_OUTBOX_REFUSED,
                         keep_message (p, refusal_message (code, messages[k])), 0);
          else
            add_outcome (p, MC_OUTBOX_STEP, item->dossier_id, item->revision, item->outbox_id, MC_OUTBOX_RETRY,
                         keep_message (p, retry_message (code, messages[k])), record_retry_at (p));
        }
      cJSON_Delete (answer);
      cJSON_Delete (data);
      ok = flush_outcomes (p, error);
    }
  while (!g_queue_is_empty (calls))
    g_ptr_array_unref (g_queue_pop_head (calls));
  return ok;
}

gboolean
mc_sync_push (McStore         *store,
              McPortalClient  *client,
              McSyncLock      *lock,
              guint            batch_size,
              McTime           backoff_cap,
              McSyncReport    *report,
              GCancellable    *cancellable,
              GError         **error)
{
  Push p = {
    .store = store,
    .client = client,
    .lock = lock,
    .batch_size = CLAMP (batch_size, 1, MC_PORTAL_MAX_BATCH),
    .backoff_cap = backoff_cap,
    .report = report,
    .cancellable = cancellable,
  };
  gboolean ok = TRUE;

  g_return_val_if_fail (MC_IS_STORE (store), FALSE);
  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (client), FALSE);

  p.missing_once = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  p.outcomes = g_array_new (FALSE, FALSE, sizeof (McOutboxOutcome));
  p.messages = g_ptr_array_new_with_free_func (g_free);

  while (ok)
    {
      g_autoptr(GPtrArray) dossiers = NULL;
      g_autoptr(GPtrArray) steps = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      p.progress = FALSE;
      dossiers = mc_store_outbox_next_dossiers (store, mc_time_now (), p.batch_size, error);
      if (dossiers == NULL || (dossiers->len > 0 && !push_dossiers (&p, dossiers, error)))
        {
          ok = FALSE;
          break;
        }
      steps = mc_store_outbox_next_steps (store, mc_time_now (), p.batch_size, error);
      if (steps == NULL || (steps->len > 0 && !push_steps (&p, steps, error)))
        {
          ok = FALSE;
          break;
        }
      /* Done when nothing may be sent now; a pass that only postponed records leaves them
       * to their retry time. */
      if ((dossiers->len == 0 && steps->len == 0) || !p.progress)
        break;
    }

  g_hash_table_unref (p.missing_once);
  g_array_unref (p.outcomes);
  g_ptr_array_unref (p.messages);
  return ok;
}

/* The pull of online submissions. */

#define PULL_PAGE 100
#define PULL_PAGE_MAX 1000

gboolean
mc_sync_pull (McStore         *store,
              McPortalClient  *client,
              McSyncReport    *report,
              GCancellable    *cancellable,
              GError         **error)
{
  Push p = { .store = store, .client = client, .report = report, .cancellable = cancellable };
  McTime cursor = MC_TIME_NONE;
  guint page = PULL_PAGE;

  g_return_val_if_fail (MC_IS_STORE (store), FALSE);
  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (client), FALSE);

  if (!mc_store_get_pull_cursor (store, &cursor, NULL, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_online_submission_free);
      g_autofree char *from = NULL;
      const cJSON *result, *item;
      cJSON *params, *answer;
      McTime next = MC_TIME_NONE;
      guint added = 0, n = 0;
      int code = -1;

      /* From a second before the cursor: whether the portal counts "since" inclusively or
       * not, nothing at the cursor's second is missed; the codes remove the repeats. */
      from = mc_time_format_portal (cursor == MC_TIME_NONE ? mc_time_from_local (mc_day_from_ymd (2000, 1, 1), 0)
                                                           : cursor - 1);
      params = cJSON_CreateObject ();
      cJSON_AddStringToObject (params, mc_portal_name (MC_PORTAL_NAME_FROM), from);
      cJSON_AddNumberToObject (params, mc_portal_name (MC_PORTAL_NAME_COUNT), page);
      answer = call_portal (&p, MC_PORTAL_SERVICE_ONLINE, params, error);
      if (answer == NULL)
        return FALSE;
      mc_portal_answer_code (answer, &code);
      if (code != MC_PORTAL_CODE_OK)
        {
          g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_REFUSED,
                       _("The portal refused the list of online submissions (code %d): %s"), code,
                       *mc_portal_answer_message (answer) ? mc_portal_answer_message (answer) : _("no reason given"));
          cJSON_Delete (answer);
          return FALSE;
        }
      result = cJSON_GetObjectItemCaseSensitive (answer, mc_portal_name (MC_PORTAL_NAME_RESULT));
      if (!cJSON_IsArray (result))
        result = NULL;
      cJSON_ArrayForEach (item, result)
        {
          McOnlineSubmission *submission = mc_portal_online_submission_from_json (item, error);

          if (submission == NULL)
            {
              cJSON_Delete (answer);
              return FALSE;
            }
          g_ptr_array_add (submissions, submission);
          n++;
        }
      cJSON_Delete (answer);
      if (!mc_store_add_online_submissions (store, submissions, mc_time_now (), &added, error) ||
          !mc_store_get_pull_cursor (store, &next, NULL, error))
        return FALSE;
      report->pulled_new += added;
      if (n < page)
        break;
      if (next == cursor && added == 0)
        {
          /* A full page of what the desk has, all at the cursor's second: ask for more. */
          if (page >= PULL_PAGE_MAX)
            {
              g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_BAD_ANSWER,
                           _("The portal lists more than %u online submissions at one moment; the pull cannot go on"),
                           PULL_PAGE_MAX);
              return FALSE;
            }
          page = MIN (page * 2, PULL_PAGE_MAX);
        }
      cursor = next;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  report->pulled = TRUE;
  return TRUE;
}

gboolean
mc_sync_refresh_catalogue (McStore         *store,
                           McPortalClient  *client,
                           guint           *n_procedures,
                           GCancellable    *cancellable,
                           GError         **error)
{
  McSyncReport report = { 0 };
  Push p = { .store = store, .client = client, .report = &report, .cancellable = cancellable };
  g_autoptr(McCatalogue) catalogue = NULL;
  cJSON *answer;
  char *text;

  g_return_val_if_fail (MC_IS_STORE (store), FALSE);
  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (client), FALSE);

  answer = call_portal (&p, MC_PORTAL_SERVICE_CATALOGUE, NULL, error);
  if (answer == NULL)
    return FALSE;
  /* The portal's catalogue parser reads the whole answer, error_code included. */
  text = cJSON_PrintUnformatted (answer);
  cJSON_Delete (answer);
  catalogue = mc_portal_catalogue_parse (text, strlen (text), error);
  cJSON_free (text);
  if (catalogue == NULL ||
      !mc_store_import_catalogue (store, catalogue, mc_portal_name (MC_PORTAL_SERVICE_CATALOGUE), error) ||
      !mc_store_record_catalogue_refresh (store, mc_time_now (), error))
    return FALSE;
  if (n_procedures)
    *n_procedures = catalogue->procedures->len;
  return TRUE;
}
