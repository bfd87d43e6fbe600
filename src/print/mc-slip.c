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
#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "mc-catalogue.h"
#include "mc-deadline.h"
#include "mc-dossier-code.h"
#include "mc-i18n.h"
#include "mc-slip.h"
#include "mc-time.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

G_DEFINE_QUARK (mc-print-error-quark, mc_print_error)

#define MM_TO_PT(mm)     ((mm) * 72.0 / 25.4)
#define MARGIN_LEFT      MM_TO_PT (20.0)
#define MARGIN_RIGHT     MM_TO_PT (15.0)
#define MARGIN_TOP       MM_TO_PT (15.0)
#define MARGIN_BOTTOM    MM_TO_PT (15.0)
#define FONT_FAMILY      "Liberation Serif"
#define FONT_SIZE        13.0
#define FONT_SIZE_MIN    8.0
/* The QR symbol itself is 30 mm wide (the brief asks for at least 25 mm), and a quiet
 * zone of four modules surrounds it, as the QR standard requires for reliable scanning. */
#define QR_SYMBOL_PT     MM_TO_PT (30.0)
#define QR_QUIET_MODULES 4

static const char *copy_labels[MC_SLIP_N_COPIES] = {
  "Liên 1: Giao người nộp hồ sơ",
  "Liên 2: Lưu hồ sơ",
};

typedef struct
{
  cairo_t                *cr;
  gboolean                draw;       /* FALSE: only measure */
  double                  size;       /* body font size, pt */
  double                  left;
  double                  width;      /* of the text area */
  double                  y;
  guint                   max_rows;   /* documents listed before "… và N giấy tờ khác" */
  const McDossier        *dossier;
  const McOfficeSettings *settings;
  QRcode                 *qr;         /* NULL if the URL could not be encoded */
  const char             *url;
} Slip;

/* Lays out @markup in a box of @width at (@x, s->y) and returns its height; draws it only
 * when the flow is being drawn. @rel scales the body size. */
