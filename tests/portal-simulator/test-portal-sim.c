/* test-portal-sim.c — the portal simulator, driven over HTTP as the desk's sync engine drives it.
 *
 * Each test starts motcua-portal-sim (its path comes from meson as --sim=PATH, or from
 * $MOTCUA_PORTAL_SIM) on a free port of 127.0.0.1 with a fresh data directory, talks HTTP to
 * it over a plain socket, and checks what the desk and a tester would notice: the contract's answers
 * and codes, the Vietnamese messages naming the field, what /_sim/state says was stored and
 * how often, that a restart (also after SIGKILL) keeps it, the lookup page a slip's QR opens,
 * and the faults: every call a 500, or every answer cut in half while the portal still did
 * the work in the cases where the fault fell after processing.
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <cjson/cJSON.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "mc-applicant.h"
#include "mc-catalogue.h"
#include "mc-dossier-code.h"
#ifdef HAVE_SYNC
#include "mc-portal-catalogue.h"
#endif

#define AGENCY "000.00.16.H04"
/* A generous bound for the simulator to come up, also under ASan on a busy machine. */
#define START_TIMEOUT_US (20 * G_USEC_PER_SEC)

static char *sim_path;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

typedef struct
{
  char        *dir;          /* owned temporary directory */
  char        *data_dir;     /* the simulator's data, inside dir unless given */
  char        *log_path;     /* the simulator's stderr */
  GSubprocess *process;
  guint        port;
  char        *session;      /* after sim_login */
} Sim;

/* ---- the simulator as a subprocess ---- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A failed assertion ends the test program without its teardown: the simulator goes with it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts the simulator with the extra arguments @args (NULL-terminated) on the data of
 * @reuse (NULL: in a new temporary directory), and waits for its port file. */
static Sim *
sim_start_in (Sim                *reuse,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = NULL;
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  Sim *sim = reuse;

  if (sim == NULL)
    {
      sim = g_new0 (Sim, 1);
      sim->dir = g_dir_make_tmp ("motcua-sim-XXXXXX", &error);
      g_assert_no_error (error);
      sim->data_dir = g_build_filename (sim->dir, "data", NULL);
      sim->log_path = g_build_filename (sim->dir, "sim.log", NULL);
    }
  port_file = g_build_filename (sim->dir, "port", NULL);
  g_unlink (port_file);

  g_ptr_array_add (argv, sim_path);
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, sim->data_dir);
  g_ptr_array_add (argv, "--port");
  g_ptr_array_add (argv, "0");
  g_ptr_array_add (argv, "--port-file");
  g_ptr_array_add (argv, port_file);
  for (const char * const *arg = args; arg != NULL && *arg != NULL; arg++)
    g_ptr_array_add (argv, (char *) *arg);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* appended, so a restarted simulator's log follows the first one's */
  g_subprocess_launcher_take_stderr_fd (launcher, g_open (sim->log_path, O_WRONLY | O_CREAT | O_APPEND, 0600));
  sim->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (port_file, &text, NULL, NULL) && g_str_has_suffix (text, "\n"))
        {
          guint64 port = 0;

          g_strchomp (text);
          g_assert_true (g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL));
          sim->port = (guint) port;
          break;
        }
      if (g_subprocess_get_identifier (sim->process) == NULL ||
          g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = NULL;

          g_file_get_contents (sim->log_path, &log, NULL, NULL);
          g_error ("the simulator did not start; its log:\n%s", log != NULL ? log : "");
        }
      g_usleep (10 * 1000);
    }

  return sim;
}

static Sim *
sim_start (const char * const *args)
{
  return sim_start_in (NULL, args);
}

static char *
sim_log (Sim *sim)
{
  char *log = NULL;

  g_file_get_contents (sim->log_path, &log, NULL, NULL);
  return log != NULL ? log : g_strdup ("");
}

/* Stops the simulator with @signal_number and waits for it; SIGTERM must end it cleanly. */
static void
sim_stop_with (Sim *sim,
               int  signal_number)
{
  g_autoptr(GError) error = NULL;

  if (sim->process == NULL)
    return;
  g_subprocess_send_signal (sim->process, signal_number);
  g_subprocess_wait (sim->process, NULL, &error);
  g_assert_no_error (error);
  if (signal_number == SIGTERM)
    {
      if (!g_subprocess_get_if_exited (sim->process) || g_subprocess_get_exit_status (sim->process) != 0)
        {
          g_autofree char *log = sim_log (sim);

          g_error ("the simulator did not stop cleanly on SIGTERM; its log:\n%s", log);
        }
    }
  g_clear_object (&sim->process);
  g_clear_pointer (&sim->session, g_free);
}

static void
sim_free (Sim *sim)
{
  if (sim == NULL)
    return;
  sim_stop_with (sim, SIGTERM);
  remove_tree (sim->dir);
  g_free (sim->dir);
  g_free (sim->data_dir);
  g_free (sim->log_path);
  g_free (sim->session);
  g_free (sim);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sim, sim_free)

/* ---- HTTP ---- */

typedef struct
{
  guint   status;
  char   *body;      /* NUL-terminated */
  gsize   length;
  cJSON  *json;      /* NULL when the body is not JSON */
} Reply;

static void
reply_free (Reply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->body);
  cJSON_Delete (reply->json);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* Sends @request on a new connection and reads until the server closes it. Returns the
 * bytes received; @failed tells whether the read ended in an error (a reset) rather than at
 * the end of the stream. */
static GByteArray *
exchange (Sim        *sim,
          const char *request,
          gboolean   *failed)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GByteArray *received = g_byte_array_new ();
  GInputStream *input;
  guint8 buffer[16384];
  gssize n_read;

  g_socket_client_set_timeout (client, 60);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", sim->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n_read = g_input_stream_read (input, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (received, buffer, (guint) n_read);
  *failed = n_read < 0;
  return received;
}

