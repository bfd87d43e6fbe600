/* test-deadline.c — appointments, pauses, due-soon, verdicts and explanations.
 *
 * The examples of domain.md verbatim, then receipts at awkward moments, each expected
 * value counted by hand on the calendar of November 2025, the National Day holiday of
 * 2025 and Tết 2026. The property tests compare the engine with a naive reference that
 * walks forward segment by segment (and stops the clock during pauses) over hundreds of
 * random calendars: any week pattern, random days off and working weekends, 1–3 random
 * office segments.
 */
#include "config.h"

#include <string.h>

#include "mc-deadline.h"
#include "mc-error.h"
#include "mc-test-calendar.h"

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

/* Monday–Friday 2025–2026 with the days off these tests rely on: National Day 2025
 * (Monday 1, Tuesday 2 September), 30 April – 2 May 2025 with Saturday 26 April worked,
 * and Tết 2026 (Monday 16 – Friday 20 February). */
static McWorkCalendar *
make_calendar (void)
{
  McDay off[] = {
    D (2025, 4, 30), D (2025, 5, 1), D (2025, 5, 2), D (2025, 9, 1), D (2025, 9, 2),
    D (2026, 2, 16), D (2026, 2, 17), D (2026, 2, 18), D (2026, 2, 19), D (2026, 2, 20),
  };
  McDay extra[] = { D (2025, 4, 26) };
  g_autoptr(GError) error = NULL;
  McWorkCalendar *calendar;

  calendar = mc_work_calendar_new_from_days (off, G_N_ELEMENTS (off), extra, G_N_ELEMENTS (extra),
                                             MC_WEEK_MONDAY_TO_FRIDAY, NULL, 2025, 2026, &error);
  g_assert_no_error (error);
  return calendar;
}

static McTime
due_for (McWorkCalendar *calendar,
         McDeadlineMode  mode,
         McTimeLimit     limit,
         McTime          received)
{
  g_autoptr(GError) error = NULL;
  McDeadlinePolicy policy;
  McTime due = 0;

  mc_deadline_policy_init_default (&policy);
  policy.mode = mode;
  g_assert_true (mc_deadline_compute (calendar, &policy, limit, received, &due, &error));
  g_assert_no_error (error);
  return due;
}

#define DAYS(n)  ((McTimeLimit) { MC_TIME_LIMIT_WORKING_DAYS, (n) })
#define HOURS(n) ((McTimeLimit) { MC_TIME_LIMIT_WORKING_HOURS, (n) })
#define CAL(n)   ((McTimeLimit) { MC_TIME_LIMIT_CALENDAR_DAYS, (n) })
#define SAME_DAY ((McTimeLimit) { MC_TIME_LIMIT_SAME_DAY, 0 })
#define NO_LIMIT ((McTimeLimit) { MC_TIME_LIMIT_NONE, 0 })

static void
test_domain_examples (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  /* "Received Monday 10:00 with 3 working days: due Thursday 10:00." */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), T (2025, 11, 17, 10, 0)),
               T (2025, 11, 20, 10, 0));
  /* "Received Monday 07:00 with 1 working day: due Monday 17:00." */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 11, 17, 7, 0)),
               T (2025, 11, 17, 17, 0));
  /* "Received Friday 16:00 with 1 working day: due Monday 16:00 (weekend skipped)." */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 11, 21, 16, 0)),
               T (2025, 11, 24, 16, 0));
}

static void
test_awkward_receipts (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  /* Before opening: counted from 07:00. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 11, 17, 6, 15)),
               T (2025, 11, 17, 17, 0));
  /* Lunch: counted from 13:30; 3.5 h Monday afternoon + 4.5 h Tuesday morning. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 11, 17, 12, 10)),
               T (2025, 11, 18, 11, 30));
  /* After closing: the next working day's opening. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 11, 17, 17, 45)),
               T (2025, 11, 18, 17, 0));
  /* Saturday: Monday 07:00, two full days → Tuesday 17:00. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (2), T (2025, 11, 22, 9, 0)),
               T (2025, 11, 25, 17, 0));
  /* On National Day (1 and 2 September are off): from Wednesday 07:00. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 9, 1, 8, 0)),
               T (2025, 9, 3, 17, 0));
  /* Friday before it: 5 h on Friday, 3 h on Wednesday. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 8, 29, 10, 0)),
               T (2025, 9, 3, 10, 0));
  /* Tết 2026: Friday 13 February 10:00, 3 days → 5 h Friday, Mon 23 and Tue 24, 3 h Wednesday. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), T (2026, 2, 13, 10, 0)),
               T (2026, 2, 25, 10, 0));
  /* A Saturday worked in a swap counts. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 4, 25, 16, 0)),
               T (2025, 4, 26, 16, 0));
}

static void
test_working_hours (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, HOURS (1), T (2025, 11, 17, 10, 0)),
               T (2025, 11, 17, 11, 0));
  /* The morning ends at 11:30: exactly used up there, not at 13:30. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, HOURS (1), T (2025, 11, 17, 10, 30)),
               T (2025, 11, 17, 11, 30));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, HOURS (1), T (2025, 11, 17, 11, 0)),
               T (2025, 11, 17, 14, 0));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, HOURS (8), T (2025, 11, 17, 10, 0)),
               T (2025, 11, 18, 10, 0));
  /* Across the weekend: 1 h Friday, 3 h Monday. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, HOURS (4), T (2025, 11, 21, 16, 0)),
               T (2025, 11, 24, 10, 0));
  /* Working hours are the same in the end-of-day mode. */
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, HOURS (20), T (2025, 11, 17, 7, 0)),
               T (2025, 11, 19, 11, 0));
}

