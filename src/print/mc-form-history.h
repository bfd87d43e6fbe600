/* mc-form-history.h — what forms 02, 03, 05 and 06 say, read from a dossier's history.
 *
 * Paper follows the record: the supplement request, the refusal and the stop notice attest a
 * move, so they are made from that move's audit entry (its time, who made it, its note), and
 * the processing control slip lists the hand-overs the history shows. The note of a
 * supplement request holds what to add, one item a line or separated by ";", optionally
 * followed by "Lý do: …" (mc_supplement_note_compose writes it so). Plain values in, plain
 * values out: the window and the command line build the same forms from the same entries.
 */
#pragma once

#include "mc-forms.h"
#include "mc-step-plan.h"

G_BEGIN_DECLS

/* The last move of @history (McDossierEvent*) into @status, or NULL; borrowed. */
const McDossierEvent *mc_form_history_last_move_to     (GPtrArray              *history,
                                                        McStatus                status);

/* The note of a supplement request: the items joined by "; ", then " Lý do: @reason" when
 * there is one. Empty items are left out; NULL when none is left. */
char                 *mc_supplement_note_compose       (const char * const     *items,
                                                        const char             *reason);
/* The note of a supplement request split into what to add (the text before "Lý do:") and the
 * reason after it (NULL when there is none). */
void                  mc_supplement_note_split         (const char             *note,
                                                        char                  **items_text,
                                                        char                  **reason);
/* Adds the items of @text to @request: one a line or separated by ";", without list bullets
 * or the full stop that ends the sentence before "Lý do:". */
void                  mc_supplement_request_add_items  (McSupplementRequest    *request,
                                                        const char             *text);
/* Form 02 from the audit entry of the move to "waiting for supplement": its items and reason
 * from the note, its time, and its author as the officer to call. NULL when the note names
 * nothing to add. */
McSupplementRequest  *mc_supplement_request_from_event (const McDossierEvent   *event);
/* Form 03 from the refusal's entry ("; " separated reasons one a line); NULL without a reason. */
McRefusal            *mc_refusal_from_event            (const McDossierEvent   *event);
/* Form 05 from the stop's entry; NULL without a reason. */
McStopNotice         *mc_stop_notice_from_event        (const McDossierEvent   *event);

/* Form 06's rows: to the deciding agency when processing starts (again), between departments
 * inside status 4 (the entry's note names the department that takes it), back to the counter
 * with the result (judged early / on time / late against @due, the appointment the figures
 * use), a supplement request, a stop or a withdrawal, and the result to the applicant. Moves
 * made at the counter alone hand nothing over. @history must hold only the entries that are
 * moves or hand-overs (leave out those that only record something, such as an apology). */
GPtrArray            *mc_form_handovers_from_history   (const McDossier        *dossier,
                                                        const McOfficeSettings *settings,
                                                        McWorkCalendar         *calendar,
                                                        GPtrArray              *history);   /* McHandover* */
/* The same, with the dossier's step plan (mc_step_plan_for_dossier; NULL or empty: none):
 * a hand-over between departments is then judged early / on time / late against the due
 * moment of the step it ends (the step before the receiving department's), and its note
 * names that moment. Without a plan such hand-overs are not judged, as above. */
GPtrArray            *mc_form_handovers_from_history_with_plan (const McDossier        *dossier,
                                                                const McOfficeSettings *settings,
                                                                McWorkCalendar         *calendar,
                                                                GPtrArray              *history,
                                                                const GPtrArray        *plan); /* McHandover* */

G_END_DECLS
