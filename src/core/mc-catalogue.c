/* mc-catalogue.c — the procedure catalogue: parsing, writing back, and the document check.
 *
 * The catalogue is data an administrator may edit by hand or import, so the parser trusts
 * nothing: it is all-or-nothing, refuses unknown keys (a mistyped "mandatroy" must not
 * silently turn a document optional), and names the exact place of every problem
 * ("procedures[3].documents[1].copies"). Names are stored in NFC, trimmed, as typed.
 * The format itself is described in data/catalogue/README.md; mc_catalogue_to_json()
 * writes the same format back so an edited catalogue can be exported and re-imported.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <gio/gio.h>

#include "mc-catalogue.h"
#include "mc-error.h"
#include "mc-i18n.h"
#include "mc-text.h"

#include "data/mc-data-resources.h"

#define CATALOGUE_RESOURCE "/org/motcua/Desk/data/catalogue/procedures.json"
#define CATALOGUE_FORMAT   1

/* How a text value is cleaned and checked. */
typedef enum
{
  TEXT_CODE,      /* an identifier: no white space at all, never empty */
  TEXT_NAME,      /* mc_text_normalize(): NFC, trimmed, inner spaces collapsed, never empty */
  TEXT_FREE,      /* NFC and trimmed, line breaks kept (legal basis, notes), never empty */
} TextKind;

static const char *const document_form_names[] = {
  [MC_DOCUMENT_ORIGINAL]         = "original",
  [MC_DOCUMENT_CERTIFIED_COPY]   = "certified-copy",
  [MC_DOCUMENT_COPY]             = "copy",
  [MC_DOCUMENT_ORIGINAL_OR_COPY] = "original-or-copy",
};

static const char *const level_names[] = {
  [MC_LEVEL_COMMUNE]  = "commune",
  [MC_LEVEL_PROVINCE] = "province",
};

static const char *const time_kind_names[] = {
  [MC_TIME_LIMIT_NONE]          = "none",
  [MC_TIME_LIMIT_WORKING_DAYS]  = "working-days",
  [MC_TIME_LIMIT_WORKING_HOURS] = "working-hours",
  [MC_TIME_LIMIT_SAME_DAY]      = "same-day",
  [MC_TIME_LIMIT_CALENDAR_DAYS] = "calendar-days",
};

static const char *const pause_rule_names[] = {
  [MC_PAUSE_RESUMES]  = "resumes",
  [MC_PAUSE_RESTARTS] = "restarts",
};

/* ------------------------------------------------------------------ enums */

static int
enum_from_string (const char        *text,
                  const char *const *names,
                  gsize              n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      return (int) i;
  return -1;
}

static char *
enum_allowed (const char *const *names,
              gsize              n_names)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n_names; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", names[i]);
  return g_string_free (out, FALSE);
}

const char *
mc_document_form_to_string (McDocumentForm form)
{
  g_return_val_if_fail ((gsize) form < G_N_ELEMENTS (document_form_names), NULL);
  return document_form_names[form];
}

gboolean
mc_document_form_from_string (const char     *text,
                              McDocumentForm *out)
{
  int value = enum_from_string (text, document_form_names, G_N_ELEMENTS (document_form_names));

  if (value < 0)
    return FALSE;
  if (out != NULL)
    *out = (McDocumentForm) value;
  return TRUE;
}

