/* mc-form-printer.h — the print job of one of forms 02 to 06 of a dossier: run through
 * McPrintJob for the print dialog or an export to PDF, every page drawn by the print layer's
 * mc_form_draw_page, the renderer of the CLI's PDFs. */
#pragma once

#include "mc-forms.h"
#include "mc-print-job.h"

G_BEGIN_DECLS

#define MC_TYPE_FORM_PRINTER (mc_form_printer_get_type ())
G_DECLARE_FINAL_TYPE (McFormPrinter, mc_form_printer, MC, FORM_PRINTER, McPrintJob)

/* Each takes @dossier and what the form says (the request, refusal, apology, notice, or the
 * McHandover* array), and copies @office. */
McFormPrinter     *mc_form_printer_new_supplement      (McDossier              *dossier,
                                                        const McOfficeSettings *office,
                                                        McSupplementRequest    *request);
McFormPrinter     *mc_form_printer_new_refusal         (McDossier              *dossier,
                                                        const McOfficeSettings *office,
                                                        McRefusal              *refusal);
McFormPrinter     *mc_form_printer_new_apology         (McDossier              *dossier,
                                                        const McOfficeSettings *office,
                                                        McApology              *apology);
McFormPrinter     *mc_form_printer_new_stop            (McDossier              *dossier,
                                                        const McOfficeSettings *office,
                                                        McStopNotice           *notice);
McFormPrinter     *mc_form_printer_new_control         (McDossier              *dossier,
                                                        const McOfficeSettings *office,
                                                        GPtrArray              *handovers);

McFormKind         mc_form_printer_get_kind            (McFormPrinter          *self);
const McDossier   *mc_form_printer_get_dossier         (McFormPrinter          *self);

G_END_DECLS
