/* mc-portal-catalogue.c — the portal's LayDanhSachTTHC answer turned into a McCatalogue.
 *
 * Provincial gateways agree on the core fields (MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc,
 * ThoiHanGiaiQuyet) but differ in the rest, so every portal name lives in the one table
 * below: a province whose gateway spells a field otherwise changes the table, not the
 * logic. Unknown extra fields are ignored (gateways add their own), missing optional ones
 * get a stated default that the procedure's `uncertain` note records, and anything present
 * but wrong refuses the whole answer — a half-imported catalogue would be worse than the
 * old one.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-portal-catalogue.h"
#include "mc-text.h"

typedef enum
{
  PF_ERROR_CODE,
  PF_MESSAGE,
  PF_RESULT,
  /* a procedure */
  PF_CODE,
  PF_NAME,
  PF_FIELD_CODE,
  PF_FIELD_NAME,
  PF_TIME,
  PF_AGENCY,
  PF_LEVEL,
  PF_DOCUMENTS,
  PF_FEES,
  /* a required document (ThanhPhanHoSo item; a bare string is its name) */
  PF_DOC_CODE,
  PF_DOC_NAME,
  PF_DOC_ORIGINALS,
  PF_DOC_COPIES,
  PF_DOC_MANDATORY,
  /* a fee (LePhi item) */
  PF_FEE_CODE,
  PF_FEE_NAME,
  PF_FEE_AMOUNT,
  PF_FEE_NOTE,
  N_PORTAL_FIELDS
} PortalField;

/* The portal's field names: the one place to change for a differently spelled gateway. */
static const char *const portal_field[N_PORTAL_FIELDS] = {
  [PF_ERROR_CODE]    = "error_code",
  [PF_MESSAGE]       = "message",
  [PF_RESULT]        = "result",
  [PF_CODE]          = "MaTTHC",
  [PF_NAME]          = "TenTTHC",
  [PF_FIELD_CODE]    = "MaLinhVuc",
  [PF_FIELD_NAME]    = "TenLinhVuc",
  [PF_TIME]          = "ThoiHanGiaiQuyet",   /* working days: 0 = same day, 0.5 = 4 working hours */
  [PF_AGENCY]        = "CoQuanThucHien",
  [PF_LEVEL]         = "CapThucHien",
  [PF_DOCUMENTS]     = "ThanhPhanHoSo",
  [PF_FEES]          = "LePhi",
  [PF_DOC_CODE]      = "MaThanhPhanHoSo",
  [PF_DOC_NAME]      = "TenThanhPhanHoSo",
  [PF_DOC_ORIGINALS] = "SoBanChinh",
  [PF_DOC_COPIES]    = "SoBanSao",
  [PF_DOC_MANDATORY] = "BatBuoc",
  [PF_FEE_CODE]      = "MaPhiLePhi",
  [PF_FEE_NAME]      = "TenPhiLePhi",
  [PF_FEE_AMOUNT]    = "Gia",
  [PF_FEE_NOTE]      = "MoTa",
};

/* CapThucHien values, matched on folded text (no diacritics, lower case). Former
 * district-level procedures went to the commune on 1 July 2025. */
static const struct
{
  const char       *folded;
  McProcedureLevel  level;
} portal_levels[] = {
  { "xa",       MC_LEVEL_COMMUNE },
  { "phuong",   MC_LEVEL_COMMUNE },
  { "dac khu",  MC_LEVEL_COMMUNE },
  { "huyen",    MC_LEVEL_COMMUNE },
  { "tinh",     MC_LEVEL_PROVINCE },
};

/* The working hours of one working day, to read fractional day counts. */
#define HOURS_PER_DAY 8

#define DEFAULT_AGENCY_COMMUNE  "Ủy ban nhân dân cấp xã"
#define DEFAULT_AGENCY_PROVINCE "Ủy ban nhân dân cấp tỉnh"
#define DEFAULT_LEGAL_BASIS     "Chưa có — cổng dịch vụ công không gửi căn cứ pháp lý"
#define SOURCE_TEXT             "Cổng dịch vụ công cấp tỉnh, dịch vụ LayDanhSachTTHC"

