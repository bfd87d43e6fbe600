/* fuzz-time-limit.c — a procedure's time limit ("3 working-days", "same-day", …; from an
 * imported catalogue or `catalogue` commands) and the office hours setting
 * ("07:00-11:30,13:30-17:00"). Each line of the input is tried as both.
 *
 * Beyond not crashing: an accepted value writes itself out in a form that reads back to
 * the same value, and that form is a fixed point; a time limit's amount is within 1…9999
 * and its Vietnamese description is printable; office hours are ordered segments within
 * the day whose daily total is their sum.
 */
#include "config.h"

#include "fuzz-common.h"
#include "mc-deadline.h"

static void
check_time_limit (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *described = NULL;
  McTimeLimit limit, again;
  gboolean ok = mc_time_limit_parse (text, &limit, &error);

  fuzz_check_outcome (ok, error, "mc_time_limit_parse");
  if (!ok)
    return;
  if (limit.kind != MC_TIME_LIMIT_NONE && limit.kind != MC_TIME_LIMIT_SAME_DAY &&
      (limit.amount < 1 || limit.amount > 9999))
    g_error ("the time limit “%s” was accepted with the amount %d", text, limit.amount);

  written = mc_time_limit_to_string (limit);
  if (!mc_time_limit_parse (written, &again, &error))
    g_error ("the time limit “%s” is written “%s”, which does not read back: %s", text, written, error->message);
  if (again.kind != limit.kind || again.amount != limit.amount)
    g_error ("the time limit “%s” changes when written as “%s”", text, written);
  described = mc_time_limit_describe (limit);
  fuzz_check_text (described, "a time limit's description");
}

static void
check_office_hours (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McOfficeHours) hours = mc_office_hours_parse (text, &error);
  g_autoptr(McOfficeHours) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *written_again = NULL;
  int total = 0;

  fuzz_check_outcome (hours != NULL, error, "mc_office_hours_parse");
  if (hours == NULL)
    return;

  g_assert_cmpuint (mc_office_hours_n_segments (hours), >, 0);
  for (guint i = 0; i < mc_office_hours_n_segments (hours); i++)
    {
      const McOfficeSegment *segment = mc_office_hours_get_segment (hours, i);

      if (segment->start < 0 || segment->end > 24 * 3600 || segment->start >= segment->end ||
          (i > 0 && mc_office_hours_get_segment (hours, i - 1)->end > segment->start))
        g_error ("the office hours “%s” hold a segment out of order or outside the day", text);
      total += segment->end - segment->start;
    }
  g_assert_cmpint (mc_office_hours_daily_seconds (hours), ==, total);
  g_assert_cmpint (mc_office_hours_opening (hours), ==, mc_office_hours_get_segment (hours, 0)->start);

  written = mc_office_hours_to_string (hours);
  again = mc_office_hours_parse (written, &error);
  if (again == NULL)
    g_error ("the office hours “%s” are written “%s”, which does not read back: %s", text, written, error->message);
  written_again = mc_office_hours_to_string (again);
  g_assert_cmpstr (written_again, ==, written);
  g_assert_cmpint (mc_office_hours_daily_seconds (again), ==, total);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 8);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      check_time_limit (lines[i]);
      check_office_hours (lines[i]);
    }
  return 0;
}
