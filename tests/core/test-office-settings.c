/* Office settings: defaults, validation, round-trip through text. */
#include "mc-office-settings.h"

static void
test_defaults (void)
{
  g_autoptr(McOfficeSettings) settings = mc_office_settings_new_default ();
  g_autofree char *hours = mc_office_settings_get (settings, "office.hours");
  g_autofree char *weekdays = mc_office_settings_get (settings, "office.working-weekdays");

  g_assert_cmpstr (hours, ==, "07:00-11:30,13:30-17:00");
  g_assert_cmpstr (weekdays, ==, "1,2,3,4,5");
  g_assert_cmpint (mc_office_hours_daily_seconds (settings->office_hours), ==, 8 * 3600);
  g_assert_cmpint (settings->deadline.same_day_cutoff, ==, 15 * 3600);
  g_assert_cmpint (settings->sequence_first, ==, 1);
  g_assert_cmpint (settings->sequence_last, ==, 9999);
}

static void
test_every_key_round_trips (void)
{
  g_autoptr(McOfficeSettings) settings = mc_office_settings_new_default ();
  gsize n;
  const McOfficeSettingInfo *keys = mc_office_settings_keys (&n);

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *value = mc_office_settings_get (settings, keys[i].key);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (value);
      g_assert_true (mc_office_settings_set (settings, keys[i].key, value, &error));
      g_assert_no_error (error);
    }
}

static void
test_bad_values_change_nothing (void)
{
  g_autoptr(McOfficeSettings) settings = mc_office_settings_new_default ();
  struct { const char *key, *value; } bad[] = {
    { "office.hours", "11:30-07:00" },
    { "office.working-weekdays", "0-8" },
    { "deadline.mode", "sometimes" },
    { "deadline.same-day-cutoff", "25:00" },
    { "desk.sequence-first", "10000" },
    { "desk.sequence-last", "abc" },
    { "office.agency-code", "not a code" },
    { "portal.lookup-url-template", "ftp://x/{code}" },
    { "office.name", "   " },
    { "no.such.key", "1" },
    /* Found by tests/fuzz/fuzz-settings: bytes that are not text, and lookup templates that
     * the scanner could not read the slip's QR code back with. */
    { "sync.backoff-cap-seconds", "6\xa4\xa4" "00" },
    { "office.name", "UBND x\xe3 Minh T\xe2n" },
    { "portal.lookup-url-template", "https://tracuu.example.vn/{code}/{code}" },
    { "portal.lookup-url-template", "https://tracuu.example.vn/ho so?ma={code}" },
    { "portal.lookup-url-template", "https://tracuu.example.vn/{id}{code}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *before = mc_office_settings_get (settings, bad[i].key);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (mc_office_settings_set (settings, bad[i].key, bad[i].value, &error));
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      after = mc_office_settings_get (settings, bad[i].key);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_sequence_block (void)
{
  g_autoptr(McOfficeSettings) settings = mc_office_settings_new_default ();

  g_assert_true (mc_office_settings_set (settings, "desk.sequence-last", "4999", NULL));
  g_assert_true (mc_office_settings_set (settings, "desk.sequence-first", "2000", NULL));
  g_assert_false (mc_office_settings_set (settings, "desk.sequence-first", "5000", NULL));
  g_assert_cmpint (settings->sequence_first, ==, 2000);
  g_assert_true (mc_office_settings_set (settings, "office.working-weekdays", "7,1-4", NULL));
  g_assert_cmpuint (settings->working_weekdays, ==, 0x4f);
}

/* A copy holds every key's value and does not follow later changes of the original. */
static void
test_copy_is_deep (void)
{
  g_autoptr(McOfficeSettings) original = mc_office_settings_new_default ();
  g_autoptr(McOfficeSettings) copy = NULL;
  g_autofree char *name_in_copy = NULL;
  const McOfficeSettingInfo *keys;
  gsize n_keys;

  g_assert_true (mc_office_settings_set (original, "office.name", "UBND xã Tân Trào", NULL));
  g_assert_true (mc_office_settings_set (original, "office.hours", "07:30-11:30,13:30-17:30", NULL));
  g_assert_true (mc_office_settings_set (original, "deadline.due-soon-days", "2", NULL));
  copy = mc_office_settings_copy (original);

  keys = mc_office_settings_keys (&n_keys);
  for (gsize i = 0; i < n_keys; i++)
    {
      g_autofree char *a = mc_office_settings_get (original, keys[i].key);
      g_autofree char *b = mc_office_settings_get (copy, keys[i].key);

      g_assert_cmpstr (a, ==, b);
    }
  g_assert_true (mc_office_settings_set (original, "office.name", "UBND xã Minh Tân", NULL));
  name_in_copy = mc_office_settings_get (copy, "office.name");
  g_assert_cmpstr (name_in_copy, ==, "UBND xã Tân Trào");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/office-settings/defaults", test_defaults);
  g_test_add_func ("/office-settings/round-trip", test_every_key_round_trips);
  g_test_add_func ("/office-settings/bad-values", test_bad_values_change_nothing);
  g_test_add_func ("/office-settings/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/office-settings/sequence-block", test_sequence_block);
  return g_test_run ();
}
