/* mc-step-plan.c — due moments of a procedure's internal steps, and the verdict of a hand-over.
 *
 * Everything is counted on the calendar's working-second axis, like the appointment itself:
 * the shares divide the working time between the receipt and the original appointment, and
 * the pushes for pauses are the working time the appointment moved. A handful of table
 * look-ups per step; no loop over days.
 */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-step-plan.h"
#include "mc-text.h"

/* A share is a percent: anything outside 0 … 100 is a typing error, not a weight. Clamping
 * also keeps the arithmetic below far from overflow. */
#define MAX_SHARE 100

McPlannedStep *
mc_planned_step_new (const char *department,
                     int         share_percent,
                     McTime      due)
{
  McPlannedStep *step = g_new0 (McPlannedStep, 1);

  step->department = g_strdup (department);
  step->share_percent = share_percent;
  step->due = due;
  return step;
}

void
mc_planned_step_free (McPlannedStep *step)
{
  if (step == NULL)
    return;
  g_free (step->department);
  g_free (step);
}

static GPtrArray *
plan_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mc_planned_step_free);
}

static gint64
share_weight (const McProcedureStep *step)
{
  return CLAMP (step->share_percent, 0, MAX_SHARE);
}

/* @total × @part / @whole, rounded down, without forming the full product: @part ≤ @whole
 * and @whole is at most MAX_SHARE per step, so the remainder's product stays small. */
static gint64
scale (gint64 total,
       gint64 part,
       gint64 whole)
{
  return (total / whole) * part + (total % whole) * part / whole;
}

GPtrArray *
mc_step_plan_compute (McWorkCalendar   *calendar,
                      const GPtrArray  *steps,
                      McTime            received,
                      McTime            original_due,
                      McTime            current_due,
                      McTime            first_pause_start,
                      GError          **error)
{
  g_autoptr(GPtrArray) plan = plan_new ();
  gint64 start, end_original, end_current, paused_at, total, push, whole = 0, cumulative = 0;
  gboolean equal_shares;
  McTime opening;
  guint n;

  g_return_val_if_fail (calendar != NULL, NULL);

  n = steps != NULL ? steps->len : 0;
  if (n == 0)
    return g_steal_pointer (&plan);

  /* No statutory time: the steps are there, but none can be late. */
  if (original_due == MC_TIME_NONE)
    {
      for (guint i = 0; i < n; i++)
        {
          const McProcedureStep *step = g_ptr_array_index ((GPtrArray *) steps, i);

          g_ptr_array_add (plan, mc_planned_step_new (step->department, step->share_percent, MC_TIME_NONE));
        }
      return g_steal_pointer (&plan);
    }
  if (received == MC_TIME_NONE)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The dossier has no moment of receipt"));
      return NULL;
    }
  if (current_due == MC_TIME_NONE)
    current_due = original_due;

  paused_at = G_MAXINT64;
  if (!mc_work_calendar_normalize (calendar, received, &opening, error) ||
      !mc_work_calendar_to_working_seconds (calendar, received, &start, error) ||
      !mc_work_calendar_to_working_seconds (calendar, original_due, &end_original, error) ||
      !mc_work_calendar_to_working_seconds (calendar, current_due, &end_current, error) ||
      (first_pause_start != MC_TIME_NONE &&
       !mc_work_calendar_to_working_seconds (calendar, first_pause_start, &paused_at, error)))
    return NULL;

  total = MAX (end_original - start, 0);
  /* The clock only ever adds time; a current appointment before the original one (a
   * restart that came early) pushes nothing, and the last step still ends with it. */
  push = MAX (end_current - end_original, 0);

  for (guint i = 0; i < n; i++)
    whole += share_weight (g_ptr_array_index ((GPtrArray *) steps, i));
  equal_shares = whole == 0;
  if (equal_shares)
    whole = n;

  for (guint i = 0; i < n; i++)
    {
      const McProcedureStep *step = g_ptr_array_index ((GPtrArray *) steps, i);
      McTime due;

      cumulative += equal_shares ? 1 : share_weight (step);
      if (i + 1 == n)
        due = current_due;   /* the last step ends with the dossier, exactly */
      else
        {
          gint64 w = start + scale (total, cumulative, whole);
          /* A step still running (or not yet begun) when the clock first stopped waits as
           * long as the dossier did; one already due by then does not. */
          gboolean pushed = w > paused_at;

          if (pushed)
            w += push;
          if (!mc_work_calendar_from_working_seconds (calendar, w, &due, error))
            return NULL;
          /* A step with no time at the start would map to the closing of the day before:
           * keep it at the receipt. And never after the appointment it was counted from:
           * a calendar-day appointment may fall outside office hours, even before the
           * first working moment after the receipt. */
          due = MIN (MAX (due, opening), pushed ? current_due : MIN (original_due, current_due));
        }
      g_ptr_array_add (plan, mc_planned_step_new (step->department, step->share_percent, due));
    }
  return g_steal_pointer (&plan);
}

