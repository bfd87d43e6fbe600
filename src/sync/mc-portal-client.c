/* mc-portal-client.c — the portal contract over one libcurl easy handle.
 *
 * The handle is made once and reused for every request, so libcurl keeps the connection
 * to the portal open between calls (keep-alive); a measurement may ask for a new
 * connection per call instead. Certificate and host-name verification stay at libcurl's
 * defaults (on) and are never changed; a CA file only replaces the bundle. Every failure
 * becomes a McPortalError whose code says whether a later retry can help. The password is
 * kept in memory only while the client lives, wiped on free, and appears in no message.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <curl/curl.h>
#include <glib/gstdio.h>

#include "mc-i18n.h"
#include "mc-portal-client.h"
#include "mc-portal-mapping.h"

/* Answers larger than this are not the contract's (the catalogue is the largest). */
#define MAX_ANSWER_BYTES (64 * 1024 * 1024)
#define MAX_PASSWORD_BYTES 4096

G_DEFINE_QUARK (mc-portal-error-quark, mc_portal_error)

gboolean
mc_portal_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != MC_PORTAL_ERROR)
    return FALSE;
  switch (error->code)
    {
    case MC_PORTAL_ERROR_NETWORK:
    case MC_PORTAL_ERROR_TIMEOUT:
    case MC_PORTAL_ERROR_SERVER:
    case MC_PORTAL_ERROR_BAD_ANSWER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Overwrites a secret before its memory is given back. */
static void
wipe (char *secret)
{
  volatile char *p = secret;

  while (p != NULL && *p != '\0')
    *p++ = '\0';
}

McPortalConfig *
mc_portal_config_new_from_settings (const McOfficeSettings *settings)
{
  McPortalConfig *config = g_new0 (McPortalConfig, 1);

  g_return_val_if_fail (settings != NULL, config);

  config->base_url = g_strdup (settings->portal_base_url);
  config->auth_path = g_strdup (settings->portal_auth_path);
  config->service_path = g_strdup (settings->portal_service_path);
  config->username = g_strdup (settings->portal_username);
  config->password_file = g_strdup (settings->portal_password_file);
  config->dstcode = g_strdup (settings->agency_code);
  config->ca_file = g_strdup (settings->portal_ca_file);
  config->proxy = g_strdup (settings->portal_proxy);
  config->connect_timeout_seconds = settings->sync_connect_timeout_seconds;
  config->timeout_seconds = settings->sync_timeout_seconds;
  return config;
}

McPortalConfig *
mc_portal_config_copy (const McPortalConfig *config)
{
  McPortalConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_memdup2 (config, sizeof *config);
  copy->base_url = g_strdup (config->base_url);
  copy->auth_path = g_strdup (config->auth_path);
  copy->service_path = g_strdup (config->service_path);
  copy->username = g_strdup (config->username);
  copy->password_file = g_strdup (config->password_file);
  copy->dstcode = g_strdup (config->dstcode);
  copy->ca_file = g_strdup (config->ca_file);
  copy->proxy = g_strdup (config->proxy);
  return copy;
}

void
mc_portal_config_free (McPortalConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->base_url);
  g_free (config->auth_path);
  g_free (config->service_path);
  g_free (config->username);
  g_free (config->password_file);
  g_free (config->dstcode);
  g_free (config->ca_file);
  g_free (config->proxy);
  g_free (config);
}

gboolean
mc_portal_config_equal (const McPortalConfig *a,
                        const McPortalConfig *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->base_url, b->base_url) == 0 && g_strcmp0 (a->auth_path, b->auth_path) == 0 &&
         g_strcmp0 (a->service_path, b->service_path) == 0 && g_strcmp0 (a->username, b->username) == 0 &&
         g_strcmp0 (a->password_file, b->password_file) == 0 && g_strcmp0 (a->dstcode, b->dstcode) == 0 &&
         g_strcmp0 (a->ca_file, b->ca_file) == 0 && g_strcmp0 (a->proxy, b->proxy) == 0 &&
         a->connect_timeout_seconds == b->connect_timeout_seconds && a->timeout_seconds == b->timeout_seconds &&
         a->new_connection_per_call == b->new_connection_per_call;
}

