/* mc-portal-sim-store.c — the simulator's portal state and how it survives a restart.
 *
 * On disk, a data directory holds four snapshots (dossiers.json, steps.json, online.json,
 * stats.json), each replaced atomically by a rename, and a journal (journal.jsonl). A call that changes
 * anything appends one block of lines to the journal with a single write before its answer
 * is sent; each line carries the whole new state of one dossier, one step, one submission or
 * the counters, so replaying a line twice does no harm. Opening the directory loads the
 * snapshots, replays the journal (a torn last line, left by a killed simulator, is skipped:
 * that call was never answered), writes fresh snapshots and empties the journal. Rewriting the
 * snapshots on every call would cost a full copy of 10,000 dossiers per call and make the
 * simulator, not the desk, the bottleneck of the sync benchmark.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mc-portal-sim-store.h"

#define JOURNAL_NAME "journal.jsonl"
/* Past this size the journal is folded into the snapshots after a commit. */
#define JOURNAL_COMPACT_BYTES (64 * 1024 * 1024)

struct _McSimStore
{
  char       *dir;
  int         journal_fd;
  gint64      journal_bytes;
  GHashTable *dossiers;      /* MaHoSo → McSimDossier, owned */
  GPtrArray  *steps;         /* McSimStep in arrival order, owned */
  GHashTable *step_index;    /* key → McSimStep, borrowed from steps */
  GPtrArray  *online;        /* cJSON submissions sorted by (NgayTiepNhan, MaHoSo), owned */
  GHashTable *online_codes;  /* MaHoSo → its submission, borrowed from online */
  McSimStats  stats;
  GString    *pending;       /* journal lines of the call being handled */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* The counters by name, for stats.json, the journal and /_sim/state. */
static const struct
{
  const char *name;
  gsize       offset;
} stat_fields[] = {
  { "calls",                 G_STRUCT_OFFSET (McSimStats, calls) },
  { "logins",                G_STRUCT_OFFSET (McSimStats, logins) },
  { "logins_refused",        G_STRUCT_OFFSET (McSimStats, logins_refused) },
  { "records",               G_STRUCT_OFFSET (McSimStats, records) },
  { "creates",               G_STRUCT_OFFSET (McSimStats, creates) },
  { "replaces",              G_STRUCT_OFFSET (McSimStats, replaces) },
  { "duplicates",            G_STRUCT_OFFSET (McSimStats, duplicates) },
  { "missing",               G_STRUCT_OFFSET (McSimStats, missing) },
  { "refused",               G_STRUCT_OFFSET (McSimStats, refused) },
  { "steps_stored",          G_STRUCT_OFFSET (McSimStats, steps_stored) },
  { "steps_absorbed",        G_STRUCT_OFFSET (McSimStats, steps_absorbed) },
};

static const struct
{
  const char *name;
  gsize       offset;
} fault_fields[] = {
  { "fail",             G_STRUCT_OFFSET (McSimStats, fault_fail) },
  { "expire",           G_STRUCT_OFFSET (McSimStats, fault_expire) },
  { "timeout_before",   G_STRUCT_OFFSET (McSimStats, fault_timeout_before) },
  { "timeout_after",    G_STRUCT_OFFSET (McSimStats, fault_timeout_after) },
  { "reset_before",     G_STRUCT_OFFSET (McSimStats, fault_reset_before) },
  { "reset_after",      G_STRUCT_OFFSET (McSimStats, fault_reset_after) },
  { "truncate_before",  G_STRUCT_OFFSET (McSimStats, fault_truncate_before) },
  { "truncate_after",   G_STRUCT_OFFSET (McSimStats, fault_truncate_after) },
  { "slow",             G_STRUCT_OFFSET (McSimStats, fault_slow) },
};

#define STAT(stats, offset) (*(gint64 *) G_STRUCT_MEMBER_P ((stats), (offset)))

static void
dossier_free (McSimDossier *entry)
{
  g_free (entry->code);
  cJSON_Delete (entry->dossier);
  g_free (entry);
}

static void
step_free (McSimStep *entry)
{
  g_free (entry->key);
  cJSON_Delete (entry->step);
  g_free (entry);
}

static const char *
string_of (const cJSON *object,
           const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsString (item) ? item->valuestring : "";
}

static char *
step_key (const char *code,
          const char *time,
          const char *status)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s", code, time, status);
}

