/* mc-register.c — form 07, the dossier register, on the forms' page turned to landscape:
 * the heading and the period on the first page, then a table of one row per dossier whose
 * header row starts every page, "Trang x/y" under each page, and the totals after the last
 * row. The same rows are written as CSV for a spreadsheet.
 *
 * A register covers months of work, so rows are measured once and the pages are cut from
 * those heights: drawing one page (as a print dialog asks) does not lay out the others.
 */
#include "config.h"

#include <string.h>

#include "mc-csv.h"
#include "mc-i18n.h"
#include "mc-register.h"

/* Table text of a register is small: fourteen columns across a landscape page. */
#define REGISTER_FONT_SIZE 9.5

enum
{
  COL_NUMBER,
  COL_CODE,
  COL_PROCEDURE,
  COL_SETS,
  COL_APPLICANT,
  COL_ADDRESS,
  COL_AGENCY,
  COL_RECEIVED,
  COL_DUE,
  COL_HANDED_OVER,
  COL_RESULT_BACK,
  COL_RETURNED,
  COL_SIGNATURE,
  COL_NOTE,
  N_COLUMNS
};

static const char * const column_titles[N_COLUMNS] = {
  "<b>STT</b>",
  "<b>Mã hồ sơ</b>",
  "<b>Tên thủ tục hành chính</b>",
  "<b>Số lượng hồ sơ (bộ)</b>",
  "<b>Tên cá nhân, tổ chức</b>",
  "<b>Địa chỉ, số điện thoại</b>",
  "<b>Cơ quan chủ trì giải quyết</b>",
  "<b>Nhận hồ sơ</b>",
  "<b>Hẹn trả kết quả</b>",
  "<b>Chuyển hồ sơ đến cơ quan giải quyết</b>",
  "<b>Nhận kết quả từ cơ quan giải quyết</b>",
  "<b>Trả kết quả cho cá nhân, tổ chức</b>",
  "<b>Ký nhận</b>",
  "<b>Ghi chú</b>",
};

/* Shares of the table's width. */
static const double column_weights[N_COLUMNS] = {
  26, 68, 84, 30, 64, 78, 58, 50, 50, 50, 50, 50, 38, 54,
};

static const PangoAlignment column_aligns[N_COLUMNS] = {
  PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT,
  PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT,
};

static const PangoAlignment header_aligns[N_COLUMNS] = {
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
};

typedef struct
{
  guint    first_row;
  guint    n_rows;
  gboolean totals;       /* the totals end this page */
} RegisterPage;

struct _McRegister
{
  const McOfficeSettings *settings;   /* borrowed */
  McDay                   from;
  McDay                   to;
  GArray                 *rows;       /* McRegisterRow (dossiers borrowed) */

  /* Pagination, for one paper size. */
  double                  width_pt;
  double                  height_pt;
  GArray                 *pages;      /* RegisterPage */
  double                  widths[N_COLUMNS];
};

McRegister *
mc_register_new (const McOfficeSettings *settings,
                 McDay                   from,
                 McDay                   to)
{
  McRegister *reg;

  g_return_val_if_fail (settings != NULL, NULL);

  reg = g_new0 (McRegister, 1);
  reg->settings = settings;
  reg->from = from;
  reg->to = to;
  reg->rows = g_array_new (FALSE, TRUE, sizeof (McRegisterRow));
  reg->pages = g_array_new (FALSE, TRUE, sizeof (RegisterPage));
  return reg;
}

void
mc_register_free (McRegister *reg)
{
  if (reg == NULL)
    return;
  g_array_unref (reg->rows);
  g_array_unref (reg->pages);
  g_free (reg);
}

void
mc_register_add_row (McRegister          *reg,
                     const McRegisterRow *row)
{
  g_return_if_fail (reg != NULL);
  g_return_if_fail (row != NULL && row->dossier != NULL);

  g_array_append_val (reg->rows, *row);
  g_array_set_size (reg->pages, 0);
}