static char *
place_key (const char *parent,
           PortalField field)
{
  return g_strdup_printf ("%s.%s", parent, portal_field[field]);
}

static const cJSON *
field (const cJSON *object,
       PortalField  which)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, portal_field[which]);

  /* Gateways send null for "not given"; it means the same as absent here. */
  return cJSON_IsNull (item) ? NULL : item;
}

static gboolean
missing (const char  *place,
         GError     **error)
{
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("%s: missing required key"), place);
  return FALSE;
}

/* A text field; names are normalised (NFC, spaces collapsed) and must not be empty.
 * Numbers are accepted where the portal sends codes as numbers. */
static char *
portal_text (const cJSON  *item,
             const char   *place,
             GError      **error)
{
  g_autofree char *raw = NULL;
  char *clean;

  if (cJSON_IsString (item))
    raw = g_strdup (item->valuestring);
  else if (cJSON_IsNumber (item) && item->valuedouble == floor (item->valuedouble))
    raw = g_strdup_printf ("%.0f", item->valuedouble);
  else
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), place, _("a string"));
      return NULL;
    }

  if (!g_utf8_validate (raw, -1, NULL))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: not valid UTF-8"), place);
      return NULL;
    }
  clean = mc_text_normalize (raw, error);
  if (clean == NULL)
    return NULL;
  if (*clean == '\0')
    {
      g_free (clean);
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: must not be empty"), place);
      return NULL;
    }
  return clean;
}

/* "Numbers travel as strings": a JSON number or a string holding one ("3", "0,5"). */
static gboolean
portal_number (const cJSON  *item,
               const char   *place,
               double       *out,
               GError      **error)
{
  if (cJSON_IsNumber (item))
    {
      *out = item->valuedouble;
      return TRUE;
    }
  if (cJSON_IsString (item))
    {
      g_autofree char *text = g_strstrip (g_strdup (item->valuestring));
      char *end = NULL;

      g_strdelimit (text, ",", '.');
      if (*text != '\0')
        {
          *out = g_ascii_strtod (text, &end);
          if (end != NULL && *end == '\0' && isfinite (*out))
            return TRUE;
        }
    }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("%s: expected %s"), place, _("a number"));
  return FALSE;
}

static gboolean
portal_time_limit (const cJSON  *item,
                   const char   *place,
                   McTimeLimit  *out,
                   GError      **error)
{
  double days = 0;
  double hours;

  if (!portal_number (item, place, &days, error))
    return FALSE;
  if (days < 0 || days > MC_CATALOGUE_MAX_TIME_AMOUNT)
    {
      g_autofree char *shown = g_strdup_printf ("%g", days);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: %s is not a possible number of working days"), place, shown);
      return FALSE;
    }

  if (days == 0)
    {
      /* Portals send 0 for "ngay trong ngày". */
      out->kind = MC_TIME_LIMIT_SAME_DAY;
      out->amount = 0;
      return TRUE;
    }
  if (days == floor (days))
    {
      out->kind = MC_TIME_LIMIT_WORKING_DAYS;
      out->amount = (int) days;
      return TRUE;
    }
  hours = days * HOURS_PER_DAY;
  /* At least one whole working hour: a tiny fraction ("1e-187") would round to a limit of
   * zero hours, which no procedure has and the catalogue refuses. */
  if (fabs (hours - round (hours)) < 1e-9 && round (hours) >= 1)
    {
      /* Kept in hours, a fraction of a long time may exceed what the catalogue keeps
       * ("270.25" days are 2162 hours): refused here as the catalogue would refuse it. */
      if (round (hours) > MC_CATALOGUE_MAX_TIME_AMOUNT)
        {
          g_autofree char *shown = g_strdup_printf ("%g", days);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: %s working days are more than %d working hours; give a whole number of days"),
                       place, shown, MC_CATALOGUE_MAX_TIME_AMOUNT);
          return FALSE;
        }
      out->kind = MC_TIME_LIMIT_WORKING_HOURS;
      out->amount = (int) round (hours);
      return TRUE;
    }
  {
    g_autofree char *shown = g_strdup_printf ("%g", days);

    g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                 _("%s: %s working days is not a whole number of working hours"), place, shown);
  }
  return FALSE;
}

