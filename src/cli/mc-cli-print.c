/* mc-cli-print.c — the printing commands of motcua-cli: "slip CODE --pdf FILE" writes the
 * receipt-and-appointment slip (form 01) of a stored dossier, both copies, as PDF.
 *
 * CODE may be what a scanner typed from a slip's QR code, as "show" accepts, so that a
 * lost slip can be reprinted from the applicant's phone photo of the old one.
 */
#include "config.h"

#include "mc-cli.h"
#include "mc-dossier-code.h"
#include "mc-i18n.h"
#include "mc-slip.h"

McCliStatus
mc_cli_slip (McCli *cli)
{
  g_autofree char *pdf = NULL;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
      N_("Write the slip to this PDF file, required"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autofree char *code = NULL;
  const McOfficeSettings *settings;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 1, 1))
    return MC_CLI_USAGE;
  if (pdf == NULL || *pdf == '\0')
    return mc_cli_usage_error (cli, _("The option --pdf FILE is required"));
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  settings = mc_store_get_settings (store);
  if ((code = mc_scanned_input_to_code (cli->args[1], settings->lookup_url_template, &error)) == NULL)
    return mc_cli_fail (error);
  if ((dossier = mc_store_get_dossier (store, code, &error)) == NULL)
    return mc_cli_fail (error);
  if (!mc_slip_render_pdf (dossier, settings, pdf, &error))
    return mc_cli_fail (error);

  mc_cli_print (_("Slip of dossier %s written to “%s”.\n"), dossier->code, pdf);
  return MC_CLI_OK;
}
