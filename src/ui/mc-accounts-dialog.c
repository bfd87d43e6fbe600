/* mc-accounts-dialog.c — the administrator's window over the desk's accounts.
 *
 * Every change is one context job that makes the change and reads the accounts again, so the
 * list the window shows is the store's right after it. The store decides what is allowed (the
 * last administrator, a short password, a taken name, disabling oneself); its refusal is shown
 * beside the form in its own words and the form keeps what was typed. Passwords go to the job
 * as a copy that is zeroed when the job is freed, and leave the entries once saved; they are
 * never logged. A list reload (after a change, or when the person at the desk changes) never
 * touches the form: only activating a row (click, Enter) or "New Account" fills it, so moving
 * through the list with Tab or the arrows loses nothing typed. The row in the form is marked.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mc-accounts-dialog.h"
#include "mc-ui.h"

struct _McAccountsDialog
{
  GtkWindow         parent_instance;

  McContext        *context;        /* owned */
  GCancellable     *cancellable;    /* owned; cancelled when the window goes */
  GPtrArray        *accounts;       /* owned McAccount*, as last read */
  char             *editing;        /* owned: the user name in the form, NULL for a new account */
  guint             busy;           /* jobs of this window under way */

  /* template children */
  GtkButton        *new_button;
  GtkListBox       *accounts_list;
  GtkLabel         *form_title;
  GtkEntry         *username_entry;
  GtkEntry         *full_name_entry;
  GtkCheckButton   *clerk_check;
  GtkCheckButton   *officer_check;
  GtkCheckButton   *supervisor_check;
  GtkCheckButton   *administrator_check;
  GtkPasswordEntry *password_entry;
  GtkPasswordEntry *password_repeat_entry;
  GtkLabel         *message_label;
  GtkButton        *active_button;
  GtkButton        *password_button;
  GtkButton        *save_button;
  GtkButton        *add_button;
};

G_DEFINE_FINAL_TYPE (McAccountsDialog, mc_accounts_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- jobs ------------------------------------------------------------------------------ */

typedef enum
{
  OP_LIST,
  OP_ADD,
  OP_UPDATE,
  OP_SET_ACTIVE,
  OP_SET_PASSWORD,
} AccountsOp;

typedef struct
{
  AccountsOp  op;
  char       *username;
  char       *full_name;
  McRoles     roles;
  gboolean    active;
  char       *password;   /* zeroed before it is freed */
} AccountsJob;

static void
wipe_string (char *text)
{
  volatile char *p = text;

  while (p != NULL && *p != '\0')
    *p++ = '\0';
  g_free (text);
}

static void
accounts_job_free (gpointer data)
{
  AccountsJob *job = data;

  g_free (job->username);
  g_free (job->full_name);
  wipe_string (job->password);
  g_free (job);
}

/* The change, then the accounts as they are after it (a GPtrArray of McAccount). */
static gpointer
accounts_job (McStore   *store,
              gpointer   data,
              GError   **error)
{
  AccountsJob *job = data;
  g_autoptr(McAccount) added = NULL;

  switch (job->op)
    {
    case OP_LIST:
      break;
    case OP_ADD:
      added = mc_store_add_account (store, job->username, job->full_name, job->roles, job->password, error);
      if (added == NULL)
        return NULL;
      break;
    case OP_UPDATE:
      if (!mc_store_update_account (store, job->username, job->full_name, job->roles, error))
        return NULL;
      break;
    case OP_SET_ACTIVE:
      if (!mc_store_set_account_active (store, job->username, job->active, error))
        return NULL;
      break;
    case OP_SET_PASSWORD:
      if (!mc_store_set_password (store, job->username, job->password, error))
        return NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  return mc_store_list_accounts (store, error);
}

/* ---- the list -------------------------------------------------------------------------- */

static const McAccount *
find_account (McAccountsDialog *self,
              const char       *username)
{
  if (self->accounts == NULL || username == NULL)
    return NULL;
  for (guint i = 0; i < self->accounts->len; i++)
    {
      const McAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (account->username, username))
        return account;
    }
  return NULL;
}

static GtkWidget *
make_row (McAccountsDialog *self,
          const McAccount  *account)
{
  const McAccount *me = mc_context_get_account (self->context);
  gboolean is_me = me != NULL && g_str_equal (me->username, account->username);
  g_autofree char *roles = mc_roles_describe (account->roles);
  g_autofree char *row_name = g_strconcat ("account-", account->username, NULL);
  g_autofree char *name = is_me ? g_strdup_printf (_("%s (you)"), account->full_name) : g_strdup (account->full_name);
  g_autofree char *details = g_strdup_printf ("%s · %s", account->username, roles);
  const char *state = account->active ? _("Active") : _("Disabled");
  g_autofree char *spoken = g_strdup_printf ("%s, %s, %s", name, details, state);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *details_label = gtk_label_new (details);
  GtkWidget *state_label = gtk_label_new (state);
  GtkWidget *current = gtk_image_new_from_icon_name ("document-edit-symbolic");

  gtk_widget_set_name (row, row_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_name (name_label, "account-full-name");
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name_label, "heading");
  gtk_widget_set_name (details_label, "account-details");
  gtk_label_set_xalign (GTK_LABEL (details_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details_label, "dim-label");
  gtk_box_append (GTK_BOX (text), name_label);
  gtk_box_append (GTK_BOX (text), details_label);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_widget_set_name (state_label, "account-state");
  gtk_widget_set_valign (state_label, GTK_ALIGN_CENTER);
  if (account->active)
    gtk_widget_add_css_class (state_label, "dim-label");
  else
    {
      gtk_widget_add_css_class (state_label, "error");
      gtk_widget_add_css_class (name_label, "dim-label");
    }

  /* Marks the account the form below shows (see mark_current). */
  gtk_widget_set_name (current, "account-current");
  gtk_widget_set_valign (current, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (current, _("Shown in the form below"));
  gtk_widget_set_visible (current, g_strcmp0 (account->username, self->editing) == 0);

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), current);
  gtk_box_append (GTK_BOX (box), state_label);
  g_object_set_data (G_OBJECT (row), "mc-current-mark", current);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "mc-username", g_strdup (account->username), g_free);
  return row;
}

