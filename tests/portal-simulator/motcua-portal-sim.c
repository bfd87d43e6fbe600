/* motcua-portal-sim.c — a provincial portal on 127.0.0.1, for tests, benchmarks and the demo.
 *
 * It serves the contract of ../shared/docs/portal-api.md (POST /login, POST /service) with
 * the portal logic of mc-portal-sim-portal.c, the lookup page GET /tra-cuu?ma=CODE that a
 * slip's QR code opens, and introspection paths for tests (GET /_sim/state, POST
 * /_sim/reset, POST /_sim/online to file new online submissions). This file owns the
 * HTTP side and the faults. Faults are drawn per /login or /service call from their own
 * seeded stream, a fixed number of draws per call, so one seed gives one sequence of faults.
 * Faults that lose the answer (timeout, reset, truncate) fall after the call was processed
 * and stored in about half of the cases — the portal did the work and the desk never heard —
 * which is exactly the case that exactly-once delivery has to survive; a 500 and an expired
 * session always come before any processing.
 *
 *   motcua-portal-sim --data-dir DIR [--port N] [--port-file FILE] [--username U]
 *                     [--password P] [--dstcode CODE] [--session-ttl SECONDS] [--seed N]
 *                     [--fail-rate P] [--timeout-rate P] [--timeout-seconds S]
 *                     [--reset-rate P] [--truncate-rate P] [--expire-rate P]
 *                     [--slow-ms N] [--online N]
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <glib-unix.h>
#include <libsoup/soup.h>

#if defined(__SANITIZE_ADDRESS__)
#define MC_SIM_LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MC_SIM_LEAK_CHECKED 1
#endif
#endif
#ifdef MC_SIM_LEAK_CHECKED
#include <sanitizer/lsan_interface.h>
#endif

#include "mc-portal-sim-catalogue.h"
#include "mc-portal-sim-lookup.h"
#include "mc-portal-sim-portal.h"
#include "mc-portal-sim-store.h"

#define PROGRAM "motcua-portal-sim"
#define JSON_TYPE "application/json; charset=utf-8"
#define HTML_TYPE "text/html; charset=utf-8"
/* What a lost answer would have said had the call not been processed. */
#define NOT_PROCESSED "{\"error_code\": 503, \"message\": \"Máy chủ đang bận, yêu cầu chưa được xử lý\"}"

typedef enum
{
  FAULT_NONE,
  FAULT_FAIL,
  FAULT_EXPIRE,
  FAULT_TIMEOUT,
  FAULT_RESET,
  FAULT_TRUNCATE,
} Fault;

static const char *const fault_names[] = {
  [FAULT_NONE]     = "none",
  [FAULT_FAIL]     = "fail-500",
  [FAULT_EXPIRE]   = "expire",
  [FAULT_TIMEOUT]  = "timeout",
  [FAULT_RESET]    = "reset",
  [FAULT_TRUNCATE] = "truncate",
};

typedef struct
{
  GMainLoop   *loop;
  SoupServer  *server;
  McSimStore  *store;
  McSimPortal *portal;
  GRand       *fault_rand;
  GHashTable  *held;          /* HeldMessage set: answers delayed or withheld, owned */
  double       fail_rate;
  double       timeout_rate;
  double       reset_rate;
  double       truncate_rate;
  double       expire_rate;
  int          timeout_seconds;
  int          slow_ms;
} McSim;

/* A message whose answer waits (slow) or never comes (timeout, reset). */
typedef struct
{
  McSim             *sim;        /* borrowed */
  SoupServerMessage *msg;        /* a reference of ours, kept until the timer fires */
  guint              timer;
  gulong             disconnected_handler;
  gboolean           drop;       /* close the connection instead of answering */
  gboolean           gone;       /* the connection went away meanwhile */
} HeldMessage;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

static void
held_free (HeldMessage *held)
{
  g_clear_handle_id (&held->timer, g_source_remove);
  g_clear_signal_handler (&held->disconnected_handler, held->msg);
  g_object_unref (held->msg);
  g_free (held);
}

/* Closes the connection under @msg without an answer; SO_LINGER 0 makes the close a TCP
 * reset, which is what a dropped connection looks like from the desk. */
static void
drop_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;

  if (socket != NULL)
    {
      struct linger abort_on_close = { .l_onoff = 1, .l_linger = 0 };

      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &abort_on_close,
                  sizeof abort_on_close);
    }
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
on_held_disconnected (SoupServerMessage *msg,
                      HeldMessage       *held)
{
  held->gone = TRUE;
}

