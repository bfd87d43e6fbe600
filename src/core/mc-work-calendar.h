/* mc-work-calendar.h — working days and office hours as a table, for O(1) arithmetic.
 *
 * Built once for a range of years from a week pattern, the days off and the working
 * weekends. Every day of the range gets its running count of working days, and every
 * working day its day number, so "the N-th working day after d" and "working seconds
 * between two moments" are array look-ups, whatever the distance. Immutable and
 * reference-counted: share one between threads.
 *
 * Working time is measured on one axis, the *working second*: working day k of the range
 * contributes seconds [k × S, (k + 1) × S) where S is the office's daily working time
 * (8 h by default, 07:00–11:30 and 13:30–17:00).
 */
#pragma once

#include "mc-holidays.h"

G_BEGIN_DECLS

/* Bit (1 << (iso_weekday - 1)): Monday = bit 0 … Sunday = bit 6. */
#define MC_WEEK_MONDAY_TO_FRIDAY 0x1f

typedef struct
{
  int start;   /* seconds of day, inclusive */
  int end;     /* seconds of day, exclusive; start < end */
} McOfficeSegment;

typedef struct _McOfficeHours McOfficeHours;

/* "07:00-11:30,13:30-17:00": sorted, non-overlapping, non-empty segments. */
McOfficeHours *mc_office_hours_parse         (const char            *text,
                                              GError               **error);
McOfficeHours *mc_office_hours_new_default   (void);
McOfficeHours *mc_office_hours_copy          (const McOfficeHours   *self);
void           mc_office_hours_free          (McOfficeHours         *self);
char          *mc_office_hours_to_string     (const McOfficeHours   *self);
guint          mc_office_hours_n_segments    (const McOfficeHours   *self);
const McOfficeSegment *
               mc_office_hours_get_segment   (const McOfficeHours   *self,
                                              guint                  i);
/* Working seconds in one day (28 800 for the default). */
int            mc_office_hours_daily_seconds (const McOfficeHours   *self);
int            mc_office_hours_opening       (const McOfficeHours   *self);
int            mc_office_hours_closing       (const McOfficeHours   *self);

typedef struct _McWorkCalendar McWorkCalendar;

/* From the holiday rules (and their announcements) for [first_year, last_year]. */
McWorkCalendar *mc_work_calendar_new          (McHolidayRules        *rules,
                                               guint                  working_weekdays,
                                               const McOfficeHours   *hours,
                                               int                    first_year,
                                               int                    last_year,
                                               GError               **error);
/* From explicit day sets, for any week pattern and holiday set (tests, other countries' weeks). */
McWorkCalendar *mc_work_calendar_new_from_days (const McDay          *days_off,
                                               gsize                  n_days_off,
                                               const McDay          *working_extra,
                                               gsize                  n_working_extra,
                                               guint                  working_weekdays,
                                               const McOfficeHours   *hours,
                                               int                    first_year,
                                               int                    last_year,
                                               GError               **error);
McWorkCalendar *mc_work_calendar_ref          (McWorkCalendar        *self);
void            mc_work_calendar_unref        (McWorkCalendar        *self);

const McOfficeHours *
                mc_work_calendar_get_office_hours (McWorkCalendar    *self);
/* The week pattern the calendar was built with (bit 0 = Monday … bit 6 = Sunday). */
guint           mc_work_calendar_get_working_weekdays (McWorkCalendar *self);
McDay           mc_work_calendar_first_day    (McWorkCalendar        *self);
McDay           mc_work_calendar_last_day     (McWorkCalendar        *self);
gboolean        mc_work_calendar_covers       (McWorkCalendar        *self,
                                               McTime                 t);
gboolean        mc_work_calendar_is_working_day (McWorkCalendar      *self,
                                               McDay                  day);
/* The first working day >= @day (>@day with _after). */
gboolean        mc_work_calendar_next_working_day (McWorkCalendar    *self,
                                               McDay                  day,
                                               McDay                 *out,
                                               GError               **error);
/* The number of working days in [from, to). */
gint64          mc_work_calendar_count_working_days (McWorkCalendar  *self,
                                               McDay                  from,
                                               McDay                  to);
/* @n >= 1: the n-th working day strictly after @day. */
gboolean        mc_work_calendar_nth_working_day_after (McWorkCalendar *self,
                                               McDay                  day,
                                               gint64                 n,
                                               McDay                 *out,
                                               GError               **error);

/* The moment @t on the working-second axis: the working time elapsed from the start of
 * the range to @t (a moment outside office hours maps to the next opening). */
gboolean        mc_work_calendar_to_working_seconds (McWorkCalendar  *self,
                                               McTime                 t,
                                               gint64                *out,
                                               GError               **error);
/* The earliest moment at which @w working seconds have passed: a boundary maps to the
 * end of the earlier segment (w = one full day → 17:00, not the next day's 07:00). */
gboolean        mc_work_calendar_from_working_seconds (McWorkCalendar *self,
                                               gint64                 w,
                                               McTime                *out,
                                               GError               **error);
/* Working seconds between two moments (0 when @to <= @from). */
gboolean        mc_work_calendar_working_seconds_between (McWorkCalendar *self,
                                               McTime                 from,
                                               McTime                 to,
                                               gint64                *out,
                                               GError               **error);
/* The moment moved into office time: before opening → opening; in a break → the next
 * segment; after closing or on a day off → the next working day's opening. */
gboolean        mc_work_calendar_normalize    (McWorkCalendar        *self,
                                               McTime                 t,
                                               McTime                *out,
                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOfficeHours, mc_office_hours_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McWorkCalendar, mc_work_calendar_unref)

G_END_DECLS
