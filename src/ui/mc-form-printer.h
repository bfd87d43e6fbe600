/* mc-form-printer.h — prints one of forms 02 to 06 of a dossier through GtkPrintOperation:
 * the print dialog with its preview and "Print to File" as PDF, or, for a chosen file, an
 * export to PDF without a dialog. Every page is drawn by the print layer's mc_form_draw_page,
 * the renderer of the CLI's PDFs. */
#pragma once

#include <gtk/gtk.h>

#include "mc-forms.h"

G_BEGIN_DECLS

#define MC_TYPE_FORM_PRINTER (mc_form_printer_get_type ())
G_DECLARE_FINAL_TYPE (McFormPrinter, mc_form_printer, MC, FORM_PRINTER, GObject)

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
/* Print settings to start the dialog from (the printer chosen last time); may be NULL. */
void               mc_form_printer_set_print_settings  (McFormPrinter          *self,
                                                        GtkPrintSettings       *settings);
/* The settings the clerk confirmed, once a print finished with APPLY; else NULL. */
GtkPrintSettings  *mc_form_printer_get_print_settings  (McFormPrinter          *self);
/* Writes the form to the PDF file @path instead of showing the dialog (NULL: the dialog). */
void               mc_form_printer_set_export_filename (McFormPrinter          *self,
                                                        const char             *path);

/* Shows the print dialog for @parent (or exports), and completes when the operation is
 * done: printed or saved, cancelled by the clerk, or failed. */
void               mc_form_printer_run_async           (McFormPrinter          *self,
                                                        GtkWindow              *parent,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
/* The operation's result: APPLY (printed or saved), CANCEL, or ERROR with @error set. */
GtkPrintOperationResult
                   mc_form_printer_run_finish          (McFormPrinter          *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

G_END_DECLS
