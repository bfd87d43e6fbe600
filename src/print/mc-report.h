/* mc-report.h — the supervisor's period report: the figures of a period with the counts
 * behind every rate and the definition of each, the charts, the breakdowns by field,
 * procedure, deciding agency and receiving clerk, and the months, weeks and lateness in
 * numbers; as a PDF on A4 with the office's heading (page numbers, table headers repeated on
 * every page), and each table as CSV or all of them as an XLSX workbook, because
 * spreadsheets are how offices pass figures upwards.
 *
 * The report draws a McDashboard the store loaded (mc_store_load_dashboard); it borrows it
 * and the settings, and knows nothing of the store.
 */
#pragma once

#include "mc-figures.h"
#include "mc-form-page.h"
#include "mc-office-settings.h"

G_BEGIN_DECLS

typedef enum
{
  MC_REPORT_TABLE_FIGURES,
  MC_REPORT_TABLE_MONTHS,
  MC_REPORT_TABLE_WEEKS,
  MC_REPORT_TABLE_LATENESS,
  MC_REPORT_TABLE_BY_FIELD,
  MC_REPORT_TABLE_BY_PROCEDURE,
  MC_REPORT_TABLE_BY_AGENCY,
  MC_REPORT_TABLE_BY_CLERK,
} McReportTable;

#define MC_REPORT_TABLE_LAST MC_REPORT_TABLE_BY_CLERK

/* The table of breakdown @kind. */
McReportTable mc_report_table_for_breakdown (McBreakdownKind kind);
/* "figures", "months", "weeks", "lateness", "by-field", …: stable names for files. */
const char *mc_report_table_to_string (McReportTable    table);
/* Vietnamese, as the report heads the table: "Số liệu theo lĩnh vực". */
const char *mc_report_table_describe  (McReportTable    table);
/* FALSE for a breakdown the dashboard did not load. */
gboolean    mc_report_has_table       (const McDashboard *dashboard,
                                       McReportTable     table);

typedef struct _McReport McReport;

/* A report of @dashboard for the office of @settings, dated @printed_at (MC_TIME_NONE:
 * now). Both are borrowed and must outlive the report. */
McReport   *mc_report_new             (const McOfficeSettings *settings,
                                       const McDashboard      *dashboard,
                                       McTime                  printed_at);
void        mc_report_free            (McReport               *report);

/* For a print dialog: the number of pages at @width_pt × @height_pt, and one page drawn. */
guint       mc_report_count_pages     (McReport               *report,
                                       cairo_t                *cr,
                                       double                  width_pt,
                                       double                  height_pt);
void        mc_report_draw_page       (McReport               *report,
                                       cairo_t                *cr,
                                       double                  width_pt,
                                       double                  height_pt,
                                       guint                   page_nr);
/* Writes the report (portrait A4) to the PDF file @path. */
gboolean    mc_report_render_pdf      (McReport               *report,
                                       const char             *path,
                                       GError                **error);

/* One table as CSV (mc-csv.h: RFC 4180, UTF-8 with a byte order mark): the headings as
 * printed, counts as plain integers, rates in per cent and times in working days with a
 * decimal point; an undefined rate is empty. NULL for a breakdown that was not loaded. */
char       *mc_report_table_to_csv    (const McDashboard      *dashboard,
                                       McReportTable           table);
gboolean    mc_report_write_csv       (const McDashboard      *dashboard,
                                       McReportTable           table,
                                       const char             *path,
                                       GError                **error);
/* Every table as a sheet of an XLSX workbook, numbers as numbers (rates formatted as per
 * cent), each sheet headed by the office and the period. */
gboolean    mc_report_write_xlsx      (const McDashboard      *dashboard,
                                       const McOfficeSettings *settings,
                                       McTime                  printed_at,
                                       const char             *path,
                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McReport, mc_report_free)

G_END_DECLS
