/* test-accounts-dialog.c — the administrator's "Accounts" window as an administrator meets it:
 * "Manage Accounts…" is in the account menu for the administrator only; a clerk's account is
 * added through the window's real fields and then exists in the database (read by another
 * connection, as the CLI would) with its roles and a password that signs in; the store's
 * refusals (a short password, the last administrator) appear beside the form, which keeps what
 * was typed, and nothing changes; disabling an account keeps its holder out; locking the desk
 * closes the window; Tab walks the window from top to bottom. */
#include "config.h"

#include "mc-account-menu.h"
#include "mc-accounts-dialog.h"
#include "mc-desk-lock.h"
#include "mc-sign-in-dialog.h"
#include "mc-ui-test.h"
#include "mc-window.h"

#define ADMIN_PASSWORD   MC_UI_TEST_ADMIN_PASSWORD
#define CLERK_PASSWORD   MC_UI_TEST_CLERK_PASSWORD
#define OFFICER_PASSWORD MC_UI_TEST_OFFICER_PASSWORD
#define NEW_PASSWORD     "lan-tiep-nhan-7"

static GtkApplication *application;

/* ---- the desk and its sign-in ---------------------------------------------------------- */

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
sign_in_shown (gpointer data)
{
  McSignInDialog *dialog = mc_desk_lock_get_dialog (desk_lock (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
is_unlocked (gpointer data)
{
  return !mc_desk_lock_is_locked (desk_lock (data));
}

static GtkWidget *
field (gpointer    root,
       GType       type,
       const char *name)
{
  GtkWidget *widget = mc_ui_test_find (GTK_WIDGET (root), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
sign_in (McWindow   *window,
         const char *username,
         const char *password)
{
  McSignInDialog *dialog;
  GtkWidget *password_entry;

  g_assert_true (mc_ui_test_wait_until (sign_in_shown, window, 5000));
  dialog = mc_desk_lock_get_dialog (desk_lock (window));
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, GTK_TYPE_ENTRY, "username-entry")), username);
  password_entry = field (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry");
  gtk_editable_set_text (GTK_EDITABLE (password_entry), password);
  g_signal_emit_by_name (password_entry, "activate");
  g_assert_true (mc_ui_test_wait_until (is_unlocked, window, 10000));
}

/* ---- the menu item and the window ------------------------------------------------------ */

static McAccountMenu *
account_menu (McWindow *window)
{
  return MC_ACCOUNT_MENU (field (window, MC_TYPE_ACCOUNT_MENU, NULL));
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether the account menu, opened, shows "Manage Accounts…" at all (hidden, not just greyed). */
static gboolean
menu_offers_manage (McWindow *window)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (field (window, GTK_TYPE_MENU_BUTTON, "account-button"));
  GtkWidget *popover;
  GtkWidget *label;
  gboolean shown = TRUE;

  gtk_menu_button_popup (button);
  mc_ui_test_run_for (100);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  g_assert_nonnull (popover);
  label = find_label (popover, "Manage Accounts…");
  for (GtkWidget *w = label; w != NULL && w != popover; w = gtk_widget_get_parent (w))
    shown = shown && gtk_widget_get_visible (w);
  gtk_menu_button_popdown (button);
  mc_ui_test_run_for (50);
  return label != NULL && shown;
}

static McAccountsDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MC_IS_ACCOUNTS_DIALOG (window))
        return MC_ACCOUNTS_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  McAccountsDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) && !mc_accounts_dialog_is_busy (dialog);
}

/* Opens the window through the menu's action, as the menu item does, once it has its list. */
static McAccountsDialog *
open_accounts (McWindow *window)
{
  McAccountsDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_menu (window)), "account.manage", NULL));
  g_assert_true (mc_ui_test_wait_until (dialog_idle, NULL, 5000));
  dialog = find_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  return dialog;
}

static gboolean
dialog_done (gpointer data)
{
  return !mc_accounts_dialog_is_busy (data);
}

/* Runs what a button or Enter started and returns the message shown beside the form. */
static const char *
wait_for_message (McAccountsDialog *dialog)
{
  g_assert_true (mc_ui_test_wait_until (dialog_done, dialog, 10000));
  return mc_accounts_dialog_get_message (dialog);
}

static GtkWidget *
row (McAccountsDialog *dialog,
     const char       *username)
{
  g_autofree char *name = g_strconcat ("account-", username, NULL);

  return mc_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX_ROW, name);
}

