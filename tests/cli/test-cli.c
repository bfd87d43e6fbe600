/* test-cli.c — motcua-cli run as a user runs it, on a temporary database per test.
 *
 * Each test spawns the built program (its path comes from meson as --cli=PATH, or from
 * $MOTCUA_CLI) and checks what a user would notice: the exit status, the code and the
 * appointment printed, what `show` and `list` say afterwards, and that refused input leaves
 * the database as it was. Every expected appointment is counted by hand in the comments,
 * on the office hours of domain.md (07:00–11:30, 13:30–17:00: 8 working hours a day).
 */
#include <string.h>

#include "mc-cli-test.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("motcua-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "desk.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  mc_cli_test_remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

#define RUN(fixture, ...) mc_cli_test_run ((fixture)->db, NULL, MC_CLI_TEST_ARGS (__VA_ARGS__))

/* A citizen born in 1990 in Hà Nội (province 001), male: century digit 0, year digits 90. */
#define CITIZEN_ID "001090012345"

/* 1.004222 Đăng ký thường trú: 7 working days, CT01 its only mandatory document. */
static char *
receive_residence (Fixture    *fixture,
                   const char *name,
                   const char *received)
{
  g_autoptr(McCliRun) run = NULL;
  g_autoptr(cJSON) json = NULL;

  if (received != NULL)
    run = RUN (fixture, "receive", "--procedure", "1.004222", "--name", name, "--id-number", CITIZEN_ID,
               "--document", "ct01", "--received", received, "--json");
  else
    run = RUN (fixture, "receive", "--procedure", "1.004222", "--name", name, "--id-number", CITIZEN_ID,
               "--document", "ct01", "--json");
  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  return g_strdup (mc_cli_test_json_string (json, "code"));
}

static gboolean
list_has_code (const cJSON *list,
               const char  *code)
{
  const cJSON *dossiers = cJSON_GetObjectItemCaseSensitive (list, "dossiers");
  const cJSON *item;

  cJSON_ArrayForEach (item, dossiers)
    if (g_strcmp0 (mc_cli_test_json_string (item, "code"), code) == 0)
      return TRUE;
  return FALSE;
}

/* Received Monday 2 March 2026 at 10:00, 7 working days = 56 working hours:
 * Monday 10:00–17:00 gives 5 h (lunch 11:30–13:30 excluded), Tuesday–Friday 32 h (37),
 * Monday 9 March 8 h (45), Tuesday 8 h (53), then 3 h from Wednesday 07:00: Wednesday
 * 11 March at 10:00, the next-next Wednesday. No day off in between (Tết 2026 was in
 * February, Giỗ Tổ on 26 April). */
static void
test_receive_and_show (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(McCliRun) received = NULL;
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(McCliRun) shown_text = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) dossier = NULL;
  const cJSON *documents;
  const char *code;

  received = RUN (fixture, "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn",
                  "--id-number", CITIZEN_ID, "--birth-date", "1990-05-01", "--phone", "0912 345 678",
                  "--document", "ct01", "--received", "2026-03-02 10:00", "--json");
  mc_cli_test_assert_status (received, 0);
  json = mc_cli_test_parse_json (received);
  code = mc_cli_test_json_string (json, "code");
  /* The default office code, the day of receipt as yyMMdd, the first number of the day. */
  g_assert_cmpstr (code, ==, "000.00.16.H04-260302-0001");
  g_assert_cmpstr (mc_cli_test_json_string (json, "received_at"), ==, "2026-03-02 10:00");
  g_assert_cmpstr (mc_cli_test_json_string (json, "due_at"), ==, "2026-03-11 10:00");
  g_assert_cmpstr (mc_cli_test_json_string (json, "current_due_at"), ==, "2026-03-11 10:00");
  g_assert_cmpstr (mc_cli_test_json_string (json, "due_at_slip"), ==, "10 giờ 00 phút, ngày 11/03/2026");
  g_assert_cmpstr (mc_cli_test_json_string (json, "status"), ==, "received");
  g_assert_cmpint (mc_cli_test_json_int (json, "status_code"), ==, 2);

  shown = RUN (fixture, "show", code, "--json");
  mc_cli_test_assert_status (shown, 0);
  dossier = mc_cli_test_parse_json (shown);
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "applicant_name"), ==, "Nguyễn Văn Ấn");
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "id_number"), ==, CITIZEN_ID);
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "phone"), ==, "0912345678");
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "procedure_code"), ==, "1.004222");
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "due_at"), ==, "2026-03-11 10:00");
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "status_name"), ==, "Được tiếp nhận");
  documents = cJSON_GetObjectItemCaseSensitive (dossier, "documents");
  g_assert_cmpint (cJSON_GetArraySize (documents), ==, 1);
  g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (documents, 0), "code"), ==, "ct01");
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (dossier, "history")), ==, 1);

  /* The plain text a clerk reads: the name as typed, the appointment and why. */
  shown_text = RUN (fixture, "show", code);
  mc_cli_test_assert_status (shown_text, 0);
  mc_cli_test_assert_contains (shown_text->out, "Nguyễn Văn Ấn");
  mc_cli_test_assert_contains (shown_text->out, "2026-03-11 10:00");
  mc_cli_test_assert_contains (shown_text->out, "Được tiếp nhận");
  mc_cli_test_assert_contains (shown_text->out, "Ngày hẹn trả: 10 giờ 00 phút, ngày 11/03/2026");
}

