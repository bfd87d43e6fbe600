/* mc-figures.h — the supervisor's figures as values: what each figure counts, its name and
 * definition as a report prints them, the rates with the counts behind them, the breakdown
 * rows with their orderings, and the description of "the dossiers behind a figure".
 *
 * The store fills these (mc-store-dashboard.c, aggregates in SQL); the print layer draws
 * them (the period report and its charts); the dashboard page shows them. Keeping them in
 * the core lets all three agree on one definition of each figure (domain.md, "What
 * supervisors are measured by"; Decision 766/QĐ-TTg).
 *
 * Two kinds of figure: those of the PERIOD (received, finished, handling time, shares,
 * digitisation, ratings), over the dossiers received, finished or returned in [from, to);
 * and those of the MOMENT (in processing, waiting for the applicant, due soon, overdue),
 * counted at "now" over every dossier whatever its date, because a deadline that is running
 * now matters whenever the dossier came in.
 *
 * Digitisation counts the scanned files kept with a dossier (mc-attachment.h): a dossier
 * received in the period is digitised when at least one of its submitted documents has a
 * scan, a result ready in the period when the result has one, whenever the scan was made.
 * Satisfaction counts the citizens' ratings (mc-rating.h), recorded when the result is
 * handed over, by the moment of that return. Not here, because the desk does not record
 * them: results issued electronically and online payment.
 */
#pragma once

#include "mc-deadline.h"
#include "mc-period.h"
#include "mc-status.h"
#include "mc-time.h"

G_BEGIN_DECLS

typedef enum
{
  MC_FIGURE_NONE,
  /* The period's figures. */
  MC_FIGURE_RECEIVED,           /* received in the period */
  MC_FIGURE_RECEIVED_ONLINE,    /* … of them submitted online (channel 2) */
  MC_FIGURE_RECEIVED_SYNCED,    /* … of them whose latest state the portal acknowledged */
  MC_FIGURE_FINISHED,           /* result ready in the period */
  MC_FIGURE_FINISHED_EARLY,
  MC_FIGURE_FINISHED_ON_TIME,
  MC_FIGURE_FINISHED_IN_TIME,   /* early or on time: the on-time rate's numerator */
  MC_FIGURE_FINISHED_LATE,
  /* The moment's figures. */
  MC_FIGURE_IN_PROCESSING,      /* received or in processing: the deadline runs */
  MC_FIGURE_WAITING,            /* waiting for a supplement or a payment: the clock stands */
  MC_FIGURE_DUE_SOON,
  MC_FIGURE_OVERDUE,
  /* The period's again (appended: the values are stable). */
  MC_FIGURE_RECEIVED_DIGITISED, /* received in the period, a submitted document scanned */
  MC_FIGURE_RESULT_DIGITISED,   /* result ready in the period, the result scanned */
  MC_FIGURE_RATED,              /* returned in the period with the citizen's rating */
  MC_FIGURE_RATED_VERY_SATISFIED,
  MC_FIGURE_RATED_SATISFIED,
  MC_FIGURE_RATED_NOT_SATISFIED,
} McFigure;

#define MC_FIGURE_LAST MC_FIGURE_RATED_NOT_SATISFIED

/* "received", "finished-late", …: stable identifiers for files and the CLI. */
const char *mc_figure_to_string       (McFigure      figure);
gboolean    mc_figure_parse           (const char   *text,
                                       McFigure     *out,
                                       GError      **error);
/* Vietnamese, as a report prints it: "Hồ sơ tiếp nhận trong kỳ". */
const char *mc_figure_describe        (McFigure      figure);
/* Vietnamese, one sentence: what is counted, over which dossiers, at which moment. */
const char *mc_figure_definition      (McFigure      figure);
/* TRUE for the moment's figures (counted at "now", whatever the period). */
gboolean    mc_figure_is_snapshot     (McFigure      figure);

/* The definitions of the rates and of the handling time, in Vietnamese. */
extern const char * const mc_figures_on_time_rate_definition;
extern const char * const mc_figures_online_share_definition;
extern const char * const mc_figures_synced_share_definition;
extern const char * const mc_figures_handling_definition;
extern const char * const mc_figures_received_digitised_share_definition;
extern const char * const mc_figures_result_digitised_share_definition;
extern const char * const mc_figures_satisfaction_definition;

/* @part / @whole; FALSE (and *@rate 0) when @whole is 0: a rate over nothing is not shown. */
gboolean    mc_figures_rate           (gint64        part,
                                       gint64        whole,
                                       double       *rate);
