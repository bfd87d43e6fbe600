/* mc-deadline.c — the appointment (ngày hẹn trả) of a dossier, by the rules of domain.md.
 *
 * Working-day and working-hour limits are counted on the calendar's working-second axis:
 * the receipt maps onto it (moving into office time on the way), the limit is added, and
 * the earliest moment with that much working time behind it is the appointment. Pauses
 * are measured on the same axis, so a night, a weekend or Tết spent waiting for a
 * supplement never eats the applicant's time. The end-of-day mode (Civil Code Art. 147),
 * same-day and calendar-day limits are day look-ups in the same table. The computation is
 * allocation-free on success: it runs for every row of every list.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mc-deadline.h"
#include "mc-error.h"
#include "mc-i18n.h"

#define MAX_LIMIT_AMOUNT 9999
/* Explanations list at most this many runs of days off; a longer span says how many more. */
#define MAX_EXPLAINED_RUNS 12

void
mc_deadline_policy_init_default (McDeadlinePolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->mode = MC_DEADLINE_OFFICE_HOURS;
  policy->same_day_cutoff = 15 * 3600;
  policy->due_soon_working_days = 1;
}

/* Time limits as text */

static const struct
{
  McTimeLimitKind kind;
  const char     *plural;
  const char     *singular;
} limit_units[] = {
  { MC_TIME_LIMIT_WORKING_DAYS, "working-days", "working-day" },
  { MC_TIME_LIMIT_WORKING_HOURS, "working-hours", "working-hour" },
  { MC_TIME_LIMIT_CALENDAR_DAYS, "calendar-days", "calendar-day" },
};

gboolean
mc_time_limit_parse (const char   *text,
                     McTimeLimit  *out,
                     GError      **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *shown = NULL;
  char *unit;
  gint64 amount;

  g_return_val_if_fail (out != NULL, FALSE);

  copy = g_strstrip (g_strdup (text ? text : ""));
  if (g_ascii_strcasecmp (copy, "none") == 0)
    {
      *out = (McTimeLimit) { MC_TIME_LIMIT_NONE, 0 };
      return TRUE;
    }
  if (g_ascii_strcasecmp (copy, "same-day") == 0)
    {
      *out = (McTimeLimit) { MC_TIME_LIMIT_SAME_DAY, 0 };
      return TRUE;
    }

  if (g_ascii_isdigit (copy[0]))
    {
      amount = g_ascii_strtoll (copy, &unit, 10);
      if (g_ascii_isspace (*unit))
        {
          unit = g_strchug (unit);
          for (gsize i = 0; i < G_N_ELEMENTS (limit_units); i++)
            {
              if (g_ascii_strcasecmp (unit, limit_units[i].plural) != 0 &&
                  g_ascii_strcasecmp (unit, limit_units[i].singular) != 0)
                continue;
              if (amount < 1 || amount > MAX_LIMIT_AMOUNT)
                {
                  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                               _("The time limit “%s” must be between 1 and 9999"), copy);
                  return FALSE;
                }
              *out = (McTimeLimit) { limit_units[i].kind, (int) amount };
              return TRUE;
            }
        }
    }

  /* The text is quoted back as it was typed, but a message must be valid UTF-8 to be shown. */
  shown = g_utf8_make_valid (copy, -1);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a time limit (expected “3 working-days”, “8 working-hours”, "
                 "“15 calendar-days”, “same-day” or “none”)"), shown);
  return FALSE;
}

