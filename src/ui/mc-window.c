/* mc-window.c — the counter's main window.
 *
 * The window owns the navigation and nothing else: pages do their own work with the shared
 * McContext and ask for navigation through the window's actions, which are the same names the
 * shortcuts, buttons and menus use (win.receive, win.search, win.show-dossier …). Typing
 * anywhere outside a text field goes to the search field, so a barcode scanner acting as a
 * keyboard opens the scanned dossier from any page.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-ui.h"

#include "mc-account-menu.h"
#include "mc-dashboard-page.h"
#include "mc-desk-lock.h"
#include "mc-dossier-code.h"
#include "mc-dossier-list-page.h"
#include "mc-dossier-page.h"
#include "mc-queue-page.h"
#include "mc-receive-page.h"
#include "mc-scanner-input.h"
#include "mc-search-page.h"
#include "mc-sync-indicator.h"
#include "mc-window.h"

struct _McWindow
{
  GtkApplicationWindow  parent_instance;

  McContext            *context;          /* owned */
  guint                 message_timeout;

  /* template children */
  GtkSearchEntry       *search_entry;
  McSyncIndicator      *sync_indicator;
  McAccountMenu        *account_menu;
  GtkStack             *stack;
  McQueuePage          *queue_page;
  McReceivePage        *receive_page;
  McDossierListPage    *list_page;
  McDashboardPage      *dashboard_page;
  McDossierPage        *dossier_page;
  McSearchPage         *search_page;
  GtkRevealer          *message_revealer;
  GtkLabel             *message_label;
};

G_DEFINE_FINAL_TYPE (McWindow, mc_window, GTK_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_page (McWindow   *self,
           const char *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
mc_window_receive_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  show_page (self, "receive");
  mc_receive_page_start (self->receive_page);
}

static void
mc_window_search_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
mc_window_show_dossier_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);

  mc_dossier_page_load (self->dossier_page, g_variant_get_string (parameter, NULL));
  show_page (self, "dossier");
}

static void
mc_window_show_page_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  McWindow *self = MC_WINDOW (widget);
  const char *page = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
    show_page (self, page);
}

static void
on_search_changed (McWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] == '\0')
    return;
  mc_search_page_search (self->search_page, text);
  show_page (self, "search");
}

/* Enter in the search field: a scanned slip (its URL or the bare code) opens that dossier
 * directly; anything else opens the first result. */
static void
on_search_activate (McWindow       *self,
                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const McOfficeSettings *office = mc_context_get_office (self->context);
  g_autofree char *code = mc_scanned_input_to_code (text, office->lookup_url_template, NULL);

  if (code != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-dossier", "s", code);
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      return;
    }
  /* Enter may come before the field's delayed "search-changed": search for what it holds now. */
  if (text[0] != '\0')
    mc_search_page_search (self->search_page, text);
  if (text[0] != '\0' && !mc_search_page_activate_first (self->search_page))
    mc_window_show_message (self, _("No dossier matches this search."));
}

/* Typing outside text fields started a search: the caret follows it into the search field, so
 * that Enter reaches the search field and not the button that had the focus. */