static void
test_end_of_day_mode (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, DAYS (3), T (2025, 11, 17, 10, 0)),
               T (2025, 11, 20, 17, 0));
  /* The day of receipt is not counted, however early. */
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, DAYS (1), T (2025, 11, 17, 6, 0)),
               T (2025, 11, 18, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, DAYS (1), T (2025, 11, 21, 16, 0)),
               T (2025, 11, 24, 17, 0));
  /* Received on Saturday: Monday is day 1. */
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, DAYS (1), T (2025, 11, 22, 9, 0)),
               T (2025, 11, 24, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, DAYS (1), T (2025, 8, 29, 10, 0)),
               T (2025, 9, 3, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, DAYS (1), T (2025, 9, 1, 10, 0)),
               T (2025, 9, 3, 17, 0));
}

static void
test_same_day (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GError) error = NULL;
  McDeadlinePolicy policy;
  McTime due;

  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 17, 14, 59)),
               T (2025, 11, 17, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 17, 15, 0)),
               T (2025, 11, 17, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 17, 15, 1)),
               T (2025, 11, 18, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 17, 6, 30)),
               T (2025, 11, 17, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 17, 12, 0)),
               T (2025, 11, 17, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 17, 17, 30)),
               T (2025, 11, 18, 17, 0));
  /* Sunday → Monday 17:00; Friday after the cutoff → Monday. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 23, 16, 0)),
               T (2025, 11, 24, 17, 0));
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, T (2025, 11, 21, 15, 30)),
               T (2025, 11, 24, 17, 0));
  /* The Friday before National Day, after the cutoff → Wednesday. */
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, SAME_DAY, T (2025, 8, 29, 15, 30)),
               T (2025, 9, 3, 17, 0));

  /* The cutoff is a setting. */
  mc_deadline_policy_init_default (&policy);
  policy.same_day_cutoff = H (11, 0);
  g_assert_true (mc_deadline_compute (calendar, &policy, SAME_DAY, T (2025, 11, 17, 11, 15), &due, &error));
  g_assert_no_error (error);
  assert_time (due, T (2025, 11, 18, 17, 0));
}

static void
test_calendar_days (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  /* Lands on a working day: the same clock time. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (15), T (2025, 11, 17, 10, 0)),
               T (2025, 12, 2, 10, 0));
  /* Lands on Saturday: the end of Monday. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (5), T (2025, 11, 17, 10, 0)),
               T (2025, 11, 24, 17, 0));
  /* Lands on National Day (Tuesday 2 September): the end of Wednesday. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (15), T (2025, 8, 18, 9, 0)),
               T (2025, 9, 3, 17, 0));
  /* Lands in Tết 2026: the end of Monday 23 February. */
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, CAL (10), T (2026, 2, 6, 10, 0)),
               T (2026, 2, 23, 17, 0));
  /* Lands on a working day after closing: kept as it is (documented choice). */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (1), T (2025, 11, 17, 18, 0)),
               T (2025, 11, 18, 18, 0));
}

static void
test_no_limit (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  McPause pause = { T (2025, 11, 18, 9, 0), MC_TIME_NONE };
  McTime due = 0;

  g_assert_true (mc_deadline_compute (calendar, NULL, NO_LIMIT, T (2025, 11, 17, 10, 0), &due, NULL));
  g_assert_true (due == MC_TIME_NONE);
  g_assert_true (mc_deadline_with_pauses (calendar, NULL, NO_LIMIT, MC_PAUSE_RESUMES, T (2025, 11, 17, 10, 0),
                                          &pause, 1, &due, NULL));
  g_assert_true (due == MC_TIME_NONE);
  g_assert_false (mc_deadline_is_overdue (MC_TIME_NONE, T (2036, 1, 1, 0, 0)));
  g_assert_false (mc_deadline_is_due_soon (calendar, NULL, MC_TIME_NONE, T (2025, 11, 17, 10, 0)));
  g_assert_cmpint (mc_deadline_verdict (calendar, MC_TIME_NONE, T (2026, 5, 5, 10, 0)), ==, MC_VERDICT_ON_TIME);
}