/* A document named by its name, without diacritics, becomes the catalogue's document;
 * one the procedure does not list is refused and nothing is stored. */
static void
test_receive_documents (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(McCliRun) by_name = NULL;
  g_autoptr(McCliRun) unknown = NULL;
  g_autoptr(McCliRun) missing = NULL;
  g_autoptr(McCliRun) demo = NULL;
  g_autoptr(McCliRun) listed = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) demo_json = NULL;
  g_autoptr(cJSON) list = NULL;
  const cJSON *documents;
  const cJSON *document;
  gboolean has_birth_proof = FALSE;

  by_name = RUN (fixture, "receive", "--procedure", "1.004222", "--name", "Lê Thị Hoa", "--id-number", CITIZEN_ID,
                 "--document", "to khai thay doi thong tin cu tru (mau ct01)", "--received", "2026-03-02 10:00",
                 "--json");
  mc_cli_test_assert_status (by_name, 0);
  json = mc_cli_test_parse_json (by_name);
  documents = cJSON_GetObjectItemCaseSensitive (json, "documents");
  g_assert_cmpint (cJSON_GetArraySize (documents), ==, 1);
  g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (documents, 0), "code"), ==, "ct01");
  g_assert_cmpint (mc_cli_test_json_int (cJSON_GetArrayItem (documents, 0), "copies"), ==, 1);

  unknown = RUN (fixture, "receive", "--procedure", "1.004222", "--name", "Lê Văn Nam", "--id-number", CITIZEN_ID,
                 "--document", "ct01", "--document", "giay-khong-co", "--received", "2026-03-02 11:00");
  mc_cli_test_assert_status (unknown, 1);
  mc_cli_test_assert_contains (unknown->err, "motcua-cli: ");
  mc_cli_test_assert_contains (unknown->err, "giay-khong-co");

  /* The mandatory CT01 missing: refused by the checklist. */
  missing = RUN (fixture, "receive", "--procedure", "1.004222", "--name", "Lê Văn Nam", "--id-number", CITIZEN_ID,
                 "--received", "2026-03-02 11:00");
  mc_cli_test_assert_status (missing, 1);

  /* Birth registration (1.001193) needs its declaration, an identity paper and one proof of
   * birth: --all-mandatory ticks the first proof, the birth certificate. */
  demo = RUN (fixture, "receive", "--procedure", "1.001193", "--name", "Phạm Minh Đức", "--id-number", CITIZEN_ID,
              "--all-mandatory", "--received", "2026-03-02 08:00", "--json");
  mc_cli_test_assert_status (demo, 0);
  demo_json = mc_cli_test_parse_json (demo);
  cJSON_ArrayForEach (document, cJSON_GetObjectItemCaseSensitive (demo_json, "documents"))
    if (g_str_equal (mc_cli_test_json_string (document, "code"), "giay-chung-sinh"))
      has_birth_proof = TRUE;
  g_assert_true (has_birth_proof);

  listed = RUN (fixture, "list", "--json");
  mc_cli_test_assert_status (listed, 0);
  list = mc_cli_test_parse_json (listed);
  g_assert_cmpint (mc_cli_test_json_int (list, "count"), ==, 2);
}

/* 2.000815 (certified copy from the original) is a same-day procedure with a 15:00 cut-off:
 * - Tuesday 3 March 2026 14:00 → the same day at closing, 17:00;
 * - Tuesday 15:30 → the end of the next working day, Wednesday 4 March 17:00;
 * - Friday 6 March 15:30 → Monday 9 March 17:00 (the weekend is not a working day). */
static void
test_same_day_cutoff (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { const char *received; const char *due; } cases[] = {
    { "2026-03-03 14:00", "2026-03-03 17:00" },
    { "2026-03-03 15:30", "2026-03-04 17:00" },
    { "2026-03-06 15:30", "2026-03-09 17:00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(McCliRun) run = RUN (fixture, "receive", "--procedure", "2.000815", "--name", "Đỗ Thu Trang",
                                     "--id-number", CITIZEN_ID, "--document", "ban-chinh",
                                     "--received", cases[i].received, "--json");
      g_autoptr(cJSON) json = NULL;

      mc_cli_test_assert_status (run, 0);
      json = mc_cli_test_parse_json (run);
      g_assert_cmpstr (mc_cli_test_json_string (json, "due_at"), ==, cases[i].due);
    }
}

/* A dossier received in March 2026 with 7 working days is long overdue today; one received
 * now with 7 working days cannot be. */
