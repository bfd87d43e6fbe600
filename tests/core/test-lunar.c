/* test-lunar.c — the Vietnamese lunar calendar against published tables.
 *
 * The reference data come from Hồ Ngọc Đức's published Vietnamese calendar tables
 * ("Âm lịch Việt Nam", amlich-hnd.js, arrays TK20/TK21/TK22, © 2004 Hồ Ngọc Đức,
 * https://www.informatik.uni-leipzig.de/~duc/amlich/), which encode for every lunar year
 * the Gregorian day of Tết, the length of each month and the leap month.  The Tết list
 * below was decoded from those codes once, outside this project, and is kept literally so
 * that a reader can check it against any almanac; the codes themselves are kept for the
 * month-by-month test.  The years in which Vietnam's Tết differs from China's (1985:
 * 21 January instead of 20 February; 2007: 17 February instead of 18; 1968: 29 January
 * instead of 30, the year the North adopted UTC+7) are in the table and checked by name
 * as well.  Hùng Kings' days were checked against the days off announced for 2016 and
 * 2019–2026.
 *
 * Two deliberate departures, both about new moons within minutes of midnight:
 * - Before 1968 the published tables record the almanac then in use, drawn up for the
 *   Chinese meridian (UTC+8, before 1929 Beijing mean time).  Our calendar is computed
 *   for UTC+7 throughout (see mc-lunar.h), so in four years its Tết is a day earlier than
 *   the table's: 1903 (new moon 28 Jan 16:39 UT), 1925 (24 Jan 14:46 UT, the total solar
 *   eclipse of 24 January 1925), 1935 (3 Feb 16:28 UT, the annular eclipse of 3 February
 *   1935) and 1965 (1 Feb 16:37 UT): all before midnight at UTC+7.  The month-by-month
 *   test therefore starts in 1968.
 * - Month 4 of 2054: the new moon of 7 May 2054 falls about 17:00:20 UT, within half a
 *   minute of midnight at UTC+7, so its day depends on the forecast of ΔT; the table
 *   puts it on 7 May, our ΔT (Espenak–Meeus) on 8 May.  Noted below, not hidden.
 */
#include "mc-lunar.h"
#include "mc-error.h"

typedef struct
{
  int year;
  int month;
  int mday;
} Ymd;

