/* mc-form-printer.c — forms 02 to 06 through GtkPrintOperation.
 *
 * The printer owns the dossier and what the form says, and builds the print layer's McForm
 * over them (a McForm only borrows). The number of pages depends on the paper and on the
 * text, so it is measured in begin-print on the operation's own cairo context; each page is
 * then drawn by mc_form_draw_page, so the preview, a printer, "Print to File" and the export
 * used by tests draw exactly what the CLI's PDF holds. Forms are A4 portrait, as the
 * circular prints them, with their own margins: the operation uses the full page.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-form-printer.h"

struct _McFormPrinter
{
  GObject              parent_instance;

  McFormKind           kind;
  McDossier           *dossier;          /* owned */
  McOfficeSettings    *office;           /* owned copy: the context's may be replaced meanwhile */
  McSupplementRequest *supplement;       /* owned, the one matching kind; others NULL */
  McRefusal           *refusal;
  McApology           *apology;
  McStopNotice        *stop;
  GPtrArray           *handovers;        /* McHandover*, owned */
  McForm              *form;             /* owned; borrows the fields above */
  GtkPrintSettings    *print_settings;   /* owned; to start from, then what the clerk confirmed */
  char                *export_filename;  /* NULL: the dialog */
  GtkPrintOperation   *operation;        /* owned while running */
  GTask               *task;             /* owned while running */
  gulong               cancelled_id;
};

G_DEFINE_FINAL_TYPE (McFormPrinter, mc_form_printer, G_TYPE_OBJECT)

/* The same copy as McSlipPrinter's: every key read back from valid settings is valid. */
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

      mc_office_settings_set (copy, keys[i].key, value, NULL);
    }
  return copy;
}

static void
mc_form_printer_dispose (GObject *object)
{
  McFormPrinter *self = MC_FORM_PRINTER (object);

  g_clear_object (&self->operation);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (mc_form_printer_parent_class)->dispose (object);
}

static void
mc_form_printer_finalize (GObject *object)
{
  McFormPrinter *self = MC_FORM_PRINTER (object);

  /* The form first: it borrows everything below. */
  g_clear_pointer (&self->form, mc_form_free);
  g_clear_pointer (&self->dossier, mc_dossier_free);
  g_clear_pointer (&self->office, mc_office_settings_free);
  g_clear_pointer (&self->supplement, mc_supplement_request_free);
  g_clear_pointer (&self->refusal, mc_refusal_free);
  g_clear_pointer (&self->apology, mc_apology_free);
  g_clear_pointer (&self->stop, mc_stop_notice_free);
  g_clear_pointer (&self->handovers, g_ptr_array_unref);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->export_filename, g_free);

  G_OBJECT_CLASS (mc_form_printer_parent_class)->finalize (object);
}

static void
mc_form_printer_class_init (McFormPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_form_printer_dispose;
  object_class->finalize = mc_form_printer_finalize;
}

static void
mc_form_printer_init (McFormPrinter *self)
{
}

static McFormPrinter *
printer_new (McFormKind              kind,
             McDossier              *dossier,
             const McOfficeSettings *office)
{
  McFormPrinter *self = g_object_new (MC_TYPE_FORM_PRINTER, NULL);

  self->kind = kind;
  self->dossier = dossier;
  self->office = copy_office (office);
  return self;
}

McFormPrinter *
mc_form_printer_new_supplement (McDossier              *dossier,
                                const McOfficeSettings *office,
                                McSupplementRequest    *request)
{
  McFormPrinter *self;

  g_return_val_if_fail (dossier != NULL && office != NULL && request != NULL, NULL);
  self = printer_new (MC_FORM_SUPPLEMENT, dossier, office);
  self->supplement = request;
  self->form = mc_form_new_supplement (self->dossier, self->office, self->supplement);
  return self;
}

McFormPrinter *
mc_form_printer_new_refusal (McDossier              *dossier,
                             const McOfficeSettings *office,
                             McRefusal              *refusal)
{
  McFormPrinter *self;

  g_return_val_if_fail (dossier != NULL && office != NULL && refusal != NULL, NULL);
  self = printer_new (MC_FORM_REFUSAL, dossier, office);
  self->refusal = refusal;
  self->form = mc_form_new_refusal (self->dossier, self->office, self->refusal);
  return self;
}

McFormPrinter *
mc_form_printer_new_apology (McDossier              *dossier,
                             const McOfficeSettings *office,
                             McApology              *apology)
{
  McFormPrinter *self;

  g_return_val_if_fail (dossier != NULL && office != NULL && apology != NULL, NULL);
  self = printer_new (MC_FORM_APOLOGY, dossier, office);
  self->apology = apology;
  self->form = mc_form_new_apology (self->dossier, self->office, self->apology);
  return self;
}

