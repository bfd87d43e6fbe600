/* mc-slip.c — draws form 01, the receipt-and-appointment slip, as an administrative
 * document: agency and national motto at the top, the title, the dossier's fields, the
 * received documents as a numbered table, the appointment, the signature blocks and the QR
 * code of the lookup URL that the applicant scans to follow the dossier.
 *
 * The page is laid out as one vertical flow measured before it is drawn. When a long
 * document list would push the flow past the bottom margin, the whole text shrinks by half
 * a point at a time down to 8 pt; if it still does not fit, the table keeps its first rows
 * and ends with "… và N giấy tờ khác" (the full list stays in the file and on screen). The
 * QR code never shrinks, so that a phone can always read it.
 */
#include <qrencode.h>

#include "mc-catalogue.h"
#include "mc-deadline.h"
#include "mc-dossier-code.h"
#include "mc-form-page.h"
#include "mc-i18n.h"
#include "mc-slip.h"
#include "mc-time.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

#define FONT_SIZE        MC_FORM_FONT_SIZE
#define FONT_SIZE_MIN    8.0
/* The QR symbol itself is 30 mm wide (the brief asks for at least 25 mm), and a quiet
 * zone of four modules surrounds it, as the QR standard requires for reliable scanning. */
#define QR_SYMBOL_PT     MC_MM_TO_PT (30.0)
#define QR_QUIET_MODULES 4

static const char *copy_labels[MC_SLIP_N_COPIES] = {
  "Liên 1: Giao người nộp hồ sơ",
  "Liên 2: Lưu hồ sơ",
};

typedef struct
{
  McFormPage              page;       /* the flow: cairo context, size, text area, y */
  guint                   max_rows;   /* documents listed before "… và N giấy tờ khác" */
  const McDossier        *dossier;
  const McOfficeSettings *settings;
  QRcode                 *qr;         /* NULL if the URL could not be encoded */
  const char             *url;
} Slip;

static double
slip_text (Slip           *s,
           double          x,
           double          width,
           PangoAlignment  align,
           double          rel,
           const char     *markup,
           double         *text_width)
{
  return mc_form_page_text (&s->page, x, width, align, rel, markup, text_width);
}

static void
slip_para (Slip           *s,
           PangoAlignment  align,
           double          rel,
           const char     *markup)
{
  mc_form_page_para (&s->page, align, rel, markup);
}

static void
slip_header (Slip  *s,
             guint  copy)
{
  g_autofree char *label = g_markup_printf_escaped ("<i>%s</i>", copy_labels[copy]);

  mc_form_page_header (&s->page, s->settings, NULL, label);
}

static const char *
or_dots (const char *value)
{
  return mc_form_or_dots (value);
}

static double
slip_table_row (Slip                 *s,
                const char          **cells,
                const double         *widths,
                const PangoAlignment *aligns,
                guint                 n_cells)
{
  return mc_form_page_table_row (&s->page, (const char * const *) cells, widths, aligns, n_cells);
}

static void
slip_documents (Slip *s)
{
  const GPtrArray *documents = s->dossier->documents;
  guint n = documents != NULL ? documents->len : 0;
  guint shown = MIN (n, s->max_rows);
  double widths[4];
  const PangoAlignment aligns[4] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER
  };
  const PangoAlignment header_aligns[4] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER
  };
  const char *header[4] = {
    "<b>STT</b>", "<b>Tên giấy tờ</b>", "<b>Hình thức</b>\n<i>(bản chính, bản sao)</i>",
    "<b>Số lượng</b>"
  };

  widths[0] = s->page.size * 2.8;
  widths[2] = s->page.size * 9.5;
  widths[3] = s->page.size * 4.8;
  widths[1] = s->page.width - widths[0] - widths[2] - widths[3];

  slip_table_row (s, header, widths, header_aligns, 4);
  for (guint i = 0; i < shown; i++)
    {
      const McReceivedDocument *doc = g_ptr_array_index ((GPtrArray *) documents, i);
      const char *name = doc->name != NULL ? doc->name : doc->code;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *name_markup = g_markup_printf_escaped ("%s", or_dots (name));
      g_autofree char *form = g_markup_printf_escaped ("%s", mc_document_form_describe (doc->form));
      /* A document shown for comparison and handed back is received in no copy. */
      g_autofree char *copies = doc->copies > 0 ? g_strdup_printf ("%d", doc->copies)
                                                : g_strdup ("Xuất trình");
      const char *cells[4] = { number, name_markup, form, copies };

      slip_table_row (s, cells, widths, aligns, 4);
    }
  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf ("<i>… và %u giấy tờ khác (danh sách đầy đủ lưu tại hồ sơ)</i>",
                                               n - shown);
      double all[1] = { s->page.width };
      const char *cells[1] = { more };
      const PangoAlignment left[1] = { PANGO_ALIGN_LEFT };

      slip_table_row (s, cells, all, left, 1);
    }
  if (n == 0)
    slip_para (s, PANGO_ALIGN_LEFT, 0.92, "<i>(Không có giấy tờ)</i>");
  s->page.y += s->page.size * 0.3;
}