static GtkListBoxRow *
find_row (McAccountsDialog *self,
          const char       *username)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = g_object_get_data (G_OBJECT (child), "mc-username");

      if (GTK_IS_LIST_BOX_ROW (child) && name != NULL && username != NULL && g_str_equal (name, username))
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

/* The mark on the row of the account in the form, and on no other. */
static void
mark_current (McAccountsDialog *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = g_object_get_data (G_OBJECT (child), "mc-username");
      GtkWidget *mark = g_object_get_data (G_OBJECT (child), "mc-current-mark");

      if (mark != NULL)
        gtk_widget_set_visible (mark, g_strcmp0 (name, self->editing) == 0);
    }
}

/* Rebuilds the rows from @accounts (taken); the focus stays on the same account's row. */
static void
set_accounts (McAccountsDialog *self,
              GPtrArray        *accounts)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  g_autofree char *focused = NULL;
  GtkWidget *child;
  GtkListBoxRow *row;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->accounts_list)))
    {
      while (focus != NULL && !GTK_IS_LIST_BOX_ROW (focus))
        focus = gtk_widget_get_parent (focus);
      if (focus != NULL)
        focused = g_strdup (g_object_get_data (G_OBJECT (focus), "mc-username"));
    }

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  self->accounts = accounts;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);
  for (guint i = 0; i < accounts->len; i++)
    gtk_list_box_append (self->accounts_list, make_row (self, g_ptr_array_index (accounts, i)));
  if (focused != NULL && (row = find_row (self, focused)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* ---- the form -------------------------------------------------------------------------- */

static void
show_message (McAccountsDialog *self,
              const char       *message,
              gboolean          is_error)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
clear_passwords (McAccountsDialog *self)
{
  /* GtkPasswordEntry keeps its text in non-pageable memory and wipes it when replaced. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_repeat_entry), "");
}

static void
set_roles (McAccountsDialog *self,
           McRoles           roles)
{
  gtk_check_button_set_active (self->clerk_check, (roles & MC_ROLE_CLERK) != 0);
  gtk_check_button_set_active (self->officer_check, (roles & MC_ROLE_OFFICER) != 0);
  gtk_check_button_set_active (self->supervisor_check, (roles & MC_ROLE_SUPERVISOR) != 0);
  gtk_check_button_set_active (self->administrator_check, (roles & MC_ROLE_ADMINISTRATOR) != 0);
}

static McRoles
get_roles (McAccountsDialog *self)
{
  McRoles roles = MC_ROLES_NONE;

  if (gtk_check_button_get_active (self->clerk_check))
    roles |= MC_ROLE_CLERK;
  if (gtk_check_button_get_active (self->officer_check))
    roles |= MC_ROLE_OFFICER;
  if (gtk_check_button_get_active (self->supervisor_check))
    roles |= MC_ROLE_SUPERVISOR;
  if (gtk_check_button_get_active (self->administrator_check))
    roles |= MC_ROLE_ADMINISTRATOR;
  return roles;
}

/* The buttons follow the form's account (or its absence), its state, and the jobs under way. */
static void
update_buttons (McAccountsDialog *self)
{
  const McAccount *account = find_account (self, self->editing);
  gboolean editing = self->editing != NULL;
  gboolean idle = self->busy == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->active_button), editing);
  gtk_widget_set_visible (GTK_WIDGET (self->password_button), editing);
  gtk_button_set_label (self->active_button,
                        account != NULL && !account->active ? _("_Enable Account") : _("_Disable Account"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), idle && account != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->active_button), idle && account != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_button), idle && account != NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 GTK_WIDGET (editing ? self->save_button : self->add_button));
}

