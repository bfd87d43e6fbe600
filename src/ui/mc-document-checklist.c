/* mc-document-checklist.c — the thành phần hồ sơ of the chosen procedure as ticks.
 *
 * The catalogue decides what is mandatory and which documents are alternatives ("birth
 * certificate, or a witness's statement, or a sworn statement"); this widget only shows that
 * and collects the ticks, and asks the core (mc_procedure_check_documents) whether they are
 * enough, so the form, the CLI and the store refuse the same checklists with the same words.
 *
 * A document's form and count can be changed only once it is ticked: an unticked document is
 * one Tab stop, a ticked one three, so the keyboard walks a long list quickly.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-document-checklist.h"

typedef struct
{
  guint           index;      /* in procedure->documents */
  GtkCheckButton *check;
  GtkDropDown    *form;
  GtkSpinButton  *copies;
} DocumentRow;

struct _McDocumentChecklist
{
  GtkWidget    parent_instance;

  McProcedure *procedure;     /* owned copy, or NULL */
  GArray      *rows;          /* DocumentRow, in catalogue order */

  /* template children */
  GtkLabel    *placeholder;
  GtkGrid     *grid;
};

G_DEFINE_FINAL_TYPE (McDocumentChecklist, mc_document_checklist, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (McDocumentChecklist *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_grid (McDocumentChecklist *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_array_set_size (self->rows, 0);
}

static GtkWidget *
make_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
add_document (McDocumentChecklist      *self,
              guint                     index,
              const McRequiredDocument *doc,
              int                       grid_row,
              gboolean                  in_group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *check = gtk_check_button_new ();
  GtkStringList *forms = gtk_string_list_new (NULL);
  GtkWidget *form;
  GtkWidget *copies = gtk_spin_button_new_with_range (0, 99, 1);
  g_autofree char *markup = NULL;
  g_autofree char *check_name = g_strdup_printf ("document-%s", doc->code);
  g_autofree char *form_name = g_strdup_printf ("document-%s-form", doc->code);
  g_autofree char *copies_name = g_strdup_printf ("document-%s-copies", doc->code);
  g_autofree char *form_label = g_strdup_printf (_("Form of “%s”"), doc->name);
  g_autofree char *copies_label = g_strdup_printf (_("Number of copies of “%s”"), doc->name);
  DocumentRow row = { index, NULL, NULL, NULL };

  /* Required documents carry the word, not only a colour. */
  if (doc->mandatory)
    markup = g_markup_printf_escaped ("%s  <span weight=\"bold\" foreground=\"#c01c28\">%s</span>",
                                      doc->name, _("(required)"));
  else
    markup = g_markup_escape_text (doc->name, -1);
  gtk_label_set_markup (GTK_LABEL (name), markup);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 48);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_box_append (GTK_BOX (box), name);
  if (doc->condition != NULL)
    {
      GtkWidget *condition = gtk_label_new (doc->condition);

      gtk_label_set_wrap (GTK_LABEL (condition), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (condition), 56);
      gtk_label_set_xalign (GTK_LABEL (condition), 0.0);
      gtk_widget_add_css_class (condition, "dim-label");
      gtk_widget_add_css_class (condition, "caption");
      gtk_box_append (GTK_BOX (box), condition);
    }
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_name (check, check_name);
  gtk_widget_set_hexpand (check, TRUE);
  if (in_group)
    gtk_widget_set_margin_start (check, 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, doc->name,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, doc->mandatory, -1);

  for (int f = MC_DOCUMENT_ORIGINAL; f <= MC_DOCUMENT_ORIGINAL_OR_COPY; f++)
    gtk_string_list_append (forms, mc_document_form_describe ((McDocumentForm) f));
  form = gtk_drop_down_new (G_LIST_MODEL (forms), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (form), doc->form);
  gtk_widget_set_name (form, form_name);
  gtk_widget_set_valign (form, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form), GTK_ACCESSIBLE_PROPERTY_LABEL, form_label, -1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (copies), doc->copies);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (copies), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (copies), 2);
  gtk_widget_set_name (copies, copies_name);
  gtk_widget_set_valign (copies, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (copies, _("0: shown for comparison and handed back, not kept in the dossier"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copies), GTK_ACCESSIBLE_PROPERTY_LABEL, copies_label, -1);

  g_object_bind_property (check, "active", form, "sensitive", G_BINDING_SYNC_CREATE);
  g_object_bind_property (check, "active", copies, "sensitive", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (form, "notify::selected", G_CALLBACK (emit_changed), self);
  g_signal_connect_swapped (copies, "value-changed", G_CALLBACK (emit_changed), self);

  gtk_grid_attach (self->grid, check, 0, grid_row, 1, 1);
  gtk_grid_attach (self->grid, form, 1, grid_row, 1, 1);
  gtk_grid_attach (self->grid, copies, 2, grid_row, 1, 1);

  row.check = GTK_CHECK_BUTTON (check);
  row.form = GTK_DROP_DOWN (form);
  row.copies = GTK_SPIN_BUTTON (copies);
  g_array_append_val (self->rows, row);
}

static void
build (McDocumentChecklist *self)
{
  const GPtrArray *documents = self->procedure != NULL ? self->procedure->documents : NULL;
  g_autofree gboolean *placed = NULL;
  int grid_row = 0;

  clear_grid (self);
  if (documents == NULL || documents->len == 0)
    {
      gtk_label_set_text (self->placeholder,
                          self->procedure != NULL
                          ? _("The catalogue lists no documents for this procedure.")
                          : _("Choose a procedure to see the documents it requires."));
      gtk_widget_set_visible (GTK_WIDGET (self->placeholder), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->grid), FALSE);
      return;
    }

  {
    GtkWidget *doc_heading = make_heading (_("Document"));
    GtkWidget *form_heading = make_heading (_("Form"));
    GtkWidget *copies_heading = make_heading (_("Copies"));

    gtk_grid_attach (self->grid, doc_heading, 0, grid_row, 1, 1);
    gtk_grid_attach (self->grid, form_heading, 1, grid_row, 1, 1);
    gtk_grid_attach (self->grid, copies_heading, 2, grid_row, 1, 1);
    grid_row++;
  }

  /* A group of alternatives is shown together where its first member stands. */
  placed = g_new0 (gboolean, documents->len);
  for (guint i = 0; i < documents->len; i++)
    {
      const McRequiredDocument *doc = g_ptr_array_index ((GPtrArray *) documents, i);

      if (placed[i])
        continue;
      if (doc->one_of == NULL)
        {
          add_document (self, i, doc, grid_row++, FALSE);
          placed[i] = TRUE;
          continue;
        }

      gtk_grid_attach (self->grid, make_heading (_("One of the following is required:")), 0, grid_row++, 3, 1);
      for (guint j = i; j < documents->len; j++)
        {
          const McRequiredDocument *other = g_ptr_array_index ((GPtrArray *) documents, j);

          if (g_strcmp0 (other->one_of, doc->one_of) == 0)
            {
              add_document (self, j, other, grid_row++, TRUE);
              placed[j] = TRUE;
            }
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), TRUE);
}

