/* mc-print-job.h — the base of the desk's print jobs (the receipt slip, forms 02 to 06): one
 * document through GtkPrintOperation, either the print dialog with its preview and "Print to
 * File" as PDF, or, for a chosen file, an export to PDF without a dialog. A subclass only says
 * what it prints: its paper, its pages and how each is drawn, its names. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MC_TYPE_PRINT_JOB (mc_print_job_get_type ())
G_DECLARE_DERIVABLE_TYPE (McPrintJob, mc_print_job, MC, PRINT_JOB, GObject)

struct _McPrintJobClass
{
  GObjectClass parent_class;

  /* The paper and orientation the operation starts from (a new page setup). The default is
   * A4 portrait, the paper of every form. */
  GtkPageSetup *(*create_page_setup) (McPrintJob *self);
  /* The job's name in the printer's queue (newly allocated). */
  char         *(*dup_job_name)      (McPrintJob *self);
  /* The file name, without a folder, that "Print to File" offers (newly allocated). */
  char         *(*dup_file_name)     (McPrintJob *self);
  /* How many pages of @width × @height points the document takes, measured with @cr, on
   * which nothing may be drawn. At least one page is printed. */
  guint         (*count_pages)       (McPrintJob *self,
                                      cairo_t    *cr,
                                      double      width,
                                      double      height);
  /* Draws page @page (from 0) on @cr as a page of @width × @height points, without
   * showing it. */
  void          (*draw_page)         (McPrintJob *self,
                                      cairo_t    *cr,
                                      double      width,
                                      double      height,
                                      guint       page);

  /* The message, marked for translation (N_), of a failure GTK reports without an error. */
  const char   *failure_message;
};

/* Print settings to start the dialog from (the printer chosen last time); may be NULL. */
void               mc_print_job_set_print_settings  (McPrintJob             *self,
                                                     GtkPrintSettings       *settings);
/* The settings set above, replaced by those the clerk confirmed once a print finished with
 * APPLY; may be NULL. */
GtkPrintSettings  *mc_print_job_get_print_settings  (McPrintJob             *self);
/* Writes the document to the PDF file @path instead of showing the dialog (NULL: the dialog). */
void               mc_print_job_set_export_filename (McPrintJob             *self,
                                                     const char             *path);

/* Shows the print dialog for @parent (or exports), and completes when the operation is
 * done: printed or saved, cancelled by the clerk or through @cancellable, or failed. */
void               mc_print_job_run_async           (McPrintJob             *self,
                                                     GtkWindow              *parent,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
/* The operation's result: APPLY (printed or saved), CANCEL, or ERROR with @error set. */
GtkPrintOperationResult
                   mc_print_job_run_finish          (McPrintJob             *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);

G_END_DECLS