static const char *
row_text (McAccountsDialog *dialog,
          const char       *username,
          const char       *label_name)
{
  GtkWidget *r = row (dialog, username);

  g_assert_nonnull (r);
  return gtk_label_get_text (GTK_LABEL (field (r, GTK_TYPE_LABEL, label_name)));
}

static void
choose (McAccountsDialog *dialog,
        const char       *username)
{
  GtkWidget *r = row (dialog, username);

  g_assert_nonnull (r);
  /* What a click or Enter on the row does. */
  g_signal_emit_by_name (r, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, GTK_TYPE_ENTRY, "username-entry"))), ==, username);
}

static const char *
text_of (McAccountsDialog *dialog,
         GType             type,
         const char       *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (dialog, type, name)));
}

static void
set_text (McAccountsDialog *dialog,
          GType             type,
          const char       *name,
          const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, type, name)), text);
}

static void
click (McAccountsDialog *dialog,
       const char       *name)
{
  GtkWidget *button = field (dialog, GTK_TYPE_BUTTON, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
tick (McAccountsDialog *dialog,
      const char       *name,
      gboolean          active)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (field (dialog, GTK_TYPE_CHECK_BUTTON, name)), active);
}

/* The accounts as another program (the CLI) reads them, on its own connection. */
static McAccount *
stored_account (McUiFixture *f,
                const char  *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (f->db_path, &error);
  g_autoptr(GPtrArray) accounts = NULL;

  g_assert_no_error (error);
  accounts = mc_store_list_accounts (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    {
      const McAccount *account = g_ptr_array_index (accounts, i);

      if (g_str_equal (account->username, username))
        return mc_account_copy (account);
    }
  return NULL;
}

static gboolean
password_signs_in (McUiFixture *f,
                   const char  *username,
                   const char  *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (f->db_path, &error);
  g_autoptr(McAccount) account = NULL;

  g_assert_no_error (error);
  account = mc_store_sign_in (store, username, password, &error);
  return account != NULL;
}

/* ---- the tests ------------------------------------------------------------------------- */

/* A clerk's menu has no "Manage Accounts…" and the action opens nothing; after switching to the
 * administrator the item is there and opens the window, which lists every account with its
 * roles in words. */
static void
test_item_only_for_administrator (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McAccountsDialog *dialog;

  sign_in (window, "thu.lt", CLERK_PASSWORD);
  g_assert_false (mc_account_menu_can_manage (account_menu (window)));
  g_assert_false (menu_offers_manage (window));
  gtk_widget_activate_action (GTK_WIDGET (account_menu (window)), "account.manage", NULL);
  mc_ui_test_run_for (200);
  g_assert_null (find_dialog ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "account.switch-user", NULL));
  sign_in (window, "admin", ADMIN_PASSWORD);
  g_assert_true (mc_account_menu_can_manage (account_menu (window)));
  g_assert_true (menu_offers_manage (window));

  dialog = open_accounts (window);
  g_assert_cmpstr (row_text (dialog, "admin", "account-full-name"), ==, "Hoàng Văn Quản (you)");
  g_assert_cmpstr (row_text (dialog, "thu.lt", "account-full-name"), ==, "Lê Thị Thu");
  g_assert_cmpstr (row_text (dialog, "thu.lt", "account-details"), ==, "thu.lt · Reception clerk");
  g_assert_cmpstr (row_text (dialog, "binh.tv", "account-details"), ==, "binh.tv · Processing officer");
  g_assert_cmpstr (row_text (dialog, "binh.tv", "account-state"), ==, "Active");
  /* The action again presents the same window rather than a second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_menu (window)), "account.manage", NULL));
  g_assert_true (find_dialog () == dialog);

  /* Escape closes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_true (mc_ui_test_wait_until (dialog_gone, NULL, 2000));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A desk without accounts (the plain fixture) offers no account menu and no accounts window. */
static void
test_no_item_without_accounts (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McAccountMenu *menu = account_menu (window);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (menu)));
  g_assert_false (mc_account_menu_can_manage (menu));
  gtk_widget_activate_action (GTK_WIDGET (menu), "account.manage", NULL);
  mc_ui_test_run_for (200);
  g_assert_null (find_dialog ());
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The administrator adds a clerk who also processes, through the fields and Enter: the list
 * shows her, the passwords are gone from the fields, and the database has her account with
 * those roles and a password that signs in. */
