/* mc-setup-dialog.c — the office's set-up on the first start, and the preferences window.
 *
 * Every keystroke re-checks the whole form through the same rules the store applies
 * (mc_office_settings_set on a scratch McOfficeSettings, plus the stricter lookup-template
 * check), so a message appears next to the field as the clerk types and the save button stays
 * off while anything would be refused. Saving writes the GSettings keys that changed; McContext
 * mirrors each one into the store, in the order written. Closing without saving changes
 * nothing: on the first start "setup-done" stays false and the dialog returns next time, while
 * the demo defaults keep the desk usable meanwhile.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-dossier-code.h"
#include "mc-error.h"
#include "mc-text.h"
#include "mc-ui.h"

#include "mc-setup-dialog.h"
#include "mc-window.h"

typedef enum
{
  FIELD_OFFICE_NAME,
  FIELD_PARENT_AGENCY,
  FIELD_AGENCY_CODE,
  FIELD_ADDRESS,
  FIELD_SEQUENCE_FIRST,
  FIELD_SEQUENCE_LAST,
  FIELD_OFFICE_HOURS,
  FIELD_WEEKDAYS,
  FIELD_DEADLINE_MODE,
  FIELD_CUTOFF,
  FIELD_DUE_SOON,
  FIELD_LOOKUP,
  N_FIELDS
} Field;

typedef struct
{
  const char *key;            /* McOfficeSettings key; the GSettings key has dashes for dots */
  const char *input;          /* template id of its GtkEditable; NULL: check buttons */
  const char *message;        /* template id of the label for its message; NULL: the previous field's */
  const char *title;          /* named in the list of fields to correct */
  const char *empty_message;  /* said when left empty; NULL: the office settings' own message */
  int         min;            /* a whole number from min to max, said in words here … */
  int         max;            /* … when min <= max */
} FieldInfo;

/* In the order they are checked, which is the form's order: the block's first number comes
 * before its last, which is checked against it. */
static const FieldInfo fields[N_FIELDS] = {
  [FIELD_OFFICE_NAME] = { "office.name", "office_name_entry", "office_name_message",
                          N_("Office name"), N_("This field must not be empty"), 1, 0 },
  [FIELD_PARENT_AGENCY] = { "office.parent-agency", "parent_agency_entry", "parent_agency_message",
                            N_("Parent agency"), NULL, 1, 0 },
  [FIELD_AGENCY_CODE] = { "office.agency-code", "agency_code_entry", "agency_code_message",
                          N_("Agency code"), N_("Enter the agency code, for example 000.00.16.H04"), 1, 0 },
  [FIELD_ADDRESS] = { "office.address", "address_entry", "address_message",
                      N_("Address"), NULL, 1, 0 },
  [FIELD_SEQUENCE_FIRST] = { "desk.sequence-first", "sequence_first_spin", "sequence_message",
                             N_("Daily numbers"), NULL, 1, 9999 },
  [FIELD_SEQUENCE_LAST] = { "desk.sequence-last", "sequence_last_spin", NULL,
                            N_("Daily numbers"), NULL, 1, 9999 },
  [FIELD_OFFICE_HOURS] = { "office.hours", "office_hours_entry", "office_hours_message",
                           N_("Office hours"), NULL, 1, 0 },
  [FIELD_WEEKDAYS] = { "office.working-weekdays", NULL, "weekdays_message",
                       N_("Working days"), N_("Tick at least one working day"), 1, 0 },
  [FIELD_DEADLINE_MODE] = { "deadline.mode", NULL, NULL, N_("Deadlines"), NULL, 1, 0 },
  [FIELD_CUTOFF] = { "deadline.same-day-cutoff", "cutoff_entry", "cutoff_message",
                     N_("Same-day cutoff"), N_("Enter a time such as 15:00"), 1, 0 },
  [FIELD_DUE_SOON] = { "deadline.due-soon-days", "due_soon_spin", "due_soon_message",
                       N_("Due soon"), NULL, 0, 30 },
  [FIELD_LOOKUP] = { "portal.lookup-url-template", "lookup_entry", "lookup_message",
                     N_("Lookup URL"), NULL, 1, 0 },
};

