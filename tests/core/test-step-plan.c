/* test-step-plan.c — each internal step's due moment, and the verdict of a hand-over.
 *
 * Worked examples counted by hand on November 2025 and the National Day holiday of 2025
 * (office hours 07:00–11:30 and 13:30–17:00: 8 working hours a day), then a property test
 * over the bundled Vietnamese calendar and over random calendars: for random receipts,
 * limits, shares and pauses, the steps' due moments never go backwards, the last one is the
 * dossier's appointment, each step gets its share of the working time, and steps already
 * due when the clock first stopped are not moved by the pause.
 */
#include "config.h"

#include "mc-error.h"
#include "mc-step-plan.h"
#include "mc-test-calendar.h"

/* Monday–Friday 2025–2026 with National Day 2025 off (Monday 1, Tuesday 2 September). */
static McWorkCalendar *
make_calendar (void)
{
  McDay off[] = { D (2025, 9, 1), D (2025, 9, 2) };
  g_autoptr(GError) error = NULL;
  McWorkCalendar *calendar;

  calendar = mc_work_calendar_new_from_days (off, G_N_ELEMENTS (off), NULL, 0, MC_WEEK_MONDAY_TO_FRIDAY,
                                             NULL, 2025, 2026, &error);
  g_assert_no_error (error);
  return calendar;
}

/* McProcedureStep* from a NULL-terminated list of department, share pairs. */
static GPtrArray *
make_steps (const char *department,
            ...)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, department);
  for (const char *name = department; name != NULL; name = va_arg (args, const char *))
    {
      McProcedureStep *step = g_new0 (McProcedureStep, 1);

      /* Borrowed: the names are string literals. */
      step->department = (char *) name;
      step->share_percent = va_arg (args, int);
      g_ptr_array_add (steps, step);
    }
  va_end (args);
  return steps;
}

static McTime
due_for (McWorkCalendar *calendar,
         McTimeLimit     limit,
         McTime          received)
{
  g_autoptr(GError) error = NULL;
  McTime due = MC_TIME_NONE;

  g_assert_true (mc_deadline_compute (calendar, NULL, limit, received, &due, &error));
  g_assert_no_error (error);
  return due;
}

static GPtrArray *
plan_for (McWorkCalendar  *calendar,
          const GPtrArray *steps,
          McTime           received,
          McTime           original_due,
          McTime           current_due,
          McTime           first_pause_start)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *plan = mc_step_plan_compute (calendar, steps, received, original_due, current_due,
                                          first_pause_start, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static McTime
step_due (const GPtrArray *plan,
          guint            i)
{
  g_assert_cmpuint (i, <, plan->len);
  return ((const McPlannedStep *) g_ptr_array_index ((GPtrArray *) plan, i))->due;
}

#define DAYS(n)  ((McTimeLimit) { MC_TIME_LIMIT_WORKING_DAYS, (n) })
#define CAL(n)   ((McTimeLimit) { MC_TIME_LIMIT_CALENDAR_DAYS, (n) })

/* Received Monday 17/11/2025 10:00 with 10 working days (80 working hours): the dossier is
 * due Monday 01/12/2025 10:00. Steps of 20 %, 50 % and 30 %:
 * - step 1, 20 % = 16 h = two working days: Wednesday 19/11 10:00;
 * - step 2, up to 70 % = 56 h = seven working days: Wednesday 26/11 10:00 (the weekend of
 *   22–23/11 is not counted);
 * - step 3, up to 100 %: the dossier's appointment, Monday 01/12 10:00. */
static void
test_worked_example (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) steps = make_steps ("Bộ phận tiếp nhận", 20, "Công chức Tư pháp - Hộ tịch", 50,
                                           "Lãnh đạo UBND xã", 30, NULL);
  McTime received = T (2025, 11, 17, 10, 0);
  McTime due = due_for (calendar, DAYS (10), received);
  g_autoptr(GPtrArray) plan = NULL;
  const McPlannedStep *first;

  assert_time (due, T (2025, 12, 1, 10, 0));
  plan = plan_for (calendar, steps, received, due, due, MC_TIME_NONE);
  g_assert_cmpuint (plan->len, ==, 3);
  assert_time (step_due (plan, 0), T (2025, 11, 19, 10, 0));
  assert_time (step_due (plan, 1), T (2025, 11, 26, 10, 0));
  assert_time (step_due (plan, 2), T (2025, 12, 1, 10, 0));

  /* The plan keeps the catalogue's names and shares. */
  first = g_ptr_array_index (plan, 0);
  g_assert_cmpstr (first->department, ==, "Bộ phận tiếp nhận");
  g_assert_cmpint (first->share_percent, ==, 20);

  /* Shares that are not whole days: 15 % = 12 h after Monday 10:00 is 5 h on Monday and 7 h
   * on Tuesday 18/11 (4 h 30 before noon, 2 h 30 after 13:30): Tuesday 16:00. Up to 65 % =
   * 52 h = six days and 4 h: Tuesday 25/11 10:00 + 4 h over the lunch break = 16:00. */
  {
    g_autoptr(GPtrArray) odd_steps = make_steps ("A", 15, "B", 50, "C", 35, NULL);
    g_autoptr(GPtrArray) odd = plan_for (calendar, odd_steps, received, due, due, MC_TIME_NONE);

    assert_time (step_due (odd, 0), T (2025, 11, 18, 16, 0));
    assert_time (step_due (odd, 1), T (2025, 11, 25, 16, 0));
    assert_time (step_due (odd, 2), T (2025, 12, 1, 10, 0));
  }
}

