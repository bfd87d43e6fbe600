/* mc-cli-attachments.c — "attach CODE FILE [--document CODE | --result]" keeps a scanned
 * document with a dossier, and "attachments CODE" lists what is kept, with the count of
 * digitised documents.
 *
 * The store checks everything (the file's type by its content, its size against
 * attachments.max-megabytes, the document's code, that a result exists): the command only
 * says which target the file is for and prints what was kept.
 */
#include "config.h"

#include "mc-cli.h"
#include "mc-dossier-code.h"
#include "mc-i18n.h"

static char *
code_from_input (McCli       *cli,
                 const char  *input,
                 GError     **error)
{
  return mc_scanned_input_to_code (input, mc_store_get_settings (cli->store)->lookup_url_template, error);
}

static cJSON *
attachment_to_json (McStore            *store,
                    const McAttachment *attachment)
{
  cJSON *item = cJSON_CreateObject ();
  g_autofree char *path = mc_store_get_attachment_path (store, attachment);
  g_autofree char *relative = mc_attachment_relative_path (attachment->sha256);

  cJSON_AddNumberToObject (item, "id", (double) attachment->id);
  cJSON_AddStringToObject (item, "target", attachment->target);
  cJSON_AddStringToObject (item, "file_name", attachment->file_name);
  cJSON_AddStringToObject (item, "mime_type", attachment->mime_type);
  cJSON_AddNumberToObject (item, "size", (double) attachment->size);
  cJSON_AddStringToObject (item, "sha256", attachment->sha256);
  mc_cli_json_add_string (item, "stored_as", relative);
  mc_cli_json_add_string (item, "path", path);
  mc_cli_json_add_time (item, "added_at", attachment->added_at);
  cJSON_AddStringToObject (item, "added_by", attachment->added_by);
  return item;
}

/* "1,2 MB", "350 kB": the size as the clerk reads it. */
static char *
format_size (gint64 size)
{
  return g_format_size_full ((guint64) size, G_FORMAT_SIZE_DEFAULT);
}

McCliStatus
mc_cli_attach (McCli *cli)
{
  g_autofree char *document = NULL;
  g_autofree char *name = NULL;
  gboolean result = FALSE;
  const GOptionEntry entries[] = {
    { "document", 0, 0, G_OPTION_ARG_FILENAME, &document,
      N_("The code of the received document the file digitises (see “show”)"), N_("CODE") },
    { "result", 0, 0, G_OPTION_ARG_NONE, &result, N_("The file is the dossier’s result"), NULL },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name,
      N_("The file name to record (default: the file’s own name)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McAttachment) attachment = NULL;
  g_autofree char *code = NULL;
  g_autofree char *size = NULL;
  const char *target;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 2, 2))
    return MC_CLI_USAGE;
  if ((document == NULL) == !result)
    return mc_cli_usage_error (cli, _("Give either --document CODE or --result"));
  target = result ? MC_ATTACHMENT_RESULT : document;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if ((code = code_from_input (cli, cli->args[1], &error)) == NULL)
    return mc_cli_fail (error);

  attachment = mc_store_add_attachment (store, code, target, cli->args[2], name, mc_cli_actor (cli), &error);
  if (attachment == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = attachment_to_json (store, attachment);

      cJSON_AddStringToObject (root, "code", code);
      mc_cli_print_json (root);
      return MC_CLI_OK;
    }
  size = format_size (attachment->size);
  if (result)
    mc_cli_print (_("“%s” (%s, %s) attached to dossier %s as its result.\n"), attachment->file_name,
                  attachment->mime_type, size, code);
  else
    mc_cli_print (_("“%s” (%s, %s) attached to dossier %s as document %s.\n"), attachment->file_name,
                  attachment->mime_type, size, code, attachment->target);
  return MC_CLI_OK;
}

McCliStatus
mc_cli_attachments (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GHashTable) scanned = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *code = NULL;
  guint n_documents = 0;
  guint n_digitised = 0;
  gboolean result_digitised = FALSE;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if ((code = code_from_input (cli, cli->args[1], &error)) == NULL ||
      (dossier = mc_store_get_dossier (store, code, &error)) == NULL ||
      (attachments = mc_store_list_attachments (store, code, &error)) == NULL)
    return mc_cli_fail (error);

  /* Digitised: a received document with at least one scan. */
  for (guint i = 0; i < attachments->len; i++)
    {
      const McAttachment *attachment = g_ptr_array_index (attachments, i);

      if (g_str_equal (attachment->target, MC_ATTACHMENT_RESULT))
        result_digitised = TRUE;
      else
        g_hash_table_add (scanned, attachment->target);
    }
  n_documents = dossier->documents->len;
  for (guint i = 0; i < n_documents; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);

      if (document->code != NULL && g_hash_table_contains (scanned, document->code))
        n_digitised++;
    }

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list = cJSON_AddArrayToObject (root, "attachments");

      cJSON_AddStringToObject (root, "code", code);
      cJSON_AddNumberToObject (root, "documents", n_documents);
      cJSON_AddNumberToObject (root, "documents_digitised", n_digitised);
      cJSON_AddBoolToObject (root, "result_digitised", result_digitised);
      for (guint i = 0; i < attachments->len; i++)
        cJSON_AddItemToArray (list, attachment_to_json (store, g_ptr_array_index (attachments, i)));
      mc_cli_print_json (root);
      return MC_CLI_OK;
    }

  mc_cli_print (_("Dossier %s: %u of %u documents digitised; result %s.\n"), code, n_digitised, n_documents,
                result_digitised ? _("digitised") : _("not digitised"));
  for (guint i = 0; i < attachments->len; i++)
    {
      const McAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = format_size (attachment->size);
      g_autofree char *when = mc_cli_format_time (attachment->added_at);
      g_autofree char *path = mc_store_get_attachment_path (store, attachment);
      const char *target = g_str_equal (attachment->target, MC_ATTACHMENT_RESULT) ? _("result") : attachment->target;

      mc_cli_print ("  %s  %s  %s  %s  %s  %s\n    %s\n", target, attachment->file_name, attachment->mime_type,
                    size, when, attachment->added_by, path);
    }
  return MC_CLI_OK;
}