const char *
mc_document_form_describe (McDocumentForm form)
{
  switch (form)
    {
    case MC_DOCUMENT_ORIGINAL:
      return "Bản chính";
    case MC_DOCUMENT_CERTIFIED_COPY:
      return "Bản sao có chứng thực";
    case MC_DOCUMENT_COPY:
      return "Bản sao";
    case MC_DOCUMENT_ORIGINAL_OR_COPY:
      return "Bản chính hoặc bản sao";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
mc_procedure_level_to_string (McProcedureLevel level)
{
  g_return_val_if_fail ((gsize) level < G_N_ELEMENTS (level_names), NULL);
  return level_names[level];
}

gboolean
mc_procedure_code_is_valid (const char *code)
{
  const char *p = code;

  if (code == NULL)
    return FALSE;
  /* d.dddddd — the national part */
  if (!g_ascii_isdigit (p[0]) || p[1] != '.')
    return FALSE;
  p += 2;
  for (int i = 0; i < 6; i++, p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  /* then any number of ".xxx" groups: the local instance's agency code */
  while (*p == '.')
    {
      const char *start = ++p;

      while (g_ascii_isalnum (*p))
        p++;
      if (p == start)
        return FALSE;
    }
  return *p == '\0';
}

/* ------------------------------------------------------------- lifecycle */

static void
required_document_free (gpointer data)
{
  McRequiredDocument *doc = data;

  g_free (doc->code);
  g_free (doc->name);
  g_free (doc->one_of);
  g_free (doc->condition);
  g_free (doc);
}

static void
procedure_fee_free (gpointer data)
{
  McProcedureFee *fee = data;

  g_free (fee->code);
  g_free (fee->name);
  g_free (fee->note);
  g_free (fee);
}

static void
procedure_step_free (gpointer data)
{
  McProcedureStep *step = data;

  g_free (step->department);
  g_free (step);
}

static McProcedure *
procedure_new (void)
{
  McProcedure *self = g_new0 (McProcedure, 1);

  self->documents = g_ptr_array_new_with_free_func (required_document_free);
  self->fees = g_ptr_array_new_with_free_func (procedure_fee_free);
  self->steps = g_ptr_array_new_with_free_func (procedure_step_free);
  return self;
}

void
mc_procedure_free (McProcedure *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->name);
  g_free (self->field_code);
  g_free (self->field_name);
  g_free (self->agency);
  g_free (self->time_note);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->fees, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_free (self->legal_basis);
  g_free (self->source);
  g_free (self->uncertain);
  g_free (self);
}

McProcedure *
mc_procedure_copy (const McProcedure *self)
{
  McProcedure *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = procedure_new ();
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->field_code = g_strdup (self->field_code);
  copy->field_name = g_strdup (self->field_name);
  copy->level = self->level;
  copy->agency = g_strdup (self->agency);
  copy->time_limit = self->time_limit;
  copy->pause_rule = self->pause_rule;
  copy->time_note = g_strdup (self->time_note);
  copy->legal_basis = g_strdup (self->legal_basis);
  copy->source = g_strdup (self->source);
  copy->uncertain = g_strdup (self->uncertain);

  for (guint i = 0; i < self->documents->len; i++)
    {
      const McRequiredDocument *doc = g_ptr_array_index (self->documents, i);
      McRequiredDocument *dup = g_new0 (McRequiredDocument, 1);

      dup->code = g_strdup (doc->code);
      dup->name = g_strdup (doc->name);
      dup->form = doc->form;
      dup->copies = doc->copies;
      dup->mandatory = doc->mandatory;
      dup->one_of = g_strdup (doc->one_of);
      dup->condition = g_strdup (doc->condition);
      g_ptr_array_add (copy->documents, dup);
    }
  for (guint i = 0; i < self->fees->len; i++)
    {
      const McProcedureFee *fee = g_ptr_array_index (self->fees, i);
      McProcedureFee *dup = g_new0 (McProcedureFee, 1);

      dup->code = g_strdup (fee->code);
      dup->name = g_strdup (fee->name);
      dup->amount = fee->amount;
      dup->note = g_strdup (fee->note);
      g_ptr_array_add (copy->fees, dup);
    }
  for (guint i = 0; i < self->steps->len; i++)
    {
      const McProcedureStep *step = g_ptr_array_index (self->steps, i);
      McProcedureStep *dup = g_new0 (McProcedureStep, 1);

      dup->department = g_strdup (step->department);
      dup->share_percent = step->share_percent;
      g_ptr_array_add (copy->steps, dup);
    }
  return copy;
}

void
mc_catalogue_free (McCatalogue *self)
{
  if (self == NULL)
    return;
  g_free (self->version);
  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  g_free (self);
}

/* --------------------------------------------------------------- parsing */

static char *
place_key (const char *parent,
           const char *key)
{
  return parent && *parent ? g_strdup_printf ("%s.%s", parent, key) : g_strdup (key);
}

static char *
place_index (const char *parent,
             gsize       index)
{
  return g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", parent, index);
}

static const char *
describe_type (const cJSON *item)
{
  if (cJSON_IsString (item))
    return _("a string");
  if (cJSON_IsNumber (item))
    return _("a number");
  if (cJSON_IsBool (item))
    return _("true or false");
  if (cJSON_IsArray (item))
    return _("a list");
  if (cJSON_IsObject (item))
    return _("an object");
  return _("null");
}

static gboolean
wrong_type (const cJSON  *item,
            const char   *place,
            const char   *expected,
            GError      **error)
{
  g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
               _("%s: expected %s, found %s"), place, expected, describe_type (item));
  return FALSE;
}

/* Refuses keys that the format does not know, and keys given twice (cJSON keeps both,
 * and which one wins would be an accident). */
static gboolean
check_keys (const cJSON        *object,
            const char         *place,
            const char *const  *allowed,
            GError            **error)
{
  for (const cJSON *child = object->child; child != NULL; child = child->next)
    {
      gboolean known = FALSE;

      for (gsize i = 0; allowed[i] != NULL; i++)
        if (g_strcmp0 (child->string, allowed[i]) == 0)
          known = TRUE;
      if (!known)
        {
          g_autofree char *where = place_key (place, child->string);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: unknown key"), where);
          return FALSE;
        }
      for (const cJSON *other = object->child; other != child; other = other->next)
        if (g_strcmp0 (other->string, child->string) == 0)
          {
            g_autofree char *where = place_key (place, child->string);

            g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                         _("%s: key given twice"), where);
            return FALSE;
          }
    }
  return TRUE;
}

