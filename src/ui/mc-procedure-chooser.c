/* mc-procedure-chooser.c — picking a procedure by typing, the way clerks type: without
 * diacritics ("dang ky thuong tru"), in any word order, or the code ("1.004222").
 *
 * The catalogue is a few dozen to a few hundred procedures, held in memory with each one's
 * folded "code name" computed once, so filtering as the clerk types is a loop over short
 * strings and never waits on the store. The list under the field never takes the keyboard:
 * Up and Down move its selection while the caret stays in the field, Enter chooses, Escape
 * closes it, and Tab leaves the field as in every other field of the form.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-text.h"
#include "mc-ui.h"

#include "mc-procedure-chooser.h"

struct _McProcedureChooser
{
  GtkWidget          parent_instance;

  GPtrArray         *procedures;   /* McProcedure* (a reference to the caller's array) */
  GPtrArray         *folded;       /* char*: folded "code name", parallel to procedures */
  const McProcedure *chosen;       /* borrowed from procedures, or NULL */
  char              *chosen_code;  /* owned copy, survives a catalogue reload */
  guint              n_matches;
  gboolean           setting_text; /* the field's text is being set by the chooser itself */

  /* template children */
  GtkEntry          *entry;
  GtkRevealer       *revealer;
  GtkScrolledWindow *scroller;
  GtkListBox        *results;
};

G_DEFINE_FINAL_TYPE (McProcedureChooser, mc_procedure_chooser, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROCEDURE_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How well a procedure matches: lower is better; G_MAXINT means no match. Every word typed
 * must occur somewhere; a code typed from its start, then a name that begins with the
 * text, then the text as one phrase rank first. */
static int
match_rank (const char  *folded_entry,
            const char  *code,
            const char  *query,
            char       **words)
{
  g_autofree char *folded_code = mc_text_fold (code);
  const char *name = folded_entry + strlen (folded_code);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (folded_entry, words[i]) == NULL)
      return G_MAXINT;
  while (*name == ' ')
    name++;
  if (g_str_has_prefix (folded_code, query))
    return 0;
  if (g_str_has_prefix (name, query))
    return 1;
  if (strstr (name, query) != NULL)
    return 2;
  return 3;
}

typedef struct
{
  int   rank;
  guint index;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *x = a;
  const Match *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

static GtkWidget *
make_row (const McProcedure *procedure)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *code = gtk_label_new (procedure->code);
  GtkWidget *name = gtk_label_new (procedure->name);
  g_autofree char *limit = mc_time_limit_describe (procedure->time_limit);
  GtkWidget *limit_label = gtk_label_new (limit);

  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (code), 9);
  gtk_label_set_xalign (GTK_LABEL (code), 0.0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (limit_label, "dim-label");
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), limit_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  procedure->name, -1);
  g_object_set_data (G_OBJECT (row), "mc-procedure", (gpointer) procedure);
  return row;
}

static void
clear_results (McProcedureChooser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  self->n_matches = 0;
}

static void
close_results (McProcedureChooser *self)
{
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  clear_results (self);
}

static void
filter (McProcedureChooser *self,
        const char         *text)
{
  g_autofree char *query = mc_text_fold (text);
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Match));
  GtkListBoxRow *first;

  clear_results (self);
  g_strstrip (query);
  if (query[0] == '\0' || self->procedures == NULL)
    {
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }
  words = g_strsplit (query, " ", -1);
  for (guint i = 0; i < self->procedures->len; i++)
    {
      McProcedure *procedure = g_ptr_array_index (self->procedures, i);
      Match match = { match_rank (g_ptr_array_index (self->folded, i), procedure->code, query, words), i };

      if (match.rank != G_MAXINT)
        g_array_append_val (matches, match);
    }
  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len; i++)
    {
      McProcedure *procedure = g_ptr_array_index (self->procedures, g_array_index (matches, Match, i).index);

      gtk_list_box_append (self->results, make_row (procedure));
    }
  self->n_matches = matches->len;

  first = gtk_list_box_get_row_at_index (self->results, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->results, first);
  else
    {
      GtkWidget *none = gtk_label_new (_("No procedure matches. Try fewer words or the code."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 8);
      gtk_widget_set_margin_bottom (none, 8);
      gtk_list_box_set_placeholder (self->results, none);
    }
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
set_entry_text (McProcedureChooser *self,
                const char         *text)
{
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->setting_text = FALSE;
}

static void
set_chosen (McProcedureChooser *self,
            const McProcedure  *procedure)
{
  if (self->chosen == procedure && procedure != NULL)
    return;
  if (procedure == NULL && self->chosen == NULL && self->chosen_code == NULL)
    return;
  self->chosen = procedure;
  g_free (self->chosen_code);
  self->chosen_code = procedure != NULL ? g_strdup (procedure->code) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCEDURE_CODE]);
}

