/* mc-lunar.c — the Vietnamese lunisolar calendar, computed astronomically.
 *
 * Follows Hồ Ngọc Đức's published method ("Âm lịch Việt Nam", informatik.uni-leipzig.de/~duc/amlich):
 * a lunar month begins on the local day (UTC+7) of a new moon; month 11 is the month that
 * contains the winter solstice; a year with 13 months between two months 11 has as its leap
 * month the first month without a major solar term (the sun stays in one 30° sector of
 * longitude from the month's first day to the next month's first day).  The sun's
 * longitude is the series the method publishes (plus aberration and nutation); new moons
 * use Meeus' full series (see new_moon_moment()).  Rather than recomputing the astronomy
 * on every call, the month starts of the whole supported range (about 2,500 months) are
 * computed once, under g_once, into an immutable table that any thread may read; a
 * conversion is then a binary search.
 */
#include "config.h"

#include <math.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-lunar.h"

/* Julian day number of 1970-01-01, the epoch of McDay. */
#define JDN_OF_MC_DAY_ZERO 2440588
/* Vietnam's meridian: the calendar is drawn up for UTC+7 since 1968 (before, the
 * Huế court used UTC+8; we apply UTC+7 throughout, as Hồ Ngọc Đức's tables do). */
#define TIME_ZONE_HOURS 7.0
#define SYNODIC_MONTH   29.530588853
/* The mean new moon of January 1900 (k = 0 in the series below). */
#define NEW_MOON_EPOCH  2415021.076998695

/* The table spans the months 11 of 1898 … 2101, enough to cover every day of
 * lunar years 1899 … 2101 and so every Gregorian day in the documented range. */
#define TABLE_FIRST_MONTH11_YEAR (MC_LUNAR_FIRST_YEAR - 2)
#define TABLE_LAST_MONTH11_YEAR  (MC_LUNAR_LAST_YEAR + 1)

typedef struct
{
  McDay  start;   /* first day of the month */
  gint16 year;    /* lunar year */
  gint8  month;   /* 1 … 12 */
  gint8  leap;    /* 1 for a leap month */
} LunarMonth;

typedef struct
{
  LunarMonth *months;
  guint       n_months;
} LunarTable;

/* ΔT = TT − UT in seconds for the decimal year @y: the polynomials of Espenak and
 * Meeus (NASA, "Polynomial expressions for Delta T", 2006), which follow the observed
 * values to 2005 and extrapolate beyond.  Only new moons within a minute or two of
 * local midnight depend on it. */