static char *
clean_text (const char  *raw,
            TextKind     kind,
            const char  *place,
            GError     **error)
{
  g_autofree char *clean = NULL;

  if (!g_utf8_validate (raw, -1, NULL))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: not valid UTF-8"), place);
      return NULL;
    }

  switch (kind)
    {
    case TEXT_CODE:
      for (const char *p = raw; *p; p = g_utf8_next_char (p))
        if (g_unichar_isspace (g_utf8_get_char (p)))
          {
            g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                         _("%s: a code must not contain spaces"), place);
            return NULL;
          }
      clean = g_strdup (raw);
      break;
    case TEXT_NAME:
      clean = mc_text_normalize (raw, error);
      if (clean == NULL)
        return NULL;
      break;
    case TEXT_FREE:
    default:
      clean = g_utf8_normalize (raw, -1, G_NORMALIZE_NFC);
      g_strstrip (clean);
      break;
    }

  if (*clean == '\0')
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: must not be empty"), place);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* *out stays NULL for an absent optional key. */
static gboolean
get_text (const cJSON  *object,
          const char   *parent,
          const char   *key,
          gboolean      required,
          TextKind      kind,
          char        **out,
          GError      **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);
  g_autofree char *place = place_key (parent, key);

  *out = NULL;
  if (item == NULL || (!required && cJSON_IsNull (item)))
    {
      if (!required)
        return TRUE;
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: missing required key"), place);
      return FALSE;
    }
  if (!cJSON_IsString (item))
    return wrong_type (item, place, _("a string"), error);

  *out = clean_text (item->valuestring, kind, place, error);
  return *out != NULL;
}

static gboolean
get_integer (const cJSON  *object,
             const char   *parent,
             const char   *key,
             gint64        min,
             gint64        max,
             gint64       *out,
             GError      **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);
  g_autofree char *place = place_key (parent, key);
  double value;

  if (item == NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: missing required key"), place);
      return FALSE;
    }
  if (!cJSON_IsNumber (item))
    return wrong_type (item, place, _("a whole number"), error);

  value = item->valuedouble;
  if (value != floor (value) || fabs (value) > 9007199254740992.0)
    return wrong_type (item, place, _("a whole number"), error);
  if (value < (double) min)
    {
      if (min == 0)
        g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                     _("%s: must not be negative"), place);
      else
        {
          g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, min);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: must be at least %s"), place, limit);
        }
      return FALSE;
    }
  if (value > (double) max)
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: must be at most %s"), place, limit);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

static gboolean
get_boolean (const cJSON  *object,
             const char   *parent,
             const char   *key,
             gboolean     *out,
             GError      **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);
  g_autofree char *place = place_key (parent, key);

  if (item == NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: missing required key"), place);
      return FALSE;
    }
  if (!cJSON_IsBool (item))
    return wrong_type (item, place, _("true or false"), error);
  *out = cJSON_IsTrue (item);
  return TRUE;
}

/* An enumerated value given as a string; @required FALSE leaves *out untouched when absent. */
static gboolean
get_enum (const cJSON        *object,
          const char         *parent,
          const char         *key,
          gboolean            required,
          const char *const  *names,
          gsize               n_names,
          int                *out,
          GError            **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);
  g_autofree char *place = place_key (parent, key);
  int value;

  if (item == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: missing required key"), place);
      return FALSE;
    }
  if (!cJSON_IsString (item))
    return wrong_type (item, place, _("a string"), error);

  value = enum_from_string (item->valuestring, names, n_names);
  if (value < 0)
    {
      g_autofree char *allowed = enum_allowed (names, n_names);
      g_autofree char *shown = g_utf8_make_valid (item->valuestring, -1);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: unknown value “%s” (allowed: %s)"), place, shown, allowed);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static const cJSON *
get_container (const cJSON  *object,
               const char   *parent,
               const char   *key,
               gboolean      required,
               gboolean      want_array,
               GError      **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);
  g_autofree char *place = place_key (parent, key);

  if (item == NULL)
    {
      if (required)
        g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                     _("%s: missing required key"), place);
      return NULL;
    }
  if (want_array ? !cJSON_IsArray (item) : !cJSON_IsObject (item))
    {
      wrong_type (item, place, want_array ? _("a list") : _("an object"), error);
      return NULL;
    }
  return item;
}