static void
choose (McProcedureChooser *self,
        const McProcedure  *procedure)
{
  g_autofree char *text = g_strdup_printf ("%s · %s", procedure->code, procedure->name);

  close_results (self);
  set_entry_text (self, text);
  set_chosen (self, procedure);
}

static void
on_entry_changed (McProcedureChooser *self,
                  GtkEditable        *editable)
{
  if (self->setting_text)
    return;
  /* What the field shows is what is chosen: typing again starts a new search. */
  set_chosen (self, NULL);
  filter (self, gtk_editable_get_text (editable));
}

static void
on_entry_activate (McProcedureChooser *self,
                   GtkEntry           *entry)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results);

  if (gtk_revealer_get_reveal_child (self->revealer) && row != NULL)
    choose (self, g_object_get_data (G_OBJECT (row), "mc-procedure"));
}

static void
on_row_activated (McProcedureChooser *self,
                  GtkListBoxRow      *row,
                  GtkListBox         *list)
{
  choose (self, g_object_get_data (G_OBJECT (row), "mc-procedure"));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
scroll_to_row (McProcedureChooser *self,
               GtkListBoxRow      *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;

  if (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->results), &bounds))
    gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
}

static void
move_selection (McProcedureChooser *self,
                int                 delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;
  GtkListBoxRow *next;

  index = CLAMP (index, 0, (int) self->n_matches - 1);
  next = gtk_list_box_get_row_at_index (self->results, index);
  if (next != NULL)
    {
      gtk_list_box_select_row (self->results, next);
      scroll_to_row (self, next);
    }
}

static gboolean
on_key_pressed (McProcedureChooser    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean open = gtk_revealer_get_reveal_child (self->revealer);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!open)
        {
          /* Down in a field that has a choice shows the other matches of its text. */
          filter (self, self->chosen != NULL ? self->chosen->name : gtk_editable_get_text (GTK_EDITABLE (self->entry)));
          return TRUE;
        }
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!open)
        return FALSE;
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if (!open)
        return FALSE;
      move_selection (self, 6);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      if (!open)
        return FALSE;
      move_selection (self, -6);
      return TRUE;
    case GDK_KEY_Escape:
      if (!open)
        return FALSE;
      close_results (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
mc_procedure_chooser_dispose (GObject *object)
{
  McProcedureChooser *self = MC_PROCEDURE_CHOOSER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_PROCEDURE_CHOOSER);
  /* Top-level template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->chosen = NULL;
  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  g_clear_pointer (&self->chosen_code, g_free);

  G_OBJECT_CLASS (mc_procedure_chooser_parent_class)->dispose (object);
}

static void
mc_procedure_chooser_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  McProcedureChooser *self = MC_PROCEDURE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_PROCEDURE_CODE:
      g_value_set_string (value, self->chosen_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Focus requests for the chooser (Ctrl+N, its mnemonic) go to its field. */
static gboolean
mc_procedure_chooser_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MC_PROCEDURE_CHOOSER (widget)->entry));
}

