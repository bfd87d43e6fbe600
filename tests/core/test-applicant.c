/* test-applicant.c — citizen IDs, tax codes, phone numbers and email addresses as clerks type
 * them. Citizen IDs here are made up but well formed; tax codes are real, published ones
 * (large companies' codes, and the examples of python-stdnum's documentation), and their check
 * digits were also worked out by hand. */
#include "config.h"

#include <string.h>

#include "mc-applicant.h"
#include "mc-error.h"

/* Circular 07/2016/TT-BCA, Appendix 1, as published (thuvienphapluat.vn and others). */
static const char *const province_list =
  "001 Hà Nội|002 Hà Giang|004 Cao Bằng|006 Bắc Kạn|008 Tuyên Quang|010 Lào Cai|"
  "011 Điện Biên|012 Lai Châu|014 Sơn La|015 Yên Bái|017 Hòa Bình|019 Thái Nguyên|"
  "020 Lạng Sơn|022 Quảng Ninh|024 Bắc Giang|025 Phú Thọ|026 Vĩnh Phúc|027 Bắc Ninh|"
  "030 Hải Dương|031 Hải Phòng|033 Hưng Yên|034 Thái Bình|035 Hà Nam|036 Nam Định|"
  "037 Ninh Bình|038 Thanh Hóa|040 Nghệ An|042 Hà Tĩnh|044 Quảng Bình|045 Quảng Trị|"
  "046 Thừa Thiên Huế|048 Đà Nẵng|049 Quảng Nam|051 Quảng Ngãi|052 Bình Định|054 Phú Yên|"
  "056 Khánh Hòa|058 Ninh Thuận|060 Bình Thuận|062 Kon Tum|064 Gia Lai|066 Đắk Lắk|"
  "067 Đắk Nông|068 Lâm Đồng|070 Bình Phước|072 Tây Ninh|074 Bình Dương|075 Đồng Nai|"
  "077 Bà Rịa – Vũng Tàu|079 Hồ Chí Minh|080 Long An|082 Tiền Giang|083 Bến Tre|084 Trà Vinh|"
  "086 Vĩnh Long|087 Đồng Tháp|089 An Giang|091 Kiên Giang|092 Cần Thơ|093 Hậu Giang|"
  "094 Sóc Trăng|095 Bạc Liêu|096 Cà Mau";

static McDay
today (void)
{
  return mc_time_local_day (mc_time_now ());
}

static void
test_province_list (void)
{
  g_auto(GStrv) entries = g_strsplit (province_list, "|", -1);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (g_strv_length (entries), ==, 63);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      entries[i][3] = '\0';
      g_assert_cmpstr (mc_citizen_id_province (entries[i]), ==, entries[i] + 4);
      g_hash_table_add (listed, entries[i]);
    }

  /* Every other three-digit code, the gaps included, names no province. */
  for (int code = 0; code < 1000; code++)
    {
      char text[4];

      g_snprintf (text, sizeof text, "%03d", code);
      if (!g_hash_table_contains (listed, text))
        g_assert_null (mc_citizen_id_province (text));
    }

  /* The whole ID works too; anything not starting with three digits names nothing. */
  g_assert_cmpstr (mc_citizen_id_province ("079301000123"), ==, "Hồ Chí Minh");
  g_assert_null (mc_citizen_id_province ("07"));
  g_assert_null (mc_citizen_id_province ("a01"));
  g_assert_null (mc_citizen_id_province (""));
  g_assert_null (mc_citizen_id_province (NULL));
}

static void
assert_id_valid (const char *id,
                 gboolean    has_birth_day,
                 int         year,
                 int         month,
                 int         mday)
{
  g_autoptr(GError) error = NULL;
  McDay birth = has_birth_day ? mc_day_from_ymd (year, month, mday) : 0;

  if (!mc_citizen_id_validate (id, birth, has_birth_day, &error))
    g_error ("%s should be valid: %s", id, error->message);
}

