/* mc-cli-dossier.c — the dossier commands of motcua-cli: receive, show, list, search and
 * move.
 *
 * Receiving names documents by the catalogue's code or by name (diacritics optional), and
 * refuses a document the procedure does not list, so that a typing slip in a script never
 * becomes an "extra document" on a slip. Validation, the code, the appointment and the audit
 * entry all come from core and store: the CLI only gathers the input and prints.
 */
#include "config.h"

#include <string.h>

#include "mc-cli.h"
#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-text.h"

/* The "now" of one command run, so that all rows are judged at the same moment. */
static McTime
command_now (void)
{
  static McTime now = 0;

  if (now == 0)
    now = mc_time_now ();
  return now;
}

static gboolean
dossier_is_overdue (const McDossier *dossier)
{
  /* A paused dossier waits for the applicant, a finished or closed one for nobody. */
  return mc_status_is_open (dossier->status) &&
         mc_deadline_is_overdue (dossier->current_due_at, command_now ());
}

static gboolean
dossier_is_due_soon (McCli           *cli,
                     const McDossier *dossier)
{
  const McOfficeSettings *settings = mc_store_get_settings (cli->store);

  return mc_status_is_open (dossier->status) &&
         mc_deadline_is_due_soon (mc_store_get_work_calendar (cli->store), &settings->deadline,
                                  dossier->current_due_at, command_now ());
}

static const char *
applicant_kind_to_string (McApplicantKind kind)
{
  return kind == MC_APPLICANT_ORGANISATION ? "organisation" : "citizen";
}

cJSON *
mc_cli_dossier_to_json (McCli           *cli,
                        const McDossier *dossier)
{
  cJSON *item = cJSON_CreateObject ();
  cJSON *documents;
  g_autofree char *limit = mc_time_limit_to_string (dossier->time_limit);
  g_autofree char *described = mc_time_limit_describe (dossier->time_limit);
  g_autofree char *slip = NULL;
  g_autofree char *current_slip = NULL;
  McVerdict verdict = MC_VERDICT_NONE;
  McRating rating = MC_RATING_NONE;

  if (dossier->due_at != MC_TIME_NONE)
    slip = mc_time_format_slip (dossier->due_at);
  if (dossier->current_due_at != MC_TIME_NONE)
    current_slip = mc_time_format_slip (dossier->current_due_at);
  if (dossier->finished_at != MC_TIME_NONE)
    verdict = mc_deadline_verdict (mc_store_get_work_calendar (cli->store), dossier->due_at,
                                   dossier->finished_at);

  mc_cli_json_add_string (item, "code", dossier->code);
  cJSON_AddStringToObject (item, "status", mc_status_to_string (dossier->status));
  cJSON_AddNumberToObject (item, "status_code", dossier->status);
  cJSON_AddStringToObject (item, "status_name", mc_status_describe (dossier->status));
  mc_cli_json_add_string (item, "procedure_code", dossier->procedure_code);
  mc_cli_json_add_string (item, "procedure_name", dossier->procedure_name);
  mc_cli_json_add_string (item, "field_code", dossier->field_code);
  mc_cli_json_add_string (item, "field_name", dossier->field_name);
  mc_cli_json_add_string (item, "deciding_agency", dossier->deciding_agency);
  mc_cli_json_add_string (item, "receiving_office", dossier->receiving_office);
  cJSON_AddStringToObject (item, "time_limit", limit);
  cJSON_AddStringToObject (item, "time_limit_description", described);
  cJSON_AddStringToObject (item, "pause_rule",
                           dossier->pause_rule == MC_PAUSE_RESTARTS ? "restarts" : "resumes");
  cJSON_AddStringToObject (item, "applicant_kind", applicant_kind_to_string (dossier->applicant_kind));
  mc_cli_json_add_string (item, "applicant_name", dossier->applicant_name);
  mc_cli_json_add_string (item, "id_number", dossier->id_number);
  mc_cli_json_add_string (item, "phone", dossier->phone);
  mc_cli_json_add_string (item, "email", dossier->email);
  mc_cli_json_add_string (item, "address", dossier->address);
  cJSON_AddStringToObject (item, "channel", mc_channel_to_string (dossier->channel));
  cJSON_AddNumberToObject (item, "sets", dossier->sets);
  mc_cli_json_add_string (item, "summary", dossier->summary);
  mc_cli_json_add_string (item, "note", dossier->note);
  mc_cli_json_add_time (item, "received_at", dossier->received_at);
  mc_cli_json_add_time (item, "due_at", dossier->due_at);
  mc_cli_json_add_string (item, "due_at_slip", slip);
  mc_cli_json_add_time (item, "current_due_at", dossier->current_due_at);
  mc_cli_json_add_string (item, "current_due_at_slip", current_slip);
  mc_cli_json_add_time (item, "finished_at", dossier->finished_at);
  mc_cli_json_add_time (item, "returned_at", dossier->returned_at);
  /* The citizen's rating taken at the return, or null. */
  if (dossier->status == MC_STATUS_RETURNED && mc_store_get_rating (cli->store, dossier->code, &rating, NULL) &&
      rating != MC_RATING_NONE)
    cJSON_AddStringToObject (item, "rating", mc_rating_to_string (rating));
  else
    cJSON_AddNullToObject (item, "rating");
  cJSON_AddBoolToObject (item, "paused", mc_status_is_paused (dossier->status));
  cJSON_AddBoolToObject (item, "overdue", dossier_is_overdue (dossier));
  cJSON_AddBoolToObject (item, "due_soon", dossier_is_due_soon (cli, dossier));
  cJSON_AddStringToObject (item, "verdict", mc_verdict_to_string (verdict));
  mc_cli_json_add_string (item, "clerk", dossier->clerk);
  cJSON_AddNumberToObject (item, "revision", (double) dossier->revision);
  mc_cli_json_add_time (item, "updated_at", dossier->updated_at);

  documents = cJSON_AddArrayToObject (item, "documents");
  for (guint i = 0; dossier->documents != NULL && i < dossier->documents->len; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);
      cJSON *entry = cJSON_CreateObject ();

      mc_cli_json_add_string (entry, "code", document->code);
      mc_cli_json_add_string (entry, "name", document->name);
      cJSON_AddStringToObject (entry, "form", mc_document_form_to_string (document->form));
      cJSON_AddNumberToObject (entry, "copies", document->copies);
      cJSON_AddItemToArray (documents, entry);
    }
  return item;
}

