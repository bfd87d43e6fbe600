/* test-roles.c — who may do what: every move of domain.md for each role, written out here
 * as a table typed from domain.md's "People" (not copied from mc-roles.c), receipts, steps,
 * settings, accounts, and the names roles are typed with. */
#include "config.h"

#include <string.h>

#include "mc-error.h"
#include "mc-roles.h"

/* domain.md's moves with who makes them: C clerk, O processing officer, S supervisor.
 * The administrator makes none. */
static const struct
{
  int         from;
  int         to;
  const char *who;
} expected_moves[] = {
  { 1, 2, "C" },     /* an online submission received at the counter */
  { 1, 3, "C" },     /* refused at reception (form 03) */
  { 2, 3, "C" },     /* refused on checking, same visit */
  { 2, 4, "C" },     /* handed over to the deciding agency */
  { 2, 5, "C" },     /* supplement requested at the counter (form 02) */
  { 2, 7, "C" },     /* withdrawn at the counter */
  { 4, 5, "CO" },    /* the department finds something missing; the counter issues form 02 */
  { 4, 6, "O" },     /* notice to pay */
  { 4, 7, "CO" },    /* withdrawn, at the counter or at the department */
  { 4, 8, "OS" },    /* processing stopped: the agency's decision (form 05) */
  { 4, 9, "O" },     /* result ready */
  { 5, 4, "CO" },    /* supplement received */
  { 5, 7, "C" },
  { 5, 8, "OS" },    /* supplement deadline passed */
  { 6, 4, "CO" },    /* paid */
  { 6, 7, "C" },
  { 6, 8, "OS" },
  { 9, 10, "C" },    /* result returned at the counter */
};

static const struct
{
  McRole role;
  char   letter;
} role_letters[] = {
  { MC_ROLE_CLERK, 'C' },
  { MC_ROLE_OFFICER, 'O' },
  { MC_ROLE_SUPERVISOR, 'S' },
  { MC_ROLE_ADMINISTRATOR, 'A' },
};

static const char *
expected_who (int from,
              int to)
{
  for (gsize i = 0; i < G_N_ELEMENTS (expected_moves); i++)
    if (expected_moves[i].from == from && expected_moves[i].to == to)
      return expected_moves[i].who;
  return NULL;
}

/* Every (from, to) pair for every single role: allowed exactly when the table says so, and
 * a refusal that names the statuses and the roles that may. */
static void
test_every_move_for_every_role (void)
{
  guint allowed = 0;

  for (gsize r = 0; r < G_N_ELEMENTS (role_letters); r++)
    for (int from = 1; from <= 10; from++)
      for (int to = 1; to <= 10; to++)
        {
          g_autoptr(GError) error = NULL;
          const char *who = expected_who (from, to);
          gboolean expected = who != NULL && strchr (who, role_letters[r].letter) != NULL;
          gboolean checked = mc_roles_check_move (role_letters[r].role, (McStatus) from, (McStatus) to, &error);

          if (checked != expected)
            g_error ("role %s, move %d→%d: expected %s", mc_role_to_string (role_letters[r].role), from, to,
                     expected ? "allowed" : "refused");
          g_assert_cmpint (mc_roles_may_move (role_letters[r].role, (McStatus) from, (McStatus) to), ==, expected);
          if (expected)
            {
              g_assert_no_error (error);
              allowed++;
              continue;
            }
          g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
          g_assert_nonnull (strstr (error->message, mc_status_describe ((McStatus) from)));
          g_assert_nonnull (strstr (error->message, mc_status_describe ((McStatus) to)));
          if (who != NULL)
            {
              /* A move someone else may make says whose it is. */
              g_autofree char *theirs = mc_roles_describe (mc_roles_for_move ((McStatus) from, (McStatus) to));

              g_assert_nonnull (strstr (error->message, theirs));
              g_assert_nonnull (strstr (error->message, mc_role_describe (role_letters[r].role)));
            }
        }
  /* C: 13 moves, O: 9, S: 3, A: none. */
  g_assert_cmpuint (allowed, ==, 13 + 9 + 3);
}

/* The table of expected moves is domain.md's whole list: nothing the status machine allows
 * is left without someone to make it. */
static void
test_every_allowed_move_has_someone (void)
{
  guint n = 0;

  for (int from = 1; from <= 10; from++)
    for (int to = 1; to <= 10; to++)
      {
        gboolean can = mc_status_can_move ((McStatus) from, (McStatus) to);

        g_assert_cmpint (can, ==, expected_who (from, to) != NULL);
        g_assert_cmpint (mc_roles_for_move ((McStatus) from, (McStatus) to) != MC_ROLES_NONE, ==, can);
        n += can;
      }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_moves));
}

