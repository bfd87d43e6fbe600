/* fuzz-announcements.c — a yearly announcements document, as `motcua-cli calendar import`
 * and mc_store_import_announcements take it: merged over the bundled rules and
 * announcements with mc_holiday_rules_with_announcements.
 *
 * A document that is refused leaves the bundled rules as they were; one that is accepted
 * gives, for each year it announces (and the years around it, where swapped days may land),
 * days off that a work calendar can be built from (fuzz-calendar-check.h), and the
 * confirmation the document states.
 */
#include "config.h"

#include <cjson/cJSON.h>

#include "fuzz-calendar-check.h"

static McHolidayRules *bundled;

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  bundled = mc_holiday_rules_new_default (&error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(McHolidayRules) merged = NULL;
  g_autoptr(GError) error = NULL;
  cJSON *root;
  const cJSON *announcement;
  gboolean confirmed_2025 = mc_holiday_rules_year_is_confirmed (bundled, 2025);
  guint checked = 0;

  merged = mc_holiday_rules_with_announcements (bundled, text, &error);
  fuzz_check_outcome (merged != NULL, error, "mc_holiday_rules_with_announcements");
  g_assert_cmpint (mc_holiday_rules_year_is_confirmed (bundled, 2025), ==, confirmed_2025);
  if (merged == NULL)
    return 0;

  /* The document was accepted, so it is JSON with a list of announcements. */
  root = cJSON_Parse (text);
  g_assert_nonnull (root);
  cJSON_ArrayForEach (announcement, cJSON_GetObjectItemCaseSensitive (root, "announcements"))
    {
      const cJSON *year = cJSON_GetObjectItemCaseSensitive (announcement, "year");
      const cJSON *confirmed = cJSON_GetObjectItemCaseSensitive (announcement, "confirmed");
      int y = (int) year->valuedouble;

      if (mc_holiday_rules_year_is_confirmed (merged, y) != cJSON_IsTrue (confirmed))
        g_error ("the year %d is not confirmed as its announcement says", y);
      /* A few years are enough to find what is wrong; each costs a work calendar. */
      if (checked++ >= 4)
        continue;
      for (int around = MAX (y - 1, 1900); around <= MIN (y + 1, 2199); around++)
        fuzz_check_calendar_year (merged, around);
    }
  cJSON_Delete (root);
  return 0;
}
