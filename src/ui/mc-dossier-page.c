/* mc-dossier-page.c — one dossier: its record, documents, appointment, internal steps, clock
 * stops and history, and the moves its status and the signed-in role allow.
 *
 * Everything shown comes from one context job (dossier, history, pauses, the appointment's
 * explanation and its due state, which need the store's calendar), so the page never reads the
 * store on the main thread. The moves are the widget action "dossier.move" (target status as
 * an int): one button per move of domain.md's table, shown when mc_status_can_move allows it
 * from the dossier's status and sensitive when the role may make it (the tooltip says who may
 * otherwise), all in update_actions (), again on ::account-changed. A move is one more context job; the
 * page then tells the context, whose ::dossier-changed brings the page (and every other view)
 * up to date.
 *
 * Paper follows the record: the forms that attest a move (02 supplement request, 03 refusal,
 * 05 stop) are printed once the move is committed, from its audit entry, through McFormPrinter
 * ("dossier.print-form" reprints any form that fits the dossier, 06 the control slip at any
 * time). A dossier due soon gets a bar that proposes the apology (form 04) with a reason and a
 * new appointment ("dossier.apologise"), which is recorded (the original appointment stays)
 * and printed. Scanned documents are attached to a received document or to the result
 * ("dossier.attach", or mc_dossier_page_attach_file), and the page counts the digitised ones.
 * Inside "in processing", "dossier.record-step" hands the dossier to the procedure's next
 * department; the internal steps are listed with each one's due moment (mc-step-plan) and
 * how it was handed on. The clock running again after a supplement prints the slip with the
 * new appointment.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-dossier-code.h"
#include "mc-dossier-page.h"
#include "mc-error.h"
#include "mc-form-history.h"
#include "mc-form-printer.h"
#include "mc-slip-printer.h"
#include "mc-step-plan.h"
#include "mc-window.h"

typedef enum
{
  DUE_STATE_NONE,          /* closed, or no statutory time */
  DUE_STATE_IN_TIME,
  DUE_STATE_SOON,
  DUE_STATE_OVERDUE,
  DUE_STATE_PAUSED,
  DUE_STATE_FINISHED,
} DueState;

/* The moves a clerk can make, by target status (domain.md, "The life of a dossier"). Those
 * whose reason is printed or recorded (refusal, supplement, stop, who took the result) ask
 * for a note first. */
typedef struct
{
  McStatus    to;
  const char *label;
  const char *note_prompt;    /* NULL: no note asked */
  const char *style;          /* CSS class of the button, or NULL */
} MoveInfo;

static const MoveInfo move_infos[] = {
  { MC_STATUS_RECEIVED, N_("Receive"), NULL, "suggested-action" },
  { MC_STATUS_IN_PROCESSING, N_("Hand over for processing"), NULL, "suggested-action" },
  { MC_STATUS_WAITING_SUPPLEMENT, N_("Request a supplement"),
    N_("What must the applicant add or correct? Separate the items with “;” (printed on the supplement request)"),
    NULL },
  { MC_STATUS_WAITING_PAYMENT, N_("Wait for payment"), NULL, NULL },
  { MC_STATUS_RESULT_READY, N_("Result ready"), NULL, "suggested-action" },
  { MC_STATUS_RETURNED, N_("Return the result"),
    N_("Who collected the result? (name, and ID number for an authorised person)"), "suggested-action" },
  { MC_STATUS_REFUSED, N_("Refuse"), N_("Why is the dossier refused? (printed on the refusal slip)"),
    "destructive-action" },
  { MC_STATUS_WITHDRAWN, N_("Withdraw"), NULL, "destructive-action" },
  { MC_STATUS_STOPPED, N_("Stop processing"), N_("Why is processing stopped? (printed on the notice)"),
    "destructive-action" },
};

/* How a step of the plan ended: the hand-over to the next department, or the result. */
typedef struct
{
  McTime    at;              /* MC_TIME_NONE while the step runs or has not started */
  McVerdict verdict;
} StepEnd;

typedef struct
{
  McDossier *dossier;
  GPtrArray *history;        /* McDossierEvent* */
  GArray    *pauses;         /* McPause */
  char      *explanation;    /* may be NULL */
  DueState   due_state;
  McVerdict  verdict;
  GPtrArray *attachments;    /* McAttachment*, oldest first */
  GPtrArray *apologies;      /* McApologyRecord*, oldest first */
  McRating   rating;         /* recorded at the return, or NONE */
  GStrv      steps;          /* the procedure's internal steps' departments (may be empty) */
  GStrv      step_labels;    /* the same, with each one's share of the time, for the clerk */
  GPtrArray *plan;           /* McPlannedStep*: each step's due moment */
  GArray    *step_ends;      /* StepEnd per step of @plan: when and how it was handed on */
  gboolean   propose_apology; /* deadline running and due soon or past: form 04 is proposed */
  McTime     watched_due;    /* the appointment the proposal is about (a promised one counts) */
  McTime     suggested_due;  /* a new appointment to start from, or MC_TIME_NONE */
} DossierView;

struct _McDossierPage
{
  GtkWidget          parent_instance;

  McContext         *context;           /* owned */
  GCancellable      *cancellable;       /* loads and prints; cancelled by dispose; owned */
  GCancellable      *load_cancellable;  /* the load in flight; owned */
  char              *code;              /* shown or being loaded; owned */
  DossierView       *view;              /* the dossier shown, or NULL; owned */
  gboolean           moving;
  GtkPrintSettings  *print_settings;    /* the clerk's printer, kept between slips; owned */
  GtkWidget         *move_buttons[MC_STATUS_LAST + 1];   /* children of actions_box */
  GtkWidget         *step_button;       /* "dossier.record-step", in actions_box */
  GMenu             *forms_menu;        /* the forms that fit, rebuilt by update_actions; owned */
  char              *print_target_pdf;  /* tests: forms exported here, no dialog; owned */
  char              *apology_for;       /* the dossier whose apology the bar was filled for; owned */
  GtkFileChooserNative *chooser;        /* the file dialog of "dossier.attach" while open; owned */
  char              *chooser_target;    /* what the chosen file will be attached to; owned */
  gboolean           apologising;
  gboolean           attaching;

  /* template children */
  GtkStack          *stack;
  GtkSpinner        *spinner;
  GtkLabel          *missing_label;
  GtkLabel          *code_label;
  GtkLabel          *status_label;
  GtkWidget         *state_box;
  GtkImage          *state_icon;
  GtkLabel          *state_label;
  GtkBox            *actions_box;
  GtkGrid           *fields_grid;
  GtkLabel          *appointment_label;
  GtkLabel          *appointment_note_label;
  GtkLabel          *explanation_label;
  GtkGrid           *documents_grid;
  GtkWidget         *pauses_box;
  GtkGrid           *pauses_grid;
  GtkWidget         *steps_box;
  GtkGrid           *steps_grid;
  GtkGrid           *history_grid;
  GtkMenuButton     *forms_button;
  GtkWidget         *apology_bar;
  GtkLabel          *apology_title_label;
  GtkLabel          *apology_hint_label;
  GtkEntry          *apology_reason_entry;
  GtkEntry          *apology_due_entry;
  GtkCalendar       *apology_calendar;
  GtkMenuButton     *apology_calendar_button;
  GtkLabel          *apology_error_label;
  GtkLabel          *promised_label;
  GtkLabel          *digitised_label;
  GtkWidget         *result_box;
  GtkLabel          *result_scans_label;
};

enum
{
  SIGNAL_FORM_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (McDossierPage, mc_dossier_page, GTK_TYPE_WIDGET)

static void load (McDossierPage *self, gboolean show_loading);
static void print_slip (McDossierPage *self, const char *code);
static void print_form (McDossierPage *self, McFormKind kind);

static const MoveInfo *
move_info (int to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (move_infos); i++)
    if ((int) move_infos[i].to == to)
      return &move_infos[i];
  return NULL;
}

/* Back to processing means something different from each status it comes from. */
static const char *
move_label (McStatus from,
            McStatus to)
{
  const MoveInfo *info;

  if (to == MC_STATUS_IN_PROCESSING && from == MC_STATUS_WAITING_SUPPLEMENT)
    return _("Supplement received");
  if (to == MC_STATUS_IN_PROCESSING && from == MC_STATUS_WAITING_PAYMENT)
    return _("Payment made");
  info = move_info (to);
  return info != NULL ? _(info->label) : mc_status_describe (to);
}

static void
dossier_view_free (DossierView *view)
{
  g_clear_pointer (&view->dossier, mc_dossier_free);
  g_clear_pointer (&view->history, g_ptr_array_unref);
  g_clear_pointer (&view->pauses, g_array_unref);
  g_clear_pointer (&view->attachments, g_ptr_array_unref);
  g_clear_pointer (&view->apologies, g_ptr_array_unref);
  g_strfreev (view->steps);
  g_strfreev (view->step_labels);
  g_clear_pointer (&view->plan, g_ptr_array_unref);
  g_clear_pointer (&view->step_ends, g_array_unref);
  g_free (view->explanation);
  g_free (view);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DossierView, dossier_view_free)

/* dd/MM/yyyy HH:mm, as the counter writes dates. */
static char *
format_moment (McTime moment)
{
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (moment == MC_TIME_NONE)
    return g_strdup ("—");
  day = mc_day_format_vi (mc_time_local_day (moment));
  clock = mc_clock_format (mc_time_local_seconds (moment));
  return g_strdup_printf ("%s %s", day, clock);
}

static void
say (McDossierPage *self,
     const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (MC_IS_WINDOW (root))
    mc_window_show_message (MC_WINDOW (root), message);
}

/* ---- the actions' state: the one place ---------------------------------------------- */

/* Form 01 exists once a dossier was received: not for one still waiting online, nor for one
 * refused (it gets the refusal slip instead). */
static gboolean
has_receipt_slip (McStatus status)
{
  return status != MC_STATUS_SUBMITTED_ONLINE && status != MC_STATUS_REFUSED;
}

