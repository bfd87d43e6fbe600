/* mc-portal-mapping.c — the desk's fields as the portal names them.
 *
 * Three tables: the protocol's own names, the dossier record (DongBoHoSoMC) and the
 * processing step (CapNhatTienDoHoSoMC). Each row of a record table pairs a portal name
 * with the desk's source; the switch below it says how the source is read. Values travel
 * as strings, dates as local yyyyMMddHHmmss ("" when unknown). Texts that the desk makes up
 * (a step's title, what was done when no note was written) are fixed Vietnamese strings,
 * not translations: a record must not change with the locale of the program that sends
 * it, or a retry would not be the same record.
 */
#include "config.h"

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-portal-mapping.h"

static const char *const portal_names[MC_PORTAL_N_NAMES] = {
  [MC_PORTAL_NAME_USERNAME]        = "username",
  [MC_PORTAL_NAME_PASSWORD]        = "password",
  [MC_PORTAL_NAME_SESSION]         = "session",
  [MC_PORTAL_NAME_SERVICE]         = "service",
  [MC_PORTAL_NAME_ERROR_CODE]      = "error_code",
  [MC_PORTAL_NAME_MESSAGE]         = "message",
  [MC_PORTAL_NAME_RESULT]          = "result",
  [MC_PORTAL_NAME_DATA]            = "data",
  [MC_PORTAL_NAME_IS_UPDATING]     = "isUpdating",
  [MC_PORTAL_NAME_FROM]            = "tuNgay",
  [MC_PORTAL_NAME_COUNT]           = "soLuong",
  [MC_PORTAL_NAME_RECORD_CODE]     = "MaHoSo",
  [MC_PORTAL_NAME_DSTCODE_HEADER]  = "dstcode",
  [MC_PORTAL_SERVICE_SYNC_DOSSIERS] = "DongBoHoSoMC",
  [MC_PORTAL_SERVICE_SYNC_STEPS]   = "CapNhatTienDoHoSoMC",
  [MC_PORTAL_SERVICE_LOOKUP]       = "TraCuuHoSo",
  [MC_PORTAL_SERVICE_ONLINE]       = "LayDanhSachHoSoTrucTuyen",
  [MC_PORTAL_SERVICE_CATALOGUE]    = "LayDanhSachTTHC",
};

const char *
mc_portal_name (McPortalName name)
{
  g_return_val_if_fail (name < MC_PORTAL_N_NAMES, "");
  return portal_names[name];
}

/* The dossier record. */

typedef enum
{
  D_CODE,
  D_PROCEDURE_CODE,
  D_PROCEDURE_NAME,
  D_FIELD_CODE,
  D_FIELD_NAME,
  D_CHANNEL,
  D_APPLICANT_NAME,
  D_APPLICANT_KIND,
  D_ID_NUMBER,
  D_PHONE,
  D_EMAIL,
  D_ADDRESS,
  D_SUMMARY,
  D_RECEIVED_AT,
  D_CURRENT_DUE_AT,
  D_STATUS,
  D_FINISHED_AT,
  D_RETURNED_AT,
  D_RETURN_NOTE,
  D_RETURN_METHOD,
  D_DECIDING_AGENCY,
  D_NOTE,
  D_DOCUMENTS,
  D_FEES,
  D_SUPPLEMENTS,
  D_RESULT_DOCUMENTS,
} DossierSource;