static void
set_busy (McAccountsDialog *self,
          gboolean          busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  /* Read-only rather than insensitive: a focused field made insensitive loses its focus. The
   * password fields are wiped when a change succeeds, so nothing may be typed meanwhile. */
  gtk_editable_set_editable (GTK_EDITABLE (self->password_entry), self->busy == 0);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_repeat_entry), self->busy == 0);
  update_buttons (self);
}

/* The form for a new account: empty, the user name editable. */
static void
edit_new (McAccountsDialog *self)
{
  g_clear_pointer (&self->editing, g_free);
  mark_current (self);

  gtk_label_set_text (self->form_title, _("New account"));
  gtk_editable_set_editable (GTK_EDITABLE (self->username_entry), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_entry), "");
  set_roles (self, MC_ROLE_CLERK);
  clear_passwords (self);
  update_buttons (self);
}

/* The form for @account: its name and roles; the user name cannot change. */
static void
edit_account (McAccountsDialog *self,
              const McAccount  *account)
{
  g_autofree char *title = g_strdup_printf (_("Account “%s”"), account->username);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  g_free (self->editing);
  self->editing = g_strdup (account->username);
  gtk_label_set_text (self->form_title, title);
  /* A user name cannot change: greyed out and out of the Tab order, the focus moved on first. */
  if (focus != NULL && (focus == GTK_WIDGET (self->username_entry) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->username_entry))))
    gtk_widget_grab_focus (GTK_WIDGET (self->full_name_entry));
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), account->username);
  gtk_editable_set_editable (GTK_EDITABLE (self->username_entry), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_entry), account->full_name);
  set_roles (self, account->roles);
  clear_passwords (self);
  mark_current (self);
  update_buttons (self);
}