/* Received Thursday 28/08/2025 14:00 with 5 working days (40 h): 3 h on Thursday, 8 h on
 * Friday 29/08, then the weekend and National Day (Monday 1 and Tuesday 2 September) are
 * skipped; 8 h each on Wednesday 3, Thursday 4 and Friday 5 (35 h), 5 h on Monday 8/09:
 * due Monday 08/09 14:00. Steps of 30 / 40 / 30:
 * - step 1, 12 h: 11 h by Friday evening, the 12th hour on Wednesday 03/09: 08:00, so the
 *   weekend and the holiday inside the step cost it nothing;
 * - step 2, up to 28 h: 27 h by Thursday 04/09 evening, one more: Friday 05/09 08:00;
 * - step 3: Monday 08/09 14:00. */
static void
test_days_off_inside_a_step (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) steps = make_steps ("Tiếp nhận", 30, "Thẩm định", 40, "Phê duyệt", 30, NULL);
  McTime received = T (2025, 8, 28, 14, 0);
  McTime due = due_for (calendar, DAYS (5), received);
  g_autoptr(GPtrArray) plan = NULL;

  assert_time (due, T (2025, 9, 8, 14, 0));
  plan = plan_for (calendar, steps, received, due, due, MC_TIME_NONE);
  assert_time (step_due (plan, 0), T (2025, 9, 3, 8, 0));
  assert_time (step_due (plan, 1), T (2025, 9, 5, 8, 0));
  assert_time (step_due (plan, 2), T (2025, 9, 8, 14, 0));
}

/* The worked example again, with the clock stopped for a supplement from Friday 21/11 15:00
 * to Tuesday 25/11 09:00, in the middle of step 2: 2 h on Friday, 8 h on Monday 24/11, 2 h
 * on Tuesday = 12 working hours. The dossier's appointment moves from Monday 01/12 10:00 by
 * 12 h (5 h to Monday's closing, 7 h on Tuesday 02/12): Tuesday 02/12 16:00. Step 1 was due
 * on Wednesday 19/11, before the pause: it stays. Step 2 was running: Wednesday 26/11 10:00
 * + 12 h = Thursday 27/11 16:00. Step 3 ends with the dossier. */