static void
test_list_overdue (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *old_code = receive_residence (fixture, "Hoàng Văn Cường", "2026-03-02 10:00");
  g_autofree char *new_code = receive_residence (fixture, "Vũ Thị Lan", NULL);
  g_autoptr(McCliRun) overdue = RUN (fixture, "list", "--overdue", "--json");
  g_autoptr(McCliRun) all = RUN (fixture, "list", "--json");
  g_autoptr(McCliRun) text = RUN (fixture, "list", "--overdue");
  g_autoptr(cJSON) overdue_json = NULL;
  g_autoptr(cJSON) all_json = NULL;

  mc_cli_test_assert_status (overdue, 0);
  overdue_json = mc_cli_test_parse_json (overdue);
  g_assert_true (list_has_code (overdue_json, old_code));
  g_assert_false (list_has_code (overdue_json, new_code));
  g_assert_cmpint (mc_cli_test_json_int (overdue_json, "count"), ==, 1);

  mc_cli_test_assert_status (all, 0);
  all_json = mc_cli_test_parse_json (all);
  g_assert_true (list_has_code (all_json, old_code));
  g_assert_true (list_has_code (all_json, new_code));

  mc_cli_test_assert_status (text, 0);
  mc_cli_test_assert_contains (text->out, old_code);
  mc_cli_test_assert_contains (text->out, "Hoàng Văn Cường");
  g_assert_null (strstr (text->out, new_code));
}

static void
test_search_without_diacritics (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *an = receive_residence (fixture, "Nguyễn Văn Ấn", "2026-03-02 10:00");
  g_autofree char *binh = receive_residence (fixture, "Trần Thị Bình", "2026-03-02 10:30");
  g_autoptr(McCliRun) found = RUN (fixture, "search", "nguyen van an", "--json");
  g_autoptr(McCliRun) unquoted = RUN (fixture, "search", "nguyen", "van", "an");
  g_autoptr(cJSON) json = NULL;
  const cJSON *first;

  mc_cli_test_assert_status (found, 0);
  json = mc_cli_test_parse_json (found);
  g_assert_cmpint (mc_cli_test_json_int (json, "count"), ==, 1);
  first = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (json, "dossiers"), 0);
  g_assert_cmpstr (mc_cli_test_json_string (first, "applicant_name"), ==, "Nguyễn Văn Ấn");
  g_assert_cmpstr (mc_cli_test_json_string (first, "code"), ==, an);
  g_assert_false (list_has_code (json, binh));

  mc_cli_test_assert_status (unquoted, 0);
  mc_cli_test_assert_contains (unquoted->out, "Nguyễn Văn Ấn");
  g_assert_null (strstr (unquoted->out, "Trần Thị Bình"));
}

/* 2 → 4 is allowed; 4 → 2 is not: refused with exit status 1 and the dossier unchanged. */
static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *code = receive_residence (fixture, "Ngô Bảo Châu", "2026-03-02 10:00");
  g_autoptr(McCliRun) allowed = RUN (fixture, "move", code, "--to", "4", "--at", "2026-03-03 09:00",
                                     "--note", "Chuyển Công an xã", "--json");
  g_autoptr(McCliRun) refused = NULL;
  g_autoptr(McCliRun) unknown = NULL;
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) dossier = NULL;
  const cJSON *history;

  mc_cli_test_assert_status (allowed, 0);
  json = mc_cli_test_parse_json (allowed);
  g_assert_cmpstr (mc_cli_test_json_string (json, "status"), ==, "in-processing");
  g_assert_cmpstr (mc_cli_test_json_string (json, "status_name"), ==, "Đang xử lý");

  refused = RUN (fixture, "move", code, "--to", "received");
  mc_cli_test_assert_status (refused, 1);
  mc_cli_test_assert_contains (refused->err, "motcua-cli: ");
  g_assert_cmpstr (refused->out, ==, "");

  unknown = RUN (fixture, "move", code, "--to", "bay-len-troi");
  mc_cli_test_assert_status (unknown, 1);

  shown = RUN (fixture, "show", code, "--json");
  mc_cli_test_assert_status (shown, 0);
  dossier = mc_cli_test_parse_json (shown);
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "status"), ==, "in-processing");
  history = cJSON_GetObjectItemCaseSensitive (dossier, "history");
  g_assert_cmpint (cJSON_GetArraySize (history), ==, 2);
  g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (history, 1), "note"), ==, "Chuyển Công an xã");
  g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (history, 1), "at"), ==, "2026-03-03 09:00");
}

/* Waiting for a supplement stops the clock: 2 working days waited (Wednesday 4 March
 * 09:00 to Friday 6 March 09:00 = 16 working hours) push the appointment from Wednesday
 * 11 March 10:00 to Friday 13 March 10:00; the original stays on record. */
