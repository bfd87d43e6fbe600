/* mc-office-settings.c — typed, validated office settings with their defaults. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-office-settings.h"
#include "mc-text.h"

static const McOfficeSettingInfo setting_keys[] = {
  { "office.name", "Bộ phận Một cửa UBND xã Minh Tân", N_("Name of the receiving office, printed on every form") },
  { "office.parent-agency", "UBND tỉnh Tuyên Quang", N_("Parent agency, printed above the office name") },
  { "office.agency-code", "000.00.16.H04", N_("Identifier code of the receiving office (QCVN 102:2016), first part of every dossier code") },
  { "office.address", "", N_("Office address, printed on the slip") },
  { "desk.sequence-first", "1", N_("First daily sequence number of this desk's block") },
  { "desk.sequence-last", "9999", N_("Last daily sequence number of this desk's block") },
  { "office.hours", "07:00-11:30,13:30-17:00", N_("Office hours, as comma-separated HH:MM-HH:MM segments") },
  { "office.working-weekdays", "1-5", N_("Working weekdays, ISO numbers (1 = Monday … 7 = Sunday), e.g. 1-5 or 1,2,3,4,5,6") },
  { "deadline.mode", "office-hours", N_("How working days are counted: office-hours (N × 8 working hours) or end-of-day (end of the N-th working day after receipt)") },
  { "deadline.same-day-cutoff", "15:00", N_("Same-day procedures received after this time are due at the end of the next working day") },
  { "deadline.due-soon-days", "1", N_("A dossier is due soon when due before the end of this many next working days") },
  { "portal.lookup-url-template", "https://dichvucong.example-province.gov.vn/tra-cuu?ma={code}", N_("Lookup URL encoded in the slip's QR code; {code} is the dossier code, {id} the applicant's ID") },
  { "portal.base-url", "", N_("Base URL of the provincial portal's integration service (https; http only for 127.0.0.1); empty: no portal, changes wait in the outbox") },
  { "portal.auth-path", "/login", N_("Path of the portal's login, after the base URL") },
  { "portal.service-path", "/service", N_("Path of the portal's service endpoint, after the base URL") },
  { "portal.username", "", N_("User name the province issued for this office's portal account") },
  { "portal.password-file", "", N_("Absolute path of a file readable only by its owner (mode 0600) holding the portal password; the password itself is never stored in the database") },
  { "portal.ca-file", "", N_("Absolute path of a CA certificate bundle for the portal (empty: the system's); certificates are always verified") },
  { "portal.proxy", "", N_("Proxy for the portal, e.g. http://proxy.example:3128 (empty: from the https_proxy environment variable)") },
  { "sync.backoff-cap-seconds", "600", N_("Longest wait between two attempts to reach the portal after failures, in seconds") },
  { "sync.connect-timeout-seconds", "15", N_("How long to wait for a connection to the portal, in seconds") },
  { "sync.timeout-seconds", "60", N_("How long one call to the portal may take in all, in seconds") },
  { "sync.batch-size", "100", N_("Records sent in one call to the portal (1–100)") },
  { "attachments.max-megabytes", "20", N_("Largest scanned document that may be attached to a dossier, in megabytes (1–200)") },
  { "reminders.summary-time", "07:30", N_("Time of the daily summary of deadlines for supervisors, HH:MM (empty: no summary)") },
  { "desk.lock-after-minutes", "10", N_("Minutes without use after which the desk locks and asks for the password again (0: never; decimals such as 0.5 allowed); only on a desk with accounts") },
};

const McOfficeSettingInfo *
mc_office_settings_keys (gsize *n_keys)
{
  if (n_keys)
    *n_keys = G_N_ELEMENTS (setting_keys);
  return setting_keys;
}

McOfficeSettings *
mc_office_settings_new_default (void)
{
  McOfficeSettings *self = g_new0 (McOfficeSettings, 1);

  mc_deadline_policy_init_default (&self->deadline);
  self->office_hours = mc_office_hours_new_default ();
  self->working_weekdays = MC_WEEK_MONDAY_TO_FRIDAY;
  for (gsize i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!mc_office_settings_set (self, setting_keys[i].key, setting_keys[i].default_value, &error))
        g_error ("Default of %s is invalid: %s", setting_keys[i].key, error->message);
    }
  return self;
}

void
mc_office_settings_free (McOfficeSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->office_name);
  g_free (self->parent_agency);
  g_free (self->agency_code);
  g_free (self->office_address);
  g_clear_pointer (&self->office_hours, mc_office_hours_free);
  g_free (self->lookup_url_template);
  g_free (self->portal_base_url);
  g_free (self->portal_auth_path);
  g_free (self->portal_service_path);
  g_free (self->portal_username);
  g_free (self->portal_password_file);
  g_free (self->portal_ca_file);
  g_free (self->portal_proxy);
  g_free (self);
}

McOfficeSettings *
mc_office_settings_copy (const McOfficeSettings *self)
{
  McOfficeSettings *copy;

  g_return_val_if_fail (self != NULL, NULL);

  /* Through the keys' text forms, so that every field, present and future, is copied with
   * its own rules; values read back from valid settings are valid. */
  copy = mc_office_settings_new_default ();
  for (gsize i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    {
      g_autofree char *value = mc_office_settings_get (self, setting_keys[i].key);

      mc_office_settings_set (copy, setting_keys[i].key, value, NULL);
    }
  return copy;
}