static void
mc_document_checklist_dispose (GObject *object)
{
  McDocumentChecklist *self = MC_DOCUMENT_CHECKLIST (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_DOCUMENT_CHECKLIST);
  /* Top-level template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->procedure, mc_procedure_free);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (mc_document_checklist_parent_class)->dispose (object);
}

static void
mc_document_checklist_class_init (McDocumentChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_document_checklist_dispose;

  /**
   * McDocumentChecklist::changed:
   *
   * A document was ticked or unticked, or its form or count changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-document-checklist.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, McDocumentChecklist, placeholder);
  gtk_widget_class_bind_template_child (widget_class, McDocumentChecklist, grid);
}

static void
mc_document_checklist_init (McDocumentChecklist *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (DocumentRow));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Whether @a and @b list the same documents, the same way (code, name, group, mandatory). */
static gboolean
same_documents (const McProcedure *a,
                const McProcedure *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->code, b->code) != 0 || a->documents->len != b->documents->len)
    return FALSE;
  for (guint i = 0; i < a->documents->len; i++)
    {
      const McRequiredDocument *x = g_ptr_array_index (a->documents, i);
      const McRequiredDocument *y = g_ptr_array_index (b->documents, i);

      if (g_strcmp0 (x->code, y->code) != 0 || g_strcmp0 (x->name, y->name) != 0 ||
          g_strcmp0 (x->one_of, y->one_of) != 0 || g_strcmp0 (x->condition, y->condition) != 0 ||
          x->mandatory != y->mandatory || x->form != y->form || x->copies != y->copies)
        return FALSE;
    }
  return TRUE;
}

