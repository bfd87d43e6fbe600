/* mc-cli-catalogue.c — `motcua-cli catalogue …`: list and show the procedures the desk
 * receives, and import a new catalogue from the desk's own JSON format or from a portal
 * LayDanhSachTTHC answer.
 *
 * An import is all or nothing: the parsers refuse a malformed file whole, and only a
 * catalogue that parsed completely reaches the store, so the catalogue in use never ends
 * up half replaced.
 */
#include "config.h"

#include <string.h>

#include "mc-cli.h"
#include "mc-i18n.h"
#include "mc-portal-catalogue.h"

static const char *
describe_level (McProcedureLevel level)
{
  return level == MC_LEVEL_PROVINCE ? _("province level") : _("commune level");
}

static const char *
describe_pause_rule (McPauseRule rule)
{
  return rule == MC_PAUSE_RESTARTS
         ? _("after a supplement or payment the full time restarts")
         : _("after a supplement or payment the remaining time resumes");
}

/* 15000 → "15.000 đồng", the way amounts are written in Vietnamese documents. */
static char *
format_amount (gint64 amount)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  g_autoptr(GString) out = g_string_new (NULL);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, " đồng");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static cJSON *
procedure_summary_to_json (const McProcedure *procedure)
{
  cJSON *item = cJSON_CreateObject ();
  g_autofree char *limit = mc_time_limit_to_string (procedure->time_limit);
  g_autofree char *described = mc_time_limit_describe (procedure->time_limit);

  mc_cli_json_add_string (item, "code", procedure->code);
  mc_cli_json_add_string (item, "name", procedure->name);
  mc_cli_json_add_string (item, "field_code", procedure->field_code);
  mc_cli_json_add_string (item, "field_name", procedure->field_name);
  cJSON_AddStringToObject (item, "level", mc_procedure_level_to_string (procedure->level));
  mc_cli_json_add_string (item, "agency", procedure->agency);
  cJSON_AddStringToObject (item, "time_limit", limit);
  cJSON_AddStringToObject (item, "time_limit_description", described);
  return item;
}

McCliStatus
mc_cli_catalogue_list (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) procedures = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 0, 1))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  procedures = mc_store_list_procedures (store, cli->n_args > 0 ? cli->args[1] : NULL, &error);
  if (procedures == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list;

      cJSON_AddNumberToObject (root, "count", procedures->len);
      list = cJSON_AddArrayToObject (root, "procedures");
      for (guint i = 0; i < procedures->len; i++)
        cJSON_AddItemToArray (list, procedure_summary_to_json (g_ptr_array_index (procedures, i)));
      mc_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < procedures->len; i++)
        {
          const McProcedure *procedure = g_ptr_array_index (procedures, i);
          g_autofree char *described = mc_time_limit_describe (procedure->time_limit);

          mc_cli_append_padded (out, procedure->code, 10);
          g_string_append_printf (out, " %s (%s, %s)\n", procedure->name,
                                  procedure->field_name != NULL ? procedure->field_name : "",
                                  described);
        }
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u procedure\n", "%u procedures\n",
                                                procedures->len),
                              procedures->len);
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

