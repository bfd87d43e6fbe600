/* fuzz-scanned-code.c — what a QR reader or a barcode scanner types into the search field,
 * read against the office's lookup URL template; and the template itself, as the settings
 * page checks it.
 *
 * Input: the template on the first line, the scanned text after it. Beyond not crashing: a
 * dossier code that parses formats back to exactly the same text (codes are canonical); a
 * scan that gives a code gives a canonical one, which scans again to itself; and for a
 * template the settings page accepts, the URL the slip prints for a code — with or without
 * the applicant's ID — scans back to that same code and no other.
 */
#include "config.h"

#include "fuzz-common.h"
#include "mc-dossier-code.h"

/* Codes of real shapes: a provincial centre's and a commune's, the first and last days and
 * sequences the code can hold. */
static const char *const sample_codes[] = {
  "000.00.16.H04-251122-0007",
  "G22.H56-000101-0001",
  "H01.151.01-991231-9999",
};

static void
check_canonical_code (const char *code,
                      const char *url_template)
{
  McDossierCode parsed = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *rescanned = NULL;

  if (!mc_dossier_code_parse (code, &parsed, &error))
    g_error ("the scan gave “%s”, which is not a dossier code: %s", code, error->message);
  formatted = mc_dossier_code_format (parsed.agency_code, parsed.day, parsed.sequence);
  mc_dossier_code_clear (&parsed);
  g_assert_cmpstr (formatted, ==, code);

  rescanned = mc_scanned_input_to_code (code, url_template, &error);
  if (g_strcmp0 (rescanned, code) != 0)
    g_error ("the code “%s” scanned again gives “%s”", code, rescanned ? rescanned : error->message);
}

static void
check_url_scans_back (const char *url_template,
                      const char *code,
                      const char *id_number)
{
  g_autofree char *url = mc_lookup_url_build (url_template, code, id_number);
  g_autoptr(GError) error = NULL;
  g_autofree char *scanned = mc_scanned_input_to_code (url, url_template, &error);

  if (g_strcmp0 (scanned, code) != 0)
    g_error ("template “%s”: the slip's URL “%s” for %s scans as %s", url_template, url, code,
             scanned ? scanned : error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autofree char *url_template = NULL;
  g_autofree char *scanned = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  McDossierCode parsed = { 0 };
  gboolean template_ok;

  fuzz_split_line (text, &url_template, &scanned);

  template_ok = mc_lookup_template_validate (url_template, &error);
  fuzz_check_outcome (template_ok, error, "mc_lookup_template_validate");
  g_clear_error (&error);

  if (mc_dossier_code_parse (scanned, &parsed, &error))
    {
      g_autofree char *formatted = mc_dossier_code_format (parsed.agency_code, parsed.day, parsed.sequence);

      if (!g_str_equal (formatted, scanned))
        g_error ("the code “%s” parses, but formats as “%s”", scanned, formatted);
    }
  else
    fuzz_check_outcome (FALSE, error, "mc_dossier_code_parse");
  mc_dossier_code_clear (&parsed);
  g_clear_error (&error);

  code = mc_scanned_input_to_code (scanned, url_template, &error);
  fuzz_check_outcome (code != NULL, error, "mc_scanned_input_to_code");
  if (code != NULL)
    check_canonical_code (code, url_template);

  if (template_ok)
    {
      for (guint i = 0; i < G_N_ELEMENTS (sample_codes); i++)
        {
          check_url_scans_back (url_template, sample_codes[i], NULL);
          check_url_scans_back (url_template, sample_codes[i], "001090001234");
        }
      if (code != NULL)
        check_url_scans_back (url_template, code, "079201012345");
    }
  return 0;
}
