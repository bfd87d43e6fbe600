/* mc-form-history.c — forms 02, 03, 05 and 06 made from the audit entries they attest.
 *
 * The texts written here (a hand-over's wording, the "Lý do:" marker) are fixed Vietnamese,
 * not translations: they are printed on administrative forms and stored in the record, and
 * must read the same whatever the locale of the program.
 */
#include "config.h"

#include <string.h>

#include "mc-form-history.h"

const McDossierEvent *
mc_form_history_last_move_to (GPtrArray *history,
                              McStatus   status)
{
  g_return_val_if_fail (history != NULL, NULL);

  for (guint i = history->len; i > 0; i--)
    {
      const McDossierEvent *event = g_ptr_array_index (history, i - 1);

      if (event->to_status == status && event->from_status != 0 && event->from_status != (int) status)
        return event;
    }
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A supplement note's items and its reason, in the forms the clerk may have typed. */
static const char * const reason_markers[] = { "Lý do:", "lý do:", "LÝ DO:", "Ly do:", "ly do:" };

char *
mc_supplement_note_compose (const char * const *items,
                            const char         *reason)
{
  GString *note = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));

      if (*item == '\0')
        continue;
      g_string_append_printf (note, "%s%s", note->len > 0 ? "; " : "", item);
    }
  if (note->len == 0)
    {
      g_string_free (note, TRUE);
      return NULL;
    }
  if (!is_blank (reason))
    {
      g_autofree char *clean = g_strstrip (g_strdup (reason));

      g_string_append_printf (note, ". Lý do: %s", clean);
    }
  return g_string_free (note, FALSE);
}

void
mc_supplement_note_split (const char  *note,
                          char       **items_text,
                          char       **reason)
{
  const char *found = NULL;
  gsize marker_len = 0;

  *items_text = NULL;
  *reason = NULL;
  if (note == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (reason_markers); i++)
    {
      const char *p = strstr (note, reason_markers[i]);

      if (p != NULL && (found == NULL || p < found))
        {
          found = p;
          marker_len = strlen (reason_markers[i]);
        }
    }
  if (found == NULL)
    {
      *items_text = g_strdup (note);
      return;
    }
  *items_text = g_strndup (note, (gsize) (found - note));
  *reason = g_strstrip (g_strdup (found + marker_len));
  if (**reason == '\0')
    g_clear_pointer (reason, g_free);
}

/* Items of a note: one a line or separated by ";", without list bullets or the full stop
 * that ends the sentence before "Lý do:". */
void
mc_supplement_request_add_items (McSupplementRequest *request,
                                 const char          *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ";\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);
      gsize len;

      while (*item == '-' || *item == '+' || *item == '*' || g_ascii_isspace (*item))
        item++;
      len = strlen (item);
      while (len > 0 && (item[len - 1] == '.' || g_ascii_isspace (item[len - 1])))
        item[--len] = '\0';
      if (*item != '\0')
        g_ptr_array_add (request->items, mc_supplement_item_new (item, MC_DOCUMENT_ORIGINAL, FALSE, 0));
    }
}

McSupplementRequest *
mc_supplement_request_from_event (const McDossierEvent *event)
{
  g_autoptr(McSupplementRequest) request = NULL;
  g_autofree char *items_text = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  request = mc_supplement_request_new ();
  mc_supplement_note_split (event->note, &items_text, &reason);
  mc_supplement_request_add_items (request, items_text);
  if (request->items->len == 0)
    return NULL;
  request->reason = g_steal_pointer (&reason);
  request->requested_at = event->at;
  request->officer = g_strdup (event->actor);
  return g_steal_pointer (&request);
}

McRefusal *
mc_refusal_from_event (const McDossierEvent *event)
{
  McRefusal *refusal;

  g_return_val_if_fail (event != NULL, NULL);

  if (is_blank (event->note))
    return NULL;
  refusal = mc_refusal_new ();
  /* A note is kept on one line: several reasons are separated by ";", one per line on paper. */
  refusal->reasons = g_strdelimit (g_strdup (event->note), ";", '\n');
  refusal->refused_at = event->at;
  refusal->clerk = g_strdup (event->actor);
  return refusal;
}

McStopNotice *
mc_stop_notice_from_event (const McDossierEvent *event)
{
  McStopNotice *notice;

  g_return_val_if_fail (event != NULL, NULL);

  if (is_blank (event->note))
    return NULL;
  notice = mc_stop_notice_new ();
  notice->reason = g_strdup (event->note);
  notice->stage = g_strdup (mc_status_is_valid (event->from_status)
                            ? mc_status_describe ((McStatus) event->from_status) : NULL);
  notice->stopped_at = event->at;
  return notice;
}

