/* test-work-calendar.c — office hours and the working-day table.
 *
 * Examples are checked against hand-counted calendars (November 2025 has 20 working days,
 * the weekend after Friday 21 November, the National Day holiday); the property tests
 * build hundreds of random calendars — any week pattern, random days off and working
 * weekends, 1–3 random office segments — and compare every look-up of the O(1) table
 * with a naive model that walks day by day and segment by segment.
 */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-test-calendar.h"
#include "mc-work-calendar.h"

/* Monday–Friday, 2025–2026, with National Day 2025 (1–2 Sep) and Tết 2026 (16–20 Feb)
 * off and Saturday 26 April 2025 worked in a swap. */
static McWorkCalendar *
make_calendar (void)
{
  McDay off[] = {
    D (2025, 9, 1), D (2025, 9, 2),
    D (2026, 2, 16), D (2026, 2, 17), D (2026, 2, 18), D (2026, 2, 19), D (2026, 2, 20),
  };
  McDay extra[] = { D (2025, 4, 26) };
  g_autoptr(GError) error = NULL;
  McWorkCalendar *calendar;

  calendar = mc_work_calendar_new_from_days (off, G_N_ELEMENTS (off), extra, G_N_ELEMENTS (extra),
                                             MC_WEEK_MONDAY_TO_FRIDAY, NULL, 2025, 2026, &error);
  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  return calendar;
}

static void
test_office_hours_default (void)
{
  g_autoptr(McOfficeHours) hours = mc_office_hours_new_default ();
  g_autofree char *text = mc_office_hours_to_string (hours);

  g_assert_cmpstr (text, ==, "07:00-11:30,13:30-17:00");
  g_assert_cmpint (mc_office_hours_daily_seconds (hours), ==, 8 * 3600);
  g_assert_cmpint (mc_office_hours_opening (hours), ==, H (7, 0));
  g_assert_cmpint (mc_office_hours_closing (hours), ==, H (17, 0));
  g_assert_cmpuint (mc_office_hours_n_segments (hours), ==, 2);
  g_assert_cmpint (mc_office_hours_get_segment (hours, 1)->start, ==, H (13, 30));
  g_assert_cmpint (mc_office_hours_get_segment (hours, 1)->end, ==, H (17, 0));
}

