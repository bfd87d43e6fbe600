/* mc-receive-page.c — The receive form: a new dossier at the counter.
 *
 * The form follows the paper: procedure, applicant, channel, documents, sets, note. Each
 * field is checked by the core's own rules (the same ones the store applies when it saves)
 * as the clerk leaves it, and again while they correct it, so a wrong ID number is caught
 * at the counter with the citizen still there, not when the portal refuses it.
 *
 * The appointment is computed here, live, with the store's work calendar: the calendar and
 * the holiday rules are immutable and reference-counted, so one job hands references to the
 * main thread once, and every keystroke's computation is a few table look-ups. When the
 * clerk saves, the moment of receipt is fixed on the main thread and the appointment shown
 * is recomputed for that very moment; the store computes the stored one from the same
 * moment with the same calendar, so the slip says what the screen said.
 *
 * Saving runs in the context's store job (off the main thread). Only after the dossier is
 * committed is its slip printed (never a slip for a record that could still be lost); a
 * dossier that cannot be saved leaves everything typed in place and says why.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-applicant.h"
#include "mc-document-checklist.h"
#include "mc-procedure-chooser.h"
#include "mc-slip-printer.h"
#include "mc-text.h"
#include "mc-ui.h"
#include "mc-window.h"

#include "mc-receive-page.h"

/* The checked fields, in Tab order: the first one with a problem gets the keyboard. */
typedef enum
{
  FIELD_PROCEDURE,
  FIELD_NAME,
  FIELD_ID,
  FIELD_BIRTH,
  FIELD_PHONE,
  FIELD_EMAIL,
  N_FIELDS
} FieldId;

struct _McReceivePage
{
  GtkWidget             parent_instance;

  McContext            *context;          /* owned */
  GCancellable         *cancellable;      /* owned; cancelled when the page goes */
  GPtrArray            *procedures;       /* McProcedure* (owned): the catalogue loaded */
  McWorkCalendar       *calendar;         /* owned reference; immutable, so usable here */
  McHolidayRules       *rules;            /* owned reference; immutable */
  McDeadlinePolicy      policy;
  char                 *procedure_code;   /* of the procedure the form shows, or NULL */
  gboolean              saving;
  McTime                shown_due;        /* the appointment on screen */
  guint                 tick_id;
  char                 *print_target_pdf; /* NULL: the print dialog */
  GtkPrintSettings     *print_settings;   /* owned; the clerk's printer, kept between slips */
  GtkFileChooserNative *pdf_chooser;      /* owned while asking where to save a PDF */
  gboolean              touched[N_FIELDS];/* the clerk left the field once: keep it checked */
  GtkWidget            *fields[N_FIELDS]; /* borrowed template children */
  GtkLabel             *errors[N_FIELDS]; /* borrowed template children */

  /* template children */
  GtkScrolledWindow    *scroller;
  McProcedureChooser   *procedure_chooser;
  GtkLabel             *procedure_error;
  GtkGrid              *procedure_info;
  GtkLabel             *time_limit_label;
  GtkLabel             *agency_label;
  GtkLabel             *fees_label;
  GtkDropDown          *kind_dropdown;
  GtkEntry             *name_entry;
  GtkLabel             *name_error;
  GtkLabel             *id_label;
  GtkEntry             *id_entry;
  GtkLabel             *id_error;
  GtkLabel             *birth_label;
  GtkWidget            *birth_box;
  GtkEntry             *birth_entry;
  GtkLabel             *birth_error;
  GtkEntry             *address_entry;
  GtkEntry             *phone_entry;
  GtkLabel             *phone_error;
  GtkEntry             *email_entry;
  GtkLabel             *email_error;
  GtkDropDown          *channel_dropdown;
  McDocumentChecklist  *checklist;
  GtkLabel             *checklist_error;
  GtkSpinButton        *sets_spin;
  GtkEntry             *note_entry;
  GtkLabel             *appointment_label;
  GtkLabel             *appointment_detail;
  GtkExpander          *explanation_expander;
  GtkLabel             *explanation_label;
  GtkLabel             *save_status;
};

G_DEFINE_FINAL_TYPE (McReceivePage, mc_receive_page, GTK_TYPE_WIDGET)