static void
test_invalid_input (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GError) error = NULL;
  McPause bad_order[] = { { T (2025, 11, 18, 9, 0), T (2025, 11, 18, 8, 0) } };
  McPause open_first[] = {
    { T (2025, 11, 18, 9, 0), MC_TIME_NONE },
    { T (2025, 11, 19, 9, 0), T (2025, 11, 19, 10, 0) },
  };
  McTime due;

  g_assert_false (mc_deadline_compute (calendar, NULL, DAYS (0), T (2025, 11, 17, 10, 0), &due, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_deadline_compute (calendar, NULL, DAYS (3), MC_TIME_NONE, &due, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
  g_clear_error (&error);

  /* Outside the calendar: the error names the date and the range. */
  g_assert_false (mc_deadline_compute (calendar, NULL, DAYS (3), T (2030, 3, 4, 10, 0), &due, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  assert_contains (error->message, "2030-03-04");
  assert_contains (error->message, "2026-12-31");
  g_clear_error (&error);
  g_assert_false (mc_deadline_compute (calendar, NULL, DAYS (10), T (2026, 12, 28, 10, 0), &due, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_deadline_compute (calendar, NULL, CAL (10), T (2026, 12, 28, 10, 0), &due, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  assert_contains (error->message, "2027-01-07");
  g_clear_error (&error);

  g_assert_false (mc_deadline_with_pauses (calendar, NULL, DAYS (3), MC_PAUSE_RESUMES, T (2025, 11, 17, 10, 0),
                                           bad_order, 1, &due, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_deadline_with_pauses (calendar, NULL, DAYS (3), MC_PAUSE_RESUMES, T (2025, 11, 17, 10, 0),
                                           open_first, 2, &due, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
}

static McTime
paused_due (McWorkCalendar *calendar,
            McDeadlineMode  mode,
            McTimeLimit     limit,
            McPauseRule     rule,
            McTime          received,
            const McPause  *pauses,
            gsize           n_pauses)
{
  g_autoptr(GError) error = NULL;
  McDeadlinePolicy policy;
  McTime due = 0;

  mc_deadline_policy_init_default (&policy);
  policy.mode = mode;
  g_assert_true (mc_deadline_with_pauses (calendar, &policy, limit, rule, received, pauses, n_pauses, &due, &error));
  g_assert_no_error (error);
  return due;
}

static void
test_pauses_resume (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  /* No pause: the original appointment. */
  assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESUMES,
                           T (2025, 11, 17, 10, 0), NULL, 0),
               T (2025, 11, 20, 10, 0));
  {
    /* Tuesday 10:00 → Wednesday 10:00 is 8 working hours: one day later. */
    McPause pause = { T (2025, 11, 18, 10, 0), T (2025, 11, 19, 10, 0) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESUMES,
                             T (2025, 11, 17, 10, 0), &pause, 1),
                 T (2025, 11, 21, 10, 0));
  }
  {
    /* Over a weekend and National Day: Friday 16:00 → Wednesday 09:00 is 1 h + 2 h of
     * working time, not five days. The original Thursday 4 September 10:00 becomes 15:00. */
    McPause pause = { T (2025, 8, 29, 16, 0), T (2025, 9, 3, 9, 0) };

    assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), T (2025, 8, 28, 10, 0)),
                 T (2025, 9, 4, 10, 0));
    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESUMES,
                             T (2025, 8, 28, 10, 0), &pause, 1),
                 T (2025, 9, 4, 15, 0));
  }
  {
    /* Two pauses add up: 2 h + 2 h (09:00–11:00, 14:00–16:00 on Tuesday). */
    McPause pauses[] = {
      { T (2025, 11, 18, 9, 0), T (2025, 11, 18, 11, 0) },
      { T (2025, 11, 18, 14, 0), T (2025, 11, 18, 16, 0) },
    };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESUMES,
                             T (2025, 11, 17, 10, 0), pauses, 2),
                 T (2025, 11, 20, 16, 0));
  }
  {
    /* Open pause: the appointment if the applicant delivered at the pause's start. */
    McPause pauses[] = {
      { T (2025, 11, 17, 14, 0), T (2025, 11, 17, 16, 0) },
      { T (2025, 11, 18, 10, 0), MC_TIME_NONE },
    };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESUMES,
                             T (2025, 11, 17, 10, 0), pauses, 2),
                 T (2025, 11, 20, 14, 0));
  }
  {
    /* Working hours: 4 h from Friday 16:00 is Monday 10:00; paused all Monday morning
     * (07:00–11:30 = 4.5 h): 1.5 h before lunch, 3 h after → Monday 16:30. */
    McPause pause = { T (2025, 11, 24, 7, 0), T (2025, 11, 24, 11, 30) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, HOURS (4), MC_PAUSE_RESUMES,
                             T (2025, 11, 21, 16, 0), &pause, 1),
                 T (2025, 11, 24, 16, 30));
  }
  {
    /* End-of-day mode: Monday + 2 days is Wednesday 17:00; one working day paused → Thursday. */
    McPause pause = { T (2025, 11, 18, 10, 0), T (2025, 11, 19, 10, 0) };

    assert_time (paused_due (calendar, MC_DEADLINE_END_OF_DAY, DAYS (2), MC_PAUSE_RESUMES,
                             T (2025, 11, 17, 10, 0), &pause, 1),
                 T (2025, 11, 20, 17, 0));
  }
  {
    /* Same day, paused 10:00–14:00 (1.5 h + 0.5 h of working time): Tuesday 09:00. */
    McPause pause = { T (2025, 11, 17, 10, 0), T (2025, 11, 17, 14, 0) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, MC_PAUSE_RESUMES,
                             T (2025, 11, 17, 9, 0), &pause, 1),
                 T (2025, 11, 18, 9, 0));
  }
  {
    /* Calendar days count on the calendar clock: two days paused, two days later. */
    McPause pause = { T (2025, 11, 5, 10, 0), T (2025, 11, 7, 10, 0) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (15), MC_PAUSE_RESUMES,
                             T (2025, 11, 3, 10, 0), &pause, 1),
                 T (2025, 11, 20, 10, 0));
  }
  {
    /* A pause never brings a calendar-day appointment forward: 7 days from Sunday 9 Nov
     * 08:00 land on Sunday 16, moved to Monday 17 at closing; 26 h paused would push the
     * target to Monday 10:00, earlier than without the pause, so Monday 17:00 stays. */
    McPause pause = { T (2025, 11, 14, 9, 0), T (2025, 11, 15, 11, 0) };

    assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (7), T (2025, 11, 9, 8, 0)),
                 T (2025, 11, 17, 17, 0));
    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (7), MC_PAUSE_RESUMES,
                             T (2025, 11, 9, 8, 0), &pause, 1),
                 T (2025, 11, 17, 17, 0));
    {
      g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, CAL (7), MC_PAUSE_RESUMES,
                                                   T (2025, 11, 9, 8, 0), &pause, 1);

      g_assert_nonnull (strstr (text, "không sớm hơn ngày hẹn ban đầu"));
      g_assert_nonnull (strstr (text, "Ngày hẹn trả: 17 giờ 00 phút, ngày 17/11/2025."));
    }
  }
  {
    /* A pause recorded before the receipt counts only from the receipt. */
    McPause pause = { T (2025, 11, 14, 10, 0), T (2025, 11, 17, 11, 0) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESUMES,
                             T (2025, 11, 17, 10, 0), &pause, 1),
                 T (2025, 11, 20, 11, 0));
  }
}