static gboolean
portal_level (const cJSON       *item,
              const char        *place,
              McProcedureLevel  *out,
              GError           **error)
{
  g_autofree char *text = portal_text (item, place, error);
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = mc_text_fold (text);
  /* A multi-level value such as "Cấp Tỉnh, Cấp Xã" takes the first level in the table:
   * the desk sits at the commune more often than not. */
  for (gsize i = 0; i < G_N_ELEMENTS (portal_levels); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("\\b%s\\b", portal_levels[i].folded);

      if (g_regex_match_simple (pattern, folded, 0, 0))
        {
          *out = portal_levels[i].level;
          return TRUE;
        }
    }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("%s: unknown level “%s”"), place, text);
  return FALSE;
}

static gboolean
portal_boolean (const cJSON  *item,
                const char   *place,
                gboolean     *out,
                GError      **error)
{
  if (cJSON_IsBool (item))
    {
      *out = cJSON_IsTrue (item);
      return TRUE;
    }
  if (cJSON_IsNumber (item) && (item->valuedouble == 0 || item->valuedouble == 1))
    {
      *out = item->valuedouble == 1;
      return TRUE;
    }
  if (cJSON_IsString (item))
    {
      const char *text = item->valuestring;

      if (g_ascii_strcasecmp (text, "true") == 0 || g_strcmp0 (text, "1") == 0)
        {
          *out = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, "false") == 0 || g_strcmp0 (text, "0") == 0)
        {
          *out = FALSE;
          return TRUE;
        }
    }
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("%s: expected %s"), place, _("true or false"));
  return FALSE;
}

static gboolean
portal_count (const cJSON  *object,
              const char   *parent,
              PortalField   which,
              int          *out,
              GError      **error)
{
  const cJSON *item = field (object, which);
  g_autofree char *place = place_key (parent, which);
  double value = 0;

  *out = 0;
  if (item == NULL)
    return TRUE;
  if (!portal_number (item, place, &value, error))
    return FALSE;
  if (value < 0)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: must not be negative"), place);
      return FALSE;
    }
  if (value != floor (value) || value > 100)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), place, _("a whole number"));
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static McRequiredDocument *
portal_document (const cJSON  *item,
                 const char   *place,
                 gsize         index,
                 GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  const cJSON *value;
  McRequiredDocument *doc;
  gboolean mandatory = FALSE;
  int originals = 0;
  int copies = 0;

  if (cJSON_IsString (item))
    {
      name = portal_text (item, place, error);
      if (name == NULL)
        return NULL;
    }
  else if (cJSON_IsObject (item))
    {
      g_autofree char *name_place = place_key (place, PF_DOC_NAME);

      value = field (item, PF_DOC_NAME);
      if (value == NULL)
        {
          missing (name_place, error);
          return NULL;
        }
      name = portal_text (value, name_place, error);
      if (name == NULL)
        return NULL;

      if ((value = field (item, PF_DOC_CODE)) != NULL)
        {
          g_autofree char *code_place = place_key (place, PF_DOC_CODE);

          code = portal_text (value, code_place, error);
          if (code == NULL)
            return NULL;
          /* codes are identifiers in our format: spaces would not survive a round trip */
          g_strdelimit (code, " ", '-');
        }
      if (!portal_count (item, place, PF_DOC_ORIGINALS, &originals, error) ||
          !portal_count (item, place, PF_DOC_COPIES, &copies, error))
        return NULL;
      if ((value = field (item, PF_DOC_MANDATORY)) != NULL)
        {
          g_autofree char *flag_place = place_key (place, PF_DOC_MANDATORY);

          if (!portal_boolean (value, flag_place, &mandatory, error))
            return NULL;
        }
    }
  else
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), place, _("an object"));
      return NULL;
    }

  doc = g_new0 (McRequiredDocument, 1);
  doc->code = code != NULL ? g_steal_pointer (&code)
                           : g_strdup_printf ("TP%" G_GSIZE_FORMAT, index + 1);
  doc->name = g_steal_pointer (&name);
  /* Not said by the portal means optional: wrongly mandatory would block the counter. */
  doc->mandatory = mandatory;
  if (originals > 0 && copies > 0)
    {
      doc->form = MC_DOCUMENT_ORIGINAL_OR_COPY;
      doc->copies = MAX (originals, copies);
    }
  else if (copies > 0)
    {
      doc->form = MC_DOCUMENT_COPY;
      doc->copies = copies;
    }
  else
    {
      /* No counts at all (or a bare name) means one original; counts given as 0 and 0
       * mean a document that is only shown. */
      gboolean counted = cJSON_IsObject (item) &&
                         (field (item, PF_DOC_ORIGINALS) != NULL || field (item, PF_DOC_COPIES) != NULL);

      doc->form = MC_DOCUMENT_ORIGINAL;
      doc->copies = counted ? originals : 1;
    }
  return doc;
}

