/* mc-cli-forms.c — "form 02|03|04|05|06 CODE --pdf FILE" writes one of the forms of a
 * dossier's life as PDF, and "register --from DATE --to DATE (--pdf FILE | --csv FILE)"
 * the dossier register (form 07) of a period.
 *
 * Paper follows the record (domain.md: a slip printed for a record the system later lost
 * is what must never happen). So the forms that attest a move — 02 the supplement
 * request, 03 the refusal, 05 the stop — are printed only for a dossier whose history has
 * that move; what they say comes from it (its time, who made it, its note: the note of the
 * move to "waiting for supplement" lists what to add, one item a line or separated by ";",
 * optionally followed by "Lý do: …"), and options may add or correct the details (--item,
 * --reason, --officer, --decision, --signer). The apology (04) records no move: it needs
 * --reason and --new-due, and only a dossier still being processed, with an appointment,
 * can be late. The control slip (06) is the dossier's hand-overs read from its history.
 */
#include "config.h"

#include <string.h>

#include "mc-cli.h"
#include "mc-dossier-code.h"
#include "mc-form-history.h"
#include "mc-forms.h"
#include "mc-i18n.h"
#include "mc-register.h"

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* --item "NAME[|FORM[|COPIES]]", FORM one of original, certified-copy, copy, original-or-copy. */
static gboolean
add_item_option (McSupplementRequest *request,
                 const char          *option)
{
  g_auto(GStrv) fields = g_strsplit (option, "|", 3);
  McDocumentForm form = MC_DOCUMENT_ORIGINAL;
  gboolean has_form = FALSE;
  gint64 copies = 0;

  if (fields[0] == NULL || is_blank (fields[0]))
    {
      mc_cli_print_error (_("--item needs the name of a document: “%s”"), option);
      return FALSE;
    }
  if (fields[1] != NULL && !is_blank (fields[1]))
    {
      if (!mc_document_form_from_string (g_strstrip (fields[1]), &form))
        {
          mc_cli_print_error (_("Unknown document form “%s”: use original, certified-copy, copy or "
                                "original-or-copy"), fields[1]);
          return FALSE;
        }
      has_form = TRUE;
    }
  if (fields[1] != NULL && fields[2] != NULL && !is_blank (fields[2]))
    {
      if (!g_ascii_string_to_signed (g_strstrip (fields[2]), 10, 1, 99, &copies, NULL))
        {
          mc_cli_print_error (_("The number of copies must be 1 to 99: “%s”"), fields[2]);
          return FALSE;
        }
    }
  g_ptr_array_add (request->items, mc_supplement_item_new (g_strstrip (fields[0]), form, has_form, (int) copies));
  return TRUE;
}

typedef struct
{
  char   **items;
  char    *reason;
  char    *officer;
  char    *officer_phone;
  char    *new_due;
  char    *at;
  char    *signer;
  char    *decision;
} FormOptions;

static McForm *
supplement_form (const McDossier         *dossier,
                 const McOfficeSettings  *settings,
                 GPtrArray               *history,
                 const FormOptions       *options,
                 McSupplementRequest    **out)
{
  const McDossierEvent *event = mc_form_history_last_move_to (history, MC_STATUS_WAITING_SUPPLEMENT);
  g_autoptr(McSupplementRequest) request = NULL;
  g_autofree char *items_text = NULL;
  g_autofree char *note_reason = NULL;

  if (event == NULL)
    {
      mc_cli_print_error (_("Dossier %s has no supplement request in its history: record it first "
                            "(motcua-cli move %s --to waiting-supplement --note …)"), dossier->code, dossier->code);
      return NULL;
    }
  request = mc_supplement_request_new ();
  mc_supplement_note_split (event->note, &items_text, &note_reason);
  if (options->items != NULL && options->items[0] != NULL)
    {
      for (guint i = 0; options->items[i] != NULL; i++)
        if (!add_item_option (request, options->items[i]))
          return NULL;
    }
  else
    mc_supplement_request_add_items (request, items_text);
  if (request->items->len == 0)
    {
      mc_cli_print_error (_("The supplement request of dossier %s names nothing to add: give --item"),
                          dossier->code);
      return NULL;
    }
  request->reason = g_strdup (!is_blank (options->reason) ? options->reason : note_reason);
  request->requested_at = event->at;
  request->officer = g_strdup (!is_blank (options->officer) ? options->officer : event->actor);
  request->officer_phone = g_strdup (options->officer_phone);
  *out = g_steal_pointer (&request);
  return mc_form_new_supplement (dossier, settings, *out);
}