static void
test_pause_keeps_original (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *code = receive_residence (fixture, "Đinh Công Tráng", "2026-03-02 10:00");
  g_autoptr(McCliRun) to_processing = RUN (fixture, "move", code, "--to", "in-processing", "--at", "2026-03-03 09:00");
  g_autoptr(McCliRun) to_supplement = RUN (fixture, "move", code, "--to", "5", "--at", "2026-03-04 09:00");
  g_autoptr(McCliRun) back = RUN (fixture, "move", code, "--to", "4", "--at", "2026-03-06 09:00");
  g_autoptr(McCliRun) shown = RUN (fixture, "show", code, "--json");
  g_autoptr(cJSON) dossier = NULL;
  const cJSON *pauses;

  mc_cli_test_assert_status (to_processing, 0);
  mc_cli_test_assert_status (to_supplement, 0);
  mc_cli_test_assert_status (back, 0);
  mc_cli_test_assert_status (shown, 0);
  dossier = mc_cli_test_parse_json (shown);
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "due_at"), ==, "2026-03-11 10:00");
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "current_due_at"), ==, "2026-03-13 10:00");
  pauses = cJSON_GetObjectItemCaseSensitive (dossier, "pauses");
  g_assert_cmpint (cJSON_GetArraySize (pauses), ==, 1);
  g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (pauses, 0), "started"), ==, "2026-03-04 09:00");
  g_assert_cmpstr (mc_cli_test_json_string (cJSON_GetArrayItem (pauses, 0), "ended"), ==, "2026-03-06 09:00");
}

static gboolean
holidays_have (const cJSON *json,
               const char  *date)
{
  const cJSON *item;

  cJSON_ArrayForEach (item, cJSON_GetObjectItemCaseSensitive (json, "days_off"))
    if (g_str_equal (mc_cli_test_json_string (item, "date"), date))
      return TRUE;
  return FALSE;
}

/* Tết Bính Ngọ: lunar New Year's day is Tuesday 17 February 2026; Vietnam Culture Day,
 * 24 November, is a day off from 2026; National Day, 2 September. */
static void
test_calendar_holidays (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(McCliRun) run = RUN (fixture, "calendar", "holidays", "2026", "--json");
  g_autoptr(McCliRun) text = RUN (fixture, "calendar", "holidays", "2026");
  g_autoptr(McCliRun) bad = RUN (fixture, "calendar", "holidays", "năm-nay");
  g_autoptr(cJSON) json = NULL;
  const cJSON *item;

  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  g_assert_cmpint (mc_cli_test_json_int (json, "year"), ==, 2026);
  g_assert_true (holidays_have (json, "2026-02-17"));
  g_assert_true (holidays_have (json, "2026-11-24"));
  g_assert_true (holidays_have (json, "2026-09-02"));
  g_assert_true (holidays_have (json, "2026-01-01"));
  g_assert_false (holidays_have (json, "2026-03-02"));
  cJSON_ArrayForEach (item, cJSON_GetObjectItemCaseSensitive (json, "days_off"))
    if (g_str_equal (mc_cli_test_json_string (item, "date"), "2026-02-17"))
      {
        g_assert_cmpstr (mc_cli_test_json_string (item, "kind"), ==, "statutory");
        g_assert_cmpint (mc_cli_test_json_int (item, "weekday"), ==, 2);
        mc_cli_test_assert_contains (mc_cli_test_json_string (item, "name"), "Tết");
      }

  mc_cli_test_assert_status (text, 0);
  mc_cli_test_assert_contains (text->out, "2026-02-17");
  mc_cli_test_assert_contains (text->out, "2026-11-24");

  mc_cli_test_assert_status (bad, 1);
  mc_cli_test_assert_contains (bad->err, "năm-nay");
}

/* domain.md's examples, and a receipt before Tết 2026 (Monday 16 – Friday 20 February off):
 * Friday 13 February 10:00 + 1 working day → Monday 23 February 10:00. */