static void
test_add_clerk (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McAccountsDialog *dialog;
  g_autoptr(McAccount) stored = NULL;

  sign_in (window, "admin", ADMIN_PASSWORD);
  dialog = open_accounts (window);
  click (dialog, "new-account-button");
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (field (dialog, GTK_TYPE_ENTRY, "username-entry"))));
  set_text (dialog, GTK_TYPE_ENTRY, "username-entry", "lan.nt");
  set_text (dialog, GTK_TYPE_ENTRY, "full-name-entry", "Nguyễn Thị Lan");
  tick (dialog, "role-clerk", TRUE);
  tick (dialog, "role-officer", TRUE);
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry", NEW_PASSWORD);
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry", NEW_PASSWORD);
  g_signal_emit_by_name (field (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry"), "activate");

  g_assert_cmpstr (wait_for_message (dialog), ==, "Account “lan.nt” added.");
  g_assert_cmpstr (row_text (dialog, "lan.nt", "account-full-name"), ==, "Nguyễn Thị Lan");
  g_assert_cmpstr (row_text (dialog, "lan.nt", "account-details"), ==, "lan.nt · Reception clerk, Processing officer");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry"), ==, "");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry"), ==, "");
  /* The form now holds her account, for changes. */
  g_assert_false (gtk_widget_is_sensitive (field (dialog, GTK_TYPE_ENTRY, "username-entry")));
  g_assert_true (gtk_widget_get_visible (field (dialog, GTK_TYPE_BUTTON, "save-button")));

  stored = stored_account (f, "lan.nt");
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->full_name, ==, "Nguyễn Thị Lan");
  g_assert_cmpuint (stored->roles, ==, MC_ROLE_CLERK | MC_ROLE_OFFICER);
  g_assert_true (stored->active);
  g_assert_true (password_signs_in (f, "lan.nt", NEW_PASSWORD));
  g_assert_false (password_signs_in (f, "lan.nt", CLERK_PASSWORD));

  /* Two different passwords are caught before the store is asked. */
  click (dialog, "new-account-button");
  set_text (dialog, GTK_TYPE_ENTRY, "username-entry", "hoa.pt");
  set_text (dialog, GTK_TYPE_ENTRY, "full-name-entry", "Phạm Thị Hoa");
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry", NEW_PASSWORD);
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry", "lan-tiep-nhan-8");
  click (dialog, "add-button");
  g_assert_cmpstr (wait_for_message (dialog), ==, "The two passwords differ");
  g_assert_null (stored_account (f, "hoa.pt"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The store's refusals, in its words, beside the form; what was typed stays and nothing
 * changes: a password too short, a taken user name, taking the role of the last
 * administrator, disabling oneself. */
static void
test_refusal_shown_inline (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McAccountsDialog *dialog;
  GtkWidget *message;
  g_autoptr(McAccount) admin = NULL;

  sign_in (window, "admin", ADMIN_PASSWORD);
  dialog = open_accounts (window);
  message = field (dialog, GTK_TYPE_LABEL, "accounts-message");
  click (dialog, "new-account-button");
  set_text (dialog, GTK_TYPE_ENTRY, "username-entry", "lan.nt");
  set_text (dialog, GTK_TYPE_ENTRY, "full-name-entry", "Nguyễn Thị Lan");
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry", "ngan");
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry", "ngan");
  click (dialog, "add-button");
  g_assert_cmpstr (wait_for_message (dialog), ==, "The password must have at least 8 characters");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_ENTRY, "username-entry"), ==, "lan.nt");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_ENTRY, "full-name-entry"), ==, "Nguyễn Thị Lan");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry"), ==, "ngan");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (field (dialog, GTK_TYPE_CHECK_BUTTON, "role-clerk"))));
  g_assert_null (row (dialog, "lan.nt"));
  g_assert_null (stored_account (f, "lan.nt"));

  /* A name already taken. */
  set_text (dialog, GTK_TYPE_ENTRY, "username-entry", "thu.lt");
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry", NEW_PASSWORD);
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry", NEW_PASSWORD);
  click (dialog, "add-button");
  g_assert_cmpstr (wait_for_message (dialog), ==, "There is already an account “thu.lt”");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry"), ==, NEW_PASSWORD);

  /* The last administrator keeps the role. */
  choose (dialog, "admin");
  g_assert_false (gtk_widget_get_visible (message));
  tick (dialog, "role-administrator", FALSE);
  tick (dialog, "role-supervisor", TRUE);
  click (dialog, "save-button");
  g_assert_cmpstr (wait_for_message (dialog), ==,
                   "This is the desk’s last active administrator: give another account the administrator role first");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (field (dialog, GTK_TYPE_CHECK_BUTTON, "role-administrator"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (field (dialog, GTK_TYPE_CHECK_BUTTON, "role-supervisor"))));

  /* Nor may the administrator disable the account in use. */
  click (dialog, "active-button");
  g_assert_cmpstr (wait_for_message (dialog), ==, "You cannot disable the account you are signed in with");
  g_assert_cmpstr (row_text (dialog, "admin", "account-state"), ==, "Active");

  admin = stored_account (f, "admin");
  g_assert_cmpuint (admin->roles, ==, MC_ROLE_ADMINISTRATOR);
  g_assert_true (admin->active);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Disabling the clerk's account: the list says so, she can no longer sign in; enabling it
 * again lets her. A new password set twice replaces the old one. */