/* Mùng 1 Tết, lunar years 1900 … 2100. */
static const Ymd tet_days[] = {
  { 1900, 1, 31 }, { 1901, 2, 19 }, { 1902, 2,  8 }, { 1903, 1, 29 }, { 1904, 2, 16 },
  { 1905, 2,  4 }, { 1906, 1, 25 }, { 1907, 2, 13 }, { 1908, 2,  2 }, { 1909, 1, 22 },
  { 1910, 2, 10 }, { 1911, 1, 30 }, { 1912, 2, 18 }, { 1913, 2,  6 }, { 1914, 1, 26 },
  { 1915, 2, 14 }, { 1916, 2,  3 }, { 1917, 1, 23 }, { 1918, 2, 11 }, { 1919, 2,  1 },
  { 1920, 2, 20 }, { 1921, 2,  8 }, { 1922, 1, 28 }, { 1923, 2, 16 }, { 1924, 2,  5 },
  { 1925, 1, 25 }, { 1926, 2, 13 }, { 1927, 2,  2 }, { 1928, 1, 23 }, { 1929, 2, 10 },
  { 1930, 1, 30 }, { 1931, 2, 17 }, { 1932, 2,  6 }, { 1933, 1, 26 }, { 1934, 2, 14 },
  { 1935, 2,  4 }, { 1936, 1, 24 }, { 1937, 2, 11 }, { 1938, 1, 31 }, { 1939, 2, 19 },
  { 1940, 2,  8 }, { 1941, 1, 27 }, { 1942, 2, 15 }, { 1943, 2,  5 }, { 1944, 1, 25 },
  { 1945, 2, 13 }, { 1946, 2,  2 }, { 1947, 1, 22 }, { 1948, 2, 10 }, { 1949, 1, 29 },
  { 1950, 2, 17 }, { 1951, 2,  6 }, { 1952, 1, 27 }, { 1953, 2, 14 }, { 1954, 2,  3 },
  { 1955, 1, 24 }, { 1956, 2, 12 }, { 1957, 1, 31 }, { 1958, 2, 18 }, { 1959, 2,  8 },
  { 1960, 1, 28 }, { 1961, 2, 15 }, { 1962, 2,  5 }, { 1963, 1, 25 }, { 1964, 2, 13 },
  { 1965, 2,  2 }, { 1966, 1, 21 }, { 1967, 2,  9 }, { 1968, 1, 29 }, { 1969, 2, 16 },
  { 1970, 2,  6 }, { 1971, 1, 27 }, { 1972, 2, 15 }, { 1973, 2,  3 }, { 1974, 1, 23 },
  { 1975, 2, 11 }, { 1976, 1, 31 }, { 1977, 2, 18 }, { 1978, 2,  7 }, { 1979, 1, 28 },
  { 1980, 2, 16 }, { 1981, 2,  5 }, { 1982, 1, 25 }, { 1983, 2, 13 }, { 1984, 2,  2 },
  { 1985, 1, 21 }, { 1986, 2,  9 }, { 1987, 1, 29 }, { 1988, 2, 17 }, { 1989, 2,  6 },
  { 1990, 1, 27 }, { 1991, 2, 15 }, { 1992, 2,  4 }, { 1993, 1, 23 }, { 1994, 2, 10 },
  { 1995, 1, 31 }, { 1996, 2, 19 }, { 1997, 2,  7 }, { 1998, 1, 28 }, { 1999, 2, 16 },
  { 2000, 2,  5 }, { 2001, 1, 24 }, { 2002, 2, 12 }, { 2003, 2,  1 }, { 2004, 1, 22 },
  { 2005, 2,  9 }, { 2006, 1, 29 }, { 2007, 2, 17 }, { 2008, 2,  7 }, { 2009, 1, 26 },
  { 2010, 2, 14 }, { 2011, 2,  3 }, { 2012, 1, 23 }, { 2013, 2, 10 }, { 2014, 1, 31 },
  { 2015, 2, 19 }, { 2016, 2,  8 }, { 2017, 1, 28 }, { 2018, 2, 16 }, { 2019, 2,  5 },
  { 2020, 1, 25 }, { 2021, 2, 12 }, { 2022, 2,  1 }, { 2023, 1, 22 }, { 2024, 2, 10 },
  { 2025, 1, 29 }, { 2026, 2, 17 }, { 2027, 2,  6 }, { 2028, 1, 26 }, { 2029, 2, 13 },
  { 2030, 2,  2 }, { 2031, 1, 23 }, { 2032, 2, 11 }, { 2033, 1, 31 }, { 2034, 2, 19 },
  { 2035, 2,  8 }, { 2036, 1, 28 }, { 2037, 2, 15 }, { 2038, 2,  4 }, { 2039, 1, 24 },
  { 2040, 2, 12 }, { 2041, 2,  1 }, { 2042, 1, 22 }, { 2043, 2, 10 }, { 2044, 1, 30 },
  { 2045, 2, 17 }, { 2046, 2,  6 }, { 2047, 1, 26 }, { 2048, 2, 14 }, { 2049, 2,  2 },
  { 2050, 1, 23 }, { 2051, 2, 11 }, { 2052, 2,  1 }, { 2053, 2, 18 }, { 2054, 2,  8 },
  { 2055, 1, 28 }, { 2056, 2, 15 }, { 2057, 2,  4 }, { 2058, 1, 24 }, { 2059, 2, 12 },
  { 2060, 2,  2 }, { 2061, 1, 21 }, { 2062, 2,  9 }, { 2063, 1, 29 }, { 2064, 2, 17 },
  { 2065, 2,  5 }, { 2066, 1, 26 }, { 2067, 2, 14 }, { 2068, 2,  3 }, { 2069, 1, 23 },
  { 2070, 2, 11 }, { 2071, 1, 31 }, { 2072, 2, 19 }, { 2073, 2,  7 }, { 2074, 1, 27 },
  { 2075, 2, 15 }, { 2076, 2,  5 }, { 2077, 1, 24 }, { 2078, 2, 12 }, { 2079, 2,  2 },
  { 2080, 1, 22 }, { 2081, 2,  9 }, { 2082, 1, 29 }, { 2083, 2, 17 }, { 2084, 2,  6 },
  { 2085, 1, 26 }, { 2086, 2, 14 }, { 2087, 2,  3 }, { 2088, 1, 24 }, { 2089, 2, 10 },
  { 2090, 1, 30 }, { 2091, 2, 18 }, { 2092, 2,  7 }, { 2093, 1, 27 }, { 2094, 2, 15 },
  { 2095, 2,  5 }, { 2096, 1, 25 }, { 2097, 2, 12 }, { 2098, 2,  1 }, { 2099, 1, 21 },
  { 2100, 2,  9 },
};