/* A sample applicant ID for templates that carry "{id}". */
#define SAMPLE_ID_NUMBER "001090012345"

struct _McSetupDialog
{
  GtkWindow          parent_instance;

  McContext         *context;            /* owned */
  gboolean           first_start;
  gboolean           quiet;              /* no checks: the form is being filled or torn down */
  gboolean           valid;
  McOfficeSettings  *checked;            /* owned: the form as last checked */

  /* template children, indexed by Field (NULL where the table says so) */
  GtkEditable       *inputs[N_FIELDS];
  GtkLabel          *messages[N_FIELDS];
  GtkCheckButton    *weekday_checks[7];  /* Monday first */
  GtkCheckButton    *mode_office_hours_check;
  GtkCheckButton    *mode_end_of_day_check;
  GtkEntry          *clerk_name_entry;
  GtkCheckButton    *paper_a4_check;
  GtkCheckButton    *paper_a5_check;
  GtkLabel          *intro_label;
  GtkLabel          *office_hours_summary;
  GtkLabel          *lookup_example;
  GtkLabel          *database_path_label;
  GtkLabel          *problems_label;
  GtkButton         *cancel_button;
  GtkButton         *save_button;
};

G_DEFINE_FINAL_TYPE (McSetupDialog, mc_setup_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_FIRST_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "1-5", "1-6", "1-5,7": the compact form the office settings parse. */
static char *
weekdays_value (McSetupDialog *self)
{
  GString *value = g_string_new (NULL);
  int day = 1;

  while (day <= 7)
    {
      int last = day;

      if (!gtk_check_button_get_active (self->weekday_checks[day - 1]))
        {
          day++;
          continue;
        }
      while (last < 7 && gtk_check_button_get_active (self->weekday_checks[last]))
        last++;
      if (value->len > 0)
        g_string_append_c (value, ',');
      if (last > day)
        g_string_append_printf (value, "%d-%d", day, last);
      else
        g_string_append_printf (value, "%d", day);
      day = last + 1;
    }
  return g_string_free (value, FALSE);
}

/* The field's value in the form mc_office_settings_set takes. */
static char *
field_value (McSetupDialog *self,
             Field          field)
{
  if (field == FIELD_WEEKDAYS)
    return weekdays_value (self);
  if (field == FIELD_DEADLINE_MODE)
    return g_strdup (gtk_check_button_get_active (self->mode_end_of_day_check) ? "end-of-day" : "office-hours");
  return g_strstrip (g_strdup (gtk_editable_get_text (self->inputs[field])));
}

static gboolean
is_whole_number (const char *text,
                 int         min,
                 int         max)
{
  gint64 n;

  if (text[0] == '\0' || strlen (text) > 9)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  n = g_ascii_strtoll (text, NULL, 10);
  return n >= min && n <= max;
}

/* Checks @value of @info into @checked. The messages the office settings give for an empty
 * or non-numeric value name the setting's key, which is right for the CLI but not here: those
 * cases are said in the form's words first. */
static gboolean
check_field (McOfficeSettings  *checked,
             const FieldInfo   *info,
             const char        *value,
             GError           **error)
{
  if (value[0] == '\0' && info->empty_message != NULL)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID, _(info->empty_message));
      return FALSE;
    }
  if (info->min <= info->max && !is_whole_number (value, info->min, info->max))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Enter a whole number from %d to %d"), info->min, info->max);
      return FALSE;
    }
  if (g_str_equal (info->key, "portal.lookup-url-template") && !mc_lookup_template_validate (value, error))
    return FALSE;
  return mc_office_settings_set (checked, info->key, value, error);
}

static void
mark_input (GtkEditable *input,
            gboolean     ok)
{
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (input), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (input), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID,
                               ok ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
}

static void
show_office_hours_summary (McSetupDialog          *self,
                           const McOfficeSettings *checked,
                           gboolean                hours_ok)
{
  int seconds = mc_office_hours_daily_seconds (checked->office_hours);
  g_autofree char *summary = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->office_hours_summary), hours_ok);
  if (!hours_ok)
    return;
  summary = g_strdup_printf (_("%d h %02d min of office time a day"), seconds / 3600, seconds / 60 % 60);
  gtk_label_set_text (self->office_hours_summary, summary);
}

