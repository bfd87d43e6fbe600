/* Periods of whole local days: what "this week", "a quarter" or "from 01/01 to 30/11" covers,
 * in UTC+7 whatever the machine's time zone, and how a mistyped period is refused. */
#include "mc-error.h"
#include "mc-period.h"

static McDay
day (const char *text)
{
  McDay d = 0;

  g_assert_true (mc_day_parse (text, &d, NULL));
  return d;
}

static McTime
local (const char *text)
{
  McTime t = 0;

  g_assert_true (mc_time_parse_local (text, &t, NULL));
  return t;
}

static void
assert_period (const McPeriod *period,
               McPeriodKind    kind,
               const char     *first,
               const char     *last)
{
  g_autofree char *shown_first = mc_day_format (period->first);
  g_autofree char *shown_last = mc_day_format (period->last);

  g_assert_cmpint (period->kind, ==, kind);
  g_assert_cmpstr (shown_first, ==, first);
  g_assert_cmpstr (shown_last, ==, last);
}

static void
test_periods_containing_a_moment (void)
{
  /* Wednesday 18 November 2026, 23:30 in Vietnam. */
  McTime now = local ("2026-11-18 23:30");
  McPeriod p;

  mc_period_containing (MC_PERIOD_DAY, now, &p);
  assert_period (&p, MC_PERIOD_DAY, "2026-11-18", "2026-11-18");
  mc_period_containing (MC_PERIOD_WEEK, now, &p);
  assert_period (&p, MC_PERIOD_WEEK, "2026-11-16", "2026-11-22");
  mc_period_containing (MC_PERIOD_MONTH, now, &p);
  assert_period (&p, MC_PERIOD_MONTH, "2026-11-01", "2026-11-30");
  mc_period_containing (MC_PERIOD_QUARTER, now, &p);
  assert_period (&p, MC_PERIOD_QUARTER, "2026-10-01", "2026-12-31");
  mc_period_containing (MC_PERIOD_YEAR, now, &p);
  assert_period (&p, MC_PERIOD_YEAR, "2026-01-01", "2026-12-31");
  g_assert_cmpuint (mc_period_n_days (&p), ==, 365);

  /* A Sunday belongs to the week that began the Monday before. */
  mc_period_containing (MC_PERIOD_WEEK, local ("2026-11-22 08:00"), &p);
  assert_period (&p, MC_PERIOD_WEEK, "2026-11-16", "2026-11-22");
  /* February of a leap year. */
  mc_period_containing (MC_PERIOD_MONTH, local ("2028-02-10 08:00"), &p);
  assert_period (&p, MC_PERIOD_MONTH, "2028-02-01", "2028-02-29");
}

static void
test_days_are_local_days (void)
{
  McPeriod p;

  g_assert_true (mc_period_parse ("2026-01-01", "2026-01-01", &p, NULL));
  /* 00:00 in Vietnam is 17:00 UTC the day before. */
  g_assert_cmpint (mc_period_start (&p), ==, 1767200400);    /* 2025-12-31T17:00:00Z */
  g_assert_cmpint (mc_period_end (&p) - mc_period_start (&p), ==, 24 * 3600);
  g_assert_true (mc_period_contains (&p, local ("2026-01-01 00:00")));
  g_assert_true (mc_period_contains (&p, local ("2026-01-01 23:59")));
  g_assert_false (mc_period_contains (&p, local ("2026-01-02 00:00")));
  g_assert_false (mc_period_contains (&p, local ("2025-12-31 23:59")));
  g_assert_false (mc_period_contains (&p, MC_TIME_NONE));
}

