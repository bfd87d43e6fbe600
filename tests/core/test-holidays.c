/* test-holidays.c — the official days off, against the government's announcements.
 *
 * Expected lists for 2024–2026 were written by hand from the announcements themselves
 * (not from this code's output): 2024 — Văn bản 8662/VPCP-KGVX (03/11/2023), Thông báo
 * 5015/TB-LĐTBXH (22/11/2023), Công văn 2450/VPCP-KGVX (12/4/2024); 2025 — Văn bản
 * 8726/VPCP-KGVX (26/11/2024), the Labour ministry's notice of 03/12/2024 and the Home
 * Affairs ministry's notice on National Day (08/2025); 2026 — Thông báo 9441/TB-BNV
 * (16/10/2025), Văn bản 12729/VPCP-KGVX (25/12/2025).  Weekdays were checked against a
 * perpetual calendar.  Years without an announcement are checked against the Labour
 * Code's rules worked out by hand.
 */
#include "mc-holidays.h"
#include "mc-error.h"

#include <gio/gio.h>
#include <string.h>

#include "data/mc-data-resources.h"

typedef struct
{
  const char *day;    /* YYYY-MM-DD */
  char        kind;   /* 'S'tatutory, 'C'ompensatory, 'A'nnounced */
} Expected;

static char *
load_bundled (const char *name)
{
  g_autofree char *path = g_strdup_printf ("/org/motcua/Desk/data/calendar/%s", name);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  /* Referencing the generated resource links it in (and registers it). */
  bytes = g_resource_lookup_data (mc_data_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/* The bundled rules without any announcement: what the law alone gives. */
static McHolidayRules *
rules_only (void)
{
  g_autofree char *rules = load_bundled ("holiday-rules.json");
  g_autoptr(GError) error = NULL;
  McHolidayRules *set = mc_holiday_rules_new_from_json (rules, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static McHolidayRules *
bundled (void)
{
  g_autoptr(GError) error = NULL;
  McHolidayRules *set = mc_holiday_rules_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static char
kind_letter (McDayOffKind kind)
{
  switch (kind)
    {
    case MC_DAY_OFF_STATUTORY:
      return 'S';
    case MC_DAY_OFF_COMPENSATORY:
      return 'C';
    case MC_DAY_OFF_ANNOUNCED:
      return 'A';
    default:
      return '?';
    }
}

/* Compares as text so that a failure shows both lists whole. */
static void
assert_days_off (GArray         *got,
                 const Expected *expected,
                 guint           n_expected)
{
  g_autoptr(GString) got_text = g_string_new (NULL);
  g_autoptr(GString) want_text = g_string_new (NULL);

  for (guint i = 0; i < got->len; i++)
    {
      const McDayOff *off = &g_array_index (got, McDayOff, i);
      g_autofree char *day = mc_day_format (off->day);

      g_string_append_printf (got_text, "%s %c\n", day, kind_letter (off->kind));
      g_assert_nonnull (off->name);
      g_assert_true (g_utf8_validate (off->name, -1, NULL));
      if (i > 0)
        g_assert_cmpint (off->day, >, g_array_index (got, McDayOff, i - 1).day);
    }
  for (guint i = 0; i < n_expected; i++)
    g_string_append_printf (want_text, "%s %c\n", expected[i].day, expected[i].kind);

  g_assert_cmpstr (got_text->str, ==, want_text->str);
}

static const McDayOff *
find_day (GArray     *days,
          const char *text)
{
  McDay day;

  g_assert_true (mc_day_parse (text, &day, NULL));
  for (guint i = 0; i < days->len; i++)
    if (g_array_index (days, McDayOff, i).day == day)
      return &g_array_index (days, McDayOff, i);
  return NULL;
}

static void
assert_working_weekends (GArray      *got,
                         const char **expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (got->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const McWorkingWeekend *w = &g_array_index (got, McWorkingWeekend, i);
      g_autofree char *day = mc_day_format (w->day);

      g_assert_cmpstr (day, ==, expected[i]);
      g_assert_nonnull (w->name);
      g_assert_cmpint (mc_day_weekday (w->day), >=, 6);
    }
}

static void
assert_all_provisional (GArray   *days,
                        gboolean  provisional)
{
  g_assert_cmpuint (days->len, >, 0);
  for (guint i = 0; i < days->len; i++)
    g_assert_cmpint (g_array_index (days, McDayOff, i).provisional, ==, provisional);
}

static void
test_official_2024 (void)
{
  g_autoptr(McHolidayRules) set = bundled ();
  g_autoptr(GArray) days = mc_holiday_rules_days_off (set, 2024);
  g_autoptr(GArray) working = mc_holiday_rules_working_weekends (set, 2024);
  const Expected expected[] = {
    { "2024-01-01", 'S' },                          /* Tết Dương lịch, Monday */
    { "2024-02-08", 'S' }, { "2024-02-09", 'S' },   /* 29 and 30 tháng Chạp */
    { "2024-02-10", 'S' }, { "2024-02-11", 'S' },   /* mùng 1, 2 on Saturday, Sunday */
    { "2024-02-12", 'S' },                          /* mùng 3 */
    { "2024-02-13", 'C' }, { "2024-02-14", 'C' },   /* nghỉ bù for the weekend */
    { "2024-04-18", 'S' },                          /* 10/3 Giáp Thìn, Thursday */
    { "2024-04-29", 'A' },                          /* swapped with Saturday 4 May */
    { "2024-04-30", 'S' }, { "2024-05-01", 'S' },
    { "2024-09-02", 'S' }, { "2024-09-03", 'S' },   /* Monday and the day after */
  };
  const char *working_expected[] = { "2024-05-04", NULL };

  assert_days_off (days, expected, G_N_ELEMENTS (expected));
  assert_all_provisional (days, FALSE);
  assert_working_weekends (working, working_expected);
  g_assert_true (mc_holiday_rules_year_is_confirmed (set, 2024));

  g_assert_cmpstr (find_day (days, "2024-04-18")->name, ==, "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
  g_assert_cmpstr (find_day (days, "2024-02-10")->name, ==, "Tết Nguyên đán");
  g_assert_true (g_str_has_prefix (find_day (days, "2024-02-14")->name, "Nghỉ bù"));
}

static void
test_official_2025 (void)
{
  g_autoptr(McHolidayRules) set = bundled ();
  g_autoptr(GArray) days = mc_holiday_rules_days_off (set, 2025);
  g_autoptr(GArray) working = mc_holiday_rules_working_weekends (set, 2025);
  const Expected expected[] = {
    { "2025-01-01", 'S' },
    /* 28 tháng Chạp Giáp Thìn to mùng 3 Ất Tỵ; with the weekends, 25/1 to 2/2. */
    { "2025-01-27", 'S' }, { "2025-01-28", 'S' }, { "2025-01-29", 'S' },
    { "2025-01-30", 'S' }, { "2025-01-31", 'S' },
    { "2025-04-07", 'S' },                          /* 10/3 Ất Tỵ, Monday */
    { "2025-04-30", 'S' }, { "2025-05-01", 'S' },
    { "2025-05-02", 'A' },                          /* swapped with Saturday 26 April */
    { "2025-09-01", 'S' }, { "2025-09-02", 'S' },
  };
  const char *working_expected[] = { "2025-04-26", NULL };

  assert_days_off (days, expected, G_N_ELEMENTS (expected));
  assert_all_provisional (days, FALSE);
  assert_working_weekends (working, working_expected);
}

static void
test_official_2026 (void)
{
  g_autoptr(McHolidayRules) set = bundled ();
  g_autoptr(GArray) days = mc_holiday_rules_days_off (set, 2026);
  g_autoptr(GArray) working = mc_holiday_rules_working_weekends (set, 2026);
  const Expected expected[] = {
    { "2026-01-01", 'S' },
    { "2026-01-02", 'A' },                          /* swapped with Saturday 10 January */
    /* 29 tháng Chạp Ất Tỵ to mùng 4 Bính Ngọ, Monday to Friday. */
    { "2026-02-16", 'S' }, { "2026-02-17", 'S' }, { "2026-02-18", 'S' },
    { "2026-02-19", 'S' }, { "2026-02-20", 'S' },
    { "2026-04-26", 'S' },                          /* 10/3 Bính Ngọ is a Sunday … */
    { "2026-04-27", 'C' },                          /* … so Monday is nghỉ bù */
    { "2026-04-30", 'S' }, { "2026-05-01", 'S' },
    { "2026-08-31", 'A' },                          /* swapped with Saturday 22 August */
    { "2026-09-01", 'S' }, { "2026-09-02", 'S' },
    { "2026-11-24", 'S' },                          /* Ngày Văn hóa Việt Nam, as reported */
  };
  const char *working_expected[] = { "2026-01-10", "2026-08-22", NULL };

  assert_days_off (days, expected, G_N_ELEMENTS (expected));
  assert_all_provisional (days, FALSE);
  assert_working_weekends (working, working_expected);

  g_assert_cmpstr (find_day (days, "2026-11-24")->name, ==, "Ngày Văn hóa Việt Nam (24/11)");
  g_assert_cmpstr (find_day (days, "2026-04-27")->name, ==, "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)");
}

/* 2020–2023 as announced: 7-day or 9-day Tết, the 2/9 pair, and the compensatory days
 * the rules give (checked against the published holiday calendars). */
static void
test_official_2020_2023 (void)
{
  g_autoptr(McHolidayRules) set = bundled ();
  struct {
    int year;
    const char *present[12];
    const char *absent[4];
  } cases[] = {
    { 2020, { "2020-01-01", "2020-01-23", "2020-01-29", "2020-04-02", "2020-04-30", "2020-05-01", "2020-09-02" },
            { "2020-09-01", "2020-09-03", "2020-01-30" } },    /* Labour Code 2012: one day */
    { 2021, { "2021-01-01", "2021-02-10", "2021-02-16", "2021-04-21", "2021-04-30", "2021-05-03",
              "2021-09-02", "2021-09-03" },
            { "2021-09-01", "2021-02-17" } },
    { 2022, { "2022-01-03", "2022-01-31", "2022-02-04", "2022-04-11", "2022-05-02", "2022-05-03",
              "2022-09-01", "2022-09-02" },
            { "2022-02-07", "2022-09-05" } },
    { 2023, { "2023-01-02", "2023-01-20", "2023-01-26", "2023-04-29", "2023-05-02", "2023-05-03",
              "2023-09-01", "2023-09-04" },
            { "2023-01-27", "2023-09-05" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) days = mc_holiday_rules_days_off (set, cases[i].year);

      g_assert_true (mc_holiday_rules_year_is_confirmed (set, cases[i].year));
      for (guint j = 0; cases[i].present[j]; j++)
        if (find_day (days, cases[i].present[j]) == NULL)
          g_error ("%s should be a day off", cases[i].present[j]);
      for (guint j = 0; cases[i].absent[j]; j++)
        if (find_day (days, cases[i].absent[j]) != NULL)
          g_error ("%s should not be a day off", cases[i].absent[j]);
    }

  /* 2023: 10/3 on Saturday and 30/4 on Sunday give Tuesday and Wednesday off. */
  {
    g_autoptr(GArray) days = mc_holiday_rules_days_off (set, 2023);

    g_assert_cmpint (find_day (days, "2023-05-02")->kind, ==, MC_DAY_OFF_COMPENSATORY);
    g_assert_cmpint (find_day (days, "2023-05-03")->kind, ==, MC_DAY_OFF_COMPENSATORY);
    g_assert_cmpint (find_day (days, "2023-09-04")->kind, ==, MC_DAY_OFF_COMPENSATORY);
  }
}

/* A year nobody has announced yet: the law's defaults, marked provisional. */
static void
test_provisional_2031 (void)
{
  g_autoptr(McHolidayRules) set = bundled ();
  g_autoptr(GArray) days = mc_holiday_rules_days_off (set, 2031);
  g_autoptr(GArray) working = mc_holiday_rules_working_weekends (set, 2031);
  const Expected expected[] = {
    { "2031-01-01", 'S' },                          /* Wednesday */
    /* Tết Tân Hợi is Thursday 23 January; the last day of Canh Tuất is Wednesday 22.
     * Mùng 3 and mùng 4 fall on Saturday and Sunday: Monday and Tuesday after the block. */
    { "2031-01-22", 'S' }, { "2031-01-23", 'S' }, { "2031-01-24", 'S' },
    { "2031-01-25", 'S' }, { "2031-01-26", 'S' },
    { "2031-01-27", 'C' }, { "2031-01-28", 'C' },
    { "2031-04-01", 'S' },                          /* 10/3 Tân Hợi, Tuesday (a leap 3rd month follows) */
    { "2031-04-30", 'S' }, { "2031-05-01", 'S' },
    { "2031-09-01", 'S' }, { "2031-09-02", 'S' },   /* 2/9 Tuesday: Monday 1/9 touches the weekend */
    { "2031-11-24", 'S' },
  };

  assert_days_off (days, expected, G_N_ELEMENTS (expected));
  assert_all_provisional (days, TRUE);
  g_assert_false (mc_holiday_rules_year_is_confirmed (set, 2031));
  g_assert_cmpuint (working->len, ==, 0);

  g_assert_cmpstr (find_day (days, "2031-01-27")->name, ==, "Nghỉ bù Tết Nguyên đán");
}

/* Our default for the day next to 2 September, every weekday case, with the law alone. */
static void
test_national_day_adjacent (void)
{
  g_autoptr(McHolidayRules) law = rules_only ();
  g_autoptr(McHolidayRules) set = bundled ();
  struct {
    int year;
    const char *adjacent;        /* NULL: no such day that year */
    const char *compensatory;    /* for 2/9 on a weekend */
  } cases[] = {
    { 2020, NULL, NULL },                          /* Labour Code 2012: 2/9 only */
    { 2021, "2021-09-03", NULL },                  /* Thursday → Friday 3/9 */
    { 2022, "2022-09-01", NULL },                  /* Friday → Thursday 1/9 */
    { 2023, "2023-09-01", "2023-09-04" },          /* Saturday → Friday 1/9, Monday nghỉ bù */
    { 2024, "2024-09-03", NULL },                  /* Monday → Tuesday 3/9 (1/9 is Sunday) */
    { 2025, "2025-09-01", NULL },                  /* Tuesday → Monday 1/9, next to Sunday */
    { 2026, "2026-09-01", NULL },                  /* Wednesday → both two days from a weekend: 1/9 */
    { 2027, "2027-09-03", NULL },                  /* Thursday → Friday 3/9 */
    { 2028, "2028-09-01", "2028-09-04" },          /* Saturday */
    { 2029, "2029-09-03", "2029-09-04" },          /* Sunday → Monday 3/9, Tuesday nghỉ bù */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) days = mc_holiday_rules_days_off (law, cases[i].year);
      g_autoptr(GArray) announced = mc_holiday_rules_days_off (set, cases[i].year);
      g_autofree char *first = g_strdup_printf ("%d-09-01", cases[i].year);
      g_autofree char *third = g_strdup_printf ("%d-09-03", cases[i].year);
      g_autofree char *second = g_strdup_printf ("%d-09-02", cases[i].year);
      const McDayOff *off;

      g_assert_nonnull (find_day (days, second));
      if (cases[i].adjacent == NULL)
        {
          g_assert_null (find_day (days, first));
          g_assert_null (find_day (days, third));
          continue;
        }

      off = find_day (days, cases[i].adjacent);
      g_assert_nonnull (off);
      g_assert_cmpint (off->kind, ==, MC_DAY_OFF_STATUTORY);
      g_assert_null (find_day (days, g_str_equal (cases[i].adjacent, first) ? third : first));
      if (cases[i].compensatory != NULL)
        {
          off = find_day (days, cases[i].compensatory);
          g_assert_nonnull (off);
          g_assert_cmpint (off->kind, ==, MC_DAY_OFF_COMPENSATORY);
        }

      /* In every announced year the government chose what our default chooses. */
      g_assert_nonnull (find_day (announced, cases[i].adjacent));
    }
}

/* The compensatory rule and the older Labour Codes, with the law alone. */
static void
test_compensatory_and_history (void)
{
  g_autoptr(McHolidayRules) law = rules_only ();
  g_autoptr(GArray) y2023 = mc_holiday_rules_days_off (law, 2023);
  g_autoptr(GArray) y2022 = mc_holiday_rules_days_off (law, 2022);
  g_autoptr(GArray) y2010 = mc_holiday_rules_days_off (law, 2010);
  g_autoptr(GArray) y2005 = mc_holiday_rules_days_off (law, 2005);
  g_autoptr(GArray) y1990 = mc_holiday_rules_days_off (law, 1990);
  const Expected expected_2023[] = {
    { "2023-01-01", 'S' }, { "2023-01-02", 'C' },   /* Sunday → Monday */
    /* Default Tết: 30 tháng Chạp (Saturday 21/1) to mùng 4 (Wednesday 25/1). */
    { "2023-01-21", 'S' }, { "2023-01-22", 'S' }, { "2023-01-23", 'S' },
    { "2023-01-24", 'S' }, { "2023-01-25", 'S' },
    { "2023-01-26", 'C' }, { "2023-01-27", 'C' },
    { "2023-04-29", 'S' }, { "2023-04-30", 'S' },   /* Saturday 10/3 and Sunday 30/4 … */
    { "2023-05-01", 'S' },
    { "2023-05-02", 'C' }, { "2023-05-03", 'C' },   /* … skip Monday 1/5, itself a day off */
    { "2023-09-01", 'S' }, { "2023-09-02", 'S' }, { "2023-09-04", 'C' },
  };
  /* Labour Code 1994 as amended in 2007: Tết of four days (Canh Dần: 13/2 Saturday to
   * 16/2), Hùng Kings' day, one day for National Day. */
  const Expected expected_2010[] = {
    { "2010-01-01", 'S' },
    { "2010-02-13", 'S' }, { "2010-02-14", 'S' }, { "2010-02-15", 'S' }, { "2010-02-16", 'S' },
    { "2010-02-17", 'C' }, { "2010-02-18", 'C' },
    { "2010-04-23", 'S' },                          /* 10/3 Canh Dần, Friday */
    { "2010-04-30", 'S' }, { "2010-05-01", 'S' }, { "2010-05-03", 'C' },
    { "2010-09-02", 'S' },
  };

  assert_days_off (y2023, expected_2023, G_N_ELEMENTS (expected_2023));
  assert_all_provisional (y2023, TRUE);
  assert_days_off (y2010, expected_2010, G_N_ELEMENTS (expected_2010));

  /* 2022: 10/3 on Sunday 10 April → Monday 11 April. */
  g_assert_cmpint (find_day (y2022, "2022-04-11")->kind, ==, MC_DAY_OFF_COMPENSATORY);

  /* No Hùng Kings' day before 2007 (10/3 Ất Dậu was 18 April 2005). */
  g_assert_null (find_day (y2005, "2005-04-18"));
  g_assert_nonnull (find_day (y2005, "2005-01-01"));
  /* Nothing modelled before the Labour Code of 1994 took effect. */
  g_assert_cmpuint (y1990->len, ==, 0);
}

static void
test_culture_day (void)
{
  g_autoptr(McHolidayRules) law = rules_only ();
  g_autoptr(GArray) y2025 = mc_holiday_rules_days_off (law, 2025);
  g_autoptr(GArray) y2026 = mc_holiday_rules_days_off (law, 2026);
  g_autoptr(GArray) y2029 = mc_holiday_rules_days_off (law, 2029);
  const McDayOff *off;

  g_assert_null (find_day (y2025, "2025-11-24"));
  off = find_day (y2026, "2026-11-24");
  g_assert_nonnull (off);
  g_assert_cmpint (off->kind, ==, MC_DAY_OFF_STATUTORY);
  /* 24/11/2029 is a Saturday: Monday 26/11 off. */
  g_assert_nonnull (find_day (y2029, "2029-11-24"));
  off = find_day (y2029, "2029-11-26");
  g_assert_nonnull (off);
  g_assert_cmpint (off->kind, ==, MC_DAY_OFF_COMPENSATORY);
}

static const char announcements_2027[] =
  "{ \"format\": 1, \"announcements\": [ {"
  "  \"year\": 2027, \"confirmed\": true, \"source\": \"test fixture, not a real notice\","
  "  \"tet\": ["
  "    { \"date\": \"2027-02-05\", \"kind\": \"statutory\" },"
  "    { \"date\": \"2027-02-06\", \"kind\": \"statutory\" },"
  "    { \"date\": \"2027-02-07\", \"kind\": \"statutory\" },"
  "    { \"date\": \"2027-02-08\", \"kind\": \"statutory\" },"
  "    { \"date\": \"2027-02-09\", \"kind\": \"statutory\" },"
  "    { \"date\": \"2027-02-10\", \"kind\": \"compensatory\" },"
  "    { \"date\": \"2027-02-11\", \"kind\": \"compensatory\", \"name\": \"Nghỉ bù Tết (thử)\" } ],"
  "  \"national_day_adjacent\": \"2027-09-01\","
  "  \"days_off\": [ { \"date\": \"2027-02-12\", \"name\": \"Nghỉ hoán đổi (thử)\" } ],"
  "  \"working_weekends\": [ { \"date\": \"2027-02-20\", \"name\": \"Làm bù (thử)\" } ] },"
  "  { \"year\": 2025, \"confirmed\": false } ] }";

static void
test_merge_announcements (void)
{
  g_autoptr(McHolidayRules) set = bundled ();
  g_autoptr(McHolidayRules) merged = NULL;
  g_autoptr(GArray) before = mc_holiday_rules_days_off (set, 2027);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) after_2025 = NULL;
  g_autoptr(GArray) after_2026 = NULL;
  g_autoptr(GArray) still_2027 = NULL;
  g_autoptr(GArray) working = NULL;
  g_autoptr(GError) error = NULL;

  merged = mc_holiday_rules_with_announcements (set, announcements_2027, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merged);

  after = mc_holiday_rules_days_off (merged, 2027);
  assert_all_provisional (after, FALSE);
  g_assert_true (mc_holiday_rules_year_is_confirmed (merged, 2027));
  g_assert_cmpint (find_day (after, "2027-02-05")->kind, ==, MC_DAY_OFF_STATUTORY);
  g_assert_cmpint (find_day (after, "2027-02-10")->kind, ==, MC_DAY_OFF_COMPENSATORY);
  g_assert_cmpstr (find_day (after, "2027-02-10")->name, ==, "Nghỉ bù Tết Nguyên đán");
  g_assert_cmpstr (find_day (after, "2027-02-11")->name, ==, "Nghỉ bù Tết (thử)");
  g_assert_cmpint (find_day (after, "2027-02-12")->kind, ==, MC_DAY_OFF_ANNOUNCED);
  /* The announced Tết replaces the default one: no default compensatory days after it. */
  g_assert_null (find_day (after, "2027-02-15"));
  /* 2/9/2027 is Thursday; the default would be Friday 3/9, the announcement says 1/9. */
  g_assert_nonnull (find_day (after, "2027-09-01"));
  g_assert_null (find_day (after, "2027-09-03"));
  working = mc_holiday_rules_working_weekends (merged, 2027);
  g_assert_cmpuint (working->len, ==, 1);

  /* 2025 was replaced by an unconfirmed year; 2026 was kept. */
  g_assert_false (mc_holiday_rules_year_is_confirmed (merged, 2025));
  after_2025 = mc_holiday_rules_days_off (merged, 2025);
  assert_all_provisional (after_2025, TRUE);
  g_assert_null (find_day (after_2025, "2025-05-02"));
  after_2026 = mc_holiday_rules_days_off (merged, 2026);
  assert_all_provisional (after_2026, FALSE);
  g_assert_nonnull (find_day (after_2026, "2026-08-31"));

  /* The original set is unchanged. */
  still_2027 = mc_holiday_rules_days_off (set, 2027);
  assert_all_provisional (still_2027, TRUE);
  g_assert_cmpuint (still_2027->len, ==, before->len);
  g_assert_nonnull (find_day (still_2027, "2027-09-03"));
  g_assert_true (mc_holiday_rules_year_is_confirmed (set, 2025));

  /* A refused document leaves no new set and the old one as it was. */
  g_clear_error (&error);
  g_assert_null (mc_holiday_rules_with_announcements (set, "{\"format\": 1, \"announcements\": 3}", &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
  g_assert_true (mc_holiday_rules_year_is_confirmed (set, 2025));
}

static void
test_malformed_refused (void)
{
  g_autofree char *rules = load_bundled ("holiday-rules.json");
  struct {
    gboolean    is_rules;
    const char *json;
    const char *place;   /* must appear in the message */
  } cases[] = {
    { FALSE, "{ \"format\": 1, \"announcements\": [ ", "line 1" },
    { FALSE, "{ \"format\": 1, \"announcements\": [\n{ \"year\": 2030, \"confirmed\": false },\n"
             "{ \"year\": 2031, \"confirmed\": false },\n"
             "{ \"year\": 2032, \"confirmed\": false, \"days_off\": [ { \"date\": \"2032-02-30\", \"name\": \"x\" } ] } ] }",
      "announcements[2].days_off[0].date" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": \"2030\", \"confirmed\": false } ] }",
      "announcements[0].year" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": \"yes\" } ] }",
      "announcements[0].confirmed" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": true } ] }",
      "announcements[0].source" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, \"tet\": ["
             "{ \"date\": \"2030-02-02\", \"kind\": \"statutory\" }, { \"date\": \"2030-02-03\", \"kind\": \"holiday\" } ] } ] }",
      "announcements[0].tet[1].kind" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, \"tet\": ["
             "{ \"date\": \"2031-01-22\", \"kind\": \"statutory\" } ] } ] }",
      "announcements[0].tet[0].date" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, "
             "\"nationl_day_adjacent\": \"2030-09-03\" } ] }",
      "announcements[0].nationl_day_adjacent" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, "
             "\"national_day_adjacent\": \"2030-09-04\" } ] }",
      "announcements[0].national_day_adjacent" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, "
             "\"working_weekends\": [ { \"date\": \"2030-01-07\", \"name\": \"x\" } ] } ] }",
      "announcements[0].working_weekends[0].date" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, "
             "\"days_off\": [ { \"date\": \"30/01/2030\", \"name\": \"x\" } ] } ] }",
      "announcements[0].days_off[0].date" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, "
             "\"days_off\": [ { \"date\": \"2030-01-30\" } ] } ] }",
      "announcements[0].days_off[0].name" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false }, "
             "{ \"year\": 2030, \"confirmed\": false } ] }",
      "announcements[1].year" },
    { FALSE, "{ \"announcements\": [] }", "format" },
    { FALSE, "{ \"format\": 2, \"announcements\": [] }", "format" },
    { FALSE, "[ 1, 2 ]", "/" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"solar\", \"name\": \"a\", \"month\": 1, \"day\": 1, \"from\": 2000 },"
            " { \"kind\": \"weekly\", \"name\": \"b\", \"from\": 2000 } ] }",
      "rules[1].kind" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"solar\", \"name\": \"a\", \"month\": 13, \"day\": 1, \"from\": 2000 } ] }",
      "rules[0].month" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"solar\", \"name\": \"a\", \"month\": 4, \"day\": 31, \"from\": 2000 } ] }",
      "rules[0].day" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"solar\", \"name\": \"a\", \"month\": 4, \"day\": 30, \"from\": 2000, \"until\": 1999 } ] }",
      "rules[0].until" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"tet\", \"name\": \"a\", \"days_before\": 1, \"from\": 2000 } ] }",
      "rules[0].days_from_new_year" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"lunar\", \"name\": \"\", \"month\": 3, \"day\": 10, \"from\": 2000 } ] }",
      "rules[0].name" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"lunar\", \"name\": \"a\", \"month\": 3, \"day\": 10.5, \"from\": 2000 } ] }",
      "rules[0].day" },
    { TRUE, "{ \"format\": 1, \"compensatory\": { \"from\": \"1995\" }, \"rules\": [] }",
      "compensatory.from" },
    { TRUE, "{ \"format\": 1, \"rules\": {} }", "rules" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McHolidayRules) set = NULL;

      if (cases[i].is_rules)
        set = mc_holiday_rules_new_from_json (cases[i].json, NULL, &error);
      else
        set = mc_holiday_rules_new_from_json (rules, cases[i].json, &error);

      g_assert_null (set);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MC_CORE_ERROR);
      g_test_message ("case %u: %s", i, error->message);
      if (strstr (error->message, cases[i].place) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].place);
    }
}

static void
test_bundled_years_confirmed (void)
{
  g_autoptr(McHolidayRules) set = bundled ();

  for (int year = 2020; year <= 2026; year++)
    g_assert_true (mc_holiday_rules_year_is_confirmed (set, year));
  g_assert_false (mc_holiday_rules_year_is_confirmed (set, 2019));
  g_assert_false (mc_holiday_rules_year_is_confirmed (set, 2027));

  g_assert_cmpstr (mc_day_off_kind_to_string (MC_DAY_OFF_STATUTORY), ==, "statutory");
  g_assert_cmpstr (mc_day_off_kind_to_string (MC_DAY_OFF_COMPENSATORY), ==, "compensatory");
  g_assert_cmpstr (mc_day_off_kind_to_string (MC_DAY_OFF_ANNOUNCED), ==, "announced");
}

/* Every year of the range computes to a sorted list without duplicates, with the
 * statutory core present, and the refcounted set can be shared by threads. */
static gpointer
compute_years (gpointer data)
{
  McHolidayRules *set = data;
  guint total = 0;

  for (int year = 1995; year <= 2199; year++)
    {
      g_autoptr(GArray) days = mc_holiday_rules_days_off (set, year);

      for (guint i = 1; i < days->len; i++)
        g_assert_cmpint (g_array_index (days, McDayOff, i - 1).day, <, g_array_index (days, McDayOff, i).day);
      total += days->len;
    }
  return GUINT_TO_POINTER (total);
}

static void
test_every_year_and_threads (void)
{
  g_autoptr(McHolidayRules) set = bundled ();
  guint expected = GPOINTER_TO_UINT (compute_years (set));
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("holidays", compute_years, mc_holiday_rules_ref (set));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, expected);
      mc_holiday_rules_unref (set);
    }

  /* Years the lunar calendar does not cover still list the solar days off. */
  {
    g_autoptr(GArray) days = mc_holiday_rules_days_off (set, 2150);

    g_assert_nonnull (find_day (days, "2150-04-30"));
  }
}

/* Inputs the fuzzer (tests/fuzz/fuzz-holiday-rules, fuzz-announcements) found refused
 * wrongly or not at all: each is refused, with the place named in a message that is valid
 * UTF-8 (it is shown in the window) whatever bytes the file held. */
static void
test_fuzzed_documents_refused (void)
{
  g_autofree char *rules = load_bundled ("holiday-rules.json");
  struct {
    gboolean    is_rules;
    const char *json;
    const char *place;   /* must appear in the message */
  } cases[] = {
    /* A misspelt key that is not even UTF-8: named, made readable. */
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"tet\", \"name\": \"a\", \"days\xa3_before\": 1, "
            "\"days_from_new_year\": 4, \"from\": 2000 } ] }",
      "rules[0].days\xef\xbf\xbd_before" },
    /* Numbers beyond any integer: refused by range, not converted first (undefined). */
    { TRUE, "{ \"format\": 1e999, \"rules\": [] }", "format" },
    { TRUE, "{ \"format\": 1, \"rules\": [ { \"kind\": \"solar\", \"name\": \"a\", \"month\": 1, \"day\": 1, "
            "\"from\": -1e300 } ] }",
      "rules[0].from" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 1e20, \"confirmed\": false } ] }",
      "announcements[0].year" },
    /* A Saturday both worked and a day off: of the same document, or of the rules (Tết 2030
     * begins on Saturday 2 February by the default). */
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, "
             "\"days_off\": [ { \"date\": \"2030-01-05\", \"name\": \"Nghỉ hoán đổi\" } ], "
             "\"working_weekends\": [ { \"date\": \"2030-01-05\", \"name\": \"Làm bù\" } ] } ] }",
      "2030-01-05" },
    { FALSE, "{ \"format\": 1, \"announcements\": [ { \"year\": 2030, \"confirmed\": false, "
             "\"working_weekends\": [ { \"date\": \"2030-02-02\", \"name\": \"Làm bù\" } ] } ] }",
      "2030-02-02" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McHolidayRules) set = NULL;

      if (cases[i].is_rules)
        set = mc_holiday_rules_new_from_json (cases[i].json, NULL, &error);
      else
        set = mc_holiday_rules_new_from_json (rules, cases[i].json, &error);

      g_assert_null (set);
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_test_message ("case %u: %s", i, error->message);
      if (strstr (error->message, cases[i].place) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].place);
    }
}

