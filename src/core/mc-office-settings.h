/* mc-office-settings.h — the office's choices where the law leaves one (domain.md's
 * "our rule"s), as typed, validated settings with defaults.
 *
 * Settings are text key/value pairs at the edges (database, CLI, GSettings); here each key
 * is parsed and checked, so a bad value is refused with a message and never stored.
 */
#pragma once

#include "mc-deadline.h"

G_BEGIN_DECLS

typedef struct
{
  char             *office_name;        /* "UBND xã …" / "Trung tâm Phục vụ hành chính công tỉnh …" */
  char             *parent_agency;      /* "UBND tỉnh …" */
  char             *agency_code;        /* QCVN 102:2016 identifier of the receiving office */
  char             *office_address;
  int               sequence_first;     /* this desk's block of daily sequence numbers */
  int               sequence_last;
  McOfficeHours    *office_hours;
  guint             working_weekdays;   /* bit mask, Monday = bit 0 */
  McDeadlinePolicy  deadline;
  char             *lookup_url_template;

  /* The provincial portal (portal-api.md). The password itself is never a setting: only
   * the file that holds it (mode 0600). */
  char             *portal_base_url;     /* "" = no portal configured */
  char             *portal_auth_path;
  char             *portal_service_path;
  char             *portal_username;
  char             *portal_password_file;
  char             *portal_ca_file;      /* "" = the system's CA bundle */
  char             *portal_proxy;        /* "" = from the environment (https_proxy …) */
  int               sync_backoff_cap_seconds;
  int               sync_connect_timeout_seconds;
  int               sync_timeout_seconds;
  int               sync_batch_size;

  /* Scanned documents (digitisation). */
  int               attachments_max_megabytes;

  /* The desk's reminders (src/ui/mc-reminders.c). */
  int               reminders_summary_time;  /* seconds of the day of the daily summary; -1: none */

  /* Accounts (src/ui/mc-desk-lock.c): idle time before the desk locks; 0: never. */
  int               lock_after_seconds;
} McOfficeSettings;

typedef struct
{
  const char *key;
  const char *default_value;
  const char *description;              /* English; translated for display */
} McOfficeSettingInfo;

McOfficeSettings          *mc_office_settings_new_default (void);
void                       mc_office_settings_free        (McOfficeSettings  *self);
/* A deep copy, for a job or a print that must not see later changes of the original. */
McOfficeSettings          *mc_office_settings_copy        (const McOfficeSettings *self);
/* Parses and checks @value for @key; on error @self is unchanged. */
gboolean                   mc_office_settings_set         (McOfficeSettings  *self,
                                                           const char        *key,
                                                           const char        *value,
                                                           GError           **error);
/* The value of @key as text (the same form _set takes). */
char                      *mc_office_settings_get         (const McOfficeSettings *self,
                                                           const char        *key);
const McOfficeSettingInfo *mc_office_settings_keys        (gsize             *n_keys);

/* A portal base URL the desk may use: https, or http only to this machine (127.0.0.1,
 * localhost, ::1), without query or fragment. */
gboolean                   mc_portal_base_url_check       (const char        *url,
                                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOfficeSettings, mc_office_settings_free)

G_END_DECLS
