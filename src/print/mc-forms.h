/* mc-forms.h — forms 02 to 06 of the one-stop-shop (Circular 03/2025/TT-VPCP; 01/2018's
 * numbers where they differ): the supplement request, the refusal, the apology with a new
 * appointment, the notice of stopped processing and the processing control slip. Each is
 * drawn with the same page as the receipt slip and saved as PDF.
 *
 * What a form says beyond the dossier comes in a plain struct that the caller fills (the
 * workflow from the move it records, the CLI from the dossier's history and its options):
 * the print layer draws values and knows nothing of the store. A McForm borrows the
 * dossier, the settings and that struct; keep them alive while the form is drawn.
 */
#pragma once

#include "mc-deadline.h"
#include "mc-dossier.h"
#include "mc-form-page.h"
#include "mc-office-settings.h"

G_BEGIN_DECLS

typedef enum
{
  MC_FORM_SUPPLEMENT = 2,     /* Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ */
  MC_FORM_REFUSAL    = 3,     /* Phiếu từ chối tiếp nhận giải quyết hồ sơ */
  MC_FORM_APOLOGY    = 4,     /* Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết */
  MC_FORM_STOP       = 5,     /* Thông báo dừng giải quyết hồ sơ */
  MC_FORM_CONTROL    = 6,     /* Phiếu kiểm soát quá trình giải quyết hồ sơ */
} McFormKind;

/* One thing to add or correct. */
typedef struct
{
  char           *name;       /* the document, or what to correct in it */
  McDocumentForm  form;
  gboolean        has_form;   /* FALSE: the form column is left blank */
  int             copies;     /* 0: not stated */
} McSupplementItem;

/* Form 02: the clock stops from @requested_at until the applicant delivers. */
typedef struct
{
  GPtrArray *items;           /* McSupplementItem* (owned), at least one */
  char      *reason;          /* why the dossier is not complete, or NULL */
  McTime     requested_at;
  char      *officer;         /* whom to call with questions (name) */
  char      *officer_phone;   /* may be NULL: a blank to fill in */
} McSupplementRequest;

/* Form 03. */
typedef struct
{
  char   *reasons;            /* one reason per line */
  McTime  refused_at;
  char   *clerk;
} McRefusal;

/* Form 04: the apology of the deciding agency for a dossier that will be late. The
 * original appointment is the dossier's own (due_at, and current_due_at after clock stops);
 * the new one never replaces it. */
typedef struct
{
  char   *reason;
  McTime  new_due_at;
  McTime  issued_at;
  char   *signer;             /* the head of the agency, or NULL for a blank */
} McApology;

/* Form 05. */
typedef struct
{
  char   *stage;              /* where the dossier stood ("Đang xử lý") */
  char   *reason;
  char   *decision;           /* the decision taken, or NULL for the standard wording */
  McTime  stopped_at;
  char   *signer;             /* may be NULL */
} McStopNotice;

/* Form 06: one hand-over of the dossier between the counter and a department. */
typedef struct
{
  char      *giver_unit;      /* "Bộ phận Một cửa", the deciding agency, a department */
  char      *receiver_unit;
  McTime     at;
  char      *giver;           /* names under the signature boxes, may be NULL */
  char      *receiver;
  McVerdict  verdict;         /* early / on time / late for a step that ends; NONE: not judged */
  char      *note;            /* may be NULL */
} McHandover;

typedef struct _McForm McForm;

McSupplementItem    *mc_supplement_item_new        (const char          *name,
                                                    McDocumentForm       form,
                                                    gboolean             has_form,
                                                    int                  copies);
void                 mc_supplement_item_free       (McSupplementItem    *item);
McSupplementRequest *mc_supplement_request_new     (void);
void                 mc_supplement_request_free    (McSupplementRequest *request);
McRefusal           *mc_refusal_new                (void);
void                 mc_refusal_free               (McRefusal           *refusal);
McApology           *mc_apology_new                (void);
void                 mc_apology_free               (McApology           *apology);
McStopNotice        *mc_stop_notice_new            (void);
void                 mc_stop_notice_free           (McStopNotice        *notice);
McHandover          *mc_handover_new               (void);
void                 mc_handover_free              (McHandover          *handover);

/* The forms; each borrows what it is given. */
McForm              *mc_form_new_supplement        (const McDossier           *dossier,
                                                    const McOfficeSettings    *settings,
                                                    const McSupplementRequest *request);
McForm              *mc_form_new_refusal           (const McDossier           *dossier,
                                                    const McOfficeSettings    *settings,
                                                    const McRefusal           *refusal);
McForm              *mc_form_new_apology           (const McDossier           *dossier,
                                                    const McOfficeSettings    *settings,
                                                    const McApology           *apology);
McForm              *mc_form_new_stop              (const McDossier           *dossier,
                                                    const McOfficeSettings    *settings,
                                                    const McStopNotice        *notice);
/* @handovers: McHandover*, in order. While the dossier is still being processed, blank
 * rows follow for the hand-overs still to come, written by hand. */
McForm              *mc_form_new_control           (const McDossier           *dossier,
                                                    const McOfficeSettings    *settings,
                                                    const GPtrArray           *handovers);
void                 mc_form_free                  (McForm                    *form);

McFormKind           mc_form_get_kind              (const McForm              *form);
/* The form's number ("02" … "06") and its title as printed ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN
 * THIỆN HỒ SƠ") in the version in force on the day a dossier was received (@received_at;
 * MC_TIME_NONE: today's version). Titles and numbers are data: a table in mc-forms.c. */
const char          *mc_form_kind_number           (McFormKind                 kind,
                                                    McTime                     received_at);
const char          *mc_form_kind_title            (McFormKind                 kind,
                                                    McTime                     received_at);

/* The number of pages at this paper size, measured on @cr (what a print operation's
 * begin-print does). */
guint                mc_form_count_pages           (McForm                    *form,
                                                    cairo_t                   *cr,
                                                    double                     width_pt,
                                                    double                     height_pt);
/* Draws page @page_nr (from 0) without showing it: a print operation's draw-page. */
void                 mc_form_draw_page             (McForm                    *form,
                                                    cairo_t                   *cr,
                                                    double                     width_pt,
                                                    double                     height_pt,
                                                    guint                      page_nr);
/* Draws every page, each followed by cairo_show_page (). */
void                 mc_form_draw                  (McForm                    *form,
                                                    cairo_t                   *cr,
                                                    double                     width_pt,
                                                    double                     height_pt);
/* Writes the form (A4 portrait) to the PDF file @path. */
gboolean             mc_form_render_pdf            (McForm                    *form,
                                                    const char                *path,
                                                    GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSupplementItem, mc_supplement_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSupplementRequest, mc_supplement_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McRefusal, mc_refusal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McApology, mc_apology_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McStopNotice, mc_stop_notice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McHandover, mc_handover_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McForm, mc_form_free)

G_END_DECLS