/* ---- receive ---------------------------------------------------------------------- */

static const McRequiredDocument *
find_required_document (const McProcedure *procedure,
                        const char        *wanted)
{
  g_autofree char *folded = mc_text_fold (wanted);
  guint n = procedure->documents != NULL ? procedure->documents->len : 0;

  for (guint i = 0; i < n; i++)
    {
      const McRequiredDocument *document = g_ptr_array_index (procedure->documents, i);

      if (g_strcmp0 (document->code, wanted) == 0)
        return document;
    }
  for (guint i = 0; i < n; i++)
    {
      const McRequiredDocument *document = g_ptr_array_index (procedure->documents, i);
      g_autofree char *name = mc_text_fold (document->name);

      if (g_str_equal (name, folded))
        return document;
    }
  return NULL;
}

/* "CODE_OR_NAME" or "CODE_OR_NAME=COPIES". A name that itself ends in "=digits" still
 * matches as a whole first. */
static gboolean
resolve_document (const McProcedure          *procedure,
                  const char                 *wanted,
                  const McRequiredDocument  **out,
                  int                        *copies,
                  GError                    **error)
{
  const McRequiredDocument *document = find_required_document (procedure, wanted);
  const char *equals = strrchr (wanted, '=');

  *copies = -1;
  if (document == NULL && equals != NULL && equals[1] != '\0')
    {
      g_autofree char *head = g_strndup (wanted, (gsize) (equals - wanted));
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (equals + 1, 10, 0, 99, &value, NULL))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The number of copies in “%s” must be a whole number from 0 to 99"), wanted);
          return FALSE;
        }
      document = find_required_document (procedure, g_strstrip (head));
      *copies = (int) value;
    }
  if (document == NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Document “%s” is not in the list of procedure %s; "
                     "see “motcua-cli catalogue show %s”"),
                   wanted, procedure->code, procedure->code);
      return FALSE;
    }
  *out = document;
  if (*copies < 0)
    *copies = document->copies;
  return TRUE;
}