char *
mc_time_limit_to_string (McTimeLimit limit)
{
  switch (limit.kind)
    {
    case MC_TIME_LIMIT_NONE:
      return g_strdup ("none");
    case MC_TIME_LIMIT_SAME_DAY:
      return g_strdup ("same-day");
    case MC_TIME_LIMIT_WORKING_DAYS:
    case MC_TIME_LIMIT_WORKING_HOURS:
    case MC_TIME_LIMIT_CALENDAR_DAYS:
      for (gsize i = 0; i < G_N_ELEMENTS (limit_units); i++)
        if (limit_units[i].kind == limit.kind)
          return g_strdup_printf ("%d %s", limit.amount, limit_units[i].plural);
      break;
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

/* The Vietnamese wording printed on the slip ("Thời hạn giải quyết: 3 ngày làm việc"). */
char *
mc_time_limit_describe (McTimeLimit limit)
{
  switch (limit.kind)
    {
    case MC_TIME_LIMIT_NONE:
      return g_strdup ("Không quy định thời hạn");
    case MC_TIME_LIMIT_SAME_DAY:
      return g_strdup ("Trong ngày");
    case MC_TIME_LIMIT_WORKING_DAYS:
      return g_strdup_printf ("%d ngày làm việc", limit.amount);
    case MC_TIME_LIMIT_WORKING_HOURS:
      return g_strdup_printf ("%d giờ làm việc", limit.amount);
    case MC_TIME_LIMIT_CALENDAR_DAYS:
      return g_strdup_printf ("%d ngày", limit.amount);
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

/* The computation */

static inline McDay
local_day (McTime t)
{
  gint64 local = t + MC_LOCAL_UTC_OFFSET;
  gint64 day = local / MC_SECONDS_PER_DAY;

  return (McDay) (day - (local % MC_SECONDS_PER_DAY < 0));
}

static inline McTime
closing_of (McWorkCalendar *calendar,
            McDay           day)
{
  return mc_time_from_local (day, mc_office_hours_closing (mc_work_calendar_get_office_hours (calendar)));
}

static gboolean
check_limit (McTimeLimit   limit,
             GError      **error)
{
  switch (limit.kind)
    {
    case MC_TIME_LIMIT_NONE:
    case MC_TIME_LIMIT_SAME_DAY:
      return TRUE;
    case MC_TIME_LIMIT_WORKING_DAYS:
    case MC_TIME_LIMIT_WORKING_HOURS:
    case MC_TIME_LIMIT_CALENDAR_DAYS:
      if (limit.amount >= 1 && limit.amount <= MAX_LIMIT_AMOUNT)
        return TRUE;
      break;
    default:
      break;
    }
  if (error != NULL)
    {
      g_autofree char *amount = g_strdup_printf ("%d", limit.amount);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The time limit %s is not between 1 and 9999, or its kind is unknown"), amount);
    }
  return FALSE;
}

/* Same day: the end of the day of receipt, or of the next working day when received after
 * the cutoff. A receipt on a day off or after closing counts as received at the next
 * opening, and the cutoff then applies to that day (Sunday → Monday 17:00). */
static gboolean
same_day_due (McWorkCalendar          *calendar,
              const McDeadlinePolicy  *policy,
              McTime                   received,
              McTime                  *due,
              GError                 **error)
{
  McTime start;
  McDay day, start_day;
  int clock;

  if (!mc_work_calendar_normalize (calendar, received, &start, error))
    return FALSE;
  day = local_day (received);
  start_day = local_day (start);
  clock = mc_time_local_seconds (start_day == day ? received : start);
  if (clock > policy->same_day_cutoff &&
      !mc_work_calendar_nth_working_day_after (calendar, start_day, 1, &start_day, error))
    return FALSE;
  *due = closing_of (calendar, start_day);
  return TRUE;
}

/* The appointment for a receipt at @received, pushed later by @paused_working working
 * seconds (working limits) or @paused_clock seconds (calendar-day limits). */
static gboolean
compute_due (McWorkCalendar          *calendar,
             const McDeadlinePolicy  *policy,
             McTimeLimit              limit,
             McTime                   received,
             gint64                   paused_working,
             gint64                   paused_clock,
             McTime                  *due,
             GError                 **error)
{
  const McOfficeHours *hours = mc_work_calendar_get_office_hours (calendar);
  gint64 w;
  McTime base;
  McDay day;

  switch (limit.kind)
    {
    case MC_TIME_LIMIT_NONE:
      *due = MC_TIME_NONE;
      return TRUE;

    case MC_TIME_LIMIT_WORKING_DAYS:
      if (policy->mode == MC_DEADLINE_OFFICE_HOURS)
        return mc_work_calendar_to_working_seconds (calendar, received, &w, error) &&
               mc_work_calendar_from_working_seconds (calendar,
                                                      w + (gint64) limit.amount * mc_office_hours_daily_seconds (hours) + paused_working,
                                                      due, error);
      /* Civil Code Art. 147: the day of receipt is not counted. */
      if (!mc_work_calendar_covers (calendar, received))
        return mc_work_calendar_to_working_seconds (calendar, received, &w, error); /* the range error */
      if (!mc_work_calendar_nth_working_day_after (calendar, local_day (received), limit.amount, &day, error))
        return FALSE;
      base = closing_of (calendar, day);
      break;

    case MC_TIME_LIMIT_WORKING_HOURS:
      return mc_work_calendar_to_working_seconds (calendar, received, &w, error) &&
             mc_work_calendar_from_working_seconds (calendar, w + (gint64) limit.amount * 3600 + paused_working,
                                                    due, error);

    case MC_TIME_LIMIT_SAME_DAY:
      if (!same_day_due (calendar, policy, received, &base, error))
        return FALSE;
      break;

    case MC_TIME_LIMIT_CALENDAR_DAYS:
      /* Vietnam keeps no daylight saving, so N days later is the same clock time. A
       * target on a working day stays as it is, even outside office hours: the law counts
       * days, and only a day off moves it (to the end of the next working day). */
      base = received + (gint64) limit.amount * MC_SECONDS_PER_DAY + paused_clock;
      if (!mc_work_calendar_covers (calendar, base))
        return mc_work_calendar_to_working_seconds (calendar, base, &w, error); /* the range error */
      day = local_day (base);
      if (!mc_work_calendar_is_working_day (calendar, day))
        {
          if (!mc_work_calendar_next_working_day (calendar, day, &day, error))
            return FALSE;
          base = closing_of (calendar, day);
        }
      /* A pause never shortens the time: without it a target on a day off moves to the end
       * of the next working day, and the pushed target may land earlier on that same day. */
      if (paused_clock > 0)
        {
          McTime unpaused;

          if (!compute_due (calendar, policy, limit, received, 0, 0, &unpaused, error))
            return FALSE;
          base = MAX (base, unpaused);
        }
      *due = base;
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }

  /* End-of-day and same-day appointments sit at a closing time; pauses push them along
   * the working-second axis like any other. */
  if (paused_working == 0)
    {
      *due = base;
      return TRUE;
    }
  return mc_work_calendar_to_working_seconds (calendar, base, &w, error) &&
         mc_work_calendar_from_working_seconds (calendar, w + paused_working, due, error);
}

static gboolean
check_received (McTime    received,
                GError  **error)
{
  if (received != MC_TIME_NONE)
    return TRUE;
  g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                       _("The dossier has no moment of receipt"));
  return FALSE;
}

gboolean
mc_deadline_compute (McWorkCalendar          *calendar,
                     const McDeadlinePolicy  *policy,
                     McTimeLimit              limit,
                     McTime                   received,
                     McTime                  *due,
                     GError                 **error)
{
  McDeadlinePolicy defaults;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  if (policy == NULL)
    {
      mc_deadline_policy_init_default (&defaults);
      policy = &defaults;
    }
  if (!check_limit (limit, error))
    return FALSE;
  if (limit.kind == MC_TIME_LIMIT_NONE)
    {
      *due = MC_TIME_NONE;
      return TRUE;
    }
  if (!check_received (received, error))
    return FALSE;
  return compute_due (calendar, policy, limit, received, 0, 0, due, error);
}

static gboolean
check_pauses (const McPause  *pauses,
              gsize           n_pauses,
              GError        **error)
{
  for (gsize i = 0; i < n_pauses; i++)
    {
      gboolean open = pauses[i].ended == MC_TIME_NONE;

      if (pauses[i].started == MC_TIME_NONE || (open && i + 1 < n_pauses) ||
          (!open && pauses[i].ended < pauses[i].started))
        {
          g_autofree char *which = g_strdup_printf ("%" G_GSIZE_FORMAT, i + 1);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("Pause %s is invalid: it must start, end after it starts, and only the last "
                         "pause may still be open"), which);
          return FALSE;
        }
    }
  return TRUE;
}

/* The time the clock stood still, on both clocks. Pauses are clipped to after the receipt
 * and to after the previous pause, so overlapping records never count twice; an open
 * pause counts nothing yet (the appointment is the one if the applicant delivered at the
 * pause's start). */
static gboolean
sum_pauses (McWorkCalendar  *calendar,
            gboolean         working,
            McTime           received,
            const McPause   *pauses,
            gsize            n_pauses,
            gint64          *paused_working,
            gint64          *paused_clock,
            GError         **error)
{
  McTime cursor = received;

  *paused_working = 0;
  *paused_clock = 0;
  for (gsize i = 0; i < n_pauses; i++)
    {
      McTime from, to;
      gint64 w;

      if (pauses[i].ended == MC_TIME_NONE)
        break;
      from = MAX (pauses[i].started, cursor);
      to = pauses[i].ended;
      if (to <= from)
        continue;
      if (working)
        {
          if (!mc_work_calendar_working_seconds_between (calendar, from, to, &w, error))
            return FALSE;
          *paused_working += w;
        }
      *paused_clock += to - from;
      cursor = to;
    }
  return TRUE;
}

gboolean
mc_deadline_with_pauses (McWorkCalendar          *calendar,
                         const McDeadlinePolicy  *policy,
                         McTimeLimit              limit,
                         McPauseRule              rule,
                         McTime                   received,
                         const McPause           *pauses,
                         gsize                    n_pauses,
                         McTime                  *due,
                         GError                 **error)
{
  McDeadlinePolicy defaults;
  gint64 paused_working, paused_clock;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (due != NULL, FALSE);
  g_return_val_if_fail (pauses != NULL || n_pauses == 0, FALSE);

  if (policy == NULL)
    {
      mc_deadline_policy_init_default (&defaults);
      policy = &defaults;
    }
  if (!check_limit (limit, error))
    return FALSE;
  if (limit.kind == MC_TIME_LIMIT_NONE)
    {
      *due = MC_TIME_NONE;
      return TRUE;
    }
  if (!check_received (received, error) || !check_pauses (pauses, n_pauses, error))
    return FALSE;

  if (rule == MC_PAUSE_RESTARTS)
    {
      McTime restart = received;

      /* The full time again from the last delivery; an open pause restarts at its start,
       * the appointment if the applicant delivered now. */
      if (n_pauses > 0)
        {
          const McPause *last = &pauses[n_pauses - 1];

          restart = MAX (received, last->ended != MC_TIME_NONE ? last->ended : last->started);
        }
      if (!compute_due (calendar, policy, limit, restart, 0, 0, due, error))
        return FALSE;
      /* Never before the appointment already given: the day-off and cutoff rules can make a
       * later start end earlier (a Saturday receipt due Monday at closing, restarted on Sunday
       * with one calendar day: Monday at 07:00). */
      if (restart != received)
        {
          McTime original;

          if (!compute_due (calendar, policy, limit, received, 0, 0, &original, error))
            return FALSE;
          *due = MAX (*due, original);
        }
      return TRUE;
    }

  if (!sum_pauses (calendar, limit.kind != MC_TIME_LIMIT_CALENDAR_DAYS, received, pauses, n_pauses,
                   &paused_working, &paused_clock, error))
    return FALSE;
  return compute_due (calendar, policy, limit, received,
                      limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS ? 0 : paused_working,
                      limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS ? paused_clock : 0,
                      due, error);
}

/* Watching the clock */

gboolean
mc_deadline_is_overdue (McTime due,
                        McTime now)
{
  return due != MC_TIME_NONE && now > due;
}

gboolean
mc_deadline_is_due_soon (McWorkCalendar          *calendar,
                         const McDeadlinePolicy  *policy,
                         McTime                   due,
                         McTime                   now)
{
  int n = policy ? policy->due_soon_working_days : 1;
  McDay today, day;
  gboolean found;
  McTime horizon;

  g_return_val_if_fail (calendar != NULL, FALSE);

  if (due == MC_TIME_NONE || now == MC_TIME_NONE || mc_deadline_is_overdue (due, now))
    return FALSE;
  today = local_day (now);
  if (n <= 0)
    found = mc_work_calendar_next_working_day (calendar, today, &day, NULL);
  else
    found = mc_work_calendar_nth_working_day_after (calendar, today, n, &day, NULL);
  /* Outside the table, count plain days rather than hide a due date. */
  horizon = found ? closing_of (calendar, day)
                  : mc_time_from_local (today + MAX (n, 0) + 1, 0);
  return due <= horizon;
}

McVerdict
mc_deadline_verdict (McWorkCalendar *calendar,
                     McTime          original_due,
                     McTime          finished)
{
  if (finished == MC_TIME_NONE)
    return MC_VERDICT_NONE;
  /* Without a statutory time a dossier cannot be late. */
  if (original_due == MC_TIME_NONE)
    return MC_VERDICT_ON_TIME;
  if (finished > original_due)
    return MC_VERDICT_LATE;
  if (local_day (finished) < local_day (original_due))
    return MC_VERDICT_EARLY;
  return MC_VERDICT_ON_TIME;
}

const char *
mc_verdict_to_string (McVerdict verdict)
{
  switch (verdict)
    {
    case MC_VERDICT_NONE:
      return "none";
    case MC_VERDICT_EARLY:
      return "early";
    case MC_VERDICT_ON_TIME:
      return "on-time";
    case MC_VERDICT_LATE:
      return "late";
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

/* Explanations */

static const char *const weekday_names[] = {
  "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật",
};

/* "10 giờ 00 phút, ngày 17/11/2025 (thứ Hai)" */
static char *
describe_moment (McTime t)
{
  g_autofree char *slip = mc_time_format_slip (t);

  return g_strdup_printf ("%s (%s)", slip, weekday_names[mc_day_weekday (local_day (t)) - 1]);
}

/* "thứ Bảy 22/11/2025" */
static char *
describe_day (McDay day)
{
  g_autofree char *date = mc_day_format_vi (day);

  return g_strdup_printf ("%s %s", weekday_names[mc_day_weekday (day) - 1], date);
}

/* "12 giờ 30 phút", "45 phút", "3 ngày 2 giờ" (clock time when @days) */
static char *
describe_duration (gint64   seconds,
                   gboolean days)
{
  GString *out = g_string_new (NULL);
  gint64 d = days ? seconds / MC_SECONDS_PER_DAY : 0;
  gint64 h = (seconds - d * MC_SECONDS_PER_DAY) / 3600;
  gint64 m = seconds / 60 % 60;

  if (d > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT " ngày", d);
  if (h > 0)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT " giờ", out->len ? " " : "", h);
  if (m > 0 || out->len == 0)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT " phút", out->len ? " " : "", m);
  return g_string_free (out, FALSE);
}

typedef struct
{
  McWorkCalendar *calendar;  /* borrowed */
  guint           weekdays;
  GHashTable     *names;     /* McDay → const char *, borrowed from the rules */
  GPtrArray      *arrays;    /* owned: the rules' arrays the names point into */
} DayNames;

static void
day_names_init (DayNames       *self,
                McWorkCalendar *calendar,
                McHolidayRules *rules,
                McDay           from,
                McDay           to)
{
  int first_year, last_year;

  self->calendar = calendar;
  self->weekdays = mc_work_calendar_get_working_weekdays (calendar);
  self->names = g_hash_table_new (NULL, NULL);
  self->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (rules == NULL || to < from)
    return;
  mc_day_to_ymd (from, &first_year, NULL, NULL);
  mc_day_to_ymd (to, &last_year, NULL, NULL);
  for (int year = first_year; year <= last_year; year++)
    {
      GArray *off = mc_holiday_rules_days_off (rules, year);
      GArray *weekends = mc_holiday_rules_working_weekends (rules, year);

      for (guint i = 0; off != NULL && i < off->len; i++)
        {
          const McDayOff *day_off = &g_array_index (off, McDayOff, i);

          if (day_off->name != NULL)
            g_hash_table_insert (self->names, GINT_TO_POINTER (day_off->day), (gpointer) day_off->name);
        }
      for (guint i = 0; weekends != NULL && i < weekends->len; i++)
        {
          const McWorkingWeekend *weekend = &g_array_index (weekends, McWorkingWeekend, i);

          if (weekend->name != NULL)
            g_hash_table_insert (self->names, GINT_TO_POINTER (weekend->day), (gpointer) weekend->name);
        }
      if (off != NULL)
        g_ptr_array_add (self->arrays, off);
      if (weekends != NULL)
        g_ptr_array_add (self->arrays, weekends);
    }
}

static void
day_names_clear (DayNames *self)
{
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->arrays, g_ptr_array_unref);
}

static gboolean
is_weekly_rest (DayNames *self,
                McDay     day)
{
  return !((self->weekdays >> (mc_day_weekday (day) - 1)) & 1);
}

/* Why a day is not worked: its holiday name, the weekly rest, or a plain day off. */
static const char *
day_off_label (DayNames *self,
               McDay     day)
{
  const char *name = g_hash_table_lookup (self->names, GINT_TO_POINTER (day));

  if (name != NULL)
    return name;
  return is_weekly_rest (self, day) ? "nghỉ cuối tuần" : "ngày nghỉ";
}

/* "<open>Quốc khánh<close>", or "" when the day has no better name than "ngày nghỉ". */
static char *
day_off_detail (DayNames   *self,
                McDay       day,
                const char *open,
                const char *close)
{
  const char *label = day_off_label (self, day);

  if (g_str_equal (label, "ngày nghỉ"))
    return g_strdup ("");
  return g_strconcat (open, label, close, NULL);
}

/* One line per run of consecutive days off in [from, to], and one per worked weekend. */
static void
explain_days_between (GString  *out,
                      DayNames *names,
                      McDay     from,
                      McDay     to)
{
  guint runs = 0, hidden = 0;

  from = MAX (from, mc_work_calendar_first_day (names->calendar));
  to = MIN (to, mc_work_calendar_last_day (names->calendar));
  for (McDay day = from; day <= to; day++)
    {
      if (mc_work_calendar_is_working_day (names->calendar, day))
        {
          if (is_weekly_rest (names, day))
            {
              if (runs++ >= MAX_EXPLAINED_RUNS)
                {
                  hidden++;
                  continue;
                }
              g_autofree char *what = describe_day (day);
              const char *name = g_hash_table_lookup (names->names, GINT_TO_POINTER (day));

              g_string_append_printf (out, "Tính ngày làm việc bù: %s%s%s%s.\n", what,
                                      name ? " (" : "", name ? name : "", name ? ")" : "");
            }
          continue;
        }

      McDay last = day;
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      while (last <= to && !mc_work_calendar_is_working_day (names->calendar, last))
        {
          const char *label = day_off_label (names, last);

          if (!g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL))
            g_ptr_array_add (labels, (gpointer) label);
          last++;
        }
      last--;
      if (runs++ >= MAX_EXPLAINED_RUNS)
        hidden++;
      else
        {
          g_autofree char *first_text = describe_day (day);
          g_autofree char *last_text = describe_day (last);
          g_autofree char *why = NULL;

          g_ptr_array_add (labels, NULL);
          why = g_strjoinv ("; ", (char **) labels->pdata);
          if (last == day)
            g_string_append_printf (out, "Không tính ngày nghỉ: %s (%s).\n", first_text, why);
          else
            g_string_append_printf (out, "Không tính ngày nghỉ: từ %s đến %s (%d ngày: %s).\n",
                                    first_text, last_text, (int) (last - day + 1), why);
        }
      day = last;
    }
  if (hidden > 0)
    g_string_append_printf (out, "Và %u đợt ngày nghỉ hoặc làm bù khác trong thời hạn.\n", hidden);
}

