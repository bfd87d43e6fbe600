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
} McOfficeSettings;

typedef struct
{
  const char *key;
  const char *default_value;
  const char *description;              /* English; translated for display */
} McOfficeSettingInfo;

McOfficeSettings          *mc_office_settings_new_default (void);
void                       mc_office_settings_free        (McOfficeSettings  *self);
/* Parses and checks @value for @key; on error @self is unchanged. */
gboolean                   mc_office_settings_set         (McOfficeSettings  *self,
                                                           const char        *key,
                                                           const char        *value,
                                                           GError           **error);
/* The value of @key as text (the same form _set takes). */
char                      *mc_office_settings_get         (const McOfficeSettings *self,
                                                           const char        *key);
const McOfficeSettingInfo *mc_office_settings_keys        (gsize             *n_keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOfficeSettings, mc_office_settings_free)

G_END_DECLS
