/* mc-dossier-page.h — one dossier: its record, documents, appointment, clock stops and history,
 * and the moves its status allows (actions "dossier.move" with the target status as an int,
 * and "dossier.print-slip"); forms 02–06 ("dossier.print-form" with "02" … "06"), the late
 * dossier's apology ("dossier.apologise"), scanned documents ("dossier.attach" with a document's
 * code or "result") and hand-overs between departments ("dossier.record-step"). The signal
 * ::form-finished (code, number, printed) tells when a form left the print operation. */
#pragma once

#include <gtk/gtk.h>

#include "mc-context.h"

G_BEGIN_DECLS

#define MC_TYPE_DOSSIER_PAGE (mc_dossier_page_get_type ())
G_DECLARE_FINAL_TYPE (McDossierPage, mc_dossier_page, MC, DOSSIER_PAGE, GtkWidget)

void        mc_dossier_page_set_context (McDossierPage *self,
                                         McContext     *context);
/* Shows the dossier @code (or a scanned lookup URL), loaded off the main thread; an unknown
 * code shows a message. The page follows the context's ::dossier-changed for this dossier. */
void        mc_dossier_page_load        (McDossierPage *self,
                                         const char    *code);
/* The code and status of the dossier shown once loaded; NULL and 0 before. */
const char *mc_dossier_page_get_code    (McDossierPage *self);
int         mc_dossier_page_get_status  (McDossierPage *self);
/* When @path is set, forms are written to that PDF file through the same GtkPrintOperation
 * (its export action) instead of showing the print dialog. NULL: the print dialog again. */
void        mc_dossier_page_set_print_target_pdf (McDossierPage *self,
                                         const char    *path);
/* Attaches @file (a local file) to @target of the dossier shown: a received document's code,
 * or MC_ATTACHMENT_RESULT. What "dossier.attach" does once the clerk chose the file; the page
 * says what became of it and reloads. */
void        mc_dossier_page_attach_file (McDossierPage *self,
                                         GFile         *file,
                                         const char    *target);

G_END_DECLS
