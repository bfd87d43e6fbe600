/* test-status.c — the status machine against domain.md's list of moves and the portal's
 * status table (portal-api.md), both written out here independently of the code. */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-status.h"

/* domain.md, "The life of a dossier": the allowed moves, as "from→to" text, typed from the
 * document rather than from mc-status.c. */
static const char *const domain_moves =
  "1→2, 1→3, 2→3, 2→4, 2→5, 2→7, 4→5, 4→6, 4→7, 4→8, 4→9, "
  "5→4, 5→7, 5→8, 6→4, 6→7, 6→8, 9→10";

static gboolean
domain_allows (int from,
               int to)
{
  g_autofree char *needle = g_strdup_printf ("%d→%d,", from, to);
  g_autofree char *haystack = g_strconcat (domain_moves, ",", NULL);
  const char *p = haystack;

  /* Match whole entries only: "1→2," must not be found inside "1→20," or "11→2,". */
  while ((p = strstr (p, needle)) != NULL)
    {
      if (p == haystack || p[-1] == ' ')
        return TRUE;
      p++;
    }
  return FALSE;
}

static void
test_every_move_of_the_table (void)
{
  int allowed = 0;

  for (int from = 1; from <= 10; from++)
    for (int to = 1; to <= 10; to++)
      {
        g_autoptr(GError) error = NULL;
        gboolean expected = domain_allows (from, to);
        gboolean checked = mc_status_check_move ((McStatus) from, (McStatus) to, &error);

        if (mc_status_can_move ((McStatus) from, (McStatus) to) != expected)
          g_error ("can_move %d→%d: expected %s", from, to, expected ? "allowed" : "forbidden");
        g_assert_cmpint (checked, ==, expected);
        if (expected)
          {
            g_assert_no_error (error);
            allowed++;
          }
        else
          {
            g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
            /* The message names both statuses so the clerk sees what was refused. */
            g_assert_nonnull (strstr (error->message, mc_status_describe ((McStatus) from)));
            g_assert_nonnull (strstr (error->message, mc_status_describe ((McStatus) to)));
          }
      }
  /* domain.md lists 18 moves. */
  g_assert_cmpint (allowed, ==, 18);
}