/* The URL the QR code of today's first dossier would carry: the clerk sees at once whether the
 * template is what the province's lookup page expects. */
static void
show_lookup_example (McSetupDialog          *self,
                     const McOfficeSettings *checked,
                     gboolean                lookup_ok)
{
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *example = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->lookup_example), lookup_ok);
  if (!lookup_ok)
    return;
  code = mc_dossier_code_format (checked->agency_code, mc_time_local_day (mc_time_now ()),
                                 checked->sequence_first);
  url = mc_lookup_url_build (checked->lookup_url_template, code, SAMPLE_ID_NUMBER);
  example = g_strdup_printf (_("Example: %s"), url);
  gtk_label_set_text (self->lookup_example, example);
}

static void
mc_setup_dialog_check (McSetupDialog *self)
{
  g_autoptr(McOfficeSettings) checked = mc_office_settings_new_default ();
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean ok[N_FIELDS];
  GtkLabel *message = NULL;
  const char *last_title = NULL;

  /* A fresh scratch from the defaults (block 1–9999), so the block's two ends are judged as
   * a pair, whatever the block in force. */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = field_value (self, i);
      g_autoptr(GError) error = NULL;

      ok[i] = check_field (checked, &fields[i], value, &error);
      if (self->messages[i] != NULL)
        {
          message = self->messages[i];
          gtk_widget_set_visible (GTK_WIDGET (message), FALSE);
        }
      if (self->inputs[i] != NULL)
        mark_input (self->inputs[i], ok[i]);
      if (ok[i])
        continue;

      /* A shared message line says the first problem of its fields. */
      if (message != NULL && !gtk_widget_get_visible (GTK_WIDGET (message)))
        {
          gtk_label_set_text (message, error->message);
          gtk_widget_set_visible (GTK_WIDGET (message), TRUE);
        }
      if (g_strcmp0 (last_title, fields[i].title) != 0)
        {
          if (problems->len > 0)
            g_string_append (problems, ", ");
          g_string_append (problems, _(fields[i].title));
          last_title = fields[i].title;
        }
    }

  self->valid = problems->len == 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->valid);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), !self->valid);
  if (self->valid)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), NULL);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Correct before saving: %s"), problems->str);

      gtk_label_set_text (self->problems_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), text);
    }

  show_office_hours_summary (self, checked, ok[FIELD_OFFICE_HOURS]);
  show_lookup_example (self, checked, ok[FIELD_LOOKUP] && ok[FIELD_AGENCY_CODE] && ok[FIELD_SEQUENCE_FIRST]);

  g_clear_pointer (&self->checked, mc_office_settings_free);
  self->checked = g_steal_pointer (&checked);
}

static void
on_field_changed (McSetupDialog *self)
{
  if (!self->quiet)
    mc_setup_dialog_check (self);
}

static char *
dashed_key (const char *office_key)
{
  return g_strdelimit (g_strdup (office_key), ".", '-');
}

typedef struct
{
  char *key;     /* GSettings key */
  char *value;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->key);
  g_free (change->value);
  g_free (change);
}

static void
add_change (GPtrArray  *changes,
            const char *key,
            const char *value)
{
  Change *change = g_new0 (Change, 1);

  change->key = g_strdup (key);
  change->value = g_strdup (value);
  g_ptr_array_add (changes, change);
}

/* The office keys whose value differs from the one in force, in an order each of them is
 * accepted in: every write is checked on its own against the values in force (in the app's
 * copy and in the store), so a block moved wholly above the old one gets its last number
 * first. */
static void
collect_office_changes (McSetupDialog *self,
                        GPtrArray     *changes)
{
  const McOfficeSettings *office = mc_context_get_office (self->context);
  Field order[N_FIELDS];

  for (guint i = 0; i < N_FIELDS; i++)
    order[i] = i;
  if (self->checked->sequence_first > office->sequence_last)
    {
      order[FIELD_SEQUENCE_FIRST] = FIELD_SEQUENCE_LAST;
      order[FIELD_SEQUENCE_LAST] = FIELD_SEQUENCE_FIRST;
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *key = fields[order[i]].key;
      g_autofree char *value = mc_office_settings_get (self->checked, key);
      g_autofree char *in_force = mc_office_settings_get (office, key);

      if (g_strcmp0 (value, in_force) != 0)
        {
          g_autofree char *gsettings_key = dashed_key (key);

          add_change (changes, gsettings_key, value);
        }
    }
}

