/* sync-test.c — the sync tests' shared parts: a simulator per test, a desk with dossiers,
 * motcua-cli, and the field-by-field comparison of the portal with the desk. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <sys/prctl.h>

#include <curl/curl.h>
#include <glib/gstdio.h>

#include "sync-test.h"

static char *sim_path;
static char *cli_path;

void
sync_test_init (int    *argc,
                char ***argv)
{
  int kept = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (g_str_has_prefix ((*argv)[i], "--sim="))
        sim_path = g_strdup ((*argv)[i] + 6);
      else if (g_str_has_prefix ((*argv)[i], "--cli="))
        cli_path = g_strdup ((*argv)[i] + 6);
      else
        (*argv)[kept++] = (*argv)[i];
    }
  (*argv)[kept] = NULL;
  *argc = kept;
  curl_global_init (CURL_GLOBAL_DEFAULT);
}

const char *
sync_test_cli_path (void)
{
  return cli_path;
}

/* The simulator. */

static gboolean
read_port (const char *path,
           int        *port)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  *port = atoi (text);
  return *port > 0;
}

/* In the simulator, before it starts: it ends with the test, also when a failed assertion
 * aborts the test before it could stop it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

TestSim *
test_sim_start (const char *dir,
                int         port,
                ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, port);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return test_sim_startv (dir, port, (const char * const *) args->pdata);
}

TestSim *
test_sim_startv (const char         *dir,
                 int                 port,
                 const char * const *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = g_build_filename (dir, "sim.port", NULL);
  TestSim *sim = g_new0 (TestSim, 1);

  g_assert_nonnull (sim_path);
  sim->data_dir = g_build_filename (dir, "sim", NULL);
  sim->log_path = g_build_filename (dir, "sim.log", NULL);
  g_unlink (port_file);
  g_ptr_array_add (args, g_strdup (sim_path));
  g_ptr_array_add (args, g_strdup ("--data-dir"));
  g_ptr_array_add (args, g_strdup (sim->data_dir));
  g_ptr_array_add (args, g_strdup ("--port"));
  g_ptr_array_add (args, g_strdup_printf ("%d", port));
  g_ptr_array_add (args, g_strdup ("--port-file"));
  g_ptr_array_add (args, g_strdup (port_file));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, NULL);

  /* Appended, so a restarted simulator's calls follow the first one's. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, NULL);
  {
    int fd = g_open (sim->log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);

    g_assert_cmpint (fd, >=, 0);
    g_subprocess_launcher_take_stderr_fd (launcher, fd);
  }
  sim->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  /* Up in a few milliseconds normally; ASan builds are slower. */
  for (int i = 0; i < 600 && !read_port (port_file, &sim->port); i++)
    {
      g_assert_nonnull (g_subprocess_get_identifier (sim->process));   /* still running */
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_cmpint (sim->port, >, 0);
  g_assert_true (port == 0 || sim->port == port);
  sim->base_url = g_strdup_printf ("http://127.0.0.1:%d", sim->port);
  return sim;
}

void
test_sim_stop (TestSim *sim)
{
  if (sim == NULL || sim->process == NULL)
    return;
  g_subprocess_send_signal (sim->process, SIGTERM);
  g_subprocess_wait (sim->process, NULL, NULL);
  g_clear_object (&sim->process);
}

void
test_sim_free (TestSim *sim)
{
  if (sim == NULL)
    return;
  test_sim_stop (sim);
  g_free (sim->data_dir);
  g_free (sim->log_path);
  g_free (sim->base_url);
  g_free (sim);
}

static size_t
collect (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  g_string_append_len (user_data, data, (gssize) (size * n));
  return size * n;
}

static cJSON *
http (TestSim    *sim,
      const char *path,
      const char *body)
{
  g_autofree char *url = g_strconcat (sim->base_url, path, NULL);
  g_autoptr(GString) answer = g_string_new (NULL);
  CURL *curl = curl_easy_init ();
  CURLcode rc;
  cJSON *json;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer);
  if (body != NULL)
    curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
  rc = curl_easy_perform (curl);
  curl_easy_cleanup (curl);
  g_assert_cmpint (rc, ==, CURLE_OK);
  json = cJSON_Parse (answer->str);
  g_assert_nonnull (json);
  return json;
}