static char *
http_request (Sim        *sim,
              const char *method,
              const char *path,
              const char *dstcode,
              const char *body)
{
  GString *request = g_string_new (NULL);

  g_string_append_printf (request, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n",
                          method, path, sim->port);
  if (dstcode != NULL)
    g_string_append_printf (request, "dstcode: %s\r\n", dstcode);
  if (body != NULL)
    g_string_append_printf (request, "Content-Type: application/json\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n",
                            strlen (body));
  g_string_append (request, "\r\n");
  if (body != NULL)
    g_string_append (request, body);
  return g_string_free (request, FALSE);
}

/* One request on its own connection ("Connection: close"), read to the end. A plain
 * socket rather than an HTTP library: the test sees the bytes as the portal sent them, with
 * no client library retrying or repairing anything. */
static Reply *
send_request (Sim        *sim,
              const char *method,
              const char *path,
              const char *dstcode,
              const char *body)
{
  g_autofree char *request = http_request (sim, method, path, dstcode, body);
  g_autoptr(GByteArray) received = NULL;
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  Reply *reply = g_new0 (Reply, 1);
  const char *end_of_head;
  gboolean failed = FALSE;

  received = exchange (sim, request, &failed);
  g_assert_false (failed);
  g_byte_array_append (received, (const guint8 *) "", 1);

  /* status line and headers, then exactly Content-Length bytes of body */
  end_of_head = strstr ((const char *) received->data, "\r\n\r\n");
  g_assert_nonnull (end_of_head);
  head = g_strndup ((const char *) received->data, end_of_head - (const char *) received->data);
  lines = g_strsplit (head, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "HTTP/1.1 "));
  reply->status = (guint) g_ascii_strtoull (lines[0] + strlen ("HTTP/1.1 "), NULL, 10);
  reply->body = g_strdup (end_of_head + 4);
  reply->length = strlen (reply->body);
  for (char **line = lines + 1; *line != NULL; line++)
    if (g_ascii_strncasecmp (*line, "Content-Length:", strlen ("Content-Length:")) == 0)
      g_assert_cmpuint (g_ascii_strtoull (*line + strlen ("Content-Length:"), NULL, 10), ==, reply->length);
  reply->json = cJSON_Parse (reply->body);
  return reply;
}

/* POST @request to /service (or /login) with the dstcode header; the answer must be HTTP 200
 * with a JSON object. */
static Reply *
post (Sim         *sim,
      const char  *path,
      const cJSON *request)
{
  g_autofree char *text = cJSON_PrintUnformatted (request);
  Reply *reply = send_request (sim, "POST", path, AGENCY, text);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (cJSON_IsObject (reply->json));
  return reply;
}

static int
error_code_of (const cJSON *object)
{
  const cJSON *code = cJSON_GetObjectItemCaseSensitive (object, "error_code");

  g_assert_true (cJSON_IsNumber (code));
  return code->valueint;
}

static const char *
text_of (const cJSON *object,
         const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsString (item) ? item->valuestring : NULL;
}

static Reply *
login_as (Sim        *sim,
          const char *username,
          const char *password)
{
  g_autoptr(cJSON) request = cJSON_CreateObject ();

  cJSON_AddStringToObject (request, "username", username);
  cJSON_AddStringToObject (request, "password", password);
  return post (sim, "/login", request);
}

static void
sim_login (Sim *sim)
{
  g_autoptr(Reply) reply = login_as (sim, "demo", "demo");

  g_assert_cmpint (error_code_of (reply->json), ==, 0);
  g_assert_nonnull (text_of (reply->json, "session"));
  g_free (sim->session);
  sim->session = g_strdup (text_of (reply->json, "session"));
}

/* A call of @service with the session; @request gets session and service added (taken). */
static Reply *
call (Sim        *sim,
      const char *service,
      cJSON      *request)
{
  g_autoptr(cJSON) body = request != NULL ? request : cJSON_CreateObject ();

  cJSON_AddStringToObject (body, "session", sim->session != NULL ? sim->session : "");
  cJSON_AddStringToObject (body, "service", service);
  return post (sim, "/service", body);
}

static cJSON *
sim_state (Sim *sim)
{
  g_autoptr(Reply) reply = send_request (sim, "GET", "/_sim/state", NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (cJSON_IsObject (reply->json));
  return g_steal_pointer (&reply->json);
}

static double
stat_of (const cJSON *state,
         const char  *name)
{
  const cJSON *stats = cJSON_GetObjectItemCaseSensitive (state, "stats");
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (stats, name);

  if (value == NULL)
    value = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (stats, "faults"), name);
  g_assert_true (cJSON_IsNumber (value));
  return value->valuedouble;
}

static int
count_of (const cJSON *state,
          const char  *code,
          const char  *name)
{
  const cJSON *counts = cJSON_GetObjectItemCaseSensitive (state, "dossier_counts");
  const cJSON *value = cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (counts, code), name);

  g_assert_true (cJSON_IsNumber (value));
  return value->valueint;
}

static const cJSON *
stored_dossier (const cJSON *state,
                const char  *code)
{
  return cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (state, "dossiers"), code);
}

/* ---- records ---- */

static char *
code_for (int sequence)
{
  return g_strdup_printf (AGENCY "-251124-%04d", sequence);
}