static void
test_pauses_restart (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  {
    /* The full 3 days again from Thursday 14:00: 3 h Thu, 8 h Fri, 8 h Mon, 5 h Tue. */
    McPause pause = { T (2025, 11, 18, 10, 0), T (2025, 11, 20, 14, 0) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESTARTS,
                             T (2025, 11, 17, 10, 0), &pause, 1),
                 T (2025, 11, 25, 14, 0));
  }
  {
    /* Delivered on the Friday before National Day at 16:00: 1 h Friday, 7 h Wednesday. */
    McPause pauses[] = {
      { T (2025, 8, 20, 9, 0), T (2025, 8, 21, 9, 0) },
      { T (2025, 8, 25, 9, 0), T (2025, 8, 29, 16, 0) },
    };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), MC_PAUSE_RESTARTS,
                             T (2025, 8, 19, 10, 0), pauses, 2),
                 T (2025, 9, 3, 16, 0));
  }
  {
    /* Waiting over a weekend and National Day, delivered Wednesday 09:00: a full day again. */
    McPause pause = { T (2025, 8, 29, 16, 0), T (2025, 9, 3, 9, 0) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), MC_PAUSE_RESTARTS,
                             T (2025, 8, 29, 10, 0), &pause, 1),
                 T (2025, 9, 4, 9, 0));
    assert_time (paused_due (calendar, MC_DEADLINE_END_OF_DAY, DAYS (1), MC_PAUSE_RESTARTS,
                             T (2025, 8, 29, 10, 0), &pause, 1),
                 T (2025, 9, 4, 17, 0));
  }
  {
    /* Open: restarts at the pause's start (delivered now at the pause start). */
    McPause pause = { T (2025, 11, 18, 10, 0), MC_TIME_NONE };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), MC_PAUSE_RESTARTS,
                             T (2025, 11, 17, 10, 0), &pause, 1),
                 T (2025, 11, 21, 10, 0));
  }
  {
    /* Same day and calendar days restart with their own rule. */
    McPause pause = { T (2025, 11, 17, 10, 0), T (2025, 11, 17, 15, 30) };

    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, SAME_DAY, MC_PAUSE_RESTARTS,
                             T (2025, 11, 17, 9, 0), &pause, 1),
                 T (2025, 11, 18, 17, 0));
    assert_time (paused_due (calendar, MC_DEADLINE_OFFICE_HOURS, CAL (5), MC_PAUSE_RESTARTS,
                             T (2025, 11, 14, 9, 0), &pause, 1),
                 T (2025, 11, 24, 17, 0));
  }
}

static void
test_due_soon_and_overdue (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  McDeadlinePolicy policy;

  mc_deadline_policy_init_default (&policy);
  g_assert_cmpint (policy.mode, ==, MC_DEADLINE_OFFICE_HOURS);
  g_assert_cmpint (policy.same_day_cutoff, ==, H (15, 0));
  g_assert_cmpint (policy.due_soon_working_days, ==, 1);

  /* Monday: due by Tuesday 17:00 is soon, Wednesday 10:00 is not. */
  g_assert_true (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 18, 17, 0), T (2025, 11, 17, 10, 0)));
  g_assert_true (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 17, 16, 0), T (2025, 11, 17, 10, 0)));
  g_assert_false (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 19, 10, 0), T (2025, 11, 17, 10, 0)));
  /* Friday: the next working day is Monday. */
  g_assert_true (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 24, 16, 0), T (2025, 11, 21, 10, 0)));
  g_assert_false (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 25, 9, 0), T (2025, 11, 21, 10, 0)));
  /* Friday before National Day: the next working day is Wednesday 3 September. */
  g_assert_true (mc_deadline_is_due_soon (calendar, &policy, T (2025, 9, 3, 17, 0), T (2025, 8, 29, 10, 0)));
  /* Already overdue is not "due soon". */
  g_assert_false (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 17, 9, 0), T (2025, 11, 17, 10, 0)));
  policy.due_soon_working_days = 2;
  g_assert_true (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 19, 10, 0), T (2025, 11, 17, 10, 0)));
  policy.due_soon_working_days = 0;
  g_assert_true (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 17, 17, 0), T (2025, 11, 17, 10, 0)));
  g_assert_false (mc_deadline_is_due_soon (calendar, &policy, T (2025, 11, 18, 8, 0), T (2025, 11, 17, 10, 0)));

  g_assert_false (mc_deadline_is_overdue (T (2025, 11, 20, 10, 0), T (2025, 11, 20, 10, 0)));
  g_assert_true (mc_deadline_is_overdue (T (2025, 11, 20, 10, 0), T (2025, 11, 20, 10, 0) + 1));
  g_assert_false (mc_deadline_is_overdue (T (2025, 11, 20, 10, 0), T (2025, 11, 19, 10, 0)));
}

static void
test_verdict (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  McTime due = T (2025, 11, 20, 10, 0);

  g_assert_cmpint (mc_deadline_verdict (calendar, due, due), ==, MC_VERDICT_ON_TIME);
  g_assert_cmpint (mc_deadline_verdict (calendar, due, due + 1), ==, MC_VERDICT_LATE);
  g_assert_cmpint (mc_deadline_verdict (calendar, due, T (2025, 11, 20, 7, 30)), ==, MC_VERDICT_ON_TIME);
  g_assert_cmpint (mc_deadline_verdict (calendar, due, T (2025, 11, 19, 16, 59)), ==, MC_VERDICT_EARLY);
  g_assert_cmpint (mc_deadline_verdict (calendar, due, T (2025, 11, 21, 8, 0)), ==, MC_VERDICT_LATE);
  g_assert_cmpint (mc_deadline_verdict (calendar, due, MC_TIME_NONE), ==, MC_VERDICT_NONE);

  g_assert_cmpstr (mc_verdict_to_string (MC_VERDICT_EARLY), ==, "early");
  g_assert_cmpstr (mc_verdict_to_string (MC_VERDICT_ON_TIME), ==, "on-time");
  g_assert_cmpstr (mc_verdict_to_string (MC_VERDICT_LATE), ==, "late");
  g_assert_cmpstr (mc_verdict_to_string (MC_VERDICT_NONE), ==, "none");
}

