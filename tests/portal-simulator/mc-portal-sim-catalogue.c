/* mc-portal-sim-catalogue.c — procedures.json turned into the portal's LayDanhSachTTHC list.
 *
 * The desk's catalogue format says more than a portal does (legal basis, internal steps,
 * one-of groups); a portal sends the core fields with numbers as strings, and its own
 * spelling of levels and counts. This mapping says what a province's gateway would send for
 * the same procedures, so that the desk's catalogue refresh (src/sync/mc-portal-catalogue.c)
 * reads a realistic answer. ThoiHanGiaiQuyet is the portal's bare number: a procedure whose
 * time limit runs in calendar days is sent with that number and a note saying so, as
 * gateways do, since the field has no unit.
 */
#include <string.h>

#include "mc-portal-sim-catalogue.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* Working hours of a working day, to send a limit in hours as a fraction of a day. */
#define HOURS_PER_DAY 8

char *
mc_sim_catalogue_default_path (void)
{
  const char *source_dir = g_getenv ("MOTCUA_SOURCE_DIR");

  if (source_dir == NULL || *source_dir == '\0')
    source_dir = MC_SIM_SOURCE_DIR;
  return g_build_filename (source_dir, "data", "catalogue", "procedures.json", NULL);
}

static const char *
text_of (const cJSON *object,
         const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsString (item) ? item->valuestring : NULL;
}

static double
number_of (const cJSON *object,
           const char  *name,
           double       fallback)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  return cJSON_IsNumber (item) ? item->valuedouble : fallback;
}

static char *
count_text (double value)
{
  return g_strdup_printf ("%.0f", value);
}

/* "0" for the same day, "N" working days, hours as a fraction of a day ("0.5"). */
static gboolean
add_time_limit (cJSON       *target,
                const cJSON *limit,
                const char  *code,
                GError     **error)
{
  const char *kind = text_of (limit, "kind");
  double amount = number_of (limit, "amount", 0);
  g_autofree char *days = NULL;
  g_autofree char *note = NULL;

  if (g_strcmp0 (kind, "same-day") == 0)
    {
      days = g_strdup ("0");
      note = g_strdup ("Giải quyết trong ngày");
    }
  else if (g_strcmp0 (kind, "working-days") == 0)
    {
      days = count_text (amount);
      note = g_strdup_printf ("%s ngày làm việc", days);
    }
  else if (g_strcmp0 (kind, "working-hours") == 0)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      days = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, amount / HOURS_PER_DAY));
      note = g_strdup_printf ("%.0f giờ làm việc", amount);
    }
  else if (g_strcmp0 (kind, "calendar-days") == 0)
    {
      days = count_text (amount);
      note = g_strdup_printf ("%s ngày (tính theo ngày lịch)", days);
    }
  else
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "procedure %s: time limit “%s” has no portal equivalent", code,
                   kind != NULL ? kind : "");
      return FALSE;
    }
  cJSON_AddStringToObject (target, "ThoiHanGiaiQuyet", days);
  cJSON_AddStringToObject (target, "MoTaThoiHan", note);
  return TRUE;
}

static cJSON *
portal_document (const cJSON *document)
{
  cJSON *item = cJSON_CreateObject ();
  const char *form = text_of (document, "form");
  double copies = number_of (document, "copies", 1);
  g_autofree char *count = count_text (copies);
  gboolean original = g_strcmp0 (form, "original") == 0 || g_strcmp0 (form, "original-or-copy") == 0;
  gboolean copy = g_strcmp0 (form, "original") != 0;

  cJSON_AddStringToObject (item, "MaThanhPhanHoSo", text_of (document, "code"));
  cJSON_AddStringToObject (item, "TenThanhPhanHoSo", text_of (document, "name"));
  cJSON_AddStringToObject (item, "SoBanChinh", original ? count : "0");
  cJSON_AddStringToObject (item, "SoBanSao", copy ? count : "0");
  cJSON_AddBoolToObject (item, "BatBuoc",
                         cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (document, "mandatory")));
  if (text_of (document, "condition") != NULL)
    cJSON_AddStringToObject (item, "GhiChu", text_of (document, "condition"));
  return item;
}

