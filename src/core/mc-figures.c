/* mc-figures.c — names, definitions, rates, orderings and lateness buckets of the
 * supervisor's figures.
 *
 * The names and definitions are the words printed on the period report and next to every
 * figure on the dashboard (domain.md: "label every figure with its period and definition"),
 * in Vietnamese like the statuses' names, since a report goes upwards as it is.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mc-error.h"
#include "mc-figures.h"
#include "mc-i18n.h"

typedef struct
{
  McFigure    figure;
  const char *name;
  const char *description;
  const char *definition;
} FigureInfo;

/* Indexed by McFigure − 1. */
static const FigureInfo figure_table[] = {
  { MC_FIGURE_RECEIVED, "received", "Hồ sơ tiếp nhận",
    "Hồ sơ có thời điểm tiếp nhận trong kỳ, mọi trạng thái (kể cả từ chối, rút, dừng)." },
  { MC_FIGURE_RECEIVED_ONLINE, "received-online", "Hồ sơ nộp trực tuyến",
    "Trong số hồ sơ tiếp nhận trong kỳ, hồ sơ nộp qua Cổng dịch vụ công (kênh trực tuyến)." },
  { MC_FIGURE_RECEIVED_SYNCED, "received-synced", "Hồ sơ đã đồng bộ lên Cổng",
    "Trong số hồ sơ tiếp nhận trong kỳ, hồ sơ mà Cổng đã xác nhận trạng thái mới nhất." },
  { MC_FIGURE_FINISHED, "finished", "Hồ sơ đã giải quyết",
    "Hồ sơ có kết quả (chuyển sang “Đã xử lý xong”) trong kỳ." },
  { MC_FIGURE_FINISHED_EARLY, "finished-early", "Giải quyết trước hạn",
    "Hồ sơ có kết quả trong kỳ, vào một ngày làm việc trước ngày hẹn trả." },
  { MC_FIGURE_FINISHED_ON_TIME, "finished-on-time", "Giải quyết đúng hạn",
    "Hồ sơ có kết quả trong kỳ, vào ngày hẹn trả, không muộn hơn giờ hẹn." },
  { MC_FIGURE_FINISHED_IN_TIME, "finished-in-time", "Giải quyết trước và đúng hạn",
    "Hồ sơ có kết quả trong kỳ trước hạn hoặc đúng hạn." },
  { MC_FIGURE_FINISHED_LATE, "finished-late", "Giải quyết quá hạn",
    "Hồ sơ có kết quả trong kỳ sau ngày giờ hẹn trả theo quy định (hẹn ban đầu cộng thời gian tạm dừng; "
    "không tính ngày hẹn lại trong văn bản xin lỗi)." },
  { MC_FIGURE_IN_PROCESSING, "in-processing", "Đang giải quyết",
    "Tại thời điểm thống kê: hồ sơ đã tiếp nhận hoặc đang xử lý, thời hạn đang chạy (mọi kỳ tiếp nhận)." },
  { MC_FIGURE_WAITING, "waiting", "Chờ công dân bổ sung, nộp phí",
    "Tại thời điểm thống kê: hồ sơ chờ bổ sung giấy tờ hoặc chờ thực hiện nghĩa vụ tài chính; thời hạn tạm dừng." },
  { MC_FIGURE_DUE_SOON, "due-soon", "Sắp đến hạn",
    "Tại thời điểm thống kê: hồ sơ đang giải quyết, chưa quá hạn, hẹn trả trước khi hết giờ làm việc "
    "của ngày làm việc kế tiếp." },
  { MC_FIGURE_OVERDUE, "overdue", "Đang quá hạn",
    "Tại thời điểm thống kê: hồ sơ đang giải quyết đã qua ngày giờ hẹn trả (hẹn sau tạm dừng) mà chưa có kết quả." },
  { MC_FIGURE_RECEIVED_DIGITISED, "received-digitised", "Hồ sơ được số hóa",
    "Trong số hồ sơ tiếp nhận trong kỳ, hồ sơ có ít nhất một giấy tờ đã nộp được quét (số hóa) và lưu kèm "
    "hồ sơ, tính đến thời điểm thống kê." },
  { MC_FIGURE_RESULT_DIGITISED, "result-digitised", "Kết quả được số hóa",
    "Trong số hồ sơ có kết quả trong kỳ, hồ sơ có tệp quét (số hóa) của kết quả giải quyết lưu kèm hồ sơ, "
    "tính đến thời điểm thống kê." },
  { MC_FIGURE_RATED, "rated", "Hồ sơ được đánh giá",
    "Hồ sơ trả kết quả trong kỳ mà người dân cho ý kiến đánh giá mức độ hài lòng khi nhận kết quả." },
  { MC_FIGURE_RATED_VERY_SATISFIED, "rated-very-satisfied", "Đánh giá rất hài lòng",
    "Trong số hồ sơ được đánh giá, hồ sơ người dân đánh giá “Rất hài lòng”." },
  { MC_FIGURE_RATED_SATISFIED, "rated-satisfied", "Đánh giá hài lòng",
    "Trong số hồ sơ được đánh giá, hồ sơ người dân đánh giá “Hài lòng”." },
  { MC_FIGURE_RATED_NOT_SATISFIED, "rated-not-satisfied", "Đánh giá không hài lòng",
    "Trong số hồ sơ được đánh giá, hồ sơ người dân đánh giá “Không hài lòng”." },
};