/* "93,4 %" (Vietnamese decimal comma), or "—" when @whole is 0. Rounded to a tenth, except
 * at the ends, where rounding would say what is not so: a part short of the whole shows at
 * most "99,9 %", and a part above nothing under a twentieth of a per cent shows "< 0,1 %". */
char       *mc_figures_format_rate    (gint64        part,
                                       gint64        whole);
/* For files whose rates are numbers (CSV, spreadsheets): the decimals of a per cent that,
 * rounded, shows neither 100 for a part short of the whole nor 0 for a part above nothing;
 * 1 unless the rate lies that close to either end (at most 9). */
guint       mc_figures_rate_decimals  (gint64        part,
                                       gint64        whole);
/* "1.234.567" (Vietnamese thousands separator). */
char       *mc_figures_format_count   (gint64        n);
/* Working seconds as working days of @daily_seconds: "2,4 ngày"; "—" when @n is 0. */
char       *mc_figures_format_handling (gint64       total_seconds,
                                       gint64        n,
                                       int           daily_seconds);

/* The figures of one period. Counts only: every rate is shown with the counts behind it. */
typedef struct
{
  McTime   from;                   /* the period: [from, to) */
  McTime   to;
  McTime   now;                    /* the moment's figures are counted at it */

  gint64   received;
  gint64   received_by_status[MC_STATUS_LAST + 1];   /* by their status now */
  gint64   received_online;
  gint64   received_synced;
  gint64   received_digitised;     /* … with at least one submitted document scanned */

  gint64   finished;               /* early + on time + late */
  gint64   finished_early;
  gint64   finished_on_time;
  gint64   finished_late;
  gint64   result_digitised;       /* finished, with the result scanned */

  /* The citizens' ratings of the dossiers returned in the period; the satisfaction rate is
   * (very satisfied + satisfied) / rated. */
  gint64   rated;                  /* very satisfied + satisfied + not satisfied */
  gint64   rated_very_satisfied;
  gint64   rated_satisfied;
  gint64   rated_not_satisfied;

  /* Handling time: working time (office hours of the desk's calendar) from receipt to
   * result ready, summed over the `handled` dossiers finished in the period (those whose
   * moments the calendar covers: normally all of them). Clock stops are included. */
  gint64   handled;
  gint64   handling_seconds;
  int      daily_working_seconds;  /* the office's working day, to show days */

  gint64   in_processing;          /* now: statuses 2 and 4 */
  gint64   waiting;                /* now: statuses 5 and 6 */
  gint64   waiting_supplement;
  gint64   waiting_payment;
  gint64   due_soon;               /* now */
  gint64   overdue;                /* now */
} McDashboardFigures;

/* The count of @figure in @figures. */
gint64      mc_dashboard_figures_get  (const McDashboardFigures *figures,
                                       McFigure                  figure);

/* The breakdowns: the period's figures per field, procedure, deciding agency and the
 * clerk who received the dossier. */
typedef enum
{
  MC_BREAKDOWN_NONE,
  MC_BREAKDOWN_FIELD,           /* lĩnh vực: the dossier's field code */
  MC_BREAKDOWN_PROCEDURE,       /* thủ tục: the procedure code */
  MC_BREAKDOWN_AGENCY,          /* cơ quan chủ trì giải quyết: the deciding agency */
  MC_BREAKDOWN_CLERK,           /* cán bộ tiếp nhận: who received the dossier */
} McBreakdownKind;

#define MC_BREAKDOWN_FIRST MC_BREAKDOWN_FIELD
#define MC_BREAKDOWN_LAST  MC_BREAKDOWN_CLERK

const char *mc_breakdown_kind_to_string (McBreakdownKind kind);   /* "field", "procedure", "agency", "clerk" */
gboolean    mc_breakdown_kind_parse   (const char       *text,
                                       McBreakdownKind  *out,
                                       GError          **error);
/* Vietnamese: "Lĩnh vực", "Thủ tục hành chính", "Cơ quan giải quyết", "Cán bộ tiếp nhận". */
const char *mc_breakdown_kind_describe (McBreakdownKind kind);

typedef struct
{
  char    *key;                    /* owned; the grouped value (code, agency, clerk), NULL: none recorded */
  char    *label;                  /* owned; what to show (a procedure's or field's name), never NULL */
  gint64   received;               /* in the period */
  gint64   finished;               /* result ready in the period */
  gint64   finished_early;
  gint64   finished_on_time;
  gint64   finished_late;
  gint64   overdue;                /* now */
  gint64   handled;                /* handling time, as in McDashboardFigures */
  gint64   handling_seconds;
} McBreakdownRow;