static gboolean
parse_int (const char  *key,
           const char  *value,
           int          min,
           int          max,
           int         *out,
           GError     **error)
{
  char *end = NULL;
  gint64 n;

  if (value == NULL || *value == '\0')
    goto bad;
  n = g_ascii_strtoll (value, &end, 10);
  if (*end != '\0' || n < min || n > max)
    goto bad;
  *out = (int) n;
  return TRUE;

bad:
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
               _("Setting %s must be a whole number from %d to %d (“%s” given)"),
               key, min, max, value ? value : "");
  return FALSE;
}

/* Minutes, whole or decimal ("10", "0.5"), 0–480, kept to the second; 0 never locks. */
static gboolean
parse_lock_minutes (const char  *key,
                    const char  *value,
                    int         *seconds,
                    GError     **error)
{
  char *end = NULL;
  double minutes;

  if (value == NULL || *value == '\0')
    goto bad;
  minutes = g_ascii_strtod (value, &end);
  if (*end != '\0' || !(minutes >= 0.0 && minutes <= 480.0))
    goto bad;
  *seconds = (int) (minutes * 60.0 + 0.5);
  if (*seconds == 0 && minutes > 0.0)
    *seconds = 1;
  return TRUE;

bad:
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
               _("Setting %s must be a number of minutes from 0 to 480, such as 10 or 0.5 (“%s” given)"),
               key, value ? value : "");
  return FALSE;
}

static char *
format_lock_minutes (int seconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  size_t length;

  if (seconds % 60 == 0)
    return g_strdup_printf ("%d", seconds / 60);
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", seconds / 60.0);
  length = strlen (buffer);
  while (length > 0 && buffer[length - 1] == '0')
    buffer[--length] = '\0';
  return g_strdup (buffer);
}

/* "1-5", "1,2,3,4,5,6" or "7,1-4" → bit mask (Monday = bit 0). */
static gboolean
parse_weekdays (const char  *value,
                guint       *out,
                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (value ? value : "", ",", -1);
  guint mask = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      int from, to;

      if (strlen (part) == 3 && part[1] == '-' && g_ascii_isdigit (part[0]) && g_ascii_isdigit (part[2]))
        {
          from = part[0] - '0';
          to = part[2] - '0';
        }
      else if (strlen (part) == 1 && g_ascii_isdigit (part[0]))
        from = to = part[0] - '0';
      else
        goto bad;
      if (from < 1 || to > 7 || from > to)
        goto bad;
      for (int d = from; d <= to; d++)
        mask |= 1u << (d - 1);
    }
  if (mask == 0)
    goto bad;
  *out = mask;
  return TRUE;

