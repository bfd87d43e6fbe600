/* Vietnamese normalisation and folding. */
#include "mc-text.h"

static void
test_fold (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Nguyễn Văn Ấn", "nguyen van an" },
    { "Đăng ký khai sinh", "dang ky khai sinh" },
    { "ĐẶNG THỊ ĐÀO", "dang thi dao" },
    /* NFD input folds the same as NFC. */
    { "Nguye\xcc\x82\xcc\x83n", "nguyen" },
    { "000.00.16.H04-251122-0007", "000.00.16.h04-251122-0007" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = mc_text_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_normalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = mc_text_normalize ("  Nguye\xcc\x82\xcc\x83n \t  Văn\nẤn ", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Nguyễn Văn Ấn");
  g_assert_null (mc_text_normalize ("bad \xff utf8", &error));
  g_assert_nonnull (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/normalize", test_normalize);
  return g_test_run ();
}