/* Hồ Ngọc Đức's year codes, lunar years 1900 … 2100: bits 17+ the offset of Tết from
 * 1 January, bit 16 the length of the leap month (1 = 30 days), bits 4–15 the lengths of
 * months 1 … 12 (month 1 in bit 15; 1 = 30 days), bits 0–3 the leap month (0 = none). */
static const guint32 year_codes[] = {
  0x3c4bd8, 0x624ae0, 0x4ca570, 0x3854d5, 0x5cd260, 0x44d950, 0x315554, 0x5656a0, 0x409ad0, 0x2a55d2,  /* 1900– */
  0x504ae0, 0x3aa5b6, 0x60a4d0, 0x48d250, 0x33d255, 0x58b540, 0x42d6a0, 0x2cada2, 0x5295b0, 0x3f4977,  /* 1910– */
  0x644970, 0x4ca4b0, 0x36b4b5, 0x5c6a50, 0x466d50, 0x312b54, 0x562b60, 0x409570, 0x2c52f2, 0x504970,  /* 1920– */
  0x3a6566, 0x5ed4a0, 0x48ea50, 0x336a95, 0x585ad0, 0x442b60, 0x2f86e3, 0x5292e0, 0x3dc8d7, 0x62c950,  /* 1930– */
  0x4cd4a0, 0x35d8a6, 0x5ab550, 0x4656a0, 0x31a5b4, 0x5625d0, 0x4092d0, 0x2ad2b2, 0x50a950, 0x38b557,  /* 1940– */
  0x5e6ca0, 0x48b550, 0x355355, 0x584da0, 0x42a5b0, 0x2f4573, 0x5452b0, 0x3ca9a8, 0x60e950, 0x4c6aa0,  /* 1950– */
  0x36aea6, 0x5aab50, 0x464b60, 0x30aae4, 0x56a570, 0x405260, 0x28f263, 0x4ed940, 0x38db47, 0x5cd6a0,  /* 1960– */
  0x4896d0, 0x344dd5, 0x5a4ad0, 0x42a4d0, 0x2cd4b4, 0x52b250, 0x3cd558, 0x60b540, 0x4ab5a0, 0x3755a6,  /* 1970– */
  0x5c95b0, 0x4649b0, 0x30a974, 0x56a4b0, 0x40aa50, 0x29aa52, 0x4e6d20, 0x39ad47, 0x5eab60, 0x489370,  /* 1980– */
  0x344af5, 0x5a4970, 0x4464b0, 0x2c74a3, 0x50ea50, 0x3d6a58, 0x6256a0, 0x4aaad0, 0x3696d5, 0x5c92e0,  /* 1990– */
  0x46c960, 0x2ed954, 0x54d4a0, 0x3eda50, 0x2a7552, 0x4e56a0, 0x38a7a7, 0x5ea5d0, 0x4a92b0, 0x32aab5,  /* 2000– */
  0x58a950, 0x42b4a0, 0x2cbaa4, 0x50ad50, 0x3c55d9, 0x624ba0, 0x4ca5b0, 0x375176, 0x5c5270, 0x466930,  /* 2010– */
  0x307934, 0x546aa0, 0x3ead50, 0x2a5b52, 0x504b60, 0x38a6e6, 0x5ea4e0, 0x48d260, 0x32ea65, 0x56d520,  /* 2020– */
  0x40daa0, 0x2d56a3, 0x5256d0, 0x3c4afb, 0x6249d0, 0x4ca4d0, 0x37d0b6, 0x5ab250, 0x44b520, 0x2edd25,  /* 2030– */
  0x54b5a0, 0x3e55d0, 0x2a55b2, 0x5049b0, 0x3aa577, 0x5ea4b0, 0x48aa50, 0x33b255, 0x586d20, 0x40ad60,  /* 2040– */
  0x2d4b63, 0x525370, 0x3e49e8, 0x60c970, 0x4c54b0, 0x3768a6, 0x5ada50, 0x445aa0, 0x2fa6a4, 0x54aad0,  /* 2050– */
  0x4052e0, 0x28d2e3, 0x4ec950, 0x38d557, 0x5ed4a0, 0x46d950, 0x325d55, 0x5856a0, 0x42a6d0, 0x2c55d4,  /* 2060– */
  0x5252b0, 0x3ca9b8, 0x62a930, 0x4ab490, 0x34b6a6, 0x5aad50, 0x4655a0, 0x2eab64, 0x54a570, 0x4052b0,  /* 2070– */
  0x2ab173, 0x4e6930, 0x386b37, 0x5e6aa0, 0x48ad50, 0x332ad5, 0x582b60, 0x42a570, 0x2e52e4, 0x50d160,  /* 2080– */
  0x3ae958, 0x60d520, 0x4ada90, 0x355aa6, 0x5a56d0, 0x462ae0, 0x30a9d4, 0x54a2d0, 0x3ed150, 0x28e952,  /* 2090– */
  0x4eb520,  /* 2100– */
};