static void
slip_fields (Slip *s)
{
  const McDossier *d = s->dossier;
  const char *office = or_dots (s->settings->office_name);
  const char *id_label = d->applicant_kind == MC_APPLICANT_ORGANISATION
                         ? "Mã số thuế" : "Số định danh cá nhân";
  g_autofree char *limit = mc_time_limit_describe (d->time_limit);
  g_autofree char *received = mc_time_format_slip (d->received_at);
  g_autofree char *due = d->due_at != MC_TIME_NONE
                         ? mc_time_format_slip (d->due_at)
                         : g_strdup ("Không có ngày hẹn trả cụ thể theo quy định");
  g_autofree char *line = NULL;
  /* Once the applicant has delivered a supplement, the slip given back carries the appointment
   * that follows from the stopped clock, and the first one for reference. While the dossier
   * waits, the slip keeps the first: the new one is not known yet. */
  gboolean rescheduled = d->due_at != MC_TIME_NONE && d->current_due_at != MC_TIME_NONE &&
                         d->current_due_at != d->due_at && !mc_status_is_paused (d->status);

#define PARA(...) G_STMT_START {                                   \
    g_free (line);                                                  \
    line = g_markup_printf_escaped (__VA_ARGS__);                   \
    slip_para (s, PANGO_ALIGN_LEFT, 1.0, line);                     \
  } G_STMT_END

  PARA ("<b>%s</b> tiếp nhận hồ sơ của:", office);
  PARA ("Ông/Bà (tổ chức): <b>%s</b>", or_dots (d->applicant_name));
  PARA ("%s: %s", id_label, or_dots (d->id_number));
  PARA ("Địa chỉ: %s", or_dots (d->address));
  PARA ("Số điện thoại: %s        Email: %s", or_dots (d->phone), or_dots (d->email));
  PARA ("Hình thức nộp hồ sơ: %s", mc_channel_describe (d->channel));
  PARA ("Nội dung yêu cầu giải quyết: <b>%s</b> (mã thủ tục: %s)",
        or_dots (d->procedure_name), or_dots (d->procedure_code));
  PARA ("1. Thành phần hồ sơ nộp gồm:");
  slip_documents (s);
  PARA ("2. Số lượng hồ sơ: %d (bộ)", d->sets);
  PARA ("3. Thời gian giải quyết hồ sơ theo quy định: %s", limit);
  PARA ("4. Thời gian nhận hồ sơ: %s", received);
  if (rescheduled)
    {
      g_autofree char *current = mc_time_format_slip (d->current_due_at);

      PARA ("5. Thời gian trả kết quả giải quyết hồ sơ: <b>%s</b> (hẹn lại sau khi nhận hồ sơ bổ sung; "
            "hẹn ban đầu: %s)", current, due);
    }
  else
    PARA ("5. Thời gian trả kết quả giải quyết hồ sơ: <b>%s</b>", due);
  /* Offices are often named after their one-stop desk already ("Bộ phận Một cửa UBND xã
   * …"): do not say it twice. */
  if (g_str_has_prefix (office, "Bộ phận") || g_str_has_prefix (office, "Trung tâm"))
    PARA ("6. Nơi nhận kết quả: Tại %s", office);
  else
    PARA ("6. Nơi nhận kết quả: Tại Bộ phận Một cửa %s", office);
  PARA ("<i>Khi đến nhận kết quả, người nộp hồ sơ mang theo Giấy tiếp nhận hồ sơ và hẹn trả "
        "kết quả này; trường hợp nhận thay phải có giấy ủy quyền theo quy định của pháp luật.</i>");
  PARA ("Vào Sổ theo dõi hồ sơ, Quyển số: …………, Số thứ tự: …………");