cJSON *
test_sim_get (TestSim    *sim,
              const char *path)
{
  return http (sim, path, NULL);
}

cJSON *
test_sim_post (TestSim    *sim,
               const char *path,
               const char *body)
{
  return http (sim, path, body ? body : "{}");
}

gint64
test_sim_stat (const cJSON *state,
               const char  *name)
{
  const cJSON *stats = cJSON_GetObjectItemCaseSensitive (state, "stats");
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (stats, name);

  g_assert_true (cJSON_IsNumber (value));
  return (gint64) value->valuedouble;
}

/* The desk. */

TestDesk *
test_desk_new (void)
{
  TestDesk *desk = g_new0 (TestDesk, 1);
  g_autoptr(GError) error = NULL;

  desk->dir = g_dir_make_tmp ("motcua-sync-XXXXXX", &error);
  g_assert_no_error (error);
  desk->db_path = g_build_filename (desk->dir, "desk.db", NULL);
  desk->password_file = g_build_filename (desk->dir, "portal-password", NULL);
  g_assert_true (g_file_set_contents (desk->password_file, "demo\n", -1, NULL));
  g_assert_cmpint (g_chmod (desk->password_file, 0600), ==, 0);
  desk->store = mc_store_open (desk->db_path, &error);
  g_assert_no_error (error);
  return desk;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
test_desk_free (TestDesk *desk)
{
  if (desk == NULL)
    return;
  g_clear_object (&desk->store);
  remove_tree (desk->dir);
  g_free (desk->dir);
  g_free (desk->db_path);
  g_free (desk->password_file);
  g_free (desk);
}

void
test_desk_set (TestDesk   *desk,
               const char *key,
               const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_set_setting (desk->store, key, value, &error));
  g_assert_no_error (error);
}

void
test_desk_connect (TestDesk *desk,
                   TestSim  *sim,
                   int       timeout_seconds)
{
  g_autofree char *timeout = g_strdup_printf ("%d", timeout_seconds);

  test_desk_set (desk, "portal.base-url", sim->base_url);
  test_desk_set (desk, "portal.username", "demo");
  test_desk_set (desk, "portal.password-file", desk->password_file);
  test_desk_set (desk, "sync.timeout-seconds", timeout);
  test_desk_set (desk, "sync.connect-timeout-seconds", timeout);
  test_desk_set (desk, "sync.backoff-cap-seconds", "1");
}

char *
test_desk_receive (TestDesk   *desk,
                   const char *name,
                   McTime      received,
                   const char *actor)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;

  /* Đăng ký thường trú: 7 working days, the CT01 form its only mandatory document. */
  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup (name);
  draft->id_number = g_strdup ("008090001234");
  draft->phone = g_strdup ("0912345678");
  draft->received_at = received;
  mc_dossier_draft_add_document (draft, "ct01", NULL, MC_DOCUMENT_ORIGINAL, 1);
  dossier = mc_store_receive (desk->store, draft, actor, &error);
  g_assert_no_error (error);
  return g_strdup (dossier->code);
}

void
test_desk_move (TestDesk   *desk,
                const char *code,
                McStatus    to,
                McTime      at,
                const char *actor)
{
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = g_strdup_printf ("Bước sang trạng thái %d", to);

  dossier = mc_store_move (desk->store, code, to, actor, at, note, &error);
  g_assert_no_error (error);
}

/* The next status of a plausible life, or 0 at its end. */
static McStatus
next_status (McStatus  from,
             GRand    *rand)
{
  double x = g_rand_double (rand);

  switch (from)
    {
    case MC_STATUS_RECEIVED:
      return x < 0.75 ? MC_STATUS_IN_PROCESSING : x < 0.85 ? MC_STATUS_WAITING_SUPPLEMENT
             : x < 0.93 ? MC_STATUS_REFUSED : MC_STATUS_WITHDRAWN;
    case MC_STATUS_IN_PROCESSING:
      return x < 0.7 ? MC_STATUS_RESULT_READY : x < 0.85 ? MC_STATUS_WAITING_SUPPLEMENT
             : x < 0.95 ? MC_STATUS_WAITING_PAYMENT : MC_STATUS_STOPPED;
    case MC_STATUS_WAITING_SUPPLEMENT:
    case MC_STATUS_WAITING_PAYMENT:
      return x < 0.85 ? MC_STATUS_IN_PROCESSING : x < 0.93 ? MC_STATUS_WITHDRAWN : MC_STATUS_STOPPED;
    case MC_STATUS_RESULT_READY:
      return MC_STATUS_RETURNED;
    default:
      return 0;
    }
}

