/* mc-form-page.c — the page every form of the desk is drawn on: margins, the heading of an
 * administrative document, Pango text in Liberation Serif, table rows, signature blocks,
 * page breaks with their page numbers, and the PDF file. The receipt slip (form 01), the
 * forms 02–06 and the register (form 07) all draw with these, so that they look alike.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "mc-form-page.h"
#include "mc-i18n.h"

G_DEFINE_QUARK (mc-print-error-quark, mc_print_error)

#define MARGIN_LEFT      MC_MM_TO_PT (20.0)
#define MARGIN_RIGHT     MC_MM_TO_PT (15.0)
#define MARGIN_TOP       MC_MM_TO_PT (15.0)
#define MARGIN_BOTTOM    MC_MM_TO_PT (15.0)
#define CELL_PADDING     2.5

static void
update_draw (McFormPage *page)
{
  page->draw = page->drawing && (page->only_page < 0 || (guint) page->only_page == page->page);
}

void
mc_form_page_begin (McFormPage *page,
                    cairo_t    *cr,
                    double      width_pt,
                    double      height_pt,
                    double      size,
                    gboolean    drawing,
                    int         only_page)
{
  g_return_if_fail (page != NULL);
  g_return_if_fail (cr != NULL);

  page->cr = cr;
  page->page_width = width_pt;
  page->page_height = height_pt;
  page->size = size;
  page->left = MARGIN_LEFT;
  page->width = width_pt - MARGIN_LEFT - MARGIN_RIGHT;
  page->top = MARGIN_TOP;
  page->bottom = height_pt - MARGIN_BOTTOM;
  page->y = page->top;
  page->drawing = drawing;
  page->only_page = only_page;
  page->page = 0;
  update_draw (page);
}

guint
mc_form_page_end (McFormPage *page)
{
  if (page->page_bottom != NULL)
    page->page_bottom (page, page->user_data);
  return page->page + 1;
}

void
mc_form_page_break (McFormPage *page)
{
  if (page->page_bottom != NULL)
    page->page_bottom (page, page->user_data);
  if (page->draw && page->only_page < 0)
    cairo_show_page (page->cr);
  page->page++;
  page->y = page->top;
  update_draw (page);
  if (page->page_top != NULL)
    page->page_top (page, page->user_data);
}

void
mc_form_page_need (McFormPage *page,
                   double      height)
{
  /* Something taller than a whole page goes where it starts rather than break forever. */
  if (page->y + height > page->bottom && page->y > page->top + 1.0)
    mc_form_page_break (page);
}

