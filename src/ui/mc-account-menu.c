/* mc-account-menu.c — who is at the desk, shown in the header bar.
 *
 * The name follows the context's account-changed signal; the menu's items name the window's
 * account.switch-user and account.lock actions, so the same actions serve the menu, shortcuts
 * and tests. "Manage Accounts…" is the menu's own account.manage (a widget action, found before
 * the window's "account" group): enabled, and so shown, only while an administrator is signed
 * in on a desk with accounts; it opens one McAccountsDialog, presented again if already open.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-account-menu.h"
#include "mc-accounts-dialog.h"
#include "mc-ui.h"

struct _McAccountMenu
{
  GtkWidget       parent_instance;

  McContext      *context;        /* owned */
  GtkWindow      *accounts;       /* weak: the open accounts window, or NULL */

  /* template children */
  GtkMenuButton  *button;
  GtkLabel       *name_label;
};

G_DEFINE_FINAL_TYPE (McAccountMenu, mc_account_menu, GTK_TYPE_WIDGET)

static void
update (McAccountMenu *self)
{
  const McAccount *account = self->context != NULL ? mc_context_get_account (self->context) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), self->context != NULL && mc_context_has_accounts (self->context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.manage", mc_account_menu_can_manage (self));
  if (account != NULL)
    {
      g_autofree char *roles = mc_roles_describe (account->roles);
      g_autofree char *tooltip = g_strdup_printf (_("%s (%s): %s"), account->full_name, account->username, roles);

      gtk_label_set_text (self->name_label, account->full_name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
    }
  else
    {
      gtk_label_set_text (self->name_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Nobody is signed in"));
    }
}

void
mc_account_menu_set_context (McAccountMenu *self,
                             McContext     *context)
{
  g_return_if_fail (MC_IS_ACCOUNT_MENU (self));
  g_return_if_fail (MC_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_signal_connect_object (context, "account-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

gboolean
mc_account_menu_can_manage (McAccountMenu *self)
{
  g_return_val_if_fail (MC_IS_ACCOUNT_MENU (self), FALSE);
  return self->context != NULL && mc_context_has_accounts (self->context) &&
         mc_context_get_account (self->context) != NULL &&
         (mc_context_get_roles (self->context) & MC_ROLE_ADMINISTRATOR) != 0;
}

static void
manage_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  McAccountMenu *self = MC_ACCOUNT_MENU (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  McAccountsDialog *dialog;

  if (!mc_account_menu_can_manage (self))
    return;
  if (self->accounts == NULL)
    {
      dialog = mc_accounts_dialog_new (self->context);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      g_set_weak_pointer (&self->accounts, GTK_WINDOW (dialog));
    }
  gtk_window_present (self->accounts);
}

const char *
mc_account_menu_get_name (McAccountMenu *self)
{
  g_return_val_if_fail (MC_IS_ACCOUNT_MENU (self), NULL);
  return gtk_label_get_text (self->name_label);
}

static void
mc_account_menu_dispose (GObject *object)
{
  McAccountMenu *self = MC_ACCOUNT_MENU (object);

  /* The window closes with the main window (destroy-with-parent); it no longer needs us. */
  g_clear_weak_pointer (&self->accounts);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_ACCOUNT_MENU);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_account_menu_parent_class)->dispose (object);
}

static void
mc_account_menu_class_init (McAccountMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_account_menu_dispose;

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-account-menu.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "account.manage", NULL, manage_action);
  gtk_widget_class_bind_template_child (widget_class, McAccountMenu, button);
  gtk_widget_class_bind_template_child (widget_class, McAccountMenu, name_label);
}

static void
mc_account_menu_init (McAccountMenu *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.manage", FALSE);
  /* Shown once a context says the desk has accounts. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