static void
test_office_hours_parse (void)
{
  static const struct { const char *text; int code; const char *named; } bad[] = {
    { "", MC_CORE_ERROR_PARSE, NULL },
    { "   ", MC_CORE_ERROR_PARSE, NULL },
    { "07:00", MC_CORE_ERROR_PARSE, "07:00" },
    { "7h-11h", MC_CORE_ERROR_PARSE, "7h-11h" },
    { "07:00-11:30,", MC_CORE_ERROR_PARSE, NULL },
    { "11:30-07:00", MC_CORE_ERROR_INVALID, "11:30-07:00" },
    { "07:00-07:00", MC_CORE_ERROR_INVALID, "07:00-07:00" },
    { "07:00-12:00,11:00-17:00", MC_CORE_ERROR_INVALID, "11:00-17:00" },
    { "13:30-17:00,07:00-11:30", MC_CORE_ERROR_INVALID, "07:00-11:30" },
    { "25:00-26:00", MC_CORE_ERROR_PARSE, "25:00-26:00" },
    { "24:00-24:00", MC_CORE_ERROR_INVALID, "24:00-24:00" },
    /* Found by tests/fuzz/fuzz-time-limit: quoted back, bad bytes made readable. */
    { "07:00-11:30,13:\xa4\xa4" "30-17:00", MC_CORE_ERROR_PARSE, "30-17:00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McOfficeHours) hours = mc_office_hours_parse (bad[i].text, &error);

      g_assert_null (hours);
      g_assert_error (error, MC_CORE_ERROR, bad[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (bad[i].named)
        g_assert_nonnull (strstr (error->message, bad[i].named));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McOfficeHours) hours = mc_office_hours_parse (" 07:30-11:30 , 13:00-17:00 ", &error);
    g_autoptr(McOfficeHours) copy = NULL;
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (mc_office_hours_daily_seconds (hours), ==, 8 * 3600);
    copy = mc_office_hours_copy (hours);
    text = mc_office_hours_to_string (copy);
    g_assert_cmpstr (text, ==, "07:30-11:30,13:00-17:00");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McOfficeHours) hours = mc_office_hours_parse ("00:00-24:00", &error);

    g_assert_no_error (error);
    g_assert_cmpint (mc_office_hours_daily_seconds (hours), ==, 86400);
    g_assert_cmpint (mc_office_hours_closing (hours), ==, 86400);
  }
  {
    /* Touching segments are allowed: they do not overlap. */
    g_autoptr(GError) error = NULL;
    g_autoptr(McOfficeHours) hours = mc_office_hours_parse ("08:00-12:00,12:00-16:00", &error);

    g_assert_no_error (error);
    g_assert_cmpint (mc_office_hours_daily_seconds (hours), ==, 8 * 3600);
  }
}

static void
test_days (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  McDay day;

  g_assert_cmpint (mc_work_calendar_first_day (calendar), ==, D (2025, 1, 1));
  g_assert_cmpint (mc_work_calendar_last_day (calendar), ==, D (2026, 12, 31));
  g_assert_cmpuint (mc_work_calendar_get_working_weekdays (calendar), ==, MC_WEEK_MONDAY_TO_FRIDAY);

  g_assert_true (mc_work_calendar_is_working_day (calendar, D (2025, 11, 17)));   /* Monday */
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 11, 22)));  /* Saturday */
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 11, 23)));  /* Sunday */
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 9, 2)));    /* National Day */
  g_assert_true (mc_work_calendar_is_working_day (calendar, D (2025, 4, 26)));    /* swapped Saturday */
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2030, 1, 2)));    /* outside */

  /* November 2025 starts on a Saturday: 30 days less 10 weekend days. */
  g_assert_cmpint (mc_work_calendar_count_working_days (calendar, D (2025, 11, 1), D (2025, 12, 1)), ==, 20);
  /* September 2025: 22 weekdays less the two National Day holidays. */
  g_assert_cmpint (mc_work_calendar_count_working_days (calendar, D (2025, 9, 1), D (2025, 10, 1)), ==, 20);
  /* February 2026: 20 weekdays less five days of Tết. */
  g_assert_cmpint (mc_work_calendar_count_working_days (calendar, D (2026, 2, 1), D (2026, 3, 1)), ==, 15);
  g_assert_cmpint (mc_work_calendar_count_working_days (calendar, D (2025, 12, 1), D (2025, 11, 1)), ==, 0);
  /* 2026 has 261 weekdays; five are Tết. Asking past the range counts nothing more. */
  g_assert_cmpint (mc_work_calendar_count_working_days (calendar, D (2026, 1, 1), D (2027, 6, 1)), ==, 256);

  g_assert_true (mc_work_calendar_next_working_day (calendar, D (2025, 11, 22), &day, NULL));
  g_assert_cmpint (day, ==, D (2025, 11, 24));
  g_assert_true (mc_work_calendar_next_working_day (calendar, D (2025, 11, 24), &day, NULL));
  g_assert_cmpint (day, ==, D (2025, 11, 24));
  g_assert_true (mc_work_calendar_next_working_day (calendar, D (2026, 2, 14), &day, NULL));
  g_assert_cmpint (day, ==, D (2026, 2, 23));

  g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 11, 21), 1, &day, NULL));
  g_assert_cmpint (day, ==, D (2025, 11, 24));
  g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 11, 17), 3, &day, NULL));
  g_assert_cmpint (day, ==, D (2025, 11, 20));
  g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 8, 29), 1, &day, NULL));
  g_assert_cmpint (day, ==, D (2025, 9, 3));
  g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 4, 25), 1, &day, NULL));
  g_assert_cmpint (day, ==, D (2025, 4, 26));
  /* Twenty working days after 31 October 2025 is the last one of November. */
  g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 10, 31), 20, &day, NULL));
  g_assert_cmpint (day, ==, D (2025, 11, 28));
}

