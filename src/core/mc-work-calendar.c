/* mc-work-calendar.c — office hours and the working-day table behind every deadline.
 *
 * McOfficeHours is the list of daily segments (07:00–11:30, 13:30–17:00 by default) with
 * their running totals. McWorkCalendar turns a week pattern, the days off and the working
 * weekends of a range of years into three arrays: whether each day is a working day, how
 * many working days precede it, and the day of each working day. With them a moment maps
 * to the *working-second axis* (working day k owns [k × S, (k + 1) × S)) and back with a
 * few look-ups and a walk over the day's few segments, so a deadline ten years away costs
 * the same as one due tomorrow. Nothing here allocates except construction and errors.
 */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-work-calendar.h"

/* Years a calendar may span: enough for any dossier, small enough that the table stays a
 * few hundred kilobytes. */
#define MAX_CALENDAR_YEARS 400

struct _McOfficeHours
{
  guint            n_segments;
  int              daily_seconds;
  McOfficeSegment *segments;       /* owned, n_segments */
  int             *before;         /* owned, n_segments + 1: working seconds before segment i */
};

struct _McWorkCalendar
{
  gatomicrefcount  ref_count;
  McOfficeHours   *hours;          /* owned copy */
  guint            working_weekdays;
  McDay            first_day;
  McDay            last_day;
  gint32           n_days;
  gint32           n_working;
  gint64           daily;          /* S, working seconds per working day */
  guint8          *is_working;     /* owned, n_days */
  gint32          *working_before; /* owned, n_days + 1: working days in [first_day, first_day + i) */
  gint32          *working_day;    /* owned, n_working: offset from first_day of working day k */
};

/* Office hours */

static McOfficeHours *
office_hours_new_from_segments (const McOfficeSegment *segments,
                                guint                  n_segments)
{
  McOfficeHours *self = g_new0 (McOfficeHours, 1);

  self->n_segments = n_segments;
  self->segments = g_new (McOfficeSegment, n_segments);
  self->before = g_new (int, n_segments + 1);
  memcpy (self->segments, segments, n_segments * sizeof (McOfficeSegment));
  self->before[0] = 0;
  for (guint i = 0; i < n_segments; i++)
    self->before[i + 1] = self->before[i] + (segments[i].end - segments[i].start);
  self->daily_seconds = self->before[n_segments];
  return self;
}

McOfficeHours *
mc_office_hours_new_default (void)
{
  static const McOfficeSegment segments[] = {
    { 7 * 3600, 11 * 3600 + 30 * 60 },
    { 13 * 3600 + 30 * 60, 17 * 3600 },
  };

  return office_hours_new_from_segments (segments, G_N_ELEMENTS (segments));
}

McOfficeHours *
mc_office_hours_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (McOfficeSegment));
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_auto(GStrv) parts = NULL;

  if (stripped[0] == '\0')
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("Office hours are empty (expected segments such as “07:00-11:30,13:30-17:00”)"));
      return NULL;
    }

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) ends = NULL;
      McOfficeSegment segment;
      char *part = g_strstrip (parts[i]);

      ends = g_strsplit (part, "-", -1);
      if (g_strv_length (ends) != 2 ||
          !mc_clock_parse (g_strstrip (ends[0]), &segment.start, NULL) ||
          !mc_clock_parse (g_strstrip (ends[1]), &segment.end, NULL))
        {
          /* Quoted as typed, but a message must be valid UTF-8 to be shown. */
          g_autofree char *shown = g_utf8_make_valid (part, -1);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("“%s” in the office hours is not a segment HH:MM-HH:MM"), shown);
          return NULL;
        }
      if (segment.start >= MC_SECONDS_PER_DAY || segment.start >= segment.end)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("Office hours segment “%s” must end after it starts, within 00:00-24:00"), part);
          return NULL;
        }
      if (segments->len > 0 &&
          g_array_index (segments, McOfficeSegment, segments->len - 1).end > segment.start)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("Office hours segment “%s” overlaps or comes before the previous one; "
                         "list segments in order without overlap"), part);
          return NULL;
        }
      g_array_append_val (segments, segment);
    }

  return office_hours_new_from_segments ((const McOfficeSegment *) (gpointer) segments->data,
                                         segments->len);
}

McOfficeHours *
mc_office_hours_copy (const McOfficeHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return office_hours_new_from_segments (self->segments, self->n_segments);
}

void
mc_office_hours_free (McOfficeHours *self)
{
  if (self == NULL)
    return;
  g_free (self->segments);
  g_free (self->before);
  g_free (self);
}