static const struct
{
  const char    *portal;
  DossierSource  source;
} dossier_table[] = {
  { "MaHoSo",               D_CODE },
  { "MaTTHC",               D_PROCEDURE_CODE },
  { "TenTTHC",              D_PROCEDURE_NAME },
  { "MaLinhVuc",            D_FIELD_CODE },
  { "TenLinhVuc",           D_FIELD_NAME },
  { "KenhThucHien",         D_CHANNEL },          /* 1 counter, 2 online, 3 post */
  { "ChuHoSo",              D_APPLICANT_NAME },
  { "LoaiDoiTuong",         D_APPLICANT_KIND },   /* 1 citizen, 2 organisation */
  { "MaDoiTuong",           D_ID_NUMBER },        /* CCCD or tax code */
  { "SoDienThoai",          D_PHONE },
  { "Email",                D_EMAIL },
  { "ThongTinKhac",         D_ADDRESS },
  { "TrichYeuHoSo",         D_SUMMARY },
  { "NgayTiepNhan",         D_RECEIVED_AT },
  { "NgayHenTra",           D_CURRENT_DUE_AT },   /* the appointment in force (after pauses) */
  { "TrangThaiHoSo",        D_STATUS },
  { "NgayKetThucXuLy",      D_FINISHED_AT },
  { "NgayTra",              D_RETURNED_AT },
  { "ThongTinTra",          D_RETURN_NOTE },      /* the return step's note: to whom, how */
  { "HinhThuc",             D_RETURN_METHOD },    /* 0 at the counter */
  { "DonViXuLy",            D_DECIDING_AGENCY },
  { "GhiChu",               D_NOTE },
  { "TaiLieuNop",           D_DOCUMENTS },
  { "DanhSachLePhi",        D_FEES },
  { "DanhSachHoSoBoSung",   D_SUPPLEMENTS },
  { "DanhSachGiayToKetQua", D_RESULT_DOCUMENTS },
};

static cJSON *
text_value (const char *text)
{
  return cJSON_CreateString (text ? text : "");
}

static cJSON *
int_value (gint64 n)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  return cJSON_CreateString (text);
}

static cJSON *
time_value (McTime t)
{
  g_autofree char *text = mc_time_format_portal (t);

  return cJSON_CreateString (text);
}

/* The scans of @target (a document's code, or the result), oldest first; borrowed. */
static GPtrArray *
attachments_of (const McOutboxDossier *item,
                const char            *target)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; item->attachments != NULL && target != NULL && i < item->attachments->len; i++)
    {
      const McAttachment *attachment = g_ptr_array_index (item->attachments, i);

      if (g_strcmp0 (attachment->target, target) == 0)
        g_ptr_array_add (found, (gpointer) attachment);
    }
  return found;
}

static cJSON *
document_item (const char *id,
               const char *name,
               const char *code,
               const char *path)
{
  cJSON *item = cJSON_CreateObject ();

  cJSON_AddItemToObject (item, "TepDinhKemId", text_value (id));
  cJSON_AddItemToObject (item, "TenTepDinhKem", text_value (name));
  cJSON_AddItemToObject (item, "MaThanhPhanHoSo", text_value (code));
  cJSON_AddItemToObject (item, "DuongDanTaiTepTin", text_value (path));
  cJSON_AddItemToObject (item, "IsDeleted", text_value ("False"));
  return item;
}

/* One item per received document; a scanned one carries the path of its file (stored by
 * hash), and each further scan of the same document is an item of its own, so that the ids
 * of the items already sent never change. */
static cJSON *
documents_value (const McOutboxDossier *item)
{
  const McDossier *dossier = item->dossier;
  cJSON *list = cJSON_CreateArray ();

  for (guint i = 0; dossier->documents && i < dossier->documents->len; i++)
    {
      const McReceivedDocument *document = g_ptr_array_index (dossier->documents, i);
      g_autoptr(GPtrArray) scans = attachments_of (item, document->code);
      g_autofree char *id = g_strdup_printf ("%s-%u", dossier->code, i + 1);
      g_autofree char *path = NULL;

      /* Paper received at the counter and not scanned: no file, so no path. */
      if (scans->len > 0)
        path = mc_attachment_relative_path (((const McAttachment *) scans->pdata[0])->sha256);
      cJSON_AddItemToArray (list, document_item (id, document->name, document->code, path));
      for (guint k = 1; k < scans->len; k++)
        {
          g_autofree char *more_id = g_strdup_printf ("%s-%u-%u", dossier->code, i + 1, k + 1);
          g_autofree char *more_path = mc_attachment_relative_path (((const McAttachment *) scans->pdata[k])->sha256);

          cJSON_AddItemToArray (list, document_item (more_id, document->name, document->code, more_path));
        }
    }
  return list;
}

