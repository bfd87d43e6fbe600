/* test-catalogue.c — the procedure catalogue: the bundled data, the parser, the writer and
 * the document check.
 *
 * Facts checked against the bundled file come from the law and public procedure pages
 * (Luật Cư trú 2020 Art. 22, Thông tư 226/2016/TT-BTC, Thông tư 75/2022/TT-BTC, the
 * provinces' procedure pages), never from the parser's own output. Every malformed fixture
 * in tests/data/catalogue must be refused with the place of the problem in the message.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mc-catalogue.h"
#include "mc-error.h"

static char *
fixture_path (const char *name)
{
  const char *root = g_getenv ("MOTCUA_SOURCE_DIR");

  if (root == NULL)
    return NULL;
  return g_build_filename (root, "tests", "data", "catalogue", name, NULL);
}

static McCatalogue *
parse_fixture (const char  *name,
               GError     **error)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  return mc_catalogue_parse (text, length, error);
}

static gboolean
have_source_dir (void)
{
  if (g_getenv ("MOTCUA_SOURCE_DIR") != NULL)
    return TRUE;
  g_test_skip ("MOTCUA_SOURCE_DIR is not set");
  return FALSE;
}

static void
assert_procedures_equal (const McProcedure *a,
                         const McProcedure *b)
{
  g_assert_cmpstr (a->code, ==, b->code);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->field_code, ==, b->field_code);
  g_assert_cmpstr (a->field_name, ==, b->field_name);
  g_assert_cmpint (a->level, ==, b->level);
  g_assert_cmpstr (a->agency, ==, b->agency);
  g_assert_cmpint (a->time_limit.kind, ==, b->time_limit.kind);
  g_assert_cmpint (a->time_limit.amount, ==, b->time_limit.amount);
  g_assert_cmpint (a->pause_rule, ==, b->pause_rule);
  g_assert_cmpstr (a->time_note, ==, b->time_note);
  g_assert_cmpstr (a->legal_basis, ==, b->legal_basis);
  g_assert_cmpstr (a->source, ==, b->source);
  g_assert_cmpstr (a->uncertain, ==, b->uncertain);

  g_assert_cmpuint (a->documents->len, ==, b->documents->len);
  for (guint i = 0; i < a->documents->len; i++)
    {
      const McRequiredDocument *x = g_ptr_array_index (a->documents, i);
      const McRequiredDocument *y = g_ptr_array_index (b->documents, i);

      g_assert_cmpstr (x->code, ==, y->code);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->form, ==, y->form);
      g_assert_cmpint (x->copies, ==, y->copies);
      g_assert_cmpint (x->mandatory, ==, y->mandatory);
      g_assert_cmpstr (x->one_of, ==, y->one_of);
      g_assert_cmpstr (x->condition, ==, y->condition);
    }
  g_assert_cmpuint (a->fees->len, ==, b->fees->len);
  for (guint i = 0; i < a->fees->len; i++)
    {
      const McProcedureFee *x = g_ptr_array_index (a->fees, i);
      const McProcedureFee *y = g_ptr_array_index (b->fees, i);

      g_assert_cmpstr (x->code, ==, y->code);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->amount, ==, y->amount);
      g_assert_cmpstr (x->note, ==, y->note);
    }
  g_assert_cmpuint (a->steps->len, ==, b->steps->len);
  for (guint i = 0; i < a->steps->len; i++)
    {
      const McProcedureStep *x = g_ptr_array_index (a->steps, i);
      const McProcedureStep *y = g_ptr_array_index (b->steps, i);

      g_assert_cmpstr (x->department, ==, y->department);
      g_assert_cmpint (x->share_percent, ==, y->share_percent);
    }
}

static void
assert_catalogues_equal (const McCatalogue *a,
                         const McCatalogue *b)
{
  g_assert_cmpstr (a->version, ==, b->version);
  g_assert_cmpuint (a->procedures->len, ==, b->procedures->len);
  for (guint i = 0; i < a->procedures->len; i++)
    assert_procedures_equal (g_ptr_array_index (a->procedures, i),
                             g_ptr_array_index (b->procedures, i));
}

static gboolean
is_nfc (const char *text)
{
  g_autofree char *nfc = NULL;

  if (text == NULL)
    return TRUE;
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return g_strcmp0 (nfc, text) == 0;
}

/* ------------------------------------------------------- bundled data */