static McProcedureFee *
portal_fee (const cJSON  *item,
            const char   *place,
            gsize         index,
            GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *note = NULL;
  g_autofree char *name_place = place_key (place, PF_FEE_NAME);
  const cJSON *value;
  McProcedureFee *fee;
  gint64 amount = -1;

  if (!cJSON_IsObject (item))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), place, _("an object"));
      return NULL;
    }

  if ((value = field (item, PF_FEE_NAME)) == NULL)
    {
      missing (name_place, error);
      return NULL;
    }
  if ((name = portal_text (value, name_place, error)) == NULL)
    return NULL;

  if ((value = field (item, PF_FEE_CODE)) != NULL)
    {
      g_autofree char *code_place = place_key (place, PF_FEE_CODE);

      if ((code = portal_text (value, code_place, error)) == NULL)
        return NULL;
      g_strdelimit (code, " ", '-');
    }
  if ((value = field (item, PF_FEE_AMOUNT)) != NULL)
    {
      g_autofree char *amount_place = place_key (place, PF_FEE_AMOUNT);
      double number = 0;

      if (!portal_number (value, amount_place, &number, error))
        return NULL;
      if (number < 0)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: must not be negative"), amount_place);
          return NULL;
        }
      if (number != floor (number) || number > 1e12)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: expected %s"), amount_place, _("a whole number"));
          return NULL;
        }
      amount = (gint64) number;
    }
  if ((value = field (item, PF_FEE_NOTE)) != NULL && cJSON_IsString (value) && *value->valuestring)
    {
      g_autofree char *note_place = place_key (place, PF_FEE_NOTE);

      if ((note = portal_text (value, note_place, error)) == NULL)
        return NULL;
    }
  if (amount < 0 && note == NULL)
    note = g_strdup ("Cổng dịch vụ công không gửi mức thu");

  fee = g_new0 (McProcedureFee, 1);
  fee->code = code != NULL ? g_steal_pointer (&code) : g_strdup_printf ("LP%" G_GSIZE_FORMAT, index + 1);
  fee->name = g_steal_pointer (&name);
  fee->amount = amount;
  fee->note = g_steal_pointer (&note);
  return fee;
}

static gboolean
required_text (const cJSON  *object,
               const char   *parent,
               PortalField   which,
               char        **out,
               GError      **error)
{
  const cJSON *item = field (object, which);
  g_autofree char *place = place_key (parent, which);

  if (item == NULL)
    return missing (place, error);
  *out = portal_text (item, place, error);
  return *out != NULL;
}

