/* mc-dossier-row.h — one row of a dossier list: the columns a clerk reads (code, applicant,
 * procedure, received, appointment, status) as properties, and the deadline mark. Rows are
 * live: when the dossier changes, the model updates the row and the bound cells follow
 * through property notifications. Knows GIO, not GTK, so the list can be measured without a
 * display. */
#pragma once

#include <glib-object.h>

#include "mc-store.h"

G_BEGIN_DECLS

typedef enum
{
  MC_DOSSIER_MARK_NONE,
  MC_DOSSIER_MARK_DUE_SOON,
  MC_DOSSIER_MARK_OVERDUE,
} McDossierMark;

#define MC_TYPE_DOSSIER_MARK (mc_dossier_mark_get_type ())
GType mc_dossier_mark_get_type (void);

#define MC_TYPE_DOSSIER_ROW (mc_dossier_row_get_type ())
G_DECLARE_FINAL_TYPE (McDossierRow, mc_dossier_row, MC, DOSSIER_ROW, GObject)

/* A row for dossier @id; @summary NULL gives a row with only the id (a dossier that vanished
 * between the list's query and the fetch of its page). */
McDossierRow   *mc_dossier_row_new                (gint64                  id,
                                                   const McDossierSummary *summary,
                                                   McDossierMark           mark);
/* Takes the new values, notifying only the properties that changed. */
void            mc_dossier_row_update             (McDossierRow           *self,
                                                   const McDossierSummary *summary,
                                                   McDossierMark           mark);

gint64          mc_dossier_row_get_id             (McDossierRow *self);
const char     *mc_dossier_row_get_code           (McDossierRow *self);
const char     *mc_dossier_row_get_applicant_name (McDossierRow *self);
const char     *mc_dossier_row_get_procedure_name (McDossierRow *self);
McStatus        mc_dossier_row_get_status         (McDossierRow *self);
const char     *mc_dossier_row_get_status_text    (McDossierRow *self);   /* the portal's Vietnamese name */
McTime          mc_dossier_row_get_received_at    (McDossierRow *self);
const char     *mc_dossier_row_get_received_text  (McDossierRow *self);   /* dd/MM/yyyy HH:mm */
McTime          mc_dossier_row_get_due_at         (McDossierRow *self);   /* current appointment */
const char     *mc_dossier_row_get_due_text       (McDossierRow *self);   /* dd/MM/yyyy HH:mm, "—" without one */
McDossierMark   mc_dossier_row_get_mark           (McDossierRow *self);
const char     *mc_dossier_row_get_mark_text      (McDossierRow *self);   /* "Due soon", "Overdue", "" */
const char     *mc_dossier_row_get_mark_icon_name (McDossierRow *self);   /* NULL without a mark */
const char     *mc_dossier_row_get_mark_css_class (McDossierRow *self);   /* "due-soon", "overdue", NULL */

/* dd/MM/yyyy HH:mm in local time (UTC+7); "—" for MC_TIME_NONE. */
char           *mc_dossier_row_format_time        (McTime        t);

G_END_DECLS
