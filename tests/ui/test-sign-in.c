/* test-sign-in.c — a desk with accounts as its staff meet it: the window opens locked behind
 * the sign-in dialog, a wrong password is refused with a message, the right one (typed into the
 * dialog's real fields, Enter or the button) opens the desk with the person's name in the header
 * bar, the desk locks itself after the idle time of its setting, and another person signs in
 * without restarting, with the store's account following. A desk without accounts never asks. */
#include "config.h"

#include "mc-account-menu.h"
#include "mc-desk-lock.h"
#include "mc-dossier-page.h"
#include "mc-sign-in-dialog.h"
#include "mc-ui-test.h"
#include "mc-window.h"

#define ADMIN_PASSWORD   MC_UI_TEST_ADMIN_PASSWORD
#define CLERK_PASSWORD   MC_UI_TEST_CLERK_PASSWORD
#define OFFICER_PASSWORD MC_UI_TEST_OFFICER_PASSWORD

static GtkApplication *application;

static McWindow *
open_window (McUiFixture *f)
{
  McWindow *window = mc_window_new (application, f->context);

  gtk_window_present (GTK_WINDOW (window));
  mc_ui_test_run_for (100);
  return window;
}

static McDeskLock *
desk_lock (McWindow *window)
{
  McDeskLock *lock = mc_desk_lock_get (GTK_WIDGET (window));

  g_assert_nonnull (lock);
  return lock;
}