static double
slip_text (Slip           *s,
           double          x,
           double          width,
           PangoAlignment  align,
           double          rel,
           const char     *markup,
           double         *text_width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (s->cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);
  PangoRectangle logical;

  /* Absolute size: points are cairo's user units on a PDF surface, whatever the
   * resolution pangocairo assumes. */
  pango_font_description_set_absolute_size (desc, s->size * rel * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  if (text_width != NULL)
    *text_width = (double) logical.width / PANGO_SCALE;
  if (s->draw)
    {
      cairo_move_to (s->cr, x, s->y);
      pango_cairo_show_layout (s->cr, layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

/* A paragraph across the text area; the flow moves below it. */
static void
slip_para (Slip           *s,
           PangoAlignment  align,
           double          rel,
           const char     *markup)
{
  s->y += slip_text (s, s->left, s->width, align, rel, markup, NULL) + s->size * 0.2;
}

static void
slip_rule (Slip   *s,
           double  x1,
           double  x2,
           double  y)
{
  if (!s->draw)
    return;
  cairo_set_line_width (s->cr, 0.6);
  cairo_move_to (s->cr, x1, y);
  cairo_line_to (s->cr, x2, y);
  cairo_stroke (s->cr);
}

static void
slip_header (Slip  *s,
             guint  copy)
{
  const McOfficeSettings *settings = s->settings;
  double left_w = s->width * 0.42;
  double right_x = s->left + left_w;
  double right_w = s->width - left_w;
  g_autofree char *parent = g_utf8_strup (settings->parent_agency ? settings->parent_agency : "", -1);
  g_autofree char *office = g_utf8_strup (settings->office_name ? settings->office_name : "", -1);
  g_autofree char *left_markup = g_markup_printf_escaped ("%s\n<b>%s</b>", parent, office);
  g_autofree char *label = g_markup_printf_escaped ("<i>%s</i>", copy_labels[copy]);
  double top = s->y;
  double left_h, nation_h, motto_h, motto_w = 0.0;
  double office_rule_y, motto_rule_y;
  double cx_left = s->left + left_w / 2.0;
  double cx_right = right_x + right_w / 2.0;

  left_h = slip_text (s, s->left, left_w, PANGO_ALIGN_CENTER, 0.92, left_markup, NULL);
  nation_h = slip_text (s, right_x, right_w, PANGO_ALIGN_CENTER, 0.92,
                        "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", NULL);
  s->y = top + nation_h;
  motto_h = slip_text (s, right_x, right_w, PANGO_ALIGN_CENTER, 1.0,
                       "<b>Độc lập - Tự do - Hạnh phúc</b>", &motto_w);

  /* The short rules under the office's name and under the motto, as on every
   * administrative document. */
  office_rule_y = top + left_h + 2.0;
  motto_rule_y = top + nation_h + motto_h + 2.0;
  slip_rule (s, cx_left - left_w / 6.0, cx_left + left_w / 6.0, office_rule_y);
  slip_rule (s, cx_right - motto_w / 2.0, cx_right + motto_w / 2.0, motto_rule_y);
  s->y = MAX (office_rule_y, motto_rule_y) + s->size * 0.4;

  s->y += slip_text (s, right_x, right_w, PANGO_ALIGN_CENTER, 0.92, label, NULL);
  s->y += s->size * 0.6;
}

static const char *
or_dots (const char *value)
{
  return value != NULL && *value != '\0' ? value : "……………………";
}

/* One row of the documents table; returns its height. Cells are laid out twice when
 * drawing (once to know the row's height, once to draw) so that borders enclose the
 * tallest cell. */
static double
slip_table_row (Slip        *s,
                const char **cells,
                const double *widths,
                const PangoAlignment *aligns,
                guint        n_cells)
{
  const double pad = 2.5;
  gboolean draw = s->draw;
  double height = 0.0;
  double x;

  s->draw = FALSE;
  for (guint i = 0; i < n_cells; i++)
    height = MAX (height, slip_text (s, 0, widths[i] - 2 * pad, aligns[i], 0.92, cells[i], NULL));
  height += 2 * pad;
  s->draw = draw;

  x = s->left;
  if (s->draw)
    {
      double top = s->y;

      s->y = top + pad;
      for (guint i = 0; i < n_cells; i++)
        {
          slip_text (s, x + pad, widths[i] - 2 * pad, aligns[i], 0.92, cells[i], NULL);
          cairo_rectangle (s->cr, x, top, widths[i], height);
          x += widths[i];
        }
      cairo_set_line_width (s->cr, 0.5);
      cairo_stroke (s->cr);
      s->y = top;
    }
  s->y += height;
  return height;
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

  widths[0] = s->size * 2.8;
  widths[2] = s->size * 9.5;
  widths[3] = s->size * 4.8;
  widths[1] = s->width - widths[0] - widths[2] - widths[3];

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
      double all[1] = { s->width };
      const char *cells[1] = { more };
      const PangoAlignment left[1] = { PANGO_ALIGN_LEFT };

      slip_table_row (s, cells, all, left, 1);
    }
  if (n == 0)
    slip_para (s, PANGO_ALIGN_LEFT, 0.92, "<i>(Không có giấy tờ)</i>");
  s->y += s->size * 0.3;
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
  s->y += s->size * 0.4;
}

static void
slip_signatures (Slip *s)
{
  double half = s->width / 2.0;
  double top = s->y;
  g_autofree char *applicant = g_markup_printf_escaped ("<b>%s</b>", or_dots (s->dossier->applicant_name));
  g_autofree char *clerk = g_markup_printf_escaped ("<b>%s</b>", or_dots (s->dossier->clerk));
  const char *title[2] = {
    "<b>NGƯỜI NỘP HỒ SƠ</b>\n<i>(Ký và ghi rõ họ tên)</i>",
    "<b>NGƯỜI TIẾP NHẬN HỒ SƠ</b>\n<i>(Ký và ghi rõ họ tên)</i>",
  };
  const char *name[2] = { applicant, clerk };
  double bottom = top;

  for (guint i = 0; i < 2; i++)
    {
      double x = s->left + i * half;

      s->y = top;
      s->y += slip_text (s, x, half, PANGO_ALIGN_CENTER, 1.0, title[i], NULL);
      /* Room for a handwritten signature. */
      s->y += s->size * 4.0;
      s->y += slip_text (s, x, half, PANGO_ALIGN_CENTER, 1.0, name[i], NULL);
      bottom = MAX (bottom, s->y);
    }
  s->y = bottom + s->size * 0.8;
}

static void
slip_qr (Slip *s)
{
  double module, side, x = s->left, top = s->y;
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
  if (s->draw)
    {
      double origin = QR_QUIET_MODULES * module;

      /* Modules are filled as exact rectangles without antialiasing: grey seams between
       * neighbours would make the code harder to read. */
      cairo_save (s->cr);
      cairo_set_antialias (s->cr, CAIRO_ANTIALIAS_NONE);
      for (int row = 0; row < s->qr->width; row++)
        for (int col = 0; col < s->qr->width; col++)
          if (s->qr->data[row * s->qr->width + col] & 1)
            cairo_rectangle (s->cr, x + origin + col * module, top + origin + row * module,
                             module, module);
      cairo_fill (s->cr);
      cairo_restore (s->cr);
    }

  text_x = x + side + s->size * 0.5;
  text_w = s->left + s->width - text_x;
  s->y = top + side / 2.0 - s->size;
  slip_text (s, text_x, text_w, PANGO_ALIGN_LEFT, 0.85, caption, NULL);
  s->y = top + side;
}

static void
slip_flow (Slip  *s,
           guint  copy)
{
  g_autofree char *title_code = g_markup_printf_escaped ("Mã hồ sơ: <b>%s</b>", or_dots (s->dossier->code));

  s->y = MARGIN_TOP;
  slip_header (s, copy);
  slip_para (s, PANGO_ALIGN_CENTER, 1.1, "<b>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</b>");
  slip_para (s, PANGO_ALIGN_CENTER, 1.0, title_code);
  s->y += s->size * 0.4;
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
  Slip s = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (dossier != NULL);
  g_return_if_fail (settings != NULL);
  g_return_if_fail (copy < MC_SLIP_N_COPIES);

  url = slip_lookup_url (dossier, settings);
  if (url != NULL)
    qr = slip_encode_qr (url);
  n_docs = dossier->documents != NULL ? dossier->documents->len : 0;

  s.cr = cr;
  s.dossier = dossier;
  s.settings = settings;
  s.qr = qr;
  s.url = url;
  s.left = MARGIN_LEFT;
  s.width = width_pt - MARGIN_LEFT - MARGIN_RIGHT;
  s.max_rows = n_docs;

  /* Shrink, then cut the list, until the flow fits above the bottom margin. */
  for (s.size = FONT_SIZE; ; )
    {
      s.draw = FALSE;
      slip_flow (&s, copy);
      if (s.y <= height_pt - MARGIN_BOTTOM)
        break;
      if (s.size > FONT_SIZE_MIN)
        s.size -= 0.5;
      else if (s.max_rows > 1)
        s.max_rows--;
      else
        break;
    }

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  s.draw = TRUE;
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

gboolean
mc_slip_render_pdf (const McDossier        *dossier,
                    const McOfficeSettings *settings,
                    const char             *path,
                    GError                **error)
{
  g_autofree char *url = NULL;
  g_autoptr(QRcode) qr = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

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

  surface = cairo_pdf_surface_create (path, MC_SLIP_PAGE_WIDTH, MC_SLIP_PAGE_HEIGHT);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE,
                   _("Cannot create the PDF file “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  "Giấy tiếp nhận hồ sơ và hẹn trả kết quả");

  cr = cairo_create (surface);
  mc_slip_draw (cr, MC_SLIP_PAGE_WIDTH, MC_SLIP_PAGE_HEIGHT, dossier, settings);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FILE,
                   _("Cannot write the PDF file “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