static gboolean
parse_time_limit (const cJSON  *object,
                  const char   *parent,
                  McTimeLimit  *out,
                  GError      **error)
{
  static const char *const keys[] = { "kind", "amount", NULL };
  g_autofree char *place = place_key (parent, "time_limit");
  const cJSON *limit;
  const cJSON *amount;
  int kind = 0;

  limit = get_container (object, parent, "time_limit", TRUE, FALSE, error);
  if (limit == NULL)
    return FALSE;
  if (!check_keys (limit, place, keys, error) ||
      !get_enum (limit, place, "kind", TRUE, time_kind_names,
                 G_N_ELEMENTS (time_kind_names), &kind, error))
    return FALSE;

  out->kind = (McTimeLimitKind) kind;
  out->amount = 0;
  amount = cJSON_GetObjectItemCaseSensitive (limit, "amount");
  if (out->kind == MC_TIME_LIMIT_NONE || out->kind == MC_TIME_LIMIT_SAME_DAY)
    {
      if (amount != NULL)
        {
          g_autofree char *where = place_key (place, "amount");

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: not allowed with the kind “%s”"), where, time_kind_names[kind]);
          return FALSE;
        }
    }
  else
    {
      gint64 value = 0;

      if (!get_integer (limit, place, "amount", 1, MC_CATALOGUE_MAX_TIME_AMOUNT, &value, error))
        return FALSE;
      out->amount = (int) value;
    }
  return TRUE;
}

static McRequiredDocument *
parse_document (const cJSON  *item,
                const char   *place,
                GError      **error)
{
  static const char *const keys[] = {
    "code", "name", "form", "copies", "mandatory", "one_of", "condition", NULL
  };
  McRequiredDocument *doc;
  gint64 copies = 0;
  int form = 0;

  if (!cJSON_IsObject (item))
    {
      wrong_type (item, place, _("an object"), error);
      return NULL;
    }
  if (!check_keys (item, place, keys, error))
    return NULL;

  doc = g_new0 (McRequiredDocument, 1);
  if (!get_text (item, place, "code", TRUE, TEXT_CODE, &doc->code, error) ||
      !get_text (item, place, "name", TRUE, TEXT_NAME, &doc->name, error) ||
      !get_enum (item, place, "form", TRUE, document_form_names,
                 G_N_ELEMENTS (document_form_names), &form, error) ||
      !get_integer (item, place, "copies", 0, 100, &copies, error) ||
      !get_boolean (item, place, "mandatory", &doc->mandatory, error) ||
      !get_text (item, place, "one_of", FALSE, TEXT_CODE, &doc->one_of, error) ||
      !get_text (item, place, "condition", FALSE, TEXT_FREE, &doc->condition, error))
    {
      required_document_free (doc);
      return NULL;
    }
  doc->form = (McDocumentForm) form;
  doc->copies = (int) copies;

  if (doc->mandatory && doc->one_of != NULL)
    {
      g_autofree char *where = place_key (place, "one_of");

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: a mandatory document cannot also be one of a group of alternatives"),
                   where);
      required_document_free (doc);
      return NULL;
    }
  return doc;
}

static McProcedureFee *
parse_fee (const cJSON  *item,
           const char   *place,
           GError      **error)
{
  static const char *const keys[] = { "code", "name", "amount", "note", NULL };
  McProcedureFee *fee;

  if (!cJSON_IsObject (item))
    {
      wrong_type (item, place, _("an object"), error);
      return NULL;
    }
  if (!check_keys (item, place, keys, error))
    return NULL;

  fee = g_new0 (McProcedureFee, 1);
  /* -1: the amount is set by the provincial People's Council, or unknown. */
  if (!get_text (item, place, "code", TRUE, TEXT_CODE, &fee->code, error) ||
      !get_text (item, place, "name", TRUE, TEXT_NAME, &fee->name, error) ||
      !get_integer (item, place, "amount", -1, G_GINT64_CONSTANT (1000000000000), &fee->amount, error) ||
      !get_text (item, place, "note", FALSE, TEXT_FREE, &fee->note, error))
    {
      procedure_fee_free (fee);
      return NULL;
    }
  return fee;
}

static McProcedureStep *
parse_step (const cJSON  *item,
            const char   *place,
            GError      **error)
{
  static const char *const keys[] = { "department", "share_percent", NULL };
  McProcedureStep *step;
  gint64 share = 0;

  if (!cJSON_IsObject (item))
    {
      wrong_type (item, place, _("an object"), error);
      return NULL;
    }
  if (!check_keys (item, place, keys, error))
    return NULL;

  step = g_new0 (McProcedureStep, 1);
  if (!get_text (item, place, "department", TRUE, TEXT_NAME, &step->department, error) ||
      !get_integer (item, place, "share_percent", 1, 100, &share, error))
    {
      procedure_step_free (step);
      return NULL;
    }
  step->share_percent = (int) share;
  return step;
}

/* A one_of group of a single document is a mistake: it would be mandatory in effect
 * while saying it is an alternative. */
