/* test-setup-dialog.c — the office's set-up and preferences as the clerk meets them: the form
 * shows the values in force, a bad value is said next to its field and keeps the form from
 * saving, and a saved change is what the desk uses (the context's copy and the store's, which
 * the CLI and the slip read). */
#include "config.h"

#include <string.h>

#include "mc-dossier-code.h"
#include "mc-setup-dialog.h"
#include "mc-ui-test.h"

static McSetupDialog *
open_dialog (McUiFixture *f)
{
  McSetupDialog *dialog = mc_setup_dialog_new (f->context);

  gtk_window_present (GTK_WINDOW (dialog));
  mc_ui_test_run_for (100);
  return dialog;
}

static GtkWidget *
find (McSetupDialog *dialog,
      GType          type,
      const char    *name)
{
  GtkWidget *widget = mc_ui_test_find (GTK_WIDGET (dialog), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_into (McSetupDialog *dialog,
           const char    *name,
           const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, GTK_TYPE_EDITABLE, name)), text);
}

static const char *
text_of (McSetupDialog *dialog,
         const char    *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (find (dialog, GTK_TYPE_EDITABLE, name)));
}

static gboolean
is_ticked (McSetupDialog *dialog,
           const char    *name)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (find (dialog, GTK_TYPE_CHECK_BUTTON, name)));
}

static void
tick (McSetupDialog *dialog,
      const char    *name,
      gboolean       active)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (dialog, GTK_TYPE_CHECK_BUTTON, name)), active);
}