static void
test_working_seconds (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  gint64 monday, w;
  McTime t;

  g_assert_true (mc_work_calendar_to_working_seconds (calendar, T (2025, 11, 17, 7, 0), &monday, NULL));
  g_assert_cmpint (monday % (8 * 3600), ==, 0);

  g_assert_true (mc_work_calendar_to_working_seconds (calendar, T (2025, 11, 17, 10, 0), &w, NULL));
  g_assert_cmpint (w - monday, ==, 3 * 3600);
  g_assert_true (mc_work_calendar_to_working_seconds (calendar, T (2025, 11, 17, 5, 0), &w, NULL));
  g_assert_cmpint (w - monday, ==, 0);
  g_assert_true (mc_work_calendar_to_working_seconds (calendar, T (2025, 11, 17, 12, 15), &w, NULL));
  g_assert_cmpint (w - monday, ==, H (4, 30));
  g_assert_true (mc_work_calendar_to_working_seconds (calendar, T (2025, 11, 17, 14, 0), &w, NULL));
  g_assert_cmpint (w - monday, ==, H (5, 0));
  g_assert_true (mc_work_calendar_to_working_seconds (calendar, T (2025, 11, 17, 19, 0), &w, NULL));
  g_assert_cmpint (w - monday, ==, 8 * 3600);
  /* Saturday and Sunday are the next Monday's opening: five working days later. */
  g_assert_true (mc_work_calendar_to_working_seconds (calendar, T (2025, 11, 22, 10, 0), &w, NULL));
  g_assert_cmpint (w - monday, ==, 5 * 8 * 3600);

  /* One full day is Monday 17:00, not Tuesday 07:00; a morning's worth is 11:30. */
  g_assert_true (mc_work_calendar_from_working_seconds (calendar, monday + 8 * 3600, &t, NULL));
  assert_time (t, T (2025, 11, 17, 17, 0));
  g_assert_true (mc_work_calendar_from_working_seconds (calendar, monday + H (4, 30), &t, NULL));
  assert_time (t, T (2025, 11, 17, 11, 30));
  g_assert_true (mc_work_calendar_from_working_seconds (calendar, monday + H (4, 30) + 1, &t, NULL));
  assert_time (t, T (2025, 11, 17, 13, 30) + 1);
  g_assert_true (mc_work_calendar_from_working_seconds (calendar, monday + 8 * 3600 + 1, &t, NULL));
  assert_time (t, T (2025, 11, 18, 7, 0) + 1);
  g_assert_true (mc_work_calendar_from_working_seconds (calendar, 0, &t, NULL));
  assert_time (t, T (2025, 1, 1, 7, 0));

  g_assert_true (mc_work_calendar_working_seconds_between (calendar, T (2025, 11, 21, 16, 0),
                                                           T (2025, 11, 24, 10, 0), &w, NULL));
  g_assert_cmpint (w, ==, 4 * 3600);
  /* Across the two National Day holidays: Friday 1 h, Wednesday 2 h. */
  g_assert_true (mc_work_calendar_working_seconds_between (calendar, T (2025, 8, 29, 16, 0),
                                                           T (2025, 9, 3, 9, 0), &w, NULL));
  g_assert_cmpint (w, ==, 3 * 3600);
  g_assert_true (mc_work_calendar_working_seconds_between (calendar, T (2025, 11, 24, 10, 0),
                                                           T (2025, 11, 21, 16, 0), &w, NULL));
  g_assert_cmpint (w, ==, 0);
  /* A lunch break spent waiting is no working time. */
  g_assert_true (mc_work_calendar_working_seconds_between (calendar, T (2025, 11, 17, 11, 30),
                                                           T (2025, 11, 17, 13, 30), &w, NULL));
  g_assert_cmpint (w, ==, 0);
}

static void
test_normalize (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  static const struct { int d, h, m; int ed, eh, em; } cases[] = {
    { 17, 6, 15, 17, 7, 0 },    /* before opening */
    { 17, 7, 0, 17, 7, 0 },
    { 17, 9, 45, 17, 9, 45 },   /* in office time: unchanged */
    { 17, 11, 30, 17, 13, 30 }, /* the morning ends at 11:30 */
    { 17, 12, 10, 17, 13, 30 }, /* lunch */
    { 17, 16, 59, 17, 16, 59 },
    { 17, 17, 0, 18, 7, 0 },    /* closing */
    { 17, 22, 0, 18, 7, 0 },
    { 21, 17, 30, 24, 7, 0 },   /* Friday evening → Monday */
    { 22, 9, 0, 24, 7, 0 },     /* Saturday */
    { 23, 0, 0, 24, 7, 0 },     /* Sunday midnight */
  };
  McTime t;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (mc_work_calendar_normalize (calendar, T (2025, 11, cases[i].d, cases[i].h, cases[i].m),
                                                 &t, NULL));
      assert_time (t, T (2025, 11, cases[i].ed, cases[i].eh, cases[i].em));
    }
  g_assert_true (mc_work_calendar_normalize (calendar, T (2025, 9, 1, 9, 0), &t, NULL));
  assert_time (t, T (2025, 9, 3, 7, 0));
  g_assert_true (mc_work_calendar_normalize (calendar, T (2026, 2, 13, 18, 0), &t, NULL));
  assert_time (t, T (2026, 2, 23, 7, 0));
  g_assert_true (mc_work_calendar_normalize (calendar, T (2025, 4, 26, 10, 0), &t, NULL));
  assert_time (t, T (2025, 4, 26, 10, 0));
}