static void
test_pause_inside_step_two (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) steps = make_steps ("Bộ phận tiếp nhận", 20, "Công chức Tư pháp - Hộ tịch", 50,
                                           "Lãnh đạo UBND xã", 30, NULL);
  g_autoptr(GError) error = NULL;
  McTime received = T (2025, 11, 17, 10, 0);
  McTime due = due_for (calendar, DAYS (10), received);
  McPause pause = { T (2025, 11, 21, 15, 0), T (2025, 11, 25, 9, 0) };
  McTime current = MC_TIME_NONE;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) early_pause = NULL;
  g_autoptr(GPtrArray) at_boundary = NULL;
  g_autoptr(McDossier) dossier = mc_dossier_new ();
  g_autoptr(GPtrArray) from_dossier = NULL;

  g_assert_true (mc_deadline_with_pauses (calendar, NULL, DAYS (10), MC_PAUSE_RESUMES, received, &pause, 1,
                                          &current, &error));
  g_assert_no_error (error);
  assert_time (current, T (2025, 12, 2, 16, 0));

  plan = plan_for (calendar, steps, received, due, current, pause.started);
  assert_time (step_due (plan, 0), T (2025, 11, 19, 10, 0));
  assert_time (step_due (plan, 1), T (2025, 11, 27, 16, 0));
  assert_time (step_due (plan, 2), T (2025, 12, 2, 16, 0));

  /* Stopped on Tuesday 18/11, during step 1: every step waits. Step 1: Wednesday 19/11
   * 10:00 + 12 h = Thursday 20/11 16:00 (5 h to closing, then 7 h: 4 h 30 before noon and
   * 2 h 30 after 13:30). */
  early_pause = plan_for (calendar, steps, received, due, current, T (2025, 11, 18, 9, 0));
  assert_time (step_due (early_pause, 0), T (2025, 11, 20, 16, 0));
  assert_time (step_due (early_pause, 1), T (2025, 11, 27, 16, 0));

  /* Stopped at the very moment step 1 was due: step 1 was over, not running. */
  at_boundary = plan_for (calendar, steps, received, due, current, T (2025, 11, 19, 10, 0));
  assert_time (step_due (at_boundary, 0), T (2025, 11, 19, 10, 0));
  assert_time (step_due (at_boundary, 1), T (2025, 11, 27, 16, 0));

  /* A stored dossier gives the same plan from its own fields and pauses. */
  dossier->received_at = received;
  dossier->due_at = due;
  dossier->current_due_at = current;
  from_dossier = mc_step_plan_for_dossier (calendar, dossier, steps, &pause, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_dossier->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_time (step_due (from_dossier, i), step_due (plan, i));
}

/* Shares of 1 / 1 / 2 are scaled to their sum: a quarter, a quarter and a half. Received
 * Monday 17/11 07:00 with 8 working days (64 h, due Wednesday 26/11 17:00): step 1 has
 * 16 h, Monday and Tuesday, due Tuesday 18/11 17:00 (the end of the day, not Wednesday's
 * opening); step 2 up to 32 h: Thursday 20/11 17:00. Shares of 20 / 50 / 20 (90) with
 * 9 working days (72 h, due Thursday 27/11 17:00): 20/90 of 72 h = 16 h, Tuesday 17:00;
 * 70/90 = 56 h = seven days, Tuesday 25/11 17:00. Shares all 0: the time is split evenly. */
static void
test_shares_not_summing_to_100 (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  McTime received = T (2025, 11, 17, 7, 0);
  g_autoptr(GPtrArray) quarters = make_steps ("A", 1, "B", 1, "C", 2, NULL);
  g_autoptr(GPtrArray) ninety = make_steps ("A", 20, "B", 50, "C", 20, NULL);
  g_autoptr(GPtrArray) zero = make_steps ("A", 0, "B", 0, NULL);
  McTime due8 = due_for (calendar, DAYS (8), received);
  McTime due9 = due_for (calendar, DAYS (9), received);
  McTime due4 = due_for (calendar, DAYS (4), received);
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) plan90 = NULL;
  g_autoptr(GPtrArray) even = NULL;

  assert_time (due8, T (2025, 11, 26, 17, 0));
  plan = plan_for (calendar, quarters, received, due8, due8, MC_TIME_NONE);
  assert_time (step_due (plan, 0), T (2025, 11, 18, 17, 0));
  assert_time (step_due (plan, 1), T (2025, 11, 20, 17, 0));
  assert_time (step_due (plan, 2), T (2025, 11, 26, 17, 0));

  assert_time (due9, T (2025, 11, 27, 17, 0));
  plan90 = plan_for (calendar, ninety, received, due9, due9, MC_TIME_NONE);
  assert_time (step_due (plan90, 0), T (2025, 11, 18, 17, 0));
  assert_time (step_due (plan90, 1), T (2025, 11, 25, 17, 0));
  assert_time (step_due (plan90, 2), T (2025, 11, 27, 17, 0));

  /* 4 working days, two each: Tuesday 18/11 17:00 and Thursday 20/11 17:00. */
  even = plan_for (calendar, zero, received, due4, due4, MC_TIME_NONE);
  assert_time (step_due (even, 0), T (2025, 11, 18, 17, 0));
  assert_time (step_due (even, 1), T (2025, 11, 20, 17, 0));
}