static void
test_calendar_due (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct { const char *received; const char *option; const char *amount; const char *due; } cases[] = {
    { "2026-03-02 10:00", "--working-days", "3", "2026-03-05 10:00" },   /* Monday → Thursday */
    { "2026-03-02 07:00", "--working-days", "1", "2026-03-02 17:00" },   /* Monday → Monday closing */
    { "2026-03-06 16:00", "--working-days", "1", "2026-03-09 16:00" },   /* Friday → Monday, weekend skipped */
    { "2026-02-13 10:00", "--working-days", "1", "2026-02-23 10:00" },   /* over Tết */
    { "2026-03-02 10:00", "--working-hours", "4", "2026-03-02 16:00" },  /* 1.5 h before lunch, 2.5 h from 13:30 */
  };
  g_autoptr(McCliRun) text = NULL;
  g_autoptr(McCliRun) none = NULL;
  g_autoptr(McCliRun) no_limit = NULL;
  g_autoptr(McCliRun) two_limits = NULL;
  g_autoptr(McCliRun) bad_date = NULL;
  g_autoptr(cJSON) none_json = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(McCliRun) run = RUN (fixture, "calendar", "due", "--received", cases[i].received,
                                     cases[i].option, cases[i].amount, "--json");
      g_autoptr(cJSON) json = NULL;

      mc_cli_test_assert_status (run, 0);
      json = mc_cli_test_parse_json (run);
      g_assert_cmpstr (mc_cli_test_json_string (json, "due_at"), ==, cases[i].due);
    }

  text = RUN (fixture, "calendar", "due", "--received", "2026-03-02 10:00", "--working-days", "3");
  mc_cli_test_assert_status (text, 0);
  mc_cli_test_assert_contains (text->out, "2026-03-05 10:00");
  mc_cli_test_assert_contains (text->out, "10 giờ 00 phút, ngày 05/03/2026");
  mc_cli_test_assert_contains (text->out, "Thời hạn giải quyết: 3 ngày làm việc");

  none = RUN (fixture, "calendar", "due", "--received", "2026-03-02 10:00", "--none", "--json");
  mc_cli_test_assert_status (none, 0);
  none_json = mc_cli_test_parse_json (none);
  g_assert_true (cJSON_IsNull (cJSON_GetObjectItemCaseSensitive (none_json, "due_at")));

  no_limit = RUN (fixture, "calendar", "due", "--received", "2026-03-02 10:00");
  mc_cli_test_assert_status (no_limit, 2);
  two_limits = RUN (fixture, "calendar", "due", "--received", "2026-03-02 10:00", "--same-day",
                    "--working-days", "2");
  mc_cli_test_assert_status (two_limits, 2);
  bad_date = RUN (fixture, "calendar", "due", "--received", "2026-02-30 10:00", "--working-days", "2");
  mc_cli_test_assert_status (bad_date, 1);
  mc_cli_test_assert_contains (bad_date->err, "motcua-cli: ");
}

/* An announced day off after receipt moves the current appointment, not the printed one.
 * 1.004873 (3 working days) received Monday 2 March 2026 10:00 is due Thursday 5 March
 * 10:00; with Tuesday 3 March declared a day off (swapped for Saturday 7 March) the three
 * working days are Monday 10:00–17:00 (5 h), Wednesday (8 h) and Thursday (8 h), the last
 * 3 h on Friday 07:00–10:00: Friday 6 March 10:00. */
static void
test_calendar_import (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char announcement[] =
    "{\"format\": 1, \"announcements\": [{\"year\": 2026, \"confirmed\": true, \"source\": \"test-cli.c\","
    " \"days_off\": [{\"date\": \"2026-03-03\", \"name\": \"Nghỉ hoán đổi thử\"}],"
    " \"working_weekends\": [{\"date\": \"2026-03-07\", \"name\": \"Làm bù cho thứ Ba 03/3/2026\"}]}]}";
  static const char malformed[] =
    "{\"format\": 1, \"announcements\": [{\"year\": 2026, \"confirmed\": true, \"source\": \"x\","
    " \"days_off\": [{\"date\": \"2026-02-30\", \"name\": \"Ngày không có\"}]}]}";
  g_autofree char *path = g_build_filename (fixture->dir, "announcements.json", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(McCliRun) received = NULL;
  g_autoptr(McCliRun) imported = NULL;
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(McCliRun) holidays_before = NULL;
  g_autoptr(McCliRun) refused = NULL;
  g_autoptr(McCliRun) holidays_after = NULL;
  g_autoptr(cJSON) received_json = NULL;
  g_autoptr(cJSON) imported_json = NULL;
  g_autoptr(cJSON) dossier = NULL;
  g_autoptr(cJSON) holidays = NULL;

  g_file_set_contents (path, announcement, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad_path, malformed, -1, &error);
  g_assert_no_error (error);

  received = RUN (fixture, "receive", "--procedure", "1.004873", "--name", "Tạ Quang Bửu", "--id-number", CITIZEN_ID,
                  "--all-mandatory", "--received", "2026-03-02 10:00", "--json");
  mc_cli_test_assert_status (received, 0);
  received_json = mc_cli_test_parse_json (received);
  g_assert_cmpstr (mc_cli_test_json_string (received_json, "due_at"), ==, "2026-03-05 10:00");

  imported = RUN (fixture, "calendar", "import", path, "--json");
  mc_cli_test_assert_status (imported, 0);
  imported_json = mc_cli_test_parse_json (imported);
  g_assert_cmpint (mc_cli_test_json_int (imported_json, "recomputed"), ==, 1);

  shown = RUN (fixture, "show", mc_cli_test_json_string (received_json, "code"), "--json");
  mc_cli_test_assert_status (shown, 0);
  dossier = mc_cli_test_parse_json (shown);
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "due_at"), ==, "2026-03-05 10:00");
  g_assert_cmpstr (mc_cli_test_json_string (dossier, "current_due_at"), ==, "2026-03-06 10:00");

  holidays_before = RUN (fixture, "calendar", "holidays", "2026", "--json");
  mc_cli_test_assert_status (holidays_before, 0);
  holidays = mc_cli_test_parse_json (holidays_before);
  g_assert_true (holidays_have (holidays, "2026-03-03"));

  /* 30 February: refused whole, the calendar as it was. */
  refused = RUN (fixture, "calendar", "import", bad_path);
  mc_cli_test_assert_status (refused, 1);
  mc_cli_test_assert_contains (refused->err, "2026-02-30");
  holidays_after = RUN (fixture, "calendar", "holidays", "2026", "--json");
  g_assert_cmpstr (holidays_after->out, ==, holidays_before->out);
}

