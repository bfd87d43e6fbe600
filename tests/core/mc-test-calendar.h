/* mc-test-calendar.h — helpers and the naive calendar model shared by the calendar tests.
 *
 * test-work-calendar and test-deadline both check the engine against the same slow,
 * obviously-correct model of a random calendar: a week pattern, days off, working
 * weekends and 1–3 office segments, walked day by day and segment by segment. Keeping
 * one copy means both tests judge the engine by the same reference.
 */
#pragma once

#include "mc-work-calendar.h"

G_BEGIN_DECLS

/* Short hands for writing hand-counted examples: H (8, 30) seconds after midnight, the
 * day D (2025, 11, 21), the local moment T (2025, 11, 21, 8, 30). */
#define H(h, m) ((h) * 3600 + (m) * 60)

McDay           D                (int          y,
                                  int          m,
                                  int          d);
McTime          T                (int          y,
                                  int          mo,
                                  int          d,
                                  int          h,
                                  int          mi);
/* Aborts the test naming both moments when they differ. */
void            assert_time      (McTime       actual,
                                  McTime       expected);

typedef struct
{
  guint           weekdays;
  GHashTable     *off;
  GHashTable     *extra;
  McOfficeSegment segments[3];
  guint           n_segments;
  McDay           first, last;
} Model;

gboolean        model_is_working (const Model *m,
                                  McDay        day);
/* Working seconds in [a, b]. */
gint64          model_between    (const Model *m,
                                  McTime       a,
                                  McTime       b);
/* Fills @m with a random calendar over 2024–2026 with up to @max_off days off. */
void            random_model     (GRand       *rand,
                                  Model       *m,
                                  int          max_off);
/* The engine's calendar for the same days and hours. */
McWorkCalendar *model_calendar   (const Model *m);
void            model_clear      (Model       *m);

G_END_DECLS