/* The same clash arriving by an import over the bundled calendar leaves it as it was. */
static void
test_import_clash_changes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McHolidayRules) bundled = mc_holiday_rules_new_default (&error);
  g_autoptr(McHolidayRules) merged = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;

  g_assert_no_error (error);
  before = mc_holiday_rules_working_weekends (bundled, 2026);
  /* 2026: Saturday 10 January is worked (bundled); here it is also declared a day off. */
  merged = mc_holiday_rules_with_announcements (bundled,
    "{ \"format\": 1, \"announcements\": [ { \"year\": 2025, \"confirmed\": false, "
    "\"days_off\": [ { \"date\": \"2026-01-10\", \"name\": \"Nghỉ\" } ] } ] }", &error);
  g_assert_null (merged);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-01-10"));
  after = mc_holiday_rules_working_weekends (bundled, 2026);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_true (mc_holiday_rules_year_is_confirmed (bundled, 2025));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/holidays/official-2024", test_official_2024);
  g_test_add_func ("/holidays/official-2025", test_official_2025);
  g_test_add_func ("/holidays/official-2026", test_official_2026);
  g_test_add_func ("/holidays/official-2020-2023", test_official_2020_2023);
  g_test_add_func ("/holidays/provisional-2031", test_provisional_2031);
  g_test_add_func ("/holidays/national-day-adjacent-default", test_national_day_adjacent);
  g_test_add_func ("/holidays/compensatory-and-older-codes", test_compensatory_and_history);
  g_test_add_func ("/holidays/culture-day-2026", test_culture_day);
  g_test_add_func ("/holidays/merge-announcements", test_merge_announcements);
  g_test_add_func ("/holidays/malformed-refused", test_malformed_refused);
  g_test_add_func ("/holidays/fuzzed-documents-refused", test_fuzzed_documents_refused);
  g_test_add_func ("/holidays/import-clash-changes-nothing", test_import_clash_changes_nothing);
  g_test_add_func ("/holidays/bundled-years-confirmed", test_bundled_years_confirmed);
  g_test_add_func ("/holidays/every-year-and-threads", test_every_year_and_threads);

  return g_test_run ();
}