/* A dossier as the desk sends it: every field, numbers as strings. */
static cJSON *
dossier_record (const char *code,
                const char *status)
{
  cJSON *dossier = cJSON_CreateObject ();

  cJSON_AddStringToObject (dossier, "MaHoSo", code);
  cJSON_AddStringToObject (dossier, "MaTTHC", "1.001193");
  cJSON_AddStringToObject (dossier, "TenTTHC", "Đăng ký khai sinh");
  cJSON_AddStringToObject (dossier, "MaLinhVuc", "ho-tich");
  cJSON_AddStringToObject (dossier, "TenLinhVuc", "Hộ tịch");
  cJSON_AddStringToObject (dossier, "KenhThucHien", "1");
  cJSON_AddStringToObject (dossier, "ChuHoSo", "Nguyễn Văn Ấn");
  cJSON_AddStringToObject (dossier, "LoaiDoiTuong", "1");
  cJSON_AddStringToObject (dossier, "MaDoiTuong", "008090001234");
  cJSON_AddStringToObject (dossier, "SoDienThoai", "0912345678");
  cJSON_AddStringToObject (dossier, "Email", "");
  cJSON_AddStringToObject (dossier, "ThongTinKhac", "");
  cJSON_AddStringToObject (dossier, "TrichYeuHoSo", "Đăng ký khai sinh cho con");
  cJSON_AddStringToObject (dossier, "NgayTiepNhan", "20251124100000");
  cJSON_AddStringToObject (dossier, "NgayHenTra", "20251128163000");
  cJSON_AddStringToObject (dossier, "TrangThaiHoSo", status);
  cJSON_AddStringToObject (dossier, "NgayKetThucXuLy", "");
  cJSON_AddStringToObject (dossier, "NgayTra", "");
  cJSON_AddStringToObject (dossier, "ThongTinTra", "");
  cJSON_AddStringToObject (dossier, "HinhThuc", "0");
  cJSON_AddStringToObject (dossier, "DonViXuLy", "Ủy ban nhân dân xã Tân Lập");
  cJSON_AddStringToObject (dossier, "GhiChu", "");
  cJSON_AddItemToObject (dossier, "TaiLieuNop", cJSON_CreateArray ());
  cJSON_AddItemToObject (dossier, "DanhSachLePhi", cJSON_CreateArray ());
  cJSON_AddItemToObject (dossier, "DanhSachHoSoBoSung", cJSON_CreateArray ());
  cJSON_AddItemToObject (dossier, "DanhSachGiayToKetQua", cJSON_CreateArray ());
  return dossier;
}

static cJSON *
step_record (const char *code,
             const char *time,
             const char *status)
{
  cJSON *step = cJSON_CreateObject ();

  cJSON_AddStringToObject (step, "MaHoSo", code);
  cJSON_AddStringToObject (step, "NguoiXuLy", "Trần Thị Bình");
  cJSON_AddStringToObject (step, "ChucDanh", "Công chức Tư pháp - Hộ tịch");
  cJSON_AddStringToObject (step, "ThoiDiemXuLy", time);
  cJSON_AddStringToObject (step, "PhongBanXuLy", "Bộ phận Một cửa");
  cJSON_AddStringToObject (step, "NoiDungXuLy", "Chuyển hồ sơ xử lý");
  cJSON_AddStringToObject (step, "TrangThai", status);
  cJSON_AddStringToObject (step, "NgayBatDau", time);
  cJSON_AddStringToObject (step, "NgayKetThucTheoQuyDinh", "20251128163000");
  return step;
}

/* DongBoHoSoMC with @records (taken). */
static Reply *
sync_dossiers (Sim      *sim,
               gboolean  replace,
               cJSON    *records)
{
  cJSON *request = cJSON_CreateObject ();

  cJSON_AddStringToObject (request, "isUpdating", replace ? "True" : "False");
  cJSON_AddItemToObject (request, "data", records);
  return call (sim, "DongBoHoSoMC", request);
}

static cJSON *
one (cJSON *record)
{
  cJSON *list = cJSON_CreateArray ();

  cJSON_AddItemToArray (list, record);
  return list;
}

static Reply *
send_steps (Sim   *sim,
            cJSON *steps)
{
  cJSON *request = cJSON_CreateObject ();

  cJSON_AddItemToObject (request, "data", steps);
  return call (sim, "CapNhatTienDoHoSoMC", request);
}

static const cJSON *
result_item (const Reply *reply,
             int          index)
{
  const cJSON *result = cJSON_GetObjectItemCaseSensitive (reply->json, "result");

  g_assert_true (cJSON_IsArray (result));
  return cJSON_GetArrayItem (result, index);
}

/* ---- tests ---- */

static void
test_login (void)
{
  const char *args[] = { "--password", "bi-mat-9431", "--dstcode", AGENCY, NULL };
  g_autoptr(Sim) sim = sim_start (args);
  g_autoptr(Reply) accepted = login_as (sim, "demo", "bi-mat-9431");
  g_autoptr(Reply) refused = login_as (sim, "demo", "sai-mat-khau");
  g_autoptr(Reply) other_office = NULL;
  g_autofree char *log = NULL;

  g_assert_cmpint (error_code_of (accepted->json), ==, 0);
  g_assert_cmpuint (strlen (text_of (accepted->json, "session")), >, 0);

  g_assert_cmpint (error_code_of (refused->json), ==, 1);
  g_assert_nonnull (strstr (text_of (refused->json, "message"), "mật khẩu"));
  g_assert_null (cJSON_GetObjectItemCaseSensitive (refused->json, "session"));

  /* another office's agency code is refused with 403 */
  other_office = send_request (sim, "POST", "/login", "000.00.99.H99",
                               "{\"username\":\"demo\",\"password\":\"bi-mat-9431\"}");
  g_assert_cmpint (error_code_of (other_office->json), ==, 403);
  g_assert_nonnull (strstr (text_of (other_office->json, "message"), "dstcode"));

  /* the log has a line per call and never the password */
  log = sim_log (sim);
  g_assert_nonnull (strstr (log, "POST /login user=demo ok"));
  g_assert_nonnull (strstr (log, "user=demo refused"));
  g_assert_null (strstr (log, "bi-mat-9431"));
  g_assert_null (strstr (log, "sai-mat-khau"));
}

static void
test_session_expiry (void)
{
  const char *args[] = { "--session-ttl", "1", NULL };
  g_autoptr(Sim) sim = sim_start (args);
  g_autoptr(Reply) fresh = NULL;
  g_autoptr(Reply) expired = NULL;
  g_autoptr(Reply) unknown = NULL;
  g_autoptr(cJSON) request = NULL;
  gint64 logged_in;

  request = cJSON_CreateObject ();
  cJSON_AddStringToObject (request, "mahoso", AGENCY "-251124-0001");
  logged_in = g_get_monotonic_time ();
  sim_login (sim);
  fresh = call (sim, "TraCuuHoSo", cJSON_Duplicate (request, TRUE));
  /* a machine so busy that the call came a second late may see it expired already */
  if (g_get_monotonic_time () - logged_in < 900 * 1000)
    g_assert_cmpint (error_code_of (fresh->json), ==, 0);

  g_usleep (1300 * 1000);
  expired = call (sim, "TraCuuHoSo", cJSON_Duplicate (request, TRUE));
  g_assert_cmpint (error_code_of (expired->json), ==, 401);
  g_assert_nonnull (strstr (text_of (expired->json, "message"), "đăng nhập lại"));

  g_free (sim->session);
  sim->session = g_strdup ("khong-phai-phien");
  unknown = call (sim, "TraCuuHoSo", cJSON_Duplicate (request, TRUE));
  g_assert_cmpint (error_code_of (unknown->json), ==, 401);
}

