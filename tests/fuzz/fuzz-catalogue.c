/* fuzz-catalogue.c — the procedure catalogue's JSON (a file given to `catalogue import`).
 *
 * Beyond not crashing: a catalogue that parses writes itself out with mc_catalogue_to_json
 * and that text parses again to the same JSON (what the store keeps is what it read); every
 * procedure is found by its code; its time limit reads back from its own text form; and its
 * checklist is complete when every document is ticked and incomplete when none is and the
 * procedure requires something.
 */
#include "config.h"

#include "fuzz-common.h"
#include "mc-catalogue.h"

static void
check_procedure (const McCatalogue *catalogue,
                 const McProcedure *procedure)
{
  g_autofree gboolean *ticked = g_new0 (gboolean, procedure->documents->len + 1);
  g_autofree char *limit_text = NULL;
  g_autofree char *limit_described = NULL;
  g_autoptr(GError) error = NULL;
  gboolean requires_something = FALSE;
  McTimeLimit limit;

  if (!mc_procedure_code_is_valid (procedure->code))
    g_error ("the catalogue accepted the code “%s” that mc_procedure_code_is_valid refuses", procedure->code);
  if (mc_catalogue_lookup (catalogue, procedure->code) != procedure)
    g_error ("procedure %s is not found by its own code", procedure->code);
  fuzz_check_text (procedure->name, "a procedure's name");

  limit_text = mc_time_limit_to_string (procedure->time_limit);
  if (!mc_time_limit_parse (limit_text, &limit, &error))
    g_error ("the time limit “%s” of %s does not read back: %s", limit_text, procedure->code, error->message);
  g_assert_cmpint (limit.kind, ==, procedure->time_limit.kind);
  if (limit.kind != MC_TIME_LIMIT_NONE && limit.kind != MC_TIME_LIMIT_SAME_DAY)
    g_assert_cmpint (limit.amount, ==, procedure->time_limit.amount);
  limit_described = mc_time_limit_describe (procedure->time_limit);
  fuzz_check_text (limit_described, "a time limit's description");

  for (guint i = 0; i < procedure->documents->len; i++)
    {
      const McRequiredDocument *document = g_ptr_array_index (procedure->documents, i);

      fuzz_check_text (document->name, "a document's name");
      fuzz_check_text (mc_document_form_describe (document->form), "a document form's description");
      requires_something |= document->mandatory || document->one_of != NULL;
      ticked[i] = TRUE;
    }
  if (!mc_procedure_check_documents (procedure, ticked, procedure->documents->len, &error))
    g_error ("%s: every document ticked, yet the checklist is refused: %s", procedure->code, error->message);

  memset (ticked, 0, sizeof (gboolean) * procedure->documents->len);
  if (mc_procedure_check_documents (procedure, ticked, procedure->documents->len, &error) == requires_something)
    g_error ("%s: no document ticked, and the checklist is %s", procedure->code,
             requires_something ? "accepted although something is required" : "refused although nothing is");
  fuzz_check_outcome (!requires_something, error, "the empty checklist");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(McCatalogue) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  /* The length is given, so the parser must not read past it: the buffer is not terminated. */
  catalogue = mc_catalogue_parse ((const char *) data, size, &error);
  fuzz_check_outcome (catalogue != NULL, error, "mc_catalogue_parse");
  if (catalogue == NULL)
    return 0;

  for (guint i = 0; i < catalogue->procedures->len; i++)
    {
      const McProcedure *procedure = g_ptr_array_index (catalogue->procedures, i);
      g_autoptr(McProcedure) copy = mc_procedure_copy (procedure);

      check_procedure (catalogue, procedure);
      g_assert_cmpstr (copy->code, ==, procedure->code);
    }

  json = mc_catalogue_to_json (catalogue);
  again = mc_catalogue_parse (json, strlen (json), &error);
  if (again == NULL)
    g_error ("the catalogue's own JSON does not parse again: %s\n%s", error->message, json);
  g_assert_cmpuint (again->procedures->len, ==, catalogue->procedures->len);
  json_again = mc_catalogue_to_json (again);
  if (!g_str_equal (json, json_again))
    g_error ("the catalogue changes on a round trip:\n%s\n---\n%s", json, json_again);
  return 0;
}
