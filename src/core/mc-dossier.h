/* mc-dossier.h — a dossier (hồ sơ) as a value: the draft a clerk fills in, its
 * validation against the procedure, and the stored record with its history.
 *
 * Validation lives here, not in the UI or the store, so that the form, the CLI and the
 * portal pull all refuse the same bad input with the same message.
 */
#pragma once

#include "mc-applicant.h"
#include "mc-catalogue.h"
#include "mc-status.h"

G_BEGIN_DECLS

typedef enum
{
  MC_CHANNEL_COUNTER = 1,   /* the portal's KenhThucHien */
  MC_CHANNEL_ONLINE  = 2,
  MC_CHANNEL_POST    = 3,
} McChannel;

/* Field limits the portal enforces (portal-api.md). */
#define MC_SUMMARY_MAX_CHARS 1000
#define MC_NAME_MAX_CHARS    200

typedef struct
{
  char           *code;      /* the catalogue's document code, or NULL for an extra document */
  char           *name;
  McDocumentForm  form;
  int             copies;
} McReceivedDocument;

typedef struct
{
  char            *procedure_code;
  McApplicantKind  applicant_kind;
  char            *applicant_name;
  char            *id_number;       /* CCCD or tax code */
  McDay            birth_day;
  gboolean         has_birth_day;
  char            *phone;           /* may be NULL */
  char            *email;           /* may be NULL */
  char            *address;         /* may be NULL */
  McChannel        channel;
  int              sets;            /* số bộ hồ sơ */
  char            *summary;         /* may be NULL: made from the procedure and the name */
  char            *note;            /* may be NULL */
  McTime           received_at;     /* MC_TIME_NONE: now */
  GPtrArray       *documents;       /* McReceivedDocument* (owned) */
} McDossierDraft;

typedef struct
{
  gint64           id;
  char            *code;
  char            *procedure_code;
  char            *procedure_name;
  char            *field_code;
  char            *field_name;
  char            *deciding_agency;
  char            *receiving_office;
  McTimeLimit      time_limit;       /* as in force on the day of receipt */
  McPauseRule      pause_rule;
  McApplicantKind  applicant_kind;
  char            *applicant_name;
  char            *id_number;
  char            *phone;
  char            *email;
  char            *address;
  McChannel        channel;
  int              sets;
  char            *summary;
  char            *note;
  McStatus         status;
  McTime           received_at;
  McTime           due_at;           /* the original appointment (on the slip); MC_TIME_NONE if no time */
  McTime           current_due_at;   /* after pauses; on-time figures still use due_at */
  McTime           finished_at;      /* result ready, or MC_TIME_NONE */
  McTime           returned_at;
  char            *clerk;
  gint64           revision;         /* grows with every change: the portal never gets an older one */
  McTime           updated_at;
  GPtrArray       *documents;        /* McReceivedDocument* (owned) */
} McDossier;

typedef struct
{
  gint64    id;
  McTime    at;
  char     *actor;
  int       from_status;             /* 0 for the first entry */
  McStatus  to_status;
  char     *note;
} McDossierEvent;

McDossierDraft     *mc_dossier_draft_new        (void);
void                mc_dossier_draft_free       (McDossierDraft       *draft);
/* Adds a received document; @code may be NULL. */
void                mc_dossier_draft_add_document (McDossierDraft     *draft,
                                                 const char           *code,
                                                 const char           *name,
                                                 McDocumentForm        form,
                                                 int                   copies);
/* Checks and normalises the draft in place against @procedure: names NFC and trimmed,
 * ID by applicant kind, phone canonical, e-mail, sets ≥ 1, the document checklist
 * (documents matched to the procedure's list by code or folded name), summary made and
 * bounded. The first problem is reported; the draft may be partly normalised. */
gboolean            mc_dossier_draft_validate   (McDossierDraft       *draft,
                                                 const McProcedure    *procedure,
                                                 GError              **error);

McReceivedDocument *mc_received_document_new    (const char           *code,
                                                 const char           *name,
                                                 McDocumentForm        form,
                                                 int                   copies);
void                mc_received_document_free   (McReceivedDocument   *document);

McDossier          *mc_dossier_new              (void);
void                mc_dossier_free             (McDossier            *dossier);
McDossierEvent     *mc_dossier_event_new        (void);
void                mc_dossier_event_free       (McDossierEvent       *event);

const char         *mc_channel_to_string        (McChannel             channel); /* "counter", "online", "post" */
gboolean            mc_channel_parse            (const char           *text,
                                                 McChannel            *out,
                                                 GError              **error);
const char         *mc_channel_describe         (McChannel             channel); /* Vietnamese */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDossierDraft, mc_dossier_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDossier, mc_dossier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McDossierEvent, mc_dossier_event_free)

G_END_DECLS