static gint
document_index (const McProcedure        *procedure,
                const McRequiredDocument *document)
{
  for (guint i = 0; i < procedure->documents->len; i++)
    if (g_ptr_array_index (procedure->documents, i) == document)
      return (gint) i;
  return -1;
}

/* Which catalogue documents were named, with their copies; --all-mandatory adds every
 * mandatory document and the first of each one_of group none of whose members was named. */
static gboolean
collect_documents (const McProcedure  *procedure,
                   char              **named,
                   gboolean            all_mandatory,
                   McDossierDraft     *draft,
                   GError            **error)
{
  guint n = procedure->documents != NULL ? procedure->documents->len : 0;
  g_autofree int *copies = g_new0 (int, MAX (n, 1));
  g_autofree gboolean *ticked = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; named != NULL && named[i] != NULL; i++)
    {
      const McRequiredDocument *document = NULL;
      int n_copies = 0;
      gint index;

      if (!resolve_document (procedure, named[i], &document, &n_copies, error))
        return FALSE;
      index = document_index (procedure, document);
      ticked[index] = TRUE;
      copies[index] = n_copies;
    }

  if (all_mandatory)
    {
      for (guint i = 0; i < n; i++)
        {
          const McRequiredDocument *document = g_ptr_array_index (procedure->documents, i);
          gboolean group_has_one = FALSE;

          if (ticked[i])
            continue;
          if (document->mandatory)
            {
              ticked[i] = TRUE;
              copies[i] = document->copies;
              continue;
            }
          if (document->one_of == NULL)
            continue;
          for (guint j = 0; j < n; j++)
            {
              const McRequiredDocument *other = g_ptr_array_index (procedure->documents, j);

              if (ticked[j] && g_strcmp0 (other->one_of, document->one_of) == 0)
                group_has_one = TRUE;
            }
          if (!group_has_one)
            {
              ticked[i] = TRUE;
              copies[i] = document->copies;
            }
        }
    }

  /* In the catalogue's order, as the slip lists them. */
  for (guint i = 0; i < n; i++)
    {
      const McRequiredDocument *document = g_ptr_array_index (procedure->documents, i);

      if (ticked[i])
        mc_dossier_draft_add_document (draft, document->code, document->name, document->form, copies[i]);
    }
  return TRUE;
}

static void
append_appointments (GString         *out,
                     const McDossier *dossier)
{
  if (dossier->due_at == MC_TIME_NONE)
    {
      g_string_append_printf (out, "%s %s\n", _("Appointment:"),
                              "Không có ngày hẹn trả cụ thể theo quy định");
      return;
    }
  if (dossier->current_due_at != MC_TIME_NONE && dossier->current_due_at != dossier->due_at)
    {
      g_autofree char *current = mc_time_format_local (dossier->current_due_at);
      g_autofree char *current_slip = mc_time_format_slip (dossier->current_due_at);
      g_autofree char *original = mc_time_format_local (dossier->due_at);

      g_string_append_printf (out, "%s %s (%s)\n", _("Current appointment:"), current, current_slip);
      g_string_append_printf (out, "%s %s (%s)\n", _("Original appointment:"), original,
                              _("on-time figures count against this date"));
    }
  else
    {
      g_autofree char *due = mc_time_format_local (dossier->due_at);
      g_autofree char *slip = mc_time_format_slip (dossier->due_at);

      g_string_append_printf (out, "%s %s (%s)\n", _("Appointment:"), due, slip);
    }
}

