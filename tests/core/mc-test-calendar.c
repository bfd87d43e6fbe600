/* mc-test-calendar.c — helpers and the naive calendar model shared by the calendar tests.
 *
 * The model is deliberately simple: every question is answered by walking the days and
 * the office segments one by one, so that the engine's O(1) tables have an independent
 * reference.
 */
#include "config.h"

#include "mc-test-calendar.h"

McDay
D (int y, int m, int d)
{
  return mc_day_from_ymd (y, m, d);
}

McTime
T (int y, int mo, int d, int h, int mi)
{
  return mc_time_from_local (mc_day_from_ymd (y, mo, d), H (h, mi));
}

void
assert_time (McTime actual,
             McTime expected)
{
  if (actual != expected)
    {
      g_autofree char *a = mc_time_format_iso (actual);
      g_autofree char *e = mc_time_format_iso (expected);

      g_error ("expected %s, got %s", e, a);
    }
}

gboolean
model_is_working (const Model *m,
                  McDay        day)
{
  if (g_hash_table_contains (m->extra, GINT_TO_POINTER (day)))
    return TRUE;
  if (g_hash_table_contains (m->off, GINT_TO_POINTER (day)))
    return FALSE;
  return (m->weekdays >> (mc_day_weekday (day) - 1)) & 1;
}

gint64
model_between (const Model *m,
               McTime       a,
               McTime       b)
{
  gint64 total = 0;

  for (McDay day = mc_time_local_day (a); day <= mc_time_local_day (b); day++)
    {
      if (!model_is_working (m, day))
        continue;
      for (guint i = 0; i < m->n_segments; i++)
        {
          McTime lo = MAX (a, mc_time_from_local (day, m->segments[i].start));
          McTime hi = MIN (b, mc_time_from_local (day, m->segments[i].end));

          if (hi > lo)
            total += hi - lo;
        }
    }
  return total;
}

void
random_model (GRand *rand,
              Model *m,
              int    max_off)
{
  int marks[6];
  guint n;

  m->first = mc_day_from_ymd (2024, 1, 1);
  m->last = mc_day_from_ymd (2026, 12, 31);
  m->weekdays = (guint) g_rand_int_range (rand, 1, 128);
  m->off = g_hash_table_new (NULL, NULL);
  m->extra = g_hash_table_new (NULL, NULL);
  for (int i = g_rand_int_range (rand, 0, max_off); i > 0; i--)
    g_hash_table_add (m->off, GINT_TO_POINTER (g_rand_int_range (rand, m->first, m->last + 1)));
  for (int i = g_rand_int_range (rand, 0, 15); i > 0; i--)
    g_hash_table_add (m->extra, GINT_TO_POINTER (g_rand_int_range (rand, m->first, m->last + 1)));

  /* 1–3 segments: distinct minute marks, sometimes touching, sometimes 00:00 or 24:00. */
  n = (guint) g_rand_int_range (rand, 1, 4);
retry:
  for (guint i = 0; i < 2 * n; i++)
    {
      int r = g_rand_int_range (rand, 0, 10);

      marks[i] = r == 0 ? 0 : r == 1 ? 1440 : g_rand_int_range (rand, 0, 1441);
    }
  for (guint i = 1; i < 2 * n; i++)
    for (guint j = i; j > 0 && marks[j - 1] > marks[j]; j--)
      {
        int x = marks[j];

        marks[j] = marks[j - 1];
        marks[j - 1] = x;
      }
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && g_rand_int_range (rand, 0, 5) == 0)
        marks[2 * i] = marks[2 * i - 1];
      if (marks[2 * i] == marks[2 * i + 1])
        goto retry;
    }
  m->n_segments = n;
  for (guint i = 0; i < n; i++)
    m->segments[i] = (McOfficeSegment) { marks[2 * i] * 60, marks[2 * i + 1] * 60 };
}

McWorkCalendar *
model_calendar (const Model *m)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(McOfficeHours) hours = NULL;
  g_autofree McDay *off = g_new (McDay, g_hash_table_size (m->off) + 1);
  g_autofree McDay *extra = g_new (McDay, g_hash_table_size (m->extra) + 1);
  guint n_off = 0, n_extra = 0;
  McWorkCalendar *calendar;
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < m->n_segments; i++)
    {
      g_autofree char *a = mc_clock_format (m->segments[i].start);
      g_autofree char *b = mc_clock_format (m->segments[i].end);

      g_string_append_printf (text, "%s%s-%s", i ? "," : "", a, b);
    }
  hours = mc_office_hours_parse (text->str, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, m->off);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    off[n_off++] = GPOINTER_TO_INT (key);
  g_hash_table_iter_init (&iter, m->extra);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    extra[n_extra++] = GPOINTER_TO_INT (key);
  calendar = mc_work_calendar_new_from_days (off, n_off, extra, n_extra, m->weekdays, hours, 2024, 2026, &error);
  g_assert_no_error (error);
  return calendar;
}

void
model_clear (Model *m)
{
  g_clear_pointer (&m->off, g_hash_table_unref);
  g_clear_pointer (&m->extra, g_hash_table_unref);
}