#undef PARA
  s->page.y += s->page.size * 0.4;
}

static void
slip_signatures (Slip *s)
{
  g_autofree char *applicant = g_markup_printf_escaped ("<b>%s</b>", or_dots (s->dossier->applicant_name));
  g_autofree char *clerk = g_markup_printf_escaped ("<b>%s</b>", or_dots (s->dossier->clerk));
  const McFormSignature columns[2] = {
    { "<b>NGƯỜI NỘP HỒ SƠ</b>\n<i>(Ký và ghi rõ họ tên)</i>", applicant },
    { "<b>NGƯỜI TIẾP NHẬN HỒ SƠ</b>\n<i>(Ký và ghi rõ họ tên)</i>", clerk },
  };

  mc_form_page_signatures (&s->page, columns, G_N_ELEMENTS (columns));
}

static void
slip_qr (Slip *s)
{
  McFormPage *page = &s->page;
  double module, side, x = page->left, top = page->y;
  double text_x, text_w;
  g_autofree char *url = g_markup_printf_escaped ("%s", s->url != NULL ? s->url : "");
  g_autofree char *caption = g_strdup_printf ("<b>Quét mã để tra cứu tình trạng hồ sơ</b>\n"
                                              "<span size=\"small\">%s</span>", url);

  if (s->qr == NULL)
    {
      slip_para (s, PANGO_ALIGN_LEFT, 0.85, caption);
      return;
    }

  module = QR_SYMBOL_PT / s->qr->width;
  side = (s->qr->width + 2 * QR_QUIET_MODULES) * module;
  if (page->draw)
    {
      double origin = QR_QUIET_MODULES * module;

      /* Modules are filled as exact rectangles without antialiasing: grey seams between
       * neighbours would make the code harder to read. */
      cairo_save (page->cr);
      cairo_set_antialias (page->cr, CAIRO_ANTIALIAS_NONE);
      for (int row = 0; row < s->qr->width; row++)
        for (int col = 0; col < s->qr->width; col++)
          if (s->qr->data[row * s->qr->width + col] & 1)
            cairo_rectangle (page->cr, x + origin + col * module, top + origin + row * module,
                             module, module);
      cairo_fill (page->cr);
      cairo_restore (page->cr);
    }

  text_x = x + side + page->size * 0.5;
  text_w = page->left + page->width - text_x;
  page->y = top + side / 2.0 - page->size;
  slip_text (s, text_x, text_w, PANGO_ALIGN_LEFT, 0.85, caption, NULL);
  page->y = top + side;
}

static void
slip_flow (Slip  *s,
           guint  copy)
{
  g_autofree char *title_code = g_markup_printf_escaped ("Mã hồ sơ: <b>%s</b>", or_dots (s->dossier->code));

  s->page.y = s->page.top;
  slip_header (s, copy);
  slip_para (s, PANGO_ALIGN_CENTER, 1.1, "<b>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</b>");
  slip_para (s, PANGO_ALIGN_CENTER, 1.0, title_code);
  s->page.y += s->page.size * 0.4;
  slip_fields (s);
  slip_signatures (s);
  slip_qr (s);
}