G_STATIC_ASSERT (G_N_ELEMENTS (figure_table) == MC_FIGURE_LAST);

const char * const mc_figures_on_time_rate_definition =
  "Số hồ sơ giải quyết trước và đúng hạn chia cho số hồ sơ có kết quả trong kỳ.";
const char * const mc_figures_online_share_definition =
  "Số hồ sơ nộp trực tuyến chia cho số hồ sơ tiếp nhận trong kỳ.";
const char * const mc_figures_synced_share_definition =
  "Số hồ sơ đã đồng bộ trạng thái mới nhất lên Cổng chia cho số hồ sơ tiếp nhận trong kỳ.";
const char * const mc_figures_handling_definition =
  "Thời gian trung bình từ lúc tiếp nhận đến lúc có kết quả, của hồ sơ có kết quả trong kỳ, tính bằng "
  "ngày làm việc theo giờ hành chính và lịch nghỉ của đơn vị; gồm cả thời gian tạm dừng chờ công dân.";
const char * const mc_figures_received_digitised_share_definition =
  "Số hồ sơ được số hóa chia cho số hồ sơ tiếp nhận trong kỳ.";
const char * const mc_figures_result_digitised_share_definition =
  "Số hồ sơ có kết quả được số hóa chia cho số hồ sơ có kết quả trong kỳ.";
const char * const mc_figures_satisfaction_definition =
  "Số hồ sơ được đánh giá rất hài lòng hoặc hài lòng chia cho số hồ sơ được đánh giá (trả kết quả trong kỳ).";

static const FigureInfo *
figure_info (McFigure figure)
{
  if (figure < 1 || figure > MC_FIGURE_LAST)
    return NULL;
  return &figure_table[figure - 1];
}

const char *
mc_figure_to_string (McFigure figure)
{
  const FigureInfo *info = figure_info (figure);

  g_return_val_if_fail (info != NULL, NULL);
  return info->name;
}

gboolean
mc_figure_parse (const char  *text,
                 McFigure    *out,
                 GError     **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (figure_table); i++)
    if (g_strcmp0 (text, figure_table[i].name) == 0)
      {
        *out = figure_table[i].figure;
        return TRUE;
      }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE, _("“%s” is not a figure"), text ? text : "");
  return FALSE;
}

const char *
mc_figure_describe (McFigure figure)
{
  const FigureInfo *info = figure_info (figure);

  g_return_val_if_fail (info != NULL, NULL);
  return info->description;
}

const char *
mc_figure_definition (McFigure figure)
{
  const FigureInfo *info = figure_info (figure);

  g_return_val_if_fail (info != NULL, NULL);
  return info->definition;
}

gboolean
mc_figure_is_snapshot (McFigure figure)
{
  return figure >= MC_FIGURE_IN_PROCESSING && figure <= MC_FIGURE_OVERDUE;
}