static McForm *
refusal_form (const McDossier        *dossier,
              const McOfficeSettings *settings,
              GPtrArray              *history,
              const FormOptions      *options,
              McRefusal             **out)
{
  const McDossierEvent *event = mc_form_history_last_move_to (history, MC_STATUS_REFUSED);
  g_autoptr(McRefusal) refusal = NULL;

  if (event == NULL)
    {
      mc_cli_print_error (_("Dossier %s was not refused: record the refusal first "
                            "(motcua-cli move %s --to refused --note REASON)"), dossier->code, dossier->code);
      return NULL;
    }
  refusal = mc_refusal_new ();
  /* A note is kept on one line: several reasons are separated by ";", one per line on paper. */
  refusal->reasons = g_strdelimit (g_strdup (!is_blank (options->reason) ? options->reason : event->note), ";", '\n');
  if (is_blank (refusal->reasons))
    {
      mc_cli_print_error (_("The refusal of dossier %s gives no reason: give --reason"), dossier->code);
      return NULL;
    }
  refusal->refused_at = event->at;
  refusal->clerk = g_strdup (event->actor);
  *out = g_steal_pointer (&refusal);
  return mc_form_new_refusal (dossier, settings, *out);
}

static McForm *
apology_form (const McDossier        *dossier,
              const McOfficeSettings *settings,
              const FormOptions      *options,
              McApology             **out)
{
  g_autoptr(McApology) apology = mc_apology_new ();
  g_autoptr(GError) error = NULL;
  McTime due = dossier->current_due_at != MC_TIME_NONE ? dossier->current_due_at : dossier->due_at;

  if (mc_status_is_finished (dossier->status) || mc_status_is_closed (dossier->status)
      || dossier->status == MC_STATUS_SUBMITTED_ONLINE)
    {
      mc_cli_print_error (_("Dossier %s is not being processed (%s): there is nothing to apologise for"),
                          dossier->code, mc_status_describe (dossier->status));
      return NULL;
    }
  if (due == MC_TIME_NONE)
    {
      mc_cli_print_error (_("Dossier %s has no statutory processing time: it cannot be late"), dossier->code);
      return NULL;
    }
  if (is_blank (options->reason) || options->new_due == NULL)
    {
      mc_cli_print_error (_("Form 04 needs --reason and --new-due “YYYY-MM-DD HH:MM”"));
      return NULL;
    }
  if (!mc_time_parse_local (options->new_due, &apology->new_due_at, &error))
    {
      mc_cli_print_error ("%s", error->message);
      return NULL;
    }
  if (apology->new_due_at <= due)
    {
      g_autofree char *shown = mc_time_format_local (due);

      mc_cli_print_error (_("The new appointment must come after the current one (%s)"), shown);
      return NULL;
    }
  apology->issued_at = mc_time_now ();
  if (options->at != NULL && !mc_time_parse_local (options->at, &apology->issued_at, &error))
    {
      mc_cli_print_error ("%s", error->message);
      return NULL;
    }
  apology->reason = g_strdup (options->reason);
  apology->signer = g_strdup (options->signer);
  *out = g_steal_pointer (&apology);
  return mc_form_new_apology (dossier, settings, *out);
}

static McForm *
stop_form (const McDossier        *dossier,
           const McOfficeSettings *settings,
           GPtrArray              *history,
           const FormOptions      *options,
           McStopNotice          **out)
{
  const McDossierEvent *event = mc_form_history_last_move_to (history, MC_STATUS_STOPPED);
  g_autoptr(McStopNotice) notice = NULL;

  if (event == NULL)
    {
      mc_cli_print_error (_("Processing of dossier %s was not stopped: record it first "
                            "(motcua-cli move %s --to stopped --note REASON)"), dossier->code, dossier->code);
      return NULL;
    }
  notice = mc_stop_notice_new ();
  notice->reason = g_strdup (!is_blank (options->reason) ? options->reason : event->note);
  if (is_blank (notice->reason))
    {
      mc_cli_print_error (_("The stop of dossier %s gives no reason: give --reason"), dossier->code);
      return NULL;
    }
  notice->stage = g_strdup (mc_status_is_valid (event->from_status)
                            ? mc_status_describe ((McStatus) event->from_status) : NULL);
  notice->decision = g_strdup (options->decision);
  notice->signer = g_strdup (options->signer);
  notice->stopped_at = event->at;
  *out = g_steal_pointer (&notice);
  return mc_form_new_stop (dossier, settings, *out);
}

/* The hand-overs of a dossier's history as the window prints them (mc-form-history): to
 * the deciding agency, between departments (each judged against its step's share of the
 * time), back to the counter, and the result to the applicant. */
static GPtrArray *
control_slip_handovers (McStore          *store,
                        const McDossier  *dossier,
                        GError          **error)
{
  g_autoptr(GPtrArray) moves = mc_store_get_handover_history (store, dossier->code, error);
  g_autoptr(GPtrArray) plan = moves != NULL ? mc_store_get_step_plan (store, dossier, error) : NULL;

  if (plan == NULL)
    return NULL;
  return mc_form_handovers_from_history_with_plan (dossier, mc_store_get_settings (store),
                                                   mc_store_get_work_calendar (store), moves, plan);
}