typedef struct
{
  McAccountsDialog *self;       /* owned */
  AccountsOp        op;
  char             *username;
  gboolean          active;
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->username);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  McAccountsDialog *self = call->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *accounts = mc_context_run_finish (MC_CONTEXT (object), result, &error);
  g_autofree char *message = NULL;
  const McAccount *account;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&accounts, g_ptr_array_unref);
      return;
    }
  set_busy (self, FALSE);
  if (accounts == NULL)
    {
      /* Refused: the form keeps everything typed, passwords included, to be corrected. */
      show_message (self, error->message, TRUE);
      return;
    }
  set_accounts (self, accounts);
  switch (call->op)
    {
    case OP_LIST:
      break;
    case OP_ADD:
      account = find_account (self, call->username);
      if (account != NULL)
        edit_account (self, account);
      clear_passwords (self);
      message = g_strdup_printf (_("Account “%s” added."), call->username);
      break;
    case OP_UPDATE:
      message = g_strdup_printf (_("Changes to “%s” saved."), call->username);
      /* One's own name or roles: the header bar and what the window offers follow. */
      mc_context_refresh_account (self->context);
      break;
    case OP_SET_ACTIVE:
      message = g_strdup_printf (call->active ? _("Account “%s” enabled: it can sign in again.")
                                              : _("Account “%s” disabled: it can no longer sign in."),
                                 call->username);
      break;
    case OP_SET_PASSWORD:
      clear_passwords (self);
      message = g_strdup_printf (_("New password of “%s” saved."), call->username);
      break;
    default:
      g_assert_not_reached ();
    }
  if (message != NULL)
    show_message (self, message, FALSE);
  update_buttons (self);
}

/* Runs @job (taken) on the context's worker. */
static void
run_job (McAccountsDialog *self,
         AccountsJob      *job)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->op = job->op;
  call->username = g_strdup (job->username);
  call->active = job->active;
  if (job->op != OP_LIST)
    show_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  mc_context_run_async (self->context, accounts_job, job, accounts_job_free, (GDestroyNotify) g_ptr_array_unref,
                        self->cancellable, job_done, call);
}

static void
reload (McAccountsDialog *self)
{
  AccountsJob *job = g_new0 (AccountsJob, 1);

  job->op = OP_LIST;
  run_job (self, job);
}

/* The two password fields agree (and are not empty); otherwise says so and returns FALSE. */
static gboolean
passwords_agree (McAccountsDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->password_repeat_entry));

  if (*password == '\0')
    {
      show_message (self, _("Type the password twice."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return FALSE;
    }
  if (!g_str_equal (password, again))
    {
      show_message (self, _("The two passwords differ"), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_repeat_entry));
      return FALSE;
    }
  return TRUE;
}

static char *
stripped_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
submit_add (McAccountsDialog *self)
{
  AccountsJob *job;

  if (self->busy > 0 || self->editing != NULL || !passwords_agree (self))
    return;
  /* The store checks the name, the full name, the roles and the password, in its words. */
  job = g_new0 (AccountsJob, 1);
  job->op = OP_ADD;
  job->username = stripped_text (self->username_entry);
  job->full_name = stripped_text (self->full_name_entry);
  job->roles = get_roles (self);
  job->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
  run_job (self, job);
}

static void
submit_save (McAccountsDialog *self)
{
  AccountsJob *job;
  McRoles roles = get_roles (self);

  if (self->busy > 0 || find_account (self, self->editing) == NULL)
    return;
  /* To the store no role means "unchanged": an account without any is refused here. */
  if (roles == MC_ROLES_NONE)
    {
      show_message (self, _("An account needs at least one role: clerk, officer, supervisor or administrator"), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->clerk_check));
      return;
    }
  job = g_new0 (AccountsJob, 1);
  job->op = OP_UPDATE;
  job->username = g_strdup (self->editing);
  job->full_name = stripped_text (self->full_name_entry);
  job->roles = roles;
  run_job (self, job);
}

static void
submit_password (McAccountsDialog *self)
{
  AccountsJob *job;

  if (self->busy > 0 || find_account (self, self->editing) == NULL || !passwords_agree (self))
    return;
  job = g_new0 (AccountsJob, 1);
  job->op = OP_SET_PASSWORD;
  job->username = g_strdup (self->editing);
  job->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
  run_job (self, job);
}

static void
on_details_activate (McAccountsDialog *self,
                     GtkEntry         *entry)
{
  if (self->editing != NULL)
    submit_save (self);
  else
    submit_add (self);
}

static void
on_password_activate (McAccountsDialog *self,
                      GtkPasswordEntry *entry)
{
  if (self->editing != NULL)
    submit_password (self);
  else
    submit_add (self);
}