static void
test_typed_periods_are_parsed_or_refused (void)
{
  g_autoptr(GError) error = NULL;
  McTime now = local ("2026-11-18 10:00");
  McPeriod p;

  g_assert_true (mc_period_parse ("2026-01-01", "30/11/2026", &p, &error));
  g_assert_no_error (error);
  assert_period (&p, MC_PERIOD_CUSTOM, "2026-01-01", "2026-11-30");

  g_assert_false (mc_period_parse ("2026-12-01", "2026-11-30", &p, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_period_parse ("2026-02-30", "2026-03-01", &p, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
  g_clear_error (&error);

  g_assert_true (mc_period_parse_name ("this-week", now, &p, NULL));
  assert_period (&p, MC_PERIOD_WEEK, "2026-11-16", "2026-11-22");
  g_assert_true (mc_period_parse_name ("Today", now, &p, NULL));
  assert_period (&p, MC_PERIOD_DAY, "2026-11-18", "2026-11-18");
  g_assert_true (mc_period_parse_name ("this-quarter", now, &p, NULL));
  assert_period (&p, MC_PERIOD_QUARTER, "2026-10-01", "2026-12-31");
  g_assert_true (mc_period_parse_name ("2025", now, &p, NULL));
  assert_period (&p, MC_PERIOD_YEAR, "2025-01-01", "2025-12-31");
  g_assert_true (mc_period_parse_name ("2026-Q1", now, &p, NULL));
  assert_period (&p, MC_PERIOD_QUARTER, "2026-01-01", "2026-03-31");
  g_assert_true (mc_period_parse_name ("2026-02", now, &p, NULL));
  assert_period (&p, MC_PERIOD_MONTH, "2026-02-01", "2026-02-28");
  g_assert_true (mc_period_parse_name ("2026-03-15", now, &p, NULL));
  assert_period (&p, MC_PERIOD_DAY, "2026-03-15", "2026-03-15");

  g_assert_false (mc_period_parse_name ("2026-Q5", now, &p, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_period_parse_name ("2026-13", now, &p, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_period_parse_name ("next-week", now, &p, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (mc_period_year (1850, &p, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
}

static void
test_periods_are_named_as_reports_name_them (void)
{
  McPeriod p;
  g_autofree char *day_name = NULL, *week = NULL, *month = NULL, *quarter = NULL, *year = NULL, *custom = NULL;
  g_autofree char *iso = NULL;

  g_assert_true (mc_period_custom (day ("2026-03-15"), day ("2026-03-15"), &p, NULL));
  day_name = mc_period_describe (&p);
  g_assert_cmpstr (day_name, ==, "Ngày 15/03/2026");
  mc_period_containing (MC_PERIOD_WEEK, local ("2026-11-18 10:00"), &p);
  week = mc_period_describe (&p);
  g_assert_cmpstr (week, ==, "Tuần từ 16/11/2026 đến 22/11/2026");
  g_assert_true (mc_period_month (2026, 2, &p, NULL));
  month = mc_period_describe (&p);
  g_assert_cmpstr (month, ==, "Tháng 02/2026");
  g_assert_true (mc_period_quarter (2026, 4, &p, NULL));
  quarter = mc_period_describe (&p);
  g_assert_cmpstr (quarter, ==, "Quý IV/2026");
  g_assert_true (mc_period_year (2026, &p, NULL));
  year = mc_period_describe (&p);
  g_assert_cmpstr (year, ==, "Năm 2026");
  g_assert_true (mc_period_parse ("2026-01-01", "2026-11-30", &p, NULL));
  custom = mc_period_describe (&p);
  g_assert_cmpstr (custom, ==, "Từ ngày 01/01/2026 đến ngày 30/11/2026");
  iso = mc_period_to_string (&p);
  g_assert_cmpstr (iso, ==, "2026-01-01 – 2026-11-30");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/containing-a-moment", test_periods_containing_a_moment);
  g_test_add_func ("/period/days-are-local-days", test_days_are_local_days);
  g_test_add_func ("/period/typed-periods-are-parsed-or-refused", test_typed_periods_are_parsed_or_refused);
  g_test_add_func ("/period/named-as-reports-name-them", test_periods_are_named_as_reports_name_them);

  return g_test_run ();
}