/* @label NULL: the key, or "Không xác định" for the row of dossiers without one. */
McBreakdownRow *mc_breakdown_row_new  (const char   *key,
                                       const char   *label);
void        mc_breakdown_row_free     (McBreakdownRow *row);
/* Early + on time. */
gint64      mc_breakdown_row_in_time  (const McBreakdownRow *row);

typedef enum
{
  MC_BREAKDOWN_BY_DEFAULT,      /* overdue first, then late, then received, then the label */
  MC_BREAKDOWN_BY_LABEL,
  MC_BREAKDOWN_BY_RECEIVED,
  MC_BREAKDOWN_BY_FINISHED,
  MC_BREAKDOWN_BY_IN_TIME,
  MC_BREAKDOWN_BY_LATE,
  MC_BREAKDOWN_BY_OVERDUE,
  MC_BREAKDOWN_BY_ON_TIME_RATE, /* rows without a finished dossier last either way */
  MC_BREAKDOWN_BY_HANDLING,     /* average handling time; rows without one last */
} McBreakdownOrder;

/* Sorts @rows (McBreakdownRow*) by @order, ties broken by the label and then the key, so
 * the order is the same on every run. @descending reverses the column, not the tie-break;
 * BY_DEFAULT ignores it. */
void        mc_breakdown_sort         (GPtrArray        *rows,
                                       McBreakdownOrder  order,
                                       gboolean          descending);

/* The on-time rate month by month. */
typedef struct
{
  int      year;
  int      month;
  gint64   finished;
  gint64   finished_early;
  gint64   finished_on_time;
  gint64   finished_late;
} McMonthFigures;

/* Received against finished, week by week (Monday to Sunday, clipped to the period). */
typedef struct
{
  McDay    first;
  McDay    last;
  gint64   received;
  gint64   finished;
} McWeekFigures;

/* The dossiers overdue now by how late they are: working time since their (current)
 * appointment, in working days of the office: up to 1, 2–5, 6–10, 11–20, over 20. */
#define MC_LATENESS_N_BUCKETS 5

typedef struct
{
  McTime   now;
  gint64   counts[MC_LATENESS_N_BUCKETS];
  gint64   total;
} McLateness;

/* The bucket's bounds in working days: more than @min (0 for the first), at most @max
 * (-1 for the last, unbounded). */
void        mc_lateness_bucket_bounds (guint            bucket,
                                       int             *min_days,
                                       int             *max_days);
/* Vietnamese: "Đến 1 ngày", "2–5 ngày", "Trên 20 ngày". */
const char *mc_lateness_bucket_describe (guint          bucket);
/* The bucket of a dossier @late_seconds working seconds past its appointment. */
guint       mc_lateness_bucket_for    (gint64           late_seconds,
                                       int              daily_seconds);

/* "The dossiers behind a figure": what the dashboard hands to a dossier list when a
 * figure, a breakdown cell or a chart bar is opened. Zero-initialised fields mean "no
 * further condition". */
typedef struct
{
  McFigure         figure;
  McTime           from;           /* the period, for the period's figures */
  McTime           to;
  McTime           now;            /* for the moment's figures; 0 = now */
  McStatus         status;         /* MC_FIGURE_RECEIVED only: their status now; 0 = any */
  McBreakdownKind  group;          /* MC_BREAKDOWN_NONE: the whole office */
  const char      *group_key;      /* borrowed; the row's key (NULL: the row of dossiers without one) */
  int              lateness;       /* MC_FIGURE_OVERDUE only: bucket + 1; 0 = any */
} McFigureFilter;

/* Everything a dashboard or a period report shows, loaded together. */
typedef struct
{
  McPeriod            period;
  McDashboardFigures  figures;
  GArray             *months;      /* McMonthFigures: every month the period touches, in order */
  GArray             *weeks;       /* McWeekFigures: every week the period touches, in order */
  McLateness          lateness;
  GPtrArray          *breakdowns[MC_BREAKDOWN_LAST + 1];  /* McBreakdownRow* by kind, default order;
                                                            * NULL when not loaded; [0] unused */
} McDashboard;

/* An empty dashboard of @period (empty month and week arrays, no breakdowns). */
McDashboard *mc_dashboard_new         (const McPeriod   *period);
void        mc_dashboard_free         (McDashboard      *dashboard);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McBreakdownRow, mc_breakdown_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDashboard, mc_dashboard_free)

G_END_DECLS