/* Giỗ Tổ Hùng Vương, 10/3 lunar, 2000 … 2030. */
static const Ymd hung_kings_days[] = {
  { 2000, 4, 14 }, { 2001, 4,  3 }, { 2002, 4, 22 }, { 2003, 4, 11 }, { 2004, 4, 28 },
  { 2005, 4, 18 }, { 2006, 4,  7 }, { 2007, 4, 26 }, { 2008, 4, 15 }, { 2009, 4,  4 },
  { 2010, 4, 23 }, { 2011, 4, 12 }, { 2012, 3, 31 }, { 2013, 4, 19 }, { 2014, 4,  9 },
  { 2015, 4, 28 }, { 2016, 4, 16 }, { 2017, 4,  6 }, { 2018, 4, 25 }, { 2019, 4, 14 },
  { 2020, 4,  2 }, { 2021, 4, 21 }, { 2022, 4, 10 }, { 2023, 4, 29 }, { 2024, 4, 18 },
  { 2025, 4,  7 }, { 2026, 4, 26 }, { 2027, 4, 16 }, { 2028, 4,  4 }, { 2029, 4, 23 },
  { 2030, 4, 12 },
};

static McDay
day_of (const Ymd *ymd)
{
  return mc_day_from_ymd (ymd->year, ymd->month, ymd->mday);
}

