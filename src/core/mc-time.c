/* mc-time.c — civil days (Howard Hinnant's days-from-civil) and UTC+7 moments. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-time.h"

/* What was typed, quoted back in a message: as it was, but valid UTF-8, since a message is
 * shown in the window and written out as JSON. */
static char *
shown_text (const char *text)
{
  return g_utf8_make_valid (text != NULL ? text : "", -1);
}

McDay
mc_day_from_ymd (int year,
                 int month,
                 int mday)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (unsigned) (month + (month > 2 ? -3 : 9)) + 2) / 5 + (unsigned) mday - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (McDay) (era * 146097 + (int) doe - 719468);
}

void
mc_day_to_ymd (McDay  day,
               int   *year,
               int   *month,
               int   *mday)
{
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = (int) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  if (year)
    *year = y + (m <= 2);
  if (month)
    *month = (int) m;
  if (mday)
    *mday = (int) d;
}

int
mc_day_weekday (McDay day)
{
  /* 1970-01-01 was a Thursday (ISO 4). */
  int w = (int) ((day % 7 + 7 + 3) % 7);

  return w + 1;
}

int
mc_days_in_month (int year,
                  int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return days[month - 1];
}

gboolean
mc_day_is_valid_ymd (int year,
                     int month,
                     int mday)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
         mday >= 1 && mday <= mc_days_in_month (year, month);
}

static gboolean
parse_digits (const char *text,
              int         n,
              int        *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* Parses a date at the start of @text; returns the number of bytes read, 0 if none. */
static gsize
parse_day_prefix (const char *text,
                  McDay      *out)
{
  int y, m, d;

  if (parse_digits (text, 4, &y) && text[4] == '-' && parse_digits (text + 5, 2, &m) &&
      text[7] == '-' && parse_digits (text + 8, 2, &d) && mc_day_is_valid_ymd (y, m, d))
    {
      *out = mc_day_from_ymd (y, m, d);
      return 10;
    }
  if (parse_digits (text, 2, &d) && text[2] == '/' && parse_digits (text + 3, 2, &m) &&
      text[5] == '/' && parse_digits (text + 6, 4, &y) && mc_day_is_valid_ymd (y, m, d))
    {
      *out = mc_day_from_ymd (y, m, d);
      return 10;
    }
  return 0;
}

gboolean
mc_day_parse (const char  *text,
              McDay       *out,
              GError     **error)
{
  g_autofree char *shown = NULL;
  McDay day;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && strlen (text) == 10 && parse_day_prefix (text, &day) == 10)
    {
      *out = day;
      return TRUE;
    }
  shown = shown_text (text);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a valid date (expected YYYY-MM-DD or DD/MM/YYYY)"), shown);
  return FALSE;
}