static McProcedure *
portal_procedure (const cJSON  *item,
                  const char   *place,
                  const char   *received_at,
                  GError      **error)
{
  g_autoptr(McProcedure) procedure = NULL;
  g_autoptr(GPtrArray) defaulted = g_ptr_array_new ();
  g_autofree char *list = NULL;
  const cJSON *value;
  const cJSON *child;
  gsize index;

  if (!cJSON_IsObject (item))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), place, _("an object"));
      return NULL;
    }

  /* An empty shell of our own format, filled field by field. */
  {
    McProcedure blank = { 0 };

    blank.documents = g_ptr_array_new ();
    blank.fees = g_ptr_array_new ();
    blank.steps = g_ptr_array_new ();
    procedure = mc_procedure_copy (&blank);
    g_ptr_array_unref (blank.documents);
    g_ptr_array_unref (blank.fees);
    g_ptr_array_unref (blank.steps);
  }

  if (!required_text (item, place, PF_CODE, &procedure->code, error))
    return NULL;
  if (!mc_procedure_code_is_valid (procedure->code))
    {
      g_autofree char *where = place_key (place, PF_CODE);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: malformed national procedure code “%s” (expected d.dddddd, "
                     "optionally followed by a local suffix such as .000.00.00.H56)"),
                   where, procedure->code);
      return NULL;
    }
  if (!required_text (item, place, PF_NAME, &procedure->name, error) ||
      !required_text (item, place, PF_FIELD_CODE, &procedure->field_code, error) ||
      !required_text (item, place, PF_FIELD_NAME, &procedure->field_name, error))
    return NULL;
  g_strdelimit (procedure->field_code, " ", '-');

  if ((value = field (item, PF_TIME)) == NULL)
    {
      g_autofree char *where = place_key (place, PF_TIME);

      missing (where, error);
      return NULL;
    }
  {
    g_autofree char *where = place_key (place, PF_TIME);

    if (!portal_time_limit (value, where, &procedure->time_limit, error))
      return NULL;
  }
  procedure->pause_rule = MC_PAUSE_RESUMES;

  procedure->level = MC_LEVEL_COMMUNE;
  if ((value = field (item, PF_LEVEL)) != NULL)
    {
      g_autofree char *where = place_key (place, PF_LEVEL);

      if (!portal_level (value, where, &procedure->level, error))
        return NULL;
    }
  else
    g_ptr_array_add (defaulted, "cấp thực hiện (mặc định: cấp xã)");

  if ((value = field (item, PF_AGENCY)) != NULL)
    {
      g_autofree char *where = place_key (place, PF_AGENCY);

      if ((procedure->agency = portal_text (value, where, error)) == NULL)
        return NULL;
    }
  else
    {
      procedure->agency = g_strdup (procedure->level == MC_LEVEL_PROVINCE ? DEFAULT_AGENCY_PROVINCE
                                                                          : DEFAULT_AGENCY_COMMUNE);
      g_ptr_array_add (defaulted, "cơ quan thực hiện");
    }

  value = field (item, PF_DOCUMENTS);
  if (value != NULL && !cJSON_IsArray (value))
    {
      g_autofree char *where = place_key (place, PF_DOCUMENTS);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), where, _("a list"));
      return NULL;
    }
  if (value == NULL || cJSON_GetArraySize (value) == 0)
    g_ptr_array_add (defaulted, "thành phần hồ sơ");
  index = 0;
  cJSON_ArrayForEach (child, value)
    {
      g_autofree char *docs = place_key (place, PF_DOCUMENTS);
      g_autofree char *where = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", docs, index);
      McRequiredDocument *doc = portal_document (child, where, index, error);

      if (doc == NULL)
        return NULL;
      /* owned by the procedure from here, so a refusal below frees it too */
      g_ptr_array_add (procedure->documents, doc);
      for (guint j = 0; j + 1 < procedure->documents->len; j++)
        {
          const McRequiredDocument *other = g_ptr_array_index (procedure->documents, j);

          if (g_strcmp0 (other->code, doc->code) == 0)
            {
              g_autofree char *code_place = place_key (where, PF_DOC_CODE);

              g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                           _("%s: duplicate document code “%s”"), code_place, doc->code);
              return NULL;
            }
        }
      index++;
    }

  value = field (item, PF_FEES);
  if (value != NULL && !cJSON_IsArray (value))
    {
      g_autofree char *where = place_key (place, PF_FEES);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), where, _("a list"));
      return NULL;
    }
  if (value == NULL)
    g_ptr_array_add (defaulted, "lệ phí");
  index = 0;
  cJSON_ArrayForEach (child, value)
    {
      g_autofree char *fees = place_key (place, PF_FEES);
      g_autofree char *where = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", fees, index);
      McProcedureFee *fee = portal_fee (child, where, index, error);

      if (fee == NULL)
        return NULL;
      g_ptr_array_add (procedure->fees, fee);
      for (guint j = 0; j + 1 < procedure->fees->len; j++)
        {
          const McProcedureFee *other = g_ptr_array_index (procedure->fees, j);

          if (g_strcmp0 (other->code, fee->code) == 0)
            {
              g_autofree char *code_place = place_key (where, PF_FEE_CODE);

              g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                           _("%s: duplicate fee code “%s”"), code_place, fee->code);
              return NULL;
            }
        }
      index++;
    }

  g_ptr_array_add (defaulted, "căn cứ pháp lý");
  g_ptr_array_add (defaulted, "quy trình nội bộ");
  g_ptr_array_add (defaulted, NULL);
  list = g_strjoinv (", ", (char **) defaulted->pdata);

  procedure->legal_basis = g_strdup (DEFAULT_LEGAL_BASIS);
  procedure->source = g_strdup_printf ("%s, nhận lúc %s", SOURCE_TEXT, received_at);
  procedure->uncertain = g_strdup_printf ("Nhận từ cổng dịch vụ công; chưa có hoặc dùng giá trị mặc định: %s. "
                                          "Thời hạn giải quyết là số ngày làm việc do cổng gửi.",
                                          list);
  return g_steal_pointer (&procedure);
}

