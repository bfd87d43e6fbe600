/* The supervisor's figures as values: numbers written as Vietnamese documents write them, a
 * rate over nothing never shown as 0 %, nor 99,95 % as 100 %, breakdowns ordered with the overdue first, and the
 * lateness buckets' edges. */
#include <string.h>

#include "mc-error.h"
#include "mc-figures.h"

#define DAILY (8 * 3600)

static void
test_numbers_are_written_the_vietnamese_way (void)
{
  g_autofree char *big = mc_figures_format_count (1234567);
  g_autofree char *small = mc_figures_format_count (999);
  g_autofree char *zero = mc_figures_format_count (0);
  g_autofree char *rate = mc_figures_format_rate (934, 1000);
  g_autofree char *all = mc_figures_format_rate (7, 7);
  g_autofree char *none = mc_figures_format_rate (0, 0);
  g_autofree char *days = mc_figures_format_handling ((gint64) 5 * DAILY, 2, DAILY);
  g_autofree char *no_days = mc_figures_format_handling (0, 0, DAILY);
  double value = -1;

  g_assert_cmpstr (big, ==, "1.234.567");
  g_assert_cmpstr (small, ==, "999");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (rate, ==, "93,4 %");
  g_assert_cmpstr (all, ==, "100,0 %");
  /* Over nothing, a rate is not 0 %: it is not there. */
  g_assert_cmpstr (none, ==, "—");
  g_assert_false (mc_figures_rate (0, 0, &value));
  g_assert_cmpstr (days, ==, "2,5 ngày");
  g_assert_cmpstr (no_days, ==, "—");
}

/* Rounding never says "all" of a part short of the whole, nor "none" of a part above nothing;
 * files that keep rates as numbers get the decimals that keep them true. */
static void
test_rates_never_round_to_all_or_nothing (void)
{
  static const struct
  {
    gint64      part;
    gint64      whole;
    const char *shown;
    guint       decimals;
  } cases[] = {
    { 9999, 10000, "99,9 %", 2 },
    { 99999, 100000, "99,9 %", 3 },
    { 999999, 1000000, "99,9 %", 4 },
    { 1999, 2000, "99,9 %", 2 },       /* 99,95: rounds up to 100,0 otherwise */
    { 1998, 2000, "99,9 %", 1 },
    { 10000, 10000, "100,0 %", 1 },
    { 1, 10000, "< 0,1 %", 2 },
    { 1, 1000000, "< 0,1 %", 4 },
    { 1, 2000, "0,1 %", 1 },          /* 0,05 rounds up: not nothing */
    { 0, 10000, "0,0 %", 1 },
    { 2, 3, "66,7 %", 1 },
    { 1, 3, "33,3 %", 1 },
    { 1, 8, "12,5 %", 1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = mc_figures_format_rate (cases[i].part, cases[i].whole);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpuint (mc_figures_rate_decimals (cases[i].part, cases[i].whole), ==, cases[i].decimals);
    }
  g_assert_cmpuint (mc_figures_rate_decimals (0, 0), ==, 1);
}

static McBreakdownRow *
row (const char *key,
     gint64      received,
     gint64      on_time,
     gint64      late,
     gint64      overdue)
{
  McBreakdownRow *r = mc_breakdown_row_new (key, key);

  r->received = received;
  r->finished_on_time = on_time;
  r->finished_late = late;
  r->finished = on_time + late;
  r->overdue = overdue;
  return r;
}

static const char *
key_at (GPtrArray *rows,
        guint      i)
{
  return ((McBreakdownRow *) g_ptr_array_index (rows, i))->key;
}

static void
test_breakdowns_put_the_overdue_first (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_breakdown_row_free);

  g_ptr_array_add (rows, row ("calm", 900, 800, 0, 0));
  g_ptr_array_add (rows, row ("late", 100, 50, 40, 0));
  g_ptr_array_add (rows, row ("overdue", 10, 5, 0, 3));
  g_ptr_array_add (rows, row ("empty", 5, 0, 0, 0));     /* nothing finished: no rate */
  g_ptr_array_add (rows, row ("big-late", 500, 400, 40, 0));

  mc_breakdown_sort (rows, MC_BREAKDOWN_BY_DEFAULT, FALSE);
  g_assert_cmpstr (key_at (rows, 0), ==, "overdue");
  g_assert_cmpstr (key_at (rows, 1), ==, "big-late");   /* as late as "late", more received */
  g_assert_cmpstr (key_at (rows, 2), ==, "late");
  g_assert_cmpstr (key_at (rows, 3), ==, "calm");
  g_assert_cmpstr (key_at (rows, 4), ==, "empty");

  /* A row without a rate goes last whichever way the column is sorted. */
  mc_breakdown_sort (rows, MC_BREAKDOWN_BY_ON_TIME_RATE, FALSE);
  g_assert_cmpstr (key_at (rows, 0), ==, "late");
  g_assert_cmpstr (key_at (rows, 4), ==, "empty");
  mc_breakdown_sort (rows, MC_BREAKDOWN_BY_ON_TIME_RATE, TRUE);
  g_assert_cmpstr (key_at (rows, 0), ==, "calm");
  g_assert_cmpstr (key_at (rows, 4), ==, "empty");

  mc_breakdown_sort (rows, MC_BREAKDOWN_BY_RECEIVED, TRUE);
  g_assert_cmpstr (key_at (rows, 0), ==, "calm");
  mc_breakdown_sort (rows, MC_BREAKDOWN_BY_LABEL, FALSE);
  g_assert_cmpstr (key_at (rows, 0), ==, "big-late");
}