static void
test_bundled_parses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCatalogue) catalogue = mc_catalogue_new_default (&error);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  guint communes = 0, provinces = 0;

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  g_assert_cmpuint (catalogue->procedures->len, >=, 45);

  for (guint i = 0; i < catalogue->procedures->len; i++)
    {
      const McProcedure *p = g_ptr_array_index (catalogue->procedures, i);

      g_assert_true (mc_procedure_code_is_valid (p->code));
      g_assert_false (g_hash_table_contains (codes, p->code));
      g_hash_table_add (codes, p->code);
      g_assert_true (p->name != NULL && *p->name);
      g_assert_true (p->field_code != NULL && *p->field_code);
      g_assert_true (p->field_name != NULL && *p->field_name);
      g_assert_true (p->agency != NULL && *p->agency);
      g_assert_true (p->legal_basis != NULL && *p->legal_basis);
      g_assert_true (p->source != NULL && *p->source);
      g_assert_true (is_nfc (p->name) && is_nfc (p->field_name) && is_nfc (p->agency));
      if (p->time_limit.kind == MC_TIME_LIMIT_WORKING_DAYS ||
          p->time_limit.kind == MC_TIME_LIMIT_WORKING_HOURS ||
          p->time_limit.kind == MC_TIME_LIMIT_CALENDAR_DAYS)
        g_assert_cmpint (p->time_limit.amount, >, 0);
      /* every procedure a citizen files has at least one document to hand in or show */
      g_assert_cmpuint (p->documents->len, >, 0);
      for (guint j = 0; j < p->documents->len; j++)
        {
          const McRequiredDocument *doc = g_ptr_array_index (p->documents, j);

          g_assert_true (is_nfc (doc->name));
        }
      if (p->level == MC_LEVEL_COMMUNE)
        communes++;
      else
        provinces++;
    }
  /* the catalogue is for commune counters first, with the province's own procedures */
  g_assert_cmpuint (communes, >=, 30);
  g_assert_cmpuint (provinces, >=, 5);
}