void
mc_document_checklist_set_procedure (McDocumentChecklist *self,
                                     const McProcedure   *procedure)
{
  gboolean same;

  g_return_if_fail (MC_IS_DOCUMENT_CHECKLIST (self));

  /* The catalogue reloaded under the clerk's hands with the same list: keep the ticks. */
  same = same_documents (self->procedure, procedure);
  g_clear_pointer (&self->procedure, mc_procedure_free);
  if (procedure != NULL)
    self->procedure = mc_procedure_copy (procedure);
  if (same)
    return;
  build (self);
  emit_changed (self);
}

void
mc_document_checklist_reset (McDocumentChecklist *self)
{
  g_return_if_fail (MC_IS_DOCUMENT_CHECKLIST (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      DocumentRow *row = &g_array_index (self->rows, DocumentRow, i);
      const McRequiredDocument *doc = g_ptr_array_index (self->procedure->documents, row->index);

      gtk_check_button_set_active (row->check, FALSE);
      gtk_drop_down_set_selected (row->form, doc->form);
      gtk_spin_button_set_value (row->copies, doc->copies);
    }
}

/* ticked[i] for procedure->documents[i]; NULL-safe for a procedure without documents. */
static gboolean *
collect_ticks (McDocumentChecklist *self,
               guint               *n)
{
  guint n_documents = self->procedure->documents->len;
  gboolean *ticked = g_new0 (gboolean, MAX (n_documents, 1));

  for (guint i = 0; i < self->rows->len; i++)
    {
      DocumentRow *row = &g_array_index (self->rows, DocumentRow, i);

      ticked[row->index] = gtk_check_button_get_active (row->check);
    }
  *n = n_documents;
  return ticked;
}

gboolean
mc_document_checklist_check (McDocumentChecklist  *self,
                             GError              **error)
{
  g_autofree gboolean *ticked = NULL;
  guint n;

  g_return_val_if_fail (MC_IS_DOCUMENT_CHECKLIST (self), FALSE);

  if (self->procedure == NULL)
    return TRUE;
  ticked = collect_ticks (self, &n);
  return mc_procedure_check_documents (self->procedure, ticked, n, error);
}

void
mc_document_checklist_fill_draft (McDocumentChecklist *self,
                                  McDossierDraft      *draft)
{
  g_return_if_fail (MC_IS_DOCUMENT_CHECKLIST (self));
  g_return_if_fail (draft != NULL);

  /* In catalogue order, whatever order the rows are shown in. */
  for (guint d = 0; self->procedure != NULL && d < self->procedure->documents->len; d++)
    for (guint i = 0; i < self->rows->len; i++)
      {
        DocumentRow *row = &g_array_index (self->rows, DocumentRow, i);
        const McRequiredDocument *doc;

        if (row->index != d || !gtk_check_button_get_active (row->check))
          continue;
        doc = g_ptr_array_index (self->procedure->documents, d);
        mc_dossier_draft_add_document (draft, doc->code, doc->name,
                                       (McDocumentForm) gtk_drop_down_get_selected (row->form),
                                       gtk_spin_button_get_value_as_int (row->copies));
      }
}

gboolean
mc_document_checklist_focus_first_missing (McDocumentChecklist *self)
{
  g_autofree gboolean *ticked = NULL;
  guint n;

  g_return_val_if_fail (MC_IS_DOCUMENT_CHECKLIST (self), FALSE);

  if (self->procedure == NULL || self->rows->len == 0)
    return FALSE;
  ticked = collect_ticks (self, &n);

  /* Rows are in display order: the first offending row on screen gets the keyboard. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      DocumentRow *row = &g_array_index (self->rows, DocumentRow, i);
      const McRequiredDocument *doc = g_ptr_array_index (self->procedure->documents, row->index);
      gboolean group_satisfied = FALSE;

      if (doc->mandatory && !ticked[row->index])
        return gtk_widget_grab_focus (GTK_WIDGET (row->check));
      if (doc->one_of == NULL)
        continue;
      for (guint j = 0; j < n; j++)
        {
          const McRequiredDocument *other = g_ptr_array_index (self->procedure->documents, j);

          if (ticked[j] && g_strcmp0 (other->one_of, doc->one_of) == 0)
            group_satisfied = TRUE;
        }
      if (!group_satisfied)
        return gtk_widget_grab_focus (GTK_WIDGET (row->check));
    }
  return gtk_widget_grab_focus (GTK_WIDGET (g_array_index (self->rows, DocumentRow, 0).check));
}

guint
mc_document_checklist_get_n_ticked (McDocumentChecklist *self)
{
  guint n = 0;

  g_return_val_if_fail (MC_IS_DOCUMENT_CHECKLIST (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    if (gtk_check_button_get_active (g_array_index (self->rows, DocumentRow, i).check))
      n++;
  return n;
}
