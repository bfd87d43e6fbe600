/* mc-step-plan.h — each internal step (quy trình nội bộ) with its own share of the time.
 *
 * A procedure divides its processing time between departments ("Công chức Tư pháp - Hộ
 * tịch: 60 %"). The plan turns those shares into a due moment per step for one dossier, on
 * the same working-second axis as the dossier's appointment: step i is due when the
 * cumulative share up to and including i of the working time between the (normalised)
 * receipt and the original appointment has passed. Steps still running when the clock
 * first stopped for a supplement or a payment are pushed by as much working time as the
 * dossier's appointment was pushed; steps already due before that are not. The last step is
 * due exactly when the dossier is (its current appointment). Shares are percents; shares
 * that do not add up to 100 are scaled to their sum (20/50/20 gives the first step 20/90 of
 * the time), a negative share counts as 0 and one above 100 as 100, and when every share is
 * 0 the steps share the time equally. Calendar-day limits are divided in the same way, by
 * the working time between receipt and appointment.
 *
 * A hand-over to a department ends the step before that department's step (the dossier
 * leaves the previous department), and the return of the result to the counter ends the
 * last step; each is judged early / on time / late against the ended step's due moment with
 * mc_deadline_verdict, as the whole dossier is judged against its appointment. Department
 * names match case- and diacritics-insensitively, trimmed, with inner white space collapsed.
 *
 * The plan is a GPtrArray of McPlannedStep*, which frees its steps: g_autoptr(GPtrArray).
 */
#pragma once

#include "mc-dossier.h"

G_BEGIN_DECLS

typedef struct
{
  char   *department;      /* as in the catalogue (owned) */
  int     share_percent;   /* as in the catalogue */
  McTime  due;             /* when the step should be finished; MC_TIME_NONE without statutory time */
} McPlannedStep;

McPlannedStep *mc_planned_step_new         (const char              *department,
                                            int                      share_percent,
                                            McTime                   due);
void           mc_planned_step_free        (McPlannedStep           *step);

/* The plan of a dossier received at @received whose original appointment was
 * @original_due and whose current one (after the clock stopped) is @current_due
 * (MC_TIME_NONE: the original one); the clock first stopped at @first_pause_start, or
 * MC_TIME_NONE when it never did. @steps: McProcedureStep*, in order (NULL or empty: an
 * empty plan). Without statutory time (@original_due MC_TIME_NONE) every step is there
 * with no due moment. Moments outside @calendar fail with MC_CORE_ERROR_OUT_OF_RANGE, a
 * missing receipt with MC_CORE_ERROR_MISSING. Returns McPlannedStep* (owned), in order. */
GPtrArray     *mc_step_plan_compute        (McWorkCalendar          *calendar,
                                            const GPtrArray         *steps,
                                            McTime                   received,
                                            McTime                   original_due,
                                            McTime                   current_due,
                                            McTime                   first_pause_start,
                                            GError                 **error);
/* The same for a stored dossier: its receipt, its original and current appointments, and
 * the first of its @pauses (as the store lists them, oldest first; may be NULL when
 * @n_pauses is 0). */
GPtrArray     *mc_step_plan_for_dossier    (McWorkCalendar          *calendar,
                                            const McDossier         *dossier,
                                            const GPtrArray         *steps,
                                            const McPause           *pauses,
                                            gsize                    n_pauses,
                                            GError                 **error);

/* The index in @plan of the first step whose department is @department, or -1. */
int            mc_step_plan_find           (const GPtrArray         *plan,
                                            const char              *department);
/* A hand-over at @at to @department: the step it ends is the one before that department's
 * step, returned through @ended_step (may be NULL; -1 when it ends none), and the verdict
 * against that step's due moment. MC_VERDICT_NONE when @department is not in the plan,
 * when it is the first step's (the dossier only arrives), or when @at is MC_TIME_NONE. */
McVerdict      mc_step_plan_judge_handover (McWorkCalendar          *calendar,
                                            const GPtrArray         *plan,
                                            const char              *department,
                                            McTime                   at,
                                            int                     *ended_step);
/* The result handed back to the counter at @at: it ends the last step. MC_VERDICT_NONE
 * for an empty plan or @at MC_TIME_NONE. */
McVerdict      mc_step_plan_judge_result   (McWorkCalendar          *calendar,
                                            const GPtrArray         *plan,
                                            McTime                   at,
                                            int                     *ended_step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPlannedStep, mc_planned_step_free)

G_END_DECLS