GPtrArray *
test_desk_fill (TestDesk *desk,
                guint     n,
                guint32   seed)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  McTime now = mc_time_now ();
  /* Everything well in the past, so that later moves can follow. */
  McTime start = now - 40 * MC_SECONDS_PER_DAY;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Nguyễn Thị Hồ Sơ %u", i + 1);
      McTime at = start + (McTime) i * 600;
      char *code = test_desk_receive (desk, name, at, "tiepnhan.lan");
      McStatus status = MC_STATUS_RECEIVED;
      int moves = g_rand_int_range (rand, 0, 6);

      for (int k = 0; k < moves; k++)
        {
          McStatus to = next_status (status, rand);

          if (to == 0)
            break;
          at += g_rand_int_range (rand, 1, 30) * 3600;
          g_assert_cmpint (at, <, now - MC_SECONDS_PER_DAY);
          test_desk_move (desk, code, to, at, to == MC_STATUS_RETURNED ? "tiepnhan.mai" : "xuly.cu-tru");
          status = to;
        }
      g_ptr_array_add (codes, code);
    }
  return codes;
}

guint
test_desk_advance (TestDesk  *desk,
                   GPtrArray *codes,
                   McTime     at,
                   GRand     *rand)
{
  guint moved = 0;

  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(McDossier) dossier = mc_store_get_dossier (desk->store, g_ptr_array_index (codes, i), NULL);
      McStatus to;

      g_assert_nonnull (dossier);
      if (g_rand_double (rand) < 0.5 || (to = next_status (dossier->status, rand)) == 0)
        continue;
      test_desk_move (desk, dossier->code, to, at, "xuly.cu-tru");
      moved++;
    }
  return moved;
}

McOutboxCounts
test_desk_counts (TestDesk *desk)
{
  McOutboxCounts counts;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_count_outbox (desk->store, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

/* motcua-cli. */

static GPtrArray *
cli_args (TestDesk *desk,
          va_list   ap)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  const char *arg;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (args, g_strdup (cli_path));
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, g_strdup (desk->db_path));
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  g_ptr_array_add (args, NULL);
  return args;
}