static cJSON *
procedure_to_json (const McProcedure *procedure)
{
  cJSON *item = procedure_summary_to_json (procedure);
  cJSON *documents;
  cJSON *fees;
  cJSON *steps;

  cJSON_AddStringToObject (item, "pause_rule",
                           procedure->pause_rule == MC_PAUSE_RESTARTS ? "restarts" : "resumes");
  mc_cli_json_add_string (item, "time_note", procedure->time_note);

  documents = cJSON_AddArrayToObject (item, "documents");
  for (guint i = 0; procedure->documents != NULL && i < procedure->documents->len; i++)
    {
      const McRequiredDocument *document = g_ptr_array_index (procedure->documents, i);
      cJSON *entry = cJSON_CreateObject ();

      mc_cli_json_add_string (entry, "code", document->code);
      mc_cli_json_add_string (entry, "name", document->name);
      cJSON_AddStringToObject (entry, "form", mc_document_form_to_string (document->form));
      mc_cli_json_add_string (entry, "form_description", mc_document_form_describe (document->form));
      cJSON_AddNumberToObject (entry, "copies", document->copies);
      cJSON_AddBoolToObject (entry, "mandatory", document->mandatory);
      mc_cli_json_add_string (entry, "one_of", document->one_of);
      mc_cli_json_add_string (entry, "condition", document->condition);
      cJSON_AddItemToArray (documents, entry);
    }

  fees = cJSON_AddArrayToObject (item, "fees");
  for (guint i = 0; procedure->fees != NULL && i < procedure->fees->len; i++)
    {
      const McProcedureFee *fee = g_ptr_array_index (procedure->fees, i);
      cJSON *entry = cJSON_CreateObject ();

      mc_cli_json_add_string (entry, "code", fee->code);
      mc_cli_json_add_string (entry, "name", fee->name);
      /* -1 means "set by the province or unknown": null, never a negative price. */
      if (fee->amount < 0)
        cJSON_AddNullToObject (entry, "amount");
      else
        cJSON_AddNumberToObject (entry, "amount", (double) fee->amount);
      mc_cli_json_add_string (entry, "note", fee->note);
      cJSON_AddItemToArray (fees, entry);
    }

  steps = cJSON_AddArrayToObject (item, "steps");
  for (guint i = 0; procedure->steps != NULL && i < procedure->steps->len; i++)
    {
      const McProcedureStep *step = g_ptr_array_index (procedure->steps, i);
      cJSON *entry = cJSON_CreateObject ();

      mc_cli_json_add_string (entry, "department", step->department);
      cJSON_AddNumberToObject (entry, "share_percent", step->share_percent);
      cJSON_AddItemToArray (steps, entry);
    }

  mc_cli_json_add_string (item, "legal_basis", procedure->legal_basis);
  mc_cli_json_add_string (item, "source", procedure->source);
  mc_cli_json_add_string (item, "uncertain", procedure->uncertain);
  return item;
}

static void
append_procedure_text (GString           *out,
                       const McProcedure *procedure)
{
  g_autofree char *described = mc_time_limit_describe (procedure->time_limit);

  g_string_append_printf (out, "%s — %s\n", procedure->code, procedure->name);
  g_string_append_printf (out, "%s %s (%s), %s\n", _("Field:"),
                          procedure->field_name ? procedure->field_name : "",
                          procedure->field_code ? procedure->field_code : "",
                          describe_level (procedure->level));
  g_string_append_printf (out, "%s %s\n", _("Deciding agency:"),
                          procedure->agency ? procedure->agency : "");
  g_string_append_printf (out, "%s %s; %s\n", _("Processing time:"), described,
                          describe_pause_rule (procedure->pause_rule));
  if (procedure->time_note != NULL)
    g_string_append_printf (out, "  %s\n", procedure->time_note);

  g_string_append_printf (out, "\n%s\n", _("Documents:"));
  if (procedure->documents == NULL || procedure->documents->len == 0)
    g_string_append_printf (out, "  %s\n", _("(none)"));
  for (guint i = 0; procedure->documents != NULL && i < procedure->documents->len; i++)
    {
      const McRequiredDocument *document = g_ptr_array_index (procedure->documents, i);

      g_string_append_printf (out, "  %u. [%s] %s\n", i + 1, document->code, document->name);
      g_string_append_printf (out, "     %s, ", mc_document_form_describe (document->form));
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d copy", "%d copies",
                                                (gulong) document->copies),
                              document->copies);
      if (document->mandatory)
        g_string_append_printf (out, ", %s", _("mandatory"));
      else if (document->one_of != NULL)
        g_string_append_printf (out, ", %s", _("at least one of the group is required"));
      else
        g_string_append_printf (out, ", %s", _("when it applies"));
      if (document->one_of != NULL)
        g_string_append_printf (out, " (%s “%s”)", _("group"), document->one_of);
      g_string_append_c (out, '\n');
      if (document->condition != NULL)
        g_string_append_printf (out, "     %s %s\n", _("When:"), document->condition);
    }

  g_string_append_printf (out, "\n%s\n", _("Fees and charges:"));
  if (procedure->fees == NULL || procedure->fees->len == 0)
    g_string_append_printf (out, "  %s\n", _("(none)"));
  for (guint i = 0; procedure->fees != NULL && i < procedure->fees->len; i++)
    {
      const McProcedureFee *fee = g_ptr_array_index (procedure->fees, i);
      g_autofree char *amount = NULL;

      if (fee->amount < 0)
        amount = g_strdup (_("set by the provincial People’s Council, or unknown"));
      else if (fee->amount == 0)
        amount = g_strdup (_("free"));
      else
        amount = format_amount (fee->amount);
      g_string_append_printf (out, "  %s: %s\n", fee->name, amount);
      if (fee->note != NULL)
        g_string_append_printf (out, "     %s\n", fee->note);
    }

  if (procedure->steps != NULL && procedure->steps->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Internal steps (share of the processing time):"));
      for (guint i = 0; i < procedure->steps->len; i++)
        {
          const McProcedureStep *step = g_ptr_array_index (procedure->steps, i);

          g_string_append_printf (out, "  %u. %s: %d%%\n", i + 1, step->department, step->share_percent);
        }
    }

  g_string_append_c (out, '\n');
  if (procedure->legal_basis != NULL)
    g_string_append_printf (out, "%s %s\n", _("Legal basis:"), procedure->legal_basis);
  if (procedure->source != NULL)
    g_string_append_printf (out, "%s %s\n", _("Source:"), procedure->source);
  if (procedure->uncertain != NULL)
    g_string_append_printf (out, "%s %s\n", _("Not verified:"), procedure->uncertain);
}