static void
on_search_started (McWindow       *self,
                   GtkSearchEntry *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  if (GTK_IS_TEXT (text))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

static void
on_stop_search (McWindow       *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  if (g_strcmp0 (mc_window_get_page (self), "search") == 0)
    show_page (self, "queue");
}

static gboolean
hide_message (gpointer user_data)
{
  McWindow *self = user_data;

  self->message_timeout = 0;
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
mc_window_constructed (GObject *object)
{
  McWindow *self = MC_WINDOW (object);
  GSettings *settings = mc_context_get_settings (self->context);
  McScannerInput *scanner;

  G_OBJECT_CLASS (mc_window_parent_class)->constructed (object);

  mc_queue_page_set_context (self->queue_page, self->context);
  mc_receive_page_set_context (self->receive_page, self->context);
  mc_dossier_list_page_set_context (self->list_page, self->context);
  mc_dashboard_page_set_context (self->dashboard_page, self->context);
  mc_dossier_page_set_context (self->dossier_page, self->context);
  mc_search_page_set_context (self->search_page, self->context);
  mc_sync_indicator_set_engine (self->sync_indicator, mc_context_get_sync_engine (self->context));
  /* On a desk with accounts: who is signed in, the sign-in at the start and the idle lock. */
  mc_account_menu_set_context (self->account_menu, self->context);
  mc_desk_lock_attach (GTK_WIDGET (self), self->context);

  /* A scan opens its dossier wherever the focus is: in a text field (the receive form's, say)
   * or not (then the keys went to the search field). */
  scanner = mc_scanner_input_attach (GTK_WIDGET (self), self->context);
  mc_scanner_input_set_default_field (scanner, GTK_WIDGET (self->search_entry));

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
mc_window_dispose (GObject *object)
{
  McWindow *self = MC_WINDOW (object);

  g_clear_handle_id (&self->message_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_WINDOW);

  G_OBJECT_CLASS (mc_window_parent_class)->dispose (object);
}

static void
mc_window_finalize (GObject *object)
{
  McWindow *self = MC_WINDOW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (mc_window_parent_class)->finalize (object);
}

static void
mc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  McWindow *self = MC_WINDOW (object);

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
mc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  McWindow *self = MC_WINDOW (object);

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
mc_window_class_init (McWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mc_window_constructed;
  object_class->dispose = mc_window_dispose;
  object_class->finalize = mc_window_finalize;
  object_class->get_property = mc_window_get_property;
  object_class->set_property = mc_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, MC_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MC_TYPE_QUEUE_PAGE);
  g_type_ensure (MC_TYPE_SYNC_INDICATOR);
  g_type_ensure (MC_TYPE_ACCOUNT_MENU);
  g_type_ensure (MC_TYPE_RECEIVE_PAGE);
  g_type_ensure (MC_TYPE_DOSSIER_LIST_PAGE);
  g_type_ensure (MC_TYPE_DASHBOARD_PAGE);
  g_type_ensure (MC_TYPE_DOSSIER_PAGE);
  g_type_ensure (MC_TYPE_SEARCH_PAGE);

  mc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/motcua/Desk/mc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, McWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, McWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, McWindow, account_menu);
  gtk_widget_class_bind_template_child (widget_class, McWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, McWindow, queue_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, receive_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, dossier_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, search_page);
  gtk_widget_class_bind_template_child (widget_class, McWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, McWindow, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "win.receive", NULL, mc_window_receive_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, mc_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-dossier", "s", mc_window_show_dossier_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", mc_window_show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.receive", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "queue");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "receive");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "list");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "dashboard");
}

/* On the receive form a letter typed on a tick box or a spin button is a slip of the
 * finger, not a search: there the search field does not capture typing (a scanned slip is
 * still recognised by McScannerInput, whatever has the focus). */
static void
on_visible_page_changed (McWindow   *self,
                         GParamSpec *pspec,
                         GtkStack   *stack)
{
  gboolean on_form = g_strcmp0 (gtk_stack_get_visible_child_name (stack), "receive") == 0;

  gtk_search_entry_set_key_capture_widget (self->search_entry, on_form ? NULL : GTK_WIDGET (self));
}

static void
mc_window_init (McWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing outside a text field lands in the search field (see on_visible_page_changed). */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_visible_page_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-started", G_CALLBACK (on_search_started), self,
                           G_CONNECT_SWAPPED);
}

McWindow *
mc_window_new (GtkApplication *application,
               McContext      *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  return g_object_new (MC_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

McContext *
mc_window_get_context (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return self->context;
}

void
mc_window_show_message (McWindow   *self,
                        const char *message)
{
  g_return_if_fail (MC_IS_WINDOW (self));

  gtk_label_set_text (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  self->message_timeout = g_timeout_add_seconds (6, hide_message, self);
}

const char *
mc_window_get_page (McWindow *self)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
mc_window_get_page_widget (McWindow   *self,
                           const char *page)
{
  g_return_val_if_fail (MC_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->stack, page);
}