static QRcode *
slip_encode_qr (const char *url)
{
  /* Level M survives a smudged or folded slip; 8-bit mode keeps the URL byte for byte. */
  return QRcode_encodeString (url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

static char *
slip_lookup_url (const McDossier        *dossier,
                 const McOfficeSettings *settings)
{
  if (settings->lookup_url_template == NULL || dossier->code == NULL)
    return NULL;
  return mc_lookup_url_build (settings->lookup_url_template, dossier->code, dossier->id_number);
}

/* A slip on A5 (counters whose printers take half sheets) keeps the proportions of the A4
 * layout: the margins shrink with the page width, never below the 10 mm printers reach, so
 * the documents table keeps its rows instead of giving them up to margins meant for a page
 * half again as wide. The QR code keeps its 30 mm. */
static void
slip_fit_margins (McFormPage *page)
{
  double scale = page->page_width / MC_A4_SHORT_PT;
  double floor_pt = MC_MM_TO_PT (10.0);
  double left, right, top, bottom;

  if (scale >= 1.0)
    return;
  left = MAX (page->left * scale, floor_pt);
  right = MAX ((page->page_width - page->left - page->width) * scale, floor_pt);
  top = MAX (page->top * scale, floor_pt);
  bottom = MAX ((page->page_height - page->bottom) * scale, floor_pt);
  page->left = left;
  page->width = page->page_width - left - right;
  page->top = top;
  page->bottom = page->page_height - bottom;
  page->y = page->top;
}

/* The body size to start from: 13 pt on A4, a little less on a smaller sheet (11 pt on A5),
 * so a short slip on A5 looks like the A4 one made smaller rather than crowded. */
static double
slip_start_size (double width_pt)
{
  double scale = CLAMP (width_pt / MC_A4_SHORT_PT, 0.85, 1.0);

  return MAX (FONT_SIZE * scale, FONT_SIZE_MIN);
}

void
mc_slip_draw_copy (cairo_t                *cr,
                   double                  width_pt,
                   double                  height_pt,
                   const McDossier        *dossier,
                   const McOfficeSettings *settings,
                   guint                   copy)
{
  g_autofree char *url = NULL;
  g_autoptr(QRcode) qr = NULL;
  guint n_docs;
  double size;
  Slip s = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (dossier != NULL);
  g_return_if_fail (settings != NULL);
  g_return_if_fail (copy < MC_SLIP_N_COPIES);

  url = slip_lookup_url (dossier, settings);
  if (url != NULL)
    qr = slip_encode_qr (url);
  n_docs = dossier->documents != NULL ? dossier->documents->len : 0;

  s.dossier = dossier;
  s.settings = settings;
  s.qr = qr;
  s.url = url;
  s.max_rows = n_docs;

  /* Shrink, then cut the list, until the flow fits above the bottom margin. */
  for (size = slip_start_size (width_pt); ; )
    {
      mc_form_page_begin (&s.page, cr, width_pt, height_pt, size, FALSE, -1);
      slip_fit_margins (&s.page);
      slip_flow (&s, copy);
      if (s.page.y <= s.page.bottom)
        break;
      if (size > FONT_SIZE_MIN)
        size -= 0.5;
      else if (s.max_rows > 1)
        s.max_rows--;
      else
        break;
    }

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  mc_form_page_begin (&s.page, cr, width_pt, height_pt, size, TRUE, -1);
  slip_fit_margins (&s.page);
  slip_flow (&s, copy);
  cairo_restore (cr);
}

void
mc_slip_draw (cairo_t                *cr,
              double                  width_pt,
              double                  height_pt,
              const McDossier        *dossier,
              const McOfficeSettings *settings)
{
  for (guint copy = 0; copy < MC_SLIP_N_COPIES; copy++)
    {
      mc_slip_draw_copy (cr, width_pt, height_pt, dossier, settings, copy);
      cairo_show_page (cr);
    }
}

static void
slip_draw_all (cairo_t  *cr,
               double    width_pt,
               double    height_pt,
               gpointer  user_data)
{
  const McDossier *dossier = ((gconstpointer *) user_data)[0];
  const McOfficeSettings *settings = ((gconstpointer *) user_data)[1];

  mc_slip_draw (cr, width_pt, height_pt, dossier, settings);
}

gboolean
mc_slip_render_pdf (const McDossier        *dossier,
                    const McOfficeSettings *settings,
                    const char             *path,
                    GError                **error)
{
  g_autofree char *url = NULL;
  g_autoptr(QRcode) qr = NULL;
  gconstpointer data[2] = { dossier, settings };

  g_return_val_if_fail (dossier != NULL, FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A slip without its QR code would send the applicant to the counter to ask: refuse
   * rather than print it. */
  url = slip_lookup_url (dossier, settings);
  if (url == NULL || (qr = slip_encode_qr (url)) == NULL)
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_QR,
                   _("Cannot encode the lookup address “%s” as a QR code"),
                   url != NULL ? url : "");
      return FALSE;
    }

  return mc_form_write_pdf (path, MC_SLIP_PAGE_WIDTH, MC_SLIP_PAGE_HEIGHT,
                            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", slip_draw_all, data, error);
}