/* One procedure in the desk's catalogue format, its only document with %d copies. */
#define PROCEDURE_FORMAT \
    "{\"code\": \"1.000001\", \"name\": \"Thủ tục thử nghiệm\", \"field_code\": \"thu-nghiem\","  \
    " \"field_name\": \"Thử nghiệm\", \"level\": \"commune\", \"agency\": \"UBND xã\","           \
    " \"time_limit\": {\"kind\": \"working-days\", \"amount\": 2},"                               \
    " \"documents\": [{\"code\": \"don\", \"name\": \"Đơn đề nghị\", \"form\": \"original\","     \
    " \"copies\": %d, \"mandatory\": true}],"                                                     \
    " \"fees\": [], \"legal_basis\": \"Không\", \"source\": \"test-cli.c\"}"

/* A catalogue with one good procedure and one bad document is refused whole: the good
 * procedure does not appear, the catalogue in use is as it was. */
static void
test_catalogue_import (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *good = g_strdup_printf (PROCEDURE_FORMAT, 1);
  g_autofree char *bad_other = g_strdup_printf (PROCEDURE_FORMAT, -1);
  g_autofree char *mixed = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *mixed_path = g_build_filename (fixture->dir, "mixed.json", NULL);
  g_autofree char *broken_path = g_build_filename (fixture->dir, "broken.json", NULL);
  g_autofree char *valid_path = g_build_filename (fixture->dir, "valid.json", NULL);
  g_autoptr(McCliRun) before = NULL;
  g_autoptr(McCliRun) refused = NULL;
  g_autoptr(McCliRun) broken = NULL;
  g_autoptr(McCliRun) after = NULL;
  g_autoptr(McCliRun) show_missing = NULL;
  g_autoptr(McCliRun) imported = NULL;
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(McCliRun) listed = NULL;
  g_autoptr(cJSON) before_json = NULL;
  g_autoptr(cJSON) listed_json = NULL;
  g_autoptr(GError) error = NULL;

  /* The second procedure (a copy with another code) has -1 copies. */
  memcpy (strstr (bad_other, "1.000001"), "1.000002", 8);
  mixed = g_strdup_printf ("{\"format\": 1, \"version\": \"test\", \"procedures\": [%s, %s]}", good, bad_other);
  valid = g_strdup_printf ("{\"format\": 1, \"version\": \"test\", \"procedures\": [%s]}", good);
  g_file_set_contents (mixed_path, mixed, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (broken_path, "{\"format\": 1, \"version\": \"test\", \"procedures\": [", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (valid_path, valid, -1, &error);
  g_assert_no_error (error);

  before = RUN (fixture, "catalogue", "list", "--json");
  mc_cli_test_assert_status (before, 0);
  before_json = mc_cli_test_parse_json (before);
  /* The bundled catalogue: 48 procedures (data/catalogue/README.md). */
  g_assert_cmpint (mc_cli_test_json_int (before_json, "count"), ==, 48);

  refused = RUN (fixture, "catalogue", "import", mixed_path);
  mc_cli_test_assert_status (refused, 1);
  mc_cli_test_assert_contains (refused->err, "motcua-cli: ");
  mc_cli_test_assert_contains (refused->err, "procedures[1].documents[0].copies");
  broken = RUN (fixture, "catalogue", "import", broken_path);
  mc_cli_test_assert_status (broken, 1);

  after = RUN (fixture, "catalogue", "list", "--json");
  mc_cli_test_assert_status (after, 0);
  g_assert_cmpstr (after->out, ==, before->out);
  show_missing = RUN (fixture, "catalogue", "show", "1.000001");
  mc_cli_test_assert_status (show_missing, 1);

  imported = RUN (fixture, "catalogue", "import", valid_path);
  mc_cli_test_assert_status (imported, 0);
  shown = RUN (fixture, "catalogue", "show", "1.000001");
  mc_cli_test_assert_status (shown, 0);
  mc_cli_test_assert_contains (shown->out, "Thủ tục thử nghiệm");
  mc_cli_test_assert_contains (shown->out, "Đơn đề nghị");
  mc_cli_test_assert_contains (shown->out, "2 ngày làm việc");
  listed = RUN (fixture, "catalogue", "list", "--json");
  listed_json = mc_cli_test_parse_json (listed);
  g_assert_cmpint (mc_cli_test_json_int (listed_json, "count"), ==, 49);
}

static void
test_catalogue_show (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(McCliRun) run = RUN (fixture, "catalogue", "show", "1.001193", "--json");
  g_autoptr(McCliRun) search = RUN (fixture, "catalogue", "list", "dang ky khai sinh", "--json");
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) found = NULL;
  const cJSON *document;
  const cJSON *first;
  int n_birth_proofs = 0;

  mc_cli_test_assert_status (run, 0);
  json = mc_cli_test_parse_json (run);
  g_assert_cmpstr (mc_cli_test_json_string (json, "name"), ==, "Đăng ký khai sinh");
  g_assert_cmpstr (mc_cli_test_json_string (json, "time_limit"), ==, "same-day");
  /* Birth certificate, witness statement, sworn statement or abandonment record: one of. */
  cJSON_ArrayForEach (document, cJSON_GetObjectItemCaseSensitive (json, "documents"))
    if (cJSON_IsString (cJSON_GetObjectItemCaseSensitive (document, "one_of")))
      n_birth_proofs++;
  g_assert_cmpint (n_birth_proofs, >=, 2);

  mc_cli_test_assert_status (search, 0);
  found = mc_cli_test_parse_json (search);
  g_assert_cmpint (mc_cli_test_json_int (found, "count"), >=, 1);
  first = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (found, "procedures"), 0);
  g_assert_cmpstr (mc_cli_test_json_string (first, "code"), ==, "1.001193");
}