static void
test_lateness_buckets_have_sharp_edges (void)
{
  int min_days, max_days;

  g_assert_cmpuint (mc_lateness_bucket_for (1, DAILY), ==, 0);
  g_assert_cmpuint (mc_lateness_bucket_for (DAILY, DAILY), ==, 0);
  g_assert_cmpuint (mc_lateness_bucket_for (DAILY + 1, DAILY), ==, 1);
  g_assert_cmpuint (mc_lateness_bucket_for ((gint64) 5 * DAILY, DAILY), ==, 1);
  g_assert_cmpuint (mc_lateness_bucket_for ((gint64) 10 * DAILY + 60, DAILY), ==, 3);
  g_assert_cmpuint (mc_lateness_bucket_for ((gint64) 20 * DAILY, DAILY), ==, 3);
  g_assert_cmpuint (mc_lateness_bucket_for ((gint64) 400 * DAILY, DAILY), ==, 4);
  mc_lateness_bucket_bounds (0, &min_days, &max_days);
  g_assert_cmpint (min_days, ==, 0);
  g_assert_cmpint (max_days, ==, 1);
  mc_lateness_bucket_bounds (MC_LATENESS_N_BUCKETS - 1, &min_days, &max_days);
  g_assert_cmpint (min_days, ==, 20);
  g_assert_cmpint (max_days, ==, -1);
  g_assert_cmpstr (mc_lateness_bucket_describe (1), ==, "2–5 ngày");
}

static void
test_every_figure_has_a_name_and_a_definition (void)
{
  McDashboardFigures figures = { .finished_early = 3, .finished_on_time = 4, .overdue = 2 };
  g_autoptr(GError) error = NULL;

  for (int figure = MC_FIGURE_RECEIVED; figure <= MC_FIGURE_LAST; figure++)
    {
      McFigure parsed = MC_FIGURE_NONE;

      g_assert_true (mc_figure_parse (mc_figure_to_string (figure), &parsed, NULL));
      g_assert_cmpint (parsed, ==, figure);
      g_assert_true (g_utf8_validate (mc_figure_describe (figure), -1, NULL));
      g_assert_cmpuint (strlen (mc_figure_definition (figure)), >, 20);
      /* The moment's figures say so in their definition. */
      g_assert_true (mc_figure_is_snapshot (figure) ==
                     g_str_has_prefix (mc_figure_definition (figure), "Tại thời điểm thống kê"));
    }
  g_assert_cmpint (mc_dashboard_figures_get (&figures, MC_FIGURE_FINISHED_IN_TIME), ==, 7);
  g_assert_cmpint (mc_dashboard_figures_get (&figures, MC_FIGURE_OVERDUE), ==, 2);
  g_assert_false (mc_figure_parse ("nonsense", &(McFigure) { 0 }, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
}

static void
test_breakdown_kinds_parse (void)
{
  g_autoptr(GError) error = NULL;
  McBreakdownKind kind = MC_BREAKDOWN_NONE;

  g_assert_true (mc_breakdown_kind_parse ("agency", &kind, NULL));
  g_assert_cmpint (kind, ==, MC_BREAKDOWN_AGENCY);
  g_assert_cmpstr (mc_breakdown_kind_describe (MC_BREAKDOWN_CLERK), ==, "Cán bộ tiếp nhận");
  g_assert_false (mc_breakdown_kind_parse ("district", &kind, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figures/numbers-are-written-the-vietnamese-way", test_numbers_are_written_the_vietnamese_way);
  g_test_add_func ("/figures/rates-never-round-to-all-or-nothing", test_rates_never_round_to_all_or_nothing);
  g_test_add_func ("/figures/breakdowns-put-the-overdue-first", test_breakdowns_put_the_overdue_first);
  g_test_add_func ("/figures/lateness-buckets-have-sharp-edges", test_lateness_buckets_have_sharp_edges);
  g_test_add_func ("/figures/every-figure-has-a-name-and-a-definition", test_every_figure_has_a_name_and_a_definition);
  g_test_add_func ("/figures/breakdown-kinds-parse", test_breakdown_kinds_parse);

  return g_test_run ();
}