bad:
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
               _("Working weekdays must be ISO weekday numbers 1–7 such as “1-5” (“%s” given)"),
               value ? value : "");
  return FALSE;
}

static char *
format_weekdays (guint mask)
{
  GString *s = g_string_new (NULL);

  for (int d = 1; d <= 7; d++)
    if (mask & (1u << (d - 1)))
      g_string_append_printf (s, "%s%d", s->len ? "," : "", d);
  return g_string_free (s, FALSE);
}

static gboolean
set_text (char       **field,
          const char  *key,
          const char  *value,
          gboolean     required,
          GError     **error)
{
  g_autofree char *clean = mc_text_normalize (value ? value : "", error);

  if (clean == NULL)
    return FALSE;
  if (required && *clean == '\0')
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("Setting %s must not be empty"), key);
      return FALSE;
    }
  g_free (*field);
  *field = g_steal_pointer (&clean);
  return TRUE;
}

static gboolean
is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host ? host : "", "localhost") == 0 ||
         g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0;
}

gboolean
mc_portal_base_url_check (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not a portal address like https://lgsp.example-province.gov.vn/dvc"),
                   url ? url : "");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (g_uri_get_host (uri)))
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                 _("The portal address %s uses plain http: only https is allowed, except for a test portal on this machine (127.0.0.1 or localhost)"),
                 url);
  else
    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                 _("The portal address %s must begin with https://"), url);
  return FALSE;
}

/* A path after the base URL: "/login". */
static gboolean
set_url_path (char       **field,
              const char  *key,
              const char  *value,
              GError     **error)
{
  if (value == NULL || value[0] != '/' || strpbrk (value, " \t\r\n?#") != NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Setting %s must be a path beginning with / such as /login (“%s” given)"),
                   key, value ? value : "");
      return FALSE;
    }
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* A file named by an absolute path, or empty. */
static gboolean
set_file_path (char       **field,
               const char  *key,
               const char  *value,
               GError     **error)
{
  if (value == NULL || (*value != '\0' && !g_path_is_absolute (value)))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Setting %s must be an absolute file path, or empty (“%s” given)"), key, value ? value : "");
      return FALSE;
    }
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* "http://proxy:3128", "socks5h://host:1080" or "host:port"; empty for the environment's. */
static gboolean
set_proxy (char       **field,
           const char  *value,
           GError     **error)
{
  static const char *const schemes[] = { "http", "https", "socks4", "socks4a", "socks5", "socks5h", NULL };
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_scheme = NULL;

  if (value != NULL && *value == '\0')
    goto accept;
  if (value == NULL || strpbrk (value, " \t\r\n") != NULL)
    goto bad;
  with_scheme = strstr (value, "://") ? g_strdup (value) : g_strconcat ("http://", value, NULL);
  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      !g_strv_contains (schemes, g_uri_get_scheme (uri)))
    goto bad;
accept:
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;

bad:
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
               _("The proxy must look like http://proxy.example:3128 or host:port (“%s” given)"), value ? value : "");
  return FALSE;
}