static double
delta_t_seconds (double y)
{
  double t;

  if (y < 1900)
    {
      t = y - 1860;
      return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t
             - 0.0004473624 * pow (t, 4) + pow (t, 5) / 233174;
    }
  if (y < 1920)
    {
      t = y - 1900;
      return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * pow (t, 4);
    }
  if (y < 1941)
    {
      t = y - 1920;
      return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    }
  if (y < 1961)
    {
      t = y - 1950;
      return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
    }
  if (y < 1986)
    {
      t = y - 1975;
      return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    }
  if (y < 2005)
    {
      t = y - 2000;
      return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t
             + 0.000651814 * pow (t, 4) + 0.00002373599 * pow (t, 5);
    }
  if (y < 2050)
    {
      t = y - 2000;
      return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
  t = (y - 1820) / 100;
  return -20 + 32 * t * t - 0.5628 * (2150 - y);
}

/* The moment (Julian day, UT) of the k-th new moon after the one of January 1900.
 * Hồ Ngọc Đức's published code uses a short series; this is the full one of Meeus,
 * "Astronomical Algorithms" (2nd ed.), chapter 49, accurate to well under a minute,
 * because a handful of new moons in 1968–2100 fall within a minute or two of midnight at
 * UTC+7 (2072-12-09, 2077-11-15) and the short series, off by up to 3.5 minutes, puts them
 * on a different day than Hồ Ngọc Đức's own published tables do. */
static double
new_moon_moment (int k_1900)
{
  const double dr = G_PI / 180.0;
  /* Meeus counts from the new moon of 2000-01-06, 1237 lunations after ours. */
  double k = k_1900 - 1237;
  double t = k / 1236.85;
  double t2 = t * t;
  double t3 = t2 * t;
  double t4 = t3 * t;
  double e = 1 - 0.002516 * t - 0.0000074 * t2;
  double m = (2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3) * dr;
  double mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * dr;
  double f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * dr;
  double om = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * dr;
  static const double planetary[14][3] = {
    /* argument at k = 0, per lunation, amplitude (days) */
    { 299.77, 0.107408, 0.000325 }, { 251.88, 0.016321, 0.000165 },
    { 251.83, 26.651886, 0.000164 }, { 349.42, 36.412478, 0.000126 },
    { 84.66, 18.206239, 0.000110 }, { 141.74, 53.303771, 0.000062 },
    { 207.14, 2.453732, 0.000060 }, { 154.84, 7.306860, 0.000056 },
    { 34.52, 27.261239, 0.000047 }, { 207.19, 0.121824, 0.000042 },
    { 291.34, 1.844379, 0.000040 }, { 161.72, 24.198154, 0.000037 },
    { 239.56, 25.513099, 0.000035 }, { 331.55, 3.592518, 0.000023 },
  };
  double jde, year;

  jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;

  jde += -0.40720 * sin (mp)
         + 0.17241 * e * sin (m)
         + 0.01608 * sin (2 * mp)
         + 0.01039 * sin (2 * f)
         + 0.00739 * e * sin (mp - m)
         - 0.00514 * e * sin (mp + m)
         + 0.00208 * e * e * sin (2 * m)
         - 0.00111 * sin (mp - 2 * f)
         - 0.00057 * sin (mp + 2 * f)
         + 0.00056 * e * sin (2 * mp + m)
         - 0.00042 * sin (3 * mp)
         + 0.00042 * e * sin (m + 2 * f)
         + 0.00038 * e * sin (m - 2 * f)
         - 0.00024 * e * sin (2 * mp - m)
         - 0.00017 * sin (om)
         - 0.00007 * sin (mp + 2 * m)
         + 0.00004 * sin (2 * mp - 2 * f)
         + 0.00004 * sin (3 * m)
         + 0.00003 * sin (mp + m - 2 * f)
         + 0.00003 * sin (2 * mp + 2 * f)
         - 0.00003 * sin (mp + m + 2 * f)
         + 0.00003 * sin (mp - m + 2 * f)
         - 0.00002 * sin (mp - m - 2 * f)
         - 0.00002 * sin (3 * mp + m)
         + 0.00002 * sin (4 * mp);

  for (guint i = 0; i < G_N_ELEMENTS (planetary); i++)
    {
      double argument = planetary[i][0] + planetary[i][1] * k - (i == 0 ? 0.009173 * t2 : 0);

      jde += planetary[i][2] * sin (argument * dr);
    }

  year = 2000 + (jde - 2451545.0) / 365.25;
  return jde - delta_t_seconds (year) / 86400.0;
}

/* The Julian day number of the local (UTC+7) day on which the k-th new moon falls. */
static int
new_moon_day (int k)
{
  return (int) floor (new_moon_moment (k) + 0.5 + TIME_ZONE_HOURS / 24.0);
}

/* The sector (0 … 11, each 30° from the vernal equinox) in which the sun stands at
 * local midnight starting the day @jdn.  Sector 9 begins at the winter solstice. */
static int
sun_sector (int jdn)
{
  const double dr = G_PI / 180.0;
  double t = (jdn - 0.5 - TIME_ZONE_HOURS / 24.0 - 2451545.0) / 36525.0;
  double t2 = t * t;
  double m, l0, dl, l;

  m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin (dr * m);
  dl = dl + (0.019993 - 0.000101 * t) * sin (dr * 2 * m) + 0.000290 * sin (dr * 3 * m);
  /* Apparent longitude: aberration and the nutation in longitude (Meeus, ch. 25). */
  l = (l0 + dl - 0.00569 - 0.00478 * sin ((125.04 - 1934.136 * t) * dr)) * dr;
  l = l - 2 * G_PI * floor (l / (2 * G_PI));

  return (int) floor (l / G_PI * 6);
}

static int
jdn_from_ymd (int year,
              int month,
              int mday)
{
  return mc_day_from_ymd (year, month, mday) + JDN_OF_MC_DAY_ZERO;
}

/* The first day (JDN) of lunar month 11, the month holding the winter solstice of
 * Gregorian @year. */
static int
month11_start (int year)
{
  double off = jdn_from_ymd (year, 12, 31) - NEW_MOON_EPOCH;
  int k = (int) floor (off / SYNODIC_MONTH);
  int nm = new_moon_day (k);

  /* The new moon before 31 December may still be after the solstice (sector 9 begins
   * at 270°); then month 11 began one lunation earlier. */
  if (sun_sector (nm) >= 9)
    nm = new_moon_day (k - 1);
  return nm;
}

/* In a 13-month year starting with the month 11 at @a11, the position (1 … 12) after
 * that month of the first month without a major solar term: the leap month. */
static int
leap_month_offset (int a11)
{
  int k = (int) floor ((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  int last;
  int i = 1;
  int arc = sun_sector (new_moon_day (k + 1));

  do
    {
      last = arc;
      i++;
      arc = sun_sector (new_moon_day (k + i));
    }
  while (arc != last && i < 14);

  return i - 1;
}

static LunarTable *
lunar_table_build (void)
{
  LunarTable *table = g_new0 (LunarTable, 1);
  GArray *months = g_array_new (FALSE, FALSE, sizeof (LunarMonth));
  int a11 = month11_start (TABLE_FIRST_MONTH11_YEAR);

  for (int year = TABLE_FIRST_MONTH11_YEAR; year < TABLE_LAST_MONTH11_YEAR; year++)
    {
      int b11 = month11_start (year + 1);
      int k = (int) floor ((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
      int n = (int) floor ((b11 - a11) / SYNODIC_MONTH + 0.5);
      int leap_offset = n == 13 ? leap_month_offset (a11) : -1;

      for (int i = 0; i < n; i++)
        {
          LunarMonth lm;
          int number = 11 + i;

          if (leap_offset >= 0 && i >= leap_offset)
            number--;
          if (number > 12)
            number -= 12;

          lm.start = (McDay) (new_moon_day (k + i) - JDN_OF_MC_DAY_ZERO);
          lm.month = (gint8) number;
          lm.leap = (gint8) (i == leap_offset);
          /* Months 11 and 12 (and a leap 11 or 12) right after the solstice belong to
           * the lunar year that is ending; the rest to the next one. */
          lm.year = (gint16) (number >= 11 && i < 4 ? year : year + 1);
          g_array_append_val (months, lm);
        }
      a11 = b11;
    }

  table->n_months = months->len;
  table->months = (LunarMonth *) (void *) g_array_free (months, FALSE);
  return table;
}

static const LunarTable *
lunar_table (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, (gsize) lunar_table_build ());

  return (const LunarTable *) table;
}

static McDay
first_valid_day (void)
{
  return mc_day_from_ymd (1900, 1, 31);
}

static McDay
last_valid_day (void)
{
  return mc_day_from_ymd (MC_LUNAR_LAST_YEAR, 12, 31);
}

static void
set_range_error (GError **error,
                 McDay    day)
{
  g_autofree char *text = mc_day_format_vi (day);
  g_autofree char *first = mc_day_format_vi (first_valid_day ());
  g_autofree char *last = mc_day_format_vi (last_valid_day ());

  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE,
               _("%s is outside the range of the lunar calendar (%s to %s)"),
               text, first, last);
}

/* Index of the month holding @day (the table covers it). */
static guint
month_index_of_day (const LunarTable *table,
                    McDay             day)
{
  guint lo = 0;
  guint hi = table->n_months;

  /* Largest index whose start <= day. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (table->months[mid].start <= day)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_month_key (const LunarMonth *m,
                   int               year,
                   int               month,
                   int               leap)
{
  if (m->year != year)
    return m->year < year ? -1 : 1;
  if (m->month != month)
    return m->month < month ? -1 : 1;
  if (m->leap != leap)
    return m->leap < leap ? -1 : 1;
  return 0;
}

/* Index of (year, month, leap), or -1.  The table is ordered by that key too, since a
 * leap month follows the regular month of the same number. */
static int
month_index_of_key (const LunarTable *table,
                    int               year,
                    int               month,
                    int               leap)
{
  int lo = 0;
  int hi = (int) table->n_months - 1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;
      int cmp = compare_month_key (&table->months[mid], year, month, leap);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
  return -1;
}

/* "15/4/2020", "15/4/2020 (nhuận)": the lunar date as an error message quotes it. */
static char *
lunar_date_text (const McLunarDate *lunar)
{
  return g_strdup_printf ("%d/%d/%d%s", lunar->day, lunar->month, lunar->year,
                          lunar->leap_month ? " (nhuận)" : "");
}

gboolean
mc_lunar_from_day (McDay         day,
                   McLunarDate  *out,
                   GError      **error)
{
  const LunarTable *table;
  const LunarMonth *m;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (day < first_valid_day () || day > last_valid_day ())
    {
      set_range_error (error, day);
      return FALSE;
    }

  table = lunar_table ();
  m = &table->months[month_index_of_day (table, day)];
  out->year = m->year;
  out->month = m->month;
  out->day = (int) (day - m->start) + 1;
  out->leap_month = m->leap != 0;
  return TRUE;
}

gboolean
mc_lunar_to_day (const McLunarDate  *lunar,
                 McDay              *out,
                 GError            **error)
{
  const LunarTable *table;
  int index;
  int length;
  McDay day;

  g_return_val_if_fail (lunar != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (lunar->year < MC_LUNAR_FIRST_YEAR || lunar->year > MC_LUNAR_LAST_YEAR)
    {
      g_autofree char *year = g_strdup_printf ("%d", lunar->year);
      g_autofree char *first = g_strdup_printf ("%d", MC_LUNAR_FIRST_YEAR);
      g_autofree char *last = g_strdup_printf ("%d", MC_LUNAR_LAST_YEAR);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE,
                   _("The lunar year %s is outside the range of the lunar calendar (%s to %s)"),
                   year, first, last);
      return FALSE;
    }

  table = lunar_table ();
  index = lunar->month >= 1 && lunar->month <= 12
            ? month_index_of_key (table, lunar->year, lunar->month, lunar->leap_month ? 1 : 0)
            : -1;
  if (index < 0 || index + 1 >= (int) table->n_months)
    {
      g_autofree char *text = lunar_date_text (lunar);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   lunar->leap_month
                     ? _("The lunar date %s does not exist: that year has no such leap month")
                     : _("The lunar date %s does not exist: there is no such month"),
                   text);
      return FALSE;
    }

  length = (int) (table->months[index + 1].start - table->months[index].start);
  if (lunar->day < 1 || lunar->day > length)
    {
      g_autofree char *text = lunar_date_text (lunar);
      g_autofree char *days = g_strdup_printf ("%d", length);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The lunar date %s does not exist: that month has %s days"),
                   text, days);
      return FALSE;
    }

  day = table->months[index].start + lunar->day - 1;
  if (day < first_valid_day () || day > last_valid_day ())
    {
      set_range_error (error, day);
      return FALSE;
    }

  *out = day;
  return TRUE;
}

McDay
mc_lunar_new_year_day (int year)
{
  const LunarTable *table;
  int index;

  g_return_val_if_fail (year >= MC_LUNAR_FIRST_YEAR && year <= MC_LUNAR_LAST_YEAR, 0);

  table = lunar_table ();
  index = month_index_of_key (table, year, 1, 0);
  g_assert (index >= 0);
  return table->months[index].start;
}