McCatalogue *
mc_portal_catalogue_parse (const char  *json,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  g_autofree char *received_at = NULL;
  const char *invalid = NULL;
  const char *parse_end = NULL;
  const cJSON *value;
  const cJSON *result;
  const cJSON *child;
  cJSON *root;
  double code = 0;
  gsize index;

  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate_len (json, length, &invalid))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The portal's answer is not valid UTF-8 (byte %lu)"),
                   (unsigned long) (invalid - json));
      return NULL;
    }
  text = g_strndup (json, length);
  root = cJSON_ParseWithOpts (text, &parse_end, TRUE);
  if (root == NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The portal's answer is not valid JSON (byte %lu)"),
                   (unsigned long) (parse_end != NULL ? parse_end - text : 0));
      return NULL;
    }

  if (!cJSON_IsObject (root))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The portal's answer is not a JSON object"));
      goto fail;
    }

  value = field (root, PF_ERROR_CODE);
  if (value == NULL)
    {
      missing (portal_field[PF_ERROR_CODE], error);
      goto fail;
    }
  if (!portal_number (value, portal_field[PF_ERROR_CODE], &code, error))
    goto fail;
  if (code != 0)
    {
      const cJSON *message = field (root, PF_MESSAGE);
      g_autofree char *shown = g_strdup_printf ("%g", code);
      g_autofree char *said = NULL;

      said = cJSON_IsString (message) ? g_utf8_make_valid (message->valuestring, -1) : g_strdup ("");
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The portal refused the catalogue request (error_code %s): %s"), shown, said);
      goto fail;
    }

  result = field (root, PF_RESULT);
  if (result == NULL)
    {
      missing (portal_field[PF_RESULT], error);
      goto fail;
    }
  if (!cJSON_IsArray (result))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: expected %s"), portal_field[PF_RESULT], _("a list"));
      goto fail;
    }
  /* An empty list must not replace a working catalogue. */
  if (cJSON_GetArraySize (result) == 0)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: the catalogue has no procedures"), portal_field[PF_RESULT]);
      goto fail;
    }

  now = g_date_time_new_now_local ();
  received_at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  catalogue = g_new0 (McCatalogue, 1);
  catalogue->version = g_strdup_printf ("LayDanhSachTTHC %s", received_at);
  catalogue->procedures = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_procedure_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  index = 0;
  cJSON_ArrayForEach (child, result)
    {
      g_autofree char *where = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", portal_field[PF_RESULT], index);
      McProcedure *procedure = portal_procedure (child, where, received_at, error);

      if (procedure == NULL ||
          !mc_catalogue_add_procedure (catalogue, procedure, portal_field[PF_RESULT],
                                       portal_field[PF_CODE], seen, error))
        goto fail;
      index++;
    }

  cJSON_Delete (root);
  return g_steal_pointer (&catalogue);

fail:
  cJSON_Delete (root);
  return NULL;
}
