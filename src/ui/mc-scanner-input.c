/* mc-scanner-input.c — a barcode scanner acting as a keyboard, recognised wherever the focus is.
 *
 * Typing outside text fields lands in the window's search field, whose Enter opens a scanned
 * slip; but a clerk who scans while the cursor sits in a field of the receive form gets the URL
 * typed into that field, and one who scans after typing a search gets the URL glued to it. So
 * the window's key presses also pass through a McScanBurst here, before any widget sees them:
 * the characters still go where they go (a burst can only be told from typing once it ends),
 * and when Return ends a burst that reads as a dossier code we take the Return, give the field
 * back what it held when the burst began (a search field is left empty), and open the dossier.
 */
#include "config.h"

#include "mc-dossier-code.h"
#include "mc-scanner-input.h"

/* ---- the timing rule ----------------------------------------------------------------- */

void
mc_scan_burst_init (McScanBurst *burst)
{
  burst->text = g_string_new (NULL);
  burst->n_chars = 0;
  burst->last_ms = 0;
  burst->running = FALSE;
}

void
mc_scan_burst_clear (McScanBurst *burst)
{
  if (burst->text != NULL)
    g_string_free (burst->text, TRUE);
  burst->text = NULL;
}

void
mc_scan_burst_reset (McScanBurst *burst)
{
  g_string_truncate (burst->text, 0);
  burst->n_chars = 0;
  burst->running = FALSE;
}

static gboolean
keyval_is_modifier (guint keyval)
{
  return (keyval >= GDK_KEY_Shift_L && keyval <= GDK_KEY_Hyper_R) ||
         (keyval >= GDK_KEY_ISO_Lock && keyval <= GDK_KEY_ISO_Last_Group_Lock) ||
         keyval == GDK_KEY_Mode_switch || keyval == GDK_KEY_Num_Lock;
}

static gboolean
keyval_is_return (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

McScanKey
mc_scan_burst_feed (McScanBurst *burst,
                    guint        keyval,
                    guint32      time_ms)
{
  /* Unsigned difference: event times wrap around every 49 days. */
  gboolean quick = burst->running && (guint32) (time_ms - burst->last_ms) < MC_SCANNER_MAX_GAP_MS;
  gunichar c;

  if (keyval_is_modifier (keyval))
    return MC_SCAN_KEY_IGNORED;

  if (keyval_is_return (keyval))
    {
      if (quick && burst->n_chars >= MC_SCANNER_MIN_CHARS)
        {
          /* The text stays readable until the next key. */
          burst->running = FALSE;
          return MC_SCAN_KEY_COMPLETED;
        }
      mc_scan_burst_reset (burst);
      return MC_SCAN_KEY_BROKEN;
    }

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isprint (c))
    {
      mc_scan_burst_reset (burst);
      return MC_SCAN_KEY_BROKEN;
    }

  if (!quick)
    mc_scan_burst_reset (burst);
  g_string_append_unichar (burst->text, c);
  burst->n_chars++;
  burst->last_ms = time_ms;
  burst->running = TRUE;
  return quick ? MC_SCAN_KEY_CONTINUED : MC_SCAN_KEY_STARTED;
}

const char *
mc_scan_burst_get_text (const McScanBurst *burst)
{
  return burst->text->str;
}

/* ---- the window's key presses -------------------------------------------------------- */

struct _McScannerInput
{
  GObject             parent_instance;

  GtkWidget          *window;         /* weak: it owns us */
  McContext          *context;        /* owned */
  McScanBurst         burst;
  GtkWidget          *default_field;  /* weak; where typing outside text fields goes, or NULL */

  /* The text field that had the focus when the current burst began, and what it held. */
  GtkWidget          *field;          /* weak */
  char               *field_text;
  int                 field_cursor;   /* characters */
};

G_DEFINE_FINAL_TYPE (McScannerInput, mc_scanner_input, G_TYPE_OBJECT)

static GQuark
scanner_input_quark (void)
{
  return g_quark_from_static_string ("mc-scanner-input");
}

static void
forget_field (McScannerInput *self)
{
  g_clear_weak_pointer (&self->field);
  g_clear_pointer (&self->field_text, g_free);
}

static void
mc_scanner_input_finalize (GObject *object)
{
  McScannerInput *self = MC_SCANNER_INPUT (object);

  forget_field (self);
  g_clear_weak_pointer (&self->default_field);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->context);
  mc_scan_burst_clear (&self->burst);

  G_OBJECT_CLASS (mc_scanner_input_parent_class)->finalize (object);
}

static void
mc_scanner_input_class_init (McScannerInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_scanner_input_finalize;
}

static void
mc_scanner_input_init (McScannerInput *self)
{
  mc_scan_burst_init (&self->burst);
}

static GtkWidget *
focused_widget (McScannerInput *self)
{
  GtkRoot *root;

  if (self->window == NULL || (root = gtk_widget_get_root (self->window)) == NULL)
    return NULL;
  return gtk_root_get_focus (root);
}

