/* mc-slip-printer.h — the print job of a dossier's receipt slip (form 01): run through
 * McPrintJob for the print dialog or an export to PDF, each copy drawn with mc_slip_draw_copy. */
#pragma once

#include "mc-dossier.h"
#include "mc-office-settings.h"
#include "mc-print-job.h"

G_BEGIN_DECLS

#define MC_TYPE_SLIP_PRINTER (mc_slip_printer_get_type ())
G_DECLARE_FINAL_TYPE (McSlipPrinter, mc_slip_printer, MC, SLIP_PRINTER, McPrintJob)

/* @dossier is taken; @office is copied. @paper_size is the GSettings value "a4" or "a5". */
McSlipPrinter     *mc_slip_printer_new                 (McDossier              *dossier,
                                                        const McOfficeSettings *office,
                                                        const char             *paper_size);
const McDossier   *mc_slip_printer_get_dossier         (McSlipPrinter          *self);

G_END_DECLS
