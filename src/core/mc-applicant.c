/* mc-applicant.c — checking who submits a dossier, at the counter, before anything is saved.
 *
 * A wrong ID number typed at the counter travels to the portal and onto the slip, and is
 * found only when the citizen comes back; so each check here says exactly which rule the
 * value breaks. The rules:
 *
 *  - Citizen ID (số định danh cá nhân, the CCCD number): 12 digits. Digits 1–3 are the
 *    province of birth registration from the list of Circular 07/2016/TT-BCA, Appendix 1
 *    (as amended by Circular 59/2021/TT-BCA; codes 001–096 with gaps). Digit 4 is gender and
 *    century: 0/1 male/female born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299,
 *    8/9 2300–2399. Digits 5–6 are the last two digits of the birth year.
 *  - Tax code (mã số thuế): 10 digits, or 10 digits, '-' and a 3-digit branch number. The
 *    10th digit is the check digit of the tax authority (Decision 75/1998/QĐ-TCT, kept by
 *    later circulars): 10 − (31·d1 + 29·d2 + 23·d3 + 19·d4 + 17·d5 + 13·d6 + 7·d7 + 5·d8 +
 *    3·d9) mod 11; first nine digits giving 10 are never issued.
 *  - Phone: 10 digits beginning with 0, or +84 / 84 and 9 digits; stored as 0xxxxxxxxx.
 *  - Email: a pragmatic check that catches typing errors, not RFC 5322.
 */
#include "config.h"

#include <string.h>

#include "mc-applicant.h"
#include "mc-error.h"
#include "mc-i18n.h"

typedef struct
{
  const char *code;
  const char *name;
} Province;

/* Circular 07/2016/TT-BCA, Appendix 1: province codes of birth registration. They keep
 * the 63 provinces of 2016 also after the 2025 merger of provinces: a code records where a
 * birth was registered, and IDs already issued do not change. */
static const Province provinces[] = {
  { "001", "Hà Nội" },
  { "002", "Hà Giang" },
  { "004", "Cao Bằng" },
  { "006", "Bắc Kạn" },
  { "008", "Tuyên Quang" },
  { "010", "Lào Cai" },
  { "011", "Điện Biên" },
  { "012", "Lai Châu" },
  { "014", "Sơn La" },
  { "015", "Yên Bái" },
  { "017", "Hòa Bình" },
  { "019", "Thái Nguyên" },
  { "020", "Lạng Sơn" },
  { "022", "Quảng Ninh" },
  { "024", "Bắc Giang" },
  { "025", "Phú Thọ" },
  { "026", "Vĩnh Phúc" },
  { "027", "Bắc Ninh" },
  { "030", "Hải Dương" },
  { "031", "Hải Phòng" },
  { "033", "Hưng Yên" },
  { "034", "Thái Bình" },
  { "035", "Hà Nam" },
  { "036", "Nam Định" },
  { "037", "Ninh Bình" },
  { "038", "Thanh Hóa" },
  { "040", "Nghệ An" },
  { "042", "Hà Tĩnh" },
  { "044", "Quảng Bình" },
  { "045", "Quảng Trị" },
  { "046", "Thừa Thiên Huế" },
  { "048", "Đà Nẵng" },
  { "049", "Quảng Nam" },
  { "051", "Quảng Ngãi" },
  { "052", "Bình Định" },
  { "054", "Phú Yên" },
  { "056", "Khánh Hòa" },
  { "058", "Ninh Thuận" },
  { "060", "Bình Thuận" },
  { "062", "Kon Tum" },
  { "064", "Gia Lai" },
  { "066", "Đắk Lắk" },
  { "067", "Đắk Nông" },
  { "068", "Lâm Đồng" },
  { "070", "Bình Phước" },
  { "072", "Tây Ninh" },
  { "074", "Bình Dương" },
  { "075", "Đồng Nai" },
  { "077", "Bà Rịa – Vũng Tàu" },
  { "079", "Hồ Chí Minh" },
  { "080", "Long An" },
  { "082", "Tiền Giang" },
  { "083", "Bến Tre" },
  { "084", "Trà Vinh" },
  { "086", "Vĩnh Long" },
  { "087", "Đồng Tháp" },
  { "089", "An Giang" },
  { "091", "Kiên Giang" },
  { "092", "Cần Thơ" },
  { "093", "Hậu Giang" },
  { "094", "Sóc Trăng" },
  { "095", "Bạc Liêu" },
  { "096", "Cà Mau" },
};