static void
test_create_twice (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autofree char *code = code_for (7);
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) lookup = NULL;
  g_autoptr(cJSON) state = NULL;
  cJSON *request;

  sim_login (sim);
  first = sync_dossiers (sim, FALSE, one (dossier_record (code, "2")));
  g_assert_cmpint (error_code_of (first->json), ==, 0);
  g_assert_cmpint (error_code_of (result_item (first, 0)), ==, 0);

  again = sync_dossiers (sim, FALSE, one (dossier_record (code, "2")));
  g_assert_cmpint (error_code_of (result_item (again, 0)), ==, 3);
  g_assert_cmpstr (text_of (result_item (again, 0), "MaHoSo"), ==, code);
  g_assert_nonnull (strstr (text_of (result_item (again, 0), "message"), "đã tồn tại"));

  /* the portal's copy through the contract */
  request = cJSON_CreateObject ();
  cJSON_AddStringToObject (request, "mahoso", code);
  lookup = call (sim, "TraCuuHoSo", request);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (lookup->json, "result")), ==, 1);
  g_assert_cmpstr (text_of (result_item (lookup, 0), "ChuHoSo"), ==, "Nguyễn Văn Ấn");

  state = sim_state (sim);
  g_assert_cmpint (count_of (state, code, "creates"), ==, 1);
  g_assert_cmpint (count_of (state, code, "duplicate_creates"), ==, 1);
  g_assert_cmpint (count_of (state, code, "replaces"), ==, 0);
  g_assert_cmpfloat (stat_of (state, "creates"), ==, 1);
  g_assert_cmpfloat (stat_of (state, "duplicates"), ==, 1);
}

static void
test_replace (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autofree char *code = code_for (8);
  g_autoptr(Reply) missing = NULL;
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) replaced = NULL;
  g_autoptr(cJSON) state = NULL;

  sim_login (sim);
  missing = sync_dossiers (sim, TRUE, one (dossier_record (code, "4")));
  g_assert_cmpint (error_code_of (result_item (missing, 0)), ==, 4);
  g_assert_nonnull (strstr (text_of (result_item (missing, 0), "message"), "không tồn tại"));

  created = sync_dossiers (sim, FALSE, one (dossier_record (code, "2")));
  g_assert_cmpint (error_code_of (result_item (created, 0)), ==, 0);
  replaced = sync_dossiers (sim, TRUE, one (dossier_record (code, "4")));
  g_assert_cmpint (error_code_of (result_item (replaced, 0)), ==, 0);

  state = sim_state (sim);
  g_assert_cmpstr (text_of (stored_dossier (state, code), "TrangThaiHoSo"), ==, "4");
  g_assert_cmpint (count_of (state, code, "creates"), ==, 1);
  g_assert_cmpint (count_of (state, code, "replaces"), ==, 1);
  g_assert_cmpfloat (stat_of (state, "missing"), ==, 1);
}

static void
test_malformed_records (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(cJSON) state = NULL;
  g_autofree char *long_summary = NULL;
  cJSON *records = cJSON_CreateArray ();
  cJSON *record;
  GString *summary = g_string_new (NULL);
  /* the field each refusal must name, in the order of the batch; NULL: accepted */
  static const char *const named[] = {
    NULL, "TrichYeuHoSo", "NgayHenTra", "MaHoSo", "ChuHoSo", "TrangThaiHoSo", "LoaiDoiTuong", NULL,
  };

  sim_login (sim);
  for (int i = 0; i < 1001; i++)
    g_string_append (summary, "ữ");
  long_summary = g_string_free (summary, FALSE);

  cJSON_AddItemToArray (records, dossier_record (AGENCY "-251124-0001", "2"));
  record = dossier_record (AGENCY "-251124-0002", "2");
  cJSON_ReplaceItemInObject (record, "TrichYeuHoSo", cJSON_CreateString (long_summary));
  cJSON_AddItemToArray (records, record);
  record = dossier_record (AGENCY "-251124-0003", "2");
  cJSON_ReplaceItemInObject (record, "NgayHenTra", cJSON_CreateString ("2025-11-28 16:30"));
  cJSON_AddItemToArray (records, record);
  cJSON_AddItemToArray (records, dossier_record ("HS-0004", "2"));
  record = dossier_record (AGENCY "-251124-0005", "2");
  cJSON_DeleteItemFromObject (record, "ChuHoSo");
  cJSON_AddItemToArray (records, record);
  cJSON_AddItemToArray (records, dossier_record (AGENCY "-251124-0006", "11"));
  record = dossier_record (AGENCY "-251124-0007", "2");
  /* a number that does not travel as a string */
  cJSON_ReplaceItemInObject (record, "LoaiDoiTuong", cJSON_CreateNumber (1));
  cJSON_AddItemToArray (records, record);
  cJSON_AddItemToArray (records, dossier_record (AGENCY "-251124-0008", "2"));

  reply = sync_dossiers (sim, FALSE, records);
  /* the call was understood: the batch goes on past its bad records */
  g_assert_cmpint (error_code_of (reply->json), ==, 0);
  state = sim_state (sim);
  for (int i = 0; i < (int) G_N_ELEMENTS (named); i++)
    {
      const cJSON *item = result_item (reply, i);
      int code = error_code_of (item);
      g_autofree char *dossier_code = code_for (i + 1);

      if (named[i] == NULL)
        {
          g_assert_cmpint (code, ==, 0);
          g_assert_nonnull (stored_dossier (state, dossier_code));
          continue;
        }
      g_assert_cmpint (code, >=, 400);
      g_assert_cmpint (code, <=, 499);
      g_assert_nonnull (strstr (text_of (item, "message"), named[i]));
      g_assert_true (g_utf8_validate (text_of (item, "message"), -1, NULL));
      g_assert_null (stored_dossier (state, dossier_code));
    }
  g_assert_cmpfloat (stat_of (state, "refused"), ==, 6);
  g_assert_cmpfloat (stat_of (state, "creates"), ==, 2);
}