McCliStatus
mc_cli_catalogue_show (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McProcedure) procedure = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  procedure = mc_store_get_procedure (store, cli->args[1], &error);
  if (procedure == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    mc_cli_print_json (procedure_to_json (procedure));
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      append_procedure_text (out, procedure);
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

/* The portal's answer is an object with "error_code"; the desk's own format never has one. */
static gboolean
looks_like_portal_answer (const char *contents,
                          gsize       length)
{
  cJSON *root = cJSON_ParseWithLength (contents, length);
  gboolean portal;

  portal = cJSON_IsObject (root) && cJSON_GetObjectItemCaseSensitive (root, "error_code") != NULL;
  cJSON_Delete (root);
  return portal;
}

McCliStatus
mc_cli_catalogue_import (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *source = NULL;
  const char *path;
  gboolean portal;
  gsize length = 0;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  path = cli->args[1];
  if ((contents = mc_cli_read_file (path, &length, &error)) == NULL)
    return mc_cli_fail (error);

  portal = looks_like_portal_answer (contents, length);
  if (portal)
    catalogue = mc_portal_catalogue_parse (contents, length, &error);
  else
    catalogue = mc_catalogue_parse (contents, length, &error);
  if (catalogue == NULL)
    {
      mc_cli_print_error (_("The catalogue in “%s” was refused; the catalogue in use is unchanged: %s"),
                          path, error->message);
      return MC_CLI_REFUSED;
    }

  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  source = portal ? g_strdup_printf ("portal LayDanhSachTTHC: %s", path) : g_strdup (path);
  if (!mc_store_import_catalogue (store, catalogue, source, &error))
    {
      mc_cli_print_error (_("The catalogue in “%s” was refused; the catalogue in use is unchanged: %s"),
                          path, error->message);
      return MC_CLI_REFUSED;
    }

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *codes;

      cJSON_AddStringToObject (root, "file", path);
      cJSON_AddStringToObject (root, "format", portal ? "portal" : "desk");
      mc_cli_json_add_string (root, "version", catalogue->version);
      cJSON_AddNumberToObject (root, "imported", catalogue->procedures->len);
      codes = cJSON_AddArrayToObject (root, "codes");
      for (guint i = 0; i < catalogue->procedures->len; i++)
        {
          const McProcedure *procedure = g_ptr_array_index (catalogue->procedures, i);

          cJSON_AddItemToArray (codes, cJSON_CreateString (procedure->code));
        }
      mc_cli_print_json (root);
    }
  else
    {
      mc_cli_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u procedure imported from “%s” (%s).\n",
                            "%u procedures imported from “%s” (%s).\n",
                            catalogue->procedures->len),
               catalogue->procedures->len, path,
               portal ? _("portal answer") : _("desk catalogue format"));
    }
  return MC_CLI_OK;
}
