/* mc-breakdown-item.h — one row of a dashboard breakdown (a field, procedure, deciding agency
 * or clerk with its figures) as a GObject for the breakdown table's GListModel, with the
 * comparisons its sortable columns use. */
#pragma once

#include <glib-object.h>

#include "mc-figures.h"

G_BEGIN_DECLS

#define MC_TYPE_BREAKDOWN_ITEM (mc_breakdown_item_get_type ())
G_DECLARE_FINAL_TYPE (McBreakdownItem, mc_breakdown_item, MC, BREAKDOWN_ITEM, GObject)

/* A copy of @row; @rank is its place in the store's default order (overdue first). */
McBreakdownItem      *mc_breakdown_item_new       (const McBreakdownRow *row,
                                                   guint                 rank);
const McBreakdownRow *mc_breakdown_item_get_row   (McBreakdownItem      *self);
guint                 mc_breakdown_item_get_rank  (McBreakdownItem      *self);

/* @a against @b by the column of @order, ascending (a row without a rate or an average is
 * smaller than any with one); equal values compare 0, so that a view's next sorter decides. */
int                   mc_breakdown_item_compare   (McBreakdownItem      *a,
                                                   McBreakdownItem      *b,
                                                   McBreakdownOrder      order);

G_END_DECLS