static void
test_no_steps (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  McTime received = T (2025, 11, 17, 10, 0);
  McTime due = due_for (calendar, DAYS (3), received);
  g_autoptr(GPtrArray) from_null = plan_for (calendar, NULL, received, due, due, MC_TIME_NONE);
  g_autoptr(GPtrArray) from_empty = plan_for (calendar, none, received, due, due, MC_TIME_NONE);

  g_assert_cmpuint (from_null->len, ==, 0);
  g_assert_cmpuint (from_empty->len, ==, 0);
  /* Nothing to end, nothing to judge. */
  g_assert_cmpint (mc_step_plan_judge_result (calendar, from_empty, due, NULL), ==, MC_VERDICT_NONE);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, from_empty, "Lãnh đạo", due, NULL), ==, MC_VERDICT_NONE);
}

/* Without statutory time every step is listed with no due moment, and no step can be late. */
static void
test_no_statutory_time (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) steps = make_steps ("Tiếp nhận", 50, "Lãnh đạo", 50, NULL);
  g_autoptr(GPtrArray) plan = plan_for (calendar, steps, T (2025, 11, 17, 10, 0), MC_TIME_NONE, MC_TIME_NONE,
                                        MC_TIME_NONE);
  int ended = -2;

  g_assert_cmpuint (plan->len, ==, 2);
  g_assert_cmpint (step_due (plan, 0), ==, MC_TIME_NONE);
  g_assert_cmpint (step_due (plan, 1), ==, MC_TIME_NONE);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "Lãnh đạo", T (2026, 6, 1, 9, 0), &ended),
                   ==, MC_VERDICT_ON_TIME);
  g_assert_cmpint (ended, ==, 0);
}

/* A calendar-day limit is divided by the working time between receipt and appointment.
 * Received Monday 17/11 18:00, after closing, with 2 calendar days: due Wednesday 19/11
 * 18:00, a working day, kept outside office hours. The working time in between is Tuesday
 * and Wednesday, 16 h: step 1 (50 %) is due Tuesday 18/11 17:00, and step 2 at the
 * appointment itself, 18:00, not at Wednesday's closing. */
static void
test_calendar_days (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) steps = make_steps ("A", 50, "B", 50, NULL);
  McTime received = T (2025, 11, 17, 18, 0);
  McTime due = due_for (calendar, CAL (2), received);
  g_autoptr(GPtrArray) plan = NULL;

  assert_time (due, T (2025, 11, 19, 18, 0));
  plan = plan_for (calendar, steps, received, due, due, MC_TIME_NONE);
  assert_time (step_due (plan, 0), T (2025, 11, 18, 17, 0));
  assert_time (step_due (plan, 1), T (2025, 11, 19, 18, 0));
}

/* The worked example's plan: step 1 due Wednesday 19/11 10:00, step 2 Wednesday 26/11
 * 10:00, step 3 Monday 01/12 10:00. */