char *
mc_office_hours_to_string (const McOfficeHours *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->n_segments; i++)
    {
      g_autofree char *start = mc_clock_format (self->segments[i].start);
      g_autofree char *end = mc_clock_format (self->segments[i].end);

      g_string_append_printf (out, "%s%s-%s", i > 0 ? "," : "", start, end);
    }
  return g_string_free (out, FALSE);
}

guint
mc_office_hours_n_segments (const McOfficeHours *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_segments;
}

const McOfficeSegment *
mc_office_hours_get_segment (const McOfficeHours *self,
                             guint                i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_segments, NULL);

  return &self->segments[i];
}

int
mc_office_hours_daily_seconds (const McOfficeHours *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->daily_seconds;
}

int
mc_office_hours_opening (const McOfficeHours *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->segments[0].start;
}

int
mc_office_hours_closing (const McOfficeHours *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->segments[self->n_segments - 1].end;
}

/* Working calendar: construction */

static void
set_range_error (McWorkCalendar *self,
                 McDay           day,
                 GError        **error)
{
  g_autofree char *what = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (error == NULL)
    return;
  what = mc_day_format (day);
  first = mc_day_format (self->first_day);
  last = mc_day_format (self->last_day);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE,
               _("The date %s is outside the working calendar, which covers %s to %s"),
               what, first, last);
}

static void
set_beyond_error (McWorkCalendar *self,
                  McDay           day,
                  GError        **error)
{
  g_autofree char *what = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (error == NULL)
    return;
  what = mc_day_format (day);
  first = mc_day_format (self->first_day);
  last = mc_day_format (self->last_day);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE,
               _("Counting from %s runs past the last working day of the working calendar, "
                 "which covers %s to %s"),
               what, first, last);
}

McWorkCalendar *
mc_work_calendar_new_from_days (const McDay          *days_off,
                                gsize                 n_days_off,
                                const McDay          *working_extra,
                                gsize                 n_working_extra,
                                guint                 working_weekdays,
                                const McOfficeHours  *hours,
                                int                   first_year,
                                int                   last_year,
                                GError              **error)
{
  g_autoptr(McWorkCalendar) self = NULL;
  gint32 k = 0;

  g_return_val_if_fail (days_off != NULL || n_days_off == 0, NULL);
  g_return_val_if_fail (working_extra != NULL || n_working_extra == 0, NULL);

  if (working_weekdays == 0 || working_weekdays > 0x7f)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The working week must name at least one weekday, Monday to Sunday"));
      return NULL;
    }
  if (first_year < 1 || last_year > 9999 || first_year > last_year ||
      last_year - first_year >= MAX_CALENDAR_YEARS)
    {
      g_autofree char *range = g_strdup_printf ("%d-%d", first_year, last_year);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE,
                   _("The working calendar cannot cover the years %s"), range);
      return NULL;
    }

  self = g_new0 (McWorkCalendar, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->hours = hours ? mc_office_hours_copy (hours) : mc_office_hours_new_default ();
  self->working_weekdays = working_weekdays;
  self->daily = self->hours->daily_seconds;
  self->first_day = mc_day_from_ymd (first_year, 1, 1);
  self->last_day = mc_day_from_ymd (last_year, 12, 31);
  self->n_days = self->last_day - self->first_day + 1;
  self->is_working = g_new (guint8, self->n_days);
  self->working_before = g_new (gint32, self->n_days + 1);

  for (gint32 i = 0; i < self->n_days; i++)
    self->is_working[i] = (working_weekdays >> (mc_day_weekday (self->first_day + i) - 1)) & 1;
  for (gsize i = 0; i < n_days_off; i++)
    if (days_off[i] >= self->first_day && days_off[i] <= self->last_day)
      self->is_working[days_off[i] - self->first_day] = 0;
  /* A declared working weekend wins over a day off on the same day: the yearly
   * announcement that names it is the more specific text. */
  for (gsize i = 0; i < n_working_extra; i++)
    if (working_extra[i] >= self->first_day && working_extra[i] <= self->last_day)
      self->is_working[working_extra[i] - self->first_day] = 1;

  for (gint32 i = 0; i < self->n_days; i++)
    {
      self->working_before[i] = k;
      k += self->is_working[i];
    }
  self->working_before[self->n_days] = k;
  self->n_working = k;
  self->working_day = g_new (gint32, MAX (k, 1));
  for (gint32 i = 0, j = 0; i < self->n_days; i++)
    if (self->is_working[i])
      self->working_day[j++] = i;

  return g_steal_pointer (&self);
}

