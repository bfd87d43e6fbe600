/* mc-form-page.h — what every printed form of the desk shares: an A4 page laid out as one
 * vertical flow in Liberation Serif, with the heading of an administrative document (the
 * office and its parent agency on the left, the national motto on the right, the place and
 * date under it), text wrapped with Pango, bordered table rows, signature blocks, page
 * breaks with "Trang x/y", and the PDF file.
 *
 * The flow is laid out twice: once only measuring (to know the pages and what fits), once
 * drawing. Drawing may be limited to one page, which is what a print dialog's draw-page
 * asks for; or cover every page, each followed by cairo_show_page (), for a PDF.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "mc-office-settings.h"
#include "mc-time.h"

G_BEGIN_DECLS

#define MC_PRINT_ERROR (mc_print_error_quark ())

typedef enum
{
  MC_PRINT_ERROR_FILE,        /* the PDF or CSV file cannot be created or written */
  MC_PRINT_ERROR_QR,          /* the lookup URL cannot be encoded as a QR code */
} McPrintError;

GQuark   mc_print_error_quark (void);

#define MC_MM_TO_PT(mm)       ((mm) * 72.0 / 25.4)

/* A4 in points. */
#define MC_A4_SHORT_PT        595.0
#define MC_A4_LONG_PT         842.0

/* The serif with Vietnamese letters and Times metrics that administrative documents use. */
#define MC_FORM_FONT_FAMILY   "Liberation Serif"
/* Body size of the forms (Decree 30/2020: 13–14 pt). */
#define MC_FORM_FONT_SIZE     13.0
/* Table cells are set a little smaller than the body. */
#define MC_FORM_TABLE_REL     0.92

/* Draws every page of a document, each followed by cairo_show_page (). */
typedef void (*McFormDrawFunc) (cairo_t *cr,
                                double   width_pt,
                                double   height_pt,
                                gpointer user_data);

typedef struct _McFormPage McFormPage;

/* Called at a page break: @page_bottom before leaving a page (and by _end for the last
 * one), @page_top once the new page has begun (to repeat a table's header row). */
typedef void (*McFormPageFunc) (McFormPage *page,
                                gpointer    user_data);

struct _McFormPage
{
  cairo_t        *cr;            /* borrowed */
  double          page_width;
  double          page_height;
  double          size;          /* body font size, pt */
  double          left;          /* the text area */
  double          width;
  double          top;
  double          bottom;        /* the flow should stay above it */
  double          y;             /* where the flow stands */
  gboolean        draw;          /* FALSE: only measure (the page being laid out is not drawn) */

  /* Pagination. */
  gboolean        drawing;       /* this pass draws */
  int             only_page;     /* draw this page only (from 0), or -1: every page, each shown */
  guint           page;          /* the page being laid out, from 0 */
  guint           n_pages;       /* from a measuring pass, for "Trang x/y"; 0 if not known */
  McFormPageFunc  page_top;
  McFormPageFunc  page_bottom;
  gpointer        user_data;
};

/* Sets up @page on @cr for a page of @width_pt × @height_pt with the forms' margins and
 * body @size. @drawing FALSE measures only; @only_page as in McFormPage. */
void     mc_form_page_begin      (McFormPage              *page,
                                  cairo_t                 *cr,
                                  double                   width_pt,
                                  double                   height_pt,
                                  double                   size,
                                  gboolean                 drawing,
                                  int                      only_page);
/* Finishes the last page (its page_bottom) and returns the number of pages laid out. The
 * last page is not shown: the caller does, as for the slip's copies. */
guint    mc_form_page_end        (McFormPage              *page);
/* Moves to a new page. */
void     mc_form_page_break      (McFormPage              *page);
/* Moves to a new page unless @height still fits above the bottom margin (and the page has
 * something on it already, so that something taller than a page is not pushed forever). */
void     mc_form_page_need       (McFormPage              *page,
                                  double                   height);

/* Lays out @markup in a box of @width at (@x, page->y) and returns its height; draws it only
 * when the page is being drawn. @rel scales the body size; @text_width (may be NULL)
 * receives the width of the widest line. The flow does not move. */