/* The message line next to a field: NULL while the field is fine. */
static const char *
message_of (McSetupDialog *dialog,
            const char    *name)
{
  GtkWidget *label = find (dialog, GTK_TYPE_LABEL, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Enter in the last field of the form, as the clerk ends it. */
static void
press_enter_in_last_field (McSetupDialog *dialog)
{
  g_signal_emit_by_name (find (dialog, GTK_TYPE_ENTRY, "lookup-entry"), "activate");
}

static gpointer
noop_job (McStore  *store,
          gpointer  data,
          GError  **error)
{
  return GINT_TO_POINTER (TRUE);
}

static void
noop_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_nonnull (mc_context_run_finish (MC_CONTEXT (object), result, NULL));
  *done = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* The context's worker runs jobs in order: once a job queued now is done, every setting
 * queued before it is in the store. */
static void
wait_for_store (McUiFixture *f)
{
  gboolean done = FALSE;

  mc_context_run_async (f->context, noop_job, NULL, NULL, NULL, NULL, noop_done, &done);
  g_assert_true (mc_ui_test_wait_until (flag_is_set, &done, 5000));
}

static void
test_shows_current_values (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog;
  GtkWidget *save;

  g_settings_set_string (f->settings, "office-name", "Bộ phận Một cửa UBND phường Đồng Xuân");
  g_settings_set_string (f->settings, "desk-sequence-first", "101");
  g_settings_set_string (f->settings, "desk-sequence-last", "200");
  g_settings_set_string (f->settings, "office-working-weekdays", "1-6");
  g_settings_set_string (f->settings, "deadline-mode", "end-of-day");
  g_settings_set_string (f->settings, "paper-size", "a5");
  dialog = open_dialog (f);

  /* Set up already (the fixture's desk): this is the preferences window. */
  g_assert_false (mc_setup_dialog_get_first_start (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Preferences");
  save = find (dialog, GTK_TYPE_BUTTON, "save-button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save)), ==, "_Save");

  g_assert_cmpstr (text_of (dialog, "office-name-entry"), ==, "Bộ phận Một cửa UBND phường Đồng Xuân");
  g_assert_cmpstr (text_of (dialog, "parent-agency-entry"), ==, "UBND tỉnh Tuyên Quang");
  g_assert_cmpstr (text_of (dialog, "agency-code-entry"), ==, "000.00.16.H04");
  g_assert_cmpstr (text_of (dialog, "clerk-name-entry"), ==, "Lê Thị Thu");
  g_assert_cmpstr (text_of (dialog, "sequence-first-spin"), ==, "101");
  g_assert_cmpstr (text_of (dialog, "sequence-last-spin"), ==, "200");
  g_assert_cmpstr (text_of (dialog, "office-hours-entry"), ==, "07:00-11:30,13:30-17:00");
  g_assert_true (is_ticked (dialog, "weekday-1-check"));
  g_assert_true (is_ticked (dialog, "weekday-6-check"));
  g_assert_false (is_ticked (dialog, "weekday-7-check"));
  g_assert_true (is_ticked (dialog, "mode-end-of-day-check"));
  g_assert_false (is_ticked (dialog, "mode-office-hours-check"));
  g_assert_cmpstr (text_of (dialog, "cutoff-entry"), ==, "15:00");
  g_assert_cmpstr (text_of (dialog, "due-soon-spin"), ==, "1");
  g_assert_true (is_ticked (dialog, "paper-a5-check"));
  g_assert_false (is_ticked (dialog, "paper-a4-check"));
  g_assert_cmpstr (text_of (dialog, "lookup-entry"), ==,
                   "https://dichvucong.example-province.gov.vn/tra-cuu?ma={code}");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (dialog, GTK_TYPE_LABEL, "database-path-label"))), ==,
                   f->db_path);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (dialog, GTK_TYPE_LABEL, "office-hours-summary"))), ==,
                   "8 h 00 min of office time a day");

  /* Nothing to correct: the form can be saved as it is. */
  g_assert_true (mc_setup_dialog_is_valid (dialog));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_visible (find (dialog, GTK_TYPE_LABEL, "problems-label")));
  g_assert_null (message_of (dialog, "agency-code-message"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_invalid_agency_code_blocks_save (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog = open_dialog (f);
  GtkWidget *entry = find (dialog, GTK_TYPE_ENTRY, "agency-code-entry");
  GtkWidget *save = find (dialog, GTK_TYPE_BUTTON, "save-button");
  GtkWidget *problems = find (dialog, GTK_TYPE_LABEL, "problems-label");
  g_autofree char *code_before = g_settings_get_string (f->settings, "office-agency-code");

  type_into (dialog, "office-name-entry", "Bộ phận Một cửa xã Kim Bình");
  type_into (dialog, "agency-code-entry", "16.h04 xã");

  g_assert_nonnull (message_of (dialog, "agency-code-message"));
  g_assert_nonnull (strstr (message_of (dialog, "agency-code-message"), "“16.h04 xã”"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (mc_setup_dialog_is_valid (dialog));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_visible (problems));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problems)), ==, "Correct before saving: Agency code");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, "Correct before saving: Agency code");

  /* Enter in the last field does not save a form with a bad field: nothing is written. */
  press_enter_in_last_field (dialog);
  mc_ui_test_run_for (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (g_settings_get_user_value (f->settings, "office-name"));
  g_assert_cmpstr (mc_context_get_office (f->context)->office_name, ==, "Bộ phận Một cửa UBND xã Minh Tân");
  {
    g_autofree char *code_after = g_settings_get_string (f->settings, "office-agency-code");

    g_assert_cmpstr (code_after, ==, code_before);
  }

  /* Corrected, the message goes and the form can be saved. */
  type_into (dialog, "agency-code-entry", "000.00.16.H05");
  g_assert_null (message_of (dialog, "agency-code-message"));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_visible (problems));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_reversed_block_blocks_save (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog = open_dialog (f);
  const char *message;

  type_into (dialog, "sequence-first-spin", "500");
  type_into (dialog, "sequence-last-spin", "100");
  message = message_of (dialog, "sequence-message");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "500–100"));
  type_into (dialog, "cutoff-entry", "25:00");
  g_assert_nonnull (message_of (dialog, "cutoff-message"));
  g_assert_false (gtk_widget_get_sensitive (find (dialog, GTK_TYPE_BUTTON, "save-button")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (dialog, GTK_TYPE_LABEL, "problems-label"))), ==,
                   "Correct before saving: Daily numbers, Same-day cutoff");

  /* No working day at all is said in words, not as the setting's syntax. */
  for (int day = 1; day <= 7; day++)
    {
      g_autofree char *name = g_strdup_printf ("weekday-%d-check", day);

      tick (dialog, name, FALSE);
    }
  g_assert_cmpstr (message_of (dialog, "weekdays-message"), ==, "Tick at least one working day");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A change saved is what the desk uses from then on: the GSettings keys, the context's copy
 * of the office (the receive form and the slip), and the store's (the CLI, the transaction). */