/* The scanned result documents. */
static cJSON *
result_documents_value (const McOutboxDossier *item)
{
  g_autoptr(GPtrArray) scans = attachments_of (item, MC_ATTACHMENT_RESULT);
  cJSON *list = cJSON_CreateArray ();

  for (guint i = 0; i < scans->len; i++)
    {
      const McAttachment *attachment = g_ptr_array_index (scans, i);
      g_autofree char *id = g_strdup_printf ("%s-KQ%u", item->dossier->code, i + 1);
      g_autofree char *path = mc_attachment_relative_path (attachment->sha256);
      cJSON *result = cJSON_CreateObject ();

      cJSON_AddItemToObject (result, "GiayToId", text_value (id));
      cJSON_AddItemToObject (result, "TenGiayTo", text_value (attachment->file_name));
      cJSON_AddItemToObject (result, "MaThanhPhanHoSo", text_value (""));
      cJSON_AddItemToObject (result, "DuongDanTepTinKetQua", text_value (path));
      cJSON_AddItemToArray (list, result);
    }
  return list;
}

/* The appointment with the first @n pauses counted, or MC_TIME_NONE. */
static McTime
due_with_pauses (const McOutboxDossier   *item,
                 McWorkCalendar          *calendar,
                 const McDeadlinePolicy  *policy,
                 guint                    n)
{
  const McDossier *dossier = item->dossier;
  g_autofree McPause *pauses = g_new0 (McPause, MAX (n, 1));
  McTime due = MC_TIME_NONE;

  if (calendar == NULL || dossier->due_at == MC_TIME_NONE)
    return MC_TIME_NONE;
  for (guint i = 0; i < n; i++)
    pauses[i] = g_array_index (item->pauses, McPauseRecord, i).pause;
  if (!mc_deadline_with_pauses (calendar, policy, dossier->time_limit, dossier->pause_rule,
                                dossier->received_at, pauses, n, &due, NULL))
    return MC_TIME_NONE;
  return due;
}

/* Supplement rounds (pauses of kind 5), with the appointment before and after each. */
static cJSON *
supplements_value (const McOutboxDossier   *item,
                   McWorkCalendar          *calendar,
                   const McDeadlinePolicy  *policy)
{
  cJSON *list = cJSON_CreateArray ();

  for (guint i = 0; item->pauses && i < item->pauses->len; i++)
    {
      const McPauseRecord *record = &g_array_index (item->pauses, McPauseRecord, i);
      gboolean ended = record->pause.ended != MC_TIME_NONE;
      cJSON *round;

      if (record->kind != MC_STATUS_WAITING_SUPPLEMENT)
        continue;
      round = cJSON_CreateObject ();
      cJSON_AddItemToObject (round, "HoSoBoSungId", int_value (record->id));
      cJSON_AddItemToObject (round, "NguoiYeuCauBoSung", text_value (record->requested_by));
      cJSON_AddItemToObject (round, "NoiDungBoSung", text_value (record->request_note));
      cJSON_AddItemToObject (round, "NgayBoSung", time_value (record->pause.started));
      cJSON_AddItemToObject (round, "NguoiTiepNhanBoSung", text_value (ended ? record->received_by : NULL));
      cJSON_AddItemToObject (round, "NgayTiepNhanBoSung", time_value (record->pause.ended));
      cJSON_AddItemToObject (round, "TrangThaiBoSung", text_value (ended ? "1" : "0"));
      cJSON_AddItemToObject (round, "NgayHenTraTruoc", time_value (due_with_pauses (item, calendar, policy, i)));
      cJSON_AddItemToObject (round, "NgayHenTraMoi",
                             time_value (ended ? due_with_pauses (item, calendar, policy, i + 1) : MC_TIME_NONE));
      cJSON_AddItemToArray (list, round);
    }
  return list;
}

