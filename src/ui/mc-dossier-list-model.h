/* mc-dossier-list-model.h — a GListModel of McDossierRow over a whole database: the ids of
 * a filtered, ordered list are loaded in one query off the main thread, and rows are built
 * only for the positions a view asks for, a page at a time. Knows GIO, not GTK. */
#pragma once

#include <gio/gio.h>

#include "mc-dossier-row.h"
#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_DOSSIER_LIST_MODEL (mc_dossier_list_model_get_type ())
G_DECLARE_FINAL_TYPE (McDossierListModel, mc_dossier_list_model, MC, DOSSIER_LIST_MODEL, GObject)

/* Rows fetched together when a view asks for a position that is not cached. */
#define MC_DOSSIER_LIST_PAGE_SIZE 200

/* A model over the database at @db_path (opened on connections of its own), starting to load
 * @query (NULL: every dossier, newest first) at once. Empty until the first load is done. */
McDossierListModel *mc_dossier_list_model_new            (const char            *db_path,
                                                          const McDossierQuery  *query);

/* Replaces the filter and order and reloads; the current ids stay until the new ones come. */
void                mc_dossier_list_model_set_query      (McDossierListModel    *self,
                                                          const McDossierQuery  *query);
void                mc_dossier_list_model_get_query      (McDossierListModel    *self,
                                                          McDossierQuery        *query);
/* Lists the dossiers behind a dashboard figure (mc_store_list_figure_ids: the figure, its
 * period, group and lateness) instead of the query, until the next set_query; NULL goes back
 * to the query. @filter is copied; a zero now means "now" at every load. */
void                mc_dossier_list_model_set_figure     (McDossierListModel    *self,
                                                          const McFigureFilter  *filter);
/* TRUE while the model lists a figure's dossiers; *@filter (may be NULL) gets it, its
 * group key borrowed from the model. */
gboolean            mc_dossier_list_model_get_figure     (McDossierListModel    *self,
                                                          McFigureFilter        *filter);
/* Runs the query again (a dossier was received or moved, time passed): rows that stayed keep
 * their positions and objects, with their values refreshed; items-changed covers only the
 * range between the first and the last position that differ. */
void                mc_dossier_list_model_reload         (McDossierListModel    *self);

/* TRUE from a (re)load's start until its ids are in place. */
gboolean            mc_dossier_list_model_is_loading     (McDossierListModel    *self);
/* The error of the last load, or NULL. */
const GError       *mc_dossier_list_model_get_error      (McDossierListModel    *self);

/* The dossier id at @position (no row is built); 0 past the end. */
gint64              mc_dossier_list_model_get_id         (McDossierListModel    *self,
                                                          guint                  position);
/* The position of dossier @id in the current list, or -1. A linear scan. */
gint                mc_dossier_list_model_find           (McDossierListModel    *self,
                                                          gint64                 id);

/* How many row objects and pages of rows this model built and fetched since it was made:
 * the view's laziness made visible (tests, benchmarks). */
guint               mc_dossier_list_model_get_n_rows_built   (McDossierListModel *self);
guint               mc_dossier_list_model_get_n_pages_fetched (McDossierListModel *self);
/* Milliseconds the last load's id query took on its worker thread. */
double              mc_dossier_list_model_get_load_ms    (McDossierListModel    *self);

G_END_DECLS
