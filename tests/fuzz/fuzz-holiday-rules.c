/* fuzz-holiday-rules.c — the holiday rules document (data/calendar/holiday-rules.json: the
 * Labour Code's days off as data).
 *
 * Rules that load must give, for every year, days off that a work calendar can be built
 * from (fuzz-calendar-check.h). The years looked at are the edges of the supported range,
 * the years where the law changed, and one the input picks.
 */
#include "config.h"

#include "fuzz-calendar-check.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const int years[] = { 1900, 1995, 2013, 2014, 2026, 2199 };
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(McHolidayRules) rules = NULL;
  g_autoptr(GError) error = NULL;

  rules = mc_holiday_rules_new_from_json (text, NULL, &error);
  fuzz_check_outcome (rules != NULL, error, "mc_holiday_rules_new_from_json");
  if (rules == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      fuzz_check_calendar_year (rules, years[i]);
      g_assert_false (mc_holiday_rules_year_is_confirmed (rules, years[i]));
    }
  fuzz_check_calendar_year (rules, 1900 + (int) (g_str_hash (text) % 300));
  return 0;
}