static void
test_batch_limit (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autoptr(Reply) too_many = NULL;
  g_autoptr(Reply) hundred = NULL;
  g_autoptr(cJSON) after_refusal = NULL;
  g_autoptr(cJSON) state = NULL;
  cJSON *records = cJSON_CreateArray ();

  sim_login (sim);
  for (int i = 1; i <= 101; i++)
    {
      g_autofree char *code = code_for (i);

      cJSON_AddItemToArray (records, dossier_record (code, "2"));
    }
  too_many = sync_dossiers (sim, FALSE, cJSON_Duplicate (records, TRUE));
  g_assert_cmpint (error_code_of (too_many->json), >=, 400);
  g_assert_cmpint (error_code_of (too_many->json), <=, 499);
  g_assert_nonnull (strstr (text_of (too_many->json, "message"), "100"));
  after_refusal = sim_state (sim);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (after_refusal, "dossiers")), ==, 0);

  cJSON_DeleteItemFromArray (records, 100);
  hundred = sync_dossiers (sim, FALSE, records);
  g_assert_cmpint (error_code_of (hundred->json), ==, 0);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (hundred->json, "result")), ==, 100);
  state = sim_state (sim);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (state, "dossiers")), ==, 100);
}

static void
test_step_absorbed (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autofree char *code = code_for (21);
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) repeated = NULL;
  g_autoptr(Reply) unknown = NULL;
  g_autoptr(cJSON) state = NULL;
  const cJSON *steps;
  const cJSON *step;
  cJSON *batch;

  sim_login (sim);
  created = sync_dossiers (sim, FALSE, one (dossier_record (code, "2")));
  g_assert_cmpint (error_code_of (created->json), ==, 0);

  first = send_steps (sim, one (step_record (code, "20251124100000", "2")));
  g_assert_cmpint (error_code_of (first->json), ==, 0);
  /* the same step again (a retry), with the next step in the same batch */
  batch = cJSON_CreateArray ();
  cJSON_AddItemToArray (batch, step_record (code, "20251124100000", "2"));
  cJSON_AddItemToArray (batch, step_record (code, "20251124143000", "4"));
  repeated = send_steps (sim, batch);
  g_assert_cmpint (error_code_of (result_item (repeated, 0)), ==, 0);
  g_assert_cmpint (error_code_of (result_item (repeated, 1)), ==, 0);

  unknown = send_steps (sim, one (step_record (AGENCY "-251124-0999", "20251124100000", "2")));
  g_assert_cmpint (error_code_of (result_item (unknown, 0)), >=, 400);
  g_assert_cmpint (error_code_of (result_item (unknown, 0)), <=, 499);

  state = sim_state (sim);
  steps = cJSON_GetObjectItemCaseSensitive (state, "steps");
  g_assert_cmpint (cJSON_GetArraySize (steps), ==, 2);
  step = cJSON_GetArrayItem (steps, 0);
  g_assert_cmpstr (text_of (step, "ThoiDiemXuLy"), ==, "20251124100000");
  g_assert_cmpint (cJSON_GetObjectItemCaseSensitive (step, "received_count")->valueint, ==, 2);
  g_assert_cmpint (cJSON_GetObjectItemCaseSensitive (step, "mismatch_count")->valueint, ==, 0);
  step = cJSON_GetArrayItem (steps, 1);
  g_assert_cmpstr (text_of (step, "TrangThai"), ==, "4");
  g_assert_cmpint (cJSON_GetObjectItemCaseSensitive (step, "received_count")->valueint, ==, 1);
  g_assert_cmpfloat (stat_of (state, "steps_absorbed"), ==, 1);
}

static void
test_restart_keeps_state (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autofree char *code = code_for (31);
  g_autofree char *late = code_for (32);
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) stepped = NULL;
  g_autoptr(Reply) late_created = NULL;
  g_autoptr(Reply) after_restart = NULL;
  g_autoptr(cJSON) before = NULL;
  g_autoptr(cJSON) after = NULL;
  g_autoptr(cJSON) after_kill = NULL;

  sim_login (sim);
  created = sync_dossiers (sim, FALSE, one (dossier_record (code, "2")));
  g_assert_cmpint (error_code_of (created->json), ==, 0);
  stepped = send_steps (sim, one (step_record (code, "20251124100000", "2")));
  g_assert_cmpint (error_code_of (stepped->json), ==, 0);
  before = sim_state (sim);

  sim_stop_with (sim, SIGTERM);
  sim_start_in (sim, NULL);
  after = sim_state (sim);
  g_assert_true (cJSON_Compare (after, before, TRUE));

  /* Killed without warning right after an answer: the answer's record is kept. The
   * desk's session outlives the restart too. */
  sim_login (sim);
  late_created = sync_dossiers (sim, FALSE, one (dossier_record (late, "2")));
  g_assert_cmpint (error_code_of (late_created->json), ==, 0);
  {
    g_autofree char *session = g_strdup (sim->session);

    sim_stop_with (sim, SIGKILL);
    sim_start_in (sim, NULL);
    sim->session = g_steal_pointer (&session);
  }
  after_kill = sim_state (sim);
  g_assert_nonnull (stored_dossier (after_kill, code));
  g_assert_nonnull (stored_dossier (after_kill, late));
  g_assert_cmpint (count_of (after_kill, late, "creates"), ==, 1);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (after_kill, "steps")), ==, 1);
  after_restart = sync_dossiers (sim, FALSE, one (dossier_record (late, "2")));
  g_assert_cmpint (error_code_of (result_item (after_restart, 0)), ==, 3);
}