static cJSON *
portal_fee (const cJSON *fee)
{
  cJSON *item = cJSON_CreateObject ();
  double amount = number_of (fee, "amount", -1);

  cJSON_AddStringToObject (item, "MaPhiLePhi", text_of (fee, "code"));
  cJSON_AddStringToObject (item, "TenPhiLePhi", text_of (fee, "name"));
  /* The desk's -1 is "set by the province, amount not known": the portal leaves Gia out. */
  if (amount >= 0)
    {
      g_autofree char *price = count_text (amount);

      cJSON_AddStringToObject (item, "Gia", price);
    }
  if (text_of (fee, "note") != NULL)
    cJSON_AddStringToObject (item, "MoTa", text_of (fee, "note"));
  return item;
}

static cJSON *
portal_procedure (const cJSON  *procedure,
                  GError      **error)
{
  g_autoptr(cJSON) item = cJSON_CreateObject ();
  const char *code = text_of (procedure, "code");
  const char *level = text_of (procedure, "level");
  const cJSON *child;
  cJSON *list;

  if (code == NULL || text_of (procedure, "name") == NULL ||
      text_of (procedure, "field_code") == NULL || text_of (procedure, "field_name") == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "a procedure lacks code, name, field_code or field_name");
      return NULL;
    }
  cJSON_AddStringToObject (item, "MaTTHC", code);
  cJSON_AddStringToObject (item, "TenTTHC", text_of (procedure, "name"));
  cJSON_AddStringToObject (item, "MaLinhVuc", text_of (procedure, "field_code"));
  cJSON_AddStringToObject (item, "TenLinhVuc", text_of (procedure, "field_name"));
  if (!add_time_limit (item, cJSON_GetObjectItemCaseSensitive (procedure, "time_limit"), code, error))
    return NULL;
  if (text_of (procedure, "agency") != NULL)
    cJSON_AddStringToObject (item, "CoQuanThucHien", text_of (procedure, "agency"));
  cJSON_AddStringToObject (item, "CapThucHien",
                           g_strcmp0 (level, "province") == 0 ? "Cấp Tỉnh" : "Cấp Xã");

  list = cJSON_AddArrayToObject (item, "ThanhPhanHoSo");
  cJSON_ArrayForEach (child, cJSON_GetObjectItemCaseSensitive (procedure, "documents"))
    cJSON_AddItemToArray (list, portal_document (child));
  list = cJSON_AddArrayToObject (item, "LePhi");
  cJSON_ArrayForEach (child, cJSON_GetObjectItemCaseSensitive (procedure, "fees"))
    cJSON_AddItemToArray (list, portal_fee (child));
  if (text_of (procedure, "legal_basis") != NULL)
    cJSON_AddStringToObject (item, "CanCuPhapLy", text_of (procedure, "legal_basis"));
  return g_steal_pointer (&item);
}

/* The LayDanhSachTTHC result list for the procedures of @path. */
cJSON *
mc_sim_catalogue_load (const char  *path,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(cJSON) root = NULL;
  g_autoptr(cJSON) result = cJSON_CreateArray ();
  const cJSON *procedures;
  const cJSON *procedure;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  root = cJSON_Parse (text);
  procedures = cJSON_GetObjectItemCaseSensitive (root, "procedures");
  if (!cJSON_IsArray (procedures) || cJSON_GetArraySize (procedures) == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: not a catalogue with procedures", path);
      return NULL;
    }
  cJSON_ArrayForEach (procedure, procedures)
    {
      cJSON *item = portal_procedure (procedure, error);

      if (item == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      cJSON_AddItemToArray (result, item);
    }
  return g_steal_pointer (&result);
}