McFormPrinter *
mc_form_printer_new_stop (McDossier              *dossier,
                          const McOfficeSettings *office,
                          McStopNotice           *notice)
{
  McFormPrinter *self;

  g_return_val_if_fail (dossier != NULL && office != NULL && notice != NULL, NULL);
  self = printer_new (MC_FORM_STOP, dossier, office);
  self->stop = notice;
  self->form = mc_form_new_stop (self->dossier, self->office, self->stop);
  return self;
}

McFormPrinter *
mc_form_printer_new_control (McDossier              *dossier,
                             const McOfficeSettings *office,
                             GPtrArray              *handovers)
{
  McFormPrinter *self;

  g_return_val_if_fail (dossier != NULL && office != NULL && handovers != NULL, NULL);
  self = printer_new (MC_FORM_CONTROL, dossier, office);
  self->handovers = handovers;
  self->form = mc_form_new_control (self->dossier, self->office, self->handovers);
  return self;
}

McFormKind
mc_form_printer_get_kind (McFormPrinter *self)
{
  g_return_val_if_fail (MC_IS_FORM_PRINTER (self), MC_FORM_CONTROL);
  return self->kind;
}

const McDossier *
mc_form_printer_get_dossier (McFormPrinter *self)
{
  g_return_val_if_fail (MC_IS_FORM_PRINTER (self), NULL);
  return self->dossier;
}

void
mc_form_printer_set_print_settings (McFormPrinter    *self,
                                    GtkPrintSettings *settings)
{
  g_return_if_fail (MC_IS_FORM_PRINTER (self));

  g_clear_object (&self->print_settings);
  if (settings != NULL)
    self->print_settings = gtk_print_settings_copy (settings);
}

GtkPrintSettings *
mc_form_printer_get_print_settings (McFormPrinter *self)
{
  g_return_val_if_fail (MC_IS_FORM_PRINTER (self), NULL);
  return self->print_settings;
}

void
mc_form_printer_set_export_filename (McFormPrinter *self,
                                     const char    *path)
{
  g_return_if_fail (MC_IS_FORM_PRINTER (self));

  g_free (self->export_filename);
  self->export_filename = g_strdup (path);
}

/* The file name "Print to File" offers: the form's name without diacritics and the code. */
static const char *
file_stem (McFormKind kind)
{
  switch (kind)
    {
    case MC_FORM_SUPPLEMENT:
      return "phieu-yeu-cau-bo-sung";
    case MC_FORM_REFUSAL:
      return "phieu-tu-choi";
    case MC_FORM_APOLOGY:
      return "van-ban-xin-loi";
    case MC_FORM_STOP:
      return "thong-bao-dung-giai-quyet";
    case MC_FORM_CONTROL:
    default:
      return "phieu-kiem-soat";
    }
}

static GtkPageSetup *
make_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

/* "Print to File" offers a name of this form and dossier in the folder used last time, so one
 * form's file never silently replaces another's. */
static GtkPrintSettings *
make_print_settings (McFormPrinter *self)
{
  GtkPrintSettings *settings = self->print_settings != NULL
                               ? gtk_print_settings_copy (self->print_settings)
                               : gtk_print_settings_new ();
  const char *previous = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  g_autofree char *dir = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", file_stem (self->kind), self->dossier->code);
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
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                McFormPrinter     *self)
{
  guint n_pages = mc_form_count_pages (self->form, gtk_print_context_get_cairo_context (context),
                                       gtk_print_context_get_width (context),
                                       gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) MAX (n_pages, 1));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              McFormPrinter     *self)
{
  if (page_nr < 0)
    return;
  mc_form_draw_page (self->form, gtk_print_context_get_cairo_context (context),
                     gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                     (guint) page_nr);
}

static void
complete (McFormPrinter           *self,
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
                                 _("The form could not be printed"));
    }
  else
    g_task_return_int (task, result);
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         McFormPrinter           *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  complete (self, result, error);
}

static void
on_cancelled (GCancellable  *cancellable,
              McFormPrinter *self)
{
  if (self->operation != NULL)
    gtk_print_operation_cancel (self->operation);
}

void
mc_form_printer_run_async (McFormPrinter       *self,
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

  g_return_if_fail (MC_IS_FORM_PRINTER (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);

  setup = make_page_setup ();
  settings = make_print_settings (self);
  /* TRANSLATORS: the print job's name: the form's number ("02") and the dossier's code. */
  job_name = g_strdup_printf (_("Form %s %s"), mc_form_kind_number (self->kind, self->dossier->received_at),
                              self->dossier->code);

  self->operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (self->operation, job_name);
  gtk_print_operation_set_unit (self->operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (self->operation, TRUE);
  gtk_print_operation_set_default_page_setup (self->operation, setup);
  gtk_print_operation_set_print_settings (self->operation, settings);
  gtk_print_operation_set_embed_page_setup (self->operation, TRUE);
  gtk_print_operation_set_allow_async (self->operation, TRUE);
  g_signal_connect_object (self->operation, "begin-print", G_CALLBACK (on_begin_print), self, 0);
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
mc_form_printer_run_finish (McFormPrinter  *self,
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