/* Why a receipt moment is outside office time. */
static char *
outside_reason (DayNames       *names,
                McWorkCalendar *calendar,
                McTime          received)
{
  const McOfficeHours *hours = mc_work_calendar_get_office_hours (calendar);
  McDay day = local_day (received);
  int clock = mc_time_local_seconds (received);

  if (!mc_work_calendar_is_working_day (calendar, day))
    {
      g_autofree char *detail = day_off_detail (names, day, ": ", "");

      return g_strdup_printf ("tiếp nhận vào ngày nghỉ%s", detail);
    }
  if (clock < mc_office_hours_opening (hours))
    return g_strdup ("tiếp nhận trước giờ làm việc");
  if (clock >= mc_office_hours_closing (hours))
    return g_strdup ("tiếp nhận sau giờ làm việc");
  return g_strdup ("tiếp nhận trong giờ nghỉ giữa hai buổi làm việc");
}

char *
mc_deadline_explain (McWorkCalendar          *calendar,
                     McHolidayRules          *rules,
                     const McDeadlinePolicy  *policy,
                     McTimeLimit              limit,
                     McPauseRule              rule,
                     McTime                   received,
                     const McPause           *pauses,
                     gsize                    n_pauses)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *hours_text = NULL;
  McDeadlinePolicy defaults;
  const McOfficeHours *hours;
  McTime original_due, due, start;
  McDay list_from;
  DayNames names;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (pauses != NULL || n_pauses == 0, NULL);

  if (policy == NULL)
    {
      mc_deadline_policy_init_default (&defaults);
      policy = &defaults;
    }
  hours = mc_work_calendar_get_office_hours (calendar);
  hours_text = mc_office_hours_to_string (hours);

  if (received == MC_TIME_NONE)
    return g_strdup ("Chưa có thời điểm tiếp nhận.");
  {
    g_autofree char *moment = describe_moment (received);

    g_string_append_printf (out, "Thời điểm tiếp nhận: %s.\n", moment);
  }

  if (!check_limit (limit, &error))
    {
      g_string_append_printf (out, "Không tính được ngày hẹn trả: %s.", error->message);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  limit_text = mc_time_limit_describe (limit);
  switch (limit.kind)
    {
    case MC_TIME_LIMIT_NONE:
      g_string_append_printf (out, "Thời hạn giải quyết: %s.\n", limit_text);
      g_string_append (out, "Không có ngày hẹn trả cụ thể theo quy định.");
      return g_string_free (g_steal_pointer (&out), FALSE);
    case MC_TIME_LIMIT_WORKING_DAYS:
      if (policy->mode == MC_DEADLINE_OFFICE_HOURS)
        {
          g_autofree char *total = describe_duration ((gint64) limit.amount * mc_office_hours_daily_seconds (hours), FALSE);

          g_string_append_printf (out, "Thời hạn giải quyết: %s, tức %s làm việc theo giờ hành chính (%s).\n",
                                  limit_text, total, hours_text);
        }
      else
        g_string_append_printf (out, "Thời hạn giải quyết: %s, hết giờ làm việc của ngày làm việc thứ %d "
                                "sau ngày tiếp nhận (ngày tiếp nhận không tính, Điều 147 Bộ luật Dân sự 2015).\n",
                                limit_text, limit.amount);
      break;
    case MC_TIME_LIMIT_WORKING_HOURS:
      g_string_append_printf (out, "Thời hạn giải quyết: %s theo giờ hành chính (%s).\n", limit_text, hours_text);
      break;
    case MC_TIME_LIMIT_SAME_DAY:
      {
        g_autofree char *cutoff = mc_clock_format (policy->same_day_cutoff);

        g_string_append_printf (out, "Thời hạn giải quyết: %s, hẹn trả cuối giờ làm việc; tiếp nhận sau %s "
                                "thì hẹn trả cuối ngày làm việc tiếp theo.\n", limit_text, cutoff);
      }
      break;
    case MC_TIME_LIMIT_CALENDAR_DAYS:
      g_string_append_printf (out, "Thời hạn giải quyết: %s theo lịch (tính cả ngày nghỉ); ngày cuối rơi vào "
                              "ngày nghỉ thì hẹn trả cuối giờ làm việc của ngày làm việc tiếp theo.\n", limit_text);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (!mc_deadline_compute (calendar, policy, limit, received, &original_due, &error) ||
      !mc_deadline_with_pauses (calendar, policy, limit, rule, received, pauses, n_pauses, &due, &error))
    {
      g_string_append_printf (out, "Không tính được ngày hẹn trả: %s.", error->message);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  day_names_init (&names, calendar, rules, local_day (received), local_day (due));
  list_from = local_day (received);

  switch (limit.kind)
    {
    case MC_TIME_LIMIT_WORKING_DAYS:
    case MC_TIME_LIMIT_WORKING_HOURS:
      if (limit.kind == MC_TIME_LIMIT_WORKING_DAYS && policy->mode == MC_DEADLINE_END_OF_DAY)
        {
          McDay first_counted;

          list_from++;
          if (mc_work_calendar_nth_working_day_after (calendar, local_day (received), 1, &first_counted, NULL))
            {
              g_autofree char *first_text = describe_day (first_counted);

              g_string_append_printf (out, "Ngày làm việc thứ nhất được tính: %s.\n", first_text);
            }
        }
      else if (mc_work_calendar_normalize (calendar, received, &start, NULL) && start != received)
        {
          g_autofree char *why = outside_reason (&names, calendar, received);
          g_autofree char *start_text = describe_moment (start);

          g_string_append_printf (out, "Ngoài giờ hành chính (%s): thời gian giải quyết được tính từ %s.\n",
                                  why, start_text);
          list_from = local_day (start);
        }
      break;
    case MC_TIME_LIMIT_SAME_DAY:
      if (local_day (original_due) != local_day (received))
        {
          g_autofree char *why = NULL;

          if (mc_work_calendar_normalize (calendar, received, &start, NULL) &&
              local_day (start) == local_day (received))
            {
              g_autofree char *cutoff = mc_clock_format (policy->same_day_cutoff);

              why = g_strdup_printf ("tiếp nhận sau %s", cutoff);
            }
          else
            why = outside_reason (&names, calendar, received);
          g_string_append_printf (out, "Hẹn trả vào cuối ngày làm việc tiếp theo (%s).\n", why);
        }
      list_from++;
      break;
    case MC_TIME_LIMIT_CALENDAR_DAYS:
      {
        McTime target = received + (gint64) limit.amount * MC_SECONDS_PER_DAY;

        if (original_due != target)
          {
            g_autofree char *target_text = describe_day (local_day (target));
            g_autofree char *detail = day_off_detail (&names, local_day (target), " (", ")");

            g_string_append_printf (out, "Ngày thứ %d (%s) rơi vào ngày nghỉ%s; hẹn trả cuối giờ làm việc "
                                    "của ngày làm việc tiếp theo.\n", limit.amount, target_text, detail);
          }
        /* Days off count in a calendar-day limit: nothing to list as skipped. */
        list_from = local_day (due) + 1;
      }
      break;
    default:
      break;
    }

  explain_days_between (out, &names, list_from, local_day (due));

  if (n_pauses > 0)
    {
      g_autofree char *original_text = mc_time_format_slip (original_due);
      McTime cursor = received;

      g_string_append_printf (out, "Ngày hẹn trả ban đầu: %s.\n", original_text);
      for (gsize i = 0; i < n_pauses; i++)
        {
          g_autofree char *from_text = describe_moment (pauses[i].started);
          g_autofree char *to_text = NULL;
          g_autofree char *spent = NULL;
          McTime from, to;
          gint64 w = 0;

          if (pauses[i].ended == MC_TIME_NONE)
            {
              if (rule == MC_PAUSE_RESTARTS)
                g_string_append_printf (out, "Đang tạm dừng từ %s: khi tiếp tục, thời hạn được tính lại từ đầu; "
                                        "ngày hẹn dưới đây là ngày hẹn nếu tiếp tục ngay lúc tạm dừng.\n", from_text);
              else
                g_string_append_printf (out, "Đang tạm dừng từ %s: thời gian tạm dừng chưa được cộng; "
                                        "ngày hẹn dưới đây là ngày hẹn nếu tiếp tục ngay lúc tạm dừng.\n", from_text);
              break;
            }
          to_text = describe_moment (pauses[i].ended);
          if (rule == MC_PAUSE_RESTARTS)
            {
              g_string_append_printf (out, "Tạm dừng từ %s đến %s.\n", from_text, to_text);
              if (i + 1 == n_pauses)
                g_string_append_printf (out, "Thời hạn được tính lại từ đầu từ %s.\n", to_text);
              continue;
            }
          from = MAX (pauses[i].started, cursor);
          to = pauses[i].ended;
          if (to > from)
            {
              cursor = to;
              if (limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS)
                w = to - from;
              else
                mc_work_calendar_working_seconds_between (calendar, from, to, &w, NULL);
            }
          spent = describe_duration (w, limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS);
          g_string_append_printf (out, "Tạm dừng từ %s đến %s: %s%s được cộng thêm vào thời hạn.\n",
                                  from_text, to_text, spent,
                                  limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS ? "" : " làm việc");
        }
    }

  /* Where the stopped clock would have ended earlier than the first appointment (a restart, or
   * a calendar-day target pushed off the day-off rule), the first one holds. */
  if (n_pauses > 0 && pauses[n_pauses - 1].ended != MC_TIME_NONE && due == original_due &&
      (rule == MC_PAUSE_RESTARTS || limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS))
    g_string_append (out, "Ngày hẹn sau tạm dừng không sớm hơn ngày hẹn ban đầu: giữ ngày hẹn ban đầu.\n");

  {
    g_autofree char *due_text = mc_time_format_slip (due);

    g_string_append_printf (out, "Ngày hẹn trả: %s.", due_text);
  }
  day_names_clear (&names);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
