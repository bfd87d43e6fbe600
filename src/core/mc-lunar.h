/* mc-lunar.h — the Vietnamese lunisolar calendar.
 *
 * Computed astronomically (new moons and solar terms, after Hồ Ngọc Đức's published
 * algorithm) for the meridian of UTC+7, which is why it differs from the Chinese calendar
 * (UTC+8) in some years, e.g. Tết 1985 and 2007. Valid for 1900-01-31 … 2100-12-31.
 */
#pragma once

#include "mc-time.h"

G_BEGIN_DECLS

typedef struct
{
  int      year;        /* the lunar year, named by the Gregorian year in which it mostly falls */
  int      month;       /* 1 … 12 */
  int      day;         /* 1 … 30 */
  gboolean leap_month;  /* tháng nhuận */
} McLunarDate;

#define MC_LUNAR_FIRST_YEAR 1900
#define MC_LUNAR_LAST_YEAR  2100

/* FALSE (with error) outside the valid range. */
gboolean mc_lunar_from_day      (McDay               day,
                                 McLunarDate        *out,
                                 GError            **error);
/* FALSE (with error) when no such lunar date exists (a day 30 in a short month,
 * a leap month that the year has not) or it lies outside the range. */
gboolean mc_lunar_to_day        (const McLunarDate  *lunar,
                                 McDay              *out,
                                 GError            **error);
/* The Gregorian day of lunar New Year (mùng 1 Tết) of lunar year @year. */
McDay    mc_lunar_new_year_day  (int                 year);

G_END_DECLS