gboolean
mc_figures_rate (gint64  part,
                 gint64  whole,
                 double *rate)
{
  g_return_val_if_fail (rate != NULL, FALSE);

  if (whole <= 0)
    {
      *rate = 0;
      return FALSE;
    }
  *rate = (double) part / (double) whole;
  return TRUE;
}

/* @value with one decimal and a decimal comma, as Vietnamese documents write it. */
static char *
format_one_decimal (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *comma;

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  comma = strchr (buffer, '.');
  if (comma != NULL)
    *comma = ',';
  return g_strdup (buffer);
}

/* The per cent in tenths, rounded half up, in integers: a double would round 99,95 either way.
 * FALSE when the product would overflow. */
static gboolean
rate_tenths (gint64  part,
             gint64  whole,
             gint64 *tenths)
{
  if (part < 0 || whole > G_MAXINT64 / 4 || part > (G_MAXINT64 - whole) / 2000)
    return FALSE;
  *tenths = (part * 2000 + whole) / (2 * whole);
  return TRUE;
}

char *
mc_figures_format_rate (gint64 part,
                        gint64 whole)
{
  g_autofree char *number = NULL;
  gint64 tenths;
  double rate;

  if (!mc_figures_rate (part, whole, &rate))
    return g_strdup ("—");
  if (!rate_tenths (part, whole, &tenths))
    tenths = (gint64) (rate * 1000.0 + 0.5);
  /* 9 999 of 10 000 are not all of them, and 1 of 100 000 is not none. */
  if (part < whole && tenths >= 1000)
    tenths = 999;
  if (part > 0 && tenths == 0)
    return g_strdup ("< 0,1 %");
  number = format_one_decimal ((double) tenths / 10.0);
  return g_strdup_printf ("%s %%", number);
}

guint
mc_figures_rate_decimals (gint64 part,
                          gint64 whole)
{
  double rate;
  guint decimals = 1;

  if (!mc_figures_rate (part, whole, &rate))
    return 1;
  for (double scale = 1000.0; decimals < 9; decimals++, scale *= 10.0)
    {
      double shown = floor (rate * scale + 0.5);

      if (!(part < whole && shown >= scale) && !(part > 0 && shown <= 0))
        break;
    }
  return decimals;
}