/* An 11-digit citizen ID is refused with exit status 1 and nothing is stored. */
static void
test_bad_citizen_id (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(McCliRun) refused = RUN (fixture, "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn",
                                     "--id-number", "00109001234", "--document", "ct01",
                                     "--received", "2026-03-02 10:00");
  g_autoptr(McCliRun) wrong_century = RUN (fixture, "receive", "--procedure", "1.004222", "--name", "Nguyễn Văn Ấn",
                                           "--id-number", CITIZEN_ID, "--birth-date", "2005-01-01",
                                           "--document", "ct01", "--received", "2026-03-02 10:00");
  g_autoptr(McCliRun) no_name = RUN (fixture, "receive", "--procedure", "1.004222", "--id-number", CITIZEN_ID,
                                     "--document", "ct01");
  g_autoptr(McCliRun) listed = RUN (fixture, "list", "--json");
  g_autoptr(McCliRun) outbox = RUN (fixture, "outbox", "--json");
  g_autoptr(cJSON) json = NULL;
  g_autoptr(cJSON) outbox_json = NULL;

  mc_cli_test_assert_status (refused, 1);
  mc_cli_test_assert_contains (refused->err, "motcua-cli: ");
  mc_cli_test_assert_contains (refused->err, "12");
  g_assert_cmpstr (refused->out, ==, "");
  mc_cli_test_assert_status (wrong_century, 1);
  mc_cli_test_assert_status (no_name, 2);

  mc_cli_test_assert_status (listed, 0);
  json = mc_cli_test_parse_json (listed);
  g_assert_cmpint (mc_cli_test_json_int (json, "count"), ==, 0);
  mc_cli_test_assert_status (outbox, 0);
  outbox_json = mc_cli_test_parse_json (outbox);
  g_assert_cmpint (mc_cli_test_json_int (outbox_json, "pending"), ==, 0);
}

static void
test_backup_and_check (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *code = receive_residence (fixture, "Bùi Thị Xuân", "2026-03-02 10:00");
  g_autofree char *backup_path = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "nowhere.db", NULL);
  g_autoptr(McCliRun) backup = RUN (fixture, "backup", backup_path);
  g_autoptr(McCliRun) check = NULL;
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(McCliRun) missing = NULL;
  g_autoptr(cJSON) json = NULL;

  mc_cli_test_assert_status (backup, 0);
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));

  check = mc_cli_test_run (backup_path, NULL, MC_CLI_TEST_ARGS ("check", "--json"));
  mc_cli_test_assert_status (check, 0);
  json = mc_cli_test_parse_json (check);
  g_assert_true (cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (json, "ok")));
  g_assert_cmpint (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (json, "problems")), ==, 0);

  shown = mc_cli_test_run (backup_path, NULL, MC_CLI_TEST_ARGS ("show", code));
  mc_cli_test_assert_status (shown, 0);
  mc_cli_test_assert_contains (shown->out, "Bùi Thị Xuân");

  /* Checking a database that is not there is refused, not a new empty one declared healthy. */
  missing = mc_cli_test_run (nowhere, NULL, MC_CLI_TEST_ARGS ("check"));
  mc_cli_test_assert_status (missing, 1);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

