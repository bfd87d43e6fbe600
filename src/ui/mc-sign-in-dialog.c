/* mc-sign-in-dialog.c — signing in at the desk.
 *
 * The password is checked by the store on the context's worker (yescrypt takes a moment on
 * purpose), so the window stays responsive and the fields are insensitive meanwhile. A wrong
 * password clears the password field and says why, in the store's words; the user name stays.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-sign-in-dialog.h"
#include "mc-ui.h"

struct _McSignInDialog
{
  GtkWindow         parent_instance;

  McContext        *context;        /* owned */
  char             *username;       /* owned; offered at the start, or NULL */
  GCancellable     *cancellable;    /* owned */
  gboolean          busy;
  gboolean          signed_in;

  /* template children */
  GtkLabel         *office_label;
  GtkEntry         *username_entry;
  GtkPasswordEntry *password_entry;
  GtkLabel         *message_label;
  GtkButton        *sign_in_button;
};

G_DEFINE_FINAL_TYPE (McSignInDialog, mc_sign_in_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_USERNAME,
  N_PROPS
};

enum
{
  SIGNED_IN,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_message (McSignInDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static void
set_busy (McSignInDialog *self,
          gboolean        busy)
{
  /* Read-only rather than insensitive: a focused field made insensitive loses its focus-out. */
  self->busy = busy;
  gtk_editable_set_editable (GTK_EDITABLE (self->username_entry), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McAccount) account = mc_context_sign_in_finish (MC_CONTEXT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (account == NULL)
    {
      show_message (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }
  self->signed_in = TRUE;
  g_signal_emit (self, signals[SIGNED_IN], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
mc_sign_in_dialog_submit (McSignInDialog *self)
{
  g_autofree char *username = NULL;
  const char *password;

  g_return_if_fail (MC_IS_SIGN_IN_DIALOG (self));

  if (self->busy)
    return;
  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_entry))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  if (*username == '\0')
    {
      show_message (self, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_entry));
      return;
    }
  if (*password == '\0')
    {
      show_message (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }
  show_message (self, NULL);
  set_busy (self, TRUE);
  mc_context_sign_in_async (self->context, username, password, self->cancellable, sign_in_done,
                            g_object_ref (self));
}

/* Enter in the user name goes on to the password, or signs in when it is typed already. */
static void
on_username_activate (McSignInDialog *self,
                      GtkEntry       *entry)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->password_entry)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  else
    mc_sign_in_dialog_submit (self);
}

static void
on_password_activate (McSignInDialog   *self,
                      GtkPasswordEntry *entry)
{
  mc_sign_in_dialog_submit (self);
}

static void
on_sign_in_clicked (McSignInDialog *self,
                    GtkButton      *button)
{
  mc_sign_in_dialog_submit (self);
}

static gboolean
mc_sign_in_dialog_close_request (GtkWindow *window)
{
  g_autoptr(McSignInDialog) self = g_object_ref (MC_SIGN_IN_DIALOG (window));

  /* Held: a handler may destroy the window this one belongs to. */
  if (!self->signed_in)
    {
      g_cancellable_cancel (self->cancellable);
      g_signal_emit (self, signals[CANCELLED], 0);
    }
  if (GTK_WINDOW_CLASS (mc_sign_in_dialog_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (mc_sign_in_dialog_parent_class)->close_request (window);
  return FALSE;
}

static void
mc_sign_in_dialog_constructed (GObject *object)
{
  McSignInDialog *self = MC_SIGN_IN_DIALOG (object);
  const McOfficeSettings *office = mc_context_get_office (self->context);

  G_OBJECT_CLASS (mc_sign_in_dialog_parent_class)->constructed (object);

  gtk_label_set_text (self->office_label, office->office_name);
  if (self->username != NULL && *self->username != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->username_entry), self->username);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->password_entry));
    }
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->username_entry));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->sign_in_button));
  show_message (self, NULL);
}

static void
mc_sign_in_dialog_dispose (GObject *object)
{
  McSignInDialog *self = MC_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (mc_sign_in_dialog_parent_class)->dispose (object);
}

static void
mc_sign_in_dialog_finalize (GObject *object)
{
  McSignInDialog *self = MC_SIGN_IN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_free (self->username);

  G_OBJECT_CLASS (mc_sign_in_dialog_parent_class)->finalize (object);
}

static void
mc_sign_in_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  McSignInDialog *self = MC_SIGN_IN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sign_in_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  McSignInDialog *self = MC_SIGN_IN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sign_in_dialog_class_init (McSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mc_sign_in_dialog_constructed;
  object_class->dispose = mc_sign_in_dialog_dispose;
  object_class->finalize = mc_sign_in_dialog_finalize;
  object_class->get_property = mc_sign_in_dialog_get_property;
  object_class->set_property = mc_sign_in_dialog_set_property;
  window_class->close_request = mc_sign_in_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, MC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * McSignInDialog::signed-in:
   *
   * The context's store has the account signed in (mc_context_get_account); the window closes.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * McSignInDialog::cancelled:
   *
   * The window was closed without anyone signing in.
   */
  signals[CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McSignInDialog, office_label);
  gtk_widget_class_bind_template_child (widget_class, McSignInDialog, username_entry);
  gtk_widget_class_bind_template_child (widget_class, McSignInDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, McSignInDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, McSignInDialog, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_username_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
}

static void
mc_sign_in_dialog_init (McSignInDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

McSignInDialog *
mc_sign_in_dialog_new (McContext  *context,
                       const char *username)
{
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  return g_object_new (MC_TYPE_SIGN_IN_DIALOG,
                       "context", context,
                       "username", username,
                       NULL);
}

const char *
mc_sign_in_dialog_get_message (McSignInDialog *self)
{
  g_return_val_if_fail (MC_IS_SIGN_IN_DIALOG (self), NULL);
  return gtk_label_get_text (self->message_label);
}