static void
test_disable_account (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McAccountsDialog *dialog;
  GtkWidget *active_button;
  g_autoptr(McAccount) stored = NULL;

  sign_in (window, "admin", ADMIN_PASSWORD);
  dialog = open_accounts (window);
  choose (dialog, "thu.lt");
  active_button = field (dialog, GTK_TYPE_BUTTON, "active-button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (active_button)), ==, "_Disable Account");
  click (dialog, "active-button");
  g_assert_cmpstr (wait_for_message (dialog), ==, "Account “thu.lt” disabled: it can no longer sign in.");
  g_assert_cmpstr (row_text (dialog, "thu.lt", "account-state"), ==, "Disabled");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (active_button)), ==, "_Enable Account");
  stored = stored_account (f, "thu.lt");
  g_assert_false (stored->active);
  g_assert_false (password_signs_in (f, "thu.lt", CLERK_PASSWORD));

  click (dialog, "active-button");
  g_assert_cmpstr (wait_for_message (dialog), ==, "Account “thu.lt” enabled: it can sign in again.");
  g_assert_cmpstr (row_text (dialog, "thu.lt", "account-state"), ==, "Active");
  g_assert_true (password_signs_in (f, "thu.lt", CLERK_PASSWORD));

  /* A new password, typed twice, then wiped from the fields. */
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry", NEW_PASSWORD);
  set_text (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry", NEW_PASSWORD);
  click (dialog, "password-button");
  g_assert_cmpstr (wait_for_message (dialog), ==, "New password of “thu.lt” saved.");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-entry"), ==, "");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_PASSWORD_ENTRY, "password-repeat-entry"), ==, "");
  g_assert_true (password_signs_in (f, "thu.lt", NEW_PASSWORD));
  g_assert_false (password_signs_in (f, "thu.lt", CLERK_PASSWORD));

  /* Her full name and roles change with "Save Changes". */
  set_text (dialog, GTK_TYPE_ENTRY, "full-name-entry", "Lê Thị Thu Hà");
  tick (dialog, "role-supervisor", TRUE);
  g_signal_emit_by_name (field (dialog, GTK_TYPE_ENTRY, "full-name-entry"), "activate");
  g_assert_cmpstr (wait_for_message (dialog), ==, "Changes to “thu.lt” saved.");
  g_assert_cmpstr (row_text (dialog, "thu.lt", "account-details"), ==, "thu.lt · Reception clerk, Supervisor");
  g_clear_pointer (&stored, mc_account_free);
  stored = stored_account (f, "thu.lt");
  g_assert_cmpstr (stored->full_name, ==, "Lê Thị Thu Hà");
  g_assert_cmpuint (stored->roles, ==, MC_ROLE_CLERK | MC_ROLE_SUPERVISOR);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The administrator renames themselves: the header bar follows at once, without signing in
 * again. */
static gboolean
menu_shows_new_name (gpointer data)
{
  return g_strcmp0 (mc_account_menu_get_name (account_menu (data)), "Hoàng Văn Quản Trị") == 0;
}

static void
test_own_name_follows (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McAccountsDialog *dialog;

  sign_in (window, "admin", ADMIN_PASSWORD);
  g_assert_cmpstr (mc_account_menu_get_name (account_menu (window)), ==, "Hoàng Văn Quản");
  dialog = open_accounts (window);
  choose (dialog, "admin");
  set_text (dialog, GTK_TYPE_ENTRY, "full-name-entry", "Hoàng Văn Quản Trị");
  g_signal_emit_by_name (field (dialog, GTK_TYPE_ENTRY, "full-name-entry"), "activate");
  g_assert_cmpstr (wait_for_message (dialog), ==, "Changes to “admin” saved.");
  g_assert_true (mc_ui_test_wait_until (menu_shows_new_name, window, 5000));
  g_assert_cmpstr (mc_context_get_account (f->context)->full_name, ==, "Hoàng Văn Quản Trị");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Locking the desk leaves no accounts window over it. */
static void
test_lock_closes_window (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);

  sign_in (window, "admin", ADMIN_PASSWORD);
  open_accounts (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "account.lock", NULL));
  g_assert_true (mc_ui_test_wait_until (dialog_gone, NULL, 5000));
  g_assert_false (mc_account_menu_can_manage (account_menu (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The named widget that holds the focus (the focus itself may be an entry's text or a row). */
static const char *
focused_name (McAccountsDialog *dialog)
{
  for (GtkWidget *w = gtk_window_get_focus (GTK_WINDOW (dialog)); w != NULL; w = gtk_widget_get_parent (w))
    if (g_strcmp0 (gtk_widget_get_name (w), G_OBJECT_TYPE_NAME (w)) != 0)
      return gtk_widget_get_name (w);
  return NULL;
}

/* Keyboard first: the window opens in the new account's user name, Tab walks from the top of
 * the window to the bottom, and the mnemonic of "Full name" reaches its field. */
static void
test_tab_order_top_to_bottom (McUiFixture *f, gconstpointer data)
{
  McWindow *window = open_window (f);
  McAccountsDialog *dialog;
  g_autoptr(GString) order = NULL;

  sign_in (window, "admin", ADMIN_PASSWORD);
  dialog = open_accounts (window);
  g_assert_cmpstr (focused_name (dialog), ==, "username-entry");
  gtk_widget_grab_focus (field (dialog, GTK_TYPE_BUTTON, "new-account-button"));
  order = g_string_new (focused_name (dialog));
  for (int i = 0; i < 30 && g_strcmp0 (focused_name (dialog), "add-button") != 0; i++)
    {
      /* What the Tab key does in a GtkWindow. */
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD));
      g_string_append_printf (order, " %s", focused_name (dialog));
    }
  g_assert_cmpstr (order->str, ==,
                   "new-account-button account-admin account-binh.tv account-thu.lt username-entry "
                   "full-name-entry role-clerk role-officer role-supervisor role-administrator "
                   "password-entry password-repeat-entry add-button");
  /* Passing over the rows left the form alone; Enter on one fills it. */
  g_assert_true (gtk_widget_get_visible (field (dialog, GTK_TYPE_BUTTON, "add-button")));
  g_signal_emit_by_name (row (dialog, "binh.tv"), "activate");
  g_assert_cmpstr (text_of (dialog, GTK_TYPE_ENTRY, "full-name-entry"), ==, "Trần Văn Bình");
  g_assert_cmpstr (focused_name (dialog), ==, "full-name-entry");
  g_assert_true (gtk_widget_get_visible (field (row (dialog, "binh.tv"), GTK_TYPE_IMAGE, "account-current")));
  g_assert_false (gtk_widget_get_visible (field (row (dialog, "admin"), GTK_TYPE_IMAGE, "account-current")));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  mc_ui_test_init (&argc, &argv);
  application = gtk_application_new ("org.motcua.Desk.TestAccounts", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, McUiFixture, NULL, mc_ui_fixture_setup_with_accounts, func, mc_ui_fixture_teardown)
  ADD ("/accounts-dialog/item-only-for-administrator", test_item_only_for_administrator);
  ADD ("/accounts-dialog/add-clerk", test_add_clerk);
  ADD ("/accounts-dialog/refusal-shown-inline", test_refusal_shown_inline);
  ADD ("/accounts-dialog/disable-account", test_disable_account);
  ADD ("/accounts-dialog/lock-closes-window", test_lock_closes_window);
  ADD ("/accounts-dialog/own-name-follows", test_own_name_follows);
  ADD ("/accounts-dialog/tab-order-top-to-bottom", test_tab_order_top_to_bottom);
#undef ADD
  g_test_add ("/accounts-dialog/no-item-without-accounts", McUiFixture, NULL,
              mc_ui_fixture_setup, test_no_item_without_accounts, mc_ui_fixture_teardown);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
