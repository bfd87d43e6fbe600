/* Civil days and UTC+7 moments. */
#include <string.h>

#include "mc-time.h"

static void
test_day_roundtrip (void)
{
  /* Every day from 1800 to 2300 survives ymd → day → ymd, and weekdays advance by one. */
  McDay first = mc_day_from_ymd (1800, 1, 1);
  McDay last = mc_day_from_ymd (2300, 12, 31);
  GDate *g = g_date_new_dmy (1, 1, 1800);

  for (McDay day = first; day <= last; day++)
    {
      int y, m, d;

      mc_day_to_ymd (day, &y, &m, &d);
      g_assert_cmpint (y, ==, g_date_get_year (g));
      g_assert_cmpint (m, ==, g_date_get_month (g));
      g_assert_cmpint (d, ==, g_date_get_day (g));
      g_assert_cmpint (mc_day_from_ymd (y, m, d), ==, day);
      g_assert_cmpint (mc_day_weekday (day), ==, g_date_get_weekday (g));
      g_date_add_days (g, 1);
    }
  g_date_free (g);
  g_assert_cmpint (mc_day_from_ymd (1970, 1, 1), ==, 0);
}

static void
test_local_time (void)
{
  McTime t;
  g_autofree char *local = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *slip = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_time_parse_local ("2025-11-22 07:30", &t, &error));
  g_assert_no_error (error);
  /* 07:30 in Hà Nội is 00:30 UTC. */
  g_assert_cmpint (t, ==, 1763771400);
  g_assert_cmpint (mc_time_local_day (t), ==, mc_day_from_ymd (2025, 11, 22));
  g_assert_cmpint (mc_time_local_seconds (t), ==, 7 * 3600 + 30 * 60);

  local = mc_time_format_local (t);
  portal = mc_time_format_portal (t);
  slip = mc_time_format_slip (t);
  g_assert_cmpstr (local, ==, "2025-11-22 07:30");
  g_assert_cmpstr (portal, ==, "20251122073000");
  g_assert_cmpstr (slip, ==, "07 giờ 30 phút, ngày 22/11/2025");

  /* Just after midnight local is still the previous day in UTC. */
  g_assert_true (mc_time_parse_local ("2025-01-01 03:00", &t, NULL));
  g_assert_cmpint (mc_time_local_day (t), ==, mc_day_from_ymd (2025, 1, 1));
  g_assert_true (mc_time_parse_portal ("20250101030000", &t, NULL));
  g_assert_cmpint (mc_time_local_seconds (t), ==, 3 * 3600);
  g_assert_true (mc_time_parse_portal ("", &t, NULL));
  g_assert_true (t == MC_TIME_NONE);
}

static void
test_bad_input (void)
{
  const char *bad[] = { "2025-02-29 10:00", "2025-13-01", "22/11/25", "2025-11-22 25:00",
                        "2025-11-22 10:60", "2025-11-22x", "", "2025-11-22 10:00 extra" };
  McTime t = 42;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mc_time_parse_local (bad[i], &t, &error));
      g_assert_nonnull (error);
    }
  g_assert_cmpint (t, ==, 42);
  g_assert_false (mc_time_parse_portal ("2025112207300", &t, NULL));
  g_assert_false (mc_time_parse_portal ("20251322073000", &t, NULL));
  g_assert_true (mc_time_parse_local ("22/11/2025 10:00", &t, NULL));
}

/* Found by tests/fuzz/fuzz-time: a refusal quotes what was typed, and must stay valid
 * UTF-8 (it is shown in the window, written as JSON) whatever bytes came in. */
static void
test_refusal_quotes_bad_bytes_readably (void)
{
  const char *typed = "\xc4\xcf\xcd\xca-11-24 10:00";
  g_autoptr(GError) day_error = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) portal_error = NULL;
  g_autoptr(GError) clock_error = NULL;
  McTime t;
  McDay day;
  int seconds;

  g_assert_false (mc_day_parse (typed, &day, &day_error));
  g_assert_false (mc_time_parse_local (typed, &t, &local_error));
  g_assert_false (mc_time_parse_portal (typed, &t, &portal_error));
  g_assert_false (mc_clock_parse ("1\xff:00", &seconds, &clock_error));
  g_assert_true (g_utf8_validate (day_error->message, -1, NULL));
  g_assert_true (g_utf8_validate (local_error->message, -1, NULL));
  g_assert_true (g_utf8_validate (portal_error->message, -1, NULL));
  g_assert_true (g_utf8_validate (clock_error->message, -1, NULL));
  /* What was readable is still quoted. */
  g_assert_nonnull (strstr (local_error->message, "-11-24 10:00"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/time/day-roundtrip", test_day_roundtrip);
  g_test_add_func ("/time/local", test_local_time);
  g_test_add_func ("/time/bad-input", test_bad_input);
  g_test_add_func ("/time/refusal-quotes-bad-bytes-readably", test_refusal_quotes_bad_bytes_readably);
  return g_test_run ();
}
