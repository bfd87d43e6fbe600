/* mc-portal-client.h — one connection to the provincial portal, as the contract
 * (portal-api.md) describes it: JSON over HTTPS POST, a login that returns a session, one
 * service endpoint.
 *
 * A client keeps one libcurl handle, so the connection stays open between calls
 * (keep-alive), and the session from one login until the portal says it expired (error
 * code 401): then it logs in once more and repeats that call once. TLS certificates are
 * always verified; plain http is accepted only for a portal on this machine. The password
 * is read from a file only its owner can read and is never logged.
 *
 * A client is used by one thread at a time (the sync engine's worker).
 */
#pragma once

#include <gio/gio.h>
#include <cjson/cJSON.h>

#include "mc-office-settings.h"

G_BEGIN_DECLS

#define MC_PORTAL_ERROR (mc_portal_error_quark ())

typedef enum
{
  MC_PORTAL_ERROR_NOT_CONFIGURED, /* no portal address in the settings */
  MC_PORTAL_ERROR_CONFIG,         /* a bad address, a missing user name, an unsafe password file */
  MC_PORTAL_ERROR_NETWORK,        /* no route, refused, reset, name not found */
  MC_PORTAL_ERROR_TIMEOUT,        /* no connection or no complete answer in time */
  MC_PORTAL_ERROR_TLS,            /* the certificate could not be verified, or a bad CA file */
  MC_PORTAL_ERROR_SERVER,         /* the portal failed (HTTP 5xx) */
  MC_PORTAL_ERROR_BAD_ANSWER,     /* not JSON, truncated, or not the contract's shape */
  MC_PORTAL_ERROR_LOGIN,          /* the portal refused the user name and password */
  MC_PORTAL_ERROR_REFUSED,        /* the portal refused the call (its error_code and message) */
  MC_PORTAL_ERROR_CANCELLED,
} McPortalError;

GQuark   mc_portal_error_quark        (void);
/* Whether trying the same call again later may succeed by itself: no network, a timeout,
 * a server failure or a broken answer. */
gboolean mc_portal_error_is_transient (const GError *error);

/* Where and how to reach the portal. Plain data: the sync engine builds one from the
 * settings, the command line may replace parts of it for one run. */
typedef struct
{
  char     *base_url;               /* https://…, no trailing slash */
  char     *auth_path;              /* "/login" */
  char     *service_path;           /* "/service" */
  char     *username;
  char     *password_file;          /* read when the client is made; mode 0600 */
  char     *dstcode;                /* the office's agency code, sent as a header */
  char     *ca_file;                /* NULL or "": the system's CA bundle */
  char     *proxy;                  /* NULL or "": from the environment */
  int       connect_timeout_seconds;
  int       timeout_seconds;        /* a whole call */
  gboolean  new_connection_per_call; /* for measurements only: no keep-alive */
} McPortalConfig;

McPortalConfig *mc_portal_config_new_from_settings (const McOfficeSettings *settings);
McPortalConfig *mc_portal_config_copy     (const McPortalConfig  *config);
void            mc_portal_config_free     (McPortalConfig        *config);
gboolean        mc_portal_config_equal    (const McPortalConfig  *a,
                                           const McPortalConfig  *b);
/* The password in @path: a regular file that neither the group nor others may read (a
 * looser file is refused with a message saying how to fix it), first line, not empty. */
char           *mc_portal_read_password_file (const char       *path,
                                           GError               **error);

#define MC_TYPE_PORTAL_CLIENT (mc_portal_client_get_type ())
G_DECLARE_FINAL_TYPE (McPortalClient, mc_portal_client, MC, PORTAL_CLIENT, GObject)

/* Checks @config (address, user name, password file) and reads the password; no network
 * yet. */
McPortalClient *mc_portal_client_new      (const McPortalConfig  *config,
                                           GError               **error);
const McPortalConfig *
                mc_portal_client_get_config (McPortalClient      *self);
/* Calls @service with the members of @params (taken; NULL for none) added to the session
 * and service name, logging in first when there is no session yet. Returns the portal's
 * answer object, whatever its error_code except an expired session (401), which is
 * handled here. Fails on transport problems, HTTP 5xx, and answers that are not a JSON
 * object with a numeric error_code. */
cJSON          *mc_portal_client_call     (McPortalClient        *self,
                                           const char            *service,
                                           cJSON                 *params,
                                           GCancellable          *cancellable,
                                           GError               **error);
/* The answer's error_code (numbers may come as text), or FALSE when there is none. */
gboolean        mc_portal_answer_code     (const cJSON           *answer,
                                           int                   *code);
/* The answer's message, or "" . */
const char     *mc_portal_answer_message  (const cJSON           *answer);

/* What the client did, for measurements: HTTP requests sent, connections opened, logins. */
guint           mc_portal_client_get_requests    (McPortalClient *self);
guint           mc_portal_client_get_connections (McPortalClient *self);
guint           mc_portal_client_get_logins      (McPortalClient *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPortalConfig, mc_portal_config_free)

G_END_DECLS