static gboolean
on_held_timer (gpointer data)
{
  HeldMessage *held = data;

  held->timer = 0;
  if (!held->gone)
    {
      if (held->drop)
        drop_connection (held->msg);
      else
        soup_server_message_unpause (held->msg);
    }
  g_hash_table_remove (held->sim->held, held);
  return G_SOURCE_REMOVE;
}

/* Pauses @msg for @delay_ms, then answers it (or drops it when @drop). Also a drop after 0 ms
 * goes through here: stealing the connection from inside the handler would pull libsoup's I/O
 * state from under its own feet. */
static void
hold_message (McSim             *sim,
              SoupServerMessage *msg,
              guint              delay_ms,
              gboolean           drop)
{
  HeldMessage *held = g_new0 (HeldMessage, 1);

  held->sim = sim;
  held->msg = g_object_ref (msg);
  held->drop = drop;
  held->disconnected_handler = g_signal_connect (msg, "disconnected",
                                                 G_CALLBACK (on_held_disconnected), held);
  held->timer = g_timeout_add (delay_ms, on_held_timer, held);
  g_hash_table_add (sim->held, held);
  soup_server_message_pause (msg);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, length);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const cJSON       *answer)
{
  g_autofree char *text = cJSON_PrintUnformatted (answer);

  respond (msg, status, JSON_TYPE, text, strlen (text));
}

static void
log_call (const char *path,
          GString    *details,
          gint64      started)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M:%S.%f");

  /* %f is microseconds: keep milliseconds */
  clock[12] = '\0';
  fprintf (stderr, PROGRAM ": %s POST %s%s (%.1f ms)\n", clock, path, details->str,
           (double) (g_get_monotonic_time () - started) / 1000.0);
}

/* The request body as JSON; NULL when it is not UTF-8 JSON (the portal answers 400). */
static cJSON *
request_json (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *text = NULL;

  if (data == NULL || !g_utf8_validate_len (data, length, NULL))
    return NULL;
  text = g_strndup (data, length);
  return cJSON_ParseWithOpts (text, NULL, TRUE);
}

static Fault
draw_fault (McSim    *sim,
            gboolean  is_login,
            gboolean *after)
{
  double draws[6];

  /* Always six draws, whatever the rates, so the stream stays aligned with the calls. */
  for (gsize i = 0; i < G_N_ELEMENTS (draws); i++)
    draws[i] = g_rand_double (sim->fault_rand);
  *after = draws[5] < 0.5;

  if (draws[0] < sim->fail_rate)
    return FAULT_FAIL;
  if (!is_login && draws[1] < sim->expire_rate)
    return FAULT_EXPIRE;
  if (draws[2] < sim->timeout_rate)
    return FAULT_TIMEOUT;
  if (draws[3] < sim->reset_rate)
    return FAULT_RESET;
  if (draws[4] < sim->truncate_rate)
    return FAULT_TRUNCATE;
  return FAULT_NONE;
}

static void
count_fault (McSimStats *stats,
             Fault       fault,
             gboolean    after)
{
  switch (fault)
    {
    case FAULT_FAIL:     stats->fault_fail++; break;
    case FAULT_EXPIRE:   stats->fault_expire++; break;
    case FAULT_TIMEOUT:  after ? stats->fault_timeout_after++ : stats->fault_timeout_before++; break;
    case FAULT_RESET:    after ? stats->fault_reset_after++ : stats->fault_reset_before++; break;
    case FAULT_TRUNCATE: after ? stats->fault_truncate_after++ : stats->fault_truncate_before++; break;
    case FAULT_NONE:
    default:             break;
    }
}