static gboolean
check_document_groups (const McProcedure  *procedure,
                       const char         *place,
                       GError            **error)
{
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      const McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);
      guint members = 0;

      if (doc->one_of == NULL)
        continue;
      for (guint j = 0; j < procedure->documents->len; j++)
        {
          const McRequiredDocument *other = g_ptr_array_index (procedure->documents, j);

          if (g_strcmp0 (other->one_of, doc->one_of) == 0)
            members++;
        }
      if (members < 2)
        {
          g_autofree char *docs = place_key (place, "documents");
          g_autofree char *at = place_index (docs, i);
          g_autofree char *where = place_key (at, "one_of");

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: the group “%s” has only one document; mark it mandatory instead"),
                       where, doc->one_of);
          return FALSE;
        }
    }
  return TRUE;
}

/* Documents and fees refuse a repeated code the same way. Returns the place to name in
 * the message (the new item's "code" under @where) when an earlier item in @items already
 * has @code, or NULL when it is new. The caller words the message, because each list has
 * its own translated sentence. */
static char *
duplicate_code_place (GPtrArray  *items,
                      gsize       code_offset,
                      const char *code,
                      const char *where)
{
  for (guint i = 0; i < items->len; i++)
    {
      const char *other = G_STRUCT_MEMBER (const char *, g_ptr_array_index (items, i), code_offset);

      if (g_strcmp0 (other, code) == 0)
        return place_key (where, "code");
    }
  return NULL;
}

static McProcedure *
parse_procedure (const cJSON  *item,
                 const char   *place,
                 GError      **error)
{
  static const char *const keys[] = {
    "code", "name", "field_code", "field_name", "level", "agency", "time_limit",
    "pause_rule", "time_note", "documents", "fees", "steps", "legal_basis", "source",
    "uncertain", NULL
  };
  g_autoptr(McProcedure) procedure = NULL;
  const cJSON *documents;
  const cJSON *fees;
  const cJSON *steps;
  int level = 0;
  int pause_rule = MC_PAUSE_RESUMES;
  gsize index;
  const cJSON *child;

  if (!cJSON_IsObject (item))
    {
      wrong_type (item, place, _("an object"), error);
      return NULL;
    }
  if (!check_keys (item, place, keys, error))
    return NULL;

  procedure = procedure_new ();
  if (!get_text (item, place, "code", TRUE, TEXT_CODE, &procedure->code, error))
    return NULL;
  if (!mc_procedure_code_is_valid (procedure->code))
    {
      g_autofree char *where = place_key (place, "code");

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: malformed national procedure code “%s” (expected d.dddddd, "
                     "optionally followed by a local suffix such as .000.00.00.H56)"),
                   where, procedure->code);
      return NULL;
    }

  if (!get_text (item, place, "name", TRUE, TEXT_NAME, &procedure->name, error) ||
      !get_text (item, place, "field_code", TRUE, TEXT_CODE, &procedure->field_code, error) ||
      !get_text (item, place, "field_name", TRUE, TEXT_NAME, &procedure->field_name, error) ||
      !get_enum (item, place, "level", TRUE, level_names, G_N_ELEMENTS (level_names),
                 &level, error) ||
      !get_text (item, place, "agency", TRUE, TEXT_NAME, &procedure->agency, error) ||
      !parse_time_limit (item, place, &procedure->time_limit, error) ||
      !get_enum (item, place, "pause_rule", FALSE, pause_rule_names,
                 G_N_ELEMENTS (pause_rule_names), &pause_rule, error) ||
      !get_text (item, place, "time_note", FALSE, TEXT_FREE, &procedure->time_note, error) ||
      !get_text (item, place, "legal_basis", TRUE, TEXT_FREE, &procedure->legal_basis, error) ||
      !get_text (item, place, "source", TRUE, TEXT_FREE, &procedure->source, error) ||
      !get_text (item, place, "uncertain", FALSE, TEXT_FREE, &procedure->uncertain, error))
    return NULL;
  procedure->level = (McProcedureLevel) level;
  procedure->pause_rule = (McPauseRule) pause_rule;

  documents = get_container (item, place, "documents", TRUE, TRUE, error);
  if (documents == NULL)
    return NULL;
  index = 0;
  cJSON_ArrayForEach (child, documents)
    {
      g_autofree char *list = place_key (place, "documents");
      g_autofree char *where = place_index (list, index++);
      g_autofree char *duplicate = NULL;
      McRequiredDocument *doc = parse_document (child, where, error);

      if (doc == NULL)
        return NULL;
      duplicate = duplicate_code_place (procedure->documents, G_STRUCT_OFFSET (McRequiredDocument, code),
                                        doc->code, where);
      if (duplicate != NULL)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: duplicate document code “%s”"), duplicate, doc->code);
          required_document_free (doc);
          return NULL;
        }
      g_ptr_array_add (procedure->documents, doc);
    }
  if (!check_document_groups (procedure, place, error))
    return NULL;

  fees = get_container (item, place, "fees", TRUE, TRUE, error);
  if (fees == NULL)
    return NULL;
  index = 0;
  cJSON_ArrayForEach (child, fees)
    {
      g_autofree char *list = place_key (place, "fees");
      g_autofree char *where = place_index (list, index++);
      g_autofree char *duplicate = NULL;
      McProcedureFee *fee = parse_fee (child, where, error);

      if (fee == NULL)
        return NULL;
      duplicate = duplicate_code_place (procedure->fees, G_STRUCT_OFFSET (McProcedureFee, code),
                                        fee->code, where);
      if (duplicate != NULL)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: duplicate fee code “%s”"), duplicate, fee->code);
          procedure_fee_free (fee);
          return NULL;
        }
      g_ptr_array_add (procedure->fees, fee);
    }

  /* Steps are optional; when present their shares must account for the whole time. */
  steps = cJSON_GetObjectItemCaseSensitive (item, "steps");
  if (steps != NULL && !cJSON_IsArray (steps))
    {
      g_autofree char *where = place_key (place, "steps");

      wrong_type (steps, where, _("a list"), error);
      return NULL;
    }
  if (steps != NULL)
    {
      int total = 0;

      index = 0;
      cJSON_ArrayForEach (child, steps)
        {
          g_autofree char *list = place_key (place, "steps");
          g_autofree char *where = place_index (list, index++);
          McProcedureStep *step = parse_step (child, where, error);

          if (step == NULL)
            return NULL;
          total += step->share_percent;
          g_ptr_array_add (procedure->steps, step);
        }
      if (procedure->steps->len > 0 && total != 100)
        {
          g_autofree char *where = place_key (place, "steps");
          g_autofree char *sum = g_strdup_printf ("%d", total);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("%s: the shares add up to %s%%, not 100%%"), where, sum);
          return NULL;
        }
    }

  return g_steal_pointer (&procedure);
}

