/* mc-period.h — the periods supervisors choose figures for: a day, a week (Monday to
 * Sunday), a month, a quarter, a year, or any run of days, in Vietnam's local days (UTC+7).
 *
 * A period is a run of whole local days, both ends included, as people say it ("from
 * 01/01/2026 to 30/11/2026"); the store counts over the half-open moments
 * [mc_period_start (), mc_period_end ()), so that a dossier received at 23:59 on the last
 * day is in and one received at 00:00 the next day is not.
 */
#pragma once

#include "mc-time.h"

G_BEGIN_DECLS

typedef enum
{
  MC_PERIOD_DAY,
  MC_PERIOD_WEEK,              /* ISO week: Monday to Sunday */
  MC_PERIOD_MONTH,
  MC_PERIOD_QUARTER,
  MC_PERIOD_YEAR,
  MC_PERIOD_CUSTOM,
} McPeriodKind;

typedef struct
{
  McPeriodKind kind;
  McDay        first;          /* the first local day */
  McDay        last;           /* the last local day, included */
} McPeriod;

/* The day, week, month, quarter or year (@kind, not CUSTOM) that holds @now's local day. */
void      mc_period_containing   (McPeriodKind   kind,
                                  McTime         now,
                                  McPeriod      *out);
/* A named month (1–12), quarter (1–4) or year; FALSE with MC_CORE_ERROR_INVALID when out
 * of range (years 1900–2100). */
gboolean  mc_period_month        (int            year,
                                  int            month,
                                  McPeriod      *out,
                                  GError       **error);
gboolean  mc_period_quarter      (int            year,
                                  int            quarter,
                                  McPeriod      *out,
                                  GError       **error);
gboolean  mc_period_year         (int            year,
                                  McPeriod      *out,
                                  GError       **error);
/* Days @first to @last, both included; refused when @last is before @first or when the
 * days are outside 1900–2100. */
gboolean  mc_period_custom       (McDay          first,
                                  McDay          last,
                                  McPeriod      *out,
                                  GError       **error);
/* Two dates as a user types them ("2026-01-01" or "01/01/2026"), @to included. */
gboolean  mc_period_parse        (const char    *from,
                                  const char    *to,
                                  McPeriod      *out,
                                  GError       **error);
/* A period by name, relative to @now: "today", "this-week", "this-month", "this-quarter",
 * "this-year"; or absolute: "2026", "2026-Q3", "2026-03", "2026-03-15". */
gboolean  mc_period_parse_name   (const char    *text,
                                  McTime         now,
                                  McPeriod      *out,
                                  GError       **error);

/* The first moment of the period (00:00 local on its first day) and the first moment after
 * it (00:00 local on the day after its last). */
McTime    mc_period_start        (const McPeriod *period);
McTime    mc_period_end          (const McPeriod *period);
guint     mc_period_n_days       (const McPeriod *period);
gboolean  mc_period_contains     (const McPeriod *period,
                                  McTime          t);

/* Vietnamese, as a report heads it: "Ngày 23/11/2026", "Tuần từ 17/11/2026 đến 23/11/2026",
 * "Tháng 11/2026", "Quý IV/2026", "Năm 2026", "Từ ngày 01/01/2026 đến ngày 30/11/2026". */
char     *mc_period_describe     (const McPeriod *period);
/* "2026-01-01 – 2026-11-30" (ISO days, both included). */
char     *mc_period_to_string    (const McPeriod *period);

G_END_DECLS