gboolean
mc_office_settings_set (McOfficeSettings  *self,
                        const char        *key,
                        const char        *value,
                        GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  /* Every refusal below quotes the value, and a message must be valid UTF-8 to be shown;
   * no setting has a use for bytes that are not text anyway. */
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_autofree char *shown_key = g_utf8_make_valid (key, -1);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The value of setting %s is not valid UTF-8 text"), shown_key);
      return FALSE;
    }

  if (g_str_equal (key, "office.name"))
    return set_text (&self->office_name, key, value, TRUE, error);
  if (g_str_equal (key, "office.parent-agency"))
    return set_text (&self->parent_agency, key, value, FALSE, error);
  if (g_str_equal (key, "office.address"))
    return set_text (&self->office_address, key, value, FALSE, error);
  if (g_str_equal (key, "office.agency-code"))
    {
      if (value == NULL || !mc_agency_code_is_valid (value))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("“%s” is not an agency identifier code like 000.00.16.H04"), value ? value : "");
          return FALSE;
        }
      g_free (self->agency_code);
      self->agency_code = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (key, "desk.sequence-first") || g_str_equal (key, "desk.sequence-last"))
    {
      gboolean first = g_str_equal (key, "desk.sequence-first");
      int n;

      if (!parse_int (key, value, 1, 9999, &n, error))
        return FALSE;
      /* The block is checked as a whole only when both ends are known (defaults first). */
      if ((first && self->sequence_last != 0 && n > self->sequence_last) ||
          (!first && self->sequence_first != 0 && n < self->sequence_first))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The desk's sequence block must run from a lower to a higher number (%d–%d)"),
                       first ? n : self->sequence_first, first ? self->sequence_last : n);
          return FALSE;
        }
      if (first)
        self->sequence_first = n;
      else
        self->sequence_last = n;
      return TRUE;
    }
  if (g_str_equal (key, "office.hours"))
    {
      McOfficeHours *hours = mc_office_hours_parse (value, error);

      if (hours == NULL)
        return FALSE;
      g_clear_pointer (&self->office_hours, mc_office_hours_free);
      self->office_hours = hours;
      return TRUE;
    }
  if (g_str_equal (key, "office.working-weekdays"))
    return parse_weekdays (value, &self->working_weekdays, error);
  if (g_str_equal (key, "deadline.mode"))
    {
      if (g_strcmp0 (value, "office-hours") == 0)
        self->deadline.mode = MC_DEADLINE_OFFICE_HOURS;
      else if (g_strcmp0 (value, "end-of-day") == 0)
        self->deadline.mode = MC_DEADLINE_END_OF_DAY;
      else
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("Setting %s must be office-hours or end-of-day (“%s” given)"), key, value ? value : "");
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (key, "deadline.same-day-cutoff"))
    return mc_clock_parse (value, &self->deadline.same_day_cutoff, error);
  if (g_str_equal (key, "deadline.due-soon-days"))
    return parse_int (key, value, 0, 30, &self->deadline.due_soon_working_days, error);
  if (g_str_equal (key, "portal.lookup-url-template"))
    {
      /* The same check as the settings page's: a template stored by any other way (the
       * command line, an old database) must still read back the QR codes it prints. */
      if (!mc_lookup_template_validate (value, error))
        return FALSE;
      g_free (self->lookup_url_template);
      self->lookup_url_template = g_strdup (value);
      return TRUE;
    }

  if (g_str_equal (key, "portal.base-url"))
    {
      if (value != NULL && *value != '\0' && !mc_portal_base_url_check (value, error))
        return FALSE;
      g_free (self->portal_base_url);
      /* A trailing slash would double the one of the paths. */
      self->portal_base_url = g_strdup (value ? value : "");
      while (g_str_has_suffix (self->portal_base_url, "/"))
        self->portal_base_url[strlen (self->portal_base_url) - 1] = '\0';
      return TRUE;
    }
  if (g_str_equal (key, "portal.auth-path"))
    return set_url_path (&self->portal_auth_path, key, value, error);
  if (g_str_equal (key, "portal.service-path"))
    return set_url_path (&self->portal_service_path, key, value, error);
  if (g_str_equal (key, "portal.username"))
    return set_text (&self->portal_username, key, value, FALSE, error);
  if (g_str_equal (key, "portal.password-file"))
    return set_file_path (&self->portal_password_file, key, value, error);
  if (g_str_equal (key, "portal.ca-file"))
    return set_file_path (&self->portal_ca_file, key, value, error);
  if (g_str_equal (key, "portal.proxy"))
    return set_proxy (&self->portal_proxy, value, error);
  if (g_str_equal (key, "sync.backoff-cap-seconds"))
    return parse_int (key, value, 1, 86400, &self->sync_backoff_cap_seconds, error);
  if (g_str_equal (key, "sync.connect-timeout-seconds"))
    return parse_int (key, value, 1, 300, &self->sync_connect_timeout_seconds, error);
  if (g_str_equal (key, "sync.timeout-seconds"))
    return parse_int (key, value, 1, 3600, &self->sync_timeout_seconds, error);
  if (g_str_equal (key, "sync.batch-size"))
    return parse_int (key, value, 1, 100, &self->sync_batch_size, error);
  if (g_str_equal (key, "attachments.max-megabytes"))
    return parse_int (key, value, 1, 200, &self->attachments_max_megabytes, error);
  if (g_str_equal (key, "reminders.summary-time"))
    {
      if (value == NULL || value[0] == '\0')
        {
          self->reminders_summary_time = -1;
          return TRUE;
        }
      return mc_clock_parse (value, &self->reminders_summary_time, error);
    }
  if (g_str_equal (key, "desk.lock-after-minutes"))
    return parse_lock_minutes (key, value, &self->lock_after_seconds, error);

  {
    g_autofree char *shown_key = g_utf8_make_valid (key, -1);

    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("There is no setting named “%s”"), shown_key);
  }
  return FALSE;
}

