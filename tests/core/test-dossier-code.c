/* test-dossier-code.c — dossier codes as printed on the slip and as read back by a scanner. */
#include "config.h"

#include <string.h>

#include "mc-dossier-code.h"
#include "mc-error.h"

#define TEMPLATE    "https://dichvucong.example-province.gov.vn/tra-cuu?ma={code}"
#define TEMPLATE_ID "https://dichvucong.example-province.gov.vn/tra-cuu?ma={code}&cccd={id}"
#define CODE        "000.00.16.H04-251122-0007"

static void
assert_day (McDay day,
            int   year,
            int   month,
            int   mday)
{
  int y, m, d;

  mc_day_to_ymd (day, &y, &m, &d);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (d, ==, mday);
}

static void
test_agency_codes (void)
{
  const char *valid[] = {
    "000.00.16.H04", "000.00.00.H56", "G22.H56", "H55.242", "H01.151.01", "000.00.04.G14",
    "AB.12", "000.00.16.H04.01",
  };
  const char *invalid[] = {
    "", "H04", "000", "000.00.16.h04", "0000.00.16.H04", "000..16.H04", ".000.00.16",
    "000.00.16.", "000.00.16.H04.01.02", "000-00-16", "000.0 0.16", "000.0.16.H04",
    "000.00.16.Đ04", "000.00.16.H04\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!mc_agency_code_is_valid (valid[i]))
      g_error ("“%s” should be a valid agency code", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (mc_agency_code_is_valid (invalid[i]))
      g_error ("“%s” should not be a valid agency code", invalid[i]);
  g_assert_false (mc_agency_code_is_valid (NULL));
}

static void
test_format (void)
{
  g_autofree char *example = mc_dossier_code_format ("000.00.16.H04",
                                                     mc_day_from_ymd (2025, 11, 22), 7);
  g_autofree char *first = mc_dossier_code_format ("G22.H56", mc_day_from_ymd (2000, 1, 1), 1);
  g_autofree char *last = mc_dossier_code_format ("H01.151.01", mc_day_from_ymd (2099, 12, 31),
                                                  9999);

  /* domain.md's example. */
  g_assert_cmpstr (example, ==, CODE);
  g_assert_cmpstr (first, ==, "G22.H56-000101-0001");
  g_assert_cmpstr (last, ==, "H01.151.01-991231-9999");
}

static void
test_parse_round_trip (void)
{
  const struct
  {
    const char *code;
    const char *agency;
    int         year, month, mday, sequence;
  } cases[] = {
    { CODE,                        "000.00.16.H04", 2025, 11, 22, 7 },
    { "G22.H56-240229-0123",       "G22.H56",       2024, 2,  29, 123 },
    { "000.00.00.H56-000101-0001", "000.00.00.H56", 2000, 1,  1,  1 },
    { "H01.151.01-991231-9999",    "H01.151.01",    2099, 12, 31, 9999 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      McDossierCode parsed = { 0 };
      g_autofree char *again = NULL;

      g_assert_true (mc_dossier_code_parse (cases[i].code, &parsed, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (parsed.agency_code, ==, cases[i].agency);
      assert_day (parsed.day, cases[i].year, cases[i].month, cases[i].mday);
      g_assert_cmpint (parsed.sequence, ==, cases[i].sequence);

      again = mc_dossier_code_format (parsed.agency_code, parsed.day, parsed.sequence);
      g_assert_cmpstr (again, ==, cases[i].code);
      mc_dossier_code_clear (&parsed);
      g_assert_null (parsed.agency_code);
    }
}

static void
assert_parse_refused (const char *text,
                      int         code,
                      const char *in_message)
{
  g_autoptr(GError) error = NULL;
  McDossierCode parsed = { NULL, 42, 42 };

  if (mc_dossier_code_parse (text, &parsed, &error))
    g_error ("“%s” should have been refused", text);
  g_assert_error (error, MC_CORE_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("refusing “%s”: “%s” does not mention “%s”", text, error->message, in_message);
  /* Nothing is handed out on refusal. */
  g_assert_null (parsed.agency_code);
  g_assert_cmpint (parsed.day, ==, 42);
  g_assert_cmpint (parsed.sequence, ==, 42);
}

static void
test_parse_refusals (void)
{
  assert_parse_refused ("", MC_CORE_ERROR_MISSING, NULL);
  assert_parse_refused (NULL, MC_CORE_ERROR_MISSING, NULL);
  assert_parse_refused ("000.00.16.H04-251122", MC_CORE_ERROR_PARSE, "000.00.16.H04-251122");
  assert_parse_refused ("000.00.16.H04-251122-0007-2", MC_CORE_ERROR_PARSE, NULL);
  assert_parse_refused ("000.00.16.H04/251122/0007", MC_CORE_ERROR_PARSE, NULL);
  /* Parsing proper is strict about case; only the scanner path forgives it. */
  assert_parse_refused ("000.00.16.h04-251122-0007", MC_CORE_ERROR_INVALID, "000.00.16.h04");
  assert_parse_refused ("0000.00.16.H04-251122-0007", MC_CORE_ERROR_INVALID, NULL);
  assert_parse_refused (" 000.00.16.H04-251122-0007", MC_CORE_ERROR_INVALID, NULL);
  assert_parse_refused ("000.00.16.H04-25112-0007", MC_CORE_ERROR_PARSE, "25112");
  assert_parse_refused ("000.00.16.H04-2511220-0007", MC_CORE_ERROR_PARSE, NULL);
  assert_parse_refused ("000.00.16.H04-25112a-0007", MC_CORE_ERROR_PARSE, NULL);
  /* Dates that do not exist: month 13, day 0, 31 November, 29 February 2025 (not a leap
   * year), 30 February 2024. */
  assert_parse_refused ("000.00.16.H04-251322-0007", MC_CORE_ERROR_INVALID, "251322");
  assert_parse_refused ("000.00.16.H04-251100-0007", MC_CORE_ERROR_INVALID, NULL);
  assert_parse_refused ("000.00.16.H04-251131-0007", MC_CORE_ERROR_INVALID, NULL);
  assert_parse_refused ("000.00.16.H04-250229-0007", MC_CORE_ERROR_INVALID, NULL);
  assert_parse_refused ("000.00.16.H04-240230-0007", MC_CORE_ERROR_INVALID, NULL);
  assert_parse_refused ("000.00.16.H04-000000-0007", MC_CORE_ERROR_INVALID, NULL);
  /* Sequence 0001–9999, exactly four digits. */
  assert_parse_refused ("000.00.16.H04-251122-0000", MC_CORE_ERROR_INVALID, "0000");
  assert_parse_refused ("000.00.16.H04-251122-007", MC_CORE_ERROR_PARSE, "007");
  assert_parse_refused ("000.00.16.H04-251122-00007", MC_CORE_ERROR_PARSE, NULL);
  assert_parse_refused ("000.00.16.H04-251122-00a7", MC_CORE_ERROR_PARSE, NULL);
  assert_parse_refused ("000.00.16.H04-251122-0007\r", MC_CORE_ERROR_PARSE, NULL);
  assert_parse_refused ("000.00.16.H04-251122-+007", MC_CORE_ERROR_PARSE, NULL);
}

static void
test_lookup_url_build (void)
{
  g_autofree char *plain = mc_lookup_url_build (TEMPLATE, CODE, NULL);
  g_autofree char *with_id = mc_lookup_url_build (TEMPLATE_ID, CODE, "001099012345");
  g_autofree char *without_id = mc_lookup_url_build (TEMPLATE_ID, CODE, NULL);
  g_autofree char *escaped = mc_lookup_url_build ("https://x.gov.vn/a?ma={code}", "A B/C&D", NULL);

  g_assert_cmpstr (plain, ==,
                   "https://dichvucong.example-province.gov.vn/tra-cuu?ma=000.00.16.H04-251122-0007");
  g_assert_cmpstr (with_id, ==,
                   "https://dichvucong.example-province.gov.vn/tra-cuu?ma=000.00.16.H04-251122-0007"
                   "&cccd=001099012345");
  g_assert_cmpstr (without_id, ==,
                   "https://dichvucong.example-province.gov.vn/tra-cuu?ma=000.00.16.H04-251122-0007"
                   "&cccd=");
  /* RFC 3986 percent-encoding of characters that would break the query. */
  g_assert_cmpstr (escaped, ==, "https://x.gov.vn/a?ma=A%20B%2FC%26D");
}

static void
test_lookup_template_validate (void)
{
  const char *valid[] = {
    TEMPLATE, TEMPLATE_ID, "http://127.0.0.1:8080/tra-cuu/{code}",
    "https://dvc.example.gov.vn/{code}?cccd={id}",
  };
  const char *invalid[] = {
    "", "dichvucong.example.gov.vn/tra-cuu?ma={code}", "ftp://x.gov.vn/{code}",
    "https://x.gov.vn/tra-cuu", "https://x.gov.vn/{code}/{code}", "https://x.gov.vn/{code}?a={id}&b={id}",
    "https://x.gov.vn/{code}?x={ma}", "https://x.gov.vn/tra cuu/{code}", "https:///{code}",
    "https://{code}",
    /* Found by tests/fuzz/fuzz-scanned-code: an ID run straight into a digit or the code
     * cannot be told apart from it when scanned ("…/0010900012340" + "00.00.16.H04-…"). */
    "https://x.gov.vn/{id}{code}", "https://x.gov.vn/{id}5{code}",
    /* Not text: refused, and the refusal still readable. */
    "https://x.gov.vn/tra-c\xfau/{code}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!mc_lookup_template_validate (valid[i], &error))
        g_error ("“%s” should be accepted: %s", valid[i], error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (mc_lookup_template_validate (invalid[i], &error))
        g_error ("“%s” should be refused", invalid[i]);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MC_CORE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (mc_lookup_template_validate (NULL, &error));
    g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
  }
}

static void
assert_scans (const char *scanned,
              const char *url_template,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = mc_scanned_input_to_code (scanned, url_template, &error);

  if (code == NULL)
    g_error ("“%s” should read as %s: %s", scanned, expected, error->message);
  g_assert_cmpstr (code, ==, expected);
}

static void
assert_scan_refused (const char *scanned,
                     const char *url_template,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read = mc_scanned_input_to_code (scanned, url_template, &error);

  if (read != NULL)
    g_error ("“%s” should be refused, read as %s", scanned, read);
  g_assert_error (error, MC_CORE_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_scan_bare_code (void)
{
  assert_scans (CODE, NULL, CODE);
  assert_scans (CODE, TEMPLATE, CODE);
  /* Scanners end what they read with CR, LF, CR LF or TAB. */
  assert_scans (CODE "\r\n", TEMPLATE, CODE);
  assert_scans (CODE "\r", TEMPLATE, CODE);
  assert_scans (CODE "\n", NULL, CODE);
  assert_scans (CODE "\t", TEMPLATE, CODE);
  assert_scans ("  " CODE " \r\n", TEMPLATE, CODE);
  /* A scanner with Caps Lock or the keyboard layout wrong sends lower-case letters. */
  assert_scans ("000.00.16.h04-251122-0007\r\n", TEMPLATE, CODE);
  assert_scans ("g22.h56-240229-0123", NULL, "G22.H56-240229-0123");
}

static void
test_scan_url (void)
{
  g_autofree char *built = mc_lookup_url_build (TEMPLATE, CODE, NULL);
  g_autofree char *built_id = mc_lookup_url_build (TEMPLATE_ID, "G22.H56-240229-0123",
                                                   "001099012345");
  g_autofree char *built_no_id = mc_lookup_url_build (TEMPLATE_ID, CODE, NULL);
  g_autofree char *built_crlf = g_strconcat (built, "\r\n", NULL);

  /* What the slip's QR carries comes back as the code. */
  assert_scans (built, TEMPLATE, CODE);
  assert_scans (built_crlf, TEMPLATE, CODE);
  assert_scans (built_id, TEMPLATE_ID, "G22.H56-240229-0123");
  assert_scans (built_no_id, TEMPLATE_ID, CODE);
  assert_scans ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE "&cccd=7",
                TEMPLATE_ID, CODE);
  /* Percent-encoded by a QR generator that encodes more than it must. */
  assert_scans ("https://dichvucong.example-province.gov.vn/tra-cuu?ma="
                "000%2E00%2E16%2EH04%2D251122%2D0007", TEMPLATE, CODE);
  /* Scheme and host compare without regard to case (RFC 3986), lower-case code letters are
   * the scanner's. */
  assert_scans ("HTTPS://DichVuCong.Example-Province.gov.vn/tra-cuu?ma=" CODE, TEMPLATE, CODE);
  assert_scans ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=000.00.16.h04-251122-0007",
                TEMPLATE, CODE);
  /* The code in the middle of the path, followed by more template text. */
  assert_scans ("http://127.0.0.1:8080/hs/" CODE "/xem", "http://127.0.0.1:8080/hs/{code}/xem", CODE);
}

/* Found by tests/fuzz/fuzz-scanned-code: when the code is followed by digits — the ID right
 * after it, or literal digits before the ID — the longest run of code characters swallowed
 * them, and the slip's own QR code did not scan back. The code ends where a code ends. */
static void
test_scan_code_followed_by_digits (void)
{
  const char *templates[] = {
    "https://tracuu.example.vn/{code}{id}",
    "https://tracuu.example.vn/{code}1{id}",
    "https://tracuu.example.vn/{code}-{id}",
  };
  const char *codes[] = { CODE, "G22.H56-240229-0123", "H01.151.01-991231-9999" };
  const char *ids[] = { NULL, "001099012345", "079215000001" };

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autofree char *url = mc_lookup_url_build (templates[t], codes[c], ids[i]);

          g_assert_true (mc_lookup_template_validate (templates[t], NULL));
          assert_scans (url, templates[t], codes[c]);
        }
  /* A half-read code in such a URL is still refused for what is wrong with it. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *code = mc_scanned_input_to_code ("https://tracuu.example.vn/000.00.16.H04-251122-007",
                                                     "https://tracuu.example.vn/{code}{id}", &error);

    g_assert_null (code);
    g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
  }
}

static void
test_scan_refusals (void)
{
  assert_scan_refused ("", TEMPLATE, MC_CORE_ERROR_MISSING);
  assert_scan_refused ("\r\n", TEMPLATE, MC_CORE_ERROR_MISSING);
  assert_scan_refused (NULL, TEMPLATE, MC_CORE_ERROR_MISSING);

  /* Another host, a look-alike host, another scheme, another path. */
  assert_scan_refused ("https://dichvucong.other-province.gov.vn/tra-cuu?ma=" CODE, TEMPLATE,
                       MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn.evil.example/tra-cuu?ma=" CODE,
                       TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("http://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE, TEMPLATE,
                       MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu/x?ma=" CODE, TEMPLATE,
                       MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/Tra-Cuu?ma=" CODE, TEMPLATE,
                       MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://evil.example/?u=https://dichvucong.example-province.gov.vn/tra-cuu?ma="
                       CODE, TEMPLATE, MC_CORE_ERROR_INVALID);
  /* Extra query, a fragment, a missing code, junk after the code. */
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE "&x=1",
                       TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE "#top",
                       TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=", TEMPLATE,
                       MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE "%20x",
                       TEMPLATE, MC_CORE_ERROR_PARSE);
  /* {id} is digits only. */
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE "&cccd=12a",
                       TEMPLATE_ID, MC_CORE_ERROR_INVALID);
  /* A well-formed URL whose code has a date that does not exist. */
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma="
                       "000.00.16.H04-250229-0007", TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=000%ZZ", TEMPLATE,
                       MC_CORE_ERROR_PARSE);
  /* A URL when the office has no template to read it with. */
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE, NULL,
                       MC_CORE_ERROR_INVALID);
  assert_scan_refused ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE, "",
                       MC_CORE_ERROR_INVALID);

  /* A code inside junk, or a valid-looking code with a date that does not exist. */
  assert_scan_refused ("Ma ho so: " CODE, TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("X" CODE, TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused (CODE "X", TEMPLATE, MC_CORE_ERROR_PARSE);
  assert_scan_refused (CODE " " CODE, TEMPLATE, MC_CORE_ERROR_PARSE);
  assert_scan_refused ("000.00.16.H04-251131-0007", TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("000.00.16.h04-251131-0007", TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("000.00.16.H04-251122-0000\r\n", TEMPLATE, MC_CORE_ERROR_INVALID);
  assert_scan_refused ("dichvucong.example-province.gov.vn/tra-cuu?ma=" CODE, TEMPLATE,
                       MC_CORE_ERROR_PARSE);
  assert_scan_refused ("000.00.16.H04–251122–0007", TEMPLATE, MC_CORE_ERROR_PARSE);
}

static void
test_scan_refusal_names_what_was_scanned (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = mc_scanned_input_to_code ("https://shop.example/qr?id=1\r\n", TEMPLATE,
                                                    &error);

  g_assert_null (code);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  /* The trimmed input and the expected form are both named, without the scanner's CR LF. */
  g_assert_nonnull (strstr (error->message, "https://shop.example/qr?id=1"));
  g_assert_null (strstr (error->message, "\r"));
  g_assert_nonnull (strstr (error->message, TEMPLATE));
  g_clear_error (&error);

  /* A lower-case code that is wrong in another way is reported as scanned, not upper-cased. */
  g_assert_null (mc_scanned_input_to_code ("000.00.16.h04-251122-007", NULL, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "000.00.16.h04"));
}

static void
test_scan_long_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_strnfill (100000, 'A');
  g_autofree char *long_url = g_strconcat ("https://dichvucong.example-province.gov.vn/tra-cuu?ma=",
                                           junk, NULL);
  g_autofree char *code = mc_scanned_input_to_code (long_url, TEMPLATE, &error);

  g_assert_null (code);
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_PARSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dossier-code/agency-code-shape", test_agency_codes);
  g_test_add_func ("/dossier-code/format", test_format);
  g_test_add_func ("/dossier-code/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/dossier-code/parse/refusals", test_parse_refusals);
  g_test_add_func ("/dossier-code/lookup-url/build", test_lookup_url_build);
  g_test_add_func ("/dossier-code/lookup-url/template-setting", test_lookup_template_validate);
  g_test_add_func ("/dossier-code/scan/bare-code", test_scan_bare_code);
  g_test_add_func ("/dossier-code/scan/url", test_scan_url);
  g_test_add_func ("/dossier-code/scan/code-followed-by-digits", test_scan_code_followed_by_digits);
  g_test_add_func ("/dossier-code/scan/refusals", test_scan_refusals);
  g_test_add_func ("/dossier-code/scan/message-names-input", test_scan_refusal_names_what_was_scanned);
  g_test_add_func ("/dossier-code/scan/very-long-input", test_scan_long_input);

  return g_test_run ();
}