/* ---- serialisation of entries ---- */

static cJSON *
stats_json (const McSimStats *stats)
{
  cJSON *object = cJSON_CreateObject ();
  cJSON *faults = cJSON_CreateObject ();

  for (gsize i = 0; i < G_N_ELEMENTS (stat_fields); i++)
    cJSON_AddNumberToObject (object, stat_fields[i].name,
                             (double) STAT ((McSimStats *) stats, stat_fields[i].offset));
  for (gsize i = 0; i < G_N_ELEMENTS (fault_fields); i++)
    cJSON_AddNumberToObject (faults, fault_fields[i].name,
                             (double) STAT ((McSimStats *) stats, fault_fields[i].offset));
  cJSON_AddItemToObject (object, "faults", faults);
  return object;
}

static void
stats_from_json (McSimStats  *stats,
                 const cJSON *object)
{
  const cJSON *faults = cJSON_GetObjectItemCaseSensitive (object, "faults");

  for (gsize i = 0; i < G_N_ELEMENTS (stat_fields); i++)
    {
      const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, stat_fields[i].name);

      if (cJSON_IsNumber (item))
        STAT (stats, stat_fields[i].offset) = (gint64) item->valuedouble;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (fault_fields); i++)
    {
      const cJSON *item = cJSON_GetObjectItemCaseSensitive (faults, fault_fields[i].name);

      if (cJSON_IsNumber (item))
        STAT (stats, fault_fields[i].offset) = (gint64) item->valuedouble;
    }
}

static cJSON *
dossier_entry_json (const McSimDossier *entry)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddStringToObject (object, "MaHoSo", entry->code);
  cJSON_AddItemToObject (object, "dossier", cJSON_Duplicate (entry->dossier, TRUE));
  cJSON_AddNumberToObject (object, "creates", entry->creates);
  cJSON_AddNumberToObject (object, "replaces", entry->replaces);
  cJSON_AddNumberToObject (object, "duplicate_creates", entry->duplicate_creates);
  cJSON_AddStringToObject (object, "origin", entry->online ? "online" : "desk");
  return object;
}

static int
int_of (const cJSON *object,
        const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsNumber (item) ? item->valueint : 0;
}

static void
load_dossier_entry (McSimStore  *store,
                    const cJSON *object)
{
  const cJSON *dossier = cJSON_GetObjectItemCaseSensitive (object, "dossier");
  const char *code = string_of (object, "MaHoSo");
  McSimDossier *entry;

  if (*code == '\0' || !cJSON_IsObject (dossier))
    return;
  entry = g_new0 (McSimDossier, 1);
  entry->code = g_strdup (code);
  entry->dossier = cJSON_Duplicate (dossier, TRUE);
  entry->creates = int_of (object, "creates");
  entry->replaces = int_of (object, "replaces");
  entry->duplicate_creates = int_of (object, "duplicate_creates");
  entry->online = g_strcmp0 (string_of (object, "origin"), "online") == 0;
  g_hash_table_replace (store->dossiers, entry->code, entry);
}

static cJSON *
step_entry_json (const McSimStep *entry)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddItemToObject (object, "step", cJSON_Duplicate (entry->step, TRUE));
  cJSON_AddNumberToObject (object, "received_count", entry->received_count);
  cJSON_AddNumberToObject (object, "mismatch_count", entry->mismatch_count);
  return object;
}

static void
load_step_entry (McSimStore  *store,
                 const cJSON *object)
{
  const cJSON *step = cJSON_GetObjectItemCaseSensitive (object, "step");
  g_autofree char *key = NULL;
  McSimStep *entry;

  if (!cJSON_IsObject (step))
    return;
  key = step_key (string_of (step, "MaHoSo"), string_of (step, "ThoiDiemXuLy"),
                  string_of (step, "TrangThai"));
  entry = g_hash_table_lookup (store->step_index, key);
  if (entry == NULL)
    {
      entry = g_new0 (McSimStep, 1);
      entry->key = g_steal_pointer (&key);
      g_ptr_array_add (store->steps, entry);
      g_hash_table_insert (store->step_index, entry->key, entry);
    }
  else
    cJSON_Delete (entry->step);
  entry->step = cJSON_Duplicate (step, TRUE);
  entry->received_count = int_of (object, "received_count");
  entry->mismatch_count = int_of (object, "mismatch_count");
}