static void
test_bundled_known_facts (void)
{
  g_autoptr(McCatalogue) catalogue = mc_catalogue_new_default (NULL);
  const McProcedure *birth, *copy, *residence, *marital, *signature;
  gboolean birth_certificate_alternative = FALSE;

  g_assert_nonnull (catalogue);

  /* Đăng ký khai sinh: same day (Luật Hộ tịch; dichvucong.gov.vn), in Hộ tịch, at the commune */
  birth = mc_catalogue_lookup (catalogue, "1.001193");
  g_assert_nonnull (birth);
  g_assert_cmpstr (birth->name, ==, "Đăng ký khai sinh");
  g_assert_cmpstr (birth->field_name, ==, "Hộ tịch");
  g_assert_cmpint (birth->time_limit.kind, ==, MC_TIME_LIMIT_SAME_DAY);
  g_assert_cmpint (birth->level, ==, MC_LEVEL_COMMUNE);
  g_assert_cmpint (birth->pause_rule, ==, MC_PAUSE_RESUMES);
  /* "Giấy chứng sinh; trường hợp không có thì văn bản của người làm chứng": alternatives */
  for (guint i = 0; i < birth->documents->len; i++)
    {
      const McRequiredDocument *doc = g_ptr_array_index (birth->documents, i);

      if (strstr (doc->name, "Giấy chứng sinh") != NULL)
        {
          g_assert_nonnull (doc->one_of);
          g_assert_false (doc->mandatory);
          birth_certificate_alternative = TRUE;
        }
    }
  g_assert_true (birth_certificate_alternative);

  /* Chứng thực bản sao: 2,000 đ per page, at most 200,000 đ per copy (Thông tư 226/2016/TT-BTC) */
  copy = mc_catalogue_lookup (catalogue, "2.000815");
  g_assert_nonnull (copy);
  g_assert_cmpstr (copy->field_name, ==, "Chứng thực");
  g_assert_cmpint (copy->time_limit.kind, ==, MC_TIME_LIMIT_SAME_DAY);
  g_assert_cmpuint (copy->fees->len, >=, 1);
  g_assert_cmpint (((McProcedureFee *) g_ptr_array_index (copy->fees, 0))->amount, ==, 2000);
  g_assert_nonnull (strstr (((McProcedureFee *) g_ptr_array_index (copy->fees, 0))->note, "200.000"));

  /* Đăng ký thường trú: 7 working days (Luật Cư trú 2020 Art. 22); 20,000 đ at the counter */
  residence = mc_catalogue_lookup (catalogue, "1.004222");
  g_assert_nonnull (residence);
  g_assert_cmpint (residence->time_limit.kind, ==, MC_TIME_LIMIT_WORKING_DAYS);
  g_assert_cmpint (residence->time_limit.amount, ==, 7);
  g_assert_cmpint (((McProcedureFee *) g_ptr_array_index (residence->fees, 0))->amount, ==, 20000);
  g_assert_nonnull (strstr (residence->agency, "Công an"));

  /* Xác nhận tình trạng hôn nhân: 3 working days (An Giang's procedure page) */
  marital = mc_catalogue_lookup (catalogue, "1.004873");
  g_assert_nonnull (marital);
  g_assert_cmpint (marital->time_limit.kind, ==, MC_TIME_LIMIT_WORKING_DAYS);
  g_assert_cmpint (marital->time_limit.amount, ==, 3);

  /* Chứng thực chữ ký: 10,000 đ per case */
  signature = mc_catalogue_lookup (catalogue, "2.000884");
  g_assert_nonnull (signature);
  g_assert_cmpint (((McProcedureFee *) g_ptr_array_index (signature->fees, 0))->amount, ==, 10000);
}

static void
test_bundled_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCatalogue) first = mc_catalogue_new_default (&error);
  g_autoptr(McCatalogue) second = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  json = mc_catalogue_to_json (first);
  second = mc_catalogue_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  assert_catalogues_equal (first, second);

  again = mc_catalogue_to_json (second);
  g_assert_cmpstr (json, ==, again);
}

/* --------------------------------------------------------------- parser */