McCliStatus
mc_cli_receive (McCli *cli)
{
  g_autofree char *procedure_code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id_number = NULL;
  gboolean organisation = FALSE;
  g_autofree char *birth_date = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  g_autofree char *email = NULL;
  g_auto(GStrv) documents = NULL;
  gboolean all_mandatory = FALSE;
  int sets = 1;
  g_autofree char *channel = NULL;
  g_autofree char *received = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "procedure", 0, 0, G_OPTION_ARG_FILENAME, &procedure_code,
      N_("Procedure code (mã TTHC), required"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name,
      N_("Applicant’s full name, required"), N_("NAME") },
    { "id-number", 0, 0, G_OPTION_ARG_FILENAME, &id_number,
      N_("Citizen ID (12 digits), or the tax code with --organisation; required"), N_("NUMBER") },
    { "organisation", 0, 0, G_OPTION_ARG_NONE, &organisation,
      N_("The applicant is a business or organisation (identified by its tax code)"), NULL },
    { "birth-date", 0, 0, G_OPTION_ARG_FILENAME, &birth_date,
      N_("Applicant’s date of birth, checked against the citizen ID"), N_("YYYY-MM-DD") },
    { "phone", 0, 0, G_OPTION_ARG_FILENAME, &phone, N_("Phone number"), N_("PHONE") },
    { "address", 0, 0, G_OPTION_ARG_FILENAME, &address,
      N_("Applicant’s address"), N_("ADDRESS") },
    { "email", 0, 0, G_OPTION_ARG_FILENAME, &email, N_("E-mail address"), N_("EMAIL") },
    { "document", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &documents,
      N_("A document received, by its code or name in the procedure’s list, optionally =COPIES "
         "(repeatable)"),
      N_("CODE_OR_NAME") },
    { "all-mandatory", 0, 0, G_OPTION_ARG_NONE, &all_mandatory,
      N_("Tick every mandatory document and the first of each “one of” group (a convenience "
         "for demonstrations: a real receipt lists what the applicant handed in)"), NULL },
    { "sets", 0, 0, G_OPTION_ARG_INT, &sets, N_("Number of sets (default 1)"), "N" },
    { "channel", 0, 0, G_OPTION_ARG_FILENAME, &channel,
      N_("How the dossier came: counter (default), online or post"), N_("CHANNEL") },
    { "received", 0, 0, G_OPTION_ARG_FILENAME, &received, N_("Moment of receipt (default: now)"),
      N_("“YYYY-MM-DD HH:MM”") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note, N_("A note for the file"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossierDraft) draft = NULL;
  g_autoptr(McProcedure) procedure = NULL;
  g_autoptr(McDossier) dossier = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (procedure_code == NULL)
    return mc_cli_usage_error (cli, _("--procedure is required"));
  if (name == NULL)
    return mc_cli_usage_error (cli, _("--name is required"));
  if (id_number == NULL)
    return mc_cli_usage_error (cli, _("--id-number is required"));

  draft = mc_dossier_draft_new ();
  draft->applicant_kind = organisation ? MC_APPLICANT_ORGANISATION : MC_APPLICANT_CITIZEN;
  draft->applicant_name = g_strdup (name);
  draft->id_number = g_strdup (id_number);
  draft->phone = g_strdup (phone);
  draft->email = g_strdup (email);
  draft->address = g_strdup (address);
  draft->note = g_strdup (note);
  draft->sets = sets;
  draft->channel = MC_CHANNEL_COUNTER;
  draft->received_at = MC_TIME_NONE;
  if (birth_date != NULL)
    {
      if (!mc_day_parse (birth_date, &draft->birth_day, &error))
        return mc_cli_fail (error);
      draft->has_birth_day = TRUE;
    }
  if (channel != NULL && !mc_channel_parse (channel, &draft->channel, &error))
    return mc_cli_fail (error);
  if (received != NULL && !mc_time_parse_local (received, &draft->received_at, &error))
    return mc_cli_fail (error);

  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  procedure = mc_store_get_procedure (store, procedure_code, &error);
  if (procedure == NULL)
    return mc_cli_fail (error);
  if (!collect_documents (procedure, documents, all_mandatory, draft, &error))
    return mc_cli_fail (error);
  draft->procedure_code = g_strdup (procedure->code);

  dossier = mc_store_receive (store, draft, mc_cli_actor (cli), &error);
  if (dossier == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    mc_cli_print_json (mc_cli_dossier_to_json (cli, dossier));
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *received_shown = mc_time_format_local (dossier->received_at);

      g_string_append_printf (out, "%s %s\n", _("Dossier received:"), dossier->code);
      g_string_append_printf (out, "%s %s %s\n", _("Procedure:"), dossier->procedure_code,
                              dossier->procedure_name ? dossier->procedure_name : "");
      g_string_append_printf (out, "%s %s (%s)\n", _("Applicant:"), dossier->applicant_name, dossier->id_number);
      g_string_append_printf (out, "%s %s\n", _("Received:"), received_shown);
      append_appointments (out, dossier);
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

/* ---- show ------------------------------------------------------------------------- */

/* A bare code or what a scanner typed from the slip's QR code. */
static char *
code_from_input (McCli       *cli,
                 const char  *input,
                 GError     **error)
{
  const McOfficeSettings *settings = mc_store_get_settings (cli->store);

  return mc_scanned_input_to_code (input, settings->lookup_url_template, error);
}

static const char *
describe_status_number (int status)
{
  if (status == 0 || !mc_status_is_valid (status))
    return "—";
  return mc_status_describe ((McStatus) status);
}

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append (out, "  ");
  mc_cli_append_padded (out, label, 26);
  g_string_append_printf (out, " %s\n", value);
}

McCliStatus
mc_cli_show (McCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GArray) pauses = NULL;
  g_autofree char *code = NULL;
  g_autofree char *explanation = NULL;
  const McOfficeSettings *settings;
  McWorkCalendar *calendar;
  McStore *store;

  if (!mc_cli_parse_options (cli, NULL, 1, 1))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if ((code = code_from_input (cli, cli->args[1], &error)) == NULL)
    return mc_cli_fail (error);
  if ((dossier = mc_store_get_dossier (store, code, &error)) == NULL)
    return mc_cli_fail (error);
  if ((history = mc_store_get_history (store, code, &error)) == NULL)
    return mc_cli_fail (error);
  if ((pauses = mc_store_get_pauses (store, code, &error)) == NULL)
    return mc_cli_fail (error);

  settings = mc_store_get_settings (store);
  calendar = mc_store_get_work_calendar (store);
  explanation = mc_deadline_explain (calendar, mc_store_get_holiday_rules (store), &settings->deadline,
                                     dossier->time_limit, dossier->pause_rule, dossier->received_at,
                                     (const McPause *) pauses->data, pauses->len);

  if (cli->json)
    {
      cJSON *root = mc_cli_dossier_to_json (cli, dossier);
      cJSON *events = cJSON_AddArrayToObject (root, "history");
      cJSON *stops;

      for (guint i = 0; i < history->len; i++)
        {
          const McDossierEvent *event = g_ptr_array_index (history, i);
          cJSON *entry = cJSON_CreateObject ();

          mc_cli_json_add_time (entry, "at", event->at);
          mc_cli_json_add_string (entry, "actor", event->actor);
          if (event->from_status == 0 || !mc_status_is_valid (event->from_status))
            cJSON_AddNullToObject (entry, "from_status");
          else
            cJSON_AddStringToObject (entry, "from_status",
                                     mc_status_to_string ((McStatus) event->from_status));
          cJSON_AddStringToObject (entry, "to_status", mc_status_to_string (event->to_status));
          cJSON_AddStringToObject (entry, "to_status_name", mc_status_describe (event->to_status));
          mc_cli_json_add_string (entry, "note", event->note);
          cJSON_AddItemToArray (events, entry);
        }
      stops = cJSON_AddArrayToObject (root, "pauses");
      for (guint i = 0; i < pauses->len; i++)
        {
          const McPause *pause = &g_array_index (pauses, McPause, i);
          cJSON *entry = cJSON_CreateObject ();

          mc_cli_json_add_time (entry, "started", pause->started);
          mc_cli_json_add_time (entry, "ended", pause->ended);
          cJSON_AddItemToArray (stops, entry);
        }
      mc_cli_json_add_string (root, "explanation", explanation);
      mc_cli_print_json (root);
      return MC_CLI_OK;
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *limit = mc_time_limit_describe (dossier->time_limit);
      g_autofree char *received = mc_time_format_local (dossier->received_at);
      g_autofree char *sets = g_strdup_printf ("%d", dossier->sets);
      g_autofree char *procedure = g_strdup_printf ("%s %s", dossier->procedure_code,
                                                    dossier->procedure_name ? dossier->procedure_name : "");
      g_autofree char *status = NULL;
      const char *flag = NULL;

      if (dossier_is_overdue (dossier))
        flag = _("OVERDUE");
      else if (dossier_is_due_soon (cli, dossier))
        flag = _("due soon");
      else if (mc_status_is_paused (dossier->status))
        flag = _("clock stopped");
      status = flag != NULL ? g_strdup_printf ("%s (%s)", mc_status_describe (dossier->status), flag)
                            : g_strdup (mc_status_describe (dossier->status));

      g_string_append_printf (out, "%s %s\n", _("Dossier"), dossier->code);
      append_field (out, _("Status:"), status);
      append_field (out, _("Procedure:"), procedure);
      append_field (out, _("Field:"), dossier->field_name);
      append_field (out, _("Deciding agency:"), dossier->deciding_agency);
      append_field (out, _("Receiving office:"), dossier->receiving_office);
      append_field (out, _("Applicant:"), dossier->applicant_name);
      append_field (out,
                    dossier->applicant_kind == MC_APPLICANT_ORGANISATION
                    ? _("Tax code:") : _("Citizen ID:"),
                    dossier->id_number);
      append_field (out, _("Phone:"), dossier->phone);
      append_field (out, _("E-mail:"), dossier->email);
      append_field (out, _("Address:"), dossier->address);
      append_field (out, _("Channel:"), mc_channel_describe (dossier->channel));
      append_field (out, _("Sets:"), sets);
      append_field (out, _("Summary:"), dossier->summary);
      append_field (out, _("Note:"), dossier->note);
      append_field (out, _("Received by:"), dossier->clerk);
      append_field (out, _("Processing time:"), limit);
      append_field (out, _("Received:"), received);
      if (dossier->due_at == MC_TIME_NONE)
        append_field (out, _("Appointment:"), "Không có ngày hẹn trả cụ thể theo quy định");
      else
        {
          g_autofree char *due = mc_time_format_local (dossier->due_at);
          g_autofree char *current = mc_cli_format_time (dossier->current_due_at);

          append_field (out, _("Original appointment:"), due);
          append_field (out, _("Current appointment:"), current);
        }
      if (dossier->finished_at != MC_TIME_NONE)
        {
          g_autofree char *finished = mc_time_format_local (dossier->finished_at);
          McVerdict verdict = mc_deadline_verdict (calendar, dossier->due_at, dossier->finished_at);
          const char *verdict_text = verdict == MC_VERDICT_EARLY ? _("early")
                                     : verdict == MC_VERDICT_LATE ? _("late") : _("on time");
          g_autofree char *shown = g_strdup_printf ("%s (%s)", finished, verdict_text);

          append_field (out, _("Result ready:"), shown);
        }
      if (dossier->returned_at != MC_TIME_NONE)
        {
          g_autofree char *returned = mc_time_format_local (dossier->returned_at);

          append_field (out, _("Result returned:"), returned);
        }
      {
        McRating rating = MC_RATING_NONE;

        if (mc_store_get_rating (store, dossier->code, &rating, NULL) && rating != MC_RATING_NONE)
          append_field (out, _("Citizen’s rating:"), mc_rating_describe (rating));
      }

      g_string_append_printf (out, "\n%s\n", _("Documents received:"));
      if (dossier->documents == NULL || dossier->documents->len == 0)
        g_string_append_printf (out, "  %s\n", _("(none)"));
      for (guint i = 0; dossier->documents != NULL && i < dossier->documents->len; i++)
        {
          const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);

          g_string_append_printf (out, "  %u. %s — %s, ", i + 1, document->name,
                                  mc_document_form_describe (document->form));
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d copy", "%d copies",
                                                    (gulong) document->copies),
                                  document->copies);
          g_string_append_c (out, '\n');
        }

      if (pauses->len > 0)
        {
          g_string_append_printf (out, "\n%s\n", _("Clock stopped (waiting for the applicant):"));
          for (guint i = 0; i < pauses->len; i++)
            {
              const McPause *pause = &g_array_index (pauses, McPause, i);
              g_autofree char *started = mc_time_format_local (pause->started);
              g_autofree char *ended = pause->ended == MC_TIME_NONE
                                       ? g_strdup (_("still waiting"))
                                       : mc_time_format_local (pause->ended);

              g_string_append_printf (out, "  %s → %s\n", started, ended);
            }
        }

      g_string_append_printf (out, "\n%s\n", _("History:"));
      for (guint i = 0; i < history->len; i++)
        {
          const McDossierEvent *event = g_ptr_array_index (history, i);
          g_autofree char *at = mc_time_format_local (event->at);

          g_string_append_printf (out, "  %s  %s → %s  (%s)", at,
                                  describe_status_number (event->from_status),
                                  mc_status_describe (event->to_status),
                                  event->actor ? event->actor : "");
          if (event->note != NULL && *event->note != '\0')
            g_string_append_printf (out, ": %s", event->note);
          g_string_append_c (out, '\n');
        }

      if (explanation != NULL)
        g_string_append_printf (out, "\n%s\n%s\n", _("How the appointment is computed:"), explanation);
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}