static void
test_save_applies_office (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog;
  const McOfficeSettings *office;
  const McOfficeSettings *stored;
  g_autofree char *value = NULL;

  /* The desk's block is 1–100; the new one lies wholly above it. */
  g_settings_set_string (f->settings, "desk-sequence-last", "100");
  dialog = open_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  type_into (dialog, "office-name-entry", "  Bộ phận Một cửa UBND xã Kim   Bình ");
  type_into (dialog, "agency-code-entry", "000.00.16.H05");
  type_into (dialog, "sequence-first-spin", "200");
  type_into (dialog, "sequence-last-spin", "300");
  tick (dialog, "weekday-6-check", TRUE);
  tick (dialog, "mode-end-of-day-check", TRUE);
  type_into (dialog, "cutoff-entry", "16:00");
  type_into (dialog, "clerk-name-entry", "Trần Văn Bình");
  tick (dialog, "paper-a5-check", TRUE);
  g_signal_emit_by_name (find (dialog, GTK_TYPE_BUTTON, "save-button"), "clicked");
  g_assert_true (mc_ui_test_wait_until (pointer_is_null, &dialog, 5000));

  value = g_settings_get_string (f->settings, "office-name");
  g_assert_cmpstr (value, ==, "Bộ phận Một cửa UBND xã Kim Bình");
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (f->settings, "office-working-weekdays");
  g_assert_cmpstr (value, ==, "1,2,3,4,5,6");
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (f->settings, "clerk-name");
  g_assert_cmpstr (value, ==, "Trần Văn Bình");
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (f->settings, "paper-size");
  g_assert_cmpstr (value, ==, "a5");
  /* Unchanged values are not written: they keep following the defaults. */
  g_assert_null (g_settings_get_user_value (f->settings, "office-hours"));

  office = mc_context_get_office (f->context);
  g_assert_cmpstr (office->office_name, ==, "Bộ phận Một cửa UBND xã Kim Bình");
  g_assert_cmpstr (office->agency_code, ==, "000.00.16.H05");
  g_assert_cmpint (office->sequence_first, ==, 200);
  g_assert_cmpint (office->sequence_last, ==, 300);
  g_assert_cmpuint (office->working_weekdays, ==, 0x3f);
  g_assert_cmpint (office->deadline.mode, ==, MC_DEADLINE_END_OF_DAY);
  g_assert_cmpint (office->deadline.same_day_cutoff, ==, 16 * 3600);

  wait_for_store (f);
  stored = mc_store_get_settings (f->store);
  g_assert_cmpstr (stored->office_name, ==, "Bộ phận Một cửa UBND xã Kim Bình");
  g_assert_cmpstr (stored->agency_code, ==, "000.00.16.H05");
  g_assert_cmpint (stored->sequence_first, ==, 200);
  g_assert_cmpint (stored->sequence_last, ==, 300);
  g_assert_cmpint (stored->deadline.mode, ==, MC_DEADLINE_END_OF_DAY);
}

static void
test_first_start_save_sets_setup_done (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog;

  g_settings_set_boolean (f->settings, "setup-done", FALSE);
  dialog = open_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  g_assert_true (mc_setup_dialog_get_first_start (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Set Up the One-Stop Desk");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find (dialog, GTK_TYPE_BUTTON, "save-button"))), ==,
                   "_Start Working");

  type_into (dialog, "office-name-entry", "Bộ phận Một cửa UBND xã Kim Bình");
  press_enter_in_last_field (dialog);
  g_assert_true (mc_ui_test_wait_until (pointer_is_null, &dialog, 5000));

  g_assert_true (g_settings_get_boolean (f->settings, "setup-done"));
  g_assert_cmpstr (mc_context_get_office (f->context)->office_name, ==, "Bộ phận Một cửa UBND xã Kim Bình");
}

/* The action the dialog's Escape shortcut names, found through the shortcut itself. */
static GtkShortcutAction *
escape_action (McSetupDialog *dialog)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_get_action (shortcut);
        }
    }
  return NULL;
}

/* Escape on the first start closes without asking and without saving: the demo office stays
 * in force and the set-up comes back at the next start. */
static void
test_escape_on_first_start_saves_nothing (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog;
  GtkShortcutAction *action;

  g_settings_set_boolean (f->settings, "setup-done", FALSE);
  dialog = open_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  type_into (dialog, "office-name-entry", "Bộ phận Một cửa UBND xã Kim Bình");

  action = escape_action (dialog);
  g_assert_nonnull (action);
  g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (dialog), NULL));
  g_assert_true (mc_ui_test_wait_until (pointer_is_null, &dialog, 5000));

  g_assert_false (g_settings_get_boolean (f->settings, "setup-done"));
  g_assert_null (g_settings_get_user_value (f->settings, "office-name"));
  g_assert_cmpstr (mc_context_get_office (f->context)->office_name, ==, "Bộ phận Một cửa UBND xã Minh Tân");
}