enum
{
  DOSSIER_RECEIVED,
  SLIP_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const McChannel channels[] = { MC_CHANNEL_COUNTER, MC_CHANNEL_ONLINE, MC_CHANNEL_POST };

static void
say (McReceivePage *self,
     const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (MC_IS_WINDOW (root))
    mc_window_show_message (MC_WINDOW (root), message);
}

/* "dd/MM/yyyy HH:mm", as every date on the desk's screens. */
static char *
format_moment (McTime t)
{
  g_autofree char *day = mc_day_format_vi (mc_time_local_day (t));
  g_autofree char *clock = mc_clock_format (mc_time_local_seconds (t));

  return g_strdup_printf ("%s %s", day, clock);
}

static const char *
weekday_name (McDay day)
{
  static const char *names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };

  return _(names[mc_day_weekday (day) - 1]);
}

/* 20000 → "20.000 đồng", with the dots Vietnamese puts between thousands. */
static char *
format_amount (gint64 amount)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, amount);
  g_autoptr(GString) out = g_string_new (NULL);
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, " đồng");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static McApplicantKind
selected_kind (McReceivePage *self)
{
  return gtk_drop_down_get_selected (self->kind_dropdown) == 1 ? MC_APPLICANT_ORGANISATION
                                                                : MC_APPLICANT_CITIZEN;
}

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* The date of birth if one is typed and valid; a problem with it is the birth field's. */
static gboolean
get_birth_day (McReceivePage  *self,
               McDay          *day,
               GError        **error)
{
  g_autofree char *text = entry_text (self->birth_entry);

  if (text[0] == '\0' || selected_kind (self) != MC_APPLICANT_CITIZEN)
    return FALSE;
  if (!mc_day_parse (text, day, error))
    return FALSE;
  if (*day > mc_time_local_day (mc_time_now ()))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The date of birth is in the future"));
      return FALSE;
    }
  return TRUE;
}

