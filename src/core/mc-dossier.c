/* mc-dossier.c — dossier drafts, their validation, and the stored record's lifetime. */
#include "config.h"

#include "mc-dossier.h"
#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-text.h"

McReceivedDocument *
mc_received_document_new (const char     *code,
                          const char     *name,
                          McDocumentForm  form,
                          int             copies)
{
  McReceivedDocument *document = g_new0 (McReceivedDocument, 1);

  document->code = g_strdup (code);
  document->name = g_strdup (name);
  document->form = form;
  document->copies = copies;
  return document;
}

void
mc_received_document_free (McReceivedDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->code);
  g_free (document->name);
  g_free (document);
}

McDossierDraft *
mc_dossier_draft_new (void)
{
  McDossierDraft *draft = g_new0 (McDossierDraft, 1);

  draft->applicant_kind = MC_APPLICANT_CITIZEN;
  draft->channel = MC_CHANNEL_COUNTER;
  draft->sets = 1;
  draft->received_at = MC_TIME_NONE;
  draft->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_received_document_free);
  return draft;
}

void
mc_dossier_draft_free (McDossierDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->procedure_code);
  g_free (draft->applicant_name);
  g_free (draft->id_number);
  g_free (draft->phone);
  g_free (draft->email);
  g_free (draft->address);
  g_free (draft->summary);
  g_free (draft->note);
  g_clear_pointer (&draft->documents, g_ptr_array_unref);
  g_free (draft);
}

void
mc_dossier_draft_add_document (McDossierDraft *draft,
                               const char     *code,
                               const char     *name,
                               McDocumentForm  form,
                               int             copies)
{
  g_return_if_fail (draft != NULL);
  g_ptr_array_add (draft->documents, mc_received_document_new (code, name, form, copies));
}

/* Replaces *field by its normalised form; empty optional text becomes NULL. */
static gboolean
normalize_field (char       **field,
                 gboolean     required,
                 const char  *label,
                 GError     **error)
{
  g_autofree char *clean = NULL;

  if (*field == NULL && !required)
    return TRUE;
  clean = mc_text_normalize (*field ? *field : "", error);
  if (clean == NULL)
    {
      g_prefix_error (error, "%s: ", label);
      return FALSE;
    }
  if (*clean == '\0')
    {
      g_clear_pointer (field, g_free);
      if (required)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING, _("%s is required"), label);
          return FALSE;
        }
      return TRUE;
    }
  g_free (*field);
  *field = g_steal_pointer (&clean);
  return TRUE;
}

static gboolean
document_matches (const McReceivedDocument *received,
                  const McRequiredDocument *required)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (received->code != NULL && required->code != NULL)
    return g_str_equal (received->code, required->code);
  if (received->name == NULL || required->name == NULL)
    return FALSE;
  a = mc_text_fold (received->name);
  b = mc_text_fold (required->name);
  return g_str_equal (a, b);
}

static gboolean
validate_documents (McDossierDraft     *draft,
                    const McProcedure  *procedure,
                    GError            **error)
{
  guint n = procedure->documents ? procedure->documents->len : 0;
  g_autofree gboolean *ticked = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; i < draft->documents->len; i++)
    {
      McReceivedDocument *received = g_ptr_array_index (draft->documents, i);
      gboolean known = FALSE;

      if (received->copies < 0)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The number of copies of “%s” must not be negative"),
                       received->name ? received->name : "");
          return FALSE;
        }
      for (guint j = 0; j < n; j++)
        {
          McRequiredDocument *required = g_ptr_array_index (procedure->documents, j);

          if (document_matches (received, required))
            {
              /* Keep the catalogue's code and name, so the stored row and the portal agree. */
              if (received->code == NULL)
                received->code = g_strdup (required->code);
              g_free (received->name);
              received->name = g_strdup (required->name);
              ticked[j] = TRUE;
              known = TRUE;
              break;
            }
        }
      if (!known && (received->name == NULL || *received->name == '\0'))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("Document “%s” is not in the list of procedure %s"),
                       received->code ? received->code : "", procedure->code);
          return FALSE;
        }
    }
  return mc_procedure_check_documents (procedure, ticked, n, error);
}

