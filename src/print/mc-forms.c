/* mc-forms.c — draws forms 02 to 06 on the page the receipt slip uses (mc-form-page):
 * the heading of an administrative document with the place and date, the title, the
 * dossier's facts, what the form is about, and the signature blocks.
 *
 * Unlike the slip, which must stay on one sheet, these forms run onto a further page when
 * a long list or reason needs it: the flow breaks between paragraphs and table rows, a
 * table's header row is repeated on the new page, signature blocks are kept whole, and
 * the pages are numbered "Trang x/y".
 */
#include "config.h"

#include "mc-forms.h"

struct _McForm
{
  McFormKind                 kind;
  const McDossier           *dossier;      /* borrowed, as every field below */
  const McOfficeSettings    *settings;
  const McSupplementRequest *supplement;
  const McRefusal           *refusal;
  const McApology           *apology;
  const McStopNotice        *stop;
  const GPtrArray           *handovers;
};

/* Titles and numbers as data, by the day the version came into force. A dossier keeps the
 * forms in force on its day of receipt (domain.md). Circular 01/2018/TT-VPCP until 30 June
 * 2025, Circular 03/2025/TT-VPCP from 1 July 2025 (its numbers as reported in public design
 * documents: check its appendix before release). */
typedef struct
{
  int         from_year, from_month, from_day;
  McFormKind  kind;
  const char *number;
  const char *title;
} FormVersion;

static const FormVersion form_versions[] = {
  { 2018, 11, 1, MC_FORM_SUPPLEMENT, "02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" },
  { 2018, 11, 1, MC_FORM_REFUSAL,    "03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" },
  { 2018, 11, 1, MC_FORM_APOLOGY,    "04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" },
  { 2018, 11, 1, MC_FORM_STOP,       "05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" },
  { 2018, 11, 1, MC_FORM_CONTROL,    "06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" },
  { 2025,  7, 1, MC_FORM_APOLOGY,    "04",
    "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" },
};

static const FormVersion *
form_version (McFormKind kind,
              McTime     received_at)
{
  const FormVersion *found = NULL;
  McDay day = received_at != MC_TIME_NONE ? mc_time_local_day (received_at) : mc_time_local_day (mc_time_now ());

  for (gsize i = 0; i < G_N_ELEMENTS (form_versions); i++)
    {
      const FormVersion *v = &form_versions[i];

      if (v->kind != kind)
        continue;
      /* The oldest version also covers dossiers older than itself. */
      if (found == NULL || mc_day_from_ymd (v->from_year, v->from_month, v->from_day) <= day)
        found = v;
    }
  return found;
}

const char *
mc_form_kind_number (McFormKind kind,
                     McTime     received_at)
{
  const FormVersion *v = form_version (kind, received_at);

  g_return_val_if_fail (v != NULL, NULL);
  return v->number;
}

const char *
mc_form_kind_title (McFormKind kind,
                    McTime     received_at)
{
  const FormVersion *v = form_version (kind, received_at);

  g_return_val_if_fail (v != NULL, NULL);
  return v->title;
}

/* The input structs. */

McSupplementItem *
mc_supplement_item_new (const char     *name,
                        McDocumentForm  form,
                        gboolean        has_form,
                        int             copies)
{
  McSupplementItem *item = g_new0 (McSupplementItem, 1);

  item->name = g_strdup (name);
  item->form = form;
  item->has_form = has_form;
  item->copies = copies;
  return item;
}

void
mc_supplement_item_free (McSupplementItem *item)
{
  if (item == NULL)
    return;
  g_free (item->name);
  g_free (item);
}

McSupplementRequest *
mc_supplement_request_new (void)
{
  McSupplementRequest *request = g_new0 (McSupplementRequest, 1);

  request->items = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_supplement_item_free);
  request->requested_at = MC_TIME_NONE;
  return request;
}

void
mc_supplement_request_free (McSupplementRequest *request)
{
  if (request == NULL)
    return;
  g_ptr_array_unref (request->items);
  g_free (request->reason);
  g_free (request->officer);
  g_free (request->officer_phone);
  g_free (request);
}

McRefusal *
mc_refusal_new (void)
{
  McRefusal *refusal = g_new0 (McRefusal, 1);

  refusal->refused_at = MC_TIME_NONE;
  return refusal;
}