static void
collect_desk_changes (McSetupDialog *self,
                      GPtrArray     *changes)
{
  GSettings *settings = mc_context_get_settings (self->context);
  g_autofree char *clerk = mc_text_normalize (gtk_editable_get_text (GTK_EDITABLE (self->clerk_name_entry)), NULL);
  g_autofree char *old_clerk = g_settings_get_string (settings, "clerk-name");
  const char *paper = gtk_check_button_get_active (self->paper_a5_check) ? "a5" : "a4";
  g_autofree char *old_paper = g_settings_get_string (settings, "paper-size");

  if (clerk != NULL && g_strcmp0 (clerk, old_clerk) != 0)
    add_change (changes, "clerk-name", clerk);
  if (g_strcmp0 (paper, old_paper) != 0)
    add_change (changes, "paper-size", paper);
}

static void
mc_setup_dialog_save (McSetupDialog *self)
{
  GSettings *settings = mc_context_get_settings (self->context);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (change_free);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  mc_setup_dialog_check (self);
  if (!self->valid)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* Collected before writing: each write replaces the context's copy of the office. */
  collect_office_changes (self, changes);
  collect_desk_changes (self, changes);

  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);

      /* Refused only when the administrator locked the key: say which and stay open. */
      if (!g_settings_set_string (settings, change->key, change->value))
        {
          g_autofree char *text = g_strdup_printf (_("This computer does not allow changing the preference “%s”"),
                                                   change->key);

          gtk_label_set_text (self->problems_label, text);
          gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
          return;
        }
    }
  if (self->first_start)
    g_settings_set_boolean (settings, "setup-done", TRUE);

  if (MC_IS_WINDOW (parent))
    mc_window_show_message (MC_WINDOW (parent),
                            self->first_start
                              ? _("The office is set up. Press Ctrl+N to receive a dossier.")
                              : _("Preferences saved."));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (McSetupDialog *self)
{
  mc_setup_dialog_save (self);
}

/* Enter in the last field saves; in the others it moves on, as Tab does, so a half-filled
 * form is never saved by a stray Enter. */
static void
on_entry_activate (McSetupDialog *self,
                   GtkEntry      *entry)
{
  if (GTK_EDITABLE (entry) == self->inputs[FIELD_LOOKUP])
    mc_setup_dialog_save (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
load_values (McSetupDialog *self)
{
  const McOfficeSettings *office = mc_context_get_office (self->context);
  GSettings *settings = mc_context_get_settings (self->context);
  g_autofree char *clerk = g_settings_get_string (settings, "clerk-name");
  g_autofree char *paper = g_settings_get_string (settings, "paper-size");
  const char *path = mc_store_get_path (mc_context_get_store (self->context));

  self->quiet = TRUE;

  /* The values in force (the store's, as the app mirrored them), which is what gets printed. */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = NULL;

      if (self->inputs[i] == NULL)
        continue;
      value = mc_office_settings_get (office, fields[i].key);
      if (GTK_IS_SPIN_BUTTON (self->inputs[i]))
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->inputs[i]), g_ascii_strtod (value, NULL));
      else
        gtk_editable_set_text (self->inputs[i], value);
    }
  for (int day = 1; day <= 7; day++)
    gtk_check_button_set_active (self->weekday_checks[day - 1], (office->working_weekdays & (1u << (day - 1))) != 0);
  gtk_check_button_set_active (office->deadline.mode == MC_DEADLINE_END_OF_DAY
                                 ? self->mode_end_of_day_check : self->mode_office_hours_check, TRUE);

  gtk_editable_set_text (GTK_EDITABLE (self->clerk_name_entry), clerk);
  if (clerk[0] == '\0')
    {
      /* Left empty, the slip carries the name of the computer's account: show which. */
      g_autofree char *fallback = mc_context_dup_clerk (self->context);

      gtk_entry_set_placeholder_text (self->clerk_name_entry, fallback);
    }
  gtk_check_button_set_active (g_str_equal (paper, "a5") ? self->paper_a5_check : self->paper_a4_check, TRUE);
  gtk_label_set_text (self->database_path_label, path != NULL ? path : "");

  self->quiet = FALSE;
  mc_setup_dialog_check (self);
}