/* The forms a dossier's record can fill: each attests something the history holds. */
static gboolean
form_fits (const DossierView *view,
           McFormKind         kind)
{
  McStatus status = view->dossier->status;

  switch (kind)
    {
    case MC_FORM_SUPPLEMENT:
      return mc_form_history_last_move_to (view->history, MC_STATUS_WAITING_SUPPLEMENT) != NULL;
    case MC_FORM_REFUSAL:
      return status == MC_STATUS_REFUSED && mc_form_history_last_move_to (view->history, MC_STATUS_REFUSED) != NULL;
    case MC_FORM_APOLOGY:
      return view->apologies->len > 0;
    case MC_FORM_STOP:
      return status == MC_STATUS_STOPPED && mc_form_history_last_move_to (view->history, MC_STATUS_STOPPED) != NULL;
    case MC_FORM_CONTROL:
      return has_receipt_slip (status);
    default:
      return FALSE;
    }
}

static const char *
form_label (McFormKind kind)
{
  switch (kind)
    {
    case MC_FORM_SUPPLEMENT:
      return _("02 — Supplement request");
    case MC_FORM_REFUSAL:
      return _("03 — Refusal slip");
    case MC_FORM_APOLOGY:
      return _("04 — Apology and new appointment");
    case MC_FORM_STOP:
      return _("05 — Notice of stopped processing");
    case MC_FORM_CONTROL:
    default:
      return _("06 — Processing control slip");
    }
}

/* The "Forms" menu lists what fits this dossier now, and only that. */
static gboolean
update_forms_menu (McDossierPage *self)
{
  gboolean any = FALSE;

  g_menu_remove_all (self->forms_menu);
  for (int kind = MC_FORM_SUPPLEMENT; self->view != NULL && kind <= MC_FORM_CONTROL; kind++)
    {
      g_autofree char *action = NULL;

      if (!form_fits (self->view, (McFormKind) kind))
        continue;
      action = g_strdup_printf ("dossier.print-form::%02d", kind);
      g_menu_append (self->forms_menu, form_label ((McFormKind) kind), action);
      any = TRUE;
    }
  return any;
}

static McRoles
current_roles (McDossierPage *self)
{
  return self->context != NULL ? mc_context_get_roles (self->context) : MC_ROLES_NONE;
}

/* A move the status allows but the signed-in role does not is shown, insensitive, with the
 * reason as its tooltip: the clerk sees that the dossier can go on, and who takes it on. */
static void
update_move_button (GtkWidget  *button,
                    McRoles     roles,
                    McStatus    from,
                    McStatus    to)
{
  g_autoptr(GError) refusal = NULL;
  gboolean permitted = mc_roles_check_move (roles, from, to, &refusal);

  gtk_widget_set_sensitive (button, permitted);
  gtk_widget_set_tooltip_text (button, permitted ? NULL : refusal->message);
}