static void
test_lookup_example_follows_template (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog = open_dialog (f);
  GtkWidget *example = find (dialog, GTK_TYPE_LABEL, "lookup-example");
  g_autofree char *code = mc_dossier_code_format ("000.00.16.H04", mc_time_local_day (mc_time_now ()), 1);
  g_autofree char *expected =
    g_strdup_printf ("Example: https://tracuu.tuyenquang.gov.vn/ho-so?ma=%s&cccd=001090012345", code);

  type_into (dialog, "lookup-entry", "https://tracuu.tuyenquang.gov.vn/ho-so?ma={code}&cccd={id}");
  g_assert_true (gtk_widget_get_visible (example));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (example)), ==, expected);
  g_assert_null (message_of (dialog, "lookup-message"));

  /* A template the QR could not be built from: said at once, no example, no saving. */
  type_into (dialog, "lookup-entry", "https://tracuu.tuyenquang.gov.vn/ho-so?ma={code}{code}");
  g_assert_nonnull (message_of (dialog, "lookup-message"));
  g_assert_false (gtk_widget_get_visible (example));
  g_assert_false (gtk_widget_get_sensitive (find (dialog, GTK_TYPE_BUTTON, "save-button")));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Enter before the last field moves on to the next field instead of saving half a form. */
static void
test_enter_moves_to_next_field (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog = open_dialog (f);
  GtkWidget *name = find (dialog, GTK_TYPE_ENTRY, "office-name-entry");
  GtkWidget *parent_agency = find (dialog, GTK_TYPE_ENTRY, "parent-agency-entry");
  GtkWidget *focus;

  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), name));
  g_signal_emit_by_name (name, "activate");
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (focus == parent_agency || gtk_widget_is_ancestor (focus, parent_agency));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The named field or button that holds the focus (the focus itself may be an entry's text). */
static const char *
focused_name (McSetupDialog *dialog)
{
  for (GtkWidget *w = gtk_window_get_focus (GTK_WINDOW (dialog)); w != NULL; w = gtk_widget_get_parent (w))
    if (g_strcmp0 (gtk_widget_get_name (w), G_OBJECT_TYPE_NAME (w)) != 0)
      return gtk_widget_get_name (w);
  return NULL;
}

/* Tab walks the form from top to bottom, as on paper, past the read-only lines (the example
 * URL, the database path) and ends on the buttons. */
static void
test_tab_order_follows_form (McUiFixture *f, gconstpointer data)
{
  McSetupDialog *dialog = open_dialog (f);
  g_autoptr(GString) order = g_string_new (focused_name (dialog));

  for (int i = 0; i < 40 && g_strcmp0 (focused_name (dialog), "save-button") != 0; i++)
    {
      /* What the Tab key does in a GtkWindow. */
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD));
      g_string_append_printf (order, " %s", focused_name (dialog));
    }
  g_assert_cmpstr (order->str, ==,
                   "office-name-entry parent-agency-entry agency-code-entry address-entry "
                   "clerk-name-entry sequence-first-spin sequence-last-spin paper-a4-check "
                   "office-hours-entry weekday-1-check weekday-2-check weekday-3-check weekday-4-check "
                   "weekday-5-check weekday-6-check weekday-7-check mode-office-hours-check "
                   "cutoff-entry due-soon-spin lookup-entry cancel-button save-button");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char *argv[])
{
  mc_ui_test_init (&argc, &argv);

  g_test_add ("/setup-dialog/shows-current-values", McUiFixture, NULL,
              mc_ui_fixture_setup, test_shows_current_values, mc_ui_fixture_teardown);
  g_test_add ("/setup-dialog/invalid-agency-code-blocks-save", McUiFixture, NULL,
              mc_ui_fixture_setup, test_invalid_agency_code_blocks_save, mc_ui_fixture_teardown);
  g_test_add ("/setup-dialog/reversed-block-blocks-save", McUiFixture, NULL,
              mc_ui_fixture_setup, test_reversed_block_blocks_save, mc_ui_fixture_teardown);
  g_test_add ("/setup-dialog/save-applies-office", McUiFixture, NULL,
              mc_ui_fixture_setup, test_save_applies_office, mc_ui_fixture_teardown);
  g_test_add ("/setup-dialog/first-start-save-sets-setup-done", McUiFixture, NULL,
              mc_ui_fixture_setup, test_first_start_save_sets_setup_done, mc_ui_fixture_teardown);
  g_test_add ("/setup-dialog/escape-on-first-start-saves-nothing", McUiFixture, NULL,
              mc_ui_fixture_setup, test_escape_on_first_start_saves_nothing, mc_ui_fixture_teardown);
  g_test_add ("/setup-dialog/lookup-example-follows-template", McUiFixture, NULL,
              mc_ui_fixture_setup, test_lookup_example_follows_template, mc_ui_fixture_teardown);
  g_test_add ("/setup-dialog/enter-moves-to-next-field", McUiFixture, NULL,
              mc_ui_fixture_setup, test_enter_moves_to_next_field, mc_ui_fixture_teardown);

  g_test_add ("/setup-dialog/tab-order-follows-form", McUiFixture, NULL,
              mc_ui_fixture_setup, test_tab_order_follows_form, mc_ui_fixture_teardown);

  return g_test_run ();
}