static void
mc_procedure_chooser_class_init (McProcedureChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_procedure_chooser_dispose;
  object_class->get_property = mc_procedure_chooser_get_property;

  /**
   * McProcedureChooser:procedure-code:
   *
   * The code of the chosen procedure, or %NULL while none is chosen.
   */
  properties[PROP_PROCEDURE_CODE] =
    g_param_spec_string ("procedure-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-procedure-chooser.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, entry);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, revealer);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, scroller);
  gtk_widget_class_bind_template_child (widget_class, McProcedureChooser, results);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  widget_class->grab_focus = mc_procedure_chooser_grab_focus;
}

static void
mc_procedure_chooser_init (McProcedureChooser *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before the field's own key handling, so that Up and Down never leave the field. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

void
mc_procedure_chooser_set_procedures (McProcedureChooser *self,
                                     GPtrArray          *procedures)
{
  g_autofree char *keep = NULL;

  g_return_if_fail (MC_IS_PROCEDURE_CHOOSER (self));
  g_return_if_fail (procedures != NULL);

  keep = g_strdup (self->chosen_code);
  self->chosen = NULL;
  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  self->procedures = g_ptr_array_ref (procedures);
  self->folded = g_ptr_array_new_full (procedures->len, g_free);
  for (guint i = 0; i < procedures->len; i++)
    {
      McProcedure *procedure = g_ptr_array_index (procedures, i);
      g_autofree char *text = g_strdup_printf ("%s %s", procedure->code, procedure->name);

      g_ptr_array_add (self->folded, mc_text_fold (text));
    }

  if (keep != NULL)
    {
      /* The same code in the new catalogue stays chosen; otherwise the choice is gone. */
      for (guint i = 0; i < procedures->len; i++)
        {
          McProcedure *procedure = g_ptr_array_index (procedures, i);

          if (g_str_equal (procedure->code, keep))
            {
              self->chosen = procedure;
              /* Announced, because the procedure's details may have changed. */
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCEDURE_CODE]);
              return;
            }
        }
      set_entry_text (self, "");
      set_chosen (self, NULL);
    }
  else if (gtk_revealer_get_reveal_child (self->revealer))
    filter (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

const McProcedure *
mc_procedure_chooser_get_procedure (McProcedureChooser *self)
{
  g_return_val_if_fail (MC_IS_PROCEDURE_CHOOSER (self), NULL);
  return self->chosen;
}

const char *
mc_procedure_chooser_get_procedure_code (McProcedureChooser *self)
{
  g_return_val_if_fail (MC_IS_PROCEDURE_CHOOSER (self), NULL);
  return self->chosen_code;
}

gboolean
mc_procedure_chooser_select_code (McProcedureChooser *self,
                                  const char         *code)
{
  g_return_val_if_fail (MC_IS_PROCEDURE_CHOOSER (self), FALSE);

  if (code == NULL)
    {
      mc_procedure_chooser_clear (self);
      return TRUE;
    }
  for (guint i = 0; self->procedures != NULL && i < self->procedures->len; i++)
    {
      McProcedure *procedure = g_ptr_array_index (self->procedures, i);

      if (g_str_equal (procedure->code, code))
        {
          choose (self, procedure);
          return TRUE;
        }
    }
  return FALSE;
}

void
mc_procedure_chooser_commit (McProcedureChooser *self)
{
  g_return_if_fail (MC_IS_PROCEDURE_CHOOSER (self));

  if (!gtk_revealer_get_reveal_child (self->revealer))
    return;
  if (self->chosen == NULL && self->n_matches == 1)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results, 0);

      choose (self, g_object_get_data (G_OBJECT (row), "mc-procedure"));
      return;
    }
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

guint
mc_procedure_chooser_get_n_matches (McProcedureChooser *self)
{
  g_return_val_if_fail (MC_IS_PROCEDURE_CHOOSER (self), 0);
  return self->n_matches;
}

GtkWidget *
mc_procedure_chooser_get_entry (McProcedureChooser *self)
{
  g_return_val_if_fail (MC_IS_PROCEDURE_CHOOSER (self), NULL);
  return GTK_WIDGET (self->entry);
}

void
mc_procedure_chooser_clear (McProcedureChooser *self)
{
  g_return_if_fail (MC_IS_PROCEDURE_CHOOSER (self));

  close_results (self);
  set_entry_text (self, "");
  set_chosen (self, NULL);
}