guint
mc_register_get_n_rows (const McRegister *reg)
{
  return reg->rows->len;
}

/* What a row says. */

static const char *
verdict_text (McVerdict verdict)
{
  switch (verdict)
    {
    case MC_VERDICT_EARLY:
      return "Trước hạn";
    case MC_VERDICT_ON_TIME:
      return "Đúng hạn";
    case MC_VERDICT_LATE:
      return "Quá hạn";
    case MC_VERDICT_NONE:
    default:
      return NULL;
    }
}

/* The status now, the verdict once judged, and the dossier's own note. */
static char *
row_note (const McRegisterRow *row)
{
  const McDossier *d = row->dossier;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *verdict = verdict_text (row->verdict);

  if (mc_status_is_valid ((int) d->status))
    g_ptr_array_add (parts, (gpointer) mc_status_describe (d->status));
  if (verdict != NULL)
    g_ptr_array_add (parts, (gpointer) verdict);
  if (d->note != NULL && *d->note != '\0')
    g_ptr_array_add (parts, d->note);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* "10:00\n24/11/2025" for a table cell; empty for no moment. */
static char *
cell_time (McTime t)
{
  int seconds;
  g_autofree char *day = NULL;

  if (t == MC_TIME_NONE)
    return g_strdup ("");
  seconds = mc_time_local_seconds (t);
  day = mc_day_format_vi (mc_time_local_day (t));
  return g_strdup_printf ("%02d:%02d\n%s", seconds / 3600, seconds / 60 % 60, day);
}

static char *
escaped (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/* A dossier code breaks after its hyphens: Unicode's line breaking keeps "H04-251124"
 * together (a hyphen before digits reads as a minus sign), so a zero-width space, which
 * draws nothing, marks the break. */
static char *
breakable_code (const char *code)
{
  g_autofree char *text = escaped (code);
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  return g_strjoinv ("-\u200B", parts);
}

/* The cells of row @index (markup, owned by the returned array). */
static GPtrArray *
row_cells (const McRegister *reg,
           guint             index)
{
  const McRegisterRow *row = &g_array_index (reg->rows, McRegisterRow, index);
  const McDossier *d = row->dossier;
  GPtrArray *cells = g_ptr_array_new_full (N_COLUMNS, g_free);
  g_autofree char *address_phone = NULL;
  g_autofree char *due = cell_time (d->due_at);
  g_autofree char *note = row_note (row);

  if (d->address != NULL && *d->address != '\0' && d->phone != NULL && *d->phone != '\0')
    address_phone = g_strdup_printf ("%s\nĐT: %s", d->address, d->phone);
  else if (d->phone != NULL && *d->phone != '\0')
    address_phone = g_strdup_printf ("ĐT: %s", d->phone);
  else
    address_phone = g_strdup (d->address);
  /* An appointment moved by clock stops is shown under the original, which stays the
   * one on-time figures use. */
  if (d->current_due_at != MC_TIME_NONE && d->current_due_at != d->due_at)
    {
      g_autofree char *current = cell_time (d->current_due_at);
      char *both = g_strdup_printf ("%s\n(%s)", due, current);

      g_free (due);
      due = both;
    }

  g_ptr_array_add (cells, g_strdup_printf ("%u", index + 1));
  g_ptr_array_add (cells, breakable_code (d->code));
  g_ptr_array_add (cells, escaped (d->procedure_name));
  g_ptr_array_add (cells, g_strdup_printf ("%d", d->sets));
  g_ptr_array_add (cells, escaped (d->applicant_name));
  g_ptr_array_add (cells, escaped (address_phone));
  g_ptr_array_add (cells, escaped (d->deciding_agency));
  g_ptr_array_add (cells, cell_time (d->received_at));
  g_ptr_array_add (cells, escaped (due));
  g_ptr_array_add (cells, cell_time (row->handed_over_at));
  g_ptr_array_add (cells, cell_time (d->finished_at));
  g_ptr_array_add (cells, cell_time (d->returned_at));
  g_ptr_array_add (cells, g_strdup (""));
  g_ptr_array_add (cells, escaped (note));
  return cells;
}

/* The totals under the table: how many dossiers, and where they stand. */
static char *
totals_markup (const McRegister *reg)
{
  gint64 by_status[MC_STATUS_LAST + 1] = { 0 };
  gint64 by_verdict[MC_VERDICT_LATE + 1] = { 0 };
  gint64 sets = 0;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < reg->rows->len; i++)
    {
      const McRegisterRow *row = &g_array_index (reg->rows, McRegisterRow, i);

      if (mc_status_is_valid ((int) row->dossier->status))
        by_status[row->dossier->status]++;
      if ((guint) row->verdict <= MC_VERDICT_LATE)
        by_verdict[row->verdict]++;
      sets += row->dossier->sets;
    }

  g_string_append_printf (out, "<b>Tổng số hồ sơ: %u</b> (%" G_GINT64_FORMAT " bộ). Trong đó: ",
                          reg->rows->len, sets);
  g_string_append_printf (out, "đã có kết quả %" G_GINT64_FORMAT " (trước hạn %" G_GINT64_FORMAT
                          ", đúng hạn %" G_GINT64_FORMAT ", quá hạn %" G_GINT64_FORMAT "), ",
                          by_verdict[MC_VERDICT_EARLY] + by_verdict[MC_VERDICT_ON_TIME] + by_verdict[MC_VERDICT_LATE],
                          by_verdict[MC_VERDICT_EARLY], by_verdict[MC_VERDICT_ON_TIME], by_verdict[MC_VERDICT_LATE]);
  g_string_append_printf (out, "đã trả kết quả %" G_GINT64_FORMAT "; ", by_status[MC_STATUS_RETURNED]);
  g_string_append_printf (out, "đang giải quyết %" G_GINT64_FORMAT " (chờ bổ sung %" G_GINT64_FORMAT
                          ", chờ thực hiện nghĩa vụ tài chính %" G_GINT64_FORMAT "); ",
                          by_status[MC_STATUS_RECEIVED] + by_status[MC_STATUS_IN_PROCESSING]
                          + by_status[MC_STATUS_WAITING_SUPPLEMENT] + by_status[MC_STATUS_WAITING_PAYMENT],
                          by_status[MC_STATUS_WAITING_SUPPLEMENT], by_status[MC_STATUS_WAITING_PAYMENT]);
  g_string_append_printf (out, "từ chối tiếp nhận %" G_GINT64_FORMAT "; rút hồ sơ %" G_GINT64_FORMAT
                          "; dừng giải quyết %" G_GINT64_FORMAT ".",
                          by_status[MC_STATUS_REFUSED], by_status[MC_STATUS_WITHDRAWN], by_status[MC_STATUS_STOPPED]);
  return g_string_free (out, FALSE);
}

/* Laying out. */

static void
set_widths (McRegister *reg,
            double      table_width)
{
  double total = 0.0;

  for (guint i = 0; i < N_COLUMNS; i++)
    total += column_weights[i];
  for (guint i = 0; i < N_COLUMNS; i++)
    reg->widths[i] = table_width * column_weights[i] / total;
}

/* The first page's heading, title and period; the flow moves below them. */
static void
draw_title (McRegister *reg,
            McFormPage *page)
{
  g_autofree char *from = mc_day_format_vi (reg->from);
  g_autofree char *to = mc_day_format_vi (reg->to);
  g_autofree char *period = g_markup_printf_escaped ("<i>Từ ngày %s đến ngày %s</i>", from, to);

  mc_form_page_header (page, reg->settings, NULL, NULL);
  mc_form_page_para (page, PANGO_ALIGN_CENTER, 1.4, "<b>SỔ THEO DÕI HỒ SƠ</b>");
  mc_form_page_para (page, PANGO_ALIGN_CENTER, 1.1, period);
  page->y += page->size * 0.4;
}

static double
header_row_height (McRegister *reg,
                   McFormPage *page)
{
  return mc_form_page_row_height (page, column_titles, reg->widths, N_COLUMNS);
}

static void
begin_page (McRegister *reg,
            McFormPage *page,
            cairo_t    *cr,
            gboolean    drawing)
{
  mc_form_page_begin (page, cr, reg->width_pt, reg->height_pt, REGISTER_FONT_SIZE, drawing, -1);
  page->n_pages = reg->pages->len;
}

guint
mc_register_paginate (McRegister *reg,
                      cairo_t    *cr,
                      double      width_pt,
                      double      height_pt)
{
  McFormPage page = { 0 };
  RegisterPage current = { 0 };
  g_autofree char *totals = NULL;
  double header_h, totals_h;

  g_return_val_if_fail (reg != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  reg->width_pt = width_pt;
  reg->height_pt = height_pt;
  g_array_set_size (reg->pages, 0);

  begin_page (reg, &page, cr, FALSE);
  set_widths (reg, page.width);
  draw_title (reg, &page);
  header_h = header_row_height (reg, &page);
  page.y += header_h;

  for (guint i = 0; i < reg->rows->len; i++)
    {
      g_autoptr(GPtrArray) cells = row_cells (reg, i);
      double h = mc_form_page_row_height (&page, (const char * const *) cells->pdata, reg->widths, N_COLUMNS);

      /* A row starts the next page when it does not fit, unless it is the page's first. */
      if (page.y + h > page.bottom && current.n_rows > 0)
        {
          g_array_append_val (reg->pages, current);
          current.first_row = i;
          current.n_rows = 0;
          page.y = page.top + header_h;
        }
      page.y += h;
      current.n_rows++;
    }

  totals = totals_markup (reg);
  totals_h = mc_form_page_text (&page, page.left, page.width, PANGO_ALIGN_LEFT, 1.0, totals, NULL)
             + page.size * 0.6;
  if (page.y + totals_h > page.bottom && (current.n_rows > 0 || reg->pages->len > 0))
    {
      g_array_append_val (reg->pages, current);
      current.first_row = reg->rows->len;
      current.n_rows = 0;
    }
  current.totals = TRUE;
  g_array_append_val (reg->pages, current);
  return reg->pages->len;
}

guint
mc_register_get_n_pages (const McRegister *reg)
{
  return reg->pages->len;
}

static void
draw_page (McRegister *reg,
           cairo_t    *cr,
           guint       page_nr)
{
  const RegisterPage *p = &g_array_index (reg->pages, RegisterPage, page_nr);
  McFormPage page = { 0 };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  begin_page (reg, &page, cr, TRUE);
  page.page = page_nr;
  if (page_nr == 0)
    draw_title (reg, &page);
  if (p->n_rows > 0 || reg->rows->len == 0)
    mc_form_page_table_row (&page, column_titles, reg->widths, header_aligns, N_COLUMNS);
  for (guint i = p->first_row; i < p->first_row + p->n_rows; i++)
    {
      g_autoptr(GPtrArray) cells = row_cells (reg, i);

      mc_form_page_table_row (&page, (const char * const *) cells->pdata, reg->widths, column_aligns, N_COLUMNS);
    }
  if (p->totals)
    {
      g_autofree char *totals = totals_markup (reg);

      if (reg->rows->len == 0)
        {
          double all[1] = { page.width };
          const char *cells[1] = { "<i>Không có hồ sơ nào được tiếp nhận trong kỳ.</i>" };
          const PangoAlignment centre[1] = { PANGO_ALIGN_CENTER };

          mc_form_page_table_row (&page, cells, all, centre, 1);
        }
      page.y += page.size * 0.6;
      mc_form_page_para (&page, PANGO_ALIGN_LEFT, 1.0, totals);
    }
  mc_form_page_number (&page);
  cairo_restore (cr);
}

void
mc_register_draw_page (McRegister *reg,
                       cairo_t    *cr,
                       double      width_pt,
                       double      height_pt,
                       guint       page_nr)
{
  g_return_if_fail (reg != NULL);
  g_return_if_fail (cr != NULL);

  if (reg->pages->len == 0 || reg->width_pt != width_pt || reg->height_pt != height_pt)
    mc_register_paginate (reg, cr, width_pt, height_pt);
  g_return_if_fail (page_nr < reg->pages->len);
  draw_page (reg, cr, page_nr);
}

static void
draw_all (cairo_t  *cr,
          double    width_pt,
          double    height_pt,
          gpointer  user_data)
{
  McRegister *reg = user_data;

  mc_register_paginate (reg, cr, width_pt, height_pt);
  for (guint i = 0; i < reg->pages->len; i++)
    {
      draw_page (reg, cr, i);
      cairo_show_page (cr);
    }
}

gboolean
mc_register_render_pdf (McRegister  *reg,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (reg != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return mc_form_write_pdf (path, MC_A4_LONG_PT, MC_A4_SHORT_PT, "Sổ theo dõi hồ sơ", draw_all, reg, error);
}

/* CSV (the writer is mc-csv.c, shared with the period report). */

static char *
csv_time (McTime t)
{
  return t != MC_TIME_NONE ? mc_time_format_local (t) : NULL;
}

#define N_CSV_COLUMNS 18

char *
mc_register_to_csv (McRegister *reg)
{
  static const char * const header[N_CSV_COLUMNS] = {
    "STT", "Mã hồ sơ", "Mã thủ tục", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức", "Địa chỉ", "Số điện thoại", "Cơ quan chủ trì giải quyết", "Nhận hồ sơ",
    "Hẹn trả kết quả", "Hẹn trả sau thời gian tạm dừng", "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết", "Trả kết quả cho cá nhân, tổ chức", "Trạng thái",
    "Kết quả giải quyết", "Ghi chú",
  };
  static const gboolean is_text[N_CSV_COLUMNS] = {
    FALSE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE,
    FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE,
  };
  GString *out = mc_csv_new ();

  g_return_val_if_fail (reg != NULL, NULL);

  mc_csv_line (out, header, NULL, N_CSV_COLUMNS);
  for (guint i = 0; i < reg->rows->len; i++)
    {
      const McRegisterRow *row = &g_array_index (reg->rows, McRegisterRow, i);
      const McDossier *d = row->dossier;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *sets = g_strdup_printf ("%d", d->sets);
      g_autofree char *received = csv_time (d->received_at);
      g_autofree char *due = csv_time (d->due_at);
      g_autofree char *current_due = d->current_due_at != d->due_at ? csv_time (d->current_due_at) : NULL;
      g_autofree char *handed_over = csv_time (row->handed_over_at);
      g_autofree char *result_back = csv_time (d->finished_at);
      g_autofree char *returned = csv_time (d->returned_at);
      const char *fields[N_CSV_COLUMNS] = {
        number, d->code, d->procedure_code, d->procedure_name, sets,
        d->applicant_name, d->address, d->phone, d->deciding_agency, received,
        due, current_due, handed_over, result_back, returned,
        mc_status_is_valid ((int) d->status) ? mc_status_describe (d->status) : NULL,
        verdict_text (row->verdict), d->note,
      };

      mc_csv_line (out, fields, is_text, N_CSV_COLUMNS);
    }
  return g_string_free (out, FALSE);
}

gboolean
mc_register_write_csv (McRegister  *reg,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (reg != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  csv = mc_register_to_csv (reg);
  return mc_csv_write_file (path, csv, error);
}