/* A person with several roles may do what each of them may. */
static void
test_several_roles_add_up (void)
{
  McRoles counter_and_department = MC_ROLE_CLERK | MC_ROLE_OFFICER;
  McRoles admin_and_supervisor = MC_ROLE_ADMINISTRATOR | MC_ROLE_SUPERVISOR;

  g_assert_true (mc_roles_may_move (counter_and_department, MC_STATUS_RECEIVED, MC_STATUS_IN_PROCESSING));
  g_assert_true (mc_roles_may_move (counter_and_department, MC_STATUS_IN_PROCESSING, MC_STATUS_RESULT_READY));
  g_assert_true (mc_roles_may_move (counter_and_department, MC_STATUS_RESULT_READY, MC_STATUS_RETURNED));
  g_assert_false (mc_roles_may_move (admin_and_supervisor, MC_STATUS_RESULT_READY, MC_STATUS_RETURNED));
  g_assert_true (mc_roles_may_move (admin_and_supervisor, MC_STATUS_IN_PROCESSING, MC_STATUS_STOPPED));
  g_assert_true (mc_roles_may_move (MC_ROLES_ALL, MC_STATUS_IN_PROCESSING, MC_STATUS_WAITING_PAYMENT));
  /* Even every role together cannot make a move the status machine forbids. */
  g_assert_false (mc_roles_may_move (MC_ROLES_ALL, MC_STATUS_RETURNED, MC_STATUS_RECEIVED));
}

static void
test_receive_is_the_clerks (void)
{
  for (gsize r = 0; r < G_N_ELEMENTS (role_letters); r++)
    {
      g_autoptr(GError) error = NULL;
      gboolean expected = role_letters[r].role == MC_ROLE_CLERK;

      g_assert_cmpint (mc_roles_check_receive (role_letters[r].role, &error), ==, expected);
      if (!expected)
        g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
    }
}

/* Steps inside a status (hand-overs between departments, apologies) are for the people who
 * work on dossiers, not for the administrator. */
static void
test_steps_are_for_dossier_workers (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_roles_check_step (MC_ROLE_OFFICER, MC_STATUS_IN_PROCESSING, NULL));
  g_assert_true (mc_roles_check_step (MC_ROLE_CLERK, MC_STATUS_IN_PROCESSING, NULL));
  g_assert_true (mc_roles_check_step (MC_ROLE_SUPERVISOR, MC_STATUS_RECEIVED, NULL));
  g_assert_false (mc_roles_check_step (MC_ROLE_ADMINISTRATOR, MC_STATUS_IN_PROCESSING, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, mc_status_describe (MC_STATUS_IN_PROCESSING)));
}

/* Settings are the administrator's; the supervisor may set the due-soon threshold they
 * watch, and nothing that changes an appointment or a code. */
static void
test_settings_are_the_administrators (void)
{
  static const char *const keys[] = {
    "office.name", "office.hours", "deadline.mode", "desk.sequence-first", "portal.base-url",
    "desk.lock-after-minutes",
  };
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (mc_roles_check_setting (MC_ROLE_ADMINISTRATOR, keys[i], NULL));
      g_assert_false (mc_roles_check_setting (MC_ROLE_SUPERVISOR, keys[i], NULL));
      g_assert_false (mc_roles_check_setting (MC_ROLE_CLERK, keys[i], NULL));
      g_assert_false (mc_roles_check_setting (MC_ROLE_OFFICER, keys[i], NULL));
    }
  g_assert_true (mc_roles_check_setting (MC_ROLE_SUPERVISOR, "deadline.due-soon-days", NULL));
  g_assert_false (mc_roles_check_setting (MC_ROLE_CLERK, "deadline.due-soon-days", &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "deadline.due-soon-days"));
}