McCliStatus
mc_cli_form (McCli *cli)
{
  FormOptions options = { 0 };
  g_autofree char *pdf = NULL;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the form to this PDF file, required"), N_("FILE") },
    { "reason", 0, 0, G_OPTION_ARG_FILENAME, &options.reason,
      N_("The reason (02, 03, 05: instead of the note of the move; 04: required)"), N_("TEXT") },
    { "item", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.items,
      N_("02: a document to add or correct, instead of the note's list (repeatable); FORM is original, "
         "certified-copy, copy or original-or-copy"), N_("“NAME[|FORM[|COPIES]]”") },
    { "officer", 0, 0, G_OPTION_ARG_FILENAME, &options.officer,
      N_("02: the officer to call (default: who recorded the request)"), N_("NAME") },
    { "officer-phone", 0, 0, G_OPTION_ARG_FILENAME, &options.officer_phone,
      N_("02: the officer’s phone number"), N_("PHONE") },
    { "new-due", 0, 0, G_OPTION_ARG_FILENAME, &options.new_due,
      N_("04: the new appointment, required"), N_("“YYYY-MM-DD HH:MM”") },
    { "at", 0, 0, G_OPTION_ARG_FILENAME, &options.at,
      N_("04: the date of the letter (default: now)"), N_("“YYYY-MM-DD HH:MM”") },
    { "signer", 0, 0, G_OPTION_ARG_FILENAME, &options.signer,
      N_("04, 05: the head of the agency who signs"), N_("NAME") },
    { "decision", 0, 0, G_OPTION_ARG_FILENAME, &options.decision,
      N_("05: the decision taken (default: processing stops from the moment recorded)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(McForm) form = NULL;
  g_autoptr(McSupplementRequest) supplement = NULL;
  g_autoptr(McRefusal) refusal = NULL;
  g_autoptr(McApology) apology = NULL;
  g_autoptr(McStopNotice) stop = NULL;
  g_autoptr(GPtrArray) handovers = NULL;
  g_autofree char *code = NULL;
  const McOfficeSettings *settings;
  const char *number;
  McStore *store;
  gint64 kind = 0;
  McCliStatus status = MC_CLI_REFUSED;

  if (!mc_cli_parse_options (cli, entries, 2, 2))
    goto out;
  number = cli->args[1];
  if (!g_ascii_string_to_signed (number, 10, MC_FORM_SUPPLEMENT, MC_FORM_CONTROL, &kind, NULL))
    {
      status = mc_cli_usage_error (cli, _("Unknown form “%s”: forms 02 to 06 are printed here (01 with “slip”, "
                                          "07 with “register”)"), number);
      goto out;
    }
  if (pdf == NULL || *pdf == '\0')
    {
      status = mc_cli_usage_error (cli, _("The option --pdf FILE is required"));
      goto out;
    }
  if ((store = mc_cli_open_store (cli)) == NULL)
    goto out;

  settings = mc_store_get_settings (store);
  if ((code = mc_scanned_input_to_code (cli->args[2], settings->lookup_url_template, &error)) == NULL
      || (dossier = mc_store_get_dossier (store, code, &error)) == NULL
      || (history = mc_store_get_history (store, code, &error)) == NULL)
    {
      status = mc_cli_fail (error);
      goto out;
    }

  switch ((McFormKind) kind)
    {
    case MC_FORM_SUPPLEMENT:
      form = supplement_form (dossier, settings, history, &options, &supplement);
      break;
    case MC_FORM_REFUSAL:
      form = refusal_form (dossier, settings, history, &options, &refusal);
      break;
    case MC_FORM_APOLOGY:
      form = apology_form (dossier, settings, &options, &apology);
      break;
    case MC_FORM_STOP:
      form = stop_form (dossier, settings, history, &options, &stop);
      break;
    case MC_FORM_CONTROL:
      if (dossier->status == MC_STATUS_SUBMITTED_ONLINE || dossier->status == MC_STATUS_REFUSED)
        {
          mc_cli_print_error (_("Dossier %s was not taken in for processing (%s): it has no control slip"),
                              dossier->code, mc_status_describe (dossier->status));
          break;
        }
      if ((handovers = control_slip_handovers (store, dossier, &error)) == NULL)
        {
          status = mc_cli_fail (error);
          goto out;
        }
      form = mc_form_new_control (dossier, settings, handovers);
      break;
    default:
      g_assert_not_reached ();
    }
  if (form == NULL)
    goto out;

  if (!mc_form_render_pdf (form, pdf, &error))
    {
      status = mc_cli_fail (error);
      goto out;
    }

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();

      cJSON_AddStringToObject (root, "form", mc_form_kind_number ((McFormKind) kind, dossier->received_at));
      cJSON_AddStringToObject (root, "title", mc_form_kind_title ((McFormKind) kind, dossier->received_at));
      cJSON_AddStringToObject (root, "code", dossier->code);
      cJSON_AddStringToObject (root, "pdf", pdf);
      mc_cli_print_json (root);
    }
  else
    mc_cli_print (_("Form %s of dossier %s written to “%s”.\n"),
                  mc_form_kind_number ((McFormKind) kind, dossier->received_at), dossier->code, pdf);
  status = MC_CLI_OK;

out:
  g_strfreev (options.items);
  g_free (options.reason);
  g_free (options.officer);
  g_free (options.officer_phone);
  g_free (options.new_due);
  g_free (options.at);
  g_free (options.signer);
  g_free (options.decision);
  return status;
}

McCliStatus
mc_cli_register (McCli *cli)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_text,
      N_("First day of the period (dossiers received from then), required"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_text,
      N_("Last day of the period, included, required"), N_("YYYY-MM-DD") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the register to this PDF file (landscape A4)"),
      N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the register to this CSV file (UTF-8, for Excel)"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(McRegister) reg = NULL;
  McStore *store;
  McDay from_day, to_day;

  if (!mc_cli_parse_options (cli, entries, 0, 0))
    return MC_CLI_USAGE;
  if (from_text == NULL || to_text == NULL)
    return mc_cli_usage_error (cli, _("--from and --to are required"));
  if ((pdf == NULL || *pdf == '\0') && (csv == NULL || *csv == '\0'))
    return mc_cli_usage_error (cli, _("Give --pdf FILE or --csv FILE (or both)"));
  if (!mc_day_parse (from_text, &from_day, &error) || !mc_day_parse (to_text, &to_day, &error))
    return mc_cli_fail (error);
  if (to_day < from_day)
    {
      mc_cli_print_error (_("The period ends before it begins: %s to %s"), from_text, to_text);
      return MC_CLI_REFUSED;
    }
  if ((store = mc_cli_open_store (cli)) == NULL)
    return MC_CLI_REFUSED;

  /* The store reads [from, to): the day after the last day, at midnight. */
  entries_found = mc_store_list_register (store, mc_time_from_local (from_day, 0),
                                          mc_time_from_local (to_day + 1, 0), &error);
  if (entries_found == NULL)
    return mc_cli_fail (error);
  reg = mc_register_new (mc_store_get_settings (store), from_day, to_day);
  for (guint i = 0; i < entries_found->len; i++)
    {
      const McRegisterEntry *entry = g_ptr_array_index (entries_found, i);
      McRegisterRow row = { entry->dossier, entry->handed_over_at, entry->verdict };

      mc_register_add_row (reg, &row);
    }

  if (pdf != NULL && *pdf != '\0' && !mc_register_render_pdf (reg, pdf, &error))
    return mc_cli_fail (error);
  if (csv != NULL && *csv != '\0' && !mc_register_write_csv (reg, csv, &error))
    return mc_cli_fail (error);

  if (cli->json)
    {
      cJSON *root = cJSON_CreateObject ();
      g_autofree char *from_shown = mc_day_format (from_day);
      g_autofree char *to_shown = mc_day_format (to_day);

      cJSON_AddStringToObject (root, "from", from_shown);
      cJSON_AddStringToObject (root, "to", to_shown);
      cJSON_AddNumberToObject (root, "dossiers", (double) mc_register_get_n_rows (reg));
      if (pdf != NULL && *pdf != '\0')
        {
          cJSON_AddStringToObject (root, "pdf", pdf);
          cJSON_AddNumberToObject (root, "pages", (double) mc_register_get_n_pages (reg));
        }
      mc_cli_json_add_string (root, "csv", csv != NULL && *csv != '\0' ? csv : NULL);
      mc_cli_print_json (root);
    }
  else
    {
      mc_cli_print (g_dngettext (GETTEXT_PACKAGE, "Register of %u dossier received from %s to %s",
                                 "Register of %u dossiers received from %s to %s", mc_register_get_n_rows (reg)),
                    mc_register_get_n_rows (reg), from_text, to_text);
      if (pdf != NULL && *pdf != '\0')
        mc_cli_print (g_dngettext (GETTEXT_PACKAGE, ": %u page written to “%s”", ": %u pages written to “%s”",
                                   mc_register_get_n_pages (reg)),
                      mc_register_get_n_pages (reg), pdf);
      if (csv != NULL && *csv != '\0')
        mc_cli_print (_(", CSV written to “%s”"), csv);
      mc_cli_print (".\n");
    }
  return MC_CLI_OK;
}