/* POST /login and POST /service. */
static void
handle_portal (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  McSim *sim = user_data;
  McSimStats *stats = mc_sim_store_stats (sim->store);
  gboolean is_login = strcmp (path, "/login") == 0;
  gint64 started = g_get_monotonic_time ();
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) request = NULL;
  g_autoptr(cJSON) answer = NULL;
  g_autofree char *text = NULL;
  const char *dstcode;
  gboolean after = FALSE;
  gboolean processed = FALSE;
  Fault fault;

  if (!is_login && strcmp (path, "/service") != 0)
    {
      g_autoptr(cJSON) unknown = mc_sim_portal_answer (404, "Không tìm thấy đường dẫn");

      respond_json (msg, SOUP_STATUS_NOT_FOUND, unknown);
      return;
    }
  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      g_autoptr(cJSON) refused = mc_sim_portal_answer (405, "Chỉ nhận phương thức POST");

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      respond_json (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, refused);
      return;
    }

  if (is_login)
    stats->logins++;
  else
    stats->calls++;
  fault = draw_fault (sim, is_login, &after);
  /* only the faults that lose the answer have a before and an after */
  if (fault != FAULT_TIMEOUT && fault != FAULT_RESET && fault != FAULT_TRUNCATE)
    after = FALSE;
  count_fault (stats, fault, after);

  request = request_json (msg);
  dstcode = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "dstcode");

  if (fault == FAULT_FAIL)
    g_string_append (details, " (not processed)");
  else if (fault == FAULT_EXPIRE)
    answer = mc_sim_portal_expire (sim->portal, request);
  else if (fault != FAULT_NONE && !after)
    g_string_append (details, " (not processed)");
  else
    {
      answer = is_login ? mc_sim_portal_login (sim->portal, dstcode, request, details)
                        : mc_sim_portal_service (sim->portal, dstcode, request, details);
      processed = TRUE;
    }
  if (sim->slow_ms > 0 && fault != FAULT_TIMEOUT && fault != FAULT_RESET)
    stats->fault_slow++;

  /* On disk before anything leaves: a restart must keep what an answer says was stored. */
  if (!mc_sim_store_commit (sim->store, &error))
    {
      fprintf (stderr, PROGRAM ": cannot store the call: %s\n", error->message);
      fault = FAULT_FAIL;
    }

  if (fault != FAULT_NONE)
    g_string_append_printf (details, " fault=%s%s", fault_names[fault],
                            fault == FAULT_FAIL || fault == FAULT_EXPIRE ? ""
                            : after ? "-after" : "-before");
  log_call (path, details, started);

  switch (fault)
    {
    case FAULT_TIMEOUT:
      hold_message (sim, msg, (guint) sim->timeout_seconds * 1000, TRUE);
      return;
    case FAULT_RESET:
      hold_message (sim, msg, 0, TRUE);
      return;
    case FAULT_FAIL:
      {
        static const char page[] = "<html><body><h1>500 Internal Server Error</h1></body></html>\n";

        respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, HTML_TYPE, page, strlen (page));
      }
      break;
    case FAULT_TRUNCATE:
      text = processed ? cJSON_PrintUnformatted (answer) : g_strdup (NOT_PROCESSED);
      /* half of a JSON object never parses: its first brace is never closed */
      respond (msg, SOUP_STATUS_OK, JSON_TYPE, text, strlen (text) / 2);
      break;
    case FAULT_EXPIRE:
    case FAULT_NONE:
    default:
      respond_json (msg, SOUP_STATUS_OK, answer);
      break;
    }
  if (sim->slow_ms > 0)
    hold_message (sim, msg, (guint) sim->slow_ms, FALSE);
}

/* GET /_sim/state, POST /_sim/reset, POST /_sim/online {"count": N}. */
static void
handle_introspection (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  McSim *sim = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(cJSON) answer = NULL;

  if (strcmp (path, "/_sim/state") == 0 && method == SOUP_METHOD_GET)
    answer = mc_sim_store_state_json (sim->store);
  else if (strcmp (path, "/_sim/reset") == 0 && method == SOUP_METHOD_POST)
    {
      if (!mc_sim_portal_reset (sim->portal, &error))
        answer = mc_sim_portal_answer (500, error->message);
      else
        answer = mc_sim_portal_answer (0, "reset");
      fprintf (stderr, PROGRAM ": POST /_sim/reset\n");
    }
  else if (strcmp (path, "/_sim/online") == 0 && method == SOUP_METHOD_POST)
    {
      g_autoptr(cJSON) request = request_json (msg);
      const cJSON *count = cJSON_GetObjectItemCaseSensitive (request, "count");

      if (!cJSON_IsNumber (count) || count->valueint < 1 || count->valueint > 500)
        answer = mc_sim_portal_answer (400, "expected {\"count\": N} with N from 1 to 500");
      else
        {
          cJSON *codes = mc_sim_portal_add_online (sim->portal, count->valueint);

          if (!mc_sim_store_commit (sim->store, &error))
            {
              cJSON_Delete (codes);
              answer = mc_sim_portal_answer (500, error->message);
            }
          else
            {
              answer = mc_sim_portal_answer (0, "added");
              cJSON_AddItemToObject (answer, "result", codes);
            }
        }
    }
  else
    {
      answer = mc_sim_portal_answer (404, "GET /_sim/state, POST /_sim/reset, POST /_sim/online");
      respond_json (msg, SOUP_STATUS_NOT_FOUND, answer);
      return;
    }
  respond_json (msg, cJSON_GetObjectItemCaseSensitive (answer, "error_code") != NULL &&
                     cJSON_GetObjectItemCaseSensitive (answer, "error_code")->valueint >= 400
                       ? SOUP_STATUS_BAD_REQUEST : SOUP_STATUS_OK,
                answer);
}