static void
test_time_limit_text (void)
{
  static const struct { const char *text; McTimeLimitKind kind; int amount; const char *canonical; const char *vi; } good[] = {
    { "3 working-days", MC_TIME_LIMIT_WORKING_DAYS, 3, "3 working-days", "3 ngày làm việc" },
    { "1 working-day", MC_TIME_LIMIT_WORKING_DAYS, 1, "1 working-days", "1 ngày làm việc" },
    { "8 working-hours", MC_TIME_LIMIT_WORKING_HOURS, 8, "8 working-hours", "8 giờ làm việc" },
    { "same-day", MC_TIME_LIMIT_SAME_DAY, 0, "same-day", "Trong ngày" },
    { " 15 calendar-days ", MC_TIME_LIMIT_CALENDAR_DAYS, 15, "15 calendar-days", "15 ngày" },
    { "none", MC_TIME_LIMIT_NONE, 0, "none", "Không quy định thời hạn" },
  };
  static const struct { const char *text; int code; } bad[] = {
    { "", MC_CORE_ERROR_PARSE },
    { "3", MC_CORE_ERROR_PARSE },
    { "3 weeks", MC_CORE_ERROR_PARSE },
    { "three working-days", MC_CORE_ERROR_PARSE },
    { "3working-days", MC_CORE_ERROR_PARSE },
    { "-3 working-days", MC_CORE_ERROR_PARSE },
    { "0 working-days", MC_CORE_ERROR_INVALID },
    { "100000 working-hours", MC_CORE_ERROR_INVALID },
    /* Found by tests/fuzz/fuzz-time-limit: quoted back, bad bytes made readable. */
    { "3 working\xff-days", MC_CORE_ERROR_PARSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;
      g_autofree char *vi = NULL;
      McTimeLimit limit;

      g_assert_true (mc_time_limit_parse (good[i].text, &limit, &error));
      g_assert_no_error (error);
      g_assert_cmpint (limit.kind, ==, good[i].kind);
      if (good[i].amount)
        g_assert_cmpint (limit.amount, ==, good[i].amount);
      canonical = mc_time_limit_to_string (limit);
      g_assert_cmpstr (canonical, ==, good[i].canonical);
      vi = mc_time_limit_describe (limit);
      g_assert_cmpstr (vi, ==, good[i].vi);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      McTimeLimit limit;

      g_assert_false (mc_time_limit_parse (bad[i].text, &limit, &error));
      g_assert_error (error, MC_CORE_ERROR, bad[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_ten_years (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McWorkCalendar) calendar =
    mc_work_calendar_new_from_days (NULL, 0, NULL, 0, MC_WEEK_MONDAY_TO_FRIDAY, NULL, 2020, 2035, &error);
  McTime due;

  g_assert_no_error (error);
  /* 2600 working days of a plain Monday–Friday week are exactly 520 weeks: from Monday
   * 6 January 2025 10:00 to Monday 25 December 2034 10:00. */
  g_assert_true (mc_deadline_compute (calendar, NULL, DAYS (2600), T (2025, 1, 6, 10, 0), &due, &error));
  g_assert_no_error (error);
  assert_time (due, T (2034, 12, 25, 10, 0));
  g_assert_true (mc_deadline_compute (calendar, NULL, CAL (3652), T (2025, 1, 6, 10, 0), &due, &error));
  assert_time (due, T (2035, 1, 8, 17, 0)); /* 2035-01-06 is a Saturday */
}

static void
test_explain (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();

  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, DAYS (3), MC_PAUSE_RESUMES,
                                                 T (2025, 11, 17, 10, 0), NULL, 0);

    assert_contains (text, "Thời điểm tiếp nhận: 10 giờ 00 phút, ngày 17/11/2025 (thứ Hai).");
    assert_contains (text, "3 ngày làm việc");
    g_assert_true (g_str_has_suffix (text, "Ngày hẹn trả: 10 giờ 00 phút, ngày 20/11/2025."));
    g_assert_null (strstr (text, "Không tính ngày nghỉ"));
    g_assert_null (strstr (text, "Ngoài giờ"));
  }
  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, DAYS (1), MC_PAUSE_RESUMES,
                                                 T (2025, 11, 21, 16, 0), NULL, 0);

    assert_contains (text, "Không tính ngày nghỉ: từ thứ Bảy 22/11/2025 đến Chủ nhật 23/11/2025 (2 ngày: nghỉ cuối tuần).");
    g_assert_true (g_str_has_suffix (text, "Ngày hẹn trả: 16 giờ 00 phút, ngày 24/11/2025."));
  }
  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, DAYS (1), MC_PAUSE_RESUMES,
                                                 T (2025, 11, 17, 12, 10), NULL, 0);

    assert_contains (text, "trong giờ nghỉ");
    assert_contains (text, "tính từ 13 giờ 30 phút, ngày 17/11/2025");
  }
  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, DAYS (2), MC_PAUSE_RESUMES,
                                                 T (2025, 11, 22, 9, 0), NULL, 0);

    assert_contains (text, "tiếp nhận vào ngày nghỉ: nghỉ cuối tuần");
    assert_contains (text, "tính từ 07 giờ 00 phút, ngày 24/11/2025");
    /* The weekend before the start is explained by the move, not listed again. */
    g_assert_null (strstr (text, "Không tính ngày nghỉ"));
    g_assert_true (g_str_has_suffix (text, "Ngày hẹn trả: 17 giờ 00 phút, ngày 25/11/2025."));
  }
  {
    McPause pause = { T (2025, 8, 29, 16, 0), T (2025, 9, 3, 9, 0) };
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, DAYS (3), MC_PAUSE_RESUMES,
                                                 T (2025, 8, 28, 10, 0), &pause, 1);

    assert_contains (text, "Không tính ngày nghỉ: từ thứ Bảy 30/08/2025 đến thứ Ba 02/09/2025 (4 ngày: nghỉ cuối tuần; ngày nghỉ).");
    assert_contains (text, "Ngày hẹn trả ban đầu: 10 giờ 00 phút, ngày 04/09/2025.");
    assert_contains (text, ": 3 giờ làm việc được cộng thêm vào thời hạn.");
    g_assert_true (g_str_has_suffix (text, "Ngày hẹn trả: 15 giờ 00 phút, ngày 04/09/2025."));
  }
  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, NO_LIMIT, MC_PAUSE_RESUMES,
                                                 T (2025, 11, 17, 10, 0), NULL, 0);

    assert_contains (text, "Không quy định thời hạn");
    assert_contains (text, "Không có ngày hẹn trả cụ thể theo quy định.");
  }
  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, SAME_DAY, MC_PAUSE_RESUMES,
                                                 T (2025, 11, 17, 15, 1), NULL, 0);

    assert_contains (text, "sau 15:00");
    g_assert_true (g_str_has_suffix (text, "Ngày hẹn trả: 17 giờ 00 phút, ngày 18/11/2025."));
  }
  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, CAL (5), MC_PAUSE_RESUMES,
                                                 T (2025, 11, 17, 10, 0), NULL, 0);

    assert_contains (text, "Ngày thứ 5 (thứ Bảy 22/11/2025) rơi vào ngày nghỉ (nghỉ cuối tuần); hẹn trả");
    g_assert_true (g_str_has_suffix (text, "Ngày hẹn trả: 17 giờ 00 phút, ngày 24/11/2025."));
  }
  {
    g_autofree char *text = mc_deadline_explain (calendar, NULL, NULL, DAYS (3), MC_PAUSE_RESUMES,
                                                 T (2030, 1, 7, 10, 0), NULL, 0);

    assert_contains (text, "Không tính được ngày hẹn trả");
    assert_contains (text, "2030-01-07");
  }
}

