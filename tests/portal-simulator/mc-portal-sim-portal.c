/* mc-portal-sim-portal.c — the portal side of the contract, kept strictly.
 *
 * The simulator exists to catch a desk that drifts from ../shared/docs/portal-api.md, so it
 * is an independent reading of that file (it links nothing of the desk) and refuses what a
 * strict gateway refuses: a record with a missing required field (400) or a malformed one
 * (422: wrong format, too long, out of range, a number not sent as a string), each message in
 * Vietnamese and naming the field; a batch over 100 (413); a call without a known session
 * (401) or with another office's dstcode (403). Codes 3 and 4 are the contract's "exists" and
 * "does not exist". Everything accepted is handed to the store, which journals it before the
 * answer leaves. Sessions are kept in sessions.json, as a gateway keeps them in its database:
 * a desk's session outlives a restart of the simulator until its time is up.
 */
#include <stdio.h>
#include <string.h>

#include "mc-portal-sim-online.h"
#include "mc-portal-sim-portal.h"

#define BATCH_MAX_DOSSIERS 100
/* The contract sets no limit for steps; a bound keeps one call's memory in check. */
#define BATCH_MAX_STEPS 1000
#define PULL_MAX 1000
#define SUMMARY_MAX_CHARS 1000
#define OFFICER_MAX_CHARS 50
#define DEFAULT_AGENCY "000.00.16.H04"
/* Online submissions take sequence numbers from here on, far from a desk's daily block. */
#define ONLINE_SEQUENCE_FIRST 9001
#define ONLINE_SPREAD_DAYS 7

/* Error codes of the answers. */
enum
{
  CODE_OK = 0,
  CODE_LOGIN_REFUSED = 1,
  CODE_EXISTS = 3,
  CODE_MISSING = 4,
  CODE_BAD_REQUEST = 400,
  CODE_SESSION = 401,
  CODE_AGENCY = 403,
  CODE_NOT_FOUND = 404,
  CODE_TOO_MANY = 413,
  CODE_MALFORMED = 422,
};