McWorkCalendar *
mc_work_calendar_new (McHolidayRules       *rules,
                      guint                 working_weekdays,
                      const McOfficeHours  *hours,
                      int                   first_year,
                      int                   last_year,
                      GError              **error)
{
  g_autoptr(GArray) days_off = g_array_new (FALSE, FALSE, sizeof (McDay));
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (McDay));

  g_return_val_if_fail (rules != NULL, NULL);

  if (first_year >= 1 && last_year <= 9999 && first_year <= last_year &&
      last_year - first_year < MAX_CALENDAR_YEARS)
    {
      for (int year = first_year; year <= last_year; year++)
        {
          g_autoptr(GArray) off = mc_holiday_rules_days_off (rules, year);
          g_autoptr(GArray) weekends = mc_holiday_rules_working_weekends (rules, year);

          for (guint i = 0; off != NULL && i < off->len; i++)
            g_array_append_val (days_off, g_array_index (off, McDayOff, i).day);
          for (guint i = 0; weekends != NULL && i < weekends->len; i++)
            g_array_append_val (extra, g_array_index (weekends, McWorkingWeekend, i).day);
        }
    }

  return mc_work_calendar_new_from_days ((const McDay *) (gpointer) days_off->data, days_off->len,
                                         (const McDay *) (gpointer) extra->data, extra->len,
                                         working_weekdays, hours, first_year, last_year, error);
}

McWorkCalendar *
mc_work_calendar_ref (McWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mc_work_calendar_unref (McWorkCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  mc_office_hours_free (self->hours);
  g_free (self->is_working);
  g_free (self->working_before);
  g_free (self->working_day);
  g_free (self);
}

/* Working calendar: look-ups */

/* The local day and clock of a moment, inlined: these run on every deadline. */
static inline McDay
local_day (McTime t)
{
  gint64 local = t + MC_LOCAL_UTC_OFFSET;
  gint64 day = local / MC_SECONDS_PER_DAY;

  return (McDay) (day - (local % MC_SECONDS_PER_DAY < 0));
}

static inline int
local_seconds (McTime t,
               McDay  day)
{
  return (int) (t + MC_LOCAL_UTC_OFFSET - (gint64) day * MC_SECONDS_PER_DAY);
}

static inline McTime
from_local (McDay day,
            int   seconds)
{
  return (gint64) day * MC_SECONDS_PER_DAY + seconds - MC_LOCAL_UTC_OFFSET;
}

const McOfficeHours *
mc_work_calendar_get_office_hours (McWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->hours;
}

guint
mc_work_calendar_get_working_weekdays (McWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->working_weekdays;
}

McDay
mc_work_calendar_first_day (McWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->first_day;
}

McDay
mc_work_calendar_last_day (McWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->last_day;
}

gboolean
mc_work_calendar_covers (McWorkCalendar *self,
                         McTime          t)
{
  McDay day;

  g_return_val_if_fail (self != NULL, FALSE);

  if (t == MC_TIME_NONE)
    return FALSE;
  day = local_day (t);
  return day >= self->first_day && day <= self->last_day;
}

gboolean
mc_work_calendar_is_working_day (McWorkCalendar *self,
                                 McDay           day)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (day < self->first_day || day > self->last_day)
    return FALSE;
  return self->is_working[day - self->first_day];
}

gboolean
mc_work_calendar_next_working_day (McWorkCalendar  *self,
                                   McDay            day,
                                   McDay           *out,
                                   GError         **error)
{
  gint32 k;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (day < self->first_day || day > self->last_day)
    {
      set_range_error (self, day, error);
      return FALSE;
    }
  k = self->working_before[day - self->first_day];
  if (k >= self->n_working)
    {
      set_beyond_error (self, day, error);
      return FALSE;
    }
  *out = self->first_day + self->working_day[k];
  return TRUE;
}

gint64
mc_work_calendar_count_working_days (McWorkCalendar *self,
                                     McDay           from,
                                     McDay           to)
{
  g_return_val_if_fail (self != NULL, 0);

  /* Days outside the table count as no working days: the caller asked about the range. */
  from = CLAMP (from, self->first_day, self->last_day + 1);
  to = CLAMP (to, self->first_day, self->last_day + 1);
  if (to <= from)
    return 0;
  return self->working_before[to - self->first_day] - self->working_before[from - self->first_day];
}

