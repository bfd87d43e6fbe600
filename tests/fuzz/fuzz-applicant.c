/* fuzz-applicant.c — what the clerk types for the applicant: citizen ID, tax code, phone
 * number, e-mail address (mc-applicant.h). Each line of the input is tried as all four.
 *
 * Beyond not crashing: a phone number normalises to ten digits beginning with 0, and the
 * normal form normalises to itself; a citizen ID accepted without a birth date names a
 * province and agrees with 1 January of the birth year its digits 4 to 6 give; a tax code
 * accepted is 10 digits or 10 digits, a hyphen and 3.
 */
#include "config.h"

#include "fuzz-common.h"
#include "mc-applicant.h"

static void
check_citizen_id (const char *id)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = mc_citizen_id_validate (id, 0, FALSE, &error);
  int year;

  fuzz_check_outcome (ok, error, "mc_citizen_id_validate");
  if (!ok)
    return;

  if (strlen (id) != 12 || mc_citizen_id_province (id) == NULL)
    g_error ("the citizen ID “%s” was accepted without 12 digits and a province", id);
  year = 1900 + (id[3] - '0') / 2 * 100 + (id[4] - '0') * 10 + (id[5] - '0');
  if (!mc_citizen_id_validate (id, mc_day_from_ymd (year, 1, 1), TRUE, &error))
    g_error ("the citizen ID “%s” does not agree with a birth on 1 January %d: %s", id, year, error->message);
}

static void
check_tax_code (const char *code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = mc_tax_code_validate (code, &error);

  fuzz_check_outcome (ok, error, "mc_tax_code_validate");
  if (!ok)
    return;
  for (gsize i = 0; code[i] != '\0'; i++)
    if (!(g_ascii_isdigit (code[i]) || (i == 10 && code[i] == '-')))
      g_error ("the tax code “%s” was accepted with a stray character", code);
  if (strlen (code) != 10 && strlen (code) != 14)
    g_error ("the tax code “%s” was accepted with the wrong length", code);
}

static void
check_phone (const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = mc_phone_normalize (phone, &error);
  g_autofree char *again = NULL;

  fuzz_check_outcome (normal != NULL, error, "mc_phone_normalize");
  if (normal == NULL)
    return;
  if (strlen (normal) != 10 || normal[0] != '0')
    g_error ("the phone “%s” normalised to “%s”", phone, normal);
  for (const char *p = normal; *p; p++)
    if (!g_ascii_isdigit (*p))
      g_error ("the phone “%s” normalised to “%s”", phone, normal);
  again = mc_phone_normalize (normal, &error);
  if (g_strcmp0 (again, normal) != 0)
    g_error ("the normal phone “%s” normalises to “%s”", normal, again ? again : error->message);
}

static void
check_email (const char *email)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = mc_email_validate (email, &error);

  fuzz_check_outcome (ok, error, "mc_email_validate");
  if (ok && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    g_error ("the e-mail address “%s” was accepted without an @ or with a space", email);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 8);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      check_citizen_id (lines[i]);
      check_tax_code (lines[i]);
      check_phone (lines[i]);
      check_email (lines[i]);
    }
  return 0;
}
