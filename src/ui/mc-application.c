/* mc-application.c — the single-instance GtkApplication of the counter desk.
 *
 * Activation opens the desk's database (the path from --db, the database-path preference or
 * the default), makes the McContext every window shares (which mirrors the office preferences
 * from GSettings into the store, where the CLI and the receiving transaction read them), and
 * opens the main window, with the setup dialog in front on the very first start.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-application.h"
#include "mc-reminders.h"
#include "mc-setup-dialog.h"
#include "mc-ui.h"
#include "mc-window.h"

struct _McApplication
{
  GtkApplication  parent_instance;

  McContext      *context;          /* owned; NULL until the first activation */
  McReminders    *reminders;        /* owned; with the context */
  GSettings      *settings;         /* owned */
  char           *database_path;    /* --db, or NULL */
  gboolean        demo;             /* --demo: the demo office, no setup dialog */
};

G_DEFINE_FINAL_TYPE (McApplication, mc_application, GTK_TYPE_APPLICATION)

/* The context refused a preference changed from outside the app (dconf, gsettings set); it
 * keeps the store's value. Say so in the window the clerk is looking at. */
static void
on_setting_refused (McApplication *self,
                    const char    *key,
                    const char    *message,
                    McContext     *context)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (MC_IS_WINDOW (window))
    {
      g_autofree char *text = g_strdup_printf (_("The setting %s was not applied: %s"), key, message);

      mc_window_show_message (MC_WINDOW (window), text);
    }
}

static void
show_fatal_error (McApplication *self,
                  const char    *primary,
                  const char    *secondary)
{
  GtkWidget *dialog;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_message_dialog_new (NULL, 0, GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
choose_database_path (McApplication *self)
{
  g_autofree char *preference = NULL;

  if (self->database_path != NULL)
    return g_strdup (self->database_path);
  if (self->demo)
    return g_build_filename (g_get_user_data_dir (), "motcua", "demo.db", NULL);
  preference = g_settings_get_string (self->settings, "database-path");
  if (preference[0] != '\0')
    return g_steal_pointer (&preference);
  return NULL;   /* the store's default */
}

static gboolean
mc_application_open_context (McApplication *self)
{
  g_autofree char *path = choose_database_path (self);
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSyncEngine) sync_engine = NULL;
  g_autoptr(GError) error = NULL;

  store = mc_store_open (path, &error);
  if (store == NULL)
    {
      show_fatal_error (self, _("The desk’s database cannot be opened"), error->message);
      return FALSE;
    }

  /* The context mirrors the office preferences into the store from now on. */
  self->context = mc_context_new (store, self->settings);
  g_signal_connect_object (self->context, "setting-refused", G_CALLBACK (on_setting_refused), self,
                           G_CONNECT_SWAPPED);

  /* The sync works on its own connection in its own thread; without a portal configured it
   * just reports that changes wait in the outbox. */
  sync_engine = mc_sync_engine_new (mc_store_get_path (store));
  mc_context_set_sync_engine (self->context, sync_engine);
  mc_sync_engine_start (sync_engine);

  /* Deadlines due today and passed, and the supervisors' daily summary, as notifications. */
  self->reminders = mc_reminders_new (G_APPLICATION (self), self->context, NULL);
  mc_reminders_start (self->reminders);
  return TRUE;
}

static void
mc_application_activate (GApplication *application)
{
  McApplication *self = MC_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      if (self->context == NULL && !mc_application_open_context (self))
        return;

      window = GTK_WINDOW (mc_window_new (GTK_APPLICATION (self), self->context));
      /* The demo office needs no set-up; its slips name a demo clerk, not the login name. */
      if (self->demo && !g_settings_get_boolean (self->settings, "setup-done"))
        {
          g_autofree char *clerk = g_settings_get_string (self->settings, "clerk-name");

          if (clerk[0] == '\0')
            g_settings_set_string (self->settings, "clerk-name", "Lê Thị Thu");
          g_settings_set_boolean (self->settings, "setup-done", TRUE);
        }
    }

  gtk_window_present (window);

  /* A desk with accounts was set up by its administrator: the office is the store's, whoever
   * signs in on this computer. */
  if (!g_settings_get_boolean (self->settings, "setup-done") && !mc_context_has_accounts (self->context))
    {
      McSetupDialog *dialog = mc_setup_dialog_new (self->context);

      gtk_window_set_transient_for (GTK_WINDOW (dialog), window);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static int
mc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  McApplication *self = MC_APPLICATION (application);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("motcua %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &path))
    self->database_path = g_strdup (path);
  self->demo = g_variant_dict_contains (options, "demo");
  return -1;
}

static void
mc_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  McApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Destroying the windows lets pages cancel their work; queued saves still finish because
   * the context waits for its worker when it goes. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_destroy (windows->data);
      windows = next;
    }
}