static void
offset_to_line (const char *text,
                gsize       offset,
                gsize      *line,
                gsize      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset && text[i] != '\0'; i++)
    {
      if (text[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
}

gboolean
mc_catalogue_add_procedure (McCatalogue *self,
                            McProcedure *procedure,
                            const char  *list,
                            const char  *code_key,
                            GHashTable  *seen,
                            GError     **error)
{
  gpointer first;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (procedure != NULL, FALSE);
  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (code_key != NULL, FALSE);
  g_return_val_if_fail (seen != NULL, FALSE);

  /* @seen holds each code's position plus one, so that NULL can mean "not seen". */
  if ((first = g_hash_table_lookup (seen, procedure->code)) != NULL)
    {
      g_autofree char *where = place_index (list, self->procedures->len);
      g_autofree char *code_place = place_key (where, code_key);
      g_autofree char *first_place = place_index (list, GPOINTER_TO_SIZE (first) - 1);

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: duplicate procedure code “%s” (already at %s)"),
                   code_place, procedure->code, first_place);
      mc_procedure_free (procedure);
      return FALSE;
    }
  g_ptr_array_add (self->procedures, procedure);
  g_hash_table_insert (seen, procedure->code, GSIZE_TO_POINTER (self->procedures->len));
  return TRUE;
}

McCatalogue *
mc_catalogue_parse (const char  *json,
                    gsize        length,
                    GError     **error)
{
  static const char *const keys[] = { "format", "version", "procedures", NULL };
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) seen = NULL;
  const char *invalid = NULL;
  const char *parse_end = NULL;
  const cJSON *procedures;
  const cJSON *format;
  const cJSON *child;
  cJSON *root;
  gsize index;

  g_return_val_if_fail (json != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate_len (json, length, &invalid))
    {
      gsize offset = (gsize) (invalid - json);
      gsize line, column;

      offset_to_line (json, offset, &line, &column);
      if (offset < length && json[offset] == '\0')
        g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                     _("The catalogue contains a NUL byte (byte %lu, line %lu)"),
                     (unsigned long) offset, (unsigned long) line);
      else
        g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                     _("The catalogue is not valid UTF-8 (byte %lu, line %lu)"),
                     (unsigned long) offset, (unsigned long) line);
      return NULL;
    }

  /* A NUL-terminated copy: cJSON then refuses trailing garbage after the document. */
  text = g_strndup (json, length);
  root = cJSON_ParseWithOpts (text, &parse_end, TRUE);
  if (root == NULL)
    {
      gsize offset = parse_end != NULL ? (gsize) (parse_end - text) : 0;
      gsize line, column;

      offset_to_line (text, offset, &line, &column);
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("The catalogue is not valid JSON (byte %lu, line %lu, column %lu)"),
                   (unsigned long) offset, (unsigned long) line, (unsigned long) column);
      return NULL;
    }

  catalogue = g_new0 (McCatalogue, 1);
  catalogue->procedures = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_procedure_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!cJSON_IsObject (root))
    {
      wrong_type (root, _("the catalogue"), _("an object"), error);
      goto fail;
    }
  if (!check_keys (root, NULL, keys, error))
    goto fail;

  format = cJSON_GetObjectItemCaseSensitive (root, "format");
  if (format != NULL)
    {
      gint64 value = 0;

      if (!get_integer (root, NULL, "format", 1, G_MAXINT, &value, error))
        goto fail;
      if (value > CATALOGUE_FORMAT)
        {
          g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, value);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                       _("format: the catalogue uses format %s, newer than this program understands"),
                       shown);
          goto fail;
        }
    }

  if (!get_text (root, NULL, "version", TRUE, TEXT_FREE, &catalogue->version, error))
    goto fail;

  procedures = get_container (root, NULL, "procedures", TRUE, TRUE, error);
  if (procedures == NULL)
    goto fail;
  if (cJSON_GetArraySize (procedures) == 0)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE,
                   _("%s: the catalogue has no procedures"), "procedures");
      goto fail;
    }

  index = 0;
  cJSON_ArrayForEach (child, procedures)
    {
      g_autofree char *where = place_index ("procedures", index);
      McProcedure *procedure = parse_procedure (child, where, error);

      if (procedure == NULL ||
          !mc_catalogue_add_procedure (catalogue, procedure, "procedures", "code", seen, error))
        goto fail;
      index++;
    }

  cJSON_Delete (root);
  return g_steal_pointer (&catalogue);