char *
mc_portal_read_password_file (const char  *path,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  char *contents = NULL;
  gsize length = 0;
  gboolean binary;
  char *end;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG,
                           _("No portal password file is set (setting portal.password-file, or --password-file)"));
      return NULL;
    }
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG,
                   _("Cannot read the portal password file %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > MAX_PASSWORD_BYTES)
    {
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG,
                   _("The portal password file %s is not a small regular file"), path);
      return NULL;
    }
  /* A secret others can read is no longer a secret: refuse rather than use it. */
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG,
                   _("The portal password file %s can be read by other users (mode %03o); make it private with “chmod 600 %s”"),
                   path, (unsigned) (st.st_mode & 0777), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG,
                   _("Cannot read the portal password file %s: %s"), path, local_error->message);
      return NULL;
    }
  binary = memchr (contents, '\0', length) != NULL;
  /* The first line, without its line end. */
  end = strpbrk (contents, "\r\n");
  if (end != NULL)
    {
      wipe (end);
      *end = '\0';
    }
  if (*contents == '\0' || binary || !g_utf8_validate (contents, -1, NULL))
    {
      wipe (contents);
      g_free (contents);
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG,
                   _("The portal password file %s is empty or not text"), path);
      return NULL;
    }
  return contents;
}

struct _McPortalClient
{
  GObject             parent_instance;

  McPortalConfig     *config;        /* owned */
  char               *password;      /* owned; wiped on finalize */
  char               *auth_url;      /* owned */
  char               *service_url;   /* owned */
  char               *session;       /* owned, or NULL before the login */
  CURL               *curl;          /* owned; one handle for every request (keep-alive) */
  struct curl_slist  *headers;       /* owned */
  char                curl_error[CURL_ERROR_SIZE];
  GByteArray         *answer;        /* owned; the body of the request under way */
  GCancellable       *cancellable;   /* borrowed during a request */
  guint               requests;
  guint               connections;
  guint               logins;
};

G_DEFINE_FINAL_TYPE (McPortalClient, mc_portal_client, G_TYPE_OBJECT)

static void
mc_portal_client_finalize (GObject *object)
{
  McPortalClient *self = MC_PORTAL_CLIENT (object);

  if (self->curl != NULL)
    curl_easy_cleanup (self->curl);
  curl_slist_free_all (self->headers);
  wipe (self->password);
  g_free (self->password);
  wipe (self->session);
  g_free (self->session);
  g_free (self->auth_url);
  g_free (self->service_url);
  g_clear_pointer (&self->answer, g_byte_array_unref);
  g_clear_pointer (&self->config, mc_portal_config_free);

  G_OBJECT_CLASS (mc_portal_client_parent_class)->finalize (object);
}

static void
mc_portal_client_class_init (McPortalClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_portal_client_finalize;
}

static void
mc_portal_client_init (McPortalClient *self)
{
  self->answer = g_byte_array_new ();
}

static size_t
write_answer (char   *data,
              size_t  size,
              size_t  n,
              void   *user_data)
{
  McPortalClient *self = user_data;
  size_t bytes = size * n;

  if (self->answer->len + bytes > MAX_ANSWER_BYTES)
    return 0;   /* libcurl stops with CURLE_WRITE_ERROR */
  g_byte_array_append (self->answer, (const guint8 *) data, (guint) bytes);
  return bytes;
}

static int
check_cancelled (void       *user_data,
                 curl_off_t  dltotal,
                 curl_off_t  dlnow,
                 curl_off_t  ultotal,
                 curl_off_t  ulnow)
{
  McPortalClient *self = user_data;

  return g_cancellable_is_cancelled (self->cancellable) ? 1 : 0;
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_ascii_strcasecmp (host, "localhost") == 0 ||
                          g_str_equal (host, "::1"));
}