static void
test_lookup_page (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autofree char *code = code_for (41);
  g_autofree char *path = g_strdup_printf ("/tra-cuu?ma=%s", code);
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) stepped = NULL;
  g_autoptr(Reply) page = NULL;
  g_autoptr(Reply) unknown = NULL;
  cJSON *record = dossier_record (code, "4");
  cJSON *step = step_record (code, "20251124143000", "4");

  cJSON_ReplaceItemInObject (record, "ChuHoSo", cJSON_CreateString ("Lê <b>Thị</b> & \"Hoa\""));
  cJSON_ReplaceItemInObject (step, "NoiDungXuLy", cJSON_CreateString ("<script>alert(1)</script>Thẩm định"));
  sim_login (sim);
  created = sync_dossiers (sim, FALSE, one (record));
  g_assert_cmpint (error_code_of (created->json), ==, 0);
  stepped = send_steps (sim, one (step));
  g_assert_cmpint (error_code_of (stepped->json), ==, 0);

  page = send_request (sim, "GET", path, NULL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_utf8_validate (page->body, -1, NULL));
  g_assert_nonnull (strstr (page->body, code));
  g_assert_nonnull (strstr (page->body, "Đang xử lý"));                 /* status 4 in words */
  g_assert_nonnull (strstr (page->body, "Đăng ký khai sinh"));
  g_assert_nonnull (strstr (page->body, "28/11/2025 16:30"));           /* NgayHenTra */
  g_assert_nonnull (strstr (page->body, "24/11/2025 14:30"));           /* the step */
  g_assert_nonnull (strstr (page->body, "Lê &lt;b&gt;Thị&lt;/b&gt; &amp; &quot;Hoa&quot;"));
  g_assert_null (strstr (page->body, "<b>Thị"));
  g_assert_null (strstr (page->body, "<script>"));
  g_assert_nonnull (strstr (page->body, "&lt;script&gt;"));

  unknown = send_request (sim, "GET", "/tra-cuu?ma=000.00.16.H04-251124-9998", NULL, NULL);
  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_nonnull (strstr (unknown->body, "Không tìm thấy hồ sơ"));
}

static int
procedure_count (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MOTCUA_SOURCE_DIR"), "data", "catalogue",
                                            "procedures.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(cJSON) root = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = cJSON_Parse (text);
  return cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (root, "procedures"));
}

static Reply *
pull (Sim        *sim,
      const char *since,
      int         count)
{
  cJSON *request = cJSON_CreateObject ();

  cJSON_AddStringToObject (request, "tuNgay", since);
  cJSON_AddNumberToObject (request, "soLuong", count);
  return call (sim, "LayDanhSachHoSoTrucTuyen", request);
}