static gboolean
dialog_is_shown (gpointer data)
{
  McSignInDialog *dialog = mc_desk_lock_get_dialog (desk_lock (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static McSignInDialog *
wait_for_dialog (McWindow *window)
{
  g_assert_true (mc_ui_test_wait_until (dialog_is_shown, window, 5000));
  return mc_desk_lock_get_dialog (desk_lock (window));
}

static GtkWidget *
field (McSignInDialog *dialog,
       GType           type,
       const char     *name)
{
  GtkWidget *widget = mc_ui_test_find (GTK_WIDGET (dialog), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
is_unlocked (gpointer data)
{
  return !mc_desk_lock_is_locked (desk_lock (data));
}

static gboolean
is_locked (gpointer data)
{
  return mc_desk_lock_is_locked (desk_lock (data));
}

static gboolean
has_message (gpointer data)
{
  return *mc_sign_in_dialog_get_message (data) != '\0';
}

/* Types the user name and the password into the dialog and presses Enter in the password. */
static void
type_and_enter (McSignInDialog *dialog,
                const char     *username,
                const char     *password)
{
  GtkWidget *username_entry = field (dialog, GTK_TYPE_ENTRY, "username-entry");
  GtkWidget *password_entry = field (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry");

  gtk_editable_set_text (GTK_EDITABLE (username_entry), username);
  gtk_editable_set_text (GTK_EDITABLE (password_entry), password);
  g_signal_emit_by_name (password_entry, "activate");
}

static void
sign_in_through_dialog (McWindow   *window,
                        const char *username,
                        const char *password)
{
  McSignInDialog *dialog = wait_for_dialog (window);

  type_and_enter (dialog, username, password);
  g_assert_true (mc_ui_test_wait_until (is_unlocked, window, 10000));
}

static const char *
shown_name (McWindow *window)
{
  GtkWidget *menu = mc_ui_test_find (GTK_WIDGET (window), MC_TYPE_ACCOUNT_MENU, NULL);

  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  return mc_account_menu_get_name (MC_ACCOUNT_MENU (menu));
}

static gboolean
content_visible (McWindow *window)
{
  return gtk_widget_get_visible (gtk_window_get_child (GTK_WINDOW (window)));
}

/* The user name the store itself has signed in, asked through a job like any store work. */
static gpointer
store_account_job (McStore   *store,
                   gpointer   data,
                   GError   **error)
{
  const McAccount *account = mc_store_get_current_account (store);

  return g_strdup (account != NULL ? account->username : "");
}

typedef struct
{
  GAsyncResult *result;
} JobWait;

static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  JobWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
job_finished (gpointer data)
{
  return ((JobWait *) data)->result != NULL;
}

static char *
store_account (McUiFixture *f)
{
  JobWait wait = { NULL };
  g_autoptr(GError) error = NULL;
  char *username;

  mc_context_run_async (f->context, store_account_job, NULL, NULL, g_free, NULL, job_done, &wait);
  g_assert_true (mc_ui_test_wait_until (job_finished, &wait, 5000));
  username = mc_context_run_finish (f->context, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return username;
}

/* The window opens locked, its content hidden; the clerk signs in with Enter and the desk is
 * hers: her name in the header bar, the store signed in as her. */
static void
test_starts_locked_and_signs_in (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McSignInDialog *dialog = wait_for_dialog (window);
  g_autofree char *in_store = NULL;
  g_autofree char *clerk = NULL;

  g_assert_true (mc_desk_lock_is_locked (desk_lock (window)));
  g_assert_false (content_visible (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_null (mc_context_get_account (f->context));

  type_and_enter (dialog, "thu.lt", CLERK_PASSWORD);
  g_assert_true (mc_ui_test_wait_until (is_unlocked, window, 10000));
  g_assert_true (content_visible (window));
  g_assert_cmpstr (shown_name (window), ==, "Lê Thị Thu");
  g_assert_cmpstr (mc_context_get_account (f->context)->username, ==, "thu.lt");
  clerk = mc_context_dup_clerk (f->context);
  g_assert_cmpstr (clerk, ==, "Lê Thị Thu");
  in_store = store_account (f);
  g_assert_cmpstr (in_store, ==, "thu.lt");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A wrong password is refused in the dialog's words and cleared; the desk stays locked. Then
 * the button signs in with the right one. */
static void
test_wrong_password_says_why (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McSignInDialog *dialog = wait_for_dialog (window);
  GtkWidget *username_entry = field (dialog, GTK_TYPE_ENTRY, "username-entry");
  GtkWidget *password_entry = field (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry");
  GtkWidget *button = field (dialog, GTK_TYPE_BUTTON, "sign-in-button");
  GtkWidget *message = field (dialog, GTK_TYPE_LABEL, "sign-in-message");

  gtk_editable_set_text (GTK_EDITABLE (username_entry), "thu.lt");
  gtk_editable_set_text (GTK_EDITABLE (password_entry), "tiep-nhan-2024");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (mc_ui_test_wait_until (has_message, dialog, 10000));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, "Wrong user name or password");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_entry)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (username_entry)), ==, "thu.lt");
  g_assert_true (mc_desk_lock_is_locked (desk_lock (window)));
  g_assert_false (content_visible (window));
  g_assert_null (mc_context_get_account (f->context));

  /* An empty password is not even tried. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, "Enter your password.");

  gtk_editable_set_text (GTK_EDITABLE (password_entry), CLERK_PASSWORD);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (mc_ui_test_wait_until (is_unlocked, window, 10000));
  g_assert_cmpstr (shown_name (window), ==, "Lê Thị Thu");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The administrator sets desk.lock-after-minutes to 0.05 (3 seconds): after 3 idle seconds
 * the desk locks, offering the same user name again, and nobody is signed in meanwhile. */
static void
test_locks_after_idle (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McSignInDialog *dialog;
  gint64 set_at, locked_at;
  g_autofree char *in_store = NULL;

  sign_in_through_dialog (window, "admin", ADMIN_PASSWORD);
  g_assert_cmpstr (shown_name (window), ==, "Hoàng Văn Quản");
  set_at = g_get_monotonic_time ();
  g_settings_set_string (f->settings, "desk-lock-after-minutes", "0.05");
  g_assert_cmpint (mc_context_get_office (f->context)->lock_after_seconds, ==, 3);

  g_assert_true (mc_ui_test_wait_until (is_locked, window, 10000));
  locked_at = g_get_monotonic_time ();
  /* Not at once: after the idle time (less the moment the sign-in took before it was set). */
  g_assert_cmpint (locked_at - set_at, >=, 2 * G_USEC_PER_SEC);
  g_assert_false (content_visible (window));
  g_assert_null (mc_context_get_account (f->context));
  dialog = wait_for_dialog (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, GTK_TYPE_ENTRY, "username-entry"))), ==, "admin");
  in_store = store_account (f);
  g_assert_cmpstr (in_store, ==, "");

  /* The administrator's change reached the store, where the CLI reads it. */
  g_clear_pointer (&in_store, g_free);
  type_and_enter (dialog, "admin", ADMIN_PASSWORD);
  g_assert_true (mc_ui_test_wait_until (is_unlocked, window, 10000));
  g_assert_true (content_visible (window));
  in_store = store_account (f);
  g_assert_cmpstr (in_store, ==, "admin");
  g_assert_cmpint (mc_store_get_settings (f->store)->lock_after_seconds, ==, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Switch User": the clerk leaves, the officer signs in in the same window; the header bar,
 * the context and the store all follow. */
static void
test_switch_user (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McSignInDialog *dialog;
  g_autofree char *in_store = NULL;

  sign_in_through_dialog (window, "thu.lt", CLERK_PASSWORD);
  g_assert_cmpstr (shown_name (window), ==, "Lê Thị Thu");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "account.switch-user", NULL));
  g_assert_true (mc_desk_lock_is_locked (desk_lock (window)));
  dialog = wait_for_dialog (window);
  /* Switching offers no name: it is someone else's turn. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, GTK_TYPE_ENTRY, "username-entry"))), ==, "");
  g_assert_cmpstr (shown_name (window), ==, "");

  type_and_enter (dialog, "binh.tv", OFFICER_PASSWORD);
  g_assert_true (mc_ui_test_wait_until (is_unlocked, window, 10000));
  g_assert_cmpstr (shown_name (window), ==, "Trần Văn Bình");
  g_assert_cmpstr (mc_context_get_account (f->context)->username, ==, "binh.tv");
  in_store = store_account (f);
  g_assert_cmpstr (in_store, ==, "binh.tv");

  /* "Lock" offers the same person again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "account.lock", NULL));
  dialog = wait_for_dialog (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, GTK_TYPE_ENTRY, "username-entry"))), ==, "binh.tv");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The dossier page offers each person the moves of their role: a dossier in processing shows
 * "result ready" to the clerk too, but insensitive with the reason, and sensitive once the
 * officer has taken the desk over; the apology of a late dossier waits for a supervisor. */
typedef struct
{
  McDossierPage *page;
  const char    *code;
} PageWait;

static gboolean
page_shows (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (mc_dossier_page_get_code (wait->page), wait->code) == 0 &&
         mc_dossier_page_get_status (wait->page) == MC_STATUS_IN_PROCESSING;
}

static GtkWidget *
move_button (McDossierPage *page,
             McStatus       to)
{
  g_autofree char *name = g_strdup_printf ("move-%d", (int) to);
  GtkWidget *button = mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, name);

  g_assert_nonnull (button);
  return button;
}

static void
test_moves_follow_the_role (McUiFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autoptr(McAccount) clerk = NULL;
  g_autoptr(McDossier) received = NULL;
  g_autoptr(McDossier) moved = NULL;
  McWindow *window;
  McDossierPage *page;
  PageWait wait;
  GtkWidget *ready;
  GtkWidget *supplement;
  GtkWidget *stop;

  /* The clerk receives and hands the dossier over through the store, before the window. */
  clerk = mc_store_sign_in (f->store, "thu.lt", CLERK_PASSWORD, &error);
  g_assert_no_error (error);
  received = mc_ui_test_receive (f, "Phạm Văn Hùng", "001090004444", NULL);
  moved = mc_store_move (f->store, received->code, MC_STATUS_IN_PROCESSING, "test", MC_TIME_NONE, NULL, &error);
  g_assert_no_error (error);
  mc_store_sign_out (f->store);

  window = open_window (f);
  sign_in_through_dialog (window, "thu.lt", CLERK_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dossier", "s", received->code));
  page = MC_DOSSIER_PAGE (mc_ui_test_find (GTK_WIDGET (window), MC_TYPE_DOSSIER_PAGE, NULL));
  wait = (PageWait) { page, received->code };
  g_assert_true (mc_ui_test_wait_until (page_shows, &wait, 5000));

  ready = move_button (page, MC_STATUS_RESULT_READY);
  supplement = move_button (page, MC_STATUS_WAITING_SUPPLEMENT);
  stop = move_button (page, MC_STATUS_STOPPED);
  g_assert_true (gtk_widget_get_visible (ready));
  g_assert_false (gtk_widget_get_sensitive (ready));
  /* The tooltip is the core's refusal, which names who may. */
  g_assert_false (mc_roles_check_move (MC_ROLE_CLERK, MC_STATUS_IN_PROCESSING, MC_STATUS_RESULT_READY, &refusal));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (ready), ==, refusal->message);
  g_assert_false (gtk_widget_get_sensitive (stop));
  g_assert_true (gtk_widget_get_sensitive (supplement));
  g_assert_true (gtk_widget_is_sensitive (supplement));
  /* The clerk hands over between departments too. */
  g_assert_true (gtk_widget_get_visible (mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "record-step-button")));
  g_assert_true (gtk_widget_is_sensitive (mc_ui_test_find (GTK_WIDGET (page), GTK_TYPE_BUTTON, "record-step-button")));
  /* Asked anyway (a shortcut, a stale button): refused with the reason, nothing moves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dossier.move", "i", (int) MC_STATUS_RESULT_READY));
  mc_ui_test_run_for (300);
  g_assert_cmpint (mc_dossier_page_get_status (page), ==, MC_STATUS_IN_PROCESSING);

  /* The officer takes the desk over: the result is theirs to announce. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "account.switch-user", NULL));
  type_and_enter (wait_for_dialog (window), "binh.tv", OFFICER_PASSWORD);
  g_assert_true (mc_ui_test_wait_until (is_unlocked, window, 10000));
  g_assert_true (gtk_widget_get_sensitive (ready));
  g_assert_null (gtk_widget_get_tooltip_text (ready));
  g_assert_true (gtk_widget_get_sensitive (stop));
  g_assert_true (gtk_widget_is_sensitive (ready));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the sign-in window without signing in closes the desk's window too. */
static void
test_closing_sign_in_closes_desk (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McSignInDialog *dialog = wait_for_dialog (window);
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_close (GTK_WINDOW (dialog));
  mc_ui_test_run_for (200);
  g_assert_null (weak);
}

/* A desk without accounts (the fixture's) opens at once, shows no account and offers no lock. */
static void
test_single_user_desk_never_asks (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  GtkWidget *menu = mc_ui_test_find (GTK_WIDGET (window), MC_TYPE_ACCOUNT_MENU, NULL);

  g_assert_false (mc_context_has_accounts (f->context));
  g_assert_false (mc_desk_lock_is_locked (desk_lock (window)));
  g_assert_null (mc_desk_lock_get_dialog (desk_lock (window)));
  g_assert_true (content_visible (window));
  g_assert_nonnull (menu);
  g_assert_false (gtk_widget_get_visible (menu));
  gtk_widget_activate_action (GTK_WIDGET (window), "account.lock", NULL);
  g_assert_false (mc_desk_lock_is_locked (desk_lock (window)));
  g_assert_true (content_visible (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gpointer
receive_job (McStore   *store,
             gpointer   data,
             GError   **error)
{
  g_autoptr(McDossierDraft) draft = mc_dossier_draft_new ();

  draft->procedure_code = g_strdup ("1.004222");
  draft->applicant_name = g_strdup ("Nguyễn Văn Ấn");
  draft->id_number = g_strdup ("008090001234");
  mc_dossier_draft_add_document (draft, "ct01", NULL, MC_DOCUMENT_ORIGINAL, 1);
  return mc_store_receive (store, draft, "Lê Thị Thu", error);
}

/* The administrator makes the first account with the CLI while the desk is open in
 * single-user mode: the next change the desk tries is refused, and the window locks for a
 * sign-in instead of failing change after change. */
static void
test_accounts_made_while_open_lock_the_desk (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  g_autoptr(McStore) cli = NULL;
  g_autoptr(McAccount) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refusal = NULL;
  JobWait wait = { NULL };
  gpointer received;

  g_assert_false (mc_desk_lock_is_locked (desk_lock (window)));
  cli = mc_store_open (f->db_path, &error);
  g_assert_no_error (error);
  admin = mc_store_add_account (cli, "admin", "Hoàng Văn Quản", MC_ROLE_ADMINISTRATOR | MC_ROLE_CLERK,
                                ADMIN_PASSWORD, &error);
  g_assert_no_error (error);

  mc_context_run_async (f->context, receive_job, NULL, NULL, (GDestroyNotify) mc_dossier_free, NULL, job_done, &wait);
  g_assert_true (mc_ui_test_wait_until (job_finished, &wait, 5000));
  received = mc_context_run_finish (f->context, wait.result, &refusal);
  g_object_unref (wait.result);
  g_assert_null (received);
  g_assert_error (refusal, MC_STORE_ERROR, MC_STORE_ERROR_FORBIDDEN);

  g_assert_true (mc_ui_test_wait_until (is_locked, window, 5000));
  g_assert_true (mc_context_has_accounts (f->context));
  sign_in_through_dialog (window, "admin", ADMIN_PASSWORD);
  g_assert_cmpstr (shown_name (window), ==, "Hoàng Văn Quản");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestSignIn", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, McUiFixture, NULL, mc_ui_fixture_setup_with_accounts, func, mc_ui_fixture_teardown)
  ADD ("/sign-in/starts-locked-and-signs-in", test_starts_locked_and_signs_in);
  ADD ("/sign-in/wrong-password-says-why", test_wrong_password_says_why);
  ADD ("/sign-in/locks-after-idle", test_locks_after_idle);
  ADD ("/sign-in/switch-user", test_switch_user);
  ADD ("/sign-in/closing-sign-in-closes-desk", test_closing_sign_in_closes_desk);
  ADD ("/sign-in/moves-follow-the-role", test_moves_follow_the_role);
#undef ADD
  g_test_add ("/sign-in/single-user-desk-never-asks", McUiFixture, NULL,
              mc_ui_fixture_setup, test_single_user_desk_never_asks, mc_ui_fixture_teardown);
  g_test_add ("/sign-in/accounts-made-while-open-lock-the-desk", McUiFixture, NULL,
              mc_ui_fixture_setup, test_accounts_made_while_open_lock_the_desk, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