static int
compare_submissions (gconstpointer a,
                     gconstpointer b)
{
  const cJSON *left = *(const cJSON * const *) a;
  const cJSON *right = *(const cJSON * const *) b;
  int order = strcmp (string_of (left, "NgayTiepNhan"), string_of (right, "NgayTiepNhan"));

  return order != 0 ? order : strcmp (string_of (left, "MaHoSo"), string_of (right, "MaHoSo"));
}

/* Keeps the submissions in pull order; a submission stored again (a journal replayed over
 * its snapshot) replaces the first copy. */
static void
load_submission (McSimStore  *store,
                 const cJSON *submission)
{
  const char *code = string_of (submission, "MaHoSo");
  cJSON *copy;
  guint low = 0;
  guint high;

  if (!cJSON_IsObject (submission) || *code == '\0')
    return;
  if ((copy = g_hash_table_lookup (store->online_codes, code)) != NULL)
    {
      g_hash_table_remove (store->online_codes, code);
      g_ptr_array_remove (store->online, copy);
    }
  copy = cJSON_Duplicate (submission, TRUE);
  /* the first position whose submission sorts after the new one */
  high = store->online->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare_submissions (&store->online->pdata[middle], &copy) <= 0)
        low = middle + 1;
      else
        high = middle;
    }
  g_ptr_array_insert (store->online, (int) low, copy);
  g_hash_table_insert (store->online_codes, (gpointer) string_of (copy, "MaHoSo"), copy);
}

/* ---- the journal ---- */

static void
journal_add (McSimStore *store,
             const char *kind,
             cJSON      *value)
{
  g_autoptr(cJSON) line = cJSON_CreateObject ();
  g_autofree char *text = NULL;

  cJSON_AddItemToObject (line, kind, value);
  text = cJSON_PrintUnformatted (line);
  g_string_append (store->pending, text);
  g_string_append_c (store->pending, '\n');
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           const char  *path,
           GError     **error)
{
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "cannot write %s: %s", path, g_strerror (saved));
          return FALSE;
        }
      data += written;
      length -= (gsize) written;
    }
  return TRUE;
}

static void
replay_line (McSimStore *store,
             const char *line)
{
  g_autoptr(cJSON) object = cJSON_Parse (line);
  const cJSON *item;

  /* A line that does not parse is the torn tail of a killed run: that call got no answer. */
  if (!cJSON_IsObject (object))
    return;
  if ((item = cJSON_GetObjectItemCaseSensitive (object, "dossier")) != NULL)
    load_dossier_entry (store, item);
  else if ((item = cJSON_GetObjectItemCaseSensitive (object, "step")) != NULL)
    load_step_entry (store, item);
  else if ((item = cJSON_GetObjectItemCaseSensitive (object, "online")) != NULL)
    load_submission (store, item);
  else if ((item = cJSON_GetObjectItemCaseSensitive (object, "stats")) != NULL)
    stats_from_json (&store->stats, item);
}

/* ---- snapshots ---- */

static cJSON *
read_snapshot (const char  *dir,
               const char  *name,
               GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  cJSON *root;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return cJSON_CreateNull ();
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  root = cJSON_Parse (text);
  if (root == NULL)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not valid JSON", path);
  return root;
}

/* Atomic against a killed simulator: a temporary file renamed over the old one. Not synced
 * to the disk (what g_file_set_contents adds): a simulator need not survive a power cut,
 * and syncing 10 MB of dossiers made every stop take seconds. */