GPtrArray *
mc_step_plan_for_dossier (McWorkCalendar   *calendar,
                          const McDossier  *dossier,
                          const GPtrArray  *steps,
                          const McPause    *pauses,
                          gsize             n_pauses,
                          GError          **error)
{
  McTime first_pause_start = MC_TIME_NONE;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (dossier != NULL, NULL);
  g_return_val_if_fail (pauses != NULL || n_pauses == 0, NULL);

  /* The earliest start, whatever order the caller keeps. */
  for (gsize i = 0; i < n_pauses; i++)
    if (pauses[i].started != MC_TIME_NONE &&
        (first_pause_start == MC_TIME_NONE || pauses[i].started < first_pause_start))
      first_pause_start = pauses[i].started;
  return mc_step_plan_compute (calendar, steps, dossier->received_at, dossier->due_at,
                               dossier->current_due_at, first_pause_start, error);
}

/* A department's name as compared: folded (no diacritics, đ → d, lower case), trimmed, and
 * inner runs of white space made one space, so "Lãnh đạo  UBND xã " is "lanh dao ubnd xa". */
static char *
department_key (const char *department)
{
  g_autofree char *folded = mc_text_fold (department);
  GString *key = g_string_sized_new (strlen (folded));
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && key->len > 0)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

int
mc_step_plan_find (const GPtrArray *plan,
                   const char      *department)
{
  g_autofree char *wanted = NULL;

  if (plan == NULL || department == NULL)
    return -1;
  wanted = department_key (department);
  if (*wanted == '\0')
    return -1;
  for (guint i = 0; i < plan->len; i++)
    {
      const McPlannedStep *step = g_ptr_array_index ((GPtrArray *) plan, i);
      g_autofree char *key = department_key (step->department);

      if (g_str_equal (key, wanted))
        return (int) i;
    }
  return -1;
}

static McVerdict
judge_step (McWorkCalendar  *calendar,
            const GPtrArray *plan,
            int              index,
            McTime           at)
{
  const McPlannedStep *step;

  if (index < 0 || at == MC_TIME_NONE)
    return MC_VERDICT_NONE;
  step = g_ptr_array_index ((GPtrArray *) plan, (guint) index);
  return mc_deadline_verdict (calendar, step->due, at);
}

McVerdict
mc_step_plan_judge_handover (McWorkCalendar  *calendar,
                             const GPtrArray *plan,
                             const char      *department,
                             McTime           at,
                             int             *ended_step)
{
  int found, ended;

  g_return_val_if_fail (calendar != NULL, MC_VERDICT_NONE);

  found = mc_step_plan_find (plan, department);
  ended = found > 0 ? found - 1 : -1;
  if (ended_step != NULL)
    *ended_step = ended;
  return judge_step (calendar, plan, ended, at);
}

McVerdict
mc_step_plan_judge_result (McWorkCalendar  *calendar,
                           const GPtrArray *plan,
                           McTime           at,
                           int             *ended_step)
{
  int ended;

  g_return_val_if_fail (calendar != NULL, MC_VERDICT_NONE);

  ended = plan != NULL ? (int) plan->len - 1 : -1;
  if (ended_step != NULL)
    *ended_step = ended;
  return judge_step (calendar, plan, ended, at);
}
