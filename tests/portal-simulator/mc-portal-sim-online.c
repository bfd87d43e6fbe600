/* mc-portal-sim-online.c — online submissions for the desk's pull to find.
 *
 * A submission looks like what a citizen files on the provincial portal: a Vietnamese name
 * with its diacritics (NFC), a 12-digit citizen ID whose province and century digits follow
 * the real rules, a mobile number of a Vietnamese carrier, one of the office's procedures
 * with its mandatory documents as uploaded files and its fees, status 1 (Mới đăng ký) and
 * channel 2 (online). Everything comes from the caller's GRand, so a seed gives the same
 * submissions every run.
 */
#include <string.h>

#include "mc-portal-sim-online.h"

static const char *const family_names[] = {
  "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
  "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh",
};
static const char *const middle_male[] = {
  "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Trọng",
};
static const char *const middle_female[] = {
  "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bảo", "Mỹ", "Hồng", "Phương",
};
static const char *const given_male[] = {
  "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Lộc",
  "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Trung", "Khoa", "Nghĩa",
};
static const char *const given_female[] = {
  "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
  "Ngân", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Yến", "Xuân", "Oanh", "Tuyết",
};
/* Province codes of birth registration (Circular 07/2016/TT-BCA, Appendix 1). */
static const char *const provinces[] = {
  "001", "008", "022", "024", "027", "030", "031", "033", "034", "036", "037", "038",
  "040", "042", "046", "048", "051", "052", "056", "066", "068", "074", "075", "079",
  "080", "087", "089", "092", "096",
};
/* Mobile prefixes of Viettel, Vinaphone, MobiFone and Vietnamobile. */
static const char *const phone_prefixes[] = {
  "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078",
  "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093",
  "094", "096", "097", "098", "056", "058",
};
static const char *const hamlets[] = {
  "thôn Đông", "thôn Tây", "thôn Trung", "thôn 3", "xóm Mới", "tổ dân phố 5", "khu phố 2",
  "ấp Bình An", "bản Nà Lầu", "thôn Phú Mỹ",
};
static const char *const communes[] = {
  "xã Tân Lập", "xã Hòa Bình", "phường Quang Trung", "xã Đông Sơn", "phường Hưng Phú",
  "xã Thạch Hòa", "phường Bến Thành", "xã Yên Thế",
};

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

char *
mc_sim_online_code (const char *agency,
                    GDateTime  *submitted_at,
                    int         sequence)
{
  return g_strdup_printf ("%s-%02d%02d%02d-%04d", agency,
                          g_date_time_get_year (submitted_at) % 100,
                          g_date_time_get_month (submitted_at),
                          g_date_time_get_day_of_month (submitted_at), sequence);
}

static char *
digits (GRand *rand,
        int    count)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < count; i++)
    g_string_append_c (text, (char) ('0' + g_rand_int_range (rand, 0, 10)));
  return g_string_free (text, FALSE);
}

static char *
email_for (GRand      *rand,
           const char *given,
           const char *family)
{
  g_autoptr(GString) plain = g_string_new (given);
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;

  g_string_append (plain, family);
  /* g_str_to_ascii has no rule for đ/Đ */
  g_string_replace (plain, "Đ", "D", 0);
  g_string_replace (plain, "đ", "d", 0);
  ascii = g_str_to_ascii (plain->str, "C");
  lower = g_ascii_strdown (ascii, -1);
  return g_strdup_printf ("%s%d@gmail.com", lower, g_rand_int_range (rand, 1, 1000));
}

static cJSON *
uploaded_files (GRand       *rand,
                const cJSON *procedure)
{
  cJSON *list = cJSON_CreateArray ();
  const cJSON *document;

  cJSON_ArrayForEach (document, cJSON_GetObjectItemCaseSensitive (procedure, "ThanhPhanHoSo"))
    {
      const cJSON *code = cJSON_GetObjectItemCaseSensitive (document, "MaThanhPhanHoSo");
      const cJSON *name = cJSON_GetObjectItemCaseSensitive (document, "TenThanhPhanHoSo");
      g_autofree char *id = digits (rand, 9);
      g_autofree char *file_name = NULL;
      g_autofree char *url = NULL;
      cJSON *file;

      if (!cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (document, "BatBuoc")) ||
          !cJSON_IsString (code) || !cJSON_IsString (name))
        continue;
      file_name = g_strdup_printf ("%s.pdf", code->valuestring);
      url = g_strdup_printf ("https://dichvucong.example-province.gov.vn/files/%s/%s", id, file_name);
      file = cJSON_CreateObject ();
      cJSON_AddStringToObject (file, "TepDinhKemId", id);
      cJSON_AddStringToObject (file, "TenTepDinhKem", file_name);
      cJSON_AddStringToObject (file, "MaThanhPhanHoSo", code->valuestring);
      cJSON_AddStringToObject (file, "DuongDanTaiTepTin", url);
      cJSON_AddStringToObject (file, "IsDeleted", "False");
      cJSON_AddItemToArray (list, file);
    }
  return list;
}