static void
update_actions (McDossierPage *self)
{
  const McDossier *dossier = self->view != NULL ? self->view->dossier : NULL;
  McRoles roles = current_roles (self);
  gboolean any_move = FALSE;
  gboolean any_form;
  gboolean in_processing = dossier != NULL && dossier->status == MC_STATUS_IN_PROCESSING;
  gboolean may_step = in_processing && (roles & mc_roles_for_step (MC_STATUS_IN_PROCESSING)) != 0;
  gboolean may_apologise = (roles & mc_roles_for_apology ()) != 0;

  for (gsize i = 0; i < G_N_ELEMENTS (move_infos); i++)
    any_move |= dossier != NULL && mc_roles_may_move (roles, dossier->status, move_infos[i].to);
  /* The action first: its helper sets the buttons' sensitivity when it changes, and each
   * button's own sensitivity (its role) is set after it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.move", any_move && !self->moving);
  for (gsize i = 0; i < G_N_ELEMENTS (move_infos); i++)
    {
      McStatus to = move_infos[i].to;
      GtkWidget *button = self->move_buttons[to];
      gboolean allowed = dossier != NULL && mc_status_can_move (dossier->status, to);

      gtk_widget_set_visible (button, allowed);
      if (allowed)
        {
          gtk_button_set_label (GTK_BUTTON (button), move_label (dossier->status, to));
          if (!self->moving)
            update_move_button (button, roles, dossier->status, to);
        }
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.print-slip",
                                 dossier != NULL && has_receipt_slip (dossier->status));

  /* Steps between departments happen inside "in processing" (domain.md). */
  gtk_widget_set_visible (self->step_button, in_processing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.record-step", may_step && !self->moving);

  any_form = update_forms_menu (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->forms_button), any_form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.print-form", any_form);

  /* The apology is proposed to whoever has the dossier open; a supervisor signs it off. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.apologise",
                                 self->view != NULL && self->view->propose_apology && may_apologise &&
                                 !self->apologising);
  gtk_label_set_text (self->apology_hint_label,
                      may_apologise
                      ? _("Send the applicant an apology with the reason and a new appointment before the "
                          "appointment passes. The original appointment stays the one the on-time figures count.")
                      : _("A supervisor signs off the apology and the new appointment (form 04): ask the "
                          "supervisor to sign in on this desk, or to open the dossier on theirs."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.attach",
                                 dossier != NULL && roles != MC_ROLES_NONE && !self->attaching);
}

/* ---- loading (worker thread, then main thread) -------------------------------------- */

static DueState
due_state (McStore         *store,
           const McDossier *dossier,
           McTime           now)
{
  const McOfficeSettings *settings = mc_store_get_settings (store);

  if (mc_status_is_finished (dossier->status))
    return DUE_STATE_FINISHED;
  if (mc_status_is_paused (dossier->status))
    return DUE_STATE_PAUSED;
  if (!mc_status_is_open (dossier->status) || dossier->current_due_at == MC_TIME_NONE)
    return DUE_STATE_NONE;
  if (mc_deadline_is_overdue (dossier->current_due_at, now))
    return DUE_STATE_OVERDUE;
  if (mc_deadline_is_due_soon (mc_store_get_work_calendar (store), &settings->deadline,
                               dossier->current_due_at, now))
    return DUE_STATE_SOON;
  return DUE_STATE_IN_TIME;
}

/* An audit entry that records an apology (McApologyRecord*), not a hand-over. */
static gboolean
is_apology_of (GPtrArray            *apologies,
               const McDossierEvent *event)
{
  for (guint i = 0; i < apologies->len; i++)
    if (((const McApologyRecord *) g_ptr_array_index (apologies, i))->event_id == event->id)
      return TRUE;
  return FALSE;
}

/* The procedure's internal steps (quy trình nội bộ), each with its share of the processing
 * time and its due moment (mc-step-plan), and how each ended: a hand-over to the next
 * department or the result back at the counter, judged against the step's due. A procedure
 * gone from the catalogue has none. */
static gboolean
load_steps (McStore      *store,
            DossierView  *view,
            GError      **error)
{
  McWorkCalendar *calendar = mc_store_get_work_calendar (store);
  g_autoptr(GStrvBuilder) steps = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  g_autoptr(McProcedure) procedure = mc_store_get_procedure (store, view->dossier->procedure_code, NULL);

  /* The pauses are loaded already; a procedure gone from the catalogue has no steps. */
  view->plan = mc_step_plan_for_dossier (calendar, view->dossier, procedure != NULL ? procedure->steps : NULL,
                                         (const McPause *) view->pauses->data, view->pauses->len, error);
  if (view->plan == NULL)
    return FALSE;
  view->step_ends = g_array_sized_new (FALSE, FALSE, sizeof (StepEnd), view->plan->len);
  for (guint i = 0; i < view->plan->len; i++)
    {
      const McPlannedStep *step = g_ptr_array_index (view->plan, i);
      StepEnd none = { MC_TIME_NONE, MC_VERDICT_NONE };
      g_autofree char *label = NULL;

      g_array_append_val (view->step_ends, none);
      if (step->due != MC_TIME_NONE)
        {
          g_autofree char *due = format_moment (step->due);

          label = g_strdup_printf (_("%s — %d%% of the time, due %s"), step->department, step->share_percent, due);
        }
      else
        label = g_strdup_printf (_("%s — %d%% of the time"), step->department, step->share_percent);
      g_strv_builder_add (steps, step->department);
      g_strv_builder_add (labels, label);
    }
  view->steps = g_strv_builder_end (steps);
  view->step_labels = g_strv_builder_end (labels);

  for (guint i = 0; i < view->history->len; i++)
    {
      const McDossierEvent *event = g_ptr_array_index (view->history, i);
      int ended = -1;
      McVerdict verdict = MC_VERDICT_NONE;

      if (event->from_status == MC_STATUS_IN_PROCESSING && event->to_status == MC_STATUS_IN_PROCESSING &&
          !is_apology_of (view->apologies, event))
        verdict = mc_step_plan_judge_handover (calendar, view->plan, event->note, event->at, &ended);
      else if (event->from_status == MC_STATUS_IN_PROCESSING && event->to_status == MC_STATUS_RESULT_READY)
        verdict = mc_step_plan_judge_result (calendar, view->plan, event->at, &ended);
      if (ended >= 0 && (guint) ended < view->step_ends->len)
        g_array_index (view->step_ends, StepEnd, ended) = (StepEnd) { event->at, verdict };
    }
  return TRUE;
}

/* Form 04 is proposed while the deadline runs and the appointment is near or past: the
 * original (or current) one, or the one promised by the last apology, which may itself come
 * near. A new appointment to start from: the end of the second working day after it. */
static void
load_apology_proposal (McStore     *store,
                       DossierView *view,
                       McTime       now)
{
  McWorkCalendar *calendar = mc_store_get_work_calendar (store);
  const McOfficeSettings *settings = mc_store_get_settings (store);
  const McDossier *dossier = view->dossier;
  McTime watched = dossier->current_due_at != MC_TIME_NONE ? dossier->current_due_at : dossier->due_at;
  McDay day;

  view->watched_due = MC_TIME_NONE;
  view->suggested_due = MC_TIME_NONE;
  if (view->apologies->len > 0)
    {
      const McApologyRecord *last = g_ptr_array_index (view->apologies, view->apologies->len - 1);

      watched = MAX (watched, last->new_due_at);
    }
  if (!mc_status_is_open (dossier->status) || watched == MC_TIME_NONE)
    return;
  view->watched_due = watched;
  view->propose_apology = mc_deadline_is_overdue (watched, now) ||
                          mc_deadline_is_due_soon (calendar, &settings->deadline, watched, now);
  if (mc_work_calendar_nth_working_day_after (calendar, mc_time_local_day (MAX (watched, now)), 2, &day, NULL))
    view->suggested_due = mc_time_from_local (day, mc_office_hours_closing (mc_work_calendar_get_office_hours (calendar)));
}

static gpointer
load_job (McStore   *store,
          gpointer   job_data,
          GError   **error)
{
  const char *code = job_data;
  const McOfficeSettings *settings = mc_store_get_settings (store);
  McWorkCalendar *calendar = mc_store_get_work_calendar (store);
  g_autoptr(DossierView) view = g_new0 (DossierView, 1);

  if ((view->dossier = mc_store_get_dossier (store, code, error)) == NULL ||
      (view->history = mc_store_get_history (store, code, error)) == NULL ||
      (view->pauses = mc_store_get_pauses (store, code, error)) == NULL)
    return NULL;

  view->explanation = mc_deadline_explain (calendar, mc_store_get_holiday_rules (store), &settings->deadline,
                                           view->dossier->time_limit, view->dossier->pause_rule,
                                           view->dossier->received_at,
                                           (const McPause *) view->pauses->data, view->pauses->len);
  view->due_state = due_state (store, view->dossier, mc_time_now ());
  /* As the store judges it: against the original appointment extended by the clock stops. */
  view->verdict = mc_deadline_verdict (calendar, view->dossier->current_due_at, view->dossier->finished_at);

  if ((view->attachments = mc_store_list_attachments (store, code, error)) == NULL ||
      (view->apologies = mc_store_list_apologies (store, code, error)) == NULL ||
      !mc_store_get_rating (store, code, &view->rating, error) ||
      !load_steps (store, view, error))
    return NULL;
  load_apology_proposal (store, view, mc_time_now ());
  return g_steal_pointer (&view);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

/* One "label: value" row of the record; returns the value's label. */
static GtkWidget *
add_field (McDossierPage *self,
           int           *row,
           const char    *name,
           const char    *value)
{
  GtkWidget *key = cell_label (name, TRUE);
  GtkWidget *shown = cell_label (value != NULL && value[0] != '\0' ? value : "—", FALSE);

  gtk_widget_set_hexpand (shown, TRUE);
  gtk_grid_attach (self->fields_grid, key, 0, *row, 1, 1);
  gtk_grid_attach (self->fields_grid, shown, 1, *row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (shown), GTK_ACCESSIBLE_RELATION_LABELLED_BY, key, NULL, -1);
  (*row)++;
  return shown;
}

static void
fill_fields (McDossierPage   *self,
             const McDossier *dossier,
             McRating         rating)
{
  g_autofree char *procedure = g_strdup_printf ("%s — %s", dossier->procedure_code,
                                                dossier->procedure_name != NULL ? dossier->procedure_name : "");
  g_autofree char *sets = g_strdup_printf ("%d", dossier->sets);
  g_autofree char *limit = mc_time_limit_describe (dossier->time_limit);
  g_autofree char *received = format_moment (dossier->received_at);
  GtkWidget *applicant;
  int row = 0;

  clear_grid (self->fields_grid);
  add_field (self, &row, _("Procedure:"), procedure);
  add_field (self, &row, _("Field:"), dossier->field_name);
  add_field (self, &row, _("Deciding agency:"), dossier->deciding_agency);
  add_field (self, &row, _("Receiving office:"), dossier->receiving_office);
  applicant = add_field (self, &row, _("Applicant:"), dossier->applicant_name);
  gtk_widget_set_name (applicant, "applicant-label");
  gtk_widget_add_css_class (applicant, "heading");
  add_field (self, &row,
             dossier->applicant_kind == MC_APPLICANT_ORGANISATION ? _("Tax code:") : _("Citizen ID:"),
             dossier->id_number);
  add_field (self, &row, _("Phone:"), dossier->phone);
  add_field (self, &row, _("E-mail:"), dossier->email);
  add_field (self, &row, _("Address:"), dossier->address);
  add_field (self, &row, _("Channel:"), mc_channel_describe (dossier->channel));
  add_field (self, &row, _("Sets:"), sets);
  add_field (self, &row, _("Summary:"), dossier->summary);
  if (dossier->note != NULL && dossier->note[0] != '\0')
    add_field (self, &row, _("Note:"), dossier->note);
  add_field (self, &row, _("Received by:"), dossier->clerk);
  add_field (self, &row, _("Received:"), received);
  add_field (self, &row, _("Processing time:"), limit);
  if (dossier->finished_at != MC_TIME_NONE)
    {
      g_autofree char *finished = format_moment (dossier->finished_at);

      add_field (self, &row, _("Result ready:"), finished);
    }
  if (dossier->returned_at != MC_TIME_NONE)
    {
      g_autofree char *returned = format_moment (dossier->returned_at);

      add_field (self, &row, _("Result returned:"), returned);
    }
  if (rating != MC_RATING_NONE)
    gtk_widget_set_name (add_field (self, &row, _("Citizen’s rating:"), mc_rating_describe (rating)), "rating-label");
}

static const char *
verdict_text (McVerdict verdict)
{
  switch (verdict)
    {
    case MC_VERDICT_EARLY:
      return _("Finished before the appointment");
    case MC_VERDICT_ON_TIME:
      return _("Finished on time");
    case MC_VERDICT_LATE:
      return _("Finished late");
    case MC_VERDICT_NONE:
    default:
      return NULL;
    }
}

/* The state in words and an icon; the colour only repeats them. */
static void
fill_state (McDossierPage     *self,
            const DossierView *view)
{
  const char *icon = NULL;
  const char *text = NULL;
  const char *css = NULL;

  switch (view->due_state)
    {
    case DUE_STATE_OVERDUE:
      icon = "dialog-warning-symbolic";
      text = _("Overdue");
      css = "overdue";
      break;
    case DUE_STATE_SOON:
      icon = "alarm-symbolic";
      text = _("Due soon");
      css = "due-soon";
      break;
    case DUE_STATE_IN_TIME:
      icon = "emblem-ok-symbolic";
      text = _("Within the time limit");
      break;
    case DUE_STATE_PAUSED:
      icon = "media-playback-pause-symbolic";
      text = _("Clock stopped: waiting for the applicant");
      break;
    case DUE_STATE_FINISHED:
      icon = view->verdict == MC_VERDICT_LATE ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
      text = verdict_text (view->verdict);
      css = view->verdict == MC_VERDICT_LATE ? "overdue" : NULL;
      break;
    case DUE_STATE_NONE:
    default:
      break;
    }

  gtk_widget_remove_css_class (self->state_box, "overdue");
  gtk_widget_remove_css_class (self->state_box, "due-soon");
  if (css != NULL)
    gtk_widget_add_css_class (self->state_box, css);
  gtk_widget_set_visible (self->state_box, text != NULL);
  gtk_image_set_from_icon_name (self->state_icon, icon);
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
}

static void
fill_appointment (McDossierPage     *self,
                  const DossierView *view)
{
  const McDossier *dossier = view->dossier;

  if (dossier->due_at == MC_TIME_NONE)
    {
      gtk_label_set_text (self->appointment_label, _("No set appointment date under the regulations"));
      gtk_label_set_text (self->appointment_note_label, _("The dossier is never overdue."));
    }
  else
    {
      g_autofree char *current = format_moment (dossier->current_due_at);
      g_autofree char *original = format_moment (dossier->due_at);
      g_autofree char *note = NULL;

      gtk_label_set_text (self->appointment_label, current);
      if (mc_status_is_paused (dossier->status))
        note = g_strdup_printf (_("The clock is stopped: this is the appointment if the applicant delivers now, "
                                  "and it moves on while the dossier waits. The slip's original appointment "
                                  "is %s."), original);
      else if (dossier->current_due_at != dossier->due_at)
        note = g_strdup_printf (_("A new appointment: the clock stopped while the dossier waited for the "
                                  "applicant. The slip's original appointment is %s."), original);
      else
        note = g_strdup (_("The original appointment, as printed on the slip."));
      gtk_label_set_text (self->appointment_note_label, note);
    }
  gtk_label_set_text (self->explanation_label, view->explanation != NULL ? view->explanation : "");

  /* A new appointment promised in an apology is shown apart: it never replaces the one
   * above, by which the figures judge the dossier. */
  if (view->apologies->len > 0)
    {
      const McApologyRecord *last = g_ptr_array_index (view->apologies, view->apologies->len - 1);
      g_autofree char *promised = format_moment (last->new_due_at);
      g_autofree char *issued = format_moment (last->issued_at);
      g_autofree char *text = g_strdup_printf (_("New appointment promised in the apology (form 04) of %s: %s. "
                                                 "Reason: %s"), issued, promised, last->reason);

      gtk_label_set_text (self->promised_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->promised_label), view->apologies->len > 0);
}

/* The scans of @target, oldest first (borrowed). */
static GPtrArray *
scans_of (const DossierView *view,
          const char        *target)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; target != NULL && i < view->attachments->len; i++)
    {
      McAttachment *attachment = g_ptr_array_index (view->attachments, i);

      if (g_str_equal (attachment->target, target))
        g_ptr_array_add (found, attachment);
    }
  return found;
}

/* "2 files" with their names in a tooltip, or a dash. */
static GtkWidget *
scans_cell (GPtrArray *scans)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *label;

  if (scans->len == 0)
    return cell_label (_("Not scanned"), FALSE);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", scans->len), scans->len);
  for (guint i = 0; i < scans->len; i++)
    {
      const McAttachment *attachment = g_ptr_array_index (scans, i);
      g_autofree char *size = g_format_size ((guint64) attachment->size);

      g_string_append_printf (names, "%s%s (%s)", i > 0 ? "\n" : "", attachment->file_name, size);
    }
  label = cell_label (text, FALSE);
  gtk_widget_set_tooltip_text (label, names->str);
  return label;
}

