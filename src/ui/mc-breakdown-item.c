/* mc-breakdown-item.c — a breakdown row as a list item.
 *
 * The dashboard's table sorts in GTK (a GtkSortListModel over the column view's sorter), so
 * each row is an object that carries its own copy of the figures: the McDashboard it came
 * from is replaced at every refresh while the view may still hold the old items.
 */
#include "config.h"

#include "mc-breakdown-item.h"

struct _McBreakdownItem
{
  GObject          parent_instance;

  McBreakdownRow  *row;     /* owned copy */
  guint            rank;
};

G_DEFINE_FINAL_TYPE (McBreakdownItem, mc_breakdown_item, G_TYPE_OBJECT)

static void
mc_breakdown_item_finalize (GObject *object)
{
  McBreakdownItem *self = MC_BREAKDOWN_ITEM (object);

  g_clear_pointer (&self->row, mc_breakdown_row_free);

  G_OBJECT_CLASS (mc_breakdown_item_parent_class)->finalize (object);
}

static void
mc_breakdown_item_class_init (McBreakdownItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_breakdown_item_finalize;
}

static void
mc_breakdown_item_init (McBreakdownItem *self)
{
}

McBreakdownItem *
mc_breakdown_item_new (const McBreakdownRow *row,
                       guint                 rank)
{
  McBreakdownItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (MC_TYPE_BREAKDOWN_ITEM, NULL);
  self->row = mc_breakdown_row_new (row->key, row->label);
  self->row->received = row->received;
  self->row->finished = row->finished;
  self->row->finished_early = row->finished_early;
  self->row->finished_on_time = row->finished_on_time;
  self->row->finished_late = row->finished_late;
  self->row->overdue = row->overdue;
  self->row->handled = row->handled;
  self->row->handling_seconds = row->handling_seconds;
  self->rank = rank;
  return self;
}

const McBreakdownRow *
mc_breakdown_item_get_row (McBreakdownItem *self)
{
  g_return_val_if_fail (MC_IS_BREAKDOWN_ITEM (self), NULL);
  return self->row;
}

guint
mc_breakdown_item_get_rank (McBreakdownItem *self)
{
  g_return_val_if_fail (MC_IS_BREAKDOWN_ITEM (self), 0);
  return self->rank;
}

static int
compare_gint64 (gint64 a,
                gint64 b)
{
  return a < b ? -1 : a > b;
}

static int
compare_rate (gint64 part_a,
              gint64 whole_a,
              gint64 part_b,
              gint64 whole_b)
{
  double a, b;
  gboolean has_a = mc_figures_rate (part_a, whole_a, &a);
  gboolean has_b = mc_figures_rate (part_b, whole_b, &b);

  if (has_a != has_b)
    return has_a ? 1 : -1;
  if (!has_a || a == b)
    return 0;
  return a < b ? -1 : 1;
}

int
mc_breakdown_item_compare (McBreakdownItem  *a,
                           McBreakdownItem  *b,
                           McBreakdownOrder  order)
{
  const McBreakdownRow *ra, *rb;

  g_return_val_if_fail (MC_IS_BREAKDOWN_ITEM (a) && MC_IS_BREAKDOWN_ITEM (b), 0);

  ra = a->row;
  rb = b->row;
  switch (order)
    {
    case MC_BREAKDOWN_BY_LABEL:
      return g_utf8_collate (ra->label, rb->label);
    case MC_BREAKDOWN_BY_RECEIVED:
      return compare_gint64 (ra->received, rb->received);
    case MC_BREAKDOWN_BY_FINISHED:
      return compare_gint64 (ra->finished, rb->finished);
    case MC_BREAKDOWN_BY_IN_TIME:
      return compare_gint64 (mc_breakdown_row_in_time (ra), mc_breakdown_row_in_time (rb));
    case MC_BREAKDOWN_BY_LATE:
      return compare_gint64 (ra->finished_late, rb->finished_late);
    case MC_BREAKDOWN_BY_OVERDUE:
      return compare_gint64 (ra->overdue, rb->overdue);
    case MC_BREAKDOWN_BY_ON_TIME_RATE:
      return compare_rate (mc_breakdown_row_in_time (ra), ra->finished, mc_breakdown_row_in_time (rb), rb->finished);
    case MC_BREAKDOWN_BY_HANDLING:
      return compare_rate (ra->handling_seconds, ra->handled, rb->handling_seconds, rb->handled);
    case MC_BREAKDOWN_BY_DEFAULT:
    default:
      return compare_gint64 (a->rank, b->rank);
    }
}
