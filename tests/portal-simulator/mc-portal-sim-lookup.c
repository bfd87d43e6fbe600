/* mc-portal-sim-lookup.c — `GET /tra-cuu?ma=CODE`, the page a citizen sees after scanning
 * the slip's QR code.
 *
 * It shows what a provincial lookup page shows: the dossier's code, applicant, procedure,
 * status in words, the appointment and the progress so far, in Vietnamese. Every value comes
 * from what a desk sent, so every value is escaped; an unknown code gets a 404 page that
 * says so rather than an empty table.
 */
#include <string.h>

#include <cjson/cJSON.h>

#include "mc-portal-sim-lookup.h"
#include "mc-portal-sim-portal.h"

static const char *
text_of (const cJSON *object,
         const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsString (item) ? item->valuestring : "";
}

/* "20251124103000" → "24/11/2025 10:30"; "" → "—"; anything else is shown as it came. */
static char *
format_moment (const char *text)
{
  if (*text == '\0')
    return g_strdup ("—");
  if (strlen (text) != 14 || strspn (text, "0123456789") != 14)
    return g_strdup (text);
  return g_strdup_printf ("%.2s/%.2s/%.4s %.2s:%.2s", text + 6, text + 4, text, text + 8, text + 10);
}

static void
append_escaped (GString    *page,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *escaped = g_markup_escape_text (valid, -1);

  g_string_append (page, escaped);
}

static void
append_row (GString    *page,
            const char *label,
            const char *value)
{
  g_string_append_printf (page, "<tr><th scope=\"row\">%s</th><td>", label);
  append_escaped (page, value);
  g_string_append (page, "</td></tr>\n");
}

static char *
status_words (const char *code)
{
  const char *name = mc_sim_status_name (code);

  return name != NULL ? g_strdup (name) : g_strdup_printf ("Không rõ (mã %s)", code);
}

static void
page_start (GString    *page,
            const char *title)
{
  g_string_append (page,
                   "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  append_escaped (page, title);
  g_string_append (page,
                   "</title>\n<style>\n"
                   "body{font-family:sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#222}\n"
                   "h1{font-size:1.4rem;color:#a00}table{border-collapse:collapse;width:100%}\n"
                   "th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}\n"
                   "th{background:#f4f4f4}.status{font-weight:bold;color:#064}\n"
                   "footer{margin-top:2rem;font-size:.8rem;color:#666}\n"
                   "</style>\n</head>\n<body>\n"
                   "<header><p>Cổng dịch vụ công cấp tỉnh — Tra cứu hồ sơ</p></header>\n");
}

static void
page_end (GString *page)
{
  g_string_append (page,
                   "<footer>Trang tra cứu của cổng mô phỏng (motcua-portal-sim), dùng để thử nghiệm; "
                   "không phải Cổng dịch vụ công thật.</footer>\n</body>\n</html>\n");
}

/* The page for @code; @status gets the HTTP status (200, or 404 for an unknown code). */
char *
mc_sim_lookup_page (McSimStore *store,
                    const char *code,
                    guint      *status)
{
  GString *page = g_string_new (NULL);
  const McSimDossier *entry = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;
  g_autofree char *received = NULL;
  g_autofree char *due = NULL;
  g_autofree char *procedure = NULL;
  const cJSON *dossier;

  if (code != NULL && *code != '\0')
    {
      entry = mc_sim_store_lookup_dossier (store, code);
      if (entry == NULL)
        {
          /* a scanner may hand over the agency letters in lower case */
          g_autofree char *upper = g_ascii_strup (code, -1);

          entry = mc_sim_store_lookup_dossier (store, upper);
        }
    }

  if (entry == NULL)
    {
      *status = code != NULL && *code != '\0' ? 404 : 400;
      page_start (page, "Không tìm thấy hồ sơ");
      if (code != NULL && *code != '\0')
        {
          g_string_append (page, "<h1>Không tìm thấy hồ sơ ");
          append_escaped (page, code);
          g_string_append (page, "</h1>\n<p>Mã hồ sơ không có trên cổng. Vui lòng kiểm tra lại mã in "
                                 "trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</p>\n");
        }
      else
        g_string_append (page, "<h1>Không tìm thấy hồ sơ</h1>\n<p>Thiếu mã hồ sơ: hãy mở trang "
                               "với <code>?ma=MÃ_HỒ_SƠ</code>.</p>\n");
      page_end (page);
      return g_string_free (page, FALSE);
    }

  *status = 200;
  dossier = entry->dossier;
  title = g_strdup_printf ("Hồ sơ %s", entry->code);
  state = status_words (text_of (dossier, "TrangThaiHoSo"));
  received = format_moment (text_of (dossier, "NgayTiepNhan"));
  due = format_moment (text_of (dossier, "NgayHenTra"));
  procedure = *text_of (dossier, "TenTTHC") != '\0'
                ? g_strdup_printf ("%s (%s)", text_of (dossier, "TenTTHC"), text_of (dossier, "MaTTHC"))
                : g_strdup (text_of (dossier, "MaTTHC"));

  page_start (page, title);
  g_string_append (page, "<h1>Thông tin hồ sơ</h1>\n<table>\n");
  append_row (page, "Mã hồ sơ", entry->code);
  append_row (page, "Người nộp", text_of (dossier, "ChuHoSo"));
  append_row (page, "Thủ tục", procedure);
  g_string_append (page, "<tr><th scope=\"row\">Trạng thái</th><td class=\"status\">");
  append_escaped (page, state);
  g_string_append (page, "</td></tr>\n");
  append_row (page, "Ngày tiếp nhận", received);
  append_row (page, "Ngày hẹn trả", due);
  if (*text_of (dossier, "NgayTra") != '\0')
    {
      g_autofree char *returned = format_moment (text_of (dossier, "NgayTra"));

      append_row (page, "Ngày trả kết quả", returned);
    }
  if (*text_of (dossier, "DonViXuLy") != '\0')
    append_row (page, "Cơ quan giải quyết", text_of (dossier, "DonViXuLy"));
  g_string_append (page, "</table>\n<h2>Quá trình xử lý</h2>\n");

  steps = mc_sim_store_steps_of (store, entry->code);
  if (steps->len == 0)
    g_string_append (page, "<p>Chưa có bước xử lý nào được cập nhật.</p>\n");
  else
    {
      g_string_append (page, "<table>\n<tr><th>Thời điểm</th><th>Bộ phận</th><th>Người xử lý</th>"
                             "<th>Nội dung</th><th>Trạng thái</th></tr>\n");
      for (guint i = 0; i < steps->len; i++)
        {
          const McSimStep *step = g_ptr_array_index (steps, i);
          g_autofree char *when = format_moment (text_of (step->step, "ThoiDiemXuLy"));
          g_autofree char *after = status_words (text_of (step->step, "TrangThai"));

          g_string_append (page, "<tr><td>");
          append_escaped (page, when);
          g_string_append (page, "</td><td>");
          append_escaped (page, text_of (step->step, "PhongBanXuLy"));
          g_string_append (page, "</td><td>");
          append_escaped (page, text_of (step->step, "NguoiXuLy"));
          g_string_append (page, "</td><td>");
          append_escaped (page, text_of (step->step, "NoiDungXuLy"));
          g_string_append (page, "</td><td>");
          append_escaped (page, after);
          g_string_append (page, "</td></tr>\n");
        }
      g_string_append (page, "</table>\n");
    }
  page_end (page);
  return g_string_free (page, FALSE);
}