char *
mc_day_format (McDay day)
{
  int y, m, d;

  mc_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

char *
mc_day_format_vi (McDay day)
{
  int y, m, d;

  mc_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

McDay
mc_time_local_day (McTime t)
{
  return (McDay) floor_div (t + MC_LOCAL_UTC_OFFSET, MC_SECONDS_PER_DAY);
}

int
mc_time_local_seconds (McTime t)
{
  gint64 local = t + MC_LOCAL_UTC_OFFSET;

  return (int) (local - floor_div (local, MC_SECONDS_PER_DAY) * MC_SECONDS_PER_DAY);
}

McTime
mc_time_from_local (McDay day,
                    int   seconds_of_day)
{
  return (McTime) day * MC_SECONDS_PER_DAY + seconds_of_day - MC_LOCAL_UTC_OFFSET;
}

static gboolean
parse_clock_at (const char *text,
                gboolean    allow_seconds,
                int        *seconds_of_day,
                gsize      *consumed)
{
  int h, m, s = 0;
  gsize n = 5;

  if (!parse_digits (text, 2, &h) || text[2] != ':' || !parse_digits (text + 3, 2, &m))
    return FALSE;
  if (allow_seconds && text[5] == ':')
    {
      if (!parse_digits (text + 6, 2, &s))
        return FALSE;
      n = 8;
    }
  if (h > 24 || m > 59 || s > 59 || (h == 24 && (m != 0 || s != 0)))
    return FALSE;
  *seconds_of_day = h * 3600 + m * 60 + s;
  *consumed = n;
  return TRUE;
}

gboolean
mc_time_parse_local (const char  *text,
                     McTime      *out,
                     GError     **error)
{
  g_autofree char *shown = NULL;
  McDay day;
  gsize n;
  int seconds = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && (n = parse_day_prefix (text, &day)) > 0)
    {
      gsize used = 0;

      if (text[n] == '\0')
        {
          *out = mc_time_from_local (day, 0);
          return TRUE;
        }
      if ((text[n] == ' ' || text[n] == 'T') &&
          parse_clock_at (text + n + 1, TRUE, &seconds, &used) && seconds < MC_SECONDS_PER_DAY &&
          (text[n + 1 + used] == '\0' || g_str_equal (text + n + 1 + used, "+07:00")))
        {
          *out = mc_time_from_local (day, seconds);
          return TRUE;
        }
    }
  shown = shown_text (text);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a valid time (expected YYYY-MM-DD HH:MM)"), shown);
  return FALSE;
}

gboolean
mc_time_parse_portal (const char  *text,
                      McTime      *out,
                      GError     **error)
{
  g_autofree char *shown = NULL;
  int y, mo, d, h, mi, s;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && text[0] == '\0')
    {
      *out = MC_TIME_NONE;
      return TRUE;
    }
  if (text != NULL && strlen (text) == 14 &&
      parse_digits (text, 4, &y) && parse_digits (text + 4, 2, &mo) && parse_digits (text + 6, 2, &d) &&
      parse_digits (text + 8, 2, &h) && parse_digits (text + 10, 2, &mi) && parse_digits (text + 12, 2, &s) &&
      mc_day_is_valid_ymd (y, mo, d) && h < 24 && mi < 60 && s < 60)
    {
      *out = mc_time_from_local (mc_day_from_ymd (y, mo, d), h * 3600 + mi * 60 + s);
      return TRUE;
    }
  shown = shown_text (text);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a portal date (expected 14 digits yyyyMMddHHmmss)"), shown);
  return FALSE;
}

static void
split_time (McTime  t,
            int    *y,
            int    *mo,
            int    *d,
            int    *h,
            int    *mi,
            int    *s)
{
  int secs = mc_time_local_seconds (t);

  mc_day_to_ymd (mc_time_local_day (t), y, mo, d);
  *h = secs / 3600;
  *mi = secs / 60 % 60;
  *s = secs % 60;
}

char *
mc_time_format_local (McTime t)
{
  int y, mo, d, h, mi, s;

  if (t == MC_TIME_NONE)
    return g_strdup ("");
  split_time (t, &y, &mo, &d, &h, &mi, &s);
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

char *
mc_time_format_iso (McTime t)
{
  int y, mo, d, h, mi, s;

  if (t == MC_TIME_NONE)
    return g_strdup ("");
  split_time (t, &y, &mo, &d, &h, &mi, &s);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, mo, d, h, mi, s);
}

char *
mc_time_format_portal (McTime t)
{
  int y, mo, d, h, mi, s;

  if (t == MC_TIME_NONE)
    return g_strdup ("");
  split_time (t, &y, &mo, &d, &h, &mi, &s);
  return g_strdup_printf ("%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, s);
}

char *
mc_time_format_slip (McTime t)
{
  int y, mo, d, h, mi, s;

  if (t == MC_TIME_NONE)
    return g_strdup ("");
  split_time (t, &y, &mo, &d, &h, &mi, &s);
  /* The administrative form: "10 giờ 30 phút, ngày 22/11/2025". */
  return g_strdup_printf ("%02d giờ %02d phút, ngày %02d/%02d/%04d", h, mi, d, mo, y);
}

McTime
mc_time_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
mc_clock_parse (const char  *text,
                int         *seconds_of_day,
                GError     **error)
{
  g_autofree char *shown = NULL;
  gsize used = 0;
  int secs = 0;

  g_return_val_if_fail (seconds_of_day != NULL, FALSE);

  if (text != NULL && parse_clock_at (text, FALSE, &secs, &used) && text[used] == '\0')
    {
      *seconds_of_day = secs;
      return TRUE;
    }
  shown = shown_text (text);
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a valid clock time (expected HH:MM)"), shown);
  return FALSE;
}

char *
mc_clock_format (int seconds_of_day)
{
  return g_strdup_printf ("%02d:%02d", seconds_of_day / 3600, seconds_of_day / 60 % 60);
}