/* ---- list and search -------------------------------------------------------------- */

static void
print_dossiers (McCli     *cli,
                GPtrArray *dossiers)
{
  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      cJSON *list;

      cJSON_AddNumberToObject (root, "count", dossiers->len);
      list = cJSON_AddArrayToObject (root, "dossiers");
      for (guint i = 0; i < dossiers->len; i++)
        cJSON_AddItemToArray (list, mc_cli_dossier_to_json (cli, g_ptr_array_index (dossiers, i)));
      mc_cli_print_json (root);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; i < dossiers->len; i++)
        {
          const McDossier *dossier = g_ptr_array_index (dossiers, i);
          g_autofree char *received = mc_time_format_local (dossier->received_at);
          g_autofree char *due = mc_cli_format_time (dossier->current_due_at);
          const char *flag = "";

          if (dossier_is_overdue (dossier))
            flag = _("OVERDUE");
          else if (dossier_is_due_soon (cli, dossier))
            flag = _("due soon");
          else if (mc_status_is_paused (dossier->status))
            flag = _("clock stopped");

          mc_cli_append_padded (out, dossier->code, 28);
          mc_cli_append_padded (out, mc_status_describe (dossier->status), 26);
          g_string_append_printf (out, "%s  ", received);
          mc_cli_append_padded (out, due, 16);
          g_string_append (out, "  ");
          mc_cli_append_padded (out, flag, 14);
          g_string_append_printf (out, "%s — %s\n", dossier->applicant_name,
                                  dossier->procedure_name ? dossier->procedure_name
                                                          : dossier->procedure_code);
        }
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u dossier\n", "%u dossiers\n",
                                                dossiers->len),
                              dossiers->len);
      mc_cli_print ("%s", out->str);
    }
}