void
mc_refusal_free (McRefusal *refusal)
{
  if (refusal == NULL)
    return;
  g_free (refusal->reasons);
  g_free (refusal->clerk);
  g_free (refusal);
}

McApology *
mc_apology_new (void)
{
  McApology *apology = g_new0 (McApology, 1);

  apology->new_due_at = MC_TIME_NONE;
  apology->issued_at = MC_TIME_NONE;
  return apology;
}

void
mc_apology_free (McApology *apology)
{
  if (apology == NULL)
    return;
  g_free (apology->reason);
  g_free (apology->signer);
  g_free (apology);
}

McStopNotice *
mc_stop_notice_new (void)
{
  McStopNotice *notice = g_new0 (McStopNotice, 1);

  notice->stopped_at = MC_TIME_NONE;
  return notice;
}

void
mc_stop_notice_free (McStopNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->stage);
  g_free (notice->reason);
  g_free (notice->decision);
  g_free (notice->signer);
  g_free (notice);
}

McHandover *
mc_handover_new (void)
{
  McHandover *handover = g_new0 (McHandover, 1);

  handover->at = MC_TIME_NONE;
  handover->verdict = MC_VERDICT_NONE;
  return handover;
}

void
mc_handover_free (McHandover *handover)
{
  if (handover == NULL)
    return;
  g_free (handover->giver_unit);
  g_free (handover->receiver_unit);
  g_free (handover->giver);
  g_free (handover->receiver);
  g_free (handover->note);
  g_free (handover);
}

/* The forms. */

static McForm *
form_new (McFormKind              kind,
          const McDossier        *dossier,
          const McOfficeSettings *settings)
{
  McForm *form = g_new0 (McForm, 1);

  form->kind = kind;
  form->dossier = dossier;
  form->settings = settings;
  return form;
}