static void
test_handover_verdicts (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) steps = make_steps ("Bộ phận tiếp nhận", 20, "Công chức Tư pháp - Hộ tịch", 50,
                                           "Lãnh đạo UBND xã", 30, NULL);
  McTime received = T (2025, 11, 17, 10, 0);
  McTime due = due_for (calendar, DAYS (10), received);
  g_autoptr(GPtrArray) plan = plan_for (calendar, steps, received, due, due, MC_TIME_NONE);
  int ended = -2;

  /* To the justice officer: it ends step 1. A day before its due day is early; on the day
   * up to and including 10:00 on time; a minute later late. Typed without diacritics, in
   * another case, with stray spaces: the same department. */
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "Công chức Tư pháp - Hộ tịch",
                                                T (2025, 11, 18, 15, 0), &ended), ==, MC_VERDICT_EARLY);
  g_assert_cmpint (ended, ==, 0);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "  cong chuc TU PHAP -  ho tich ",
                                                T (2025, 11, 19, 9, 30), &ended), ==, MC_VERDICT_ON_TIME);
  g_assert_cmpint (ended, ==, 0);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "Công chức Tư pháp - Hộ tịch",
                                                T (2025, 11, 19, 10, 0), NULL), ==, MC_VERDICT_ON_TIME);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "Công chức Tư pháp - Hộ tịch",
                                                T (2025, 11, 19, 10, 1), NULL), ==, MC_VERDICT_LATE);

  /* To the leader: it ends step 2, due Wednesday 26/11 10:00. */
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "LÃNH ĐẠO UBND XÃ", T (2025, 11, 27, 8, 0),
                                                &ended), ==, MC_VERDICT_LATE);
  g_assert_cmpint (ended, ==, 1);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "lanh dao ubnd xa", T (2025, 11, 25, 16, 0),
                                                NULL), ==, MC_VERDICT_EARLY);

  /* The result back at the counter ends the last step, due with the dossier. */
  g_assert_cmpint (mc_step_plan_judge_result (calendar, plan, T (2025, 11, 28, 16, 0), &ended), ==, MC_VERDICT_EARLY);
  g_assert_cmpint (ended, ==, 2);
  g_assert_cmpint (mc_step_plan_judge_result (calendar, plan, T (2025, 12, 1, 9, 0), NULL), ==, MC_VERDICT_ON_TIME);
  g_assert_cmpint (mc_step_plan_judge_result (calendar, plan, T (2025, 12, 1, 13, 30), NULL), ==, MC_VERDICT_LATE);

  /* The first step's department only receives the dossier: no step ends. A department not
   * in the plan, or no name at all, is not judged; nor is a hand-over with no moment. */
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "Bộ phận tiếp nhận", T (2025, 11, 17, 10, 5),
                                                &ended), ==, MC_VERDICT_NONE);
  g_assert_cmpint (ended, ==, -1);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "Phòng Tài chính - Kế hoạch",
                                                T (2025, 11, 18, 9, 0), &ended), ==, MC_VERDICT_NONE);
  g_assert_cmpint (ended, ==, -1);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "   ", T (2025, 11, 18, 9, 0), NULL),
                   ==, MC_VERDICT_NONE);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, NULL, T (2025, 11, 18, 9, 0), NULL),
                   ==, MC_VERDICT_NONE);
  g_assert_cmpint (mc_step_plan_judge_handover (calendar, plan, "Lãnh đạo UBND xã", MC_TIME_NONE, NULL),
                   ==, MC_VERDICT_NONE);
  g_assert_cmpint (mc_step_plan_find (plan, "Lãnh đạo UBND xã (trả kết quả)"), ==, -1);
  g_assert_cmpint (mc_step_plan_find (plan, "lãnh đạo ubnd xã"), ==, 2);
}