double
mc_form_page_text (McFormPage     *page,
                   double          x,
                   double          width,
                   PangoAlignment  align,
                   double          rel,
                   const char     *markup,
                   double         *text_width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (page->cr);
  PangoFontDescription *desc = pango_font_description_from_string (MC_FORM_FONT_FAMILY);
  PangoRectangle logical;

  /* Absolute size: points are cairo's user units on a PDF surface, whatever the
   * resolution pangocairo assumes. */
  pango_font_description_set_absolute_size (desc, page->size * rel * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  if (text_width != NULL)
    *text_width = (double) logical.width / PANGO_SCALE;
  if (page->draw)
    {
      cairo_move_to (page->cr, x, page->y);
      pango_cairo_show_layout (page->cr, layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

void
mc_form_page_para (McFormPage     *page,
                   PangoAlignment  align,
                   double          rel,
                   const char     *markup)
{
  page->y += mc_form_page_text (page, page->left, page->width, align, rel, markup, NULL) + page->size * 0.2;
}

void
mc_form_page_para_kept (McFormPage     *page,
                        PangoAlignment  align,
                        double          rel,
                        const char     *markup)
{
  gboolean draw = page->draw;
  double height;

  page->draw = FALSE;
  height = mc_form_page_text (page, page->left, page->width, align, rel, markup, NULL);
  page->draw = draw;
  mc_form_page_need (page, height);
  mc_form_page_para (page, align, rel, markup);
}

void
mc_form_page_rule (McFormPage *page,
                   double      x1,
                   double      x2,
                   double      y)
{
  if (!page->draw)
    return;
  cairo_set_line_width (page->cr, 0.6);
  cairo_move_to (page->cr, x1, y);
  cairo_line_to (page->cr, x2, y);
  cairo_stroke (page->cr);
}

void
mc_form_page_header (McFormPage             *page,
                     const McOfficeSettings *settings,
                     const char             *left_below,
                     const char             *right_below)
{
  double left_w = page->width * 0.42;
  double right_x = page->left + left_w;
  double right_w = page->width - left_w;
  g_autofree char *parent = g_utf8_strup (settings->parent_agency ? settings->parent_agency : "", -1);
  g_autofree char *office = g_utf8_strup (settings->office_name ? settings->office_name : "", -1);
  g_autofree char *left_markup = g_markup_printf_escaped ("%s\n<b>%s</b>", parent, office);
  double top = page->y;
  double left_h, nation_h, motto_h, motto_w = 0.0;
  double office_rule_y, motto_rule_y;
  double cx_left = page->left + left_w / 2.0;
  double cx_right = right_x + right_w / 2.0;
  double below_top, below_left_h = 0.0, below_right_h = 0.0;

  left_h = mc_form_page_text (page, page->left, left_w, PANGO_ALIGN_CENTER, 0.92, left_markup, NULL);
  nation_h = mc_form_page_text (page, right_x, right_w, PANGO_ALIGN_CENTER, 0.92,
                                "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", NULL);
  page->y = top + nation_h;
  motto_h = mc_form_page_text (page, right_x, right_w, PANGO_ALIGN_CENTER, 1.0,
                               "<b>Độc lập - Tự do - Hạnh phúc</b>", &motto_w);

  /* The short rules under the office's name and under the motto, as on every
   * administrative document. */
  office_rule_y = top + left_h + 2.0;
  motto_rule_y = top + nation_h + motto_h + 2.0;
  mc_form_page_rule (page, cx_left - left_w / 6.0, cx_left + left_w / 6.0, office_rule_y);
  mc_form_page_rule (page, cx_right - motto_w / 2.0, cx_right + motto_w / 2.0, motto_rule_y);
  page->y = MAX (office_rule_y, motto_rule_y) + page->size * 0.4;

  below_top = page->y;
  if (left_below != NULL)
    below_left_h = mc_form_page_text (page, page->left, left_w, PANGO_ALIGN_CENTER, 0.92, left_below, NULL);
  if (right_below != NULL)
    below_right_h = mc_form_page_text (page, right_x, right_w, PANGO_ALIGN_CENTER, 0.92, right_below, NULL);
  page->y = below_top + MAX (below_left_h, below_right_h);
  page->y += page->size * 0.6;
}

double
mc_form_page_row_height (McFormPage         *page,
                         const char * const *cells,
                         const double       *widths,
                         guint               n_cells)
{
  gboolean draw = page->draw;
  double height = 0.0;

  page->draw = FALSE;
  for (guint i = 0; i < n_cells; i++)
    height = MAX (height, mc_form_page_text (page, 0, widths[i] - 2 * CELL_PADDING, PANGO_ALIGN_LEFT,
                                             MC_FORM_TABLE_REL, cells[i], NULL));
  page->draw = draw;
  return height + 2 * CELL_PADDING;
}

/* Cells are laid out twice when drawing (once to know the row's height, once to draw) so
 * that the borders enclose the tallest cell. */
double
mc_form_page_table_row (McFormPage           *page,
                        const char * const   *cells,
                        const double         *widths,
                        const PangoAlignment *aligns,
                        guint                 n_cells)
{
  double height = mc_form_page_row_height (page, cells, widths, n_cells);

  if (page->draw)
    {
      double top = page->y;
      double x = page->left;

      page->y = top + CELL_PADDING;
      for (guint i = 0; i < n_cells; i++)
        {
          mc_form_page_text (page, x + CELL_PADDING, widths[i] - 2 * CELL_PADDING, aligns[i],
                             MC_FORM_TABLE_REL, cells[i], NULL);
          cairo_rectangle (page->cr, x, top, widths[i], height);
          x += widths[i];
        }
      cairo_set_line_width (page->cr, 0.5);
      cairo_stroke (page->cr);
      page->y = top;
    }
  page->y += height;
  return height;
}

static double
signatures (McFormPage            *page,
            const McFormSignature *columns,
            guint                  n_columns)
{
  double column_w = page->width / n_columns;
  double top = page->y;
  double bottom = top;

  for (guint i = 0; i < n_columns; i++)
    {
      double x = page->left + i * column_w;

      if (columns[i].title == NULL)
        continue;
      page->y = top;
      page->y += mc_form_page_text (page, x, column_w, PANGO_ALIGN_CENTER, 1.0, columns[i].title, NULL);
      if (columns[i].name != NULL)
        {
          /* Room for a handwritten signature. */
          page->y += page->size * 4.0;
          page->y += mc_form_page_text (page, x, column_w, PANGO_ALIGN_CENTER, 1.0, columns[i].name, NULL);
        }
      bottom = MAX (bottom, page->y);
    }
  page->y = top;
  return bottom - top + page->size * 0.8;
}

void
mc_form_page_signatures (McFormPage            *page,
                         const McFormSignature *columns,
                         guint                  n_columns)
{
  g_return_if_fail (n_columns > 0);
  page->y += signatures (page, columns, n_columns);
}

double
mc_form_page_signatures_height (McFormPage            *page,
                                const McFormSignature *columns,
                                guint                  n_columns)
{
  gboolean draw = page->draw;
  double height;

  g_return_val_if_fail (n_columns > 0, 0.0);
  page->draw = FALSE;
  height = signatures (page, columns, n_columns);
  page->draw = draw;
  return height;
}

void
mc_form_page_number (McFormPage *page)
{
  g_autofree char *label = NULL;
  double y = page->y;

  if (page->n_pages <= 1)
    return;
  label = g_strdup_printf ("<i>Trang %u/%u</i>", page->page + 1, page->n_pages);
  page->y = page->bottom + page->size * 0.5;
  mc_form_page_text (page, page->left, page->width, PANGO_ALIGN_CENTER, 0.8, label, NULL);
  page->y = y;
}

const char *
mc_form_or_dots (const char *value)
{
  return value != NULL && *value != '\0' ? value : "……………………";
}

/* The words before a place's name in an office's name, the commune level first: a
 * "Bộ phận Một cửa UBND xã …" is dated from the commune, not from its province. */
static const char * const place_words[] = {
  "xã ", "Xã ", "XÃ ", "phường ", "Phường ", "PHƯỜNG ", "đặc khu ", "Đặc khu ", "ĐẶC KHU ",
  "thị trấn ", "Thị trấn ", "THỊ TRẤN ",
  NULL,
  "tỉnh ", "Tỉnh ", "TỈNH ", "thành phố ", "Thành phố ", "THÀNH PHỐ ",
  NULL,
};

static char *
place_in (const char *name)
{
  const char *best = NULL;
  gsize i = 0;

  if (name == NULL)
    return NULL;
  /* Two tiers, each ended by NULL: the last match of the first tier that matches wins. */
  for (int tier = 0; tier < 2 && best == NULL; tier++)
    {
      for (; place_words[i] != NULL; i++)
        {
          const char *word = place_words[i];
          gsize word_len = strlen (word);

          for (const char *p = name; (p = strstr (p, word)) != NULL; p += word_len)
            if ((p == name || p[-1] == ' ') && (best == NULL || p + word_len > best))
              best = p + word_len;
        }
      i++;
    }
  if (best == NULL)
    return NULL;
  {
    g_autofree char *place = g_strstrip (g_strdup (best));

    return *place != '\0' ? g_steal_pointer (&place) : NULL;
  }
}

char *
mc_form_place_name (const McOfficeSettings *settings)
{
  char *place;

  g_return_val_if_fail (settings != NULL, NULL);
  if ((place = place_in (settings->office_name)) != NULL)
    return place;
  return place_in (settings->parent_agency);
}

char *
mc_form_format_date (McTime at)
{
  int year, month, day;

  if (at == MC_TIME_NONE)
    return g_strdup ("ngày …… tháng …… năm ……");
  mc_day_to_ymd (mc_time_local_day (at), &year, &month, &day);
  /* Decree 30/2020, Appendix I: a zero before days below 10 and before months 1 and 2. */
  return g_strdup_printf ("ngày %s%d tháng %s%d năm %d", day < 10 ? "0" : "", day,
                          month <= 2 ? "0" : "", month, year);
}

char *
mc_form_date_line (const McOfficeSettings *settings,
                   McTime                  at)
{
  g_autofree char *place = mc_form_place_name (settings);
  g_autofree char *date = mc_form_format_date (at);

  return g_strdup_printf ("%s, %s", place != NULL ? place : "……………", date);
}

gboolean
mc_form_write_pdf (const char     *path,
                   double          width_pt,
                   double          height_pt,
                   const char     *title,
                   McFormDrawFunc  draw,
                   gpointer        user_data,
                   GError        **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create (path, width_pt, height_pt);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE,
                   _("Cannot create the PDF file “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  cr = cairo_create (surface);
  draw (cr, width_pt, height_pt, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE,
                   _("Cannot write the PDF file “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