static GtkWidget *
attach_button (const char *target,
               const char *document_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("mail-attachment-symbolic");
  g_autofree char *name = g_strdup_printf ("attach-%s", target);
  g_autofree char *description = g_strdup_printf (_("Attach a scan of “%s” (PDF, JPEG or PNG)"), document_name);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dossier.attach");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static void
fill_documents (McDossierPage     *self,
                const DossierView *view)
{
  const McDossier *dossier = view->dossier;
  const char *headings[] = { _("No."), _("Document"), _("Form"), _("Copies"), _("Scanned") };
  guint n = dossier->documents != NULL ? dossier->documents->len : 0;
  guint n_scanned = 0;

  clear_grid (self->documents_grid);
  for (guint column = 0; column < G_N_ELEMENTS (headings); column++)
    gtk_grid_attach (self->documents_grid, cell_label (headings[column], TRUE), (int) column, 0, 1, 1);
  if (n == 0)
    gtk_grid_attach (self->documents_grid, cell_label (_("No documents were recorded."), FALSE), 0, 1, 5, 1);

  for (guint i = 0; i < n; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);
      g_autoptr(GPtrArray) scans = scans_of (view, document->code);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      /* Zero copies: the original was only shown for comparison, as the slip says. */
      g_autofree char *copies = document->copies > 0 ? g_strdup_printf ("%d", document->copies)
                                                     : g_strdup (_("Shown only"));
      GtkWidget *name = cell_label (document->name, FALSE);

      gtk_widget_set_hexpand (name, TRUE);
      gtk_grid_attach (self->documents_grid, cell_label (number, FALSE), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->documents_grid, name, 1, (int) i + 1, 1, 1);
      gtk_grid_attach (self->documents_grid, cell_label (mc_document_form_describe (document->form), FALSE),
                       2, (int) i + 1, 1, 1);
      gtk_grid_attach (self->documents_grid, cell_label (copies, FALSE), 3, (int) i + 1, 1, 1);
      gtk_grid_attach (self->documents_grid, scans_cell (scans), 4, (int) i + 1, 1, 1);
      /* A scan is kept by the document's code: a document added by hand has none. */
      if (document->code != NULL)
        gtk_grid_attach (self->documents_grid, attach_button (document->code, document->name), 5, (int) i + 1, 1, 1);
      n_scanned += scans->len > 0;
    }

  {
    g_autofree char *digitised = g_strdup_printf (_("Digitised: %u of %u"), n_scanned, n);

    gtk_label_set_text (self->digitised_label, digitised);
  }
}

/* The result, once there is one: its scans and the button to add one. */
static void
fill_result (McDossierPage     *self,
             const DossierView *view)
{
  g_autoptr(GPtrArray) scans = scans_of (view, MC_ATTACHMENT_RESULT);
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_widget_set_visible (self->result_box, mc_status_is_finished (view->dossier->status));
  if (scans->len == 0)
    g_string_append (text, _("Not scanned yet"));
  for (guint i = 0; i < scans->len; i++)
    {
      const McAttachment *attachment = g_ptr_array_index (scans, i);
      g_autofree char *size = g_format_size ((guint64) attachment->size);

      g_string_append_printf (text, "%s%s (%s)", i > 0 ? ", " : "", attachment->file_name, size);
    }
  gtk_label_set_text (self->result_scans_label, text->str);
}