static gboolean
write_snapshot (const char  *dir,
                const char  *name,
                const cJSON *root,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *temporary = g_strconcat (path, ".new", NULL);
  g_autofree char *text = cJSON_PrintUnformatted (root);

  if (!g_file_set_contents_full (temporary, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, error))
    return FALSE;
  if (g_rename (temporary, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot replace %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Dossier codes in order, so every listing of the state reads the same way. */
static GPtrArray *
sorted_codes (McSimStore *store)
{
  GPtrArray *codes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, store->dossiers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (codes, key);
  g_ptr_array_sort (codes, compare_codes);
  return codes;
}

gboolean
mc_sim_store_compact (McSimStore  *store,
                      GError     **error)
{
  g_autoptr(cJSON) dossiers = cJSON_CreateArray ();
  g_autoptr(cJSON) steps = cJSON_CreateArray ();
  g_autoptr(cJSON) online = cJSON_CreateArray ();
  g_autoptr(cJSON) stats = stats_json (&store->stats);
  g_autoptr(GPtrArray) codes = sorted_codes (store);

  for (guint i = 0; i < codes->len; i++)
    cJSON_AddItemToArray (dossiers, dossier_entry_json (g_hash_table_lookup (store->dossiers,
                                                                             codes->pdata[i])));
  for (guint i = 0; i < store->steps->len; i++)
    cJSON_AddItemToArray (steps, step_entry_json (g_ptr_array_index (store->steps, i)));
  for (guint i = 0; i < store->online->len; i++)
    cJSON_AddItemToArray (online, cJSON_Duplicate (g_ptr_array_index (store->online, i), TRUE));

  if (!write_snapshot (store->dir, "dossiers.json", dossiers, error) ||
      !write_snapshot (store->dir, "steps.json", steps, error) ||
      !write_snapshot (store->dir, "online.json", online, error) ||
      !write_snapshot (store->dir, "stats.json", stats, error))
    return FALSE;

  /* Every journal line is now in the snapshots; a crash before this point replays them
   * over the new snapshots, which changes nothing. */
  if (ftruncate (store->journal_fd, 0) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot empty the journal: %s", g_strerror (saved));
      return FALSE;
    }
  store->journal_bytes = 0;
  return TRUE;
}

static gboolean
load (McSimStore  *store,
      GError     **error)
{
  g_autoptr(cJSON) dossiers = NULL;
  g_autoptr(cJSON) steps = NULL;
  g_autoptr(cJSON) online = NULL;
  g_autoptr(cJSON) stats = NULL;
  g_autofree char *journal_path = g_build_filename (store->dir, JOURNAL_NAME, NULL);
  g_autofree char *journal = NULL;
  g_autoptr(GError) local_error = NULL;
  const cJSON *item;

  if ((dossiers = read_snapshot (store->dir, "dossiers.json", error)) == NULL ||
      (steps = read_snapshot (store->dir, "steps.json", error)) == NULL ||
      (online = read_snapshot (store->dir, "online.json", error)) == NULL ||
      (stats = read_snapshot (store->dir, "stats.json", error)) == NULL)
    return FALSE;

  cJSON_ArrayForEach (item, dossiers)
    load_dossier_entry (store, item);
  cJSON_ArrayForEach (item, steps)
    load_step_entry (store, item);
  cJSON_ArrayForEach (item, online)
    load_submission (store, item);
  if (cJSON_IsObject (stats))
    stats_from_json (&store->stats, stats);

  if (g_file_get_contents (journal_path, &journal, NULL, &local_error))
    {
      g_auto(GStrv) lines = g_strsplit (journal, "\n", -1);

      for (char **line = lines; *line != NULL; line++)
        if (**line != '\0')
          replay_line (store, *line);
    }
  else if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- public ---- */

McSimStore *
mc_sim_store_open (const char  *dir,
                   GError     **error)
{
  g_autoptr(McSimStore) store = g_new0 (McSimStore, 1);
  g_autofree char *journal_path = g_build_filename (dir, JOURNAL_NAME, NULL);

  store->dir = g_strdup (dir);
  store->journal_fd = -1;
  store->dossiers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) dossier_free);
  store->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  store->step_index = g_hash_table_new (g_str_hash, g_str_equal);
  store->online = g_ptr_array_new_with_free_func ((GDestroyNotify) cJSON_Delete);
  store->online_codes = g_hash_table_new (g_str_hash, g_str_equal);
  store->pending = g_string_new (NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot create %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  if (!load (store, error))
    return NULL;

  store->journal_fd = g_open (journal_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (store->journal_fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot open %s: %s", journal_path, g_strerror (saved));
      return NULL;
    }
  if (!mc_sim_store_compact (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

void
mc_sim_store_free (McSimStore *store)
{
  if (store == NULL)
    return;
  if (store->journal_fd >= 0)
    close (store->journal_fd);
  g_clear_pointer (&store->dossiers, g_hash_table_unref);
  g_clear_pointer (&store->step_index, g_hash_table_unref);
  g_clear_pointer (&store->steps, g_ptr_array_unref);
  g_clear_pointer (&store->online_codes, g_hash_table_unref);
  g_clear_pointer (&store->online, g_ptr_array_unref);
  g_string_free (store->pending, TRUE);
  g_free (store->dir);
  g_free (store);
}

McSimStats *
mc_sim_store_stats (McSimStore *store)
{
  return &store->stats;
}

const McSimDossier *
mc_sim_store_lookup_dossier (McSimStore *store,
                             const char *code)
{
  return g_hash_table_lookup (store->dossiers, code);
}

/* Stores @dossier under @code: a create when @replace is FALSE (the code must be new, or an
 * online submission being created by the portal itself), a replace otherwise. The caller
 * has checked existence; this only records. */
void
mc_sim_store_put_dossier (McSimStore  *store,
                          const char  *code,
                          const cJSON *dossier,
                          gboolean     replace)
{
  McSimDossier *entry = g_hash_table_lookup (store->dossiers, code);

  if (entry == NULL)
    {
      entry = g_new0 (McSimDossier, 1);
      entry->code = g_strdup (code);
      g_hash_table_insert (store->dossiers, entry->code, entry);
    }
  else
    cJSON_Delete (entry->dossier);
  entry->dossier = cJSON_Duplicate (dossier, TRUE);
  if (replace)
    entry->replaces++;
  else
    entry->creates++;
  journal_add (store, "dossier", dossier_entry_json (entry));
}

void
mc_sim_store_count_duplicate (McSimStore *store,
                              const char *code)
{
  McSimDossier *entry = g_hash_table_lookup (store->dossiers, code);

  g_return_if_fail (entry != NULL);
  entry->duplicate_creates++;
  journal_add (store, "dossier", dossier_entry_json (entry));
}

/* Appends the step, or counts it again when its key is known. A repeat whose other values
 * differ breaks the contract's "exactly the same values": it is absorbed all the same (the
 * portal keys on the three fields) but counted, so a test can catch the desk doing it. */
void
mc_sim_store_put_step (McSimStore  *store,
                       const char  *code,
                       const char  *time,
                       const char  *status,
                       const cJSON *step)
{
  g_autofree char *key = step_key (code, time, status);
  McSimStep *entry = g_hash_table_lookup (store->step_index, key);

  if (entry == NULL)
    {
      entry = g_new0 (McSimStep, 1);
      entry->key = g_steal_pointer (&key);
      entry->step = cJSON_Duplicate (step, TRUE);
      g_ptr_array_add (store->steps, entry);
      g_hash_table_insert (store->step_index, entry->key, entry);
      store->stats.steps_stored++;
    }
  else
    {
      if (!cJSON_Compare (entry->step, step, TRUE))
        entry->mismatch_count++;
      store->stats.steps_absorbed++;
    }
  entry->received_count++;
  journal_add (store, "step", step_entry_json (entry));
}

static int
compare_steps_by_time (gconstpointer a,
                       gconstpointer b)
{
  const McSimStep *left = *(const McSimStep * const *) a;
  const McSimStep *right = *(const McSimStep * const *) b;

  return strcmp (string_of (left->step, "ThoiDiemXuLy"), string_of (right->step, "ThoiDiemXuLy"));
}

/* The steps of one dossier, oldest first (borrowed McSimStep pointers). */
GPtrArray *
mc_sim_store_steps_of (McSimStore *store,
                       const char *code)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < store->steps->len; i++)
    {
      McSimStep *entry = g_ptr_array_index (store->steps, i);

      if (strcmp (string_of (entry->step, "MaHoSo"), code) == 0)
        g_ptr_array_add (found, entry);
    }
  g_ptr_array_sort (found, compare_steps_by_time);
  return found;
}

/* An online submission: offered by the pull, and a dossier the portal holds from then on
 * (so the desk receiving it replaces it, and a create of it answers 3). */
void
mc_sim_store_add_online (McSimStore  *store,
                         const cJSON *submission)
{
  const char *code = string_of (submission, "MaHoSo");
  McSimDossier *entry;

  load_submission (store, submission);
  journal_add (store, "online", cJSON_Duplicate (submission, TRUE));

  entry = g_new0 (McSimDossier, 1);
  entry->code = g_strdup (code);
  entry->dossier = cJSON_Duplicate (submission, TRUE);
  entry->online = TRUE;
  g_hash_table_replace (store->dossiers, entry->code, entry);
  journal_add (store, "dossier", dossier_entry_json (entry));
}

guint
mc_sim_store_n_online (McSimStore *store)
{
  return store->online->len;
}

/* Submissions with NgayTiepNhan at or after @since ("" = all), oldest first, at most @limit.
 * "At or after": several submissions share a second, and the desk's cursor is the last time
 * it stored plus the codes it has, so it must see that second again. */
cJSON *
mc_sim_store_online_since (McSimStore *store,
                           const char *since,
                           int         limit)
{
  cJSON *result = cJSON_CreateArray ();
  int count = 0;

  for (guint i = 0; i < store->online->len && count < limit; i++)
    {
      const cJSON *submission = g_ptr_array_index (store->online, i);

      if (strcmp (string_of (submission, "NgayTiepNhan"), since) >= 0)
        {
          cJSON_AddItemToArray (result, cJSON_Duplicate (submission, TRUE));
          count++;
        }
    }
  return result;
}

/* Makes the changes of the call being handled durable against a restart: one write of the
 * call's journal lines plus the counters, before the answer is sent. */
gboolean
mc_sim_store_commit (McSimStore  *store,
                     GError     **error)
{
  g_autofree char *path = g_build_filename (store->dir, JOURNAL_NAME, NULL);
  gboolean ok;

  journal_add (store, "stats", stats_json (&store->stats));
  ok = write_all (store->journal_fd, store->pending->str, store->pending->len, path, error);
  store->journal_bytes += (gint64) store->pending->len;
  g_string_truncate (store->pending, 0);
  if (ok && store->journal_bytes > JOURNAL_COMPACT_BYTES)
    ok = mc_sim_store_compact (store, error);
  return ok;
}

gboolean
mc_sim_store_reset (McSimStore  *store,
                    GError     **error)
{
  g_hash_table_remove_all (store->step_index);
  g_ptr_array_set_size (store->steps, 0);
  g_hash_table_remove_all (store->dossiers);
  g_hash_table_remove_all (store->online_codes);
  g_ptr_array_set_size (store->online, 0);
  memset (&store->stats, 0, sizeof store->stats);
  g_string_truncate (store->pending, 0);
  return mc_sim_store_compact (store, error);
}

/* /_sim/state: every dossier as last stored, the counters per dossier and per step, and the
 * run's counters. */
cJSON *
mc_sim_store_state_json (McSimStore *store)
{
  cJSON *root = cJSON_CreateObject ();
  cJSON *dossiers = cJSON_AddObjectToObject (root, "dossiers");
  cJSON *counts = cJSON_AddObjectToObject (root, "dossier_counts");
  cJSON *steps = cJSON_AddArrayToObject (root, "steps");
  cJSON *online = cJSON_AddArrayToObject (root, "online");
  g_autoptr(GPtrArray) codes = sorted_codes (store);

  for (guint i = 0; i < codes->len; i++)
    {
      const McSimDossier *entry = g_hash_table_lookup (store->dossiers, codes->pdata[i]);
      cJSON *count = cJSON_CreateObject ();

      cJSON_AddItemToObject (dossiers, entry->code, cJSON_Duplicate (entry->dossier, TRUE));
      cJSON_AddNumberToObject (count, "creates", entry->creates);
      cJSON_AddNumberToObject (count, "replaces", entry->replaces);
      cJSON_AddNumberToObject (count, "duplicate_creates", entry->duplicate_creates);
      cJSON_AddStringToObject (count, "origin", entry->online ? "online" : "desk");
      cJSON_AddItemToObject (counts, entry->code, count);
    }
  for (guint i = 0; i < store->steps->len; i++)
    {
      const McSimStep *entry = g_ptr_array_index (store->steps, i);
      cJSON *step = cJSON_Duplicate (entry->step, TRUE);

      cJSON_AddNumberToObject (step, "received_count", entry->received_count);
      cJSON_AddNumberToObject (step, "mismatch_count", entry->mismatch_count);
      cJSON_AddItemToArray (steps, step);
    }
  for (guint i = 0; i < store->online->len; i++)
    cJSON_AddItemToArray (online, cJSON_CreateString (string_of (g_ptr_array_index (store->online, i),
                                                                 "MaHoSo")));
  cJSON_AddItemToObject (root, "stats", stats_json (&store->stats));
  return root;
}