fail:
  cJSON_Delete (root);
  return NULL;
}

McCatalogue *
mc_catalogue_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer data;
  gsize size = 0;

  /* Looked up in our own resource bundle rather than the global registry: the bundle
   * lives in a static library, and referencing it here is what links it in. */
  bytes = g_resource_lookup_data (mc_data_get_resource (), CATALOGUE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  return mc_catalogue_parse (data, size, error);
}

McProcedure *
mc_catalogue_lookup (const McCatalogue *self,
                     const char        *code)
{
  g_autofree char *national = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < self->procedures->len; i++)
    {
      McProcedure *procedure = g_ptr_array_index (self->procedures, i);

      if (g_strcmp0 (procedure->code, code) == 0)
        return procedure;
    }

  /* A local instance code (1.001193.000.00.00.H56, as the portal and QR codes carry it)
   * finds the national entry when the catalogue has no local one. */
  if (mc_procedure_code_is_valid (code) && strlen (code) > 8)
    {
      national = g_strndup (code, 8);
      for (guint i = 0; i < self->procedures->len; i++)
        {
          McProcedure *procedure = g_ptr_array_index (self->procedures, i);

          if (g_strcmp0 (procedure->code, national) == 0)
            return procedure;
        }
    }
  return NULL;
}

/* --------------------------------------------------------------- writing */

static void
add_optional_string (cJSON      *object,
                     const char *key,
                     const char *value)
{
  if (value != NULL)
    cJSON_AddStringToObject (object, key, value);
}