static void
test_online_pull (void)
{
  const char *args[] = { "--online", "30", "--seed", "7", NULL };
  g_autoptr(Sim) sim = sim_start (args);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = g_strdup ("");
  g_autofree char *previous = g_strdup ("");
  g_autoptr(Reply) exists = NULL;
  g_autofree char *first_code = NULL;
  int pages = 0;

  g_assert_cmpint (procedure_count (), >, 0);
  sim_login (sim);
  /* pages of 7 from the cursor: the last NgayTiepNhan stored; codes already seen are skipped */
  while (g_hash_table_size (seen) < 30)
    {
      g_autoptr(Reply) reply = pull (sim, cursor, 7);
      const cJSON *result = cJSON_GetObjectItemCaseSensitive (reply->json, "result");
      const cJSON *item;
      int added = 0;

      g_assert_cmpint (error_code_of (reply->json), ==, 0);
      g_assert_cmpint (cJSON_GetArraySize (result), <=, 7);
      cJSON_ArrayForEach (item, result)
        {
          const char *code = text_of (item, "MaHoSo");
          const char *when = text_of (item, "NgayTiepNhan");
          g_autoptr(GError) error = NULL;
          McDossierCode parsed = { 0 };

          /* oldest first */
          g_assert_cmpstr (when, >=, previous);
          g_free (previous);
          previous = g_strdup (when);
          g_assert_cmpstr (when, >=, cursor);
          if (g_hash_table_contains (seen, code))
            continue;
          g_hash_table_add (seen, g_strdup (code));
          added++;
          if (first_code == NULL)
            first_code = g_strdup (code);

          /* a realistic submission the desk can receive */
          g_assert_true (mc_dossier_code_parse (code, &parsed, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (parsed.agency_code, ==, AGENCY);
          mc_dossier_code_clear (&parsed);
          g_assert_cmpstr (text_of (item, "TrangThaiHoSo"), ==, "1");
          g_assert_cmpstr (text_of (item, "KenhThucHien"), ==, "2");
          g_assert_cmpuint (strlen (text_of (item, "MaDoiTuong")), ==, 12);
          g_assert_true (mc_citizen_id_validate (text_of (item, "MaDoiTuong"), 0, FALSE, &error));
          g_assert_no_error (error);
          g_assert_true (g_utf8_validate (text_of (item, "ChuHoSo"), -1, NULL));
          /* a Vietnamese name has letters beyond ASCII, in NFC */
          g_assert_cmpuint (strlen (text_of (item, "ChuHoSo")), >, g_utf8_strlen (text_of (item, "ChuHoSo"), -1));
          {
            g_autofree char *nfc = g_utf8_normalize (text_of (item, "ChuHoSo"), -1, G_NORMALIZE_NFC);

            g_assert_cmpstr (nfc, ==, text_of (item, "ChuHoSo"));
          }
          g_assert_true (mc_procedure_code_is_valid (text_of (item, "MaTTHC")));
        }
      if (cJSON_GetArraySize (result) > 0)
        {
          g_free (cursor);
          cursor = g_strdup (text_of (cJSON_GetArrayItem (result, cJSON_GetArraySize (result) - 1),
                                      "NgayTiepNhan"));
        }
      g_assert_cmpint (added, >, 0);
      g_assert_cmpint (++pages, <, 30);
    }
  g_assert_cmpint (pages, >=, 5);

  /* an online submission is the portal's dossier: creating it answers 3 */
  exists = sync_dossiers (sim, FALSE, one (dossier_record (first_code, "2")));
  g_assert_cmpint (error_code_of (result_item (exists, 0)), ==, 3);
}

static void
test_catalogue (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autoptr(Reply) reply = NULL;
  const cJSON *result;
  const cJSON *item;

  sim_login (sim);
  reply = call (sim, "LayDanhSachTTHC", NULL);
  g_assert_cmpint (error_code_of (reply->json), ==, 0);
  result = cJSON_GetObjectItemCaseSensitive (reply->json, "result");
  g_assert_cmpint (cJSON_GetArraySize (result), ==, procedure_count ());
  cJSON_ArrayForEach (item, result)
    if (g_strcmp0 (text_of (item, "MaTTHC"), "1.004222") == 0)
      {
        g_assert_cmpstr (text_of (item, "TenTTHC"), ==, "Đăng ký thường trú");
        g_assert_nonnull (text_of (item, "ThoiHanGiaiQuyet"));
      }

#ifdef HAVE_SYNC
  {
    /* the desk's own parser reads the answer whole */
    g_autoptr(GError) error = NULL;
    g_autoptr(McCatalogue) catalogue = mc_portal_catalogue_parse (reply->body, reply->length, &error);
    const McProcedure *procedure;

    g_assert_no_error (error);
    g_assert_nonnull (catalogue);
    g_assert_cmpuint (catalogue->procedures->len, ==, (guint) procedure_count ());
    procedure = mc_catalogue_lookup (catalogue, "1.001193");
    g_assert_nonnull (procedure);
    g_assert_cmpint (procedure->time_limit.kind, ==, MC_TIME_LIMIT_SAME_DAY);
    procedure = mc_catalogue_lookup (catalogue, "1.004222");
    g_assert_nonnull (procedure);
    g_assert_cmpint (procedure->time_limit.kind, ==, MC_TIME_LIMIT_WORKING_DAYS);
    g_assert_cmpint (procedure->level, ==, MC_LEVEL_COMMUNE);
    g_assert_cmpuint (procedure->documents->len, >, 0);
  }
#endif
}

/* A create of dossier @code as one call's request text, with the session of @sim. */
static char *
create_request (Sim        *sim,
                const char *code)
{
  g_autoptr(cJSON) request = cJSON_CreateObject ();
  g_autofree char *body = NULL;

  cJSON_AddStringToObject (request, "session", sim->session);
  cJSON_AddStringToObject (request, "service", "DongBoHoSoMC");
  cJSON_AddStringToObject (request, "isUpdating", "False");
  cJSON_AddItemToObject (request, "data", one (dossier_record (code, "2")));
  body = cJSON_PrintUnformatted (request);
  return http_request (sim, "POST", "/service", AGENCY, body);
}

/* Restarts @sim with @args, keeping its session (logging in first if it has none, which
 * needs a sound run): a faulty run may never answer a login. */
static void
restart_with_session (Sim                *sim,
                      const char * const *args)
{
  g_autofree char *session = NULL;

  if (sim->session == NULL)
    sim_login (sim);
  session = g_strdup (sim->session);
  sim_stop_with (sim, SIGTERM);
  sim_start_in (sim, args);
  sim->session = g_steal_pointer (&session);
}

static void
test_fail_rate (void)
{
  const char *args[] = { "--fail-rate", "1", "--seed", "3", NULL };
  g_autoptr(Sim) sim = sim_start (args);
  g_autoptr(cJSON) state = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(Reply) login = send_request (sim, "POST", "/login", AGENCY,
                                             "{\"username\":\"demo\",\"password\":\"demo\"}");
      g_autoptr(Reply) service = send_request (sim, "POST", "/service", AGENCY,
                                               "{\"session\":\"x\",\"service\":\"LayDanhSachTTHC\"}");

      g_assert_cmpuint (login->status, ==, 500);
      g_assert_cmpuint (service->status, ==, 500);
    }
  state = sim_state (sim);
  g_assert_cmpfloat (stat_of (state, "fail"), ==, 10);
  g_assert_cmpfloat (stat_of (state, "logins"), ==, 5);
  g_assert_cmpfloat (stat_of (state, "calls"), ==, 5);
}

static void
test_truncate_after_processing (void)
{
  const char *args[] = { "--truncate-rate", "1", "--seed", "42", NULL };
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autoptr(cJSON) state = NULL;
  int stored = 0;
  const int n_calls = 12;

  /* a session from a sound run; it outlives the restart into the faulty one */
  restart_with_session (sim, args);

  for (int i = 1; i <= n_calls; i++)
    {
      g_autofree char *code = code_for (50 + i);
      g_autoptr(cJSON) request = cJSON_CreateObject ();
      g_autofree char *text = NULL;
      g_autoptr(Reply) reply = NULL;

      cJSON_AddStringToObject (request, "session", sim->session);
      cJSON_AddStringToObject (request, "service", "DongBoHoSoMC");
      cJSON_AddStringToObject (request, "isUpdating", "False");
      cJSON_AddItemToObject (request, "data", one (dossier_record (code, "2")));
      text = cJSON_PrintUnformatted (request);
      reply = send_request (sim, "POST", "/service", AGENCY, text);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_null (reply->json);
      g_assert_cmpuint (reply->length, >, 0);
    }

  state = sim_state (sim);
  for (int i = 1; i <= n_calls; i++)
    {
      g_autofree char *code = code_for (50 + i);

      if (stored_dossier (state, code) != NULL)
        {
          g_assert_cmpint (count_of (state, code, "creates"), ==, 1);
          stored++;
        }
    }
  /* the portal did the work exactly in the calls where the cut fell after processing */
  g_assert_cmpfloat (stat_of (state, "truncate_after"), ==, stored);
  g_assert_cmpfloat (stat_of (state, "truncate_before"), ==, n_calls - stored);
  g_assert_cmpint (stored, >, 0);
  g_assert_cmpint (stored, <, n_calls);
}

static void
test_reset_and_timeout (void)
{
  const char *reset_args[] = { "--reset-rate", "1", "--seed", "11", NULL };
  const char *timeout_args[] = { "--timeout-rate", "1", "--timeout-seconds", "1", NULL };
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autoptr(cJSON) state = NULL;
  const int n_calls = 8;
  int stored = 0;

  restart_with_session (sim, reset_args);
  for (int i = 1; i <= n_calls; i++)
    {
      g_autofree char *code = code_for (70 + i);
      g_autofree char *request = create_request (sim, code);
      gboolean failed = FALSE;
      g_autoptr(GByteArray) received = exchange (sim, request, &failed);

      /* not one byte of an answer, and a reset rather than an orderly close */
      g_assert_cmpuint (received->len, ==, 0);
      g_assert_true (failed);
    }
  state = sim_state (sim);
  for (int i = 1; i <= n_calls; i++)
    {
      g_autofree char *code = code_for (70 + i);

      stored += stored_dossier (state, code) != NULL;
    }
  g_assert_cmpfloat (stat_of (state, "reset_after"), ==, stored);
  g_assert_cmpfloat (stat_of (state, "reset_before"), ==, n_calls - stored);
  g_assert_cmpint (stored, >, 0);
  g_assert_cmpint (stored, <, n_calls);

  /* a timeout holds the call, then drops it without an answer */
  restart_with_session (sim, timeout_args);
  {
    g_autofree char *code = code_for (90);
    g_autofree char *request = create_request (sim, code);
    gint64 started = g_get_monotonic_time ();
    gboolean failed = FALSE;
    g_autoptr(GByteArray) received = exchange (sim, request, &failed);

    g_assert_cmpuint (received->len, ==, 0);
    g_assert_true (failed);
    g_assert_cmpint (g_get_monotonic_time () - started, >=, 900 * 1000);
  }
}

static void
test_expire_and_slow (void)
{
  const char *args[] = { "--expire-rate", "1", "--slow-ms", "300", NULL };
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autoptr(Reply) expired = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(cJSON) request = cJSON_CreateObject ();
  gint64 started;

  restart_with_session (sim, args);
  cJSON_AddStringToObject (request, "mahoso", AGENCY "-251124-0001");
  started = g_get_monotonic_time ();
  expired = call (sim, "TraCuuHoSo", cJSON_Duplicate (request, TRUE));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 300 * 1000);
  g_assert_cmpint (error_code_of (expired->json), ==, 401);

  /* the session is gone for good: a sound run still refuses it */
  {
    g_autofree char *session = g_strdup (sim->session);

    sim_stop_with (sim, SIGTERM);
    sim_start_in (sim, NULL);
    sim->session = g_steal_pointer (&session);
  }
  again = call (sim, "TraCuuHoSo", cJSON_Duplicate (request, TRUE));
  g_assert_cmpint (error_code_of (again->json), ==, 401);
}