static void
fill_pauses (McDossierPage *self,
             GArray        *pauses)
{
  clear_grid (self->pauses_grid);
  gtk_widget_set_visible (self->pauses_box, pauses->len > 0);
  if (pauses->len == 0)
    return;

  gtk_grid_attach (self->pauses_grid, cell_label (_("Clock stopped"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (self->pauses_grid, cell_label (_("Clock running again"), TRUE), 1, 0, 1, 1);
  for (guint i = 0; i < pauses->len; i++)
    {
      const McPause *pause = &g_array_index (pauses, McPause, i);
      g_autofree char *started = format_moment (pause->started);
      g_autofree char *ended = pause->ended == MC_TIME_NONE ? g_strdup (_("still waiting"))
                                                            : format_moment (pause->ended);

      gtk_grid_attach (self->pauses_grid, cell_label (started, FALSE), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->pauses_grid, cell_label (ended, FALSE), 1, (int) i + 1, 1, 1);
    }
}

/* As form 06 says it of a hand-over. */
static const char *
step_verdict_text (McVerdict verdict)
{
  switch (verdict)
    {
    case MC_VERDICT_EARLY:
      return _("early");
    case MC_VERDICT_ON_TIME:
      return _("on time");
    case MC_VERDICT_LATE:
      return _("late");
    case MC_VERDICT_NONE:
    default:
      return "";
    }
}

static void
fill_steps (McDossierPage     *self,
            const DossierView *view)
{
  McTime now = mc_time_now ();
  int running = -1;

  clear_grid (self->steps_grid);
  gtk_widget_set_visible (self->steps_box, view->plan->len > 0);
  if (view->plan->len == 0)
    return;

  /* The step running now: the one after the last handed on (a department may be skipped),
   * while the dossier is being processed. */
  if (view->dossier->status == MC_STATUS_IN_PROCESSING)
    {
      running = 0;
      for (guint i = 0; i < view->step_ends->len; i++)
        if (g_array_index (view->step_ends, StepEnd, i).at != MC_TIME_NONE)
          running = (int) i + 1;
    }

  gtk_grid_attach (self->steps_grid, cell_label (_("Department"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (self->steps_grid, cell_label (_("Share"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (self->steps_grid, cell_label (_("Due"), TRUE), 2, 0, 1, 1);
  gtk_grid_attach (self->steps_grid, cell_label (_("Handed on"), TRUE), 3, 0, 1, 1);
  for (guint i = 0; i < view->plan->len; i++)
    {
      const McPlannedStep *step = g_ptr_array_index (view->plan, i);
      const StepEnd *end = &g_array_index (view->step_ends, StepEnd, i);
      g_autofree char *share = g_strdup_printf ("%d %%", step->share_percent);
      g_autofree char *due = step->due != MC_TIME_NONE ? format_moment (step->due) : g_strdup ("—");
      g_autofree char *handed = NULL;
      gboolean late = FALSE;
      GtkWidget *handed_label;

      if (end->at != MC_TIME_NONE)
        {
          g_autofree char *at = format_moment (end->at);

          handed = end->verdict != MC_VERDICT_NONE
                   ? g_strdup_printf ("%s — %s", at, step_verdict_text (end->verdict))
                   : g_steal_pointer (&at);
          late = end->verdict == MC_VERDICT_LATE;
        }
      else if ((int) i == running)
        {
          late = step->due != MC_TIME_NONE && mc_deadline_is_overdue (step->due, now);
          handed = g_strdup (late ? _("running, past its due") : _("running"));
        }
      else
        handed = g_strdup ("");

      gtk_grid_attach (self->steps_grid, cell_label (step->department, FALSE), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->steps_grid, cell_label (share, FALSE), 1, (int) i + 1, 1, 1);
      gtk_grid_attach (self->steps_grid, cell_label (due, FALSE), 2, (int) i + 1, 1, 1);
      handed_label = cell_label (handed, FALSE);
      /* Words as well as colour: a late step says so. */
      if (late)
        gtk_widget_add_css_class (handed_label, "overdue");
      gtk_grid_attach (self->steps_grid, handed_label, 3, (int) i + 1, 1, 1);
    }
}


static void
fill_history (McDossierPage     *self,
              const DossierView *view)
{
  GPtrArray *history = view->history;

  const char *headings[] = { _("Time"), _("Change"), _("By"), _("Note") };

  clear_grid (self->history_grid);
  for (guint column = 0; column < G_N_ELEMENTS (headings); column++)
    gtk_grid_attach (self->history_grid, cell_label (headings[column], TRUE), (int) column, 0, 1, 1);

  for (guint i = 0; i < history->len; i++)
    {
      const McDossierEvent *event = g_ptr_array_index (history, i);
      g_autofree char *at = format_moment (event->at);
      g_autofree char *change = NULL;
      GtkWidget *note = cell_label (event->note, FALSE);

      if (event->from_status == 0 || !mc_status_is_valid (event->from_status))
        change = g_strdup (mc_status_describe (event->to_status));
      else if (event->from_status == (int) event->to_status && is_apology_of (view->apologies, event))
        change = g_strdup (_("Apology and new appointment (form 04)"));
      else if (event->from_status == (int) event->to_status)
        change = g_strdup (_("Handed over to another department"));
      else
        change = g_strdup_printf ("%s → %s", mc_status_describe ((McStatus) event->from_status),
                                  mc_status_describe (event->to_status));
      gtk_widget_set_hexpand (note, TRUE);
      gtk_grid_attach (self->history_grid, cell_label (at, FALSE), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->history_grid, cell_label (change, FALSE), 1, (int) i + 1, 1, 1);
      gtk_grid_attach (self->history_grid, cell_label (event->actor, FALSE), 2, (int) i + 1, 1, 1);
      gtk_grid_attach (self->history_grid, note, 3, (int) i + 1, 1, 1);
    }
}

/* "dd/MM/yyyy HH:mm", the form in which the clerk types a moment (mc_time_parse_local reads it). */
static char *
format_entry_moment (McTime moment)
{
  g_autofree char *day = mc_day_format_vi (mc_time_local_day (moment));
  g_autofree char *clock = mc_clock_format (mc_time_local_seconds (moment));

  return g_strdup_printf ("%s %s", day, clock);
}

/* The bar proposing form 04. What the clerk typed stays while the same dossier is shown; a
 * new dossier starts from the suggested appointment. */
static void
fill_apology_bar (McDossierPage     *self,
                  const DossierView *view)
{
  const McDossier *dossier = view->dossier;
  g_autofree char *watched = NULL;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->apology_bar, view->propose_apology);
  if (!view->propose_apology)
    return;
  watched = format_moment (view->watched_due);
  if (mc_deadline_is_overdue (view->watched_due, mc_time_now ()))
    title = g_strdup_printf (_("The appointment has passed (%s): apologise to the applicant and give a new appointment"),
                             watched);
  else
    title = g_strdup_printf (_("This dossier is due soon (%s) and may be late"), watched);
  gtk_label_set_text (self->apology_title_label, title);

  if (g_strcmp0 (self->apology_for, dossier->code) != 0)
    {
      g_free (self->apology_for);
      self->apology_for = g_strdup (dossier->code);
      gtk_editable_set_text (GTK_EDITABLE (self->apology_reason_entry), "");
      gtk_widget_set_visible (GTK_WIDGET (self->apology_error_label), FALSE);
      if (view->suggested_due != MC_TIME_NONE)
        {
          g_autofree char *suggested = format_entry_moment (view->suggested_due);

          gtk_editable_set_text (GTK_EDITABLE (self->apology_due_entry), suggested);
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (self->apology_due_entry), "");
    }
}

/* What the clerk types next answers the message about what was typed before. */
static void
on_apology_edited (McDossierPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->apology_error_label), FALSE);
}

/* A day picked on the calendar goes into the entry; the time typed there (or the office's
 * closing time) stays. */
static void
on_apology_day_selected (GtkCalendar   *calendar,
                         McDossierPage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->apology_due_entry));
  const char *space = strchr (typed, ' ');
  int seconds = mc_office_hours_closing (mc_context_get_office (self->context)->office_hours);
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;

  if (space != NULL)
    mc_clock_parse (space + 1, &seconds, NULL);
  clock = mc_clock_format (seconds);
  text = g_strdup_printf ("%02d/%02d/%04d %s", g_date_time_get_day_of_month (date), g_date_time_get_month (date),
                          g_date_time_get_year (date), clock);
  gtk_editable_set_text (GTK_EDITABLE (self->apology_due_entry), text);
  gtk_menu_button_popdown (self->apology_calendar_button);
}

static void
show_view (McDossierPage *self,
           DossierView   *view)
{
  g_clear_pointer (&self->view, dossier_view_free);
  self->view = view;

  gtk_label_set_text (self->code_label, view->dossier->code);
  gtk_label_set_text (self->status_label, mc_status_describe (view->dossier->status));
  fill_state (self, view);
  fill_fields (self, view->dossier, view->rating);
  fill_appointment (self, view);
  fill_apology_bar (self, view);
  fill_documents (self, view);
  fill_result (self, view);
  fill_pauses (self, view->pauses);
  fill_steps (self, view);
  fill_history (self, view);
  update_actions (self);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "dossier");
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DossierView *view = mc_context_run_finish (MC_CONTEXT (object), result, &error);

  /* A newer load, or the page going away, cancelled this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    {
      g_clear_pointer (&view, dossier_view_free);
      return;
    }
  g_clear_object (&self->load_cancellable);

  if (view != NULL)
    {
      show_view (self, view);
      return;
    }

  g_clear_pointer (&self->view, dossier_view_free);
  update_actions (self);
  gtk_spinner_stop (self->spinner);
  if (g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND))
    {
      g_autofree char *message = g_strdup_printf (_("No dossier with code %s was found"), self->code);

      gtk_label_set_text (self->missing_label, message);
    }
  else
    gtk_label_set_text (self->missing_label, error->message);
  gtk_stack_set_visible_child_name (self->stack, "missing");
}

static void
load (McDossierPage *self,
      gboolean       show_loading)
{
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
    }
  if (show_loading)
    {
      g_clear_pointer (&self->view, dossier_view_free);
      update_actions (self);
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  self->load_cancellable = g_cancellable_new ();
  mc_context_run_async (self->context, load_job, g_strdup (self->code), g_free,
                        (GDestroyNotify) dossier_view_free, self->load_cancellable, load_done,
                        g_object_ref (self));
}

static void
on_dossier_changed (McDossierPage *self,
                    const char    *code,
                    McContext     *context)
{
  /* Keep what is shown while the fresh copy loads: no flash of the spinner. */
  if (self->code != NULL && g_strcmp0 (code, self->code) == 0)
    load (self, self->view == NULL);
}

/* ---- moves -------------------------------------------------------------------------- */

typedef struct
{
  char     *code;
  McStatus  to;
  char     *actor;
  char     *note;
  McRating  rating;
} MoveJob;

/* What move_done needs to know of the move it reports. */
typedef struct
{
  McDossierPage *page;       /* owned */
  McStatus       from;
} MoveCall;

static void
move_job_free (gpointer data)
{
  MoveJob *job = data;

  g_free (job->code);
  g_free (job->actor);
  g_free (job->note);
  g_free (job);
}

static gpointer
move_job (McStore   *store,
          gpointer   job_data,
          GError   **error)
{
  MoveJob *job = job_data;
  McMoveOptions options = { MC_TIME_NONE, job->note, job->rating };

  return mc_store_move_full (store, job->code, job->to, job->actor, &options, error);
}

static void
move_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MoveCall *call = user_data;
  g_autoptr(McDossierPage) self = call->page;
  McStatus from = call->from;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) moved = mc_context_run_finish (MC_CONTEXT (object), result, &error);
  g_autofree char *message = NULL;

  g_free (call);
  self->moving = FALSE;
  update_actions (self);
  if (moved == NULL)
    {
      /* Refused (another desk moved it meanwhile, say): the store says why, and the page
       * shows the dossier as it really is. */
      say (self, error->message);
      if (self->code != NULL)
        load (self, FALSE);
      return;
    }

  /* The supplement delivered: the clock runs again, and the applicant is told when. */
  if (from == MC_STATUS_WAITING_SUPPLEMENT && moved->status == MC_STATUS_IN_PROCESSING &&
      moved->current_due_at != MC_TIME_NONE)
    {
      g_autofree char *due = format_moment (moved->current_due_at);

      message = g_strdup_printf (_("Dossier %s: supplement received, new appointment %s"), moved->code, due);
    }
  else
    message = g_strdup_printf (_("Dossier %s: %s"), moved->code, mc_status_describe (moved->status));
  say (self, message);
  mc_context_dossier_changed (self->context, moved->code);

  /* Paper follows the record: the form that attests the move, now that it is committed. */
  if (self->code != NULL && g_str_equal (self->code, moved->code))
    {
      if (moved->status == MC_STATUS_WAITING_SUPPLEMENT)
        print_form (self, MC_FORM_SUPPLEMENT);
      else if (moved->status == MC_STATUS_REFUSED)
        print_form (self, MC_FORM_REFUSAL);
      else if (moved->status == MC_STATUS_STOPPED)
        print_form (self, MC_FORM_STOP);
      /* The clock runs again: the applicant takes a slip with the new appointment home. */
      else if (mc_status_is_paused (from) && moved->status == MC_STATUS_IN_PROCESSING &&
               moved->current_due_at != MC_TIME_NONE && moved->current_due_at != moved->due_at)
        print_slip (self, moved->code);
    }
}

static void
start_move (McDossierPage *self,
            McStatus       to,
            const char    *note,
            McRating       rating)
{
  MoveJob *job = g_new0 (MoveJob, 1);
  MoveCall *call = g_new0 (MoveCall, 1);

  job->code = g_strdup (self->view->dossier->code);
  job->to = to;
  job->actor = mc_context_dup_clerk (self->context);
  job->note = note != NULL && note[0] != '\0' ? g_strdup (note) : NULL;
  job->rating = rating;

  self->moving = TRUE;
  update_actions (self);
  /* Not cancellable: once the clerk confirmed, the move is made even if the page goes away. */
  call->page = g_object_ref (self);
  call->from = self->view->dossier->status;
  mc_context_run_async (self->context, move_job, job, move_job_free, (GDestroyNotify) mc_dossier_free,
                        NULL, move_done, call);
}

typedef struct
{
  McDossierPage *page;       /* owned */
  McStatus       to;
  char          *code;       /* the dossier the note is for */
  GtkEditable   *entry;
  GtkEditable   *reason;     /* the supplement request's reason, or NULL */
  GtkDropDown   *rating;     /* the citizen's rating at the return, or NULL */
  GtkWidget     *confirm;
} NoteRequest;

static void
note_request_free (gpointer data)
{
  NoteRequest *request = data;

  g_object_unref (request->page);
  g_free (request->code);
  g_free (request);
}

static void
on_note_changed (GtkEditable *entry,
                 NoteRequest *request)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  gtk_widget_set_sensitive (request->confirm, note[0] != '\0');
}

static void
on_note_confirm (GtkWidget *window)
{
  NoteRequest *request = g_object_get_data (G_OBJECT (window), "mc-note-request");
  McDossierPage *self = request->page;
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (request->entry)));
  McRating rating = MC_RATING_NONE;

  if (note[0] == '\0')
    return;
  /* What to add, one item per ";", and the reason: written as form 02 reads them back. */
  if (request->reason != NULL)
    {
      g_auto(GStrv) items = g_strsplit (note, ";", -1);
      g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (request->reason)));
      char *composed = mc_supplement_note_compose ((const char * const *) items, reason);

      if (composed == NULL)
        return;
      g_free (note);
      note = composed;
    }
  /* The drop-down's positions are the ratings' codes, "not asked" first. */
  if (request->rating != NULL && mc_rating_is_valid ((int) gtk_drop_down_get_selected (request->rating)))
    rating = (McRating) gtk_drop_down_get_selected (request->rating);
  /* The dossier shown may have changed while the window was open: the move is for the
   * dossier the clerk wrote the note for, or none. */
  if (self->view != NULL && !self->moving && g_str_equal (self->view->dossier->code, request->code))
    start_move (self, request->to, note, rating);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A small window for the reason a move needs; Enter confirms, Escape cancels. */