char *
mc_figures_format_count (gint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, n < 0 ? -n : n);
  GString *out = g_string_new (n < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
mc_figures_format_handling (gint64 total_seconds,
                            gint64 n,
                            int    daily_seconds)
{
  g_autofree char *number = NULL;

  if (n <= 0 || daily_seconds <= 0)
    return g_strdup ("—");
  number = format_one_decimal ((double) total_seconds / (double) n / (double) daily_seconds);
  return g_strdup_printf ("%s ngày", number);
}

gint64
mc_dashboard_figures_get (const McDashboardFigures *figures,
                          McFigure                  figure)
{
  g_return_val_if_fail (figures != NULL, 0);

  switch (figure)
    {
    case MC_FIGURE_RECEIVED: return figures->received;
    case MC_FIGURE_RECEIVED_ONLINE: return figures->received_online;
    case MC_FIGURE_RECEIVED_SYNCED: return figures->received_synced;
    case MC_FIGURE_FINISHED: return figures->finished;
    case MC_FIGURE_FINISHED_EARLY: return figures->finished_early;
    case MC_FIGURE_FINISHED_ON_TIME: return figures->finished_on_time;
    case MC_FIGURE_FINISHED_IN_TIME: return figures->finished_early + figures->finished_on_time;
    case MC_FIGURE_FINISHED_LATE: return figures->finished_late;
    case MC_FIGURE_IN_PROCESSING: return figures->in_processing;
    case MC_FIGURE_WAITING: return figures->waiting;
    case MC_FIGURE_DUE_SOON: return figures->due_soon;
    case MC_FIGURE_OVERDUE: return figures->overdue;
    case MC_FIGURE_RECEIVED_DIGITISED: return figures->received_digitised;
    case MC_FIGURE_RESULT_DIGITISED: return figures->result_digitised;
    case MC_FIGURE_RATED: return figures->rated;
    case MC_FIGURE_RATED_VERY_SATISFIED: return figures->rated_very_satisfied;
    case MC_FIGURE_RATED_SATISFIED: return figures->rated_satisfied;
    case MC_FIGURE_RATED_NOT_SATISFIED: return figures->rated_not_satisfied;
    case MC_FIGURE_NONE:
    default:
      g_return_val_if_reached (0);
    }
}

static const struct
{
  const char *name;
  const char *description;
} breakdown_kinds[] = {
  { "field", "Lĩnh vực" },
  { "procedure", "Thủ tục hành chính" },
  { "agency", "Cơ quan giải quyết" },
  { "clerk", "Cán bộ tiếp nhận" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (breakdown_kinds) == MC_BREAKDOWN_LAST);

const char *
mc_breakdown_kind_to_string (McBreakdownKind kind)
{
  g_return_val_if_fail (kind >= MC_BREAKDOWN_FIRST && kind <= MC_BREAKDOWN_LAST, NULL);
  return breakdown_kinds[kind - 1].name;
}

gboolean
mc_breakdown_kind_parse (const char       *text,
                         McBreakdownKind  *out,
                         GError          **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (int kind = MC_BREAKDOWN_FIRST; kind <= MC_BREAKDOWN_LAST; kind++)
    if (g_strcmp0 (text, breakdown_kinds[kind - 1].name) == 0)
      {
        *out = (McBreakdownKind) kind;
        return TRUE;
      }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("“%s” is not a breakdown (expected field, procedure, agency or clerk)"), text ? text : "");
  return FALSE;
}

const char *
mc_breakdown_kind_describe (McBreakdownKind kind)
{
  g_return_val_if_fail (kind >= MC_BREAKDOWN_FIRST && kind <= MC_BREAKDOWN_LAST, NULL);
  return breakdown_kinds[kind - 1].description;
}

McBreakdownRow *
mc_breakdown_row_new (const char *key,
                      const char *label)
{
  McBreakdownRow *row = g_new0 (McBreakdownRow, 1);

  row->key = g_strdup (key);
  /* Dossiers without the grouped value (a procedure without a field) still make a row. */
  row->label = g_strdup (label != NULL ? label : key != NULL ? key : "Không xác định");
  return row;
}

void
mc_breakdown_row_free (McBreakdownRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

gint64
mc_breakdown_row_in_time (const McBreakdownRow *row)
{
  g_return_val_if_fail (row != NULL, 0);
  return row->finished_early + row->finished_on_time;
}

typedef struct
{
  McBreakdownOrder order;
  gboolean         descending;
} SortSpec;

static int
compare_gint64 (gint64 a,
                gint64 b)
{
  return a < b ? -1 : a > b;
}

/* Rates and averages of rows that have none go last whatever the direction. */
static int
compare_optional (gboolean  has_a,
                  double    a,
                  gboolean  has_b,
                  double    b,
                  gboolean  descending)
{
  if (has_a != has_b)
    return has_a ? -1 : 1;
  if (!has_a || a == b)
    return 0;
  return (a < b ? -1 : 1) * (descending ? -1 : 1);
}

static int
compare_rows (gconstpointer pa,
              gconstpointer pb,
              gpointer      user_data)
{
  const McBreakdownRow *a = *(McBreakdownRow * const *) pa;
  const McBreakdownRow *b = *(McBreakdownRow * const *) pb;
  const SortSpec *spec = user_data;
  int sign = spec->descending ? -1 : 1;
  int c = 0;

  switch (spec->order)
    {
    case MC_BREAKDOWN_BY_DEFAULT:
      if ((c = -compare_gint64 (a->overdue, b->overdue)) != 0 ||
          (c = -compare_gint64 (a->finished_late, b->finished_late)) != 0 ||
          (c = -compare_gint64 (a->received, b->received)) != 0)
        return c;
      break;
    case MC_BREAKDOWN_BY_LABEL:
      c = sign * g_utf8_collate (a->label, b->label);
      break;
    case MC_BREAKDOWN_BY_RECEIVED:
      c = sign * compare_gint64 (a->received, b->received);
      break;
    case MC_BREAKDOWN_BY_FINISHED:
      c = sign * compare_gint64 (a->finished, b->finished);
      break;
    case MC_BREAKDOWN_BY_IN_TIME:
      c = sign * compare_gint64 (mc_breakdown_row_in_time (a), mc_breakdown_row_in_time (b));
      break;
    case MC_BREAKDOWN_BY_LATE:
      c = sign * compare_gint64 (a->finished_late, b->finished_late);
      break;
    case MC_BREAKDOWN_BY_OVERDUE:
      c = sign * compare_gint64 (a->overdue, b->overdue);
      break;
    case MC_BREAKDOWN_BY_ON_TIME_RATE:
      {
        double ra, rb;
        gboolean ha = mc_figures_rate (mc_breakdown_row_in_time (a), a->finished, &ra);
        gboolean hb = mc_figures_rate (mc_breakdown_row_in_time (b), b->finished, &rb);

        c = compare_optional (ha, ra, hb, rb, spec->descending);
      }
      break;
    case MC_BREAKDOWN_BY_HANDLING:
      {
        double ra, rb;
        gboolean ha = mc_figures_rate (a->handling_seconds, a->handled, &ra);
        gboolean hb = mc_figures_rate (b->handling_seconds, b->handled, &rb);

        c = compare_optional (ha, ra, hb, rb, spec->descending);
      }
      break;
    default:
      break;
    }
  if (c != 0)
    return c;
  if ((c = g_utf8_collate (a->label, b->label)) != 0)
    return c;
  if (a->key == NULL || b->key == NULL)
    return (a->key == NULL) - (b->key == NULL);
  return strcmp (a->key, b->key);
}

void
mc_breakdown_sort (GPtrArray        *rows,
                   McBreakdownOrder  order,
                   gboolean          descending)
{
  SortSpec spec = { order, descending };

  g_return_if_fail (rows != NULL);
  g_ptr_array_sort_with_data (rows, compare_rows, &spec);
}

/* Upper bounds of the buckets in working days; the last is open. */
static const int lateness_bounds[MC_LATENESS_N_BUCKETS - 1] = { 1, 5, 10, 20 };

void
mc_lateness_bucket_bounds (guint  bucket,
                           int   *min_days,
                           int   *max_days)
{
  g_return_if_fail (bucket < MC_LATENESS_N_BUCKETS);

  if (min_days)
    *min_days = bucket == 0 ? 0 : lateness_bounds[bucket - 1];
  if (max_days)
    *max_days = bucket + 1 < MC_LATENESS_N_BUCKETS ? lateness_bounds[bucket] : -1;
}

const char *
mc_lateness_bucket_describe (guint bucket)
{
  static const char * const names[MC_LATENESS_N_BUCKETS] = {
    "Đến 1 ngày", "2–5 ngày", "6–10 ngày", "11–20 ngày", "Trên 20 ngày",
  };

  g_return_val_if_fail (bucket < MC_LATENESS_N_BUCKETS, NULL);
  return names[bucket];
}

guint
mc_lateness_bucket_for (gint64 late_seconds,
                        int    daily_seconds)
{
  guint bucket = 0;

  g_return_val_if_fail (daily_seconds > 0, 0);

  while (bucket + 1 < MC_LATENESS_N_BUCKETS &&
         late_seconds > (gint64) lateness_bounds[bucket] * daily_seconds)
    bucket++;
  return bucket;
}

McDashboard *
mc_dashboard_new (const McPeriod *period)
{
  McDashboard *dashboard = g_new0 (McDashboard, 1);

  g_return_val_if_fail (period != NULL, NULL);

  dashboard->period = *period;
  dashboard->figures.from = mc_period_start (period);
  dashboard->figures.to = mc_period_end (period);
  dashboard->months = g_array_new (FALSE, TRUE, sizeof (McMonthFigures));
  dashboard->weeks = g_array_new (FALSE, TRUE, sizeof (McWeekFigures));
  return dashboard;
}

void
mc_dashboard_free (McDashboard *dashboard)
{
  if (dashboard == NULL)
    return;
  g_clear_pointer (&dashboard->months, g_array_unref);
  g_clear_pointer (&dashboard->weeks, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (dashboard->breakdowns); i++)
    g_clear_pointer (&dashboard->breakdowns[i], g_ptr_array_unref);
  g_free (dashboard);
}