double   mc_form_page_text       (McFormPage              *page,
                                  double                   x,
                                  double                   width,
                                  PangoAlignment           align,
                                  double                   rel,
                                  const char              *markup,
                                  double                  *text_width);
/* A paragraph across the text area; the flow moves below it. */
void     mc_form_page_para       (McFormPage              *page,
                                  PangoAlignment           align,
                                  double                   rel,
                                  const char              *markup);
/* A paragraph that moves to a new page first if it does not fit on this one. */
void     mc_form_page_para_kept  (McFormPage              *page,
                                  PangoAlignment           align,
                                  double                   rel,
                                  const char              *markup);
/* A horizontal line from @x1 to @x2 at @y. */
void     mc_form_page_rule       (McFormPage              *page,
                                  double                   x1,
                                  double                   x2,
                                  double                   y);

/* The heading: parent agency and office (upper case, the office in bold, a short rule
 * under it) on the left; "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"
 * with its rule on the right; then, side by side under them, @left_below (e.g. the
 * document's number) and @right_below (the place and date line, or the slip's copy), each
 * markup or NULL. */
void     mc_form_page_header     (McFormPage              *page,
                                  const McOfficeSettings  *settings,
                                  const char              *left_below,
                                  const char              *right_below);

/* Height of a table row of @n_cells (markup) in columns of @widths, set at
 * MC_FORM_TABLE_REL with the cells' padding. */
double   mc_form_page_row_height (McFormPage              *page,
                                  const char * const      *cells,
                                  const double            *widths,
                                  guint                    n_cells);
/* Draws a bordered table row from the left edge of the text area and moves below it;
 * returns its height. */
double   mc_form_page_table_row  (McFormPage              *page,
                                  const char * const      *cells,
                                  const double            *widths,
                                  const PangoAlignment    *aligns,
                                  guint                    n_cells);

typedef struct
{
  const char *title;   /* markup, e.g. "<b>NGƯỜI TIẾP NHẬN HỒ SƠ</b>\n<i>(Ký và ghi rõ họ tên)</i>"; NULL: an empty column */
  const char *name;    /* markup under the space for the signature, or NULL */
} McFormSignature;

/* Signature blocks side by side in @n_columns equal columns across the text area: the
 * title, room for a handwritten signature, the name. The flow moves below the tallest. */
void     mc_form_page_signatures (McFormPage              *page,
                                  const McFormSignature   *columns,
                                  guint                    n_columns);
/* The height mc_form_page_signatures () takes (to keep a block on one page). */
double   mc_form_page_signatures_height (McFormPage       *page,
                                  const McFormSignature   *columns,
                                  guint                    n_columns);

/* "Trang x/y" centred in the bottom margin (nothing when the document has one page). */
void     mc_form_page_number     (McFormPage              *page);

/* @value, or a dotted blank to fill in by hand when it is NULL or empty. */
const char *mc_form_or_dots      (const char              *value);
/* The place named in the date line: the commune, ward or province the office is named
 * after ("Bộ phận Một cửa UBND xã Minh Tân" → "Minh Tân"), else that of the parent agency,
 * else NULL. */
char    *mc_form_place_name      (const McOfficeSettings  *settings);
/* "ngày 05 tháng 02 năm 2026", "ngày 23 tháng 11 năm 2026": as administrative documents
 * write it (a leading zero for days below 10 and for January and February). Dotted blanks
 * for MC_TIME_NONE. */
char    *mc_form_format_date     (McTime                   at);
/* "Minh Tân, ngày 23 tháng 11 năm 2026". */
char    *mc_form_date_line       (const McOfficeSettings  *settings,
                                  McTime                   at);

/* Creates the PDF file @path with pages of @width_pt × @height_pt, has @draw draw them
 * and writes it; @title goes into the document's metadata. */
gboolean mc_form_write_pdf       (const char              *path,
                                  double                   width_pt,
                                  double                   height_pt,
                                  const char              *title,
                                  McFormDrawFunc           draw,
                                  gpointer                 user_data,
                                  GError                 **error);

G_END_DECLS