char *
mc_office_settings_get (const McOfficeSettings *self,
                        const char             *key)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (g_str_equal (key, "office.name"))
    return g_strdup (self->office_name);
  if (g_str_equal (key, "office.parent-agency"))
    return g_strdup (self->parent_agency);
  if (g_str_equal (key, "office.address"))
    return g_strdup (self->office_address);
  if (g_str_equal (key, "office.agency-code"))
    return g_strdup (self->agency_code);
  if (g_str_equal (key, "desk.sequence-first"))
    return g_strdup_printf ("%d", self->sequence_first);
  if (g_str_equal (key, "desk.sequence-last"))
    return g_strdup_printf ("%d", self->sequence_last);
  if (g_str_equal (key, "office.hours"))
    return mc_office_hours_to_string (self->office_hours);
  if (g_str_equal (key, "office.working-weekdays"))
    return format_weekdays (self->working_weekdays);
  if (g_str_equal (key, "deadline.mode"))
    return g_strdup (self->deadline.mode == MC_DEADLINE_END_OF_DAY ? "end-of-day" : "office-hours");
  if (g_str_equal (key, "deadline.same-day-cutoff"))
    return mc_clock_format (self->deadline.same_day_cutoff);
  if (g_str_equal (key, "deadline.due-soon-days"))
    return g_strdup_printf ("%d", self->deadline.due_soon_working_days);
  if (g_str_equal (key, "portal.lookup-url-template"))
    return g_strdup (self->lookup_url_template);
  if (g_str_equal (key, "portal.base-url"))
    return g_strdup (self->portal_base_url);
  if (g_str_equal (key, "portal.auth-path"))
    return g_strdup (self->portal_auth_path);
  if (g_str_equal (key, "portal.service-path"))
    return g_strdup (self->portal_service_path);
  if (g_str_equal (key, "portal.username"))
    return g_strdup (self->portal_username);
  if (g_str_equal (key, "portal.password-file"))
    return g_strdup (self->portal_password_file);
  if (g_str_equal (key, "portal.ca-file"))
    return g_strdup (self->portal_ca_file);
  if (g_str_equal (key, "portal.proxy"))
    return g_strdup (self->portal_proxy);
  if (g_str_equal (key, "sync.backoff-cap-seconds"))
    return g_strdup_printf ("%d", self->sync_backoff_cap_seconds);
  if (g_str_equal (key, "sync.connect-timeout-seconds"))
    return g_strdup_printf ("%d", self->sync_connect_timeout_seconds);
  if (g_str_equal (key, "sync.timeout-seconds"))
    return g_strdup_printf ("%d", self->sync_timeout_seconds);
  if (g_str_equal (key, "sync.batch-size"))
    return g_strdup_printf ("%d", self->sync_batch_size);
  if (g_str_equal (key, "attachments.max-megabytes"))
    return g_strdup_printf ("%d", self->attachments_max_megabytes);
  if (g_str_equal (key, "reminders.summary-time"))
    return self->reminders_summary_time < 0 ? g_strdup ("") : mc_clock_format (self->reminders_summary_time);
  if (g_str_equal (key, "desk.lock-after-minutes"))
    return format_lock_minutes (self->lock_after_seconds);
  return NULL;
}