static void
test_out_of_range (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GError) error = NULL;
  McDay day;
  McTime t;
  gint64 w;

  g_assert_false (mc_work_calendar_to_working_seconds (calendar, T (2030, 3, 4, 9, 0), &w, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "2030-03-04"));
  g_assert_nonnull (strstr (error->message, "2025-01-01"));
  g_assert_nonnull (strstr (error->message, "2026-12-31"));
  g_clear_error (&error);

  g_assert_false (mc_work_calendar_normalize (calendar, T (2024, 12, 31, 9, 0), &t, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "2024-12-31"));
  g_clear_error (&error);

  /* Inside the range, but the answer lies beyond it. */
  g_assert_false (mc_work_calendar_nth_working_day_after (calendar, D (2026, 12, 30), 5, &day, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "2026-12-30"));
  g_clear_error (&error);
  g_assert_false (mc_work_calendar_normalize (calendar, T (2026, 12, 31, 18, 0), &t, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_work_calendar_from_working_seconds (calendar, G_GINT64_CONSTANT (1) << 40, &t, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_work_calendar_from_working_seconds (calendar, -1, &t, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_work_calendar_working_seconds_between (calendar, T (2026, 6, 1, 9, 0),
                                                            T (2027, 1, 4, 9, 0), &w, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "2027-01-04"));

  g_assert_true (mc_work_calendar_covers (calendar, T (2026, 12, 31, 23, 59)));
  g_assert_false (mc_work_calendar_covers (calendar, T (2027, 1, 1, 0, 0)));
  g_assert_false (mc_work_calendar_covers (calendar, MC_TIME_NONE));
}

static void
test_invalid_calendar (void)
{
  g_autoptr(GError) error = NULL;
  McWorkCalendar *calendar;

  calendar = mc_work_calendar_new_from_days (NULL, 0, NULL, 0, 0, NULL, 2025, 2026, &error);
  g_assert_null (calendar);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);

  calendar = mc_work_calendar_new_from_days (NULL, 0, NULL, 0, MC_WEEK_MONDAY_TO_FRIDAY, NULL, 2027, 2025, &error);
  g_assert_null (calendar);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "2027"));
}

static void
test_unusual_weeks (void)
{
  g_autoptr(GError) error = NULL;
  McDay day;

  {
    /* Sunday to Thursday, as in much of the Middle East: Friday and Saturday off. */
    guint week = 0x0f | 0x40;
    g_autoptr(McWorkCalendar) calendar =
      mc_work_calendar_new_from_days (NULL, 0, NULL, 0, week, NULL, 2025, 2025, &error);
    McTime t;

    g_assert_no_error (error);
    g_assert_true (mc_work_calendar_is_working_day (calendar, D (2025, 11, 23)));   /* Sunday */
    g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 11, 21)));  /* Friday */
    g_assert_true (mc_work_calendar_normalize (calendar, T (2025, 11, 20, 18, 0), &t, NULL));
    assert_time (t, T (2025, 11, 23, 7, 0));
    g_assert_cmpint (mc_work_calendar_count_working_days (calendar, D (2025, 11, 1), D (2025, 12, 1)), ==, 21);
  }
  {
    /* Six-day week: only Sunday off. */
    g_autoptr(McWorkCalendar) calendar =
      mc_work_calendar_new_from_days (NULL, 0, NULL, 0, 0x3f, NULL, 2025, 2025, &error);

    g_assert_no_error (error);
    g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 11, 21), 1, &day, NULL));
    g_assert_cmpint (day, ==, D (2025, 11, 22));
    g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 11, 22), 1, &day, NULL));
    g_assert_cmpint (day, ==, D (2025, 11, 24));
    /* November 2025 has five Sundays. */
    g_assert_cmpint (mc_work_calendar_count_working_days (calendar, D (2025, 11, 1), D (2025, 12, 1)), ==, 25);
  }
  {
    /* One working day a week (Wednesday), with one Wednesday off and a Saturday worked. */
    McDay off[] = { D (2025, 11, 26) };
    McDay extra[] = { D (2025, 11, 29) };
    g_autoptr(McWorkCalendar) calendar =
      mc_work_calendar_new_from_days (off, 1, extra, 1, 0x04, NULL, 2025, 2025, &error);

    g_assert_no_error (error);
    g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 11, 17), 1, &day, NULL));
    g_assert_cmpint (day, ==, D (2025, 11, 19));
    g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 11, 17), 2, &day, NULL));
    g_assert_cmpint (day, ==, D (2025, 11, 29));
    g_assert_true (mc_work_calendar_nth_working_day_after (calendar, D (2025, 11, 17), 3, &day, NULL));
    g_assert_cmpint (day, ==, D (2025, 12, 3));
  }
}