static void
mc_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  McApplication *self = user_data;
  const char *developers[] = { _("The Một Cửa Desk developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Một Cửa Desk"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Receive dossiers at the one-stop-shop counter, print the receipt slip with its QR code and watch every deadline."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
mc_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  McApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  McSetupDialog *dialog;
  const McAccount *account;

  if (self->context == NULL)
    return;
  /* On a desk with accounts the office settings are the administrator's (the store refuses
   * anyone else's change anyway): say so rather than open a form that cannot be saved. */
  account = mc_context_get_account (self->context);
  if (mc_context_has_accounts (self->context) &&
      (account == NULL || !(account->roles & MC_ROLE_ADMINISTRATOR)))
    {
      if (MC_IS_WINDOW (window))
        mc_window_show_message (MC_WINDOW (window), _("Only an administrator may change the office settings."));
      return;
    }
  dialog = mc_setup_dialog_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A notification's action: the window (opened if need be) shows the dossier or the page. */
static void
mc_application_show_action (McApplication *self,
                            const char    *window_action,
                            GVariant      *parameter)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (MC_IS_WINDOW (window))
    gtk_widget_activate_action_variant (GTK_WIDGET (window), window_action, parameter);
}

static void
mc_application_show_dossier_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  mc_application_show_action (user_data, "win.show-dossier", parameter);
}

static void
mc_application_show_page_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  mc_application_show_action (user_data, "win.show-page", parameter);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = mc_application_quit_action },
  { .name = "show-dossier", .activate = mc_application_show_dossier_action, .parameter_type = "s" },
  { .name = "show-page", .activate = mc_application_show_page_action, .parameter_type = "s" },
  { .name = "about", .activate = mc_application_about_action },
  { .name = "preferences", .activate = mc_application_preferences_action },
};

static void
mc_application_startup (GApplication *application)
{
  McApplication *self = MC_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *save_accels[] = { "<Control>Return", "<Control>KP_Enter", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (mc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "receive.save", save_accels);

  mc_ui_ensure_resources ();
  gtk_css_provider_load_from_resource (css, "/org/motcua/Desk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
mc_application_finalize (GObject *object)
{
  McApplication *self = MC_APPLICATION (object);

  if (self->reminders != NULL)
    mc_reminders_stop (self->reminders);
  g_clear_object (&self->reminders);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (mc_application_parent_class)->finalize (object);
}

static void
mc_application_class_init (McApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mc_application_finalize;
  application_class->activate = mc_application_activate;
  application_class->startup = mc_application_startup;
  application_class->handle_local_options = mc_application_handle_local_options;
}

static void
mc_application_init (McApplication *self)
{
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Database file (default: the desk’s own database)"), N_("PATH") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start on the demo office and its demo database"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

McApplication *
mc_application_new (void)
{
  return g_object_new (MC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/motcua/Desk",
                       NULL);
}

McContext *
mc_application_get_context (McApplication *self)
{
  g_return_val_if_fail (MC_IS_APPLICATION (self), NULL);
  return self->context;
}
