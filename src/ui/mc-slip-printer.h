/* mc-slip-printer.h — prints a dossier's receipt slip (form 01) through GtkPrintOperation:
 * the print dialog with its preview and "Print to File" as PDF, or, for a chosen file, an
 * export to PDF without a dialog. Both draw the pages with mc_slip_draw_copy. */
#pragma once

#include <gtk/gtk.h>

#include "mc-dossier.h"
#include "mc-office-settings.h"

G_BEGIN_DECLS

#define MC_TYPE_SLIP_PRINTER (mc_slip_printer_get_type ())
G_DECLARE_FINAL_TYPE (McSlipPrinter, mc_slip_printer, MC, SLIP_PRINTER, GObject)

/* @dossier is taken; @office is copied. @paper_size is the GSettings value "a4" or "a5". */
McSlipPrinter     *mc_slip_printer_new                 (McDossier              *dossier,
                                                        const McOfficeSettings *office,
                                                        const char             *paper_size);
const McDossier   *mc_slip_printer_get_dossier         (McSlipPrinter          *self);
/* Print settings to start the dialog from (the printer chosen last time); may be NULL. */
void               mc_slip_printer_set_print_settings  (McSlipPrinter          *self,
                                                        GtkPrintSettings       *settings);
/* The settings the clerk confirmed, once a print finished with APPLY; else NULL. */
GtkPrintSettings  *mc_slip_printer_get_print_settings  (McSlipPrinter          *self);
/* Writes the slip to the PDF file @path instead of showing the dialog (NULL: the dialog). */
void               mc_slip_printer_set_export_filename (McSlipPrinter          *self,
                                                        const char             *path);

/* Shows the print dialog for @parent (or exports), and completes when the operation is
 * done: printed or saved, cancelled by the clerk, or failed. */
void               mc_slip_printer_run_async           (McSlipPrinter          *self,
                                                        GtkWindow              *parent,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
/* The operation's result: APPLY (printed or saved), CANCEL, or ERROR with @error set. */
GtkPrintOperationResult
                   mc_slip_printer_run_finish          (McSlipPrinter          *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

G_END_DECLS