static void
test_some_moves_by_name (void)
{
  g_autoptr(GError) error = NULL;

  /* A supplement received resumes processing; a returned result is final. */
  g_assert_true (mc_status_can_move (MC_STATUS_WAITING_SUPPLEMENT, MC_STATUS_IN_PROCESSING));
  g_assert_true (mc_status_can_move (MC_STATUS_RESULT_READY, MC_STATUS_RETURNED));
  g_assert_false (mc_status_can_move (MC_STATUS_RETURNED, MC_STATUS_IN_PROCESSING));
  /* Received directly to result ready skips processing. */
  g_assert_false (mc_status_can_move (MC_STATUS_RECEIVED, MC_STATUS_RESULT_READY));
  /* A withdrawn dossier is not reopened. */
  g_assert_false (mc_status_can_move (MC_STATUS_WITHDRAWN, MC_STATUS_RECEIVED));
  /* Result ready cannot be withdrawn or stopped any more. */
  g_assert_false (mc_status_can_move (MC_STATUS_RESULT_READY, MC_STATUS_WITHDRAWN));

  g_assert_false (mc_status_check_move (MC_STATUS_IN_PROCESSING, MC_STATUS_SUBMITTED_ONLINE, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Đang xử lý"));
  g_assert_nonnull (strstr (error->message, "Mới đăng ký"));
  g_clear_error (&error);

  g_assert_false (mc_status_check_move (MC_STATUS_RECEIVED, MC_STATUS_RECEIVED, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Được tiếp nhận"));
  g_clear_error (&error);

  g_assert_false (mc_status_check_move ((McStatus) 0, MC_STATUS_RECEIVED, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_status_check_move (MC_STATUS_RECEIVED, (McStatus) 11, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_false (mc_status_can_move ((McStatus) 0, (McStatus) 11));
}

/* portal-api.md, "Status codes". */
static const struct
{
  int         code;
  const char *name;
  const char *vietnamese;
  const char *without_diacritics;
} portal_statuses[] = {
  { 1,  "submitted-online",   "Mới đăng ký",                           "moi dang ky" },
  { 2,  "received",           "Được tiếp nhận",                        "duoc tiep nhan" },
  { 3,  "refused",            "Không được tiếp nhận",                  "khong duoc tiep nhan" },
  { 4,  "in-processing",      "Đang xử lý",                            "dang xu ly" },
  { 5,  "waiting-supplement", "Yêu cầu bổ sung giấy tờ",               "yeu cau bo sung giay to" },
  { 6,  "waiting-payment",    "Yêu cầu thực hiện nghĩa vụ tài chính",  "yeu cau thuc hien nghia vu tai chinh" },
  { 7,  "withdrawn",          "Công dân yêu cầu rút hồ sơ",            "cong dan yeu cau rut ho so" },
  { 8,  "stopped",            "Dừng xử lý",                            "dung xu ly" },
  { 9,  "result-ready",       "Đã xử lý xong",                         "da xu ly xong" },
  { 10, "returned",           "Đã trả kết quả",                        "da tra ket qua" },
};

static void
test_names_and_descriptions (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (portal_statuses); i++)
    {
      McStatus status = (McStatus) portal_statuses[i].code;

      g_assert_true (mc_status_is_valid (portal_statuses[i].code));
      g_assert_cmpstr (mc_status_to_string (status), ==, portal_statuses[i].name);
      g_assert_cmpstr (mc_status_describe (status), ==, portal_statuses[i].vietnamese);
    }
  g_assert_false (mc_status_is_valid (0));
  g_assert_false (mc_status_is_valid (11));
  g_assert_false (mc_status_is_valid (-4));
}

static void
assert_parses (const char *text,
               int         expected)
{
  g_autoptr(GError) error = NULL;
  McStatus status = 0;

  if (!mc_status_parse (text, &status, &error))
    g_error ("“%s” did not parse: %s", text, error->message);
  g_assert_cmpint (status, ==, expected);
}

static void
assert_refused (const char *text,
                int         code)
{
  g_autoptr(GError) error = NULL;
  McStatus status = MC_STATUS_RECEIVED;

  g_assert_false (mc_status_parse (text, &status, &error));
  g_assert_error (error, MC_CORE_ERROR, code);
  /* A refusal leaves the caller's value alone. */
  g_assert_cmpint (status, ==, MC_STATUS_RECEIVED);
}

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (portal_statuses); i++)
    {
      g_autofree char *code = g_strdup_printf ("%d", portal_statuses[i].code);
      g_autofree char *upper = g_utf8_strup (portal_statuses[i].vietnamese, -1);
      g_autofree char *nfd = g_utf8_normalize (portal_statuses[i].vietnamese, -1, G_NORMALIZE_NFD);
      g_autofree char *padded = g_strdup_printf ("  %s\r\n", portal_statuses[i].name);

      assert_parses (code, portal_statuses[i].code);
      assert_parses (portal_statuses[i].name, portal_statuses[i].code);
      assert_parses (padded, portal_statuses[i].code);
      assert_parses (portal_statuses[i].vietnamese, portal_statuses[i].code);
      assert_parses (upper, portal_statuses[i].code);
      assert_parses (nfd, portal_statuses[i].code);
      assert_parses (portal_statuses[i].without_diacritics, portal_statuses[i].code);
    }

  /* Separators and case as people type them. */
  assert_parses ("IN_PROCESSING", 4);
  assert_parses ("in processing", 4);
  assert_parses ("Result-Ready", 9);
  assert_parses ("dang   xu ly", 4);
  assert_parses ("DUNG XU LY", 8);
  assert_parses ("04", 4);

  assert_refused ("", MC_CORE_ERROR_MISSING);
  assert_refused ("   ", MC_CORE_ERROR_MISSING);
  assert_refused (NULL, MC_CORE_ERROR_MISSING);
  assert_refused ("0", MC_CORE_ERROR_INVALID);
  assert_refused ("11", MC_CORE_ERROR_INVALID);
  assert_refused ("4x", MC_CORE_ERROR_INVALID);
  assert_refused ("99999999999999999999", MC_CORE_ERROR_INVALID);
  assert_refused ("processing", MC_CORE_ERROR_PARSE);
  assert_refused ("Đang xử", MC_CORE_ERROR_PARSE);
  assert_refused ("tiep nhan", MC_CORE_ERROR_PARSE);
  assert_refused ("-4", MC_CORE_ERROR_PARSE);
}

static void
test_predicates (void)
{
  /* domain.md: the clock stops in 5 and 6; 3, 7, 8, 10 end the dossier's life; 9 and 10 count
   * as finished; the deadline runs in 2 and 4. Submitted online (1) is none of these. */
  static const struct
  {
    int      code;
    gboolean paused, closed, finished, open;
  } expected[] = {
    { 1,  FALSE, FALSE, FALSE, FALSE },
    { 2,  FALSE, FALSE, FALSE, TRUE },
    { 3,  FALSE, TRUE,  FALSE, FALSE },
    { 4,  FALSE, FALSE, FALSE, TRUE },
    { 5,  TRUE,  FALSE, FALSE, FALSE },
    { 6,  TRUE,  FALSE, FALSE, FALSE },
    { 7,  FALSE, TRUE,  FALSE, FALSE },
    { 8,  FALSE, TRUE,  FALSE, FALSE },
    { 9,  FALSE, FALSE, TRUE,  FALSE },
    { 10, FALSE, TRUE,  TRUE,  FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      McStatus status = (McStatus) expected[i].code;

      g_assert_cmpint (mc_status_is_paused (status), ==, expected[i].paused);
      g_assert_cmpint (mc_status_is_closed (status), ==, expected[i].closed);
      g_assert_cmpint (mc_status_is_finished (status), ==, expected[i].finished);
      g_assert_cmpint (mc_status_is_open (status), ==, expected[i].open);
    }
}

static void
test_closed_statuses_have_no_way_out (void)
{
  /* A closed status is final: nothing leaves 3, 7, 8 or 10. */
  for (int from = 1; from <= 10; from++)
    {
      int exits = 0;

      for (int to = 1; to <= 10; to++)
        exits += mc_status_can_move ((McStatus) from, (McStatus) to);
      if (mc_status_is_closed ((McStatus) from))
        g_assert_cmpint (exits, ==, 0);
      else
        g_assert_cmpint (exits, >, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/status/moves/every-pair-against-domain", test_every_move_of_the_table);
  g_test_add_func ("/status/moves/named-cases", test_some_moves_by_name);
  g_test_add_func ("/status/moves/closed-is-final", test_closed_statuses_have_no_way_out);
  g_test_add_func ("/status/names-and-portal-descriptions", test_names_and_descriptions);
  g_test_add_func ("/status/parse", test_parse);
  g_test_add_func ("/status/predicates", test_predicates);

  return g_test_run ();
}