static cJSON *
fees_of (const cJSON *procedure)
{
  cJSON *list = cJSON_CreateArray ();
  const cJSON *fee;

  cJSON_ArrayForEach (fee, cJSON_GetObjectItemCaseSensitive (procedure, "LePhi"))
    {
      const cJSON *code = cJSON_GetObjectItemCaseSensitive (fee, "MaPhiLePhi");
      const cJSON *name = cJSON_GetObjectItemCaseSensitive (fee, "TenPhiLePhi");
      const cJSON *price = cJSON_GetObjectItemCaseSensitive (fee, "Gia");
      cJSON *item;

      /* only fees with a known amount are charged online */
      if (!cJSON_IsString (price) || !cJSON_IsString (code) || !cJSON_IsString (name))
        continue;
      item = cJSON_CreateObject ();
      cJSON_AddStringToObject (item, "MaPhiLePhi", code->valuestring);
      cJSON_AddStringToObject (item, "TenPhiLePhi", name->valuestring);
      cJSON_AddStringToObject (item, "HinhThucThu", "2");   /* paid online */
      cJSON_AddStringToObject (item, "Gia", price->valuestring);
      cJSON_AddStringToObject (item, "LoaiPhiLePhi",
                               g_str_has_prefix (code->valuestring, "le-phi") ? "1" : "2");
      cJSON_AddItemToArray (list, item);
    }
  return list;
}

static const char *
text_of (const cJSON *object,
         const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsString (item) ? item->valuestring : "";
}

/* One submission of a random procedure of @catalogue (a LayDanhSachTTHC result list). */
cJSON *
mc_sim_online_submission (GRand       *rand,
                          const cJSON *catalogue,
                          const char  *code,
                          GDateTime   *submitted_at)
{
  const cJSON *procedure = cJSON_GetArrayItem (catalogue,
                                               g_rand_int_range (rand, 0, cJSON_GetArraySize (catalogue)));
  gboolean female = g_rand_boolean (rand);
  const char *family = PICK (rand, family_names);
  const char *middle = female ? PICK (rand, middle_female) : PICK (rand, middle_male);
  const char *given = female ? PICK (rand, given_female) : PICK (rand, given_male);
  int birth_year = g_rand_int_range (rand, 1950, 2006);
  g_autofree char *raw_name = g_strdup_printf ("%s %s %s", family, middle, given);
  g_autofree char *name = g_utf8_normalize (raw_name, -1, G_NORMALIZE_NFC);
  g_autofree char *serial = digits (rand, 6);
  g_autofree char *id = g_strdup_printf ("%s%d%02d%s", PICK (rand, provinces),
                                         (birth_year >= 2000 ? 2 : 0) + (female ? 1 : 0),
                                         birth_year % 100, serial);
  g_autofree char *line = digits (rand, 7);
  g_autofree char *phone = g_strdup_printf ("%s%s", PICK (rand, phone_prefixes), line);
  g_autofree char *email = g_rand_int_range (rand, 0, 3) == 0 ? email_for (rand, given, family)
                                                               : g_strdup ("");
  /* one draw per declaration: the order of a call's arguments is unspecified */
  int house = g_rand_int_range (rand, 1, 200);
  const char *hamlet = PICK (rand, hamlets);
  const char *commune = PICK (rand, communes);
  g_autofree char *address = g_strdup_printf ("Địa chỉ: số %d, %s, %s", house, hamlet, commune);
  g_autofree char *summary = g_strdup_printf ("%s – %s (nộp trực tuyến)", text_of (procedure, "TenTTHC"),
                                              name);
  g_autofree char *when = g_date_time_format (submitted_at, "%Y%m%d%H%M%S");
  cJSON *submission = cJSON_CreateObject ();

  cJSON_AddStringToObject (submission, "MaHoSo", code);
  cJSON_AddStringToObject (submission, "MaTTHC", text_of (procedure, "MaTTHC"));
  cJSON_AddStringToObject (submission, "TenTTHC", text_of (procedure, "TenTTHC"));
  cJSON_AddStringToObject (submission, "MaLinhVuc", text_of (procedure, "MaLinhVuc"));
  cJSON_AddStringToObject (submission, "TenLinhVuc", text_of (procedure, "TenLinhVuc"));
  cJSON_AddStringToObject (submission, "KenhThucHien", "2");
  cJSON_AddStringToObject (submission, "ChuHoSo", name);
  cJSON_AddStringToObject (submission, "LoaiDoiTuong", "1");
  cJSON_AddStringToObject (submission, "MaDoiTuong", id);
  cJSON_AddStringToObject (submission, "SoDienThoai", phone);
  cJSON_AddStringToObject (submission, "Email", email);
  cJSON_AddStringToObject (submission, "ThongTinKhac", address);
  cJSON_AddStringToObject (submission, "TrichYeuHoSo", summary);
  cJSON_AddStringToObject (submission, "NgayTiepNhan", when);
  cJSON_AddStringToObject (submission, "NgayHenTra", "");
  cJSON_AddStringToObject (submission, "TrangThaiHoSo", "1");
  cJSON_AddStringToObject (submission, "NgayKetThucXuLy", "");
  cJSON_AddStringToObject (submission, "NgayTra", "");
  cJSON_AddStringToObject (submission, "ThongTinTra", "");
  cJSON_AddStringToObject (submission, "HinhThuc", g_rand_int_range (rand, 0, 4) == 0 ? "1" : "0");
  cJSON_AddStringToObject (submission, "DonViXuLy", text_of (procedure, "CoQuanThucHien"));
  cJSON_AddStringToObject (submission, "GhiChu", "Nộp trực tuyến trên Cổng dịch vụ công");
  cJSON_AddItemToObject (submission, "TaiLieuNop", uploaded_files (rand, procedure));
  cJSON_AddItemToObject (submission, "DanhSachLePhi", fees_of (procedure));
  cJSON_AddItemToObject (submission, "DanhSachHoSoBoSung", cJSON_CreateArray ());
  cJSON_AddItemToObject (submission, "DanhSachGiayToKetQua", cJSON_CreateArray ());
  return submission;
}
