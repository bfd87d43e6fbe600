/* mc-slip-printer.c — the receipt slip as a McPrintJob.
 *
 * One page per copy of the slip (MC_SLIP_N_COPIES), each drawn by the print layer's
 * mc_slip_draw_copy at the size of the paper chosen: A4, or A5 for counters with half-sheet
 * printers, portrait either way. The slip keeps its own margins, as the PDF of the CLI does.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-slip.h"

#include "mc-slip-printer.h"

struct _McSlipPrinter
{
  McPrintJob         parent_instance;

  McDossier         *dossier;          /* owned */
  McOfficeSettings  *office;           /* owned copy: the context's may be replaced meanwhile */
  char              *paper_size;       /* "a4" or "a5" */
};

G_DEFINE_FINAL_TYPE (McSlipPrinter, mc_slip_printer, MC_TYPE_PRINT_JOB)

static void
mc_slip_printer_finalize (GObject *object)
{
  McSlipPrinter *self = MC_SLIP_PRINTER (object);

  g_clear_pointer (&self->dossier, mc_dossier_free);
  g_clear_pointer (&self->office, mc_office_settings_free);
  g_clear_pointer (&self->paper_size, g_free);

  G_OBJECT_CLASS (mc_slip_printer_parent_class)->finalize (object);
}

/* The base's A4 portrait, on A5 when the desk prints half sheets. */
static GtkPageSetup *
mc_slip_printer_create_page_setup (McPrintJob *job)
{
  McSlipPrinter *self = MC_SLIP_PRINTER (job);
  GtkPageSetup *setup = MC_PRINT_JOB_CLASS (mc_slip_printer_parent_class)->create_page_setup (job);

  if (g_strcmp0 (self->paper_size, "a5") == 0)
    {
      g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A5);

      gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
    }
  return setup;
}

static char *
mc_slip_printer_dup_job_name (McPrintJob *job)
{
  return g_strdup_printf (_("Receipt slip %s"), MC_SLIP_PRINTER (job)->dossier->code);
}

static char *
mc_slip_printer_dup_file_name (McPrintJob *job)
{
  return g_strdup_printf ("giay-tiep-nhan-%s.pdf", MC_SLIP_PRINTER (job)->dossier->code);
}

static guint
mc_slip_printer_count_pages (McPrintJob *job,
                             cairo_t    *cr,
                             double      width,
                             double      height)
{
  return MC_SLIP_N_COPIES;
}

static void
mc_slip_printer_draw_page (McPrintJob *job,
                           cairo_t    *cr,
                           double      width,
                           double      height,
                           guint       page)
{
  McSlipPrinter *self = MC_SLIP_PRINTER (job);

  if (page < MC_SLIP_N_COPIES)
    mc_slip_draw_copy (cr, width, height, self->dossier, self->office, page);
}

static void
mc_slip_printer_class_init (McSlipPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  McPrintJobClass *job_class = MC_PRINT_JOB_CLASS (klass);

  object_class->finalize = mc_slip_printer_finalize;

  job_class->create_page_setup = mc_slip_printer_create_page_setup;
  job_class->dup_job_name = mc_slip_printer_dup_job_name;
  job_class->dup_file_name = mc_slip_printer_dup_file_name;
  job_class->count_pages = mc_slip_printer_count_pages;
  job_class->draw_page = mc_slip_printer_draw_page;
  job_class->failure_message = N_("The slip could not be printed");
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
  self->office = mc_office_settings_copy (office);
  self->paper_size = g_strdup (paper_size != NULL ? paper_size : "a4");
  return self;
}

const McDossier *
mc_slip_printer_get_dossier (McSlipPrinter *self)
{
  g_return_val_if_fail (MC_IS_SLIP_PRINTER (self), NULL);
  return self->dossier;
}
