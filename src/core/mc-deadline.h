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
 * for MC_TIME_LIMIT_NONE. */
gboolean    mc_deadline_compute        (McWorkCalendar      *calendar,
                                        const McDeadlinePolicy *policy,
                                        McTimeLimit          limit,
                                        McTime               received,
                                        McTime              *due,
                                        GError             **error);

/* The appointment after the clock stopped for @pauses (in order; the last one may be
 * open, in which case the result is the appointment if the applicant delivered now = the
 * pause's start plus what remained — callers show it as "paused"). Pause time is
 * measured with the same calendar as the deadline. */
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
 * after @now's day. */
gboolean    mc_deadline_is_due_soon    (McWorkCalendar      *calendar,
                                        const McDeadlinePolicy *policy,
                                        McTime               due,
                                        McTime               now);
gboolean    mc_deadline_is_overdue     (McTime               due,
                                        McTime               now);
/* Judged when the result is ready, against the original due date. */
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