gboolean
mc_dossier_draft_validate (McDossierDraft     *draft,
                           const McProcedure  *procedure,
                           GError            **error)
{
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (procedure != NULL, FALSE);

  if (!normalize_field (&draft->applicant_name, TRUE, _("Applicant name"), error) ||
      !normalize_field (&draft->id_number, draft->applicant_kind == MC_APPLICANT_CITIZEN ||
                                           draft->applicant_kind == MC_APPLICANT_ORGANISATION,
                        draft->applicant_kind == MC_APPLICANT_CITIZEN ? _("Citizen ID") : _("Tax code"),
                        error) ||
      !normalize_field (&draft->phone, FALSE, _("Phone"), error) ||
      !normalize_field (&draft->email, FALSE, _("E-mail"), error) ||
      !normalize_field (&draft->address, FALSE, _("Address"), error) ||
      !normalize_field (&draft->summary, FALSE, _("Summary"), error) ||
      !normalize_field (&draft->note, FALSE, _("Note"), error))
    return FALSE;

  if (g_utf8_strlen (draft->applicant_name, -1) > MC_NAME_MAX_CHARS)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Applicant name is longer than %d characters"), MC_NAME_MAX_CHARS);
      return FALSE;
    }

  switch (draft->applicant_kind)
    {
    case MC_APPLICANT_CITIZEN:
      if (!mc_citizen_id_validate (draft->id_number, draft->birth_day, draft->has_birth_day, error))
        return FALSE;
      break;
    case MC_APPLICANT_ORGANISATION:
      if (!mc_tax_code_validate (draft->id_number, error))
        return FALSE;
      break;
    default:
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("The applicant must be a citizen or an organisation"));
      return FALSE;
    }

  if (draft->phone != NULL)
    {
      char *canonical = mc_phone_normalize (draft->phone, error);

      if (canonical == NULL)
        return FALSE;
      g_free (draft->phone);
      draft->phone = canonical;
    }
  if (draft->email != NULL && !mc_email_validate (draft->email, error))
    return FALSE;

  if (draft->channel < MC_CHANNEL_COUNTER || draft->channel > MC_CHANNEL_POST)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("The channel must be counter, online or post"));
      return FALSE;
    }
  if (draft->sets < 1 || draft->sets > 99)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The number of sets must be between 1 and 99 (%d entered)"), draft->sets);
      return FALSE;
    }

  if (!validate_documents (draft, procedure, error))
    return FALSE;

  if (draft->summary == NULL)
    draft->summary = g_strdup_printf ("%s - %s", procedure->name, draft->applicant_name);
  if (g_utf8_strlen (draft->summary, -1) > MC_SUMMARY_MAX_CHARS)
    {
      /* The portal refuses more; cut on a character boundary rather than refuse the dossier. */
      char *end = g_utf8_offset_to_pointer (draft->summary, MC_SUMMARY_MAX_CHARS);
      *end = '\0';
    }

  g_free (draft->procedure_code);
  draft->procedure_code = g_strdup (procedure->code);
  return TRUE;
}

McDossier *
mc_dossier_new (void)
{
  McDossier *dossier = g_new0 (McDossier, 1);

  dossier->due_at = MC_TIME_NONE;
  dossier->current_due_at = MC_TIME_NONE;
  dossier->finished_at = MC_TIME_NONE;
  dossier->returned_at = MC_TIME_NONE;
  dossier->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_received_document_free);
  return dossier;
}

void
mc_dossier_free (McDossier *dossier)
{
  if (dossier == NULL)
    return;
  g_free (dossier->code);
  g_free (dossier->procedure_code);
  g_free (dossier->procedure_name);
  g_free (dossier->field_code);
  g_free (dossier->field_name);
  g_free (dossier->deciding_agency);
  g_free (dossier->receiving_office);
  g_free (dossier->applicant_name);
  g_free (dossier->id_number);
  g_free (dossier->phone);
  g_free (dossier->email);
  g_free (dossier->address);
  g_free (dossier->summary);
  g_free (dossier->note);
  g_free (dossier->clerk);
  g_clear_pointer (&dossier->documents, g_ptr_array_unref);
  g_free (dossier);
}

McDossierEvent *
mc_dossier_event_new (void)
{
  return g_new0 (McDossierEvent, 1);
}

void
mc_dossier_event_free (McDossierEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->actor);
  g_free (event->note);
  g_free (event);
}

const char *
mc_channel_to_string (McChannel channel)
{
  switch (channel)
    {
    case MC_CHANNEL_COUNTER: return "counter";
    case MC_CHANNEL_ONLINE: return "online";
    case MC_CHANNEL_POST: return "post";
    default: return "unknown";
    }
}

const char *
mc_channel_describe (McChannel channel)
{
  switch (channel)
    {
    case MC_CHANNEL_COUNTER: return "Trực tiếp tại Bộ phận Một cửa";
    case MC_CHANNEL_ONLINE: return "Trực tuyến";
    case MC_CHANNEL_POST: return "Qua dịch vụ bưu chính công ích";
    default: return "";
    }
}

gboolean
mc_channel_parse (const char  *text,
                  McChannel   *out,
                  GError     **error)
{
  static const struct { const char *name; McChannel channel; } names[] = {
    { "counter", MC_CHANNEL_COUNTER }, { "1", MC_CHANNEL_COUNTER },
    { "online", MC_CHANNEL_ONLINE }, { "2", MC_CHANNEL_ONLINE },
    { "post", MC_CHANNEL_POST }, { "3", MC_CHANNEL_POST },
  };

  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *out = names[i].channel;
        return TRUE;
      }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
               _("“%s” is not a channel (counter, online or post)"), text ? text : "");
  return FALSE;
}
