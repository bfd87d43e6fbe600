/* mc-procedure-chooser.h — the receive form's procedure field: type part of a procedure's
 * name without diacritics, or its code, and pick it from the list under the field with the
 * arrow keys and Enter. */
#pragma once

#include <gtk/gtk.h>

#include "mc-catalogue.h"

G_BEGIN_DECLS

#define MC_TYPE_PROCEDURE_CHOOSER (mc_procedure_chooser_get_type ())
G_DECLARE_FINAL_TYPE (McProcedureChooser, mc_procedure_chooser, MC, PROCEDURE_CHOOSER, GtkWidget)

/* The catalogue to choose from: McProcedure* (a reference is kept; the array must not change
 * afterwards). The current choice is kept when the new catalogue has its code. */
void               mc_procedure_chooser_set_procedures (McProcedureChooser *self,
                                                        GPtrArray          *procedures);
/* The chosen procedure (borrowed, valid until the catalogue changes), or NULL. Changes are
 * announced by notify::procedure-code. */
const McProcedure *mc_procedure_chooser_get_procedure  (McProcedureChooser *self);
const char        *mc_procedure_chooser_get_procedure_code (McProcedureChooser *self);
/* Chooses the procedure with @code (NULL: none) and shows it in the field. FALSE if the
 * catalogue has no such code. */
gboolean           mc_procedure_chooser_select_code    (McProcedureChooser *self,
                                                        const char         *code);
/* What the clerk typed ends here (the focus leaves the field): the list closes, and a search
 * that matches exactly one procedure chooses it. */
void               mc_procedure_chooser_commit         (McProcedureChooser *self);
/* The number of procedures the typed text matches (what the list shows). */
guint              mc_procedure_chooser_get_n_matches  (McProcedureChooser *self);
/* The text field (a GtkEntry named "procedure-entry"). */
GtkWidget         *mc_procedure_chooser_get_entry      (McProcedureChooser *self);
/* Empties the field and the choice. */
void               mc_procedure_chooser_clear          (McProcedureChooser *self);

G_END_DECLS
