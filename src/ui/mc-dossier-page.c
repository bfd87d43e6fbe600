/* mc-dossier-page.c — one dossier: its record, documents, appointment, clock stops and history,
 * and the moves its status allows.
 *
 * Everything shown comes from one context job (dossier, history, pauses, the appointment's
 * explanation and its due state, which need the store's calendar), so the page never reads the
 * store on the main thread. The moves are the widget action "dossier.move" (target status as
 * an int): one button per move of domain.md's table, shown when mc_status_can_move allows it
 * from the dossier's status, all in update_actions (). A move is one more context job; the
 * page then tells the context, whose ::dossier-changed brings the page (and every other view)
 * up to date.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-dossier-code.h"
#include "mc-dossier-page.h"
#include "mc-slip-printer.h"
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
    N_("What must the applicant add or correct, and why? (printed on the supplement request)"), NULL },
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

typedef struct
{
  McDossier *dossier;
  GPtrArray *history;        /* McDossierEvent* */
  GArray    *pauses;         /* McPause */
  char      *explanation;    /* may be NULL */
  DueState   due_state;
  McVerdict  verdict;
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
  GtkGrid           *history_grid;
};

G_DEFINE_FINAL_TYPE (McDossierPage, mc_dossier_page, GTK_TYPE_WIDGET)

static void load (McDossierPage *self, gboolean show_loading);

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

static void
update_actions (McDossierPage *self)
{
  const McDossier *dossier = self->view != NULL ? self->view->dossier : NULL;
  gboolean any_move = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (move_infos); i++)
    {
      McStatus to = move_infos[i].to;
      GtkWidget *button = self->move_buttons[to];
      gboolean allowed = dossier != NULL && mc_status_can_move (dossier->status, to);

      gtk_widget_set_visible (button, allowed);
      if (allowed)
        gtk_button_set_label (GTK_BUTTON (button), move_label (dossier->status, to));
      any_move |= allowed;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.move", any_move && !self->moving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.print-slip",
                                 dossier != NULL && has_receipt_slip (dossier->status));
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
             const McDossier *dossier)
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
}

static void
fill_documents (McDossierPage   *self,
                const McDossier *dossier)
{
  const char *headings[] = { _("No."), _("Document"), _("Form"), _("Copies") };
  guint n = dossier->documents != NULL ? dossier->documents->len : 0;

  clear_grid (self->documents_grid);
  for (guint column = 0; column < G_N_ELEMENTS (headings); column++)
    gtk_grid_attach (self->documents_grid, cell_label (headings[column], TRUE), (int) column, 0, 1, 1);
  if (n == 0)
    gtk_grid_attach (self->documents_grid, cell_label (_("No documents were recorded."), FALSE), 0, 1, 4, 1);

  for (guint i = 0; i < n; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);
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
    }
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

static void
fill_history (McDossierPage *self,
              GPtrArray     *history)
{
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

static void
show_view (McDossierPage *self,
           DossierView   *view)
{
  g_clear_pointer (&self->view, dossier_view_free);
  self->view = view;

  gtk_label_set_text (self->code_label, view->dossier->code);
  gtk_label_set_text (self->status_label, mc_status_describe (view->dossier->status));
  fill_state (self, view);
  fill_fields (self, view->dossier);
  fill_appointment (self, view);
  fill_documents (self, view->dossier);
  fill_pauses (self, view->pauses);
  fill_history (self, view->history);
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
} MoveJob;

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

  return mc_store_move (store, job->code, job->to, job->actor, MC_TIME_NONE, job->note, error);
}

static void
move_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(McDossierPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) moved = mc_context_run_finish (MC_CONTEXT (object), result, &error);

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

  {
    g_autofree char *message = g_strdup_printf (_("Dossier %s: %s"), moved->code,
                                                mc_status_describe (moved->status));

    say (self, message);
  }
  mc_context_dossier_changed (self->context, moved->code);
}

static void
start_move (McDossierPage *self,
            McStatus       to,
            const char    *note)
{
  MoveJob *job = g_new0 (MoveJob, 1);

  job->code = g_strdup (self->view->dossier->code);
  job->to = to;
  job->actor = mc_context_dup_clerk (self->context);
  job->note = note != NULL && note[0] != '\0' ? g_strdup (note) : NULL;

  self->moving = TRUE;
  update_actions (self);
  /* Not cancellable: once the clerk confirmed, the move is made even if the page goes away. */
  mc_context_run_async (self->context, move_job, job, move_job_free, (GDestroyNotify) mc_dossier_free,
                        NULL, move_done, g_object_ref (self));
}

typedef struct
{
  McDossierPage *page;       /* owned */
  McStatus       to;
  char          *code;       /* the dossier the note is for */
  GtkEditable   *entry;
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

  if (note[0] == '\0')
    return;
  /* The dossier shown may have changed while the window was open: the move is for the
   * dossier the clerk wrote the note for, or none. */
  if (self->view != NULL && !self->moving && g_str_equal (self->view->dossier->code, request->code))
    start_move (self, request->to, note);
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
  /* The buttons show only allowed moves; a shortcut or a stale button may still ask. */
  if (!mc_status_check_move (self->view->dossier->status, (McStatus) to, &error))
    {
      say (self, error->message);
      return;
    }
  info = move_info (to);
  if (info != NULL && info->note_prompt != NULL)
    ask_note (self, info);
  else
    start_move (self, (McStatus) to, NULL);
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
  GtkPrintOperationResult outcome = mc_slip_printer_run_finish (printer, result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (outcome == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, mc_slip_printer_get_print_settings (printer));
  else if (outcome == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The slip was not printed: %s"), error->message);

      say (self, message);
    }
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
  mc_slip_printer_set_print_settings (printer, self->print_settings);
  mc_slip_printer_run_async (printer, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             self->cancellable, on_slip_printed, g_object_ref (self));
}

static void
mc_dossier_page_print_slip_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  McDossierPage *self = MC_DOSSIER_PAGE (widget);

  if (self->view == NULL)
    return;
  mc_context_run_async (self->context, print_load_job, g_strdup (self->view->dossier->code), g_free,
                        (GDestroyNotify) mc_dossier_free, self->cancellable, print_loaded,
                        g_object_ref (self));
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
  g_clear_object (&self->context);
  g_clear_object (&self->print_settings);
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
  gtk_widget_class_bind_template_child (widget_class, McDossierPage, history_grid);

  gtk_widget_class_install_action (widget_class, "dossier.move", "i", mc_dossier_page_move_action);
  gtk_widget_class_install_action (widget_class, "dossier.print-slip", NULL, mc_dossier_page_print_slip_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "dossier.print-slip", NULL);
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
    }
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