static void
test_tet_every_year (void)
{
  g_assert_cmpint (G_N_ELEMENTS (tet_days), ==, MC_LUNAR_LAST_YEAR - MC_LUNAR_FIRST_YEAR + 1);

  for (guint i = 0; i < G_N_ELEMENTS (tet_days); i++)
    {
      const Ymd *expected = &tet_days[i];
      McDay day = mc_lunar_new_year_day (expected->year);
      McDay want_day = day_of (expected);
      McLunarDate lunar;
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;

      /* The pre-1968 almanac (UTC+8) against our UTC+7 computation, see the top. */
      if (expected->year == 1903 || expected->year == 1925 || expected->year == 1935
          || expected->year == 1965)
        want_day--;

      got = mc_day_format (day);
      want = mc_day_format (want_day);
      g_assert_cmpstr (got, ==, want);

      g_assert_true (mc_lunar_from_day (day, &lunar, &error));
      g_assert_no_error (error);
      g_assert_cmpint (lunar.year, ==, expected->year);
      g_assert_cmpint (lunar.month, ==, 1);
      g_assert_cmpint (lunar.day, ==, 1);
      g_assert_false (lunar.leap_month);

      /* The day before Tết is the last day of the previous lunar year's month 12. */
      if (expected->year > MC_LUNAR_FIRST_YEAR)
        {
          g_assert_true (mc_lunar_from_day (day - 1, &lunar, &error));
          g_assert_cmpint (lunar.year, ==, expected->year - 1);
          g_assert_cmpint (lunar.month, ==, 12);
          g_assert_true (lunar.day == 29 || lunar.day == 30);
        }
    }
}

static void
test_vietnam_differs_from_china (void)
{
  /* The Chinese calendar (UTC+8) has Tết on 20 February 1985, 18 February 2007 and
   * 30 January 1968; Vietnam's (UTC+7) a day or a month earlier. */
  g_assert_cmpint (mc_lunar_new_year_day (1985), ==, mc_day_from_ymd (1985, 1, 21));
  g_assert_cmpint (mc_lunar_new_year_day (2007), ==, mc_day_from_ymd (2007, 2, 17));
  g_assert_cmpint (mc_lunar_new_year_day (1968), ==, mc_day_from_ymd (1968, 1, 29));
  /* And some recent years everyone remembers. */
  g_assert_cmpint (mc_lunar_new_year_day (2024), ==, mc_day_from_ymd (2024, 2, 10));
  g_assert_cmpint (mc_lunar_new_year_day (2025), ==, mc_day_from_ymd (2025, 1, 29));
  g_assert_cmpint (mc_lunar_new_year_day (2026), ==, mc_day_from_ymd (2026, 2, 17));
}

/* Every month of every lunar year, against the year codes: its first day, its length
 * and where the leap month sits. */
