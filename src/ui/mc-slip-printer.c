/* mc-slip-printer.c — the receipt slip through GtkPrintOperation.
 *
 * One page per copy of the slip (MC_SLIP_N_COPIES), each drawn by the print layer's
 * mc_slip_draw_copy on the page the operation hands over, at the size of the paper chosen
 * (A4, or A5 for counters with half-sheet printers): the dialog's preview, a printer, "Print
 * to File" and the export used by tests all go through the very same drawing. The operation
 * uses the full page because the slip keeps its own margins, as the PDF of the CLI does.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-slip.h"

#include "mc-slip-printer.h"

struct _McSlipPrinter
{
  GObject            parent_instance;

  McDossier         *dossier;          /* owned */
  McOfficeSettings  *office;           /* owned copy: the context's may be replaced meanwhile */
  char              *paper_size;       /* "a4" or "a5" */
  GtkPrintSettings  *print_settings;   /* owned; to start from, then what the clerk confirmed */
  char              *export_filename;  /* NULL: the dialog */
  GtkPrintOperation *operation;        /* owned while running */
  GTask             *task;             /* owned while running */
  gulong             cancelled_id;
};

G_DEFINE_FINAL_TYPE (McSlipPrinter, mc_slip_printer, G_TYPE_OBJECT)

static McOfficeSettings *
copy_office (const McOfficeSettings *office)
{
  McOfficeSettings *copy = mc_office_settings_new_default ();
  const McOfficeSettingInfo *keys;
  gsize n_keys;

  keys = mc_office_settings_keys (&n_keys);
  for (gsize i = 0; i < n_keys; i++)
    {
      g_autofree char *value = mc_office_settings_get (office, keys[i].key);

      /* Values read back from valid settings are valid. */
      mc_office_settings_set (copy, keys[i].key, value, NULL);
    }
  return copy;
}

static void
mc_slip_printer_dispose (GObject *object)
{
  McSlipPrinter *self = MC_SLIP_PRINTER (object);

  g_clear_object (&self->operation);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (mc_slip_printer_parent_class)->dispose (object);
}

static void
mc_slip_printer_finalize (GObject *object)
{
  McSlipPrinter *self = MC_SLIP_PRINTER (object);

  g_clear_pointer (&self->dossier, mc_dossier_free);
  g_clear_pointer (&self->office, mc_office_settings_free);
  g_clear_pointer (&self->paper_size, g_free);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->export_filename, g_free);

  G_OBJECT_CLASS (mc_slip_printer_parent_class)->finalize (object);
}

static void
mc_slip_printer_class_init (McSlipPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_slip_printer_dispose;
  object_class->finalize = mc_slip_printer_finalize;
}

static void
mc_slip_printer_init (McSlipPrinter *self)
{
}

McSlipPrinter *
mc_slip_printer_new (McDossier              *dossier,
                     const McOfficeSettings *office,
                     const char             *paper_size)
{
  McSlipPrinter *self;

  g_return_val_if_fail (dossier != NULL, NULL);
  g_return_val_if_fail (office != NULL, NULL);

  self = g_object_new (MC_TYPE_SLIP_PRINTER, NULL);
  self->dossier = dossier;
  self->office = copy_office (office);
  self->paper_size = g_strdup (paper_size != NULL ? paper_size : "a4");
  return self;
}

const McDossier *
mc_slip_printer_get_dossier (McSlipPrinter *self)
{
  g_return_val_if_fail (MC_IS_SLIP_PRINTER (self), NULL);
  return self->dossier;
}

void
mc_slip_printer_set_print_settings (McSlipPrinter    *self,
                                    GtkPrintSettings *settings)
{
  g_return_if_fail (MC_IS_SLIP_PRINTER (self));

  g_clear_object (&self->print_settings);
  if (settings != NULL)
    self->print_settings = gtk_print_settings_copy (settings);
}

GtkPrintSettings *
mc_slip_printer_get_print_settings (McSlipPrinter *self)
{
  g_return_val_if_fail (MC_IS_SLIP_PRINTER (self), NULL);
  return self->print_settings;
}

