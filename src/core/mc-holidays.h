/* mc-holidays.h — the official days off of each year, from data.
 *
 * Two inputs, both JSON (see data/calendar/): the *rules* of the Labour Code (Article 112:
 * fixed solar days, lunar days, Tết, National Day and its adjacent day, the compensatory
 * rule) and the yearly *announcements* (the exact Tết days the government announced,
 * extra days off, working Saturdays in a day swap). A year without a confirmed
 * announcement gets the rules' defaults and is marked provisional.
 *
 * McHolidayRules is immutable after it is built, so it may be shared between threads.
 */
#pragma once

#include "mc-time.h"

G_BEGIN_DECLS

typedef enum
{
  MC_DAY_OFF_STATUTORY,     /* a day the law names: 1/1, Tết, 10/3 lunar, 30/4, 1/5, 2/9 + one */
  MC_DAY_OFF_COMPENSATORY,  /* nghỉ bù: a day off that fell on a weekend moves to the next working day */
  MC_DAY_OFF_ANNOUNCED,     /* an extra day off from the yearly announcement (hoán đổi) */
} McDayOffKind;

typedef struct
{
  McDay        day;
  McDayOffKind kind;
  const char  *name;         /* borrowed from the rules, Vietnamese */
  gboolean     provisional;  /* the year has no confirmed announcement */
} McDayOff;

typedef struct
{
  McDay       day;           /* a Saturday or Sunday declared a working day */
  const char *name;          /* borrowed, e.g. "Làm bù cho thứ Hai 29/4" */
} McWorkingWeekend;

typedef struct _McHolidayRules McHolidayRules;

/* The bundled rules and announcements (GResource). */
McHolidayRules *mc_holiday_rules_new_default            (GError          **error);
/* @announcements_json may be NULL. A malformed document is refused whole; the error
 * names the place ("announcements[2].days_off[0].date") and the problem. */
McHolidayRules *mc_holiday_rules_new_from_json          (const char       *rules_json,
                                                         const char       *announcements_json,
                                                         GError          **error);
/* A new set with @announcements_json merged over @self (a year in it replaces that year).
 * @self is unchanged, also on error. */
McHolidayRules *mc_holiday_rules_with_announcements     (McHolidayRules   *self,
                                                         const char       *announcements_json,
                                                         GError          **error);
McHolidayRules *mc_holiday_rules_ref                    (McHolidayRules   *self);
void            mc_holiday_rules_unref                  (McHolidayRules   *self);

/* The days off of @year that fall on days that would otherwise be working days or
 * weekend days, sorted by day, element type McDayOff. Compensatory days are included. */
GArray         *mc_holiday_rules_days_off               (McHolidayRules   *self,
                                                         int               year);
/* Weekend days declared working days in @year (element McWorkingWeekend). */
GArray         *mc_holiday_rules_working_weekends       (McHolidayRules   *self,
                                                         int               year);
/* TRUE when @year has a confirmed announcement. */
gboolean        mc_holiday_rules_year_is_confirmed      (McHolidayRules   *self,
                                                         int               year);

const char     *mc_day_off_kind_to_string               (McDayOffKind      kind); /* "statutory", … */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McHolidayRules, mc_holiday_rules_unref)

G_END_DECLS