static void
test_parse_valid_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCatalogue) catalogue = NULL;
  const McProcedure *p;
  const McRequiredDocument *doc;
  const McProcedureFee *fee;

  if (!have_source_dir ())
    return;
  catalogue = parse_fixture ("valid.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (catalogue->version, ==, "fixture-1");
  g_assert_cmpuint (catalogue->procedures->len, ==, 5);

  p = g_ptr_array_index (catalogue->procedures, 0);
  g_assert_cmpstr (p->code, ==, "1.001193");
  g_assert_cmpuint (p->documents->len, ==, 4);
  doc = g_ptr_array_index (p->documents, 2);
  g_assert_cmpstr (doc->name, ==, "Văn bản của người làm chứng");
  g_assert_cmpstr (doc->one_of, ==, "viec-sinh");
  g_assert_cmpstr (doc->condition, ==, "Không có Giấy chứng sinh");
  g_assert_false (doc->mandatory);
  fee = g_ptr_array_index (p->fees, 1);
  g_assert_cmpint (fee->amount, ==, -1);
  g_assert_cmpuint (p->steps->len, ==, 2);
  g_assert_cmpint (((McProcedureStep *) g_ptr_array_index (p->steps, 1))->share_percent, ==, 80);

  p = g_ptr_array_index (catalogue->procedures, 1);
  g_assert_cmpstr (p->code, ==, "1.004222.000.00.00.H56");
  g_assert_cmpint (p->pause_rule, ==, MC_PAUSE_RESTARTS);
  g_assert_cmpint (p->time_limit.kind, ==, MC_TIME_LIMIT_WORKING_DAYS);
  g_assert_cmpint (p->time_limit.amount, ==, 7);
  g_assert_null (p->uncertain);
  doc = g_ptr_array_index (p->documents, 1);
  g_assert_cmpint (doc->form, ==, MC_DOCUMENT_CERTIFIED_COPY);
  g_assert_cmpint (doc->copies, ==, 2);

  p = g_ptr_array_index (catalogue->procedures, 2);
  g_assert_cmpint (p->level, ==, MC_LEVEL_PROVINCE);
  g_assert_cmpint (p->time_limit.kind, ==, MC_TIME_LIMIT_CALENDAR_DAYS);
  g_assert_cmpint (p->time_limit.amount, ==, 15);
  g_assert_cmpint (p->pause_rule, ==, MC_PAUSE_RESUMES);   /* the default when absent */
  g_assert_cmpuint (p->steps->len, ==, 0);

  p = g_ptr_array_index (catalogue->procedures, 3);
  g_assert_cmpint (p->time_limit.kind, ==, MC_TIME_LIMIT_WORKING_HOURS);
  g_assert_cmpint (p->time_limit.amount, ==, 4);
  g_assert_cmpint (((McRequiredDocument *) g_ptr_array_index (p->documents, 0))->form, ==,
                   MC_DOCUMENT_ORIGINAL_OR_COPY);

  p = g_ptr_array_index (catalogue->procedures, 4);
  g_assert_cmpint (p->time_limit.kind, ==, MC_TIME_LIMIT_NONE);
}

static void
test_parse_round_trip_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCatalogue) first = NULL;
  g_autoptr(McCatalogue) second = NULL;
  g_autofree char *json = NULL;

  if (!have_source_dir ())
    return;
  first = parse_fixture ("valid.json", &error);
  g_assert_no_error (error);
  json = mc_catalogue_to_json (first);
  second = mc_catalogue_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  assert_catalogues_equal (first, second);
}

typedef struct
{
  const char *file;
  const char *expected;      /* a part of the message: the place, or what is wrong */
} Malformed;

static const Malformed malformed[] = {
  { "not-json.json",                 "line 6" },
  { "trailing-garbage.json",         "not valid JSON" },
  { "invalid-utf8.json",             "not valid UTF-8" },
  { "missing-name.json",             "procedures[2].name: missing required key" },
  { "wrong-type-copies.json",        "procedures[1].documents[1].copies: expected a whole number" },
  { "unknown-form.json",             "procedures[0].documents[3].form: unknown value “photocopy”" },
  { "duplicate-code.json",           "procedures[3].code: duplicate procedure code “1.001193” (already at procedures[0])" },
  { "negative-copies.json",          "procedures[3].documents[0].copies: must not be negative" },
  { "bad-shares.json",               "procedures[0].steps: the shares add up to 90%" },
  { "empty-name.json",               "procedures[1].documents[0].name: must not be empty" },
  { "bad-code.json",                 "procedures[4].code: malformed national procedure code “1.00119”" },
  { "bad-local-code.json",           "procedures[1].code: malformed" },
  { "unknown-level.json",            "procedures[2].level: unknown value “district”" },
  { "unknown-key.json",              "procedures[2].documents[0].mandatroy: unknown key" },
  { "lonely-one-of.json",            "procedures[0].documents[1].one_of" },
  { "mandatory-one-of.json",         "procedures[0].documents[1].one_of: a mandatory document" },
  { "same-day-amount.json",          "procedures[0].time_limit.amount: not allowed" },
  { "zero-days.json",                "procedures[1].time_limit.amount: must be at least 1" },
  { "unknown-time-kind.json",        "procedures[2].time_limit.kind: unknown value “weeks”" },
  { "missing-time-limit.json",       "procedures[3].time_limit: missing required key" },
  { "fee-below-minus-one.json",      "procedures[1].fees[0].amount: must be at least -1" },
  { "fractional-fee.json",           "procedures[1].fees[0].amount: expected a whole number" },
  { "duplicate-document-code.json",  "procedures[2].documents[1].code: duplicate document code “don”" },
  { "no-procedures.json",            "procedures: the catalogue has no procedures" },
  { "newer-format.json",             "format: " },
  { "missing-version.json",          "version: missing required key" },
  { "procedures-not-list.json",      "procedures: expected a list, found an object" },
  { "mandatory-not-bool.json",       "procedures[4].documents[0].mandatory: expected true or false" },
  { "bad-pause-rule.json",           "procedures[1].pause_rule: unknown value “stops”" },
  { "duplicate-key.json",            "procedures[2].agency: key given twice" },
};