static void
ask_note (McDossierPage  *self,
          const MoveInfo *info)
{
  McStatus to = info->to;
  const char *title = move_label (self->view->dossier->status, to);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *prompt = gtk_label_new (_(info->note_prompt));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *confirm = gtk_button_new_with_label (title);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  NoteRequest *request = g_new0 (NoteRequest, 1);

  request->page = g_object_ref (self);
  request->to = to;
  request->code = g_strdup (self->view->dossier->code);
  request->entry = GTK_EDITABLE (entry);
  request->confirm = confirm;
  g_object_set_data_full (G_OBJECT (window), "mc-note-request", request, note_request_free);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_label_set_xalign (GTK_LABEL (prompt), 0);
  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (prompt), 50);
  gtk_widget_set_name (entry, "move-note-entry");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, prompt, NULL, -1);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_name (confirm, "move-note-confirm");
  gtk_widget_set_sensitive (confirm, FALSE);
  if (info->style != NULL)
    gtk_widget_add_css_class (confirm, info->style);

  gtk_box_append (GTK_BOX (box), prompt);
  gtk_box_append (GTK_BOX (box), entry);
  if (to == MC_STATUS_WAITING_SUPPLEMENT)
    {
      GtkWidget *caption = gtk_label_new (_("Reason (printed on the supplement request, may be left empty)"));
      GtkWidget *reason = gtk_entry_new ();

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_set_name (reason, "move-reason-entry");
      gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), reason);
      request->reason = GTK_EDITABLE (reason);
    }
  if (to == MC_STATUS_RETURNED)
    {
      const char *ratings[] = { _("Not asked"), mc_rating_describe (MC_RATING_VERY_SATISFIED),
                                mc_rating_describe (MC_RATING_SATISFIED),
                                mc_rating_describe (MC_RATING_NOT_SATISFIED), NULL };
      GtkWidget *caption = gtk_label_new (_("The citizen’s rating of the service"));
      GtkWidget *rating = gtk_drop_down_new_from_strings (ratings);

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_set_name (rating, "move-rating-dropdown");
      gtk_widget_set_halign (rating, GTK_ALIGN_START);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (rating), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), rating);
      request->rating = GTK_DROP_DOWN (rating);
    }
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), confirm);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), confirm);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  g_signal_connect (entry, "changed", G_CALLBACK (on_note_changed), request);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect_swapped (confirm, "clicked", G_CALLBACK (on_note_confirm), window);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (entry);
}

static void
mc_dossier_page_move_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  McDossierPage *self = MC_DOSSIER_PAGE (widget);
  int to = g_variant_get_int32 (parameter);
  const MoveInfo *info;
  g_autoptr(GError) error = NULL;

  if (self->view == NULL || self->moving)
    return;
  /* The buttons offer only allowed moves; a shortcut or a stale button may still ask. The
   * store checks the roles again when it writes. */
  if (!mc_roles_check_move (current_roles (self), self->view->dossier->status, (McStatus) to, &error))
    {
      say (self, error->message);
      return;
    }
  info = move_info (to);
  if (info != NULL && info->note_prompt != NULL)
    ask_note (self, info);
  else
    start_move (self, (McStatus) to, NULL, MC_RATING_NONE);
}

/* ---- reprinting the slip ------------------------------------------------------------ */

static void
on_slip_printed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  McSlipPrinter *printer = MC_SLIP_PRINTER (object);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult outcome = mc_print_job_run_finish (MC_PRINT_JOB (printer), result,
                                                             &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (outcome == GTK_PRINT_OPERATION_RESULT_APPLY && self->print_target_pdf == NULL)
    g_set_object (&self->print_settings, mc_print_job_get_print_settings (MC_PRINT_JOB (printer)));
  else if (outcome == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The slip was not printed: %s"), error->message);

      say (self, message);
    }
  g_signal_emit (self, signals[SIGNAL_FORM_FINISHED], 0, mc_slip_printer_get_dossier (printer)->code, "01",
                 outcome == GTK_PRINT_OPERATION_RESULT_APPLY);
}

static gpointer
print_load_job (McStore   *store,
                gpointer   job_data,
                GError   **error)
{
  return mc_store_get_dossier (store, job_data, error);
}

static void
print_loaded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  g_autoptr(GError) error = NULL;
  McDossier *dossier = mc_context_run_finish (MC_CONTEXT (object), result, &error);
  g_autofree char *paper = NULL;
  g_autoptr(McSlipPrinter) printer = NULL;
  GtkRoot *root;

  if (dossier == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, error->message);
      return;
    }

  /* The slip is drawn from the stored record, as it was first printed. */
  paper = g_settings_get_string (mc_context_get_settings (self->context), "paper-size");
  printer = mc_slip_printer_new (dossier, mc_context_get_office (self->context), paper);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  mc_print_job_set_print_settings (MC_PRINT_JOB (printer), self->print_settings);
  mc_print_job_set_export_filename (MC_PRINT_JOB (printer), self->print_target_pdf);
  mc_print_job_run_async (MC_PRINT_JOB (printer), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          self->cancellable, on_slip_printed, g_object_ref (self));
}

static void
print_slip (McDossierPage *self,
            const char    *code)
{
  mc_context_run_async (self->context, print_load_job, g_strdup (code), g_free,
                        (GDestroyNotify) mc_dossier_free, self->cancellable, print_loaded,
                        g_object_ref (self));
}

static void
mc_dossier_page_print_slip_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  McDossierPage *self = MC_DOSSIER_PAGE (widget);

  if (self->view == NULL)
    return;
  print_slip (self, self->view->dossier->code);
}

/* ---- forms 02 to 06 ----------------------------------------------------------------- */

/* What a form says, read from the record on the worker thread. */
typedef struct
{
  McFormKind           kind;
  McDossier           *dossier;
  McSupplementRequest *supplement;
  McRefusal           *refusal;
  McApology           *apology;
  McStopNotice        *stop;
  GPtrArray           *handovers;       /* McHandover* */
} FormSource;

static void
form_source_free (FormSource *source)
{
  g_clear_pointer (&source->dossier, mc_dossier_free);
  g_clear_pointer (&source->supplement, mc_supplement_request_free);
  g_clear_pointer (&source->refusal, mc_refusal_free);
  g_clear_pointer (&source->apology, mc_apology_free);
  g_clear_pointer (&source->stop, mc_stop_notice_free);
  g_clear_pointer (&source->handovers, g_ptr_array_unref);
  g_free (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FormSource, form_source_free)

typedef struct
{
  char       *code;
  McFormKind  kind;
} FormRequest;

static void
form_request_free (gpointer data)
{
  FormRequest *request = data;

  g_free (request->code);
  g_free (request);
}

static gpointer
form_load_job (McStore   *store,
               gpointer   job_data,
               GError   **error)
{
  FormRequest *request = job_data;
  g_autoptr(FormSource) source = g_new0 (FormSource, 1);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) apologies = NULL;
  const McDossierEvent *event = NULL;

  source->kind = request->kind;
  if ((source->dossier = mc_store_get_dossier (store, request->code, error)) == NULL ||
      (history = mc_store_get_history (store, request->code, error)) == NULL ||
      (apologies = mc_store_list_apologies (store, request->code, error)) == NULL)
    return NULL;

  switch (request->kind)
    {
    case MC_FORM_SUPPLEMENT:
      if ((event = mc_form_history_last_move_to (history, MC_STATUS_WAITING_SUPPLEMENT)) != NULL)
        source->supplement = mc_supplement_request_from_event (event);
      if (source->supplement != NULL)
        return g_steal_pointer (&source);
      break;
    case MC_FORM_REFUSAL:
      if ((event = mc_form_history_last_move_to (history, MC_STATUS_REFUSED)) != NULL)
        source->refusal = mc_refusal_from_event (event);
      if (source->refusal != NULL)
        return g_steal_pointer (&source);
      break;
    case MC_FORM_APOLOGY:
      if (apologies->len > 0)
        {
          const McApologyRecord *last = g_ptr_array_index (apologies, apologies->len - 1);

          source->apology = mc_apology_new ();
          source->apology->reason = g_strdup (last->reason);
          source->apology->new_due_at = last->new_due_at;
          source->apology->issued_at = last->issued_at;
          source->apology->signer = g_strdup (last->signer);
          return g_steal_pointer (&source);
        }
      break;
    case MC_FORM_STOP:
      if ((event = mc_form_history_last_move_to (history, MC_STATUS_STOPPED)) != NULL)
        source->stop = mc_stop_notice_from_event (event);
      if (source->stop != NULL)
        return g_steal_pointer (&source);
      break;
    case MC_FORM_CONTROL:
      if (has_receipt_slip (source->dossier->status))
        {
          /* The control slip lists hand-overs, each judged against its step's share of the
           * time; an apology is recorded, not handed over. */
          g_autoptr(GPtrArray) moves = mc_store_get_handover_history (store, request->code, error);
          g_autoptr(GPtrArray) plan = moves != NULL ? mc_store_get_step_plan (store, source->dossier, error) : NULL;

          if (plan == NULL)
            return NULL;
          source->handovers = mc_form_handovers_from_history_with_plan (source->dossier, mc_store_get_settings (store),
                                                                        mc_store_get_work_calendar (store), moves,
                                                                        plan);
          return g_steal_pointer (&source);
        }
      break;
    default:
      break;
    }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED,
               _("Form %s does not fit dossier %s: its record holds nothing for the form to attest"),
               mc_form_kind_number (request->kind, source->dossier->received_at), source->dossier->code);
  return NULL;
}

static void
on_form_printed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  McFormPrinter *printer = MC_FORM_PRINTER (object);
  const McDossier *dossier = mc_form_printer_get_dossier (printer);
  McFormKind kind = mc_form_printer_get_kind (printer);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult outcome = mc_print_job_run_finish (MC_PRINT_JOB (printer), result,
                                                             &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (outcome == GTK_PRINT_OPERATION_RESULT_APPLY && self->print_target_pdf == NULL)
    g_set_object (&self->print_settings, mc_print_job_get_print_settings (MC_PRINT_JOB (printer)));
  else if (outcome == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Form %s was not printed: %s"),
                                                  mc_form_kind_number (kind, dossier->received_at), error->message);

      say (self, message);
    }
  g_signal_emit (self, signals[SIGNAL_FORM_FINISHED], 0, dossier->code,
                 mc_form_kind_number (kind, dossier->received_at), outcome == GTK_PRINT_OPERATION_RESULT_APPLY);
}