/* The bundled Vietnamese rules (the holidays module's data). */
static void
test_vietnamese_calendar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McHolidayRules) rules = mc_holiday_rules_new_default (&error);
  g_autoptr(McWorkCalendar) calendar = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  calendar = mc_work_calendar_new (rules, MC_WEEK_MONDAY_TO_FRIDAY, NULL, 2025, 2026, &error);
  g_assert_no_error (error);

  /* Tết Bính Ngọ: off 16–20 February 2026 (with the weekends, 14–22 February). */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (3), T (2026, 2, 13, 10, 0)),
               T (2026, 2, 25, 10, 0));
  assert_time (due_for (calendar, MC_DEADLINE_END_OF_DAY, DAYS (1), T (2026, 2, 13, 10, 0)),
               T (2026, 2, 23, 17, 0));
  /* National Day 2025: 1 and 2 September off. */
  assert_time (due_for (calendar, MC_DEADLINE_OFFICE_HOURS, DAYS (1), T (2025, 8, 29, 10, 0)),
               T (2025, 9, 3, 10, 0));

  text = mc_deadline_explain (calendar, rules, NULL, DAYS (3), MC_PAUSE_RESUMES, T (2026, 2, 13, 10, 0), NULL, 0);
  /* One run of nine days, named after Tết (whether the weekends are listed as Tết or not). */
  assert_contains (text, "từ thứ Bảy 14/02/2026 đến Chủ nhật 22/02/2026 (9 ngày: ");
  assert_contains (strstr (text, "(9 ngày: "), "Tết");
  g_assert_true (g_str_has_suffix (text, "Ngày hẹn trả: 10 giờ 00 phút, ngày 25/02/2026."));
}

/* Property tests: the engine against a naive reference (the calendar model is in
 * mc-test-calendar.c, shared with test-work-calendar). */

static int
model_closing (const Model *m)
{
  return m->segments[m->n_segments - 1].end;
}

static int
model_daily (const Model *m)
{
  int total = 0;

  for (guint i = 0; i < m->n_segments; i++)
    total += m->segments[i].end - m->segments[i].start;
  return total;
}

/* The earliest moment after @from with @need (> 0) working seconds behind it. */
static gboolean
model_walk (const Model *m,
            McTime       from,
            gint64       need,
            McTime      *out)
{
  McDay day = mc_time_local_day (from);
  int s = mc_time_local_seconds (from);

  for (; day <= m->last; day++, s = 0)
    {
      if (!model_is_working (m, day))
        continue;
      for (guint i = 0; i < m->n_segments; i++)
        {
          int a = MAX (s, m->segments[i].start);
          int avail = m->segments[i].end - a;

          if (avail <= 0)
            continue;
          if (need <= avail)
            {
              *out = mc_time_from_local (day, a + (int) need);
              return TRUE;
            }
          need -= avail;
          s = m->segments[i].end;
        }
    }
  return FALSE;
}

static gboolean
model_next_working (const Model *m,
                    McDay        day,
                    McDay       *out)
{
  for (; day <= m->last; day++)
    if (model_is_working (m, day))
      {
        *out = day;
        return TRUE;
      }
  return FALSE;
}