/* What is wrong with a field, in the core's words, or NULL. */
static char *
field_problem (McReceivePage *self,
               FieldId        id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  McDay birth = 0;
  gboolean has_birth;

  switch (id)
    {
    case FIELD_PROCEDURE:
      {
        const char *typed = gtk_editable_get_text (GTK_EDITABLE (mc_procedure_chooser_get_entry (self->procedure_chooser)));

        if (mc_procedure_chooser_get_procedure (self->procedure_chooser) != NULL)
          return NULL;
        if (typed[0] == '\0')
          return g_strdup (_("Choose the procedure: type part of its name or its code"));
        if (mc_procedure_chooser_get_n_matches (self->procedure_chooser) == 0)
          return g_strdup_printf (_("No procedure matches “%s”"), typed);
        return g_strdup (_("Choose one of the matching procedures with the arrow keys and Enter"));
      }

    case FIELD_NAME:
      text = mc_text_normalize (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), &error);
      if (text == NULL)
        return g_strdup (error->message);
      if (text[0] == '\0')
        return g_strdup (_("Enter the applicant’s full name"));
      return NULL;

    case FIELD_ID:
      text = entry_text (self->id_entry);
      if (selected_kind (self) == MC_APPLICANT_ORGANISATION)
        {
          if (text[0] == '\0')
            return g_strdup (_("Enter the tax code"));
          if (!mc_tax_code_validate (text, &error))
            return g_strdup (error->message);
          return NULL;
        }
      /* A date of birth that is itself wrong is the birth field's problem, not this one's. */
      has_birth = get_birth_day (self, &birth, NULL);
      if (!mc_citizen_id_validate (text, birth, has_birth, &error))
        return g_strdup (error->message);
      return NULL;

    case FIELD_BIRTH:
      if (!get_birth_day (self, &birth, &error) && error != NULL)
        return g_strdup (error->message);
      return NULL;

    case FIELD_PHONE:
      text = entry_text (self->phone_entry);
      if (text[0] != '\0')
        {
          g_autofree char *canonical = mc_phone_normalize (text, &error);

          if (canonical == NULL)
            return g_strdup (error->message);
        }
      return NULL;

    case FIELD_EMAIL:
      text = entry_text (self->email_entry);
      if (text[0] != '\0' && !mc_email_validate (text, &error))
        return g_strdup (error->message);
      return NULL;

    case N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
show_problem (McReceivePage *self,
              FieldId        id,
              const char    *problem)
{
  GtkWidget *field = self->fields[id];
  GtkLabel *label = self->errors[id];

  gtk_label_set_text (label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                               problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Checks a field and shows the result next to it; TRUE when it is fine. */
static gboolean
check_field (McReceivePage *self,
             FieldId        id)
{
  g_autofree char *problem = field_problem (self, id);

  show_problem (self, id, problem);
  return problem == NULL;
}

static void
hide_problems (McReceivePage *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      self->touched[i] = FALSE;
      show_problem (self, i, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->checklist_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_status), FALSE);
}

static void
show_appointment (McReceivePage *self,
                  McTime         received)
{
  const McProcedure *procedure = mc_procedure_chooser_get_procedure (self->procedure_chooser);
  g_autoptr(GError) error = NULL;
  g_autofree char *explanation = NULL;
  McTime due;

  self->shown_due = MC_TIME_NONE;
  if (procedure == NULL || self->calendar == NULL)
    {
      gtk_label_set_text (self->appointment_label, "—");
      gtk_label_set_text (self->appointment_detail,
                          procedure == NULL ? _("Choose a procedure to see the appointment.")
                                            : _("Loading the calendar…"));
      gtk_label_set_text (self->explanation_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->appointment_label), NULL);
      gtk_expander_set_expanded (self->explanation_expander, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->explanation_expander), FALSE);
      return;
    }

  if (!mc_deadline_compute (self->calendar, &self->policy, procedure->time_limit, received, &due, &error))
    {
      gtk_label_set_text (self->appointment_label, "—");
      gtk_label_set_text (self->appointment_detail, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->explanation_expander), FALSE);
      return;
    }

  self->shown_due = due;
  if (due == MC_TIME_NONE)
    {
      gtk_label_set_text (self->appointment_label, _("No appointment"));
      gtk_label_set_text (self->appointment_detail,
                          _("The procedure has no statutory time limit: the slip gives no return date."));
    }
  else
    {
      g_autofree char *moment = format_moment (due);
      g_autofree char *limit = mc_time_limit_describe (procedure->time_limit);
      g_autofree char *detail = g_strdup_printf (_("%s · %s from the receipt"),
                                                 weekday_name (mc_time_local_day (due)), limit);

      gtk_label_set_text (self->appointment_label, moment);
      gtk_label_set_text (self->appointment_detail, detail);
    }

  explanation = mc_deadline_explain (self->calendar, self->rules, &self->policy, procedure->time_limit,
                                     procedure->pause_rule, received, NULL, 0);
  gtk_label_set_text (self->explanation_label, explanation);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->appointment_label), explanation);
  gtk_widget_set_sensitive (GTK_WIDGET (self->explanation_expander), TRUE);
}

static gboolean on_tick (gpointer user_data);

/* The appointment follows the clock minute by minute: the next refresh comes just after the
 * minute turns, so the screen never shows the appointment of a minute already gone. */
static void
schedule_tick (McReceivePage *self)
{
  guint ms = (guint) (60 - mc_time_now () % 60) * 1000 + 200;

  self->tick_id = g_timeout_add (ms, on_tick, self);
}

static gboolean
on_tick (gpointer user_data)
{
  McReceivePage *self = user_data;

  /* While saving, the appointment on screen is the one being stored: leave it. */
  if (!self->saving)
    show_appointment (self, mc_time_now ());
  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

static void
show_procedure_info (McReceivePage     *self,
                     const McProcedure *procedure)
{
  g_autoptr(GString) fees = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) limit_text = g_string_new (NULL);
  g_autofree char *limit = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->procedure_info), procedure != NULL);
  if (procedure == NULL)
    return;

  limit = mc_time_limit_describe (procedure->time_limit);
  g_string_append (limit_text, limit);
  if (procedure->time_note != NULL)
    g_string_append_printf (limit_text, "\n%s", procedure->time_note);
  gtk_label_set_text (self->time_limit_label, limit_text->str);
  gtk_label_set_text (self->agency_label, procedure->agency != NULL ? procedure->agency : "");

  for (guint i = 0; procedure->fees != NULL && i < procedure->fees->len; i++)
    {
      const McProcedureFee *fee = g_ptr_array_index (procedure->fees, i);
      g_autofree char *amount = fee->amount > 0 ? format_amount (fee->amount)
                                : g_strdup (fee->amount == 0 ? _("free") : _("set by the province"));

      g_string_append_printf (fees, "%s%s: %s", fees->len > 0 ? "\n" : "", fee->name, amount);
      if (fee->note != NULL)
        g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n" : "", fee->note);
    }
  gtk_label_set_text (self->fees_label, fees->len > 0 ? fees->str : _("No fee"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fees_label), notes->len > 0 ? notes->str : NULL);
}