static McHandover *
handover_new (const char           *giver_unit,
              const char           *receiver_unit,
              const McDossierEvent *event,
              const char           *what)
{
  McHandover *handover = mc_handover_new ();

  handover->giver_unit = g_strdup (giver_unit);
  handover->receiver_unit = g_strdup (receiver_unit);
  handover->at = event->at;
  handover->giver = g_strdup (event->actor);
  if (!is_blank (event->note))
    handover->note = g_strdup_printf ("%s: %s", what, event->note);
  else
    handover->note = g_strdup (what);
  return handover;
}

GPtrArray *
mc_form_handovers_from_history (const McDossier        *dossier,
                                const McOfficeSettings *settings,
                                McWorkCalendar         *calendar,
                                GPtrArray              *history)
{
  return mc_form_handovers_from_history_with_plan (dossier, settings, calendar, history, NULL);
}

/* A hand-over between departments: judged against the due moment of the step it ends, which
 * the note names, so that the row says what it was measured by. */
static void
judge_step_handover (McHandover      *handover,
                     McWorkCalendar  *calendar,
                     const GPtrArray *plan,
                     const char      *department)
{
  const McPlannedStep *step;
  int ended = -1;

  handover->verdict = mc_step_plan_judge_handover (calendar, plan, department, handover->at, &ended);
  if (ended < 0)
    return;
  step = g_ptr_array_index ((GPtrArray *) plan, (guint) ended);
  if (step->due != MC_TIME_NONE)
    {
      g_autofree char *due = mc_time_format_slip (step->due);
      char *note = g_strdup_printf ("%s; hạn bước: %s", handover->note, due);

      g_free (handover->note);
      handover->note = note;
    }
}

GPtrArray *
mc_form_handovers_from_history_with_plan (const McDossier        *dossier,
                                          const McOfficeSettings *settings,
                                          McWorkCalendar         *calendar,
                                          GPtrArray              *history,
                                          const GPtrArray        *plan)
{
  GPtrArray *handovers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_handover_free);
  const char *counter = !is_blank (dossier->receiving_office) ? dossier->receiving_office : settings->office_name;
  const char *agency = !is_blank (dossier->deciding_agency) ? dossier->deciding_agency : counter;
  McTime due = dossier->current_due_at != MC_TIME_NONE ? dossier->current_due_at : dossier->due_at;
  const char *holder = agency;   /* who has the dossier inside status 4 */

  for (guint i = 0; i < history->len; i++)
    {
      const McDossierEvent *event = g_ptr_array_index (history, i);
      McHandover *handover = NULL;

      if (event->from_status == 0)
        continue;
      if (event->to_status == MC_STATUS_IN_PROCESSING && event->from_status == MC_STATUS_IN_PROCESSING)
        {
          handover = mc_handover_new ();
          handover->giver_unit = g_strdup (holder);
          handover->receiver_unit = g_strdup (event->note);
          handover->at = event->at;
          handover->giver = g_strdup (event->actor);
          handover->note = g_strdup ("Chuyển bước xử lý");
          if (plan != NULL)
            judge_step_handover (handover, calendar, plan, event->note);
          if (!is_blank (event->note))
            holder = event->note;
        }
      else if (event->to_status == MC_STATUS_IN_PROCESSING)
        {
          handover = handover_new (counter, agency, event,
                                   event->from_status == MC_STATUS_WAITING_SUPPLEMENT ? "Đã nhận hồ sơ bổ sung"
                                   : event->from_status == MC_STATUS_WAITING_PAYMENT ? "Đã thực hiện nghĩa vụ tài chính"
                                   : "Chuyển giải quyết");
          holder = agency;
        }
      else if (event->from_status == MC_STATUS_IN_PROCESSING && event->to_status == MC_STATUS_RESULT_READY)
        {
          handover = handover_new (holder, counter, event, "Có kết quả");
          /* The step that ends the processing is judged as the figures judge it: against
           * the current appointment, which is also the plan's last step's due moment. */
          handover->verdict = mc_deadline_verdict (calendar, due, event->at);
        }
      else if (event->from_status == MC_STATUS_IN_PROCESSING && event->to_status == MC_STATUS_WAITING_SUPPLEMENT)
        handover = handover_new (holder, counter, event, "Yêu cầu bổ sung hồ sơ");
      else if (event->from_status == MC_STATUS_IN_PROCESSING && event->to_status == MC_STATUS_STOPPED)
        handover = handover_new (holder, counter, event, "Dừng giải quyết");
      else if (event->from_status == MC_STATUS_IN_PROCESSING && event->to_status == MC_STATUS_WITHDRAWN)
        handover = handover_new (holder, counter, event, "Rút hồ sơ");
      else if (event->to_status == MC_STATUS_RETURNED)
        {
          g_autofree char *applicant = g_strdup_printf ("Ông/Bà %s", dossier->applicant_name);

          handover = handover_new (counter, applicant, event, "Trả kết quả");
          handover->receiver = g_strdup (dossier->applicant_name);
        }
      if (handover != NULL)
        g_ptr_array_add (handovers, handover);
    }
  return handovers;
}