/* The day-based limits, straight from the wording of domain.md. */
static gboolean
model_base (const Model            *m,
            const McDeadlinePolicy *policy,
            McTimeLimit             limit,
            McTime                  received,
            gint64                  paused_clock,
            McTime                 *out)
{
  McDay day = mc_time_local_day (received);
  int clock = mc_time_local_seconds (received);

  switch (limit.kind)
    {
    case MC_TIME_LIMIT_WORKING_DAYS:
      /* End of the N-th working day after the day of receipt. */
      for (int n = limit.amount; n > 0;)
        {
          if (++day > m->last)
            return FALSE;
          n -= model_is_working (m, day);
        }
      *out = mc_time_from_local (day, model_closing (m));
      return TRUE;

    case MC_TIME_LIMIT_SAME_DAY:
      if (model_is_working (m, day) && clock < model_closing (m))
        {
          /* Received in the day: today unless after the cutoff. */
          if (clock <= policy->same_day_cutoff)
            {
              *out = mc_time_from_local (day, model_closing (m));
              return TRUE;
            }
          if (!model_next_working (m, day + 1, &day))
            return FALSE;
        }
      else
        {
          /* Counted from the next working day's opening, the cutoff applied to it. */
          if (!model_next_working (m, day + 1, &day))
            return FALSE;
          if (m->segments[0].start > policy->same_day_cutoff && !model_next_working (m, day + 1, &day))
            return FALSE;
        }
      *out = mc_time_from_local (day, model_closing (m));
      return TRUE;

    case MC_TIME_LIMIT_CALENDAR_DAYS:
      {
        McTime target = received + (gint64) limit.amount * MC_SECONDS_PER_DAY + paused_clock;

        day = mc_time_local_day (target);
        if (day > m->last)
          return FALSE;
        if (model_is_working (m, day))
          {
            *out = target;
            return TRUE;
          }
        if (!model_next_working (m, day, &day))
          return FALSE;
        *out = mc_time_from_local (day, model_closing (m));
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* The reference appointment with closed @pauses (RESUMES). Office-time limits stop the
 * clock during each pause and walk on; the others add the pauses' working time. */
static gboolean
model_deadline (const Model            *m,
                const McDeadlinePolicy *policy,
                McTimeLimit             limit,
                McTime                  received,
                const McPause          *pauses,
                gsize                   n_pauses,
                McTime                 *out)
{
  gboolean on_axis = limit.kind == MC_TIME_LIMIT_WORKING_HOURS ||
                     (limit.kind == MC_TIME_LIMIT_WORKING_DAYS && policy->mode == MC_DEADLINE_OFFICE_HOURS);
  gint64 paused_working = 0, paused_clock = 0;
  McTime base;

  if (on_axis)
    {
      gint64 need = limit.kind == MC_TIME_LIMIT_WORKING_HOURS ? (gint64) limit.amount * 3600
                                                              : (gint64) limit.amount * model_daily (m);
      McTime at = received;

      for (gsize i = 0; i < n_pauses; i++)
        {
          need -= model_between (m, at, pauses[i].started);
          g_assert_cmpint (need, >, 0);
          at = pauses[i].ended;
        }
      return model_walk (m, at, need, out);
    }

  for (gsize i = 0; i < n_pauses; i++)
    {
      paused_working += model_between (m, pauses[i].started, pauses[i].ended);
      paused_clock += pauses[i].ended - pauses[i].started;
    }
  if (!model_base (m, policy, limit, received, limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS ? paused_clock : 0, &base))
    return FALSE;
  if (limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS && paused_clock > 0)
    {
      McTime unpaused;

      /* Never earlier than with no pause at all (a day-off target moved to the next closing). */
      if (!model_base (m, policy, limit, received, 0, &unpaused))
        return FALSE;
      *out = MAX (base, unpaused);
      return TRUE;
    }
  if (limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS || paused_working == 0)
    {
      *out = base;
      return TRUE;
    }
  return model_walk (m, base, paused_working, out);
}

static McTime
random_moment (GRand       *rand,
               const Model *m,
               McTime       from,
               McTime       to)
{
  McDay day;
  const McOfficeSegment *segment;
  McTime t;

  if (to <= from)
    return from;
  day = g_rand_int_range (rand, mc_time_local_day (from), mc_time_local_day (to) + 1);
  segment = &m->segments[g_rand_int_range (rand, 0, (int) m->n_segments)];
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      t = mc_time_from_local (day, segment->start + g_rand_int_range (rand, -1, 2));
      break;
    case 1:
      t = mc_time_from_local (day, segment->end + g_rand_int_range (rand, -1, 2));
      break;
    default:
      t = mc_time_from_local (day, g_rand_int_range (rand, 0, MC_SECONDS_PER_DAY));
      break;
    }
  return CLAMP (t, from, to);
}

static McTimeLimit
random_limit (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
    case 1:
      return DAYS (g_rand_int_range (rand, 1, 41));
    case 2:
      return HOURS (g_rand_int_range (rand, 1, 200));
    case 3:
      return SAME_DAY;
    default:
      return CAL (g_rand_int_range (rand, 1, 91));
    }
}

static void
describe_case (const Model   *m,
               McTimeLimit    limit,
               McDeadlineMode mode,
               McTime         received,
               gsize          n_pauses)
{
  g_autofree char *limit_text = mc_time_limit_to_string (limit);
  g_autofree char *received_text = mc_time_format_iso (received);

  g_test_message ("week %#x, %u segments (%d-%d …), limit %s, mode %d, received %s, %" G_GSIZE_FORMAT " pauses",
                  m->weekdays, m->n_segments, m->segments[0].start, m->segments[0].end,
                  limit_text, mode, received_text, n_pauses);
}

static void
test_property_random_calendars (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1147);
  guint compared = 0, with_pauses = 0;

  for (int c = 0; c < 300; c++)
    {
      Model m;
      g_autoptr(McWorkCalendar) calendar = NULL;

      random_model (rand, &m, 80);
      calendar = model_calendar (&m);

      for (int k = 0; k < 60; k++)
        {
          McDeadlinePolicy policy;
          McTimeLimit limit = random_limit (rand);
          McTime received = random_moment (rand, &m, mc_time_from_local (m.first + 1, 0),
                                           mc_time_from_local (D (2025, 6, 30), 0));
          McPause pauses[3];
          gsize n_pauses = 0;
          McTime expected = 0, due = 0;
          gboolean found, computed;
          gboolean on_axis;

          mc_deadline_policy_init_default (&policy);
          policy.mode = g_rand_boolean (rand) ? MC_DEADLINE_OFFICE_HOURS : MC_DEADLINE_END_OF_DAY;
          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              policy.same_day_cutoff = m.segments[g_rand_int_range (rand, 0, (int) m.n_segments)].end;
              break;
            case 1:
              policy.same_day_cutoff = g_rand_int_range (rand, 0, MC_SECONDS_PER_DAY);
              break;
            default:
              break;
            }
          on_axis = limit.kind == MC_TIME_LIMIT_WORKING_HOURS ||
                    (limit.kind == MC_TIME_LIMIT_WORKING_DAYS && policy.mode == MC_DEADLINE_OFFICE_HOURS);

          found = model_deadline (&m, &policy, limit, received, NULL, 0, &expected);
          computed = mc_deadline_compute (calendar, &policy, limit, received, &due, NULL);
          if (computed != found || (found && due != expected))
            describe_case (&m, limit, policy.mode, received, 0);
          g_assert_cmpint (computed, ==, found);
          if (!found)
            continue;
          assert_time (due, expected);
          compared++;

          g_assert_cmpint (due, >=, received);
          if (on_axis)
            {
              McTime start;
              gint64 w;
              gint64 want = limit.kind == MC_TIME_LIMIT_WORKING_HOURS ? (gint64) limit.amount * 3600
                                                                      : (gint64) limit.amount * model_daily (&m);

              g_assert_true (mc_work_calendar_normalize (calendar, received, &start, NULL));
              g_assert_cmpint (due, >=, start);
              g_assert_true (mc_work_calendar_working_seconds_between (calendar, received, due, &w, NULL));
              g_assert_cmpint (w, ==, want);
            }

          /* Up to three pauses, each starting before the running appointment. */
          for (McTime cursor = received, running = due; n_pauses < (gsize) g_rand_int_range (rand, 0, 4);)
            {
              McTime started = random_moment (rand, &m, cursor, running - 1);
              McTime ended = started + g_rand_int_range (rand, 0, 10 * MC_SECONDS_PER_DAY);

              if (running - 1 < cursor || mc_time_local_day (ended) > D (2026, 6, 30))
                break;
              pauses[n_pauses++] = (McPause) { started, ended };
              if (!model_deadline (&m, &policy, limit, received, pauses, n_pauses, &running))
                {
                  n_pauses--;
                  break;
                }
              cursor = ended;
            }
          if (n_pauses == 0)
            continue;

          found = model_deadline (&m, &policy, limit, received, pauses, n_pauses, &expected);
          computed = mc_deadline_with_pauses (calendar, &policy, limit, MC_PAUSE_RESUMES, received,
                                              pauses, n_pauses, &due, NULL);
          if (computed != found || (found && due != expected))
            describe_case (&m, limit, policy.mode, received, n_pauses);
          g_assert_cmpint (computed, ==, found);
          if (found)
            {
              assert_time (due, expected);
              with_pauses++;
            }

          /* RESTARTS: the plain computation from the last delivery, never before the
           * appointment computed from the receipt. */
          found = model_deadline (&m, &policy, limit, pauses[n_pauses - 1].ended, NULL, 0, &expected);
          if (found)
            {
              McTime first;

              found = model_deadline (&m, &policy, limit, received, NULL, 0, &first);
              expected = MAX (expected, first);
            }
          computed = mc_deadline_with_pauses (calendar, &policy, limit, MC_PAUSE_RESTARTS, received,
                                              pauses, n_pauses, &due, NULL);
          g_assert_cmpint (computed, ==, found);
          if (found)
            assert_time (due, expected);
        }
      model_clear (&m);
    }
  g_test_message ("%u appointments and %u with pauses compared", compared, with_pauses);
  g_assert_cmpuint (compared, >, 10000);
  g_assert_cmpuint (with_pauses, >, 3000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deadline/domain-examples", test_domain_examples);
  g_test_add_func ("/deadline/awkward-receipts", test_awkward_receipts);
  g_test_add_func ("/deadline/working-hours", test_working_hours);
  g_test_add_func ("/deadline/end-of-day-mode", test_end_of_day_mode);
  g_test_add_func ("/deadline/same-day", test_same_day);
  g_test_add_func ("/deadline/calendar-days", test_calendar_days);
  g_test_add_func ("/deadline/no-limit", test_no_limit);
  g_test_add_func ("/deadline/invalid-input", test_invalid_input);
  g_test_add_func ("/deadline/pauses/resume", test_pauses_resume);
  g_test_add_func ("/deadline/pauses/restart", test_pauses_restart);
  g_test_add_func ("/deadline/due-soon-and-overdue", test_due_soon_and_overdue);
  g_test_add_func ("/deadline/verdict", test_verdict);
  g_test_add_func ("/deadline/time-limit-text", test_time_limit_text);
  g_test_add_func ("/deadline/ten-years", test_ten_years);
  g_test_add_func ("/deadline/explain", test_explain);
  g_test_add_func ("/deadline/vietnamese-calendar", test_vietnamese_calendar);
  g_test_add_func ("/deadline/property/random-calendars", test_property_random_calendars);

  return g_test_run ();
}
