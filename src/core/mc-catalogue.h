/* mc-catalogue.h — the procedure catalogue (danh mục thủ tục hành chính).
 *
 * Plain structs parsed from the project's catalogue JSON (data/catalogue/procedures.json,
 * format described in data/catalogue/README.md). Parsing is all-or-nothing: a malformed
 * document is refused whole, and the error names the place ("procedures[3].documents[1].copies")
 * and the problem, in Vietnamese.
 */
#pragma once

#include "mc-deadline.h"

/* The largest time limit the catalogue keeps, in working days or working hours: 1000 is far
 * beyond any statutory time, so a bigger figure is a typo. */
#define MC_CATALOGUE_MAX_TIME_AMOUNT 1000

G_BEGIN_DECLS

typedef enum
{
  MC_LEVEL_COMMUNE,
  MC_LEVEL_PROVINCE,
} McProcedureLevel;

typedef enum
{
  MC_DOCUMENT_ORIGINAL,            /* bản chính */
  MC_DOCUMENT_CERTIFIED_COPY,      /* bản sao có chứng thực */
  MC_DOCUMENT_COPY,                /* bản sao / bản chụp */
  MC_DOCUMENT_ORIGINAL_OR_COPY,    /* bản chính hoặc bản sao (xuất trình bản chính) */
} McDocumentForm;

typedef struct
{
  char           *code;            /* mã thành phần hồ sơ, stable within the procedure */
  char           *name;
  McDocumentForm  form;
  int             copies;          /* số lượng */
  gboolean        mandatory;
  char           *one_of;          /* non-NULL: at least one document of this group is required */
  char           *condition;       /* when the document applies, or NULL */
} McRequiredDocument;

typedef struct
{
  char   *code;
  char   *name;
  gint64  amount;                  /* VND; -1 when set locally (HĐND) or unknown */
  char   *note;                    /* e.g. "Miễn phí nếu đăng ký đúng hạn" */
} McProcedureFee;

typedef struct
{
  char *department;
  int   share_percent;             /* of the processing time */
} McProcedureStep;

typedef struct
{
  char             *code;          /* mã TTHC, e.g. "1.001193" */
  char             *name;
  char             *field_code;
  char             *field_name;
  McProcedureLevel  level;
  char             *agency;        /* deciding agency */
  McTimeLimit       time_limit;
  McPauseRule       pause_rule;
  char             *time_note;     /* e.g. "Trường hợp cần xác minh: không quá 5 ngày làm việc" */
  GPtrArray        *documents;     /* McRequiredDocument* (owned) */
  GPtrArray        *fees;          /* McProcedureFee* (owned) */
  GPtrArray        *steps;         /* McProcedureStep* (owned) */
  char             *legal_basis;
  char             *source;        /* where the facts come from */
  char             *uncertain;     /* what is not verified, or NULL */
} McProcedure;

typedef struct
{
  char      *version;              /* the catalogue's own version or date */
  GPtrArray *procedures;           /* McProcedure* (owned), in file order */
} McCatalogue;

McCatalogue *mc_catalogue_new_default      (GError          **error); /* bundled (GResource) */
McCatalogue *mc_catalogue_parse            (const char       *json,
                                            gsize             length,
                                            GError          **error);
char        *mc_catalogue_to_json          (const McCatalogue *self);  /* the same format */
McProcedure *mc_catalogue_lookup           (const McCatalogue *self,
                                            const char       *code);  /* borrowed */
void         mc_catalogue_free             (McCatalogue      *self);
/* Added for the bundled and the portal catalogue parsers: appends @procedure (taken, even on
 * failure) to @self, refusing a code already added with a message naming
 * "@list[i].@code_key" and where it first appeared ("@list[j]"). @seen remembers the codes
 * across calls: create it empty with g_hash_table_new (g_str_hash, g_str_equal), add every
 * procedure of @self through this function, and free it before @self (it borrows the codes). */
gboolean     mc_catalogue_add_procedure    (McCatalogue      *self,
                                            McProcedure      *procedure,
                                            const char       *list,
                                            const char       *code_key,
                                            GHashTable       *seen,
                                            GError          **error);

McProcedure *mc_procedure_copy             (const McProcedure *self);
void         mc_procedure_free             (McProcedure      *self);
/* Checks a checklist: @ticked[i] says whether documents[i] was received. A mandatory
 * document unticked, or a one_of group with none ticked, is refused with a message that
 * names it. */
gboolean     mc_procedure_check_documents  (const McProcedure *self,
                                            const gboolean   *ticked,
                                            gsize             n_ticked,
                                            GError          **error);

const char  *mc_document_form_to_string    (McDocumentForm    form);  /* "original", "certified-copy", "copy", "original-or-copy" */
gboolean     mc_document_form_from_string  (const char       *text,
                                            McDocumentForm   *out);
const char  *mc_document_form_describe     (McDocumentForm    form);  /* Vietnamese */
const char  *mc_procedure_level_to_string  (McProcedureLevel  level); /* "commune", "province" */
/* Added by the catalogue: TRUE for a national procedure code "d.dddddd", optionally followed
 * by a local suffix of dot-separated letters and digits (".000.00.00.H56"). Shared with the
 * portal's catalogue parser so that both refuse the same codes. */
gboolean     mc_procedure_code_is_valid    (const char       *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCatalogue, mc_catalogue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McProcedure, mc_procedure_free)

G_END_DECLS