static void
test_parse_malformed (void)
{
  if (!have_source_dir ())
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McCatalogue) catalogue = parse_fixture (malformed[i].file, &error);

      if (catalogue != NULL || error == NULL || strstr (error->message, malformed[i].expected) == NULL)
        g_test_message ("%s: %s", malformed[i].file, error ? error->message : "accepted");
      g_assert_null (catalogue);
      g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, malformed[i].expected));
    }
}

/* Every fixture in the folder that is not a valid one or a portal answer is listed above:
 * a new malformed fixture cannot be forgotten. */
static void
test_parse_every_fixture_listed (void)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!have_source_dir ())
    return;
  dir_path = fixture_path ("");
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = g_str_equal (name, "valid.json") || g_str_has_prefix (name, "portal-");

      for (gsize i = 0; i < G_N_ELEMENTS (malformed) && !listed; i++)
        listed = g_str_equal (name, malformed[i].file);
      if (!listed)
        g_test_message ("unlisted fixture %s", name);
      g_assert_true (listed);
    }
}

static const char minimal_head[] =
  "{\"version\": \"t\", \"procedures\": [{\"code\": \"1.001193\", \"name\": ";
static const char minimal_tail[] =
  ", \"field_code\": \"ho-tich\", \"field_name\": \"Hộ tịch\", \"level\": \"commune\","
  " \"agency\": \"UBND xã\", \"time_limit\": {\"kind\": \"same-day\"}, \"documents\": [],"
  " \"fees\": [], \"legal_basis\": \"Luật Hộ tịch\", \"source\": \"test\"}]}";

static McCatalogue *
parse_with_name (const char  *quoted_name,
                 GError     **error)
{
  g_autofree char *json = g_strconcat (minimal_head, quoted_name, minimal_tail, NULL);

  return mc_catalogue_parse (json, strlen (json), error);
}

static void
test_parse_names_nfc (void)
{
  g_autoptr(GError) error = NULL;
  /* "Đăng ký" typed with a combining acute accent, and stray spaces */
  g_autoptr(McCatalogue) catalogue = parse_with_name ("\"  \xc4\x90\xc4\x83ng ky\xcc\x81   khai sinh \"", &error);
  const McProcedure *p;

  g_assert_no_error (error);
  p = g_ptr_array_index (catalogue->procedures, 0);
  g_assert_cmpstr (p->name, ==, "Đăng ký khai sinh");
  g_assert_true (is_nfc (p->name));
}

static void
test_parse_rejects_empty_and_nul (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCatalogue) empty = mc_catalogue_parse ("", 0, &error);
  static const char with_nul[] = "{\"version\": \"a\0b\"}";
  g_autoptr(McCatalogue) nul = NULL;

  g_assert_null (empty);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
  g_clear_error (&error);

  nul = mc_catalogue_parse (with_nul, sizeof with_nul - 1, &error);
  g_assert_null (nul);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "byte 14"));
}