static gboolean
setup_handle (McPortalClient  *self,
              GError         **error)
{
  const McPortalConfig *config = self->config;
  g_autofree char *dstcode = NULL;
  CURLcode rc = CURLE_OK;

  self->curl = curl_easy_init ();
  if (self->curl == NULL)
    {
      g_set_error_literal (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG, _("Cannot start the HTTP client"));
      return FALSE;
    }
  dstcode = g_strdup_printf ("%s: %s", mc_portal_name (MC_PORTAL_NAME_DSTCODE_HEADER),
                             config->dstcode ? config->dstcode : "");
  self->headers = curl_slist_append (self->headers, "Content-Type: application/json; charset=utf-8");
  self->headers = curl_slist_append (self->headers, "Accept: application/json");
  self->headers = curl_slist_append (self->headers, dstcode);
  self->headers = curl_slist_append (self->headers, "Expect:");

#define SET(option, value) if (rc == CURLE_OK) rc = curl_easy_setopt (self->curl, option, value)
  SET (CURLOPT_ERRORBUFFER, self->curl_error);
  SET (CURLOPT_NOSIGNAL, 1L);            /* a worker thread: no SIGALRM for timeouts */
  SET (CURLOPT_HTTPHEADER, self->headers);
  SET (CURLOPT_USERAGENT, "motcua/" PACKAGE_VERSION);
  SET (CURLOPT_WRITEFUNCTION, write_answer);
  SET (CURLOPT_WRITEDATA, self);
  SET (CURLOPT_NOPROGRESS, 0L);
  SET (CURLOPT_XFERINFOFUNCTION, check_cancelled);
  SET (CURLOPT_XFERINFODATA, self);
  SET (CURLOPT_FOLLOWLOCATION, 0L);      /* a redirect could lead to plain http */
  SET (CURLOPT_PROTOCOLS_STR, "http,https");
  SET (CURLOPT_CONNECTTIMEOUT, (long) MAX (config->connect_timeout_seconds, 1));
  SET (CURLOPT_TIMEOUT, (long) MAX (config->timeout_seconds, 1));
  SET (CURLOPT_TCP_KEEPALIVE, 1L);
  SET (CURLOPT_ACCEPT_ENCODING, "");     /* whatever compression libcurl supports */
  /* Verification stays on (libcurl's default, never turned off here); only the bundle
   * may be named. */
  if (config->ca_file != NULL && *config->ca_file != '\0')
    SET (CURLOPT_CAINFO, config->ca_file);
  /* A proxy from the settings; otherwise libcurl reads https_proxy / no_proxy itself. A
   * portal on this machine is never reached through a proxy. */
  if (config->proxy != NULL && *config->proxy != '\0')
    SET (CURLOPT_PROXY, config->proxy);
  if (is_loopback_url (config->base_url))
    SET (CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
  if (config->new_connection_per_call)
    {
      SET (CURLOPT_FORBID_REUSE, 1L);
      SET (CURLOPT_FRESH_CONNECT, 1L);
    }
#undef SET
  if (rc != CURLE_OK)
    {
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG, _("Cannot set up the HTTP client: %s"),
                   curl_easy_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

static gpointer
init_curl_once (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

McPortalClient *
mc_portal_client_new (const McPortalConfig  *config,
                      GError               **error)
{
  static GOnce curl_once = G_ONCE_INIT;
  g_autoptr(McPortalClient) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  if (config->base_url == NULL || *config->base_url == '\0')
    {
      g_set_error_literal (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_NOT_CONFIGURED,
                           _("No portal is configured (setting portal.base-url); changes wait in the outbox"));
      return NULL;
    }
  if (!mc_portal_base_url_check (config->base_url, &local_error))
    {
      g_set_error_literal (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG, local_error->message);
      return NULL;
    }
  if (config->username == NULL || *config->username == '\0')
    {
      g_set_error_literal (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CONFIG,
                           _("No portal user name is set (setting portal.username, or --username)"));
      return NULL;
    }

  g_once (&curl_once, init_curl_once, NULL);
  self = g_object_new (MC_TYPE_PORTAL_CLIENT, NULL);
  self->config = mc_portal_config_copy (config);
  g_strchomp (self->config->base_url);
  while (g_str_has_suffix (self->config->base_url, "/"))
    self->config->base_url[strlen (self->config->base_url) - 1] = '\0';
  self->password = mc_portal_read_password_file (config->password_file, error);
  if (self->password == NULL)
    return NULL;
  self->auth_url = g_strconcat (self->config->base_url, config->auth_path ? config->auth_path : "/login", NULL);
  self->service_url = g_strconcat (self->config->base_url, config->service_path ? config->service_path : "/service",
                                   NULL);
  if (!setup_handle (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const McPortalConfig *
mc_portal_client_get_config (McPortalClient *self)
{
  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (self), NULL);
  return self->config;
}

static McPortalError
classify_curl_error (CURLcode rc)
{
  switch (rc)
    {
    case CURLE_OPERATION_TIMEDOUT:
      return MC_PORTAL_ERROR_TIMEOUT;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
      return MC_PORTAL_ERROR_TLS;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return MC_PORTAL_ERROR_CONFIG;
    case CURLE_ABORTED_BY_CALLBACK:
      return MC_PORTAL_ERROR_CANCELLED;
    case CURLE_WRITE_ERROR:
      return MC_PORTAL_ERROR_BAD_ANSWER;
    default:
      return MC_PORTAL_ERROR_NETWORK;
    }
}

/* POSTs @body to @url; the answer's body is in self->answer. */
static gboolean
post (McPortalClient  *self,
      const char      *url,
      const char      *body,
      long            *http_status,
      GError         **error)
{
  CURLcode rc;
  long connects = 0;

  g_byte_array_set_size (self->answer, 0);
  self->curl_error[0] = '\0';
  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt (self->curl, CURLOPT_POSTFIELDSIZE, (long) strlen (body));
  rc = curl_easy_perform (self->curl);
  /* The body may hold the password: the handle must not keep pointing at it. */
  curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, NULL);
  self->requests++;
  if (curl_easy_getinfo (self->curl, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
    self->connections += (guint) MAX (connects, 0);
  if (rc != CURLE_OK)
    {
      McPortalError code = classify_curl_error (rc);
      const char *detail = self->curl_error[0] ? self->curl_error : curl_easy_strerror (rc);

      switch (code)
        {
        case MC_PORTAL_ERROR_TIMEOUT:
          g_set_error (error, MC_PORTAL_ERROR, code, _("The portal at %s did not answer in time (%s)"),
                       self->config->base_url, detail);
          break;
        case MC_PORTAL_ERROR_TLS:
          g_set_error (error, MC_PORTAL_ERROR, code,
                       _("The portal's certificate at %s could not be verified, nothing was sent (%s)"),
                       self->config->base_url, detail);
          break;
        case MC_PORTAL_ERROR_CANCELLED:
          g_set_error_literal (error, MC_PORTAL_ERROR, code, _("Stopped before the portal answered"));
          break;
        case MC_PORTAL_ERROR_BAD_ANSWER:
          g_set_error (error, MC_PORTAL_ERROR, code, _("The portal's answer is too large (%s)"), detail);
          break;
        default:
          g_set_error (error, MC_PORTAL_ERROR, code, _("Cannot reach the portal at %s: %s"),
                       self->config->base_url, detail);
          break;
        }
      return FALSE;
    }
  *http_status = 0;
  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, http_status);
  if (*http_status >= 500)
    {
      g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_SERVER,
                   _("The portal failed to handle the call (HTTP %ld)"), *http_status);
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_portal_answer_code (const cJSON *answer,
                       int         *code)
{
  const cJSON *member = cJSON_GetObjectItemCaseSensitive (answer, mc_portal_name (MC_PORTAL_NAME_ERROR_CODE));
  char *end = NULL;
  gint64 n;

  /* Range first: casting a double beyond int (2147483648, 1e308) is undefined behaviour. */
  if (cJSON_IsNumber (member) && member->valuedouble >= G_MININT && member->valuedouble <= G_MAXINT &&
      member->valuedouble == floor (member->valuedouble))
    {
      *code = (int) member->valuedouble;
      return TRUE;
    }
  if (cJSON_IsString (member) && member->valuestring[0] != '\0')
    {
      n = g_ascii_strtoll (member->valuestring, &end, 10);
      if (*end == '\0' && n >= G_MININT && n <= G_MAXINT)
        {
          *code = (int) n;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
mc_portal_answer_message (const cJSON *answer)
{
  const cJSON *member = cJSON_GetObjectItemCaseSensitive (answer, mc_portal_name (MC_PORTAL_NAME_MESSAGE));

  return cJSON_IsString (member) ? member->valuestring : "";
}

/* The answer as a JSON object with a numeric error_code, or a BAD_ANSWER error. */
static cJSON *
parse_answer (McPortalClient  *self,
              long             http_status,
              GError         **error)
{
  const char *text = (const char *) self->answer->data;
  const char *end = NULL;
  cJSON *answer;
  int code;

  g_byte_array_append (self->answer, (const guint8 *) "", 1);
  answer = cJSON_ParseWithOpts (text, &end, FALSE);
  if (answer != NULL)
    while (end != NULL && g_ascii_isspace (*end))
      end++;
  if (answer == NULL || end == NULL || *end != '\0' || !cJSON_IsObject (answer) ||
      !mc_portal_answer_code (answer, &code))
    {
      cJSON_Delete (answer);
      if (self->answer->len <= 1)
        g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_BAD_ANSWER,
                     _("The portal sent an empty answer (HTTP %ld)"), http_status);
      else
        g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_BAD_ANSWER,
                     _("The portal's answer is not the expected JSON, perhaps cut short (HTTP %ld, %u bytes)"),
                     http_status, self->answer->len - 1);
      return NULL;
    }
  return answer;
}

static gboolean
login (McPortalClient  *self,
       GError         **error)
{
  cJSON *body = cJSON_CreateObject ();
  cJSON *password = cJSON_CreateString (self->password);
  const cJSON *session;
  cJSON *answer;
  char *text;
  long http_status = 0;
  gboolean sent;
  int code = -1;

  cJSON_AddStringToObject (body, mc_portal_name (MC_PORTAL_NAME_USERNAME), self->config->username);
  cJSON_AddItemToObject (body, mc_portal_name (MC_PORTAL_NAME_PASSWORD), password);
  text = cJSON_PrintUnformatted (body);
  wipe (password->valuestring);
  cJSON_Delete (body);
  sent = post (self, self->auth_url, text, &http_status, error);
  wipe (text);
  cJSON_free (text);
  if (!sent)
    return FALSE;
  self->logins++;

  answer = parse_answer (self, http_status, error);
  if (answer == NULL)
    return FALSE;
  mc_portal_answer_code (answer, &code);
  session = cJSON_GetObjectItemCaseSensitive (answer, mc_portal_name (MC_PORTAL_NAME_SESSION));
  if (code != MC_PORTAL_CODE_OK || !cJSON_IsString (session) || session->valuestring[0] == '\0')
    {
      const char *message = mc_portal_answer_message (answer);

      if (code == MC_PORTAL_CODE_OK)
        g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_BAD_ANSWER,
                     _("The portal accepted the login but sent no session"));
      else
        g_set_error (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_LOGIN,
                     _("The portal refused the login of %s (code %d): %s"), self->config->username, code,
                     *message ? message : _("no reason given"));
      cJSON_Delete (answer);
      return FALSE;
    }
  wipe (self->session);
  g_free (self->session);
  self->session = g_strdup (session->valuestring);
  cJSON_Delete (answer);
  return TRUE;
}

/* One request of @service with the current session. */
static cJSON *
call_once (McPortalClient  *self,
           const char      *service,
           const cJSON     *params,
           GError         **error)
{
  cJSON *body = params ? cJSON_Duplicate (params, TRUE) : cJSON_CreateObject ();
  char *text;
  long http_status = 0;
  gboolean sent;

  cJSON_DeleteItemFromObjectCaseSensitive (body, mc_portal_name (MC_PORTAL_NAME_SESSION));
  cJSON_DeleteItemFromObjectCaseSensitive (body, mc_portal_name (MC_PORTAL_NAME_SERVICE));
  cJSON_AddStringToObject (body, mc_portal_name (MC_PORTAL_NAME_SESSION), self->session);
  cJSON_AddStringToObject (body, mc_portal_name (MC_PORTAL_NAME_SERVICE), service);
  text = cJSON_PrintUnformatted (body);
  cJSON_Delete (body);
  sent = post (self, self->service_url, text, &http_status, error);
  cJSON_free (text);
  if (!sent)
    return NULL;
  return parse_answer (self, http_status, error);
}

cJSON *
mc_portal_client_call (McPortalClient  *self,
                       const char      *service,
                       cJSON           *params,
                       GCancellable    *cancellable,
                       GError         **error)
{
  cJSON *answer = NULL;
  int code = -1;

  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (self), NULL);
  g_return_val_if_fail (service != NULL, NULL);

  self->cancellable = cancellable;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (self->session == NULL && !login (self, error))
    goto out;
  answer = call_once (self, service, params, error);
  if (answer == NULL)
    goto out;

  /* The session expired: one more login, and the call once more. */
  mc_portal_answer_code (answer, &code);
  if (code == MC_PORTAL_CODE_SESSION_EXPIRED)
    {
      g_clear_pointer (&answer, cJSON_Delete);
      g_clear_pointer (&self->session, g_free);
      if (!login (self, error))
        goto out;
      answer = call_once (self, service, params, error);
      if (answer != NULL && mc_portal_answer_code (answer, &code) && code == MC_PORTAL_CODE_SESSION_EXPIRED)
        {
          /* Expired again at once: the portal's trouble, not the credentials; a later
           * try logs in afresh. */
          g_clear_pointer (&answer, cJSON_Delete);
          g_clear_pointer (&self->session, g_free);
          g_set_error_literal (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_SERVER,
                               _("The portal refused a session it had just given"));
        }
    }

out:
  self->cancellable = NULL;
  cJSON_Delete (params);
  if (answer == NULL && error != NULL && *error != NULL &&
      g_error_matches (*error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CANCELLED) == FALSE &&
      g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_set_error_literal (error, MC_PORTAL_ERROR, MC_PORTAL_ERROR_CANCELLED, _("Stopped before the portal answered"));
    }
  return answer;
}

guint
mc_portal_client_get_requests (McPortalClient *self)
{
  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (self), 0);
  return self->requests;
}

guint
mc_portal_client_get_connections (McPortalClient *self)
{
  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (self), 0);
  return self->connections;
}

guint
mc_portal_client_get_logins (McPortalClient *self)
{
  g_return_val_if_fail (MC_IS_PORTAL_CLIENT (self), 0);
  return self->logins;
}
