/* mc-register.h — form 07, the dossier register (Sổ theo dõi hồ sơ; form 05 of Circular
 * 01/2018): one row per dossier received in a period, as a landscape A4 PDF whose header
 * row is repeated on every page, with page numbers "Trang x/y" and totals at the end; and
 * the same rows as CSV for a spreadsheet.
 *
 * The rows come from the store's period query (the caller copies them in); the register
 * borrows the dossiers it is given.
 */
#pragma once

#include "mc-deadline.h"
#include "mc-dossier.h"
#include "mc-form-page.h"
#include "mc-office-settings.h"

G_BEGIN_DECLS

typedef struct
{
  const McDossier *dossier;          /* borrowed; its documents are not needed */
  McTime           handed_over_at;   /* first hand-over to the deciding agency, or MC_TIME_NONE */
  McVerdict        verdict;          /* judged when the result was ready, or MC_VERDICT_NONE */
} McRegisterRow;

typedef struct _McRegister McRegister;

/* A register of the dossiers received from day @from to day @to, both included. */
McRegister *mc_register_new          (const McOfficeSettings *settings,
                                      McDay                   from,
                                      McDay                   to);
void        mc_register_free         (McRegister             *reg);
/* Appends a row; rows are printed in the order they are added, numbered from 1. */
void        mc_register_add_row      (McRegister             *reg,
                                      const McRegisterRow    *row);
guint       mc_register_get_n_rows   (const McRegister       *reg);

/* Lays the rows out on pages of @width_pt × @height_pt (landscape A4 for the PDF) measured
 * on @cr, and returns the number of pages. Needed before drawing a page; drawing at
 * another size lays out again. */
guint       mc_register_paginate     (McRegister             *reg,
                                      cairo_t                *cr,
                                      double                  width_pt,
                                      double                  height_pt);
/* The number of pages of the last pagination (0 before any). */
guint       mc_register_get_n_pages  (const McRegister       *reg);
/* Draws page @page_nr (from 0) without showing it: a print operation's draw-page. */
void        mc_register_draw_page    (McRegister             *reg,
                                      cairo_t                *cr,
                                      double                  width_pt,
                                      double                  height_pt,
                                      guint                   page_nr);
/* Writes the register (landscape A4) to the PDF file @path. */
gboolean    mc_register_render_pdf   (McRegister             *reg,
                                      const char             *path,
                                      GError                **error);
/* Writes the rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, a quote or a line break, quotes doubled) in UTF-8 with a byte order
 * mark, so that Excel opens the Vietnamese letters as they are. Times as "YYYY-MM-DD HH:MM".
 * A text field that begins with =, +, - or @ gets a leading apostrophe, so that a
 * spreadsheet shows it rather than running it as a formula. */
gboolean    mc_register_write_csv    (McRegister             *reg,
                                      const char             *path,
                                      GError                **error);
/* The same CSV as text. */
char       *mc_register_to_csv       (McRegister             *reg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McRegister, mc_register_free)

G_END_DECLS
