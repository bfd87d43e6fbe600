/* mc-print-job.c — the GtkPrintOperation plumbing every print job of the desk shares.
 *
 * A run builds one operation from what the subclass says (paper, names) and the settings of
 * the last print, runs it with the dialog or as an export to a PDF file, and completes a GTask
 * when the operation is done. The operation works in points on the full page, because each
 * document keeps its own margins as the CLI's PDFs do. The number of pages is counted in
 * begin-print on the operation's own cairo context, as it may depend on the paper and the
 * text; every page is then drawn by the subclass, so the dialog's preview, a printer, "Print
 * to File" and the export used by tests all go through the very same drawing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-print-job.h"

typedef struct
{
  GtkPrintSettings  *print_settings;   /* owned; to start from, then what the clerk confirmed */
  char              *export_filename;  /* NULL: the dialog */
  GtkPrintOperation *operation;        /* owned while running */
  GTask             *task;             /* owned while running */
  gulong             cancelled_id;
} McPrintJobPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (McPrintJob, mc_print_job, G_TYPE_OBJECT)

static void
mc_print_job_dispose (GObject *object)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (MC_PRINT_JOB (object));

  g_clear_object (&priv->operation);
  g_clear_object (&priv->task);

  G_OBJECT_CLASS (mc_print_job_parent_class)->dispose (object);
}

static void
mc_print_job_finalize (GObject *object)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (MC_PRINT_JOB (object));

  g_clear_object (&priv->print_settings);
  g_clear_pointer (&priv->export_filename, g_free);

  G_OBJECT_CLASS (mc_print_job_parent_class)->finalize (object);
}

/* A4 portrait: the paper of the forms, and of the slip unless the desk prints on A5. */
static GtkPageSetup *
mc_print_job_real_create_page_setup (McPrintJob *self)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static void
mc_print_job_class_init (McPrintJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_print_job_dispose;
  object_class->finalize = mc_print_job_finalize;

  klass->create_page_setup = mc_print_job_real_create_page_setup;
}

static void
mc_print_job_init (McPrintJob *self)
{
}

void
mc_print_job_set_print_settings (McPrintJob       *self,
                                 GtkPrintSettings *settings)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (self);

  g_return_if_fail (MC_IS_PRINT_JOB (self));

  g_clear_object (&priv->print_settings);
  if (settings != NULL)
    priv->print_settings = gtk_print_settings_copy (settings);
}

GtkPrintSettings *
mc_print_job_get_print_settings (McPrintJob *self)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (self);

  g_return_val_if_fail (MC_IS_PRINT_JOB (self), NULL);
  return priv->print_settings;
}

void
mc_print_job_set_export_filename (McPrintJob *self,
                                  const char *path)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (self);

  g_return_if_fail (MC_IS_PRINT_JOB (self));

  g_free (priv->export_filename);
  priv->export_filename = g_strdup (path);
}

/* "Print to File" offers the job's own file name in the folder used last time, so one
 * document's file never silently replaces another's. */
static GtkPrintSettings *
make_print_settings (McPrintJob *self)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (self);
  GtkPrintSettings *settings = priv->print_settings != NULL
                               ? gtk_print_settings_copy (priv->print_settings)
                               : gtk_print_settings_new ();
  const char *previous = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  g_autofree char *dir = NULL;
  g_autofree char *name = MC_PRINT_JOB_GET_CLASS (self)->dup_file_name (self);
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
                McPrintJob        *self)
{
  McPrintJobClass *klass = MC_PRINT_JOB_GET_CLASS (self);
  guint n_pages = klass->count_pages (self, gtk_print_context_get_cairo_context (context),
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) MAX (n_pages, 1));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              McPrintJob        *self)
{
  McPrintJobClass *klass = MC_PRINT_JOB_GET_CLASS (self);

  if (page_nr < 0)
    return;
  klass->draw_page (self, gtk_print_context_get_cairo_context (context),
                    gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                    (guint) page_nr);
}

static void
complete (McPrintJob              *self,
          GtkPrintOperationResult  result,
          GError                  *error)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (self);
  g_autoptr(GTask) task = g_steal_pointer (&priv->task);
  g_autoptr(GtkPrintOperation) operation = g_steal_pointer (&priv->operation);

  if (task == NULL)
    return;   /* already completed */
  g_cancellable_disconnect (g_task_get_cancellable (task), priv->cancelled_id);
  priv->cancelled_id = 0;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&priv->print_settings, gtk_print_operation_get_print_settings (operation));
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_new_error (task, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, "%s",
                                 _(MC_PRINT_JOB_GET_CLASS (self)->failure_message));
    }
  else
    g_task_return_int (task, result);
}

static void
on_done (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         McPrintJob              *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  complete (self, result, error);
}

static void
on_cancelled (GCancellable *cancellable,
              McPrintJob   *self)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (self);

  if (priv->operation != NULL)
    gtk_print_operation_cancel (priv->operation);
}

void
mc_print_job_run_async (McPrintJob          *self,
                        GtkWindow           *parent,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  McPrintJobPrivate *priv = mc_print_job_get_instance_private (self);
  McPrintJobClass *klass;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  GtkPrintOperationAction action;
  GtkPrintOperationResult result;

  g_return_if_fail (MC_IS_PRINT_JOB (self));
  g_return_if_fail (priv->task == NULL);

  klass = MC_PRINT_JOB_GET_CLASS (self);
  priv->task = g_task_new (self, cancellable, callback, user_data);

  setup = klass->create_page_setup (self);
  settings = make_print_settings (self);
  job_name = klass->dup_job_name (self);

  priv->operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (priv->operation, job_name);
  gtk_print_operation_set_unit (priv->operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (priv->operation, TRUE);
  gtk_print_operation_set_default_page_setup (priv->operation, setup);
  gtk_print_operation_set_print_settings (priv->operation, settings);
  gtk_print_operation_set_embed_page_setup (priv->operation, TRUE);
  gtk_print_operation_set_allow_async (priv->operation, TRUE);
  g_signal_connect_object (priv->operation, "begin-print", G_CALLBACK (on_begin_print), self, 0);
  g_signal_connect_object (priv->operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  g_signal_connect_object (priv->operation, "done", G_CALLBACK (on_done), self, 0);
  if (cancellable != NULL)
    priv->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);

  if (priv->export_filename != NULL)
    {
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
      gtk_print_operation_set_export_filename (priv->operation, priv->export_filename);
    }
  else
    action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  /* "done" may come from inside run and complete the task, which drops the job's
   * references: keep both alive until run returns. */
  g_object_ref (self);
  operation = g_object_ref (priv->operation);
  result = gtk_print_operation_run (operation, action, parent, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    complete (self, result, error);
  g_object_unref (self);
}

GtkPrintOperationResult
mc_print_job_run_finish (McPrintJob    *self,
                         GAsyncResult  *result,
                         GError       **error)
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