static void
assert_id_refused (const char *id,
                   gboolean    has_birth_day,
                   McDay       birth,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;

  if (mc_citizen_id_validate (id, birth, has_birth_day, &error))
    g_error ("%s should be refused", id != NULL ? id : "(null)");
  g_assert_error (error, MC_CORE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_citizen_id_without_birth_day (void)
{
  assert_id_valid ("001099012345", FALSE, 0, 0, 0);   /* Hà Nội, male, 1999 */
  assert_id_valid ("079301000123", FALSE, 0, 0, 0);   /* Hồ Chí Minh, female, 2001 */
  assert_id_valid ("096185999999", FALSE, 0, 0, 0);   /* Cà Mau, female, 1985 */
  assert_id_valid ("048200000001", FALSE, 0, 0, 0);   /* Đà Nẵng, male, 2000 */
  assert_id_valid ("077000000000", FALSE, 0, 0, 0);   /* Bà Rịa – Vũng Tàu, male, 1900 */

  assert_id_refused ("", FALSE, 0, MC_CORE_ERROR_MISSING, NULL);
  assert_id_refused (NULL, FALSE, 0, MC_CORE_ERROR_MISSING, NULL);
  assert_id_refused ("00109901234", FALSE, 0, MC_CORE_ERROR_INVALID,
                     "Citizen ID must have exactly 12 digits (11 entered)");
  assert_id_refused ("0010990123456", FALSE, 0, MC_CORE_ERROR_INVALID,
                     "Citizen ID must have exactly 12 digits (13 entered)");
  assert_id_refused ("00109901234a", FALSE, 0, MC_CORE_ERROR_INVALID,
                     "Citizen ID contains a non-digit character “a”");
  assert_id_refused ("001 099 012 345", FALSE, 0, MC_CORE_ERROR_INVALID,
                     "Citizen ID contains a non-digit character “ ”");
  assert_id_refused ("001099012345\n", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
  assert_id_refused ("00109901234５", FALSE, 0, MC_CORE_ERROR_INVALID,
                     "Citizen ID contains a non-digit character “５”");
  /* Gaps in the list, and codes past the end. */
  assert_id_refused ("003099012345", FALSE, 0, MC_CORE_ERROR_INVALID,
                     "“003” is not a province code of the citizen ID list");
  assert_id_refused ("000099012345", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
  assert_id_refused ("050099012345", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
  assert_id_refused ("097099012345", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
  assert_id_refused ("999099012345", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
  /* Birth years still to come: 2090, 2100 and 2300 (digit 8 is the 24th century). */
  assert_id_refused ("001290012345", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
  assert_id_refused ("001400012345", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
  assert_id_refused ("001800012345", FALSE, 0, MC_CORE_ERROR_INVALID, NULL);
}

static void
test_citizen_id_with_birth_day (void)
{
  g_autofree char *born_this_year = NULL;
  int year;

  assert_id_valid ("001099012345", TRUE, 1999, 5, 1);
  assert_id_valid ("001199012345", TRUE, 1999, 12, 31);   /* female, same year */
  assert_id_valid ("079301000123", TRUE, 2001, 1, 1);
  assert_id_valid ("077000000000", TRUE, 1900, 1, 1);
  assert_id_valid ("048200000001", TRUE, 2000, 2, 29);

  /* Century digit 0 is 1900–1999; 3 is 2000–2099. */
  assert_id_refused ("001099012345", TRUE, mc_day_from_ymd (1899, 6, 1), MC_CORE_ERROR_INVALID,
                     "The citizen ID's century digit 0 does not match the birth year 1899");
  assert_id_refused ("079301000123", TRUE, mc_day_from_ymd (1901, 6, 1), MC_CORE_ERROR_INVALID,
                     "The citizen ID's century digit 3 does not match the birth year 1901");
  assert_id_refused ("079101000123", TRUE, mc_day_from_ymd (2001, 6, 1), MC_CORE_ERROR_INVALID,
                     "The citizen ID's century digit 1 does not match the birth year 2001");
  /* Right century, wrong year digits. */
  assert_id_refused ("001099012345", TRUE, mc_day_from_ymd (1998, 12, 31), MC_CORE_ERROR_INVALID,
                     "The citizen ID's year digits 99 do not match the birth year 1998");
  /* A birth date in the future, also one that the digits would otherwise agree with. */
  assert_id_refused ("001290012345", TRUE, mc_day_from_ymd (2090, 3, 1), MC_CORE_ERROR_INVALID,
                     "The birth date 01/03/2090 is in the future");
  assert_id_refused ("001099012345", TRUE, today () + 1, MC_CORE_ERROR_INVALID, NULL);

  /* Born today: accepted, with or without the date. */
  mc_day_to_ymd (today (), &year, NULL, NULL);
  g_assert_cmpint (year, >=, 2000);
  g_assert_cmpint (year, <=, 2099);
  born_this_year = g_strdup_printf ("0013%02d000001", year % 100);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (mc_citizen_id_validate (born_this_year, today (), TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (mc_citizen_id_validate (born_this_year, 0, FALSE, &error));
    g_assert_no_error (error);
  }

  /* Format errors come before birth-date checks. */
  assert_id_refused ("0010990123", TRUE, mc_day_from_ymd (1999, 1, 1), MC_CORE_ERROR_INVALID,
                     "Citizen ID must have exactly 12 digits (10 entered)");
  assert_id_refused ("003099012345", TRUE, mc_day_from_ymd (1999, 1, 1), MC_CORE_ERROR_INVALID,
                     "“003” is not a province code of the citizen ID list");
}

static void
assert_tax_valid (const char *code)
{
  g_autoptr(GError) error = NULL;

  if (!mc_tax_code_validate (code, &error))
    g_error ("%s should be valid: %s", code, error->message);
}

static void
assert_tax_refused (const char *code,
                    int         error_code)
{
  g_autoptr(GError) error = NULL;

  if (mc_tax_code_validate (code, &error))
    g_error ("%s should be refused", code != NULL ? code : "(null)");
  g_assert_error (error, MC_CORE_ERROR, error_code);
}

static void
test_tax_codes (void)
{
  /* Published codes: Viettel, Vietcombank, FPT, Vingroup, Vinamilk, Hòa Phát; and the
   * examples of python-stdnum. E.g. Viettel 010010910: 1·29 + 1·17 + 9·7 + 1·5 = 114,
   * 114 mod 11 = 4, check digit 10 − 4 = 6. */
  assert_tax_valid ("0100109106");
  assert_tax_valid ("0100112437");
  assert_tax_valid ("0101248141");
  assert_tax_valid ("0101245486");
  assert_tax_valid ("0300588569");
  assert_tax_valid ("0900189284");
  assert_tax_valid ("0100233488");
  assert_tax_valid ("0314409058-002");
  assert_tax_valid ("0312687878-001");
  assert_tax_valid ("0100109106-999");
  /* 0,1,0,0,0,0,0,0,1: 29 + 3 = 32, 32 mod 11 = 10, check digit 10 − 10 = 0. */
  assert_tax_valid ("0100000010");

  /* One digit mistyped. */
  assert_tax_refused ("0100109107", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100233480", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0300588596", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0314409059-002", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100000011", MC_CORE_ERROR_INVALID);
  /* 0,1,0,0,0,0,0,0,5: 29 + 15 = 44 ≡ 0 mod 11 would need check digit 10: never issued. */
  for (char last = '0'; last <= '9'; last++)
    {
      char code[] = "010000005?";

      code[9] = last;
      assert_tax_refused (code, MC_CORE_ERROR_INVALID);
    }

  /* Shape. */
  assert_tax_refused ("", MC_CORE_ERROR_MISSING);
  assert_tax_refused (NULL, MC_CORE_ERROR_MISSING);
  assert_tax_refused ("010010910", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("01001091066", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100109106002", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100109106-02", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100109106-0002", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100109106--02", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("010010-9106", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100109106 ", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("01001O9106", MC_CORE_ERROR_INVALID);
  /* Serial 0000000 and branch 000 are not issued. */
  assert_tax_refused ("0100000000", MC_CORE_ERROR_INVALID);
  assert_tax_refused ("0100109106-000", MC_CORE_ERROR_INVALID);
}

static void
test_tax_code_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mc_tax_code_validate ("01001O9106", &error));
  g_assert_nonnull (strstr (error->message, "“O”"));
  g_clear_error (&error);

  g_assert_false (mc_tax_code_validate ("0100109107", &error));
  g_assert_nonnull (strstr (error->message, "0100109107"));
  g_assert_nonnull (strstr (error->message, "check digit"));
}

static void
assert_phone (const char *typed,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = mc_phone_normalize (typed, &error);

  if (phone == NULL)
    g_error ("“%s” should be accepted: %s", typed, error->message);
  g_assert_cmpstr (phone, ==, expected);
}

static void
assert_phone_refused (const char *typed,
                      int         code,
                      const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = mc_phone_normalize (typed, &error);

  if (phone != NULL)
    g_error ("“%s” should be refused, got %s", typed != NULL ? typed : "(null)", phone);
  g_assert_error (error, MC_CORE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_phones (void)
{
  assert_phone ("0912345678", "0912345678");
  assert_phone ("0912 345 678", "0912345678");
  assert_phone ("091.234.5678", "0912345678");
  assert_phone ("091-234-5678", "0912345678");
  assert_phone (" 0912345678 ", "0912345678");
  assert_phone ("+84912345678", "0912345678");
  assert_phone ("+84 912 345 678", "0912345678");
  assert_phone ("+84-91-234-5678", "0912345678");
  assert_phone ("84912345678", "0912345678");
  assert_phone ("84 32 123 4567", "0321234567");
  assert_phone ("0862345678", "0862345678");

  assert_phone_refused ("", MC_CORE_ERROR_MISSING, NULL);
  assert_phone_refused (" . - ", MC_CORE_ERROR_MISSING, NULL);
  assert_phone_refused (NULL, MC_CORE_ERROR_MISSING, NULL);
  assert_phone_refused ("091234567", MC_CORE_ERROR_INVALID,
                        "A phone number has 10 digits beginning with 0 (9 entered)");
  assert_phone_refused ("09123456789", MC_CORE_ERROR_INVALID,
                        "A phone number has 10 digits beginning with 0 (11 entered)");
  assert_phone_refused ("912345678", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("8491234567", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("+84 91234567", MC_CORE_ERROR_INVALID,
                        "After +84 a phone number has 9 digits (8 entered)");
  assert_phone_refused ("+84 9123456789", MC_CORE_ERROR_INVALID,
                        "After +84 a phone number has 9 digits (10 entered)");
  assert_phone_refused ("+84 0912 345 678", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("+1 212 555 0100", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("+", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("0912a45678", MC_CORE_ERROR_INVALID,
                        "The phone number contains a character “a” that is not a digit");
  assert_phone_refused ("(091) 2345678", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("0912+345678", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("++84912345678", MC_CORE_ERROR_INVALID, NULL);
  assert_phone_refused ("0084912345678", MC_CORE_ERROR_INVALID, NULL);
}

static void
assert_email (const char *email,
              gboolean    valid)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = mc_email_validate (email, &error);

  if (ok != valid)
    g_error ("“%s” should be %s", email != NULL ? email : "(null)", valid ? "valid" : "refused");
  if (!valid)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == MC_CORE_ERROR);
    }
}

static void
test_emails (void)
{
  g_autofree char *local = g_strnfill (64, 'a');
  g_autofree char *labels = g_strnfill (185, 'b');
  /* 64 + 1 + 185 + 3 = 253, and 254, and 255 characters. */
  g_autofree char *len253 = g_strconcat (local, "@", labels, ".vn", NULL);
  g_autofree char *len254 = g_strconcat (local, "@", labels, "b.vn", NULL);
  g_autofree char *len255 = g_strconcat (local, "@", labels, "bb.vn", NULL);

  g_assert_cmpuint (strlen (len254), ==, 254);
  assert_email ("nguyen.van.an@example.vn", TRUE);
  assert_email ("a@b.co", TRUE);
  assert_email ("ten+nhan@mail.hanoi.gov.vn", TRUE);
  assert_email ("an@example.com.vn", TRUE);
  assert_email (len253, TRUE);
  assert_email (len254, TRUE);

  assert_email (len255, FALSE);
  assert_email ("", FALSE);
  assert_email (NULL, FALSE);
  assert_email ("nguyenvanan.example.vn", FALSE);
  assert_email ("a@@b.vn", FALSE);
  assert_email ("a@b@c.vn", FALSE);
  assert_email ("@example.vn", FALSE);
  assert_email ("an@", FALSE);
  assert_email ("an@example", FALSE);
  assert_email ("an@.example.vn", FALSE);
  assert_email ("an@example.vn.", FALSE);
  assert_email ("an@example..vn", FALSE);
  assert_email ("an @example.vn", FALSE);
  assert_email ("an@example.vn\n", FALSE);
  assert_email ("an\t@example.vn", FALSE);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (mc_email_validate (len255, &error));
    g_assert_cmpstr (error->message, ==, "An email address has at most 254 characters (255 entered)");
    g_clear_error (&error);
    g_assert_false (mc_email_validate ("an@example", &error));
    g_assert_nonnull (strstr (error->message, "“example”"));
    g_clear_error (&error);
    g_assert_false (mc_email_validate ("", &error));
    g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/applicant/citizen-id/province-list", test_province_list);
  g_test_add_func ("/applicant/citizen-id/without-birth-day", test_citizen_id_without_birth_day);
  g_test_add_func ("/applicant/citizen-id/with-birth-day", test_citizen_id_with_birth_day);
  g_test_add_func ("/applicant/tax-code/check-digit-and-shape", test_tax_codes);
  g_test_add_func ("/applicant/tax-code/messages", test_tax_code_messages);
  g_test_add_func ("/applicant/phone", test_phones);
  g_test_add_func ("/applicant/email", test_emails);

  return g_test_run ();
}
