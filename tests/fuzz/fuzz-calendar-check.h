/* fuzz-calendar-check.h — what the days off of a year must look like whatever the calendar
 * data said, shared by the holiday-rules and announcements targets: sorted, one entry per
 * day, every day inside its year, names that can be printed, the provisional mark agreeing
 * with the year's confirmation; working weekends on a Saturday or Sunday of the year; and a
 * work calendar built from them that counts none of the days off as working days.
 */
#pragma once

#include "fuzz-common.h"
#include "mc-work-calendar.h"

static inline int
fuzz_year_of (McDay day)
{
  int year;

  mc_day_to_ymd (day, &year, NULL, NULL);
  return year;
}

static inline void
fuzz_check_calendar_year (McHolidayRules *rules,
                          int             year)
{
  g_autoptr(GArray) days_off = mc_holiday_rules_days_off (rules, year);
  g_autoptr(GArray) working = mc_holiday_rules_working_weekends (rules, year);
  g_autoptr(McOfficeHours) hours = mc_office_hours_new_default ();
  g_autoptr(McWorkCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  gboolean confirmed = mc_holiday_rules_year_is_confirmed (rules, year);

  for (guint i = 0; i < days_off->len; i++)
    {
      const McDayOff *off = &g_array_index (days_off, McDayOff, i);

      if (fuzz_year_of (off->day) != year)
        g_error ("a day off of %d falls in %d", year, fuzz_year_of (off->day));
      if (i > 0 && g_array_index (days_off, McDayOff, i - 1).day >= off->day)
        g_error ("the days off of %d are not in order, one per day", year);
      if (mc_day_off_kind_to_string (off->kind) == NULL)
        g_error ("a day off of %d has no known kind", year);
      fuzz_check_text (off->name, "the name of a day off");
      if (off->provisional == confirmed)
        g_error ("a day off of %d is marked %sprovisional in a %sconfirmed year", year,
                 off->provisional ? "" : "not ", confirmed ? "" : "un");
    }
  for (guint i = 0; i < working->len; i++)
    {
      const McWorkingWeekend *w = &g_array_index (working, McWorkingWeekend, i);

      if (fuzz_year_of (w->day) != year || mc_day_weekday (w->day) < 6)
        g_error ("a working weekend of %d is not a Saturday or Sunday of that year", year);
      if (i > 0 && g_array_index (working, McWorkingWeekend, i - 1).day >= w->day)
        g_error ("the working weekends of %d are not in order, one per day", year);
      if (w->name != NULL)
        fuzz_check_text (w->name, "the name of a working weekend");
    }

  calendar = mc_work_calendar_new (rules, MC_WEEK_MONDAY_TO_FRIDAY, hours, year, year, &error);
  fuzz_check_outcome (calendar != NULL, error, "mc_work_calendar_new");
  if (calendar == NULL)
    return;
  for (guint i = 0; i < days_off->len; i++)
    if (mc_work_calendar_is_working_day (calendar, g_array_index (days_off, McDayOff, i).day))
      g_error ("a day off of %d is a working day of its calendar", year);
}