/* GET /tra-cuu?ma=CODE */
static void
handle_lookup (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  McSim *sim = user_data;
  const char *code = query != NULL ? g_hash_table_lookup (query, "ma") : NULL;
  g_autofree char *page = NULL;
  guint status = 200;

  if (strcmp (path, "/tra-cuu") != 0 ||
      (soup_server_message_get_method (msg) != SOUP_METHOD_GET &&
       soup_server_message_get_method (msg) != SOUP_METHOD_HEAD))
    {
      static const char text[] = "Không tìm thấy trang\n";

      respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", text, strlen (text));
      return;
    }
  page = mc_sim_lookup_page (sim->store, code, &status);
  respond (msg, status, HTML_TYPE, page, strlen (page));
}

static void
handle_other (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  static const char text[] = "motcua-portal-sim: POST /login, POST /service, GET /tra-cuu?ma=CODE, "
                             "GET /_sim/state, POST /_sim/reset\n";

  respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain; charset=utf-8", text, strlen (text));
}

/* libsoup 3.2 (Debian 12) keeps a reference too many on the socket of every connection its
 * server accepts. Nothing in this program can release it, so in the sanitizer build each
 * such socket is marked as known, lest LeakSanitizer fail every run of the simulator at
 * exit. (Handing connections over with soup_server_accept_iostream avoids the leak but
 * costs keep-alive, which the desk's benchmark measures.) */
static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           data)
{
#ifdef MC_SIM_LEAK_CHECKED
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    __lsan_ignore_object (socket);
#endif
}

/* The port the server listens on. (soup_server_get_uris would do, but libsoup 3.2 leaks
 * the addresses it builds.) */
static guint
listening_port (SoupServer *server)
{
  GSList *listeners = soup_server_get_listeners (server);
  g_autoptr(GSocketAddress) address = NULL;
  guint port = 0;

  if (listeners != NULL)
    address = g_socket_get_local_address (listeners->data, NULL);
  if (address != NULL && G_IS_INET_SOCKET_ADDRESS (address))
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_slist_free (listeners);
  return port;
}