gboolean
mc_work_calendar_nth_working_day_after (McWorkCalendar  *self,
                                        McDay            day,
                                        gint64           n,
                                        McDay           *out,
                                        GError         **error)
{
  gint64 k;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n >= 1, FALSE);

  if (day < self->first_day || day > self->last_day)
    {
      set_range_error (self, day, error);
      return FALSE;
    }
  k = (gint64) self->working_before[day - self->first_day + 1] + n - 1;
  if (k >= self->n_working)
    {
      set_beyond_error (self, day, error);
      return FALSE;
    }
  *out = self->first_day + self->working_day[k];
  return TRUE;
}

/* Working seconds of a day elapsed at @seconds: a moment in a break or after closing
 * counts everything before it, which is the same as the next opening. */
static inline gint64
elapsed_in_day (const McOfficeHours *hours,
                int                  seconds)
{
  for (guint i = 0; i < hours->n_segments; i++)
    {
      const McOfficeSegment *segment = &hours->segments[i];

      if (seconds < segment->end)
        return hours->before[i] + MAX (seconds - segment->start, 0);
    }
  return hours->daily_seconds;
}

gboolean
mc_work_calendar_to_working_seconds (McWorkCalendar  *self,
                                     McTime           t,
                                     gint64          *out,
                                     GError         **error)
{
  McDay day;
  gint32 i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (t == MC_TIME_NONE)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING, _("No moment was given"));
      return FALSE;
    }
  day = local_day (t);
  if (day < self->first_day || day > self->last_day)
    {
      set_range_error (self, day, error);
      return FALSE;
    }
  i = day - self->first_day;
  *out = self->working_before[i] * self->daily;
  if (self->is_working[i])
    *out += elapsed_in_day (self->hours, local_seconds (t, day));
  return TRUE;
}

gboolean
mc_work_calendar_from_working_seconds (McWorkCalendar  *self,
                                       gint64           w,
                                       McTime          *out,
                                       GError         **error)
{
  const McOfficeHours *hours;
  gint64 k, r;
  guint i = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  hours = self->hours;
  if (w < 0 || w > self->n_working * self->daily || self->n_working == 0)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      if (error != NULL)
        {
          first = mc_day_format (self->first_day);
          last = mc_day_format (self->last_day);
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE,
                       _("The appointment falls outside the working calendar, which covers %s to %s"),
                       first, last);
        }
      return FALSE;
    }
  if (w == 0)
    {
      *out = from_local (self->first_day + self->working_day[0], hours->segments[0].start);
      return TRUE;
    }
  /* The earliest moment: r in (0, S], so a whole day ends at closing on the same day and
   * a segment's total ends at that segment's end, never at the next one's start. */
  k = (w - 1) / self->daily;
  r = w - k * self->daily;
  while (hours->before[i + 1] < r)
    i++;
  *out = from_local (self->first_day + self->working_day[k],
                     hours->segments[i].start + (int) (r - hours->before[i]));
  return TRUE;
}

gboolean
mc_work_calendar_working_seconds_between (McWorkCalendar  *self,
                                          McTime           from,
                                          McTime           to,
                                          gint64          *out,
                                          GError         **error)
{
  gint64 a, b;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (to <= from)
    {
      *out = 0;
      return TRUE;
    }
  if (!mc_work_calendar_to_working_seconds (self, from, &a, error) ||
      !mc_work_calendar_to_working_seconds (self, to, &b, error))
    return FALSE;
  *out = b - a;
  return TRUE;
}

gboolean
mc_work_calendar_normalize (McWorkCalendar  *self,
                            McTime           t,
                            McTime          *out,
                            GError         **error)
{
  const McOfficeHours *hours;
  McDay day;
  gint32 i, k;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  hours = self->hours;
  if (t == MC_TIME_NONE)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING, _("No moment was given"));
      return FALSE;
    }
  day = local_day (t);
  if (day < self->first_day || day > self->last_day)
    {
      set_range_error (self, day, error);
      return FALSE;
    }
  i = day - self->first_day;
  if (self->is_working[i])
    {
      int seconds = local_seconds (t, day);

      for (guint j = 0; j < hours->n_segments; j++)
        {
          if (seconds < hours->segments[j].start)
            {
              *out = from_local (day, hours->segments[j].start);
              return TRUE;
            }
          if (seconds < hours->segments[j].end)
            {
              *out = t;
              return TRUE;
            }
        }
    }
  /* After closing or on a day off: the next working day's opening. */
  k = self->working_before[i + 1];
  if (k >= self->n_working)
    {
      set_beyond_error (self, day, error);
      return FALSE;
    }
  *out = from_local (self->first_day + self->working_day[k], hours->segments[0].start);
  return TRUE;
}