static void
mc_setup_dialog_constructed (GObject *object)
{
  McSetupDialog *self = MC_SETUP_DIALOG (object);

  G_OBJECT_CLASS (mc_setup_dialog_parent_class)->constructed (object);

  g_return_if_fail (MC_IS_CONTEXT (self->context));

  if (self->first_start)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Set Up the One-Stop Desk"));
      gtk_button_set_label (self->save_button, _("_Start Working"));
      gtk_button_set_label (self->cancel_button, _("_Later"));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_button_set_label (self->cancel_button, _("_Cancel"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), self->first_start);

  load_values (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->inputs[FIELD_OFFICE_NAME]));
}

static void
mc_setup_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  McSetupDialog *self = MC_SETUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_FIRST_START:
      g_value_set_boolean (value, self->first_start);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_setup_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  McSetupDialog *self = MC_SETUP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_FIRST_START:
      self->first_start = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_setup_dialog_dispose (GObject *object)
{
  McSetupDialog *self = MC_SETUP_DIALOG (object);

  self->quiet = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SETUP_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_setup_dialog_parent_class)->dispose (object);
}

static void
mc_setup_dialog_finalize (GObject *object)
{
  McSetupDialog *self = MC_SETUP_DIALOG (object);

  g_clear_pointer (&self->checked, mc_office_settings_free);

  G_OBJECT_CLASS (mc_setup_dialog_parent_class)->finalize (object);
}

static void
mc_setup_dialog_class_init (McSetupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_setup_dialog_constructed;
  object_class->get_property = mc_setup_dialog_get_property;
  object_class->set_property = mc_setup_dialog_set_property;
  object_class->dispose = mc_setup_dialog_dispose;
  object_class->finalize = mc_setup_dialog_finalize;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, MC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_START] =
    g_param_spec_boolean ("first-start", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-setup-dialog.ui");
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (fields[i].input != NULL)
        gtk_widget_class_bind_template_child_full (widget_class, fields[i].input, FALSE,
                                                   G_STRUCT_OFFSET (McSetupDialog, inputs) + i * sizeof (gpointer));
      if (fields[i].message != NULL)
        gtk_widget_class_bind_template_child_full (widget_class, fields[i].message, FALSE,
                                                   G_STRUCT_OFFSET (McSetupDialog, messages) + i * sizeof (gpointer));
    }
  for (guint day = 1; day <= 7; day++)
    {
      g_autofree char *id = g_strdup_printf ("weekday_%u_check", day);

      /* Interned: the binding lives as long as the class. */
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (id), FALSE,
                                                 G_STRUCT_OFFSET (McSetupDialog, weekday_checks)
                                                 + (day - 1) * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, mode_office_hours_check);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, mode_end_of_day_check);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, clerk_name_entry);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, paper_a4_check);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, paper_a5_check);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, office_hours_summary);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, lookup_example);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, database_path_label);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, McSetupDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_setup_dialog_init (McSetupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

McSetupDialog *
mc_setup_dialog_new (McContext *context)
{
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  return mc_setup_dialog_new_full (context,
                                   !g_settings_get_boolean (mc_context_get_settings (context), "setup-done"));
}

McSetupDialog *
mc_setup_dialog_new_full (McContext *context,
                          gboolean   first_start)
{
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  return g_object_new (MC_TYPE_SETUP_DIALOG,
                       "context", context,
                       "first-start", first_start,
                       NULL);
}

gboolean
mc_setup_dialog_get_first_start (McSetupDialog *self)
{
  g_return_val_if_fail (MC_IS_SETUP_DIALOG (self), FALSE);
  return self->first_start;
}

gboolean
mc_setup_dialog_is_valid (McSetupDialog *self)
{
  g_return_val_if_fail (MC_IS_SETUP_DIALOG (self), FALSE);
  return self->valid;
}