static gboolean
on_quit_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
check_rate (const char  *name,
            double       value,
            GError     **error)
{
  if (value >= 0 && value <= 1)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--%s must be a probability between 0 and 1, not %g", name, value);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *port_file = NULL;
  /* GOption overwrites a default it did not allocate without freeing it: defaults come after */
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *dstcode = NULL;
  g_autofree char *catalogue_path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSimStore) store = NULL;
  g_autoptr(McSimPortal) portal = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  McSimPortalConfig config = { 0 };
  cJSON *catalogue;
  McSim sim = { 0 };
  int port = 0;
  int session_ttl = 1800;
  int online = 0;
  gint64 seed = -1;
  guint bound;

  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Where received data is kept (required)", "DIR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "N" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, "Write the port here once listening", "FILE" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, "Login name (default demo)", "U" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, "Password (default demo)", "P" },
    { "dstcode", 0, 0, G_OPTION_ARG_STRING, &dstcode, "The only agency code accepted (default: any)", "CODE" },
    { "session-ttl", 0, 0, G_OPTION_ARG_INT, &session_ttl, "Session lifetime (default 1800)", "SECONDS" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the fault and submission draws", "N" },
    { "fail-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sim.fail_rate, "Share of calls answering HTTP 500", "P" },
    { "timeout-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sim.timeout_rate, "Share of calls never answered", "P" },
    { "timeout-seconds", 0, 0, G_OPTION_ARG_INT, &sim.timeout_seconds,
      "How long an unanswered call is held before its connection is dropped (default 30)", "S" },
    { "reset-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sim.reset_rate, "Share of calls whose connection is reset", "P" },
    { "truncate-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sim.truncate_rate, "Share of answers cut in half", "P" },
    { "expire-rate", 0, 0, G_OPTION_ARG_DOUBLE, &sim.expire_rate, "Share of calls answering 401", "P" },
    { "slow-ms", 0, 0, G_OPTION_ARG_INT, &sim.slow_ms, "Delay of every answer", "N" },
    { "online", 0, 0, G_OPTION_ARG_INT, &online, "Online submissions to seed in an empty data directory", "N" },
    { NULL }
  };

  /* a write to a connection the desk closed must be an error, not the end of the process */
  signal (SIGPIPE, SIG_IGN);
  sim.timeout_seconds = 30;

  context = g_option_context_new ("— the provincial portal, simulated on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (data_dir == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "--data-dir DIR is required");
      goto fail;
    }
  if (!check_rate ("fail-rate", sim.fail_rate, &error) ||
      !check_rate ("timeout-rate", sim.timeout_rate, &error) ||
      !check_rate ("reset-rate", sim.reset_rate, &error) ||
      !check_rate ("truncate-rate", sim.truncate_rate, &error) ||
      !check_rate ("expire-rate", sim.expire_rate, &error))
    goto fail;
  if (port < 0 || port > 65535 || session_ttl < 1 || sim.timeout_seconds < 0 || sim.slow_ms < 0 ||
      online < 0 || online > 5000)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "out of range: --port 0–65535, --session-ttl ≥ 1, --timeout-seconds ≥ 0, "
                   "--slow-ms ≥ 0, --online 0–5000");
      goto fail;
    }
  if (seed < 0)
    seed = g_random_int ();
  if (username == NULL)
    username = g_strdup ("demo");
  if (password == NULL)
    password = g_strdup ("demo");

  catalogue_path = mc_sim_catalogue_default_path ();
  if ((catalogue = mc_sim_catalogue_load (catalogue_path, &error)) == NULL)
    goto fail;
  if ((store = mc_sim_store_open (data_dir, &error)) == NULL)
    {
      cJSON_Delete (catalogue);
      goto fail;
    }

  config.data_dir = data_dir;
  config.username = username;
  config.password = password;
  config.dstcode = dstcode;
  config.session_ttl = session_ttl;
  config.online = online;
  config.seed = (guint32) seed;
  if ((portal = mc_sim_portal_new (&config, store, catalogue, &error)) == NULL)
    goto fail;

  sim.store = store;
  sim.portal = portal;
  sim.fault_rand = g_rand_new_with_seed ((guint32) seed);
  sim.held = g_hash_table_new_full (g_direct_hash, g_direct_equal, (GDestroyNotify) held_free, NULL);
  sim.loop = g_main_loop_new (NULL, FALSE);
  sim.server = soup_server_new ("server-header", PROGRAM " ", NULL);
  soup_server_add_handler (sim.server, "/login", handle_portal, &sim, NULL);
  soup_server_add_handler (sim.server, "/service", handle_portal, &sim, NULL);
  soup_server_add_handler (sim.server, "/_sim", handle_introspection, &sim, NULL);
  soup_server_add_handler (sim.server, "/tra-cuu", handle_lookup, &sim, NULL);
  soup_server_add_handler (sim.server, NULL, handle_other, &sim, NULL);
  g_signal_connect (sim.server, "request-started", G_CALLBACK (on_request_started), NULL);

  /* Loopback only: the simulator takes passwords and serves personal data with no TLS. */
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, (guint16) port);
  if (!soup_server_listen (sim.server, address, 0, &error))
    goto fail;
  bound = listening_port (sim.server);

  g_unix_signal_add (SIGTERM, on_quit_signal, sim.loop);
  g_unix_signal_add (SIGINT, on_quit_signal, sim.loop);

  if (port_file != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u\n", bound);

      if (!g_file_set_contents (port_file, text, -1, &error))
        goto fail;
    }
  fprintf (stderr, PROGRAM ": data in %s, seed %" G_GINT64_FORMAT ", %u online submissions, "
           "faults: fail %g timeout %g (%d s) reset %g truncate %g expire %g, slow %d ms\n",
           data_dir, seed, mc_sim_store_n_online (store), sim.fail_rate, sim.timeout_rate,
           sim.timeout_seconds, sim.reset_rate, sim.truncate_rate, sim.expire_rate, sim.slow_ms);
  printf ("listening on http://127.0.0.1:%u\n", bound);
  fflush (stdout);

  g_main_loop_run (sim.loop);

  fprintf (stderr, PROGRAM ": stopping\n");
  g_hash_table_remove_all (sim.held);
  soup_server_disconnect (sim.server);
  g_clear_object (&sim.server);
  g_clear_pointer (&sim.held, g_hash_table_unref);
  g_clear_pointer (&sim.loop, g_main_loop_unref);
  g_clear_pointer (&sim.fault_rand, g_rand_free);
  if (!mc_sim_store_compact (store, &error))
    goto fail;
  return 0;

fail:
  fprintf (stderr, PROGRAM ": %s\n", error != NULL ? error->message : "failed");
  g_clear_object (&sim.server);
  g_clear_pointer (&sim.held, g_hash_table_unref);
  g_clear_pointer (&sim.loop, g_main_loop_unref);
  g_clear_pointer (&sim.fault_rand, g_rand_free);
  return 1;
}