McForm *
mc_form_new_supplement (const McDossier           *dossier,
                        const McOfficeSettings    *settings,
                        const McSupplementRequest *request)
{
  McForm *form;

  g_return_val_if_fail (dossier != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  form = form_new (MC_FORM_SUPPLEMENT, dossier, settings);
  form->supplement = request;
  return form;
}

McForm *
mc_form_new_refusal (const McDossier        *dossier,
                     const McOfficeSettings *settings,
                     const McRefusal        *refusal)
{
  McForm *form;

  g_return_val_if_fail (dossier != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (refusal != NULL, NULL);
  form = form_new (MC_FORM_REFUSAL, dossier, settings);
  form->refusal = refusal;
  return form;
}

McForm *
mc_form_new_apology (const McDossier        *dossier,
                     const McOfficeSettings *settings,
                     const McApology        *apology)
{
  McForm *form;

  g_return_val_if_fail (dossier != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (apology != NULL, NULL);
  form = form_new (MC_FORM_APOLOGY, dossier, settings);
  form->apology = apology;
  return form;
}

McForm *
mc_form_new_stop (const McDossier        *dossier,
                  const McOfficeSettings *settings,
                  const McStopNotice     *notice)
{
  McForm *form;

  g_return_val_if_fail (dossier != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (notice != NULL, NULL);
  form = form_new (MC_FORM_STOP, dossier, settings);
  form->stop = notice;
  return form;
}

McForm *
mc_form_new_control (const McDossier        *dossier,
                     const McOfficeSettings *settings,
                     const GPtrArray        *handovers)
{
  McForm *form;

  g_return_val_if_fail (dossier != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (handovers != NULL, NULL);
  form = form_new (MC_FORM_CONTROL, dossier, settings);
  form->handovers = handovers;
  return form;
}

void
mc_form_free (McForm *form)
{
  g_free (form);
}

McFormKind
mc_form_get_kind (const McForm *form)
{
  return form->kind;
}

/* Pieces the forms share. */

/* A table's header row, repeated at the top of every page the table runs onto. */
typedef struct
{
  const char * const   *cells;
  const double         *widths;
  guint                 n_cells;
} TableHeader;

static const PangoAlignment centred[] = {
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
};

static void
repeat_header (McFormPage *page,
               gpointer    user_data)
{
  const TableHeader *header = user_data;

  mc_form_page_table_row (page, header->cells, header->widths, centred, header->n_cells);
}

static void
number_page (McFormPage *page,
             gpointer    user_data)
{
  mc_form_page_number (page);
}

/* Starts a table: its header row now and on every page the table runs onto. */
static void
table_begin (McFormPage        *page,
             const TableHeader *header)
{
  mc_form_page_need (page, mc_form_page_row_height (page, header->cells, header->widths, header->n_cells) * 2);
  repeat_header (page, (gpointer) header);
  page->page_top = repeat_header;
  page->user_data = (gpointer) header;
}

static void
table_end (McFormPage *page)
{
  page->page_top = NULL;
  page->user_data = NULL;
  page->y += page->size * 0.3;
}

static void
table_row (McFormPage           *page,
           const char * const   *cells,
           const double         *widths,
           const PangoAlignment *aligns,
           guint                 n_cells)
{
  mc_form_page_need (page, mc_form_page_row_height (page, cells, widths, n_cells));
  mc_form_page_table_row (page, cells, widths, aligns, n_cells);
}

/* A printf-style paragraph, its arguments escaped for markup. */
static void G_GNUC_PRINTF (3, 4)
para (McFormPage     *page,
      PangoAlignment  align,
      const char     *format,
      ...)
{
  g_autofree char *markup = NULL;
  va_list args;

  va_start (args, format);
  markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
  mc_form_page_para_kept (page, align, 1.0, markup);
}

static const char *
dots (const char *value)
{
  return mc_form_or_dots (value);
}

static const char *
agency_of (const McForm *form)
{
  const McDossier *d = form->dossier;

  if (d->deciding_agency != NULL && *d->deciding_agency != '\0')
    return d->deciding_agency;
  return dots (form->settings->office_name);
}

static const char *
office_of (const McForm *form)
{
  const McDossier *d = form->dossier;

  if (d->receiving_office != NULL && *d->receiving_office != '\0')
    return d->receiving_office;
  return dots (form->settings->office_name);
}

static void
heading (McFormPage   *page,
         const McForm *form,
         McTime        dated,
         gboolean      numbered)
{
  g_autofree char *date_line = dated != MC_TIME_NONE ? mc_form_date_line (form->settings, dated) : NULL;
  g_autofree char *right = date_line != NULL ? g_markup_printf_escaped ("<i>%s</i>", date_line) : NULL;

  /* Letters of the agency carry a number, written in by its clerk. */
  mc_form_page_header (page, form->settings, numbered ? "Số: ………/………" : NULL, right);
}

static void
title (McFormPage   *page,
       const McForm *form)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>",
                                                     mc_form_kind_title (form->kind, form->dossier->received_at));

  mc_form_page_para (page, PANGO_ALIGN_CENTER, 1.1, markup);
}

static void
code_line (McFormPage   *page,
           const McForm *form)
{
  para (page, PANGO_ALIGN_CENTER, "Mã hồ sơ: <b>%s</b>", dots (form->dossier->code));
  page->y += page->size * 0.4;
}

static void
addressee (McFormPage   *page,
           const McForm *form)
{
  para (page, PANGO_ALIGN_CENTER, "Kính gửi: Ông/Bà (tổ chức) <b>%s</b>", dots (form->dossier->applicant_name));
  page->y += page->size * 0.4;
}

static void
applicant_block (McFormPage   *page,
                 const McForm *form)
{
  const McDossier *d = form->dossier;
  const char *id_label = d->applicant_kind == MC_APPLICANT_ORGANISATION ? "Mã số thuế" : "Số định danh cá nhân";

  para (page, PANGO_ALIGN_LEFT, "Ông/Bà (tổ chức): <b>%s</b>", dots (d->applicant_name));
  para (page, PANGO_ALIGN_LEFT, "%s: %s", id_label, dots (d->id_number));
  para (page, PANGO_ALIGN_LEFT, "Địa chỉ: %s", dots (d->address));
  para (page, PANGO_ALIGN_LEFT, "Số điện thoại: %s        Email: %s", dots (d->phone), dots (d->email));
}

static void
request_line (McFormPage   *page,
              const McForm *form)
{
  const McDossier *d = form->dossier;

  para (page, PANGO_ALIGN_LEFT, "Nội dung yêu cầu giải quyết: <b>%s</b> (mã thủ tục: %s)",
        dots (d->procedure_name), dots (d->procedure_code));
}

static char *
slip_time (McTime t)
{
  return t != MC_TIME_NONE ? mc_time_format_slip (t) : g_strdup ("…… giờ …… phút, ngày ……/……/……");
}

/* Each line of @text as its own paragraph, numbered when there are several. */
static void
numbered_lines (McFormPage *page,
                const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (kept, lines[i]);
  if (kept->len == 0)
    {
      para (page, PANGO_ALIGN_LEFT, "%s", dots (NULL));
      return;
    }
  for (guint i = 0; i < kept->len; i++)
    {
      const char *line = g_ptr_array_index (kept, i);

      if (kept->len == 1)
        para (page, PANGO_ALIGN_LEFT, "- %s", line);
      else
        para (page, PANGO_ALIGN_LEFT, "%u. %s", i + 1, line);
    }
}

/* A signature block on the right half, kept whole on one page; @recipients, when given,
 * goes at the left as the "Nơi nhận" of a letter. */
static void
sign_right (McFormPage *page,
            const char *title_markup,
            const char *name,
            gboolean    recipients)
{
  g_autofree char *name_markup = g_markup_printf_escaped ("<b>%s</b>", dots (name));
  const McFormSignature columns[2] = { { NULL, NULL }, { title_markup, name_markup } };
  double height = mc_form_page_signatures_height (page, columns, 2);

  page->y += page->size * 0.4;
  mc_form_page_need (page, height);
  if (recipients)
    mc_form_page_text (page, page->left, page->width / 2.0, PANGO_ALIGN_LEFT, 0.85,
                       "<b><i>Nơi nhận:</i></b>\n- Như trên;\n- Lưu: VT, hồ sơ.", NULL);
  mc_form_page_signatures (page, columns, 2);
}

/* Form 02. */

static void
draw_supplement (McFormPage   *page,
                 const McForm *form)
{
  const McDossier *d = form->dossier;
  const McSupplementRequest *request = form->supplement;
  g_autofree char *received = slip_time (d->received_at);
  g_autofree char *requested = slip_time (request->requested_at);
  const char *header_cells[4] = {
    "<b>STT</b>", "<b>Giấy tờ cần bổ sung, hoàn thiện</b>",
    "<b>Hình thức</b>\n<i>(bản chính, bản sao)</i>", "<b>Số lượng</b>"
  };
  const PangoAlignment aligns[4] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER
  };
  double widths[4];
  TableHeader header = { header_cells, widths, 4 };

  heading (page, form, request->requested_at, FALSE);
  title (page, form);
  code_line (page, form);
  para (page, PANGO_ALIGN_LEFT, "<b>%s</b> đã tiếp nhận hồ sơ của:", office_of (form));
  applicant_block (page, form);
  request_line (page, form);
  para (page, PANGO_ALIGN_LEFT, "Thời gian tiếp nhận hồ sơ: %s", received);
  para (page, PANGO_ALIGN_LEFT, "Qua xem xét, hồ sơ chưa đầy đủ, hợp lệ. Đề nghị Ông/Bà bổ sung, "
        "hoàn thiện hồ sơ gồm những nội dung sau:");

  widths[0] = page->size * 2.8;
  widths[2] = page->size * 9.5;
  widths[3] = page->size * 4.8;
  widths[1] = page->width - widths[0] - widths[2] - widths[3];
  table_begin (page, &header);
  for (guint i = 0; i < request->items->len; i++)
    {
      const McSupplementItem *item = g_ptr_array_index (request->items, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_markup_printf_escaped ("%s", dots (item->name));
      g_autofree char *kind = g_markup_printf_escaped ("%s", item->has_form
                                                             ? mc_document_form_describe (item->form) : "");
      g_autofree char *copies = item->copies > 0 ? g_strdup_printf ("%d", item->copies) : g_strdup ("");
      const char *cells[4] = { number, name, kind, copies };

      table_row (page, cells, widths, aligns, 4);
    }
  table_end (page);

  para (page, PANGO_ALIGN_LEFT, "Lý do: %s", dots (request->reason));
  if (d->time_limit.kind != MC_TIME_LIMIT_NONE)
    para (page, PANGO_ALIGN_LEFT, "Thời gian giải quyết hồ sơ tạm dừng kể từ %s và %s khi Ông/Bà nộp "
          "đủ hồ sơ bổ sung; ngày hẹn trả kết quả mới được báo khi nhận hồ sơ bổ sung.", requested,
          d->pause_rule == MC_PAUSE_RESTARTS ? "được tính lại từ đầu" : "được tính tiếp");
  para (page, PANGO_ALIGN_LEFT, "Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ "
        "với <b>%s</b>, số điện thoại <b>%s</b> để được hướng dẫn.",
        dots (request->officer), dots (request->officer_phone));
  sign_right (page, "<b>NGƯỜI HƯỚNG DẪN</b>\n<i>(Ký và ghi rõ họ tên)</i>", request->officer, FALSE);
}

/* Form 03. */

static void
draw_refusal (McFormPage   *page,
              const McForm *form)
{
  const McRefusal *refusal = form->refusal;
  g_autofree char *received = slip_time (form->dossier->received_at);

  heading (page, form, refusal->refused_at, FALSE);
  title (page, form);
  code_line (page, form);
  para (page, PANGO_ALIGN_LEFT, "<b>%s</b> tiếp nhận hồ sơ của:", office_of (form));
  applicant_block (page, form);
  request_line (page, form);
  para (page, PANGO_ALIGN_LEFT, "Thời gian tiếp nhận hồ sơ: %s", received);
  para (page, PANGO_ALIGN_LEFT, "Qua xem xét, %s thông báo không tiếp nhận, giải quyết hồ sơ này với lý do "
        "cụ thể như sau:", office_of (form));
  numbered_lines (page, refusal->reasons);
  para (page, PANGO_ALIGN_LEFT, "Xin thông báo cho Ông/Bà được biết và thực hiện./.");
  sign_right (page, "<b>NGƯỜI TIẾP NHẬN HỒ SƠ</b>\n<i>(Ký và ghi rõ họ tên)</i>", refusal->clerk, FALSE);
}

/* Form 04. */

static void
draw_apology (McFormPage   *page,
              const McForm *form)
{
  const McDossier *d = form->dossier;
  const McApology *apology = form->apology;
  g_autofree char *received = slip_time (d->received_at);
  g_autofree char *due = slip_time (d->due_at);
  g_autofree char *current_due = slip_time (d->current_due_at);
  g_autofree char *new_due = slip_time (apology->new_due_at);

  heading (page, form, apology->issued_at, TRUE);
  title (page, form);
  addressee (page, form);
  para (page, PANGO_ALIGN_LEFT, "Lúc %s, %s đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục <b>%s</b> "
        "(mã thủ tục: %s) của Ông/Bà; mã hồ sơ: <b>%s</b>.", received, office_of (form),
        dots (d->procedure_name), dots (d->procedure_code), dots (d->code));
  para (page, PANGO_ALIGN_LEFT, "Thời gian hẹn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ "
        "và hẹn trả kết quả: <b>%s</b>.", due);
  /* The clock stood still for a supplement or a payment: the appointment the law gives
   * moved with it, and the letter says so rather than quote a date already passed. */
  if (d->current_due_at != MC_TIME_NONE && d->current_due_at != d->due_at)
    para (page, PANGO_ALIGN_LEFT, "Sau thời gian tạm dừng giải quyết (chờ bổ sung hồ sơ hoặc thực hiện nghĩa vụ "
          "tài chính), thời hạn trả kết quả là: <b>%s</b>.", current_due);
  para (page, PANGO_ALIGN_LEFT, "Tuy nhiên, %s không thể trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn "
        "theo quy định.", agency_of (form));
  para (page, PANGO_ALIGN_LEFT, "Lý do: %s", dots (apology->reason));
  para (page, PANGO_ALIGN_LEFT, "Sự chậm trễ này đã gây phiền hà, tốn kém cho Ông/Bà. %s trân trọng xin lỗi "
        "Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào: <b>%s</b>.", agency_of (form), new_due);
  para (page, PANGO_ALIGN_LEFT, "Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.");
  sign_right (page, "<b>THỦ TRƯỞNG CƠ QUAN</b>\n<i>(Ký, ghi rõ họ tên và đóng dấu)</i>", apology->signer, TRUE);
}

/* Form 05. */

static void
draw_stop (McFormPage   *page,
           const McForm *form)
{
  const McDossier *d = form->dossier;
  const McStopNotice *notice = form->stop;
  g_autofree char *received = slip_time (d->received_at);
  g_autofree char *stopped = slip_time (notice->stopped_at);
  g_autofree char *decision = notice->decision != NULL && *notice->decision != '\0'
                              ? g_strdup (notice->decision)
                              : g_strdup_printf ("Dừng giải quyết hồ sơ nêu trên kể từ %s.", stopped);

  heading (page, form, notice->stopped_at, TRUE);
  title (page, form);
  addressee (page, form);
  para (page, PANGO_ALIGN_LEFT, "Lúc %s, %s đã tiếp nhận hồ sơ của Ông/Bà:", received, office_of (form));
  para (page, PANGO_ALIGN_LEFT, "- Mã hồ sơ: <b>%s</b>", dots (d->code));
  para (page, PANGO_ALIGN_LEFT, "- Nội dung yêu cầu giải quyết: <b>%s</b> (mã thủ tục: %s)",
        dots (d->procedure_name), dots (d->procedure_code));
  para (page, PANGO_ALIGN_LEFT, "- Cơ quan giải quyết: %s", agency_of (form));
  para (page, PANGO_ALIGN_LEFT, "- Giai đoạn giải quyết khi dừng: %s", dots (notice->stage));
  para (page, PANGO_ALIGN_LEFT, "%s thông báo dừng giải quyết hồ sơ nêu trên.", agency_of (form));
  para (page, PANGO_ALIGN_LEFT, "Lý do dừng giải quyết: %s", dots (notice->reason));
  para (page, PANGO_ALIGN_LEFT, "Quyết định: %s", decision);
  para (page, PANGO_ALIGN_LEFT, "Xin thông báo để Ông/Bà được biết./.");
  sign_right (page, "<b>THỦ TRƯỞNG CƠ QUAN</b>\n<i>(Ký, ghi rõ họ tên và đóng dấu)</i>", notice->signer, TRUE);
}

/* Form 06. */

static const char *
verdict_text (McVerdict verdict)
{
  switch (verdict)
    {
    case MC_VERDICT_EARLY:
      return "Trước hạn";
    case MC_VERDICT_ON_TIME:
      return "Đúng hạn";
    case MC_VERDICT_LATE:
      return "Quá hạn";
    case MC_VERDICT_NONE:
    default:
      return "";
    }
}

/* One hand-over: who gave the dossier to whom; when, with a signature box for each; the
 * verdict and a note. The time cell holds two signature boxes side by side, so the row is
 * laid out by hand rather than as a plain table row. */
static void
control_row (McFormPage       *page,
             const double     *widths,
             guint             number,
             const McHandover *handover)
{
  const double pad = 2.5;
  const double rel = MC_FORM_TABLE_REL;
  double sign_gap = page->size * 2.6;
  gboolean blank = handover == NULL;
  g_autofree char *units = g_markup_printf_escaped ("<b>%u. Giao:</b> %s\n<b>Nhận:</b> %s", number,
                                                    blank ? "…………………" : dots (handover->giver_unit),
                                                    blank ? "…………………" : dots (handover->receiver_unit));
  g_autofree char *at = blank ? slip_time (MC_TIME_NONE) : slip_time (handover->at);
  g_autofree char *at_markup = g_markup_printf_escaped ("%s", at);
  g_autofree char *giver = g_markup_printf_escaped ("%s", blank || handover->giver == NULL ? "" : handover->giver);
  g_autofree char *receiver = g_markup_printf_escaped ("%s", blank || handover->receiver == NULL
                                                             ? "" : handover->receiver);
  g_autofree char *verdict = g_markup_printf_escaped ("%s", blank ? "" : verdict_text (handover->verdict));
  g_autofree char *note = g_markup_printf_escaped ("%s", blank || handover->note == NULL ? "" : handover->note);
  const char *labels = "<i>Người giao</i>";
  const char *labels_r = "<i>Người nhận</i>";
  double half = (widths[1] - 2 * pad) / 2.0;
  gboolean draw = page->draw;
  double h_units, h_time, h_label, h_names, h_verdict, h_note, height;
  double top, x;

  page->draw = FALSE;
  h_units = mc_form_page_text (page, 0, widths[0] - 2 * pad, PANGO_ALIGN_LEFT, rel, units, NULL);
  h_time = mc_form_page_text (page, 0, widths[1] - 2 * pad, PANGO_ALIGN_CENTER, rel, at_markup, NULL);
  h_label = mc_form_page_text (page, 0, half, PANGO_ALIGN_CENTER, rel, labels, NULL);
  h_names = MAX (mc_form_page_text (page, 0, half, PANGO_ALIGN_CENTER, rel, *giver ? giver : " ", NULL),
                 mc_form_page_text (page, 0, half, PANGO_ALIGN_CENTER, rel, *receiver ? receiver : " ", NULL));
  h_verdict = mc_form_page_text (page, 0, widths[2] - 2 * pad, PANGO_ALIGN_CENTER, rel, verdict, NULL);
  h_note = mc_form_page_text (page, 0, widths[3] - 2 * pad, PANGO_ALIGN_LEFT, rel, note, NULL);
  page->draw = draw;
  height = MAX (MAX (h_units, h_time + h_label + sign_gap + h_names), MAX (h_verdict, h_note)) + 2 * pad;

  mc_form_page_need (page, height);
  top = page->y;
  if (page->draw)
    {
      x = page->left;
      page->y = top + pad;
      mc_form_page_text (page, x + pad, widths[0] - 2 * pad, PANGO_ALIGN_LEFT, rel, units, NULL);
      x += widths[0];
      mc_form_page_text (page, x + pad, widths[1] - 2 * pad, PANGO_ALIGN_CENTER, rel, at_markup, NULL);
      page->y += h_time;
      mc_form_page_text (page, x + pad, half, PANGO_ALIGN_CENTER, rel, labels, NULL);
      mc_form_page_text (page, x + pad + half, half, PANGO_ALIGN_CENTER, rel, labels_r, NULL);
      page->y += h_label + sign_gap;
      mc_form_page_text (page, x + pad, half, PANGO_ALIGN_CENTER, rel, giver, NULL);
      mc_form_page_text (page, x + pad + half, half, PANGO_ALIGN_CENTER, rel, receiver, NULL);
      x += widths[1];
      page->y = top + pad;
      mc_form_page_text (page, x + pad, widths[2] - 2 * pad, PANGO_ALIGN_CENTER, rel, verdict, NULL);
      x += widths[2];
      mc_form_page_text (page, x + pad, widths[3] - 2 * pad, PANGO_ALIGN_LEFT, rel, note, NULL);

      x = page->left;
      for (guint i = 0; i < 4; i++)
        {
          cairo_rectangle (page->cr, x, top, widths[i], height);
          x += widths[i];
        }
      cairo_set_line_width (page->cr, 0.5);
      cairo_stroke (page->cr);
    }
  page->y = top + height;
}

static void
draw_control (McFormPage   *page,
              const McForm *form)
{
  const McDossier *d = form->dossier;
  g_autofree char *received = slip_time (d->received_at);
  g_autofree char *due = d->due_at != MC_TIME_NONE ? slip_time (d->due_at)
                                                   : g_strdup ("Không có ngày hẹn trả cụ thể theo quy định");
  g_autofree char *current_due = slip_time (d->current_due_at);
  g_autofree char *limit = mc_time_limit_describe (d->time_limit);
  const char *header_cells[4] = {
    "<b>TÊN CƠ QUAN</b>", "<b>THỜI GIAN GIAO, NHẬN HỒ SƠ</b>",
    "<b>KẾT QUẢ GIẢI QUYẾT HỒ SƠ</b>\n<i>(Trước hạn/ Đúng hạn/ Quá hạn)</i>", "<b>GHI CHÚ</b>"
  };
  double widths[4];
  TableHeader header = { header_cells, widths, 4 };
  guint n = form->handovers->len;
  guint blanks = 0;

  /* A slip that travels with the dossier: hand-overs still to come are written by hand
   * (with a result ready, only its return to the applicant). */
  if (d->status == MC_STATUS_RESULT_READY)
    blanks = 1;
  else if (!mc_status_is_finished (d->status) && !mc_status_is_closed (d->status))
    blanks = 2;

  heading (page, form, MC_TIME_NONE, FALSE);
  title (page, form);
  code_line (page, form);
  para (page, PANGO_ALIGN_LEFT, "Kèm theo hồ sơ của: <b>%s</b>", dots (d->applicant_name));
  request_line (page, form);
  para (page, PANGO_ALIGN_LEFT, "Cơ quan giải quyết: %s", agency_of (form));
  para (page, PANGO_ALIGN_LEFT, "Thời gian giải quyết theo quy định: %s", limit);
  para (page, PANGO_ALIGN_LEFT, "Thời gian nhận hồ sơ: %s", received);
  para (page, PANGO_ALIGN_LEFT, "Thời gian hẹn trả kết quả: <b>%s</b>", due);
  if (d->current_due_at != MC_TIME_NONE && d->current_due_at != d->due_at)
    para (page, PANGO_ALIGN_LEFT, "Hẹn trả sau thời gian tạm dừng: <b>%s</b>", current_due);
  page->y += page->size * 0.3;

  widths[0] = page->width * 0.26;
  widths[1] = page->width * 0.36;
  widths[2] = page->width * 0.18;
  widths[3] = page->width - widths[0] - widths[1] - widths[2];
  table_begin (page, &header);
  for (guint i = 0; i < n; i++)
    control_row (page, widths, i + 1, g_ptr_array_index ((GPtrArray *) form->handovers, i));
  for (guint i = 0; i < blanks; i++)
    control_row (page, widths, n + i + 1, NULL);
  table_end (page);
}

/* Laying out and drawing. */

static guint
layout (McForm  *form,
        cairo_t *cr,
        double   width_pt,
        double   height_pt,
        gboolean drawing,
        int      only_page,
        guint    n_pages)
{
  McFormPage page = { 0 };
  guint n;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  mc_form_page_begin (&page, cr, width_pt, height_pt, MC_FORM_FONT_SIZE, drawing, only_page);
  page.n_pages = n_pages;
  page.page_bottom = number_page;

  switch (form->kind)
    {
    case MC_FORM_SUPPLEMENT:
      draw_supplement (&page, form);
      break;
    case MC_FORM_REFUSAL:
      draw_refusal (&page, form);
      break;
    case MC_FORM_APOLOGY:
      draw_apology (&page, form);
      break;
    case MC_FORM_STOP:
      draw_stop (&page, form);
      break;
    case MC_FORM_CONTROL:
      draw_control (&page, form);
      break;
    default:
      g_assert_not_reached ();
    }
  n = mc_form_page_end (&page);
  cairo_restore (cr);
  return n;
}

guint
mc_form_count_pages (McForm  *form,
                     cairo_t *cr,
                     double   width_pt,
                     double   height_pt)
{
  g_return_val_if_fail (form != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  return layout (form, cr, width_pt, height_pt, FALSE, -1, 0);
}

void
mc_form_draw_page (McForm  *form,
                   cairo_t *cr,
                   double   width_pt,
                   double   height_pt,
                   guint    page_nr)
{
  guint n_pages;

  g_return_if_fail (form != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = layout (form, cr, width_pt, height_pt, FALSE, -1, 0);
  layout (form, cr, width_pt, height_pt, TRUE, (int) page_nr, n_pages);
}

void
mc_form_draw (McForm  *form,
              cairo_t *cr,
              double   width_pt,
              double   height_pt)
{
  guint n_pages;

  g_return_if_fail (form != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = layout (form, cr, width_pt, height_pt, FALSE, -1, 0);
  layout (form, cr, width_pt, height_pt, TRUE, -1, n_pages);
  cairo_show_page (cr);
}

static void
draw_all (cairo_t  *cr,
          double    width_pt,
          double    height_pt,
          gpointer  user_data)
{
  mc_form_draw (user_data, cr, width_pt, height_pt);
}

gboolean
mc_form_render_pdf (McForm      *form,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *title_text = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* "Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" in the document's properties. */
  lower = g_utf8_strdown (mc_form_kind_title (form->kind, form->dossier->received_at), -1);
  {
    g_autofree char *first = g_utf8_substring (lower, 0, 1);
    g_autofree char *first_up = g_utf8_strup (first, -1);

    title_text = g_strdup_printf ("Mẫu %s: %s%s", mc_form_kind_number (form->kind, form->dossier->received_at),
                                  first_up, g_utf8_offset_to_pointer (lower, 1));
  }
  return mc_form_write_pdf (path, MC_A4_SHORT_PT, MC_A4_LONG_PT, title_text, draw_all, form, error);
}