static void
on_procedure_changed (McReceivePage      *self,
                      GParamSpec         *pspec,
                      McProcedureChooser *chooser)
{
  const McProcedure *procedure = mc_procedure_chooser_get_procedure (chooser);
  const char *code = mc_procedure_chooser_get_procedure_code (chooser);
  /* The same procedure again: the catalogue was reloaded, the clerk changed nothing. */
  gboolean reloaded = code != NULL && g_strcmp0 (code, self->procedure_code) == 0;

  g_free (self->procedure_code);
  self->procedure_code = g_strdup (code);
  show_procedure_info (self, procedure);
  mc_document_checklist_set_procedure (self->checklist, procedure);
  if (!reloaded)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->checklist_error), FALSE);
      /* A new search hides the old message; leaving the field checks it again. */
      show_problem (self, FIELD_PROCEDURE, NULL);
    }
  if (!self->saving)
    show_appointment (self, mc_time_now ());
}

static void
on_checklist_changed (McReceivePage       *self,
                      McDocumentChecklist *checklist)
{
  g_autoptr(GError) error = NULL;

  /* Once the clerk was told what is missing, the message follows the ticks. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->checklist_error)))
    return;
  if (mc_document_checklist_check (checklist, &error))
    gtk_widget_set_visible (GTK_WIDGET (self->checklist_error), FALSE);
  else
    gtk_label_set_text (self->checklist_error, error->message);
}

static void
on_kind_changed (McReceivePage *self,
                 GParamSpec    *pspec,
                 GtkDropDown   *dropdown)
{
  gboolean citizen = selected_kind (self) == MC_APPLICANT_CITIZEN;

  gtk_label_set_text_with_mnemonic (self->id_label, citizen ? _("_Citizen ID") : _("Ta_x code"));
  gtk_entry_set_placeholder_text (self->id_entry, citizen ? _("12 digits") : _("10 digits, or 10-3 for a branch"));
  gtk_widget_set_visible (GTK_WIDGET (self->birth_label), citizen);
  gtk_widget_set_visible (self->birth_box, citizen);
  if (!citizen)
    show_problem (self, FIELD_BIRTH, NULL);
  if (self->touched[FIELD_ID])
    check_field (self, FIELD_ID);
}

static FieldId
field_of (gpointer widget)
{
  return (FieldId) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "mc-field"));
}

static void
on_field_changed (McReceivePage *self,
                  GtkEditable   *editable)
{
  FieldId id = field_of (editable);
  const char *text = gtk_editable_get_text (editable);

  if (self->touched[id])
    check_field (self, id);
  else if (id == FIELD_ID)
    {
      /* A complete number, or a character that can never belong, is checked at once. */
      gboolean odd = FALSE;

      for (const char *p = text; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p) && *p != '-' && *p != ' ')
          odd = TRUE;
      if (odd || strlen (text) >= 12)
        {
          self->touched[id] = TRUE;
          check_field (self, id);
        }
    }

  /* The ID's century digit is checked against the date of birth. */
  if (id == FIELD_BIRTH && (self->touched[FIELD_ID] ||
                            gtk_editable_get_text (GTK_EDITABLE (self->id_entry))[0] != '\0'))
    {
      self->touched[FIELD_ID] = TRUE;
      check_field (self, FIELD_ID);
    }
}

static void
on_field_leave (McReceivePage           *self,
                GtkEventControllerFocus *controller)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  FieldId id = field_of (widget);

  if (id == FIELD_PROCEDURE)
    mc_procedure_chooser_commit (self->procedure_chooser);
  /* An empty required field is not an error until the clerk has been in it and typed. */
  if (id == FIELD_PROCEDURE || id == FIELD_NAME || id == FIELD_ID)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (widget));

      if (text[0] == '\0' && !self->touched[id])
        return;
    }
  self->touched[id] = TRUE;
  check_field (self, id);
}

