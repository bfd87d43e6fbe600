/* mc-period.c — periods of whole local days for the supervisor's figures and reports.
 *
 * Plain day arithmetic on McDay (days since 1970-01-01 in UTC+7), so a week or a month is
 * the same on every desk whatever the machine's time zone. Named periods ("this-month",
 * "2026-Q3") are what the CLI and the dashboard's period chooser offer.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-period.h"

#define FIRST_YEAR 1900
#define LAST_YEAR  2100

static void
set_month (int        year,
           int        month,
           McPeriod  *out)
{
  out->kind = MC_PERIOD_MONTH;
  out->first = mc_day_from_ymd (year, month, 1);
  out->last = mc_day_from_ymd (year, month, mc_days_in_month (year, month));
}

static void
set_quarter (int        year,
             int        quarter,
             McPeriod  *out)
{
  int first_month = (quarter - 1) * 3 + 1;

  out->kind = MC_PERIOD_QUARTER;
  out->first = mc_day_from_ymd (year, first_month, 1);
  out->last = mc_day_from_ymd (year, first_month + 2, mc_days_in_month (year, first_month + 2));
}

static void
set_year (int        year,
          McPeriod  *out)
{
  out->kind = MC_PERIOD_YEAR;
  out->first = mc_day_from_ymd (year, 1, 1);
  out->last = mc_day_from_ymd (year, 12, 31);
}

void
mc_period_containing (McPeriodKind  kind,
                      McTime        now,
                      McPeriod     *out)
{
  McDay today = mc_time_local_day (now);
  int y, m, d;

  g_return_if_fail (out != NULL);

  mc_day_to_ymd (today, &y, &m, &d);
  switch (kind)
    {
    case MC_PERIOD_WEEK:
      out->kind = MC_PERIOD_WEEK;
      out->first = today - (mc_day_weekday (today) - 1);
      out->last = out->first + 6;
      break;
    case MC_PERIOD_MONTH:
      set_month (y, m, out);
      break;
    case MC_PERIOD_QUARTER:
      set_quarter (y, (m - 1) / 3 + 1, out);
      break;
    case MC_PERIOD_YEAR:
      set_year (y, out);
      break;
    case MC_PERIOD_DAY:
    case MC_PERIOD_CUSTOM:
    default:
      out->kind = MC_PERIOD_DAY;
      out->first = out->last = today;
      break;
    }
}

static gboolean
check_year (int      year,
            GError **error)
{
  if (year < FIRST_YEAR || year > LAST_YEAR)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The year %d is outside %d–%d"), year, FIRST_YEAR, LAST_YEAR);
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_period_month (int        year,
                 int        month,
                 McPeriod  *out,
                 GError   **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_year (year, error))
    return FALSE;
  if (month < 1 || month > 12)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("There is no month %d"), month);
      return FALSE;
    }
  set_month (year, month, out);
  return TRUE;
}

gboolean
mc_period_quarter (int        year,
                   int        quarter,
                   McPeriod  *out,
                   GError   **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_year (year, error))
    return FALSE;
  if (quarter < 1 || quarter > 4)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _("There is no quarter %d"), quarter);
      return FALSE;
    }
  set_quarter (year, quarter, out);
  return TRUE;
}

gboolean
mc_period_year (int        year,
                McPeriod  *out,
                GError   **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (!check_year (year, error))
    return FALSE;
  set_year (year, out);
  return TRUE;
}

gboolean
mc_period_custom (McDay      first,
                  McDay      last,
                  McPeriod  *out,
                  GError   **error)
{
  int y1, y2, m, d;

  g_return_val_if_fail (out != NULL, FALSE);

  mc_day_to_ymd (first, &y1, &m, &d);
  mc_day_to_ymd (last, &y2, &m, &d);
  if (!check_year (y1, error) || !check_year (y2, error))
    return FALSE;
  if (last < first)
    {
      g_autofree char *a = mc_day_format_vi (first);
      g_autofree char *b = mc_day_format_vi (last);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The period ends (%s) before it begins (%s)"), b, a);
      return FALSE;
    }
  out->kind = MC_PERIOD_CUSTOM;
  out->first = first;
  out->last = last;
  return TRUE;
}

gboolean
mc_period_parse (const char  *from,
                 const char  *to,
                 McPeriod    *out,
                 GError     **error)
{
  McDay first, last;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!mc_day_parse (from, &first, error) || !mc_day_parse (to, &last, error))
    return FALSE;
  return mc_period_custom (first, last, out, error);
}

/* A run of exactly @n ASCII digits at @text as a number, or -1. */
static int
parse_digits (const char *text,
              gsize       n)
{
  int value = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }
  return value;
}