static void
test_code_validity (void)
{
  static const char *const good[] = {
    "1.001193", "2.000815", "3.000333", "1.001193.000.00.00.H56", "2.000908.000.00.00.H14",
  };
  static const char *const bad[] = {
    "", "1.00119", "1.0011930", "1001193", "a.001193", "1.001193.", "1.001193..H56",
    "1.001193 ", " 1.001193", "1.001193.H 56", "12.001193", "1.001193-H56",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (mc_procedure_code_is_valid (good[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (mc_procedure_code_is_valid (bad[i]));
  g_assert_false (mc_procedure_code_is_valid (NULL));
}

static void
test_lookup (void)
{
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_source_dir ())
    return;
  catalogue = parse_fixture ("valid.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (mc_catalogue_lookup (catalogue, "1.001193")->name, ==, "Đăng ký khai sinh");
  /* a local instance code finds the national entry */
  g_assert_cmpstr (mc_catalogue_lookup (catalogue, "1.001193.000.00.00.H04")->name, ==, "Đăng ký khai sinh");
  /* a local entry is found by its own code */
  g_assert_cmpstr (mc_catalogue_lookup (catalogue, "1.004222.000.00.00.H56")->name, ==, "Đăng ký thường trú");
  g_assert_null (mc_catalogue_lookup (catalogue, "9.999999"));
  g_assert_null (mc_catalogue_lookup (catalogue, "khai sinh"));
}

static void
test_forms_and_levels (void)
{
  McDocumentForm form = MC_DOCUMENT_COPY;

  g_assert_cmpstr (mc_document_form_to_string (MC_DOCUMENT_CERTIFIED_COPY), ==, "certified-copy");
  g_assert_true (mc_document_form_from_string ("original-or-copy", &form));
  g_assert_cmpint (form, ==, MC_DOCUMENT_ORIGINAL_OR_COPY);
  g_assert_false (mc_document_form_from_string ("photocopy", &form));
  g_assert_false (mc_document_form_from_string (NULL, &form));
  g_assert_cmpstr (mc_document_form_describe (MC_DOCUMENT_ORIGINAL), ==, "Bản chính");
  g_assert_cmpstr (mc_document_form_describe (MC_DOCUMENT_CERTIFIED_COPY), ==, "Bản sao có chứng thực");
  g_assert_cmpstr (mc_procedure_level_to_string (MC_LEVEL_PROVINCE), ==, "province");
}

static void
test_procedure_copy (void)
{
  g_autoptr(McCatalogue) catalogue = mc_catalogue_new_default (NULL);
  g_autoptr(McProcedure) copy = NULL;
  const McProcedure *original;

  g_assert_nonnull (catalogue);
  original = mc_catalogue_lookup (catalogue, "1.001193");
  copy = mc_procedure_copy (original);
  assert_procedures_equal (original, copy);
  g_assert_true (copy->name != original->name);
}

/* ------------------------------------------------------- document check */

static McProcedure *
birth_procedure (McCatalogue **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = parse_fixture ("valid.json", &error);
  g_assert_no_error (error);
  /* to-khai (mandatory), chung-sinh | lam-chung (one_of viec-sinh), uy-quyen (conditional) */
  return g_ptr_array_index ((*keep)->procedures, 0);
}

static void
test_documents_complete (void)
{
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(GError) error = NULL;
  McProcedure *p;
  const gboolean with_certificate[] = { TRUE, TRUE, FALSE, FALSE };
  const gboolean with_witness[] = { TRUE, FALSE, TRUE, FALSE };

  if (!have_source_dir ())
    return;
  p = birth_procedure (&catalogue);
  g_assert_true (mc_procedure_check_documents (p, with_certificate, 4, &error));
  g_assert_no_error (error);
  g_assert_true (mc_procedure_check_documents (p, with_witness, 4, &error));
  g_assert_no_error (error);
}

static void
test_documents_mandatory_missing (void)
{
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(GError) error = NULL;
  McProcedure *p;
  const gboolean no_form[] = { FALSE, TRUE, FALSE, TRUE };

  if (!have_source_dir ())
    return;
  p = birth_procedure (&catalogue);
  g_assert_false (mc_procedure_check_documents (p, no_form, 4, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "Tờ khai đăng ký khai sinh"));
  /* the optional power of attorney is not demanded */
  g_assert_null (strstr (error->message, "ủy quyền"));
}

static void
test_documents_one_of_missing (void)
{
  g_autoptr(McCatalogue) catalogue = NULL;
  g_autoptr(GError) error = NULL;
  McProcedure *p;
  const gboolean neither[] = { TRUE, FALSE, FALSE, TRUE };
  const gboolean nothing[] = { FALSE, FALSE, FALSE, FALSE };

  if (!have_source_dir ())
    return;
  p = birth_procedure (&catalogue);
  g_assert_false (mc_procedure_check_documents (p, neither, 4, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "Giấy chứng sinh"));
  g_assert_nonnull (strstr (error->message, "Văn bản của người làm chứng"));
  g_assert_null (strstr (error->message, "Tờ khai"));
  g_clear_error (&error);

  /* both problems at once are both reported */
  g_assert_false (mc_procedure_check_documents (p, nothing, 4, &error));
  g_assert_nonnull (strstr (error->message, "Tờ khai đăng ký khai sinh"));
  g_assert_nonnull (strstr (error->message, "Giấy chứng sinh"));
}

static void
test_documents_bundled_birth (void)
{
  g_autoptr(McCatalogue) catalogue = mc_catalogue_new_default (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *ticked = NULL;
  const McProcedure *birth;

  g_assert_nonnull (catalogue);
  birth = mc_catalogue_lookup (catalogue, "1.001193");
  ticked = g_new0 (gboolean, birth->documents->len);

  /* mandatory ones only: the birth proof group is still missing */
  for (guint i = 0; i < birth->documents->len; i++)
    ticked[i] = ((McRequiredDocument *) g_ptr_array_index (birth->documents, i))->mandatory;
  g_assert_false (mc_procedure_check_documents (birth, ticked, birth->documents->len, &error));
  g_assert_nonnull (strstr (error->message, "Giấy chứng sinh"));
  g_clear_error (&error);

  /* plus a witness statement: accepted */
  for (guint i = 0; i < birth->documents->len; i++)
    if (strstr (((McRequiredDocument *) g_ptr_array_index (birth->documents, i))->name, "làm chứng"))
      ticked[i] = TRUE;
  g_assert_true (mc_procedure_check_documents (birth, ticked, birth->documents->len, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalogue/bundled/parses", test_bundled_parses);
  g_test_add_func ("/catalogue/bundled/known-facts", test_bundled_known_facts);
  g_test_add_func ("/catalogue/bundled/round-trip", test_bundled_round_trip);
  g_test_add_func ("/catalogue/parse/valid-fixture", test_parse_valid_fixture);
  g_test_add_func ("/catalogue/parse/round-trip-fixture", test_parse_round_trip_fixture);
  g_test_add_func ("/catalogue/parse/malformed-refused-with-place", test_parse_malformed);
  g_test_add_func ("/catalogue/parse/every-fixture-listed", test_parse_every_fixture_listed);
  g_test_add_func ("/catalogue/parse/names-nfc", test_parse_names_nfc);
  g_test_add_func ("/catalogue/parse/empty-and-nul", test_parse_rejects_empty_and_nul);
  g_test_add_func ("/catalogue/code-validity", test_code_validity);
  g_test_add_func ("/catalogue/lookup", test_lookup);
  g_test_add_func ("/catalogue/forms-and-levels", test_forms_and_levels);
  g_test_add_func ("/catalogue/procedure-copy", test_procedure_copy);
  g_test_add_func ("/catalogue/documents/complete", test_documents_complete);
  g_test_add_func ("/catalogue/documents/mandatory-missing", test_documents_mandatory_missing);
  g_test_add_func ("/catalogue/documents/one-of-missing", test_documents_one_of_missing);
  g_test_add_func ("/catalogue/documents/bundled-birth", test_documents_bundled_birth);

  return g_test_run ();
}