static void
test_accounts_are_the_administrators (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_roles_check_accounts (MC_ROLE_ADMINISTRATOR | MC_ROLE_CLERK, NULL));
  g_assert_false (mc_roles_check_accounts (MC_ROLE_SUPERVISOR | MC_ROLE_CLERK | MC_ROLE_OFFICER, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
}

/* The late dossier's apology is signed off by the supervisor alone: the head of the agency
 * signs form 04, not the counter. */
static void
test_apology_is_the_supervisors (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_roles_check_apology (MC_ROLE_SUPERVISOR, NULL));
  g_assert_true (mc_roles_check_apology (MC_ROLE_CLERK | MC_ROLE_SUPERVISOR, NULL));
  g_assert_false (mc_roles_check_apology (MC_ROLE_OFFICER, NULL));
  g_assert_false (mc_roles_check_apology (MC_ROLE_ADMINISTRATOR, NULL));
  g_assert_false (mc_roles_check_apology (MC_ROLE_CLERK, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, mc_role_describe (MC_ROLE_SUPERVISOR)));
}

/* Catalogue, calendar, backups and the outbox are the administrator's (domain.md, People). */
static void
test_office_tasks_are_the_administrators (void)
{
  static const McOfficeTask tasks[] = {
    MC_OFFICE_TASK_IMPORT_CATALOGUE, MC_OFFICE_TASK_IMPORT_CALENDAR, MC_OFFICE_TASK_BACKUP,
    MC_OFFICE_TASK_RESTORE, MC_OFFICE_TASK_RESEND,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tasks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *who = mc_roles_describe (MC_ROLE_CLERK | MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR);

      g_assert_true (mc_roles_check_office_task (MC_ROLE_ADMINISTRATOR, tasks[i], NULL));
      g_assert_false (mc_roles_check_office_task (MC_ROLE_CLERK | MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR,
                                                  tasks[i], &error));
      g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_NOT_ALLOWED);
      /* Names the roles held and the role needed. */
      g_assert_nonnull (strstr (error->message, who));
      g_assert_nonnull (strstr (error->message, mc_role_describe (MC_ROLE_ADMINISTRATOR)));
    }
}

/* Roles as typed on the command line: English names, aliases, the office's Vietnamese words
 * with or without diacritics; refused when unknown or empty. */
static void
test_roles_parse_and_print (void)
{
  McRoles roles = 0;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_roles_parse ("administrator, clerk", &roles, NULL));
  g_assert_cmpuint (roles, ==, MC_ROLE_ADMINISTRATOR | MC_ROLE_CLERK);
  text = mc_roles_to_string (roles);
  g_assert_cmpstr (text, ==, "clerk,administrator");

  g_assert_true (mc_roles_parse ("Cán bộ xử lý,lanh dao", &roles, NULL));
  g_assert_cmpuint (roles, ==, MC_ROLE_OFFICER | MC_ROLE_SUPERVISOR);
  g_assert_true (mc_roles_parse ("ADMIN", &roles, NULL));
  g_assert_cmpuint (roles, ==, MC_ROLE_ADMINISTRATOR);
  g_assert_true (mc_roles_parse ("quan_tri_vien", &roles, NULL));
  g_assert_cmpuint (roles, ==, MC_ROLE_ADMINISTRATOR);

  roles = 0;
  g_assert_false (mc_roles_parse ("clerk,cashier", &roles, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cashier"));
  g_assert_cmpuint (roles, ==, 0);
  g_clear_error (&error);
  g_assert_false (mc_roles_parse (" , ", &roles, &error));
  g_assert_error (error, MC_CORE_ERROR, MC_CORE_ERROR_MISSING);

  for (gsize r = 0; r < G_N_ELEMENTS (role_letters); r++)
    {
      McRoles back = 0;

      g_assert_true (mc_roles_parse (mc_role_to_string (role_letters[r].role), &back, NULL));
      g_assert_cmpuint (back, ==, role_letters[r].role);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roles/every-move-for-every-role", test_every_move_for_every_role);
  g_test_add_func ("/roles/every-allowed-move-has-someone", test_every_allowed_move_has_someone);
  g_test_add_func ("/roles/several-roles-add-up", test_several_roles_add_up);
  g_test_add_func ("/roles/receive-is-the-clerks", test_receive_is_the_clerks);
  g_test_add_func ("/roles/steps-are-for-dossier-workers", test_steps_are_for_dossier_workers);
  g_test_add_func ("/roles/settings-are-the-administrators", test_settings_are_the_administrators);
  g_test_add_func ("/roles/accounts-are-the-administrators", test_accounts_are_the_administrators);
  g_test_add_func ("/roles/parse-and-print", test_roles_parse_and_print);
  g_test_add_func ("/roles/apology-is-the-supervisors", test_apology_is_the_supervisors);
  g_test_add_func ("/roles/office-tasks-are-the-administrators", test_office_tasks_are_the_administrators);
  return g_test_run ();
}