static void
clear_form (McReceivePage *self)
{
  /* Not touched first, so that emptying the fields raises no message. */
  for (guint i = 0; i < N_FIELDS; i++)
    self->touched[i] = FALSE;
  mc_procedure_chooser_clear (self->procedure_chooser);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->id_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->birth_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_entry), "");
  gtk_drop_down_set_selected (self->channel_dropdown, 0);
  gtk_spin_button_set_value (self->sets_spin, 1);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  mc_document_checklist_reset (self->checklist);
  hide_problems (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static char *
optional_text (GtkEntry *entry)
{
  g_autofree char *text = entry_text (entry);

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static McDossierDraft *
build_draft (McReceivePage *self,
             McTime         received)
{
  McDossierDraft *draft = mc_dossier_draft_new ();
  guint channel = gtk_drop_down_get_selected (self->channel_dropdown);

  draft->procedure_code = g_strdup (mc_procedure_chooser_get_procedure_code (self->procedure_chooser));
  draft->applicant_kind = selected_kind (self);
  draft->applicant_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  draft->id_number = entry_text (self->id_entry);
  draft->has_birth_day = get_birth_day (self, &draft->birth_day, NULL);
  draft->address = optional_text (self->address_entry);
  draft->phone = optional_text (self->phone_entry);
  draft->email = optional_text (self->email_entry);
  draft->channel = channels[MIN (channel, G_N_ELEMENTS (channels) - 1)];
  draft->sets = gtk_spin_button_get_value_as_int (self->sets_spin);
  draft->note = optional_text (self->note_entry);
  draft->received_at = received;
  mc_document_checklist_fill_draft (self->checklist, draft);
  return draft;
}

static void
set_saving (McReceivePage *self,
            gboolean       saving)
{
  self->saving = saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receive.save", !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receive.save-pdf", !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receive.clear", !saving);
}

static void
refuse (McReceivePage *self,
        const char    *problem)
{
  g_autofree char *message = g_strdup_printf (_("The dossier was not saved: %s"), problem);

  gtk_label_set_text (self->save_status, message);
  gtk_widget_set_visible (GTK_WIDGET (self->save_status), TRUE);
  say (self, message);
}

/* Printing ------------------------------------------------------------------------------ */

static void
on_slip_printed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McReceivePage) self = user_data;
  McSlipPrinter *printer = MC_SLIP_PRINTER (object);
  const char *code = mc_slip_printer_get_dossier (printer)->code;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult outcome;

  outcome = mc_print_job_run_finish (MC_PRINT_JOB (printer), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (outcome == GTK_PRINT_OPERATION_RESULT_APPLY && self->print_target_pdf == NULL)
    g_set_object (&self->print_settings, mc_print_job_get_print_settings (MC_PRINT_JOB (printer)));
  if (outcome == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Dossier %s is saved, but its slip was not printed: %s"),
                                                  code, error->message);

      say (self, message);
    }
  else if (outcome == GTK_PRINT_OPERATION_RESULT_CANCEL)
    {
      g_autofree char *message = g_strdup_printf (_("Dossier %s is saved; its slip was not printed."), code);

      say (self, message);
    }
  g_signal_emit (self, signals[SLIP_FINISHED], 0, code, outcome == GTK_PRINT_OPERATION_RESULT_APPLY);
}

static void
print_slip (McReceivePage *self,
            McDossier     *dossier,
            const char    *pdf_path)
{
  g_autofree char *paper = g_settings_get_string (mc_context_get_settings (self->context), "paper-size");
  g_autoptr(McSlipPrinter) printer = mc_slip_printer_new (dossier, mc_context_get_office (self->context), paper);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  mc_print_job_set_print_settings (MC_PRINT_JOB (printer), self->print_settings);
  mc_print_job_set_export_filename (MC_PRINT_JOB (printer), pdf_path);
  mc_print_job_run_async (MC_PRINT_JOB (printer), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          self->cancellable, on_slip_printed, g_object_ref (self));
}

static void
on_pdf_chosen (McReceivePage        *self,
               int                   response,
               GtkFileChooserNative *chooser)
{
  McDossier *dossier = g_object_steal_data (G_OBJECT (chooser), "mc-dossier");
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    print_slip (self, dossier, path);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Dossier %s is saved; its slip was not printed."), dossier->code);

      say (self, message);
      mc_dossier_free (dossier);
    }
  g_clear_object (&self->pdf_chooser);
}