static void
test_shared_reference (void)
{
  McWorkCalendar *calendar = make_calendar ();
  McWorkCalendar *other = mc_work_calendar_ref (calendar);
  g_autofree char *hours = NULL;

  mc_work_calendar_unref (calendar);
  /* Still alive through the second reference. */
  hours = mc_office_hours_to_string (mc_work_calendar_get_office_hours (other));
  g_assert_cmpstr (hours, ==, "07:00-11:30,13:30-17:00");
  mc_work_calendar_unref (other);
}

/* The bundled Vietnamese rules (written by the holidays module). */
static void
test_vietnamese_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McHolidayRules) rules = mc_holiday_rules_new_default (&error);
  g_autoptr(McWorkCalendar) calendar = NULL;
  McDay day;

  g_assert_no_error (error);
  calendar = mc_work_calendar_new (rules, MC_WEEK_MONDAY_TO_FRIDAY, NULL, 2025, 2026, &error);
  g_assert_no_error (error);

  /* Tết Bính Ngọ: 16–20 February 2026 off, back at work Monday 23 February. */
  for (int d = 16; d <= 20; d++)
    g_assert_false (mc_work_calendar_is_working_day (calendar, D (2026, 2, d)));
  g_assert_true (mc_work_calendar_is_working_day (calendar, D (2026, 2, 13)));
  g_assert_true (mc_work_calendar_next_working_day (calendar, D (2026, 2, 14), &day, NULL));
  g_assert_cmpint (day, ==, D (2026, 2, 23));
  /* National Day 2025: Monday 1 and Tuesday 2 September. */
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 9, 1)));
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 9, 2)));
  g_assert_true (mc_work_calendar_is_working_day (calendar, D (2025, 9, 3)));
  /* 30 April and 1 May 2025 (Wednesday, Thursday); 1 January 2026 (Thursday). */
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 4, 30)));
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2025, 5, 1)));
  g_assert_false (mc_work_calendar_is_working_day (calendar, D (2026, 1, 1)));
}

/* Property tests against a naive model (its shared part is in mc-test-calendar.c). */

/* Walks the segments of each day from @t forward; FALSE past the range. */
static gboolean
model_normalize (const Model *m,
                 McTime       t,
                 McTime      *out)
{
  McDay day = mc_time_local_day (t);
  int s = mc_time_local_seconds (t);

  if (day < m->first)
    return FALSE;
  for (; day <= m->last; day++, s = 0)
    {
      if (!model_is_working (m, day))
        continue;
      for (guint i = 0; i < m->n_segments; i++)
        if (s < m->segments[i].end)
          {
            *out = mc_time_from_local (day, MAX (s, m->segments[i].start));
            return TRUE;
          }
    }
  return FALSE;
}

static gboolean
model_nth_after (const Model *m,
                 McDay        day,
                 int          n,
                 McDay       *out)
{
  while (n > 0)
    {
      if (++day > m->last)
        return FALSE;
      n -= model_is_working (m, day);
    }
  *out = day;
  return TRUE;
}

static McTime
random_moment (GRand       *rand,
               const Model *m,
               McDay        from,
               McDay        to)
{
  McDay day = g_rand_int_range (rand, from, to + 1);
  const McOfficeSegment *segment = &m->segments[g_rand_int_range (rand, 0, (int) m->n_segments)];

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      return mc_time_from_local (day, segment->start + g_rand_int_range (rand, -1, 2));
    case 1:
      return mc_time_from_local (day, segment->end + g_rand_int_range (rand, -1, 2));
    default:
      return mc_time_from_local (day, g_rand_int_range (rand, 0, MC_SECONDS_PER_DAY));
    }
}