static void
test_reset (void)
{
  g_autoptr(Sim) sim = sim_start (NULL);
  g_autofree char *code = code_for (61);
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) reset = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(cJSON) state = NULL;

  sim_login (sim);
  created = sync_dossiers (sim, FALSE, one (dossier_record (code, "2")));
  g_assert_cmpint (error_code_of (created->json), ==, 0);
  reset = send_request (sim, "POST", "/_sim/reset", NULL, "");
  g_assert_cmpuint (reset->status, ==, 200);
  state = sim_state (sim);
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (state, "dossiers")), ==, 0);
  g_assert_cmpfloat (stat_of (state, "creates"), ==, 0);
  /* the same create is new again */
  again = sync_dossiers (sim, FALSE, one (dossier_record (code, "2")));
  g_assert_cmpint (error_code_of (result_item (again, 0)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  /* --sim=PATH comes from meson; take it out before GTest sees the arguments. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--sim="))
      {
        sim_path = g_strdup (argv[i] + strlen ("--sim="));
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        break;
      }
  if (sim_path == NULL)
    sim_path = g_strdup (g_getenv ("MOTCUA_PORTAL_SIM"));

  g_test_init (&argc, &argv, NULL);

  if (sim_path == NULL || !g_file_test (sim_path, G_FILE_TEST_IS_EXECUTABLE) ||
      g_getenv ("MOTCUA_SOURCE_DIR") == NULL)
    {
      g_test_skip ("motcua-portal-sim not found (pass --sim=PATH or set MOTCUA_PORTAL_SIM) "
                   "or MOTCUA_SOURCE_DIR not set");
      return g_test_run ();
    }

  g_test_add_func ("/simulator/login/accepted-refused-and-other-office", test_login);
  g_test_add_func ("/simulator/session/expires-with-401", test_session_expiry);
  g_test_add_func ("/simulator/dossier/create-twice-answers-3", test_create_twice);
  g_test_add_func ("/simulator/dossier/replace-missing-answers-4", test_replace);
  g_test_add_func ("/simulator/dossier/malformed-refused-rest-accepted", test_malformed_records);
  g_test_add_func ("/simulator/dossier/batch-over-100-refused", test_batch_limit);
  g_test_add_func ("/simulator/progress/repeated-step-absorbed", test_step_absorbed);
  g_test_add_func ("/simulator/state/survives-restart-and-kill", test_restart_keeps_state);
  g_test_add_func ("/simulator/lookup/vietnamese-status-escaped", test_lookup_page);
  g_test_add_func ("/simulator/online/oldest-first-with-cursor", test_online_pull);
  g_test_add_func ("/simulator/catalogue/desk-reads-answer", test_catalogue);
  g_test_add_func ("/simulator/faults/fail-rate-1-all-500", test_fail_rate);
  g_test_add_func ("/simulator/faults/truncated-but-stored-after-processing", test_truncate_after_processing);
  g_test_add_func ("/simulator/faults/reset-and-timeout-lose-the-answer", test_reset_and_timeout);
  g_test_add_func ("/simulator/faults/expired-session-and-slow-answer", test_expire_and_slow);
  g_test_add_func ("/simulator/state/reset-clears", test_reset);
  return g_test_run ();
}