/* The slip's QR code carries a lookup URL; `show` takes what a scanner types. */
static void
test_show_scanned_url (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *code = receive_residence (fixture, "Lý Thường Kiệt", "2026-03-02 10:00");
  g_autoptr(McCliRun) set = RUN (fixture, "settings", "set", "portal.lookup-url-template",
                                 "https://tracuu.example.vn/ho-so?ma={code}");
  g_autoptr(McCliRun) get = RUN (fixture, "settings", "get", "portal.lookup-url-template");
  g_autofree char *url = g_strdup_printf ("https://tracuu.example.vn/ho-so?ma=%s", code);
  g_autoptr(McCliRun) shown = NULL;
  g_autoptr(McCliRun) garbage = NULL;
  g_autoptr(McCliRun) bad_setting = NULL;
  g_autoptr(McCliRun) still = NULL;

  mc_cli_test_assert_status (set, 0);
  mc_cli_test_assert_status (get, 0);
  g_assert_cmpstr (get->out, ==, "https://tracuu.example.vn/ho-so?ma={code}\n");

  shown = RUN (fixture, "show", url);
  mc_cli_test_assert_status (shown, 0);
  mc_cli_test_assert_contains (shown->out, code);
  mc_cli_test_assert_contains (shown->out, "Lý Thường Kiệt");

  garbage = RUN (fixture, "show", "https://elsewhere.example.com/?ma=1");
  mc_cli_test_assert_status (garbage, 1);

  /* A bad value is refused and the old one stays. */
  bad_setting = RUN (fixture, "settings", "set", "deadline.same-day-cutoff", "25:00");
  mc_cli_test_assert_status (bad_setting, 1);
  still = RUN (fixture, "settings", "get", "deadline.same-day-cutoff");
  g_assert_cmpstr (still->out, ==, "15:00\n");
}

/* Figures name their period and count what was received in it. */
static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  g_free (receive_residence (fixture, "Mai Hắc Đế", "2026-03-02 10:00"));
  g_free (receive_residence (fixture, "Lê Lợi", "2026-04-01 10:00"));
  g_autoptr(McCliRun) march = RUN (fixture, "figures", "--from", "2026-03-01", "--to", "2026-03-31", "--json");
  g_autoptr(McCliRun) text = RUN (fixture, "figures", "--from", "2026-03-01", "--to", "2026-04-30");
  g_autoptr(McCliRun) backwards = RUN (fixture, "figures", "--from", "2026-04-01", "--to", "2026-03-01");
  g_autoptr(cJSON) json = NULL;
  const cJSON *period;

  mc_cli_test_assert_status (march, 0);
  json = mc_cli_test_parse_json (march);
  period = cJSON_GetObjectItemCaseSensitive (json, "period");
  g_assert_cmpstr (mc_cli_test_json_string (period, "from"), ==, "2026-03-01");
  g_assert_cmpstr (mc_cli_test_json_string (period, "to"), ==, "2026-03-31");
  g_assert_cmpint (mc_cli_test_json_int (json, "received"), ==, 1);
  g_assert_true (cJSON_IsObject (cJSON_GetObjectItemCaseSensitive (json, "definitions")));

  mc_cli_test_assert_status (text, 0);
  mc_cli_test_assert_contains (text->out, "2026-03-01");
  mc_cli_test_assert_contains (text->out, "2026-04-30");
  mc_cli_test_assert_status (backwards, 1);
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(McCliRun) nothing = mc_cli_test_run (NULL, NULL, (const char *[]) { NULL });
  g_autoptr(McCliRun) unknown = RUN (fixture, "fly");
  g_autoptr(McCliRun) half = RUN (fixture, "calendar");
  g_autoptr(McCliRun) bad_option = RUN (fixture, "list", "--colour");
  g_autoptr(McCliRun) help = RUN (fixture, "receive", "--help");
  g_autoptr(McCliRun) not_found = RUN (fixture, "show", "000.00.16.H04-260302-0099");

  mc_cli_test_assert_status (nothing, 2);
  mc_cli_test_assert_status (unknown, 2);
  mc_cli_test_assert_contains (unknown->err, "fly");
  mc_cli_test_assert_status (half, 2);
  mc_cli_test_assert_status (bad_option, 2);
  mc_cli_test_assert_contains (bad_option->err, "motcua-cli: ");
  mc_cli_test_assert_status (help, 0);
  mc_cli_test_assert_contains (help->out, "--procedure");
  mc_cli_test_assert_contains (help->out, "--all-mandatory");
  mc_cli_test_assert_status (not_found, 1);
}

int
main (int    argc,
      char **argv)
{
  if (!mc_cli_test_init (&argc, &argv))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/receive/json-then-show", test_receive_and_show);
  ADD ("/cli/receive/documents", test_receive_documents);
  ADD ("/cli/receive/same-day-cutoff", test_same_day_cutoff);
  ADD ("/cli/receive/bad-citizen-id", test_bad_citizen_id);
  ADD ("/cli/list/overdue", test_list_overdue);
  ADD ("/cli/search/without-diacritics", test_search_without_diacritics);
  ADD ("/cli/move/allowed-and-refused", test_move);
  ADD ("/cli/move/pause-keeps-original", test_pause_keeps_original);
  ADD ("/cli/calendar/holidays-2026", test_calendar_holidays);
  ADD ("/cli/calendar/due", test_calendar_due);
  ADD ("/cli/calendar/import-recomputes", test_calendar_import);
  ADD ("/cli/catalogue/import-refused-whole", test_catalogue_import);
  ADD ("/cli/catalogue/show", test_catalogue_show);
  ADD ("/cli/maintenance/backup-and-check", test_backup_and_check);
  ADD ("/cli/show/scanned-url", test_show_scanned_url);
  ADD ("/cli/figures/period", test_figures);
  ADD ("/cli/usage-errors", test_usage_errors);
#undef ADD

  return g_test_run ();
}