static void
test_property_random_calendars (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251117);

  for (int c = 0; c < 300; c++)
    {
      Model m;
      g_autoptr(McWorkCalendar) calendar = NULL;
      gint64 origin_w;
      McTime origin;

      random_model (rand, &m, 60);
      calendar = model_calendar (&m);
      origin = mc_time_from_local (m.first, 0);
      g_assert_true (mc_work_calendar_to_working_seconds (calendar, origin, &origin_w, NULL));
      g_assert_cmpint (origin_w, ==, 0);

      for (McDay day = m.first; day <= m.last; day += 17)
        g_assert_cmpint (mc_work_calendar_is_working_day (calendar, day), ==, model_is_working (&m, day));

      for (int k = 0; k < 100; k++)
        {
          McTime a = random_moment (rand, &m, m.first + 1, m.first + 400);
          McTime b = random_moment (rand, &m, mc_time_local_day (a), mc_time_local_day (a) + 60);
          McTime expected, actual, back;
          gboolean found;
          gint64 wa, wb, between;
          McDay eday, aday;
          int n = g_rand_int_range (rand, 1, 30);

          /* Normalize. */
          found = model_normalize (&m, a, &expected);
          g_assert_cmpint (mc_work_calendar_normalize (calendar, a, &actual, NULL), ==, found);
          if (found)
            assert_time (actual, expected);

          /* The axis position of a moment is the working time since the range began. */
          g_assert_true (mc_work_calendar_to_working_seconds (calendar, a, &wa, NULL));
          g_assert_cmpint (wa, ==, model_between (&m, origin, a));
          g_assert_true (mc_work_calendar_to_working_seconds (calendar, b, &wb, NULL));
          g_assert_true (mc_work_calendar_working_seconds_between (calendar, a, b, &between, NULL));
          g_assert_cmpint (between, ==, b > a ? model_between (&m, a, b) : 0);

          /* from_working_seconds: the earliest moment with that much time behind it. */
          if (mc_work_calendar_from_working_seconds (calendar, wa, &back, NULL))
            {
              gint64 w_back;

              g_assert_true (mc_work_calendar_to_working_seconds (calendar, back, &w_back, NULL));
              g_assert_cmpint (w_back, ==, wa);
              g_assert_cmpint (model_between (&m, origin, back), ==, wa);
              /* Earliest: one second earlier has less, unless nothing has passed yet. */
              if (wa > 0)
                g_assert_cmpint (model_between (&m, origin, back - 1), ==, wa - 1);
              /* A moment in office time (not at a segment start) comes back unchanged. */
              if (found && actual == a && wa > 0 && model_between (&m, a - 1, a) == 1)
                assert_time (back, a);
            }

          /* Day look-ups. */
          aday = mc_time_local_day (a);
          found = model_nth_after (&m, aday, n, &eday);
          {
            McDay got;

            g_assert_cmpint (mc_work_calendar_nth_working_day_after (calendar, aday, n, &got, NULL), ==, found);
            if (found)
              g_assert_cmpint (got, ==, eday);
          }
          {
            gint64 count = 0;
            McDay bday = mc_time_local_day (b);

            for (McDay d = aday; d < bday; d++)
              count += model_is_working (&m, d);
            g_assert_cmpint (mc_work_calendar_count_working_days (calendar, aday, bday), ==, count);
          }
        }
      model_clear (&m);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/office-hours/default", test_office_hours_default);
  g_test_add_func ("/office-hours/parse", test_office_hours_parse);
  g_test_add_func ("/work-calendar/days", test_days);
  g_test_add_func ("/work-calendar/working-seconds", test_working_seconds);
  g_test_add_func ("/work-calendar/normalize", test_normalize);
  g_test_add_func ("/work-calendar/out-of-range", test_out_of_range);
  g_test_add_func ("/work-calendar/invalid", test_invalid_calendar);
  g_test_add_func ("/work-calendar/unusual-weeks", test_unusual_weeks);
  g_test_add_func ("/work-calendar/shared-reference", test_shared_reference);
  g_test_add_func ("/work-calendar/vietnamese-rules", test_vietnamese_rules);
  g_test_add_func ("/work-calendar/property/random-calendars", test_property_random_calendars);

  return g_test_run ();
}