static void
ask_pdf_path (McReceivePage *self,
              McDossier     *dossier)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("giay-tiep-nhan-%s.pdf", dossier->code);

  g_clear_object (&self->pdf_chooser);
  self->pdf_chooser = gtk_file_chooser_native_new (_("Save the receipt slip as PDF"),
                                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->pdf_chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->pdf_chooser), name);
  g_object_set_data_full (G_OBJECT (self->pdf_chooser), "mc-dossier", dossier,
                          (GDestroyNotify) mc_dossier_free);
  g_signal_connect_object (self->pdf_chooser, "response", G_CALLBACK (on_pdf_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->pdf_chooser));
}

/* Saving -------------------------------------------------------------------------------- */

typedef struct
{
  McDossierDraft *draft;
  char           *clerk;
} ReceiveJob;

static void
receive_job_free (gpointer data)
{
  ReceiveJob *job = data;

  mc_dossier_draft_free (job->draft);
  g_free (job->clerk);
  g_free (job);
}

static gpointer
receive_job (McStore   *store,
             gpointer   data,
             GError   **error)
{
  ReceiveJob *job = data;

  return mc_store_receive (store, job->draft, job->clerk, error);
}

typedef struct
{
  McReceivePage *page;     /* owned reference */
  gboolean       ask_pdf;
} ReceiveDone;

static void
on_received (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReceiveDone *done = user_data;
  g_autoptr(McReceivePage) self = done->page;
  gboolean ask_pdf = done->ask_pdf;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *message = NULL;

  g_free (done);
  dossier = mc_context_run_finish (MC_CONTEXT (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_saving (self, FALSE);

  if (dossier == NULL)
    {
      /* Everything typed stays; the clerk can correct it or try again. */
      refuse (self, error->message);
      return;
    }

  mc_context_dossier_changed (self->context, dossier->code);
  due = dossier->due_at != MC_TIME_NONE ? format_moment (dossier->due_at)
                                        : g_strdup (_("no statutory time limit"));
  message = g_strdup_printf (_("Dossier %s received — appointment %s"), dossier->code, due);
  say (self, message);
  g_signal_emit (self, signals[DOSSIER_RECEIVED], 0, dossier->code);

  /* The next citizen starts from an empty form: a procedure carried over by mistake would
   * give them the wrong documents and the wrong appointment. */
  clear_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->procedure_chooser));

  if (self->print_target_pdf != NULL)
    print_slip (self, g_steal_pointer (&dossier), self->print_target_pdf);
  else if (ask_pdf)
    ask_pdf_path (self, g_steal_pointer (&dossier));
  else
    print_slip (self, g_steal_pointer (&dossier), NULL);
}

static void
save (McReceivePage *self,
      gboolean       ask_pdf)
{
  g_autoptr(McDossierDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_problem = NULL;
  const McProcedure *procedure;
  ReceiveJob *job;
  ReceiveDone *done;
  int first_bad = -1;
  McTime received;

  if (self->saving || self->context == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->save_status), FALSE);

  mc_procedure_chooser_commit (self->procedure_chooser);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *problem = field_problem (self, i);

      self->touched[i] = TRUE;
      show_problem (self, i, problem);
      if (problem != NULL && first_bad < 0)
        {
          first_bad = (int) i;
          first_problem = g_steal_pointer (&problem);
        }
    }
  if (first_bad >= 0)
    {
      gtk_widget_grab_focus (self->fields[first_bad]);
      refuse (self, first_problem);
      return;
    }

  if (!mc_document_checklist_check (self->checklist, &error))
    {
      gtk_label_set_text (self->checklist_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->checklist_error), TRUE);
      mc_document_checklist_focus_first_missing (self->checklist);
      refuse (self, error->message);
      return;
    }

  /* The moment of receipt is now: the appointment on screen becomes the one for exactly
   * this moment, and the store computes the stored one from the same moment. */
  received = mc_time_now ();
  show_appointment (self, received);
  draft = build_draft (self, received);

  /* Whatever else the core refuses (it checks the whole draft as the store will). */
  procedure = mc_procedure_chooser_get_procedure (self->procedure_chooser);
  if (!mc_dossier_draft_validate (draft, procedure, &error))
    {
      refuse (self, error->message);
      return;
    }

  set_saving (self, TRUE);
  job = g_new0 (ReceiveJob, 1);
  job->draft = g_steal_pointer (&draft);
  job->clerk = mc_context_dup_clerk (self->context);
  done = g_new0 (ReceiveDone, 1);
  done->page = g_object_ref (self);
  done->ask_pdf = ask_pdf;
  mc_context_run_async (self->context, receive_job, job, receive_job_free,
                        (GDestroyNotify) mc_dossier_free, self->cancellable, on_received, done);
}