static void
on_add_clicked (McAccountsDialog *self,
                GtkButton        *button)
{
  submit_add (self);
}

static void
on_save_clicked (McAccountsDialog *self,
                 GtkButton        *button)
{
  submit_save (self);
}

static void
on_password_clicked (McAccountsDialog *self,
                     GtkButton        *button)
{
  submit_password (self);
}

static void
on_active_clicked (McAccountsDialog *self,
                   GtkButton        *button)
{
  const McAccount *account = find_account (self, self->editing);
  AccountsJob *job;

  if (self->busy > 0 || account == NULL)
    return;
  job = g_new0 (AccountsJob, 1);
  job->op = OP_SET_ACTIVE;
  job->username = g_strdup (account->username);
  job->active = !account->active;
  run_job (self, job);
}

static void
on_new_clicked (McAccountsDialog *self,
                GtkButton        *button)
{
  edit_new (self);
  show_message (self, NULL, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->username_entry));
}

/* A row clicked, or Enter on it: its account into the form, the focus on its first field. */
static void
on_row_activated (McAccountsDialog *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list)
{
  const McAccount *account = find_account (self, g_object_get_data (G_OBJECT (row), "mc-username"));

  if (account == NULL)
    return;
  if (g_strcmp0 (account->username, self->editing) != 0)
    {
      edit_account (self, account);
      show_message (self, NULL, FALSE);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->full_name_entry));
}

/* Someone else at the desk, or nobody (the lock): only an administrator keeps the window. */
static void
on_account_changed (McAccountsDialog *self,
                    McContext        *context)
{
  if (!mc_context_has_accounts (context) || (mc_context_get_roles (context) & MC_ROLE_ADMINISTRATOR) == 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  reload (self);
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
mc_accounts_dialog_constructed (GObject *object)
{
  McAccountsDialog *self = MC_ACCOUNTS_DIALOG (object);

  G_OBJECT_CLASS (mc_accounts_dialog_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "account-changed", G_CALLBACK (on_account_changed), self,
                           G_CONNECT_SWAPPED);
  edit_new (self);
  show_message (self, NULL, FALSE);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->username_entry));
  reload (self);
}

static void
mc_accounts_dialog_dispose (GObject *object)
{
  McAccountsDialog *self = MC_ACCOUNTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_ACCOUNTS_DIALOG);

  G_OBJECT_CLASS (mc_accounts_dialog_parent_class)->dispose (object);
}

static void
mc_accounts_dialog_finalize (GObject *object)
{
  McAccountsDialog *self = MC_ACCOUNTS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_free (self->editing);

  G_OBJECT_CLASS (mc_accounts_dialog_parent_class)->finalize (object);
}

static void
mc_accounts_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  McAccountsDialog *self = MC_ACCOUNTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_accounts_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  McAccountsDialog *self = MC_ACCOUNTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_accounts_dialog_class_init (McAccountsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_accounts_dialog_constructed;
  object_class->dispose = mc_accounts_dialog_dispose;
  object_class->finalize = mc_accounts_dialog_finalize;
  object_class->get_property = mc_accounts_dialog_get_property;
  object_class->set_property = mc_accounts_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, MC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-accounts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, new_button);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, form_title);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, username_entry);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, full_name_entry);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, clerk_check);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, officer_check);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, supervisor_check);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, administrator_check);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, password_repeat_entry);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, active_button);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, password_button);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, McAccountsDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_details_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_password_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_active_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
mc_accounts_dialog_init (McAccountsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

McAccountsDialog *
mc_accounts_dialog_new (McContext *context)
{
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  return g_object_new (MC_TYPE_ACCOUNTS_DIALOG, "context", context, NULL);
}

const char *
mc_accounts_dialog_get_message (McAccountsDialog *self)
{
  g_return_val_if_fail (MC_IS_ACCOUNTS_DIALOG (self), NULL);
  return gtk_label_get_text (self->message_label);
}

gboolean
mc_accounts_dialog_is_busy (McAccountsDialog *self)
{
  g_return_val_if_fail (MC_IS_ACCOUNTS_DIALOG (self), FALSE);
  return self->busy > 0;
}