static cJSON *
procedure_to_json (const McProcedure *procedure)
{
  cJSON *object = cJSON_CreateObject ();
  cJSON *limit;
  cJSON *list;

  cJSON_AddStringToObject (object, "code", procedure->code);
  cJSON_AddStringToObject (object, "name", procedure->name);
  cJSON_AddStringToObject (object, "field_code", procedure->field_code);
  cJSON_AddStringToObject (object, "field_name", procedure->field_name);
  cJSON_AddStringToObject (object, "level", level_names[procedure->level]);
  cJSON_AddStringToObject (object, "agency", procedure->agency);

  limit = cJSON_AddObjectToObject (object, "time_limit");
  cJSON_AddStringToObject (limit, "kind", time_kind_names[procedure->time_limit.kind]);
  if (procedure->time_limit.kind != MC_TIME_LIMIT_NONE &&
      procedure->time_limit.kind != MC_TIME_LIMIT_SAME_DAY)
    cJSON_AddNumberToObject (limit, "amount", procedure->time_limit.amount);

  cJSON_AddStringToObject (object, "pause_rule", pause_rule_names[procedure->pause_rule]);
  add_optional_string (object, "time_note", procedure->time_note);

  list = cJSON_AddArrayToObject (object, "documents");
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      const McRequiredDocument *doc = g_ptr_array_index (procedure->documents, i);
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddStringToObject (item, "code", doc->code);
      cJSON_AddStringToObject (item, "name", doc->name);
      cJSON_AddStringToObject (item, "form", document_form_names[doc->form]);
      cJSON_AddNumberToObject (item, "copies", doc->copies);
      cJSON_AddBoolToObject (item, "mandatory", doc->mandatory);
      add_optional_string (item, "one_of", doc->one_of);
      add_optional_string (item, "condition", doc->condition);
      cJSON_AddItemToArray (list, item);
    }

  list = cJSON_AddArrayToObject (object, "fees");
  for (guint i = 0; i < procedure->fees->len; i++)
    {
      const McProcedureFee *fee = g_ptr_array_index (procedure->fees, i);
      cJSON *item = cJSON_CreateObject ();

      cJSON_AddStringToObject (item, "code", fee->code);
      cJSON_AddStringToObject (item, "name", fee->name);
      cJSON_AddNumberToObject (item, "amount", (double) fee->amount);
      add_optional_string (item, "note", fee->note);
      cJSON_AddItemToArray (list, item);
    }

  if (procedure->steps->len > 0)
    {
      list = cJSON_AddArrayToObject (object, "steps");
      for (guint i = 0; i < procedure->steps->len; i++)
        {
          const McProcedureStep *step = g_ptr_array_index (procedure->steps, i);
          cJSON *item = cJSON_CreateObject ();

          cJSON_AddStringToObject (item, "department", step->department);
          cJSON_AddNumberToObject (item, "share_percent", step->share_percent);
          cJSON_AddItemToArray (list, item);
        }
    }

  cJSON_AddStringToObject (object, "legal_basis", procedure->legal_basis);
  cJSON_AddStringToObject (object, "source", procedure->source);
  add_optional_string (object, "uncertain", procedure->uncertain);
  return object;
}

char *
mc_catalogue_to_json (const McCatalogue *self)
{
  cJSON *root;
  cJSON *list;
  char *printed;
  char *result;

  g_return_val_if_fail (self != NULL, NULL);

  root = cJSON_CreateObject ();
  cJSON_AddNumberToObject (root, "format", CATALOGUE_FORMAT);
  cJSON_AddStringToObject (root, "version", self->version != NULL ? self->version : "");
  list = cJSON_AddArrayToObject (root, "procedures");
  for (guint i = 0; i < self->procedures->len; i++)
    cJSON_AddItemToArray (list, procedure_to_json (g_ptr_array_index (self->procedures, i)));

  printed = cJSON_Print (root);
  result = g_strconcat (printed, "\n", NULL);
  cJSON_free (printed);
  cJSON_Delete (root);
  return result;
}

/* ------------------------------------------------------- document check */

gboolean
mc_procedure_check_documents (const McProcedure  *self,
                              const gboolean     *ticked,
                              gsize               n_ticked,
                              GError            **error)
{
  g_autoptr(GString) missing = NULL;
  g_autoptr(GString) groups = NULL;
  g_autoptr(GPtrArray) group_names = NULL;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (n_ticked == self->documents->len, FALSE);
  g_return_val_if_fail (ticked != NULL || n_ticked == 0, FALSE);

  missing = g_string_new (NULL);
  for (gsize i = 0; i < n_ticked; i++)
    {
      const McRequiredDocument *doc = g_ptr_array_index (self->documents, i);

      if (doc->mandatory && !ticked[i])
        g_string_append_printf (missing, "%s%s", missing->len ? "; " : "", doc->name);
    }

  /* Each group once, in the order the documents list them. */
  groups = g_string_new (NULL);
  group_names = g_ptr_array_new ();
  for (gsize i = 0; i < n_ticked; i++)
    {
      const McRequiredDocument *doc = g_ptr_array_index (self->documents, i);
      g_autoptr(GString) alternatives = NULL;
      gboolean any = FALSE;

      if (doc->one_of == NULL ||
          g_ptr_array_find_with_equal_func (group_names, doc->one_of, g_str_equal, NULL))
        continue;
      g_ptr_array_add (group_names, doc->one_of);

      alternatives = g_string_new (NULL);
      for (gsize j = i; j < n_ticked; j++)
        {
          const McRequiredDocument *other = g_ptr_array_index (self->documents, j);

          if (g_strcmp0 (other->one_of, doc->one_of) != 0)
            continue;
          any |= ticked[j];
          g_string_append_printf (alternatives, "%s%s", alternatives->len ? _(" or ") : "",
                                  other->name);
        }
      if (!any)
        {
          if (groups->len)
            g_string_append_c (groups, '\n');
          g_string_append_printf (groups, _("One of these documents is required: %s"),
                                  alternatives->str);
        }
    }

  if (missing->len == 0 && groups->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  if (missing->len)
    g_string_append_printf (message, _("Missing mandatory document: %s"), missing->str);
  if (groups->len)
    g_string_append_printf (message, "%s%s", message->len ? "\n" : "", groups->str);
  g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING, message->str);
  return FALSE;
}