static void
mc_receive_page_save_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  save (MC_RECEIVE_PAGE (widget), FALSE);
}

static void
mc_receive_page_save_pdf_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  save (MC_RECEIVE_PAGE (widget), TRUE);
}

static void
mc_receive_page_clear_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  McReceivePage *self = MC_RECEIVE_PAGE (widget);

  clear_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->procedure_chooser));
}

/* Loading the catalogue and the calendar -------------------------------------------------- */

typedef struct
{
  GPtrArray        *procedures;
  McWorkCalendar   *calendar;
  McHolidayRules   *rules;
  McDeadlinePolicy  policy;
} Setup;

static void
setup_free (gpointer data)
{
  Setup *setup = data;

  g_clear_pointer (&setup->procedures, g_ptr_array_unref);
  g_clear_pointer (&setup->calendar, mc_work_calendar_unref);
  g_clear_pointer (&setup->rules, mc_holiday_rules_unref);
  g_free (setup);
}

static gpointer
load_setup_job (McStore   *store,
                gpointer   data,
                GError   **error)
{
  g_autoptr(GPtrArray) procedures = mc_store_list_procedures (store, NULL, error);
  McHolidayRules *rules = mc_store_get_holiday_rules (store);
  Setup *setup;

  if (procedures == NULL)
    return NULL;
  setup = g_new0 (Setup, 1);
  setup->procedures = g_steal_pointer (&procedures);
  /* References, not the store's pointers: the store may replace its calendar on an import
   * while the form keeps using this one. */
  setup->calendar = mc_work_calendar_ref (mc_store_get_work_calendar (store));
  setup->rules = rules != NULL ? mc_holiday_rules_ref (rules) : NULL;
  setup->policy = mc_store_get_settings (store)->deadline;
  return setup;
}

static void
on_setup_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McReceivePage) self = user_data;
  g_autoptr(GError) error = NULL;
  Setup *setup = mc_context_run_finish (MC_CONTEXT (object), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&setup, setup_free);
      return;
    }
  if (setup == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The procedure catalogue cannot be read: %s"), error->message);

      gtk_label_set_text (self->procedure_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->procedure_error), TRUE);
      say (self, message);
      return;
    }

  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  g_clear_pointer (&self->calendar, mc_work_calendar_unref);
  g_clear_pointer (&self->rules, mc_holiday_rules_unref);
  self->procedures = g_steal_pointer (&setup->procedures);
  self->calendar = g_steal_pointer (&setup->calendar);
  self->rules = g_steal_pointer (&setup->rules);
  self->policy = setup->policy;
  setup_free (setup);

  mc_procedure_chooser_set_procedures (self->procedure_chooser, self->procedures);
  show_appointment (self, mc_time_now ());
}

static void
load_setup (McReceivePage *self)
{
  if (self->context == NULL)
    return;
  mc_context_run_async (self->context, load_setup_job, NULL, NULL, setup_free, self->cancellable,
                        on_setup_loaded, g_object_ref (self));
}

/* The widget -------------------------------------------------------------------------------- */