void
mc_slip_printer_set_export_filename (McSlipPrinter *self,
                                     const char    *path)
{
  g_return_if_fail (MC_IS_SLIP_PRINTER (self));

  g_free (self->export_filename);
  self->export_filename = g_strdup (path);
}

static GtkPageSetup *
make_page_setup (const char *paper_size)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (g_strcmp0 (paper_size, "a5") == 0
                                                      ? GTK_PAPER_NAME_A5 : GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

/* "Print to File" offers a name of this dossier in the folder used last time, so one slip's
 * file never silently replaces another's. */
static GtkPrintSettings *
make_print_settings (McSlipPrinter *self)
{
  GtkPrintSettings *settings = self->print_settings != NULL
                               ? gtk_print_settings_copy (self->print_settings)
                               : gtk_print_settings_new ();
  const char *previous = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  g_autofree char *dir = NULL;
  g_autofree char *name = g_strdup_printf ("giay-tiep-nhan-%s.pdf", self->dossier->code);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (previous != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (previous);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        dir = g_file_get_path (parent);
    }
  if (dir == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      dir = g_strdup (documents != NULL ? documents : g_get_home_dir ());
    }
  path = g_build_filename (dir, name, NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  return settings;
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              McSlipPrinter     *self)
{
  if (page_nr < 0 || page_nr >= MC_SLIP_N_COPIES)
    return;
  mc_slip_draw_copy (gtk_print_context_get_cairo_context (context),
                     gtk_print_context_get_width (context),
                     gtk_print_context_get_height (context),
                     self->dossier, self->office, (guint) page_nr);
}

static void
complete (McSlipPrinter           *self,
          GtkPrintOperationResult  result,
          GError                  *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GtkPrintOperation) operation = g_steal_pointer (&self->operation);

  if (task == NULL)
    return;   /* already completed */
  g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_new_error (task, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                 _("The slip could not be printed"));
    }
  else
    g_task_return_int (task, result);
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         McSlipPrinter           *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  complete (self, result, error);
}

static void
on_cancelled (GCancellable  *cancellable,
              McSlipPrinter *self)
{
  if (self->operation != NULL)
    gtk_print_operation_cancel (self->operation);
}

void
mc_slip_printer_run_async (McSlipPrinter       *self,
                           GtkWindow           *parent,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperationAction action;
  GtkPrintOperationResult result;

  g_return_if_fail (MC_IS_SLIP_PRINTER (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);

  setup = make_page_setup (self->paper_size);
  settings = make_print_settings (self);
  job_name = g_strdup_printf (_("Receipt slip %s"), self->dossier->code);

  self->operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (self->operation, job_name);
  gtk_print_operation_set_n_pages (self->operation, MC_SLIP_N_COPIES);
  gtk_print_operation_set_unit (self->operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (self->operation, TRUE);
  gtk_print_operation_set_default_page_setup (self->operation, setup);
  gtk_print_operation_set_print_settings (self->operation, settings);
  gtk_print_operation_set_embed_page_setup (self->operation, TRUE);
  gtk_print_operation_set_allow_async (self->operation, TRUE);
  g_signal_connect_object (self->operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  g_signal_connect_object (self->operation, "done", G_CALLBACK (on_done), self, 0);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);

  if (self->export_filename != NULL)
    {
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
      gtk_print_operation_set_export_filename (self->operation, self->export_filename);
    }
  else
    action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  /* "done" may come from inside run and complete the task, which drops the printer's
   * references: keep both alive until run returns. */
  g_object_ref (self);
  operation = g_object_ref (self->operation);
  result = gtk_print_operation_run (operation, action, parent, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    complete (self, result, error);
  g_object_unref (self);
}

GtkPrintOperationResult
mc_slip_printer_run_finish (McSlipPrinter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), GTK_PRINT_OPERATION_RESULT_ERROR);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  return (GtkPrintOperationResult) value;
}
