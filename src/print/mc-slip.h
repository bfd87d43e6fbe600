/* mc-slip.h — form 01, the receipt-and-appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả
 * kết quả), drawn with cairo and Pango and saved as PDF.
 *
 * The drawing is separate from the PDF file so that the desk's print dialog can draw the
 * very same pages: one page per copy (the applicant's and the file's).
 */
#pragma once

#include <cairo.h>

#include "mc-dossier.h"
#include "mc-form-page.h"          /* MC_PRINT_ERROR and the page every form shares */
#include "mc-office-settings.h"

G_BEGIN_DECLS

/* The slip is made in two copies: "Liên 1" for the applicant, "Liên 2" for the file. */
#define MC_SLIP_N_COPIES 2

/* A4 portrait in points. */
#define MC_SLIP_PAGE_WIDTH  595.0
#define MC_SLIP_PAGE_HEIGHT 842.0

/* Draws copy @copy (0 … MC_SLIP_N_COPIES - 1) as one page of @width_pt × @height_pt,
 * without showing the page: what a print operation's draw-page does. */
void     mc_slip_draw_copy    (cairo_t                *cr,
                               double                  width_pt,
                               double                  height_pt,
                               const McDossier        *dossier,
                               const McOfficeSettings *settings,
                               guint                   copy);
/* Draws every copy, each followed by cairo_show_page (), on a multi-page surface. */
void     mc_slip_draw         (cairo_t                *cr,
                               double                  width_pt,
                               double                  height_pt,
                               const McDossier        *dossier,
                               const McOfficeSettings *settings);
/* Writes the slip (all copies, A4) to the PDF file @path. */
gboolean mc_slip_render_pdf   (const McDossier        *dossier,
                               const McOfficeSettings *settings,
                               const char             *path,
                               GError                **error);

G_END_DECLS