static void
form_loaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FormSource) source = mc_context_run_finish (MC_CONTEXT (object), result, &error);
  const McOfficeSettings *office;
  McDossier *dossier;
  g_autoptr(McFormPrinter) printer = NULL;
  GtkRoot *root;

  if (source == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, error->message);
      return;
    }

  office = mc_context_get_office (self->context);
  dossier = g_steal_pointer (&source->dossier);
  switch (source->kind)
    {
    case MC_FORM_SUPPLEMENT:
      printer = mc_form_printer_new_supplement (dossier, office, g_steal_pointer (&source->supplement));
      break;
    case MC_FORM_REFUSAL:
      printer = mc_form_printer_new_refusal (dossier, office, g_steal_pointer (&source->refusal));
      break;
    case MC_FORM_APOLOGY:
      printer = mc_form_printer_new_apology (dossier, office, g_steal_pointer (&source->apology));
      break;
    case MC_FORM_STOP:
      printer = mc_form_printer_new_stop (dossier, office, g_steal_pointer (&source->stop));
      break;
    case MC_FORM_CONTROL:
    default:
      printer = mc_form_printer_new_control (dossier, office, g_steal_pointer (&source->handovers));
      break;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  mc_print_job_set_print_settings (MC_PRINT_JOB (printer), self->print_settings);
  mc_print_job_set_export_filename (MC_PRINT_JOB (printer), self->print_target_pdf);
  mc_print_job_run_async (MC_PRINT_JOB (printer), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                          self->cancellable, on_form_printed, g_object_ref (self));
}

/* Reads what form @kind says from the record as committed, then prints it. */
static void
print_form (McDossierPage *self,
            McFormKind     kind)
{
  FormRequest *request;

  if (self->view == NULL)
    return;
  request = g_new0 (FormRequest, 1);
  request->code = g_strdup (self->view->dossier->code);
  request->kind = kind;
  mc_context_run_async (self->context, form_load_job, request, form_request_free,
                        (GDestroyNotify) form_source_free, self->cancellable, form_loaded,
                        g_object_ref (self));
}

static void
mc_dossier_page_print_form_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  McDossierPage *self = MC_DOSSIER_PAGE (widget);
  const char *number = g_variant_get_string (parameter, NULL);
  guint64 kind = 0;

  if (self->view == NULL)
    return;
  if (!g_ascii_string_to_unsigned (number, 10, MC_FORM_SUPPLEMENT, MC_FORM_CONTROL, &kind, NULL) ||
      !form_fits (self->view, (McFormKind) kind))
    {
      g_autofree char *message = g_strdup_printf (_("Form %s does not fit dossier %s now"), number,
                                                  self->view->dossier->code);

      say (self, message);
      return;
    }
  print_form (self, (McFormKind) kind);
}

/* ---- the apology of a late dossier (form 04) ----------------------------------------- */

typedef struct
{
  char   *code;
  char   *actor;
  char   *reason;
  McTime  new_due_at;
} ApologyJob;

static void
apology_job_free (gpointer data)
{
  ApologyJob *job = data;

  g_free (job->code);
  g_free (job->actor);
  g_free (job->reason);
  g_free (job);
}

static gpointer
apology_job (McStore   *store,
             gpointer   job_data,
             GError   **error)
{
  ApologyJob *job = job_data;

  return mc_store_record_apology (store, job->code, job->actor, MC_TIME_NONE, job->reason, job->new_due_at,
                                  NULL, error);
}

static void
show_apology_error (McDossierPage *self,
                    const char    *message)
{
  gtk_label_set_text (self->apology_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->apology_error_label), TRUE);
}

static void
apology_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McApologyRecord) record = mc_context_run_finish (MC_CONTEXT (object), result, &error);
  g_autofree char *promised = NULL;
  g_autofree char *message = NULL;

  self->apologising = FALSE;
  update_actions (self);
  if (record == NULL)
    {
      show_apology_error (self, error->message);
      return;
    }
  promised = format_moment (record->new_due_at);
  message = g_strdup_printf (_("Apology recorded: new appointment %s"), promised);
  say (self, message);
  gtk_widget_set_visible (GTK_WIDGET (self->apology_error_label), FALSE);
  if (self->code != NULL)
    {
      mc_context_dossier_changed (self->context, self->code);
      print_form (self, MC_FORM_APOLOGY);
    }
}

static void
mc_dossier_page_apologise_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  McDossierPage *self = MC_DOSSIER_PAGE (widget);
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->apology_reason_entry))));
  g_autofree char *due_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->apology_due_entry))));
  g_autoptr(GError) error = NULL;
  ApologyJob *job;
  McTime new_due;

  if (self->view == NULL || self->apologising || !self->view->propose_apology)
    return;
  if (reason[0] == '\0')
    {
      show_apology_error (self, _("Write the reason for the delay: it is printed on the apology"));
      gtk_widget_grab_focus (GTK_WIDGET (self->apology_reason_entry));
      return;
    }
  if (!mc_time_parse_local (due_text, &new_due, &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a moment: write the new appointment as dd/mm/yyyy hh:mm"),
                                                  due_text);

      show_apology_error (self, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->apology_due_entry));
      return;
    }

  job = g_new0 (ApologyJob, 1);
  job->code = g_strdup (self->view->dossier->code);
  job->actor = mc_context_dup_clerk (self->context);
  job->reason = g_steal_pointer (&reason);
  job->new_due_at = new_due;
  self->apologising = TRUE;
  update_actions (self);
  /* Not cancellable: once confirmed, the apology is recorded even if the page goes away. */
  mc_context_run_async (self->context, apology_job, job, apology_job_free, (GDestroyNotify) mc_apology_record_free,
                        NULL, apology_done, g_object_ref (self));
}

/* ---- scanned documents -------------------------------------------------------------- */

typedef struct
{
  char *code;
  char *target;
  char *path;
  char *name;
  char *actor;
} AttachJob;

static void
attach_job_free (gpointer data)
{
  AttachJob *job = data;

  g_free (job->code);
  g_free (job->target);
  g_free (job->path);
  g_free (job->name);
  g_free (job->actor);
  g_free (job);
}

static gpointer
attach_job (McStore   *store,
            gpointer   job_data,
            GError   **error)
{
  AttachJob *job = job_data;

  return mc_store_add_attachment (store, job->code, job->target, job->path, job->name, job->actor, error);
}

typedef struct
{
  McDossierPage *page;       /* owned */
  char          *code;
} AttachCall;

static void
attach_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AttachCall *call = user_data;
  g_autoptr(McDossierPage) self = call->page;
  g_autofree char *code = call->code;
  g_autoptr(GError) error = NULL;
  g_autoptr(McAttachment) attachment = mc_context_run_finish (MC_CONTEXT (object), result, &error);
  g_autofree char *message = NULL;

  g_free (call);
  self->attaching = FALSE;
  update_actions (self);
  if (attachment == NULL)
    {
      say (self, error->message);
      return;
    }
  if (g_str_equal (attachment->target, MC_ATTACHMENT_RESULT))
    message = g_strdup_printf (_("“%s” kept as the scanned result of dossier %s"), attachment->file_name, code);
  else
    message = g_strdup_printf (_("“%s” kept with dossier %s"), attachment->file_name, code);
  say (self, message);
  mc_context_dossier_changed (self->context, code);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     McDossierPage   *self)
{
  g_autoptr(GtkFileChooserNative) chooser G_GNUC_UNUSED = g_steal_pointer (&self->chooser);
  g_autofree char *target = g_steal_pointer (&self->chooser_target);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        mc_dossier_page_attach_file (self, file, target);
    }
  gtk_native_dialog_destroy (dialog);
}

static void
mc_dossier_page_attach_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  McDossierPage *self = MC_DOSSIER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileFilter *filter;

  if (self->view == NULL || self->attaching || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach a scanned document"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  self->chooser_target = g_variant_dup_string (parameter, NULL);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Scanned documents (PDF, JPEG, PNG)"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- processing steps between departments ------------------------------------------- */

typedef struct
{
  char *code;
  char *actor;
  char *department;
} StepJob;

static void
step_job_free (gpointer data)
{
  StepJob *job = data;

  g_free (job->code);
  g_free (job->actor);
  g_free (job->department);
  g_free (job);
}

static gpointer
step_job (McStore   *store,
          gpointer   job_data,
          GError   **error)
{
  StepJob *job = job_data;

  return mc_store_record_step (store, job->code, job->actor, MC_TIME_NONE, job->department, error);
}

static void
step_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) dossier = mc_context_run_finish (MC_CONTEXT (object), result, &error);

  self->moving = FALSE;
  update_actions (self);
  if (dossier == NULL)
    {
      say (self, error->message);
      return;
    }
  mc_context_dossier_changed (self->context, dossier->code);
}

typedef struct
{
  McDossierPage *page;       /* owned */
  char          *code;       /* the dossier the step is for */
  GStrv          steps;      /* the procedure's departments */
  GtkDropDown   *dropdown;   /* the steps, then "another department" */
  GtkEditable   *other;
  GtkWidget     *confirm;
} StepRequest;

static void
step_request_free (gpointer data)
{
  StepRequest *request = data;

  g_object_unref (request->page);
  g_free (request->code);
  g_strfreev (request->steps);
  g_free (request);
}

/* The department chosen: a step of the procedure, or the one typed. */
static char *
step_department (StepRequest *request)
{
  guint selected = gtk_drop_down_get_selected (request->dropdown);

  if (selected < g_strv_length (request->steps))
    return g_strdup (request->steps[selected]);
  return g_strstrip (g_strdup (gtk_editable_get_text (request->other)));
}

static void
on_step_changed (StepRequest *request)
{
  g_autofree char *department = step_department (request);
  gboolean other = gtk_drop_down_get_selected (request->dropdown) >= g_strv_length (request->steps);

  gtk_widget_set_sensitive (GTK_WIDGET (request->other), other);
  gtk_widget_set_sensitive (request->confirm, department[0] != '\0');
}