static cJSON *
dossier_value (const McOutboxDossier   *item,
               DossierSource            source,
               McWorkCalendar          *calendar,
               const McDeadlinePolicy  *policy)
{
  const McDossier *d = item->dossier;

  switch (source)
    {
    case D_CODE:             return text_value (d->code);
    case D_PROCEDURE_CODE:   return text_value (d->procedure_code);
    case D_PROCEDURE_NAME:   return text_value (d->procedure_name);
    case D_FIELD_CODE:       return text_value (d->field_code);
    case D_FIELD_NAME:       return text_value (d->field_name);
    case D_CHANNEL:          return int_value (d->channel);
    case D_APPLICANT_NAME:   return text_value (d->applicant_name);
    case D_APPLICANT_KIND:   return int_value (d->applicant_kind);
    case D_ID_NUMBER:        return text_value (d->id_number);
    case D_PHONE:            return text_value (d->phone);
    case D_EMAIL:            return text_value (d->email);
    case D_ADDRESS:          return text_value (d->address);
    case D_SUMMARY:          return text_value (d->summary);
    case D_RECEIVED_AT:      return time_value (d->received_at);
    case D_CURRENT_DUE_AT:   return time_value (d->current_due_at);
    case D_STATUS:           return int_value (d->status);
    case D_FINISHED_AT:      return time_value (d->finished_at);
    case D_RETURNED_AT:      return time_value (d->returned_at);
    case D_RETURN_NOTE:      return text_value (d->status == MC_STATUS_RETURNED ? item->return_note : NULL);
    case D_RETURN_METHOD:    return text_value ("0");
    case D_DECIDING_AGENCY:  return text_value (d->deciding_agency);
    case D_NOTE:             return text_value (d->note);
    case D_DOCUMENTS:        return documents_value (item);
    /* The desk does not record the fees charged: an empty list, rather than the
     * catalogue's fees presented as if they had been paid. */
    case D_FEES:             return cJSON_CreateArray ();
    case D_SUPPLEMENTS:      return supplements_value (item, calendar, policy);
    case D_RESULT_DOCUMENTS: return result_documents_value (item);
    default:
      g_assert_not_reached ();
    }
}

cJSON *
mc_portal_dossier_to_json (const McOutboxDossier   *item,
                           McWorkCalendar          *calendar,
                           const McDeadlinePolicy  *policy)
{
  cJSON *record;

  g_return_val_if_fail (item != NULL && item->dossier != NULL, NULL);

  record = cJSON_CreateObject ();
  for (gsize i = 0; i < G_N_ELEMENTS (dossier_table); i++)
    cJSON_AddItemToObject (record, dossier_table[i].portal,
                           dossier_value (item, dossier_table[i].source, calendar, policy));
  return record;
}

/* The processing step. */

typedef enum
{
  S_CODE,
  S_ACTOR,
  S_TITLE,
  S_AT,
  S_DEPARTMENT,
  S_CONTENT,
  S_STATUS,
  S_STARTED_AT,
  S_STATUTORY_END,
} StepSource;

static const struct
{
  const char *portal;
  StepSource  source;
} step_table[] = {
  { "MaHoSo",                 S_CODE },
  { "NguoiXuLy",              S_ACTOR },          /* who recorded the step (≤ 50 characters) */
  { "ChucDanh",               S_TITLE },
  { "ThoiDiemXuLy",           S_AT },             /* part of the portal's key */
  { "PhongBanXuLy",           S_DEPARTMENT },
  { "NoiDungXuLy",            S_CONTENT },
  { "TrangThai",              S_STATUS },         /* part of the portal's key */
  { "NgayBatDau",             S_STARTED_AT },
  { "NgayKetThucTheoQuyDinh", S_STATUTORY_END },  /* the original appointment */
};

/* Steps taken at the counter (receipt, refusal, withdrawal, return) belong to the
 * receiving office; the others to the deciding agency. */