/* A burst may be starting: remember the text field the key will land in as it is before. */
static void
remember_field (McScannerInput *self)
{
  GtkWidget *focus = focused_widget (self);

  forget_field (self);
  if (!GTK_IS_EDITABLE (focus) && !GTK_IS_TEXT_VIEW (focus))
    focus = self->default_field;
  if (GTK_IS_EDITABLE (focus))
    {
      int start, end;

      self->field_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (focus)));
      if (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end))
        self->field_cursor = MIN (start, end);
      else
        self->field_cursor = gtk_editable_get_position (GTK_EDITABLE (focus));
    }
  else if (GTK_IS_TEXT_VIEW (focus))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      self->field_text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));
      self->field_cursor = gtk_text_iter_get_offset (&start);
    }
  else
    return;
  g_set_weak_pointer (&self->field, focus);
}

/* Puts back what the field held before the burst, whatever the burst did to it (inserted,
 * replaced a selection, was cut short by a maximum length or turned by an input method). */
static void
restore_field (McScannerInput *self)
{
  /* A search field is left empty for the next scan instead, as the window's Enter leaves it:
   * what it held was a search the scan replaces. */
  if (GTK_IS_EDITABLE (self->field) && gtk_widget_get_ancestor (self->field, GTK_TYPE_SEARCH_ENTRY) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->field), "");
  else if (GTK_IS_EDITABLE (self->field))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->field), self->field_text);
      gtk_editable_set_position (GTK_EDITABLE (self->field), self->field_cursor);
    }
  else if (GTK_IS_TEXT_VIEW (self->field))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->field));
      GtkTextIter cursor;

      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_set_text (buffer, self->field_text, -1);
      gtk_text_buffer_end_user_action (buffer);
      gtk_text_buffer_get_iter_at_offset (buffer, &cursor, self->field_cursor);
      gtk_text_buffer_place_cursor (buffer, &cursor);
    }
}

static gboolean
finish_burst (McScannerInput *self)
{
  const McOfficeSettings *office = mc_context_get_office (self->context);
  g_autofree char *code = NULL;

  /* The keys went into a field we did not see them start in: leave it all alone. */
  if (self->field == NULL ||
      (focused_widget (self) != self->field && self->field != self->default_field))
    return FALSE;
  code = mc_scanned_input_to_code (mc_scan_burst_get_text (&self->burst), office->lookup_url_template, NULL);
  if (code == NULL)
    return FALSE;

  restore_field (self);
  forget_field (self);
  gtk_widget_activate_action (self->window, "win.show-dossier", "s", code);
  return TRUE;
}

gboolean
mc_scanner_input_key_pressed (McScannerInput  *self,
                              guint            keyval,
                              GdkModifierType  state,
                              guint32          time_ms)
{
  g_return_val_if_fail (MC_IS_SCANNER_INPUT (self), FALSE);

  /* A scanner never holds Control or Alt: such a key is a shortcut, and ends any burst. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 && !keyval_is_modifier (keyval))
    {
      mc_scan_burst_reset (&self->burst);
      return FALSE;
    }

  switch (mc_scan_burst_feed (&self->burst, keyval, time_ms))
    {
    case MC_SCAN_KEY_STARTED:
      remember_field (self);
      return FALSE;
    case MC_SCAN_KEY_COMPLETED:
      return finish_burst (self);
    case MC_SCAN_KEY_IGNORED:
    case MC_SCAN_KEY_CONTINUED:
    case MC_SCAN_KEY_BROKEN:
    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                McScannerInput        *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  return mc_scanner_input_key_pressed (self, keyval, state, gdk_event_get_time (event));
}

McScannerInput *
mc_scanner_input_attach (GtkWidget *window,
                         McContext *context)
{
  McScannerInput *self;
  GtkEventController *controller;

  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);
  g_return_val_if_fail (MC_IS_CONTEXT (context), NULL);

  self = g_object_new (MC_TYPE_SCANNER_INPUT, NULL);
  self->context = g_object_ref (context);
  g_set_weak_pointer (&self->window, window);

  /* Capture phase: we see every key before the focused field does, and can take the Return. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "mc-scanner-input");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (window, controller);

  g_object_set_qdata_full (G_OBJECT (window), scanner_input_quark (), self, g_object_unref);
  return self;
}

void
mc_scanner_input_set_default_field (McScannerInput *self,
                                    GtkWidget      *field)
{
  g_return_if_fail (MC_IS_SCANNER_INPUT (self));
  g_return_if_fail (field == NULL || GTK_IS_EDITABLE (field));

  g_set_weak_pointer (&self->default_field, field);
}

McScannerInput *
mc_scanner_input_get (GtkWidget *window)
{
  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);
  return g_object_get_qdata (G_OBJECT (window), scanner_input_quark ());
}