static void
on_step_confirm (GtkWidget *window)
{
  StepRequest *request = g_object_get_data (G_OBJECT (window), "mc-step-request");
  McDossierPage *self = request->page;
  g_autofree char *department = step_department (request);

  if (department[0] == '\0')
    return;
  if (self->view != NULL && !self->moving && g_str_equal (self->view->dossier->code, request->code))
    {
      StepJob *job = g_new0 (StepJob, 1);

      job->code = g_strdup (request->code);
      job->actor = mc_context_dup_clerk (self->context);
      job->department = g_steal_pointer (&department);
      self->moving = TRUE;
      update_actions (self);
      mc_context_run_async (self->context, step_job, job, step_job_free, (GDestroyNotify) mc_dossier_free,
                            NULL, step_done, g_object_ref (self));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The hand-overs already made inside status 4: the next step of the procedure is offered. */
static guint
steps_taken (const DossierView *view)
{
  guint n = 0;

  for (guint i = 0; i < view->history->len; i++)
    {
      const McDossierEvent *event = g_ptr_array_index (view->history, i);

      if (event->from_status == MC_STATUS_IN_PROCESSING && event->to_status == MC_STATUS_IN_PROCESSING &&
          !is_apology_of (view->apologies, event))
        n++;
    }
  return n;
}

static void
mc_dossier_page_record_step_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  McDossierPage *self = MC_DOSSIER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  GtkWidget *window, *box, *prompt, *dropdown, *other, *buttons, *cancel, *confirm;
  GtkEventController *shortcuts;
  StepRequest *request;
  guint n_steps;

  if (self->view == NULL || self->moving || self->view->dossier->status != MC_STATUS_IN_PROCESSING)
    return;

  n_steps = g_strv_length (self->view->steps);
  g_strv_builder_addv (choices, (const char **) self->view->step_labels);
  g_strv_builder_add (choices, _("Another department…"));
  labels = g_strv_builder_end (choices);

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  prompt = gtk_label_new (_("Which department takes the dossier now? (recorded on the processing control slip)"));
  dropdown = gtk_drop_down_new_from_strings ((const char * const *) labels);
  other = gtk_entry_new ();
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  confirm = gtk_button_new_with_label (_("Hand over"));
  shortcuts = gtk_shortcut_controller_new ();

  request = g_new0 (StepRequest, 1);
  request->page = g_object_ref (self);
  request->code = g_strdup (self->view->dossier->code);
  request->steps = g_strdupv (self->view->steps);
  request->dropdown = GTK_DROP_DOWN (dropdown);
  request->other = GTK_EDITABLE (other);
  request->confirm = confirm;
  g_object_set_data_full (G_OBJECT (window), "mc-step-request", request, step_request_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Hand over to another department"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_label_set_xalign (GTK_LABEL (prompt), 0);
  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (prompt), 50);
  gtk_widget_set_name (dropdown, "step-dropdown");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY, prompt, NULL, -1);
  gtk_widget_set_name (other, "step-department-entry");
  gtk_entry_set_placeholder_text (GTK_ENTRY (other), _("Name of the department"));
  gtk_entry_set_activates_default (GTK_ENTRY (other), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (other), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the department"), -1);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_name (confirm, "step-confirm");
  gtk_widget_add_css_class (confirm, "suggested-action");

  /* The procedure's steps in order: the one after those already taken (the first is the
   * counter, the second the department the hand-over to processing reached). */
  if (n_steps > 0)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), MIN (2 + steps_taken (self->view), n_steps - 1));
  else
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);

  gtk_box_append (GTK_BOX (box), prompt);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), other);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), confirm);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), confirm);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_step_changed), request);
  g_signal_connect_swapped (other, "changed", G_CALLBACK (on_step_changed), request);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect_swapped (confirm, "clicked", G_CALLBACK (on_step_confirm), window);
  on_step_changed (request);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (dropdown);
}

/* ---- the widget --------------------------------------------------------------------- */

static void
mc_dossier_page_dispose (GObject *object)
{
  McDossierPage *self = MC_DOSSIER_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  /* The template's top-level children have no id: unparent them all. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->forms_menu);
  g_clear_pointer (&self->view, dossier_view_free);

  G_OBJECT_CLASS (mc_dossier_page_parent_class)->dispose (object);
}

static void
mc_dossier_page_finalize (GObject *object)
{
  McDossierPage *self = MC_DOSSIER_PAGE (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->code);
  g_free (self->print_target_pdf);
  g_free (self->apology_for);
  g_free (self->chooser_target);

  G_OBJECT_CLASS (mc_dossier_page_parent_class)->finalize (object);
}

static void
mc_dossier_page_class_init (McDossierPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_dossier_page_dispose;
  object_class->finalize = mc_dossier_page_finalize;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-dossier-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, stack);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, state_box);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, appointment_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, appointment_note_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, documents_grid);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, pauses_box);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, pauses_grid);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, steps_box);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, steps_grid);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, history_grid);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, forms_button);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_bar);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_title_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_hint_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_reason_entry);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_due_entry);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_calendar);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_calendar_button);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, apology_error_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, promised_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, digitised_label);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, result_scans_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apology_day_selected);

  gtk_widget_class_install_action (widget_class, "dossier.move", "i", mc_dossier_page_move_action);
  gtk_widget_class_install_action (widget_class, "dossier.print-slip", NULL, mc_dossier_page_print_slip_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "dossier.print-slip", NULL);
  gtk_widget_class_install_action (widget_class, "dossier.print-form", "s", mc_dossier_page_print_form_action);
  gtk_widget_class_install_action (widget_class, "dossier.apologise", NULL, mc_dossier_page_apologise_action);
  gtk_widget_class_install_action (widget_class, "dossier.attach", "s", mc_dossier_page_attach_action);
  gtk_widget_class_install_action (widget_class, "dossier.record-step", NULL, mc_dossier_page_record_step_action);

  /**
   * McDossierPage::form-finished:
   * @code: the dossier's code
   * @number: the form's number, "02" to "06", or "01" for the slip printed again
   * @printed: TRUE when printed or saved, FALSE when cancelled or failed
   *
   * A form (02 to 06), or the slip reprinted with a new appointment, has left the print
   * operation.
   */
  signals[SIGNAL_FORM_FINISHED] =
    g_signal_new ("form-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
mc_dossier_page_init (McDossierPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* One button per move of the table, in the order a dossier usually goes; update_actions
   * shows those the status allows. */
  for (gsize i = 0; i < G_N_ELEMENTS (move_infos); i++)
    {
      const MoveInfo *info = &move_infos[i];
      GtkWidget *button = gtk_button_new_with_label (_(info->label));
      g_autofree char *name = g_strdup_printf ("move-%d", (int) info->to);

      gtk_widget_set_name (button, name);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dossier.move");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) info->to);
      if (info->style != NULL)
        gtk_widget_add_css_class (button, info->style);
      /* Refusing, withdrawing and stopping sit apart, at the end. */
      if (info->to == MC_STATUS_REFUSED)
        gtk_widget_set_margin_start (button, 18);
      gtk_box_append (self->actions_box, button);
      self->move_buttons[info->to] = button;
      /* The hand-over between departments follows the hand-over to processing. */
      if (info->to == MC_STATUS_IN_PROCESSING)
        {
          self->step_button = gtk_button_new_with_label (_("Hand over to another department"));
          gtk_widget_set_name (self->step_button, "record-step-button");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->step_button), "dossier.record-step");
          gtk_box_append (self->actions_box, self->step_button);
        }
    }

  g_signal_connect_swapped (self->apology_reason_entry, "changed", G_CALLBACK (on_apology_edited), self);
  g_signal_connect_swapped (self->apology_due_entry, "changed", G_CALLBACK (on_apology_edited), self);

  self->forms_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->forms_button, G_MENU_MODEL (self->forms_menu));
  update_actions (self);
}

void
mc_dossier_page_set_context (McDossierPage *self,
                             McContext     *context)
{
  g_return_if_fail (MC_IS_DOSSIER_PAGE (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_signal_connect_object (context, "dossier-changed", G_CALLBACK (on_dossier_changed), self,
                           G_CONNECT_SWAPPED);
  /* Another person at the desk: other moves are theirs to make. */
  g_signal_connect_object (context, "account-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

void
mc_dossier_page_load (McDossierPage *self,
                      const char    *code)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (MC_IS_DOSSIER_PAGE (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (self->context != NULL);

  /* A scanned URL is as good as its code. */
  canonical = mc_scanned_input_to_code (code, mc_context_get_office (self->context)->lookup_url_template, NULL);
  if (canonical == NULL)
    canonical = g_strstrip (g_strdup (code));
  g_free (self->code);
  self->code = g_steal_pointer (&canonical);
  load (self, TRUE);
}

const char *
mc_dossier_page_get_code (McDossierPage *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_PAGE (self), NULL);
  return self->view != NULL ? self->view->dossier->code : NULL;
}

int
mc_dossier_page_get_status (McDossierPage *self)
{
  g_return_val_if_fail (MC_IS_DOSSIER_PAGE (self), 0);
  return self->view != NULL ? (int) self->view->dossier->status : 0;
}

void
mc_dossier_page_set_print_target_pdf (McDossierPage *self,
                                      const char    *path)
{
  g_return_if_fail (MC_IS_DOSSIER_PAGE (self));

  g_free (self->print_target_pdf);
  self->print_target_pdf = g_strdup (path);
}

void
mc_dossier_page_attach_file (McDossierPage *self,
                             GFile         *file,
                             const char    *target)
{
  g_autofree char *path = NULL;
  AttachJob *job;
  AttachCall *call;

  g_return_if_fail (MC_IS_DOSSIER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (target != NULL);

  if (self->view == NULL || self->attaching)
    return;
  /* The store copies a file it can open: a scanner's folder, a USB drive, not a web location. */
  path = g_file_get_path (file);
  if (path == NULL)
    {
      say (self, _("Choose a file on this computer (the scanner’s folder or a USB drive)"));
      return;
    }

  job = g_new0 (AttachJob, 1);
  job->code = g_strdup (self->view->dossier->code);
  job->target = g_strdup (target);
  job->name = g_filename_display_basename (path);
  job->path = g_steal_pointer (&path);
  job->actor = mc_context_dup_clerk (self->context);
  call = g_new0 (AttachCall, 1);
  call->page = g_object_ref (self);
  call->code = g_strdup (job->code);
  self->attaching = TRUE;
  update_actions (self);
  /* Not cancellable: a file being copied in finishes, and its row with it. */
  mc_context_run_async (self->context, attach_job, job, attach_job_free, (GDestroyNotify) mc_attachment_free,
                        NULL, attach_done, call);
}