static gboolean
is_counter_step (McStatus to)
{
  return to == MC_STATUS_RECEIVED || to == MC_STATUS_REFUSED || to == MC_STATUS_WITHDRAWN ||
         to == MC_STATUS_RETURNED || to == MC_STATUS_SUBMITTED_ONLINE;
}

static cJSON *
step_value (const McOutboxStep *item,
            StepSource          source)
{
  const McDossierEvent *e = item->event;

  switch (source)
    {
    case S_CODE:          return text_value (item->dossier_code);
    case S_ACTOR:         return text_value (e->actor);
    case S_TITLE:         return text_value (is_counter_step (e->to_status) ? "Cán bộ tiếp nhận" : "Cán bộ xử lý");
    case S_AT:            return time_value (e->at);
    case S_DEPARTMENT:    return text_value (is_counter_step (e->to_status) ? item->receiving_office
                                                                           : item->deciding_agency);
    case S_CONTENT:       return text_value (e->note && *e->note ? e->note : mc_status_describe (e->to_status));
    case S_STATUS:        return int_value (e->to_status);
    case S_STARTED_AT:    return time_value (e->at);
    case S_STATUTORY_END: return time_value (item->dossier_due_at);
    default:
      g_assert_not_reached ();
    }
}

cJSON *
mc_portal_step_to_json (const McOutboxStep *item)
{
  cJSON *record;

  g_return_val_if_fail (item != NULL && item->event != NULL, NULL);

  record = cJSON_CreateObject ();
  for (gsize i = 0; i < G_N_ELEMENTS (step_table); i++)
    cJSON_AddItemToObject (record, step_table[i].portal, step_value (item, step_table[i].source));
  return record;
}

/* An online submission (the same record shape as DongBoHoSoMC). */

static const struct
{
  const char *code;
  const char *submitted_at;
  const char *procedure_code;
  const char *procedure_name;
  const char *applicant_name;
} online_names = {
  .code = "MaHoSo",
  .submitted_at = "NgayTiepNhan",
  .procedure_code = "MaTTHC",
  .procedure_name = "TenTTHC",
  .applicant_name = "ChuHoSo",
};

static char *
member_text (const cJSON *item,
             const char  *name)
{
  const cJSON *member = cJSON_GetObjectItemCaseSensitive (item, name);

  /* The portal's text goes into the database: keep it valid UTF-8 whatever arrived. */
  if (cJSON_IsString (member))
    return g_utf8_make_valid (member->valuestring, -1);
  if (cJSON_IsNumber (member))
    return g_strdup_printf ("%.0f", member->valuedouble);
  return NULL;
}

McOnlineSubmission *
mc_portal_online_submission_from_json (const cJSON  *item,
                                       GError      **error)
{
  g_autoptr(McOnlineSubmission) submission = mc_online_submission_new ();
  g_autofree char *submitted = NULL;
  char *json;

  if (!cJSON_IsObject (item))
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("An online submission from the portal is not a record"));
      return NULL;
    }
  submission->code = member_text (item, online_names.code);
  if (submission->code == NULL || *submission->code == '\0')
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("An online submission from the portal has no %s"), online_names.code);
      return NULL;
    }
  submitted = member_text (item, online_names.submitted_at);
  if (submitted == NULL || *submitted == '\0' ||
      !mc_time_parse_portal (submitted, &submission->submitted_at, NULL))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Online submission %s: %s “%s” is not a date yyyyMMddHHmmss"),
                   submission->code, online_names.submitted_at, submitted ? submitted : "");
      return NULL;
    }
  submission->procedure_code = member_text (item, online_names.procedure_code);
  submission->procedure_name = member_text (item, online_names.procedure_name);
  submission->applicant_name = member_text (item, online_names.applicant_name);
  json = cJSON_PrintUnformatted (item);
  submission->document = g_strdup (json);
  cJSON_free (json);
  return g_steal_pointer (&submission);
}