#define CITIZEN_ID_DIGITS 12

/* First year of the century that digit 4 of a citizen ID names (even: male, odd: female). */
static int
century_base (char digit)
{
  return 1900 + ((digit - '0') / 2) * 100;
}

static McDay
today (void)
{
  return mc_time_local_day (mc_time_now ());
}

static int
year_of (McDay day)
{
  int year;

  mc_day_to_ymd (day, &year, NULL, NULL);
  return year;
}

/* The first character of @text that is not an ASCII digit, as a new string, or NULL. */
static char *
first_non_digit (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        continue;
      if (g_utf8_validate (p, -1, NULL))
        return g_strndup (p, (gsize) (g_utf8_next_char (p) - p));
      return g_strdup_printf ("\\x%02X", (guchar) *p);
    }
  return NULL;
}

const char *
mc_citizen_id_province (const char *id)
{
  if (id == NULL || !g_ascii_isdigit (id[0]) || !g_ascii_isdigit (id[1]) ||
      !g_ascii_isdigit (id[2]))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (strncmp (id, provinces[i].code, 3) == 0)
      return provinces[i].name;
  return NULL;
}

gboolean
mc_citizen_id_validate (const char  *id,
                        McDay        birth_day,
                        gboolean     has_birth_day,
                        GError     **error)
{
  g_autofree char *bad = NULL;
  gsize length;
  int id_year;

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The citizen ID is empty"));
      return FALSE;
    }

  bad = first_non_digit (id);
  if (bad != NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Citizen ID contains a non-digit character “%s”"), bad);
      return FALSE;
    }

  length = strlen (id);
  if (length != CITIZEN_ID_DIGITS)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("Citizen ID must have exactly 12 digits (%d entered)"),
                   (int) MIN (length, G_MAXINT));
      return FALSE;
    }

  if (mc_citizen_id_province (id) == NULL)
    {
      char code[4] = { id[0], id[1], id[2], '\0' };

      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not a province code of the citizen ID list"), code);
      return FALSE;
    }

  id_year = century_base (id[3]) + (id[4] - '0') * 10 + (id[5] - '0');

  if (has_birth_day)
    {
      int birth_year = year_of (birth_day);

      if (birth_day > today ())
        {
          g_autofree char *shown = mc_day_format_vi (birth_day);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The birth date %s is in the future"), shown);
          return FALSE;
        }
      if (birth_year < century_base (id[3]) || birth_year > century_base (id[3]) + 99)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The citizen ID's century digit %c does not match the birth year %d"),
                       id[3], birth_year);
          return FALSE;
        }
      if (birth_year != id_year)
        {
          char digits[3] = { id[4], id[5], '\0' };

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The citizen ID's year digits %s do not match the birth year %d"),
                       digits, birth_year);
          return FALSE;
        }
      return TRUE;
    }

  /* Without a birth date the ID still cannot name a birth year still to come. */
  if (id_year > year_of (today ()))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The citizen ID's digits 4 to 6 give the birth year %d, which is in the "
                     "future"),
                   id_year);
      return FALSE;
    }
  return TRUE;
}

static const int tax_weights[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };

gboolean
mc_tax_code_validate (const char  *code,
                      GError     **error)
{
  gsize length;
  int sum = 0;
  int check;

  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The tax code is empty"));
      return FALSE;
    }

  for (const char *p = code; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '-')
      {
        g_autofree char *bad = first_non_digit (p);

        g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                     _("The tax code contains a non-digit character “%s”"), bad);
        return FALSE;
      }

  length = strlen (code);
  if (!(length == 10 && strchr (code, '-') == NULL) &&
      !(length == 14 && code[10] == '-' && strchr (code + 11, '-') == NULL &&
        memchr (code, '-', 10) == NULL))
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a "
                     "branch (“%s” entered)"),
                   code);
      return FALSE;
    }

  /* Digits 3–9 are a serial number that starts at 0000001. */
  if (strncmp (code + 2, "0000000", 7) == 0)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("“%s” is not a tax code: its digits 3 to 9 cannot all be zero"), code);
      return FALSE;
    }
  if (length == 14 && strcmp (code + 11, "000") == 0)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The branch number of a tax code runs from 001 to 999 (“%s” entered)"),
                   code);
      return FALSE;
    }

  for (int i = 0; i < 9; i++)
    sum += tax_weights[i] * (code[i] - '0');
  check = 10 - sum % 11;
  if (check != code[9] - '0')
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The tax code %.10s is not valid: its check digit does not match "
                     "(a typing error?)"),
                   code);
      return FALSE;
    }
  return TRUE;
}

char *
mc_phone_normalize (const char  *phone,
                    GError     **error)
{
  g_autoptr(GString) digits = NULL;
  gboolean plus = FALSE;
  const char *national;

  if (phone == NULL)
    phone = "";

  digits = g_string_new (NULL);
  for (const char *p = phone; *p; p++)
    {
      if (*p == ' ' || *p == '.' || *p == '-' || *p == '\t')
        continue;
      if (*p == '+' && digits->len == 0 && !plus)
        {
          plus = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        {
          g_autofree char *bad = first_non_digit (p);

          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("The phone number contains a character “%s” that is not a digit"),
                       bad);
          return NULL;
        }
      g_string_append_c (digits, *p);
    }

  if (digits->len == 0 && !plus)
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The phone number is empty"));
      return NULL;
    }

  if (plus || (digits->len == 11 && g_str_has_prefix (digits->str, "84")))
    {
      if (!g_str_has_prefix (digits->str, "84"))
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("Only Vietnamese phone numbers (+84) are accepted (“%s” entered)"),
                       phone);
          return NULL;
        }
      national = digits->str + 2;
      if (national[0] == '0')
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("After +84 the leading 0 of the number is left out (“%s” entered)"),
                       phone);
          return NULL;
        }
      if (strlen (national) != 9)
        {
          g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                       _("After +84 a phone number has 9 digits (%d entered)"),
                       (int) MIN (strlen (national), G_MAXINT));
          return NULL;
        }
      return g_strconcat ("0", national, NULL);
    }

  if (digits->str[0] != '0')
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("A phone number begins with 0 or +84 (“%s” entered)"), phone);
      return NULL;
    }
  if (digits->len != 10)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("A phone number has 10 digits beginning with 0 (%d entered)"),
                   (int) MIN (digits->len, G_MAXINT));
      return NULL;
    }
  return g_strdup (digits->str);
}

#define EMAIL_MAX 254

gboolean
mc_email_validate (const char  *email,
                   GError     **error)
{
  const char *at;
  const char *domain;
  glong length;

  if (email == NULL || *email == '\0')
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING,
                           _("The email address is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (email, -1, NULL))
    {
      g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                           _("The email address is not valid text"));
      return FALSE;
    }

  /* RFC 5321 limits a path to 256 octets including the angle brackets, hence 254. */
  length = (glong) strlen (email);
  if (length > EMAIL_MAX)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("An email address has at most 254 characters (%ld entered)"),
                   g_utf8_strlen (email, -1));
      return FALSE;
    }

  for (const char *p = email; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x00A0)
        {
          g_set_error_literal (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                               _("An email address cannot contain spaces"));
          return FALSE;
        }
    }

  at = strchr (email, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("An email address has exactly one “@” (“%s” entered)"), email);
      return FALSE;
    }
  if (at == email)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The part before “@” is empty in “%s”"), email);
      return FALSE;
    }

  domain = at + 1;
  if (strchr (domain, '.') == NULL || domain[0] == '.' ||
      domain[strlen (domain) - 1] == '.' || strstr (domain, "..") != NULL)
    {
      g_set_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID,
                   _("The domain “%s” of the email address is incomplete (for example "
                     "“example.vn”)"),
                   domain);
      return FALSE;
    }
  return TRUE;
}
