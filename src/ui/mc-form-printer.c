/* mc-form-printer.c — forms 02 to 06 as a McPrintJob.
 *
 * The printer owns the dossier and what the form says, and builds the print layer's McForm
 * over them (a McForm only borrows). The number of pages depends on the paper and on the
 * text, so it is measured on the operation's own cairo context; each page is then drawn by
 * mc_form_draw_page, exactly what the CLI's PDF holds. Every one of these forms is A4
 * portrait, as the circular prints them and as mc_form_render_pdf writes them: the base's
 * default page.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-form-printer.h"

struct _McFormPrinter
{
  McPrintJob           parent_instance;

  McFormKind           kind;
  McDossier           *dossier;          /* owned */
  McOfficeSettings    *office;           /* owned copy: the context's may be replaced meanwhile */
  McSupplementRequest *supplement;       /* owned, the one matching kind; others NULL */
  McRefusal           *refusal;
  McApology           *apology;
  McStopNotice        *stop;
  GPtrArray           *handovers;        /* McHandover*, owned */
  McForm              *form;             /* owned; borrows the fields above */
};

G_DEFINE_FINAL_TYPE (McFormPrinter, mc_form_printer, MC_TYPE_PRINT_JOB)

/* The same copy as McSlipPrinter's: every key read back from valid settings is valid. */
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

  G_OBJECT_CLASS (mc_form_printer_parent_class)->finalize (object);
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

static char *
mc_form_printer_dup_job_name (McPrintJob *job)
{
  McFormPrinter *self = MC_FORM_PRINTER (job);

  /* TRANSLATORS: the print job's name: the form's number ("02") and the dossier's code. */
  return g_strdup_printf (_("Form %s %s"),
                          mc_form_kind_number (self->kind, self->dossier->received_at),
                          self->dossier->code);
}

static char *
mc_form_printer_dup_file_name (McPrintJob *job)
{
  McFormPrinter *self = MC_FORM_PRINTER (job);

  return g_strdup_printf ("%s-%s.pdf", file_stem (self->kind), self->dossier->code);
}

static guint
mc_form_printer_count_pages (McPrintJob *job,
                             cairo_t    *cr,
                             double      width,
                             double      height)
{
  return mc_form_count_pages (MC_FORM_PRINTER (job)->form, cr, width, height);
}

static void
mc_form_printer_draw_page (McPrintJob *job,
                           cairo_t    *cr,
                           double      width,
                           double      height,
                           guint       page)
{
  mc_form_draw_page (MC_FORM_PRINTER (job)->form, cr, width, height, page);
}

static void
mc_form_printer_class_init (McFormPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McPrintJobClass *job_class = MC_PRINT_JOB_CLASS (klass);

  object_class->finalize = mc_form_printer_finalize;

  job_class->dup_job_name = mc_form_printer_dup_job_name;
  job_class->dup_file_name = mc_form_printer_dup_file_name;
  job_class->count_pages = mc_form_printer_count_pages;
  job_class->draw_page = mc_form_printer_draw_page;
  job_class->failure_message = N_("The form could not be printed");
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
  self->office = mc_office_settings_copy (office);
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