static void
mc_receive_page_dispose (GObject *object)
{
  McReceivePage *self = MC_RECEIVE_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->pdf_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->pdf_chooser));
  g_clear_object (&self->pdf_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_RECEIVE_PAGE);
  /* Top-level template children without an id are not unparented by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  g_clear_pointer (&self->calendar, mc_work_calendar_unref);
  g_clear_pointer (&self->rules, mc_holiday_rules_unref);

  G_OBJECT_CLASS (mc_receive_page_parent_class)->dispose (object);
}

static void
mc_receive_page_finalize (GObject *object)
{
  McReceivePage *self = MC_RECEIVE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->print_target_pdf, g_free);
  g_clear_pointer (&self->procedure_code, g_free);

  G_OBJECT_CLASS (mc_receive_page_parent_class)->finalize (object);
}

static void
mc_receive_page_class_init (McReceivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_receive_page_dispose;
  object_class->finalize = mc_receive_page_finalize;

  /**
   * McReceivePage::dossier-received:
   * @code: the new dossier's code
   *
   * A dossier was stored; its slip is about to be printed.
   */
  signals[DOSSIER_RECEIVED] =
    g_signal_new ("dossier-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * McReceivePage::slip-finished:
   * @code: the dossier's code
   * @printed: whether the slip was printed or written
   *
   * The print operation of a received dossier's slip is over.
   */
  signals[SLIP_FINISHED] =
    g_signal_new ("slip-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  g_type_ensure (MC_TYPE_PROCEDURE_CHOOSER);
  g_type_ensure (MC_TYPE_DOCUMENT_CHECKLIST);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-receive-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, procedure_chooser);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, procedure_error);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, procedure_info);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, time_limit_label);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, agency_label);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, fees_label);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, name_error);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, id_label);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, id_entry);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, id_error);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, birth_label);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, birth_box);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, birth_entry);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, birth_error);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, address_entry);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, phone_error);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, email_error);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, checklist);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, checklist_error);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, sets_spin);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, note_entry);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, appointment_label);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, appointment_detail);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, explanation_expander);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, McReceivePage, save_status);
  gtk_widget_class_bind_template_callback (widget_class, on_procedure_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_checklist_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);

  gtk_widget_class_install_action (widget_class, "receive.save", NULL, mc_receive_page_save_action);
  gtk_widget_class_install_action (widget_class, "receive.save-pdf", NULL, mc_receive_page_save_pdf_action);
  gtk_widget_class_install_action (widget_class, "receive.clear", NULL, mc_receive_page_clear_action);

  /* The application's Ctrl+Enter accelerator is resolved from the window, which cannot see
   * the page's actions; these bindings work wherever the keyboard is inside the form. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "receive.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "receive.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, GDK_CONTROL_MASK, "receive.save", NULL);
}

static void
watch_field (McReceivePage *self,
             FieldId        id,
             GtkWidget     *widget,
             GtkLabel      *error)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->fields[id] = widget;
  self->errors[id] = error;
  g_object_set_data (G_OBJECT (widget), "mc-field", GUINT_TO_POINTER (id));
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_field_leave), self);
  gtk_widget_add_controller (widget, focus);
  /* The procedure field has its own list while typing; it is checked when left. */
  if (id != FIELD_PROCEDURE)
    g_signal_connect_swapped (widget, "changed", G_CALLBACK (on_field_changed), self);
}

static void
mc_receive_page_init (McReceivePage *self)
{
  g_autoptr(GtkStringList) channel_names = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->shown_due = MC_TIME_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    gtk_string_list_append (channel_names, mc_channel_describe (channels[i]));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channel_names));

  watch_field (self, FIELD_PROCEDURE, mc_procedure_chooser_get_entry (self->procedure_chooser),
               self->procedure_error);
  watch_field (self, FIELD_NAME, GTK_WIDGET (self->name_entry), self->name_error);
  watch_field (self, FIELD_ID, GTK_WIDGET (self->id_entry), self->id_error);
  watch_field (self, FIELD_BIRTH, GTK_WIDGET (self->birth_entry), self->birth_error);
  watch_field (self, FIELD_PHONE, GTK_WIDGET (self->phone_entry), self->phone_error);
  watch_field (self, FIELD_EMAIL, GTK_WIDGET (self->email_entry), self->email_error);

  schedule_tick (self);
}

void
mc_receive_page_set_context (McReceivePage *self,
                             McContext     *context)
{
  g_return_if_fail (MC_IS_RECEIVE_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  load_setup (self);
}

void
mc_receive_page_start (McReceivePage *self)
{
  g_return_if_fail (MC_IS_RECEIVE_PAGE (self));

  /* Announcements or a catalogue imported since the last dossier count from now on. */
  load_setup (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->procedure_chooser));
}

void
mc_receive_page_set_print_target_pdf (McReceivePage *self,
                                      const char    *path)
{
  g_return_if_fail (MC_IS_RECEIVE_PAGE (self));

  g_free (self->print_target_pdf);
  self->print_target_pdf = g_strdup (path);
}