static gboolean
check_limit (McCli *cli,
             int    limit)
{
  if (limit < 0 || limit > 100000)
    {
      mc_cli_usage_error (cli, _("--limit must be between 1 and 100000 (%d given)"), limit);
      return FALSE;
    }
  return TRUE;
}

McCliStatus
mc_cli_list (McCli *cli)
{
  g_autofree char *status = NULL;
  gboolean due_soon = FALSE;
  gboolean overdue = FALSE;
  gboolean open = FALSE;
  gboolean by_due = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_FILENAME, &status,
      N_("Only dossiers in this status (portal code 1–10 or a name)"), N_("STATUS") },
    { "due-soon", 0, 0, G_OPTION_ARG_NONE, &due_soon, N_("Only dossiers due soon"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only overdue dossiers"), NULL },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open,
      N_("Only dossiers whose deadline is running or paused"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N dossiers (default 100)"), "N" },
    { "by-due", 0, 0, G_OPTION_ARG_NONE, &by_due, N_("Soonest appointment first"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = NULL;
  McDossierFilter filter = { 0 };
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (!check_limit (cli, limit))
    return MC_CLI_USAGE;
  if (status != NULL)
    {
      McStatus wanted;

      if (!mc_status_parse (status, &wanted, &error))
        return mc_cli_fail (error);
      filter.status = wanted;
    }
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  filter.only_due_soon = due_soon;
  filter.only_overdue = overdue;
  filter.only_open = open;
  filter.now = command_now ();
  filter.limit = (guint) limit;
  filter.order_by_due = by_due;
  dossiers = mc_store_list_dossiers (store, &filter, &error);
  if (dossiers == NULL)
    return mc_cli_fail (error);
  print_dossiers (cli, dossiers);
  return MC_CLI_OK;
}

McCliStatus
mc_cli_search (McCli *cli)
{
  int limit = 0;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N dossiers (default 100)"), "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dossiers = NULL;
  g_autofree char *text = NULL;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 1, -1))
    return MC_CLI_USAGE;
  if (!check_limit (cli, limit))
    return MC_CLI_USAGE;
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  /* Unquoted words are one search: `search nguyen van an` as well as `search "nguyen van an"`. */
  text = g_strjoinv (" ", &cli->args[1]);
  dossiers = mc_store_search (store, text, (guint) (limit > 0 ? limit : 100), &error);
  if (dossiers == NULL)
    return mc_cli_fail (error);
  print_dossiers (cli, dossiers);
  return MC_CLI_OK;
}

/* ---- move ------------------------------------------------------------------------- */

McCliStatus
mc_cli_move (McCli *cli)
{
  g_autofree char *to_text = NULL;
  g_autofree char *note = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *rating_text = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_text,
      N_("The new status: portal code 1–10 or a name (required)"), N_("STATUS") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note, N_("Why, for the history"), N_("TEXT") },
    { "at", 0, 0, G_OPTION_ARG_FILENAME, &at_text, N_("When it happened (default: now)"),
      N_("“YYYY-MM-DD HH:MM”") },
    { "rating", 0, 0, G_OPTION_ARG_FILENAME, &rating_text,
      N_("With the return of the result: the citizen’s rating, very-satisfied, satisfied or not-satisfied"),
      N_("RATING") },
    G_OPTION_ENTRY_NULL
  };
  McMoveOptions options = MC_MOVE_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) before = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autofree char *code = NULL;
  McTime at = MC_TIME_NONE;
  McStatus to;
  McStore *store;

  if (!mc_cli_parse_options (cli, entries, 1, 1))
    return MC_CLI_USAGE;
  if (to_text == NULL)
    return mc_cli_usage_error (cli, _("--to is required"));
  if (!mc_status_parse (to_text, &to, &error))
    return mc_cli_fail (error);
  if (at_text != NULL && !mc_time_parse_local (at_text, &at, &error))
    return mc_cli_fail (error);
  if (rating_text != NULL && !mc_rating_parse (rating_text, &options.rating, &error))
    return mc_cli_fail (error);
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;
  if ((code = code_from_input (cli, cli->args[1], &error)) == NULL)
    return mc_cli_fail (error);
  if ((before = mc_store_get_dossier (store, code, &error)) == NULL)
    return mc_cli_fail (error);

  options.at = at;
  options.note = note;
  after = mc_store_move_full (store, code, to, mc_cli_actor (cli), &options, &error);
  if (after == NULL)
    return mc_cli_fail (error);

  if (cli->json)
    mc_cli_print_json (mc_cli_dossier_to_json (cli, after));
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "%s %s: %s → %s\n", _("Dossier"), after->code,
                              mc_status_describe (before->status), mc_status_describe (after->status));
      if (options.rating != MC_RATING_NONE)
        g_string_append_printf (out, "%s %s\n", _("Citizen’s rating:"), mc_rating_describe (options.rating));
      if (mc_status_is_paused (after->status))
        g_string_append_printf (out, "%s\n", _("The clock is stopped until the applicant delivers."));
      if (!mc_status_is_finished (after->status) && !mc_status_is_closed (after->status))
        append_appointments (out, after);
      mc_cli_print ("%s", out->str);
    }
  return MC_CLI_OK;
}
