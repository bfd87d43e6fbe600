/* mc-document-checklist.h — the documents of a procedure as the clerk checks them at the
 * counter: a tick for each document handed over, its form (original, certified copy, copy)
 * and its number of copies; mandatory documents marked, one-of alternatives grouped.
 * ::changed is emitted whenever a tick, a form or a count changes. */
#pragma once

#include <gtk/gtk.h>

#include "mc-catalogue.h"
#include "mc-dossier.h"

G_BEGIN_DECLS

#define MC_TYPE_DOCUMENT_CHECKLIST (mc_document_checklist_get_type ())
G_DECLARE_FINAL_TYPE (McDocumentChecklist, mc_document_checklist, MC, DOCUMENT_CHECKLIST, GtkWidget)

/* Shows the documents of @procedure (copied; NULL: none), nothing ticked. Each document's
 * widgets are named "document-CODE" (the tick), "document-CODE-form" and
 * "document-CODE-copies". */
void     mc_document_checklist_set_procedure  (McDocumentChecklist *self,
                                               const McProcedure   *procedure);
/* Unticks every document and puts back the catalogue's form and count. */
void     mc_document_checklist_reset          (McDocumentChecklist *self);
/* Whether the ticks satisfy the procedure; the error names the mandatory documents or the
 * groups still missing (mc_procedure_check_documents). */
gboolean mc_document_checklist_check          (McDocumentChecklist *self,
                                               GError             **error);
/* Adds each ticked document, with the form and count chosen, to @draft. */
void     mc_document_checklist_fill_draft     (McDocumentChecklist *self,
                                               McDossierDraft      *draft);
/* Puts the keyboard on the first document that keeps the check from passing (a mandatory
 * one unticked, else the first of a group with none ticked), or on the first document. */
gboolean mc_document_checklist_focus_first_missing (McDocumentChecklist *self);
guint    mc_document_checklist_get_n_ticked   (McDocumentChecklist *self);

G_END_DECLS