static void
test_invalid_input (void)
{
  g_autoptr(McWorkCalendar) calendar = make_calendar ();
  g_autoptr(GPtrArray) steps = make_steps ("A", 50, "B", 50, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plan = NULL;

  /* The calendar covers 2025–2026 only. */
  plan = mc_step_plan_compute (calendar, steps, T (2030, 1, 7, 10, 0), T (2030, 1, 10, 10, 0),
                               T (2030, 1, 10, 10, 0), MC_TIME_NONE, &error);
  g_assert_null (plan);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  /* A pause recorded outside the calendar. */
  plan = mc_step_plan_compute (calendar, steps, T (2025, 11, 17, 10, 0), T (2025, 11, 20, 10, 0),
                               T (2025, 11, 20, 10, 0), T (2031, 1, 1, 9, 0), &error);
  g_assert_null (plan);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  /* An appointment with no receipt. */
  plan = mc_step_plan_compute (calendar, steps, MC_TIME_NONE, T (2025, 11, 20, 10, 0),
                               T (2025, 11, 20, 10, 0), MC_TIME_NONE, &error);
  g_assert_null (plan);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
}

/* Properties */

static McTimeLimit
random_limit (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return (McTimeLimit) { MC_TIME_LIMIT_WORKING_DAYS, g_rand_int_range (rand, 1, 61) };
    case 1:
      return (McTimeLimit) { MC_TIME_LIMIT_WORKING_HOURS, g_rand_int_range (rand, 1, 41) };
    case 2:
      return (McTimeLimit) { MC_TIME_LIMIT_SAME_DAY, 0 };
    default:
      return (McTimeLimit) { MC_TIME_LIMIT_CALENDAR_DAYS, g_rand_int_range (rand, 1, 61) };
    }
}

/* One random dossier on @calendar received within [@from, @to): random limit, office-hours
 * or end-of-day mode, 1–6 steps with random shares, and 0–2 pauses under either rule. FALSE
 * when the dossier's appointment falls outside the calendar (nothing checked). */
static gboolean
check_random_dossier (McWorkCalendar *calendar,
                      GRand          *rand,
                      McTime          from,
                      McTime          to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) unpaused = NULL;
  McDeadlinePolicy policy;
  McTimeLimit limit = random_limit (rand);
  McPauseRule rule = g_rand_boolean (rand) ? MC_PAUSE_RESUMES : MC_PAUSE_RESTARTS;
  McTime received = from + (McTime) g_rand_double_range (rand, 0, (double) (to - from));
  McTime original = MC_TIME_NONE, current = MC_TIME_NONE, cursor, first_pause = MC_TIME_NONE;
  McPause pauses[2];
  guint n_steps = (guint) g_rand_int_range (rand, 1, 7), n_pauses = (guint) g_rand_int_range (rand, 0, 3);
  gint64 start, total, whole = 0, cumulative = 0, paused_at = G_MAXINT64;

  mc_deadline_policy_init_default (&policy);
  policy.mode = g_rand_boolean (rand) ? MC_DEADLINE_OFFICE_HOURS : MC_DEADLINE_END_OF_DAY;
  for (guint i = 0; i < n_steps; i++)
    {
      McProcedureStep *step = g_new0 (McProcedureStep, 1);

      step->department = (char *) "Phòng";
      step->share_percent = g_rand_int_range (rand, 1, 101);
      whole += step->share_percent;
      g_ptr_array_add (steps, step);
    }
  if (!mc_deadline_compute (calendar, &policy, limit, received, &original, &error))
    {
      g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
      return FALSE;
    }

  /* Pauses start somewhere between the receipt and a little after the appointment. */
  cursor = received;
  for (guint i = 0; i < n_pauses; i++)
    {
      McTime span = MAX (original - cursor, 3600) + 3 * MC_SECONDS_PER_DAY;

      pauses[i].started = cursor + (McTime) g_rand_double_range (rand, 0, (double) span / 2);
      pauses[i].ended = pauses[i].started + g_rand_int_range (rand, 60, 10 * MC_SECONDS_PER_DAY);
      cursor = pauses[i].ended;
    }
  if (n_pauses > 0)
    first_pause = pauses[0].started;
  /* A sparse random week can push a long limit past the table: nothing to divide then. */
  if (!mc_deadline_with_pauses (calendar, &policy, limit, rule, received, pauses, n_pauses, &current, &error))
    {
      g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
      return FALSE;
    }

  plan = mc_step_plan_compute (calendar, steps, received, original, current, first_pause, &error);
  g_assert_no_error (error);
  unpaused = mc_step_plan_compute (calendar, steps, received, original, original, MC_TIME_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, n_steps);

  /* The last step ends with the dossier; the steps never go backwards. */
  assert_time (step_due (plan, n_steps - 1), current);
  assert_time (step_due (unpaused, n_steps - 1), original);
  for (guint i = 1; i < n_steps; i++)
    {
      g_assert_cmpint (step_due (plan, i - 1), <=, step_due (plan, i));
      g_assert_cmpint (step_due (unpaused, i - 1), <=, step_due (unpaused, i));
    }

  /* Without a pause each step gets its share of the working time, measured independently;
   * with one that moved the appointment later, a step already due when the clock stopped
   * keeps its moment, and no step is due earlier than without the pause (a pause never
   * brings the appointment forward, also for calendar-day limits whose original target the
   * day-off rule moved to the next working day's closing). */
  g_assert_cmpint (current, >=, original);
  g_assert_true (mc_work_calendar_to_working_seconds (calendar, received, &start, NULL));
  g_assert_true (mc_work_calendar_working_seconds_between (calendar, received, original, &total, NULL));
  if (first_pause != MC_TIME_NONE)
    g_assert_true (mc_work_calendar_to_working_seconds (calendar, first_pause, &paused_at, NULL));
  for (guint i = 0; i + 1 < n_steps; i++)
    {
      gint64 spent = 0, due_w = 0;

      cumulative += ((McProcedureStep *) g_ptr_array_index (steps, i))->share_percent;
      g_assert_true (mc_work_calendar_working_seconds_between (calendar, received, step_due (unpaused, i),
                                                               &spent, NULL));
      g_assert_cmpint (spent, ==, total * cumulative / whole);
      g_assert_cmpint (step_due (plan, i), >=, step_due (unpaused, i));
      g_assert_true (mc_work_calendar_to_working_seconds (calendar, step_due (unpaused, i), &due_w, NULL));
      if (due_w <= paused_at)
        assert_time (step_due (plan, i), step_due (unpaused, i));
    }
  return TRUE;
}