int
test_cli_run (TestDesk  *desk,
              char     **out,
              char     **err,
              ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list ap;

  va_start (ap, err);
  args = cli_args (desk, ap);
  va_end (ap);
  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (g_test_verbose () && stderr_text && *stderr_text)
    g_printerr ("%s", stderr_text);
  /* The outputs of a previous run through the same pointers are replaced. */
  if (out)
    {
      g_free (*out);
      *out = g_steal_pointer (&stdout_text);
    }
  if (err)
    {
      g_free (*err);
      *err = g_steal_pointer (&stderr_text);
    }
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

GSubprocess *
test_cli_spawn (TestDesk *desk,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list ap;

  va_start (ap, desk);
  args = cli_args (desk, ap);
  va_end (ap);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* The comparison. */

static const char *
text_of (const cJSON *object,
         const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsString (item) ? item->valuestring : NULL;
}

static void
assert_portal_date (const cJSON *record,
                    const char  *name,
                    McTime       t)
{
  g_autofree char *expected = mc_time_format_portal (t);

  g_assert_cmpstr (text_of (record, name), ==, expected);
}

void
test_assert_portal_matches (TestDesk *desk,
                            TestSim  *sim)
{
  McDossierFilter all = { .limit = 1000000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = mc_store_list_dossiers (desk->store, &all, &error);
  g_autoptr(cJSON) state = test_sim_get (sim, "/_sim/state");
  g_autoptr(GHashTable) steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) desk_codes = g_hash_table_new (g_str_hash, g_str_equal);
  const cJSON *portal = cJSON_GetObjectItemCaseSensitive (state, "dossiers");
  const cJSON *counts = cJSON_GetObjectItemCaseSensitive (state, "dossier_counts");
  const cJSON *step;
  McOutboxCounts outbox = test_desk_counts (desk);
  guint n_events = 0, n_portal_steps = 0;

  g_assert_no_error (error);
  g_assert_cmpint (outbox.pending, ==, 0);
  g_assert_cmpint (outbox.failed, ==, 0);
  g_assert_cmpint (outbox.unsynced, ==, 0);

  /* The portal's steps by its key; each key is stored once, and a repeat must have come
   * with exactly the same values. */
  cJSON_ArrayForEach (step, cJSON_GetObjectItemCaseSensitive (state, "steps"))
    {
      char *key = g_strdup_printf ("%s|%s|%s", text_of (step, "MaHoSo"), text_of (step, "ThoiDiemXuLy"),
                                   text_of (step, "TrangThai"));

      g_assert_false (g_hash_table_contains (steps, key));
      g_assert_cmpint (cJSON_GetObjectItemCaseSensitive (step, "mismatch_count")->valueint, ==, 0);
      g_assert_cmpint (cJSON_GetObjectItemCaseSensitive (step, "received_count")->valueint, >=, 1);
      g_hash_table_insert (steps, key, (gpointer) step);
    }

  for (guint i = 0; i < dossiers->len; i++)
    {
      const McDossier *d = g_ptr_array_index (dossiers, i);
      const cJSON *record = cJSON_GetObjectItemCaseSensitive (portal, d->code);
      const cJSON *count = cJSON_GetObjectItemCaseSensitive (counts, d->code);
      g_autoptr(GPtrArray) history = mc_store_get_history (desk->store, d->code, &error);
      g_autofree char *status = g_strdup_printf ("%d", d->status);
      g_autofree char *channel = g_strdup_printf ("%d", d->channel);

      g_assert_no_error (error);
      g_hash_table_add (desk_codes, d->code);
      if (record == NULL)
        g_error ("dossier %s is not on the portal", d->code);
      g_assert_cmpstr (text_of (count, "origin"), ==, "desk");
      g_assert_cmpstr (text_of (record, "TrangThaiHoSo"), ==, status);
      g_assert_cmpstr (text_of (record, "ChuHoSo"), ==, d->applicant_name);
      g_assert_cmpstr (text_of (record, "MaTTHC"), ==, d->procedure_code);
      g_assert_cmpstr (text_of (record, "KenhThucHien"), ==, channel);
      g_assert_cmpstr (text_of (record, "TrichYeuHoSo"), ==, d->summary);
      assert_portal_date (record, "NgayTiepNhan", d->received_at);
      assert_portal_date (record, "NgayHenTra", d->current_due_at);
      assert_portal_date (record, "NgayKetThucXuLy", d->finished_at);
      assert_portal_date (record, "NgayTra", d->returned_at);

      for (guint k = 0; k < history->len; k++)
        {
          const McDossierEvent *event = g_ptr_array_index (history, k);
          g_autofree char *at = mc_time_format_portal (event->at);
          g_autofree char *key = g_strdup_printf ("%s|%s|%d", d->code, at, event->to_status);
          const cJSON *found = g_hash_table_lookup (steps, key);

          if (found == NULL)
            g_error ("step %s is not on the portal", key);
          g_assert_cmpstr (text_of (found, "NguoiXuLy"), ==, event->actor);
          n_events++;
        }
    }

  /* Nothing else of the desk's: one portal step per audit entry. */
  cJSON_ArrayForEach (step, cJSON_GetObjectItemCaseSensitive (state, "steps"))
    if (g_hash_table_contains (desk_codes, text_of (step, "MaHoSo")))
      n_portal_steps++;
  g_assert_cmpuint (n_portal_steps, ==, n_events);
  test_assert_check_clean (desk);
}

void
test_assert_check_clean (TestDesk *desk)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_check (desk->store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}