static void
test_months_every_year (void)
{
  McDay last_valid = mc_day_from_ymd (MC_LUNAR_LAST_YEAR, 12, 31);
  guint n_leap_years = 0;

  g_assert_cmpint (G_N_ELEMENTS (year_codes), ==, MC_LUNAR_LAST_YEAR - MC_LUNAR_FIRST_YEAR + 1);

  for (int year = 1968; year <= MC_LUNAR_LAST_YEAR; year++)
    {
      guint32 code = year_codes[year - MC_LUNAR_FIRST_YEAR];
      int leap = (int) (code & 0xf);
      int leap_length = (code >> 16) & 1 ? 30 : 29;
      McDay start = mc_day_from_ymd (year, 1, 1) + (McDay) (code >> 17);

      n_leap_years += leap != 0;

      for (int month = 1; month <= 12; month++)
        {
          for (int is_leap = 0; is_leap <= 1; is_leap++)
            {
              int length;
              McLunarDate lunar = { year, month, 1, is_leap };
              McLunarDate back;
              McDay day;
              g_autoptr(GError) error = NULL;

              if (is_leap && month != leap)
                {
                  /* A leap month the year has not is refused. */
                  if (start <= last_valid)
                    {
                      g_assert_false (mc_lunar_to_day (&lunar, &day, &error));
                      g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
                    }
                  continue;
                }
              if (start > last_valid)
                break;

              length = is_leap ? leap_length : ((code >> (4 + 12 - month)) & 1 ? 30 : 29);

              /* The ΔT-sensitive new moon of 2054, see the top: month 4 begins one
               * day later here, so month 3 has 30 days instead of 29. */
              if (year == 2054 && month == 3)
                length++;
              if (year == 2054 && month == 4)
                length--;

              g_assert_true (mc_lunar_to_day (&lunar, &day, &error));
              g_assert_no_error (error);
              if (day != start)
                {
                  g_autofree char *got = mc_day_format (day);
                  g_autofree char *want = mc_day_format (start);

                  g_error ("lunar 1/%d%s/%d: got %s, want %s", month, is_leap ? "N" : "", year, got, want);
                }
              g_assert_true (mc_lunar_from_day (start, &back, &error));
              g_assert_cmpint (back.year, ==, year);
              g_assert_cmpint (back.month, ==, month);
              g_assert_cmpint (back.day, ==, 1);
              g_assert_cmpint (back.leap_month, ==, is_leap);

              /* The month's last day, and the day after it that does not exist. */
              if (start + length - 1 <= last_valid)
                {
                  g_assert_true (mc_lunar_from_day (start + length - 1, &back, &error));
                  g_assert_cmpint (back.day, ==, length);
                  g_assert_cmpint (back.month, ==, month);
                }
              if (length == 29)
                {
                  lunar.day = 30;
                  g_assert_false (mc_lunar_to_day (&lunar, &day, &error));
                  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
                }
              start += length;
            }
        }
    }

  /* Seven leap years in nineteen: about 49 in 133 years. */
  g_assert_cmpint (n_leap_years, >=, 46);
  g_assert_cmpint (n_leap_years, <=, 52);
}

static void
test_hung_kings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hung_kings_days); i++)
    {
      const Ymd *expected = &hung_kings_days[i];
      McLunarDate lunar = { expected->year, 3, 10, FALSE };
      McDay day;
      g_autoptr(GError) error = NULL;

      g_assert_true (mc_lunar_to_day (&lunar, &day, &error));
      g_assert_no_error (error);
      g_assert_cmpint (day, ==, day_of (expected));
    }
}