struct _McSimPortal
{
  char        *username;
  char        *password;
  char        *dstcode;       /* NULL: any */
  char        *agency;        /* the office of the online submissions */
  gint64       session_ttl_us;
  int          online;
  McSimStore  *store;         /* borrowed */
  cJSON       *catalogue;     /* owned: the LayDanhSachTTHC result list */
  GHashTable  *sessions;      /* token → expiry (Unix µs, in a gint64 *) */
  char        *sessions_path;
  GRand       *online_rand;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* The status table of the contract. */
static const char *const status_names[] = {
  "Mới đăng ký",
  "Được tiếp nhận",
  "Không được tiếp nhận",
  "Đang xử lý",
  "Yêu cầu bổ sung giấy tờ",
  "Yêu cầu thực hiện nghĩa vụ tài chính",
  "Công dân yêu cầu rút hồ sơ",
  "Dừng xử lý",
  "Đã xử lý xong",
  "Đã trả kết quả",
};

const char *
mc_sim_status_name (const char *code)
{
  gint64 value = 0;

  if (code == NULL || !g_ascii_string_to_signed (code, 10, 1, G_N_ELEMENTS (status_names), &value, NULL))
    return NULL;
  return status_names[value - 1];
}

/* Portal dates are local time of Việt Nam, whatever the machine's TZ says. */
GTimeZone *
mc_sim_portal_time_zone (void)
{
  return g_time_zone_new_offset (7 * 3600);
}

cJSON *
mc_sim_portal_answer (int         error_code,
                      const char *message)
{
  cJSON *answer = cJSON_CreateObject ();

  cJSON_AddNumberToObject (answer, "error_code", error_code);
  cJSON_AddStringToObject (answer, "message", message);
  return answer;
}

static cJSON *
answer_printf (int         error_code,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static cJSON *
answer_printf (int         error_code,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return mc_sim_portal_answer (error_code, message);
}

/* ---- field checks ---- */

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,      /* yyyyMMddHHmmss or "" */
  FIELD_NUMBER,    /* a whole number sent as a string, within [min, max] */
  FIELD_LIST,      /* a list of objects */
} FieldKind;

typedef struct
{
  const char *name;
  FieldKind   kind;
  gboolean    required;
  int         min;
  int         max;          /* FIELD_NUMBER: largest value; FIELD_TEXT: most characters (0: any) */
  const char *meaning;      /* FIELD_NUMBER: what the values mean, for the message */
} FieldSpec;

static const FieldSpec dossier_fields[] = {
  { "MaHoSo",               FIELD_TEXT,   TRUE },
  { "MaTTHC",               FIELD_TEXT,   TRUE },
  { "TenTTHC",              FIELD_TEXT },
  { "MaLinhVuc",            FIELD_TEXT },
  { "TenLinhVuc",           FIELD_TEXT },
  { "KenhThucHien",         FIELD_NUMBER, TRUE, 1, 3,
    "1 (tại bộ phận một cửa), 2 (trực tuyến) hoặc 3 (qua bưu chính công ích)" },
  { "ChuHoSo",              FIELD_TEXT,   TRUE },
  { "LoaiDoiTuong",         FIELD_NUMBER, TRUE, 1, 2, "1 (công dân) hoặc 2 (doanh nghiệp, tổ chức)" },
  { "MaDoiTuong",           FIELD_TEXT },
  { "SoDienThoai",          FIELD_TEXT },
  { "Email",                FIELD_TEXT },
  { "ThongTinKhac",         FIELD_TEXT },
  { "TrichYeuHoSo",         FIELD_TEXT,   FALSE, 0, SUMMARY_MAX_CHARS },
  { "NgayTiepNhan",         FIELD_DATE,   TRUE },
  { "NgayHenTra",           FIELD_DATE },
  { "TrangThaiHoSo",        FIELD_NUMBER, TRUE, 1, 10, "mã trạng thái từ 1 đến 10" },
  { "NgayKetThucXuLy",      FIELD_DATE },
  { "NgayTra",              FIELD_DATE },
  { "ThongTinTra",          FIELD_TEXT },
  { "HinhThuc",             FIELD_NUMBER, FALSE, 0, 1, "0 (trả tại bộ phận một cửa) hoặc 1 (qua bưu chính)" },
  { "DonViXuLy",            FIELD_TEXT },
  { "GhiChu",               FIELD_TEXT },
  { "TaiLieuNop",           FIELD_LIST },
  { "DanhSachLePhi",        FIELD_LIST },
  { "DanhSachHoSoBoSung",   FIELD_LIST },
  { "DanhSachGiayToKetQua", FIELD_LIST },
};

static const FieldSpec step_fields[] = {
  { "MaHoSo",                 FIELD_TEXT,   TRUE },
  { "NguoiXuLy",              FIELD_TEXT,   FALSE, 0, OFFICER_MAX_CHARS },
  { "ChucDanh",               FIELD_TEXT },
  { "ThoiDiemXuLy",           FIELD_DATE,   TRUE },
  { "PhongBanXuLy",           FIELD_TEXT },
  { "NoiDungXuLy",            FIELD_TEXT },
  { "TrangThai",              FIELD_NUMBER, TRUE, 1, 10, "mã trạng thái từ 1 đến 10" },
  { "NgayBatDau",             FIELD_DATE },
  { "NgayKetThucTheoQuyDinh", FIELD_DATE },
};

/* Dates inside the lists, which the same rule covers. */
static const char *const nested_dates[] = {
  "NgayBoSung", "NgayTiepNhanBoSung", "NgayHenTraTruoc", "NgayHenTraMoi",
};

static gboolean
date_is_valid (const char *text)
{
  int year, month, day, hour, minute, second;

  if (strlen (text) != 14)
    return FALSE;
  for (int i = 0; i < 14; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4d%2d%2d%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return FALSE;
  return year >= 1900 && year <= 2199 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) &&
         hour < 24 && minute < 60 && second < 60;
}

static char *
check_date (const char *place,
            const char *text)
{
  if (*text == '\0' || date_is_valid (text))
    return NULL;
  return g_strdup_printf ("Trường %s “%s” sai định dạng: ngày giờ phải gồm đúng 14 chữ số "
                          "yyyyMMddHHmmss hoặc để trống", place, text);
}

/* The values inside a list item: strings (numbers as strings), or true/false. */
static char *
check_list (const FieldSpec *spec,
            const cJSON     *list,
            int             *code)
{
  const cJSON *item;
  int index = 0;

  *code = CODE_MALFORMED;
  if (!cJSON_IsArray (list))
    return g_strdup_printf ("Trường %s phải là một danh sách", spec->name);
  cJSON_ArrayForEach (item, list)
    {
      const cJSON *value;

      if (!cJSON_IsObject (item))
        return g_strdup_printf ("Trường %s[%d] phải là một đối tượng", spec->name, index);
      cJSON_ArrayForEach (value, item)
        {
          g_autofree char *place = g_strdup_printf ("%s[%d].%s", spec->name, index, value->string);

          if (cJSON_IsString (value))
            {
              for (gsize i = 0; i < G_N_ELEMENTS (nested_dates); i++)
                if (strcmp (value->string, nested_dates[i]) == 0)
                  {
                    char *message = check_date (place, value->valuestring);

                    if (message != NULL)
                      return message;
                  }
            }
          else if (cJSON_IsNumber (value))
            return g_strdup_printf ("Trường %s phải là chuỗi ký tự (số được gửi dưới dạng chuỗi)", place);
          else if (!cJSON_IsBool (value) && !cJSON_IsNull (value))
            return g_strdup_printf ("Trường %s phải là chuỗi ký tự", place);
        }
      index++;
    }
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* NULL when @record's field of @spec is acceptable; else the portal's message, and the
 * record's error code in @code. */
static char *
check_field (const FieldSpec *spec,
             const cJSON     *record,
             int             *code)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (record, spec->name);
  const char *text;

  *code = CODE_MALFORMED;
  if (item == NULL || cJSON_IsNull (item))
    {
      if (!spec->required)
        return NULL;
      *code = CODE_BAD_REQUEST;
      return g_strdup_printf ("Thiếu trường bắt buộc %s", spec->name);
    }
  if (spec->kind == FIELD_LIST)
    return check_list (spec, item, code);
  if (cJSON_IsNumber (item))
    return g_strdup_printf ("Trường %s phải là chuỗi ký tự (số được gửi dưới dạng chuỗi)", spec->name);
  if (!cJSON_IsString (item))
    return g_strdup_printf ("Trường %s phải là chuỗi ký tự", spec->name);

  text = item->valuestring;
  if (spec->required && is_blank (text))
    {
      *code = CODE_BAD_REQUEST;
      return g_strdup_printf ("Trường bắt buộc %s không được để trống", spec->name);
    }

  switch (spec->kind)
    {
    case FIELD_TEXT:
      if (spec->max > 0 && g_utf8_strlen (text, -1) > spec->max)
        return g_strdup_printf ("Trường %s dài %ld ký tự, vượt quá giới hạn %d ký tự",
                                spec->name, g_utf8_strlen (text, -1), spec->max);
      return NULL;

    case FIELD_DATE:
      return check_date (spec->name, text);

    case FIELD_NUMBER:
      {
        gint64 value = 0;

        if (*text == '\0')
          return NULL;
        /* "04" or " 4" is not how the portal writes a code */
        if (text[0] == '0' && text[1] != '\0')
          value = -1;
        else if (!g_ascii_string_to_signed (text, 10, spec->min, spec->max, &value, NULL))
          value = -1;
        if (value < 0)
          return g_strdup_printf ("Trường %s có giá trị “%s” không hợp lệ: phải là %s",
                                  spec->name, text, spec->meaning);
        return NULL;
      }

    case FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static gboolean
agency_is_valid (const char *agency)
{
  g_auto(GStrv) groups = g_strsplit (agency, ".", -1);
  guint count = g_strv_length (groups);

  if (count < 2 || count > 5)
    return FALSE;
  for (guint i = 0; i < count; i++)
    {
      gsize length = strlen (groups[i]);

      if (length < 2 || length > 3)
        return FALSE;
      for (gsize j = 0; j < length; j++)
        if (!g_ascii_isdigit (groups[i][j]) && !g_ascii_isupper (groups[i][j]))
          return FALSE;
    }
  return TRUE;
}

/* `<agency>-<yyMMdd>-<NNNN>`, e.g. 000.00.16.H04-251122-0007. */
static gboolean
dossier_code_is_valid (const char *code,
                       char      **agency)
{
  g_auto(GStrv) parts = g_strsplit (code, "-", -1);
  g_autofree char *date = NULL;

  if (g_strv_length (parts) != 3 || !agency_is_valid (parts[0]) ||
      strlen (parts[1]) != 6 || strlen (parts[2]) != 4)
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isdigit (parts[1][i]))
      return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (parts[2][i]))
      return FALSE;
  if (strcmp (parts[2], "0000") == 0)
    return FALSE;
  date = g_strdup_printf ("20%s000000", parts[1]);
  if (!date_is_valid (date))
    return FALSE;
  *agency = g_strdup (parts[0]);
  return TRUE;
}

static char *
check_record (McSimPortal     *portal,
              const FieldSpec *fields,
              gsize            n_fields,
              const cJSON     *record,
              int             *code)
{
  g_autofree char *agency = NULL;
  const char *dossier_code;

  for (gsize i = 0; i < n_fields; i++)
    {
      char *message = check_field (&fields[i], record, code);

      if (message != NULL)
        return message;
    }

  dossier_code = cJSON_GetObjectItemCaseSensitive (record, "MaHoSo")->valuestring;
  *code = CODE_MALFORMED;
  if (!dossier_code_is_valid (dossier_code, &agency))
    return g_strdup_printf ("Trường MaHoSo “%s” sai định dạng: phải là <mã cơ quan>-<yyMMdd>-<NNNN>, "
                            "ví dụ 000.00.16.H04-251122-0007", dossier_code);
  if (portal->dstcode != NULL && strcmp (agency, portal->dstcode) != 0)
    return g_strdup_printf ("Trường MaHoSo “%s” không thuộc đơn vị %s", dossier_code, portal->dstcode);
  *code = CODE_OK;
  return NULL;
}

static const char *
text_of (const cJSON *object,
         const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsString (item) ? item->valuestring : NULL;
}

static cJSON *
record_result (const char *code,
               int         error_code,
               const char *message)
{
  cJSON *item = cJSON_CreateObject ();

  cJSON_AddStringToObject (item, "MaHoSo", code != NULL ? code : "");
  cJSON_AddNumberToObject (item, "error_code", error_code);
  cJSON_AddStringToObject (item, "message", message);
  return item;
}

/* One answer per record in `result`; the top level is 0 when the call was understood,
 * except that a batch of one carries its record's code and message there as well, which is
 * how gateways answer a single record. */
static cJSON *
batch_answer (cJSON      *results,
              int         n_ok,
              const char *what)
{
  g_autoptr(cJSON) answer = NULL;
  int n = cJSON_GetArraySize (results);

  if (n == 1)
    {
      const cJSON *only = cJSON_GetArrayItem (results, 0);

      answer = mc_sim_portal_answer (cJSON_GetObjectItemCaseSensitive (only, "error_code")->valueint,
                                     text_of (only, "message"));
    }
  else
    answer = answer_printf (CODE_OK, "Đã xử lý %d %s: %d thành công, %d lỗi", n, what, n_ok, n - n_ok);
  cJSON_AddItemToObject (answer, "result", results);
  return g_steal_pointer (&answer);
}

/* ---- services ---- */

static gboolean
parse_updating (const cJSON *item,
                gboolean    *replace)
{
  if (cJSON_IsBool (item))
    {
      *replace = cJSON_IsTrue (item);
      return TRUE;
    }
  if (cJSON_IsString (item) && g_ascii_strcasecmp (item->valuestring, "True") == 0)
    {
      *replace = TRUE;
      return TRUE;
    }
  if (cJSON_IsString (item) && g_ascii_strcasecmp (item->valuestring, "False") == 0)
    {
      *replace = FALSE;
      return TRUE;
    }
  return FALSE;
}

static cJSON *
service_sync_dossiers (McSimPortal *portal,
                       const cJSON *request,
                       GString     *log)
{
  McSimStats *stats = mc_sim_store_stats (portal->store);
  const cJSON *data = cJSON_GetObjectItemCaseSensitive (request, "data");
  cJSON *results;
  const cJSON *record;
  gboolean replace = FALSE;
  int n_ok = 0, n_exists = 0, n_missing = 0, n_refused = 0;
  int index = 0;

  if (!parse_updating (cJSON_GetObjectItemCaseSensitive (request, "isUpdating"), &replace))
    return mc_sim_portal_answer (CODE_BAD_REQUEST,
                                 "Trường isUpdating phải là \"True\" (cập nhật) hoặc \"False\" (thêm mới)");
  if (!cJSON_IsArray (data))
    return mc_sim_portal_answer (CODE_BAD_REQUEST, "Thiếu trường data (danh sách hồ sơ)");
  if (cJSON_GetArraySize (data) == 0)
    return mc_sim_portal_answer (CODE_BAD_REQUEST, "Danh sách hồ sơ (data) rỗng");
  if (cJSON_GetArraySize (data) > BATCH_MAX_DOSSIERS)
    {
      g_string_append_printf (log, " %s records=%d refused-batch", replace ? "replace" : "create",
                              cJSON_GetArraySize (data));
      return answer_printf (CODE_TOO_MANY, "Mỗi lần đồng bộ tối đa %d hồ sơ, nhận được %d hồ sơ",
                            BATCH_MAX_DOSSIERS, cJSON_GetArraySize (data));
    }

  results = cJSON_CreateArray ();
  cJSON_ArrayForEach (record, data)
    {
      g_autofree char *message = NULL;
      const char *code = text_of (record, "MaHoSo");
      int error_code = CODE_OK;

      stats->records++;
      if (!cJSON_IsObject (record))
        {
          error_code = CODE_BAD_REQUEST;
          message = g_strdup_printf ("Bản ghi thứ %d không phải là một hồ sơ (đối tượng JSON)", index + 1);
          code = NULL;
        }
      else
        message = check_record (portal, dossier_fields, G_N_ELEMENTS (dossier_fields), record, &error_code);

      if (message != NULL)
        {
          stats->refused++;
          n_refused++;
        }
      else if (!replace && mc_sim_store_lookup_dossier (portal->store, code) != NULL)
        {
          error_code = CODE_EXISTS;
          message = g_strdup_printf ("Hồ sơ %s đã tồn tại", code);
          mc_sim_store_count_duplicate (portal->store, code);
          stats->duplicates++;
          n_exists++;
        }
      else if (replace && mc_sim_store_lookup_dossier (portal->store, code) == NULL)
        {
          error_code = CODE_MISSING;
          message = g_strdup_printf ("Hồ sơ %s không tồn tại, không thể cập nhật", code);
          stats->missing++;
          n_missing++;
        }
      else
        {
          mc_sim_store_put_dossier (portal->store, code, record, replace);
          if (replace)
            stats->replaces++;
          else
            stats->creates++;
          message = g_strdup (replace ? "Cập nhật hồ sơ thành công" : "Thêm mới hồ sơ thành công");
          n_ok++;
        }
      cJSON_AddItemToArray (results, record_result (code, error_code, message));
      index++;
    }

  g_string_append_printf (log, " %s records=%d ok=%d exists=%d missing=%d refused=%d",
                          replace ? "replace" : "create", index, n_ok, n_exists, n_missing, n_refused);
  return batch_answer (results, n_ok, "hồ sơ");
}

static cJSON *
service_update_progress (McSimPortal *portal,
                         const cJSON *request,
                         GString     *log)
{
  McSimStats *stats = mc_sim_store_stats (portal->store);
  const cJSON *data = cJSON_GetObjectItemCaseSensitive (request, "data");
  cJSON *results;
  const cJSON *record;
  int n_ok = 0, n_refused = 0, n_absorbed = 0;
  int index = 0;

  if (!cJSON_IsArray (data))
    return mc_sim_portal_answer (CODE_BAD_REQUEST, "Thiếu trường data (danh sách tiến độ xử lý)");
  if (cJSON_GetArraySize (data) == 0)
    return mc_sim_portal_answer (CODE_BAD_REQUEST, "Danh sách tiến độ xử lý (data) rỗng");
  if (cJSON_GetArraySize (data) > BATCH_MAX_STEPS)
    return answer_printf (CODE_TOO_MANY, "Mỗi lần gửi tối đa %d bước xử lý, nhận được %d",
                          BATCH_MAX_STEPS, cJSON_GetArraySize (data));

  results = cJSON_CreateArray ();
  cJSON_ArrayForEach (record, data)
    {
      g_autofree char *message = NULL;
      const char *code = text_of (record, "MaHoSo");
      int error_code = CODE_OK;

      stats->records++;
      if (!cJSON_IsObject (record))
        {
          error_code = CODE_BAD_REQUEST;
          message = g_strdup_printf ("Bản ghi thứ %d không phải là một bước xử lý (đối tượng JSON)", index + 1);
          code = NULL;
        }
      else
        message = check_record (portal, step_fields, G_N_ELEMENTS (step_fields), record, &error_code);

      if (message == NULL && mc_sim_store_lookup_dossier (portal->store, code) == NULL)
        {
          error_code = CODE_NOT_FOUND;
          message = g_strdup_printf ("Không tìm thấy hồ sơ %s trên cổng: cần đồng bộ hồ sơ trước khi "
                                     "cập nhật tiến độ", code);
        }
      if (message != NULL)
        {
          stats->refused++;
          n_refused++;
        }
      else
        {
          gint64 absorbed_before = stats->steps_absorbed;

          mc_sim_store_put_step (portal->store, code, text_of (record, "ThoiDiemXuLy"),
                                 text_of (record, "TrangThai"), record);
          if (stats->steps_absorbed > absorbed_before)
            n_absorbed++;
          message = g_strdup ("Cập nhật tiến độ thành công");
          n_ok++;
        }
      cJSON_AddItemToArray (results, record_result (code, error_code, message));
      index++;
    }

  g_string_append_printf (log, " records=%d ok=%d absorbed=%d refused=%d", index, n_ok, n_absorbed, n_refused);
  return batch_answer (results, n_ok, "bước xử lý");
}

static cJSON *
service_lookup (McSimPortal *portal,
                const cJSON *request,
                GString     *log)
{
  const char *code = text_of (request, "mahoso");
  const McSimDossier *entry;
  g_autoptr(cJSON) answer = NULL;
  cJSON *result;

  if (code == NULL || *code == '\0')
    return mc_sim_portal_answer (CODE_BAD_REQUEST, "Thiếu trường mahoso (mã hồ sơ cần tra cứu)");
  entry = mc_sim_store_lookup_dossier (portal->store, code);
  g_string_append_printf (log, " mahoso=%s %s", code, entry != NULL ? "found" : "unknown");
  answer = mc_sim_portal_answer (CODE_OK, entry != NULL ? "Thành công" : "Không tìm thấy hồ sơ");
  result = cJSON_AddArrayToObject (answer, "result");
  if (entry != NULL)
    cJSON_AddItemToArray (result, cJSON_Duplicate (entry->dossier, TRUE));
  return g_steal_pointer (&answer);
}

static cJSON *
service_list_online (McSimPortal *portal,
                     const cJSON *request,
                     GString     *log)
{
  const char *since = text_of (request, "tuNgay");
  const cJSON *count = cJSON_GetObjectItemCaseSensitive (request, "soLuong");
  g_autoptr(cJSON) answer = NULL;
  cJSON *result;
  gint64 limit = 0;

  if (since == NULL || (*since != '\0' && !date_is_valid (since)))
    return mc_sim_portal_answer (CODE_BAD_REQUEST,
                                 "Trường tuNgay phải gồm đúng 14 chữ số yyyyMMddHHmmss (hoặc để trống "
                                 "để lấy từ đầu)");
  /* The contract writes soLuong as a number; a string holding one is taken too. */
  if (cJSON_IsNumber (count) && count->valuedouble >= 1 && count->valuedouble <= PULL_MAX &&
      count->valuedouble == (double) count->valueint)
    limit = count->valueint;
  else if (cJSON_IsString (count))
    g_ascii_string_to_signed (count->valuestring, 10, 1, PULL_MAX, &limit, NULL);
  if (limit < 1)
    return answer_printf (CODE_BAD_REQUEST, "Trường soLuong phải là số nguyên từ 1 đến %d", PULL_MAX);

  result = mc_sim_store_online_since (portal->store, since, (int) limit);
  g_string_append_printf (log, " tuNgay=%s soLuong=%" G_GINT64_FORMAT " returned=%d", since, limit,
                          cJSON_GetArraySize (result));
  answer = mc_sim_portal_answer (CODE_OK, "Thành công");
  cJSON_AddItemToObject (answer, "result", result);
  return g_steal_pointer (&answer);
}

static cJSON *
service_list_procedures (McSimPortal *portal,
                         const cJSON *request,
                         GString     *log)
{
  cJSON *answer = mc_sim_portal_answer (CODE_OK, "Thành công");

  g_string_append_printf (log, " procedures=%d", cJSON_GetArraySize (portal->catalogue));
  cJSON_AddItemToObject (answer, "result", cJSON_Duplicate (portal->catalogue, TRUE));
  return answer;
}

static const struct
{
  const char *name;
  cJSON    *(*handle) (McSimPortal *portal, const cJSON *request, GString *log);
} services[] = {
  { "DongBoHoSoMC",             service_sync_dossiers },
  { "CapNhatTienDoHoSoMC",      service_update_progress },
  { "TraCuuHoSo",               service_lookup },
  { "LayDanhSachHoSoTrucTuyen", service_list_online },
  { "LayDanhSachTTHC",          service_list_procedures },
};

/* ---- sessions and calls ---- */

static cJSON *
check_agency (McSimPortal *portal,
              const char  *dstcode)
{
  if (dstcode == NULL || *dstcode == '\0')
    return mc_sim_portal_answer (CODE_AGENCY, "Thiếu mã đơn vị (header dstcode)");
  if (portal->dstcode != NULL && strcmp (dstcode, portal->dstcode) != 0)
    return answer_printf (CODE_AGENCY, "Mã đơn vị (dstcode) “%s” không được phép kết nối", dstcode);
  return NULL;
}

static void
save_sessions (McSimPortal *portal)
{
  g_autoptr(cJSON) root = cJSON_CreateObject ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, portal->sessions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    cJSON_AddNumberToObject (root, key, (double) *(gint64 *) value);
  text = cJSON_PrintUnformatted (root);
  /* a session lost with the file only means one more login */
  if (!g_file_set_contents (portal->sessions_path, text, -1, &error))
    g_printerr ("motcua-portal-sim: cannot keep the sessions: %s\n", error->message);
}

static void
add_session (McSimPortal *portal,
             const char  *token,
             gint64       expires_at)
{
  gint64 *expires = g_new (gint64, 1);

  *expires = expires_at;
  g_hash_table_replace (portal->sessions, g_strdup (token), expires);
}

static void
load_sessions (McSimPortal *portal)
{
  g_autofree char *text = NULL;
  g_autoptr(cJSON) root = NULL;
  const cJSON *item;

  if (!g_file_get_contents (portal->sessions_path, &text, NULL, NULL))
    return;
  root = cJSON_Parse (text);
  cJSON_ArrayForEach (item, root)
    if (cJSON_IsNumber (item) && item->string != NULL)
      add_session (portal, item->string, (gint64) item->valuedouble);
}

/* Forgets the sessions whose time is up; TRUE if any was. */
static gboolean
drop_expired_sessions (McSimPortal *portal)
{
  gint64 now = g_get_real_time ();
  GHashTableIter iter;
  gpointer value;
  gboolean dropped = FALSE;

  g_hash_table_iter_init (&iter, portal->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (*(gint64 *) value <= now)
      {
        g_hash_table_iter_remove (&iter);
        dropped = TRUE;
      }
  return dropped;
}

cJSON *
mc_sim_portal_login (McSimPortal *portal,
                     const char  *dstcode,
                     const cJSON *request,
                     GString     *log)
{
  McSimStats *stats = mc_sim_store_stats (portal->store);
  const char *username = text_of (request, "username");
  const char *password = text_of (request, "password");
  g_autofree char *session = NULL;
  cJSON *answer;

  if (!cJSON_IsObject (request))
    answer = mc_sim_portal_answer (CODE_BAD_REQUEST, "Dữ liệu gửi lên không phải JSON hợp lệ");
  else
    answer = check_agency (portal, dstcode);
  if (answer != NULL)
    {
      stats->logins_refused++;
      g_string_append (log, " refused");
      return answer;
    }
  g_string_append_printf (log, " user=%s", username != NULL ? username : "(none)");
  /* the password is never logged */
  if (g_strcmp0 (username, portal->username) != 0 || g_strcmp0 (password, portal->password) != 0)
    {
      stats->logins_refused++;
      g_string_append (log, " refused");
      return mc_sim_portal_answer (CODE_LOGIN_REFUSED, "Tên đăng nhập hoặc mật khẩu không đúng");
    }

  drop_expired_sessions (portal);
  session = g_uuid_string_random ();
  add_session (portal, session, g_get_real_time () + portal->session_ttl_us);
  save_sessions (portal);
  g_string_append (log, " ok");
  answer = mc_sim_portal_answer (CODE_OK, "Đăng nhập thành công");
  cJSON_AddStringToObject (answer, "session", session);
  return answer;
}

static gboolean
session_is_valid (McSimPortal *portal,
                  const char  *session)
{
  gint64 *expires;

  if (session == NULL)
    return FALSE;
  expires = g_hash_table_lookup (portal->sessions, session);
  if (expires == NULL)
    return FALSE;
  if (*expires <= g_get_real_time ())
    {
      g_hash_table_remove (portal->sessions, session);
      save_sessions (portal);
      return FALSE;
    }
  return TRUE;
}

cJSON *
mc_sim_portal_service (McSimPortal *portal,
                       const char  *dstcode,
                       const cJSON *request,
                       GString     *log)
{
  const char *service = text_of (request, "service");
  cJSON *answer;

  if (!cJSON_IsObject (request))
    return mc_sim_portal_answer (CODE_BAD_REQUEST, "Dữ liệu gửi lên không phải JSON hợp lệ");
  g_string_append_printf (log, " %s", service != NULL ? service : "(no service)");
  if ((answer = check_agency (portal, dstcode)) != NULL)
    {
      g_string_append (log, " refused-dstcode");
      return answer;
    }
  if (!session_is_valid (portal, text_of (request, "session")))
    {
      g_string_append (log, " session-unknown");
      return mc_sim_portal_answer (CODE_SESSION, "Phiên làm việc đã hết hạn hoặc không hợp lệ, "
                                                 "vui lòng đăng nhập lại");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_strcmp0 (service, services[i].name) == 0)
      return services[i].handle (portal, request, log);
  return answer_printf (CODE_NOT_FOUND, "Dịch vụ “%s” không tồn tại", service != NULL ? service : "");
}

/* The expired-session fault: the session of @request is forgotten, as a portal restart or
 * a server-side timeout would. */
cJSON *
mc_sim_portal_expire (McSimPortal *portal,
                      const cJSON *request)
{
  const char *session = text_of (request, "session");

  if (session != NULL && g_hash_table_remove (portal->sessions, session))
    save_sessions (portal);
  return mc_sim_portal_answer (CODE_SESSION, "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại");
}

/* ---- online submissions ---- */

static char *
free_online_code (McSimPortal *portal,
                  GDateTime   *at)
{
  for (int sequence = ONLINE_SEQUENCE_FIRST; sequence <= 9999; sequence++)
    {
      char *code = mc_sim_online_code (portal->agency, at, sequence);

      if (mc_sim_store_lookup_dossier (portal->store, code) == NULL)
        return code;
      g_free (code);
    }
  return NULL;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 left = *(const gint64 *) a;
  gint64 right = *(const gint64 *) b;

  return left < right ? -1 : left > right;
}

/* @count submissions, at moments spread over the last days when @spread, else now. The
 * codes of a day follow the order of submission. Returns the list of new codes. */
static cJSON *
add_online (McSimPortal *portal,
            int          count,
            gboolean     spread)
{
  g_autoptr(GTimeZone) zone = mc_sim_portal_time_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GArray) moments = g_array_sized_new (FALSE, FALSE, sizeof (gint64), count);
  cJSON *codes = cJSON_CreateArray ();
  gint64 now_s = g_date_time_to_unix (now);

  for (int i = 0; i < count; i++)
    {
      gint64 at = now_s;

      if (spread)
        at -= g_rand_int_range (portal->online_rand, 60, ONLINE_SPREAD_DAYS * 24 * 3600);
      g_array_append_val (moments, at);
    }
  g_array_sort (moments, compare_times);

  for (int i = 0; i < count; i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (g_array_index (moments, gint64, i));
      g_autoptr(GDateTime) at = g_date_time_to_timezone (utc, zone);
      g_autofree char *code = free_online_code (portal, at);
      g_autoptr(cJSON) submission = NULL;

      if (code == NULL)
        break;   /* the day's online numbers are used up */
      submission = mc_sim_online_submission (portal->online_rand, portal->catalogue, code, at);
      mc_sim_store_add_online (portal->store, submission);
      cJSON_AddItemToArray (codes, cJSON_CreateString (code));
    }
  return codes;
}

cJSON *
mc_sim_portal_add_online (McSimPortal *portal,
                          int          count)
{
  return add_online (portal, count, FALSE);
}

/* Back to a fresh start: nothing received, the seeded submissions again. Sessions stay, as
 * they would on a portal whose database was emptied. */
gboolean
mc_sim_portal_reset (McSimPortal  *portal,
                     GError      **error)
{
  if (!mc_sim_store_reset (portal->store, error))
    return FALSE;
  if (portal->online > 0)
    {
      cJSON_Delete (add_online (portal, portal->online, TRUE));
      return mc_sim_store_commit (portal->store, error);
    }
  return TRUE;
}

/* Takes @catalogue (the LayDanhSachTTHC result list), also on failure. */
McSimPortal *
mc_sim_portal_new (const McSimPortalConfig  *config,
                   McSimStore               *store,
                   cJSON                    *catalogue,
                   GError                  **error)
{
  g_autoptr(McSimPortal) portal = g_new0 (McSimPortal, 1);

  portal->username = g_strdup (config->username);
  portal->password = g_strdup (config->password);
  portal->dstcode = g_strdup (config->dstcode);
  portal->agency = g_strdup (config->dstcode != NULL ? config->dstcode : DEFAULT_AGENCY);
  portal->session_ttl_us = (gint64) config->session_ttl * G_USEC_PER_SEC;
  portal->online = config->online;
  portal->store = store;
  portal->catalogue = catalogue;
  portal->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  portal->sessions_path = g_build_filename (config->data_dir, "sessions.json", NULL);
  /* its own stream, so seeding does not shift the fault draws */
  portal->online_rand = g_rand_new_with_seed (config->seed ^ 0x4f4e4c49u);

  if (portal->dstcode != NULL && !agency_is_valid (portal->dstcode))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--dstcode %s is not an agency code such as 000.00.16.H04", portal->dstcode);
      return NULL;
    }
  load_sessions (portal);
  if (drop_expired_sessions (portal))
    save_sessions (portal);

  /* Seeded once into an empty directory: a restart keeps the same submissions. */
  if (config->online > 0 && mc_sim_store_n_online (store) == 0)
    {
      cJSON_Delete (add_online (portal, config->online, TRUE));
      if (!mc_sim_store_commit (store, error))
        return NULL;
    }
  return g_steal_pointer (&portal);
}

void
mc_sim_portal_free (McSimPortal *portal)
{
  if (portal == NULL)
    return;
  g_free (portal->username);
  g_free (portal->password);
  g_free (portal->dstcode);
  g_free (portal->agency);
  cJSON_Delete (portal->catalogue);
  g_clear_pointer (&portal->sessions, g_hash_table_unref);
  g_free (portal->sessions_path);
  g_clear_pointer (&portal->online_rand, g_rand_free);
  g_free (portal);
}
