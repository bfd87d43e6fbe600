/* mc-deadline.h — appointments (ngày hẹn trả) by the rules of domain.md.
 *
 * Pure functions over a McWorkCalendar: the appointment for a receipt, the appointment
 * after the clock stopped and resumed, due-soon and overdue, and the early / on-time /
 * late verdict against the *original* due date. Each computation is a handful of table
 * look-ups: no loop over days.
 */
#pragma once

#include "mc-work-calendar.h"

G_BEGIN_DECLS

typedef enum
{
  MC_TIME_LIMIT_NONE,           /* no statutory time: never overdue */
  MC_TIME_LIMIT_WORKING_DAYS,
  MC_TIME_LIMIT_WORKING_HOURS,
  MC_TIME_LIMIT_SAME_DAY,       /* end of the day; next working day after the cutoff */
  MC_TIME_LIMIT_CALENDAR_DAYS,
} McTimeLimitKind;

typedef struct
{
  McTimeLimitKind kind;
  int             amount;       /* days or hours; ignored for NONE and SAME_DAY */
} McTimeLimit;

typedef enum
{
  MC_DEADLINE_OFFICE_HOURS,     /* default: N × daily working time counted in office hours */
  MC_DEADLINE_END_OF_DAY,       /* Civil Code 2015 Art. 147: end of the N-th working day after receipt */
} McDeadlineMode;

typedef enum
{
  MC_PAUSE_RESUMES,             /* default: time spent counts, the remainder resumes */
  MC_PAUSE_RESTARTS,            /* the full time starts again when the applicant delivers */
} McPauseRule;

typedef enum
{
  MC_VERDICT_NONE,              /* not finished */
  MC_VERDICT_EARLY,
  MC_VERDICT_ON_TIME,
  MC_VERDICT_LATE,
} McVerdict;

/* The office's choices (settings, never constants). */
typedef struct
{
  McDeadlineMode mode;
  int            same_day_cutoff;       /* seconds of day; 15:00 by default */
  int            due_soon_working_days; /* due before the end of the N-th next working day; 1 */
} McDeadlinePolicy;

typedef struct
{
  McTime started;
  McTime ended;                         /* MC_TIME_NONE while still paused */
} McPause;

void        mc_deadline_policy_init_default (McDeadlinePolicy *policy);

gboolean    mc_time_limit_parse        (const char          *text,   /* "3 working-days", "same-day", "none", "8 working-hours", "15 calendar-days" */
                                        McTimeLimit         *out,
                                        GError             **error);
char       *mc_time_limit_to_string    (McTimeLimit          limit);  /* same form as parsed */
char       *mc_time_limit_describe     (McTimeLimit          limit);  /* Vietnamese: "3 ngày làm việc" */

/* The original appointment for a dossier received at @received. *@due is MC_TIME_NONE
 * for MC_TIME_LIMIT_NONE. @policy may be NULL for the defaults.
 *
 * - Working days, office-hours mode: the receipt moves into office time, the appointment
 *   is the earliest moment with amount × daily working time behind it (Monday 07:00 + 1
 *   → Monday 17:00; Friday 16:00 + 1 → Monday 16:00).
 * - Working days, end-of-day mode: closing time of the amount-th working day strictly
 *   after the day of receipt (a receipt on a day off: the next working day is day 1).
 * - Working hours: amount hours on the same working-second axis.
 * - Same day: closing time of the day of receipt; received after the cutoff, or on a day
 *   off / after closing, counted from the next opening and the cutoff applied to that
 *   moment (so a Sunday receipt is due Monday at closing).
 * - Calendar days: receipt + amount × 24 h (same clock time). A target on a day off moves
 *   to the closing time of the next working day; a target on a working day is kept as it
 *   is, also when it falls outside office hours (the law counts days, not office time).
 * An amount outside 1 … 9999 fails with MC_CORE_ERROR_INVALID; a moment outside the
 * calendar with MC_CORE_ERROR_OUT_OF_RANGE. Allocation-free on success. */
gboolean    mc_deadline_compute        (McWorkCalendar      *calendar,
                                        const McDeadlinePolicy *policy,
                                        McTimeLimit          limit,
                                        McTime               received,
                                        McTime              *due,
                                        GError             **error);

/* The appointment after the clock stopped for @pauses (in order; the last one may be
 * open, in which case the result is the appointment if the applicant delivered now = the
 * pause's start plus what remained — callers show it as "paused"). Pause time is
 * measured with the same calendar as the deadline.
 *
 * MC_PAUSE_RESUMES: the original appointment pushed along the working-second axis by
 * the working time of every closed pause (a night, weekend or holiday inside a pause
 * adds nothing). Pauses are clipped to after the receipt and after the previous pause,
 * so overlapping records never count twice. An open pause adds nothing yet: the result
 * is the appointment as if the applicant delivered at the pause's start. For calendar-day
 * limits the deadline's own clock is the calendar, so pauses add their full clock time
 * and the day-off rule is applied to the pushed target.
 * MC_PAUSE_RESTARTS: the appointment computed afresh (same limit, same rules, also for
 * same-day and calendar-day limits) as if received when the last pause ended; an open
 * last pause restarts at its start.
 * Under either rule the result is never before the appointment without pauses: a later
 * start can end earlier where a day off or the same-day cutoff moved the first one.
 * A pause that does not start, ends before it starts, or is open but not last fails with
 * MC_CORE_ERROR_INVALID. */
gboolean    mc_deadline_with_pauses    (McWorkCalendar      *calendar,
                                        const McDeadlinePolicy *policy,
                                        McTimeLimit          limit,
                                        McPauseRule          rule,
                                        McTime               received,
                                        const McPause       *pauses,
                                        gsize                n_pauses,
                                        McTime              *due,
                                        GError             **error);

/* Due soon: not overdue yet and due before the end of the policy's N-th next working day
 * after @now's day (at or before its closing time; N = 0: the first working day from
 * @now's day on). Never for MC_TIME_NONE. Outside the calendar, N plain days. */
gboolean    mc_deadline_is_due_soon    (McWorkCalendar      *calendar,
                                        const McDeadlinePolicy *policy,
                                        McTime               due,
                                        McTime               now);
gboolean    mc_deadline_is_overdue     (McTime               due,
                                        McTime               now);
/* Judged when the result is ready, against the original due date: early when finished
 * on a day before the due's day, on time on the due's day up to and including the due
 * moment, late after it; MC_VERDICT_ON_TIME for a MC_TIME_NONE due, MC_VERDICT_NONE when
 * @finished is MC_TIME_NONE. */
McVerdict   mc_deadline_verdict        (McWorkCalendar      *calendar,
                                        McTime               original_due,
                                        McTime               finished);
const char *mc_verdict_to_string       (McVerdict            verdict); /* "early", "on-time", "late", "none" */

/* Why the appointment is what it is, in Vietnamese, one fact per line: the receipt moment
 * and where it was moved into office time, the time counted, the days off skipped (with
 * their names), the pauses, the result. */
char       *mc_deadline_explain        (McWorkCalendar      *calendar,
                                        McHolidayRules      *rules,       /* may be NULL: no names */
                                        const McDeadlinePolicy *policy,
                                        McTimeLimit          limit,
                                        McPauseRule          rule,
                                        McTime               received,
                                        const McPause       *pauses,
                                        gsize                n_pauses);

G_END_DECLS