static void
test_leap_months (void)
{
  struct {
    int year, leap_month;
    Ymd first_day;          /* 1 of the leap month */
    int length;
  } cases[] = {
    { 2020, 4, { 2020, 5, 23 }, 29 },
    { 2023, 2, { 2023, 3, 22 }, 29 },
    { 2025, 6, { 2025, 7, 25 }, 29 },
    { 2031, 3, { 2031, 4, 21 }, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      McDay first = day_of (&cases[i].first_day);
      McLunarDate lunar;
      McLunarDate leap15 = { cases[i].year, cases[i].leap_month, 15, TRUE };
      McLunarDate regular15 = { cases[i].year, cases[i].leap_month, 15, FALSE };
      McDay day;
      g_autoptr(GError) error = NULL;

      /* Solar → lunar: the day before is the regular month, the day itself the leap one. */
      g_assert_true (mc_lunar_from_day (first - 1, &lunar, &error));
      g_assert_cmpint (lunar.month, ==, cases[i].leap_month);
      g_assert_false (lunar.leap_month);
      g_assert_true (mc_lunar_from_day (first, &lunar, &error));
      g_assert_cmpint (lunar.year, ==, cases[i].year);
      g_assert_cmpint (lunar.month, ==, cases[i].leap_month);
      g_assert_cmpint (lunar.day, ==, 1);
      g_assert_true (lunar.leap_month);
      g_assert_true (mc_lunar_from_day (first + cases[i].length, &lunar, &error));
      g_assert_cmpint (lunar.month, ==, cases[i].leap_month + 1);
      g_assert_cmpint (lunar.day, ==, 1);
      g_assert_false (lunar.leap_month);

      /* Lunar → solar: the 15th of the leap month is about a month after the 15th of
       * the regular one. */
      g_assert_true (mc_lunar_to_day (&leap15, &day, &error));
      g_assert_cmpint (day, ==, first + 14);
      g_assert_true (mc_lunar_to_day (&regular15, &day, &error));
      g_assert_cmpint (day, <, first);
      g_assert_cmpint (day, >=, first - 30 + 14);
    }

  /* 2024 has no leap month at all. */
  {
    McLunarDate lunar = { 2024, 4, 1, TRUE };
    McDay day;
    g_autoptr(GError) error = NULL;

    g_assert_false (mc_lunar_to_day (&lunar, &day, &error));
    g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  }
}

/* Every day of the range goes solar → lunar → solar unchanged, and the lunar dates
 * advance one day at a time through months of 29 or 30 days. */
static void
test_round_trip_every_day (void)
{
  McDay first = mc_day_from_ymd (1900, 2, 1);
  McDay last = mc_day_from_ymd (2100, 12, 31);
  McLunarDate previous = { 0 };

  for (McDay day = first; day <= last; day++)
    {
      McLunarDate lunar;
      McDay back;
      GError *error = NULL;

      if (!mc_lunar_from_day (day, &lunar, &error) || !mc_lunar_to_day (&lunar, &back, &error))
        g_error ("day %d: %s", day, error->message);
      if (back != day)
        g_error ("day %d came back as %d", day, back);

      if (day > first)
        {
          if (lunar.day == 1)
            {
              g_assert_true (previous.day == 29 || previous.day == 30);
              if (lunar.leap_month)
                g_assert_cmpint (lunar.month, ==, previous.month);
              else if (previous.month == 12)
                {
                  g_assert_cmpint (lunar.month, ==, 1);
                  g_assert_cmpint (lunar.year, ==, previous.year + 1);
                }
              else
                g_assert_cmpint (lunar.month, ==, previous.month + 1);
            }
          else
            {
              g_assert_cmpint (lunar.day, ==, previous.day + 1);
              g_assert_cmpint (lunar.month, ==, previous.month);
              g_assert_cmpint (lunar.leap_month, ==, previous.leap_month);
            }
        }
      previous = lunar;
    }
}

static void
test_range (void)
{
  McLunarDate lunar;
  McDay day;
  g_autoptr(GError) error = NULL;
  McLunarDate too_early = { 1899, 12, 1, FALSE };
  McLunarDate too_late = { 2101, 1, 1, FALSE };
  McLunarDate no_month = { 2024, 13, 1, FALSE };

  g_assert_true (mc_lunar_from_day (mc_day_from_ymd (1900, 1, 31), &lunar, &error));
  g_assert_cmpint (lunar.year, ==, 1900);
  g_assert_cmpint (lunar.month, ==, 1);
  g_assert_cmpint (lunar.day, ==, 1);

  g_assert_false (mc_lunar_from_day (mc_day_from_ymd (1900, 1, 30), &lunar, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_lunar_from_day (mc_day_from_ymd (2101, 1, 1), &lunar, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_lunar_to_day (&too_early, &day, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_lunar_to_day (&too_late, &day, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (mc_lunar_to_day (&no_month, &day, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);

  /* 31/12/2100 is still inside. */
  g_assert_true (mc_lunar_from_day (mc_day_from_ymd (2100, 12, 31), &lunar, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lunar.year, ==, 2100);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lunar/tet-every-year-1900-2100", test_tet_every_year);
  g_test_add_func ("/lunar/vietnam-differs-from-china", test_vietnam_differs_from_china);
  g_test_add_func ("/lunar/months-every-year", test_months_every_year);
  g_test_add_func ("/lunar/hung-kings-2000-2030", test_hung_kings);
  g_test_add_func ("/lunar/leap-months", test_leap_months);
  g_test_add_func ("/lunar/round-trip-every-day", test_round_trip_every_day);
  g_test_add_func ("/lunar/range", test_range);

  return g_test_run ();
}