gboolean
mc_period_parse_name (const char  *text,
                      McTime       now,
                      McPeriod    *out,
                      GError     **error)
{
  static const struct
  {
    const char   *name;
    McPeriodKind  kind;
  } relative[] = {
    { "today", MC_PERIOD_DAY },
    { "this-week", MC_PERIOD_WEEK },
    { "this-month", MC_PERIOD_MONTH },
    { "this-quarter", MC_PERIOD_QUARTER },
    { "this-year", MC_PERIOD_YEAR },
  };
  g_autofree char *clean = NULL;
  gsize len;
  int year;

  g_return_val_if_fail (out != NULL, FALSE);

  clean = g_strstrip (g_ascii_strdown (text != NULL ? text : "", -1));
  for (gsize i = 0; i < G_N_ELEMENTS (relative); i++)
    if (g_str_equal (clean, relative[i].name))
      {
        mc_period_containing (relative[i].kind, now, out);
        return TRUE;
      }

  len = strlen (clean);
  year = len >= 4 ? parse_digits (clean, 4) : -1;
  if (year >= 0 && len == 4)
    return mc_period_year (year, out, error);
  if (year >= 0 && len == 7 && clean[4] == '-' && clean[5] == 'q' && parse_digits (clean + 6, 1) >= 0)
    return mc_period_quarter (year, parse_digits (clean + 6, 1), out, error);
  if (year >= 0 && len == 7 && clean[4] == '-' && parse_digits (clean + 5, 2) >= 0)
    return mc_period_month (year, parse_digits (clean + 5, 2), out, error);
  if (len == 10)
    {
      McDay day;

      if (!mc_day_parse (clean, &day, error))
        return FALSE;
      if (!mc_period_custom (day, day, out, error))
        return FALSE;
      out->kind = MC_PERIOD_DAY;
      return TRUE;
    }

  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a period (expected today, this-week, this-month, this-quarter, this-year, "
                 "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD)"), text != NULL ? text : "");
  return FALSE;
}

McTime
mc_period_start (const McPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);
  return mc_time_from_local (period->first, 0);
}

McTime
mc_period_end (const McPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);
  return mc_time_from_local (period->last + 1, 0);
}

guint
mc_period_n_days (const McPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);
  return period->last >= period->first ? (guint) (period->last - period->first + 1) : 0;
}

gboolean
mc_period_contains (const McPeriod *period,
                    McTime          t)
{
  g_return_val_if_fail (period != NULL, FALSE);
  return t != MC_TIME_NONE && t >= mc_period_start (period) && t < mc_period_end (period);
}

char *
mc_period_describe (const McPeriod *period)
{
  static const char * const quarters[] = { "I", "II", "III", "IV" };
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  int y, m, d;

  g_return_val_if_fail (period != NULL, NULL);

  /* A document's title, in Vietnamese whatever the desk's language, like the forms. */
  mc_day_to_ymd (period->first, &y, &m, &d);
  first = mc_day_format_vi (period->first);
  last = mc_day_format_vi (period->last);
  switch (period->kind)
    {
    case MC_PERIOD_DAY:
      return g_strdup_printf ("Ngày %s", first);
    case MC_PERIOD_WEEK:
      return g_strdup_printf ("Tuần từ %s đến %s", first, last);
    case MC_PERIOD_MONTH:
      return g_strdup_printf ("Tháng %02d/%04d", m, y);
    case MC_PERIOD_QUARTER:
      return g_strdup_printf ("Quý %s/%04d", quarters[CLAMP ((m - 1) / 3, 0, 3)], y);
    case MC_PERIOD_YEAR:
      return g_strdup_printf ("Năm %04d", y);
    case MC_PERIOD_CUSTOM:
    default:
      if (period->first == period->last)
        return g_strdup_printf ("Ngày %s", first);
      return g_strdup_printf ("Từ ngày %s đến ngày %s", first, last);
    }
}

char *
mc_period_to_string (const McPeriod *period)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  first = mc_day_format (period->first);
  last = mc_day_format (period->last);
  return g_strdup_printf ("%s – %s", first, last);
}
