/* fuzz-portal-catalogue.c — the portal's procedure list (LayDanhSachTTHC answer).
 *
 * Beyond not crashing: whatever the portal parser accepts must be a catalogue the desk can
 * keep. The store saves each procedure as the desk's own JSON (mc_catalogue_to_json) and
 * reads it back with mc_catalogue_parse, so that text must parse, to the same JSON.
 */
#include "config.h"

#include "fuzz-common.h"
#include "mc-portal-catalogue.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(McCatalogue) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  catalogue = mc_portal_catalogue_parse ((const char *) data, size, &error);
  fuzz_check_outcome (catalogue != NULL, error, "mc_portal_catalogue_parse");
  if (catalogue == NULL)
    return 0;

  for (guint i = 0; i < catalogue->procedures->len; i++)
    {
      const McProcedure *procedure = g_ptr_array_index (catalogue->procedures, i);

      if (!mc_procedure_code_is_valid (procedure->code))
        g_error ("the portal parser accepted the code “%s” that mc_procedure_code_is_valid refuses",
                 procedure->code);
      fuzz_check_text (procedure->name, "a procedure's name");
      if (procedure->uncertain != NULL)
        fuzz_check_text (procedure->uncertain, "a procedure's uncertain note");
    }

  json = mc_catalogue_to_json (catalogue);
  stored = mc_catalogue_parse (json, strlen (json), &error);
  if (stored == NULL)
    g_error ("the portal's catalogue cannot be kept: its JSON does not parse: %s\n%s", error->message, json);
  json_again = mc_catalogue_to_json (stored);
  if (!g_str_equal (json, json_again))
    g_error ("the portal's catalogue changes when kept:\n%s\n---\n%s", json, json_again);
  return 0;
}