/* The bundled Vietnamese calendar (Tết, National Day, compensatory days, announced swaps),
 * receipts at any second of 2025 and 2026. */
static void
test_property_bundled_calendar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McHolidayRules) rules = mc_holiday_rules_new_default (&error);
  g_autoptr(McWorkCalendar) calendar = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  g_assert_no_error (error);
  calendar = mc_work_calendar_new (rules, MC_WEEK_MONDAY_TO_FRIDAY, NULL, 2025, 2028, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20000; i++)
    g_assert_true (check_random_dossier (calendar, rand, T (2025, 1, 1, 0, 0), T (2027, 1, 1, 0, 0)));
}

/* Any week pattern, random days off and working weekends, 1–3 office segments. */
static void
test_property_random_calendars (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint checked = 0;

  for (guint c = 0; c < 200; c++)
    {
      Model model = { 0 };
      g_autoptr(McWorkCalendar) calendar = NULL;

      random_model (rand, &model, 80);
      calendar = model_calendar (&model);
      for (guint i = 0; i < 50; i++)
        checked += check_random_dossier (calendar, rand, mc_time_from_local (model.first, 0),
                                         mc_time_from_local (model.first + 365, 0));
      model_clear (&model);
    }
  /* Most dossiers fit in the three years of the table. */
  g_assert_cmpuint (checked, >, 200 * 50 / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/step-plan/worked-example", test_worked_example);
  g_test_add_func ("/step-plan/days-off-inside-a-step", test_days_off_inside_a_step);
  g_test_add_func ("/step-plan/pause-inside-step-two", test_pause_inside_step_two);
  g_test_add_func ("/step-plan/shares-not-summing-to-100", test_shares_not_summing_to_100);
  g_test_add_func ("/step-plan/no-steps", test_no_steps);
  g_test_add_func ("/step-plan/no-statutory-time", test_no_statutory_time);
  g_test_add_func ("/step-plan/calendar-days", test_calendar_days);
  g_test_add_func ("/step-plan/handover-verdicts", test_handover_verdicts);
  g_test_add_func ("/step-plan/invalid-input", test_invalid_input);
  g_test_add_func ("/step-plan/property/bundled-calendar", test_property_bundled_calendar);
  g_test_add_func ("/step-plan/property/random-calendars", test_property_random_calendars);
  return g_test_run ();
}
